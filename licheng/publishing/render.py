"""Render reports: execute (in parallel kernels), then export to HTML and PDF, into outputs/<name>/.

Kernels write nothing: the executed notebook stays in memory, and all of a
report's files are made before any is written, then replace its folder at
once (licheng.publishing.publish), so an interrupted or failed render keeps the
previous good set whole. status.json is written after each report. A
failing report never stops the others.
"""
from __future__ import annotations

import json
import os
import re
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from licheng.publishing.reportset import ReportSpec, check_name
from licheng.exceptions import LichengError, RenderError
from licheng.paths import OUTPUTS_DIR
from licheng.publishing.pdf import DEFAULT_PDF_ENGINE, get_engine
from licheng.publishing.publish import atomic_write, file_record, foreign_files, replace_folder  # noqa: F401  (atomic_write: used by index)

# nbformat, nbconvert, papermill and WeasyPrint are imported where they are
# used: a render with nothing to do must not pay for them.

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
    checksums: dict = field(default_factory=dict)  # file -> {size, sha256}: the cache checks the files are these
    seconds: float = 0.0
    key: str = ""  # digest of the inputs (licheng.publishing.cache); equal digests mean nothing to redo
    cached: bool = False  # True when this run found the report up to date
    timings: dict = field(default_factory=dict)  # seconds per step: kernel_start, kernel_warm, execute, html, pdf
    # A failed report whose last good files are still in its folder: ``files`` and ``checksums`` are
    # theirs, and this holds that render's title, data date, notebook and parameters.
    kept: dict = field(default_factory=dict)


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
        prompt = f" (In [{exc.exec_count}])" if exc.exec_count is not None else ""
        return f"cell {exc.cell_index + 1}{prompt}: {exc.ename}: {evalue[0] if evalue else ''}"
    if isinstance(exc, LichengError):
        return str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        return f"could not write {exc.filename or 'the report'}: {exc.strerror}"
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


_EXPORTERS: dict = {}


def _exporter(kind: str):
    """One long-lived exporter of each kind: templates compile once per process
    (about 2 s the first time, 0.1 s after). Used from one thread only."""
    if kind not in _EXPORTERS:
        from licheng.publishing.exporters import LichengHTMLExporter, LichengPrintHTMLExporter

        _EXPORTERS[kind] = {"html": LichengHTMLExporter, "print": LichengPrintHTMLExporter}[kind]()
    return _EXPORTERS[kind]


# A page with what every report has: Chinese and Latin text in regular and
# bold, a table and a chart with text. Exporting it compiles the templates,
# loads the fonts and fills the PDF engine's caches.
_WARM_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="120pt" height="24pt" viewBox="0 0 120 24">'
             '<path d="M0 20 L120 20" style="stroke: #333"/><text x="2" y="14" '
             'style="font: 10px \'DejaVu Sans\', \'Noto Sans CJK SC\'">GDP 增长 5.2%</text></svg>')
_WARM_TABLE = {"caption": "表 1. Table 1", "header": ["指标 Indicator", "原文 Source"], "widths": [50.0, 50.0],
               "rows": [["GDP", "预计2025年超过1490亿元"]], "source": "来源 Source"}


def warm_exporters(formats, pdf_engine: str = DEFAULT_PDF_ENGINE) -> float:
    """Export a small page once, in memory, so that the first report exports
    as fast as the others; the renderer calls it while the first kernels
    start. Returns the seconds it took."""
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    from licheng.publishing.exporters import notebook_pdf
    from licheng.contract import TABLE_MIME

    t = time.perf_counter()
    text = "## 历城区 Licheng\n\n地区生产总值 GDP **1490亿元 CNY 149.0 bn**，年均增长5.2%。"
    table_html = ("<table class='licheng-table'><thead><tr><th>指标 Indicator</th><th>原文 Source</th></tr></thead>"
                  "<tbody><tr><td>GDP</td><td>预计2025年超过1490亿元</td></tr></tbody></table>")
    outputs = [new_output("display_data", data={"text/markdown": text, "text/plain": ""}),
               new_output("display_data", data={"text/html": table_html, TABLE_MIME: _WARM_TABLE, "text/plain": ""}),
               new_output("display_data", data={"image/svg+xml": _WARM_SVG, "text/plain": ""})]
    nb = new_notebook(cells=[new_code_cell("", outputs=outputs)],
                      metadata={"licheng": {"region": "历城区", "report": "warm-up", "html_lang": "zh-CN"}})
    if "html" in formats:
        _exporter("html").from_notebook_node(nb)
    if "pdf" in formats and get_engine(pdf_engine).warm:
        notebook_pdf(nb, engine=pdf_engine, print_exporter=_exporter("print"))
    return time.perf_counter() - t


