"""outputs/index.html: every report with its links, language, parameters,
data date and status."""
from __future__ import annotations

import html
import json
from pathlib import Path

from licheng.contract import CSP  # the one policy of every page a reader opens
from licheng.publishing.publish import atomic_write, is_report_file

_CSS = """
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "DejaVu Sans", sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; } th, td { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; vertical-align: top; }
th { border-bottom: 2px solid #333; } .ok { color: #1e8449; } .failed { color: #c0392b; } code { font-size: 0.9em; }
"""


def write_index(outputs: Path, specs, status: dict) -> Path:
    """Write the index of the report set; reports never rendered show as such."""
    rows = []
    for spec in specs:
        s = status.get(spec.name, {})
        state = s.get("status", "not rendered")
        kept = s.get("kept") if state == "failed" and isinstance(s.get("kept"), dict) else {}
        files = s.get("files") if isinstance(s.get("files"), list) else []  # status.json may have been edited
        links = " ".join(
            f'<a href="{html.escape(spec.name)}/{html.escape(f)}">{html.escape(f.rsplit(".", 1)[-1].upper())}</a>'
            for f in files if is_report_file(spec.name, f) and not f.startswith("tables/")) \
            if state == "ok" or kept else ""
        if kept and links:  # this run failed; its folder still holds the last good render's files
            same = (kept.get("notebook"), kept.get("parameters")) == (spec.notebook.name,
                                                                       json.loads(json.dumps(spec.parameters)))
            other = ("" if same
                     else f", {html.escape(str(kept.get('notebook')))} with "
                          f"<code>{html.escape(json.dumps(kept.get('parameters'), ensure_ascii=False))}</code>")
            links = f"last good render (data date {html.escape(str(kept.get('data_date', '')))}{other}): {links}"
        if state == "failed" and (outputs / spec.name / f"{spec.name}.failed.ipynb").exists():
            failed = f'<a href="{html.escape(spec.name)}/{html.escape(spec.name)}.failed.ipynb">failed notebook</a>'
            links = f"{failed}; {links}" if links else failed
        reason = f": {html.escape(s.get('error', ''))}" if state == "failed" else ""
        rows.append(
            f"<tr><td>{html.escape(spec.name)}</td><td>{html.escape(s.get('title', ''))}</td>"
            f"<td>{html.escape(spec.notebook.name)}</td><td>{html.escape(s.get('lang', spec.parameters.get('lang', '')))}</td>"
            f"<td><code>{html.escape(json.dumps(s.get('parameters', spec.parameters), ensure_ascii=False))}</code></td>"
            f"<td>{html.escape(s.get('data_date', ''))}</td><td class=\"{html.escape(state)}\">{html.escape(state)}{reason}</td>"
            f"<td>{links}</td></tr>"
        )
    page = (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\"><title>licheng reports</title>"
        f"<style>{_CSS}</style></head><body><h1>licheng reports</h1>"
        "<table><thead><tr><th>Report</th><th>Title</th><th>Notebook</th><th>Language</th><th>Parameters</th>"
        "<th>Data date</th><th>Status</th><th>Files</th></tr></thead><tbody>\n" + "\n".join(rows) +
        "\n</tbody></table></body></html>\n"
    )
    path = outputs / "index.html"
    atomic_write(path, page)
    return path
