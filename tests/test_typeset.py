"""The Typst PDF engine: what a report shows reaches the PDF, and nothing else does."""
import io

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from pypdf import PdfReader

from licheng.exceptions import RenderError
from licheng.publishing.exporters import notebook_pdf
from licheng.publishing.pdf.checks import pdf_fonts, pdf_text
from licheng.publishing.typeset import TABLE_MIME, notebook_typst, string

META_ZH = {"region": "历城区", "report": "测试报告", "html_lang": "zh-CN", "language": "中文",
           "date_label": "数据日期", "data_date": "2026-01-28", "pdf_date": "2026-01-28"}


def notebook(*outputs, markdown_cells=(), meta=META_ZH):
    cells = [new_markdown_cell(m) for m in markdown_cells]
    cells.append(new_code_cell("x = 1", outputs=[new_output("display_data", data=d) for d in outputs]))
    return new_notebook(cells=cells, metadata={"licheng": meta})


def text_of(nb) -> str:
    return " ".join(pdf_text(notebook_pdf(nb, engine="typst")).split())


def test_strings_are_escaped_for_typst():
    assert string('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'


def test_text_that_looks_like_typst_markup_is_printed_as_written():
    tricky = 'GDP #set page(width: 1pt) $x$ *not bold* _x_ <label> @ref [a] "quoted" \\ back // no comment'
    text = text_of(notebook({"text/plain": tricky, "text/markdown": f"`{tricky}`"}))
    assert tricky in text


def test_markdown_headings_lists_bold_and_source_lines_reach_the_pdf():
    md = ("# 标题一\n\n## 要点\n\n- 地区生产总值 **1490亿元**\n- 年均增长5.2%\n\n"
          "1. 第一条注释\n2. second note\n\n**图 1. 图题**  \n<span class='licheng-source'>来源：报告（注1）</span>")
    nb = notebook({"text/markdown": md, "text/plain": ""})
    text = text_of(nb)
    for piece in ("要点", "地区生产总值 1490亿元", "年均增长5.2%", "1. 第一条注释", "2. second note", "图 1. 图题",
                  "来源：报告（注1）"):
        assert piece in text, piece
    assert "标题一" not in text  # the title block shows the title; the level-1 heading is not repeated
    assert "span" not in text and "licheng-source" not in text
    source = notebook_typst(nb, META_ZH).source
    assert "#text(size: 0.85em" in source  # the source line is set small, not as literal HTML
    assert source.count("#block(breakable: false)") == 1  # the caption with its source line is never split


def test_licheng_tables_print_their_caption_cells_and_source_in_order():
    table = {"caption": "表 1. 经济", "header": ["指标", "数值"], "widths": [70.0, 30.0],
             "rows": [["地区生产总值", "超过1490亿元"], ["新增市场主体", "3.4万家"]], "source": "来源：报告。"}
    text = text_of(notebook({TABLE_MIME: table, "text/html": "<table></table>", "text/plain": ""}))
    order = [text.index(p) for p in ("表 1. 经济", "指标", "数值", "地区生产总值", "超过1490亿元", "新增市场主体",
                                     "3.4万家", "来源：报告。")]
    assert order == sorted(order)


def test_a_plain_dataframe_becomes_a_table():
    import pandas as pd

    df = pd.DataFrame({"year": [2024, 2025], "GDP": [1420.5, 1490.0]})
    text = text_of(notebook({"text/html": df.to_html(), "text/plain": df.to_string()}))
    for piece in ("year", "GDP", "2024", "1420.5", "1490.0"):
        assert piece in text


def test_charts_are_embedded_as_images_with_their_text():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="200pt" height="40pt" viewBox="0 0 200 40">'
           '<text x="2" y="20" style="font: 10px \'DejaVu Sans\', \'Noto Sans CJK SC\'">年均增长 GDP</text></svg>')
    text = text_of(notebook({"image/svg+xml": svg, "text/plain": "<Figure>"}))
    assert "年均增长" in text and "GDP" in text
    assert "<Figure>" not in text


