"""The speaker registry: canonical speakers across articles, corrections, the store and CLI around it.

The pure rules are tested on hand-made speaker rows; the store tests ingest articles through a scripted
stand-in extractor (each article's speakers written out below), on SQLite and PostgreSQL, so no model
is needed.
"""

import json
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from typer.testing import CliRunner

from onrecord.cli.main import app
from onrecord.eval.registry import LabelledMention, pairwise_scores, read_speaker_mentions, resolve_mentions
from onrecord.model import Kind, Span, Speaker, Statement
from onrecord.pipeline import ingest, rebuild_registry
from onrecord.speakers.registry import (
    Corrections,
    CorrectionsError,
    EntityKind,
    SpeakerRow,
    build_registry,
    fold,
    kind_of,
    load_corrections,
    names_in_text,
    organisation_chain,
    organisation_of,
    split_title,
)
from onrecord.store import Store
from onrecord.store.engine import MIGRATIONS, open_engine

MAY_31 = date(2024, 5, 31)


def rows(*specs) -> list[SpeakerRow]:
    """SpeakerRows numbered from 1: each spec is (article, name, published, keyword fields...)."""
    return [
        SpeakerRow(number, article, name, published, **fields)
        for number, (article, name, published, fields) in enumerate(
            ((s[0], s[1], s[2], s[3] if len(s) > 3 else {}) for s in specs), 1
        )
    ]


def entity_of(entities, key: int):
    (found,) = [entity for entity in entities if key in entity.rows]
    return found


# --- names -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant", ["Zelenskyy", "Zelensky", "Zelenskiy", "Zelenskii", "Zelenský", "ZELENSKY", "Zelensky's"]
)
def test_transliterations_fold_to_one_key(variant):
    assert fold(variant) == fold("Zelenskyy")


@pytest.mark.parametrize(
    "mention, expected",
    [
        ("Ukrainian President Volodymyr Zelenskyy", ("Ukrainian President", "Volodymyr Zelenskyy")),
        (
            "National Security Council spokesman John Kirby",
            ("National Security Council spokesman", "John Kirby"),
        ),
        ("Secretary of State Hillary Clinton", ("Secretary of State", "Hillary Clinton")),
        ("Ursula von der Leyen", (None, "Ursula von der Leyen")),
        # particles opening a name belong to it
        ("bin Laden", (None, "bin Laden")),
        ("Osama bin Laden", (None, "Osama bin Laden")),
        ("Mayor de Blasio", ("Mayor", "de Blasio")),
        ("Mr. Trump", (None, "Trump")),
        ("the White House", ("White House", "")),
    ],
)
def test_split_title(mention, expected):
    assert split_title(mention) == expected


@pytest.mark.parametrize(
    "name, anonymous, kind",
    [
        ("John Kirby", False, EntityKind.PERSON),
        ("Zelensky", False, EntityKind.PERSON),
        ("U.S. officials", True, EntityKind.ANONYMOUS),
        ("European leaders", False, EntityKind.ANONYMOUS),
        ("president", False, EntityKind.ANONYMOUS),
        ("Economists", False, EntityKind.ANONYMOUS),
        ("United States", False, EntityKind.ORGANISATION),
        ("the White House", False, EntityKind.ORGANISATION),
        ("NATO", False, EntityKind.ORGANISATION),
        ("Trump campaign", False, EntityKind.ORGANISATION),
        ("Bank of England", False, EntityKind.ORGANISATION),
        ("Opponents on the council", False, EntityKind.ANONYMOUS),
        ("city's planning department", False, EntityKind.ANONYMOUS),
        # names joined by "and" are a group of people, not the last one named
        ("Mr. Kerry and Mr. Obama", False, EntityKind.ANONYMOUS),
        ("Barack Obama and Hillary Clinton", False, EntityKind.ANONYMOUS),
        ("Chairman and CEO Tim Cook", False, EntityKind.PERSON),
        ("Oversight and Government Reform Chairman Jason Chaffetz", False, EntityKind.PERSON),
        # an institution "of" a name is no person; a titled person working there is
        ("Association of Flight Attendants", False, EntityKind.ORGANISATION),
        ("Department of Defense spokesman John Kirby", False, EntityKind.PERSON),
        ("Secretary of State Hillary Clinton", False, EntityKind.PERSON),
        # a quantified group or a pronoun the article left unresolved names no one across articles
        ("Most Americans", False, EntityKind.ANONYMOUS),
        ("Many Democrats", False, EntityKind.ANONYMOUS),
        ("I", False, EntityKind.ANONYMOUS),
        ("which", False, EntityKind.ANONYMOUS),
    ],
)
def test_kind_of(name, anonymous, kind):
    assert kind_of(SpeakerRow(1, "a", name, anonymous=anonymous)) is kind


