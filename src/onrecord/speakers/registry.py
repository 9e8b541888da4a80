"""Canonical speakers across articles: takes per-article speaker rows, gives registry entities.

Pure functions over plain values. The input is one :class:`SpeakerRow` per speaker entity of one
article, as :mod:`onrecord.speakers.resolve` named it (name, title, affiliation, anonymous, count), with
the article's date and the full person names the article mentions (its *context*). The output is a list
of :class:`Entity`: one per real speaker, naming the rows it covers, its name variants, its titles and
affiliations with the dates they were seen, and the organisation its affiliation links it to.

Kinds (:func:`kind_of`)
    ``anonymous``: every unnamed source: anonymous sources ("two U.S. officials"), groups ("European
    leaders"), unresolved descriptions ("the president") and unnamed institutions ("the hospital").
    Each per-article row is an entity of its own (the ``ANON:<description> [article]`` rule of the
    evaluation spec): never merged with a named person, nor with the same words in another article.
    ``person``: the name (after its title, see :func:`split_title`) is a run of capitalised name
    words, unless names are joined by "and" before it ("Mr. Kerry and Mr. Obama": anonymous, a group)
    or an untitled institution word comes "of" it ("Association of Flight Attendants": organisation).
    ``organisation``: any other capitalised name ("the White House", "NATO", "the Trump campaign");
    the same organisation is one entity across articles (same :func:`fold` key without a
    leading determiner).
    The resolver's reading (``SpeakerRow.kind``, from the entity recogniser and the source's head noun)
    corrects what a lone name's look cannot tell: a group ("Americans", "Voters") is anonymous, and a
    name read as an organisation ("PolitiFact", "Mexico") is never a person, unless it names one (a full
    name, or a surname of someone named in full); and a lone name some article read as an organisation
    is that organisation in every article (:func:`_kinds`). Rows stored without a reading are typed by
    their name alone.

Persons
    Names are compared by :func:`fold` keys (no diacritics, case, dots or possessive; "y" as "i" and
    doubled letters once, so Zelenskyy / Zelenskiy / Zelensky meet) and rapidfuzz ratios for what
    remains (Gaddafi / Qaddafi), at the in-article threshold (:data:`SIMILAR`). Full names are one
    person when their surnames and their first names are alike: Hillary and Bill Clinton stay apart.
    A lone surname (or an initial and a surname) joins a person only when that is unambiguous: its
    candidates (the people of that surname) are narrowed to those its own article names in full (its
    context), then to those sharing a title word with it ("former President" → the one titled
    President); it joins the one left, if one is. A lone surname left ambiguous is never blindly
    merged: it stays an entity of its own ("Clinton"), one per surname, for a correction to settle.
    A context name nobody spoke under still names its person ("Clinton" in an article naming Hillary
    Clinton is Hillary Clinton); a group's name ("Mr. Kerry and Mr. Obama") names no one. The
    canonical name is the full form with the most statements.

Organisation links
    An affiliation names an organisation (created when no one of that name speaks): itself
    ("National Security Council"), or a country's government for a country word ("U.S." →
    "U.S. government", "Ukrainian" → "Ukrainian government"). A lower-case affiliation
    ("administration") links to nothing, and neither does a legislator's place ("Texas Sen. Ted Cruz" does
    not speak for Texas; his party tag, "R-Texas", links him to the Republican Party), one that is a person's name or surname ("Rubio" misread from "Cruz and Rubio";
    a company sharing a speaker's surname loses its link too) or one ending in an office adjective
    ("Republican Presidential"). An entity links to its most frequent affiliation's organisation.
    Organisations link to their parent (``organisations.yaml``, shipped, plus the corrections'
    ``parents``): National Security Council → White House → U.S. government, so
    positions roll up from a person to every organisation above them. A parent no one speaks for is
    created.

Corrections (:class:`Corrections`, read from YAML by :func:`load_corrections`; every name is matched by
its :func:`fold` key)::

    aliases:                    # a variant → the canonical name it stands for
      Clinton: Hillary Clinton
    merges:                     # names of one entity; the first is its canonical name
      - [Volodymyr Zelenskyy, Zelensky]
    splits:                     # names that must never be one entity
      - [Hillary Clinton, Bill Clinton]
    parents:                    # an organisation → the one above it (added to organisations.yaml)
      Clinton Foundation: Clinton campaign

Aliases rename rows (and affiliations) before anything is compared; splits forbid automatic merges
between the names they list; merges join whole entities afterwards and win over splits.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Iterable, Sequence

import yaml
from rapidfuzz import fuzz, process

from onrecord.speakers.resolve import (
    CONNECTORS,
    DETERMINERS,
    GENERIC_SOURCE_WORDS,
    HONORIFICS,
    NAME_PARTICLES,
    NAME_SIMILARITY,
    NAME_SUFFIXES,
    NOT_NAMES,
    ORG_HEADS,
    POSTMOD_WORDS,
    PRONOUNS,
    ROLE_WORDS,
    VAGUE_QUANTIFIERS,
    first_name_gender,
    is_description,
)

__all__ = [
    "Corrections",
    "CorrectionsError",
    "Dated",
    "Entity",
    "EntityKind",
    "SpeakerRow",
    "build_registry",
    "fold",
    "kind_of",
    "load_corrections",
    "names_in_text",
    "organisation_of",
    "split_title",
]

SIMILAR = NAME_SIMILARITY * 100  # rapidfuzz ratio at which two folded first names, or surnames, are one
DOTTED_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,}")  # "U.S.", "U.K."
DEMONYM = re.compile(r"[A-Z][a-z]+(?:an|ese|ish|i)")  # "Ukrainian", "Chinese", "British", "Israeli"
# A legislator's affiliation named in the title is where they were elected ("Texas Sen."), not an
# organisation they speak for
LEGISLATORS = frozenset(
    {"sen", "senator", "rep", "representative", "congressman", "congresswoman", "lawmaker", "legislator",
     "assemblyman", "assemblywoman", "mp"}
)  # fmt: skip
OFFICE_ADJECTIVES = frozenset(
    {
        "presidential",
        "vice-presidential",
        "gubernatorial",
        "congressional",
        "senatorial",
        "mayoral",
        "ministerial",
    }
)
NOT_COUNTRIES = frozenset({"European", "African", "Asian", "Caribbean", "Scandinavian"})  # no one government
# what an article left unresolved names someone only there: "I" without a byline, a "which" or "they"
UNRESOLVED_NAMES = PRONOUNS | {"i", "me", "my", "that", "this"}


class EntityKind(str, Enum):
    PERSON = "person"
    ORGANISATION = "organisation"
    ANONYMOUS = "anonymous"  # unnamed: anonymous sources, groups, descriptions; one entity per article row


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    """One speaker entity of one article, as stored per article."""

    key: int  # the row's identity in the caller's terms (the store's speakers.id)
    article: int | str
    name: str
    published: date | None = None
    title: str | None = None
    affiliation: str | None = None
    anonymous: bool = False
    count: int | None = None
    kind: str | None = None  # the resolver's reading: person | organisation | group (Speaker.kind)
    statements: int = 1
    context: tuple[str, ...] = ()  # full person names the article mentions ("Hillary Clinton")


@dataclass(frozen=True, slots=True)
class Dated:
    """A title or affiliation and the publication dates of the first and last article giving it."""

    value: str
    first: date | None
    last: date | None
    articles: int

    def to_json(self) -> dict:
        return {
            "value": self.value,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "articles": self.articles,
        }


@dataclass(frozen=True, slots=True)
class Entity:
    """One canonical speaker. ``organisation`` is the index, in the list :func:`build_registry` returns,
    of the organisation its affiliation links it to."""

    name: str
    kind: EntityKind
    variants: tuple[str, ...]
    titles: tuple[Dated, ...]
    affiliations: tuple[Dated, ...]
    rows: tuple[int, ...]  # SpeakerRow.key of every per-article row it covers
    statements: int
    articles: int
    organisation: int | None = None
    count: int | None = None  # how many an anonymous source is ("two U.S. officials" → 2)

    def keys(self) -> tuple[str, ...]:
        """The fold keys of its name and variants: what a lookup by name compares."""
        return tuple(sorted({fold(name) for name in (self.name, *self.variants)} - {""}))


@dataclass(frozen=True, slots=True)
class Corrections:
    """User corrections, applied on every rebuild (see the module docstring for the YAML)."""

    aliases: dict[str, str] = field(default_factory=dict)
    merges: tuple[tuple[str, ...], ...] = ()
    splits: tuple[tuple[str, ...], ...] = ()
    parents: dict[str, str] = field(default_factory=dict)


def default_parents() -> dict[str, str]:
    """The organisation hierarchy shipped with onrecord (``organisations.yaml``), by fold key."""
    data = yaml.safe_load((Path(__file__).parent / "organisations.yaml").read_text(encoding="utf-8"))
    return {fold(child): parent for child, parent in data.items()}


class CorrectionsError(ValueError):
    """A corrections file that cannot be used; the message names the file and the problem."""


# --- names -----------------------------------------------------------------------------------------


def fold(name: str) -> str:
    """The comparison key of a name: no diacritics, case, dots or possessive, "y" as "i" and doubled
    letters once, so transliterations meet ("Zelenskyy", "Zelenskiy", "Zelensky" → "zelenski")."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['’]s\b", "", text).replace(".", "").replace("y", "i")
    text = re.sub(r"(\w)\1+", r"\1", text)
    return " ".join(re.findall(r"[^\W_]+", text))  # hyphens and other marks become word breaks


