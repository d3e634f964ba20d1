"""The README's commands and layout match the code a reader will find."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _layout() -> list[str]:
    section = README[README.index("## Layout"):]
    return section[section.index("```") + 3:section.index("```", section.index("```") + 3)].splitlines()


def test_every_file_and_folder_the_layout_names_exists():
    """Top-level folders at the margin; package entries indented two spaces (two to a line at
    most); a sub-folder's files named in its description, which may go on over more lines."""
    named: list[Path] = []
    top = sub = ROOT
    for line in _layout():
        if not line.strip():
            continue
        if not line.startswith(" "):
            top = sub = ROOT / line.split()[0].rstrip("/")
            named.append(top)
            continue
        entry = line.startswith("  ") and not line.startswith("   ")
        if entry:
            first = line.split()[0]
            sub = top / first.rstrip("/") if first.endswith("/") else top
        for word in re.findall(r"(?<![\w/.-])([a-z_]+(?:\.py|/))", line):
            base = top if entry and (word == line.split()[0] or not first.endswith("/")) else sub
            named.append(base / word.rstrip("/"))
    missing = [str(p.relative_to(ROOT)) for p in named if not p.exists()]
    assert len(named) > 40 and not missing, missing


def test_every_python_module_of_the_package_is_in_the_layout():
    text = "\n".join(_layout())
    modules = [p for p in (ROOT / "coach").glob("*.py") if p.name not in {"__init__.py", "__main__.py"}]
    folders = [p for p in (ROOT / "coach").iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    absent = [p.name for p in modules if p.name not in text] + [f"{p.name}/" for p in folders if f"{p.name}/" not in text]
    assert not absent, absent


def test_coach_commands_in_the_readme_have_their_required_arguments():
    from coach.cli import build_parser

    parser = build_parser()
    commands = [m.group(1) for m in re.finditer(r"(?:`|\.venv/bin/)coach ((?:eval|persona) [a-z]+[^`#\n]*)", README)]
    assert any(c.startswith("eval check") for c in commands)
    for command in commands:
        words = [w for w in shlex.split(command.replace("[NAMES]", "").replace("…", "")) if w != "\\"]
        try:
            parser.parse_args(words)
        except SystemExit as exc:  # argparse's way of saying an argument is missing
            raise AssertionError(f"`coach {command.strip()}` is not a complete command") from exc
