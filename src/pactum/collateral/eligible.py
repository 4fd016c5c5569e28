"""The engine's eligible amounts for a borrowing base: the receivables waterfall and the
inventory over whichever detail files there are, by borrower, and those amounts as the dated
collateral facts the revolver's arithmetic reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from pactum.collateral.engines import Tables
from pactum.collateral.inputs import same_borrower_columns
from pactum.collateral.inventory import GENERAL, inventory_on
from pactum.collateral.receivables import (
    LedgerWriter,
    OwnAging,
    ReceivablesRun,
    receivables_on,
    receivables_together,
)
from pactum.collateral.results import InventoryResult, ReceivablesResult
from pactum.collateral.rules import BorrowingBaseTerms
from pactum.errors import Gathered
from pactum.facts.dated_snapshots import Dated, DatedFacts


def eligible_facts(
    as_of: date, receivables: ReceivablesResult | None, inventory: InventoryResult | None
) -> DatedFacts:
    """The engine's eligible amounts as the collateral facts the revolver reads."""
    series: dict[str, list[Dated]] = {}
    if receivables is not None:
        series["receivables_eligible"] = [Dated(as_of, receivables.eligible)]
        # each debtor limit's eligible accounts: the revolver caps one relative to the base
        for k, amount in enumerate(receivables.limited_eligible):
            series[f"receivables_eligible:limit:{k}"] = [Dated(as_of, amount)]
    if inventory is not None:
        for bucket in inventory.eligible_by_class:
            name = (
                "inventory_eligible"
                if bucket.reason == GENERAL
                else f"inventory_eligible:{bucket.reason}"
            )
            series[name] = [Dated(as_of, bucket.amount)]
    return DatedFacts(series)


@dataclass(frozen=True)
class EligibleDetail:
    """The engine's results by borrower; with a ledger asked for, what writes it (while the
    tables are open, once the caller's own checks have passed: nothing half-written)."""

    receivables: dict[str, ReceivablesResult]
    inventory: dict[str, InventoryResult]
    write_ledger: LedgerWriter | None = None


def eligible_detail(
    tables: Tables,
    terms: BorrowingBaseTerms,
    as_of: date,
    receivables: Path | None,
    payables: Path | None,
    inventory: Path | None,
    with_debtors: bool = False,
    for_ledger: bool = False,
) -> EligibleDetail:
    """The eligibility rules over whichever detail files there are, by borrower; with
    `for_ledger`, what writes the receivables' per-invoice ledger (not yet written: a bad
    inventory, or the caller's own checks, may still refuse the run)."""
    rules = terms.eligibility
    # the aging (with its payables) and the inventory are read even when the other is bad: one
    # run lists the problems of both
    gathered = Gathered()
    by_receivables = (
        gathered.attempt(
            partial(
                receivables_on,
                tables,
                receivables,
                payables,
                rules.receivables,
                as_of,
                with_debtors,
                for_ledger,
            )
        )
        if receivables is not None
        else ReceivablesRun({})
    )
    if by_receivables is not None and receivables is not None and inventory is not None:
        # the two files must agree on borrower_id before the inventory is read by borrower
        same_borrower_columns(tables.con, receivables, inventory)
    classes = list(terms.inventory_classes)
    by_inventory = (
        gathered.attempt(partial(inventory_on, tables, inventory, rules.inventory, classes))
        if inventory is not None
        else {}
    )
    gathered.raise_any()
    assert by_receivables is not None and by_inventory is not None  # no problems gathered
    return EligibleDetail(by_receivables.results, by_inventory, by_receivables.write_ledger)


@dataclass(frozen=True)
class OwnDetail:
    """One borrower's detail files on a date and its terms, in a pass over several borrowers."""

    terms: BorrowingBaseTerms
    receivables: Path
    payables: Path | None
    inventory: Path | None


def eligible_together(
    tables: Tables, members: Sequence[OwnDetail], as_of: date, with_debtors: bool = False
) -> list[EligibleDetail]:
    """`eligible_detail` for several borrowers whose receivables rules have one shape
    (`rule_shape`): their agings in one pass of the rules (`receivables_together`), each
    inventory on its own. Each member's result is the one its own `eligible_detail` gives; a
    problem in any file stops the pass (the caller runs each borrower on its own instead,
    which reports it as that borrower's)."""
    found = receivables_together(
        tables,
        [OwnAging(m.receivables, m.payables, m.terms.eligibility.receivables) for m in members],
        as_of,
        with_debtors,
    )
    results = []
    for member, receivables in zip(members, found, strict=True):
        stock: dict[str, InventoryResult] = {}
        if member.inventory is not None:
            same_borrower_columns(tables.con, member.receivables, member.inventory)
            stock = inventory_on(
                tables,
                member.inventory,
                member.terms.eligibility.inventory,
                list(member.terms.inventory_classes),
            )
        own = {receivables.borrower_id: receivables} if receivables is not None else {}
        results.append(EligibleDetail(own, stock))
    return results
