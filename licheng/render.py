"""Render reports: execute, then export to HTML and PDF, into outputs/<name>/.

Every file is written atomically (a temporary file, then a rename): an
interrupted or failed render leaves no half-written file and keeps the
previous good one. A failing report never stops the others.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from .config import ReportSpec, check_name
from .exceptions import LichengError, RenderError
from .exporters import LichengHTMLExporter, LichengPrintHTMLExporter, first_heading, title_block
from .paths import OUTPUTS_DIR

STATUS_FILE = "status.json"


@dataclass
class Result:
    """What happened to one report."""

    name: str
    notebook: str
    parameters: dict
    status: str = "queued"  # ok, failed, skipped
    error: str = ""
    lang: str = ""
    data_date: str = ""
    title: str = ""
    files: list = field(default_factory=list)
    seconds: float = 0.0


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def report_dir(outputs: Path, name: str) -> Path:
    """outputs/<name>, refusing any name that would leave outputs/."""
    check_name(name)
    folder = (outputs / name).resolve()
    if not folder.is_relative_to(outputs.resolve()) or folder == outputs.resolve():
        raise RenderError(f"report name {name!r} would write outside {outputs}")
    return folder


def _failure_message(exc: BaseException) -> str:
    import papermill as pm

    if isinstance(exc, pm.PapermillExecutionError):
        evalue = (exc.evalue or "").strip().splitlines()
        # cell number counted from 1 over all cells of the executed notebook, as a reader counts them
        return f"cell {exc.cell_index + 1} (In [{exc.exec_count}]): {exc.ename}: {evalue[0] if evalue else ''}"
    if isinstance(exc, LichengError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def table_outputs(nb) -> dict[str, str]:
    """The CSV of every table a report showed, by table name."""
    tables = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            name = (out.get("metadata", {}).get("licheng") or {}).get("table")
            csv = out.get("data", {}).get("text/csv")
            if name and csv is not None:
                safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
                key, n = safe, 2
                while key in tables:
                    key, n = f"{safe}-{n}", n + 1
                tables[key] = csv
    return tables


def export(nb, folder: Path, name: str, formats, *, pdf_engine: str = "weasyprint") -> list[str]:
    """Write the HTML, PDF and table CSVs of an executed notebook."""
    from .pdf import html_to_pdf

    files = []
    if "html" in formats:
        html, _ = LichengHTMLExporter().from_notebook_node(nb)
        atomic_write(folder / f"{name}.html", html)
        files.append(f"{name}.html")
    if "pdf" in formats:
        html, _ = LichengPrintHTMLExporter().from_notebook_node(nb)
        pdf = html_to_pdf(html, engine=pdf_engine, data_date=nb.metadata.get("licheng", {}).get("data_date"))
        atomic_write(folder / f"{name}.pdf", pdf)
        files.append(f"{name}.pdf")
    tables = table_outputs(nb)
    if tables:
        tmp = folder / f".tables.{os.getpid()}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        for table, csv in tables.items():
            (tmp / f"{table}.csv").write_text(csv, encoding="utf-8")
        old = folder / "tables"
        if old.exists():
            shutil.rmtree(old)
        os.replace(tmp, old)
        files += [f"tables/{t}.csv" for t in tables]
    return files


def render_one(spec: ReportSpec, *, outputs: Path = OUTPUTS_DIR, formats=None, pdf_engine: str = "weasyprint",
               params=None) -> Result:
    """Execute and export one report; never raises for a report's own failure."""
    from .execute import execute
    from .params import preflight

    start = time.perf_counter()
    result = Result(spec.name, spec.notebook.name, dict(spec.parameters))
    try:
        folder = report_dir(outputs, spec.name)
        params = params or preflight(spec.notebook, spec.parameters)
        result.lang = params.lang
        result.data_date = params.scorecard.attrs["source_date"]
        folder.mkdir(parents=True, exist_ok=True)
        tmp_nb = folder / f".{spec.name}.{os.getpid()}.tmp.ipynb"
        try:
            execute(spec.notebook, tmp_nb, spec.parameters)
        except Exception:
            if tmp_nb.exists():  # keep the executed notebook with papermill's banner at the failing cell
                os.replace(tmp_nb, folder / f"{spec.name}.failed.ipynb")
            raise
        nb = nbformat.read(tmp_nb, as_version=4)
        result.title = first_heading(nb)
        nb.metadata["licheng"] = title_block(params.scorecard.attrs, params.lang, result.title)
        nbformat.write(nb, tmp_nb)
        os.replace(tmp_nb, folder / f"{spec.name}.ipynb")
        result.files = [f"{spec.name}.ipynb"] + export(nb, folder, spec.name, formats or spec.formats,
                                                        pdf_engine=pdf_engine)
        stale = folder / f"{spec.name}.failed.ipynb"
        if stale.exists():
            stale.unlink()
        result.status = "ok"
    except Exception as exc:  # one failing report never loses the others
        result.status, result.error = "failed", _failure_message(exc)
        if not isinstance(exc, (LichengError,)) and "PapermillExecutionError" not in type(exc).__name__:
            result.error += " | " + traceback.format_exc(limit=3).strip().splitlines()[-1]
    result.seconds = round(time.perf_counter() - start, 2)
    return result


def load_status(outputs: Path) -> dict:
    path = outputs / STATUS_FILE
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return {}


def save_status(outputs: Path, results: list[Result]) -> dict:
    status = load_status(outputs)
    for r in results:
        status[r.name] = asdict(r)
    atomic_write(outputs / STATUS_FILE, json.dumps(status, ensure_ascii=False, indent=1, sort_keys=True))
    return status
