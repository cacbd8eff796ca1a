"""The fork engine (licheng.publishing.forkserver): kernels forked from a pre-imported process
start clean for every report, fail alone, and give the same files as new interpreters."""
import json
from pathlib import Path

import pytest

from cli_runner import licheng
from test_safety_render import notebook, report_set

LEAVE_STATE = """import os, random, numpy as np, matplotlib as mpl, matplotlib.pyplot as plt, licheng.authoring.charts as charts
leaked = 'state that must not reach the next report'
mpl.rcParams['lines.linewidth'] = 9
plt.figure()
os.environ['LICHENG_LEAKED'] = '1'
charts.LEAKED = True
random.seed(1); np.random.seed(1)
print('state left behind')"""
SHOW_STATE = """import os, random, numpy as np, matplotlib as mpl, matplotlib.pyplot as plt, licheng.authoring.charts as charts
state = {'names': sorted(k for k in globals() if not k.startswith('_') and k not in ('In', 'Out', 'exit', 'quit',
         'get_ipython', 'open', 'os', 'random', 'np', 'mpl', 'plt', 'charts')),
         'linewidth': mpl.rcParams['lines.linewidth'], 'figures': len(plt.get_fignums()),
         'env': 'LICHENG_LEAKED' in os.environ, 'module': hasattr(charts, 'LEAKED'),
         'random': [random.random(), float(np.random.rand())],
         'frozen': __import__('gc').get_freeze_count() > 0}
print('STATE', __import__('json').dumps(state))"""


