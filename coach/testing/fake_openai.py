"""A real OpenAI-compatible HTTP server on loopback, scripted by tests and benchmarks.

It answers `/v1/chat/completions` (streaming or not, with or without `response_format`),
`/v1/models`, and the audio API: `/v1/audio/transcriptions` (multipart upload; json or
verbose_json with word timings) and `/v1/audio/speech` (a WAV tone, streamed). Tests queue
scripted answers (text, delays, error codes, broken JSON, truncated streams) and read back every
request it received, so coach's model and speech layers are exercised through the real `openai`
client and its HTTP stack, never a patched one.
"""

from __future__ import annotations

import asyncio
import io
import json
import math
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from coach.testing.processes import stop_process


@dataclass
class Scripted:
    """One answer the fake server gives, in the order scripted."""

    content: str | None = None  # the assistant's text; None -> the server's default responder
    status: int = 200
    delay: float = 0.0  # extra seconds before answering
    headers: dict[str, str] = field(default_factory=dict)
    raw_body: str | None = None  # sent as-is instead of a completion (malformed JSON etc.)
    truncate_stream: bool = False  # a stream that stops mid-answer without [DONE]
    finish_reason: str = "stop"
    usage: dict[str, int] | None = None
    error: str = "scripted error"


Responder = Callable[[dict[str, Any]], "Scripted | str"]
# what the fake transcription endpoint "hears" in an upload: (audio bytes, form fields) -> text
Hearing = Callable[[bytes, dict[str, Any]], str]


def _default_responder(request: dict[str, Any]) -> str:
    return "OK"


