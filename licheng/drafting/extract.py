"""A scorecard drafted from a work report's text: one proposed row per figure.

Every number the finder (:func:`licheng.figures.numbers.find_numbers`) sees
is either taken as a figure, with its value and unit as written, the clause
that states it as its quote and proposals for the other columns, or left out
with a reason (:mod:`licheng.drafting.notfigures`). The proposals are read
from the wording (:mod:`licheng.drafting.wording`) and named from the
vocabulary (:mod:`licheng.drafting.vocabulary`); a ``review`` note says what a
person must check.

Examples
--------
>>> d = draft("2025年，全区地区生产总值达到98.7亿元，同比增长6%以上。", year=2026)
>>> [(f.id, f.value, f.unit, f.period, f.kind, f.bound) for f in d.figures]
[('gdp', 98.7, '亿元', '2025', 'level', 'exact'), ('gdp_growth', 6.0, '%', '2025', 'yoy_growth', 'lower')]
>>> [(x.text, x.reason) for x in d.left_out]
[('2025年', 'a year (a date, or part of a name)')]
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from licheng.drafting import wording as W
from licheng.drafting.notfigures import excluded_spans, is_year, reason_for_token
from licheng.drafting.vocabulary import Match, Vocabulary, theme_of
from licheng.exceptions import ParameterError
from licheng.figures import units
from licheng.figures.numbers import DECLINE_WORDS, WORDS, NumberToken, find_numbers, qualifier_of

if TYPE_CHECKING:
    import pandas as pd

#: Words right before a value that name its qualifier when no word of bound does.
EXACT_WORDS = ("达到", "稳定在", "保持在", "稳居", "位居", "保持", "累计", "连续", "力争", "分别", "完成", "达",
               "为", "居")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Figure:
    """One proposed row of the scorecard."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    quote_start: int
    quote: str
    kind: str = "level"
    period: str = ""
    status: str = "outcome"
    qualifier: str = ""
    bound: str = "exact"
    basis: str = "n/a"
    id: str = ""
    name_zh: str = ""
    name_en: str = ""
    theme: str = "economy"
    note: str = ""
    note_zh: str = ""
    confidence: str = "high"
    review: list[str] = field(default_factory=list)
    wording: str = ""  # what names the figure (for the vocabulary and the name)
    listed: bool = False  # one value of a 分别 list, named by its item
    match: Match | None = None

    def flag(self, why: str, confidence: str = "medium") -> None:
        self.review.append(why)
        order = ("high", "medium", "low")
        if order.index(confidence) > order.index(self.confidence):
            self.confidence = confidence


@dataclass(frozen=True)
class LeftOut:
    """A number of the text that is not taken, with the reason."""

    start: int
    end: int
    text: str
    reason: str


@dataclass
class Draft:
    text: str
    figures: list[Figure]
    left_out: list[LeftOut]
    year: int
    year_evidence: str
    notes: list[str] = field(default_factory=list)

    @property
    def plan(self) -> tuple[int, int]:
        return plan_period(self.year)


