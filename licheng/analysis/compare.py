"""The comparisons an economist makes from the scorecard.

Every function takes the scorecard (and, where it compares with outside
figures, the reference table) and returns a DataFrame whose ``inputs``
column names the figures used: scorecard ids, or ``ref:<entity>/<indicator>/<year>``
for reference rows. Rates are fractions. A function whose figures are not in
the scorecard raises :class:`~licheng.exceptions.MissingFiguresError`, so that
a report on another district can say which section it cannot show.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

import math
from dataclasses import replace

from licheng.analysis import growth
from licheng.exceptions import MissingFiguresError
from licheng.figures.quantity import Q, derive, sign
from licheng.scorecard.table import PARENT_LEVELS, RELIABILITY, figure, figure_q, has, outcomes_and_targets, value, with_notes  # noqa: F401

#: 十四五 plan targets in the reference table and the outcome they are measured by.
PLAN_TARGETS = {
    "地区生产总值年均增速目标": "gdp_growth_avg",
    "一般公共预算收入年均增速目标": "revenue_growth_avg",
    "固定资产投资年均增速目标": "fai_growth_avg",
    "地区生产总值增速目标": "gdp_growth",
}


def lacking(scorecard: pd.DataFrame, *ids: str) -> list[str]:
    """The ids, of those given, that the scorecard does not have (in the order given)."""
    return [i for i in ids if not has(scorecard, i)]


def require(scorecard: pd.DataFrame, *ids: str, what: str = "") -> None:
    """Raise MissingFiguresError unless every id is in the scorecard."""
    missing = lacking(scorecard, *ids)
    if missing:
        raise MissingFiguresError(missing, what)


def span_years(row: pd.Series) -> int:
    """Years of growth behind an average rate over a span: 2021-2025 is 5 (from 2020)."""
    return int(row["period_end"] - row["period_start"] + 1)


def ref_id(row: pd.Series) -> str:
    return f"ref:{row['entity']}/{row['indicator']}/{row['year']}"


def reference_figure(reference: pd.DataFrame, entity: str, indicator: str, year: str | int,
                     *, min_reliability: str = "secondary") -> pd.Series | None:
    """One reference row, or None when it is missing or less reliable than asked."""
    rows = reference[(reference["entity"] == entity) & (reference["indicator"] == indicator)
                     & (reference["year"] == str(year))]
    rows = rows[rows["reliability"] >= min_reliability]
    return None if rows.empty else rows.iloc[0]


def fq(scorecard: pd.DataFrame, id: str) -> Q:
    """A scorecard figure as a :class:`~licheng.figures.quantity.Q` (percent figures as fractions)."""
    return figure_q(figure(scorecard, id)).rate()


def reference_q(row: pd.Series) -> Q:
    """A reference row as a :class:`~licheng.figures.quantity.Q`, its bound read from its quote."""
    estimate = "预计" in str(row["quote"]) or "estimate" in str(row["basis"])
    return Q(float(row["value"]), str(row["unit"]), bound=str(row.get("bound", "exact")),
             status="estimate" if estimate else "outcome",
             basis="nominal" if "nominal" in str(row["basis"]) else ("real" if "real" in str(row["basis"]) else "n/a"),
             digits=int(row["digits"]) if "digits" in row else None, inputs=(ref_id(row),),
             qualifier=str(row.get("qualifier", ""))).rate()


# -- where the region sits ---------------------------------------------------------

def hierarchy(scorecard: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """The region and the parents its scorecard declares: level -> (zh, en), nearest first.

    Only what the data says: a scorecard without ``city_zh`` has no city.
    """
    a = scorecard.attrs
    out = {"region": (a["region_zh"], a["region_en"])}
    for level in PARENT_LEVELS:
        if a.get(f"{level}_zh"):
            out[level] = (a[f"{level}_zh"], a[f"{level}_en"])
    return out


def related_entities(scorecard: pd.DataFrame) -> set[str]:
    """Reference entities a report on this scorecard may show: the region and its declared parents."""
    return {zh for zh, _ in hierarchy(scorecard).values()}


def related_reference(scorecard: pd.DataFrame, reference: pd.DataFrame, *,
                      min_reliability: str = "secondary") -> pd.DataFrame:
    """The reference rows about the region or its parents, never another region's,
    at least as reliable as ``min_reliability`` (the one place a report filters by it)."""
    if min_reliability not in RELIABILITY:
        raise ValueError(f"min_reliability {min_reliability!r}; choose one of {', '.join(RELIABILITY)}")
    return reference[reference["entity"].isin(related_entities(scorecard))
                     & (reference["reliability"] >= min_reliability)]


def levels_with_figures(scorecard: pd.DataFrame, reference: pd.DataFrame) -> list[str]:
    """The parent levels (``city``, ``province``, ``country``) the scorecard declares
    and the reference has figures for, in that order."""
    entities = set(reference["entity"])
    return [level for level, (zh, _) in hierarchy(scorecard).items() if level != "region" and zh in entities]


# -- defaults taken from the data ------------------------------------------------

def default_horizon(scorecard: pd.DataFrame) -> int:
    """The end of the next five-year plan period after the data's plan period (2021-2025 → 2030)."""
    start, end = plan_period(scorecard)
    return end + max(end - start + 1, 5)


def default_scenario_rates(scorecard: pd.DataFrame, *, id: str = "gdp_growth_avg", spread: float = 0.01) -> list[float]:
    """Scenario rates centred on the region's own average rate: own − spread, own, own + spread."""
    require(scorecard, id, what="growth scenarios")
    own = round(value(scorecard, id), 6)
    return [round(own - spread, 6), own, round(own + spread, 6)]


def default_milestone(level: float) -> float:
    """The next round step above a level: 1490 → 2000, 8500 → 9000, 98.7 → 100.

    >>> default_milestone(1490), default_milestone(8500), default_milestone(98.7), default_milestone(2000)
    (2000.0, 9000.0, 100.0, 3000.0)
    """
    step = 10 ** math.floor(math.log10(abs(level) or 1))
    return float((math.floor(level / step) + 1) * step)


def plan_period(scorecard: pd.DataFrame) -> tuple[int, int]:
    """First and last year of the plan period: the span most average rates cover."""
    rates = scorecard[scorecard["kind"] == "average_growth"]
    outcomes = scorecard[scorecard["status"] != "target"]
    rows = rates if len(rates) else outcomes if len(outcomes) else scorecard  # a scorecard of targets only
    start, end = rows.groupby(["period_start", "period_end"]).size().idxmax()
    return int(start), int(end)


#: China's five-year plans: the first year of the 14th is 2021.
_PLAN_NUMERALS = {13: "十三五", 14: "十四五", 15: "十五五", 16: "十六五"}


