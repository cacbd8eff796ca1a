import pytest

from licheng.config import ConfigError, load_reports, select
from licheng.paths import NOTEBOOKS_DIR

GOOD = f'[[report]]\nname = "a"\nnotebook = "{NOTEBOOKS_DIR / "growth.ipynb"}"\n'


def test_default_set_is_every_notebook_in_both_languages():
    specs = load_reports()
    assert {(s.notebook.stem, s.parameters["lang"]) for s in specs} == {
        (n, lang) for n in ("scorecard", "growth", "comparison") for lang in ("zh", "en")}
    assert all(s.formats == ("html", "pdf") for s in specs)


BAD = [
    ("not toml", "[[report]\nname=", "not valid TOML"),
    ("no reports", "[defaults]\nformats = ['html']\n", "no [[report]] entries"),
    ("unknown key", GOOD + 'colour = "red"\n', "report 1: unknown key(s) colour"),
    ("missing notebook", '[[report]]\nname = "a"\n', "report 1: missing 'notebook'"),
    ("notebook not found", '[[report]]\nname = "a"\nnotebook = "nope.ipynb"\n', "notebook 'nope.ipynb' not found"),
    ("duplicate", GOOD + GOOD.replace("[[report]]", "\n[[report]]"), "report 2: duplicate name 'a'"),
    ("unknown format", GOOD + 'formats = ["docx"]\n', "unknown format(s) docx; choose from html, pdf"),
    ("bad name", GOOD.replace('"a"', '"../a"'), "name '../a' is not allowed"),
]


@pytest.mark.parametrize("case, text, message", BAD, ids=[b[0] for b in BAD])
def test_bad_report_set_file_is_named_with_the_problem(case, text, message, tmp_path):
    path = tmp_path / "reports.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_reports(path)
    assert message in str(err.value) and str(path) in str(err.value)


def test_missing_report_set_file(tmp_path):
    with pytest.raises(ConfigError, match="report set file not found"):
        load_reports(tmp_path / "none.toml")


def test_select_keeps_set_order():
    specs = load_reports()
    assert [s.name for s in select(specs, ["growth-en", "scorecard-zh"])] == ["scorecard-zh", "growth-en"]
