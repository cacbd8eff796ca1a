"""Real renders: papermill executes, nbconvert exports, Typst (or WeasyPrint, or Chromium) makes the PDF."""
import http.server
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from licheng.publishing.reportset import ConfigError, check_name, parse_override
from licheng.exceptions import RenderError
from cli_runner import licheng
from licheng.paths import NOTEBOOKS_DIR, ROOT
from licheng.publishing.pdf.checks import check_cjk_fonts, pdf_fonts, pdf_text
from licheng.publishing.pdf.weasyprint_engine import LocalOnlyFetcher, weasyprint_pdf

FIXTURES = Path(__file__).parent / "notebooks"
BIN = Path(sys.executable).parent


def write_config(path: Path, reports) -> Path:
    """A report set; its notebooks are copied beside it (a report set may only name notebooks there)."""
    import shutil

    lines = ['[defaults]\nformats = ["html"]\n']
    for r in reports:
        params = ", ".join(f"{k} = {json.dumps(v)}" for k, v in r.get("parameters", {}).items())
        shutil.copy(r["notebook"], path.parent / Path(r["notebook"]).name)
        lines.append(f'[[report]]\nname = {json.dumps(r["name"])}\nnotebook = {json.dumps(Path(r["notebook"]).name)}\n'
                     f'parameters = {{ {params} }}\n' + (f'formats = {json.dumps(r["formats"])}\n' if "formats" in r else ""))
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The Chinese scorecard report, rendered once for real to HTML and PDF."""
    out = tmp_path_factory.mktemp("outputs")
    result = licheng("render", "scorecard-zh", "--outputs", out)
    assert result.returncode == 0, result.stderr + result.stdout
    return out


def test_pdf_embeds_a_cjk_font_and_its_text_holds_the_region(rendered):
    pdf = (rendered / "scorecard-zh" / "scorecard-zh.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert any("CJK" in name for name in pdf_fonts(pdf))
    text = pdf_text(pdf)
    assert "历城区" in text and "1490" in text
    assert "2026-01-28" in text  # the data date in the title block, not the clock
    from pypdf import PdfReader
    import io

    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages[1:], start=2):
        body = [line for line in page.extract_text().splitlines() if line.strip()][1:]  # below the running header
        assert not re.match(r"(图 \d|来源：)", body[0]), f"page {number} starts with a caption or source line: {body[0]}"


def test_html_is_self_contained_and_shows_no_code(rendered):
    html = (rendered / "scorecard-zh" / "scorecard-zh.html").read_text(encoding="utf-8")
    remote = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)\s*=\s*["\']?https?://', html, re.I)
    assert remote == []
    assert "@import url(http" not in html and "url(https://" not in html
    assert "data:image/svg+xml" in html and "历城区" in html
    assert '<html lang="zh-CN">' in html
    assert "check_parameters" not in html and "injected-parameters" not in html
    assert 'class="jp-InputArea' not in html


def test_one_long_lived_exporter_gives_each_page_its_own_language():
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    from licheng.publishing.exporters import LichengHTMLExporter

    exporter = LichengHTMLExporter()
    langs = []
    cell = new_code_cell("", outputs=[new_output("stream", name="stdout", text="GDP")])
    for lang in ("zh-CN", "zh-CN", "en", "zh-CN"):
        html, _ = exporter.from_notebook_node(new_notebook(cells=[cell], metadata={"licheng": {"html_lang": lang}}))
        langs.append(re.search(r'<html lang="([^"]+)"', html).group(1))
    assert langs == ["zh-CN", "zh-CN", "en", "zh-CN"]


def test_outputs_hold_notebook_tables_and_index(rendered):
    folder = rendered / "scorecard-zh"
    assert (folder / "scorecard-zh.ipynb").is_file()
    assert list((folder / "tables").glob("*.csv"))
    economy = (folder / "tables" / "scorecard_economy.csv").read_text(encoding="utf-8").splitlines()
    assert economy[0] == "id,value,unit,qualifier,bound,period,kind,status,basis,quote"  # data, not display text
    assert "gdp,1490,亿元,超过,lower,2025,level,estimate,nominal,预计2025年超过1490亿元" in economy
    assert not [p for p in folder.rglob("*") if ".tmp" in p.name]
    index = (rendered / "index.html").read_text(encoding="utf-8")
    assert "scorecard-zh/scorecard-zh.pdf" in index and "2026-01-28" in index
    assert re.search(r'class="ok">ok<', index)
    assert "not rendered" in index  # the other reports of the set are listed too


def test_nbconvert_exporters_are_registered(rendered, tmp_path):
    from nbconvert.exporters import get_export_names

    assert {"licheng_html", "licheng_pdf"} <= set(get_export_names())
    executed = rendered / "scorecard-zh" / "scorecard-zh.ipynb"
    for fmt, suffix in (("licheng_html", ".html"), ("licheng_pdf", ".pdf")):
        result = subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", fmt, str(executed), "--output-dir", str(tmp_path)],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / f"scorecard-zh{suffix}").stat().st_size > 10_000


def test_a_failing_cell_fails_that_report_only(tmp_path):
    config = write_config(tmp_path / "reports.toml", [
        {"name": "broken", "notebook": FIXTURES / "broken.ipynb"},
        {"name": "small", "notebook": FIXTURES / "small.ipynb"},
    ])
    out = tmp_path / "out"
    (out / "broken").mkdir(parents=True)
    (out / "broken" / "broken.html").write_text("PREVIOUS GOOD RENDER", encoding="utf-8")
    result = licheng("--config", config, "render", "--outputs", out)
    assert result.returncode == 1
    assert "FAILED broken: cell 4 (In [4]): ZeroDivisionError: division by zero" in result.stderr
    assert (out / "small" / "small.html").is_file()
    assert (out / "broken" / "broken.html").read_text(encoding="utf-8") == "PREVIOUS GOOD RENDER"
    failed = json.loads((out / "broken" / "broken.failed.ipynb").read_text(encoding="utf-8"))
    assert any("An Exception was encountered" in "".join(c["source"]) for c in failed["cells"])
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "failed: cell 4 (In [4]): ZeroDivisionError" in index


def test_a_chart_the_pdf_engine_cannot_draw_fails_that_report_only(tmp_path):
    config = write_config(tmp_path / "reports.toml", [
        {"name": "bad-chart", "notebook": FIXTURES / "bad_chart.ipynb", "formats": ["html", "pdf"]},
        {"name": "small", "notebook": FIXTURES / "small.ipynb", "formats": ["html", "pdf"]},
    ])
    out = tmp_path / "out"
    result = licheng("--config", config, "render", "--outputs", out)
    assert result.returncode == 1
    line = next(l for l in result.stderr.splitlines() if l.startswith("FAILED bad-chart: "))
    assert line.startswith("FAILED bad-chart: cell 3: Typst could not set the report: failed to parse SVG")
    assert (out / "small" / "small.pdf").read_bytes().startswith(b"%PDF")
    assert not (out / "bad-chart" / "bad-chart.pdf").exists()
    assert not [p for p in out.rglob("*") if ".tmp" in p.name]


def test_a_missing_typst_package_is_refused_before_any_kernel_starts(tmp_path):
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    (shadow / "typst.py").write_text("raise ImportError('No module named typst')\n", encoding="utf-8")
    result = licheng("render", "scorecard-zh", "--outputs", tmp_path / "out", env={"PYTHONPATH": str(shadow)})
    assert result.returncode == 2
    assert "licheng: error: the typst PDF engine needs the typst package" in result.stderr
    assert not (tmp_path / "out" / "scorecard-zh").exists()


@pytest.mark.parametrize("name", ["../x", "/tmp/x", "a/b", "..", ".hidden", ""])
def test_report_names_cannot_leave_outputs(name, tmp_path):
    with pytest.raises(ConfigError, match="is not allowed"):
        check_name(name)
    config = write_config(tmp_path / "reports.toml", [{"name": name, "notebook": FIXTURES / "small.ipynb"}])
    result = licheng("--config", config, "render", "--outputs", tmp_path / "out")
    assert result.returncode == 2 and "is not allowed" in result.stderr
    assert not (tmp_path / "x").exists()


def test_unknown_report_on_the_command_line(tmp_path):
    result = licheng("render", "../etc", "--outputs", tmp_path)
    assert result.returncode == 2 and "licheng: error: report name '../etc' is not allowed" in result.stderr
    result = licheng("render", "growth-fr", "--outputs", tmp_path)
    assert result.returncode == 2 and "unknown report 'growth-fr'; did you mean growth-zh, growth-en" in result.stderr


def test_parameters_are_checked_before_any_kernel_starts(tmp_path):
    result = licheng("render", "growth-en", "-p", "horizon=2019", "--outputs", tmp_path)
    assert result.returncode == 2
    assert "report 'growth-en': parameter 'horizon': 2019 is not after the last data year 2025" in result.stderr
    assert not (tmp_path / "growth-en").exists()
    result = licheng("render", "scorecard-en", "-p", "horizon=2035", "--outputs", tmp_path)
    assert result.returncode == 2 and "no selected report's notebook declares parameter 'horizon'" in result.stderr


def test_overrides_parse_as_literals():
    assert parse_override("horizon=2035") == ("horizon", 2035)
    assert parse_override("scenario_rates=[0.04, 0.05]") == ("scenario_rates", [0.04, 0.05])
    assert parse_override("scenario_rates=(0.05,)") == ("scenario_rates", [0.05])  # papermill would send a tuple as text
    assert parse_override("lang=en") == ("lang", "en")


def test_missing_cjk_font_is_refused_before_rendering(tmp_path):
    result = licheng("render", "scorecard-zh", "--outputs", tmp_path, env={"LICHENG_CJK_FONT": "/nonexistent/font.otf"})
    assert result.returncode == 2 and "CJK font not found: /nonexistent/font.otf" in result.stderr


def test_a_cjk_font_collection_is_refused_before_rendering(tmp_path):
    """fontTools needs a font number to open a .ttc (Debian's fonts-noto-cjk installs one): each report
    failed in its export (found by a reviewer)."""
    ttc = tmp_path / "NotoSansCJK-Regular.ttc"
    ttc.write_bytes(b"ttcf\x00\x01\x00\x00" + bytes(64))
    result = licheng("render", "scorecard-zh", "--format", "html", "--outputs", tmp_path / "out",
                     env={"LICHENG_CJK_FONT": str(ttc)})
    assert result.returncode == 2 and result.stderr == (
        f"licheng: error: CJK font {ttc} is a font collection (.ttc); set LICHENG_CJK_FONT to a single font file "
        "(a Noto Sans CJK SC .otf or .ttf), or unset it\n")


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_a_cjk_font_that_is_no_font_is_refused_before_rendering(tmp_path, fmt):
    """It failed each report in its export, exit 1, with fontTools' words (left alone last session)."""
    not_a_font = tmp_path / "font.otf"
    not_a_font.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    result = licheng("render", "scorecard-zh", "--format", fmt, "--outputs", tmp_path / "out",
                     env={"LICHENG_CJK_FONT": str(not_a_font)})
    assert result.returncode == 2 and result.stderr == (
        f"licheng: error: CJK font {not_a_font} is not a TrueType or OpenType font file; set LICHENG_CJK_FONT "
        "to one (a Noto Sans CJK SC .otf or .ttf), or unset it\n")
    assert not (tmp_path / "out").exists()


def test_pdf_without_a_cjk_font_is_refused(tmp_path):
    # Fontconfig limited to DejaVu: no CJK fallback, as on a machine without CJK fonts.
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    "<dir>/usr/share/fonts/truetype/dejavu</dir>"
                    f"<cachedir>{tmp_path}/cache</cachedir></fontconfig>", encoding="utf-8")
    code = ("from licheng.publishing.pdf.weasyprint_engine import weasyprint_pdf\nfrom licheng.publishing.pdf.checks import check_cjk_fonts\n"
            "html = '<p style=\"font-family: DejaVu Sans\">历城区 GDP</p>'\n"
            "check_cjk_fonts(weasyprint_pdf(html), html)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "FONTCONFIG_FILE": str(conf)})
    assert result.returncode != 0
    assert "the PDF has Chinese text but embeds no CJK font" in result.stderr


def test_a_latin_only_pdf_needs_no_cjk_font():
    check_cjk_fonts(weasyprint_pdf("<p>GDP 1490</p>"))


class _Counter(http.server.BaseHTTPRequestHandler):
    hits = []

    def do_GET(self):
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_network_urls_are_never_fetched():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        html = (f'<link rel="stylesheet" href="{url}/style.css"><p>GDP</p><img src="{url}/chart.png">'
                '<img src="file:///etc/hostname">')
        pdf = weasyprint_pdf(html)
        assert pdf.startswith(b"%PDF")
        assert _Counter.hits == []
    finally:
        server.shutdown()
    fetcher = LocalOnlyFetcher()
    for bad in (f"{url}/x.png", "https://example.org/x.css", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="licheng does not fetch"):
            fetcher.fetch(bad)
    assert fetcher.fetch("data:text/plain,hi") is not None


def test_stale_user_kernelspec_does_not_hijack_the_kernel(tmp_path):
    spec = tmp_path / "home" / ".local" / "share" / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": ["/removed/env/bin/python", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (stale)", "language": "python"}), encoding="utf-8")
    config = write_config(tmp_path / "reports.toml", [{"name": "small", "notebook": FIXTURES / "small.ipynb"}])
    result = licheng("--config", config, "render", "--outputs", tmp_path / "out",
                     env={"HOME": str(tmp_path / "home"), "JUPYTER_DATA_DIR": ""})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "small" / "small.html").is_file()


