"""Time licheng render against the floor and against the plain tools.

    make bench        (or: .venv/bin/python benchmarks/render_bench.py [--runs N] [--quick])

Measures, in fresh output folders, on this machine:

  floor    what rendering cannot avoid, in one process: the imports once, then
           per report its computation (the notebook's cells in an IPython
           shell), its HTML and its Typst PDF, summed and divided by the cores;
           measured 3 times in a fresh process, each right after a run of (1),
           and the ratio (1)/floor is the median of those adjacent pairs (the
           machine's speed drifts)
  (1)      licheng render --force, the default 6 reports (fork engine), N runs
  (1k)     the same with --engine kernel (a new interpreter per report)
  (60)     a 60-report variant set (5 regions x 3 notebooks x 2 languages x 2
           parameter sets), N runs
  (2)      licheng render with nothing changed (the cache's no-op)
  (3)      the plain tools, one report after another: papermill CLI, jupyter
           nbconvert --to html, weasyprint CLI (once; --quick skips it)

Wall is the median of the runs with their range. CPU is the whole machine's
busy time during a run (from /proc/stat), so the machine must be otherwise
idle; forked kernels are not the render's children and would be missed by
rusage. Memory is sampled every 50 ms over the render's process tree, in a
run of its own that is not timed: the largest process (RSS) and the tree's
total (PSS: pages shared by forks are counted once). Not run by the tests:
speed is measured here, never asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(ROOT))
LICHENG = [sys.executable, "-m", "licheng"]


def cpu_busy() -> float:
    """Seconds of CPU the whole machine has spent busy since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _kb(pid: int, path: str, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/{path}").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class MemorySampler(threading.Thread):
    """Peak RSS of the largest process and peak PSS of the whole tree under ``pid``."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.largest_mb, self.tree_mb, self.done = pid, 0.0, 0.0, threading.Event()

    def run(self):
        while not self.done.is_set():
            pids = _tree(self.pid)
            self.largest_mb = max(self.largest_mb, max(_kb(p, "status", "VmRSS") for p in pids) / 1024)
            self.tree_mb = max(self.tree_mb, sum(_kb(p, "smaps_rollup", "Pss") for p in pids) / 1024)
            self.done.wait(0.05)


def render(args: list, *, memory: bool = False) -> dict:
    """One licheng run: wall, machine CPU, and (if asked) memory."""
    cpu0, t0 = cpu_busy(), time.perf_counter()
    proc = subprocess.Popen(LICHENG + [str(a) for a in args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    sampler = MemorySampler(proc.pid) if memory else None
    if sampler:
        sampler.start()
    out, err = proc.communicate()
    wall, cpu = time.perf_counter() - t0, cpu_busy() - cpu0
    if sampler:
        sampler.done.set()
        sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"failed: licheng {' '.join(map(str, args))}\n{err[-2000:]}")
    return {"wall": wall, "cpu": cpu, "largest_mb": sampler.largest_mb if sampler else None,
            "tree_mb": sampler.tree_mb if sampler else None}


def variant_set(path: Path) -> Path:
    """60 reports: 5 regions x 3 notebooks x 2 languages x 2 parameter sets."""
    regions = {"packaged": ""} | {r: str(FIXTURES / r / "scorecard.csv")
                                  for r in ("nanshan", "licheng_changed", "minimal", "targets_only")}
    variants = {"scorecard": [{}, {"themes": ["economy"]}],
                "growth": [{}, {"horizon": 2040}],
                "comparison": [{}, {"min_reliability": "official"}]}
    text = '[defaults]\nformats = ["html", "pdf"]\n'
    for region, csv in regions.items():
        for nb, params in variants.items():
            for lang in ("zh", "en"):
                for i, extra in enumerate(params):
                    p = {"lang": lang, "scorecard": csv, **extra}
                    inline = ", ".join(f"{k} = {json.dumps(v)}" for k, v in p.items())
                    text += (f'\n[[report]]\nname = "{region}-{nb}-{lang}-{i}"\n'
                             f'notebook = "{ROOT / "notebooks" / (nb + ".ipynb")}"\nparameters = {{ {inline} }}\n')
    path.write_text(text, encoding="utf-8")
    return path


def floor(specs, executed: Path) -> dict:
    """The unavoidable CPU, in this process: imports once, then per report compute + HTML + PDF."""
    import resource

    def cpu() -> float:
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime

    c0 = cpu()
    import matplotlib

    matplotlib.use("module://matplotlib_inline.backend_inline")
    import nbformat
    import pandas  # noqa: F401
    import seaborn  # noqa: F401
    from IPython.core.interactiveshell import InteractiveShell

    import licheng.analysis.compare  # noqa: F401
    import licheng.authoring.report  # noqa: F401
    from licheng.authoring.charts import register_cjk_font
    from licheng.publishing.render import export, warm_exporters

    register_cjk_font()
    imports = cpu() - c0
    warm_exporters({"html", "pdf"})  # template compilation and fonts: once per process, like imports
    imports = cpu() - c0
    import contextlib
    import io

    shell = InteractiveShell.instance()
    compute = exported = 0.0
    here = os.getcwd()
    os.chdir(ROOT / "notebooks")
    with contextlib.redirect_stdout(io.StringIO()):
        for spec in specs:
            nb = nbformat.read(spec.notebook, as_version=4)
            shell.reset(new_session=False)
            c = cpu()
            shell.run_cell("\n".join(f"{k} = {v!r}" for k, v in spec.parameters.items()), silent=True)
            for cell in nb.cells:
                if cell.cell_type == "code":
                    shell.run_cell(cell.source, silent=True)
            compute += cpu() - c
            done = nbformat.read(executed / spec.name / f"{spec.name}.ipynb", as_version=4)
            c = cpu()
            export(done, spec.name, ("html", "pdf"))
            exported += cpu() - c
    os.chdir(here)
    cores = os.cpu_count() or 1
    return {"imports": imports, "compute": compute, "export": exported,
            "floor": (imports + compute + exported) / cores, "cores": cores}


def plain_tools(specs, work: Path) -> float:
    naive = work / "naive"
    naive.mkdir()
    t = time.perf_counter()
    for spec in specs:
        nb = naive / f"{spec.name}.ipynb"
        params = [a for k, v in spec.parameters.items() for a in ("-p", k, str(v))]
        for cmd in ([BIN / "papermill", "--no-progress-bar", spec.notebook, nb, *params, "--cwd", spec.notebook.parent],
                    [BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", nb],
                    [BIN / "weasyprint", naive / f"{spec.name}.html", naive / f"{spec.name}.pdf"]):
            result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, cwd=naive)
            if result.returncode != 0:
                raise SystemExit(f"failed: {cmd}\n{result.stderr[-2000:]}")
    return time.perf_counter() - t


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f}  ({min(values):.2f}–{max(values):.2f})"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5, help="runs of each render (default 5)")
    ap.add_argument("--quick", action="store_true", help="skip the plain tools (about 40 s)")
    ap.add_argument("--floor-only", metavar="EXECUTED", type=Path,
                    help="measure the floor in this process, from executed reports in EXECUTED; print it as JSON")
    args = ap.parse_args()
    from licheng.publishing.reportset import load_reports

    specs = load_reports()
    if args.floor_only:
        print(json.dumps(floor(specs, args.floor_only)))
        return
    work = Path(tempfile.mkdtemp(prefix="licheng-bench-"))
    try:
        # The machine's speed drifts: each of the first three renders is followed by a floor measured
        # in a fresh process, and the ratio is the median of these adjacent pairs.
        six, floors = [], []
        for i in range(args.runs):
            six.append(render(["render", "--force", "--outputs", work / f"six-{i}"]))
            if i < 3:
                out = subprocess.run([sys.executable, __file__, "--floor-only", str(work / "six-0")], cwd=ROOT,
                                     capture_output=True, text=True, check=True).stdout
                floors.append(json.loads(out.strip().splitlines()[-1]))
        # Memory is sampled in a run of its own: reading every process's smaps takes CPU from the render.
        six_memory = render(["render", "--force", "--outputs", work / "six-memory"], memory=True)
        noop = [render(["render", "--outputs", work / "six-0"])["wall"] for _ in range(5)]
        kernel = [render(["render", "--force", "--engine", "kernel", "--outputs", work / f"kernel-{i}"])
                  for i in range(max(3, args.runs // 2))]
        cfg = variant_set(work / "variants.toml")
        sixty = [render(["--config", cfg, "render", "--force", "--outputs", work / f"sixty-{i}"])
                 for i in range(max(3, args.runs // 2))]
        sixty_memory = render(["--config", cfg, "render", "--force", "--outputs", work / "sixty-memory"], memory=True)
        plain = None if args.quick else plain_tools(specs, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    wall6 = statistics.median(r["wall"] for r in six)
    print(f"\nlicheng render benchmark: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}; median of runs (range)\n")
    f = sorted(floors, key=lambda x: x["floor"])[len(floors) // 2]
    print(f"floor for the 6 reports: {spread([x['floor'] for x in floors]).strip()} s; the median one = (imports "
          f"{f['imports']:.2f} + compute {f['compute']:.2f} + HTML and PDF {f['export']:.2f} CPU-s) / {f['cores']} cores\n")
    print(f"{'':46}{'wall (s)':>22}{'CPU (s)':>22}")
    rows = [("(1) 6 reports, fork engine (default)", six), ("(1k) 6 reports, --engine kernel", kernel),
            ("(60) 60 reports, fork engine", sixty)]
    for label, runs in rows:
        print(f"{label:46}{spread([r['wall'] for r in runs]):>22}{spread([r['cpu'] for r in runs]):>22}")
    print(f"{'(2) nothing changed (cache no-op)':46}{spread(noop):>22}")
    if plain is not None:
        print(f"{'(3) papermill + nbconvert + weasyprint CLIs':46}{plain:16.2f}")
    print()
    pairs = [r["wall"] / x["floor"] for r, x in zip(six, floors)]
    print(f"ratio (1) / floor:           {statistics.median(pairs):.2f} (runs next to each other: "
          f"{', '.join(f'{p:.2f}' for p in pairs)})")
    if plain is not None:
        print(f"ratio (3) / (1):             {plain / wall6:.1f}x faster than the plain tools")
    wall60 = statistics.median(r["wall"] for r in sixty)
    print(f"60 reports: {wall60:.1f} s, {(wall60 - wall6) / 54:.2f} s per report beyond the first 6")
    for label, r in (("6 reports", six_memory), ("60 reports", sixty_memory)):
        print(f"peak memory, {label}: largest process {r['largest_mb']:.0f} MB RSS, "
              f"whole tree {r['tree_mb']:.0f} MB PSS")


if __name__ == "__main__":
    main()
