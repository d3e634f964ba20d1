"""Accuracy floors per engine and criterion (evals/floors.yaml): the CI gate."""

from __future__ import annotations

from pathlib import Path

import yaml

from coach.errors import DataFileError
from coach.evals.report import build


def check_floors(run_dir: Path, floors_path: Path) -> list[str]:
    """Criteria of the run whose accuracy is below the floor recorded for its engine."""
    try:
        floors = yaml.safe_load(Path(floors_path).read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise DataFileError(floors_path, "file not found") from None
    report = build(run_dir)
    engine = report["run"]["engine"]
    problems = []
    for criterion, floor in (floors.get(engine) or {}).items():
        metrics = report["criteria"].get(criterion)
        accuracy = metrics["accuracy"] if metrics else None
        if accuracy is None or accuracy < floor:
            problems.append(f"{criterion}: accuracy {accuracy if accuracy is None else round(accuracy, 3)} < {floor}")
    return problems