def export(nb, name: str, formats, *, pdf_engine: str = DEFAULT_PDF_ENGINE, timings=None) -> dict[str, bytes]:
    """Every file of an executed report, in memory: the notebook, HTML, PDF and
    table CSVs (relative path -> bytes). Nothing is written: a failed export
    leaves the previous files as they are."""
    import nbformat

    from licheng.publishing.exporters import notebook_pdf

    timings = timings if timings is not None else {}
    files = {f"{name}.ipynb": nbformat.writes(nb).encode("utf-8")}
    if "html" in formats:
        t = time.perf_counter()
        html, _ = _exporter("html").from_notebook_node(nb)
        files[f"{name}.html"] = html.encode("utf-8")
        timings["html"] = round(time.perf_counter() - t, 3)
    if "pdf" in formats:
        t = time.perf_counter()
        files[f"{name}.pdf"] = notebook_pdf(nb, engine=pdf_engine, print_exporter=_exporter("print"))
        timings["pdf"] = round(time.perf_counter() - t, 3)
    for table, csv in table_outputs(nb).items():
        files[f"tables/{table}.csv"] = csv.encode("utf-8")
    empty = [f for f, data in files.items() if not data and not f.startswith("tables/")]
    if empty:
        raise RenderError(f"the export made an empty file: {', '.join(empty)}")
    return files


@dataclass
class Checked:
    """What the render keeps of a report's checked parameters: its language and its scorecard's facts."""

    lang: str
    attrs: dict


def _execute(spec: ReportSpec, kernel=None, on_cell=None):
    """Execute a report; return the executed notebook. Nothing is written: when
    a cell fails, the exception carries the executed notebook, papermill's
    banner at the failing cell, as ``exc.notebook``."""
    import nbformat

    from licheng.publishing.execute import execute

    kwargs, seen = {}, {}
    if kernel is not None:
        kwargs["km"] = kernel.km
    if on_cell is not None:
        total = len(nbformat.read(spec.notebook, as_version=4).cells) + (1 if spec.parameters else 0)
        kwargs["on_cell_start"] = lambda cell, cell_index: on_cell(cell_index + 1, total)
    try:
        return execute(spec.notebook, spec.parameters, timeout=spec.timeout, max_output=spec.max_output,
                       max_report_output=spec.max_report_output, on_notebook=lambda nb: seen.setdefault("nb", nb),
                       **kwargs)
    except Exception as exc:
        exc.notebook = seen.get("nb")
        raise


def _publish(spec: ReportSpec, nb, folder: Path, params, formats, pdf_engine, result: Result) -> None:
    """Stamp the title block facts, export every file in memory, then replace
    the report's folder with them at once."""
    from licheng.publishing.exporters import first_heading, title_block

    result.title = first_heading(nb)
    nb.metadata["licheng"] = title_block(params.attrs, params.lang, result.title, author=spec.author)
    files = export(nb, spec.name, formats, pdf_engine=pdf_engine, timings=result.timings)
    foreign = foreign_files(folder, spec.name)
    if foreign:  # a folder of the user's that happens to have the report's name: never replaced
        raise RenderError(f"{folder} holds files licheng did not write ({', '.join(foreign[:3])}"
                          f"{', ...' if len(foreign) > 3 else ''}); move them or choose another --outputs")
    try:
        replace_folder(folder, files)
    except OSError as e:  # disk full, read-only: the previous files stay as they were
        raise RenderError(f"could not write its files in {folder}: {e.strerror or e}") from None
    result.files = list(files)
    result.checksums = {f: file_record(data) for f, data in files.items()}
    result.status = "ok"


