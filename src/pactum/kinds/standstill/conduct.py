"""The conduct covenants as a checklist while they are in force, and breaches by `action`.

An action of a covenant's type taken while the standstill is in force breaches that covenant:
a critical alert citing the clause. Actions outside the period, or of a type no covenant of
the sheet covers, are reported but are not breaches.
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
    covered = set()
    for covenant in sheet.standstill.conduct:
        covered.add(covenant.action)
        mine = [e for e in actions if e.data.type is covenant.action]
        breaches = [e for e in mine if in_force(e.date)]
        for event in breaches:
            alerts.append(
                Alert(
                    Severity.critical,
                    f"Breach of {covenant.clause} ({covenant.title}): {covenant.action.value} on "
                    f"{event.date.isoformat()} while the standstill is in force{_said(event)}.",
                    covenant.source_ref(),
                )
            )
        for event in mine:
            if event not in breaches:
                alerts.append(
                    Alert(
                        Severity.info,
                        f"{covenant.action.value} on {event.date.isoformat()} is outside the "
                        f"standstill period: not a breach of {covenant.clause}{_said(event)}.",
                        covenant.source_ref(),
                    )
                )
        if in_force(as_of):
            tests.append(
                TestResult(
                    id=f"conduct_{covenant.action.value}",
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
                        f"no {covenant.action.value} action while the standstill is in force",
                        {"actions": str(len(breaches))},
                        (covenant.source_ref(),),
                    ),
                )
            )
    for event in actions:
        if event.data.type not in covered:
            alerts.append(
                Alert(
                    Severity.warning,
                    f"{event.data.type.value} on {event.date.isoformat()}: no conduct covenant "
                    f"of this agreement names it{_said(event)}.",
                )
            )
    return tests, alerts