def _plain(word: str) -> str:
    """A word as the vocabularies of :mod:`onrecord.speakers.resolve` list it: lower-case, bare."""
    return re.sub(r"['’]s$", "", word.lower()).strip(".,;:'’\"“”()")


def _is_role(word: str) -> bool:
    plain = _plain(word)
    return plain in ROLE_WORDS or plain.removesuffix("s") in ROLE_WORDS


def _is_name_word(word: str) -> bool:
    bare = re.sub(r"['’]s$", "", word).strip(',;:"“”()')
    if re.fullmatch(r"[A-Z]\.", bare):  # an initial
        return True
    letters = re.sub(r"['’.-]", "", bare)
    if not (letters.isalpha() and bare[0].isupper() and any(ch.islower() for ch in letters)):
        return False  # lower-case words, acronyms (NATO, U.S.)
    plain = _plain(bare)
    return not (_is_role(bare) or plain in NOT_NAMES or plain in ORG_HEADS or plain in GENERIC_SOURCE_WORDS)


def split_title(name: str) -> tuple[str | None, str]:
    """(title, name) of a person's mention: the trailing run of name words is the name, the words
    before it the title ("Ukrainian President Volodymyr Zelenskyy" → ("Ukrainian President",
    "Volodymyr Zelenskyy")); name is "" when the mention does not end in one. A word right after
    "of" belongs to the title ("Secretary of State Hillary Clinton")."""
    words = name.split()
    start = len(words)
    while start > 0:
        word = start - 1
        while word >= 0 and _plain(words[word]) in NAME_PARTICLES:  # "von der" in "Ursula von der Leyen"
            word -= 1
        if word < 0 or not _is_name_word(words[word]) or (word > 0 and _plain(words[word - 1]) in CONNECTORS):
            if word + 1 < start < len(words):  # particles open the name: "bin Laden", "Mayor de Blasio"
                start = word + 1
            break
        start = word
    title_words = [w for w in words[:start] if _plain(w) not in DETERMINERS]
    title = " ".join(title_words) if any(_plain(w) not in HONORIFICS for w in title_words) else None
    return title, " ".join(words[start:])


