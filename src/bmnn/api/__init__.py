"""The REST API: thin endpoints over the same selectors and services as the web UI."""
