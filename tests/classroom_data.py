"""Results folders for classroom tests and timings: a class of students answering a real assignment.

Run by hand to time the report::

    .venv/bin/python tests/classroom_data.py /tmp/class600 --students 300 --attempts 2
    time .venv/bin/debate report /tmp/class600 --assignment /tmp/class600/assignment.yaml > /dev/null
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from debate.assignment import Assignment
from debate.discovery import discover
from debate.model import Motion, other_side
from debate.results import ResultsWriter, assignment_stamp

ASSIGNMENT_YAML = """\
schema: 1
kind: assignment
id: week-3
title: Week 3 - uniforms and the four-day week
motions:
  - id: school-uniforms
    side: opposition
  - id: four-day-week
    side: proposition
pass_mark: 60
due: '2026-11-27'
"""

FIRST = ["Ana", "Ben", "Chloé", "Dev", "Emeka", "Fatima", "Gus", "Hana", "Ivan", "Jules", "Kofi", "Lena", "Mateo"]
LAST = ["Lima", "Okafor", "Martin", "Patel", "Nwosu", "Haddad", "Berg", "Sato", "Petrov", "Roux", "Mensah", "Kowalski"]


@dataclass(frozen=True)
class FakeArgument:
    id: str
    claim: str


@dataclass(frozen=True)
class FakeVerdict:
    candidate_id: str
    score: float
    verdict: str


@dataclass(frozen=True)
class FakeRound:
    argument: FakeArgument
    answer: str
    verdicts: tuple[FakeVerdict, ...]
    points: int
    hints_used: int = 0
    seconds: float = 40.0
    outcome: str = "miss"
    skipped: bool = False
    timed_out: bool = False


def ticking(start: datetime.datetime, step: float = 30.0) -> Callable[[], datetime.datetime]:
    """A wall clock that moves ``step`` seconds each time it is read."""
    now = [start - datetime.timedelta(seconds=step)]

    def clock() -> datetime.datetime:
        now[0] += datetime.timedelta(seconds=step)
        return now[0]

    return clock


def round_for(argument_id: str, claim: str, rebuttals: Sequence[str], outcome: str, answer: str = "") -> FakeRound:
    """A round with the given outcome: a hit scores 8, a near 2, anything else 0."""
    verdicts = tuple(
        FakeVerdict(r, 0.8 if (outcome == "hit" and i == 0) else 0.4 if (outcome == "near" and i == 0) else 0.1,
                    "hit" if (outcome == "hit" and i == 0) else "near" if (outcome == "near" and i == 0) else "miss")
        for i, r in enumerate(rebuttals)
    )  # fmt: skip
    points = {"hit": 8, "near": 2}.get(outcome, 0)
    text = answer or f"My answer about {argument_id}: {outcome}."
    return FakeRound(
        FakeArgument(argument_id, claim),
        "" if outcome == "skipped" else text,
        verdicts,
        points,
        outcome=outcome,
        skipped=outcome == "skipped",
        timed_out=outcome == "timeout",
    )


def play_session(
    folder: Path,
    student: str,
    motion: Motion,
    side: str,
    outcomes: Sequence[str],
    *,
    assignment: Assignment | None = None,
    start: datetime.datetime = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC),
    end: str = "finished",
) -> Path:
    """One session on ``motion``: one outcome per argument in order (fewer outcomes: the rest not reached).

    ``end`` is finished, quit, running (the file never ended and was written just now: the student is still at it)
    or closed (never ended either, and its file has not changed for an hour: the browser tab was closed).
    """
    arguments = motion.arguments(other_side(side))  # type: ignore[arg-type]
    writer = ResultsWriter(
        folder,
        student,
        motion.id,
        motion.title,
        side,
        "full",
        10,
        arguments=len(arguments),
        assignment=assignment_stamp(assignment) if assignment else None,
        clock=ticking(start),
    )
    for argument, outcome in zip(arguments, outcomes, strict=False):
        writer.add_round(round_for(argument.id, argument.claim, [r.id for r in argument.rebuttals], outcome))
    if end in ("finished", "quit"):
        writer.finish(end)
    elif end == "closed":
        quiet = time.time() - 3600
        os.utime(writer.path, (quiet, quiet))
    return writer.path


def generate(folder: Path, students: int, attempts: int = 1, seed: int = 1) -> Path:
    """A class of ``students`` doing the bundled two-motion assignment ``attempts`` times; returns the assignment."""
    from debate.assignment import load_assignment

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "assignment.yaml"
    path.write_text(ASSIGNMENT_YAML, encoding="utf-8")
    assignment = load_assignment(path)
    library = discover()
    rng = random.Random(seed)
    for i in range(students):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}" + (f" {i}" if i >= 150 else "")
        for a in range(attempts):
            for k, (motion_id, side) in enumerate(assignment.motions):
                motion = library.get(motion_id)
                count = len(motion.arguments(other_side(side)))
                outcomes = rng.choices(["hit", "near", "miss", "skipped", "timeout"], [5, 2, 3, 1, 1], k=count)
                start = datetime.datetime(2026, 11, 24 + a, 9, 0, tzinfo=datetime.UTC) + datetime.timedelta(
                    minutes=30 * k + i
                )
                play_session(folder, name, motion, side, outcomes, assignment=assignment, start=start)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--attempts", type=int, default=1, help="sessions per student and motion")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    path = generate(args.folder, args.students, args.attempts, args.seed)
    print(f"wrote {len(list(args.folder.glob('*.json')))} results files and {path}")


if __name__ == "__main__":
    main()