def kind_of(row: SpeakerRow, surnames: frozenset[str] = frozenset()) -> EntityKind:
    """Whether a row names a person, an organisation, or no one in particular (see the module docstring).
    Unnamed: the resolver read a group, or the head (the words before a post-modifier: "Opponents" in
    "Opponents on the council") ends in a role word, or is all lower case ("the hospital"). ``surnames``
    (folded) are those of the full names other rows give: a lone one of them is a person."""
    if row.kind == "group":
        return EntityKind.ANONYMOUS
    by_name = _kind_by_name(row)
    if by_name is EntityKind.PERSON and row.kind == "organisation" and not _names_a_person(row, surnames):
        return EntityKind.ORGANISATION  # "PolitiFact", "Mexico": one capitalised word, a body's name
    return by_name


def _names_a_person(row: SpeakerRow, surnames: frozenset[str]) -> bool:
    """Whether a name that looks like a person's is one, though the resolver read an organisation: a
    full name ("Ivanka Trump"), or a lone word ("Trump"; "Politico" in "new report by Politico") that is
    the surname of a full name among ``surnames`` or in its article (the entity recogniser often reads
    a bare "Trump" as an organisation). An article's name counts only with a known first name: its
    text also has "Poor Mexico"."""
    name = split_title(row.name)[1]
    if len(name.split()) > 1:
        return True
    surname = _first_and_surname(name)[1]
    people = (words for words in map(str.split, row.context) if words and first_name_gender(words[0]))
    return surname in surnames or any(_alike(fold(words[-1]), surname) for words in people)


