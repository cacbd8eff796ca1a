"""The report set: which notebooks are rendered with which parameters.

``notebooks/reports.toml`` lists the reports; each has a ``name`` (its folder
in ``outputs/``), a ``notebook``, ``parameters`` and ``formats``.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from licheng.exceptions import MAX_SHOWN, LichengError, ParameterError, closest, shown
from licheng.paths import NOTEBOOKS_DIR, REPORTS_TOML
from licheng.scorecard.textfiles import UNSAFE_CHAR_RE

FORMATS = ("html", "pdf")
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")  # at most 100: a file name has room for its suffixes
#: The largest report set file read (a report set is a few kB).
MAX_REPORT_SET_BYTES = 1_000_000
#: Parameters that name a file: a relative path is made absolute (see resolve_paths).
PATH_PARAMETERS = ("scorecard",)
#: Limits a report set may set in [defaults] or per report (and the command line for all).
LIMITS = ("timeout", "max_output", "max_report_output")
#: Document settings a report set may set in [defaults] or per report: the PDF's Author (an institute, a team).
DOCUMENT = ("author",)
MAX_AUTHOR = 200
_REPORT_KEYS = {"name", "notebook", "parameters", "formats", *LIMITS, *DOCUMENT}


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
    author: str = ""  # the PDF's Author (and the HTML page's author meta); empty: none

    def as_dict(self) -> dict:
        return {"name": self.name, "notebook": str(_relative(self.notebook)), "parameters": dict(self.parameters),
                "formats": list(self.formats)}


def _relative(path: Path) -> Path:
    try:
        return path.resolve().relative_to(NOTEBOOKS_DIR.resolve().parent)
    except ValueError:
        return path


#: Names of files licheng writes in outputs/ itself: no report may take them.
RESERVED_NAMES = ("index.html", "status.json")
_TOP_KEYS = ("defaults", "report")
_DEFAULT_KEYS = ("formats", *LIMITS, *DOCUMENT)
#: Largest notebook a report set may name (the default ones are under 100 kB).
MAX_NOTEBOOK_BYTES = 20_000_000


def check_name(name: str, where: str = "report name") -> str:
    """A report name is a plain folder name inside outputs/: no '/', no '..',
    and not a file licheng writes there (index.html, status.json)."""
    if not isinstance(name, str) or not _NAME_RE.match(name) or ".." in name:
        raise ConfigError(f"{where} {name[:120]!r} is not allowed: use at most 100 letters, digits, '.', '_' and '-', "
                          "starting with a letter or digit (it names a folder inside outputs/)")
    if name.lower() in RESERVED_NAMES:
        raise ConfigError(f"{where} {name!r} is not allowed: outputs/{name.lower()} is licheng's own file "
                          f"({', '.join(RESERVED_NAMES)} are reserved)")
    return name


def check_formats(formats, where: str) -> tuple:
    """``formats`` as a tuple, or a ConfigError naming ``where`` and the unknown ones."""
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ConfigError(f"{where}: unknown format(s) {', '.join(bad)}; choose from {', '.join(FORMATS)}")
    return tuple(formats)


def _unknown(keys, known, where: str, what: str) -> None:
    """Refuse keys a report set does not have, with the closest known one."""
    for key in keys:
        if key not in known:
            close = closest(key, known, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ConfigError(f"{where}: unknown key(s) {key}; {hint}{what} has {', '.join(sorted(known))}")


def _notebook(value, folder: Path, where: str) -> Path:
    """A report's notebook: an .ipynb file in the report set's folder or under notebooks/; a name
    not in the set's folder is looked for among the packaged notebooks."""
    if not isinstance(value, str) or not value or "\0" in value:
        raise ConfigError(f"{where}: notebook must be a file name such as \"growth.ipynb\", not {value[:200]!r}"
                          if isinstance(value, str) else f"{where}: notebook must be a file name such as \"growth.ipynb\", not {value!r}")
    notebook = (folder / value).resolve()
    roots = [NOTEBOOKS_DIR.resolve(), folder.resolve()]
    if notebook.suffix != ".ipynb" or not any(notebook.is_relative_to(r) for r in roots):
        raise ConfigError(f"{where}: notebook {value!r} is not allowed: give an .ipynb file in "
                          f"{roots[0]} or in the report set's folder {roots[1]}")
    if not notebook.is_file() and (NOTEBOOKS_DIR / value).resolve().is_file():
        notebook = (NOTEBOOKS_DIR / value).resolve()  # a set of one's own names the packaged notebooks
    if not notebook.is_file() or not any(notebook.is_relative_to(r) for r in roots):
        raise ConfigError(f"{where}: notebook {value!r} not found in {roots[1]} or {roots[0]}")
    check_notebook(notebook, where)
    return notebook


