"""The per-invoice ledger: which reason took each dollar of each invoice, written to Parquet.

The waterfall works on debtors (waterfall.py): each debtor's dollars are split into classes
(clean, each flag, aged) and each step takes cents from the classes. The ledger hands those
cents down to the invoices, from the same plan on either engine:

- the debtor table keeps each class's cents before the first step and after each step
  (`before_concentration(..., snapshots=True)`), so what step i took from class k is a
  difference; concentration is taken from the classes in the order credits take them;
- within a (debtor, class) the invoices are put on one line of dollars, oldest first (invoice
  date, due date, invoice id), and the reasons take that line in waterfall order, the eligible
  remainder last. An invoice's share of a reason is the overlap of its stretch of the line
  with the reason's: prefix sums over a window, no Python loop over rows;
- a credit (a negative balance) is a row of reason `credit`: its dollars reduce the debtor's
  gross under `credit_balances`, taken from the debit invoices.

One row per (invoice, reason that took some of it); an invoice of zero dollars has one
`eligible` row of 0.00. The rows of an invoice add up to its balance. The certificate's lines
are sums of the ledger: the written file is read back and checked against the certificate
before it takes the target's place; a difference is an InvariantError naming the line.
Built only when a ledger is asked for: a run without one computes nothing of it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import ibis
import ibis.expr.types as ir

from pactum.collateral.engines import Tables
from pactum.collateral.results import ReceivablesResult
from pactum.collateral.rules import ReceivableRules, exempt_classes
from pactum.collateral.waterfall import CLEAN, CREDIT, class_cases, classes
from pactum.files.atomic import write_atomically
from pactum.money import money_str

ELIGIBLE = "eligible"
INVOICE_COLUMNS = (
    "borrower_id",
    "invoice_id",
    "debtor_id",
    "debtor_name",
    "invoice_date",
    "due_date",
)
KEPT_FROM_AGING = ("invoice_id", "invoice_date", "due_date")


class LedgerMismatch(AssertionError):
    """A certificate line that is not the sum of the ledger: a bug, never bad input."""


def reasons_in_order(rules: ReceivableRules) -> list[tuple[str, int | None]]:
    """(reason, the index of the step that takes it) in waterfall order; the `flags` step is
    one reason per flag; concentration and the eligible remainder come last."""
    found: list[tuple[str, int | None]] = []
    for index, step in enumerate(rules.order.value):
        if step == "flags":
            found += [(flag, index) for flag in rules.flags.value]
        else:
            found.append((step, index))
    return [*found, ("concentration", None), (ELIGIBLE, None)]


def _class_reasons(final: ir.Table, rules: ReceivableRules, name: str) -> ir.Table:
    """For one class of each debtor: the end of each reason's stretch on the class's line of
    dollars (`e_<reason>`, cumulative cents in waterfall order)."""
    names = classes(rules)
    order = rules.order.value
    # concentration takes from the classes in order, as credits do (waterfall._take_in_order)
    before: ir.IntegerValue = ibis.literal(0, type="int64")
    for other in names[: names.index(name)]:
        before = before + final[f"c_{other}"]
    left = final[f"c_{name}"]
    concentration = ibis.least(ibis.greatest(final.concentration - before, 0), left)
    ends: dict[str, ir.IntegerValue] = {}
    cumulative: ir.IntegerValue = ibis.literal(0, type="int64")
    for reason, index in reasons_in_order(rules):
        if reason == "concentration":
            taken: ir.IntegerValue = concentration
        elif reason == ELIGIBLE:
            taken = left - concentration
        elif order[index or 0] == "flags" and reason != name:
            taken = ibis.literal(0, type="int64")  # a flag's step takes only its own class
        else:
            previous = f"s{index - 1}_{name}" if index else f"s_start_{name}"
            taken = final[previous] - final[f"s{index}_{name}"]
        cumulative = cumulative + taken
        ends[f"e_{reason}"] = cumulative
    return final.select("borrower_id", "debtor_id", cls=ibis.literal(name), **ends)


def invoice_class(invoices: ir.Table, rules: ReceivableRules) -> ir.StringValue:
    """The class of an invoice's dollars, as the waterfall decides it (`class_cases`)."""
    return ibis.cases(*class_cases(invoices, rules), else_=CLEAN)


