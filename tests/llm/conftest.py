from __future__ import annotations

import json

import pytest

from coach.settings import Settings
from coach.testing.fake_openai import FakeOpenAI


@pytest.fixture()
def fake():
    with FakeOpenAI() as server:
        yield server


def settings_for(server: FakeOpenAI, **overrides) -> Settings:
    values = dict(base_url=server.base_url, api_key="sk-test-0000000000", judge_model="gpt-4o-mini",
                  customer_model="fake-customer", timeout=5.0, max_retries=1)
    values.update(overrides)
    return Settings(**values)


def judge_json(rubric, verdicts: dict[str, str] | None = None, default: str = "pass",
               evidence: dict[str, list[str]] | None = None, explanation: str = "Judged.") -> str:
    """A judge answer covering every criterion of the rubric (whatever subset was asked)."""
    verdicts, evidence = verdicts or {}, evidence or {}
    return json.dumps({c.id: {"verdict": verdicts.get(c.id, default), "explanation": f"{explanation} ({c.id})",
                              "evidence": evidence.get(c.id, []),
                              "better": "Try this." if verdicts.get(c.id, default) == "fail" else None}
                       for c in rubric.criteria})


def asked(body) -> list[str]:
    """The criteria a judge request asks about (from the schema it sends)."""
    schema = (body.get("response_format") or {}).get("json_schema", {}).get("schema") \
        or (body.get("response_format") or {}).get("schema") or body.get("guided_json") or {}
    return list(schema.get("required", []))
