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


@pytest.fixture(scope="session")
def postgres():
    """One PostgreSQL server for the session (Debian's binaries, a temporary cluster on loopback);
    each test that wants one gets a database of its own on it."""
    from coach.testing.postgres import TempPostgres, available

    if not available():  # scripts/test installs it: a missing server is a failure, not a skip
        pytest.fail("PostgreSQL is not installed (apt-get install postgresql; scripts/test does it)")
    with TempPostgres() as pg:
        yield pg


ENGINES = ["sqlite", "postgresql"]


@pytest.fixture(params=ENGINES)
def database_at(request, tmp_path) -> str:
    """Where a fresh, empty database lives, on each engine in turn: an SQLite file or a PostgreSQL URL.
    Open it as often as needed (`open_database`), as separate server processes would."""
    if request.param == "sqlite":
        return str(tmp_path / "coach.sqlite3")
    return request.getfixturevalue("postgres").new_database()


@pytest.fixture()
def open_db(database_at):
    """Opens `database_at` (each call a new connection pool, like another process); closes them after."""
    from coach.db import open_database

    opened = []

    def opener():
        db = open_database(database_at)
        opened.append(db)
        return db

    yield opener
    for db in opened:
        db.close()


@pytest.fixture()
def team_service(open_db, database_at, rubric):
    """The page's service on a fresh database (each engine in turn) with a trainer (tess) and two
    trainees (alice, bob)."""
    from coach.accounts import Accounts, Role
    from coach.personas import load_personas
    from coach.settings import Settings
    from coach.web.service import Coach

    personas, _ = load_personas()
    service = Coach(Settings(database=database_at), rubric, personas, open_db())
    accounts = Accounts(service.store.db)
    users = {name: accounts.add(name, role, "a-long-password") for name, role in
             (("tess", Role.TRAINER), ("alice", Role.TRAINEE), ("bob", Role.TRAINEE))}
    return service, users


@pytest.fixture()
def other_process(team_service, open_db, database_at, rubric):
    """The service of another server process on the same database (its own connections and memory)."""
    from coach.personas import load_personas
    from coach.settings import Settings
    from coach.web.service import Coach

    personas, _ = load_personas()
    return Coach(Settings(database=database_at), rubric, personas, open_db())