def plan_period(year: int) -> tuple[int, int]:
    """The five-year plan period under review in a report of ``year`` (2021-2025 for 2026)."""
    last = year - 1
    return ((last - 1) // 5) * 5 + 1, last


def report_year(text: str) -> tuple[int, str]:
    """The year of the report, from the text: the year after an estimate (预计2025年),
    the year in the report's title, else the latest year named (not a future one after 到).

    Raises ParameterError when the text names no year.
    """
    m = re.search(r"预计((?:19|20)\d{2})年", text)
    if m:
        return int(m[1]) + 1, f"预计{m[1]}年 (an estimate for the year before)"
    m = re.search(r"((?:19|20)\d{2})\s*年?\s*(?:政府工作报告|区县两会|两会|人民代表大会)", text)
    if m:
        return int(m[1]), m.group(0)
    years = [int(m[1]) for m in re.finditer(r"(?<![\d到至])((?:19|20)\d{2})(?!\d)", text)
             if not text[max(0, m.start() - 1):m.start()] in ("到", "至")]
    if not years:
        raise ParameterError("--date: the text names no year; give the report's date as --date YYYY[-MM[-DD]]")
    return max(years), f"{max(years)} (the latest year the text names)"


def draft(text: str, *, year: int | None = None, vocabulary: Vocabulary | None = None,
          exclusions: pd.DataFrame | None = None) -> Draft:
    """Draft the scorecard of ``text``: figures with proposed columns, and the numbers left out.

    Parameters
    ----------
    text : str
        The work report (or news report) as written.
    year : int, optional
        The report's year (2026 for a report on 2025 with 2026 targets); read
        from the text when not given.
    vocabulary : Vocabulary, optional
        Indicator names; the packaged ones by default.
    exclusions : DataFrame, optional
        ``fragment`` and ``reason`` columns, as the coverage audit's: numbers
        inside a fragment are left out with its reason.
    """
    if year is None:
        year, evidence = report_year(text)
    else:
        evidence = "given"
    vocabulary = vocabulary or Vocabulary()
    return _Drafter(text, year, evidence, vocabulary, exclusions).run()


class _Drafter:
    def __init__(self, text, year, evidence, vocabulary, exclusions):
        self.text, self.year, self.evidence, self.vocab = text, year, evidence, vocabulary
        self.last = year - 1
        self.plan = plan_period(year)
        # a report at the end of a plan period reviews the whole period (2026 reviews 2021-2025)
        self.plan_review = self.last % 5 == 0 or W.has_any(text, W.PLAN_REVIEW_WORDS)
        self.sections = self._sections()
        self.spans = excluded_spans(text, exclusions)
        self.sentence_ends = [i for i, c in enumerate(text) if c in W.SENTENCE_ENDS]
        self.clause_ends = [i for i, c in enumerate(text) if c in W.CLAUSE_ENDS]
        self.para_ends = [i for i, c in enumerate(text) if c == "\n"]
        self.left_out: list[LeftOut] = []
        self.notes: list[str] = []

    def _sections(self) -> tuple[list[int], list[str]]:
        """Where each part of the report starts, and whether it is about the year ahead (target) or the past."""
        starts, states, pos = [], [], 0
        for line in self.text.split("\n"):
            if line.strip() and W.HEADING_RE.match(line) and not W.has_any(line, ("政府工作报告", "会议", "大会")):
                numbered = bool(re.match(r"\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", line))
                years = [int(y) for y in W.YEAR_RE.findall(line)]
                if W.has_any(line, W.REVIEW_HEADING_WORDS) or (numbered and years and max(years) < self.year):
                    starts.append(pos), states.append("past")
                elif W.has_any(line, W.TARGET_HEADING_WORDS) or (numbered and self.year in years):
                    starts.append(pos), states.append("target")
            pos += len(line) + 1
        return starts, states

    def section(self, pos: int) -> str:
        starts, states = self.sections
        i = bisect.bisect_right(starts, pos) - 1
        return states[i] if i >= 0 else ""

    # -- where a position sits ------------------------------------------------
    def _bounds(self, ends: list[int], pos: int) -> tuple[int, int]:
        i = bisect.bisect_left(ends, pos)
        start = ends[i - 1] + 1 if i > 0 else 0
        end = ends[i] if i < len(ends) else len(self.text)
        return start, end

    def sentence(self, pos):
        return self._bounds(self.sentence_ends, pos)

    def clause(self, pos):
        return self._bounds(self.clause_ends, pos)

    # -- the steps -------------------------------------------------------------
    def run(self) -> Draft:
        tokens = find_numbers(self.text)
        cover = self._cover(tokens)
        candidates: list[Figure] = []
        skip = set()
        for i, t in enumerate(tokens):
            if i in skip:
                continue
            reason = cover.get(i) or reason_for_token(t, self.text)
            if reason is None:
                fig, reason, used = self._candidate(t, tokens, i)
                skip |= used
                if fig is not None:
                    candidates.extend(fig)
                    continue
            self.left_out.append(LeftOut(t.start, t.end, t.text, reason))
        self._left_out_names(tokens)
        self.figure_starts = sorted(f.start for f in candidates)
        for f in candidates:
            self._describe(f)
        self._lists(candidates)
        self.token_ends = sorted(f.end for f in candidates)
        for f in candidates:
            self._name(f)
        figures = self._drop_repeats(candidates)
        self._ids(figures)
        self.left_out.sort(key=lambda x: x.start)
        return Draft(self.text, figures, self.left_out, self.year, self.evidence, self.notes)

    def _cover(self, tokens: list[NumberToken]) -> dict[int, str]:
        """Tokens inside a span that is not a figure, with the span's reason."""
        out = {}
        starts = [s for s, _, _ in self.spans]
        for i, t in enumerate(tokens):
            j = bisect.bisect_right(starts, t.start)
            for s, e, reason in self.spans[max(0, j - 30):j]:
                if s <= t.start and t.end <= e:
                    out[i] = reason
                    break
        return out

    def _left_out_names(self, tokens):
        """Names with numerals the finder does not see as numbers (十四五) are listed too."""
        starts = sorted(t.start for t in tokens)
        for s, e, reason in self.spans:
            if bisect.bisect_left(starts, e) == bisect.bisect_left(starts, s) and re.search(r"[\d一二三四五六七八九十]", self.text[s:e]):
                self.left_out.append(LeftOut(s, e, self.text[s:e], reason))

    def _candidate(self, t: NumberToken, tokens, i) -> tuple[list[Figure] | None, str, set]:
        """A number that may be a figure: its unit settled (ranges, 个百分点, ％, 五大), or why not."""
        text = self.text
        before1 = text[t.start - 1:t.start] if t.start else ""
        after = text[t.end:t.end + 6]
        unit, end, kind = t.unit, t.end, ""
        ordinal = t.text.startswith("第") or before1 == "第"
        if t.text in ("首位", "榜首"):
            kind = "rank"
        elif ordinal:
            if unit == "位" and (t.text.endswith("位") or after[:1] in ("名", "") or not _CJK.match(after[:1])):
                kind, unit = "rank", "位"
                if after[:1] == "名":
                    end += 1
            else:
                return None, "an ordinal in a name or a figure of speech (第一动力, 第3条)", set()
        elif unit == "位":
            if _CJK.match(after[:1]):
                return None, "位 counts people here (三位院士), not a rank", set()
            kind = "rank"
        if unit == "个" and after.startswith("百分点"):
            unit, end = "个百分点", end + 3
        if unit == "大":
            unit = "个"
        if unit == "" and after[:1] == "％":
            unit, end = "%", end + 1
        if unit == "" or after[:1] in W.RANGE_MARKS:
            # a range: 5-6%, 5%—6%, 5%至6%: the first end takes the unit of the second
            mark = re.match(rf"\s*([{W.RANGE_MARKS}]+)\s*", text[t.end:t.end + 4])
            j = i + 1
            if mark and j < len(tokens) and tokens[j].start == t.end + mark.end() and tokens[j].unit \
                    and tokens[j].unit == (unit or tokens[j].unit) and not is_year(tokens[j]) \
                    and tokens[j].value > t.value:
                hi = tokens[j]
                lo_fig = self._figure(t, tokens[j].unit, t.end, kind)
                hi_fig = self._figure(hi, hi.unit, hi.end, kind)
                for f, bound in ((lo_fig, "lower"), (hi_fig, "upper")):
                    f.qualifier, f.bound = mark[1], bound
                    f.flag(f"a range {text[t.start:hi.end]}: kept as a floor and a ceiling")
                return [lo_fig, hi_fig], "", {j}
            if unit == "":
                return None, "no unit follows it (a code, a name or part of a date)", set()
        if unit == "年":
            if "连续" in text[max(0, t.start - 3):t.start]:
                kind = "streak"
            else:
                return None, "a span of years (过往五年), not a figure", set()
        if units.get(unit) is None:
            return None, f"{unit} is not a unit of the unit table", set()
        fig = self._figure(t, unit, end, kind)
        if t.unit == "大":
            fig.flag(f"{t.text}: a count, or the name of a group (八大产业)?", "low")
        return [fig], "", set()

    def _figure(self, t: NumberToken, unit: str, end: int, kind: str) -> Figure:
        cs, ce = self.clause(t.start)
        ss, _ = self.sentence(t.start)
        qs = cs
        while qs > ss and _subjectless(self.text[qs:t.start]):
            qs, _ = self.clause(qs - 1)
        quote = self.text[qs:ce]
        lead = len(quote) - len(quote.lstrip(" \t\u3000”’=+-@、，"))
        quote = quote[lead:].rstrip(" \t\u3000“‘")
        return Figure(t.start, max(end, t.end), t.text, t.value, unit, qs + lead, quote, kind=kind)

    # -- what each figure is ---------------------------------------------------
    def _describe(self, f: Figure) -> None:
        text = self.text
        cs, ce = self.clause(f.start)
        ss, se = self.sentence(f.start)
        ps, _ = self._bounds(self.para_ends, f.start)
        own = text[cs:f.start]
        before_sentence = text[ss:f.start]
        near = text[max(cs, f.start - 8):f.start]
        after = text[f.end:ce]
        later_in_clause = bisect.bisect_left(self.figure_starts, ce) > bisect.bisect_right(self.figure_starts, f.start)

        # qualifier and bound
        if not f.qualifier:
            if f.text in ("过半", "半数"):
                f.qualifier, f.bound = f.text, "lower"
            else:
                window = text[max(cs, f.start - 3):min(ce, f.end + 2)]
                f.qualifier, f.bound = qualifier_of(f.value, window)
                if not f.qualifier:
                    f.qualifier = next((w for w in EXACT_WORDS if near.endswith(w) or
                                        re.search(re.escape(w) + r"[^，。；]{0,2}$", near)), "")
        # kind
        dim = units.get(f.unit).dimension
        # a total (总量超过23.3万家), unless the unit is followed by what it counts (经济总量连跨四个百亿级台阶)
        stock = W.has_any(near, W.STOCK_WORDS[:4]) and not _CJK.match(after[len(f.qualifier) if
                                                                          f.qualifier in ("以上", "左右") else 0:][:1] or "x")
        threshold = f.qualifier in ("以上", "以下") and after[len(f.qualifier):][:1] not in ("", "的") \
            and _CJK.match(after[len(f.qualifier):][:1] or "x") and later_in_clause
        if f.kind:
            pass
        elif threshold:
            f.kind = "threshold"
        elif f.unit == "个百分点":
            f.kind = "change"
        elif f.unit == "倍":
            f.kind = "multiple"
        elif dim == "percent":
            aggregate = W.has_any(own, W.MONEY_WORDS + W.REAL_GROWTH_WORDS) and not W.has_any(own, W.INTENSITY_WORDS)
            if "年均" in own:
                f.kind = "average_growth"
            elif re.search(r"(?:提高|提升|上升|下降|降低|扩大|拓展)(?:到|至)$", near):
                f.kind = "share"  # 城镇化率提高到71.5%: the level reached
            elif W.has_any(near, DECLINE_WORDS) and aggregate:
                f.kind = "yoy_growth"  # 固定资产投资下降2.3%
            elif W.has_any(near, W.CHANGE_WORDS + DECLINE_WORDS) and not W.has_any(near, ("同比", "比上年", "增速")):
                f.kind = "change"
            elif W.has_any(near, W.GROWTH_WORDS):
                f.kind = "yoy_growth"
            else:
                f.kind = "share"
        elif dim == "count":
            f.kind = "level" if stock else "count"
        else:
            f.kind = "level"
        if f.kind in ("yoy_growth", "average_growth", "change") and W.has_any(near[-6:], DECLINE_WORDS) \
                and f.value > 0:
            f.value = -f.value
        # status
        para_before = text[ps:f.start]
        years_before = [int(y) for y in W.YEAR_RE.findall(before_sentence)]
        if W.has_any(before_sentence, W.TARGET_WORDS) or W.has_any(para_before, ("预期目标", "主要目标")) \
                or self.section(f.start) == "target" \
                or (years_before and years_before[-1] >= self.year):
            f.status = "target"
        elif W.has_any(before_sentence, W.ESTIMATE_WORDS):
            f.status = "estimate"
        # period
        f.period = self._period(f, own, before_sentence, years_before, cs, ss, stock)

    def _period(self, f: Figure, own: str, before_sentence: str, years_before: list[int], cs: int, ss: int,
                stock: bool) -> str:
        last, (p0, p1) = self.last, self.plan
        span = f"{p0}-{p1}"
        if f.status == "target":
            later = [y for y in years_before if y >= self.year]
            return str(later[-1] if later else self.year)
        if f.kind == "average_growth":
            return span
        if f.kind == "streak":
            return f"{last - int(f.value) + 1}-{last}"
        since = W.SINCE_RE.search(own)
        if since:
            return f"{int(since[1]) + 1}-{last}"
        if W.has_any(before_sentence, ("全年", "当年", "年内")):
            return str(last)  # 全年新增市场经营主体2160户: that year's
        years_own = [int(y) for y in W.YEAR_RE.findall(own)]
        if years_own:
            return str(years_own[-1])
        if years_before and not (W.has_any(own, W.FLOW_WORDS) and self.plan_review):
            return str(years_before[-1])
        if f.kind == "multiple" and (f.text in WORDS or W.has_any(own[-4:], W.GROWTH_WORDS)) and self.plan_review:
            return span  # 产值实现翻番, 增长两倍: over the plan period
        if f.kind in ("rank", "yoy_growth", "multiple") and "累计" not in own:
            return str(last)
        if stock:
            return str(last)
        flow = W.has_any(own, W.FLOW_WORDS) or f.kind == "change"
        if not flow and 1 <= len(_CJK.findall(W.strip_leading(own))) <= 4 and not W.has_any(own, W.TRAILING_WORDS) \
                and cs > ss:
            prev_cs, _ = self.clause(cs - 1)
            flow = W.has_any(self.text[prev_cs:cs], W.FLOW_WORDS)  # 新建公园78处，绿道39公里
        if flow and self.plan_review:
            rest = self.text[f.end:self.sentence(f.start)[1]]
            if f.kind == "count" and W.has_any(own, ("新增",)) and W.has_any(rest, ("总量",)):
                f.flag(f"period: new in {last} (beside the total), or over {span}?")
                return str(last)
            return span
        if f.kind == "count" and not flow:
            f.flag(f"period guessed: the number at the end of {last}, or added over {span}?")
        return str(last)

    # -- 分别 lists ---------------------------------------------------------------
    def _lists(self, figures: list[Figure]) -> None:
        """Values of a 分别 list (城乡居民人均可支配收入分别达到66727元、32316元) are named by its items."""
        by_clause: dict[tuple[int, int], list[Figure]] = {}
        for f in figures:
            by_clause.setdefault(self.clause(f.start), []).append(f)
        for (cs, ce), group in by_clause.items():
            if len(group) < 2 or any(g.kind in ("rank", "streak", "threshold") for g in group):
                continue
            ss, _ = self.sentence(cs)
            subject = _list_subject(self.text, ss, cs, group[0].start)
            items = _items(subject) if subject else []
            if len(items) == len(group) and "分别" in self.text[ss:group[0].start]:
                for f, item in zip(group, items):
                    f.wording, f.listed = item, True
                    f.flag(f"one value of a 分别 list: check that it is {item}'s")
            elif len({g.unit for g in group}) == 1 and all(g.kind == group[0].kind for g in group) \
                    and self.text[group[0].end:group[1].start].strip() in ("、", "和", "，"):
                for f in group:
                    f.flag("several values in one clause: check which indicator each is", "low")

    # -- names, ids ---------------------------------------------------------------
    def _name(self, f: Figure) -> None:
        text = self.text
        cs, ce = self.clause(f.start)
        if f.listed:
            own = f.wording
        else:
            i = bisect.bisect_left(self.token_ends, f.start + 1) - 1
            seg = text[max(cs, self.token_ends[i] if i >= 0 else 0):f.start]
            if "、" in seg:
                seg = seg.rsplit("、", 1)[1]  # 交付10个安置房、47个“保交房”项目: 47's own words start after 、
            if not _CJK.search(seg):  # 枢纽网络直达23国52城: the clause's subject names both
                seg = _before_numbers(text[cs:f.start])
            own = seg
        own = W.PERIOD_LEAD.sub("", W.strip_leading(own))
        own = re.sub(r"(?:19|20)\d{2}年|连续[一二三四五六七八九十\d]+年|全[市省国球区县]$", "", own)
        own = W.strip_trailing(own)
        noun = ""
        if f.kind in ("count", "level", "threshold"):
            m = re.match(r"[^，。；、\d：:]{0,12}", text[f.end:ce])
            noun = W.strip_trailing(m.group(0)) if m else ""
            if f.qualifier and noun.startswith(f.qualifier):
                noun = noun[len(f.qualifier):]
        topic_words = W.strip_leading(_before_numbers(text[f.quote_start:cs]))
        topic = W.strip_trailing(topic_words)
        if f.kind == "level" and W.has_any(text[max(cs, f.start - 6):f.start], ("总量",)):
            topic = topic_words = re.sub("|".join(W.FLOW_WORDS), "", topic)  # 新增市场主体3.4万家，总量超过23.3万家
        m = self.vocab.match(own + noun, f.kind) or (self.vocab.match(topic_words + own, f.kind) if topic else None)
        f.match = m
        wording = own + noun
        if len(_CJK.findall(wording)) < 3 and topic:
            wording = topic + wording
        if m:
            f.name_zh, f.name_en, f.theme = m.name_zh, m.name_en, m.theme or theme_of(wording)
            f.basis = m.basis or _basis(f, wording)
            if not m.exact_kind:
                f.confidence = "medium" if f.confidence == "high" else f.confidence  # named by rule
            if len(m.alias) <= 2:
                f.flag(f"named from the one word {m.alias}: check the indicator", "medium")
        else:
            f.name_zh = wording or f.text
            f.theme, f.basis = theme_of(wording + noun), _basis(f, wording)
            f.flag("unknown indicator: give it an id and an English name", "low")
        if f.status == "target":
            f.name_zh += "目标"
            if m:
                f.name_en += " target"
        if f.status == "estimate":
            f.note, f.note_zh = "Preliminary estimate (预计).", "预计数。"
        if f.basis in ("real", "nominal") and f.kind in ("yoy_growth", "average_growth"):
            f.note = (f.note + " " if f.note else "") + \
                f"Basis not stated; read as {f.basis} by the convention of work reports."
            f.note_zh += f"原文未说明口径；按政府工作报告的惯例读作{'实际' if f.basis == 'real' else '名义'}增速。"

    def _drop_repeats(self, figures: list[Figure]) -> list[Figure]:
        """A figure stated again (10个安置房项目交付 after 交付10个安置房) is left out as a repeat."""
        kept: list[Figure] = []
        for f in figures:
            first = next((k for k in kept if k.value == f.value and k.unit == f.unit and k.status == f.status
                          and k.kind == f.kind and (k.match.id == f.match.id if k.match and f.match else
                                                    _share_words(k.name_zh, f.name_zh))), None)
            if first is not None and first.quote != f.quote:
                self.left_out.append(LeftOut(f.start, f.end, f.text, f"repeats {first.text} of “{first.quote}”"))
            else:
                kept.append(f)
        return kept

    def _ids(self, figures: list[Figure]) -> None:
        seen: Counter = Counter()
        first: dict[str, Figure] = {}
        for n, f in enumerate(figures, start=1):
            if f.match:
                base = f.match.id + ("_target" if f.status == "target" and not f.match.id.endswith("_target") else "")
            else:
                base = f"{f.theme}_{n:02d}"
            if f.bound in ("lower", "upper") and any(r.startswith("a range") for r in f.review):
                base += "_low" if f.bound == "lower" else "_high"
            seen[base] += 1
            f.id = base if seen[base] == 1 else f"{base}_{seen[base]}"
            if seen[base] > 1:
                f.flag(f"the same indicator as {first[base].id} (“{first[base].quote}”): check which is which")
            first.setdefault(base, f)
            if not f.name_en:
                f.name_en = f"(to name) {f.name_zh}"


def _subjectless(clause: str) -> bool:
    """Whether a clause (up to its figure) names no indicator of its own (年均增长4%)."""
    s = W.PERIOD_LEAD.sub("", W.strip_leading(clause))
    return not _CJK.search(s) or s.startswith(W.SUBJECTLESS_STARTS) or s[:1].isdigit()


def _before_numbers(text: str) -> str:
    """The words of ``text`` before its first number (the subject of a sentence's first clause)."""
    text = W.PERIOD_LEAD.sub("", re.sub(r"(?:19|20)\d{2}年", "", W.strip_leading(text)))
    return re.split(r"\d|第|[一二三四五六七八九十两]+(?:个|大|年|家)", text, maxsplit=1)[0]


def _list_subject(text: str, ss: int, cs: int, first: int) -> str:
    """The subject of the 分别 before ``first`` in its sentence (城乡居民人均可支配收入)."""
    i = text.rfind("分别", ss, first)
    while i >= 0:
        subject = W.strip_leading(text[max(text.rfind("，", ss, i) + 1, ss):i])
        if not _subjectless(subject):
            return subject
        i = text.rfind("分别", ss, i)  # 年均分别增长5.8%和7.3%: the items of the 分别 before
    return ""


def _items(subject: str) -> list[str]:
    """The items of a 分别 list's subject: 中小学、幼儿园 is two, 城乡居民人均可支配收入 is 城镇... and 农村...."""
    parts = [p for p in W.LIST_SPLIT.split(subject) if p]
    if len(parts) == 1:
        for pair, (a, b) in W.PAIRS.items():
            if pair in subject:
                return [subject.replace(pair, a, 1), subject.replace(pair, b, 1)]
    return parts


def _share_words(a: str, b: str) -> bool:
    """Whether two names share three characters in a row (安置房, 保障性租赁住房)."""
    a, b = "".join(_CJK.findall(a)), "".join(_CJK.findall(b))
    return any(a[i:i + 3] in b for i in range(len(a) - 2))


def _basis(f: Figure, wording: str) -> str:
    if f.kind in ("count", "rank", "streak"):
        return "n/a"
    if units.get(f.unit).dimension == "money":
        return "nominal"
    if f.kind in ("yoy_growth", "average_growth") and W.has_any(wording, W.REAL_GROWTH_WORDS):
        return "real"
    if W.has_any(wording, W.MONEY_WORDS) or W.has_any(wording, W.REAL_GROWTH_WORDS):
        return "nominal"
    return "n/a"
