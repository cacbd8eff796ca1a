"""Load and validate a scorecard: one row per figure, each with its source sentence.

The packaged scorecard (``licheng/data/scorecard.csv``) holds every figure of
the 十四五 scorecard and the 2026 targets in the seed news report. A user's
own scorecard of the same schema (another district, another year) loads the
same way, with its own source text named in the ``source`` column.
"""
from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

from typing import TYPE_CHECKING

from licheng.figures import quantity

from licheng.figures import units
from licheng.exceptions import ScorecardError, UnknownIndicatorError, closest
from licheng.figures.numbers import find_numbers, is_written, qualifier_of, written_as_decline, written_in
from licheng.paths import REFERENCE_CSV, SCORECARD_CSV, SEEDS_DIR
from licheng.figures.quantity import written_digits
from licheng.scorecard.textfiles import MAX_FILE_BYTES, NO_MARKS, UNSAFE_CHAR_RE, inside, read_text, source_path

if TYPE_CHECKING:  # pandas loads when a table is made, so that `licheng draft` starts without it
    import pandas as pd

#: What a source text can be; reports name it (政府工作报告, 新闻报道 ...).
SOURCE_KINDS = ("work_report", "news_report", "bulletin", "plan", "other")

#: Columns of a scorecard file, in order, with what each holds.
COLUMNS = {
    "id": "stable snake_case identifier of the figure",
    "theme": "topic group (economy, fiscal, investment, innovation, ...)",
    "name_zh": "name of the indicator in Chinese",
    "name_en": "name of the indicator in English",
    "value": "the number as written in the source (percent values in percent)",
    "unit": "the unit exactly as the source writes it (亿元, 万家, %, 元, ...)",
    "period": "year (2025) or span (2021-2025) the figure refers to",
    "kind": "what the number measures: level, count, rank, share, growth, ...",
    "status": "outcome, estimate (预计) or target",
    "qualifier": "the word that qualifies the value in the source (超过, 以上, 达到, ...)",
    "bound": "exact, lower (超过/突破/以上: at least the value), upper (以下/不超过) or approximate (左右/约)",
    "basis": "real (comparable prices), nominal, 'not stated' or n/a",
    "quote": "the exact fragment of the source text that states the figure",
    "note": "ambiguities and conventions (may be empty)",
    "region_zh": "the region, in Chinese (the same on every row)",
    "region_en": "the region, in English (the same on every row)",
    "source": "path of the source text, relative to the scorecard file",
    "source_date": "date of the source document: YYYY, YYYY-MM or YYYY-MM-DD (the report's data date)",
}
#: Columns a scorecard file may have; an empty or missing one reads as "".
OPTIONAL_COLUMNS = {
    "note_zh": "the note in Chinese (where empty, Chinese reports show the English note)",
    "city_zh": "the city (地级市) the region belongs to, in Chinese; empty if none or unknown",
    "city_en": "the same city in English",
    "province_zh": "the province the region belongs to, in Chinese",
    "province_en": "the same province in English",
    "country_zh": "the country, in Chinese (中国)",
    "country_en": "the country, in English (China)",
    "source_kind": "what the source text is: " + ", ".join(SOURCE_KINDS) + " (default work_report)",
}
UNITS = units.names()
KINDS = (
    "level", "count", "rank", "share", "average_growth", "yoy_growth", "change",
    "streak", "threshold", "multiple",
)
STATUSES = quantity.STATUSES
BOUNDS = quantity.BOUNDS
BASES = ("real", "nominal", "not stated", "n/a")
#: Columns that describe the region and the source: the same on every row.
CONSTANT_COLUMNS = ("region_zh", "region_en", "source", "source_date", "city_zh", "city_en", "province_zh",
                    "province_en", "country_zh", "country_en", "source_kind")
