"""The wording of report sections whose sentences choose among results, and their tables.

A notebook cell stays a few lines of calls: where a paragraph picks its
sentence from a computed result (a count, a verdict, a year that may never
come) or a table shows a frame's columns as text, the choice and the bilingual
wording live here, one function per paragraph or table, each taking the
notebook's :class:`~licheng.authoring.report.Report` and what
:mod:`licheng.analysis.compare` computed. Verdicts are never decided here:
every word comes from a computed result (``verdict``, ``comparison``,
:func:`~licheng.analysis.compare.claim_verdict` ...).
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from licheng.analysis import compare
from licheng.authoring import charts
from licheng.authoring.formatting import quoted

if TYPE_CHECKING:
    from licheng.authoring.report import Report
    from licheng.figures.quantity import Q

#: The wording of each target verdict (compare.target_verdict).
VERDICTS = {"met": ("达到", "met"), "missed": ("未达到", "missed"), "cannot tell": ("无法判断", "cannot tell")}
#: The wording of each comparison (compare.compare_values).
COMPARISON = {"above": ("高于", "above"), "below": ("低于", "below"), "equal": ("等于", "equal to"),
              "about the same": ("与之相当", "about the same as"), "cannot tell": ("无法判断是否高于", "not clearly above or below"),
              "different years": ("年份不同，不作比较", "not compared (different years)")}
#: Whether a count of steps matches the claim (compare.claim_hundred_billion_steps ``consistent``).
SAME = {True: ("与说法相符", "consistent with the claim"), False: ("与说法不符", "not consistent with the claim")}
#: The wording of each verdict on the claim (compare.claim_verdict).
CLAIM = {
    "both": ("按名义和实际口径计算，这一说法都成立。", "the claim holds on both the nominal and the real base."),
    "nominal only": ("这一说法按名义（现价）计算成立，价格上涨贡献了其中{diff}个台阶；按实际口径不成立。",
                     "the claim holds in nominal (current-price) terms, with price growth accounting for {diff} of the steps; it does not hold in real terms."),
    "real only": ("这一说法只在按实际增速倒推的基数上成立；按当年报告的名义基数计算，跨过的台阶数与说法不同。",
                  "the claim holds only from the base implied by the real rate; from the nominal base reported at the time the count differs."),
    "neither": ("按名义和实际口径计算，这一说法都不成立。", "the claim holds on neither base."),
    "real, nominal unknown": ("按实际增速倒推的基数计算，这一说法成立；参考数据中没有{y0}年名义GDP，名义口径无法核算。",
                              "the claim holds from the base implied by the real rate; the {y0} nominal GDP is not in the "
                              "reference figures, so the nominal count cannot be checked."),
    "not real, nominal unknown": ("按实际增速倒推的基数计算，这一说法不成立；参考数据中没有{y0}年名义GDP，名义口径无法核算。",
                                  "the claim does not hold from the base implied by the real rate; the {y0} nominal GDP is "
                                  "not in the reference figures, so the nominal count cannot be checked."),
}


# -- scorecard ----------------------------------------------------------------------

def scorecard_title(rep: Report, start: int, end: int) -> None:
    """The title, named for the plan period where the years are one (「十四五」发展成绩单)."""
    plan = compare.plan_name(start, end)
    rep.title("{}发展成绩单".format(plan[0]) if plan else "发展成绩单",
              "The {} scorecard".format(plan[1]) if plan else "Scorecard")


def scorecard_counts(rep: Report, selected: pd.DataFrame, outcomes: pd.DataFrame, targets: pd.DataFrame,
                     start: int, end: int) -> None:
    """How many figures the brief collects, how many are results and how many targets."""
    parts = [rep.t("本报告汇总{region}政府工作报告中的{n}项量化数字，每个数字都附有报告原文（表中“原文”一栏）。",
                   "This brief collects the {n} quantified figures in the government work report of {region}, each with the "
                   "sentence of the report that states it (column “Source sentence”).", region=rep.region, n=len(selected))]
    if len(outcomes):
        parts.append(rep.t("其中{start}—{end}年等时期的成绩{k}项。", "{k} of them are results for {start}–{end} and other periods.",
                           k=len(outcomes), start=start, end=end))
    if len(targets):
        parts.append(rep.t("报告还提出了{t}项{next}年目标。", "The report also sets {t} targets for {next}.",
                           t=compare.count_targets(targets), next=compare.target_year(targets)))
    rep.paragraph(parts)


def highlights(rep: Report, sc: pd.DataFrame) -> None:
    """GDP, its average growth and the two incomes, each where the data has it; one sentence for what it lacks."""
    points = []
    if compare.has(sc, "gdp"):
        points.append(rep.t("{y}年地区生产总值{gdp}。", "GDP in {y}: {gdp}.", y=compare.end_year(sc, "gdp"), gdp=rep.fig("gdp")))
    if compare.has(sc, "gdp_growth_avg"):
        points.append(rep.t("{p}年GDP年均增长{g}（{basis}）。", "GDP growth averaged {g} a year ({basis}) over {p}.",
                            p=compare.figure(sc, "gdp_growth_avg")["period"], g=rep.fig("gdp_growth_avg"),
                            basis=rep.basis("gdp_growth_avg")))
    if compare.has(sc, "urban_income", "rural_income"):
        gap = compare.income_gap(sc)
        points.append(rep.t("城镇和农村居民人均可支配收入分别为{u}和{r}，城乡收入比为{ratio}。",
                            "Disposable income per person was {u} in towns and {r} in the countryside, a ratio of {ratio}.",
                            u=rep.fig("urban_income"), r=rep.fig("rural_income"),
                            ratio=rep.q(gap["ratio_q"].iloc[-1], 3, fixed=True)))  # as the comparison brief: 2.001, not "2"
    if points:
        rep.bullets(points)
    lacking = compare.lacking(sc, "gdp", "gdp_growth_avg", "urban_income", "rural_income")
    if lacking:
        rep.missing(lacking, partial=bool(points))


def theme_tables(rep: Report, outcomes: pd.DataFrame) -> None:
    """One table of results per theme, under a heading each."""
    if len(outcomes):
        rep.heading("成绩（按领域）", "Results by theme")
    for theme, rows in compare.by_theme(outcomes):
        rep.heading("{t}", "{t}", level=3, t=rep.label(theme))
        rep.figure_table(rows, caption=("{}：成绩".format(rep.label(theme)), "{}: results".format(rep.label(theme))),
                         name=f"scorecard_{theme}")


def readings(rep: Report, figures: pd.DataFrame) -> None:
    """What the data notes about its figures (how an open reading was settled), one bullet each."""
    notes = compare.with_notes(figures, rep.lang)
    if not len(notes):
        return
    rep.heading("读数说明", "How the figures are read")
    rep.say("数据表对以下数字作了说明（原文未交代清楚之处及本报告的读法）：",
            "The data notes the following about these figures (what the text leaves open, and how it is read here):")
    rep.bullets(rep.t("**{name}**（{value}）：{reading}", "**{name}** ({value}): {reading}",
                      name=rep.name(i), value=rep.fig(i), reading=rep.reading(i)) for i in notes["id"])


# -- growth ---------------------------------------------------------------------------

def basis_note(rep: Report, sc: pd.DataFrame) -> None:
    """Which figures' basis (real or nominal) the report states itself and which are read by convention."""
    stated = compare.stated_bases(sc)
    convention = rep.t("GDP和工业增加值增速为可比价（实际）增速，收入、财政收入、投资和外贸为现价（名义）口径",
                       "growth of GDP and of industrial value added is real (constant prices), while incomes, fiscal revenue, "
                       "investment and trade are nominal (current prices)")
    if stated:
        rep.say("报告对{names}注明了口径；其余按惯例：{convention}。表中“口径”一栏逐项注明。",
                "The report states the basis of {names} itself; the other figures follow the convention of Chinese work reports: "
                "{convention}. The “Basis” column says which applies to each figure.",
                names=rep.listing(rep.name(i) for i in stated), convention=convention)
    else:
        rep.say("报告本身没有说明口径：按惯例，{convention}，表中“口径”一栏逐项注明。",
                "The report does not say which figures are in real terms: by the convention of Chinese work reports, "
                "{convention}; the “Basis” column says which applies to each figure.", convention=convention)


