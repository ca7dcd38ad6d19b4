"""Measure time to first frame (the trainer against a bare Textual app: Header, Static, Footer) and to feedback.

Each run starts a fresh interpreter inside a real terminal (tmux), paints the first frame, exits, and appends
``<kind> <seconds>`` to a file, where seconds run from just before the interpreter started (``FF_T0_NS``, set by
the shell with ``date +%s%N``) or, without it, from the process start time in ``/proc``. Run both kinds
alternately several times and compare the medians::

    debate bench firstframe --runs 7                          # drives tmux itself, prints the medians
    python -m debate.bench.firstframe bare|debate|feedback --out FILE  # one run (what bench starts in tmux)

``debate`` starts the trainer exactly as a user's ``debate`` does (``debate.cli_args.parse_args([])``, then
``debate.launch.cmd_tui``, which is what ``debate.cli.main`` calls): argument parsing, the history database, the
recorder, the home screen and the picker under it, whose motions come from the cache before the first frame (or,
when a file must be parsed, load in a thread after it). ``debate`` is that first frame; ``debate-full`` is the frame
that shows the motions (the same frame when they came from the cache).
It uses the caller's ``DEBATE_HOME`` and user folders. ``feedback`` opens a round of the flagship motion, submits
a typical answer and times submit → painted feedback.

The runs hear about the frames through the app's own hook (``on_content_shown``, handed to the app by
``cmd_tui(args, prepare=...)``) and drive it through its public actions: nothing in the trainer is patched.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from debate.tui.app import DebateApp


def _since_start() -> float:
    """Seconds since the shell stamped FF_T0_NS (or since this process started, from /proc)."""
    stamp = os.environ.get("FF_T0_NS")
    if stamp:
        return time.time() - int(stamp) / 1e9
    ticks = os.sysconf("SC_CLK_TCK")
    start = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19]) / ticks
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    return uptime - start


def run_bare(out: Path) -> None:
    """A bare Textual app: exits once its first frame is painted."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hello")
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(self._done)

        def _done(self) -> None:
            _record(out, "bare")
            self.exit()

    Bare().run()


def run_debate(out: Path, motions: list[Path]) -> None:
    """The trainer as ``debate`` starts it: records the first frame, then the frame with the motions listed."""
    from debate.cli_args import parse_args
    from debate.launch import cmd_tui

    def prepare(app: DebateApp) -> None:
        def shown(what: str) -> None:
            if what == "first":
                _record(out, "debate")
            else:
                _record(out, "debate-full")
                app.exit()

        app.on_content_shown = shown

    cmd_tui(parse_args([arg for folder in motions for arg in ("--motions", str(folder))]), prepare=prepare)


FEEDBACK_ANSWER = (
    "nobody has measured how much of their progress came from distillation, the accusations are not evidence, and "
    "DeepSeek published real research on cheaper training that you cannot copy out of an API"
)
"""A typical rebuttal for the ``feedback`` run (the flagship motion's first argument)."""


def run_feedback(out: Path, motions: list[Path]) -> None:
    """``debate practice`` on the flagship motion: type an answer, submit, record the time until the feedback is
    painted (``feedback``), exit. Run with a throwaway ``DEBATE_HOME``: the round is recorded like any other."""
    from textual.widgets import TextArea

    from debate.cli_args import parse_args
    from debate.launch import cmd_tui
    from debate.tui.screens.round import RoundScreen

    def prepare(app: DebateApp) -> None:
        def submit() -> None:
            screen = app.screen
            if not isinstance(screen, RoundScreen):  # the round opens once the motions are loaded
                app.set_timer(0.1, submit)
                return
            answer = screen.query_one("#answer", TextArea)
            answer.text = FEEDBACK_ANSWER
            start = time.perf_counter()
            screen.action_submit()

            def painted() -> None:
                with out.open("a", encoding="utf-8") as handle:
                    handle.write(f"feedback {time.perf_counter() - start:.4f}\n")
                app.exit()

            # action_submit scores from the text area's queue; queue the wait for the paint behind it
            answer.call_later(screen.call_after_refresh, painted)

        def shown(what: str) -> None:
            if what == "first":  # as a person would: after start-up (and its resize events) is over
                app.set_timer(0.5, submit)

        app.on_content_shown = shown

    extra = [arg for folder in motions for arg in ("--motions", str(folder))]
    cmd_tui(parse_args([*extra, "practice", "api-blocking-distillation", "--side", "proposition"]), prepare=prepare)


def _record(out: Path, kind: str) -> None:
    with out.open("a", encoding="utf-8") as handle:
        handle.write(f"{kind} {_since_start():.4f}\n")


def bench(runs: int, width: int, height: int, quiet: bool = False) -> dict[str, float]:
    """Run the kinds alternately in tmux; return the median seconds of each and their ratios to ``bare``.

    ``feedback`` is the time from submitting an answer to the painted feedback (not from process start)."""
    out = Path(tempfile.mkdtemp(prefix="firstframe-")) / "times.txt"
    session = f"firstframe-{os.getpid()}"
    scratch_home = shlex.quote(str(out.parent / "home"))
    for _ in range(runs):
        for kind in ("bare", "debate", "feedback"):
            command = (
                f"FF_T0_NS=$(date +%s%N) {shlex.quote(sys.executable)} -m debate.bench.firstframe {kind} "
                f"--out {shlex.quote(str(out))}"
            )
            if kind == "feedback":  # its round goes into a throwaway history, not the user's
                command = f"DEBATE_HOME={scratch_home} {command}"
            subprocess.run(
                ["tmux", "new-session", "-d", "-s", session, "-x", str(width), "-y", str(height), command],
                check=True,
            )
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                alive = subprocess.run(["tmux", "has-session", "-t", session], capture_output=True)
                if alive.returncode != 0:
                    break
                time.sleep(0.05)
            else:
                subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    times: dict[str, list[float]] = {"bare": [], "debate": [], "debate-full": [], "feedback": []}
    for line in out.read_text(encoding="utf-8").splitlines():
        kind, seconds = line.split()
        times[kind].append(float(seconds))
    medians = {kind: statistics.median(values) for kind, values in times.items() if values}
    if not quiet:
        for kind, values in times.items():
            if values:
                runs_text = ", ".join(f"{v:.3f}" for v in values)
                print(f"{kind:9} median {statistics.median(values):.3f}s  runs: {runs_text}")
    for kind in ("debate", "debate-full"):
        if kind in medians and "bare" in medians:
            medians[f"ratio_{kind}"] = medians[kind] / medians["bare"]
            if not quiet:
                print(f"ratio {kind}/bare: {medians[f'ratio_{kind}']:.2f}")
    return medians


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(prog="python -m debate.bench.firstframe", description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("bare", "debate", "feedback", "bench"))
    parser.add_argument("--out", type=Path, help="file the single run appends its time to")
    parser.add_argument("--motions", type=Path, action="append", default=[], help="extra motion folder")
    parser.add_argument("--runs", type=int, default=7, help="bench: runs of each kind")
    parser.add_argument("--size", default="100x30", help="bench: terminal size, WIDTHxHEIGHT")
    args = parser.parse_args()
    if args.kind == "bench":
        width, height = (int(n) for n in args.size.split("x"))
        bench(args.runs, width, height)
        return
    if args.out is None:
        parser.error("--out is needed for a single run")
    if args.kind == "bare":
        run_bare(args.out)
    elif args.kind == "feedback":
        run_feedback(args.out, args.motions)
    else:
        run_debate(args.out, args.motions)


if __name__ == "__main__":
    main()
