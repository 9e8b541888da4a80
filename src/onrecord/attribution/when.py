"""When a statement was made, read from its attribution frame.

Takes the frame (the sentence around a reporting cue with the reported content removed, so dates
inside what was said are not seen) and the article's publication date; gives a
:class:`~onrecord.model.DateRange` resolved against that date, or ``None`` when the frame names no
time. Nothing is guessed: relative expressions need the publication date; only dates that carry
their own year resolve without it, and "at the time" inherits the previous statement's date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Callable

from onrecord.model import DateRange

__all__ = ["said_on"]

# ---------------------------------------------------------------------------------------------
# Lexicon
# ---------------------------------------------------------------------------------------------

WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Month names and abbreviations (AP style and bare), lower case -> month number.
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

# "N days ago" as a word.
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip

# Words before a weekday name that make it something other than a past day ("next Tuesday",
# "Black Friday").
NOT_A_PAST_WEEKDAY_AFTER: tuple[str, ...] = ("next", "coming", "following", "black", "cyber")

# Words before a month name that make it a month and not, for "May", the verb.
MONTH_PREFIXES: tuple[str, ...] = ("in", "on", "since", "last", "early", "late", "mid", "during")

# "today" that is a name, not a time: "USA Today", "NBC's Today show".
NOT_TODAY_AFTER: tuple[str, ...] = ("usa", "nbc's", "nbc\u2019s")

# ---------------------------------------------------------------------------------------------
# Patterns (compiled once)
# ---------------------------------------------------------------------------------------------


def _alternation(words) -> str:
    """Longest first, so "sept" is tried before "sep"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _not_after(words) -> str:
    return "".join(f"(?<!\\b{re.escape(w)}\\s)" for w in words)


_FLAGS = re.IGNORECASE | re.VERBOSE
_WEEKDAY = _alternation(w.lower() for w in WEEKDAYS)
_MONTH = rf"(?P<month>{_alternation(MONTHS)})\b\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"
_YEAR = r"(?:,?\s+(?P<year>\d{4})\b)?"
_LEADING_WEEKDAY = rf"(?:\b(?:{_WEEKDAY})\b,?\s+)?"  # "Tuesday, May 28": the date wins

_MONTH_DAY = re.compile(rf"{_LEADING_WEEKDAY}\b{_MONTH}\s+{_DAY}{_YEAR}", _FLAGS)
_DAY_MONTH = re.compile(rf"{_LEADING_WEEKDAY}\b{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}", _FLAGS)
_ISO_DATE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_MONTH_ALONE = re.compile(
    rf"""(?:\b(?P<pre>{_alternation(MONTH_PREFIXES)})(?:\s+|-))?
        \b{_MONTH}(?!\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b)   # not "May 28"
        {_YEAR}""",
    _FLAGS,
)
_WEEKDAY_NAME = re.compile(
    rf"{_not_after(NOT_A_PAST_WEEKDAY_AFTER)}\b(?:(?P<last>last|this\s+past|past)\s+)?(?P<weekday>{_WEEKDAY})\b",
    _FLAGS,
)
_TODAY = re.compile(
    rf"{_not_after(NOT_TODAY_AFTER)}\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b"
    r"(?!['\u2019\"\u201d]?\s+show\b)",
    re.IGNORECASE,
)
_YESTERDAY = re.compile(r"\byesterday\b", re.IGNORECASE)
_LAST_NIGHT = re.compile(r"\blast\s+night\b", re.IGNORECASE)
_THIS_WEEK = re.compile(r"\b(?:earlier\s+)?this\s+week\b", re.IGNORECASE)
_LAST_WEEK = re.compile(r"\blast\s+week\b", re.IGNORECASE)
_WEEKEND = re.compile(r"\b(?P<which>last|this|over\s+the)\s+weekend\b", re.IGNORECASE)
_THIS_MONTH = re.compile(r"\b(?:earlier\s+)?this\s+month\b", re.IGNORECASE)
_LAST_MONTH = re.compile(r"\blast\s+month\b", re.IGNORECASE)
_THIS_YEAR = re.compile(r"\b(?:earlier\s+)?this\s+year\b", re.IGNORECASE)
_LAST_YEAR = re.compile(r"\blast\s+year\b", re.IGNORECASE)
_DAYS_AGO = re.compile(rf"\b(?P<n>\d{{1,3}}|{_alternation(NUMBER_WORDS)})\s+days?\s+ago\b", re.IGNORECASE)
# "two weeks ago", "three months ago", "a year ago": the week, month or year that far back; not "more
# than a year ago" (some time before), nor the "two" of "Twenty-two years ago"
_UNITS_AGO = re.compile(
    r"(?<![-\w])(?<!more than )(?<!over )(?<!at least )"
    rf"(?P<n>\d{{1,3}}|an|{_alternation(NUMBER_WORDS)})\s+(?P<unit>week|month|year)s?\s+ago\b",
    re.IGNORECASE,
)
# "In 1994, she said", "in a 1994 interview", "during the 2012 campaign": that year; not a span of
# years ("in 2010-12"), a decade ("in the 1990s") or a deadline ("by 2030")
_IN_A_YEAR = re.compile(
    r"\b(?:in|during)\s+(?:(?:a|an|the|his|her|their|its)\s+)?(?P<year>(?:1[89]|20)\d{2})\b"
    r"(?!\s*(?:[-–/]|to\b)\s*\d)",
    re.IGNORECASE,
)
_AT_THE_TIME = re.compile(r"\bat\s+(?:the|that)\s+time\b(?!\s+of\b)", re.IGNORECASE)