def rate_conventions(rep: Report, sc: pd.DataFrame, start: int, end: int) -> None:
    """What the average rates are (compound, real or nominal), or that the scorecard has none."""
    if compare.has_average_rates(sc):
        stated = compare.stated_bases(sc).get("gdp_growth_avg") == "real"
        rep.say("报告中的年均增速是{start}—{end}年间的复合年均增速；GDP增速{how}为实际（可比价）增速，收入、财政、投资和外贸多为名义（现价）增速，二者相比时，名义增速包含了价格上涨。",
                "The report's average rates are compound annual rates over {start}–{end}. {how} GDP's rate is real (constant "
                "prices), while incomes, revenue, investment and trade are nominal (current prices): a nominal rate includes price growth.",
                start=start, end=end, how=rep.t("按报告所注", "As the report states,") if stated else rep.t("按惯例", "By convention"))
    else:
        rep.say("此数据表没有年均增速，因此下面各节从略。", "This scorecard has no average growth rates, so the sections below are left out.")


def growth_ranking(rep: Report, s: dict, nominal_gdp: Q | None) -> None:
    """The sentences on :func:`~licheng.analysis.compare.growth_summary`: GDP's rate, the
    fastest and slowest other rates, how many real rates beat GDP's, and the nominal
    ones against nominal GDP growth where it is known."""
    rep.say("{p}年GDP年均增长{g}（{basis}）。", "GDP grew by {g} a year ({basis}) over {p}.",
            g=rep.fig("gdp_growth_avg"), p=s["gdp"]["period"], basis=rep.basis("gdp_growth_avg"))
    if s["others"] == 1:
        rep.say("另一个年均增速是{top}（{top_rate}，{top_basis}）。", "The one other average rate is {top} ({top_rate}, {top_basis}).",
                top=rep.name(s["fastest"]["id"]), top_rate=rep.q(s["fastest"]["rate_q"]),
                top_basis=rep.label(s["fastest"]["basis"] + "_short"))
    elif s["fastest"] is not None:
        rep.say("其余{n}个年均增速中，最快的是{top}（{top_rate}，{top_basis}）{low}。",
                "Of the other {n} average rates, the fastest is {top} ({top_rate}, {top_basis}){low}.",
                n=s["others"], top=rep.name(s["fastest"]["id"]), top_rate=rep.q(s["fastest"]["rate_q"]),
                top_basis=rep.label(s["fastest"]["basis"] + "_short"),
                low=rep.t("，最慢的是{low}（{low_rate}，{low_basis}）", " and the slowest {low} ({low_rate}, {low_basis})",
                          low=rep.name(s["slowest"]["id"]), low_rate=rep.q(s["slowest"]["rate_q"]),
                          low_basis=rep.label(s["slowest"]["basis"] + "_short")) if s["slowest"] is not None else "")
    if s["like"] == 1:
        rep.say("另一个与GDP同为实际增速的指标{faster}GDP。", "The one other real rate {faster} than GDP's.",
                faster=rep.t("快于", "grew faster") if s["like_faster"] else rep.t("不快于", "did not grow faster"))
    elif s["like"]:
        rep.say("与GDP同为实际增速的其余{like}个指标中，有{k}个快于GDP。",
                "Of the {like} other real rates, {k} grew faster than GDP's.", like=s["like"], k=s["like_faster"])
    if s["nominal"] and nominal_gdp is not None:
        rep.say("{n_nom}个名义增速包含价格上涨，不能直接与GDP的实际增速相比。按报告数据推算，同期名义GDP年均增长{nominal}"
                "（见“比较分析”报告）；以此衡量，其中{slower}个低于名义GDP增速。",
                "The nominal rates ({n_nom}) include price growth and cannot be set against GDP's real rate directly. The report's "
                "figures imply nominal GDP growth of {nominal} a year (see the comparison brief); against that yardstick, "
                "{slower} of them are slower than nominal GDP.",
                nominal=rep.q(nominal_gdp, 2), n_nom=s["nominal"], slower=s["nominal_slower"])
    elif s["nominal"]:
        rep.say("{n_nom}个名义增速包含价格上涨，不能直接与GDP的实际增速相比；参考数据中没有本地区基期的名义GDP，无法推算名义GDP增速作对照。",
                "The nominal rates ({n_nom}) include price growth and cannot be set against GDP's real rate directly; the reference "
                "figures have no nominal base-year GDP of the region to work out nominal GDP growth as a yardstick.",
                n_nom=s["nominal"])


