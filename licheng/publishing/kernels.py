"""Kernels started ahead of the report that uses them, each used for one report only.

Two engines start them (``licheng render --engine``):

- ``fork`` (the default): the kernel is forked from the fork server
  (:mod:`licheng.publishing.forkserver`), which has already imported what
  reports use; it is ready in a tenth of a second.
- ``kernel``: a new interpreter per report (``python -m ipykernel_launcher``),
  then warmed with the same imports (silently, outside the history).

Either way each report runs in a fresh namespace: nothing binds a name in the
user namespace before the report's first cell.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
import uuid

from pathlib import Path

from jupyter_client import AsyncKernelManager
from jupyter_client.kernelspec import KernelSpec
from jupyter_client.provisioning import LocalProvisioner
from jupyter_core.utils import run_sync

from licheng.paths import NOTEBOOKS_DIR
from licheng.publishing.forkserver import PRELOAD, STREAM_CAP_ENV

_live: set = set()
_live_lock = threading.Lock()

#: What a new interpreter imports before its report: what the fork server has imported before it forks.
WARM_MODULES = tuple(m for m in PRELOAD if not m.startswith("ipykernel"))
WARM_CODE = (f"[__import__(m) for m in {WARM_MODULES!r}]\n"
             "__import__('licheng.authoring.charts', fromlist=['register_cjk_font']).register_cjk_font()")


#: How reports' kernels start: forked from a pre-imported server, or a new interpreter each.
ENGINES = ("fork", "kernel")
DEFAULT_ENGINE = "fork"


def reconnect_fast(kc) -> None:
    """Make ``kc``'s channels retry their connection every 5 ms instead of ZMQ's 0.1 s. They connect
    before a new kernel has bound its sockets: until the retry, its first replies wait and the
    IOPub messages it publishes are lost. Call before ``start_channels``."""
    import zmq

    kc.context.setsockopt(zmq.RECONNECT_IVL, 5)


class ProjectKernelManager(AsyncKernelManager):
    """Always start the kernel with this interpreter, whatever kernelspecs say.

    A ``python3`` kernelspec in ~/.local/share/jupyter that points at a removed
    environment would otherwise win over the project's own. IPC transport
    (Unix sockets, each kernel under its own path) instead of TCP also means no
    port is picked, so parallel kernels cannot race for one (papermill #511).
    The sockets and the connection file go to ``scratch`` (this render's own
    temporary folder), which the render removes when it ends.
    """

    def __init__(self, scratch: Path | None = None, **kwargs):
        from licheng.publishing.scratch import scratch_dir

        folder = Path(scratch or scratch_dir())
        kernel = f"kernel-{uuid.uuid4().hex[:12]}"
        kwargs.setdefault("transport", "ipc")
        if kwargs["transport"] == "ipc":
            # Each kernel gets its own socket path prefix: two kernels starting at
            # once would otherwise both pick kernel-ipc-1, -2, ... in the current folder.
            kwargs.setdefault("ip", str(folder / kernel))
        kwargs.setdefault("connection_file", str(folder / f"{kernel}.json"))
        super().__init__(**kwargs)

    async def _async_wait(self, pollinterval: float = 0.1) -> None:
        # jupyter_client polls a killed kernel every 0.1 s, and the first poll comes before the
        # signal has landed: each report's shutdown cost a tenth of a second on its worker.
        await super()._async_wait(pollinterval=min(pollinterval, 0.005))

    @property
    def kernel_spec(self):
        return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                          display_name="licheng (project interpreter)", language="python", env={},
                          metadata={}, resource_dir="")


class ForkedProcess:
    """A forked kernel as a Popen-like object. It is the fork server's child,
    not ours: it is polled by signal 0, and the system reaps it."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode = None

    def poll(self):
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = -1  # its status went to the system, which reaped it
            except PermissionError:
                pass
        return self.returncode

    def wait(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                import subprocess

                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.01)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class ForkProvisioner(LocalProvisioner):
    """Launch the kernel by asking the fork server for a child, not by Popen."""

    async def launch_kernel(self, cmd, **kwargs):
        from licheng.publishing import forkserver

        km = self.parent
        env = dict(kwargs.get("env") or os.environ)
        env["JPY_PARENT_PID"] = str(os.getpid())  # as jupyter_client's launcher sets it: a kernel, not a console
        pid = forkserver.start().fork(km.connection_file, str(kwargs.get("cwd") or os.getcwd()), env,
                                      after=getattr(km, "after_check", None))
        self.process = ForkedProcess(pid)
        self.pid = self.pgid = pid  # the child leads its own session
        self.cwd = kwargs.get("cwd")
        return self.connection_info


class ForkKernelManager(ProjectKernelManager):
    """A kernel forked from the fork server, through :class:`ForkProvisioner`."""

    async def _async_pre_start_kernel(self, **kw):
        if self.provisioner is None:
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", None) or str(uuid.uuid4())
            self.provisioner = ForkProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
        return await super()._async_pre_start_kernel(**kw)


class WarmKernel:
    """A started kernel with the report imports done. Create, use and shut it
    down in one thread: its sockets live on that thread's event loop."""

    def __init__(self, *, warm: bool = True, timeout: float = 120, stream_cap: int | None = None,
                 engine: str = DEFAULT_ENGINE, after_check: str | None = None):
        t0 = time.perf_counter()
        self.warm_seconds = 0.0
        if engine == "fork":
            self.km = ForkKernelManager()
            self.km.after_check = after_check  # the fork server starts it only if that check passed
            env = {STREAM_CAP_ENV: str(int(stream_cap))} if stream_cap else {}
        else:
            self.km = ProjectKernelManager()
            env = {}
        with _live_lock:
            _live.add(self)
        # Every kernel starts in notebooks/, whatever folder licheng runs from.
        run_sync(self.km.start_kernel)(cwd=str(NOTEBOOKS_DIR), env={**os.environ, **env})
        self.start_seconds = time.perf_counter() - t0
        if engine == "fork":
            return  # imported already; nbclient's readiness check is the only one it needs
        kc = self.km.client()
        reconnect_fast(kc)
        kc.start_channels()
        try:
            run_sync(kc.wait_for_ready)(timeout=timeout)
            self.start_seconds = time.perf_counter() - t0
            t1 = time.perf_counter()
            code = WARM_CODE if warm else ""
            if stream_cap:  # a cell's prints are cut in the kernel, before they are sent (licheng.publishing.streams)
                code = f"__import__('licheng.publishing.streams', fromlist=['cap_streams']).cap_streams({int(stream_cap)})\n" + code
            if code:
                # A failed import is not reported here: the report's own import fails, naming its cell.
                run_sync(kc.execute_interactive)(code, silent=True, store_history=False, timeout=timeout,
                                                 output_hook=lambda msg: None)
            self.warm_seconds = time.perf_counter() - t1
        finally:
            kc.stop_channels()

    def pid(self) -> int | None:
        process = getattr(self.km.provisioner, "process", None) if self.km.provisioner else None
        return getattr(process, "pid", None)

    def shutdown(self) -> None:
        try:
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:  # the kernel may already be gone; nothing to keep
            pass
        finally:
            with _live_lock:
                _live.discard(self)


def kill_all() -> None:
    """Kill every kernel this process started that is still running (an
    interrupted render: their threads cannot shut them down in time)."""
    with _live_lock:
        kernels = list(_live)
        _live.clear()
    for kernel in kernels:
        try:
            pid = kernel.pid()
            if pid:
                os.kill(pid, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
