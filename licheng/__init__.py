"""licheng: analytical reports on the economy of 历城区 (Licheng District, Jinan)."""
from licheng.exceptions import LichengError

__all__ = ["LichengError", "load_reference", "load_scorecard"]
__version__ = "0.1.0"


def __getattr__(name):
    # Loaded on first use, so that `licheng render` with nothing to do never imports pandas.
    if name in ("load_scorecard", "load_reference"):
        from licheng.scorecard import table

        return getattr(table, name)
    raise AttributeError(f"module 'licheng' has no attribute {name!r}")
