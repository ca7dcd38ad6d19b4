"""Where user data lives. ``DEBATE_HOME`` overrides every directory; nothing is created at import."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "debate"


def home() -> Path | None:
    """The ``DEBATE_HOME`` override, or None when it is unset or empty."""
    value = os.environ.get("DEBATE_HOME", "").strip()
    return Path(value).expanduser() if value else None


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _user_dir(kind: str, create: bool) -> Path:
    """``$DEBATE_HOME/<kind>``, or platformdirs' user ``<kind>`` dir (data, config, cache) for this app."""
    override = home()
    if override is not None:
        path = override / kind
    else:
        import platformdirs

        path = Path(getattr(platformdirs, f"user_{kind}_dir")(APP_NAME, appauthor=False))
    return _ensure(path) if create else path


def data_dir(create: bool = True) -> Path:
    """The user data directory (history, user motions); created on first use unless ``create`` is False."""
    return _user_dir("data", create)


def config_dir(create: bool = True) -> Path:
    """The user config directory; created on first use unless ``create`` is False."""
    return _user_dir("config", create)


def cache_dir(create: bool = True) -> Path:
    """The user cache directory (parsed motions); safe to delete at any time."""
    return _user_dir("cache", create)


def user_motions_dir(create: bool = False) -> Path:
    """The user's own motions folder: ``$DEBATE_HOME/motions`` or ``<data dir>/motions``."""
    override = home()
    path = override / "motions" if override is not None else data_dir(create=create) / "motions"
    return _ensure(path) if create else path


def history_path() -> Path:
    """The SQLite history database file (its folder is created on first use)."""
    return data_dir() / "history.sqlite3"


def exports_dir() -> Path:
    """Where the trainer saves exported summaries when no folder is given."""
    return _ensure(data_dir() / "exports")
