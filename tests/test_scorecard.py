import os
from pathlib import Path
import hashlib

import pandas as pd
import re

import pytest

from licheng import LichengError, load_reference, load_scorecard
from licheng.exceptions import ScorecardError, UnknownIndicatorError
from licheng.paths import SEEDS_DIR
from licheng.scorecard.table import COLUMNS, figure, value

from scorecard_files import DEMO_ROWS, SOURCE_TEXT, _row, write_scorecard

SEED = SEEDS_DIR / "000_b3f4c63950b13c0f.txt"


def test_seed_is_the_unchanged_source_document():
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == (
        "1932a347cd2c2880bfb10496bcfc1ac8cf51d1c43e4768f29d6df5558474bbc0")


def test_packaged_scorecard_loads_with_analysis_ready_dtypes():
    sc = load_scorecard()
    assert list(sc.columns[: len(COLUMNS)]) == list(COLUMNS)
    assert sc["value"].dtype == "float64"
    assert isinstance(sc["kind"].dtype, pd.CategoricalDtype)
    assert sc["id"].is_unique
    assert sc.attrs["region_zh"] == "历城区" and sc.attrs["source_date"] == "2026-01-28"


def test_every_note_of_the_packaged_scorecard_has_its_chinese_version():
    sc = load_scorecard()
    assert ((sc["note"] == "") == (sc["note_zh"] == "")).all()
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in n) for n in sc.loc[sc["note"] != "", "note_zh"])


def test_a_scorecard_without_note_zh_loads_with_empty_chinese_notes(tmp_path):
    sc = load_scorecard(write_scorecard(tmp_path, DEMO_ROWS))
    assert "note_zh" in sc.columns and (sc["note_zh"] == "").all()


def test_every_quote_is_verbatim_in_the_seed():
    sc = load_scorecard()
    text = SEED.read_text(encoding="utf-8")
    assert all(q in text for q in sc["quote"])


@pytest.mark.parametrize("id, expected, unit, bound, basis", [
    ("gdp", 1490, "亿元", "lower", "nominal"),
    ("gdp_growth", 5, "%", "lower", "real"),
    ("gdp_growth_avg", 5.2, "%", "exact", "real"),
    ("revenue_rank", 3, "位", "exact", "n/a"),
    ("revenue_growth_avg", 4, "%", "exact", "nominal"),
    ("fai_rank_streak", 8, "年", "exact", "n/a"),
    ("market_entities", 23.3, "万家", "lower", "n/a"),
    ("rd_intensity", 4.1, "%", "exact", "nominal"),
    ("computing_power", 2300, "P", "exact", "n/a"),
    ("china_europe_trains", 2577, "列", "exact", "n/a"),
    ("trade", 235, "亿元", "lower", "nominal"),
    ("tbm_diameter", 17.5, "米", "exact", "n/a"),
    ("urban_income", 66727, "元", "exact", "nominal"),
    ("rural_income_growth_avg", 7.1, "%", "exact", "nominal"),
    ("affordable_rental_housing", 2.7, "万套", "exact", "n/a"),
    ("industrial_va_growth_target", 7, "%", "exact", "real"),
])
def test_key_figures_have_value_unit_bound_and_basis(id, expected, unit, bound, basis):
    row = figure(load_scorecard(), id)
    assert (row["value"], row["unit"], row["bound"], row["basis"]) == (expected, unit, bound, basis)


def test_targets_are_2026_and_marked_as_targets():
    sc = load_scorecard()
    targets = sc[sc["status"] == "target"]
    assert set(targets["period"]) == {"2026"}
    assert {"industrial_va_growth_target", "tech_upgrade_projects_target",
            "tech_upgrade_investment_target", "livelihood_projects_target"} <= set(targets["id"])


def test_ambiguous_period_is_explained_in_a_note():
    note = figure(load_scorecard(), "new_market_entities")["note"]
    assert "Ambiguous" in note


def test_value_returns_percent_figures_as_fractions():
    sc = load_scorecard()
    assert value(sc, "gdp_growth_avg") == pytest.approx(0.052)
    assert value(sc, "gdp") == 1490


def test_unknown_id_error_suggests_similar_ids():
    with pytest.raises(UnknownIndicatorError, match=r"unknown indicator id 'gdp_growht'.*gdp_growth"):
        figure(load_scorecard(), "gdp_growht")