def _full_name_surnames(rows: Sequence[SpeakerRow]) -> frozenset[str]:
    """The folded surnames of the rows that give a person's full name (and were not read as anything
    else: "New Mexico" gives none)."""
    people = (row for row in rows if row.kind in (None, "person") and _kind_by_name(row) is EntityKind.PERSON)
    names = (split_title(row.name)[1] for row in people)
    return frozenset(_first_and_surname(name)[1] for name in names if len(name.split()) > 1)


def _kinds(rows: Sequence[SpeakerRow]) -> list[EntityKind]:
    """:func:`kind_of` each row, then one vote across articles: an untitled lone word some article
    read as an organisation is that organisation everywhere, unless it is someone's surname (the
    entity recogniser tags "PolitiFact" ORG in one article and PERSON in the next)."""
    surnames = _full_name_surnames(rows)
    kinds = [kind_of(row, surnames) for row in rows]
    organisations = (row for row, kind in zip(rows, kinds) if kind is EntityKind.ORGANISATION)
    bodies = {fold(_without_determiner(row.name)) for row in organisations}
    return [
        EntityKind.ORGANISATION
        if kind is EntityKind.PERSON and _names_a_body(row, bodies, surnames)
        else kind
        for row, kind in zip(rows, kinds)
    ]


def _names_a_body(row: SpeakerRow, bodies: set[str], surnames: frozenset[str]) -> bool:
    """Whether a person row is an untitled lone word among ``bodies`` (organisation keys) and no one's
    surname."""
    title, name = split_title(row.name)
    return title is None and len(name.split()) == 1 and fold(name) in bodies and fold(name) not in surnames


def _kind_by_name(row: SpeakerRow) -> EntityKind:
    """:func:`kind_of` from the row's name and anonymity alone."""
    words = row.name.split()
    unresolved = len(words) == 1 and _plain(words[0]) in UNRESOLVED_NAMES
    if row.anonymous or not words or unresolved or _plain(words[0]) in VAGUE_QUANTIFIERS:
        return EntityKind.ANONYMOUS  # "I", "Most Americans": no one named, so never merged across articles
    person = split_title(row.name)[1]
    if person:
        before = words[: len(words) - len(person.split())]
        pairs = list(zip(before, before[1:]))
        titled = before and _is_role(before[-1]) and _plain(before[-1]) not in HONORIFICS
        if not titled and any(_is_name_word(a) and _plain(b) == "and" for a, b in pairs):
            return EntityKind.ANONYMOUS  # "Mr. Kerry and Mr. Obama": a group of people, not the last one
        institutions = {_plain(a) for a, b in pairs if _plain(b) in CONNECTORS} & ORG_HEADS
        if institutions and not _is_role(before[-1]):
            return EntityKind.ORGANISATION  # "Association of Flight Attendants"; not "… spokesman John Kirby"
        return EntityKind.PERSON
    end = next((i for i, word in enumerate(words) if i and _plain(word) in POSTMOD_WORDS), len(words))
    head = words[:end]
    if _is_role(head[-1]) or not any(word[0].isupper() for word in head):
        return EntityKind.ANONYMOUS
    return EntityKind.ORGANISATION


