"""The `late_charges` clause type: the charge on a payment made late under any agreement (a
percentage of the overdue amount, a fixed amount, or the greater of the two) after a grace
period, interest on it from the due date, and first-late-payment waivers. The obligations
charged are those of the clauses the sheet names (a lease's rent); the payments are read from
facts/payments.csv."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from pactum.clauses.api import (
    ClauseContext,
    ClauseFindings,
    ClauseType,
    RollColumn,
    TermProblem,
    TermSheet,
    registered,
)
from pactum.dates import month_end
from pactum.findings import (
    Alert,
    Obligation,
    ObligationCategory,
    Severity,
    SourceRef,
    Trace,
    Unit,
    Value,
)
from pactum.late_charges.charges import Late, late_obligations
from pactum.late_charges.payments import Payment, Payments, load_payments
from pactum.late_charges.schema import LateChargesTerms
from pactum.money import ZERO, money_display, money_str
from pactum.terms.values import MAX_DAYS, sources

# the obligations charged are read from the earliest day any agreement can mean; those of the
# year after the as-of date too, so that a payment made in advance is known for one
EARLIEST = date(1900, 1, 1)
AHEAD = timedelta(days=366)


class LateCharges(ClauseType[LateChargesTerms]):
    name = "late_charges"
    survives_the_term = True  # owed after the agreement's term too
    description = (
        "Late charges: a percentage of the overdue amount, a fixed amount or the greater, "
        "after a grace period; interest from the due date; first-late-payment waivers."
    )
    schema = LateChargesTerms

    def validate(self, terms: LateChargesTerms, header: TermSheet) -> Sequence[TermProblem]:
        problems: list[TermProblem] = []
        ids = [c.id for c in header.clauses]
        for index, name in enumerate(terms.charged_on):
            if name not in ids:
                problems.append(
                    (("charged_on", index), repr(name), "the id of a clause: " + ", ".join(ids))
                )
        if terms.grace is not None and not 0 <= terms.grace.days.value <= MAX_DAYS:
            problems.append(
                (
                    ("grace", "days"),
                    str(terms.grace.days.value),
                    f"a grace period of 0 or more days (at most {MAX_DAYS})",
                )
            )
        charge = terms.charge
        if charge is not None and charge.rate is None and charge.amount is None:
            problems.append((("charge",), "neither rate nor amount", "a rate, an amount or both"))
        waiver = terms.waiver
        if waiver is not None and waiver.months is not None and waiver.months.value < 1:
            problems.append((("waiver", "months"), str(waiver.months.value), "1 or more months"))
        return problems

    def load_facts(self, folder: Path) -> Payments:
        return load_payments(folder)

    def evaluate(self, ctx: ClauseContext[LateChargesTerms]) -> ClauseFindings:
        payments = ctx.facts()
        assert isinstance(payments, Payments)
        charged = _charged(ctx)
        by_id = {o.id: payments.of(ctx.agreement.id, o.id) for o in charged if o.amount is not None}
        found = late_obligations(ctx.terms, ctx.calendar, charged, by_id, ctx.as_of)
        values: list[Value] = []
        obligations: list[Obligation] = []
        for late in found:
            values += _values(ctx, late, payments.file)
            obligations += _obligations(ctx, late)
        values += _totals(ctx, found)
        return ClauseFindings(
            values=tuple(values),
            obligations=tuple(obligations),
            alerts=tuple(_unknown_payments(ctx, payments, charged)),
        )

    def beside_roll(
        self, ctx: ClauseContext[LateChargesTerms], days: Sequence[date]
    ) -> Sequence[RollColumn]:
        """The late charge and the interest on each obligation charged, in the row of the
        latest roll day on or before its due date (a month's rent in its own row), as known
        on the as-of date; rows due after the as-of date are blank (nothing is late yet)."""
        if not days:
            return ()
        payments = ctx.facts()
        assert isinstance(payments, Payments)
        charged = _charged(ctx)
        by_id = {o.id: payments.of(ctx.agreement.id, o.id) for o in charged if o.amount is not None}
        found = late_obligations(ctx.terms, ctx.calendar, charged, by_id, ctx.as_of)
        waiver = ctx.terms.waiver
        interest_waived = waiver is not None and waiver.interest_too.value
        known = [d for d in days if d <= ctx.as_of]
        charges: dict[date, Decimal] = dict.fromkeys(known, ZERO)
        interest: dict[date, Decimal] = dict.fromkeys(known, ZERO)
        for late in found:
            row = max((d for d in known if d <= late.obligation.due), default=None)
            if row is None or late.obligation.due > month_end(days[-1]):
                continue  # before the roll's first row or after its last month
            charges[row] += ZERO if late.waived else late.charge
            interest[row] += ZERO if late.waived and interest_waived else late.interest
        columns = [
            RollColumn(
                "late_charge",
                charges,
                summed=True,
                note="late charge: the charges on what fell due from the row's due date to the "
                "next row's, a waived one at 0.00, as known on the as-of date.",
            )
        ]
        if ctx.terms.interest is not None:
            columns.append(
                RollColumn(
                    "late_interest",
                    interest,
                    summed=True,
                    note="late interest: the interest on the same late payments, up to the day "
                    "each was paid in full or to the as-of date.",
                )
            )
        return columns


def _charged(ctx: ClauseContext[LateChargesTerms]) -> list[Obligation]:
    """The obligations with an amount of the clauses charged, due up to a year after the
    as-of date (only those whose grace has ended are charged)."""
    found: list[Obligation] = []
    for clause in ctx.agreement.clauses:
        if clause.id not in ctx.terms.charged_on:
            continue
        other: ClauseContext[Any] = ClauseContext(
            ctx.agreement, clause, clause.terms, ctx.portfolio, ctx.as_of
        )
        listed = registered(clause.type).obligations_between(other, EARLIEST, ctx.as_of + AHEAD)
        if listed is None:
            earlier = ctx.earlier.get(clause.id)
            listed = list(earlier.obligations) if earlier else []
        found += [o for o in listed if o.amount is not None and o.id]
    return found


def _refs(ctx: ClauseContext[LateChargesTerms]) -> tuple[SourceRef, ...]:
    terms = ctx.terms
    grace, charge = terms.grace, terms.charge
    return sources(
        *((grace.days, grace.business_days) if grace else ()),
        *((charge.rate, charge.amount) if charge else ()),
    )


def _values(ctx: ClauseContext[LateChargesTerms], late: Late, file: str) -> list[Value]:
    terms, owed = ctx.terms, late.obligation
    paid = late.paid_in_full.isoformat() if late.paid_in_full else "not paid in full"
    common = {
        "obligation": f"{owed.what} ({owed.id})",
        "amount": money_str(owed.amount or ZERO),
        "due": owed.due.isoformat(),
        "last day of grace": late.grace_end.isoformat(),
        "paid in full": f"{paid} ({file})",
    }
    charge, interest = late.charge, late.interest
    charge_formula, interest_formula = late.charge_formula, late.interest_formula
    waiver = terms.waiver
    if late.waived:
        charge_formula = f"{late.waived} (would be {money_str(charge)}: {charge_formula})"
        charge = ZERO
        if waiver is not None and waiver.interest_too.value:
            interest_formula = f"{late.waived} (would be {money_str(interest)})"
            interest = ZERO
    waiver_refs = sources(waiver.months, waiver.paid_within, waiver.interest_too) if waiver else ()
    values = [
        Value(
            f"late-charge-{owed.id}",
            charge,
            Unit.money,
            f"Late charge on {owed.what}",
            Trace(
                charge_formula,
                {**common, **late.charge_inputs},
                (*_refs(ctx), *(waiver_refs if late.waived else ())),
            ),
        )
    ]
    if terms.interest is not None:
        values.append(
            Value(
                f"late-interest-{owed.id}",
                interest,
                Unit.money,
                f"Interest on late {owed.what}",
                Trace(
                    interest_formula,
                    {**common, **late.interest_inputs},
                    sources(terms.interest.rate, terms.interest.day_count),
                ),
            )
        )
    return values


def _obligations(ctx: ClauseContext[LateChargesTerms], late: Late) -> list[Obligation]:
    """The late charge, due the day after the grace ends (when it is first owed)."""
    charge = ZERO if late.waived else late.charge
    if charge <= 0:
        return []
    owed = late.obligation
    return [
        Obligation(
            late.grace_end + timedelta(days=1),
            f"Late charge on {owed.what}",
            charge,
            _refs(ctx),
            f"{money_display(late.overdue)} unpaid at the end of the grace on "
            f"{late.grace_end.isoformat()}",
            ObligationCategory.fee,
            f"late-charge-{owed.id}",
        )
    ]


def _totals(ctx: ClauseContext[LateChargesTerms], found: list[Late]) -> list[Value]:
    waiver = ctx.terms.waiver
    interest_waived = waiver is not None and waiver.interest_too.value
    charges = [(f.obligation.id, Decimal(0) if f.waived else f.charge) for f in found]
    interest = [
        (f.obligation.id, Decimal(0) if f.waived and interest_waived else f.interest) for f in found
    ]
    return [
        Value(
            name,
            sum((amount for _, amount in parts), ZERO),
            Unit.money,
            label,
            Trace(
                f"the sum of the {what} of each late payment up to the as-of date",
                {key: money_str(amount) for key, amount in parts},
            ),
        )
        for name, label, what, parts in (
            ("late-charges-total", "Late charges to date", "late charge", charges),
            ("late-interest-total", "Interest on late payments to date", "interest", interest),
        )
    ]


def _unknown_payments(
    ctx: ClauseContext[LateChargesTerms], payments: Payments, charged: list[Obligation]
) -> list[Alert]:
    """A payment of this agreement that pays none of the obligations charged: a typo in
    `pays` would leave an obligation unpaid and charged."""
    ids = {o.id for o in charged}
    stray: list[Payment] = [
        p
        for p in payments.rows
        if p.agreement == ctx.agreement.id and p.pays not in ids and p.day <= ctx.as_of
    ]
    return [
        Alert(
            Severity.warning,
            f"{payments.file} row {p.row}: pays {p.pays!r}, which is no obligation of "
            f"{', '.join(ctx.terms.charged_on)}; not counted.",
        )
        for p in stray
    ]


CLAUSE = LateCharges()