def test_user_scorecard_loads_with_its_own_source(demo_scorecard):
    sc = load_scorecard(demo_scorecard)
    assert sc.attrs["region_en"] == "Demo District"
    assert sc.attrs["source_text"] == SOURCE_TEXT
    assert len(sc) == len(DEMO_ROWS)


# Each bad file: the rows (or a broken header), and the message expected.
BAD_FILES = [
    ("missing column", dict(columns=[c for c in COLUMNS if c != "quote"]), r":1: missing column\(s\) quote"),
    ("duplicate id", dict(rows=[_row(), _row()]), r":3: column 'id': duplicate id 'gdp' \(first on line 2\)"),
    ("bad id", dict(rows=[_row(id="GDP 2025")]), r":2: column 'id': 'GDP 2025' is not a snake_case id"),
    ("value not a number", dict(rows=[_row(value="1,490")]), r":2: column 'value': '1,490' is not a number"),
    ("unknown unit", dict(rows=[_row(unit="亿")]), r":2: column 'unit': unknown unit '亿'; expected one of"),
    ("unknown kind", dict(rows=[_row(kind="stock")]), r":2: column 'kind': unknown kind 'stock'"),
    ("unknown basis", dict(rows=[_row(basis="real terms")]), r":2: column 'basis': unknown basis 'real terms'"),
    ("bad period", dict(rows=[_row(period="2025-2021")]), r":2: column 'period': '2025-2021' is not a year"),
    ("empty quote", dict(rows=[_row(quote="  ")]), r":2: column 'quote': empty"),
    ("quote not in source", dict(rows=[_row(quote="地区生产总值超过600亿元")]),
     r":2: column 'quote': '地区生产总值超过600亿元' is not found verbatim in source.txt"),
    ("value not in quote", dict(rows=[_row(value="510")]),
     r":2: column 'value': 510 is not written in its quote '地区生产总值超过500亿元'"),
    ("two regions", dict(rows=[_row(), _row(id="gdp2", region_zh="别区")]),
     r":3: column 'region_zh': '别区' differs from '示范区'"),
    ("missing source", dict(rows=[_row(source="nowhere.txt")]), r":2: column 'source': .*nowhere.txt: source text not found"),
    ("bad date", dict(rows=[_row(source_date="Jan 2026")]), r":2: column 'source_date': 'Jan 2026' is not a date"),
    ("no rows", dict(rows=[]), r"no figures"),
]


@pytest.mark.parametrize("case, spec, message", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_scorecard_gets_one_error_naming_file_line_and_column(tmp_path, case, spec, message):
    path = write_scorecard(tmp_path, spec.get("rows", [_row()]), columns=spec.get("columns"))
    with pytest.raises(ScorecardError, match=message) as err:
        load_scorecard(path)
    text = str(err.value)
    assert text.startswith(str(path)) and "\n" not in text
    assert isinstance(err.value, LichengError)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ScorecardError, match=r"nope\.csv: scorecard file not found"):
        load_scorecard(tmp_path / "nope.csv")


def test_line_numbers_count_multiline_quoted_fields(tmp_path):
    rows = [_row(note="line one\nline two"), _row(id="gdp_b", value="x")]
    path = write_scorecard(tmp_path, rows)
    with pytest.raises(ScorecardError, match=r":4: column 'value'"):
        load_scorecard(path)


def test_reference_loads_with_ordered_reliability():
    ref = load_reference()
    assert ref["reliability"].cat.ordered
    assert (ref["reliability"] >= "press").sum() < len(ref)
    assert {"entity", "indicator", "year", "value", "source", "quote"} <= set(ref.columns)


def test_bad_reference_reliability_is_named(tmp_path):
    path = tmp_path / "ref.csv"
    path.write_text("entity,indicator,year,value,unit,basis,reliability,source,quote\n"
                    "济南市,地区生产总值,2020,1,亿元,x,rumour,s,q\n", encoding="utf-8")
    with pytest.raises(ScorecardError, match=r"ref.csv:2: column 'reliability': unknown reliability 'rumour'"):
        load_reference(path)


# -- schema for any region's report --------------------------------------------------------------

