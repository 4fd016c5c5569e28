"""Invoice- and SKU-level detail in a portfolio: `facts/receivables/<as_of>.csv|parquet`, with
`facts/inventory/<as_of>...` and `facts/payables/<as_of>...` beside it.

When detail exists for a date, the revolver takes its eligible amounts from the collateral
engine instead of `collateral.csv`: the detail dated on or after the summary row in force wins.
The engine runs only for a date that is asked for, once per loaded portfolio and term sheet;
a portfolio without detail never imports it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pactum.dates import parse_iso_date
from pactum.errors import InputError, fail
from pactum.facts.dated_snapshots import Dated, DatedFacts, InForce

if TYPE_CHECKING:
    from pactum.collateral.results import InventoryResult, ReceivablesResult
    from pactum.collateral.rules import BorrowingBaseTerms
    from pactum.portfolio import BookPeers

SUFFIXES = (".csv", ".parquet")


@dataclass(frozen=True)
class DetailFiles:
    """The detail files of a portfolio, by as-of date (from their names)."""

    receivables: dict[date, Path] = field(default_factory=dict)
    payables: dict[date, Path] = field(default_factory=dict)
    inventory: dict[date, Path] = field(default_factory=dict)
    # the engine's runs over these files, kept with them for as long as the portfolio is
    # loaded: by (the terms the engine reads, as JSON; the date)
    runs: dict[tuple[str, date], DetailRun] = field(default_factory=dict, compare=False, repr=False)
    # in a book: the book's borrowers, whose detail on a date the engine runs in one pass
    book: BookPeers | None = field(default=None, compare=False, repr=False)

    def __bool__(self) -> bool:
        return bool(self.receivables or self.inventory)

    def dates(self) -> list[date]:
        return sorted(set(self.receivables) | set(self.inventory))


def find_detail(facts: Path) -> DetailFiles:
    return DetailFiles(
        receivables=_dated_files(facts / "receivables"),
        payables=_dated_files(facts / "payables"),
        inventory=_dated_files(facts / "inventory"),
    )


def in_force(by_date: dict[date, Path], when: date) -> Path | None:
    """The file of the latest date on or before `when`, if any."""
    dates = [d for d in by_date if d <= when]
    return by_date[max(dates)] if dates else None


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


@dataclass(frozen=True)
class DetailRun:
    """The engine's results for one date's detail files, and the eligible amounts they give."""

    facts: DatedFacts
    receivables: ReceivablesResult | None
    inventory: InventoryResult | None


class CollateralWithDetail:
    """collateral.csv, overridden for the dates that have detail by the engine's results."""

    def __init__(
        self,
        summary: InForce,
        detail: DetailFiles,
        terms: BorrowingBaseTerms,
        book_pass: Callable[[date], None] | None = None,
    ) -> None:
        self.summary = summary
        self.detail = detail
        self.terms = terms
        self.rules_key = terms.key()
        # in a book: what runs the engine once for every borrower with detail on a date
        # (`run_together`), before this borrower's run is looked for
        self.book_pass = book_pass

    def detail_date(self, name: str, on: date) -> date | None:
        """The date of the detail file that gives `name` at `on`; None when collateral.csv's
        row does (it is dated after the latest detail, or there is no detail yet)."""
        summary = self.summary.in_force(name, on)
        files = self.detail.receivables if name == "receivables_eligible" else self.detail.inventory
        dates = [d for d in sorted(files) if d <= on]
        if not dates or (summary is not None and summary.as_of > dates[-1]):
            return None
        return dates[-1]

    def run(self, when: date) -> DetailRun:
        """The engine over the detail files dated `when`, run once per portfolio and sheet
        (check, the certificates, the calendar and the charts all ask for it)."""
        key = (self.rules_key, when)
        if key not in self.detail.runs and self.book_pass is not None:
            self.book_pass(when)
        if key not in self.detail.runs:
            self.detail.runs[key] = _engine_run(self.terms, self.detail, when)
        return self.detail.runs[key]

    def in_force(self, name: str, on: date) -> Dated | None:
        when = self.detail_date(name, on)
        if when is None:
            return self.summary.in_force(name, on)
        # a detail file gives every name of its side, zero included
        return self.run(when).facts.in_force(name, on) or Dated(when, Decimal(0))


