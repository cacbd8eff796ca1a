"""The Typst engine (the default): sets the notebook itself as Typst
(:mod:`licheng.publishing.typeset`) and compiles it with the ``typst`` wheel."""
from __future__ import annotations

import datetime
import re
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Callable

from licheng.exceptions import RenderError
from licheng.fonts import cjk_font_path
from licheng.publishing.pdf.checks import check_cjk_fonts
from licheng.publishing.typeset import TEMPLATE, TEMPLATE_NAME, TypstReport, notebook_typst, report_date, typst_inputs


class TypstEngine:
    name = "typst"
    warm = True

    def check(self) -> None:
        check_typst()

    def pdf(self, nb, meta: dict, print_html: Callable[[], str]) -> bytes:
        report = notebook_typst(nb, meta)
        pdf = typst_pdf(report, meta)
        check_cjk_fonts(pdf, text=report.source)
        return pdf


def font_files() -> list[Path]:
    """The fonts a PDF may use: the CJK font and matplotlib's DejaVu Sans (chart text)."""
    from importlib.util import find_spec

    # matplotlib's own data folder, found without importing matplotlib (a tenth of a second here)
    ttf = Path(find_spec("matplotlib").origin).parent / "mpl-data" / "fonts" / "ttf"
    return [cjk_font_path(), ttf / "DejaVuSans.ttf", ttf / "DejaVuSans-Bold.ttf"]


def check_typst() -> None:
    try:
        import typst  # noqa: F401
    except ImportError:
        raise RenderError("the typst PDF engine needs the typst package; run make venv "
                          "(it is in requirements.txt) or choose --pdf-engine weasyprint") from None


@lru_cache(maxsize=None)
def _compiler(fonts: tuple[Path, ...]):
    """One Typst compiler per process and font set: fonts are read once."""
    check_typst()
    import typst

    from licheng.publishing.scratch import scratch_dir

    folder = Path(tempfile.mkdtemp(prefix="fonts-", dir=scratch_dir()))
    try:
        for i, font in enumerate(fonts):  # Typst reads font folders, not files
            (folder / f"{i}-{font.name}").symlink_to(font.resolve())
        return typst.Compiler(font_paths=[str(folder)], ignore_system_fonts=True)  # reads the fonts now
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def typst_pdf(report: TypstReport, meta: dict) -> bytes:
    """A report (from :func:`notebook_typst`) as PDF bytes, typeset by Typst."""
    import typst

    compiler = _compiler(tuple(font_files()))
    date = report_date(meta.get("pdf_date") or meta.get("data_date"))
    stamp = datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.timezone.utc) if date else None
    from licheng.publishing.scratch import scratch_dir

    with tempfile.TemporaryDirectory(prefix="typst-", dir=scratch_dir()) as tmp:
        main = Path(tmp) / "report.typ"
        main.write_text(report.source, encoding="utf-8")
        shutil.copyfile(TEMPLATE, Path(tmp) / TEMPLATE_NAME)
        for name, data in report.images.items():
            (Path(tmp) / name).write_bytes(data)
        try:
            return compiler.compile(input=str(main), root=tmp, format="pdf", timestamp=stamp,
                                    sys_inputs=typst_inputs(meta))
        except typst.TypstError as e:
            place = re.search(r"┌─ (\S+?):(\d+):\d+", e.diagnostic or "")
            cell = report.cell_of(place[1], int(place[2])) if place else None
            raise RenderError((f"cell {cell}: " if cell else "") + f"Typst could not set the report: {e.message}") from None
