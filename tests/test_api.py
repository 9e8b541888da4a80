"""The REST API against ``onrecord serve`` in a subprocess, on SQLite and PostgreSQL: lists, filters,
full text, cursor paging, exports, JSON errors, and POST /api/extract (worker pool, size limit, API key)."""

import csv
import io
import json
import threading
import time

import httpx
import pytest

from tests.api_support import API_KEY, build_store, serving, store_url
from tests.conftest import requires_model, requires_seed

pytestmark = [requires_model, pytest.mark.service]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def api(request, tmp_path_factory) -> httpx.Client:
    server = request.getfixturevalue("postgres_server") if request.param == "postgresql" else None
    url = build_store(store_url(request.param, tmp_path_factory.mktemp("api"), server))
    with serving(url) as base, httpx.Client(base_url=base, timeout=120) as client:
        yield client


def all_pages(api, path, name, **params) -> list[dict]:
    rows, cursor = [], None
    while True:
        page = api.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        rows += body[name]
        cursor = body["next"]
        if cursor is None:
            return rows


def test_summary_counts_what_the_store_holds(api):
    status = api.get("/api").json()["status"]
    assert status["articles"] >= 4 and status["statements"] >= 40 and status["failures"] == 0


def test_cursor_pages_cover_every_statement_once_in_date_order(api):
    total = api.get("/api").json()["status"]["statements"]
    rows = all_pages(api, "/api/statements", "statements", limit=7)
    assert len(rows) == total == len({row["id"] for row in rows})
    dates = [row["said_on_start"] or row["published"] for row in rows]
    assert dates == sorted(dates)


def test_article_has_text_statements_with_spans_and_a_caption_apart(api):
    articles = all_pages(api, "/api/articles", "articles", limit=2)
    rate = next(a for a in articles if a["source_id"] == "rate_decision")
    article = api.get(f"/api/articles/{rate['id']}").json()
    text = article["text"]
    assert len(article["statements"]) == rate["statements"] > 0
    for statement in article["statements"]:
        assert " … ".join(text[s:e] for s, e in statement["content"]) == statement["content_text"]
        assert " … ".join(text[s:e] for s, e in statement["cue"]) == statement["cue_text"]
    captions = [text[b["start"] : b["end"]] for b in article["blocks"] if b["role"] == "caption"]
    assert captions and captions[0].endswith("Petra Lind/Bloomberg")


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"kind": "direct"}, lambda s: s["kind"] == "direct"),
        ({"channel": "written statement"}, lambda s: s["channel"] == "written statement"),
        ({"speaker": "Ilse Marrow"}, lambda s: s["speaker_name"] == "Ilse Marrow"),
        (
            {"since": "2024-09-01", "until": "2024-09-30"},
            lambda s: "2024-09" in (s["said_on_start"] or s["published"]),
        ),
        ({"q": "inflation"}, lambda s: "inflation" in (s["content_text"] + s["source_text"]).lower()),
    ],
)
def test_filters_keep_only_matching_statements(api, params, check):
    rows = all_pages(api, "/api/statements", "statements", **params)
    assert rows and all(check(row) for row in rows)


def test_full_text_is_stemmed_and_needs_every_word(api):
    one = {row["id"] for row in all_pages(api, "/api/statements", "statements", q="forecast")}
    assert one, "'forecast' should find 'forecasts' (stemmed)"
    assert not all_pages(api, "/api/statements", "statements", q="forecast zyzzyva")
    assert all_pages(api, "/api/articles", "articles", q="forecasts")


@requires_seed
def test_speaker_filter_by_registry_id_and_search(api):
    kirby = api.get("/api/speakers", params={"search": "Kirby"}).json()["speakers"]
    assert kirby and kirby[0]["name"] == "John Kirby"
    rows = all_pages(api, "/api/statements", "statements", speaker_id=kirby[0]["id"])
    assert len(rows) == kirby[0]["statements"] and {r["speaker_name"] for r in rows} == {"John Kirby"}


