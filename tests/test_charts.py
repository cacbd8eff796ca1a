"""How notebooks save charts (licheng.authoring.charts): drawn once, nothing cut off."""
import matplotlib
import matplotlib.pyplot as plt
import pytest
from IPython.core.pylabtools import print_figure
from matplotlib.figure import Figure

from licheng import load_scorecard
from licheng.analysis import compare
from licheng.authoring import charts


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_chart_is_drawn_once_as_a_notebook_saves_it_and_nothing_falls_outside_it(monkeypatch, lang):
    with matplotlib.rc_context(charts.rc()):  # the fonts a notebook sets (charts.setup)
        fig = charts.growth_bars(compare.average_rates(load_scorecard()), lang)  # the longest labels of any chart
    try:
        draws = []
        draw = Figure.draw
        monkeypatch.setattr(Figure, "draw", lambda self, renderer: (draws.append(1), draw(self, renderer))[1])
        with matplotlib.rc_context(charts.rc()):
            svg = print_figure(fig, "svg", **charts.SVG_FORMAT)
        assert draws == [1] and svg.lstrip().startswith("<?xml") and "<svg" in svg
        # saved uncropped: every label, title and value fits inside the figure as laid out
        inside, box = fig.get_tightbbox(), fig.bbox_inches
        assert box.x0 <= inside.x0 and inside.x1 <= box.x1 and box.y0 <= inside.y0 and inside.y1 <= box.y1
    finally:
        plt.close(fig)


def test_dollar_signs_in_names_from_the_data_stay_text_not_mathtext():
    # names from a scorecard reach chart labels and legends; matplotlib reads $...$ as TeX math
    paths = compare.paths(load_scorecard())
    names = {i: f"{i} $\\alpha$ costs" for i in paths["id"].unique()}
    with matplotlib.rc_context(charts.rc()):
        fig = charts.index_paths(paths, names, "en")
        try:
            svg = print_figure(fig, "svg", **charts.SVG_FORMAT)
        finally:
            plt.close(fig)
    assert "gdp $\\alpha$ costs" in svg and "α" not in svg


DRAW = """
import sys, hashlib, matplotlib
matplotlib.use("agg")
import matplotlib.pyplot as plt
from IPython.core.pylabtools import print_figure
from licheng import load_scorecard
from licheng.analysis import compare
from licheng.authoring import charts
if sys.argv[1] == "shared":
    assert charts.share_text_measures()
svgs = []
with matplotlib.rc_context(charts.rc()):
    rates = compare.average_rates(load_scorecard())
    for lang in ("zh", "en", "zh"):  # the third measures nothing anew
        paths = compare.paths(load_scorecard())
        for fig in (charts.growth_bars(rates, lang), charts.index_paths(paths, {i: i for i in paths["id"]}, lang)):
            svgs.append(print_figure(fig, "svg", **charts.SVG_FORMAT))
            plt.close(fig)
print(hashlib.sha256("".join(svgs).encode()).hexdigest())
"""


def test_charts_measured_once_per_process_draw_to_the_same_bytes():
    import subprocess
    import sys

    out = {mode: subprocess.run([sys.executable, "-c", DRAW, mode], capture_output=True, text=True, check=True).stdout
           for mode in ("own", "shared")}
    assert out["own"] == out["shared"] and len(out["own"].strip()) == 64


def test_a_text_is_measured_again_when_its_fonts_or_hinting_change():
    before = charts._measure_key()
    with matplotlib.rc_context({"font.sans-serif": ["Noto Sans CJK SC", "DejaVu Sans"]}):
        assert charts._measure_key() != before
    with matplotlib.rc_context({"text.hinting": "none"}):
        assert charts._measure_key() != before
    assert charts._measure_key() == before


def test_a_chart_too_crowded_to_lay_out_warns_no_reader(recwarn):
    # found by a reviewer: a 250-character legend label made tight_layout warn, and the warning,
    # with this machine's path to charts.py, was printed into the report
    sc = load_scorecard()
    paths = compare.paths(sc)
    with matplotlib.rc_context(charts.rc()):
        fig = charts.index_paths(paths, {i: i * 60 for i in paths["id"]}, "en")
    plt.close(fig)
    assert not [w for w in recwarn if "tight" in str(w.message).lower()], [str(w.message) for w in recwarn]
