"""The web UI: layout, navigation, dashboard and the registry screens."""
