"""Coverage audit: is every figure of a source text in the scorecard?

Every number in the source (Arabic or Chinese, with its unit) is classified:

- ``covered``: it lies inside the quote of a scorecard row whose value it is;
- ``excluded``: it lies inside a fragment of the exclusion list, which says
  why it is not a figure (a date, a name, a figure of speech, a repeat);
- ``missing``: neither; the scorecard or the exclusion list needs a row.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from licheng.exceptions import ScorecardError
from licheng.figures.numbers import find_numbers, is_written
from licheng.paths import AUDIT_EXCLUSIONS_CSV


def load_exclusions(path: str | Path | None = None) -> pd.DataFrame:
    """The reasoned exclusion list: columns ``fragment`` and ``reason``."""
    path = Path(path) if path else AUDIT_EXCLUSIONS_CSV
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for line, row in enumerate(rows, start=2):
        if not (row.get("fragment") or "").strip() or not (row.get("reason") or "").strip():
            raise ScorecardError(f"{path}:{line}: an exclusion needs a fragment and a reason")
    return pd.DataFrame(rows, columns=["fragment", "reason"])


def _spans(text: str, fragment: str):
    start = text.find(fragment)
    while start >= 0:
        yield start, start + len(fragment)
        start = text.find(fragment, start + 1)


def coverage(scorecard: pd.DataFrame, text: str | None = None,
             exclusions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Classify every number of the source text as covered, excluded or missing.

    Parameters
    ----------
    scorecard : DataFrame
        From :func:`licheng.load_scorecard`; its source text is audited
        unless ``text`` is given.
    text : str, optional
        The source text.
    exclusions : DataFrame, optional
        ``fragment`` and ``reason`` columns; the packaged list by default.

    Returns
    -------
    DataFrame
        One row per number: ``position``, ``text``, ``value``, ``unit``,
        ``status`` and ``by`` (the scorecard id or the exclusion reason).

    Examples
    --------
    >>> from licheng import load_scorecard
    >>> audit = coverage(load_scorecard())
    >>> int(audit["status"].eq("missing").sum())
    0
    """
    text = scorecard.attrs["source_text"] if text is None else text
    exclusions = load_exclusions() if exclusions is None else exclusions
    quoted = [
        (start, end, row.id, row.value)
        for row in scorecard.itertuples()
        for start, end in _spans(text, row.quote)
    ]
    excluded = [
        (start, end, row.reason)
        for row in exclusions.itertuples()
        for start, end in _spans(text, row.fragment)
    ]
    records = []
    for token in find_numbers(text):
        inside = lambda s, e: s <= token.start and token.end <= e  # noqa: E731
        ids = [id for s, e, id, value in quoted if inside(s, e) and is_written(value, token, text)]
        reasons = [reason for s, e, reason in excluded if inside(s, e)]
        status, by = ("covered", ", ".join(dict.fromkeys(ids))) if ids else \
            ("excluded", reasons[0]) if reasons else ("missing", "")
        records.append(dict(position=token.start, text=token.text, value=token.value,
                            unit=token.unit, status=status, by=by))
    return pd.DataFrame(records, columns=["position", "text", "value", "unit", "status", "by"])