@pytest.mark.parametrize(
    ("name", "read_as", "kind"),
    [
        ("PolitiFact", "organisation", EntityKind.ORGANISATION),  # one capitalised word: looks like a surname
        ("Mexico", "organisation", EntityKind.ORGANISATION),
        ("Mexico", None, EntityKind.PERSON),  # stored before kinds were: the name alone decides
        ("Americans", "group", EntityKind.ANONYMOUS),
        ("Kirby", "person", EntityKind.PERSON),
        ("the hospital", "organisation", EntityKind.ANONYMOUS),  # an unnamed institution stays unnamed
        ("Association of Flight Attendants", "person", EntityKind.ORGANISATION),
        # the entity recogniser's "organisation" is no match for a full name
        ("Ivanka Trump", "organisation", EntityKind.PERSON),
        ("new report by Politico", "organisation", EntityKind.ORGANISATION),  # a work, and a lone name
    ],
)
def test_kind_of_takes_the_resolvers_reading(name, read_as, kind):
    assert kind_of(SpeakerRow(1, "a", name, kind=read_as)) is kind


def test_a_name_one_article_read_as_an_organisation_is_that_organisation_in_every_article():
    entities = build_registry(
        rows(
            ("a", "PolitiFact", MAY_31, dict(kind="organisation")),
            ("b", "Politifact", MAY_31, dict(kind="person")),  # the entity recogniser's PERSON
            ("c", "Kirby", MAY_31, dict(kind="organisation")),
            ("d", "John Kirby", MAY_31, dict(kind="person")),  # a surname stays a person's
        )
    )
    assert entity_of(entities, 1) is entity_of(entities, 2)
    assert entity_of(entities, 1).kind is EntityKind.ORGANISATION
    assert entity_of(entities, 3) is entity_of(entities, 4)
    assert entity_of(entities, 3).kind is EntityKind.PERSON


def test_a_lone_surname_read_as_an_organisation_is_a_person_when_its_article_names_them():
    context = ("Donald Trump", "Mike Pence", "Poor Mexico")  # "Poor" is no first name

    def read(name: str) -> EntityKind:
        return kind_of(SpeakerRow(1, "a", name, kind="organisation", context=context))

    assert (read("Trump"), read("Mexico")) == (EntityKind.PERSON, EntityKind.ORGANISATION)
    # a surname other articles give in full: the surnames build_registry passes
    pagliano = SpeakerRow(1, "a", "Pagliano", kind="organisation")
    assert kind_of(pagliano, frozenset({"pagliano"})) is EntityKind.PERSON


@pytest.mark.parametrize(
    "affiliation, organisation",
    [
        ("National Security Council", "National Security Council"),
        ("U.S.", "U.S. government"),
        ("Ukrainian", "Ukrainian government"),
        ("European", None),  # "European leaders": a region, not an organisation
        ("Republican Presidential", None),  # from "Republican Presidential candidate": an office
        ("the Pentagon", "Pentagon"),
        ("NATO", "NATO"),
        ("administration", None),
        (None, None),
    ],
)
def test_organisation_of(affiliation, organisation):
    assert organisation_of(affiliation) == organisation


def test_names_in_text_finds_the_full_names_ending_with_a_surname():
    text = "Former President Bill Clinton joined Hillary Clinton. Then Clinton said more. Clintons' house."
    assert names_in_text(text, "Clinton") == ("Bill Clinton", "Hillary Clinton")


# --- persons ---------------------------------------------------------------------------------------


