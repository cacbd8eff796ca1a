"""Time the default report set: licheng render against the plain tools.

    make bench        (or: .venv/bin/python benchmarks/render_bench.py)

Measures, each in fresh output folders:
  (1) licheng render --force          every report, parallel kernels, Typst PDFs (the default)
  (1w) the same with --pdf-engine weasyprint (the HTML page printed by WeasyPrint)
  (2) licheng render (nothing changed) the cache's no-op
  (3) the naive pipeline, one report after another: the papermill CLI, then
      jupyter nbconvert --to html, then the weasyprint CLI
and prints wall times, the ratio (3)/(1), the per-step breakdown and peak
memory. Not run by the tests: speed is measured here, never asserted.
"""
from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))


def run(cmd, **kw):
    t = time.perf_counter()
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{result.stderr[-2000:]}")
    return time.perf_counter() - t


def children_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    from licheng.publishing.reportset import load_reports

    specs = load_reports()
    work = Path(tempfile.mkdtemp(prefix="licheng-bench-"))
    licheng = [sys.executable, "-m", "licheng"]
    try:
        out = work / "licheng"
        t1 = run(licheng + ["render", "--force", "--outputs", out], cwd=ROOT)
        peak_licheng = children_peak_mb()
        t2 = run(licheng + ["render", "--outputs", out], cwd=ROOT)
        status = json.loads((out / "status.json").read_text(encoding="utf-8"))
        out_w = work / "licheng-weasyprint"
        t1w = run(licheng + ["render", "--force", "--pdf-engine", "weasyprint", "--outputs", out_w], cwd=ROOT)
        status_w = json.loads((out_w / "status.json").read_text(encoding="utf-8"))

        naive = work / "naive"
        naive.mkdir()
        steps = {"papermill": 0.0, "nbconvert": 0.0, "weasyprint": 0.0}
        t = time.perf_counter()
        for spec in specs:
            nb = naive / f"{spec.name}.ipynb"
            params = [a for k, v in spec.parameters.items() for a in ("-p", k, str(v))]
            steps["papermill"] += run([BIN / "papermill", "--no-progress-bar", spec.notebook, nb, *params,
                                       "--cwd", spec.notebook.parent], cwd=naive)
            steps["nbconvert"] += run([BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", nb], cwd=naive)
            steps["weasyprint"] += run([BIN / "weasyprint", naive / f"{spec.name}.html", naive / f"{spec.name}.pdf"],
                                       cwd=naive)
        t3 = time.perf_counter() - t
        peak_all = children_peak_mb()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    n = len(specs)
    print(f"\nlicheng render benchmark: {n} reports, {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}\n")
    print(f"{'':44}{'wall (s)':>10}")
    print(f"{'(1) licheng render --force':44}{t1:10.1f}")
    print(f"{'(1w) the same, --pdf-engine weasyprint':44}{t1w:10.1f}")
    print(f"{'(2) licheng render, nothing changed':44}{t2:10.2f}")
    print(f"{'(3) papermill + nbconvert + weasyprint CLIs':44}{t3:10.1f}")
    print(f"{'ratio (3)/(1)':44}{t3 / t1:10.2f}")
    print("\nper report, licheng (seconds; kernels start and warm in worker threads while other reports run):")
    keys = ["kernel_start", "kernel_warm", "execute", "html", "pdf"]
    print(f"  {'report':16}" + "".join(f"{k:>13}" for k in keys))
    totals = {k: [] for k in keys}
    for spec in specs:
        timings = status[spec.name].get("timings", {})
        for k in keys:
            totals[k].append(timings.get(k, float("nan")))
        print(f"  {spec.name:16}" + "".join(f"{timings.get(k, float('nan')):13.2f}" for k in keys))
    print(f"  {'mean':16}" + "".join(f"{sum(v) / len(v):13.2f}" for v in totals.values()))
    for engine, st in (("typst", status), ("weasyprint", status_w)):
        pdfs = [st[spec.name].get("timings", {}).get("pdf", float("nan")) for spec in specs]
        # every report, the first included: the engine is warmed while the first kernels start
        print(f"  PDF export ({engine}), per report: " + ", ".join(f"{p:.2f}" for p in pdfs)
              + f"; mean {sum(pdfs) / len(pdfs):.2f} s, max {max(pdfs):.2f} s")
    print("\nnaive pipeline, summed over the set (seconds):")
    for k, v in steps.items():
        print(f"  {k:12}{v:8.1f}   ({v / n:.1f} per report)")
    print(f"\npeak memory (largest single process, RSS): licheng render {peak_licheng:.0f} MB; "
          f"all runs {peak_all:.0f} MB")


if __name__ == "__main__":
    main()
