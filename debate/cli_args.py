"""The ``debate`` command line's arguments: one parser for every command, built only when there is something to parse.

Kept apart from :mod:`debate.cli` (which runs the commands) so that what opens the trainer, the start-up benchmark
included, parses arguments exactly as ``debate`` does without importing the commands.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from debate import __version__
from debate.model import SIDES


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line (not the whole usage) on a mistake."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def _percent(text: str) -> float:
    """A percentage as teachers write it: ``60`` or ``60%``."""
    try:
        return float(text.strip().removesuffix("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a percentage (write it as 60 or 60%)") from None


def _motions_option(parser: argparse.ArgumentParser, default: Any) -> None:
    parser.add_argument(
        "--motions",
        metavar="DIR|FILE",
        action="append",
        type=Path,
        default=default,
        help="an extra motion folder, or one motion file (repeatable; DEBATE_MOTIONS adds more folders)",
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
    p.add_argument("motion", nargs="?", help="motion id or motion file (default: choose in the picker)")
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
    p.add_argument("motion", help="motion id or motion file")
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

    p = sub.add_parser("list", parents=[common], help="list the motions, or one motion's arguments")
    p.add_argument(
        "motion", nargs="?", help="a motion id or motion file: list its arguments (the ids `debate answer` takes)"
    )
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
    p.add_argument("motion", help="motion id or motion file")
    p.add_argument("argument", help="id of the argument you are rebutting")
    p.add_argument("text", help="your rebuttal ('-' reads it from standard input)")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    sub.add_parser("schema", help="print the JSON Schema of the motion format")

    p = sub.add_parser("history", help="your past practice sessions, or one session's answers")
    p.add_argument(
        "session", nargs="?", metavar="ID", help="show this session's answers (its id, or the first 4+ characters)"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--limit", type=int, default=30, help="how many sessions (default 30)")
    p.add_argument(
        "--delete",
        metavar="ID",
        help="delete one session (its id, or a unique start of it of 4+ characters) and its rounds",
    )

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
    p.add_argument("--pass-mark", type=_percent, metavar="PERCENT", help="override the assignment's pass mark (0-100)")

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
