"""An optional stance reader: a chat model behind an OpenAI-compatible endpoint.

This reader is for a local llama.cpp server, vLLM or Ollama, or any service that speaks the same API.
It takes a declared question and the statements the learned reader linked to it: each statement's
speaker, cue, content and the paragraphs it stands in. For each statement it gives a :class:`Verdict`
(does it bear on the question, with which stance and scope) or a :class:`ReadFailure` naming what went
wrong. It is never used unless the user configures an endpoint (:func:`endpoint_from_environment`).
The default path reads stance offline with :mod:`.stance` alone.

Why it is there: on our dev labels a careful reader that sees the paragraph agrees with the labels on
about 98 % of statements, while the offline reader agrees on about 70 %. The offline reader is a
regression over parse and lexicon features, plus MiniLM fine-tuned on 1,277 rows (README, Benchmarks).
It misses what needs reading: "chastised Clinton for use of the server" supports "… was a serious
wrongdoing". A configured chat model *refines* the offline reading. It keeps or drops each link, and
gives the stance and scope. The offline relevance model still chooses which statements are read, so
the number of calls stays that of the positions. ``ONRECORD_LLM_MIN_RELEVANCE`` widens that choice.
Statements the relevance model rates below its own threshold but above this value are read too, and
a statement the chat model says bears is linked. Coverage then rises at the cost of more calls.

The prompt asks for one JSON object. The request sets ``response_format`` to ``json_object``, which
OpenAI, vLLM, llama.cpp and Ollama honour. The reply is still parsed leniently: the first ``{…}`` in
the text, so a model that wraps its answer in prose or a code fence still reads.

Pure functions build the messages and parse the reply. Only :meth:`ChatReader.read` does I/O, with
urllib from the standard library, so no client package is needed.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Sequence

from onrecord.positions.stance import STANCES

URL_VARIABLE = "ONRECORD_LLM_URL"  # the API base, e.g. http://localhost:8080/v1
MODEL_VARIABLE = "ONRECORD_LLM_MODEL"
KEY_VARIABLE = "ONRECORD_LLM_KEY"
PARALLEL_VARIABLE = "ONRECORD_LLM_PARALLEL"
MIN_RELEVANCE_VARIABLE = "ONRECORD_LLM_MIN_RELEVANCE"
CONTEXT_CHARS = 1200  # of the paragraphs around a statement: enough for who "they" and "the deal" are
REPLY_TOKENS = 120

INSTRUCTIONS = """You read news statements for a media-research tool. For one statement and one \
question (a proposition), decide:
1. "bears": does this speaker's statement take a side on the proposition, or clearly address it (figures \
on it, a factual account of it, a question asked about it, an undecided view)? true or false.
2. "stance" (when it bears): the speaker's stance toward the proposition as this statement expresses \
it: "supports", "opposes" or "neutral".
3. "scope" (when it supports or opposes): a short phrase for a condition the statement states that \
limits the stance (a place, a purpose, a time, an exception), else null.

Rules:
- Reported advocacy counts: "called on the government to retaliate against Russia for interference" \
supports "Russia is interfering in the election"; "called climate change a hoax" opposes "Climate \
change is real".
- Read negation and modality: "refused to pledge to release his returns" opposes "He should release his \
tax returns"; "our policy has not changed" keeps the old position, whatever it was.
- Criticising what a proposition calls wrong supports it: "chastised her for use of the server" \
supports "Her use of a private email server was a serious wrongdoing".
- A poll's own figures are neutral; a share of respondents backing a side takes that side.
- Judge the stance of the given speaker, not of the journalist or of others in the paragraphs.
Answer with one JSON object and nothing else: {"bears": true, "stance": "supports", "scope": null}"""


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Where the chat model is and how to call it."""

    url: str  # the API base: chat completions are at URL/chat/completions
    model: str
    api_key: str | None = None
    timeout: float = 60.0  # seconds for one reply
    parallel: int = 4  # requests in flight: llama.cpp and vLLM serve several slots at once
    # Statements the offline relevance model rates at least this likely to bear on a question are read
    # too, and kept when the chat model says they bear. None: only the statements it links.
    min_relevance: float | None = None


def endpoint_from_environment(environ: dict[str, str] | None = None) -> Endpoint | None:
    """The endpoint ``ONRECORD_LLM_URL`` names (with ``ONRECORD_LLM_MODEL``, ``ONRECORD_LLM_KEY``,
    ``ONRECORD_LLM_PARALLEL`` and ``ONRECORD_LLM_MIN_RELEVANCE``), or None when it is unset: the
    default, offline path."""
    environ = os.environ if environ is None else environ
    url = environ.get(URL_VARIABLE, "").strip()
    if not url:
        return None
    parallel = environ.get(PARALLEL_VARIABLE, "4")
    if not parallel.isdigit() or int(parallel) < 1:
        raise ValueError(f"{PARALLEL_VARIABLE}={parallel!r}: expected a whole number of at least 1")
    min_relevance = environ.get(MIN_RELEVANCE_VARIABLE, "").strip()
    return Endpoint(
        url=url.rstrip("/"),
        model=environ.get(MODEL_VARIABLE, "").strip() or "default",
        api_key=environ.get(KEY_VARIABLE) or None,
        parallel=int(parallel),
        min_relevance=_probability(MIN_RELEVANCE_VARIABLE, min_relevance) if min_relevance else None,
    )