#: The hierarchy a region sits in, from the nearest parent up.
PARENT_LEVELS = ("city", "province", "country")
#: Folders, besides the scorecard's own, a source text may sit in (os.pathsep-separated).
SOURCE_DIRS_ENV = "LICHENG_SOURCE_DIRS"
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
#: Control characters (but line break and tab) and the bidi overrides that make text read otherwise than it is.
_CONTROL_RE = UNSAFE_CHAR_RE
_PERIOD_RE = re.compile(r"^(\d{4})(?:-(\d{4}))?$")
_DATE_RE = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
_CHOICES = {"unit": UNITS, "kind": KINDS, "status": STATUSES, "bound": BOUNDS, "basis": BASES,
            "source_kind": SOURCE_KINDS}


def load_scorecard(path: str | Path | None = None, *, lenient: bool = False) -> pd.DataFrame:
    """Load a scorecard as a validated, tidy table: one row per figure.

    Parameters
    ----------
    path : str or Path, optional
        A scorecard CSV of the same schema. ``None`` (or an empty string)
        loads the packaged Licheng scorecard.
    lenient : bool
        A draft (``licheng draft``) marks the rows a person must check in a
        ``review`` column. Such a file loads once every ``review`` cell is
        empty; with ``lenient=True`` it loads as it is, with a warning that
        names the rows still to review. Every other check applies either way.

    Returns
    -------
    pandas.DataFrame
        Indexed 0..n-1 with the columns of :data:`COLUMNS`, those of
        :data:`OPTIONAL_COLUMNS`, and ``period_start`` and ``period_end`` (years). ``attrs`` holds
        ``path``, ``source_path``, ``source_text``, ``region_zh``,
        ``region_en``, ``source_date``, ``source_kind`` and the region's parents
        (``city_zh``, ``city_en``, ``province_zh`` ... empty where unknown).
        ``digits`` holds the decimals each value is written with.

    Raises
    ------
    ScorecardError
        One error naming the file, line and column of the first problem;
        nothing is returned half-loaded.

    Examples
    --------
    >>> sc = load_scorecard()
    >>> float(sc.set_index("id").loc["gdp", "value"])
    1490.0
    """
    path = Path(path) if path else SCORECARD_CSV
    text = read_text(path, what="scorecard file", limit=MAX_FILE_BYTES)
    # The source is found from the path as given (a link is its own file) among folders that a
    # relative LICHENG_SOURCE_DIRS places in the working folder: both are part of the key.
    key = ("scorecard", str(path.absolute()), *(str(root.resolve()) for root in source_roots(path)))
    kept = None if lenient else _kept(key, text)
    if kept is not None and _same_source(kept):
        kept.attrs["path"] = str(path)
        return kept
    rows, lines = _read_rows(path, text)
    source_path, source_text = _check_rows(path, rows, lines)
    _check_reviewed(path, rows, lines, lenient)
    df = _to_frame(rows, path, source_path, source_text)
    if not lenient:
        _keep(key, text, df)
    return df


#: Tables this process has loaded, by file: (its text, the table). A file read again by the same
#: path from the same folder, with the same text (and, for a scorecard, the same source folders
#: and source text) gives a copy of the table without checking it again. Report kernels are forked from a server that has loaded their data to check the
#: parameters (licheng.publishing.forkserver): each starts with its tables instead of spending
#: 40 ms on them.
_LOADED: dict = {}
_MAX_LOADED = 16


def _kept(key: tuple, text: str):
    entry = _LOADED.get(key)
    return entry[1].copy(deep=True) if entry is not None and entry[0] == text else None


def _keep(key: tuple, text: str, df) -> None:
    if len(_LOADED) >= _MAX_LOADED:
        _LOADED.clear()
    _LOADED[key] = (text, df.copy(deep=True))  # the caller may change its own


def _read_source(path: Path) -> str:
    return read_text(path, what="source text", limit=MAX_FILE_BYTES).translate(NO_MARKS)