def growth_table(rep: Report, rates: pd.DataFrame, *, ranked: bool = False) -> None:
    """:func:`~licheng.analysis.compare.growth_vs_gdp` as a table; ``ranked`` adds the rank
    and the multiple of GDP's rate (the growth brief's longer table)."""
    shown = rates.assign(name=[rep.name(i) for i in rates["id"]],
                         basis_label=[rep.label(b) + (rep.text("，按美元计", ", in US dollars") if _in_dollars(rep, i) else "")
                                      for i, b in zip(rates["id"], rates["basis"])],
                         rate_shown=[rep.q(q) for q in rates["rate_q"]], gap_shown=[rep.mixed(q, fixed=True) for q in rates["gap_q"]])
    if not ranked:
        rep.table(shown, columns={"name": ("指标", "Indicator"), "rate_shown": ("年均增速", "Average growth"),
                                  "basis_label": ("口径", "Basis"), "gap_shown": ("与GDP之差", "Difference from GDP")},
                  caption=("年均增速与GDP实际增速之差（标“名义−实际”者含价格上涨）",
                           "Average growth against GDP's real rate (“nominal − real” includes price growth)"),
                  inputs=rates["inputs"], name="growth_vs_gdp", csv=["id", "period", "rate_q", "basis", "gap_q"])
        return
    shown = shown.assign(rank=range(1, len(rates) + 1),
                         multiple_shown=[rep.mixed(q, 2, ratio=True, fixed=True) for q in rates["multiple_q"]])
    rep.table(shown,
              columns={"rank": ("排序", "Rank"), "name": ("指标", "Indicator"), "period": ("时期", "Period"),
                       "rate_shown": ("年均增速", "Average growth"), "basis_label": ("口径", "Basis"),
                       "gap_shown": ("与GDP之差", "Difference from GDP"), "multiple_shown": ("为GDP增速的倍数", "Multiple of GDP's rate")},
              caption=("年均增速排序（与GDP实际增速比较；标“名义−实际”者为名义增速减实际增速，含价格上涨）",
                       "Average growth rates ranked, against GDP's real rate (“nominal − real” marks a nominal rate set against the real one: it includes price growth)"),
              inputs=rates["inputs"], name="growth_vs_gdp", csv=["id", "period", "rate_q", "basis", "gap_q", "multiple_q"])


def _in_dollars(rep: Report, rate_id: str) -> bool:
    """Whether an average rate is that of an amount in US dollars (进出口总额1.26亿美元): set against
    GDP's yuan rate, it also holds the exchange rate's move."""
    level = rate_id.removesuffix("_growth_avg")
    return compare.has(rep.scorecard, level) and "美元" in str(compare.figure(rep.scorecard, level)["unit"])


def growth_bars(rep: Report, rates: pd.DataFrame, *, caption: tuple[str, str], name: str) -> None:
    """The average rates as a bar chart, each bar labelled with its rate as written (floors stay floors)."""
    rep.figure(charts.growth_bars(rates, rep.lang, value_labels=[rep.q(q) for q in rates["rate_q"]]),
               caption=caption, inputs=rates["inputs"], name=name)


def implied_gdp_base(rep: Report, bases: pd.DataFrame, *, nominal_known: bool) -> None:
    """The base-year GDP worked back from the end level and the average rate (and,
    where the nominal base is known, that the two differ by prices)."""
    row = compare.implied_base_of(bases, "gdp")
    if row is None:
        return
    real = row["basis"] == "real"
    rep.say("按{end_year}年{end}和年均增长{rate}（{basis}）倒推，{base_year}年GDP为{base}{prices}。",
            "Working back from {end} in {end_year} at {rate} a year ({basis}) gives a {base_year} GDP of {base}{prices}.",
            end=rep.fig("gdp"), end_year=row["end_year"], rate=rep.q(row["rate_q"]), base_year=row["base_year"],
            base=rep.q(row["base_q"]), basis=rep.basis("gdp_growth_avg"),
            prices=rep.t("（按{y}年价格计）", " (at {y} prices)", y=row["end_year"]) if real else "")
    if nominal_known:
        rep.say("这与当年报告的{base_year}年名义GDP不同，差别来自价格变化，详见“比较分析”报告。",
                "This differs from the nominal {base_year} GDP reported at the time; the difference is price growth, "
                "discussed in the comparison brief.", base_year=row["base_year"])


def bases_table(rep: Report, bases: pd.DataFrame) -> None:
    """:func:`~licheng.analysis.compare.implied_bases` as a table."""
    rep.table(bases.assign(name=[rep.name(i) for i in bases["id"]], basis_label=[rep.label(b) for b in bases["basis"]],
                           base_shown=[rep.q(q) for q in bases["base_q"]], end_shown=[rep.fig(i) for i in bases["id"]],
                           rate_shown=[rep.q(q) for q in bases["rate_q"]]),
              columns={"name": ("指标", "Indicator"), "base_year": ("基期", "Base year"),
                       "base_shown": ("推算基期值", "Implied base"), "end_year": ("末期", "End year"),
                       "end_shown": ("末期值", "End value"), "rate_shown": ("年均增速", "Average growth"),
                       "basis_label": ("口径", "Basis")},
              caption=("由末期数值和年均增速推算的基期数值", "Starting values implied by end values and average rates"),
              inputs=bases["inputs"], name="implied_bases",
              csv=["id", "base_year", "base_q", "end_year", "end", "unit", "rate_q", "basis"])


def path_names(rep: Report, paths: pd.DataFrame) -> dict[str, str]:
    """Each indicator of :func:`~licheng.analysis.compare.paths` by its name in the report's language,
    with its basis: a real path is at the prices of its end year, and a chart or table that sets it
    beside nominal ones says which is which."""
    names = {}
    for i, rows in paths.groupby("id", sort=False):
        basis = rows["value_q"].iloc[0].basis
        if basis == "real":
            names[i] = rep.text("{n}（实际，按{y}年价格）", "{n}, real at {y} prices", n=rep.name(i), y=int(rows["year"].max()))
        elif basis == "nominal":
            names[i] = rep.text("{n}（名义）", "{n}, nominal", n=rep.name(i))
        else:
            names[i] = rep.name(i)
    return names


