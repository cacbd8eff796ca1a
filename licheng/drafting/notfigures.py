"""Numbers of a text that are not figures, and why: dates, names, article numbers, plan names.

Two sources, both data: ``licheng/data/not_figures.csv`` (regular expressions
with a reason, for any text) and, optionally, an exclusion list of the coverage
audit's form (``fragment``, ``reason``; :func:`licheng.scorecard.audit.load_exclusions`)
for one text. What the number finder sees but no pattern names (a year, a
date, a number without a unit, a span of years) is left out by
:func:`reason_for_token`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import csv
import re
from functools import lru_cache

from licheng.figures.numbers import NumberToken
from licheng.paths import DATA_DIR

if TYPE_CHECKING:
    import pandas as pd

NOT_FIGURES_CSV = DATA_DIR / "not_figures.csv"


@lru_cache(maxsize=1)
def patterns() -> tuple[tuple[re.Pattern, str], ...]:
    with NOT_FIGURES_CSV.open(encoding="utf-8", newline="") as f:
        return tuple((re.compile(r["pattern"]), r["reason"]) for r in csv.DictReader(f))


def excluded_spans(text: str, exclusions: pd.DataFrame | None = None) -> list[tuple[int, int, str]]:
    """Every span of ``text`` that a pattern (or a fragment of ``exclusions``) says is not a figure."""
    spans = [(m.start(), m.end(), reason) for rx, reason in patterns() for m in rx.finditer(text)]
    if exclusions is not None:
        for row in exclusions.itertuples():
            start = text.find(row.fragment)
            while start >= 0:
                spans.append((start, start + len(row.fragment), row.reason))
                start = text.find(row.fragment, start + 1)
    return sorted(spans)


def is_year(token: NumberToken) -> bool:
    return token.text[:4].isdigit() and len(token.text.split(".")[0].rstrip("年")) == 4 and \
        1900 <= token.value <= 2100 and token.value == int(token.value)


def reason_for_token(token: NumberToken, text: str) -> str | None:
    """Why a number the finder sees is no figure (None: it may be one)."""
    after = text[token.end:token.end + 1]
    if is_year(token) and token.unit in ("年", ""):
        return "a year (a date, or part of a name)"
    if token.unit in ("月", "日"):
        return "a date"
    if token.unit in ("届", "次"):
        return "a session or a number of times (届, 次): not a unit of the unit table"
    if token.unit == "代":
        return "a generation in a name (第三代)"
    if token.unit == "年" and token.text[0].isdigit() and after in ("度", "级"):
        return "part of a name"
    if token.unit in ("国", "城") and "\u4e00" <= after <= "\u9fff":
        return f"part of a word ({token.unit}{after}), not a unit"
    if token.unit == "" and after in ("号", "路", "线", "期", "栋", "楼", "室", "届", "级"):
        return "a number in a name or an address"
    return None
