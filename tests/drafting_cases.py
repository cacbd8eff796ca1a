"""The texts licheng draft is scored on, each with the scorecard a person made from it: the seed
(the packaged scorecard), the two drafting fixtures and the other regions' fixtures. One list for
the quality tests (tests/test_draft_quality.py) and make bench-draft (benchmarks/draft_bench.py)."""
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
#: name -> the hand-made scorecard CSV (None: the packaged one, on the seed)
CASES = {
    "seed": None,
    "qinghe": FIXTURES / "drafting" / "qinghe" / "scorecard.csv",
    "yunxi": FIXTURES / "drafting" / "yunxi" / "scorecard.csv",
    "nanshan": FIXTURES / "nanshan" / "scorecard.csv",
    "targets_only": FIXTURES / "targets_only" / "scorecard.csv",
    "minimal": FIXTURES / "minimal" / "scorecard.csv",
}
