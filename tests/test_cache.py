"""The cache's digest changes with each thing a report's output depends on, and only with those."""
import shutil
from dataclasses import replace

import pytest

from licheng.paths import NOTEBOOKS_DIR, PACKAGE_DIR
from licheng.publishing import cache
from licheng.publishing.reportset import ReportSpec

from scorecard_files import DEMO_ROWS, write_scorecard


@pytest.fixture
def spec(tmp_path):
    notebook = tmp_path / "growth.ipynb"
    shutil.copy(NOTEBOOKS_DIR / "growth.ipynb", notebook)
    return ReportSpec("growth-en", notebook, {"lang": "en"}, ("html", "pdf"))


def key(spec, formats=("html", "pdf"), engine="typst"):
    return cache.report_key(spec, formats, engine)


def test_the_same_inputs_give_the_same_key(spec):
    assert key(spec) == key(replace(spec))


def test_a_parameter_the_formats_the_pdf_engine_or_the_author_change_the_key(spec):
    before = key(spec)
    assert key(replace(spec, parameters={"lang": "zh"})) != before
    assert key(spec, formats=("html",)) != before
    assert key(spec, engine="weasyprint") != before
    assert key(replace(spec, author="An institute")) != before


def test_an_edited_notebook_changes_the_key(spec):
    before = key(spec)
    spec.notebook.write_text(spec.notebook.read_text(encoding="utf-8").replace("lang: str", "lang:  str", 1),
                             encoding="utf-8")
    assert key(spec) != before


def test_a_change_to_the_package_code_or_its_data_changes_the_key(spec, tmp_path, monkeypatch):
    package = tmp_path / "licheng"
    shutil.copytree(PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE_DIR", package)
    before = key(spec)
    code = package / "analysis" / "growth.py"
    code.write_text(code.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    after_code = key(spec)
    assert after_code != before
    units = package / "data" / "units.csv"
    units.write_text(units.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert key(spec) != after_code


def test_a_users_scorecard_and_its_source_text_change_the_key(spec, tmp_path):
    csv = write_scorecard(tmp_path / "demo", DEMO_ROWS)
    mine = replace(spec, parameters={"lang": "en", "scorecard": str(csv)})
    before = key(mine)
    source = next(p for p in csv.parent.iterdir() if p.suffix == ".txt")
    source.write_text(source.read_text(encoding="utf-8") + "\n补充。\n", encoding="utf-8")
    assert key(mine) != before
