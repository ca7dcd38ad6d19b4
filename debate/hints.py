"""The hint ladder: three rungs, each worth its cost, and what each one says.

1. **Line of attack** (cheapest): the type of the strongest rebuttal in the bank, what that type does, and which
   words of the opponent's claim to aim at (the words of the claim that the model rebuttal also takes up).
2. **Words to use**: up to :data:`WORDS_SHOWN` words that the model rebuttal really contains, taken from its keywords
   (the concepts the judge looks for) and, when they are too few, its longest other words; never the claim's own
   words, which earn little.
3. **Model rebuttal**: the strongest rebuttal's text. An answer after this hint is assisted (:mod:`debate.assist`).

What the rungs cost is a scoring rule (:data:`debate.scoring.HINT_COSTS`); :func:`hint_for` gives a rung with its
cost, and :data:`HINT_PAUSE` keeps a fast or repeated key from taking several at once.

Pure: no Textual, no I/O. Word matching here is deliberately plain (lower case, a five-letter prefix), enough to
find a word again in a sentence; the judge does the real matching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from debate.judge.text import GENERIC_STEMS, stems_of
from debate.model import Argument, Rebuttal
from debate.scoring import HINT_COSTS

HINT_PAUSE = 1.5
"""Seconds after a hint before the next one can be taken, so a fast or repeated key takes one hint, not three."""
WORDS_SHOWN = 3
"""How many words the second hint names."""
TARGET_WORDS = 8
"""The most words of the claim the first hint quotes."""
TARGET_MIN = 3
"""The fewest words a quote cut at a clause break keeps (fewer: it is cut after TARGET_WORDS, with an ellipsis)."""
ATTACK = {
    "deny": ("Deny it", "show the claim is false, unsupported or does not follow"),
    "mitigate": ("Mitigate it", "grant part of it, then show the effect is small"),
    "turn": ("Turn it", "show the claim actually helps your side"),
    "outweigh": ("Outweigh it", "grant it, then show something else matters more"),
}
"""How each type of rebuttal attacks a claim: a name and what to do."""
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _word_list(name: str) -> frozenset[str]:
    lines = (Path(__file__).parent / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


_SMALL = _word_list("hint_small_words.txt")
_OPENERS = _SMALL | _word_list("hint_clause_words.txt")
"""Words that open a clause after a comma."""


def _key(word: str) -> str:
    return word.lower()[:5]


def _content(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if w.lower() not in _SMALL and len(w) > 2]


def best_rebuttal(argument: Argument) -> Rebuttal:
    """The strongest rebuttal in the bank (the first of equals)."""
    return max(argument.rebuttals, key=lambda r: r.strength)


def attack_target(claim: str, rebuttal: Rebuttal) -> str:
    """The stretch of the claim the rebuttal takes up: from the first to the last claim word it shares with the
    rebuttal's text and keywords; the whole claim when they share none, and from its start when they share a
    stretch of fewer than :data:`TARGET_MIN` words (a hint said "Aim at 'countries'").

    A stretch of more than :data:`TARGET_WORDS` words is cut, never mid-phrase without saying so: it ends at the last
    clause break among its first :data:`TARGET_WORDS` words that keeps :data:`TARGET_MIN` of them or more (a
    semicolon, a colon, or a comma before a word that opens a clause: "..., because", "..., so", not the comma of a
    list), or else after :data:`TARGET_WORDS` words, less any small words at its end, with an ellipsis."""
    shared = {_key(w) for w in _content(rebuttal.text)}
    shared |= {_key(alt) for keyword in rebuttal.keywords for alt in keyword.split("|") for alt in [alt.strip()]}
    words = claim.strip().rstrip(".!?").split()
    hits = [
        i
        for i, w in enumerate(words)
        if (m := _WORD.search(w)) and m.group().lower() not in _SMALL and _key(m.group()) in shared
    ]
    if not hits:
        return " ".join(words)
    if hits[-1] - hits[0] + 1 < TARGET_MIN:  # a word or two ("countries", "students") says nothing of where to aim
        hits = [0, len(words) - 1]
    start = hits[0]
    if hits[-1] - start < TARGET_WORDS:
        return " ".join(words[start : hits[-1] + 1]).strip(",;:")
    window = words[start : start + TARGET_WORDS + 1]  # (the word after the last one says if its comma ends a clause)
    breaks = [
        i
        for i, w in enumerate(window[:TARGET_WORDS])
        if i + 1 >= TARGET_MIN
        and (w.endswith((";", ":")) or (w.endswith(",") and window[i + 1].lower().strip(",;:") in _OPENERS))
    ]
    window = window[:TARGET_WORDS]
    if breaks:
        return " ".join(window[: breaks[-1] + 1]).strip(",;:")
    while len(window) > 1 and window[-1].lower().strip(",;:") in _SMALL:
        window.pop()
    return " ".join(window).rstrip(",;:") + "…"


def _carries(word: str) -> bool:
    """Whether the judge reads ``word`` as one that can carry a point: a content word, not a generic one ("through",
    "every", "already" carry nothing, and a hint naming them says nothing)."""
    stems = stems_of(word)
    return len(stems) == 1 and stems[0] not in GENERIC_STEMS


def model_words(claim: str, rebuttal: Rebuttal, count: int = WORDS_SHOWN) -> list[str]:
    """Up to ``count`` words the model rebuttal really uses (as they appear in it), keywords first; only words that can
    carry the point (:func:`_carries`)."""
    in_text = {_key(w): w for w in _content(rebuttal.text) if _carries(w)}
    in_claim = {_key(w) for w in _content(claim)}
    chosen: list[str] = []
    for keyword in rebuttal.keywords:
        for alternative in keyword.split("|"):
            for part in _content(alternative):
                found = in_text.get(_key(part))
                if found and _key(found) not in in_claim and found.lower() not in (c.lower() for c in chosen):
                    chosen.append(found.lower())
                    break
    for word in sorted(in_text.values(), key=len, reverse=True):
        if len(chosen) >= count:
            break
        if _key(word) not in in_claim and word.lower() not in chosen:
            chosen.append(word.lower())
    return chosen[:count]


def hint_text(argument: Argument, level: int) -> tuple[str, str]:
    """(label, text) of the hint of ``level`` (1 to 3) for an argument with a non-empty bank."""
    best = best_rebuttal(argument)
    if level == 1:
        name, how = ATTACK.get(best.type, (best.type.capitalize(), best.type))
        return "Line of attack", f"{name}: {how}. Aim at “{attack_target(argument.claim, best)}”."
    if level == 2:
        words = model_words(argument.claim, best)
        listed = ", ".join(f"“{w}”" for w in words) if words else "(no words to give)"
        return "Words to use", f"The model rebuttal uses {listed}."
    return "Model rebuttal", f"{best.text} ({best.type})"


@dataclass(frozen=True)
class Hint:
    """One rung of the hint ladder."""

    level: int
    """1: the line of attack; 2: words the model rebuttal uses; 3: the model rebuttal."""
    label: str
    """A short heading, e.g. 'Types that work'."""
    text: str
    """What the hint says."""
    cost: int
    """Points this hint costs."""


def hint_for(argument: Argument, level: int) -> Hint:
    """The hint of ``level`` (1 to 3) for ``argument``, with its cost; what it says is :func:`hint_text`."""
    if not 1 <= level <= len(HINT_COSTS):
        raise ValueError(f"hint level must be 1 to {len(HINT_COSTS)}, not {level}")
    cost = HINT_COSTS[level - 1]
    if not argument.rebuttals:
        return Hint(level, "No hint", "This argument has no rebuttals in its bank.", cost)
    label, text = hint_text(argument, level)
    return Hint(level, label, text, cost)
