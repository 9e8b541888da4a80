"""onrecord.eval.polnear must give exactly the reference scorer's figures (shared/tools/polnear_score.py)."""

import json
import runpy
from datetime import date
from pathlib import Path

import pytest

from onrecord.eval.polnear import (
    drop_forward_references,
    format_report,
    load_gold,
    pair_contents,
    predictions_for_split,
    score,
    span_pieces,
    word_tokens,
)
from onrecord.model import DateRange, Kind, Span, Speaker, Statement

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REFERENCE_SCORER = SHARED / "tools" / "polnear_score.py"
DEV_SPLIT = SHARED / "corpora" / "polnear" / "dev"


@pytest.fixture(scope="module")
def reference():
    if not REFERENCE_SCORER.is_file():
        pytest.skip(f"reference scorer not found at {REFERENCE_SCORER} (../shared is absent)")
    return runpy.run_path(str(REFERENCE_SCORER))


def find(text: str, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def comparable(gold) -> dict:
    """Gold with each role's spans sorted (the reference keeps annotation order; order never counts)."""
    return {
        name: (text, [{role: sorted(map(tuple, pieces)) for role, pieces in r.items()} for r in records])
        for name, (text, records) in gold.items()
    }


# --- a small gold split -----------------------------------------------------------------------------

ALPHA = (
    'Trump said on Monday that "the wall will be built," and aides agreed.\r\n'
    "The plan, according to officials, is final and it is expensive.\r\n"
    "Polls show a tight race, the campaign said.\r\n"
)
BETA = "Clinton told reporters she would win. Critics doubt it.\nIt is believed the race is close.\n"
GAMMA = "Nothing annotated here, says nobody.\n"  # no .ann file: the reference leaves it out of gold


def t_line(ident: str, label: str, text: str, *pieces: tuple[int, int]) -> str:
    offsets = ";".join(f"{s} {e}" for s, e in pieces)
    return f"{ident}\t{label} {offsets}\t{' '.join(text[s:e] for s, e in pieces)}"


def alpha_ann() -> str:
    t = ALPHA
    return "\n".join(
        [
            t_line("T1", "Source", t, find(t, "Trump")),
            t_line("T2", "Cue", t, find(t, "said")),
            t_line("T3", "Content", t, find(t, '"the wall will be built,"')),
            "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3",
            t_line("T4", "Source", t, find(t, "officials")),
            t_line("T5", "Cue", t, find(t, "according to")),
            # discontinuous content around the cue and source
            t_line("T6", "Content", t, find(t, "The plan,"), find(t, "is final")),
            "E2\tAttribution:T5 Source:T4 Cue:T5 Content:T6 Content2:T10",  # T10 is defined below: ignored
            t_line("T7", "Cue", t, find(t, "said", 1)),
            t_line("T8", "Content", t, find(t, "Polls show a tight race")),
            t_line("T9", "Source", t, find(t, "the campaign")),
            "E3\tAttribution:T7 Cue:T7 Content:T8 Source:T9",
            t_line("T10", "Content", t, find(t, "it is expensive")),
            "A1\tNegated E3",  # neither a span nor an event
            "",
        ]
    )


def beta_ann() -> str:
    t = BETA
    return "\n".join(
        [
            t_line("T1", "Source", t, find(t, "Clinton")),
            t_line("T2", "Cue", t, find(t, "told")),
            t_line("T3", "Content", t, find(t, "she would win")),
            "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3",
            # Attribution-no-source
            t_line("T4", "Cue", t, find(t, "It is believed")),
            t_line("T5", "Content", t, find(t, "the race is close")),
            "E2\tAttribution:T4 Cue:T4 Content:T5",
            # an event without content is no attribution
            t_line("T6", "Source", t, find(t, "Critics")),
            "E3\tAttribution:T6 Source:T6",
        ]
    )


@pytest.fixture
def split(tmp_path: Path) -> Path:
    root = tmp_path / "polnear" / "dev"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name, text in (("alpha", ALPHA), ("beta", BETA), ("gamma", GAMMA)):
        (root / "text" / f"{name}.txt").write_bytes(text.encode("utf-8"))
    (root / "attributions" / "alpha_ab12.ann").write_text(alpha_ann(), encoding="utf-8")
    (root / "attributions" / "alpha_zz99.ann").write_text("", encoding="utf-8")  # second annotator: unused
    (root / "attributions" / "beta_cd34.ann").write_text(beta_ann(), encoding="utf-8")
    (tmp_path / "polnear" / "metadata.tsv").write_text(
        "compartment\tfilename\tpublisher\tpublication_date\ttitle\n"
        'dev\talpha\tnyt\t2016-03-07\tA "wall" story\n'
        "dev\tbeta\twash-post\tnot a date\tBeta\n",
        encoding="utf-8",
    )
    return root


def spans(text: str, *phrases: str) -> list[list[int]]:
    return [list(find(text, phrase)) for phrase in phrases]


def small_predictions() -> dict:
    a, b = ALPHA, BETA
    return {
        "alpha": [
            # exact content and source
            {"source": spans(a, "Trump"), "cue": spans(a, "said"),
             "content": spans(a, '"the wall will be built,"')},
            # the same again: a tie on Jaccard, only one may pair
            {"source": spans(a, "Trump"), "cue": [], "content": spans(a, "the wall will be built")},
            # partial content, wrong source, cut mid-word
            {"source": [[0, 3]], "cue": spans(a, "according to"),
             "content": [[find(a, "plan")[0] + 1, find(a, "final")[1]]]},
            # content without word tokens: dropped from pairing, but its cue still counts as a span piece
            {"source": None, "cue": spans(a, "agreed"), "content": [[find(a, ",")[0], find(a, ",")[1]]]},
            # no content at all: ignored everywhere
            {"source": spans(a, "aides"), "cue": spans(a, "agreed"), "content": []},
            {"source": spans(a, "the campaign"), "content": spans(a, "a tight race")},
        ],
        "beta": [
            {"source": [], "cue": spans(b, "It is believed"), "content": spans(b, "the race is close")},
            {"source": spans(b, "Critics"), "cue": [],
             "content": spans(b, "she would win. Critics doubt it")},
            {"source": spans(b, "reporters"), "cue": spans(b, "told"), "content": spans(b, "she would win")},
        ],
        "gamma": [{"source": [], "cue": [], "content": [[0, 7]]}],  # not in gold: ignored
        "unknown": [{"content": [[0, 5]]}],
    }


def test_small_split_gold_is_read_as_the_reference_reads_it(split, reference):
    ours, theirs = load_gold(split), reference["load_gold"](str(split))
    assert set(ours) == set(theirs) == {"alpha", "beta"}
    assert comparable(ours) == comparable(theirs)
    assert len(ours["alpha"][1]) == 3 and len(ours["beta"][1]) == 2


def test_small_split_scores_match_the_reference(split, reference):
    gold = load_gold(split)
    predictions = small_predictions()
    ours = score(gold, predictions)
    theirs = reference["score"](reference["load_gold"](str(split)), predictions)
    assert ours == theirs
    assert json.dumps(ours) == json.dumps(theirs)  # same key order, same int/float types
    assert ours["pred"] == 7  # the wordless-content and no-content predictions are not counted


@pytest.mark.parametrize(
    "predictions",
    [
        {},  # nothing predicted
        {"alpha": [], "beta": []},
        {"alpha": [{"source": None, "cue": None, "content": [[0, 5]]}]},
    ],
)
def test_degenerate_predictions_match_the_reference(split, reference, predictions):
    theirs = reference["score"](reference["load_gold"](str(split)), predictions)
    assert score(load_gold(split), predictions) == theirs


def test_empty_gold_matches_the_reference(reference):
    assert score({}, {}) == reference["score"]({}, {})


def test_dev_split_scores_match_the_reference(reference):
    if not DEV_SPLIT.is_dir():
        pytest.skip(f"PolNeAR dev split not found at {DEV_SPLIT}")
    gold = load_gold(DEV_SPLIT)
    reference_gold = reference["load_gold"](str(DEV_SPLIT))
    assert comparable(gold) == comparable(reference_gold)

    def perturbed(text: str, records: list[dict]) -> list[dict]:
        out = []
        for k, record in enumerate(records):
            if k % 5 == 4:
                continue  # a subset: every fifth gold attribution missed
            content = [list(piece) for piece in record["content"]]
            if k % 3 == 1:  # truncated: first half of the first piece
                s, e = content[0]
                content[0] = [s, s + (e - s) // 2]
            elif k % 3 == 2:  # shifted right by 7 characters
                content = [[s + 7, min(e + 7, len(text))] for s, e in content]
            source = None if k % 4 == 3 else [list(piece) for piece in record["source"]]
            out.append({"source": source, "cue": [list(p) for p in record["cue"]], "content": content})
            if k % 7 == 0:
                out.append(dict(out[-1]))  # a duplicate: ties in pairing
        return out

    predictions = {name: perturbed(text, records) for name, (text, records) in reference_gold.items()}
    ours = score(gold, predictions)
    theirs = reference["score"](reference_gold, predictions)
    assert json.dumps(ours) == json.dumps(theirs)
    assert 0 < ours["partial"]["f1"] < 1


# --- pieces ---------------------------------------------------------------------------------------


def test_word_tokens_are_start_offsets_cut_at_span_edges():
    text = "Hello, wonderful world"
    assert word_tokens(text, [[0, 5], [9, 12]]) == {0, 9}
    assert word_tokens(text, None) == set()
    assert span_pieces(text, [[0, 16], [5, 7]]) == {(0, 7)}  # a wordless piece is dropped


def test_pairing_is_greedy_one_to_one_with_ties_to_the_later_indices():
    same = {1, 2}
    assert pair_contents([same, same], [same]) == [(1, 0)]
    assert pair_contents([{1, 2, 3}], [{1}, {1, 2}]) == [(0, 1)]
    assert pair_contents([{1, 2, 3}], [{1}]) == []  # Jaccard 1/3 is below 0.5


def test_drop_forward_references_keeps_only_spans_defined_above():
    ann = "T1\tCue 0 4\tsaid\nE1\tAttribution:T1 Cue:T1 Content:T2\nT2\tContent 5 9\twins\n"
    assert drop_forward_references(ann).splitlines()[1] == "E1\tAttribution:T1 Cue:T1"


# --- predictions and report -------------------------------------------------------------------------


class FakeExtractor:
    def __init__(self):
        self.seen = []

    def extract_articles(self, articles, jobs=1):
        for article in articles:
            self.seen.append(article)
            yield article, [
                Statement(
                    content=(Span(0, 5),),
                    cue=(Span(6, 10),),
                    source=(),
                    kind=Kind.INDIRECT,
                    speaker=Speaker("Donald Trump", "Trump"),
                    channel="interview",
                    said_on=DateRange(date(2016, 3, 7), date(2016, 3, 7), "article date"),
                    confidence=0.75,
                )
            ]


def test_predictions_for_split_reads_texts_exactly_with_metadata(split):
    extractor = FakeExtractor()
    records = list(predictions_for_split(split, extractor))
    assert [r["id"] for r in records] == ["alpha", "beta", "gamma"]
    alpha, beta, gamma = extractor.seen
    assert alpha.text == ALPHA  # CRLF kept
    assert alpha.published == date(2016, 3, 7) and alpha.outlet == "nyt" and alpha.title == 'A "wall" story'
    assert beta.published is None and gamma.published is None
    attribution = records[0]["attributions"][0]
    assert list(attribution)[:3] == ["source", "cue", "content"]
    assert attribution["source"] == [] and attribution["cue"] == [[6, 10]]
    assert attribution["content"] == [[0, 5]]
    assert attribution["kind"] == "indirect" and attribution["channel"] == "interview"
    assert attribution["speaker"]["name"] == "Donald Trump" and attribution["confidence"] == 0.75
    assert attribution["said_on"]["start"] == "2016-03-07"


def test_predictions_without_metadata(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "one.txt").write_text("date 2020-01-02\n\nHe said so.\n", encoding="utf-8")
    extractor = FakeExtractor()
    assert [r["id"] for r in predictions_for_split(tmp_path, extractor)] == ["one"]
    assert extractor.seen[0].published == date(2020, 1, 2)  # from the text's own date line


def test_report_ends_with_the_headline_figures(split):
    result = score(load_gold(split), small_predictions())
    lines = format_report(result).splitlines()
    assert [line.split()[0] for line in lines[-4:]] == ["attr", "partial", "exact", "span_exact"]
    assert lines[-4] == "attr     P {p:.3f} R {r:.3f} F1 {f1:.3f}".format(**result["attr"])
    assert lines[-1].endswith(f"content {result['span_exact_content']:.3f}")
    assert json.loads(next(line for line in lines if line.startswith("{"))) == result
