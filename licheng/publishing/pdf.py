"""HTML to PDF without LaTeX: WeasyPrint by default, Chromium on request.

A missing CJK font does not fail loudly: the PDF shows empty boxes while its
text layer still reads right (nbconvert #2253, quarto-cli #6507). So every PDF
is checked after it is written: if its text holds CJK characters, a CJK font
must be embedded, or the report fails.
"""
from __future__ import annotations

import ctypes.util
import gc
import io
import os
import re
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from licheng.exceptions import RenderError
from licheng.fonts import cjk_font_path
from licheng.paths import PACKAGE_DIR, ROOT

#: typst (the default) typesets the notebook itself; the others print the report's HTML page.
PDF_ENGINES = ("typst", "weasyprint", "chromium")
DEFAULT_PDF_ENGINE = "typst"
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: Substrings of the PostScript names of fonts that carry Chinese glyphs.
CJK_FONT_MARKERS = ("CJK", "SourceHan", "SimHei", "SimSun", "Hei", "Song", "Kai", "PingFang", "YaHei", "WenQuanYi")


def print_css() -> str:
    """The print stylesheet, its @font-face pointing at the CJK font file."""
    css = (PACKAGE_DIR / "templates" / "print.css").read_text(encoding="utf-8")
    return css.replace("{{ cjk_font_url }}", cjk_font_path().resolve().as_uri())


def check_weasyprint() -> None:
    """Refuse to start without Pango; say how slow PDFs get without the subsetter."""
    try:
        import weasyprint  # noqa: F401  (loads Pango through cffi)
    except OSError as e:
        raise RenderError(f"WeasyPrint cannot load Pango ({e}); install it: apt-get install libpango-1.0-0 "
                          "libpangoft2-1.0-0") from None
    if not ctypes.util.find_library("harfbuzz-subset"):
        import warnings

        warnings.warn("libharfbuzz-subset is missing: WeasyPrint falls back to fontTools to subset the CJK font, "
                      "about ten times slower per PDF; install it: apt-get install libharfbuzz-subset0", stacklevel=2)


def LocalOnlyFetcher(roots=None):
    """A WeasyPrint URL fetcher that reads data: URLs and files inside the
    project or beside the CJK font, and never the network. Refused URLs are
    listed in its ``refused`` attribute."""
    return _local_only_class()(roots)


@lru_cache(maxsize=1)
def _local_only_class():
    from urllib.parse import unquote, urlparse

    from weasyprint import URLFetcher

    class _LocalOnlyFetcher(URLFetcher):
        def __init__(self, roots=None):
            super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=False)
            self.roots = [Path(r).resolve() for r in (roots or [ROOT, cjk_font_path().parent])]
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlparse(url).path)).resolve()
                if any(path.is_relative_to(root) for root in self.roots):
                    return super().fetch(url, headers)
            self.refused.append(url)
            raise ValueError(f"licheng does not fetch {url}: only data: URLs and local files inside the project")

    return _LocalOnlyFetcher


@lru_cache(maxsize=1)
def _font_config():
    # One FontConfiguration per process: the 16 MB CJK font is parsed once.
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector. WeasyPrint allocates a box tree of
    small objects, which sets off full collections of the render process's
    heap; pausing them is about a tenth of a PDF's time. Its cycles are
    collected as usual once the collector is back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def weasyprint_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Render ``html`` to PDF bytes with WeasyPrint, fetching nothing from the network."""
    import weasyprint

    fetcher = LocalOnlyFetcher()
    with _gc_paused(), _fixed_font_timestamps():
        document = weasyprint.HTML(string=html, base_url=base_url or ROOT.as_uri() + "/", url_fetcher=fetcher)
        return document.write_pdf(font_config=_font_config(), uncompressed_pdf=False)


@contextmanager
def _fixed_font_timestamps():
    """Without libharfbuzz-subset, WeasyPrint subsets fonts with fontTools, which
    stamps each subset with the clock (head.modified) unless SOURCE_DATE_EPOCH
    is set: the same report then gave a different PDF on every run. The PDF's
    own date comes from the report's metadata, not from this."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise RenderError("--pdf-engine chromium needs a Chromium browser on PATH (apt-get install chromium); "
                      "or use the default engine, weasyprint")