def _state(out: Path, name: str) -> dict:
    nb = json.loads((out / name / f"{name}.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(o.get("text", "")) for c in nb["cells"] for o in c.get("outputs", []))
    return json.loads(text.split("STATE ", 1)[1].splitlines()[0])


def test_each_forked_report_starts_from_a_clean_interpreter(tmp_path):
    reports = {"dirty": (notebook(tmp_path, "dirty", LEAVE_STATE), "")}
    reports |= {f"show{i}": (notebook(tmp_path, f"show{i}", SHOW_STATE), "") for i in range(3)}
    out = tmp_path / "out"
    result = licheng("--config", report_set(tmp_path, reports), "render", "--jobs", "1", "--outputs", out)
    assert result.returncode == 0, result.stderr
    states = [_state(out, f"show{i}") for i in range(3)]
    for s in states:
        assert s["names"] == ["lang", "scorecard"]  # only the injected parameters
        assert (s["linewidth"], s["figures"], s["env"], s["module"]) == (1.5, 0, False, False)
        assert s["frozen"]  # the server's objects sit outside the kernel's collections (gc.freeze before forking)
    for which in (0, 1):  # Python's random, NumPy's: each kernel seeds both, so forks do not share a sequence
        assert len({s["random"][which] for s in states}) == 3


BROKEN = {
    "exits": ("import os\nos._exit(3)", "DeadKernelError: the kernel died while running this cell"),
    "segfaults": ("import ctypes\nctypes.string_at(0)", "DeadKernelError: the kernel died while running this cell"),
    "hangs": ("while True:\n    pass", "CellTimeoutError: the cell ran longer than the timeout of 3 s"),
}


def test_reports_that_kill_or_hang_their_kernels_fail_alone_naming_the_cell(tmp_path):
    reports = {name: (notebook(tmp_path, name, "x = 1", cell), "timeout = 3") for name, (cell, _) in BROKEN.items()}
    reports |= {f"ok{i}": (notebook(tmp_path, f"ok{i}", "print('GDP 1490')"), "") for i in range(2)}
    out = tmp_path / "out"
    result = licheng("--config", report_set(tmp_path, reports), "render", "--jobs", "2", "--outputs", out)
    assert result.returncode == 1
    assert "2 rendered, 0 up to date, 3 failed" in result.stdout
    for name, (_, error) in BROKEN.items():
        line = next(l for l in result.stderr.splitlines() if l.startswith(f"FAILED {name}: "))
        assert line.startswith(f"FAILED {name}: cell 3") and error in line, line
    assert all((out / f"ok{i}" / f"ok{i}.html").is_file() for i in range(2))


def test_fork_and_kernel_engines_give_byte_identical_html_and_pdf(tmp_path):
    for engine in ("fork", "kernel"):
        result = licheng("render", "--force", "growth-en", "--engine", engine, "--outputs", tmp_path / engine)
        assert result.returncode == 0, result.stderr
    for suffix in ("html", "pdf"):
        fork, kernel = (tmp_path / e / "growth-en" / f"growth-en.{suffix}" for e in ("fork", "kernel"))
        assert fork.read_bytes() == kernel.read_bytes(), f"{suffix} differs between the engines"


def test_plain_papermill_runs_a_notebook_with_the_licheng_fork_engine(tmp_path):
    import subprocess
    import sys

    from licheng.paths import NOTEBOOKS_DIR

    papermill = Path(sys.executable).parent / "papermill"
    result = subprocess.run([str(papermill), "--engine", "licheng-fork", "--no-progress-bar", "growth.ipynb",
                             str(tmp_path / "out.ipynb"), "-p", "lang", "en"], capture_output=True, text=True,
                            cwd=NOTEBOOKS_DIR, timeout=300)
    assert result.returncode == 0, result.stderr
    nb = json.loads((tmp_path / "out.ipynb").read_text(encoding="utf-8"))
    assert nb["metadata"]["papermill"]["parameters"] == {"lang": "en"}
    assert any(c["metadata"].get("tags") == ["injected-parameters"] for c in nb["cells"])


@pytest.mark.parametrize("first", ["licheng.publishing.execute", "papermill"])
def test_the_papermill_entry_points_load_whichever_module_a_fresh_interpreter_imports_first(first):
    """papermill loads its entry points while it is being imported: they must not re-enter licheng's import."""
    import subprocess
    import sys

    code = (f"import {first}\nfrom papermill.engines import papermill_engines\n"
            "print(papermill_engines.get_engine('licheng-fork').__name__, papermill_engines.get_engine('licheng').__name__)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["LichengForkEngine", "LichengEngine"]


def test_a_kernel_that_cannot_start_fails_its_report_with_the_reason_and_how_to_fall_back(tmp_path):
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    (shadow / "seaborn.py").write_text("raise ImportError('this seaborn is broken')\n", encoding="utf-8")
    cfg = report_set(tmp_path, {"a": (notebook(tmp_path, "a", "print('GDP 1490')"), "")})
    result = licheng("--config", cfg, "render", "--outputs", tmp_path / "out", env={"PYTHONPATH": str(shadow)})
    assert result.returncode == 1, result.stderr
    line = next(l for l in result.stderr.splitlines() if l.startswith("FAILED a: "))
    assert line == ("FAILED a: the kernel did not start: the kernel fork server failed: "
                    "ImportError: this seaborn is broken; or render with --engine kernel")


def test_a_kernel_sees_the_environment_of_the_moment_it_starts_not_of_the_servers_start(tmp_path, monkeypatch):
    cell = "import os\nprint('STATE', __import__('json').dumps({'setting': os.environ.get('REPORT_SETTING')}))"
    cfg = report_set(tmp_path, {"show": (notebook(tmp_path, "show", cell), "")})
    monkeypatch.setenv("REPORT_SETTING", "first")
    assert licheng("--config", cfg, "render", "--outputs", tmp_path / "a").returncode == 0
    monkeypatch.setenv("REPORT_SETTING", "second")  # the same fork server serves the next render
    assert licheng("--config", cfg, "render", "--outputs", tmp_path / "b").returncode == 0
    monkeypatch.delenv("REPORT_SETTING")
    assert licheng("--config", cfg, "render", "--outputs", tmp_path / "c").returncode == 0
    assert [_state(tmp_path / run, "show")["setting"] for run in "abc"] == ["first", "second", None]


def _processes_with(marker: str) -> list[int]:
    """Processes whose environment holds ``marker`` (those of one test's render)."""
    pids = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and marker.encode() in (proc / "environ").read_bytes():
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids


def test_the_licheng_command_exits_with_its_files_written_and_no_server_or_scratch_left(tmp_path):
    """`licheng` skips the interpreter's teardown (os._exit), but still runs the exit handlers: the fork
    server stops, the scratch folder goes, and every file and line of output is complete."""
    import subprocess
    import sys
    import tempfile
    import uuid

    marker = f"LICHENG_TEST_MARK={uuid.uuid4().hex}"
    cfg = report_set(tmp_path, {"a": (notebook(tmp_path, "a", "print('GDP 1490')"), "")})
    env = {**__import__("os").environ, marker.split("=")[0]: marker.split("=")[1]}
    env.pop("PYTHONUNBUFFERED", None)  # output to a pipe is buffered, as for anyone who runs licheng | tee
    proc = subprocess.Popen([sys.executable, "-m", "licheng", "--config", str(cfg), "render", "--outputs",
                             str(tmp_path / "out")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    assert stdout.splitlines()[-1].startswith("1 rendered, 0 up to date, 0 failed in ") and stdout.endswith("index.html\n")
    assert json.loads((tmp_path / "out" / "status.json").read_text(encoding="utf-8"))["a"]["status"] == "ok"
    assert (tmp_path / "out" / "a" / "a.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert _processes_with(marker) == []  # the fork server and its kernels are gone
    assert list(Path(tempfile.gettempdir()).glob(f"licheng-{proc.pid}-*")) == []  # and the scratch folder
    bad = subprocess.run([sys.executable, "-m", "licheng", "--config", str(cfg), "render", "nosuch"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr.startswith("licheng: error: unknown report 'nosuch'")


def test_the_fork_server_checks_the_parameters_and_the_render_process_never_imports_pandas(tmp_path):
    """The checks run in the fork server's child, with its pandas: the render process stays small."""
    import subprocess
    import sys

    cfg = report_set(tmp_path, {"a": (notebook(tmp_path, "a", "print('GDP 1490')"), ""),
                                "b": (notebook(tmp_path, "b", "print('GDP 1490')"), 'parameters = { lang = "fr" }')})
    code = ("import sys\nfrom licheng.publishing import render\nfrom licheng.publishing.cli import main\n"
            "here, calls = render.check_here, []\n"
            "render.check_here = lambda todo: (calls.append(1), here(todo))[1]\n"
            f"code = main(['--config', {str(cfg)!r}, 'render', '--outputs', {str(tmp_path / 'out')!r}] + sys.argv[1:])\n"
            "print('EXIT', code, 'pandas' in sys.modules, 'checked here' if calls else 'checked by the server')")
    good = subprocess.run([sys.executable, "-c", code, "a"], capture_output=True, text=True, timeout=300)
    assert good.stdout.splitlines()[-1] == "EXIT 0 False checked by the server", good.stderr
    bad = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert bad.stdout.splitlines()[-1] == "EXIT 2 False checked by the server", bad.stderr
    assert bad.stderr.strip() == ("licheng: error: report 'b': parameter 'lang': 'fr' is not a supported language; "
                                  "choose one of zh, en")
    assert not (tmp_path / "out" / "b").exists()
    # refused once the server has read the data: the render still does not check again itself
    missing = subprocess.run([sys.executable, "-c", code, "a", "-p", "scorecard=no/such.csv"], capture_output=True,
                             text=True, timeout=300)
    assert missing.stdout.splitlines()[-1] == "EXIT 2 False checked by the server", missing.stderr
    assert missing.stderr.startswith("licheng: error: report 'a': parameter 'scorecard': ")


@pytest.mark.parametrize("case", ["server cannot start", "parameter is a TOML date"])
def test_parameters_are_checked_in_the_render_when_the_fork_server_cannot(case, tmp_path):
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    (shadow / "seaborn.py").write_text("raise ImportError('this seaborn is broken')\n", encoding="utf-8")
    value = '"fr"' if case == "server cannot start" else "1979-05-27"
    cfg = report_set(tmp_path, {"a": (notebook(tmp_path, "a", "print('GDP 1490')"), f"parameters = {{ lang = {value} }}")})
    env = {"PYTHONPATH": str(shadow)} if case == "server cannot start" else {}
    result = licheng("--config", cfg, "render", "--outputs", tmp_path / "out", env=env)
    assert result.returncode == 2, result.stderr
    expected = ("'fr' is not a supported language; choose one of zh, en" if case == "server cannot start"
                else "datetime.date(1979, 5, 27) is a date, expected str")
    assert result.stderr.strip() == f"licheng: error: report 'a': parameter 'lang': {expected}"


def test_a_forked_kernel_starts_with_the_tables_the_server_checked(tmp_path):
    """The server's check loaded the report's scorecard and reference: its kernels start with them
    (licheng.scorecard.table keeps tables by file), a new interpreter does not. (A server that
    served earlier renders of the same process may keep other tables too.)"""
    cell = ("import licheng.scorecard.table as t\nfrom licheng.paths import REFERENCE_CSV, SCORECARD_CSV\n"
            "own = {str(SCORECARD_CSV.absolute()): 'scorecard', str(REFERENCE_CSV.absolute()): 'reference'}\n"
            "print('STATE', __import__('json').dumps({'kept': sorted({own[k[1]] for k in t._LOADED if k[1] in own})}))")
    cfg = report_set(tmp_path, {"show": (notebook(tmp_path, "show", cell), "")})
    for engine in ("fork", "kernel"):
        result = licheng("--config", cfg, "render", "--engine", engine, "--outputs", tmp_path / engine)
        assert result.returncode == 0, result.stderr
    assert _state(tmp_path / "fork", "show")["kept"] == ["reference", "scorecard"]
    assert _state(tmp_path / "kernel", "show")["kept"] == []


def test_a_refused_parameter_starts_no_kernel_and_prints_one_line(tmp_path, monkeypatch):
    """Workers ask for kernels at once, but the server starts none for a set its check refused: a kernel
    forked for a render refused meanwhile printed 'Parent appears to have exited' under the error line."""
    from licheng.publishing import kernels

    started = []
    real = kernels.WarmKernel.__init__
    monkeypatch.setattr(kernels.WarmKernel, "__init__", lambda self, **kw: (real(self, **kw), started.append(1))[0])
    cfg = report_set(tmp_path, {n: (notebook(tmp_path, n, "print('GDP 1490')"), "") for n in ("a", "b", "c")})
    result = licheng("--config", cfg, "render", "--outputs", tmp_path / "out", "-p", "scorecard=no/such.csv")
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert started == []
    assert licheng("--config", cfg, "render", "--outputs", tmp_path / "out").returncode == 0
    assert len(started) == 3


def test_when_the_servers_check_fails_the_render_checks_itself_and_starts_kernels_only_if_that_passes(tmp_path):
    """A check that failed in the server (not a refusal) left forks open while the render re-checked:
    a set the render then refused had kernels running (found by a reviewer)."""
    import subprocess
    import sys

    inject = tmp_path / "inject"
    inject.mkdir()
    (inject / "sitecustomize.py").write_text(  # only in the fork server: its check raises
        "import sys\nif any('licheng.publishing.forkserver' in a for a in getattr(sys, 'orig_argv', [])):\n"
        "    import licheng.authoring.params as p\n"
        "    def broken(*args, **kwargs):\n        raise RuntimeError('injected')\n"
        "    p.preflight = broken\n", encoding="utf-8")
    cfg = report_set(tmp_path, {n: (notebook(tmp_path, n, "print('GDP 1490')"), "") for n in ("a", "b")})
    env = {**__import__("os").environ, "PYTHONPATH": str(inject)}
    base = [sys.executable, "-m", "licheng", "--config", str(cfg), "render", "--jobs", "2"]
    bad = subprocess.run(base + ["--outputs", str(tmp_path / "bad"), "-p", "lang=xx"], capture_output=True, text=True,
                         env=env, timeout=300)
    assert bad.returncode == 2 and bad.stderr == (
        "licheng: error: report 'a': parameter 'lang': 'xx' is not a supported language; choose one of zh, en\n")
    good = subprocess.run(base + ["--outputs", str(tmp_path / "good")], capture_output=True, text=True, env=env,
                          timeout=300)
    assert good.returncode == 0, good.stderr
    assert {n: s["status"] for n, s in json.loads((tmp_path / "good" / "status.json").read_text()).items()} == \
        {"a": "ok", "b": "ok"}
