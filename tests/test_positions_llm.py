"""The optional chat-model stance reader (onrecord.positions.llm): reply parsing, the endpoint
configuration, real HTTP against a local OpenAI-compatible server, and a store refresh it refines."""

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import func, select

from onrecord.ingest import ReadOptions
from onrecord.pipeline import ingest
from onrecord.positions.llm import (
    ChatReader,
    Endpoint,
    Passage,
    ReadFailure,
    Verdict,
    context_around,
    endpoint_from_environment,
    messages,
    parse_verdict,
)
from onrecord.positions.refresh import refresh
from onrecord.store import Store
from onrecord.store.schema import llm_readings
from tests.conftest import requires_model

EXAMPLE = Path(__file__).parents[1] / "examples" / "transit_vote.txt"
QUESTION = "Brennhaven should build the tram line."


@pytest.mark.parametrize(
    "reply, verdict",
    [
        (
            '{"bears": true, "stance": "opposes", "scope": "outer districts"}',
            Verdict(True, "opposes", "outer districts"),
        ),
        (
            'Sure.\n```json\n{"bears": true, "stance": "Supports", "scope": ""}\n```',
            Verdict(True, "supports", None),
        ),
        ('{"bears": false, "stance": null, "scope": null}', Verdict(False, None, None)),
        # a neutral statement has no scope to limit it
        ('{"bears": true, "stance": "neutral", "scope": "until July"}', Verdict(True, "neutral", None)),
        # a first object that is not the verdict is skipped
        ('{"note": "thinking"} {"bears": true, "stance": "supports"}', Verdict(True, "supports", None)),
    ],
)
def test_a_verdict_is_read_from_the_first_object_that_holds_one(reply, verdict):
    assert parse_verdict(reply) == verdict


@pytest.mark.parametrize(
    "reply", ['{"bears": true, "stance": "maybe"}', "I think it supports it.", "{bears: yes}"]
)
def test_a_reply_without_a_usable_verdict_is_a_named_failure(reply):
    found = parse_verdict(reply)
    assert isinstance(found, ReadFailure) and found.reason == "bad reply"


def test_the_endpoint_comes_from_the_environment_and_is_off_without_it():
    assert endpoint_from_environment({}) is None
    assert endpoint_from_environment({"ONRECORD_LLM_URL": "  "}) is None
    endpoint = endpoint_from_environment(
        {
            "ONRECORD_LLM_URL": "http://127.0.0.1:8080/v1/",
            "ONRECORD_LLM_MODEL": "qwen",
            "ONRECORD_LLM_KEY": "k",
        }
    )
    assert endpoint == Endpoint("http://127.0.0.1:8080/v1", "qwen", "k", parallel=4)
    with pytest.raises(ValueError, match="ONRECORD_LLM_PARALLEL"):
        endpoint_from_environment({"ONRECORD_LLM_URL": "http://x/v1", "ONRECORD_LLM_PARALLEL": "0"})
    wider = endpoint_from_environment(
        {"ONRECORD_LLM_URL": "http://x/v1", "ONRECORD_LLM_MIN_RELEVANCE": "0.5"}
    )
    assert wider.min_relevance == 0.5
    for bad in ("1.5", "half"):
        with pytest.raises(ValueError, match="ONRECORD_LLM_MIN_RELEVANCE"):
            endpoint_from_environment({"ONRECORD_LLM_URL": "http://x/v1", "ONRECORD_LLM_MIN_RELEVANCE": bad})


def test_the_paragraphs_around_a_statement_include_the_one_before_it():
    text = "First paragraph, far away.\n\nThe deal was named here.\n\nShe said she opposes it.\n\nLater news."
    start = text.index("she opposes")
    context = context_around(text, start, start + len("she opposes it"))
    assert context == "The deal was named here.\n\nShe said she opposes it."
    assert len(context_around("x" * 5000, 2500, 2510, limit=600)) <= 600


def test_the_prompt_carries_the_question_speaker_statement_and_paragraphs():
    asked = messages(Passage("Q?", "Anja Petrov", "said", "a gamble", "Petrov said it was a gamble."))
    assert asked[0]["role"] == "system" and '"bears"' in asked[0]["content"]
    assert all(
        part in asked[1]["content"] for part in ("Q?", "Anja Petrov", "said", "a gamble", "Petrov said")
    )


