"""The unit table: every unit a scorecard may use, as data.

``licheng/data/units.csv`` gives each unit (as the source writes it) its
dimension, its factor to the base unit (亿元 is 1e8 yuan) and how English
shows it. A new unit is one line there. The number finder
(:mod:`licheng.figures.numbers`), the scorecard loader and the formatter all read
this one table.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from licheng.paths import UNITS_CSV


@dataclass(frozen=True)
class Unit:
    unit: str
    dimension: str
    factor: float
    en_before: str  # written before the number in English: "CNY"
    en_after: str  # written after it: " km", "%"
    en_name: str  # the unit's name in an English header: "CNY 100 million"


@lru_cache(maxsize=1)
def table() -> dict[str, Unit]:
    """Every known unit, by the unit as written."""
    with UNITS_CSV.open(encoding="utf-8", newline="") as f:
        return {r["unit"]: Unit(r["unit"], r["dimension"], float(r["factor"]), r["en_before"], r["en_after"],
                                r["en_name"]) for r in csv.DictReader(f)}


def get(unit: str) -> Unit | None:
    return table().get(unit)


def names() -> tuple[str, ...]:
    return tuple(table())
