"""Reporting-cue lexicon as data, shared by the frame patterns and the unmarked-quote detector."""

import re

# Verbs of saying that newswire puts next to a quote ("…, she said", "he added: …").
# Those that also come before their subject ("…, noted NBC's Dante Chinni."), then the rest.
INVERTED_SPEECH_VERBS = (
    r"said|says|added|adds|noted|notes|wrote|writes|explained|argued|claimed|insisted|warned|stated"
    r"|acknowledged|conceded|continued|recalled|remarked"
)
SPEECH_VERBS = (
    INVERTED_SPEECH_VERBS
    + r"|announced|told\s+(?:reporters|journalists|lawmakers|legislators|senators|supporters|voters|investors"
    r"|(?:the|a|an)\s+[\w-]+(?:\s+[\w-]+)?|[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})"
)
# Who speaks, in a few words: a pronoun, a name or title in capitals, or a short common-noun phrase.
SHORT_SOURCE = (
    r"(?:he|she|they|it|we|I|(?:(?:the|a|an|one|two|three|four|several|some|many|other|another)\s+)?"
    r"[\w.'’-]+(?:\s+[\w.'’-]+){0,5})"
)
# Passive and raising cues ("is expected to", "was asked about", "appears to") report what someone
# expects or asks without naming who: PolNeAR gives them no source, and their grammatical subject is
# part of what is reported ("[Smith] is expected [to resign]").
SOURCELESS_CUE = (
    r"(?:(?:is|are|was|were|be|been|being|has\s+been|have\s+been|had\s+been|(?:may|might|will|would|could|should)\s+be)"
    r"\s+(?:\w+ly\s+)?(?:expected|asked|said|announced|reported|revealed|shown|known|charged|projected|intended"
    r"|designed|rumou?red|believed|thought|viewed|seen|estimated|slated|scheduled|supposed|predicted)"
    r"|seems?|seemed|appears?|appeared)"
)

# Cues in the present perfect ("has called for", "have repeatedly stated") report a standing position
# taken at some time before the article: dated "before publication", never on the occasion just reported.
_STANDING = re.compile(r"^\s*(?:has|have|had)\b", re.I)


def is_standing(cue: str) -> bool:
    """Whether the cue reports a position held before publication ("has called for")."""
    return bool(_STANDING.match(cue))
