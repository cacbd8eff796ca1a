"""Small scorecard files written for a test: rows, a source text and a writer."""
import csv
from pathlib import Path

from licheng.paths import SCORECARD_CSV
from licheng.scorecard.table import COLUMNS

SOURCE_TEXT = (
    "示范区2025年地区生产总值超过500亿元，同比增长5%以上，年均增长6%。"
    "城乡居民人均可支配收入分别达到50000元、25000元，年均增长5%、7%。\n"
)


def _row(**kw):
    base = dict(
        id="gdp", theme="economy", name_zh="地区生产总值", name_en="GDP", value="500", unit="亿元",
        period="2025", kind="level", status="outcome", qualifier="超过", bound="lower", basis="nominal",
        quote="地区生产总值超过500亿元", note="", region_zh="示范区", region_en="Demo District",
        source="source.txt", source_date="2026-02-01",
    )
    base.update(kw)
    return base


DEMO_ROWS = [
    _row(),
    _row(id="gdp_growth_avg", name_zh="地区生产总值年均增速", name_en="GDP average growth", value="6",
         unit="%", period="2021-2025", kind="average_growth", qualifier="", bound="exact", basis="real",
         quote="年均增长6%"),
    _row(id="urban_income", theme="livelihood", name_zh="城镇居民人均可支配收入", name_en="Urban income",
         value="50000", unit="元", qualifier="达到", bound="exact",
         quote="城乡居民人均可支配收入分别达到50000元、25000元"),
    _row(id="rural_income", theme="livelihood", name_zh="农村居民人均可支配收入", name_en="Rural income",
         value="25000", unit="元", qualifier="达到", bound="exact",
         quote="城乡居民人均可支配收入分别达到50000元、25000元"),
]


def write_scorecard(folder: Path, rows, *, text: str = SOURCE_TEXT, name="scorecard.csv",
                    columns=None) -> Path:
    """Write a scorecard CSV and its source text into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "source.txt").write_text(text, encoding="utf-8")
    path = folder / name
    columns = columns or list(COLUMNS)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path
