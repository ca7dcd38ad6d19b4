"""SVG snapshots of the picker, round, feedback and summary screens at 100x30 and 80x24.

Deterministic: a fixed test motion (not the bundled ones), a clock that only moves when told, a keyword matcher
that does not change when the real matcher is tuned, and no blinking cursors. Update with ``pytest --snapshot-update``
after checking the new SVGs by eye.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from tui_fixtures import PHONES, UNIFORMS, FakeClock, KeywordMatcher

from debate.tui.app import DebateApp, build_app
from debate.tui.screens.round import RoundScreen
from debate.tui.screens.summary import SummaryScreen

SIZES = [pytest.param((100, 30), id="100x30"), pytest.param((80, 24), id="80x24")]
SnapCompare = Callable[..., bool]

GOOD = "Official uniforms are expensive from a single supplier, so poor families pay more and bullying goes on."
"""Carries both keywords of 'uniforms-cost' (a hit) and one of 'bullying-moves-on' (a near miss)."""


def app_at_round() -> DebateApp:
    """An app opened straight into a round (the user is opposition, so rebuts the proposition)."""
    return build_app([UNIFORMS, PHONES], motion_id=UNIFORMS.id, side="opposition", clock=FakeClock())


async def settle(pilot: Pilot[None]) -> None:
    """Stop cursors blinking and let the screen finish."""
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, (Input, TextArea)):
            widget.cursor_blink = False
    await pilot.pause()


async def to_round(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, DebateApp) and isinstance(app.screen, RoundScreen)
    assert app.session is not None
    app.session.matcher = KeywordMatcher()  # type: ignore[assignment]
    await settle(pilot)


async def answer_first(pilot: Pilot[None]) -> None:
    await to_round(pilot)
    app = pilot.app
    assert isinstance(app, DebateApp) and isinstance(app.clock, FakeClock)
    await pilot.press("ctrl+g")
    app.screen.query_one("#answer", TextArea).insert(GOOD)
    app.clock.advance(42)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, RoundScreen) and app.session is not None and app.session.phase == "feedback"
    await settle(pilot)


async def play_all(pilot: Pilot[None]) -> None:
    await answer_first(pilot)
    app = pilot.app
    assert isinstance(app, DebateApp) and isinstance(app.clock, FakeClock)
    await pilot.press("enter")
    await pilot.pause()
    app.clock.advance(15)
    await pilot.press("ctrl+n")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, SummaryScreen)
    await settle(pilot)


def check(snap_compare: SnapCompare, app: DebateApp, size: tuple[int, int], run_before: Any) -> None:
    before: Callable[[Pilot[None]], Awaitable[None]] = run_before
    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_picker(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    check(snap_compare, build_app([UNIFORMS, PHONES], clock=FakeClock()), size, settle)


@pytest.mark.parametrize("size", SIZES)
def test_round_with_a_hint(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await to_round(pilot)
        await pilot.press("ctrl+g")
        pilot.app.screen.query_one("#answer", TextArea).insert("Uniforms cost money, so")
        await settle(pilot)

    check(snap_compare, app_at_round(), size, before)


@pytest.mark.parametrize("size", SIZES)
def test_feedback(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    check(snap_compare, app_at_round(), size, answer_first)


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    check(snap_compare, app_at_round(), size, play_all)
