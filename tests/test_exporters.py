"""Exports from JupyterLab (nbconvert's exporters) describe what was run."""
import io

import nbformat
import pytest
from nbclient import NotebookClient
from pypdf import PdfReader

from licheng.exceptions import RenderError
from licheng.publishing.exporters import LichengHTMLExporter, LichengPDFExporter, recorded_run
from licheng.paths import NOTEBOOKS_DIR


def test_a_notebook_that_was_never_run_is_refused_with_one_line():
    nb = nbformat.read(NOTEBOOKS_DIR / "scorecard.ipynb", as_version=4)
    for exporter in (LichengHTMLExporter(), LichengPDFExporter()):
        with pytest.raises(RenderError, match="this notebook has no outputs: run it first"):
            exporter.from_notebook_node(nb)


@pytest.mark.slow
def test_an_english_run_in_jupyterlab_exports_as_an_english_report(tmp_path):
    # As in JupyterLab: the parameters cell edited by hand, the notebook run by a kernel client, no papermill.
    nb = nbformat.read(NOTEBOOKS_DIR / "growth.ipynb", as_version=4)
    nb.cells[0].source = nb.cells[0].source.replace('lang: str = "zh"', 'lang: str = "en"')
    NotebookClient(nb, timeout=300, resources={"metadata": {"path": str(NOTEBOOKS_DIR)}}).execute()
    assert recorded_run(nb)["lang"] == "en" and "papermill" not in nb.metadata
    html, _ = LichengHTMLExporter().from_notebook_node(nb)
    assert '<html lang="en"' in html and "English" in html
    assert "<title>Licheng District · Growth rates and projections</title>" in html  # not "Notebook"
    assert 'aria-label="Figure 1. Average growth of each indicator' in html and "No description has been provided" not in html
    pdf, _ = LichengPDFExporter().from_notebook_node(nb)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"].get("/Lang") == "en"
    assert "Growth rates and projections" in reader.pages[0].extract_text()


def test_jupyterlab_menu_lists_licheng_report_html_and_pdf():
    # JupyterLab's "Save and Export Notebook As" lists the entry-point exporters by export_from_notebook.
    from nbconvert.exporters import get_export_names, get_exporter

    assert {"licheng_html", "licheng_pdf"} <= set(get_export_names())
    assert get_exporter("licheng_html").export_from_notebook == "Licheng report (HTML)"
    assert get_exporter("licheng_pdf").export_from_notebook == "Licheng report (PDF)"
