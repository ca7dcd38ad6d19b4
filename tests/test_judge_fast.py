"""The judge's fast paths against the plain rules they stand for, run over the same answers (as rapidfuzz tests its
Python and C++ scorers with one suite): the bundled motions' banks, every text of a motion read as an answer, and
generated answers that mix a motion's words with negators and opposites."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from debate.discovery import discover
from debate.judge import Candidate, Judge
from debate.judge.judge import TYPO_RATIO, _Balance, _Nearest, _opens_agreeing, _Point, _Read
from debate.judge.lexicon import LEXICON
from debate.judge.similarity import Bag
from debate.judge.text import TOKEN_RE, Word, _polar, analyse, analyse_plain, fold_word, normalise, normalise_plain

MOTIONS = ("nuclear-power", "ban-homework", "open-weight-frontier-models")
"""Motions whose banks the tests read (rich in examples, keywords and opposites)."""


@dataclass
class Bank:
    """One motion's judge, its points and every text of the motion, read as answers."""

    judge: Judge
    points: list[_Point]
    bags: list[Bag]
    """Every bag of the points' texts, phrasings and pooled texts: the candidate bags of the similarity."""
    answers: list[_Read]
    words: list[str]


@cache
def _bank(motion_id: str) -> Bank:
    motion = discover().require(motion_id)
    judge = Judge.for_motion(motion)
    points: list[_Point] = []
    bags: list[Bag] = []
    texts: list[str] = []
    for side in ("proposition", "opposition"):
        for argument in motion.arguments(side):
            texts.append(argument.claim)
            for rebuttal in argument.rebuttals:
                points.append(judge._point(Candidate.from_rebuttal(rebuttal)))
                prepared = judge.similarity.prepare(rebuttal.text, rebuttal.phrasings)
                bags += [prepared.text, *prepared.phrasings, *([prepared.pooled] if prepared.pooled else [])]
                texts += [rebuttal.text, *rebuttal.phrasings, *rebuttal.examples.match, *rebuttal.examples.no_match]
    words = sorted({word for text in texts for word in text.split() if word.isalpha()})
    return Bank(judge, points, bags, [judge.read(t) for t in texts], words)


@pytest.fixture(scope="module", params=MOTIONS)
def bank(request: pytest.FixtureRequest) -> Bank:
    return _bank(request.param)


def _reference_nearest(answer: _Read, reads: tuple[_Read, ...]) -> tuple[float, int]:
    """The nearest text by the plain rule: every text compared, the later one on a tie."""
    return max(((Judge.signed_cosine(answer, r), i) for i, r in enumerate(reads)), default=(0.0, -1))


def _pairs(bank: Bank) -> Iterator[tuple[_Read, _Point]]:
    for answer in bank.answers:
        for point in bank.points:
            yield answer, point


def test_nearest_example_is_the_plain_maximum(bank: Bank) -> None:
    compared = 0
    for answer, point in _pairs(bank):
        for index in (point.near_match, point.near_no_match):
            assert index.nearest(answer) == _reference_nearest(answer, index.reads)
            compared += len(index.reads)
    assert compared > 1000


def test_nearest_of_no_texts_and_of_texts_all_against_the_answer() -> None:
    judge = Judge(topic="school uniforms", corpus=["uniforms are cheap", "uniforms are expensive"])
    cheap, costly = judge.read("uniforms are cheap"), judge.read("uniforms are expensive")
    assert _Nearest([]).nearest(cheap) == (0.0, -1)
    reversal = _Nearest([costly, costly]).nearest(cheap)
    assert reversal == _reference_nearest(cheap, (costly, costly))
    assert reversal[0] < 0.0 and reversal[1] == 1  # every text against it: the best is below 0, the later one


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_generated_answers_agree_with_the_plain_rules(data: st.DataObject) -> None:
    bank = _bank(MOTIONS[0])
    extra = sorted(LEXICON.negators) + sorted(o for s in list(LEXICON.opposites)[:200] for o in LEXICON.opposites[s])
    words = data.draw(st.lists(st.sampled_from(bank.words + extra[:300] + [",", "."]), min_size=1, max_size=25))
    answer = bank.judge.read(" ".join(words))
    for point in bank.points:
        for index in (point.near_match, point.near_no_match):
            assert index.nearest(answer) == _reference_nearest(answer, index.reads)
    pairs = [(answer, point) for point in bank.points]
    assert [bank.judge._balance(a, p) for a, p in pairs] == _plain_balances(bank.judge, pairs)
    similarity = bank.judge.similarity
    for bag in bank.bags:
        assert similarity.probability(answer.bag, bag) == similarity.plain_probability(answer.bag, bag)
    for point in bank.points:
        for text in (*point.texts, *point.no_match):
            assert Judge.signed_cosine(answer, text) == _plain_signed_cosine(answer, text)


