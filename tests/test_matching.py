"""Rules of the matcher: one test per rule, a hand-written regression set, and property tests."""

from __future__ import annotations

import json
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


def test_negation_scope_ends_at_a_new_subject_when_students_skip_the_comma(matcher: Matcher) -> None:
    c = Candidate("phones", "Teenagers stay up because of their phones at night, not because of their biology")
    assert matcher.score("its not biology they are just on their phones all night", c).verdict == "hit"
    assert matcher.score("its not biology there just on their phones all night", c).verdict == "hit"  # they're
    assert matcher.score("they are not on their phones at night", c).verdict != "hit"


def test_without_negates_its_object_only(matcher: Matcher) -> None:
    from debate.matching import scan

    stems, negated = scan("without chips they stay stuck years behind")
    assert dict(zip(stems, negated, strict=True)) == {
        stem("chips"): True,
        stem("stay"): False,
        stem("stuck"): False,
        stem("years"): False,
        stem("behind"): False,
    }
    stems, negated = scan("useless without enough compute")
    assert negated == [False, True, True]


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


def test_phrasings_in_other_words_reach_consensus(matcher: Matcher) -> None:
    # Phrasings in words of their own: an answer taking a little from each agrees with them taken together (the
    # consensus), more than with the best two of them; the same answer negated, or an unrelated one, does not.
    rich = Candidate(
        "c",
        "Distillation lets small labs compete",
        phrasings=(
            "startups on tight budgets copy frontier systems and undercut prices",
            "newcomers reuse outputs of leading systems to build rival products quickly",
            "upstarts catch up with incumbents by imitating their systems for little money",
        ),
    )
    answer = "upstarts copy systems cheaply and catch up with incumbents"
    cf = matcher._candidate(rich)
    ans = matcher._answer(answer)
    text = matcher._probability(ans, cf.text)
    best_two = sorted((matcher._probability(ans, bag) for bag in cf.phrasings), reverse=True)[:2]
    assert cf.pooled is not None
    lifted = text + max(0.0, max(sum(best_two) / 2.0, matcher._probability(ans, cf.pooled)) - text)
    assert matcher.score(answer, rich).score >= lifted + 0.1
    assert matcher.score(answer, rich).verdict == "hit"
    assert matcher.score("upstarts cannot copy systems cheaply or catch up with incumbents", rich).score < HIT
    assert matcher.score("the weather is lovely", rich).score == 0.0


def test_slash_alternatives_count_once(matcher: Matcher) -> None:
    c = Candidate("s", "Enforcement is costly/impossible across borders")
    one = matcher.score("enforcement across borders is impossible", c)
    other = matcher.score("enforcement across borders is costly", c)
    assert one.verdict == other.verdict == "hit"
    assert one.score == pytest.approx(other.score, abs=0.05)
    both = Candidate("b", "Enforcement is costly and impossible across borders")
    assert matcher.score("enforcement across borders is impossible", both).score < one.score


def test_related_words_match(matcher: Matcher) -> None:
    assert stem("scientific") == stem("science")
    assert stem("disorders") == stem("disease")
    assert stem("prohibited") == stem("ban")
    c = Candidate("d", "Distillation spreads scientific knowledge")
    assert matcher.score("distillation spreads knowledge of science", c).verdict == "hit"


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


def _tiny_argkp(path: Path) -> Path:
    """Two topics of made-up arguments and key points in the ArgKP layout (no ArgKP text)."""
    import csv

    topics = {
        "Cities should ban cars": [
            ("Car bans hurt local shops", ["shops lose customers", "local shops would suffer", "shop owners are hurt"]),
            ("Buses are too slow", ["buses are slow and late", "buses take far too long", "the bus is slow"]),
        ],
        "Schools should ban phones": [
            ("Phones distract pupils", ["phones distract pupils in class", "pupils play on phones", "distraction"]),
            ("Parents need to reach children", ["parents call kids", "children need to call parents", "reach home"]),
        ],
    }
    args: list[list[str]] = []
    kps: list[list[str]] = []
    labels: list[list[str]] = []
    for t, (topic, points) in enumerate(topics.items()):
        for k, (kp, arguments) in enumerate(points):
            kps.append([f"kp_{t}_{k}", kp, topic, "1"])
            for a, argument in enumerate(arguments * 2):
                arg_id = f"arg_{t}_{k}_{a}"
                args.append([arg_id, argument, topic, "1"])
                for other in range(len(points)):
                    labels.append([arg_id, f"kp_{t}_{other}", "1" if other == k else "0"])
    for name, header, rows in (
        ("arguments_s.csv", ["arg_id", "argument", "topic", "stance"], args),
        ("key_points_s.csv", ["key_point_id", "key_point", "topic", "stance"], kps),
        ("labels_s.csv", ["arg_id", "key_point_id", "label"], labels),
    ):
        with (path / name).open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([header, *rows])
    return path


def test_fit_consensus_and_cross_validation_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from debate import bench, matching
    from debate.cli import main

    data = _tiny_argkp(tmp_path)
    before = (matching.BIAS, matching.WEIGHTS, matching.CONSENSUS_BIAS, matching.CONSENSUS_WEIGHTS)
    lines: list[str] = []
    fitted = bench.fit_consensus(data, "s", shots=1, out=lines.append)
    assert len(fitted["weights"]) == len(matching.CONSENSUS_WEIGHTS) and fitted["pairs"] > 0
    assert lines[0].startswith("CONSENSUS_WEIGHTS") and lines[1].startswith("CONSENSUS_BIAS")
    for shots in (0, 1):
        figures = bench.cross_validate(data, "s", shots=shots, folds=2)
        assert 0.0 <= figures["map_strict"] <= figures["map_relaxed"] <= 1.0
    assert before == (matching.BIAS, matching.WEIGHTS, matching.CONSENSUS_BIAS, matching.CONSENSUS_WEIGHTS)
    capsys.readouterr()
    assert main(["bench", "cv", str(data), "--subset", "s", "--shots", "1"]) == 0
    assert set(json.loads(capsys.readouterr().out)) >= {"map_strict", "map_relaxed", "precision", "recall"}
    assert main(["bench", "fit", str(data), "--subset", "s", "--consensus"]) == 0
    assert capsys.readouterr().out.startswith("CONSENSUS_WEIGHTS")
    assert main(["bench", "cv", str(tmp_path / "nowhere")]) == 1
    assert "expected the ArgKP layout" in capsys.readouterr().err
