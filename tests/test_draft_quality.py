"""licheng draft against scorecards people made by hand: the seed's packaged scorecard, the two
drafting fixtures (tests/fixtures/drafting/) and the other regions' fixtures. The thresholds are
issue 13's: recall ≥ 95 %, period/kind/status ≥ 90 %, non-figures ≤ 10 %."""
import pytest

from licheng import load_scorecard
from licheng.drafting.evaluate import score
from licheng.drafting.extract import draft

from drafting_cases import CASES


@pytest.mark.parametrize("case", list(CASES))
def test_a_draft_recovers_the_hand_made_scorecard(case):
    expected = load_scorecard(CASES[case])
    s = score(draft(expected.attrs["source_text"]), expected)
    assert s.recall >= 0.95, (s.summary(), s.misses)
    for what in ("period", "kind", "status", "all_three"):
        assert s.share(what) >= 0.90, (what, s.summary(), s.wrong)
    assert s.non_figure_share <= 0.10, (s.summary(), s.strays)


def test_the_score_counts_a_wrong_bound_as_a_miss_and_a_stray_as_a_non_figure():
    expected = load_scorecard()
    d = draft(expected.attrs["source_text"])
    gdp = next(f for f in d.figures if f.id == "gdp")
    gdp.bound = "exact"
    d.figures.append(type(gdp)(0, 4, "2026", 2026.0, "年", 0, "2026济南市区县两会特别策划"))
    s = score(d, expected)
    assert s.recovered == len(expected) - 1 and any(m.startswith("gdp ") for m in s.misses)
    assert s.non_figures == 1
