"""The wording helpers the notebooks call (licheng.authoring.sections, Report.when):
each sentence is chosen by a computed result, in both languages."""
from pathlib import Path

import pytest

from licheng import load_reference, load_scorecard
from licheng.analysis import compare
from licheng.authoring import report as report_module
from licheng.authoring import sections
from licheng.authoring.params import Parameters
from licheng.authoring.report import Report
from licheng.figures.quantity import Q

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def ref():
    return load_reference()


def report(monkeypatch, lang="en", scorecard=None, reference=None):
    """A Report whose displays are collected: (rep, list of what it showed)."""
    shown = []
    monkeypatch.setattr(report_module, "_display", lambda obj=None, **kw: shown.append(obj))
    sc = load_scorecard(scorecard)
    return Report(Parameters({"lang": lang}, sc, reference if reference is not None else load_reference())), shown


def text(shown) -> str:
    parts = []
    for obj in shown:
        data = getattr(obj, "data", obj)
        if isinstance(data, str):
            parts.append(data)
        elif isinstance(data, dict) and "text/plain" in data:
            parts.append(data["text/plain"])
    return "\n".join(parts)


def test_a_year_that_never_comes_is_one_word_in_either_language(monkeypatch):
    rep, _ = report(monkeypatch)
    assert rep.when(Q(float("inf"), unit="year"), ("不会越过", "never")) == "never"
    assert rep.when(Q(2031.0, unit="year"), ("不会越过", "never")) == rep.q(Q(2031.0, unit="year"))
    zh, _ = report(monkeypatch, lang="zh")
    assert zh.when(Q(float("inf"), unit="year"), ("不会越过", "never")) == "不会越过"


def test_a_computed_frame_names_its_own_inputs_in_the_source_line(monkeypatch):
    rep, _ = report(monkeypatch)
    bases = compare.implied_bases(rep.scorecard)
    assert rep.source_line(bases) == rep.source_line(list(bases["inputs"]))


def test_the_claim_verdict_is_worded_from_the_computed_result(monkeypatch, ref):
    for fixture, words in ((None, "the claim holds in nominal (current-price) terms"),
                           (FIXTURES / "licheng_changed" / "scorecard.csv", "the claim holds on")):
        rep, shown = report(monkeypatch, scorecard=fixture)
        steps = compare.claim_hundred_billion_steps(rep.scorecard, ref)
        sections.claim_check(rep, steps)
        said = text(shown)
        assert words in said and steps.attrs["quote"] in said
        assert sections.CLAIM[compare.claim_verdict(steps)][1].split("{")[0] in said


def test_incomes_without_average_rates_say_what_is_missing(monkeypatch):
    rep, shown = report(monkeypatch)
    gap = compare.income_gap(rep.scorecard, horizon=2030)
    assert sections.income_levels(rep, gap, horizon=2030)
    assert "falls below 2 in 2027" in text(shown)
    rep, shown = report(monkeypatch)
    assert not sections.income_levels(rep, gap[gap["year"] == 2025], horizon=2030)
    assert "left out" in text(shown) and "Working back" not in text(shown)


def test_the_ranking_sentence_only_where_the_figures_differ(monkeypatch, ref):
    rep, shown = report(monkeypatch)
    rank = compare.district_ranking(rep.scorecard, ref)
    sections.ranking_own_figure(rep, rank)
    assert "the two differ" in text(shown)
    rank.attrs["own"] = None
    rep, shown = report(monkeypatch)
    sections.ranking_own_figure(rep, rank)
    assert text(shown) == ""


def test_scenarios_and_milestones_show_never_for_a_year_never_reached(monkeypatch):
    rep, shown = report(monkeypatch)
    _, summary = compare.scenarios(rep.scorecard, rates=[0.0, 0.05], horizon=2030, milestone=2000)
    sections.scenarios_table(rep, summary, horizon=2030, milestone_shown="CNY 200 bn")
    rows = [o for o in shown if isinstance(o, dict) and "text/plain" in o][0]["application/vnd.licheng.table+json"]["rows"]
    assert rows[0][-1] == "never" and rows[1][-1] != "never"


