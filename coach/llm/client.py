"""One model client for every OpenAI-compatible endpoint, sync and async.

Retries are ours, not the openai client's (it runs with max_retries=0): timeouts, refused
connections, 408/409/429 (honouring Retry-After) and 5xx are retried with backoff up to
`max_retries` times, but never past the turn's deadline (`deadline`, a context variable the turn
loop sets), and a server's rejection of a structured-output format is not an outage: it moves to the
next format at once. After a failure the endpoint is left alone for 30 seconds: every call to it
(judge and customer alike) fails fast with the same one-line reason.

Structured answers try, in order, and remember per model what the server accepts:
  json_schema         OpenAI structured outputs (also Ollama's and vLLM's OpenAI-compatible servers)
  json_object_schema  llama.cpp's server: {"type": "json_object", "schema": ...}
  guided_json         vLLM's guided decoding parameter
  json_object         plain JSON mode
  prompt              the JSON Schema asked for in the prompt
A malformed, cut-off or empty answer gets one repair retry. The request plan is written once as a
generator and driven by a sync and an async runner.
"""

from __future__ import annotations

import asyncio
import contextvars
import email.utils
import json
import random
import re
import threading
import time
from collections.abc import AsyncIterator, Callable, Generator, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

import openai
from openai.types.chat import ChatCompletion
from pydantic import BaseModel, ValidationError

from coach.errors import EndpointError
from coach.grades import CallUsage
from coach.llm.tokens import count_messages
from coach.settings import Settings

M = TypeVar("M", bound=BaseModel)
# [calls made, calls answered from the cache] for the task that sets it (eval runs count per grading)
call_counts: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("coach_call_counts", default=None)
# the monotonic time by which the current turn must be done; model calls never wait or retry past it
deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("coach_deadline", default=None)
MODES = ("json_schema", "json_object_schema", "guided_json", "json_object", "prompt")
PAUSE_AFTER_FAILURE_S = 30.0
_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)
_FORMAT_WORDS = ("response_format", "json_schema", "json_object", "guided_json", "schema", "not supported",
                 "unsupported", "unrecognized request argument", "extra inputs are not permitted")


class MalformedAnswer(EndpointError):
    """The endpoint answered, but not with what was asked for, even after a repair retry."""


class _FormatRejected(Exception):
    """The server refused the structured-output format (whatever status it used to say so)."""


@dataclass
class Completion:
    text: str
    finish_reason: str | None
    prompt_tokens: int | None
    completion_tokens: int | None


@lru_cache(maxsize=64)
def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON Schema in the strict form structured outputs require (computed once)."""

    def fix(node: Any) -> Any:
        if isinstance(node, dict):
            node = {k: fix(v) for k, v in node.items() if k not in {"default", "title"}}
            if node.get("type") == "object" and "properties" in node:
                node["additionalProperties"] = False
                node["required"] = list(node["properties"])
            return node
        if isinstance(node, list):
            return [fix(v) for v in node]
        return node

    return fix(model.model_json_schema())


def parse_json_answer(text: str, schema: type[M]) -> M:
    """Accept the JSON object, also when wrapped in a code fence or surrounded by prose."""
    if not text or not text.strip():
        raise ValueError("the answer was empty")
    body = text.strip()
    fenced = _FENCE.match(body)
    if fenced:
        body = fenced.group(1)
    try:
        data = json.loads(body)
    except json.JSONDecodeError:
        start, end = body.find("{"), body.rfind("}")
        if start < 0 or end <= start:
            raise ValueError("the answer is not JSON") from None
        try:
            data = json.loads(body[start:end + 1])
        except json.JSONDecodeError as exc:
            raise ValueError(f"the answer is not valid JSON ({exc.msg})") from None
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ValueError(f"the JSON does not match the schema ({where}: {first['msg']})") from None


def _one_line(text: str, limit: int = 160) -> str:
    """A server's message as one plain line: no traceback, no newlines, not too long."""
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith(("File \"", "Traceback", "^", "raise ", "return "))]
    line = " ".join(lines[:2]) if lines else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _status_message(exc: openai.APIStatusError) -> str:
    try:
        error = exc.response.json().get("error", {})
        return str(error.get("message", "") if isinstance(error, dict) else error)
    except Exception:
        return exc.response.text[:500] if exc.response is not None else ""


