"""``debate report``: read results files, grade them with the teacher's files, render the class report.

The results-file format lives in :mod:`debate.results`, the grades in :mod:`debate.classroom`, the renderers in
:mod:`debate.classroom_render` and :mod:`debate.classroom_html`. The names results writers used to import from here
are re-exported, so older callers keep working.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from debate.errors import DebateError, MotionError
from debate.files import FileProblem, read_limited
from debate.results import (
    ResultsWriter,
    Skipped,
    read_results,
    results_files,
    slug,
    validate_results,
    write_atomic,
)
from debate.text_safety import match_key, not_utf8

if TYPE_CHECKING:
    from debate.assignment import Assignment
    from debate.model import Motion

__all__ = [
    "ResultsWriter",
    "Skipped",
    "class_report",
    "progress_bar",
    "read_results",
    "read_roster",
    "results_files",
    "slug",
    "validate_results",
    "write_atomic",
    "write_output",
]

ROSTER_LIMIT = 256 * 1024


def read_roster(path: Path, warnings: list[str] | None = None) -> list[str]:
    """A roster file: one student name per line (blank lines and ``#`` comments ignored).

    A line with commas is almost surely several names typed on one line: it is kept as written (a name may have a
    comma) and ``warnings``, when given, gets one ``path:line:`` line about it.
    """
    from debate.assignment import commas_warning

    try:
        text = read_limited(path, ROSTER_LIMIT, "roster files").decode("utf-8-sig")
    except FileProblem as exc:
        raise DebateError(f"{path}: {exc.message}") from None
    except UnicodeDecodeError as exc:
        raise DebateError(f"{path}: {not_utf8(exc)}") from None
    names = []
    for number, line in enumerate(text.splitlines(), 1):
        name = " ".join(line.split("#", 1)[0].split())
        if name:
            names.append(name)
            if "," in name and warnings is not None:
                warnings.append(f"{path}:{number}: {commas_warning(name)} A roster has one name a line")
    return names


def class_report(
    paths: Sequence[Path],
    *,
    assignment: Assignment | None = None,
    pass_mark: float | None = None,
    roster: Sequence[str] = (),
    policy: str = "best",
    motions: Mapping[str, Motion] | None = None,
    rescore: bool = False,
    progress: Callable[[int, int], None] | None = None,
    generated_at: datetime.datetime | None = None,
) -> dict[str, Any]:
    """Everything ``debate report`` computes, JSON-ready (bad files are listed under ``skipped``, never fatal).

    An assignment motion that is neither in ``motions`` (the library) nor in any results file read is an error
    (:class:`~debate.errors.MotionError`, one located line each): a mistyped id, which ``check`` and ``practice``
    refuse too, would otherwise grade every student as having started nothing. One that only the files have (a
    motion kept in a folder the report was not given) is graded from the files.
    """
    from debate import classroom
    from debate.marking import Ruling, apply_overrides, queue, read_overrides

    loaded, skipped = read_results(results_files(paths), progress=progress)
    if assignment is not None and motions is not None:
        from debate.assignment import unknown_motions

        unknown = unknown_motions(assignment, {*motions, *(item.doc["motion"]["id"] for item in loaded)})
        if unknown:
            raise MotionError(unknown)
    options: dict[str, Any] = {
        "assignment": assignment,
        "pass_mark": pass_mark,
        "roster": roster,
        "policy": policy,
        "motions": motions,
        # one moment for every build (with --rescore, two): a session is in progress or closed as of it
        "generated_at": generated_at or datetime.datetime.now(datetime.UTC),
    }
    rulings: list[Ruling] = []
    overrides_problems: list[str] = []  # a damaged or untrusted rulings file: graded without it, and said so
    for path in paths:
        if path.is_dir():
            try:
                rulings += read_overrides(path)
            except DebateError as exc:
                overrides_problems.append(str(exc))
    graded = loaded
    if assignment is not None:  # only its files: contests in files it leaves out touch none of its grades
        [(_, graded)], _ = classroom.group_results(loaded, assignment)
    waiting = [item for item in queue(graded, motions or {}, rulings=rulings) if not item.ruled]
    applied: list[dict[str, Any]] = []
    if rulings:
        loaded, applied = apply_overrides(loaded, rulings, motions or {})
    # after the rulings, which name the argument as the round was recorded
    loaded, renamed = classroom.renamed_arguments(loaded, motions or {})
    report = classroom.build_report(loaded, skipped, **options)
    if rescore:
        rescored, rounds, notes = classroom.rescore(loaded, motions or {})
        after = classroom.build_report(rescored, skipped, **options)
        after["rescore"] = {"rounds": rounds, "grades": classroom.grade_changes(report, after), "notes": notes}
        report = after
    # rulings, contests and re-scored answers name each student as the grades do (the roster's spelling, or the
    # fullest one), not as one file typed it ("zoe ng" beside "Zoë Ng")
    shown = {match_key(st["student"]): st["student"] for g in report["groups"] for st in g["students"]}
    if rescore:
        for changed in report["rescore"]["rounds"]:
            changed["student"] = shown.get(match_key(changed["student"]), changed["student"])
    if rulings:
        report["overrides"] = [{**a, "student": shown.get(match_key(a["student"]), a["student"])} for a in applied]
    if overrides_problems:
        report["overrides_problems"] = overrides_problems
    if renamed:
        report["arguments_not_in_motion"] = renamed
    report["contests_waiting"] = [
        {
            "student": shown.get(match_key(i.student), i.student),
            "motion": i.motion_id,
            "argument": i.round["argument"],
            "answer": i.round["answer"],
        }
        for i in waiting
    ]
    return report


def write_output(path: Path, text: str) -> None:
    """Write the report to ``path``: a missing folder or a read-only place is one line, not a traceback."""
    if not path.parent.is_dir():
        if path.parent.exists():  # ("env.sh/x.md", env.sh a file)
            raise DebateError(f"{path}: {path.parent} is a file, not a folder")
        raise DebateError(f"{path}: the folder {path.parent} does not exist")
    if path.is_dir():
        raise DebateError(f"{path}: is a folder; give a file name")
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise DebateError(f"{path}: cannot write the report ({exc.strerror or exc})") from None


def progress_bar(stream: Any = None) -> Callable[[int, int], None] | None:
    """A stderr progress callback for large folders, or None when stderr is not a terminal."""
    stream = stream or sys.stderr
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total < 50:
            return
        width = 30
        filled = width * done // total
        stream.write(f"\rreading results [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            stream.write("\n")
        stream.flush()

    return show
