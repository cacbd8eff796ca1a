"""The fonts licheng sets reports in, found in the virtual environment, never the system.

One place for the CJK font: the charts (matplotlib), the Typst engine and the
HTML engines all take it from here.
"""
from __future__ import annotations

import os
from pathlib import Path

from licheng.exceptions import RenderError

#: Environment variable naming another CJK font file (say a TrueType one for Chromium).
CJK_FONT_ENV = "LICHENG_CJK_FONT"


def shipped_cjk_font() -> Path:
    """The Noto Sans CJK SC font file shipped by mplfonts (found, not imported: importing
    mplfonts imports matplotlib's font manager, a tenth of a second in a render that draws nothing)."""
    from importlib.util import find_spec

    spec = find_spec("mplfonts")
    if spec is None or not spec.origin:
        raise RenderError(f"mplfonts is not installed, and it ships the CJK font; reinstall the requirements "
                          f"or set {CJK_FONT_ENV} to a Noto Sans CJK SC file")
    return Path(spec.origin).parent / "fonts" / "NotoSansCJKsc-Regular.otf"


#: How the files a report can be set in begin: TrueType, OpenType (CFF), Apple TrueType. Not a
#: collection (.ttc, "ttcf"): the web font and the PDF need one font, not a choice of several.
FONT_SIGNATURES = (b"\x00\x01\x00\x00", b"OTTO", b"true")


def cjk_font_path() -> Path:
    """The CJK font for reports: ``LICHENG_CJK_FONT`` if set, else the one mplfonts ships; a file
    that is not a TrueType or OpenType font is refused here, before any report runs."""
    path = Path(os.environ.get(CJK_FONT_ENV) or shipped_cjk_font())
    if not path.is_file():
        raise RenderError(f"CJK font not found: {path}; reinstall the requirements (mplfonts ships it) "
                          f"or set {CJK_FONT_ENV} to a Noto Sans CJK SC file")
    try:
        with path.open("rb") as f:
            signature = f.read(4)
    except OSError as e:
        raise RenderError(f"CJK font {path}: cannot be read ({e.strerror or e})") from None
    if signature == b"ttcf":
        raise RenderError(f"CJK font {path} is a font collection (.ttc); set {CJK_FONT_ENV} to a single "
                          "font file (a Noto Sans CJK SC .otf or .ttf), or unset it")
    if signature not in FONT_SIGNATURES:
        raise RenderError(f"CJK font {path} is not a TrueType or OpenType font file; "
                          f"set {CJK_FONT_ENV} to one (a Noto Sans CJK SC .otf or .ttf), or unset it")
    return path
