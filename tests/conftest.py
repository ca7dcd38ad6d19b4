"""Shared fixtures: tests never read or write the real user's files."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def debate_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point DEBATE_HOME at a fresh temporary folder and clear DEBATE_MOTIONS for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("DEBATE_HOME", str(home))
    monkeypatch.delenv("DEBATE_MOTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


SLOW_MODULES = frozenset(
    {
        "test_answer_box",
        "test_bank",
        "test_contest",
        "test_fuzz",
        "test_home_study",
        "test_judge_fast",
        "test_marking",
        "test_serve_e2e",
        "test_serve_students",
        "test_settings",
        "test_snapshots",
        "test_snapshots_home",
        "test_tui",
        "test_tui_hints",
        "test_tui_markup",
        "test_tui_progress",
        "test_tui_saving",
        "test_tui_sessions",
        "test_tui_small",
    }
)
"""Modules of Pilot, snapshot, fuzz and browser tests: `pytest -m "not slow"` leaves them out (see CONTRIBUTING.md)."""


SLOW_TESTS = frozenset(
    {
        "test_schema_and_loader_agree",
        "test_importing_every_core_module_loads_no_textual",
        "test_run_speed_shape",
        "test_quick_3_in_the_app_starts_with_due_and_weak",
        "test_huge_text_never_raises",
        "test_many_processes_write_into_one_folder",
        "test_a_process_that_does_not_quit_is_killed_and_its_place_freed",
        "test_an_idle_session_is_closed_and_its_place_freed",
        "test_the_real_server_refuses_a_foreign_origin_over_loopback",
        "test_a_lock_that_never_ends_gives_a_clear_error",
        "test_write_waits_out_a_lock_longer_than_the_busy_timeout",
        "test_plain_debate_paints_the_picker_then_loads_every_motion",
        "test_figures_agree_on_argkp_dev",
    }
)
"""Single tests of other modules that take half a second or more (hypothesis campaigns, real servers, locks held)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of :data:`SLOW_MODULES`, and the tests named in :data:`SLOW_TESTS`, ``slow``."""
    for item in items:
        if item.path.stem in SLOW_MODULES or item.name.split("[")[0] in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
