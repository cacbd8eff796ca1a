"""Writing a report's files: every file through a temporary file and a rename,
and a report's whole set at once.

A report's files (notebook, HTML, PDF, tables) are made in memory first, then
written to a staging folder beside ``outputs/<name>`` and swapped with it in
one step (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames, which
:func:`sweep` undoes if a crash falls between them). A reader, or a crash,
sees the previous set or the new one, never a mix. Temporary names carry the
writer's process id, so leftovers of a killed render are recognised and
removed by the next one.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
from pathlib import Path

from licheng.publishing.scratch import alive

_TMP_RE = re.compile(r"^\.(?P<name>.+)\.(?P<kind>new|old|tmp)-(?P<pid>\d+)-[0-9a-f]+$")


def _tmp_name(path: Path, kind: str) -> Path:
    return path.with_name(f".{path.name}.{kind}-{os.getpid()}-{os.urandom(4).hex()}")


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: ``path``
    holds the old content or the new, never part of either. A file that already holds
    ``data`` is left as it is (a render with nothing to do writes nothing)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        if path.is_file() and not path.is_symlink() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return
    except OSError:
        pass  # unreadable: write it anew
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp_name(path, "tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


def file_record(data: bytes) -> dict:
    """What status.json records of an output file, to check it later."""
    return {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def matches(path: Path, record: dict) -> bool:
    """Whether ``path`` is the file ``record`` describes (same size, then same hash)."""
    try:
        if not path.is_file() or path.stat().st_size != record.get("size"):
            return False
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest() == record.get("sha256")
    except OSError:
        return False


def _rmtree(path: Path) -> None:
    import shutil  # imported here: a render with nothing to do removes nothing (and starts faster)

    shutil.rmtree(path, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where that is not supported."""
    import ctypes  # here, not at the top: a render with nothing to do never swaps a folder

    fn = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if fn is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


_TABLE_FILE_RE = re.compile(r"tables/[A-Za-z0-9_.-]+\.csv")


def is_report_file(name: str, file: object) -> bool:
    """Whether ``file`` (a path relative to the report's folder, as status.json lists it) names one
    of the files a good render of report ``name`` writes: its notebook, HTML, PDF or a table's CSV."""
    return isinstance(file, str) and (file in (f"{name}.ipynb", f"{name}.html", f"{name}.pdf")
                                      or _TABLE_FILE_RE.fullmatch(file) is not None)


def foreign_files(folder: Path, name: str) -> list[str]:
    """What a report's folder holds that licheng does not write there (anything but the report's
    HTML, PDF, notebook, failed notebook and tables/*.csv): a folder that is not licheng's, which a
    render must not replace. An absent folder holds nothing."""
    ours = {f"{name}.html", f"{name}.pdf", f"{name}.ipynb", f"{name}.failed.ipynb", "tables"}
    try:
        entries = list(folder.iterdir()) if folder.is_dir() and not folder.is_symlink() else []
        foreign = [e.name for e in entries if e.name not in ours and not _TMP_RE.match(e.name)]
        tables = folder / "tables"
        if tables.is_dir() and not tables.is_symlink():
            foreign += [f"tables/{e.name}" for e in tables.iterdir() if e.suffix != ".csv" or not e.is_file()]
        elif tables.exists() or tables.is_symlink():
            foreign.append("tables")
    except OSError as e:
        return [f"({e.strerror or e})"]
    return sorted(foreign)


def replace_folder(folder: Path, files: dict[str, bytes]) -> None:
    """Make ``folder`` hold exactly ``files`` (relative path -> bytes), all at once."""
    staging = _tmp_name(folder, "new")
    try:
        for rel, data in files.items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        if not folder.exists():
            os.rename(staging, folder)
            return
        if _exchange(staging, folder):  # staging now holds the previous set
            return
        old = _tmp_name(folder, "old")
        os.rename(folder, old)
        os.rename(staging, folder)
        _rmtree(old)
    finally:
        _rmtree(staging)


def sweep(folder: Path) -> None:
    """Remove what killed renders left in ``folder`` and its report folders:
    staging folders and temporary files. A previous set moved aside by a
    render killed between its two renames is put back."""
    try:
        parents = [folder] + [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
    except OSError:  # no folder yet, or one licheng cannot read: nothing of ours to clean
        return
    for parent in parents:
        for entry in parent.iterdir():
            m = _TMP_RE.match(entry.name)
            if not m or alive(int(m["pid"])):
                continue
            target = parent / m["name"]
            try:
                if m["kind"] == "old" and not target.exists():
                    os.rename(entry, target)
                elif entry.is_dir() and not entry.is_symlink():
                    _rmtree(entry)
                else:
                    entry.unlink(missing_ok=True)
            except OSError:
                continue