def describe(exc: BaseException) -> str:
    """What went wrong, in one line a trainee or a trainer can read."""
    if isinstance(exc, openai.APITimeoutError | TimeoutError | asyncio.TimeoutError):
        return "timed out"
    if isinstance(exc, openai.APIConnectionError):
        causes = list(_causes(exc))
        if any(isinstance(c, ConnectionRefusedError) or "refused" in str(c).lower() for c in causes):
            return "connection refused"
        text = next((str(c) for c in reversed(causes) if str(c)), "no answer")
        return f"could not connect ({_one_line(text, 120)})"
    if isinstance(exc, openai.APIStatusError):
        message = _one_line(_status_message(exc))
        return f"HTTP {exc.status_code}{': ' + message if message else ''}"
    return _one_line(f"{type(exc).__name__}: {exc}")


def _causes(exc: BaseException | None, depth: int = 0):
    """The exception, its causes and contexts, and the members of exception groups."""
    if exc is None or depth > 12:
        return
    yield exc
    for inner in getattr(exc, "exceptions", ()) or ():
        yield from _causes(inner, depth + 1)
    yield from _causes(exc.__cause__ or exc.__context__, depth + 1)


def format_rejected(exc: BaseException) -> bool:
    """A refusal of the structured-output format, whether the server said 400, 422 or a 500 naming it."""
    if not isinstance(exc, openai.APIStatusError) or exc.status_code not in (400, 404, 415, 422, 500, 501):
        return False
    text = _status_message(exc).lower()
    return any(word in text for word in _FORMAT_WORDS)


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, openai.APITimeoutError | openai.APIConnectionError):
        return True
    return isinstance(exc, openai.APIStatusError) and (exc.status_code in (408, 409, 429) or exc.status_code >= 500)


def _retry_after(exc: BaseException) -> float | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None) or {}
    try:
        if "retry-after-ms" in headers:
            return float(headers["retry-after-ms"]) / 1000
        value = headers.get("retry-after")
        if value is None:
            return None
        try:
            return float(value)
        except ValueError:
            when = email.utils.parsedate_to_datetime(value)
            return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class _Pause:
    """Failures of one endpoint, shared by every call to it."""

    def __init__(self) -> None:
        self.until = 0.0
        self.reason = ""
        self._lock = threading.Lock()

    def check(self, endpoint: str) -> None:
        if time.monotonic() < self.until:
            raise EndpointError(endpoint, self.reason)

    def trip(self, reason: str) -> None:
        with self._lock:
            self.until = time.monotonic() + PAUSE_AFTER_FAILURE_S
            self.reason = reason