def test_zelenskyy_variants_are_one_person_with_dated_titles():
    entities = build_registry(
        rows(
            ("a", "Volodymyr Zelenskyy", MAY_31, dict(title="Ukrainian President", affiliation="Ukrainian")),
            ("b", "Zelensky", date(2024, 6, 1)),
            ("c", "Zelenskiy", date(2024, 6, 2)),
            ("d", "President Zelensky", date(2024, 6, 3)),
            ("e", "Ukrainian President Volodymyr Zelenskyy", date(2024, 6, 4)),
            ("f", "Volodymyr Zelenský", date(2024, 6, 5)),
        )
    )
    people = [entity for entity in entities if entity.kind is EntityKind.PERSON]
    assert len(people) == 1
    zelenskyy = people[0]
    assert zelenskyy.name == "Volodymyr Zelenskyy" and zelenskyy.rows == (1, 2, 3, 4, 5, 6)
    assert set(zelenskyy.variants) >= {"Zelensky", "Zelenskiy", "President Zelensky", "Volodymyr Zelenský"}
    assert [(t.value, t.first, t.last, t.articles) for t in zelenskyy.titles] == [
        ("Ukrainian President", MAY_31, date(2024, 6, 4), 2),
        ("President", date(2024, 6, 3), date(2024, 6, 3), 1),
    ]
    assert entities[zelenskyy.organisation].name == "Ukrainian government"


CLINTONS = (
    ("hillary", "Hillary Clinton", date(2016, 10, 1), dict(title="Democratic nominee")),
    ("bill", "Bill Clinton", date(2016, 10, 2), dict(title="former President")),
)


@pytest.mark.parametrize(
    "lone, expected",
    [
        (dict(context=("Hillary Clinton",)), "Hillary Clinton"),  # the article names her in full
        (dict(context=("Bill Clinton", "Donald Trump")), "Bill Clinton"),
        (dict(title="former President"), "Bill Clinton"),  # a title only he has
        ({}, "Clinton"),  # no cue: kept apart from both
        (dict(context=("Hillary Clinton", "Bill Clinton")), "Clinton"),  # both named: still ambiguous
    ],
)
def test_a_lone_surname_is_resolved_by_context_never_blindly(lone, expected):
    entities = build_registry(rows(*CLINTONS, ("lone", "Clinton", date(2016, 10, 3), lone)))
    assert entity_of(entities, 3).name == expected
    assert entity_of(entities, 1).name == "Hillary Clinton" and entity_of(entities, 2).name == "Bill Clinton"


def test_a_lone_surname_with_one_candidate_joins_it_and_context_alone_can_name_a_person():
    entities = build_registry(
        rows(
            ("a", "John Kirby", MAY_31),
            ("b", "Kirby", date(2024, 6, 1)),
            ("c", "Clinton", date(2016, 1, 1), dict(context=("Hillary Clinton",))),
        )
    )
    assert entity_of(entities, 1) is entity_of(entities, 2)
    assert entity_of(entities, 3).name == "Hillary Clinton"  # nobody else spoke as Hillary Clinton


def test_a_surname_with_its_particle_is_still_a_lone_surname():
    entities = build_registry(rows(("a", "Osama bin Laden", MAY_31), ("b", "bin Laden", MAY_31)))
    assert entity_of(entities, 1) is entity_of(entities, 2)
    assert entity_of(entities, 1).name == "Osama bin Laden" and not entity_of(entities, 1).titles


def test_a_group_named_in_the_article_is_no_full_name_for_a_lone_surname():
    entities = build_registry(
        rows(
            ("a", "Barack Obama", MAY_31),
            ("b", "Obama", MAY_31, dict(context=("Mr. Kerry and Mr. Obama",))),
            ("b", "Mr. Kerry and Mr. Obama", MAY_31),
        )
    )
    assert entity_of(entities, 2) is entity_of(entities, 1) and entity_of(entities, 1).name == "Barack Obama"
    assert entity_of(entities, 3) is not entity_of(entities, 1)


def test_different_first_names_stay_apart():
    entities = build_registry(
        rows(("a", "George W. Bush", MAY_31), ("b", "Jeb Bush", MAY_31), ("c", "George Bush", MAY_31))
    )
    assert entity_of(entities, 1) is entity_of(entities, 3)
    assert entity_of(entities, 1) is not entity_of(entities, 2)


def test_a_suffix_tells_father_and_son_apart():
    entities = build_registry(
        rows(("a", "Donald Trump", MAY_31), ("b", "Donald Trump Jr.", MAY_31), ("c", "Trump", MAY_31))
    )
    assert entity_of(entities, 1) is not entity_of(entities, 2)
    assert entity_of(entities, 3) is entity_of(entities, 1)  # the lone surname: only Donald Trump has it


# --- anonymous sources and organisations ------------------------------------------------------------


