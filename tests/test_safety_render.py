"""Hostile and faulty inputs on the render side (issue 10): a report's files change
together or not at all, time and output are bounded, the cache checks what it
recorded, interruptions and write errors leave no half-written file, bad input
is one line and exit 2."""
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from licheng.publishing.cli import main

FIXTURES = Path(__file__).parent / "notebooks"
PARAMS = 'lang: str = "en"  # report language\nscorecard: str = ""  # scorecard CSV; empty for the packaged one'


def notebook(folder: Path, name: str, *cells: str) -> Path:
    """A report notebook in ``folder``: the parameters cell, then ``cells``."""
    nb = new_notebook(cells=[new_code_cell(PARAMS, metadata={"tags": ["parameters"]})]
                      + [new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def fixture(folder: Path, name: str) -> Path:
    """A copy of tests/notebooks/<name>.ipynb beside the report set."""
    path = folder / f"{name}.ipynb"
    shutil.copy(FIXTURES / f"{name}.ipynb", path)
    return path


def report_set(folder: Path, reports: dict, defaults: str = 'formats = ["html"]') -> Path:
    """reports: name -> (notebook path, extra TOML lines)."""
    text = f"[defaults]\n{defaults}\n"
    for name, (nb, extra) in reports.items():
        text += f'\n[[report]]\nname = "{name}"\nnotebook = "{Path(nb).name}"\n{extra}\n'
    path = folder / "reports.toml"
    path.write_text(text, encoding="utf-8")
    return path


def render(capsys, config: Path, *args) -> tuple[int, str, str]:
    code = main(["--config", str(config), "render", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


BAD_SVG = ("from IPython.display import display\n"
           "display({'image/svg+xml': '<svg this is not xml', 'text/plain': 'broken chart'}, raw=True)")


def test_a_failed_pdf_keeps_the_previous_html_and_notebook(tmp_path, capsys):
    nb = notebook(tmp_path, "chart", "print('GDP 1490')", BAD_SVG)
    cfg = report_set(tmp_path, {"chart": (nb, "")})
    out = tmp_path / "out"
    code, _, err = render(capsys, cfg, "--outputs", out)
    assert code == 0, err
    folder = out / "chart"
    good = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    assert set(good) == {"chart.ipynb", "chart.html"}

    code, _, err = render(capsys, cfg, "--outputs", out, "--format", "html,pdf")
    assert code == 1 and "FAILED chart: cell 3: Typst could not set the report" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and p.name != "chart.failed.ipynb"} == good
    assert not [p for p in out.rglob("*") if ".tmp" in p.name or p.name.startswith(".")]
    # status.json and the index say what is on disk: this run failed, the last good files are still there
    status = json.loads((out / "status.json").read_text(encoding="utf-8"))["chart"]
    assert status["status"] == "failed" and sorted(status["files"]) == ["chart.html", "chart.ipynb"]
    assert status["kept"]["data_date"] == "2026-01-28"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert ('<td>last good render (data date 2026-01-28): '
            '<a href="chart/chart.ipynb">IPYNB</a> <a href="chart/chart.html">HTML</a></td>') in index
    code, _, err = render(capsys, cfg, "--outputs", out, "--format", "html,pdf")  # failing again keeps saying so
    assert code == 1 and json.loads((out / "status.json").read_text(encoding="utf-8"))["chart"]["kept"]
    (folder / "chart.html").write_text("changed by hand", encoding="utf-8")  # no longer that render's file
    code, _, err = render(capsys, cfg, "--outputs", out, "--format", "html,pdf")
    status = json.loads((out / "status.json").read_text(encoding="utf-8"))["chart"]
    assert (status["files"], status["kept"]) == ([], {})


def _dead_pid() -> int:
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(proc.stdout)


def test_a_set_is_replaced_at_once_and_a_killed_swap_is_undone(tmp_path):
    from licheng.publishing.publish import replace_folder, sweep

    folder = tmp_path / "r"
    replace_folder(folder, {"r.html": b"one", "tables/t.csv": b"a"})
    replace_folder(folder, {"r.html": b"two", "r.pdf": b"%PDF"})
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) == ["r.html", "r.pdf"]
    assert (folder / "r.html").read_bytes() == b"two"
    # A render killed between moving the old set aside and moving the new one in:
    pid = _dead_pid()
    folder.rename(tmp_path / f".r.old-{pid}-0a1b2c3d")
    (tmp_path / f".r.new-{pid}-0a1b2c3d").mkdir()
    (tmp_path / f".status.json.tmp-{pid}-0a1b2c3d").write_text("{", encoding="utf-8")
    sweep(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]
    assert (folder / "r.html").read_bytes() == b"two"


def test_a_cell_over_the_timeout_fails_its_report_naming_the_cell(tmp_path, capsys):
    slow = notebook(tmp_path, "slow", "print('started')", "import time\nwhile True:\n    time.sleep(1)")
    quick = notebook(tmp_path, "quick", "print('GDP 1490')")
    cfg = report_set(tmp_path, {"slow": (slow, "timeout = 2"), "quick": (quick, "")}, 'formats = ["html"]\ntimeout = 60')
    out = tmp_path / "out"
    code, _, err = render(capsys, cfg, "--outputs", out)
    assert code == 1
    assert ("FAILED slow: cell 3 (In [3]): CellTimeoutError: the cell ran longer than the timeout of 2 s "
            "(timeout in the report set, or licheng render --timeout SECONDS)") in err
    assert (out / "quick" / "quick.html").is_file()
    failed = json.loads((out / "slow" / "slow.failed.ipynb").read_text(encoding="utf-8"))
    assert any("An Exception was encountered" in "".join(c["source"]) for c in failed["cells"])
    # --timeout sets it for every report
    code, _, err = render(capsys, cfg, "--outputs", out, "--timeout", "1", "slow")
    assert code == 1 and "the timeout of 1 s" in err


@pytest.mark.parametrize("value", ["0", "-5", "soon"])
def test_a_bad_timeout_is_refused(value, tmp_path, capsys):
    cfg = report_set(tmp_path, {"quick": (notebook(tmp_path, "quick", "1"), "")})
    code, _, err = render(capsys, cfg, "--outputs", tmp_path / "out", "--timeout", value)
    assert code == 2 and err.startswith(f"licheng: error: --timeout: {value!r} is not allowed")
    cfg = report_set(tmp_path, {"quick": (tmp_path / "quick.ipynb", f"timeout = {json.dumps(value)}")})
    code, _, err = render(capsys, cfg, "--outputs", tmp_path / "out")
    assert code == 2 and "(quick): timeout:" in err


def test_output_is_capped_per_cell_and_per_report_as_it_arrives(tmp_path, capsys):
    nb = notebook(tmp_path, "loud",
                  "print('x' * 30_000_000)",                                   # one huge message
                  "for i in range(300):\n    print('y' * 100_000)",            # many messages: 30 MB
                  "from IPython.display import HTML, display\ndisplay(HTML('<b>z</b>' * 100_000))",
                  "print('GDP 1490')",
                  "for i in range(8):\n    print('w' * 90_000)",
                  "print('after the report cap')")
    cfg = report_set(tmp_path, {"loud": (nb, "max_output = 200_000")},
                     'formats = ["html", "pdf"]\nmax_report_output = "500k"')
    out = tmp_path / "out"
    code, _, err = render(capsys, cfg, "--outputs", out)
    assert code == 0, err
    executed = nbformat.read(out / "loud" / "loud.ipynb", as_version=4)
    texts = ["".join(o.get("text", "")) + json.dumps(o.get("data", {})) for c in executed.cells for o in c.get("outputs", [])]
    cell_marker = "[output truncated: more than 200,000 characters of output in this cell"
    assert sum(cell_marker in t for t in texts) == 2
    assert any("GDP 1490" in t for t in texts)
    assert sum("more than 500,000 characters of output in this report" in t for t in texts) == 3
    assert not any("after the report cap" in t for t in texts)
    assert sum(map(len, texts)) < 510_000
    html = (out / "loud" / "loud.html").read_text(encoding="utf-8")
    assert cell_marker in html and len(html) < 2_000_000
    # --max-output wins over the report set
    code, _, err = render(capsys, cfg, "--outputs", out, "--max-output", "50k", "--format", "html")
    assert code == 0, err
    assert "more than 50,000 characters" in (out / "loud" / "loud.html").read_text(encoding="utf-8")


def test_the_cache_checks_each_output_file_it_recorded(tmp_path, capsys):
    cfg = report_set(tmp_path, {"one": (notebook(tmp_path, "one", "print('GDP 1490')"), "")}, 'formats = ["html", "pdf"]')
    out = tmp_path / "out"
    assert render(capsys, cfg, "--outputs", out)[0] == 0
    status = json.loads((out / "status.json").read_text(encoding="utf-8"))["one"]
    assert set(status["checksums"]) == {"one.ipynb", "one.html", "one.pdf"}
    assert status["checksums"]["one.pdf"]["size"] == (out / "one" / "one.pdf").stat().st_size
    assert "everything was up to date" in render(capsys, cfg, "--outputs", out)[1]
    (out / "one" / "one.pdf").write_bytes(b"")  # a 0-byte PDF is not the PDF rendered
    assert "1 rendered" in render(capsys, cfg, "--outputs", out)[1]
    html = out / "one" / "one.html"  # nor is a page of the same size with other content
    html.write_bytes(html.read_bytes().replace(b"1490", b"1491"))
    assert "1 rendered" in render(capsys, cfg, "--outputs", out)[1]
    assert b"1490" in html.read_bytes()


def test_a_relative_scorecard_is_read_and_hashed_from_the_report_sets_folder(tmp_path, capsys, monkeypatch):
    from scorecard_files import DEMO_ROWS, SOURCE_TEXT, write_scorecard

    text = SOURCE_TEXT + "修订：地区生产总值超过510亿元。\n"
    write_scorecard(tmp_path / "set" / "demo", DEMO_ROWS, text=text)
    nb = notebook(tmp_path / "set", "gdp", "import licheng\nsc = licheng.load_scorecard(scorecard or None)\n"
                  "print('GDP:', sc.set_index('id').loc['gdp', 'value'])")
    cfg = report_set(tmp_path / "set", {"demo": (nb, 'parameters = { scorecard = "demo/scorecard.csv" }')})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the command runs from another folder than the report set's
    out = tmp_path / "out"
    code, _, err = render(capsys, cfg, "--outputs", out)
    assert code == 0, err
    assert "GDP: 500" in (out / "demo" / "demo.html").read_text(encoding="utf-8")
    rows = [dict(r) for r in DEMO_ROWS]
    rows[0].update(value="510", quote="地区生产总值超过510亿元")
    write_scorecard(tmp_path / "set" / "demo", rows, text=text)
    code, stdout, err = render(capsys, cfg, "--outputs", out)
    assert code == 0 and "1 rendered" in stdout, err
    assert "GDP: 510" in (out / "demo" / "demo.html").read_text(encoding="utf-8")


def _ours(pid: int) -> list:
    import tempfile

    return [p.name for p in Path(tempfile.gettempdir()).glob(f"licheng-{pid}-*")]


def test_a_render_leaves_no_temporary_file_and_records_each_report(tmp_path, capsys):
    import os

    cfg = report_set(tmp_path, {"good": (notebook(tmp_path, "good", "print('GDP 1490')"), ""),
                                "bad": (notebook(tmp_path, "bad", "1 / 0"), "")}, 'formats = ["html", "pdf"]')
    out = tmp_path / "out"
    code, _, err = render(capsys, cfg, "--outputs", out)
    assert code == 1 and "FAILED bad: cell 2 (In [2]): ZeroDivisionError" in err
    assert _ours(os.getpid()) == []
    assert not [p for p in out.rglob("*") if p.name.startswith(".") or "tmp" in p.name]
    nbformat.read(out / "bad" / "bad.failed.ipynb", as_version=4)  # whole, valid JSON


def _wait_for(condition, what: str, limit: float = 180):
    import time

    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.1)


def _gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split()[0] in ("Z", "X")
    except (FileNotFoundError, IndexError):
        return True


@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
def test_an_interrupted_render_keeps_what_it_finished_and_cleans_up(signame, tmp_path):
    import os
    import signal
    import subprocess
    import sys

    from licheng.paths import ROOT

    pid_file = tmp_path / "kernel.pid"
    hang = notebook(tmp_path, "hang", f"import os, time\nopen({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
                    "while True:\n    time.sleep(1)")
    reports = {n: (notebook(tmp_path, n, "print('GDP 1490')"), "") for n in ("a", "b")}
    cfg = report_set(tmp_path, {**reports, "hang": (hang, "")})
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "licheng", "--config", str(cfg), "render", "--jobs", "1",
                             "--outputs", str(out)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(lambda: pid_file.exists() and pid_file.read_text(), "the hanging cell to start")
        status = json.loads((out / "status.json").read_text(encoding="utf-8"))
        assert {n: s["status"] for n, s in status.items()} == {"a": "ok", "b": "ok"}  # recorded as each finished
        proc.send_signal(getattr(signal, signame))
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130 and "licheng: interrupted" in err
    _wait_for(lambda: _gone(int(pid_file.read_text())), "the kernel to end", 10)
    assert _ours(proc.pid) == []
    assert sorted(p.name for p in out.iterdir()) == ["a", "b", "status.json"]


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB file system of its own (tmpfs; needs root, else the test is skipped)."""
    import subprocess

    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _fill(disk: Path, leave: int) -> None:
    import os

    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with open(disk / "filler", "ab") as f:
        f.write(b"\0" * max(0, free - leave))


def test_a_full_disk_fails_cleanly_and_keeps_the_previous_files(small_disk, tmp_path, capsys):
    good = notebook(tmp_path, "good", "print('GDP 1490')")
    bad = notebook(tmp_path, "bad", "print('x' * 50_000)\n1 / 0")
    cfg = report_set(tmp_path, {"good": (good, ""), "bad": (bad, "")})
    out = small_disk / "out"
    assert render(capsys, cfg, "--outputs", out, "good")[0] == 0
    before = {p.name: p.read_bytes() for p in (out / "good").iterdir()}
    _fill(small_disk, leave=40_000)  # room for status.json, not for a report
    code, _, err = render(capsys, cfg, "--outputs", out, "--force")
    assert code == 1 and "Traceback" not in err
    assert f"FAILED good: could not write its files in {out / 'good'}: No space left on device" in err
    assert "FAILED bad: cell 2 (In [2]): ZeroDivisionError" in err
    assert {p.name: p.read_bytes() for p in (out / "good").iterdir()} == before
    for nb in out.rglob("*.ipynb"):
        nbformat.read(nb, as_version=4)  # no truncated notebook
    assert not [p for p in out.rglob("*") if p.name.startswith(".")]
    json.loads((out / "status.json").read_text(encoding="utf-8"))
    _fill(small_disk, leave=0)  # not even room for status.json
    code, _, err = render(capsys, cfg, "--outputs", out, "--force", "bad")
    assert code == 2 and err.startswith("licheng: error: ") and "No space left on device" in err
    assert len(err.strip().splitlines()) == 1 or "FAILED" in err
    json.loads((out / "status.json").read_text(encoding="utf-8"))
    assert not [p for p in out.rglob("*") if p.name.startswith(".")]


def test_outputs_that_cannot_be_written_are_one_line(small_disk, tmp_path, capsys):
    import subprocess

    cfg = report_set(tmp_path, {"good": (notebook(tmp_path, "good", "1"), "")})
    (small_disk / "out").mkdir()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    code, _, err = render(capsys, cfg, "--outputs", small_disk / "out")
    assert code == 2 and err == f"licheng: error: --outputs {small_disk / 'out'}: the folder is not writable\n"
    code, _, err = render(capsys, cfg, "--outputs", small_disk / "new")
    assert code == 2 and err.startswith(f"licheng: error: --outputs {small_disk / 'new'}: cannot make the folder")
    file = tmp_path / "a-file"
    file.write_text("x", encoding="utf-8")
    code, _, err = render(capsys, cfg, "--outputs", file)
    assert code == 2 and err == f"licheng: error: --outputs {file}: not a folder\n"


@pytest.mark.parametrize("text", ["[1, 2]", "{not json", '{"one": 5}', "\xff\xfe"])
def test_a_damaged_status_file_counts_as_empty_with_a_warning(text, tmp_path, capsys):
    cfg = report_set(tmp_path, {"one": (notebook(tmp_path, "one", "print('GDP 1490')"), "")})
    out = tmp_path / "out"
    out.mkdir()
    (out / "status.json").write_bytes(text.encode("latin-1"))
    code, stdout, err = render(capsys, cfg, "--outputs", out)
    assert code == 0 and "1 rendered" in stdout
    if text != '{"one": 5}':
        assert err.startswith(f"licheng: warning: {out / 'status.json'} is not a status file")
    assert json.loads((out / "status.json").read_text(encoding="utf-8"))["one"]["status"] == "ok"


@pytest.mark.parametrize("arg, message", [
    ("/etc/passwd", "/etc/passwd: not a notebook; give an .ipynb file or a name such as 'growth'"),
    ("/dev/null", "notebook '/dev/null' not found; the notebooks are comparison, growth, scorecard"),
])
def test_params_of_a_file_that_is_not_a_notebook(arg, message, capsys):
    assert main(["params", arg]) == 2
    assert capsys.readouterr().err == f"licheng: error: {message}\n"


def test_params_of_a_fake_notebook(tmp_path, capsys):
    fake = tmp_path / "fake.ipynb"
    fake.write_bytes(b"\x00\x01")
    assert main(["params", str(fake)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"licheng: error: {fake}: not a readable Jupyter notebook") and len(err.splitlines()) == 1


def test_a_kernel_that_dies_fails_its_report_naming_the_cell(tmp_path, capsys):
    dies = notebook(tmp_path, "dies", "print('before')", "import os\nos._exit(1)", "print('never')")
    cfg = report_set(tmp_path, {"dies": (dies, ""), "quick": (notebook(tmp_path, "quick", "print(1)"), "")})
    out = tmp_path / "out"
    code, _, err = render(capsys, cfg, "--outputs", out)
    assert code == 1
    # the cell's In [n] is there when the kernel had numbered the cell before it died
    assert re.search(r"FAILED dies: cell 3( \(In \[\d+\]\))?: DeadKernelError: the kernel died while running this cell", err), err
    failed = nbformat.read(out / "dies" / "dies.failed.ipynb", as_version=4)
    assert any("An Exception was encountered" in c.source for c in failed.cells)
    assert (out / "quick" / "quick.html").is_file()


def _page_parts(html: str):
    """The tags of a page in order, and the CSP its head sets."""
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.in_head = [], False

        def handle_starttag(self, tag, attrs):
            self.tags.append((tag, dict(attrs), self.in_head))
            self.in_head = self.in_head or tag == "head"

        def handle_endtag(self, tag):
            self.in_head = self.in_head and tag != "head"

    parser = Tags()
    parser.feed(html)
    return parser.tags


def test_report_pages_and_the_index_forbid_scripts_and_remote_loads(tmp_path, capsys):
    from licheng.publishing.index_page import CSP

    chart = ("import matplotlib\nmatplotlib.use('svg')\nimport matplotlib.pyplot as plt\n"
             "from IPython.display import SVG, display\nimport io\nfig, ax = plt.subplots(figsize=(2, 1))\n"
             "ax.plot([1, 2], [3, 4])\nbuf = io.StringIO()\nfig.savefig(buf, format='svg')\ndisplay(SVG(buf.getvalue()))")
    hostile = ("from IPython.display import HTML, display\n"
               "display(HTML('<script>window.x = 1</script><img src=\"https://example.org/x.png\">'))")
    cfg = report_set(tmp_path, {"page": (notebook(tmp_path, "page", chart, hostile), "")})
    out = tmp_path / "out"
    assert render(capsys, cfg, "--outputs", out)[0] == 0
    for page in (out / "page" / "page.html", out / "index.html"):
        tags = _page_parts(page.read_text(encoding="utf-8"))
        head = [t for t in tags if t[2]]
        csp = [a for tag, a, _ in head if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert [a["content"] for a in csp] == [CSP], page
        first_load = next(i for i, t in enumerate(head) if t[0] in ("style", "script", "link", "img"))
        assert head.index(next(t for t in head if t[1] is csp[0])) < first_load  # before anything it governs
        assert any(tag == "meta" and a.get("name") == "viewport" for tag, a, _ in head), page  # readable on a phone
    assert "script-src" not in CSP and "default-src 'none'" in CSP and "img-src data:" in CSP
    parts = _page_parts((out / "page" / "page.html").read_text(encoding="utf-8"))
    imgs = [a.get("src", "") for tag, a, _ in parts if tag == "img"]
    assert any(tag == "svg" for tag, _, _ in parts)  # the chart, inline SVG (licheng_html), which needs no load
    assert [s for s in imgs if not s.startswith("data:")] == ["https://example.org/x.png"]  # blocked by the policy


def _rss_mb(field: str) -> float:
    status = Path("/proc/self/status").read_text()
    return int(status.split(f"{field}:")[1].split()[0]) / 1024


def test_a_huge_print_is_cut_in_the_kernel_before_it_reaches_the_render(tmp_path, capsys):
    clear_refs = Path("/proc/self/clear_refs")
    if not clear_refs.exists():
        pytest.skip("needs Linux /proc to measure peak memory")
    nb = notebook(tmp_path, "huge", "print('x' * 100_000_000)", "import sys\nsys.stderr.write('e' * 50_000_000)")
    cfg = report_set(tmp_path, {"huge": (nb, "")})
    render(capsys, cfg, "--outputs", tmp_path / "warm-up", "--max-output", "1k")  # imports, templates
    before = _rss_mb("VmRSS")
    clear_refs.write_text("5")  # the peak (VmHWM) starts again from here
    code, _, err = render(capsys, cfg, "--outputs", tmp_path / "out")
    peak = _rss_mb("VmHWM")
    assert code == 0, err
    html = (tmp_path / "out" / "huge" / "huge.html").read_text(encoding="utf-8")
    assert html.count("[output truncated: more than 200,000 characters of output in this cell") == 2
    assert peak - before < 150, f"receiving the print took {peak - before:.0f} MB"  # 100 MB would take 300+


def test_a_read_only_outputs_folder_is_one_line(tmp_path, capsys):
    import os
    import subprocess

    cfg = report_set(tmp_path, {"good": (notebook(tmp_path, "good", "1"), "")})
    out = tmp_path / "ro" / "out"
    out.mkdir(parents=True)
    if os.geteuid() == 0:  # root writes through permissions: make it a read-only mount instead
        if subprocess.run(["mount", "--bind", "-o", "ro", str(out), str(out)], capture_output=True).returncode:
            pytest.skip("cannot make a read-only mount here")
        undo = ["umount", "-l", str(out)]
    else:
        out.chmod(0o500)
        undo = ["chmod", "700", str(out)]
    try:
        code, _, err = render(capsys, cfg, "--outputs", out)
    finally:
        subprocess.run(undo, capture_output=True)
    assert code == 2 and err == f"licheng: error: --outputs {out}: the folder is not writable\n"


def test_a_folder_of_the_users_with_a_reports_name_is_never_replaced(tmp_path, capsys):
    # found by a hostile probe: a report named "notebooks", rendered with --outputs ., replaced the
    # project's own notebooks/ (reports.toml and all); a file in outputs/<report>/ was deleted too
    fixture(tmp_path, "small")
    config = report_set(tmp_path, {"notebooks": (tmp_path / "small.ipynb", ""), "other": (tmp_path / "small.ipynb", "")})
    mine = tmp_path / "out" / "notebooks" / "thesis.docx"
    mine.parent.mkdir(parents=True)
    mine.write_bytes(b"two years of work")
    code, _, err = render(capsys, config, "--outputs", tmp_path / "out")
    assert code == 1 and mine.read_bytes() == b"two years of work"
    assert re.search(r"FAILED notebooks: .*holds files licheng did not write \(thesis.docx\)", err), err
    assert (tmp_path / "out" / "other" / "other.html").is_file()  # the other report is rendered
    mine.unlink()  # the folder is licheng's again: the report renders into it
    code, _, _ = render(capsys, config, "--outputs", tmp_path / "out")
    assert code == 0 and (tmp_path / "out" / "notebooks" / "notebooks.html").is_file()


def test_the_index_links_only_a_reports_own_files_whatever_status_json_says(tmp_path):
    """status.json lives in outputs/ and may be edited: the index never links outside a report's folder,
    nor its failed notebook as a good file, and a list that is no list is no crash (found by a reviewer)."""
    from licheng.paths import NOTEBOOKS_DIR
    from licheng.publishing.index_page import write_index
    from licheng.publishing.reportset import ReportSpec

    specs = [ReportSpec(n, NOTEBOOKS_DIR / "growth.ipynb", {"lang": "en"}) for n in ("a", "b", "c")]
    good = {"status": "ok", "files": ["a.html", "../../../etc/passwd", "/etc/passwd", "tables/t.csv", "a.failed.ipynb"]}
    kept = {"status": "failed", "error": "x", "files": ["b.pdf"],
            "kept": {"data_date": "2025-01", "notebook": "scorecard.ipynb", "parameters": {"lang": "zh"}}}
    page = write_index(tmp_path, specs, {"a": good, "b": kept, "c": {"status": "ok", "files": 5}}).read_text("utf-8")
    assert re.findall(r'href="([^"]+)"', page) == ["a/a.html", "b/b.pdf"]
    assert ('last good render (data date 2025-01, scorecard.ipynb with <code>{&quot;lang&quot;: &quot;zh&quot;}</code>): '
            '<a href="b/b.pdf">PDF</a>') in page
