"""The review page of a draft: the source text with every figure highlighted and linked to its
proposed row, every number left out in grey with its reason, and the rows beside it.

One offline HTML file: every piece of the text and of the rows is escaped
(:func:`html.escape`), and the page carries the reports' Content-Security-Policy
(:data:`licheng.contract.CSP`): no script runs, nothing is fetched. Reasons
show on hover through CSS alone.
"""
from __future__ import annotations

import html

from licheng.contract import CSP
from licheng.drafting.extract import Draft

_CSS = """
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "DejaVu Sans", sans-serif; margin: 0;
       color: #222; font-size: 14px; }
header { padding: 8px 16px; border-bottom: 1px solid #ccc; } header h1 { font-size: 18px; margin: 0 0 4px; }
.key span { margin-right: 1.2em; }
main { display: flex; height: calc(100vh - 70px); }
#text { flex: 1 1 45%; overflow: auto; padding: 12px 16px; white-space: pre-wrap; line-height: 1.7;
        border-right: 1px solid #ccc; }
#rows { flex: 1 1 55%; overflow: auto; padding: 8px 12px; }
a.fig { background: #fde68a; color: #111; text-decoration: none; border-bottom: 2px solid #d97706; }
a.fig.medium { background: #fed7aa; } a.fig.low { background: #fecaca; border-bottom-color: #b91c1c; }
.skip { color: #9ca3af; } .skip:hover::after { content: " (" attr(data-reason) ")"; font-size: 0.8em; }
table { border-collapse: collapse; font-size: 12px; width: 100%; }
th, td { border-bottom: 1px solid #e5e7eb; padding: 3px 5px; text-align: left; vertical-align: top; }
th { position: sticky; top: 0; background: #f9fafb; border-bottom: 2px solid #333; }
tr:target { background: #fef3c7; } .review { color: #b91c1c; } td.num { white-space: nowrap; }
#left-out li { color: #6b7280; }
"""
_ROW_COLUMNS = ("id", "name_zh", "name_en", "value", "unit", "period", "kind", "status", "qualifier", "bound",
                "basis", "theme", "confidence", "review")


def page(d: Draft, records: list[dict], *, title: str) -> str:
    """The review page as HTML text; ``records`` are the draft's rows (:func:`licheng.drafting.draftfile.rows`)."""
    e = html.escape
    marks = sorted([(f.start, f.end, "fig", f, rec) for f, rec in zip(d.figures, records)] +
                   [(x.start, x.end, "skip", x, None) for x in d.left_out], key=lambda m: (m[0], -m[1]))
    parts, cursor = [], 0
    for start, end, what, obj, rec in marks:
        if start < cursor:
            continue  # inside a span already marked
        parts.append(e(d.text[cursor:start]))
        shown = e(d.text[start:end])
        if what == "fig":
            tip = (f"{rec['id']}: {rec['value']} {rec['unit']} · {rec['period']} · {rec['kind']} · {rec['status']}"
                   f" · {rec['bound']}" + (f" — {rec['review']}" if rec["review"] else ""))
            parts.append(f'<a class="fig {e(rec["confidence"])}" id="fig-{e(rec["id"])}" '
                         f'href="#row-{e(rec["id"])}" title="{e(tip)}">{shown}</a>')
        else:
            parts.append(f'<span class="skip" title="{e(obj.reason)}" data-reason="{e(obj.reason)}">{shown}</span>')
        cursor = end
    parts.append(e(d.text[cursor:]))

    head = "".join(f"<th>{e(c)}</th>" for c in _ROW_COLUMNS) + "<th>quote</th>"
    body = []
    for rec in records:
        cells = []
        for c in _ROW_COLUMNS:
            cls = ' class="review"' if c == "review" else ' class="num"' if c in ("value", "period") else ""
            text = f'<a href="#fig-{e(rec["id"])}">{e(rec["id"])}</a>' if c == "id" else e(rec[c])
            cells.append(f"<td{cls}>{text}</td>")
        cells.append(f"<td>{e(rec['quote'])}</td>")
        body.append(f'<tr id="row-{e(rec["id"])}">{"".join(cells)}</tr>')
    flagged = sum(1 for r in records if r["review"])
    left = "".join(f"<li>{e(x.text)}: {e(x.reason)}</li>" for x in d.left_out)
    return (
        "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\"><title>{e(title)}</title>"
        f"<style>{_CSS}</style></head><body><header><h1>{e(title)}</h1><div class=\"key\">"
        f"<span><a class=\"fig\">{len(records)}</a> figures taken ({flagged} to review: "
        "<a class=\"fig medium\">check</a> <a class=\"fig low\">unsure</a>)</span>"
        f"<span class=\"skip\">{len(d.left_out)} numbers left out</span> (hover for the reason)"
        f"<span>report year {e(str(d.year))}: {e(d.year_evidence)}</span></div></header>"
        f"<main><div id=\"text\">{''.join(parts)}</div><div id=\"rows\"><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table><h2>Left out</h2><ul id=\"left-out\">{left}</ul></div></main>"
        "</body></html>\n"
    )
