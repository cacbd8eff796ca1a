"""Text from a scorecard is data, never markup: in Markdown, HTML, Typst and CSV.

Most of these run in-process: a Report on a hostile scorecard, its Markdown
turned into HTML by nbconvert's own Markdown renderer. One test renders real
reports (kernel, HTML, PDF) on a hostile scorecard.
"""
import csv
import io
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from licheng import load_reference, load_scorecard
from licheng.authoring import report as report_module
from licheng.authoring.params import Parameters
from licheng.authoring.report import Report, esc, spreadsheet_safe
from scorecard_files import _row, write_scorecard

HOSTILE = [
    "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "![p](http://evil.example/x.png)",
    "[link](javascript:alert(1))", "**bold** _it_ `code` # heading", "<https://evil.example>",
    "#set page(width: 1cm) $x$ \\ @ref", "=HYPERLINK(\"http://evil.example\")", "+1+2", "-2+3", "@SUM(A1)",
    "{braces} {0}", "x" * 5000, "line1\n# line2\n- item",
]


class Tags(HTMLParser):
    """Every start tag and attribute in an HTML fragment."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str):
    parser = Tags()
    parser.feed(html)
    return parser.tags


def hostile_scorecard(tmp_path, text: str):
    safe = text.replace('"', "'")
    source = f"示范区地区生产总值超过500亿元。{safe}"
    rows = [_row(name_en=safe or "x", name_zh=safe or "x", note=safe, region_en=safe or "x",
                 quote="地区生产总值超过500亿元")]
    return load_scorecard(write_scorecard(tmp_path, rows, text=source))


def report_outputs(sc, monkeypatch):
    shown = []
    monkeypatch.setattr(report_module, "_display", lambda obj=None, **kw: shown.append(obj))
    rep = Report(Parameters({"lang": "en"}, sc, load_reference()))
    return rep, shown


def markdown_of(shown) -> list[str]:
    return [obj.data for obj in shown if hasattr(obj, "data") and isinstance(obj.data, str)]


def assert_no_markup_from_data(html: str):
    for tag, attrs in tags_of(html):
        if tag == "a" and attrs.get("class") == "anchor-link" and attrs.get("href", "").startswith("#"):
            continue  # nbconvert's own link to a heading
        assert tag in {"p", "h1", "h2", "h3", "ul", "li", "strong", "em", "span", "br", "ol"}, (tag, html[:300])
        assert not any(a.startswith("on") or a in ("src", "href") for a in attrs), (tag, attrs)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_scorecard_text_in_a_sentence_stays_text(tmp_path, monkeypatch, text):
    sc = hostile_scorecard(tmp_path, text)
    rep, shown = report_outputs(sc, monkeypatch)
    rep.title("标题", "Title")
    rep.say("{name}: {value}", "{name}: {value}", name=rep.name("gdp"), value=rep.fig("gdp"))
    rep.bullets([rep.t("**{n}** ({v}): {r}", "**{n}** ({v}): {r}", n=rep.name("gdp"), v=rep.fig("gdp"), r=rep.reading("gdp"))])
    rep.missing(["ref:" + text + "/x"])
    rep.notes()
    for md in markdown_of(shown):
        assert_no_markup_from_data(markdown2html_mistune(md))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80)
       | st.sampled_from(HOSTILE).flatmap(lambda h: st.just(h)))
def test_any_string_passed_through_esc_renders_as_that_string(text):
    html = markdown2html_mistune(esc(text))
    assert_no_markup_from_data(html)
    assert not re.search(r"<(img|script|a|iframe|style)\b", html)


def test_table_csvs_are_spreadsheet_safe_and_numbers_stay_numbers():
    raw = "name,value,delta\n=HYPERLINK(\"x\"),1490.0,-0.6\n+SUM(A1),-3,@x\n-cmd,5,\tx\n"
    rows = list(csv.reader(io.StringIO(spreadsheet_safe(raw))))
    assert rows[1] == ["'=HYPERLINK(\"x\")", "1490.0", "-0.6"]
    assert rows[2] == ["'+SUM(A1)", "-3", "'@x"]
    assert rows[3][0] == "'-cmd" and rows[3][2] == "'\tx"


def test_a_report_table_writes_a_safe_csv(tmp_path, monkeypatch):
    sc = hostile_scorecard(tmp_path, "=HYPERLINK(\"http://evil.example\")")
    rep, shown = report_outputs(sc, monkeypatch)
    rep.figure_table(sc, caption=("表", "Table"), name="t")
    bundle = next(obj for obj in shown if isinstance(obj, dict))
    cells = [c for row in csv.reader(io.StringIO(bundle["text/csv"])) for c in row]
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    assert "<img" not in bundle["text/html"]


@pytest.mark.slow
def test_a_hostile_scorecard_renders_to_html_with_no_live_markup_and_pdf_with_the_text_as_written(tmp_path):
    from licheng.publishing.reportset import ReportSpec
    from licheng.paths import NOTEBOOKS_DIR
    from licheng.publishing.pdf.checks import pdf_text
    from licheng.publishing.render import render_set

    evil = "<img src=x onerror=alert(1)> ![p](http://evil.example/p.png) =HYPERLINK(1) #set text(red)"
    source = "示范区2025年地区生产总值超过500亿元，年均增长6%。" + evil
    rows = [_row(region_en=evil, name_en=evil, note="Ambiguous: " + evil),
            _row(id="gdp_growth_avg", name_en="GDP growth " + evil, region_en=evil, value="6", unit="%", period="2021-2025",
                 kind="average_growth", qualifier="", bound="exact", basis="real", quote="年均增长6%")]
    path = write_scorecard(tmp_path / "sc", rows, text=source)
    specs = [ReportSpec(f"{nb}-en", NOTEBOOKS_DIR / f"{nb}.ipynb", {"lang": "en", "scorecard": str(path)}, ("html", "pdf"))
             for nb in ("scorecard", "growth")]
    results = render_set(specs, outputs=tmp_path / "out", force=True)
    assert [r.status for r in results] == ["ok", "ok"], [r.error for r in results]
    for spec in specs:
        html = (tmp_path / "out" / spec.name / f"{spec.name}.html").read_text(encoding="utf-8")
        # in the markup (text between tags, such as a chart label, is text): heading ids are slugs of the
        # heading's words (img-src-x-onerror-...), letters and '-' only, inert
        markup = re.sub(r">[^<]*<", "><", re.sub(r"&lt;img src=x onerror=alert\(1\)&gt;", "", html))
        assert "onerror" not in re.sub(r'(id|href)="#?[\w-]*"', "", markup)
        for tag, attrs in tags_of(html):
            assert not (tag == "img" and not attrs.get("src", "").startswith("data:")), attrs
            assert not any(a.startswith("on") for a in attrs), (tag, attrs)
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        pdf = pdf_text((tmp_path / "out" / spec.name / f"{spec.name}.pdf").read_bytes())
        assert "<img src=x onerror=alert(1)>" in pdf and "#set text(red)" in pdf
        for table in (tmp_path / "out" / spec.name / "tables").glob("*.csv"):
            cells = [c for row in csv.reader(io.StringIO(table.read_text(encoding="utf-8"))) for c in row]
            assert not any(c.startswith("=") for c in cells), table


def test_a_figure_caption_filled_with_data_stays_text(tmp_path, monkeypatch):
    import matplotlib.pyplot as plt

    sc = hostile_scorecard(tmp_path, "x")
    rep, shown = report_outputs(sc, monkeypatch)
    city = "<img src=x onerror=alert(1)>"
    rep.figure(plt.figure(), caption=("{}各区县".format(city), "Districts of {}".format(city)), inputs="gdp", name="f")
    assert_no_markup_from_data(markdown2html_mistune(markdown_of(shown)[-1]))


@pytest.mark.parametrize("scorecard, message", [
    ("/dev/zero", "the scorecard file is not a regular file"),
    ("/nonexistent/x.csv", "scorecard file not found"),
    ("fifo", "the scorecard file is not a regular file"),
])
def test_a_bad_scorecard_parameter_is_one_line_and_exit_2(scorecard, message, capsys, tmp_path):
    # /dev/zero once hung the render: the cache read the whole "file" before the parameter check refused it
    from licheng.publishing import cli

    if scorecard == "fifo":
        import os
        scorecard = str(tmp_path / "pipe.csv")
        os.mkfifo(scorecard)
    out = tmp_path / "out"
    code = cli.main(["render", "scorecard-en", "-p", f"scorecard={scorecard}", "--outputs", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("licheng: error: ") and message in err and err.count("\n") == 1
    assert not out.exists() or not any(out.iterdir())  # nothing was written
