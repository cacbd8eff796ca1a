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
they are. The curves are converted within a thousandth of an em, well under a
pixel at any reading size.

fontTools' subsetter parsed that copy's glyph, metrics and character tables
afresh for every page (0.05–0.1 s). :class:`_Cutter` reads them once per
process and writes a page's font from the bytes it already holds (1–9 ms); the
glyphs are those fontTools would copy, and the tests hold every cut to the
OpenType Sanitizer that browsers run on web fonts.
"""
from __future__ import annotations

import array
import base64
import io
import os
import re
import struct
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


def _be(values: array.array) -> bytes:
    """An array's items as big-endian bytes, as font tables store them."""
    if sys.byteorder == "little":
        values = array.array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


class _Cutter:
    """A TrueType font of simple glyphs, read once, cut to a page's characters in a few
    milliseconds.

    A cut holds glyph 0 (.notdef) and the characters' glyphs, renumbered in code-point order,
    with their outlines and metrics copied byte for byte; a format 4 character map (the
    common characters are all in the Basic Multilingual Plane); the name table's copyright
    and family names; no glyph names (post format 3) and no layout tables, as fontTools'
    subsetter gave with :func:`_options`. Raises ValueError for a font it cannot cut
    (composite glyphs, missing tables), which is then cut by fontTools."""

    TABLES = ("head", "hhea", "maxp", "OS/2", "hmtx", "cmap", "loca", "glyf", "name", "post")

    def __init__(self, path: Path):
        from fontTools.ttLib import TTFont

        font = TTFont(str(path), lazy=True, recalcTimestamp=False, recalcBBoxes=False)
        raw = font.reader
        order = font.getGlyphOrder()
        index = {name: i for i, name in enumerate(order)}
        self.glyph_of = {cp: index[name] for cp, name in font.getBestCmap().items() if cp <= 0xFFFF}
        head = bytearray(raw["head"])
        long_loca = struct.unpack(">h", head[50:52])[0] == 1
        loca = array.array("I" if long_loca else "H", raw["loca"])
        if sys.byteorder == "little":
            loca.byteswap()
        scale = 1 if long_loca else 2
        glyf = raw["glyf"]
        self.glyphs = [glyf[scale * loca[i]:scale * loca[i + 1]] for i in range(len(order))]
        if any(g[:2] >= b"\x80" for g in self.glyphs):  # numberOfContours < 0: a composite glyph
            raise ValueError(f"{path}: composite glyphs")
        hmtx, n_metrics = raw["hmtx"], struct.unpack(">H", raw["hhea"][34:36])[0]
        self.metrics = [hmtx[4 * i:4 * i + 4] for i in range(n_metrics)]
        last_width, bearings = hmtx[4 * n_metrics - 4:4 * n_metrics - 2], hmtx[4 * n_metrics:]
        self.metrics += [last_width + bearings[2 * i:2 * i + 2] for i in range(len(order) - n_metrics)]
        head[8:12] = bytes(4)  # checkSumAdjustment: the writer computes it
        head[50:52] = struct.pack(">h", 1)  # long offsets in loca
        name = font["name"]
        name.names = [r for r in name.names if r.nameID in _options().name_IDs]
        self.fixed = {"head": bytes(head), "OS/2": raw["OS/2"], "name": name.compile(font),
                      "post": struct.pack(">L", 0x00030000) + raw["post"][4:32]}
        self.hhea, self.maxp = raw["hhea"], raw["maxp"]

    def cut(self, chars) -> bytes:
        """WOFF bytes of the glyphs of ``chars`` (characters the font lacks are left out)."""
        from fontTools.ttLib.sfnt import SFNTWriter

        pairs = sorted((ord(c), self.glyph_of[ord(c)]) for c in chars if ord(c) in self.glyph_of)
        new = {0: 0}  # old glyph id -> new one
        for _, g in pairs:
            new.setdefault(g, len(new))
        glyphs = [self.glyphs[g] for g in new]
        offsets = array.array("I", [0])
        for g in glyphs:
            offsets.append(offsets[-1] + len(g))
        tables = dict(self.fixed)
        tables["glyf"], tables["loca"] = b"".join(glyphs), _be(offsets)
        tables["hmtx"] = b"".join(self.metrics[g] for g in new)
        tables["hhea"] = self.hhea[:34] + struct.pack(">H", len(new))
        tables["maxp"] = self.maxp[:4] + struct.pack(">H", len(new)) + self.maxp[6:]
        tables["cmap"] = _cmap4([(cp, new[g]) for cp, g in pairs])
        out = io.BytesIO()
        writer = SFNTWriter(out, len(tables), flavor="woff")
        for tag in self.TABLES:
            writer[tag] = tables[tag]
        writer.close()
        return out.getvalue()


def _cmap4(pairs: list[tuple[int, int]]) -> bytes:
    """A cmap table with one Windows Unicode BMP subtable (format 4) mapping each code point of
    ``pairs`` (sorted, below U+FFFF) to its glyph id: one segment per run of consecutive code
    points with consecutive glyph ids, and the closing U+FFFF segment."""
    segments: list[list[int]] = []  # [first, last, glyph of first]
    for cp, g in pairs:
        if segments and cp == segments[-1][1] + 1 and g == segments[-1][2] + cp - segments[-1][0]:
            segments[-1][1] = cp
        else:
            segments.append([cp, cp, g])
    segments.append([0xFFFF, 0xFFFF, 1])  # (0xFFFF + 1) % 65536: glyph 0
    n = len(segments)
    search = 2 * (1 << (n.bit_length() - 1))
    body = [array.array("H", (s[1] for s in segments)), array.array("H", [0]),
            array.array("H", (s[0] for s in segments)),
            array.array("H", ((s[2] - s[0]) % 0x10000 for s in segments)), array.array("H", [0] * n)]
    subtable = struct.pack(">7H", 4, 16 + 8 * n, 0, 2 * n, search, search.bit_length() - 2, 2 * n - search)
    return struct.pack(">HHHHL", 0, 1, 3, 1, 12) + subtable + b"".join(_be(a) for a in body)


@lru_cache(maxsize=1)
def _common_cutter() -> _Cutter | None:
    font = common_font()
    try:
        return _Cutter(font) if font else None
    except (ValueError, KeyError, struct.error):  # not a font this cutter reads: fontTools cuts it
        return None


@lru_cache(maxsize=64)
def subset_woff(chars: frozenset[str]) -> bytes:
    """The CJK font cut down to ``chars``, as WOFF bytes (the same characters give the same bytes).
    From the common-characters font when it holds them all (a few milliseconds, after about
    0.1 s to read it once per process), else from the whole font by fontTools (about 0.35 s)."""
    from licheng.fonts import cjk_font_path

    common = common_font() if chars <= common_characters() else None
    cutter = _common_cutter() if common else None
    if cutter:
        return cutter.cut(chars)
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
