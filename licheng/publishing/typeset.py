"""Typeset an executed report notebook as PDF with Typst.

WeasyPrint lays a page out in Python: 1 to 2 s for a seven-page report of
tables and charts, however warm. Typst (the ``typst`` wheel, a compiler
written in Rust) sets the same report in well under a tenth of that, so it is
the default PDF engine. A report's outputs are few and known (Markdown text,
licheng tables, SVG charts), and each is written as Typst here:

- Markdown (``Report.say``, headings, captions, notes) through mistune's
  syntax tree; ``<span class='licheng-source'>`` becomes the small grey
  source line, other inline HTML is dropped and its text kept;
- licheng tables from their ``application/vnd.licheng.table+json`` bundle
  (caption, header, the formatted cells, column widths, source line); any
  other HTML table (``display(df)``) from its cells;
- SVG and PNG charts as images; plain text and tracebacks as code blocks.

All text goes into the Typst source as string literals, so nothing a report
says can be read as Typst markup. Fonts come from the virtual environment
only (the CJK font and matplotlib's DejaVu Sans), never from the system, so
every machine sets the same PDF.
"""
from __future__ import annotations

import base64
import bisect
import datetime
import re
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from licheng.contract import HIDDEN_CELL_TAGS, TABLE_MIME
from licheng.columns import column_widths
from licheng.markup import visible_text
from licheng.paths import PACKAGE_DIR

#: The text width of an A4 page with 18 mm margins, in points.
TEXT_WIDTH_PT = (210 - 2 * 18) / 25.4 * 72
GREY, DARK = "luma(85)", "luma(51)"


#: The note numbers the report being set lists (its notes output): only these are linked.
_NOTES: ContextVar[frozenset[int]] = ContextVar("licheng_notes", default=frozenset())
#: "注1、2、3" or "notes 1, 3" / "note 1" in a source line (Report.source_line)
_CITES_RE = re.compile(r"(注|notes? )(\d+(?:(?:、|, )\d+)*)")


