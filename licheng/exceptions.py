"""The licheng exception family.

Every error a user can cause derives from :class:`LichengError` and carries a
one-line message that says what is wrong and where (file and line, parameter,
notebook cell), so that a command line or a log shows what to fix.
"""


#: The most of a value an error message repeats: the line says what is wrong, not the whole value.
MAX_SHOWN = 80


def shown(value) -> str:
    """``repr(value)`` as an error message repeats it: cut to :data:`MAX_SHOWN` characters, with
    its length said."""
    text = repr(value)
    return text if len(text) <= MAX_SHOWN else f"{text[:MAX_SHOWN - 1]}… ({len(text):,} characters)"


class LichengError(Exception):
    """Root of every error licheng raises on bad input."""

    def _render_traceback_(self):
        # IPython shows this instead of a traceback: in a notebook, and in
        # papermill's error report, the error is the one line that says what to fix.
        return [f"{type(self).__name__}: {self}"]


class ScorecardError(LichengError):
    """A scorecard or reference file is missing, malformed or inconsistent."""


class UnknownIndicatorError(LichengError, KeyError):
    """An indicator id that is not in the scorecard."""

    def __str__(self):  # KeyError would wrap the message in quotes
        return str(self.args[0]) if self.args else ""


class ParameterError(LichengError):
    """A notebook or report parameter has a wrong name, type or value."""


class RenderError(LichengError):
    """A report could not be executed, exported or checked."""


class MissingFiguresError(UnknownIndicatorError):
    """A computation needs figures that this scorecard does not have."""

    def __init__(self, ids, what: str = ""):
        self.ids = tuple(ids)
        super().__init__(
            f"{what + ' needs' if what else 'needs'} figure(s) {', '.join(self.ids)}, "
            "which this scorecard does not have"
        )


def closest(word: str, choices, n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The ``n`` choices most like ``word``, best first: the one place "did you mean" hints come from."""
    import difflib

    return difflib.get_close_matches(str(word), [str(c) for c in choices], n=n, cutoff=cutoff)
