"""Accuracy floors per engine and criterion: the gate an eval run must pass.

The floors file sits beside the dataset it was measured on (`floors.yaml` in the same
folder) unless one is named; a run records its dataset's absolute path, so `coach eval
check` works from any directory.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from coach.datafile import read_text
from coach.errors import DataFileError
from coach.evals.report import build
from coach.evals.runner import load_results


def floors_path_for(run_dir: Path) -> Path:
    meta, _ = load_results(run_dir)
    return Path(meta["dataset"]).resolve().parent / "floors.yaml"


def check_floors(run_dir: Path, floors_path: Path | None = None) -> list[str]:
    """Why the run does not pass its gate: errored gradings, nothing graded, no floors for its
    engine, or criteria below their floors. Empty means it passes; a run that measured nothing
    never passes."""
    floors_path = floors_path or floors_path_for(run_dir)
    try:
        floors = yaml.safe_load(read_text(floors_path)) or {}
    except yaml.YAMLError as exc:
        raise DataFileError(floors_path, f"is not valid YAML: {exc}") from None
    report = build(run_dir)
    engine = report["run"]["engine"]
    problems = []
    if not report["gradings"]:
        problems.append("the run graded no cases")
    if report["errors"]:
        problems.append(f"{report['errors']} of {report['gradings']} gradings errored, so their verdicts are "
                        "not the grader's")
    engine_floors = floors.get(engine) or {}
    if not engine_floors:
        problems.append(f"{floors_path} has no floors for the {engine} engine")
    for criterion, floor in engine_floors.items():
        metrics = report["criteria"].get(criterion)
        accuracy = metrics["accuracy"] if metrics else None
        if accuracy is None or accuracy < floor:
            problems.append(f"{criterion}: accuracy {accuracy if accuracy is None else round(accuracy, 3)} < {floor}")
    return problems
