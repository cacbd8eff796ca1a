"""The report set as a whole: parallel kernels, the cache, determinism."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_runner import licheng
from licheng.paths import ROOT

from scorecard_files import DEMO_ROWS, SOURCE_TEXT, write_scorecard

FIXTURES = Path(__file__).parent / "notebooks"




def config(path: Path, reports: dict) -> Path:
    """reports: name -> parameters, all on the small fixture notebook (copied beside the set), HTML only."""
    import shutil

    shutil.copy(FIXTURES / "small.ipynb", path.parent / "small.ipynb")
    text = '[defaults]\nformats = ["html"]\n'
    for name, params in reports.items():
        inline = ", ".join(f"{k} = {json.dumps(v)}" for k, v in params.items())
        text += f'\n[[report]]\nname = "{name}"\nnotebook = "small.ipynb"\nparameters = {{ {inline} }}\n'
    path.write_text(text, encoding="utf-8")
    return path


def executed_text(out: Path, name: str) -> str:
    nb = json.loads((out / name / f"{name}.ipynb").read_text(encoding="utf-8"))
    return json.dumps([c.get("outputs", []) for c in nb["cells"]], ensure_ascii=False)


def test_eight_reports_in_parallel_several_times_without_a_failure(tmp_path):
    cfg = config(tmp_path / "reports.toml", {f"small-{i}": {"lang": "en" if i % 2 else "zh"} for i in range(8)})
    for run in range(3):
        result = licheng("--config", cfg, "render", "--force", "--jobs", "4", "--outputs", tmp_path / "out")
        assert result.returncode == 0, f"run {run}: {result.stdout}\n{result.stderr}"
        assert "8 rendered, 0 up to date, 0 failed" in result.stdout
    status = json.loads((tmp_path / "out" / "status.json").read_text(encoding="utf-8"))
    assert all(s["status"] == "ok" and s["timings"]["kernel_start"] > 0 for s in status.values())
    # Not a terminal: plain log lines per report and state.
    assert "[small-3] executing" in result.stdout and "[small-3] done in" in result.stdout
    assert "\x1b[" not in result.stdout


def test_each_report_runs_in_a_fresh_namespace(tmp_path):
    cfg = config(tmp_path / "reports.toml", {f"r{i}": {} for i in range(3)})
    result = licheng("--config", cfg, "render", "--jobs", "1", "--outputs", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    for name in ("r0", "r1", "r2"):
        text = executed_text(tmp_path / "out", name)
        assert "names before this report set any: ['P', 'check_parameters', 'lang', 'scorecard']" in text
        nb = json.loads((tmp_path / "out" / name / f"{name}.ipynb").read_text(encoding="utf-8"))
        counts = [c["execution_count"] for c in nb["cells"] if c["cell_type"] == "code"]
        assert counts == list(range(1, len(counts) + 1))  # warming the kernel left no trace in its history


def test_cache_skips_unchanged_reports_and_redoes_exactly_those_whose_data_changed(tmp_path):
    demo = write_scorecard(tmp_path / "demo", DEMO_ROWS,
                           text=SOURCE_TEXT + "修订：地区生产总值超过510亿元。\n")
    cfg = config(tmp_path / "reports.toml", {"packaged": {}, "demo": {"scorecard": str(demo)}})
    out = tmp_path / "out"
    assert licheng("--config", cfg, "render", "--outputs", out).returncode == 0
    html = {n: out / n / f"{n}.html" for n in ("packaged", "demo")}
    mtimes = {n: p.stat().st_mtime_ns for n, p in html.items()}

    again = licheng("--config", cfg, "render", "--outputs", out)
    assert again.returncode == 0 and "everything was up to date (2 reports" in again.stdout
    assert {n: p.stat().st_mtime_ns for n, p in html.items()} == mtimes
    kept = {p: p.stat().st_mtime_ns for p in (out / "status.json", out / "index.html")}
    assert "everything was up to date" in licheng("--config", cfg, "render", "--outputs", out).stdout
    assert {p: p.stat().st_mtime_ns for p in kept} == kept  # a second no-op writes nothing at all

    # One data value changes (with its quote, as the loader demands): only the report that reads it is redone.
    rows = [dict(r) for r in DEMO_ROWS]
    rows[0].update(value="510", quote="地区生产总值超过510亿元")
    write_scorecard(tmp_path / "demo", rows, text=SOURCE_TEXT + "修订：地区生产总值超过510亿元。\n")
    third = licheng("--config", cfg, "render", "--outputs", out)
    assert third.returncode == 0 and "1 rendered, 1 up to date, 0 failed" in third.stdout
    assert html["packaged"].stat().st_mtime_ns == mtimes["packaged"]
    assert "GDP: 510" in html["demo"].read_text(encoding="utf-8")

    forced = licheng("--config", cfg, "render", "--force", "--outputs", out)
    assert "2 rendered, 0 up to date" in forced.stdout


def test_a_deleted_output_is_rendered_again(tmp_path):
    cfg = config(tmp_path / "reports.toml", {"one": {}})
    out = tmp_path / "out"
    assert licheng("--config", cfg, "render", "--outputs", out).returncode == 0
    (out / "one" / "one.html").unlink()
    result = licheng("--config", cfg, "render", "--outputs", out)
    assert "1 rendered" in result.stdout and (out / "one" / "one.html").is_file()


def test_same_inputs_give_byte_identical_html_and_pdf(tmp_path):
    """Two full renders (kernel, HTML, Typst PDF) of the same inputs give the same bytes."""
    digests = []
    for run in ("a", "b"):
        result = licheng("render", "--force", "growth-zh", "--outputs", tmp_path / run)
        assert result.returncode == 0, result.stderr
        folder = tmp_path / run / "growth-zh"
        digests.append(((folder / "growth-zh.html").read_bytes(), (folder / "growth-zh.pdf").read_bytes()))
    assert digests[0][0] == digests[1][0], "HTML differs between two renders"
    assert digests[0][1] == digests[1][1], "PDF differs between two renders"
    from pypdf import PdfReader
    import io

    meta = PdfReader(io.BytesIO(digests[0][1])).metadata
    assert meta["/CreationDate"].startswith("D:20260128")  # the data's date, not the clock


@pytest.mark.slow  # WeasyPrint subsets the 16 MB CJK font with fontTools here: about 30 s a PDF
def test_weasyprint_gives_the_same_pdf_bytes_when_it_exports_the_same_notebook_twice(tmp_path):
    """Execution is proved deterministic above; re-exporting one executed notebook proves the engine is."""
    import nbformat

    from licheng.publishing.exporters import notebook_pdf

    result = licheng("render", "--force", "growth-zh", "--format", "html", "--outputs", tmp_path)
    assert result.returncode == 0, result.stderr
    nb = nbformat.read(tmp_path / "growth-zh" / "growth-zh.ipynb", as_version=4)
    assert notebook_pdf(nb, engine="weasyprint") == notebook_pdf(nb, engine="weasyprint")


def test_source_date_epoch_sets_the_pdf_date(tmp_path):
    result = licheng("render", "--force", "growth-en", "--format", "pdf", "--outputs", tmp_path,
                     env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert result.returncode == 0, result.stderr
    from pypdf import PdfReader

    meta = PdfReader(tmp_path / "growth-en" / "growth-en.pdf").metadata
    assert meta["/CreationDate"].startswith("D:20260101")


def test_progress_redraws_in_place_on_a_terminal():
    import io

    from licheng.publishing.progress import Progress

    stream = io.StringIO()
    p = Progress(["a", "b"], stream=stream, live=True)
    p.cell("a", 3, 10)
    p.update("b", "done in 1.0s")
    text = stream.getvalue()
    assert "executing cell 3/10" in text and "\x1b[2F" in text


def test_the_status_file_has_one_line_a_report_and_reads_back_as_written(tmp_path):
    from licheng.publishing.render import Result, load_status, save_status

    hostile = 'a "quoted"\nname, 历城'
    save_status(tmp_path, [Result("b", "small.ipynb", {"lang": "zh"}), Result(hostile, "small.ipynb", {})])
    text = (tmp_path / "status.json").read_text(encoding="utf-8")
    assert len(text.splitlines()) == 4 and text.splitlines()[2].startswith('"b": {')
    assert set(load_status(tmp_path)) == {"b", hostile} and load_status(tmp_path)["b"]["parameters"] == {"lang": "zh"}
