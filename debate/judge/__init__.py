"""The judge: did this answer make that rebuttal's point? Deterministic, explained, no I/O.

Public API: :class:`Judge` (one per motion), :class:`Candidate` (a point an answer may make), :class:`Verdict`, the
thresholds :data:`HIT` and :data:`NEAR`, :func:`kind_of`, and the text helpers :func:`stems_of` and
:func:`normalise`. See :mod:`debate.judge.judge` for the rules, :mod:`debate.judge.similarity` for the lexical score,
:mod:`debate.judge.text` for how an answer is read and ``lexicon/`` for the word lists.
"""

from debate.judge.judge import Candidate, Judge, Verdict, VerdictKind, kind_of
from debate.judge.similarity import HIT, NEAR, Weights, load_weights
from debate.judge.text import clear_caches, normalise, stems_of

__all__ = [
    "HIT",
    "NEAR",
    "Candidate",
    "Judge",
    "Verdict",
    "VerdictKind",
    "Weights",
    "clear_caches",
    "kind_of",
    "load_weights",
    "normalise",
    "stems_of",
]
