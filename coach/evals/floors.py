"""Floors per engine and criterion: the gate an eval run must pass.

A floor is set on accuracy when judged and on coverage, apart, so that saying "not judged
offline" costs less than a wrong verdict yet cannot silently replace verdicts:

    no_yes_but: 0.95                                    # accuracy when judged >= 0.95 and coverage >= 0.95
    restate_problem: {accuracy_judged: 0.9, coverage: 0.6}   # a criterion the grader may leave to a model

A mapping may also floor precision_fail, recall_fail, flagged_accuracy, accuracy or kappa_gold.
A metric with nothing to measure (no judged or no applicable gradings) is below any floor.

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
        metrics = report["criteria"].get(criterion) or {}
        for metric, minimum in _floors(floors_path, criterion, floor).items():
            value = metrics.get(metric)
            if value is None or value < minimum:
                shown = value if value is None else round(value, 3)
                problems.append(f"{criterion}: {METRICS[metric]} {shown} < {minimum}")
    return problems


METRICS = {"accuracy_judged": "accuracy when judged", "coverage": "coverage", "precision_fail": "fail precision",
           "recall_fail": "fail recall", "flagged_accuracy": "flagged-or-not accuracy", "accuracy": "accuracy",
           "kappa_gold": "κ vs gold"}


def _floors(path: Path, criterion: str, floor: object) -> dict[str, float]:
    """One criterion's floors by metric; a bare number floors accuracy when judged and coverage."""
    if isinstance(floor, int | float) and not isinstance(floor, bool):
        return {"accuracy_judged": float(floor), "coverage": float(floor)}
    if isinstance(floor, dict) and floor and all(
            k in METRICS and isinstance(v, int | float) and not isinstance(v, bool) for k, v in floor.items()):
        return {k: float(v) for k, v in floor.items()}
    raise DataFileError(path, f"{criterion}: a floor is a number or a mapping of {', '.join(METRICS)} to numbers")