class ModelClient:
    def __init__(self, settings: Settings):
        self.settings = settings
        key = settings.api_key.get_secret_value() if settings.api_key else "not-needed"
        # our own retry loop decides; the openai client never retries on its own
        common: dict[str, Any] = dict(api_key=key, base_url=settings.base_url or None, timeout=settings.timeout,
                                      max_retries=0)
        self._sync = openai.OpenAI(**common)
        self._async: openai.AsyncOpenAI | None = None
        self._common = common
        self._modes: dict[str, int] = {}  # model -> index into MODES that works
        self.pause = _Pause()
        self.cache: Any = None  # a CallCache answers repeated requests (eval runs set one)
        self.calls = 0  # requests that reached the endpoint

    @property
    def endpoint(self) -> str:
        return self.settings.endpoint()

    @property
    def aclient(self) -> openai.AsyncOpenAI:
        if self._async is None:  # created lazily, inside the event loop that uses it
            self._async = openai.AsyncOpenAI(**self._common)
        return self._async

    def mode(self, model: str) -> str:
        return MODES[self._modes.get(model, 0)]

    # -- time and retries ---------------------------------------------------------------------
    def _budget(self) -> openai.Timeout:
        """Time this request may take: the timeout, cut short by the turn's deadline. Given whole
        (each phase named) because a bare number is checked against a runtime Protocol at every
        step of the request's build, a tenth of a millisecond each time."""
        end = deadline.get()
        remaining = self.settings.timeout if end is None else min(self.settings.timeout, end - time.monotonic())
        if remaining <= 0.05:
            raise EndpointError(self.endpoint, "no time left within the turn's deadline")
        return openai.Timeout(None, connect=remaining, read=remaining, write=remaining, pool=remaining)

    def _wait_before_retry(self, exc: BaseException, attempt: int) -> float | None:
        """Seconds to wait before another attempt, or None when retrying is pointless."""
        if not _retryable(exc) or attempt >= self.settings.max_retries:
            return None
        wait = _retry_after(exc)
        wait = min(8.0, 0.5 * 2 ** attempt) * (0.75 + random.random() / 2) if wait is None else wait
        end = deadline.get()
        if end is not None and time.monotonic() + wait + 0.5 >= end:
            return None  # the retry could not finish before the turn must be done
        return wait

    def _failed(self, exc: BaseException) -> EndpointError:
        reason = describe(exc)
        self.pause.trip(reason)
        return EndpointError(self.endpoint, reason)

    def _send(self, body: dict[str, Any]) -> ChatCompletion:
        attempt = 0
        while True:
            self.pause.check(self.endpoint)
            try:
                return self._post(body, self._budget())
            except openai.OpenAIError as exc:
                wait = self._after_failure(exc, attempt)
            attempt += 1
            time.sleep(wait)

    async def _asend(self, body: dict[str, Any]) -> ChatCompletion:
        attempt = 0
        while True:
            self.pause.check(self.endpoint)
            try:
                return await self._apost(body, self._budget())
            except openai.OpenAIError as exc:
                wait = self._after_failure(exc, attempt)
            attempt += 1
            await asyncio.sleep(wait)

    def _after_failure(self, exc: openai.OpenAIError, attempt: int) -> float:
        """How long to wait before trying again; raises when the failure is final (a rejected
        format moves to the next mode at once, an outage past the retries or deadline fails)."""
        if format_rejected(exc):
            raise _FormatRejected(describe(exc)) from None
        wait = self._wait_before_retry(exc, attempt)
        if wait is None:
            raise self._failed(exc) from None
        return wait

    # -- plain and streamed completions ----------------------------------------------------------
    # Non-streaming requests use the client's documented `post` with the body as written:
    # timeouts and auth still apply, and the body skips the per-call parameter transform.
    def _from_cache(self, body: dict[str, Any]) -> tuple[str | None, ChatCompletion | None]:
        if self.cache is None:
            return None, None
        key = self.cache.key(body)
        hit = self.cache.get(key)
        if hit is not None and (counts := call_counts.get()) is not None:
            counts[1] += 1
        return key, ChatCompletion.model_validate(hit) if hit is not None else None

    def _remember(self, key: str | None, response: ChatCompletion) -> ChatCompletion:
        self.calls += 1
        if (counts := call_counts.get()) is not None:
            counts[0] += 1
        if key is not None and self.cache is not None:
            self.cache.put(key, response.model_dump(mode="json"))
        return response

    def _post(self, body: dict[str, Any], timeout: openai.Timeout) -> ChatCompletion:
        key, hit = self._from_cache(body)
        if hit is not None:
            return hit
        response = self._sync.post("/chat/completions", body=body, cast_to=ChatCompletion,
                                   options={"timeout": timeout, "max_retries": 0})
        return self._remember(key, response)

    async def _apost(self, body: dict[str, Any], timeout: openai.Timeout) -> ChatCompletion:
        key, hit = self._from_cache(body)
        if hit is not None:
            return hit
        response = await self.aclient.post("/chat/completions", body=body, cast_to=ChatCompletion,
                                           options={"timeout": timeout, "max_retries": 0})
        return self._remember(key, response)

    def _request(self, messages: list[dict], model: str, temperature: float, **extra: Any) -> dict[str, Any]:
        request = dict(model=model, messages=messages, temperature=temperature, **extra)
        if self.settings.seed is not None:
            request["seed"] = self.settings.seed
        return request

    @staticmethod
    def _completion(response: Any) -> Completion:
        if not getattr(response, "choices", None):
            raise ValueError("the answer had no choices")
        choice = response.choices[0]
        usage = getattr(response, "usage", None)
        return Completion(choice.message.content or "", choice.finish_reason,
                          getattr(usage, "prompt_tokens", None), getattr(usage, "completion_tokens", None))

    def complete(self, messages: list[dict], *, model: str, temperature: float, **extra: Any) -> Completion:
        try:
            return self._completion(self._send(self._request(messages, model, temperature, **extra)))
        except (_FormatRejected, ValueError) as exc:
            raise self._failed(exc) from None

    async def acomplete(self, messages: list[dict], *, model: str, temperature: float, **extra: Any) -> Completion:
        try:
            return self._completion(await self._asend(self._request(messages, model, temperature, **extra)))
        except (_FormatRejected, ValueError) as exc:
            raise self._failed(exc) from None

    def stream(self, messages: list[dict], *, model: str, temperature: float, **extra: Any) -> Iterator[str]:
        """Text as it arrives. A stream cut off before its end raises EndpointError."""
        self.pause.check(self.endpoint)
        state = _StreamState(self.endpoint)
        try:
            response = self._sync.post(
                "/chat/completions", body=self._request(messages, model, temperature, stream=True, **extra),
                cast_to=ChatCompletion, stream=True, stream_cls=openai.Stream[Any],
                options={"timeout": self._budget(), "max_retries": 0})
            for chunk in response:
                if text := state.take(chunk):
                    yield text
        except (openai.OpenAIError, ValueError) as exc:
            raise self._failed(exc) from None
        state.check_finished()

    async def astream(self, messages: list[dict], *, model: str, temperature: float,
                      **extra: Any) -> AsyncIterator[str]:
        self.pause.check(self.endpoint)
        state = _StreamState(self.endpoint)
        try:
            # the documented low-level post, as for the judge: the body as written, no per-call
            # parameter transform (a fifth of the client's CPU per streamed turn)
            response = await self.aclient.post(
                "/chat/completions", body=self._request(messages, model, temperature, stream=True, **extra),
                cast_to=ChatCompletion, stream=True, stream_cls=openai.AsyncStream[Any],
                options={"timeout": self._budget(), "max_retries": 0})
            async for chunk in response:
                if text := state.take(chunk):
                    yield text
        except (openai.OpenAIError, ValueError) as exc:
            raise self._failed(exc) from None
        try:
            state.check_finished()
        except EndpointError as exc:
            self.pause.trip(exc.reason)
            raise

    # -- structured answers -----------------------------------------------------------------------
    def _plan(self, messages: list[dict], schema: type[M], model: str, temperature: float, purpose: str,
              json_schema: dict[str, Any] | None, max_tokens: int | None
              ) -> Generator[dict[str, Any], Any, tuple[M, CallUsage]]:
        """Yields request bodies, receives a response or an exception, returns the parsed answer."""
        shape = json_schema or strict_schema(schema)
        instruction = schema_instruction(json.dumps(shape, ensure_ascii=False))
        base = [*messages[:1], {"role": "system", "content": instruction}, *messages[1:]] if messages else []
        usage = CallUsage(model=model, purpose=purpose, **_count(base, model))
        started = time.perf_counter()
        mode_index = self._modes.get(model, 0)
        convo = list(base)
        repaired = False
        while True:
            mode = MODES[mode_index]
            extra: dict[str, Any] = _format(mode, schema.__name__, shape)
            if max_tokens:
                extra["max_tokens"] = max_tokens
            usage.attempts += 1
            response = yield self._request(convo, model, temperature, **extra)
            if isinstance(response, _FormatRejected):
                if mode_index + 1 < len(MODES):
                    mode_index += 1
                    continue
                usage.latency_s = time.perf_counter() - started
                raise self._failed(response)
            if isinstance(response, EndpointError):
                usage.latency_s = time.perf_counter() - started
                raise response
            self._modes[model] = mode_index
            usage.mode = mode
            completion: Completion | None = None
            try:
                if isinstance(response, Exception):  # the body itself was not valid JSON
                    raise ValueError(f"the response was not valid JSON ({type(response).__name__})")
                completion = self._completion(response)
                _add_usage(usage, completion, self.settings)
                if completion.finish_reason == "length":
                    raise ValueError("the answer was cut off (too long)")
                answer = parse_json_answer(completion.text, schema)
            except ValueError as problem:
                if repaired:
                    usage.latency_s = time.perf_counter() - started
                    self.pause.trip(f"an unusable answer ({problem})")
                    raise MalformedAnswer(self.endpoint, f"an unusable answer ({problem})") from None
                repaired = True
                bad = (completion.text if completion else "")[:2000]
                convo = [*base, {"role": "assistant", "content": bad or "(empty)"},
                         {"role": "user", "content": f"That answer could not be used: {problem}. "
                                                     "Reply again with only the JSON object."}]
                continue
            usage.latency_s = time.perf_counter() - started
            return answer, usage

    def structured(self, messages: list[dict], schema: type[M], *, model: str, temperature: float,
                   purpose: str = "judge", json_schema: dict[str, Any] | None = None,
                   max_tokens: int | None = None) -> tuple[M, CallUsage]:
        return _drive(self._plan(messages, schema, model, temperature, purpose, json_schema, max_tokens), self._send)

    async def astructured(self, messages: list[dict], schema: type[M], *, model: str, temperature: float,
                          purpose: str = "judge", json_schema: dict[str, Any] | None = None,
                          max_tokens: int | None = None) -> tuple[M, CallUsage]:
        plan = self._plan(messages, schema, model, temperature, purpose, json_schema, max_tokens)
        request = next(plan)
        while True:
            try:
                response: Any = await self._asend(request)
            except Exception as exc:  # transport failures, format rejections and unparseable bodies alike
                response = exc
            try:
                request = plan.send(response)
            except StopIteration as done:
                return done.value

    def check(self) -> None:
        """Reach the endpoint once (lists models); raise EndpointError with URL and cause."""
        try:
            self._sync.models.list()
        except openai.OpenAIError as exc:
            raise EndpointError(self.endpoint, describe(exc)) from None


