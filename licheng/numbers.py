"""Find the numbers written in Chinese text: 1490亿元, 3.4万家, 5.2%, 第三位, 八年.

Used to check that a scorecard value is written in its quote, and by the
coverage audit to list every figure of a source text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: Units that may follow a number, longest first so that 平方公里 wins over 公里.
UNITS = (
    "平方公里", "亿元", "万元", "万家", "万人", "万吨", "万个", "万套", "公里",
    "%", "元", "家", "个", "列", "国", "城", "处", "所", "条", "件", "米", "P",
    "年", "位", "月", "日", "届", "次", "大", "代",
)
_UNIT_RE = "|".join(re.escape(u) for u in UNITS)
_DIGITS = "零一二三四五六七八九十两"
_CN_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}

_PATTERN = re.compile(
    rf"(?P<arabic>\d+(?:\.\d+)?)(?P<aunit>{_UNIT_RE})?"
    rf"|第(?P<ordinal>[{_DIGITS}]+)(?P<ounit>位|届|次|代)?"
    rf"|(?P<cardinal>[{_DIGITS}]+)(?P<cunit>个|年|大|家|条|所|处|位)"
    rf"|(?P<first>首位|榜首)"
)


@dataclass(frozen=True)
class NumberToken:
    """One number found in a text, with its position and the unit after it."""

    start: int
    end: int
    text: str
    value: float
    unit: str


def chinese_numeral(text: str) -> int:
    """Value of a Chinese numeral up to 99.

    Examples
    --------
    >>> chinese_numeral("八"), chinese_numeral("十九"), chinese_numeral("二十三")
    (8, 19, 23)
    """
    if "十" not in text:
        value = 0
        for char in text:
            value = value * 10 + _CN_VALUES[char]
        return value
    tens, _, ones = text.partition("十")
    return (_CN_VALUES[tens] if tens else 1) * 10 + (_CN_VALUES[ones] if ones else 0)


def find_numbers(text: str) -> list[NumberToken]:
    """Every number in ``text``, Arabic or Chinese, with the unit that follows it.

    Examples
    --------
    >>> [(t.value, t.unit) for t in find_numbers("预计超过1490亿元，连续八年保持全市第三位")]
    [(1490.0, '亿元'), (8.0, '年'), (3.0, '位')]
    """
    tokens = []
    for m in _PATTERN.finditer(text):
        if m["arabic"]:
            value, unit = float(m["arabic"]), m["aunit"] or ""
        elif m["ordinal"]:
            value, unit = float(chinese_numeral(m["ordinal"])), m["ounit"] or "位"
        elif m["cardinal"]:
            value, unit = float(chinese_numeral(m["cardinal"])), m["cunit"]
        else:
            value, unit = 1.0, "位"
        tokens.append(NumberToken(m.start(), m.end(), m.group(0), value, unit))
    return tokens


def written_in(value: float, text: str) -> bool:
    """Whether ``value`` is one of the numbers written in ``text``."""
    return any(abs(t.value - value) < 1e-9 for t in find_numbers(text))
