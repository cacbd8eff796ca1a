"""Column widths for the PDF tables."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from licheng.columns import PADDING_EMS, PAGE_EMS, colgroup, column_widths, narrowest, text_width


def ems(percent: float) -> float:
    return percent / 100 * PAGE_EMS


def test_a_table_that_fits_gets_its_natural_widths():
    widths = column_widths(["id", "value"], [["gdp", "1490"]])
    natural = (text_width("gdp") + PADDING_EMS) / (text_width("value") + PADDING_EMS)
    assert widths[0] / widths[1] == pytest.approx(natural, rel=0.01)


def test_a_source_sentence_column_keeps_eight_characters_beside_long_english_phrases():
    header = ["Indicator", "Value", "Period", "Kind", "Basis", "Source sentence"]
    row = ["Hundred-billion-yuan thresholds crossed by GDP", "more than CNY 149.0 bn", "2021-2025",
           "average annual growth", "nominal (current prices)", "经济总量连跨四个百亿级台阶"]
    widths = column_widths(header, [row])
    assert ems(widths[-1]) >= 8 + PADDING_EMS - 0.1
    assert ems(widths[2]) >= text_width("2021-2025") + PADDING_EMS - 0.1  # a period never wraps


def test_short_chinese_values_stay_on_one_line():
    header = ["指标", "数值", "原文"]
    rows = [["地区生产总值", "超过1490亿元", "预计2025年超过1490亿元，同比增长5%以上，年均增长5.2%"]]
    widths = column_widths(header, rows)
    assert ems(widths[1]) >= text_width("超过1490亿元") + PADDING_EMS - 0.1


def test_narrowest_is_the_longest_word_or_eight_chinese_characters():
    assert narrowest("average annual growth") == text_width("average")
    assert narrowest("经济总量连跨四个百亿级台阶") == 8
    assert narrowest("GDP增长") == text_width("GDP增长")  # shorter than eight: all of it


@given(st.lists(st.text(min_size=0, max_size=30), min_size=1, max_size=8), st.integers(0, 5))
def test_widths_are_positive_and_sum_to_100(header, n_rows):
    rows = [[h * (r + 1) for h in header] for r in range(n_rows)]
    widths = column_widths(header, rows)
    assert len(widths) == len(header) and all(w > 0 for w in widths)
    assert abs(sum(widths) - 100) < 0.1 * len(widths)


def test_colgroup_fixes_the_widths():
    assert colgroup([60.0, 40.0]) == '<colgroup><col style="width: 60.0%"><col style="width: 40.0%"></colgroup>'
