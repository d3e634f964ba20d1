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
    """Criteria of the run whose accuracy is below the floor recorded for its engine."""
    floors_path = floors_path or floors_path_for(run_dir)
    try:
        floors = yaml.safe_load(read_text(floors_path)) or {}
    except yaml.YAMLError as exc:
        raise DataFileError(floors_path, f"is not valid YAML: {exc}") from None
    report = build(run_dir)
    engine = report["run"]["engine"]
    problems = []
    for criterion, floor in (floors.get(engine) or {}).items():
        metrics = report["criteria"].get(criterion)
        accuracy = metrics["accuracy"] if metrics else None
        if accuracy is None or accuracy < floor:
            problems.append(f"{criterion}: accuracy {accuracy if accuracy is None else round(accuracy, 3)} < {floor}")
    return problems
