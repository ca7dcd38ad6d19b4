"""The fast matcher gives exactly the scores and explanations of the committed (pre-optimisation) matcher.

The pinned values below were computed with debate/matching.py as committed before the speed work (e4a16fb) on
tests/data/mini.yaml; they are hard-coded only to pin that equivalence. The other tests check the fast paths
against the matcher's own reference forms (``features`` and the full verdict computation).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate import matching
from debate.matching import Candidate, Matcher, Verdict, porter2
from debate.motions import load_motion

MINI = load_motion(Path(__file__).parent / "data" / "mini.yaml")

Row = tuple[str, float, str, tuple[str, ...], tuple[str, ...], tuple[tuple[int, int], ...]]

PINNED: list[tuple[str, str, list[Row]]] = [
    (
        "stress-and-play",
        "just make the homework short, ten minutes a night is fine",
        [
            ("short-tasks-fine", 0.617343, "hit", ("short", "ten", "minutes"), (), ((23, 28), (30, 33), (34, 41))),
            ("reading-with-parents", 0.056781, "miss", ("homework",), ("reading", "parents"), ((14, 22),)),
        ],
    ),
    (
        "stress-and-play",
        "keep it to a few minutes so kids still have time to play",
        [
            (
                "short-tasks-fine",
                0.383125,
                "near",
                ("keep", "minutes", "time", "play"),
                ("short",),
                ((0, 4), (17, 24), (44, 48), (52, 56)),
            ),
            ("reading-with-parents", 0.102744, "miss", ("time",), ("reading", "parents"), ((44, 48),)),
        ],
    ),
    (
        "stress-and-play",
        "shared reading at home brings kids and parents together",
        [
            (
                "reading-with-parents",
                0.923802,
                "hit",
                ("shared", "reading", "home", "brings", "parents", "together"),
                (),
                ((0, 6), (7, 14), (18, 22), (23, 29), (39, 46), (47, 55)),
            ),
            ("short-tasks-fine", 0.002023, "miss", ("kids",), ("short", "minutes"), ((30, 34),)),
        ],
    ),
    (
        "stress-and-play",
        "homework does not build habits, but short tasks are fine",
        [
            ("short-tasks-fine", 0.383355, "near", ("short", "tasks"), ("minutes",), ((36, 41), (42, 47))),
            ("reading-with-parents", 0.091509, "miss", ("build",), ("reading", "parents"), ((18, 23),)),
        ],
    ),
    (
        "stress-and-play",
        "the weather is lovely today",
        [
            ("short-tasks-fine", 0.0, "miss", (), ("short", "minutes"), ()),
            ("reading-with-parents", 0.0, "miss", (), ("reading", "parents"), ()),
        ],
    ),
    (
        "builds-habits",
        "habits can wait until secondary, they are too young now",
        [
            (
                "habits-later",
                0.497896,
                "near",
                ("habits", "secondary"),
                ("start", "pupils", "ready"),
                ((0, 6), (22, 31)),
            ),
        ],
    ),
    (
        "builds-habits",
        "homework does not build habits, but short tasks are fine",
        [("habits-later", 0.07889, "miss", ("build", "habits"), ("secondary",), ((18, 23), (24, 30)))],
    ),
    (
        "builds-habits",
        "homework causes arguments at home",
        [("habits-later", 0.0, "miss", (), ("habits", "secondary"), ())],
    ),
]


def _bank(argument_id: str) -> list[Candidate]:
    sides: tuple[Literal["proposition", "opposition"], ...] = ("proposition", "opposition")
    for side in sides:
        for argument in MINI.arguments(side):
            if argument.id == argument_id:
                return [Candidate.from_rebuttal(r) for r in argument.rebuttals]
    raise KeyError(argument_id)


def _row(v: Verdict) -> Row:
    return (v.candidate_id, v.score, v.verdict, v.matched, v.missing, v.spans)


@pytest.mark.parametrize(("argument_id", "answer", "expected"), PINNED, ids=lambda x: str(x)[:24])
def test_scores_equal_the_committed_matcher_on_mini(argument_id: str, answer: str, expected: list[Row]) -> None:
    matcher = Matcher.for_motion(MINI)
    bank = _bank(argument_id)
    assert [_row(v) for v in matcher.rank(answer, bank)] == expected
    by_id = {row[0]: row for row in expected}
    assert [_row(matcher.score(answer, c)) for c in bank] == [by_id[c.id] for c in bank]
    assert matcher.scores(answer, bank) == [by_id[c.id][1] for c in bank]


def _reference_probability(matcher: Matcher, ans: matching._Bag, cand: matching._Bag) -> float:
    """The committed scoring arithmetic, on the reference feature vector."""
    found = matcher.features(ans, cand)
    if found is None:
        return 0.0
    vector, neg = found
    z = matching.BIAS
    for w, f in zip(matching.WEIGHTS, vector, strict=True):
        z += w * f
    p = matching._sigmoid(z) * (1.0 - matching.NEGATION_PENALTY * min(1.0, matching.NEGATION_GAIN * neg))
    if cand.topicless > 0.0:
        if vector[11] == 0.0:
            p *= matching.TOPIC_ONLY_CAP
        elif vector[11] < matching.MIN_HIT_COVERAGE:
            p = min(p, matching.NEAR + (matching.KEYWORD_CAP - matching.NEAR) * p)
    return p


def _mini_words() -> list[str]:
    return [*" ".join(MINI.all_text()).split(), "not", "never", "doesn't", "but", ",", ".", "kids", "Ça"]


def _check_answer(answer: str) -> None:
    matcher = Matcher.for_motion(MINI)
    for argument_id in ("stress-and-play", "builds-habits"):
        bank = _bank(argument_id)
        ans = matcher._answer(answer)
        for c in bank:
            cf = matcher._candidate(c)
            for bag in [cf.text, *cf.phrasings, *([cf.pooled] if cf.pooled else [])]:
                assert matcher._probability(ans, bag) == _reference_probability(matcher, ans, bag)
            full = matcher._verdict(answer, matcher._value(ans, cf), ans, cf)  # no shortcut: the full computation
            assert matcher.score(answer, c) == full
        ranked = {v.candidate_id: v for v in matcher.rank(answer, bank)}
        assert [ranked[c.id] for c in bank] == [matcher.score(answer, c) for c in bank]
        assert matcher.scores(answer, bank) == [matcher.score(answer, c).score for c in bank]


def test_fast_paths_agree_with_reference_forms_on_mini_examples() -> None:
    answers = [a for r in _bank("stress-and-play") + _bank("builds-habits") for a in r.phrasings]
    answers += [a for _, a, _ in PINNED]
    for answer in answers:
        _check_answer(answer)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_mini_words()), max_size=25))
def test_fast_paths_agree_with_reference_forms_on_word_soups(words: list[str]) -> None:
    _check_answer(" ".join(words))


def test_porter2_keeps_the_committed_stems_where_snowball_3_differs() -> None:
    # Snowball 3 (snowballstemmer / PyStemmer 3.x) gives add, add, evening, evening: scores would change.
    assert [porter2(w) for w in ("added", "adding", "evening", "evenings")] == ["ad", "ad", "even", "even"]


def test_ascii_scanner_finds_the_same_tokens() -> None:
    chars = [chr(i) for i in range(128)]
    texts = [a + b + c for a in chars for b in "a'`_9 " for c in chars]
    texts += ["don't stop", "rock`n`roll, eh?", "x_y 3rd (ok) [no]\nend", ""]
    for text in texts:
        assert matching._SCAN_ASCII_RE.findall(text) == matching._SCAN_RE.findall(text), repr(text)
