"""Start the real page (`coach serve`) and a real headless Chromium for end-to-end tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coach.testing.processes import stop_process

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct-horse-battery"  # every test account's password
expect.set_options(timeout=15_000)  # two shared cores: a page update can take seconds under load


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`coach serve` in a subprocess, as the README's command runs it."""

    def __init__(self, db: Path | str, env_extra: dict[str, str] | None = None, port: int | None = None,
                 home: Path | None = None):
        """`db`: an SQLite file or a PostgreSQL URL; `home`: COACH_HOME (default: the file's folder)."""
        self.db = db
        self.home = home or Path(db).parent
        self.env_extra = env_extra or {}
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COACH_"))}
        # a temporary folder of its own: what another process sweeps from /tmp is never this server's downloads
        env.update(COACH_DB=str(self.db), COACH_HOME=str(self.home), GRADIO_ANALYTICS_ENABLED="False",
                   HF_HUB_OFFLINE="1", PYTHONUNBUFFERED="1", TMPDIR=str(self.home), **self.env_extra)
        return env

    def add_user(self, name: str, role: str, password: str = PASSWORD) -> None:
        """`coach users add` against this server's database, as an admin would."""
        done = subprocess.run([sys.executable, "-m", "coach", "users", "add", name, "--role", role, "--password-stdin"],
                              input=password, capture_output=True, text=True, env=self.env, cwd=self.home,
                              timeout=60)
        assert done.returncode == 0, done.stderr

    def start(self) -> Server:
        self.log_path = self.home / f"serve-{self.port}.log"
        self.log = open(self.log_path, "a")  # noqa: SIM115 (closed in stop())
        self.proc = subprocess.Popen([sys.executable, "-m", "coach", "serve", "--port", str(self.port)],
                                     cwd=self.home, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120  # a busy machine (several servers starting at once) is slow
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"coach serve exited: {self.log_path.read_text()}")
            try:
                with urllib.request.urlopen(self.url, timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("coach serve did not answer within 120 s")

    def stop(self) -> None:
        stop_process(self.proc)
        self.log.close()

    def kill(self) -> None:
        """kill -9: no chance to finish anything."""
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        self.log.close()


@pytest.fixture()
def server(tmp_path):
    """A page with no accounts: local mode, one user."""
    s = Server(tmp_path / "coach.sqlite3").start()
    yield s
    s.stop()


@pytest.fixture()
def team(tmp_path):
    """A page with accounts: an admin, a trainer and two trainees."""
    s = Server(tmp_path / "coach.sqlite3")
    for name, role in (("root", "admin"), ("tess", "trainer"), ("alice", "trainee"), ("bob", "trainee")):
        s.add_user(name, role)
    s.start()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def playwright():
    """One Playwright for the session (its sync API cannot be started twice at once)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: scripts/test installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright):
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield b
    b.close()


def new_page(browser, locale: str = "en-US"):
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True, locale=locale)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


@pytest.fixture()
def page(browser, tmp_path):
    page = new_page(browser)
    yield page
    page.context.close()
