"""Reporting-cue lexicon as data, shared by the frame patterns and the unmarked-quote detector."""

# Verbs of saying that newswire puts next to a quote ("…, she said", "he added: …").
SPEECH_VERBS = (
    r"said|says|added|adds|noted|notes|told\s+(?:reporters|[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})"
    r"|wrote|writes|explained|argued|claimed|insisted|warned|stated|acknowledged|conceded|announced"
    r"|continued|recalled|remarked"
)
# Who speaks, in a few words: a pronoun, a name or title in capitals, or a short common-noun phrase.
SHORT_SOURCE = (
    r"(?:he|she|they|it|we|I|(?:(?:the|a|an|one|two|three|four|several|some|many|other|another)\s+)?"
    r"[\w.'’-]+(?:\s+[\w.'’-]+){0,5})"
)
