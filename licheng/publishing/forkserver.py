"""Kernels forked from a process that has already imported what reports use.

A plain kernel spends about a second before a report's first cell runs: an
interpreter starts, then imports pandas, matplotlib, seaborn and licheng. A
fork server pays that once. It is a small process (``python -m
licheng.publishing.forkserver``) that imports everything a report needs,
then waits on its stdin; for each request it forks a child that becomes an
ordinary IPython kernel on the connection file it was given. The render talks
to the child over ZMQ exactly as to a kernel it had started itself: papermill
injects the parameters, nbclient runs the cells, a dead kernel is a dead
kernel.

Each child starts from the server's state, which no report has touched: the
server imports modules and registers the CJK font with matplotlib, and runs
no report code. The child then seeds ``random`` and NumPy afresh (a fork
would otherwise give every report the same random numbers), and sits in its
own session, so killing it kills what it started and nothing else. The
server ignores SIGCHLD, so the system reaps finished kernels.

The server must stay single-threaded until it forks: nothing it imports may
start a thread (a fork copies only the thread that calls it).

Protocol, one JSON object per line: the server writes ``{"ready": true}``
once imported; each request ``{"connection_file", "cwd", "env", "unset"}`` (the
environment's changes since the server started) gets
``{"pid": N}`` or ``{"error": "..."}``.
"""
from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import threading

from licheng.exceptions import RenderError

#: Imported by the server before it forks: what every report imports, and the kernel itself.
PRELOAD = ("numpy", "pandas", "matplotlib", "matplotlib.pyplot", "seaborn", "IPython.display",
           "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger",
           # what a kernel imports as it starts (its %debug, %store and inspector, tornado's asyncio loop)
           "IPython.core.debugger", "IPython.core.oinspect", "IPython.core.logger", "IPython.core.completerlib",
           "IPython.extensions.storemagic", "IPython.utils.wildcard", "faulthandler", "runpy", "tornado.platform.asyncio",
           "licheng.scorecard.table", "licheng.authoring.params", "licheng.authoring.report",
           "licheng.authoring.charts", "licheng.authoring.sections", "licheng.analysis.compare",
           # what pandas imports the first time a report shows a table or writes its CSV
           "pandas.io.formats.html", "pandas.io.formats.csvs", "pandas.io.formats.string",
           "pandas.core.methods.to_dict", "encodings.utf_8_sig")
#: Environment variables that change what the server's imports do. Any other variable reaches
#: each kernel as it is when the kernel starts (the request carries the difference).
IMPORT_ENV = ("PYTHONPATH", "PYTHONHOME", "PYTHONSAFEPATH", "MPLBACKEND", "MPLCONFIGDIR", "HOME", "XDG_CONFIG_HOME",
              "XDG_CACHE_HOME")
#: The server's reply to a kernel asked for after a check that did not pass (refused, or failed:
#: then the render checks in its own process, and asks again without the check if that passes).
NOT_STARTED = "not started: its report set's check did not pass here"
#: Environment variable: the kernel cuts a cell's prints at this many characters (licheng.publishing.streams).
STREAM_CAP_ENV = "LICHENG_STREAM_CAP"


# -- in the server ------------------------------------------------------------
def _preload() -> None:
    import importlib

    # What ipykernel sets before a kernel imports matplotlib: the inline backend.
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    # A report's kernel is never debugged from JupyterLab: without debugpy (0.1 s of imports, which
    # ipykernel takes as it starts when it can) the kernel simply does not offer the debugger.
    sys.modules["debugpy"] = None  # type: ignore[assignment]  (an ImportError, which ipykernel expects)
    for name in PRELOAD:
        importlib.import_module(name)
    from jupyter_client import localinterfaces

    from licheng.authoring.charts import register_cjk_font, share_text_measures

    # A kernel reading its connection file asks for this machine's addresses (psutil): 8 ms
    # each time; they are the same for every kernel of a render.
    localinterfaces.localhost()
    register_cjk_font()
    share_text_measures()  # every kernel starts with the measures of the warm-up chart's texts
    _draw_once()


