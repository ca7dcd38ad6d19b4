"""Rules of the judge: one test per rule, a hand-written regression set, and property tests."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from debate.discovery import bundled_dir, discover
from debate.judge import HIT, NEAR, Candidate, Judge, Verdict, kind_of, normalise, stems_of
from debate.judge.porter2 import porter2
from debate.judge.text import analyse, stem
from debate.motions import load_motion

TOPIC = "Model distillation should be banned"
CORPUS = [
    TOPIC,
    "Distillation works: small models copy large ones cheaply.",
    "Distillation is cheap and lets small labs compete.",
    "Banning distillation protects investment in frontier research.",
    "Enforcement across borders is impossible.",
]


@pytest.fixture
def judge() -> Judge:
    return Judge(topic=TOPIC, corpus=CORPUS)


def test_interface_shapes(judge: Judge) -> None:
    v = judge.score(
        "enforcement across borders is impossible", Candidate("e", "Enforcement across borders is impossible.")
    )
    assert isinstance(v, Verdict)
    assert v.candidate_id == "e" and 0.0 <= v.score <= 1.0 and v.verdict == kind_of(v.score)
    assert 0 < NEAR < HIT < 1
    assert v.verdict == "hit"


def test_a_bank_changed_in_place_is_judged_as_it_now_is(judge: Judge) -> None:
    """The same list of candidates ranked again after one was replaced: the verdicts are the new bank's."""
    answer = "enforcement across borders is impossible"
    bank = [Candidate("e", "Enforcement across borders is impossible."), Candidate("c", "Distillation is cheap.")]
    assert judge.rank(answer, bank)[0].candidate_id == "e"
    bank[0] = Candidate("x", "Small labs compete with frontier research.")
    again = judge.rank(answer, bank)
    assert {v.candidate_id for v in again} == {"x", "c"} and all(v.verdict == "miss" for v in again)
    bank[0] = Candidate("e", "Enforcement across borders is impossible.")  # an equal candidate, a new object
    assert judge.rank(answer, bank)[0].candidate_id == "e" and judge.rank(answer, bank)[0].verdict == "hit"


def test_the_claims_own_words_do_not_make_a_point_partly_made() -> None:
    """ "it is not a real tutor" against the claim that AI is a personal tutor was a near miss of a rebuttal (3 points)
    by "real" and the claim's "tutor": words of the claim being answered are no part of a rebuttal's evidence."""
    motion = load_motion(Path(__file__).parent.parent / "motions" / "ai-in-schools.yaml")
    _, argument = motion.argument("personal-tutor")
    verdicts = Judge.for_motion(motion).judge("it is not a real tutor", argument)
    assert all(v.verdict == "miss" for v in verdicts), [(v.candidate_id, v.score) for v in verdicts]


def test_one_word_of_a_point_without_its_concepts_is_not_a_near_miss() -> None:
    """A near miss is a point partly made: one of its words with none of its concepts (keyword entries) is no evidence
    of it, a miss at 0 that names the word and the concepts it needs, unless a teacher's example is close; with a
    concept said, the same answer is still a near miss."""
    corpus = [
        "Nuclear power should replace coal",
        "Nuclear plants can become targets in war or for terrorists",
        "Wind and solar are cheaper to build",
        "New reactors are years late and over budget",
        "Waste stays dangerous for thousands of years",
    ]
    judge = Judge("Nuclear power should replace coal", corpus)
    point = Candidate("targets", corpus[1], keywords=("war|terror|attack", "target|risk"))
    one_word = judge.score("new plants today are years late and over budget", point)
    assert one_word.verdict == "miss" and one_word.reason == "missed" and one_word.matched == ("plants",)
    assert one_word.score == 0.0 and one_word.spans == ((4, 10),)
    assert one_word.missing == ("war", "target") and "it needs war, target" in one_word.why
    opposite = judge.score("plants are safe and peaceful", point)  # (no concept: not named as the point reversed)
    assert (opposite.score, opposite.reason, opposite.matched) == (0.0, "missed", ("plants",))
    example = replace(point, match=("they are sitting ducks",))
    assert judge.score("these plants are sitting ducks", example).verdict == "hit"
    assert judge.score("these plants are sitting ducks", point).score == 0.0
    with_a_concept = judge.score("the plants are a big risk", point)
    assert with_a_concept.verdict == "near" and with_a_concept.missing == ("war",)
    assert judge.score("the plants could be hit in a war", point).verdict == "hit"
    unkeyed = Candidate("targets", corpus[1])  # a point without concepts (a key point of the benchmark) keeps it
    assert judge.score("new plants today are years late and over budget", unkeyed).verdict == "near"


def test_a_concept_said_only_in_the_claims_words_is_not_evidence_of_a_rebuttal() -> None:
    """Half a point's concepts said in the opponent's own words ("discipline", answering "uniforms build discipline") is
    a near miss naming the concept it lacks, not a hit; the same answer to no claim, or the missing concept said,
    is a hit."""
    corpus = [
        "School pupils should wear uniforms",
        "Uniforms build discipline and smart habits that prepare pupils for working life.",
        "A tie or blazer does not make anyone behave better: good behaviour and discipline come from teachers, "
        "respect and fair rules.",
        "Uniforms cost families a lot of money",
        "Rich pupils still show off their phones and shoes",
    ]
    judge = Judge("School pupils should wear uniforms", corpus)
    claim = corpus[1]
    point = Candidate(
        "teaching",
        corpus[2],
        keywords=("teachers|teaching|respect|rules", "behaviour|discipline|behave"),
        phrasings=(
            "discipline comes from good teachers, not clothes",
            "discipline comes from rules and respect for teachers",
        ),
    )
    echo = "discipline in schools has gone down so much"
    echoed = judge.rank(echo, [point], claim)[0]
    assert echoed.verdict == "near" and echoed.missing == ("teachers",) and "teachers" in echoed.why
    assert judge.rank(echo, [point])[0].verdict == "hit"  # (with no claim to echo, the same words are evidence)
    assert judge.rank("good discipline comes from teachers", [point], claim)[0].verdict == "hit"


