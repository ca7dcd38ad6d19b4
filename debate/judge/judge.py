"""The verdict: did this answer make that rebuttal's point? One definition, explained in a student's words.

For each rebuttal of an argument the judge weighs four kinds of evidence, then applies the guards:

1. **The rebuttal's words** (:mod:`debate.judge.similarity`): how much of its text, with its phrasings as anchored
   evidence, the answer says.
2. **Its keywords**, the concepts of the point: each entry (``a|b`` alternatives, stemmed, typo-tolerant, related
   words folded) is present when one alternative's content words stand in the answer close together (a word the
   keyword denies, ``no need``, denied there too). A point whose every concept is in the answer, in a sentence with
   the rebuttal's polarity, is made; one lacking a concept is not; one word of the point and none of its concepts
   is no evidence of it (a miss at 0).
3. **The teacher's examples**, as prototypes: an answer close to a ``match`` example is a hit, one close to a
   ``no_match`` example is not, and the nearest wins. Only answers near an example are moved by it. A phrasing is
   the teacher's own way of saying the point: an answer that says it word for word, the same way round (case,
   punctuation, small words and misspellings of the motion's words aside), is a hit, as an example typed verbatim
   is.
4. **Polarity**: the answer's words against the rebuttal's, negation (``isnt``, ``cant``, ``without``) and opposites
   (``cheap``/``expensive``) included. Saying the opposite of the point is no credit, and is named.

Guards over the whole answer: agreeing with the opponent's claim (restating it, or saying yes to it) earns nothing;
a list of words with no clause earns nothing; an answer that stuffs the concepts of many rebuttals into a few
words earns none of them; a concession ("true, ..., but ...") is judged by what follows its contrast word. Every
verdict carries its reason and one sentence for the student.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

from rapidfuzz import fuzz, process

from debate.judge.lexicon import LEXICON
from debate.judge.similarity import (
    CACHE_LIMIT,
    DEFAULT_WEIGHTS,
    HIT,
    NEAR,
    NEAR_CAP,
    Bag,
    Prepared,
    Similarity,
    Weights,
)
from debate.judge.text import (
    ALTERNATIVES,
    CLAUSE,
    CONTENT,
    TOKEN_RE,
    Analysis,
    Word,
    analyse,
    analyse_plain,
    fold_word,
    lex,
    lexed,
)

if TYPE_CHECKING:
    from debate.model import Argument, Motion, Rebuttal

VerdictKind = Literal["hit", "near", "miss"]
Reason = Literal["made", "partly", "missed", "side", "reversed", "granted", "list", "stuffed", "example", "empty"]


def kind_of(score: float) -> VerdictKind:
    """The verdict word for a score: ``hit`` from :data:`HIT`, ``near`` from :data:`NEAR`."""
    return "hit" if score >= HIT else "near" if score >= NEAR else "miss"


@dataclass(frozen=True)
class Candidate:
    """One point an answer may make: a rebuttal of the bank (or a key point, in the benchmark)."""

    id: str
    """Identifier reported back in the verdict (the rebuttal id)."""
    text: str
    """The model text: the anchor of the match."""
    keywords: tuple[str, ...] = ()
    """The concepts of the point; each entry a word or short phrase, ``|`` separating alternatives."""
    phrasings: tuple[str, ...] = ()
    """Other ways students say the same thing: evidence anchored on ``text``."""
    match: tuple[str, ...] = ()
    """Answers that make this point: positive prototypes."""
    no_match: tuple[str, ...] = ()
    """Answers that do not, though they look close: negative prototypes."""

    @classmethod
    def from_rebuttal(cls, rebuttal: Rebuttal) -> Candidate:
        """The candidate for one curated rebuttal, its examples as prototypes."""
        return cls(
            id=rebuttal.id,
            text=rebuttal.text,
            keywords=rebuttal.keywords,
            phrasings=rebuttal.phrasings,
            match=rebuttal.examples.match,
            no_match=rebuttal.examples.no_match,
        )


@dataclass(frozen=True)
class Verdict:
    """How well an answer made one candidate's point, and why."""

    candidate_id: str
    """The candidate this verdict is about."""
    score: float
    """In [0, 1], deterministic; ``>= HIT`` is a hit, ``>= NEAR`` a near miss."""
    verdict: VerdictKind
    """``hit``, ``near`` or ``miss``, from :data:`HIT` and :data:`NEAR`."""
    matched: tuple[str, ...]
    """Surface words of the answer that carried the match, in answer order, without repeats."""
    missing: tuple[str, ...]
    """For near misses and misses: the point's concepts the answer lacks (keyword entries or main words)."""
    spans: tuple[tuple[int, int], ...]
    """``[start, end)`` offsets into the original answer of the words in ``matched`` (every occurrence)."""
    reason: Reason = "missed"
    """Why: ``made`` (the point's words or concepts), ``example`` (close to a teacher's example), ``partly``,
    ``missed``, ``side`` (agrees with the opponent), ``reversed`` (says the opposite), ``granted`` (said only in an
    "even if" clause), ``list`` (no sentence), ``stuffed`` (many points' words, none argued), ``empty``."""
    why: str = ""
    """One sentence for the student saying why."""
    nearest: str = ""
    """The teacher's example the answer was closest to (or the phrasing it says word for word), when that decided the
    verdict."""


# ------------------------------------------------------------------ parameters of the rules (not fitted)

KEYWORD_FLOOR = 0.55
"""The score of an answer carrying every concept of a point (two or more keyword entries), in a sentence with the
point's polarity: a hit by the concepts alone, lifted further by the point's words."""
FLOOR_OPPOSITE_RATIO = 6.5
"""The point's polarity holds for :data:`KEYWORD_FLOOR` when what the answer's words say the other way round weighs at
most one part in this many of what they say the point's way ("banning phones wont stop *bullying*, it still happens
after school": the bullying denied in passing)."""
KEYWORD_LACK_PENALTY = 0.3
"""Share of the score lost when every keyword entry is missing (scaled by the share missing), when most are not."""
SINGLE_KEYWORD_SUPPORT = 0.2
"""With a single keyword entry, the concept is a hit only when the point's words give at least this much support."""
KEYWORD_WINDOW = 4
"""A multi-word keyword's content words must stand within this many tokens of each other (beyond their count)."""
PROTOTYPE_REACH = 0.62
"""Signed cosine to a teacher's example from which the example decides the verdict (1.0 is the example verbatim)."""
BOUND_MARGIN = 1e-9
"""Added to a bound on a cosine before it rules a text out: the cosine's own sum may round up that far."""
RULED_OUT = 90.0
"""Likeness (``fuzz.ratio`` of the words as the judge reads them) to a ``no_match`` example from which an answer is
that example, retyped or nearly (a word or a letter changed): it earns nothing for the rebuttal, not even a near
miss's credit (a teacher's rejected answer, retyped, was worth 3 points of 10)."""
SIDE_MIN = 0.15
"""Signed cosine to the opponent's claim from which an answer that says it more than any point is on their side."""
SIDE_MARGIN = 0.03
"""How much closer to the claim than to the closest point an answer must be to count as agreeing."""
REVERSAL_SHARE = 0.3
"""Share of the weight shared with the point that is of opposite polarity from which the answer reverses it ..."""
REVERSAL_COVERAGE = 0.7
"""... when the point's concepts (compared, or said by the point both ways) are at least this share of the answer's own
(topic and generic words aside)."""
NAMED_WEIGHT = 0.5
"""How much a concept the answer only names (a noun, not one of its verbs or adjectives, or a word a negation reaches
after the one it denies) counts for or against the point's polarity; the rest of its weight counts as mixed (no
sign). A reversal is carried by what the answer asserts ("open models don't help defenders"), while a negation often
reaches words it does not deny ("no one at home to help", "can't compete with apps built to ..."). On the labelled
student answers it took the fair answers credited from 90.5% to 91.1% and the reversals caught from 81% to 83%."""
ANTONYM_WEIGHT = 2.0
"""How much an opposite word ("slowly" where the point says "fast") counts, against a concept said with the other
polarity: an explicit opposite is the surer sign of a reversal (a negation may reach words it does not deny)."""
STUFFED_HITS = 3
"""Hits on at least this many points at once ..."""
STUFFED_DENSITY = 0.6
"""... with at least this share of the answer's content words being the bank's concepts: stuffing."""
STUFFED_SHARE = 0.75
"""A terse answer carrying every concept of at least this share of the points (and of two at least) is stuffed."""
NEAR_MIN_WORDS = 2
"""An answer saying none of a point's concepts (keyword entries) is a near miss only when it says at least this many
of the point's own words (topic and generic words aside): one shared word is not the point partly made. With fewer,
and no example of the point close, it is no evidence of the point at all: a miss at 0, the point left unscored."""
DISPUTE_REACH = 0.5
"""Signed cosine to the claim below which a dispute word ("unclear", "myth") shows the answer disputes rather than
agrees; from it, the answer is mostly the claim itself with a dispute word added ("<the claim>, saying otherwise is
misleading")."""
LIST_WORDS = frozenset({"and", "or", "nor", "plus", "&"})
"""Words that join a list's items: a list joined by them is no sentence ("chores, clubs and responsibility")."""
JOINED_LIST_WORDS = 4
"""The most words of a list joined by "and" or "or" that :meth:`Judge._pasted` takes for the bank's words put back
(a hint names three): longer, it is a sentence ("South Korea and China build reactors faster and cheaper")."""
MISS_CAP = NEAR - 0.01
"""The highest score a guard leaves: a miss."""
PHRASE = '"'
"""Marks a keyword alternative that is a phrase to find word for word ("does the work")."""
DENIED = "!"
"""Marks a keyword word that must be denied ("need" in "no need"): the answer must deny it too."""


