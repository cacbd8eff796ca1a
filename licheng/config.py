"""The report set: which notebooks are rendered with which parameters.

``notebooks/reports.toml`` lists the reports; each has a ``name`` (its folder
in ``outputs/``), a ``notebook``, ``parameters`` and ``formats``.
"""
from __future__ import annotations

import ast
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .exceptions import LichengError, ParameterError
from .paths import NOTEBOOKS_DIR, REPORTS_TOML

FORMATS = ("html", "pdf")
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
#: Parameters that name a file: a relative path is made absolute (see resolve_paths).
PATH_PARAMETERS = ("scorecard",)
#: Limits a report set may set in [defaults] or per report (and the command line for all).
LIMITS = ("timeout", "max_output", "max_report_output")
_REPORT_KEYS = {"name", "notebook", "parameters", "formats", *LIMITS}


#: Seconds a cell may run; characters of output a cell, and a whole report, may keep. The
#: default reports run cells of under 3 s and keep at most 46k characters a cell, 113k a report.
DEFAULT_TIMEOUT = 600
DEFAULT_MAX_OUTPUT = 200_000
DEFAULT_MAX_REPORT_OUTPUT = 1_000_000


class ConfigError(LichengError):
    """The report set file is missing or wrong."""


@dataclass(frozen=True)
class ReportSpec:
    """One report of the set."""

    name: str
    notebook: Path
    parameters: dict = field(default_factory=dict)
    formats: tuple = FORMATS
    timeout: int = DEFAULT_TIMEOUT  # seconds a cell may run
    max_output: int = DEFAULT_MAX_OUTPUT  # characters of output a cell may keep
    max_report_output: int = DEFAULT_MAX_REPORT_OUTPUT  # characters of output the whole report may keep

    def as_dict(self) -> dict:
        return {"name": self.name, "notebook": str(_relative(self.notebook)), "parameters": dict(self.parameters),
                "formats": list(self.formats)}


def _relative(path: Path) -> Path:
    try:
        return path.resolve().relative_to(NOTEBOOKS_DIR.resolve().parent)
    except ValueError:
        return path


def check_name(name: str, where: str = "report name") -> str:
    """A report name is a plain folder name inside outputs/: no '/', no '..'."""
    if not isinstance(name, str) or not _NAME_RE.match(name) or ".." in name:
        raise ConfigError(f"{where} {name!r} is not allowed: use letters, digits, '.', '_' and '-' "
                          "(it names a folder inside outputs/)")
    return name


def load_reports(path: str | Path | None = None) -> list[ReportSpec]:
    """Read and check the report set file."""
    path = Path(path) if path else REPORTS_TOML
    if not path.is_file():
        raise ConfigError(f"{path}: report set file not found")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML ({e})") from None
    defaults = data.get("defaults", {})
    reports = data.get("report", [])
    if not reports:
        raise ConfigError(f"{path}: no [[report]] entries")
    specs, seen = [], set()
    for i, entry in enumerate(reports, start=1):
        where = f"{path}: report {i}"
        unknown = set(entry) - _REPORT_KEYS
        if unknown:
            raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; "
                              f"a report has {', '.join(sorted(_REPORT_KEYS))}")
        for key in ("name", "notebook"):
            if key not in entry:
                raise ConfigError(f"{where}: missing '{key}'")
        name = check_name(entry["name"], f"{where}: name")
        if name in seen:
            raise ConfigError(f"{where}: duplicate name {name!r}")
        seen.add(name)
        notebook = (path.parent / entry["notebook"]).resolve()
        if not notebook.is_file():
            raise ConfigError(f"{where} ({name}): notebook {entry['notebook']!r} not found")
        formats = tuple(entry.get("formats", defaults.get("formats", FORMATS)))
        bad = [f for f in formats if f not in FORMATS]
        if bad:
            raise ConfigError(f"{where} ({name}): unknown format(s) {', '.join(bad)}; choose from {', '.join(FORMATS)}")
        limits = {k: check_limit(entry.get(k, defaults.get(k, getattr(ReportSpec, k))), f"{where} ({name}): {k}")
                  for k in LIMITS}
        params = resolve_paths(dict(entry.get("parameters", {})), path.parent)
        specs.append(ReportSpec(name, notebook, params, formats, **limits))
    return specs


def resolve_paths(parameters: dict, folder: Path) -> dict:
    """Path parameters (``scorecard``) made absolute, relative to ``folder``: the
    report set's folder for its entries, the working folder for ``-p``. The
    check before the run, the cache and the kernel then read the same file,
    wherever licheng runs from."""
    out = dict(parameters)
    for name in PATH_PARAMETERS:
        value = out.get(name)
        if isinstance(value, str) and value and not Path(value).is_absolute():
            out[name] = str((folder / value).resolve())
    return out


def check_limit(value, where: str) -> int:
    """A timeout in seconds or a size in characters: a whole number above 0.
    Sizes may be written with a unit: ``"5M"``, ``"200k"``."""
    original = value
    if isinstance(value, str):
        text = value.strip()
        factor = {"k": 1_000, "m": 1_000_000, "g": 1_000_000_000}.get(text[-1:].lower(), 1)
        number = text[:-1] if factor > 1 else text
        try:
            value = int(float(number) * factor) if number.replace(".", "", 1).isdigit() else value
        except ValueError:
            pass
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1e15 or value != value:
        raise ConfigError(f"{where}: {original!r} is not allowed; give a whole number above 0")
    return int(-(-value // 1))  # a fraction of a second rounds up


def with_limits(specs: list[ReportSpec], **limits) -> list[ReportSpec]:
    """The same reports with the limits given (on the command line) set on every one."""
    checked = {k: check_limit(v, f"--{k.replace('_', '-')}") for k, v in limits.items() if v is not None}
    return [replace(s, **checked) for s in specs]


def select(specs: list[ReportSpec], names: list[str]) -> list[ReportSpec]:
    """The reports named (all when none), in set order; unknown names are an error."""
    if not names:
        return specs
    known = {s.name for s in specs}
    for name in names:
        check_name(name)
        if name not in known:
            import difflib

            close = difflib.get_close_matches(name, known, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else f"; reports are {', '.join(sorted(known))}"
            raise ConfigError(f"unknown report {name!r}{hint}")
    return [s for s in specs if s.name in names]


def parse_override(text: str) -> tuple[str, object]:
    """``horizon=2035`` → ("horizon", 2035); values are Python literals, else strings."""
    name, sep, raw = text.partition("=")
    name = name.strip()
    if not sep or not name.isidentifier():
        raise ParameterError(f"-p {text!r}: write a parameter as NAME=VALUE (e.g. -p horizon=2035)")
    try:
        value = ast.literal_eval(raw.strip())
    except (ValueError, SyntaxError):
        value = raw.strip()
    return name, value


def apply_overrides(specs: list[ReportSpec], overrides: list[str]) -> list[ReportSpec]:
    """Set each override on every report whose notebook declares that parameter."""
    from .params import notebook_parameters

    pairs = [parse_override(o) for o in overrides]
    out = []
    used = set()
    for spec in specs:
        declared = notebook_parameters(spec.notebook)
        params = dict(spec.parameters)
        for name, value in pairs:
            if name in declared:
                params.update(resolve_paths({name: value}, Path.cwd()))
                used.add(name)
        out.append(replace(spec, parameters=params))
    for name, value in pairs:
        if name not in used:
            raise ParameterError(f"-p {name}={value!r}: no selected report's notebook declares parameter {name!r}")
    return out