def paths_table(rep: Report, sc: pd.DataFrame, paths: pd.DataFrame, *, inputs: pd.DataFrame | str) -> None:
    """The year-by-year paths, one column per indicator, each value with its bound, status and unit
    (yuan whole, others to one decimal); the CSV has the values with their bounds and statuses."""
    names = path_names(rep, paths)
    digits = {i: 0 if compare.figure(sc, i)["unit"] == "元" else 1 for i in names}
    wide = compare.paths_by_year(paths)
    shown = paths.pivot(index="year", columns="id", values="value_q").reset_index()
    for i in names:
        wide[f"{i}_shown"] = [rep.q(q, digits[i], fixed=True) for q in shown[i]]
        wide[f"{i}_bound"] = [q.bound for q in shown[i]]
        wide[f"{i}_status"] = [q.status for q in shown[i]]
    rep.table(wide,
              columns={"year": ("年份", "Year"), **{f"{i}_shown": (names[i], names[i]) for i in names}},
              formats={"year": str},
              caption=("按末期值和年均增速推算的逐年数值", "Yearly values implied by the end values and the average rates"),
              inputs=inputs, name="paths",
              csv=["year", *[c for i in names for c in (i, f"{i}_bound", f"{i}_status")]])


def own_scenario(rep: Report, sc: pd.DataFrame, *, horizon: int, milestone: float) -> None:
    """Where GDP gets by the horizon at its own average rate, and when it passes the milestone (or that it never does)."""
    own = compare.own_scenario(sc, horizon=horizon, milestone=milestone)
    unit = compare.figure(sc, "gdp")["unit"]
    rep.say(
        "以{y}年{gdp}为起点：若保持{period}年的年均增速{rate}，到{h}年GDP为{at_h}，{passes}。{prices}",
        "Starting from {gdp} in {y}: if growth stays at the {period} average of {rate}, GDP reaches {at_h} by {h}; {passes}. {prices}",
        prices=rep.t("预测按不变价格计算（实际增速），不含价格变化；名义数值还会随价格涨落。",
                     "The projections are in constant prices (real growth); nominal values would also move with prices.")
        if compare.figure(sc, "gdp_growth_avg")["basis"] == "real" else
        rep.t("预测所用增速的口径为：{b}。", "The rate used is {b}.", b=rep.basis("gdp_growth_avg")),
        y=compare.end_year(sc, "gdp"), gdp=rep.fig("gdp"), rate=rep.fig("gdp_growth_avg"), h=horizon,
        period=compare.figure(sc, "gdp_growth_avg")["period"], at_h=rep.q(own["value_at_horizon_q"]),
        passes=rep.t("{year}年重新越过{m}", "it regains {m} in {year}", m=rep.num(milestone, unit),
                     year=rep.q(own["year_reached_q"])) if own["year_reached"] != float("inf") and _regains(sc, milestone)
        else rep.t("{year}年越过{m}", "it passes {m} in {year}", m=rep.num(milestone, unit),
                   year=rep.q(own["year_reached_q"])) if own["year_reached"] != float("inf")
        else rep.t("不会越过{m}", "it never passes {m}", m=rep.num(milestone, unit)),
    )


def _regains(sc: pd.DataFrame, milestone: float) -> bool:
    """Whether GDP was at or above ``milestone`` the year before a fall in its end year, for certain."""
    before = compare.previous_level(sc) if compare.gdp_fall(sc) is not None else None
    return before is not None and before.value >= milestone and before.bound in ("exact", "lower")


def path_fall(rep: Report, sc: pd.DataFrame) -> None:
    """Beside the smooth paths: that GDP fell in its end year, which they do not show."""
    fall = compare.gdp_fall(sc)
    rate = compare.fq(sc, "gdp_growth_avg") if compare.has(sc, "gdp_growth_avg") else None
    if fall is None or rate is None or compare.trend(rate) != "up":  # paths that fall already show a fall
        return
    rep.say("{y}年GDP增速为{g}（{basis}）：上面的平滑路径逐年上升，没有反映这一下降。",
            "GDP changed by {g} in {y} ({basis}), a fall the smooth paths above, rising every year, do not show.",
            y=int(compare.figure(sc, "gdp_growth")["period_end"]), g=rep.fig("gdp_growth"), basis=rep.basis("gdp_growth"))


def scenarios_table(rep: Report, summary: pd.DataFrame, *, horizon: int, milestone_shown: str) -> None:
    """:func:`~licheng.analysis.compare.scenarios`' summary: GDP at the horizon and the year each rate passes the milestone."""
    rep.table(summary.assign(rate_shown=[rep.pct(r) for r in summary["rate"]],
                             at_h=[rep.q(q, fixed=True) for q in summary["value_at_horizon_q"]],
                             years_shown=[rep.when(q, ("不会达到", "never"), fixed=True) for q in summary["years_to_milestone_q"]],
                             year_shown=[rep.when(q, ("不会越过", "never")) for q in summary["year_reached_q"]]),
              columns={"rate_shown": ("年均增速", "Annual growth"), "at_h": (f"{horizon}年GDP", f"GDP in {horizon}"),
                       "years_shown": ("达到节点所需年数", "Years to the milestone"), "year_shown": ("越过年份", "Year passed")},
              caption=("GDP情景：{}年的规模与越过{}的年份".format(horizon, milestone_shown),
                       "GDP scenarios: size in {} and the year it passes {}".format(horizon, milestone_shown)),
              inputs="gdp", name="scenarios", csv=["rate", "horizon", "value_at_horizon_q", "milestone", "years_to_milestone_q", "year_reached_q"])


def milestones_table(rep: Report, ms: pd.DataFrame) -> None:
    """:func:`~licheng.analysis.compare.milestones` as a table, each milestone in words."""
    what = {"gdp_milestone": lambda r: rep.text("GDP达到{m}", "GDP reaches {m}", m=rep.num(r["target"], r["unit"])),
            "rural_catch_up": lambda r: rep.text("农村居民收入达到目前城镇水平（{u}）", "Rural income reaches today's urban level ({u})",
                                              u=rep.fig("urban_income"))}
    rep.table(ms.assign(what=[what[k](r) for k, (_, r) in zip(ms["key"], ms.iterrows())],
                        basis_label=[rep.label(b) for b in ms["basis"]], rate_shown=[rep.q(q) for q in ms["rate_q"]],
                        years_shown=[rep.q(q, fixed=True) for q in ms["years_q"]],
                        year_shown=[rep.when(q, ("不会达到", "never")) for q in ms["year_q"]]),
              columns={"what": ("节点", "Milestone"), "rate_shown": ("按年均增速", "At average growth"), "basis_label": ("口径", "Basis"),
                       "years_shown": ("所需年数", "Years needed"), "year_shown": ("年份", "Year")},
              caption=("保持年均增速时达到各节点的年份", "When milestones are reached at the average rates"),
              inputs=ms["inputs"], name="milestones", csv=["key", "start", "target", "unit", "rate_q", "basis", "years_q", "year_q"])
    if "rural_catch_up" in set(ms["key"]):
        rep.say("农村收入的追赶按名义增速计算；城镇收入同期也在增长，这里只问农村何时达到城镇今天的水平。",
                "The rural catch-up uses the nominal rate, and urban income keeps growing meanwhile: the question is only when rural "
                "income reaches today's urban level.")


