"""What every `coach` command shares: one-line errors, the rubric and persona options, input checks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from coach.errors import CoachError, DataFileError
from coach.rubric import Rubric, load_rubric
from coach.settings import Settings, load_settings


class UsageError(CoachError):
    """The command line itself is wrong: an unknown option, a missing argument, an empty reply."""


class Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one line (no usage dump), like every other coach error."""

    def error(self, message: str) -> NoReturn:
        print(f"coach: error: {message} (see `{self.prog} --help`)", file=sys.stderr)
        raise SystemExit(2)


def sources_parent() -> argparse.ArgumentParser:
    """--rubric and --personas, for every command that reads them."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--rubric", metavar="FILE", help="a rubric file to use instead of the shipped one")
    parent.add_argument("--personas", metavar="FOLDER", action="append",
                        help="a folder of persona files, added to the shipped ones (repeatable)")
    parent.add_argument("--no-shipped-personas", action="store_true",
                        help="offer only the personas in --personas folders and the settings")
    return parent


def settings_from(args: argparse.Namespace) -> Settings:
    """The settings, with this command line's --rubric / --personas applied on top."""
    settings = load_settings()
    update: dict = {}
    if getattr(args, "rubric", None):
        update["rubric"] = str(Path(args.rubric).expanduser().resolve())
    if getattr(args, "personas", None):
        update["personas"] = settings.personas + [str(Path(p).expanduser().resolve()) for p in args.personas]
    if getattr(args, "no_shipped_personas", False):
        update["shipped_personas"] = False
    return settings.model_copy(update=update) if update else settings


def rubric_from(settings: Settings) -> Rubric:
    return load_rubric(settings.rubric)


def existing_file(path: str, what: str) -> Path:
    """A path the user named as a file: say plainly when it is missing or a folder."""
    p = Path(path).expanduser()
    if p.is_dir():
        raise DataFileError(p, f"is a folder, not {what}")
    if not p.exists():
        raise DataFileError(p, "file not found")
    return p


def decode_input(data: bytes, source: str) -> str:
    """UTF-8 text, or an error naming the first byte that is not (never a silent '?')."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 4].hex(" ")
        raise UsageError(f"{source} is not UTF-8 text: byte {exc.start} ({bad}) cannot be decoded; "
                         "save it as UTF-8 and try again") from None
