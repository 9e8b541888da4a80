"""Resolve each statement's source to a :class:`~onrecord.model.Speaker`, within one article.

Pure functions over plain values: the article text, the source span(s) of every statement (document
order) and the article's named-entity mentions (:class:`Mention`, e.g. converted from spaCy's
``doc.ents``). No spaCy import here.

Rules (kept deliberately simple; each is a documented heuristic, not a coreference model):

Person clustering (:func:`person_entities`, also used by :func:`resolve_speakers`)
    A PERSON mention is reduced to its name words: leading titles/honorifics ("President", "Mr.",
    "Sen.", "Gov.", "Secretary", "Dr." ...), a trailing possessive ('s), suffixes (Jr., III) and a
    headline's present-tense verb that spaCy reads into the name ("Obama Says") are stripped; a
    credit such as "Jane Doe/AFP" keeps what precedes the slash. Surnames (last name words)
    are compared lower-cased with a similarity ratio >= 0.85 (rapidfuzz),
    so Zelensky / Zelenskyy / Zelenskiy match. Multi-word mentions form entities: same surname *and*
    compatible first names (equal, an initial, or similar) -> one entity, so Hillary Clinton and
    Bill Clinton stay apart. A single-word mention ("Kirby", "Zelensky's", "President Zelensky") joins
    the multi-word entity sharing its surname (else its first name); when several match it joins the
    one mentioned most so far, then the most recent before it (else the nearest after it): "Cruz"
    after "a photo of Heidi Cruz" in a story about Ted Cruz is Ted. Gender keeps namesakes apart: an
    honorific or gendered word in or right before a name ("Mr.", "Mrs.", "chairwoman", "his wife")
    gives the mention a gender, and an entity takes its gender from its mentions, else from its first
    name (``first_names.json``, learned from PolNeAR train by ``train/first_names.py``); "Mr. Obama"
    never joins "Michelle Obama" but forms an entity of its own, which a bare "Obama" may join. For
    pronouns, a gendered title anywhere counts too ("Hope Hicks, a campaign spokeswoman" is no "he").
    Leftover single words cluster among themselves by surname. The canonical name is the form with
    the most name words (first such on a tie), e.g. "Volodymyr Zelenskyy".
    The entity recogniser's slips are mended first: a name cut at its particle is made whole ("Ursula
    von" + "Leyen"; "Von der Leyen" is her surname); a two- or three-word mention it calls a body or a
    place whose first word is a first name (PolNeAR's, or one of the 1990 U.S. census) and none of whose
    words names an organisation is a person ("Amanda Price" as ORG, but not "Georgia Power"); a lone
    word equal to a person's surname, or to the first word of a family-name-first name ("Wang" after
    "Wang Yi"), is that person, also where only a source's shape revealed the name ("Germany's finance
    minister, Jörg Kukies," then "Kukies").

Source analysis (one statement)
    * no span -> ``None``.
    * the whole source is a pronoun (he/she/him/her/his, they/them/we/us, it) -> resolved below.
    * a clause introduced by "including" / "such as" / "among them" is ignored (the head names the
      speaker: "A number of European leaders, including NATO's secretary general").
    * a named person: a PERSON mention in the source that is not the object of a preposition ("a
      spokesman for John Doe" is the spokesman; "advisers to Mr. Obama" are advisers, and so are
      "lawyers for both Donald and Ivana Trump") nor a possessive modifier ("Zelensky's office" is an
      organisation, though a person's own work speaks for them: "Mr. Trump's returns would shed
      light"), nor a modifier of a lower-case noun ("the Trump campaign"); a
      name joined by "and" to more words is a group ("Trump and his aides", "Obama and Clinton",
      "Presidential candidates Hillary Clinton and Donald Trump"); of two
      names with nothing between, the second is the head ("Clinton campaign manager Robby Mook");
      failing that, an interview transcript's all-caps label ("PENCE:"), or a run of capitalised
      name-like words (two or more words, or one word after a title/honorific or matching a known
      surname) that does not overlap a non-PERSON mention (unless an appositive role follows: "Vann R.
      Newkirk II, a writer for The Atlantic"), is not preceded by a determiner and does not end in an
      organisation word ("Post", "House", "Ministry" ...). name = the entity's canonical name; title =
      the words before the name inside the source, without determiners and honorifics ("National
      Security Council spokesman"; "Ukrainian President"), or an appositive after it ("John Doe, a
      spokesman"); none after a comparison ("someone like Mr. Clarke");
      affiliation = an ORG mention in the title, else the longest capitalised run of non-role words
      ("National Security Council", "Ukrainian"), else an institutional word ("administration").
      A mention with no title of its own, or one whose title words are all in the entity's title
      ("President Zelensky"), carries the entity's title/affiliation: taken from the source naming it
      most fully, else from the words right before its fullest mention in the text.
    * otherwise a noun phrase: leading determiners and quantifiers give the count (a/an/one = 1,
      two..twelve, digits, "both" = 2; several/some/many/a number of ... = None; an unquantified
      singular = 1, plural = None). The head noun (before a post-modifier such as "familiar with",
      "close to", "at") decides the kind:
        - anonymous (``anonymous=True``): officials, sources, people, aides, diplomats, analysts,
          spokespersons, experts ... and an *indefinite* singular office ("a senator").
          name = the phrase without determiner/quantifier ("U.S. officials", "people familiar with
          the matter"); affiliation from capitalised modifiers / ORG mentions ("U.S.", "Pentagon"), an
          institutional word ("administration"), or an "at/from/of/in X" post-modifier.
          A share ("73 percent of registered voters") is anonymous too, named with its figure and
          no count, so two shares never merge.
        - group (``anonymous=False``, count as written, usually None): plural public actors
          ("European leaders", "lawmakers", "Republicans") and any other plural common noun.
        - description (``anonymous=False``): a *definite* singular office ("the president").
        - organisation (``anonymous=False``, count None, title None): everything else, e.g. proper
          nouns ("the United States", "The New York Post", "the White House") and singular
          institutions ("the campaign"); name without the leading determiner;
          what an organisation publishes speaks for it ("a New York Times report", "the White House
          statement" -> the organisation named before the publication noun; "a new report by
          Politico" -> the name after a work and "by").
        A plural demonym or party the entity recogniser marks NORP ("Americans") is a group.
      Each speaker carries its kind (``Speaker.kind``): ``person`` (a named person, the writer, a
      description, an anonymous source of count 1), ``group`` (groups and other anonymous sources) or
      ``organisation``; an unresolved pronoun has none.

Resolution across statements (document order)
    * A singular pronoun right after a subordinator ("Matt Lauer faced criticism after he asked") is
      the first person of its gender named earlier in its sentence, outside what anyone said and not
      as a possessive ("Holt's colleague Matt Lauer"); failing that, the rules below.
    * Singular pronouns (he/she/him/her/his) take the most recent preceding statement's speaker that
      is one person (named, an anonymous source with count 1, or a description) and whose gender, when
      known, is the pronoun's ("she" skips "Mr. Sharpton"; the same holds for the rules below). If
      that speaker is not a named person but a PERSON mention lies between its source and the
      pronoun, the named person wins (a pronoun never goes to an anonymous source past a nearer
      named person); if it is a named person but another person has since opened a sentence of the
      narrative (outside every statement's words, a content that is a name alone being no words:
      "Trump has record low support … He recently pitched"; a connective, a subordinator or a
      lead-in of up to seven words may come first: "So far, Mr. Trump has not …", "In the weeks
      since Labor Day, Mrs. Clinton …"), that person wins.
      With no preceding speaker, the last person who opened a sentence of the narrative is used, else
      the most recent PERSON mention before the source.
    * A relative "who"/"whom" hangs on the last person named within reach whose name it follows
      directly or after an appositive or parenthesis ("Rep. Don Beyer (D-Va.), a former envoy who"),
      never across a verb ("Scott was one of three members who" stays unresolved). A "which" is the
      source it follows after a comma ("the latest tracking poll, which tracks support daily"), else
      the organisation the entity recogniser found right before it ("The Justice Department, which
      filed a brief"), else unresolved.
    * "I" or "me" outside any quote is the article's one author (``writer``), who is never a later
      "he"; without a byline it stays "I".
    * Plural pronouns (they/them/we/us) take the most recent preceding speaker that is not one person
      (a group, an organisation, anonymous sources); only when there is none, a person, as singular
      "they". "It" takes the most recent organisation.
    * An unresolved pronoun gives ``Speaker(name=<pronoun>, entity_id=None)``.
    * A definite singular description ("the president", "the spokesman", "the official"), or a
      headline's bare office ("Senator from Texas"), first resolves to the most recent preceding
      named-person speaker whose title contains its head noun ("Sen." counts as senator); then to the
      person mentioned before whose title anywhere in the text has that head, the most qualifiers
      ("Vermont") winning; then, for an office that is not an anonymous noun, to the person who
      opened a sentence of the narrative in the 300 characters before ("But Trump claims … The
      Republican nominee continues"). A title read before a name stops at another person's name.
    * Anonymous sources are never merged with a named person. Each is its own entity, except that the
      same phrase with the same count recurring ("a U.S. official" twice) is one entity, and a
      definite description ("the official", "the officials") refers back to the most recent earlier
      anonymous entity with the same head noun and number whose name contains all its words.
      "another"/"other" always starts a new entity.
    * Organisations, groups and unresolved descriptions with the same name (case-insensitive) are one
      entity, and a definite organisation ("the poll") is the last organisation named before with
      the same head noun and all its words ("The latest Reuters/Ipsos opinion poll"); a bare "the
      statement" or "the article" is the last organisation that spoke. A description that names no
      one yet ("New Poll Shows …", "A new poll shows …") is the first organisation named after it
      with the same head noun; description words ("new", "poll", "report") are never a name.

Entity ids: persons, organisations, groups and descriptions get the slug of their canonical name
("john-kirby", "united-states"); anonymous entities get slug + "#n", n counting anonymous entities of
that slug ("u-s-officials#1"). A clash between different entities adds "#2", "#3" ...
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Sequence

from rapidfuzz.fuzz import ratio

from onrecord.model import Span, Speaker

__all__ = ["Mention", "NAME_SIMILARITY", "person_entities", "resolve_speakers"]

NAME_SIMILARITY = 0.85


@dataclass(frozen=True, slots=True)
class Mention:
    """One named-entity mention of the article (e.g. from spaCy's NER)."""

    span: Span  # char offsets into the article text
    label: str  # spaCy entity label: PERSON, ORG, GPE, NORP, ...


# --------------------------------------------------------------------------------------------------
# vocabulary

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"})
NAME_TITLES = HONORIFICS | frozenset(
    {
        "president", "vice", "prime", "minister", "secretary", "sen", "senator", "rep", "representative",
        "gov", "governor", "gen", "general", "lt", "col", "sgt", "capt", "maj", "adm", "rev", "mayor",
        "chancellor", "king", "queen", "prince", "princess", "lord", "lady", "judge", "justice", "pope",
        "sheikh", "ambassador", "speaker", "chairman", "chairwoman", "chair", "director", "premier",
        "commissioner", "former", "late", "spokesman", "spokeswoman", "spokesperson",
        "councillor", "councilor", "councilman", "councilwoman", "councilmember", "alderman", "sheriff",
        "trustee", "treasurer", "comptroller", "controller", "auditor", "superintendent", "dean", "provost",
        "clerk", "solicitor", "inspector", "detective", "officer", "archbishop", "chaplain",
        "det", "insp", "supt", "ch", "dci", "pc",  # British police ranks: "Det Ch Insp Claire Howell"
        "professor", "bishop", "cardinal", "rabbi", "imam", "coach",
    }
)  # fmt: skip
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# English words that say whether a person is a man or a woman; first names come from first_names.json
GENDERED_WORDS = {
    **dict.fromkeys(("mr", "sir", "king", "prince", "lord", "chairman", "congressman", "spokesman",
                     "councilman", "businessman", "husband", "father", "son", "brother"), "male"),
    **dict.fromkeys(("mrs", "ms", "miss", "dame", "queen", "princess", "lady", "chairwoman",
                     "congresswoman", "spokeswoman", "councilwoman", "businesswoman", "wife", "mother",
                     "daughter", "sister", "widow"), "female"),
}  # fmt: skip
PRONOUN_GENDER = {
    **dict.fromkeys(("he", "him", "his"), "male"),
    **dict.fromkeys(("she", "her", "hers"), "female"),
}
NAME_PARTICLES = frozenset(
    {"de", "van", "von", "der", "den", "bin", "ibn", "al", "da", "di", "le", "la", "du", "del"}
)

# unnamed individuals: a source phrased with one of these is anonymous
ANON_NOUNS = frozenset(
    {
        "official", "source", "person", "aide", "diplomat", "analyst", "spokesperson", "spokesman",
        "spokeswoman", "representative", "insider", "staffer", "adviser", "advisor", "expert", "observer",
        "witness", "employee", "officer", "negotiator", "investigator", "agent", "authority", "operative",
        "strategist", "assistant", "consultant", "worker", "individual", "someone", "economist",
        "resident", "insider", "aide",
    }
)  # fmt: skip
# unnamed people in the plural ("authorities said"), a body in the singular ("the port authority said")
BODIES_WHEN_ONE = frozenset({"authority"})
# "73 percent (of likely voters)": a share of people, unnamed like an anonymous source, known by its figure
SHARE_WORDS = frozenset({"percent", "pct"})
# public offices / actors: "the president" (a description), "a senator" (anonymous), "senators" (group)
PEOPLE_NOUNS = frozenset(
    {
        "president", "minister", "secretary", "chancellor", "premier", "governor", "senator", "congressman",
        "congresswoman", "lawmaker", "legislator", "mayor", "king", "queen", "pope", "chairman",
        "chairwoman", "chair", "ceo", "director", "ambassador", "general", "commander", "chief", "head",
        "leader", "speaker", "judge", "justice", "prosecutor", "envoy", "coordinator", "administrator",
        "commissioner", "candidate", "nominee", "founder", "owner", "manager", "coach", "captain",
        "editor", "ally", "member", "democrat", "republican", "critic", "opponent", "supporter",
        "protester", "activist", "scientist", "researcher", "doctor", "writer", "columnist", "reporter",
        "correspondent", "author", "historian", "commentator", "pollster", "rival", "challenger",
        "predecessor", "successor", "moderator", "host", "anchor", "lawyer", "attorney", "voter",
        "demonstrator", "citizen", "taxpayer", "student", "parent", "veteran", "delegate", "donor",
        "immigrant", "respondent", "viewer", "fan", "executive", "player", "striker", "goalkeeper",
        "midfielder", "defender", "quarterback", "pitcher",
        # the everyday people a reporter quotes: "a nurse who asked not to be named", "two farmers said"
        "nurse", "teacher", "farmer", "engineer", "pilot", "driver", "soldier", "firefighter", "physician",
        "surgeon", "patient", "survivor", "victim", "neighbor", "neighbour", "villager", "shopkeeper",
        "trader", "investor", "banker", "tenant", "landlord", "refugee", "migrant", "passenger",
        "homeowner", "retiree", "pensioner", "entrepreneur", "businessman", "businesswoman", "volunteer",
        "organizer", "organiser", "customer", "consumer", "shopper", "commuter", "miner", "fisherman",
        "mother", "father", "relative", "friend", "colleague", "lecturer", "academic", "man", "woman",
        # Westminster's and Brussels' members: "one Labour MP, who asked not to be named"
        "mp", "mep", "msp", "peer", "backbencher", "politician", "campaigner",
    }
)  # fmt: skip
ROLE_WORDS = ANON_NOUNS | PEOPLE_NOUNS | NAME_TITLES | frozenset({"people", "spokespeople", "officials"})
# the last word of a capitalised run that names an organisation, not a person
ORG_HEADS = frozenset(
    {
        "house", "council", "department", "ministry", "office", "agency", "committee", "commission",
        "court", "senate", "congress", "parliament", "assembly", "party", "campaign", "administration",
        "government", "post", "times", "news", "journal", "press", "tribune", "herald", "guardian",
        "telegraph", "network", "bureau", "service", "services", "company", "corporation", "corp", "inc",
        "ltd", "group", "bank", "fund", "foundation", "institute", "university", "college", "school",
        "association", "union", "organization", "organisation", "forces", "force", "army", "navy",
        "guard", "police", "kremlin", "pentagon", "states", "kingdom", "republic", "nations",
        "federation", "center", "centre", "board", "authority", "command", "staff", "cabinet",
        "embassy", "mission", "reuters", "media", "tv", "radio", "street", "hall", "palace", "club",
    }
)  # fmt: skip
# "the agency said", "the group said": a body quoted before (see ``organisation_that_spoke``)
BODY_NOUNS = frozenset(
    {"agency", "department", "ministry", "office", "bureau", "commission", "group", "organization",
     "organisation", "authority", "administration", "club", "team"}
)  # fmt: skip
# "the company said": a business named before, never a public body or a newsroom
BUSINESS_NOUNS = frozenset(
    {"company", "firm", "business", "corporation", "drugmaker", "automaker", "carmaker", "chipmaker",
     "maker", "manufacturer", "retailer", "lender", "bank", "insurer", "airline", "startup", "conglomerate"}
)  # fmt: skip
CORPORATE_SUFFIXES = frozenset(
    {"inc", "corp", "co", "ltd", "llc", "plc", "ag", "sa", "gmbh", "group", "holdings", "pharma",
     "pharmaceuticals", "motors", "airlines", "technologies", "labs", "systems", "semiconductors",
     "energy", "industries", "partners", "capital"}
)  # fmt: skip
# an organisation's last word that names no business: a public body, a party, a newsroom, a school …
PUBLIC_BODY_HEADS = ORG_HEADS - BUSINESS_NOUNS - CORPORATE_SUFFIXES - {"fund", "street", "club", "center",
                                                                        "centre"}
WORKPLACE_PREPOSITIONS = frozenset({"at", "with", "from", "for"})  # "an analyst at …", "a lawyer for …"
NOT_A_BUSINESS = PUBLIC_BODY_HEADS | BUSINESS_NOUNS  # "the company" is never "the Drugmaker" of a headline
# "the newspaper said": the news outlet named before; an outlet's name ends in one of NEWS_HEADS
NEWSROOM_NOUNS = frozenset({"newspaper", "paper", "daily", "broadcaster", "magazine", "tabloid"})
NEWS_HEADS = frozenset(
    {"times", "post", "journal", "news", "tribune", "herald", "guardian", "telegraph", "gazette", "globe",
     "chronicle", "star", "sun", "mail", "express", "observer", "independent", "record", "courier",
     "examiner", "inquirer", "register", "review", "daily", "press", "bulletin", "standard", "monitor",
     "ledger", "dispatch", "sentinel", "bee", "zeitung", "monde", "país", "pais"}
)  # fmt: skip
# what an organisation publishes: "the Times article" speaks for the Times
PUBLICATION_NOUNS = frozenset(
    {"article", "report", "story", "editorial", "column", "op-ed", "piece", "analysis", "investigation",
     "statement", "release", "memo", "letter", "tweet", "ad", "video", "website", "note", "filing", "study",
     "brief"}
)  # fmt: skip
# Words of a description, not a name: "New Poll Shows …", "A new poll shows …"
GENERIC_SOURCE_WORDS = frozenset(
    {"new", "latest", "recent", "national", "poll", "polls", "survey", "study", "report", "article",
     "statement", "analysis", "data", "research", "document", "documents", "memo", "letter", "video", "ad",
     "records", "figures", "numbers", "results", "story", "editorial", "website", "campaign", "source"}
)  # fmt: skip
# words in a name that make it a body's or a place's, whatever first name it opens with ("Georgia Power",
# "Virginia Tech", "Lincoln Memorial", "Houston Rockets")
ORG_WORDS = frozenset(
    {"power", "tech", "church", "memorial", "square", "river", "valley", "airport", "hospital", "stadium",
     "park", "bridge", "day", "county", "city", "avenue", "road", "island", "lake", "mountain", "beach",
     "democrats", "republicans", "rockets", "hornets", "falls", "springs", "heights", "hills", "museum",
     "library", "prize", "award", "act", "bill", "law", "plan", "project", "fire", "storm", "hurricane"}
) | ORG_HEADS | CORPORATE_SUFFIXES | BUSINESS_NOUNS | PUBLICATION_NOUNS | GENERIC_SOURCE_WORDS  # fmt: skip
# what speaks for the person whose it is: "Mr. Trump's returns would also shed light on …"
PERSONAL_WORKS = PUBLICATION_NOUNS | frozenset(
    {"return", "remark", "comment", "word", "speech", "book", "post", "interview", "testimony", "lesson",
     "message", "warning", "quote"}
)  # fmt: skip
# what an institution publishes, and is the source of only as "published by" it: "figures released by
# NHS England" (but "a key figure" in a title is no work)
PUBLISHED_DATA = frozenset({"figure", "data", "statistic", "estimate", "record", "number"})
# "a statement from John Kirby", "a lesson from Loretta Lynch": the work's author is the source
AUTHOR_PREPOSITIONS = frozenset({"from", "by"})
# lower-case modifiers that name an institution: "a senior administration official"
INSTITUTION_WORDS = frozenset(
    {
        "administration", "government", "military", "campaign", "police", "intelligence", "defense",
        "defence", "embassy", "ministry", "party", "congressional", "diplomatic", "industry", "company",
        "army", "navy", "court", "prosecution", "opposition", "kremlin", "pentagon",
    }
)  # fmt: skip
# a title's level of government names no body of its own: "State Rep.", "City Councilmember"
LEVELS_OF_GOVERNMENT = frozenset({"state", "federal", "local", "city", "county", "national", "regional"})
# A government portfolio before the title of the one who holds it names a ministry or a department.
PORTFOLIOS = frozenset(
    {
        "foreign", "finance", "defense", "defence", "interior", "health", "treasury", "justice", "education",
        "energy", "economy", "trade", "transport", "agriculture", "environment", "labor", "labour", "home",
        "commerce", "culture", "state",
    }
)  # fmt: skip
MINISTERIAL = {"minister": "Ministry", "secretary": "Department"}
LED_BODIES = frozenset({"campaign", "administration"})  # "the Trump campaign", "Biden's administration"
# capitalised words that are never names or affiliations (sentence-initial adjectives, days, ...)
NOT_NAMES = frozenset(
    {
        "the", "a", "an", "this", "that", "these", "those", "senior", "top", "former", "current", "other",
        "another", "several", "some", "many", "unnamed", "anonymous", "high-ranking", "ranking", "few",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
        "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "yesterday", "today", "tomorrow", "meanwhile", "but", "and", "or", "so",
        "then", "also", "however", "asked", "when", "while", "at", "in", "on", "after", "before", "as",
        "during", "speaking", "according", "earlier", "later", "last", "next", "both", "all", "each",
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "his", "her", "their", "its", "our", "my", "your", "retired", "fellow",
    }
)  # fmt: skip
CONNECTORS = frozenset({"of", "and", "for", "&", "on"})
PREPOSITIONS = frozenset(
    {"of", "for", "to", "with", "by", "at", "from", "in", "on", "about", "near", "under"}
)
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
# "his advisers" refers back like "the advisers" (to advisers named before), and is named "advisers"
DEFINITE_DETERMINERS = frozenset(
    {"the", "this", "that", "these", "those", "his", "her", "their", "its", "our"}
)
PAIR_WORDS = frozenset({"both", "either", "neither"})  # "lawyers for both Mr. Trump and The Times"
COMPARISONS = frozenset({"like", "unlike", "as"})  # "someone like Mr. Clarke", "such as Mr. Clarke"
# a post-modifier starts at one of these (lower-case) words: "people familiar with the matter"
POSTMOD_WORDS = frozenset(
    {
        "familiar", "close", "with", "who", "whom", "that", "which", "at", "from", "in", "for", "of", "on",
        "briefed", "speaking", "involved", "knowledgeable", "according", "to", "under", "inside",
        "within", "across", "around", "near", "representing", "working", "based", "aware", "privy",
        "granted", "not", "authorized", "authorised",
    }
)  # fmt: skip
AFFILIATION_PREPS = frozenset({"at", "from", "of", "for", "in", "inside", "within"})

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "both": 2,
}  # fmt: skip
VAGUE_QUANTIFIERS = frozenset(
    {"several", "some", "many", "few", "various", "multiple", "numerous", "dozens", "hundreds", "thousands",
     "scores", "most", "all", "more", "certain"}
)  # fmt: skip
# A legislator's party and state after the name, as American news writes them: "Sen. Elizabeth Warren,
# D-Mass.", "Rep. Jim Jordan (R-Ohio)".
_PARTY_TAG = re.compile(r",?\s*\(?(?P<party>[DRI])-[A-Z][\w.]*")
PARTIES = {"D": "Democratic Party", "R": "Republican Party"}  # an independent ("I-Vt.") belongs to none
_PARTITIVE_PRONOUN = re.compile(r"(?P<count>\w+)\s+of\s+(?:them|those|us)", re.I)
_ANOTHER_MEMBER = re.compile(r"(?:an?\s+(?:second|third|fourth|fifth|sixth)|another)(?:\s+one)?", re.I)
PARTITIVE_HEAD = "of them"  # the head of "two of them": no noun of its own, the group's
RELATIVE_WORDS = frozenset({"who", "whom", "whose", "which", "that"})
UNNAMED_PRONOUNS = frozenset({"others", "some", "many", "most", "few", "several"})
QUANTIFIER_PHRASES = (  # (words, count)
    (("a", "number", "of"), None),
    (("a", "handful", "of"), None),
    (("a", "group", "of"), None),
    (("a", "couple", "of"), None),
    (("a", "pair", "of"), 2),
    (("a", "few"), None),
    (("one", "of", "the"), 1),
    (("one", "of"), 1),
    (("dozens", "of"), None),
    (("hundreds", "of"), None),
    (("thousands", "of"), None),
    (("some", "of", "the"), None),
    (("many", "of", "the"), None),
    (("several", "of", "the"), None),
)

