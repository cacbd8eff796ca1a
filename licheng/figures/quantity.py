"""A figure that carries its qualifiers through the maths.

A scorecard value is rarely just a number: 超过1490亿元 is a floor, 预计 makes
it an estimate, 8%左右 is approximate, and GDP growth is real while revenue
growth is nominal. :class:`Q` holds the number with all of that, and every
computation on ``Q`` values passes it on:

- a result that rises with an input that is a floor is a floor; one that
  falls with it is a ceiling (and the other way round for a ceiling);
- inputs that push the result in opposite directions, or an approximate
  input, make the result approximate;
- anything computed from an estimate is an estimate;
- real and nominal inputs together give a ``mixed`` basis unless the caller
  names the basis of the result (a deflator, say).

The direction of each input is declared (``signs``) rather than probed
numerically, so that step functions such as "thresholds crossed" or "the year
a level is reached" get the right bound too.

Examples
--------
>>> gdp = Q(1490, "亿元", bound="lower", status="estimate", basis="nominal", inputs=("gdp",))
>>> base = Q(1020, "亿元", basis="nominal", inputs=("ref:gdp2020",))
>>> from licheng.analysis import growth
>>> r = derive(growth.cagr, base, gdp, 5, signs=(-1, +1, 0), unit="fraction")
>>> round(r.value, 4), r.bound, r.status, r.basis, r.inputs
(0.0787, 'lower', 'estimate', 'nominal', ('ref:gdp2020', 'gdp'))
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

BOUNDS = ("exact", "lower", "upper", "approximate")
STATUSES = ("outcome", "estimate", "target")
_FLIP = {"lower": "upper", "upper": "lower"}


@dataclass(frozen=True)
class Q:
    """A number with its unit, bound, status, basis, precision and inputs.

    ``unit`` is a source unit (亿元, %, 元 ...) or one of the units of
    computed values: ``fraction`` (a rate, 0.052), ``pp`` (a difference of
    rates, as a fraction), ``ratio``, ``years``, ``year``, ``count``.
    ``digits`` is the number of decimals written in the source (None: the
    formatter chooses). ``inputs`` names the scorecard ids and reference keys
    the value comes from.
    """

    value: float
    unit: str = ""
    bound: str = "exact"
    status: str = "outcome"
    basis: str = "n/a"
    digits: int | None = None
    inputs: tuple = ()
    qualifier: str = ""

    def __post_init__(self):
        if self.bound not in BOUNDS:
            raise ValueError(f"bound {self.bound!r}; expected one of {', '.join(BOUNDS)}")
        if self.status not in STATUSES:
            raise ValueError(f"status {self.status!r}; expected one of {', '.join(STATUSES)}")

    # -- what a reader must be told ------------------------------------------
    @property
    def exact(self) -> bool:
        return self.bound == "exact" and self.status != "estimate"

    def rate(self) -> "Q":
        """A figure in % as a fraction (5.2 % → 0.052), its qualifiers kept."""
        if self.unit != "%":
            return self
        digits = None if self.digits is None else self.digits + 2
        return replace(self, value=self.value / 100, unit="fraction", digits=digits)

    def __float__(self) -> float:
        return float(self.value)

    # -- arithmetic that carries the qualifiers ------------------------------
    def __add__(self, other):
        return derive(lambda a, b: a + b, self, other, signs=(1, 1), unit=self.unit)

    def __radd__(self, other):
        return derive(lambda a, b: a + b, other, self, signs=(1, 1), unit=self.unit)

    def __sub__(self, other):
        unit = "pp" if self.unit == "fraction" and _unit(other) == "fraction" else self.unit
        return derive(lambda a, b: a - b, self, other, signs=(1, -1), unit=unit)

    def __rsub__(self, other):
        return derive(lambda a, b: a - b, other, self, signs=(1, -1), unit=self.unit)

    def __mul__(self, other):
        return derive(lambda a, b: a * b, self, other,
                      signs=(sign(_value(other)), sign(self.value)), unit=self.unit)

    def __rmul__(self, other):
        return self.__mul__(other)

    def __truediv__(self, other):
        b = _value(other)
        return derive(lambda a, b: a / b, self, other,
                      signs=(sign(b), -sign(self.value)), unit="ratio")

    def __neg__(self):
        return derive(lambda a: -a, self, signs=(-1,), unit=self.unit)


def _value(x) -> float:
    return x.value if isinstance(x, Q) else float(x)


def _unit(x) -> str:
    return x.unit if isinstance(x, Q) else ""


def sign(x: float) -> int:
    """+1, -1 or 0: the sign of ``x``, as ``derive``'s ``signs`` take it."""
    return (x > 0) - (x < 0)


