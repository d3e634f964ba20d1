"""`coach eval run`: grade every case of a dataset `repeats` times with one engine.

Each grading is appended to `results.jsonl` in the run folder as soon as it finishes,
so an interrupted run resumes where it stopped. Model calls go through a
content-addressed cache unless told not to.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.cases import Case, read_cases
from coach.engines import CombinedGrader, OfflineEngine, grade_case
from coach.errors import CoachError
from coach.evals.cache import CallCache, salt
from coach.grades import Grade
from coach.languages import detect
from coach.llm.client import call_counts
from coach.notices import NoticeKind
from coach.rubric import Rubric
from coach.settings import Settings

ENGINES = ("offline", "llm", "combined")


def dataset_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


class Progress:
    """A one-line progress bar on stderr (a line every 10% when stderr is not a terminal)."""

    def __init__(self, total: int, enabled: bool = True):
        self.total, self.done, self.enabled = total, 0, enabled
        self.tty = sys.stderr.isatty()
        self.started = time.perf_counter()
        self._last_decile = -1

    def step(self) -> None:
        self.done += 1
        if not self.enabled or not self.total:
            return
        share = self.done / self.total
        elapsed = time.perf_counter() - self.started
        line = f"[{'#' * int(share * 30):<30}] {self.done}/{self.total} gradings, {elapsed:.1f} s"
        if self.tty:
            print("\r" + line, end="" if self.done < self.total else "\n", file=sys.stderr, flush=True)
        elif int(share * 10) != self._last_decile:
            self._last_decile = int(share * 10)
            print(line, file=sys.stderr, flush=True)


def _evidence(grade: Grade, reply: str, dropped: int = 0) -> dict[str, int]:
    spans = [e for g in grade.criteria for e in g.evidence]
    valid = sum(1 for e in spans if reply[e.start:e.end] == e.text)
    return {"total": len(spans) + dropped, "valid": valid}


class EvalRun:
    def __init__(self, dataset: Path, out: Path, *, engine: str, repeats: int, rubric: Rubric,
                 settings: Settings | None = None, concurrency: int = 8, use_cache: bool = True,
                 cache_path: Path | None = None, progress: bool = True):
        if engine not in ENGINES:
            raise CoachError(f"engine must be one of {', '.join(ENGINES)}")
        self.dataset, self.out, self.engine, self.repeats = Path(dataset), Path(out), engine, repeats
        self.rubric, self.concurrency, self.progress = rubric, concurrency, progress
        self.grader: OfflineEngine | CombinedGrader = OfflineEngine(rubric)
        self.combined: CombinedGrader | None = None
        if engine != "offline":
            if settings is None or not settings.configured:
                raise CoachError("the llm and combined engines need a model endpoint: set OPENAI_BASE_URL or "
                                 "OPENAI_API_KEY (see `coach config`)")
            self.grader = self.combined = CombinedGrader(settings, rubric)
            if use_cache:
                self.combined.client.cache = CallCache(cache_path or self.out.parent / "cache.sqlite3")
        self.meta = {"dataset": str(self.dataset.resolve()), "dataset_sha256": dataset_hash(self.dataset), "engine": engine,
                     "repeats": repeats, "rubric": f"{rubric.id}@{rubric.version}", "criteria": rubric.ids,
                     "judge_model": settings.judge_model if settings and engine != "offline" else None,
                     "endpoint": settings.endpoint() if settings and engine != "offline" else None,
                     "cache": use_cache and engine != "offline"}

    @property
    def results_path(self) -> Path:
        return self.out / "results.jsonl"

    def _prepare(self) -> set[tuple[str, int]]:
        """Write or check meta.json; return the (case, repeat) pairs already graded."""
        self.out.mkdir(parents=True, exist_ok=True)
        meta_path = self.out / "meta.json"
        if meta_path.exists():
            old = json.loads(meta_path.read_text(encoding="utf-8"))
            for key in ("dataset_sha256", "engine", "repeats", "rubric"):
                if old.get(key) != self.meta[key]:
                    raise CoachError(f"{self.out} holds a run with a different {key} ({old.get(key)} vs "
                                     f"{self.meta[key]}); use another --out")
            self.meta["started_at"] = old.get("started_at")
        else:
            self.meta["started_at"] = datetime.now(UTC).isoformat()
            meta_path.write_text(json.dumps(self.meta, indent=2), encoding="utf-8")
        done = set()
        if self.results_path.exists():
            for line in self.results_path.read_text(encoding="utf-8").splitlines():
                try:
                    r = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line cut off by an interruption: graded again
                done.add((str(r["case_id"]), r["repeat"]))
        return done

    async def _grade(self, case: Case, repeat: int) -> dict[str, Any]:
        """One grading through the same path as the page and `coach grade` (engines.grade_case)."""
        salt.set(f"repeat:{repeat}")
        lang = case.lang or detect(case.reply)
        record: dict[str, Any] = {"case_id": case.id, "repeat": repeat, "lang": lang, "group": case.group,
                                  "labels": {k: v.value for k, v in case.labels.items()}, "calls": 0,
                                  "cached_calls": 0, "error": None}
        started = time.perf_counter()
        counts = [0, 0]
        call_counts.set(counts)
        grade = await grade_case(self.grader, case, ask_all=self.engine == "llm")
        record["calls"], record["cached_calls"] = counts
        failures = [n.text() for n in grade.notices if n.kind is NoticeKind.GRADER_FALLBACK]
        record["error"] = failures[0] if failures else None
        offline = {g.criterion: (g.offline or g.verdict).value for g in grade.criteria}
        judge = {g.criterion: g.judge.value for g in grade.criteria if g.judge is not None} or None
        verdicts = judge if self.engine == "llm" and judge else grade.verdicts()
        for c in self.rubric.ids:  # a criterion the judge left out counts as n/a
            verdicts.setdefault(c, "n/a")
            if judge is not None:
                judge.setdefault(c, "n/a")
        dropped = sum(u.evidence_dropped for u in grade.usage)
        record.update(offline=offline, verdicts=verdicts, judge=judge, evidence=_evidence(grade, case.reply, dropped),
                      usage=[u.model_dump(mode="json") for u in grade.usage],
                      latency_s=round(time.perf_counter() - started, 4))
        return record

    async def run(self, on_record: Callable[[dict], None] | None = None) -> dict[str, Any]:
        cases = list(read_cases(self.dataset))
        ids = [str(c.id) for c in cases]
        if len(set(ids)) != len(ids):
            raise CoachError(f"{self.dataset}: case ids must be unique")
        done = self._prepare()
        todo = [(c, r) for r in range(self.repeats) for c in cases if (str(c.id), r) not in done]
        progress = Progress(len(todo), self.progress)
        gate = asyncio.Semaphore(self.concurrency)
        started = time.perf_counter()
        calls_at_start = self.combined.client.calls if self.combined else 0
        with self.results_path.open("a", encoding="utf-8") as out:
            async def one(case: Case, repeat: int) -> None:
                async with gate:
                    record = await self._grade(case, repeat)
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                out.flush()
                progress.step()
                if on_record:
                    on_record(record)

            await asyncio.gather(*(one(c, r) for c, r in todo))
        client = self.combined.client if self.combined else None
        errors: list[str] = []
        if self.results_path.exists():
            for line in self.results_path.read_text(encoding="utf-8").splitlines():
                try:
                    error = json.loads(line).get("error")
                except json.JSONDecodeError:
                    continue
                if error:
                    errors.append(error)
        return {"graded": len(todo), "skipped": len(done), "errors": len(errors),
                "first_error": errors[0] if errors else None, "seconds": time.perf_counter() - started,
                "model_calls": client.calls - calls_at_start if client else 0,
                "cache_hits": client.cache.hits if client and client.cache else 0}


def load_results(run_dir: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    run_dir = Path(run_dir)
    meta_path = run_dir / "meta.json"
    if not meta_path.exists():
        raise CoachError(f"{run_dir} is not an eval run folder (no meta.json)")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    records = []
    results = run_dir / "results.jsonl"
    if results.exists():
        for line in results.read_text(encoding="utf-8").splitlines():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return meta, records