def test_a_miss_names_no_generic_word_as_what_the_student_touched_on() -> None:
    """A miss sharing only a generic word ("like") with the point names no word; a content word it shares is named."""
    corpus = ["Nuclear power should replace coal", "Averages hide how bad a rare disaster like Chernobyl is"]
    judge = Judge("Nuclear power should replace coal", corpus)
    point = Candidate("rare", corpus[1], keywords=("chernobyl|fukushima", "rare"))
    generic = judge.score("i like cheap bills", point)
    assert generic.verdict == "miss" and generic.matched == () and generic.spans == ()
    content = judge.score("averages are fine for bills", point)
    assert content.verdict == "miss" and content.matched == ("averages",)


def test_negation_answer_negated_does_not_hit(judge: Judge) -> None:
    c = Candidate("works", "Distillation works well")
    assert judge.score("distillation works well", c).verdict == "hit"
    assert judge.score("distillation does not work well", c).score < HIT
    assert judge.score("distillation doesn't work well", c).score < HIT


def test_negation_candidate_negated_does_not_hit(judge: Judge) -> None:
    c = Candidate("fails", "Distillation does not work well")
    assert judge.score("distillation does not work well", c).verdict == "hit"
    assert judge.score("distillation works well", c).score < HIT


def test_negation_scope_ends_at_clause(judge: Judge) -> None:
    c = Candidate("cheap", "Distillation is cheap")
    assert judge.score("It is not banned, but distillation is cheap", c).verdict == "hit"


def test_negation_scope_ends_at_a_new_subject_when_students_skip_the_comma(judge: Judge) -> None:
    c = Candidate("phones", "Teenagers stay up because of their phones at night, not because of their biology")
    assert judge.score("its not biology they are just on their phones all night", c).verdict == "hit"
    assert judge.score("its not biology there just on their phones all night", c).verdict == "hit"  # they're
    assert judge.score("they are not on their phones at night", c).verdict != "hit"


def test_without_negates_its_object_only(judge: Judge) -> None:
    words = analyse("without chips they stay stuck years behind").words
    assert {w.stem: w.negated for w in words} == {
        stem("chips"): True,
        stem("stay"): False,
        stem("stuck"): False,
        stem("years"): False,
        stem("behind"): False,
    }
    assert [w.negated for w in analyse("useless without enough compute").words] == [False, True, True]


def test_topic_words_are_down_weighted(judge: Judge) -> None:
    c = Candidate("invest", "Banning model distillation protects investment in research")
    topic_only = judge.score("model distillation should be banned", c)
    content = judge.score("it protects investment in research", c)
    assert topic_only.score < NEAR
    assert content.score >= HIT
    assert judge.similarity.weight(stem("distillation")) < judge.similarity.weight(stem("investment"))


def test_keywords_are_required(judge: Judge) -> None:
    plain = Candidate("c", "Small labs can compete because distillation is cheap")
    keyed = Candidate("k", "Small labs can compete because distillation is cheap", keywords=("price|cost|cheap",))
    answer = "small labs can compete thanks to distillation"
    assert judge.score(answer, plain).score > judge.score(answer, keyed).score
    assert judge.score(answer, keyed).score < HIT
    assert judge.score(answer, keyed).missing == ("cheap",)  # named as the model text says it, not "price"
    assert judge.score("small labs compete because the cost is low", keyed).score >= judge.score(answer, keyed).score


def test_keyword_alternatives_and_phrases(judge: Judge) -> None:
    c = Candidate("k", "Enforcement across borders is impossible", keywords=("across borders|abroad|overseas",))
    assert judge.score("enforcement across borders is impossible", c).verdict == "hit"
    assert judge.score("enforcement abroad is impossible", c).score > judge.score("enforcement is impossible", c).score


def test_stemming_matches_inflections(judge: Judge) -> None:
    c = Candidate("i", "Banning distillation protects investments")
    assert judge.score("a ban protected the investment", c).score >= HIT
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


def test_phrasings_help(judge: Judge) -> None:
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
    assert judge.score(answer, rich).score > judge.score(answer, bare).score
    assert judge.score(answer, rich).score >= HIT
    # phrasings do not make an unrelated answer a hit
    assert judge.score("distillation is cheap", rich).score < HIT


def test_phrasings_in_other_words_reach_consensus(judge: Judge) -> None:
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
    similarity = judge.similarity
    prepared = similarity.prepare(rich.text, rich.phrasings)
    ans = similarity.bag(answer)
    text = similarity.probability(ans, prepared.text)
    best_two = sorted((similarity.probability(ans, bag) for bag in prepared.phrasings), reverse=True)[:2]
    assert prepared.pooled is not None
    lifted = text + max(0.0, max(sum(best_two) / 2.0, similarity.probability(ans, prepared.pooled)) - text)
    assert judge.score(answer, rich).score >= lifted + 0.1
    assert judge.score(answer, rich).verdict == "hit"
    assert judge.score("upstarts cannot copy systems cheaply or catch up with incumbents", rich).score < HIT
    assert judge.score("the weather is lovely", rich).score == 0.0


def test_slash_alternatives_count_once(judge: Judge) -> None:
    c = Candidate("s", "Enforcement is costly/impossible across borders")
    one = judge.score("enforcement across borders is impossible", c)
    other = judge.score("enforcement across borders is costly", c)
    assert one.verdict == other.verdict == "hit"
    assert one.score == pytest.approx(other.score, abs=0.05)
    both = Candidate("b", "Enforcement is costly and impossible across borders")
    assert judge.score("enforcement across borders is impossible", both).score < one.score


def test_related_words_match(judge: Judge) -> None:
    assert stem("scientific") == stem("science")
    assert stem("disorders") == stem("disease")
    assert stem("prohibited") == stem("ban")
    c = Candidate("d", "Distillation spreads scientific knowledge")
    assert judge.score("distillation spreads knowledge of science", c).verdict == "hit"


