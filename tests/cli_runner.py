"""`licheng ARGS` run in the test's own process: as the shell would see it, without paying for a new interpreter.

Spawning ``python -m licheng`` costs one to two seconds of imports per call;
calling :func:`licheng.publishing.cli.main` costs nothing. Only what must
change how Python itself starts (``PYTHONPATH``) runs in a new process.
"""
import contextlib
import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from licheng.paths import ROOT


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _environment(env: dict, cwd: Path):
    saved, here = dict(os.environ), Path.cwd()
    os.environ.update({k: str(v) for k, v in env.items()})
    os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(here)
        os.environ.clear()
        os.environ.update(saved)


def licheng(*args, env=None, cwd=ROOT) -> Run:
    argv = [str(a) for a in args]
    env = env or {}
    if "PYTHONPATH" in env:
        p = subprocess.run([sys.executable, "-m", "licheng", *argv], capture_output=True, text=True,
                           env={**os.environ, **env}, cwd=cwd, timeout=900)
        return Run(p.returncode, p.stdout, p.stderr)
    from licheng.publishing.cli import main

    out, err = io.StringIO(), io.StringIO()
    with _environment(env, Path(cwd)), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as e:  # argparse's own errors
            code = e.code if isinstance(e.code, int) else 2
    return Run(code, out.getvalue(), err.getvalue())
