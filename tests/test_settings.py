"""Remembering: the last motion, side, mode and theme persist per user; the side is always asked, never assumed."""

from __future__ import annotations

from pathlib import Path

from test_tui import wait_for
from tui_fixtures import PHONES, UNIFORMS, FakeClock

from debate.settings import MAX_BYTES, Settings, SettingsStore
from debate.tui.app import build_app
from debate.tui.screens.picker import PickerScreen
from debate.tui.screens.round import RoundScreen
from debate.tui.screens.side import SideScreen


def test_a_settings_file_round_trips_and_bad_files_give_defaults(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "cfg" / "settings.json")
    assert store.load() == Settings()
    store.update(motion_id="m", side="opposition", mode="quick", theme="textual-light")
    assert store.load() == Settings("m", "opposition", "quick", "textual-light")
    assert store.path is not None
    store.path.write_text('{"side": "sideways", "mode": 3, "motion_id": "m"}')
    assert store.load() == Settings(motion_id="m")  # wrong values dropped, the rest kept
    store.path.write_text("not json")
    assert store.load() == Settings()
    store.path.write_text('{"motion_id": "' + "x" * MAX_BYTES + '"}')
    assert store.load() == Settings()
    disabled = SettingsStore.disabled()
    disabled.update(motion_id="m")
    assert disabled.load() == Settings()


def test_the_default_file_is_in_the_user_config_dir(debate_home: Path) -> None:
    store = SettingsStore.default()
    store.update(side="proposition")
    assert store.path == debate_home / "config" / "settings.json" and store.path.is_file()


async def test_motion_side_mode_and_theme_persist_across_launches(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    first = build_app([UNIFORMS, PHONES], clock=FakeClock(), settings=store)
    async with first.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, PickerScreen)
        await pilot.press("down", "f3", "f9")  # the second motion, quick 3, the other theme
        theme = first.theme
        await pilot.press("enter")
        await wait_for(pilot, SideScreen)
        await pilot.press("o")
        await wait_for(pilot, RoundScreen)
        assert first.session is not None and first.session.side == "opposition"
        assert "you: Opposition" in str(first.screen.query_one("#round-status").render())
    assert store.load() == Settings(PHONES.id, "opposition", "quick", theme)

    second = build_app([UNIFORMS, PHONES], clock=FakeClock(), settings=store)
    async with second.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, PickerScreen)
        picker = second.screen
        assert isinstance(picker, PickerScreen)
        assert picker.highlighted is not None and picker.highlighted.id == PHONES.id  # drills start on it too
        assert (picker.side, picker.mode, second.theme) == ("opposition", "quick", theme)
        await pilot.press("enter")
        await wait_for(pilot, SideScreen)  # asked again, the last side offered first
        await pilot.press("escape")
        await wait_for(pilot, PickerScreen)
        assert second.session is None


async def test_a_direct_start_without_a_side_asks_for_it() -> None:
    app = build_app([UNIFORMS], motion_id=UNIFORMS.id, clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, SideScreen)
        await pilot.press("o")
        await wait_for(pilot, RoundScreen)
        assert app.session is not None and app.session.side == "opposition"
