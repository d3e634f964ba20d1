"""`coach persona test`: play each persona with scripted trainees and check what it promises.

A persona promises a lesson: the good trainee can resolve it in a sensible number of turns, the
"yes, but", condescending and over-promising trainees make it worse or lose the customer, an
abusive customer turns abusive and can be released after the boundaries it asks for, every
band of lines is reached, and the customer has a line for what each trainee does first. The harness plays each trainee through the real turn loop with the
offline engine, so a trainer learns a persona is broken before a trainee does."""

from __future__ import annotations

import asyncio
from enum import Enum
from functools import cache

import yaml
from pydantic import BaseModel

from coach.customers import tagged_for
from coach.locations import shipped
from coach.mood import EndState
from coach.offline.address import address
from coach.personas import Persona
from coach.practice import start_practice
from coach.rubric import Rubric
from coach.settings import Settings

MAX_TURNS = 12
RESOLVE_WITHIN = 8  # turns the model trainee may take to resolve a persona
LOST = (EndState.WALKED_OUT, EndState.ESCALATED)


class Trainee(str, Enum):
    MODEL = "model"
    YES_BUT = "yes_but"
    CONDESCENDING = "condescending"
    OVER_PROMISER = "over_promiser"
    BOUNDARY = "boundary"  # provokes one "yes, but" at a time, then sets boundaries once abused
    SLIP = "slip"  # one "yes, but", then the model trainee: a mistake a trainee can recover from


@cache
def _lines() -> dict[str, dict[str, str]]:
    return yaml.safe_load(shipped("trainees.yaml").read_text(encoding="utf-8"))


def line(persona: Persona, kind: str) -> str:
    said = _lines()[persona.language][kind]
    return said.replace("{name}", address(persona.customer_name, persona.language))


class Run(BaseModel):
    """One scripted trainee's conversation: the moods after each turn, bands seen, how it ended."""

    trainee: Trainee
    moods: list[int]
    bands: list[str]
    end: EndState | None
    boundaries: int = 0
    abused_at: int | None = None  # the turn the customer first turned abusive
    answered: list[bool] = []  # per turn: the customer's line answered something the reply did

    @property
    def turns(self) -> int:
        return len(self.moods) - 1


class Promise(BaseModel):
    name: str
    kept: bool
    detail: str


class Report(BaseModel):
    persona: str
    runs: list[Run]
    promises: list[Promise]

    @property
    def ok(self) -> bool:
        return all(p.kept for p in self.promises)

    def text(self) -> str:
        lines = [f"{'ok  ' if self.ok else 'FAIL'} {self.persona}"]
        for run in self.runs:
            end = run.end.value if run.end else "still talking"
            lines.append(f"     {run.trainee.value:<14} {run.turns:>2} turns, mood {' '.join(map(str, run.moods))} "
                         f"→ {end}")
        lines += [f"     {'✓' if p.kept else '✗'} {p.name}: {p.detail}" for p in self.promises]
        return "\n".join(lines)


async def play(persona: Persona, trainee: Trainee, rubric: Rubric, settings: Settings) -> Run:
    practice = start_practice(persona, settings=settings, engine="offline", rubric=rubric)
    c = practice.conversation
    moods, bands = [c.mood], [practice.band]
    boundaries, abused_at = 0, None
    answered: list[bool] = []
    for turn in range(MAX_TURNS):
        if c.finished:
            break
        if trainee is Trainee.BOUNDARY:
            abusive = practice.band == "abusive"
            abused_at = turn if abusive and abused_at is None else abused_at
            kind = "boundary" if abusive else "provoker"
            boundaries += abusive
        elif trainee is Trainee.SLIP:
            kind = "yes_but" if turn == 0 else "model"
        else:
            kind = trainee.value
        record = await practice.turn(line(persona, kind))
        moods.append(record.mood_after)
        bands.append(record.band)
        answered.append(record.end is not None or record.customer in tagged_for(persona, record.grade, record.band))
    return Run(trainee=trainee, moods=moods, bands=bands, end=c.end, boundaries=boundaries, abused_at=abused_at,
               answered=answered)


def promises(persona: Persona, runs: dict[Trainee, Run]) -> list[Promise]:
    out = []
    model = runs[Trainee.MODEL]
    out.append(Promise(name="the model trainee resolves it",
                       kept=model.end is EndState.RESOLVED and model.turns <= RESOLVE_WITHIN,
                       detail=f"{model.end.value if model.end else 'not ended'} after {model.turns} turns "
                              f"(within {RESOLVE_WITHIN} expected)"))
    slip = runs[Trainee.SLIP]
    out.append(Promise(name="one slip can be recovered from", kept=slip.end is EndState.RESOLVED,
                       detail=f"{slip.end.value if slip.end else 'not ended'} after {slip.turns} turns "
                              f"(mood {' '.join(map(str, slip.moods))})"))
    for trainee in (Trainee.YES_BUT, Trainee.CONDESCENDING, Trainee.OVER_PROMISER):
        run = runs[trainee]
        worse = run.end in LOST or max(run.moods) > run.moods[0]
        kept = worse and run.end is not EndState.RESOLVED and not (run.end in LOST and run.turns < 2)
        out.append(Promise(name=f"the {trainee.value.replace('_', ' ')} trainee makes it worse, not at once",
                           kept=kept, detail=f"mood {run.moods[0]} → peak {max(run.moods)}, "
                                             f"{run.end.value if run.end else 'not ended'} after {run.turns} turns"))
    if persona.abuse:
        run = runs[Trainee.BOUNDARY]
        needed = persona.abuse.release_after_boundaries
        out.append(Promise(name="the customer turns abusive before walking out", kept=run.abused_at is not None,
                           detail=f"abusive from turn {run.abused_at + 1}" if run.abused_at is not None
                           else f"never abusive; {run.end.value if run.end else 'not ended'} (mood {run.moods[-1]})"))
        out.append(Promise(name=f"the boundary-setting trainee releases the call after {needed} boundaries",
                           kept=run.end is EndState.RELEASED and run.boundaries == needed,
                           detail=f"{run.end.value if run.end else 'not ended'} after {run.boundaries} boundaries"))
    unanswered = [t.value.replace("_", " ") for t in (Trainee.MODEL, Trainee.YES_BUT, Trainee.CONDESCENDING,
                                                       Trainee.OVER_PROMISER) if runs[t].answered[:1] != [True]]
    out.append(Promise(name="the customer answers what each trainee did first", kept=not unanswered,
                       detail="every first reply answered" if not unanswered else
                       f"no line in lines.answers for what the {', '.join(unanswered)} trainee did"))
    wanted = ["calm", "annoyed", "angry"] + (["abusive"] if persona.abuse else [])
    seen = {b for run in runs.values() for b in run.bands}
    missing = [b for b in wanted if b not in seen]
    out.append(Promise(name="every band of lines is reached", kept=not missing,
                       detail="all reached" if not missing else f"never reached: {', '.join(missing)}"))
    return out


async def rehearse(persona: Persona, rubric: Rubric, settings: Settings) -> Report:
    """Every scripted trainee against the persona, and which of its promises hold."""
    trainees = [t for t in Trainee if t is not Trainee.BOUNDARY or persona.abuse]
    played = await asyncio.gather(*(play(persona, t, rubric, settings) for t in trainees))
    runs = dict(zip(trainees, played, strict=True))
    return Report(persona=persona.id, runs=list(played), promises=promises(persona, runs))

