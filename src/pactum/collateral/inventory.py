"""Eligible inventory per borrower from the SKU-level listing: ineligible statuses, each in its
own bucket, and the rest eligible by class (general, or a class of the revolver with its own
advance rate)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir

from pactum.collateral.engines import Tables
from pactum.collateral.inputs import INVENTORY, Check, Rows, load_detail
from pactum.collateral.receivables import InvariantError, money
from pactum.collateral.results import Bucket, InventoryResult
from pactum.collateral.rules import InventoryRules
from pactum.errors import Problem

GENERAL = "general"
ELIGIBLE = "eligible"


def inventory_on(
    tables: Tables, path: Path, rules: InventoryRules, classes: list[str]
) -> dict[str, InventoryResult]:
    """`classes`: the revolver's inventory class ids; `general` is always known."""
    known = [GENERAL, *classes]
    statuses = [s.lower() for s in rules.ineligible_statuses.value]
    # in the file's one checking pass, after its own checks, in this order
    checks = [_known_class(known), _one_row_per_sku]
    if rules.eligible_statuses is not None:
        checks.append(_named_status(statuses, rules.eligible_statuses.value))
    loaded = load_detail(
        tables.con, path, INVENTORY, "inventory", checks=checks, threaded=tables.threaded
    )

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
    plan = ("inventory", tuple(statuses), tables.schemas("inventory", made_by=[loaded.made_by]))
    by_borrower: dict[str, dict[tuple[str, str], tuple[int, int]]] = {}
    for row in tables.records_planned(plan, sums_plan):
        key = (str(row["bucket"]), str(row["klass"]))
        by_borrower.setdefault(str(row["borrower_id"]), {})[key] = (
            int(row["rows"]),
            int(row["cost"]),
        )
    results = {b: _result(b, cells, statuses, known) for b, cells in by_borrower.items()}
    classified = sum(r.rows for r in results.values())
    if classified != loaded.rows:
        raise InvariantError(f"{path}: {loaded.rows} rows read but {classified} classified")
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


def _known_class(known: list[str]) -> Check:
    """Every class one of the revolver's (or general)."""
    allowed = ", ".join(f"'{k.lower()}'" for k in known)

    def report(rows: Rows, row: Any) -> Problem:
        found = rows.at(row, rows.typed["class"])
        value = found[0] if found else None
        return Problem(rows.path, row, "class", repr(value), "one of " + ", ".join(known), "row")

    return Check(
        lambda rows: f"min(_row) FILTER (WHERE lower({rows.guarded['class']}) NOT IN ({allowed}))",
        report,
    )


def _repeated_sku(rows: Rows, found: Any) -> Problem:
    keys = ", ".join(rows.typed[c] for c in ("borrower_id", "sku", "location"))
    repeated = rows.con.execute(
        f"SELECT {keys}, min(_row), max(_row) FROM {rows.raw} "
        "GROUP BY 1, 2, 3 HAVING count(*) > 1 ORDER BY 5 LIMIT 1"
    ).fetchone()
    assert repeated is not None  # the pass found a SKU and location twice
    borrower, sku, location, first, second = repeated
    whose = f" of borrower {borrower!r}" if borrower else ""
    return Problem(
        rows.path,
        second,
        "sku",
        f"{sku!r} at {location or 'no location'!r}{whose}, a duplicate of row {first}",
        "one row per SKU and location",
        "row",
    )


# a SKU at a location once per borrower: a row repeated would count its cost twice
_one_row_per_sku = Check(
    lambda rows: (
        f"(SELECT true FROM {rows.raw} GROUP BY "
        + ", ".join(rows.guarded[c] for c in ("borrower_id", "sku", "location"))
        + " HAVING count(*) > 1 LIMIT 1)"
    ),
    _repeated_sku,
)


def _named_status(ineligible: list[str], eligible: list[str]) -> Check:
    """Every status one the sheet names: an unknown one (a typo, `damaged`) would be counted
    as eligible."""
    named = [*ineligible, *(s.lower() for s in eligible)]
    allowed = ", ".join("'" + name.replace("'", "''") + "'" for name in named)

    def report(rows: Rows, row: Any) -> Problem:
        found = rows.at(row, rows.typed["status"])
        return Problem(
            rows.path,
            row,
            "status",
            repr(found[0] if found else None),
            "a status the sheet names: eligible "
            + ", ".join(eligible)
            + "; ineligible "
            + ", ".join(ineligible),
            "row",
        )

    return Check(
        lambda rows: f"min(_row) FILTER (WHERE lower({rows.guarded['status']}) NOT IN ({allowed}))",
        report,
    )
