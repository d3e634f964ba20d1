"""`coach practice`: a conversation with a persona in the terminal, graded on every reply."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from coach.grades import Verdict
from coach.i18n import t
from coach.languages import Address
from coach.locations import transcripts_dir
from coach.personas import Persona
from coach.practice import TurnRecord, end_conversation, start_practice
from coach.rubric import Rubric
from coach.scorecard import scorecard
from coach.settings import Settings
from coach.textclean import clean_text
from coach.transcript import TranscriptFiles

SYMBOL = {Verdict.PASS: "✓", Verdict.FAIL: "✗"}


def meter(mood: int, width: int = 20) -> str:
    filled = round(mood / 100 * width)
    return "█" * filled + "░" * (width - filled)


def _print_turn(record: TurnRecord, names: dict[str, str]) -> None:
    unjudged = [names[g.criterion] for g in record.grade.criteria if g.verdict is Verdict.UNJUDGED]
    for g in record.grade.criteria:
        if not g.verdict.judged:
            continue
        line = f"  {SYMBOL[g.verdict]} {names[g.criterion]}"
        if g.verdict is Verdict.FAIL:
            quote = f" “{g.evidence[0].text}”" if g.evidence else ""
            line += f":{quote} {g.explanation}"
        print(line)
        if g.better:
            print(f"      try: {g.better}")
    if unjudged:
        print(f"  ? {t('grade.unjudged', 'en', names=', '.join(unjudged))}")
    for notice in record.notices:
        print(f"  ! {notice.text()}")
    delta = record.mood_after - record.mood_before
    print(f"  mood {meter(record.mood_after)} {record.mood_after} ({'+' if delta >= 0 else ''}{delta})")


async def _loop(persona: Persona, settings: Settings, rubric: Rubric, engine: str | None, seed: int,
                store: TranscriptFiles, address: Address) -> int:
    names = {c.id: c.name for c in rubric.criteria}
    practice = start_practice(persona, settings=settings, engine=engine, rubric=rubric, seed=seed, log=store,
                              address=address)
    c = practice.conversation
    store.save(c)
    print(f"{persona.display_name} · {persona.customer_name} · {persona.language} · {persona.difficulty.value}")
    print(" ".join(persona.situation.split()))
    print(f"[{c.engine}]")
    print("Type your reply and press Enter; /end to finish.\n")
    print(f"{persona.customer_name}: {c.opening}")
    print(f"  mood {meter(c.mood)} {c.mood}")
    loop = asyncio.get_running_loop()
    while not c.finished:
        try:
            reply = await loop.run_in_executor(None, lambda: input("you> "))
        except EOFError:
            break
        if reply.strip() in {"/end", "/quit"}:
            break
        if not reply.strip():
            continue
        record = await practice.turn(clean_text(reply))
        _print_turn(record, names)
        print(f"{persona.customer_name}: {record.customer}")
    end_conversation(c)
    store.save(c)
    card = scorecard(c, rubric)
    print(f"\n— {c.end.label if c.end else ''}" + (f" · score {card.score:.0%}" if card.score is not None else ""))
    for s in card.criteria:
        if s.judged or s.unjudged:
            print(f"  {s.name}: {s.passed}/{s.judged}" + (f" ({t('progress.unjudged', 'en', count=s.unjudged)})"
                                                          if s.unjudged else ""))
    if card.practise_next:
        print("  practise next: " + ", ".join(card.practise_next))
    print(f"transcript: {store.path(c.id)}")
    return 0


def practice_in_terminal(persona: Persona, *, settings: Settings, rubric: Rubric, engine: str | None, seed: int,
                         save_dir: str | None, address: Address = Address.NEUTRAL) -> int:
    """`address`: how the customer speaks to the trainee where the language marks it."""
    store = TranscriptFiles(Path(save_dir) if save_dir else transcripts_dir())
    try:
        return asyncio.run(_loop(persona, settings, rubric, engine, seed, store, address))
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return 130
