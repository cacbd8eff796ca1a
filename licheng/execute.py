"""Execute a report notebook with papermill in a kernel of this project's interpreter."""
from __future__ import annotations

import os
import sys
import tempfile
import uuid
from pathlib import Path

from jupyter_client import AsyncKernelManager
from jupyter_client.kernelspec import KernelSpec

from .paths import NOTEBOOKS_DIR


class ProjectKernelManager(AsyncKernelManager):
    """Always start the kernel with this interpreter, whatever kernelspecs say.

    A ``python3`` kernelspec in ~/.local/share/jupyter that points at a removed
    environment would otherwise win over the project's own. IPC transport
    (Unix sockets, each kernel under its own path) instead of TCP also means no
    port is picked, so parallel kernels cannot race for one (papermill #511).
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("transport", "ipc")
        if kwargs["transport"] == "ipc":
            # Each kernel gets its own socket path prefix: two kernels starting at
            # once would otherwise both pick kernel-ipc-1, -2, ... in the current folder.
            kwargs.setdefault("ip", os.path.join(tempfile.gettempdir(), f"licheng-kernel-{uuid.uuid4().hex[:12]}"))
        super().__init__(**kwargs)

    @property
    def kernel_spec(self):
        return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                          display_name="licheng (project interpreter)", language="python", env={},
                          metadata={}, resource_dir="")


def execute(notebook: Path, output: Path, parameters: dict, *, cwd: Path | None = None, **engine_kwargs):
    """Run ``notebook`` with ``parameters`` and write the executed copy to ``output``.

    Raises papermill's PapermillExecutionError when a cell fails; the executed
    notebook, with papermill's banner pointing at the failing cell, is then at
    ``output``.
    """
    import papermill as pm

    return pm.execute_notebook(
        str(notebook), str(output), parameters=parameters, kernel_name="python3",
        kernel_manager_class=ProjectKernelManager, progress_bar=False, cwd=str(cwd or NOTEBOOKS_DIR),
        **engine_kwargs,
    )
