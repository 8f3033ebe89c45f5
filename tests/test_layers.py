"""Data flows one way: no import runs backwards through the pipeline.

Every ``import`` in ``src/casework`` (at module level, inside functions and under
``TYPE_CHECKING`` alike) is read with :mod:`ast`. A module may import its own
package and the packages below it in :data:`LAYERS`; ``cli`` and ``web`` may import
only ``desk``, ``model`` and ``errors``; only ``store`` and ``desk`` may hold an
unlocked store; and no stage is reached through a string (``importlib``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "casework"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors",),
    ("model",),
    ("gazetteer",),
    ("intake",),
    ("store",),
    ("extract",),
    ("link",),
    ("corroborate",),
    ("estimate",),
    ("publish",),
    ("report",),
    ("search",),
    ("desk",),
    ("web",),
    ("cli", "demo", "__init__", "__main__"),
)
"""The pipeline from the bottom up (DESIGN.md): a package sees only its own layer and those before it."""

FRONT_ENDS = {"cli": {"desk", "model", "errors", "cli", "web"}, "web": {"desk", "model", "errors", "web"}}
"""What the thin shells may import: the desk layer, the vocabulary and the errors (and ``cli`` starts ``web``)."""

STORE_HOLDERS = {"store", "desk", "cli", "web"}
"""Packages that may name an unlocked store (the front ends only pass the desk's one along)."""

RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _package(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return parts[0]


def _imports(path: Path) -> list[tuple[int, str, tuple[str, ...]]]:
    """(line, imported casework package, names) for every import of a casework module."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    here = _package(path)
    found: list[tuple[int, str, tuple[str, ...]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("casework."):
                    found.append((node.lineno, alias.name.split(".")[1], ()))
        elif isinstance(node, ast.ImportFrom):
            names = tuple(a.name for a in node.names)
            if node.level:
                found.append((node.lineno, here, names))
            elif node.module == "casework":
                found.extend((node.lineno, name, ()) for name in names if name in RANK)
            elif node.module and node.module.startswith("casework."):
                found.append((node.lineno, node.module.split(".")[1], names))
    return found


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "migrations" not in p.parts)


def backward_imports(modules: list[Path]) -> list[str]:
    """Each import of a later layer, or a forbidden one from a front end, as "file:line: a -> b"."""
    problems = []
    for path in modules:
        here = _package(path)
        for line, target, _names in _imports(path):
            where = f"{path.relative_to(SRC)}:{line}: {here} -> {target}"
            if here in FRONT_ENDS:
                if target not in FRONT_ENDS[here]:
                    problems.append(where + " (front ends call only desk, model and errors)")
            elif RANK.get(target, -1) > RANK[here]:
                problems.append(where + " (backwards through the pipeline)")
    return problems


def test_every_package_has_a_layer() -> None:
    assert {_package(p) for p in _modules()} <= set(RANK)


def test_no_import_runs_backwards() -> None:
    assert backward_imports(_modules()) == []


def test_only_the_desk_and_the_store_take_an_unlocked_store() -> None:
    holders = []
    for path in _modules():
        here = _package(path)
        for line, target, names in _imports(path):
            named = {"CaseStore", "open_store", "init_store"} & set(names)
            if target == "store" and here not in STORE_HOLDERS and named:
                holders.append(f"{path.relative_to(SRC)}:{line}")
    assert holders == []


def test_no_stage_is_reached_through_a_string() -> None:
    found = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module" and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and str(arg.value).startswith("casework."):
                    if str(arg.value).split(".")[1] != _package(path):
                        found.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert found == []


@pytest.mark.parametrize(
    ("package", "source"),
    [
        ("link", "from casework.corroborate import grade_incident\n"),
        ("store", "from casework.desk import link_store\n"),
        ("intake", "if TYPE_CHECKING:\n    from casework.store.api import CaseStore\n"),
        ("extract", "def f():\n    from casework.publish import assess_risk\n"),
        ("web", "from casework.link import link_mentions\n"),
        ("cli", "import casework.store.lifecycle\n"),
    ],
)
def test_a_backward_import_is_caught(tmp_path: Path, package: str, source: str) -> None:
    """The checker itself: a planted backward import (top level, lazy or typing-only) fails it."""
    global SRC
    planted = tmp_path / "casework" / package / "planted.py"
    planted.parent.mkdir(parents=True)
    planted.write_text(source, encoding="utf-8")
    saved, SRC = SRC, tmp_path / "casework"
    try:
        assert len(backward_imports([planted])) == 1
    finally:
        SRC = saved
