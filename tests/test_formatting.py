import re

import pytest

from licheng.exceptions import ParameterError
from licheng.authoring.formatting import fmt_pct, fmt_pp, fmt_value, label


@pytest.mark.parametrize("value, unit, lang, bound, qualifier, expected", [
    (1490, "亿元", "zh", "lower", "超过", "超过1490亿元"),
    (1490, "亿元", "en", "lower", "超过", "more than CNY 149.0 bn"),
    (23.3, "万家", "en", "exact", "", "233,000"),
    (23.3, "万家", "zh", "lower", "超过", "超过23.3万家"),
    (5, "%", "zh", "lower", "以上", "5%以上"),
    (5, "%", "en", "lower", "以上", "at least 5%"),
    (235, "亿元", "en", "lower", "突破", "over CNY 23.5 bn"),
    (66727, "元", "en", "exact", "达到", "CNY 66,727"),
    (3, "位", "zh", "exact", "", "第3位"),
    (3, "位", "en", "exact", "", "No. 3"),
    (250, "万吨", "en", "lower", "突破", "over 2.5 million t"),
    (17.5, "米", "en", "exact", "", "17.5 m"),
])
def test_fmt_value(value, unit, lang, bound, qualifier, expected):
    assert fmt_value(value, unit, lang, bound=bound, qualifier=qualifier) == expected


def test_percent_helpers_take_fractions():
    assert fmt_pct(0.052, "en") == "5.2%"
    assert fmt_pp(-0.028, "en") == "-2.8 pp"
    assert fmt_pp(0.019, "zh") == "+1.9个百分点"


def test_unknown_language_is_a_parameter_error():
    with pytest.raises(ParameterError, match=r"parameter 'lang': 'fr' is not a supported language; choose one of zh, en"):
        label("economy", "fr")


@pytest.mark.parametrize("value, unit, bound, expected", [
    (0.09259, "fraction", "lower", "at least 9.2%"),
    (1.049, "years", "upper", "at most 1.1 years"),
    (1156.3986, "亿元", "lower", "at least CNY 115.6 bn"),
    (-0.0060001, "pp", "lower", "at least -0.7 pp"),
])
def test_a_floor_is_shown_rounded_down_and_a_ceiling_rounded_up(value, unit, bound, expected):
    assert fmt_value(value, unit, "en", bound=bound) == expected


def test_an_estimate_says_so_in_both_languages():
    assert fmt_value(1490, "亿元", "zh", bound="lower", qualifier="超过", written=0, status="estimate") == "预计超过1490亿元"
    assert fmt_value(5.2, "%", "en", written=1, status="estimate") == "5.2% (est.)"


def test_every_kind_status_and_basis_a_scorecard_may_hold_has_a_label_in_each_language():
    # found reading nanshan's scorecard-zh: the kind "multiple" showed in English
    from licheng.authoring.formatting import LABELS
    from licheng.scorecard.table import BASES, KINDS, STATUSES

    for key in (*KINDS, *STATUSES, *BASES):
        assert key in LABELS, key
        zh, en = LABELS[key]
        assert re.search(r"[\u4e00-\u9fff]", zh) and en.isascii(), key


def test_a_year_known_only_as_a_bound_reads_as_the_latest_or_earliest_year():
    # found on jinxi's growth brief: "it passes CNY 70.0 bn in at most 2027 (est.)", "预计不高于2027年"
    from licheng.authoring.formatting import fmt_value

    assert fmt_value(2027, "year", "en", bound="upper", status="estimate") == "2027 at the latest (est.)"
    assert fmt_value(2027, "year", "zh", bound="upper", status="estimate") == "预计最迟2027"
    assert fmt_value(2031, "year", "en", bound="lower") == "2031 at the earliest"
    assert fmt_value(2031, "year", "zh", bound="lower") == "最早2031"
    assert fmt_value(2031, "year", "en") == "2031" and fmt_value(2, "years", "en", bound="upper") == "at most 2 years"


def test_a_computed_amount_under_ten_billion_keeps_two_decimals_in_english():
    # found by a reviewer on jinxi: R&D spending 14.57亿元 (a floor) read "at least CNY 1.4 bn (est.)"
    from licheng.authoring.formatting import fmt_value

    assert fmt_value(14.57, "亿元", "en", bound="lower", status="estimate") == "at least CNY 1.45 bn (est.)"
    assert fmt_value(1156.4, "亿元", "en", bound="lower") == "at least CNY 115.6 bn"
    assert fmt_value(14.57, "亿元", "zh", bound="lower") == "不低于14.5亿元"


def test_a_small_computed_amount_keeps_two_decimals_in_chinese_as_in_english():
    # found by a reviewer: "0.8亿美元" in Chinese where English showed "USD 80.04 million", and
    # "1.2亿美元" (2024) beside "1.26亿美元" (2025) read as 5% growth against the stated 9.5%
    from licheng.authoring.formatting import fmt_value

    assert fmt_value(0.8004, "亿美元", "zh", fixed=True) == "0.80亿美元"
    assert fmt_value(1.1508, "亿美元", "zh", fixed=True) == "1.15亿美元"
    assert fmt_value(4.311, "亿元", "zh", bound="lower") == "不低于4.31亿元"
    assert fmt_value(98.6, "亿元", "zh", fixed=True) == "98.6亿元" and fmt_value(29875.2, "元", "zh") == "29875元"


def test_a_ceiling_written_yinei_reads_at_most_in_english():
    # found by a reviewer: 控制在5%以内 read "within 5%", which the legend does not explain and which
    # reads like "plus or minus 5%"
    from licheng.authoring.formatting import fmt_value

    assert fmt_value(5, "%", "en", bound="upper", qualifier="以内", written=0) == "at most 5%"
