"""Shared test fixtures: where ../shared is, and skips that say why when something is absent."""

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
