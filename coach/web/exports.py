"""Files written for download (transcripts, CSV): in one private folder per server process, each
file in a folder named by a keyed hash of who asked and what it holds (nothing to guess, and
the same download asked again is the same file, not a new one). Gradio copies a file into its
own cache (cleaned by `delete_cache`) when it hands it out, so ours are kept only `KEEP_S`;
the folder goes when the server stops, and a folder of a server that died is removed a day later."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import shutil
import tempfile
import time
from pathlib import Path

PREFIX = "coach-exports-"
KEEP_S = 15 * 60
DEAD_AFTER_S = 24 * 3600  # a dead server's folder is removed once it has been untouched this long


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Exports:
    def __init__(self, parent: str | Path | None = None):
        self.parent = Path(parent or tempfile.gettempdir())
        self._clean_dead()
        self.folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=self.parent))  # mode 0700
        self._key = secrets.token_bytes(32)

    def _clean_dead(self) -> None:
        """Remove the export folders of coach servers that died without stopping (killed): only a
        folder named by a process id that is no longer running, and untouched for `DEAD_AFTER_S`
        (so a live server elsewhere, even one whose pid this process cannot see, keeps its own)."""
        cutoff = time.time() - DEAD_AFTER_S
        for folder in self.parent.glob(f"{PREFIX}*"):
            pid = folder.name[len(PREFIX):].split("-", 1)[0]
            if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
                continue
            try:
                status = folder.stat()
            except OSError:
                continue
            if folder.is_dir() and status.st_uid == os.getuid() and status.st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)

    def fresh(self, owner: str) -> Path:
        """A new private folder for one download written by the caller (a ZIP); pruned like the rest."""
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.prune()
        return Path(tempfile.mkdtemp(prefix=f"{owner[:8]}-", dir=self.folder))

    def write(self, owner: str, name: str, text: str) -> Path:
        """The file `name` holding `text`, written for `owner` (reused when already written)."""
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # a /tmp cleaner may have removed it
        self.prune()
        digest = hmac.new(self._key, "\0".join((owner, name, text)).encode("utf-8", "surrogatepass"),
                          hashlib.sha256).hexdigest()[:32]
        path = self.folder / digest / name
        if path.exists():
            os.utime(path)
            return path
        path.parent.mkdir(mode=0o700, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
        return path

    def prune(self, keep_s: float = KEEP_S) -> None:
        """Remove downloads older than `keep_s` (Gradio has its own copy by then)."""
        cutoff = time.time() - keep_s
        for sub in self.folder.iterdir():
            try:
                newest = max([sub.stat().st_mtime, *(f.stat().st_mtime for f in sub.iterdir())])
            except OSError:
                continue
            if newest < cutoff:
                shutil.rmtree(sub, ignore_errors=True)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
