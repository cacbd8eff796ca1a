"""How good a draft is, against a scorecard a person made from the same text.

Which numbers of the text are figures is what the coverage audit
(:func:`licheng.scorecard.audit.coverage`) says of the expected scorecard: a
number inside the quote of a row with its value is that row's figure.

- **recall**: the share of expected rows that a draft row recovers: a draft row on
  that row's number, with the same value, unit and bound, whose quote has the figure;
- **period, kind, status**: the share of recovered rows where the draft proposes
  the expected one (each, and all three);
- **non-figures**: the share of draft rows on a number that no expected row covers.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from licheng.drafting.extract import Draft
from licheng.figures.numbers import written_in
from licheng.scorecard.audit import coverage


@dataclass(frozen=True)
class Score:
    expected: int
    drafted: int
    recovered: int
    period: int
    kind: int
    status: int
    all_three: int
    non_figures: int
    misses: tuple[str, ...]
    wrong: tuple[str, ...]
    strays: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.recovered / self.expected

    def share(self, what: str) -> float:
        return getattr(self, what) / self.recovered if self.recovered else 0.0

    @property
    def non_figure_share(self) -> float:
        return self.non_figures / self.drafted if self.drafted else 0.0

    def summary(self) -> str:
        return (f"recall {self.recall:.1%} ({self.recovered}/{self.expected}); period {self.share('period'):.1%}, "
                f"kind {self.share('kind'):.1%}, status {self.share('status'):.1%} "
                f"(all three {self.share('all_three'):.1%}); non-figures {self.non_figure_share:.1%} "
                f"({self.non_figures}/{self.drafted})")


def score(d: Draft, expected: pd.DataFrame) -> Score:
    """Score draft ``d`` against the scorecard ``expected`` (from :func:`licheng.load_scorecard`)."""
    # a decline is recorded negative (下降18% is -18) and written as its size: the audit looks for the size
    audit = coverage(expected.assign(value=expected["value"].abs()), d.text).set_index("position")
    rows = expected.set_index("id")
    owners = {pos: [i for i in by.split(", ") if i] for pos, by, st in zip(audit.index, audit["by"], audit["status"])
              if st == "covered"}
    recovered, matched, misses, wrong, strays = {}, set(), [], [], []
    non_figures = 0
    for n, f in enumerate(d.figures):
        ids = owners.get(f.start, [])
        if not ids:
            non_figures += 1
            strays.append(f"{f.text} ({f.quote})")
    for id, row in rows.iterrows():
        hit = None
        for n, f in enumerate(d.figures):
            if n in matched or id not in owners.get(f.start, []):
                continue
            if abs(f.value - row["value"]) < 1e-9 and f.unit == row["unit"] and f.bound == row["bound"] \
                    and written_in(f.value, f.quote):
                hit = n
                break
        if hit is None:
            misses.append(f"{id} {row['value']:g}{row['unit']} {row['bound']}")
            continue
        matched.add(hit)
        f = d.figures[hit]
        recovered[id] = (f.period == row["period"], f.kind == row["kind"], f.status == row["status"])
        if not all(recovered[id]):
            wrong.append(f"{id}: {f.period}/{f.kind}/{f.status}, expected {row['period']}/{row['kind']}/{row['status']}")
    ok = list(recovered.values())
    return Score(len(rows), len(d.figures), len(ok), sum(p for p, _, _ in ok), sum(k for _, k, _ in ok),
                 sum(s for _, _, s in ok), sum(all(x) for x in ok), non_figures, tuple(misses), tuple(wrong),
                 tuple(strays))
