"""Growth arithmetic. Rates are fractions (0.052 for 5.2 %) everywhere here;
percent appears only when a value is formatted (:mod:`licheng.authoring.formatting`).

The functions take scalars or numpy arrays and broadcast.
"""
from __future__ import annotations

import math

from typing import TypeAlias

import numpy as np
import pandas as pd

#: A scalar or an array of them: the functions broadcast like numpy.
Values: TypeAlias = "float | np.ndarray | pd.Series"


def _check_rate(rate: Values) -> None:
    if np.any(np.asarray(rate) <= -1):
        raise ValueError(f"rate {rate!r} is at or below -100 %; rates are fractions (0.052 for 5.2 %)")


def _check_years(years: Values) -> None:
    if np.any(np.asarray(years) <= 0):
        raise ValueError(f"years must be positive, got {years!r}")


def cagr(start: Values, end: Values, years: Values) -> Values:
    """Compound average annual growth rate, as a fraction.

    Parameters
    ----------
    start, end : float
        Values at the start and the end of the span (both positive).
    years : float
        Length of the span in years (2020→2025 is 5).

    Examples
    --------
    >>> round(cagr(1020, 1490, 5), 4)
    0.0787
    """
    _check_years(years)
    if np.any(np.asarray(start) <= 0) or np.any(np.asarray(end) <= 0):
        raise ValueError(f"cagr needs positive values, got start={start!r}, end={end!r}")
    return (end / start) ** (1.0 / years) - 1


def implied_base(end: Values, rate: Values, years: Values) -> Values:
    """The start value implied by an end value and an average growth rate.

    Examples
    --------
    The 2020 GDP implied by 1490亿元 in 2025 at 5.2 % a year:

    >>> round(implied_base(1490, 0.052, 5), 1)
    1156.4
    """
    _check_rate(rate)
    return end / (1 + rate) ** years


def project(value: Values, rate: Values, years: Values) -> Values:
    """``value`` grown at ``rate`` a year for ``years`` years.

    Examples
    --------
    >>> round(project(1490, 0.052, 5), 1)
    1919.8
    """
    _check_rate(rate)
    return value * (1 + rate) ** years


def growth_path(value: float, rate: float, start_year: int, end_year: int, *, anchor_year: int | None = None) -> pd.Series:
    """Year-by-year values from ``start_year`` to ``end_year`` at a constant rate.

    ``value`` is the value in ``anchor_year`` (``start_year`` by default); the
    path runs backward and forward from it.

    Examples
    --------
    >>> growth_path(1490, 0.052, 2020, 2025, anchor_year=2025).round(1).tolist()
    [1156.4, 1216.5, 1279.8, 1346.3, 1416.3, 1490.0]
    """
    if end_year < start_year:
        raise ValueError(f"end_year {end_year} is before start_year {start_year}")
    _check_rate(rate)
    anchor = start_year if anchor_year is None else anchor_year
    years = np.arange(start_year, end_year + 1)
    return pd.Series(value * (1 + rate) ** (years - anchor), index=pd.Index(years, name="year"))


def years_to_reach(value: float, target: float, rate: float) -> float:
    """Years needed for ``value`` to reach ``target`` growing at ``rate``.

    Returns 0 when the target is already reached and ``inf`` when it is never
    reached (a rate at or below zero with the target above the value).

    Examples
    --------
    >>> round(years_to_reach(1490, 2000, 0.052), 2)
    5.81
    """
    _check_rate(rate)
    if value <= 0 or target <= 0:
        raise ValueError(f"years_to_reach needs positive values, got value={value!r}, target={target!r}")
    if target <= value:
        return 0.0
    if rate <= 0:
        return math.inf
    return math.log(target / value) / math.log(1 + rate)


def year_reached(value: float, target: float, rate: float, base_year: int) -> float:
    """First whole year in which ``value`` (in ``base_year``) passes ``target``.

    Examples
    --------
    >>> year_reached(1490, 2000, 0.052, 2025)
    2031
    """
    years = years_to_reach(value, target, rate)
    return years if math.isinf(years) else base_year + math.ceil(years - 1e-12)


def implied_deflator(nominal_rate: Values, real_rate: Values) -> Values:
    """Average price growth implied by a nominal and a real growth rate.

    Examples
    --------
    >>> round(implied_deflator(0.0787, 0.052), 4)
    0.0254
    """
    _check_rate(real_rate)
    return (1 + nominal_rate) / (1 + real_rate) - 1


def thresholds_crossed(start: float, end: float, step: float) -> int:
    """How many multiples of ``step`` lie in (start, end]: the 百亿级台阶 count.

    Examples
    --------
    >>> thresholds_crossed(1020, 1490, 100), thresholds_crossed(1156.4, 1490, 100)
    (4, 3)
    """
    return int(math.floor(end / step) - math.floor(start / step))
