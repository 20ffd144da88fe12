"""The package's shape: each stage imports only the stages before it, no module imports
itself round a cycle, and no module is long enough to hold several concerns."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "plangraph"

# Foundations first, then the pipeline's stages in the order data flows through them.
# A module may import its own stage and any stage listed before it, nothing after.
STAGES = (
    ("errors", "files", "resources", "collector", "_compat"),
    ("text",),
    ("model",),
    ("ingest",),
    ("analysis",),
    ("rdf",),
    ("validate",),
    ("store",),
    ("sparql",),
    ("publish",),
    ("pipeline",),
    ("cli", "bench", "__main__"),
)
RANK = {name: rank for rank, names in enumerate(STAGES) for name in names}
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(path: Path) -> set[str]:
    """Every plangraph module ``path`` imports, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return {n for n in names if n == "plangraph" or n.startswith("plangraph.")}


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "plangraph"


def test_every_module_belongs_to_a_stage() -> None:
    unknown = {m for m in _modules() if m != "plangraph" and _stage(m) not in RANK}
    assert unknown == set(), "modules outside every stage of STAGES"


def test_each_stage_imports_only_earlier_stages() -> None:
    modules = _modules()
    wrong = []
    for module, path in modules.items():
        if module == "plangraph":
            continue  # the package's face re-exports the public API
        for imported in _imports(path):
            if imported not in modules or imported == "plangraph":
                continue  # a name imported from a module, not a module
            if RANK[_stage(imported)] > RANK[_stage(module)]:
                wrong.append(f"{module} imports {imported}")
    assert wrong == []


def test_no_import_cycle() -> None:
    modules = _modules()
    graph = nx.DiGraph()
    for module, path in modules.items():
        for imported in _imports(path):
            # a package imported for one of its names stands for the package's __init__
            if imported in modules and imported != module and not module.startswith(imported + "."):
                graph.add_edge(module, imported)
    cycles = list(nx.simple_cycles(graph))
    assert cycles == []


@pytest.mark.parametrize("module", sorted(_modules()))
def test_no_module_is_longer_than_a_concern(module: str) -> None:
    lines = len(_modules()[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines"
