"""Measure time to first frame: the trainer against a bare Textual app (Header, Static, Footer).

Each run starts a fresh interpreter inside a real terminal (tmux), paints the first frame, exits, and appends
``<kind> <seconds>`` to a file, where seconds run from just before the interpreter started (``FF_T0_NS``, set by
the shell with ``date +%s%N``) or, without it, from the process start time in ``/proc``. Run both kinds
alternately several times and compare the medians::

    python -m debate.tui.firstframe bench --runs 7          # drives tmux itself, prints the medians
    python -m debate.tui.firstframe bare|debate|lazy --out FILE  # one run (what bench starts in tmux)

``debate`` parses the motions before the app starts (as ``build_app(discover())``); ``lazy`` hands the app a
loader (``build_app(lambda: discover())``) that runs in a thread after the first frame; ``lazy-full`` is when
that run shows the loaded motions.
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
from typing import Any


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


def run_debate(out: Path, motions: list[Path], lazy: bool) -> None:
    """The trainer with motion discovery: exits once the picker is painted (``lazy``: motions load after it)."""
    from debate.motions import discover
    from debate.tui.app import build_app
    from debate.tui.screens import picker

    original = picker.PickerScreen.on_mount
    original_set = picker.PickerScreen.set_motions

    def on_mount(screen: picker.PickerScreen) -> None:
        original(screen)

        def done() -> None:
            _record(out, "lazy" if lazy else "debate")
            if not lazy:
                screen.app.exit()

        screen.call_after_refresh(done)

    def set_motions(screen: picker.PickerScreen, *args: Any, **kwargs: Any) -> None:
        original_set(screen, *args, **kwargs)

        def done() -> None:
            _record(out, "lazy-full")
            screen.app.exit()

        screen.call_after_refresh(done)

    picker.PickerScreen.on_mount = on_mount  # type: ignore[method-assign, assignment]
    picker.PickerScreen.set_motions = set_motions  # type: ignore[method-assign, assignment]
    build_app((lambda: discover(motions)) if lazy else discover(motions)).run()


def _record(out: Path, kind: str) -> None:
    with out.open("a", encoding="utf-8") as handle:
        handle.write(f"{kind} {_since_start():.4f}\n")


def bench(runs: int, width: int, height: int) -> dict[str, float]:
    """Run both kinds alternately in tmux; return the median seconds of each."""
    out = Path(tempfile.mkdtemp(prefix="firstframe-")) / "times.txt"
    session = f"firstframe-{os.getpid()}"
    for _ in range(runs):
        for kind in ("bare", "debate", "lazy"):
            command = (
                f"FF_T0_NS=$(date +%s%N) {shlex.quote(sys.executable)} -m debate.tui.firstframe {kind} "
                f"--out {shlex.quote(str(out))}"
            )
            subprocess.run(
                ["tmux", "new-session", "-d", "-s", session, "-x", str(width), "-y", str(height), command],
                check=True,
                cwd=Path(__file__).resolve().parents[2],
            )
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                alive = subprocess.run(["tmux", "has-session", "-t", session], capture_output=True)
                if alive.returncode != 0:
                    break
                time.sleep(0.05)
            else:
                subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    times: dict[str, list[float]] = {"bare": [], "debate": [], "lazy": [], "lazy-full": []}
    for line in out.read_text(encoding="utf-8").splitlines():
        kind, seconds = line.split()
        times[kind].append(float(seconds))
    medians = {kind: statistics.median(values) for kind, values in times.items() if values}
    for kind, values in times.items():
        if not values:
            continue
        print(f"{kind:9} median {statistics.median(values):.3f}s  runs: {', '.join(f'{v:.3f}' for v in values)}")
    for kind in ("debate", "lazy", "lazy-full"):
        if kind in medians and "bare" in medians:
            print(f"ratio {kind}/bare: {medians[kind] / medians['bare']:.2f}")
    return medians


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(prog="python -m debate.tui.firstframe", description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("bare", "debate", "lazy", "bench"))
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
    else:
        run_debate(args.out, args.motions, lazy=args.kind == "lazy")


if __name__ == "__main__":
    main()
