"""The report page for a browser: what nbconvert's HTML gets before a reader opens it.

- headings get stable ids and a ``#`` anchor link; a table of contents lists the sections;
- "(注1、2)" / "(notes 1, 2)" in source lines link to their notes, and each note links back;
- tables sit in a region that scrolls sideways on a phone (with a shadow that shows it);
- charts are inline SVG (so their text uses the page's fonts), their ids made unique per chart;
- the CJK glyphs the page uses are embedded as a WOFF subset (:mod:`licheng.publishing.webfont`).

No script: the pages' Content-Security-Policy allows none, and none is needed.
Every piece of text placed here comes from the page itself (already escaped) or is escaped.
"""
from __future__ import annotations

import hashlib
import html
import re

from licheng.markup import visible_text

#: The table of contents and the back link from a note, per language.
_WORDS = {"zh": {"toc": "目录", "back": "返回引用处"},
          "en": {"toc": "Contents", "back": "back to where it is cited"}}

_HEADING_RE = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
_SOURCE_RE = re.compile(r'(<(?:span|p) class=["\']licheng-source["\']>)(.*?)(</(?:span|p)>)', re.S)
#: "注1、2、3" or "notes 1, 2, 3" / "note 1" inside a source line
_CITES_RE = re.compile(r"(注|notes? )(\d+(?:(?:、|, )\d+)*)")
_NOTES_RE = re.compile(r'(<div class="licheng-notes">.*?<ol>)(.*?)(</ol>)', re.S)
_TABLE_RE = re.compile(r'(<table[^>]*class="[^"]*licheng-table[^"]*"[^>]*>.*?</table>)', re.S)
_SVG_ID_RE = re.compile(r'\bid="([^"]+)"')
#: Anything in an SVG that could act (script, event handlers, foreign HTML, links out): such a
#: chart stays an <img>, where a browser never runs or fetches anything.
_SVG_ACTIVE_RE = re.compile(r"<script|<foreignObject|<a[\s>]|\son\w+\s*=|javascript:|<iframe|<use[^>]+href=\"(?!#)",
                            re.I)


CJK_FAMILY = "Noto Sans CJK SC"
_CJK_LAST_RE = re.compile(r"font-family:\s*([^;\"]*?),?\s*'" + CJK_FAMILY + "'")


def text_of(fragment: str) -> str:
    """The text of an HTML fragment, tags dropped and entities read."""
    return visible_text(fragment, sep="").strip()


def slug(text: str) -> str:
    """A heading's id: letters, digits and CJK kept, the rest a single '-'.

    >>> slug("2. GDP: 1490亿元 (est.)"), slug("「十四五」发展成绩单")
    ('2-gdp-1490亿元-est', '十四五-发展成绩单')
    """
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-_") or "section"


def add_heading_anchors(page: str) -> tuple[str, list[tuple[int, str, str]]]:
    """Give each heading an id and a ``#`` link to itself; return the page and its (level, id, text)."""
    seen: dict[str, int] = {}
    found: list[tuple[int, str, str]] = []

    def one(m: re.Match) -> str:
        level, inner = int(m[1]), m[2]
        text = text_of(inner)
        base = slug(text)
        seen[base] = seen.get(base, 0) + 1
        hid = base if seen[base] == 1 else f"{base}-{seen[base]}"
        found.append((level, hid, text))
        attr = html.escape(hid, quote=True)
        return (f'<h{level} id="{attr}">{inner}<a class="licheng-anchor" href="#{attr}" '
                f'aria-label="{html.escape(text, quote=True)}">#</a></h{level}>')

    return _HEADING_RE.sub(one, page), found


def toc(headings: list[tuple[int, str, str]], lang: str) -> str:
    """A table of contents of the level-2 and level-3 headings, nested; empty with fewer than 2 sections."""
    entries = [(lv, hid, text) for lv, hid, text in headings if lv in (2, 3)]
    if sum(lv == 2 for lv, _, _ in entries) < 2:
        return ""
    out, open_sub = [], False
    for lv, hid, text in entries:
        link = f'<a href="#{html.escape(hid, quote=True)}">{html.escape(text)}</a>'
        if lv == 3:
            if not out:
                continue
            if not open_sub:
                out[-1] = out[-1].removesuffix("</li>") + "<ol>"
                open_sub = True
            out.append(f"<li>{link}</li>")
        else:
            if open_sub:
                out.append("</ol></li>")
                open_sub = False
            out.append(f"<li>{link}</li>")
    if open_sub:
        out.append("</ol></li>")
    title = _WORDS[_lang(lang)]["toc"]
    return (f'<nav class="licheng-toc" aria-label="{title}"><details open><summary>{title}</summary>'
            f'<ol>{"".join(out)}</ol></details></nav>\n')


