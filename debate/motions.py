"""Motion files, schema 1: the format (declared once, in :mod:`debate.spec`), loading and validation, the JSON Schema.

One declarative description of the format (:data:`MOTION_SPEC`) drives both the validator and
:func:`json_schema`, so the editor's schema and the loader cannot drift apart. Finding motion files and the parsed
motion cache are in :mod:`debate.discovery`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from debate.errors import MotionError
from debate.model import (
    DIFFICULTIES,
    REBUTTAL_TYPES,
    Argument,
    Examples,
    Motion,
    Rebuttal,
    Source,
)
from debate.spec import TITLE_LIMIT, Choice, Id, Integer, Key, ListOf, Mapping, Problems, Text, type_name
from debate.text_safety import excerpt
from debate.yamlnode import Node, YamlProblem

SCHEMA_VERSION = 1
SCHEMA_ID = "https://debate.invalid/schema/motion-1.json"


MAX_REBUTTALS = 12
"""Rebuttals per argument: a student reads them all after each round, and `check` runs every example against all."""
MAX_BANK_TEXTS = 2000
"""Rebuttal texts, phrasings and examples in one motion, all arguments together (the flagship has about 580)."""
MAX_PHRASINGS = 40
MAX_KEYWORDS = 12
MAX_EXAMPLES = 60
"""Limits that keep checking any motion file to seconds (the bundled ones use at most 4, 9, 2 and 5)."""
TEXT_LIST = ListOf(Text())
EXAMPLES = Mapping(
    "examples",
    {
        "match": Key(
            ListOf(Text(), description="Answers that must be a hit for this rebuttal.", max_items=MAX_EXAMPLES)
        ),
        "no_match": Key(ListOf(Text(), description="Near misses that must not be a hit.", max_items=MAX_EXAMPLES)),
    },
    "The rebuttal's own tests, run by `debate check`.",
)
REBUTTAL = Mapping(
    "rebuttal",
    {
        "id": Key(Id("Kebab-case, unique within the argument."), True),
        "text": Key(Text("The model rebuttal, one or two sentences."), True),
        "type": Key(Choice(REBUTTAL_TYPES, "How it answers the claim."), True),
        "strength": Key(Integer(1, 3, "1 (weak) to 3 (strong)."), True),
        "keywords": Key(
            ListOf(
                Text(),
                description="Words or short phrases a hit must carry; 'a|b' offers alternatives.",
                max_items=MAX_KEYWORDS,
            )
        ),
        "phrasings": Key(
            ListOf(Text(), description="Other ways students say the same thing.", max_items=MAX_PHRASINGS)
        ),
        "examples": Key(EXAMPLES),
    },
)
ARGUMENT = Mapping(
    "argument",
    {
        "id": Key(Id("Kebab-case, unique within the motion."), True),
        "claim": Key(Text("One sentence, as an opponent would say it."), True),
        "explanation": Key(Text("Why it matters; shown after the round."), True),
        "origin": Key(Text("Which claim of the source this argument carries.")),
        "rebuttals": Key(
            ListOf(REBUTTAL, min_items=1, description="The curated bank of answers.", max_items=MAX_REBUTTALS), True
        ),
    },
)
SOURCE = Mapping(
    "source",
    {
        "title": Key(Text(), True),
        "author": Key(Text()),
        "published": Key(Text("A date in quotes, e.g. '2026-03-01'.")),
        "url": Key(Text()),
    },
)
MOTION_SPEC = Mapping(
    "motion",
    {
        "schema": Key(Integer(SCHEMA_VERSION, SCHEMA_VERSION, "The format version: 1."), True),
        "id": Key(Id("Kebab-case, unique across every motion folder."), True),
        "title": Key(Text("The motion as a debater states it.", limit=TITLE_LIMIT), True),
        "tags": Key(ListOf(Text())),
        "difficulty": Key(Choice(DIFFICULTIES)),
        "source": Key(SOURCE),
        "context": Key(Text("Short neutral background the user reads first."), True),
        "thesis": Key(Text("The proposition's case in two or three sentences."), True),
        "sides": Key(
            Mapping(
                "sides",
                {
                    "proposition": Key(ListOf(ARGUMENT, min_items=1, description="Arguments for the motion."), True),
                    "opposition": Key(ListOf(ARGUMENT, min_items=1, description="Arguments against the motion."), True),
                },
            ),
            True,
        ),
    },
)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of motion files, generated from :data:`MOTION_SPEC`."""
    schema = MOTION_SPEC.schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "debate motion (schema 1)",
        **schema,
    }


# --------------------------------------------------------------------------- loading


def parse_file(path: Path, problems: Problems) -> Node:
    """Read and parse ``path`` safely; a YAML problem raises :class:`MotionError` with its one located line."""
    from debate.yamlsafe import parse_path  # the YAML library loads only when a file is parsed (not from the cache)

    try:
        return parse_path(path)
    except YamlProblem as exc:
        problems.add(None, exc.message, exc.line, exc.col)
        raise MotionError(problems.lines) from None


def load_motion(path: Path) -> Motion:
    """Load and validate one motion file; raise :class:`MotionError` listing every problem."""
    problems = Problems(path)
    return motion_from_node(parse_file(path, problems), problems, path)


