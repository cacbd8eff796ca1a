"""How wide a report table's columns are.

Both PDF engines set tables at fixed widths: WeasyPrint's automatic table
layout measured every cell's text twice and was the largest single cost of
a PDF (0.5 s of 2.3 s for the scorecard report), and Typst needs the widths
up front. :func:`column_widths` estimates them from the text as a browser's
automatic layout would (each column gets its narrowest width, and the room
left is shared in proportion to how much wider each would like to be), with
one change: a column of Chinese text, which may break between any two
characters, is never squeezed below eight characters, so the source
sentences stay readable next to columns of English phrases.
"""
from __future__ import annotations

import re
import unicodedata

#: Text width of a full table on an A4 page, in ems of the table's font.
PAGE_EMS = 56.0
#: The narrowest a column of Chinese text gets, in ems (characters).
CJK_MIN_EMS = 8.0
#: Cell padding (8px a side is 1.4 em at the table's 8.8 pt), plus a little slack.
PADDING_EMS = 1.6
_WIDE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_WORD = re.compile(r"[^\s\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+")


def text_width(text: str) -> float:
    """Width of one line of ``text`` in ems: wide (CJK) characters 1, others 0.62
    (DejaVu Sans digits are 0.64, lower case letters 0.3 to 0.65)."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.62 for ch in str(text))


def longest_word(text: str) -> float:
    """Width of the longest piece of ``text`` that cannot be broken across lines."""
    return max([1.0 if _WIDE.search(str(text)) else 0.0] + [text_width(w) for w in _WORD.findall(str(text))])


def narrowest(text: str) -> float:
    """The narrowest ``text`` should be set: its longest word, or for Chinese
    text up to :data:`CJK_MIN_EMS` characters on a line."""
    if _WIDE.search(str(text)):
        return max(longest_word(text), min(text_width(text), CJK_MIN_EMS))
    return longest_word(text)


def column_widths(header: list[str], rows: list[list[str]], page_ems: float = PAGE_EMS) -> list[float]:
    """Percent widths of a table's columns, summing to 100.

    A column would like its longest cell on one line (its natural width) and
    needs at least its :func:`narrowest` cell (header words included). When
    the natural widths fit the page, each column gets its natural width;
    else each gets its narrowest width plus a share of the room left, in
    proportion to how much wider it would like to be.
    """
    if not header:
        return []
    natural, least = [], []
    for i, head in enumerate(header):
        cells = [str(row[i]) if i < len(row) else "" for row in rows]
        natural.append(max([longest_word(head)] + [text_width(c) for c in cells]) + PADDING_EMS)
        least.append(max([longest_word(head)] + [narrowest(c) for c in cells]) + PADDING_EMS)
    if sum(natural) <= page_ems:
        widths = natural
    elif sum(least) >= page_ems:
        widths = least
    else:
        share = (page_ems - sum(least)) / (sum(natural) - sum(least))
        widths = [lo + (hi - lo) * share for lo, hi in zip(least, natural)]
    total = sum(widths)
    return [round(100 * w / total, 1) for w in widths]


def colgroup(widths: list[float]) -> str:
    """The ``<colgroup>`` element that fixes these percent widths."""
    cols = "".join(f'<col style="width: {w}%">' for w in widths)
    return f"<colgroup>{cols}</colgroup>"
