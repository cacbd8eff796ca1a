"""licheng draft: how good and how fast (make bench-draft; never run by the tests).

Quality: the draft of each text against the scorecard a person made from it (the seed's
packaged scorecard, the drafting fixtures, the other regions' fixtures), scored by
licheng.drafting.evaluate: recall (same value, unit and bound, a quote with the figure),
period / kind / status agreement on the recovered rows, and the share of rows that are no figure.

Speed: a report of 30,000 characters (the seed and the fixture texts, repeated), drafted in
process (draft() alone, and the whole `licheng draft -o --review --explain` command), and
the command in a new process (Python start and imports included).
"""
from __future__ import annotations

import contextlib
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from drafting_cases import CASES  # noqa: E402  (the texts and their hand-made scorecards)

LENGTH = 30_000


def quality() -> list[str]:
    from licheng import load_scorecard
    from licheng.drafting.evaluate import score
    from licheng.drafting.extract import draft

    lines = ["| text | rows | recall | period | kind | status | all three | non-figures |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, path in CASES.items():
        expected = load_scorecard(path)
        s = score(draft(expected.attrs["source_text"]), expected)
        lines.append(f"| {name} | {s.expected} | {s.recall:.1%} | {s.share('period'):.1%} | {s.share('kind'):.1%} | "
                     f"{s.share('status'):.1%} | {s.share('all_three'):.1%} | {s.non_figure_share:.1%} "
                     f"({s.non_figures}/{s.drafted}) |")
        for miss in s.misses + s.wrong + s.strays:
            lines.append(f"|   {miss} |")
    return lines


def long_text() -> str:
    from licheng import load_scorecard

    parts = [load_scorecard(p).attrs["source_text"] for p in CASES.values()]
    text = ""
    while len(text) < LENGTH:
        text += "\n\n".join(parts) + "\n\n"
    return text[:LENGTH]


def spread(times: list[float]) -> str:
    return (f"min {min(times) * 1000:.0f} ms, median {statistics.median(times) * 1000:.0f} ms, "
            f"max {max(times) * 1000:.0f} ms ({len(times)} runs)")


def speed(runs: int = 15) -> list[str]:
    from licheng.drafting.extract import draft
    from licheng.publishing import cli

    text = long_text()
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "long.txt"
        source.write_text(text, encoding="utf-8")
        draft(text)  # warm: the vocabulary and patterns load once
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            d = draft(text)
            times.append(time.perf_counter() - t)
        out.append(f"draft() of {len(text):,} characters ({len(d.figures)} rows, {len(d.left_out)} left out): "
                   f"{spread(times)}")
        times = []
        args = ["draft", str(source), "-o", f"{tmp}/d.csv", "--review", f"{tmp}/r.html", "--explain"]
        for _ in range(runs):
            t = time.perf_counter()
            with contextlib.redirect_stderr(io.StringIO()):
                assert cli.main(args) == 0
            times.append(time.perf_counter() - t)
        out.append(f"licheng draft -o --review --explain, in process: {spread(times)}")
        times = []
        exe = Path(sys.executable).with_name("licheng")
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run([str(exe), *args], check=True, capture_output=True)
            times.append(time.perf_counter() - t)
        out.append(f"licheng draft -o --review --explain, new process (imports included): {spread(times)}")
    return out


def main() -> None:
    import os
    import platform

    print(f"licheng draft benchmark: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}")
    print("\n".join(quality()))
    print()
    print("\n".join(speed()))


if __name__ == "__main__":
    main()
