"""The package's layers: each imports only the layers below it, and nothing imports in a cycle.

    foundation  licheng.exceptions, .paths, .contract, .fonts, .columns, .markup
    figures     a figure's value with unit, bound and status; the unit table; numbers in text
    scorecard   loading and checking a scorecard and its reference figures
    analysis    growth and comparison maths
    authoring   what notebooks call: Report, formatting, charts, parameters
    drafting    a scorecard drafted from a work report's text
    publishing  the report set, kernels, cache, exporters, PDF engines, the command line

Every import of a licheng module counts, at module level or inside a function:
a cycle hidden in a function is still a cycle.
"""
import ast
from pathlib import Path

import licheng

PACKAGE = Path(licheng.__file__).parent
LAYERS = ["foundation", "figures", "scorecard", "analysis", "authoring", "drafting", "publishing"]
FOUNDATION = {"exceptions", "paths", "contract", "fonts", "columns", "markup"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "foundation"  # licheng itself: its public API re-exports lower layers lazily
    if parts[1] == "__main__":
        return "publishing"  # python -m licheng: the command line
    return "foundation" if parts[1] in FOUNDATION else parts[1]


def imports() -> dict[str, set[str]]:
    graph = {}
    for path in PACKAGE.rglob("*.py"):
        name = module_name(path)
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                raise AssertionError(f"{name}: relative import; write `from licheng.… import …`")
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("licheng"):
                found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name.startswith("licheng")}
        graph[name] = found
    modules = set(graph)
    return {name: {d for d in deps if d in modules and d != name} for name, deps in graph.items()}


def test_there_is_no_import_cycle():
    graph = imports()
    state: dict[str, int] = {}

    def visit(module, path):
        state[module] = 1
        for dep in sorted(graph[module]):
            if dep in {"licheng"} or module == dep.rpartition(".")[0] and dep.startswith(module):
                continue  # a package importing its own submodule is not a cycle
            assert state.get(dep) != 1, "import cycle: " + " → ".join(path + [dep])
            if dep not in state:
                visit(dep, path + [dep])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_each_layer_imports_only_the_layers_below_it():
    for module, deps in imports().items():
        if module == "licheng":
            continue
        mine = LAYERS.index(layer(module))
        for dep in deps:
            assert LAYERS.index(layer(dep)) <= mine, f"{module} ({layer(module)}) imports {dep} ({layer(dep)})"


def test_every_module_sits_in_a_layer():
    for module in imports():
        assert layer(module) in LAYERS, f"{module}: put it in one of {LAYERS}"
