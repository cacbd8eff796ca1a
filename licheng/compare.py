"""The comparisons an economist makes from the scorecard.

Every function takes the scorecard (and, where it compares with outside
figures, the reference table) and returns a DataFrame whose ``inputs``
column names the figures used: scorecard ids, or ``ref:<entity>/<indicator>/<year>``
for reference rows. Rates are fractions. A function whose figures are not in
the scorecard raises :class:`~licheng.exceptions.MissingFiguresError`, so that
a report on another district can say which section it cannot show.
"""
from __future__ import annotations

import pandas as pd

from . import growth
from .exceptions import MissingFiguresError
from .scorecard import RELIABILITY, figure, has, value

#: 十四五 plan targets in the reference table and the outcome they are measured by.
PLAN_TARGETS = {
    "地区生产总值年均增速目标": "gdp_growth_avg",
    "一般公共预算收入年均增速目标": "revenue_growth_avg",
    "固定资产投资年均增速目标": "fai_growth_avg",
    "地区生产总值增速目标": "gdp_growth",
}


def require(scorecard: pd.DataFrame, *ids: str, what: str = "") -> None:
    """Raise MissingFiguresError unless every id is in the scorecard."""
    missing = [i for i in ids if not has(scorecard, i)]
    if missing:
        raise MissingFiguresError(missing, what)


def span_years(row) -> int:
    """Years of growth behind an average rate over a span: 2021-2025 is 5 (from 2020)."""
    return int(row["period_end"] - row["period_start"] + 1)


def ref_id(row) -> str:
    return f"ref:{row['entity']}/{row['indicator']}/{row['year']}"


def reference_figure(reference: pd.DataFrame, entity: str, indicator: str, year: str | int,
                     *, min_reliability: str = "secondary"):
    """One reference row, or None when it is missing or less reliable than asked."""
    rows = reference[(reference["entity"] == entity) & (reference["indicator"] == indicator)
                     & (reference["year"] == str(year))]
    rows = rows[rows["reliability"] >= min_reliability]
    return None if rows.empty else rows.iloc[0]


def _base_year(scorecard: pd.DataFrame) -> int:
    return int(figure(scorecard, "gdp_growth_avg")["period_start"]) - 1


def plan_period(scorecard: pd.DataFrame) -> tuple[int, int]:
    """First and last year of the plan period: the span most average rates cover."""
    rates = scorecard[scorecard["kind"] == "average_growth"]
    rows = rates if len(rates) else scorecard[scorecard["status"] != "target"]
    start, end = rows.groupby(["period_start", "period_end"]).size().idxmax()
    return int(start), int(end)


def growth_vs_gdp(scorecard: pd.DataFrame) -> pd.DataFrame:
    """Every average growth rate in the scorecard against GDP's, fastest first.

    ``gap`` is the difference in rate (fraction points), ``multiple`` the ratio.
    GDP's rate is real; most others are nominal, which flatters them by the
    rate of inflation: the ``basis`` column says which is which.
    """
    require(scorecard, "gdp_growth_avg", what="growth against GDP")
    gdp = value(scorecard, "gdp_growth_avg")
    rows = scorecard[scorecard["kind"] == "average_growth"]
    out = pd.DataFrame({
        "id": rows["id"], "name_zh": rows["name_zh"], "name_en": rows["name_en"],
        "period": rows["period"], "rate": rows["value"] / 100, "basis": rows["basis"].astype(str),
        "gdp_rate": gdp,
    })
    out["gap"] = out["rate"] - gdp
    out["multiple"] = out["rate"] / gdp
    out["inputs"] = out["id"] + ", gdp_growth_avg"
    return out.sort_values("rate", ascending=False, kind="stable").reset_index(drop=True)


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
        records.append(dict(
            id=level_id, name_zh=level["name_zh"], name_en=level["name_en"], unit=level["unit"],
            bound=level["bound"], basis=str(rate_row["basis"]), rate=rate, years=years,
            base_year=int(rate_row["period_start"]) - 1, base=growth.implied_base(level["value"], rate, years),
            end_year=int(level["period_end"]), end=float(level["value"]),
            inputs=f"{level_id}, {rate_row['id']}",
        ))
    if not records:
        raise MissingFiguresError(["<level X with X_growth_avg>"], "implied base values")
    return pd.DataFrame(records)


