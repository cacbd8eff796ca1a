"""How wide a report table's columns are.

The PDF sets tables with ``table-layout: fixed``: WeasyPrint's automatic table
layout measures every cell's text twice (shortest and longest line) and was
the largest single cost of a PDF (0.5 s of 2.3 s for the scorecard report).
Fixed layout needs the widths up front, so :func:`column_widths` estimates
them from the text the way automatic layout would: short columns (values,
periods, kinds) keep their text on one line, long ones (source sentences,
names) share what is left in proportion to their length.
"""
from __future__ import annotations

import re
import unicodedata

#: Text width of a full table on an A4 page, in ems of the table's font.
PAGE_EMS = 56.0
#: A column whose longest cell fits in this many ems is kept on one line.
SHORT_EMS = 9.0
#: Cell padding (8px a side is 1.4 em at the table's 8.8 pt), plus a little slack.
PADDING_EMS = 1.6
_WORD = re.compile(r"[^\s\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+")


def text_width(text: str) -> float:
    """Width of one line of ``text`` in ems: wide (CJK) characters 1, others 0.62
    (DejaVu Sans digits are 0.64, lower case letters 0.3 to 0.65)."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.62 for ch in str(text))


def longest_word(text: str) -> float:
    """Width of the longest piece of ``text`` that cannot be broken across lines."""
    words = _WORD.findall(str(text))
    wide = 1.0 if any(unicodedata.east_asian_width(ch) in "WF" for ch in str(text)) else 0.0
    return max([wide] + [text_width(w) for w in words])


def column_widths(header: list[str], rows: list[list[str]], page_ems: float = PAGE_EMS) -> list[float]:
    """Percent widths of a table's columns, summing to 100.

    A column's natural width is its longest cell (or header word) on one
    line. When all columns fit the page they get their natural widths; else
    short columns keep theirs and long ones split the rest in proportion to
    their natural widths, never below their longest unbreakable word.
    """
    if not header:
        return []
    natural, least = [], []
    for i, head in enumerate(header):
        cells = [str(row[i]) for row in rows]
        natural.append(max([longest_word(head)] + [text_width(c) for c in cells]) + PADDING_EMS)
        least.append(max([longest_word(head)] + [longest_word(c) for c in cells]) + PADDING_EMS)
    widths = list(natural)
    if sum(natural) > page_ems:
        long = [i for i, w in enumerate(natural) if w > SHORT_EMS + PADDING_EMS]
        rest = page_ems - sum(w for i, w in enumerate(natural) if i not in long)
        share = sum(natural[i] for i in long)
        for i in long:
            widths[i] = max(least[i], rest * natural[i] / share) if share and rest > 0 else least[i]
    total = sum(widths)
    return [round(100 * w / total, 1) for w in widths]


def colgroup(widths: list[float]) -> str:
    """The ``<colgroup>`` element that fixes these percent widths."""
    cols = "".join(f'<col style="width: {w}%">' for w in widths)
    return f"<colgroup>{cols}</colgroup>"
