"""Through which channel a statement was made, read from its attribution frame.

Takes the frame (the sentence around a reporting cue with the reported content removed) and gives
one normalised channel label ("press briefing", "written statement", "post on X", ...) where the
frame names one, the previous statement's channel where it only says "at the time", else ``None``.
"""

from __future__ import annotations

import re

__all__ = ["CHANNELS", "channel"]

_OUTLET = (
    r"(?:CNN|CNBC|MSNBC|NPR|PBS|BBC|AP|AFP|Reuters|Bloomberg|Politico|Axios|Fox|NBC|ABC|CBS|C-SPAN"
    r"|Guardian|Telegraph|Independent|Economist|Spiegel|Haaretz|Al\s+Jazeera|Le\s+Monde|Semafor|ProPublica"
    r"|Verge|Vox|Wired|TechCrunch|Insider|Vice|Atlantic|New\s+Yorker|Financial\s+Times|Sky\s+News|ITV|RTE"
    r"|(?:[A-Z][\w.&]*\s+){1,3}(?:News|Radio|TV|Television|Network|Times|Post|Journal|Magazine|Press)"
    r"|[KW][A-Z]{2,3}-(?:TV|FM|AM))\b"  # a station's call sign: "WSAN-TV"
)
# (label, pattern) in the order they are tried: the most specific first, so "in a written statement"
# is a "written statement" before it is a "statement", a platform beats the post or statement made
# on it, and a named event ("at a news conference") beats the bare "told reporters".
_LEXICON: tuple[tuple[str, str], ...] = (
    ("written statement", r"\b(?:written|e-?mailed)\s+statement\b|\bstatement\s+(?:e-?mailed|sent)\s+to\b"),
    ("post on Truth Social", r"\btruth\s+social\b"),
    ("post on X", r"\btweet(?:ed|s|ing)?\b|\btwitter\b|\b(?:on|to|via)\s+(?-i:X)(?![\w-])|\b(?-i:X)\s+post\b"),
    ("post on Facebook", r"\bfacebook\b"),
    (
        "social media post",
        r"\bsocial[\s-]+media\b|\binstagram\b|\btiktok\b|\btelegram\b|\bbluesky\b|\blinkedin\b"
        r"|\bon\s+(?-i:Threads)\b",
    ),
    ("blog post", r"\bblog(?:\s+post)?\b"),
    ("television interview", r"\b(?:television|televised|tv)\s+interview\b"),
    ("radio interview", r"\bradio\s+interview\b"),
    ("testimony", r"\btestif(?:y|ies|ied|ying)\b|\btestimony\b"),
    ("op-ed", r"\bop-?ed\b|\bopinion\s+(?:piece|column|essay|article)\b|\bguest\s+essay\b"),
    ("memo", r"\bmemo(?:randum)?\b"),
    # a company's paper to its regulator: "said in a filing with federal regulators", "a securities filing"
    (
        "regulatory filing",
        r"\bfiling\s+(?:with|to)\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}"
        r"(?:regulators?|commission|SEC|exchange|authority)\b"
        r"|\b(?:securities|regulatory|stock[\s-]+exchange|SEC|annual|quarterly)\s+filing\b",
    ),
    # a court's or a litigant's paper: "wrote in a 94-page opinion", "said in a court filing"; but "in
    # his opinion" and "in the opinion of" are views, and "in a brief speech" is brief
    (
        "court document",
        r"\bin\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}opinion\b(?!\s+of\b)"
        r"|\bin\s+(?:a|an|the|her|his|its|their)\s+(?:[\w-]+\s+){0,2}"
        r"(?:(?:ruling|filing|motion|dissent)\b"
        r"|brief\b(?!\s+(?!(?:to|with|filed|submitted|in|on|that|for|by|of)\b)[a-z]))",
    ),
    # words spoken in a courtroom: a lawyer's "opening statement" is no press statement
    (
        "remarks in court",
        r"\b(?:opening|closing)\s+(?:statement|argument)s?\b"
        r"|\btold\s+(?:the\s+)?(?:jury|jurors|judge|court)\b|\bfrom\s+the\s+bench\b"
        r"|\bin\s+open\s+court\b|\bsaid\s+in\s+court\b"
        r"|\bat\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){0,2}"
        r"(?:sentencing|arraignment|court\s+hearing)\b",
    ),
    ("letter", r"\bletter\b"),
    ("email", r"\be-?mail(?:s|ed)?\b"),
    (
        "conference call",
        r"\b(?:earnings|conference|investor|analysts?)\s+call\b|\bcall\s+with\s+(?:analysts|investors)\b"
        r"|\b(?:analysts|investors|shareholders)\s+(?:on|during)\s+(?:a|an|the)\s+(?:[\w-]+\s+)?call\b",
    ),
    # "said in a phone call later Wednesday": with the reporter or with anyone else, a call it was
    ("phone call", r"\b(?:tele)?phone\s+call\b"),
    ("podcast", r"\bpodcast\b"),
    ("news conference", r"\b(?:news|press)\s+conference\b"),
    ("press briefing", r"\bbriefing\b"),
    ("interview", r"\binterview(?:s|ed)?\b"),
    # "told Fox News", "told The Associated Press": words to a news outlet are an interview
    ("interview", r"\b(?:told|speaking\s+to|spoke\s+to)\s+(?-i:(?:[Tt]he\s+)?" + _OUTLET + r")"),
    # the publication's own interview: "She spoke with us this week", "he told us"
    ("interview", r"\b(?:spoke|speaking|talked|talking)\s+(?:with|to)\s+us\b|\btold\s+us\b"),
    # "told state broadcaster RAI", "told the club's television channel", "told a local newspaper"
    (
        "interview",
        r"\b(?:told|speaking\s+to|spoke\s+to)\s+(?:(?:the|a|an)\s+)?(?:[\w'’-]+\s+){0,2}"
        r"(?:broadcaster|television|tv|radio|newspaper|paper|news\s+agency|channel|magazine|daily"
        r"|programme|program|show)(?![\w'’-])",
    ),
    ("debate", r"\bdebate\b"),
    ("rally", r"\brally\b"),
    (
        "speech",
        r"\bspeech\b"
        r"|\b(?:televised|national|inaugural|farewell|commencement|keynote|nightly|weekly|video)\s+address\b"
        r"|\baddress\s+to\s+(?:the\s+nation|congress|parliament|lawmakers)\b"
        # "told the European Parliament", "told the Bundestag": words to a chamber are a speech
        r"|\btold\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,2}(?-i:Parliament|Congress|Senate|Assembly|Bundestag|Commons)\b"
        r"(?!\s+(?-i:[A-Z]))",
    ),
    # "said in a video posted on Instagram" is a post (above); "in the video", "in a short video" alone
    ("video", r"\b(?:in|on)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}video\b"),
    (
        "remarks to reporters",
        r"\btold\s+(?:reporters|journalists|the\s+press)\b"
        r"|\b(?:speaking|spoke|talking|talked)\s+(?:to|with)\s+(?:reporters|journalists)\b",
    ),
    ("statement", r"\bstatement\b"),
)

CHANNELS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern, re.IGNORECASE)) for label, pattern in _LEXICON
)

_AT_THE_TIME = re.compile(r"\bat\s+(?:the|that)\s+time\b(?!\s+of\b)", re.IGNORECASE)


def channel(frame: str, previous: str | None = None) -> str | None:
    """The channel named in ``frame`` (most specific label first), ``previous`` if it says only
    "at the time" / "at that time", else ``None``."""
    for label, pattern in CHANNELS:
        if pattern.search(frame):
            return label
    if _AT_THE_TIME.search(frame):
        return previous
    return None
