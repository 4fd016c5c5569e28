"""A borrowing base set as an amount by redetermination (reserve-based lending).

The lenders redetermine the borrowing base from time to time (each `redetermination` event in
events.yaml: its date and amount); the base in force on a date is the latest one's on or
before it, the sheet's `initial` amount before any. When the loans and letters of credit in
force on a redetermination's date exceed the new base, the excess is a borrowing base
deficiency, repaid as the sheet's `deficiency_cure` says: in N equal monthly instalments
(each rounded half-up to the cent, the last taking the remainder so that they add up to the
deficiency), the first `first_due_days` after the redetermination, each later one on the same
day of the following months (clamped to a month's end). A later redetermination replaces the
base, and with it any schedule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from pactum.dates import add_months
from pactum.facts.dated_snapshots import InForce
from pactum.facts.events import AgreementEvents, Event
from pactum.findings import (
    Alert,
    Basis,
    Comparator,
    Obligation,
    ObligationCategory,
    Severity,
    TestResult,
    Trace,
    Unit,
    Value,
)
from pactum.kinds.revolver.schema import Redetermination
from pactum.money import ZERO, cents, money_display, money_str
from pactum.terms.values import sources

EXPOSURE = ("revolver_outstanding", "letters_of_credit")


def latest(events: AgreementEvents, on: date) -> Event | None:
    """The redetermination in force on `on`: the latest on or before it (of two on one day,
    the later in events.yaml)."""
    found = [e for e in events.named("redetermination") if e.date <= on]
    return max(enumerate(found), key=lambda p: (p[1].date, p[0]))[1] if found else None


def base_in_force(rbl: Redetermination, events: AgreementEvents, on: date) -> tuple[Decimal, Trace]:
    event = latest(events, on)
    if event is not None:
        amount: Decimal = event.data.amount
        return amount, Trace(
            "the amount of the latest redetermination on or before the date",
            {"redetermination": f"{money_str(amount)} ({event.where()})"},
        )
    if rbl.initial is None:
        return ZERO, Trace(
            "no redetermination on or before the date and no initial amount: 0.00",
            {"on": on.isoformat()},
        )
    return rbl.initial.value, Trace(
        "the initial borrowing base (no redetermination on or before the date)",
        {"initial": money_str(rbl.initial.value)},
        sources(rbl.initial),
    )


def _exposure(loans: InForce, on: date) -> Decimal:
    return sum(((d.amount if (d := loans.in_force(name, on)) else ZERO) for name in EXPOSURE), ZERO)


@dataclass(frozen=True)
class Deficiency:
    redetermined: Event
    base: Decimal
    exposure: Decimal  # loans and letters of credit on the redetermination's date
    amount: Decimal
    installments: tuple[tuple[date, Decimal], ...]  # empty: the sheet states no cure


def deficiency(
    rbl: Redetermination, events: AgreementEvents, loans: InForce, on: date
) -> Deficiency | None:
    """The deficiency the redetermination in force on `on` gave, with its cure schedule."""
    event = latest(events, on)
    if event is None:
        return None
    base: Decimal = event.data.amount
    exposure = _exposure(loans, event.date)
    amount = exposure - base
    if amount <= 0:
        return None
    cure = rbl.deficiency_cure
    if cure is None:
        return Deficiency(event, base, exposure, amount, ())
    count = cure.installments.value
    each = cents(amount / count)
    first = event.date + timedelta(days=cure.first_due_days.value)
    schedule = [(add_months(first, k), each) for k in range(count)]
    schedule[-1] = (schedule[-1][0], amount - each * (count - 1))
    return Deficiency(event, base, exposure, amount, tuple(schedule))


def deficiency_findings(
    rbl: Redetermination, events: AgreementEvents, loans: InForce, as_of: date
) -> tuple[list[Value], list[TestResult], list[Obligation], list[Alert]]:
    """The deficiency value; a test at each instalment due by the as-of date (loans and
    letters of credit then at most the base plus what is still to be repaid); the instalments
    due after it; an alert while the schedule runs."""
    found = deficiency(rbl, events, loans, as_of)
    if found is None:
        return [], [], [], []
    cure = rbl.deficiency_cure
    refs = sources(cure.installments, cure.first_due_days) if cure else ()
    when = found.redetermined.date.isoformat()
    value = Value(
        "borrowing_base_deficiency",
        found.amount,
        Unit.money,
        "Borrowing base deficiency",
        Trace(
            "revolver_outstanding + letters_of_credit - borrowing base, on the redetermination's date",
            {
                "redetermination": f"{money_str(found.base)} ({found.redetermined.where()})",
                "loans and letters of credit": f"{money_str(found.exposure)} (in force {when})",
            },
        ),
    )
    tests: list[TestResult] = []
    obligations: list[Obligation] = []
    remaining = found.amount
    for number, (due, amount) in enumerate(found.installments, start=1):
        remaining -= amount
        label = f"Deficiency instalment {number} of {len(found.installments)}"
        if due > as_of:
            obligations.append(
                Obligation(
                    due,
                    f"{label}: repay {money_display(amount)} of the borrowing base deficiency",
                    amount,
                    refs,
                    category=ObligationCategory.deadline,
                    id=f"deficiency-{when}-{number}",
                )
            )
            continue
        allowed = found.base + remaining
        exposure = _exposure(loans, due)
        tests.append(
            TestResult(
                id="deficiency_cure",
                label=label,
                test_date=due,
                basis=Basis.actual,
                comparator=Comparator.at_most,
                unit=Unit.money,
                required=allowed,
                actual=exposure,
                passed=exposure <= allowed,
                headroom=allowed - exposure,
                note=f"borrowing base {money_str(found.base)} + deficiency still to be repaid "
                f"{money_str(remaining)}",
                trace=Trace(
                    "revolver_outstanding + letters_of_credit <= borrowing base + deficiency "
                    "not yet due",
                    {
                        "loans and letters of credit": money_str(exposure),
                        "allowed": money_str(allowed),
                    },
                    refs,
                ),
            )
        )
    alerts: list[Alert] = []
    if not found.installments:
        alerts.append(
            Alert(
                Severity.critical,
                f"Borrowing base deficiency of {money_display(found.amount)} since the "
                f"redetermination of {when}; the sheet states no cure schedule.",
            )
        )
    elif obligations:
        schedule = ", ".join(
            f"{money_display(o.amount or ZERO)} by {o.due.isoformat()}" for o in obligations
        )
        alerts.append(
            Alert(
                Severity.warning,
                f"Borrowing base deficiency of {money_display(found.amount)} since the "
                f"redetermination of {when} ({money_display(found.base)}): repay {schedule}.",
                refs[0] if refs else None,
            )
        )
    return [value], tests, obligations, alerts
