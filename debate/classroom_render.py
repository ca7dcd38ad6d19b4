"""The class report as Markdown, CSV (a summary, or one row per answer), JSON and one self-contained HTML page.

Every piece of student or teacher text is rendered as text: control characters are stripped, Markdown escapes its
punctuation in names, titles and answers, HTML escapes everything, and CSV text cells that a spreadsheet would run as
a formula are quoted.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Iterable
from typing import Any

from debate.classroom import UNFINISHED
from debate.classroom_cells import (
    SYMBOLS,
    argument_gone_line,
    clean,
    contests_line,
    counted,
    files_line,
    gone,
    left_out_note,
    not_graded_line,
    override_note,
    overrides_problem_line,
    ruled,
)
from debate.errors import DebateError
from debate.text_safety import markdown_text

FORMATS = ("md", "csv", "json", "html")
WIDTH = 120
"""The Markdown report's width: a terminal or a printed page."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def one_line(text: Any) -> str:
    """Cleaned text on one line, runs of spaces collapsed."""
    return " ".join(clean(text).split())


def csv_cell(value: Any) -> Any:
    """A CSV cell: booleans as true/false, None empty, numbers as they are, text that could be a formula quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    text = clean(value) if not isinstance(value, str) or not value.startswith(FORMULA_START) else value
    if text.startswith(FORMULA_START):
        text = "'" + clean(text)
    return text


def render(report: dict[str, Any], fmt: str, *, answers: bool = False) -> str:
    """The report in one format: ``md``, ``csv`` (``answers``: one row per answer), ``json`` or ``html``."""
    if fmt == "json":
        return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return answers_csv(report) if answers else summary_csv(report)
    if fmt == "md":
        return markdown(report)
    if fmt == "html":
        from debate.classroom_html import page

        return page(report)
    raise DebateError(f"unknown report format '{fmt}' ({', '.join(FORMATS)})")


# --------------------------------------------------------------------------- CSV


def _write(rows: Iterable[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([csv_cell(c) for c in row])
    return out.getvalue()


def summary_csv(report: dict[str, Any]) -> str:
    """One row per student and assignment: the grade, its flags, and each argument's outcome."""
    labels = [a["key"] for g in report["groups"] for a in g["arguments"]]
    labels = list(dict.fromkeys(labels))
    head = ["assignment", "student", "points", "max_points", "score", "pass_mark", "passed", "complete"]
    head += ["not_started", "unfinished", "late", "on_roster", "attempts", "minutes_in_app", "minutes_answering"]
    head += ["first_started", "last_finished", "unreadable_files", *labels]
    rows: list[list[Any]] = [head]
    for g in report["groups"]:
        for s in g["students"]:
            rows.append(
                [
                    g["title"], s["student"], s["points"], s["max_points"], s["score"], g["pass_mark"], s["passed"],
                    s["complete"], ";".join(s["not_started"]), ";".join(s["unfinished"]), s["late"], s["on_roster"],
                    s["attempts"], s["minutes_in_app"], s["minutes_answering"], s["first_started"],
                    s["last_finished"], len(s.get("unreadable_files", [])), *[s["cells"].get(k, "") for k in labels],
                ]
            )  # fmt: skip
        available = sum(m["max_points"] for m in g["motions"]) or None  # the points every student is graded over
        nothing_read = [(n, 0) for n in g["not_submitted"]]
        nothing_read += [(u["student"], len(u["files"])) for u in g.get("unreadable", [])]
        unstarted = ";".join(m["motion"] for m in g["motions"])  # (as for the others: motion ids; 0 attempts)
        for name, files in nothing_read:  # every column filled, as for the others: nothing read
            nothing = [unstarted, "", False, True, 0, 0, 0, "", "", files, *["" for _ in labels]]
            rows.append([g["title"], name, 0, available, 0.0, g["pass_mark"], False, False, *nothing])
    return _write(rows)


def answers_csv(report: dict[str, Any]) -> str:
    """The long format: one row per student × argument × attempt, with the answer and its verdicts (and, where the
    teacher ruled on it, the ruling and the judge's verdict it replaced)."""
    head = ["assignment", "student", "motion", "argument", "claim", "attempt", "counted", "status", "started_at"]
    head += ["finished_at", "late", "outcome", "points", "max_points", "hints_used", "skipped", "timed_out"]
    head += ["seconds", "answered_at", "answer", "hits", "nears"]
    head += ["overridden", "ruling", "judge_outcome", "judge_points"]  # a teacher's ruling and the verdict it replaced
    rows: list[list[Any]] = [head]
    for g in report["groups"]:
        claims = {a["key"]: a["claim"] for a in g["arguments"]}
        for s in g["students"]:
            for m in s["motions"]:
                for a in m["attempts"]:
                    for r in a["rounds"]:
                        key = f"{m['motion']}/{r['argument']}"
                        o = r.get("override")
                        rows.append(
                            [
                                g["title"], s["student"], m["motion"], r["argument"], claims.get(key, ""),
                                a["attempt"], a["counted"], a["status"], a["started_at"], a["finished_at"], a["late"],
                                r["outcome"], r["points"], r["max_points"], r["hints_used"], r["skipped"],
                                r["timed_out"], r["seconds"], r["answered_at"], r["answer"],
                                ";".join(v["rebuttal"] for v in r["verdicts"] if v["verdict"] == "hit"),
                                ";".join(v["rebuttal"] for v in r["verdicts"] if v["verdict"] == "near"),
                                bool(o), f"{ruled(o['ruling'])} {o['rebuttal']}" if o else None,
                                o["was"]["outcome"] if o else None, o["was"]["points"] if o else None,
                            ]
                        )  # fmt: skip
    return _write(rows)


