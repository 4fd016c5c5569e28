"""index.csv: published index series (a consumer price index, say) by month,
`series,month,value`.

A lease escalating rent by an index names its series and the months it compares; the values
come from here. `month` is YYYY-MM (the period the index is published for); `value` is the
index level, above zero. A series may have gaps: a month the lease needs and the file lacks is
reported where the lease uses it, never read as zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from pactum.errors import InputError, shown
from pactum.facts.table import Row, read_rows, unique_by


@dataclass(frozen=True)
class IndexValue:
    series: str
    month: date  # the first day of the month the index is published for
    value: Decimal
    where: str  # index.csv:row N


@dataclass(frozen=True)
class IndexSeries:
    values: tuple[IndexValue, ...] = ()

    def at(self, series: str, month: date) -> IndexValue | None:
        wanted = month.replace(day=1)
        return next((v for v in self.values if v.series == series and v.month == wanted), None)


def _month(row: Row) -> date:
    text = (row.cells.get("month") or "").strip()
    found = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if found and 1 <= int(found[2]) <= 12:
        return date(int(found[1]), int(found[2]), 1)
    raise InputError(
        [row.problem("month", shown(text) if text else "nothing", "a month as YYYY-MM")]
    )


def load_index_series(folder: Path) -> IndexSeries:
    path = folder / "index.csv"
    if not path.exists():
        return IndexSeries()
    rows: list[tuple[Row, IndexValue]] = []
    for row in read_rows(path, ("series", "month", "value")):
        entry = IndexValue(
            series=row.text("series"),
            month=_month(row),
            value=row.amount("value"),
            where=f"{path.name}:row {row.number}",
        )
        if entry.value <= 0:
            raise InputError(
                [row.problem("value", shown(row.cells["value"]), "an index level above 0")]
            )
        rows.append((row, entry))
    unique_by([(row, (e.series, f"{e.month:%Y-%m}")) for row, e in rows], "series,month")
    return IndexSeries(tuple(e for _, e in rows))
