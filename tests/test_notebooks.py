"""Real notebook runs: papermill executes each report notebook in a kernel.

They use the product's path: papermill's ``licheng-fork`` engine (a kernel
forked from a pre-imported server). The plain papermill CLI with the
``python3`` kernelspec is run too, below.
"""
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from licheng.paths import NOTEBOOKS_DIR

NOTEBOOKS = sorted(p.stem for p in NOTEBOOKS_DIR.glob("*.ipynb"))
PAPERMILL = str(Path(sys.executable).with_name("papermill"))


def run(name, tmp_path, **parameters):
    out = tmp_path / f"{name}-{parameters.get('lang', 'zh')}.ipynb"
    pm.execute_notebook(str(NOTEBOOKS_DIR / f"{name}.ipynb"), str(out), parameters=parameters,
                        engine_name="licheng-fork", progress_bar=False, cwd=str(NOTEBOOKS_DIR))
    return nbformat.read(out, as_version=4)


def texts(nb):
    """Everything the reader sees: markdown, html and text outputs, streams."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                parts.append(out["text"])
            for mime in ("text/markdown", "text/html", "text/plain"):
                parts.append(out.get("data", {}).get(mime, ""))
    return "\n".join(parts)


def svgs(nb):
    return [o["data"]["image/svg+xml"] for c in nb.cells for o in c.get("outputs", [])
            if "image/svg+xml" in o.get("data", {})]


def test_the_three_reports_exist():
    assert {"scorecard", "growth", "comparison"} <= set(NOTEBOOKS)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_notebook_has_no_outputs_and_a_parameters_cell_first(name):
    # What git stores (the index): a notebook run in JupyterLab may keep its outputs on disk, the
    # clean filter of .gitattributes strips them on `git add`.
    path = NOTEBOOKS_DIR / f"{name}.ipynb"
    stored = subprocess.run(["git", "show", f":./{path.name}"], cwd=NOTEBOOKS_DIR, capture_output=True, text=True)
    nb = nbformat.reads(stored.stdout if stored.returncode == 0 else path.read_text(encoding="utf-8"), as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert "parameters" in code[0].metadata.get("tags", [])
    assert "check_parameters(globals())" in code[1].source
    params = pm.inspect_notebook(str(NOTEBOOKS_DIR / f"{name}.ipynb"))
    assert {"lang", "scorecard"} <= set(params)
    assert all(p["help"] and p["inferred_type_name"] != "None" for p in params.values())


# What each report must show, per language: headings and computed values.
EXPECTED = {
    ("scorecard", "zh"): ["「十四五」发展成绩单", "预计超过1490亿元", "66727元", "原文", "注释与来源", "有歧义：原文没有说明3.4万家是2025年当年"],
    ("scorecard", "en"): ["14th Five-Year Plan scorecard", "more than CNY 149.0 bn (est.)", "CNY 66,727", "Source sentence",
                          "Notes and sources",
                          "Ambiguous: the text does not say whether the 34,000 are 2025 alone"],
    ("growth", "zh"): ["各指标增速与GDP比较", "预计不低于1156.3亿元", "2031年越过", "不低于7.87%", "GDP情景预测"],
    ("growth", "en"): ["Growth of each indicator against GDP", "at least CNY 115.6 bn (est.)",
                       "passes CNY 200.0 bn in 2031 at the latest (est.)", "at least 7.87% (est.)", "GDP scenarios"],
    ("comparison", "zh"): ["城乡居民收入", "收入比为2.065", "收入比2.247", "2027年降到2以下", "不低于2.54%", "跨过了预计不低于4个百亿台阶",
                           "跨过预计约3个", "济南市", "无法判断"],
    ("comparison", "en"): ["Urban and rural incomes", "a ratio of 2.065", "a ratio of 2.247", "falls below 2 in 2027",
                           "at least 2.54% (est.)", "at least 4 (est.) steps are crossed", "about 3 (est.)", "Jinan",
                           "secondary", "cannot tell (the text gives only a floor)", "CNY 10 bn"],
}


@pytest.mark.parametrize("name, lang", sorted(EXPECTED))
def test_report_runs_in_a_kernel_and_shows_its_numbers(name, lang, tmp_path):
    # zh is the default: that run injects nothing, as when an economist runs the notebook as committed
    nb = run(name, tmp_path, **({} if lang == "zh" else {"lang": lang}))
    text = texts(nb)
    for expected in EXPECTED[name, lang]:
        assert expected in text, f"{expected!r} not in the {lang} {name} report"
    assert svgs(nb), "no chart"
    assert "Glyph" not in text and "missing from" not in text, "a chart lacks a glyph"
    assert nb.metadata.papermill.parameters == ({} if lang == "zh" else {"lang": lang})
    if lang == "en":  # English reports have no Chinese headings
        headings = [line for line in text.splitlines() if line.startswith("## ")]
        assert headings and all(not any("\u4e00" <= ch <= "\u9fff" for ch in h) for h in headings)


def test_tables_carry_their_data_as_csv(tmp_path):
    nb = run("growth", tmp_path, lang="en")
    csvs = [o["data"]["text/csv"] for c in nb.cells for o in c.get("outputs", []) if "text/csv" in o.get("data", {})]
    assert any(csv.startswith("id,") or "rate" in csv.splitlines()[0] for csv in csvs)


def test_non_default_parameters_change_the_report(tmp_path):
    nb = run("growth", tmp_path, lang="en", horizon=2035, scenario_rates=[0.03, 0.07], milestone=2500.0,
             indicators=["trade_growth_avg"])
    text = texts(nb)
    assert "GDP in 2035" in text and "CNY 250.0 bn" in text
    assert "3.0%" in text and "7.0%" in text
    assert "Rural per-capita disposable income average annual growth" not in text.split("Implied starting values")[0]
    nb = run("scorecard", tmp_path, lang="en", themes=["livelihood"])
    text = texts(nb)
    assert "CNY 66,727" in text and "more than CNY 149.0 bn" in text  # highlights stay
    assert "2300 PFLOPS" not in text and "2,300 PFLOPS" not in text
    nb = run("comparison", tmp_path, lang="en", min_reliability="press")
    text = texts(nb)
    assert "(repost)" not in text.split("Notes and sources")[0]


BAD = [
    (dict(lang="xx"), "parameter 'lang': 'xx' is not a supported language; choose one of zh, en"),
    (dict(horizon=2019), "parameter 'horizon': 2019 is not after the last data year 2025"),
    (dict(scenario_rates="fast"), "parameter 'scenario_rates': 'fast' is a str, expected list[float]"),
    (dict(scenario_rates=[0.05, "fast"]), "parameter 'scenario_rates': 'fast' (in [0.05, 'fast']) is a str, expected float"),
    (dict(scenario_rates=[5.2]), "rates are fractions: write 0.052 for 5.2 %"),
    (dict(indicators=["gdp_growht"]), "parameter 'indicators': 'gdp_growht' is not an indicator id of this scorecard; did you mean"),
    (dict(colour="red"), "parameter 'colour': this notebook declares no such parameter; valid parameters are lang, scorecard"),
    (dict(scorecard="/nonexistent/x.csv"), "parameter 'scorecard': /nonexistent/x.csv: scorecard file not found"),
]


@pytest.mark.parametrize("params, message", BAD, ids=[m.split(":")[0] + str(i) for i, (p, m) in enumerate(BAD)])
def test_bad_parameter_stops_the_run_with_a_message(params, message, tmp_path):
    with pytest.raises(pm.PapermillExecutionError) as err:
        run("growth", tmp_path, **params)
    assert err.value.ename == "ParameterError"
    assert message in err.value.evalue
    assert err.value.cell_index == 2  # the validation cell, right after the injected parameters


def test_unknown_theme_is_refused(tmp_path):
    with pytest.raises(pm.PapermillExecutionError, match="parameter 'themes': 'economics' is not a theme"):
        run("scorecard", tmp_path, themes=["economics"])


def test_plain_papermill_cli_fails_with_the_message(tmp_path):
    result = subprocess.run([PAPERMILL, str(NOTEBOOKS_DIR / "growth.ipynb"), str(tmp_path / "out.ipynb"),
                             "-p", "lang", "xx"], capture_output=True, text=True)
    assert result.returncode != 0
    assert "ParameterError: parameter 'lang': 'xx' is not a supported language" in result.stderr + result.stdout


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_runs_on_another_districts_scorecard(name, demo_scorecard, tmp_path):
    nb = run(name, tmp_path, lang="en", scorecard=str(demo_scorecard))
    text = texts(nb)
    assert "Demo District" in text
    assert "Licheng" not in text.split("Notes and sources")[0].replace("Licheng District government", "")
    if name == "comparison":  # its outside comparisons need the district's own earlier figures
        assert "so it is left out" in text


def test_chart_labels_keep_the_qualifiers_of_the_figures(tmp_path):
    nb = run("growth", tmp_path, lang="en")
    chart = svgs(nb)[0]  # the average growth rates, GDP's rate an estimate
    assert "5.2% (est.)" in chart