def run_together(members: Sequence[tuple[DetailFiles, BorrowingBaseTerms]], when: date) -> None:
    """The engine once for the borrowers of a book with an aging dated `when`, each group of
    them whose receivables rules have one shape (`rule_shape`: the same rules, order, flags
    and named debtors, each with its own days and percentages) in one pass; each borrower's
    run kept with its detail files, as its own `_engine_run` would keep it. A borrower alone
    in its shape, and every borrower of a group whose pass meets a problem in any file, is left
    to its own run when it is asked for: a problem is then reported by, and only where, that
    borrower's own run would."""
    from pactum.collateral.rules import rule_shape

    groups: dict[str, list[tuple[DetailFiles, BorrowingBaseTerms]]] = {}
    for detail, terms in members:
        if when in detail.receivables and (terms.key(), when) not in detail.runs:
            groups.setdefault(rule_shape(terms.eligibility.receivables), []).append((detail, terms))
    for group in groups.values():
        if len(group) < 2:
            continue
        try:
            runs = _engine_pass(group, when)
        except InputError:
            continue
        for (detail, terms), run in zip(group, runs, strict=True):
            detail.runs[(terms.key(), when)] = run


def _engine_pass(
    group: Sequence[tuple[DetailFiles, BorrowingBaseTerms]], when: date
) -> list[DetailRun]:
    from pactum.collateral import eligible
    from pactum.collateral.engines import open_tables

    members = [
        eligible.OwnDetail(t, d.receivables[when], d.payables.get(when), d.inventory.get(when))
        for d, t in group
    ]
    files = [f for m in members for f in (m.receivables, m.payables, m.inventory)]
    with open_tables("duckdb", files) as tables:
        # with each debtor's lines: the certificate lists the largest debtors
        found = eligible.eligible_together(tables, members, when, with_debtors=True)
    return [
        _detail_run(
            detail,
            when,
            _only(detail.receivables[when], one.receivables),
            _only(inventory, one.inventory) if (inventory := detail.inventory.get(when)) else None,
        )
        for (detail, _), one in zip(group, found, strict=True)
    ]


def _engine_run(terms: BorrowingBaseTerms, detail: DetailFiles, when: date) -> DetailRun:
    from pactum.collateral.eligible import eligible_detail
    from pactum.collateral.engines import open_tables

    aging, inventory = detail.receivables.get(when), detail.inventory.get(when)
    payables = detail.payables.get(when)
    with open_tables("duckdb", (aging, payables, inventory)) as tables:
        found = eligible_detail(
            # with each debtor's lines: the certificate lists the largest debtors
            tables,
            terms,
            when,
            aging,
            payables,
            inventory,
            with_debtors=True,
        )
    own_receivables = _only(aging, found.receivables) if aging is not None else None
    own_stock = _only(inventory, found.inventory) if inventory is not None else None
    return _detail_run(detail, when, own_receivables, own_stock)


R = TypeVar("R")


def _only(path: Path, results: dict[str, R]) -> R | None:
    """The one borrower's result of a portfolio's detail file."""
    if len(results) > 1:
        raise fail(
            path,
            None,
            "borrower_id",
            f"{len(results)} borrowers",
            "one borrower: a portfolio is one company's",
        )
    return next(iter(results.values()), None)


def _detail_run(
    detail: DetailFiles,
    when: date,
    own_receivables: ReceivablesResult | None,
    own_stock: InventoryResult | None,
) -> DetailRun:
    from pactum.collateral.eligible import eligible_facts

    aging, inventory = detail.receivables.get(when), detail.inventory.get(when)
    facts = eligible_facts(when, own_receivables, own_stock)
    names = ", ".join(f"{p.parent.name}/{p.name}" for p in (aging, inventory) if p is not None)
    sourced = DatedFacts(
        {
            name: [
                Dated(d.as_of, d.amount, f"from {names} through the eligibility rules")
                for d in series
            ]
            for name, series in facts.series.items()
        }
    )
    return DetailRun(sourced, own_receivables, own_stock)
