"""The ``debate`` command line. The TUI is imported only when a command opens it."""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from debate.cli_args import build_parser as build_parser
from debate.cli_args import parse_args
from debate.errors import DebateError, MotionError, UsageError
from debate.launch import cmd_tui, motion_library, open_history
from debate.model import SIDES, Motion
from debate.sparkline import sparkline
from debate.text_safety import printable

if TYPE_CHECKING:
    pass


def cmd_list(args: argparse.Namespace) -> int:
    """``debate list [MOTION]``."""
    library = motion_library(args)
    if args.motion:
        return _list_arguments(library.require(args.motion), args.json)
    rows = [
        {
            "id": m.id,
            "title": m.title,
            "path": str(m.path),
            "tags": list(m.tags),
            "difficulty": m.difficulty,
            "arguments": {side: len(m.arguments(side)) for side in SIDES},
            "rebuttals": m.rebuttal_count,
        }
        for m in library.motions
    ]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("No motions found.", file=sys.stderr)
        return 0
    width = max(len(r["id"]) for r in rows)
    for r in rows:
        args_n = r["arguments"]
        counts = f"{args_n['proposition']}+{args_n['opposition']} args"
        print(printable(f"{r['id']:<{width}}  {r['difficulty']:<12}  {counts}  {r['title']}"))
    return 0


def _list_arguments(motion: Motion, as_json: bool) -> int:
    """One motion's arguments: id, side (whose argument it is) and claim."""
    rows = [{"id": a.id, "side": side, "claim": a.claim} for side in SIDES for a in motion.arguments(side)]
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    print(printable(motion.title))
    width = max((len(r["id"]) for r in rows), default=0)
    for r in rows:
        print(printable(f"  {r['id']:<{width}}  {r['side']:<11}  {' '.join(r['claim'].split())}"))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """``debate check``: exit 1 on any failure."""
    from debate.check import check_files, shown
    from debate.discovery import discover, motion_dirs, motion_files

    if args.paths:
        missing = [p for p in args.paths if not p.exists()]
        if missing:
            raise DebateError(f"{missing[0]}: no such file or folder")
        files = motion_files(args.paths)
    else:
        files = motion_files(d for d in motion_dirs(getattr(args, "motions", []) or []) if d.exists())
    library = discover(getattr(args, "motions", []) or [])
    known = {m.id for m in library.motions}
    known |= {r.motion_id for r in check_files(files, run_examples=False) if r.motion_id}
    if args.compare is not None:
        return _compare(args, files)
    reports = check_files(files, known_motions=known, elsewhere=library.files_by_id())
    ok = bool(reports) and all(r.ok(args.strict) for r in reports)  # (a folder with no motion file checks nothing)
    if args.json:
        print(json.dumps({"ok": ok, "files": [r.as_json(args.strict) for r in reports]}, indent=2, ensure_ascii=False))
        return 0 if ok else 1
    for r in reports:
        for line in r.errors:
            print(printable(line), file=sys.stderr)
        for line in r.warnings:
            print(printable(f"{line} [warning]"), file=sys.stderr)
        if args.verbose:
            for e in r.results:
                mark = "ok " if e.ok else "BAD"
                print(
                    printable(
                        f"  {mark} {shown(e.score)} margin {e.margin:+.2f} held out {shown(e.held_out)}  "
                        f"{e.rebuttal} {e.label}: {e.text}"
                    )
                )
        state = "ok" if r.ok(args.strict) else "FAILED"
        n = len(r.warnings)
        detail = f"{r.examples} examples" + (f", {n} warning{'s' * (n != 1)}" if n else "")
        print(printable(f"{state:6}  {r.path}  ({detail})"))
    if not reports:
        where = " in " + ", ".join(str(p) for p in args.paths) if args.paths else ""
        print(printable(f"No motion files found{where} (motion files end in .yaml or .yml)."), file=sys.stderr)
    failed = sum(not r.ok(args.strict) for r in reports)
    print(f"{len(reports) - failed} passed, {failed} failed", file=sys.stderr)
    return 0 if ok else 1


