"""Whether an answer was the student's own: the rule that keeps hinted answers out of mastery and the schedule.

An answer is **assisted** when the student

* took the third hint (it shows a model rebuttal, so whatever follows is reading, not recall),
* had just seen the model rebuttals: study mode shows an argument's strongest rebuttals, and its "Test me" round
  follows at once, so an answer to an argument studied there is reading too (the same as after the third hint), or
* pasted a hint back: the answer holds :data:`PASTE_RUN` or more consecutive words of a hint's text (case and
  punctuation ignored). A single hinted word used in the student's own sentence is what a hint is for, and it has
  already cost points; a copied run of words is not the student's own line.

Pure: no Textual, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

PASTE_RUN = 5
"""This many consecutive words of a hint found in an answer count as the hint pasted back."""
MODEL_HINT = 3
"""The hint level that shows a model rebuttal."""

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def words(text: str) -> list[str]:
    """The lower-cased words of ``text``."""
    return _WORD.findall(text.lower())


def _runs(tokens: Sequence[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def pasted(answer: str, sources: Iterable[str], run: int = PASTE_RUN) -> bool:
    """Whether ``answer`` holds ``run`` consecutive words of any of ``sources``."""
    found = _runs(words(answer), run)
    return bool(found) and any(found & _runs(words(source), run) for source in sources)


def is_assisted(answer: str, hints: Iterable[tuple[int, str]], *, studied: bool = False) -> bool:
    """Whether an answer given after ``hints`` (level, text) was assisted (see the module doc); ``studied``: the
    model rebuttals were on the study screen just before."""
    taken = list(hints)
    if studied or any(level >= MODEL_HINT for level, _ in taken):
        return True
    return pasted(answer, (text for _, text in taken))
