"""PDF engines, by name, behind one interface.

An engine turns an executed report notebook into checked PDF bytes:

- ``check()`` refuses, before any report runs, an engine this machine cannot run;
- ``pdf(nb, meta, print_html)`` makes the PDF: ``meta`` is the report's
  metadata (title, language, dates), ``print_html()`` gives the report's
  print page for engines that print HTML;
- ``warm`` says whether one throwaway PDF at start pays off (fonts and
  layout code loaded once per process).

Every engine checks its PDF before returning it: Chinese text needs an
embedded CJK font (:func:`licheng.publishing.pdf.checks.check_cjk_fonts`).

Adding an engine is one module with a class of this shape plus one line in
:data:`ENGINES` (or a call to :func:`register` from your own code), as
papermill registers its execution engines.
"""
from __future__ import annotations

import importlib
from typing import Callable, Protocol

from licheng.exceptions import RenderError


class PdfEngine(Protocol):
    name: str
    warm: bool

    def check(self) -> None: ...

    def pdf(self, nb, meta: dict, print_html: Callable[[], str]) -> bytes: ...


#: Engine name -> "module:Class", imported on first use (WeasyPrint alone takes a second to import).
ENGINES: dict[str, str] = {
    "typst": "licheng.publishing.pdf.typst_engine:TypstEngine",
    "weasyprint": "licheng.publishing.pdf.weasyprint_engine:WeasyPrintEngine",
    "chromium": "licheng.publishing.pdf.chromium_engine:ChromiumEngine",
}
#: Typst sets the notebook itself, ten times faster than printing the HTML page.
DEFAULT_PDF_ENGINE = "typst"
_loaded: dict[str, PdfEngine] = {}


def register(name: str, engine: str | PdfEngine) -> None:
    """Make ``engine`` (an object, or "module:Class") the PDF engine called ``name``."""
    _loaded.pop(name, None)
    if isinstance(engine, str):
        ENGINES[name] = engine
    else:
        ENGINES[name] = f"{type(engine).__module__}:{type(engine).__qualname__}"
        _loaded[name] = engine


def engine_names() -> list[str]:
    return list(ENGINES)


def get_engine(name: str) -> PdfEngine:
    """The engine called ``name``; a RenderError naming the choices if there is none."""
    if name not in ENGINES:
        raise RenderError(f"no PDF engine named {name!r}; choose one of {', '.join(ENGINES)}")
    if name not in _loaded:
        module, _, cls = ENGINES[name].partition(":")
        _loaded[name] = getattr(importlib.import_module(module), cls)()
    return _loaded[name]


def check_pdf_engine(name: str) -> None:
    """Refuse, before any report runs, an unknown engine, one this machine cannot run, or a missing CJK font."""
    from licheng.fonts import cjk_font_path

    engine = get_engine(name)
    cjk_font_path()
    engine.check()
