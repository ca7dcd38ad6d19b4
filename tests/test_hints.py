"""Hints worth their cost, on every bundled motion: hint 2 names only words the model rebuttal uses."""

from __future__ import annotations

from pathlib import Path

from debate.discovery import discover
from debate.hints import ATTACK, attack_target, best_rebuttal, hint_text, model_words

MOTIONS = Path(__file__).resolve().parent.parent / "motions"


def test_every_hint_on_the_bundled_motions_is_true_to_the_model_rebuttal() -> None:
    library = discover([MOTIONS])
    assert library.motions
    for motion in library.motions:
        for argument in motion.proposition + motion.opposition:
            if not argument.rebuttals:
                continue
            best = best_rebuttal(argument)
            words = model_words(argument.claim, best)
            assert words, (motion.id, argument.id)
            for word in words:
                assert word in best.text.lower(), (motion.id, argument.id, word)
            label, first = hint_text(argument, 1)
            assert label == "Line of attack" and first.startswith(ATTACK[best.type][0])
            assert attack_target(argument.claim, best) in argument.claim
            assert hint_text(argument, 3)[1].startswith(best.text)
