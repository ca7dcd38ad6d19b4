"""How one cell of the class report reads, in every format: a verdict's symbol, and text made safe to show.

Shared by the text renderers (:mod:`debate.classroom_render`) and the HTML page (:mod:`debate.classroom_html`).
"""

from __future__ import annotations

import unicodedata
from typing import Any


def counted(count: int, word: str) -> str:
    """``1 student``, ``2 students``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


SYMBOLS = {
    "hit": "✓",
    "near": "~",
    "miss": "✗",
    "skipped": "s",
    "timeout": "t",
    "not reached": "·",
    "not started": "-",
}
"""A cell's verdict -> the symbol the grid shows for it."""


def clean(text: Any) -> str:
    """``text`` without control or format characters (escape sequences, bidi overrides); newlines become spaces."""
    value = str(text)
    if value.isprintable():  # the common case, checked in C: nothing to strip
        return value
    out = []
    for ch in value:
        if ch in "\n\t\r":
            out.append(" ")
        elif unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"):
            out.append(ch)
    return "".join(out)


def contests_line(waiting: list[dict[str, Any]]) -> str:
    """The contests students sent that the teacher has not ruled on: grades count them as judged until then."""
    n = len(waiting)
    students = len({w["student"] for w in waiting})
    return (
        f"{n} contest{'s' * (n != 1)} from {students} student{'s' * (students != 1)} wait{'s' * (n == 1)} for your "
        "ruling (`debate mark RESULTS_DIR`); until you rule, the grades count the judge's verdicts."
    )


def ruled(ruling: str) -> str:
    """A ruling as the report says it: ``accept`` -> accepted, ``reject`` -> rejected."""
    return f"{ruling}ed"


def override_note(override: dict[str, Any]) -> str:
    """What a teacher's ruling did to one answer, beside its verdict in every format: the ruling, its rebuttal and
    the judge's verdict and points it replaced."""
    was = override["was"]
    ruling = f"{ruled(override['ruling'])} {override['rebuttal']}"
    return f"overridden: teacher {ruling}, was {was['outcome']} {was['points']}"


def files_line(report: dict[str, Any]) -> str:
    """The report's first words: how many results files were read, and how many were skipped and where they are."""
    line = f"{counted(report['files_read'], 'results file')} read"
    if report["skipped"]:
        line += f", {len(report['skipped'])} skipped (see Skipped files at the end)"
    return line


def overrides_problem_line(problem: str) -> str:
    """A rulings file the report could not use, as the report's top says it."""
    return f"Teacher's rulings not applied (the grades below do not count them): {problem}"


def argument_gone_line(note: dict[str, Any]) -> str:
    """An argument id that results files answer and their motion no longer has, as the report and its warning say it
    (:func:`debate.classroom.renamed_arguments`)."""
    n = note["students"]
    line = (
        f"motion '{note['motion']}' no longer has argument '{note['argument']}' (answered by {n} "
        f"student{'s' * (n != 1)}): "
    )
    if note["now"] is not None:
        return line + f"their answers count under '{note['now']}', the argument with the same claim"
    return line + "shown apart as no longer in the motion, with the points given then"


def left_out_note(item: dict[str, Any]) -> str:
    """What follows a left-out group in the report where its files are the assignment's, under another id (the id in
    the teacher's file was edited, or mistyped, after students began): '' otherwise."""
    if not item.get("same_but_id"):
        return ""
    return (
        f": the assignment's title, motions and mode, under the id '{item['same_but_id']}' (is the id in the "
        "assignment file right?)"
    )


def not_graded_line(group: dict[str, Any]) -> str:
    """The sessions a group read but does not grade (a motion, or a motion's side, the assignment does not set: it
    was edited since), by student; '' when there are none."""
    outside = group.get("outside_assignment") or []
    if not outside:
        return ""
    seen = dict.fromkeys(f"{x['student']} ({x['motion']}, {x['side']})" for x in outside)
    return "Not graded (a motion, or a side of one, the assignment does not set): " + ", ".join(seen)


def gone(argument: dict[str, Any]) -> str:
    """What follows an argument's name where the teacher's motion no longer has it (an id answered before an edit)."""
    return " (no longer in the motion)" if argument.get("in_motion") is False else ""
