"""nbconvert exporters for readers: ``licheng_html`` and ``licheng_pdf``.

Registered through the ``nbconvert.exporters`` entry point, so that
``jupyter nbconvert --to licheng_pdf report.ipynb`` works and JupyterLab's
File → Save and Export Notebook As lists both. What a reader sees is chosen by
configuration, not code: no input cells, no prompts, no papermill
``injected-parameters`` cell.
"""
from __future__ import annotations

import re
from typing import Any

from nbconvert.exporters import Exporter, HTMLExporter
from nbformat import NotebookNode
from traitlets import Bool, Unicode, default

from licheng.contract import HIDDEN_CELL_TAGS
from licheng.publishing.index_page import CSP
from licheng.fonts import cjk_font_path
from licheng.paths import PACKAGE_DIR
from licheng.publishing.pdf import DEFAULT_PDF_ENGINE

TEMPLATES_DIR = PACKAGE_DIR / "templates"
LANGUAGE_NAMES = {"zh": ("中文", "Chinese"), "en": ("英文", "English")}


def report_meta(nb: NotebookNode) -> dict:
    """Title-block facts for a report: from ``nb.metadata.licheng`` when the
    renderer set it, else from what the run itself recorded (the title's
    output, :meth:`licheng.authoring.report.Report.title`), else from papermill's
    parameters. An interactive run in JupyterLab with ``lang = "en"`` so
    exports as English."""
    meta = dict(nb.metadata.get("licheng", {}))
    if meta:
        return meta
    from licheng.publishing.reportset import project_author

    run = recorded_run(nb)
    if run:
        return title_block(run, run.get("lang", "zh"), first_heading(nb), author=project_author())
    params = nb.metadata.get("papermill", {}).get("parameters", {}) or {}
    meta = _meta_from_outputs(nb, params.get("lang", "zh"), params.get("scorecard") or None)
    return {**meta, "author": project_author()} if meta else meta


def recorded_run(nb: NotebookNode) -> dict:
    """What a report's run recorded about itself in its outputs (language, region, date), or {}."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            run = out.get("metadata", {}).get("licheng", {}).get("run")
            if run:
                return dict(run)
    return {}


def check_has_outputs(nb: NotebookNode) -> None:
    """Refuse to export a report that was never run: it would be an empty page."""
    from licheng.exceptions import RenderError

    if not any(cell.get("outputs") for cell in nb.cells if cell.get("cell_type") == "code"):
        raise RenderError("this notebook has no outputs: run it first (Run → Run All Cells), "
                          "or render it with `licheng render`")


def _meta_from_outputs(nb: NotebookNode, lang: str, scorecard: str | None) -> dict:
    from licheng.scorecard.table import load_scorecard

    try:
        sc = load_scorecard(scorecard)
    except Exception:  # an exported notebook may come from elsewhere: then no title block data
        return {}
    title = first_heading(nb)
    return title_block(sc.attrs, lang, title)


def first_heading(nb: NotebookNode) -> str:
    """The text of the first level-1 heading a report shows (its title)."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            text = out.get("data", {}).get("text/markdown", "")
            for line in text.splitlines():
                if line.startswith("# "):
                    return re.sub(r"\\(.)", r"\1", line[2:].strip())  # as read, without Markdown's escapes
    return ""


def title_block(attrs: dict, lang: str, title: str, *, author: str = "") -> dict:
    """What the title block, the page's head and the PDF's metadata say about a report:
    region, report, language, data date, and the document's author and subject."""
    zh = lang == "zh"
    region = attrs["region_zh"] if zh else attrs["region_en"]
    report = title.rsplit("：", 1)[-1].rsplit(": ", 1)[-1] if title else ""  # the region may hold a colon; the title never does
    language = LANGUAGE_NAMES.get(lang, (lang, lang))[0 if zh else 1]
    subject = (f"{region}{report}：分析报告（{language}，数据日期{attrs['source_date']}）" if zh else
               f"{report}: an analytical report on {region} ({language}, data date {attrs['source_date']})")
    return {
        "region": region, "report": report, "html_lang": "zh-CN" if zh else "en", "pdf_date": pdf_date(attrs),
        "language": language, "date_label": "数据日期" if zh else "data date", "data_date": attrs["source_date"],
        "author": author, "subject": subject,
    }


def pdf_date(attrs: dict) -> str:
    """The PDF's creation date: SOURCE_DATE_EPOCH when set (reproducible builds), else the data's date."""
    import datetime
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return attrs["source_date"]


