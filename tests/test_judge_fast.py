"""The judge against itself by its plain rules, through the public API only: ``Judge(plain=True)`` takes none of the
shortcuts the judge takes for speed (the text analysis without a polarity word, the probability's prefix index,
typo correction among words of a close length, the examples indexed by stem, the keyword and polarity filters, the
signed cosine without opposites, the agreeing-opening test, the verdict shared by answers far from a point), and
must give the same verdicts to the bit. As rapidfuzz runs one test suite over its C++ and Python scorers, these tests
run the same answers through both: every text of the bundled motions answering every argument, and generated answers
that mix a motion's words with negators, opposites, agreeing openings and misspellings. The plain functions beside
their fast twins (``analyse``, ``normalise``, ``Similarity.probability``) are held equal directly."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from debate.discovery import discover
from debate.judge import Candidate, Judge, Verdict
from debate.judge.lexicon import LEXICON
from debate.judge.similarity import Bag
from debate.judge.text import Word, analyse, analyse_plain, normalise, normalise_plain
from debate.model import Argument

MOTIONS = ("nuclear-power", "ban-homework", "open-weight-frontier-models")
"""Motions read in full (rich in examples, keywords and opposites); every other bundled motion is sampled."""


@dataclass
class Bank:
    """One motion's two judges, its arguments, and every text of the motion (claims, rebuttals, phrasings,
    examples), each to be read as an answer."""

    fast: Judge
    plain: Judge
    arguments: list[Argument]
    texts: list[str]
    words: list[str]
    """The motion's words (for generated answers)."""


@cache
def _bank(motion_id: str) -> Bank:
    motion = discover().require(motion_id)
    arguments = [a for side in ("proposition", "opposition") for a in motion.arguments(side)]
    texts: list[str] = []
    for argument in arguments:
        texts.append(argument.claim)
        for r in argument.rebuttals:
            texts += [r.text, *r.phrasings, *r.examples.match, *r.examples.no_match]
    words = sorted({word for text in texts for word in text.split() if word.isalpha()})
    return Bank(Judge.for_motion(motion), Judge.for_motion(motion, plain=True), arguments, texts, words)


@pytest.fixture(scope="module", params=MOTIONS)
def bank(request: pytest.FixtureRequest) -> Bank:
    return _bank(request.param)


def _both(bank: Bank, answer: str, argument: Argument) -> list[Verdict]:
    """The fast judge's verdicts on ``answer``, asserted equal to the plain judge's (every field, to the bit)."""
    fast = bank.fast.judge(answer, argument)
    assert fast == bank.plain.judge(answer, argument), answer
    return fast


def _verdicts(bank: Bank) -> Iterator[Verdict]:
    for argument in bank.arguments:
        for text in bank.texts:
            yield from _both(bank, text, argument)


def test_every_text_of_a_motion_answering_every_argument_gets_the_plain_verdicts(bank: Bank) -> None:
    verdicts = list(_verdicts(bank))
    reasons = Counter(v.reason for v in verdicts)
    # every rule is exercised both ways: hits and misses, by examples, reversals, the claim's side, keyword gaps
    assert reasons["made"] > 100 and reasons["missed"] > 1000 and reasons["partly"] > 50, reasons
    assert reasons["example"] > 50 and reasons["reversed"] > 3 and reasons["side"] > 50, reasons
    assert sum(1 for v in verdicts if v.nearest) > 50
    assert sum(1 for v in verdicts if v.verdict != "hit" and v.missing) > 1000