def _draw_once() -> None:
    """Draw and save one chart in licheng's style, then close it: the CJK font is read, the text
    and SVG machinery loaded, once for every kernel forked after. rcParams are restored and no
    figure stays open (a test checks both in every report)."""
    import io

    import matplotlib
    import matplotlib.pyplot as plt

    from licheng.authoring import charts

    with matplotlib.rc_context(charts.rc()):
        fig, ax = plt.subplots()
        ax.barh(["地区生产总值 GDP"], [5.2])
        ax.set_title("年均增速 Average growth 5.2%")
        charts._finish(fig).savefig(io.BytesIO(), format="svg")
        plt.close(fig)


def _enter(request: dict, channel) -> None:
    """In a child just forked: its own session, away from the protocol, in the request's folder
    and environment."""
    import signal

    os.setsid()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the child waits for its own subprocesses
    signal.signal(signal.SIGINT, signal.default_int_handler)  # an interrupt is a KeyboardInterrupt again
    channel.close()
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)  # the child's own fd output goes where the server's errors go, never into the protocol
    os.chdir(request["cwd"])
    for name in request.get("unset") or ():
        os.environ.pop(name, None)
    os.environ.update(request.get("env") or {})


def _check(request: dict) -> dict:
    """Check a report set's parameters as the render would (:func:`licheng.authoring.params.preflight`,
    each data file read once), here, in the request's folder and environment; return what the
    render keeps of each report, or the first refusal. The tables it loads stay in this process
    (licheng.scorecard.table keeps them by file), so every kernel forked after starts with them."""
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    try:
        os.chdir(request["cwd"])
        for name in request.get("unset") or ():
            os.environ.pop(name, None)
        os.environ.update(request.get("env") or {})
        return check_items(request["check"])
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        import gc

        gc.collect()  # what the check left: the kernels forked next start without it
        gc.freeze()


def check_items(items) -> dict:
    """Check the parameters of ``items`` ([notebook, parameters] each) with
    :func:`licheng.authoring.params.preflight`, each data file read once: ``{"checked": [[lang,
    facts], ...]}``, or the first refusal, ``{"refused": i, "kind": error class, "message": ...}``.
    The fork server's reply; the render reads it the same way when it checks in its own process."""
    from licheng.authoring.params import preflight
    from licheng.exceptions import LichengError

    loaded: dict = {}
    checked = []
    for i, (notebook, parameters) in enumerate(items):
        try:
            found = preflight(notebook, parameters, loaded=loaded)
        except LichengError as e:
            return {"refused": i, "kind": type(e).__name__, "message": str(e)}
        checked.append([found.lang, title_facts(found.scorecard.attrs)])  # not the tables: 60 reports, 60 copies
    return {"checked": checked}


def title_facts(attrs: dict) -> dict:
    """What the render keeps of a scorecard's facts (its title block's region and dates): all but
    the source text, which 60 reports would otherwise hold 60 times."""
    return {k: v for k, v in attrs.items() if k != "source_text"}


def _child(request: dict, channel) -> None:
    """Become a kernel. Never returns."""
    code = 1
    try:
        _enter(request, channel)
        _reseed()
        sys.path[0:0] = [""]  # as `python -m ipykernel_launcher` in cwd: the notebook's folder is importable
        # No history database: a report kernel lives for one run (In and Out stay, in memory).
        sys.argv = ["ipykernel_launcher", "-f", request["connection_file"], "--HistoryManager.enabled=False"]
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        # Read from the environment when ipykernel was imported, in the server: set it as a launched kernel has it.
        app.parent_handle = int(os.environ.get("JPY_PARENT_PID") or 0)
        app.initialize(sys.argv[1:])
        cap = os.environ.get(STREAM_CAP_ENV)
        if cap:
            from licheng.publishing.streams import cap_streams

            cap_streams(int(cap))
        app.start()
        code = 0
    except BaseException:  # noqa: BLE001  (a child must never return into the server's loop)
        import traceback

        traceback.print_exc()
    finally:
        os._exit(code)


