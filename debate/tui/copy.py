"""Words the screens show that are not data: the scoring help and why each type of rebuttal works.

The scoring help is written from the rules in :mod:`debate.scoring`, so the two cannot drift apart.
"""

from __future__ import annotations

from debate.scoring import (
    EXTRA_HIT_POINTS,
    HINT_COSTS,
    HIT,
    HIT_BASE,
    HIT_PER_STRENGTH,
    MAX_EXTRA_HITS,
    MAX_POINTS,
    NEAR,
    hint_cost,
    hit_points,
    near_points,
)

STRENGTHS = (1, 2, 3)
"""The strengths a rebuttal can have, as the help names them."""


def _either(values: list[str] | tuple[str, ...]) -> str:
    """``1, 2 or 3``."""
    return ", ".join(values[:-1]) + " or " + values[-1] if len(values) > 1 else "".join(values)


def _both(values: list[str] | tuple[str, ...]) -> str:
    """``1, 2 and 3``."""
    return ", ".join(values[:-1]) + " and " + values[-1] if len(values) > 1 else "".join(values)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def scoring_help() -> str:
    """The scoring rules in plain words, from :mod:`debate.scoring`."""
    strengths = _either([str(s) for s in STRENGTHS])
    ordinals = ("first", "second", "third", "fourth", "fifth")[: len(HINT_COSTS)]
    return "\n".join(
        [
            f"Each argument is worth up to {MAX_POINTS} points.",
            f"- Your best line of attack counts most: a hit on a rebuttal of strength {strengths} earns "
            f"{_either([str(hit_points(s)) for s in STRENGTHS])} points",
            f"  ({HIT_BASE} + {HIT_PER_STRENGTH} x strength). With no hit, your best near miss earns its strength "
            f"({_either([str(near_points(s)) for s in STRENGTHS])}).",
            f"- Each further hit in the same answer adds {_plural(EXTRA_HIT_POINTS, 'point')} "
            f"(up to {MAX_EXTRA_HITS} more).",
            f"- Hints cost {_both([str(c) for c in HINT_COSTS])} points (the {_both(ordinals)} hint): "
            f"{hint_cost(len(HINT_COSTS))} for all {'three' if len(HINT_COSTS) == 3 else len(HINT_COSTS)}.",
            "- A skip scores 0 (ctrl+n asks first when you have typed something). When time runs out, what you typed "
            "is submitted and scored as usual.",
            "- An argument never scores below 0.",
            f"- A session is scored out of {MAX_POINTS} per argument: arguments not reached (you finished or quit "
            "early) count as 0.",
            f"A hit (score {HIT:.2f} or more) means you made that point; a near miss ({NEAR:.2f} to {HIT:.2f}) means "
            "you were close.",
        ]
    )


SCORING_HELP = scoring_help()
"""The scoring rules in plain words, for the help screen."""

TYPE_WHY: dict[str, str] = {
    "deny": "Denies the claim: shows it is false, unsupported or does not follow.",
    "mitigate": "Mitigates: grants part of the claim but shows the harm or gain is small.",
    "turn": "Turns it: shows the claim actually supports your side.",
    "outweigh": "Outweighs: grants the claim but shows something else matters more.",
}
"""Why each type of rebuttal works, shown with the model rebuttals."""
