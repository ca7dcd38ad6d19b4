"""The end of a session: a table per argument, total score and time, best hits, what to review, export."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from debate.scoring import MAX_POINTS
from debate.session import MODE_LABELS, Summary, format_seconds
from debate.tui import messages
from debate.tui.screens.base import DebateScreen
from debate.tui.widgets.panel import panel
from debate.tui.widgets.text import STYLES, literal, prose, side_label

if TYPE_CHECKING:
    pass

OUTCOME_STYLES = {
    "hit": STYLES["verdict-hit"],
    "near": STYLES["verdict-near"],
    "miss": STYLES["verdict-miss"],
    "timeout": STYLES["verdict-miss"],
    "skipped": "dim",
}


def export_files(summary: Summary, stamp: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """The export's two files, (name, text) each: ``<motion>-<stamp>.json`` and ``.md``."""
    base = f"{summary.motion.id}-{stamp}"
    as_json = json.dumps(summary.to_dict(), indent=2, ensure_ascii=False) + "\n"
    return (f"{base}.json", as_json), (f"{base}.md", summary.to_markdown())


def export_summary(summary: Summary, folder: Path, stamp: str) -> tuple[Path, Path]:
    """Write the summary's export files (:func:`export_files`) in ``folder``; return both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    (json_name, as_json), (md_name, markdown) = export_files(summary, stamp)
    json_path, md_path = folder / json_name, folder / md_name
    json_path.write_text(as_json, encoding="utf-8")
    md_path.write_text(markdown, encoding="utf-8")
    return json_path, md_path


def results_table(summary: Summary) -> Table:
    """One row per argument: number, outcome, points, hints, time and the claim (which wraps)."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Result", no_wrap=True)
    table.add_column("Pts", justify="right", no_wrap=True)
    table.add_column("Hints", justify="right", no_wrap=True)
    table.add_column("Time", justify="right", no_wrap=True)
    table.add_column("Argument", ratio=1)
    for result in summary.results:
        table.add_row(
            str(result.index + 1),
            Text(result.outcome, style=OUTCOME_STYLES.get(result.outcome, "")),
            f"{result.points}/{MAX_POINTS}",
            str(result.hints_used),
            format_seconds(result.seconds),
            literal(prose(result.argument.claim)),
        )
    return table


