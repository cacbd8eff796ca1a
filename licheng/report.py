"""What a report notebook calls to show text, tables, charts and sources.

A notebook holds the prose in both languages and calls the package for the
numbers; :class:`Report` picks the language, formats numbers, numbers the
source notes and attaches a caption and a source line to every table and chart.
"""
from __future__ import annotations

import html
from contextlib import contextmanager

import pandas as pd

from . import formatting as F
from .exceptions import MissingFiguresError
from .layout import colgroup, column_widths
from .params import Parameters
from .scorecard import figure
from .typeset import TABLE_MIME

SOURCE_DOC = ("{region}{year}年政府工作报告（新闻报道）", "{region_en} government work report {year} (news coverage)")


def _display(obj=None, **kw):
    from IPython.display import display

    display(obj, **kw)


class Report:
    """Language, data and source notes of one report run.

    Parameters
    ----------
    params : Parameters
        From :func:`licheng.params.check_parameters`.
    """

    def __init__(self, params: Parameters):
        from . import charts

        self.params = params
        self.lang = params.lang
        self.scorecard = params.scorecard
        self.reference = params.reference
        self._notes: dict[str, int] = {}
        self._counts = {"table": 0, "figure": 0}
        charts.setup()

    # -- text ---------------------------------------------------------------
    def t(self, zh: str, en: str, **values) -> str:
        """The text in the report's language, with ``{name}`` fields filled."""
        text = zh if self.lang == "zh" else en
        return text.format(**values) if values else text

    def say(self, zh: str, en: str, **values) -> None:
        """Show a paragraph (Markdown) in the report's language."""
        from IPython.display import Markdown

        _display(Markdown(self.t(zh, en, **values)))

    def heading(self, zh: str, en: str, level: int = 2) -> None:
        self.say("#" * level + " " + zh, "#" * level + " " + en)

    @property
    def region(self) -> str:
        return self.scorecard.attrs["region_zh" if self.lang == "zh" else "region_en"]

    @property
    def data_date(self) -> str:
        return self.scorecard.attrs["source_date"]

    @property
    def source_doc(self) -> str:
        year = self.data_date[:4]
        zh, en = SOURCE_DOC
        return self.t(zh, en, region=self.scorecard.attrs["region_zh"],
                      region_en=self.scorecard.attrs["region_en"], year=year)

    def title(self, zh: str, en: str) -> None:
        """The report title, with the region and the data's date and source."""
        self.say(f"# {self.scorecard.attrs['region_zh']}：{zh}", f"# {self.scorecard.attrs['region_en']}: {en}")
        self.say("数据来源：{doc}，{date}。", "Data: {doc}, {date}.", doc=self.source_doc, date=self.data_date)

    # -- numbers ------------------------------------------------------------
    def pct(self, rate: float, digits: int = 1, signed: bool = False) -> str:
        return F.fmt_pct(rate, self.lang, digits, signed=signed)

    def pp(self, diff: float, digits: int = 1) -> str:
        return F.fmt_pp(diff, self.lang, digits)

    def num(self, value: float, unit: str, digits: int = 1) -> str:
        return F.fmt_value(value, unit, self.lang, digits=digits)

    def measure(self, value: float, unit: str, digits: int = 1) -> str:
        """A computed value in the unit ``licheng.compare`` gives it: ``fraction``
        (shown as a percent), ``%`` (already a fraction of 1 in compare's
        output), ``ratio`` (a plain number), or a source unit such as 亿元."""
        if unit in ("fraction", "%"):
            return self.pct(value, digits)
        if unit == "ratio":
            return self.num(value, "", digits)
        return self.num(value, unit, digits)

    def fig(self, id: str) -> str:
        """A scorecard figure, formatted with its qualifier, and cited."""
        row = figure(self.scorecard, id)
        self.cite(id)
        return F.fmt_figure(row, self.lang)

    def name(self, id: str) -> str:
        return F.name(figure(self.scorecard, id), self.lang)

    def reading(self, id: str) -> str:
        """How the data reads a figure (its note), in the report's language; the
        English note where a Chinese report's scorecard has no ``note_zh``."""
        row = figure(self.scorecard, id)
        return (self.lang == "zh" and row.get("note_zh")) or row["note"]

    def label(self, key: str) -> str:
        return F.label(key, self.lang)

    # -- sources ------------------------------------------------------------
    def cite(self, inputs) -> list[int]:
        """Register the inputs (ids or ``ref:...`` keys, or a comma list); return their note numbers."""
        if isinstance(inputs, str):
            inputs = [i.strip() for i in inputs.split(",") if i.strip()]
        numbers = []
        for key in inputs:
            if key not in self._notes:
                self._notes[key] = len(self._notes) + 1
            numbers.append(self._notes[key])
        return sorted(set(numbers))

    def source_line(self, inputs, *, computed: bool = True) -> str:
        """'Source: <document> (notes 1, 3); computed by licheng.' for the given inputs.

        ``inputs`` is a comma list, a list of them, or None for figures shown
        with their source sentence right there (no notes).
        """
        keys = [] if inputs is None else [
            k.strip() for part in ([inputs] if isinstance(inputs, str) else inputs) for k in part.split(",") if k.strip()]
        notes = self.cite(keys)
        refs = ("、" if self.lang == "zh" else ", ").join(map(str, notes))
        uses_ref = any(k.startswith("ref:") for k in keys)
        if self.lang == "zh":
            text = f"来源：{self.source_doc}" + ("及外部参考数据" if uses_ref else "") + (f"（注{refs}）" if notes else "")
            return text + ("；licheng计算。" if computed else "。")
        text = f"Source: {self.source_doc}" + (" and outside reference figures" if uses_ref else "") + (
            f" (notes {refs})" if notes else "")
        return text + ("; computed by licheng." if computed else ".")

    def notes(self) -> None:
        """The numbered source notes: each figure's exact sentence, each reference's source."""
        self.heading("注释与来源", "Notes and sources")
        lines = []
        for key, n in self._notes.items():
            lines.append(f"{n}. " + self._note_text(key))
        self.say("\n".join(lines) or "—", "\n".join(lines) or "—")

    def _note_text(self, key: str) -> str:
        if key.startswith("ref:"):
            entity, indicator, year = key[4:].split("/")
            rows = self.reference[(self.reference["entity"] == entity) & (self.reference["indicator"] == indicator)
                                  & (self.reference["year"] == year)]
            if rows.empty:
                return key
            r = rows.iloc[0]
            rel = self.label(str(r["reliability"]))
            return self.t("{e}{i}（{y}）：「{q}」，{s}；可靠性：{rel}。", "{e} {i} ({y}): “{q}”, {s}; reliability: {rel}.",
                          e=entity, i=indicator, y=year, q=r["quote"], s=r["source"], rel=rel)
        row = figure(self.scorecard, key)
        return self.t("{name}（{period}，{basis}）：「{q}」", "{name} ({period}, {basis}): “{q}”",
                      name=F.name(row, self.lang), period=row["period"], q=row["quote"],
                      basis=self._basis_word(row))

    def _basis_word(self, row) -> str:
        basis = str(row["basis"])
        if basis in ("real", "nominal"):
            return self.label(basis + "_short")
        return self.label(basis) if basis != "n/a" else self.label(str(row["kind"]))

    # -- tables and charts ----------------------------------------------------
    def table(self, data: pd.DataFrame, *, columns: dict, caption: tuple[str, str], inputs,
              name: str, formats: dict | None = None, computed: bool = True, csv: list | None = None) -> None:
        """Show a table with localized headers, a caption and a source line.

        ``columns`` maps each column to show to its (zh, en) header; ``formats``
        maps a column to a function ``value -> str`` (default: as is). The
        display bundle also carries the table as data (``text/csv``), which the
        renderer saves next to the report: the columns ``csv`` names, by
        default those shown. Name the raw columns (``value``, ``unit`` ...)
        when a shown column is text made for reading, such as a value with its
        qualifier.
        """
        self._counts["table"] += 1
        formats = formats or {}
        shown = pd.DataFrame({
            (zh if self.lang == "zh" else en): data[col].map(formats.get(col, lambda v: v))
            for col, (zh, en) in columns.items()
        })
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
            # what the Typst PDF engine sets (licheng.typeset): the cells as shown, not re-parsed from HTML
            TABLE_MIME: {"caption": cap, "header": [str(c) for c in shown.columns], "widths": widths,
                         "rows": cells,
                         "source": line},
            "text/plain": f"{cap}\n{shown.to_string(index=False)}\n{line}",
            # 10 significant digits: 0.052, not the binary float's 0.052000000000000005
            "text/csv": data[list(csv or columns)].to_csv(index=False, float_format="%.10g"),
        }
        _display(bundle, raw=True, metadata={"licheng": {"table": name}})

    def figure(self, fig, *, caption: tuple[str, str], inputs, name: str) -> None:
        """Show a chart (SVG) with a numbered caption and a source line."""
        import matplotlib.pyplot as plt
        from IPython.display import Markdown

        self._counts["figure"] += 1
        _display(fig, metadata={"licheng": {"figure": name}})
        plt.close(fig)
        word = self.t("图", "Figure")
        # Bold like a table's caption, not italic: Chinese has no italics, and a
        # slanted CJK face is one more 16 MB font to subset in every PDF.
        _display(Markdown(f"**{word} {self._counts['figure']}. {self.t(*caption)}**  \n"
                          f"<span class='licheng-source'>{self.source_line(inputs)}</span>"))

    @contextmanager
    def section(self, zh: str, en: str, level: int = 2):
        """A report section; figures missing from the scorecard get one sentence, not a failure."""
        self.heading(zh, en, level)
        try:
            yield
        except MissingFiguresError as e:
            self.say("本节需要的数据（{ids}）在此数据表中没有，故略去。",
                     "This section needs figures ({ids}) that this scorecard does not have, so it is left out.",
                     ids=", ".join(e.ids))