def _last_good(result: Result, last: dict, folder: Path) -> None:
    """A failed report keeps its last good files (nothing replaces them): record them as such,
    when they are still on disk as that render wrote them."""
    from licheng.publishing.publish import is_report_file, matches

    files, checksums = last.get("files") or [], last.get("checksums") or {}
    good = last.get("status") == "ok" or bool(last.get("kept"))
    if not good or not isinstance(files, list) or not isinstance(checksums, dict) or not files:
        return
    inside = folder.resolve()
    try:
        if not all(is_report_file(result.name, f) and f in checksums and isinstance(checksums[f], dict)
                   and (folder / f).resolve().is_relative_to(inside) and matches(folder / f, checksums[f])
                   for f in files):
            return
    except (OSError, ValueError):
        return
    kept = last["kept"] if isinstance(last.get("kept"), dict) and last["kept"] else last
    result.files, result.checksums = list(files), {f: checksums[f] for f in files}
    # what that render was: its inputs may differ from this run's
    result.kept = {k: kept.get(k) for k in ("title", "data_date", "notebook", "parameters")}


def _keep_failed(folder: Path, name: str, nb) -> None:
    """Keep the failed run's notebook beside the previous good files."""
    import nbformat

    atomic_write(folder / f"{name}.failed.ipynb", nbformat.writes(nb))


def _fail(result: Result, exc: BaseException) -> None:
    result.status, result.error = "failed", _failure_message(exc)
    if not isinstance(exc, (LichengError, OSError)) and "PapermillExecutionError" not in type(exc).__name__:
        import traceback

        result.error += " | " + traceback.format_exc(limit=3).strip().splitlines()[-1]


def render_set(specs: list[ReportSpec], *, outputs: Path = OUTPUTS_DIR, formats=None, force: bool = False,
               jobs: int | None = None, pdf_engine: str = DEFAULT_PDF_ENGINE, progress=None,
               engine: str = "fork") -> list[Result]:
    """Render reports in parallel: up to ``jobs`` kernels (default: two a core) execute at once, each
    started and warmed ahead in its worker thread and used for one report;
    exports run in this thread, so the PDF engine and its fonts load once.

    Reports whose inputs are unchanged since their last good render are
    skipped (status ``ok``, ``cached`` true) unless ``force``. Parameters are
    checked for every report to render before any kernel starts.

    ``engine`` is how kernels start (licheng.publishing.kernels): ``fork``
    from a pre-imported server, started here so that its imports overlap the
    checks, or ``kernel``, a new interpreter per report.
    """
    from licheng.publishing.cache import report_key, up_to_date
    from licheng.publishing.publish import sweep

    # Two kernels a core: a kernel waits between cells for the render to read its output and
    # send the next cell, and while it starts; with one a core, a third of the cores sat idle.
    jobs = max(1, jobs or 2 * (os.cpu_count() or 1))
    sweep(outputs)  # what a killed render left: staging folders, temporary files
    previous = load_status(outputs)
    results: dict[str, Result] = {}
    todo = []
    for spec in specs:
        fmts = tuple(formats or spec.formats)
        key = report_key(spec, fmts, pdf_engine)
        folder = report_dir(outputs, spec.name)
        old = previous.get(spec.name, {})
        if not force and up_to_date(old, key, folder):
            kept = {k: v for k, v in old.items() if k in Result.__dataclass_fields__}
            results[spec.name] = Result(**{**kept, "cached": True, "seconds": 0.0})
            if progress:
                progress.update(spec.name, "up to date")
            continue
        todo.append((spec, fmts, key))
    if not todo:
        return [results[s.name] for s in specs]

    from licheng.publishing import forkserver

    if engine == "fork":  # first: it imports in its own process while this one imports jupyter_client
        forkserver.start()
    from licheng.publishing.kernels import ENGINES

    if engine not in ENGINES:
        raise RenderError(f"no kernel engine named {engine!r}; choose one of {', '.join(ENGINES)}")
    return _render_todo(specs, todo, results, outputs=outputs, jobs=jobs, pdf_engine=pdf_engine,
                        progress=progress, engine=engine, previous=previous)


