"""The words of a work report that say what a figure is: its period, kind and status.

Each list is the evidence one proposal rests on; :mod:`licheng.drafting.extract`
looks for them in the clause of a figure (or, where said, anywhere before it
in its sentence).
"""
from __future__ import annotations

import re

#: Clause and sentence ends.
SENTENCE_ENDS = "。！？；\n"
CLAUSE_ENDS = SENTENCE_ENDS + "，,：:"

#: Before the figure in its sentence: the figure is a target (2026) or an estimate (预计).
TARGET_WORDS = ("力争", "目标", "预期", "计划", "今年", "确保", "谋划", "新一年", "新的一年", "明年", "争取",
                "将", "拟")
ESTIMATE_WORDS = ("预计", "预估", "估计")
#: A clause with these words says what was built, added or spent over a span: a flow.
FLOW_WORDS = ("累计", "新增", "新建", "建成", "实施", "交付", "筹集", "改造", "提升", "制定", "培育", "引进",
              "打造", "连跨", "稳定在", "保持在", "新开", "开通", "供给", "招引", "落地", "创建", "新认定",
              "获批", "新改建", "改扩建")
#: ... and with these, what stands at the end of the year: a stock.
STOCK_WORDS = ("总量", "总数", "保有量", "余额", "规模", "达到", "拥有", "总计")
#: The plan period under review: flows of a retrospective text run over it.
PLAN_REVIEW_WORDS = ("过去五年", "五年来", "五年间", "五年里", "过往五年", "收官", "成绩单", "时期工作回顾", "时期年均")
#: A clause that starts with these has no subject of its own: its quote starts at an earlier clause.
SUBJECTLESS_STARTS = ("年均", "同比", "增长", "增速", "增幅", "占比", "总量", "数量", "分别", "比上年", "较上年",
                      "较", "比", "达到", "达", "突破", "超过", "位居", "居", "稳居", "排名", "提高", "下降",
                      "实现", "其中", "均", "增量", "规模", "为", "约", "近", "保持", "连续")
#: Words in front of a subject that are not part of its name.
LEADING_WORDS = ("全区", "全县", "全市", "全旗", "全年", "今年", "预计", "力争", "其中", "同时", "共", "共计",
                 "并", "且", "累计", "全社会", "年内", "当年", "其中，")
#: Words after a subject that are not part of its name (verbs and qualifiers before the number).
TRAILING_WORDS = ("超过", "突破", "达到", "达", "为", "约", "近", "逾", "不低于", "不超过", "保持在", "稳定在",
                  "保持", "稳居", "位居", "居", "实现", "完成", "分别", "增长", "同比增长", "年均增长", "提高",
                  "下降", "减少", "改善", "增加", "年均", "同比", "增速", "连跨", "以", "累计", "在", "排名",
                  "列", "的", "总量", "数量", "稳定", "占比")
#: Before a %: the kind of the rate.
AVERAGE_WORDS = ("年均",)
GROWTH_WORDS = ("增长", "增速", "增幅", "同比", "比上年", "较上年", "上涨", "增加")
CHANGE_WORDS = ("改善", "提高", "提升", "下降", "降低", "减少", "回落", "缩小", "收窄", "压减", "上升")
SHARE_WORDS = ("占", "比重", "占比", "率", "覆盖", "达标", "强度", "比例")
#: Money, GDP and value added: growth is real, levels and other money rates nominal (README, "The data").
REAL_GROWTH_WORDS = ("生产总值", "经济总量", "GDP", "增加值")
MONEY_WORDS = ("收入", "投资", "支出", "营收", "进出口", "出口", "进口", "消费", "零售", "税", "产值", "总额",
               "资金", "利润", "贷款", "存款", "外资", "财政")
#: A rank: 第三位, 首位, 榜首, 第一 at a clause's end, 第3名.
RANK_AFTER = ("名", "位")
#: 分别 lists: what a subject of several items is split on, and 城乡 as its two parts.
LIST_SPLIT = re.compile(r"[、和与及]")
PAIRS = {"城乡居民": ("城镇居民", "农村居民"), "城乡": ("城镇", "农村"), "进出口": ("进口", "出口"),
         "中小学": ("中学", "小学")}
RANGE_MARKS = "-—–~～至到"
#: A clause's lead that names its period, not its indicator: “十四五”时期, 2025年, 过去五年.
PERIOD_LEAD = re.compile(r"^(?:[“\"]?十[一二三四五六七八九]五[”\"]?(?:时期|期间|以来)?|过去五年|五年来|五年间|"
                         r"(?:19|20)\d{2}年|全年|今年|去年)[，,]?")
#: A heading of a work report's part on the year ahead (二、2026年工作安排, 主要预期目标), or on the past.
HEADING_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)?[^。；]{0,40}$")
TARGET_HEADING_WORDS = ("目标", "工作安排", "重点工作", "主要任务", "工作建议")
REVIEW_HEADING_WORDS = ("回顾", "总结", "过去", "成绩")
YEAR_RE = re.compile(r"((?:19|20)\d{2})年")
SINCE_RE = re.compile(r"(?:比|较|是)((?:19|20)\d{2})年")
#: A rate of these is a change of an intensity or a concentration, never an aggregate's growth.
INTENSITY_WORDS = ("能耗", "排放", "浓度", "强度", "单位", "率", "比重", "占比")


def has_any(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


def strip_leading(text: str) -> str:
    changed = True
    while changed:
        changed = False
        text = text.lstrip(" \t，,、“”\"'：:（）()=+-@")
        for w in LEADING_WORDS:
            if text.startswith(w) and len(text) > len(w):
                text, changed = text[len(w):], True
    return text


_TRAILING_LONGEST_FIRST = sorted(TRAILING_WORDS, key=len, reverse=True)


def strip_trailing(text: str) -> str:
    changed = True
    while changed:
        changed = False
        text = text.rstrip(" \t，,、：:（(")
        for w in _TRAILING_LONGEST_FIRST:
            if text.endswith(w) and len(text) > len(w):
                text, changed = text[: -len(w)], True
                break
    return text
