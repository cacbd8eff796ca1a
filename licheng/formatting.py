"""Labels and number formats in Chinese (zh) and English (en).

Values keep the unit the source writes (1490亿元); the English form converts
to international conventions (CNY 149.0 bn, 233,000).
"""
from __future__ import annotations

import math

from .exceptions import ParameterError

LANGS = ("zh", "en")

#: unit -> English form of a value in that unit
_EN_UNITS = {
    "亿元": lambda v: f"CNY {v / 10:,.1f} bn",
    "万元": lambda v: f"CNY {_num(v / 100, 2)} million",
    "元": lambda v: f"CNY {_num(v, 0)}",
    "万家": lambda v: _num(v * 1e4, 0),
    "万人": lambda v: _num(v * 1e4, 0),
    "万个": lambda v: _num(v * 1e4, 0),
    "万套": lambda v: _num(v * 1e4, 0),
    "万吨": lambda v: f"{_num(v / 100, 2)} million t",
    "%": lambda v: f"{_num(v, 1)}%",
    "公里": lambda v: f"{_num(v, 1)} km",
    "平方公里": lambda v: f"{_num(v, 1)} km²",
    "米": lambda v: f"{_num(v, 1)} m",
    "P": lambda v: f"{_num(v, 0)} PFLOPS",
    "位": lambda v: f"No. {_num(v, 0)}",
    "年": lambda v: f"{_num(v, 0)} years",
}
_PREFIX_QUALIFIERS = {"超过": "more than", "突破": "over", "达到": "", "达": "", "约": "about"}
_SUFFIX_QUALIFIERS = {"以上": "at least"}


def check_lang(lang: str) -> str:
    """``lang`` if it is a supported language, else a ParameterError."""
    if lang not in LANGS:
        raise ParameterError(f"parameter 'lang': {lang!r} is not a supported language; choose one of {', '.join(LANGS)}")
    return lang