def _same_source(df) -> bool:
    """Whether a kept scorecard's source text still reads as it did."""
    try:
        return _read_source(Path(df.attrs["source_path"])) == df.attrs["source_text"]
    except ScorecardError:
        return False


def _check_reviewed(path: Path, rows: list[dict], lines: list[int], lenient: bool) -> None:
    """A drafted row whose ``review`` cell is not empty is not reviewed yet."""
    flagged = [(line, row) for line, row in zip(lines, rows) if (row.get("review") or "").strip()]
    if not flagged:
        return
    line, row = flagged[0]
    if not lenient:
        raise ScorecardError(
            f"{path}:{line}: column 'review': row {row['id']!r} is a draft not yet reviewed "
            f"({_short(row['review'], 60)!r}); check it and empty the cell ({len(flagged)} such rows), "
            "or load with lenient=True")
    import warnings

    warnings.warn(f"{path}: {len(flagged)} drafted rows not yet reviewed, kept as drafted: "
                  f"{', '.join(r['id'] for _, r in flagged[:8])}{' ...' if len(flagged) > 8 else ''}",
                  stacklevel=3)


def _read_rows(path: Path, text: str) -> tuple[list[dict], list[int]]:
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        _check_header(path, header)
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise ScorecardError(
                f"{path}:1: missing column(s) {', '.join(missing)}; "
                f"a scorecard needs {', '.join(COLUMNS)}"
            )
        rows, lines = [], []
        line = reader.line_num + 1
        for row in reader:
            if None in row:
                raise ScorecardError(f"{path}:{line}: more fields than the {len(header)} columns of the header")
            short = [k for k in header if row[k] is None]
            if short:
                raise ScorecardError(f"{path}:{line}: {len(header) - len(short)} fields, but the header has "
                                     f"{len(header)} columns (no value for {', '.join(short[:3])}"
                                     f"{' ...' if len(short) > 3 else ''}): is a quote or a comma missing?")
            rows.append({k: v.strip() if k != "quote" else v for k, v in row.items()})
            lines.append(line)
            line = reader.line_num + 1
    except csv.Error as e:
        raise ScorecardError(f"{path}: not a valid CSV file ({e})") from None
    if not rows:
        raise ScorecardError(f"{path}: no figures (the file has a header but no rows)")
    for row in rows:
        for column in OPTIONAL_COLUMNS:
            row.setdefault(column, "")
        row["source_kind"] = row["source_kind"] or "work_report"
    return rows, lines


def source_roots(path: Path) -> list[Path]:
    """Folders a scorecard's source text may sit in: the scorecard's own folder,
    the project's seeds, and those named in ``LICHENG_SOURCE_DIRS``."""
    extra = [Path(p) for p in os.environ.get(SOURCE_DIRS_ENV, "").split(os.pathsep) if p]
    return [path.resolve().parent, SEEDS_DIR, *extra]