def _words_of(alternative: list[str]) -> list[str]:
    """The content stems of a keyword alternative (a denied one marked: "!need" of "no need"), as a text's ``keys``
    hold them."""
    return [s for s in alternative if not s.startswith(PHRASE)]


BANKS_KEPT = 256
"""Banks (sequences of candidates, and arguments) a judge remembers the prepared points of."""
TYPO_RATIO = 86.0
"""Similarity (rapidfuzz ratio, 0-100) from which an unknown word of five or more letters is read as the motion's
word it misspells."""


@dataclass
class _Read:
    """A text (an answer, an example, a claim) as the judge reads it. What only the signed cosine uses (``signed``,
    ``norm``, ``opposite_stems``) is made on first use: an answer to a bank without examples, judged without a claim
    (the bulk path), never needs it. A point's own texts are primed when the point is prepared (:class:`_Point`)."""

    analysis: Analysis
    words: tuple[Word, ...]
    """Content words, misspellings of the motion's words corrected."""
    bag: Bag
    concepts: dict[str, frozenset[bool]]
    """Stem -> the polarities (lowered or not) the text says it with."""
    stems: frozenset[str]
    """Its content stems."""
    polar: tuple[str, ...] = ()
    """Its stems that can be compared for polarity: said one way only, not topic or generic words, not numbers."""
    content_weight: float = 0.0
    """The summed weight of its stems but topic and generic words."""
    keys: frozenset[str] = frozenset()
    """Its stems, and :data:`DENIED` + each stem it denies: what keyword alternatives are looked up in."""
    granted: frozenset[str] = frozenset()
    """The stems it says only in a conceding clause ("even if it does little for *grades*, ..."): their polarity says
    nothing of a point unless they are the point's own concepts (:meth:`Judge._balance`), and a point said only in
    them is not made (:meth:`Judge._evidence`)."""
    granted_at: int = 0
    """Where what it argues begins after a conceding clause (0: it has none)."""
    asserting: dict[str, bool] = field(default_factory=dict)
    """:meth:`asserts` of each stem asked so far."""

    @cached_property
    def wording(self) -> tuple[tuple[str, bool, bool], ...]:
        """Its content words as the judge reads them (misspellings of the motion's words corrected), in order, each
        with whether it is denied and whether lowered: two texts with one wording say the same words the same way
        round, whatever their case, punctuation and small words ("Random choices, just even out!" and "random choices
        just even out"; not "you cant vote" and "you can vote", nor "less homework" and "more homework")."""
        return tuple((w.stem, w.negated, w.lowered) for w in self.words)

    @cached_property
    def padded(self) -> str:
        """Its words as the judge reads them (:func:`lexed`), a space at each end: where a keyword phrase is looked
        for word by word."""
        return f" {lexed(self.analysis.text)} "

    def prime(self) -> None:
        """Make now what is otherwise made on first use."""
        _ = self.signed, self.norm, self.opposite_stems

    @cached_property
    def signed(self) -> dict[str, float]:
        """Stem -> its weight, negative where the text says it lowered (negated, or after "less"): its polarity."""
        weights = self.bag.weights
        return {
            s: weights[s] * (len(flags) == 1) * (-1.0 if True in flags else 1.0) for s, flags in self.concepts.items()
        }

    @cached_property
    def norm(self) -> float:
        """Euclidean norm of the weights of its (stem, polarity) concepts."""
        weights = self.bag.weights
        return math.sqrt(sum([weights[s] ** 2 * len(flags) for s, flags in self.concepts.items()]))

    def asserts(self, stem: str) -> bool:
        """Whether it says ``stem`` as a verb or adjective (:meth:`Analysis.predicates`): what it asserts of things,
        rather than the things it names. A word lowered right after a lowered word does not count: a negation denies
        the first word it reaches ("can't *compete* with apps built ...") more surely than the next ones. Asked of
        the few stems a point compares, and remembered."""
        found = self.asserting.get(stem)
        if found is None:
            analysis, words = self.analysis, self.words
            found = self.asserting[stem] = any(
                w.stem == stem and analysis.predicates(w) and not (w.lowered and i and words[i - 1].lowered)
                for i, w in enumerate(words)
            )
        return found

    @cached_property
    def opposite_stems(self) -> frozenset[str]:
        """The opposites of its stems (``antonyms.txt``)."""
        opposites = LEXICON.opposites
        return frozenset().union(*(opposites[s] for s in self.concepts if s in opposites))


