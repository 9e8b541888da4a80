"""Words that carry polarity, and the small text helpers stance and scope share.

Polarity is read by parity: each negator ("not", "neither"), negative predicate ("opposes", "bans",
"unfit") and reverser ("lift", "reconsider") flips the sense of a clause toward the proposition it is
compared with, so "neither encourage nor permit" opposes "X permits" and "reconsidering restrictions"
supports it. Continuity phrases ("has not changed", "no policy change", "remains") assert that a
position holds; they do not flip it, so they are taken out before counting. Concessive clauses ("even
if they continue to support Ukraine") are not the speaker's main point and are cut.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

WORD = re.compile(r"[A-Za-z][A-Za-z.-]*[A-Za-z]|[A-Za-z]")

NEGATORS = frozenset(
    {"not", "no", "never", "nobody", "nothing", "none", "neither", "without", "cannot", "nor"}
)
# "neither ... nor" is one negation, not two
NEITHER_NOR = re.compile(r"\bneither\b(.*?)\bnor\b", re.I | re.S)
CONTRACTED_NOT = re.compile(r"n['’]t\b", re.I)

# stems: a word starting with one of these (and not listed in NOT_NEGATIVE) is a negative predicate
NEGATIVE_STEMS = (
    "oppos",
    "prohibit",
    "ban",
    "restrict",
    "reject",
    "deny",
    "denie",
    "denial",
    "refus",
    "block",
    "against",
    "forbid",
    "bar",
    "halt",
    "veto",
    "unfit",
    "unqualif",
    "disqualif",
    "dangerous",
    "disaster",
    "corrupt",
    "crooked",
    "liar",
    "lie",
    "lying",
    "false",
    "wrong",
    "fake",
    "hoax",
    "myth",
    "debunk",
    "condemn",
    "critici",
    "denounc",
    "slam",
    "blast",
    "dismiss",
    "refut",
    "disput",
    "fail",
    "unacceptable",
    "reckless",
    "incompetent",
    "unable",
    "illegal",
    "crime",
    "criminal",
    "scandal",
    "danger",
    "threat",
    "terribl",
    "horribl",
    "worst",
    "bad",
    "sick",
    "weak",
    "unhealthy",
    "ill",
    "mistake",
    "insult",
    "disgrac",
    "shame",
    "rigged",
    "fraud",
    "stop",
    "kill",
)
# words that start like a negative predicate or a reverser but are not one
NOT_NEGATIVE = (
    "bank",
    "banner",
    "banan",
    "band",
    "bang",
    "barack",
    "barel",
    "barrel",
    "barrier",
    "barren",
    "bargain",
    "barn",
    "barb",
    "bart",
    "badg",
    "illinois",
    "illustr",
    "lieuten",
    "lien",
    "stopov",
)
REVERSER_STEMS = (
    "lift",
    "ease",
    "eased",
    "easing",
    "end",
    "remov",
    "scrap",
    "repeal",
    "overturn",
    "reconsider",
    "drop",
    "abandon",
    "revers",
    "loosen",
    "relax",
    "rescind",
    "withdr",
    "undo",
    "undid",
)
NOT_REVERSERS = ("endors", "endless", "endeav", "endang", "endem", "endur", "endow", "dropb")

CONTINUITY = re.compile(
    r"\b(?:has|have|had|is|was|were)?\s*(?:not|n['’]t|never)\s+(?:been\s+)?chang\w*"
    r"|\bno\s+(?:\w+\s+){0,2}change\b|\bunchanged\b|\bremains?\b|\bremained\b|\bstill\b|\bcontinues?\s+to\b",
    re.I,
)
CONCESSION = re.compile(r"[,;]?\s*\b(?:even if|even though|although|though|whereas)\b[^.;]*", re.I)

# cue words by what they say about the speaker's attitude to the content
ADVOCACY_CUES = (
    "call",
    "urg",
    "push",
    "demand",
    "propos",
    "promis",
    "pledg",
    "vow",
    "endors",
    "back",
    "support",
    "prais",
    "advocat",
    "want",
    "lobb",
    "insist",
    "champion",
    "defend",
    "favor",
)
OPPOSITION_CUES = (
    "deni",
    "deny",
    "reject",
    "oppos",
    "dismiss",
    "refut",
    "critici",
    "slam",
    "attack",
    "blast",
    "rip",
    "condemn",
    "refus",
    "declin",
    "balk",
    "resist",
    "warn",
    "disput",
    "denounc",
    "mock",
    "decr",
    "scoff",
    "ridicul",
    "lambast",
    "chastis",
    "accus",
    "question",
    "doubt",
    "challeng",
    "knock",
)
# Questions about a candidate as such ("Donald Trump should be elected president"): there the verb
# that takes the candidate's name says the stance ("I will vote for … Donald Trump", "wasn't going
# to … back Trump").
CANDIDACY_QUESTION = re.compile(
    r"\bshould (?:be elected|win|be (?:the \w+ )?(?:nominee|president))\b"
    r"|\bis fit to (?:be|serve as) president\b",
    re.IGNORECASE,
)
# verbs only: "back", not "background"; "elect", not "election" ("support Clinton in a general election
# over Republican Trump" does not back Trump)
BACKING = re.compile(
    r"\b(?:vot(?:e|es|ed|ing) for|(?:back|support|elect)(?:s|ed|ing)?|endors(?:e|es|ed|ing)"
    r"|campaign(?:s|ed|ing)? for)\s*$"
)
AGAINST = re.compile(
    r"\b(?:vot(?:e|es|ed|ing) against|oppos(?:e|es|ed|ing)|(?:defeat|beat|reject)(?:s|ed|ing|en)?"
    r"|stop(?:s|ped|ping)?)\s*$"
)
CONTRAST = re.compile(r"\bbut\b|;")
SELF = frozenset({"i", "we", "he", "she"})  # the speaker acts, in the verb's sentence: "I will vote for"
UNSURE = frozenset(
    {
        "if",
        "whether",
        "might",
        "may",
        "could",
        "would",
        "should",
        "rather",
        "sure",
        "plan",
        "planning",
        "considering",
    }
)
SUBJECT_REACH = 5  # words before the verb where a maybe ("might", "if") takes it back
CANDIDATE_REACH = 6  # words between the verb and the name: "vote for the Republican nominee, Donald Trump"
QUESTION_CUES = ("ask", "wonder", "inquir", "quer")
BELIEF_CUES = ("believ", "think", "thought", "feel", "felt", "expect", "hope", "fear", "worr", "suspect")

HEDGES = frozenset(
    {
        "may",
        "might",
        "could",
        "would",
        "perhaps",
        "possibly",
        "maybe",
        "likely",
        "unlikely",
        "if",
        "whether",
        "probably",
        "reportedly",
        "allegedly",
    }
)
OBLIGATION = frozenset({"should", "must", "need", "needs", "ought", "have to", "has to"})


def words(text: str) -> list[str]:
    return [w.lower().strip(".-") for w in WORD.findall(text)]


def content_words(text: str) -> set[str]:
    """Lower-case words that carry meaning, cut to 5 letters so "elected" meets "election"."""
    return {w[:5] for w in words(text) if w not in STOP_WORDS and len(w) > 1}


def names(text: str) -> set[str]:
    """Capitalised words not at a sentence start: the people, places and bodies a text names."""
    found = set()
    for match in re.finditer(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-zA-Z]+)", text.strip()):
        if match.group(1).lower() not in STOP_WORDS:
            found.add(match.group(1).lower())
    return found


def _starts(word: str, stems: tuple[str, ...]) -> bool:
    return any(word.startswith(stem) for stem in stems)


def is_negative(word: str) -> bool:
    return _starts(word, NEGATIVE_STEMS) and not _starts(word, NOT_NEGATIVE)


def is_reverser(word: str) -> bool:
    return _starts(word, REVERSER_STEMS) and not _starts(word, NOT_REVERSERS)


def main_clause(text: str) -> str:
    """``text`` without continuity phrases and concessive clauses (see the module docstring)."""
    return CONCESSION.sub("", CONTINUITY.sub(" ", text))


def flips(text: str, ignore: set[str] = frozenset()) -> int:
    """How many times ``text`` flips the sense of what it asserts (negators, negative predicates,
    reversers), not counting words in ``ignore`` (those the question itself uses)."""
    clause = NEITHER_NOR.sub(r"not \1", main_clause(text))
    count = len(CONTRACTED_NOT.findall(clause))
    for word in words(clause):
        if word in ignore:
            continue
        if word in NEGATORS - {"nor"} or is_negative(word) or is_reverser(word):
            count += 1
    return count


WINDOW = 6  # words before a question word within which a negation governs it


def _clause_words(text: str) -> list[str]:
    return words(NEITHER_NOR.sub(r"not \1", main_clause(text)).replace("n't", " not"))


def _flips_before(clause: list[str], position: int) -> int:
    before = clause[max(0, position - WINDOW) : position]
    return sum(w in NEGATORS - {"nor"} or is_negative(w) or is_reverser(w) for w in before)


def singular(word: str) -> str:
    """"deals" → "deal": a plural's final s dropped (not the s of "process")."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _anchor(word: str) -> str:
    """A word as :func:`anchored_flips` compares it: singular ("opposes the deal" meets "trade deals"),
    cut to 5 letters as :func:`content_words` cuts."""
    return singular(word)[:5]


