"""Find the numbers written in Chinese text: 1490亿元, 3.4万家, 5.2%, 第三位, 八年.

Used to check that a scorecard value is written in its quote, and by the
coverage audit to list every figure of a source text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from licheng.figures import units
#: Words after a number that are not units of a figure but mark dates, ordinals
#: and names (月, 日, 届 ...): found so that the audit can list and exclude them.
TEXT_MARKERS = ("月", "日", "届", "次", "大", "代")
#: Units that may follow a number, longest first so that 平方公里 wins over 公里.
UNITS = tuple(sorted(set(units.names()) | set(TEXT_MARKERS), key=len, reverse=True))
_UNIT_RE = "|".join(re.escape(u) for u in UNITS)
_DIGITS = "零一二三四五六七八九十两"
_CN_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
#: Figures written in words: the word, its value and unit.
WORDS = {"翻了两番": (4.0, "倍"), "翻了一番": (2.0, "倍"), "翻两番": (4.0, "倍"), "翻一番": (2.0, "倍"), "翻番": (2.0, "倍"), "过半": (50.0, "%"), "半数": (50.0, "%")}

_PATTERN = re.compile(
    rf"(?P<arabic>\d+(?:\.\d+)?)(?P<aunit>{_UNIT_RE})?"
    rf"|第(?P<ordinal>[{_DIGITS}]+)(?P<ounit>位|届|次|代)?"
    rf"|(?P<tenths>[一二三四五六七八九])成"
    rf"|(?P<word>{'|'.join(WORDS)})"
    rf"|(?P<cardinal>[{_DIGITS}]+)(?P<cunit>个|年|大|家|条|所|处|位|倍|项)"
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
    """Value of a Chinese numeral up to 99. An approximate one, two neighbouring numbers
    (五六十 fifty or sixty, 十七八 seventeen or eighteen, 三四 three or four), is no single value:
    ValueError.

    Examples
    --------
    >>> chinese_numeral("八"), chinese_numeral("十九"), chinese_numeral("二十三")
    (8, 19, 23)
    """
    pair = len(text) == 2 and "十" not in text and _CN_VALUES[text[1]] == _CN_VALUES[text[0]] + 1  # 三四, not 二零二五
    if pair or ("十" in text and any(len(part) > 1 for part in text.split("十"))):  # 五六十, 十七八
        raise ValueError(f"{text}: an approximate numeral, not one number")
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
    >>> [(t.value, t.unit) for t in find_numbers("产值实现翻番，占比三成，过半企业，增长两倍")]
    [(2.0, '倍'), (30.0, '%'), (50.0, '%'), (2.0, '倍')]
    """
    tokens = []
    for m in _PATTERN.finditer(text):
        try:
            tokens.append(_token(m))
        except ValueError:  # 五六十家: about fifty or sixty, no figure to record
            continue
    return tokens


def _token(m: re.Match) -> NumberToken:
    if m["arabic"]:
        value, unit = float(m["arabic"]), m["aunit"] or ""
    elif m["ordinal"]:
        value, unit = float(chinese_numeral(m["ordinal"])), m["ounit"] or "位"
    elif m["tenths"]:
        value, unit = float(_CN_VALUES[m["tenths"]] * 10), "%"
    elif m["word"]:
        value, unit = WORDS[m["word"]]
    elif m["cardinal"]:
        value, unit = float(chinese_numeral(m["cardinal"])), m["cunit"]
    else:
        value, unit = 1.0, "位"
    return NumberToken(m.start(), m.end(), m.group(0), value, unit)


#: Words that make the number after them a decline: 下降2.5% is recorded as -2.5.
DECLINE_WORDS = ("下降", "减少", "回落", "降低", "负增长", "缩减", "下滑", "收窄")


def written_as_decline(value: float, text: str) -> bool:
    """Whether a positive ``value`` is written in ``text`` only after a word of decline
    (下降2.5% written as 2.5): then the value should be negative.

    >>> written_as_decline(2.5, "同比下降2.5%"), written_as_decline(2.5, "增长2.5%")
    (True, False)
    """
    hits = [t for t in find_numbers(text) if abs(t.value - value) < 1e-9]
    return value > 0 and bool(hits) and all(after_decline(text, t.start) for t in hits)


def written_in(value: float, text: str) -> bool:
    """Whether ``value`` is one of the numbers written in ``text``; a negative
    value is written as its size after a word of decline (下降2.5%).

    >>> written_in(-2.5, "地区生产总值下降2.5%"), written_in(-2.5, "地区生产总值增长2.5%")
    (True, False)
    """
    return any(is_written(value, t, text) for t in find_numbers(text))


def after_decline(text: str, start: int) -> bool:
    """Whether a word of decline comes just before position ``start`` of ``text`` (下降2.5%)."""
    return any(text[max(0, start - 6):start].find(w) >= 0 for w in DECLINE_WORDS)


def is_written(value: float, token: NumberToken, text: str) -> bool:
    """Whether the number ``token`` found in ``text`` writes ``value``: the same number, or a
    negative value's size after a word of decline."""
    return abs(token.value - value) < 1e-9 or (value < 0 and abs(token.value + value) < 1e-9
                                               and after_decline(text, token.start))


#: Words around a number that make it a floor, a ceiling or an approximation.
BOUND_WORDS_AFTER = {"以上": "lower", "左右": "approximate", "以下": "upper", "以内": "upper"}
BOUND_WORDS_BEFORE = {"不超过": "upper", "不低于": "lower", "超过": "lower", "突破": "lower", "逾": "lower",
                      "约": "approximate", "近": "approximate"}


def qualifier_of(value: float, text: str) -> tuple[str, str]:
    """The qualifier word written next to ``value`` in ``text``, and the bound it means.

    Examples
    --------
    >>> qualifier_of(8, "地区生产总值年均增长8%左右"), qualifier_of(5.6, "增长5.6%以上")
    (('左右', 'approximate'), ('以上', 'lower'))
    >>> qualifier_of(1490, "预计超过1490亿元"), qualifier_of(4, "年均增长4%")
    (('超过', 'lower'), ('', 'exact'))
    """
    for t in find_numbers(text):
        if abs(t.value - value) > 1e-9:
            continue
        after = text[t.end:]
        for word, bound in BOUND_WORDS_AFTER.items():
            if after.startswith(word):
                return word, bound
        before = text[:t.start]
        for word, bound in sorted(BOUND_WORDS_BEFORE.items(), key=lambda kv: -len(kv[0])):
            if before.endswith(word):
                return word, bound
        return "", "exact"
    return "", "exact"
