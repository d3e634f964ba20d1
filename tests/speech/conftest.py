from __future__ import annotations

import pytest

from coach.settings import Settings
from coach.speech.engine import Speech
from coach.testing.voices import espeak_available

# Figures the speech tests measured, printed at the end of the run (word error rates, agreement).
REPORT: dict[str, str] = {}


def pytest_terminal_summary(terminalreporter):
    if REPORT:
        terminalreporter.section("speech: what the tests measured")
        for key, line in REPORT.items():
            terminalreporter.write_line(f"{key}: {line}")


@pytest.fixture(scope="session")
def speech() -> Speech:
    """The embedded engines (faster-whisper with the shipped model, espeak-ng), loaded once."""
    assert espeak_available(), "espeak-ng is missing: scripts/test installs it with apt-get"
    engine = Speech(Settings())
    engine.whisper.warm_up()
    return engine