def link_notes(page: str, lang: str) -> str:
    """Note numbers in source lines link to their notes; each note links back to its first citation
    (and lists every other one)."""
    words = _WORDS[_lang(lang)]
    cited: dict[int, list[str]] = {}

    def cite(m: re.Match) -> str:
        sep = "、" if "、" in m[2] else ", "
        links = []
        for n in map(int, re.findall(r"\d+", m[2])):
            cid = f"cite-{n}-{len(cited.setdefault(n, [])) + 1}"
            cited[n].append(cid)
            links.append(f'<a class="licheng-cite" id="{cid}" href="#note-{n}">{n}</a>')
        return m[1] + sep.join(links)

    def source(m: re.Match) -> str:
        return m[1] + _CITES_RE.sub(cite, m[2]) + m[3]

    page = _SOURCE_RE.sub(source, page)

    def notes(m: re.Match) -> str:
        items = re.split(r"(?=<li>)", m[2])
        n = 0
        out = []
        for item in items:
            if not item.startswith("<li>"):
                out.append(item)
                continue
            n += 1
            backs = "".join(
                f' <a class="licheng-back" href="#{cid}" aria-label="{words["back"]}">↩{"" if k == 0 else k + 1}</a>'
                for k, cid in enumerate(cited.get(n, [])))
            out.append(f'<li id="note-{n}">' + item[4:].replace("</li>", backs + "</li>", 1))
        return m[1] + "".join(out) + m[3]

    return _NOTES_RE.sub(notes, page, count=1)


def scroll_tables(page: str) -> str:
    """Each report table in a region that scrolls sideways when the screen is narrower than it."""
    return _TABLE_RE.sub(r'<div class="licheng-scroll" role="region" tabindex="0">\1</div>', page)


def inline_svg(svg: str, alt: str) -> str:
    """A chart's SVG put into the page (so its text uses the page's fonts), with ids unique to
    this chart and ``alt`` as its accessible name; a chart with anything active stays an <img>."""
    import base64

    alt_attr = html.escape(alt or "", quote=True)
    start = svg.find("<svg")
    if start < 0 or _SVG_ACTIVE_RE.search(svg) or not re.match(r"<svg\b[^>]*>", svg[start:]):
        # not a chart licheng can put in the page (active, or not even an <svg> tag): an image
        data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        return f'<img src="data:image/svg+xml;base64,{data}" alt="{alt_attr}">'
    body = re.sub(r"<metadata>.*?</metadata>\s*", "", svg[start:], count=1, flags=re.S)
    # The CJK face first: Chromium draws the first SVG label of each size in a fallback font
    # (boxes) when a later family of the list is a web font still loading, and never redraws it.
    # The embedded face covers CJK only (unicode-range), so Latin text still falls to DejaVu Sans.
    body = _CJK_LAST_RE.sub(lambda m: f"font-family: '{CJK_FAMILY}', {m[1].strip().rstrip(',')}", body)
    prefix = "c" + hashlib.sha256(svg.encode("utf-8")).hexdigest()[:8] + "-"
    ids = set(_SVG_ID_RE.findall(body))
    body = _SVG_ID_RE.sub(lambda m: f'id="{prefix}{m[1]}"', body)
    body = re.sub(r'(url\(#|href="#)([^)"]+)', lambda m: m[1] + (prefix + m[2] if m[2] in ids else m[2]), body)
    open_tag = re.match(r"<svg\b[^>]*>", body)
    title = f"<title>{html.escape(alt)}</title>" if alt else ""
    return f'<svg role="img" aria-label="{alt_attr}"' + open_tag[0][4:] + title + body[open_tag.end():]


def enhance(page: str, lang: str, *, font: bool = True) -> str:
    """The reader's page: anchors, contents, linked notes, scrolling tables and the CJK web font."""
    page, headings = add_heading_anchors(page)
    nav = toc(headings, lang)
    if nav:
        first_h2 = page.find("<h2 ")
        cell = page.rfind('<div class="jp-Cell', 0, first_h2) if first_h2 > 0 else -1
        if cell > 0:
            page = page[:cell] + nav + page[cell:]
    page = link_notes(page, lang)
    page = scroll_tables(page)
    if font:
        from licheng.publishing.webfont import font_face_css

        css = font_face_css(page)
        if css:
            page = page.replace("</head>", f'<style type="text/css">\n{css}\n</style>\n</head>', 1)
    return page


def _lang(lang: str) -> str:
    return "zh" if str(lang).lower().startswith("zh") else "en"