def _render_todo(specs, todo, results, *, outputs, jobs, pdf_engine, progress, engine, previous) -> list[Result]:
    # Every report's parameters are checked before any kernel starts. With forked kernels the
    # fork server checks them, with the pandas and licheng it imports anyway, while this process
    # warms its exporters and its workers ask for kernels (started only if the check passes);
    # otherwise, or when the server cannot, here.
    checked: dict = {}
    checking = _ServerCheck.start(todo) if engine == "fork" else None
    if checking is None:
        checked = check_here(todo)
    if any("pdf" in fmts for _, fmts, _ in todo):
        from licheng.publishing.pdf import check_pdf_engine

        check_pdf_engine(pdf_engine)
    else:  # the pages' web font and the charts are cut from it too
        from licheng.fonts import cjk_font_path

        cjk_font_path()

    from licheng.publishing import scratch
    from licheng.publishing.kernels import kill_all

    scratch.sweep()  # the temporary folders of renders killed outright
    stop = threading.Event()
    try:
        _run(todo, checked, results, outputs=outputs, jobs=jobs, pdf_engine=pdf_engine, progress=progress,
             stop=stop, engine=engine, previous=previous, checking=checking)
    finally:  # also on an error or an interrupt: no kernel and no temporary file outlives the render
        stop.set()  # workers start no other kernel
        kill_all()
        scratch.remove()
    return [results[s.name] for s in specs]


def _refusal(name: str, error: str, message: str) -> LichengError:
    """The one-line error that refuses the render for report ``name``: exit 2, whichever process
    found it."""
    from licheng.exceptions import ParameterError, RenderError, ScorecardError

    kinds = {kind.__name__: kind for kind in (ParameterError, ScorecardError, RenderError)}
    return kinds.get(error, ParameterError)(f"report {name!r}: {message}")


def check_here(todo) -> dict[str, Checked]:
    """Check every report's parameters in this process (each data file read once); raise the first refusal."""
    from licheng.publishing.forkserver import check_items

    return _checked(todo, check_items([[spec.notebook, spec.parameters] for spec, _, _ in todo]))


def _checked(todo, found: dict) -> dict[str, Checked]:
    """The findings of :func:`licheng.publishing.forkserver.check_items`, by report; its refusal raised."""
    if "refused" in found:
        raise _refusal(todo[found["refused"]][0].name, found["kind"], found["message"])
    return {spec.name: Checked(lang, attrs) for (spec, _, _), (lang, attrs) in zip(todo, found["checked"])}


class _ServerCheck:
    """A report set's parameters being checked by the fork server (licheng.publishing.forkserver)."""

    def __init__(self, todo, check_id: str, wait):
        self.todo, self.id, self.wait = todo, check_id, wait

    @classmethod
    def start(cls, todo) -> "_ServerCheck | None":
        """Send the check at once; None when the parameters cannot travel as JSON (a TOML date)."""
        from licheng.publishing import forkserver

        items = [[str(spec.notebook), spec.parameters] for spec, _, _ in todo]
        try:
            json.dumps(items)
            return cls(todo, *forkserver.start().check(items, os.getcwd()))
        except (TypeError, ValueError, RenderError):
            return None

    def result(self) -> dict[str, Checked] | None:
        """Wait for the server's findings; raise its refusal; None when the server could not
        check (it failed to start, or the check failed unexpectedly): the caller then checks here."""
        try:
            found = self.wait()
        except RenderError:
            return None
        return _checked(self.todo, found)


