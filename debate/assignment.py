"""Assignment files: what a teacher asks a class to practise, validated like motions.

```yaml
schema: 1
kind: assignment
title: Week 3 - AI policy
motions:
  - id: api-blocking-distillation
    side: opposition          # the side the students argue
mode: full                    # full | quick | timed
time_limit: 90                # seconds per argument (optional)
hints: true                   # whether hints are allowed
pass_mark: 60                 # percent of the points available
due: '2026-12-01'             # optional, quoted; work finished after this day is marked late
id: week-3-ai-policy          # optional: keeps results grouped if the title is edited
roster:                       # optional: who should hand in (the report lists who has not)
  - Ana Lima
  - Ben Okafor
```
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from debate.errors import MotionError
from debate.model import SIDES, Side
from debate.motions import parse_file
from debate.results import STUDENT_NAME_LIMIT
from debate.spec import TITLE_LIMIT, Choice, Id, Integer, Key, ListOf, Mapping, Problems, Text, suggest
from debate.text_safety import excerpt, match_key
from debate.yamlnode import Node

MODES = ("full", "quick", "timed")


class Boolean(Text):
    """A YAML true/false."""

    def check(self, node: Node, where: str, problems: Problems) -> Any:
        if node.kind != "scalar" or not isinstance(node.value, bool):
            problems.add(node, f"{where} must be true or false")
            return None
        return node.value

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


class IsoDate(Text):
    """A quoted ISO date (YYYY-MM-DD)."""

    def check(self, node: Node, where: str, problems: Problems) -> Any:
        value = super().check(node, where, problems)
        if value is None:
            return None
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            problems.add(node, f"{where} must be a date like '2026-12-01', not '{excerpt(value)}'")
            return None
        return value


ASSIGNMENT_SPEC = Mapping(
    "assignment",
    {
        "schema": Key(Integer(1, 1), True),
        "kind": Key(Choice(("assignment",)), True),
        "title": Key(Text("What the students see.", limit=TITLE_LIMIT), True),
        "motions": Key(
            ListOf(
                Mapping("assignment motion", {"id": Key(Id(), True), "side": Key(Choice(SIDES), True)}),
                min_items=1,
            ),
            True,
        ),
        "mode": Key(Choice(MODES)),
        "time_limit": Key(Integer(5, 3600, "Seconds per argument.")),
        "hints": Key(Boolean()),
        "pass_mark": Key(Integer(0, 100, "Percent of the points available.")),
        "due": Key(IsoDate()),
        "id": Key(Id()),
        "roster": Key(ListOf(Text("A student's name, as they type it.", limit=STUDENT_NAME_LIMIT))),
    },
)


@dataclass(frozen=True)
class Assignment:
    """A validated assignment."""

    title: str
    """What the students see."""
    motions: tuple[tuple[str, Side], ...]
    """(motion id, side the students argue), in order."""
    mode: str = "full"
    """full, quick or timed."""
    time_limit: int | None = None
    """Seconds per argument, if limited."""
    hints: bool = True
    """Whether hints are allowed."""
    pass_mark: int = 50
    """Percent of the points available needed to pass."""
    due: str | None = None
    """ISO due date, if any."""
    id: str | None = None
    """The teacher's id for the assignment (results group by it, else by a fingerprint of title, motions and mode)."""
    roster: tuple[str, ...] = ()
    """Students expected to hand in (empty: no roster)."""
    path: Path | None = None
    """The file it came from."""
    positions: tuple[tuple[int, int], ...] = field(default=(), compare=False)
    """(line, column) of each motion id in the file, in the order of ``motions``, for located messages."""
    warnings: tuple[str, ...] = field(default=(), compare=False)
    """Located ``path:line:col: message`` lines about things that are allowed but probably wrong (a roster name
    with commas: several names on one line)."""


def is_assignment(root: Node) -> bool:
    """Whether a parsed file declares ``kind: assignment``."""
    if root.kind != "map" or "kind" not in root.pairs:
        return False
    return bool(root.pairs["kind"][1].value == "assignment")