@pytest.mark.parametrize("format", ["csv", "jsonl"])
def test_export_gives_every_match(api, format):
    expected = len(all_pages(api, "/api/statements", "statements", kind="indirect"))
    response = api.get("/api/statements", params={"kind": "indirect", "format": format, "limit": 1})
    assert response.status_code == 200
    if format == "csv":
        rows = list(csv.DictReader(io.StringIO(response.text)))
    else:
        rows = [json.loads(line) for line in response.text.splitlines()]
    assert len(rows) == expected and {row["kind"] for row in rows} == {"indirect"}


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/api/articles/999999", 404, "article 999999 not found"),
        ("/api/speakers/999999", 404, "speaker 999999 not found"),
        ("/api/questions/999999/positions", 404, "question 999999 not found"),
        ("/api/speakers/999999/timeline", 404, "speaker 999999 not found"),
        ("/api/articles/0", 422, "greater than or equal to 1"),
        ("/api/statements?since=yesterday", 422, "since"),
        ("/api/statements?kind=shouted", 422, "kind"),
        ("/api/statements?limit=0", 422, "limit"),
        ("/api/statements?cursor=bm90IGEgY3Vyc29y", 422, "cursor"),
        ("/api/statements?q=a%00b", 422, "NUL"),
        ("/api/nowhere", 404, "Not Found"),
    ],
)
def test_errors_are_json_with_the_right_status(api, path, status, words):
    response = api.get(path)
    assert response.status_code == status
    assert words in response.json()["error"]


def test_extract_returns_statements_and_stores_nothing_by_default(api):
    before = api.get("/api").json()["status"]["articles"]
    text = (
        "date 2024-06-03\n\n"
        "\"We will not raise the levy,\" Mayor Tessa Lund said on Friday at a news conference.\n"
    )
    response = api.post("/api/extract", json={"text": text})
    assert response.status_code == 200, response.text
    found = response.json()
    assert found["stored"] is None and found["published"] == "2024-06-03"
    [statement] = found["statements"]
    assert "Tessa Lund" in statement["speaker_name"] and statement["said_on_start"] == "2024-05-31"
    assert api.get("/api").json()["status"]["articles"] == before


def test_pages_are_served_while_an_extraction_runs(api):
    text = "date 2024-06-03\n\n" + " ".join(['"Fares stay flat," the mayor said.'] * 400) + "\n"
    done = threading.Event()
    threading.Thread(
        target=lambda: (api.post("/api/extract", json={"text": text}), done.set()), daemon=True
    ).start()
    time.sleep(0.3)
    started = time.monotonic()
    assert api.get("/api/statements", params={"limit": 5}).status_code == 200
    assert time.monotonic() - started < 2 and not done.is_set()
    assert done.wait(120)


def test_storing_needs_the_key(api):
    text = "date 2024-06-04\n\nCouncillor Ida Brandt said the depot would open in 2026.\n"
    assert api.post("/api/extract", json={"text": text, "store": True}).status_code == 401
    wrong = api.post("/api/extract", json={"text": text, "store": True}, headers={"X-API-Key": "nope"})
    assert wrong.status_code == 403 and wrong.json()["error"] == "wrong API key"
    stored = api.post("/api/extract", json={"text": text, "store": True}, headers={"X-API-Key": API_KEY})
    assert stored.status_code == 200, stored.text
    article_id = stored.json()["stored"]["article_id"]
    article = api.get(f"/api/articles/{article_id}").json()
    assert article["text"] == text and "Ida Brandt" in article["statements"][0]["speaker_name"]


def test_a_body_over_the_limit_is_refused(api):
    response = api.post("/api/extract", json={"text": "x" * 1_100_000})
    assert response.status_code == 413 and "over" in response.json()["error"]


@pytest.mark.parametrize("body", [{"text": "   "}, {"text": "ok", "published": "soon"}, {}])
def test_a_bad_extract_request_is_422(api, body):
    response = api.post("/api/extract", json=body)
    assert response.status_code == 422 and response.json()["error"]


def test_positions_endpoints_answer_from_the_same_records_as_their_pages(api):
    questions = api.get("/api/questions").json()["questions"]
    shifts = api.get("/api/shifts").json()["shifts"]
    assert isinstance(questions, list) and isinstance(shifts, list)
    for question in questions[:3]:
        found = api.get(f"/api/questions/{question['id']}/positions").json()
        assert found["question"]["id"] == question["id"]
        assert sum(row["positions"] for row in found["speakers"]) == len(found["positions"])
        assert api.get(f"/questions/{question['id']}").status_code == 200
    speaker = api.get("/api/speakers", params={"limit": 1}).json()["speakers"][0]
    timeline = api.get(f"/api/speakers/{speaker['id']}/timeline").json()
    assert timeline["speaker"] == {"id": speaker["id"], "name": speaker["name"]}
    assert api.get(f"/api/speakers/{speaker['id']}").json()["timeline"] == timeline["questions"]