@dataclass
class _Point:
    """One candidate, prepared once: what the judge compares answers with."""

    entries: list[tuple[str, list[list[str]]]]
    """(display text, alternatives as lists of stems) per keyword entry."""
    polarity: dict[str, frozenset[bool]]
    """Stem -> the polarities the point's own texts (text, phrasings, match examples) say it with."""
    stems: frozenset[str]
    """Stems of the text, phrasings and keywords: the words that can carry the point."""
    texts: list[_Read]
    """The text, the phrasings and the match examples, read."""
    match: list[_Read]
    no_match: list[_Read]
    missing_order: list[tuple[str, str]]
    """(stem, surface word) of the text's own words, heaviest first, topic and generic words aside."""
    reach: frozenset[str]
    """Every stem of the point's texts (whole, and as the judge reads them: a concession's words left out), keywords
    and examples."""
    prepared: Prepared
    """Its text and phrasings as the similarity compares them."""
    plain: bool = False
    """Prepared for a judge by the plain rules (:class:`Judge`'s ``plain``): its examples compared one by one."""
    idle: Verdict | None = None
    """The verdict of every answer sharing no word with the point, once one was made."""
    near_match: _Nearest = field(init=False)
    """``match``, indexed for finding the example nearest an answer."""
    near_no_match: _Nearest = field(init=False)
    """``no_match``, indexed the same way."""
    touch: frozenset[str] = field(init=False)
    """The stems of :attr:`reach` and those an opposite of which is in it ("cheap" when an example says "expensive":
    denied, it says the example's word): an answer with none of them scores 0 on every rule, the point's idle
    verdict."""
    comparable: frozenset[str] = field(init=False)
    """The stems whose polarity the point can judge: its concepts (``polarity``) and their opposites."""
    keyword_keys: frozenset[str] = field(init=False)
    """Every stem (or denied stem) of its keyword entries: an answer with none of them says no entry."""
    openers: list[frozenset[str]] = field(init=False)
    """Per keyword entry, the first stem (or denied stem) of each alternative: an answer with none of them does not
    say the entry (every way of saying an alternative needs its first stem)."""
    keyword_stems: frozenset[str] = field(init=False)
    """Every stem of its keyword entries, denied or not: the point's concepts."""
    displays: tuple[str, ...] = field(init=False)
    """The display text of every keyword entry: what an answer that says none of them lacks."""

    def __post_init__(self) -> None:
        for read in (*self.texts, *self.no_match):  # what the signed cosine needs, made with the point
            read.prime()
        self.near_match = _Nearest(self.match, self.plain)
        self.near_no_match = _Nearest(self.no_match, self.plain)
        self.touch = self.reach.union(*(_OPPOSED_BY.get(s, ()) for s in self.reach))
        self.comparable = frozenset(self.polarity).union(*(_OPPOSED_BY.get(s, ()) for s in self.polarity))
        self.keyword_keys = frozenset(s for _, alternatives in self.entries for alt in alternatives for s in alt)
        self.openers = [frozenset(alt[0] for alt in alternatives) for _, alternatives in self.entries]
        self.keyword_stems = frozenset(s.lstrip(DENIED) for s in self.keyword_keys if not s.startswith(PHRASE))
        self.displays = tuple(display for display, _ in self.entries)

    def comparable_in(self, stems: Sequence[str]) -> Sequence[str]:
        """``stems`` (in order) but those the point's polarity says nothing about: neither its concepts nor their
        opposites, which add nothing to :meth:`Judge._balance`."""
        comparable = self.comparable
        return [s for s in stems if s in comparable]


