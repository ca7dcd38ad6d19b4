"""The judge's guarantees, over every bundled motion and as properties: what cannot earn credit, and what the
teacher's examples decide."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.discovery import bundled_dir
from debate.hints import best_rebuttal, model_words
from debate.judge import HIT, NEAR, Candidate, Judge, Verdict
from debate.judge.text import analyse
from debate.model import SIDES, Argument, Motion
from debate.motions import load_motion


@cache
def motions() -> tuple[Motion, ...]:
    return tuple(load_motion(path) for path in sorted(bundled_dir().glob("*.yaml")))


@cache
def judge_for(motion_id: str) -> Judge:
    return Judge.for_motion(next(m for m in motions() if m.id == motion_id))


def arguments() -> list[tuple[str, Argument]]:
    return [(m.id, a) for m in motions() for side in SIDES for a in m.arguments(side)]


def salad_words(argument: Argument) -> list[str]:
    """One word of each keyword entry of every rebuttal of the argument: the list a student could paste."""
    return [entry.split("|")[0].strip() for r in argument.rebuttals for entry in r.keywords]


def hits(motion_id: str, argument: Argument, answer: str) -> list[str]:
    return [v.candidate_id for v in judge_for(motion_id).judge(answer, argument) if v.verdict == "hit"]


ARGUMENTS = arguments()
IDS = [f"{m}/{a.id}" for m, a in ARGUMENTS]


@pytest.mark.parametrize(("motion_id", "argument"), ARGUMENTS, ids=IDS)
def test_a_keyword_salad_earns_nothing(motion_id: str, argument: Argument) -> None:
    words = salad_words(argument)
    assert hits(motion_id, argument, " ".join(words)) == []
    assert hits(motion_id, argument, ", ".join(words)) == []


@pytest.mark.parametrize(("motion_id", "argument"), ARGUMENTS, ids=IDS)
def test_the_claim_typed_back_earns_nothing(motion_id: str, argument: Argument) -> None:
    assert hits(motion_id, argument, argument.claim) == []
    assert hits(motion_id, argument, "yes, " + argument.claim[0].lower() + argument.claim[1:]) == []
    verdicts = judge_for(motion_id).judge(argument.claim, argument)
    assert any(v.reason == "side" for v in verdicts) or all(v.score < 0.3 for v in verdicts)


@st.composite
def argument_and_order(draw: st.DrawFn) -> tuple[str, Argument, list[str]]:
    motion_id, argument = draw(st.sampled_from(ARGUMENTS))
    return motion_id, argument, draw(st.permutations(salad_words(argument)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_and_order())
def test_a_shuffled_keyword_list_never_hits(case: tuple[str, Argument, list[str]]) -> None:
    motion_id, argument, words = case
    assert hits(motion_id, argument, " ".join(words)) == []


def examples() -> list[tuple[str, Argument, str, str, str]]:
    """(motion id, argument, rebuttal id, example, label) for every example of every bundled motion."""
    out = []
    for motion_id, argument in ARGUMENTS:
        for r in argument.rebuttals:
            out += [(motion_id, argument, r.id, text, "match") for text in r.examples.match]
            out += [(motion_id, argument, r.id, text, "no_match") for text in r.examples.no_match]
    return out


EXAMPLES = examples()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(EXAMPLES))
def test_an_example_typed_verbatim_gets_its_label(case: tuple[str, Argument, str, str, str]) -> None:
    motion_id, argument, rebuttal_id, text, label = case
    verdict = next(v for v in judge_for(motion_id).judge(text, argument) if v.candidate_id == rebuttal_id)
    if label == "match":
        assert verdict.score >= HIT, verdict
    else:  # an answer the teacher ruled out earns nothing for that rebuttal, not even a near miss's credit
        assert verdict.score < NEAR and verdict.verdict == "miss", verdict


UNRELATED = ["purple", "giraffes", "waltz", "across", "saturn", "moons", "humming", "kazoo", "velvet", "octopus"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(ARGUMENTS),
    st.data(),
    st.lists(st.sampled_from(UNRELATED), min_size=3, max_size=8),
    st.booleans(),
)
def test_an_unrelated_example_moves_no_other_verdict(
    case: tuple[str, Argument], data: st.DataObject, words: list[str], as_match: bool
) -> None:
    motion_id, argument = case
    judge = judge_for(motion_id)
    bank = [Candidate.from_rebuttal(r) for r in argument.rebuttals]
    i = data.draw(st.integers(0, len(bank) - 1))
    added = " ".join(words)
    changed = list(bank)
    if as_match:
        changed[i] = replace(bank[i], match=(*bank[i].match, added))
    else:
        changed[i] = replace(bank[i], no_match=(*bank[i].no_match, added))
    answers = [text for c in bank for text in (*c.match, *c.no_match)] + [argument.claim]
    for answer in answers:
        before = {v.candidate_id: v.score for v in judge.rank(answer, bank, argument.claim)}
        after = {v.candidate_id: v.score for v in judge.rank(answer, changed, argument.claim)}
        assert before == after, answer


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([(m, a, r) for m, a in ARGUMENTS for r in a.rebuttals]))
def test_negating_a_point_never_raises_its_score(case: tuple[str, Argument, object]) -> None:
    motion_id, argument, rebuttal = case
    judge = judge_for(motion_id)
    text = rebuttal.text  # type: ignore[attr-defined]
    said = next(v for v in judge.judge(text, argument) if v.candidate_id == rebuttal.id)  # type: ignore[attr-defined]
    negated = "it is not true that " + text[0].lower() + text[1:]
    denied = next(v for v in judge.judge(negated, argument) if v.candidate_id == rebuttal.id)  # type: ignore[attr-defined]
    assert denied.score <= said.score


def test_a_short_list_of_nouns_is_no_argument_but_a_terse_sentence_is() -> None:
    """Three or more content words with no function word, no verb and no adjective are a list, and so are two words
    alone: no credit, and the feedback asks for a sentence. Terse sentences keep their credit: a verb or an
    adjective says something, even with no function word."""
    motion = next(m for m in motions() if m.id == "nuclear-power")
    argument = next(a for side in SIDES for a in motion.arguments(side) if a.id == "accident-risk")
    judge = judge_for(motion.id)
    for listed in ("chernobyl fukushima deaths coal", "safety chernobyl fukushima deaths coal"):
        verdicts = judge.judge(listed, argument)
        assert all(v.verdict != "hit" and v.reason == "list" for v in verdicts), listed
        assert "write it as a sentence" in verdicts[0].why
    assert "low-death-rate" in hits(motion.id, argument, "chernobyl and fukushima killed far fewer people than coal")
    for terse in (
        "fewer sick days save employers money",
        "ai detectors unreliable",
        "nuclear complements renewables",
        "models become outdated quickly",
        "deepseek published papers",
        "nuclear waste dangerous",
    ):
        assert not analyse(terse).is_word_list(), terse
    for listed in (
        "phones shoes coats bags",
        "tiktok algorithms radicalisation extremism",
        "research evidence age benefit",
        "wind farms offshore",
        "routine later",  # two keywords alone scored hits (found by an attacker)
        "phones trainers",
        "spellings practice",
    ):
        assert analyse(listed).is_word_list(), listed
    homework = next(m for m in motions() if m.id == "ban-homework")
    _, little = homework.argument("little-benefit")
    assert all(v.reason == "list" for v in judge_for(homework.id).judge("routine later", little))


def test_a_long_terse_sentence_with_a_verb_phrase_is_no_list() -> None:
    """Nine or more content words with few small words are a list, unless an auxiliary comes right before a content
    word ("does help") and there are not too few small words: a student's terse sentence."""
    terse = "Homework does help young children learn, short reading practice every night builds fluency."
    assert not analyse(terse).is_word_list()
    homework = next(m for m in motions() if m.id == "ban-homework")
    _, little = homework.argument("little-benefit")
    assert all(v.reason != "list" for v in judge_for(homework.id).judge(terse, little))
    for listed in (
        "money is experts pay reasoning data reinforcement learning maths code",  # one small word among ten
        "homework help young children learn short reading practice every night builds fluency",  # no verb phrase
    ):
        assert analyse(listed).is_word_list(), listed


