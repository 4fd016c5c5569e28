"""The result model: values, tests, obligations and alerts per agreement, with traces.

Findings are plain immutable records. `to_json` gives the `pactum.findings/1` document: money
as strings with two decimals, ratios and percentages as decimal strings, dates as ISO strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pactum.money import money_display, money_str, percent_str, ratio_str

SCHEMA_ID = "pactum.findings/1"


class Unit(StrEnum):
    money = "money"
    percent = "percent"  # stored as a fraction (0.1864), written as percent ("18.64")
    ratio = "ratio"
    date = "date"
    text = "text"
    number = "number"
    shares = "shares"  # a whole number of shares or votes: "2362788", shown 2,362,788


def render(value: object, unit: Unit) -> str:
    """The JSON form of a value."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        if unit is Unit.money:
            return money_str(value)
        if unit is Unit.percent:
            return ratio_str(value * 100, 2)
        if unit is Unit.ratio:
            return ratio_str(value, 4)
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def display(value: object, unit: Unit) -> str:
    """The human form of a value."""
    if isinstance(value, Decimal):
        if unit is Unit.money:
            return money_display(value)
        if unit is Unit.percent:
            return percent_str(value)
        if unit is Unit.shares:
            return f"{value:,}"
    return render(value, unit)


@dataclass(frozen=True)
class Trace:
    """How a figure was obtained: formula, inputs, and the sources of the terms used."""

    formula: str
    inputs: dict[str, str] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"formula": self.formula, "inputs": self.inputs, "sources": list(self.sources)}


@dataclass(frozen=True)
class Value:
    id: str
    value: Decimal | date | str | None
    unit: Unit
    label: str
    trace: Trace | None = None

    @property
    def json_value(self) -> str | None:
        """The JSON form; null for a value that is not determined (e.g. an open option)."""
        return None if self.value is None else render(self.value, self.unit)

    @property
    def shown(self) -> str:
        return display(self.value, self.unit)


@dataclass(frozen=True)
class Headroom:
    """How far the driving item could fall before the test fails."""

    item: str
    amount: Decimal


class Basis(StrEnum):
    """What a test result is measured on."""

    actual = "actual"
    forecast = "forecast"
    request = "request"  # a draw checked against availability


class Comparator(StrEnum):
    """How the actual figure must compare with the required one to pass."""

    at_least = ">="
    at_most = "<="


@dataclass(frozen=True)
class TestResult:
    __test__ = False  # a covenant test result, not a pytest test class

    id: str
    label: str
    test_date: date
    basis: Basis
    comparator: Comparator
    unit: Unit
    required: Decimal | None
    actual: Decimal | None
    passed: bool | None  # None: could not be evaluated (see note)
    headroom: Decimal | None = None
    driver_headroom: Headroom | None = None
    note: str = ""
    trace: Trace | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "test_date": self.test_date.isoformat(),
            "basis": self.basis,
            "comparator": self.comparator,
            "unit": self.unit.value,
            "required": render(self.required, self.unit) if self.required is not None else None,
            "actual": render(self.actual, self.unit) if self.actual is not None else None,
            "passed": self.passed,
            "headroom": render(self.headroom, self.unit) if self.headroom is not None else None,
            "driver_headroom": (
                {
                    "item": self.driver_headroom.item,
                    "amount": money_str(self.driver_headroom.amount),
                }
                if self.driver_headroom
                else None
            ),
            "note": self.note,
            "trace": self.trace.to_json() if self.trace else None,
        }


class ObligationCategory(StrEnum):
    """What kind of thing falls due, for calendars and filters."""

    report = "report"  # borrowing-base reports, financial statements
    fee = "fee"
    rent = "rent"  # installments and the lease years' rate changes
    covenant_test = "covenant_test"
    option_deadline = "option_deadline"  # the last day to exercise an option
    deadline = "deadline"  # any other deadline (e.g. a sell-down)
    end = "end"  # maturity, the end of a term or period
    other = "other"


@dataclass(frozen=True)
class Obligation:
    due: date
    what: str
    amount: Decimal | None = None
    source: str | None = None
    note: str = ""
    category: ObligationCategory = ObligationCategory.other
    # stable within the agreement across runs (e.g. "rent-2003-04"), so that a calendar
    # exported again updates its events instead of adding new ones
    id: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "due": self.due.isoformat(),
            "what": self.what,
            "amount": money_str(self.amount) if self.amount is not None else None,
            "source": self.source,
            "note": self.note,
            "category": self.category.value,
            "id": self.id,
        }


