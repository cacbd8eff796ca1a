"""Execute a report notebook with papermill in a kernel of this project's interpreter.

papermill runs it through the ``licheng`` engine (registered in papermill's
engine registry): nbclient's client with three guards.

- A cell that runs longer than the timeout, or whose kernel dies, fails the
  report naming that cell (papermill's own client raises
  ``CellTimeoutError``/``DeadKernelError`` without a cell, and writes no
  failed notebook).
- Output is capped as it arrives: a cell keeps at most ``max_output``
  characters of output and a report ``max_report_output``; the rest is
  dropped, with one "output truncated" line in the cell. nbclient has no
  limit of its own and keeps every message (a cell printing 100 MB took the
  render to 24 GB), so the cap sits in :meth:`LichengNotebookClient.output`,
  which sees each message before it is stored.
"""
from __future__ import annotations

from pathlib import Path

from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbclient.util import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from traitlets import Integer

from licheng.publishing.kernels import ForkKernelManager, ProjectKernelManager, reconnect_fast
from licheng.publishing.reportset import DEFAULT_MAX_OUTPUT, DEFAULT_MAX_REPORT_OUTPUT

#: papermill engine names (entry points of the ``papermill.engine`` group, and registered here too):
#: ``licheng`` starts a new interpreter per notebook, ``licheng-fork`` forks a pre-imported one.
ENGINE, FORK_ENGINE = "licheng", "licheng-fork"


class LichengNotebookClient(PapermillNotebookClient):
    """papermill's client, with a cell that times out or kills its kernel
    recorded as that cell's error, so the report fails naming the cell, and
    output capped per cell and per report."""

    max_output = Integer(DEFAULT_MAX_OUTPUT, help="characters of output a cell may keep").tag(config=True)
    max_report_output = Integer(DEFAULT_MAX_REPORT_OUTPUT, help="characters of output a report may keep").tag(config=True)
    #: The longest error traceback kept, in characters (an error is always kept: it names the failure).
    max_traceback = 20_000

    def output(self, outs, msg, display_id, cell_index):
        msg = self._capped(msg, cell_index)
        return None if msg is None else super().output(outs, msg, display_id, cell_index)

    def _update_display_id(self, display_id, msg):
        content = msg.get("content", {})
        if _size(content) > self.max_output:  # an update may not bring back what the cap dropped
            msg = {**msg, "content": {**content, "data": {"text/plain": self._marker("cell")}}}
        return super()._update_display_id(display_id, msg)

    def _capped(self, msg, cell_index):
        """The message as it may be kept, or None to drop it."""
        if getattr(self, "_cap_cell", None) != cell_index:
            self._cap_cell, self._cell_used, self._cell_marked = cell_index, 0, False
        self._report_used = getattr(self, "_report_used", 0)
        content = msg.get("content", {})
        if msg["msg_type"] == "error":
            tb, kept = content.get("traceback", []), []
            for line in tb:
                if sum(map(len, kept)) + len(line) > self.max_traceback:
                    kept.append("[traceback truncated]")
                    break
                kept.append(line)
            return {**msg, "content": {**content, "evalue": str(content.get("evalue", ""))[:self.max_traceback],
                                       "traceback": kept}}
        size = _size(content)
        room = min(self.max_output - self._cell_used, self.max_report_output - self._report_used)
        which = "cell" if self.max_output - self._cell_used <= self.max_report_output - self._report_used else "report"
        if size <= room:
            self._cell_used += size
            self._report_used += size
            return msg
        if self._cell_marked:
            return None
        self._cell_marked = True
        if msg["msg_type"] == "stream" and room > 0:
            self._cell_used += room
            self._report_used += room
            text = content["text"][:room] + "\n" + self._marker(which)
            return {**msg, "content": {**content, "text": text}}
        return {**msg, "msg_type": "stream", "header": {**msg["header"], "msg_type": "stream"},
                "content": {"name": "stdout", "text": "\n" + self._marker(which)}}

    def _marker(self, which: str) -> str:
        limit, key = ((self.max_output, "max_output") if which == "cell"
                      else (self.max_report_output, "max_report_output"))
        return (f"[output truncated: more than {limit:,} characters of output in this {which}; "
                f"the rest was dropped ({key} in the report set, or licheng render --{key.replace('_', '-')})]\n")

    def papermill_execute_cells(self):
        self.broken = False
        for index, cell in enumerate(self.nb.cells):
            try:
                self.nb_man.cell_start(cell, index)
                self.execute_cell(cell, index)
            except CellExecutionError as ex:
                self.nb_man.cell_exception(self.nb.cells[index], cell_index=index, exception=ex)
                break
            except (CellTimeoutError, DeadKernelError) as ex:
                self._cell_failed(index, ex)
                break
            finally:
                self.nb_man.cell_complete(self.nb.cells[index], cell_index=index)

    def _cell_failed(self, index: int, ex: Exception) -> None:
        from nbformat.v4 import new_output

        self.broken = True
        if isinstance(ex, CellTimeoutError):
            ename = "CellTimeoutError"
            evalue = (f"the cell ran longer than the timeout of {self.timeout} s "
                      "(timeout in the report set, or licheng render --timeout SECONDS)")
        else:
            ename, evalue = "DeadKernelError", "the kernel died while running this cell"
        cell = self.nb.cells[index]
        cell.setdefault("outputs", []).append(
            new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"]))
        self.nb_man.cell_exception(cell, cell_index=index, exception=ex)

    async def async_start_new_kernel_client(self):
        """nbclient's, with a readiness check that waits for nothing it does not need.

        jupyter_client's ``wait_for_ready`` ends by draining IOPub until it has
        been quiet for 0.2 s: a fixed wait on every report. Here the kernel is
        ready once it has answered ``kernel_info`` on the shell channel and one
        of its IOPub messages has arrived (so no output of the first cell can
        be lost to a subscription not yet made); stale status messages left
        in IOPub are told apart by their parent message id, as nbclient does.
        """
        from nbclient.util import ensure_async, run_hook

        self.kc = self.km.client()
        reconnect_fast(self.kc)
        await ensure_async(self.kc.start_channels())
        try:
            await _ready(self.kc, self.km, self.startup_timeout)
        except Exception:
            await self._async_cleanup_kernel()
            raise
        self.kc.allow_stdin = False
        await run_hook(self.on_notebook_start, notebook=self.nb)
        return self.kc

    # nbclient binds its synchronous twin to its own coroutine when the class is made, so the
    # synchronous setup_kernel (what execute uses) would still wait for the IOPub drain.
    start_new_kernel_client = run_sync(async_start_new_kernel_client)

    def execute(self, **kwargs):
        self.reset_execution_trackers()
        with self.setup_kernel(**kwargs):
            try:
                self.papermill_execute_cells()
                if not self.broken:  # a dead or busy kernel has no kernel_info to give
                    info_msg = self.wait_for_reply(self.kc.kernel_info())
                    self.nb.metadata["language_info"] = info_msg["content"]["language_info"]
                    self.set_widgets_metadata()
            finally:
                if self.kc is not None:
                    self.kc.stop_channels()
        return self.nb


async def _ready(kc, km, timeout: float) -> None:
    """Wait until the kernel has answered ``kernel_info`` on the shell channel and an IOPub
    message about one of these requests has arrived: then the subscription is live.

    A kernel publishes its first status messages whether or not our subscription has reached
    it yet, and those are lost. Rather than wait long for a message that may never come,
    each round waits 50 ms on IOPub and then asks again; a late message about an earlier
    request still counts.
    """
    import time
    from queue import Empty

    from nbclient.util import ensure_async

    deadline = time.monotonic() + timeout
    asked: set = set()
    reply = None
    while True:
        asked.add(kc.kernel_info())
        try:
            while reply is None:  # a reply to one of these requests (not to someone else's)
                msg = await ensure_async(kc.shell_channel.get_msg(timeout=1))
                if msg["parent_header"].get("msg_id") in asked:
                    reply = msg
            while True:
                msg = await ensure_async(kc.iopub_channel.get_msg(timeout=0.05))
                if msg["parent_header"].get("msg_id") in asked:
                    kc._handle_kernel_info_reply(reply)
                    return
        except Empty:
            pass
        if not await ensure_async(km.is_alive()):
            raise RuntimeError("the kernel died before it was ready")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the kernel did not answer in {timeout:.0f} s")


def _size(content: dict) -> int:
    """Characters of output in a message's content."""
    if "text" in content:
        return len(content["text"])
    data = content.get("data") or {}
    return sum(len(v) if isinstance(v, str) else len(str(v)) for v in data.values())


class LichengEngine(NBClientEngine):
    """papermill's nbclient engine with :class:`LichengNotebookClient`."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
                                 start_timeout=60, execution_timeout=None, on_notebook=None, **kwargs):
        if on_notebook is not None:
            on_notebook(nb_man.nb)  # the executed notebook, also when a cell fails
        kwargs.pop("input_path", None)
        client = LichengNotebookClient(
            nb_man, timeout=execution_timeout,
            startup_timeout=start_timeout, kernel_name=kernel_name, log=_logger(), log_output=log_output,
            stdout_file=stdout_file, stderr_file=stderr_file, **kwargs)
        return client.execute()


def _logger():
    from papermill.log import logger

    return logger


class LichengForkEngine(LichengEngine):
    """:class:`LichengEngine` whose kernels are forked from the fork server
    (licheng.publishing.forkserver), unless a kernel manager is given."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        if kwargs.get("km") is None and kwargs.get("kernel_manager_class") in (None, ProjectKernelManager):
            kwargs["kernel_manager_class"] = ForkKernelManager  # the server lives as long as this process
        return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)


