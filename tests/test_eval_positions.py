"""``onrecord eval positions`` end to end on a small labelled corpus written here: the registry figure
resolves labelled mentions that no extracted statement covers where they stand."""

from __future__ import annotations

import json

import pytest

from onrecord.eval.positions import evaluate_corpus
from tests.conftest import requires_model

ARTICLES = {
    "wire_2024-05-28_policy": (
        "National Security Council spokesman John Kirby said on Tuesday that U.S. policy had not changed."
        "\n\nKirby later met reporters at the White House.\n"
    ),
    "wire_2024-05-31_kharkiv": (
        '"We have been clear about this," John Kirby told reporters on Friday.'
        "\n\nHe spent the afternoon in meetings."
        "\n\nTwo U.S. officials said Ukraine may now strike inside Russia near Kharkiv.\n"
    ),
}
QUESTION = "The U.S. permits Ukraine to strike inside Russia with U.S. weapons."


def span(name: str, needle: str, nth: int = 0) -> list[list[int]]:
    start = -1
    for _ in range(nth + 1):
        start = ARTICLES[name].index(needle, start + 1)
    return [[start, start + len(needle)]]


def write_jsonl(path, records) -> None:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")


@pytest.fixture
def labelled(tmp_path):
    corpus, labels = tmp_path / "corpus", tmp_path / "labels"
    (corpus / "text").mkdir(parents=True)
    labels.mkdir()
    for name, text in ARTICLES.items():
        (corpus / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    policy, kharkiv = ARTICLES
    write_jsonl(labels / "questions.jsonl", [{"question_id": "q1", "question": QUESTION}])
    write_jsonl(
        labels / "stance.jsonl",
        [
            {"article": policy, "question_id": "q1", "content": span(policy, "U.S. policy had not changed"),
             "speaker": "John Kirby", "stance": "opposes", "scope": None, "said_on": "2024-05-28"},
            {"article": kharkiv, "question_id": "q1",
             "content": span(kharkiv, "Ukraine may now strike inside Russia near Kharkiv"),
             "speaker": "ANON:two U.S. officials", "stance": "supports", "scope": "near Kharkiv",
             "said_on": "2024-05-31"},
        ],
    )  # fmt: skip
    write_jsonl(
        labels / "speaker_mentions.jsonl",
        [
            {"article": policy, "source": span(policy, "National Security Council spokesman John Kirby"),
             "entity": "John Kirby"},
            {"article": policy, "source": span(policy, "Kirby", 1), "entity": "John Kirby"},  # no statement
            {"article": kharkiv, "source": span(kharkiv, "John Kirby"), "entity": "John Kirby"},
            {"article": kharkiv, "source": span(kharkiv, "He"), "entity": "John Kirby"},  # no statement
            {"article": kharkiv, "source": span(kharkiv, "Two U.S. officials"),
             "entity": f"ANON:two U.S. officials [{kharkiv}]"},
        ],
    )  # fmt: skip
    for name in ("shifts.jsonl", "no_shifts.jsonl"):
        (labels / name).write_text("", encoding="utf-8")
    return corpus, labels


@requires_model
def test_eval_positions_scores_stance_and_resolves_mentions_no_statement_covers(
    labelled, extractor, monkeypatch
):
    monkeypatch.delenv("ONRECORD_LLM_URL", raising=False)  # the offline reader alone
    corpus, labels = labelled
    result = evaluate_corpus(corpus, labels, lambda: extractor)

    assert result["questions"] == 1
    assert result["chat_reader"] == {"name": None, "min_relevance": None, "verdicts": 0, "failures": 0}
    assert result["stance"]["labelled"] == 2
    assert 0 <= result["stance"]["coverage"] <= 1 and 0 <= result["stance"]["macro_f1"] <= 1
    # every link to the question here is in a labelled article; the labelled ones are those covered
    stance = result["stance"]
    links, labelled_links = stance["links_in_labelled_articles"], stance["matched_and_linked"]
    assert links >= labelled_links
    assert stance["link_precision"] == (round(labelled_links / links, 3) if links else 0.0)
    assert result["shifts"]["labelled_shifts"] == 0 and result["shifts"]["no_shift_pairs"] == 0
    registry = result["registry"]
    # three mentions head a statement; "Kirby later met" and "He spent" head none and are read in place
    counts = (registry["mentions"], registry["resolved_by_statements"], registry["unresolved_mentions"])
    assert counts == (5, 3, 0)
    assert (registry["precision"], registry["recall"], registry["labelled_pairs"]) == (1.0, 1.0, 6)
