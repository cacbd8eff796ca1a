"""The report page's navigation, notes, tables, charts and web font (licheng.publishing.page, webfont)."""
import io
import re

import pytest

from fontTools.ttLib import TTFont

from licheng.authoring.report import Fig, esc
from licheng.publishing.page import add_heading_anchors, inline_svg, link_notes, scroll_tables, toc
from licheng.publishing.webfont import cjk_characters, font_face_css, subset_woff


def test_headings_get_unique_ids_and_an_anchor_link_each():
    page, found = add_heading_anchors("<h2>财政</h2><h3>A &amp; B</h3><h2>财政</h2>")
    assert [h[1] for h in found] == ["财政", "a-b", "财政-2"]
    assert '<h2 id="财政">财政<a class="licheng-anchor" href="#财政"' in page and 'id="财政-2"' in page


def test_table_of_contents_nests_subsections_and_escapes_their_names():
    nav = toc([(1, "t", "T"), (2, "a", "A"), (3, "b", "<b>"), (2, "c", "C")], "en")
    assert nav.count("<ol>") == 2 and "&lt;b&gt;" in nav and "<summary>Contents</summary>" in nav
    assert toc([(2, "a", "A")], "zh") == ""  # one section needs no contents


def test_note_numbers_link_to_their_notes_and_each_note_links_back():
    page = ('<p class="licheng-source">来源：报告（注1、2）；licheng计算。</p>'
            '<span class="licheng-source">Source: r (notes 2); computed.</span>'
            '<div class="licheng-notes"><div><ol>\n<li>first</li>\n<li>second</li>\n</ol></div></div>')
    out = link_notes(page, "zh")
    assert '<a class="licheng-cite" id="cite-1-1" href="#note-1">1</a>、<a class="licheng-cite" id="cite-2-1"' in out
    assert 'id="cite-2-2" href="#note-2"' in out
    assert '<li id="note-2">second <a class="licheng-back" href="#cite-2-1"' in out and 'href="#cite-2-2"' in out


def test_wide_tables_scroll_in_their_own_region():
    out = scroll_tables('<table class="dataframe licheng-table"><tr><td>x</td></tr></table>')
    assert out.startswith('<div class="licheng-scroll" role="region" tabindex="0"><table')


def test_a_chart_is_inline_svg_with_ids_of_its_own_and_its_caption_as_name():
    svg = ('<?xml version="1.0"?><svg viewBox="0 0 10 10"><metadata>m</metadata><defs><clipPath id="p1"/></defs>'
           '<g id="figure_1" clip-path="url(#p1)"><text style="font-family: \'DejaVu Sans\', \'Noto Sans CJK SC\'">年</text></g></svg>')
    a, b = inline_svg(svg, 'Figure 1. "Growth"'), inline_svg(svg.replace("年", "月"), "Figure 2")
    assert a.startswith('<svg role="img" aria-label="Figure 1. &quot;Growth&quot;"') and "<metadata>" not in a
    ids_a = set(re.findall(r'\bid="([^"]+)"', a))
    ids_b = set(re.findall(r'\bid="([^"]+)"', b))
    assert not ids_a & ids_b and all(f"url(#{i})" in a for i in ids_a if i.endswith("p1"))
    assert "font-family: 'Noto Sans CJK SC', 'DejaVu Sans'" in a


def test_a_chart_with_anything_active_or_broken_stays_an_image():
    for svg in ('<svg onload="alert(1)"><script>alert(2)</script></svg>', "<svg width='1' <", "no svg at all"):
        out = inline_svg(svg, "x")
        assert out.startswith('<img src="data:image/svg+xml;base64,') and "<script" not in out


def test_the_web_font_holds_exactly_the_pages_cjk_glyphs_and_is_stable():
    page = "<p>历城区 GDP 1490亿元「十四五」</p><svg><text>增速</text></svg>"
    chars = cjk_characters(page)
    assert chars == set("历城区亿元「十四五」增速")
    data = subset_woff(chars)
    subset_woff.cache_clear()
    assert subset_woff(chars) == data  # the same page, the same bytes
    cmap = TTFont(io.BytesIO(data)).getBestCmap()
    assert {chr(c) for c in cmap} >= chars and not any(chr(c).isascii() for c in cmap)
    assert 'font-family: "Noto Sans CJK SC"' in font_face_css(page) and font_face_css("<p>GDP</p>") == ""


