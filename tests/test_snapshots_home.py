"""SVG snapshots of the home and study screens at 100x30 and 80x24 (see test_snapshots.py for the rules)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_snapshots import SIZES, SnapCompare, check, seeded_store, settle, utc  # noqa: F401  (utc: a fixture)
from textual.pilot import Pilot
from tui_fixtures import PHONES, UNIFORMS, FakeClock

from debate.recorder import Recorder
from debate.tui.app import build_app
from debate.tui.screens.home import HomeScreen
from debate.tui.screens.study import StudyScreen


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare: SnapCompare, size: tuple[int, int], tmp_path: Path, utc: None) -> None:  # noqa: F811
    store = seeded_store(tmp_path / "history.db")
    app = build_app([UNIFORMS, PHONES], clock=FakeClock(), recorder=Recorder(store=store), home=True)

    async def before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
        await settle(pilot)

    try:
        check(snap_compare, app, size, before)
    finally:
        store.close()


@pytest.mark.parametrize("size", SIZES)
def test_study(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    app = build_app([UNIFORMS, PHONES], clock=FakeClock(), study_motion_id=UNIFORMS.id, side="proposition")

    async def before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        assert isinstance(pilot.app.screen, StudyScreen)
        await settle(pilot)

    check(snap_compare, app, size, before)
