"""A render killed at random points (SIGKILL and SIGINT), several times: each
report's files stay one whole set (the previous or the new), the next run's
cache is honest, and no temporary file or kernel outlives the render."""
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from licheng.paths import ROOT
from licheng.publishing.publish import matches

NAMES = ("one", "two")


def write_version(folder: Path, version: int) -> None:
    """Both reports' notebook, printing its version (so each run's set is told apart)."""
    nb = new_notebook(cells=[
        new_code_cell('lang: str = "en"\nscorecard: str = ""', metadata={"tags": ["parameters"]}),
        new_code_cell(f"import os\nprint('GDP 1490, version {version:03d}', os.getpid())")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / "small.ipynb")


def start(cfg: Path, out: Path, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "licheng", "--config", str(cfg), "render", "--outputs", str(out),
                             *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def version_of(folder: Path, name: str) -> str:
    """The version a report's files show; fails unless the notebook and the page agree."""
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [f"{name}.html", f"{name}.ipynb"]
    html = (folder / f"{name}.html").read_text(encoding="utf-8")
    notebook = (folder / f"{name}.ipynb").read_text(encoding="utf-8")
    versions = {text.split("version ", 1)[1][:3] for text in (html, notebook)}
    assert len(versions) == 1, f"{name}: a mixed set {versions}"
    return versions.pop()


def leftovers(pids) -> list:
    tmp = Path(tempfile.gettempdir())
    return [p.name for pid in pids for p in tmp.glob(f"licheng-{pid}-*")]


@pytest.mark.slow
def test_killed_renders_leave_whole_sets_an_honest_cache_and_no_temporary_files(tmp_path):
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    cfg = tmp_path / "reports.toml"
    cfg.write_text('[defaults]\nformats = ["html"]\n' + "".join(
        f'\n[[report]]\nname = "{n}"\nnotebook = "small.ipynb"\nparameters = {{ lang = "en" }}\n' for n in NAMES),
        encoding="utf-8")
    out = tmp_path / "out"
    write_version(tmp_path, 0)
    first = start(cfg, out)
    assert first.wait(120) == 0, first.stderr.read()
    pids, seen = [first.pid], {"000"}
    for run in range(1, 7):
        write_version(tmp_path, run)
        seen.add(f"{run:03d}")
        proc = start(cfg, out, "--jobs", "2")
        pids.append(proc.pid)
        time.sleep(rng.uniform(0.5, 4.5))  # anywhere from imports to kernels, exports and publishing
        sig = signal.SIGKILL if run % 2 else signal.SIGINT
        proc.send_signal(sig)
        proc.communicate(timeout=60)
        for name in NAMES:  # each report: one whole set, of some run
            assert version_of(out / name, name) in seen, f"seed {seed}, run {run}"

    write_version(tmp_path, 99)
    final = start(cfg, out)
    stdout, stderr = final.communicate(timeout=120)
    assert final.returncode == 0, f"seed {seed}: {stderr}"
    status = json.loads((out / "status.json").read_text(encoding="utf-8"))
    for name in NAMES:
        assert version_of(out / name, name) == "099"
        record = status[name]
        assert record["status"] == "ok" and all(matches(out / name / f, c) for f, c in record["checksums"].items())
    again = start(cfg, out)
    stdout, _ = again.communicate(timeout=120)
    assert "everything was up to date" in stdout
    assert not [p for p in out.rglob("*") if p.name.startswith(".")], f"seed {seed}"
    time.sleep(1.5)  # a kernel orphaned by SIGKILL notices within a second that its parent is gone
    assert leftovers(pids + [final.pid, again.pid]) == [], f"seed {seed}"
    ps = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True).stdout
    assert str(tmp_path) not in ps
