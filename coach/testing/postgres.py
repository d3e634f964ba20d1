"""A throwaway PostgreSQL server for tests and benchmarks: Debian's `postgresql` binaries, a cluster
initialised in a temporary folder and listening on loopback only.

PostgreSQL refuses to run as root; run as root (as CI does), the cluster belongs to the
`postgres` system user the Debian package creates, and every command runs as that user.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


def _bin() -> Path:
    """Debian's newest installed PostgreSQL (`/usr/lib/postgresql/<major>/bin`), or $COACH_PG_BIN."""
    if os.environ.get("COACH_PG_BIN"):
        return Path(os.environ["COACH_PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name)
                   if p.parent.parent.name.isdigit() else 0)
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


BIN = _bin()


def available() -> bool:
    return (BIN / "initdb").exists()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TempPostgres:
    """`with TempPostgres() as pg:` a running server; `pg.new_database()` gives a fresh database's URL."""

    def __init__(self, max_connections: int = 200):
        self.port = free_port()
        self.max_connections = max_connections
        self.folder = Path(tempfile.mkdtemp(prefix="coach-pg-"))
        self.data = self.folder / "data"
        self.user = "coach"
        self._as: list[str] = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as, *args], check=True, capture_output=True, timeout=120, cwd="/")

    def start(self) -> TempPostgres:
        if not available():
            raise RuntimeError(f"PostgreSQL's binaries are not in {BIN}; apt-get install postgresql")
        self._run(str(BIN / "initdb"), "-D", str(self.data), "-U", self.user, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8")
        options = (f"-k {self.folder} -c listen_addresses=127.0.0.1 -p {self.port} -c fsync=off "
                   f"-c max_connections={self.max_connections} -c shared_buffers=64MB")
        self._run(str(BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w",
                  "start")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty database on this server; its URL."""
        import psycopg

        name = "coach_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.data.exists():
            subprocess.run([*self._as, str(BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
                           capture_output=True, timeout=60, cwd="/")
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> TempPostgres:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