@pytest.mark.parametrize("unit, quote, value, text", [
    ("项", "新增专利授权217项", "217", "新增专利授权217项。"),
    ("倍", "高新技术产业产值实现翻番", "2", "高新技术产业产值实现翻番。"),
    # found by a reviewer: "比2020年翻了一番" was refused ("2 is not written in its quote")
    ("倍", "国家高新技术企业120家以上，比2020年翻了一番", "2", "国家高新技术企业120家以上，比2020年翻了一番。"),
    ("倍", "工业总产值比2020年翻了两番", "4", "工业总产值比2020年翻了两番。"),
    ("个百分点", "占比提高6.8个百分点", "6.8", "占比提高6.8个百分点。"),
    ("万平方米", "改造1200万平方米左右", "1200", "改造1200万平方米左右。"),
    ("亿美元", "进出口总额突破300亿美元", "300", "进出口总额突破300亿美元。"),
    ("%", "占比三成", "30", "占比三成。"),
    # found by a reviewer and in an earlier note: 天 and 人次 were not units
    ("天", "空气质量优良天数达到318天", "318", "空气质量优良天数达到318天。"),
    ("万人次", "接待游客1200万人次", "1200", "接待游客1200万人次。"),
])
def test_units_of_real_reports_and_figures_written_in_words_load(tmp_path, unit, quote, value, text):
    from licheng.figures.numbers import qualifier_of

    word, bound = qualifier_of(float(value), quote)  # 左右, 突破: the row says what its quote writes
    path = write_scorecard(tmp_path, [_row(unit=unit, quote=quote, value=value, qualifier=word, bound=bound)],
                           text=text)
    assert load_scorecard(path)["unit"].iloc[0] == unit


@pytest.mark.parametrize("date", ["2026", "2026-01", "2026-01-28"])
def test_a_data_date_may_be_a_year_a_month_or_a_day(tmp_path, date):
    sc = load_scorecard(write_scorecard(tmp_path, [_row(source_date=date)]))
    assert sc.attrs["source_date"] == date


def test_old_scorecards_without_the_new_columns_keep_loading_with_safe_defaults(demo_scorecard):
    sc = load_scorecard(demo_scorecard)
    assert sc.attrs["source_kind"] == "work_report"
    assert sc.attrs["city_zh"] == sc.attrs["province_zh"] == ""


def test_the_packaged_scorecard_declares_where_licheng_sits():
    sc = load_scorecard()
    assert (sc.attrs["city_zh"], sc.attrs["province_en"], sc.attrs["source_kind"]) == ("济南市", "Shandong", "news_report")


def test_decimals_are_kept_as_written():
    sc = load_scorecard().set_index("id")
    assert sc.loc["revenue_growth_avg", "digits"] == 0 and sc.loc["rd_intensity", "digits"] == 1


HOSTILE_READS = [
    ("a device", lambda d: Path("/dev/zero"), r"/dev/zero: the scorecard file is not a regular file"),
    ("a folder", lambda d: d, r"the scorecard file is not a regular file"),
    ("GBK text", lambda d: _gbk(d), r"not UTF-8 text .*looks like GBK: save it as UTF-8"),
    ("too large", lambda d: _large(d), r"licheng reads at most"),
]


def _gbk(folder):
    path = write_scorecard(folder, [_row()])
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    return path


def _large(folder):
    path = folder / "big.csv"
    with path.open("wb") as f:
        f.truncate(6_000_000)
    return path


@pytest.mark.parametrize("case, make, message", HOSTILE_READS, ids=[c[0] for c in HOSTILE_READS])
def test_only_bounded_regular_utf8_files_are_read(tmp_path, case, make, message):
    with pytest.raises(ScorecardError, match=message):
        load_scorecard(make(tmp_path))


def test_a_fifo_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(ScorecardError, match="not a regular file"):
        load_scorecard(fifo)


@pytest.mark.parametrize("source", ["/etc/passwd", "../../../../../../etc/passwd", "../outside.txt"])
def test_a_source_text_outside_the_scorecards_folder_is_refused_and_not_read(tmp_path, source):
    (tmp_path / "outside.txt").write_text("地区生产总值超过500亿元", encoding="utf-8")
    path = write_scorecard(tmp_path / "sc", [_row(source=source, quote="root")])
    with pytest.raises(ScorecardError, match=r"column 'source': .* is outside the scorecard's folder") as err:
        load_scorecard(path)
    assert "root" not in str(err.value).split("outside")[1]  # says nothing about the file's content