def _drive(plan: Generator[dict[str, Any], Any, tuple[M, CallUsage]],
           send: Callable[[dict[str, Any]], ChatCompletion]) -> tuple[M, CallUsage]:
    request = next(plan)
    while True:
        try:
            response: Any = send(request)
        except Exception as exc:
            response = exc
        try:
            request = plan.send(response)
        except StopIteration as done:
            return done.value


def _format(mode: str, name: str, schema: dict[str, Any]) -> dict[str, Any]:
    if mode == "json_schema":
        return {"response_format": {"type": "json_schema", "json_schema": {"name": name, "strict": True,
                                                                           "schema": schema}}}
    if mode == "json_object_schema":
        return {"response_format": {"type": "json_object", "schema": schema}}
    if mode == "guided_json":
        return {"guided_json": schema}
    if mode == "json_object":
        return {"response_format": {"type": "json_object"}}
    return {}


@lru_cache(maxsize=64)
def schema_instruction(schema_json: str) -> str:
    """The system instruction that asks for a JSON answer of this schema (sent in every mode)."""
    return "Answer with one JSON object, and nothing else, that matches this JSON Schema:\n" + schema_json


class _StreamState:
    """Tracks whether a stream reached its finish reason; extracts each chunk's text."""

    def __init__(self, endpoint: str):
        self.endpoint = endpoint
        self.finished = False

    def take(self, chunk: object) -> str:
        """The text of one streamed chunk, read as the JSON it is (building a typed chunk object for
        each few characters cost more than the rest of the turn's streaming); anything not shaped
        like a chat chunk is a broken answer (ValueError)."""
        if not isinstance(chunk, dict):
            raise ValueError("a streamed chunk is not a JSON object")
        choices = chunk.get("choices") or []
        if not isinstance(choices, list) or (choices and not isinstance(choices[0], dict)):
            raise ValueError("a streamed chunk's choices are not a list of objects")
        if not choices:
            return ""
        self.finished = self.finished or choices[0].get("finish_reason") is not None
        delta = choices[0].get("delta") or {}
        content = delta.get("content") if isinstance(delta, dict) else None
        if content is not None and not isinstance(content, str):
            raise ValueError("a streamed chunk's text is not a string")
        return content or ""

    def check_finished(self) -> None:
        if not self.finished:
            raise EndpointError(self.endpoint, "the stream ended before the answer did")


def _count(messages: list[dict], model: str) -> dict[str, Any]:
    c = count_messages(messages, model)
    return {"counted_prompt_tokens": c.tokens, "count_method": c.method}


def _add_usage(usage: CallUsage, completion: Completion, settings: Settings) -> None:
    if completion.prompt_tokens is not None:
        usage.prompt_tokens = (usage.prompt_tokens or 0) + completion.prompt_tokens
    if completion.completion_tokens is not None:
        usage.completion_tokens = (usage.completion_tokens or 0) + completion.completion_tokens
    price = settings.price(usage.model)
    if price is not None:
        prompt = usage.prompt_tokens if usage.prompt_tokens is not None else usage.counted_prompt_tokens
        usage.cost_usd = (prompt * price.input + (usage.completion_tokens or 0) * price.output) / 1_000_000
