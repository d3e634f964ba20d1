from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach.offline import OfflineGrader
from coach.rubric import DEFAULT_RUBRIC, load_rubric

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


def make_team_service(where: str | Path, rubric, rubric_path: Path | None = None, db=None):
    """The page's service with a trainer (tess) and two trainees (alice, bob) on a fresh database:
    `where` is its path or URL, or a folder to put an SQLite file in; `db`: the database opened."""
    from coach.accounts import Accounts, Role
    from coach.db import open_database
    from coach.personas import load_personas
    from coach.settings import Settings
    from coach.web.service import Coach

    if isinstance(where, Path) and where.is_dir():
        where = where / "coach.sqlite3"
    personas, _ = load_personas()
    settings = Settings(database=str(where), rubric=str(rubric_path) if rubric_path else None)
    service = Coach(settings, rubric, personas, db or open_database(where))
    accounts = Accounts(service.store.db)
    users = {name: accounts.add(name, role, "a-long-password") for name, role in
             (("tess", Role.TRAINER), ("alice", Role.TRAINEE), ("bob", Role.TRAINEE))}
    return service, users


@pytest.fixture()
def team_service(open_db, database_at, rubric):
    """The page's service on a fresh database, each engine in turn (see make_team_service)."""
    return make_team_service(database_at, rubric, db=open_db())


@pytest.fixture()
def other_process(team_service, open_db, database_at, rubric):
    """The service of another server process on the same database (its own connections and memory)."""
    from coach.personas import load_personas
    from coach.settings import Settings
    from coach.web.service import Coach

    personas, _ = load_personas()
    return Coach(Settings(database=database_at), rubric, personas, open_db())


# A criterion a trainer adds that the offline grader has no check for: it is always "not judged
# offline", whatever the reply, so what the page and the files show for that outcome can be tested
# without depending on what the offline checks can or cannot see.
UNCHECKED = {
    "id": "warm_tone", "name": "Warm tone", "names": {"es": "Tono cálido", "sv": "Varm ton", "pl": "Ciepły ton",
                                                      "lv": "Silts tonis", "ar": "نبرة دافئة"},
    "good": "Sound warm and human, not scripted.", "applies": "always", "applies_note": "Every reply.",
    "pass_examples": [{"lang": "en", "text": "I'm really glad you called about this."}],
    "fail_examples": [{"lang": "pl", "text": "Proszę czekać."}],
    "better": {"en": "I'm glad you told me, {customer}."},
    "sources": [{"seed": "003_36061d50483179f0.txt", "item": "method 1: stay friendly"}],
}


def write_unchecked_rubric(folder: Path) -> Path:
    """The shipped rubric plus the unchecked criterion, as a trainer's rubric file."""
    import yaml

    data = yaml.safe_load(DEFAULT_RUBRIC.read_text(encoding="utf-8"))
    data["criteria"].append(UNCHECKED)
    path = folder / "rubric-with-warm-tone.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def unchecked_rubric(tmp_path_factory):
    """(path, Rubric) of the shipped rubric with a criterion the offline grader cannot judge."""
    path = write_unchecked_rubric(tmp_path_factory.mktemp("rubric"))
    return path, load_rubric(path)
