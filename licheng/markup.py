"""The text a reader sees in a piece of HTML: one rule for the reader's page, the Typst PDF and the PDF check."""
from __future__ import annotations

import html as htmllib
import re

_HIDDEN_RE = re.compile(r"(?is)<(head|style|script)\b.*?</\1>")
_TAG_RE = re.compile(r"(?s)<[^>]*>")


def visible_text(html: str, sep: str = " ") -> str:
    """``html`` without its head, styles, scripts and tags (each replaced by ``sep``), entities read.

    >>> visible_text("<p>GDP <b>1490</b>&nbsp;亿元</p><style>p {}</style>", sep="")
    'GDP 1490\\xa0亿元'
    """
    return htmllib.unescape(_TAG_RE.sub(sep, _HIDDEN_RE.sub(sep, html)))
