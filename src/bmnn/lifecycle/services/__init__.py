"""One function per lifecycle operation; the web UI, the API, the CLI and the deadlines job call these."""
