"""Who may import whom (CONTRIBUTING's architecture map), read from the source with ``ast``: every import counts,
including those inside functions and under ``TYPE_CHECKING``."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "debate"
TUI = PACKAGE / "tui"
FIRSTFRAME = PACKAGE / "bench" / "firstframe.py"
"""The start-up benchmark: it runs the trainer and a bare Textual app, so it is a Textual program itself (and the
trainer never imports it)."""


def module_name(path: Path, root: Path = PACKAGE) -> str:
    """``debate.tui.screens.picker`` for ``.../debate/tui/screens/picker.py`` (a package is its ``__init__``)."""
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> Iterator[str]:
    """Every module ``path`` imports, anywhere in the file; ``from a import b`` yields ``a`` and ``a.b`` (b may be a
    submodule)."""
    return _imported(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))


def runtime_imports(path: Path) -> Iterator[str]:
    """As :func:`imports`, but what runs: imports under ``if TYPE_CHECKING:`` (annotations only) are left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for block in ast.walk(tree):
        if isinstance(block, ast.If) and isinstance(block.test, ast.Name) and block.test.id == "TYPE_CHECKING":
            block.body = []
    return _imported(tree)


def _imported(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def core_files() -> list[Path]:
    """The core: every module of the package outside ``debate/tui``."""
    return [p for p in sorted(PACKAGE.rglob("*.py")) if TUI not in p.parents]


def tui_graph(tui: Path = TUI) -> dict[str, set[str]]:
    """The import graph of the modules under ``tui``: module -> the modules of ``tui`` it imports."""
    files = {module_name(p, tui.parent): p for p in sorted(tui.rglob("*.py"))}
    return {name: {m for m in imports(path) if m in files and m != name} for name, path in files.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles of ``graph`` (each once, as a path back to its start)."""
    found: list[list[str]] = []
    seen: set[frozenset[str]] = set()

    def visit(node: str, path: list[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt == path[0]:
                key = frozenset(path)
                if key not in seen:
                    seen.add(key)
                    found.append([*path, nxt])
            elif nxt not in path and nxt > path[0]:  # each cycle is found from its smallest module
                visit(nxt, [*path, nxt])

    for start in sorted(graph):
        visit(start, [start])
    return found


def test_the_core_never_imports_textual() -> None:
    offenders = [
        f"{module_name(path)} imports {name}"
        for path in core_files()
        if path != FIRSTFRAME
        for name in imports(path)
        if name == "textual" or name.startswith("textual.")
    ]
    assert offenders == []


def test_importing_every_core_module_loads_no_textual() -> None:
    modules = [module_name(p) for p in core_files()]
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_the_trainer_never_imports_the_benchmarks() -> None:
    allowed = {PACKAGE / "cli.py"}  # `debate bench` opens them
    offenders = [
        f"{module_name(path)} imports {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path not in allowed and PACKAGE / "bench" not in path.parents
        for name in imports(path)
        if name == "debate.bench" or name.startswith("debate.bench.")
    ]
    assert offenders == []


def test_no_screen_or_widget_imports_the_app() -> None:
    offenders = [
        f"{module_name(path)} imports {name}"
        for folder in (TUI / "screens", TUI / "widgets")
        for path in sorted(folder.rglob("*.py"))
        for name in imports(path)
        if name == "debate.tui.app" or name.startswith("debate.tui.app.")
    ]
    assert offenders == []


def test_the_tui_import_graph_has_no_cycle() -> None:
    graph = tui_graph()
    assert graph.get("debate.tui.app")  # the graph was read
    assert cycles(graph) == []


def test_the_package_has_no_import_cycle_at_run_time() -> None:
    """Not even through imports inside functions (a lazy import hides a cycle; it does not remove it)."""
    files = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    graph = {name: {m for m in runtime_imports(path) if m in files and m != name} for name, path in files.items()}
    assert graph.get("debate.cli")  # the graph was read
    assert cycles(graph) == []


def test_cycles_are_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert cycles(graph) == [["a", "b", "c", "a"], ["e", "e"]]
