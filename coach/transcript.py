"""Transcripts: saved after every turn, and exported as JSON (every grade) or Markdown (for people)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from coach.grades import Verdict
from coach.practice import Conversation
from coach.rubric import Rubric
from coach.scorecard import scorecard

MARK = {Verdict.PASS: "✅ pass", Verdict.FAIL: "❌ fail", Verdict.NA: "➖ n/a"}


class TranscriptFiles:
    """One JSON file per conversation, replaced atomically after every turn."""

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)

    def path(self, conversation_id: str) -> Path:
        return self.directory / f"{conversation_id}.json"

    def save(self, conversation: Conversation) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.path(conversation.id)
        tmp = target.with_suffix(".json.tmp")
        tmp.write_text(conversation.model_dump_json(indent=2), encoding="utf-8")
        os.replace(tmp, target)

    def load(self, conversation_id: str) -> Conversation:
        return Conversation.model_validate_json(self.path(conversation_id).read_text(encoding="utf-8"))


def transcript_json(conversation: Conversation, rubric: Rubric) -> str:
    data = json.loads(conversation.model_dump_json())
    data["scorecard"] = json.loads(scorecard(conversation, rubric).model_dump_json())
    return json.dumps(data, ensure_ascii=False, indent=2)


def transcript_markdown(conversation: Conversation, rubric: Rubric) -> str:
    card = scorecard(conversation, rubric)
    names = {c.id: c.name for c in rubric.criteria}
    out = [f"# {conversation.persona_name}",
           "",
           f"- Customer: {conversation.customer_name} · language: {conversation.language} · difficulty: {conversation.difficulty}",
           f"- Started: {conversation.started_at:%Y-%m-%d %H:%M} UTC · engine: {conversation.engine}",
           f"- Outcome: {conversation.end.label if conversation.end else 'in progress'}"
           + (f" · score {card.score:.0%}" if card.score is not None else ""),
           "", "## Conversation", "",
           f"**{conversation.customer_name}:** {conversation.opening}", ""]
    for t in conversation.turns:
        out += [f"**You (turn {t.index + 1}):** {t.reply}", ""]
        for g in t.grade.criteria:
            if g.verdict is Verdict.NA:
                continue
            quotes = "; ".join(f"“{e.text}”" for e in g.evidence)
            out.append(f"- {MARK[g.verdict]} **{names.get(g.criterion, g.criterion)}**: {g.explanation}"
                       + (f" Quote: {quotes}." if quotes and g.verdict is Verdict.FAIL else ""))
            if g.better:
                out.append(f"  - Try: {g.better}")
        sign = "+" if t.mood_after >= t.mood_before else ""
        out += ["", f"*Mood {t.mood_before} → {t.mood_after} ({sign}{t.mood_after - t.mood_before})*", "",
                f"**{conversation.customer_name}:** {t.customer}", ""]
    out += ["## Scorecard", "", "| Criterion | Passed | Failed | n/a |", "| --- | --- | --- | --- |"]
    for s in card.criteria:
        out.append(f"| {s.name} | {s.passed} | {s.failed} | {s.not_applicable} |")
    if card.practise_next:
        out += ["", "**Practise next:** " + ", ".join(card.practise_next)]
    out += ["", f"Mood over time: {' → '.join(map(str, card.mood))}", ""]
    return "\n".join(out)
