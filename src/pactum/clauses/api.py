"""What a clause type is, and what it is given: the one import surface for clause packages.

A clause type brings, in one package, its schema (a Pydantic model of its terms), its checks,
the events it accepts, its evaluation (values, tests, obligations and alerts, each with its
trace), and what it adds to the calendar. It is registered under the entry-point group
`pactum.clauses` (see `pactum.terms.registry`); the command line, terminal, JSON, documents,
calendar and web render what it returns without naming it.

    class Guarantee(ClauseType[GuaranteeTerms]):
        name = "guarantee"
        description = "A guarantee capped at an amount."
        schema = GuaranteeTerms

        def evaluate(self, ctx: ClauseContext[GuaranteeTerms]) -> ClauseFindings:
            ...

    CLAUSE = Guarantee()       # [project.entry-points."pactum.clauses"] guarantee = "pkg:CLAUSE"
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from pydantic import BaseModel, ConfigDict

from pactum.business_days import BusinessCalendar
from pactum.errors import InputError, Problem
from pactum.facts.events import Event
from pactum.findings import (
    AgreementFindings,
    Alert,
    NoticeFinding,
    Obligation,
    TestResult,
    Value,
)
from pactum.portfolio import Agreement, Portfolio
from pactum.terms.formulas import Formula
from pactum.terms.named_dates import DateError, DateResolver, with_dates_on
from pactum.terms.registry import Reconciliation, TermProblem, clause_types
from pactum.terms.sheet import Clause, TermSheet

if TYPE_CHECKING:  # what the hooks return: imported by the clause packages that draw them
    from pactum.charts import Chart
    from pactum.document import Document

__all__ = [
    "STRICT",
    "AgingBorrower",
    "AgingCertificate",
    "AgingFiles",
    "Agreement",
    "AgreementFindings",
    "Clause",
    "ClauseContext",
    "ClauseFindings",
    "ClauseType",
    "EventProblem",
    "Formula",
    "Portfolio",
    "Reconciliation",
    "TermProblem",
    "TermSheet",
    "aging_clause",
    "certificate_from_aging",
    "clause_contexts",
    "registered",
    "require_unique_ids",
    "triggered_events",
]

C = TypeVar("C", bound=BaseModel)

# the model config of a clause's terms: unknown terms are refused, loaded terms never change
STRICT = ConfigDict(extra="forbid", frozen=True)

# a problem with an event against the clause: (the event, its field, found, expected)
EventProblem = tuple[Event, str, str, str]


@dataclass(frozen=True)
class ClauseFindings:
    """What one clause finds on a date; the evaluation names the clause on each record."""

    values: tuple[Value, ...] = ()
    tests: tuple[TestResult, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    alerts: tuple[Alert, ...] = ()
    notices: tuple[NoticeFinding, ...] = ()


@dataclass(frozen=True)
class RollColumn:
    """A clause's figure beside another clause's roll (a lease's rent roll): a deposit's
    balance held, the late charges on what fell due. `by_day` is keyed by the roll's days
    (each row's due date); a day missing is a blank cell, never a zero."""

    name: str  # the column's name, e.g. security_deposit_held
    by_day: Mapping[date, Decimal]
    summed: bool  # a flow that adds up over the rows (a charge), not a balance
    note: str  # what the column is, for the roll's notes


@dataclass(frozen=True)
class AgingFiles:
    """What a certificate from a posted aging is made of: the receivables aging (one row per
    invoice) and, where there are, an inventory listing and payables (for contra); each name
    is the file as the user knows it, printed on the certificate (default: the file's own)."""

    receivables: Path
    inventory: Path | None = None
    payables: Path | None = None
    receivables_name: str = ""
    inventory_name: str = ""


@dataclass(frozen=True)
class AgingBorrower:
    """One borrower's certificate from an aging, as a page shows it."""

    borrower: str  # "" when the aging has one borrower
    lines: tuple[tuple[str, Decimal, bool], ...]  # (label, amount, a total), top to bottom
    figures: tuple[Value, ...]  # the traced figures behind the lines
    availability: Decimal | None  # None: no loans known, so no availability
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class AgingCertificate:
    """What a clause type makes of a posted aging (`ClauseType.certificate_from_aging`): each
    borrower's certificate, and what the command line, the API and the dashboard hand over.
    A clause type returns a subclass that overrides the three methods."""

    agreement: str
    as_of: date
    borrowers: tuple[AgingBorrower, ...]
    warnings: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        """The certificates as the type's command line prints them with `--json`."""
        raise NotImplementedError

    def files(self) -> Mapping[str, bytes]:
        """Files of the run beside its documents (the certificates as JSON, per-debtor
        detail), by name: written together, all or none."""
        return {}

    def documents(self) -> Sequence[Document]:
        """The printable certificates (one per borrower), rendered as HTML, XLSX and PDF."""
        return ()


@dataclass(frozen=True)
class ClauseContext(Generic[C]):
    """Everything a clause is evaluated with: its typed terms, its agreement (header, calendar,
    other clauses), the portfolio's facts, the as-of date, and what the sheet's earlier
    clauses found on that date."""

    agreement: Agreement
    clause: Clause
    terms: C
    portfolio: Portfolio
    as_of: date
    earlier: Mapping[str, ClauseFindings] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # a clause whose dates are rules sees them worked out on this as-of date
        if self.clause.has_date_rules and self.terms is self.clause.terms:
            try:
                terms = with_dates_on(self.terms, self.dates)
            except DateError as exc:
                sheet = self.agreement.source
                raise InputError(
                    [
                        Problem(
                            sheet.path,
                            sheet.line_of(self.clause.path),
                            self.clause.id,
                            str(exc),
                            "dates within the calendar (years 1 to 9999)",
                        )
                    ]
                ) from None
            object.__setattr__(self, "terms", terms)

    @property
    def calendar(self) -> BusinessCalendar:
        return self.agreement.calendar()

    @cached_property
    def dates(self) -> DateResolver:
        """The agreement's dates as known on the as-of date: `ctx.dates.resolve(rule)` for a
        rule of the clause's terms, `ctx.dates.named_date(name)` for one of the header's."""
        return self.agreement.dates(
            self.portfolio.facts.events,
            self.as_of,
            triggered_events(self.agreement, self.portfolio, self.as_of),
        )

    def events(self, name: str | None = None) -> list[Event]:
        """The agreement's events (of one name if given), in date order."""
        return self.portfolio.facts.events.of(self.agreement.id, name)

    def facts(self) -> Any:
        """This clause type's own facts (see `ClauseType.load_facts`)."""
        return self.portfolio.facts.of_type(self.clause.type)

    def own(self, findings: AgreementFindings) -> AgreementFindings:
        """The agreement's findings with only this clause's values, tests, obligations,
        alerts and notices."""
        mine = self.clause.id
        return replace(
            findings,
            values=tuple(v for v in findings.values if v.clause == mine),
            tests=tuple(t for t in findings.tests if t.clause == mine),
            obligations=tuple(o for o in findings.obligations if o.clause == mine),
            alerts=tuple(a for a in findings.alerts if a.clause == mine),
            notices=tuple(n for n in findings.notices if n.clause == mine),
        )

    def figure(self, ref: str, day: date) -> Value | None:
        """The figure `ref` (`<clause id>.<figure>`) of an earlier clause in force on `day`, as
        known on the as-of date: a value of the sheet's clauses named without importing their
        type (loading has checked that the clause declares it among its `figures`). None: the
        clause does not know it on that day."""
        clause_id, _, name = ref.partition(".")
        if day == self.as_of and clause_id in self.earlier:
            found = self.earlier[clause_id]
            return next((v for v in found.values if v.id == name), None)
        clause = next((c for c in self.agreement.clauses if c.id == clause_id), None)
        if clause is None:
            return None  # deleted by an instrument in force on the as-of date
        position = self.agreement.clauses.index(clause)
        before = {c.id for c in self.agreement.clauses[:position]}
        other: ClauseContext[Any] = ClauseContext(
            self.agreement,
            clause,
            clause.terms,
            self.portfolio,
            self.as_of,
            {k: v for k, v in self.earlier.items() if k in before},
        )
        return registered(clause.type).figure_on(other, name, day)

    def on(self, as_of: date) -> ClauseContext[C]:
        """The same clause on another date (for series and calendars); nothing earlier."""
        # the terms as written: a date that is a rule is worked out again on `as_of`
        terms = cast(C, self.clause.terms)
        return ClauseContext(self.agreement, self.clause, terms, self.portfolio, as_of)


class ClauseType(Generic[C]):
    """A clause type. Subclasses set `name`, `description` and `schema` and override what
    they need; every hook but `evaluate` has a default that adds nothing."""

    name: ClassVar[str]
    description: ClassVar[str]
    schema: type[C]
    # the events (in events.yaml) this clause type reads, by name, each with its fields' model
    events: ClassVar[Mapping[str, type[BaseModel]]] = {}
    # words the documents use for a keyword value or a boolean term's key, beyond the keyword
    # itself, accepted by `pactum verify` in a quote (see `ClauseSpec.written_as`)
    written_as: ClassVar[Mapping[str, tuple[str, ...]]] = {}
    # what the agreement owes after its term still counts: an expense reimbursement, late
    # charges on rent paid late, a deposit to return. Such a clause is still worked out after
    # the agreement has ended (`pactum.evaluate`); the others are not.
    survives_the_term: ClassVar[bool] = False

    def event_models(self, terms: C) -> Mapping[str, type[BaseModel]]:
        """The events this clause reads, by name, each with its fields' model: `events`, unless
        the terms name them (a fee charged on each event of the name the sheet gives)."""
        return self.events

    def validate(self, terms: C, header: TermSheet) -> Sequence[TermProblem]:
        """Checks of the terms beyond the schema, the sheet's header at hand; each problem's
        path is within the clause (an empty path: the clause as a whole)."""
        return ()

    def events_used(self, terms: C) -> Sequence[tuple[tuple[str | int, ...], str]]:
        """Events the terms run from but leave to other clauses to read (a deadline after
        each `audit`), each with its path within the clause: loading refuses one that no
        clause of the agreement reads and no date of its sheet is fixed by."""
        return ()

    def event_fields_used(
        self, terms: C
    ) -> Sequence[tuple[tuple[str | int, ...], str, str, object]]:
        """Conditions the terms put on events' fields (an exercise by an amendment `where:
        {all_of_space: true}`), each (its path within the clause, the event, the field, the
        value): loading refuses a field the event's reader does not give it, or a value the
        reader would not hold there."""
        return ()

    def figures(self, terms: C) -> Sequence[str]:
        """The values of this clause that later clauses may name as figures
        (`<clause id>.<value id>`: a fee's rate from a grid column, a deadline required while
        availability is below a level); loading refuses a name not listed here."""
        return ()

    def test_ids(self, terms: C) -> Sequence[str]:
        """The ids of the tests the clause gives (a covenant's), which a waiver may name;
        loading refuses a waiver of a test no clause of the agreement gives."""
        return ()

    def figures_used(self, terms: C) -> Sequence[tuple[tuple[str | int, ...], str]]:
        """The figures of earlier clauses the terms read (`<clause id>.<figure>`), each with
        its path within the clause: loading refuses one no earlier clause declares."""
        return ()

    def figure_on(self, ctx: ClauseContext[C], name: str, day: date) -> Value | None:
        """The figure `name` in force on `day`, as known on `ctx.as_of`: by default the value
        of that id the clause finds when the sheet is evaluated on `day` (a day after the
        as-of date is read on the as-of date: no fact from the future)."""
        on = min(day, ctx.as_of)
        agreement = ctx.portfolio.agreements[ctx.agreement.id]
        run = clause_contexts(agreement, ctx.portfolio, on, through=ctx.clause.id)
        if not run or run[-1][0].clause.id != ctx.clause.id:
            return None  # the clause is not in force on that day
        return next((v for v in run[-1][1].values if v.id == name), None)

    def triggers(self, terms: C) -> Sequence[str]:
        """The events this clause emits from its facts (a standstill's fall below an
        ownership floor): the sheet's dates and later clauses (a deadline's `after: {event}`)
        run from them as from events recorded in events.yaml."""
        return ()

    def triggered(
        self, terms: C, agreement: Agreement, portfolio: Portfolio, as_of: date
    ) -> Mapping[str, Sequence[date]]:
        """The dates of the events `triggers` names, as the facts known on `as_of` give them.
        Worked out from the terms as written: the agreement's dates wait on these."""
        return {}

    def load_facts(self, folder: Path) -> Any:
        """Company data only this type reads, loaded once per portfolio from its facts folder;
        the clause finds it with `ctx.facts()`."""
        return None

    def check_event(self, terms: C, event: Event, data: BaseModel) -> Problem | None:
        """A problem with one of this type's events against the clause, if any."""
        return None

    def validate_events(self, terms: C, events: list[Event]) -> Sequence[EventProblem]:
        """Checks of the agreement's events against the clause and one another."""
        return ()

    def reconcile(self, terms: C) -> Sequence[Reconciliation]:
        """Figures the document states, recomputed from the terms (`pactum verify`)."""
        return ()

    def evaluate(self, ctx: ClauseContext[C]) -> ClauseFindings:
        raise NotImplementedError

    def certifies_aging(self, terms: C) -> bool:
        """Whether the clause makes a certificate from a receivables aging (a revolver with a
        borrowing base): the dashboard's upload page and `POST /api/certificates` offer it."""
        return False

    def certificate_from_aging(
        self,
        ctx: ClauseContext[C],
        files: AgingFiles,
        failed_tests: Sequence[TestResult] = (),
    ) -> AgingCertificate:
        """The certificate of the aging in `files` on `ctx.as_of`, with the portfolio's facts
        (loans, events) for the rest; bad input raises `InputError` naming the files' paths.
        `failed_tests`: the agreement's covenant tests failed on their actuals by the date,
        which a printed certificate names as exceptions to its no-Default statement. Called
        only when `certifies_aging(ctx.terms)`."""
        raise NotImplementedError(f"a {self.name} clause makes no certificate from an aging")

    def term_end(self, ctx: ClauseContext[C]) -> tuple[date, str] | None:
        """The last day of the agreement's term under this clause as known on `ctx.as_of`, and
        what that day is ("maturity", "the lease's expiry"); None: the clause does not end
        the agreement. Once the as-of date is after the latest of its clauses' ends, the
        agreement has ended: nothing of it is tested or falls due (`pactum.evaluate`)."""
        return None

    def obligations_between(
        self, ctx: ClauseContext[C], start: date, end: date
    ) -> Sequence[Obligation] | None:
        """Every obligation due from `start` to `end` (both included), as known at
        `ctx.as_of`, for `pactum calendar`; None: those its evaluation lists."""
        return None

    def beside_roll(self, ctx: ClauseContext[C], days: Sequence[date]) -> Sequence[RollColumn]:
        """Columns this clause adds to another clause's roll of its agreement over `days` (in
        order, each a row's due date), as known on `ctx.as_of`: a rent roll shows a
        deposit's balance and the late charges beside the rent."""
        return ()

    def charts(self, ctx: ClauseContext[C], findings: AgreementFindings) -> Sequence[Chart]:
        """The charts of the clause up to `ctx.as_of` (the dashboard draws them);
        `findings` are its agreement's on that date."""
        return ()

    def documents(self, ctx: ClauseContext[C], findings: AgreementFindings) -> Sequence[Document]:
        """The documents the clause gives on `ctx.as_of` (certificates, schedules, reports),
        each rendered as HTML, XLSX and PDF by `pactum report` and the dashboard."""
        return ()

    def recorded_tables(self, ctx: ClauseContext[C], folder: Path) -> Mapping[str, Path]:
        """Tables to keep with the borrower's recorded run on `ctx.as_of` (`pactum record`),
        by table name (lower-case letters, digits, `_`): each a Parquet file the clause writes
        into `folder`, a temporary folder the caller empties. The run's database stores each
        file's rows in the table of its name, after `borrower_id`, `as_of` and `agreement_id`
        (a revolver's per-invoice ledger on a date its borrowing base has invoice detail)."""
        return {}

    def portfolio_documents(
        self,
        portfolio: Portfolio,
        agreements: Sequence[Agreement],
        as_of: date,
        start: date | None,
        end: date | None,
    ) -> Sequence[Document]:
        """The documents across `agreements`, every agreement of the portfolio with a clause
        of this type as it stands on `as_of` (a rent roll of every lease), over the months
        from `start` to `end` (each included; None: from the first, to the last); the
        dashboard shows their tables on a page of their own."""
        return ()


def require_unique_ids(items: Sequence[Any], what: str) -> None:
    """For a schema's validator: a ValueError naming the first `id` two `items` share (e.g.
    "a second option with id 'renewal'")."""
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"a second {what} with id {item.id!r}")
        seen.add(item.id)


def triggered_events(
    agreement: Agreement, portfolio: Portfolio, as_of: date
) -> dict[str, list[date]]:
    """The dates of the events the agreement's clauses emit on `as_of`, by name."""
    found: dict[str, list[date]] = {}
    for clause in agreement.clauses:
        kind = registered(clause.type)
        if not kind.triggers(clause.terms):
            continue
        for name, days in kind.triggered(clause.terms, agreement, portfolio, as_of).items():
            found.setdefault(name, []).extend(d for d in days if d <= as_of)
    return found


def aging_clause(agreement: Agreement) -> Clause | None:
    """The agreement's first clause that makes a certificate from an aging, if any."""
    return next((c for c in agreement.clauses if registered(c.type).certifies_aging(c.terms)), None)


def certificate_from_aging(
    agreement: Agreement,
    portfolio: Portfolio,
    as_of: date,
    files: AgingFiles,
    failed_tests: Sequence[TestResult] = (),
) -> AgingCertificate:
    """The certificate of an aging by the agreement's clause that makes one (`aging_clause`,
    which the caller has found); `failed_tests` as `ClauseType.certificate_from_aging`."""
    clause = aging_clause(agreement)
    if clause is None:
        raise ValueError(f"{agreement.id}: no clause makes a certificate from an aging")
    ctx: ClauseContext[Any] = ClauseContext(agreement, clause, clause.terms, portfolio, as_of)
    return registered(clause.type).certificate_from_aging(ctx, files, failed_tests)


def registered(name: str) -> ClauseType[Any]:
    """A registered clause type by name (the sheet loader has already refused others)."""
    return cast(ClauseType[Any], clause_types()[name])


def clause_contexts(
    agreement: Agreement, portfolio: Portfolio, as_of: date, through: str | None = None
) -> list[tuple[ClauseContext[Any], ClauseFindings]]:
    """Each clause's context and findings on `as_of`, in sheet order, each clause seeing what
    the earlier ones found; with `through`, up to and including the clause of that id (a
    family's command works out one clause as the evaluation would)."""
    out = []
    for ctx, findings in clauses_on_demand(agreement, portfolio, as_of):
        out.append((ctx, findings()))
        if ctx.clause.id == through:
            break
    return out


def clauses_on_demand(
    agreement: Agreement, portfolio: Portfolio, as_of: date
) -> Iterator[tuple[ClauseContext[Any], Callable[[], ClauseFindings]]]:
    """Each clause's context on `as_of`, in sheet order, with its findings worked out only
    when first asked for: by the caller, or by a later clause reading what the earlier ones
    found. A calendar asks each clause type for its obligations over a window, and needs a
    clause's evaluation on the as-of date only where the type lists none of its own or a
    later clause reads it; evaluating every clause (a revolver's covenant tests, a lease's
    accounts) was most of a book's calendar."""
    agreement = agreement.at(as_of)  # each clause as its instruments stand on the date
    contexts: dict[str, ClauseContext[Any]] = {}
    found: dict[str, ClauseFindings] = {}

    def findings(clause_id: str) -> ClauseFindings:
        if clause_id not in found:
            ctx = contexts[clause_id]
            found[clause_id] = _stamped(registered(ctx.clause.type).evaluate(ctx), clause_id)
        return found[clause_id]

    for clause in agreement.clauses:
        earlier = _EarlierOnDemand(tuple(contexts), findings)
        ctx: ClauseContext[Any] = ClauseContext(
            agreement, clause, clause.terms, portfolio, as_of, earlier
        )
        contexts[clause.id] = ctx
        yield ctx, partial(findings, clause.id)


class _EarlierOnDemand(Mapping[str, ClauseFindings]):
    """What a sheet's earlier clauses found, each clause evaluated when first read."""

    def __init__(self, ids: tuple[str, ...], findings: Callable[[str], ClauseFindings]) -> None:
        self._ids = ids
        self._findings = findings

    def __getitem__(self, clause_id: str) -> ClauseFindings:
        if clause_id not in self._ids:
            raise KeyError(clause_id)
        return self._findings(clause_id)

    def __contains__(self, clause_id: object) -> bool:
        # whether the clause is an earlier one, without evaluating it (Mapping's own reads it)
        return clause_id in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def _stamped(found: ClauseFindings, clause_id: str) -> ClauseFindings:
    """The clause's findings, each record naming the clause."""
    return ClauseFindings(
        values=tuple(replace(v, clause=clause_id) for v in found.values),
        tests=tuple(replace(t, clause=clause_id) for t in found.tests),
        obligations=tuple(replace(o, clause=clause_id) for o in found.obligations),
        alerts=tuple(replace(a, clause=clause_id) for a in found.alerts),
        notices=tuple(replace(n, clause=clause_id) for n in found.notices),
    )
