"""The scoring rules, written once: what a verdict means and what an answer earns.

* A verdict score of :data:`HIT` or more is a **hit** (the student made the point); from :data:`NEAR` up to
  :data:`HIT` it is a **near miss**.
* Every argument is worth up to :data:`MAX_POINTS` points. The best line of attack counts most: a hit on a rebuttal
  of strength s earns :data:`HIT_BASE` + :data:`HIT_PER_STRENGTH` × s (4, 6 or 8); with no hit, the best near miss
  earns its strength (1, 2 or 3).
* Each **further hit** in the same answer adds :data:`EXTRA_HIT_POINTS`, for up to :data:`MAX_EXTRA_HITS` of them.
* **Hints** cost :data:`HINT_COSTS` (the first, second and third), taken off after the cap at :data:`MAX_POINTS`.
* A **skip** scores 0; an argument never scores below 0; a session is scored out of :data:`MAX_POINTS` per argument
  in it, so arguments not reached count as 0.

:func:`points_for` applies the rules; :func:`points_breakdown` explains a score from the same steps, and the help
screen's text (``debate.tui.copy.SCORING_HELP``) is written from these constants. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from debate.judge import Verdict

HIT = 0.5
"""Score at or above which the student is told they made the point (the judge's calibration)."""
NEAR = 0.3
"""Score at or above which (and below :data:`HIT`) a verdict is a near miss worth naming."""
ANSWER_REASONS = ("side", "list", "stuffed")
"""Verdict reasons about the whole answer (the judge's guards): every rebuttal gets it, so it is said once."""
POINT_REASONS = ("reversed", "granted", "example")
"""Verdict reasons about one rebuttal (said the other way round, granted in an "even if" clause rather than argued, or
decided by a teacher's example), said under it."""
UNMENDABLE_REASONS = (*ANSWER_REASONS, "reversed", "granted")
"""Verdict reasons under which no missing word is listed: adding one would not mend the answer."""
MAX_POINTS = 10
"""The most one argument can score."""
HIT_BASE = 2
"""What a hit earns before its strength counts."""
HIT_PER_STRENGTH = 2
"""What each point of strength adds to a hit."""
EXTRA_HIT_POINTS = 1
"""Points for each hit beyond the best one."""
MAX_EXTRA_HITS = 2
"""How many further hits earn points."""
HINT_COSTS: tuple[int, ...] = (1, 2, 3)
"""What the first, second and third hint cost."""


def hit_points(strength: int) -> int:
    """What a hit on a rebuttal of ``strength`` earns."""
    return HIT_BASE + HIT_PER_STRENGTH * strength


def near_points(strength: int) -> int:
    """What a near miss on a rebuttal of ``strength`` earns (when nothing hits)."""
    return strength


def hint_cost(hints_used: int) -> int:
    """What the first ``hints_used`` hints cost together."""
    return sum(HINT_COSTS[:hints_used])


def scoring_hit(verdicts: Sequence[Verdict], strengths: dict[str, int]) -> Verdict | None:
    """The hit an answer's points are counted from: the hit on the strongest rebuttal (of equal strengths, the first
    of ``verdicts``, which come best match first), not the best match, which may be a weaker rebuttal; None without a
    hit."""
    hits = [v for v in verdicts if v.verdict == "hit"]
    return max(hits, key=lambda v: strengths.get(v.candidate_id, 1), default=None)


def _steps(verdicts: Sequence[Verdict], strengths: dict[str, int]) -> list[tuple[str, int]]:
    """The points earned before the cap and hint costs, one (explanation, points) step each."""
    hits = [v for v in verdicts if v.verdict == "hit"]
    nears = [v for v in verdicts if v.verdict == "near"]
    best = scoring_hit(verdicts, strengths)
    if best is not None:
        strength = strengths.get(best.candidate_id, 1)
        steps = [(f"best hit, strength {strength}", hit_points(strength))]
        extra = min(MAX_EXTRA_HITS, len(hits) - 1)
        if extra:
            steps.append((f"{extra} further hit{'s' if extra > 1 else ''}", extra * EXTRA_HIT_POINTS))
        return steps
    if nears:
        strength = max(strengths.get(v.candidate_id, 1) for v in nears)
        return [(f"best near miss, strength {strength}", near_points(strength))]
    return [("no hit or near miss", 0)]


def points_for(verdicts: Sequence[Verdict], strengths: dict[str, int], hints_used: int) -> int:
    """Points for one answer: best hit or near miss, further hits, capped at :data:`MAX_POINTS`, minus hint costs,
    never below 0. ``strengths`` maps rebuttal ids to strengths (1 when missing)."""
    earned = min(sum(points for _, points in _steps(verdicts, strengths)), MAX_POINTS)
    return max(0, earned - hint_cost(hints_used))


def points_breakdown(verdicts: Sequence[Verdict], strengths: dict[str, int], hints_used: int) -> list[str]:
    """How :func:`points_for` reached its number, one line per step."""
    lines = [f"{label}: +{points}" for label, points in _steps(verdicts, strengths)]
    if hints_used:
        lines.append(f"{hints_used} hint{'s' if hints_used > 1 else ''}: -{hint_cost(hints_used)}")
    lines.append(f"= {points_for(verdicts, strengths, hints_used)} of {MAX_POINTS}")
    return lines