def test_the_title_is_named_for_the_plan_period_only_when_it_is_one(monkeypatch):
    rep, shown = report(monkeypatch)
    sections.scorecard_title(rep, 2021, 2025)
    assert "14th Five-Year Plan" in text(shown)
    rep, shown = report(monkeypatch)
    sections.scorecard_title(rep, 2021, 2024)
    assert "Five-Year" not in text(shown) and "Scorecard" in text(shown)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_milestone_naming_a_figure_shows_it_as_text_in_the_table(monkeypatch, lang):
    # found reading growth-zh.pdf: the rural catch-up row showed the figure's <span ...> markup
    rep, shown = report(monkeypatch, lang=lang)
    sections.milestones_table(rep, compare.milestones(rep.scorecard))
    bundle = [o for o in shown if isinstance(o, dict) and "text/plain" in o][0]
    cells = [c for row in bundle["application/vnd.licheng.table+json"]["rows"] for c in row]
    catch_up = [c for c in cells if "66727" in c or "66,727" in c]
    assert catch_up and not any("<" in c or "licheng-fig" in c or "\\" in c for c in cells), catch_up
    assert "&lt;span" not in bundle["text/html"] and "licheng-fig" not in bundle["text/html"]


def test_a_table_refuses_a_cell_of_markup(monkeypatch):
    import pandas as pd

    rep, _ = report(monkeypatch)
    with pytest.raises(TypeError, match="rep.text"):
        rep.table(pd.DataFrame({"a": [rep.t("{x}", "{x}", x=rep.fig("gdp"))]}), columns={"a": ("甲", "A")},
                  caption=("表", "Table"), inputs="gdp", name="t")


def test_the_income_ratio_is_said_to_fall_below_2_only_where_it_is_above_2_now(monkeypatch):
    # found reading qinghe's comparison: its ratio was 1.996 in 2020 and 1.861 in 2025, and the
    # report said it "falls below 2 in 2026"
    qinghe = FIXTURES / "drafting" / "qinghe" / "scorecard.csv"
    for fixture, says, never in ((None, "falls below 2 in 2027", "already below 2"),
                                 (qinghe, "was already below 2 in 2020", "falls below 2 in")):
        rep, shown = report(monkeypatch, scorecard=fixture)
        gap = compare.income_gap(rep.scorecard, horizon=2030)
        assert sections.income_levels(rep, gap, horizon=2030)
        assert says in text(shown) and never not in text(shown), text(shown)


def test_a_quote_with_quotation_marks_of_its_own_is_not_nested_in_more(monkeypatch):
    # found reading nanshan's scorecard-en: ““十四五”时期年均增长6.6%”
    rep, shown = report(monkeypatch, scorecard=FIXTURES / "nanshan" / "scorecard.csv")
    rep.cite(["gdp_growth_avg"])
    rep.notes()
    notes = text(shown)
    assert "「“十四五”时期" in notes and "““" not in notes and "””" not in notes
    assert "““" not in rep.provenance(rep._row("gdp_growth_avg"))


JINXI = FIXTURES / "jinxi" / "scorecard.csv"


def test_the_income_section_keeps_the_bounds_of_the_incomes_it_works_back_from(monkeypatch):
    # found on jinxi's comparison: rural income 超过29800元 worked back to 2020 was shown as a bare
    # "CNY 21,050" (rounded up, from a floor), the urban estimate without "(est.)", and the
    # differences, ceilings (rounded up: 15,998.3 is at most 15,999), as bare numbers
    for lang, says, never in (
            ("en", ("CNY 37,048 (est.)", "at least CNY 21,049", "at most CNY 15,999 (est.)", "at most CNY 18,850 (est.)"),
             ("CNY 21,050", "from CNY 15,998 to")),
            ("zh", ("预计37048元", "不低于21049元", "预计不高于15999元", "预计不高于18850元"), ("21050元", "从15998元"))):
        rep, shown = report(monkeypatch, lang, scorecard=JINXI)
        gap = compare.income_gap(rep.scorecard, horizon=2030)
        assert sections.income_levels(rep, gap, horizon=2030)
        said = text(shown)
        assert all(s in said for s in says) and not any(n in said for n in never), said


