"""Where coach's files live: what ships inside the package, and the one data directory.

Shipped data (the rubric, the personas, the page's translations) is package data, read
with `importlib.resources`, so an installed wheel works from any directory. What coach
writes (the database, eval runs, transcripts) goes to one data directory: `$COACH_HOME`
when set, else the platform's user data folder (`~/.local/share/coach` on Linux).
"""

from __future__ import annotations

import os
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import platformdirs


def shipped(*parts: str) -> Traversable:
    """A file or folder shipped inside the package, e.g. shipped("rubrics", "default.yaml")."""
    node = files("coach").joinpath("data")
    for part in parts:
        node = node.joinpath(part)
    return node


def data_dir() -> Path:
    """The folder coach writes to; created on first use, and kept to its owner (0700): it holds
    the accounts and every trainee's transcripts."""
    home = os.environ.get("COACH_HOME", "").strip()
    path = Path(home).expanduser() if home else Path(platformdirs.user_data_dir("coach", appauthor=False))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    status = path.stat()
    if status.st_mode & 0o077 and status.st_uid == os.getuid():
        path.chmod(0o700)
    return path


def default_database() -> Path:
    return data_dir() / "coach.sqlite3"


def eval_runs_dir() -> Path:
    return data_dir() / "evals"


def transcripts_dir() -> Path:
    return data_dir() / "transcripts"


def stem(node: Traversable | Path) -> str:
    """A file's name without its last suffix (Traversable has no `.stem`)."""
    name = node.name
    return name.rsplit(".", 1)[0] if "." in name else name