papermill_engines.register(ENGINE, LichengEngine)
papermill_engines.register(FORK_ENGINE, LichengForkEngine)


def execute(notebook, parameters: dict, *, timeout: int | None = None, max_output: int = DEFAULT_MAX_OUTPUT,
            max_report_output: int = DEFAULT_MAX_REPORT_OUTPUT, on_notebook=None, **engine_kwargs):
    """Run ``notebook`` (a path or a notebook node) with ``parameters``; return the executed notebook.

    Nothing is written. Raises papermill's PapermillExecutionError when a cell
    fails, times out or kills its kernel; ``on_notebook`` is called with the
    notebook being executed first, so the caller still has it then (with
    papermill's banner at the failing cell).
    """
    # papermill.execute_notebook's steps, with papermill's own functions, but its last: that
    # serialises and validates the whole notebook to write it to no file (output_path None).
    from papermill.engines import papermill_engines
    from papermill.execute import prepare_notebook_metadata, raise_for_execution_errors, remove_error_markers
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    if isinstance(notebook, Path):
        notebook = str(notebook)
    nb = load_notebook_node(notebook)
    if parameters:
        nb = parameterize_notebook(nb, parameters, False, kernel_name="python3", engine_name=ENGINE)
    nb = remove_error_markers(prepare_notebook_metadata(nb, notebook, None))
    nb = papermill_engines.execute_notebook_with_engine(
        ENGINE, nb, input_path=notebook, output_path=None, kernel_name="python3",
        kernel_manager_class=ProjectKernelManager, progress_bar=False, log_output=False, execution_timeout=timeout,
        max_output=max_output, max_report_output=max_report_output, on_notebook=on_notebook, **engine_kwargs,
    )
    raise_for_execution_errors(nb, None)
    return nb
