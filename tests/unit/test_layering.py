"""thematica's packages import each other in stage order, without cycles, and never the demo or evaluation.

The import graph is read from the source with ``ast`` (nothing is imported): every ``import`` and
``from ... import`` in ``src/thematica``, inside functions too, relative imports resolved. A node of the
package graph is a first-level name under thematica: a package (``thematica.codes``) or a top-level module
(``thematica.config``), which is its own node.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "thematica"

#: Importable by anyone; they import only each other.
CORE = frozenset({"thematica", "errors", "config", "schemas"})

#: Outside the pipeline: the demo studies' generator and the evaluation of the pipeline (benchmark corpora,
#: measurements). They may import any stage; nothing but each other imports them.
OUTSIDE = frozenset({"demo", "evaluation"})

#: Stage order: each stage and the stages it comes right after. A stage may import core, the stages it
#: comes after and whatever those may import; never a later stage or one on another branch.
AFTER: dict[str, frozenset[str]] = {
    "support": frozenset(),  # shared helpers: lazy exports, workers, run log, tables, manifest
    "ingest": frozenset({"support"}),  # transcripts, their formats and speakers
    "refiqda": frozenset({"support"}),  # REFI-QDA projects and codebooks: the codes' input side
    "deid": frozenset({"ingest"}),
    "segment": frozenset({"deid"}),
    "embed": frozenset({"segment"}),
    "topics": frozenset({"embed", "refiqda"}),  # candidate themes (exported as a REFI-QDA codebook)
    "codes": frozenset({"segment", "refiqda"}),  # coders' exports on the segments
    "reliability": frozenset({"codes"}),
    "saturation": frozenset({"codes"}),
    "compare": frozenset({"codes"}),
    "machine": frozenset({"embed", "reliability"}),  # a coder learnt from embeddings, measured like humans
}
_STAGES = frozenset(AFTER)
AFTER |= {
    "figures": _STAGES,
    "release": _STAGES,
    "explore": _STAGES | {"figures"},  # notebooks' helpers draw with the figures' style
    "cli": _STAGES | {"figures", "release"},
}

#: Imports that break the rules above, as (importing module, imported module). They are being removed:
#: delete an entry when its import is gone (test_known_violations_are_still_there says which).
KNOWN_VIOLATIONS: frozenset[tuple[str, str]] = frozenset(set())


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of thematica by dotted name (a package by its ``__init__.py``)."""
    return {_module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def _imported(module: str, path: Path) -> set[str]:
    """The thematica modules ``module`` imports anywhere in its source (a name imported from a module is
    that module; ``from package import submodule`` is the submodule)."""
    known = modules()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            names = [f"{source}.{a.name}" if f"{source}.{a.name}" in known else source for a in node.names]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names = [node.args[0].value]
        else:
            continue
        for name in names:
            if name != "thematica" and not name.startswith("thematica."):
                continue
            while name not in known and "." in name:
                name = name.rpartition(".")[0]
            if name != module:
                found.add(name)
    return found


@cache
def module_edges() -> frozenset[tuple[str, str]]:
    """(importing module, imported module) for every import between modules of thematica."""
    return frozenset((m, t) for m, path in modules().items() for t in _imported(m, path))


def node_of(module: str) -> str:
    """The package-graph node of a module: its first-level name under thematica."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _may_import(stage: str) -> frozenset[str]:
    allowed, todo = set(), list(AFTER[stage])
    while todo:
        other = todo.pop()
        if other not in allowed:
            allowed.add(other)
            todo.extend(AFTER[other])
    return frozenset(allowed | CORE | {stage})


def violations(edges: Iterable[tuple[str, str]] | None = None) -> set[tuple[str, str]]:
    """Module imports (of ``edges``, default all) that break a rule: (a) into the demo or evaluation from
    outside them, (c) against the stage order (a core module importing anything but core and support
    included)."""
    found = set()
    for a, b in module_edges() if edges is None else edges:
        na, nb = node_of(a), node_of(b)
        if na == nb:
            continue
        if nb in OUTSIDE and na not in OUTSIDE:
            found.add((a, b))
        elif na in CORE and nb not in CORE | {"support"}:  # core may use support, the bottom layer
            found.add((a, b))
        elif na in AFTER and nb not in _may_import(na):
            found.add((a, b))
    return found


def strongly_connected(edges: set[tuple[str, str]]) -> list[set[str]]:
    """The strongly connected components of a directed graph with more than one node (Tarjan)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
        graph[b]
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(component)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return components


def _package_edges(exclude: frozenset[tuple[str, str]] = frozenset()) -> set[tuple[str, str]]:
    return {(node_of(a), node_of(b)) for a, b in module_edges() - exclude if node_of(a) != node_of(b)}


def _show(edges) -> str:
    return "\n".join(f"  {a} -> {b}" for a, b in sorted(edges))


def test_the_graph_sees_imports_inside_functions_and_relative_imports():
    edges = module_edges()
    assert ("thematica.demo.generate", "thematica.demo.bank") in edges  # absolute, module level
    assert ("thematica.evaluation.planted_pii", "thematica.demo.bank") in edges  # inside a function
    assert ("thematica", "thematica.errors") in edges  # the root package
    assert len(edges) > 200 and all(a in modules() and b in modules() for a, b in edges)


def test_every_node_has_a_place_in_the_order():
    nodes = {node_of(m) for m in modules()}
    assert nodes - CORE - OUTSIDE - set(AFTER) == set(), "add the new package to the stage table"
    assert set(AFTER) - nodes == set(), "a stage in the table is no package of thematica"


def test_no_package_outside_demo_and_evaluation_imports_them():
    wrong = {(a, b) for a, b in violations() if node_of(b) in OUTSIDE} - KNOWN_VIOLATIONS
    assert not wrong, "the pipeline imports the demo or evaluation:\n" + _show(wrong)


def test_no_import_cycles_between_packages():
    cycles = strongly_connected(_package_edges(KNOWN_VIOLATIONS))
    detail = [
        _show(
            {
                (a, b)
                for a, b in module_edges()
                if node_of(a) in c and node_of(b) in c and node_of(a) != node_of(b)
            }
        )
        for c in cycles
    ]
    assert not cycles, "import cycles between packages:\n" + "\n\n".join(detail)


def test_stages_import_only_earlier_stages():
    wrong = {(a, b) for a, b in violations() if node_of(b) not in OUTSIDE} - KNOWN_VIOLATIONS
    assert not wrong, "imports against the stage order (see AFTER):\n" + _show(wrong)


def test_the_rules_catch_wrong_imports():
    edges = {
        ("thematica.ingest.folder", "thematica.topics.model"),  # a later stage
        ("thematica.codes.study", "thematica.demo.bank"),  # the demo
        ("thematica.topics.model", "thematica.codes.study"),  # another branch
        ("thematica.codes.study", "thematica.topics.model"),
        ("thematica.errors", "thematica.ingest.study"),  # core imports a stage
        ("thematica.cli.main", "thematica.codes"),
        ("thematica.evaluation.planted_pii", "thematica.deid.model"),
        ("thematica.demo.generate", "thematica.refiqda"),
        ("thematica.reliability.spans", "thematica.ingest.study"),
        ("thematica.segment.study", "thematica.config"),
    }
    assert violations(edges) == {
        ("thematica.ingest.folder", "thematica.topics.model"),
        ("thematica.codes.study", "thematica.demo.bank"),
        ("thematica.topics.model", "thematica.codes.study"),
        ("thematica.codes.study", "thematica.topics.model"),
        ("thematica.errors", "thematica.ingest.study"),
    }


def test_known_violations_are_still_there():
    gone = KNOWN_VIOLATIONS - violations()
    assert not gone, "these imports are fixed: remove them from KNOWN_VIOLATIONS\n" + _show(gone)


def test_strongly_connected_finds_cycles():
    edges = {("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e"), ("e", "d"), ("f", "a")}
    assert sorted(map(sorted, strongly_connected(edges))) == [["a", "b", "c"], ["d", "e"]]
    assert strongly_connected({("a", "b"), ("b", "c")}) == []