def _probability(variable: str, value: str) -> float:
    try:
        probability = float(value)
    except ValueError:
        probability = float("nan")  # not a number: fails the range check below, which says what is expected
    if not 0 <= probability <= 1:
        raise ValueError(f"{variable}={value!r}: expected a probability from 0 to 1")
    return probability


@dataclass(frozen=True, slots=True)
class Passage:
    """One statement as the chat model reads it."""

    question: str
    speaker: str
    cue: str
    content: str
    context: str  # the paragraphs around the statement (:func:`context_around`)


@dataclass(frozen=True, slots=True)
class Verdict:
    bears: bool
    stance: str | None  # one of STANCES when it bears
    scope: str | None


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """Why a statement got no verdict: the offline reading stands for it."""

    reason: str  # unreachable | http error | bad reply
    detail: str


def context_around(text: str, start: int, end: int, limit: int = CONTEXT_CHARS) -> str:
    """The paragraph holding ``text[start:end]`` and the one before it, cut to ``limit`` characters
    around the statement (most of them before it: a topic is named before it is referred to)."""
    before = text.rfind("\n\n", 0, start)
    before = text.rfind("\n\n", 0, before) if before > 0 else before
    after = text.find("\n\n", end)
    first = max(before, 0, start - (limit * 2) // 3)
    last = min(len(text) if after < 0 else after, max(end, first + limit))
    return text[first:last].strip()


def messages(passage: Passage) -> list[dict[str, str]]:
    """The chat messages that ask for one verdict."""
    asked = (
        f"Question: {passage.question}\n"
        f"Speaker: {passage.speaker or 'unknown'}\n"
        f"Cue: {passage.cue}\n"
        f"Statement: {passage.content}\n"
        f"Paragraphs:\n{passage.context}"
    )
    return [{"role": "system", "content": INSTRUCTIONS}, {"role": "user", "content": asked}]


_OBJECT = re.compile(r"\{.*?\}", re.S)


def parse_verdict(reply: str) -> Verdict | ReadFailure:
    """The verdict in a model's reply: its first JSON object with a boolean ``bears`` and, when true, a
    known ``stance`` (module docstring)."""
    for candidate in _OBJECT.findall(reply):
        try:
            found = json.loads(candidate)
        except json.JSONDecodeError:
            continue
        if not isinstance(found, dict) or not isinstance(found.get("bears"), bool):
            continue
        if not found["bears"]:
            return Verdict(False, None, None)
        stance = str(found.get("stance", "")).strip().lower()
        if stance not in STANCES:
            return ReadFailure("bad reply", f"unknown stance {found.get('stance')!r}")
        scope = found.get("scope")
        scope = scope.strip() if isinstance(scope, str) and scope.strip() and stance != "neutral" else None
        return Verdict(True, stance, scope)
    return ReadFailure("bad reply", f"no verdict object in {reply[:200]!r}")


class ChatReader:
    """Reads passages through one :class:`Endpoint`."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint

    @property
    def name(self) -> str:
        """What the store records as the reader of a position it gave: ``llm:<model>``."""
        return f"llm:{self.endpoint.model}"

    def read(self, passages: Sequence[Passage]) -> list[Verdict | ReadFailure]:
        """A verdict or a failure for each passage, in order; ``endpoint.parallel`` requests in flight."""
        if not passages:
            return []
        with ThreadPoolExecutor(max_workers=min(self.endpoint.parallel, len(passages))) as pool:
            return list(pool.map(self._read_one, passages))

    def _read_one(self, passage: Passage) -> Verdict | ReadFailure:
        body = {
            "model": self.endpoint.model,
            "messages": messages(passage),
            "temperature": 0,
            "max_tokens": REPLY_TOKENS,
            "response_format": {"type": "json_object"},
        }
        headers = {"Content-Type": "application/json"}
        if self.endpoint.api_key:
            headers["Authorization"] = f"Bearer {self.endpoint.api_key}"
        request = urllib.request.Request(
            f"{self.endpoint.url}/chat/completions", json.dumps(body).encode(), headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.endpoint.timeout) as response:
                reply = json.load(response)
        except urllib.error.HTTPError as error:
            return ReadFailure("http error", f"{error.code} from {self.endpoint.url}: {_body(error)}")
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            reason = getattr(error, "reason", error)
            return ReadFailure("unreachable", f"{self.endpoint.url}: {reason}")
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            return ReadFailure("bad reply", f"not JSON: {error}")
        try:
            text = reply["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            return ReadFailure("bad reply", f"no choices[0].message.content in {str(reply)[:200]}")
        return parse_verdict(text or "")


def _body(error: urllib.error.HTTPError) -> str:
    try:
        return error.read().decode("utf-8", "replace")[:200]
    except OSError:
        return ""