def organisation_of(affiliation: str | None) -> str | None:
    """The organisation an affiliation names (see the module docstring), or None."""
    words = [w for w in (affiliation or "").split() if _plain(w) not in DETERMINERS]
    if not words or not words[0][0].isupper():
        return None
    name = " ".join(words)
    if name in NOT_COUNTRIES:  # "European leaders": a region's people, not an organisation
        return None
    if _plain(words[-1]) in OFFICE_ADJECTIVES:  # "Republican Presidential (candidate)": an office, not a body
        return None
    demonym = DEMONYM.fullmatch(name) and not _is_role(name)
    country_word = DOTTED_ABBREVIATION.fullmatch(name) or demonym
    if len(words) == 1 and country_word:
        return f"{name} government"
    return name


def organisation_chain(parents: dict[int, int | None], entity: int) -> list[int]:
    """``entity`` and the organisations above it, nearest first, given each entity's organisation
    (``Entity.organisation`` or the store's ``organisation_id``); a cycle a merge made ends the chain."""
    chain = [entity]
    while (parent := parents.get(chain[-1])) is not None and parent not in chain:
        chain.append(parent)
    return chain


def names_in_text(text: str, word: str) -> tuple[str, ...]:
    """Full person names in ``text`` ending with ``word`` ("Hillary Clinton", "Bill Clinton" for
    "Clinton"): the context that settles a lone surname."""
    found = []
    pattern = rf"((?:[A-Z](?:\.|[\w'’-]*)\s+){{1,4}}){re.escape(word)}\b"  # capitalised words or initials
    for match in re.finditer(pattern, text):
        _, name = split_title(match.group(1) + word)
        if len(name.split()) > 1 and name not in found:
            found.append(name)
    return tuple(found)


def _first_and_surname(name: str) -> tuple[str, str]:
    """Folded (first name, surname) of a person's name; first is "" for a lone word, particles aside
    ("bin Laden"). A suffix stays with the surname, so Donald Trump Jr. is not Donald Trump."""
    words = name.split()
    suffixes = [w for w in words if _plain(w) in NAME_SUFFIXES]
    words = [w for w in words if w not in suffixes] or words
    given = [w for w in words[:-1] if _plain(w) not in NAME_PARTICLES]  # "bin Laden" is a lone surname
    return (fold(given[0]) if given else ""), fold(" ".join([words[-1], *suffixes]))


def _alike(a: str, b: str) -> bool:
    return a == b or fuzz.ratio(a, b) >= SIMILAR


# --- corrections -----------------------------------------------------------------------------------


def load_corrections(path: Path | str) -> Corrections:
    """Read a corrections YAML file; :class:`CorrectionsError` says what is wrong with it."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as problem:
        raise CorrectionsError(f"{path}: {problem}".splitlines()[0]) from problem
    if not isinstance(data, dict) or set(data) - {"aliases", "merges", "splits", "parents"}:
        raise CorrectionsError(f"{path}: expected a mapping with aliases, merges, splits and/or parents")

    def mapping(key: str) -> dict[str, str]:
        value = data.get(key) or {}
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in (*value, *value.values())):
            raise CorrectionsError(f"{path}: {key} must map a name to a name")
        return dict(value)

    def groups(key: str) -> tuple[tuple[str, ...], ...]:
        value = data.get(key) or []
        if not isinstance(value, list) or not all(
            isinstance(group, list) and len(group) > 1 and all(isinstance(name, str) for name in group)
            for group in value
        ):
            raise CorrectionsError(f"{path}: {key} must be a list of lists of two or more names")
        return tuple(tuple(group) for group in value)

    return Corrections(mapping("aliases"), groups("merges"), groups("splits"), mapping("parents"))


# --- building the registry ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Use:
    """A row as its entity uses it: the name and title it contributes, its affiliation after aliases."""

    row: SpeakerRow
    name: str
    title: str | None
    affiliation: str | None


@dataclass(eq=False)
class _Draft:
    """An entity being built: the rows it covers and the full names known for it (spoken or from context)."""

    kind: EntityKind
    uses: list[_Use] = field(default_factory=list)
    forms: set[str] = field(default_factory=set)

    def names(self) -> set[str]:
        return self.forms | {use.name for use in self.uses} | {use.row.name for use in self.uses}


class _Groups:
    """Union-find over person names that refuses to put two names of one split group together."""

    def __init__(self, splits: Sequence[tuple[str, ...]]) -> None:
        self.parent: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}
        self.split_of: dict[str, set[int]] = defaultdict(set)  # fold key → numbers of its split groups
        for number, group in enumerate(splits):
            for name in group:
                self.split_of[fold(name)].add(number)

    def add(self, name: str) -> None:
        if name not in self.parent:
            self.parent[name] = name
            self.members[name] = {name}

    def find(self, name: str) -> str:
        while self.parent[name] != name:
            self.parent[name] = self.parent[self.parent[name]]
            name = self.parent[name]
        return name

    def _splits(self, name: str) -> dict[int, set[str]]:
        """The split groups the group of ``name`` has names in, with those names' fold keys."""
        found: dict[int, set[str]] = defaultdict(set)
        for member in self.members[self.find(name)] if name in self.parent else {name}:
            for number in self.split_of.get(fold(member), ()):
                found[number].add(fold(member))
        return found

    def allowed(self, a: str, b: str) -> bool:
        """May ``a`` and ``b`` (and whatever each is grouped with) be one person?"""
        if not self.split_of:
            return True
        left, right = self._splits(a), self._splits(b)
        return all(len(left[number] | right[number]) < 2 for number in left.keys() & right.keys())

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb and self.allowed(a, b):
            self.parent[rb] = ra
            self.members[ra] |= self.members.pop(rb)