# ---------------------------------------------------------------------------------------------
# Date arithmetic
# ---------------------------------------------------------------------------------------------


def _day(d: date, basis: str) -> DateRange:
    return DateRange(d, d, basis)


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _month_range(year: int, month: int, basis: str) -> DateRange:
    return DateRange(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), basis)


def _year_range(year: int, basis: str) -> DateRange:
    return DateRange(date(year, 1, 1), date(year, 12, 31), basis)


def _clipped(r: DateRange, published: date | None) -> DateRange:
    """A statement cannot postdate its article: a range running past publication ends there."""
    if published is not None and r.start <= published < r.end:
        return replace(r, end=published)
    return r


def _latest_on_or_before(month: int, day: int, published: date) -> date | None:
    """This year's month-day, or last year's if this year's is after publication (or invalid)."""
    for year in (published.year, published.year - 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if d <= published:
            return d
    return None


def _weekday_back(published: date, weekday: int, strictly_before: bool) -> date:
    back = (published.weekday() - weekday) % 7
    if strictly_before and back == 0:
        back = 7
    return published - timedelta(days=back)


# ---------------------------------------------------------------------------------------------
# Resolvers: (match, published, previous) -> DateRange | None
# ---------------------------------------------------------------------------------------------

Resolver = Callable[[re.Match, "date | None", "DateRange | None"], "DateRange | None"]


def _explicit(month: int, day: int, year: str | None, published: date | None) -> DateRange | None:
    if year is not None:
        try:
            return _day(date(int(year), month, day), "explicit")
        except ValueError:
            return None
    if published is None:
        return None
    d = _latest_on_or_before(month, day, published)
    return None if d is None else _day(d, "explicit")


def _on_named_date(m, published, previous):
    return _explicit(MONTHS[m["month"].lower()], int(m["day"]), m["year"], published)


def _on_iso_date(m, published, previous):
    return _explicit(int(m["month"]), int(m["day"]), m["year"], published)


def _in_month(m, published, previous):
    pre = (m["pre"] or "").lower()
    if not pre and not m["year"]:
        return None  # a bare "May" may be the verb
    month = MONTHS[m["month"].lower()]
    name = calendar.month_name[month]
    if m["year"]:
        year = int(m["year"])
    elif published is None:
        return None
    else:
        later = month >= published.month if pre == "last" else month > published.month
        year = published.year - 1 if later else published.year
    if pre == "since":
        if published is None or date(year, month, 1) > published:
            return None
        return DateRange(date(year, month, 1), published, f"since:{name}")
    return _clipped(_month_range(year, month, f"month:{name}"), published)


def _on_weekday(m, published, previous):
    if published is None:
        return None
    name = m["weekday"].capitalize()
    d = _weekday_back(published, WEEKDAYS.index(name), strictly_before=bool(m["last"]))
    return _day(d, f"weekday:{name}")


def _today(m, published, previous):
    return None if published is None else _day(published, "today")


def _yesterday(m, published, previous):
    return None if published is None else _day(published - timedelta(days=1), "yesterday")


def _last_night(m, published, previous):
    return None if published is None else _day(published - timedelta(days=1), "last night")


def _this_week(m, published, previous):
    return None if published is None else DateRange(_monday(published), published, "this week")


def _last_week(m, published, previous):
    if published is None:
        return None
    monday = _monday(published) - timedelta(days=7)
    return DateRange(monday, monday + timedelta(days=6), "last week")


def _weekend(m, published, previous):
    if published is None:
        return None
    saturday = _weekday_back(published, 5, strictly_before=False)
    if m["which"].lower() == "last" and published - saturday < timedelta(days=2):
        saturday -= timedelta(days=7)  # "last weekend" said on a weekend: the one before
    return _clipped(DateRange(saturday, saturday + timedelta(days=1), "weekend"), published)


def _this_month(m, published, previous):
    return None if published is None else DateRange(published.replace(day=1), published, "this month")


def _last_month(m, published, previous):
    if published is None:
        return None
    last = published.replace(day=1) - timedelta(days=1)
    return _month_range(last.year, last.month, "last month")


def _this_year(m, published, previous):
    return None if published is None else DateRange(date(published.year, 1, 1), published, "this year")


def _last_year(m, published, previous):
    if published is None:
        return None
    return _year_range(published.year - 1, "last year")


def _days_ago(m, published, previous):
    if published is None:
        return None
    n = m["n"].lower()
    days = int(n) if n.isdigit() else NUMBER_WORDS[n]
    return _day(published - timedelta(days=days), "days ago")


def _units_ago(m, published, previous):
    if published is None:
        return None
    n = m["n"].lower()
    count = 1 if n == "an" else int(n) if n.isdigit() else NUMBER_WORDS[n]
    unit = m["unit"].lower()
    basis = f"{unit}s ago"
    if unit == "week":
        monday = _monday(published) - timedelta(days=7 * count)
        return DateRange(monday, monday + timedelta(days=6), basis)
    if unit == "month":
        months = published.year * 12 + published.month - 1 - count
        return _month_range(months // 12, months % 12 + 1, basis)
    return _year_range(published.year - count, basis)


def _in_a_year(m, published, previous):
    year = int(m["year"])
    if published is not None and year > published.year:
        return None  # a plan for a year to come, not when it was said
    return _clipped(_year_range(year, f"year:{year}"), published)


def _inherited(m, published, previous):
    return None if previous is None else replace(previous, basis="inherited")


# Order breaks ties between matches that start at the same place and are equally long.
RULES: tuple[tuple[re.Pattern[str], Resolver], ...] = (
    (_ISO_DATE, _on_iso_date),
    (_MONTH_DAY, _on_named_date),
    (_DAY_MONTH, _on_named_date),
    (_MONTH_ALONE, _in_month),
    (_DAYS_AGO, _days_ago),
    (_UNITS_AGO, _units_ago),
    (_IN_A_YEAR, _in_a_year),
    (_LAST_NIGHT, _last_night),
    (_LAST_WEEK, _last_week),
    (_LAST_MONTH, _last_month),
    (_LAST_YEAR, _last_year),
    (_WEEKEND, _weekend),
    (_THIS_WEEK, _this_week),
    (_THIS_MONTH, _this_month),
    (_THIS_YEAR, _this_year),
    (_WEEKDAY_NAME, _on_weekday),
    (_TODAY, _today),
    (_YESTERDAY, _yesterday),
    (_AT_THE_TIME, _inherited),
)


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


def _candidates(frame: str) -> list[tuple[re.Match[str], Resolver]]:
    """Every time expression in the frame: first in the text first, the longer of two at one place first."""
    found = [
        (m.start(), -(m.end() - m.start()), rank, m, resolve)
        for rank, (pattern, resolve) in enumerate(RULES)
        for m in pattern.finditer(frame)
    ]
    found.sort(key=lambda c: c[:3])
    return [(m, resolve) for *_, m, resolve in found]


def said_on(frame: str, published: date | None, previous: DateRange | None = None) -> DateRange | None:
    """When the statement attributed in ``frame`` was made, or ``None`` where the frame gives no time.

    The first time expression in the frame that resolves wins. Relative expressions ("Tuesday",
    "last week") resolve against ``published`` and need it; "at the time" / "at that time" gives
    ``previous`` (the date of the statement before) with basis ``"inherited"``.
    """
    for match, resolve in _candidates(frame):
        resolved = resolve(match, published, previous)
        if resolved is not None:
            return resolved
    return None
