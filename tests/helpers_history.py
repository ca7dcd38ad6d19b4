"""A worker process for the history tests (kill -9, several writers). Not a test module.

Usage::

    python helpers_history.py loop DB            write rounds for ever, printing each round id once committed
    python helpers_history.py write DB N NAME GO write N rounds once the file GO exists, then print "done"
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from debate.history import HistoryStore, RoundRecord


def _round(argument: str, index: int) -> RoundRecord:
    return RoundRecord(
        motion_id="m",
        argument_id=argument,
        side="opposition",
        answer=f"answer {index} " + "x" * 200,
        score=(index % 10) / 10,
        points=index % 11,
        max_points=10,
        hits=(f"r{index}",),
        nears=(),
        hints_used=index % 3,
        seconds=1.5,
    )


def main(argv: list[str]) -> int:
    """Run the worker described by ``argv``."""
    mode, db = argv[0], Path(argv[1])
    if mode == "loop":
        with HistoryStore.open(db) as store:
            session = store.start_session("m", "proposition", "full")
            index = 0
            while True:
                round_id = store.record_round(session, _round("a", index))
                print(round_id, flush=True)
                index += 1
    if mode == "write":
        count, name, go = int(argv[2]), argv[3], Path(argv[4])
        print("ready", flush=True)
        deadline = time.monotonic() + 20
        while not go.exists():
            if time.monotonic() > deadline:
                return 3
            time.sleep(0.001)
        with HistoryStore.open(db) as store:
            session = store.start_session("m", "proposition", "full", student=name)
            for index in range(count):
                store.record_round(session, _round(f"{name}-{index % 7}", index))
            store.finish_session(session, count, count * 10)
        print("done", flush=True)
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
