"""The CJK glyphs a page uses, as a WOFF web font inside the page.

A reader's machine may have no Chinese font (a fresh Linux, many servers, some
phones): then every Chinese character is a box. The page carries the glyphs it
uses, subset by fontTools from the font the PDFs use
(:func:`licheng.fonts.cjk_font_path`), under the family name the page and the
charts already ask for, ``Noto Sans CJK SC``, limited by ``unicode-range`` to
CJK, so Latin text keeps the reader's own fonts. A Chinese report adds about
60–120 kB, an English one (whose source sentences are Chinese) about the same.

WOFF (zlib), not WOFF2 (Brotli): for a few hundred glyphs WOFF2 saves under
10 % of the font's size and its Brotli pass cost a quarter of a second per
page, on the render's one export thread. Every browser that shows the
pages reads WOFF.
"""
from __future__ import annotations

import base64
import io
import re
from functools import lru_cache

#: The CJK blocks the embedded face serves: punctuation, kana, unified ideographs,
#: compatibility ideographs and forms, full-width forms.
UNICODE_RANGE = "U+2E80-2FFF, U+3000-303F, U+3040-30FF, U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF"
_CJK_RE = re.compile("[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
FAMILY = "Noto Sans CJK SC"


def cjk_characters(page: str) -> frozenset[str]:
    """The CJK characters of a page, whether in its text, its attributes (tooltips, alt) or its charts."""
    return frozenset(_CJK_RE.findall(page))


@lru_cache(maxsize=64)
def subset_woff(chars: frozenset[str]) -> bytes:
    """The CJK font cut down to ``chars``, as WOFF bytes (the same characters give the same bytes)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from licheng.fonts import cjk_font_path

    # No timestamps (the same page gives the same bytes), no bounding-box recomputation over
    # the subset's outlines, no vertical metrics or layout features: about 0.3 s for 400 glyphs.
    font = TTFont(str(cjk_font_path()), recalcTimestamp=False, recalcBBoxes=False, lazy=True)
    options = subset.Options()
    options.flavor = "woff"
    options.hinting = False
    options.layout_features = []
    options.name_IDs = [0, 1, 2]  # the copyright notice and the family name travel with the glyphs
    options.drop_tables += ["vhea", "vmtx", "VORG", "BASE", "GPOS"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff"
    font.save(out)
    return out.getvalue()


def font_face_css(page: str) -> str:
    """An ``@font-face`` rule with the page's CJK glyphs inline, or "" when the page has none."""
    chars = cjk_characters(page)
    if not chars:
        return ""
    data = base64.b64encode(subset_woff(chars)).decode("ascii")
    return (f'@font-face {{ font-family: "{FAMILY}"; font-display: block; '
            f'src: url(data:font/woff;base64,{data}) format("woff"); unicode-range: {UNICODE_RANGE}; }}')
