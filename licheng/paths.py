"""Every path licheng uses, defined once, relative to the project root."""
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"
SCORECARD_CSV = DATA_DIR / "scorecard.csv"
REFERENCE_CSV = DATA_DIR / "reference.csv"
UNITS_CSV = DATA_DIR / "units.csv"
INDICATORS_CSV = DATA_DIR / "indicators.csv"
AUDIT_EXCLUSIONS_CSV = DATA_DIR / "audit_exclusions.csv"
SEEDS_DIR = ROOT / "seeds"
NOTEBOOKS_DIR = ROOT / "notebooks"
OUTPUTS_DIR = ROOT / "outputs"
REPORTS_TOML = NOTEBOOKS_DIR / "reports.toml"
