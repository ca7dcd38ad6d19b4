"""The records the history stores and reads back: sessions, rounds, progress per motion, mastery per argument.

Plain frozen data; times are timezone-aware datetimes in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from debate.model import Side
from debate.review import utc_now

MASTERY_WINDOW = 3
"""Mastery is taken over an argument's last this-many answers."""
TREND_LENGTH = 10
"""How many session percentages a motion's trend holds."""
WEAK_BELOW = 0.5
"""An argument whose mastery (points earned without help, 0..1) is under this is weak."""


@dataclass(frozen=True)
class SessionRecord:
    """One practice session as stored."""

    id: str
    """uuid4 hex."""
    started_at: datetime
    """When it started (UTC)."""
    finished_at: datetime | None
    """When it finished (UTC); None if it never did (quit or killed)."""
    motion_id: str
    """The motion practised."""
    side: Side
    """The side the student took."""
    mode: str
    """The session mode (full, quick, timed, drill)."""
    student: str | None
    """The student's name, if one was given."""
    total: int
    """Points scored (set by finish_session; 0 until then)."""
    max_total: int
    """Points available (set by finish_session; 0 until then)."""
    answered: int = 0
    """How many of its arguments have a stored round (answered, skipped or timed out)."""
    arguments: int = 0
    """How many arguments it put to the student: its points available over one round's (0 until it finished)."""
    results: bool | None = None
    """Its rounds also went to a class results folder, where a teacher reads them and their contests; None for a
    session stored before the history kept this."""
    label: str | None = None
    """What the trainer called it when its mode does not say it all: the drill it belonged to ('Review due', 'Weak
    spots', 'Rapid fire'); None when its mode names it."""

    @property
    def percent(self) -> float | None:
        """Points scored as a percentage of those available; None before the session finished."""
        if self.finished_at is None or self.max_total <= 0:
            return None
        return 100.0 * self.total / self.max_total

    @property
    def ended_early(self) -> bool:
        """It finished with arguments not reached: the student quit mid-way or ended it early (the arguments left
        count as 0)."""
        return self.finished_at is not None and self.answered < self.arguments


@dataclass(frozen=True)
class RoundRecord:
    """One answered (or skipped) argument as stored."""

    motion_id: str
    """The motion."""
    argument_id: str
    """The argument that was rebutted."""
    side: Side
    """The side that makes that argument (the one being rebutted, not the student's)."""
    answer: str
    """What the student typed ('' for a skip)."""
    score: float
    """The best verdict score, 0..1 (0.5 or more is a hit)."""
    points: int
    """Points earned."""
    max_points: int
    """Points available."""
    hits: tuple[str, ...] = ()
    """Ids of the rebuttals hit."""
    nears: tuple[str, ...] = ()
    """Ids of the rebuttals nearly hit."""
    hints_used: int = 0
    """How many hints were shown."""
    seconds: float = 0.0
    """Time spent on the argument."""
    at: datetime = field(default_factory=utc_now)
    """When the answer was submitted (stored in UTC)."""
    session_id: str = ""
    """The session it belongs to (filled in when read back; record_round takes it as an argument)."""
    id: int | None = None
    """Row id (filled in when read back; record_round returns it)."""
    assisted: bool = False
    """The answer was helped by a hint (see :mod:`debate.assist`): it earns no mastery and schedules as a miss."""
    hints: tuple[str, ...] = ()
    """The hints taken, as ``"level: text"``."""


@dataclass(frozen=True)
class MotionProgress:
    """How a student is doing on one motion over finished sessions."""

    motion_id: str
    """The motion."""
    sessions: int
    """How many finished sessions count (those with points available)."""
    best: float
    """Best session percentage (of its rounds: a drill of a few arguments counts only when there is no other)."""
    last: float
    """Latest session percentage (the same sessions)."""
    trend: tuple[float, ...]
    """The percentages of the last :data:`TREND_LENGTH` of those sessions, oldest first."""
    last_at: datetime
    """When the latest counted session started (UTC)."""


@dataclass(frozen=True)
class Mastery:
    """How well one argument is answered."""

    motion_id: str
    """The motion."""
    argument_id: str
    """The argument."""
    side: Side
    """The side that makes the argument."""
    attempts: int
    """How many times it was answered (skips included)."""
    recent_score: float
    """Mean best score over the last :data:`MASTERY_WINDOW` answers, an assisted answer counting 0."""
    best_score: float
    """The best score ever."""
    last_at: datetime
    """When it was last answered (UTC)."""
    mastery: float = 0.0
    """Points earned without help over the last :data:`MASTERY_WINDOW` answers, as a share of those available
    (0..1): an assisted answer earns none. What the screens show as mastery."""
