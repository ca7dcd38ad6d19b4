"""The practice session state machine: modes, hints, skip, time-out, scoring, tips, summary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest
from markdown_it import MarkdownIt
from tui_fixtures import UNIFORMS, FakeClock

from debate.hints import HINT_PAUSE, hint_for
from debate.judge import Candidate, Verdict
from debate.model import Argument
from debate.scoring import HINT_COSTS, MAX_POINTS, points_breakdown, points_for
from debate.session import DEFAULT_TIME_LIMIT, MATCH_LIMIT, PracticeSession
from debate.tips import structure_tips


def V(candidate_id: str, score: float, verdict: str, spans: tuple[tuple[int, int], ...] = ()) -> Verdict:
    """A verdict as the judge would give it."""
    return Verdict(candidate_id, score, verdict, (), (), spans)  # type: ignore[arg-type]


class ScriptedJudge:
    """A judge whose verdicts a test decides: answers naming a rebuttal id hit it, '~id' is a near miss."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def rank(self, answer: str, candidates: Sequence[Candidate], claim: str = "") -> list[Verdict]:
        self.calls.append(answer)
        out = []
        for c in candidates:
            if f"~{c.id}" in answer:
                out.append(V(c.id, 0.4, "near"))
            elif c.id in answer:
                out.append(V(c.id, 0.8, "hit", spans=((answer.index(c.id), answer.index(c.id) + len(c.id)),)))
            else:
                out.append(V(c.id, 0.1, "miss"))
        return sorted(out, key=lambda v: -v.score)


def make(mode: str = "full", **kwargs: Any) -> tuple[PracticeSession, FakeClock]:
    clock = FakeClock()
    session = PracticeSession(UNIFORMS, "proposition", mode=mode, clock=clock, judge=ScriptedJudge(), **kwargs)  # type: ignore[arg-type]
    return session, clock


# ---- which arguments come up


def test_user_rebuts_the_other_side() -> None:
    session, _ = make()
    assert session.opponent == "opposition"
    assert [a.id for a in session.queue] == [a.id for a in UNIFORMS.opposition]
    opp = PracticeSession(UNIFORMS, "opposition", clock=FakeClock(), judge=ScriptedJudge())  # type: ignore[arg-type]
    assert [a.id for a in opp.queue] == ["brand-pressure", "school-identity"]


def test_quick_mode_takes_three_and_drill_takes_a_list() -> None:
    big = replace(UNIFORMS, opposition=UNIFORMS.opposition * 2)
    quick = PracticeSession(big, "proposition", mode="quick", clock=FakeClock())
    assert quick.total == 3
    drill = PracticeSession(UNIFORMS, "proposition", mode="drill", arguments=[UNIFORMS.proposition[1]])
    assert [a.id for a in drill.queue] == ["school-identity"]
    with pytest.raises(ValueError):
        PracticeSession(UNIFORMS, "proposition", mode="drill")


def test_timed_mode_defaults_its_limit() -> None:
    session, _ = make("timed")
    assert session.time_limit == DEFAULT_TIME_LIMIT
    untimed, _ = make()
    assert untimed.time_left() is None and not untimed.expired()


# ---- a whole session


