"""coach installs like a Python tool: a built wheel works from any folder, every import is declared,
and a user's first mistakes are one-line errors."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import time
import tomllib
import urllib.request
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from tests.conftest import EVALS, ROOT, run_coach
from tests.web.conftest import free_port


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(extra: str | None = None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = project["dependencies"] + (project["optional-dependencies"][extra] if extra else [])
    return {_canonical(re.split(r"[\s<>=!~\[;]", spec, maxsplit=1)[0]) for spec in specs}


def _imports(folder: Path) -> set[str]:
    found = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return found


def _undeclared(folders: list[Path], declared: set[str]) -> set[str]:
    dists = packages_distributions()
    missing = set()
    for module in set().union(*(_imports(f) for f in folders)):
        if module in sys.stdlib_module_names or module in {"coach", "tests", "benchmarks"}:
            continue
        owners = {_canonical(d) for d in dists.get(module, [module])}
        if not owners & declared:
            missing.add(f"{module} (from {', '.join(sorted(owners))})")
    return missing


def test_every_module_the_package_imports_is_a_declared_dependency():
    assert _undeclared([ROOT / "coach"], _declared()) == set()


def test_every_module_the_tests_and_benchmarks_import_is_declared_for_testing():
    assert _undeclared([ROOT / "tests", ROOT / "benchmarks", ROOT / "scripts"], _declared("test")) == set()


def _one_line_error(result: subprocess.CompletedProcess, *words: str) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode != 0 and len(lines) == 1, result.stderr
    assert lines[0].startswith("coach:") and "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_the_first_mistakes_a_user_makes_are_one_line_errors(tmp_path):
    _one_line_error(run_coach("persona", "validate", "personas/"), "personas", "not found")
    _one_line_error(run_coach("rubric", "validate", "rubrics"), "rubrics")
    _one_line_error(run_coach("eval", "run", str(EVALS)), "is a folder")
    _one_line_error(run_coach("eval", "run", "nope.jsonl"), "nope.jsonl", "file not found")
    _one_line_error(run_coach("grade", "-", stdin=b"Hello \xff\xfe there"), "not UTF-8", "ff fe")
    _one_line_error(run_coach("grade", ""), "empty")
    _one_line_error(run_coach("grade", "   "), "empty")
    _one_line_error(run_coach("practice", "nobody-like-this"), "unknown persona 'nobody-like-this'")
    _one_line_error(run_coach("grade", "Hi", "--lang", "xx"), "--lang", "invalid choice")
    _one_line_error(run_coach("eval", "check", str(tmp_path)), "not an eval run folder")


def test_a_folder_of_persona_or_rubric_files_is_read_as_every_file_in_it():
    personas = run_coach("persona", "validate", str(ROOT / "coach" / "data" / "personas"))
    assert personas.returncode == 0 and personas.stdout.count("ok: ") >= 11, personas.stderr
    rubrics = run_coach("rubric", "validate", str(ROOT / "coach" / "data" / "rubrics"))
    assert rubrics.returncode == 0 and "12 criteria" in rubrics.stdout


def test_a_trainers_persona_folder_adds_to_the_shipped_ones_and_can_replace_them(tmp_path):
    shipped = (ROOT / "coach" / "data" / "personas" / "indecisive-shopper.yaml").read_text(encoding="utf-8")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "picky-shopper.yaml").write_text(shipped.replace("id: indecisive-shopper", "id: picky-shopper"),
                                             encoding="utf-8")
    added = run_coach("persona", "list", "--personas", str(mine))
    assert "picky-shopper" in added.stdout and "lawsuit-19-dollars" in added.stdout
    only = run_coach("persona", "list", "--personas", str(mine), "--no-shipped-personas")
    assert "picky-shopper" in only.stdout and "lawsuit-19-dollars" not in only.stdout
    from_settings = run_coach("persona", "list", env_extra={"COACH_PERSONAS": str(mine), "COACH_SHIPPED_PERSONAS": "false"})
    assert from_settings.stdout.split() and from_settings.stdout.split()[0] == "picky-shopper"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh virtual environment with coach installed from a freshly built wheel, as a user would."""
    folder = tmp_path_factory.mktemp("install")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(folder / "dist"), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    wheel = next((folder / "dist").glob("coach-*.whl"))
    subprocess.run([sys.executable, "-m", "venv", str(folder / "venv")], check=True, timeout=120)
    subprocess.run([str(folder / "venv" / "bin" / "pip"), "install", "-q", "--disable-pip-version-check", str(wheel)],
                   check=True, capture_output=True, timeout=900)
    return folder / "venv" / "bin" / "coach"


def _run_installed(coach: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COACH_", "PYTHON"))}
    env["COACH_HOME"] = str(cwd / "home")
    return subprocess.run([str(coach), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_an_installed_wheel_works_from_an_empty_folder(installed, tmp_path):
    listed = _run_installed(installed, "persona", "list", cwd=tmp_path)
    assert listed.returncode == 0 and "lawsuit-19-dollars" in listed.stdout, listed.stderr
    graded = _run_installed(installed, "grade", "Rozumiem, ale taka jest polityka firmy.", "--lang", "pl", cwd=tmp_path)
    assert graded.returncode == 0 and '✗ fail  No "yes, but"' in graded.stdout, graded.stderr
    assert str(ROOT) not in graded.stdout + graded.stderr


def test_an_installed_wheel_serves_the_page_from_an_empty_folder(installed, tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COACH_", "PYTHON"))}
    env.update(COACH_HOME=str(tmp_path / "home"), GRADIO_ANALYTICS_ENABLED="False", HF_HUB_OFFLINE="1",
               PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([str(installed), "serve", "--port", str(port)], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                time.sleep(0.3)
        else:
            pytest.fail("the installed `coach serve` did not answer within 90 s")
        assert (tmp_path / "home" / "coach.sqlite3").exists()
        assert not [p for p in tmp_path.iterdir() if p.name != "home"], "wrote into the current folder"
    finally:
        proc.terminate()
        output = proc.communicate(timeout=20)[0]
    assert "share=True" not in output
