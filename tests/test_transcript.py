"""Interview transcripts: labelled turns become direct statements by the labelled speaker."""

from __future__ import annotations

from onrecord.attribution.extract import TaggedBlock, extract
from onrecord.attribution.transcript import read_transcript
from onrecord.ingest.text import article_from_text
from onrecord.model import Kind, Span
from onrecord.nlp.roles import RoleSpan
from onrecord.speakers.resolve import Mention

TEXT = """date 2025-03-10

UPDATE: This story has been updated.

On Sunday's broadcast of "Morning Desk", Governor Lena Varga spoke with host Omar Reyes about the river levy.

"REYES: Governor, will you sign the levy?

"VARGA: Not in its current form. The levy asks farmers to pay twice.

"We will not sign a bill that does that.

"(CROSSTALK.)

"REYES: So that is a no?

"VARGA: It is a not yet.
"""


def blocks(article):
    return list(article.body_blocks())


def test_turns_run_over_continuation_paragraphs_and_stop_at_stage_directions():
    article = article_from_text(TEXT)
    transcript = read_transcript(article.text, blocks(article))
    said = [
        (article.text[t.draft.source[0].start : t.draft.source[0].end],
         article.text[t.draft.cue[0].start : t.draft.cue[0].end],
         article.text[t.draft.content[0].start : t.draft.content[0].end])
        for t in transcript.turns
    ]  # fmt: skip
    assert said == [
        ("REYES", ":", "Governor, will you sign the levy?"),
        ("VARGA", ":", 'Not in its current form. The levy asks farmers to pay twice.\n\n"We will not sign '
         "a bill that does that."),
        ("REYES", ":", "So that is a no?"),
        ("VARGA", ":", "It is a not yet."),
    ]  # fmt: skip
    crosstalk = next(i for i, b in enumerate(blocks(article)) if "CROSSTALK" in b.span.text(article.text))
    assert crosstalk in transcript.covered
    update = next(i for i, b in enumerate(blocks(article)) if b.span.text(article.text).startswith("UPDATE"))
    assert update not in transcript.covered


def test_one_label_alone_is_an_editorial_tag_not_a_transcript():
    article = article_from_text("date 2025-03-10\n\nEXCLUSIVE: The levy is dead.\n\nVARGA: Not yet.\n")
    assert read_transcript(article.text, blocks(article)).turns == ()
    article = article_from_text("date 2025-03-10\n\nBYLINE: Ann Lee.\n\nThe levy is dead.\n")
    assert read_transcript(article.text, blocks(article)).turns == ()


def test_turns_replace_the_tagger_and_name_their_speaker():
    article = article_from_text(TEXT)
    text = article.text
    # a tagger that read each turn as an unattributed quote, as the fast model does
    tagged = [
        TaggedBlock(
            b, (RoleSpan("CONTENT", Span(1, len(b.span.text(text)))),) if b.span.text(text)[0] == '"' else ()
        )
        for b in blocks(article)
    ]
    mentions = [
        Mention(Span(text.index(n), text.index(n) + len(n)), "PERSON") for n in ("Lena Varga", "Omar Reyes")
    ]
    found = extract(article, tagged, mentions)
    turns = [s for s in found if s.source]
    assert [s.speaker.name for s in turns] == ["Omar Reyes", "Lena Varga", "Omar Reyes", "Lena Varga"]
    assert {s.kind for s in turns} == {Kind.DIRECT}
    assert len({s.speaker.entity_id for s in turns}) == 2
    assert len(found) == len(turns)  # neither the continuation nor "(CROSSTALK.)" is a statement of its own


QA = """date 2026-04-18

Dr. Lena Aaltonen, a glaciologist at the University of Helsinki, spoke with us this week.

Q: What are you trying to do?

AALTONEN: We pump seawater onto the ice in winter. It sounds simple.

Q: Critics call it a distraction.

AALTONEN: I understand that. But we are buying time.
"""


def test_a_q_and_a_names_only_its_answers_and_questions_end_them():
    article = article_from_text(QA)
    text = article.text
    turns = read_transcript(text, blocks(article)).turns
    assert [t.draft.content[0].text(text) for t in turns] == [
        "We pump seawater onto the ice in winter. It sounds simple.",
        "I understand that. But we are buying time.",
    ]
    tagged = [TaggedBlock(b, ()) for b in blocks(article)]
    name = "Lena Aaltonen"
    mention = Mention(Span(text.index(name), text.index(name) + len(name)), "PERSON")
    found = extract(article, tagged, [mention])
    assert [s.speaker.name for s in found] == [name, name]
    assert found[0].speaker.title == "glaciologist at the University of Helsinki"
    assert found[0].speaker.affiliation == "University of Helsinki"


def test_questions_alone_are_no_transcript():
    article = article_from_text("date 2026-04-18\n\nQ: Is the levy dead?\n\nThe levy is dead, Varga said.\n")
    assert read_transcript(article.text, blocks(article)).turns == ()


def test_a_name_written_as_usual_labels_turns_it_takes_more_than_once():
    qa = (
        "date 2025-05-16\n\nGovernor Rosa Alvarez sat down with us on Wednesday.\n\n"
        "Q: Is the state ready?\n\nAlvarez: Readier than last year.\n\n"
        "Q: And the farmers?\n\nAlvarez: We cannot wait for Washington.\n"
    )
    article = article_from_text(qa)
    transcript = read_transcript(article.text, blocks(article))
    said = [(t.draft.source[0].text(qa), t.draft.content[0].text(qa)) for t in transcript.turns]
    assert said == [("Alvarez", "Readier than last year."), ("Alvarez", "We cannot wait for Washington.")]
    # once is a lead-in, not a turn: "Note: …" or "Washington: …" labels no one
    once = "date 2025-05-16\n\nNote: Figures are provisional.\n\nQ: Is the state ready?\n\nAlvarez: Yes.\n"
    article = article_from_text(once)
    assert read_transcript(article.text, blocks(article)).turns == ()