def test_play_through_and_summary() -> None:
    session, clock = make()
    clock.advance(20)
    first = session.submit("without uniforms there is pressure: expression-is-pressure")
    assert first.outcome == "hit" and first.points == 8  # strength 3: 2 + 2*3
    assert first.seconds == pytest.approx(20)
    assert session.phase == "feedback"
    with pytest.raises(RuntimeError):
        session.submit("again")
    assert session.advance() is UNIFORMS.opposition[1]
    clock.advance(5)
    second = session.skip()
    assert second.skipped and second.points == 0 and second.outcome == "skipped"
    assert all(v.verdict == "miss" for v in second.verdicts)
    assert {v.candidate_id for v in second.verdicts} == {r.id for r in UNIFORMS.opposition[1].rebuttals}
    session.advance()
    clock.advance(40)
    third = session.submit("~simple-rules close but not quite")
    assert third.outcome == "near" and third.points == 2
    assert session.is_last
    assert session.advance() is None and session.done

    summary = session.summary()
    assert summary.total == 10 and summary.max_total == 3 * MAX_POINTS
    assert summary.seconds == pytest.approx(65)
    assert [r.argument.id for r, _ in summary.best_hits] == ["self-expression"]
    assert [t.argument.id for t in summary.to_review] == ["cost-to-families", "teachers-waste-time"]
    assert not any(t.helped for t in summary.to_review)
    # the strongest rebuttal is the one to review
    assert summary.to_review[0].rebuttal.id == "cheaper-than-fashion"
    data = summary.to_dict()
    assert [r["outcome"] for r in data["rounds"]] == ["hit", "skipped", "near"]
    markdown = summary.to_markdown()
    assert "10/30" in markdown and "## To review" in markdown
    # every answer goes into the export, beside each model rebuttal and its verdict
    answers = markdown.split("## Your answers beside the model rebuttals")[1]
    first = summary.results[0]
    assert f"> {first.answer}" in answers and "> (skipped)" in answers
    assert all(f"{r.type}: {r.text}" in answers for r in first.argument.rebuttals)
    assert "- **hit** 0.80" in answers


def test_the_markdown_export_reflows_motion_text_written_as_yaml_blocks() -> None:
    """A claim and a rebuttal written as ``|`` blocks: their line breaks are the author's editor's, not paragraphs;
    a blank line is a paragraph that must stay inside its list item."""
    argument = UNIFORMS.opposition[0]
    strongest = replace(
        argument.rebuttals[1],
        text="Free choice of clothes turns\nexpression into pressure.\n\nMost pupils\nconform anyway.\n",
    )
    claim = "Choosing their own clothes\nlets pupils express who they are.\n"
    motion = replace(
        UNIFORMS,
        title="This House would make\nschool uniforms compulsory\n",
        opposition=(replace(argument, claim=claim, rebuttals=(argument.rebuttals[0], strongest)),),
    )
    session = PracticeSession(motion, "proposition", clock=FakeClock(), judge=ScriptedJudge())  # type: ignore[arg-type]
    session.submit("~expression-elsewhere close")
    markdown = session.finish().to_markdown()
    flat = "Choosing their own clothes lets pupils express who they are."
    assert markdown.startswith("# This House would make school uniforms compulsory\n")
    assert f"| 1 | {flat} | near |" in markdown and f"### 1. {flat}\n" in markdown
    assert "turn: Free choice of clothes turns expression into pressure.\n\n  Most pupils conform anyway.\n" in markdown
    assert (
        "  - Try: Free choice of clothes turns expression into pressure.\n\n    Most pupils conform anyway." in markdown
    )
    html = MarkdownIt().render(markdown)  # each paragraph of the rebuttal stays in its list item
    assert "<p>Most pupils conform anyway. (turn)</p>\n</li>" in html
    assert "<p>Most pupils conform anyway.</p>\n</li>" in html
    assert "<p>Most pupils" not in html.split("</ul>")[-1]


def test_the_markdown_export_keeps_an_answer_text_never_markup() -> None:
    """A student's answer is quoted as text: no heading, tag, emphasis or table break of its own (found in review:
    the class report escaped answers, the summary export did not)."""
    session, _ = make()
    hostile = "# Heading <img src=x onerror=alert(1)> *bold* | cell\n## second line"
    session.submit(hostile)
    markdown = session.finish().to_markdown()
    assert "> \\# Heading \\<img src=x onerror=alert(1)\\> \\*bold\\* \\| cell\\\n> \\#\\# second line" in markdown
    html = MarkdownIt().render(markdown)
    assert "<img" not in html and "<em>bold" not in html and "<h1>Heading" not in html and "<h2>second" not in html
    assert "| cell<br />\n## second line" in html  # each line of the answer stays a line (a hard break)


