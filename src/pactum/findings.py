"""The result model: values, tests, obligations and alerts per agreement, with traces.

Findings are plain immutable records and nothing else: `pactum.findings_json` writes them as the
`pactum.findings` JSON document, and `pactum.format` gives their human text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


class Unit(StrEnum):
    money = "money"
    percent = "percent"  # stored as a fraction (0.1864), written as percent ("18.64")
    # a change in a percentage: stored as a fraction (-0.0832), written in percentage points
    # ("-8.32"), shown "-8.32 pts" (not "-8.32%", which reads as a change relative to itself)
    points = "points"
    ratio = "ratio"
    date = "date"
    text = "text"
    number = "number"
    shares = "shares"  # a whole number of shares or votes: "2362788", shown 2,362,788


@dataclass(frozen=True)
class SourceRef:
    """Where a term behind a finding is written (Beancount's `meta`): the term sheet, relative to
    the portfolio folder, the term's path in it and its YAML line; and the quote from the
    document it cites, or the reason it is assumed."""

    sheet: str  # e.g. agreements/southtrust-abl.yaml ("" for a term built outside a sheet)
    path: tuple[str | int, ...]  # e.g. ("borrowing_base", "receivables_rate")
    line: int | None
    quote: str | None = None  # as the sheet writes it
    assumed: str | None = None
    instrument: str | None = None  # in a sheet of several instruments, the one quoted
    instrument_title: str | None = None  # its title ("Amendment No. 6"), for people
    section: str | None = None  # the section of that instrument, when the sheet says it

    @property
    def where(self) -> str:
        """The instrument and section as people name them ("Amendment No. 6, Section
        7.2.4", "First Amendment to Lease of April 4, 2003, Exhibit B"); "" in a sheet of one
        document that names no section."""
        named = self.instrument_title or self.instrument or ""
        section = self.section or ""
        if section[:1].isdigit():  # "7.2.4", "2(b)"; "Exhibit B" and "Recitals" name themselves
            section = f"Section {section}"
        return ", ".join(part for part in (named, section) if part)


Inputs = tuple[tuple[str, str], ...]  # (name, value as text), in the formula's order


@dataclass(frozen=True, init=False)
class Trace:
    """How a figure was obtained: formula, inputs, and the sources of the terms used.

    The inputs may be given as a mapping; they are kept as (name, value) pairs in its order.
    """

    formula: str
    inputs: Inputs
    sources: tuple[SourceRef, ...]

    def __init__(
        self,
        formula: str,
        inputs: Mapping[str, str] | Iterable[tuple[str, str]] = (),
        sources: Iterable[SourceRef] = (),
    ) -> None:
        pairs = inputs.items() if isinstance(inputs, Mapping) else inputs
        object.__setattr__(self, "formula", formula)
        object.__setattr__(self, "inputs", tuple(pairs))
        object.__setattr__(self, "sources", tuple(sources))

    def input(self, name: str) -> str:
        """The value of the input named `name` (KeyError if there is none)."""
        for key, value in self.inputs:
            if key == name:
                return value
        raise KeyError(name)


@dataclass(frozen=True)
class Value:
    id: str
    value: Decimal | date | str | None
    unit: Unit
    label: str
    trace: Trace | None = None
    clause: str = ""  # the id of the clause behind it (set by the evaluation)


@dataclass(frozen=True)
class Headroom:
    """How far the driving item could fall before the test fails."""

    item: str
    amount: Decimal
    trace: Trace | None = None  # how it follows from the measure's figures


class Basis(StrEnum):
    """What a test result is measured on."""

    actual = "actual"
    forecast = "forecast"
    request = "request"  # a draw checked against availability


class Comparator(StrEnum):
    """How the actual figure must compare with the required one to pass."""

    at_least = ">="
    at_most = "<="
    more_than = ">"  # a strict minimum ("must exceed")
    less_than = "<"  # a strict maximum ("must be less than")


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
    clause: str = ""
    waived_by: str | None = None  # the waiver instrument: the result is waived, not failed
    # the term that set the required level on the test date (its schedule's entry in force),
    # so that the result names the instrument and section its level comes from
    level_source: SourceRef | None = None


class ObligationCategory(StrEnum):
    """What kind of thing falls due, for calendars and filters."""

    report = "report"  # borrowing-base reports, financial statements
    fee = "fee"
    rent = "rent"  # installments and the lease years' rate changes
    payment = "payment"  # a loan's installments of principal, its balloon
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
    sources: tuple[SourceRef, ...] = ()  # the clauses behind it
    note: str = ""
    category: ObligationCategory = ObligationCategory.other
    # stable within the agreement across runs (e.g. "rent-2003-04"), so that a calendar
    # exported again updates its events instead of adding new ones
    id: str = ""
    clause: str = ""


class Severity(StrEnum):
    critical = "critical"
    warning = "warning"
    info = "info"


@dataclass(frozen=True)
class Alert:
    severity: Severity
    message: str
    source: SourceRef | None = None
    clause: str = ""


@dataclass(frozen=True)
class NoticeRecipient:
    """Where a notice must go under the clause, and who gets copies."""

    party: str
    address: str
    copies: tuple[str, ...] = ()


class NoticeStatus(StrEnum):
    """Where a recorded notice stands at the as-of date."""

    given = "given"
    not_yet_given = "not yet given"
    awaiting_acknowledgement = "awaiting acknowledgement"
    awaiting_receipt = "awaiting receipt"  # every rule of its method waits for a receipt


@dataclass(frozen=True)
class NoticeFinding:
    """When a notice is deemed given under the agreement's notice clause, and why."""

    method: str
    sent: date  # a datetime when the time of sending is known
    deemed_given: date | None  # None: not deemed given yet (an acknowledgement is missing)
    reasoning: tuple[str, ...]
    recipients: tuple[NoticeRecipient, ...]
    # when the rule gives a time (hand, fax, telex, receipt); in the clause's time zone if any
    deemed_given_at: datetime | None = None
    acknowledged: date | None = None
    received: date | None = None  # the actual receipt, when recorded
    status: NoticeStatus | None = None  # set in findings (see pactum.notices.notice_events)
    sources: tuple[SourceRef, ...] = ()
    note: str = ""
    clause: str = ""
    about: str = ""  # what the notice is of (a default), as its event says


_SEVERITY_ORDER = {Severity.critical: 0, Severity.warning: 1, Severity.info: 2}


def by_severity(alerts: list[Alert]) -> tuple[Alert, ...]:
    """Critical alerts first, then warnings, then information (stable within each)."""
    return tuple(sorted(alerts, key=lambda a: _SEVERITY_ORDER[a.severity]))


class Status(StrEnum):
    """An agreement at a glance."""

    ok = "ok"
    watch = "watch"  # a warning or a projected failure
    breach = "breach"  # a failed actual test or a critical alert
    not_yet_in_force = "not yet in force"  # the sheet is dated after the as-of date
    ended = "ended"  # the as-of date is after the agreement's term (a maturity, an expiry)


@dataclass(frozen=True)
class ClauseRef:
    """A clause of an agreement, as the findings list it."""

    id: str
    type: str


@dataclass(frozen=True)
class ListedValue:
    """A value as its agreement lists it: by its id and label, unless more than one of the
    agreement's clauses gives a value of that id (a sheet with two `fees` clauses, each with
    its yearly cost). Each of those is listed by `<clause id>.<id>`, as a sheet's formulas
    name a clause's figure, and its label follows the clause's id, so that neither hides the
    other in a listing keyed by id (the JSON's `values`) nor reads as the other in a table."""

    key: str
    label: str
    value: Value


@dataclass(frozen=True)
class AgreementFindings:
    id: str
    title: str
    clauses: tuple[ClauseRef, ...] = ()
    values: tuple[Value, ...] = ()
    tests: tuple[TestResult, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    alerts: tuple[Alert, ...] = ()
    # notices recorded in events.yaml, for every kind (see pactum.notices)
    notices: tuple[NoticeFinding, ...] = ()
    # the borrower whose agreement it is, in a book of borrowers (None: one company's)
    borrower: str | None = None
    # the sheet's date when it is after the as-of date: the agreement is not yet in force
    in_force_from: date | None = None
    # the last day of its term when the as-of date is after it: the agreement has ended
    ended_on: date | None = None

    @property
    def failed_tests(self) -> tuple[TestResult, ...]:
        """The actual tests failed (a breach), earliest first."""
        return tuple(
            sorted(
                (t for t in self.tests if t.passed is False and t.basis is Basis.actual),
                key=lambda t: t.test_date,
            )
        )

    @property
    def projected_failures(self) -> tuple[TestResult, ...]:
        """Failed forecasts and draw requests that would not fit: each about a date to come,
        earliest first (a watch, not a breach)."""
        return tuple(
            sorted(
                (t for t in self.tests if t.passed is False and t.basis is not Basis.actual),
                key=lambda t: t.test_date,
            )
        )

    @property
    def status(self) -> Status:
        """Not yet in force, or ended; else breach on a failed actual test or a critical
        alert; watch on a warning or a projected failure; ok otherwise."""
        if self.in_force_from is not None:
            return Status.not_yet_in_force
        if self.ended_on is not None:
            return Status.ended
        if self.failed_tests or any(a.severity is Severity.critical for a in self.alerts):
            return Status.breach
        if self.projected_failures or any(a.severity is Severity.warning for a in self.alerts):
            return Status.watch
        return Status.ok

    def listed_values(self) -> tuple[ListedValue, ...]:
        """Each value as the agreement lists it (`ListedValue`), in order."""
        clauses_of: dict[str, set[str]] = {}
        for v in self.values:
            clauses_of.setdefault(v.id, set()).add(v.clause)
        return tuple(
            ListedValue(v.id, v.label, v)
            if len(clauses_of[v.id]) == 1
            else ListedValue(f"{v.clause}.{v.id}", f"{v.clause}: {v.label}", v)
            for v in self.values
        )

    def value(self, value_id: str) -> Value:
        for v in self.values:
            if v.id == value_id:
                return v
        raise KeyError(value_id)


@dataclass(frozen=True)
class Findings:
    as_of: date
    company: str  # the company's name, or the book's
    agreements: tuple[AgreementFindings, ...]
    # a book's borrowers, (id, name), in the book's order; empty for one company's findings
    borrowers: tuple[tuple[str, str], ...] = ()

    def of_borrower(self, borrower_id: str | None) -> Findings:
        """The findings of one borrower's agreements (all of them for None)."""
        if borrower_id is None:
            return self
        return Findings(
            self.as_of,
            self.company,
            tuple(a for a in self.agreements if a.borrower == borrower_id),
            tuple(b for b in self.borrowers if b[0] == borrower_id),
        )

    def agreement(self, agreement_id: str) -> AgreementFindings:
        return next(a for a in self.agreements if a.id == agreement_id)