@pytest.mark.parametrize(("motion_id", "argument"), ARGUMENTS, ids=IDS)
def test_the_hints_words_typed_back_earn_nothing(motion_id: str, argument: Argument) -> None:
    """The second hint names words of the strongest rebuttal; typed back as they are, they were a hit on 57 of the 80
    arguments (a walker's finding). Words with no function word that are all the bank's own are a list."""
    words = model_words(argument.claim, best_rebuttal(argument))
    joined = [
        " ".join(words),
        " ".join(reversed(words)),
        " and ".join(words),
        ", ".join(words[:-1]) + " and " + words[-1],
    ]
    for answer in joined:  # ("and" between them made a sentence: 72 of 80 arguments, found by a walker)
        verdicts = judge_for(motion_id).judge(answer, argument)
        assert [v.candidate_id for v in verdicts if v.verdict == "hit"] == [], answer


def test_a_terse_sentence_with_a_word_of_its_own_keeps_its_credit() -> None:
    """No function word, but a word the bank does not have: the student's own sentence, not the bank's words put back."""
    motion = next(m for m in motions() if m.id == "nuclear-power")
    _, argument = motion.argument("accident-risk")
    assert "low-death-rate" in hits(motion.id, argument, "coal pollution kills millions")
    verdicts = judge_for(motion.id).judge("coal pollution kills deaths", argument)
    assert all(v.verdict != "hit" and v.reason == "list" for v in verdicts)


