"""Shared fixtures."""
import csv
from pathlib import Path

import pytest

from licheng.paths import SCORECARD_CSV
from scorecard_files import DEMO_ROWS, write_scorecard


@pytest.fixture
def demo_scorecard(tmp_path) -> Path:
    """A small scorecard of another region, with its own source text."""
    return write_scorecard(tmp_path / "demo", DEMO_ROWS)


@pytest.fixture
def packaged_rows():
    with SCORECARD_CSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))
