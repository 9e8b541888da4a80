"""Reading the accurate tagger's wordpiece scores as role spans: valid BIO paths and whole words."""

import pytest

torch = pytest.importorskip("torch")
accurate = pytest.importorskip("onrecord.nlp.accurate")

LABELS = accurate.LABELS


def scores(*labels: str, strength: float = 5.0) -> "torch.Tensor":
    """One row per wordpiece, favouring the named label (a tuple gives two labels' weights)."""
    rows = []
    for wanted in labels:
        weights = dict(wanted) if isinstance(wanted, tuple) else {wanted: strength}
        rows.append(torch.tensor([weights.get(label, 0.0) for label in LABELS]))
    return torch.stack(rows)


def spans(text, offsets, logits):
    found = accurate.decode(text, offsets, accurate.best_labels(text, offsets, logits))
    return [(r.label, r.span.text(text)) for r in found]


TEXT = "Ana said we win now"
OFFSETS = [(0, 3), (4, 8), (9, 11), (12, 15), (16, 19)]


def test_an_inside_label_after_o_becomes_a_valid_start():
    logits = scores("B-SOURCE", "B-CUE", "I-CONTENT", "I-CONTENT", "O")
    labels = [LABELS[i] for i in accurate.best_labels(TEXT, OFFSETS, logits)]
    assert labels == ["B-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT", "O"]
    assert spans(TEXT, OFFSETS, logits) == [("SOURCE", "Ana"), ("CUE", "said"), ("CONTENT", "we win")]


def test_a_weak_stray_role_inside_a_span_yields_to_the_path():
    # "win" leans to I-CUE, but an I-CUE cannot follow CONTENT: the best valid path keeps one content
    logits = scores("B-SOURCE", "B-CUE", "B-CONTENT", (("I-CUE", 3.0), ("I-CONTENT", 2.5)), "I-CONTENT")
    assert spans(TEXT, OFFSETS, logits) == [("SOURCE", "Ana"), ("CUE", "said"), ("CONTENT", "we win now")]


def test_word_continuation_pieces_follow_their_first_piece():
    text = "Ruizova said yes"
    offsets = [(0, 4), (4, 7), (8, 12), (13, 16)]  # "Ruiz" + "ova": one word
    logits = scores("B-SOURCE", "B-CONTENT", "B-CUE", "B-CONTENT")
    assert spans(text, offsets, logits) == [("SOURCE", "Ruizova"), ("CUE", "said"), ("CONTENT", "yes")]


def test_nothing_to_read():
    assert accurate.best_labels("", [], torch.zeros(0, len(LABELS))) == []
