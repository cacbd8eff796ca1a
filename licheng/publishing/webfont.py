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

Pages are cut from a TrueType copy of the font's common characters, built once
per environment (:func:`common_font`). Cutting from CFF outlines runs every
glyph's charstring program (0.2–0.35 s a page); TrueType glyphs are copied as
they are (about 0.05 s). The curves are converted within a thousandth of an
em, well under a pixel at any reading size.
"""
from __future__ import annotations

import base64
import io
import os
import re
import sys
from functools import lru_cache
from pathlib import Path

#: The CJK blocks the embedded face serves: punctuation, kana, unified ideographs,
#: compatibility ideographs and forms, full-width forms.
UNICODE_RANGE = "U+2E80-2FFF, U+3000-303F, U+3040-30FF, U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF"
_CJK_RE = re.compile("[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
FAMILY = "Noto Sans CJK SC"


def cjk_characters(page: str) -> frozenset[str]:
    """The CJK characters of a page, whether in its text, its attributes (tooltips, alt) or its charts."""
    return frozenset(_CJK_RE.findall(page))


def _options():
    from fontTools import subset

    # No timestamps (the same page gives the same bytes), no bounding-box recomputation over
    # the subset's outlines, no vertical metrics or layout features.
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = [0, 1, 2]  # the copyright notice and the family name travel with the glyphs
    options.drop_tables += ["vhea", "vmtx", "VORG", "BASE", "GPOS"]
    return options


def _subset(source: Path, chars, flavor: str | None) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(source), recalcTimestamp=False, recalcBBoxes=False, lazy=True)
    subsetter = subset.Subsetter(_options())
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = flavor
    font.save(out)
    return out.getvalue()


@lru_cache(maxsize=1)
def common_characters() -> frozenset[str]:
    """GB 2312's characters (6,763 hanzi and its symbols), CJK punctuation and full-width forms:
    nearly every character a Chinese work report uses."""
    chars = {chr(c) for c in (*range(0x3000, 0x3040), *range(0xFF00, 0xFFF0))}
    for first in range(0xA1, 0xF8):
        for second in range(0xA1, 0xFF):
            try:
                chars.add(bytes([first, second]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def _cache_folders() -> list[Path]:
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return [Path(sys.prefix) / "share" / "licheng", Path(home) / "licheng"]


def _to_truetype(data: bytes) -> bytes:
    """A CFF-flavoured OpenType font as TrueType: each glyph's cubic curves approximated by
    quadratic ones within 1/1000 em (fontTools' cu2qu), as fontTools' otf2ttf recipe does."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    max_err = font["head"].unitsPerEm / 1000
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))  # TrueType winds the other way
        glyf[name] = pen.glyph()
    font["loca"], font["glyf"] = newTable("loca"), glyf
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name in order:  # a TrueType glyph's left side bearing is its xMin
        width, _ = hmtx[name]
        hmtx[name] = width, getattr(glyf[name], "xMin", 0)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion, maxp.maxZones = 0x00010000, 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
                  "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    post = font["post"]  # format 2: glyph names stored (without them fontTools rebuilds 7,400 from the cmap per page)
    post.formatType, post.extraNames, post.mapping, post.glyphOrder = 2.0, [], {}, order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@lru_cache(maxsize=1)
def common_font() -> Path | None:
    """The CJK font cut to :func:`common_characters` (7,400 glyphs of 65,000, 2.2 MB) as TrueType,
    built once per environment (in the virtual environment's share/licheng, else the user's
    cache; about 10 s) and reused: a page's subset from it takes a sixth of the time it takes
    from the whole font. None if it cannot be stored."""
    import hashlib

    import fontTools

    from licheng.fonts import cjk_font_path

    source = cjk_font_path()
    st = source.stat()
    key = hashlib.sha256(f"{source.resolve()}|{st.st_size}|{st.st_mtime_ns}|{fontTools.version}|ttf-3".encode())
    name = f"cjk-common-{key.hexdigest()[:16]}.ttf"
    for folder in _cache_folders():
        if (folder / name).is_file():
            return folder / name
    data = _to_truetype(_subset(source, common_characters(), None))
    for folder in _cache_folders():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f".{name}.{os.getpid()}"
            tmp.write_bytes(data)
            os.replace(tmp, folder / name)  # whole or absent, also when two renders build it at once
            for stale in folder.glob("cjk-common-*"):  # built from another font, fontTools or recipe
                if stale.name != name:
                    stale.unlink(missing_ok=True)
            return folder / name
        except OSError:
            continue
    return None


@lru_cache(maxsize=64)
def subset_woff(chars: frozenset[str]) -> bytes:
    """The CJK font cut down to ``chars``, as WOFF bytes (the same characters give the same bytes).
    From the common-characters font when it holds them all (about 0.05 s), else from the whole
    font (about 0.35 s)."""
    from licheng.fonts import cjk_font_path

    common = common_font() if chars <= common_characters() else None
    return _subset(common or cjk_font_path(), chars, "woff")


def font_face_css(page: str) -> str:
    """An ``@font-face`` rule with the page's CJK glyphs inline, or "" when the page has none."""
    chars = cjk_characters(page)
    if not chars:
        return ""
    data = base64.b64encode(subset_woff(chars)).decode("ascii")
    return (f'@font-face {{ font-family: "{FAMILY}"; font-display: block; '
            f'src: url(data:font/woff;base64,{data}) format("woff"); unicode-range: {UNICODE_RANGE}; }}')


if __name__ == "__main__":  # make venv builds the common-characters font once, ahead of any render
    print(f"licheng: CJK font for web pages: {common_font()}")