def _plain_balances(judge: Judge, pairs: list[tuple[_Read, _Point]]) -> list[_Balance]:
    """The balances with every polar stem of the answer visited, not only those the point can judge."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_Point, "comparable_in", lambda self, stems: stems)
        return [judge._balance(answer, point) for answer, point in pairs]


def test_balance_of_the_comparable_stems_is_the_balance_of_all(bank: Bank) -> None:
    pairs = list(_pairs(bank))
    plain = _plain_balances(bank.judge, pairs)
    assert [bank.judge._balance(answer, point) for answer, point in pairs] == plain
    assert sum(1 for b in plain if b.opposite > 0.0) > 10 and sum(1 for b in plain if b.mixed > 0.0) > 10


def _plain_opens_agreeing(text: str) -> bool:
    """The opening test by the plain rule: the folded opening is an agreement, or starts with one and a space."""
    opening = " ".join(fold_word(w) for w in text.split()[:3])
    return any(opening == o or opening.startswith(o + " ") for o in LEXICON.agreement)


@settings(max_examples=200, deadline=None)
@given(
    opening=st.sampled_from([*LEXICON.agreement, "", "yes", "true", "thats"]),
    rest=st.lists(
        st.sampled_from(["yes", "true", "thats", "it", "is", "but", "-", "—", "Yes,", "TRUE", "ok"]), max_size=4
    ),
)
def test_an_agreeing_opening_is_the_plain_prefix_test(opening: str, rest: list[str]) -> None:
    text = " ".join([opening, *rest])
    assert _opens_agreeing(text) == _plain_opens_agreeing(text)


def test_agreeing_openings_of_the_banks(bank: Bank) -> None:
    texts = [a.analysis.text for a in bank.answers]
    assert [_opens_agreeing(t) for t in texts] == [_plain_opens_agreeing(t) for t in texts]
    assert all(_opens_agreeing(o + " they pay") for o in LEXICON.agreement)


def test_lacking_keywords_are_those_no_alternative_of_which_is_said(bank: Bank) -> None:
    pairs = list(_pairs(bank))
    fast = [list(bank.judge._lacking(a, p)) for a, p in pairs]
    every_key = frozenset().union(*(a.keys for a in bank.answers))
    with pytest.MonkeyPatch.context() as patch:  # every answer shares a key with every point: each entry looked at
        for point in bank.points:
            patch.setattr(point, "keyword_keys", every_key)
            patch.setattr(point, "openers", [every_key] * len(point.entries))
        plain = [list(bank.judge._lacking(a, p)) for a, p in pairs]
    assert fast == plain
    assert sum(1 for a, p in pairs if p.entries and not bank.judge._lacking(a, p)) > 10


def test_probability_is_the_plain_logistic_of_the_features(bank: Bank) -> None:
    similarity = bank.judge.similarity
    scored = subsets = 0
    for answer in bank.answers:
        for bag in bank.bags:
            fast = similarity.probability(answer.bag, bag)
            assert fast == similarity.plain_probability(answer.bag, bag)  # to the bit
            if fast > 0.0:
                scored += 1
                shared = answer.bag.weights.keys() & bag.weights.keys()
                subsets += len(shared) in (len(answer.bag.weights), len(bag.weights))
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
    texts = [answer.analysis.text for answer in bank.answers]
    assert [analyse(t) for t in texts] == [analyse_plain(t) for t in texts]
    shortcut = [t for t in texts if analyse(t).words and not any(_polar(m.group()) for m in TOKEN_RE.finditer(t))]
    assert len(shortcut) > 20  # the shortcut is taken, and gives the plain analysis
    for t in texts:  # its words are built from tuples: each is a whole Word, whichever way it was read
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
    texts = [answer.analysis.text for answer in bank.answers] + ["It's the AI's work - Don`t!", "a_b  c__d", "\t\n"]
    assert [normalise(t) for t in texts] == [normalise_plain(t) for t in texts]


def _plain_signed_cosine(a: _Read, b: _Read) -> float:
    """The signed cosine by its plain rule: every stem of the smaller text visited, with its opposites."""
    if not a.norm or not b.norm:
        return 0.0
    small, large = (a.signed, b.signed) if len(a.signed) <= len(b.signed) else (b.signed, a.signed)
    dot = 0.0
    for s, w in small.items():
        if s in large:
            dot += w * large[s]
        for o in LEXICON.opposites.get(s, ()):
            if o in large:
                dot -= w * large[o]
    return max(-1.0, min(1.0, dot / (a.norm * b.norm)))


def test_signed_cosine_is_the_plain_rule(bank: Bank) -> None:
    texts = [read for point in bank.points for read in (*point.texts, *point.no_match)]
    compared = opposed = 0
    for answer in bank.answers:
        for text in texts:
            cosine = Judge.signed_cosine(answer, text)
            assert cosine == _plain_signed_cosine(answer, text)  # to the bit
            compared += cosine != 0.0
            opposed += not answer.opposite_stems.isdisjoint(text.stems)
    assert compared > 1000 and opposed > 100


def _plain_correction(judge: Judge, stem: str) -> str:
    """Typo correction by its plain rule: the best match over the motion's whole vocabulary, kept when it starts with
    the word's own letter."""
    vocabulary = sorted(s for s in judge.similarity.vocabulary if len(s) >= 5 and s.isalpha())
    if len(stem) < 5 or stem in judge.similarity.vocabulary or not stem.isalpha():
        return stem
    best = process.extractOne(stem, vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_RATIO, processor=None)
    return best[0] if best is not None and best[0][0] == stem[0] else stem


