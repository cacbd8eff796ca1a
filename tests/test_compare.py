from pathlib import Path

import pytest

from licheng import load_reference, load_scorecard
from licheng.analysis import compare
from licheng.exceptions import MissingFiguresError


@pytest.fixture(scope="module")
def sc():
    return load_scorecard()


@pytest.fixture(scope="module")
def ref():
    return load_reference()


def test_growth_vs_gdp_ranks_rates_against_gdp(sc):
    out = compare.growth_vs_gdp(sc).set_index("id")
    assert out.index[0] == "trade_growth_avg"
    assert out.loc["fai_growth_avg", "gap"] == pytest.approx(0.038 - 0.052)
    assert out.loc["gdp_growth_avg", "basis"] == "real" and out.loc["urban_income_growth_avg", "basis"] == "nominal"


def test_implied_bases_match_hand_worked_values(sc):
    out = compare.implied_bases(sc).set_index("id")
    assert out.loc["gdp", "base"] == pytest.approx(1156.4, abs=0.05)
    assert out.loc["urban_income", "base"] == pytest.approx(51542, abs=1)
    assert out.loc["rural_income", "base"] == pytest.approx(22933, abs=1)
    assert set(out["base_year"]) == {2020}


def test_income_ratio_narrows_from_2_25_to_2_06_and_below_2_by_2027(sc):
    out = compare.income_gap(sc, horizon=2030).set_index("year")
    assert round(out.loc[2020, "ratio"], 2) == 2.25
    assert round(out.loc[2025, "ratio"], 2) == 2.06
    assert out.loc[2027, "ratio"] < 2 < out.loc[2026, "ratio"]
    assert out.loc[2026, "projected"] and not out.loc[2025, "projected"]


def test_plan_targets_against_outcomes(sc, ref):
    out = compare.plan_vs_outcome(sc, ref).set_index("id")
    assert out.loc["gdp_growth_avg", ["target", "outcome"]].tolist() == pytest.approx([0.08, 0.052])
    assert out.loc["revenue_growth_avg", "target"] == pytest.approx(0.08)
    assert out.loc["fai_growth_avg", ["target", "outcome"]].tolist() == pytest.approx([0.12, 0.038])
    assert out.loc["fai_growth_avg", "verdict"] == "missed"
    assert out.loc["gdp_growth", "verdict"] == "cannot tell"  # 5%以上 against a 5.6 % target
    assert out.loc["gdp_growth_avg", "target_q"].bound == "approximate"  # 8%左右
    assert out.loc["gdp_growth", "target_q"].bound == "lower"  # 5.6%以上
    assert out.loc["gdp_growth", "gap_q"].bound == "lower"  # a floor minus the line the target draws


def test_nominal_against_real_gdp_implies_a_deflator(sc, ref):
    out = compare.nominal_vs_real(sc, ref)["value"]
    assert out["nominal_rate"] == pytest.approx(0.0787, abs=5e-5)
    assert out["deflator"] == pytest.approx(0.0254, abs=5e-5)
    assert out["real_implied_base"] == pytest.approx(1156.4, abs=0.05)


def test_four_hundred_billion_steps_hold_only_on_the_nominal_base(sc, ref):
    out = compare.claim_hundred_billion_steps(sc, ref).set_index("base_kind")
    assert out.loc["nominal_base", ["steps", "consistent"]].tolist() == [4, True]
    assert out.loc["real_implied_base", ["steps", "consistent"]].tolist() == [3, False]


def test_derived_figures(sc, ref):
    out = compare.derived_figures(sc, ref)["value"]
    assert out["rd_spending"] == pytest.approx(61.09)
    assert out["budget_spending_max"] == pytest.approx(475)
    assert out["trade_openness"] == pytest.approx(235 / 1490)
    assert out["trade_base_implied"] == pytest.approx(94.44, abs=0.01)
    assert out["trade_openness_base"] == pytest.approx(94.44 / 1020, abs=1e-4)
    assert out["revenue_end_implied"] == pytest.approx(135.41, abs=0.01)


def test_benchmarks_show_year_and_reliability(sc, ref):
    out = compare.benchmarks(sc, ref)
    rd = out[out["measure"] == "rd_intensity"]
    assert set(rd["entity"]) == {"济南市", "山东省"}
    assert {"benchmark_period", "reliability", "source"} <= set(out.columns)
    ratio = out[out["measure"] == "income_ratio"].iloc[0]
    assert ratio["benchmark"] == pytest.approx(62506 / 25587)