def test_explanation_spans_point_at_answer_words(judge: Judge) -> None:
    c = Candidate("i", "Banning distillation protects investment in research")
    answer = "Honestly, it PROTECTS the investment; research matters."
    v = judge.score(answer, c)
    words = {answer[a:b] for a, b in v.spans}
    assert {"PROTECTS", "investment", "research"} <= words
    assert set(v.matched) == words
    assert all(answer[a:b] in v.matched for a, b in v.spans)


def test_missing_names_absent_words_for_near_or_miss(judge: Judge) -> None:
    c = Candidate("i", "Banning distillation protects investment in frontier research")
    v = judge.score("it protects something", c)
    assert v.verdict != "hit"
    assert "investment" in v.missing or "research" in v.missing


def test_rank_best_first_ties_in_order(judge: Judge) -> None:
    cs = [
        Candidate("a", "apples are red"),
        Candidate("b", "Enforcement across borders is impossible"),
        Candidate("c", "apples are red"),
    ]
    ranked = judge.rank("enforcement across borders is impossible", cs)
    assert [v.candidate_id for v in ranked] == ["b", "a", "c"]
    assert judge.scores("enforcement across borders is impossible", cs) == [
        judge.score("enforcement across borders is impossible", c).score for c in cs
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
    m = Judge.for_motion(motion)
    assert m.score("enforcement across borders is impossible", Candidate.from_rebuttal(r)).verdict == "hit"
    assert stem("distillation") in m.similarity.topic


REGRESSION = yaml.safe_load((Path(__file__).parent / "data" / "regression.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", REGRESSION["cases"], ids=lambda c: c["answer"][:30])
def test_regression(case: dict[str, object]) -> None:
    m = Judge(topic=REGRESSION["topic"], corpus=REGRESSION["corpus"])
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
    m = Judge(topic=TOPIC, corpus=CORPUS)
    c = Candidate("x", "Distillation is cheap", keywords=("cheap|cost",), phrasings=("it costs little",))
    a = m.score(text, c)
    b = Judge(topic=TOPIC, corpus=CORPUS).score(text, c)
    assert 0.0 <= a.score <= 1.0 and a == b
    assert all(0 <= s < e <= len(text) for s, e in a.spans)


@settings(max_examples=5, deadline=None)
@given(st.text(min_size=1, max_size=50).map(lambda s: s * (100_000 // len(s))))
def test_huge_text_never_raises(text: str) -> None:
    v = Judge(topic=TOPIC, corpus=[text[:1000]]).score(text, Candidate("x", text[:200]))
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
    from debate.bench.fit import cross_validate, fit_consensus
    from debate.cli import main
    from debate.judge import load_weights

    data = _tiny_argkp(tmp_path)
    committed = load_weights()
    lines: list[str] = []
    fitted = fit_consensus(data, "s", shots=1, out=lines.append)
    assert len(fitted.consensus_weights) == len(committed.consensus_weights)
    assert fitted.weights == committed.weights  # only the consensus is refitted
    assert json.loads(lines[0]).keys() == {"bias", "weights"}
    for shots in (0, 1):
        figures = cross_validate(data, "s", shots=shots, folds=2)
        assert 0.0 <= figures["map_strict"] <= figures["map_relaxed"] <= 1.0
    assert load_weights() == committed  # nothing written without --write
    capsys.readouterr()
    assert main(["bench", "cv", str(data), "--subset", "s", "--shots", "1"]) == 0
    assert set(json.loads(capsys.readouterr().out)) >= {"map_strict", "map_relaxed", "precision", "recall"}
    assert main(["bench", "fit", str(data), "--subset", "s", "--consensus"]) == 0
    assert '"weights"' in capsys.readouterr().out
    assert main(["bench", "cv", str(tmp_path / "nowhere")]) == 1
    assert "expected the ArgKP layout" in capsys.readouterr().err


def test_fit_writes_weights_the_judge_reads(tmp_path: Path) -> None:
    from debate.bench.fit import fit, write_weights
    from debate.judge import Weights

    data = _tiny_argkp(tmp_path)
    fitted = fit(data, "s", out=lambda _: None)
    path = tmp_path / "weights.json"
    write_weights(fitted, path)
    assert Weights.from_json(json.loads(path.read_text())) == fitted


def test_negation_carries_through_a_list_and_less_than_lowers_the_word_before() -> None:
    def polarity(text: str) -> dict[str, bool]:
        return {w.stem: w.lowered for w in analyse(text).words}

    listed = polarity("at 16 you cant buy alcohol, or get a tattoo or sign a contract")
    assert listed[stem("tattoo")] and listed[stem("contract")]  # "or" carries the negation on, even after a comma
    assert not polarity("it is cheap, or so they say")[stem("cheap")]
    compared = polarity("land use matters less than speed")
    assert compared[stem("matters")] and not compared[stem("speed")]
    assert polarity("far less harmful than coal")[stem("harmful")]


def test_a_negated_list_with_commas_is_denied_to_its_last_item() -> None:
    denied = {
        w.stem for w in analyse("it doesnt need uranium mining, cooling water or sites for waste").words if w.negated
    }
    assert {stem("mining"), stem("cooling"), stem("water"), stem("sites")} <= denied
    assert stem("water") not in {w.stem for w in analyse("it isnt cheap, water is free").words if w.negated}
    assert stem("water") not in {w.stem for w in analyse("it needs uranium, water or sites").words if w.negated}
    for opening in ("No, solar or wind power could replace it", "it is not cheap, solar or wind is cheaper"):
        assert stem("solar") not in {w.stem for w in analyse(opening).words if w.negated}  # not a negated list


def test_without_denies_its_object_not_the_subject_of_the_next_clause() -> None:
    """ "without a uniform families would buy...": "families" starts a clause of its own (an auxiliary follows it), so
    "without" denies the uniform only; its object of two words ("without help from parents") is denied whole."""

    def denied(text: str) -> set[str]:
        return {w.stem for w in analyse(text).words if w.negated or w.lowered}

    assert denied("without a uniform families would have to buy lots of clothes") == {stem("uniform")}
    assert denied("without help from parents") == {stem("help"), stem("parents")}
    # with no determiner the two words are one object, whatever follows (found in review)
    negated = {w.stem for w in analyse("kids without mobile phones are safer").words if w.negated}
    assert negated == {stem("mobile"), stem("phones")}
    assert {stem("parental"), stem("help")} <= denied("tasks kids without parental help can do should be set")
    assert stem("help") in denied("no uniform would help")  # (not "without": its next word is denied as before)
    # "with no" opens the same noun phrase (a helper revising a bank found such answers told "the opposite")
    assert denied("with no uniform families would have to buy lots of clothes") == {stem("uniform")}


def test_an_answer_saying_a_point_after_a_without_phrase_is_not_its_reversal() -> None:
    """A fair answer opening "without a uniform ..." makes the point it states; it used to be told it said the
    opposite (found by a teacher trying the bundled school-uniforms motion)."""
    motion = load_motion(Path(__file__).parent.parent / "motions" / "school-uniforms.yaml")
    _, argument = motion.argument("cost-to-families")
    verdicts = Judge.for_motion(motion).judge(
        "without a uniform families would have to buy lots of fashionable clothes which costs more", argument
    )
    point = next(v for v in verdicts if v.candidate_id == "own-clothes-cost-more")
    assert point.reason != "reversed" and point.verdict == "hit"


def test_a_reversal_is_read_in_what_the_answer_asserts_more_than_in_the_things_it_names() -> None:
    """A noun the answer says with another polarity than the point ("a lower death rate" beside "lowest death
    rates") counts half: "nuclear has a lower death rate than coal" makes the point (it was told it said the
    opposite), while answers that deny or reverse the point's verbs and adjectives are still reversals."""
    folder = Path(__file__).parent.parent / "motions"

    def verdict(motion_id: str, argument_id: str, rebuttal_id: str, answer: str) -> Verdict:
        motion = load_motion(folder / f"{motion_id}.yaml")
        _, argument = motion.argument(argument_id)
        return next(v for v in Judge.for_motion(motion).judge(answer, argument) if v.candidate_id == rebuttal_id)

    fair = verdict("nuclear-power", "accident-risk", "low-death-rate", "nuclear has a lower death rate than coal")
    assert fair.verdict == "hit" and fair.reason == "made"
    for answer in (
        "cutting china off eases tensions and makes a conflict less likely: if china can't buy chips, invading taiwan "
        "becomes less tempting",
        "the controls calm tensions and make war less likely, so invading taiwan to get tsmc is less tempting",
    ):
        assert verdict("chip-export-controls", "military-security", "raises-conflict-risk", answer).reason == "reversed"
    denied = "open models do not help defenders, security researchers and vaccine scientists do not use them"
    assert verdict("open-weight-frontier-models", "safeguards-removed", "defenders-use-it", denied).reason == "reversed"


def test_an_answer_the_teacher_ruled_out_earns_nothing_retyped_or_nearly(judge: Judge) -> None:
    """A ``no_match`` example typed again (case, a letter or punctuation aside) is a miss with no credit for the
    rebuttal (a teacher's rejected answer, rescored, was a near miss worth points); an answer merely close to it is
    kept below a hit, as before."""
    ruled = "a cheap uniform still costs families a lot every single year"
    point = Candidate("cost", "Uniforms cost families a lot of money every year", no_match=(ruled,))
    for answer in (ruled, "A cheap uniform still cost families a lot every single yaer!"):
        verdict = judge.score(answer, point)
        assert (verdict.verdict, verdict.reason, verdict.nearest) == ("miss", "example", ruled)
        assert verdict.why == "Close to an answer your teacher marked as not making this point."
    close = judge.score("even a cheap uniform is a big cost for families each year", point)
    assert (close.verdict, close.reason) == ("near", "example")
    # its near miss's credit stands, and the why says so (it read "not making this point" beside the points)
    assert close.why == "Partly made, but close to an answer your teacher marked as not making this point."


def test_weakness_is_the_opposite_of_strength(judge: Judge) -> None:
    point = Candidate("leverage", "The controls give us leverage, so we negotiate from a position of strength")
    said = judge.score("controls give leverage so we negotiate from a position of weakness", point)
    assert said.verdict != "hit" and said.reason == "reversed"


def test_so_few_says_a_small_number_and_a_few_does_not(judge: Judge) -> None:
    stems = {w.stem for w in analyse("there are so few of them it wouldnt change policy").words}
    assert stem("small") in stems
    assert stem("small") not in {w.stem for w in analyse("a few months is a lot in a race").words}
    point = Candidate("tiny", "They are a tiny part of the electorate", keywords=("small|tiny", "electorate|voters"))
    assert judge.score("there are so few of these voters that it changes nothing", point).verdict == "hit"


def test_why_not_suggests_rather_than_denies() -> None:
    """ "why not make it shorter" proposes making it shorter (a helper revising a bank found such answers read as
    "the opposite"); "not" elsewhere still denies."""
    assert not any(w.negated for w in analyse("why not just make homework shorter").words)
    assert not any(w.negated for w in analyse("so why not phase it in").words)
    assert {w.stem for w in analyse("homework is not useful, why not").words if w.negated} == {stem("useful")}
    # a reason's "why" is no suggestion (found in review)
    assert stem("child") in {w.stem for w in analyse("that is why not every child benefits").words if w.negated}


def test_a_negation_before_until_is_a_limit_in_time_not_a_denial() -> None:
    """ "you can't drink or get a tattoo until 18" says when you may, and denies neither: it was "the opposite" of
    "different rights come at different ages" (a student walker's answer), which its bank says plainly. Students write
    "til", and "u" is "you" (a function word, not a word of the point)."""
    listed = analyse("you cant buy alcohol until 18, or get a tattoo or sign a contract")  # (the list: all limited)
    assert not any(w.negated or w.lowered for w in listed.words)
    for text in ("you can't drink or get a tattoo until 18", "u cant drink or get a tattoo til 18"):
        read = analyse(text)
        assert not any(w.negated or w.lowered for w in read.words), text
        assert [w.stem for w in read.words] == [stem("drink"), stem("tattoo"), "18"], text
    assert stem("drink") in {w.stem for w in analyse("you cant drink, until now that was fine").words if w.negated}
    assert stem("drink") in {w.stem for w in analyse("they dont drink").words if w.negated}  # (no "until": denied)
    motion = load_motion(Path(__file__).parent.parent / "motions" / "votes-at-16.yaml")
    _, argument = motion.argument("work-and-pay-tax")
    judge = Judge.for_motion(motion)
    for answer in (
        "you can't drink or get a tattoo until 18, so voting at 18 is normal too",
        "u cant drink or get a tattoo til 18 so voting at 18 is normal too",
    ):
        verdict = next(v for v in judge.judge(answer, argument) if v.candidate_id == "rights-come-at-different-ages")
        assert verdict.verdict == "hit" and "u" not in verdict.matched, verdict


def test_double_negation_asserts_what_it_says() -> None:
    """ "cannot A without B" says that A brings B: neither is denied, however far the first negation reached ("you
    cant have a reactor in a war zone without it becoming a target" was "the opposite" of reactors being targets); a
    denied denial ("there is no reason they cant ...", "its not like kids cant ...") asserts."""
    words = {w.stem: w.negated for w in analyse("you cannot grow without hiring more staff").words}
    assert not words[stem("grow")] and not words[stem("hiring")]
    far = analyse("you cant have a reactor in a war zone without it becoming a target, look at ukraine")
    assert not any(w.negated or w.lowered for w in far.words)
    for text in (
        "there is no reason they cant learn study habits later",
        "its not like kids cant be themselves",
        "it isnt as if pupils cant express themselves",  # (a walker's: these three were denials)
        "there isnt any reason they cant learn it later",
        "i dont see why they cant learn study habits later",
    ):
        assert not any(w.negated or w.lowered for w in analyse(text).words), text
    assert {w.stem for w in analyse("not without cost").words if w.negated} == set()
    # "like" a verb, and "not as ... as" a comparison, open no denial: the second negation still denies (review)
    assert stem("help") in {w.stem for w in analyse("kids dont like homework and parents cant help").words if w.negated}
    as_cheap = analyse("its not as cheap as people think and families cant afford it")
    assert stem("afford") in {w.stem for w in as_cheap.words if w.negated}
    # a punctuation mark ends what "not that" opened: the next clause's negation denies
    assert stem("pay") in {w.stem for w in analyse("not that it matters, they cant pay").words if w.negated}
    # and "without" alone still denies
    assert stem("uniform") in {w.stem for w in analyse("families manage without uniform grants").words if w.negated}


def test_theres_opens_a_clause() -> None:
    """ "none of your mates are on it theres no pressure": the second negation is its own, not a second over the
    first (which cancelled it: the pressure was said)."""
    words = {w.stem: w.negated for w in analyse("if none of your mates are on it theres no pressure").words}
    assert words[stem("mates")] and words[stem("pressure")]


def test_if_because_and_unless_open_a_clause_and_a_closing_lowering_word_lowers_the_word_before() -> None:
    """ "uniforms dont cost much if you buy them from tesco": the negation ends at "if" (the buying was denied); "make
    uniforms cost less": "less" at a clause's end lowers the word before it, as "cost less than" does."""

    def flags(text: str) -> dict[str, tuple[bool, bool]]:
        return {w.stem: (w.negated, w.lowered) for w in analyse(text).words}

    said = flags("uniforms dont cost much if you buy them from tesco")
    assert said[stem("cost")] == (True, True) and said[stem("buy")] == (False, False)
    assert flags("its not fair because poor kids suffer")[stem("poor")] == (False, False)
    assert flags("second hand sales make uniforms cost less")[stem("cost")] == (False, True)
    assert flags("they pay less, and save")[stem("save")] == (False, False)
    assert flags("costs are lower")[stem("costs")] == (False, True)
    assert flags("many students fail")[stem("students")] == (False, False)  # a lowering verb is no comparative
    assert flags("less harmful")[stem("harmful")] == (False, True)


def test_an_answer_saying_every_concept_lists_no_missing_words(judge: Judge) -> None:
    """ "missing:" names the concepts the answer lacks; one saying every concept lacks none, even when it misses (it
    listed filler from the rebuttal's text: "missing: run, problem, items")."""
    point = Candidate("cheap", "Second hand sales make uniforms cheap for every family", ("cheap|affordable",))
    for answer in ("second hand sales do not make uniforms cheap for families", "uniforms are not cheap at all"):
        verdict = judge.score(answer, point)
        assert verdict.verdict != "hit" and verdict.missing == (), verdict
    assert judge.score("sales help", point).missing == ("cheap",)
    bare = Candidate("sales", "Second hand sales make uniforms cheap for every family")  # no keywords: its words
    missed = judge.score("families like new things", bare)
    assert missed.verdict != "hit" and missed.missing, missed


def test_a_denied_verb_with_no_tense_is_denied_alone() -> None:
    """ "not voting sends a message": the voting is denied, not the message (a teacher's fair answer was read as
    denying the point it made); a verb with a tense ("he is not voting for them") is denied as any."""

    def denied(text: str) -> set[str]:
        return {w.stem for w in analyse(text).words if w.negated}

    assert denied("not voting sends a message, its your choice") == {stem("voting")}
    assert denied("choosing not to vote is a protest and a right") == {stem("vote")}
    assert denied("not wearing a uniform saves money") == {stem("wearing"), stem("uniform")}
    assert denied("he is not voting for them") == {stem("voting")}
    assert denied("reading is something to enjoy, not something forced on them") == {stem("something"), stem("forced")}
    point = Candidate(
        "abstain",
        "The right to vote includes the right not to vote; abstaining sends a message the state should respect.",
        ("abstain|abstaining|not vote|protest", "right|choice|message"),
    )
    judge = Judge(topic="compulsory voting", corpus=[point.text])
    verdict = judge.score("not voting sends a message, its your choice", point)
    assert verdict.reason != "reversed" and verdict.verdict == "hit", verdict


@pytest.mark.parametrize(
    ("motion_id", "argument_id", "answer", "rebuttal"),
    [
        (
            "nuclear-power",
            "safety-record",
            "you cant have a reactor in a war zone without it becoming a target, look at ukraine",
            "war-and-terror-targets",
        ),
        (
            "ban-homework",
            "builds-responsibility",
            "there is no reason they cant learn study habits later at secondary",
            "habits-form-later",
        ),
        (
            "school-uniforms",
            "self-expression",
            "its not like kids cant be themselves outside school at weekends",
            "other-outlets",
        ),
    ],
)
def test_a_double_negation_keeps_a_fair_answer_a_hit(
    motion_id: str, argument_id: str, answer: str, rebuttal: str
) -> None:
    """Found by a walker: each was "the opposite of this point" (0.14)."""
    motion = load_motion(bundled_dir() / f"{motion_id}.yaml")
    _, argument = motion.argument(argument_id)
    verdicts = {v.candidate_id: v for v in Judge.for_motion(motion).judge(answer, argument)}
    assert verdicts[rebuttal].verdict == "hit", verdicts[rebuttal]


def test_a_negator_after_and_denies_its_own_item_rather_than_cancelling_the_first() -> None:
    words = {w.stem: w.negated for w in analyse("theres no time and no teacher to correct mistakes").words}
    assert words[stem("time")] and words[stem("teacher")]
    both = {w.stem: w.negated for w in analyse("it is not cheap and not fast").words}
    assert both[stem("cheap")] and both[stem("fast")]


def test_rather_than_and_instead_of_deny_what_follows() -> None:
    rather = {w.stem: w.lowered for w in analyse("it builds trust rather than causing rows").words}
    assert not rather[stem("trust")] and rather[stem("rows")]
    instead = {w.stem: w.lowered for w in analyse("they use calculators instead of thinking").words}
    assert not instead[stem("calculators")] and instead[stem("thinking")]
    assert not any(w.lowered for w in analyse("i would rather vote at sixteen").words)


def test_opposite_words_reverse_the_point(judge: Judge) -> None:
    point = Candidate("gap", "Premium tutors are paid for, so the gap between rich and poor pupils widens")
    assert (
        judge.score("premium tutors are paid for so the gap between rich and poor pupils widens", point).verdict
        == "hit"
    )
    reversed_ = judge.score("premium tutors are free, so the gap narrows", point)
    assert reversed_.verdict != "hit" and reversed_.reason == "reversed"


def test_so_and_and_before_a_new_subject_end_a_negation() -> None:
    def denied(text: str) -> set[str]:
        return {w.stem for w in analyse(text).words if w.negated}

    assert denied("reactors cant ramp so theyre useless as backup") == {stem("ramp")}
    assert denied("theres hardly any of it and its all sealed up in casks") == set()
    assert stem("bad") in denied("it is not so bad")  # "not so": the intensifier, not a new clause
    assert denied("they cant drink and drive") == {stem("drink"), stem("drive")}


def test_a_line_wrap_is_a_space_and_a_blank_line_ends_a_clause() -> None:
    wrapped = {w.stem: w.negated for w in analyse("at 16 you cant buy alcohol, or get a\ntattoo").words}
    assert wrapped[stem("tattoo")]  # the YAML block's wrap does not end the negated list
    para = {w.stem: w.negated for w in analyse("it is not cheap\n\nfast").words}
    assert para[stem("cheap")] and not para[stem("fast")]


def test_irregular_verb_forms_fold_onto_the_verb() -> None:
    assert stem("undone") == stem("undo") and stem("taught") == stem("teach") and stem("grown") == stem("grow")
    assert stem("left") != stem("leave")  # a form that is also another common word stays itself


def test_a_form_folds_alone_when_its_stem_is_another_word() -> None:
    assert stem("costly") == stem("expensive") and stem("cost") != stem("expensive")
    assert stem("badly") == stem("bad")


def test_an_opposite_word_reverses_unless_the_point_itself_uses_it(judge: Judge) -> None:
    fast = Candidate("fast", "The tools change fast, so tricks learned today are soon outdated")
    slow = judge.score("the tools change slowly, so todays tricks last", fast)
    assert slow.verdict != "hit" and slow.reason == "reversed"
    race = Candidate(
        "race",
        "In a race a shortcut is what counts: it saves months of slow work",
        keywords=("shortcut", "faster|slower"),
    )
    assert judge.score("a shortcut makes them faster and in a race months count", race).verdict == "hit"


def test_a_keyword_that_denies_a_word_needs_the_answer_to_deny_it(judge: Judge) -> None:
    point = Candidate("later", "Study habits come with age", keywords=("secondary", "no need"))
    said = judge.score("at secondary they will need good habits", point)
    denied = judge.score("at secondary there is no need for it yet", point)
    assert said.verdict != "hit" and "no need" in said.missing
    assert denied.verdict == "hit"


def test_a_concession_earns_nothing_for_what_it_concedes(judge: Judge) -> None:
    divide = Candidate(
        "divide", "Poorer pupils cannot afford the paid tutor, so the gap grows", keywords=("afford|paid",)
    )
    conceded = judge.score("its true, poorer pupils cannot afford a paid tutor, but the free chatbot is enough", divide)
    argued = judge.score("true, it is handy, but poorer pupils cannot afford the paid tutor so the gap grows", divide)
    assert conceded.verdict != "hit" and argued.verdict == "hit"


def test_what_a_concession_grants_is_no_reversal() -> None:
    """A student who grants the claim's point first ("even if ..., ...", "ok ..., but ...") and then makes the
    rebuttal is not saying its opposite: the granted words' polarity ("very little for grades") is not compared."""
    motion = discover().require("ban-homework")
    judge = Judge.for_motion(motion)
    argument = next(a for a in motion.arguments("proposition") if a.id == "little-benefit")

    def verdict(answer: str) -> Verdict:
        return next(v for v in judge.judge(answer, argument) if v.candidate_id == "habits-for-secondary")

    for granting in (
        "Even if homework does very little for grades, it still builds habits kids need at secondary school.",
        "OK it does little for grades, but it builds habits kids need at secondary school.",
        "even if it does very little for grades they get habits they need at secondary school",
    ):
        assert verdict(granting).verdict == "hit", granting
    # a concession that denies the point's own concepts is still no credit for it
    labelling = discover().require("ai-data-labelling-work")
    _, harmful = labelling.argument("harmful-content")
    for denied in (
        "even if most labelling isnt boring routine work, so what",
        "even if its not true that most labelling is boring routine work, so what",
    ):
        routine = next(
            v for v in Judge.for_motion(labelling).judge(denied, harmful) if v.candidate_id == "most-work-routine"
        )
        assert routine.verdict == "miss", denied
    # a point said only in what an "even if" clause grants is granted, not argued; "granted ..., but" grants nothing
    # the answer is credited with; "even though" opens a clause (its "though" is no contrast); and what a concession
    # grants of the claim does not make the answer agree with it (found by a prober)
    cases = [
        ("social-media-age-limit", "cyberbullying", "even if bullies wont move to group chats, the ban is pointless"),
        ("votes-at-16", "copy-parents", "granted the ballot is secret, but teens still vote how mum says"),
    ]
    granted = {"cyberbullying": "bullying-moves", "copy-parents": "secret-ballot"}
    for motion_id, argument_id, answer in cases:
        other = discover().require(motion_id)
        _, rebutted = other.argument(argument_id)
        found = {v.candidate_id: v for v in Judge.for_motion(other).judge(answer, rebutted)}
        assert found[granted[argument_id]].verdict == "miss", answer
    assert found["secret-ballot"].reason != "granted"  # ("granted ..., but": left out, like "true, ..., but")
    media = discover().require("social-media-age-limit")
    _, bullying = media.argument("cyberbullying")
    answer = "even if bullies wont move to group chats, the ban is pointless"
    moved = next(v for v in Judge.for_motion(media).judge(answer, bullying) if v.candidate_id == "bullying-moves")
    assert moved.reason == "granted" and moved.why == 'You granted this point ("even if ...") rather than argued it.'
    answer = "even though the ban stops instagram, bullies still use whatsapp and games"
    assert any(
        v.candidate_id == "bullying-moves" and v.verdict == "hit"
        for v in Judge.for_motion(media).judge(answer, bullying)
    )
    _, informed = motion.argument("keeps-parents-informed")
    for opening in (
        "ok homework shows parents what their kid is learning, but",
        "even if homework shows parents what their kid is learning,",
    ):
        answer = f"{opening} newsletters and parents evenings do that too"
        found = {v.candidate_id: v for v in judge.judge(answer, informed)}
        assert found["other-ways-to-inform"].verdict == "hit" and all(v.reason != "side" for v in found.values()), (
            answer
        )
    # the same words with no concession: "very little for grades" is argued, and weighs against the point
    assert (
        verdict("It does very little for grades, it builds habits kids need at secondary school.").reason == "reversed"
    )


def test_nothing_as_the_object_denies_the_verb_before_it() -> None:
    denied = {w.stem: w.negated for w in analyse("the ban stops nothing, bullying just moves").words}
    assert denied[stem("stops")] and not denied[stem("bullying")] and not denied[stem("moves")]
    assert {w.stem: w.negated for w in analyse("so they learn nothing").words}[stem("learn")]
    assert {w.stem: w.negated for w in analyse("nothing stops them").words}[stem("stops")]  # (before it, as ever)
    # the clause's last content word before it: a verb with its object between, or with "do" the subject (a prober)
    assert {w.stem: w.negated for w in analyse("chores teach you nothing").words} == {
        stem("chores"): False,
        stem("teach"): True,
    }
    assert [w.negated for w in analyse("the hints do nothing").words] == [True]
    assert not any(w.negated for w in analyse("there is nothing").words)
    assert not analyse("homework is nothing but stress").words[0].negated  # ("nothing but": only)
    assert not any(w.negated for w in analyse("compared to a real chokepoint this is nothing").words)  # (a trifle)
    ai = discover().require("ai-in-schools")
    _, effort = ai.argument("learning-needs-effort")
    assert all(v.verdict != "hit" for v in Judge.for_motion(ai).judge("the hints do nothing", effort))
    motion = discover().require("social-media-age-limit")
    argument = next(a for a in motion.arguments("proposition") if a.id == "cyberbullying")
    verdicts = {
        v.candidate_id: v
        for v in Judge.for_motion(motion).judge(
            "the ban stops nothing, bullying just moves to texts and group chats", argument
        )
    }
    assert verdicts["bullying-moves"].verdict == "hit"


def test_not_the_only_way_denies_nothing() -> None:
    for text in ("homework is not the only way to learn responsibility", "it is not only cheaper but safer"):
        assert not any(w.negated or w.lowered for w in analyse(text).words), text
    assert any(w.negated for w in analyse("homework is not a way to learn responsibility").words)
    motion = discover().require("ban-homework")
    argument = next(a for a in motion.arguments("opposition") if a.id == "builds-responsibility")
    answer = "Homework is not the only way to learn responsibility, chores teach it too."
    assert {v.candidate_id: v.verdict for v in Judge.for_motion(motion).judge(answer, argument)}[
        "other-ways-to-learn-responsibility"
    ] == "hit"


def test_a_miss_with_every_concept_says_how_to_mend_it() -> None:
    """A miss that lacks no concept (its words used, denied: "homework does not teach responsibility") says why in
    words a student can act on, not a bare "Not made" (nor "say it in full" to a student who denied the point)."""
    motion = discover().require("ban-homework")
    argument = next(a for a in motion.arguments("opposition") if a.id == "builds-responsibility")
    verdicts = Judge.for_motion(motion).judge("Homework does not teach responsibility, chores do.", argument)
    other = next(v for v in verdicts if v.candidate_id == "other-ways-to-learn-responsibility")
    assert other.verdict == "miss" and not other.missing and other.matched
    assert other.why == "Not made: as written, your answer denies what this point says."  # (its words, denied)


def test_a_word_made_from_a_motion_word_is_no_misspelling_of_it() -> None:
    """Misspellings of the motion's words are read as those words ("unifrom"), but a longer word that starts with
    the whole of one is another word ("official" is not "office": it carried a hit of the point about office dress
    codes)."""
    motion = discover().require("school-uniforms")
    judge = Judge.for_motion(motion)
    argument = next(
        a
        for side in ("proposition", "opposition")
        for a in motion.arguments(side)
        if a.id == "discipline-and-preparation"
    )
    for answer in ("the official shop is a rip off", "officially it is a rip off"):
        assert all(
            v.verdict != "hit" and "official" not in " ".join(v.matched).lower() for v in judge.judge(answer, argument)
        )
    dress = next(
        v
        for v in judge.judge("most offfices have a dress code for there staff", argument)
        if v.candidate_id == "jobs-have-dress-codes"
    )
    assert "offfices" in dress.matched


def test_a_word_denied_in_passing_does_not_undo_a_point_made_with_every_concept() -> None:
    """A teacher's case: "banning phones wont stop bullying. it still happens after school" carries both concepts of
    "bullying happens after school anyway", but "wont" reaches "bullying" (said plainly by the point), and that one
    word undid the keyword floor (a near miss, "say it more fully"); the point said the other way round still is not
    made."""
    point = Candidate(
        "home",
        "Online bullying happens mostly after school on home devices, so a school ban does little to stop it.",
        keywords=("home|after school|evening|night", "still|anyway|continue|happens"),
        phrasings=("kids will still bully each other online after school", "cyberbullying continues outside school"),
    )
    corpus = [point.text, *point.phrasings, "Phones let bullying follow pupils through the school day."]
    judge = Judge("Schools should ban phones", corpus)
    assert judge.score("banning phones wont stop bullying. it still happens after school", point).verdict == "hit"
    reversed_ = judge.score("bullying does not happen after school, it stops when they get home", point)
    assert reversed_.verdict != "hit"


def test_filler_adverbs_carry_no_concept() -> None:
    assert stems_of("its basically arming them") == stems_of("its arming them")
    assert stem("basic") in stems_of("drones run on basic chips")


def test_does_little_to_lowers_the_verb_after_it() -> None:
    lowered = {w.stem: w.lowered for w in analyse("the ban does little to stop cheating").words}
    assert lowered[stem("stop")] and not lowered[stem("cheating")]
    assert not any(w.lowered for w in analyse("little kids stop playing").words)


def test_a_keyword_phrase_of_one_content_word_is_found_as_written(judge: Judge) -> None:
    point = Candidate("work", "It writes the essay for them", keywords=("does the work|essay", "nothing learned|learn"))
    assert "essay" in judge.score("they do more work in class and learn", point).missing  # (as the text says it)
    assert judge.score("the ai does the work so they learn nothing", point).verdict == "hit"


def test_a_keyword_phrase_matches_the_forms_of_its_content_word() -> None:
    """A phrase keyword is found word by word with its content word stemmed ("breaks down" and "broke down" say
    "break down", found by a teacher), not across a comma, and not as another phrase of the same word."""
    text = "Paper bags rot in weeks while plastic lasts for centuries"
    judge = Judge("This House would ban plastic bags", [text, "Plastic bags should be banned"])
    point = Candidate("rot", text, keywords=("rot|decompose|break down", "centuries|forever|lasts"))
    for said in ("paper breaks down in weeks, plastic lasts forever", "paper broke down fast but plastic lasts"):
        assert judge.score(said, point).verdict == "hit", said
    assert judge.score("it breaks down", point).missing == ("centuries",)
    assert judge.score("it will break, down the road", point).missing == ("rot", "centuries")
    assert judge.score("it breaks up", point).missing == ("rot", "centuries")


def test_a_missing_concept_whose_words_another_names_is_not_listed_twice(judge: Judge) -> None:
    """ "missing: standard practice, practice" named one word twice (found by a student): the shorter is left out."""
    text = "Distillation is standard practice across the industry, not theft"
    point = Candidate("normal", text, keywords=("standard practice|common", "practice|theft"))
    assert judge.score("it is a bad thing to do to other people", point).missing == ("standard practice",)


def test_a_missing_concept_is_named_as_the_model_text_says_it() -> None:
    """The alternative the rebuttal's own text uses names the concept; a denied one ("no need") only when the text
    denies it too (found in review)."""
    corpus = ["Schools should ban homework", "Schools would need more staff to cover the lessons"]
    judge = Judge("Schools should ban homework", corpus)
    point = Candidate("staff", corpus[1], keywords=("teachers|no need|staff", "lessons"))
    assert judge.score("it is about the weather", point).missing == ("staff", "lessons")
    denied = Candidate("none", "There is no need for homework", keywords=("teachers|no need",))
    assert judge.score("it is about the weather", denied).missing == ("no need",)


def test_a_denied_keyword_does_not_echo_a_claim_that_asserts_the_word() -> None:
    """ "no need" answering a claim that says children "need" something denies the claim's word: it is the point's
    concept, not an echo of the claim (found in review)."""
    claim = "Homework builds study habits that children will need at secondary school."
    corpus = [claim, "Schools should ban homework", "Older pupils pick up study habits quickly"]
    judge = Judge("Schools should ban homework", corpus)
    point = Candidate("later", corpus[2], keywords=("older|secondary", "no need|unnecessary", "quickly|fast"))
    answer = "older pupils pick up study habits so there is no need to start them young"
    assert judge.rank(answer, [point], claim)[0].verdict == judge.rank(answer, [point])[0].verdict == "hit"