class FakeOpenAI:
    """Start with `with FakeOpenAI() as server:`; point the client at `server.base_url`."""

    def __init__(self, *, latency: float = 0.0, models: tuple[str, ...] = ("fake-judge", "fake-customer"),
                 json_schema: bool = True, json_object: bool = True, json_object_schema: bool = True,
                 guided_json: bool = True, reject_status: int = 400, responder: Responder | None = None,
                 hearing: Hearing | None = None, word_timings: bool = True):
        """The structured-output forms it accepts can be switched off one by one; a refused form is
        answered with `reject_status` (llama.cpp's server says 500 for json_schema; vLLM says 400)."""
        self.latency = latency
        self.models = models
        self.json_schema = json_schema
        self.json_object = json_object
        self.json_object_schema = json_object_schema
        self.guided_json = guided_json
        self.reject_status = reject_status
        self.responder = responder or _default_responder
        self.hearing = hearing or (lambda audio, form: "This is what the fake endpoint heard.")
        self.word_timings = word_timings  # False: a server that answers verbose_json without word timings
        self.audio_requests: list[dict[str, Any]] = []  # transcription and speech requests, in order
        self._audio_queue: deque[Scripted] = deque()
        self.requests: list[dict[str, Any]] = []
        self.request_times: list[float] = []
        self._queue: deque[Scripted] = deque()
        self._lock = threading.Lock()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.port: int | None = None

    # -- scripting -------------------------------------------------------------------
    def script(self, *answers: Scripted | str) -> None:
        with self._lock:
            for answer in answers:
                self._queue.append(answer if isinstance(answer, Scripted) else Scripted(content=answer))

    def script_audio(self, *answers: Scripted) -> None:
        """Statuses and delays for the next audio requests (their content is ignored)."""
        with self._lock:
            self._audio_queue.extend(answers)

    def _next_audio(self) -> Scripted:
        with self._lock:
            return self._audio_queue.popleft() if self._audio_queue else Scripted()

    def _next(self, body: dict[str, Any]) -> Scripted:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
        answer = self.responder(body)
        return answer if isinstance(answer, Scripted) else Scripted(content=answer)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    # -- HTTP --------------------------------------------------------------------------
    async def _models(self, request: Request) -> Response:
        return JSONResponse({"object": "list", "data": [
            {"id": m, "object": "model", "created": 0, "owned_by": "fake"} for m in self.models]})

    async def _chat(self, request: Request) -> Response:
        try:
            body = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            return _error(400, "request body is not JSON")
        with self._lock:
            self.requests.append(body)
            self.request_times.append(time.perf_counter())
        kind = (body.get("response_format") or {}).get("type")
        if kind == "json_object" and "schema" in (body.get("response_format") or {}):
            kind = "json_object_schema"
        refused = {"json_schema": self.json_schema, "json_object": self.json_object,
                   "json_object_schema": self.json_object_schema}.get(kind or "", True) is False
        if refused:
            return _error(self.reject_status, f"1 validation error: response_format {kind} is not supported\n"
                                              "  File \"server/app.py\", line 376, in create_chat_completion")
        if "guided_json" in body and not self.guided_json:
            return _error(self.reject_status, "Unrecognized request argument supplied: guided_json")
        answer = self._next(body)
        await asyncio.sleep(self.latency + answer.delay)
        if answer.status != 200:
            return _error(answer.status, answer.error, answer.headers)
        if answer.raw_body is not None:
            return Response(answer.raw_body, media_type="application/json", headers=answer.headers)
        content = answer.content if answer.content is not None else "OK"
        model = body.get("model", "fake")
        usage = answer.usage or _usage(body, content)
        if body.get("stream"):
            include_usage = (body.get("stream_options") or {}).get("include_usage", False)
            return StreamingResponse(_sse(model, content, answer, usage if include_usage else None),
                                     media_type="text/event-stream", headers=answer.headers)
        return JSONResponse({
            "id": f"chatcmpl-{uuid.uuid4().hex[:12]}", "object": "chat.completion", "created": int(time.time()),
            "model": model, "usage": usage,
            "choices": [{"index": 0, "finish_reason": answer.finish_reason,
                         "message": {"role": "assistant", "content": content}}],
        }, headers=answer.headers)

    async def _transcriptions(self, request: Request) -> Response:
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            return _error(400, "file is required")
        audio = await upload.read()
        fields: dict[str, Any] = {k: v for k, v in form.multi_items() if isinstance(v, str)}
        fields["timestamp_granularities"] = [str(v) for v in form.getlist("timestamp_granularities[]")]
        with self._lock:
            self.audio_requests.append({"path": "transcriptions", "fields": fields, "filename": upload.filename,
                                        "bytes": len(audio)})
        answer = self._next_audio()
        await asyncio.sleep(self.latency + answer.delay)
        if answer.status != 200:
            return _error(answer.status, answer.error, answer.headers)
        text = self.hearing(audio, fields)
        duration = _wav_seconds(audio)
        if fields.get("response_format") == "verbose_json":
            words = text.split()
            step = duration / max(1, len(words))
            body: dict[str, Any] = {"task": "transcribe", "language": fields.get("language", "en"),
                                    "duration": duration, "text": text,
                                    "segments": [{"id": 0, "start": 0.0, "end": duration, "text": text}]}
            if self.word_timings and "word" in fields["timestamp_granularities"]:
                body["words"] = [{"word": w, "start": round(i * step, 3), "end": round((i + 1) * step, 3)}
                                 for i, w in enumerate(words)]
            return JSONResponse(body)
        return JSONResponse({"text": text})

    async def _speech(self, request: Request) -> Response:
        try:
            body = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            return _error(400, "request body is not JSON")
        with self._lock:
            self.audio_requests.append({"path": "speech", **body})
        answer = self._next_audio()
        await asyncio.sleep(self.latency + answer.delay)
        if answer.status != 200:
            return _error(answer.status, answer.error, answer.headers)
        seconds = 0.3 * len(str(body.get("input", "")).split()) / float(body.get("speed") or 1.0)
        wav = _tone(max(0.2, seconds))

        async def chunks():
            for i in range(0, len(wav), 4096):
                yield wav[i:i + 4096]
                await asyncio.sleep(0)

        return StreamingResponse(chunks(), media_type="audio/wav")

    # -- lifecycle -----------------------------------------------------------------------
    def start(self) -> FakeOpenAI:
        app = Starlette(routes=[
            Route("/v1/chat/completions", self._chat, methods=["POST"]),
            Route("/v1/models", self._models, methods=["GET"]),
            Route("/v1/audio/transcriptions", self._transcriptions, methods=["POST"]),
            Route("/v1/audio/speech", self._speech, methods=["POST"]),
        ])
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # accepted sockets inherit this: no Nagle stall between a response's headers and body
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", lifespan="off", timeout_keep_alive=30)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("fake OpenAI server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server:
            self._server.should_exit = True
        if self._thread:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"message": message, "type": "fake_error", "code": status}},
                        status_code=status, headers=headers or {})


