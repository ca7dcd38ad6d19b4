"""Structure tips: heuristic advice on how an answer is built (reason, example, impact, length, concession),
whatever its content. Pure: plain regular expressions, no judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
_REASON_RE = re.compile(
    r"\b(because|since|so|therefore|thus|hence|as a result|which means|that means|means that|due to|given that"
    r"|the reason|this is why|that is why|that's why|for this reason|as)\b",
    re.IGNORECASE,
)
_EXAMPLE_RE = re.compile(
    r"\b(for example|for instance|e\.g|such as|like when|consider|imagine|look at|take the|in \d{4}|case of"
    r"|evidence|studies|study|research|statistics|figures|history|last year)\b|\d",
    re.IGNORECASE,
)
_IMPACT_RE = re.compile(
    r"\b(matters?|important|crucial|worse|better|outweighs?|more than|less than|harms?|hurts?|benefits?|risks?"
    r"|leads? to|results? in|consequences?|cost|danger\w*|ultimately|in the end|which means|so what|impact"
    r"|undermines?|destroys?|damages?|loses?|lose|fails?|protects?|saves?|kills?|threat\w*)\b",
    re.IGNORECASE,
)
_CONCEDE_RE = re.compile(
    r"\b(i agree|we agree|(?:you|they)(?:'re|’re|re| are) right|(?:that|it)(?:'s|’s|s| is) (?:true|right)"
    r"|good point|fair point|fair enough|i concede|we concede|granted|true)\b",
    re.IGNORECASE,
)
_DENIED_BEFORE_RE = re.compile(
    r"\b(?:not|no|never|(?:is|are|was|were|do|does|did|ca|can|wo|would|should|could|has|have|had|ai)n['’]?t)"
    r"\W+(?:[\w'’]+\W+){0,2}$",
    re.IGNORECASE,
)
"""A negator up to three words before a concession's words: "thats not true", "i dont think thats true" deny it."""
_PUSHBACK_RE = re.compile(r"\b(but|however|yet|although|though|still|nevertheless|even so|even if|except)\b", re.I)
SHORT_WORDS = 8
"""Answers with fewer words than this get the 'too short' tip."""


@dataclass(frozen=True)
class Tip:
    """A structure tip: how the answer could be built better, whatever its content."""

    code: str
    """too-short, concedes, no-reason, no-example or no-impact."""
    text: str
    """The advice, one sentence."""


def structure_tips(answer: str) -> tuple[Tip, ...]:
    """Heuristic advice on how the answer is built: reason, example, impact, length, concession.

    ``answer`` is the part of the answer that was judged (a session passes its first ``MATCH_LIMIT`` characters).
    """
    text = answer
    words = _WORD_RE.findall(text)
    if not words:
        return ()
    tips: list[Tip] = []
    if len(words) < SHORT_WORDS:
        tips.append(Tip("too-short", "Too short: state your point, then give the reason for it (two sentences)."))
    concession = next((m for m in _CONCEDE_RE.finditer(text) if not _DENIED_BEFORE_RE.search(text, 0, m.start())), None)
    if concession and not _PUSHBACK_RE.search(text, concession.end()):
        tips.append(
            Tip("concedes", "You concede the point without answering it: if you grant it, follow with “but …”.")
        )
    if not _REASON_RE.search(text):
        tips.append(Tip("no-reason", "Give a reason: say why, with “because …” or “so …”."))
    if not _EXAMPLE_RE.search(text):
        tips.append(Tip("no-example", "Add an example or a piece of evidence (“for example …”)."))
    if not _IMPACT_RE.search(text):
        tips.append(Tip("no-impact", "Say why it matters: what follows if you are right, and for whom?"))
    return tuple(tips)