def ledger_table(
    tables: Tables, invoices: ir.Table, final: ir.Table, rules: ReceivableRules
) -> ir.Table:
    """The ledger's rows, amounts in integer cents, `position` the reason's place in the
    waterfall. `invoices` is `classify(..., keep=KEPT_FROM_AGING)`; `final` the debtor table
    after concentration, made with snapshots."""
    names = classes(rules)
    segments = _class_reasons(final, rules, names[0])
    for name in names[1:]:
        segments = segments.union(_class_reasons(final, rules, name))
    typed = invoices.mutate(cls=invoice_class(invoices, rules))
    debits = typed.filter(typed.cls != CREDIT)
    line = ibis.cumulative_window(
        group_by=[debits.borrower_id, debits.debtor_id, debits.cls],
        order_by=[debits.invoice_date, debits.due_date, debits.invoice_id, debits.balance],
    )
    # a sum over a window is a wider integer on DuckDB (HUGEINT): cents fit in 64 bits
    debits = debits.mutate(high=debits.balance.sum().over(line).cast("int64"))
    joined = debits.join(segments, ["borrower_id", "debtor_id", "cls"])
    low = joined.high - joined.balance
    shares: dict[str, ir.IntegerValue] = {}
    start: ir.IntegerValue = ibis.literal(0, type="int64")
    for reason, _ in reasons_in_order(rules):
        end = joined[f"e_{reason}"]
        overlap = ibis.least(joined.high, end) - ibis.greatest(low, start)
        shares[reason] = ibis.greatest(overlap, 0).cast("int64")
        start = end
    # kept: the union below reads it once per reason
    wide = tables.keep(joined.select(*INVOICE_COLUMNS, "balance", **shares), "ledger_wide")
    rows = [
        wide.filter(
            (wide[reason] != 0) | (wide.balance == 0) if reason == ELIGIBLE else wide[reason] != 0
        ).select(
            *INVOICE_COLUMNS,
            "balance",
            reason=ibis.literal(reason),
            amount=wide[reason],
            eligible=wide[ELIGIBLE],
            position=ibis.literal(position, type="int64"),
        )
        for position, (reason, _) in enumerate(reasons_in_order(rules))
    ]
    credits = typed.filter(typed.cls == CREDIT)
    rows.append(
        credits.select(
            *INVOICE_COLUMNS,
            "balance",
            reason=ibis.literal(CREDIT),
            amount=credits.balance,
            eligible=ibis.literal(0, type="int64"),
            position=ibis.literal(-1, type="int64"),
        )
    )
    return ibis.union(*rows)


def parameters(rules: ReceivableRules) -> dict[str, str]:
    """Each reason's rule, with the sheet's parameters, as the ledger's `parameters` text."""

    def percent(value: Decimal) -> str:
        return f"{(value * 100).normalize():f}%"

    aged = [
        f"more than {term.value} days {what}"
        for term, what in (
            (rules.max_days_from_invoice, "from the invoice date"),
            (rules.max_days_past_due, "past the due date"),
        )
        if term is not None
    ]
    texts = {
        CREDIT: "a credit in the aging: it reduces the debtor's gross under credit_balances",
        "credit_balances": "the debtor's credits, taken from its clean dollars first",
        "aged": " or ".join(aged) or "no aging rule",
        "cross_aged": (
            f"the debtor's aged gross {rules.cross_age_comparison.value.replace('_', ' ')} "
            f"{percent(rules.cross_age_percent.value)} of its gross"
            if rules.cross_age_percent is not None
            else "no cross-aging rule"
        ),
        "foreign": "a debtor outside " + ", ".join(rules.home_countries.value),
        "affiliate": "a debtor that is an affiliate",
        "government": "a government debtor",
        "contra": "what the borrower owes the debtor (payables)",
        "concentration": (
            f"the debtor's balance above {percent(rules.concentration_percent.value)} of the "
            f"borrower's {rules.concentration_base.value.replace('_', ' ')}"
            if rules.concentration_percent is not None
            else "no general concentration limit"
        )
        + "".join(
            f"; {limit.debtor.value}: its own limit"
            for limit in rules.debtor_limits
            if limit.concentration_percent or limit.concentration_amount
        ),
        ELIGIBLE: "the eligible remainder",
    }
    for flag in rules.flags.value:
        texts[flag] = f"an invoice flagged {flag}"
    for reason in ("aged", *rules.flags.value):
        exempt = exempt_classes(rules, reason)
        if exempt:
            texts[reason] += "; account classes exempt: " + ", ".join(exempt)
    return texts


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _cents_to_money(column: str) -> str:
    # decimal times decimal is exact in DuckDB (a decimal divided would be a double)
    return f"CAST(CAST({column} AS DECIMAL(18,0)) * 0.01 AS DECIMAL(18,2)) AS {column}"