def plan_name(start: int, end: int) -> tuple[str, str] | None:
    """The national five-year plan a span of years is, as (zh, en), or None.

    >>> plan_name(2021, 2025), plan_name(2021, 2024)
    (('「十四五」', '14th Five-Year Plan'), None)
    """
    n = (start - 2021) // 5 + 14
    if end - start != 4 or (start - 2021) % 5 or n not in _PLAN_NUMERALS:
        return None
    return f"「{_PLAN_NUMERALS[n]}」", f"{n}th Five-Year Plan"


def average_rates(scorecard: pd.DataFrame) -> pd.DataFrame:
    """Every average growth rate in the scorecard, fastest first, with its basis and ``rate_q``."""
    rows = scorecard[scorecard["kind"] == "average_growth"]
    if rows.empty:
        raise MissingFiguresError(["gdp_growth_avg"], "average growth rates")
    out = pd.DataFrame({
        "id": rows["id"], "name_zh": rows["name_zh"], "name_en": rows["name_en"],
        "period": rows["period"], "rate": rows["value"] / 100, "basis": rows["basis"].astype(str),
    })
    out["rate_q"] = [fq(scorecard, i) for i in out["id"]]
    out["inputs"] = out["id"]
    return out.sort_values("rate", ascending=False, kind="stable").reset_index(drop=True)


def growth_vs_gdp(scorecard: pd.DataFrame) -> pd.DataFrame:
    """Every average growth rate in the scorecard against GDP's, fastest first.

    ``gap`` is the difference in rate (fraction points), ``multiple`` the ratio.
    GDP's rate is real; most others are nominal, which flatters them by the
    rate of inflation: the ``basis`` column says which is which, and ``gap_q``
    of a nominal rate has the basis ``mixed``.
    """
    require(scorecard, "gdp_growth_avg", what="growth against GDP")
    gdp = value(scorecard, "gdp_growth_avg")
    out = average_rates(scorecard).drop(columns=["rate_q", "inputs"])
    out["gdp_rate"] = gdp
    out["gap"] = out["rate"] - gdp
    out["multiple"] = out["rate"] / gdp
    gdp_q = fq(scorecard, "gdp_growth_avg")
    out["rate_q"] = [fq(scorecard, i) for i in out["id"]]
    out["gap_q"] = [q - gdp_q for q in out["rate_q"]]
    out["multiple_q"] = [q / gdp_q for q in out["rate_q"]]
    out["inputs"] = out["id"] + ", gdp_growth_avg"
    return out.sort_values("rate", ascending=False, kind="stable").reset_index(drop=True)


def growth_summary(rates: pd.DataFrame, *, nominal_gdp: Q | None = None) -> dict:
    """What a sentence about :func:`growth_vs_gdp` may say, computed.

    GDP's own row; among the *other* rates: how many there are, the fastest
    and the slowest (None where there are none); how many share GDP's basis
    (``like``) and how many of those are faster (a nominal rate against GDP's
    real one says nothing: it includes price growth); how many are nominal,
    and, against ``nominal_gdp`` (nominal GDP growth as a Q, where known), how
    many of those are surely slower, its bound considered.
    """
    gdp = rates[rates["id"] == "gdp_growth_avg"].iloc[0]
    others = rates[rates["id"] != "gdp_growth_avg"]
    like = others[others["basis"] == gdp["basis"]]
    nominal = others[others["basis"] == "nominal"]
    return dict(
        gdp=gdp, others=len(others), like=len(like), like_faster=int((like["rate"] > gdp["rate"]).sum()),
        fastest=None if others.empty else others.iloc[0], slowest=None if len(others) < 2 else others.iloc[-1],
        nominal=len(nominal),
        nominal_slower=None if nominal_gdp is None else sum(compare_values(q, nominal_gdp) == "below" for q in nominal["rate_q"]),
    )


def implied_bases(scorecard: pd.DataFrame) -> pd.DataFrame:
    """Start-of-period values implied by each end level and its average growth rate.

    A growth id ``X_growth_avg`` pairs with the level ``X`` (gdp_growth_avg
    with gdp). Rates without a level in the scorecard are left out.
    """
    records = []
    for _, rate_row in scorecard[scorecard["kind"] == "average_growth"].iterrows():
        level_id = rate_row["id"].removesuffix("_growth_avg")
        if level_id == rate_row["id"] or not has(scorecard, level_id):
            continue
        level = figure(scorecard, level_id)
        years = span_years(rate_row)
        rate = rate_row["value"] / 100
        end_q, rate_q = fq(scorecard, level_id), fq(scorecard, rate_row["id"])
        base_q = derive(lambda e, r: growth.implied_base(e, r, years), end_q, rate_q, signs=(1, -1),
                        unit=level["unit"], basis=str(rate_row["basis"]))
        records.append(dict(
            id=level_id, name_zh=level["name_zh"], name_en=level["name_en"], unit=level["unit"],
            bound=base_q.bound, basis=str(rate_row["basis"]), rate=rate, years=years,
            base_year=int(rate_row["period_start"]) - 1, base=base_q.value,
            end_year=int(level["period_end"]), end=float(level["value"]),
            base_q=base_q, end_q=end_q, rate_q=rate_q,
            inputs=f"{level_id}, {rate_row['id']}",
        ))
    if not records:
        raise MissingFiguresError([i for i in ("gdp", "gdp_growth_avg") if not has(scorecard, i)] or ["gdp_growth_avg"],
                                  "implied base values")
    return pd.DataFrame(records)


def paths(scorecard: pd.DataFrame) -> pd.DataFrame:
    """Year-by-year paths from the implied base to the end level (long format). ``value_q`` carries
    each value's bound and status: worked back from a floor at a rate, every earlier year is a
    floor too (a ceiling where the rate is a floor), and from an estimate an estimate."""
    frames = []
    for _, row in implied_bases(scorecard).iterrows():
        path = growth.growth_path(row["end"], row["rate"], row["base_year"], row["end_year"],
                                  anchor_year=row["end_year"])
        qs = [row["end_q"] if year == row["end_year"] else
              derive(lambda e, r, n=row["end_year"] - year: growth.implied_base(e, r, n), row["end_q"], row["rate_q"],
                     signs=(1, -1), unit=row["unit"], basis=row["basis"])
              for year in path.index]
        frames.append(pd.DataFrame({"id": row["id"], "year": path.index, "value": path.values,
                                    "index": path.values / path.iloc[0] * 100, "value_q": qs}))
    return pd.concat(frames, ignore_index=True)