def test_the_pdf_has_title_block_page_numbers_date_and_only_the_projects_fonts():
    nb = notebook({"text/markdown": "## 一节\n\n" + "正文。" * 2000, "text/plain": ""})
    pdf = notebook_pdf(nb, engine="typst")
    text = pdf_text(pdf)
    assert "历城区" in text and "测试报告" in text and "数据日期 2026-01-28" in text
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert pages > 1 and f"1 / {pages}" in text and f"{pages} / {pages}" in text
    assert PdfReader(io.BytesIO(pdf)).metadata["/CreationDate"].startswith("D:20260128")
    fonts = pdf_fonts(pdf)
    assert fonts and all("NotoSansCJK" in f or "DejaVu" in f for f in fonts), fonts


def test_same_notebook_gives_the_same_bytes():
    nb = notebook({"text/markdown": "## 要点\n\nGDP **5.2%**", "text/plain": ""})
    assert notebook_pdf(nb, engine="typst") == notebook_pdf(nb, engine="typst")


def test_english_reports_set_latin_text_in_dejavu_with_a_real_bold():
    meta = {**META_ZH, "html_lang": "en", "region": "Licheng District", "report": "Test"}
    pdf = notebook_pdf(notebook({"text/markdown": "Growth was **5.2%**, “real”.", "text/plain": ""}, meta=meta),
                       engine="typst")
    fonts = pdf_fonts(pdf)
    assert any(f.endswith("DejaVuSans") for f in fonts) and any("DejaVuSans-Bold" in f for f in fonts)


FAKE_DESCRIPTOR = "1 0 obj <</Type/FontDescriptor/FontName/ABCDEF+NotoSansCJKsc/FontFile2 9 0 R>> endobj"


@pytest.mark.parametrize("region", ["历城区", "历城区 " + FAKE_DESCRIPTOR])
def test_a_latin_cjk_font_is_caught_by_the_cjk_check(monkeypatch, region):
    """Also when the data's text, written into the PDF's title and metadata, spells a CJK font descriptor."""
    import matplotlib
    from pathlib import Path

    dejavu = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    monkeypatch.setenv("LICHENG_CJK_FONT", str(dejavu))
    with pytest.raises(RenderError, match="the PDF has Chinese text but embeds no CJK font"):
        notebook_pdf(notebook({"text/markdown": "历城区", "text/plain": ""}, meta={**META_ZH, "region": region}),
                     engine="typst")


def test_the_quick_font_read_finds_what_pypdf_finds_in_a_typst_pdf_and_never_more():
    from licheng.publishing.pdf.checks import written_font_names
    from licheng.publishing.pdf.weasyprint_engine import weasyprint_pdf

    pdf = notebook_pdf(notebook({"text/markdown": "历城区 GDP **5.2%**", "text/plain": ""}), engine="typst")
    assert written_font_names(pdf) == pdf_fonts(pdf) and any("NotoSansCJK" in f for f in pdf_fonts(pdf))
    # WeasyPrint keeps its descriptors in compressed object streams: nothing is read, pypdf decides
    printed = weasyprint_pdf("<p>GDP 1490</p>")
    assert b"/ObjStm" in printed and written_font_names(printed) == set() and pdf_fonts(printed)
    # only an object of the cross-reference table that is a descriptor naming an embedded font file
    def pdf_of(*objects: bytes) -> bytes:
        out, offsets = b"%PDF-1.7\n", []
        for i, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
        return out + b"trailer\n<</Size %d>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)

    descriptor = b"<</Type/FontDescriptor/FontName/ABCDEF+NotoSansCJKsc-Regular/FontFile2 9 0 R>>"
    assert written_font_names(pdf_of(descriptor)) == {"ABCDEF+NotoSansCJKsc-Regular"}
    assert written_font_names(pdf_of(descriptor.replace(b"/FontFile2 9 0 R", b""))) == set()
    assert written_font_names(pdf_of(b"<</Title(" + FAKE_DESCRIPTOR.encode() + b")>>")) == set()
    assert written_font_names(pdf_of(descriptor)[:-30]) == set()  # no table: pypdf decides


def test_an_image_typst_cannot_read_is_a_one_line_render_error():
    with pytest.raises(RenderError) as err:
        notebook_pdf(notebook({"image/svg+xml": "<svg this is not xml", "text/plain": ""}), engine="typst")
    assert str(err.value).startswith("cell 1: Typst could not set the report: failed to parse SVG")
    assert "\n" not in str(err.value)