def test_the_income_trends_are_told_only_where_the_bounds_allow(monkeypatch):
    # jinxi: rural income grew faster (7.2% against 5.6%), so the ratio narrowed whatever the floor
    # hides; the difference widened at the floor but would narrow for a rural income high enough
    rep, shown = report(monkeypatch, "en", scorecard=JINXI)
    changes = compare.income_changes(rep.scorecard)
    assert changes["ratio_trend"] == "down" and changes["gap_trend"] == "cannot tell"
    assert changes["gap"].bound == "upper" and round(changes["gap"].value) == 18850 - 15998
    sections.income_levels(rep, compare.income_gap(rep.scorecard, horizon=2030), horizon=2030)
    assert "the ratio narrowed" in text(shown) and "the difference widened" not in text(shown)
    rep, shown = report(monkeypatch, "en")  # Licheng: exact incomes, the difference widened
    changes = compare.income_changes(rep.scorecard)
    assert changes["gap_trend"] == "up"
    sections.income_levels(rep, compare.income_gap(rep.scorecard, horizon=2030), horizon=2030)
    assert "widened" in text(shown)


def test_the_income_table_shows_each_cells_bound_and_its_csv_keeps_them(monkeypatch):
    # found on jinxi's comparison: the income paths table had no floors, ceilings or (est.), and its
    # 2020 ratio 1.760 contradicted the text's "at most 1.761 (est.)"
    rep, shown = report(monkeypatch, "en", scorecard=JINXI)
    sections.income_chart_and_table(rep, compare.income_gap(rep.scorecard, horizon=2030))
    table = next(o for o in shown if isinstance(o, dict) and "text/csv" in o)
    first = table["application/vnd.licheng.table+json"]["rows"][0]
    assert first[:5] == ["2020", "37,048 (est.)", "at least 21,049", "at most 1.761 (est.)", "at most 15,999 (est.)"], first
    header = table["text/csv"].splitlines()[0]
    assert "rural_bound" in header and "gap_status" in header


def test_a_tables_csv_carries_the_bound_and_status_of_each_computed_value(monkeypatch):
    # found on jinxi: derived.csv had rd_spending 14.57 with no "lower" or "estimate", and
    # growth_vs_gdp.csv, milestones.csv and scenarios.csv dropped the bounds the page shows
    import csv as csvlib
    import io

    rep, shown = report(monkeypatch, "en", scorecard=JINXI)
    sections.derived_table(rep, compare.derived_figures(rep.scorecard, rep.reference))
    sections.growth_table(rep, compare.growth_vs_gdp(rep.scorecard), ranked=True)
    tables = [o for o in shown if isinstance(o, dict) and "text/csv" in o]
    derived = {r["key"]: r for r in csvlib.DictReader(io.StringIO(tables[0]["text/csv"]))}
    assert (derived["rd_spending"]["value_bound"], derived["rd_spending"]["value_status"]) == ("lower", "estimate")
    growth = {r["id"]: r for r in csvlib.DictReader(io.StringIO(tables[1]["text/csv"]))}
    assert growth["trade_growth_avg"]["rate_bound"] == "lower" and growth["gdp_growth_avg"]["gap_status"] == "estimate"


def test_the_yearly_paths_name_each_indicator_real_or_nominal(monkeypatch):
    # found on jinxi's growth brief: the index chart and the yearly table set GDP's real path (at
    # 2025 prices) beside nominal ones with no word on which is which
    for lang, real, nominal in (("en", "Gross domestic product (GDP), real at 2025 prices", "General public budget revenue, nominal"),
                                ("zh", "地区生产总值（实际，按2025年价格）", "一般公共预算收入（名义）")):
        rep, _ = report(monkeypatch, lang, scorecard=JINXI)
        names = sections.path_names(rep, compare.paths(rep.scorecard))
        assert names["gdp"] == real and names["revenue"] == nominal, names


