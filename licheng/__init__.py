"""licheng: analytical reports on the economy of 历城区 (Licheng District, Jinan)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from licheng.exceptions import LichengError

if TYPE_CHECKING:  # for type checkers and editors; at run time they load on first use (below)
    from licheng.scorecard.table import load_reference, load_scorecard

__all__ = ["LichengError", "load_reference", "load_scorecard"]
#: The one place the version is written (pyproject.toml reads it from here).
__version__ = "0.1.0"

_LAZY = ("load_scorecard", "load_reference")


def __getattr__(name: str) -> Any:
    # Loaded on first use, so that `licheng render` with nothing to do never imports pandas.
    if name in _LAZY:
        from licheng.scorecard import table

        return getattr(table, name)
    raise AttributeError(f"module 'licheng' has no attribute {name!r}")


def __dir__() -> list[str]:
    # dir(licheng) and tab completion show the public names, the lazy ones included.
    return sorted({*__all__, "__version__", *(n for n in globals() if n.startswith("__"))})
