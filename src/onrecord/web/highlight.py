"""An article's paragraphs as HTML with each statement's source, cue and content spans marked.

Built from escaped pieces only: the text is cut at span boundaries and every piece goes through
:func:`markupsafe.escape` before it is wrapped, so nothing in an article can become markup.
"""

from __future__ import annotations

from markupsafe import Markup, escape

ROLES = ("cue", "source", "content")  # where spans of two roles overlap, the first one listed shows


def _covering(spans: list[tuple[int, int, str, int]], start: int, end: int) -> tuple[str, int] | None:
    """The (role, statement number) whose span covers [start, end), by role priority then statement order."""
    found = [(ROLES.index(role), number, role) for s, e, role, number in spans if s <= start and end <= e]
    if not found:
        return None
    _, number, role = min(found)
    return role, number


def marked_paragraphs(text: str, blocks: list[dict], statements: list[dict]) -> list[dict]:
    """Each block as ``{"role", "html"}``; statements are numbered from 1 in list order, and the first
    mark of statement n carries ``id="s{n}"`` so the statement list can link to it."""
    spans = [
        (start, end, role, number)
        for number, statement in enumerate(statements, 1)
        for role in ROLES
        for start, end in statement[role]
        if 0 <= start < end <= len(text)
    ]
    anchored: set[int] = set()
    paragraphs = []
    for block in blocks:
        cuts = {block["start"], block["end"]}
        cuts.update(
            point for s, e, _, _ in spans for point in (s, e) if block["start"] < point < block["end"]
        )
        cuts = sorted(cuts)
        pieces = []
        for start, end in zip(cuts, cuts[1:]):
            piece = escape(text[start:end])
            covering = _covering(spans, start, end)
            if covering is None:
                pieces.append(piece)
                continue
            role, number = covering
            anchor = Markup("") if number in anchored else Markup(' id="s{}"').format(number)
            anchored.add(number)
            pieces.append(
                Markup(
                    '<mark class="span-{role}" data-statement="{n}"{anchor} title="{role} of statement {n}">'
                    "{piece}</mark>"
                ).format(role=role, n=number, anchor=anchor, piece=piece)
            )
        paragraphs.append({"role": block["role"], "html": Markup("").join(pieces)})
    return paragraphs