def test_words_parted_by_commas_are_a_list_whatever_the_words() -> None:
    """Bare words between commas are a list even when one of them could be a verb or an adjective ("cheap,
    supermarket, brands, grants" scored two hits on school uniforms); a comma between clauses is not."""
    motion = next(m for m in motions() if m.id == "school-uniforms")
    _, argument = motion.argument("cost-to-families")
    verdicts = judge_for(motion.id).judge("cheap, supermarket, brands, grants", argument)
    assert all(v.verdict != "hit" and v.reason == "list" for v in verdicts)
    assert analyse("nhs, taxpayer, family, cost").is_word_list()
    assert analyse("cheap; plain; supermarket").is_word_list()
    for sentence in ("fewer sick days, save money", "safe, cheap and clean", "cheap, so poorer families cope"):
        assert not analyse(sentence).is_word_list(), sentence
    # generic words ("thinking", "make") mark a sentence, but not between commas (a student's "jobs, critical
    # thinking, cheating, skills" was a hit); an item with a function word is no bare word
    ai = next(m for m in motions() if m.id == "ai-in-schools")
    _, skill = ai.argument("real-world-skill")
    for salad in ("jobs, critical thinking, cheating, skills", "outdated, skills, thinking"):
        assert all(v.verdict != "hit" and v.reason == "list" for v in judge_for(ai.id).judge(salad, skill)), salad
    assert not analyse("no, not really, maybe").is_word_list()


def test_a_filler_word_carries_no_point() -> None:
    """ "anyway" is a generic word: an answer about something else does not make a point by sharing it ("meta is a
    giant company anyway" made the point that rivals build their own models)."""
    for motion_id, argument_id, answer, rebuttal in (
        ("open-weight-frontier-models", "geopolitical-rivals", "meta is a giant company anyway", "rivals-build-own"),
        ("ban-homework", "play-and-family-time", "kids forget whatever they do at home anyway", "screens-not-play"),
    ):
        motion = next(m for m in motions() if m.id == motion_id)
        _, argument = motion.argument(argument_id)
        assert rebuttal not in hits(motion_id, argument, answer), answer