# -- comparison -----------------------------------------------------------------------

def outside_figures(rep: Report, sc: pd.DataFrame, ref: pd.DataFrame, min_reliability: str) -> None:
    """Which places the outside benchmarks come from and how reliable they must be, or that there are none."""
    parents = [rep.place(level) for level in compare.levels_with_figures(sc, ref) if rep.place(level)]
    if parents:
        rep.say("外部对比只用{region}所属的{parents}的数字，且只采用可靠性不低于“{rel}”的来源，每项都注明年份和可靠性。",
                "Outside benchmarks come only from the places {region} belongs to ({parents}), from sources rated “{rel}” or better, "
                "each shown with its year and reliability.",
                region=rep.region, parents=("、" if rep.lang == "zh" else ", ").join(parents), rel=rep.label(min_reliability))
    else:
        rep.say("参考数据中没有{region}所属地区的数字，因此本报告不作外部对比。",
                "The reference figures have no figures for the places {region} belongs to, so this brief makes no outside comparison.",
                region=rep.region)


#: Which way the urban/rural income ratio went (:func:`~licheng.analysis.compare.income_changes`).
RATIO_TRENDS = {"down": ("收入比缩小", "the ratio narrowed"), "up": ("收入比扩大", "the ratio widened"),
                "flat": ("收入比不变", "the ratio stayed the same"),
                "cannot tell": ("两项增速只给出界限，收入比的变化方向无法判断",
                                "the rates are only known as bounds, so which way the ratio went cannot be told")}
#: Which way the difference of the incomes went.
GAP_TRENDS = {"up": ("差额扩大", "the difference widened"), "down": ("差额缩小", "the difference narrowed"),
              "flat": ("差额不变", "the difference stayed the same"),
              "cannot tell": ("由于原文数字只给出界限，差额扩大还是缩小无法判断",
                              "the figures are only known as bounds, so whether it widened or narrowed cannot be told")}


def income_levels(rep: Report, gap: pd.DataFrame, *, horizon: int) -> bool:
    """The incomes and their ratio in the end year and, where the rates give a path, in the
    base year, with the direction of the ratio and of the gap, and where the ratio stands
    against 2 (:func:`~licheng.analysis.compare.ratio_against`): already below, the year it
    falls below, or not by ``horizon``; whether there is a path."""
    first, last = compare.income_ends(gap)
    rep.say("{y1}年城镇和农村居民人均可支配收入分别为{u}和{r}（名义），城乡收入比为{ratio1}。",
            "In {y1}, disposable income per person was {u} in towns and {r} in the countryside (nominal), a ratio of {ratio1}.",
            y1=int(last["year"]), u=rep.fig("urban_income"), r=rep.fig("rural_income"), ratio1=rep.q(last["ratio_q"], 3))
    if first is None:
        rep.missing(["urban_income_growth_avg", "rural_income_growth_avg"])
        return False
    changes = compare.income_changes(rep.scorecard)
    rep.say("按各自的年均增速（城镇{gu}，农村{gr}）倒推，{y0}年为{u0}和{r0}，收入比{ratio0}，{ratio_trend}。",
            "Working back at their average rates (urban {gu}, rural {gr}) gives {u0} and {r0} in {y0}, a ratio of {ratio0}: "
            "{ratio_trend}.",
            y0=int(first["year"]), u0=rep.q(first["urban_q"], 0), r0=rep.q(first["rural_q"], 0),
            ratio0=rep.q(first["ratio_q"], 3), gu=rep.fig("urban_income_growth_avg"), gr=rep.fig("rural_income_growth_avg"),
            ratio_trend=rep.word(changes["ratio_trend"], RATIO_TRENDS))
    rep.say("城乡收入绝对差额{y0}年为{d0}，{y1}年为{d1}，{gap_trend}。",
            "The absolute difference was {d0} in {y0} and {d1} in {y1}: {gap_trend}.",
            y0=int(first["year"]), y1=int(last["year"]), d0=rep.q(first["gap_q"], 0), d1=rep.q(last["gap_q"], 0),
            gap_trend=rep.word(changes["gap_trend"], GAP_TRENDS))
    state, year = compare.ratio_against(gap, stated=compare.stated_ratio(rep.scorecard))
    if state == "stated below":
        rep.say("报告所述城乡居民收入比为{r}，已低于2。", "The report states the ratio at {r}, below 2.", r=rep.fig("income_ratio"))
    elif state == "already" and year == int(first["year"]):
        rep.say("收入比在{y0}年已低于2。", "The ratio was already below 2 in {y0}.", y0=year)
    elif state == "already":
        rep.say("收入比在{y}年降到2以下。", "The ratio fell below 2 in {y}.", y=year)
    elif state == "cannot tell":
        rep.say("收入比只有下限，是否已低于2无法判断。", "The ratio is only known as a floor: whether it is below 2 cannot be told.")
    elif state == "falls":
        rep.say("若保持这一增速，收入比将在{y}年降到2以下。", "If these rates hold, the ratio falls below 2 in {y}.", y=year)
    else:
        rep.say("若保持这一增速，到{h}年收入比仍不低于2。", "If these rates hold, the ratio is still 2 or more in {h}.",
                h=horizon)
    return True


