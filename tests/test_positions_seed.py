"""The seed story's position table and shift (shared/spec/seed-acceptance.md), through the store, on
SQLite and PostgreSQL, with the packaged models; and positions through the CLI."""

import subprocess
import sys
from datetime import date

import pytest

from onrecord.ingest import ReadOptions
from onrecord.pipeline import ingest
from onrecord.store import Store
from tests.conftest import SEED, requires_model, requires_seed

pytestmark = [requires_model, requires_seed]
QUESTION = "The U.S. permits Ukraine to use U.S.-supplied weapons to strike inside Russia."


@pytest.fixture
def seed_store(store_url, extractor):
    store = Store(store_url)
    ingest([str(SEED)], store, extractor, ReadOptions())
    store.add_question(QUESTION)
    yield store
    store.close()


def by_speaker(positions: list[dict]) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for position in positions:
        found.setdefault(position["speaker"], []).append(position)
    return found


def test_seed_position_table(seed_store):
    table = by_speaker(seed_store.positions(QUESTION))
    assert {p["stance"] for p in table["John Kirby"] if p["dated"] == date(2024, 5, 28)} >= {"opposes"}
    assert "supports" not in {p["stance"] for p in table["John Kirby"]}
    (officials,) = table["U.S. officials"]
    assert officials["stance"] == "supports" and officials["dated"] == date(2024, 5, 31)
    assert "Kharkiv" in officials["scope"] and "counterfire" in officials["scope"]
    (official,) = table["U.S. official"]
    assert official["stance"] == "opposes" and "ATACMS" in official["scope"]
    (united_states,) = table["United States"]
    assert united_states["stance"] == "opposes" and united_states["date_basis"] == "before_published"
    assert [p["stance"] for p in table["Volodymyr Zelenskyy"]] == ["supports"]
    assert [p["stance"] for p in table["European leaders"]] == ["supports"]


def test_kirby_nsc_and_us_officials_roll_up_to_the_us_government(seed_store):
    rolled = by_speaker(seed_store.positions(QUESTION, rollup=True))
    us = {p["content_text"][:30] for p in rolled["U.S. government"]}
    assert any(text.startswith("We are aware") for text in us)  # Kirby → NSC → White House → U.S.
    assert any(text.startswith("The administration") for text in us)  # two U.S. officials
    assert any(text.startswith("Our policy") for text in us)  # a U.S. official
    assert "Volodymyr Zelenskyy" not in rolled  # → Ukrainian government, not the U.S.
    kirby = seed_store.speaker("Kirby")
    assert kirby["organisation"] == "National Security Council"


def test_the_us_government_shift_cites_both_sides_and_the_unchanged_restriction(seed_store):
    (shift,) = [s for s in seed_store.shifts(question=QUESTION) if s["speaker"] == "U.S. government"]
    assert (shift["kind"], shift["from_stance"], shift["to_stance"]) == ("reversal", "opposes", "supports")
    assert (shift["from_date"], shift["to_date"]) == (date(2024, 5, 28), date(2024, 5, 31))
    assert shift["rollup"] is True and "Kharkiv" in shift["to_scope"]
    assert "John Kirby" in {p["speaker"] for p in shift["before"]}
    assert {p["speaker"] for p in shift["after"]} == {"U.S. officials"}
    assert any("ATACMS" in (p["scope"] or "") for p in shift["unchanged"])
    # advocates repeating themselves do not shift; nobody shifts on someone else's statement
    assert not [s for s in seed_store.shifts() if s["speaker"] in ("Volodymyr Zelenskyy", "European leaders")]
    assert shift in seed_store.shifts(speaker="Kirby")  # Kirby's organisations' shifts are his to see


def without_ids(positions: list[dict]) -> list[dict]:
    return [{k: v for k, v in p.items() if k != "id"} for p in positions]  # re-read rows get new ids


def test_positions_survive_a_registry_rebuild_and_questions_are_declared_once(seed_store):
    before = without_ids(seed_store.positions(QUESTION))
    again = seed_store.add_question(f"  {QUESTION} ")
    assert again["id"] == seed_store.question(QUESTION)["id"]
    assert len(seed_store.questions(kind="declared")) == 1
    ingest([str(SEED)], seed_store, lambda: pytest.fail("nothing new to extract"), ReadOptions())
    assert without_ids(seed_store.positions(QUESTION)) == before
    assert [s["speaker"] for s in seed_store.shifts()].count("U.S. government") == 1


def test_positions_and_shifts_from_the_cli(tmp_path):
    db = tmp_path / "seed.db"
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "onrecord", *map(str, args), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run("ingest", SEED).returncode == 0
    added = run("question", "add", QUESTION)
    assert added.returncode == 0, added.stderr
    assert "see: onrecord positions 1" in added.stdout
    table = run("positions", "Ukraine to use")
    assert table.returncode == 0 and "Kharkiv" in table.stdout
    shifts = run("shifts", "--format", "jsonl")
    assert shifts.returncode == 0 and '"U.S. government"' in shifts.stdout
    missing = run("positions", "no such question")
    assert missing.returncode == 2 and "no question 'no such question'" in missing.stderr