def test_no_line_of_an_answer_starts_markdown_of_its_own() -> None:
    """Lists, setext headings, rules, code blocks, entities and strikethrough from an answer's lines stay text (a
    tester's "Owned / === / 1) item &copy;" rendered as a heading, a list and a copyright sign)."""
    session, _ = make()
    lines = ["Owned", "===", "1) item &copy; &lt;b&gt;", "- dash", "+ plus", "    code", "~~gone~~", "---", "10. ten"]
    session.submit("\n".join(lines))
    html = MarkdownIt().enable("strikethrough").render(session.finish().to_markdown())
    quote = html[html.index("<blockquote>") : html.index("</blockquote>")]
    for tag in ("<h1>", "<h2>", "<ol", "<ul", "<li>", "<pre>", "<code>", "<s>", "<del>", "<hr"):
        assert tag not in quote, tag
    assert "&amp;copy;" in quote and "&amp;lt;b&amp;gt;" in quote and "~~gone~~" in quote and "10. ten" in quote


def test_best_hits_are_answers_made_alone_first_and_never_one_built_from_the_model_rebuttal() -> None:
    session, clock = make()
    for _ in range(3):  # the third hint is the model rebuttal: an answer after it is assisted
        session.take_hint()
        clock.advance(HINT_PAUSE)
    assisted = session.submit("expression-is-pressure")  # the strongest rebuttal, copied
    session.advance()
    alone = session.submit("second-hand")  # the weakest rebuttal, no hint
    session.advance()
    session.take_hint()  # a lesser hint: still the student's own hit, but after those made without one
    helped = session.submit("simple-rules")
    assert assisted.assisted and assisted.points > 0 and not helped.assisted
    assert helped.points > alone.points
    summary = session.summary()
    assert [r.argument.id for r, _ in summary.best_hits] == ["cost-to-families", "teachers-waste-time"]
    assert [h["argument"] for h in summary.to_dict()["best_hits"]] == ["cost-to-families", "teachers-waste-time"]

    teachers, cost = UNIFORMS.opposition[2], UNIFORMS.opposition[1]
    unaided, _ = make("drill", arguments=[teachers, cost])  # among answers made alone, the points earned decide
    unaided.submit("simple-rules")  # a strength-2 rebuttal: 6 points
    unaided.advance()
    unaided.submit("cheaper-than-fashion and second-hand")  # a strength-2 rebuttal and one more hit: 7 points
    ranked = [(r.argument.id, r.points) for r, _ in unaided.summary().best_hits]
    assert ranked == [(cost.id, 7), (teachers.id, 6)]


def test_finish_early_leaves_the_rest_unanswered() -> None:
    session, _ = make()
    session.submit("expression-elsewhere")
    summary = session.finish()
    assert session.done and session.ended_early
    assert [a.id for a in summary.unanswered] == ["cost-to-families", "teachers-waste-time"]
    assert summary.max_total == 3 * MAX_POINTS  # the unreached arguments still count: ending early never pays


def test_feedback_time_does_not_count() -> None:
    session, clock = make()
    clock.advance(10)
    session.submit("expression-elsewhere")
    clock.advance(300)  # reading the feedback
    session.advance()
    clock.advance(7)
    assert session.submit("second-hand").seconds == pytest.approx(7)


# ---- scoring


def test_points_rules() -> None:
    strengths = {"a": 1, "b": 2, "c": 3, "d": 2}
    assert points_for([V("c", 0.9, "hit")], strengths, 0) == 8
    assert points_for([V("a", 0.9, "hit")], strengths, 0) == 4
    assert points_for([V("b", 0.6, "hit"), V("a", 0.55, "hit")], strengths, 0) == 7
    # best hit counts by strength, not by score order; at most two further hits
    assert points_for([V(x, 0.9, "hit") for x in "abcd"], strengths, 0) == 10
    assert points_for([V("c", 0.4, "near"), V("a", 0.35, "near")], strengths, 0) == 3
    assert points_for([V("c", 0.1, "miss")], strengths, 0) == 0
    # hints: 1, then 2, then 3; never below zero
    assert [points_for([V("c", 0.9, "hit")], strengths, n) for n in range(4)] == [8, 7, 5, 2]
    assert points_for([V("a", 0.4, "near")], strengths, 3) == 0


