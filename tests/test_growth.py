import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from licheng.analysis.growth import (cagr, growth_path, implied_base, implied_deflator, project, thresholds_crossed,
                            year_reached, years_to_reach)

values = st.floats(min_value=1e-3, max_value=1e9, allow_nan=False)
rates = st.floats(min_value=-0.5, max_value=1.0, allow_nan=False)
years = st.integers(min_value=1, max_value=40)


def test_hand_worked_numbers():
    assert implied_base(1490, 0.052, 5) == pytest.approx(1156.4, abs=0.05)
    assert implied_base(66727, 0.053, 5) == pytest.approx(51542, abs=1)
    assert implied_base(32316, 0.071, 5) == pytest.approx(22933, abs=1)
    assert cagr(1020, 1490, 5) == pytest.approx(0.0787, abs=5e-5)
    assert implied_deflator(cagr(1020, 1490, 5), 0.052) == pytest.approx(0.0254, abs=5e-5)
    assert thresholds_crossed(1020, 1490, 100) == 4
    assert thresholds_crossed(1156.4, 1490, 100) == 3


@given(values, rates, years)
def test_project_undoes_implied_base(x, r, n):
    assert project(implied_base(x, r, n), r, n) == pytest.approx(x, rel=1e-9)


@given(values, rates, years)
def test_cagr_recovers_the_rate_of_an_implied_base(x, r, n):
    assert cagr(implied_base(x, r, n), x, n) == pytest.approx(r, abs=1e-9)


@given(values, st.floats(min_value=0.001, max_value=1.0), st.floats(min_value=1.0001, max_value=100))
def test_years_to_reach_lands_on_the_target(x, r, factor):
    n = years_to_reach(x, x * factor, r)
    assert project(x, r, n) == pytest.approx(x * factor, rel=1e-9)


def test_growth_path_runs_both_ways_from_its_anchor():
    path = growth_path(1490, 0.052, 2020, 2025, anchor_year=2025)
    assert list(path.index) == list(range(2020, 2026))
    assert path[2025] == 1490 and path[2020] == pytest.approx(1156.4, abs=0.05)


def test_years_to_reach_edge_cases():
    assert years_to_reach(100, 90, 0.05) == 0
    assert math.isinf(years_to_reach(100, 200, 0.0))
    assert year_reached(1490, 2000, 0.052, 2025) == 2031
    assert math.isinf(year_reached(100, 200, -0.01, 2025))


@pytest.mark.parametrize("call, message", [
    (lambda: cagr(0, 10, 5), "positive values"),
    (lambda: cagr(1, 10, 0), "years must be positive"),
    (lambda: project(1, -1.5, 2), "rates are fractions"),
    (lambda: growth_path(1, 0.1, 2025, 2020), "before start_year"),
])
def test_invalid_arguments_raise_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()
