"""How much of a rebuttal's text an answer says: the lexical similarity at the heart of the judge.

Both texts become bags of weighted stems (:mod:`debate.judge.text`). A stem weighs its IDF over the motion's own
prose, times a small factor when it is a topic word (the motion's title and context: every answer repeats them) or a
generic word. In a rebuttal's text, words joined by slashes (``noise/fumes``) are alternatives: each weighs as the
heaviest of them and the group counts once. :meth:`Similarity.features` measures the overlap (weighted coverage,
precision, fuzzy token scores, ...); a logistic combination with weights from ``weights.json`` (fitted by
``debate bench fit`` on the ArgKP train split) turns them into a probability-like score, cut for negation mismatch
and for matching topic words only. Curated phrasings add evidence anchored on the text: the best two or the pooled
bag lift it, and so does the *consensus* of text and phrasings (a second fitted logistic combination).

This module is the one definition of that score. The judge (:mod:`debate.judge.judge`) adds keywords, the teacher's
examples, side and polarity on top.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from operator import mul
from typing import Any, NamedTuple

from rapidfuzz import fuzz

from debate.judge.lexicon import LEXICON
from debate.judge.text import Analysis, analyse, analyse_plain, stem, stems_of
from debate.scoring import HIT as HIT
from debate.scoring import NEAR as NEAR

FEATURES: tuple[str, ...] = (
    "coverage",
    "coverage_sq",
    "precision",
    "matched_content",
    "fuzzy_set",
    "fuzzy_ratio",
    "log_answer_len",
    "negation_mismatch",
    "max_idf_matched",
    "soft_coverage",
    "matched_weight",
    "topicless_coverage",
    "topicless_coverage_sq",
    "topicless_mass",
)
"""The similarity's features, in the order of :meth:`Similarity.features`."""
CONSENSUS_FEATURES: tuple[str, ...] = ("text", "mean_phrasing", "pooled", "centroid_cosine")
"""The consensus's inputs, in the order of :meth:`Similarity.consensus_features`."""
_TOPICLESS_COVERAGE = FEATURES.index("topicless_coverage")

# The verdict thresholds HIT and NEAR are scoring rules, defined once in debate.scoring.

NEGATION_PENALTY = 0.85
"""Share of the score a full negation mismatch (on every word that carried the match) removes."""
NEGATION_GAIN = 3.0
"""Penalty share = min(1, gain x mismatched share of the carrying weight)."""
PHRASING_WEIGHT = 1.0
"""How much the best curated phrasings' evidence can add, anchored on the model text's own score."""
POOL_MIN_DOCS = 2
"""A phrasing stem joins the pooled bag when at least this many of text and phrasings carry it."""
POOL_SHARE_POWER = 0.5
"""Pooled weight = weight x (share of text and phrasings carrying the stem) ** this."""
TOPIC_ONLY_CAP = NEAR - 0.05
"""Score factor (and so the highest score) when only topic words are shared and the candidate has others."""
MIN_HIT_COVERAGE = 0.3
"""A hit must cover at least this share of the candidate's non-topic weight (else the score stays below HIT)."""
NEAR_CAP = HIT - 0.01
"""The highest score a rule that keeps a verdict below a hit allows."""
TOPIC_FACTOR = 0.15
"""Weight factor of topic words."""
GENERIC_FACTOR = 0.3
"""Weight factor of generic words."""
CACHE_LIMIT = 65536
"""Prepared texts kept per judge before the cache starts afresh (a bank of thousands fits)."""


