"""`coach persona test`: every shipped persona keeps its promises, and a broken one is named."""

from __future__ import annotations

import re

from coach.locations import shipped
from tests.conftest import run_coach


def test_every_shipped_persona_keeps_its_promises():
    result = run_coach("persona", "test", timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    reports = re.findall(r"^(ok  |FAIL) (\S+)$", result.stdout, flags=re.M)
    assert len(reports) >= 10 and all(status == "ok  " for status, _ in reports)
    assert "the boundary-setting trainee releases the call after 2 boundaries" in result.stdout


def test_a_persona_that_cannot_be_resolved_fails_with_the_reason(tmp_path):
    text = shipped("personas", "lawsuit-19-dollars.yaml").read_text(encoding="utf-8")
    stubborn = re.sub(r"(?m)^calmers: .*$", "calmers: {next_step: 1}", text).replace(
        "id: lawsuit-19-dollars", "id: stubborn-lawsuit")
    path = tmp_path / "stubborn-lawsuit.yaml"
    path.write_text(stubborn, encoding="utf-8")
    result = run_coach("persona", "test", str(path), timeout=120)
    assert result.returncode == 1
    assert "FAIL stubborn-lawsuit" in result.stdout
    assert re.search(r"✗ the model trainee resolves it: (walked_out|escalated|not ended)", result.stdout)
    assert "failing: stubborn-lawsuit" in result.stdout


def test_a_missing_folder_is_one_line(tmp_path):
    result = run_coach("persona", "test", str(tmp_path / "nope"))
    assert result.returncode != 0 and "file not found" in result.stderr and "Traceback" not in result.stderr