def test_a_section_left_out_names_the_reference_figure_it_lacks(monkeypatch):
    # found by a reviewer on jinxi's comparison: "The reference figures have none of the figures
    # for Jinxi City this section needs" did not say which (a 2020 GDP, the plan's targets)
    for lang, ids, says in (
            ("en", ["ref:锦溪市/地区生产总值/2020"], "The reference figures have no 2020 GDP of Jinxi City"),
            ("zh", ["ref:锦溪市/地区生产总值/2020"], "参考数据中没有本节所需的锦溪市2020年地区生产总值"),
            ("en", ["ref:锦溪市/规划目标"], "The reference figures have no plan targets of Jinxi City"),
            ("zh", ["ref:成都市/地区生产总值_*"], "参考数据中没有本节所需的成都市各区县地区生产总值"),
            ("en", ["ref:成都市/地区生产总值_*"], "The reference figures have no GDP of the districts of Chengdu"),
            ("en", ["ref:成都市", "ref:四川省"], "The reference figures have no figures for Chengdu and Sichuan")):
        rep, shown = report(monkeypatch, lang, scorecard=JINXI)
        rep.missing(ids)
        assert says in text(shown), text(shown)


def test_a_claim_is_checked_from_the_real_base_when_the_nominal_one_is_not_known(monkeypatch):
    # found by a reviewer on jinxi's comparison: 经济总量连续跨越两个百亿级台阶 is in the scorecard, and
    # the base the real rate implies needs nothing else, but the section was left out because the
    # reference figures have no nominal 2020 GDP of Jinxi City
    for lang, says in (("en", ("The report says “经济总量连续跨越两个百亿级台阶”", "consistent with the claim",
                                "the 2020 nominal GDP is not in the reference figures")),
                       ("zh", ("报告称：“经济总量连续跨越两个百亿级台阶”", "与说法相符", "参考数据中没有2020年名义GDP"))):
        rep, shown = report(monkeypatch, lang, scorecard=JINXI)
        steps = compare.claim_hundred_billion_steps(rep.scorecard, rep.reference)
        assert list(steps["base_kind"]) == ["real_implied_base"] and int(steps["steps"].iloc[0]) == 2
        assert compare.claim_verdict(steps) == "real, nominal unknown"
        sections.claim_check(rep, steps)
        assert all(s in text(shown) for s in says), text(shown)
    rep, _ = report(monkeypatch, "en")  # Licheng: both bases, as before
    assert list(compare.claim_hundred_billion_steps(rep.scorecard, rep.reference)["base_kind"]) == [
        "nominal_base", "real_implied_base"]


def test_a_table_column_of_computed_values_keeps_its_decimals_row_to_row(monkeypatch):
    # found by two readers: "1 (est.)" beside "1.18" in the growth table's multiple column, and
    # "31亿元" beside "33.3亿元" in jinxi's yearly paths
    rep, shown = report(monkeypatch, "en")
    sections.growth_table(rep, compare.growth_vs_gdp(rep.scorecard), ranked=True)
    rows = shown[-1]["application/vnd.licheng.table+json"]["rows"]
    gdp = next(r for r in rows if r[1] == rep.name("gdp_growth_avg"))
    assert gdp[-1] == "1.00 (est.)", gdp
    rep, shown = report(monkeypatch, "zh", scorecard=JINXI)
    sections.paths_table(rep, rep.scorecard, compare.paths(rep.scorecard), inputs="gdp")
    cells = [c for row in shown[-1]["application/vnd.licheng.table+json"]["rows"] for c in row]
    assert "31.0亿元" in cells and "31亿元" not in cells, cells


def test_the_other_real_rates_are_counted_in_a_sentence_that_reads(monkeypatch):
    # found by a reviewer on jinxi: "Of the other rates that are real like GDP's (1), 1 grew faster than GDP."
    rep, shown = report(monkeypatch, "en", scorecard=JINXI)
    sections.growth_ranking(rep, compare.growth_summary(compare.growth_vs_gdp(rep.scorecard)), None)
    assert "The one other real rate grew faster than GDP's." in text(shown), text(shown)
    rep, shown = report(monkeypatch, "en")
    s = dict(compare.growth_summary(compare.growth_vs_gdp(rep.scorecard)), like=3, like_faster=2)
    sections.growth_ranking(rep, s, None)
    assert "Of the 3 other real rates, 2 grew faster than GDP's." in text(shown), text(shown)


