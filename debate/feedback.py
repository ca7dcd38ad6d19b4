"""Scoring one answer against one argument's bank, as data and as a readable block (``debate answer``)."""

from __future__ import annotations

import difflib
import textwrap
from typing import Any

from debate.errors import DebateError
from debate.model import SIDES, Argument, Motion
from debate.scoring import ANSWER_REASONS, MAX_POINTS, POINT_REASONS, UNMENDABLE_REASONS


def find_argument(motion: Motion, argument_id: str) -> Argument:
    """The argument with this id, or a :class:`DebateError` that names the ones there are."""
    try:
        return motion.argument(argument_id)[1]
    except KeyError:
        ids = [a.id for side in SIDES for a in motion.arguments(side)]
        close = difflib.get_close_matches(argument_id, ids, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f"; it has: {', '.join(ids)}"
        raise DebateError(f"motion '{motion.id}' has no argument '{argument_id}'{hint}") from None


def answer_report(motion: Motion, argument_id: str, text: str) -> dict[str, Any]:
    """Score ``text`` against every rebuttal of the argument: JSON-ready, best verdict first."""
    from debate.judge import Judge

    argument = find_argument(motion, argument_id)
    from debate.scoring import points_for

    verdicts = Judge.for_motion(motion).judge(text, argument)
    points = points_for(verdicts, {r.id: r.strength for r in argument.rebuttals}, 0)
    return {
        "motion": motion.id,
        "argument": argument.id,
        "points": points,
        "verdicts": [
            {
                "rebuttal": v.candidate_id,
                "score": round(v.score, 4),
                "verdict": v.verdict,
                "matched": list(v.matched),
                "missing": list(v.missing),
                "reason": v.reason,
                "why": v.why,
                **({"nearest_example": v.nearest} if v.nearest else {}),
            }
            for v in verdicts
        ],
    }


MARKS = {"hit": "HIT ", "near": "NEAR", "miss": "MISS"}
WHOLE_ANSWER = frozenset({*ANSWER_REASONS, "empty"})
"""Reasons the judge gives every rebuttal at once: a guard on the whole answer, or no answer (only punctuation)."""


def format_answer(motion: Motion, report: dict[str, Any]) -> str:
    """A short readable feedback block for ``debate answer``."""
    argument = find_argument(motion, report["argument"])
    by_id = {r.id: r for r in argument.rebuttals}
    lines = [*textwrap.wrap(f"Claim: {' '.join(argument.claim.split())}", 100, subsequent_indent=" " * 7), ""]
    guards = {v["reason"] for v in report["verdicts"]} & WHOLE_ANSWER
    if guards:  # a guard applies to the whole answer: said once, above the verdicts
        lines += [*textwrap.wrap(report["verdicts"][0]["why"], 100), ""]
    for v in report["verdicts"]:
        rebuttal = by_id[v["rebuttal"]]
        lines.append(
            f"{MARKS[v['verdict']]} {v['score']:.2f}  {rebuttal.id} ({rebuttal.type}, strength {rebuttal.strength})"
        )
        if v["matched"]:
            label = "carried by" if v["verdict"] == "hit" else "you touched on"
            lines.append(f"      {label}: {', '.join(v['matched'])}")
        if v["verdict"] != "hit" and v["missing"] and v["reason"] not in UNMENDABLE_REASONS:
            lines.append(f"      missing: {', '.join(v['missing'])}")
        if v["reason"] in POINT_REASONS:  # the point said the other way round, or a teacher's ruling
            lines += _wrapped("why", v["why"])
        if v["verdict"] != "hit":
            lines += _wrapped("a strong answer", rebuttal.text)
    hits = sum(v["verdict"] == "hit" for v in report["verdicts"])
    lines += ["", f"{hits} of {len(report['verdicts'])} lines of attack made · {report['points']}/{MAX_POINTS} points."]
    return "\n".join(lines)


def _wrapped(label: str, text: str, width: int = 100) -> list[str]:
    """``label: text`` indented under its verdict, its wrapped lines indented too (a YAML block's own line breaks
    are spaces)."""
    return textwrap.wrap(
        " ".join(text.split()),
        width,
        initial_indent=f"      {label}: ",
        subsequent_indent=" " * 8,
        break_on_hyphens=False,
    )