def load_text(text: str, path: str = "<text>") -> Motion:
    """Load a motion from YAML text (``path`` names it in messages)."""
    from debate.yamlsafe import parse

    problems = Problems(path)
    try:
        root = parse(text)
    except YamlProblem as exc:
        problems.add(None, exc.message, exc.line, exc.col)
        raise MotionError(problems.lines) from None
    return motion_from_node(root, problems, Path(path))


def motion_from_node(root: Node, problems: Problems, path: Path) -> Motion:
    """Validate a parsed tree and build the :class:`Motion`; raise :class:`MotionError` on any problem."""
    if root.kind != "map":
        shown = "a list" if root.kind == "seq" else type_name(root.value, root.written)
        problems.add(root, f"a motion file must be a mapping of keys (schema, id, title, ...), but this is {shown}")
        raise MotionError(problems.lines)
    if "schema" in root.pairs:
        version = root.pairs["schema"][1]
        if isinstance(version.value, int) and not isinstance(version.value, bool) and version.value > SCHEMA_VERSION:
            problems.add(version, f"schema {version.value} is newer than this version of debate understands (1)")
            raise MotionError(problems.lines)
    data = MOTION_SPEC.check(root, "motion", problems)
    _check_unique_ids(root, problems)
    if problems.lines or data is None:
        raise MotionError(problems.lines or [f"{path}:1:1: invalid motion"])
    motion = _build(cast(dict[str, Any], data), path)
    texts = sum(
        1 + len(r.phrasings) + len(r.examples.match) + len(r.examples.no_match)
        for side in ("proposition", "opposition")
        for a in motion.arguments(side)
        for r in a.rebuttals
    )
    if texts > MAX_BANK_TEXTS:
        problems.add(
            root,
            f"the motion's banks hold {texts} texts (rebuttals, phrasings and examples); at most {MAX_BANK_TEXTS} are "
            "allowed, so that checking it takes seconds: split it into several motions",
        )
        raise MotionError(problems.lines)
    return motion


def _check_unique_ids(root: Node, problems: Problems) -> None:
    """Argument ids unique within the motion, rebuttal ids within their argument."""
    sides = root.pairs.get("sides")
    if sides is None or sides[1].kind != "map":
        return
    seen_args: dict[str, int] = {}
    for _, side_node in sides[1].pairs.values():
        for arg in side_node.items if side_node.kind == "seq" else []:
            _note_id(arg, seen_args, "argument", problems)
            rebuttals = arg.pairs.get("rebuttals") if arg.kind == "map" else None
            if rebuttals is None or rebuttals[1].kind != "seq":
                continue
            seen_rebuttals: dict[str, int] = {}
            for rebuttal in rebuttals[1].items:
                _note_id(rebuttal, seen_rebuttals, "rebuttal", problems)


def _note_id(node: Node, seen: dict[str, int], what: str, problems: Problems) -> None:
    if node.kind != "map" or "id" not in node.pairs:
        return
    id_node = node.pairs["id"][1]
    if not isinstance(id_node.value, str):
        return
    if id_node.value in seen:
        problems.add(
            id_node, f"duplicate {what} id '{excerpt(id_node.value)}' (first used at line {seen[id_node.value]})"
        )
    else:
        seen[id_node.value] = id_node.line


def _build(data: dict[str, Any], path: Path) -> Motion:
    def rebuttal(r: dict[str, Any]) -> Rebuttal:
        ex = r.get("examples") or {}
        return Rebuttal(
            id=r["id"],
            text=r["text"],
            type=r["type"],
            strength=r["strength"],
            keywords=tuple(r.get("keywords") or ()),
            phrasings=tuple(r.get("phrasings") or ()),
            examples=Examples(
                match=tuple(ex.get("match") or ()),
                no_match=tuple(ex.get("no_match") or ()),
                line=ex.get("__line__", r["__line__"]),
                match_lines=ex.get("__lines__", {}).get("match", ()),
                no_match_lines=ex.get("__lines__", {}).get("no_match", ()),
            ),
            line=r["__line__"],
            keyword_lines=r.get("__lines__", {}).get("keywords", ()),
            phrasing_lines=r.get("__lines__", {}).get("phrasings", ()),
        )

    def argument(a: dict[str, Any]) -> Argument:
        return Argument(
            id=a["id"],
            claim=a["claim"],
            explanation=a["explanation"],
            origin=a.get("origin") or "",
            rebuttals=tuple(rebuttal(r) for r in a["rebuttals"]),
            line=a["__line__"],
        )

    src = data.get("source")
    return Motion(
        id=data["id"],
        title=data["title"],
        context=data["context"],
        thesis=data["thesis"],
        proposition=tuple(argument(a) for a in data["sides"]["proposition"]),
        opposition=tuple(argument(a) for a in data["sides"]["opposition"]),
        tags=tuple(data.get("tags") or ()),
        difficulty=data.get("difficulty") or "intermediate",
        source=Source(src["title"], src.get("author") or "", src.get("published") or "") if src else None,
        path=path,
        id_line=data.get("__key_lines__", {}).get("id", 1),
    )
