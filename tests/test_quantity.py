"""The qualifier rules of licheng.figures.quantity: a floor stays a floor, an estimate an estimate."""
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licheng.analysis import growth
from licheng.figures.quantity import Q, combine_basis, combine_status, derive

BOUNDS = ["exact", "lower", "upper"]
positive = st.floats(min_value=1.0, max_value=1e4, allow_nan=False)
rates = st.floats(min_value=0.001, max_value=0.3, allow_nan=False)
slack = st.floats(min_value=0.0, max_value=0.5, allow_nan=False)


def truth(q: Q, s: float) -> float:
    """A true value the figure allows: above a floor, below a ceiling."""
    if q.bound == "lower":
        return q.value + abs(q.value) * s
    if q.bound == "upper":
        return q.value - abs(q.value) * s / 2
    return q.value


def allows(result: Q, true_value: float) -> bool:
    tol = 1e-9 * max(1.0, abs(result.value))
    if result.bound == "exact":
        return abs(true_value - result.value) <= tol
    if result.bound == "lower":
        return true_value >= result.value - tol
    if result.bound == "upper":
        return true_value <= result.value + tol
    return True


# Each rule: the function, its arguments' strategies and the declared signs.
RULES = {
    "cagr": (growth.cagr, (positive, positive), (-1, 1), 5),
    "implied_base": (growth.implied_base, (positive, rates), (1, -1), 5),
    "project": (growth.project, (positive, rates), (1, 1), 5),
    "deflator": (growth.implied_deflator, (rates, rates), (1, -1), None),
    "thresholds": (lambda a, b: growth.thresholds_crossed(a, b, 100), (positive, positive), (-1, 1), None),
    "years_to_reach": (lambda v, t, r: growth.years_to_reach(v, t, r), (positive, positive, rates), (-1, 1, -1), None),
}


@pytest.mark.parametrize("rule", sorted(RULES))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_a_result_computed_from_floors_and_ceilings_holds_for_every_value_they_allow(rule, data):
    fn, strategies, signs, years = RULES[rule]
    args = [Q(data.draw(s), bound=data.draw(st.sampled_from(BOUNDS))) for s in strategies]
    call = (lambda *a: fn(*a, years)) if years else fn
    result = derive(call, *args, signs=signs, unit="x")
    true_args = [truth(a, data.draw(slack)) for a in args]
    true_result = call(*true_args)
    if math.isfinite(result.value) and math.isfinite(true_result):
        assert allows(result, true_result), (args, true_args, result, true_result)


@settings(max_examples=200, deadline=None)
@given(a=st.floats(-1e4, 1e4), b=st.floats(-1e4, 1e4).filter(lambda x: abs(x) > 1e-3),
       ba=st.sampled_from(BOUNDS), bb=st.sampled_from(BOUNDS), sa=slack, sb=slack, op=st.sampled_from("+-*/"))
def test_arithmetic_on_figures_keeps_their_bounds(a, b, ba, bb, sa, sb, op):
    qa, qb = Q(a, bound=ba), Q(b, bound=bb)
    f = {"+": lambda x, y: x + y, "-": lambda x, y: x - y, "*": lambda x, y: x * y, "/": lambda x, y: x / y}[op]
    result = f(qa, qb)
    ta, tb = truth(qa, sa), truth(qb, sb)
    if (tb > 0) != (b > 0) or tb == 0:  # a ceiling that crosses zero changes the sign
        return
    assert allows(result, f(ta, tb))


def test_anything_computed_from_an_estimate_is_an_estimate():
    est = Q(1490, "亿元", status="estimate", bound="lower", inputs=("gdp",))
    exact = Q(1020, "亿元", inputs=("ref",))
    assert (est - exact).status == "estimate"
    assert (est / exact).status == "estimate"
    assert (exact * 2).status == "outcome"
    assert combine_status(["target", "target"]) == "target"
    assert combine_status(["target", "outcome"]) == "outcome"


def test_a_floor_minus_an_exact_figure_is_a_floor_and_the_reverse_a_ceiling():
    floor, exact = Q(5.0, "%", bound="lower"), Q(5.6, "%")
    assert (floor - exact).bound == "lower"
    assert (exact - floor).bound == "upper"
    assert (floor - floor).bound == "approximate"


def test_an_approximate_target_stays_approximate():
    assert (Q(0.05, "fraction") - Q(0.08, "fraction", bound="approximate")).bound == "approximate"


def test_a_rate_minus_a_rate_is_in_percentage_points():
    assert (Q(0.05, "fraction") - Q(0.056, "fraction")).unit == "pp"


def test_real_and_nominal_together_are_mixed_unless_the_result_names_its_basis():
    assert combine_basis(["real", "nominal"]) == "mixed"
    assert combine_basis(["nominal", "n/a"]) == "nominal"
    r = derive(growth.implied_deflator, Q(0.08, basis="nominal"), Q(0.05, basis="real"), signs=(1, -1),
               unit="fraction", basis="price")
    assert r.basis == "price"


def test_percent_figures_become_fractions_with_their_qualifiers():
    q = Q(5.2, "%", bound="lower", status="estimate", digits=1).rate()
    assert (q.value, q.unit, q.bound, q.status, q.digits) == (pytest.approx(0.052), "fraction", "lower", "estimate", 3)