def _reseed() -> None:
    import random

    random.seed()
    np = sys.modules.get("numpy")
    if np is not None:
        np.random.seed(int.from_bytes(os.urandom(4), "little"))


def serve() -> None:
    import signal

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # finished kernels are reaped by the system
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the render stops the server; a Ctrl-C is the render's
    out = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)  # a stray print while importing must not reach the protocol
    try:
        _preload()
    except BaseException as e:  # noqa: BLE001
        out.write(json.dumps({"error": f"{type(e).__name__}: {e}"}) + "\n")
        return
    # Every object the imports made moves to the collector's permanent generation: a kernel's
    # collections then walk only what its report makes, and do not touch (so copy) the pages
    # it shares with this server.
    import gc

    gc.collect()
    gc.freeze()
    if threading.active_count() != 1:
        out.write(json.dumps({"error": f"{threading.active_count()} threads after imports; cannot fork"}) + "\n")
        return
    out.write(json.dumps({"ready": True}) + "\n")
    not_passed: set = set()  # the ids of checks that refused their report set or failed: no kernel of theirs starts
    for line in sys.stdin:
        try:
            request = json.loads(line)
            if "check" in request:  # the kernels asked for meanwhile wait: the check has a core to itself
                try:
                    reply = _check(request)
                except Exception as e:  # noqa: BLE001  (the render then checks in its own process)
                    reply = {"error": f"{type(e).__name__}: {e}"}
                if "checked" not in reply:
                    not_passed.add(request.get("id"))
                out.write(json.dumps(reply, ensure_ascii=False) + "\n")
                continue
            if request.get("after") is not None and request["after"] in not_passed:
                out.write(json.dumps({"error": NOT_STARTED}) + "\n")
                continue
            pid = os.fork()
        except (ValueError, OSError) as e:
            out.write(json.dumps({"error": str(e)}) + "\n")
            continue
        if pid == 0:
            _child(request, out)
        out.write(json.dumps({"pid": pid}) + "\n")
    # The render closed the pipe and waits for this process to end: it has nothing to flush or
    # remove, and tearing down its imports took a tenth of a second of the render's wall time.
    out.flush()
    os._exit(0)


