"""Login throttling in the database: by source before hashing, locks per source and name that
grow with each failure, shared by every process, lifted by an admin."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coach import throttle
from coach.throttle import LoginThrottle, Verdict, source_of
from tests.conftest import run_coach


@pytest.fixture()
def db(open_db):
    return open_db()


def test_a_source_gets_a_limited_number_of_attempts_per_window(db):
    gate = LoginThrottle(db)
    verdicts = [gate.attempt("10.0.0.9", f"name{i}") for i in range(throttle.SOURCE_ATTEMPTS + 5)]
    assert verdicts[:throttle.SOURCE_ATTEMPTS] == [Verdict.GO] * throttle.SOURCE_ATTEMPTS
    assert set(verdicts[throttle.SOURCE_ATTEMPTS:]) == {Verdict.SOURCE_BUSY}
    assert gate.attempt("10.0.0.10", "name0") is Verdict.GO  # another address is not held back
    with db.connect(write=True) as con:  # the window has passed: the source may try again
        con.execute("UPDATE login_sources SET window_start = ?",
                    ((datetime.now(UTC) - timedelta(seconds=throttle.SOURCE_WINDOW_S + 1)).isoformat(),))
    assert gate.attempt("10.0.0.9", "name0") is Verdict.GO


def test_failures_lock_the_source_and_name_pair_not_the_account(db):
    gate = LoginThrottle(db)
    for _ in range(throttle.FREE_FAILURES):
        assert gate.attempt("203.0.113.5", "root") is Verdict.GO
        gate.failed("203.0.113.5", "root")
    assert gate.attempt("203.0.113.5", "root") is Verdict.LOCKED
    assert gate.attempt("203.0.113.5", "ROOT") is Verdict.LOCKED  # the name as compared, not as typed
    assert gate.attempt("192.0.2.1", "root") is Verdict.GO  # the admin, from their own desk
    assert gate.attempt("203.0.113.5", "alice") is Verdict.GO


def test_each_failure_past_the_free_ones_doubles_the_lock(db):
    gate = LoginThrottle(db)

    def locked_for() -> float:
        until = db.query("SELECT locked_until FROM login_failures")[0][0]
        return (datetime.fromisoformat(until) - datetime.now(UTC)).total_seconds()

    for _ in range(throttle.FREE_FAILURES):
        gate.failed("198.51.100.7", "alice")
    first = locked_for()
    gate.failed("198.51.100.7", "alice")
    second = locked_for()
    assert throttle.LOCK_BASE_S - 2 < first <= throttle.LOCK_BASE_S
    assert 2 * throttle.LOCK_BASE_S - 2 < second <= 2 * throttle.LOCK_BASE_S
    for _ in range(30):
        gate.failed("198.51.100.7", "alice")
    assert locked_for() <= throttle.LOCK_MAX_S


def test_a_success_clears_the_count_and_every_process_sees_the_same_counters(db, open_db):
    one, other = LoginThrottle(db), LoginThrottle(open_db())  # two servers, one database
    for _ in range(throttle.FREE_FAILURES - 1):
        one.failed("10.1.1.1", "alice")
    one.succeeded("10.1.1.1", "alice")
    one.failed("10.1.1.1", "alice")
    assert other.attempt("10.1.1.1", "alice") is Verdict.GO  # one failure since the success
    for _ in range(throttle.FREE_FAILURES):
        other.failed("10.1.1.2", "bob")
    assert one.attempt("10.1.1.2", "bob") is Verdict.LOCKED


def test_an_admin_unlocks_a_name_from_the_command_line(db, database_at):
    gate = LoginThrottle(db)
    for source in ("203.0.113.5", "203.0.113.6"):
        for _ in range(throttle.FREE_FAILURES):
            gate.failed(source, "root")
    assert gate.locks("root") == 2
    done = run_coach("users", "unlock", "root", env_extra={"COACH_DB": database_at})
    assert done.returncode == 0, done.stderr
    assert "root" in done.stdout and "2" in done.stdout
    assert gate.locks("root") == 0 and gate.attempt("203.0.113.5", "root") is Verdict.GO


def test_sources_are_addresses_and_ipv6_counts_by_its_64():
    assert source_of("192.0.2.7") == "192.0.2.7"
    assert source_of("2001:db8:1:2:aaaa::1") == source_of("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert source_of("::ffff:192.0.2.7") == "192.0.2.7"
    assert source_of(None) == "unknown"


def test_logins_that_succeed_do_not_use_up_a_sources_attempts(db):
    """Sixty people behind one address (an office, or nginx in front of coach) log in at nine."""
    gate = LoginThrottle(db)
    for i in range(2 * throttle.SOURCE_ATTEMPTS):
        assert gate.attempt("198.51.100.1", f"person{i}") is Verdict.GO
        gate.succeeded("198.51.100.1", f"person{i}")
    verdicts = [gate.attempt("198.51.100.1", "guess") for _ in range(throttle.SOURCE_ATTEMPTS + 1)]
    assert verdicts[-1] is Verdict.SOURCE_BUSY  # failures still run out
