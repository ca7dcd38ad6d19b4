"""Ask the student's name (classroom use: results files are named after the student)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from debate.results import STUDENT_NAME_LIMIT
from debate.tui.widgets.plain_input import PlainInput
from debate.tui.widgets.text import clean


class StudentNameScreen(ModalScreen[str]):
    """A small box with one input; dismisses with the (stripped, non-blank) name."""

    BINDINGS: ClassVar[list[BindingType]] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="name-box") as box:
            box.border_title = "Who is practising?"
            prompt = "Type your name so your teacher gets your results, then press Enter."
            yield Static(prompt, id="name-prompt", markup=False)
            yield PlainInput(placeholder="Your name", id="name-input", max_length=STUDENT_NAME_LIMIT)
            yield Static("", id="name-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#name-input", Input).focus()

    @on(Input.Submitted, "#name-input")
    def _submitted(self, event: Input.Submitted) -> None:
        name = " ".join(clean(event.value).split())
        if not name:
            self.query_one("#name-error", Static).update("Your name cannot be blank.")
            return
        self.dismiss(name)