def test_min_reliability_drops_secondary_benchmarks(sc, ref):
    out = compare.benchmarks(sc, ref, min_reliability="press")
    assert set(out["reliability"]) <= {"press", "official"}
    assert "income_ratio" not in set(out["measure"])


def test_scenarios_find_the_year_gdp_passes_2000(sc):
    paths, summary = compare.scenarios(sc, rates=(0.045, 0.052, 0.06), horizon=2030, milestone=2000)
    assert summary.set_index("rate").loc[0.052, "year_reached"] == 2031
    assert summary.set_index("rate").loc[0.045, "year_reached"] == 2032
    assert paths["year"].max() == 2030


def test_district_ranking_puts_licheng_fourth_in_2023(ref, sc):
    out = compare.district_ranking(sc, ref, year=2023)
    assert out.loc[out["highlight"], "rank"].item() == 4
    assert out.attrs["own"]["value"] == 1310  # the district's own figure, which the report reconciles


def test_missing_figures_are_named(demo_scorecard, ref):
    sc = load_scorecard(demo_scorecard)
    with pytest.raises(MissingFiguresError, match="rd_intensity|plan comparison"):
        compare.plan_vs_outcome(sc, ref)


def test_real_gdp_path_runs_from_the_implied_base_to_the_end_level(sc, ref):
    path = compare.real_gdp_path(sc, ref)
    assert list(path.index) == list(range(2020, 2026))
    assert path[2020] == pytest.approx(1156.4, abs=0.05) and path[2025] == 1490


# -- truth on any scorecard ------------------------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures"


def test_figures_computed_from_a_floor_that_is_an_estimate_are_floors_and_estimates(sc, ref):
    nvr = compare.nominal_vs_real(sc, ref)["q"]
    assert (nvr["nominal_rate"].bound, nvr["nominal_rate"].status) == ("lower", "estimate")
    assert nvr["deflator"].bound == "lower" and nvr["real_implied_base"].bound == "lower"
    bases = compare.implied_bases(sc).set_index("id")
    assert bases.loc["gdp", "base_q"].bound == "lower" and bases.loc["trade", "base_q"].bound == "lower"
    assert bases.loc["urban_income", "base_q"].exact


def test_a_ceiling_comes_from_dividing_by_a_floor(sc, ref):
    assert compare.derived_figures(sc, ref).loc["budget_spending_max", "q"].bound == "upper"


def test_another_citys_district_gets_no_benchmark_or_ranking_of_jinan(ref):
    other = load_scorecard(FIXTURES / "nanshan" / "scorecard.csv")
    assert compare.related_reference(other, ref).empty
    with pytest.raises(MissingFiguresError):
        compare.benchmarks(other, ref)
    with pytest.raises(MissingFiguresError):
        compare.district_ranking(other, ref)


def test_a_region_is_benchmarked_only_against_the_parents_it_declares(sc, ref):
    assert compare.related_entities(sc) == {"历城区", "济南市", "山东省", "中国"}
    assert set(compare.benchmarks(sc, ref)["entity"]) <= {"济南市", "山东省"}


def test_defaults_come_from_the_regions_own_data():
    other = load_scorecard(FIXTURES / "nanshan" / "scorecard.csv")
    own = compare.value(other, "gdp_growth_avg")
    assert compare.default_scenario_rates(other)[1] == pytest.approx(own)
    assert compare.default_milestone(compare.value(other, "gdp")) > compare.value(other, "gdp")
    assert compare.default_horizon(load_scorecard()) == 2030


@pytest.mark.parametrize("fixture, verdict", [(None, "nominal only"), ("licheng_changed", "real only")])
def test_the_claims_verdict_flips_when_the_claim_flips(ref, fixture, verdict):
    sc = load_scorecard(FIXTURES / fixture / "scorecard.csv" if fixture else None)
    steps = compare.claim_hundred_billion_steps(sc, ref)
    assert compare.claim_verdict(steps) == verdict
    assert ("三个" if fixture else "四个") in steps.attrs["quote"]


