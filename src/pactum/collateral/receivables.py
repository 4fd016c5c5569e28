"""Eligible receivables per borrower: check the files, run the waterfall, check the invariants,
and hand back Decimals."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import ibis.expr.types as ir

from pactum.collateral.engines import Engine, Tables, open_tables
from pactum.collateral.inputs import AGING, PAYABLES, load_detail, same_borrower_columns
from pactum.collateral.results import Bucket, DebtorLine, ReceivablesResult
from pactum.collateral.rules import RECEIVABLE_REASONS, ReceivableRules, basis_points
from pactum.collateral.waterfall import (
    before_concentration,
    classify,
    debtor_table,
    with_concentration,
)


def money(cents: Any) -> Decimal:
    """Integer cents from an engine to exact Decimal dollars."""
    return Decimal(int(cents)).scaleb(-2)


def receivables_results(
    aging: Path,
    payables: Path | None,
    rules: ReceivableRules,
    as_of: date,
    engine: Engine = "duckdb",
    with_debtors: bool = False,
) -> dict[str, ReceivablesResult]:
    with open_tables(engine) as tables:
        return receivables_on(tables, aging, payables, rules, as_of, with_debtors)


def receivables_on(
    tables: Tables,
    aging: Path,
    payables: Path | None,
    rules: ReceivableRules,
    as_of: date,
    with_debtors: bool = False,
) -> dict[str, ReceivablesResult]:
    checked = check_inputs(tables, aging, payables, as_of)
    return waterfall_on(tables, checked, rules, as_of, with_debtors)


@dataclass(frozen=True)
class CheckedInputs:
    """The aging (and payables) read and checked, as the engine's typed views."""

    aging: Path
    rows: int
    payables: bool


def check_inputs(tables: Tables, aging: Path, payables: Path | None, as_of: date) -> CheckedInputs:
    """Read and check the files (inputs.py); a problem stops the run here, before any rule."""
    rows = load_detail(tables.con, aging, AGING, "aging", as_of)
    if payables is not None:
        same_borrower_columns(tables.con, aging, payables)
        load_detail(tables.con, payables, PAYABLES, "payables")
    return CheckedInputs(aging, rows, payables is not None)


def waterfall_on(
    tables: Tables,
    checked: CheckedInputs,
    rules: ReceivableRules,
    as_of: date,
    with_debtors: bool = False,
) -> dict[str, ReceivablesResult]:
    """The rules on the checked views, then the invariants."""
    owed = tables.table("payables") if checked.payables else None
    invoices = classify(tables.table("aging"), rules, as_of)
    # the debtor table is computed once and kept: the caps and the summary both read it
    debtors = tables.keep(
        before_concentration(debtor_table(invoices, owed, rules), rules), "debtors"
    )
    results = _summarised(
        tables, with_concentration(debtors, _caps(tables, debtors, rules)), with_debtors
    )
    _check_invariants(checked.aging, checked.rows, results)
    return results


def _summarised(
    tables: Tables, final: ir.Table, with_debtors: bool
) -> dict[str, ReceivablesResult]:
    reasons = [r for r in RECEIVABLE_REASONS if r in final.columns]
    summary = final.group_by("borrower_id").aggregate(
        rows=final.invoices.sum(),
        balance=final.balance.sum(),
        gross=final.gross.sum(),
        unapplied=(final.credits - final.credit_balances).sum(),
        eligible=final.eligible.sum(),
        **{reason: final[reason].sum() for reason in reasons},
    )
    rows = tables.records(summary.order_by("borrower_id"))
    results = {str(row["borrower_id"]): _result(row, reasons) for row in rows}
    if not with_debtors or not results:
        return results
    by_borrower: dict[str, list[DebtorLine]] = {}
    for row in tables.records(final.order_by(["borrower_id", "debtor_id"])):
        by_borrower.setdefault(str(row["borrower_id"]), []).append(_debtor(row, reasons))
    return {b: replace(r, debtors=tuple(by_borrower.get(b, []))) for b, r in results.items()}


def _caps(tables: Tables, debtors: ir.Table, rules: ReceivableRules) -> ir.Table | None:
    """Each borrower's concentration cap, Y% of its total remaining rounded down to the cent:
    computed here, exactly, from the borrowers' totals (a handful of rows)."""
    if rules.concentration_percent is None:
        return None
    limit = basis_points(rules.concentration_percent.value)
    totals = tables.records(
        debtors.group_by("borrower_id").aggregate(total=debtors.remaining.sum())
    )
    caps = {str(row["borrower_id"]): int(row["total"]) * limit // 10000 for row in totals}
    return tables.keyed_integers("caps", "borrower_id", "cap", caps)


def _buckets(row: dict[str, Any], reasons: list[str]) -> tuple[Bucket, ...]:
    return tuple(
        Bucket(reason, money(row[reason]) if reason in reasons else Decimal("0.00"))
        for reason in RECEIVABLE_REASONS
    )


def _result(row: dict[str, Any], reasons: list[str]) -> ReceivablesResult:
    return ReceivablesResult(
        borrower_id=str(row["borrower_id"]),
        rows=int(row["rows"]),
        gross=money(row["gross"]),
        buckets=_buckets(row, reasons),
        eligible=money(row["eligible"]),
        unapplied_credits=money(row["unapplied"]),
        aging_total=money(row["balance"]),
    )


def _debtor(row: dict[str, Any], reasons: list[str]) -> DebtorLine:
    return DebtorLine(
        debtor_id=str(row["debtor_id"]),
        invoices=int(row["invoices"]),
        gross=money(row["gross"]),
        buckets=_buckets(row, reasons),
        eligible=money(row["eligible"]),
        unapplied_credits=money(row["credits"] - row["credit_balances"]),
    )


class InvariantError(AssertionError):
    """The engine broke one of its own invariants: a bug, never bad input."""


def _check_invariants(aging: Path, rows_read: int, results: dict[str, ReceivablesResult]) -> None:
    classified = sum(r.rows for r in results.values())
    if classified != rows_read:
        raise InvariantError(f"{aging}: {rows_read} rows read but {classified} classified")
    for result in results.values():
        ineligible = sum((b.amount for b in result.buckets), Decimal(0))
        if ineligible != result.gross - result.eligible:
            raise InvariantError(
                f"{aging}: borrower {result.borrower_id!r}: buckets {ineligible} != gross "
                f"{result.gross} - eligible {result.eligible}"
            )