def test_the_projections_say_nothing_of_prices_the_data_do_not_give(monkeypatch):
    # found by a reviewer: "nominal values would be higher" assumed prices rise; their text blamed
    # falling prices
    rep, shown = report(monkeypatch, "en", scorecard=JINXI)
    sections.own_scenario(rep, rep.scorecard, horizon=2030, milestone=700)
    assert "constant prices" in text(shown) and "higher" not in text(shown), text(shown)


YUQUAN = FIXTURES / "yuquan" / "scorecard.csv"


def test_a_ratio_the_scorecard_states_decides_where_it_stands_against_2(monkeypatch):
    # found by a reviewer on yuquan: the scorecard states 城乡居民收入比缩小到1.95, but the comparison,
    # working from a floor on urban income, said "whether it is below 2 cannot be told"
    import re

    for lang, says in (("en", "The report states the ratio at 1.95× (est.), below 2."),
                       ("zh", "报告所述城乡居民收入比为预计1.95倍，已低于2。")):
        rep, shown = report(monkeypatch, lang, scorecard=YUQUAN)
        gap = compare.income_gap(rep.scorecard, horizon=2030)
        assert compare.ratio_against(gap) == ("cannot tell", None)  # from the incomes alone
        assert compare.ratio_against(gap, stated=compare.stated_ratio(rep.scorecard)) == ("stated below", 2025)
        sections.income_levels(rep, gap, horizon=2030)
        said = re.sub(r"<[^>]+>", "", text(shown))
        assert says in said and "cannot be told" not in said and "是否已低于2无法判断" not in said, said


def test_a_fall_in_the_last_year_is_said_beside_the_smooth_paths_and_the_milestone_is_regained(monkeypatch):
    # found by a reviewer on yuquan: GDP fell 1.5% in 2025 to 98.6亿元 (so about 100.1亿元 in 2024),
    # yet the growth brief said "it passes CNY 10.0 bn in 2026" and its paths rose every year
    import re

    rep, shown = report(monkeypatch, "en", scorecard=YUQUAN)
    prev = compare.previous_level(rep.scorecard)
    assert prev is not None and round(prev.value, 1) == 100.1 and prev.status == "estimate"
    sections.path_fall(rep, rep.scorecard)
    sections.own_scenario(rep, rep.scorecard, horizon=2030, milestone=100)
    said = re.sub(r"<[^>]+>", "", text(shown))
    assert "GDP changed by -1.5% (est.) in 2025 (real), a fall" in said and "do not show" in said, said
    assert "it regains CNY 10.0 bn in 2026" in said and "passes CNY 10.0 bn" not in said, said
    rep, shown = report(monkeypatch, "en")  # Licheng grew in its last year: nothing said, "passes" stays
    assert compare.previous_level(rep.scorecard) is None or compare.previous_level(rep.scorecard).value < 1490
    sections.path_fall(rep, rep.scorecard)
    assert text(shown) == ""


def test_a_rate_of_a_dollar_amount_set_against_gdp_says_it_is_in_us_dollars(monkeypatch):
    # found by a reviewer on yuquan: trade (亿美元) grew 9.5% a year in dollars, set against GDP's
    # real yuan rate as "+5.3 pp (nominal − real)" with no word of the currency
    rep, shown = report(monkeypatch, "en", scorecard=YUQUAN)
    sections.growth_table(rep, compare.growth_vs_gdp(rep.scorecard))
    rows = shown[-1]["application/vnd.licheng.table+json"]["rows"]
    trade = next(r for r in rows if r[0] == rep.name("trade_growth_avg"))
    assert "US dollars" in trade[2], trade
    assert not any("US dollars" in r[2] for r in rows if r is not trade)


def test_the_basis_a_report_states_itself_is_not_called_a_convention(monkeypatch, tmp_path):
    # found by a reviewer: their text said 按可比价格计算年均增长6.1%, and the reports said "The report
    # does not say which figures are in real terms" and "By convention GDP's rate is real"
    from scorecard_files import _row, write_scorecard

    rows = [_row(), _row(id="gdp_growth_avg", name_zh="地区生产总值年均增速", name_en="GDP average growth", value="6",
                         unit="%", period="2021-2025", kind="average_growth", qualifier="", bound="exact", basis="real",
                         quote="按可比价格计算年均增长6%")]
    path = write_scorecard(tmp_path, rows, text="示范区2025年地区生产总值超过500亿元，按可比价格计算年均增长6%。")
    rep, shown = report(monkeypatch, "en", scorecard=path)
    assert compare.stated_bases(rep.scorecard) == {"gdp_growth_avg": "real"}
    sections.basis_note(rep, rep.scorecard)
    sections.rate_conventions(rep, rep.scorecard, 2021, 2025)
    said = text(shown)
    assert "The report states the basis of GDP average growth itself" in said and "does not say" not in said, said
    assert "As the report states, GDP's rate is real" in said and "By convention GDP's rate" not in said, said
    rep, shown = report(monkeypatch, "en")  # the packaged text states no basis
    sections.basis_note(rep, rep.scorecard)
    assert "The report does not say which figures are in real terms" in text(shown)


