"""Eligible inventory per borrower from the SKU-level listing: ineligible statuses, each in its
own bucket, and the rest eligible by class (general, or a class of the revolver with its own
advance rate)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import ibis
import ibis.expr.types as ir

from pactum.collateral.engines import Tables
from pactum.collateral.inputs import INVENTORY, load_detail
from pactum.collateral.receivables import InvariantError, money
from pactum.collateral.results import Bucket, InventoryResult
from pactum.collateral.rules import InventoryRules
from pactum.errors import InputError, Problem

GENERAL = "general"
ELIGIBLE = "eligible"


def inventory_on(
    tables: Tables, path: Path, rules: InventoryRules, classes: list[str]
) -> dict[str, InventoryResult]:
    """`classes`: the revolver's inventory class ids; `general` is always known."""
    rows_read = load_detail(tables.con, path, INVENTORY, "inventory")
    known = [GENERAL, *classes]
    _check_classes(tables, path, known)
    _check_one_row_per_sku(tables, path)
    statuses = [s.lower() for s in rules.ineligible_statuses.value]
    if rules.eligible_statuses is not None:
        _check_statuses(tables, path, statuses, rules.eligible_statuses.value)

    def sums_plan() -> ir.Table:
        t = tables.table("inventory")
        status = t.status.lower()
        bucket = ibis.ifelse(status.isin(statuses), status, ibis.literal(ELIGIBLE))
        grouped = t.mutate(bucket=bucket, klass=t["class"].lower())
        sums = grouped.group_by(["borrower_id", "bucket", "klass"]).aggregate(
            rows=grouped.count(), cost=grouped.cost_cents.sum()
        )
        return sums.order_by(["borrower_id", "bucket", "klass"])

    # compiled once per plan (the statuses, the view's schema), as the receivables' steps
    plan = ("inventory", tuple(statuses), tables.schemas("inventory"))
    by_borrower: dict[str, dict[tuple[str, str], tuple[int, int]]] = {}
    for row in tables.records_planned(plan, sums_plan):
        key = (str(row["bucket"]), str(row["klass"]))
        by_borrower.setdefault(str(row["borrower_id"]), {})[key] = (
            int(row["rows"]),
            int(row["cost"]),
        )
    results = {b: _result(b, cells, statuses, known) for b, cells in by_borrower.items()}
    classified = sum(r.rows for r in results.values())
    if classified != rows_read:
        raise InvariantError(f"{path}: {rows_read} rows read but {classified} classified")
    return results


def _result(
    borrower: str,
    cells: dict[tuple[str, str], tuple[int, int]],
    statuses: list[str],
    known: list[str],
) -> InventoryResult:
    def total(match: str, index: int) -> Decimal:
        return money(sum(cost for key, (_, cost) in cells.items() if key[index] == match))

    buckets = tuple(Bucket(status, total(status, 0)) for status in statuses)
    eligible = tuple(
        Bucket(cls, money(sum(c for (b, k), (_, c) in cells.items() if b == ELIGIBLE and k == cls)))
        for cls in known
    )
    gross = money(sum(cost for _, cost in cells.values()))
    result = InventoryResult(borrower, sum(n for n, _ in cells.values()), gross, buckets, eligible)
    if sum((b.amount for b in buckets), Decimal(0)) != gross - result.eligible:
        raise InvariantError(f"borrower {borrower!r}: inventory buckets do not add up")
    return result


def _check_classes(tables: Tables, path: Path, known: list[str]) -> None:
    allowed = ", ".join(f"'{k.lower()}'" for k in known)
    found = tables.con.execute(
        f'SELECT _row, "class" FROM inventory WHERE lower("class") NOT IN ({allowed}) '
        "ORDER BY _row LIMIT 1"
    ).fetchone()
    if found:
        raise InputError(
            [Problem(path, found[0], "class", repr(found[1]), "one of " + ", ".join(known), "row")]
        )


def _check_one_row_per_sku(tables: Tables, path: Path) -> None:
    """A SKU at a location once per borrower: a row repeated would count its cost twice."""
    found = tables.con.execute(
        'SELECT borrower_id, sku, "location", min(_row), max(_row) FROM inventory '
        'GROUP BY borrower_id, sku, "location" HAVING count(*) > 1 ORDER BY 5 LIMIT 1'
    ).fetchone()
    if found:
        borrower, sku, location, first, second = found
        whose = f" of borrower {borrower!r}" if borrower else ""
        raise InputError(
            [
                Problem(
                    path,
                    second,
                    "sku",
                    f"{sku!r} at {location or 'no location'!r}{whose}, a duplicate of row {first}",
                    "one row per SKU and location",
                    "row",
                )
            ]
        )


def _check_statuses(tables: Tables, path: Path, ineligible: list[str], eligible: list[str]) -> None:
    """Every status one the sheet names: an unknown one (a typo, `damaged`) would be counted
    as eligible."""
    named = [*ineligible, *(s.lower() for s in eligible)]
    allowed = ", ".join("'" + name.replace("'", "''") + "'" for name in named)
    found = tables.con.execute(
        f"SELECT _row, status FROM inventory WHERE lower(status) NOT IN ({allowed}) "
        "ORDER BY _row LIMIT 1"
    ).fetchone()
    if found:
        raise InputError(
            [
                Problem(
                    path,
                    found[0],
                    "status",
                    repr(found[1]),
                    "a status the sheet names: eligible "
                    + ", ".join(eligible)
                    + "; ineligible "
                    + ", ".join(ineligible),
                    "row",
                )
            ]
        )
