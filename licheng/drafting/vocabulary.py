"""The indicators a draft knows by name: ids, English names, themes, from the wording.

The vocabulary is ``licheng/data/indicators.csv`` (the same ids the analyses
look for), with a ``kind``, a ``basis`` and ``aliases`` (the Chinese words that
name the indicator, ``|``-separated) on each row. A user's own file of the same
columns adds rows or replaces them by id (``licheng draft --vocabulary FILE``).

An indicator found for another kind than its row's is named by rule:
地区生产总值 (``gdp``, a level) read as an average growth is ``gdp_growth_avg``,
“地区生产总值年均增速”, “GDP average annual growth”.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from licheng.exceptions import ScorecardError
from licheng.paths import DATA_DIR, INDICATORS_CSV
from licheng.scorecard.textfiles import MAX_FILE_BYTES, read_text

THEMES_CSV = DATA_DIR / "themes.csv"
COLUMNS = ("id", "name_zh", "name_en", "theme", "kind", "basis", "aliases")
#: How an indicator of one kind is named as another: id suffix, Chinese and English name suffixes.
KIND_SUFFIXES = {
    "yoy_growth": ("_growth", "增速", " growth"),
    "average_growth": ("_growth_avg", "年均增速", " average annual growth"),
    "rank": ("_rank", "位次", ": rank"),
    "share": ("_share", "占比", ": share"),
    "streak": ("_streak", "连续年数", ": consecutive years"),
    "change": ("_change", "变化", ": change"),
    "multiple": ("_multiple", "倍数", ": multiple"),
    "threshold": ("_threshold", "门槛", ": threshold"),
    "count": ("_count", "", ": number"),
    "level": ("", "", ""),
}
#: Suffixes to take off an id before naming it as another kind (gdp_growth_avg → gdp).
_ID_SUFFIXES = sorted({s for s, _, _ in KIND_SUFFIXES.values() if s}, key=len, reverse=True)
_NAME_SUFFIXES = ("年均增速", "增速", "位次", "占比")


@dataclass(frozen=True)
class Indicator:
    id: str
    name_zh: str
    name_en: str
    theme: str
    kind: str
    basis: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    """The indicator a figure's wording names, as the figure's kind."""

    id: str
    name_zh: str
    name_en: str
    theme: str
    basis: str
    alias: str
    exact_kind: bool


def _rows(text: str, where: str) -> list[Indicator]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in ("id", "name_zh", "name_en") if c not in (reader.fieldnames or [])]
    if missing:
        raise ScorecardError(f"{where}:1: missing column(s) {', '.join(missing)}; a vocabulary has "
                             f"{', '.join(COLUMNS)}")
    rows = []
    for line, r in enumerate(reader, start=2):
        if not (r.get("id") or "").strip():
            raise ScorecardError(f"{where}:{line}: column 'id': empty")
        aliases = tuple(a.strip() for a in (r.get("aliases") or "").split("|") if a.strip())
        rows.append(Indicator(r["id"].strip(), (r["name_zh"] or "").strip(), (r["name_en"] or "").strip(),
                              (r.get("theme") or "").strip(), (r.get("kind") or "").strip(),
                              (r.get("basis") or "").strip(), aliases))
    return rows


@lru_cache(maxsize=1)
def packaged() -> tuple[Indicator, ...]:
    return tuple(_rows(INDICATORS_CSV.read_text(encoding="utf-8"), str(INDICATORS_CSV)))


@lru_cache(maxsize=1)
def theme_keywords() -> tuple[tuple[str, tuple[str, ...]], ...]:
    with THEMES_CSV.open(encoding="utf-8", newline="") as f:
        return tuple((r["theme"], tuple(r["keywords"].split("|"))) for r in csv.DictReader(f))


class Vocabulary:
    """Indicators by the words that name them; the longest word found wins."""

    def __init__(self, extra: str | Path | None = None):
        rows = {r.id: r for r in packaged()}
        if extra:
            path = Path(extra)
            for r in _rows(read_text(path, what="vocabulary file", limit=MAX_FILE_BYTES), str(path)):
                rows[r.id] = r
        self.rows = [r for r in rows.values() if r.aliases]
        # each alias with the rows it names, longest alias first
        by_alias: dict[str, list[Indicator]] = {}
        for r in self.rows:
            for a in r.aliases:
                by_alias.setdefault(a, []).append(r)
        self.aliases = sorted(by_alias.items(), key=lambda kv: -len(kv[0]))

    def match(self, wording: str, kind: str) -> Match | None:
        """The indicator named in ``wording`` (the longest alias found), as a figure of ``kind``."""
        for alias, rows in self.aliases:
            if alias in wording:
                return _as_kind(alias, rows, kind)
        return None


def _as_kind(alias: str, rows: list[Indicator], kind: str) -> Match:
    for r in rows:
        if r.kind == kind:
            return Match(r.id, r.name_zh, r.name_en, r.theme, r.basis, alias, True)
    base = next((r for r in rows if r.kind in ("level", "count")), rows[0])
    bid = next((base.id[: -len(s)] for s in _ID_SUFFIXES if base.id.endswith(s)), base.id)
    bzh = next((base.name_zh[: -len(s)] for s in _NAME_SUFFIXES if base.name_zh.endswith(s)), base.name_zh)
    sid, szh, sen = KIND_SUFFIXES.get(kind, ("_" + kind, "", " " + kind))
    basis = base.basis if kind not in ("rank", "streak", "count") else "n/a"
    if kind in ("yoy_growth", "average_growth") and any(r.basis == "real" for r in rows
                                                         if r.kind in ("yoy_growth", "average_growth")):
        basis = "real"
    return Match(bid + sid, bzh + szh, base.name_en + sen, base.theme, basis, alias, False)


def theme_of(wording: str) -> str:
    """The theme whose keyword comes first in ``wording`` (economy when none does)."""
    best, where = "economy", len(wording) + 1
    for theme, words in theme_keywords():
        for w in words:
            i = wording.find(w)
            if 0 <= i < where:
                best, where = theme, i
    return best