def check_notebook(path: Path, where: str = "") -> None:
    """Refuse a file that is not a Jupyter notebook (or is too large to be a report's)."""
    import json

    where = f"{where}: " if where else ""
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            raise ConfigError(f"{where}{path}: over {MAX_NOTEBOOK_BYTES:,} bytes; not a report notebook")
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError, RecursionError) as e:
        raise ConfigError(f"{where}{path}: not a readable Jupyter notebook ({e})") from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise ConfigError(f"{where}{path}: not a Jupyter notebook (no list of cells)")


def load_reports(path: str | Path | None = None) -> list[ReportSpec]:
    """Read and check the report set file."""
    path = Path(path) if path else REPORTS_TOML
    if path.exists() and not path.is_file():
        raise ConfigError(f"{path}: not a regular file (a folder, a pipe or a device); give the report set's "
                          ".toml file with --config FILE")
    if not path.is_file():
        raise ConfigError(f"{path}: report set file not found (licheng looks for notebooks/reports.toml in the "
                          "working directory and the folders above it; give another with --config FILE)")
    try:
        if path.stat().st_size > MAX_REPORT_SET_BYTES:
            raise ConfigError(f"{path}: over {MAX_REPORT_SET_BYTES:,} bytes; not a report set file")
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))  # a byte-order mark, as Notepad writes, is no error
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML (nested too deeply)") from None
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: not UTF-8 text (byte {e.start}); save the report set as UTF-8") from None
    except OSError as e:
        raise ConfigError(f"{path}: cannot read the report set ({e.strerror or e})") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML ({e})") from None
    _unknown(data, _TOP_KEYS, str(path), "a report set")
    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict):
        raise ConfigError(f"{path}: defaults must be a table ([defaults])")
    _unknown(defaults, _DEFAULT_KEYS, f"{path}: [defaults]", "[defaults]")
    reports = data.get("report", [])
    if not isinstance(reports, list) or not all(isinstance(r, dict) for r in reports):
        raise ConfigError(f"{path}: report must be a list of [[report]] tables")
    if not reports:
        raise ConfigError(f"{path}: no [[report]] entries")
    specs, seen = [], {}  # name folded to lower case -> (report number, name)
    for i, entry in enumerate(reports, start=1):
        where = f"{path}: report {i}"
        _unknown(entry, sorted(_REPORT_KEYS), where, "a report")
        for key in ("name", "notebook"):
            if key not in entry:
                raise ConfigError(f"{where}: missing '{key}'")
        name = check_name(entry["name"], f"{where}: name")
        if name.lower() in seen:
            first, other = seen[name.lower()]
            if other == name:
                raise ConfigError(f"{where}: duplicate name {name!r}")
            raise ConfigError(f"{where}: name {name!r} differs from report {first}'s {other!r} only in case: "
                              "they would share a folder")
        seen[name.lower()] = (i, name)
        where = f"{where} ({name})"
        notebook = _notebook(entry["notebook"], path.parent, where)
        formats = entry.get("formats", defaults.get("formats", FORMATS))
        if not isinstance(formats, list | tuple) or not all(isinstance(f, str) for f in formats) or not formats:
            raise ConfigError(f"{where}: formats must be a list such as [\"html\", \"pdf\"], not {formats!r}")
        check_formats(formats, where)
        limits = {k: check_limit(entry.get(k, defaults.get(k, getattr(ReportSpec, k))), f"{where}: {k}")
                  for k in LIMITS}
        parameters = entry.get("parameters", {})
        if not isinstance(parameters, dict):
            raise ConfigError(f"{where}: parameters must be a table such as {{ lang = \"en\" }}, not {parameters!r}")
        params = resolve_paths(parameters, path.parent)
        author = check_author(entry.get("author", defaults.get("author", "")), f"{where}: author")
        specs.append(ReportSpec(name, notebook, params, tuple(formats), **limits, author=author))
    return specs


