"""Serving a team's PostgreSQL database: never without accounts."""

from __future__ import annotations

from tests.conftest import run_coach


def test_a_postgresql_database_is_not_served_in_local_mode(postgres):
    url = postgres.new_database()
    refused = run_coach("serve", "--port", "1", env_extra={"COACH_DB": url}, timeout=120)
    assert refused.returncode == 2, refused.stderr
    assert "add the first admin" in refused.stderr and "Traceback" not in refused.stderr