def _opposed_by(opposites: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """Stem -> the stems that have it among their opposites: ``opposites`` read backwards."""
    out: dict[str, set[str]] = {}
    for s, others in opposites.items():
        for other in others:
            out.setdefault(other, set()).add(s)
    return {s: frozenset(found) for s, found in out.items()}


_OPPOSED_BY = _opposed_by(LEXICON.opposites)


class _Nearest:
    """Texts (a point's examples) indexed by stem, to find the one nearest an answer by :meth:`Judge.signed_cosine`
    while comparing the answer only with the texts that share a word with it, or an opposite of one of its words:
    every other text is at cosine 0 (:meth:`Judge.signed_cosine`'s own shortcut). Before any is compared, a bound on
    every text's cosine says whether one can reach the floor asked for at all (most answers are far from most
    examples)."""

    __slots__ = ("_by_stem", "_reach", "_reached", "_stems", "plain", "reads")

    def __init__(self, reads: Sequence[_Read], plain: bool = False) -> None:
        self.reads = tuple(reads)
        self.plain = plain
        """Find the nearest by the plain rule: every text compared."""
        by_stem: dict[str, list[int]] = {}
        share: dict[str, float] = {}  # stem -> the largest part of a text's norm its signed weight is
        for i, read in enumerate(self.reads):
            for s in read.stems:
                by_stem.setdefault(s, []).append(i)
                if read.norm:
                    share[s] = max(share.get(s, 0.0), abs(read.signed[s]) / read.norm)
        self._by_stem = by_stem
        self._stems = frozenset(by_stem)
        opposites = LEXICON.opposites
        self._reach = {  # stem of an answer -> what a unit of its signed weight can add to a cosine with any text
            s: share.get(s, 0.0) + sum(share.get(o, 0.0) for o in opposites.get(s, ()))
            for s in self._stems.union(*(opposites.get(s, ()) for s in self._stems))
        }
        self._reached = frozenset(self._reach)

    def nearest(self, answer: _Read, floor: float = -math.inf) -> tuple[float, int]:
        """The answer's highest signed cosine to a text and that text's index, the later text on a tie, when it is at
        least ``floor``; else ``(-inf, -1)``, as when there is no text:
        ``max((Judge.signed_cosine(answer, r), i) for i, r in enumerate(self.reads))``, floored."""
        if self.plain:
            best = max(((Judge.plain_signed_cosine(answer, r), i) for i, r in enumerate(self.reads)), default=None)
            return best if best is not None and best[0] >= floor else (-math.inf, -1)
        if not self.reads:
            return (-math.inf, -1)
        if floor > 0.0 and self._bound(answer) < floor:
            return (-math.inf, -1)
        touched: set[int] = set()
        by_stem = self._by_stem
        for s in answer.stems & self._stems:
            touched.update(by_stem[s])
        for s in answer.opposite_stems & self._stems:
            touched.update(by_stem[s])
        last = len(self.reads) - 1
        while last in touched:
            last -= 1
        best = (0.0, last) if last >= 0 else (-math.inf, -1)  # the last text sharing nothing is at 0
        for i in touched:
            found = (Judge.signed_cosine(answer, self.reads[i]), i)
            if found > best:
                best = found
        return best if best[0] >= floor else (-math.inf, -1)

    def _bound(self, answer: _Read) -> float:
        """A bound on the answer's signed cosine to every text: each of its stems adds at most its share of the
        answer's norm times the largest share of a text's norm that stem, or an opposite of it, has (Cauchy-Schwarz
        term by term), with a margin for rounding."""
        if not answer.norm:
            return 0.0
        reach, signed = self._reach, answer.signed
        return sum([abs(signed[s]) * reach[s] for s in answer.stems & self._reached]) / answer.norm + BOUND_MARGIN


@dataclass(frozen=True)
class _Balance:
    """How an answer's concepts stand to a point's (weights, topic and generic words aside)."""

    same: float
    """Said with the point's polarity."""
    opposite: float
    """Said with the opposite polarity, or as an opposite word."""
    mixed: float
    """Said by the point both ways (no sign either way, but still the point's)."""
    total: float
    """All the answer's concepts."""

    def reverses(self) -> bool:
        """Whether the answer says the point the other way round: at least :data:`REVERSAL_SHARE` of the concepts
        whose polarity can be compared said the other way, and the point's concepts at least
        :data:`REVERSAL_COVERAGE` of what the answer says."""
        shared = self.same + self.opposite
        return (
            shared > 0.0
            and self.opposite >= REVERSAL_SHARE * shared
            and shared + self.mixed >= REVERSAL_COVERAGE * self.total
        )


@dataclass(slots=True)
class _Evidence:
    score: float
    reason: Reason
    lacking: Sequence[str]
    nearest: str = ""
    idle: bool = False
    """The answer shares no word with the point (and no guard changed that): the point's idle verdict."""


@dataclass
class _Bank:
    """The candidates an answer is judged against, prepared together (:meth:`Judge._bank`)."""

    candidates: tuple[Candidate, ...]
    points: list[_Point]
    phrased: dict[tuple[tuple[str, bool, bool], ...], dict[int, int]] = field(init=False)
    """:attr:`_Read.wording` -> point -> the first of its phrasings with that wording (none its ``no_match`` examples
    have too)."""
    lengths: frozenset[int] = field(init=False)
    """How many words the wordings of :attr:`phrased` have."""

    def __post_init__(self) -> None:
        self.phrased = {}
        for i, point in enumerate(self.points):
            ruled_out = {read.wording for read in point.no_match}
            for j, read in enumerate(point.texts[1 : len(point.texts) - len(point.match)]):
                if read.wording and read.wording not in ruled_out:
                    self.phrased.setdefault(read.wording, {}).setdefault(i, j)
        self.lengths = frozenset(map(len, self.phrased))


class Judge:
    """Judges answers against the rebuttals of one motion."""

    def __init__(
        self, topic: str = "", corpus: Sequence[str] = (), weights: Weights = DEFAULT_WEIGHTS, *, plain: bool = False
    ) -> None:
        """``topic``: the motion's title and context (words every answer repeats); ``corpus``: all its prose (IDF);
        ``weights``: the similarity's fitted parameters. ``plain``: judge by the plain rules, every shortcut the judge
        takes for speed left out (slower, the same verdicts: the reference the fast judge is tested against, as
        rapidfuzz tests its C++ scorers against its Python ones)."""
        self.plain = plain
        """Judging by the plain rules."""
        self.similarity = Similarity(topic, corpus, weights, plain=plain)
        """The lexical similarity the judge builds on."""
        self._vocabulary = sorted(s for s in self.similarity.vocabulary if len(s) >= 5 and s.isalpha())
        self._typos: dict[str, str] = {}
        self._typo_choices: dict[int, tuple[list[str], frozenset[str]]] = {}
        self._reads: dict[str, _Read] = {}
        self._points: dict[Candidate, _Point] = {}
        self._points_by_id: dict[int, tuple[Candidate, _Point]] = {}
        self._banks: dict[tuple[int, ...], _Bank] = {}
        self._arguments: dict[int, tuple[Argument, list[Candidate]]] = {}
        self._skip = self.similarity.topic | self.similarity.generic

    @classmethod
    def for_motion(cls, motion: Motion, weights: Weights = DEFAULT_WEIGHTS, *, plain: bool = False) -> Judge:
        """The judge for one motion: its title and context are the topic, all its prose the corpus."""
        return cls(topic=motion.topic_text, corpus=motion.all_text(), weights=weights, plain=plain)

    # ------------------------------------------------------------------ reading

    def _correct(self, stem: str) -> str:
        """The motion's stem that ``stem`` misspells, or ``stem`` itself (remembered for every stem seen)."""
        found = self._typos.get(stem)
        if found is not None:
            return found
        found = stem
        if len(stem) >= 5 and stem not in self.similarity.vocabulary and stem.isalpha():
            choices = self._vocabulary if self.plain else self._choices(stem)
            best = process.extractOne(stem, choices, scorer=fuzz.ratio, score_cutoff=TYPO_RATIO, processor=None)
            if best is not None and best[0][0] == stem[0] and not stem.startswith(best[0]):
                # the best match, kept when it starts as the word does; a longer word that starts with the whole of
                # the motion's is another word made from it, no misspelling ("official" is not "office")
                found = best[0]
        if len(self._typos) > CACHE_LIMIT:
            self._typos.clear()
        self._typos[stem] = found
        return found

    def _choices(self, stem: str) -> list[str]:
        """The motion's words ``stem`` can misspell, in vocabulary order: those of a close length (``fuzz.ratio`` is at
        most ``100 * (1 - |a - b| / (a + b))``, so the others never reach :data:`TYPO_RATIO`), or none when none starts
        with its letter (the best match would start with another: no correction). Remembered per length."""
        length = len(stem)
        found = self._typo_choices.get(length)
        if found is None:
            words = [
                w
                for w in self._vocabulary
                if 100.0 * (1.0 - abs(len(w) - length) / (len(w) + length)) >= TYPO_RATIO - 1.0  # (a margin)
            ]
            found = self._typo_choices[length] = (words, frozenset(w[0] for w in words))
        return found[0] if stem[0] in found[1] else []

    def read(self, text: str) -> _Read:
        """An answer (or a prototype) as the judge reads it (cached)."""
        found = self._reads.get(text)
        if found is not None:
            return found
        analysis = analyse_plain(text) if self.plain else analyse(text)
        words = analysis.words
        said = [w.stem for w in words]
        fixed = [self._correct(s) for s in said]
        if fixed != said:  # misspellings of the motion's words, read as the words they misspell
            words = tuple(
                w if c == w.stem else Word(c, w.start, w.end, w.negated, w.lowered, w.index)
                for w, c in zip(words, fixed, strict=True)
            )
        words, granted = _argued(text, words, self.plain)
        bag = self.similarity.bag(Analysis(text, words, analysis.function_words))
        weights = bag.weights
        skip = self._skip
        own = [s for s in weights if s not in skip]  # (the bag's stems are the words' stems, in order)
        if any([w.lowered for w in words]):
            concepts: dict[str, frozenset[bool]] = {}
            for w in words:
                flags = concepts.get(w.stem)
                if flags is None:
                    concepts[w.stem] = _SAID_ONCE[w.lowered]
                elif w.lowered not in flags:
                    concepts[w.stem] = _SAID_BOTH_WAYS
            polar = [s for s in own if len(concepts[s]) == 1 and not s.isdigit()]
        else:  # every concept said plainly (most texts)
            concepts = dict.fromkeys(weights, _SAID_ONCE[False])
            polar = [s for s in own if not s.isdigit()]
        stems = frozenset(concepts)
        denied = [DENIED + w.stem for w in words if w.negated]
        read = _Read(
            analysis,
            words,
            bag,
            concepts,
            stems,
            tuple(polar),
            sum([weights[s] for s in own]),
            stems.union(denied) if denied else stems,
            frozenset(w.stem for w in words if w.start < granted) - {w.stem for w in words if w.start >= granted}
            if granted
            else frozenset(),
            granted,
        )
        if len(self._reads) > CACHE_LIMIT:
            self._reads.clear()
        self._reads[text] = read
        return read

    def _point(self, candidate: Candidate) -> _Point:
        """The candidate, prepared (cached)."""
        seen = self._points_by_id.get(id(candidate))  # a bank passes the same objects: no need to hash them
        if seen is not None and seen[0] is candidate:
            return seen[1]
        found = self._points.get(candidate)
        if found is not None:
            if len(self._points_by_id) > CACHE_LIMIT:  # equal candidates built afresh each time (``judge``)
                self._points_by_id.clear()
            self._points_by_id[id(candidate)] = (candidate, found)
            return found
        entries: list[tuple[str, list[list[str]]]] = []
        texts = [self.read(t) for t in (candidate.text, *candidate.phrasings, *candidate.match)]
        in_text = texts[0].keys
        for entry in candidate.keywords:
            alternatives = [a.strip() for a in entry.split("|") if a.strip()]
            said = [(a, stems) for a in alternatives if (stems := self._alternative(a))]
            if said:  # named by the alternative the model text uses (a student can find it there), else the first
                display = next((a for a, st in said if _words_of(st) and in_text.issuperset(_words_of(st))), None)
                entries.append((display or said[0][0], [st for _, st in said]))
        prepared = self.similarity.prepare(candidate.text, candidate.phrasings)
        polarity: dict[str, set[bool]] = {}
        for read in texts:
            for s, flags in read.concepts.items():
                polarity.setdefault(s, set()).update(flags)
        own = texts[0]
        carriers = {w.stem for read in texts[: 1 + len(candidate.phrasings)] for w in read.words}
        carriers.update(
            s.lstrip(DENIED) for _, alts in entries for alt in alts for s in alt if not s.startswith(PHRASE)
        )
        weights = own.bag.weights
        order = sorted((w for w in own.words if w.stem not in self._skip), key=lambda w: -weights[w.stem])
        missing_order: list[tuple[str, str]] = []
        for w in order:
            surface = candidate.text[w.start : w.end]
            if all(surface != seen for _, seen in missing_order):
                missing_order.append((w.stem, surface))
        point = _Point(
            entries=entries,
            polarity={s: frozenset(flags) for s, flags in polarity.items()},
            stems=frozenset(carriers),
            texts=texts,
            match=texts[1 + len(candidate.phrasings) :],
            no_match=[self.read(t) for t in candidate.no_match],
            missing_order=missing_order,
            reach=frozenset(
                carriers.union(
                    prepared.stems, *(r.stems for r in texts), *(self.read(t).stems for t in candidate.no_match)
                )
            ),
            prepared=prepared,
            plain=self.plain,
        )
        if len(self._points) > CACHE_LIMIT:
            self._points.clear()
            self._points_by_id.clear()
        self._points[candidate] = point
        self._points_by_id[id(candidate)] = (candidate, point)
        return point

    def _bank(self, candidates: Sequence[Candidate]) -> _Bank:
        """Every candidate, prepared: a bank judged again (the same candidate objects) is looked up once, not per
        candidate. The candidates are kept with their points, so no other object can take their ids meanwhile."""
        key = tuple(map(id, candidates))
        found = self._banks.get(key)
        if found is not None:
            return found
        bank = _Bank(tuple(candidates), [self._point(c) for c in candidates])
        if len(self._banks) > BANKS_KEPT:
            self._banks.clear()
        self._banks[key] = bank
        return bank

    # ------------------------------------------------------------------ evidence

    @staticmethod
    def _present(words: Sequence[Word], alternative: list[str]) -> bool:
        """Whether the answer says one keyword alternative: its content words, close together (a word the keyword
        denies, "no need", denied in the answer too)."""

        def key(w: Word) -> str:
            return DENIED + w.stem if w.negated and DENIED + w.stem in wanted else w.stem

        wanted = set(alternative)
        if len(alternative) == 1:
            return any(key(w) == alternative[0] for w in words)
        for i, first in enumerate(words):
            if key(first) not in wanted:
                continue
            window = set()
            for w in words[i:]:
                if w.index - first.index > len(alternative) + KEYWORD_WINDOW:
                    break
                if key(w) in wanted:
                    window.add(key(w))
            if window == wanted:
                return True
        return False

    def _alternative(self, text: str) -> list[str]:
        """One keyword alternative as the judge looks for it: its content stems (:data:`DENIED` before a word it
        denies), or, for a phrase whose function words carry its sense ("does the work", "break down": one content
        word), that stem and the phrase itself (:data:`PHRASE` + its words as :func:`lexed` reads them, a space at
        each end: its content word stemmed, so "breaks down" says "break down")."""
        words = self.read(text).words
        stems = [DENIED + w.stem if w.negated else w.stem for w in words]
        phrase = lexed(text)
        if len(words) == 1 and not words[0].negated and " " in phrase:
            stems.append(f"{PHRASE} {phrase} ")
        return stems

    def _lacking(self, answer: _Read, point: _Point) -> Sequence[str]:
        """The display text of every keyword entry the answer does not say."""
        stems = answer.keys
        plain = self.plain
        if not plain and stems.isdisjoint(point.keyword_keys):  # not one of their words: no entry is said
            return point.displays

        says = self._says
        return [
            display
            for (display, alternatives), openers in zip(point.entries, point.openers, strict=True)
            if (not plain and stems.isdisjoint(openers)) or not any(says(answer, alt) for alt in alternatives)
        ]

    def _says(self, answer: _Read, alternative: list[str]) -> bool:
        """Whether the answer says one keyword alternative (as :meth:`_alternative` gives it)."""
        stems = answer.keys
        if alternative[-1].startswith(PHRASE):  # the phrase, word for word
            return alternative[0] in stems and alternative[-1][1:] in answer.padded
        if len(alternative) == 1:
            return alternative[0] in stems
        return stems.issuperset(alternative) and self._present(answer.words, alternative)

    def _echoed(self, answer: _Read, point: _Point, claimed: frozenset[str]) -> int:
        """How many of the point's concepts the answer says only in words of the opponent's claim ("discipline" for a
        point whose concepts are teachers and discipline, against the claim that uniforms build discipline)."""
        echoed = 0
        for _, alternatives in point.entries:
            said = [alt for alt in alternatives if self._says(answer, alt)]
            if said and all(s in claimed for alt in said for s in alt if not s.startswith(PHRASE)):
                echoed += 1  # ("no need" echoes a claim that says "no need", not one that says "need")
        return echoed

    @staticmethod
    def signed_cosine(a: _Read, b: _Read) -> float:
        """Cosine between two texts' weighted stems, a stem said with the opposite polarity (negated, lowered, or an
        opposite word such as "cheap" for "expensive") counting against: 1 for the same text, below 0 for its
        reversal. A stem a text says both ways counts for neither."""
        if not a.norm or not b.norm or (a.stems.isdisjoint(b.stems) and a.opposite_stems.isdisjoint(b.stems)):
            return 0.0
        small_read, large_read = (a, b) if len(a.signed) <= len(b.signed) else (b, a)
        small, large = small_read.signed, large_read.signed
        dot = 0.0
        if small_read.opposite_stems.isdisjoint(large_read.stems):
            # no opposite of one text's words in the other (most pairs): only the shared stems add to the dot product,
            # in the order the loop below visits them (the same sum, to the bit)
            for s in [s for s in small if s in large]:
                dot += small[s] * large[s]
            return max(-1.0, min(1.0, dot / (a.norm * b.norm)))
        opposites = LEXICON.opposites
        for s, w in small.items():
            other = large.get(s)
            if other is not None:
                dot += w * other
            if s in opposites:
                for o in opposites[s]:
                    other = large.get(o)
                    if other is not None:
                        dot -= w * other
        return max(-1.0, min(1.0, dot / (a.norm * b.norm)))

    @staticmethod
    def plain_signed_cosine(a: _Read, b: _Read) -> float:
        """:meth:`signed_cosine` by its plain rule: every stem of the smaller text visited, with its opposites."""
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

    def _balance(self, answer: _Read, point: _Point) -> _Balance:
        """How the answer's concepts, topic and generic words aside, stand to the point's: said with the point's
        polarity, with the opposite one, or said by the point both ways (or beside its own opposite). A concept the
        point's texts always say with one polarity is compared; an opposite word ("cheap" where the point says
        "expensive") counts as the concept said the other way round, :data:`ANTONYM_WEIGHT` times."""
        same = opposite = mixed = 0.0
        polarity = point.polarity
        weights = answer.bag.weights
        concepts = answer.concepts
        granted = answer.granted
        for s in answer.polar if self.plain else point.comparable_in(answer.polar):
            if granted and s in granted and s not in point.keyword_stems:
                continue  # granted, and not one of the point's concepts: no sign either way
            flags = concepts[s]
            low = True in flags
            w = weights[s]
            theirs = polarity.get(s)
            if theirs is not None:  # the point says this concept itself: compare its polarity
                if len(theirs) > 1 or any(polarity.get(o) == theirs for o in LEXICON.opposites.get(s, ())):
                    # said both ways, or said beside its opposite ("cut off China raises tensions"): no sign
                    mixed += w
                    continue
                if not answer.asserts(s):  # a thing named: its polarity is a weaker sign
                    mixed += w * (1.0 - NAMED_WEIGHT)
                    w *= NAMED_WEIGHT
                if low in theirs:
                    same += w
                else:
                    opposite += w
                continue
            # else the point may say its opposite ("cheap" where it says "expensive"): the same concept reversed,
            # unless the point uses this pole too (its keywords: "faster|slower"), so that it is no sign of a reversal
            if s in point.reach:
                continue
            said = frozenset().union(*(polarity[o] for o in LEXICON.opposites.get(s, ()) if o in polarity))
            if len(said) == 1:  # its opposites ("larger", "bigger") said one way only
                if low in said:
                    opposite += w * ANTONYM_WEIGHT
                else:
                    same += w
        return _Balance(same, opposite, mixed, answer.content_weight)

    def _evidence(
        self, answer: _Read, candidate: Candidate, point: _Point, claimed: frozenset[str], phrasing: int = -1
    ) -> _Evidence:
        """The score of one candidate before the whole-answer guards, with its reason (``claimed``: the opponent's
        claim's stems, ``!`` before a denied one; ``phrasing``: the index of the phrasing the answer says word for
        word, or -1: see :attr:`_Bank.phrased`)."""
        if not self.plain and point.touch.isdisjoint(answer.stems):
            # no word in common, nor a denied opposite of one: no evidence (what every score below gives)
            return _Evidence(0.0, "missed", point.displays, idle=True)
        entries = point.entries
        lacking = self._lacking(answer, point) if entries else ()
        pos, near_match = point.near_match.nearest(answer, PROTOTYPE_REACH)
        if entries and len(lacking) == len(entries) and pos < PROTOTYPE_REACH and phrasing < 0:
            words = (answer.stems & point.stems) - self._skip
            if len(words) < NEAR_MIN_WORDS:  # none of its concepts, a word of it at most, no example close
                return _Evidence(0.0, "missed", point.displays, idle=not words)
        base = self.similarity.score_prepared(answer.bag, point.prepared)
        score = base
        reason: Reason = "made" if base >= HIT else "missed"
        balance: _Balance | None = None  # made when a rule below asks (most answers are far from most points)
        if entries:
            unsaid = len(lacking)
            if lacking and claimed and unsaid * 2 <= len(entries):
                unsaid += self._echoed(answer, point, claimed)  # the claim's own words show no rebuttal
            if unsaid * 2 > len(entries):  # most of the point's concepts are missing: not a hit
                score = min(score, NEAR + (NEAR_CAP - NEAR) * score)
            elif lacking:
                score *= 1.0 - KEYWORD_LACK_PENALTY * len(lacking) / len(entries)
            elif (len(entries) >= 2 or base >= SINGLE_KEYWORD_SUPPORT) and (
                balance := self._balance(answer, point)
            ).opposite * FLOOR_OPPOSITE_RATIO <= balance.same:
                # every concept, (almost) none said the other way round: the point is made
                score = max(score, KEYWORD_FLOOR + (1.0 - KEYWORD_FLOOR) * base)
        # the teacher's examples: the nearest one, within reach, decides; a phrasing said word for word is one, typed
        # verbatim
        example = candidate.match[near_match] if near_match >= 0 else ""
        if phrasing >= 0:
            pos, example = 1.0, candidate.phrasings[phrasing]
        neg, near_no = (-math.inf, -1)  # a no_match example matters beside a near match example, or to some credit
        if pos >= PROTOTYPE_REACH or score >= NEAR:
            neg, near_no = point.near_no_match.nearest(answer, PROTOTYPE_REACH)
        nearest = ""
        if pos >= PROTOTYPE_REACH and pos >= neg:
            lifted = HIT + (1.0 - HIT) * (pos - PROTOTYPE_REACH) / (1.0 - PROTOTYPE_REACH)
            if lifted > score and not (phrasing >= 0 and score >= HIT):  # (a hit by its words is named by them)
                score, reason, nearest = lifted, "example", example
        elif neg >= PROTOTYPE_REACH and neg > pos and score >= NEAR:
            # close to an answer the teacher ruled out: not a hit; that answer itself, or nearly: no credit at all
            ruled_out = candidate.no_match[near_no]
            if fuzz.ratio(answer.padded, self.read(ruled_out).padded) >= RULED_OUT:
                score, reason, nearest = min(score, MISS_CAP), "example", ruled_out
            elif score >= HIT:
                score, reason, nearest = min(score, NEAR + (NEAR_CAP - NEAR) * score), "example", ruled_out
        # polarity against the point's own texts: said the other way round, it is not the point
        if (
            score >= NEAR
            and reason != "example"
            and (balance if balance is not None else self._balance(answer, point)).reverses()
        ):
            score, reason = min(score, MISS_CAP) * 0.5, "reversed"
        said = point.keyword_stems & answer.stems if answer.granted and score >= NEAR and reason != "example" else None
        if said and said <= answer.granted:  # the point's concepts said only in what the answer grants, not argued
            score, reason = min(score, MISS_CAP) * 0.5, "granted"
        if reason in ("made", "missed"):
            if (
                entries
                and NEAR <= score < HIT
                and len(lacking) == len(entries)
                and len((answer.stems & point.stems) - self._skip - claimed) < NEAR_MIN_WORDS
            ):  # a word of the point (the claim's own words aside), and none of its concepts: not partly made
                score = min(score, MISS_CAP)
            reason = "made" if score >= HIT else "partly" if score >= NEAR else "missed"
        return _Evidence(score, reason, lacking, nearest)

    def _sides_with(self, answer: _Read, claim: str, points: Sequence[_Point]) -> bool:
        """Whether the answer restates or agrees with the opponent's claim rather than answering it."""
        text = answer.analysis.text
        if _opens_agreeing(text, self.plain) and LEXICON.contrast.isdisjoint(fold_word(w) for w in text.split()):
            return True
        if not claim:
            return False
        if answer.granted_at:  # what a conceding clause grants is the claim's, not the answer's
            answer = self.read(text[answer.granted_at :])
        cosine = self.plain_signed_cosine if self.plain else self.signed_cosine
        to_claim = cosine(answer, self.read(claim))
        if to_claim < SIDE_MIN:
            return False
        if to_claim < DISPUTE_REACH and _disputes(answer, self.read(claim)):
            return False  # it disputes something ("the evidence that bans help is unclear"): it answers the claim
        if _denies(answer, self.read(claim)):
            return False  # "they can learn it at school without homework": it denies what the claim says
        to_points = max((cosine(answer, text) for p in points for text in p.texts), default=0.0)
        return to_claim >= to_points + SIDE_MARGIN

    def _pasted(self, read: _Read, points: Sequence[_Point]) -> bool:
        """Whether a text with no function word (or, up to :data:`JOINED_LIST_WORDS` words, none but "and" or "or") is
        only the bank's words put back: every word of it is a word of the points (their texts, phrasings and keywords)
        or of the topic ("local wage pay", "chores, clubs and responsibility", a hint's words, "missing" words). Such a
        text is a list even when a word of it can be a verb (:meth:`Analysis.is_word_list` decides the rest); one word
        of the student's own makes it a terse sentence ("coal kills millions yearly")."""
        analysis = read.analysis
        if not read.words or analysis.function_words > len(read.words):  # a sentence's small words (most texts)
            return False
        if analysis.function_words and (
            len(read.words) > JOINED_LIST_WORDS
            or analysis.function_words > sum(1 for t in TOKEN_RE.findall(analysis.text) if t.lower() in LIST_WORDS)
        ):
            return False  # a small word that joins no list, or more words than a hint gives: a sentence
        topic = self.similarity.topic
        bank = frozenset().union(*(p.stems for p in points))
        return all(w.stem in bank or w.stem in topic for w in read.words)

    @staticmethod
    def _stuffed(read: _Read, points: Sequence[_Point], evidence: Sequence[_Evidence]) -> bool:
        """Whether the answer piles up the concepts of many points without arguing one: it hits
        :data:`STUFFED_HITS` points or more with mostly the bank's keywords (:data:`STUFFED_DENSITY`), or it is terse
        (fewer function words than half its content words) and carries every concept of :data:`STUFFED_SHARE` of the
        points, and it hits one."""
        if not any(e.score >= HIT for e in evidence):
            return False
        keyed = [(p, e) for p, e in zip(points, evidence, strict=True) if p.entries]
        touched = sum(1 for _, e in keyed if not e.lacking)
        if read.analysis.is_terse() and touched >= max(2, math.ceil(STUFFED_SHARE * len(points))):
            return True
        if sum(1 for e in evidence if e.score >= HIT) < STUFFED_HITS:
            return False
        concepts = frozenset().union(*(p.keyword_stems for p in points))
        return sum(1 for w in read.words if w.stem in concepts) >= STUFFED_DENSITY * len(read.words)

    # ------------------------------------------------------------------ verdicts

    def _weigh(
        self, read: _Read, candidates: Sequence[Candidate], claim: str, guards: bool, phrasings_decide: bool = True
    ) -> tuple[list[_Point], list[_Evidence]]:
        """Every candidate's evidence with the whole-answer guards applied: the one place verdicts are decided."""
        bank = self._bank(candidates)
        points = bank.points
        if not read.words:
            return points, [_Evidence(0.0, "empty", p.displays) for p in points]
        claimed = self.read(claim).keys if claim else frozenset()  # (its stems, "!" before a denied one)
        retyped = {}  # (most answers have as many words as no phrasing has: not one of them)
        if phrasings_decide and len(read.words) in bank.lengths:
            retyped = bank.phrased.get(read.wording, {})
        evidence = [
            self._evidence(read, c, p, claimed, retyped.get(i, -1))
            for i, (c, p) in enumerate(zip(candidates, points, strict=True))
        ]
        guard: Reason | None = None
        if not guards:
            pass
        elif read.analysis.is_word_list():
            guard = "list"
        elif self._sides_with(read, claim, points):
            guard = "side"
        elif self._pasted(read, points):
            guard = "list"
        elif self._stuffed(read, points, evidence):
            guard = "stuffed"
        if guard is not None:  # no credit for any point, and every verdict says why
            for e in evidence:
                e.score, e.reason, e.idle = min(e.score, MISS_CAP) * 0.5, guard, False
        return points, evidence

    def rank(
        self,
        answer: str,
        candidates: Sequence[Candidate],
        claim: str = "",
        *,
        guards: bool = True,
        phrasings_decide: bool = True,
    ) -> list[Verdict]:
        """Every candidate's verdict, best first (ties keep the candidates' order). ``claim``: the opponent's claim
        the answer rebuts (an answer that sides with it earns nothing). ``guards``: apply the whole-answer guards
        (side, word list, stuffing); off for matching notes, such as a case's lines, that are not rebuttals.
        ``phrasings_decide``: an answer that says one of a point's phrasings word for word (:attr:`_Read.wording`) is
        a hit, as an example typed verbatim is; off, phrasings are evidence only (how ``check`` asks whether the
        bank carries a phrasing by its words)."""
        read = self.read(answer)
        points, evidence = self._weigh(read, candidates, claim, guards, phrasings_decide)
        verdicts = [self._verdict(read, c, p, e) for c, p, e in zip(candidates, points, evidence, strict=True)]
        order = sorted(range(len(verdicts)), key=lambda i: -verdicts[i].score)
        return [verdicts[i] for i in order]

    def score(self, answer: str, candidate: Candidate, claim: str = "", *, guards: bool = True) -> Verdict:
        """One candidate's verdict, as :meth:`rank` would give it alone."""
        return self.rank(answer, [candidate], claim, guards=guards)[0]

    def scores(self, answer: str, candidates: Sequence[Candidate], claim: str = "") -> list[float]:
        """Just the scores, in the candidates' order: :meth:`rank`'s values without building the explanations (the
        bulk path of the benchmarks)."""
        _, evidence = self._weigh(self.read(answer), candidates, claim, True)
        return [round(min(1.0, max(0.0, e.score)), 6) for e in evidence]

    def judge(self, answer: str, argument: Argument) -> list[Verdict]:
        """Every rebuttal's verdict on an answer to ``argument``, best first."""
        found = self._arguments.get(id(argument))  # (the argument is kept: no other object takes its id meanwhile)
        if found is None:
            if len(self._arguments) > BANKS_KEPT:
                self._arguments.clear()
            found = self._arguments[id(argument)] = (argument, [Candidate.from_rebuttal(r) for r in argument.rebuttals])
        return self.rank(answer, found[1], argument.claim)

    # ------------------------------------------------------------------ explanation

    def _verdict(self, read: _Read, candidate: Candidate, point: _Point, evidence: _Evidence) -> Verdict:
        if evidence.idle:  # no word in common: the same verdict for every such answer, made once
            if point.idle is None:
                point.idle = self._explain(read, candidate, point, evidence)
            return point.idle
        return self._explain(read, candidate, point, evidence)

    def _explain(self, read: _Read, candidate: Candidate, point: _Point, evidence: _Evidence) -> Verdict:
        """The verdict with its explanation: the words that carried it, what was missing, why."""
        score = round(min(1.0, max(0.0, evidence.score)), 6)
        kind = kind_of(score)
        shared = read.stems & point.stems
        content = shared - self.similarity.topic
        carriers = content - self.similarity.generic
        if not carriers and kind != "miss":  # what carried a hit or a near miss is named, even topic or generic words
            carriers = content or shared
        matched: list[str] = []
        spans: list[tuple[int, int]] = []
        if carriers:
            said: set[str] = set()  # the matched words, lower-cased: each is named once, whatever its case
            for w in read.words:
                if w.stem in carriers:
                    spans.append((w.start, w.end))
                    surface = read.analysis.text[w.start : w.end]
                    if surface.lower() not in said:
                        said.add(surface.lower())
                        matched.append(surface)
        missing: tuple[str, ...] = ()
        if kind != "hit":
            missing = _distinct(tuple(evidence.lacking))
            if not missing and not point.entries and evidence.reason in ("missed", "partly"):
                # no concepts to name: the text's own words ("missing:" names what is lacking; an answer saying every
                # concept lacks none, and a reversal or a guard's verdict no word: "missing: run, problem, items")
                missing = tuple([surface for s, surface in point.missing_order if s not in read.stems][:3])
        words = tuple(matched)
        # (asked only of a miss that lacks no concept: whether the answer denies a word that carried it)
        denied = (
            kind == "miss" and not missing and bool(words) and any(w.negated and w.stem in carriers for w in read.words)
        )
        return Verdict(
            candidate_id=candidate.id,
            score=score,
            verdict=kind,
            matched=words,
            missing=missing,
            spans=tuple(spans),
            reason=evidence.reason,
            why=_why(evidence.reason, kind, words, missing, denied, phrased=evidence.nearest in candidate.phrasings),
            nearest=evidence.nearest,
        )


@lru_cache(maxsize=4096)
def _distinct(displays: tuple[str, ...]) -> tuple[str, ...]:
    """The missing concepts as the student reads them: one whose words another one listed has already ("practice"
    beside "standard practice") is left out (cached: a point's concepts are missing together again and again)."""
    if len(displays) < 2:
        return tuple(displays)
    words = [frozenset(d.lower().split()) for d in displays]
    return tuple(
        d for i, d in enumerate(displays) if not any(j != i and words[i] < words[j] for j in range(len(displays)))
    )


_SAID_ONCE = (frozenset({False}), frozenset({True}))
"""The polarities of a concept said one way, by its ``lowered`` flag (shared: most concepts are said one way)."""
_SAID_BOTH_WAYS = frozenset({False, True})


def _argued(text: str, words: tuple[Word, ...], plain: bool = False) -> tuple[tuple[Word, ...], int]:
    """The words a text argues with, and the offset where what it argues begins after a conceding clause (0: none).

    A concession that opens by agreeing or granting ("true, they pay tax, but ...", "ok it does little for grades,
    but ...", ``agreement.txt`` and the granting openings of ``concessions.txt``) ends at its first contrast word,
    and its words are left out: what it concedes earns nothing. A conceding clause ("even if marks barely move, it
    ...") ends sooner, at a comma, or at a clause word after a word of its own ("even if they lock it down theres
    ..."); its words are kept (a point may grant something itself: "even if the pay is ok, ..."), but what it grants
    is no sign of the answer's polarity, and no point is made by what it grants alone (:meth:`Judge._evidence`)."""
    opened = 1
    if _opens_agreeing(text, plain):
        clause = False
    else:
        first = text.split(None, 3)[:3]
        if not first or fold_word(first[0]) not in _CONCESSION_FIRST:  # most texts: the first word opens none
            return words, 0
        opening = [fold_word(w) for w in first]
        found = [LEXICON.concessions.get(" ".join(opening[:n])) for n in range(1, len(opening) + 1)]
        if all(f is None for f in found):
            return words, 0
        clause = any(found)
        opened = max(n for n, f in enumerate(found, 1) if f is not None)  # ("even though": its "though" opens it)
    said = False  # a content word of the conceding clause was said
    for i, m in enumerate(_WORD_RE.finditer(text)):
        token = m.group()
        if i < opened:
            if clause and token.endswith((",", ";")):  # ("granted, it is cheap, ...")
                return words, m.end()
            continue
        word = fold_word(token)
        start = -1
        if word in LEXICON.contrast:
            start = m.end()
        elif clause and said and word in LEXICON.clause_words:  # the main clause begins: its clause word is its own
            start = m.start()
        elif clause and token.endswith((",", ";")):
            start = m.end()
        if start >= 0:
            return (words, start) if clause else (tuple(w for w in words if w.start >= start), 0)
        said = said or lex(token)[1] == CONTENT
    return words, 0


def _disputes(answer: _Read, claim: _Read) -> bool:
    """Whether the answer says a dispute word (``dispute_words.txt``: "unclear", "myth") plainly, not denied ("no
    myth") and not one the claim itself uses; or denies a failing word (``failing_words.txt``: "will not work",
    "doesnt matter") that the claim does not deny, or one whose object is what the claim denies ("uniforms dont stop
    bullying" against "pupils are not bullied")."""
    text = answer.analysis.text
    words = answer.analysis.words
    if not any(w.negated for w in claim.analysis.words) and any(
        w.negated and w.stem in LEXICON.failing and _ends_clause(text, w, words[i + 1] if i + 1 < len(words) else None)
        for i, w in enumerate(words)
    ):
        return True  # "the checks will not work", against a claim that says nothing fails
    denied = {w.stem for w in claim.analysis.words if w.negated}
    if denied and any(
        w.negated and w.stem in LEXICON.failing and after.stem in denied and not _ends_clause(text, w, after)
        for w, after in pairwise(words)
    ):
        return True  # "uniforms dont stop bullying", against "pupils are not bullied": what it denies goes on
    claimed = {fold_word(w) for w in claim.analysis.text.split()}
    return any(
        not w.negated and (word := fold_word(text[w.start : w.end])) in LEXICON.disputes and word not in claimed
        for w in words
    )


def _denies(answer: _Read, claim: _Read) -> bool:
    """Whether the answer denies a word the claim says plainly (and never denies), its topic words too ("... at school
    *without homework*" against "homework teaches responsibility"), or puts something in the place of what the claim
    says ("in class *instead of* at home")."""
    said = {w.stem for w in claim.words if not w.negated} - {w.stem for w in claim.words if w.negated}
    words = answer.words
    if any(  # the first word a negation reaches: what it denies ("it is no *myth* that banning phones ..." affirms)
        w.negated and w.stem in said and not (i and words[i - 1].negated) for i, w in enumerate(words)
    ):
        return True
    padded = answer.padded  # or it puts something in the place of what the claim says ("in class instead of at home")
    return any(f" {phrase} " in padded for phrase in _ALTERNATIVE_PHRASES) and not any(
        f" {phrase} " in claim.padded for phrase in _ALTERNATIVE_PHRASES
    )


_ALTERNATIVE_PHRASES = tuple(sorted(" ".join(pair) for pair in ALTERNATIVES))
""""rather than", "instead of" as :func:`lexed` writes them."""


def _ends_clause(text: str, word: Word, after: Word | None) -> bool:
    """Whether no content word follows ``word`` in its clause (it is what the clause ends by saying: "it will not
    *work*", not "they dont *work* full time")."""
    if after is None:
        return True
    return any(lex(token)[1] == CLAUSE for token in TOKEN_RE.findall(text, word.end, after.start))


def _opens_agreeing(text: str, plain: bool = False) -> bool:
    """Whether the text opens by agreeing ("yes", "thats true", "its true": ``agreement.txt``): its first one, two or
    three words, folded, are one of those openings, and the word after is no denial ("definitely not, ...", "totally
    wrong"). ``plain``: by :func:`_opens_agreeing_plain`."""
    if plain:
        return _opens_agreeing_plain(text)
    words = text.split(None, 4)[:4]
    if not words or fold_word(words[0]) not in _AGREEMENT_FIRST:  # most answers: the first word opens none
        return False
    opening = [fold_word(w) for w in words]
    return any(
        " ".join(opening[:n]) in _AGREEMENT and not _denies_opening(words, opening, n)
        for n in range(1, min(3, len(opening)) + 1)
    )


def _denies_opening(words: list[str], folded: list[str], n: int) -> bool:
    """Whether the word right after an opening of ``n`` words denies it ("definitely not", "totally wrong"; not
    "its true, not everyone ...", where a comma parts them)."""
    return folded[n : n + 1] in _DENIED_OPENINGS and not words[n - 1].endswith((",", ";", ".", "!", ":"))


def _opens_agreeing_plain(text: str) -> bool:
    """:func:`_opens_agreeing` by its plain rule: the folded opening is an agreement, or starts with one and a space
    and a word that is no denial."""
    raw = text.split()[:4]
    words = [fold_word(w) for w in raw]
    opening = " ".join(words)
    return any(
        opening == o or (opening.startswith(o + " ") and not _denies_opening(raw, words, len(o.split())))
        for o in LEXICON.agreement
    )


_DENIED_OPENINGS = [[w] for w in (*LEXICON.negators, "wrong", "false", "untrue")]
"""A word after an agreeing opening that makes it a denial ("definitely *not*", "totally *wrong*"), as a one-word
list (what ``opening[n : n + 1]`` is)."""
_CONCESSION_FIRST = frozenset(opening.split(" ")[0] for opening in LEXICON.concessions)
"""The first word of every concession opening."""
_AGREEMENT = frozenset(LEXICON.agreement)
_AGREEMENT_FIRST = frozenset(opening.split(" ")[0] for opening in _AGREEMENT)
"""The first word of every agreeing opening (a folded word has no space: an opening starts with its first word)."""


_WORD_RE = re.compile(r"\S+")


def _why(
    reason: Reason,
    kind: VerdictKind,
    matched: tuple[str, ...],
    missing: tuple[str, ...],
    denied: bool = False,
    *,
    phrased: bool = False,
) -> str:
    """One sentence for the student: why this verdict (``denied``: the answer denies a word that carried it;
    ``phrased``: the teacher's text that decided it is one of the point's phrasings, said word for word)."""
    if reason == "side":
        return "This supports their side: it agrees with the claim instead of answering it."
    if reason == "reversed":
        return "You said the opposite of this point."
    if reason == "granted":
        return 'You granted this point ("even if ...") rather than argued it.'
    if reason == "list":
        return "A list of words is not an argument: write it as a sentence that says why the claim fails."
    if reason == "stuffed":
        return "Many points' words at once, none of them argued: make one point and explain it."
    if reason == "empty":
        return "No answer was given."
    if reason == "example":
        if kind == "hit":
            if phrased:
                return "You made this point as your teacher put it."
            return "Close to an answer your teacher marked as making this point."
        if kind == "near":  # (a near miss's credit stands: it is partly made, but no more)
            return "Partly made, but close to an answer your teacher marked as not making this point."
        return "Close to an answer your teacher marked as not making this point."
    if kind == "hit":
        return "You made this point" + (f" ({', '.join(matched[:4])})." if matched else ".")
    if kind == "near":
        return "Nearly: " + (f"the idea of {', '.join(missing[:3])} is missing." if missing else "say it more fully.")
    if missing:
        return f"Not made: it needs {', '.join(missing[:3])}."
    if matched and denied:  # its words, none of its concepts lacking, denied ("it doesnt build any habits")
        return "Not made: as written, your answer denies what this point says."
    if matched:  # its words, none of its concepts lacking, and still far from it
        return "Not made: you used its words, but not to say this point; say it in full."
    return "Not made."
