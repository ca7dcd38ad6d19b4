"""What the screens ask the app to do: messages up, attributes down.

A screen posts one of these (it bubbles to the app, which routes it); it never imports the app or writes its state.
What a screen needs to show, it is given when it is made. A dialog returns its answer with ``dismiss`` instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.message import Message

from debate.model import Motion, Side
from debate.session import Mode, PracticeSession, RoundResult

Drill = Literal["review", "weak", "rapid", "case"]
"""The drills: review due, weak spots (both across motions), rapid fire and case building (on one motion)."""


@dataclass(eq=False)
class StartSession(Message):
    """Start a new session on a motion (from the picker or study mode); any run under way is dropped."""

    motion: Motion
    side: Side
    mode: Mode
    first: tuple[str, ...] = ()
    """Argument ids to put first (study mode's test: the arguments just studied)."""
    studied: tuple[str, ...] = ()
    """Argument ids whose model rebuttals were just on the study screen: answers to them count as assisted."""


@dataclass(eq=False)
class ContinueSession(Message):
    """Play the motion of an earlier session again, on the same side (the home screen's "again";
    :func:`debate.runs.replay` says how)."""

    motion_id: str
    side: Side
    mode: str
    label: str | None = None
    """What the trainer called the session (the drill it belonged to), if its mode does not say it all."""


@dataclass(eq=False)
class StartDrill(Message):
    """Start a drill; rapid fire and case building are on ``motion`` (None: none is highlighted)."""

    drill: Drill
    motion: Motion | None = None
    side: Side = "proposition"


@dataclass(eq=False)
class OpenStudy(Message):
    """Open study mode on a motion; None: none was studied or practised yet, so the student chooses one in the motion
    library (Enter there studies it)."""

    motion_id: str | None = None


@dataclass(eq=False)
class OpenHistory(Message):
    """Show the practice history."""


@dataclass(eq=False)
class OpenHome(Message):
    """Back to the home screen (what to do today): everything above the picker closes, any run is dropped."""


@dataclass(eq=False)
class RoundScored(Message):
    """A round of ``session`` was scored (answer, skip or time-out): record it."""

    session: PracticeSession
    result: RoundResult


@dataclass(eq=False)
class ContestRound(Message):
    """The student contests a round's verdict: ``kind`` is credit or no_credit, with their reason."""

    session: PracticeSession
    result: RoundResult
    kind: str
    rebuttal: str | None


@dataclass(eq=False)
class SessionFinished(Message):
    """The session is over (every argument answered, or finished early): show its summary."""

    session: PracticeSession


@dataclass(eq=False)
class SummaryNext(Message):
    """The summary's "next" key inside a run: its next session, or the assignment's result."""


@dataclass(eq=False)
class BackToPicker(Message):
    """Close everything above the motion picker (and drop the rest of a run)."""


@dataclass(eq=False)
class BeginAssignment(Message):
    """The assignment's intro was read: play its motions in order."""


@dataclass(eq=False)
class ContentShown(Message):
    """A first screen (home or picker) has painted its real content."""

    screen: str
