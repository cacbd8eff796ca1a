"""What a report's output depends on, as one digest.

A report is up to date when its digest matches the one of its last good
render and its files are still there. The digest covers the notebook, the
parameters, the formats and PDF engine, the data files it reads (the
scorecard and its source text, the reference figures), the licheng package
(code, templates and packaged data), the seeds and the pinned requirements.
Every report reads the scorecard and the reference figures, so a change to
either renders every report that uses that file again.

The digest is taken before a report runs and again after its files are
written; if they differ (a template or the data changed during the render),
the report is recorded without a digest and the next render redoes it. Its
files are recorded with their size and SHA-256 and checked against them.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import stat
from pathlib import Path

from licheng.paths import NOTEBOOKS_DIR, PACKAGE_DIR, ROOT, SCORECARD_CSV, SEEDS_DIR
from licheng.scorecard.textfiles import MAX_FILE_BYTES, source_path


def _regular(path: Path) -> bool:
    """A regular file of bounded size: a device (/dev/zero) or a FIFO is never read here.
    The parameter check refuses it right after, with its own message."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_size <= MAX_FILE_BYTES


def _update_file(h, path: Path) -> None:
    h.update(str(path).encode("utf-8") + b"\0")
    try:
        h.update(path.read_bytes() if _regular(path) else b"<not a regular file>")
    except OSError:
        h.update(b"<missing>")
    h.update(b"\0")


_environment: tuple = ((), "")  # (the files' stat signature, their digest)


def _package_files() -> list[str]:
    """The package's files (not its compiled code), the seeds and the requirements, in a fixed order.
    Paths as strings, listed by ``os.scandir``: a render with nothing to do lists them for every
    report, and Path objects made that a quarter of its time."""
    found: list[str] = []

    def walk(folder: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        walk(entry.path)
                elif entry.is_file():
                    found.append(entry.path)

    walk(str(PACKAGE_DIR))
    seeds = sorted(str(p) for p in SEEDS_DIR.glob("*") if p.is_file())
    return sorted(found) + seeds + [str(ROOT / "requirements.txt")]


def _signature(path: str) -> tuple:
    try:
        st = os.stat(path)
    except OSError:
        return path, None
    return path, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def environment_digest() -> str:
    """The package (code, templates, data), the seeds and the requirements. The files are read
    again only when one of them was added, removed or written since the last call (its size,
    times or inode differ): a render asks for this twice a report."""
    global _environment
    files = _package_files()
    signature = tuple(map(_signature, files))
    if signature != _environment[0]:
        h = hashlib.sha256()
        for path in files:
            _update_file(h, Path(path))
        _environment = (signature, h.hexdigest())
    return _environment[1]


def scorecard_files(parameter: str) -> list[Path]:
    """The scorecard a report reads and its source text (read cheaply, without pandas)."""
    path = (NOTEBOOKS_DIR / parameter).resolve() if parameter else SCORECARD_CSV
    files = [path]
    if not _regular(path):
        return files
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            first = next(csv.DictReader(f), None)
        if first and first.get("source"):
            files.append(source_path(path, first["source"]))
    except (OSError, UnicodeDecodeError, csv.Error):
        pass
    return files


def report_key(spec, formats, pdf_engine: str) -> str:
    """The digest of everything the report's output depends on."""
    h = hashlib.sha256()
    h.update(json.dumps({"name": spec.name, "parameters": spec.parameters, "formats": sorted(formats),
                         "max_output": [spec.max_output, spec.max_report_output],
                         "pdf_engine": pdf_engine, "author": getattr(spec, "author", ""), "cjk_font": os.environ.get("LICHENG_CJK_FONT", ""),
                         "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", "")},
                        sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))
    h.update(environment_digest().encode())
    _update_file(h, Path(spec.notebook))
    for path in scorecard_files(str(spec.parameters.get("scorecard") or "")):
        _update_file(h, path)
    return h.hexdigest()


def up_to_date(status: dict, key: str, folder: Path) -> bool:
    """Whether the last render of a report was good, with this key, and its
    files are still the ones it wrote (size and SHA-256 as recorded)."""
    from licheng.publishing.publish import matches

    checksums = status.get("checksums") or {}
    files = status.get("files") or []
    return (status.get("status") == "ok" and status.get("key") == key and bool(files)
            and all(f in checksums and matches(folder / f, checksums[f]) for f in files))