def _compare(args: argparse.Namespace, files: list[Path]) -> int:
    """``debate check NEW.yaml --compare OLD.yaml``: the examples whose verdict an edit changed."""
    from debate.check import compare_motions, warning_changes
    from debate.motions import load_motion

    if len(files) != 1:
        raise UsageError("--compare takes one motion file to compare it with: debate check NEW.yaml --compare OLD.yaml")
    if not args.compare.is_file():
        raise DebateError(f"{args.compare}: no such file")
    old, new = load_motion(args.compare), load_motion(files[0])
    changes = compare_motions(old, new)
    moved = warning_changes(args.compare, files[0])
    added, gone, errors = moved.added, moved.gone, moved.errors
    failing = bool(errors) or (args.strict and moved.warnings > 0)  # (what `check --strict` says of the new file)
    if args.json:
        found = {"changes": [c.as_json() for c in changes], "new_warnings": added, "warnings_gone": gone}
        print(json.dumps({**found, "errors": errors, "ok": not failing}, indent=2, ensure_ascii=False))
        return 1 if failing else 0
    for c in changes:
        print(printable(c.describe(old.path, new.path)))
    for warning in added:
        print(printable(f"new warning: {warning}"))
    for warning in gone:
        print(printable(f"warning gone: {warning}"))
    for error in errors:  # what fails check in the edited file: the edit is not done
        print(printable(f"error: {error}"))
    n = len(changes)
    counts = f"{len(added)} new warning{'s' * (len(added) != 1)}, {len(gone)} gone"
    failed = ""
    if errors:
        failed = f"; {files[0]} fails check ({len(errors)} error{'s' * (len(errors) != 1)})"
    elif failing:
        failed = f"; {files[0]} fails check --strict ({moved.warnings} warning{'s' * (moved.warnings != 1)})"
    print(f"{n} example{'s' * (n != 1)} changed verdict; {counts}{failed}", file=sys.stderr)
    return 1 if failing else 0


def cmd_schema(args: argparse.Namespace) -> int:
    """``debate schema``."""
    from debate.motions import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """``debate new ID``: write a skeleton, never over an existing file; warn when a motion found has the id."""
    from debate.discovery import discover
    from debate.skeleton import skeleton
    from debate.spec import _ID_RE

    if not _ID_RE.match(args.id):
        raise UsageError(f"'{args.id}' is not a kebab-case id (lowercase letters, digits, single hyphens)")
    path: Path = args.dir / f"{args.id}.yaml"
    taken = discover(getattr(args, "motions", []) or []).files_by_id().get(args.id)  # before the skeleton exists
    try:
        args.dir.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:  # "x": never over an existing file, even one made meanwhile
            handle.write(skeleton(args.id))
    except FileExistsError:
        raise DebateError(f"{printable(str(path))} already exists; not overwriting it") from None
    except OSError as exc:
        raise DebateError(f"{printable(str(path))}: cannot write the motion there ({exc.strerror or exc})") from None
    if taken:
        print(
            printable(
                f"warning: the motion id '{args.id}' is already used by {taken[0]}; the trainer keeps one motion per "
                f"id and ignores the other, so change the id in {path} before you use it"
            ),
            file=sys.stderr,
        )
    print(f"wrote {path}: fill in every <placeholder>, then run `debate check {path}`", file=sys.stderr)
    return 0


STDIN_LIMIT = 1024 * 1024
"""Longest rebuttal read from standard input."""


