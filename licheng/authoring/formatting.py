"""Labels and number formats in Chinese (zh) and English (en).

Values keep the unit the source writes (1490亿元); the English form converts
to international conventions (CNY 149.0 bn, 233,000).
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from licheng.figures import units
from licheng.exceptions import ParameterError
from licheng.scorecard.table import figure_q

if TYPE_CHECKING:
    import pandas as pd

    from licheng.figures.quantity import Q

LANGS = ("zh", "en")

#: source qualifiers: the word and its English, by where the word stands
PREFIX_QUALIFIERS = {"超过": "more than", "突破": "over", "达到": "", "达": "", "约": "about", "近": "nearly",
                     "不超过": "at most", "不低于": "at least", "逾": "over"}
SUFFIX_QUALIFIERS = {"以上": "at least", "左右": "about", "以下": "at most", "以内": "at most"}
#: how a computed value with each bound reads, when no source word applies
BOUND_WORDS = {"lower": ("不低于", "at least"), "upper": ("不高于", "at most"), "approximate": ("约", "about")}
_SCALES = ((1e9, " bn"), (1e6, " million"))


def check_lang(lang: str) -> str:
    """``lang`` if it is a supported language, else a ParameterError."""
    if lang not in LANGS:
        raise ParameterError(f"parameter 'lang': {lang!r} is not a supported language; choose one of {', '.join(LANGS)}")
    return lang


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
    return _body(diff, "pp", lang, digits + 2)


def _decimals(written: int | None, default: int, fixed: bool = False) -> tuple[int, bool]:
    """Decimals to show and whether to drop trailing zeros (only for computed values, and not in a
    table column, ``fixed``, where 1.00 sits beside 1.18)."""
    return (default, not fixed) if written is None else (written, False)


def _directed(x: float, d: int, direction: int) -> float:
    """``x`` rounded to ``d`` decimals downward for a floor (direction 1), upward for a
    ceiling (-1), to nearest otherwise: a floor shown must stay a floor."""
    if not direction or not math.isfinite(x):
        return x
    scaled = x * 10 ** d
    return (math.floor(scaled + 1e-9) if direction > 0 else math.ceil(scaled - 1e-9)) / 10 ** d


def _body(value: float, unit: str, lang: str, written: int | None, default: int = 1, direction: int = 0,
          fixed: bool = False) -> str:
    """The number and its unit, no qualifier. ``written``: decimals as written in the
    source, kept as they are; else up to ``default`` decimals, trailing zeros dropped."""
    digits = written
    n, strip = _decimals(written, default, fixed)

    def num(x, d=n, sep=","):
        x = _directed(x, d, direction)
        text = f"{x:,.{d}f}" if sep else f"{x:.{d}f}"
        return text.rstrip("0").rstrip(".") if strip and "." in text else text

    if unit in ("fraction", "pp"):
        n, strip = _decimals(None if written is None else max(written - 2, 0), default, fixed)
        pct = value * 100
        if unit == "pp":
            text = f"{_directed(pct, n, direction):+.{n}f}"
            return text + (" pp" if lang == "en" else "个百分点")
        return f"{num(pct, n, '')}%"
    if unit in ("ratio", "", "count", "years", "year"):
        body = num(value, n, "," if lang == "en" and unit != "year" else "")
        if unit == "years":
            return body + (" years" if lang == "en" else "年")
        return body
    if lang == "zh":
        if written is None and unit in ("元", "美元"):
            n = 0  # a computed income in yuan: whole yuan
        elif written is None and abs(value) < 10 and (units.get(unit) or units.get("元")).factor >= 1e4:
            n = max(n, 2)  # 0.80亿美元, 4.31亿元: as many figures as English's USD 80.04 million
        return f"第{num(value, 0, '')}位" if unit == "位" else f"{num(value, n, '')}{unit}"
    u = units.get(unit)
    if u is None:
        return f"{num(value, n)} {unit}"
    if written is None and u.dimension == "money" and u.factor == 1:
        n = 0  # a computed income in yuan: whole yuan
    if u.dimension == "rank":
        return f"No. {num(value, 0)}"
    base = value * u.factor
    for scale, word in _SCALES:
        if u.factor > 1 and abs(base) >= scale:
            if digits is None:
                d = (2 if abs(base) < 10 * scale else 1) if word == " bn" else 2  # CNY 1.45 bn, CNY 115.6 bn
            else:
                d = min(2, max(0, digits - round(math.log10(u.factor)) + round(math.log10(scale))))
            shown = f"{_directed(base / scale, d, direction):,.{d}f}"
            if "." in shown and word == " million":
                shown = shown.rstrip("0").rstrip(".")
            return f"{u.en_before + ' ' if u.en_before else ''}{shown}{word}{u.en_after}"
    if u.factor > 1:
        d = max(0, (digits if digits is not None else 0) - round(math.log10(u.factor)))
        shown = f"{_directed(base, d, direction):,.{d}f}"
    else:
        shown = num(value, n)
    return f"{u.en_before + ' ' if u.en_before else ''}{shown}{u.en_after}"


def _qualified(body: str, lang: str, bound: str, qualifier: str) -> str:
    if bound == "exact":
        return body
    if lang == "zh":
        if qualifier in SUFFIX_QUALIFIERS:
            return body + qualifier
        if qualifier in PREFIX_QUALIFIERS and qualifier not in ("达到", "达"):
            return qualifier + body
        return BOUND_WORDS[bound][0] + body
    word = PREFIX_QUALIFIERS.get(qualifier) or SUFFIX_QUALIFIERS.get(qualifier) or BOUND_WORDS[bound][1]
    return f"{word} {body}"


#: A year known only as a bound: "2027 at the latest", not "at most 2027".
YEAR_BOUND_WORDS = {"lower": ("最早", "at the earliest"), "upper": ("最迟", "at the latest"), "approximate": ("约", "around")}


def _year_qualified(body: str, lang: str, bound: str) -> str:
    if bound == "exact":
        return body
    zh, en = YEAR_BOUND_WORDS[bound]
    if lang == "zh":
        return zh + body
    return f"{en} {body}" if bound == "approximate" else f"{body} {en}"


def fmt_value(value: float, unit: str, lang: str, *, bound: str = "exact", qualifier: str = "",
              digits: int = 1, written: int | None = None, status: str = "outcome", fixed: bool = False) -> str:
    """A figure with its unit, its qualifier and, for an estimate, 预计 / (est.). ``fixed`` keeps a
    computed value's trailing zeros (a table column).

    Examples
    --------
    >>> fmt_value(1490, "亿元", "zh", bound="lower", qualifier="超过", written=0, status="estimate")
    '预计超过1490亿元'
    >>> fmt_value(1490, "亿元", "en", bound="lower", qualifier="超过", written=0)
    'more than CNY 149.0 bn'
    >>> fmt_value(23.3, "万家", "en"), fmt_value(5, "%", "en", bound="lower", qualifier="以上")
    ('233,000', 'at least 5%')
    >>> fmt_value(8, "%", "en", bound="approximate", qualifier="左右", written=0)
    'about 8%'
    >>> fmt_value(2027, "year", "en", bound="upper", status="estimate")
    '2027 at the latest (est.)'
    """
    check_lang(lang)
    # a computed floor is rounded down and a ceiling up, so that what is shown stays true
    direction = 0 if written is not None else {"lower": 1, "upper": -1}.get(bound, 0)
    body = _body(value, unit, lang, written, digits, direction, fixed)
    text = _year_qualified(body, lang, bound) if unit == "year" else _qualified(body, lang, bound, qualifier)
    if status == "estimate":
        return "预计" + text if lang == "zh" else text + " (est.)"
    return text


def fmt_q(q: Q, lang: str, digits: int | None = None, *, fixed: bool = False) -> str:
    """A :class:`~licheng.figures.quantity.Q` as a reader must see it: bound, estimate, unit.

    ``digits`` sets the decimals of a computed value (a source figure keeps
    the decimals it was written with).

    Examples
    --------
    >>> from licheng.figures.quantity import Q
    >>> fmt_q(Q(0.0787, "fraction", bound="lower", status="estimate"), "en", 2)
    'at least 7.87% (est.)'
    >>> fmt_q(Q(-0.006, "pp", bound="lower"), "zh")
    '不低于-0.6个百分点'
    """
    return fmt_value(q.value, q.unit, lang, bound=q.bound, qualifier=q.qualifier, digits=1 if digits is None else digits,
                     written=q.digits, status=q.status, fixed=fixed)


def quoted(text: str) -> str:
    """A quotation in quotation marks: “…”, or 「…」 when the text has “ ” of its own (a report
    quoting a phrase), so that marks do not nest into ““…””.

    >>> quoted("年均增长5.2%"), quoted("“十四五”时期年均增长6.6%")
    ('“年均增长5.2%”', '「“十四五”时期年均增长6.6%」')
    """
    text = str(text)
    return f"「{text}」" if "“" in text or "”" in text else f"“{text}”"


def unit_label(unit: str, lang: str) -> str:
    """A unit as a table header shows it: 亿元 in Chinese, CNY 100 million in English."""
    if check_lang(lang) == "zh":
        return unit
    u = units.get(unit)
    return u.en_name if u else unit


def fmt_figure(row: pd.Series, lang: str) -> str:
    """A scorecard row formatted with its qualifier, its status and the decimals as written."""
    return fmt_q(figure_q(row), lang)


def name(row: pd.Series, lang: str) -> str:
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
    "streak": ("连续年数", "consecutive years"), "threshold": ("门槛", "threshold"), "multiple": ("倍数", "multiple"),
    # status
    "outcome": ("实绩", "outcome"), "estimate": ("预计", "estimate"), "target": ("目标", "target"),
    # basis
    "real": ("实际（可比价）", "real (constant prices)"), "nominal": ("名义（现价）", "nominal (current prices)"),
    "not stated": ("未说明", "not stated"), "n/a": ("不适用", "n/a"),
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


#: English names of the indicators in the reference figures
REFERENCE_INDICATORS = {
    "地区生产总值": "GDP", "一般公共预算收入": "general public budget revenue", "市场主体总量": "market entities (total)",
    "地区生产总值年均增速目标": "GDP average growth target", "一般公共预算收入年均增速目标": "budget revenue average growth target",
    "固定资产投资年均增速目标": "fixed-asset investment average growth target", "地区生产总值增速目标": "GDP growth target",
    "城镇居民人均可支配收入增速目标": "urban income growth target", "农村居民人均可支配收入增速目标": "rural income growth target",
    "研发投入强度": "R&D intensity", "城镇居民人均可支配收入": "urban per-capita disposable income",
    "农村居民人均可支配收入": "rural per-capita disposable income", "地区生产总值年均增速": "GDP average annual growth",
    "一般公共预算收入年均增速": "budget revenue average annual growth",
}


def reference_indicator(indicator: str, lang: str) -> str:
    """A reference indicator as a reader reads it: 地区生产总值_历下区 is 历下区地区生产总值 / GDP of Lixia.

    >>> reference_indicator("地区生产总值_历下区", "en"), reference_indicator("研发投入强度", "en")
    ('GDP of Lixia', 'R&D intensity')
    """
    base, _, place = indicator.partition("_")
    if check_lang(lang) == "zh":
        return f"{place}{base}" if place else indicator
    name = REFERENCE_INDICATORS.get(base, base)
    return f"{name} of {label(place, lang)}" if place else name


def label(key: str, lang: str) -> str:
    """The label of ``key`` in ``lang``; the key itself when it has no label."""
    zh, en = LABELS.get(key, (key, key))
    return zh if check_lang(lang) == "zh" else en