# abbreviated titles, so that "the senator" finds "Sen. Bernie Sanders"
TITLE_FORMS = {
    "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "pres": "president",
    "sec": "secretary", "amb": "ambassador", "atty": "attorney", "lt": "lieutenant",
}  # fmt: skip
# a rank within a title names no body: "Deputy spokesman Vedant Patel", "Assistant Secretary …"
RANKS = frozenset({"deputy", "acting", "assistant", "associate", "vice", "chief", "interim", "principal"})
# words that qualify a title without telling two holders apart ("the former president")
TITLE_QUALIFIERS = frozenset(
    {"former", "current", "then", "new", "longtime", "outgoing", "incoming", "acting", "top", "veteran"}
)
SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "we", "us", "our"})
IT_PRONOUNS = frozenset({"it", "its"})
THING_RELATIVES = frozenset({"which"})  # "the latest poll, which tracks support daily, shows …"
RELATIVE_PRONOUNS = frozenset({"who", "whom"})  # "Councillor Anja Petrov, who voted against, said …"
# lower-case words after a name that keep it the head of the phrase ("Trump and his aides", "Kirby himself")
NAME_CONTINUERS = frozenset({"and", "or", "himself", "herself", "who", "jr", "sr"})
SUBORDINATORS = frozenset(
    {"if", "when", "although", "though", "while", "because", "after", "before", "unless"}
)
# "So far, Trump …", "In the weeks since Labor Day, Mrs. Clinton …": the subject still opens the sentence
LEAD_IN_WORDS = 7
_APPOSITIVE_WORDS = 12  # at most, in a role set off by commas after a name
SENTENCE_OPENERS = frozenset({"but", "and", "so", "yet", "still", "meanwhile", "now", "then", "instead"})
DESCRIPTION_REACH = 300  # characters back to the name an untitled "the Republican nominee" refers to
RELATIVE_REACH = 120  # characters back to the name a relative pronoun hangs on
PRONOUNS = SINGULAR_PRONOUNS | PLURAL_PRONOUNS | IT_PRONOUNS | RELATIVE_PRONOUNS | THING_RELATIVES
# entity labels a person's name is mistaken for ("Lucas Ferreira" as GPE, "Amanda Price" as ORG)
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})
NAME_LIKE_LABELS = PLACE_LABELS | {"ORG", "PRODUCT", "WORK_OF_ART", "EVENT"}
# what a resolved source is (``Speaker.kind``), by the kind of source analysis that named it
SPEAKER_KINDS = {
    "person": "person", "writer": "person", "desc": "person", "group": "group", "org": "organisation"
}  # fmt: skip

