"""Token counting with tiktoken that never touches the network, and trimming to a budget.

tiktoken downloads its encoding files on first use, which machines without internet
cannot do. The `bpe-openai` package ships the same files (their sha256 matches what
tiktoken checks), so coach fills a tiktoken cache directory from it and keeps using
tiktoken's normal API. Where that is impossible the count is a clearly labelled
estimate (about 4 characters a token), never a crash.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# tiktoken names each cached file by the sha1 of the URL it would download.
_URLS = {
    "o200k_base": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
    "cl100k_base": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
}
_lock = threading.Lock()
_encodings: dict[str, object] = {}


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "coach" / "tiktoken"


def _fill_cache(name: str, directory: Path) -> bool:
    """Write the encoding file tiktoken expects, from bpe-openai's packaged copy."""
    target = directory / hashlib.sha1(_URLS[name].encode()).hexdigest()
    if target.exists():
        return True
    spec = importlib.util.find_spec("bpe_openai")  # find its data without running the package
    if spec is None or not spec.submodule_search_locations:
        return False
    try:
        packaged = Path(list(spec.submodule_search_locations)[0]) / "data" / f"{name}.tiktoken.gz"
        data = gzip.decompress(packaged.read_bytes())
    except (OSError, EOFError):
        return False
    directory.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
    return True


def encoding(name: str = "o200k_base"):
    """The tiktoken encoding, or None when it cannot be had offline."""
    with _lock:
        if name in _encodings:
            return _encodings[name]
        enc = None
        directory = Path(os.environ.get("TIKTOKEN_CACHE_DIR") or cache_dir())
        try:
            if name in _URLS and _fill_cache(name, directory):
                os.environ["TIKTOKEN_CACHE_DIR"] = str(directory)
                import tiktoken

                enc = tiktoken.get_encoding(name)
        except Exception:  # a broken cache or tiktoken build: fall back to the estimate
            enc = None
        _encodings[name] = enc
        return enc


def encoding_for(model: str) -> str:
    return "cl100k_base" if model.startswith(("gpt-3.5", "gpt-4-", "gpt-4 ")) or model == "gpt-4" else "o200k_base"


@dataclass(frozen=True)
class Count:
    tokens: int
    method: str  # "tiktoken o200k_base" or "estimate (4 chars/token)"

    @property
    def exact(self) -> bool:
        return self.method.startswith("tiktoken")


def count_text(text: str, model: str = "", encoding_name: str | None = None) -> Count:
    name = encoding_name or encoding_for(model)
    if len(text) > 400:  # long texts (system prompts, personas) repeat from call to call
        return _count_cached(text, name)
    return _count_uncached(text, name)


@lru_cache(maxsize=256)
def _count_cached(text: str, name: str) -> Count:
    return _count_uncached(text, name)


def _count_uncached(text: str, name: str) -> Count:
    enc = encoding(name)
    if enc is None:
        return Count(max(1, len(text) // 4) if text else 0, "estimate (4 chars/token)")
    return Count(len(enc.encode(text, disallowed_special=())), f"tiktoken {name}")


def count_messages(messages: Sequence[dict], model: str = "") -> Count:
    """Prompt tokens for a chat request: each message costs its text plus ~3 tokens of framing."""
    total, method = 3, ""
    for message in messages:
        c = count_text(str(message.get("content") or ""), model)
        total += c.tokens + 3
        method = c.method
    return Count(total, method or count_text("", model).method)


def trim_to_budget(fixed: Sequence[dict], turns: Sequence[dict], tail: Sequence[dict], budget: int,
                   model: str = "") -> tuple[list[dict], int]:
    """Keep `fixed` (system, persona) and `tail` (the latest message); drop the oldest turns
    until the prompt fits `budget`. Returns the messages and how many turns were dropped."""
    turns = list(turns)
    dropped = 0
    while turns and count_messages([*fixed, *turns, *tail], model).tokens > budget:
        turns.pop(0)
        dropped += 1
    return [*fixed, *turns, *tail], dropped