@pytest.mark.parametrize("fixture, direction", [(None, "below"), ("licheng_changed", "above")])
def test_the_revenue_reading_flips_with_the_revenue_growth(ref, fixture, direction):
    sc = load_scorecard(FIXTURES / fixture / "scorecard.csv" if fixture else None)
    check = compare.revenue_check(sc, ref, compare.derived_figures(sc, ref))
    assert check["direction"] == direction


def test_the_growth_summary_never_counts_gdp_among_the_others():
    other = load_scorecard(FIXTURES / "nanshan" / "scorecard.csv")
    rates = compare.growth_vs_gdp(other)
    summary = compare.growth_summary(rates)
    assert summary["others"] == len(rates) - 1
    assert "gdp_growth_avg" not in {summary["fastest"]["id"], summary["slowest"]["id"]}


def test_levels_of_different_years_are_not_called_above_or_below(sc, ref):
    bench = compare.benchmarks(sc, ref).set_index(["measure", "entity"])
    assert bench.loc[("urban_income", "济南市"), "comparison"] == "different years"  # 2025 against 2023
    assert bench.loc[("revenue_growth_avg", "济南市"), "comparison"] == "about the same"  # 4 % against 3.9 %


def test_a_nominal_rate_is_not_counted_as_faster_than_real_gdp(sc, ref):
    nominal = compare.nominal_vs_real(sc, ref).loc["nominal_rate", "q"]
    s = compare.growth_summary(compare.growth_vs_gdp(sc), nominal_gdp=nominal)
    assert (s["like"], s["like_faster"]) == (0, 0)  # every other rate in Licheng's scorecard is nominal
    assert (s["nominal"], s["nominal_slower"]) == (5, 4)  # only trade (20 %) beats nominal GDP's floor of 7.87 %


def test_the_reported_2020_gdp_is_an_estimate_made_at_the_time(sc, ref):
    assert compare.nominal_vs_real(sc, ref).loc["nominal_base", "q"].status == "estimate"


def test_nominal_against_real_needs_a_real_gdp_rate(tmp_path, ref):
    import csv as _csv
    rows = list(_csv.DictReader((FIXTURES / "licheng_changed" / "scorecard.csv").open(encoding="utf-8")))
    for r in rows:
        if r["id"] == "gdp_growth_avg":
            r["basis"] = "nominal"
    path = tmp_path / "scorecard.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = _csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    (tmp_path / "source.txt").write_text((FIXTURES / "licheng_changed" / "source.txt").read_text(encoding="utf-8"),
                                         encoding="utf-8")
    with pytest.raises(MissingFiguresError, match="gdp_growth_avg_real"):
        compare.nominal_vs_real(load_scorecard(path), ref)


# -- the selections the notebooks call instead of filtering frames ---------------------

def test_themes_select_figures_and_group_them_in_order_of_appearance(sc):
    assert compare.of_themes(sc) is sc and set(compare.of_themes(sc, ["fiscal"])["theme"]) == {"fiscal"}
    outcomes, targets = compare.outcomes_and_targets(sc)
    groups = compare.by_theme(outcomes)
    assert [t for t, _ in groups][:2] == ["economy", "fiscal"] and sum(len(rows) for _, rows in groups) == len(outcomes)
    assert compare.target_year(targets) == 2026


def test_figure_facts_by_id(sc):
    assert (compare.end_year(sc, "gdp"), compare.unit_of(sc, "gdp")) == (2025, "亿元")
    assert compare.lacking(sc, "gdp", "no_such_id", "trade") == ["no_such_id"]
    minimal = load_scorecard(FIXTURES / "minimal" / "scorecard.csv")
    assert compare.has_average_rates(sc) and not compare.has_average_rates(minimal)


def test_the_indicators_chosen_keep_gdp_to_compare_with(sc):
    rates = compare.growth_vs_gdp(sc)
    assert list(compare.with_gdp(rates, ["trade_growth_avg"])["id"]) == ["trade_growth_avg", "gdp_growth_avg"]
    assert compare.with_gdp(rates, []) is rates


def test_nominal_gdp_growth_is_known_only_with_the_regions_reported_base(sc, ref):
    assert compare.nominal_gdp_rate(sc, ref).bound == "lower"
    assert compare.nominal_gdp_rate(load_scorecard(FIXTURES / "nanshan" / "scorecard.csv"), ref) is None