def test_list_json_and_params():
    result = licheng("list", "--json")
    reports = json.loads(result.stdout)
    assert {r["name"] for r in reports} == {f"{n}-{l}" for n in ("scorecard", "growth", "comparison") for l in ("zh", "en")}
    assert all(set(r) == {"name", "notebook", "parameters"} for r in reports)
    result = licheng("params", "growth")
    assert result.returncode == 0 and "horizon: int = 0" in result.stdout and "last year of the GDP projections" in result.stdout
    result = licheng("params", "nope")
    assert result.returncode == 2 and "notebook 'nope' not found; the notebooks are comparison, growth, scorecard" in result.stderr


def _chromium_or_skip():
    import shutil

    if not any(shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome")):
        pytest.skip("no Chromium on PATH (.ci/run installs it); its absence is tested below")
    if subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout.strip():
        pytest.skip("this machine has a system CJK font, which Chromium would use")


@pytest.mark.slow
def test_chromium_refuses_the_opentype_cjk_font_and_the_report_says_what_to_do(tmp_path):
    _chromium_or_skip()
    result = licheng("render", "growth-en", "--pdf-engine", "chromium", "--format", "pdf", "--outputs", tmp_path)
    assert result.returncode == 1
    assert "set LICHENG_CJK_FONT to a TrueType CJK font" in result.stderr


@pytest.mark.slow
def test_chromium_prints_a_report_with_a_truetype_cjk_font(tmp_path):
    _chromium_or_skip()
    from licheng.fonts import cjk_font_path

    simhei = cjk_font_path().parent / "SimHei.ttf"
    result = licheng("render", "growth-en", "--pdf-engine", "chromium", "--format", "pdf", "--outputs", tmp_path,
                     env={"LICHENG_CJK_FONT": str(simhei)})
    assert result.returncode == 0, result.stderr
    pdf = (tmp_path / "growth-en" / "growth-en.pdf").read_bytes()
    assert "SimHei" in " ".join(pdf_fonts(pdf)) and "GDP" in pdf_text(pdf)


def test_chromium_engine_missing_gives_a_clear_error(tmp_path):
    result = licheng("render", "scorecard-zh", "--pdf-engine", "chromium", "--outputs", tmp_path,
                     env={"PATH": str(BIN)})
    assert result.returncode == 2 and "needs a Chromium browser on PATH (apt-get install chromium)" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["--format", "docx"], "--format: unknown format(s) docx; choose from html, pdf"),
    (["--jobs", "0"], "--jobs 0: give at least 1"),
])
def test_bad_render_options_exit_2_with_the_message(args, message, tmp_path):
    result = licheng("render", *args, "--outputs", tmp_path)
    assert result.returncode == 2 and f"licheng: error: {message}" in result.stderr


def test_reports_start_longest_first_by_their_last_run_else_by_notebook_size(tmp_path):
    from licheng.publishing.render import longest_first
    from licheng.publishing.reportset import ReportSpec

    small, big = tmp_path / "small.ipynb", tmp_path / "big.ipynb"
    small.write_text("x" * 1000, encoding="utf-8")
    big.write_text("x" * 5000, encoding="utf-8")
    todo = [(ReportSpec(name, nb), ("html",), "") for name, nb in
            (("a", small), ("b", big), ("c", small), ("d", big))]
    order = lambda previous: [item[0].name for item in longest_first(todo, previous)]  # noqa: E731
    assert order({}) == ["b", "d", "a", "c"]  # the larger notebooks first; ties keep the set's order
    # what the last render measured wins over the size, a damaged entry falls back to it
    last = {"a": {"timings": {"execute": 2.5}}, "c": {"timings": {"execute": "slow"}}, "d": {"timings": {"execute": 0.1}}}
    assert order(last) == ["a", "b", "c", "d"]
    damaged = {"a": {"timings": [2.5]}, "b": {"timings": "slow"}, "c": None}  # a status.json not licheng's
    assert order(damaged) == ["b", "d", "a", "c"]
