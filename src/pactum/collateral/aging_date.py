"""The date an aging is as of, when the user does not say: a date in its file name (a
portfolio's `receivables/2003-11-30.csv`, a lender's `aging-2003-11-30.csv`), else its latest
invoice date. The whole file is read by DuckDB, never row by row in Python; a file the engine
would refuse gives no date here (the engine then names its problem)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


@dataclass(frozen=True)
class AgingDate:
    day: date
    how: str  # "its file name" or "its latest invoice date", for the page's note


def date_in_name(name: str) -> date | None:
    """The last YYYY-MM-DD in the file name that is a date."""
    for match in reversed(list(_DATE_IN_NAME.finditer(Path(name).name))):
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
    return None


def latest_invoice_date(path: Path) -> date | None:
    """The latest `invoice_date` of the file (CSV or Parquet) that reads as a date."""
    import duckdb

    parquet = path.suffix.lower() == ".parquet"
    source = "read_parquet(?)" if parquet else "read_csv(?, all_varchar = true, header = true)"
    with duckdb.connect() as con:
        try:
            row = con.execute(
                f"SELECT max(TRY_CAST(invoice_date AS DATE)) FROM {source}", [str(path)]
            ).fetchone()
        except duckdb.Error:  # no such column, an empty or unreadable file
            return None
    found = row[0] if row else None
    return found if isinstance(found, date) else None


def aging_date(path: Path, name: str) -> AgingDate | None:
    """The aging's date: from the name it was given (`name`), else from its invoices."""
    named = date_in_name(name)
    if named is not None:
        return AgingDate(named, "its file name")
    latest = latest_invoice_date(path)
    return AgingDate(latest, "its latest invoice date") if latest is not None else None
