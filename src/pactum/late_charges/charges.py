"""Each late payment's charge and interest, worked out from the obligation it pays and the
payments of it.

An obligation is late when what is paid on or before the last day of grace (the due date plus
the grace days, calendar or business, rolled as the sheet says) is less than its amount. The
charge is the rate times what is overdue that day, or the fixed amount, or the greater of the
two, rounded half-up to the cent. Interest runs on what is unpaid each day, from the due date
(or from the day after the grace) up to the day it is paid (that day not counted), or up to
the as-of date while unpaid; the total is rounded half-up to the cent. A late payment is
waived when no other obligation was late in the waiver's months before its due date (the
first of all, without months) and, with `paid_within`, it was paid in full in time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from pactum.business_days import BusinessCalendar
from pactum.dates import add_months
from pactum.day_count import year_fraction
from pactum.findings import Obligation
from pactum.late_charges.payments import Payment
from pactum.late_charges.schema import AccruesFrom, LateChargesTerms
from pactum.money import ZERO, cents, money_str, percent_str


@dataclass(frozen=True)
class Late:
    """A late obligation: what it owes in charge and interest, and how each was worked out."""

    obligation: Obligation
    grace_end: date
    overdue: Decimal  # unpaid at the end of the last day of grace
    paid_in_full: date | None  # None: not yet, on the as-of date
    charge: Decimal
    charge_formula: str
    charge_inputs: dict[str, str]
    interest: Decimal
    interest_formula: str
    interest_inputs: dict[str, str]
    waived: str  # why the charge (and perhaps the interest) is waived; "" when it is not


def grace_end(terms: LateChargesTerms, calendar: BusinessCalendar, due: date) -> date:
    grace = terms.grace
    if grace is None:
        return due
    days = grace.days.value
    last = (
        calendar.add_business_days(due, days)
        if grace.business_days.value
        else due + timedelta(days=days)
    )
    return calendar.roll(last, grace.roll.value)


def late_obligations(
    terms: LateChargesTerms,
    calendar: BusinessCalendar,
    obligations: list[Obligation],
    payments_of: dict[str, list[Payment]],
    as_of: date,
) -> list[Late]:
    """The obligations late by `as_of`, in due-date order, with their charges."""
    found: list[Late] = []
    for obligation in sorted(obligations, key=lambda o: (o.due, o.id)):
        amount = obligation.amount
        if amount is None or amount <= 0:
            continue
        last = grace_end(terms, calendar, obligation.due)
        if last >= as_of:
            continue  # not late yet, whatever is paid
        paid = [p for p in payments_of.get(obligation.id, []) if p.day <= as_of]
        overdue = amount - sum((p.amount for p in paid if p.day <= last), ZERO)
        if overdue <= 0:
            continue
        in_full = _paid_in_full(amount, paid)
        found.append(_late(terms, obligation, last, overdue, in_full, paid, as_of, found))
    return found


def _paid_in_full(amount: Decimal, paid: list[Payment]) -> date | None:
    total = ZERO
    for payment in paid:
        total += payment.amount
        if total >= amount:
            return payment.day
    return None


def _late(
    terms: LateChargesTerms,
    obligation: Obligation,
    last: date,
    overdue: Decimal,
    in_full: date | None,
    paid: list[Payment],
    as_of: date,
    earlier: list[Late],
) -> Late:
    assert obligation.amount is not None
    charge, formula, inputs = _charge(terms, overdue)
    interest, i_formula, i_inputs = _interest(terms, obligation, last, paid, in_full, as_of)
    waived = _waiver(terms, obligation, in_full, earlier)
    return Late(
        obligation, last, overdue, in_full, charge, formula, inputs, interest, i_formula,
        i_inputs, waived,
    )  # fmt: skip


def _charge(terms: LateChargesTerms, overdue: Decimal) -> tuple[Decimal, str, dict[str, str]]:
    charge = terms.charge
    inputs = {"overdue": money_str(overdue)}
    if charge is None:
        return ZERO, "no late charge in the clause", inputs
    by_rate = cents(charge.rate.value * overdue) if charge.rate is not None else None
    fixed = charge.amount.value if charge.amount is not None else None
    if charge.rate is not None:
        inputs["rate"] = percent_str(charge.rate.value)
    if fixed is not None:
        inputs["fixed"] = money_str(fixed)
    if by_rate is not None and fixed is not None:
        return max(by_rate, fixed), "the greater of rate x overdue (to the cent) and fixed", inputs
    if by_rate is not None:
        return by_rate, "rate x overdue, rounded half-up to the cent", inputs
    return fixed or ZERO, "fixed", inputs


def _interest(
    terms: LateChargesTerms,
    obligation: Obligation,
    last: date,
    paid: list[Payment],
    in_full: date | None,
    as_of: date,
) -> tuple[Decimal, str, dict[str, str]]:
    interest = terms.interest
    if interest is None:
        return ZERO, "no interest in the clause", {}
    assert obligation.amount is not None
    start = (
        obligation.due
        if interest.accrues_from.value is AccruesFrom.due
        else last + timedelta(days=1)
    )
    stop = in_full or as_of
    convention = interest.day_count.value
    unpaid = obligation.amount - sum((p.amount for p in paid if p.day <= start), ZERO)
    total = ZERO
    inputs = {"rate": f"{percent_str(interest.rate.value)} per annum"}
    since = start
    for payment in [p for p in paid if start < p.day <= stop]:
        fraction = year_fraction(convention, since, payment.day)
        total += unpaid * interest.rate.value * fraction.value
        inputs[f"{since.isoformat()} to {payment.day.isoformat()}"] = (
            f"{money_str(unpaid)} x {fraction}"
        )
        unpaid -= payment.amount
        since = payment.day
    if in_full is None and since < stop:
        fraction = year_fraction(convention, since, stop)
        total += unpaid * interest.rate.value * fraction.value
        inputs[f"{since.isoformat()} to {stop.isoformat()} (unpaid on the as-of date)"] = (
            f"{money_str(unpaid)} x {fraction}"
        )
    formula = (
        "the sum over each span of unpaid x rate x days / year days, from "
        f"{'the due date' if start == obligation.due else 'the day after the grace'} to the day "
        "paid (not counted), the total rounded half-up to the cent"
    )
    return cents(total), formula, inputs


def _waiver(
    terms: LateChargesTerms, obligation: Obligation, in_full: date | None, earlier: list[Late]
) -> str:
    waiver = terms.waiver
    if waiver is None:
        return ""
    if waiver.months is not None:
        since = add_months(obligation.due, -waiver.months.value)
        before = [e for e in earlier if since < e.obligation.due < obligation.due]
        period = f"in the {waiver.months.value} months before"
    else:
        before = list(earlier)
        period = "before"
    if before:
        return ""
    if waiver.paid_within is not None:
        deadline = obligation.due + timedelta(days=waiver.paid_within.value)
        if in_full is None or in_full > deadline:
            return ""
    return f"waived: no other payment late {period} its due date"
