from datetime import date

import pytest

from onrecord.attribution.when import said_on
from onrecord.model import DateRange

FRIDAY = date(2024, 5, 31)  # a Friday
KIRBY = (
    "At a White House press briefing Tuesday, National Security Council spokesman John Kirby "
    "was asked about Zelensky's request and said"
)


def year(number: int) -> DateRange:
    return DateRange(date(number, 1, 1), date(number, 12, 31), f"year:{number}")


def day(d: date, basis: str) -> DateRange:
    return DateRange(d, d, basis)


@pytest.mark.parametrize(
    ("frame", "published", "expected"),
    [
        # weekdays
        (KIRBY, FRIDAY, day(date(2024, 5, 28), "weekday:Tuesday")),
        ("the president said Friday", FRIDAY, day(FRIDAY, "weekday:Friday")),
        ("she said on Tuesday", FRIDAY, day(date(2024, 5, 28), "weekday:Tuesday")),
        ("he told supporters Tuesday night", FRIDAY, day(date(2024, 5, 28), "weekday:Tuesday")),
        ("SAID ON SATURDAY", FRIDAY, day(date(2024, 5, 25), "weekday:Saturday")),
        ("he said last Tuesday", FRIDAY, day(date(2024, 5, 28), "weekday:Tuesday")),
        ("he said last Friday", FRIDAY, day(date(2024, 5, 24), "weekday:Friday")),
        ("he said this past Monday", FRIDAY, day(date(2024, 5, 27), "weekday:Monday")),
        # same day, day before
        ("the minister said today", FRIDAY, day(FRIDAY, "today")),
        ("she said this morning", FRIDAY, day(FRIDAY, "today")),
        ("he said tonight", FRIDAY, day(FRIDAY, "today")),
        ("officials said yesterday", FRIDAY, day(date(2024, 5, 30), "yesterday")),
        ("he said late last night", FRIDAY, day(date(2024, 5, 30), "last night")),
        # weeks, months, years
        ("he said earlier this week", FRIDAY, DateRange(date(2024, 5, 27), FRIDAY, "this week")),
        ("he said earlier this week", date(2024, 5, 27), DateRange(date(2024, 5, 27), date(2024, 5, 27), "this week")),
        ("she said this week", FRIDAY, DateRange(date(2024, 5, 27), FRIDAY, "this week")),
        ("the spokesman said last week", FRIDAY, DateRange(date(2024, 5, 20), date(2024, 5, 26), "last week")),
        ("the spokesman said last month", FRIDAY, DateRange(date(2024, 4, 1), date(2024, 4, 30), "last month")),
        ("he said last month", date(2024, 1, 15), DateRange(date(2023, 12, 1), date(2023, 12, 31), "last month")),
        ("he said earlier this month", FRIDAY, DateRange(date(2024, 5, 1), FRIDAY, "this month")),
        ("she said this month", date(2024, 5, 10), DateRange(date(2024, 5, 1), date(2024, 5, 10), "this month")),
        ("he said last year", FRIDAY, DateRange(date(2023, 1, 1), date(2023, 12, 31), "last year")),
        ("he said over the weekend", FRIDAY, DateRange(date(2024, 5, 25), date(2024, 5, 26), "weekend")),
        # explicit dates
        ("in a statement on May 28, the ministry said", FRIDAY, day(date(2024, 5, 28), "explicit")),
        ("the ministry said May 28, 2024", FRIDAY, day(date(2024, 5, 28), "explicit")),
        ("the ministry said on 28 May", FRIDAY, day(date(2024, 5, 28), "explicit")),
        ("she testified on Sept. 12", FRIDAY, day(date(2023, 9, 12), "explicit")),
        ("she testified on Sep 12", FRIDAY, day(date(2023, 9, 12), "explicit")),
        ("she wrote Aug. 3", FRIDAY, day(date(2023, 8, 3), "explicit")),
        ("she wrote on Jan 4th", FRIDAY, day(date(2024, 1, 4), "explicit")),
        ("in a filing dated 2024-05-28, the company said", FRIDAY, day(date(2024, 5, 28), "explicit")),
        ("he said on Tuesday, May 21", FRIDAY, day(date(2024, 5, 21), "explicit")),
        ("he said on Feb. 30", FRIDAY, None),
        # months without a day
        ("he said in May", FRIDAY, DateRange(date(2024, 5, 1), FRIDAY, "month:May")),
        ("he said in May", date(2024, 5, 10), DateRange(date(2024, 5, 1), date(2024, 5, 10), "month:May")),
        ("he said in June", FRIDAY, DateRange(date(2023, 6, 1), date(2023, 6, 30), "month:June")),
        ("he said in March", FRIDAY, DateRange(date(2024, 3, 1), date(2024, 3, 31), "month:March")),
        ("he said in early March", FRIDAY, DateRange(date(2024, 3, 1), date(2024, 3, 31), "month:March")),
        ("he said in mid-March", FRIDAY, DateRange(date(2024, 3, 1), date(2024, 3, 31), "month:March")),
        ("he said last May", FRIDAY, DateRange(date(2023, 5, 1), date(2023, 5, 31), "month:May")),
        ("he said in December 2022", FRIDAY, DateRange(date(2022, 12, 1), date(2022, 12, 31), "month:December")),
        ("he has said since March", FRIDAY, DateRange(date(2024, 3, 1), FRIDAY, "since:March")),
        # days ago
        ("he said three days ago", FRIDAY, day(date(2024, 5, 28), "days ago")),
        ("he said 10 days ago", FRIDAY, day(date(2024, 5, 21), "days ago")),
        # weeks, months, years ago: that week (Monday to Sunday), month or year
        ("she said two weeks ago", FRIDAY, DateRange(date(2024, 5, 13), date(2024, 5, 19), "weeks ago")),
        ("he said a month ago", FRIDAY, DateRange(date(2024, 4, 1), date(2024, 4, 30), "months ago")),
        ("he said six months ago", FRIDAY, DateRange(date(2023, 11, 1), date(2023, 11, 30), "months ago")),
        ("he said two years ago", FRIDAY, DateRange(date(2022, 1, 1), date(2022, 12, 31), "years ago")),
        ("he said more than a year ago", FRIDAY, None),
        ("Twenty-two years ago, he said", FRIDAY, None),
        # a year named in the frame: that year (clipped at publication); not a span, a decade, a future
        ("In a 1994 interview, she said", FRIDAY, year(1994)),
        ("during the 2012 campaign, he said", FRIDAY, year(2012)),
        ("In 2024, he said", FRIDAY, DateRange(date(2024, 1, 1), FRIDAY, "year:2024")),
        ("he said in 2010-12", FRIDAY, None),
        ("In the 1990s, he said", FRIDAY, None),
        ("he said in 2030", FRIDAY, None),
        # first expression wins
        ("he said Tuesday, repeating what he told reporters last week", FRIDAY, day(date(2024, 5, 28), "weekday:Tuesday")),
        ("speaking last week before a rally Tuesday, he said", FRIDAY, DateRange(date(2024, 5, 20), date(2024, 5, 26), "last week")),
        # no time given
        ("National Security Council spokesman John Kirby said", FRIDAY, None),
        ("", FRIDAY, None),
        ("the minister said she may resign", FRIDAY, None),
        ("May the officials who said so be right", FRIDAY, None),
        ("he said then", FRIDAY, None),
        ("he said Tuesdays were hard", FRIDAY, None),
        ("he said the vote would be next Tuesday", FRIDAY, None),
        ("he told USA Today", FRIDAY, None),
        ("he told NBC's Today show", FRIDAY, None),
        ("shoppers on Black Friday said", FRIDAY, None),
        ("he said at the time of the attack", FRIDAY, None),
        # no publication date: relative expressions cannot resolve, dated ones can
        (KIRBY, None, None),
        ("he said last week", None, None),
        ("he said on May 28", None, None),
        ("he said in May", None, None),
        ("the ministry said May 28, 2024", None, day(date(2024, 5, 28), "explicit")),
        ("in a filing dated 2024-05-28, the company said", None, day(date(2024, 5, 28), "explicit")),
    ],
)
def test_said_on(frame, published, expected):
    assert said_on(frame, published) == expected