@given(data=st.data())
@settings(max_examples=300)
def test_typo_correction_is_the_plain_rule(data: st.DataObject) -> None:
    """Words one or two edits from a motion's word (a letter dropped, doubled, swapped or changed), and any word:
    each is read as the word the plain rule picks, over the whole vocabulary."""
    bank = _bank(data.draw(st.sampled_from(MOTIONS)))
    word = data.draw(st.sampled_from(sorted(bank.judge.similarity.vocabulary)))
    for _ in range(data.draw(st.integers(0, 2))):
        i = data.draw(st.integers(0, max(0, len(word) - 1)))
        letter = data.draw(st.sampled_from("aeiostnrlcdpmy"))
        word = data.draw(
            st.sampled_from([word[:i] + word[i + 1 :], word[:i] + letter + word[i:], word[:i] + letter + word[i + 1 :]])
        )
    word = data.draw(st.just(word) | st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=5, max_size=14))
    assert bank.judge._correct(word) == _plain_correction(bank.judge, word)


def test_typo_correction_of_the_motion_words_misspelt(bank: Bank) -> None:
    """Every motion word with a letter dropped or doubled: corrected as the plain rule corrects it (and some are)."""
    changed = 0
    for word in sorted(w for w in bank.judge.similarity.vocabulary if len(w) >= 5):
        for typo in {word[:-2] + word[-1], word[:2] + word[2] + word[2:]}:
            found = bank.judge._correct(typo)
            assert found == _plain_correction(bank.judge, typo), typo
            changed += found != typo
    assert changed > 20
