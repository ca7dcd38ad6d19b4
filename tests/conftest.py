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