def income_chart_and_table(rep: Report, gap: pd.DataFrame) -> None:
    """The income paths as a chart and a table (reported span solid, projection dashed)."""
    first, last = compare.income_ends(gap)
    y0, y1 = int(first["year"]), int(last["year"])
    inputs = gap["inputs"].iloc[0]
    rep.figure(charts.income_gap(gap, rep.lang),
               caption=("城乡居民人均可支配收入及收入比；实线为按年均增速推算的{}—{}年路径，虚线为延续同一增速的预测。".format(y0, y1),
                        "Urban and rural disposable income and their ratio; solid lines are the paths implied by the average rates "
                        "for {}–{}, dashed lines continue the same rates.".format(y0, y1)),
               inputs=inputs, name="income_gap")
    def yuan(q):  # the unit is in the header
        return rep.q(replace(q, unit=""), 0)

    rep.table(gap, columns={"year": ("年份", "Year"), "urban_q": ("城镇（元）", "Urban (CNY)"), "rural_q": ("农村（元）", "Rural (CNY)"),
                            "ratio_q": ("收入比", "Ratio"), "gap_q": ("差额（元）", "Difference (CNY)"), "projected": ("预测", "Projected")},
              formats={"year": str, "urban_q": yuan, "rural_q": yuan, "ratio_q": lambda q: rep.q(q, 3, fixed=True), "gap_q": yuan,
                       "projected": lambda p: rep.text("是", "yes") if p else ""},
              caption=("城乡居民收入路径（名义）", "Urban and rural income paths (nominal)"), inputs=inputs,
              name="income_gap", csv=["year", "urban_q", "rural_q", "ratio_q", "gap_q", "projected"])


def plan_verdicts(rep: Report, plan: pd.DataFrame) -> None:
    """How many plan targets were met, missed or cannot be judged, then one sentence per target with its computed verdict."""
    counts = compare.verdict_counts(plan)
    if counts["n"]:
        rep.say("规划提出的{n}项年均增速目标中，{met}项达到，{missed}项未达到，{open}项无法判断。",
                "Of the plan's {n} average growth targets, {met} were met, {missed} missed and {open} cannot be judged.",
                n=counts["n"], met=counts["met"], missed=counts["missed"], open=counts["cannot tell"])
    for _, row in plan.iterrows():
        rep.say("{name}（{y}）：目标{t}，实绩{o}，{verdict}。", "{name} ({y}): target {t}, outcome {o}: {verdict}.",
                y=row["period"], name=rep.name(row["id"]), o=rep.fig(row["id"]), t=rep.q(row["target_q"]),
                verdict=rep.word(row["verdict"], VERDICTS) + (rep.t("（原文只给出下限）", " (the text gives only a floor)")
                                                              if row["verdict"] == "cannot tell" and row["outcome_bound"] == "lower" else ""))


def plan_table_and_chart(rep: Report, plan: pd.DataFrame) -> None:
    """:func:`~licheng.analysis.compare.plan_vs_outcome` as a table and a chart of targets against outcomes."""
    rep.table(plan.assign(name=[rep.name(i) for i in plan["id"]], verdict_label=[rep.word(v, VERDICTS) for v in plan["verdict"]],
                          rel=[rep.label(r) for r in plan["reliability"]], outcome_shown=[rep.fig(i) for i in plan["id"]],
                          target_shown=[rep.q(q) for q in plan["target_q"]], gap_shown=[rep.q(q) for q in plan["gap_q"]]),
              columns={"name": ("指标", "Indicator"), "period": ("时期", "Period"), "target_shown": ("目标", "Target"),
                       "outcome_shown": ("实绩", "Outcome"), "gap_shown": ("差距", "Gap"), "verdict_label": ("结论", "Verdict"),
                       "rel": ("目标来源可靠性", "Target source reliability")},
              caption=("规划目标与实绩（增速）", "Plan targets and outcomes (growth rates)"), inputs=plan["inputs"],
              name="plan_vs_outcome",
              csv=["id", "period", "target_q", "outcome_q", "gap_q", "verdict", "basis", "reliability", "source"])
    rep.figure(charts.target_vs_outcome(plan, rep.lang, labels=([rep.q(q) for q in plan["target_q"]],
                                                                 [rep.fig(i) for i in plan["id"]])),
               caption=("规划目标与实绩。目标见外部参考数据，实绩见政府工作报告。", "Targets (outside reference figures) and outcomes (work report)."),
               inputs=plan["inputs"], name="plan_vs_outcome")


def nominal_real(rep: Report, nvr: pd.DataFrame) -> None:
    """Reported nominal growth against the real rate, the price growth the two imply and the real-rate base."""
    q = nvr["q"]
    rep.say(
        "{y0}年当年报告的GDP为{b}（名义），到{y1}年为{e}，名义年均增长{n}；同期实际年均增长{r}。"
        "二者之差意味着价格（GDP平减指数）年均上涨{d}。若按实际增速倒推，{y0}年GDP为{rb}（按{y1}年价格）。",
        "GDP reported for {y0} was {b} (nominal); by {y1} it was {e}: nominal growth of {n} a year, against real growth of {r}. "
        "The difference implies that prices (the GDP deflator) rose by {d} a year. Working back at the real rate gives a {y0} "
        "GDP of {rb} (at {y1} prices).",
        y0=int(nvr.loc["nominal_base", "year"]), y1=int(nvr.loc["nominal_end", "year"]),
        b=rep.q(q["nominal_base"]), e=rep.fig("gdp"), n=rep.q(q["nominal_rate"], 2), r=rep.q(q["real_rate"]),
        d=rep.q(q["deflator"]), rb=rep.q(q["real_implied_base"]),
    )


def nominal_real_chart(rep: Report, sc: pd.DataFrame, ref: pd.DataFrame, nvr: pd.DataFrame) -> None:
    """GDP as reported each year against the path the real rate implies."""
    history = compare.reported_history(sc, ref)
    rep.figure(charts.nominal_vs_real(history, compare.real_gdp_path(sc, ref), rep.lang,
                                      real_rate=rep.q(nvr.loc["real_rate", "q"]),
                                      unit_label=rep.unit(nvr.loc["nominal_end", "unit"])),
               caption=("历年报告的GDP（名义，含当年预计数）与按实际增速倒推的路径；灰线为每100亿元的台阶。",
                        "GDP as reported each year (nominal, including estimates made at the time) and the path implied by the real "
                        "rate; grey lines mark each CNY 10 bn step."),
               inputs=list(history["inputs"]) + ["gdp_growth_avg"], name="nominal_vs_real")


