"""``debate bench answers FILE``: the judge on labelled student answers, its main measure.

Each line of FILE is ``{"motion", "argument", "text", "expect": "hit"|"miss", "rebuttal": id|null, "kind"}``. A
positive (``expect: hit``) is right when its rebuttal's verdict is a hit; a negative when no rebuttal of the argument
is a hit. The figures are the share right overall, for positives, for negatives and for each kind, as the data set's
own ``score.py`` reports them (through ``debate answer``); here in one process, so in about a second.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from debate.discovery import Library
from debate.errors import DebateError
from debate.judge import Judge


@dataclass(frozen=True)
class Judged:
    """One labelled answer and what the judge made of it."""

    row: dict[str, Any]
    right: bool
    hits: tuple[str, ...]
    scores: dict[str, float]
    reasons: dict[str, str]


def load_answers(path: Path) -> list[dict[str, Any]]:
    """The labelled answers of a JSONL file; a bad line is a one-line error naming it."""
    rows: list[dict[str, Any]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DebateError(f"{path}: cannot read the answers file ({exc})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DebateError(f"{path}:{number}: not JSON ({exc.msg})") from None
        missing = [k for k in ("motion", "argument", "text", "expect") if not isinstance(row.get(k), str)]
        if missing or row["expect"] not in ("hit", "miss"):
            raise DebateError(f"{path}:{number}: needs motion, argument, text and expect (hit or miss)")
        rows.append(row)
    return rows


def judge_answers(rows: list[dict[str, Any]], library: Library) -> list[Judged]:
    """Judge every labelled answer with the motions of ``library``."""
    judges: dict[str, Judge] = {}
    out: list[Judged] = []
    for row in rows:
        motion = library.require(row["motion"])
        judge = judges.get(motion.id) or judges.setdefault(motion.id, Judge.for_motion(motion))
        try:
            _, argument = motion.argument(row["argument"])
        except KeyError:
            raise DebateError(f"motion '{motion.id}' has no argument '{row['argument']}'") from None
        verdicts = judge.judge(row["text"], argument)
        hits = tuple(v.candidate_id for v in verdicts if v.verdict == "hit")
        right = row.get("rebuttal") in hits if row["expect"] == "hit" else not hits
        out.append(
            Judged(
                row,
                right,
                hits,
                {v.candidate_id: v.score for v in verdicts},
                {v.candidate_id: v.reason for v in verdicts},
            )
        )
    return out


def figures(judged: list[Judged]) -> dict[str, dict[str, float]]:
    """Share right: ``all``, ``positives``, ``negatives`` and ``kind KIND`` -> {right, total, share}."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for j in judged:
        group = "positives" if j.row["expect"] == "hit" else "negatives"
        for key in ("all", group, f"kind {j.row.get('kind', '?')}"):
            tally[key][0] += j.right
            tally[key][1] += 1
    order = sorted(tally, key=lambda k: (k.startswith("kind"), k))
    return {
        k: {"right": tally[k][0], "total": tally[k][1], "share": round(tally[k][0] / tally[k][1], 4)} for k in order
    }


def format_figures(table: dict[str, dict[str, float]]) -> str:
    """The figures as ``score.py`` prints them."""
    return "\n".join(f"{key:22} {int(v['right']):4}/{int(v['total']):<4} {v['share']:6.1%}" for key, v in table.items())


def wrong_lines(judged: list[Judged]) -> list[str]:
    """One line per wrong verdict: what was expected and what the judge said."""
    lines: list[str] = []
    for j in judged:
        if j.right:
            continue
        r = j.row
        want = r.get("rebuttal")
        got = ", ".join(f"{h} {j.scores[h]:.2f}" for h in j.hits) or "no hit"
        detail = f"{want} {j.scores.get(want, 0.0):.2f} ({j.reasons.get(want, '-')})" if want else "no hit"
        lines.append(
            f"WRONG [{r.get('kind', '?')}] {r['motion']}/{r['argument']}: {r['text']!r}: want {detail}; got {got}"
        )
    return lines