def test_the_other_motions_sampled_get_the_plain_verdicts() -> None:
    compared = 0
    for motion in discover().motions:
        if motion.id in MOTIONS:
            continue
        bank = _bank(motion.id)
        for argument in bank.arguments:
            for text in bank.texts[:: max(1, len(bank.texts) // 25)]:
                _both(bank, text, argument)
                compared += 1
    assert compared > 1000


def test_answers_part_way_to_an_example_get_the_plain_verdicts(bank: Bank) -> None:
    """Each example's first words, then more of them (and the same reversed by a negator), with words of other texts
    after: answers from far from the example to on it, across the cosine from which an example decides (the fast
    judge does not compare an answer with examples a bound says it cannot reach)."""
    decided = 0
    for argument in bank.arguments:
        examples = [e for r in argument.rebuttals for e in (*r.examples.match, *r.examples.no_match)]
        for i, example in enumerate(examples):
            words = example.split()
            tail = bank.texts[i * 7 % len(bank.texts)].split()[:4]
            for n in range(1, len(words) + 1, 2):
                for answer in (" ".join([*words[:n], *tail]), "not " + " ".join(words[:n])):
                    decided += sum(1 for v in _both(bank, answer, argument) if v.reason == "example")
    assert decided > 10  # some of them are near enough an example for it to decide


def test_bulk_scores_are_the_plain_scores(bank: Bank) -> None:
    """:meth:`Judge.scores` (the benchmarks' path: no explanations) against a bank of every rebuttal of the motion."""
    candidates = [Candidate.from_rebuttal(r) for a in bank.arguments for r in a.rebuttals]
    # and as the ArgKP benchmark's key points are: text and phrasings only, no keywords or examples
    candidates += [Candidate(f"{c.id}-bare", c.text, phrasings=c.phrasings) for c in candidates]
    for argument in bank.arguments[:4]:
        for text in bank.texts:
            assert bank.fast.scores(text, candidates, argument.claim) == bank.plain.scores(
                text, candidates, argument.claim
            )


def _misspelt(word: str, i: int, letter: str, how: int) -> str:
    """``word`` with one edit at ``i``: a letter dropped, added or changed."""
    i = min(i, len(word) - 1)
    return (word[:i] + word[i + 1 :], word[:i] + letter + word[i:], word[:i] + letter + word[i + 1 :])[how]


_OPENINGS = [*sorted(LEXICON.agreement)[:20], "yes", "true,", "Thats true but", "ok so"]
_POLARITY_WORDS = sorted(LEXICON.negators) + sorted(LEXICON.lowering)[:40] + ["few", "very", "rather than", "or"]
_OPPOSITES = sorted({o for s in sorted(LEXICON.opposites)[:300] for o in LEXICON.opposites[s]})


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_generated_answers_get_the_plain_verdicts(data: st.DataObject) -> None:
    bank = _bank(data.draw(st.sampled_from(MOTIONS)))
    word = st.sampled_from(bank.words)
    typo = st.builds(_misspelt, word, st.integers(0, 8), st.sampled_from("aeiostnrl"), st.integers(0, 2))
    words = data.draw(
        st.lists(
            word | word | typo | st.sampled_from(_POLARITY_WORDS + _OPPOSITES[:200] + [",", ".", "but", "because"]),
            min_size=1,
            max_size=25,
        )
    )
    opening = data.draw(st.sampled_from(["", "", *_OPENINGS]))
    argument = data.draw(st.sampled_from(bank.arguments))
    _both(bank, " ".join([opening, *words]).strip(), argument)


def test_misspelt_answers_get_the_plain_verdicts_and_are_read_as_the_motion_words(bank: Bank) -> None:
    """Each rebuttal's text with every long word misspelt (a letter dropped, or doubled): read as the plain rule
    reads it, and the misspellings carry matches."""
    carried = 0
    for argument in bank.arguments:
        for rebuttal in argument.rebuttals:
            for how in (0, 1):
                words = [
                    _misspelt(w, 3, w[3], how) if len(w) >= 6 and w.isalpha() else w for w in rebuttal.text.split()
                ]
                misspelt = {w for w in words if w not in rebuttal.text.split()}
                verdicts = _both(bank, " ".join(words), argument)
                carried += sum(1 for v in verdicts for m in v.matched if m in misspelt)
    assert carried > 20


def test_probability_is_the_plain_logistic_of_the_features(bank: Bank) -> None:
    similarity = bank.fast.similarity
    bags: list[Bag] = []
    for argument in bank.arguments:
        for r in argument.rebuttals:
            prepared = similarity.prepare(r.text, r.phrasings)
            bags += [prepared.text, *prepared.phrasings, *([prepared.pooled] if prepared.pooled else [])]
    scored = subsets = 0
    for answer in map(similarity.bag, bank.texts):
        for bag in bags:
            fast = similarity.probability(answer, bag)
            assert fast == similarity.plain_probability(answer, bag)  # to the bit
            if fast > 0.0:
                scored += 1
                shared = answer.weights.keys() & bag.weights.keys()
                subsets += len(shared) in (len(answer.weights), len(bag.weights))
    assert scored > 1000 and subsets > 100  # both ways of the fuzzy set score are exercised


@settings(max_examples=300, deadline=None)
@given(
    a=st.lists(st.sampled_from(["cost", "price", "pupil", "pupils", "uniform", "brand", "focus"]), min_size=1),
    b=st.lists(st.sampled_from(["cost", "price", "pupil", "uniform", "expens", "identiti"]), min_size=1),
)
def test_a_token_set_within_the_other_scores_100(a: list[str], b: list[str]) -> None:
    """The shortcut :meth:`Similarity.probability` takes for ``token_set_ratio`` is rapidfuzz's own rule."""
    if set(a) & set(b) and (set(a) <= set(b) or set(b) <= set(a)):
        assert fuzz.token_set_ratio(" ".join(a), " ".join(b)) == 100.0


def test_analysis_without_a_polarity_word_is_the_plain_analysis(bank: Bank) -> None:
    assert [analyse(t) for t in bank.texts] == [analyse_plain(t) for t in bank.texts]
    plain = [t for t in bank.texts if analyse(t).words and not any(w.negated or w.lowered for w in analyse(t).words)]
    assert len(plain) > 20  # texts said plainly, as most answers are (the shortcut's case), are among them
    for t in bank.texts:  # its words are built from tuples: each is a whole Word, whichever way it was read
        assert all(type(w) is Word and len(w) == len(Word._fields) for w in analyse(t).words)


_POLAR_SAMPLES = sorted(LEXICON.negators)[:40] + sorted(LEXICON.lowering)[:40] + [
    "few", "little", "very", "rather", "than", "instead", "of", "or", "nor", "and", "so", "it", "dont", "Don't",
    "isn't", "LESS", "Fewer", "café", "naïve", "x_y", "'", "’s", "--", "\n\n", "\n", " \n \n",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["uniforms", "cost", "money", "the", "is", "just", "make", "because", ",", ".", "(", "!"])
        | st.sampled_from(_POLAR_SAMPLES),
        max_size=30,
    ),
    st.sampled_from([" ", "  ", "\n", ", "]),
)
def test_generated_analyses_are_the_plain_analyses(words: list[str], separator: str) -> None:
    text = separator.join(words)
    assert analyse(text) == analyse_plain(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text())