def scenarios(scorecard: pd.DataFrame, *, id: str = "gdp", rates: Sequence[float] = (0.045, 0.052, 0.06),
              horizon: int = 2030, milestone: float | None = 2000) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Project a level to ``horizon`` under each scenario rate.

    Returns ``(paths, summary)``: the paths in long format (rate, year, value)
    and one row per rate with the value at the horizon and the year the
    milestone is passed (inf when never).
    """
    require(scorecard, id, what="projections")
    row = figure(scorecard, id)
    start = int(row["period_end"])
    if horizon <= start:
        raise ValueError(f"horizon {horizon} must be after the last data year {start}")
    level = fq(scorecard, id)
    frames, summary = [], []
    for rate in rates:
        path = growth.growth_path(row["value"], rate, start, horizon)
        frames.append(pd.DataFrame({"rate": rate, "year": path.index, "value": path.values}))
        at_h = derive(lambda v: growth.project(v, rate, horizon - start), level, signs=(1,), unit=row["unit"])
        years = derive(lambda v: growth.years_to_reach(v, milestone, rate), level, signs=(-1,), unit="years") \
            if milestone else None
        year = derive(lambda v: growth.year_reached(v, milestone, rate, start), level, signs=(-1,), unit="year") \
            if milestone else None
        summary.append(dict(
            rate=rate, horizon=horizon, value_at_horizon=path.iloc[-1], value_at_horizon_q=at_h,
            milestone=milestone,
            years_to_milestone=years.value if years else float("nan"), years_to_milestone_q=years,
            year_reached=year.value if year else float("nan"), year_reached_q=year,
            inputs=id,
        ))
    return pd.concat(frames, ignore_index=True), pd.DataFrame(summary)


def income_gap(scorecard: pd.DataFrame, *, horizon: int | None = None) -> pd.DataFrame:
    """Urban and rural income, their ratio and gap, from the implied base year
    to the end year, and projected to ``horizon`` at the same rates.

    Without the two average growth rates only the end year is given. The
    ``projected`` column marks the years after the data; ``urban_q``,
    ``rural_q``, ``ratio_q`` and ``gap_q`` carry the qualifiers of the incomes.
    """
    require(scorecard, "urban_income", "rural_income", what="the urban-rural income comparison")
    rates = ("urban_income_growth_avg", "rural_income_growth_avg")
    u, r = fq(scorecard, "urban_income"), fq(scorecard, "rural_income")
    end = int(figure(scorecard, "urban_income")["period_end"])
    if has(scorecard, *rates):
        gu, gr = fq(scorecard, rates[0]), fq(scorecard, rates[1])
        base = int(figure(scorecard, rates[0])["period_start"]) - 1
        years = range(base, max(end, horizon or end) + 1)
        ids = ("urban_income", "rural_income") + rates
    else:
        gu = gr = Q(0.0)
        years = [end]
        ids = ("urban_income", "rural_income")
    records = []
    for year in years:
        sign = (year > end) - (year < end)

        def at(level, rate, year=year):
            return derive(lambda v, g: v * (1 + g) ** (year - end), level, rate, signs=(1, sign), unit="元")

        uq, rq = at(u, gu), at(r, gr)
        records.append(dict(year=year, urban=uq.value, rural=rq.value, ratio=uq.value / rq.value,
                            gap=uq.value - rq.value, urban_q=uq, rural_q=rq, ratio_q=uq / rq, gap_q=uq - rq,
                            projected=year > end))
    out = pd.DataFrame(records)
    out["inputs"] = ", ".join(ids)
    return out


def income_changes(scorecard: pd.DataFrame) -> dict[str, Q] | None:
    """How the urban/rural income ratio and the difference of the incomes changed over the period
    of the average rates (end minus base year), or None without the rates.

    Each change is derived from the four figures at once, so that its bound is that of the
    figures: the ratio changes by (u/r)(1 - ((1+gr)/(1+gu))^n), whose sign is that of gu - gr
    whatever the levels; the difference by u(1 - (1+gu)^-n) - r(1 - (1+gr)^-n), which a floor
    on the rural income leaves a ceiling. ``ratio_trend`` and ``gap_trend`` say which way each
    went (:func:`trend`): the ratio's from the rates alone."""
    rates = ("urban_income_growth_avg", "rural_income_growth_avg")
    if not has(scorecard, "urban_income", "rural_income", *rates):
        return None
    u, r = fq(scorecard, "urban_income"), fq(scorecard, "rural_income")
    gu, gr = fq(scorecard, rates[0]), fq(scorecard, rates[1])
    n = int(figure(scorecard, "urban_income")["period_end"]) - (int(figure(scorecard, rates[0])["period_start"]) - 1)

    def ratio_change(u, r, gu, gr):
        return u / r * (1 - ((1 + gr) / (1 + gu)) ** n)

    def gap_change(u, r, gu, gr):
        return u * (1 - (1 + gu) ** -n) - r * (1 - (1 + gr) ** -n)

    k = ((1 + gr.value) / (1 + gu.value)) ** n
    ratio = derive(ratio_change, u, r, gu, gr, signs=(sign(1 - k), -sign(1 - k), 1, -1), unit="ratio")
    gap = derive(gap_change, u, r, gu, gr, signs=(sign(gu.value), -sign(gr.value), 1, -1), unit="元")
    return {"ratio": ratio, "gap": gap, "ratio_trend": trend(gu - gr), "gap_trend": trend(gap)}


def trend(change: Q) -> str:
    """``up``, ``down``, ``flat`` or ``cannot tell``: the direction of a change, where its bound
    allows one (a change of at most +5 may be a fall)."""
    if change.bound == "approximate":
        return "cannot tell"
    if change.value > 0 and change.bound in ("exact", "lower"):
        return "up"
    if change.value < 0 and change.bound in ("exact", "upper"):
        return "down"
    if change.value == 0 and change.bound == "exact":
        return "flat"
    return "cannot tell"


def ratio_below(gap: pd.DataFrame, threshold: float = 2.0) -> int | None:
    """The first projected-or-data year in which the income ratio is below ``threshold``, or None."""
    below = gap[gap["ratio"] < threshold]
    return None if below.empty else int(below["year"].iloc[0])


def target_verdict(outcome: Q, target: Q) -> str:
    """``met``, ``missed`` or ``cannot tell``, from the outcome's and the target's bounds.

    A floor below the target cannot tell; an exact outcome or a ceiling
    below it missed; an outcome (or its floor) at or above it met.

    >>> target_verdict(Q(0.05, bound="lower"), Q(0.056)), target_verdict(Q(0.052), Q(0.08, bound="approximate"))
    ('cannot tell', 'missed')
    """
    if outcome.value >= target.value and outcome.bound in ("exact", "lower"):
        return "met"
    if outcome.value < target.value and outcome.bound in ("exact", "upper"):
        return "missed"
    return "cannot tell"