# --------------------------------------------------------------------------- Markdown


def _md(text: Any) -> str:
    """Student or teacher text as Markdown text: on one line, its markup characters escaped."""
    return markdown_text(one_line(text))


def _flags(st: dict[str, Any]) -> list[str]:
    """A student's row flags in the Markdown report."""
    flags = ["file unreadable"] if st.get("unreadable_files") else []
    if st["not_started"]:
        flags.append(f"{len(st['not_started'])} unstarted")
    if st["unfinished"]:
        flags.append(next(f for f in UNFINISHED if any(u.endswith(f"({f})") for u in st["unfinished"])))
    if st["late"]:
        flags.append("late")
    if st["on_roster"] is False:
        flags.append("off roster")
    return flags


def _cell(text: Any, limit: int = 0) -> str:
    value = one_line(text)
    if limit and len(value) > limit:
        value = value[: limit - 1] + "…"
    return _md(value)


def _wrap(text: str, first: str = "", rest: str = "  ") -> list[str]:
    return textwrap.wrap(
        one_line(text), WIDTH, initial_indent=first, subsequent_indent=rest, break_long_words=False
    ) or [first.rstrip()]


def _when(stamp: str | None) -> str:
    return stamp.replace("T", " ")[:16] if stamp else "–"


def markdown(report: dict[str, Any]) -> str:
    """A report a teacher reads in a 120-column terminal: students as rows, arguments as short labels."""
    lines = ["# Class report", ""]
    lines += _wrap(
        f"{files_line(report)}; attempt policy: {report['attempt_policy']} "
        f"(per student and motion the {report['attempt_policy']} attempt counts); "
        f"generated {_when(report['generated_at'])}."
    )
    if report["left_out"]:
        lines += ["", "Left out (another assignment, or free practice):"]
        for item in report["left_out"]:
            lines += _wrap(
                f"{_md(item['title'])} — {counted(item['files'], 'file')}, {counted(item['students'], 'student')}"
                f"{_md(left_out_note(item))}",
                "- ",
            )
    for problem in report.get("overrides_problems", ()):
        lines += ["", *_wrap(_md(overrides_problem_line(problem)))]
    for note in report.get("arguments_not_in_motion", ()):
        lines += ["", *_wrap(_md(argument_gone_line(note)) + ".")]
    if report.get("contests_waiting"):
        lines += ["", *_wrap(contests_line(report["contests_waiting"]))]
    for g in report["groups"]:
        lines += ["", *_group_markdown(g)]
    if report.get("overrides"):
        lines += ["", *_overrides_markdown(report["overrides"])]
    if report.get("rescore"):
        lines += ["", *_rescore_markdown(report["rescore"])]
    if report["skipped"]:
        lines += ["", "## Skipped files", ""]
        for s in report["skipped"]:
            whose = f" ({_md(s['student'])}'s)" if s.get("student") else ""
            lines += _wrap(f"{_md(s['path'])}{whose}: {_md(s['reason'])}", "- ")
    return "\n".join(lines) + "\n"


