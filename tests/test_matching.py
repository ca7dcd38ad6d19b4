"""Rules of the matcher: one test per rule, a hand-written regression set, and property tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from debate.matching import HIT, NEAR, Candidate, Matcher, Verdict, kind_of, normalise, porter2, stem, stems_of

TOPIC = "Model distillation should be banned"
CORPUS = [
    TOPIC,
    "Distillation works: small models copy large ones cheaply.",
    "Distillation is cheap and lets small labs compete.",
    "Banning distillation protects investment in frontier research.",
    "Enforcement across borders is impossible.",
]


@pytest.fixture
def matcher() -> Matcher:
    return Matcher(topic=TOPIC, corpus=CORPUS)


def test_interface_shapes(matcher: Matcher) -> None:
    v = matcher.score(
        "enforcement across borders is impossible", Candidate("e", "Enforcement across borders is impossible.")
    )
    assert isinstance(v, Verdict)
    assert v.candidate_id == "e" and 0.0 <= v.score <= 1.0 and v.verdict == kind_of(v.score)
    assert 0 < NEAR < HIT < 1
    assert v.verdict == "hit"


def test_negation_answer_negated_does_not_hit(matcher: Matcher) -> None:
    c = Candidate("works", "Distillation works well")
    assert matcher.score("distillation works well", c).verdict == "hit"
    assert matcher.score("distillation does not work well", c).score < HIT
    assert matcher.score("distillation doesn't work well", c).score < HIT


def test_negation_candidate_negated_does_not_hit(matcher: Matcher) -> None:
    c = Candidate("fails", "Distillation does not work well")
    assert matcher.score("distillation does not work well", c).verdict == "hit"
    assert matcher.score("distillation works well", c).score < HIT


def test_negation_scope_ends_at_clause(matcher: Matcher) -> None:
    c = Candidate("cheap", "Distillation is cheap")
    assert matcher.score("It is not banned, but distillation is cheap", c).verdict == "hit"


def test_topic_words_are_down_weighted(matcher: Matcher) -> None:
    c = Candidate("invest", "Banning model distillation protects investment in research")
    topic_only = matcher.score("model distillation should be banned", c)
    content = matcher.score("it protects investment in research", c)
    assert topic_only.score < NEAR
    assert content.score >= HIT
    assert matcher.weight(stem("distillation")) < matcher.weight(stem("investment"))


def test_keywords_are_required(matcher: Matcher) -> None:
    plain = Candidate("c", "Small labs can compete because distillation is cheap")
    keyed = Candidate("k", "Small labs can compete because distillation is cheap", keywords=("price|cost|cheap",))
    answer = "small labs can compete thanks to distillation"
    assert matcher.score(answer, plain).score > matcher.score(answer, keyed).score
    assert matcher.score(answer, keyed).score < HIT
    assert "price" in matcher.score(answer, keyed).missing
    assert (
        matcher.score("small labs compete because the cost is low", keyed).score >= matcher.score(answer, keyed).score
    )


def test_keyword_alternatives_and_phrases(matcher: Matcher) -> None:
    c = Candidate("k", "Enforcement across borders is impossible", keywords=("across borders|abroad|overseas",))
    assert matcher.score("enforcement across borders is impossible", c).verdict == "hit"
    assert (
        matcher.score("enforcement abroad is impossible", c).score > matcher.score("enforcement is impossible", c).score
    )


def test_stemming_matches_inflections(matcher: Matcher) -> None:
    c = Candidate("i", "Banning distillation protects investments")
    assert matcher.score("a ban protected the investment", c).score >= HIT
    assert stem("protects") == stem("protected") == stem("protecting")


def test_porter2_agrees_with_snowballstemmer() -> None:
    import snowballstemmer

    ref = snowballstemmer.stemmer("english")
    words = [
        "running",
        "generously",
        "universities",
        "happily",
        "hopeful",
        "relational",
        "conditional",
        "organization",
        "caresses",
        "ponies",
    ]
    words += [
        "dying",
        "skies",
        "agreed",
        "feed",
        "plastered",
        "motoring",
        "sized",
        "hopping",
        "filing",
        "arguing",
        "reduces",
        "reduction",
    ]
    assert [porter2(w) for w in words] == [ref.stemWord(w) for w in words]


def test_phrasings_help(matcher: Matcher) -> None:
    bare = Candidate("p", "Enforcement across borders is impossible")
    rich = Candidate(
        "p",
        "Enforcement across borders is impossible",
        phrasings=(
            "other countries will ignore the ban",
            "foreign labs will just ignore it",
            "you cannot police other countries",
        ),
    )
    answer = "foreign countries would simply ignore such a ban"
    assert matcher.score(answer, rich).score > matcher.score(answer, bare).score
    assert matcher.score(answer, rich).score >= HIT
    # phrasings do not make an unrelated answer a hit
    assert matcher.score("distillation is cheap", rich).score < HIT


def test_explanation_spans_point_at_answer_words(matcher: Matcher) -> None:
    c = Candidate("i", "Banning distillation protects investment in research")
    answer = "Honestly, it PROTECTS the investment; research matters."
    v = matcher.score(answer, c)
    words = {answer[a:b] for a, b in v.spans}
    assert {"PROTECTS", "investment", "research"} <= words
    assert set(v.matched) == words
    assert all(answer[a:b] in v.matched for a, b in v.spans)


def test_missing_names_absent_words_for_near_or_miss(matcher: Matcher) -> None:
    c = Candidate("i", "Banning distillation protects investment in frontier research")
    v = matcher.score("it protects something", c)
    assert v.verdict != "hit"
    assert "investment" in v.missing or "research" in v.missing


def test_rank_best_first_ties_in_order(matcher: Matcher) -> None:
    cs = [
        Candidate("a", "apples are red"),
        Candidate("b", "Enforcement across borders is impossible"),
        Candidate("c", "apples are red"),
    ]
    ranked = matcher.rank("enforcement across borders is impossible", cs)
    assert [v.candidate_id for v in ranked] == ["b", "a", "c"]
    assert matcher.scores("enforcement across borders is impossible", cs) == [
        matcher.score("enforcement across borders is impossible", c).score for c in cs
    ]


def test_normalise_folds() -> None:
    assert normalise("  Café, CRÈME-brûlée!  Don’t ") == "cafe creme brulee dont"
    assert stems_of("The children's café") == stems_of("the child cafe")


def test_for_motion_uses_topic_and_corpus() -> None:
    from debate.model import Argument, Motion, Rebuttal

    r = Rebuttal(id="r", text="Enforcement across borders is impossible", type="deny", strength=2)
    motion = Motion(
        id="m", title=TOPIC, context="", thesis="t", proposition=(Argument("a", "claim", "x", (r,)),), opposition=()
    )
    m = Matcher.for_motion(motion)
    assert m.score("enforcement across borders is impossible", Candidate.from_rebuttal(r)).verdict == "hit"
    assert stem("distillation") in m.topic


REGRESSION = yaml.safe_load((Path(__file__).parent / "data" / "regression.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", REGRESSION["cases"], ids=lambda c: c["answer"][:30])
def test_regression(case: dict[str, object]) -> None:
    m = Matcher(topic=REGRESSION["topic"], corpus=REGRESSION["corpus"])
    cands = [Candidate(c["id"], c["text"], tuple(c.get("keywords", ()))) for c in REGRESSION["candidates"]]
    by_id = {v.candidate_id: v for v in m.rank(str(case["answer"]), cands)}
    if "hit" in case:
        assert by_id[str(case["hit"])].verdict == "hit", by_id
        assert m.rank(str(case["answer"]), cands)[0].candidate_id == case["hit"]
    misses = case.get("miss", [])
    for cid in [misses] if isinstance(misses, str) else list(misses):  # type: ignore[call-overload]
        assert by_id[str(cid)].score < HIT, by_id[str(cid)]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_scores_in_range_deterministic(text: str) -> None:
    m = Matcher(topic=TOPIC, corpus=CORPUS)
    c = Candidate("x", "Distillation is cheap", keywords=("cheap|cost",), phrasings=("it costs little",))
    a = m.score(text, c)
    b = Matcher(topic=TOPIC, corpus=CORPUS).score(text, c)
    assert 0.0 <= a.score <= 1.0 and a == b
    assert all(0 <= s < e <= len(text) for s, e in a.spans)


@settings(max_examples=5, deadline=None)
@given(st.text(min_size=1, max_size=50).map(lambda s: s * (100_000 // len(s))))
def test_huge_text_never_raises(text: str) -> None:
    v = Matcher(topic=TOPIC, corpus=[text[:1000]]).score(text, Candidate("x", text[:200]))
    assert 0.0 <= v.score <= 1.0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_normalise_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
