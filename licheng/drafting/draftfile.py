"""A draft as a scorecard CSV of the package's schema, and the numbers left out as text.

The CSV has the columns of :data:`licheng.scorecard.table.COLUMNS`, the
optional ones, and two more for the person who reviews it: ``confidence``
(high, medium, low) and ``review`` (what to check). A non-empty ``review``
cell marks a row as not yet reviewed: :func:`licheng.load_scorecard` refuses
the file until the cell is emptied, or keeps the row with a warning when
called with ``lenient=True``. Cells are spreadsheet-safe.
"""
from __future__ import annotations

import csv
import io

from licheng.drafting.extract import Draft
from licheng.scorecard.table import COLUMNS, OPTIONAL_COLUMNS
from licheng.scorecard.textfiles import spreadsheet_safe

REVIEW_COLUMNS = ("confidence", "review")
HEADER = (*COLUMNS, *OPTIONAL_COLUMNS, *REVIEW_COLUMNS)


def rows(d: Draft, *, region_zh: str, region_en: str, source: str, source_date: str,
         source_kind: str) -> list[dict]:
    """One dict per figure, every column of :data:`HEADER` filled."""
    out = []
    for f in d.figures:
        out.append({
            "id": f.id, "theme": f.theme, "name_zh": f.name_zh, "name_en": f.name_en, "value": _as_written(f),
            "unit": f.unit, "period": f.period, "kind": f.kind, "status": f.status, "qualifier": f.qualifier,
            "bound": f.bound, "basis": f.basis, "quote": f.quote, "note": f.note, "note_zh": f.note_zh,
            "region_zh": region_zh, "region_en": region_en, "source": source, "source_date": source_date,
            "city_zh": "", "city_en": "", "province_zh": "", "province_en": "", "country_zh": "", "country_en": "",
            "source_kind": source_kind, "confidence": f.confidence, "review": "; ".join(f.review),
        })
    return out


def _as_written(f) -> str:
    """The value with the decimals of the text (5.0 stays "5", 10.40 stays "10.40")."""
    digits = "".join(c for c in f.text if c.isdigit() or c == ".")
    if digits and digits.replace(".", "", 1).isdigit() and abs(float(digits) - abs(f.value)) < 1e-9:
        return ("-" if f.value < 0 else "") + digits
    return f"{f.value:g}"


def to_csv(records: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return spreadsheet_safe(out.getvalue())


def explain(d: Draft) -> str:
    """Every number left out, with where it stands and why: one line each."""
    lines = [f"{len(d.left_out)} numbers left out of {len(d.left_out) + len(d.figures)} "
             f"(report year {d.year}: {d.year_evidence}):"]
    for x in d.left_out:
        line = d.text.count("\n", 0, x.start) + 1
        around = d.text[max(0, x.start - 6):x.end + 6].replace("\n", " ")
        lines.append(f"  line {line}: {x.text}  «{around}»  {x.reason}")
    return "\n".join(lines) + "\n"
