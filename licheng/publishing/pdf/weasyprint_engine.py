"""The WeasyPrint engine: prints the report's HTML page in Python (no browser, no LaTeX)."""
from __future__ import annotations

import ctypes.util
import gc
import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Callable

from licheng.exceptions import RenderError
from licheng.fonts import cjk_font_path
from licheng.paths import PACKAGE_DIR, ROOT
from licheng.publishing.pdf.checks import check_cjk_fonts


class WeasyPrintEngine:
    name = "weasyprint"
    warm = True

    def check(self) -> None:
        check_weasyprint()

    def pdf(self, nb, meta: dict, print_html: Callable[[], str]) -> bytes:
        html = print_html()
        pdf = weasyprint_pdf(html)
        check_cjk_fonts(pdf, html, engine=self.name)
        return pdf


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