def _group_markdown(g: dict[str, Any]) -> list[str]:
    out = [f"## {_cell(g['title'], 100)}", ""]
    info = f"Source: {g['source']}."
    if g["pass_mark"] is not None:
        info += f" Pass mark {g['pass_mark']:g}% ({g['pass_mark_source']}) over every motion of the assignment."
    else:
        info += " Free practice: not graded."
    if g["due"]:
        info += f" Due {g['due']} (work finished after that day is marked late)."
    out += _wrap(info)
    motions = ", ".join(f"{_md(m['motion'])} ({_md(m['side'])}, {m['max_points']} points)" for m in g["motions"])
    out += _wrap(f"Motions: {motions}.")
    s = g["summary"]
    line = counted(s["students"], "student")
    if g["pass_mark"] is not None:
        line += f", {s['passed']} passed, {s['not_passed']} not yet"
    line += f", {s['incomplete']} incomplete, {s['late']} late"
    if g["roster"]:
        line += f", {s['not_submitted']} on the roster {'has' if s['not_submitted'] == 1 else 'have'} not submitted"
    if s.get("unreadable"):
        line += f", {s['unreadable']} with a file that could not be read (see Skipped files)"
    minutes = s["minutes_in_app"]
    out += _wrap(line + f"; {minutes:g} minute{'' if minutes == 1 else 's'} in the app in all.")
    labels = [a["label"] for a in g["arguments"]]
    out += ["", "### Students", ""]
    unreadable = [u["student"] for u in g.get("unreadable", [])]
    shown = [st["student"] for st in g["students"]] + list(g["not_submitted"]) + unreadable
    name_width = max([7, *(len(_cell(name, 22)) for name in shown)])  # every row's name, escapes included
    flags = [_cell(" ".join(_flags(st)), 40) for st in g["students"]]
    flags_width = max([18, *map(len, flags)])  # "1 unstarted off roster" was cut to "1 unstarted off r…"
    compact = len(labels) > 9  # ten 5-column cells no longer fit in 120 columns
    head = f"| {'Student':<{name_width}} | Score | Result  | {'Flags':<{flags_width}} | Min |"
    rule = f"|{'-' * (name_width + 2)}|------:|---------|{'-' * (flags_width + 2)}|----:|"
    if compact:
        head += f" {labels[0]}–{labels[-1]} |"
        rule += "---|"
    else:
        head += "".join(f" {lab:<3}|" for lab in labels)
        rule += "".join(":--:|" for _ in labels)
    out += [head, rule]
    for st, flagged in zip(g["students"], flags, strict=True):
        result = "–" if st["passed"] is None else "pass" if st["passed"] else "**no**"
        row = (
            f"| {_cell(st['student'], 22):<{name_width}} | {st['score']:>4.1f}% | {result:<7} | "
            f"{flagged:<{flags_width}} | {st['minutes_in_app']:>3.0f} |"
        )
        symbols = [SYMBOLS.get(st["cells"].get(a["key"], "not started"), "?") for a in g["arguments"]]
        row += f" {''.join(symbols)} |" if compact else "".join(f" {sym:<3}|" for sym in symbols)
        out.append(row)
    nothing_read = [(name, "not submitted") for name in g["not_submitted"]] + [
        (n, "file unreadable") for n in unreadable
    ]
    for name, flag in nothing_read:
        dashes = f" {'-' * len(labels)} |" if compact else " -  |" * len(labels)
        out.append(f"| {_cell(name, 22):<{name_width}} |  0.0% | {'**no**':<7} | {flag:<{flags_width}} |   0 |{dashes}")
    out += [""]
    quick = any(a["mode"] == "quick" for st in g["students"] for m in st["motions"] for a in m["attempts"])
    unasked = ", or not asked in a quick round" if quick else ""  # a quick round asks three arguments a motion
    out += _wrap(
        f"Legend: ✓ hit · ~ near miss · ✗ miss · s skipped · t timed out · · not reached (quit before it{unasked}) "
        "· - motion not started. Flags: N unstarted = motions not started; quit/closed = the counted attempt did not "
        "finish; in progress = it is still being written (the student is working); late; off roster = a name the "
        "roster does not have; file unreadable = a results file named after them could not be read (see Skipped "
        "files)."
    )
    out += [""]
    for a in g["arguments"]:
        name = f"{a['label']} {_md(a['motion'])}/{_md(a['argument'])}{gone(a)}"
        out += _wrap(f"{name}: {_md(a['claim'])}", "- ", "  ")
    unfinished = [st for st in g["students"] if st["not_started"] or st["unfinished"]]
    if unfinished:
        out += ["", "### Incomplete work", ""]
        for st in unfinished:
            parts = [f"not started: {', '.join(st['not_started'])}"] if st["not_started"] else []
            parts += [f"unfinished: {', '.join(st['unfinished'])}"] if st["unfinished"] else []
            out += _wrap(f"{_md(st['student'])} — {'; '.join(parts)}", "- ")
    if not_graded_line(g):
        out += ["", *_wrap(_md(not_graded_line(g)) + ".")]
    if g["roster"]:
        out += ["", "### Not submitted", ""]
        out += _wrap(", ".join(map(_md, g["not_submitted"])) or "Everybody on the roster has handed something in.")
        if unreadable:
            out += _wrap("File unreadable (see Skipped files): " + ", ".join(map(_md, unreadable)))
        extra = [st["student"] for st in g["students"] if st["on_roster"] is False]
        if extra:
            out += _wrap("Not on the roster (check the spelling): " + ", ".join(map(_md, extra)))
        for pair in g.get("did_you_mean", []):
            out += _wrap(
                f"Did you mean: {_md(pair['roster'])} (on the roster, not submitted) is {_md(pair['student'])} (not "
                "on the roster)? They are kept apart: correct the roster or the name if they are one student."
            )
    by_key = {a["key"]: a for a in g["arguments"]}
    if g["most_missed"]:
        out += ["", "### Most missed", ""]
        for key in g["most_missed"]:
            a = by_key[key]
            out += _wrap(
                f"{a['label']} {_md(a['claim'])} — missed by {a['students_missed']} of "
                f"{counted(a['students_reached'], 'student')} ({a['students_near']} near).",
                "- ",
            )
            for r in a["rebuttals"][:3]:
                out += _wrap(
                    f"model rebuttal ({r['type']}, strength {r['strength']}): {_md(r['text'])}", "  - ", "    "
                )
    nobody = [a for a in g["arguments"] if a["nobody_found"]]
    if nobody:
        out += ["", "### Rebuttals nobody found", ""]
        for a in nobody:
            out += _wrap(f"{a['label']} {_md(a['claim'])}", "- ")
            for r in a["nobody_found"]:
                out += _wrap(_md(r["text"]) or f"({_md(r['id'])}: not in the current bank)", "  - ", "    ")
    out += ["", "### Answers by argument", ""]
    out += _wrap("Every attempt's answer; ★ marks the attempt that counts.")
    for a in g["arguments"]:
        out += ["", *_wrap(f"#### {a['label']} {_md(a['claim'])}", "", "")]
        for st in g["students"]:
            for m in st["motions"]:
                if m["motion"] != a["motion"]:
                    continue
                for att in m["attempts"]:
                    for r in att["rounds"]:
                        if r["argument"] != a["argument"]:
                            continue
                        found = [v["rebuttal"] for v in r["verdicts"] if v["verdict"] == "hit"]
                        near = [v["rebuttal"] for v in r["verdicts"] if v["verdict"] == "near"]
                        verdict = r["outcome"] + (f" ({', '.join(found)})" if found else "")
                        if near and not found:  # "near (office-phone)", as a hit names its rebuttals
                            verdict += (
                                f" ({', '.join(near)})" if r["outcome"] == "near" else f", near: {', '.join(near)}"
                            )
                        if r.get("override"):
                            verdict += f", {_md(override_note(r['override']))}"
                        star = " ★" if att["counted"] else ""
                        hints = f", {counted(r['hints_used'], 'hint')}" if r["hints_used"] else ""
                        score = f"{r['points']}/{r['max_points']}{hints}"
                        head = f"- {_md(st['student'])} (attempt {att['attempt']}{star}, {verdict}, {score}): "
                        out += _wrap(head + (_md(r["answer"]) if r["answer"].strip() else "(no answer)"), "", "  ")
    return out


