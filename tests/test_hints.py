"""Hints worth their cost, on every bundled motion: hint 2 names only words the model rebuttal uses."""

from __future__ import annotations

from pathlib import Path

from debate.discovery import discover
from debate.hints import ATTACK, TARGET_WORDS, attack_target, best_rebuttal, hint_text, model_words
from debate.model import Rebuttal

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
            assert attack_target(argument.claim, best).removesuffix("…") in argument.claim
            assert hint_text(argument, 3)[1].startswith(best.text)


def test_the_first_hint_quotes_the_claim_to_a_clause_break_or_shows_it_was_cut() -> None:
    library = discover([MOTIONS])
    [gap] = [a for a in library.get("ban-homework").proposition if a.id == "widens-the-gap"]
    assert hint_text(gap, 1)[1].endswith("Aim at “Homework widens inequality”.")  # its clause, not "...have parents"
    for motion in library.motions:
        for argument in motion.proposition + motion.opposition:
            if argument.rebuttals:
                target = attack_target(argument.claim, best_rebuttal(argument))
                where = (motion.id, argument.id, target)
                words = target.removesuffix("…").split()
                whole = target == " ".join(argument.claim.split()).rstrip(".!?")  # it shares no word with the rebuttal
                assert whole or len(words) <= TARGET_WORDS, where
                assert words[-1].lower() not in {"a", "the", "and", "in", "to", "so", "that", "which", "be", "on"}, (
                    where
                )

    [tax] = [a for a in library.get("votes-at-16").proposition if a.id == "work-and-pay-tax"]
    assert hint_text(tax, 1)[1].endswith(
        "Aim at “Sixteen-year-olds can work, pay tax and in some…”."
    )  # not "countries"
    rebuttal = Rebuttal(
        "r", "Startups, universities and poor countries cannot afford to run frontier models.", "deny", 2
    )
    claim = "Open weights let startups, universities and poorer countries build on frontier AI cheaply and run it."
    assert attack_target(claim, rebuttal) == "startups, universities and poorer countries build on frontier…"  # a list
