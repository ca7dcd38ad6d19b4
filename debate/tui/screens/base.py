"""The base of the trainer's full screens."""

from __future__ import annotations

from textual.screen import Screen


class DebateScreen(Screen[None]):
    """A full screen of the trainer. It is given what it shows when it is made, and asks the app for anything else
    by posting a message (:mod:`debate.tui.messages`); it never reaches into the app."""