def test_breakdown_adds_up() -> None:
    strengths = {"a": 1, "c": 3}
    lines = points_breakdown([V("c", 0.9, "hit"), V("a", 0.6, "hit")], strengths, 2)
    assert lines == ["best hit, strength 3: +8", "1 further hit: +1", "2 hints: -3", "= 6 of 10"]


# ---- hints


def test_hint_ladder_costs_and_content() -> None:
    session, _ = make()
    argument = session.current
    assert argument is not None
    assert session.next_hint_cost() == HINT_COSTS[0]
    first = session.take_hint()
    assert first is not None and first.level == 1 and first.text.startswith("Turn it")  # the strongest line
    assert "“clothes lets pupils express”" in first.text  # what to attack: the part the model rebuttal takes up
    second = session.take_hint()
    assert second is not None and "“fashion”, “pressure”" in second.text  # words the model rebuttal really uses
    third = session.take_hint()
    assert third is not None and argument.rebuttals[1].text in third.text
    assert session.take_hint() is None and session.hints_left == 0
    result = session.submit("expression-is-pressure")
    assert result.hints_used == 3 and result.points == 8 - sum(HINT_COSTS)
    session.advance()
    assert session.hints_left == 3  # the ladder resets per argument


def test_the_next_hint_waits_a_moment() -> None:
    session, clock = make()
    assert session.hint_wait() == 0
    session.take_hint()
    assert session.hint_wait() == HINT_PAUSE
    clock.advance(HINT_PAUSE)
    assert session.hint_wait() == 0
    session.take_hint()
    session.skip()
    session.advance()
    assert session.hint_wait() == 0  # a new argument starts afresh


def test_hint_without_keywords_uses_a_word_of_the_text() -> None:
    argument = UNIFORMS.opposition[2]
    bare = Argument(argument.id, argument.claim, argument.explanation, (replace(argument.rebuttals[0], keywords=()),))
    assert "“arguments”" in hint_for(bare, 2).text  # a long word of the model text
    with pytest.raises(ValueError):
        hint_for(argument, 4)


# ---- time-outs


def test_timeout_submits_what_was_typed() -> None:
    session, clock = make(time_limit=30)
    assert session.time_left() == 30
    clock.advance(29)
    assert not session.expired()
    clock.advance(2)
    assert session.expired() and session.time_left() == 0
    result = session.time_out("expression-elsewhere is my answer")
    assert result.timed_out and result.outcome == "hit" and result.points == 6
    assert result.seconds == 30  # capped at the limit
    session.advance()
    assert session.time_left() == 30  # the next argument gets a fresh countdown


def test_late_submit_counts_as_timeout_and_empty_timeout_is_a_miss() -> None:
    session, clock = make(time_limit=10)
    clock.advance(12)
    assert session.submit("~expression-elsewhere").timed_out
    session.advance()
    clock.advance(10)
    result = session.time_out("")
    assert result.outcome == "timeout" and result.points == 0 and not result.tips


# ---- long answers


def test_twenty_kilobyte_answer_is_kept_whole_and_only_its_start_matched() -> None:
    answer = ("expression-elsewhere because hobbies matter for example at weekends. " * 400)[:20_000]
    session, _ = make()
    result = session.submit(answer)
    assert result.answer == answer and result.truncated
    judge = session.judge
    assert isinstance(judge, ScriptedJudge) and len(judge.calls[-1]) == MATCH_LIMIT


def test_real_matcher_scores_a_bank_example() -> None:
    """With the real matcher, a rebuttal's own example is a hit and a 20 kB paste does not crash."""
    session = PracticeSession(UNIFORMS, "proposition", clock=FakeClock())
    rebuttal = UNIFORMS.opposition[0].rebuttals[1]
    result = session.submit(rebuttal.examples.match[0])
    assert rebuttal.id in {v.candidate_id for v in result.hits}
    assert result.points > 0
    session.advance()
    long = session.submit("word " * 4000)
    assert long.truncated and not long.hits


# ---- structure tips