def combine_bounds(bounds_and_signs: Iterable[tuple[str, int]]) -> str:
    """The bound of a result from ``(bound, sign)`` of each input.

    ``sign`` is +1 where the result rises with the input, -1 where it falls,
    0 where it does not depend on it.

    Examples
    --------
    >>> combine_bounds([("lower", 1), ("exact", -1)]), combine_bounds([("lower", -1)])
    ('lower', 'upper')
    >>> combine_bounds([("lower", 1), ("lower", -1)]), combine_bounds([("approximate", 1)])
    ('approximate', 'approximate')
    """
    effects = set()
    for bound, sign in bounds_and_signs:
        if bound == "exact" or sign == 0:
            continue
        if bound == "approximate":
            effects.add("approximate")
        else:
            effects.add(bound if sign > 0 else _FLIP[bound])
    if not effects:
        return "exact"
    return effects.pop() if len(effects) == 1 else "approximate"


def combine_status(statuses: Iterable[str]) -> str:
    """estimate if any input is; target if all are; else outcome."""
    statuses = list(statuses)
    if "estimate" in statuses:
        return "estimate"
    if statuses and all(s == "target" for s in statuses):
        return "target"
    return "outcome"


def combine_basis(bases: Iterable[str]) -> str:
    """The basis of a result: the inputs' common basis, ``mixed`` for real with nominal."""
    found = {b for b in bases if b not in ("n/a", "")}
    if not found:
        return "n/a"
    if len(found) == 1:
        return found.pop()
    if found == {"real", "nominal"}:
        return "mixed"
    return "not stated"


def derive(fn: Callable[..., float], *args: Q | float, signs: Sequence[int], unit: str, digits: int | None = None, basis: str | None = None) -> Q:
    """``fn`` applied to the values of ``args`` (``Q`` or plain numbers), as a ``Q``.

    ``signs`` gives, for each argument, +1 if the result rises with it, -1 if
    it falls, 0 if it does not depend on it. Plain numbers count as exact.
    ``basis`` names the basis of the result where it is not that of the
    inputs (the price growth from a nominal and a real rate, say).
    """
    if len(signs) != len(args):
        raise ValueError(f"{len(args)} arguments but {len(signs)} signs")
    qs = [a for a in args if isinstance(a, Q)]
    value = fn(*(_value(a) for a in args))
    bound = combine_bounds((a.bound, s) for a, s in zip(args, signs) if isinstance(a, Q))
    inputs = tuple(dict.fromkeys(i for q in qs for i in q.inputs))
    return Q(float(value), unit, bound=bound, status=combine_status(q.status for q in qs),
             basis=basis or combine_basis(q.basis for q in qs), digits=digits, inputs=inputs)


def written_digits(text: str) -> int:
    """Decimals written in a number: '4' → 0, '5.20' → 2.

    >>> written_digits("1490"), written_digits("4.1"), written_digits("0.052")
    (0, 1, 3)
    """
    text = str(text).strip()
    return len(text.split(".", 1)[1]) if "." in text else 0


def is_finite(q: Q | float) -> bool:
    return math.isfinite(_value(q))