def test_errors_in_the_source_are_traced_to_their_notebook_cell():
    nb = new_notebook(cells=[new_markdown_cell("## 一"), new_code_cell("", outputs=[
        new_output("display_data", data={"text/markdown": "GDP\n\n[link](https://example.org)", "text/plain": ""}),
        new_output("display_data", data={"image/svg+xml": "<svg/>", "text/plain": ""})])], metadata={})
    report = notebook_typst(nb, {})
    line = next(i for i, text in enumerate(report.source.splitlines(), start=1) if "example.org" in text)
    assert report.cell_of("/tmp/x/report.typ", line) == 2
    assert report.cell_of("/tmp/x/report.typ", 1) is None  # the preamble is no cell's
    assert report.cell_of("cell2-1.svg", 1) == 2 and list(report.images) == ["cell2-1.svg"]


def test_an_empty_link_keeps_its_text():
    assert "see here" in text_of(notebook({"text/markdown": "see [here]()", "text/plain": ""}))


def test_an_executed_report_round_trips_through_nbformat(tmp_path):
    nb = notebook({"text/markdown": "## 要点", "text/plain": ""},
                  {TABLE_MIME: {"caption": "表 1", "header": ["a"], "widths": [100.0], "rows": [["1"]], "source": ""},
                   "text/html": "<table></table>", "text/plain": ""})
    path = tmp_path / "r.ipynb"
    nbformat.write(nb, path)
    assert "表 1" in text_of(nbformat.read(path, as_version=4))


def test_markdown_tables_become_tables_sized_by_their_text():
    md = "| 指标 | 数值 |\n| --- | --- |\n| 地区生产总值 | **1490**亿元 |\n| 新增市场主体 | 3.4万家 |"
    nb = notebook({"text/markdown": md, "text/plain": ""})
    text = text_of(nb)
    assert all(p in text for p in ("指标", "数值", "地区生产总值", "1490亿元", "3.4万家"))
    assert "|" not in text and "**" not in text
    assert "#table(columns: (" in notebook_typst(nb, META_ZH).source


def test_metadata_that_looks_like_typst_markup_reaches_the_title_block_and_pdf_info_as_written():
    tricky = 'Region #set page(width: 1pt) "q" \\ $x$ *b*'
    meta = {**META_ZH, "region": tricky, "report": "报告 #x", "author": 'Inst. "A" #b'}
    pdf = notebook_pdf(notebook({"text/markdown": "正文", "text/plain": ""}, meta=meta), engine="typst")
    text = " ".join(pdf_text(pdf).split())
    assert tricky in text and "报告 #x" in text
    info = PdfReader(io.BytesIO(pdf)).metadata
    assert info["/Title"] == f"{tricky} · 报告 #x" and info["/Author"] == 'Inst. "A" #b'
    assert "#set" not in notebook_typst(notebook(meta=meta), meta).source  # the metadata is never in the source


def test_a_short_table_never_splits_from_its_source_line_and_a_long_one_may_break():
    """A 3-row table at the foot of a page once left its source line alone atop the next."""
    def source_of(rows: int) -> str:
        table = {"caption": "Table 2", "header": ["a", "b"], "widths": [50.0, 50.0],
                 "rows": [[str(i), "x"] for i in range(rows)], "source": "Source: the report (note 1)"}
        return notebook_typst(notebook({TABLE_MIME: table, "text/html": "<table></table>", "text/plain": ""}),
                              META_ZH).source

    assert "breakable: false" in source_of(3) and "breakable: true" not in source_of(3)
    assert "breakable: true" in source_of(40)


def test_a_short_table_with_a_very_long_cell_may_break_across_pages():
    # found by a reviewer: a 2,000-character name made a 3-row table taller than a page, and kept
    # whole, its rows were set on top of each other, the source line and the page number
    from licheng.publishing.typeset import licheng_table

    spec = {"caption": "Table 1.", "header": ["Indicator", "Value"], "widths": [70, 30], "source": "Source: x",
            "rows": [["GDP", "1"], ["Very long name " * 140, "2"], ["Revenue", "3"]]}
    assert "breakable: true" in licheng_table(spec)
    spec["rows"][1][0] = "Trade"
    assert "breakable: false" in licheng_table(spec)