def _overrides_markdown(applied: list[dict[str, Any]]) -> list[str]:
    out = ["## Teacher's rulings (overrides)", ""]
    count = f"{len(applied)} answer{'' if len(applied) == 1 else 's'}"
    out += _wrap(f"{count} overridden by the teacher; the grades above count them. The results files are unchanged.")
    out.append("")
    for c in applied:
        out += _wrap(
            f"{_md(c['student'])} on {_md(c['motion'])}/{_md(c['argument'])}: {ruled(c['ruling'])} for "
            f"{_md(c['rebuttal'])}: {c['was']['outcome']} {c['was']['points']} → {c['now']['outcome']} "
            f"{c['now']['points']} — {_md(c['answer'])}",
            "- ",
        )
    return out


def _rescore_markdown(rescore: dict[str, Any]) -> list[str]:
    out = ["## Re-scored with the current banks", ""]
    out += _wrap(
        f"{len(rescore['rounds'])} answers changed verdict or points; {len(rescore['grades'])} grades changed. "
        "The results files were not modified."
    )
    for note in rescore["notes"]:
        out += _wrap(_md(note), "- ")
    if rescore["grades"]:
        out += ["", "Grades:", ""]
        for c in rescore["grades"]:
            out += _wrap(
                f"{_md(c['student'])}: {c['was']['score']:g}% → {c['now']['score']:g}%"
                + (
                    f" ({_result(c['was']['passed'])} → {_result(c['now']['passed'])})"
                    if c["was"]["passed"] != c["now"]["passed"]
                    else ""
                ),
                "- ",
            )
    if rescore["rounds"]:
        out += ["", "Answers:", ""]
        for c in rescore["rounds"]:
            out += _wrap(
                f"{_md(c['student'])} on {_md(c['motion'])}/{_md(c['argument'])}: {c['was']['outcome']} "
                f"{c['was']['points']} → {c['now']['outcome']} {c['now']['points']} — {_md(c['answer'])}",
                "- ",
            )
    return out


def _result(passed: bool | None) -> str:
    return "–" if passed is None else "pass" if passed else "not yet"