def longest_first(todo, previous: dict) -> list:
    """``todo`` in the order to start it when reports run side by side: the longest first, so that
    the last to finish are short ones and no core waits long at the end. A report's length is its execution time
    in its last render (status.json), else its notebook's size in bytes over 10 kB a second
    (the packaged notebooks run at about that rate); the set's order breaks ties."""
    def seconds(item) -> float:
        spec = item[0]
        last = (previous.get(spec.name) or {}).get("timings")
        if isinstance(last, dict) and isinstance(last.get("execute"), (int, float)):
            return float(last["execute"])
        try:
            return spec.notebook.stat().st_size / 10_000
        except OSError:
            return 0.0

    return sorted(todo, key=seconds, reverse=True)  # stable: equal lengths keep the set's order


def _run(todo, checked, results, *, outputs, jobs, pdf_engine, progress, stop, engine, previous=None,
         checking=None) -> None:
    """Execute ``todo`` in worker threads, export and publish in this one. With ``checking`` (the
    parameters still being checked by the fork server), workers ask for kernels at once, which
    the server starts only if the check passes, and take no report until it has."""
    import queue

    from licheng.publishing.cache import report_key

    pending: queue.Queue = queue.Queue()
    for item in (longest_first(todo, previous or {}) if jobs > 1 else todo):  # one at a time: the set's order
        pending.put(item)
    finished: queue.Queue = queue.Queue()
    # An executed notebook waits in memory for its export. When exports fall behind (60 reports on
    # 2 cores), workers wait before starting another report: memory stays flat with the set's size.
    waiting = threading.BoundedSemaphore(2 * max(1, jobs))

    # Prints are also cut in the kernel, a little past the largest cap of these reports: the
    # cut is still marked here, and a 100 MB print is never sent (licheng.publishing.streams).
    stream_cap = max(spec.max_output for spec, _, _ in todo) + 1000
    checks_passed, refused = threading.Event(), []

    def await_checks():  # in a thread of its own: the main thread warms the exporters meanwhile
        try:
            found = checking.result()
            checked.update(found if found is not None else check_here(todo))
        except BaseException as e:  # noqa: BLE001  (a refusal, raised in the main thread below)
            refused.append(e)
            stop.set()
        finally:
            checks_passed.set()

    if checking is None:
        checks_passed.set()
    else:
        threading.Thread(target=await_checks, name="licheng-check", daemon=True).start()

    def worker():
        from licheng.publishing.forkserver import NOT_STARTED
        from licheng.publishing.kernels import WarmKernel

        while not pending.empty() and not stop.is_set():
            while not waiting.acquire(timeout=0.5):
                if stop.is_set():
                    return
            kernel, kernel_error, t0 = None, None, time.perf_counter()
            try:
                # Asked for at once, started by the server only once the check has passed: the
                # server checks first, and starts no kernel for a set it refused.
                kernel = WarmKernel(stream_cap=stream_cap, engine=engine, after_check=checking and checking.id)
            except Exception as exc:  # reported on the report that would have used it
                kernel_error = exc
            checks_passed.wait()  # no report is taken before every parameter has passed
            if kernel_error is not None and not stop.is_set() and NOT_STARTED in str(kernel_error):
                try:  # the server could not check, this process did, and the set passed
                    kernel, kernel_error = WarmKernel(stream_cap=stream_cap, engine=engine), None
                except Exception as exc:
                    kernel_error = exc
            try:
                if stop.is_set():
                    raise queue.Empty
                spec, fmts, key = pending.get_nowait()
            except queue.Empty:
                if kernel:
                    kernel.shutdown()
                return
            result = Result(spec.name, spec.notebook.name, dict(spec.parameters), key=key)
            params = checked[spec.name]
            result.lang, result.data_date = params.lang, params.attrs["source_date"]
            nb = None
            try:
                if kernel_error:
                    raise RenderError(f"the kernel did not start: {kernel_error}")
                result.timings["kernel_start"] = round(kernel.start_seconds, 3)
                result.timings["kernel_warm"] = round(kernel.warm_seconds, 3)
                if progress:
                    progress.update(spec.name, "executing")
                t = time.perf_counter()
                on_cell = (lambda i, n, name=spec.name: progress.cell(name, i, n)) if progress else None
                nb = _execute(spec, kernel, on_cell)
                result.timings["execute"] = round(time.perf_counter() - t, 3)
            except Exception as exc:
                _fail(result, exc)
                nb = getattr(exc, "notebook", None)  # the failed notebook, to keep
            result.seconds = time.perf_counter() - t0
            finished.put((spec, fmts, result, nb))  # the export starts now, while the kernel stops
            if kernel:
                kernel.shutdown()

    threads = [threading.Thread(target=worker, name=f"licheng-worker-{i}", daemon=True)
               for i in range(min(jobs, len(todo)))]
    for t in threads:
        t.start()
    # While the first kernels start, this thread has nothing to do: warm the
    # exporters and the PDF engine. A failure here would fail the first real
    # export too, with that report's name, so it is left to show there.
    try:
        warm_exporters({f for _, fmts, _ in todo for f in fmts}, pdf_engine)
    except Exception:
        pass
    checks_passed.wait()
    if refused:  # the render ends here: no kernel has started
        raise refused[0]
    for _ in range(len(todo)):
        spec, fmts, result, nb = finished.get()
        folder = report_dir(outputs, spec.name)
        t = time.perf_counter()
        if result.status != "failed":
            if progress:
                progress.update(spec.name, "exporting")
            try:
                _publish(spec, nb, folder, checked[spec.name], fmts, pdf_engine, result)
                if report_key(spec, fmts, pdf_engine) != result.key:
                    result.key = ""  # an input changed while the report ran: what it used is unknown
            except Exception as exc:
                _fail(result, exc)
        elif nb is not None:
            try:
                _keep_failed(folder, spec.name, nb)
            except OSError as e:
                result.error += f" (the failed notebook could not be kept: {e.strerror or e})"
        if result.status == "failed":
            _last_good(result, (previous or {}).get(spec.name) or {}, folder)
        result.seconds = round(result.seconds + time.perf_counter() - t, 2)
        if progress:
            progress.update(spec.name, f"done in {result.seconds:.1f}s" if result.status == "ok"
                            else f"failed: {result.error}")
        results[spec.name] = result
        waiting.release()
        save_status(outputs, [result])  # an interrupted render keeps what it finished
    for t in threads:
        t.join()