def test_an_answer_disputing_the_claim_is_not_taken_for_agreement() -> None:
    """Repeating the claim's words to dispute them ("the evidence that bans improve grades is unclear") answers the
    claim; the same words said plainly agree with it."""
    claim = "Banning phones in school improves grades and concentration."
    corpus = [claim, "Schools should ban phones", "Pupils can use phones in emergencies", "Teachers can confiscate"]
    judge = Judge("Schools should ban phones", corpus)
    point = Candidate("unclear", "Studies of phone bans find mixed results on grades", keywords=("mixed|unclear",))
    disputed = judge.rank("the evidence that bans improve grades is unclear", [point], claim)[0]
    assert disputed.reason != "side"
    agreed = judge.rank("banning phones improves grades and concentration", [point], claim)[0]
    assert agreed.reason == "side"
    for gamed in (  # a dispute word denied, or added to the claim itself, is no dispute (found in review)
        "it is no myth that banning phones improves grades and concentration",
        "banning phones improves grades and concentration, saying otherwise is misleading",
    ):
        assert judge.rank(gamed, [point], claim)[0].reason == "side", gamed


def test_an_agreeing_word_that_is_denied_at_once_is_no_agreement() -> None:
    """ "definitely not, ..." and "totally wrong, ..." open by disagreeing (they were "supporting their side", found by
    a prober); "its true, not everyone ..." still opens by agreeing (a comma parts "true" from "not")."""
    motion = next(m for m in motions() if m.id == "school-uniforms")
    _, hides = motion.argument("hides-wealth-differences")
    for answer in (
        "definitely not, bullies will find something else like your weight or acne",
        "totally wrong, bullies will find something else like your weight or acne",
    ):
        assert "bullies-find-other-reasons" in hits(motion.id, hides, answer), answer
    agreed = judge_for(motion.id).judge("its true, not everyone can afford designer clothes", hides)
    assert all(v.verdict != "hit" for v in agreed)


def test_an_answer_denying_or_replacing_what_the_claim_says_is_not_taken_for_agreement() -> None:
    """Found by a teacher: fair answers on ban-homework were told they "support their side" because they repeat the
    claim's words, though they deny its subject ("... without homework") or put something in its place ("in class
    instead of at home"). The claim typed back still earns nothing."""
    homework = next(m for m in motions() if m.id == "ban-homework")
    for argument_id, answer in (
        ("reinforces-learning", "they can practise times tables in class instead of at home"),
        ("builds-responsibility", "children can learn independence at school without homework"),
    ):
        _, argument = homework.argument(argument_id)
        verdicts = judge_for(homework.id).judge(answer, argument)
        assert all(v.reason != "side" for v in verdicts), answer
        assert verdicts[0].score >= NEAR, verdicts[0]
    _, argument = homework.argument("builds-responsibility")
    for typed_back in ("homework teaches responsibility", "homework teaches responsibility and study habits"):
        assert hits(homework.id, argument, typed_back) == [], typed_back
        assert all(v.score < NEAR for v in judge_for(homework.id).judge(typed_back, argument)), typed_back


def test_an_answer_saying_the_claims_remedy_fails_is_not_taken_for_agreement() -> None:
    """ "Monitoring and identity checks will not work" denies the claim that they close access, though it repeats its
    words (found by a student walking the app: told "this supports their side"); the claim said plainly agrees, a
    word that is not what the clause ends by saying ("dont work full time") disputes nothing, and against a claim
    that itself says the checks fail, saying so again agrees."""
    claim = "Providers can enforce the cut-off with usage monitoring and identity checks, so access can be closed."
    judge = Judge("Blocking APIs to stop distillation", [claim, "People get around checks with proxies"])
    point = Candidate("proxies", "People get around checks with proxies", keywords=("proxy|reseller", "around|bypass"))
    for denial in ("monitoring and identity checks will not work", "identity checks wont stop them"):
        assert judge.rank(denial, [point], claim)[0].reason != "side", denial
    for agreeing in ("monitoring and identity checks can close access", "identity checks dont work full time"):
        assert judge.rank(agreeing, [point], claim)[0].reason == "side", agreeing
    failing = "Usage monitoring and identity checks will not work, so access cannot be closed."
    assert judge.rank("monitoring and identity checks will not work", [point], failing)[0].reason == "side"


