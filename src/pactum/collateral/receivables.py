"""Eligible receivables per borrower: check the files, run the waterfall, check the invariants,
and hand back Decimals."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
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
from pactum.collateral.rules import (
    NO_CAP,
    RECEIVABLE_REASONS,
    ReceivableRules,
    basis_points,
    rule_shape,
)
from pactum.collateral.waterfall import (
    PER_BORROWER,
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
    with open_tables(engine, (aging, payables)) as tables:
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
    _check_limit_columns(tables, aging, rules)
    return waterfall_on(tables, checked, rules, as_of, with_debtors, for_ledger)


def _check_limit_columns(tables: Tables, aging: Path, rules: ReceivableRules) -> None:
    """The aging has the column each of the sheet's debtor limits names its debtor by."""
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


@dataclass(frozen=True)
class OwnAging:
    """One borrower's aging (and payables) and rules, in a pass over several borrowers."""

    aging: Path
    payables: Path | None
    rules: ReceivableRules


def receivables_together(
    tables: Tables, members: Sequence[OwnAging], as_of: date, with_debtors: bool = False
) -> list[ReceivablesResult | None]:
    """One pass of the rules over several borrowers' agings whose rules have one shape
    (`rule_shape`): the agings as one table with a borrower column (each member's position),
    each borrower's own figures as columns of a parameters table joined to it (its aged
    cut-off dates and cross-aging basis points) or in its own concentration caps, so that one
    compiled plan serves all. Each member's result is the one its own run gives (None: an
    aging of no invoices); a file that is not one borrower's is refused, as its own run does."""
    rules = members[0].rules
    shape = rule_shape(rules)
    if any(rule_shape(m.rules) != shape for m in members):
        raise ValueError("receivables_together: members whose rules differ in shape")
    rows = 0
    own_ids: list[str] = []
    with_payables: list[int] = []
    for i, member in enumerate(members):
        rows += load_detail(
            tables.con, member.aging, AGING, f"aging_{i}", as_of, threaded=tables.threaded
        ).rows
        if member.payables is not None:
            same_borrower_columns(tables.con, member.aging, member.payables)
            load_detail(
                tables.con, member.payables, PAYABLES, f"payables_{i}", threaded=tables.threaded
            )
            with_payables.append(i)
        _check_limit_columns(tables, member.aging, rules)
        own_ids.append(_only_borrower(tables, member.aging, f"aging_{i}"))
    _parameters_table(tables, [m.rules for m in members], as_of)
    agings = " UNION ALL BY NAME ".join(
        f"SELECT * REPLACE ('{i}' AS borrower_id) FROM aging_{i}" for i in range(len(members))
    )
    per_borrower = ", ".join(f"p.{c}" for c in PER_BORROWER)
    tables.con.execute(
        f"CREATE OR REPLACE TEMP VIEW aging AS SELECT u.*, {per_borrower} FROM ({agings}) AS u "
        "JOIN borrower_parameters AS p USING (borrower_id)"
    )
    if with_payables:
        payables = " UNION ALL BY NAME ".join(
            f"SELECT * REPLACE ('{i}' AS borrower_id) FROM payables_{i}" for i in with_payables
        )
        tables.con.execute(f"CREATE OR REPLACE TEMP VIEW payables AS {payables}")
    # the views of several files together: described each time (`CheckedInputs.made_by`)
    checked = CheckedInputs(members[0].aging, rows, bool(with_payables), ())
    rules_of = {str(i): m.rules for i, m in enumerate(members)}
    run = waterfall_on(tables, checked, rules, as_of, with_debtors, shape=shape, rules_of=rules_of)
    return [
        replace(run.results[str(i)], borrower_id=own_ids[i]) if str(i) in run.results else None
        for i in range(len(members))
    ]


def _only_borrower(tables: Tables, aging: Path, view: str) -> str:
    """The one borrower_id the file's rows name ('' for none)."""
    found = tables.con.execute(
        f"SELECT count(DISTINCT borrower_id), min(borrower_id) FROM {view}"
    ).fetchone()
    count, first = (int(found[0]), str(found[1] or "")) if found else (0, "")
    if count > 1:
        raise fail(
            aging, None, "borrower_id", f"{count} borrowers", "one borrower's invoices per file"
        )
    return first