def check_author(value: object, where: str) -> str:
    """The report set's author: one line of text (an institute, a team), at most 200 characters."""
    bad = UNSAFE_CHAR_RE.search(value) if isinstance(value, str) else None
    if bad and ord(bad.group()) >= 32:  # an invisible character that reorders the text around it
        raise ConfigError(f"{where} contains the invisible character U+{ord(bad.group()):04X}, which changes the "
                          "order a reader sees the text in; remove it")
    if not isinstance(value, str) or len(value) > MAX_AUTHOR or any(ord(c) < 32 for c in value) or bad:
        raise ConfigError(f"{where} must be one line of text of at most {MAX_AUTHOR} characters, "
                          f"such as \"Licheng Economic Research Institute\"")
    return value.strip()


def project_author(path: Path | None = None) -> str:
    """The ``author`` of the project's report set ([defaults]), for exports outside a render; "" if none."""
    try:
        data = tomllib.loads(Path(path or REPORTS_TOML).read_text(encoding="utf-8"))
        return check_author(data.get("defaults", {}).get("author", ""), "author")
    except (OSError, ValueError, AttributeError, ConfigError):
        return ""


def resolve_paths(parameters: dict, folder: Path) -> dict:
    """Path parameters (``scorecard``) made absolute, relative to ``folder``: the
    report set's folder for its entries, the working folder for ``-p``. The
    check before the run, the cache and the kernel then read the same file,
    wherever licheng runs from."""
    out = dict(parameters)
    for name in PATH_PARAMETERS:
        value = out.get(name)
        if isinstance(value, str) and "\0" in value:
            raise ConfigError(f"parameter {name!r}: a path cannot hold a NUL character")
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
            close = closest(name, known)
            hint = f"; did you mean {', '.join(close)}?" if close else f"; reports are {', '.join(sorted(known))}"
            raise ConfigError(f"unknown report {name!r}{hint}")
    return [s for s in specs if s.name in names]


def parse_override(text: str) -> tuple[str, object]:
    """``horizon=2035`` → ("horizon", 2035); values are Python literals, else strings."""
    name, sep, raw = text.partition("=")
    name = name.strip()
    if not sep or not name.isidentifier():
        raise ParameterError(f"-p {shown(text)}: write a parameter as NAME=VALUE (e.g. -p horizon=2035)")
    import ast  # here: a render with nothing to do starts faster without it

    try:
        value = ast.literal_eval(raw.strip())
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        value = raw.strip()
    # papermill passes a tuple to the kernel as its text: a sequence goes as a list
    return name, list(value) if isinstance(value, tuple) else value


def apply_overrides(specs: list[ReportSpec], overrides: list[str]) -> list[ReportSpec]:
    """Set each override on every report whose notebook declares that parameter."""
    from licheng.authoring.params import notebook_parameters

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
            label = name if len(name) <= MAX_SHOWN else shown(name)
            raise ParameterError(f"-p {label}={shown(value)}: no selected report's notebook declares "
                                 f"parameter {shown(name)}")
    return out
