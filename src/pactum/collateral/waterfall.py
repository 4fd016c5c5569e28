"""The receivables waterfall as Ibis expressions: one plan for DuckDB and Spark.

The plan makes one pass over the invoices: a single group-by (borrower, debtor) whose
aggregates are the sums of each dollar class (credits, clean, each flag, aged), each a sum
filtered on the invoice's class, decided once per invoice as a small integer. Filtered sums
keep the groups at one per debtor, which is what makes the pass cheap: a class in the
grouping key would multiply the groups. Every later
rule works on that debtor table, which is small, taking dollars from the class columns in
order. Money is integer cents; there is no division inside the engines (Spark would compile an
integer division through floating point), so the concentration cap is computed exactly in
Python from the borrowers' totals and joined back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import ibis
import ibis.expr.types as ir

from pactum.collateral.results import AGE_BUCKETS
from pactum.collateral.rules import (
    DEBTOR_KINDS,
    ReceivableRules,
    basis_points,
    exempt_classes,
)

CLEAN = "clean"
AGED = "aged"
# the columns of a per-borrower parameters table joined to an aging of several borrowers: each
# borrower's aged cut-off dates (as_of less its sheet's days) and cross-aging basis points
PER_BORROWER = ("invoice_cutoff", "due_cutoff", "cross_age_bp")


def classes(rules: ReceivableRules) -> list[str]:
    """The dollar classes in the order credits and contra take from them: clean first, then
    flagged (the sheet's order), then aged; a credit never empties an ineligible bucket while
    eligible dollars remain."""
    return [CLEAN, *rules.flags.value, AGED]


def classify(
    aging: ir.Table, rules: ReceivableRules, as_of: date, keep: tuple[str, ...] = ()
) -> ir.Table:
    """Per invoice: whether it is aged, its flags, and the debtor attributes the rules use
    (and the aging's columns named in `keep`: the ledger's invoice id and dates)."""
    aged = ibis.literal(False)
    # an aging of several borrowers (one pass for a book) carries each borrower's own cut-off
    # dates as columns (PER_BORROWER); one borrower's plan has them as literals
    shared = PER_BORROWER[0] in aging.columns
    if rules.max_days_from_invoice is not None:
        # more than N days past the invoice date: dated before as_of - N
        cutoff = as_of - timedelta(days=rules.max_days_from_invoice.value)
        aged = aged | (aging.invoice_date < (aging.invoice_cutoff if shared else cutoff))
    if rules.max_days_past_due is not None:
        cutoff = as_of - timedelta(days=rules.max_days_past_due.value)
        aged = aged | (aging.due_date < (aging.due_cutoff if shared else cutoff))
    aged = _unless_exempt(aging, aged, exempt_classes(rules, "aged"))
    flags = {
        flag: _unless_exempt(aging, aging[flag], exempt_classes(rules, flag))
        for flag in rules.flags.value
    }
    limits = {"limit_index": debtor_limit(aging, rules)} if rules.debtor_limits else {}
    foreign = aging.foreign
    if rules.foreign.value:
        home = [c.upper() for c in rules.home_countries.value]
        # the country as written, compared without case or surrounding spaces; most rows are
        # written exactly as a home country, and only the others pay for normalising
        written = aging.country.strip().upper()
        abroad = ibis.ifelse(aging.country.isin(home), False, (written != "") & ~written.isin(home))
        foreign = foreign | abroad
    return aging.select(
        "borrower_id",
        "debtor_id",
        "debtor_name",
        *keep,
        *(("cross_age_bp",) if shared else ()),
        **flags,
        **limits,
        balance=aging.balance_cents,
        is_aged=aged,
        is_foreign=foreign,
        is_affiliate=aging.affiliate,
        is_government=aging.government,
    )


def _unless_exempt(
    aging: ir.Table, condition: ir.BooleanValue, classes: list[str]
) -> ir.BooleanValue:
    """The exclusion's condition, false for an invoice of an exempt account class."""
    return condition & ~aging.account_class.isin(classes) if classes else condition


def debtor_limit(aging: ir.Table, rules: ReceivableRules) -> ir.IntegerValue:
    """The index of the first of the sheet's debtor limits the invoice's debtor matches; -1
    for none."""
    matches = [
        (aging[limit.column.value] == limit.debtor.value.strip(), index)
        for index, limit in enumerate(rules.debtor_limits)
    ]
    return ibis.cases(*matches, else_=-1).cast("int64")


CREDIT = "credit"


def class_cases(invoices: ir.Table, rules: ReceivableRules) -> list[tuple[ir.BooleanValue, str]]:
    """Each invoice's class, as (condition, class) pairs of which the first that holds wins
    (CLEAN when none does): a credit (a negative balance) first, then aged, then the flags in
    the sheet's order. Each debit dollar is in exactly one class; credits in none of
    `classes(rules)`."""
    return [
        (invoices.balance < 0, CREDIT),
        (invoices.is_aged, AGED),
        *((invoices[flag], flag) for flag in rules.flags.value),
    ]


def debtor_table(invoices: ir.Table, payables: ir.Table | None, rules: ReceivableRules) -> ir.Table:
    """Each debtor's gross, credits, class sums and attributes, in one group-by."""
    names = classes(rules)
    # each invoice's class as a small integer (its place in `names`, -1 a credit), decided
    # once per invoice: each class's sum then filters on one comparison, not on the negations
    # of every class before it
    place = {CREDIT: -1, **{name: index for index, name in enumerate(names)}}
    cases = ((condition, place[name]) for condition, name in class_cases(invoices, rules))
    invoices = invoices.mutate(class_index=ibis.cases(*cases, else_=place[CLEAN]).cast("int8"))
    cents, index = invoices.balance, invoices.class_index
    grouped = invoices.group_by(["borrower_id", "debtor_id"]).aggregate(
        invoices=invoices.count(),
        debtor_name=invoices.debtor_name.max(),  # one name per debtor as a rule; any if not
        credits=(-cents).sum(where=index == place[CREDIT]).fill_null(0),
        foreign=invoices.is_foreign.any(),
        affiliate=invoices.is_affiliate.any(),
        government=invoices.is_government.any(),
        # a debtor is under a limit when any of its invoices names it so
        **({"limit_index": invoices.limit_index.max()} if rules.debtor_limits else {}),
        # one value per borrower: the debtor's rows all carry its borrower's
        **(
            {"cross_age_bp": invoices.cross_age_bp.max()}
            if "cross_age_bp" in invoices.columns
            else {}
        ),
        **{f"c_{name}": cents.sum(where=index == place[name]).fill_null(0) for name in names},
    )
    gross = _remaining(grouped, names)
    debtors = grouped.mutate(
        gross=gross, balance=gross - grouped.credits, aged_gross=grouped[f"c_{AGED}"]
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


def _take_in_order(t: ir.Table, amount: ir.IntegerValue, bucket: str, names: list[str]) -> ir.Table:
    """Take `amount` cents (at most the remaining balance) from the class columns in order into
    `bucket`. Class k gives what is left of `amount` after the classes before it, at most its
    own cents: computed from prefix sums in one step, so the plan stays one select deep."""
    taken: dict[str, ir.IntegerValue] = {}
    before: ir.IntegerValue = ibis.literal(0, type="int64")
    for name in names:
        column = t[f"c_{name}"]
        taken[name] = ibis.least(ibis.greatest(amount - before, 0), column)
        before = before + column
    return t.mutate(
        **{bucket: ibis.least(amount, before)},
        **{f"c_{name}": t[f"c_{name}"] - take for name, take in taken.items()},
    )


def _take_all_if(
    t: ir.Table, condition: ir.BooleanValue, bucket: str, names: list[str]
) -> ir.Table:
    """The debtor's whole remaining balance into `bucket` when `condition` holds."""
    return t.mutate(
        **{bucket: ibis.ifelse(condition, _remaining(t, names), 0)},
        **{f"c_{n}": ibis.ifelse(condition, 0, t[f"c_{n}"]) for n in names},
    )


def before_concentration(
    debtors: ir.Table, rules: ReceivableRules, snapshots: bool = False
) -> ir.Table:
    """Rules 1 to 8 on the debtor table, in the sheet's order (the standard one unless it
    reorders them); each bucket a column, the classes what remains. Each step takes only what
    the steps before it left, so any order keeps every dollar under exactly one reason.

    With `snapshots` (for the per-invoice ledger only), each class's cents are also kept before
    the first step (`s_start_<class>`) and after each step i (`s<i>_<class>`): what step i took
    from a class is the difference, which the ledger hands down to the class's invoices."""
    names = classes(rules)
    t = debtors
    if snapshots:
        t = t.mutate(**{f"s_start_{n}": t[f"c_{n}"] for n in names})
    for index, step in enumerate(rules.order.value):
        t = _STEPS[step](t, rules, names)
        if snapshots:
            t = t.mutate(**{f"s{index}_{n}": t[f"c_{n}"] for n in names})
    return t.mutate(remaining=_remaining(t, names))


def _credits(t: ir.Table, rules: ReceivableRules, names: list[str]) -> ir.Table:
    return _take_in_order(t, t.credits, "credit_balances", names)


def _aged(t: ir.Table, rules: ReceivableRules, names: list[str]) -> ir.Table:
    return t.mutate(aged=t.c_aged, c_aged=0)


def _cross_aged(t: ir.Table, rules: ReceivableRules, names: list[str]) -> ir.Table:
    if rules.cross_age_percent is None:
        return t.mutate(cross_aged=ibis.literal(0, type="int64"))
    # measured on the debtor's gross, whatever earlier steps took; in integers, exactly
    limit: ir.IntegerValue | int = (
        t.cross_age_bp
        if "cross_age_bp" in t.columns
        else basis_points(rules.cross_age_percent.value)
    )
    aged, total = t.aged_gross * 10000, t.gross * limit
    # "at least" only when there is a balance: a debtor of no dollars is no cross-aged debtor
    over = (
        aged > total
        if rules.cross_age_comparison.value == "more_than"
        else ((aged >= total) & (t.gross > 0))
    )
    return _take_all_if(t, over, "cross_aged", names)


def _debtor_kind(kind: str) -> Step:
    def step(t: ir.Table, rules: ReceivableRules, names: list[str]) -> ir.Table:
        if not getattr(rules, kind).value:
            return t.mutate(**{kind: ibis.literal(0, type="int64")})
        return _take_all_if(t, t[kind], kind, names)

    return step


def _flags(t: ir.Table, rules: ReceivableRules, names: list[str]) -> ir.Table:
    flags = rules.flags.value
    return t.mutate(
        **{flag: t[f"c_{flag}"] for flag in flags}, **{f"c_{flag}": 0 for flag in flags}
    )


def _contra(t: ir.Table, rules: ReceivableRules, names: list[str]) -> ir.Table:
    return _take_in_order(t, t.payable, "contra", names)


Step = Callable[[ir.Table, ReceivableRules, list[str]], ir.Table]
_STEPS: dict[str, Step] = {
    "credit_balances": _credits,
    "aged": _aged,
    "cross_aged": _cross_aged,
    **{kind: _debtor_kind(kind) for kind in DEBTOR_KINDS},
    "flags": _flags,
    "contra": _contra,
}


def ages(aging: ir.Table, as_of: date) -> ir.Table:
    """Each borrower's open balances (debits and credits) by AGE_BUCKETS, `age` the bucket's
    place in AGE_BUCKETS (a small integer is a cheaper key than its name): days past due are
    compared as due dates against cut-off dates, so nothing is computed per row."""
    due = aging.due_date
    bounded = [days for _, _, days in AGE_BUCKETS if days is not None]
    bucket = ibis.cases(
        *((due >= as_of - timedelta(days=days), index) for index, days in enumerate(bounded)),
        else_=len(bounded),
    ).cast("int8")
    return aging.group_by(["borrower_id", bucket.name("age")]).aggregate(
        amount=aging.balance_cents.sum()
    )


def with_concentration(debtors: ir.Table, caps: ir.Table | None, limits: int = 0) -> ir.Table:
    """Rule 9: the remaining balance above the debtor's cap: the borrower's `cap`, or for a
    debtor under the sheet's debtor limit k, that limit's `cap_k` (no cap: nothing)."""
    if caps is None:
        t = debtors.mutate(concentration=ibis.literal(0, type="int64"))
    else:
        joined = debtors.left_join(caps, "borrower_id")
        cap: ir.IntegerValue = joined.cap
        if limits:
            cap = ibis.cases(
                *((joined.limit_index == k, joined[f"cap_{k}"]) for k in range(limits)), else_=cap
            )
        t = joined.select(
            *debtors.columns,
            concentration=ibis.greatest(joined.remaining - cap.fill_null(0), 0),
        )
    return t.mutate(eligible=t.remaining - t.concentration)