def _read_stdin() -> str:
    """The rebuttal piped in: strict UTF-8 of at most :data:`STDIN_LIMIT` bytes, or a one-line error."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream without bytes underneath (tests, embedding)
        return str(sys.stdin.read(STDIN_LIMIT + 1))[:STDIN_LIMIT]
    data = stream.read(STDIN_LIMIT + 1)
    if len(data) > STDIN_LIMIT:
        raise DebateError("the rebuttal on standard input is over 1 MB; send a shorter one")
    try:
        return str(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise DebateError(
            f"standard input is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "send the rebuttal as UTF-8"
        ) from None


def cmd_answer(args: argparse.Namespace) -> int:
    """``debate answer MOTION ARGUMENT TEXT``."""
    from debate.feedback import answer_report, format_answer

    text = _read_stdin() if args.text == "-" else args.text
    if not text.strip():
        raise DebateError("the rebuttal is empty: give it as TEXT, or '-' and pipe it in")
    motion = motion_library(args).require(args.motion)
    report = answer_report(motion, args.argument, text)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(format_answer(motion, report))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    """``debate bench kpa|answers|fit|cv|speed|firstframe``."""
    if args.bench == "answers":
        from debate.bench import answers

        judged = answers.judge_answers(answers.load_answers(args.file), motion_library(args))
        table = answers.figures(judged)
        if args.json:
            print(json.dumps(table, indent=2))
        else:
            if args.verbose:
                print("\n".join(answers.wrong_lines(judged)))
            print(answers.format_figures(table))
        return 0
    if args.bench in ("fit", "cv", "kpa"):
        for name in (f"arguments_{args.subset}.csv", f"key_points_{args.subset}.csv", f"labels_{args.subset}.csv"):
            if not (args.data_dir / name).is_file():
                raise DebateError(f"{args.data_dir / name}: not found (expected the ArgKP layout)")
    if args.bench == "fit":
        from debate.bench.fit import fit, fit_consensus

        (fit_consensus if args.consensus else fit)(args.data_dir, args.subset, write=args.write)
        return 0
    if args.bench == "cv":
        from debate.bench.fit import cross_validate

        print(json.dumps(cross_validate(args.data_dir, args.subset, args.shots, refit_base=not args.keep_base)))
        return 0
    if args.bench == "firstframe":
        from debate.bench import firstframe

        if shutil.which("tmux") is None:
            raise DebateError("bench firstframe runs the apps in tmux, which is not installed")
        try:
            width, height = (int(n) for n in args.size.lower().split("x"))
        except ValueError:
            raise UsageError(f"--size {args.size!r}: expected WIDTHxHEIGHT, such as 100x30") from None
        medians = firstframe.bench(args.runs, width, height, quiet=args.json)
        if args.json:
            print(json.dumps({k: round(v, 4) for k, v in medians.items()}, indent=2))
        return 0
    from debate.bench import kpa, speed

    if args.bench == "kpa":
        figures = kpa.run_kpa(
            args.data_dir,
            args.subset,
            shots=args.shots,
            seed=args.seed,
            output=args.output,
            progress=sys.stderr.isatty(),
            compare_baseline=args.baseline,
        )
    else:
        figures = speed.speed_from_library(motion_library(args))
    print(json.dumps(figures, indent=2) if args.json or args.bench == "speed" else kpa.format_figures(figures))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """``debate report RESULTS...``: skipped files are listed with a reason each, never fatal."""
    from debate.classroom_cells import argument_gone_line
    from debate.classroom_render import one_line, render
    from debate.discovery import discover
    from debate.report import class_report, progress_bar, read_roster, write_output

    if args.pass_mark is not None and not 0 <= args.pass_mark <= 100:
        raise UsageError("--pass-mark must be a percentage from 0 to 100")
    if args.answers and args.format != "csv":
        raise UsageError("--answers goes with --format csv (the other formats always carry every answer)")
    for path in args.results:
        if path.suffix.lower() in (".yaml", ".yml") and not path.is_dir():  # (--assignment forgotten)
            raise UsageError(f"{path}: a YAML file, not results; an assignment goes with --assignment {path}")
    library = discover(getattr(args, "motions", []) or [])
    assignment = None
    if args.assignment is not None:
        from debate.assignment import load_assignment

        assignment = load_assignment(args.assignment)
    warnings: list[str] = []
    if args.roster is not None:
        roster = read_roster(args.roster, warnings)
    else:
        roster = []
        warnings += assignment.warnings if assignment is not None else ()

    def warn(text: str) -> None:
        print(printable(f"warning: {text}"), file=sys.stderr)

    for warning in warnings:
        warn(warning)
    report = class_report(
        args.results,
        assignment=assignment,
        pass_mark=args.pass_mark,
        roster=roster,
        policy=args.attempts,
        motions={m.id: m for m in library.motions},
        rescore=args.rescore,
        progress=progress_bar(),
    )  # refuses an assignment motion found nowhere; one only the results files have is graded from them
    known = {m.id for m in library.motions}
    if assignment is not None:
        from debate.assignment import unknown_motions

        for problem in unknown_motions(assignment, known):
            warn(f"{problem}; graded from the results files")
    else:  # a student may have practised a motion from a file of the teacher's: its bank is needed for its rulings
        for motion_id in sorted({m["motion"] for g in report["groups"] for m in g["motions"]} - known):
            warn(
                f"motion '{motion_id}' is not among the motions found; graded from the results files (give its "
                "folder or file with --motions for its arguments' texts, rulings' points and --rescore)"
            )
    for item in report["left_out"]:
        if item.get("same_but_id") and assignment is not None:
            warn(
                f"{item['files']} results files are left out that have the assignment's title, motions and mode but "
                f"the id '{item['same_but_id']}', not '{assignment.id}': if they are this assignment, put that id "
                f"back in {assignment.path}"
            )
    for g in report["groups"]:
        for pair in g["did_you_mean"]:
            warn(
                f"'{pair['roster']}' on the roster has not submitted, but '{pair['student']}' (not on the roster) "
                "has: the same student? The report keeps them apart; correct the roster or the name if so"
            )
    for s in report["skipped"]:
        whose = f" ({s['student']}'s)" if s.get("student") else ""
        print(one_line(f"skipped {s['path']}{whose}: {s['reason']}"), file=sys.stderr)
    for problem in report.get("overrides_problems", ()):
        warn(f"{problem} (graded without its rulings)")
    for note in report.get("arguments_not_in_motion", ()):
        warn(argument_gone_line(note))
    if not report["files_read"] and not any(g["not_submitted"] for g in report["groups"]):
        raise DebateError("no usable results files found")
    text = render(report, args.format, answers=args.answers)
    if args.output is None:
        sys.stdout.write(text)
    else:  # a CSV file opens in a spreadsheet: its byte-order mark tells Excel it is UTF-8 (accented names)
        write_output(args.output, ("\ufeff" if args.format == "csv" else "") + text)
        print(
            f"wrote {args.output} ({report['files_read']} sessions, {len(report['skipped'])} skipped)", file=sys.stderr
        )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """``debate serve``: the trainer in browsers (see :mod:`debate.serve`)."""
    from debate.serve.launch import ServeOptions, run

    if args.assignment is not None:
        from debate.assignment import load_assignment, unknown_motions

        unknown = unknown_motions(load_assignment(args.assignment), {m.id for m in motion_library(args).motions})
        if unknown:
            raise MotionError(unknown)
    run(
        ServeOptions(
            host=args.host,
            port=args.port,
            motions=tuple(getattr(args, "motions", []) or []),
            results=args.results,
            assignment=args.assignment,
            code=args.code,
            max_sessions=args.max_sessions,
            idle_minutes=args.idle_minutes,
        )
    )
    return 0


@contextlib.contextmanager
def _reading_history() -> Iterator[Any]:
    """The history store for a read-only command; a folder or database it cannot use is one line, not a traceback."""
    import sqlite3

    try:
        with open_history() as store:
            yield store
    except (OSError, sqlite3.Error) as exc:
        raise DebateError(f"cannot read the practice history: {printable(str(exc))}") from None


def _round_json(r: Any, contests: dict[int, tuple[str, str | None]]) -> dict[str, Any]:
    """One stored answer for ``debate history --json`` (``contests``: the session's, by round id)."""
    contest = contests.get(r.id) if r.id is not None else None
    return {
        "argument": r.argument_id,
        "side": r.side,
        "answer": r.answer,
        "score": round(r.score, 3),
        "points": r.points,
        "max_points": r.max_points,
        "hits": list(r.hits),
        "nears": list(r.nears),
        "hints_used": r.hints_used,
        "hints": list(r.hints),
        "assisted": r.assisted,
        "seconds": round(r.seconds, 1),
        "at": r.at.isoformat(),
        "contest": None if contest is None else {"kind": contest[0], "rebuttal": contest[1]},
    }


MIN_ID_PREFIX = 4
"""The fewest characters of a session id ``history --delete`` takes."""


def _session(store: Any, wanted: str) -> Any:
    """The one session whose id is ``wanted`` or starts with it (:data:`MIN_ID_PREFIX` characters or more), or a
    :class:`DebateError` saying why there is none."""
    key = wanted.strip().lower()
    if len(key) < MIN_ID_PREFIX:  # (" " would start every id: the only session would go)
        raise DebateError(
            f"give a session's id, or at least its first {MIN_ID_PREFIX} characters (see `debate history`)"
        )
    matches = [s for s in store.sessions(limit=None) if s.id.startswith(key)]
    if len(matches) != 1:
        problem = "no session has" if not matches else f"{len(matches)} sessions have"
        raise DebateError(f"{problem} the id {printable(repr(wanted))} (see `debate history`)")
    return matches[0]


def _show_session(store: Any, wanted: str, as_json: bool) -> int:
    """``debate history ID``: one session and every answer in it, as the student typed it."""
    session = _session(store, wanted)
    rounds = store.rounds(session_id=session.id)
    contests = store.contests(session_id=session.id)
    if as_json:
        print(json.dumps([_round_json(r, contests) for r in rounds], indent=2, ensure_ascii=False))
        return 0
    when = session.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
    score = _session_score(session)
    mode = session.label or session.mode
    print(printable(f"{session.id[:8]}  {when}  {session.motion_id}  {session.side}  {mode}  {score}"))
    if not rounds:
        print("  no answers")
    for n, r in enumerate(rounds, 1):
        made = f"made: {', '.join(r.hits)}" if r.hits else "nothing made"
        helped = f" · {r.hints_used} hint{'s' * (r.hints_used != 1)}" if r.hints_used else ""
        print(printable(f"  {n}. {r.argument_id}  {r.points}/{r.max_points} · {made}{helped}"))
        print(printable(f"     {' '.join(r.answer.split()) or '(no answer)'}"))
    return 0


def _delete_session(store: Any, wanted: str) -> int:
    """``debate history --delete ID``: one session (id or unique prefix) and its rounds; the schedule is replayed."""
    session = _session(store, wanted)
    count = store.delete_session(session.id)
    when = session.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
    answers = f"{count} answer{'s' if count != 1 else ''}"
    print(f"Deleted session {session.id[:8]} ({when}, {session.motion_id}, {answers}).", file=sys.stderr)
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    """``debate history``: sessions, newest first, with every answer in ``--json``; ``debate history ID`` shows one
    session's answers, ``--delete ID`` removes one."""
    with _reading_history() as store:
        if args.delete is not None:
            return _delete_session(store, args.delete)
        if args.session is not None:
            return _show_session(store, args.session, args.json)
        sessions = store.sessions(limit=args.limit)
        answers = {s.id: store.rounds(session_id=s.id) for s in sessions} if args.json else {}
        contests = {s.id: store.contests(session_id=s.id) for s in sessions} if args.json else {}
    if args.json:
        rows = [
            {
                "id": s.id,
                "started_at": s.started_at.isoformat(),
                "finished_at": s.finished_at.isoformat() if s.finished_at else None,
                "motion": s.motion_id,
                "side": s.side,
                "mode": s.mode,
                "label": s.label,
                "student": s.student,
                "total": s.total,
                "max_total": s.max_total,
                "percent": None if s.percent is None else round(s.percent, 1),
                "rounds": [_round_json(r, contests[s.id]) for r in answers[s.id]],
            }
            for s in sessions
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not sessions:
        print("No sessions yet: run `debate` to practise.", file=sys.stderr)
        return 0
    # columns as wide as their longest entry (ids are kebab-case ASCII, so a character is a terminal cell)
    motions = [printable(s.motion_id) for s in sessions]
    sides = [printable(s.side) for s in sessions]
    modes = [printable(s.label or s.mode) for s in sessions]  # (a drill as the trainer called it: "Review due")
    motion_width, side_width, mode_width = (max(map(len, column)) for column in (motions, sides, modes))
    for s, motion, side, mode in zip(sessions, motions, sides, modes, strict=True):
        when = s.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        score = _session_score(s)
        print(f"{s.id[:8]}  {when}  {motion:<{motion_width}}  {side:<{side_width}}  {mode:<{mode_width}}  {score}")
    return 0


def _session_score(session: Any) -> str:
    """A session's score as `debate history` says it: points and percent, or unfinished; and where it ended early."""
    score = "unfinished" if session.percent is None else f"{session.total}/{session.max_total} ({session.percent:.0f}%)"
    if session.ended_early:
        score += f" · ended after {session.answered} of {session.arguments}"
    return score


def cmd_stats(args: argparse.Namespace) -> int:
    """``debate stats``: progress per motion, mastery per argument, reviews due."""
    with _reading_history() as store:
        progress = store.progress_all()
        mastery = store.mastery()
        due = store.due_reviews(limit=1000)
    if args.json:
        data = {
            "motions": [
                {
                    "motion": p.motion_id,
                    "sessions": p.sessions,
                    "best": round(p.best, 1),
                    "last": round(p.last, 1),
                    "trend": [round(t, 1) for t in p.trend],
                }
                for p in progress
            ],
            "arguments": [
                {
                    "motion": m.motion_id,
                    "argument": m.argument_id,
                    "side": m.side,
                    "attempts": m.attempts,
                    "recent": round(m.recent_score, 3),
                    "mastery": round(m.mastery, 3),
                    "best": round(m.best_score, 3),
                }
                for m in mastery
            ],
            "due": [{"motion": d.motion_id, "argument": d.argument_id, "side": d.side} for d in due],
        }
        print(json.dumps(data, indent=2))
        return 0
    if not progress and not mastery:
        print("No practice recorded yet: run `debate` to practise.", file=sys.stderr)
        return 0
    # columns as wide as their longest entry (ids are kebab-case ASCII, so a character is a terminal cell)
    names = [printable(p.motion_id) for p in progress]
    trends = [sparkline(p.trend) for p in progress]
    name_width, trend_width = max(map(len, names), default=0), max(map(len, trends), default=0)
    print("Motions (best / last / trend)")
    for p, name, trend in zip(progress, names, trends, strict=True):
        sessions = f"{p.sessions} session{'s' * (p.sessions != 1)}"
        print(f"  {name:<{name_width}} {p.best:5.0f}% {p.last:5.0f}%  {trend:<{trend_width}}  ({sessions})")
    weakest = mastery[:15]
    arguments = [printable(f"{m.motion_id}/{m.argument_id}") for m in weakest]
    argument_width = max(map(len, arguments), default=0)
    print("\nArguments, weakest first (mastery: points earned without help, attempts)")
    for m, argument in zip(weakest, arguments, strict=True):
        print(f"  {argument:<{argument_width}} {100 * m.mastery:4.0f}%  x{m.attempts}")
    print(f"\n{len(due)} argument{'s' * (len(due) != 1)} due for review.")
    return 0


COMMANDS = {
    "list": cmd_list,
    "check": cmd_check,
    "schema": cmd_schema,
    "new": cmd_new,
    "answer": cmd_answer,
    "bench": cmd_bench,
    "report": cmd_report,
    "history": cmd_history,
    "stats": cmd_stats,
    "serve": cmd_serve,
    "practice": cmd_tui,
    "study": cmd_tui,
    None: cmd_tui,
}


def _teacher_commands() -> None:
    from debate.cli_bank import COMMANDS as LOOP

    COMMANDS.update(LOOP)


_teacher_commands()


def _motion_file(args: argparse.Namespace) -> None:
    """A command's MOTION given as the path of a motion file (``debate practice my-motion.yaml``) is read as
    ``--motions FILE`` would be; the command then finds it by that path."""
    name = getattr(args, "motion", None)
    if not name:
        return
    from debate.discovery import is_motion_path, motion_file_argument

    if is_motion_path(name):
        args.motions = [*(getattr(args, "motions", []) or []), motion_file_argument(name)]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code (errors are printed as one line to stderr)."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        _motion_file(args)
        return COMMANDS[args.command](args)
    except MotionError as exc:
        print(exc, file=sys.stderr)
        return exc.exit_code
    except DebateError as exc:
        print(f"debate: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0


def entry() -> None:
    """Console-script entry point: Ctrl-C exits 130 without a traceback."""
    try:
        code = main()
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        code = 130
    sys.exit(code)
