"""The work behind ``onrecord serve``: open the store, build the app, run it under uvicorn."""

from __future__ import annotations

import ipaddress
import os
import sys

API_KEY_VARIABLE = "ONRECORD_API_KEY"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(db: str, host: str, port: int, workers: int) -> int:
    """Serve until interrupted; 2 when the store cannot be opened."""
    import uvicorn
    from sqlalchemy.exc import SQLAlchemyError

    from onrecord.api.app import create_app
    from onrecord.api.extraction import ExtractionPool
    from onrecord.store import Store

    if not is_loopback(host):
        print(
            f"warning: listening on {host}: anyone who can reach this address can read the store",
            file=sys.stderr,
        )
    try:
        store = Store(db)
    except (SQLAlchemyError, OSError) as problem:
        reason = str(getattr(problem, "orig", None) or problem).splitlines()[0]
        print(f"error: cannot open the store {db}: {reason}", file=sys.stderr)
        return 2
    api_key = os.environ.get(API_KEY_VARIABLE) or None
    app = create_app(store, api_key=api_key, pool=ExtractionPool(workers=workers))
    writes = "on (API key set)" if api_key else f"off (set {API_KEY_VARIABLE} to allow them)"
    print(f"serving {store!r} on http://{host}:{port}/ · writes {writes}", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0