def nominal_real_table(rep: Report, nvr: pd.DataFrame) -> None:
    """:func:`~licheng.analysis.compare.nominal_vs_real` as a table, each row named."""
    what = {"nominal_base": rep.text("基期名义GDP", "Nominal GDP, base year"),
            "nominal_end": rep.text("末期GDP", "GDP, end year"),
            "nominal_rate": rep.text("名义年均增速", "Nominal average growth"),
            "real_rate": rep.text("实际年均增速", "Real average growth"),
            "deflator": rep.text("隐含价格年均涨幅", "Implied price growth a year"),
            "real_implied_base": rep.text("按实际增速倒推的基期GDP", "Base-year GDP implied by the real rate")}
    rows = nvr.reset_index(names="key")
    rep.table(rows.assign(what=rows["key"].map(what), shown=[rep.q(x, 2) for x in nvr["q"]]),
              columns={"what": ("项目", "Measure"), "year": ("时期", "Period"), "shown": ("数值", "Value")},
              formats={"year": str},
              caption=("名义与实际GDP", "Nominal and real GDP"), inputs=nvr["inputs"], name="nominal_vs_real",
              csv=["key", "year", "q", "unit"])


def claim_check(rep: Report, steps: pd.DataFrame) -> None:
    """The claim quoted from the data, the steps crossed from either base, and the verdict of
    :func:`~licheng.analysis.compare.claim_verdict`, with its table."""
    if len(steps) == 1:  # the real base only: the reference figures lack the nominal one
        real = steps.iloc[0]
        rep.say("报告称：{quote}（报告所说的台阶数为{claimed}个，每个台阶100亿元）。以实际增速倒推的{y0}年{rb}为起点，到{e}，"
                "跨过{sr}个百亿台阶，{vr}。结论：{verdict}",
                "The report says {quote} ({claimed} steps of CNY 10 bn each). From the {y0} GDP of {rb} implied by the real "
                "rate to {e}, {sr} steps are crossed, {vr}. Verdict: {verdict}",
                quote=quoted(steps.attrs["quote"]), claimed=int(real["claimed"]), y0=int(real["base_year"]),
                rb=rep.q(real["base_q"]), e=rep.fig("gdp"), sr=rep.q(real["steps_q"], 0),
                vr=rep.word(bool(real["consistent"]), SAME),
                verdict=rep.t(*CLAIM[compare.claim_verdict(steps)], y0=int(real["base_year"])))
    else:
        _both_bases(rep, steps)
    _claim_table(rep, steps)


def _both_bases(rep: Report, steps: pd.DataFrame) -> None:
    nominal, real = steps.iloc[0], steps.iloc[1]
    rep.say(
        "报告称：{quote}（报告所说的台阶数为{claimed}个，每个台阶100亿元）。从{y0}年报告的名义GDP {b}到{e}，跨过了{sn}个百亿台阶，{vn}；"
        "若以实际增速倒推的{rb}为起点，跨过{sr}个，{vr}。结论：{verdict}",
        "The report says {quote} ({claimed} steps of CNY 10 bn each). From the nominal {y0} GDP of {b} to {e}, "
        "{sn} steps are crossed, {vn}; from the {rb} implied by the real rate, {sr}, {vr}. Verdict: {verdict}",
        quote=quoted(steps.attrs["quote"]), claimed=int(nominal["claimed"]), y0=int(nominal["base_year"]), b=rep.q(nominal["base_q"]),
        e=rep.fig("gdp"), rb=rep.q(real["base_q"]), sn=rep.q(nominal["steps_q"], 0), sr=rep.q(real["steps_q"], 0),
        vn=rep.word(bool(nominal["consistent"]), SAME), vr=rep.word(bool(real["consistent"]), SAME),
        verdict=rep.t(*CLAIM[compare.claim_verdict(steps)], diff=rep.q(nominal["steps_q"] - real["steps_q"], 0)),
    )


def _claim_table(rep: Report, steps: pd.DataFrame) -> None:
    rep.table(steps.assign(what=steps["base_kind"].map({"nominal_base": rep.text("名义（报告值）", "nominal (reported)"),
                                                        "real_implied_base": rep.text("实际（倒推值）", "real (implied)")}),
                           start=[rep.q(x) for x in steps["base_q"]], end_shown=[rep.q(x) for x in steps["end_q"]],
                           steps_shown=[rep.q(x, 0) for x in steps["steps_q"]],
                           ok=[rep.word(bool(c), {True: ("相符", "yes"), False: ("不符", "no")}) for c in steps["consistent"]]),
              columns={"what": ("起点口径", "Starting point"), "start": ("起点", "Start"), "end_shown": ("终点", "End"),
                       "steps_shown": ("跨过台阶", "Steps crossed"), "claimed": ("报告说法", "Claimed"),
                       "ok": ("相符", "Consistent")},
              caption=("百亿级台阶说法的核算", "Checking the claimed CNY 10 bn steps"), inputs=steps["inputs"],
              name="claims", csv=["base_kind", "base_year", "base_q", "end_q", "steps_q", "claimed", "consistent"])


#: The name of each figure :func:`~licheng.analysis.compare.derived_figures` derives.
DERIVED = {
    "rd_spending": ("研发投入（研发强度×GDP）", "R&D spending (intensity × GDP)"),
    "budget_spending_max": ("财政支出（民生支出÷民生支出占比），合计", "Budget spending (livelihood spending ÷ its share), total"),
    "budget_spending_max_per_year": ("同上，年均", "The same, per year"),
    "trade_openness": ("外贸依存度（进出口÷GDP）", "Trade openness (trade ÷ GDP)"),
    "trade_base_implied": ("按年均增速倒推的基期进出口额", "Trade in the base year, implied by its average growth"),
    "trade_openness_base": ("基期外贸依存度", "Trade openness in the base year"),
    "revenue_end_implied": ("按基期报告值和年均增速推算的末期一般公共预算收入", "Budget revenue in the end year, from the reported base and the average rate"),
}


def derived_table(rep: Report, d: pd.DataFrame) -> None:
    """:func:`~licheng.analysis.compare.derived_figures` as a table, each figure named with its arithmetic."""
    rows = d.reset_index(names="key")
    rep.table(rows.assign(what=[rep.text(*DERIVED[k]) for k in rows["key"]], shown=[rep.q(v) for v in d["q"]]),
              columns={"what": ("推算项目", "Derived figure"), "year": ("时期", "Period"), "shown": ("数值", "Value")},
              caption=("由报告数字推算的数值", "Figures derived from the report's figures"),
              inputs=d["inputs"], name="derived", csv=["key", "year", "q", "unit"])


