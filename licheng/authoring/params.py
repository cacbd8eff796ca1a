"""Validate a notebook's parameters right after papermill injects them.

The notebook's ``parameters`` cell is the single declaration of its
parameters: each is an annotated assignment (``horizon: int = 2030  # ...``),
so the annotations give the names and types. This module adds what values
make sense, by parameter name, and refuses names the notebook does not
declare. Call it first thing after the parameters::

    from licheng.authoring.params import check_parameters
    P = check_parameters(globals())
"""
from __future__ import annotations

import typing
from dataclasses import dataclass, field
from pathlib import Path

from licheng.exceptions import ParameterError, ScorecardError, closest, shown
from licheng.authoring.formatting import LANGS
from licheng.scorecard.table import RELIABILITY, load_reference, load_scorecard

MIN_YEAR, MAX_YEAR = 1900, 2100


@dataclass
class Parameters:
    """The checked parameters, and the data they select, ready for a report."""

    values: dict
    scorecard: typing.Any = field(repr=False)
    reference: typing.Any = field(repr=False)

    def __getattr__(self, name):
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def lang(self) -> str:
        return self.values.get("lang", "zh")


def declared(namespace: dict) -> dict:
    """The parameters a notebook declares: annotated names and their types."""
    return dict(namespace.get("__annotations__", {}))


def injected(namespace: dict) -> list[str]:
    """Names papermill injected: the assignments of its ``# Parameters`` cell,
    found in the kernel's input history (empty when run by hand in JupyterLab)."""
    import ast

    for source in reversed(namespace.get("In", [])):
        if source.lstrip().startswith("# Parameters"):
            try:
                tree = ast.parse(source)
            except SyntaxError:
                return []
            return [t.id for node in tree.body if isinstance(node, ast.Assign)
                    for t in node.targets if isinstance(t, ast.Name)]
    return []


def _type_ok(value, annotation) -> bool:
    origin = typing.get_origin(annotation)
    if origin in (list, tuple):
        (item,) = typing.get_args(annotation)[:1] or (object,)
        return isinstance(value, (list, tuple)) and all(_type_ok(v, item) for v in value)
    if annotation is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if annotation in (str, bool):
        return isinstance(value, annotation)
    return True


def _type_name(annotation) -> str:
    return getattr(annotation, "__name__", None) if typing.get_origin(annotation) is None else str(annotation)


def _fail(name, value, what):
    raise ParameterError(f"parameter {shown(name)}: {shown(value)} {what}")


def _check_rate(name, rate):
    if rate <= -0.5 or rate >= 1:
        hint = f"; rates are fractions: write {rate / 100:g} for {rate:g} %" if 1 <= abs(rate) <= 100 else ""
        _fail(name, rate, f"is not a plausible growth rate (between -0.5 and 1){hint}")
    if rate != 0 and abs(rate) < 1e-4:  # 1e-300 failed in the kernel, dividing by log(1 + rate) = 0
        _fail(name, rate, "is below 0.01 % a year: give 0 or a rate of at least 0.0001")


def check_parameters(namespace: dict, *, loaded: dict | None = None) -> Parameters:
    """Check the parameters in a notebook's namespace; load the data they name.

    ``loaded`` (a dict the caller keeps) holds the data already loaded by parameter value, for
    a caller that checks many reports at once: 60 reports read 5 scorecards, not 60. Its
    frames are shared, so the caller must not change them.

    Raises
    ------
    ParameterError
        Naming the parameter, the value given and what is valid, for an
        undeclared name, a wrong type or an invalid value.
    """
    spec = declared(namespace)
    if not spec:
        raise ParameterError("no parameters declared: the first code cell (tagged 'parameters') "
                             "must hold annotated defaults such as `lang: str = \"zh\"`")
    unknown = [name for name in injected(namespace) if name not in spec]
    if unknown:
        raise ParameterError(
            f"parameter {shown(unknown[0])}: this notebook declares no such parameter; "
            f"valid parameters are {', '.join(spec)}"
        )
    values = {}
    for name, annotation in spec.items():
        if name not in namespace:
            raise ParameterError(f"parameter {name!r}: declared but never given a value")
        value = namespace[name]
        if typing.get_origin(annotation) in (list, tuple) and isinstance(value, (list, tuple)):
            (item_type,) = typing.get_args(annotation)[:1] or (object,)
            for item in value:
                if not _type_ok(item, item_type):
                    _fail(name, item, f"(in {shown(value)}) is a {type(item).__name__}, expected {_type_name(item_type)}")
        if not _type_ok(value, annotation):
            _fail(name, value, f"is a {type(value).__name__}, expected {_type_name(annotation)}")
        values[name] = list(value) if isinstance(value, tuple) else value

    if "lang" in values and values["lang"] not in LANGS:
        _fail("lang", values["lang"], f"is not a supported language; choose one of {', '.join(LANGS)}")
    if "min_reliability" in values and values["min_reliability"] not in RELIABILITY:
        _fail("min_reliability", values["min_reliability"], f"is not a reliability; choose one of {', '.join(RELIABILITY)}")
    loaded = {} if loaded is None else loaded
    for name, load in (("scorecard", load_scorecard), ("reference", load_reference)):
        key = (name, values.get(name) or None)
        if key not in loaded:
            try:
                loaded[key] = load(key[1])
            except ScorecardError as e:
                raise ParameterError(f"parameter {name!r}: {e}") from None
    scorecard, reference = loaded["scorecard", values.get("scorecard") or None], loaded["reference", values.get("reference") or None]
    _defaults_from_data(values, scorecard)
    outcomes = scorecard["period_end"][scorecard["status"] != "target"]
    last_year = int(outcomes.max()) if len(outcomes) else int(scorecard["period_end"].max()) - 1
    if "horizon" in values and not last_year < values["horizon"] <= MAX_YEAR:
        _fail("horizon", values["horizon"], f"is not after the last data year {last_year}; "
              f"give a year from {last_year + 1} to {MAX_YEAR}")
    for name in ("scenario_rates", "rates"):
        for rate in values.get(name, []):
            _check_rate(name, rate)
    for name in ("milestone",):
        if name in values and values[name] is not None and not (0 < values[name] < 1e15):
            _fail(name, values[name], "must be a positive finite level (0 for the next round step above the latest level)")
    themes = list(scorecard["theme"].cat.categories)
    for theme in values.get("themes", []):
        if theme not in themes:
            _fail("themes", theme, f"is not a theme of this scorecard; choose from {', '.join(themes)}")
    ids = list(scorecard["id"])
    for id in values.get("indicators", []):
        if id not in ids:
            close = closest(id, ids) or ids[:5]
            _fail("indicators", id, f"is not an indicator id of this scorecard; did you mean {', '.join(close)}?")
    return Parameters(values, scorecard, reference)


