import time
from collections import Counter
from datetime import date, datetime

import pytest

from onrecord.ingest.metadata import Metadata, numbered, parse_date, split_authors, stable_id


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-05-31", date(2024, 5, 31)),
        (" 2024-05-31T09:00:00+02:00", date(2024, 5, 31)),
        ("Fri, 31 May 2024 09:00:00 GMT", date(2024, 5, 31)),
        (time.strptime("2024-05-31", "%Y-%m-%d"), date(2024, 5, 31)),
        (datetime(2024, 5, 31, 23, 59), date(2024, 5, 31)),
        (date(2024, 5, 31), date(2024, 5, 31)),
        ("2024-02-30", None),
        ("31/05/2024", None),
        ("yesterday", None),
        (1717142400, None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value, outlet, expected",
    [
        ("By Jane Doe", None, ("Jane Doe",)),
        ("ASHLEY PARKER and MAGGIE HABERMAN", None, ("Ashley Parker", "Maggie Haberman")),
        ("By JAMES B. STEWART", None, ("James B. Stewart",)),
        ("Jane Doe; John Roe", None, ("Jane Doe", "John Roe")),
        ("David Weigel,Katie Zezima", None, ("David Weigel", "Katie Zezima")),
        ("Gregory Korte, @gregorykorte, USA TODAY", "usa-today", ("Gregory Korte",)),
        ("Richard Wolf, and David Jackson, USA TODAY", "usa-today", ("Richard Wolf", "David Jackson")),
        (["A B", "C D", "A B"], None, ("A B", "C D")),
        ([{"name": "A B"}, {"name": None}, {"email": "x@y"}], None, ("A B",)),
        ("None", None, ()),
        ("Breitbart News", "breitbart", ("Breitbart News",)),
        ("...", None, ()),
        (42, None, ()),
    ],
)
def test_split_authors(value, outlet, expected):
    assert split_authors(value, outlet) == expected


def test_filled_from_takes_each_unknown_field_from_the_first_that_knows_it():
    first = Metadata(title="First")
    second = Metadata(title="Second", published=date(2024, 1, 1), authors=("A",))
    third = Metadata(published=date(1999, 1, 1), outlet="Third")
    assert first.filled_from(second, third) == Metadata(
        title="First", published=date(2024, 1, 1), outlet="Third", authors=("A",)
    )


def test_stable_ids_and_numbered_keys():
    assert stable_id("https://gazette.example/a") == stable_id("https://gazette.example/a") != stable_id("b")
    seen: Counter[str] = Counter()
    assert [numbered(key, seen) for key in ("a", "b", "a", "a")] == ["a", "b", "a~2", "a~3"]