def revenue_reading(rep: Report, check: dict | None, d: pd.DataFrame) -> None:
    """The end-year revenue implied by the base and the rate, read against the latest reported one
    (:func:`~licheng.analysis.compare.revenue_check`); nothing where there is no check."""
    if not check:
        return
    latest = check["latest"]
    rep.cite([compare.ref_id(latest)])
    reading = {"below": ("低于{yl}年报告的{l}：若两者口径一致，收入在{yl}年后有所回落。",
                         "less than the {l} reported for {yl}. If the two are on the same basis, revenue fell back after {yl}."),
               "above": ("高于{yl}年报告的{l}，与收入此后继续增长一致。",
                         "more than the {l} reported for {yl}, consistent with revenue growing on after {yl}.")}
    rep.say("按基期报告值和年均增长{g}推算，{y1}年一般公共预算收入为{v}，" + reading[check["direction"]][0],
            "Budget revenue grown from the reported base at the average rate of {g} gives {v} for {y1}: " + reading[check["direction"]][1],
            g=rep.fig("revenue_growth_avg"), y1=d.loc["revenue_end_implied", "year"], v=rep.q(check["implied"]),
            yl=latest["year"], l=rep.q(check["latest_q"]))


def benchmarks_table(rep: Report, sc: pd.DataFrame, bench: pd.DataFrame) -> None:
    """:func:`~licheng.analysis.compare.benchmarks` as a table: each value with its period, the computed comparison, place and reliability."""
    shown = bench.assign(
        name=[rep.name(m) if compare.has(sc, m) else rep.text(z, e) for m, z, e in zip(bench["measure"], bench["name_zh"], bench["name_en"])],
        own=[rep.text("{v}（{p}）", "{v} ({p})", v=rep.q(q, 2), p=p) for q, p in zip(bench["district_q"], bench["district_period"])],
        other=[rep.text("{v}（{p}）", "{v} ({p})", v=rep.q(q, 2), p=p) for q, p in zip(bench["benchmark_q"], bench["benchmark_period"])],
        rel=[rep.label(r) for r in bench["reliability"]], place=[rep.label(e) for e in bench["entity"]],
        compared=[rep.word(c, COMPARISON) for c in bench["comparison"]],
    )
    rep.table(shown, columns={"name": ("指标", "Indicator"), "own": (sc.attrs["region_zh"] + "（时期）", sc.attrs["region_en"] + " (period)"),
                              "compared": ("比较", "Compared"), "place": ("对比地区", "Benchmark"),
                              "other": ("对比值（年份）", "Value (year)"), "rel": ("可靠性", "Reliability")},
              caption=("与所属地区的比较（注意年份不同；各对比值的原文及口径见注释）",
                       "Against the places the region belongs to (mind the different years; each benchmark's own words and definition are in the notes)"),
              inputs=bench["inputs"], name="benchmarks",
              csv=["measure", "district", "district_period", "entity", "benchmark", "benchmark_period", "comparison", "reliability", "quote"])


def rd_benchmarks(rep: Report, bench: pd.DataFrame) -> None:
    """R&D intensity against each benchmark: a chart, and a sentence on the latest benchmark of each place."""
    rd = compare.benchmarks_of(bench, "rd_intensity")
    if not len(rd):
        return
    rep.figure(charts.benchmark_bars(rd, rep.lang, district_label=rep.region, percent=True,
                                     value_labels=[rep.fig("rd_intensity")] + [rep.q(q, 2) for q in rd["benchmark_q"]],
                                     title=rep.t("研发投入强度（研发投入占GDP比重）", "R&D intensity (R&D spending as a share of GDP)")),
               caption=("研发投入强度比较；每个对比值下注明年份和来源可靠性。", "R&D intensity; each benchmark is labelled with its year and reliability."),
               inputs=rd["inputs"], name="rd_intensity")
    latest = compare.latest_compared(rd)
    if len(latest):
        rep.say("{region}研发投入强度{own}，{items}。对比数字的年份较早，口径见注释中的原文。",
                "{region}'s R&D intensity of {own} is {items}. The benchmarks are from earlier years; the notes quote how each is defined.",
                region=rep.region, own=rep.fig("rd_intensity"),
                items=rep.listing(rep.t("{c}{place}{y}年的{v}", "{c} {place}'s {v} in {y}", c=rep.word(c, COMPARISON),
                                        place=rep.place_name(e), y=y, v=rep.q(q, 2))
                                  for c, e, y, q in zip(latest["comparison"], latest["entity"], latest["benchmark_period"], latest["benchmark_q"])))


def ranking_chart(rep: Report, rank: pd.DataFrame, city: str) -> None:
    """GDP of the city's districts with figures, the region highlighted; the caption says they are not all of them."""
    year = rank.attrs["year"]
    reliabilities = list(rank["reliability"].unique())
    rep.figure(charts.ranking(rank, rep.lang, year=year, title=rep.t("{y}年{c}各区县GDP", "GDP of {c}'s districts, {y}", y=year, c=city),
                              unit_label=rep.unit(rank["unit"].iloc[0])),
               caption=("{}年{}各区县GDP（市统计口径）：参考数据中有数字的{}个区县，并非全部；来源可靠性：{}。".format(
                            year, city, len(rank), "、".join(rep.label(r) for r in reliabilities)),
                        "GDP of {}'s districts in {} (city statistics): the {} districts and zones with figures in the reference data, "
                        "not all of them; source reliability: {}.".format(city, year, len(rank), ", ".join(rep.label(r) for r in reliabilities))),
               inputs=rank["inputs"], name="district_ranking")


def ranking_own_figure(rep: Report, rank: pd.DataFrame) -> None:
    """Where city statistics and the region's own report differ on its GDP that year, say so."""
    differs = compare.ranking_differs(rank)
    if differs is None:
        return
    unit, own = rank["unit"].iloc[0], rank.attrs["own"]
    rep.cite([compare.ref_id(own)])
    rep.say("注意：市统计口径的{y}年{region}GDP为{city_v}，而{region}当年自己报告的是{own_v}（当时的预计数），两者不同。",
            "Note: city statistics give {region}'s {y} GDP as {city_v}, while {region}'s own report at the time gave {own_v} "
            "(an estimate made then); the two differ.",
            y=rank.attrs["year"], region=rep.region, city_v=rep.num(differs[0], unit), own_v=rep.num(differs[1], unit))