def test_saying_what_the_claim_denies_goes_on_is_not_taken_for_agreement() -> None:
    """ "uniforms dont stop bullying" answers "poorer pupils are not bullied": what the claim denies goes on (a
    student walker was told "this supports their side")."""
    uniforms = next(m for m in motions() if m.id == "school-uniforms")
    argument = next(a for a in uniforms.arguments("opposition") if a.id == "hides-wealth-differences")
    judge = judge_for(uniforms.id)
    for answer in ("uniforms dont stop bullying", "uniforms do not stop the bullying"):
        assert all(v.reason != "side" for v in judge.judge(answer, argument)), answer


ASIDES = [
    "the weather in april makes gardening easier for everyone",
    "my grandmother keeps seven parrots and a tortoise in the kitchen",
    "volcanoes on iceland erupt under glaciers every few decades",
]


def retyped(text: str, how: int) -> str:
    """``text`` as a student might type it again: as it is, in capitals, with punctuation, or with a small word
    more."""
    if how == 1:
        return text.upper()
    if how == 2:
        return text.capitalize().replace(" ", ", ", 1) + "!"
    if how == 3:
        return "so " + text
    return text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ARGUMENTS), st.data(), st.sampled_from(ASIDES), st.integers(0, 3))
def test_a_phrasing_retyped_is_a_hit(case: tuple[str, Argument], data: st.DataObject, aside: str, how: int) -> None:
    """A phrasing is the teacher's own way of saying a point: said again word for word (case, punctuation and small
    words aside) it is a hit, whatever its words, as a match example typed verbatim is, and the verdict says so when
    the words alone (what ``check`` asks) would not make it one."""
    motion_id, argument = case
    judge = judge_for(motion_id)
    bank = [Candidate.from_rebuttal(r) for r in argument.rebuttals]
    i = data.draw(st.integers(0, len(bank) - 1))
    bank[i] = replace(bank[i], phrasings=(*bank[i].phrasings, aside))
    answer = retyped(aside, how)
    verdict = next(v for v in judge.rank(answer, bank, argument.claim) if v.candidate_id == bank[i].id)
    assert verdict.verdict == "hit", verdict
    by_words = judge.rank(answer, bank, argument.claim, phrasings_decide=False)
    if next(v for v in by_words if v.candidate_id == bank[i].id).verdict != "hit":  # (the phrasing's words alone can
        # make a hit of a point with no keywords: then they are named)
        assert verdict.nearest == aside and verdict.why == "You made this point as your teacher put it.", verdict


def test_an_answer_the_teacher_ruled_out_stays_ruled_out_beside_a_phrasing_it_nearly_is() -> None:
    """An answer that is a ``no_match`` example stays without credit though it is also a phrasing with a word added;
    the phrasing itself is a hit, and said the other way round it is not."""
    motion_id, argument = ARGUMENTS[0]
    judge = judge_for(motion_id)
    bank = [Candidate.from_rebuttal(r) for r in argument.rebuttals]
    phrasing, ruled_out = ASIDES[0], ASIDES[0] + " today"
    bank[0] = replace(bank[0], phrasings=(*bank[0].phrasings, phrasing), no_match=(*bank[0].no_match, ruled_out))

    def verdict(answer: str) -> Verdict:
        return next(v for v in judge.rank(answer, bank, argument.claim) if v.candidate_id == bank[0].id)

    assert verdict(phrasing).verdict == "hit" and verdict(phrasing).nearest == phrasing
    assert verdict(ruled_out).verdict == "miss" and verdict(ruled_out).score < NEAR
    assert verdict(phrasing.replace("makes", "never makes")).verdict != "hit"
