"""`debate schema` and the loader accept and reject the same files."""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.errors import MotionError
from debate.motions import json_schema, load_text

DATA = Path(__file__).parent / "data"
BASE = yaml.safe_load((DATA / "mini.yaml").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(json_schema())

VALUES: list[Any] = [
    True,
    False,
    None,
    0,
    1,
    2,
    3,
    4,
    -1,
    2.0,
    2.5,
    "",
    "   ",
    "text",
    "Bad_Id",
    "good-id",
    "deny",
    "turn",
    "advanced",
    "intermediate",
    [],
    ["x"],
    [""],
    [1],
    {},
    {"a": "b"},
    datetime.date(2026, 1, 1),
    "2026-01-01",
]


class _NoAliasDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, (*prefix, i))
    return out


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        node = node[step]
    return node


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        kind = draw(st.sampled_from(["set", "delete", "add-key"]))
        if not path:
            if kind == "set":
                data = copy.deepcopy(draw(st.sampled_from(VALUES)))
            continue
        parent, last = _get(data, path[:-1]), path[-1]
        if kind == "set":
            parent[last] = copy.deepcopy(draw(st.sampled_from(VALUES)))
        elif kind == "delete" and isinstance(parent, dict):
            del parent[last]
        elif kind == "add-key":
            target = _get(data, path)
            if isinstance(target, dict):
                target[draw(st.sampled_from(["extra", "claim", "text", "keywords", "strength"]))] = copy.deepcopy(
                    draw(st.sampled_from(VALUES))
                )
    return data


def _jsonable(value: Any) -> Any:
    """YAML data as an editor's JSON view sees it; a YAML date is not a string."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return {"yaml-date": value.isoformat()}
    return value


def _unique_ids(data: Any) -> bool:
    """Id uniqueness is the one rule JSON Schema cannot state; leave such files out of the comparison."""
    try:
        sides = data["sides"]
        args = [a for side in ("proposition", "opposition") for a in sides[side]]
        arg_ids = [a["id"] for a in args]
        if len(arg_ids) != len(set(map(str, arg_ids))):
            return False
        return all(len({str(r["id"]) for r in a["rebuttals"]}) == len(a["rebuttals"]) for a in args)
    except (KeyError, TypeError, IndexError):
        return True


def _loader_accepts(text: str) -> bool:
    try:
        load_text(text, "m.yaml")
    except MotionError:
        return False
    return True


def test_the_bundled_example_is_valid_for_both() -> None:
    assert VALIDATOR.is_valid(_jsonable(BASE))
    assert _loader_accepts(yaml.dump(BASE, Dumper=_NoAliasDumper))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_schema_and_loader_agree(data: Any) -> None:
    if not _unique_ids(data):
        return
    text = yaml.dump(data, Dumper=_NoAliasDumper, allow_unicode=True)
    assert _loader_accepts(text) == VALIDATOR.is_valid(_jsonable(data)), (
        text,
        [e.message for e in VALIDATOR.iter_errors(_jsonable(data))],
    )


def test_schema_file_shipped_for_editors_is_current() -> None:
    shipped = Path(__file__).resolve().parent.parent / "debate" / "motion.schema.json"
    assert json.loads(shipped.read_text(encoding="utf-8")) == json_schema()
