"""The report notebooks stay thin, and their narrative is for the editor only.

Every code cell is a few lines of calls: the DataFrame work (filters, sorts,
``assign``, lambdas, comprehensions over tables) lives in tested functions of
``licheng.analysis`` and ``licheng.authoring``. Markdown cells tagged
``narrative`` tell the person editing a notebook what each section shows; the
HTML export and the Typst PDF leave them out.
"""
import ast

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from licheng.contract import HIDDEN_CELL_TAGS
from licheng.paths import NOTEBOOKS_DIR
from licheng.publishing.exporters import LichengHTMLExporter
from licheng.publishing.typeset import notebook_typst

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
MAX_LINES = 12
#: Attribute calls that are table work, not a call into the package.
FRAME_METHODS = {"isin", "groupby", "assign", "apply", "loc", "iloc", "query", "pivot", "pivot_table", "merge",
                 "sort_values", "argsort", "iterrows", "itertuples", "map", "unique", "max", "min", "sum", "drop",
                 "reset_index", "set_index", "tail", "head", "str", "astype", "any", "all"}
COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def code_cells(path):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def frame_idioms(source: str) -> list[str]:
    """What in a cell's code is DataFrame logic rather than a call."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Lambda):
            found.append("lambda")
        elif isinstance(node, COMPREHENSIONS):
            found.append(type(node).__name__)
        elif isinstance(node, ast.Attribute) and node.attr in FRAME_METHODS:
            found.append(f".{node.attr}")
        elif isinstance(node, ast.Compare) and any(isinstance(op, (ast.Gt, ast.GtE, ast.Lt, ast.LtE)) for op in node.ops):
            found.append("comparison")  # a filter such as ref["reliability"] >= ...
    return found


def test_the_check_sees_the_idioms_it_forbids():
    assert sorted(frame_idioms('x = df[df["a"].isin(ids)].assign(b=lambda d: d["a"])')) == [".assign", ".isin", "lambda"]
    assert frame_idioms("names = [rep.name(i) for i in rates['id']]") == ["ListComp"]
    assert sorted(frame_idioms("central = s.iloc[s['rate'].argsort()]")) == [".argsort", ".iloc"]
    assert frame_idioms("ref = ref[ref['reliability'] >= P.min_reliability]") == ["comparison"]
    assert frame_idioms("sections.growth_table(rep, compare.growth_vs_gdp(sc))") == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_code_cell_is_a_few_lines_of_calls(path):
    for cell in code_cells(path):
        lines = [line for line in cell.source.splitlines() if line.strip()]
        assert len(lines) <= MAX_LINES, f"{path.name} cell {cell.id}: {len(lines)} lines"
        assert not frame_idioms(cell.source), f"{path.name} cell {cell.id}: {frame_idioms(cell.source)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_section_has_narrative_for_the_editor(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].id == "parameters"
    markdown = [c for c in nb.cells if c.cell_type == "markdown"]
    assert len(markdown) >= 4
    for cell in markdown:  # report prose goes through rep.t (both languages); Markdown cells are the editor's
        assert "narrative" in cell.metadata.get("tags", []), cell.id
        assert cell.id.startswith("about-"), cell.id
        assert any("\u4e00" <= ch <= "\u9fff" for ch in cell.source) and any(ch.isascii() and ch.isalpha() for ch in cell.source)
    # every code cell that opens a section (or the report) comes right after a narrative cell
    for previous, cell in zip(nb.cells, nb.cells[1:]):
        if cell.cell_type == "code" and ("rep.section(" in cell.source or "rep.title(" in cell.source
                                         or "sections.scorecard_title(" in cell.source):
            assert previous.cell_type == "markdown", f"{path.name} cell {cell.id}"


META = {"region": "测试区", "report": "测试报告", "html_lang": "zh-CN", "language": "中文",
        "date_label": "数据日期", "data_date": "2026-01-28", "pdf_date": "2026-01-28"}


def run_notebook():
    """An executed report in miniature: a narrative cell, a report heading and a sentence."""
    narrative = new_markdown_cell("## EDITORNOTE 写给编辑者 · for the editor", metadata={"tags": ["narrative"]})
    shown = new_code_cell("rep.say(...)", outputs=[new_output("display_data", data={"text/markdown": "# 报告标题\n\nREADERTEXT 读者看到的句子。"})])
    return new_notebook(cells=[narrative, shown], metadata={"licheng": META})


def test_narrative_cells_never_reach_the_html_or_the_pdf():
    assert "narrative" in HIDDEN_CELL_TAGS
    html, _ = LichengHTMLExporter().from_notebook_node(run_notebook())
    assert "READERTEXT" in html and "EDITORNOTE" not in html and "写给编辑者" not in html
    source = notebook_typst(run_notebook(), META).source
    assert "READERTEXT" in source and "EDITORNOTE" not in source and "写给编辑者" not in source


def test_untagged_markdown_still_reaches_the_reader():
    nb = run_notebook()
    nb.cells[0].metadata["tags"] = []
    html, _ = LichengHTMLExporter().from_notebook_node(nb)
    assert "EDITORNOTE" in html
    assert "EDITORNOTE" in notebook_typst(nb, META).source