def bullets(items: Iterable[tuple[str, str]]) -> Table | None:
    """A bulleted list of (bold heading, detail) pairs of motion text with hanging indents (a YAML block's line
    wraps flow); None when empty."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for heading, detail in items:
        grid.add_row("•", Text.assemble(literal(prose(heading), "bold"), "\n", literal(prose(detail))))
    return grid if grid.row_count else None


class SummaryScreen(DebateScreen):
    """The session's results."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export", "Export", id="summary.export", tooltip="Write JSON and Markdown files"),
        Binding("n", "new", "New session", id="summary.new", tooltip="Back to the motion picker"),
        Binding("h", "home", "Home", id="summary.home", tooltip="Back to the home screen"),
        Binding("enter", "next", "Next", id="summary.next", tooltip="The next session of this run"),
        Binding("q", "app.request_quit", "Quit", id="summary.quit", show=False),
    ]

    def __init__(
        self,
        summary: Summary,
        *,
        next_label: str | None = None,
        run_label: str = "",
        export_dir: Path | None = None,
        home: bool = False,
    ) -> None:
        super().__init__()
        self.summary = summary
        self.home = home
        """There is a home screen to go back to (plain ``debate``, not an assignment)."""
        self.export_dir = export_dir
        """Where the export goes; None: ``debate.locations.exports_dir()``."""
        self.run_label = run_label
        """The drill or run this session belonged to ('Review due', 'Rapid fire'…); '' for a plain session."""
        self.next_label = next_label
        """Inside a run (drill over several motions, assignment): what "n" goes on to; None: a new session."""
        self.exported: tuple[Path, Path] | None = None

    def compose(self) -> ComposeResult:
        summary = self.summary
        yield Header()
        with VerticalScroll(id="summary-body"):
            head = Text()
            head.append(f"{summary.total}/{summary.max_total} points", style="bold")
            played, reached = len(summary.results) + len(summary.unanswered), len(summary.results)
            count = (
                f"{reached} argument{'s' * (reached != 1)}" if reached == played else f"{reached} of {played} arguments"
            )
            head.append(f" · {format_seconds(summary.shown_seconds)} answering · {count}")  # (the rows' sum)
            mode = self.run_label if summary.mode == "drill" and self.run_label else MODE_LABELS[summary.mode]
            head.append(f" · {side_label(summary.side)} · {mode}", style="dim")
            if summary.unanswered:
                head.append(f" · {len(summary.unanswered)} not reached (they count as 0)", style="dim")
            yield Static(head, id="sum-headline", markup=False)
            yield Static(results_table(summary), id="sum-table", markup=False)
            best = bullets(
                (r.argument.claim, f"you made: {r.rebuttal(v.candidate_id).text}") for r, v in summary.best_hits
            )
            none = "No hits of your own this time." if any(r.hits for r in summary.results) else "No hits this time."
            yield panel("sum-best", "Best hits", best or Text(none, style="italic"))
            review = bullets(
                (
                    t.argument.claim,
                    # (a helped hit: the student may have made this very rebuttal, so the ask is to make it unaided)
                    f"{'helped this time · next time without help' if t.helped else 'try'} ({t.rebuttal.type}): "
                    f"{t.rebuttal.text}",
                )
                for t in summary.to_review
            )
            nothing = f"Nothing: every argument{' you reached' if summary.unanswered else ''} was answered."
            yield panel("sum-review", "To review", review or Text(nothing, style="italic"))
            yield Static(id="sum-export", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        then = f"Enter: {self.next_label}" if self.next_label else "n starts a new session"
        self.query_one("#sum-export", Static).update(
            Text(f"e exports this summary (JSON and Markdown) · {then}", style="dim")
        )
        self.query_one("#summary-body", VerticalScroll).focus()

    def action_export(self) -> None:
        """Write the summary to the exports folder and say where; in a served session, send both files to the
        student's browser (nothing is written on the server)."""
        import datetime

        from debate import locations

        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        recorder = getattr(self.app, "recorder", None)
        if recorder is not None and recorder.served:
            files = export_files(self.summary, stamp)
            for name, text in files:
                self.app.deliver_text(io.StringIO(text), save_filename=name, open_method="download")
            message = f"Sent {files[0][0]} and {files[1][0]} to your browser"
            self.query_one("#sum-export", Static).update(literal(message, style="bold"))
            self.notify(message, timeout=8)
            return
        try:
            folder = self.export_dir or locations.exports_dir()
            self.exported = export_summary(self.summary, folder, stamp)
        except OSError as exc:
            self.notify(f"Could not export: {exc}", severity="error")
            return
        json_path, md_path = self.exported
        message = f"Saved {json_path} and {md_path.name}"
        self.query_one("#sum-export", Static).update(literal(message, style="bold"))
        self.notify(message, timeout=8)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Inside a run (drill over several motions, assignment) Enter goes on; outside, n starts afresh."""
        if action == "new":
            return self.next_label is None
        if action == "next":
            return self.next_label is not None
        if action == "home":  # (inside a drill too: the rest of the run is dropped, as n would)
            return self.home
        return True

    def action_new(self) -> None:
        """Back to the picker."""
        self.post_message(messages.BackToPicker())

    def action_home(self) -> None:
        """Back to the home screen."""
        self.post_message(messages.OpenHome())

    def action_next(self) -> None:
        """Inside a run: its next session, or the assignment's result."""
        self.post_message(messages.SummaryNext())

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Command palette entries for this screen."""
        yield SystemCommand("Export the summary", "JSON and Markdown files", self.action_export)
        if self.next_label:
            yield SystemCommand(self.next_label, "Go on with this run", self.action_next)
        else:
            yield SystemCommand("New session", "Back to the motion picker", self.action_new)
        if self.home:
            yield SystemCommand("Home", "Back to the home screen", self.action_home)