def _num(x: float, digits: int, sep: str = ",") -> str:
    """A number with at most ``digits`` decimals, trailing zeros dropped."""
    text = f"{x:,.{digits}f}" if sep else f"{x:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def fmt_number(x: float, lang: str, digits: int = 1) -> str:
    """A plain number: ``1,156.4`` in English, ``1156.4`` in Chinese."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return _num(x, digits, "," if check_lang(lang) == "en" else "")


def fmt_pct(rate: float, lang: str, digits: int = 1, *, signed: bool = False) -> str:
    """A fraction as a percent: 0.052 → ``5.2%``.

    Examples
    --------
    >>> fmt_pct(0.0787, "en", 2), fmt_pct(-0.012, "zh", signed=True)
    ('7.87%', '-1.2%')
    """
    if rate is None or (isinstance(rate, float) and math.isnan(rate)):
        return "—"
    check_lang(lang)
    text = f"{rate * 100:.{digits}f}%"
    return ("+" + text) if signed and rate > 0 else text


def fmt_pp(diff: float, lang: str, digits: int = 1) -> str:
    """A difference of two rates (fractions) in percentage points."""
    check_lang(lang)
    return f"{diff * 100:+.{digits}f}" + (" pp" if lang == "en" else "个百分点")


def fmt_value(value: float, unit: str, lang: str, *, bound: str = "exact", qualifier: str = "",
              digits: int = 1) -> str:
    """A figure with its unit and its qualifier, as a reader should see it.

    Examples
    --------
    >>> fmt_value(1490, "亿元", "zh", bound="lower", qualifier="超过")
    '超过1490亿元'
    >>> fmt_value(1490, "亿元", "en", bound="lower", qualifier="超过")
    'more than CNY 149.0 bn'
    >>> fmt_value(23.3, "万家", "en"), fmt_value(5, "%", "en", bound="lower", qualifier="以上")
    ('233,000', 'at least 5%')
    """
    check_lang(lang)
    if lang == "zh":
        body = f"第{_num(value, 0, '')}位" if unit == "位" else f"{_num(value, digits, '')}{unit}"
        if bound == "lower":
            if qualifier in _SUFFIX_QUALIFIERS:
                return body + qualifier
            return (qualifier if qualifier in ("超过", "突破") else "超过") + body
        return body
    body = _EN_UNITS.get(unit, lambda v: _num(v, digits))(value)
    if bound == "lower":
        word = _PREFIX_QUALIFIERS.get(qualifier) or _SUFFIX_QUALIFIERS.get(qualifier) or "at least"
        return f"{word} {body}"
    return body


def fmt_figure(row, lang: str) -> str:
    """A scorecard row (or any mapping with value, unit, bound, qualifier) formatted."""
    return fmt_value(row["value"], row["unit"], lang, bound=row["bound"], qualifier=row["qualifier"])


def name(row, lang: str) -> str:
    """The indicator name of a scorecard row in ``lang``."""
    return row["name_zh"] if check_lang(lang) == "zh" else row["name_en"]


LABELS = {
    # themes
    "economy": ("经济总量与市场主体", "Economy and businesses"),
    "fiscal": ("财政", "Public finance"),
    "investment": ("投资与项目", "Investment and projects"),
    "innovation": ("科技创新", "Innovation"),
    "industry": ("产业", "Industry"),
    "opening_up": ("对外开放与物流", "Trade and logistics"),
    "urban": ("城市建设与交通", "Urban development and transport"),
    "environment": ("生态环境", "Environment"),
    "livelihood": ("民生", "Living standards and public services"),
    "housing": ("住房保障", "Housing"),
    # kinds
    "level": ("总量", "level"), "count": ("数量", "count"), "rank": ("位次", "rank"),
    "share": ("比重", "share"), "average_growth": ("年均增速", "average annual growth"),
    "yoy_growth": ("同比增速", "year-on-year growth"), "change": ("变化幅度", "change"),
    "streak": ("连续年数", "consecutive years"), "threshold": ("门槛", "threshold"),
    # status
    "outcome": ("实绩", "outcome"), "estimate": ("预计", "estimate"), "target": ("目标", "target"),
    # basis
    "real": ("实际（可比价）", "real (constant prices)"), "nominal": ("名义（现价）", "nominal (current prices)"),
    "not stated": ("未说明", "not stated"), "n/a": ("—", "—"),
    "real_short": ("实际", "real"), "nominal_short": ("名义", "nominal"),
    # reliability
    "official": ("官方网站", "official"), "press": ("新闻媒体", "press"), "secondary": ("转载（二手）", "secondary (repost)"),
    # places in the reference figures
    "济南市": ("济南市", "Jinan"), "山东省": ("山东省", "Shandong"), "历城区": ("历城区", "Licheng"),
    "历下区": ("历下区", "Lixia"), "高新区": ("高新区", "High-tech Zone"), "市中区": ("市中区", "Shizhong"),
    "章丘区": ("章丘区", "Zhangqiu"), "莱芜区": ("莱芜区", "Laiwu"), "槐荫区": ("槐荫区", "Huaiyin"),
    "天桥区": ("天桥区", "Tianqiao"),
    # table headers
    "indicator": ("指标", "Indicator"), "value": ("数值", "Value"), "period": ("时期", "Period"),
    "kind": ("类型", "Kind"), "basis": ("口径", "Basis"), "source": ("原文", "Source sentence"),
    "note": ("注", "Note"), "theme": ("领域", "Theme"), "rate": ("年均增速", "Average growth"),
    "year": ("年份", "Year"), "status": ("性质", "Status"), "reliability": ("可靠性", "Reliability"),
}


def label(key: str, lang: str) -> str:
    """The label of ``key`` in ``lang``; the key itself when it has no label."""
    zh, en = LABELS.get(key, (key, key))
    return zh if check_lang(lang) == "zh" else en