# -- in the render ------------------------------------------------------------
class ForkServer:
    """The render's handle on one fork server. Thread-safe: worker threads ask for kernels at once."""

    def __init__(self):
        import collections

        self._lock = threading.Lock()  # held by the thread that reads replies
        self._write_lock = threading.Lock()  # held while a request is written: never waits for a reply
        self._ready = False
        self._broken = ""  # the server's own failure, given to every request after it
        self._waiting: collections.deque = collections.deque()  # requests sent, in order, awaiting replies
        self.env = dict(os.environ)  # what each kernel inherits, before its request's changes
        self.process = subprocess.Popen([sys.executable, "-m", "licheng.publishing.forkserver"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8",
                                        bufsize=1, start_new_session=True)

    def _read(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            try:
                code = self.process.wait(timeout=1)  # its output has ended: it is ending
            except subprocess.TimeoutExpired:
                code = "none yet"
            raise RenderError(f"the kernel fork server stopped (exit {code}); "
                              "its error is above; or render with --engine kernel")
        return json.loads(line)

    def _send(self, request: dict, env: dict | None) -> dict:
        """Send ``request`` with the environment ``env`` (default: this process's) at once, without
        waiting for the server's imports; return the slot its reply will fill (:meth:`_reply`)."""
        env = dict(os.environ if env is None else env)
        request = {**request, "env": {k: v for k, v in env.items() if self.env.get(k) != v},
                   "unset": sorted(set(self.env) - set(env))}
        slot: dict = {}
        with self._write_lock:  # a request and its slot in the same order
            try:
                self.process.stdin.write(json.dumps(request) + "\n")
                self.process.stdin.flush()
            except (BrokenPipeError, ValueError):
                raise RenderError("the kernel fork server stopped; render with --engine kernel") from None
            self._waiting.append(slot)
        return slot

    def _reply(self, slot: dict) -> dict:
        """The reply to the request of ``slot``. The server answers in the order it was asked: the
        thread that reads hands each reply to its own request's slot."""
        with self._lock:
            while not slot:
                if self._broken:
                    raise RenderError(self._broken)
                try:
                    if not self._ready:
                        ready = self._read()  # {"ready": true}: the imports are done
                        if "error" in ready:
                            raise RenderError(f"the kernel fork server failed: {ready['error']}; "
                                              "or render with --engine kernel")
                        self._ready = True
                        continue
                    self._waiting.popleft().update(self._read())
                except RenderError as e:
                    self._broken = str(e)
                    raise
        if "error" in slot:
            raise RenderError(f"the kernel fork server failed: {slot['error']}; or render with --engine kernel")
        return slot

    def fork(self, connection_file: str, cwd: str, env: dict | None = None, after: str | None = None) -> int:
        """Start a kernel on ``connection_file`` with the environment ``env`` (default: this
        process's); return its pid. With ``after``, the id of a check sent before (:meth:`check`),
        the server starts no kernel if that check refused its report set (RenderError)."""
        return int(self._reply(self._send({"connection_file": connection_file, "cwd": cwd, "after": after}, env))["pid"])

    def check(self, items: list, cwd: str) -> tuple:
        """Ask for the parameters of ``items`` ([notebook, parameters] each) to be checked by the
        server (:func:`_check`) in the folder ``cwd``. Returns at once: the check's id, and a
        function that waits for the server's findings: ``{"checked": [[lang, facts], ...]}`` or
        ``{"refused": i, "kind": error class, "message": ...}``; RenderError when the server cannot
        check."""
        import uuid

        check_id = uuid.uuid4().hex
        slot = self._send({"check": items, "cwd": cwd, "id": check_id}, None)
        return check_id, lambda: self._reply(slot)

    def pid(self) -> int:
        return self.process.pid

    def close(self) -> None:
        """Stop the server (its kernels are stopped by their own managers)."""
        if self.process.poll() is None:
            try:
                self.process.stdin.close()
            except OSError:
                pass
            try:
                self.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()


_server: ForkServer | None = None
_server_key: str = ""
_server_lock = threading.Lock()


def _fingerprint() -> str:
    """What a fork server's kernels inherit from the moment it started: the interpreter, the
    environment and the package's own files. A server started under another is stale."""
    import hashlib

    from licheng.publishing.cache import environment_digest

    h = hashlib.sha256(sys.executable.encode())
    h.update(json.dumps(sorted((k, v) for k, v in os.environ.items() if k in IMPORT_ENV or k.startswith("LICHENG_"))).encode())
    h.update(environment_digest().encode())
    return h.hexdigest()


def start() -> ForkServer:
    """The process's fork server, started (in the background) on first use, and again when it
    has stopped or when what its kernels would inherit has changed since it started (the
    environment, the package's code). One process that renders many times (a test run, a
    notebook calling ``render_set``) keeps one server; it stops when the process ends."""
    global _server, _server_key
    key = _fingerprint()
    with _server_lock:
        if _server is not None and (_server.process.poll() is not None or key != _server_key):
            _server.close()
            _server = None
        if _server is None:
            _server, _server_key = ForkServer(), key
        return _server


def stop() -> None:
    global _server
    with _server_lock:
        if _server is not None:
            _server.close()
            _server = None


atexit.register(stop)


if __name__ == "__main__":
    serve()
