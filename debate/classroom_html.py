"""The class report as one self-contained HTML page: inline CSS, no scripts, nothing fetched from anywhere.

A colour grid (students × arguments), drill-downs to every answer in ``<details>`` (they open without JavaScript),
the most-missed arguments with the model rebuttals' text, and a print layout that opens every drill-down.
"""

from __future__ import annotations

import html
from typing import Any

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

CSS = """
:root { --hit:#2e7d32; --near:#f9a825; --miss:#c62828; --skipped:#6d4c41; --timeout:#8e24aa;
        --reached:#b0bec5; --none:#eceff1; --ink:#1b1b1b; --muted:#5f6368; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       margin: 2rem auto; max-width: 78rem; padding: 0 1rem; }
h1 { margin: 0 0 .3rem; } h2 { margin-top: 2.2rem; border-bottom: 2px solid #ddd; padding-bottom: .2rem; }
.muted { color: var(--muted); }
.cards { display: flex; gap: .8rem; flex-wrap: wrap; margin: 1rem 0; }
.card { border: 1px solid #ddd; border-radius: 8px; padding: .5rem .9rem; min-width: 7rem; }
.card b { display: block; font-size: 1.5rem; }
table { border-collapse: collapse; }
th, td { padding: .25rem .45rem; text-align: left; vertical-align: top; }
table.grid td.c { width: 2.1rem; height: 1.7rem; text-align: center; color: #fff; font-weight: 600;
                  border: 2px solid #fff; border-radius: 4px; }
table.grid th.a { writing-mode: vertical-rl; transform: rotate(180deg); font-weight: 600; font-size: .85rem; }
table.grid tr:nth-child(even) td.n { background: #fafafa; }
.hit { background: var(--hit); } .near { background: var(--near); color: #222 !important; }
.miss { background: var(--miss); } .skipped { background: var(--skipped); } .timeout { background: var(--timeout); }
.not-reached { background: var(--reached); color: #222 !important; }
.not-started { background: var(--none); color: #777 !important; }
.legend span { display: inline-block; padding: .1rem .5rem; border-radius: 4px; margin: 0 .3rem .3rem 0; color: #fff; }
.pass { color: var(--hit); font-weight: 600; } .fail { color: var(--miss); font-weight: 600; }
.flag { display: inline-block; font-size: .8rem; border: 1px solid #bbb; border-radius: 999px; padding: 0 .45rem;
        margin-right: .2rem; }
.flag.late, .flag.quit, .flag.closed { border-color: var(--miss); color: var(--miss); }
.flag.progress { border-color: var(--near); }
details { border: 1px solid #e3e3e3; border-radius: 6px; margin: .4rem 0; padding: .3rem .7rem; }
summary { cursor: pointer; font-weight: 600; }
.answer { white-space: pre-wrap; background: #f6f8fa; border-left: 3px solid #ccc; padding: .3rem .6rem;
          margin: .2rem 0 .6rem; }
.answer.hit { border-left-color: var(--hit); background: #eef7ee; }
.answer.near { border-left-color: var(--near); background: #fff8e1; }
.answer.miss, .answer.timeout { border-left-color: var(--miss); background: #fdecea; }
.counted { font-weight: 700; }
blockquote { margin: .3rem 0 .3rem 1rem; padding-left: .6rem; border-left: 3px solid var(--hit); }
@media print {
  body { margin: 0; max-width: none; font-size: 11px; }
  details { border: none; padding: 0; }
  details > summary { list-style: none; }
  details:not([open]) > *:not(summary) { display: block; }
  details::details-content { content-visibility: visible; display: block; }
  h2 { break-before: page; } h2:first-of-type { break-before: auto; }
  table.grid td.c { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .legend span, .hit, .near, .miss, .skipped, .timeout { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""


def e(text: Any) -> str:
    """Student or teacher text as HTML text (control characters stripped, everything escaped)."""
    return html.escape(clean(text), quote=True)


def _css_class(cell: str) -> str:
    return cell.replace(" ", "-")


def page(report: dict[str, Any]) -> str:
    """The whole report as one HTML document."""
    titles = ", ".join(g["title"] for g in report["groups"]) or "no results"
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Class report — {e(titles)}</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>Class report</h1>",
        f'<p class="muted">{e(files_line(report)).replace(", ", " · ", 1)} · attempt policy: '
        f"<b>{e(report['attempt_policy'])}</b> · generated {e(report['generated_at'])}</p>",
    ]
    if report["left_out"]:
        items = "".join(
            f"<li>{e(i['title'])} — {counted(i['files'], 'file')}, {counted(i['students'], 'student')}"
            f"{e(left_out_note(i))}</li>"
            for i in report["left_out"]
        )
        parts.append(f"<p>Left out (another assignment, or free practice):</p><ul>{items}</ul>")
    for problem in report.get("overrides_problems", ()):
        parts.append(f"<p><b>{e(overrides_problem_line(problem))}</b></p>")
    for note in report.get("arguments_not_in_motion", ()):
        parts.append(f"<p><b>{e(argument_gone_line(note))}.</b></p>")
    if report.get("contests_waiting"):
        parts.append(f"<p><b>{e(contests_line(report['contests_waiting']))}</b></p>")
    for g in report["groups"]:
        parts.append(_group(g))
    if report.get("overrides"):
        parts.append(_overrides(report["overrides"]))
    if report.get("rescore"):
        parts.append(_rescore(report["rescore"]))
    if report["skipped"]:
        items = "".join(
            f"<li><code>{e(s['path'])}</code>{' (' + e(s['student']) + chr(39) + 's)' if s.get('student') else ''}: "
            f"{e(s['reason'])}</li>"
            for s in report["skipped"]
        )
        parts.append(f"<h2>Skipped files</h2><ul>{items}</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _group(g: dict[str, Any]) -> str:
    s = g["summary"]
    out = [f"<h2>{e(g['title'])}</h2>"]
    info = f"Source: {e(g['source'])}."
    if g["pass_mark"] is not None:
        info += f" Pass mark <b>{g['pass_mark']:g}%</b> ({e(g['pass_mark_source'])}) over every motion."
    else:
        info += " Free practice: not graded."
    if g["due"]:
        info += f" Due <b>{e(g['due'])}</b>."
    motions = ", ".join(f"{e(m['motion'])} ({e(m['side'])}, {m['max_points']} points)" for m in g["motions"])
    out.append(f"<p>{info}<br>Motions: {motions}.</p>")
    cards = [("students", s["students"])]
    if g["pass_mark"] is not None:
        cards += [("passed", s["passed"]), ("not yet", s["not_passed"])]
    cards += [("incomplete", s["incomplete"]), ("late", s["late"])]
    if g["roster"]:
        cards.append(("not submitted", s["not_submitted"]))
    if s.get("unreadable"):
        cards.append(("file unreadable", s["unreadable"]))
    cards.append(("minutes in app", f"{s['minutes_in_app']:g}"))
    out.append('<div class="cards">' + "".join(f'<div class="card"><b>{v}</b>{k}</div>' for k, v in cards) + "</div>")
    out.append(_grid(g))
    if not_graded_line(g):
        out.append(f"<p>{e(not_graded_line(g))}.</p>")
    if g["roster"]:
        missing = ", ".join(e(n) for n in g["not_submitted"]) or "nobody"
        out.append(f"<p><b>Not submitted:</b> {missing}</p>")
        if g.get("unreadable"):
            names = ", ".join(e(u["student"]) for u in g["unreadable"])
            out.append(f"<p><b>File unreadable</b> (see Skipped files): {names}</p>")
        out += [
            f"<p>Did you mean: <b>{e(pair['roster'])}</b> (on the roster, not submitted) is <b>{e(pair['student'])}"
            "</b> (not on the roster)? They are kept apart: correct the roster or the name if they are one student.</p>"
            for pair in g.get("did_you_mean", [])
        ]
    out.append(_most_missed(g))
    out.append("<h3>Students</h3>")
    out += [_student(g, st) for st in g["students"]]
    out.append("<h3>Arguments</h3>")
    out += [_argument(g, a) for a in g["arguments"]]
    return "\n".join(out)


def _flags(st: dict[str, Any]) -> str:
    flags = []
    if st["not_started"]:
        flags.append(("missing", f"{len(st['not_started'])} not started"))
    for u in st["unfinished"]:
        status = u.rsplit("(", 1)[-1].rstrip(")")  # "MOTION (in progress)": quit, closed or in progress
        flags.append(("progress" if status == "in progress" else status, e(u)))
    if st["late"]:
        flags.append(("late", "late"))
    if st["on_roster"] is False:
        flags.append(("roster", "not on roster"))
    if st.get("unreadable_files"):
        flags.append(("late", "file unreadable"))
    return "".join(f'<span class="flag {c}">{t}</span>' for c, t in flags)


def _result(st: dict[str, Any]) -> str:
    if st["passed"] is None:
        return '<span class="muted">–</span>'
    return '<span class="pass">pass</span>' if st["passed"] else '<span class="fail">not yet</span>'


def _grid(g: dict[str, Any]) -> str:
    legend = "".join(f'<span class="{_css_class(c)}">{SYMBOLS[c]} {c}</span>' for c in SYMBOLS)
    head = "".join(
        f'<th class="a" title="{e(a["claim"])}"><a href="#{_anchor(g, a["key"])}">{e(a["label"])}</a></th>'
        for a in g["arguments"]
    )
    rows = []
    for st in g["students"]:
        cells = "".join(
            f'<td class="c {_css_class(st["cells"].get(a["key"], "not started"))}" '
            f'title="{e(a["label"])}: {e(st["cells"].get(a["key"], "not started"))}">'
            f"{SYMBOLS.get(st['cells'].get(a['key'], 'not started'), '?')}</td>"
            for a in g["arguments"]
        )
        rows.append(
            f'<tr><td class="n"><a href="#{_anchor(g, st["key"])}">{e(st["student"])}</a></td>'
            f'<td class="n">{st["score"]:.1f}%</td><td class="n">{_result(st)}</td>'
            f'<td class="n">{_flags(st)}</td>{cells}</tr>'
        )
    nothing_read = [(n, "not submitted") for n in g["not_submitted"]]
    nothing_read += [(u["student"], "file unreadable") for u in g.get("unreadable", [])]
    for name, flag in nothing_read:
        blank = "".join('<td class="c not-started">-</td>' for _ in g["arguments"])
        rows.append(
            f'<tr><td class="n">{e(name)}</td><td class="n">0%</td><td class="n"><span class="fail">not yet</span></td>'
            f'<td class="n"><span class="flag late">{flag}</span></td>{blank}</tr>'
        )
    legend_args = "".join(
        f"<li><b>{e(a['label'])}</b> {e(a['motion'])}{gone(a)}: {e(a['claim'])}</li>" for a in g["arguments"]
    )
    return (
        f'<p class="legend">{legend}</p>'
        f'<table class="grid"><thead><tr><th>Student</th><th>Score</th><th>Result</th><th>Flags</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        f"<details><summary>Argument labels</summary><ul>{legend_args}</ul></details>"
    )


def _anchor(g: dict[str, Any], key: str) -> str:
    """A fragment id for a student's or an argument's section, one per key: letters and digits stay, any other
    character is spelt by its code point ("Ana Lima" and "Ana.Lima" are two students, and two anchors)."""
    safe = "".join(ch if ch.isalnum() else f"-{ord(ch):x}-" for ch in f"{g['group']}\n{key}")
    return "x-" + safe


def _most_missed(g: dict[str, Any]) -> str:
    by_key = {a["key"]: a for a in g["arguments"]}
    items = []
    for key in g["most_missed"]:
        a = by_key[key]
        model = "".join(
            f"<blockquote>{e(r['text'])} <span class='muted'>({e(r['type'])}, strength {r['strength']})</span>"
            "</blockquote>"
            for r in a["rebuttals"][:3]
        )
        items.append(
            f"<li><b>{e(a['label'])}</b> {e(a['claim'])} — missed by <b>{a['students_missed']}</b> of "
            f"{counted(a['students_reached'], 'student')} ({a['students_near']} near){model}</li>"
        )
    if not items:
        return ""
    return "<h3>Most missed arguments</h3><ol>" + "".join(items) + "</ol>"


def _round(r: dict[str, Any]) -> str:
    found = ", ".join(v["rebuttal"] for v in r["verdicts"] if v["verdict"] == "hit")
    near = ", ".join(v["rebuttal"] for v in r["verdicts"] if v["verdict"] == "near")
    detail = f"{e(r['outcome'])}, {r['points']}/{r['max_points']} points"
    if found:
        detail += f" — found: {e(found)}"
    elif near:
        detail += f" — near: {e(near)}"
    if r.get("override"):
        detail += f" — <b>{e(override_note(r['override']))}</b>"
    if r["hints_used"]:
        detail += f", {counted(r['hints_used'], 'hint')}"
    detail += f", {r['seconds']:g} s"
    answer = e(r["answer"]) if r["answer"].strip() else '<span class="muted">(no answer)</span>'
    return f'<div class="muted">{detail}</div><div class="answer {_css_class(r["outcome"])}">{answer}</div>'


def _student(g: dict[str, Any], st: dict[str, Any]) -> str:
    claims = {a["key"]: f"{a['label']} {a['claim']}" for a in g["arguments"]}
    body = []
    for m in st["motions"]:
        if not m["attempts"]:
            body.append(f"<p><b>{e(m['motion'])}</b>: not started (0/{m['max_points']})</p>")
            continue
        body.append(f"<p><b>{e(m['motion'])}</b>: {m['points']}/{m['max_points']} ({m['score']:g}%)</p>")
        for att in m["attempts"]:
            mark = " counted" if att["counted"] else ""
            late = ' <span class="flag late">late</span>' if att["late"] else ""
            rounds = "".join(
                f"<p><b>{e(claims.get(m['motion'] + '/' + r['argument'], r['argument']))}</b></p>{_round(r)}"
                for r in att["rounds"]
            )
            body.append(
                f'<details><summary class="{mark.strip()}">Attempt {att["attempt"]}{" ★ counts" if mark else ""}: '
                f"{att['points']}/{att['max_points']}, {e(att['status'])}{late} · "
                f"started {e(att['started_at'] or '–')} · {att['minutes_in_app']:g} min in the app</summary>"
                f"{rounds or '<p>No rounds answered.</p>'}</details>"
            )
    return (
        f'<details id="{_anchor(g, st["key"])}"><summary>{e(st["student"])} — {st["score"]:.1f}% {_result(st)} '
        f"{_flags(st)}</summary>{''.join(body)}</details>"
    )


def _argument(g: dict[str, Any], a: dict[str, Any]) -> str:
    answers = []
    for st in g["students"]:
        for m in st["motions"]:
            if m["motion"] != a["motion"]:
                continue
            for att in m["attempts"]:
                for r in att["rounds"]:
                    if r["argument"] == a["argument"]:
                        star = " ★" if att["counted"] else ""
                        answers.append(f"<p><b>{e(st['student'])}</b> (attempt {att['attempt']}{star})</p>{_round(r)}")
    model = "".join(f"<blockquote>{e(r['text'])}</blockquote>" for r in a["rebuttals"])
    nobody = ", ".join(e(r["text"] or r["id"]) for r in a["nobody_found"])
    return (
        f'<details id="{_anchor(g, a["key"])}"><summary>{e(a["label"])}{gone(a)} {e(a["claim"])} — missed by '
        f"{a['students_missed']} of {a['students_reached']}</summary>"
        + (f"<p><b>Model rebuttals</b></p>{model}" if model else "")
        + (f"<p><b>Nobody found:</b> {nobody}</p>" if nobody else "")
        + ("".join(answers) or "<p>No answers yet.</p>")
        + "</details>"
    )


def _overrides(applied: list[dict[str, Any]]) -> str:
    """The teacher's rulings the grades count, as the Markdown report lists them."""
    rows = "".join(
        f"<tr><td>{e(c['student'])}</td><td>{e(c['motion'])}/{e(c['argument'])}</td>"
        f"<td>{e(ruled(c['ruling']))} {e(c['rebuttal'])}</td><td>{e(c['was']['outcome'])} {c['was']['points']}</td>"
        f"<td>{e(c['now']['outcome'])} {c['now']['points']}</td><td>{e(c['answer'])}</td></tr>"
        for c in applied
    )
    count = f"{len(applied)} answer{'' if len(applied) == 1 else 's'}"
    return (
        "<h2>Teacher's rulings (overrides)</h2>"
        f"<p>{count} overridden by the teacher; the grades above count them. The results files are unchanged.</p>"
        "<table><tr><th>Student</th><th>Argument</th><th>Ruling</th><th>Judge</th><th>Now</th><th>Answer</th></tr>"
        f"{rows}</table>"
    )


def _rescore(rescore: dict[str, Any]) -> str:
    rows = "".join(
        f"<tr><td>{e(c['student'])}</td><td>{e(c['motion'])}/{e(c['argument'])}</td>"
        f"<td>{e(c['was']['outcome'])} {c['was']['points']}</td><td>{e(c['now']['outcome'])} {c['now']['points']}</td>"
        f"<td>{e(c['answer'])}</td></tr>"
        for c in rescore["rounds"]
    )
    grades = "".join(
        f"<li>{e(c['student'])}: {c['was']['score']:g}% → {c['now']['score']:g}%</li>" for c in rescore["grades"]
    )
    notes = "".join(f"<li>{e(n)}</li>" for n in rescore["notes"])
    return (
        "<h2>Re-scored with the current banks</h2><p>The results files were not modified.</p>"
        f"<ul>{notes}</ul><h3>Grades that changed</h3><ul>{grades or '<li>none</li>'}</ul>"
        "<h3>Answers that changed</h3><table><tr><th>Student</th><th>Argument</th><th>Was</th><th>Now</th>"
        f"<th>Answer</th></tr>{rows}</table>"
    )