_STRIP = ',;:!?"“”()[]{}‘«»'
_LEAD_STRIP = "'’"
# Why a source is not named ("officials, who spoke on condition of anonymity to discuss the talks"): not
# part of the name; the anonymity itself is read from the noun phrase before it.
ANONYMITY_CLAUSE = re.compile(
    r",?\s+(?P<clause>(?:who\s+(?:had\s+)?"
    r"(?:asked|requested|spoke|speak|declined|demanded|insisted|agreed|wanted|wished"
    r"|(?:was|were|is|are)\s+not|(?:did|does|do)\s+not\s+(?:want|wish))\b"
    r"[^.;:\"“”]*?(?:anonymity|named|identified|authori[sz]ed|publicly|on\s+the\s+record)"
    # or a participle: "speaking on condition of anonymity", "requesting anonymity" (but not "speaking
    # publicly for the first time", which names no secret)
    r"|(?:speaking|requesting|insisting\s+on)\b[^.;:\"“”]*?(?:anonymity|anonymously|on\s+background))"
    r"[^,.;:\"“”]*)",
    re.IGNORECASE,
)
# a headline's future: "Hospital group to close rural maternity ward": the group speaks, not the plan
_INFINITIVE = re.compile(r"\s+to\s+(?P<verb>[a-z]+)\b(?![-'’])")


def _headline_future(source: str) -> re.Match[str] | None:
    """Where a source runs on into "to" and a verb; "advisers to former Mayor Oduya" serve someone."""
    match = _INFINITIVE.search(source)
    if match is None or match.group("verb") in NAME_TITLES | TITLE_QUALIFIERS | DETERMINERS | NOT_NAMES:
        return None
    return match


_APPOSITIVE_AFTER = re.compile(r",\s+(?:one\s+of|a|an|the)\s+[a-z]")
_INCLUSION = re.compile(r",?\s+(?:including|such as|among them|among whom|notably)\b", re.IGNORECASE)
# how an adjective ends ("Regional", "Civil", "Environmental"): at a sentence's start it names no body
_ADJECTIVE_ENDING = re.compile(r"(?:al|il|ic|ive|ous|ary|ed|ing|ful|less|able|ible)$")
_ABBREV = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+[\"“‘(]?[A-Z]")
_ABBREV_KEYS = frozenset(
    {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "adm", "rev", "st",
     "jr", "sr", "prof", "maj"}
)  # fmt: skip


# --------------------------------------------------------------------------------------------------
# small helpers


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    raw: str  # as written, with surrounding punctuation
    word: str  # punctuation trimmed (keeps "U.S.", "Mr.", "Zelensky's")

    @property
    def key(self) -> str:
        return _key(self.word)


def _key(word: str) -> str:
    w = word.lower()
    for suffix in ("'s", "’s"):
        if w.endswith(suffix):
            w = w[: -len(suffix)]
    w = w.rstrip("'’").rstrip(".")
    if w.startswith("ex-") and w[3:] in ROLE_WORDS:
        return w[3:]  # "ex-Mayor Raymond Oduya" is titled as "former Mayor …" is
    return w


