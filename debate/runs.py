"""Runs of practice sessions: what to play, what comes next, and an assignment's result. Pure: no Textual, no store.

A run is one session (full, quick or timed, from the picker), a drill over several motions, or an assignment's
motions in order. The TUI asks a :class:`Run` which session to start next, what the summary's "next" key does, and
adds each finished session to it; an assignment's run then adds its sessions up against the pass mark
(:func:`assignment_result`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from debate.drills import RAPID_FIRE
from debate.model import Argument, Motion, Side
from debate.scoring import MAX_POINTS
from debate.session import MODES, Mode

if TYPE_CHECKING:
    from debate.assignment import Assignment
    from debate.drills import DrillPlan

AfterSummary = Literal["next", "result", "picker"]
"""What the summary's "next" key does: start the next session, show the assignment's result, or go back."""


@dataclass(frozen=True)
class PlannedSession:
    """A session waiting its turn in a run (a drill over many motions, or an assignment)."""

    motion: Motion
    """The motion."""
    side: Side
    """The side the user takes."""
    mode: Mode
    """How it is played."""
    arguments: tuple[Argument, ...] | None = None
    """Exactly these arguments (drills); None lets the mode choose."""
    time_limit: float | None = None
    """Seconds per argument, or None (a timed session then takes the app's limit)."""


@dataclass(frozen=True)
class AssignmentPart:
    """One finished session of an assignment, for the final screen."""

    motion: Motion
    """The motion."""
    side: Side
    """The side the student argued."""
    points: int
    """Points scored."""
    available: int
    """Points available: every argument of the session, answered or not."""


@dataclass(frozen=True)
class AssignmentResult:
    """An assignment's sessions added up against its pass mark."""

    parts: tuple[AssignmentPart, ...]
    """Each finished session, in the order played."""
    points: int
    """Points scored over every session."""
    available: int
    """Points available over every session."""
    percent: float
    """``points`` as a percentage of ``available`` (0 when nothing was available)."""
    pass_mark: int
    """The percentage needed to pass."""
    passed: bool
    """Whether the total reached the pass mark (never with nothing available)."""


def assignment_result(parts: Iterable[AssignmentPart], pass_mark: int) -> AssignmentResult:
    """Add up an assignment's sessions: it passes when points reach ``pass_mark`` percent of the points available."""
    parts = tuple(parts)
    points = sum(p.points for p in parts)
    available = sum(p.available for p in parts)
    percent = 100.0 * points / available if available else 0.0
    return AssignmentResult(parts, points, available, percent, pass_mark, bool(available) and percent >= pass_mark)


Replay = Literal["same", "rapid", "quick"]
"""What "again" plays after a session: its mode again, rapid fire again, or a Quick 3 on its motion."""


def replay(mode: str, label: str | None) -> Replay:
    """What the home screen's "again" plays after a session of ``mode`` that the trainer called ``label``: a full,
    quick or timed session the same again; rapid fire (on one motion and side) again; any other drill (review due,
    weak spots: their arguments come from the whole history, and r and w start those) a Quick 3 on the motion, which
    puts its due and weak arguments first."""
    if mode in ("full", "quick", "timed"):
        return "same"
    if label == RAPID_FIRE:
        return "rapid"
    return "quick"


def session_time_limit(mode: str, planned: float | None, default: float | None) -> float | None:
    """Seconds per argument for a session: the plan's own limit, else ``default`` in timed mode, else none."""
    if planned is not None:
        return planned
    return default if mode == "timed" else None


def drill_plans(plans: Iterable[DrillPlan]) -> list[PlannedSession]:
    """Drill plans as "drill" sessions, in order; a plan with no arguments is left out."""
    return [PlannedSession(p.motion, p.side, "drill", tuple(p.arguments), p.time_limit) for p in plans if p.arguments]


def assignment_mode(assignment: Assignment) -> Mode:
    """The mode an assignment's sessions are played in (an unknown mode plays a full round)."""
    return assignment.mode if assignment.mode in MODES else "full"


def missing_motions(assignment: Assignment, motions: Mapping[str, Motion]) -> list[str]:
    """The ids of the assignment's motions that are not in ``motions``, in the assignment's order."""
    return [motion_id for motion_id, _ in assignment.motions if motion_id not in motions]


def assignment_plans(assignment: Assignment, motions: Mapping[str, Motion]) -> list[PlannedSession]:
    """The assignment's sessions in its order: each motion on its side, in its mode, with its time limit (a motion
    that is not in ``motions`` is left out)."""
    mode = assignment_mode(assignment)
    limit = float(assignment.time_limit) if assignment.time_limit is not None else None
    return [
        PlannedSession(motions[motion_id], side, mode, None, limit)
        for motion_id, side in assignment.motions
        if motion_id in motions
    ]


@dataclass
class Run:
    """The sessions still to play in a run, what the run is called, and (an assignment's) the sessions played."""

    label: str = ""
    """What the run is called ('Review due', the assignment's title…); '' for a single session."""
    planned: list[PlannedSession] = field(default_factory=list)
    """Sessions still to play, in order."""
    pass_mark: int | None = None
    """An assignment's pass mark; None for any other run."""
    parts: list[AssignmentPart] = field(default_factory=list)
    """An assignment's finished sessions so far."""

    @classmethod
    def single(cls) -> Run:
        """No run: one session at a time, from the picker (or nothing yet)."""
        return cls()

    @classmethod
    def of(cls, plans: Iterable[PlannedSession], label: str) -> Run:
        """A drill (or any other run) of ``plans``, played one after the other."""
        return cls(label, list(plans))

    @classmethod
    def drill(cls, plans: Iterable[DrillPlan], label: str) -> Run:
        """A drill: ``plans`` as "drill" sessions, played one after the other."""
        return cls(label, drill_plans(plans))

    @classmethod
    def for_assignment(cls, assignment: Assignment, motions: Sequence[Motion]) -> Run:
        """The assignment's motions in order; its finished sessions are added up against its pass mark."""
        by_id = {m.id: m for m in motions}
        return cls(assignment.title, assignment_plans(assignment, by_id), assignment.pass_mark)

    @property
    def is_assignment(self) -> bool:
        """This run is an assignment (its sessions count towards a result)."""
        return self.pass_mark is not None

    def next_session(self) -> PlannedSession | None:
        """Take the next session to play off the plan; None when none is left."""
        return self.planned.pop(0) if self.planned else None

    def session_ended(self, motion: Motion, side: Side, points: int, arguments: int) -> None:
        """A session of the run ended with ``points`` over ``arguments`` arguments (each worth MAX_POINTS)."""
        if self.is_assignment:
            self.parts.append(AssignmentPart(motion, side, points, MAX_POINTS * arguments))

    def stop(self) -> None:
        """Drop the sessions not played yet (an assignment keeps the ones it has)."""
        self.planned.clear()

    @property
    def after_summary(self) -> AfterSummary:
        """What the summary's "next" key does: the next session, the assignment's result, or back to the picker."""
        if self.planned:
            return "next"
        if self.is_assignment:
            return "result"
        return "picker"

    @property
    def next_label(self) -> str | None:
        """What the summary shows for its "next" key inside a run; None outside one."""
        if self.planned:
            return f"Next ({len(self.planned)} to go)"
        if self.is_assignment:
            return "Assignment result"
        return None

    def result(self) -> AssignmentResult:
        """The assignment's sessions so far, added up against its pass mark."""
        return assignment_result(self.parts, self.pass_mark or 0)
