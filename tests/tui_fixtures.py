"""A small fixed motion and a fake clock for the session, Pilot and snapshot tests (not the bundled motions)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from debate.judge import Candidate, Verdict
from debate.model import Argument, Examples, Motion, Rebuttal, Source


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        self.now += seconds


def _rebuttal(
    rid: str,
    text: str,
    rtype: str,
    strength: int,
    keywords: tuple[str, ...],
    phrasings: tuple[str, ...],
    match: tuple[str, ...],
    no_match: tuple[str, ...] = (),
) -> Rebuttal:
    return Rebuttal(
        id=rid,
        text=text,
        type=rtype,  # type: ignore[arg-type]
        strength=strength,
        keywords=keywords,
        phrasings=phrasings,
        examples=Examples(match=match, no_match=no_match),
    )


UNIFORMS = Motion(
    id="test-uniforms",
    title="This House would make school uniforms compulsory",
    context="Some schools require a uniform; others let pupils wear what they like.",
    thesis="A uniform removes the daily pressure to show off clothes and makes every pupil part of one school.",
    tags=("education", "school"),
    difficulty="introductory",
    source=Source("A classroom exercise", "The test team"),
    proposition=(
        Argument(
            id="brand-pressure",
            claim="Without uniforms, pupils compete over expensive brands and poorer children are bullied.",
            explanation="Bullying over clothes hurts the children who can least afford it.",
            rebuttals=(
                _rebuttal(
                    "bullying-moves-on",
                    "Bullies pick on shoes, phones and bags instead; a uniform does not stop bullying.",
                    "deny",
                    2,
                    ("bullying", "phones"),
                    ("bullies will find something else like phones or shoes", "bullying just moves to other things"),
                    ("bullies will just pick on phones and shoes instead",),
                ),
                _rebuttal(
                    "uniforms-cost",
                    "Official uniforms from one supplier are expensive, so they hurt poor families more.",
                    "turn",
                    3,
                    ("expensive", "supplier"),
                    ("uniforms cost poor families a lot of money", "the official supplier charges too much"),
                    ("official uniforms are expensive and poor families struggle to pay for them",),
                ),
            ),
        ),
        Argument(
            id="school-identity",
            claim="A uniform makes pupils feel part of one school community.",
            explanation="Belonging improves behaviour and effort.",
            rebuttals=(
                _rebuttal(
                    "belonging-from-activities",
                    "Belonging comes from teams, clubs and teachers, not from wearing the same jumper.",
                    "deny",
                    2,
                    ("clubs", "teams"),
                    ("clubs and sports teams make pupils feel they belong",),
                    ("pupils feel they belong because of clubs and teams, not clothes",),
                ),
            ),
        ),
    ),
    opposition=(
        Argument(
            id="self-expression",
            claim="Choosing their own clothes lets pupils express who they are.",
            explanation="Young people develop identity through small choices.",
            rebuttals=(
                _rebuttal(
                    "expression-elsewhere",
                    "Pupils can express themselves through their work, hobbies and weekends; school hours are for learning.",
                    "mitigate",
                    2,
                    ("hobbies", "weekends"),
                    ("they can express themselves at weekends and in their hobbies",),
                    ("pupils can express who they are in their hobbies and at weekends",),
                ),
                _rebuttal(
                    "expression-is-pressure",
                    "Free choice of clothes turns expression into pressure to follow fashion, so most pupils conform anyway.",
                    "turn",
                    3,
                    ("fashion", "pressure"),
                    ("free clothes just mean pressure to follow fashion",),
                    ("without uniforms pupils feel pressure to follow fashion",),
                ),
            ),
        ),
        Argument(
            id="cost-to-families",
            claim="Uniforms are an extra cost that families should not be forced to pay.",
            explanation="Money is tight for many families.",
            rebuttals=(
                _rebuttal(
                    "cheaper-than-fashion",
                    "A few plain uniform items cost less than keeping up with fashion every term.",
                    "outweigh",
                    2,
                    ("cheaper", "fashion"),
                    ("uniforms are cheaper than buying fashionable clothes",),
                    ("a uniform is cheaper than buying fashionable clothes all year",),
                ),
                _rebuttal(
                    "second-hand",
                    "Schools run second-hand uniform shops and grants, so cost need not fall on poor families.",
                    "mitigate",
                    1,
                    ("second-hand", "grants"),
                    ("second-hand uniform sales keep costs down",),
                    ("schools can sell second-hand uniforms cheaply",),
                ),
            ),
        ),
        Argument(
            id="teachers-waste-time",
            claim="Teachers waste lesson time policing ties and skirt lengths.",
            explanation="Time spent on rules is time not spent teaching.",
            rebuttals=(
                _rebuttal(
                    "simple-rules",
                    "Simple rules take seconds to check at the gate; it is the lack of rules that causes arguments.",
                    "deny",
                    2,
                    ("simple", "gate"),
                    ("checking a simple uniform takes seconds at the gate",),
                    ("a simple uniform can be checked in seconds at the school gate",),
                ),
            ),
        ),
    ),
)
"""The fixed test motion: 2 proposition and 3 opposition arguments."""


PHONES = replace(
    UNIFORMS,
    id="test-phones",
    title="This House would ban phones in classrooms",
    tags=("education", "technology"),
    difficulty="intermediate",
)
"""A second motion for the picker (same arguments, different title)."""


class KeywordJudge:
    """A judge that does not change when the real one is tuned: a rebuttal's keywords decide its verdict.

    All of a rebuttal's keywords in the answer make a hit (0.80), some a near miss (0.40), none a miss (0.10).
    The first alternative of each keyword ("a|b" -> "a") is what counts.
    """

    def rank(self, answer: str, candidates: Sequence[Candidate], claim: str = "") -> list[Verdict]:
        """Verdicts best first, with spans on every keyword found."""
        lowered = answer.lower()
        verdicts = []
        for candidate in candidates:
            words = [k.split("|")[0].lower() for k in candidate.keywords]
            found = [w for w in words if w in lowered]
            spans = tuple((m.start(), m.end()) for w in found for m in re.finditer(re.escape(w), lowered))
            if words and len(found) == len(words):
                score, kind = 0.8, "hit"
            elif found:
                score, kind = 0.4, "near"
            else:
                score, kind = 0.1, "miss"
            missing = tuple(w for w in words if w not in found)
            verdicts.append(Verdict(candidate.id, score, kind, tuple(found), missing, spans))  # type: ignore[arg-type]
        return sorted(verdicts, key=lambda v: -v.score)


class OverlapJudge:
    """A case-building judge that does not change when the real one is tuned: the share of the candidate's words
    (four letters or more) that the line repeats. Half or more is a hit (0.80), a quarter a near miss (0.40)."""

    @classmethod
    def for_motion(cls, motion: object) -> OverlapJudge:
        """Stands in for ``Judge.for_motion``."""
        return cls()

    def score(self, answer: str, candidate: Candidate, claim: str = "", *, guards: bool = True) -> Verdict:
        """The verdict, with spans on every repeated word."""
        words = sorted({w for w in re.findall(r"[a-z]{4,}", candidate.text.lower())})
        lowered = answer.lower()
        found = [w for w in words if re.search(rf"\b{w}\b", lowered)]
        spans = tuple((m.start(), m.end()) for w in found for m in re.finditer(rf"\b{w}\b", lowered))
        share = len(found) / len(words) if words else 0.0
        score, kind = (0.8, "hit") if share >= 0.5 else (0.4, "near") if share >= 0.25 else (share, "miss")
        missing = tuple(w for w in words if w not in found)
        return Verdict(candidate.id, score, kind, tuple(found), missing, spans)  # type: ignore[arg-type]
