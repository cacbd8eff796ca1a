"""This process's temporary folder: kernel sockets and connection files, the
Typst font folder and work files of the PDF engines.

One folder per process, ``<tmp>/licheng-<pid>-<random>``, removed when a
render ends (normally, on an error, on SIGINT or SIGTERM). A render killed
outright (SIGKILL) cannot clean up: the next render removes every such folder
whose process is gone.
"""
from __future__ import annotations

import atexit
import os
import re
import threading
from pathlib import Path

PREFIX = "licheng-"
_NAME_RE = re.compile(rf"^{PREFIX}(\d+)-[A-Za-z0-9_]+$")
_lock = threading.Lock()
_folder: Path | None = None


def scratch_dir() -> Path:
    """This process's temporary folder, made on first use."""
    global _folder
    with _lock:
        if _folder is None or not _folder.is_dir():
            import tempfile  # here: a render with nothing to do never needs it

            _folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
        return _folder


def _rmtree(path: Path) -> None:
    import shutil  # imported here: a render with nothing to do removes nothing (and starts faster)

    shutil.rmtree(path, ignore_errors=True)


def remove() -> None:
    """Remove this process's temporary folder and everything in it."""
    global _folder
    with _lock:
        if _folder is not None:
            _rmtree(_folder)
            _folder = None


atexit.register(remove)


def alive(pid: int) -> bool:
    """Whether process ``pid`` is running (this process counts as running)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep() -> None:
    """Remove the temporary folders of licheng processes that are gone (killed outright)."""
    import tempfile

    try:
        entries = list(Path(tempfile.gettempdir()).iterdir())
    except OSError:
        return
    for entry in entries:
        m = _NAME_RE.match(entry.name)
        try:
            if m and entry.is_dir() and not entry.is_symlink() and entry.stat().st_uid == os.getuid() \
                    and int(m[1]) != os.getpid() and not alive(int(m[1])):
                _rmtree(entry)
        except OSError:
            continue