def test_normalised_text_is_the_plain_rule(text: str) -> None:
    assert normalise(text) == normalise_plain(text)


def test_normalised_answers_are_the_plain_rule(bank: Bank) -> None:
    texts = [*bank.texts, "It's the AI's work - Don`t!", "a_b  c__d", "\t\n"]
    assert [normalise(t) for t in texts] == [normalise_plain(t) for t in texts]


def test_denied_opposites_of_the_examples_words_get_the_plain_verdicts(bank: Bank) -> None:
    """Answers that share no word with a point but deny an opposite of its examples' words ("it is not cheap" beside
    "expensive"): the signed cosine counts them as saying the example's words, so no shortcut may skip them."""
    for argument in bank.arguments:
        for rebuttal in argument.rebuttals:
            for example in (*rebuttal.examples.match, *rebuttal.examples.no_match):
                opposites = {o for w in analyse(example).words for o in LEXICON.opposites.get(w.stem, ())}
                for opposite in sorted(opposites):
                    _both(bank, f"it is not {opposite}", argument)


def test_a_denied_opposite_of_an_example_is_judged_by_it() -> None:
    """The answer shares no word with the point, only a denied opposite of its example's: the example decides."""
    candidate = Candidate(
        "c", "Uniforms cut what families spend on clothes", match=("uniforms are expensive",), no_match=("labels",)
    )
    corpus = [candidate.text, *candidate.match, "school uniform rules", "cheap clothes are not cheap"]
    fast, plain = Judge("school uniform", corpus), Judge("school uniform", corpus, plain=True)
    for answer in ("they are not cheap", "never cheap at all", "it is cheap"):
        assert fast.rank(answer, [candidate]) == plain.rank(answer, [candidate])
    assert fast.score("they are not cheap", candidate).reason == "example"


def test_a_point_that_opens_with_a_concession_is_scored_on_its_whole_text() -> None:
    """A rebuttal opening with a concession ("True, ..., but ...") is read without the conceded words for polarity,
    but its words all count for the similarity: an answer saying only those is scored alike by both judges."""
    candidate = Candidate("c", "True, nuclear is cheap to run, but the waste stays dangerous for thousands of years")
    corpus = [candidate.text, "Nuclear power should replace coal", "wind is cheap", "waste is a problem"]
    fast, plain = Judge("Nuclear power", corpus), Judge("Nuclear power", corpus, plain=True)
    for answer in ("it is cheap to run", "cheap to run", "the waste stays dangerous"):
        assert fast.rank(answer, [candidate]) == plain.rank(answer, [candidate])
        assert fast.scores(answer, [candidate]) == plain.scores(answer, [candidate])
    assert fast.score("it is cheap to run", candidate).score > 0.0


def test_answers_near_only_an_example_get_the_plain_verdicts() -> None:
    """Examples sharing no word with their point's text or keywords: an answer that says only an example's words is
    judged by that example, by both judges."""
    candidate = Candidate(
        "c",
        "Uniforms cut what families spend on clothes",
        keywords=("spend|cost",),
        match=("kids from hard up homes dont need designer gear anymore",),
        no_match=("designer labels look great on everyone",),
    )
    corpus = [candidate.text, *candidate.match, *candidate.no_match, "school uniform rules"]
    fast, plain = Judge("school uniform", corpus), Judge("school uniform", corpus, plain=True)
    answers = [*candidate.match, *candidate.no_match, "hard up homes dont need designer gear", "designer gear", "rules"]
    for answer in answers:
        assert fast.rank(answer, [candidate]) == plain.rank(answer, [candidate])
    assert fast.score(candidate.match[0], candidate).reason == "example"
