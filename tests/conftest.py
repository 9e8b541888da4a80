"""Shared test fixtures: where ../shared is, and skips that say why when something is absent."""

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from onrecord.nlp.roles import MODELS_DIR

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "corpora" / "seed" / "000_78964580f2b820a1.txt"
POLNEAR_DEV = SHARED / "corpora" / "polnear" / "dev"

requires_model = pytest.mark.skipif(
    not (MODELS_DIR / "roles-fast" / "config.cfg").exists(),
    reason="the packaged role tagger is missing: run `make train`",
)
requires_seed = pytest.mark.skipif(not SEED.exists(), reason=f"seed article not found at {SEED}")
requires_polnear = pytest.mark.skipif(not POLNEAR_DEV.exists(), reason=f"PolNeAR dev not found at {POLNEAR_DEV}")


@pytest.fixture(scope="session")
def extractor():
    from onrecord.pipeline import Extractor

    return Extractor()


# --- stores: every store test runs on SQLite and on a throw-away PostgreSQL server ------------------

def _postgres_binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server in a temp dir for this session; skipped, saying why, when none can start.

    PostgreSQL refuses to run as root, so as root the server runs as the ``postgres`` user.
    """
    initdb, pg_ctl = _postgres_binary("initdb"), _postgres_binary("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql; .ci/run does)")
    as_user: list[str] = []
    directory = Path(tempfile.mkdtemp(prefix="onrecord-pg-"))
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(directory, "postgres")
    data, port = directory / "data", _free_port()
    try:
        subprocess.run([*as_user, initdb, "-D", str(data), "-A", "trust", "-U", "onrecord", "--no-sync"],
                       check=True, capture_output=True, timeout=120)
        options = f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -F"
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-o", options, "-l", str(directory / "log"), "-w", "start"],
                       check=True, capture_output=True, timeout=120)
    except (subprocess.SubprocessError, OSError) as problem:
        shutil.rmtree(directory, ignore_errors=True)
        pytest.skip(f"could not start a throw-away PostgreSQL server: {problem}")
    yield f"postgresql://onrecord@127.0.0.1:{port}"
    subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True, timeout=60)
    shutil.rmtree(directory, ignore_errors=True)


_databases = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """A fresh, empty database URL on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "onrecord.db")
    import psycopg

    server = request.getfixturevalue("postgres_server")
    name = f"test_{os.getpid()}_{next(_databases)}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"