def _strip_possessive(word: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return word


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    out = []
    for m in re.finditer(r"\S+", text[start:end]):
        raw = m.group()
        lead = len(raw) - len(raw.lstrip(_STRIP + _LEAD_STRIP))
        word = raw[lead:].rstrip(_STRIP)
        if not word:
            continue
        s = start + m.start() + lead
        out.append(_Tok(s, s + len(word), raw, word))
    return out


def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    if not a or not b:
        return False
    return ratio(a, b) / 100 >= NAME_SIMILARITY


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "entity"


def _is_cap(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _is_name_word(tok: _Tok) -> bool:
    w = _strip_possessive(tok.word)
    if len(w) == 2 and w[0].isalpha() and w[0].isupper() and w[1] == ".":  # an initial
        return True
    letters = w.replace("'", "").replace("’", "").replace("-", "")
    if not (w[0].isupper() and letters.isalpha() and any(ch.islower() for ch in w)):  # excludes NATO, U.S.
        return False
    k = tok.key
    return not (_is_role(k) or k in NOT_NAMES or k in ORG_HEADS or k in GENERIC_SOURCE_WORDS)


def _is_role(key: str) -> bool:
    return key in ROLE_WORDS or _singular(key)[0] in ROLE_WORDS


def names_people(word: str) -> bool:
    """Is ``word`` a noun for people who speak ("officials", "the person", "spokeswoman")?"""
    return _is_role(_key(word))


def _is_sentence_stop(raw: str) -> bool:
    """Does this token (as written) end a phrase when scanning backwards?"""
    if raw[-1] in ',;:!?"”)—–' or raw in {"-", "--"}:
        return True
    if raw.endswith("."):
        return not (_ABBREV.match(raw) or _key(raw) in _ABBREV_KEYS or re.fullmatch(r"[A-Z]\.", raw))
    return False


def _singular(key: str) -> tuple[str, bool]:
    irregular = {"people": "person", "spokespeople": "spokesperson", "police": "police", "staff": "staff",
                 "media": "media", "allies": "ally", "authorities": "authority"}  # fmt: skip
    if key in irregular:
        return irregular[key], key not in {"staff", "media"}
    if key.endswith("men") and key[:-3] + "man" in ROLE_WORDS:  # "spokesmen", "women"; not "Yemen"
        return key[:-3] + "man", True
    if len(key) > 4 and key.endswith("ies"):
        return key[:-3] + "y", True
    if key.endswith(("sses", "shes", "ches", "xes")):
        return key[:-2], True
    if key.endswith("s") and not key.endswith(("ss", "us", "is")) and len(key) > 2:
        return key[:-1], True
    return key, False


def _title_key(word: str) -> str:
    key = _singular(_key(word))[0]
    return TITLE_FORMS.get(key, key)


def _span_text(text: str, toks: Sequence[_Tok]) -> str:
    return text[toks[0].start : toks[-1].end] if toks else ""


def _clean_name(s: str) -> str:
    s = s.strip().strip(_STRIP).strip()
    s = re.sub(r"^(?:the|The|THE)\s+", "", s)
    return _strip_possessive(s) if s.endswith(("'s", "’s")) else s


def _owner_untitled(name: str) -> str:
    """An organisation named by the person it belongs to, without that person's titles: "Sen. Warren's
    campaign" is "Warren's campaign", as the story also writes it ("Mr. Zelenskyy's office")."""
    words = name.split()
    owner = next((i for i, w in enumerate(words) if w.endswith(("'s", "’s"))), None)
    if owner is None or not _is_cap(words[owner]):
        return name
    titles = 0
    while titles < owner and _key(words[titles]) in NAME_TITLES and _is_cap(words[titles]):
        titles += 1
    return " ".join(words[titles:])


class _Ids:
    """Allocates entity ids unique within one article."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.anonymous: dict[str, int] = {}

    def _take(self, candidate: str, base: str) -> str:
        n = 2
        while candidate in self.used:
            candidate = f"{base}#{n}"
            n += 1
        self.used.add(candidate)
        return candidate

    def plain(self, name: str) -> str:
        base = _slug(name)
        return self._take(base, base)

    def anon(self, name: str) -> str:
        base = _slug(name)
        n = self.anonymous.get(base, 0) + 1
        while f"{base}#{n}" in self.used:
            n += 1
        self.anonymous[base] = n
        self.used.add(f"{base}#{n}")
        return f"{base}#{n}"


# --------------------------------------------------------------------------------------------------
# person clustering


@dataclass(slots=True)
class _Name:
    span: Span
    words: list[str]
    gender: str | None = None  # from an honorific or gendered title: "Mr. Obama", "Sen. … chairwoman"

    @property
    def surname(self) -> str:
        return _key(self.words[-1])

    @property
    def first(self) -> str | None:
        return _key(self.words[0]) if len(self.words) > 1 else None


@dataclass(slots=True)
class _Cluster:
    members: list[_Name] = field(default_factory=list)
    entity_id: str = ""

    @property
    def fulls(self) -> list[_Name]:
        return [m for m in self.members if len(m.words) > 1]

    @property
    def canonical(self) -> str:
        best = max(self.members, key=lambda m: (len(m.words), -m.span.start))
        return " ".join(best.words)

    @property
    def gender(self) -> str | None:
        """What the text's honorifics say, else what the first name says (None when unknown or mixed)."""
        said = {m.gender for m in self.members if m.gender}
        if said:
            return next(iter(said)) if len(said) == 1 else None
        return first_name_gender(self.fulls[0].words[0]) if self.fulls else None

    def fits(self, gender: str | None) -> bool:
        return gender is None or self.gender in (None, gender)

    def mentions_before(self, offset: int) -> int:
        return sum(m.span.start < offset for m in self.members)

    def last_before(self, offset: int) -> int | None:
        starts = [m.span.start for m in self.members if m.span.start < offset]
        return max(starts) if starts else None

    def first_after(self, offset: int) -> int | None:
        starts = [m.span.start for m in self.members if m.span.start > offset]
        return min(starts) if starts else None


@cache
def _first_names() -> dict[str, str]:
    """First name -> gender, learned from PolNeAR train by train/first_names.py."""
    table = json.loads(files("onrecord.speakers").joinpath("first_names.json").read_text(encoding="utf-8"))
    return {name.lower(): gender for gender, names in table.items() for name in names}


# The 1990 U.S. census first names (the `names` package, MIT): those given to at least 1 in 20,000 people
# of one sex; a name counts as a man's or a woman's when that sex has at least four times its share.
CENSUS_MIN_PERCENT = 0.005
CENSUS_GENDER_RATIO = 4.0


@cache
def _census_first_names() -> dict[str, str | None]:
    """First name -> "male" / "female", or None where both sexes bear it ("Jordan")."""
    shares: dict[str, dict[str, float]] = {}
    for gender in ("male", "female"):
        for line in files("names").joinpath(f"dist.{gender}.first").read_text(encoding="ascii").splitlines():
            name, percent, *_ = line.split()
            if float(percent) >= CENSUS_MIN_PERCENT:
                shares.setdefault(name.lower(), {})[gender] = float(percent)
    genders: dict[str, str | None] = {}
    for name, share in shares.items():
        male, female = share.get("male", 0.0), share.get("female", 0.0)
        if male >= CENSUS_GENDER_RATIO * female:
            genders[name] = "male"
        elif female >= CENSUS_GENDER_RATIO * male:
            genders[name] = "female"
        else:
            genders[name] = None
    return genders


def first_name_gender(word: str) -> str | None:
    """"male" / "female" for a first name seen in PolNeAR train, else by the census; None for a name
    both sexes bear or no first name at all."""
    key = word.lower()
    return _first_names().get(key) or _census_first_names().get(key)


def is_first_name(word: str) -> bool:
    key = word.lower()
    return key in _first_names() or key in _census_first_names()


# present-tense reporting verbs of a title-case headline ("Obama Says …"); no past tense: Edward Said
_HEADLINE_VERB = re.compile(
    r"Says|Tells|Urges|Calls|Asks|Vows|Slams|Warns|Adds|Notes|Claims|Insists|Writes|Argues|Admits|Denies"
)


# siblings or a couple named together: "Daniel and Mark Hutchins", "Ivana and Donald Trump"
_SHARED_SURNAME = re.compile(r"\s+and\s+[A-Z][\w'’-]+\s+(?P<surname>[A-Z][\w'’-]+)(?!\s+[A-Z])")


_FIRST_NAME_AND = re.compile(r"(?:^|(?<=\s))(?P<first>[A-Z][\w'’-]+)\s+and\s+$")


def _coordinated_first_names(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The first name the entity recogniser left out of "Daniel and Mark Hutchins", as a person."""
    found = []
    for m in mentions:
        if m.label != "PERSON":
            continue
        window = max(0, m.span.start - 40)
        before = _FIRST_NAME_AND.search(text, window, m.span.start)
        if before is None or not is_first_name(before.group("first")):
            continue
        start = before.start("first")
        span = Span(start, start + len(before.group("first")))
        if not any(other.span.overlaps(span) for other in mentions):
            found.append(Mention(span, "PERSON"))
    return found


def _parse_name(text: str, span: Span) -> _Name:
    raw = span.text(text).split("/")[0]
    words = [w.strip(_STRIP).lstrip(_LEAD_STRIP) for w in raw.split()]
    words = [w for w in words if re.search(r"\w", w)]
    words = [w.title() if w.isupper() and len(w) > 3 else w for w in words]  # "PENCE:" in a transcript
    if words:
        words[-1] = _strip_possessive(words[-1])
    # the word right before the name counts too: spaCy leaves "Mr." out of "Mr. Obama"
    before = re.search(r"(\S+)\s+$", text[max(0, span.start - 40) : span.start])
    titles = [_key(before.group(1).strip(_STRIP))] if before else []
    while len(words) > 1 and _key(words[0]) in NAME_TITLES:
        titles.append(_key(words.pop(0)))
    while len(words) > 1 and _key(words[-1]) in NAME_SUFFIXES:
        words.pop()
    while len(words) > 1 and _key(words[0]) in NAME_PARTICLES and words[0] != "Al":
        words.pop(0)  # "Von der Leyen" is the surname alone; "Al Gore" has a first name
    if len(words) > 1 and _HEADLINE_VERB.fullmatch(words[-1]):
        words.pop()  # spaCy's "Obama Says" in a title-case headline: the verb is no part of the name
    if len(words) == 1 and not NAME_TITLES.intersection(titles) and is_first_name(words[0]):
        if (shared := _SHARED_SURNAME.match(text, span.end)) is not None:
            words.append(shared.group("surname"))  # "Daniel and Mark Hutchins": Daniel Hutchins
    genders = {GENDERED_WORDS[k] for k in titles if k in GENDERED_WORDS}
    gender = next(iter(genders)) if len(genders) == 1 else None
    return _Name(span, words or [span.text(text).strip() or "unknown"], gender)


def _first_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    if a == b:
        return True
    if (len(a) == 1 or len(b) == 1) and a[0] == b[0]:
        return True
    return _similar(a, b)


def _cluster(text: str, spans: Sequence[Span]) -> list[_Cluster]:
    """Group person-name spans into entities (rules in the module docstring); ids are assigned."""
    names = sorted((_parse_name(text, s) for s in dict.fromkeys(spans)), key=lambda n: n.span)
    clusters: list[_Cluster] = []
    for name in (n for n in names if len(n.words) > 1):
        for c in clusters:
            if any(
                _similar(name.surname, f.surname) and _first_compatible(name.first, f.first) for f in c.fulls
            ):
                c.members.append(name)
                break
        else:
            clusters.append(_Cluster([name]))

    def pick(candidates: list[_Cluster], offset: int) -> _Cluster | None:
        # The namesake mentioned most so far, then the most recent: a bare "Cruz" after "a photo of
        # Heidi Cruz" in a story about Ted Cruz is still Ted.
        before = [(c.mentions_before(offset), c.last_before(offset), i, c) for i, c in enumerate(candidates)]
        before = [t for t in before if t[1] is not None]
        if before:
            return max(before, key=lambda t: (t[0], t[1], -t[2]))[3]
        after = [(c.first_after(offset), i, c) for i, c in enumerate(candidates)]
        after = [t for t in after if t[0] is not None]
        return min(after, key=lambda t: (t[0], t[1]))[2] if after else None

    def namesakes(name: _Name) -> list[_Cluster]:
        return [c for c in clusters if any(_similar(name.surname, f.surname) for f in c.fulls)]

    roles_with: dict[Span, frozenset[str]] = {}
    people = [Mention(span, "PERSON") for span in spans]  # where another's title ends: at their name

    def roles(name: _Name) -> frozenset[str]:
        if name.span not in roles_with:
            roles_with[name.span] = _roles_named_with(text, name.span, people)
        return roles_with[name.span]

    def join(name: _Name, candidates: list[_Cluster]) -> None:
        # "Harlow, the chairman," is the Harlow the text has called chairman, not the brother named last
        said = roles(name)
        titled = [c for c in candidates if any(said & roles(m) for m in c.members)] if said else []
        chosen = pick(titled or candidates, name.span.start)
        if chosen is None:
            clusters.append(_Cluster([name]))
        else:
            chosen.members.append(name)
            chosen.members.sort(key=lambda m: m.span)

    def unnamed(name: _Name) -> list[_Cluster]:
        fitting = (c for c in clusters if not c.fulls and c.fits(name.gender))
        return [c for c in fitting if _similar(name.surname, c.members[0].surname)]

    # An honorific no namesake fits is someone else: "Mr. Obama" beside only "Michelle Obama". Such
    # names get an entity first, so that a bare "Obama" weighs both by how often each was named.
    singles = [n for n in names if len(n.words) == 1]
    unfit = [n for n in singles if (found := namesakes(n)) and not any(c.fits(n.gender) for c in found)]
    for name in unfit:
        join(name, unnamed(name))
    for name in (n for n in singles if n not in unfit):
        candidates = [c for c in namesakes(name) if c.fits(name.gender)]
        if not candidates:
            fitting = (c for c in clusters if c.fits(name.gender))
            candidates = [c for c in fitting if any(name.surname == f.first for f in c.fulls)]
        join(name, candidates + unnamed(name))

    clusters.sort(key=lambda c: c.members[0].span)
    ids = _Ids()
    for c in clusters:
        c.entity_id = ids.plain(c.canonical)
    return clusters


def _roles_named_with(text: str, name: Span, people: Sequence[Mention]) -> frozenset[str]:
    """The role words of the titles written with a name, before it or set off after it: "chairman" for
    "Tom Harlow, 58, the company's chairman," and for "Harlow, the chairman,"."""
    before = _title_before(text, _name_start(text, name), people)[0]
    titles = (before, _appositive_title(text, name, people)[0])
    keys = (_title_key(word) for title in titles if title for word in title.split())
    return frozenset(key for key in keys if _is_role(key))


def _with_surnames_as_people(
    text: str, mentions: Sequence[Mention], people: Sequence[Span] = ()
) -> list[Mention]:
    """Relabel a one-word mention that repeats a known person's name as PERSON.

    spaCy's small model often tags a lone surname ("Marrow said …") as ORG once the full name has been
    seen; in news a capitalised word equal to a named person's surname is that person. So is a word
    equal to the first word of a two-word name, where the family name comes first ("Wang" after "Wang
    Yi"); a place or a nationality ("Jordan", "Georgia") is left alone. ``people`` adds names the
    entity recogniser missed but a source's shape gave away ("Germany's finance minister, Jörg Kukies").
    """
    ments = sorted((Mention(Span(*m.span), m.label) for m in mentions), key=lambda m: m.span)
    ments = _names_across_particles(text, ments)
    names = [_parse_name(text, m.span) for m in ments if m.label == "PERSON"]
    names += [_parse_name(text, span) for span in people]
    surnames = {_key(name.words[-1]) for name in names if name.words}
    family_first = {_key(name.words[0]) for name in names if len(name.words) == 2} - surnames

    def is_person(m: Mention) -> bool:
        words = [w for w in m.span.text(text).split() if _key(w) not in NAME_PARTICLES]  # "Von der Leyen"
        if m.label == "PERSON" or m.label not in NAME_LIKE_LABELS or not words:
            return False  # a mention of particles alone ("La") names no one
        if len(words) > 1:
            return _looks_like_a_full_name(words)
        key = _key(words[0])
        return key in surnames or (key in family_first and m.label not in PLACE_LABELS)

    relabelled = [Mention(m.span, "PERSON") if is_person(m) else m for m in ments]
    relabelled += _coordinated_first_names(text, relabelled)
    return sorted(relabelled + _surnames_untagged(text, relabelled, names), key=lambda m: m.span)


_CAPITALISED_WORD = re.compile(r"\b[A-Z][\w'’-]*\w")


def _surnames_untagged(text: str, mentions: Sequence[Mention], names: Sequence[_Name]) -> list[Mention]:
    """The bare surnames of named people that the entity recogniser did not tag at all ("Asked whether
    the squad backed him, Ebi paused" after "Captain Jordan Ebi"): a pronoun after them must find them.

    Only surnames of full names count, and a sentence's first word only when the surname never occurs
    in lower case in the article: "Price" opening a sentence may be the noun.
    """
    surnames = {_key(name.words[-1]) for name in names if len(name.words) >= 2 and _is_cap(name.words[-1])}
    surnames -= NOT_NAMES
    if not surnames:
        return []
    lower_case = {word.lower() for word in re.findall(r"\b[a-z][\w'’-]*", text)}
    taken = [m.span for m in mentions] + [name.span for name in names]
    found = []
    for match in _CAPITALISED_WORD.finditer(text):
        key = _key(match.group())
        if key not in surnames or any(span.overlaps(Span(*match.span())) for span in taken):
            continue
        before = text[max(0, match.start() - 8) : match.start()].rstrip(" \t\"“‘'(")
        opens_sentence = before[-1:] in ("", ".", "!", "?", "\n")
        if opens_sentence and key in lower_case:
            continue
        name = _strip_possessive(match.group())
        found.append(Mention(Span(match.start(), match.start() + len(name)), "PERSON"))
    return found


def _looks_like_a_full_name(words: Sequence[str]) -> bool:
    """A first name and a surname the entity recogniser took for a body or a place ("Amanda Price" as
    ORG, "Lucas Ferreira" as GPE): two or three capitalised words, the first a first name, none a word
    that names an organisation ("Georgia Power" stays one)."""
    keys = [_key(w) for w in words]
    return (
        len(words) in (2, 3)
        and all(re.fullmatch(r"[A-Z][\w'’.-]*", w) for w in words)
        and is_first_name(words[0])
        and not any(k in ORG_WORDS for k in keys)
    )


_PARTICLE = "|".join(sorted(NAME_PARTICLES))
_PARTICLE_TAIL = re.compile(rf"(?:\s+(?:{_PARTICLE}))+\s+[A-Z][\w'’-]+")
_PARTICLES_BEFORE = re.compile(rf"\b(?i:{_PARTICLE})(?:\s+(?:{_PARTICLE}))*\s+$")
_NAME_AFTER_PARTICLE = re.compile(r"(?:\s+[a-z]+)*\s+[A-Z][\w'’-]+")  # "Ursula von" + " der Leyen"


def _names_across_particles(text: str, mentions: list[Mention]) -> list[Mention]:
    """A person's name the entity recogniser cut at a particle, made whole: spaCy reads "Ursula von der
    Leyen" as the PERSON "Ursula von" and the GPE "Leyen". Mentions inside the joined name are dropped."""
    joined: list[Mention] = []
    for m in mentions:
        if m.label != "PERSON":
            continue
        words = m.span.text(text).split()
        if words and _key(words[-1]) in NAME_PARTICLES:
            tail = _NAME_AFTER_PARTICLE.match(text, m.span.end)
        else:
            tail = _PARTICLE_TAIL.match(text, m.span.end)
        if tail and all(_key(w) in NAME_PARTICLES for w in tail.group().split()[:-1]):
            joined.append(Mention(Span(m.span.start, tail.end()), "PERSON"))
    # "Von der Leyen said": a surname with its particles, capitalised as a sentence opens
    for m in mentions:
        lead = _PARTICLES_BEFORE.search(text, max(0, m.span.start - 30), m.span.start)
        if lead and lead.group()[0].isupper() and not any(j.span.overlaps(m.span) for j in joined):
            joined.append(Mention(Span(lead.start(), m.span.end), m.label))
    if not joined:
        return mentions
    kept = [m for m in mentions if not any(j.span.overlaps(m.span) for j in joined)]
    return sorted(kept + joined, key=lambda m: m.span)


def person_entities(text: str, mentions: Sequence[Mention]) -> dict[Span, str]:
    """Map every PERSON mention span to its entity id (same clustering as :func:`resolve_speakers`)."""
    spans = [m.span for m in _with_surnames_as_people(text, mentions) if m.label == "PERSON"]
    return {m.span: c.entity_id for c in _cluster(text, spans) for m in c.members}


# --------------------------------------------------------------------------------------------------
# source analysis


@dataclass(slots=True)
class _Source:
    kind: str  # pronoun | person | anon | group | desc | org
    start: int
    end: int
    name: str = ""  # non-person: the phrase as named
    person_span: Span | None = None  # person: the (PERSON or fallback) name span used for clustering
    name_words: int = 0
    title: str | None = None
    affiliation: str | None = None
    count: int | None = None
    plural: bool = False
    definite: bool = False
    fresh: bool = False  # "another" / "other": never reuse an earlier anonymous entity
    quantified: bool = False  # "a", "two", "some" …: not a reference back to someone named
    head: str = ""  # singular key of the head noun
    np_keys: frozenset[str] = frozenset()
    unnamed_by_choice: bool = False  # "who asked not to be named": a source kept anonymous on purpose


def _affiliation(text: str, toks: Sequence[_Tok], mentions: Sequence[Mention]) -> str | None:
    if not toks:
        return None
    lo, hi = toks[0].start, toks[-1].end
    for m in mentions:
        if m.label == "ORG" and lo <= m.span.start and m.span.end <= hi:
            if _key(m.span.text(text)) in LEVELS_OF_GOVERNMENT:
                continue
            inside = [t for t in toks if m.span.start <= t.start and t.end <= m.span.end]
            return _institution(text, inside, toks) if inside else _clean_name(m.span.text(text))
    runs: list[list[_Tok]] = []
    current: list[_Tok] = []
    for t in toks:
        member = _is_cap(t.word) and not _is_role(t.key) and t.key not in NOT_NAMES | RANKS
        if member or (current and t.key in CONNECTORS):
            current.append(t)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    runs = [r[: max(i for i, t in enumerate(r) if t.key not in CONNECTORS) + 1] for r in runs]
    runs = [r for r in runs if r and r[0].key not in CONNECTORS]
    runs = [r for r in runs if not _capital_of_sentence(text, r, mentions)]
    # a portfolio alone names a field, not a body ("Health officials in Copenhagen"), unless a minister's
    # title makes it a ministry ("Health Minister")
    runs = [r for r in runs if not _portfolio_alone(text, r, toks)]
    # "Chief Financial Officer", "Chief Medical Officer": the words inside an officer's title name a
    # function, not a body
    runs = [r for r in runs if not _inside_an_officer_title(r, toks)]
    # "State Rep.", "City Councilmember": a level of government, no body
    runs = [r for r in runs if _institution(text, r, toks).lower() not in LEVELS_OF_GOVERNMENT]
    if runs:
        best = max(runs, key=lambda r: (r[-1].end - r[0].start, -r[0].start))
        return _institution(text, best, toks)
    for t in toks:
        if t.key in INSTITUTION_WORDS:
            return _clean_name(t.word)  # "the company's chairman": the company
    for m in mentions:
        if m.label in {"GPE", "NORP"} and lo <= m.span.start and m.span.end <= hi:
            return _clean_name(m.span.text(text))
    return None


def _inside_an_officer_title(run: list[_Tok], toks: Sequence[_Tok]) -> bool:
    first, last = toks.index(run[0]), toks.index(run[-1])
    inside = 0 < first and last + 1 < len(toks)
    return inside and toks[first - 1].key == "chief" and toks[last + 1].key == "officer"


_MODIFIER_BEFORE = re.compile(r"\b(?:a|an|its|their|his|her|our|new)\s+(?:[a-z][\w-]*\s+)?$")


def _modifies_a_noun(text: str, name: Span) -> bool:
    """Whether a name stands before a noun, as a modifier ("a new AI assistant", "its Pixel phones"):
    a product or a field the entity recogniser took for a firm, not one the text has named."""
    before = _MODIFIER_BEFORE.search(text[max(0, name.start - 30) : name.start])
    return before is not None and re.match(r"\s+[a-z]", text[name.end : name.end + 2]) is not None


def _portfolio_alone(text: str, run: list[_Tok], toks: Sequence[_Tok]) -> bool:
    return len(run) == 1 and run[0].key in PORTFOLIOS and _institution(text, run, toks) == run[0].word


def _capital_of_sentence(text: str, run: Sequence[_Tok], mentions: Sequence[Mention]) -> bool:
    """Whether a one-word run is an adjective capitalised only because it opens the sentence: "Regional
    president Michele de Pascale", "Environmental groups said" name no body. A word the entity
    recogniser marks ("Ukrainian officials"), an institution ("Pentagon officials") and a name ("Trump
    rival Hillary Clinton") still do."""
    word = run[0]
    before = text[: word.start].rstrip()
    if len(run) > 1 or (before and before[-1] not in ".!?:\n\"“"):
        return False
    if any(m.span.start <= word.start < m.span.end for m in mentions):
        return False
    if word.key in INSTITUTION_WORDS | ORG_HEADS | PORTFOLIOS:
        return False
    lower_case_elsewhere = re.search(rf"\b{re.escape(word.key)}\b", text) is not None
    return bool(_ADJECTIVE_ENDING.search(word.key)) or lower_case_elsewhere


def _institution(text: str, run: list[_Tok], toks: Sequence[_Tok]) -> str:
    """The body a capitalised run in a title stands for: a portfolio its ministry or department ("Finance
    Minister" → Finance Ministry, "Secretary of State" → State Department), a name the body it leads
    ("spokeswoman for the Trump campaign" → Trump campaign), any other run itself."""
    at = toks.index(run[0])
    after = toks[at + len(run)].key if at + len(run) < len(toks) else None
    before = toks[at - 2].key if at >= 2 and toks[at - 1].key == "of" else None
    role = after if after in MINISTERIAL else before if before in MINISTERIAL else None
    if role and run[-1].key in PORTFOLIOS:  # "Finance Minister", "Chinese Foreign Minister"
        body = "Office" if role == "secretary" and run[-1].key in {"home", "foreign"} else MINISTERIAL[role]
        return f"{_clean_name(_span_text(text, run))} {body}"
    name = _clean_name(_span_text(text, run))
    if after == "judge" and run[-1].key != "court":  # "U.S. District Judge" → U.S. District Court
        return f"{name} Court"
    return f"{name} {after}" if after in LED_BODIES else name


def _title_tokens(toks: Sequence[_Tok]) -> list[_Tok]:
    """Words before a name, without determiners, honorifics and dangling connectors; none after a
    comparison or a work ("someone like Mr. Clarke", "in a Bloomberg interview Trump" give no title),
    nor from a fronted phrase ("Unlike Mr. Rubio, Mr. Cruz …"); of a description and the title set off
    after it ("The state's top water official, Natural Resources Secretary Leon Park"), the title."""
    out = [t for t in toks if t.key not in HONORIFICS]
    fronted = next((i for i in range(len(out) - 1, -1, -1) if out[i].raw.endswith(",")), None)
    if fronted is not None and (
        out[0].key in COMPARISONS | SUBORDINATORS or any(_is_role(t.key) for t in out[fronted + 1 :])
    ):
        out = out[fronted + 1 :]
    work = out and out[-1].word.islower() and _singular(out[-1].key)[0] in PERSONAL_WORKS  # not "Post"
    if out and (out[-1].key in COMPARISONS or work):
        return []
    while out and (out[0].key in DETERMINERS or out[0].key in CONNECTORS):
        out.pop(0)
    while out and out[-1].key in CONNECTORS | DETERMINERS:
        out.pop()
    return out


def _title_before(text: str, offset: int, mentions: Sequence[Mention]) -> tuple[str | None, str | None]:
    """Title written right before a name in running text ("..., National Security Council spokesman")."""
    line_start = text.rfind("\n", 0, offset) + 1
    picked: list[_Tok] = []
    people = [Span(_name_start(text, m.span), m.span.end) for m in mentions if m.label == "PERSON"]
    before = _tokens(text, line_start, offset)
    if described := _description_set_off_before(before):
        title = _span_text(text, described).rstrip(",")
        return title, _affiliation(text, described, mentions)
    for t in reversed(before):
        if _is_sentence_stop(t.raw) or any(Span(t.start, t.end).overlaps(p) for p in people):
            break  # another person's name ends the title: "Sen. Bernie Sanders and Gov. Phil Scott"
        if _is_cap(t.word) or _is_role(t.key) or (picked and t.key in CONNECTORS):
            picked.append(t)
        else:
            break
    picked.reverse()
    if _follows_preposition(picked, len(picked)):
        return None, None  # "the chairman of Mrs. Clinton's campaign": someone else's title
    while picked and (picked[0].key in NOT_NAMES or picked[0].key in CONNECTORS):
        picked.pop(0)
    picked = _title_tokens(picked)
    if not any(_is_role(t.key) for t in picked):
        return None, None
    return _span_text(text, picked), _affiliation(text, picked, mentions)


def _description_set_off_before(toks: Sequence[_Tok]) -> list[_Tok]:
    """A role set off by a comma right before a name: "the local MP, Rupa Sandhu" gives "local MP"."""
    if not toks or not toks[-1].raw.endswith(",") or not _is_role(toks[-1].key):
        return []
    run = [toks[-1]]
    for t in reversed(toks[:-1]):
        if _is_sentence_stop(t.raw) or len(run) > _APPOSITIVE_WORDS // 2:
            return []
        if t.key in {"the", "a", "an"}:
            return run[::-1]
        run.append(t)
    return []


def _workplace_of_a_role(text: str, start: int) -> bool:
    """Is the organisation starting at ``start`` where a person in a role works ("an analyst at
    Crestline Securities")? Such an organisation is the person's, not the story's "company"."""
    toks = _tokens(text, text.rfind("\n", 0, start) + 1, start)[-3:]
    while toks and toks[-1].key == "the":
        toks.pop()
    return len(toks) >= 2 and toks[-1].key in WORKPLACE_PREPOSITIONS and _is_role(toks[-2].key)


def _name_start(text: str, span: Span) -> int:
    """Where a name begins after the titles its entity span includes ("Councilmember Rafael Ortiz")."""
    toks = _tokens(text, span.start, span.end)
    titles = 0
    while titles < len(toks) - 1 and toks[titles].key in NAME_TITLES:
        titles += 1
    return toks[titles].start if toks else span.start


_AGE_APPOSITIVE = re.compile(r",\s*\d{1,3}(?=,)")


def _appositive_title(text: str, name: Span, mentions: Sequence[Mention]) -> tuple[str | None, str | None]:
    """A role set off by commas right after a name in running text: ", a glaciologist at the University
    of Helsinki,". Neither an age (", 54,") nor a clause (", who …") is one, but the role may follow an
    age (", 58, the company's chairman,")."""
    age = _AGE_APPOSITIVE.match(text, name.end)
    after = age.end() if age else name.end
    if not text.startswith(",", after):
        return None, None
    line_end = text.find("\n", after)
    toks = _tokens(text, after + 1, line_end if line_end >= 0 else len(text))[:_APPOSITIVE_WORDS]
    closing = next((i for i, t in enumerate(toks) if t.raw.endswith(",")), None)
    if closing is None or not toks or not (toks[0].key in DETERMINERS or _is_role(toks[0].key)):
        return None, None
    words = toks[: closing + 1]
    described = toks[0].key in {"a", "an"} or any(_is_role(_singular(t.key)[0]) for t in words)
    if any(t.key in RELATIVE_WORDS for t in words) or not described:
        return None, None
    title = _title_tokens(words)
    return (_span_text(text, title), _affiliation(text, title, mentions)) if title else (None, None)


def _is_transcript_label(text: str, toks: Sequence[_Tok]) -> bool:
    """An interview transcript's speaker label: "PENCE:", "JAKE TAPPER:"."""
    words = [t.word for t in toks]
    return (
        0 < len(words) <= 3
        and text.startswith(":", toks[-1].end)
        and all(w.isupper() and len(w) > 1 and w.replace("'", "").replace("’", "").isalpha() for w in words)
    )


def _is_possessive(text: str, name: Span) -> bool:
    """Whether a name is a possessive modifier ("Zelensky's office", "Holt's colleague")."""
    return name.text(text).endswith(("'s", "’s")) or text.startswith(("'s", "’s"), name.end)


def _follows_preposition(toks: Sequence[_Tok], i: int) -> bool:
    """Whether the name starting at token ``i`` is the object of a preposition, titles and names joined
    to it skipped ("a spokesman for John Doe", "advisers to Mr. Obama", "lawyers for Donald and Ivana
    Trump"): it names whom the source serves, not the source."""
    while i:
        key = toks[i - 1].key
        if key in NAME_TITLES or key in PAIR_WORDS:  # "lawyers for both Mr. Trump …"
            i -= 1
        elif key in {"and", "or"} and i >= 2 and _is_cap(toks[i - 2].word):  # "for Donald and Ivana Trump"
            i -= 1
            while i and _is_cap(toks[i - 1].word):
                i -= 1
            while i and toks[i - 1].key in DETERMINERS:  # "for the Times and Donald Trump"
                i -= 1
        else:
            break
    # "Unlike Mr. Rubio, Mr. Cruz …", "people like Mr. Clarke": whom the source is compared with
    return bool(i) and toks[i - 1].key in PREPOSITIONS | {"like", "unlike"}


def _authored_by(before: Sequence[_Tok]) -> bool:
    """Whether the words before a name end in a work and its author's preposition ("a statement from"),
    maybe with how the work came out between them ("figures published on Thursday by")."""
    if len(before) < 2 or before[-1].key not in AUTHOR_PREPOSITIONS:
        return False
    if _singular(before[-2].key)[0] in PERSONAL_WORKS:
        return True
    released = [i for i in range(max(1, len(before) - 5), len(before) - 1) if before[i].key.endswith("ed")]
    return bool(released) and _singular(before[released[0] - 1].key)[0] in PERSONAL_WORKS | PUBLISHED_DATA


def _name_run(
    toks: Sequence[_Tok], mentions: Sequence[Mention], surnames: Sequence[str]
) -> tuple[int, int] | None:
    """Token range [i, j) of a capitalised run that looks like a person's name, searching from the end."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if _is_name_word(toks[i]):
            j = i + 1
            while j < len(toks) and (
                _is_name_word(toks[j])
                or (toks[j].key in NAME_PARTICLES and j + 1 < len(toks) and _is_name_word(toks[j + 1]))
            ):
                if toks[j - 1].word.endswith(("'s", "’s")):
                    break
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    for i, j in reversed(runs):
        run = toks[i:j]
        span = Span(run[0].start, run[-1].end)
        end = j
        while end < len(toks) and toks[end].key in NAME_SUFFIXES:
            end += 1  # "Vann R. Newkirk II, …"
        article = [t.key for t in toks[end : end + 1]] in (["a"], ["an"])
        described = article and toks[end - 1].raw.endswith(",")
        described = described and any(_is_role(t.key) for t in toks[end + 1 : end + 4])
        previous = toks[i - 1].key if i else None
        # "Chancellor Olaf Scholz", "The opposition leader, Kemi Badenoch": a person, whatever NER says
        appositive = previous is not None and _is_role(previous) and toks[i - 1].raw.endswith(",")
        titled = len(run) > 1 and (previous in NAME_TITLES or appositive)
        if not (described or titled) and any(m.label != "PERSON" and m.span.overlaps(span) for m in mentions):
            continue  # a name the entity recogniser calls an organisation, unless "…, a writer for"
        if previous in DETERMINERS or _follows_preposition(toks, i):
            continue
        if j < len(toks) and run[-1].word.endswith(("'s", "’s")):
            continue  # possessive modifier: "Doe's office"
        if len(run) == 1:
            key = run[0].key
            if not (previous in NAME_TITLES or any(_similar(key, s) for s in surnames)):
                continue
        return i, end
    return None


def _work_author(toks: Sequence[_Tok]) -> list[_Tok] | None:
    """The capitalised name after a work and "by" or "from": "Politico" in "a new report by Politico",
    "Ministry of Defence" in "a statement from the Ministry of Defence"."""
    for by in range(1, len(toks) - 1):
        if not _authored_by(toks[: by + 1]):
            continue
        author = [t for t in toks[by + 1 :] if t.key not in DETERMINERS]
        named = all(_is_cap(t.word) or t.key in CONNECTORS for t in author)
        if author and named and _is_cap(author[-1].word):
            return author
        plain = 0 < len(author) <= 3 and all(t.word.islower() and t.key not in PREPOSITIONS for t in author)
        if plain and author[-1].key in ORG_HEADS | INSTITUTION_WORDS:
            return author  # "a statement from the ministry", "data released by the police department"
    return None


def _publisher(text: str, np_toks: Sequence[_Tok], mentions: Sequence[Mention]) -> list[_Tok] | None:
    """The organisation right before a publication noun: "New York Times" in "a New York Times report"."""
    run: list[_Tok] = []
    for t in reversed(np_toks[:-1]):
        if not _is_cap(t.word) and not (run and t.key in CONNECTORS):
            break
        run.insert(0, t)
    while run and run[0].key in CONNECTORS | DETERMINERS:
        run.pop(0)
    if not run:
        return None
    lo, hi = run[0].start, run[-1].end
    named = any(m.label == "ORG" and m.span.overlaps(Span(lo, hi)) for m in mentions)
    return run if named or run[-1].key in ORG_HEADS else None


def _joined_names(toks: Sequence[_Tok], mentions: Sequence[Mention]) -> bool:
    """Whether ``toks`` are only capitalised names joined by "and" (and commas), after an optional
    "the", one of them at least a recognised entity: "CVS and Walgreens" (the recogniser knows only
    Walgreens). A name that holds the "and" itself is one name ("Procter and Gamble", "the Department
    of Health and Human Services")."""
    words = toks[1:] if toks and toks[0].key == "the" else list(toks)
    joints = [i for i, t in enumerate(words) if t.key == "and"]
    if len(joints) != 1 or not all(_is_cap(t.word) for i, t in enumerate(words) if i != joints[0]):
        return False
    if any(m.span.start < words[joints[0]].start and words[joints[0]].end < m.span.end for m in mentions):
        return False
    parts = [words[: joints[0]], words[joints[0] + 1 :]]
    # commas split the first part further: "Pfizer, Moderna and BioNTech"
    pieces = [p for part in parts for p in _comma_separated(part)]
    return len(pieces) >= 2 and any(
        any(m.span.start <= piece[0].start and piece[-1].end <= m.span.end for m in mentions)
        for piece in pieces
    )


def _comma_separated(toks: Sequence[_Tok]) -> list[list[_Tok]]:
    pieces: list[list[_Tok]] = [[]]
    for tok in toks:
        pieces[-1].append(tok)
        if tok.raw.endswith(","):
            pieces.append([])
    return [piece for piece in pieces if piece]


def _analyse(text: str, span: Span, mentions: Sequence[Mention], surnames: Sequence[str]) -> _Source:
    toks_all = _tokens(text, span.start, span.end)
    if not toks_all:
        return _Source("org", span.start, span.end, name=span.text(text).strip())
    start, end = toks_all[0].start, toks_all[-1].end
    whole = text[start:end]
    if len(toks_all) == 1 and toks_all[0].word.lower() in PRONOUNS:
        return _Source("pronoun", start, end, name=toks_all[0].word.lower())
    if len(toks_all) == 1 and toks_all[0].word in {"I", "me"}:
        return _Source("writer", start, end, name=toks_all[0].word)

    cuts = (_INCLUSION.search(whole), ANONYMITY_CLAUSE.search(whole), _headline_future(whole))
    cut = min((c for c in cuts if c), key=lambda c: c.start(), default=None)
    # the clause may follow the span the tagger marked: "said one Labour MP, who asked not to be named"
    unnamed_by_choice = cuts[1] is not None or ANONYMITY_CLAUSE.match(text, end) is not None
    head_end = start + cut.start() if cut else end
    toks = [t for t in toks_all if t.end <= head_end]
    if not toks:
        toks, head_end = toks_all, end

    if _joined_names(toks, mentions):  # "CVS and Walgreens", "Britain and France": both, not the last
        return _Source("group", start, end, name=_clean_name(whole), plural=True, head=toks[-1].key)

    # --- a named person
    person: Span | None = None
    person_authored = False  # the person wrote the work the source names ("a statement from John Kirby")
    for m in mentions:
        if m.label != "PERSON" or not m.span.overlaps(Span(start, head_end)):
            continue
        before = [t for t in toks if t.end <= m.span.start]
        after = [t for t in toks if t.start > m.span.end]
        authored = _authored_by(before)
        if _follows_preposition(before, len(before)) and not authored:
            continue  # "a spokesman for John Doe", "advisers to Mr. Obama"
        if after and _is_possessive(text, m.span):
            if _singular(after[-1].key)[0] not in PERSONAL_WORKS:
                continue  # "Zelensky's office"; but "Mr. Trump's returns would also shed light" is his
        elif after and after[0].word[:1].islower() and after[0].key not in NAME_CONTINUERS:
            home = after[0].key == "of" and len(after) > 1 and _is_cap(after[1].word)  # "Branstad of Iowa"
            if not home and not re.search(r"[,(—–]", text[m.span.end : after[0].start]):
                continue  # "the Trump campaign", "Obama administration officials": the name modifies
        if person is not None and re.search(r"[,;(—–]|\band\b", text[person.end : m.span.start]):
            break  # "John Doe, who met Jane Roe": the first name is the speaker
        # "Presidential candidates …", "Trailing contenders …": a plural noun before the names
        plural_title = bool(before) and _singular(before[-1].key)[1] and (
            _is_role(before[-1].key) or before[-1].word.islower()
        )
        titles_only = all(t.key in NAME_TITLES | PAIR_WORDS for t in before)
        if after and after[0].key == "and" and (plural_title or titles_only):
            # "Trump and his aides", "Barack Obama and Hillary Clinton", "Presidential candidates Hillary
            # Clinton and Donald Trump": a group, not its first name
            head = _singular(after[-1].key)[0]
            return _Source("group", start, end, name=_clean_name(whole), plural=True, head=head)
        # else a later name with nothing between is the head: "Clinton campaign manager Robby Mook"
        person = Span(max(m.span.start, start), min(m.span.end, head_end))
        lookup = m.span
        person_authored = authored
    if person is None:
        run = _name_run(toks, mentions, surnames)
        if run is not None:
            person = lookup = Span(toks[run[0]].start, toks[run[1] - 1].end)
    if person is None and _is_transcript_label(text, toks):
        person = lookup = Span(toks[0].start, toks[-1].end)
    if person is not None:
        name_start = _name_start(text, person)
        title_toks = [] if person_authored else _title_tokens([t for t in toks if t.end <= name_start])
        if not title_toks:  # appositive: "John Doe, a spokesman for the party"
            rest = [t for t in toks if t.start >= person.end]
            if rest and text[person.end : rest[0].start].strip().startswith(","):
                if rest[0].key in DETERMINERS or _is_role(rest[0].key):
                    # the role ends where a clause about the person begins ("… Hospital who was not
                    # involved in the recall")
                    clause = next((i for i, t in enumerate(rest) if t.key in RELATIVE_WORDS), len(rest))
                    # and at its closing comma ("…, president of the union, at a rally Wednesday")
                    comma = next((i + 1 for i, t in enumerate(rest) if t.raw.endswith(",")), len(rest))
                    title_toks = _title_tokens(rest[: min(clause, comma)])
        parsed = _parse_name(text, lookup)
        party = _PARTY_TAG.match(text, person.end)
        return _Source(
            "person",
            start,
            end,
            person_span=lookup,
            name_words=len(parsed.words),
            title=_span_text(text, title_toks) or None,
            affiliation=_affiliation(text, title_toks, mentions) or (party and PARTIES.get(party["party"])),
        )

    # no name: a phrase set off after the description describes something in it, and is no part of it
    # ("Parents at Lincoln Elementary, one of the schools slated to close")
    if (appositive := _APPOSITIVE_AFTER.search(text, start, head_end)) is not None:
        head_end = appositive.start()
        toks = [t for t in toks if t.end <= head_end] or toks

    # --- "two of them": some members of a group quoted before, found when speakers are resolved
    head_text = text[start:head_end].rstrip(" ,")
    partitive = _PARTITIVE_PRONOUN.fullmatch(head_text)
    if partitive is None and len(toks_all) == 1:
        partitive = _PARTITIVE_PRONOUN.match(text, start)  # a tagger's "One" of "One of them, who …"
    word = partitive["count"].lower() if partitive else ""
    if _ANOTHER_MEMBER.fullmatch(head_text):
        # "Two diplomats said A. A third, who was not authorized to speak, said B": one more of them
        return _Source("anon", start, end, name=head_text, count=1, plural=False, head=PARTITIVE_HEAD,
                       quantified=True)  # fmt: skip
    if word in NUMBER_WORDS or word in VAGUE_QUANTIFIERS or word.isdigit():
        count = int(word) if word.isdigit() else NUMBER_WORDS.get(word)
        return _Source("anon", start, end, name=partitive.group(), count=count, plural=count != 1,
                       head=PARTITIVE_HEAD, quantified=True)  # fmt: skip
    if len(toks_all) == 1 and toks_all[0].key in UNNAMED_PRONOUNS:
        # "Others warned", "Some said": people the text does not name
        return _Source("anon", start, end, name=whole, count=None, plural=True, head=toks_all[0].key,
                       quantified=True)  # fmt: skip

    # --- a noun phrase: determiners and quantifiers
    src = _Source("org", start, end)
    i = 0
    keys = [t.key for t in toks]
    while i < len(toks):
        for words, count in QUANTIFIER_PHRASES:
            if tuple(keys[i : i + len(words)]) == words and i + len(words) < len(toks):
                src.count, src.quantified = count, True
                i += len(words)
                break
        else:
            k = keys[i]
            if i + 1 >= len(toks):
                break
            if k in DEFINITE_DETERMINERS:
                src.definite = True
            elif k == "another":
                src.count, src.fresh = 1, True
            elif k == "other":
                src.fresh = True
            elif k in NUMBER_WORDS:
                src.count = NUMBER_WORDS[k]
            elif k.isdigit():
                src.count = int(k)
            elif k in VAGUE_QUANTIFIERS:
                src.count = None
            else:
                break
            src.quantified = src.quantified or k not in DEFINITE_DETERMINERS | {"other"}
            i += 1
    core = toks[i:]
    # a name set off by an appositive is the name: "The Institute for the Study of War, a Washington-based
    # think tank", "Legambiente, Italy's largest environmental group"
    named = next((j for j, t in enumerate(core[:-1]) if t.raw.endswith(",")), None)
    if named is not None and _is_cap(core[0].word) and all(
        _is_cap(t.word) or t.key in CONNECTORS | DETERMINERS for t in core[: named + 1]
    ):
        core = core[: named + 1]
    elif (
        named is not None
        and not _is_cap(core[0].word)
        and not any(t.key in PREPOSITIONS | POSTMOD_WORDS for t in core[: named + 1])
        and not _is_role(_singular(core[named].key)[0])
        and all(_is_cap(t.word) or t.key in CONNECTORS for t in core[named + 1 :])
    ):
        # and a plain description before it: "the developer, Prairie Sun Energy"; but "a spokesperson
        # for the bus operator, Nordlink" is the spokesperson
        core = core[named + 1 :]
    # split noun phrase / post-modifier
    split = len(core)
    for j in range(1, len(core)):
        t = core[j]
        if t.key in POSTMOD_WORDS and not _is_cap(t.word):
            inside_name = j + 1 < len(core) and _is_cap(core[j - 1].word) and _is_cap(core[j + 1].word)
            if t.key in CONNECTORS and inside_name:
                continue  # "Department of Defense officials"
            split = j
            break
    np_toks, post = core[:split], core[split:]
    publisher: list[_Tok] | None = None
    head_tok = np_toks[-1]
    head, plural = _singular(head_tok.key)
    src.head, src.plural = head, plural
    src.np_keys = frozenset(t.key for t in np_toks)
    src.unnamed_by_choice = unnamed_by_choice
    src.name = _clean_name(_span_text(text, core)) if core else whole
    if head in SHARE_WORDS:
        # the figure is the share's name, not a head count: "73 percent" and "63 percent" never merge
        src.kind, src.count = "anon", None
        plural = src.plural = True  # a share of people: never a later "he", never a count of one
        figure = next((j for j, t in enumerate(toks) if t.key not in DETERMINERS), 0)
        src.name = _clean_name(_span_text(text, toks[figure:]))
    elif head in BODIES_WHEN_ONE and not plural:
        src.kind = "org"  # "the port authority", "the Palestinian Authority"; but "authorities" are people
    elif head in ANON_NOUNS or (head in PEOPLE_NOUNS and (unnamed_by_choice or not (plural or src.definite))):
        src.kind = "anon"  # "two Republican lawmakers who asked not to be named" are anonymous too
    elif head in PEOPLE_NOUNS:
        src.kind = "group" if plural else "desc"
    elif _is_cap(head_tok.word):
        # a plural demonym or party ("Americans", "Democrats" as NER's NORP) is people, not a body
        people = any(m.label == "NORP" and m.span.start <= head_tok.start < m.span.end for m in mentions)
        src.kind = "group" if plural and people else "org"
    elif plural:
        src.kind = "group"
    else:
        src.kind = "org"
        publisher = _publisher(text, np_toks, mentions) if head in PUBLICATION_NOUNS else None
    # the organisation behind a work speaks for it: its author ("a report by Politico"), else its publisher
    named_by = (_work_author(core) if src.kind == "org" else None) or publisher
    if named_by:
        src.name, src.head = _clean_name(_span_text(text, named_by)), named_by[-1].key
        src.np_keys = frozenset(t.key for t in named_by)
    elif src.kind == "org":
        src.name = _owner_untitled(src.name)
    if src.kind in {"anon", "group"}:
        if src.count is None and not plural and not any(k in VAGUE_QUANTIFIERS for k in keys[:i]):
            src.count = 1
        # a share's modifiers are its figure ("About 40 percent"), never whom it speaks for
        src.affiliation = None if head in SHARE_WORDS else _affiliation(text, np_toks[:-1], mentions)
        if src.affiliation is None and len(post) > 1 and post[0].key in AFFILIATION_PREPS:
            src.affiliation = _affiliation(text, post[1:], mentions)
    else:
        src.count = None
    return src


# --------------------------------------------------------------------------------------------------
# resolution


@dataclass(slots=True)
class _Said:
    speaker: Speaker
    kind: str  # person | anon | group | desc | org
    singular: bool
    end: int
    title_keys: frozenset[str] = frozenset()


@dataclass(slots=True)
class _AnonEntity:
    entity_id: str
    name: str
    keys: frozenset[str]
    head: str
    plural: bool
    count: int | None
    affiliation: str | None


def _analyse_sources(
    text: str, sources: Sequence[tuple[Span, ...]], mentions: Sequence[Mention], surnames: Sequence[str]
) -> list[_Source | None]:
    """Each statement's source read on its own (None where it has none); of several pieces, the one
    naming a person, else the longest."""
    analyses: list[_Source | None] = []
    for group in sources:
        spans = [Span(*s) for s in group if s[1] > s[0]]
        if not spans:
            analyses.append(None)
            continue
        primary = next(
            (s for s in spans if any(m.label == "PERSON" and m.span.overlaps(s) for m in mentions)),
            max(spans, key=lambda s: s.end - s.start),
        )
        analyses.append(_analyse(text, primary, mentions, surnames))
    return analyses


def resolve_speakers(
    text: str,
    sources: Sequence[tuple[Span, ...]],
    mentions: Sequence[Mention],
    contents: Sequence[tuple[Span, ...]] = (),
    writer: str | None = None,
) -> list[Speaker | None]:
    """One :class:`Speaker` per statement (``None`` where the statement names no source).

    ``sources[i]`` holds the source span(s) of statement i, statements in document order; ``mentions``
    are the article's named-entity mentions; ``contents``, the statements' content spans, tell a name
    in the narrative from a name inside what someone said; ``writer``, the article's one author, is
    the "I" of the narrative (a column's "I know your tax returns are being audited").
    Rules: see the module docstring.
    """
    said_spans = [Span(*c) for group in contents for c in group]
    ments = _with_surnames_as_people(text, mentions)
    person_spans = [m.span for m in ments if m.label == "PERSON"]
    surnames = [_key(n.words[-1]) for n in (_parse_name(text, s) for s in person_spans)]

    mention_texts = [" … ".join(Span(*s).text(text).strip() for s in group if s[1] > s[0])
                     for group in sources]  # fmt: skip
    analyses = _analyse_sources(text, sources, ments, surnames)
    extra = [a.person_span for a in analyses if a and a.kind == "person" and a.person_span is not None]
    extra = [s for s in extra if s not in person_spans]
    if extra:
        # a name only a source's shape revealed makes its later bare surname a person too
        relabelled = _with_surnames_as_people(text, ments, extra)
        if relabelled != ments:
            ments = relabelled
            person_spans = [m.span for m in ments if m.label == "PERSON"]
            surnames = [_key(n.words[-1]) for n in (_parse_name(text, s) for s in person_spans + extra)]
            analyses = _analyse_sources(text, sources, ments, surnames)
            extra = [a.person_span for a in analyses if a and a.kind == "person" and a.person_span]
            extra = [s for s in extra if s not in person_spans]
    clusters = _cluster(text, person_spans + extra)
    cluster_of = {m.span: c for c in clusters for m in c.members}
    ids = _Ids()
    ids.used.update(c.entity_id for c in clusters)

    def quotes_name(said: Span, name: Span) -> bool:
        """Whether ``name`` is among words someone said; a content that is the name alone ("black voters
        support Trump") is what they back, and the name stays the narrative's subject."""
        rest = text[said.start : said.end].replace(name.text(text), "")
        return said.overlaps(name) and bool(rest.strip(" ,.;:'\"“”‘’"))

    # entity titles: from the source naming the entity most fully,
    # else from the text right before its fullest mention
    entity_title: dict[str, tuple[int, str | None, str | None]] = {}
    for a in analyses:
        if a and a.kind == "person" and a.title:
            c = cluster_of[a.person_span]
            known = entity_title.get(c.entity_id)
            if known is None or a.name_words > known[0]:
                entity_title[c.entity_id] = (a.name_words, a.title, a.affiliation)
    for c in clusters:
        if c.entity_id in entity_title:
            continue
        for m in sorted(c.members, key=lambda m: (-len(m.words), m.span.start)):
            if any(quotes_name(said, m.span) for said in said_spans):
                continue  # what someone said names no title: "I hope America says, 'President Clinton …'"
            title, affiliation = _title_before(text, _name_start(text, m.span), ments)
            if not title:  # "Dr. Lena Aaltonen, a glaciologist at the University of Helsinki, has …"
                title, affiliation = _appositive_title(text, m.span, ments)
            if title:
                entity_title[c.entity_id] = (len(m.words), title, affiliation)
                break

    def person_speaker(c: _Cluster, mention: str, own: _Source | None = None) -> Speaker:
        _, title, affiliation = entity_title.get(c.entity_id, (0, None, None))
        if own is not None and own.title:
            own_keys = {_key(w) for w in own.title.split()}
            entity_keys = {_key(w) for w in (title or "").split()}
            if not own_keys <= entity_keys:
                title, affiliation = own.title, own.affiliation or affiliation
        return Speaker(
            name=c.canonical,
            mention=mention,
            title=title,
            affiliation=affiliation,
            entity_id=c.entity_id,
            kind="person",
        )

    def with_its_owner(speaker: Speaker) -> Speaker:
        """A title owned by "its" ("its chief science officer, Maria Gonzales") belongs to the
        organisation that spoke last: that is the speaker's affiliation."""
        words = (speaker.title or "").split()
        if speaker.affiliation or not words or _key(words[0]) not in {"its", "their"}:
            return speaker
        owner = next((h.speaker.name for h in reversed(history) if h.kind == "org"), None)
        return dataclasses.replace(speaker, affiliation=owner) if owner else speaker

    def said(speaker: Speaker, kind: str, singular: bool, end: int) -> _Said:
        keys = frozenset(_title_key(w) for w in (speaker.title or "").split())
        return _Said(speaker, kind, singular, end, keys)

    titles_of: dict[str, frozenset[str]] = {}

    def title_keys(c: _Cluster) -> frozenset[str]:
        """Every title the text gives the entity: before any of its mentions, or inside the name span."""
        if c.entity_id not in titles_of:
            words = (entity_title.get(c.entity_id, (0, None, None))[1] or "").split()
            for m in c.members:
                words += (_title_before(text, m.span.start, ments)[0] or "").split()
                inside = [t.key for t in _tokens(text, m.span.start, m.span.end)]
                words += inside[: next((i for i, k in enumerate(inside) if k not in NAME_TITLES), 0)]
            titles_of[c.entity_id] = frozenset(_title_key(w) for w in words)
        return titles_of[c.entity_id]

    def titled_person(a: _Source) -> _Cluster | None:
        """The person named earlier whose title the description repeats ("the Vermont senator"); when
        the text gives no one that title, the person the narrative named last, close before it
        ("But Trump claims … The Republican nominee continues to insist")."""
        qualifiers = {_title_key(k) for k in a.np_keys} - {a.head} - TITLE_QUALIFIERS
        scored = [
            (len(qualifiers & title_keys(c)), c.last_before(a.start), c)
            for c in clusters
            if c.last_before(a.start) is not None and a.head in title_keys(c)
        ]
        if scored:
            return max(scored, key=lambda t: (t[0], t[1]))[2]
        if a.head in ANON_NOUNS:
            return None  # "the official" is the anonymous source met before, not the last name
        return subject_between(a.start - DESCRIPTION_REACH, a.start)

    def opens_sentence(m: Mention) -> bool:
        """Is the name the subject that opens its sentence, after at most a title, a connective
        ("But"), a subordinator ("If Mr. Trump had …") or a short lead-in ("So far, Mr. Trump")?"""
        before = _tokens(text, text.rfind("\n", 0, m.span.start) + 1, m.span.start)
        while before and before[-1].key in NAME_TITLES | SENTENCE_OPENERS | SUBORDINATORS:
            if _is_sentence_stop(before[-1].raw):
                break
            before.pop()
        ends = [i for i, t in enumerate(before) if t.raw[-1] in ".!?" and _is_sentence_stop(t.raw)]
        lead = before[ends[-1] + 1 :] if ends else before
        return not lead or (len(lead) <= LEAD_IN_WORDS and lead[-1].raw.endswith(","))

    def subject_between(lo: int, hi: int, gender: str | None = None) -> _Cluster | None:
        """The last person (of that gender, when known) who opens a sentence of the narrative (not of
        a quote) in ``lo:hi``."""
        for m in reversed(ments):
            inside = lo <= m.span.start and m.span.end <= hi and m.label == "PERSON"
            if inside and not any(quotes_name(c, m.span) for c in said_spans) and opens_sentence(m):
                c = cluster_of.get(m.span)
                if c is not None and fits_cluster(c, gender):
                    return c
        return None

    def main_clause_person(pronoun: int, gender: str | None) -> _Cluster | None:
        """A pronoun opening a subordinate clause ("Matt Lauer faced criticism after he asked") is the
        first person of its gender named earlier in the sentence, outside what anyone said."""
        before = _tokens(text, text.rfind("\n", 0, pronoun) + 1, pronoun)
        if not before or before[-1].key not in SUBORDINATORS:
            return None
        ends = [t.end for t in before if t.raw[-1] in ".!?" and _is_sentence_stop(t.raw)]
        lo = ends[-1] if ends else before[0].start
        for m in persons_in(lo, pronoun):
            c = cluster_of.get(m.span)
            quoted = any(quotes_name(span, m.span) for span in said_spans)
            if c is not None and not quoted and not _is_possessive(text, m.span) and fits_cluster(c, gender):
                return c
        return None

    def same_organisation(a: _Source) -> _Said | None:
        """The organisation "the poll" or "the department" refers back to: the last one named whose
        head noun is the same and whose name holds every word of the description; for a bare "the
        statement" or "the article", the last organisation that spoke."""
        if not a.definite or a.quantified or a.kind != "org":
            return None
        for h in reversed(history):
            name_keys = [_key(w) for w in h.speaker.name.split()]
            if h.kind == "org" and name_keys and a.np_keys <= set(name_keys) and a.head in name_keys:
                return h
        if a.np_keys == {a.head} and a.head in PUBLICATION_NOUNS:
            # "The statement also referenced …": the organisation that spoke last issued it
            return next((h for h in reversed(history) if h.kind == "org"), None)
        return None

    def business_named_before(a: _Source) -> str | None:
        """The business a bare "the company" refers to: the last organisation the entity recogniser
        found before it whose name is not a public body's or a newsroom's ("Halvern Pharma", not the
        "Food and Drug Administration" named after it)."""
        if not a.definite or a.quantified or a.kind != "org" or a.np_keys != {a.head}:
            return None
        if a.head not in BUSINESS_NOUNS:
            return None
        for m in reversed([m for m in ments if m.span.end <= a.start]):
            name = _clean_name(m.span.text(text))
            words = [_key(w) for w in name.split()]
            # the recogniser reads some firms as people ("Halvern Pharma"): their suffix says otherwise
            business = m.label == "ORG" or (m.label == "PERSON" and words and words[-1] in CORPORATE_SUFFIXES)
            if not business or not words or words[-1] in NOT_A_BUSINESS or _modifies_a_noun(text, m.span):
                continue
            if not is_description(name) and not _workplace_of_a_role(text, m.span.start):
                return fullest_organisation_name(name)
        return None

    def organisation_that_spoke(a: _Source) -> _Said | None:
        """The organisation a bare "the company" or "the agency" refers to when none named before it
        fits: the last organisation quoted of that sort ("Meridian said …. '…,' the company said in a
        blog post"; "the Centers for Disease Control and Prevention warned …. The agency said …"). A
        business for a business noun; for a body's, anything but a business or a newsroom."""
        if not a.definite or a.quantified or a.kind != "org" or a.np_keys != {a.head}:
            return None
        if a.head in BUSINESS_NOUNS:
            unfit = NOT_A_BUSINESS | NEWS_HEADS
        elif a.head in BODY_NOUNS:
            unfit = BUSINESS_NOUNS | CORPORATE_SUFFIXES | NEWS_HEADS
        else:
            return None
        for h in reversed(history):
            words = [_key(w) for w in h.speaker.name.split()]
            if h.kind == "org" and words and words[-1] not in unfit:
                return h
        return None

    def fullest_organisation_name(name: str) -> str:
        """The longest name the article gives the organisation elsewhere: a longer entity ("Lumen Labs"
        for the "Lumen" of "a Lumen spokeswoman"), or the name written on with a corporate suffix the
        recogniser did not mark."""
        words = name.split()
        fuller = [
            full.split()
            for full in (_clean_name(m.span.text(text)) for m in ments if m.label == "ORG")
            if full.split()[: len(words)] == words
        ]
        for suffixed in re.finditer(rf"\b{re.escape(name)}((?: [A-Z][\w&]*\.?)+)", text):
            added = suffixed.group(1).split()
            if _key(added[-1]) in CORPORATE_SUFFIXES:
                fuller.append(words + added)
        return " ".join(max(fuller, key=len, default=words))

    def newsroom_named_before(a: _Source) -> str | None:
        """The news outlet a bare "the newspaper" refers to: the last one named before it ("The deal was
        first reported by The Wall Street Journal … The newspaper cited people familiar with …")."""
        if not a.definite or a.quantified or a.kind != "org" or a.np_keys != {a.head}:
            return None
        if a.head not in NEWSROOM_NOUNS:
            return None
        for m in reversed([m for m in ments if m.span.end <= a.start and m.label in NAME_LIKE_LABELS]):
            words = _clean_name(m.span.text(text)).split()
            if words and _key(words[-1]) in NEWS_HEADS:
                return " ".join(words[1:] if _key(words[0]) == "the" else words)
        return None

    def organisation_named_before(pronoun: int) -> str | None:
        """The organisation the entity recogniser found right before ", which"."""
        for m in ments:
            between = text[m.span.end : pronoun] if m.span.end <= pronoun else ""
            if m.label == "ORG" and re.fullmatch(r"\s*,\s*", between):
                return _clean_name(m.span.text(text))
        return None

    def persons_in(lo: int, hi: int) -> list[Mention]:
        return [m for m in ments if m.label == "PERSON" and m.span.start >= lo and m.span.end <= hi]

    def person_between(lo: int, hi: int, gender: str | None = None) -> _Cluster | None:
        clusters_in = (cluster_of.get(m.span) for m in persons_in(lo, hi))
        fitting = [c for c in clusters_in if c is not None and fits_cluster(c, gender)]
        return fitting[-1] if fitting else None

    def hangs_on(h: _Said, pronoun: int) -> bool:
        """Whether a relative pronoun follows this earlier source right after a comma ("the poll, which")."""
        return re.fullmatch(r"\s*,\s*", text[h.end : pronoun]) is not None

    def relative_antecedent(pronoun: int) -> _Cluster | None:
        """The person a relative pronoun hangs on: the last one named within reach whose name is
        followed by the pronoun itself or by an appositive or parenthesis ("Anja Petrov, who …",
        "Rep. Don Beyer (D-Va.), a former governor who …"), never across a verb ("Scott was one of
        three members who …" is about the three members)."""
        for m in reversed(persons_in(max(0, pronoun - RELATIVE_REACH), pronoun)):
            gap = text[m.span.end : pronoun].strip()
            if (not gap or gap[0] in ",(") and not _SENTENCE_END.search(gap):
                return cluster_of.get(m.span)
        return None

    cluster_by_id = {c.entity_id: c for c in clusters}

    def fits_cluster(c: _Cluster, gender: str | None) -> bool:
        """Whether a pronoun of ``gender`` can be this person: the titles the text gives them count
        beside their honorifics and first name ("Hope Hicks, a campaign spokeswoman" is no "he")."""
        if gender is None:
            return True
        titled = {GENDERED_WORDS[k] for k in title_keys(c) if k in GENDERED_WORDS}
        return c.fits(gender) and titled <= {gender}

    def fits(h: _Said, gender: str | None) -> bool:
        """Whether a pronoun of ``gender`` can be this earlier speaker (a description counts too:
        "the spokeswoman" is no "he")."""
        if gender is None:
            return True
        described = (h.speaker.title or "").split() + ([] if h.kind == "person" else h.speaker.name.split())
        if not {GENDERED_WORDS[k] for k in map(_key, described) if k in GENDERED_WORDS} <= {gender}:
            return False
        c = cluster_by_id.get(h.speaker.entity_id or "")
        return c is None or h.kind != "person" or fits_cluster(c, gender)

    history: list[_Said] = []
    writer_id: str | None = None
    anonymous: list[_AnonEntity] = []
    keyed: dict[tuple[str, str], str] = {}
    out: list[Speaker | None] = []

    def organisation_said(name: str, mention: str, end: int) -> _Said:
        """An organisation no earlier source named, speaking: one entity per name within the article."""
        slot = ("org", name.lower())
        if slot not in keyed:
            keyed[slot] = ids.plain(name)
        return said(Speaker(name=name, mention=mention, entity_id=keyed[slot], kind="organisation"), "org",
                    False, end)  # fmt: skip

    for a, mention in zip(analyses, mention_texts):
        if a is None:
            out.append(None)
            continue
        record: _Said | None = None
        if a.kind == "person":
            c = cluster_of[a.person_span]
            record = said(with_its_owner(person_speaker(c, mention, a)), "person", True, a.end)

        elif (
            a.kind == "writer" and writer and not any(Span(a.start, a.end).overlaps(c) for c in said_spans)
        ):
            named = next((c for c in clusters if _similar(_key(c.canonical), _key(writer))), None)
            if named is not None:
                out.append(person_speaker(named, mention))
            else:
                writer_id = writer_id or ids.plain(writer)
                out.append(
                    Speaker(name=writer, mention=mention, title="author", entity_id=writer_id, kind="person")
                )
            continue  # the writer is never the "he" or "they" of the narrative

        elif a.kind == "pronoun":
            antecedent: _Said | None = None
            if a.name in RELATIVE_PRONOUNS:
                c = relative_antecedent(a.start)
                if c is not None:
                    antecedent = said(person_speaker(c, mention), "person", True, a.end)
            elif a.name in SINGULAR_PRONOUNS:
                gender = PRONOUN_GENDER.get(a.name)
                antecedent = next((h for h in reversed(history) if h.singular and fits(h, gender)), None)
                if (c := main_clause_person(a.start, gender)) is not None:
                    antecedent = said(person_speaker(c, mention), "person", True, a.end)
                elif antecedent is not None and antecedent.kind != "person":
                    c = person_between(antecedent.end, a.start, gender)
                    if c is not None:
                        antecedent = said(person_speaker(c, mention), "person", True, a.end)
                elif antecedent is not None:
                    # "Trump has record low support … He recently pitched himself": the narrative
                    # moved on to someone else since the last speaker
                    c = subject_between(antecedent.end, a.start, gender)
                    if c is not None and c.entity_id != antecedent.speaker.entity_id:
                        antecedent = said(person_speaker(c, mention), "person", True, a.end)
                if antecedent is None:
                    # no one quoted before: the narrative's subject ("Ferreira, 24, posted a video
                    # thanking Porto Verde fans. '…,' he said"), else the last person named
                    c = subject_between(0, a.start, gender) or person_between(0, a.start, gender)
                    if c is not None:
                        antecedent = said(person_speaker(c, mention), "person", True, a.end)
            elif a.name in PLURAL_PRONOUNS:
                groups = (h for h in reversed(history) if not h.singular)
                antecedent = next(groups, history[-1] if history else None)
            elif a.name in THING_RELATIVES:
                things = (h for h in reversed(history) if h.kind != "person" and hangs_on(h, a.start))
                antecedent = next(things, None)
                if antecedent is None and (named := organisation_named_before(a.start)) is not None:
                    # "The Justice Department, which filed a brief …, declined": named, not yet quoted
                    antecedent = organisation_said(named, mention, a.end)
            else:
                antecedent = next((h for h in reversed(history) if h.kind == "org"), None)
            if antecedent is None:
                out.append(Speaker(name=a.name, mention=mention))
                continue
            speaker = dataclasses.replace(antecedent.speaker, mention=mention)
            record = _Said(speaker, antecedent.kind, antecedent.singular, a.end, antecedent.title_keys)

        else:
            describes = not a.plural and not a.quantified
            describes = describes and (a.kind in {"anon", "desc"} or a.head in PEOPLE_NOUNS | NAME_TITLES)
            headline_style = a.kind == "org" or _is_cap(a.name)  # "Senator from Texas says …"
            if describes and (a.definite or headline_style):  # "the senator"
                titled = (h for h in reversed(history) if h.kind == "person" and a.head in h.title_keys)
                named = next(titled, None)
                if named is not None:
                    speaker = dataclasses.replace(named.speaker, mention=mention)
                    record = _Said(speaker, "person", True, a.end, named.title_keys)
                elif (c := titled_person(a)) is not None:
                    record = said(person_speaker(c, mention), "person", True, a.end)
            if record is None and a.kind == "anon":
                entity: _AnonEntity | None = None
                if not a.fresh:
                    for e in reversed(anonymous):
                        if a.definite and e.head == a.head and e.plural == a.plural and a.np_keys <= e.keys:
                            entity = e
                        elif e.name.lower() == a.name.lower() and e.count == a.count:
                            entity = e
                        if entity:
                            break
                if entity is None and a.head == PARTITIVE_HEAD and (
                    group := next((e for e in reversed(anonymous) if e.plural), None)
                ):
                    # "Two of them": members of the group quoted last, named after it, counted anew
                    entity = _AnonEntity(
                        ids.anon(group.name), group.name, group.keys, group.head, a.plural, a.count,
                        group.affiliation,
                    )
                    anonymous.append(entity)
                if entity is None:
                    keys = frozenset(_key(w) for w in a.name.split())
                    entity = _AnonEntity(
                        ids.anon(a.name), a.name, keys, a.head, a.plural, a.count, a.affiliation
                    )
                    anonymous.append(entity)
                speaker = Speaker(
                    name=entity.name,
                    mention=mention,
                    affiliation=entity.affiliation,
                    anonymous=True,
                    count=entity.count,
                    entity_id=entity.entity_id,
                    kind="person" if entity.count == 1 else "group",
                )
                record = said(speaker, "anon", entity.count == 1, a.end)
            elif record is None and (named := same_organisation(a)) is not None:
                speaker = dataclasses.replace(named.speaker, mention=mention)
                record = _Said(speaker, named.kind, named.singular, a.end, named.title_keys)
            elif record is None and (business := business_named_before(a)) is not None:
                record = organisation_said(business, mention, a.end)
            elif record is None and (newsroom := newsroom_named_before(a)) is not None:
                record = organisation_said(newsroom, mention, a.end)
            elif record is None and (spoke := organisation_that_spoke(a)) is not None:
                speaker = dataclasses.replace(spoke.speaker, mention=mention)
                record = _Said(speaker, spoke.kind, spoke.singular, a.end, spoke.title_keys)
            elif record is None:
                slot = (a.kind, a.name.lower())
                if slot not in keyed:
                    keyed[slot] = ids.plain(a.name)
                count = a.count if a.kind == "group" else None
                affiliation = a.affiliation if a.kind == "group" else None
                speaker = Speaker(name=a.name, mention=mention, affiliation=affiliation, count=count,
                                  entity_id=keyed[slot], kind=SPEAKER_KINDS[a.kind])  # fmt: skip
                record = said(speaker, a.kind, a.kind == "desc", a.end)
        out.append(record.speaker)
        history.append(record)
    return _named_later(analyses, out)


def resolve_mention(
    text: str,
    sources: Sequence[tuple[Span, ...]],
    mentions: Sequence[Mention],
    mention: tuple[Span, ...],
    contents: Sequence[tuple[Span, ...]] = (),
    writer: str | None = None,
) -> Speaker | None:
    """Who ``mention`` (the span(s) of a name, pronoun or description anywhere in the article) refers
    to, read as the source of one more statement at its place among the article's statements.

    ``sources`` and ``contents`` are the article's statements as :func:`resolve_speakers` takes them
    (document order); they are the context ("he" is the last man quoted before it) and keep their own
    speakers: the mention is resolved in a run of its own, so it cannot change theirs.
    """
    start = min((s.start for s in mention), default=0)

    def anchor(i: int) -> int:
        spans = [*sources[i], *(contents[i] if i < len(contents) else ())]
        return min((s.start for s in spans), default=start)

    at = next((i for i in range(len(sources)) if anchor(i) > start), len(sources))
    padded = list(contents) + [()] * (len(sources) - len(contents))
    return resolve_speakers(
        text,
        [*sources[:at], mention, *sources[at:]],
        mentions,
        [*padded[:at], (), *padded[at:]],
        writer=writer,
    )[at]


def is_description(name: str) -> bool:
    """Whether a name is only description words ("New Poll", "the report"), naming no one."""
    words = {_key(w) for w in name.split()}
    return bool(words) and words <= GENERIC_SOURCE_WORDS | DETERMINERS


def _named_later(analyses: Sequence[_Source | None], speakers: list[Speaker | None]) -> list[Speaker | None]:
    """A description that names no one yet is who the text names after it: the first organisation with
    the same head noun ("A new poll shows …", then "The latest Reuters/Ipsos opinion poll"), or the first
    person whose title has it ("A federal judge", then "U.S. District Judge Helen Marsh")."""
    out = list(speakers)
    for i, (a, speaker) in enumerate(zip(analyses, speakers)):
        if a is None or speaker is None:
            continue
        later = zip(analyses[i + 1 :], speakers[i + 1 :])  # read by one branch at most
        if a.kind == "org" and is_description(speaker.name):
            same_head = (s for b, s in later if b and s and b.kind == "org" and b.head == a.head)
            named = (s for s in same_head if not is_description(s.name))
        elif _withheld_for_later(a):
            # "A federal judge on Thursday blocked …" then "U.S. District Judge Helen Marsh wrote …"
            titled = (s for b, s in later if b and s and b.kind == "person" and s.title)
            named = (s for s in titled if a.head in {_title_key(w) for w in s.title.split()})
        else:
            continue
        if (first := next(named, None)) is not None:
            out[i] = dataclasses.replace(first, mention=speaker.mention)
    return out


def _withheld_for_later(a: _Source) -> bool:
    """A lede's "a federal judge", "a Republican senator", a headline's "Home Secretary": one person
    whose office is a title, not a source kept unnamed ("an official", "a judge who asked not to be
    named"), so named further on."""
    return (
        a.kind == "anon"
        and a.count == 1
        and a.head in PEOPLE_NOUNS - ANON_NOUNS
        and not a.unnamed_by_choice
    )