def _role_words(title: str | None) -> set[str]:
    """The office words of a title, which tell people apart ("former President" → {"president"})."""
    words = (title or "").split()
    return {_plain(w) for w in words if _is_role(w) and _plain(w) not in HONORIFICS | {"former"}}


def _people(uses: list[_Use], groups: _Groups) -> list[_Draft]:
    """Cluster person rows into people (see the module docstring)."""
    parts = {use.name: _first_and_surname(use.name) for use in uses}
    full = [use for use in uses if len(parts[use.name][0]) > 1]
    partial = [use for use in uses if len(parts[use.name][0]) <= 1]
    forms = {use.name: parts[use.name] for use in full}
    for use in partial:  # the full names a lone surname's article mentions take part as forms
        for name in use.row.context:
            if kind_of(SpeakerRow(use.row.key, use.row.article, name)) is not EntityKind.PERSON:
                continue  # another speaker's "Mr. Kerry and Mr. Obama" is two people, no one's full name
            first, surname = _first_and_surname(name)
            if len(first) > 1 and _alike(surname, parts[use.name][1]):
                forms.setdefault(name, (first, surname))
    by_surname: dict[str, list[str]] = defaultdict(list)
    for name, (_, surname) in forms.items():
        groups.add(name)
        by_surname[surname].append(name)
    surnames = list(by_surname)
    alike: dict[str, list[str]] = {}  # surname → the known surnames like it (itself included)

    def named_like(surname: str) -> list[str]:
        """The full names whose surname is like ``surname``."""
        if surname not in alike:
            found = process.extract(surname, surnames, scorer=fuzz.ratio, score_cutoff=SIMILAR, limit=None)
            alike[surname] = [other for other, _, _ in found]
        return [name for other in alike[surname] for name in by_surname[other]]

    for surname in surnames:
        for a in by_surname[surname]:
            for b in named_like(surname):
                if _alike(forms[a][0], forms[b][0]):
                    groups.union(a, b)

    people: dict[str, _Draft] = {}
    for name in forms:
        people.setdefault(groups.find(name), _Draft(EntityKind.PERSON)).forms.add(name)
    titles: dict[str, set[str]] = defaultdict(set)  # role words of each person's titles
    for use in full:
        root = groups.find(use.name)
        people[root].uses.append(use)
        titles[root] |= _role_words(use.title)
    unresolved: dict[str, _Draft] = {}
    for use in partial:
        initial, surname = parts[use.name]
        candidates = [
            name
            for name in named_like(surname)
            if forms[name][0].startswith(initial) and groups.allowed(name, use.name)
        ]
        root = _resolve_partial(use, candidates, groups, titles)
        if root is None:
            unresolved.setdefault(surname, _Draft(EntityKind.PERSON)).uses.append(use)
        else:
            people[root].uses.append(use)
    return [draft for draft in (*people.values(), *unresolved.values()) if draft.uses]