def _defaults_from_data(values: dict, scorecard) -> None:
    """Fill the parameters left at "from the data" (0 or empty) from the region's own figures:
    the horizon from its plan period, scenario rates around its own average
    rate, the milestone as the next round step above its level."""
    from licheng.analysis import compare
    from licheng.scorecard.table import has

    if values.get("horizon") == 0:
        values["horizon"] = compare.default_horizon(scorecard)
    if "scenario_rates" in values and not values["scenario_rates"]:
        values["scenario_rates"] = compare.default_scenario_rates(scorecard) if has(scorecard, "gdp_growth_avg") else []
    if values.get("milestone") == 0:
        values["milestone"] = compare.default_milestone(float(compare.value(scorecard, "gdp"))) \
            if has(scorecard, "gdp") else None


def notebook_parameters(path: str | Path) -> dict:
    """A notebook's declared parameters: name -> {name, inferred_type_name, default, help},
    as papermill's ``inspect_notebook`` gives them, from the cell tagged ``parameters``.

    Read here with ``ast`` rather than by papermill: importing papermill costs
    over a second (jsonschema builds a grammar), and the render checks every
    report's parameters before its first kernel starts.
    """
    import ast
    import json

    from licheng.scorecard.textfiles import MAX_FILE_BYTES, read_text

    path = Path(path)
    if not path.is_file():
        raise ParameterError(f"notebook {str(path)!r} not found")
    try:
        nb = json.loads(read_text(path, what="notebook", limit=MAX_FILE_BYTES))
        cell = next((c for c in nb.get("cells", []) if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    except (ValueError, AttributeError, ScorecardError) as e:
        raise ParameterError(f"notebook {path.name}: not a notebook ({e})") from None
    if cell is None:
        return {}
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    lines = source.splitlines()
    try:
        tree = ast.parse(source)
    except SyntaxError as e:
        raise ParameterError(f"notebook {path.name}: the parameters cell is not Python (line {e.lineno})") from None
    found = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            name, type_name = node.target.id, ast.get_source_segment(source, node.annotation)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name, type_name = node.targets[0].id, "None"
        else:
            continue
        line = lines[node.end_lineno - 1]
        comment = line[node.end_col_offset:].strip()
        found[name] = {"name": name, "inferred_type_name": type_name,
                       "default": ast.get_source_segment(source, node.value),
                       "help": comment[1:].strip() if comment.startswith("#") else ""}
    return found


_TYPE_NAMES = {"int": int, "float": float, "str": str, "bool": bool, "list": list}


def _annotation(type_name: str):
    """Turn papermill's inferred type name ('list[float]') back into a type."""
    import ast

    def build(node):
        if isinstance(node, ast.Name) and node.id in _TYPE_NAMES:
            return _TYPE_NAMES[node.id]
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "list":
            return list[build(node.slice)]
        return object

    try:
        return build(ast.parse(type_name, mode="eval").body)
    except SyntaxError:
        return object


def preflight(notebook: str | Path, parameters: dict, *, loaded: dict | None = None) -> Parameters:
    """Check parameters for a notebook without starting a kernel.

    Builds the namespace the notebook would have after papermill's injection
    (declared defaults, then the given values) and runs the same check as the
    notebook's validation cell. ``loaded``: as in :func:`check_parameters`.
    """
    import ast

    namespace: dict = {"__annotations__": {}}
    for name, p in notebook_parameters(notebook).items():
        namespace["__annotations__"][name] = _annotation(p["inferred_type_name"])
        try:
            namespace[name] = ast.literal_eval(p["default"])
        except (ValueError, SyntaxError):
            raise ParameterError(f"notebook {Path(notebook).name}: parameter {name!r} has a default "
                                 f"({p['default']}) that is not a plain value") from None
    namespace.update(parameters)
    namespace["In"] = ["# Parameters\n" + "\n".join(f"{k} = {v!r}" for k, v in parameters.items())]
    return check_parameters(namespace, loaded=loaded)