class LichengHTMLExporter(HTMLExporter):
    """A report page for readers: lab look, no code, works offline."""

    export_from_notebook = "Licheng report (HTML)"

    # Readers see outputs only: these defaults are the report's presentation, still configurable.
    exclude_input = Bool(True, help="Leave out code cells' input.").tag(config=True)
    exclude_input_prompt = Bool(True, help="Leave out In [n] prompts.").tag(config=True)
    exclude_output_prompt = Bool(True, help="Leave out Out [n] prompts.").tag(config=True)
    exclude_anchor_links = Bool(True, help="Leave out the ¶ links after headings.").tag(config=True)
    # The notebook is validated once, after all preprocessors, not after each of them.
    optimistic_validation = Bool(True, help="Validate the notebook once, after the preprocessors.").tag(config=True)

    @default("template_name")
    def _template_name_default(self):
        return "licheng_html"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self):
        return [str(TEMPLATES_DIR)]

    #: The page a reader opens (anchors, contents, linked notes, the CJK web font), not a page to print.
    reader_page = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from nbconvert.preprocessors import TagRemovePreprocessor

        from licheng.publishing.page import inline_svg

        self.register_filter("licheng_inline_svg", inline_svg)

        self.register_preprocessor(
            TagRemovePreprocessor(remove_cell_tags=set(HIDDEN_CELL_TAGS)), enabled=True)

    def from_notebook_node(self, nb: NotebookNode, resources: dict | None = None, **kw: Any) -> tuple[str, dict]:
        check_has_outputs(nb)
        resources = self._licheng_resources(nb, resources)
        page, resources = self._page(nb, resources, **kw)
        if self.reader_page:
            from licheng.publishing.page import enhance

            page = enhance(page, resources["licheng"]["meta"].get("html_lang") or "zh")
        return page, resources

    def _page(self, nb: NotebookNode, resources: dict, **kw: Any) -> tuple[str, dict]:
        """nbconvert's HTMLExporter.from_notebook_node without its last step. That step parses
        the finished page with BeautifulSoup only to give images without alt text a placeholder
        and code cells a tabindex: a fifth of a second per page, for nothing here (charts carry
        their caption as alt text, and a report shows no code)."""
        from nbconvert.exporters.templateexporter import TemplateExporter
        from nbconvert.filters.highlight import Highlight2HTML
        from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        self.register_filter("highlight_code", self.filters.get("highlight_code",
                                                                Highlight2HTML(pygments_lexer=lexer, parent=self)))
        resources = self._init_resources(resources)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata,
                                                                       parent=self, resources=resources))
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    def _init_resources(self, resources):
        resources = super()._init_resources(resources)
        # The page's language is the report's, set per export. Not through the
        # language_code trait: its validator checks the value it replaces, so on
        # a long-lived exporter a second "zh-CN" report came out as lang="en".
        lang = resources.get("licheng", {}).get("meta", {}).get("html_lang")
        if lang:
            resources["language_code"] = lang
        return resources

    def _licheng_resources(self, nb, resources):
        resources = dict(resources or {})
        meta = report_meta(nb)
        if meta.get("region") or meta.get("report"):  # the browser tab's title: "区域 · 报告", not "Notebook"
            resources["metadata"] = {**resources.get("metadata", {}),
                                     "name": " · ".join(p for p in (meta.get("region"), meta.get("report")) if p)}
        resources["licheng"] = {
            "meta": meta,
            "css": (TEMPLATES_DIR / "report.css").read_text(encoding="utf-8"),
            "page_css": (TEMPLATES_DIR / "page.css").read_text(encoding="utf-8") if self.reader_page else "",
            "csp": CSP,
        }
        return resources


class LichengPrintHTMLExporter(LichengHTMLExporter):
    """The page a PDF engine prints: the cells with the print stylesheet only."""

    reader_page = False

    @default("template_name")
    def _template_name_default(self):
        return "licheng_print"

    def _licheng_resources(self, nb, resources):
        resources = super()._licheng_resources(nb, resources)
        resources["licheng"]["print_css"] = resources["licheng"]["css"] + "\n" + print_css()
        return resources


class LichengPDFExporter(Exporter):
    """A report as PDF, by one of the PDF engines (Typst by default; no LaTeX), with the
    CJK font embedded and checked."""

    export_from_notebook = "Licheng report (PDF)"
    output_mimetype = "application/pdf"
    pdf_engine = Unicode(DEFAULT_PDF_ENGINE, help="a PDF engine: licheng.publishing.pdf.engine_names()").tag(config=True)

    @default("file_extension")
    def _file_extension_default(self):
        return ".pdf"

    def from_notebook_node(self, nb: NotebookNode, resources: dict | None = None, **kw: Any) -> tuple[bytes, dict]:
        check_has_outputs(nb)
        nb_copy, resources = super().from_notebook_node(nb, resources, **kw)
        pdf = notebook_pdf(nb_copy, engine=self.pdf_engine, print_exporter=LichengPrintHTMLExporter(config=self.config))
        resources["output_extension"] = ".pdf"
        return pdf, resources


def notebook_pdf(nb: NotebookNode, *, engine: str = DEFAULT_PDF_ENGINE,
                 print_exporter: LichengPrintHTMLExporter | None = None) -> bytes:
    """An executed report notebook as checked PDF bytes, made by the PDF engine called ``engine``.

    ``print_exporter`` makes the print page for the engines that print HTML
    (default: a new :class:`LichengPrintHTMLExporter`).
    """
    from licheng.publishing.pdf import get_engine

    def print_html() -> str:
        return (print_exporter or LichengPrintHTMLExporter()).from_notebook_node(nb)[0]

    return get_engine(engine).pdf(nb, report_meta(nb), print_html)


def print_css() -> str:
    """The print stylesheet, its @font-face pointing at the CJK font file."""
    css = (PACKAGE_DIR / "templates" / "print.css").read_text(encoding="utf-8")
    return css.replace("{{ cjk_font_url }}", cjk_font_path().resolve().as_uri())
