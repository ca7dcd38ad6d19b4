"""Fuzzing the motion loader: hundreds of mutants of the bundled motions, each a clean error or a valid motion.

The mutation classes live in ``fuzz_mutants.py`` (which also runs a larger campaign by hand). Every run uses the same
seeds, so a failure here is reproducible with ``python tests/fuzz_mutants.py COUNT --seed SEED --scale SCALE``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from fuzz_mutants import BASES, MUTATIONS, bad_problem_lines, deadline, load_one, mutants
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.discovery import discover
from debate.errors import MotionError
from debate.model import Motion
from debate.motions import load_text

SCALE = 256 * 1024
"""Largest mutant in the suite (the by-hand campaign goes to 2 MB)."""
PER_FILE = 10.0
"""Seconds of wall clock one mutant may take before it counts as a hang (generous: shared, slow machines)."""


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_mutants_of_the_bundled_motions_end_cleanly(seed: int, tmp_path: Path) -> None:
    outcomes: dict[str, set[str]] = {name: set() for name in MUTATIONS}
    failures = []
    started = time.monotonic()
    for i, (name, data) in enumerate(mutants(126, seed, SCALE)):  # 4 x 126 = 504 mutants, every class 36 times
        outcome, _seconds, detail = load_one(tmp_path / f"mutant-{i}.yaml", data, PER_FILE)
        outcomes[name].add(outcome)
        if outcome not in ("error", "accepted"):
            failures.append(f"mutant {i} ({name}, seed {seed}): {outcome}: {detail}")
    assert not failures, "\n".join(failures[:10])
    assert all("error" in seen for seen in outcomes.values()), outcomes  # every class really damages files
    assert time.monotonic() - started < 60


def test_a_folder_of_mutants_still_lists_every_good_motion(tmp_path: Path) -> None:
    for i, (_name, data) in enumerate(mutants(len(MUTATIONS) * 2, 99, SCALE)):
        (tmp_path / f"mutant-{i:02}.yaml").write_bytes(data)
    (tmp_path / "zz-good.yaml").write_bytes(BASES[0].read_bytes().replace(b"\nid: ", b"\nid: zz-", 1))
    with deadline(120):
        library = discover([tmp_path])
    ids = {m.id for m in library.motions}
    assert {p.stem for p in BASES} <= ids and any(i.startswith("zz-") for i in ids)
    assert library.problems
    for problem in library.problems:
        assert bad_problem_lines(Path(problem.split(":")[0]), [problem]) == []


KEYS = ["schema", "id", "title", "tags", "difficulty", "source", "context", "thesis", "sides", "proposition",
        "opposition", "claim", "explanation", "rebuttals", "text", "type", "strength", "keywords", "phrasings",
        "examples", "match", "no_match", "origin", "author", "published", "extra"]  # fmt: skip
SCALARS = st.one_of(
    st.sampled_from(["deny", "turn", "introductory", "a-b", "x", "", " ", "1:30", "0x1f", "yes", "~", "2026-01-01"]),
    st.integers(min_value=-(10**80), max_value=10**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.text(max_size=30),
)
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.sampled_from(KEYS), children, max_size=6)
    ),
    max_leaves=40,
)


def _motionish(tree: Any, base: dict[str, Any]) -> dict[str, Any]:
    """A real motion with one of its values replaced by the generated tree (so the damage is deep, not only at the
    top level)."""
    return {**base, **tree} if isinstance(tree, dict) else {**base, "sides": {"proposition": [tree]}}


BASE = yaml.safe_load(BASES[0].read_text(encoding="utf-8"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TREES, st.sampled_from(["block", "flow", "canonical"]))
def test_any_yaml_shaped_like_a_motion_is_a_clean_error_or_a_motion(tree: Any, style: str) -> None:
    text = yaml.safe_dump(
        _motionish(tree, BASE),
        default_flow_style={"block": False, "flow": True, "canonical": None}[style],
        canonical=style == "canonical",
        allow_unicode=True,
        width=10**6,
    )
    try:
        with deadline(PER_FILE):
            motion = load_text(text, "hyp.yaml")
    except MotionError as exc:
        assert bad_problem_lines(Path("hyp.yaml"), exc.problems) == [], exc.problems
    else:
        assert isinstance(motion, Motion)
