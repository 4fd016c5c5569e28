"""Eligible receivables per borrower: check the files, run the waterfall, check the invariants,
and hand back Decimals."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import ibis.expr.types as ir

from pactum.collateral.engines import Engine, Tables, open_tables
from pactum.collateral.inputs import (
    AGING,
    PAYABLES,
    has_column,
    load_detail,
    same_borrower_columns,
)
from pactum.collateral.ledger import KEPT_FROM_AGING, ledger_table, write_ledger
from pactum.collateral.results import AGE_BUCKETS, Bucket, DebtorLine, ReceivablesResult
from pactum.collateral.rules import NO_CAP, RECEIVABLE_REASONS, ReceivableRules, basis_points
from pactum.collateral.waterfall import (
    ages,
    before_concentration,
    classify,
    debtor_table,
    with_concentration,
)
from pactum.errors import fail


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
        return receivables_on(tables, aging, payables, rules, as_of, with_debtors).results


LedgerWriter = Callable[[Path], None]


@dataclass(frozen=True)
class ReceivablesRun:
    """The results by borrower, and (when a ledger was asked for) what writes the per-invoice
    ledger: called only once every other check of the run has passed, while the tables are
    still open, so that a refused run writes no file."""

    results: dict[str, ReceivablesResult]
    write_ledger: LedgerWriter | None = None


def receivables_on(
    tables: Tables,
    aging: Path,
    payables: Path | None,
    rules: ReceivableRules,
    as_of: date,
    with_debtors: bool = False,
    for_ledger: bool = False,
) -> ReceivablesRun:
    checked = check_inputs(tables, aging, payables, as_of)
    named_by = [
        (i, limit.column.value)
        for i, limit in enumerate(rules.debtor_limits)
        if limit.column.value != "debtor_id"
    ]
    for index, column in named_by[:1]:
        if not has_column(tables.con, aging, column):
            raise fail(
                aging,
                1,
                column,
                "no such column",
                f"a {column} column: the sheet's debtor_limits[{index}] names its debtor by it",
                "row",
            )
    return waterfall_on(tables, checked, rules, as_of, with_debtors, for_ledger)


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
    for_ledger: bool = False,
) -> ReceivablesRun:
    """The rules on the checked views, then the invariants; with `for_ledger`, the run's
    `write_ledger` writes the per-invoice ledger (ledger.py), its sums checked against the
    certificate. On DuckDB each
    step's SQL is compiled once per plan (the rules, the date, the views' schemas, whether the
    ledger's snapshots are kept) and reused by the next run with the same plan: another
    borrower's, or the same aging's again."""
    views = ("aging", "payables") if checked.payables else ("aging",)
    snapshots = for_ledger  # the ledger needs each step's cents kept
    plan = ("receivables", rules.model_dump_json(), as_of, tables.schemas(*views), snapshots)

    def debtors_plan() -> ir.Table:
        owed = tables.table("payables") if checked.payables else None
        invoices = classify(tables.table("aging"), rules, as_of)
        return before_concentration(debtor_table(invoices, owed, rules), rules, snapshots)

    # the debtor table is computed once and kept: the caps and the summary both read it
    debtors = tables.keep_planned((plan, "debtors"), debtors_plan, "debtors")
    limits = len(rules.debtor_limits)
    caps = _caps(tables, debtors, rules, plan)
    results = _summarised(
        tables,
        lambda: with_concentration(debtors, caps, limits),
        with_debtors,
        limits,
        plan,
    )
    by_age: dict[str, dict[str, Decimal]] = {}
    aged = tables.records_planned((plan, "ages"), lambda: ages(tables.table("aging"), as_of))
    for row in aged:
        by_age.setdefault(str(row["borrower_id"]), {})[str(row["age"])] = money(row["amount"])
    results = {
        borrower: replace(
            result,
            ages=tuple(
                Bucket(key, by_age.get(borrower, {}).get(key, Decimal("0.00")))
                for key, _, _ in AGE_BUCKETS
            ),
        )
        for borrower, result in results.items()
    }
    _check_invariants(checked.aging, checked.rows, results)
    if not for_ledger:
        return ReceivablesRun(results)

    def write(path: Path) -> None:
        # the invoices again, with the columns the ledger names them by
        named = classify(tables.table("aging"), rules, as_of, KEPT_FROM_AGING)
        final = with_concentration(debtors, caps, limits)
        rows = ledger_table(tables, named, final, rules)
        write_ledger(tables, rows, rules, results, path)

    return ReceivablesRun(results, write)


def _summarised(
    tables: Tables,
    final_plan: Callable[[], ir.Table],
    with_debtors: bool,
    limits: int,
    plan: Hashable,
) -> dict[str, ReceivablesResult]:
    final_table = cache(final_plan)  # built only when a step's SQL is compiled
    reasons: list[str] = tables.planned(
        (plan, "reasons"), lambda: [r for r in RECEIVABLE_REASONS if r in final_table().columns]
    )
    rows = tables.records_planned(
        (plan, "summary"), lambda: _summary(final_table(), reasons, limits)
    )
    results = {
        str(row["borrower_id"]): replace(
            _result(row, reasons),
            limited_eligible=tuple(money(row[f"eligible_limit_{k}"]) for k in range(limits)),
        )
        for row in rows
    }
    if not with_debtors or not results:
        return results
    by_borrower: dict[str, list[DebtorLine]] = {}
    lines = tables.records_planned(
        (plan, "debtor lines"), lambda: final_table().order_by(["borrower_id", "debtor_id"])
    )
    for row in lines:
        by_borrower.setdefault(str(row["borrower_id"]), []).append(_debtor(row, reasons))
    return {b: replace(r, debtors=tuple(by_borrower.get(b, []))) for b, r in results.items()}


def _summary(final: ir.Table, reasons: list[str], limits: int) -> ir.Table:
    summary = final.group_by("borrower_id").aggregate(
        rows=final.invoices.sum(),
        balance=final.balance.sum(),
        gross=final.gross.sum(),
        unapplied=(final.credits - final.credit_balances).sum(),
        eligible=final.eligible.sum(),
        **{reason: final[reason].sum() for reason in reasons},
        # the eligible accounts of the debtors under each debtor limit (a borrowing-base cap)
        **{
            f"eligible_limit_{k}": final.eligible.sum(where=final.limit_index == k).fill_null(0)
            for k in range(limits)
        },
    )
    return summary.order_by("borrower_id")


def _caps(
    tables: Tables, debtors: ir.Table, rules: ReceivableRules, plan: Hashable
) -> ir.Table | None:
    """Each borrower's concentration caps, computed here, exactly, from the borrowers' totals
    (a handful of rows): `cap`, Y% of the base rounded down to the cent, and `cap_k` for the
    sheet's debtor limit k (its own percentage of the base rounded down, its own amount, the
    lesser of the two; the borrower's cap when it sets neither). The base is the borrower's
    remaining balance after the earlier steps (eligible accounts) or its gross debit balances
    before any exclusion (total accounts)."""
    limits = rules.debtor_limits
    own = [limit for limit in limits if limit.concentration_percent or limit.concentration_amount]
    if rules.concentration_percent is None and not own:
        return None

    def totals_plan() -> ir.Table:
        total_accounts = rules.concentration_base.value == "total_accounts"
        measured = debtors.gross if total_accounts else debtors.remaining
        return debtors.group_by("borrower_id").aggregate(total=measured.sum())

    totals = tables.records_planned((plan, "totals"), totals_plan)

    def cap(total: int, percent: Decimal | None, amount: Decimal | None) -> int:
        found = NO_CAP
        if percent is not None:
            found = total * basis_points(percent) // 10000
        if amount is not None:
            found = min(found, int(amount * 100))
        return found

    general = rules.concentration_percent.value if rules.concentration_percent else None
    caps: dict[str, tuple[int, ...]] = {}
    for row in totals:
        total = int(row["total"])
        borrower_cap = cap(total, general, None)
        caps[str(row["borrower_id"])] = (
            borrower_cap,
            *(
                cap(
                    total,
                    limit.concentration_percent.value if limit.concentration_percent else None,
                    limit.concentration_amount.value if limit.concentration_amount else None,
                )
                if limit in own
                else borrower_cap
                for limit in limits
            ),
        )
    columns = ("cap", *(f"cap_{k}" for k in range(len(limits))))
    return tables.keyed_columns("caps", "borrower_id", columns, caps)


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
        debtor_name=str(row["debtor_name"] or ""),
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
        aged = sum((b.amount for b in result.ages), Decimal(0))
        if aged != result.aging_total:
            raise InvariantError(
                f"{aging}: borrower {result.borrower_id!r}: aging buckets {aged} != aging "
                f"total {result.aging_total}"
            )