def write_ledger(
    tables: Tables,
    rows: ir.Table,
    rules: ReceivableRules,
    results: dict[str, ReceivablesResult],
    path: Path,
) -> None:
    """Write the ledger to `path` (Parquet), whole or not at all, after checking that the
    certificate's lines are its sums. DuckDB writes it on either engine: Spark's rows are
    brought back as Arrow (the money made Decimal the same way, the file the same)."""
    con = tables.con
    if tables.engine == "duckdb":
        source = f"({ibis.to_sql(rows, dialect='duckdb')})"
    else:
        con.register("ledger_rows", tables.backend.to_pyarrow(rows))
        source = "ledger_rows"
    described = " ".join(
        f"WHEN {_sql_text(reason)} THEN {_sql_text(text)}"
        for reason, text in parameters(rules).items()
    )
    select = (
        f"SELECT {', '.join(INVOICE_COLUMNS)}, {_cents_to_money('balance')}, reason, "
        f"{_cents_to_money('amount')}, CASE reason {described} END AS parameters, "
        f"{_cents_to_money('eligible')} FROM {source} AS ledger "
        "ORDER BY borrower_id, debtor_id, invoice_date, due_date, invoice_id, position"
    )

    def write(temporary: Path) -> None:
        con.execute(f"COPY ({select}) TO {_sql_text(str(temporary))} (FORMAT parquet)")
        check_ledger(tables, temporary, results, path)

    write_atomically(path, write)


def check_ledger(
    tables: Tables, written: Path, results: dict[str, ReceivablesResult], named: Path
) -> None:
    """Each certificate line against the sum of the ledger's rows for it, to the cent."""
    sums: dict[str, dict[str, Decimal]] = {}
    query = (
        "SELECT borrower_id, reason, sum(amount) FROM read_parquet("
        f"{_sql_text(str(written))}) GROUP BY borrower_id, reason"
    )
    for borrower, reason, amount in tables.con.execute(query).fetchall():
        sums.setdefault(str(borrower), {})[str(reason)] = Decimal(amount)
    for borrower in sorted(set(sums) - set(results)):
        raise LedgerMismatch(f"{named}: borrower {borrower!r}: in the ledger, not the certificate")
    for borrower, result in results.items():
        found = sums.get(borrower, {})

        def total(*reasons: str, found: dict[str, Decimal] = found) -> Decimal:
            return sum((found.get(r, Decimal(0)) for r in reasons), Decimal(0))

        debit_reasons = [r for r in found if r != CREDIT]
        lines = [
            ("gross", result.gross, total(*debit_reasons)),
            *((b.reason, b.amount, total(b.reason)) for b in result.buckets),
            (ELIGIBLE, result.eligible, total(ELIGIBLE)),
            (
                "unapplied credits",
                result.unapplied_credits,
                -total(CREDIT) - total("credit_balances"),
            ),
            ("aging total", result.aging_total, total(*found)),
        ]
        for line, certificate, ledger in lines:
            if certificate != ledger:
                raise LedgerMismatch(
                    f"{named}: borrower {borrower!r}: line {line}: certificate "
                    f"{money_str(certificate)} but the ledger sums to {money_str(ledger)}"
                )
