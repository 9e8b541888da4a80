"""The web UI: server-rendered pages (Jinja2, no JavaScript needed) built from the same dicts as the API."""
