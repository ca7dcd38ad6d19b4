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
        "test_tui",
        "test_tui_markup",
        "test_tui_progress",
        "test_tui_saving",
        "test_snapshots",
        "test_fuzz",
        "test_bank",
        "test_marking",
        "test_contest",
        "test_serve_students",
        "test_serve_e2e",
    }
)
"""Modules of Pilot, snapshot, fuzz and browser tests: `pytest -m "not slow"` leaves them out (see CONTRIBUTING.md)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of :data:`SLOW_MODULES` ``slow``."""
    for item in items:
        if item.path.stem in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
