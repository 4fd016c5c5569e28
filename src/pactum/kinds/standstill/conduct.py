"""The conduct covenants as a checklist while they are in force, and breaches by `action`.

The covenants are those the sheet declares, each with its id; an `action` event names one
(loading refuses an action naming none). An action taken while the standstill is in force
breaches its covenant: a critical alert citing the clause. Actions outside the period are
reported but are not breaches.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from pactum.facts.events import AgreementEvents, Event
from pactum.findings import Alert, Basis, Comparator, Severity, TestResult, Trace, Unit
from pactum.kinds.standstill.schema import StandstillTerms


def _said(event: Event) -> str:
    return f" ({event.where()}{': ' + event.data.note if event.data.note else ''})"


def conduct(
    sheet: StandstillTerms, events: AgreementEvents, in_force: Callable[[date], bool], as_of: date
) -> tuple[list[TestResult], list[Alert]]:
    actions = [e for e in events.named("action") if e.date <= as_of]
    tests: list[TestResult] = []
    alerts: list[Alert] = []
    for covenant in sheet.standstill.conduct:
        mine = [e for e in actions if e.data.type == covenant.id]
        breaches = [e for e in mine if in_force(e.date)]
        for event in breaches:
            alerts.append(
                Alert(
                    Severity.critical,
                    # the title says what was done; the event type is the sheet's id
                    f"Breach of {covenant.clause} ({covenant.title}): an action on "
                    f"{event.date.isoformat()} while the standstill is in force{_said(event)}.",
                    covenant.source_ref(),
                )
            )
        for event in mine:
            if event not in breaches:
                alerts.append(
                    Alert(
                        Severity.info,
                        f"An action under {covenant.clause} ({covenant.title}) on "
                        f"{event.date.isoformat()} is outside the standstill period: not a "
                        f"breach{_said(event)}.",
                        covenant.source_ref(),
                    )
                )
        if in_force(as_of):
            tests.append(
                TestResult(
                    id=f"conduct_{covenant.id}",
                    label=f"{covenant.clause} {covenant.title}",
                    test_date=as_of,
                    basis=Basis.actual,
                    comparator=Comparator.at_most,
                    unit=Unit.number,
                    required=Decimal(0),
                    actual=Decimal(len(breaches)),
                    passed=not breaches,
                    note="actions in force",
                    trace=Trace(
                        f"no {covenant.id} action while the standstill is in force",
                        {"actions": str(len(breaches))},
                        (covenant.source_ref(),),
                    ),
                )
            )
    return tests, alerts
