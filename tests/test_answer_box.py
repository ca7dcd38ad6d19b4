"""The boxes students type in (the answer box, the motion filter) apply a burst of keys strictly in arrival order
(Textualize/textual#6605)."""

from __future__ import annotations

from textual import events
from textual.geometry import Region
from textual.widgets import Input, TextArea
from tui_fixtures import UNIFORMS, FakeClock

from debate.tui.app import build_app
from debate.tui.screens.picker import PickerScreen
from debate.tui.screens.round import RoundScreen
from debate.tui.widgets.answer import AnswerArea

BURST: list[tuple[str, str | None]] = [
    *((c, c) for c in "hellox"),
    ("backspace", None),
    *((c, c) for c in " world"),
    ("left", None),
    ("left", None),
    ("delete", None),  # deletes the "l" of "world"
    ("home", None),
    ("delete", None),  # deletes the "h"
    ("end", None),
    *((c, c) for c in "!"),
]
"""Printable keys with Backspace, Delete, arrows, Home and End in the middle."""
EXPECTED = "ello word!"


async def test_a_burst_with_editing_keys_lands_in_order() -> None:
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RoundScreen)
        area = app.screen.query_one("#answer", TextArea)
        assert isinstance(area, AnswerArea) and area.has_focus
        # post the whole burst before the app handles any of it, as a fast typist or a paste without brackets does
        for key, character in BURST:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        assert area.text == EXPECTED


async def test_the_area_still_answers_app_bindings_and_selection() -> None:
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        area = app.screen.query_one("#answer", TextArea)
        await pilot.press(*"abc", "shift+left", "shift+left", "backspace", "x")
        assert area.text == "ax"
        await pilot.press("ctrl+g")  # a screen's priority binding still wins over the area
        assert app.screen.session.hints  # type: ignore[attr-defined]


async def test_a_burst_in_the_motion_filter_lands_in_order() -> None:
    """The filter is a one-line box: "unif⌫a", then four Backspaces and "uniforms", typed in one burst."""
    app = build_app([UNIFORMS], clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        box = app.screen.query_one("#filter", Input)
        assert box.has_focus
        keys = [*"unif", "backspace", "a", "left", "backspace", "home", "delete", "end", "x"]
        for key in keys:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        await pilot.pause()
        assert box.value == "nax"
        for key in ["backspace"] * 3 + list("uniforms"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        await pilot.pause()
        assert box.value == "uniforms"
        assert "No motion matches" not in str(app.screen.query_one("#detail").render())


def _painted(area: TextArea) -> list[str]:
    """The box's lines as the screen paints them (border included)."""
    width, height = area.outer_size
    return [strip.text for strip in area.render_lines(Region(0, 0, width, height))]


async def test_the_answer_rewraps_on_screen_when_the_terminal_is_resized() -> None:
    """After a resize the box paints the answer wrapped to its new width: no fragment doubled, none lost."""
    answer = "uniforms do not stop bullying because children find other things to pick on like phones and shoes"
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        area = app.screen.query_one("#answer", TextArea)
        await pilot.press(*answer)
        for size in ((70, 22), (80, 24), (60, 20)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            inside = [line.strip("│ ") for line in _painted(area)[1:-1]]
            assert " ".join(line for line in inside if line) == answer, size
            assert area.text == answer


async def test_a_pasted_carriage_return_breaks_the_line() -> None:
    """Terminals send a pasted line break as a carriage return (tmux, xterm): it starts a new line, it does not glue
    the last word of one line to the first of the next ("basically\\ru cant" was "basicallyu cant")."""
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, side="proposition", clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        area = app.screen.query_one("#answer", TextArea)
        app.post_message(events.Paste("ok so basically\ru cant buy it til 18\r\n\rso its normal"))
        await pilot.pause()
        assert area.text == "ok so basically\nu cant buy it til 18\n\nso its normal"