def test_a_figure_in_a_sentence_carries_its_source_inertly():
    fig = Fig("more than CNY 149.0 bn (est.)", 'Source: “预计” "><script>x</script>')
    out = esc(fig)
    assert out.startswith('<span class="licheng-fig" tabindex="0" data-source="Source: “预计” &quot;&gt;&lt;script&gt;')
    assert "<script>" not in out and str(fig) == "more than CNY 149.0 bn (est.)"


def test_a_page_with_a_rare_character_gets_its_glyph_from_the_whole_font():
    from licheng.publishing.webfont import common_characters

    rare = "𠀀"  # CJK extension B: not among the common characters
    common = frozenset("历城区")
    assert rare not in common_characters() and common <= common_characters()
    for chars in (common, common | {"\u4dae"}, common | {rare}):
        cmap = TTFont(io.BytesIO(subset_woff(chars))).getBestCmap()
        assert {chr(c) for c in cmap} >= chars - {rare} and "历" in {chr(c) for c in cmap}


def test_the_pages_font_has_the_pdfs_glyph_widths_as_truetype():
    # Pages are cut from a TrueType copy of the common characters (fast to cut); the PDF sets the
    # original font. The same characters must take the same room in both.
    from licheng.fonts import cjk_font_path
    from licheng.publishing.webfont import common_font

    chars = "历城区地区生产总值年均增长「十四五」，。％"
    page = TTFont(io.BytesIO(subset_woff(frozenset(chars))))
    original = TTFont(str(cjk_font_path()), lazy=True)
    assert "glyf" in page and "CFF " not in page and "glyf" in TTFont(str(common_font()), lazy=True)
    for c in chars:
        width = page["hmtx"][page.getBestCmap()[ord(c)]][0]
        assert width == original["hmtx"][original.getBestCmap()[ord(c)]][0], c


def _glyphs(woff: bytes) -> dict[str, tuple]:
    """Each character of a font: its advance width and outline (points, contour ends, on-curve flags)."""
    font = TTFont(io.BytesIO(woff))
    glyf = font["glyf"]
    out = {}
    for cp, name in font.getBestCmap().items():
        coords, ends, flags = glyf[name].getCoordinates(glyf)
        out[chr(cp)] = (font["hmtx"][name][0], list(coords), list(ends), [f & 1 for f in flags])
    return out


PAGE_CHARS = frozenset("历城区地区生产总值年均增长「十四五」，。％（）：；、一二三四五六七八九十亿元万人ＡＢ")


def test_a_pages_font_has_the_glyphs_fonttools_would_cut():
    from licheng.publishing.webfont import _subset, common_font

    fast, reference = subset_woff(PAGE_CHARS), _subset(common_font(), PAGE_CHARS, "woff")
    assert _glyphs(fast) == _glyphs(reference)
    assert set(_glyphs(fast)) == PAGE_CHARS
    names = {(n.nameID, n.toUnicode()) for n in TTFont(io.BytesIO(fast))["name"].names}
    assert names == {(n.nameID, n.toUnicode()) for n in TTFont(io.BytesIO(reference))["name"].names}


def test_a_pages_font_passes_the_sanitizer_browsers_run(tmp_path):
    # Chromium and Firefox reject a web font that fails the OpenType Sanitizer: every character
    # would then be a box on a machine without a Chinese font.
    import ots

    for i, chars in enumerate((PAGE_CHARS, frozenset("历"), PAGE_CHARS | {"\u4dae"})):
        path = tmp_path / f"{i}.woff"
        path.write_bytes(subset_woff(chars))
        result = ots.sanitize(str(path), str(tmp_path / f"{i}.out"), capture_output=True)
        assert result.returncode == 0, (chars, result.stderr)


def test_a_font_with_composite_glyphs_is_left_to_fonttools(tmp_path):
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

    from licheng.publishing.webfont import _Cutter

    pen = TTGlyphPen(None)
    pen.moveTo((0, 0)), pen.lineTo((0, 500)), pen.lineTo((500, 0)), pen.closePath()
    composite = Glyph()
    composite.numberOfContours, composite.components = -1, [GlyphComponent()]
    composite.components[0].glyphName, composite.components[0].x, composite.components[0].y = "a", 0, 0
    composite.components[0].flags = 0
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "a", "b"])
    builder.setupCharacterMap({ord("历"): "a", ord("城"): "b"})
    builder.setupGlyf({".notdef": pen.glyph(), "a": pen.glyph(), "b": composite})
    builder.setupHorizontalMetrics({n: (600, 0) for n in (".notdef", "a", "b")})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "T", "styleName": "Regular"})
    builder.setupOS2(), builder.setupPost()
    builder.save(tmp_path / "t.ttf")
    with pytest.raises(ValueError, match="composite"):
        _Cutter(tmp_path / "t.ttf")
