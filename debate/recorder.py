"""Where finished rounds go: the SQLite history (and its review schedule) and, in class, a results file.

The trainer calls :meth:`Recorder.round_done` the moment a round's feedback is shown, so a crash loses at most
the round in progress, and :meth:`Recorder.session_done` when a session ends.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from debate.errors import DebateError
from debate.session import MAX_POINTS, PracticeSession, RoundResult, Summary

if TYPE_CHECKING:
    from debate.history import HistoryStore
    from debate.results import AssignmentStamp, ResultsWriter


@dataclass
class _Open:
    history_id: str | None
    writer: ResultsWriter | None


@dataclass
class Recorder:
    """Records the rounds of any number of sessions (one app may run several in a row)."""

    store: HistoryStore | None = None
    """The history database, or None to keep no history."""
    results_dir: Path | None = None
    """The classroom results folder, or None."""
    student: str | None = None
    """The student's name, for history and results files."""
    assignment: AssignmentStamp | dict[str, Any] | None = None
    """What results files record about the assignment being run (:func:`debate.results.assignment_stamp`)."""
    notices: list[str] = field(default_factory=list)
    """One-line messages for the user (history moved aside, results file written...)."""
    history_for: Callable[[str], HistoryStore | None] | None = None
    """Served sessions: opens the named student's own history once they give their name (see :meth:`name`)."""
    _open: dict[int, _Open] = field(default_factory=dict)

    @property
    def needs_name(self) -> bool:
        """The trainer must ask who is practising: results files or a per-student history need a name."""
        return (self.results_dir is not None or self.history_for is not None) and not (self.student or "").strip()

    def name(self, student: str) -> None:
        """The student gave their name; a served session opens that student's own history (and only theirs)."""
        self.student = student
        if self.history_for is not None and self.store is None:
            try:
                self.store = self.history_for(student)
            except DebateError as exc:  # the trainer still works; it just cannot remember this student's rounds
                self.notices.append(f"{exc} (practising without history)")

    def _start(self, session: PracticeSession) -> _Open:
        key = id(session)
        if key not in self._open:
            history_id = None
            if self.store is not None:
                history_id = self.store.start_session(session.motion.id, session.side, session.mode, self.student)
            writer = None
            if self.results_dir is not None and self.student:
                from debate.results import ResultsWriter

                writer = ResultsWriter(
                    self.results_dir,
                    self.student,
                    session.motion.id,
                    session.motion.title,
                    session.side,
                    session.mode,
                    MAX_POINTS,
                    arguments=session.total,
                    assignment=self.assignment,
                )
            self._open[key] = _Open(history_id, writer)
        return self._open[key]

    def round_done(self, session: PracticeSession, result: RoundResult) -> None:
        """Commit one finished round everywhere it belongs."""
        state = self._start(session)
        if self.store is not None and state.history_id is not None:
            from debate.history import RoundRecord

            best = result.best
            self.store.record_round(
                state.history_id,
                RoundRecord(
                    motion_id=session.motion.id,
                    argument_id=result.argument.id,
                    side=session.opponent,
                    answer=result.answer,
                    score=0.0 if result.skipped or best is None else min(1.0, max(0.0, best.score)),
                    points=result.points,
                    max_points=MAX_POINTS,
                    hits=tuple(v.candidate_id for v in result.hits),
                    nears=tuple(v.candidate_id for v in result.nears),
                    hints_used=result.hints_used,
                    seconds=result.seconds,
                    at=self.store.clock(),
                    assisted=result.assisted,
                    hints=tuple(f"{hint.level}: {hint.text}" for hint in result.hints),
                ),
            )
        if state.writer is not None:
            state.writer.add_round(result)

    def session_done(self, session: PracticeSession, summary: Summary) -> None:
        """Close the session's records (history totals, the results file's last write)."""
        state = self._open.pop(id(session), None)
        if state is None:
            return
        if self.store is not None and state.history_id is not None:
            self.store.finish_session(state.history_id, summary.total, summary.max_total)
        if state.writer is not None:
            # ended early (the student quit) or every argument reached; a session never ended stays "running"
            path = state.writer.finish("quit" if session.ended_early else "finished")
            self.notices.append(f"Results saved to {path}")
