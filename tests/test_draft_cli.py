"""`licheng draft` from the command line (in process): the CSV, the lenient and strict loads,
--explain, --review, and one clear line with exit code 2 for bad input."""
import html.parser
import io
import shutil
import warnings
from pathlib import Path

import pytest

from licheng import load_scorecard
from licheng.contract import CSP
from licheng.exceptions import ScorecardError
from licheng.publishing import cli

SEED = Path(load_scorecard().attrs["source_path"])


@pytest.fixture
def seed_copy(tmp_path):
    source = tmp_path / "report.txt"
    shutil.copy(SEED, source)
    return source


def run(*args):
    return cli.main(["draft", *map(str, args)])


def test_the_draft_loads_leniently_with_a_warning_and_strictly_once_reviewed(seed_copy, tmp_path, capsys):
    out = tmp_path / "draft.csv"
    assert run(seed_copy, "-o", out, "--region", "历城区", "--region-en", "Licheng District") == 0
    assert "drafted 58 figures" in capsys.readouterr().err
    with pytest.raises(ScorecardError, match=r"draft.csv:\d+: column 'review': .* not yet reviewed"):
        load_scorecard(out)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sc = load_scorecard(out, lenient=True)
    assert len(sc) == 58 and "not yet reviewed" in str(caught[0].message)
    assert sc.attrs["region_zh"] == "历城区" and sc.attrs["source_date"] == "2026"
    # a person reviews: empties every review cell (here, blindly); the strict load then accepts it
    import csv
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    for r in rows:
        r["review"] = ""
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    assert len(load_scorecard(out)) == 58


def test_the_draft_goes_to_standard_output_by_default(seed_copy, capsys):
    assert run(seed_copy, "--date", "2026-01-28") == 0
    out = capsys.readouterr().out
    assert out.startswith("id,theme,name_zh,name_en,value,unit,") and ",confidence,review\n" in out.splitlines()[0] + "\n"
    assert ("gdp,economy,地区生产总值,GDP,1490,亿元,2025,level,estimate,超过,lower,nominal,"
            "经济总量连跨四个百亿级台阶，预计2025年超过1490亿元,") in out


def test_explain_lists_each_number_left_out_with_its_reason(seed_copy, tmp_path, capsys):
    assert run(seed_copy, "-o", tmp_path / "d.csv", "--explain") == 0
    err = capsys.readouterr().err
    assert "numbers left out" in err
    assert "1905" in err and "第十九届" in err and "十四五" in err and "repeats 2.7万套" in err


def test_the_review_page_links_each_figure_to_its_row_and_greys_the_rest(seed_copy, tmp_path):
    page = tmp_path / "review.html"
    assert run(seed_copy, "-o", tmp_path / "d.csv", "--review", page) == 0
    text = page.read_text(encoding="utf-8")
    assert f'content="{CSP}"' in text
    assert 'href="#row-gdp"' in text and 'id="row-gdp"' in text and 'href="#fig-gdp"' in text
    assert 'class="skip" title="a date"' in text


def test_text_from_the_source_is_inert_on_the_review_page_and_in_the_csv(tmp_path, capsys):
    source = tmp_path / "hostile.txt"
    source.write_text('2026年政府工作报告\n<script>alert(1)</script>"onmouseover=x "全区地区生产总值达到98.7亿元，'
                      '<img src=x onerror=alert(2)>新增就业1.2万人。', encoding="utf-8")
    page = tmp_path / "r.html"
    assert run(source, "-o", tmp_path / "d.csv", "--review", page, "--region", "=HYPERLINK(\"x\")") == 0
    tags = []

    class Tags(html.parser.HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append((tag, dict(attrs)))

    Tags().feed(page.read_text(encoding="utf-8"))
    assert not {t for t, _ in tags} & {"script", "img"}
    assert not any(k.startswith("on") for _, a in tags for k in a)
    assert "'=HYPERLINK" in (tmp_path / "d.csv").read_text(encoding="utf-8")


def test_a_gbk_source_is_read_with_a_note_and_a_utf8_copy_is_the_source(seed_copy, tmp_path, capsys):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(seed_copy.read_text(encoding="utf-8").encode("gbk"))
    out = tmp_path / "d.csv"
    assert run(gbk, "-o", out) == 0
    assert "is GBK text" in capsys.readouterr().err
    with pytest.warns(UserWarning, match="not yet reviewed"):
        assert len(load_scorecard(out, lenient=True)) == 58


@pytest.mark.parametrize("make, args, message", [
    (lambda d: d / "missing.txt", [], r"missing.txt: source text not found"),
    (lambda d: _bytes(d, b"\xff\xfe\x00\x81" * 10), [], r"bad.txt: the source text is neither UTF-8 nor GBK"),
    (lambda d: _bytes(d, "年".encode() * 100), ["--date", "2026-13"], r"--date '2026-13': not a date"),
    (lambda d: _bytes(d, "全区地区生产总值达到98.7亿元".encode()), [], r"--date: the text names no year"),
    (lambda d: d, [], r"is not a regular file"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, make, args, message):
    import re

    assert run(make(tmp_path), *args) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and re.search(message, err), err


def test_a_source_too_big_is_refused(tmp_path, capsys, monkeypatch):
    import licheng.drafting.command as command

    monkeypatch.setattr(command, "MAX_FILE_BYTES", 100)
    assert run(_bytes(tmp_path, "年".encode() * 100)) == 2
    assert "has 300 bytes; licheng reads at most 100" in capsys.readouterr().err


def _bytes(folder, data):
    path = folder / "bad.txt"
    path.write_bytes(data)
    return path


def test_a_draft_never_overwrites_its_source_or_writes_half_its_outputs(seed_copy, tmp_path, capsys):
    # found by a hostile probe: -o report.txt replaced the source text with the CSV, -o x --review x
    # overwrote the CSV with the page, and --review into a missing folder exited 2 after writing -o
    original = seed_copy.read_bytes()
    out = tmp_path / "draft.csv"
    for args, says in (((seed_copy, "-o", seed_copy), "that is the source text"),
                       ((seed_copy, "-o", out, "--review", out), "-o and --review name the same file"),
                       ((seed_copy, "-o", out, "--review", tmp_path / "missing" / "r.html"), "does not exist")):
        assert run(*args) == 2
        err = capsys.readouterr().err
        assert says in err and len([l for l in err.splitlines() if l.startswith("licheng: error:")]) == 1, err
    assert seed_copy.read_bytes() == original and not out.exists()
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(original.decode("utf-8").encode("gbk"))
    (tmp_path / "report2.source.txt").write_text("someone else's text", encoding="utf-8")
    assert run(gbk, "-o", tmp_path / "report2.csv") == 2
    assert "already holds another text" in capsys.readouterr().err
    assert (tmp_path / "report2.source.txt").read_text(encoding="utf-8") == "someone else's text"


def test_a_source_with_invisible_direction_marks_drafts_quotes_that_load(tmp_path, capsys):
    """A web page's copy may hold U+200E/U+200F: the draft quotes the sentence as a reader sees it,
    and its scorecard loads (a quote holding a mark is refused)."""
    source = tmp_path / "report.txt"
    text = SEED.read_text(encoding="utf-8")
    source.write_text(text.replace("亿元", "\u200f亿元\u200e"), encoding="utf-8")
    out = tmp_path / "draft.csv"
    assert run(source, "-o", out, "--region", "历城区", "--region-en", "Licheng District") == 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sc = load_scorecard(out, lenient=True)
    assert len(sc) == 58 and not sc["quote"].str.contains("[\u200e\u200f]").any()