def _resolve_partial(use: _Use, candidates: list[str], groups: _Groups, titles) -> str | None:
    """The person a lone surname (or an initial and a surname) is, when that is unambiguous: its
    ``candidates`` (full names of that surname) are narrowed to those of its article, then to those
    sharing a title word with it; the one left, if one is."""
    pool = {groups.find(name) for name in candidates}
    for cue in (
        {groups.find(name) for name in use.row.context if name in candidates},
        {root for root in pool if _role_words(use.title) & titles[root]},
    ):
        if pool & cue:
            pool &= cue
    return next(iter(pool)) if len(pool) == 1 else None


def _canonical(draft: _Draft, preferred: set[str]) -> str:
    """A preferred name (alias target, first of a merge) when it has one, else the full form with most
    statements (more words, then the longer spelling, on a tie), else the commonest name."""
    weight: Counter[str] = Counter({form: 0 for form in draft.forms})
    for use in draft.uses:
        weight[use.name] += use.row.statements
    chosen = [name for name in weight if fold(name) in preferred]
    full = [name for name in weight if len(name.split()) > 1] if draft.kind is EntityKind.PERSON else []
    pool = chosen or full or list(weight)
    return min(pool, key=lambda name: (-weight[name], -len(name.split()), -len(name), name))


def _merge(drafts: list[_Draft], names: Iterable[str]) -> list[_Draft]:
    """Join the drafts known by any of ``names`` into the first of them."""
    keys = {fold(name) for name in names}
    hit = [draft for draft in drafts if keys & {fold(name) for name in draft.names()}]
    for draft in hit[1:]:
        hit[0].uses += draft.uses
        hit[0].forms |= draft.forms
    return [draft for draft in drafts if draft not in hit[1:]]


def _dated(pairs: Iterable[tuple[str | None, date | None, int | str]]) -> tuple[Dated, ...]:
    """Distinct values (case-insensitive) with their first and last dates, by first date."""
    seen: dict[str, tuple[str, list[date], set]] = {}
    for value, published, article in pairs:
        if value:
            _, dates, articles = seen.setdefault(value.lower(), (value, [], set()))
            dates += [published] if published else []
            articles.add(article)
    dated = (
        Dated(value, min(dates, default=None), max(dates, default=None), len(articles))
        for value, dates, articles in seen.values()
    )
    return tuple(sorted(dated, key=lambda d: (d.first or date.max, d.value.lower())))


def _without_determiner(name: str) -> str:
    words = name.split()
    return " ".join(words[1:]) if len(words) > 1 and _plain(words[0]) in DETERMINERS else name


KIND_ORDER = {EntityKind.ORGANISATION: 0, EntityKind.PERSON: 1, EntityKind.ANONYMOUS: 2}


