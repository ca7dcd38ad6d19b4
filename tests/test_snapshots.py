"""SVG snapshots of the picker, round, feedback, summary, history and case-building screens at 100x30 and 80x24.

Deterministic: a fixed test motion (not the bundled ones), a clock that only moves when told, a keyword matcher
that does not change when the real matcher is tuned, a history with fixed timestamps shown in UTC, and no blinking
cursors. Update with ``pytest --snapshot-update``
after checking the new SVGs by eye.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from tui_fixtures import PHONES, UNIFORMS, FakeClock, KeywordJudge, OverlapJudge

from debate.history import HistoryStore, RoundRecord
from debate.model import Motion, Side
from debate.recorder import Recorder
from debate.tui.app import DebateApp, build_app
from debate.tui.screens.case import CaseBuildingScreen
from debate.tui.screens.history import HistoryScreen
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
    app.session.judge = KeywordJudge()  # type: ignore[assignment]
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


NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
"""The history's fixed "now"."""


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Show local times in UTC, whatever the machine's zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def seeded_store(path: Path) -> HistoryStore:
    """Five sessions over two motions, with rounds of every kind, at fixed times."""
    store = HistoryStore.open(path, clock=lambda: NOW)
    plan: list[tuple[Motion, Side, str, int, list[tuple[str, float, int]]]] = [
        (UNIFORMS, "proposition", "full", 10, [("self-expression", 0.1, 0), ("cost-to-families", 0.4, 2)]),
        (UNIFORMS, "proposition", "quick", 7, [("self-expression", 0.6, 6), ("teachers-waste-time", 0.2, 0)]),
        (PHONES, "opposition", "full", 5, [("brand-pressure", 0.9, 9), ("school-identity", 0.55, 6)]),
        (UNIFORMS, "proposition", "timed", 3, [("self-expression", 0.85, 9), ("cost-to-families", 0.7, 7)]),
        (PHONES, "opposition", "quick", 1, [("brand-pressure", 0.3, 1)]),
    ]
    for motion, side, mode, days_ago, rounds in plan:
        at = NOW - timedelta(days=days_ago, hours=2)
        session = store.start_session(motion.id, side, mode, started_at=at)
        for argument_id, score, points in rounds:
            arg_side = "opposition" if side == "proposition" else "proposition"
            record = RoundRecord(motion.id, argument_id, arg_side, "answer", score, points, 10, at=at)  # type: ignore[arg-type]
            store.record_round(session, record)
        store.finish_session(session, sum(p for _, _, p in rounds), 10 * len(rounds), finished_at=at)
    return store


@pytest.mark.parametrize("size", SIZES)
def test_history(snap_compare: SnapCompare, size: tuple[int, int], tmp_path: Path, utc: None) -> None:
    store = seeded_store(tmp_path / "history.db")
    app = build_app([UNIFORMS, PHONES], clock=FakeClock(), recorder=Recorder(store=store))

    async def before(pilot: Pilot[None]) -> None:
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HistoryScreen)
        await pilot.app.workers.wait_for_complete()  # the history is read on a thread
        await pilot.pause()
        assert pilot.app.screen.loaded
        await settle(pilot)

    try:
        check(snap_compare, app, size, before)
    finally:
        store.close()


CASE = """Without uniforms pupils compete over brands, and poorer children get bullied.
Uniforms save parents money.
"""
"""A case that makes the first proposition argument, misses the second, and has one line about something else."""


@pytest.mark.parametrize("size", SIZES)
def test_case_building_coverage(
    snap_compare: SnapCompare, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("debate.judge.Judge.for_motion", OverlapJudge.for_motion)

    async def before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("down", "enter")  # no history: rapid fire, then case building
        await pilot.pause()
        assert isinstance(pilot.app.screen, CaseBuildingScreen)
        pilot.app.screen.query_one("#case-text", TextArea).insert(CASE)
        await pilot.press("ctrl+s")
        await settle(pilot)

    check(snap_compare, build_app([UNIFORMS, PHONES], clock=FakeClock()), size, before)
