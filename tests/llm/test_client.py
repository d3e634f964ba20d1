"""The model client against a real OpenAI-compatible HTTP server on loopback, scripted to do what a
real one cannot be made to do on demand (refuse formats with odd statuses, 429s, hangs, broken streams)."""

from __future__ import annotations

import asyncio
import contextvars
import json
import socket
import time

import pytest
from pydantic import BaseModel

from coach.errors import EndpointError
from coach.llm.client import MalformedAnswer, ModelClient, deadline
from coach.testing.fake_openai import FakeOpenAI, Scripted
from tests.llm.conftest import settings_for


class Answer(BaseModel):
    verdict: str
    reasons: list[str]


GOOD = json.dumps({"verdict": "pass", "reasons": ["fine"]})
ASK = [{"role": "system", "content": "You grade."}, {"role": "user", "content": "Grade: hello"}]


def ask(client, **kw):
    return client.structured(ASK, Answer, model="gpt-4o-mini", temperature=0, **kw)


def sent_mode(body: dict) -> str:
    fmt = body.get("response_format") or {}
    if fmt.get("type") == "json_object" and "schema" in fmt:
        return "json_object_schema"
    return fmt.get("type") or ("guided_json" if "guided_json" in body else "prompt")


def test_structured_outputs_send_a_strict_json_schema(fake):
    fake.script(GOOD)
    answer, usage = ask(ModelClient(settings_for(fake)))
    assert answer == Answer(verdict="pass", reasons=["fine"])
    fmt = fake.requests[0]["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    assert fmt["json_schema"]["schema"]["additionalProperties"] is False
    assert set(fmt["json_schema"]["schema"]["required"]) == {"verdict", "reasons"}
    assert fake.requests[0]["temperature"] == 0 and fake.requests[0]["seed"] == 7
    assert usage.mode == "json_schema" and usage.attempts == 1


@pytest.mark.parametrize("status", [400, 422, 500])
def test_a_refused_format_moves_to_the_next_at_once_without_retries(status):
    """llama.cpp's server refuses json_schema with a 500 that names response_format: not an outage."""
    with FakeOpenAI(json_schema=False, reject_status=status) as server:
        client = ModelClient(settings_for(server, max_retries=3))
        server.script(GOOD, GOOD)
        answer, usage = ask(client, max_tokens=50)
        assert answer.verdict == "pass" and usage.mode == "json_object_schema"
        assert [sent_mode(r) for r in server.requests] == ["json_schema", "json_object_schema"]  # one try each
        assert server.requests[1]["response_format"]["schema"]["required"] == ["verdict", "reasons"]
        assert server.requests[1]["max_tokens"] == 50
        ask(client)  # remembered: straight to the form that works
        assert sent_mode(server.requests[2]) == "json_object_schema"


def test_every_form_in_turn_down_to_json_in_the_prompt():
    with FakeOpenAI(json_schema=False, json_object_schema=False, guided_json=False, json_object=False,
                    reject_status=422) as server:
        server.script(GOOD)
        answer, usage = ask(ModelClient(settings_for(server, max_retries=2)))
        assert usage.mode == "prompt" and answer.verdict == "pass"
        assert [sent_mode(r) for r in server.requests] == ["json_schema", "json_object_schema", "guided_json",
                                                           "json_object", "prompt"]
        assert "JSON Schema" in json.dumps(server.requests[-1]["messages"])


def test_a_500_that_does_not_name_the_format_is_an_outage_not_a_refusal(fake):
    fake.script(Scripted(status=500, error="CUDA out of memory"), GOOD)
    answer, usage = ask(ModelClient(settings_for(fake, max_retries=1)))
    assert usage.mode == "json_schema" and [sent_mode(r) for r in fake.requests] == ["json_schema", "json_schema"]


@pytest.mark.parametrize("broken", [
    Scripted(content='{"verdict": "pass", "reasons": ["fi'),                      # truncated JSON
    Scripted(content=GOOD[:20], finish_reason="length"),                           # cut off for length
    Scripted(content=""),                                                          # empty answer
    Scripted(content='{"verdict": 3}'),                                            # wrong shape
    Scripted(content="Sure! Here you go: not json at all"),                        # prose
])
def test_a_bad_answer_gets_one_repair_retry(fake, broken):
    fake.script(broken, GOOD)
    answer, usage = ask(ModelClient(settings_for(fake)))
    assert answer.verdict == "pass" and usage.attempts == 2
    repair = fake.requests[1]["messages"][-1]["content"]
    assert repair.startswith("That answer could not be used")


def test_json_in_a_code_fence_is_accepted(fake):
    fake.script(f"```json\n{GOOD}\n```")
    assert ask(ModelClient(settings_for(fake)))[0].verdict == "pass"


def test_two_bad_answers_raise_malformed(fake):
    fake.script("nope", "still nope")
    with pytest.raises(MalformedAnswer, match="unusable answer"):
        ask(ModelClient(settings_for(fake)))


def test_429_with_retry_after_is_retried(fake):
    fake.script(Scripted(status=429, headers={"retry-after": "0.2"}), GOOD)
    started = time.perf_counter()
    answer, _ = ask(ModelClient(settings_for(fake, max_retries=2)))
    assert answer.verdict == "pass" and len(fake.requests) == 2
    assert time.perf_counter() - started >= 0.2  # it waited as told


def test_server_errors_are_retried_then_reported_in_one_line_without_a_traceback(fake):
    fake.script(Scripted(status=500), GOOD)
    assert ask(ModelClient(settings_for(fake, max_retries=1)))[0].verdict == "pass"
    trace = "overloaded\nTraceback (most recent call last):\n  File \"server.py\", line 3, in x\n    raise Busy()"
    fake.script(*[Scripted(status=503, error=trace)] * 3)
    with pytest.raises(EndpointError) as err:
        ask(ModelClient(settings_for(fake, max_retries=1)))
    assert str(err.value).endswith("HTTP 503: overloaded") and "\n" not in str(err.value)
    assert len(fake.requests) == 4  # 2 + (1 try + 1 retry)


def test_a_retry_after_longer_than_the_turn_has_left_is_not_waited_for(fake):
    fake.script(Scripted(status=429, headers={"retry-after": "60"}), GOOD)
    client = ModelClient(settings_for(fake, max_retries=3))
    context = contextvars.copy_context()
    context.run(deadline.set, time.monotonic() + 2)
    started = time.perf_counter()
    with pytest.raises(EndpointError, match="HTTP 429"):
        context.run(ask, client)
    assert time.perf_counter() - started < 1.5 and len(fake.requests) == 1


def test_a_slow_server_times_out_within_the_configured_bound(fake):
    fake.script(Scripted(content=GOOD, delay=3), Scripted(content=GOOD, delay=3))
    started = time.perf_counter()
    with pytest.raises(EndpointError, match="timed out"):
        ask(ModelClient(settings_for(fake, timeout=0.3, max_retries=1)))
    assert time.perf_counter() - started < 2.5


def test_after_a_failure_every_call_to_the_endpoint_fails_fast_for_a_while(fake):
    fake.script(Scripted(status=503, error="down"))
    client = ModelClient(settings_for(fake, max_retries=0))
    with pytest.raises(EndpointError):
        ask(client)
    with pytest.raises(EndpointError, match="HTTP 503: down"):
        list(client.stream(ASK, model="fake-customer", temperature=0.8))  # the customer too
    assert len(fake.requests) == 1


def test_connection_refused_names_the_url():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens here now
    from coach.settings import Settings

    settings = Settings(base_url=f"http://127.0.0.1:{port}/v1", api_key="k", max_retries=0, timeout=2)
    with pytest.raises(EndpointError) as err:
        ModelClient(settings).check()
    message = str(err.value)
    assert f"http://127.0.0.1:{port}/v1" in message and "connection refused" in message
    assert "\n" not in message


def test_streaming_yields_the_text_and_a_cut_stream_is_an_error(fake):
    client = ModelClient(settings_for(fake))
    fake.script("Where is my parcel? I have waited two weeks.")
    pieces = list(client.stream(ASK, model="fake-customer", temperature=0.8, max_tokens=40))
    assert len(pieces) > 1 and "".join(pieces) == "Where is my parcel? I have waited two weeks."
    assert fake.requests[-1]["stream"] is True and fake.requests[-1]["max_tokens"] == 40
    fake.script(Scripted(content="This answer will be cut off halfway through", truncate_stream=True))
    with pytest.raises(EndpointError, match="stream ended"):
        list(client.stream(ASK, model="fake-customer", temperature=0.8))


def test_async_calls_run_concurrently():
    with FakeOpenAI(latency=0.3) as server:
        server.responder = lambda body: GOOD
        client = ModelClient(settings_for(server))

        async def many():
            return await asyncio.gather(*[client.astructured(ASK, Answer, model="m", temperature=0) for _ in range(8)])

        started = time.perf_counter()
        results = asyncio.run(many())
        assert len(results) == 8 and all(a.verdict == "pass" for a, _ in results)
        assert time.perf_counter() - started < 0.3 * 3  # not 8 x 0.3 s


def test_usage_and_cost_are_recorded(fake):
    fake.script(Scripted(content=GOOD, usage={"prompt_tokens": 1000, "completion_tokens": 200, "total_tokens": 1200}))
    _, usage = ask(ModelClient(settings_for(fake)))
    assert usage.prompt_tokens == 1000 and usage.completion_tokens == 200
    assert usage.cost_usd == pytest.approx((1000 * 0.15 + 200 * 0.60) / 1e6)
    assert usage.counted_prompt_tokens > 0 and usage.count_method == "tiktoken o200k_base"
