import pytest

from licheng import compare, load_reference, load_scorecard
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
    assert out.loc["gdp_growth", "verdict"] == "not shown"  # 5%以上 against a 5.6 % target


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


def test_district_ranking_puts_licheng_fourth_in_2023(ref):
    out = compare.district_ranking(ref, year=2023)
    assert out.loc[out["highlight"], "rank"].item() == 4


def test_missing_figures_are_named(demo_scorecard, ref):
    sc = load_scorecard(demo_scorecard)
    with pytest.raises(MissingFiguresError, match="rd_intensity|plan comparison"):
        compare.plan_vs_outcome(sc, ref)


def test_real_gdp_path_runs_from_the_implied_base_to_the_end_level(sc, ref):
    path = compare.real_gdp_path(sc, ref)
    assert list(path.index) == list(range(2020, 2026))
    assert path[2020] == pytest.approx(1156.4, abs=0.05) and path[2025] == 1490