def plan_vs_outcome(scorecard: pd.DataFrame, reference: pd.DataFrame,
                    *, min_reliability: str = "secondary") -> pd.DataFrame:
    """十四五 plan (and annual) growth targets against the reported outcomes.

    ``verdict`` is ``met``, ``missed`` or ``cannot tell`` (:func:`target_verdict`);
    ``target_q``, ``outcome_q`` and ``gap_q`` carry the bounds: 8%左右 is about
    8 %, and an outcome of 5%以上 gives a gap that is a floor.
    """
    targets = reference[(reference["entity"] == scorecard.attrs["region_zh"]) & reference["indicator"].isin(PLAN_TARGETS)
                        & (reference["reliability"] >= min_reliability)]
    records = []
    for _, t in targets.iterrows():
        outcome_id = PLAN_TARGETS[t["indicator"]]
        if not has(scorecard, outcome_id):
            continue
        o = figure(scorecard, outcome_id)
        oq, tq = fq(scorecard, outcome_id), replace(reference_q(t), status="target")
        records.append(dict(
            id=outcome_id, name_zh=o["name_zh"], name_en=o["name_en"], period=t["year"],
            target=tq.value, outcome=oq.value, outcome_bound=oq.bound, gap=oq.value - tq.value,
            # 5.6%以上 as a target is the line to reach, not an uncertain number: the gap is measured from it
            target_q=tq, outcome_q=oq, gap_q=oq - (replace(tq, bound="exact") if tq.bound == "lower" else tq),
            verdict=target_verdict(oq, tq), basis=str(o["basis"]), reliability=str(t["reliability"]),
            source=t["source"], quote=t["quote"], inputs=f"{outcome_id}, {ref_id(t)}",
            plan=t["year"] == figure(scorecard, outcome_id)["period"] and "-" in t["year"],
        ))
    if not records:
        raise MissingFiguresError([f"ref:{scorecard.attrs['region_zh']}/规划目标"], "the plan comparison")
    return pd.DataFrame(records)


