from licheng import load_scorecard
from licheng.scorecard.audit import coverage, load_exclusions

from scorecard_files import DEMO_ROWS, SOURCE_TEXT, write_scorecard


def test_packaged_scorecard_covers_every_figure_of_the_seed():
    audit = coverage(load_scorecard())
    missing = audit[audit["status"] == "missing"]
    assert missing.empty, missing.to_string()
    covering = {id for ids in audit["by"][audit["status"] == "covered"] for id in ids.split(", ")}
    assert covering == set(load_scorecard()["id"])  # and every row is a figure of the seed


def test_every_exclusion_is_in_the_seed_and_used():
    sc = load_scorecard()
    text = sc.attrs["source_text"]
    audit = coverage(sc)
    for row in load_exclusions().itertuples():
        assert row.fragment in text, row.fragment
        assert row.reason in set(audit["by"]), f"exclusion never used: {row.fragment}"


def test_audit_finds_chinese_number_formats():
    audit = coverage(load_scorecard())
    found = set(audit["text"])
    assert {"1490亿元", "3.4万家", "5.2%", "2577列", "17.5米", "29平方公里", "第三位", "八年", "首位"} <= found


def test_a_figure_added_to_the_source_is_reported_missing(tmp_path):
    text = SOURCE_TEXT + "新增就业岗位1.2万个。\n"
    sc = load_scorecard(write_scorecard(tmp_path, DEMO_ROWS, text=text))
    audit = coverage(sc)
    missing = audit[audit["status"] == "missing"]
    assert "1.2万个" in set(missing["text"])


def test_a_number_in_a_quote_with_another_value_is_not_covered(tmp_path):
    sc = load_scorecard(write_scorecard(tmp_path, DEMO_ROWS))
    audit = coverage(sc).set_index("text")
    assert audit.loc["500亿元", "status"] == "covered"
    assert audit.loc["2025年", "status"] == "missing"  # a year inside no quote, no exclusion


def test_a_decline_recorded_as_a_negative_value_covers_the_number_written_after_its_word():
    # found by a reviewer on jinxi: 下降3.2% (row -3.2) and 降低2.5% (row -2.5) were counted missing
    from pathlib import Path

    from licheng import load_scorecard
    from licheng.scorecard.audit import coverage

    audit = coverage(load_scorecard(Path(__file__).parent / "fixtures" / "jinxi" / "scorecard.csv"))
    declines = audit[audit["text"].isin(["3.2%", "2.5%"])]
    assert len(declines) == 2 and set(declines["status"]) == {"covered"}, declines
