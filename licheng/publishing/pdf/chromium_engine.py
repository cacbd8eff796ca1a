"""The Chromium engine: prints the report's HTML page with a headless browser."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

from licheng.exceptions import RenderError
from licheng.publishing.pdf.checks import check_cjk_fonts


class ChromiumEngine:
    name = "chromium"
    warm = False  # a new browser starts for every page anyway

    def check(self) -> None:
        chromium_path()

    def pdf(self, nb, meta: dict, print_html: Callable[[], str]) -> bytes:
        html = print_html()
        pdf = chromium_pdf(html)
        check_cjk_fonts(pdf, html, engine=self.name)
        return pdf


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise RenderError("--pdf-engine chromium needs a Chromium browser on PATH (apt-get install chromium); "
                      "or use the default engine, typst")


def chromium_pdf(html: str, *, timeout: float = 120) -> bytes:
    """Print ``html`` to PDF with headless Chromium in a subprocess."""
    browser = chromium_path()
    from licheng.publishing.scratch import scratch_dir

    with tempfile.TemporaryDirectory(prefix="chromium-", dir=scratch_dir()) as tmp:
        page, out = Path(tmp) / "page.html", Path(tmp) / "out.pdf"
        page.write_text(html, encoding="utf-8")
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
               "--allow-file-access-from-files", f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
               f"--print-to-pdf={out}", page.as_uri()]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0 or not out.is_file():
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise RenderError(f"Chromium failed to print the report (exit {result.returncode}): {last}")
        return out.read_bytes()