def test_anonymous_sources_are_their_own_entities_never_merged():
    entities = build_registry(
        rows(
            (
                "a",
                "John Kirby",
                MAY_31,
                dict(title="National Security Council spokesman", affiliation="National Security Council"),
            ),
            ("a", "U.S. officials", MAY_31, dict(anonymous=True, count=2, affiliation="U.S.")),
            ("b", "U.S. officials", date(2024, 6, 1), dict(anonymous=True, affiliation="U.S.")),
            ("b", "spokesman", date(2024, 6, 1), dict(anonymous=True, count=1)),
            ("c", "the White House", date(2024, 6, 2)),
            ("d", "White House", date(2024, 6, 3)),
        )
    )
    kirby, first, second, spokesman = (entity_of(entities, key) for key in (1, 2, 3, 4))
    assert len({id(e) for e in (kirby, first, second, spokesman)}) == 4
    assert {first.kind, second.kind, spokesman.kind} == {EntityKind.ANONYMOUS}
    assert (
        entities[first.organisation].name == "U.S. government" and first.organisation == second.organisation
    )
    assert entities[kirby.organisation].name == "National Security Council"
    white_house = entity_of(entities, 5)
    assert white_house is entity_of(entities, 6) and white_house.kind is EntityKind.ORGANISATION
    assert white_house.name == "White House"
    # the shipped hierarchy: Kirby → National Security Council → White House → U.S. government
    parents = {i: e.organisation for i, e in enumerate(entities)}
    chain = [entities[i].name for i in organisation_chain(parents, entities.index(kirby))]
    assert chain == ["John Kirby", "National Security Council", "White House", "U.S. government"]


def test_american_officials_and_the_secretary_of_state_roll_up_to_the_us_government():
    entities = build_registry(
        rows(
            ("a", "American officials", MAY_31, dict(anonymous=True, count=2, affiliation="American")),
            ("b", "Antony Blinken", MAY_31, dict(title="Secretary of State", affiliation="State Department")),
        )
    )
    parents = {i: e.organisation for i, e in enumerate(entities)}
    for row in (1, 2):
        chain = organisation_chain(parents, entities.index(entity_of(entities, row)))
        assert entities[chain[-1]].name == "U.S. government"


def test_a_legislator_does_not_roll_up_to_the_place_that_elected_them():
    entities = build_registry(
        rows(
            ("a", "Ted Cruz", MAY_31, {"title": "Texas Sen.", "affiliation": "Texas"}),
            ("b", "Greg Abbott", MAY_31, {"title": "Texas Gov.", "affiliation": "Texas"}),
        )
    )
    assert entity_of(entities, 1).organisation is None
    assert entities[entity_of(entities, 2).organisation].name == "Texas"


def test_a_legislator_rolls_up_to_the_party_of_their_tag_not_a_stray_affiliation():
    entities = build_registry(
        rows(
            ("a", "Ted Cruz", MAY_31, {"title": "Sen.", "affiliation": "Republican Party"}),
            ("b", "Ted Cruz", MAY_31, {"title": "Texas Sen.", "affiliation": "Texas"}),
            ("c", "Ted Cruz", MAY_31, {"title": "Sen.", "affiliation": "Republican Party"}),
            ("d", "Ted Cruz", MAY_31, {"title": "only candidate to campaign in Wyoming", "affiliation": "Wyoming"}),
        )
    )
    assert entities[entity_of(entities, 1).organisation].name == "Republican Party"


def test_an_affiliation_that_is_a_persons_name_is_no_organisation():
    entities = build_registry(
        rows(
            ("a", "Marco Rubio", MAY_31),
            ("b", "Ted Cruz", MAY_31, {"title": "Republican candidate", "affiliation": "Rubio"}),
        )
    )
    cruz = entity_of(entities, 2)
    assert cruz.organisation is None and not cruz.affiliations
    assert [e.name for e in entities if e.kind is EntityKind.ORGANISATION] == []


def test_corrections_add_parents_to_the_hierarchy(tmp_path):
    path = tmp_path / "registry.yaml"
    path.write_text("parents:\n  Acme Corp: Acme Holdings\n", encoding="utf-8")
    entities = build_registry(
        rows(("a", "Jane Roe", MAY_31, dict(affiliation="Acme Corp"))), load_corrections(path)
    )
    parents = {i: e.organisation for i, e in enumerate(entities)}
    (roe,) = [i for i, e in enumerate(entities) if e.name == "Jane Roe"]
    assert [entities[i].name for i in organisation_chain(parents, roe)] == [
        "Jane Roe",
        "Acme Corp",
        "Acme Holdings",
    ]


