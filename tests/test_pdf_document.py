"""The PDF as a shared document: Title, Author and Subject in its metadata, alt text on figures,
note references linked to their notes, bookmarks; the Author is a report-set setting."""
import io
import re

import nbformat
import pytest
from pypdf import PdfReader

from licheng.publishing import cli
from licheng.publishing.exporters import notebook_pdf, title_block
from licheng.publishing.reportset import ConfigError, load_reports, project_author
from licheng.paths import NOTEBOOKS_DIR

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="200pt" height="100pt" viewBox="0 0 200 100">'
       '<rect width="200" height="100" fill="#d68910"/></svg>')


def report_notebook(author: str = "Licheng Economic Research Institute") -> nbformat.NotebookNode:
    """A report's outputs as Report writes them: a title, a sentence citing notes, a chart, the notes."""
    md = lambda text, **meta: nbformat.v4.new_output("display_data", data={"text/markdown": text},  # noqa: E731
                                                     metadata={"licheng": meta} if meta else {})
    outputs = [
        md("# Licheng District: Growth rates and projections"),
        md("## Growth"),
        nbformat.v4.new_output("display_data", data={"image/svg+xml": SVG},
                               metadata={"licheng": {"figure": "f", "alt": "Figure 1. Average growth of each indicator."}}),
        md("**Figure 1. Average growth.**  \n<span class='licheng-source'>Source: the report (notes 1, 2); "
           "computed by licheng.</span>"),
        md("## Notes and sources"),
        md("1. GDP: “预计2025年超过1490亿元”\n2. Trade: “年均增速达到20%”", notes=True),
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("rep.show()", outputs=outputs)])
    attrs = {"region_zh": "历城区", "region_en": "Licheng District", "source_date": "2026-01-28"}
    nb.metadata["licheng"] = title_block(attrs, "en", "Licheng District: Growth rates and projections", author=author)
    return nb


def _page_of(reader: PdfReader, dest) -> int:
    ref = dest.get_object()[0] if not isinstance(dest.get_object(), list) else dest.get_object()[0]
    return next(i for i, p in enumerate(reader.pages) if p.indirect_reference.idnum == ref.idnum)


def test_the_pdf_has_title_author_subject_alt_text_bookmarks_and_linked_notes():
    pdf = notebook_pdf(report_notebook(), engine="typst")
    reader = PdfReader(io.BytesIO(pdf))
    meta = reader.metadata
    assert meta["/Title"] == "Licheng District · Growth rates and projections"
    assert meta["/Author"] == "Licheng Economic Research Institute"
    assert meta["/Subject"].startswith("Growth rates and projections: an analytical report on Licheng District")
    assert b"/Alt (Figure 1. Average growth of each indicator.)" in pdf.replace(b"/Alt(", b"/Alt (")
    assert [o.title for o in reader.outline] == ["Growth", "Notes and sources"]
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])
             if a.get_object().get("/Subtype") == "/Link"]
    assert len(links) == 2  # "1" and "2" of "(notes 1, 2)"
    notes_page = next(i for i, p in enumerate(reader.pages) if "预计2025年超过1490亿元" in p.extract_text())
    assert {_page_of(reader, link["/Dest"]) for link in links} == {notes_page}


def test_a_note_number_with_no_such_note_stays_text_and_the_pdf_still_compiles():
    nb = report_notebook(author="")
    nb.cells[0].outputs[3]["data"]["text/markdown"] = "<span class='licheng-source'>Source: r (notes 1, 7).</span>"
    reader = PdfReader(io.BytesIO(notebook_pdf(nb, engine="typst")))
    links = [a for page in reader.pages for a in page.get("/Annots", []) if a.get_object().get("/Subtype") == "/Link"]
    assert len(links) == 1 and "/Author" not in reader.metadata


def test_author_text_from_the_report_set_cannot_become_typst_markup():
    evil = '"); #set text(red) #("'
    reader = PdfReader(io.BytesIO(notebook_pdf(report_notebook(author=evil), engine="typst")))
    assert reader.metadata["/Author"] == evil


def write_set(tmp_path, author_line: str):
    import shutil

    shutil.copy(NOTEBOOKS_DIR / "growth.ipynb", tmp_path / "growth.ipynb")
    path = tmp_path / "reports.toml"
    path.write_text(f'[defaults]\n{author_line}\n[[report]]\nname = "g"\nnotebook = "growth.ipynb"\n'
                    '[[report]]\nname = "h"\nnotebook = "growth.ipynb"\nauthor = "Team B"\n', encoding="utf-8")
    return path


def test_the_author_is_a_report_set_setting_with_a_per_report_override(tmp_path):
    specs = load_reports(write_set(tmp_path, 'author = "Licheng Economic Research Institute"'))
    assert [s.author for s in specs] == ["Licheng Economic Research Institute", "Team B"]
    assert project_author(tmp_path / "reports.toml") == "Licheng Economic Research Institute"


@pytest.mark.parametrize("line", ["author = 3", 'author = "a\\nb"', f'author = "{"x" * 201}"'])
def test_a_bad_author_is_one_line_and_exit_2(tmp_path, capsys, line):
    path = write_set(tmp_path, line)
    with pytest.raises(ConfigError, match="author must be one line of text"):
        load_reports(path)
    assert cli.main(["list", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and re.search(r"report 1 \(g\): author must be one line", err)


def test_a_region_named_with_a_colon_keeps_the_report_title_whole():
    # found by a reviewer: the title was cut at the first ": ", so a region "Yuquan: County" gave the
    # report "County: Growth rates and projections" in the title block, header and PDF metadata
    attrs = {"region_zh": "榆泉：县", "region_en": "Yuquan: County", "source_date": "2026-01"}
    en = title_block(attrs, "en", "Yuquan: County: Growth rates and projections")
    zh = title_block(attrs, "zh", "榆泉：县：增长速度与趋势")
    assert en["report"] == "Growth rates and projections" and zh["report"] == "增长速度与趋势"
    assert en["subject"].startswith("Growth rates and projections: an analytical report on Yuquan: County")


@pytest.mark.parametrize("char", ["\\u202e", "\\u200f"])
def test_an_author_with_an_invisible_direction_character_is_named_as_such(tmp_path, capsys, char):
    path = write_set(tmp_path, f'author = "Team {char}B"')
    assert cli.main(["list", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and re.search(r"author contains the invisible character U\+20(2E|0F), which changes "
                                              r"the order a reader sees the text in; remove it", err), err