def test_said_on_ignores_reported_content():
    # The frame has the content removed; what remains names no time even though the sentence did.
    sentence_frame = 'Kirby said ""'  # content: "the talks will resume on June 3"
    assert said_on(sentence_frame, FRIDAY) is None


PREVIOUS = DateRange(date(2024, 5, 28), date(2024, 5, 28), "weekday:Tuesday")


@pytest.mark.parametrize(
    ("frame", "published", "previous", "expected"),
    [
        ("he said at the time", FRIDAY, PREVIOUS, DateRange(date(2024, 5, 28), date(2024, 5, 28), "inherited")),
        ("At that time, officials said", FRIDAY, PREVIOUS, DateRange(date(2024, 5, 28), date(2024, 5, 28), "inherited")),
        ("he said at the time", None, PREVIOUS, DateRange(date(2024, 5, 28), date(2024, 5, 28), "inherited")),
        ("he said at the time", FRIDAY, None, None),
        ("he said then", FRIDAY, PREVIOUS, None),
        ("he said", FRIDAY, PREVIOUS, None),
        ("he said yesterday", FRIDAY, PREVIOUS, day(date(2024, 5, 30), "yesterday")),
    ],
)
def test_said_on_inherits(frame, published, previous, expected):
    assert said_on(frame, published, previous) == expected