def _check_rows(path: Path, rows: list[dict], lines: list[int]) -> tuple[Path, str]:
    def fail(i: int, column: str, what: str):
        raise ScorecardError(f"{path}:{lines[i]}: column '{column}': {what}")

    first = rows[0]
    for column in CONSTANT_COLUMNS:
        for i, row in enumerate(rows):
            if row[column] != first[column]:
                fail(i, column, f"{row[column]!r} differs from {first[column]!r} on line {lines[0]}; "
                     "a scorecard describes one region and one source")
    if not _DATE_RE.match(first["source_date"]):
        fail(0, "source_date", f"{first['source_date']!r} is not a date: YYYY, YYYY-MM or YYYY-MM-DD")
    for level in PARENT_LEVELS:
        if bool(first[f"{level}_zh"]) != bool(first[f"{level}_en"]):
            fail(0, f"{level}_en" if first[f"{level}_zh"] else f"{level}_zh",
                 f"the {level} needs its name in both languages ({level}_zh and {level}_en) or neither")
    if not first["source"] or "\0" in first["source"]:
        fail(0, "source", "empty; name the source text, relative to the scorecard file")
    source = source_path(path, first["source"])
    roots = source_roots(path)
    if not inside(source, roots):
        fail(0, "source", f"{first['source']!r} is outside the scorecard's folder; put the source text beside "
             f"the scorecard, or name its folder in {SOURCE_DIRS_ENV}")
    try:
        source_text = _read_source(source)
    except ScorecardError as e:
        fail(0, "source", str(e))

    seen: dict[str, int] = {}
    for i, row in enumerate(rows):
        for column, text in row.items():
            bad = _CONTROL_RE.search(text.replace("\r\n", "\n"))  # a line break saved on Windows is one
            if bad:
                fail(i, column, f"contains the control character U+{ord(bad.group()):04X}; remove it "
                     "(only line breaks and tabs may stand in a text)")
        if not _ID_RE.match(row["id"]):
            fail(i, "id", f"{_short(row['id'])!r} is not a snake_case id (a-z, 0-9, _)")
        if row["id"] in seen:
            fail(i, "id", f"duplicate id {row['id']!r} (first on line {seen[row['id']]})")
        seen[row["id"]] = lines[i]
        for column in ("theme", "name_zh", "name_en"):
            if not row[column]:
                fail(i, column, "empty; every figure needs a theme and a name in both languages")
        try:
            value = float(row["value"])
        except ValueError:
            fail(i, "value", f"{_short(row['value'])!r} is not a number")
        if value != value or value in (float("inf"), float("-inf")):
            fail(i, "value", f"{row['value']!r} is not a finite number")
        for column, choices in _CHOICES.items():
            if row[column] not in choices:
                fail(i, column, f"unknown {column} {_short(row[column])!r}; expected one of {', '.join(choices)}"
                     + ("; a new unit is one line in licheng/data/units.csv" if column == "unit" else ""))
        period = _PERIOD_RE.match(row["period"])
        if not period or (period[2] and int(period[2]) < int(period[1])):
            fail(i, "period", f"{_short(row['period'])!r} is not a year (2025) or a span of years (2021-2025)")
        if not row["quote"].strip():
            fail(i, "quote", "empty; every figure needs the exact sentence it comes from")
        if row["quote"] not in source_text:
            fail(i, "quote", f"{_short(row['quote'])!r} is not found verbatim in {source.name}")
        if not written_in(value, row["quote"]):
            hint = "; a decline is recorded as a negative value (下降2.5% is -2.5)" if value < 0 else ""
            fail(i, "value", f"{row['value']} is not written in its quote {_short(row['quote'])!r}{hint}")
        if written_as_decline(value, row["quote"]) and row["kind"] in ("yoy_growth", "average_growth", "change"):
            fail(i, "value", f"{row['value']} follows a word of decline in its quote {_short(row['quote'])!r}; "
                 f"record the decline as -{row['value']}")
        # the quote's own words decide what a reader may be told: 超过 is a floor, 预计 an estimate
        word, bound = qualifier_of(abs(value), row["quote"])
        if bound != "exact" and row["bound"] != bound:
            fail(i, "bound", f"{row['bound']!r}, but its quote writes {word} by {row['value']}, which makes it {bound!r}")
        if "预计" in row["quote"] and row["status"] == "outcome":
            fail(i, "status", "'outcome', but its quote says 预计 (an estimate); write 'estimate'")
        written = [t for t in find_numbers(row["quote"]) if is_written(value, t, row["quote"])]
        if written and all(t.unit in UNITS and t.unit != row["unit"] for t in written):  # 五大: 大 is no unit
            fail(i, "unit", f"{row['unit']!r}, but its quote writes {written[0].text}: the unit is {written[0].unit!r}")
        if row["kind"] == "average_growth" and not any(w in row["quote"] for w in ("年均", "平均")):
            fail(i, "kind", f"'average_growth', but its quote {_short(row['quote'])!r} gives no average (年均, 平均); "
                 "a share is 'share', a change 'change', one year's growth 'yoy_growth'")
        if (row["unit"] == "位") != (row["kind"] == "rank"):
            fail(i, "kind", f"{row['kind']!r} with the unit {row['unit']!r}: a place in a ranking (位) is kind 'rank', "
                 "and a rank's unit is 位")
        if row["status"] == "outcome" and int(period[1]) >= int(first["source_date"][:4]):
            fail(i, "status", f"'outcome' for {row['period']}, in a report dated {first['source_date']}: a figure for the "
                 "report's own year or later is a 'target' (or an 'estimate')")
    return source, source_text


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _to_frame(rows: list[dict], path: Path, source_path: Path, source_text: str) -> pd.DataFrame:
    import pandas as pd

    df = pd.DataFrame(rows, columns=list(COLUMNS) + list(OPTIONAL_COLUMNS))
    df["digits"] = [written_digits(row["value"]) for row in rows]
    df["value"] = df["value"].astype(float)
    years = df["period"].str.extract(_PERIOD_RE)
    df["period_start"] = years[0].astype(int)
    df["period_end"] = years[1].fillna(years[0]).astype(int)
    for column, choices in _CHOICES.items():
        if column != "source_kind":
            df[column] = pd.Categorical(df[column], categories=list(choices))
    df["theme"] = pd.Categorical(df["theme"], categories=list(dict.fromkeys(df["theme"])))
    df.attrs.update(
        path=str(path),
        source_path=str(source_path),
        source_text=source_text,
        region_zh=rows[0]["region_zh"],
        region_en=rows[0]["region_en"],
        source_date=rows[0]["source_date"],
        source_kind=rows[0]["source_kind"],
        **{f"{level}_{lang}": rows[0][f"{level}_{lang}"] for level in PARENT_LEVELS for lang in ("zh", "en")},
    )
    return df


