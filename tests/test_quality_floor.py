"""Quality floors on PolNeAR dev: a regression in the extractor fails CI.

The floors sit a little under the figures the shipped model measured (see README, "Benchmarks"); they
are pinned together with a hash of the dev split, so a changed corpus is reported as such rather than
as a regression. Raise them when the model improves; never lower them to make a change pass.
"""

import hashlib
import json
from pathlib import Path

import pytest

from onrecord.eval.polnear import load_gold, predictions_for_split, score
from tests.conftest import POLNEAR_DEV, requires_model, requires_polnear

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text())
pytestmark = [requires_model, requires_polnear, pytest.mark.model, pytest.mark.slow]


def split_digest(split: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(split.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(split).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def dev_figures(extractor):
    assert split_digest(POLNEAR_DEV) == FLOORS["dev_sha256"], "PolNeAR dev changed: re-measure and re-pin"
    predictions = {record["id"]: record["attributions"] for record in predictions_for_split(POLNEAR_DEV, extractor)}
    return score(load_gold(POLNEAR_DEV), predictions)


@pytest.mark.parametrize("metric", sorted(FLOORS["floors"]))
def test_dev_figure_holds_its_floor(dev_figures, metric):
    measured = dev_figures[metric]["f1"] if isinstance(dev_figures[metric], dict) else dev_figures[metric]
    assert measured >= FLOORS["floors"][metric], f"{metric}: {measured} < floor {FLOORS['floors'][metric]}"