def test_reliability_is_filtered_once_with_the_region_and_its_parents(sc, ref):
    official = compare.related_reference(sc, ref, min_reliability="official")
    assert 0 < len(official) < len(compare.related_reference(sc, ref)) and set(official["reliability"].astype(str)) == {"official"}
    with pytest.raises(ValueError, match="choose one of"):
        compare.related_reference(sc, ref, min_reliability="rumour")
    assert compare.levels_with_figures(sc, ref) == ["city", "province"]
    assert compare.levels_with_figures(sc, ref.iloc[:0]) == []


def test_implied_base_and_yearly_paths(sc):
    bases = compare.implied_bases(sc)
    assert compare.implied_base_of(bases, "gdp")["base_year"] == 2020 and compare.implied_base_of(bases, "nothing") is None
    wide = compare.paths_by_year(compare.paths(sc))
    assert list(wide.columns[:2]) == ["year", "gdp"] and list(wide["year"])[0] == 2020


def test_the_central_scenario_is_the_regions_own_rate(sc):
    own = compare.own_scenario(sc, horizon=2030, milestone=2000)
    assert own["rate"] == pytest.approx(0.052) and own["year_reached"] == 2031
    assert compare.own_scenario(sc, horizon=2030, milestone=1e6)["year_reached"] > 2100  # long after the horizon


def test_income_ends_and_the_projected_year_below_two(sc):
    gap = compare.income_gap(sc, horizon=2030)
    first, last = compare.income_ends(gap)
    assert (first["year"], last["year"]) == (2020, 2025) and compare.projected_ratio_below(gap) == 2027
    assert compare.projected_ratio_below(gap, threshold=1.5) is None
    import pandas as pd
    assert compare.income_ends(pd.DataFrame({"year": [2025], "projected": [False]}))[0] is None


def test_verdicts_are_counted_over_the_plan_period_only(sc, ref):
    plan = compare.plan_vs_outcome(sc, ref)
    assert compare.verdict_counts(plan) == {"n": 3, "met": 0, "missed": 3, "cannot tell": 0}
    assert compare.verdict_counts(plan.assign(plan=False))["n"] == 0


def test_derived_figures_needed_names_what_is_missing(sc, ref):
    assert len(compare.derived_figures_needed(sc, ref))
    with pytest.raises(MissingFiguresError) as e:
        compare.derived_figures_needed(load_scorecard(FIXTURES / "minimal" / "scorecard.csv"), ref)
    assert "rd_intensity" in e.value.ids and "gdp" not in e.value.ids


def test_the_latest_benchmark_of_each_place_that_compares(sc, ref):
    rd = compare.benchmarks_of(compare.benchmarks(sc, ref), "rd_intensity")
    assert set(rd["measure"]) == {"rd_intensity"}
    latest = compare.latest_compared(rd)
    assert latest["entity"].is_unique and set(latest["comparison"]) <= {"above", "below", "equal", "about the same"}
    assert compare.latest_compared(rd.assign(comparison="different years")).empty


def test_the_ranking_says_when_city_statistics_differ_from_the_regions_own(sc, ref):
    rank = compare.district_ranking(sc, ref)
    assert compare.ranking_differs(rank) == (1327.8, 1310.0)
    same = rank.copy()
    same.attrs = {**rank.attrs, "own": None}
    assert compare.ranking_differs(same) is None


def test_yearly_paths_keep_the_bound_and_status_of_the_figures_they_come_from(sc):
    # found reading growth-en: the paths table showed 1,156.4 and 1,490.0 bare, of figures that are floors and estimates
    p = compare.paths(sc)
    first = {i: p[(p["id"] == i) & (p["year"] == 2020)]["value_q"].iloc[0] for i in ("gdp", "trade", "urban_income")}
    assert (first["gdp"].bound, first["gdp"].status) == ("lower", "estimate")  # from 预计超过1490亿元
    assert (first["trade"].bound, first["trade"].status) == ("lower", "outcome")  # from 突破235亿元
    assert (first["urban_income"].bound, first["urban_income"].status) == ("exact", "outcome")
    assert first["gdp"].value == pytest.approx(compare.implied_base_of(compare.implied_bases(sc), "gdp")["base"])
