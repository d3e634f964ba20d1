"""Download files: private, reused for the same request, pruned, and the folders of dead servers
cleaned up without ever touching a live server's."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from coach.web.exports import DEAD_AFTER_S, PREFIX, Exports


def dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


def aged(path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_download_is_private_and_the_same_request_gets_the_same_file(tmp_path):
    exports = Exports(tmp_path)
    first = exports.write("alice", "coach-x.md", "# hello")
    assert first.read_text(encoding="utf-8") == "# hello"
    assert exports.write("alice", "coach-x.md", "# hello") == first
    assert exports.write("bob", "coach-x.md", "# hello") != first  # nothing one user can guess of another's
    assert exports.folder.stat().st_mode & 0o777 == 0o700 and first.parent.stat().st_mode & 0o777 == 0o700
    exports.close()
    assert not exports.folder.exists()


def test_old_downloads_are_pruned(tmp_path):
    exports = Exports(tmp_path)
    old = exports.write("alice", "old.md", "old")
    aged(old, 3600)
    aged(old.parent, 3600)
    new = exports.write("alice", "new.md", "new")
    assert not old.exists() and new.exists()
    zipped = exports.fresh("alice")  # a folder the caller fills (a ZIP): not pruned while new and empty
    exports.prune()
    assert zipped.exists()


def test_only_folders_of_dead_servers_untouched_for_a_day_are_cleaned(tmp_path):
    gone = dead_pid()
    dead_old = tmp_path / f"{PREFIX}{gone}-aaaa"
    dead_recent = tmp_path / f"{PREFIX}{gone}-bbbb"
    live_old = tmp_path / f"{PREFIX}{os.getppid()}-cccc"  # a live process's (here: the test runner's parent)
    unnamed_old = tmp_path / f"{PREFIX}q1w2e3"  # no pid in its name: whose it is cannot be told
    for folder in (dead_old, dead_recent, live_old, unnamed_old):
        folder.mkdir()
        (folder / "f.md").write_text("x")
    for folder in (dead_old, live_old, unnamed_old):
        aged(folder, DEAD_AFTER_S + 60)
    exports = Exports(tmp_path)
    assert not dead_old.exists()
    assert dead_recent.exists() and live_old.exists() and unnamed_old.exists()
    assert exports.folder.exists()
