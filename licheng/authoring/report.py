"""What a report notebook calls to show text, tables, charts and sources.

A notebook holds the prose in both languages and calls the package for the
numbers; :class:`Report` picks the language, formats numbers, numbers the
source notes and attaches a caption and a source line to every table and chart.
"""
from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pandas as pd

from licheng.authoring import formatting as F
from licheng.exceptions import MissingFiguresError
from licheng.columns import colgroup, column_widths
from licheng.authoring.params import Parameters
from licheng.paths import INDICATORS_CSV
from licheng.scorecard.table import figure
from licheng.contract import TABLE_MIME
from licheng.scorecard.textfiles import spreadsheet_safe  # the one copy, shared with licheng draft

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from licheng.figures.quantity import Q

#: What names a report's inputs: scorecard ids or ``ref:...`` keys, a comma list of them, or a list.
Inputs = "str | Iterable[str] | None"

#: How the source is named, by its ``source_kind``.
SOURCE_DOCS = {
    "work_report": ("{region}{year}年政府工作报告", "{region_en} government work report {year}"),
    "news_report": ("{region}{year}年政府工作报告（新闻报道）", "{region_en} government work report {year} (news coverage)"),
    "bulletin": ("{region}{year}年统计公报", "{region_en} statistical bulletin {year}"),
    "plan": ("{region}规划文件（{year}年）", "{region_en} plan document ({year})"),
    "other": ("{region}资料（{year}年）", "{region_en} source document ({year})"),
}
_AUTOLINK = re.compile(r"(?i)(?<=[a-z]):(?=//)|www\.")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&!|~#$])")


class MD(str):
    """Markdown that licheng built: inserted into a sentence as it is, never escaped again."""


class Fig(str):
    """A scorecard figure as a reader sees it ("more than CNY 149.0 bn (est.)"), carrying where it
    comes from: its source sentence, unit and qualifiers (``source``).

    Anywhere a string goes (a table cell, a CSV, a chart label) it is that text. Put into a
    sentence (:meth:`Report.t`, :func:`esc`) it becomes a ``<span class="licheng-fig">``
    whose ``data-source`` the HTML page shows on hover and on tap (CSS only: the pages run
    no script); the PDF shows the text.
    """

    source: str

    def __new__(cls, text: str, source: str = "") -> "Fig":
        self = super().__new__(cls, text)
        self.source = source
        return self


def esc(value: Any) -> MD:
    r"""Text made inert for Markdown and HTML: data can never become markup, a link or an image.

    >>> esc("<img src=x onerror=alert(1)>")
    '\\<img src=x onerror=alert(1)\\>'
    >>> esc("![p](http://x)")
    '\\!\\[p\\](http\\://x)'
    """
    if isinstance(value, MD):
        return value
    if isinstance(value, Fig) and value.source:
        source = html.escape(" ".join(value.source.split()), quote=True)  # an attribute value: inert
        return MD(f'<span class="licheng-fig" tabindex="0" data-source="{source}">{esc(str(value))}</span>')
    text = " ".join(str(value).split())  # no line breaks: data cannot open a heading or a list
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # no bare URL becomes a link either (the Markdown renderers autolink http://, www.)
    return MD(_AUTOLINK.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], text))


def _indicator_names() -> dict:
    with INDICATORS_CSV.open(encoding="utf-8", newline="") as f:
        return {r["id"]: (r["name_zh"], r["name_en"]) for r in csv.DictReader(f)}


