"""Every path licheng uses, defined once.

Two kinds: what ships inside the package (data, the source text, templates),
found beside this file wherever licheng is installed; and the project's files
(the report set, the notebooks, ``outputs/``), found from the working
directory, never inside ``site-packages``.
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
SCORECARD_CSV = DATA_DIR / "scorecard.csv"
#: The packaged scorecard's source text: a byte-identical copy of ``seeds/`` (a test checks it), so
#: that ``load_scorecard()`` works after ``pip install`` too.
SOURCES_DIR = DATA_DIR / "sources"
REFERENCE_CSV = DATA_DIR / "reference.csv"
UNITS_CSV = DATA_DIR / "units.csv"
INDICATORS_CSV = DATA_DIR / "indicators.csv"
AUDIT_EXCLUSIONS_CSV = DATA_DIR / "audit_exclusions.csv"

#: The source checkout licheng was imported from (with ``pip install -e .``); in an installed
#: package this is ``site-packages``, and nothing of the project is looked for there.
ROOT = PACKAGE_DIR.parent
SEEDS_DIR = ROOT / "seeds"
#: A project is a folder holding ``notebooks/reports.toml``.
PROJECT_MARKER = Path("notebooks") / "reports.toml"


def is_checkout(folder: Path = ROOT) -> bool:
    """Whether ``folder`` is licheng's own source checkout (not ``site-packages``)."""
    return (folder / "pyproject.toml").is_file() and (folder / PROJECT_MARKER).is_file()


def project_dir(start: Path | None = None) -> Path:
    """The project licheng works in: the nearest folder, from ``start`` (the
    working directory) up, that holds ``notebooks/reports.toml``; else licheng's
    own checkout when run from one; else the working directory itself.

    Examples
    --------
    >>> project_dir(Path("/")) in (Path("/"), ROOT)
    True
    """
    here = Path(start if start is not None else os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / PROJECT_MARKER).is_file():
            return folder
    return ROOT if is_checkout() else here


PROJECT_DIR = project_dir()
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
OUTPUTS_DIR = PROJECT_DIR / "outputs"
REPORTS_TOML = PROJECT_DIR / PROJECT_MARKER