def build_registry(rows: Iterable[SpeakerRow], corrections: Corrections = Corrections()) -> list[Entity]:
    """Canonical speakers for ``rows``: organisations, then people, then anonymous sources, each by
    name. Every row belongs to exactly one entity."""
    aliases = {fold(variant): canonical for variant, canonical in corrections.aliases.items()}

    def renamed(name: str | None) -> str | None:
        return aliases.get(fold(name), name) if name else name

    persons: list[_Use] = []
    organisations: dict[str, _Draft] = {}
    drafts: list[_Draft] = []
    rows = list(rows)
    for row, kind in zip(rows, _kinds(rows)):
        affiliation = renamed(row.affiliation)
        if kind is EntityKind.PERSON:  # an alias may name the mention as written, or the name in it
            title, name = split_title(row.name)
            name = aliases.get(fold(row.name)) or renamed(name)
            persons.append(_Use(row, name, row.title or title, affiliation))
        elif kind is EntityKind.ORGANISATION:
            name = renamed(_without_determiner(row.name))
            key = fold(name)
            if is_description(name):
                # "New Poll" in one headline and "the poll" in another story are different polls
                key = f"{key}@{row.article}"
            organisations.setdefault(key, _Draft(kind)).uses.append(_Use(row, name, None, affiliation))
        else:
            drafts.append(_Draft(kind, [_Use(row, row.name, row.title, affiliation)]))
    drafts += _people(persons, _Groups(corrections.splits))
    # an affiliation that is someone's name ("Rubio" parsed out of "Cruz and Rubio") is no organisation
    people = {
        fold(part)
        for draft in drafts
        if draft.kind is EntityKind.PERSON
        for name in draft.names()
        for part in (name, name.split()[-1])
    }
    drafts = [
        replace(draft, uses=[_without_person_affiliation(use, people) for use in draft.uses])
        for draft in drafts
    ]
    drafts += organisations.values()
    # affiliations name organisations; one no one of that name speaks for is made here (before the
    # merges, so that a merge may name it)
    for use in [use for draft in drafts for use in draft.uses]:
        organisation = organisation_of(use.affiliation)
        if organisation and fold(organisation) not in organisations:
            organisations[fold(organisation)] = _Draft(EntityKind.ORGANISATION, forms={organisation})
            drafts.append(organisations[fold(organisation)])
    parents = default_parents() | {fold(child): parent for child, parent in corrections.parents.items()}
    parents = {child: renamed(parent) for child, parent in parents.items()}
    for draft in list(organisations.values()):  # the chain above each organisation, created as needed
        seen = set()
        while (key := _organisation_key(draft, parents)) and key not in seen:
            seen.add(key)
            parent = parents[key]
            if fold(parent) not in organisations:
                organisations[fold(parent)] = _Draft(EntityKind.ORGANISATION, forms={parent})
                drafts.append(organisations[fold(parent)])
            draft = organisations[fold(parent)]
    for group in corrections.merges:
        drafts = _merge(drafts, group)

    preferred = {fold(name) for name in corrections.aliases.values()}
    preferred |= {fold(group[0]) for group in corrections.merges}
    names = {draft: _canonical(draft, preferred) for draft in drafts}
    drafts.sort(
        key=lambda d: (KIND_ORDER[d.kind], names[d].lower(), min((u.row.key for u in d.uses), default=0))
    )
    organisation_index = {}
    for i, draft in enumerate(drafts):
        if draft.kind is EntityKind.ORGANISATION:
            for name in draft.names():
                organisation_index.setdefault(fold(name), i)
    return [
        _entity(draft, names[draft], organisation_index, parents, index) for index, draft in enumerate(drafts)
    ]


def _without_person_affiliation(use: _Use, people: set[str]) -> _Use:
    organisation = organisation_of(use.affiliation)
    return replace(use, affiliation=None) if organisation and fold(organisation) in people else use


def _organisation_key(draft: _Draft, parents: dict[str, str]) -> str | None:
    """The fold key under which ``parents`` lists one of the draft's names, if any does."""
    return next((key for key in sorted(fold(name) for name in draft.names()) if key in parents), None)


def _entity(
    draft: _Draft, name: str, organisation_index: dict[str, int], parents: dict[str, str], index: int
) -> Entity:
    links: Counter[int] = Counter()
    if draft.kind is EntityKind.ORGANISATION:
        key = _organisation_key(draft, parents)
        parent = organisation_index.get(fold(parents[key])) if key else None
        if parent is not None and parent != index:  # a merge may have made an organisation its own parent
            links[parent] += 1
    for use in draft.uses if draft.kind is not EntityKind.ORGANISATION else ():
        organisation = organisation_of(use.affiliation)
        if organisation and draft.kind is EntityKind.PERSON and _role_words(use.title) & LEGISLATORS:
            if fold(use.affiliation) in fold(use.title):
                continue  # "Texas Sen. Ted Cruz" was elected in Texas; he does not speak for it
        if organisation:
            links[organisation_index[fold(organisation)]] += use.row.statements
    return Entity(
        name=name,
        kind=draft.kind,
        variants=tuple(sorted(draft.names() - {name}, key=str.lower)),
        titles=_dated((use.title, use.row.published, use.row.article) for use in draft.uses),
        affiliations=_dated((use.affiliation, use.row.published, use.row.article) for use in draft.uses),
        rows=tuple(sorted(use.row.key for use in draft.uses)),
        statements=sum(use.row.statements for use in draft.uses),
        articles=len({use.row.article for use in draft.uses}),
        organisation=min(links, key=lambda i: (-links[i], i)) if links else None,
        count=draft.uses[0].row.count if draft.kind is EntityKind.ANONYMOUS else None,
    )
