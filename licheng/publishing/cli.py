"""The ``licheng`` command: render the report set, list it, show parameters.

    licheng render [NAME ...] [--format html,pdf] [--force] [-p NAME=VALUE ...]
    licheng list [--json]
    licheng params NOTEBOOK
    licheng draft SOURCE.txt [--region NAME] [--date YYYY[-MM[-DD]]] [-o draft.csv] [--explain] [--review page.html]
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path

from licheng.exceptions import LichengError
from licheng.paths import NOTEBOOKS_DIR, OUTPUTS_DIR, REPORTS_TOML
from licheng.publishing.pdf import DEFAULT_PDF_ENGINE, engine_names


def _parser() -> argparse.ArgumentParser:
    from licheng import __version__

    # --config is accepted before and after the subcommand (`licheng --config F render`,
    # `licheng render --config F`): the subcommands' copy has no default, so it never
    # overwrites one given before the subcommand.
    config_help = "report set file (default: notebooks/reports.toml of the project: the nearest folder, " \
                  "from the working directory up, that has one)"
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, default=argparse.SUPPRESS, help=config_help)
    p = argparse.ArgumentParser(prog="licheng", description="Render the Licheng economic reports.")
    p.add_argument("--version", action="version", version=f"licheng {__version__}")
    p.add_argument("--config", type=Path, default=REPORTS_TOML, help=config_help)
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("render", parents=[common], help="execute and export reports (all, or those named)")
    r.add_argument("names", nargs="*", metavar="NAME", help="reports to render (default: the whole set)")
    r.add_argument("--format", default=None, help="comma list of formats: html,pdf (default: each report's own)")
    r.add_argument("--force", action="store_true", help="render even reports that are up to date")
    r.add_argument("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE",
                   help="override a parameter in every selected report that declares it (e.g. -p horizon=2035)")
    r.add_argument("--pdf-engine", choices=engine_names(), default=DEFAULT_PDF_ENGINE,
                   help="PDF engine: typst (default, fastest), weasyprint (prints the HTML page) or chromium "
                        "(needs a Chromium browser)")
    r.add_argument("--engine", choices=("fork", "kernel"), default="fork",
                   help="how reports' kernels start: fork (default: from a process that has already imported "
                        "pandas, matplotlib and licheng) or kernel (a new interpreter per report, as plain papermill)")
    r.add_argument("--outputs", type=Path, default=OUTPUTS_DIR,
                   help="output folder (default: outputs/ beside the project's notebooks/)")
    r.add_argument("-j", "--jobs", type=int, default=None,
                   help="reports executed at once (default: two a core)")
    r.add_argument("--timeout", metavar="SECONDS", default=None,
                   help="seconds a cell may run before its report fails (default: the report set's, else 600)")
    r.add_argument("--max-output", metavar="CHARS", default=None,
                   help="output a cell may keep, in characters, e.g. 1M (default: the report set's, else 200k); "
                        "the rest is dropped with an 'output truncated' line")
    r.add_argument("--max-report-output", metavar="CHARS", default=None,
                   help="output a whole report may keep (default: the report set's, else 1M)")

    ls = sub.add_parser("list", parents=[common], help="show the reports of the set")
    ls.add_argument("--json", action="store_true", help="print a JSON list of {name, notebook, parameters}")

    pa = sub.add_parser("params", parents=[common], help="show a notebook's parameters, types, defaults and help")
    pa.add_argument("notebook", help="a notebook path, or a name such as 'growth'")

    dr = sub.add_parser("draft", help="draft a scorecard CSV from a work report's text, for review")
    dr.add_argument("source", type=Path, help="the report's text (UTF-8, or GBK)")
    dr.add_argument("--region", help="the region in Chinese, e.g. 历城区 (default: read from the text)")
    dr.add_argument("--region-en", help="the region in English, e.g. 'Licheng District'")
    dr.add_argument("--date", help="the report's date: YYYY, YYYY-MM or YYYY-MM-DD (default: its year, read "
                                   "from the text)")
    dr.add_argument("-o", "--output", type=Path, help="the draft CSV (default: standard output)")
    dr.add_argument("--explain", action="store_true", help="list every number left out, with the reason")
    dr.add_argument("--review", type=Path, metavar="PAGE.html",
                    help="write a review page: the text with each figure linked to its row, and why the rest is not")
    dr.add_argument("--vocabulary", type=Path, metavar="CSV",
                    help="more indicators (id, name_zh, name_en, theme, kind, basis, aliases), as "
                         "licheng/data/indicators.csv; a row replaces the packaged one of its id")
    dr.add_argument("--exclusions", type=Path, metavar="CSV",
                    help="fragments of this text that are not figures, with the reason (fragment, reason), "
                         "as licheng/data/audit_exclusions.csv")
    return p


def _notebook_path(text: str) -> Path:
    from licheng.publishing.reportset import check_notebook

    path = Path(text)
    if not path.is_file():
        path = NOTEBOOKS_DIR / (text if text.endswith(".ipynb") else f"{text}.ipynb")
        if not path.is_file():
            names = ", ".join(sorted(p.stem for p in NOTEBOOKS_DIR.glob("*.ipynb")))
            raise LichengError(f"notebook {text!r} not found; the notebooks are {names}")
    if path.suffix != ".ipynb":
        raise LichengError(f"{text}: not a notebook; give an .ipynb file or a name such as 'growth'")
    check_notebook(path)
    return path


def cmd_list(args: argparse.Namespace) -> int:
    from licheng.publishing.reportset import load_reports

    specs = load_reports(args.config)
    if args.json:
        print(json.dumps([{k: v for k, v in s.as_dict().items() if k != "formats"} for s in specs],
                         ensure_ascii=False, indent=1))
        return 0
    width = max(len(s.name) for s in specs)
    for s in specs:
        params = " ".join(f"{k}={v!r}" for k, v in s.parameters.items())
        print(f"{s.name:<{width}}  {s.notebook.name:<18} {','.join(s.formats):<9} {params}")
    return 0


def cmd_params(args: argparse.Namespace) -> int:
    from licheng.authoring.params import notebook_parameters

    path = _notebook_path(args.notebook)
    print(f"Parameters of {path.name}:")
    for name, p in notebook_parameters(path).items():
        print(f"  {name}: {p['inferred_type_name']} = {p['default']}")
        if p["help"]:
            print(f"      {p['help']}")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    import time

    from licheng.publishing.reportset import ConfigError, apply_overrides, check_formats, load_reports, select, with_limits
    from licheng.publishing.index_page import write_index
    from licheng.publishing.progress import Progress
    from licheng.publishing.render import render_set, save_status

    started = time.perf_counter()
    specs = load_reports(args.config)
    chosen = select(specs, args.names)
    if args.parameter:
        chosen = apply_overrides(chosen, args.parameter)
    chosen = with_limits(chosen, timeout=args.timeout, max_output=args.max_output,
                         max_report_output=args.max_report_output)
    formats = None
    if args.format:
        formats = check_formats([f.strip() for f in args.format.split(",") if f.strip()], "--format")
    if args.jobs is not None and args.jobs < 1:
        raise ConfigError(f"--jobs {args.jobs}: give at least 1")
    outputs = args.outputs
    created = not os.path.lexists(outputs)
    if outputs.exists() and not outputs.is_dir():
        raise ConfigError(f"--outputs {outputs}: not a folder")
    try:
        outputs.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ConfigError(f"--outputs {outputs}: cannot make the folder ({e.strerror or e})") from None
    if not os.access(outputs, os.W_OK | os.X_OK):
        raise ConfigError(f"--outputs {outputs}: the folder is not writable")
    progress = Progress([s.name for s in chosen])
    try:
        results = render_set(chosen, outputs=outputs, formats=formats, force=args.force, jobs=args.jobs,
                             pdf_engine=args.pdf_engine, progress=progress, engine=args.engine)
    except LichengError:
        if created:  # refused before anything was written: no empty folder left behind
            with contextlib.suppress(OSError):
                outputs.rmdir()
        raise
    status = save_status(outputs, results)
    index = write_index(outputs, specs, status)
    failed = [r for r in results if r.status == "failed"]
    cached = [r for r in results if r.cached]
    rendered = [r for r in results if r.status == "ok" and not r.cached]
    elapsed = time.perf_counter() - started
    if len(cached) == len(results):
        print(f"everything was up to date ({len(cached)} reports, {elapsed:.2f}s); index: {index}")
    else:
        print(f"{len(rendered)} rendered, {len(cached)} up to date, {len(failed)} failed in {elapsed:.1f}s; index: {index}")
    for r in failed:
        print(f"FAILED {r.name}: {r.error}", file=sys.stderr)
    return 1 if failed else 0


def cmd_draft(args: argparse.Namespace) -> int:
    from licheng.drafting.command import run

    return run(args.source, region=args.region, region_en=args.region_en, date=args.date, output=args.output,
               explain=args.explain, review=args.review, vocabulary=args.vocabulary, exclusions=args.exclusions)


def _terminate(signum, frame):
    raise KeyboardInterrupt  # SIGTERM unwinds like Ctrl-C: kernels stopped, temporary files removed


def _skip_slow_optional_imports() -> None:
    """jsonschema imports ``rfc3987_syntax``, when installed (JupyterLab brings it), only to check
    "iri" formats, and it builds a Lark grammar at import: about a second of CPU before the
    first report can run. No schema licheng meets (nbformat's) uses those formats."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # an ImportError, which jsonschema expects


def main(argv: list[str] | None = None) -> int:
    import signal
    import threading

    _skip_slow_optional_imports()
    args = _parser().parse_args(argv)
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if in_main else None
    try:
        return {"render": cmd_render, "list": cmd_list, "params": cmd_params,
                "draft": cmd_draft}[args.command](args)
    except LichengError as e:
        print(f"licheng: error: {e}", file=sys.stderr)
        return 2
    except OSError as e:  # disk full, a read-only folder ... while writing what is not a report's own files
        where = f"{e.filename}: " if e.filename else ""
        print(f"licheng: error: {where}{e.strerror or e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("licheng: interrupted", file=sys.stderr)
        return 130
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous)


def run() -> None:
    """The ``licheng`` command: :func:`main`, then exit without tearing the interpreter down.

    The exit handlers still run (the fork server stops, temporary folders go, logs flush) and
    the standard streams are flushed; what is skipped is freeing every object of pandas,
    matplotlib and nbconvert one by one, about 0.2 s of a render's wall time. Every file a
    render writes is closed (and renamed into place) before :func:`main` returns."""
    import atexit

    code = main()
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is None:  # not CPython: exit the ordinary way
        sys.exit(code)
    run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (licheng list | head): nothing more to say
            pass
    os._exit(code)


if __name__ == "__main__":
    run()
