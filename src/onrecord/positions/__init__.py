"""Positions: takes stored statements and the speaker registry, gives questions, stances and shifts.

The stage after :mod:`onrecord.speakers`. A *question* is a proposition statements bear on ("The U.S.
permits Ukraine to use U.S.-supplied weapons to strike inside Russia"): declared by a user or
discovered by clustering statements (:mod:`.questions`). A *position* is one statement's stance toward
one question, with the scope that limits it (:mod:`.stance`, :mod:`.stance_encoder`,
:mod:`.scope`; optionally refined by a chat model the user configures, :mod:`.llm`). A *shift* is a
change of one speaker's, or a rolled-up organisation's, stance or scope on one question between two
dates (:mod:`.shifts`). :mod:`.embed` holds the sentence encoder; :mod:`.refresh` is the only module
that reads and writes the store.
"""

from onrecord.positions.questions import DiscoveredQuestion, discover_questions
from onrecord.positions.shifts import Point, Shift, detect_shifts
from onrecord.positions.stance import Candidate, Reading, read_stance, read_stances

__all__ = [
    "Candidate",
    "DiscoveredQuestion",
    "Point",
    "Reading",
    "Shift",
    "detect_shifts",
    "discover_questions",
    "read_stance",
    "read_stances",
]
