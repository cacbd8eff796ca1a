"""The package's layers: no import cycle, and notebooks' code never reaches the render's.

Every relative import counts, at module level or inside a function: a cycle
hidden in a function is still a cycle.
"""
import ast
from pathlib import Path

import licheng

PACKAGE = Path(licheng.__file__).parent
#: What notebooks call (authoring and analysis, and the data below them).
NOTEBOOK_SIDE = {"report", "charts", "formatting", "params", "compare", "growth", "quantity", "scorecard",
                 "numbers", "units", "textfiles", "layout", "audit", "contract", "fonts", "exceptions", "paths"}
#: What the command line runs (publishing).
RENDER_SIDE = {"render", "execute", "kernels", "cache", "config", "cli", "exporters", "pdf", "typeset", "publish",
               "scratch", "index", "progress", "streams"}


def imports() -> dict[str, set[str]]:
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    graph = {}
    for path in PACKAGE.glob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                found |= {node.module.split(".")[0]} if node.module else {a.name for a in node.names}
        graph[path.stem] = found & modules
    return graph


def test_there_is_no_import_cycle():
    graph = imports()
    state: dict[str, int] = {}

    def visit(module, path):
        state[module] = 1
        for dep in sorted(graph[module]):
            assert state.get(dep) != 1, "import cycle: " + " → ".join(path + [dep])
            if dep not in state:
                visit(dep, path + [dep])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_notebook_code_never_imports_the_render_side():
    graph = imports()
    for module in NOTEBOOK_SIDE & set(graph):
        assert not graph[module] & RENDER_SIDE, f"{module} imports {sorted(graph[module] & RENDER_SIDE)}"


def test_every_module_is_on_a_side():
    assert set(imports()) - {"__init__", "__main__"} <= NOTEBOOK_SIDE | RENDER_SIDE
