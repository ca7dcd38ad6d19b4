"""The base of the trainer's full screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from debate.tui.app import DebateApp


class DebateScreen(Screen[None]):
    """A screen of :class:`~debate.tui.app.DebateApp`, with the app typed."""

    @property
    def debate_app(self) -> DebateApp:
        """The app, typed."""
        from debate.tui.app import DebateApp

        assert isinstance(self.app, DebateApp)
        return self.app
