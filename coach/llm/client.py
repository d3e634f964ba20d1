"""One model client for every OpenAI-compatible endpoint, sync and async.

Transport errors (timeouts, 429 with Retry-After, 5xx, refused connections) are retried
by the `openai` client itself with backoff, `max_retries` times; what is left becomes an
`EndpointError` that names the URL and the cause in one line.

Structured answers use JSON-schema structured outputs where the server supports them,
then JSON mode, then plain JSON asked for in the prompt; the mode that works is
remembered per model. A malformed, truncated or empty answer gets one repair retry.
The request plan is written once as a generator and driven by a sync and an async runner.
"""

from __future__ import annotations

import contextvars
import json
import re
import time
from collections.abc import AsyncIterator, Generator, Iterator
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
MODES = ("json_schema", "json_object", "prompt")
_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


class MalformedAnswer(EndpointError):
    """The endpoint answered, but not with what was asked for, even after a repair retry."""


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


def _describe(exc: Exception) -> str:
    if isinstance(exc, openai.APITimeoutError):
        return "timed out"
    if isinstance(exc, openai.APIConnectionError):
        causes = list(_causes(exc))
        if any(isinstance(c, ConnectionRefusedError) or "refused" in str(c).lower() for c in causes):
            return "connection refused"
        text = next((str(c) for c in reversed(causes) if str(c)), "no answer")
        return f"could not connect ({text.splitlines()[0][:160]})"
    if isinstance(exc, openai.APIStatusError):
        message = ""
        try:
            message = exc.response.json().get("error", {}).get("message", "")
        except Exception:
            message = exc.response.text[:160] if exc.response is not None else ""
        return f"HTTP {exc.status_code}{': ' + message if message else ''}"
    return f"{type(exc).__name__}: {exc}"


def _causes(exc: BaseException, depth: int = 0):
    """The exception, its causes and contexts, and the members of exception groups."""
    if exc is None or depth > 12:
        return
    yield exc
    for inner in getattr(exc, "exceptions", ()) or ():
        yield from _causes(inner, depth + 1)
    yield from _causes(exc.__cause__ or exc.__context__, depth + 1)


def _unsupported_format(exc: Exception) -> bool:
    if not isinstance(exc, openai.APIStatusError) or exc.status_code not in (400, 404, 415, 422, 501):
        return False
    text = _describe(exc).lower()
    return any(word in text for word in ("response_format", "json_schema", "json_object", "schema", "not supported", "unsupported"))


