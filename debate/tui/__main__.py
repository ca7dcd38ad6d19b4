"""Dev launcher: ``python -m debate.tui [--motions DIR] [--motion ID] [--side SIDE] [--time SECONDS]``."""

from __future__ import annotations

import argparse
from pathlib import Path


def main() -> None:
    """Discover motions and run the trainer."""
    parser = argparse.ArgumentParser(prog="python -m debate.tui", description="Run the debate trainer (dev launcher).")
    parser.add_argument("--motions", type=Path, action="append", default=[], help="extra motion folder")
    parser.add_argument("--motion", help="open straight into this motion")
    parser.add_argument("--side", choices=("proposition", "opposition"), help="the side you take")
    parser.add_argument("--time", type=float, help="seconds per argument (timed mode)")
    args = parser.parse_args()

    from debate.discovery import discover
    from debate.tui.app import build_app

    app = build_app(discover(args.motions), motion_id=args.motion, side=args.side, time_limit=args.time)
    app.run()


if __name__ == "__main__":
    main()