def test_a_source_folder_named_by_the_user_is_allowed(tmp_path, monkeypatch):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "report.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = write_scorecard(tmp_path / "sc", [_row(source="../texts/report.txt")])
    monkeypatch.setenv("LICHENG_SOURCE_DIRS", str(tmp_path / "texts"))
    assert len(load_scorecard(path)) == 1


def test_a_row_with_too_few_fields_is_blamed_on_its_missing_fields_not_on_the_region(tmp_path):
    path = write_scorecard(tmp_path, [_row()])
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(lines[0] + "\n" + lines[1].rsplit(",", 3)[0] + "\n", encoding="utf-8")
    with pytest.raises(ScorecardError, match=r":2: 15 fields, but the header has 18 columns \(no value for "
                                             r"region_en, source, source_date\)"):
        load_scorecard(path)


@pytest.mark.parametrize("text", ["Demo\x07District", "\u202eevil", "a\x1bb", "a\x85b",
                                  "1490\u200f", "\u200eGDP", "GDP\u061c"])  # bidi marks reorder what a reader sees
def test_control_characters_and_bidi_overrides_are_refused_by_name(tmp_path, text):
    path = write_scorecard(tmp_path, [_row(name_en=text)])
    with pytest.raises(ScorecardError, match=r":2: column 'name_en': contains the control character U\+"):
        load_scorecard(path)


def test_a_decline_is_recorded_as_a_negative_value_written_after_its_word(tmp_path):
    rows = [_row(id="gdp_growth", value="-2.5", unit="%", kind="yoy_growth", qualifier="下降", bound="exact",
                 quote="地区生产总值下降2.5%")]
    assert load_scorecard(write_scorecard(tmp_path, rows, text="地区生产总值下降2.5%。"))["value"].iloc[0] == -2.5
    rows[0]["quote"] = "地区生产总值增长2.5%"
    with pytest.raises(ScorecardError, match=r"column 'value': -2.5 is not written in its quote"):
        load_scorecard(write_scorecard(tmp_path / "b", rows, text="地区生产总值增长2.5%。"))


def test_a_decline_recorded_as_a_positive_growth_is_refused(tmp_path):
    rows = [_row(id="gdp_growth", value="2.5", unit="%", kind="yoy_growth", qualifier="", bound="exact",
                 quote="地区生产总值下降2.5%")]
    with pytest.raises(ScorecardError, match=r"column 'value': 2.5 follows a word of decline .*record the decline as -2.5"):
        load_scorecard(write_scorecard(tmp_path, rows, text="地区生产总值下降2.5%。"))


@pytest.mark.parametrize("change, message", [
    # found by a reviewer: a floor recorded as a ceiling, 以上 as exact, and 预计 as an outcome all loaded
    ({"bound": "upper"}, r"scorecard.csv:2: column 'bound': 'upper', but its quote writes 超过 by 500, which makes it 'lower'"),
    ({"bound": "exact"}, r"scorecard.csv:2: column 'bound': 'exact', but its quote writes 超过 by 500"),
    ({"quote": "预计地区生产总值超过500亿元"}, r"scorecard.csv:2: column 'status': 'outcome', but its quote says 预计"),
])
def test_a_bound_or_status_the_quote_contradicts_is_refused(tmp_path, change, message):
    row = _row(**change)
    with pytest.raises(ScorecardError, match=message):
        load_scorecard(write_scorecard(tmp_path, [row], text="示范区预计地区生产总值超过500亿元。"))
    row.update(status="estimate") if "quote" in change else row.update(bound="lower")
    assert len(load_scorecard(write_scorecard(tmp_path / "fixed", [row], text="示范区预计地区生产总值超过500亿元。"))) == 1


def test_a_render_on_a_scorecard_whose_bound_its_quote_contradicts_exits_2_with_one_line(tmp_path):
    from cli_runner import licheng

    path = write_scorecard(tmp_path, [_row(bound="upper")], text="示范区地区生产总值超过500亿元。")
    result = licheng("render", "scorecard-en", "-p", f"scorecard={path}", "--outputs", tmp_path / "out")
    lines = [l for l in result.stderr.splitlines() if l.startswith("licheng: error:")]
    assert result.returncode == 2 and len(lines) == 1, result.stderr
    assert "scorecard.csv:2: column 'bound': 'upper', but its quote writes 超过 by 500" in lines[0]
    assert not (tmp_path / "out").exists()  # a render refused before it began leaves no empty folder behind


