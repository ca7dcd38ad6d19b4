"""Where finished rounds go: the SQLite history (and its review schedule) first, then, in class, a results file.

The trainer calls :meth:`Recorder.session_started` when a session shows its first argument (the session's start in
history and the results file), :meth:`Recorder.round_done` the moment a round's feedback is shown, so a crash loses at
most the round in progress, and :meth:`Recorder.session_done` when a session ends. Nothing is written before the
first round: a session left before any answer leaves no trace.

The two destinations fail apart. History is committed first and keeps every round whatever happens to the results
folder; a results file that cannot be written (a read-only or vanished folder, a full disk) is a notice for the
student, never an error, and is written again on the next round, the next session end or :meth:`Recorder.retry`,
until it is up to date. A history write that fails raises (after the results file had its try) and is retried the
same way, so a round is never dropped from either.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from debate.errors import DebateError
from debate.review import utc_now
from debate.scoring import MAX_POINTS
from debate.session import PracticeSession, RoundResult, Summary

if TYPE_CHECKING:
    from debate.history import HistoryStore, RoundRecord
    from debate.results import AssignmentStamp, ResultsWriter


class SessionObserver(Protocol):
    """Told about every finished round and every ended session (the :class:`Recorder` is one; the trainer takes
    any number)."""

    def round_done(self, session: PracticeSession, result: RoundResult) -> None:
        """A round of ``session`` was scored (answer, skip or time-out)."""

    def session_done(self, session: PracticeSession, summary: Summary) -> None:
        """``session`` ended (finished, or quit mid-way), once."""


@dataclass(frozen=True)
class Hooks:
    """An observer made of two plain callables: every scored result, and the summary of each session that has at
    least one result."""

    on_round: Callable[[RoundResult], None] | None = None
    on_session_end: Callable[[Summary], None] | None = None

    def round_done(self, session: PracticeSession, result: RoundResult) -> None:
        """Call ``on_round`` with the result."""
        if self.on_round is not None:
            self.on_round(result)

    def session_done(self, session: PracticeSession, summary: Summary) -> None:
        """Call ``on_session_end`` with the summary, unless no round was played."""
        if self.on_session_end is not None and summary.results:
            self.on_session_end(summary)


@dataclass
class _Open:
    """One session's records: its rounds, and how far each destination has taken them."""

    session: PracticeSession
    started: datetime
    """When the session started (its first argument was shown; else its first round was scored)."""
    rounds: list[tuple[RoundResult, datetime]] = field(default_factory=list)
    """Every round so far, with when it was scored."""
    summary: Summary | None = None
    """Set when the session ended."""
    history_id: str | None = None
    recorded: int = 0
    """Rounds committed to history."""
    round_ids: list[int] = field(default_factory=list)
    """History row id of each committed round (for contests)."""
    contests_for_history: dict[int, tuple[str, str | None]] = field(default_factory=dict)
    """Round index -> a contest (kind, rebuttal) not yet in history."""
    contests_for_export: dict[int, tuple[str, str | None]] = field(default_factory=dict)
    """Round index -> a contest not yet in the results file."""
    history_finished: bool = False
    writer: ResultsWriter | None = None
    export_finished: bool = False

    @property
    def exported(self) -> int:
        """Rounds written to the results file."""
        return len(self.writer.rounds) if self.writer is not None else 0


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
    history_problem: str | None = None
    """Why there is no history (the data folder cannot be written...), for the screen to say; None if none."""
    notices: list[str] = field(default_factory=list)
    """One-line messages for the user (history moved aside, results file written or not...)."""
    history_for: Callable[[str], HistoryStore | None] | None = None
    """Served sessions: opens the named student's own history once they give their name (see :meth:`name`)."""
    _open: dict[str, _Open] = field(default_factory=dict)
    """Session id -> the records of a session not fully saved yet."""
    _started: dict[str, datetime] = field(default_factory=dict)
    """Session id -> when it showed its first argument, until its first round opens its records."""
    _export_problem: str | None = None
    _rounds: dict[tuple[str, int], tuple[_Open, int]] = field(default_factory=dict)
    """(session id, round index) -> that session's records and the round's place in them, for contests."""
    _blank: HistoryStore | None = field(default=None, repr=False)

    @classmethod
    def disabled(cls) -> Recorder:
        """A recorder that records nothing: no history, no results folder (its writes do nothing)."""
        return cls()

    @property
    def enabled(self) -> bool:
        """Something records: a history, a results folder, or a per-student history opened once named."""
        return self.store is not None or self.results_dir is not None or self.history_for is not None

    @property
    def keeps_history(self) -> bool:
        """Rounds go to a history database (and so there is one to read)."""
        return self.store is not None

    @property
    def history(self) -> HistoryStore:
        """The history to read: the store, or, without one, a blank history (in memory, empty) whose reads find
        nothing, so readers never test for None."""
        if self.store is not None:
            return self.store
        if self._blank is None:
            from debate.history import HistoryStore

            self._blank = HistoryStore.open(Path(":memory:"))
        return self._blank

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

    @property
    def served(self) -> bool:
        """A `debate serve` browser session: the student sees no path of the server's, and files go to the browser."""
        return self.history_for is not None

    @property
    def exporting(self) -> bool:
        """Rounds go to a results file (a results folder and a student's name)."""
        return self.results_dir is not None and bool((self.student or "").strip())

    @property
    def export_problem(self) -> str | None:
        """Why the results file could not be written the last time it was tried, or None (it is up to date)."""
        return self._export_problem

    @property
    def behind(self) -> bool:
        """Some round or session end has not reached the history or the results file yet (it waits for a retry)."""
        return any(s.summary is not None or not self._up_to_date(s) for s in self._open.values())

    def now(self) -> datetime:
        """The wall clock rounds, sessions and results files are stamped by: the history's when there is one (tests
        inject it), else UTC now."""
        return self.store.clock() if self.store is not None else utc_now()

    def session_started(self, session: PracticeSession) -> None:
        """``session`` is showing its first argument: note the time as its start. Nothing is written (the history
        and the results file take it with the first round), so it is safe on the screen's thread."""
        if self.enabled:
            self._started.setdefault(session.id, self.now())

    def round_done(self, session: PracticeSession, result: RoundResult) -> None:
        """Commit one finished round to history, then write it to the results file (see the module docstring)."""
        # stamped now, whenever it reaches the history
        at = self.now()
        state = self._open.get(session.id)
        if state is None:
            state = self._open[session.id] = _Open(session, self._started.pop(session.id, at))
        state.rounds.append((result, at))
        self._rounds[session.id, result.index] = (state, len(state.rounds) - 1)
        self.retry()

    def contest(self, session: PracticeSession, result: RoundResult, kind: str, rebuttal: str | None = None) -> str:
        """Save the student's contest of a recorded round (history and results file); return what to tell them.

        The points stay as they are: the teacher rules on the contest. ``kind`` is ``credit`` or ``no_credit``. A
        round that has not reached the history or the results file yet takes its contest along when it does.
        """
        entry = self._rounds.get((session.id, result.index))
        if entry is None or entry[0].rounds[entry[1]][0] is not result:
            return "This round was not saved, so the contest could not be sent."
        state, index = entry
        if self.store is None and not self.exporting:
            return "Nothing records this session (no history, no results folder): the contest was not sent."
        state.contests_for_history[index] = state.contests_for_export[index] = (kind, rebuttal)
        with contextlib.suppress(Exception):  # the history is busy or broken: the contest waits with its round
            self.retry()
        if self.exporting:
            return "Contest sent to your teacher. Your points stay as they are until it is marked."
        return (
            "Contest saved in your history. No teacher reads this session (it has no results folder), so your points "
            "stay as they are."
        )

    def session_done(self, session: PracticeSession, summary: Summary) -> None:
        """Close the session's records (history totals, the results file's last write)."""
        self._started.pop(session.id, None)  # (ended before any round: nothing to write)
        state = self._open.get(session.id)
        if state is None:
            return
        state.summary = summary
        self.retry()

    def retry(self) -> None:
        """Bring every session's history and results file up to date; raise the first history error, if any."""
        error: Exception | None = None
        for key, state in list(self._open.items()):
            try:
                self._commit(state)
            except Exception as exc:
                error = error or exc
            self._export(state)
            if state.summary is not None and state.history_finished and (state.export_finished or not self.exporting):
                del self._open[key]
        if error is not None:
            raise error

    # ---- history

    def _commit(self, state: _Open) -> None:
        store = self.store
        if store is None:
            state.history_finished = True
            return
        session = state.session
        if state.history_id is None:
            state.history_id = store.start_session(
                session.motion.id,
                session.side,
                session.mode,
                self.student,
                state.started,
                results=self.exporting,
                label=session.label or None,
            )
        while state.recorded < len(state.rounds):
            row = store.record_round(state.history_id, self._record(session, *state.rounds[state.recorded]))
            state.round_ids.append(row)
            state.recorded += 1
        for index, (kind, rebuttal) in list(state.contests_for_history.items()):
            if index < len(state.round_ids):
                store.contest_round(state.round_ids[index], kind, rebuttal)
                del state.contests_for_history[index]
        if state.summary is not None and not state.history_finished:
            store.finish_session(state.history_id, state.summary.total, state.summary.max_total)
            state.history_finished = True

    @staticmethod
    def _record(session: PracticeSession, result: RoundResult, at: datetime) -> RoundRecord:
        from debate.history import RoundRecord

        best = result.best
        return RoundRecord(
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
            at=at,
            assisted=result.assisted,
            hints=tuple(f"{hint.level}: {hint.text}" for hint in result.hints),
        )

    # ---- results file

    def _up_to_date(self, state: _Open) -> bool:
        history = self.store is None or state.recorded == len(state.rounds)
        return history and (not self.exporting or state.exported == len(state.rounds))

    def _export(self, state: _Open) -> None:
        """Write what the results file is missing; a failure becomes one notice (until it works again)."""
        if not self.exporting or state.export_finished:
            return
        try:
            path, finished = self._write_results(state)
        except Exception as exc:
            problem = _reason(exc)
            if self._export_problem is None:
                self.notices.append(
                    f"Could not write your results file{'' if self.served else f' in {self.results_dir}'} ({problem}). "
                    "Your rounds are kept and debate tries again after the next round."
                )
            self._export_problem = problem
            return
        if self._export_problem is not None:
            self._export_problem = None
            if not finished:
                self.notices.append(f"Your results file is up to date again: {self._where(path)}")
        if finished:
            self.notices.append(f"Results saved {'for your teacher' if self.served else 'to'} {self._where(path)}")

    def _where(self, path: Path) -> str:
        """A results file as the student is shown it: its path, or in a served session its name alone."""
        return f"({path.name})" if self.served else str(path)

    def _write_results(self, state: _Open) -> tuple[Path, bool]:
        """Bring the session's results file up to date: its path, and whether the session's last write is done."""
        from debate.results import ResultsWriter

        assert self.results_dir is not None and self.student is not None
        session = state.session
        if state.writer is None:
            state.writer = ResultsWriter(
                self.results_dir,
                self.student,
                session.motion.id,
                session.motion.title,
                session.side,
                session.mode,
                MAX_POINTS,
                arguments=session.total,
                assignment=self.assignment,
                clock=self.now,
                started=state.started,
            )
        writer = state.writer
        while len(writer.rounds) < len(state.rounds):
            done = len(writer.rounds)
            try:
                writer.add_round(state.rounds[done][0])
            except BaseException:
                del writer.rounds[done:]  # not on disk: the next try writes it again
                raise
        for index, (kind, rebuttal) in list(state.contests_for_export.items()):
            if index < len(writer.rounds):
                writer.contest(index, kind, rebuttal)
                del state.contests_for_export[index]
        if state.summary is None:
            return writer.path, False
        # ended early (the student quit) or every argument reached; a session never ended stays "running"
        writer.finish("quit" if session.ended_early else "finished")
        state.export_finished = True
        return writer.path, True


def _reason(exc: BaseException) -> str:
    """A few words on why a write failed."""
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return str(getattr(exc, "message", None) or exc or type(exc).__name__)
