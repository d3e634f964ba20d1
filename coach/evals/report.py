"""Eval reports: JSON for machines, Markdown for a quick read, and a self-contained HTML page
with the tables, confusion matrices and charts (matplotlib, embedded as SVG)."""

from __future__ import annotations

import io
import json
from html import escape
from pathlib import Path
from typing import Any

from coach.evals.metrics import CATEGORIES, GOLD, majority, summarize
from coach.evals.runner import load_results


def build(run_dir: Path) -> dict[str, Any]:
    meta, records = load_results(run_dir)
    summary = summarize(records, meta["criteria"])
    return {"run": meta, "gradings": len(records), **summary}


def _f(value: Any, pct: bool = False) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1%}" if pct else f"{value:.3f}"
    return str(value)


ROWS = [("applicable", "applicable", False), ("accuracy", "accuracy", True), ("coverage", "coverage", True),
        ("accuracy_judged", "accuracy when judged", True), ("precision_fail", "fail precision", True),
        ("recall_fail", "fail recall", True),
        ("f1_fail", "fail F1", False), ("kappa_gold", "κ vs gold", False), ("retest_identical", "same every repeat", True),
        ("fleiss_kappa", "Fleiss κ", False), ("paraphrase_flip_rate", "paraphrase flips", True),
        ("language_flip_rate", "translation flips", True)]


def markdown(report: dict[str, Any]) -> str:
    run, cl = report["run"], report["cost_latency"]
    out = [f"# Eval report: {Path(run['dataset']).name} · {run['engine']} engine",
           "", f"- Rubric {run['rubric']}; {report['gradings']} gradings ({run['repeats']} repeats); "
           f"errors: {report['errors']}" + (f"; judge {run['judge_model']} at {run['endpoint']}" if run.get("judge_model") else ""),
           f"- Overall: accuracy {_f(report['overall']['accuracy'], True)}, coverage "
           f"{_f(report['overall']['coverage'], True)}, accuracy when judged "
           f"{_f(report['overall']['accuracy_judged'], True)}, κ {_f(report['overall']['kappa_gold'])}, "
           f"fail F1 {_f(report['overall']['f1_fail'])}, same every repeat {_f(report['overall']['retest_identical'], True)}",
           f"- Evidence validity: {_f(report['evidence']['validity'], True)} of {report['evidence']['quoted_spans']} quoted spans",
           f"- Model calls {cl['model_calls']} (cached {cl['cached_calls']}); tokens counted {cl['counted_prompt_tokens']}"
           f" ({cl['count_method'] or 'n/a'}), server prompt {cl['server_prompt_tokens']} / completion "
           f"{cl['server_completion_tokens']}; estimated cost {_f(cl['estimated_cost_usd'])} USD; latency p50 "
           f"{_f(cl['latency_p50_s'])} s, p95 {_f(cl['latency_p95_s'])} s",
           "", "| criterion | n | " + " | ".join(label for _, label, _ in ROWS) + " | offline↔judge |",
           "|" + " --- |" * (len(ROWS) + 3)]
    for c, m in report["criteria"].items():
        ovj = m.get("offline_vs_judge")
        out.append(f"| {c} | {m['n']} | " + " | ".join(_f(m.get(k), pct) for k, _, pct in ROWS)
                   + f" | {_f(ovj['agreement'], True) if ovj else '–'} |")
    out += ["", "## Definitions", ""] + [f"- **{k}**: {v}" for k, v in report["definitions"].items()]
    return "\n".join(out) + "\n"


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]


def charts(report: dict[str, Any]) -> list[tuple[str, str]]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    criteria = [c for c, m in report["criteria"].items() if m["n"]]
    out = []
    if criteria:
        fig, ax = plt.subplots(figsize=(8, 0.45 * len(criteria) + 1))
        accuracy = [report["criteria"][c]["accuracy"] or 0 for c in criteria]
        retest = [report["criteria"][c]["retest_identical"] or 0 for c in criteria]
        y = range(len(criteria))
        ax.barh([i + 0.2 for i in y], accuracy, height=0.4, label="accuracy vs gold", color="#2563eb")
        ax.barh([i - 0.2 for i in y], retest, height=0.4, label="same verdict every repeat", color="#16a34a")
        ax.set_yticks(list(y), criteria)
        ax.set_xlim(0, 1)
        ax.invert_yaxis()
        ax.legend(loc="lower right", fontsize=8)
        ax.set_title("Per criterion: right, and consistent")
        out.append(("Accuracy and test-retest by criterion", _svg(fig)))
    pairs: dict[str, list[float]] = {}
    for m in report["criteria"].values():
        for pair, rate in (m.get("language_flip_rate_by_pair") or {}).items():
            if rate is not None:
                pairs.setdefault(pair, []).append(rate)
    if pairs:
        names = sorted(pairs)
        fig, ax = plt.subplots(figsize=(8, 3))
        ax.bar(names, [sum(v) / len(v) for v in (pairs[n] for n in names)], color="#ea580c")
        ax.set_ylim(0, 1)
        ax.set_ylabel("flip rate")
        ax.set_title("Cross-language flips by language pair (mean over criteria)")
        ax.tick_params(axis="x", rotation=45)
        out.append(("Cross-language invariance", _svg(fig)))
    return out


