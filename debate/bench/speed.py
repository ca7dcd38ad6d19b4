"""``debate bench speed``: how long the judge takes to score one answer against a bank."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from debate.judge import Candidate, Judge

if TYPE_CHECKING:
    from debate.discovery import Library


_VARIATIONS = ("", " in practice", " for most people", " over time", " in the long run", " at scale")


def _bank(candidates: Sequence[Candidate], size: int) -> list[Candidate]:
    out: list[Candidate] = []
    i = 0
    while len(out) < size:
        base = candidates[i % len(candidates)]
        variant = _VARIATIONS[(i // len(candidates)) % len(_VARIATIONS)]
        out.append(replace(base, id=f"{base.id}~{i}", text=base.text + variant))
        i += 1
    return out


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))
    return ordered[index]


def run_speed(candidates: Sequence[Candidate], answers: Sequence[str], judge: Judge, runs: int = 200) -> dict[str, Any]:
    """Latency of one answer against banks of 50 and 5000 candidates, and pairs scored per second.

    Banks repeat and vary the given candidates; the judge's per-candidate work is warmed first (as in a
    session, where a bank is scored many times). Each run scores a fresh answer string (no answer caching).
    """
    if not candidates:
        candidates = [Candidate("placeholder", "a placeholder rebuttal about costs and benefits")]
    if not answers:
        answers = ["an answer about the costs and benefits"]
    result: dict[str, Any] = {}
    pairs = 0
    spent = 0.0
    for size, n_runs in ((50, runs), (5000, max(5, runs // 20))):
        bank = _bank(candidates, size)
        judge.rank(answers[0] + " warm", bank)
        times: list[float] = []
        for r in range(n_runs):
            answer = f"{answers[r % len(answers)]} ({r})"
            start = time.perf_counter()
            judge.rank(answer, bank)
            elapsed = time.perf_counter() - start
            times.append(elapsed)
            pairs += size
            spent += elapsed
        result[f"bank_{size}"] = {
            "p50_ms": round(statistics.median(times) * 1000, 3),
            "p99_ms": round(_percentile(times, 0.99) * 1000, 3),
        }
    result["pairs_per_second"] = round(pairs / spent) if spent > 0 else 0
    return result


def speed_from_library(library: Library) -> dict[str, Any]:
    """:func:`run_speed` on the rebuttals and example answers of a motion library (a built-in sample if empty)."""
    candidates: list[Candidate] = []
    answers: list[str] = []
    judge: Judge | None = None
    for motion in getattr(library, "motions", []):
        if judge is None:
            judge = Judge.for_motion(motion)
        for side in ("proposition", "opposition"):
            for argument in motion.arguments(side):
                for rebuttal in argument.rebuttals:
                    candidates.append(Candidate.from_rebuttal(rebuttal))
                    answers.extend(rebuttal.examples.match)
                    answers.extend(rebuttal.examples.no_match)
    if not candidates:
        candidates, answers = _sample_bank()
    return run_speed(candidates, answers, judge or Judge(topic="school uniforms", corpus=[c.text for c in candidates]))


def _sample_bank() -> tuple[list[Candidate], list[str]]:
    candidates = [
        Candidate("cost", "Uniforms are expensive for poor families", ("cost|price|expensive",)),
        Candidate("identity", "Uniforms stop pupils from expressing their identity", ("express|identity",)),
        Candidate("bullying", "Uniforms reduce bullying over clothes and brands", ("bully",)),
        Candidate("focus", "Pupils focus on learning instead of fashion", ("focus|concentrate",)),
    ]
    answers = [
        "school uniforms cost a lot of money and poor families cannot afford them",
        "kids get bullied less when everyone wears the same clothes",
        "students should be free to express who they are",
    ]
    return candidates, answers
