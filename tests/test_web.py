"""Page pieces without a server: the highlighted text (escaped, marked by role), the timeline chart's
geometry, and page cursors."""

from datetime import date

import pytest

from onrecord.api import cursor
from onrecord.web.chart import timeline_chart
from onrecord.web.highlight import marked_paragraphs

TEXT = 'Mayor <b>Lund</b> said "<script>alert(1)</script> fares stay flat."\nPhoto: Ann Lee/AFP'
LINE_END = TEXT.index("\n")
BLOCKS = [
    {"start": 0, "end": LINE_END, "role": "body"},
    {"start": LINE_END + 1, "end": len(TEXT), "role": "caption"},
]


def statement(source, cue, content):
    return {"source": [source], "cue": [cue], "content": [content]}


def test_spans_are_marked_by_role_and_everything_is_escaped():
    [body, caption] = marked_paragraphs(TEXT, BLOCKS, [statement((6, 17), (17, 22), (23, LINE_END))])
    html = str(body["html"])
    assert (
        '<mark class="span-source" data-statement="1" id="s1" title="source of statement 1">Mayor' not in html
    )
    assert 'Mayor <mark class="span-source" data-statement="1" id="s1"' in html
    assert ">&lt;b&gt;Lund&lt;/b&gt;</mark>" in html
    assert '<mark class="span-cue" data-statement="1" title="cue of statement 1"> said</mark>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert caption == {"role": "caption", "html": "Photo: Ann Lee/AFP"}


def test_overlapping_spans_show_the_cue_first_and_each_statement_is_anchored_once():
    text = "Ann said yes."
    [body] = marked_paragraphs(
        text,
        [{"start": 0, "end": 13, "role": "body"}],
        [statement((0, 3), (4, 8), (0, 12)), statement((0, 3), (4, 8), (9, 12))],
    )
    html = str(body["html"])
    assert html.count('id="s1"') == 1 and 'id="s2"' not in html  # statement 2's spans all lie under 1's
    assert '<mark class="span-cue" data-statement="1"' in html


@pytest.mark.parametrize("value", [(date(2024, 5, 31), 42), 0, 150])
def test_cursors_round_trip(value):
    token = cursor.encode(value)
    assert (cursor.decode_key(token) if isinstance(value, tuple) else cursor.decode_offset(token)) == value


@pytest.mark.parametrize(
    "token", ["", "!!", "bnVsbA", cursor.encode(-1), cursor.encode((date(2024, 1, 1), 2**70))]
)
def test_foreign_cursors_are_refused(token):
    with pytest.raises(cursor.BadCursor):
        cursor.decode_key(token)
    with pytest.raises(cursor.BadCursor):
        cursor.decode_offset(token) if token != cursor.encode(0) else cursor.decode_offset("!!")


def point(day, stance, statement_id):
    return {
        "dated": day,
        "stance": stance,
        "article_id": 7,
        "statement_id": statement_id,
        "speaker": "U.S.",
        "content_text": "no change",
    }


def test_chart_puts_supports_above_opposes_and_links_points_and_shifts():
    points = [
        point(date(2024, 5, 1), "opposes", 1),
        point(date(2024, 5, 31), "supports", 2),
        point(None, "neutral", 3),
    ]
    shift = {
        "id": 9,
        "kind": "reversal",
        "from_stance": "opposes",
        "to_stance": "supports",
        "from_date": date(2024, 5, 1),
        "to_date": date(2024, 5, 31),
    }
    chart = timeline_chart(points, [shift])
    first, last = chart["points"]
    assert first["x"] < last["x"] and last["y"] < first["y"]  # later to the right, supports higher up
    assert first["href"] == "/articles/7#statement-1" and chart["undated"] == 1
    [arrow] = chart["shifts"]
    assert (arrow["x1"], arrow["y1"], arrow["x2"], arrow["y2"]) == (
        first["x"],
        first["y"],
        last["x"],
        last["y"],
    )
    assert arrow["href"] == "#shift-9" and chart["ticks"][0]["label"] == "2024-05-01"


def test_points_on_one_day_and_stance_fan_out():
    chart = timeline_chart([point(date(2024, 5, 1), "supports", n) for n in range(3)])
    assert len({p["x"] for p in chart["points"]}) == 3 and len({p["y"] for p in chart["points"]}) == 1


def test_a_reported_positions_cell_says_it_was_held_before_and_who_reported_it():
    from onrecord.web.views import templates

    cell = templates.env.from_string('{% from "macros.html" import position_cell %}{{ position_cell(p) }}')
    reported = {
        "content_text": "the Pacific trade deal", "speaker": "Hillary Clinton", "stance": "supports",
        "dated": date(2016, 9, 30), "date_basis": "before_reporter", "reported_by": "Donald <Trump>",
        "article_id": 1, "statement_id": 2, "title": "Trade",
    }  # fmt: skip
    html = " ".join(cell.render(p=reported).split())
    assert "supports · before 2016-09-30 · reported by Donald &lt;Trump&gt; ·" in html
    own = {**reported, "date_basis": "published", "reported_by": None}
    html = " ".join(cell.render(p=own).split())
    assert "supports · 2016-09-30 · <a" in html and "reported by" not in html