def _confusion_table(table: dict[str, dict[str, int]]) -> str:
    head = "".join(f"<th>said {k}</th>" for k in CATEGORIES)
    rows = "".join(f"<tr><th>gold {g}</th>" + "".join(f"<td>{table[g][v]}</td>" for v in CATEGORIES) + "</tr>"
                   for g in GOLD)
    return f"<table class='cm'><tr><th></th>{head}</tr>{rows}</table>"


def html(report: dict[str, Any]) -> str:
    md_summary = markdown(report).split("\n| criterion")[0]
    head_rows = "".join(f"<th>{escape(label)}</th>" for _, label, _ in ROWS)
    rows = "".join(
        f"<tr><td>{escape(c)}</td><td>{m['n']}</td>" + "".join(f"<td>{_f(m.get(k), pct)}</td>" for k, _, pct in ROWS)
        + f"<td>{_f(m['offline_vs_judge']['agreement'], True) if m.get('offline_vs_judge') else '–'}</td></tr>"
        for c, m in report["criteria"].items())
    matrices = "".join(f"<div class='cmbox'><h4>{escape(c)}</h4>{_confusion_table(m['confusion'])}</div>"
                       for c, m in report["criteria"].items() if m["n"])
    figures = "".join(f"<figure>{svg}<figcaption>{escape(title)}</figcaption></figure>" for title, svg in charts(report))
    definitions = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in report["definitions"].items())
    summary = "".join(f"<li>{escape(line[2:])}</li>" for line in md_summary.splitlines() if line.startswith("- "))
    title = escape(md_summary.splitlines()[0][2:])
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ddd;padding:3px 8px;text-align:right}}td:first-child,th:first-child{{text-align:left}}
.cmbox{{display:inline-block;margin:0 1.5em 1em 0;vertical-align:top}}.cm td{{min-width:3em}}
figure{{margin:1em 0}}dt{{font-weight:600;margin-top:.5em}}</style></head><body>
<h1>{title}</h1><ul>{summary}</ul>
<h2>Per criterion</h2><table><tr><th>criterion</th><th>n</th>{head_rows}<th>offline↔judge</th></tr>{rows}</table>
<h2>Charts</h2>{figures}
<h2>Confusion matrices (rows: gold label, columns: verdict)</h2>{matrices}
<h2>Definitions</h2><dl>{definitions}</dl></body></html>"""


def write(run_dir: Path, out_dir: Path | None = None) -> dict[str, Path]:
    report = build(run_dir)
    out_dir = Path(out_dir or run_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"json": out_dir / "report.json", "markdown": out_dir / "report.md", "html": out_dir / "report.html"}
    paths["json"].write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    paths["markdown"].write_text(markdown(report), encoding="utf-8")
    paths["html"].write_text(html(report), encoding="utf-8")
    return paths


def compare(run_a: Path, run_b: Path) -> dict[str, Any]:
    """What changed from run A to run B: metric deltas per criterion, and the cases that flipped."""
    a, b = build(run_a), build(run_b)
    _, rec_a = load_results(run_a)
    _, rec_b = load_results(run_b)

    def majorities(records):
        out: dict[tuple[str, str], list[str]] = {}
        for r in records:
            for c, v in r["verdicts"].items():
                out.setdefault((str(r["case_id"]), c), []).append(v)
        return {k: majority(v) for k, v in out.items()}

    ma, mb = majorities(rec_a), majorities(rec_b)
    gold = {(str(r["case_id"]), c): g for r in rec_a + rec_b for c, g in r.get("labels", {}).items()}
    flips = [{"case_id": case, "criterion": c, "a": ma[(case, c)], "b": mb[(case, c)], "gold": gold.get((case, c))}
             for (case, c) in sorted(set(ma) & set(mb)) if ma[(case, c)] != mb[(case, c)]]
    deltas = {}
    for c in a["criteria"]:
        if c in b["criteria"]:
            deltas[c] = {k: (None if a["criteria"][c].get(k) is None or b["criteria"][c].get(k) is None
                             else b["criteria"][c][k] - a["criteria"][c][k]) for k, _, _ in ROWS}
    return {"a": str(run_a), "b": str(run_b), "deltas": deltas, "flipped": flips,
            "fixed": sum(1 for f in flips if f["gold"] == f["b"]), "broken": sum(1 for f in flips if f["gold"] == f["a"])}


def compare_text(result: dict[str, Any]) -> str:
    lines = [f"A: {result['a']}", f"B: {result['b']}", "",
             "criterion                  Δaccuracy Δcoverage Δacc.judged Δfail prec.  Δretest        Δκ"]
    for c, d in result["deltas"].items():
        lines.append(f"{c:<26} {_signed(d['accuracy'])}  {_signed(d['coverage'])}    {_signed(d['accuracy_judged'])}"
                     f"    {_signed(d['precision_fail'])} {_signed(d['retest_identical'])}  {_signed(d['kappa_gold'])}")
    lines += ["", f"{len(result['flipped'])} case verdicts flipped ({result['fixed']} now match gold, "
                  f"{result['broken']} no longer do):"]
    for f in result["flipped"][:50]:
        lines.append(f"  {f['case_id']} {f['criterion']}: {f['a']} -> {f['b']} (gold {f['gold'] or '–'})")
    return "\n".join(lines)


def _signed(value: float | None) -> str:
    return "     –  " if value is None else f"{value:+8.3f}"
