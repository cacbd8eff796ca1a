"""Kernels started ahead and warmed with the imports every report needs.

A kernel is used for one report only, so each report runs in a fresh
namespace; warming only imports modules (silently, outside the history), it
binds no name in the user namespace.
"""
from __future__ import annotations

import os
import signal
import threading
import time

from jupyter_core.utils import run_sync

from licheng.publishing.execute import ProjectKernelManager
from licheng.paths import NOTEBOOKS_DIR

_live: set = set()
_live_lock = threading.Lock()

WARM_MODULES = (
    "numpy", "pandas", "matplotlib", "matplotlib.pyplot", "seaborn", "IPython.display",
    "licheng.scorecard.table", "licheng.authoring.params", "licheng.authoring.report", "licheng.authoring.charts", "licheng.analysis.compare",
)
WARM_CODE = (f"[__import__(m) for m in {WARM_MODULES!r}]\n"
             "__import__('licheng.authoring.charts', fromlist=['register_cjk_font']).register_cjk_font()")


class WarmKernel:
    """A started kernel with the report imports done. Create, use and shut it
    down in one thread: its sockets live on that thread's event loop."""

    def __init__(self, *, warm: bool = True, timeout: float = 120, stream_cap: int | None = None):
        t0 = time.perf_counter()
        self.km = ProjectKernelManager()
        with _live_lock:
            _live.add(self)
        # Every kernel starts in notebooks/, whatever folder licheng runs from.
        run_sync(self.km.start_kernel)(cwd=str(NOTEBOOKS_DIR))
        kc = self.km.client()
        kc.start_channels()
        try:
            run_sync(kc.wait_for_ready)(timeout=timeout)
            self.start_seconds = time.perf_counter() - t0
            t1 = time.perf_counter()
            code = WARM_CODE if warm else ""
            if stream_cap:  # a cell's prints are cut in the kernel, before they are sent (licheng.publishing.streams)
                code = f"__import__('licheng.publishing.streams', fromlist=['cap_streams']).cap_streams({int(stream_cap)})\n" + code
            if code:
                reply = run_sync(kc.execute_interactive)(code, silent=True, store_history=False,
                                                         timeout=timeout, output_hook=lambda msg: None)
                if reply["content"]["status"] != "ok":  # a broken environment shows up in the report run itself
                    self.warm_error = f"{reply['content'].get('ename')}: {reply['content'].get('evalue')}"
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
