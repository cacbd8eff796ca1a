"""Bounded reads of text files that come from users (scorecards and source texts), and CSV text
that is safe to open in a spreadsheet.

Only regular files are read (never a device such as /dev/zero, a FIFO or a
folder), at most ``limit`` bytes, and only as UTF-8. Every refusal is one
:class:`~licheng.exceptions.ScorecardError` naming the file.
"""
from __future__ import annotations

import csv
import io
import re
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from licheng.exceptions import ScorecardError

#: Largest scorecard, reference or source text licheng reads (bytes).
MAX_FILE_BYTES = 5_000_000


def read_text(path: Path, *, what: str, limit: int) -> str:
    """The UTF-8 text of ``path``, refusing anything but a regular file of at most ``limit`` bytes."""
    data = _read_bytes(path, what=what, limit=limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        hint = "; it looks like GBK: save it as UTF-8" if _is_gbk(data) else ""
        raise ScorecardError(f"{path}: the {what} is not UTF-8 text ({e.reason} at byte {e.start}){hint}") from None


def read_text_utf8_or_gbk(path: Path, *, what: str, limit: int) -> tuple[str, str]:
    """Like :func:`read_text`, but a GBK file (common for Chinese documents) is read too.

    Returns the text and the encoding it was read in, ``"utf-8"`` or ``"gbk"``.
    """
    data = _read_bytes(path, what=what, limit=limit)
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as e:
        if _is_gbk(data):
            return data.decode("gbk"), "gbk"
        raise ScorecardError(f"{path}: the {what} is neither UTF-8 nor GBK text ({e.reason} at byte {e.start})") \
            from None


def _read_bytes(path: Path, *, what: str, limit: int) -> bytes:
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
    return data


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


#: Characters no text from a file may hold: control characters other than the tab and the line
#: break, and the Unicode characters that change the order a reader sees text in (bidi embeddings,
#: overrides, isolates and the invisible direction marks): a figure's name or number could read
#: otherwise on the page than in the file.
UNSAFE_CHAR_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


#: The invisible direction marks of UNSAFE_CHAR_RE, which text copied from a web page may hold. A
#: quote cannot hold them, so source texts are read without them (``text.translate(NO_MARKS)``):
#: a quote is found as a reader sees the sentence.
NO_MARKS = str.maketrans("", "", "\u200e\u200f\u061c")


#: Spreadsheets run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """A CSV of text cells a spreadsheet will not run: a cell that starts like a
    formula (= + - @) gets a leading apostrophe; numbers stay numbers."""
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([_cell_safe(c) for c in row])
    return out.getvalue()


def _cell_safe(cell: str) -> str:
    if cell.startswith(_FORMULA_START):
        try:
            float(cell)
            return cell
        except ValueError:
            return "'" + cell
    return cell


def source_path(scorecard: Path, source: str) -> Path:
    """Where a scorecard's ``source`` column points: relative to the scorecard file's folder."""
    return (Path(scorecard).parent / source).resolve()