def _parameters_table(tables: Tables, rules: Sequence[ReceivableRules], as_of: date) -> None:
    """Each member's own figures, by its position: the dates before which an invoice is aged
    (as_of when the shape has no such rule: the column is then never read) and its
    cross-aging threshold in basis points."""

    def cutoff(days: int | None) -> str:
        return (as_of - timedelta(days=days) if days is not None else as_of).isoformat()

    rows = []
    for i, r in enumerate(rules):
        invoice = cutoff(r.max_days_from_invoice.value if r.max_days_from_invoice else None)
        due = cutoff(r.max_days_past_due.value if r.max_days_past_due else None)
        points = basis_points(r.cross_age_percent.value) if r.cross_age_percent else 0
        rows.append(f"('{i}', DATE '{invoice}', DATE '{due}', {points})")
    values = ", ".join(rows)
    tables.con.execute(
        "CREATE OR REPLACE TEMP TABLE borrower_parameters AS SELECT borrower_id, invoice_cutoff, "
        "due_cutoff, CAST(cross_age_bp AS BIGINT) AS cross_age_bp FROM (VALUES "
        f"{values}) AS t(borrower_id, {', '.join(PER_BORROWER)})"
    )


@dataclass(frozen=True)
class CheckedInputs:
    """The aging (and payables) read and checked, as the engine's typed views."""

    aging: Path
    rows: int
    payables: bool
    made_by: tuple[str, ...]  # the statements that made the views, as `Loaded` (or none)


def check_inputs(tables: Tables, aging: Path, payables: Path | None, as_of: date) -> CheckedInputs:
    """Read and check the files (inputs.py); a problem stops the run here, before any rule."""
    loaded = [load_detail(tables.con, aging, AGING, "aging", as_of, threaded=tables.threaded)]
    if payables is not None:
        same_borrower_columns(tables.con, aging, payables)
        loaded.append(
            load_detail(tables.con, payables, PAYABLES, "payables", threaded=tables.threaded)
        )
    made_by = tuple(one.made_by for one in loaded)
    return CheckedInputs(aging, loaded[0].rows, payables is not None, made_by)


def waterfall_on(
    tables: Tables,
    checked: CheckedInputs,
    rules: ReceivableRules,
    as_of: date,
    with_debtors: bool = False,
    for_ledger: bool = False,
    shape: str | None = None,
    rules_of: Mapping[str, ReceivableRules] | None = None,
) -> ReceivablesRun:
    """The rules on the checked views, then the invariants (for several borrowers in one
    pass: `shape`, the rules' shape the plan is kept by, and `rules_of`, each borrower's own
    rules for its concentration caps); with `for_ledger`, the run's
    `write_ledger` writes the per-invoice ledger (ledger.py), its sums checked against the
    certificate. On DuckDB each
    step's SQL is compiled once per plan (the rules, the date, the views' schemas, whether the
    ledger's snapshots are kept) and reused by the next run with the same plan: another
    borrower's, or the same aging's again."""
    views = ("aging", "payables") if checked.payables else ("aging",)
    snapshots = for_ledger  # the ledger needs each step's cents kept
    plan = (
        "receivables",
        shape if shape is not None else rules.model_dump_json(),
        as_of,
        tables.schemas(*views, made_by=checked.made_by),
        snapshots,
    )

    def debtors_plan() -> ir.Table:
        owed = tables.table("payables") if checked.payables else None
        invoices = classify(tables.table("aging"), rules, as_of)
        return before_concentration(debtor_table(invoices, owed, rules), rules, snapshots)

    # the debtor table is computed once and kept: the caps and the summary both read it
    debtors = tables.keep_planned((plan, "debtors"), debtors_plan, "debtors")
    limits = len(rules.debtor_limits)
    caps = _caps(tables, debtors, rules, plan, rules_of)
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
        key = AGE_BUCKETS[int(row["age"])][0]
        by_age.setdefault(str(row["borrower_id"]), {})[key] = money(row["amount"])
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
    tables: Tables,
    debtors: ir.Table,
    rules: ReceivableRules,
    plan: Hashable,
    rules_of: Mapping[str, ReceivableRules] | None = None,
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

    caps: dict[str, tuple[int, ...]] = {}
    for row in totals:
        total, borrower = int(row["total"]), str(row["borrower_id"])
        # a borrower's own rules (one shape: the same limits, with its own figures)
        theirs = rules_of.get(borrower, rules) if rules_of is not None else rules
        general = theirs.concentration_percent.value if theirs.concentration_percent else None
        borrower_cap = cap(total, general, None)
        caps[borrower] = (
            borrower_cap,
            *(
                cap(
                    total,
                    limit.concentration_percent.value if limit.concentration_percent else None,
                    limit.concentration_amount.value if limit.concentration_amount else None,
                )
                if limit.concentration_percent or limit.concentration_amount
                else borrower_cap
                for limit in theirs.debtor_limits
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