@dataclass(frozen=True)
class Weights:
    """The fitted parameters of the similarity and the consensus (``weights.json``)."""

    bias: float
    weights: tuple[float, ...]
    consensus_bias: float
    consensus_weights: tuple[float, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Weights:
        """From the ``weights.json`` layout: features by name, so their order in the file does not matter."""
        sim, con = data["similarity"], data["consensus"]
        return cls(
            bias=float(sim["bias"]),
            weights=tuple(float(sim["weights"][name]) for name in FEATURES),
            consensus_bias=float(con["bias"]),
            consensus_weights=tuple(float(con["weights"][name]) for name in CONSENSUS_FEATURES),
        )

    def to_json(self) -> dict[str, Any]:
        """The ``weights.json`` layout."""
        return {
            "similarity": {"bias": self.bias, "weights": dict(zip(FEATURES, self.weights, strict=True))},
            "consensus": {
                "bias": self.consensus_bias,
                "weights": dict(zip(CONSENSUS_FEATURES, self.consensus_weights, strict=True)),
            },
        }


def load_weights() -> Weights:
    """The committed weights (``debate/judge/weights.json``)."""
    text = resources.files("debate.judge").joinpath("weights.json").read_text(encoding="utf-8")
    return Weights.from_json(json.loads(text))


DEFAULT_WEIGHTS = load_weights()


def sigmoid(z: float) -> float:
    """The logistic function, without overflow."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


class _Stem(NamedTuple):
    """One stem of a candidate bag, with what :meth:`Similarity.probability` needs of it (the bag's own)."""

    place: int
    """Its place in the bag (sums add the stems in this order, as :meth:`Similarity.features` does)."""
    stem: str
    weight: float
    negated: bool
    topic: bool
    """A topic word."""


@dataclass(slots=True)
class Bag:
    """A text reduced to weighted stems."""

    weights: dict[str, float]
    """Content stem -> weight (IDF x topic/generic factor)."""
    negated: dict[str, bool]
    """Content stem -> whether all its occurrences are negated."""
    total: float
    """Sum of weights (alternatives counted once)."""
    joined: str
    """Distinct content stems joined by spaces (for fuzzy token scores)."""
    topicless: float = 0.0
    """Sum of the weights of the stems that are not topic words (alternatives counted once)."""
    norm: float = 0.0
    """Euclidean norm of ``weights``."""
    prefixes: frozenset[str] | None = None
    """The first four letters of every stem (for near-miss word forms), made on first use."""
    by_prefix: dict[str, tuple[_Stem, ...]] | None = None
    """The bag as a candidate, made when a rebuttal is prepared (or on the bag's first use as a candidate): its stems
    by their first four letters, each with what :meth:`Similarity.probability` needs of it."""
    prefix_keys: frozenset[str] = frozenset()
    """The keys of ``by_prefix`` (a frozenset intersects another faster than a dict's keys do)."""

    @property
    def keys(self) -> set[str]:
        """The content stems."""
        return set(self.weights)


@dataclass(slots=True)
class Prepared:
    """Everything precomputed about one rebuttal's text and phrasings."""

    text: Bag
    phrasings: list[Bag]
    pooled: Bag | None
    stems: frozenset[str]
    centroid: dict[str, float] = field(default_factory=dict)
    centroid_norm: float = 0.0
    centroid_denied: dict[str, float] = field(default_factory=dict)


_SLASHED_RE = re.compile(r"[^\W_]+(?:\s*/\s*[^\W_]+)+")
"""Words joined by slashes (``noise/fumes/congestion``): alternatives, any one of which says the point."""


class Similarity:
    """Scores answers against rebuttal texts for one motion (topic words and IDF come from the motion)."""

    def __init__(
        self, topic: str = "", corpus: Sequence[str] = (), weights: Weights = DEFAULT_WEIGHTS, *, plain: bool = False
    ) -> None:
        """``topic``: text whose words every answer repeats (motion title + context), down-weighted. ``corpus``: all
        prose of the motion, for IDF. ``weights``: the fitted parameters (the committed ones by default). ``plain``:
        score by the plain definitions (:meth:`plain_probability`, :func:`analyse_plain`), no shortcut taken."""
        self.plain = plain
        """Scoring by the plain definitions."""
        self.topic: frozenset[str] = frozenset(stems_of(topic))
        """Stems of the topic text."""
        self.params = weights
        """The fitted parameters in use."""
        if isinstance(corpus, str):
            corpus = [corpus]
        df: dict[str, int] = {}
        for text in corpus:
            for s in set(stems_of(text)):
                df[s] = df.get(s, 0) + 1
        n = len(corpus)
        self.vocabulary: frozenset[str] = frozenset(df)
        """Every stem of the motion's prose."""
        self._idf: dict[str, float] = {s: math.log((n + 1) / (c + 0.5)) + 1.0 for s, c in df.items()}
        self.idf_unknown = math.log((n + 1) / 0.5) + 1.0
        """The weight of a stem the motion never uses (the highest IDF)."""
        self.generic: frozenset[str] = frozenset(stem(w) for w in LEXICON.generic_words)
        """Stems of the generic words."""
        self._prepared: dict[tuple[str, tuple[str, ...]], Prepared] = {}
        self._weights: dict[str, float] = {}

    def weight(self, s: str) -> float:
        """The weight of one content stem: its IDF, times a factor for topic and generic words (remembered)."""
        found = self._weights.get(s)
        if found is not None:
            return found
        w = self._idf.get(s, self.idf_unknown)
        if s in self.topic:
            w *= TOPIC_FACTOR
        elif s in self.generic:
            w *= GENERIC_FACTOR
        if len(self._weights) > CACHE_LIMIT:
            self._weights.clear()
        self._weights[s] = w
        return w

    # ----------------------------------------------------------------- bags

    def bag(self, text: str | Analysis, alternatives: bool = False) -> Bag:
        """The bag of a text; ``alternatives``: count slash alternatives once (rebuttal texts)."""
        analysis = text if not isinstance(text, str) else analyse_plain(text) if self.plain else analyse(text)
        words = analysis.words
        weights = {s: self.weight(s) for s in dict.fromkeys([w.stem for w in words])}  # in the order first said
        if any([w.negated for w in words]):
            negated = dict.fromkeys(weights, True)
            for word in words:
                if not word.negated:
                    negated[word.stem] = False  # negated only if every occurrence is
        else:
            negated = dict.fromkeys(weights, False)
        overlap = overlap_topicless = 0.0
        if alternatives and "/" in analysis.text:
            for group in self._alternatives(analysis.text, weights):
                heaviest = max(weights[s] for s in group)
                for s in group:
                    weights[s] = heaviest
                overlap += heaviest * (len(group) - 1)
                overlap_topicless += heaviest * sum(1 for s in group[1:] if s not in self.topic)
        topic = self.topic
        topicless = sum([w for s, w in weights.items() if s not in topic]) - overlap_topicless
        return Bag(
            weights,
            negated,
            sum(weights.values()) - overlap,
            " ".join(weights),
            topicless,
            math.sqrt(sum([w * w for w in weights.values()])),
        )

    @staticmethod
    def _alternatives(text: str, weights: dict[str, float]) -> list[list[str]]:
        """Groups of one-word alternatives of ``text`` (stems among ``weights``' keys), no stem in two groups."""
        out: list[list[str]] = []
        seen: set[str] = set()
        for m in _SLASHED_RE.finditer(text):
            group: list[str] = []
            for part in m.group().split("/"):
                found = stems_of(part)
                if len(found) == 1 and found[0] in weights and found[0] not in group:
                    group.append(found[0])
            if len(group) > 1 and seen.isdisjoint(group):
                seen.update(group)
                out.append(group)
        return out

    def prepare(self, text: str, phrasings: Sequence[str] = ()) -> Prepared:
        """The bags of a rebuttal's text and phrasings, their pooled bag and centroid (cached)."""
        key = (text, tuple(phrasings))
        found = self._prepared.get(key)
        if found is not None:
            return found
        main = self.bag(text, alternatives=True)
        bags = [self.bag(p, alternatives=True) for p in phrasings if p.strip()]
        for bag in (main, *bags):  # made now, with the rest of the rebuttal, rather than by the first answer near it
            self._index(bag)
        pooled = self._pooled(main, bags)
        if pooled is not None:
            self._index(pooled)
        prepared = Prepared(main, bags, pooled, frozenset(main.weights).union(*(b.weights for b in bags)))
        if bags:
            centroid: dict[str, float] = {}
            denied: dict[str, float] = {}
            for bag in (main, *bags):
                norm = bag.norm or 1.0
                for s, w in bag.weights.items():
                    centroid[s] = centroid.get(s, 0.0) + w / norm
                    if bag.negated[s]:
                        denied[s] = denied.get(s, 0.0) + w / norm
            prepared.centroid = centroid
            prepared.centroid_denied = denied
            prepared.centroid_norm = math.sqrt(sum(w * w for w in centroid.values()))
        if len(self._prepared) > CACHE_LIMIT:
            self._prepared.clear()
        self._prepared[key] = prepared
        return prepared

    def _pooled(self, text: Bag, phrasings: list[Bag]) -> Bag | None:
        """The consensus bag: the text's stems and any stem two or more phrasings share, weighted by their share."""
        if not phrasings:
            return None
        docs = [text, *phrasings]
        counts: dict[str, int] = {}
        for bag in docs:
            for s in bag.weights:
                counts[s] = counts.get(s, 0) + 1
        weights = {
            s: self.weight(s) * (c / len(docs)) ** POOL_SHARE_POWER
            for s, c in counts.items()
            if s in text.weights or c >= POOL_MIN_DOCS
        }
        negated = {s: text.negated.get(s, False) for s in weights}
        return Bag(
            weights,
            negated,
            sum(weights.values()),
            " ".join(weights),
            sum(w for s, w in weights.items() if s not in self.topic),
            math.sqrt(sum(w * w for w in weights.values())),
        )

    # ----------------------------------------------------------------- the score

    def features(self, ans: Bag, cand: Bag) -> tuple[list[float], float] | None:
        """(feature vector in :data:`FEATURES` order, negation mismatch share), or None when no stem is shared."""
        aw = ans.weights
        if aw.keys().isdisjoint(cand.weights):
            return None
        prefixes = ans.prefixes
        if prefixes is None:
            prefixes = ans.prefixes = frozenset(s[:4] for s in aw)
        hit_w = a_hit = neg_w = max_w = nt_hit = soft = 0.0
        content = 0
        a_negated, c_negated, topic = ans.negated, cand.negated, self.topic
        for s, w in cand.weights.items():
            a = aw.get(s)
            if a is None:
                if s[:4] in prefixes:
                    soft += w
                continue
            hit_w += w
            a_hit += a
            if a_negated[s] is not c_negated[s]:
                neg_w += w
            if s not in topic:
                content += 1
                nt_hit += w
            if w > max_w:
                max_w = w
        if hit_w <= 0.0:
            return None
        coverage = hit_w / cand.total
        topicless = nt_hit / cand.topicless if cand.topicless > 0.0 else 0.0
        neg = neg_w / hit_w
        vector = [
            coverage,
            coverage * coverage,
            a_hit / ans.total,
            min(content, 4) / 4.0,
            fuzz.token_set_ratio(ans.joined, cand.joined) / 100.0,
            fuzz.ratio(ans.joined, cand.joined) / 100.0,
            math.log1p(len(aw)),
            neg,
            max_w / self.idf_unknown,
            (hit_w + soft) / cand.total,
            min(hit_w, 10.0) / 10.0,
            topicless,
            topicless * topicless,
            cand.topicless / cand.total if cand.total else 0.0,
        ]
        return vector, neg

    def probability(self, ans: Bag, cand: Bag) -> float:
        """The score of one bag against another: the logistic combination of :meth:`features`, cut for negation
        mismatch, and kept low when only topic words or too little of the candidate's own words are shared.

        The judge's hottest path (every answer against every bag of a bank that shares a word with it), so it computes
        what :meth:`plain_probability` does without building the feature vector: it visits only the candidate's stems
        whose first four letters the answer has (the shared stems, and the near-miss forms the soft coverage counts),
        found by a set intersection rather than a walk over the whole candidate, in the candidate's order (so every
        sum adds the same numbers in the same order, and the score is the same to the bit); and a token set that
        holds the other scores 100 by ``token_set_ratio``'s definition, without the call."""
        aw = ans.weights
        prefixes = ans.prefixes
        if prefixes is None:
            prefixes = ans.prefixes = frozenset(s[:4] for s in aw)
        by_prefix = cand.by_prefix
        if by_prefix is None:
            by_prefix = self._index(cand)
        touched = prefixes & cand.prefix_keys
        if not touched:  # (then no stem is shared either)
            return 0.0
        if len(touched) == 1:
            near: Sequence[_Stem] = by_prefix[next(iter(touched))]
        else:
            near = sorted([item for p in touched for item in by_prefix[p]])
        hit_w = a_hit = neg_w = max_w = nt_hit = soft = 0.0
        content = hits = 0
        a_negated = ans.negated
        for _, s, w, negated, topical in near:
            a = aw.get(s)
            if a is None:
                soft += w
                continue
            hits += 1
            hit_w += w
            a_hit += a
            if a_negated[s] is not negated:
                neg_w += w
            if not topical:
                content += 1
                nt_hit += w
            if w > max_w:
                max_w = w
        if hit_w <= 0.0:  # no stem shared, only near-miss forms
            return 0.0
        total = cand.total
        own = cand.topicless
        coverage = hit_w / total
        topicless = nt_hit / own if own > 0.0 else 0.0
        neg = neg_w / hit_w
        joined, other = ans.joined, cand.joined
        fuzzy_set = 100.0 if hits == len(aw) or hits == len(cand.weights) else fuzz.token_set_ratio(joined, other)
        k = self.params.weights
        z = self.params.bias + sum(  # the terms in FEATURES order, summed as plain_probability sums the vector
            (
                k[0] * coverage,
                k[1] * (coverage * coverage),
                k[2] * (a_hit / ans.total),
                k[3] * ((content if content < 4 else 4) / 4.0),  # min(content, 4), without the call
                k[4] * (fuzzy_set / 100.0),
                k[5] * (fuzz.ratio(joined, other) / 100.0),
                k[6] * math.log1p(len(aw)),
                k[7] * neg,
                k[8] * (max_w / self.idf_unknown),
                k[9] * ((hit_w + soft) / total),
                k[10] * ((hit_w if hit_w < 10.0 else 10.0) / 10.0),
                k[11] * topicless,
                k[12] * (topicless * topicless),
                k[13] * (own / total if total else 0.0),
            )
        )
        p = sigmoid(z)
        if neg_w:  # (with no mismatch the factor is exactly 1)
            p *= 1.0 - NEGATION_PENALTY * min(1.0, NEGATION_GAIN * neg)
        if own > 0.0:
            if topicless == 0.0:
                p *= TOPIC_ONLY_CAP
            elif topicless < MIN_HIT_COVERAGE:
                p = min(p, NEAR + (NEAR_CAP - NEAR) * p)
        return p

    def plain_probability(self, ans: Bag, cand: Bag) -> float:
        """:meth:`probability` by its plain definition, from the feature vector (the reference its fast path is
        tested against)."""
        found = self.features(ans, cand)
        if found is None:
            return 0.0
        vector, neg = found
        z = self.params.bias + sum(map(mul, self.params.weights, vector))
        p = sigmoid(z) * (1.0 - NEGATION_PENALTY * min(1.0, NEGATION_GAIN * neg))
        if cand.topicless > 0.0:
            topicless = vector[_TOPICLESS_COVERAGE]
            if topicless == 0.0:
                p *= TOPIC_ONLY_CAP
            elif topicless < MIN_HIT_COVERAGE:
                p = min(p, NEAR + (NEAR_CAP - NEAR) * p)
        return p

    def _index(self, cand: Bag) -> dict[str, tuple[_Stem, ...]]:
        """Index a candidate bag's stems by their first four letters (``by_prefix``, for :meth:`probability`)."""
        out: dict[str, list[_Stem]] = {}
        for i, (s, w) in enumerate(cand.weights.items()):
            out.setdefault(s[:4], []).append(_Stem(i, s, w, cand.negated[s], s in self.topic))
        cand.by_prefix = {p: tuple(items) for p, items in out.items()}
        cand.prefix_keys = frozenset(out)
        return cand.by_prefix

    def _agreement(self, ans: Bag, prepared: Prepared) -> tuple[float, float]:
        """(cosine between the answer and the centroid of text and phrasings, share of it carried by words whose
        negation differs between the answer and the texts that say them)."""
        centroid = prepared.centroid
        shared = ans.weights.keys() & centroid.keys()  # (in any order: fsum's sums are exact)
        if not shared or not ans.norm or not prepared.centroid_norm:
            return 0.0, 0.0
        aw = ans.weights
        dot = math.fsum([aw[s] * centroid[s] for s in shared])
        denied = prepared.centroid_denied
        off = math.fsum(
            [aw[s] * (denied.get(s, 0.0) if not ans.negated[s] else centroid[s] - denied.get(s, 0.0)) for s in shared]
        )
        return dot / (ans.norm * prepared.centroid_norm), off / dot

    def consensus_features(self, ans: Bag, prepared: Prepared, text: float, mean: float, pooled: float) -> list[float]:
        """The consensus's inputs in :data:`CONSENSUS_FEATURES` order (the cosine computed here)."""
        return [text, mean, pooled, self._agreement(ans, prepared)[0]]

    def _consensus(self, ans: Bag, prepared: Prepared, text: float, mean: float, pooled: float) -> float:
        """How well the answer agrees with the text and its phrasings taken together, cut for polarity mismatch."""
        cosine, off = self._agreement(ans, prepared)
        if cosine == 0.0:
            return 0.0
        z = self.params.consensus_bias + sum(map(mul, self.params.consensus_weights, (text, mean, pooled, cosine)))
        bag = prepared.text
        shared = ans.weights.keys() & bag.weights.keys()  # (in any order: fsum's sums are exact)
        if shared:  # the text's own words weigh on their own too: its polarity is the point's
            mismatch = math.fsum([bag.weights[s] for s in shared if ans.negated[s] is not bag.negated[s]])
            if mismatch > 0.0:
                off = max(off, mismatch / math.fsum([bag.weights[s] for s in shared]))
        return sigmoid(z) * (1.0 - NEGATION_PENALTY * min(1.0, NEGATION_GAIN * off))

    def score(self, answer: str | Analysis | Bag, text: str, phrasings: Sequence[str] = ()) -> float:
        """How much of a rebuttal (its text, with its phrasings as anchored evidence) the answer says, in [0, 1]."""
        ans = answer if isinstance(answer, Bag) else self.bag(answer)
        return self.score_prepared(ans, self.prepare(text, phrasings))

    def score_prepared(self, ans: Bag, prepared: Prepared) -> float:
        """:meth:`score` against a rebuttal already prepared (:meth:`prepare`)."""
        probability = self.probability
        if self.plain:
            probability = self.plain_probability
        elif ans.weights.keys().isdisjoint(prepared.stems):  # no stem shared with any: every probability is 0
            return 0.0
        score = probability(ans, prepared.text)
        if prepared.pooled is not None:
            evidence = [probability(ans, bag) for bag in prepared.phrasings]
            evidence.sort(reverse=True)
            pooled = probability(ans, prepared.pooled)
            support = max(sum(evidence[:2]) / 2.0, pooled)
            lifted = score + PHRASING_WEIGHT * max(0.0, support - score)
            consensus = self._consensus(ans, prepared, score, sum(evidence) / len(evidence), pooled)
            score = max(lifted, consensus)
        return min(1.0, max(0.0, score))
