"""Invoice- and SKU-level detail in a portfolio: `facts/receivables/<as_of>.csv|parquet`, with
`facts/inventory/<as_of>...` and `facts/payables/<as_of>...` beside it.

When detail exists for a date, the revolver takes its eligible amounts from the collateral
engine instead of `collateral.csv`: the detail dated on or after the summary row in force wins.
The engine runs only for a date that is asked for, once; a portfolio without detail never
imports it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from pactum.dates import parse_iso_date
from pactum.errors import fail
from pactum.facts.dated_snapshots import Dated, DatedFacts, InForce

if TYPE_CHECKING:
    from pactum.kinds.revolver.schema import RevolverSheet

SUFFIXES = (".csv", ".parquet")


@dataclass(frozen=True)
class DetailFiles:
    """The detail files of a portfolio, by as-of date (from their names)."""

    receivables: dict[date, Path] = field(default_factory=dict)
    payables: dict[date, Path] = field(default_factory=dict)
    inventory: dict[date, Path] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.receivables or self.inventory)

    def dates(self) -> list[date]:
        return sorted(set(self.receivables) | set(self.inventory))


def find_detail(facts: Path) -> DetailFiles:
    return DetailFiles(
        *(_dated_files(facts / name) for name in ("receivables", "payables", "inventory"))
    )


def _dated_files(folder: Path) -> dict[date, Path]:
    found: dict[date, Path] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in SUFFIXES or path.name.startswith("."):
            continue
        try:
            when = parse_iso_date(path.stem)
        except ValueError:
            raise fail(
                path,
                None,
                "file name",
                repr(path.name),
                "<as_of>.csv or <as_of>.parquet, e.g. 2003-11-30.csv",
            ) from None
        if when in found:
            raise fail(
                path,
                None,
                "file name",
                f"a second file for {when}",
                f"one of {', '.join(SUFFIXES)} per date",
            )
        found[when] = path
    return found


class CollateralWithDetail:
    """collateral.csv, overridden for the dates that have detail by the engine's results."""

    def __init__(self, summary: InForce, detail: DetailFiles, sheet: RevolverSheet) -> None:
        self.summary = summary
        self.detail = detail
        self.sheet = sheet
        self.runs: dict[date, DatedFacts] = {}

    def in_force(self, name: str, on: date) -> Dated | None:
        summary = self.summary.in_force(name, on)
        files = self.detail.receivables if name == "receivables_eligible" else self.detail.inventory
        dates = [d for d in sorted(files) if d <= on]
        if not dates or (summary is not None and summary.as_of > dates[-1]):
            return summary
        if dates[-1] not in self.runs:
            self.runs[dates[-1]] = _engine_facts(self.sheet, self.detail, dates[-1])
        # a detail file gives every name of its side, zero included
        return self.runs[dates[-1]].in_force(name, on) or Dated(dates[-1], Decimal(0))


def _engine_facts(sheet: RevolverSheet, detail: DetailFiles, when: date) -> DatedFacts:
    from pactum.collateral.certificate import eligible_detail, eligible_facts
    from pactum.collateral.engines import open_tables

    aging, inventory = detail.receivables.get(when), detail.inventory.get(when)
    with open_tables("duckdb") as tables:
        receivables, stock = eligible_detail(
            tables, sheet, when, aging, detail.payables.get(when), inventory
        )
    for path, results in ((aging, receivables), (inventory, stock)):
        if path is not None and len(results) > 1:
            raise fail(
                path,
                None,
                "borrower_id",
                f"{len(results)} borrowers",
                "one borrower: a portfolio is one company's",
            )
    facts = eligible_facts(
        when, next(iter(receivables.values()), None), next(iter(stock.values()), None)
    )
    names = ", ".join(f"{p.parent.name}/{p.name}" for p in (aging, inventory) if p is not None)
    return DatedFacts(
        {
            name: [
                Dated(d.as_of, d.amount, f"from {names} through the eligibility rules")
                for d in series
            ]
            for name, series in facts.series.items()
        }
    )
