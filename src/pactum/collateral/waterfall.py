"""The receivables waterfall as Ibis expressions: one plan for DuckDB and Spark.

The plan makes one pass over the invoices: each invoice is put in a class (clean, its first
flag, or aged) and the classes are summed per (borrower, debtor) in a single group-by. Every
later rule works on that debtor table, which is small, taking dollars from the class columns in
order. Money is integer cents; there is no division inside the engines (Spark would compile an
integer division through floating point), so the concentration cap is computed exactly in
Python from the borrowers' totals and joined back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import ibis
import ibis.expr.types as ir

from pactum.collateral.rules import DEBTOR_KINDS, ReceivableRules, basis_points

CLEAN = "clean"
AGED = "aged"


def classes(rules: ReceivableRules) -> list[str]:
    """The dollar classes in the order credits and contra take from them: clean first, then
    flagged (the sheet's order), then aged; a credit never empties an ineligible bucket while
    eligible dollars remain."""
    return [CLEAN, *rules.flags.value, AGED]


def classify(aging: ir.Table, rules: ReceivableRules, as_of: date) -> ir.Table:
    """Per invoice: its class (a credit, clean, its first flag, or aged) and the debtor
    attributes the rules use."""
    aged = ibis.literal(False)
    if rules.max_days_from_invoice is not None:
        # more than N days past the invoice date: dated before as_of - N
        cutoff = as_of - timedelta(days=rules.max_days_from_invoice.value)
        aged = aged | (aging.invoice_date < cutoff)
    if rules.max_days_past_due is not None:
        cutoff = as_of - timedelta(days=rules.max_days_past_due.value)
        aged = aged | (aging.due_date < cutoff)
    # the class as its position in classes() (credits after them): small integers group fast
    names = classes(rules)
    klass: ir.IntegerValue = ibis.literal(names.index(CLEAN), type="int8")
    for flag in reversed(rules.flags.value):  # the first flag in the sheet's order wins
        klass = ibis.ifelse(aging[flag], ibis.literal(names.index(flag), type="int8"), klass)
    klass = ibis.ifelse(aged, ibis.literal(names.index(AGED), type="int8"), klass)
    klass = ibis.ifelse(aging.balance_cents < 0, ibis.literal(len(names), type="int8"), klass)
    foreign = aging.foreign
    if rules.foreign.value:
        home = [c.upper() for c in rules.home_countries.value]
        foreign = foreign | ((aging.country != "") & ~aging.country.isin(home))
    return aging.select(
        "borrower_id",
        "debtor_id",
        balance=aging.balance_cents,
        klass=klass,
        is_foreign=foreign,
        is_affiliate=aging.affiliate,
        is_government=aging.government,
    )


def debtor_table(invoices: ir.Table, payables: ir.Table | None, rules: ReceivableRules) -> ir.Table:
    """Each debtor's gross, credits, class sums and attributes.

    The one pass over the invoices groups by debtor, class and attributes with a single sum:
    in DuckDB every extra aggregate costs as much as the grouping, so the classes are summed
    as rows first and turned into columns on the much smaller result.
    """
    names = classes(rules)
    cells = invoices.group_by(
        ["borrower_id", "debtor_id", "klass", "is_foreign", "is_affiliate", "is_government"]
    ).aggregate(cents=invoices.balance.sum(), rows=invoices.count())
    credit = len(names)
    debtors = cells.group_by(["borrower_id", "debtor_id"]).aggregate(
        invoices=cells.rows.sum(),
        balance=cells.cents.sum(),
        gross=cells.cents.sum(where=cells.klass != credit).fill_null(0),
        credits=(-cells.cents).sum(where=cells.klass == credit).fill_null(0),
        aged_gross=cells.cents.sum(where=cells.klass == names.index(AGED)).fill_null(0),
        foreign=cells.is_foreign.any(),
        affiliate=cells.is_affiliate.any(),
        government=cells.is_government.any(),
        **{
            f"c_{name}": cells.cents.sum(where=cells.klass == code).fill_null(0)
            for code, name in enumerate(names)
        },
    )
    if payables is None or not rules.contra.value:
        return debtors.mutate(payable=ibis.literal(0, type="int64"))
    owed = payables.group_by(["borrower_id", "debtor_id"]).aggregate(
        owed=payables.payable_cents.sum()
    )
    joined = debtors.left_join(owed, ["borrower_id", "debtor_id"])
    return joined.select(*debtors.columns, payable=joined.owed.fill_null(0))


def _remaining(t: ir.Table, names: list[str]) -> ir.IntegerValue:
    total: ir.IntegerValue = t[f"c_{names[0]}"]
    for name in names[1:]:
        total = total + t[f"c_{name}"]
    return total


def _take_in_order(t: ir.Table, amount: str, bucket: str, names: list[str]) -> ir.Table:
    """Take `amount` cents from the class columns in order into `bucket`."""
    t = t.mutate(_left=t[amount])
    for name in names:
        column = f"c_{name}"
        take = ibis.least(t._left, t[column])
        t = t.mutate(**{column: t[column] - take, "_left": t._left - take})
    return t.mutate(**{bucket: t[amount] - t._left}).drop("_left")


def _take_all_if(
    t: ir.Table, condition: ir.BooleanValue, bucket: str, names: list[str]
) -> ir.Table:
    """The debtor's whole remaining balance into `bucket` when `condition` holds."""
    t = t.mutate(_if=condition)
    t = t.mutate(**{bucket: ibis.ifelse(t._if, _remaining(t, names), 0)})
    t = t.mutate(**{f"c_{n}": ibis.ifelse(t._if, 0, t[f"c_{n}"]) for n in names})
    return t.drop("_if")


def before_concentration(debtors: ir.Table, rules: ReceivableRules) -> ir.Table:
    """Rules 1 to 8 on the debtor table, in the sheet's order (the standard one unless it
    reorders them); each bucket a column, the classes what remains. Each step takes only what
    the steps before it left, so any order keeps every dollar under exactly one reason."""
    names = classes(rules)
    t = debtors
    for step in rules.order.value:
        t = _STEPS[step](t, rules, names)
    return t.mutate(remaining=_remaining(t, names))


def _credits(t: ir.Table, rules: ReceivableRules, names: list[str]) -> ir.Table:
    t = t.mutate(_credit=ibis.least(t.credits, _remaining(t, names)))
    return _take_in_order(t, "_credit", "credit_balances", names).drop("_credit")


def _aged(t: ir.Table, rules: ReceivableRules, names: list[str]) -> ir.Table:
    return t.mutate(aged=t.c_aged, c_aged=0)


def _cross_aged(t: ir.Table, rules: ReceivableRules, names: list[str]) -> ir.Table:
    if rules.cross_age_percent is None:
        return t.mutate(cross_aged=ibis.literal(0, type="int64"))
    # measured on the debtor's gross, whatever earlier steps took
    limit = basis_points(rules.cross_age_percent.value)
    return _take_all_if(t, t.aged_gross * 10000 > t.gross * limit, "cross_aged", names)


def _debtor_kind(kind: str) -> Step:
    def step(t: ir.Table, rules: ReceivableRules, names: list[str]) -> ir.Table:
        if not getattr(rules, kind).value:
            return t.mutate(**{kind: ibis.literal(0, type="int64")})
        return _take_all_if(t, t[kind], kind, names)

    return step


def _flags(t: ir.Table, rules: ReceivableRules, names: list[str]) -> ir.Table:
    for flag in rules.flags.value:
        t = t.mutate(**{flag: t[f"c_{flag}"], f"c_{flag}": 0})
    return t


def _contra(t: ir.Table, rules: ReceivableRules, names: list[str]) -> ir.Table:
    t = t.mutate(_contra=ibis.least(t.payable, _remaining(t, names)))
    return _take_in_order(t, "_contra", "contra", names).drop("_contra")


Step = Callable[[ir.Table, ReceivableRules, list[str]], ir.Table]
_STEPS: dict[str, Step] = {
    "credit_balances": _credits,
    "aged": _aged,
    "cross_aged": _cross_aged,
    **{kind: _debtor_kind(kind) for kind in DEBTOR_KINDS},
    "flags": _flags,
    "contra": _contra,
}


def with_concentration(debtors: ir.Table, caps: ir.Table | None) -> ir.Table:
    """Rule 9: the remaining balance above the borrower's cap (no cap: nothing)."""
    if caps is None:
        t = debtors.mutate(concentration=ibis.literal(0, type="int64"))
    else:
        joined = debtors.left_join(caps, "borrower_id")
        t = joined.select(
            *debtors.columns,
            concentration=ibis.greatest(joined.remaining - joined.cap.fill_null(0), 0),
        )
    return t.mutate(eligible=t.remaining - t.concentration)
