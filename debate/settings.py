"""What the trainer remembers between launches, per user: the last motion, side, mode and theme.

A small JSON file, ``settings.json`` in the user config directory (:func:`debate.locations.config_dir`, so
``DEBATE_HOME`` moves it too). A missing, unreadable, oversized or malformed file gives the defaults and is replaced
on the next save; unknown keys and values of the wrong type are ignored. :meth:`SettingsStore.disabled` is the
do-nothing form (tests, browser sessions under ``debate serve``): it loads the defaults and saves nothing.

Pure apart from the one file it reads and writes.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from debate.model import SIDES, Side

MAX_BYTES = 16_384
"""A settings file larger than this is not read."""
FILE_NAME = "settings.json"


@dataclass(frozen=True)
class Settings:
    """The remembered choices; None means "not chosen yet"."""

    motion_id: str | None = None
    """The motion last practised (the picker highlights it; drills start on it)."""
    side: Side | None = None
    """The side last argued (offered first when a motion is started; never taken silently)."""
    mode: str | None = None
    """The picker's mode last used (full, quick, timed)."""
    theme: str | None = None
    """The Textual theme last chosen."""


def _parse(raw: Any) -> Settings:
    if not isinstance(raw, dict):
        return Settings()
    known: dict[str, str] = {}
    for item in fields(Settings):
        value = raw.get(item.name)
        if isinstance(value, str) and 0 < len(value) <= 200:
            known[item.name] = value
    if known.get("side") not in SIDES:
        known.pop("side", None)
    return Settings(**known)  # type: ignore[arg-type]


class SettingsStore:
    """Reads and writes :class:`Settings` at ``path``; ``path`` None is the disabled store."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        """The settings file, or None when nothing is remembered."""

    @classmethod
    def default(cls) -> SettingsStore:
        """The user's settings file (its folder is created on the first save)."""
        from debate.locations import config_dir

        return cls(config_dir(create=False) / FILE_NAME)

    @classmethod
    def disabled(cls) -> SettingsStore:
        """A store that remembers nothing."""
        return cls(None)

    def load(self) -> Settings:
        """The saved settings, or the defaults when there are none (or they cannot be read)."""
        if self.path is None:
            return Settings()
        try:
            if not self.path.is_file() or self.path.stat().st_size > MAX_BYTES:
                return Settings()
            return _parse(json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return Settings()

    def save(self, settings: Settings) -> None:
        """Write ``settings`` (atomically: a crash leaves the old file or the new one); errors are ignored, since
        forgetting a preference must never cost a round."""
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-", suffix=".json")
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump({k: v for k, v in asdict(settings).items() if v is not None}, file, indent=2)
            os.replace(temporary, self.path)
        except OSError:
            pass

    def update(self, **changes: str | None) -> Settings:
        """Load, change the given fields, save; returns the new settings."""
        settings = replace(self.load(), **changes)  # type: ignore[arg-type]
        self.save(settings)
        return settings
