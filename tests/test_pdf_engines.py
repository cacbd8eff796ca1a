"""PDF engines are found by name in one registry; a new engine is one class and one registration."""
import pytest

from licheng.exceptions import RenderError
from test_typeset import notebook


def test_unknown_pdf_engine_is_refused_naming_the_choices():
    from licheng.publishing.pdf import get_engine

    with pytest.raises(RenderError, match="no PDF engine named 'latex'; choose one of typst, weasyprint, chromium"):
        get_engine("latex")


def test_a_registered_pdf_engine_renders_a_report():
    """Adding an engine is one class and one registration: the exporters and the render find it by name."""
    from licheng.publishing import pdf
    from licheng.publishing.exporters import notebook_pdf

    class CopyOfTypst:
        name, warm = "copy", False

        def check(self):
            pass

        def pdf(self, nb, meta, print_html):
            self.seen = (meta.get("lang"), print_html()[:15])
            return pdf.get_engine("typst").pdf(nb, meta, print_html)

    engine = CopyOfTypst()
    pdf.register("copy", engine)
    try:
        nb = notebook({"text/markdown": "## 历城区 GDP\n\n增长5.2%", "text/plain": ""})
        assert notebook_pdf(nb, engine="copy").startswith(b"%PDF")
        assert engine.seen[1].lower().startswith("<!doctype html")
        assert "copy" in pdf.engine_names()
    finally:
        pdf.ENGINES.pop("copy"), pdf._loaded.pop("copy")
