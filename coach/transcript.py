"""Transcripts: saved after every turn, and exported as JSON (every grade) or Markdown (for people).

Everything a person or a model wrote is escaped in the Markdown, so a reply can never show up
as HTML, a link, an image, or a line that looks like a grade, a mood or the customer speaking.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from coach.grades import Verdict
from coach.i18n import t
from coach.practice import Conversation, PendingReply, TurnRecord
from coach.rubric import Rubric
from coach.scorecard import scorecard

MARK = {Verdict.PASS: "✅", Verdict.FAIL: "❌", Verdict.NA: "➖", Verdict.UNJUDGED: "❔"}
_LABEL = {Verdict.PASS: "verdict.pass", Verdict.FAIL: "verdict.fail", Verdict.NA: "verdict.na",
          Verdict.UNJUDGED: "verdict.unjudged"}


class TranscriptFiles:
    """One JSON file per conversation (the terminal's log): the reply is written before grading,
    the graded turn after; each write replaces the file atomically."""

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

    def begin(self, conversation: Conversation, index: int, attempt: int, reply: str,
              turn_key: str | None = None) -> str:
        self.save(conversation.model_copy(update={"pending": PendingReply(index=index, reply=reply)}))
        return ""

    def finish(self, conversation: Conversation, record: TurnRecord, token: str) -> None:
        after = conversation.model_copy(deep=True)
        after.add(record)
        self.save(after)

    def load(self, conversation_id: str) -> Conversation:
        return Conversation.model_validate_json(self.path(conversation_id).read_text(encoding="utf-8"))


def audio_name(index: int, attempt: int, role: str, part: int) -> str:
    """A kept piece of audio's file name in the audio download (turns and attempts counted from 1)."""
    return f"turn-{index + 1}" + (f"-attempt-{attempt + 1}" if attempt else "") + (
        "-trainee.wav" if role == "trainee" else f"-customer-{part + 1}.wav")


def transcript_json(conversation: Conversation, rubric: Rubric) -> str:
    """Every grade, every attempt and the scorecard; no account ids (a file travels)."""
    data = json.loads(conversation.model_dump_json(exclude={"owner"}))
    data["scorecard"] = json.loads(scorecard(conversation, rubric).model_dump_json())
    return json.dumps(data, ensure_ascii=False, indent=2)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+\-|~&=!])")
_MD_LIST_NUMBER = re.compile(r"^(\d+)([.)])", re.MULTILINE)


def md(text: str) -> str:
    """Anyone's words as literal Markdown text: no HTML, no links or images, no emphasis,
    no headings or lists, so nothing typed can pass for a grade, a mood or another speaker."""
    return _MD_LIST_NUMBER.sub(r"\1\\\2", _MD_SPECIAL.sub(r"\\\1", text))


def md_quote(text: str) -> list[str]:
    """A block of someone's words, every line inside the quote."""
    return ["> " + md(line) if line.strip() else ">" for line in text.split("\n")]


def transcript_markdown(conversation: Conversation, rubric: Rubric, lang: str = "en") -> str:
    card = scorecard(conversation, rubric, lang)
    names = {c.id: c.name_in(lang) for c in rubric.criteria}
    c = conversation
    outcome = t(f"end.{c.end.value}", lang) if c.end else t("end.in_progress", lang)
    score = t("md.score", lang, score=f"{card.score:.0%}") if card.score is not None else ""
    out = [f"# {md(c.persona_name)}", "",
           "- " + t("md.customer_line", lang, customer=md(c.customer_name), language=c.language,
                    difficulty=c.difficulty, mode=t(f"mode.{c.mode}", lang)),
           "- " + t("md.started_line", lang, started=f"{c.started_at:%Y-%m-%d %H:%M}", engine=md(c.engine)),
           "- " + t("md.outcome_line", lang, outcome=outcome) + (f" · {score}" if score else ""),
           "", f"## {t('md.conversation', lang)}", "", f"**{md(c.customer_name)}:**", *md_quote(c.opening), ""]

    def grade_lines(turn: TurnRecord) -> list[str]:
        lines = []
        for g in turn.grade.criteria:
            if not g.verdict.judged:
                continue
            quotes = "; ".join(f"“{md(e.text)}”" for e in g.evidence)
            r = g.review
            head = f"- {MARK[g.verdict]} {md(t(_LABEL[g.verdict], lang))} **{md(names.get(g.criterion, g.criterion))}**"
            if r is not None and r.corrected:
                # a trainer's correction, as the page shows it: their verdict and words, then what the grader had said
                lines.append(f"{head}: " + md(t("review.corrected", lang, reviewer=r.reviewer, comment=r.comment)))
                lines.append("  - " + md(t("review.grader_said", lang, verdict=t(_LABEL[r.original], lang),
                                           explanation=g.explanation)))
                continue
            lines.append(f"{head}: {md(g.explanation)}"
                         + (f" {t('md.quote', lang)}: {quotes}." if quotes and g.verdict is Verdict.FAIL else ""))
            if r is not None:
                lines.append("  - " + md(t("review.confirmed", lang, reviewer=r.reviewer, comment=r.comment)))
            if g.better:
                lines.append(f"  - {t('md.try', lang)}: {md(g.better)}")
        unjudged = [names.get(g.criterion, g.criterion) for g in turn.grade.criteria if g.verdict is Verdict.UNJUDGED]
        if unjudged:
            lines.append(f"- {MARK[Verdict.UNJUDGED]} " + md(t("grade.unjudged", lang, names=", ".join(unjudged))))
        return lines

    def spoken_lines(turn: TurnRecord) -> list[str]:
        if turn.voice is None:
            return []
        f = turn.voice.features
        line = t("md.spoken", lang, wpm=round(f.wpm) if f.wpm else "—", seconds=f"{f.duration_s:.1f}")
        if turn.voice.kept:
            line += " · " + t("md.audio_file", lang, file=audio_name(turn.index, turn.attempt, "trainee", 0))
        return [f"*🎙 {line}*", ""]

    for turn in c.turns:
        for earlier in c.attempts(turn.index)[:-1]:
            out += [f"**{t('md.earlier_attempt', lang, turn=turn.index + 1, attempt=earlier.attempt + 1)}:**",
                    *md_quote(earlier.reply), "", *grade_lines(earlier), ""]
        out += [f"**{t('md.you_turn', lang, turn=turn.index + 1)}:**", *md_quote(turn.reply), "", *spoken_lines(turn),
                *grade_lines(turn)]
        sign = "+" if turn.mood_after >= turn.mood_before else ""
        out += ["", "*" + t("md.mood_line", lang, before=turn.mood_before, after=turn.mood_after,
                                change=f"{sign}{turn.mood_after - turn.mood_before}") + "*", "",
                f"**{md(c.customer_name)}:**", *md_quote(turn.customer), ""]
    out += [f"## {t('md.scorecard', lang)}", "",
            f"| {t('md.criterion', lang)} | {t('md.passed', lang)} | {t('md.failed', lang)} | n/a "
            f"| {t('md.unjudged', lang)} |",
            "| --- | --- | --- | --- | --- |"]
    for s in card.criteria:
        out.append(f"| {md(s.name)} | {s.passed} | {s.failed} | {s.not_applicable} | {s.unjudged} |")
    if card.retries:
        out += ["", t("md.retries", lang, count=card.retries)]
    if card.practise_next:
        out += ["", f"**{t('md.practise_next', lang)}:** " + ", ".join(md(n) for n in card.practise_next)]
    out += ["", t("md.mood_over_time", lang, moods=" → ".join(map(str, card.mood))), ""]
    return "\n".join(out)