def test_a_target_range_counts_as_one_target(monkeypatch):
    # found by a reviewer: 地区生产总值增长5%—5.5% is stored as a floor row and a ceiling row, and the
    # scorecard brief counted it as two targets ("sets 10 targets" for 9)
    rep, shown = report(monkeypatch, "en", scorecard=JINXI)
    sc = rep.scorecard
    outcomes, targets = compare.outcomes_and_targets(sc)
    ranges = targets[targets["id"].str.endswith(("_low", "_high"))]
    assert len(ranges) == 2 and compare.count_targets(targets) == len(targets) - 1
    sections.scorecard_counts(rep, sc, outcomes, targets, 2021, 2025)
    assert f"sets {len(targets) - 1} targets for 2026" in text(shown), text(shown)


def test_the_scorecard_brief_gives_the_income_ratio_as_the_comparison_does(monkeypatch, tmp_path):
    # found by a reviewer: 63150/31560 = 2.00095 read "a ratio of 2" in the scorecard brief and
    # "2.001" in the comparison, which then said it "falls below 2 in 2026"
    import csv as csvlib

    swap = {"48650": "63150", "29800": "31560"}  # jinxi's urban and rural incomes
    rows = list(csvlib.DictReader(open(JINXI, encoding="utf-8")))
    text_ = (FIXTURES / "jinxi" / "source.txt").read_text(encoding="utf-8")
    for old, new in swap.items():
        text_ = text_.replace(old, new)
        for r in rows:
            r["quote"], r["value"] = r["quote"].replace(old, new), swap.get(r["value"], r["value"])
    (tmp_path / "source.txt").write_text(text_, encoding="utf-8")
    with open(tmp_path / "scorecard.csv", "w", encoding="utf-8", newline="") as f:
        w = csvlib.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    rep, shown = report(monkeypatch, "en", scorecard=tmp_path / "scorecard.csv")
    sections.highlights(rep, rep.scorecard)
    assert "a ratio of at most 2.001 (est.)" in text(shown) and "a ratio of 2." not in text(shown), text(shown)


def test_a_scenario_that_never_reaches_the_milestone_says_never_in_the_table(monkeypatch):
    # found by a hostile probe: scenario_rates=[0] read "at most inf years"
    rep, shown = report(monkeypatch, "en")
    _, summary = compare.scenarios(rep.scorecard, rates=[0.0, 0.05], horizon=2030, milestone=2000)
    sections.scenarios_table(rep, summary, horizon=2030, milestone_shown="CNY 200.0 bn")
    rows = shown[-1]["application/vnd.licheng.table+json"]["rows"]
    assert rows[0][2] == "never" and "inf" not in " ".join(" ".join(r) for r in rows), rows


def test_a_fall_is_flagged_only_beside_paths_that_rise_and_a_stated_ratio_of_2_or_more_is_not_below(monkeypatch):
    # read back over the change: paths at a falling average rate show a fall themselves, and a ratio
    # the report states at 2.05 must not be called "already below 2" from incomes worked back
    rep, shown = report(monkeypatch, "en", scorecard=YUQUAN)
    sc = rep.scorecard.copy()
    sc.loc[sc["id"] == "gdp_growth_avg", "value"] = -2.0
    sections.path_fall(rep, sc)
    assert text(shown) == ""
    gap = compare.income_gap(rep.scorecard, horizon=2030)
    state, _ = compare.ratio_against(gap, stated=Q(2.05, "倍"))
    assert state in ("falls", "stays")