def csv_frame(data: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The columns of a table's CSV: a column of computed values (:class:`Q`) as three, its value,
    bound and status (``rate_q`` gives ``rate``, ``rate_bound``, ``rate_status``; ``q`` gives ``value`` ...), so that a
    spreadsheet keeps the floors, ceilings and estimates the page shows."""
    from licheng.figures.quantity import Q

    out = {}
    for col in columns:
        values = data[col]
        if len(values) and all(isinstance(v, Q) for v in values):
            name = "value" if col == "q" else col.removesuffix("_q")
            out[name] = values.map(lambda q: q.value)
            out[f"{name}_bound"] = values.map(lambda q: q.bound)
            out[f"{name}_status"] = values.map(lambda q: q.status)
        else:
            out[col] = values
    return pd.DataFrame(out, index=data.index)


def _display(obj=None, **kw):
    from IPython.display import display

    display(obj, **kw)


class Report:
    """Language, data and source notes of one report run.

    Parameters
    ----------
    params : Parameters
        From :func:`licheng.authoring.params.check_parameters`.
    """

    def __init__(self, params: Parameters):
        from licheng.authoring import charts
        self.params = params
        self.lang = params.lang
        self.scorecard = params.scorecard
        self.reference = params.reference
        self._notes: dict[str, int] = {}
        self._counts = {"table": 0, "figure": 0}
        self._rows: dict[str, pd.Series] = {}
        self._rows_of = self.scorecard
        self._ids = frozenset(self.scorecard["id"])
        charts.setup()

    def _same_scorecard(self) -> None:
        if self._rows_of is not self.scorecard:  # the report was given another scorecard
            self._rows, self._rows_of, self._ids = {}, self.scorecard, frozenset(self.scorecard["id"])

    def _has(self, id: str) -> bool:
        """Whether the scorecard has ``id``: the id set is built once, not at every name asked for
        (a 10,000-row scorecard's brief took 94 s)."""
        self._same_scorecard()
        return id in self._ids

    def _row(self, id: str) -> pd.Series:
        """A figure's row of this report's scorecard, looked up once: a report names the same
        figures many times (value, name, note), and each pandas lookup costs a fifth of a millisecond."""
        self._same_scorecard()
        if id not in self._rows:
            self._rows[id] = figure(self.scorecard, id)
        return self._rows[id]

    # -- text ---------------------------------------------------------------
    def t(self, zh: str, en: str, **values) -> MD:
        """The sentence in the report's language, with ``{name}`` fields filled.

        The sentence itself is the notebook's Markdown; every value is escaped
        (:func:`esc`) unless it is :class:`MD` built by licheng, such as
        another ``t``. So a name or a quote from the data shows as text, never
        as markup.
        """
        text = zh if self.lang == "zh" else en
        return MD(text.format(**{k: esc(v) for k, v in values.items()}) if values else text)

    def text(self, zh: str, en: str, **values) -> str:
        """The sentence in the report's language as plain text, for a table cell or a chart label:
        values go in as the reader sees them (a figure as its text, without its source span)
        and nothing is escaped; the table and the chart make it inert where it lands."""
        text = zh if self.lang == "zh" else en
        return text.format(**{k: str(v) for k, v in values.items()}) if values else text

    def say(self, zh: str, en: str, **values) -> None:
        """Show a paragraph (Markdown) in the report's language."""
        from IPython.display import Markdown

        _display(Markdown(self.t(zh, en, **values)))

    def paragraph(self, parts: Iterable[str | None]) -> None:
        """One paragraph of sentences made with :meth:`t` (some of them optional)."""
        from IPython.display import Markdown

        _display(Markdown(("" if self.lang == "zh" else " ").join(esc(p) for p in parts)))

    def heading(self, zh: str, en: str, level: int = 2, **values) -> None:
        self.say("#" * level + " " + zh, "#" * level + " " + en, **values)

    def bullets(self, items: Iterable[str]) -> None:
        """A Markdown list of sentences made with :meth:`t`."""
        from IPython.display import Markdown

        _display(Markdown("\n".join(f"- {esc(item)}" for item in items)))

    @property
    def region(self) -> str:
        return self.scorecard.attrs["region_zh" if self.lang == "zh" else "region_en"]

    def place(self, level: str) -> str | None:
        """The name of the region's ``city``, ``province`` or ``country`` in the
        report's language, or None where the scorecard does not say."""
        name = self.scorecard.attrs.get(f"{level}_{self.lang}")
        return name or None

    @property
    def data_date(self) -> str:
        return self.scorecard.attrs["source_date"]

    @property
    def source_doc(self) -> str:
        """The source's name as plain text (escape it where it enters Markdown)."""
        year = self.data_date[:4]
        zh, en = SOURCE_DOCS[self.scorecard.attrs.get("source_kind") or "work_report"]
        return (zh if self.lang == "zh" else en).format(
            region=self.scorecard.attrs["region_zh"], region_en=self.scorecard.attrs["region_en"], year=year)

    def title(self, zh: str, en: str) -> None:
        """The report title, with the region and the data's date and source.

        The title's output carries what was run (``metadata["licheng"]["run"]``:
        language, region, data date, scorecard), so that an export from
        JupyterLab describes this run, however the notebook was run.
        """
        from IPython.display import Markdown

        a = self.scorecard.attrs
        run = {"lang": self.lang, "scorecard": a.get("path", ""),
               **{k: a.get(k, "") for k in ("region_zh", "region_en", "source_date")}}
        _display(Markdown(self.t("# {region}：" + zh, "# {region}: " + en, region=self.region)),
                 metadata={"licheng": {"run": run}})
        self.say("数据来源：{doc}，{date}。", "Data: {doc}, {date}.", doc=self.source_doc, date=self.data_date)

    def legend(self) -> None:
        """How a reader tells exact figures from floors, ceilings and estimates."""
        self.say("数字的读法：“超过”“突破”“以上”“不低于”表示下限，“以下”“不高于”表示上限，“约”“左右”表示近似值，"
                 "“预计”表示报告时的估计；由这些数字推算的结果沿用同样的标记（由下限推算的是下限，由估计推算的是估计）。",
                 "How to read the numbers: “more than”, “over” and “at least” mark floors, “at most” ceilings, “about” "
                 "approximations, and “(est.)” estimates made at the time of the report. Figures computed from them carry "
                 "the same marks: a result computed from a floor is a floor, one computed from an estimate an estimate.")

    # -- numbers ------------------------------------------------------------
    def pct(self, rate: float, digits: int = 1, signed: bool = False) -> str:
        return F.fmt_pct(rate, self.lang, digits, signed=signed)

    def pp(self, diff: float, digits: int = 1) -> str:
        return F.fmt_pp(diff, self.lang, digits)

    def num(self, value: float, unit: str, digits: int = 1) -> str:
        return F.fmt_value(value, unit, self.lang, digits=digits)

    def q(self, q: Q, digits: int = 1, *, fixed: bool = False) -> str:
        """A computed value with its bound, its status and its unit (:class:`~licheng.figures.quantity.Q`);
        ``fixed`` keeps its trailing zeros, for a table column whose rows line up."""
        return F.fmt_q(q, self.lang, digits, fixed=fixed)

    def when(self, q: Q, never: tuple[str, str], digits: int = 1, *, fixed: bool = False) -> str:
        """A year (or a number of years) with its bound, or ``never`` (zh, en) where it is infinite:
        a rate that never reaches a milestone."""
        return self.q(q, digits, fixed=fixed) if q.value != float("inf") else self.text(*never)

    def mixed(self, q: Q, digits: int = 1, *, ratio: bool = False, fixed: bool = False) -> str:
        """Like :meth:`q`, marking a result of a nominal and a real rate together (it holds price growth)."""
        text = self.q(q, digits, fixed=fixed)
        if q.basis != "mixed":
            return text
        return text + (self.text("（名义÷实际）", " (nominal ÷ real)") if ratio else self.text("（名义−实际）", " (nominal − real)"))

    def fixed(self, value: float, digits: int) -> str:
        """A plain number with exactly ``digits`` decimals, for a table column that lines up."""
        return f"{value:,.{digits}f}" if self.lang == "en" else f"{value:.{digits}f}"

    def unit(self, unit: str) -> str:
        """A unit as a table header shows it (亿元 / CNY 100 million)."""
        return F.unit_label(unit, self.lang)

    def word(self, key: str, words: dict) -> str:
        """The wording the notebook gives a computed result: ``words[key]`` is (zh, en)."""
        return self.text(*words[key])

    def measure(self, value: float, unit: str, digits: int = 1) -> str:
        """A computed value in the unit ``licheng.analysis.compare`` gives it: ``fraction``
        (shown as a percent), ``%`` (already a fraction of 1 in compare's
        output), ``ratio`` (a plain number), or a source unit such as 亿元."""
        if unit in ("fraction", "%"):
            return self.pct(value, digits)
        if unit == "ratio":
            return self.num(value, "", digits)
        return self.num(value, unit, digits)

    def fig(self, id: str) -> Fig:
        """A scorecard figure, formatted with its qualifier, and cited; in a sentence its
        source sentence, unit and qualifiers show on hover and tap (:class:`Fig`)."""
        row = self._row(id)
        self.cite(id)
        return Fig(F.fmt_figure(row, self.lang), source=self.provenance(row))

    def provenance(self, row: pd.Series) -> str:
        """A figure's source sentence, unit, qualifier and status in one line, in the report's language."""
        zh = self.lang == "zh"
        bound = {"lower": ("下限", "a floor"), "upper": ("上限", "a ceiling"),
                 "approximate": ("近似值", "approximate"), "exact": ("确数", "exact")}.get(str(row["bound"]))
        status = {"estimate": ("预计数", "estimate (预计)"), "target": ("目标", "target")}.get(str(row["status"]))
        qualifier = str(row["qualifier"] or "")
        unit = F.unit_label(str(row["unit"]), self.lang)  # English prose has no Chinese units: 亿元 is CNY 100 million
        parts = [("原文：{q}" if zh else "Source: {q}").format(q=F.quoted(row["quote"]))]
        if unit:
            parts.append(("单位：{u}" if zh else "unit: {u}").format(u=unit))
        if bound:
            parts.append((f"“{qualifier}”：" if qualifier else "") + bound[0] if zh else
                         (f"“{qualifier}”: " if qualifier else "") + bound[1])
        if status:
            parts.append(status[0 if zh else 1])
        parts.append(("时期：{p}" if zh else "period: {p}").format(p=row["period"]))
        return " · ".join(parts)

    def name(self, id: str) -> str:
        """An indicator's name in the report's language: the scorecard's, else the package vocabulary's."""
        if self._has(id):
            return F.name(self._row(id), self.lang)
        names = _indicator_names()
        if id in names:
            return names[id][0 if self.lang == "zh" else 1]
        if id.startswith("ref:"):
            parts = id[4:].split("/")
            entity, indicator = parts[0], (parts[1] if len(parts) > 1 else "")
            a = self.scorecard.attrs
            entity_en = next((a[f"{lv}_en"] for lv in ("region", "city", "province", "country") if a.get(f"{lv}_zh") == entity),
                             entity)
            return self.t("参考数据中{e}的{i}", "reference figures for {e_en}", e=entity, e_en=entity_en,
                          i=indicator.rstrip("_*") or "数据")
        return {"city_zh": self.t("所属城市（city_zh）", "the city it belongs to (city_zh)")}.get(id, id.replace("_", " "))

    def reading(self, id: str) -> str:
        """How the data reads a figure (its note), in the report's language; the
        English note where a Chinese report's scorecard has no ``note_zh``."""
        row = self._row(id)
        return (self.lang == "zh" and row.get("note_zh")) or row["note"]

    def basis(self, id: str) -> str:
        """A figure's basis as the data states it, in a word: 实际/real, 名义/nominal, 口径未说明/basis not stated."""
        b = str(self._row(id)["basis"])
        return self.label(b + "_short") if b in ("real", "nominal") else self.text("口径未说明", "basis not stated")

    def label(self, key: str) -> str:
        return F.label(key, self.lang)

    # -- sources ------------------------------------------------------------
    def cite(self, inputs: Inputs) -> list[int]:
        """Register the inputs (ids or ``ref:...`` keys, or a comma list); return their note numbers."""
        if isinstance(inputs, str):
            inputs = [i.strip() for i in inputs.split(",") if i.strip()]
        numbers = []
        for key in inputs:
            if key not in self._notes:
                self._notes[key] = len(self._notes) + 1
            numbers.append(self._notes[key])
        return sorted(set(numbers))

    def source_line(self, inputs: Inputs, *, computed: bool = True) -> str:
        """'Source: <document> (notes 1, 3); computed by licheng.' for the given inputs.

        ``inputs`` is a comma list, a list of them, a frame with an ``inputs``
        column, or None for figures shown with their source sentence right
        there (no notes).
        """
        if isinstance(inputs, pd.DataFrame):  # a result of licheng.analysis.compare: its ``inputs`` column
            inputs = list(inputs["inputs"])
        keys = [] if inputs is None else [
            k.strip() for part in ([inputs] if isinstance(inputs, str) else inputs) for k in part.split(",") if k.strip()]
        notes = self.cite(keys)
        refs = ("、" if self.lang == "zh" else ", ").join(map(str, notes))
        uses_ref = any(k.startswith("ref:") for k in keys)
        if self.lang == "zh":
            text = f"来源：{self.source_doc}" + ("及外部参考数据" if uses_ref else "") + (f"（注{refs}）" if notes else "")
            return text + ("；licheng计算。" if computed else "。")
        text = f"Source: {self.source_doc}" + (" and outside reference figures" if uses_ref else "") + (
            f" (note{'s' if len(notes) > 1 else ''} {refs})" if notes else "")
        return text + ("; computed by licheng." if computed else ".")

    def notes(self) -> None:
        """The numbered source notes: each figure's exact sentence, each reference's source."""
        if not self._notes:
            return
        self.heading("注释与来源", "Notes and sources")
        lines = []
        for key, n in self._notes.items():
            lines.append(f"{n}. " + self._note_text(key))
        text = MD("\n".join(lines) or "—")
        from IPython.display import Markdown

        # marked, so that the HTML page links each note and its citations both ways
        _display(Markdown(self.t("{t}", "{t}", t=text)), metadata={"licheng": {"notes": True}})

    def _note_text(self, key: str) -> str:
        if key.startswith("ref:"):
            entity, indicator, year = key[4:].split("/")
            rows = self.reference[(self.reference["entity"] == entity) & (self.reference["indicator"] == indicator)
                                  & (self.reference["year"] == year)]
            if rows.empty:
                return esc(key)
            r = rows.iloc[0]
            rel = self.label(str(r["reliability"]))
            source = r["source"] if self.lang == "en" else r["source"].split(" (")[0]  # the English description stays out
            return self.t("{e}{i}（{y}）：「{q}」，{s}；可靠性：{rel}。", "{e}: {i} ({y}): {qq}, {s}; reliability: {rel}.",
                          e=self.place_name(entity), i=F.reference_indicator(indicator, self.lang), y=year,
                          q=r["quote"], qq=F.quoted(r["quote"]), s=source, rel=rel)
        row = self._row(key)
        return self.t("{name}（{period}，{basis}）：「{q}」", "{name} ({period}, {basis}): {qq}",
                      name=F.name(row, self.lang), period=row["period"], q=row["quote"], qq=F.quoted(row["quote"]),
                      basis=self._basis_word(row))

    def _basis_word(self, row) -> str:
        basis = str(row["basis"])
        if basis in ("real", "nominal"):
            return self.label(basis + "_short")
        return self.label(basis) if basis != "n/a" else self.label(str(row["kind"]))

    # -- tables and charts ----------------------------------------------------
    def table(self, data: pd.DataFrame, *, columns: dict, caption: tuple[str, str], inputs: Inputs,
              name: str, formats: dict | None = None, computed: bool = True, csv: list | None = None) -> None:
        """Show a table with localized headers, a caption and a source line.

        ``columns`` maps each column to show to its (zh, en) header; ``formats``
        maps a column to a function ``value -> str`` (default: as is). The
        display bundle also carries the table as data (``text/csv``), which the
        renderer saves next to the report: the columns ``csv`` names, by
        default those shown. Name the raw columns (``value``, ``unit`` ...)
        when a shown column is text made for reading, such as a value with its
        qualifier. A column of computed values (:class:`Q`, ``rate_q``) goes
        to the CSV as three (:func:`csv_frame`): ``rate``, ``rate_bound``, ``rate_status``.
        """
        if len(data) == 0:
            self.say("此数据表中没有可列入本表的数字。", "This scorecard has no figures for this table.")
            return
        self._counts["table"] += 1
        formats = formats or {}
        shown = pd.DataFrame({
            (zh if self.lang == "zh" else en): data[col].map(formats.get(col, lambda v: v))
            for col, (zh, en) in columns.items()
        })
        for header, col in shown.items():
            if any(isinstance(v, MD) for v in col):  # escaped Markdown would show its escapes and tags
                raise TypeError(f"table {name!r}, column {header!r}: a cell is Markdown made by rep.t; "
                                "a table cell is plain text: build it with rep.text")
        word = self.t("表", "Table")
        cap = f"{word} {self._counts['table']}. {self.t(*caption)}"
        body = shown.to_html(index=False, escape=True, border=0, classes="licheng-table")
        cells = shown.astype(str).values.tolist()
        widths = column_widths(list(shown.columns), cells)
        body = body.replace(">", ">" + colgroup(widths), 1)  # right after <table ...>
        line = self.source_line(inputs, computed=computed)
        bundle = {
            "text/html": f'<figure class="licheng-table-figure"><figcaption>{html.escape(cap)}</figcaption>'
                         f'{body}<p class="licheng-source">{html.escape(line)}</p></figure>',
            # what the Typst PDF engine sets (licheng.publishing.typeset): the cells as shown, not re-parsed from HTML
            TABLE_MIME: {"caption": cap, "header": [str(c) for c in shown.columns], "widths": widths,
                         "rows": cells,
                         "source": line},
            "text/plain": f"{cap}\n{shown.to_string(index=False)}\n{line}",
            # 10 significant digits: 0.052, not the binary float's 0.052000000000000005
            "text/csv": spreadsheet_safe(csv_frame(data, list(csv or columns)).to_csv(index=False, float_format="%.10g")),
        }
        _display(bundle, raw=True, metadata={"licheng": {"table": name}})

    def figure_table(self, rows: pd.DataFrame, *, caption: tuple[str, str], name: str) -> None:
        """Scorecard figures as they are written: value with its qualifier and 预计, period, kind,
        basis and the source sentence; the CSV holds the raw columns."""
        shown = rows.assign(
            shown=[self.fig(i) for i in rows["id"]],
            kind_label=[self.label(k) for k in rows["kind"].astype(str)],
            basis_label=[self.label(b) for b in rows["basis"].astype(str)],
            indicator=[self.name(i) for i in rows["id"]],
        )
        self.table(shown, columns={"indicator": ("指标", "Indicator"), "shown": ("数值", "Value"),
                                   "period": ("时期", "Period"), "kind_label": ("类型", "Kind"),
                                   "basis_label": ("口径", "Basis"), "quote": ("原文", "Source sentence")},
                   caption=caption, inputs=None, name=name, computed=False,
                   csv=["id", "value", "unit", "qualifier", "bound", "period", "kind", "status", "basis", "quote"])

    def figure(self, fig: Figure, *, caption: tuple[str, str], inputs: Inputs, name: str) -> None:
        """Show a chart (SVG) with a numbered caption and a source line."""
        import matplotlib.pyplot as plt
        from IPython.display import Markdown

        self._counts["figure"] += 1
        word = self.t("图", "Figure")
        # the caption is the chart's alt text in the HTML page (licheng_html's data_svg block)
        alt = f"{word} {self._counts['figure']}. {self.t(*caption)}"
        _display(fig, metadata={"licheng": {"figure": name, "alt": alt}})
        plt.close(fig)
        # Bold like a table's caption, not italic: Chinese has no italics, and a
        # slanted CJK face is one more 16 MB font to subset in every PDF.
        # the caption is plain text (a notebook may fill it with names from the data): escaped whole
        _display(Markdown(f"**{word} {self._counts['figure']}. {esc(str(self.t(*caption)))}**  \n"
                          f"<span class='licheng-source'>{esc(self.source_line(inputs))}</span>"))

    @contextmanager
    def section(self, zh: str, en: str, level: int = 2, **values: Any) -> Iterator[None]:
        """A report section; figures missing from the scorecard get one sentence, not a failure."""
        self.heading(zh, en, level, **values)
        try:
            yield
        except MissingFiguresError as e:
            self.missing(e.ids)

    def listing(self, items: Iterable[str]) -> MD:
        """Items as a list in a sentence: 甲、乙和丙 / A, B and C (each escaped)."""
        items = [esc(i) for i in items]
        if len(items) < 2:
            return MD("".join(items))
        word = "和" if self.lang == "zh" else " and "
        return MD(("、" if self.lang == "zh" else ", ").join(items[:-1]) + word + items[-1])

    def missing(self, ids: Iterable[str], *, partial: bool = False) -> None:
        """One sentence naming, in the report's language, the figures a section needs and lacks:
        the scorecard's by indicator name, the reference figures' by place. ``partial``:
        the section showed what it could, and only these parts are left out."""
        own = [i for i in ids if not i.startswith("ref:")]
        refs = [i[4:].split("/") for i in ids if i.startswith("ref:")]
        places = list(dict.fromkeys(r[0] for r in refs if len(r) == 1))
        wanted = list(dict.fromkeys(self._reference_wanted(r) for r in refs if len(r) > 1))
        if own and partial:
            self.say("此数据表中没有{names}，相关内容从略。", "This scorecard has no {names}, so what needs it is not shown.",
                     names=self.listing(self.name(i) for i in own))
        elif own:
            self.say("此数据表中没有本节所需的{names}，故本节从略。",
                     "This scorecard does not have the {names} this section needs, so it is left out.",
                     names=self.listing(self.name(i) for i in own))
        if wanted:
            self.say("参考数据中没有本节所需的{what}，故本节从略。",
                     "The reference figures have no {what}, which this section needs, so it is left out.",
                     what=self.listing(wanted))
        if places:
            self.say("参考数据中没有本节所需的{places}的数字，故本节从略。",
                     "The reference figures have no figures for {places}, which this section needs, so it is left out.",
                     places=self.listing(self.place_name(p) for p in places))

    def _reference_wanted(self, ref: list[str]) -> str:
        """A reference figure a section lacks, from its id's parts (place, indicator[, year]):
        锦溪市2020年地区生产总值 / the 2020 GDP of Jinxi City; a plan's targets; a city's districts."""
        place, indicator, *year = ref
        where = self.place_name(place)
        if indicator == "规划目标":
            return self.text("{p}的规划目标", "plan targets of {p}", p=where)
        if indicator.endswith("_*"):
            base = indicator[:-2]
            return self.text("{p}各区县{i}", "{i} of the districts of {p}", p=where, i=F.reference_indicator(base, self.lang))
        name = F.reference_indicator(indicator, self.lang)
        if year:
            return self.text("{p}{y}年{i}", "{y} {i} of {p}", p=where, y=year[0], i=name)
        return self.text("{p}{i}", "{i} of {p}", p=where, i=name)

    def place_name(self, zh: str) -> str:
        """A place of the region's hierarchy in the report's language (its Chinese name if not in the hierarchy)."""
        a = self.scorecard.attrs
        for level in ("region", "city", "province", "country"):
            if a.get(f"{level}_zh") == zh:
                return a[f"{level}_{self.lang}"]
        if zh == "city_zh":  # the scorecard names no city at all
            return self.t("所属城市", "the city it belongs to")
        return self.label(zh)