class ModelClient:
    def __init__(self, settings: Settings):
        self.settings = settings
        key = settings.api_key.get_secret_value() if settings.api_key else "not-needed"
        common = dict(api_key=key, base_url=settings.base_url or None, timeout=settings.timeout,
                      max_retries=settings.max_retries)
        self._sync = openai.OpenAI(**common)
        self._async: openai.AsyncOpenAI | None = None
        self._common = common
        self._modes: dict[str, int] = {}  # model -> index into MODES that works
        self.cache = None  # a CallCache answers repeated requests (eval runs set one)
        self.calls = 0  # requests that reached the endpoint

    @property
    def aclient(self) -> openai.AsyncOpenAI:
        if self._async is None:  # created lazily, inside the event loop that uses it
            self._async = openai.AsyncOpenAI(**self._common)
        return self._async

    def _error(self, exc: Exception) -> EndpointError:
        return EndpointError(self.settings.endpoint(), _describe(exc))

    # -- plain and streamed completions ----------------------------------------------
    # Non-streaming requests use the client's documented `post` with the body as written:
    # retries, timeouts and auth still apply, and the body skips the per-call parameter
    # transform, which costs milliseconds per request on a busy grader.
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
        if key is not None:
            self.cache.put(key, response.model_dump(mode="json"))
        return response

    def _post(self, body: dict[str, Any]) -> ChatCompletion:
        key, hit = self._from_cache(body)
        if hit is not None:
            return hit
        return self._remember(key, self._sync.post("/chat/completions", body=body, cast_to=ChatCompletion))

    async def _apost(self, body: dict[str, Any]) -> ChatCompletion:
        key, hit = self._from_cache(body)
        if hit is not None:
            return hit
        return self._remember(key, await self.aclient.post("/chat/completions", body=body, cast_to=ChatCompletion))

    def _request(self, messages: list[dict], model: str, temperature: float, **extra) -> dict[str, Any]:
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

    def complete(self, messages: list[dict], *, model: str, temperature: float, **extra) -> Completion:
        try:
            return self._completion(self._post(self._request(messages, model, temperature, **extra)))
        except (openai.OpenAIError, ValueError) as exc:
            raise self._error(exc) from None

    async def acomplete(self, messages: list[dict], *, model: str, temperature: float, **extra) -> Completion:
        try:
            return self._completion(await self._apost(self._request(messages, model, temperature, **extra)))
        except (openai.OpenAIError, ValueError) as exc:
            raise self._error(exc) from None

    def stream(self, messages: list[dict], *, model: str, temperature: float) -> Iterator[str]:
        """Text as it arrives. A stream cut off before its end raises EndpointError."""
        state = _StreamState(self.settings.endpoint())
        try:
            for chunk in self._sync.chat.completions.create(**self._request(messages, model, temperature, stream=True)):
                if text := state.take(chunk):
                    yield text
        except (openai.OpenAIError, ValueError) as exc:
            raise self._error(exc) from None
        state.check_finished()

    async def astream(self, messages: list[dict], *, model: str, temperature: float) -> AsyncIterator[str]:
        state = _StreamState(self.settings.endpoint())
        try:
            response = await self.aclient.chat.completions.create(**self._request(messages, model, temperature, stream=True))
            async for chunk in response:
                if text := state.take(chunk):
                    yield text
        except (openai.OpenAIError, ValueError) as exc:
            raise self._error(exc) from None
        state.check_finished()

    # -- structured answers -----------------------------------------------------------
    def _plan(self, messages: list[dict], schema: type[M], model: str, temperature: float,
              purpose: str) -> Generator[dict[str, Any], Any, tuple[M, CallUsage]]:
        """Yields request kwargs, receives a response or an exception, returns the parsed answer."""
        instruction = _instruction(schema)
        base = [*messages[:1], {"role": "system", "content": instruction}, *messages[1:]] if messages else []
        usage = CallUsage(model=model, purpose=purpose, **_count(base, model))
        started = time.perf_counter()
        mode_index = self._modes.get(model, 0)
        convo = list(base)
        repaired = False
        while True:
            mode = MODES[mode_index]
            extra: dict[str, Any] = {}
            if mode == "json_schema":
                extra["response_format"] = {"type": "json_schema", "json_schema": {
                    "name": schema.__name__, "strict": True, "schema": strict_schema(schema)}}
            elif mode == "json_object":
                extra["response_format"] = {"type": "json_object"}
            usage.attempts += 1
            response = yield self._request(convo, model, temperature, **extra)
            if isinstance(response, openai.OpenAIError):
                if _unsupported_format(response) and mode_index + 1 < len(MODES):
                    mode_index += 1
                    continue
                usage.latency_s = time.perf_counter() - started
                raise self._error(response)
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
                    raise MalformedAnswer(self.settings.endpoint(), f"an unusable answer ({problem})") from None
                repaired = True
                bad = (completion.text if completion else "")[:2000]
                convo = [*base, {"role": "assistant", "content": bad or "(empty)"},
                         {"role": "user", "content": f"That answer could not be used: {problem}. "
                                                     "Reply again with only the JSON object."}]
                continue
            usage.latency_s = time.perf_counter() - started
            return answer, usage

    def structured(self, messages: list[dict], schema: type[M], *, model: str, temperature: float,
                   purpose: str = "judge") -> tuple[M, CallUsage]:
        plan = self._plan(messages, schema, model, temperature, purpose)
        request = next(plan)
        while True:
            try:
                response: Any = self._post(request)
            except Exception as exc:  # transport errors and unparseable bodies alike
                response = exc
            try:
                request = plan.send(response)
            except StopIteration as done:
                return done.value

    async def astructured(self, messages: list[dict], schema: type[M], *, model: str, temperature: float,
                          purpose: str = "judge") -> tuple[M, CallUsage]:
        plan = self._plan(messages, schema, model, temperature, purpose)
        request = next(plan)
        while True:
            try:
                response: Any = await self._apost(request)
            except Exception as exc:
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
            raise self._error(exc) from None


@lru_cache(maxsize=64)
def _instruction(schema: type[BaseModel]) -> str:
    return ("Answer with one JSON object, and nothing else, that matches this JSON Schema:\n"
            + json.dumps(strict_schema(schema), ensure_ascii=False))


class _StreamState:
    """Tracks whether a stream reached its finish reason; extracts each chunk's text."""

    def __init__(self, endpoint: str):
        self.endpoint = endpoint
        self.finished = False

    def take(self, chunk: Any) -> str:
        if not chunk.choices:
            return ""
        self.finished = self.finished or chunk.choices[0].finish_reason is not None
        return chunk.choices[0].delta.content or ""

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

