"""The ``debate`` command line. The TUI is imported only when a command opens it."""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, cast

from debate import __version__
from debate.errors import DebateError, MotionError, UsageError
from debate.model import SIDES, Side
from debate.sparkline import sparkline
from debate.text_safety import printable

if TYPE_CHECKING:
    from debate.assignment import Assignment
    from debate.results import AssignmentStamp
    from debate.tui.app import DebateApp

T = TypeVar("T")


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line (not the whole usage) on a mistake."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def _motions_option(parser: argparse.ArgumentParser, default: Any) -> None:
    parser.add_argument(
        "--motions",
        metavar="DIR",
        action="append",
        type=Path,
        default=default,
        help="an extra motion folder (repeatable; DEBATE_MOTIONS adds more)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser."""
    parser = _Parser(prog="debate", description="A terminal debate trainer: rebut arguments, get scored feedback.")
    parser.add_argument("--version", action="version", version=f"debate {__version__}")
    _motions_option(parser, [])
    common = _Parser(add_help=False)
    _motions_option(common, argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("practice", parents=[common], help="practise one motion in the trainer")
    p.add_argument("motion", nargs="?", help="motion id (default: choose in the picker)")
    p.add_argument("--side", choices=SIDES, help="the side you argue (you rebut the other side; asked when not given)")
    p.add_argument("--time", type=float, metavar="SECONDS", help="time limit per argument")
    p.add_argument(
        "--order", choices=("random", "fixed"), default="random", help="the order arguments come up (default random)"
    )
    p.add_argument("--seed", type=int, metavar="N", help="seed of the random order (the same seed, the same order)")
    p.add_argument("--student", metavar="NAME", help="your name, for history and results files")
    p.add_argument("--results", type=Path, metavar="DIR", help="also write a results file per session into DIR")
    p.add_argument("--assignment", type=Path, metavar="FILE", help="run this assignment (motions, sides, mode)")
    p.add_argument("--served", action="store_true", help=argparse.SUPPRESS)  # a `debate serve` browser session

    p = sub.add_parser("study", parents=[common], help="learn a motion's arguments and rebuttals before being tested")
    p.add_argument("motion", help="motion id")
    p.add_argument("--side", choices=SIDES, help="the side you argue (asked when not given)")
    p.add_argument("--student", metavar="NAME", help="your name, for history")

    p = sub.add_parser("serve", parents=[common], help="serve the trainer to web browsers (needs the 'serve' extra)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--results", type=Path, metavar="DIR", help="write every student's results files here")
    p.add_argument("--assignment", type=Path, metavar="FILE", help="run this assignment for every student")
    p.add_argument(
        "--code",
        nargs="?",
        const="auto",
        metavar="CODE",
        help="ask browsers for a join code even on loopback (CODE, or a generated one); always asked beyond loopback",
    )
    p.add_argument("--max-sessions", type=int, default=40, metavar="N", help="browser sessions at once (default 40)")
    p.add_argument(
        "--idle-minutes", type=float, default=30.0, metavar="M", help="close a session idle this long (default 30)"
    )

    p = sub.add_parser("list", parents=[common], help="list the motions")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = sub.add_parser("check", parents=[common], help="validate motions and run their examples")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: every motion)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--strict", action="store_true", help="treat lint warnings as failures")
    p.add_argument("-v", "--verbose", action="store_true", help="list every example with its score and margin")
    p.add_argument(
        "--compare",
        type=Path,
        metavar="OLD.yaml",
        help="list the examples whose verdict changed between OLD.yaml and the one PATH (an earlier version)",
    )

    p = sub.add_parser("answer", parents=[common], help="score one rebuttal without the TUI")
    p.add_argument("motion", help="motion id")
    p.add_argument("argument", help="id of the argument you are rebutting")
    p.add_argument("text", help="your rebuttal ('-' reads it from standard input)")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    sub.add_parser("schema", help="print the JSON Schema of the motion format")

    p = sub.add_parser("history", help="your past practice sessions")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--limit", type=int, default=30, help="how many sessions (default 30)")
    p.add_argument("--delete", metavar="ID", help="delete one session (its id or a unique start of it) and its rounds")

    p = sub.add_parser("stats", help="progress per motion, mastery per argument, reviews due")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = sub.add_parser("report", parents=[common], help="grade students' results files: the class report")
    p.add_argument("results", nargs="+", type=Path, metavar="RESULTS", help="results files or folders")
    p.add_argument(
        "--assignment", type=Path, metavar="FILE", help="the teacher's assignment: title, motions, due date, pass mark"
    )
    p.add_argument("--roster", type=Path, metavar="FILE", help="one student name per line: who has not submitted")
    p.add_argument(
        "--attempts",
        choices=("best", "latest", "first"),
        default="best",
        help="which attempt counts per student and motion (default: best)",
    )
    p.add_argument("--rescore", action="store_true", help="judge the stored answers again with the current banks")
    p.add_argument("--format", choices=("md", "csv", "json", "html"), default="md")
    p.add_argument("--answers", action="store_true", help="CSV: one row per student x argument x attempt")
    p.add_argument("--output", type=Path, metavar="FILE", help="write here instead of standard output")
    p.add_argument("--pass-mark", type=float, metavar="PERCENT", help="override the assignment's pass mark (0-100)")

    p = sub.add_parser("new", help="write a commented motion skeleton")
    p.add_argument("id", help="the new motion's id (kebab-case)")
    p.add_argument("--dir", type=Path, default=Path("."), help="folder to write ID.yaml into (default: here)")

    p = sub.add_parser("bench", help="how good and how fast the judge is")
    bench = p.add_subparsers(dest="bench", metavar="BENCH", required=True, parser_class=_Parser)
    b = bench.add_parser("kpa", help="key-point matching quality on ArgKP-format data")
    b.add_argument("data_dir", type=Path, metavar="DIR")
    b.add_argument("--subset", required=True, help="train, dev, ...")
    b.add_argument("--shots", type=int, default=0, help="labelled arguments added per key point as phrasings")
    b.add_argument("--seed", type=int, default=0)
    b.add_argument("--output", type=Path, required=True, metavar="PREDICTIONS.json")
    b.add_argument("--baseline", action="store_true", help="also time a bare token_set_ratio loop over the same pairs")
    b.add_argument("--json", action="store_true", help="machine-readable output")
    b = bench.add_parser("answers", parents=[common], help="the judge on labelled student answers (JSONL)")
    b.add_argument("file", type=Path, metavar="FILE")
    b.add_argument("--json", action="store_true", help="machine-readable output")
    b.add_argument("-v", "--verbose", action="store_true", help="list the wrong verdicts")
    b = bench.add_parser("fit", help="refit the judge's similarity weights on ArgKP-format data")
    b.add_argument("data_dir", type=Path, metavar="DIR")
    b.add_argument("--subset", default="train")
    b.add_argument("--consensus", action="store_true", help="the text+phrasings consensus weights (3 shots)")
    b.add_argument("--write", action="store_true", help="save them into debate/judge/weights.json")
    b = bench.add_parser("cv", help="leave-topics-out cross-validation of the judge on one split (tune here)")
    b.add_argument("data_dir", type=Path, metavar="DIR")
    b.add_argument("--subset", default="train")
    b.add_argument("--shots", type=int, default=0, help="labelled arguments added per key point as phrasings")
    b.add_argument("--keep-base", action="store_true", help="keep the committed text weights (refit only consensus)")
    b = bench.add_parser("speed", parents=[common], help="scoring latency and throughput")
    b.add_argument("--json", action="store_true", help="machine-readable output")
    b = bench.add_parser("firstframe", help="time to first frame in tmux: `debate` against a bare Textual app")
    b.add_argument("--runs", type=int, default=7, help="runs of each (alternating); medians are compared")
    b.add_argument("--size", default="100x30", metavar="WxH", help="terminal size (default: 100x30)")
    b.add_argument("--json", action="store_true", help="machine-readable output")
    from debate import cli_bank

    cli_bank.add_parsers(sub, common, _Parser)
    return parser


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The command line parsed. Plain ``debate`` (no arguments) has nothing to parse and skips building the parser
    (every subcommand's options: about 10 ms of a start-up that aims at a few hundred)."""
    if not argv:
        return argparse.Namespace(motions=[], command=None)
    return build_parser().parse_args(argv)


def _library(args: argparse.Namespace) -> Any:
    from debate.discovery import discover

    library = discover(getattr(args, "motions", []) or [])
    for problem in library.problems:
        print(f"warning: {printable(problem)}", file=sys.stderr)
    return library


def cmd_list(args: argparse.Namespace) -> int:
    """``debate list``."""
    library = _library(args)
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
        files = motion_files(d for d in motion_dirs(getattr(args, "motions", []) or []) if d.is_dir())
    known = {m.id for m in discover(getattr(args, "motions", []) or []).motions}
    known |= {r.motion_id for r in check_files(files, run_examples=False) if r.motion_id}
    if args.compare is not None:
        return _compare(args, files)
    reports = check_files(files, known_motions=known)
    ok = all(r.ok(args.strict) for r in reports)
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
        print("No motion files found.", file=sys.stderr)
    failed = sum(not r.ok(args.strict) for r in reports)
    print(f"{len(reports) - failed} passed, {failed} failed", file=sys.stderr)
    return 0 if ok else 1


def _compare(args: argparse.Namespace, files: list[Path]) -> int:
    """``debate check NEW.yaml --compare OLD.yaml``: the examples whose verdict an edit changed."""
    from debate.check import compare_motions, shown
    from debate.motions import load_motion

    if len(files) != 1:
        raise UsageError("--compare takes one motion file to compare it with: debate check NEW.yaml --compare OLD.yaml")
    if not args.compare.is_file():
        raise DebateError(f"{args.compare}: no such file")
    old, new = load_motion(args.compare), load_motion(files[0])
    changes = compare_motions(old, new)
    if args.json:
        print(json.dumps([c.as_json() for c in changes], indent=2, ensure_ascii=False))
        return 0
    for c in changes:
        print(
            printable(
                f"{new.path}:{c.line}: {c.argument} / {c.rebuttal} {c.label} example: {c.old_verdict} "
                f'{shown(c.old_score)} -> {c.new_verdict} {shown(c.new_score)}  "{c.text}"'
            )
        )
    n = len(changes)
    print(f"{n} example{'s' * (n != 1)} changed verdict", file=sys.stderr)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """``debate schema``."""
    from debate.motions import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """``debate new ID``: write a skeleton, never over an existing file."""
    from debate.skeleton import skeleton
    from debate.spec import _ID_RE

    if not _ID_RE.match(args.id):
        raise UsageError(f"'{args.id}' is not a kebab-case id (lowercase letters, digits, single hyphens)")
    path: Path = args.dir / f"{args.id}.yaml"
    try:
        args.dir.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:  # "x": never over an existing file, even one made meanwhile
            handle.write(skeleton(args.id))
    except FileExistsError:
        raise DebateError(f"{printable(str(path))} already exists; not overwriting it") from None
    except OSError as exc:
        raise DebateError(f"{printable(str(path))}: cannot write the motion there ({exc.strerror or exc})") from None
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
    motion = _library(args).require(args.motion)
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

        judged = answers.judge_answers(answers.load_answers(args.file), _library(args))
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
        figures = speed.speed_from_library(_library(args))
    print(json.dumps(figures, indent=2) if args.json or args.bench == "speed" else kpa.format_figures(figures))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """``debate report RESULTS...``: skipped files are listed with a reason each, never fatal."""
    from debate.classroom_render import one_line, render
    from debate.discovery import discover
    from debate.report import class_report, progress_bar, read_roster, write_output

    if args.pass_mark is not None and not 0 <= args.pass_mark <= 100:
        raise UsageError("--pass-mark must be a percentage from 0 to 100")
    if args.answers and args.format != "csv":
        raise UsageError("--answers goes with --format csv (the other formats always carry every answer)")
    library = discover(getattr(args, "motions", []) or [])
    assignment = None
    if args.assignment is not None:
        from debate.assignment import load_assignment, unknown_motions

        assignment = load_assignment(args.assignment)
        for problem in unknown_motions(assignment, {m.id for m in library.motions}):
            print(f"warning: {problem}", file=sys.stderr)
    roster = read_roster(args.roster) if args.roster is not None else []
    report = class_report(
        args.results,
        assignment=assignment,
        pass_mark=args.pass_mark,
        roster=roster,
        policy=args.attempts,
        motions={m.id: m for m in library.motions},
        rescore=args.rescore,
        progress=progress_bar(),
    )
    for s in report["skipped"]:
        print(one_line(f"skipped {s['path']}: {s['reason']}"), file=sys.stderr)
    if not report["files_read"] and not any(g["not_submitted"] for g in report["groups"]):
        raise DebateError("no usable results files found")
    text = render(report, args.format, answers=args.answers)
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_output(args.output, text)
        print(
            f"wrote {args.output} ({report['files_read']} sessions, {len(report['skipped'])} skipped)", file=sys.stderr
        )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """``debate serve``: the trainer in browsers (see :mod:`debate.serve`)."""
    from debate.serve.launch import ServeOptions, run

    if args.assignment is not None:
        from debate.assignment import load_assignment, unknown_motions

        unknown = unknown_motions(load_assignment(args.assignment), {m.id for m in _library(args).motions})
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


def _open_history() -> Any:
    from debate.history import HistoryStore

    try:
        store = HistoryStore.open()
    except OSError as exc:  # the data folder itself cannot be made or reached
        where = f" {printable(exc.filename)}" if isinstance(exc.filename, str) else ""
        raise DebateError(f"cannot use the data folder{where}: {exc.strerror or exc}") from None
    if store.notice:
        print(f"debate: {store.notice}", file=sys.stderr)
    return store


@contextlib.contextmanager
def _reading_history() -> Iterator[Any]:
    """The history store for a read-only command; a folder or database it cannot use is one line, not a traceback."""
    import sqlite3

    try:
        with _open_history() as store:
            yield store
    except (OSError, sqlite3.Error) as exc:
        raise DebateError(f"cannot read the practice history: {printable(str(exc))}") from None


def _round_json(r: Any) -> dict[str, Any]:
    """One stored answer for ``debate history --json``."""
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
    }


def _delete_session(store: Any, wanted: str) -> int:
    """``debate history --delete ID``: one session (id or unique prefix) and its rounds; the schedule is replayed."""
    matches = [s for s in store.sessions(limit=None) if s.id.startswith(wanted.strip().lower())] if wanted else []
    if len(matches) != 1:
        problem = "no session has" if not matches else f"{len(matches)} sessions have"
        print(f"debate: {problem} the id {wanted!r} (see `debate history --json`)", file=sys.stderr)
        return 1
    session = matches[0]
    count = store.delete_session(session.id)
    when = session.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
    print(f"Deleted session {session.id[:8]} ({when}, {session.motion_id}, {count} answers).", file=sys.stderr)
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    """``debate history``: sessions, newest first, with every answer in ``--json``; ``--delete ID`` removes one."""
    with _reading_history() as store:
        if args.delete is not None:
            return _delete_session(store, args.delete)
        sessions = store.sessions(limit=args.limit)
        answers = {s.id: store.rounds(session_id=s.id) for s in sessions} if args.json else {}
    if args.json:
        rows = [
            {
                "id": s.id,
                "started_at": s.started_at.isoformat(),
                "finished_at": s.finished_at.isoformat() if s.finished_at else None,
                "motion": s.motion_id,
                "side": s.side,
                "mode": s.mode,
                "student": s.student,
                "total": s.total,
                "max_total": s.max_total,
                "percent": None if s.percent is None else round(s.percent, 1),
                "rounds": [_round_json(r) for r in answers[s.id]],
            }
            for s in sessions
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not sessions:
        print("No sessions yet: run `debate` to practise.", file=sys.stderr)
        return 0
    for s in sessions:
        when = s.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        score = "unfinished" if s.percent is None else f"{s.total}/{s.max_total} ({s.percent:.0f}%)"
        print(f"{s.id[:8]}  {when}  {s.motion_id:<32} {s.side:<12} {s.mode:<6} {score}")
    return 0


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
    print("Motions (best / last / trend)")
    for p in progress:
        print(f"  {p.motion_id:<34} {p.best:5.0f}% {p.last:5.0f}%  {sparkline(p.trend)}  ({p.sessions} sessions)")
    print("\nArguments, weakest first (mastery: points earned without help, attempts)")
    for m in mastery[:15]:
        print(f"  {m.motion_id}/{m.argument_id:<40} {100 * m.mastery:4.0f}%  x{m.attempts}")
    print(f"\n{len(due)} argument{'s' * (len(due) != 1)} due for review.")
    return 0


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
        library = _library(args)
    if motion_id is not None:
        library.require(motion_id)  # without --side the trainer asks which side (the last one offered first)
    assignment = None
    if getattr(args, "assignment", None) is not None:
        from debate.assignment import load_assignment, unknown_motions

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
    served = bool(getattr(args, "served", False))
    store = None
    history_problem = None
    if served:  # a browser session: the student names themselves, then sees their own history only
        from debate.serve.students import open_student_history

        student = None
    else:
        try:
            store = _open_history()
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
        if recorder.store is not None:
            recorder.store.close()
    for notice in recorder.notices:
        print(notice, file=sys.stderr)
    return int(app.return_code or 0)


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


def main(argv: Sequence[str] | None = None, *, prepare_app: Callable[[DebateApp], None] | None = None) -> int:
    """Run the CLI; return the exit code (errors are printed as one line to stderr). ``prepare_app`` is called with
    the trainer's app before it runs, when the command opens the trainer."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        command = COMMANDS[args.command]
        if command is cmd_tui:
            return cmd_tui(args, prepare=prepare_app)
        return command(args)
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