def nominal_vs_real(scorecard: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Nominal GDP growth (the region's reported base-year level to the end level)
    against the real average rate, and the price growth (deflator) the two imply.

    Rows (index): ``nominal_base``, ``nominal_end``, ``nominal_rate``,
    ``real_rate``, ``deflator``, ``real_implied_base``, with ``value``,
    ``unit``, ``year``, ``inputs`` and ``q`` (the value with its bound and
    status: a rate computed from a floor that is an estimate is a floor and
    an estimate).
    """
    require(scorecard, "gdp", "gdp_growth_avg", what="nominal against real GDP")
    gdp, rate_row = figure(scorecard, "gdp"), figure(scorecard, "gdp_growth_avg")
    if str(rate_row["basis"]) != "real":  # the whole comparison rests on a real rate
        raise MissingFiguresError(["gdp_growth_avg_real"], "nominal against real GDP")
    base_year = int(rate_row["period_start"]) - 1
    base = reference_figure(reference, scorecard.attrs["region_zh"], "地区生产总值", base_year)
    if base is None or base["unit"] != gdp["unit"]:
        raise MissingFiguresError([f"ref:{scorecard.attrs['region_zh']}/地区生产总值/{base_year}"],
                                  "nominal against real GDP")
    years = int(gdp["period_end"]) - base_year
    base_q, end_q, real_q = reference_q(base), fq(scorecard, "gdp"), fq(scorecard, "gdp_growth_avg")
    nominal_q = derive(lambda b, e: growth.cagr(b, e, years), base_q, end_q, signs=(-1, 1), unit="fraction",
                       basis="nominal")
    deflator_q = derive(growth.implied_deflator, nominal_q, real_q, signs=(1, -1), unit="fraction", basis="price")
    implied_q = derive(lambda e, r: growth.implied_base(e, r, years), end_q, real_q, signs=(1, -1),
                       unit=gdp["unit"], basis="real")
    unit = gdp["unit"]
    rows = {
        "nominal_base": (base_q, unit, base_year, ref_id(base)),
        "nominal_end": (end_q, unit, int(gdp["period_end"]), "gdp"),
        "nominal_rate": (nominal_q, "fraction", rate_row["period"], f"gdp, {ref_id(base)}"),
        "real_rate": (real_q, "fraction", rate_row["period"], "gdp_growth_avg"),
        "deflator": (deflator_q, "fraction", rate_row["period"], f"gdp, gdp_growth_avg, {ref_id(base)}"),
        "real_implied_base": (implied_q, unit, base_year, "gdp, gdp_growth_avg"),
    }
    out = pd.DataFrame.from_dict({k: (q.value, u, y, i, q) for k, (q, u, y, i) in rows.items()}, orient="index",
                                 columns=["value", "unit", "year", "inputs", "q"])
    out.attrs["base_reliability"] = str(base["reliability"])
    out.attrs["base_source"] = base["source"]
    out.attrs["base_quote"] = base["quote"]
    return out


def real_gdp_path(scorecard: pd.DataFrame, reference: pd.DataFrame) -> pd.Series:
    """GDP year by year from the base year to the end year at the real average
    rate, anchored on the end level (the path the real rate implies)."""
    nvr = nominal_vs_real(scorecard, reference)
    start, end = int(nvr.loc["nominal_base", "year"]), int(nvr.loc["nominal_end", "year"])
    return growth.growth_path(nvr.loc["nominal_end", "value"], nvr.loc["real_rate", "value"], start, end,
                              anchor_year=end)


def claim_hundred_billion_steps(scorecard: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Check the claimed number of 百亿级台阶 (CNY 10 bn steps) against both possible bases.

    One row per base: the reported nominal base-year GDP, and the base-year
    level implied by the real average growth rate; only the latter when the
    reference figures lack the nominal base (``attrs["missing"]`` names it). ``consistent`` says whether
    the number of 100亿 thresholds crossed matches the claim; ``steps_q`` is
    that number with its bound (from a floor end value, the count is a floor).
    ``attrs["quote"]`` is the claim as the source writes it.
    """
    require(scorecard, "gdp_hundred_billion_steps", what="the 百亿级台阶 claim")
    claimed = int(value(scorecard, "gdp_hundred_billion_steps"))
    end = fq(scorecard, "gdp")
    try:
        nvr = nominal_vs_real(scorecard, reference)
        bases = [(k, nvr.loc[k, "q"], nvr.loc[k, "year"], nvr.loc[k, "inputs"]) for k in ("nominal_base", "real_implied_base")]
        missing: list[str] = []
    except MissingFiguresError as e:
        # without the reported nominal base, the base the real rate implies needs the scorecard only
        gdp = implied_base_of(implied_bases(scorecard), "gdp") if has(scorecard, "gdp", "gdp_growth_avg") else None
        if gdp is None or gdp["basis"] != "real" or not all(i.startswith("ref:") for i in e.ids):
            raise
        bases, missing = [("real_implied_base", gdp["base_q"], int(gdp["base_year"]), gdp["inputs"])], list(e.ids)
    records = []
    for key, base, year, inputs in bases:
        steps = derive(lambda b, e: growth.thresholds_crossed(b, e, 100), base, end, signs=(-1, 1), unit="count")
        records.append(dict(base_kind=key, base_year=year, base=base.value, end=end.value,
                            base_q=base, end_q=end, steps=int(steps.value), steps_q=steps, claimed=claimed,
                            consistent=int(steps.value) == claimed,
                            inputs=f"gdp_hundred_billion_steps, {inputs}"))
    out = pd.DataFrame(records)
    out.attrs["quote"] = figure(scorecard, "gdp_hundred_billion_steps")["quote"]
    out.attrs["missing"] = missing  # the reference figures the nominal check lacks
    return out


def claim_verdict(steps: pd.DataFrame) -> str:
    """Which bases support the claim: ``both``, ``nominal only``, ``real only`` or ``neither``; with
    the real base only (no nominal one in the reference figures), ``real, nominal unknown`` or
    ``not real, nominal unknown``."""
    if list(steps["base_kind"]) == ["real_implied_base"]:
        return "real, nominal unknown" if bool(steps["consistent"].iloc[0]) else "not real, nominal unknown"
    nominal, real = (bool(steps.loc[steps["base_kind"] == k, "consistent"].iloc[0])
                     for k in ("nominal_base", "real_implied_base"))
    return {(True, True): "both", (True, False): "nominal only", (False, True): "real only",
            (False, False): "neither"}[(nominal, real)]


def derived_figures(scorecard: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Figures the report does not state but that follow from those it does.

    Index keys: ``rd_spending`` (R&D intensity × GDP), ``budget_spending_max``
    (livelihood spending ÷ its share: a ceiling, the share being a floor),
    ``budget_spending_max_per_year``, ``trade_openness`` (trade / GDP,
    end year), ``trade_base_implied`` (trade at the start of the period implied
    by its average growth), ``trade_openness_base``, ``revenue_end_implied``
    (the reported base-year revenue grown at the average rate). Figures whose
    inputs are missing are left out. ``q`` carries each value's bound and status.
    """
    region = scorecard.attrs["region_zh"]
    rows = {}
    if has(scorecard, "rd_intensity", "gdp"):
        rows["rd_spending"] = (replace(fq(scorecard, "rd_intensity") * fq(scorecard, "gdp"),
                                       unit=figure(scorecard, "gdp")["unit"]), str(int(figure(scorecard, "gdp")["period_end"])))
    if has(scorecard, "livelihood_spending", "livelihood_spending_share"):
        spend = figure(scorecard, "livelihood_spending")
        total = fq(scorecard, "livelihood_spending") / fq(scorecard, "livelihood_spending_share")
        total = replace(total, unit=spend["unit"])
        years = int(spend["period_end"] - spend["period_start"] + 1)
        rows["budget_spending_max"] = (total, spend["period"])
        rows["budget_spending_max_per_year"] = (replace(total / years, unit=spend["unit"]), spend["period"])
    if has(scorecard, "trade", "gdp") and figure(scorecard, "trade")["unit"] == figure(scorecard, "gdp")["unit"]:
        rows["trade_openness"] = (replace(fq(scorecard, "trade") / fq(scorecard, "gdp"), unit="fraction"),
                                  str(int(figure(scorecard, "trade")["period_end"])))
    if has(scorecard, "trade", "trade_growth_avg"):
        g = figure(scorecard, "trade_growth_avg")
        base_year = int(g["period_start"]) - 1
        n = span_years(g)
        trade_base = derive(lambda v, r: growth.implied_base(v, r, n), fq(scorecard, "trade"),
                            fq(scorecard, "trade_growth_avg"), signs=(1, -1), unit=figure(scorecard, "trade")["unit"])
        rows["trade_base_implied"] = (trade_base, str(base_year))
        gdp_base = reference_figure(reference, region, "地区生产总值", base_year)
        if gdp_base is not None:
            rows["trade_openness_base"] = (replace(trade_base / reference_q(gdp_base), unit="fraction"), str(base_year))
    if has(scorecard, "revenue_growth_avg"):
        g = figure(scorecard, "revenue_growth_avg")
        base = reference_figure(reference, region, "一般公共预算收入", int(g["period_start"]) - 1)
        if base is not None:
            n = span_years(g)
            rows["revenue_end_implied"] = (derive(lambda b, r: growth.project(b, r, n), reference_q(base),
                                                  fq(scorecard, "revenue_growth_avg"), signs=(1, 1), unit=base["unit"]),
                                           str(int(g["period_end"])))
    out = pd.DataFrame.from_dict({k: (q.value, q.unit, year, ", ".join(q.inputs), q) for k, (q, year) in rows.items()},
                                 orient="index", columns=["value", "unit", "year", "inputs", "q"])
    return out


def revenue_check(scorecard: pd.DataFrame, reference: pd.DataFrame, derived: pd.DataFrame) -> dict | None:
    """The end-year revenue implied by the reported base and the average rate,
    against the latest revenue the region reported before: ``direction`` is
    ``below`` (the implied figure is less: revenue fell back, if the bases
    agree), ``above`` or None when a figure is missing."""
    if "revenue_end_implied" not in derived.index:
        return None
    region = scorecard.attrs["region_zh"]
    end_year = int(derived.loc["revenue_end_implied", "year"])
    rows = reference[(reference["entity"] == region) & (reference["indicator"] == "一般公共预算收入")
                     & (reference["year_end"] < end_year)]
    g = figure(scorecard, "revenue_growth_avg")
    rows = rows[rows["year_end"] > int(g["period_start"]) - 1]
    if rows.empty:
        return None
    latest = rows.sort_values("year_end").iloc[-1]
    implied = derived.loc["revenue_end_implied", "q"]
    return dict(implied=implied, latest=latest, latest_q=reference_q(latest),
                direction="below" if implied.value < float(latest["value"]) else "above")


#: district figure id or derived measure -> reference indicator it is compared with
BENCHMARKS = {
    "rd_intensity": "研发投入强度",
    "urban_income": "城镇居民人均可支配收入",
    "rural_income": "农村居民人均可支配收入",
    "gdp_growth_avg": "地区生产总值年均增速",
    "revenue_growth_avg": "一般公共预算收入年均增速",
}


def benchmarks(scorecard: pd.DataFrame, reference: pd.DataFrame, *, min_reliability: str = "secondary") -> pd.DataFrame:
    """The region against its own parents (the city, province and country its
    scorecard declares), each benchmark with its year, reliability, source and
    quote. No other region's figures are used. The urban/rural income ratio is
    compared too. Benchmarks less reliable than ``min_reliability`` are left
    out. ``comparison`` is ``above``, ``below`` or ``equal``, from the values
    and their bounds (``cannot tell`` where a bound leaves it open).
    """
    if min_reliability not in RELIABILITY:
        raise ValueError(f"min_reliability {min_reliability!r}; choose one of {', '.join(RELIABILITY)}")
    parents = {zh for level, (zh, _) in hierarchy(scorecard).items() if level != "region"}
    others = reference[reference["entity"].isin(parents) & (reference["reliability"] >= min_reliability)]
    records = []
    for id, indicator in BENCHMARKS.items():
        if not has(scorecard, id):
            continue
        own = figure(scorecard, id)
        own_q = fq(scorecard, id)
        for _, b in others[others["indicator"] == indicator].iterrows():
            bq = reference_q(b)
            records.append(dict(
                measure=id, name_zh=own["name_zh"], name_en=own["name_en"], unit=own["unit"],
                district=own_q.value, district_q=own_q, district_period=own["period"], entity=b["entity"],
                benchmark=bq.value, benchmark_q=bq, benchmark_period=b["year"], basis=b["basis"],
                reliability=str(b["reliability"]), source=b["source"], quote=b["quote"],
                comparison=compare_values(own_q, bq, same_period=str(own["period"]) == str(b["year"]),
                                          level=own["kind"] in ("level", "count", "average_growth", "yoy_growth")),
                inputs=f"{id}, {ref_id(b)}",
            ))
    if has(scorecard, "urban_income", "rural_income"):
        own_ratio = fq(scorecard, "urban_income") / fq(scorecard, "rural_income")
        period = figure(scorecard, "urban_income")["period"]
        for entity in others["entity"].unique():
            u = reference_figure(others, entity, "城镇居民人均可支配收入", "2023", min_reliability=min_reliability)
            r = reference_figure(others, entity, "农村居民人均可支配收入", "2023", min_reliability=min_reliability)
            if u is None or r is None:
                continue
            bq = reference_q(u) / reference_q(r)
            records.append(dict(
                measure="income_ratio", name_zh="城乡居民收入比", name_en="Urban/rural income ratio",
                unit="ratio", district=own_ratio.value, district_q=own_ratio, district_period=period, entity=entity,
                benchmark=bq.value, benchmark_q=bq, benchmark_period=u["year"], basis="nominal levels",
                reliability=str(min(u["reliability"], r["reliability"], key=RELIABILITY.index)),
                source=u["source"], quote=f"{u['quote']}；{r['quote']}",
                comparison=compare_values(own_ratio, bq, same_period=str(period) == str(u["year"]), level=True),
                inputs=f"urban_income, rural_income, {ref_id(u)}, {ref_id(r)}",
            ))
    if not records:
        if others.empty:  # the reference has nothing on the places the region belongs to
            order = [zh for level, (zh, _) in hierarchy(scorecard).items() if level != "region"]
            raise MissingFiguresError([f"ref:{p}" for p in order] or ["ref:city_zh"], "the benchmark comparison")
        raise MissingFiguresError(list(BENCHMARKS), "the benchmark comparison")  # the scorecard lacks what they have
    return pd.DataFrame(records)


def compare_values(a: Q, b: Q, *, same_period: bool = True, level: bool = False) -> str:
    """``above``, ``below`` or ``equal`` for ``a`` against ``b``; ``about the same``
    when they differ by less than the precision they are written with (4 % against
    3.9 %); ``cannot tell`` where a bound leaves it open (a floor below the other
    value, say); ``different years`` for two levels of different years, which
    growth in between makes incomparable.

    >>> compare_values(Q(4.1), Q(2.89)), compare_values(Q(2, bound="lower"), Q(3)), compare_values(Q(3, bound="upper"), Q(2))
    ('above', 'cannot tell', 'cannot tell')
    >>> compare_values(Q(0.04, digits=2), Q(0.039, digits=3)), compare_values(Q(66727), Q(62506), same_period=False, level=True)
    ('about the same', 'different years')
    """
    if level and not same_period:
        return "different years"
    written = [q.digits for q in (a, b) if q.digits is not None]
    tolerance = 0.5 * 10 ** -min(written) if written else 0.0
    if abs(a.value - b.value) < tolerance - 1e-12:
        return "about the same" if a.bound == b.bound == "exact" else "cannot tell"
    if a.value > b.value and a.bound in ("exact", "lower") and b.bound in ("exact", "upper"):
        return "above"
    if a.value < b.value and a.bound in ("exact", "upper") and b.bound in ("exact", "lower"):
        return "below"
    if a.value == b.value and a.bound == b.bound == "exact":
        return "equal"
    return "cannot tell"


def district_ranking(scorecard: pd.DataFrame, reference: pd.DataFrame, *, year: int | None = None,
                     min_reliability: str = "secondary") -> pd.DataFrame:
    """GDP of the districts of the region's own city (``地区生产总值_<district>``
    rows of that city in the reference) in ``year`` (default: the latest year
    with such figures), largest first; ``attrs`` holds ``year``, ``city`` and
    ``own`` (the region's own reported figure for that year, where there is one).
    A region whose scorecard declares no city, or whose city has no district
    figures, gets MissingFiguresError: never another city's districts.
    """
    city = hierarchy(scorecard).get("city")
    if city is None:
        raise MissingFiguresError(["ref:city_zh"], "the ranking among the city's districts")
    rows = reference[(reference["entity"] == city[0]) & reference["indicator"].str.startswith("地区生产总值_")
                     & (reference["reliability"] >= min_reliability)]
    if year is None and not rows.empty:
        year = int(rows["year_end"].max())
    rows = rows[rows["year"] == str(year)]
    if rows.empty:
        raise MissingFiguresError([f"ref:{city[0]}/地区生产总值_*"], "the ranking among the city's districts")
    region = scorecard.attrs["region_zh"]
    out = pd.DataFrame({
        "district": rows["indicator"].str.removeprefix("地区生产总值_"), "value": rows["value"],
        "unit": rows["unit"], "reliability": rows["reliability"].astype(str), "source": rows["source"],
        "inputs": [ref_id(r) for _, r in rows.iterrows()],
    }).sort_values("value", ascending=False).reset_index(drop=True)
    out["rank"] = out.index + 1
    out["highlight"] = out["district"] == region
    own = reference_figure(reference, region, "地区生产总值", year, min_reliability=min_reliability)
    out.attrs.update(year=year, city=city, own=own)
    return out


def reported_history(scorecard: pd.DataFrame, reference: pd.DataFrame, *, id: str = "gdp",
                     indicator: str = "地区生产总值") -> pd.DataFrame:
    """Reported levels of one indicator: the district's earlier reports
    (reference) and the scorecard's end value, one row per year."""
    require(scorecard, id, what="the reported history")
    own = figure(scorecard, id)
    region = scorecard.attrs["region_zh"]
    rows = reference[(reference["entity"] == region) & (reference["indicator"] == indicator)]
    out = pd.DataFrame({"year": rows["year_end"], "value": rows["value"],
                        "reliability": rows["reliability"].astype(str),
                        "inputs": [ref_id(r) for _, r in rows.iterrows()]})
    out = pd.concat([out, pd.DataFrame([{"year": int(own["period_end"]), "value": own["value"],
                                         "reliability": "seed", "inputs": id}])], ignore_index=True)
    return out.sort_values("year").reset_index(drop=True)


def milestones(scorecard: pd.DataFrame, *, gdp_milestone: float | None = None) -> pd.DataFrame:
    """When milestones are reached if the plan period's average rates go on:
    GDP passing ``gdp_milestone`` (in GDP's unit, at its real rate, so in
    constant prices; default: :func:`default_milestone` of its level) and
    rural income reaching the end-year urban level (nominal). ``years_q`` and
    ``year_q`` carry the bounds: from a floor, the year is a ceiling."""
    records = []
    if has(scorecard, "gdp", "gdp_growth_avg"):
        gdp, g = figure(scorecard, "gdp"), figure(scorecard, "gdp_growth_avg")
        target = gdp_milestone or default_milestone(float(gdp["value"]))
        records.append(_milestone("gdp_milestone", "gdp", fq(scorecard, "gdp"), Q(target), fq(scorecard, "gdp_growth_avg"),
                                  int(gdp["period_end"]), gdp["unit"], str(g["basis"]), "gdp, gdp_growth_avg"))
    if has(scorecard, "urban_income", "rural_income", "rural_income_growth_avg"):
        r, g = figure(scorecard, "rural_income"), figure(scorecard, "rural_income_growth_avg")
        records.append(_milestone("rural_catch_up", "rural_income", fq(scorecard, "rural_income"),
                                  fq(scorecard, "urban_income"), fq(scorecard, "rural_income_growth_avg"),
                                  int(r["period_end"]), r["unit"], str(g["basis"]),
                                  "rural_income, urban_income, rural_income_growth_avg"))
    if not records:
        raise MissingFiguresError([i for i in ("gdp", "gdp_growth_avg") if not has(scorecard, i)], "milestones")
    return pd.DataFrame(records)


def _milestone(key, id, start: Q, target: Q, rate: Q, base_year: int, unit: str, basis: str, inputs: str) -> dict:
    years = derive(growth.years_to_reach, start, target, rate, signs=(-1, 1, -1), unit="years")
    year = derive(lambda v, t, r: growth.year_reached(v, t, r, base_year), start, target, rate,
                  signs=(-1, 1, -1), unit="year")
    return dict(key=key, id=id, start=start.value, target=target.value, target_q=target, unit=unit, rate=rate.value,
                rate_q=rate, basis=basis, base_year=base_year, years=years.value, years_q=years, year=year.value,
                year_q=year, inputs=inputs)


# -- selections a report makes from these results ---------------------------------
# What a notebook would otherwise do with filters and sorts: each is named for
# what it picks, and tested (tests/test_compare.py).

def of_themes(scorecard: pd.DataFrame, themes: Sequence[str] = ()) -> pd.DataFrame:
    """The figures of the given themes (all figures when ``themes`` is empty)."""
    return scorecard[scorecard["theme"].isin(themes)] if themes else scorecard


def by_theme(figures: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """The figures grouped by theme, in the order the themes first appear."""
    return [(str(theme), rows) for theme, rows in figures.groupby("theme", observed=True, sort=False)]


def target_year(targets: pd.DataFrame) -> int:
    """The year the targets are set for: the latest end of their periods."""
    return int(targets["period_end"].max())


def end_year(scorecard: pd.DataFrame, id: str) -> int:
    """The last year of one figure's period."""
    return int(figure(scorecard, id)["period_end"])


def unit_of(scorecard: pd.DataFrame, id: str) -> str:
    """The unit one figure is written in (亿元, %, 元 ...)."""
    return str(figure(scorecard, id)["unit"])


def has_average_rates(scorecard: pd.DataFrame) -> bool:
    """Whether the scorecard has any average growth rate."""
    return bool((scorecard["kind"] == "average_growth").any())


def with_gdp(rates: pd.DataFrame, ids: Sequence[str] = ()) -> pd.DataFrame:
    """The rows of :func:`growth_vs_gdp` for ``ids``, and GDP's, which every
    comparison needs (all rows when ``ids`` is empty), in their order."""
    if not ids:
        return rates
    return rates[rates["id"].isin(ids) | (rates["id"] == "gdp_growth_avg")].reset_index(drop=True)


def nominal_gdp_rate(scorecard: pd.DataFrame, reference: pd.DataFrame) -> Q | None:
    """Nominal GDP growth a year (:func:`nominal_vs_real`), or None where the
    reference lacks the region's reported base-year GDP (or the rate is not real)."""
    try:
        return nominal_vs_real(scorecard, reference).loc["nominal_rate", "q"]
    except MissingFiguresError:
        return None


def implied_base_of(bases: pd.DataFrame, id: str) -> pd.Series | None:
    """One figure's row of :func:`implied_bases`, or None."""
    rows = bases[bases["id"] == id]
    return None if rows.empty else rows.iloc[0]


def paths_by_year(paths: pd.DataFrame) -> pd.DataFrame:
    """:func:`paths` as one row a year (``year``, then one column per id)."""
    return paths.pivot(index="year", columns="id", values="value").reset_index()


def count_targets(targets: pd.DataFrame) -> int:
    """How many targets the rows are: the two ends of a range (``x_low`` and ``x_high`` with one
    quote, 增长5%—6%) are one target."""
    return len({(i.removesuffix("_low").removesuffix("_high"), q) for i, q in zip(targets["id"], targets["quote"])})


#: Words by which a report states a figure's basis itself (按可比价格计算年均增长6.1%).
STATED_BASIS = {"可比价": "real", "不变价": "real", "可比口径": "real", "现价": "nominal", "名义": "nominal"}


def stated_bases(scorecard: pd.DataFrame) -> dict[str, str]:
    """The figures whose quote states their basis, by id: ``real`` or ``nominal``. The others' basis
    is read by the convention of Chinese work reports (GDP's growth real, amounts nominal)."""
    out = {}
    for row in scorecard.itertuples():
        for word, basis in STATED_BASIS.items():
            if word in row.quote and row.basis == basis:
                out[row.id] = basis
                break
    return out


def _end_year_change(scorecard: pd.DataFrame) -> Q | None:
    """GDP's change in its end year (``gdp_growth`` of the same year as ``gdp``), or None."""
    if not has(scorecard, "gdp", "gdp_growth"):
        return None
    if figure(scorecard, "gdp_growth")["period_end"] != figure(scorecard, "gdp")["period_end"]:
        return None
    return fq(scorecard, "gdp_growth")


def gdp_fall(scorecard: pd.DataFrame) -> Q | None:
    """GDP's change in its end year where it was a fall for certain (:func:`trend`), else None:
    smooth paths at a positive average rate rise through such a year."""
    change = _end_year_change(scorecard)
    return change if change is not None and trend(change) == "down" else None


def previous_level(scorecard: pd.DataFrame) -> Q | None:
    """GDP the year before its end year, from the end level and the end year's change (at the end
    year's prices where the change is real), or None without that change."""
    change = _end_year_change(scorecard)
    if change is None:
        return None
    return derive(lambda e, g: e / (1 + g), fq(scorecard, "gdp"), change, signs=(1, -1),
                  unit=figure(scorecard, "gdp")["unit"], basis=change.basis)


def own_scenario(scorecard: pd.DataFrame, *, horizon: int, milestone: float | None) -> pd.Series:
    """The scenario of the region's own average GDP rate: one row of
    :func:`scenarios`' summary (value at the horizon, year the milestone is passed)."""
    require(scorecard, "gdp", "gdp_growth_avg", what="GDP scenarios")
    _, summary = scenarios(scorecard, rates=[value(scorecard, "gdp_growth_avg")], horizon=horizon, milestone=milestone)
    return summary.iloc[0]


def income_ends(gap: pd.DataFrame) -> tuple[pd.Series | None, pd.Series]:
    """The first and last rows of :func:`income_gap` that are not projections; the
    first is None when there is only one (no average rates to work back with)."""
    data = gap[~gap["projected"]]
    return (data.iloc[0] if len(data) > 1 else None), data.iloc[-1]


def projected_ratio_below(gap: pd.DataFrame, threshold: float = 2.0) -> int | None:
    """The first projected year of :func:`income_gap` whose ratio is below ``threshold``, or None."""
    return ratio_below(gap[gap["projected"]], threshold)


def stated_ratio(scorecard: pd.DataFrame) -> Q | None:
    """The urban/rural income ratio as the scorecard states it (``income_ratio``, 城乡居民收入比缩小到1.95)
    for the incomes' end year, or None."""
    if not has(scorecard, "income_ratio", "urban_income"):
        return None
    if int(figure(scorecard, "income_ratio")["period_end"]) != int(figure(scorecard, "urban_income")["period_end"]):
        return None
    return fq(scorecard, "income_ratio")


def ratio_against(gap: pd.DataFrame, threshold: float = 2.0, *, stated: Q | None = None) -> tuple[str, int | None]:
    """Where the income ratio of :func:`income_gap` stands against ``threshold``, as a word and a year:

    - ``("stated below", year)``: the scorecard states the ratio (:func:`stated_ratio`) below it;
      a ratio the report states decides over one computed from bounded incomes;

    - ``("already", year)``: below it in the last reported year; ``year`` is the first year of
      the reported path (worked back at the average rates) that is below it;
    - ``("cannot tell", None)``: the last ratio is below it but only a floor (it may not be);
    - ``("falls", year)``: at or above it now, below it in ``year`` if the rates hold;
    - ``("stays", None)``: at or above it in every year of the path.
    """
    _, last = income_ends(gap)
    stated_not_below = False
    if stated is not None:
        if stated.value < threshold and stated.bound in ("exact", "upper"):
            return "stated below", int(last["year"])
        if stated.value < threshold or stated.bound == "approximate":
            return "cannot tell", None
        stated_not_below = True  # 2.05 as the report states it: not below, whatever the incomes give
    if last["ratio"] < threshold and not stated_not_below:
        if last["ratio_q"].bound == "lower":
            return "cannot tell", None
        return "already", ratio_below(gap[~gap["projected"]], threshold)
    year = projected_ratio_below(gap, threshold)
    return ("falls", year) if year else ("stays", None)


def verdict_counts(plan: pd.DataFrame) -> dict[str, int]:
    """How many of the plan-period targets of :func:`plan_vs_outcome` (rows with
    ``plan``) were ``met``, ``missed`` or ``cannot tell``, and their number ``n``."""
    rows = plan[plan["plan"]]
    counts = {v: int((rows["verdict"] == v).sum()) for v in ("met", "missed", "cannot tell")}
    return {"n": len(rows), **counts}


def derived_figures_needed(scorecard: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """:func:`derived_figures`, or MissingFiguresError naming what the scorecard
    lacks when nothing can be derived."""
    out = derived_figures(scorecard, reference)
    if out.empty:
        raise MissingFiguresError(lacking(scorecard, "gdp", "rd_intensity", "trade", "trade_growth_avg",
                                          "livelihood_spending", "livelihood_spending_share", "revenue_growth_avg")
                                  or ["revenue_growth_avg"])
    return out


def benchmarks_of(bench: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The rows of :func:`benchmarks` for one measure."""
    return bench[bench["measure"] == measure]


def latest_compared(bench: pd.DataFrame) -> pd.DataFrame:
    """Each place's latest benchmark among ``bench``, where the comparison says
    something (above, below, equal or about the same): what a sentence may state."""
    latest = bench.sort_values("benchmark_period").groupby("entity", sort=False).tail(1)
    return latest[latest["comparison"].isin(["above", "below", "equal", "about the same"])]


def ranking_differs(rank: pd.DataFrame) -> tuple[float, float] | None:
    """(city statistics' value, the region's own reported value) for the year of
    :func:`district_ranking`, where the region is ranked and the two differ; else None."""
    mine, own = rank[rank["highlight"]], rank.attrs["own"]
    if mine.empty or own is None or float(own["value"]) == float(mine["value"].iloc[0]):
        return None
    return float(mine["value"].iloc[0]), float(own["value"])
