"""Bounded reads of text files that come from users: scorecards and source texts.

Only regular files are read (never a device such as /dev/zero, a FIFO or a
folder), at most ``limit`` bytes, and only as UTF-8. Every refusal is one
:class:`~licheng.exceptions.ScorecardError` naming the file.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from licheng.exceptions import ScorecardError

#: Largest scorecard, reference or source text licheng reads (bytes).
MAX_FILE_BYTES = 5_000_000


def read_text(path: Path, *, what: str, limit: int) -> str:
    """The UTF-8 text of ``path``, refusing anything but a regular file of at most ``limit`` bytes."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ScorecardError(f"{path}: {what} not found") from None
    except OSError as e:
        raise ScorecardError(f"{path}: cannot read the {what} ({e.strerror})") from None
    if not stat.S_ISREG(st.st_mode):
        raise ScorecardError(f"{path}: the {what} is not a regular file")
    if st.st_size > limit:
        raise ScorecardError(f"{path}: the {what} has {st.st_size:,} bytes; licheng reads at most {limit:,}")
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise ScorecardError(f"{path}: cannot read the {what} ({e.strerror})") from None
    if len(data) > limit:
        raise ScorecardError(f"{path}: the {what} is larger than {limit:,} bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        hint = "; it looks like GBK: save it as UTF-8" if _is_gbk(data) else ""
        raise ScorecardError(f"{path}: the {what} is not UTF-8 text ({e.reason} at byte {e.start}){hint}") from None


def _is_gbk(data: bytes) -> bool:
    try:
        data.decode("gbk")
    except UnicodeDecodeError:
        return False
    return True


def inside(path: Path, roots: Iterable[Path]) -> bool:
    """Whether ``path`` (resolved) lies in one of ``roots``."""
    path = path.resolve()
    return any(path.is_relative_to(Path(r).resolve()) for r in roots)