# --- corrections -----------------------------------------------------------------------------------


def test_corrections_alias_merge_and_split(tmp_path):
    path = tmp_path / "registry.yaml"
    path.write_text(
        "aliases:\n  Clinton: Hillary Clinton\n"
        "merges:\n  - [Recep Tayyip Erdogan, Tayyip Erdoğan]\n"
        "splits:\n  - [John Smith, Jon Smith]\n",
        encoding="utf-8",
    )
    corrections = load_corrections(path)
    assert corrections.aliases == {"Clinton": "Hillary Clinton"}
    specs = (
        *CLINTONS,
        ("lone", "Clinton", date(2016, 10, 3)),
        ("t1", "Recep Tayyip Erdogan", MAY_31),
        ("t2", "Tayyip Erdoğan", MAY_31),
        ("s1", "John Smith", MAY_31),
        ("s2", "Jon Smith", MAY_31),
    )
    before = build_registry(rows(*specs))
    assert entity_of(before, 3).name == "Clinton"
    assert entity_of(before, 4) is not entity_of(before, 5) and entity_of(before, 6) is entity_of(before, 7)
    after = build_registry(rows(*specs), corrections)
    assert entity_of(after, 3) is entity_of(after, 1) and "Clinton" in entity_of(after, 1).variants
    assert entity_of(after, 4) is entity_of(after, 5) and entity_of(after, 4).name == "Recep Tayyip Erdogan"
    assert entity_of(after, 6) is not entity_of(after, 7)


def test_a_merge_may_name_an_organisation_made_from_affiliations():
    specs = (
        ("a", "United States", MAY_31),
        ("a", "U.S. officials", MAY_31, dict(anonymous=True, affiliation="U.S.")),
    )
    entities = build_registry(rows(*specs), Corrections(merges=(("U.S. government", "United States"),)))
    united_states = entity_of(entities, 1)
    assert united_states.name == "U.S. government" and united_states.variants == ("United States",)
    assert entities[entity_of(entities, 2).organisation] is united_states


def test_a_split_keeps_a_lone_surname_from_its_context():
    specs = (
        ("hillary", "Hillary Clinton", MAY_31),
        ("lone", "Clinton", MAY_31, dict(context=("Hillary Clinton",))),
    )
    split = build_registry(rows(*specs), Corrections(splits=(("Hillary Clinton", "Clinton"),)))
    assert entity_of(split, 1) is not entity_of(split, 2)