class Severity(StrEnum):
    critical = "critical"
    warning = "warning"
    info = "info"


@dataclass(frozen=True)
class Alert:
    severity: Severity
    message: str
    source: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"severity": self.severity.value, "message": self.message, "source": self.source}


def moment_str(moment: date) -> str:
    """A date, or a date and time to the minute when the time is known."""
    if isinstance(moment, datetime):
        return moment.isoformat(sep=" ", timespec="minutes")
    return moment.isoformat()


@dataclass(frozen=True)
class NoticeRecipient:
    """Where a notice must go under the clause, and who gets copies."""

    party: str
    address: str
    copies: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"party": self.party, "address": self.address, "copies": list(self.copies)}


class NoticeStatus(StrEnum):
    """Where a recorded notice stands at the as-of date."""

    given = "given"
    not_yet_given = "not yet given"
    awaiting_acknowledgement = "awaiting acknowledgement"


@dataclass(frozen=True)
class NoticeFinding:
    """When a notice is deemed given under the agreement's notice clause, and why."""

    method: str
    sent: date  # a datetime when the time of sending is known
    deemed_given: date | None  # None: not deemed given yet (an acknowledgement is missing)
    reasoning: tuple[str, ...]
    recipients: tuple[NoticeRecipient, ...]
    deemed_given_at: datetime | None = None  # when the rule gives a time (hand, fax, telex)
    acknowledged: date | None = None
    status: NoticeStatus | None = None  # set in findings (see pactum.notices.notice_events)
    sources: tuple[str, ...] = ()
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "sent": moment_str(self.sent),
            "acknowledged": moment_str(self.acknowledged) if self.acknowledged else None,
            "deemed_given": self.deemed_given.isoformat() if self.deemed_given else None,
            "deemed_given_at": (moment_str(self.deemed_given_at) if self.deemed_given_at else None),
            "status": self.status,
            "reasoning": list(self.reasoning),
            "recipients": [r.to_json() for r in self.recipients],
            "sources": list(self.sources),
            "note": self.note,
        }


_SEVERITY_ORDER = {Severity.critical: 0, Severity.warning: 1, Severity.info: 2}


def by_severity(alerts: list[Alert]) -> tuple[Alert, ...]:
    """Critical alerts first, then warnings, then information (stable within each)."""
    return tuple(sorted(alerts, key=lambda a: _SEVERITY_ORDER[a.severity]))


class Status(StrEnum):
    """An agreement at a glance."""

    ok = "ok"
    watch = "watch"  # a warning or a projected failure
    breach = "breach"  # a failed actual test or a critical alert


@dataclass(frozen=True)
class AgreementFindings:
    id: str
    kind: str
    title: str
    values: tuple[Value, ...] = ()
    tests: tuple[TestResult, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    alerts: tuple[Alert, ...] = ()
    # notices recorded in events.yaml, for every kind (see pactum.notices)
    notices: tuple[NoticeFinding, ...] = ()

    @property
    def status(self) -> Status:
        """Breach on a failed actual test or a critical alert; watch on a warning or a
        projected failure; ok otherwise."""
        if any(t.passed is False and t.basis is Basis.actual for t in self.tests) or any(
            a.severity is Severity.critical for a in self.alerts
        ):
            return Status.breach
        if any(t.passed is False for t in self.tests) or any(
            a.severity is Severity.warning for a in self.alerts
        ):
            return Status.watch
        return Status.ok

    def value(self, value_id: str) -> Value:
        for v in self.values:
            if v.id == value_id:
                return v
        raise KeyError(value_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "status": self.status,
            "values": {v.id: v.json_value for v in self.values},
            "traces": {v.id: v.trace.to_json() for v in self.values if v.trace},
            "tests": [t.to_json() for t in self.tests],
            "obligations": [o.to_json() for o in self.obligations],
            "alerts": [a.to_json() for a in self.alerts],
            "notices": [n.to_json() for n in self.notices],
        }


@dataclass(frozen=True)
class Findings:
    as_of: date
    company: str
    agreements: tuple[AgreementFindings, ...]

    def agreement(self, agreement_id: str) -> AgreementFindings:
        return next(a for a in self.agreements if a.id == agreement_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "as_of": self.as_of.isoformat(),
            "company": self.company,
            "agreements": [a.to_json() for a in self.agreements],
        }
