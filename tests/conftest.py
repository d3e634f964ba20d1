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
EVALS = ROOT / "evals"


@pytest.fixture(scope="session", autouse=True)
def coach_home(tmp_path_factory):
    """coach writes (database, eval runs, transcripts) only under a temporary COACH_HOME in tests."""
    home = tmp_path_factory.mktemp("coach-home")
    os.environ["COACH_HOME"] = str(home)
    yield home


@pytest.fixture(scope="session")
def rubric():
    return load_rubric()


@pytest.fixture(scope="session")
def grader(rubric):
    return OfflineGrader(rubric)


def run_coach(*args: str, stdin: str | bytes | None = None, timeout: float = 60,
              env_extra: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `coach` the way a user does: from a folder of their own (a temporary one, not the
    repository), no model configured unless given. Bytes on stdin are sent as they are."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COACH_"))}
    env.update(PYTHONIOENCODING="utf-8", COACH_HOME=os.environ["COACH_HOME"], **(env_extra or {}))
    if cwd is None:
        cwd = Path(os.environ["COACH_HOME"]) / "cwd"
        cwd.mkdir(exist_ok=True)
    if isinstance(stdin, bytes):
        done = subprocess.run([sys.executable, "-m", "coach", *args], input=stdin, capture_output=True,
                              timeout=timeout, cwd=cwd, env=env)
        return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8", "replace"),
                                           done.stderr.decode("utf-8", "replace"))
    return subprocess.run([sys.executable, "-m", "coach", *args], input=stdin, capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout, cwd=cwd, env=env)


@pytest.fixture()
def team_service(tmp_path, rubric):
    """The page's service on a fresh database with a trainer (tess) and two trainees (alice, bob)."""
    from coach.accounts import Accounts, Role
    from coach.db import Database
    from coach.personas import load_personas
    from coach.settings import Settings
    from coach.web.service import Coach

    db_path = tmp_path / "coach.sqlite3"
    personas, _ = load_personas()
    service = Coach(Settings(database=str(db_path)), rubric, personas, Database(db_path))
    accounts = Accounts(service.store.db)
    users = {name: accounts.add(name, role, "a-long-password") for name, role in
             (("tess", Role.TRAINER), ("alice", Role.TRAINEE), ("bob", Role.TRAINEE))}
    return service, users