class FakeChat:
    """A local OpenAI-compatible chat endpoint: answers each request with ``answer(user message)``."""

    def __init__(self, answer, status: int = 200) -> None:
        self.requests: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (the http.server API)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), **body})
                if status != 200:
                    self.send_response(status)
                    self.end_headers()
                    self.wfile.write(b'{"error": "overloaded"}')
                    return
                reply = answer(body["messages"][-1]["content"])
                payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": reply}}]})
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(payload.encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def reader(self, **options) -> ChatReader:
        return ChatReader(Endpoint(self.url, "fake", **options))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def chat_server():
    servers = []

    def start(answer, status=200):
        servers.append(FakeChat(answer, status))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def _verdict_for(statement: str) -> dict:
    """The fake chat model's reading: the schedule takes no side, the cost to buses opposes, the rest
    supports."""
    if "trams are due" in statement:
        return {"bears": False, "stance": None, "scope": None}
    if "drain money" in statement:
        return {"bears": True, "stance": "opposes", "scope": "bus services"}
    return {"bears": True, "stance": "supports", "scope": None}


def _answer(asked: str) -> str:
    statement = asked.split("Statement: ", 1)[1].split("\nParagraphs:", 1)[0]
    return "Here it is: " + json.dumps(_verdict_for(statement))


def test_passages_are_read_over_http_in_order_with_the_key(chat_server):
    server = chat_server(
        lambda asked: '{"bears": true, "stance": "%s"}' % asked.split("Statement: ")[1][:8].strip()
    )
    stances = ["supports", "opposes", "neutral"] * 3
    passages = [Passage("Q", "S", "said", stance, "") for stance in stances]
    verdicts = server.reader(api_key="secret", parallel=3).read(passages)
    assert [v.stance for v in verdicts] == stances
    request = server.requests[0]
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer secret"
    assert request["model"] == "fake" and request["temperature"] == 0
    assert request["response_format"] == {"type": "json_object"}


def test_an_endpoint_that_fails_gives_named_failures_not_an_exception(chat_server):
    failing = chat_server(_answer, status=503)
    passage = Passage("Q", "S", "said", "c", "")
    (failure,) = failing.reader().read([passage])
    assert failure.reason == "http error" and "503" in failure.detail and "overloaded" in failure.detail
    (failure,) = ChatReader(Endpoint("http://127.0.0.1:9/v1", "fake", timeout=2)).read([passage])
    assert failure.reason == "unreachable"
    garbled = chat_server(lambda asked: "no JSON here")
    (failure,) = garbled.reader().read([passage])
    assert failure.reason == "bad reply"


def _store_with_example(url: str, extractor) -> Store:
    store = Store(url)
    ingest([str(EXAMPLE)], store, extractor, ReadOptions())
    store.add_question(QUESTION)
    return store


@pytest.fixture
def example_store(store_url, extractor):
    """The example article with the question declared, on SQLite and on PostgreSQL."""
    store = _store_with_example(store_url, extractor)
    yield store
    store.close()


def _positions(store: Store) -> list[dict]:
    """The question's positions without their row ids, which a refresh renumbers on PostgreSQL."""
    return [{k: v for k, v in p.items() if k != "id"} for p in store.positions(QUESTION)]


@requires_model
def test_a_configured_chat_model_refines_the_positions_and_is_asked_once(example_store, chat_server):
    offline = _positions(example_store)
    assert len(offline) >= 2 and {p["reader"] for p in offline} <= {"rule", "model"}

    server = chat_server(_answer)
    counts = refresh(example_store.engine, discover=False, chat=server.reader())
    assert counts.llm_read == len(offline) and counts.llm_failed == 0
    expected = {
        p["statement_id"]: (verdict["stance"], verdict["scope"], "llm:fake", 1.0)
        for p in offline
        if (verdict := _verdict_for(p["content_text"]))["bears"]
    }
    refined = _positions(example_store)
    assert {
        p["statement_id"]: (p["stance"], p["scope"], p["reader"], p["confidence"]) for p in refined
    } == expected
    # each statement went with its paragraphs
    assert all(r["messages"][1]["content"].split("Paragraphs:\n")[1].strip() for r in server.requests)

    asked = len(server.requests)
    again = refresh(example_store.engine, discover=False, chat=server.reader())
    assert again.llm_read == 0 and len(server.requests) == asked  # kept verdicts, no new calls
    assert _positions(example_store) == refined
    with example_store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(llm_readings)).scalar() == len(offline)


@requires_model
def test_a_wider_reading_links_what_the_chat_model_says_bears_and_nothing_on_failure(
    example_store, chat_server
):
    offline = _positions(example_store)
    server = chat_server(_answer)
    counts = refresh(example_store.engine, discover=False, chat=server.reader(min_relevance=0.0))
    assert counts.llm_read == len(server.requests) > len(offline)  # statements it would not link were read
    read = [
        r["messages"][1]["content"].split("Statement: ", 1)[1].split("\nParagraphs:", 1)[0]
        for r in server.requests
    ]
    widened = _positions(example_store)
    assert sorted(p["content_text"] for p in widened) == sorted(c for c in read if _verdict_for(c)["bears"])

    failing = chat_server(_answer, status=500)
    refresh(
        example_store.engine,
        discover=False,
        chat=ChatReader(Endpoint(failing.url, "other", min_relevance=0.0)),
    )
    assert {p["statement_id"] for p in _positions(example_store)} == {p["statement_id"] for p in offline}


@requires_model
def test_when_the_endpoint_fails_the_offline_readings_stand(example_store, chat_server, caplog):
    offline = _positions(example_store)
    failing = chat_server(_answer, status=500)
    counts = refresh(example_store.engine, discover=False, chat=failing.reader())
    assert counts.llm_failed == len(offline) and counts.llm_read == 0
    assert _positions(example_store) == offline
    assert "not read" in caplog.text and "http error" in caplog.text


@requires_model
def test_the_environment_configures_the_reader_for_every_refresh(example_store, chat_server, monkeypatch):
    server = chat_server(_answer)
    monkeypatch.setenv("ONRECORD_LLM_URL", server.url)
    monkeypatch.setenv("ONRECORD_LLM_MODEL", "fake")
    example_store.add_question(QUESTION)  # re-reads the question's positions, as `question add` does
    assert server.requests and {p["reader"] for p in _positions(example_store)} == {"llm:fake"}


@requires_model
def test_the_cli_says_on_stderr_when_the_endpoint_fails_and_still_answers(extractor, tmp_path):
    _store_with_example(str(tmp_path / "example.db"), extractor).close()
    environment = {"ONRECORD_LLM_URL": "http://127.0.0.1:9/v1", "ONRECORD_LLM_MODEL": "gone", "PATH": ""}
    done = subprocess.run(
        [sys.executable, "-m", "onrecord", "question", "add", QUESTION, "--db", str(tmp_path / "example.db")],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "bear on it" in done.stdout
    assert "onrecord: llm:gone:" in done.stderr and "unreachable" in done.stderr