@pytest.mark.parametrize(
    "text, problem",
    [
        ("aliases: [Clinton]\n", "aliases must map a name to a name"),
        ("merges:\n  - Clinton\n", "merges must be a list of lists of two or more names"),
        ("unknown: 1\n", "expected a mapping with aliases, merges, splits and/or parents"),
        ("aliases: {a: [\n", "registry.yaml: "),
    ],
)
def test_a_bad_corrections_file_says_what_is_wrong(tmp_path, text, problem):
    path = tmp_path / "registry.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorrectionsError, match=problem.replace("[", r"\[")):
        load_corrections(path)


# --- evaluation ------------------------------------------------------------------------------------


def test_pairwise_scores_on_a_hand_made_label_set():
    entities = [
        "Hillary Clinton",
        "Hillary Clinton",
        "Hillary Clinton",
        "Bill Clinton",
        "ANON:aides [a]",
        "ANON:aides [b]",
    ]
    predicted = [1, 1, 2, 2, 3, 3]
    # labelled pairs: the three Hillary pairs; merged: (0,1), (2,3), (4,5); correct: (0,1)
    scores = pairwise_scores(entities, predicted)
    assert (scores.labelled_pairs, scores.merged_pairs, scores.correct_pairs) == (3, 3, 1)
    assert scores.to_json() == {
        "precision": 0.333,
        "recall": 0.333,
        "f1": 0.333,
        "labelled_pairs": 3,
        "merged_pairs": 3,
        "correct_pairs": 1,
    }
    assert pairwise_scores(entities, [None] * 6).to_json()["f1"] == 0.0  # nothing resolved, nothing merged
    assert pairwise_scores(["a", "b"], [1, 2]).f1 == 1.0


def test_mentions_resolve_to_the_statement_overlapping_them_most(tmp_path):
    path = tmp_path / "speaker_mentions.jsonl"
    records = [
        {"article": "a", "source": [[10, 20]], "entity": "John Kirby"},
        {"article": "a", "source": [[50, 52]], "entity": "John Kirby", "note": "ignored"},
        {"article": "b", "source": [[0, 5]], "entity": "ANON:two U.S. officials [b]"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    mentions = read_speaker_mentions(path)
    assert mentions[0] == LabelledMention("a", (Span(10, 20),), "John Kirby")
    sources = {"a": [((Span(0, 12),), 7), ((Span(12, 30),), 8)], "b": [((Span(40, 45),), 9)]}
    assert resolve_mentions(mentions, sources) == [8, None, None]


# --- the store -------------------------------------------------------------------------------------

ARTICLES = {
    # stem: (date, text, [(mention in the text, Speaker)])
    "kirby": (
        "2024-05-31",
        "Ukrainian President Volodymyr Zelenskyy said more help was needed. National Security Council spokesman "
        "John Kirby said there had been no policy change. Two U.S. officials said permission was given.",
        [
            (
                "Ukrainian President Volodymyr Zelenskyy",
                Speaker(
                    "Volodymyr Zelenskyy",
                    "",
                    "Ukrainian President",
                    "Ukrainian",
                    entity_id="volodymyr-zelenskyy",
                ),
            ),
            (
                "National Security Council spokesman John Kirby",
                Speaker(
                    "John Kirby",
                    "",
                    "National Security Council spokesman",
                    "National Security Council",
                    entity_id="john-kirby",
                ),
            ),
            ("Two U.S. officials", Speaker("U.S. officials", "", None, "U.S.", True, 2, "u-s-officials#1")),
        ],
    ),
    "front": (
        "2024-06-03",
        "President Zelensky said the front held. Kirby said the policy stood. U.S. officials said little.",
        [
            ("President Zelensky", Speaker("Zelensky", "", "President", entity_id="zelensky")),
            ("Kirby", Speaker("Kirby", "", entity_id="kirby")),
            ("U.S. officials", Speaker("U.S. officials", "", None, "U.S.", True, None, "u-s-officials#1")),
        ],
    ),
    "campaign": (
        "2016-10-12",
        "Later Clinton said she was ready. Hillary Clinton said the debate went well.",
        [
            ("Clinton", Speaker("Clinton", "", entity_id="clinton")),  # as if resolved apart in the article
            ("Hillary Clinton", Speaker("Hillary Clinton", "", entity_id="hillary-clinton")),
        ],
    ),
}


KINDS = {  # speakers as the resolver reads them: a GPE, a plural NORP, a person
    "kinds": (
        "2024-06-04",
        "Mexico said it would not pay. Americans said they were tired. Jane Roe said it stood.",
        [
            ("Mexico", Speaker("Mexico", "", entity_id="mexico", kind="organisation")),
            ("Americans", Speaker("Americans", "", entity_id="americans", kind="group")),
            ("Jane Roe", Speaker("Jane Roe", "", entity_id="jane-roe", kind="person")),
        ],
    ),
}


class ScriptedExtractor:
    """The speakers of ``scripts`` (:data:`ARTICLES` unless told): one "MENTION said CONTENT." statement
    each."""

    def __init__(self, scripts=None):
        self.scripts = scripts or ARTICLES

    def extract_articles(self, articles, jobs=1):
        for article in articles:
            found = []
            for mention, speaker in self.scripts[article.id][2]:
                source = article.text.index(mention)
                cue = article.text.index("said", source)
                content = (Span(cue + 5, article.text.index(".", cue)),)
                source_span, cue_span = (Span(source, source + len(mention)),), (Span(cue, cue + 4),)
                found.append(
                    Statement(content, cue_span, source_span, Kind.INDIRECT, speaker, confidence=0.9)
                )
            yield article, found


def write_articles(directory: Path, scripts: dict) -> Path:
    directory.mkdir()
    for stem, (published, text, _) in scripts.items():
        (directory / f"{stem}.txt").write_text(f"date {published}\n\n{text}\n", encoding="utf-8")
    return directory


@pytest.fixture
def news(tmp_path):
    return write_articles(tmp_path / "news", ARTICLES)


def test_ingest_builds_the_registry_and_statements_match_any_variant(news, store_url):
    store = Store(store_url)
    ingest([news], store, ScriptedExtractor())
    zelenskyy = store.speaker("Zelenskiy")  # a spelling no article used
    assert zelenskyy["name"] == "Volodymyr Zelenskyy" and zelenskyy["variants"] == ["Zelensky"]
    assert [(t["value"], t["first"]) for t in zelenskyy["titles"]] == [
        ("Ukrainian President", "2024-05-31"),
        ("President", "2024-06-03"),
    ]
    assert zelenskyy["organisation"] == "Ukrainian government"
    assert [row["speaker_name"] for row in zelenskyy["by_date"]] == ["Volodymyr Zelenskyy", "Zelensky"]
    assert [row["speaker_name"] for row in store.statements(speaker="Zelensky")] == [
        "Volodymyr Zelenskyy",
        "Zelensky",
    ]
    assert len(list(store.statements(speaker="John Kirby"))) == 2
    assert store.speaker(zelenskyy["id"])["name"] == "Volodymyr Zelenskyy"
    assert store.speaker("Nobody") is None
    assert store.speaker("Volodymyr") is None  # a first name is not a surname

    officials = [s for s in store.speakers(search="U.S. officials")]
    assert sorted((s["kind"], s["organisation"], s["count"] or 0) for s in officials) == [
        ("anonymous", "U.S. government", 0),
        ("anonymous", "U.S. government", 2),
    ]
    # the campaign article names Hillary Clinton in full, so its lone "Clinton" is her
    assert store.speaker("Hillary Clinton")["statements"] == 2
    assert [s["name"] for s in store.speakers(search="zelensky")] == ["Volodymyr Zelenskyy"]
    assert store.speakers(search="elensky") == []  # a search starts a word
    with store.engine.connect() as connection:
        unlinked = connection.execute(
            sa.text("SELECT count(*) FROM speakers WHERE registry_id IS NULL")
        ).scalar()
    assert unlinked == 0


def test_the_registry_keeps_the_kind_the_resolver_read(tmp_path, store_url):
    store = Store(store_url)
    ingest([write_articles(tmp_path / "kinds", KINDS)], store, ScriptedExtractor(KINDS))
    with store.engine.connect() as connection:
        stored = dict(connection.execute(sa.text("SELECT name, kind FROM speakers")).all())
    assert stored == {"Mexico": "organisation", "Americans": "group", "Jane Roe": "person"}
    assert store.speaker("Mexico")["kind"] == "organisation"  # by its name alone, a person "Mexico"
    assert store.speaker("Jane Roe")["kind"] == "person"
    (americans,) = store.speakers(search="Americans")
    assert americans["kind"] == "anonymous"  # a group: never merged across articles


def test_corrections_apply_on_every_rebuild(news, store_url):
    store = Store(store_url)
    ingest([news], store, ScriptedExtractor())
    assert store.speaker("Kirby")["name"] == "John Kirby"
    split = Corrections(splits=(("John Kirby", "Kirby"),), aliases={"Clinton": "Bill Clinton"})
    again = ingest(
        [news], store, ScriptedExtractor(), corrections=split
    )  # nothing new: the rebuild still runs
    assert again.counts.unchanged == 3
    assert store.speaker("Kirby")["name"] == "Kirby" and store.speaker("John Kirby")["statements"] == 1
    assert store.speaker("Bill Clinton")["statements"] == 1
    assert rebuild_registry(store) == len(store.speakers())  # without corrections: back to the rules
    assert store.speaker("Kirby")["name"] == "John Kirby"


def test_a_store_at_0001_migrates_with_its_data(store_url):
    engine = open_engine(store_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            sa.text(
                "INSERT INTO runs (id, started_at, status, sources, model, backend, jobs, articles_added, duplicates,"
                " unchanged, statements_added, failures) VALUES (1, CURRENT_TIMESTAMP, 'finished', '[]', 'fast', 'local',"
                " 1, 1, 0, 0, 1, 0)"
            )
        )
        connection.execute(
            sa.text(
                "INSERT INTO articles (id, hash, source_id, origin, authors, text, words, run_id)"
                " VALUES (1, 'h', 'a', 'a.txt', '[]', 'Ann Chen said so.', 4, 1)"
            )
        )
        connection.execute(
            sa.text(
                "INSERT INTO statements (article_id, position, kind, content, cue, source, content_text, cue_text,"
                " source_text, speaker_entity, speaker_name, anonymous, confidence) VALUES (1, 0, 'indirect', '[]', '[]',"
                " '[]', 'so', 'said', 'Ann Chen', 'ann-chen', 'Ann Chen', false, 0.9)"
            )
        )
        connection.execute(
            sa.text(
                "INSERT INTO speakers (article_id, entity_id, name, anonymous, statements) VALUES (1, 'ann-chen', 'Ann Chen', false, 1)"
            )
        )
    engine.dispose()
    store = Store(store_url)
    assert [row["speaker_name"] for row in store.statements(speaker="Ann Chen")] == ["Ann Chen"]
    rebuild_registry(store)
    assert store.speaker("Chen")["name"] == "Ann Chen" and [
        row["registry_id"] for row in store.statements()
    ] == [1]


# --- the CLI ---------------------------------------------------------------------------------------


def test_speaker_verbs(news, tmp_path):
    db = str(tmp_path / "verbs.db")
    ingest([news], Store(db), ScriptedExtractor())
    runner = CliRunner()

    table = runner.invoke(app, ["speakers", "--db", db])
    assert table.exit_code == 0
    assert (
        "Volodymyr Zelenskyy" in table.output
        and "2024-05-31 National Security Council spokesman" in table.output
    )

    found = runner.invoke(app, ["speakers", "--db", db, "--search", "Zelensky", "--format", "jsonl"])
    (record,) = [json.loads(line) for line in found.stdout.splitlines()]
    assert (record["name"], record["kind"], record["statements"]) == ("Volodymyr Zelenskyy", "person", 2)

    csv = runner.invoke(
        app, ["speakers", "--db", db, "--search", "kirby", "--format", "csv"]
    ).stdout.splitlines()
    assert csv[0] == "id,name,kind,variants,titles,affiliations,organisation,count,statements,articles"
    assert csv[1].split(",")[1:3] == ["John Kirby", "person"]

    kirby = runner.invoke(app, ["speaker", "John Kirby", "--db", db])
    assert kirby.exit_code == 0
    lines = kirby.output.splitlines()
    assert lines[0].startswith("John Kirby · person · id ") and lines[0].endswith(
        "2 statements in 2 articles"
    )
    assert "titles        2024-05-31  National Security Council spokesman" in lines
    assert "organisation  National Security Council" in lines
    assert "the policy stood" in kirby.output

    as_json = json.loads(runner.invoke(app, ["speaker", "Zelensky", "--db", db, "--format", "json"]).stdout)
    assert [row["published"] for row in as_json["by_date"]] == ["2024-05-31", "2024-06-03"]

    missing = runner.invoke(app, ["speaker", "Nobody", "--db", db])
    assert missing.exit_code == 2 and "no speaker 'Nobody' in the registry" in missing.output


def test_ingest_takes_a_registry_file(news, tmp_path):
    db = str(tmp_path / "verbs.db")
    ingest([news], Store(db), ScriptedExtractor())
    runner = CliRunner()
    corrections = tmp_path / "registry.yaml"
    corrections.write_text("splits:\n  - [John Kirby, Kirby]\n", encoding="utf-8")
    # every article is stored already, so no model is loaded: the run only rebuilds the registry
    result = runner.invoke(
        app, ["ingest", str(news), "--db", db], env={"ONRECORD_REGISTRY": str(corrections)}
    )
    assert result.exit_code == 0, result.output
    assert Store(db).speaker("Kirby")["name"] == "Kirby"

    corrections.write_text("splits: [Kirby]\n", encoding="utf-8")
    bad = runner.invoke(app, ["ingest", str(news), "--db", db, "--registry-file", str(corrections)])
    assert bad.exit_code == 2
    assert (
        bad.output.strip()
        == f"onrecord: error: {corrections}: splits must be a list of lists of two or more names"
    )


def test_a_generic_organisation_name_stays_inside_its_article():
    entities = build_registry(
        rows(
            ("a", "New Poll", MAY_31),
            ("b", "new poll", MAY_31),
            ("b", "Reuters/Ipsos poll", MAY_31),
            ("c", "Reuters/Ipsos poll", MAY_31),
        )
    )
    assert {kind_of(row) for row in rows(("a", "New Poll", MAY_31))} == {EntityKind.ORGANISATION}
    by_row = {row: entity.name for entity in entities for row in entity.rows}
    assert len({entity.rows for entity in entities if 1 in entity.rows or 2 in entity.rows}) == 2
    assert by_row[3] == by_row[4] == "Reuters/Ipsos poll"
