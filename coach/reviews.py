"""Trainers' reviews of grades: corrections with a comment, and confirmations.

A review is stored beside the turn, never in it: the grader's verdict stays in the record, and
reading a conversation lays the latest review of each criterion over its grade. Reviews are
labelled cases too: exported in the case format they measure the grader against the trainers'
own judgement, and their agreement with the grader is shown per criterion and language."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from coach.cases import Case, Turn
from coach.db import Database, utcnow
from coach.grades import LABELS, TrainerReview, Verdict
from coach.practice import Conversation, TurnRecord

MAX_COMMENT = 500


class Review(BaseModel):
    conversation_id: str
    turn: int  # the turn's index
    attempt: int
    criterion: str
    original: Verdict
    verdict: Verdict
    comment: str
    reviewer: str
    at: str

    def note(self) -> TrainerReview:
        return TrainerReview(original=self.original, verdict=self.verdict, comment=self.comment,
                             reviewer=self.reviewer, at=self.at)


_COLUMNS = "conversation_id, idx, attempt, criterion, original, verdict, comment, reviewer, created_at"


def _latest(rows: Iterable[tuple]) -> list[Review]:
    """The latest review of each (conversation, turn, attempt, criterion): a trainer may change their mind."""
    latest: dict[tuple, Review] = {}
    for row in rows:
        review = Review(conversation_id=row[0], turn=row[1], attempt=row[2], criterion=row[3], original=row[4],
                        verdict=row[5], comment=row[6], reviewer=row[7], at=row[8])
        latest[(review.conversation_id, review.turn, review.attempt, review.criterion)] = review
    return list(latest.values())


class Reviews:
    def __init__(self, db: Database):
        self.db = db

    def add(self, review: Review) -> None:
        with self.db.connect(write=True) as db:
            db.execute(f"INSERT INTO reviews ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (review.conversation_id, review.turn, review.attempt, review.criterion, review.original.value,
                        review.verdict.value, review.comment, review.reviewer, review.at))

    def of(self, conversation_id: str) -> list[Review]:
        with self.db.connect() as db:
            rows = db.execute(f"SELECT {_COLUMNS} FROM reviews WHERE conversation_id = ? ORDER BY id",
                              (conversation_id,)).fetchall()
        return _latest(rows)

    def all(self) -> list[tuple[Review, str]]:
        """Every latest review with its conversation's language."""
        with self.db.connect() as db:
            rows = db.execute(f"SELECT {', '.join('r.' + c for c in _COLUMNS.split(', '))}, c.language "
                              "FROM reviews r JOIN conversations c ON c.id = r.conversation_id ORDER BY r.id").fetchall()
        languages = {row[0]: row[9] for row in rows}  # a conversation has one language
        return [(r, languages[r.conversation_id]) for r in _latest(row[:9] for row in rows)]


def new_review(c: Conversation, record: TurnRecord, criterion: str, verdict: Verdict, comment: str,
               reviewer: str) -> Review:
    """`verdict`: pass, fail or n/a (a trainer decides; "unjudged" is only ever the grader's)."""
    if verdict not in LABELS:
        raise ValueError(f"a trainer's verdict is pass, fail or n/a, not {verdict.value}")
    grade = next(g for g in record.grade.criteria if g.criterion == criterion)
    original = grade.review.original if grade.review else grade.verdict
    return Review(conversation_id=c.id, turn=record.index, attempt=record.attempt, criterion=criterion,
                  original=original, verdict=verdict, comment=comment, reviewer=reviewer, at=utcnow())


def apply(c: Conversation, reviews: Iterable[Review]) -> Conversation:
    """Lay each review over the grade it reviews (in place); the scorecard then counts the trainer's verdict."""
    by_key = {(r.turn, r.attempt, r.criterion): r for r in reviews}
    if not by_key:
        return c
    for record in [*c.turns, *c.retired]:
        for g in record.grade.criteria:
            review = by_key.get((record.index, record.attempt, g.criterion))
            if review is not None:
                g.review = review.note()
                g.verdict = review.verdict
    return c


@dataclass
class Agreement:
    criterion: str
    lang: str
    cases: int  # reviewed grades the grader had given a verdict (pass, fail or n/a)
    agreed: int
    unjudged: int = 0  # reviewed grades the offline grader could not judge: a trainer decided, nobody disagreed

    @property
    def rate(self) -> float | None:
        return self.agreed / self.cases if self.cases else None


def agreement(reviews: Iterable[tuple[Review, str]]) -> list[Agreement]:
    """How often the grader's verdict was the trainers', per criterion and language; grades the
    grader could not judge are counted apart."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for review, lang in reviews:
        cell = counts[(review.criterion, lang)]
        if review.original is Verdict.UNJUDGED:
            cell[2] += 1
            continue
        cell[0] += 1
        cell[1] += review.verdict == review.original
    return [Agreement(criterion=k[0], lang=k[1], cases=v[0], agreed=v[1], unjudged=v[2])
            for k, v in sorted(counts.items())]


def labelled_cases(conversations: dict[str, Conversation], reviews: Iterable[Review]) -> list[Case]:
    """One case per reviewed turn attempt: the reply, the conversation before it, and the trainers'
    verdicts as labels, in the case format `coach eval run` reads."""
    grouped: dict[tuple[str, int, int], dict[str, str]] = defaultdict(dict)
    for r in reviews:
        grouped[(r.conversation_id, r.turn, r.attempt)][r.criterion] = r.verdict.value
    cases = []
    for (cid, turn, attempt), labels in sorted(grouped.items()):
        c = conversations.get(cid)
        record = next((t for t in [*c.turns, *c.retired] if t.index == turn and t.attempt == attempt), None) if c else None
        if c is None or record is None:
            continue
        context = [Turn(role=m["role"], content=m["content"]) for m in c.history(turn)]  # type: ignore[arg-type]
        cases.append(Case.model_validate({"id": f"{cid}-{turn + 1}-{attempt + 1}", "lang": c.language,
                                          "customer_name": c.customer_name, "context": context, "reply": record.reply,
                                          "labels": labels, "group": "trainer-review"}))
    return cases


def case_line(case: Case) -> dict[str, Any]:
    return case.model_dump(mode="json", exclude_none=True)