def codes(answer: str) -> set[str]:
    return {tip.code for tip in structure_tips(answer)}


def test_tips_for_a_bare_assertion() -> None:
    assert codes("uniforms are bad") == {"too-short", "no-reason", "no-example", "no-impact"}
    assert codes("") == set()


def test_a_well_built_answer_gets_no_tips() -> None:
    answer = (
        "Uniforms are cheaper than fashion because one set lasts a whole year; for example a jumper costs "
        "ten pounds, so poorer families save money, which matters more than brand choice."
    )
    assert codes(answer) == set()


def test_concession_without_pushback_is_flagged() -> None:
    assert "concedes" in codes("I agree that expression matters a lot to young people at school today")
    assert "concedes" not in codes("I agree that expression matters, but pupils can express it in hobbies")


def test_a_denial_is_no_concession_and_thats_right_is_one() -> None:
    """ "Thats not true" and "I dont think thats true" deny the claim; "Yes thats right" grants it (found by a student
    walking the app: the tip fired on the denials and not on the agreement)."""
    for denial in ("Thats not true. Discipline comes from good teachers", "I dont think thats true, its not that hard"):
        assert "concedes" not in codes(denial), denial
    assert "concedes" in codes("Yes thats right, shopping and video data is not reasoning data at all")
    assert "concedes" in codes("It's true that the ban slows them down for a year or two")


def test_the_scoring_help_is_written_from_the_rules() -> None:
    from debate.scoring import HIT, NEAR, hint_cost, hit_points
    from debate.tui.copy import SCORING_HELP

    assert f"up to {MAX_POINTS} points" in SCORING_HELP
    assert f"earns {hit_points(1)}, {hit_points(2)} or {hit_points(3)} points" in SCORING_HELP
    assert f"{hint_cost(len(HINT_COSTS))} for all three" in SCORING_HELP
    assert f"score {HIT:.2f} or more" in SCORING_HELP and f"({NEAR:.2f} to {HIT:.2f})" in SCORING_HELP


def test_the_judge_and_the_schedule_use_the_scoring_thresholds() -> None:
    from debate import judge, review, scoring

    assert judge.HIT == review.HIT == scoring.HIT and judge.NEAR == scoring.NEAR


class FixedJudge:
    """A judge whose every verdict a test fixes: rebuttal id -> (score, verdict); the rest are misses."""

    def __init__(self, verdicts: dict[str, tuple[float, str]]) -> None:
        self.verdicts = verdicts

    def rank(self, answer: str, candidates: Sequence[Candidate], claim: str = "") -> list[Verdict]:
        out = [V(c.id, *self.verdicts.get(c.id, (0.1, "miss"))) for c in candidates]
        return sorted(out, key=lambda v: -v.score)


def test_a_best_hit_is_the_hit_that_earned_the_points_not_the_better_scoring_one() -> None:
    """Best hits showed a strength-1 hit that scored higher than the strength-2 hit that earned the points (found by a
    student): the hit named is the one the points were counted from, as the breakdown says."""
    cost = UNIFORMS.opposition[1]  # cheaper-than-fashion (strength 2), second-hand (strength 1)
    judge = FixedJudge({"second-hand": (0.9, "hit"), "cheaper-than-fashion": (0.6, "hit")})
    session = PracticeSession(UNIFORMS, "proposition", mode="drill", arguments=[cost], clock=FakeClock(), judge=judge)  # type: ignore[arg-type]
    result = session.submit("uniforms are cheaper than fashion, and second-hand shops help")
    assert result.verdicts[0].candidate_id == "second-hand"  # the better match...
    assert result.points == 7 and result.breakdown()[0] == "best hit, strength 2: +6"  # ...but not what scored 6
    summary = session.summary()
    [(_, hit)] = summary.best_hits
    assert hit.candidate_id == "cheaper-than-fashion"
    assert summary.to_dict()["best_hits"] == [{"argument": cost.id, "rebuttal": "cheaper-than-fashion"}]
    assert cost.rebuttals[0].text in summary.to_markdown().split("## Best hits")[1]