def figure(scorecard: pd.DataFrame, id: str) -> pd.Series:
    """The row of one figure, by id, with an error that lists similar ids."""
    hits = scorecard.index[scorecard["id"] == id]
    if len(hits) == 0:
        raise UnknownIndicatorError(
            f"unknown indicator id {id!r}; valid ids include "
            f"{', '.join(_similar(id, scorecard['id']))}"
        )
    return scorecard.loc[hits[0]]


def with_notes(scorecard: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The figures the data says something about: a ``note`` (or, for Chinese, a ``note_zh``)."""
    notes = scorecard["note"].str.strip() != ""
    if lang == "zh":
        notes |= scorecard["note_zh"].str.strip() != ""
    return scorecard[notes]


def outcomes_and_targets(scorecard: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The figures the report states as results (outcomes and estimates) and those it sets as targets."""
    is_target = scorecard["status"] == "target"
    return scorecard[~is_target], scorecard[is_target]


def has(scorecard: pd.DataFrame, *ids: str) -> bool:
    """Whether every one of ``ids`` is in the scorecard."""
    return set(ids) <= set(scorecard["id"])


def value(scorecard: pd.DataFrame, id: str, *, as_fraction: bool | None = None) -> float:
    """The value of one figure; percents as fractions when ``as_fraction``.

    By default a figure in % is returned as a fraction (5.2 % → 0.052), the
    form the functions in :mod:`licheng.analysis.growth` take.
    """
    row = figure(scorecard, id)
    if as_fraction is None:
        as_fraction = row["unit"] == "%"
    return float(row["value"]) / 100 if as_fraction else float(row["value"])


def _similar(id: str, ids) -> list[str]:
    ids = list(ids)
    return closest(id, ids, n=5, cutoff=0.4) or ids[:8]


RELIABILITY = ("secondary", "press", "official")  # from least to most trusted


def load_reference(path: str | Path | None = None) -> pd.DataFrame:
    """Load the reference figures from outside the seed (earlier years, plan
    targets, Jinan and Shandong), each with source, quote and reliability.

    ``year`` stays text (``2023`` or ``2021-2025``); ``year_end`` is the last
    year as an integer, and ``reliability`` an ordered categorical
    (secondary < press < official).
    """
    import pandas as pd

    path = Path(path) if path else REFERENCE_CSV
    text = read_text(path, what="reference file", limit=MAX_FILE_BYTES)
    key = ("reference", str(path.absolute()))
    kept = _kept(key, text)
    if kept is not None:
        kept.attrs["path"] = str(path)
        return kept
    df = _reference_frame(path, text)
    _keep(key, text, df)
    return df


def _check_header(path: Path, header: list[str]) -> None:
    """A column named twice: which of its cells counts would be a guess. (Empty names, the trailing
    columns a spreadsheet saves, are no column.)"""
    twice = next((c for i, c in enumerate(header) if c.strip() and c in header[:i]), None)
    if twice is not None:
        raise ScorecardError(f"{path}:1: column {twice!r} appears twice in the header; keep one")


def _reference_frame(path: Path, text: str) -> pd.DataFrame:
    import pandas as pd

    try:  # the header, and the line each row starts on (a quoted cell may span lines)
        reader = csv.reader(io.StringIO(text, newline=""))
        _check_header(path, next(reader, []))
        starts, line = [], reader.line_num + 1
        for _ in reader:
            starts.append(line)
            line = reader.line_num + 1
    except csv.Error as e:
        raise ScorecardError(f"{path}: not a valid CSV file ({e})") from None
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise ScorecardError(f"{path}: not a valid CSV file ({str(e).strip()})") from None
    needed = ["entity", "indicator", "year", "value", "unit", "basis", "reliability", "source", "quote"]
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise ScorecardError(f"{path}:1: missing column(s) {', '.join(missing)}")
    for i, row in df.iterrows():
        line = starts[i] if len(starts) == len(df) else i + 2
        for column, cell in row.items():
            bad = _CONTROL_RE.search(cell.replace("\r\n", "\n"))  # a line break saved on Windows is one
            if bad:
                raise ScorecardError(f"{path}:{line}: column '{column}': contains the control character "
                                     f"U+{ord(bad.group()):04X}; remove it (only line breaks and tabs may stand in a text)")
        try:
            float(row["value"])
        except ValueError:
            raise ScorecardError(f"{path}:{line}: column 'value': {row['value']!r} is not a number") from None
        if row["reliability"] not in RELIABILITY:
            raise ScorecardError(
                f"{path}:{line}: column 'reliability': unknown reliability {row['reliability']!r}; "
                f"expected one of {', '.join(RELIABILITY)}"
            )
        if not _PERIOD_RE.match(row["year"]):
            raise ScorecardError(f"{path}:{line}: column 'year': {row['year']!r} is not a year or span")
    # the source's own word makes a reference figure a floor (以上) or approximate (左右)
    qualifiers = [qualifier_of(float(v), q) for v, q in zip(df["value"], df["quote"])]
    df["qualifier"] = [q for q, _ in qualifiers]
    df["bound"] = [b for _, b in qualifiers]
    df["digits"] = [written_digits(v) for v in df["value"]]
    df["value"] = df["value"].astype(float)
    df["year_end"] = df["year"].str.extract(_PERIOD_RE).ffill(axis=1)[1].astype(int)
    df["reliability"] = pd.Categorical(df["reliability"], categories=list(RELIABILITY), ordered=True)
    df.attrs["path"] = str(path)
    return df


def figure_q(row: pd.Series) -> quantity.Q:
    """A scorecard row as a :class:`~licheng.figures.quantity.Q`."""
    return quantity.Q(float(row["value"]), str(row["unit"]), bound=str(row["bound"]), status=str(row["status"]),
                      basis=str(row["basis"]), digits=int(row["digits"]) if "digits" in row else None,
                      inputs=(row["id"],), qualifier=str(row["qualifier"]))
