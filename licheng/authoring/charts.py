"""Seaborn charts for the reports, in Chinese or English.

:func:`setup` registers the Noto Sans CJK font that ``mplfonts`` ships and sets
``font.family`` to a Latin font followed by the CJK font (matplotlib falls
back glyph by glyph), through ``sns.set_theme(rc=...)`` because set_theme
resets fonts. Charts are SVG whose text stays text in that font family, set by
the PDF engine with the embedded CJK font.
"""
from __future__ import annotations

from functools import lru_cache

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib import font_manager
from matplotlib.figure import Figure

from licheng.fonts import shipped_cjk_font
from licheng.authoring.formatting import check_lang, fmt_pct

LATIN_FONT = "DejaVu Sans"
#: Behind a value label drawn over the chart: the reference lines and data lines it crosses stay
#: out of its text.
LABEL_BOX = {"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1}
PALETTE = {"highlight": "#c0392b", "base": "#7f8c8d", "real": "#1f618d", "nominal": "#d68910",
           "urban": "#1f618d", "rural": "#239b56"}


@lru_cache(maxsize=1)
def register_cjk_font() -> str:
    """Register the CJK font with matplotlib once; return its family name."""
    path = shipped_cjk_font()
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def rc() -> dict:
    """The matplotlib settings every licheng chart uses."""
    return {
        "font.family": [LATIN_FONT, register_cjk_font()],
        "svg.fonttype": "none",
        "text.parse_math": False,  # names from the data are text: "$...$" in one is not TeX math
        "svg.hashsalt": "licheng",  # stable element ids: the same chart gives the same SVG
        "figure.figsize": (7.2, 3.8),
        "figure.dpi": 100,
        "axes.titlesize": 12,
        "axes.titleweight": "normal",  # the CJK font has no bold: a bold title would fall back with a warning
    }


#: How a notebook saves a chart: SVG without a date (the same chart, the same bytes), and not
#: cropped (bbox_inches=None; IPython's default is "tight"): the charts are laid out tight
#: already (:func:`_finish`), and cropping again drew every chart twice, a third of the time
#: its cell took.
SVG_FORMAT = {"metadata": {"Date": None}, "bbox_inches": None}


#: The settings a text's measure depends on besides its font properties: the fonts each generic
#: family names, hinting and kerning, the math fonts.
_MEASURE_RC = ("font.family", "font.serif", "font.sans-serif", "font.cursive", "font.fantasy", "font.monospace",
               "text.hinting", "text.hinting_factor", "text.kerning_factor", "text.usetex", "mathtext.fontset")


def _measure_key() -> tuple:
    """What, besides the text, its font properties and the renderer, a measure depends on; a font
    registered meanwhile (``addfont``) changes it too. Read straight from the settings' dict (these
    names are current ones, the values validated when set): 2 µs, where ``rcParams.get`` took 8 µs
    on each of the thousands of texts a report measures."""
    rc, get = matplotlib.rcParams, dict.get
    return (*(_hashable(get(rc, k)) for k in _MEASURE_RC), len(font_manager.fontManager.ttflist))


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value


@lru_cache(maxsize=1)
def share_text_measures() -> bool:
    """Measure each text and look up each font once per process, not once per renderer.

    matplotlib keeps a text's measure for the renderer that took it, and every chart is drawn by
    two new renderers (one lays it out, one writes the SVG): each tick label, title and legend
    entry was measured afresh, and its font looked up through the whole font list, on every
    chart. Here the measures are kept by renderer kind, resolution and the settings they depend
    on (:func:`_measure_key`), so the same text in the same font is measured once: the charts
    draw in about two thirds of the time, to the same bytes (a test compares them). Returns
    False, changing nothing, where matplotlib's internals are not the ones this wraps."""
    import matplotlib.text as mtext

    measure = getattr(mtext, "_get_text_metrics_with_cache", None)
    manager = font_manager.fontManager
    find = getattr(manager, "_find_fonts_by_props", None)
    if measure is None or find is None:
        return False
    measures: dict = {}
    fonts: dict = {}

    def shared_measure(renderer, text, fontprop, ismath, dpi):
        key = (type(renderer), getattr(renderer, "dpi", None), text, fontprop, ismath, dpi, _measure_key())
        found = measures.get(key)
        if found is None:
            if len(measures) > 50_000:
                measures.clear()
            fontprop = fontprop.copy()  # a key that cannot change under the dict
            found = measures[key[:3] + (fontprop,) + key[4:]] = measure(renderer, text, fontprop, ismath, dpi)
        return found

    def shared_find(prop, fontext="ttf", directory=None, fallback_to_default=True, rebuild_if_missing=True):
        key = (prop, fontext, directory, fallback_to_default, rebuild_if_missing, _measure_key())
        found = fonts.get(key)
        if found is None:
            prop = prop.copy()
            found = fonts[(prop,) + key[1:]] = find(prop, fontext, directory, fallback_to_default, rebuild_if_missing)
        return found

    mtext._get_text_metrics_with_cache = shared_measure
    manager._find_fonts_by_props = shared_find
    _share_font_heights()
    return True


def _font_height(prop, dpi: float) -> tuple:
    """A font's ascent, descent and line gap at ``dpi``, as ``matplotlib.text.Text._get_layout``
    works them out when the renderer does not (the same tables, the same arithmetic, in the same
    order: the same floats)."""
    font = font_manager.get_font(font_manager.fontManager._find_fonts_by_props(prop))
    for table_name, gap_key, ascent_key, descent_key in (("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                                                          ("hhea", "lineGap", "ascent", "descent")):
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() * dpi / 72
        return table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale
    return None, None, None


def _share_font_heights() -> None:
    """matplotlib 3.11 looks up a text's font and reads two of its tables every time it lays the
    text out, unless the renderer answers ``_get_font_height_metrics`` (as its PDF and PostScript
    renderers do): the Agg renderer (which lays charts out) and the SVG one (which writes them,
    always at 72 dpi) answer here from a memo, where they do not answer already."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.backends.backend_svg import RendererSVG

    heights: dict = {}

    def answering(dpi_of):
        def _get_font_height_metrics(self, prop):
            dpi = dpi_of(self)
            key = (prop, dpi, _measure_key())
            found = heights.get(key)
            if found is None:
                found = heights[(prop.copy(),) + key[1:]] = _font_height(prop, dpi)
            return found
        return _get_font_height_metrics

    for renderer, dpi_of in ((RendererAgg, lambda r: r.dpi), (RendererSVG, lambda r: 72)):
        if not hasattr(renderer, "_get_font_height_metrics"):
            renderer._get_font_height_metrics = answering(dpi_of)


def setup() -> None:
    """Theme, fonts and SVG output for charts in a notebook."""
    share_text_measures()
    sns.set_theme(style="whitegrid", context="notebook", rc=rc())
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("svg", **SVG_FORMAT)
    except ImportError:  # not in IPython
        pass


def _t(lang, zh, en):
    return zh if check_lang(lang) == "zh" else en


def _wrap(labels, lang, width=26):
    """Long English axis labels on two lines, so the plot keeps its width."""
    import textwrap

    return [textwrap.fill(str(x), width) if lang == "en" else str(x) for x in labels]


def _finish(fig):
    import warnings

    with warnings.catch_warnings():
        # a chart too crowded to lay out keeps the layout it has; matplotlib's warning (with this
        # machine's path to the chart code) would otherwise be printed into the report
        warnings.filterwarnings("ignore", message="Tight layout not applied", category=UserWarning)
        fig.tight_layout()
    # tight_layout leaves a placeholder layout engine, and any engine makes savefig draw the
    # whole chart once more before drawing it: the layout is done, so none is left.
    fig.set_layout_engine(None)
    return fig


def growth_bars(df: pd.DataFrame, lang: str, *, highlight: str = "gdp_growth_avg",
                value_labels: list[str] | None = None) -> Figure:
    """Average growth rates ranked, GDP's highlighted; colour says real or nominal.

    ``value_labels`` are the rates as the report shows them, with their
    qualifiers (5.2% (est.)); by default the bare percent."""
    names = _wrap(df["name_zh" if lang == "zh" else "name_en"], lang)
    fig, ax = plt.subplots(figsize=(7.2, (0.62 if lang == "en" else 0.45) * len(df) + 1.2))
    colors = [PALETTE["highlight"] if i == highlight else PALETTE[b] if b in PALETTE else PALETTE["base"]
              for i, b in zip(df["id"], df["basis"])]
    ax.barh(names, df["rate"] * 100, color=colors)
    ax.invert_yaxis()
    shown = list(value_labels) if value_labels is not None else [fmt_pct(r, lang) for r in df["rate"]]
    for y, (rate, text) in enumerate(zip(df["rate"], shown)):
        ax.text(rate * 100, y, " " + text, va="center", fontsize=9, bbox=LABEL_BOX)
    gdp = df.loc[df["id"] == highlight, "rate"]
    if not gdp.empty:
        ax.axvline(gdp.iloc[0] * 100, color=PALETTE["highlight"], ls="--", lw=1)
    ax.set_xlabel(_t(lang, "年均增速（%）", "Average annual growth (%)"))
    ax.set_ylabel("")
    ax.set_xlim(min(0, df["rate"].min() * 100 * 1.3), max(df["rate"].max() * 100 * 1.3, 0.1))
    # a legend entry only for a colour that has a bar
    others = set(df.loc[df["id"] != highlight, "basis"])
    handles = [matplotlib.patches.Patch(color=PALETTE[b], label=_t(lang, zh, en))
               for b, zh, en in (("real", "实际增速", "real"), ("nominal", "名义增速", "nominal")) if b in others]
    if not gdp.empty:
        handles.append(matplotlib.patches.Patch(color=PALETTE["highlight"], label=_t(lang, "GDP（实际）", "GDP (real)")))
    ax.legend(handles=handles, loc="lower right", fontsize=8, frameon=True)
    periods = sorted(set(df["period"]))
    span = periods[0].replace("-", "–") if len(periods) == 1 else ""
    ax.set_title(_t(lang, f"{span}年各指标年均增速" if span else "各指标年均增速",
                    f"Average annual growth, {span}" if span else "Average annual growth"))
    return _finish(fig)


def index_paths(paths: pd.DataFrame, names: dict[str, str], lang: str) -> Figure:
    """Implied paths from the base year, indexed to 100."""
    fig, ax = plt.subplots()
    data = paths.assign(name=paths["id"].map(names))
    sns.lineplot(data=data, x="year", y="index", hue="name", marker="o", ax=ax)
    ax.set_xlabel(_t(lang, "年份", "Year"))
    ax.set_ylabel(_t(lang, f"指数（{int(paths['year'].min())}年=100）", f"Index ({int(paths['year'].min())} = 100)"))
    ax.legend(title="", fontsize=8)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.set_title(_t(lang, "按年均增速推算的逐年路径", "Year-by-year paths implied by the average rates"))
    return _finish(fig)


def scenario_lines(paths: pd.DataFrame, lang: str, *, milestone: float | None, unit_label: str, title: str,
                   milestone_label: str | None = None) -> Figure:
    """Projected levels under each scenario rate, with the milestone line, labelled ``milestone_label``
    (the milestone as the report's text writes it) or else with its value and ``unit_label``."""
    fig, ax = plt.subplots()
    data = paths.assign(scenario=paths["rate"].map(lambda r: fmt_pct(r, lang)))
    sns.lineplot(data=data, x="year", y="value", hue="scenario", marker="o", ax=ax,
                 palette=sns.color_palette("crest", n_colors=data["scenario"].nunique()))
    if milestone:
        ax.axhline(milestone, color=PALETTE["highlight"], ls="--", lw=1)
        label = milestone_label or _t(lang, f"{milestone:g}{unit_label}", f"{milestone:g} {unit_label}")
        ax.text(data["year"].min(), milestone, " " + label, va="bottom", color=PALETTE["highlight"], fontsize=9,
                bbox=LABEL_BOX)
    ax.set_xlabel(_t(lang, "年份", "Year"))
    ax.set_ylabel(unit_label)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.legend(title=_t(lang, "年均增速", "Annual growth"), fontsize=8)
    ax.set_title(title)
    return _finish(fig)


def income_gap(gap: pd.DataFrame, lang: str) -> Figure:
    """Urban and rural incomes (left) and their ratio (right); projections dashed."""
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8.4, 3.6))
    for col, zh, en in (("urban", "城镇", "urban"), ("rural", "农村", "rural")):
        for projected, ls in ((False, "-"), (True, "--")):
            part = gap[gap["projected"] == projected]
            if projected and not part.empty:
                part = pd.concat([gap[~gap["projected"]].tail(1), part])
            ax1.plot(part["year"], part[col], ls=ls, marker="o", ms=3, color=PALETTE[col],
                     label=_t(lang, zh, en) if not projected else None)
    for projected, ls in ((False, "-"), (True, "--")):
        part = gap[gap["projected"] == projected]
        if projected and not part.empty:
            part = pd.concat([gap[~gap["projected"]].tail(1), part])
        ax2.plot(part["year"], part["ratio"], ls=ls, marker="o", ms=3, color=PALETTE["highlight"])
    ax1.set_title(_t(lang, "人均可支配收入（元）", "Disposable income per person (CNY)"))
    ax2.set_title(_t(lang, "城乡收入比（农村=1）", "Urban/rural income ratio (rural = 1)"))
    ax1.legend(fontsize=8)
    for ax in (ax1, ax2):
        ax.set_xlabel(_t(lang, "年份", "Year"))
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    return _finish(fig)


def target_vs_outcome(plan: pd.DataFrame, lang: str, *, labels: tuple[list[str], list[str]] | None = None) -> Figure:
    """Plan targets against outcomes, as grouped bars; ``labels`` (targets, outcomes)
    are the values as the report shows them, with their qualifiers (about 8%, at least 5%)."""
    names = _wrap(plan["name_zh" if lang == "zh" else "name_en"] + " (" + plan["period"] + ")", lang)
    long = pd.DataFrame({
        "name": names * 2,
        "rate": list(plan["target"] * 100) + list(plan["outcome"] * 100),
        "what": [_t(lang, "目标", "target")] * len(plan) + [_t(lang, "实绩", "outcome")] * len(plan),
    })
    fig, ax = plt.subplots(figsize=(7.2, 0.7 * len(plan) + 1.4))
    sns.barplot(data=long, y="name", x="rate", hue="what", ax=ax,
                palette=[PALETTE["base"], PALETTE["real"]])
    for i, container in enumerate(ax.containers):
        if labels:
            ax.bar_label(container, labels=labels[i], fontsize=7, padding=2)
        else:
            ax.bar_label(container, fmt="%.1f%%", fontsize=8, padding=2)
    ax.set_xlabel(_t(lang, "增速（%）", "Growth (%)"))
    ax.set_ylabel("")
    ax.legend(title="", fontsize=8, loc="lower right")
    ax.set_title(_t(lang, "规划目标与实绩", "Targets and outcomes"))
    return _finish(fig)


def nominal_vs_real(history: pd.DataFrame, real_path: pd.Series, lang: str, *, real_rate: str, unit_label: str) -> Figure:
    """Reported (nominal) GDP levels against the path implied by real growth."""
    fig, ax = plt.subplots()
    ax.plot(history["year"], history["value"], marker="o", color=PALETTE["nominal"],
            label=_t(lang, "历年报告的GDP（名义）", "GDP as reported each year (nominal)"))
    ax.plot(real_path.index, real_path.values, marker="o", ls="--", color=PALETTE["real"],
            label=_t(lang, f"按年均实际增速{real_rate}倒推", f"Back-cast at the real average rate of {real_rate}"))
    for step in range(int(np.floor(history["value"].min() / 100) + 1) * 100, int(history["value"].max()) + 1, 100):
        ax.axhline(step, color="#bbbbbb", lw=0.6, zorder=0)
    ax.set_xlabel(_t(lang, "年份", "Year"))
    ax.set_ylabel(unit_label)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.legend(fontsize=8)
    ax.set_title(_t(lang, "名义GDP与实际增速路径", "Nominal GDP and the real-growth path"))
    return _finish(fig)


def ranking(rank: pd.DataFrame, lang: str, *, year: int, title: str, unit_label: str) -> Figure:
    """GDP of the districts of the region's city, the region highlighted."""
    fig, ax = plt.subplots(figsize=(7.2, 0.4 * len(rank) + 1.2))
    colors = [PALETTE["highlight"] if h else PALETTE["base"] for h in rank["highlight"]]
    from licheng.authoring.formatting import label

    ax.barh([label(d, lang) for d in rank["district"]], rank["value"], color=colors)
    ax.invert_yaxis()
    for y, v in enumerate(rank["value"]):
        ax.text(v, y, f" {v:,.1f}", va="center", fontsize=8)
    ax.set_xlabel(unit_label)
    ax.set_xlim(0, rank["value"].max() * 1.15)
    ax.set_title(title)
    return _finish(fig)


def benchmark_bars(bench: pd.DataFrame, lang: str, *, district_label: str, title: str, percent: bool,
                   value_labels: list[str] | None = None) -> Figure:
    """The district's value against each benchmark, labelled with year and reliability.

    ``value_labels`` (the district's first, then each benchmark's) are the
    values as the report shows them (4.1%, not 4.10%)."""
    from licheng.authoring.formatting import label

    labels = [f"{district_label}\n{bench['district_period'].iloc[0]}"] + [
        f"{label(e, lang)}\n{p} · {label(r, lang)}" for e, p, r in zip(bench["entity"], bench["benchmark_period"], bench["reliability"])
    ]
    values = [bench["district"].iloc[0]] + list(bench["benchmark"])
    values = [v * 100 for v in values] if percent else values
    fig, ax = plt.subplots(figsize=(7.2, 3.4))
    ax.bar(labels, values, color=[PALETTE["highlight"]] + [PALETTE["base"]] * len(bench))
    labels_shown = value_labels or [f"{v:.2f}{'%' if percent else ''}" for v in values]
    for x, (v, text) in enumerate(zip(values, labels_shown)):
        ax.text(x, v, text, ha="center", va="bottom", fontsize=9)
    ax.set_ylim(0, max(values) * 1.18)
    ax.tick_params(axis="x", labelsize=8)
    ax.set_title(title)
    return _finish(fig)