@pytest.mark.parametrize("row, text, message", [
    # found by a reviewer: each of these loaded, and a share entered the growth ranking as a 81.5 %
    # average annual rate
    (dict(id="share_x", value="5.2", unit="%", kind="change", qualifier="", bound="exact", basis="n/a",
          quote="占比提高5.2个百分点"), "占比提高5.2个百分点。", "column 'unit': '%', but its quote writes 5.2个百分点"),
    (dict(id="tax_share", value="81.5", unit="%", kind="average_growth", qualifier="达到", bound="exact", basis="n/a",
          quote="税收收入占比达到81.5%"), "税收收入占比达到81.5%。", "column 'kind': 'average_growth', but its quote"),
    (dict(id="gdp_rank", value="2", unit="位", kind="level", qualifier="", bound="exact", basis="n/a",
          quote="经济总量位居全市第2位"), "经济总量位居全市第2位。", "column 'kind': 'level' with the unit '位'"),
    (dict(id="gdp_growth_target", value="5", unit="%", kind="yoy_growth", period="2026", qualifier="", bound="exact",
          basis="real", quote="地区生产总值增长5%"), "2026年地区生产总值增长5%。",
     "column 'status': 'outcome' for 2026, in a report dated 2026-02-01"),
])
def test_a_unit_kind_or_status_the_row_cannot_have_is_refused(tmp_path, row, text, message):
    with pytest.raises(ScorecardError, match=re.escape(message)):
        load_scorecard(write_scorecard(tmp_path, [_row(**row)], text=text))


def test_a_scorecard_read_again_is_a_fresh_copy_and_any_change_to_its_files_is_seen(tmp_path):
    """Loaded tables are kept by file (the fork server's kernels start with them): the same text gives an
    equal, independent table; a change to the CSV or to its source text, even of the same size within the
    same clock tick, is read and checked again."""
    path = write_scorecard(tmp_path, DEMO_ROWS)
    first = load_scorecard(path)
    first.loc[0, "value"] = -1.0  # the caller's own copy
    again = load_scorecard(path)
    assert again.loc[0, "value"] == 500.0 and again is not first
    pd.testing.assert_frame_equal(again, load_scorecard(path))
    text = path.read_text(encoding="utf-8")
    assert ",GDP," in text
    path.write_text(text.replace(",GDP,", ",GRP,", 1), encoding="utf-8")
    assert load_scorecard(path).loc[0, "name_en"] == "GRP"
    (tmp_path / "source.txt").write_text(SOURCE_TEXT.replace("500", "501"), encoding="utf-8")
    with pytest.raises(ScorecardError, match="quote"):  # the quote is no longer in the changed source
        load_scorecard(path)
    reference = load_reference()
    reference.loc[0, "value"] = -1.0
    assert load_reference().loc[0, "value"] != -1.0


def test_a_kept_scorecard_is_checked_again_where_its_source_folders_mean_another_place(tmp_path, monkeypatch):
    """A relative LICHENG_SOURCE_DIRS names another folder from another working folder (a kernel runs in
    notebooks/): the table kept from one folder is not handed out in the other."""
    path = write_scorecard(tmp_path / "data", DEMO_ROWS)
    (tmp_path / "srcs").mkdir()
    (tmp_path / "data" / "source.txt").rename(tmp_path / "srcs" / "source.txt")
    path.write_text(path.read_text(encoding="utf-8").replace(",source.txt,", ",../srcs/source.txt,"), encoding="utf-8")
    monkeypatch.setenv("LICHENG_SOURCE_DIRS", "srcs")
    monkeypatch.chdir(tmp_path)
    assert load_scorecard(path).attrs["source_path"] == str(tmp_path / "srcs" / "source.txt")
    monkeypatch.chdir(tmp_path / "data")  # here "srcs" is data/srcs, which does not hold the source
    with pytest.raises(ScorecardError, match="outside the scorecard's folder"):
        load_scorecard(path)


def test_a_link_to_a_kept_scorecard_is_checked_as_its_own_file(tmp_path):
    """A scorecard's source is found beside the path it is loaded by: a link elsewhere is its own file."""
    target = write_scorecard(tmp_path / "a", DEMO_ROWS)
    (tmp_path / "b").mkdir()
    link = tmp_path / "b" / "link.csv"
    link.symlink_to(target)
    load_scorecard(target)
    with pytest.raises(ScorecardError, match="source"):
        load_scorecard(link)
    assert load_scorecard(target.parent / ".." / "a" / "scorecard.csv").attrs["path"] == str(
        target.parent / ".." / "a" / "scorecard.csv")  # the path as the caller gave it


