"""Opening the trainer from the command line: plain ``debate``, ``debate practice`` and ``debate study``.

Kept apart from :mod:`debate.cli` so that the start-up benchmark (:mod:`debate.bench.firstframe`) starts the
trainer exactly as ``debate`` does (:func:`debate.cli_args.parse_args`, then :func:`cmd_tui`) without importing the
command line that dispatches to it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from debate.errors import DebateError, MotionError, UsageError
from debate.model import Side
from debate.text_safety import printable

if TYPE_CHECKING:
    from debate.assignment import Assignment
    from debate.results import AssignmentStamp
    from debate.tui.app import DebateApp

T = TypeVar("T")


def motion_library(args: argparse.Namespace) -> Any:
    """The motions the command line names (bundled, DEBATE_MOTIONS, --motions); problems are warnings on stderr."""
    from debate.discovery import discover

    library = discover(getattr(args, "motions", []) or [])
    for problem in library.problems:
        print(f"warning: {printable(problem)}", file=sys.stderr)
    return library


def open_history() -> Any:
    """The practice history store; a data folder that cannot be made is one line (a :class:`DebateError`)."""
    from debate.history import HistoryStore

    try:
        store = HistoryStore.open()
    except OSError as exc:  # the data folder itself cannot be made or reached
        where = f" {printable(exc.filename)}" if isinstance(exc.filename, str) else ""
        raise DebateError(f"cannot use the data folder{where}: {exc.strerror or exc}") from None
    if store.notice:
        print(f"debate: {store.notice}", file=sys.stderr)
    return store


def _in_background(work: Callable[[], T]) -> Callable[[], T]:
    """Start ``work`` in a daemon thread now; the returned callable waits for its result (or raises its error)."""
    import threading

    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = work()
        except BaseException as exc:  # handed to whoever waits for the result
            box["error"] = exc

    thread = threading.Thread(target=run, name="debate-background", daemon=True)
    thread.start()

    def result() -> T:
        thread.join()
        if "error" in box:
            raise box["error"]
        return cast(T, box["value"])

    return result


def _pause_collector() -> Callable[[], None]:
    """Pause Python's cyclic garbage collector for start-up; the returned callable resumes it (once).

    Start-up makes a few hundred thousand objects that live as long as the trainer (Textual's modules and classes,
    style rules, widgets, the motions); collecting while they are made finds almost no garbage and cost about a tenth
    of the time to the first frame. Once it is painted, they are frozen (moved out of the collector's sight, so no
    later collection walks them again) and collection resumes for what the trainer makes from then on."""
    import gc

    if not gc.isenabled():
        return lambda: None
    gc.disable()

    def resume() -> None:
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    return resume


def _assignment_stamp(assignment: Assignment | None) -> AssignmentStamp | None:
    """What results files record about the assignment (the results module is imported only when there is one)."""
    if assignment is None:
        return None
    from debate.results import assignment_stamp

    return assignment_stamp(assignment)


def cmd_tui(args: argparse.Namespace, *, prepare: Callable[[DebateApp], None] | None = None) -> int:
    """Plain ``debate`` and ``debate practice``: open the trainer, recording every round as it finishes.

    ``prepare`` is called with the app before it runs (the start-up benchmark sets its hooks there)."""
    resume_collector = _pause_collector()
    try:
        return _run_tui(args, prepare, resume_collector)
    finally:
        resume_collector()


def _run_tui(
    args: argparse.Namespace, prepare: Callable[[DebateApp], None] | None, resume_collector: Callable[[], None]
) -> int:
    from debate.recorder import Recorder

    study = args.command == "study"
    motion_id = getattr(args, "motion", None)
    side: Side | None = getattr(args, "side", None)
    time_limit: float | None = getattr(args, "time", None)
    if time_limit is not None and time_limit <= 0:
        raise UsageError("--time must be a positive number of seconds")
    library: Any
    if motion_id is None and getattr(args, "assignment", None) is None:
        from debate.discovery import discover, discover_cached

        folders = getattr(args, "motions", []) or []
        # From the cache the motions are in the first frame; anything to parse loads in a thread meanwhile instead
        library = discover_cached(folders) or _in_background(lambda: discover(folders))
    else:
        library = motion_library(args)
    if motion_id is not None:
        # a motion file's path becomes its id; without --side the trainer asks which side (the last one first)
        motion_id = library.require(motion_id).id
    assignment = None
    if getattr(args, "assignment", None) is not None:
        from debate.assignment import load_assignment, unknown_motions

        if motion_id is not None or side is not None:  # (they were ignored, silently: the assignment decides)
            given = " and ".join(x for x in (motion_id and f"the motion {motion_id}", side and "--side") if x)
            raise UsageError(
                f"{given}: an assignment plays its own motions, each on its own side, in order; "
                "give --assignment alone, or practise one motion without it"
            )
        assignment = load_assignment(args.assignment)
        unknown = unknown_motions(assignment, {m.id for m in library.motions})
        if unknown:
            raise MotionError(unknown)
    results: Path | None = getattr(args, "results", None)
    if results is not None:
        try:
            results.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DebateError(f"{results}: cannot create the results folder ({exc.strerror})") from None
    student = (getattr(args, "student", None) or "").strip() or None
    from debate.results import STUDENT_NAME_LIMIT

    if student is not None and len(student) > STUDENT_NAME_LIMIT:
        raise DebateError(f"--student: a name is at most {STUDENT_NAME_LIMIT} characters (this one has {len(student)})")
    served = bool(getattr(args, "served", False))
    store = None
    history_problem = None
    if served:  # a browser session: the student names themselves, then sees their own history only
        from debate.serve.students import open_student_history

        student = None
    else:
        try:
            store = open_history()
        except DebateError as exc:  # the trainer still works; it just cannot remember this session
            print(f"debate: {exc} (practising without history)", file=sys.stderr)
            history_problem = f"{exc}; you can practise, but nothing is remembered after you quit"
    recorder = Recorder(
        store=store,
        history_problem=history_problem,
        results_dir=results,
        student=student,
        assignment=_assignment_stamp(assignment),
        history_for=open_student_history if served else None,
    )
    from debate.settings import SettingsStore
    from debate.tui.app import build_app

    app = build_app(
        library,
        motion_id=None if study else motion_id,
        study_motion_id=motion_id if study else None,
        home=args.command is None,
        side=side,
        time_limit=time_limit,
        recorder=recorder,
        assignment=assignment,
        order=getattr(args, "order", "random"),
        seed=getattr(args, "seed", None),
        settings=SettingsStore.disabled() if served else SettingsStore.default(),
    )
    if prepare is not None:
        prepare(app)
    hook = app.on_content_shown

    def shown(what: str) -> None:
        if hook is not None:
            hook(what)
        if what == "first":
            resume_collector()

    app.on_content_shown = shown
    try:
        app.run()
    finally:
        if not app.wait_saved(timeout=1.0):
            print("debate: saving your last rounds (the history database is busy)...", file=sys.stderr)
            app.wait_saved()
        if recorder.behind:  # a last try at whatever the trainer could not save yet
            try:
                recorder.retry()
            except Exception as exc:  # the rounds are on screen and in the notices; say why, do not crash
                print(f"debate: could not save every round: {exc}", file=sys.stderr)
            if recorder.export_problem is not None:  # said on screen when it began; it still stands
                where = printable(str(recorder.results_dir))
                problem = printable(recorder.export_problem)
                print(f"debate: your results file in {where} is missing rounds ({problem})", file=sys.stderr)
        if recorder.store is not None:
            recorder.store.close()
    for notice in app.unseen_notices:  # the screen showed the others
        print(printable(notice), file=sys.stderr)
    return int(app.return_code or 0)
