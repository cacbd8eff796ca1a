"""Compare the render's speed in two checkouts, run by turns, pair by pair.

    .venv/bin/python benchmarks/ab_bench.py OTHER [--runs N] [--sixty]

OTHER is another checkout of licheng (e.g. ``git worktree add /tmp/before HEAD~3``).
Each round renders the default report set (or, with ``--sixty``, the 60-report
variant set of render_bench.py) once with OTHER's code and once with this
checkout's, in turns (A B, then B A, ...), each with ``--force`` into a fresh
folder, using this checkout's virtual environment and each checkout's own
package and notebooks (``PYTHONPATH``). It prints the median ratio of this
checkout's wall time to OTHER's over the pairs, and each side's median wall and
machine CPU with their range.

This machine's speed drifts by a fifth and more within minutes, so the medians
of two separate benches cannot show a change of a few per cent; a ratio taken
pair by pair, each pair seconds apart, can. Never run by the tests.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))

from render_bench import cpu_busy, variant_set  # noqa: E402


def render(tree: Path, config: Path | None, out: Path) -> tuple[float, float]:
    """Wall and machine CPU of one forced render with ``tree``'s code."""
    shutil.rmtree(out, ignore_errors=True)
    env = {**__import__("os").environ, "PYTHONPATH": str(tree)}
    args = [sys.executable, "-m", "licheng", *(["--config", str(config)] if config else []), "render", "--force",
            "--outputs", str(out)]
    c, t = cpu_busy(), time.perf_counter()
    subprocess.run(args, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t, cpu_busy() - c


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("other", type=Path, help="the checkout to compare with")
    ap.add_argument("--runs", type=int, default=10, help="pairs of renders (default 10)")
    ap.add_argument("--sixty", action="store_true", help="the 60-report variant set, not the default 6")
    args = ap.parse_args()
    trees = [args.other.resolve(), ROOT]
    with tempfile.TemporaryDirectory(prefix="licheng-ab-") as tmp:
        work = Path(tmp)
        configs: dict = {}
        for i, tree in enumerate(trees):
            configs[tree] = None
            if args.sixty:  # each checkout's notebooks: a report set may only name its own
                sixty = variant_set(work / "sixty.toml").read_text(encoding="utf-8")
                configs[tree] = work / f"sixty-{i}.toml"
                configs[tree].write_text(sixty.replace(str(ROOT / "notebooks"), str(tree / "notebooks")),
                                         encoding="utf-8")
        runs: dict = {tree: [] for tree in trees}
        for n in range(args.runs):
            for i, tree in enumerate(trees if n % 2 == 0 else trees[::-1]):
                runs[tree].append(render(tree, configs[tree], work / f"out-{i}"))
    ratios = [b[0] / a[0] for a, b in zip(runs[trees[0]], runs[trees[1]])]
    print(f"{'60 reports' if args.sixty else 'the default set'}, {args.runs} pairs")
    print(f"this checkout's wall / the other's, pair by pair: median {statistics.median(ratios):.3f} "
          f"({', '.join(f'{r:.2f}' for r in ratios)})")
    for label, tree in (("other", trees[0]), ("this", trees[1])):
        wall, cpu = [r[0] for r in runs[tree]], [r[1] for r in runs[tree]]
        print(f"{label:6s} {str(tree):40s} wall {statistics.median(wall):.2f} ({min(wall):.2f}-{max(wall):.2f}) s, "
              f"CPU {statistics.median(cpu):.2f} ({min(cpu):.2f}-{max(cpu):.2f}) s")


if __name__ == "__main__":
    main()
