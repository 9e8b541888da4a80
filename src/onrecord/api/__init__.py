"""The REST API and web UI over a store: ``create_app(store)`` is the FastAPI app ``onrecord serve`` runs."""

from onrecord.api.app import create_app

__all__ = ["create_app"]