def _wav_seconds(data: bytes) -> float:
    import wave

    try:
        with wave.open(io.BytesIO(data), "rb") as w:
            return round(w.getnframes() / w.getframerate(), 3)
    except (wave.Error, EOFError):
        return 1.0


def _tone(seconds: float, rate: int = 16_000) -> bytes:
    """A 16-bit mono WAV of a quiet 220 Hz tone: what the fake speech endpoint says."""
    count = int(seconds * rate)
    samples = b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 220 * i / rate))) for i in range(count))
    header = (b"RIFF" + struct.pack("<I", 36 + len(samples)) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate,
              rate * 2, 2, 16) + b"data" + struct.pack("<I", len(samples)))
    return header + samples


def _usage(body: dict[str, Any], content: str) -> dict[str, int]:
    prompt = sum(len(str(m.get("content", ""))) for m in body.get("messages", [])) // 4 + 1
    completion = len(content) // 4 + 1
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


async def _sse(model: str, content: str, answer: Scripted, usage: dict[str, int] | None):
    cid = f"chatcmpl-{uuid.uuid4().hex[:12]}"

    def chunk(delta: dict[str, Any], finish: str | None = None, **extra) -> str:
        data = {"id": cid, "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
        return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    pieces = [content[i:i + 8] for i in range(0, len(content), 8)] or [""]
    if answer.truncate_stream:
        pieces = pieces[: max(1, len(pieces) // 2)]
    for piece in pieces:
        yield chunk({"content": piece})
        await asyncio.sleep(0)
    if answer.truncate_stream:
        return
    yield chunk({}, answer.finish_reason)
    if usage:
        yield f"data: {json.dumps({'id': cid, 'object': 'chat.completion.chunk', 'created': int(time.time()), 'model': model, 'choices': [], 'usage': usage})}\n\n"
    yield "data: [DONE]\n\n"


@contextmanager
def fake_server(latency: float, answer: str, stream_answer: str | None = None) -> Iterator[str]:
    """The fake server in its own process (its work is not counted as coach's); yields its base URL."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        f.write(answer)
    extra = ["--stream-answer", stream_answer] if stream_answer else []
    proc = subprocess.Popen([sys.executable, "-m", "coach.testing.fake_openai", "--latency", str(latency),
                             "--answer-file", f.name, *extra], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        yield proc.stdout.readline().strip()
    finally:
        stop_process(proc)
        Path(f.name).unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> None:
    """Serve with a fixed answer in its own process, for benchmarks and load tests:
    python -m coach.testing.fake_openai --latency 0.2 --answer-file answer.json
    Prints the base URL on the first line, then serves until killed."""
    import argparse
    import signal
    import sys

    parser = argparse.ArgumentParser(prog="python -m coach.testing.fake_openai")
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--answer-file", help="the text every chat completion answers (default: OK)")
    parser.add_argument("--stream-answer", help="the text streamed requests answer (default: the same)")
    args = parser.parse_args(argv)
    answer = Path(args.answer_file).read_text(encoding="utf-8") if args.answer_file else "OK"
    streamed = args.stream_answer or answer
    server = FakeOpenAI(latency=args.latency,
                        responder=lambda body: streamed if body.get("stream") else answer).start()
    print(server.base_url, flush=True)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    try:
        while True:
            time.sleep(3600)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