#: The largest status.json read (60 reports write about 90 kB).
MAX_STATUS_BYTES = 64_000_000


def load_status(outputs: Path, *, warn: bool = True) -> dict:
    """The last recorded state of every report, by name. A status file that is
    not what licheng writes (damaged, edited) counts as empty: every report is
    then rendered again, and ``warn`` says so on stderr."""
    import sys

    path = outputs / STATUS_FILE
    if not path.is_file():
        return {}
    try:
        if path.stat().st_size > MAX_STATUS_BYTES:
            raise ValueError(f"over {MAX_STATUS_BYTES:,} bytes")
        status = json.loads(path.read_bytes().decode("utf-8"))
        if not isinstance(status, dict):
            raise ValueError(f"a JSON {type(status).__name__}, not an object")
    except (OSError, ValueError, RecursionError) as e:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        if warn:
            print(f"licheng: warning: {path} is not a status file ({e}); rendering as if it were empty",
                  file=sys.stderr)
        return {}
    return {name: entry for name, entry in status.items() if isinstance(entry, dict)}


def save_status(outputs: Path, results: list[Result]) -> dict:
    """Record ``results`` in status.json (atomically), keeping the other reports' entries."""
    status = load_status(outputs, warn=False)
    for r in results:
        status[r.name] = asdict(r)
    atomic_write(outputs / STATUS_FILE, _status_json(status))
    return status


def _status_json(status: dict) -> str:
    """status.json's text: one line per report, in name order. It is written after every report,
    and ``json.dumps(indent=...)`` runs Python's own encoder, not the C one: 5 ms a time on 60
    reports."""
    def line(value):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    return "{\n" + ",\n".join(f"{line(name)}: {line(status[name])}" for name in sorted(status)) + "\n}\n"