def paths(scorecard: pd.DataFrame) -> pd.DataFrame:
    """Year-by-year paths from the implied base to the end level (long format)."""
    frames = []
    for _, row in implied_bases(scorecard).iterrows():
        path = growth.growth_path(row["end"], row["rate"], row["base_year"], row["end_year"],
                                  anchor_year=row["end_year"])
        frames.append(pd.DataFrame({"id": row["id"], "year": path.index, "value": path.values,
                                    "index": path.values / path.iloc[0] * 100}))
    return pd.concat(frames, ignore_index=True)


def scenarios(scorecard: pd.DataFrame, *, id: str = "gdp", rates=(0.045, 0.052, 0.06),
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
    frames, summary = [], []
    for rate in rates:
        path = growth.growth_path(row["value"], rate, start, horizon)
        frames.append(pd.DataFrame({"rate": rate, "year": path.index, "value": path.values}))
        summary.append(dict(
            rate=rate, horizon=horizon, value_at_horizon=path.iloc[-1],
            milestone=milestone,
            years_to_milestone=growth.years_to_reach(row["value"], milestone, rate) if milestone else float("nan"),
            year_reached=growth.year_reached(row["value"], milestone, rate, start) if milestone else float("nan"),
            inputs=id,
        ))
    return pd.concat(frames, ignore_index=True), pd.DataFrame(summary)


def income_gap(scorecard: pd.DataFrame, *, horizon: int | None = None) -> pd.DataFrame:
    """Urban and rural income, their ratio and gap, from the implied base year
    to the end year, and projected to ``horizon`` at the same rates.

    The ``projected`` column marks the years after the data.
    """
    ids = ("urban_income", "rural_income", "urban_income_growth_avg", "rural_income_growth_avg")
    require(scorecard, *ids, what="the urban-rural income comparison")
    u, r = figure(scorecard, "urban_income"), figure(scorecard, "rural_income")
    gu, gr = figure(scorecard, "urban_income_growth_avg"), figure(scorecard, "rural_income_growth_avg")
    end = int(u["period_end"])
    base = int(gu["period_start"]) - 1
    last = max(end, horizon or end)
    urban = growth.growth_path(u["value"], gu["value"] / 100, base, last, anchor_year=end)
    rural = growth.growth_path(r["value"], gr["value"] / 100, base, last, anchor_year=end)
    out = pd.DataFrame({"year": urban.index, "urban": urban.values, "rural": rural.values})
    out["ratio"] = out["urban"] / out["rural"]
    out["gap"] = out["urban"] - out["rural"]
    out["projected"] = out["year"] > end
    out["inputs"] = ", ".join(ids)
    return out


def plan_vs_outcome(scorecard: pd.DataFrame, reference: pd.DataFrame,
                    *, min_reliability: str = "secondary") -> pd.DataFrame:
    """十四五 plan (and 2025) growth targets against the reported outcomes.

    ``verdict`` is ``met``, ``missed``, or ``not shown`` (the outcome is a
    lower bound below the target: the text does not say whether it was met).
    """
    targets = reference[(reference["entity"] == scorecard.attrs["region_zh"]) & reference["indicator"].isin(PLAN_TARGETS)
                        & (reference["reliability"] >= min_reliability)]
    records = []
    for _, t in targets.iterrows():
        outcome_id = PLAN_TARGETS[t["indicator"]]
        if not has(scorecard, outcome_id):
            continue
        o = figure(scorecard, outcome_id)
        target, outcome = t["value"] / 100, o["value"] / 100
        verdict = "met" if outcome >= target else ("not shown" if o["bound"] == "lower" else "missed")
        records.append(dict(
            id=outcome_id, name_zh=o["name_zh"], name_en=o["name_en"], period=t["year"],
            target=target, outcome=outcome, outcome_bound=str(o["bound"]), gap=outcome - target,
            verdict=verdict, basis=str(o["basis"]), reliability=str(t["reliability"]),
            source=t["source"], quote=t["quote"], inputs=f"{outcome_id}, {ref_id(t)}",
        ))
    if not records:
        raise MissingFiguresError(list(PLAN_TARGETS.values()), "the plan comparison")
    return pd.DataFrame(records)


def nominal_vs_real(scorecard: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Nominal GDP growth (reported 2020 level to the 2025 level) against the
    real average rate, and the price growth (deflator) the two imply.

    Rows (index): ``nominal_base``, ``nominal_end``, ``nominal_rate``,
    ``real_rate``, ``deflator``, ``real_implied_base``, with ``value``,
    ``unit``, ``year`` and ``inputs``.
    """
    require(scorecard, "gdp", "gdp_growth_avg", what="nominal against real GDP")
    gdp, rate_row = figure(scorecard, "gdp"), figure(scorecard, "gdp_growth_avg")
    base_year = int(rate_row["period_start"]) - 1
    base = reference_figure(reference, scorecard.attrs["region_zh"], "地区生产总值", base_year)
    if base is None:
        raise MissingFiguresError([f"ref:{scorecard.attrs['region_zh']}/地区生产总值/{base_year}"],
                                  "nominal against real GDP")
    years = int(gdp["period_end"]) - base_year
    nominal_rate = growth.cagr(base["value"], gdp["value"], years)
    real_rate = rate_row["value"] / 100
    rows = {
        "nominal_base": (base["value"], "亿元", base_year, ref_id(base)),
        "nominal_end": (gdp["value"], "亿元", int(gdp["period_end"]), "gdp"),
        "nominal_rate": (nominal_rate, "fraction", rate_row["period"], f"gdp, {ref_id(base)}"),
        "real_rate": (real_rate, "fraction", rate_row["period"], "gdp_growth_avg"),
        "deflator": (growth.implied_deflator(nominal_rate, real_rate), "fraction", rate_row["period"],
                     f"gdp, gdp_growth_avg, {ref_id(base)}"),
        "real_implied_base": (growth.implied_base(gdp["value"], real_rate, years), "亿元", base_year,
                              "gdp, gdp_growth_avg"),
    }
    out = pd.DataFrame.from_dict(rows, orient="index", columns=["value", "unit", "year", "inputs"])
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
    """Check 经济总量连跨四个百亿级台阶 against both possible 2020 bases.

    One row per base: the reported nominal 2020 GDP, and the 2020 level
    implied by the real average growth rate. ``consistent`` says whether the
    number of 100亿 thresholds crossed matches the claim.
    """
    require(scorecard, "gdp_hundred_billion_steps", what="the 百亿级台阶 claim")
    nvr = nominal_vs_real(scorecard, reference)
    claimed = int(value(scorecard, "gdp_hundred_billion_steps"))
    end = nvr.loc["nominal_end", "value"]
    records = []
    for key in ("nominal_base", "real_implied_base"):
        base = nvr.loc[key, "value"]
        steps = growth.thresholds_crossed(base, end, 100)
        records.append(dict(base_kind=key, base_year=nvr.loc[key, "year"], base=base, end=end,
                            steps=steps, claimed=claimed, consistent=steps == claimed,
                            inputs=f"gdp_hundred_billion_steps, {nvr.loc[key, 'inputs']}"))
    return pd.DataFrame(records)


def derived_figures(scorecard: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Figures the report does not state but that follow from those it does.

    Index keys: ``rd_spending`` (R&D intensity × GDP), ``budget_spending_max``
    (livelihood spending ÷ its share: an upper bound, the share being above
    80 %), ``budget_spending_max_per_year``, ``trade_openness`` (trade / GDP,
    end year), ``trade_base_implied`` (trade at the start of the period implied
    by its average growth), ``trade_openness_base``, ``revenue_end_implied``
    (the reported 2020 revenue grown at the average rate). Figures whose
    inputs are missing are left out.
    """
    region = scorecard.attrs["region_zh"]
    rows = {}
    if has(scorecard, "rd_intensity", "gdp"):
        rows["rd_spending"] = (value(scorecard, "rd_intensity") * value(scorecard, "gdp"), "亿元",
                               "2025", "rd_intensity, gdp")
    if has(scorecard, "livelihood_spending", "livelihood_spending_share"):
        spend = figure(scorecard, "livelihood_spending")
        total = spend["value"] / value(scorecard, "livelihood_spending_share")
        years = int(spend["period_end"] - spend["period_start"] + 1)
        inputs = "livelihood_spending, livelihood_spending_share"
        rows["budget_spending_max"] = (total, "亿元", spend["period"], inputs)
        rows["budget_spending_max_per_year"] = (total / years, "亿元", spend["period"], inputs)
    if has(scorecard, "trade", "gdp"):
        rows["trade_openness"] = (value(scorecard, "trade") / value(scorecard, "gdp"), "fraction", "2025",
                                  "trade, gdp")
    if has(scorecard, "trade", "trade_growth_avg"):
        g = figure(scorecard, "trade_growth_avg")
        base_year = int(g["period_start"]) - 1
        trade_base = growth.implied_base(value(scorecard, "trade"), g["value"] / 100, span_years(g))
        rows["trade_base_implied"] = (trade_base, "亿元", str(base_year), "trade, trade_growth_avg")
        gdp_base = reference_figure(reference, region, "地区生产总值", base_year)
        if gdp_base is not None:
            rows["trade_openness_base"] = (trade_base / gdp_base["value"], "fraction", str(base_year),
                                           f"trade, trade_growth_avg, {ref_id(gdp_base)}")
    if has(scorecard, "revenue_growth_avg"):
        g = figure(scorecard, "revenue_growth_avg")
        base = reference_figure(reference, region, "一般公共预算收入", int(g["period_start"]) - 1)
        if base is not None:
            rows["revenue_end_implied"] = (growth.project(base["value"], g["value"] / 100, span_years(g)),
                                           "亿元", str(int(g["period_end"])),
                                           f"revenue_growth_avg, {ref_id(base)}")
    return pd.DataFrame.from_dict(rows, orient="index", columns=["value", "unit", "year", "inputs"])


#: district figure id or derived measure -> reference indicator it is compared with
BENCHMARKS = {
    "rd_intensity": "研发投入强度",
    "urban_income": "城镇居民人均可支配收入",
    "rural_income": "农村居民人均可支配收入",
    "gdp_growth_avg": "地区生产总值年均增速",
    "revenue_growth_avg": "一般公共预算收入年均增速",
}


def benchmarks(scorecard: pd.DataFrame, reference: pd.DataFrame, *, min_reliability: str = "secondary") -> pd.DataFrame:
    """The district against Jinan and Shandong, each benchmark with its year,
    reliability and source. The urban/rural income ratio is compared too.
    Benchmarks less reliable than ``min_reliability`` are left out.
    """
    if min_reliability not in RELIABILITY:
        raise ValueError(f"min_reliability {min_reliability!r}; choose one of {', '.join(RELIABILITY)}")
    others = reference[(reference["entity"] != scorecard.attrs["region_zh"])
                       & (reference["reliability"] >= min_reliability)]
    records = []
    for id, indicator in BENCHMARKS.items():
        if not has(scorecard, id):
            continue
        own = figure(scorecard, id)
        scale = 100 if own["unit"] == "%" else 1
        for _, b in others[others["indicator"] == indicator].iterrows():
            records.append(dict(
                measure=id, name_zh=own["name_zh"], name_en=own["name_en"], unit=own["unit"],
                district=own["value"] / scale, district_period=own["period"], entity=b["entity"],
                benchmark=b["value"] / scale, benchmark_period=b["year"], basis=b["basis"],
                reliability=str(b["reliability"]), source=b["source"], quote=b["quote"],
                inputs=f"{id}, {ref_id(b)}",
            ))
    if has(scorecard, "urban_income", "rural_income"):
        own_ratio = value(scorecard, "urban_income") / value(scorecard, "rural_income")
        period = figure(scorecard, "urban_income")["period"]
        for entity in others["entity"].unique():
            u = reference_figure(others, entity, "城镇居民人均可支配收入", "2023", min_reliability=min_reliability)
            r = reference_figure(others, entity, "农村居民人均可支配收入", "2023", min_reliability=min_reliability)
            if u is None or r is None:
                continue
            records.append(dict(
                measure="income_ratio", name_zh="城乡居民收入比", name_en="Urban/rural income ratio",
                unit="ratio", district=own_ratio, district_period=period, entity=entity,
                benchmark=u["value"] / r["value"], benchmark_period=u["year"], basis="nominal levels",
                reliability=str(min(u["reliability"], r["reliability"], key=RELIABILITY.index)),
                source=u["source"], quote=f"{u['quote']}；{r['quote']}",
                inputs=f"urban_income, rural_income, {ref_id(u)}, {ref_id(r)}",
            ))
    if not records:
        raise MissingFiguresError(list(BENCHMARKS), "the benchmark comparison")
    return pd.DataFrame(records)


def district_ranking(reference: pd.DataFrame, *, year: int | None = None, highlight: str = "历城区",
                     min_reliability: str = "secondary") -> pd.DataFrame:
    """GDP of Jinan's districts in ``year`` (default: the latest year with
    district figures), largest first; ``attrs["year"]`` says which year."""
    rows = reference[reference["indicator"].str.startswith("地区生产总值_") & (reference["reliability"] >= min_reliability)]
    if year is None and not rows.empty:
        year = int(rows["year_end"].max())
    rows = rows[rows["year"] == str(year)]
    if rows.empty:
        raise MissingFiguresError([f"ref:济南市/地区生产总值_*/{year}"], "the district ranking")
    out = pd.DataFrame({
        "district": rows["indicator"].str.removeprefix("地区生产总值_"), "value": rows["value"],
        "unit": rows["unit"], "reliability": rows["reliability"].astype(str), "source": rows["source"],
        "inputs": [ref_id(r) for _, r in rows.iterrows()],
    }).sort_values("value", ascending=False).reset_index(drop=True)
    out["rank"] = out.index + 1
    out["highlight"] = out["district"] == highlight
    out.attrs["year"] = year
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


def milestones(scorecard: pd.DataFrame, *, gdp_milestone: float = 2000.0) -> pd.DataFrame:
    """When milestones are reached if the plan period's average rates go on:
    GDP passing ``gdp_milestone`` (亿元, at its real rate, so in constant
    prices) and rural income reaching the end-year urban level (nominal)."""
    records = []
    if has(scorecard, "gdp", "gdp_growth_avg"):
        gdp, g = figure(scorecard, "gdp"), figure(scorecard, "gdp_growth_avg")
        start = int(gdp["period_end"])
        rate = g["value"] / 100
        records.append(dict(key="gdp_milestone", id="gdp", start=gdp["value"], target=gdp_milestone, unit=gdp["unit"],
                            rate=rate, basis=str(g["basis"]), base_year=start,
                            years=growth.years_to_reach(gdp["value"], gdp_milestone, rate),
                            year=growth.year_reached(gdp["value"], gdp_milestone, rate, start),
                            inputs="gdp, gdp_growth_avg"))
    if has(scorecard, "urban_income", "rural_income", "rural_income_growth_avg"):
        u, r, g = (figure(scorecard, i) for i in ("urban_income", "rural_income", "rural_income_growth_avg"))
        start = int(r["period_end"])
        rate = g["value"] / 100
        records.append(dict(key="rural_catch_up", id="rural_income", start=r["value"], target=u["value"], unit=r["unit"],
                            rate=rate, basis=str(g["basis"]), base_year=start,
                            years=growth.years_to_reach(r["value"], u["value"], rate),
                            year=growth.year_reached(r["value"], u["value"], rate, start),
                            inputs="rural_income, urban_income, rural_income_growth_avg"))
    if not records:
        raise MissingFiguresError(["gdp", "gdp_growth_avg"], "milestones")
    return pd.DataFrame(records)