def anchored_flips(text: str, question: str) -> tuple[int, int] | None:
    """The negation governing what the question asserts, in ``text`` and in the question: flips in the
    few words before the first word of ``text`` that is also a content word of ``question`` (by
    :func:`content_words` stem, names excluded), and before that word in the question ("neither
    encourage nor *permit* the use" → (1, 0) against "The U.S. *permits* ..."). Comparing the same word
    keeps a negative word elsewhere in the question ("... was a serious *wrongdoing*") from turning a
    denial ("I did not *email* classified material") into agreement. None when ``text`` shares no such
    word with the question."""
    question_words = _clause_words(question)
    anchors = {_anchor(w) for w in question_words if w not in STOP_WORDS and len(w) > 2} - {
        _anchor(n) for n in names(question)
    }
    clause = _clause_words(text)
    for position, word in enumerate(clause):
        if _anchor(word) in anchors:
            in_question = next(i for i, w in enumerate(question_words) if _anchor(w) == _anchor(word))
            return _flips_before(clause, position), _flips_before(question_words, in_question)
    return None


def candidacy_flips(text: str, question: str) -> int | None:
    """+1 / -1 when ``text`` backs or opposes the candidate a candidacy question names, by the verb a
    few words before the name and the negations before that verb ("wasn't going to … back Trump");
    None when the question is not about a candidacy or no such verb takes the name."""
    if not CANDIDACY_QUESTION.search(question):
        return None
    candidate = names(question)
    for match in WORD.finditer(text):
        if match.group().lower().strip(".-") not in candidate:
            continue
        before = list(WORD.finditer(text, 0, match.start()))
        for reach in range(min(CANDIDATE_REACH, len(before) - 1) + 1):
            head = text[: before[len(before) - 1 - reach].end()]
            verb = BACKING.search(head) or AGAINST.search(head)
            if verb:
                sentence = re.split(r"[.!?]\s", head[: verb.start()])[-1]
                clause = words(sentence)
                if (
                    not SELF.intersection(clause)
                    or UNSURE.intersection(clause[-SUBJECT_REACH:])
                    or "?" in text
                ):
                    return None  # someone else's vote, a poll, a maybe, a question: not a stance
                sense = 1 if verb.re is BACKING else -1
                # a negation counts in the verb's own clause, not in a clause a "but" sets against it
                return sense * (-1) ** flips(CONTRAST.split(sentence)[-1])
    return None


def cue_class(cue: str) -> str:
    """advocacy | opposition | question | belief | speech, from the cue's words."""
    for word in words(cue):
        if word in {"has", "have", "had", "also", "repeatedly", "publicly", "to", "for", "that", "on"}:
            continue
        for name, stems in (
            ("opposition", OPPOSITION_CUES),
            ("advocacy", ADVOCACY_CUES),
            ("question", QUESTION_CUES),
            ("belief", BELIEF_CUES),
        ):
            if _starts(word, stems):
                return name
    return "speech"
