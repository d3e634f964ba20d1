from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach.offline import OfflineGrader
from coach.rubric import load_rubric

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def rubric():
    return load_rubric()


@pytest.fixture(scope="session")
def grader(rubric):
    return OfflineGrader(rubric)


def run_coach(*args: str, stdin: str | None = None, timeout: float = 60,
              env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the installed `coach` command the way a user does (no model configured unless given)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COACH_"))}
    env.update(PYTHONIOENCODING="utf-8", **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "coach", *args], input=stdin, capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout, cwd=ROOT, env=env)
