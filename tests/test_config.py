import re
from pathlib import Path

import pytest

from licheng.publishing.reportset import ConfigError, load_reports, select
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
    # one folder on a file system that ignores case (macOS, Windows): one report would overwrite the other
    ("duplicate but for case", GOOD + GOOD.replace("[[report]]", "\n[[report]]").replace('"a"', '"A"'),
     "report 2: name 'A' differs from report 1's 'a' only in case: they would share a folder"),
    ("unknown format", GOOD + 'formats = ["docx"]\n', "unknown format(s) docx; choose from html, pdf"),
    ("bad name", GOOD.replace('"a"', '"../a"'), "name '../a' is not allowed"),
    ("index.html", GOOD.replace('"a"', '"index.html"'), "name 'index.html' is not allowed: outputs/index.html is licheng's own"),
    ("status.json", GOOD.replace('"a"', '"Status.JSON"'), "name 'Status.JSON' is not allowed"),
    ("parameters not a table", GOOD + 'parameters = "x"\n', "(a): parameters must be a table such as { lang = \"en\" }, not 'x'"),
    ("notebook not a string", '[[report]]\nname = "a"\nnotebook = 5\n', "(a): notebook must be a file name such as \"growth.ipynb\", not 5"),
    ("notebook outside", '[[report]]\nname = "a"\nnotebook = "/etc/passwd"\n', "(a): notebook '/etc/passwd' is not allowed: give an .ipynb file in"),
    ("notebook above", '[[report]]\nname = "a"\nnotebook = "../../x.ipynb"\n', "(a): notebook '../../x.ipynb' is not allowed"),
    ("formats not a list", GOOD + 'formats = "html"\n', "(a): formats must be a list such as [\"html\", \"pdf\"], not 'html'"),
    ("report not tables", 'report = 5\n', "report must be a list of [[report]] tables"),
    ("top-level typo", 'reprot = 1\n' + GOOD, "unknown key(s) reprot; did you mean 'report'? a report set has defaults, report"),
    ("defaults typo", '[defaults]\nformat = ["html"]\n' + GOOD, "[defaults]: unknown key(s) format; did you mean 'formats'?"),
    ("report typo", GOOD + 'paramters = {}\n', "report 1: unknown key(s) paramters; did you mean 'parameters'?"),
    ("defaults not a table", 'defaults = 3\n' + GOOD, "defaults must be a table"),
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


def test_a_report_set_that_is_not_utf8(tmp_path):
    path = tmp_path / "reports.toml"
    path.write_bytes(GOOD.replace('"a"', '"报告"').encode("gbk"))
    with pytest.raises(ConfigError, match=r"not UTF-8 text \(byte \d+\); save the report set as UTF-8"):
        load_reports(path)


def test_a_notebook_that_is_not_one(tmp_path):
    (tmp_path / "fake.ipynb").write_text("not json", encoding="utf-8")
    path = tmp_path / "reports.toml"
    path.write_text('[[report]]\nname = "a"\nnotebook = "fake.ipynb"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="fake.ipynb: not a readable Jupyter notebook"):
        load_reports(path)


def test_limits_come_from_defaults_then_the_report():
    from licheng.publishing.reportset import DEFAULT_MAX_OUTPUT

    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reports.toml"
        path.write_text('[defaults]\ntimeout = 30\n' + GOOD + 'max_output = "50k"\n'
                        + GOOD.replace('"a"', '"b"').replace("[[report]]", "\n[[report]]"), encoding="utf-8")
        a, b = load_reports(path)
    assert (a.timeout, a.max_output, b.timeout, b.max_output) == (30, 50_000, 30, DEFAULT_MAX_OUTPUT)


def test_a_report_set_in_a_folder_of_its_own_finds_the_packaged_notebooks_by_name(tmp_path):
    # found by a reviewer: a report set beside their own scorecard, naming "scorecard.ipynb", got
    # "notebook 'scorecard.ipynb' not found" without where it was looked for
    path = tmp_path / "mine.toml"
    path.write_text('[[report]]\nname = "a"\nnotebook = "growth.ipynb"\n', encoding="utf-8")
    assert load_reports(path)[0].notebook == (NOTEBOOKS_DIR / "growth.ipynb").resolve()
    (tmp_path / "growth.ipynb").write_text((NOTEBOOKS_DIR / "growth.ipynb").read_text(encoding="utf-8"), encoding="utf-8")
    assert load_reports(path)[0].notebook == (tmp_path / "growth.ipynb").resolve()  # the set's own copy wins
    path.write_text('[[report]]\nname = "a"\nnotebook = "nope.ipynb"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=f"not found in {tmp_path.resolve()} or {NOTEBOOKS_DIR.resolve()}"):
        load_reports(path)


@pytest.mark.parametrize("text, message", [
    # found by a hostile probe: each was a traceback or unbounded
    ('[[report]]\nname = "a"\nnotebook = "growth.ipynb\\u0000.txt"\n', "notebook must be a file name"),
    ('[[report]]\nname = "a"\nnotebook = "growth.ipynb"\nparameters = { scorecard = "x\\u0000.csv" }\n',
     "parameter 'scorecard': a path cannot hold a NUL character"),
    ("x = " + "[" * 100_000 + "]" * 100_000 + "\n", "not valid TOML (nested too deeply)"),
    (f'[[report]]\nname = "{"a" * 101}"\nnotebook = "growth.ipynb"\n', "use at most 100 letters"),
])
def test_hostile_report_set_files_get_one_line(tmp_path, text, message):
    path = tmp_path / "reports.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_reports(path)


def test_a_huge_report_set_file_is_not_read(tmp_path):
    path = tmp_path / "reports.toml"
    with open(path, "wb") as f:
        f.truncate(200_000_000)
    with pytest.raises(ConfigError, match="over 1,000,000 bytes"):
        load_reports(path)


def test_a_status_file_nested_too_deeply_counts_as_damaged(tmp_path):
    from licheng.publishing.render import load_status

    (tmp_path / "status.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert load_status(tmp_path, warn=False) == {}


def test_a_report_set_saved_with_a_byte_order_mark_loads(tmp_path):
    path = tmp_path / "reports.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))  # as Windows Notepad saves UTF-8
    assert [s.name for s in load_reports(path)] == ["a"]


def test_a_report_set_that_is_a_pipe_or_a_folder_is_named_as_such(tmp_path):
    import os

    fifo = tmp_path / "reports.toml"
    os.mkfifo(fifo)
    from licheng.publishing import cli

    for path in (fifo, tmp_path):
        with pytest.raises(ConfigError, match=r": not a regular file \(a folder, a pipe or a device\); give the report "):
            load_reports(path)
        assert cli.main(["--config", str(path), "list"]) == 2


@pytest.mark.parametrize("override", ["nosuch=" + "v" * 5000, "n" * 5000 + "=1", "horizon=[" + "1," * 3000 + "]"])
def test_a_refused_override_repeats_at_most_80_characters_of_it(override, capsys, tmp_path):
    from licheng.publishing import cli

    assert cli.main(["render", "growth-en", "-p", override, "--outputs", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and len(err) < 400 and "characters)" in err, err
