"""The teacher's loop on the command line: ``debate bank add|test``, ``debate mark``, ``debate class``.

Kept beside :mod:`debate.cli` (which registers these parsers and commands) so the loop reads in one place.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from debate.errors import DebateError
from debate.text_safety import printable


def add_parsers(sub: Any, common: argparse.ArgumentParser, parser_class: type[argparse.ArgumentParser]) -> None:
    """Add ``bank``, ``mark`` and ``class`` to the subcommands."""
    p = sub.add_parser("bank", help="grow and test a motion's bank of rebuttal examples")
    bank = p.add_subparsers(dest="bank", metavar="ACTION", required=True, parser_class=parser_class)
    b = bank.add_parser("add", parents=[common], help="add an answer as a match or no_match example of a rebuttal")
    b.add_argument("motion", help="motion id or motion file")
    b.add_argument("argument", help="argument id")
    b.add_argument("rebuttal", help="rebuttal id")
    b.add_argument("text", help="the answer ('-' reads it from standard input)")
    label = b.add_mutually_exclusive_group(required=True)
    label.add_argument("--match", dest="label", action="store_const", const="match", help="it must hit the rebuttal")
    label.add_argument("--no-match", dest="label", action="store_const", const="no_match", help="it must not")
    b.add_argument("--dry-run", action="store_true", help="show what the example would move; write nothing")
    b.add_argument("--json", action="store_true", help="machine-readable output")
    b = bank.add_parser("test", parents=[common], help="score a file of real answers against a motion's bank")
    b.add_argument("motion", help="motion id or motion file")
    b.add_argument(
        "file",
        type=Path,
        help='ARGUMENT<TAB>answer lines, or JSONL {argument, text, expected: a rebuttal id or "none"}',
    )
    b.add_argument("--json", action="store_true", help="machine-readable output")

    p = sub.add_parser("mark", parents=[common], help="rule on contested answers; accepted ones become examples")
    p.add_argument("results", type=Path, metavar="RESULTS_DIR")
    p.add_argument("--near", action="store_true", help="also list every near miss")
    p.add_argument("--low-margin", action="store_true", help="also list hits that only just made it")

    p = sub.add_parser("class", parents=[common], help="the live class view of a results folder")
    p.add_argument("results", type=Path, metavar="RESULTS_DIR")
    p.add_argument("--assignment", type=Path, metavar="FILE", help="the assignment: its motions and roster")


def _library(args: argparse.Namespace) -> Any:
    from debate.discovery import discover

    library = discover(getattr(args, "motions", []) or [])
    for problem in library.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return library


def _edit_lines(edit: Any) -> list[str]:
    lines = [f"{edit.path}: {edit.label} example of {edit.argument}/{edit.rebuttal}:"]
    lines += [f"  + {line}" for line in edit.added_lines]
    report = edit.report
    if report.ok():
        lines.append(f"check: ok ({report.examples} examples)")
        lines += [f"check warning (fails --strict), brought by this example: {w}" for w in edit.new_warnings]
        lines += [f"check warning (fails --strict), there before this example: {w}" for w in edit.old_warnings]
    else:
        lines += [f"check: {e}" for e in report.errors]
    if edit.moved:
        lines.append(f"moved by the new example ({len(edit.moved)} other examples):")
        for c in edit.moved:
            lines.append(f"  {c.argument}/{c.rebuttal} {c.label} {c.old_verdict} → {c.new_verdict}: {c.text}")
    elif edit.new_warnings and report.ok():
        lines.append("moved by the new example: no other example (see the check warnings it brings, above)")
    else:
        lines.append("moved by the new example: nothing else")
    return lines


def cmd_bank(args: argparse.Namespace) -> int:
    """``debate bank add|test``."""
    from debate.bank import plan_example, read_answers, save_edit, score_answers, summary

    motion = _library(args).require(args.motion)
    if args.bank == "add":
        text = sys.stdin.read() if args.text == "-" else args.text
        edit = plan_example(motion, args.argument, args.rebuttal, text, args.label)
        ok = edit.report.ok()
        if ok and not args.dry_run:
            save_edit(edit)
        if args.json:
            print(json.dumps({**edit.as_json(), "written": ok and not args.dry_run}, indent=2, ensure_ascii=False))
        else:
            for line in _edit_lines(edit):  # the answer and the check's lines quote students' text
                print(printable(line))
            if not ok:
                print("not written: the check failed with the new example", file=sys.stderr)
            elif not args.dry_run:
                print(f"wrote {edit.path}", file=sys.stderr)
        return 0 if ok else 1
    from debate.files import FileProblem, read_limited

    try:
        data = read_limited(args.file, 16 * 1024 * 1024, "answer files")
    except FileProblem as exc:
        raise DebateError(f"{args.file}: {exc.message}") from None
    lines = score_answers(motion, read_answers(data.decode("utf-8-sig", errors="surrogateescape")))
    totals = summary(lines)
    if args.json:
        print(json.dumps({"summary": totals, "answers": [t.as_json() for t in lines]}, indent=2, ensure_ascii=False))
    else:
        for t in lines:
            if t.problem:
                print(printable(f"{args.file}:{t.line}: {t.problem}"), file=sys.stderr)  # (an error line)
                continue
            agrees = "" if t.agrees is None else (" ✓" if t.agrees else f" ✗ expected {t.expected}")
            row = f"{t.line:>4} {t.argument} {t.verdict:<4} {t.score:.2f} {t.best or '-'}{agrees}  {t.text[:60]}"
            print(printable(row))  # answers come from students: no control character reaches the terminal
        print(
            f"{totals['answers']} answers: {totals['hit']} hit, {totals['near']} near, {totals['miss']} miss"
            + (f", {totals['problems']} bad line{'s' * (totals['problems'] != 1)}" if totals["problems"] else "")
            + (f"; {totals['agree']}/{totals['with_expected']} as expected" if totals["with_expected"] else "")
        )
    return 1 if totals["problems"] or totals["agree"] < totals["with_expected"] else 0


def cmd_mark(args: argparse.Namespace) -> int:
    """``debate mark RESULTS_DIR``: the marking screen."""
    if not args.results.is_dir():
        raise DebateError(f"{args.results}: no such results folder")
    from debate.tui.teacher import build_mark_app

    app = build_mark_app(_library(args), args.results, near=args.near, low_margin=args.low_margin)
    app.run()
    return int(app.return_code or 0)


def cmd_class(args: argparse.Namespace) -> int:
    """``debate class RESULTS_DIR``: the live class view."""
    if not args.results.is_dir():
        raise DebateError(f"{args.results}: no such results folder")
    assignment = None
    if args.assignment is not None:
        from debate.assignment import load_assignment

        assignment = load_assignment(args.assignment)
    from debate.tui.teacher import build_class_app

    app = build_class_app(_library(args), args.results, assignment=assignment)
    app.run()
    return int(app.return_code or 0)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"bank": cmd_bank, "mark": cmd_mark, "class": cmd_class}