def string(text) -> str:
    """``text`` as a Typst string literal."""
    text = str(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r", "").replace("\n", "\\n").replace("\t", " ") + '"'


# -- Markdown -----------------------------------------------------------------
@lru_cache(maxsize=1)
def _markdown():
    import mistune

    return mistune.create_markdown(renderer="ast", plugins=["table", "strikethrough"])


def markdown(text: str, *, skip_h1: bool = False) -> str:
    """Markdown as Typst content (markup with every text as a string literal)."""
    return "".join(_block(tok, skip_h1) for tok in _markdown()(text))


def _block(tok: dict, skip_h1: bool = False) -> str:
    kind = tok["type"]
    if kind == "heading":
        level = tok["attrs"]["level"]
        if level == 1 and skip_h1:  # the title block already shows the title
            return ""
        return f"#heading(level: {level})[{_inlines(tok['children'])}]\n\n"
    if kind in ("paragraph", "block_text"):
        if any(c["type"] == "inline_html" and "licheng-source" in c["raw"] for c in tok["children"]):
            # a caption with its source line (Report.figure): never split across pages
            return f"#block(breakable: false)[{_inlines(tok['children'])}]\n\n"
        return f"{_inlines(tok['children'])}\n\n"
    if kind == "list":
        items = ", ".join(f"[{''.join(_block(c) for c in item['children']).strip()}]" for item in tok["children"])
        if tok["attrs"].get("ordered"):
            return f"#enum(start: {tok['attrs'].get('start') or 1}, {items})\n\n"
        return f"#list({items})\n\n"
    if kind == "block_code":
        return f"#block(raw({string(tok['raw'].rstrip())}, block: true))\n\n"
    if kind == "block_quote":
        return f"#quote(block: true)[{''.join(_block(c) for c in tok['children'])}]\n\n"
    if kind == "thematic_break":
        return "#line(length: 100%, stroke: 0.5pt + luma(200))\n\n"
    if kind == "block_html":
        return html_block(tok["raw"])
    if kind == "table":
        head = next((c for c in tok["children"] if c["type"] == "table_head"), {"children": []})
        body = next((c for c in tok["children"] if c["type"] == "table_body"), {"children": []})
        cells = [head["children"]] + [row["children"] for row in body["children"]]
        plain = [[_plain(c["children"]) for c in row] for row in cells]
        widths = column_widths(plain[0], plain[1:]) if plain[0] else None
        markup = [[_inlines(c["children"]) for c in row] for row in cells]
        return _table(markup[0], markup[1:], widths, markup=True)
    return ""  # blank_line and anything new to mistune


def _plain(tokens: list) -> str:
    """The text of Markdown inline tokens, without markup."""
    return "".join(t.get("raw", "") if "children" not in t else _plain(t["children"]) for t in tokens
                   if t["type"] != "inline_html")


def _inlines(tokens: list) -> str:
    out: list[str] = []
    stack: list[list[str]] = []  # open <span class='licheng-source'> runs
    for tok in tokens:
        kind = tok["type"]
        if kind == "text" and stack:  # inside a source line: its note numbers link to the notes
            out.append(cited(tok["raw"]))
            continue
        if kind == "inline_html":
            raw = tok["raw"].strip().lower()
            if raw.startswith("<span") and "licheng-source" in raw:
                stack.append(out)
                out = []
            elif raw.startswith("</span") and stack:
                inner, out = "".join(out), stack.pop()
                out.append(_source_line(inner))
            elif raw.startswith("<br"):
                out.append("#linebreak()")
            continue
        out.append(_inline(tok))
    while stack:  # an unclosed span: keep its text
        inner, out = "".join(out), stack.pop()
        out.append(inner)
    return "".join(out)


#: Markdown inline elements that wrap their children, and the Typst function for each.
_WRAPPERS = {"strong": "strong", "emphasis": "emph", "strikethrough": "strike"}


def _inline(tok: dict) -> str:
    kind = tok["type"]
    if kind == "text":
        return f"#{string(tok['raw'])}"
    if kind in _WRAPPERS:
        return f"#{_WRAPPERS[kind]}[{_inlines(tok['children'])}]"
    if kind == "codespan":
        return f"#raw({string(tok['raw'])})"
    if kind == "linebreak":
        return "#linebreak()"
    if kind == "softbreak":
        return '#" "'
    if kind == "link":
        url = tok["attrs"].get("url", "")
        return f"#link({string(url)})[{_inlines(tok['children'])}]" if url else _inlines(tok["children"])
    if kind == "image":
        return f"#{string(tok['attrs'].get('title') or '')}"
    return _inlines(tok["children"]) if "children" in tok else f"#{string(tok.get('raw', ''))}"


def cited(text: str) -> str:
    """Text as Typst markup, each note number of "(注1、2)" / "(notes 1, 2)" a link to its note."""
    notes, out, at = _NOTES.get(), [], 0
    for m in _CITES_RE.finditer(text):
        out.append(f"#{string(text[at:m.start(2)])}")
        for part in re.split(r"(\d+)", m[2]):
            if part.isdigit() and int(part) in notes:
                out.append(f"#link(<note-{int(part)}>)[#{string(part)}]")
            elif part:
                out.append(f"#{string(part)}")
        at = m.end()
    out.append(f"#{string(text[at:])}")
    return "".join(p for p in out if p != '#""')


def notes_list(text: str) -> str:
    """The report's notes (``Report.notes``): each numbered item labelled, so citations link to it."""
    out = []
    for tok in _markdown()(text):
        if tok["type"] == "list" and tok["attrs"].get("ordered"):
            start = tok["attrs"].get("start") or 1
            items = ", ".join(f"[{''.join(_block(c) for c in item['children']).strip()} "
                              f"#metadata(\"note\") <note-{start + i}>]" for i, item in enumerate(tok["children"]))
            out.append(f"#enum(start: {start}, {items})\n\n")
        else:
            out.append(_block(tok))
    return "".join(out)


def note_numbers(nb) -> frozenset[int]:
    """The numbers of the notes a report lists (its output marked ``licheng.notes``)."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if (out.get("metadata", {}).get("licheng") or {}).get("notes"):
                text = out.get("data", {}).get("text/markdown", "")
                return frozenset(int(n) for n in re.findall(r"(?m)^(\d+)\. ", text))
    return frozenset()


def _source_line(content: str) -> str:
    """A source line (Typst markup ``content``): small and grey, as report.css sets .licheng-source."""
    return f"#text(size: 0.85em, fill: {GREY})[{content}]"


# -- tables -------------------------------------------------------------------
def _table(header: list[str], rows: list[list[str]], widths: list[float] | None, *, markup: bool = False) -> str:
    """A table in the report's style; cells are Typst markup when ``markup`` (then
    give ``widths``), else plain text."""
    cell = (lambda c: f"[{c}]") if markup else (lambda c: f"[#{string(c)}]")
    n = len(header) or max((len(r) for r in rows), default=0)
    if not n:
        return ""
    if widths is None or len(widths) != n:
        widths = [round(100 / n, 1)] * n if markup else column_widths(header or [""] * n, rows)
    columns = ", ".join(f"{w}%" for w in widths)
    head = ", ".join(f"[#strong{cell(h)}]" if markup else f"[#strong({string(h)})]" for h in header)
    body = ", ".join(cell(c) for r in rows for c in (list(r) + [""] * n)[:n])
    header_part = f"table.header({head}), " if header else ""
    return (f"#text(size: 0.88em)[#table(columns: ({columns},), align: left + top, inset: (x: 6pt, y: 3pt), "
            f"stroke: (x, y) => if y == 0 {{ (bottom: 1.2pt + {DARK}) }} else {{ (bottom: 0.4pt + luma(221)) }}, "
            f"{header_part}{body})]\n\n")


#: Tables of at most this many rows, and this many characters in their cells, are never split
#: across pages; a longer one could not fit a page whole.
SHORT_TABLE_ROWS = 12
SHORT_TABLE_CHARS = 1500


def licheng_table(spec: dict) -> str:
    """A table shown by ``Report.table``: caption kept with the table, then the source line."""
    caption = f"#block(sticky: true, below: 0.5em)[#strong({string(spec['caption'])})]\n"
    table = _table([str(h) for h in spec["header"]], [[str(c) for c in r] for r in spec["rows"]], spec.get("widths"))
    source = _source_line(cited(spec["source"])) + "\n\n" if spec.get("source") else ""
    # A short table moves whole to the next page rather than leave its last rows or its source
    # line alone there; a long one breaks, its header repeated.
    short = len(spec["rows"]) <= SHORT_TABLE_ROWS and sum(len(str(c)) for r in spec["rows"] for c in r) <= SHORT_TABLE_CHARS
    breakable = "false" if short else "true"
    return f"#block(above: 1em, below: 1.5em, breakable: {breakable})[\n{caption}{table}{source}]\n\n"


class _HTMLTables(HTMLParser):
    """The cells of the HTML tables in a page (a DataFrame's ``text/html``)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self.tables and self.tables[-1]["rows"]:
            self.tables[-1]["rows"][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def html_block(raw: str) -> str:
    """HTML from an output or a Markdown block: its tables as tables, else its text."""
    if "<table" in raw.lower():
        parser = _HTMLTables()
        parser.feed(raw)
        out = []
        for t in parser.tables:
            rows = [r for r in t["rows"] if r]
            if rows:
                out.append(_table(rows[0], rows[1:], None))
        return "".join(out)
    text = " ".join(visible_text(raw).split())
    return f"#{string(text)}\n\n" if text else ""


# -- the notebook -------------------------------------------------------------
def _svg_width_pt(svg: bytes) -> float | None:
    m = re.search(rb'<svg[^>]*\swidth="([0-9.]+)(pt|px)?"', svg[:2000])
    if not m:
        return None
    value = float(m.group(1))
    return value * 0.75 if m.group(2) == b"px" else value


def _image(name: str, data: bytes, kind: str, alt: str = "") -> str:
    natural = _svg_width_pt(data) if kind == "svg" else None
    width = f"{natural:.2f}pt" if natural and natural < TEXT_WIDTH_PT else "100%"
    alt_text = f", alt: {string(alt)}" if alt else ""  # the caption, for screen readers (tagged PDF)
    # sticky: a chart stays on the page of what follows it, its caption (Report.figure)
    return f'#block(sticky: true, width: 100%)[#align(center)[#image("{name}", width: {width}{alt_text})]]\n\n'


def _plain_text(text: str) -> str:
    """Printed output, a traceback or a plain-text result: small, monospaced, as written."""
    return f"#block(text(size: 8pt, raw({string(text)}, block: true)))\n\n"


def _output(out, images: dict[str, bytes], skip_h1: bool, prefix: str) -> str:
    kind = out.get("output_type")
    if kind == "stream":
        return _plain_text(out.get("text", ""))
    if kind == "error":
        trace = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(out.get("traceback", [])))
        return _plain_text(trace)
    data = out.get("data", {})
    if TABLE_MIME in data:
        return licheng_table(data[TABLE_MIME])
    for mime, ext in (("image/svg+xml", "svg"), ("image/png", "png"), ("image/jpeg", "jpg")):
        if mime in data:
            body = data[mime]
            raw = body.encode("utf-8") if ext == "svg" else base64.b64decode(body)
            name = f"{prefix}-{sum(n.startswith(prefix + '-') for n in images) + 1}.{ext}"
            images[name] = raw
            return _image(name, raw, ext, (out.get("metadata", {}).get("licheng") or {}).get("alt", ""))
    if "text/markdown" in data:
        if (out.get("metadata", {}).get("licheng") or {}).get("notes"):
            return notes_list(data["text/markdown"])
        return markdown(data["text/markdown"], skip_h1=skip_h1)
    if "text/html" in data:
        return html_block(data["text/html"])
    if "text/plain" in data:
        return _plain_text(data["text/plain"])
    return ""


#: The page, fonts and title block: a Typst template beside the report's source when it compiles.
TEMPLATE = PACKAGE_DIR / "templates" / "typst" / "report.typ"
TEMPLATE_NAME = "licheng-report.typ"


def _preamble(meta: dict) -> str:
    """The report source's first lines: the template applied to the metadata of :func:`typst_inputs`."""
    return (f'#import "{TEMPLATE_NAME}": report\n'
            "#show: report.with(json(bytes(sys.inputs.meta)))\n\n")


def typst_inputs(meta: dict) -> dict[str, str]:
    """The report's metadata for Typst's ``sys.inputs``: JSON, so none of it is read as markup."""
    import json

    date = report_date(meta.get("pdf_date") or meta.get("data_date"))
    keys = ("html_lang", "region", "report", "author", "subject", "language", "date_label", "data_date")
    data = {k: str(meta.get(k) or "") for k in keys}
    data["date"] = [date.year, date.month, date.day] if date else None
    return {"meta": json.dumps(data, ensure_ascii=False)}


def report_date(text: str | None) -> datetime.date | None:
    try:
        # a data date may be a year or a month: its first day stands for it
        return datetime.date.fromisoformat((str(text) + "-01-01"[len(str(text)) - 4:])[:10]) if text else None
    except ValueError:
        return None


@dataclass
class TypstReport:
    """A report as Typst: the source, the image files it refers to, and which
    notebook cell (counted from 1) each stretch of the source comes from."""

    source: str
    images: dict[str, bytes]
    cell_lines: list[tuple[int, int]]  # (first source line, cell number), in order

    def cell_of(self, file: str, line: int) -> int | None:
        """The notebook cell behind a place Typst names in an error."""
        image = re.fullmatch(r"cell(\d+)-\d+\.\w+", Path(file).name)
        if image:
            return int(image[1])
        if Path(file).name != "report.typ":
            return None
        starts = [start for start, _ in self.cell_lines]
        i = bisect.bisect_right(starts, line) - 1
        return self.cell_lines[i][1] if i >= 0 else None


def notebook_typst(nb, meta: dict) -> TypstReport:
    """The Typst source of a report and the image files it refers to."""
    images: dict[str, bytes] = {}
    skip_h1 = bool(meta.get("report"))
    token = _NOTES.set(note_numbers(nb))
    try:
        return _notebook_typst(nb, meta, images, skip_h1)
    finally:
        _NOTES.reset(token)


def _notebook_typst(nb, meta: dict, images: dict[str, bytes], skip_h1: bool) -> TypstReport:
    parts, cell_lines = [_preamble(meta)], []
    line = parts[0].count("\n") + 1
    for number, cell in enumerate(nb.cells, start=1):
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & HIDDEN_CELL_TAGS:
            continue
        if cell.cell_type == "markdown":
            part = markdown(cell.source, skip_h1=skip_h1)
        elif cell.cell_type == "code":
            part = "".join(_output(out, images, skip_h1, f"cell{number}") for out in cell.get("outputs", []))
        else:
            continue
        cell_lines.append((line, number))
        parts.append(part)
        line += part.count("\n")
    return TypstReport("".join(parts), images, cell_lines)


# -- the compiler -------------------------------------------------------------
