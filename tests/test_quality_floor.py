"""Quality floors on PolNeAR dev: a regression in the extractor fails CI.

Each shipped model (``fast``, the default, and ``accurate``) has floors a little under the figures it
measured (see README, "Benchmarks"); they are pinned together with a hash of the dev split, so a
changed corpus is reported as such rather than as a regression. Raise them when a model improves;
never lower them to make a change pass. The positions figures (``onrecord eval positions`` against our
labels in eval/polnear-dev, default model) have floors too, and the shift false-alarm rate a ceiling.
"""

import hashlib
import json
from pathlib import Path

import pytest

from onrecord.eval.polnear import load_gold, predictions_for_split, score
from onrecord.nlp.roles import MODELS_DIR
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


CASES = [(model, metric) for model, pinned in FLOORS["models"].items() for metric in sorted(pinned["floors"])]


@pytest.fixture(scope="module")
def dev_figures(request):
    """Each model's figures on PolNeAR dev, measured once per test module (the default model through
    the session's shared ``extractor``, so its pipeline is not loaded twice)."""
    assert split_digest(POLNEAR_DEV) == FLOORS["dev_sha256"], "PolNeAR dev changed: re-measure and re-pin"
    measured: dict[str, dict] = {}

    def figures(model: str) -> dict:
        if model not in measured:
            from onrecord.pipeline import Extractor

            extractor = request.getfixturevalue("extractor") if model == "fast" else Extractor(model)
            records = predictions_for_split(POLNEAR_DEV, extractor)
            measured[model] = score(load_gold(POLNEAR_DEV), {r["id"]: r["attributions"] for r in records})
        return measured[model]

    return figures


@pytest.mark.parametrize(("model", "metric"), CASES)
def test_dev_figure_holds_its_floor(dev_figures, model, metric):
    if not (MODELS_DIR / f"roles-{model}").is_dir():
        pytest.skip(f"the {model} role tagger is not built: run `make train-{model}`")
    figures = dev_figures(model)
    measured = figures[metric]["f1"] if isinstance(figures[metric], dict) else figures[metric]
    floor = FLOORS["models"][model]["floors"][metric]
    assert measured >= floor, f"{model} {metric}: {measured} < floor {floor}"


# --- positions: our labels of PolNeAR dev (eval/polnear-dev), the default model -----------------------

POSITIONS = FLOORS["positions"]


@pytest.fixture(scope="module")
def positions_figures(extractor) -> dict:
    """``onrecord eval positions`` on PolNeAR dev, flattened to the names the floors use."""
    from onrecord.eval.positions import evaluate_corpus

    assert split_digest(POLNEAR_DEV) == FLOORS["dev_sha256"], "PolNeAR dev changed: re-measure and re-pin"
    labels = Path(__file__).parent.parent / POSITIONS["labels"]
    result = evaluate_corpus(POLNEAR_DEV, labels, lambda: extractor)
    return {
        "stance_macro_f1": result["stance"]["macro_f1"],
        "stance_coverage": result["stance"]["coverage"],
        "shift_recall": result["shifts"]["recall"],
        "false_alarm_rate": result["shifts"]["false_alarm_rate"],
        "registry_f1": result["registry"]["f1"],
    }


@pytest.mark.parametrize("metric", sorted(POSITIONS["floors"]))
def test_positions_figure_holds_its_floor(positions_figures, metric):
    measured, floor = positions_figures[metric], POSITIONS["floors"][metric]
    assert measured >= floor, f"positions {metric}: {measured} < floor {floor}"


@pytest.mark.parametrize("metric", sorted(POSITIONS["ceilings"]))
def test_positions_error_rate_stays_under_its_ceiling(positions_figures, metric):
    measured, ceiling = positions_figures[metric], POSITIONS["ceilings"][metric]
    assert measured <= ceiling, f"positions {metric}: {measured} > ceiling {ceiling}"