def chromium_pdf(html: str, *, timeout: float = 120) -> bytes:
    """Print ``html`` to PDF with headless Chromium in a subprocess."""
    browser = chromium_path()
    from licheng.publishing.scratch import scratch_dir

    with tempfile.TemporaryDirectory(prefix="chromium-", dir=scratch_dir()) as tmp:
        page, out = Path(tmp) / "page.html", Path(tmp) / "out.pdf"
        page.write_text(html, encoding="utf-8")
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
               "--allow-file-access-from-files", f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
               f"--print-to-pdf={out}", page.as_uri()]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0 or not out.is_file():
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise RenderError(f"Chromium failed to print the report (exit {result.returncode}): {last}")
        return out.read_bytes()


def check_engine(engine: str) -> None:
    if engine not in PDF_ENGINES:
        raise RenderError(f"unknown PDF engine {engine!r}; choose one of {', '.join(PDF_ENGINES)}")


def check_pdf_engine(engine: str) -> None:
    """Refuse, before any report runs, an engine this machine cannot run, or a missing CJK font."""
    check_engine(engine)
    cjk_font_path()
    if engine == "typst":
        from licheng.publishing.typeset import check_typst

        check_typst()
    elif engine == "weasyprint":
        check_weasyprint()
    else:
        chromium_path()


def html_to_pdf(html: str, *, engine: str = "weasyprint") -> bytes:
    """A report's print page as checked PDF bytes (the weasyprint and chromium engines)."""
    check_engine(engine)
    if engine == "typst":
        raise RenderError("the typst engine sets a notebook, not an HTML page; use licheng.publishing.exporters.notebook_pdf")
    pdf = weasyprint_pdf(html) if engine == "weasyprint" else chromium_pdf(html)
    check_cjk_fonts(pdf, html, engine=engine)
    return pdf


def pdf_fonts(pdf: bytes) -> set[str]:
    """The PostScript names of the fonts embedded in a PDF."""
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            for f in [font] + [d.get_object() for d in font.get("/DescendantFonts", [])]:
                desc = f.get("/FontDescriptor")
                if desc is not None and any(k in desc.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.add(str(f.get("/BaseFont", "")).lstrip("/"))
    return names


def pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def visible_text(html: str) -> str:
    """The text of an HTML page, without its head, styles and tags."""
    html = re.sub(r"(?is)<(head|style|script)\b.*?</\1>", " ", html)
    return re.sub(r"(?s)<[^>]*>", " ", html)


#: What to do when a PDF lacks a CJK font, by engine.
CJK_FONT_HINTS = {
    "default": "Check that mplfonts is installed or set LICHENG_CJK_FONT",
    # Chromium's font sanitizer refuses the OpenType (CFF) Noto Sans CJK files as web fonts.
    "chromium": "Chromium does not load the OpenType Noto Sans CJK font as a web font: install a system CJK font "
                "(apt-get install fonts-noto-cjk) or set LICHENG_CJK_FONT to a TrueType CJK font "
                "(mplfonts ships SimHei.ttf)",
}


def check_cjk_fonts(pdf: bytes, html: str | None = None, *, text: str | None = None,
                    engine: str = "default") -> None:
    """Refuse a PDF whose text has CJK characters but which embeds no CJK font.

    The text is read from the source (the HTML page, or ``text``) when given:
    a PDF whose glyphs are missing may not even have the characters in its
    text layer. The message says what to do for ``engine``.
    """
    if text is None:
        text = visible_text(html) if html is not None else pdf_text(pdf)
    has_cjk = CJK_RE.search(text)
    if not has_cjk:
        return
    fonts = pdf_fonts(pdf)
    if not any(marker.lower() in name.lower() for name in fonts for marker in CJK_FONT_MARKERS):
        raise RenderError(
            "the PDF has Chinese text but embeds no CJK font (it would show empty boxes); embedded fonts: "
            f"{', '.join(sorted(fonts)) or 'none'}. {CJK_FONT_HINTS.get(engine, CJK_FONT_HINTS['default'])}"
        )