def looks_like_assignment(root: Node) -> bool:
    """Whether a parsed file is an assignment, or one that forgot or mistyped ``kind: assignment`` (it lists
    ``motions`` and has no ``sides``): checked as an assignment, it gets the one line saying what is wrong rather than
    a motion's missing keys."""
    if is_assignment(root):
        return True
    return root.kind == "map" and "motions" in root.pairs and "sides" not in root.pairs


def assignment_from_node(root: Node, problems: Problems, path: Path) -> Assignment:
    """Validate a parsed assignment; raise :class:`MotionError` listing every problem."""
    data = ASSIGNMENT_SPEC.check(root, "assignment", problems)
    if problems.lines or data is None:
        raise MotionError(problems.lines or [f"{path}:1:1: invalid assignment"])
    d = cast(dict[str, Any], data)
    _check_repeats(root, problems)
    if problems.lines:
        raise MotionError(problems.lines)
    return Assignment(
        title=d["title"],
        motions=tuple((m["id"], m["side"]) for m in d["motions"]),
        mode=d.get("mode") or ("timed" if d.get("time_limit") else "full"),
        time_limit=d.get("time_limit"),
        hints=d.get("hints", True),
        pass_mark=d.get("pass_mark", 50),
        due=d.get("due"),
        id=d.get("id"),
        roster=tuple(" ".join(name.split()) for name in d.get("roster") or () if name.strip()),
        path=path,
        positions=tuple((item.pairs["id"][1].line, item.pairs["id"][1].col) for item in root.pairs["motions"][1].items),
        warnings=tuple(
            f"{path}:{node.line}:{node.col}: roster name {commas_warning(str(node.value))} Give each student a line of "
            "their own ('- Ana Lima')"
            for node in (root.pairs["roster"][1].items if "roster" in root.pairs else ())
            if "," in str(node.value)
        ),
    )


def commas_warning(name: str) -> str:
    """The words for a roster name with commas in it, which is almost surely several names on one line."""
    return f"'{excerpt(name)}' has commas: is it several names?"


def _check_repeats(root: Node, problems: Problems) -> None:
    """A motion named twice, or a student on the roster twice (by :func:`match_key`), is a problem at the repeat: the
    report grades each motion once per student and each name once."""
    first: dict[str, Node] = {}
    for item in root.pairs["motions"][1].items:
        node = item.pairs["id"][1]
        if node.value in first:
            problems.add(
                node,
                f"motion '{excerpt(str(node.value))}' is named twice (also at line {first[node.value].line}); name "
                "each motion once, and make a second assignment to argue its other side",
            )
        else:
            first[str(node.value)] = node
    if "roster" not in root.pairs:
        return
    names: dict[str, Node] = {}
    for node in root.pairs["roster"][1].items:
        key = match_key(str(node.value))
        if not key:
            continue
        if key in names:
            problems.add(
                node,
                f"'{excerpt(str(node.value))}' is on the roster twice (also at line {names[key].line}: names are "
                "matched whatever their case, accents and spacing)",
            )
        else:
            names[key] = node


def load_assignment(path: Path) -> Assignment:
    """Load and validate an assignment file."""
    problems = Problems(path)
    root = parse_file(path, problems)
    if root.kind == "map" and not is_assignment(root):
        if not looks_like_assignment(root):
            problems.add(root, "not an assignment file (it needs 'kind: assignment')")
            raise MotionError(problems.lines)
        if "kind" not in root.pairs:  # (it lists motions: an assignment whose kind was left out)
            problems.add(root, "an assignment file needs the line 'kind: assignment' (add it at the top)")
            raise MotionError(problems.lines)
        # a kind mistyped: the validation below says so at its line
    return assignment_from_node(root, problems, path)


def unknown_motions(assignment: Assignment, known: Collection[str]) -> list[str]:
    """One located line for each motion the assignment names that is not in ``known``."""
    from debate.locations import user_motions_dir

    where = assignment.path or Path("assignment")
    own = f" (a motion of your own needs --motions DIR, or a copy in {user_motions_dir()})"
    return [
        f"{where}:{line}:{col}: assignment names motion '{excerpt(motion_id)}', which was not found"
        + (suggest(motion_id, known) or own)
        for (motion_id, _side), (line, col) in zip(assignment.motions, assignment.positions, strict=True)
        if motion_id not in known
    ]