@pytest.mark.parametrize("text", ["Jinan\u202e", "济南\u200f", "a\x1bb"])
def test_a_reference_file_with_control_or_bidi_characters_is_refused_by_line_and_column(tmp_path, text):
    from licheng.paths import REFERENCE_CSV

    lines = REFERENCE_CSV.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "reference.csv"
    path.write_text("\n".join([lines[0], lines[1].replace("济南", text, 1) if "济南" in lines[1]
                               else text + lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(ScorecardError, match=r"reference.csv:2: column '\w+': contains the control character U\+"):
        load_reference(path)


def test_a_column_named_twice_in_a_header_is_refused(tmp_path):
    """csv kept the last of two `value` columns and pandas renamed the second `value.1`: either way a guess."""
    path = write_scorecard(tmp_path, DEMO_ROWS)
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0] + ",name_en"] + [line + ",X" for line in lines[1:]]) + "\n", encoding="utf-8")
    with pytest.raises(ScorecardError, match=r"scorecard.csv:1: column 'name_en' appears twice in the header"):
        load_scorecard(path)
    from licheng.paths import REFERENCE_CSV

    ref = tmp_path / "reference.csv"
    lines = REFERENCE_CSV.read_text(encoding="utf-8").splitlines()
    ref.write_text("\n".join([lines[0] + ",value"] + [line + ",1" for line in lines[1:3]]) + "\n", encoding="utf-8")
    with pytest.raises(ScorecardError, match=r"reference.csv:1: column 'value' appears twice in the header"):
        load_reference(ref)


def test_spreadsheet_habits_still_load_empty_trailing_columns_and_windows_line_breaks(tmp_path):
    """Excel saves trailing empty columns (two empty header names are no column named twice) and CRLF line
    ends, also inside a quoted cell (found by a reviewer of the checks above)."""
    from licheng.paths import REFERENCE_CSV

    path = write_scorecard(tmp_path, DEMO_ROWS)
    text = path.read_text(encoding="utf-8").replace("年均增长6%", "年均增长6%")
    path.write_bytes(("\r\n".join(line + ",," for line in text.splitlines()) + "\r\n").encode("utf-8-sig"))
    assert len(load_scorecard(path)) == len(DEMO_ROWS)
    lines = REFERENCE_CSV.read_text(encoding="utf-8").splitlines()
    header, row = lines[0], lines[1]
    fields = row.split(",")
    fields[-1] = '"' + fields[-1].strip('"') + '\r\n(continued)"'
    ref = tmp_path / "reference.csv"
    ref.write_bytes(("\r\n".join([header + ",,", ",".join(fields) + ",,"]) + "\r\n").encode("utf-8-sig"))
    assert len(load_reference(ref)) == 1


def test_a_source_text_with_invisible_direction_marks_is_quoted_as_a_reader_sees_it(tmp_path):
    """A quote may not hold U+200E, and had to be verbatim in a source that did: no row could quote
    that sentence (found by a reviewer)."""
    path = write_scorecard(tmp_path, DEMO_ROWS, text=SOURCE_TEXT.replace("地区生产总值超过", "地区生产总值\u200e超过"))
    sc = load_scorecard(path)
    assert sc.loc[0, "quote"] == "地区生产总值超过500亿元" and "\u200e" not in sc.attrs["source_text"]
    assert load_scorecard(path).attrs["source_text"] == sc.attrs["source_text"]  # kept: the same source


def test_a_reference_error_names_the_line_its_row_starts_on_after_a_cell_of_several_lines(tmp_path):
    from licheng.paths import REFERENCE_CSV

    lines = REFERENCE_CSV.read_text(encoding="utf-8").splitlines()
    fields = lines[1].split(",")
    fields[-1] = '"' + fields[-1].strip('"') + '\nsecond line\nthird line"'
    bad = lines[2].split(",")
    bad[3] = "lots"  # the value column
    ref = tmp_path / "reference.csv"
    ref.write_text("\n".join([lines[0], ",".join(fields), ",".join(bad)]) + "\n", encoding="utf-8")
    with pytest.raises(ScorecardError, match=r"reference.csv:5: column 'value': 'lots' is not a number"):
        load_reference(ref)
