"""licheng: analytical reports on the economy of 历城区 (Licheng District, Jinan)."""
from .exceptions import LichengError
from .scorecard import load_reference, load_scorecard

__all__ = ["LichengError", "load_reference", "load_scorecard"]
__version__ = "0.1.0"
