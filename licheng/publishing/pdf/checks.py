"""Checks every PDF passes, whichever engine made it.

A missing CJK font does not fail loudly: the PDF shows empty boxes while its
text layer still reads right (nbconvert #2253, quarto-cli #6507). So every PDF
is checked after it is made: if its text holds CJK characters, a CJK font
must be embedded, or the report fails.
"""
from __future__ import annotations

import io
import re

from licheng.exceptions import RenderError
from licheng.markup import visible_text

CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: Substrings of the PostScript names of fonts that carry Chinese glyphs.
CJK_FONT_MARKERS = ("CJK", "SourceHan", "SimHei", "SimSun", "Hei", "Song", "Kai", "PingFang", "YaHei", "WenQuanYi")



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


_STARTXREF_RE = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF_IN_USE_RE = re.compile(rb"(\d{10}) \d{5} n")
_DESCRIPTOR_OBJ_RE = re.compile(rb"\d+\s+\d+\s+obj\s*<<\s*/Type\s*/FontDescriptor\b")
_FONT_NAME_RE = re.compile(rb"/FontName\s*/([^\s/<>\[\]()]+)")
_FONT_FILE_RE = re.compile(rb"/FontFile[23]?\s+\d+\s+\d+\s+R")


def _object_offsets(pdf: bytes) -> list[int]:
    """Where the objects of a PDF start, from its one classic cross-reference table (as Typst
    writes it); [] for any other layout (cross-reference streams, incremental updates)."""
    found = _STARTXREF_RE.search(pdf, max(0, len(pdf) - 64))
    if not found or not pdf.startswith(b"xref", int(found[1])):
        return []
    start = int(found[1])
    end = pdf.find(b"trailer", start)
    if end < 0 or b"/Prev" in pdf[end:found.start()]:
        return []
    return [int(offset) for offset in _XREF_IN_USE_RE.findall(pdf, start, end)]


def written_font_names(pdf: bytes) -> set[str]:
    """The names of the embedded fonts whose descriptors are objects of their own in a PDF with a
    classic cross-reference table (as Typst writes it), read from its bytes in about a
    millisecond; parsing the file with pypdf takes 20 ms, and importing pypdf 0.17 s. Only an
    object the table lists, whose dictionary is a font descriptor naming an embedded font file,
    counts: text from the data (in the title, the metadata) cannot pass for one. Any other
    layout gives the empty set, and pypdf decides."""
    names = set()
    for offset in _object_offsets(pdf):
        if offset < len(pdf) and _DESCRIPTOR_OBJ_RE.match(pdf, offset):
            end = pdf.find(b"endobj", offset)
            body = pdf[offset:end if end > 0 else len(pdf)]
            name = _FONT_NAME_RE.search(body)
            if name and _FONT_FILE_RE.search(body):
                names.add(name.group(1).decode("latin-1"))
    return names


def _has_cjk_font(names) -> bool:
    return any(marker.lower() in name.lower() for name in names for marker in CJK_FONT_MARKERS)


def pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


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
    if _has_cjk_font(written_font_names(pdf)):
        return
    fonts = pdf_fonts(pdf)  # the whole file read, before a PDF is refused
    if not _has_cjk_font(fonts):
        raise RenderError(
            "the PDF has Chinese text but embeds no CJK font (it would show empty boxes); embedded fonts: "
            f"{', '.join(sorted(fonts)) or 'none'}. {CJK_FONT_HINTS.get(engine, CJK_FONT_HINTS['default'])}"
        )
