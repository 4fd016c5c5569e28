"""Each interest period's interest as an obligation due on its payment date (`due`).

A period's payment date is `day_of_month` of the month after it, or `days_after_period_end`
days after its last day, rolled by `roll` on the agreement's business days (a date left on a
weekend or holiday says it is not rolled). Once the period has ended its amount is the
period's interest, as the clause's value gives it; before, it is listed without one. Interest
is owed on loans outstanding: a period with no balance row yet, or whose interest is exactly
zero, or (not yet ended) with nothing outstanding on the as-of date, owes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from pactum.dates import add_months, month_end
from pactum.errors import InputError
from pactum.fees.obligations import roll_note
from pactum.fees.periods import period_containing
from pactum.fees.schema import Every
from pactum.findings import Obligation, ObligationCategory
from pactum.interest.accrual import Interest
from pactum.interest.period_values import period_interest
from pactum.interest.schema import InterestDue
from pactum.terms.values import sources

# a period's interest is paid within weeks of its end: periods are looked for this far back
_LOOK_BACK = timedelta(days=400)


def interest_obligations(run: Interest, start: date, end: date) -> list[Obligation]:
    """The interest due from `start` to `end` (both included), as known at the as-of date."""
    terms = run.terms
    due = terms.due
    if due is None:
        return []
    every = Every(terms.every.value.value)
    facility = terms.facility or terms.balance_from or ""
    value_id = f"interest_{facility}" if facility else "interest"
    label = f"Interest ({facility.replace('_', ' ')})" if facility else "Interest"
    as_of = run.ctx.as_of
    first_balance = run.balances.rows[0].since if run.balances.rows else None
    if first_balance is None:
        return []
    found: list[Obligation] = []
    first, last = period_containing(max(start - _LOOK_BACK, first_balance), every)
    while first <= end:
        set_for = _payment_date(due, last)
        paid = run.ctx.calendar.roll(set_for, due.roll.value)
        if start <= paid <= end and last >= first_balance:
            obligation = _obligation(run, value_id, label, first, last, set_for, paid, as_of)
            if obligation is not None:
                found.append(obligation)
        first = last + timedelta(days=1)
        last = period_containing(first, every)[1]
    return found


def _obligation(
    run: Interest,
    value_id: str,
    label: str,
    first: date,
    last: date,
    set_for: date,
    paid: date,
    as_of: date,
) -> Obligation | None:
    due = run.terms.due
    assert due is not None
    span = f"{first.isoformat()} to {last.isoformat()}"
    notes = [roll_note(run.ctx.calendar, set_for, paid)]
    amount: Decimal | None = None
    refs = sources(due.day_of_month, due.days_after_period_end, due.roll)
    if last <= as_of:
        try:
            values, missing = period_interest(run, first, last)
        except InputError as exc:  # a day without a rate: bad input when its value is worked out
            values, missing, notes = [], None, [*notes, f"not computed: {exc}"]
        if values:
            total = values[0]
            amount = total.value if isinstance(total.value, Decimal) else None
            if amount == 0:
                return None
            if missing is not None:
                notes.append(missing.message)
            if total.trace is not None:
                refs = (*refs, *total.trace.sources)
    else:
        held = run.balances.in_force(as_of)
        if held is None or held.outstanding == 0:
            return None  # nothing outstanding: nothing accrues, as far as is known
    return Obligation(
        paid,
        f"{label} for {span}",
        amount,
        tuple(dict.fromkeys(refs)),  # each source once, in order
        "; ".join(n for n in notes if n),
        ObligationCategory.payment,
        f"{value_id.replace('_', '-')}-{first:%Y-%m}",
    )


def _payment_date(due: InterestDue, last: date) -> date:
    """The period's payment date before any roll."""
    if due.day_of_month is not None:
        month = add_months(last.replace(day=1), 1)
        return month.replace(day=min(due.day_of_month.value, month_end(month).day))
    assert due.days_after_period_end is not None
    return last + timedelta(days=due.days_after_period_end.value)
