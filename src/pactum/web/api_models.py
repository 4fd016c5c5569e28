"""The JSON API's documents as Pydantic models, so that FastAPI's OpenAPI describes them.

The documents themselves are written by the command line's serialisers (`pactum.findings_json`,
the calendar's and the history's `to_json`, the certificate run's) and sent as they are: these
models describe them for `/openapi.json` and `/docs`, they are not a second serialiser. Money
and ratios are decimal strings (never JSON numbers, which a client reads as floats), dates ISO
strings. Parts whose shape belongs to a clause type (a test's trace, a certificate's lines) are
open objects.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Document(BaseModel):
    # `schema` is a BaseModel attribute: the field keeps the JSON name through its alias
    model_config = ConfigDict(populate_by_name=True, extra="allow")

    schema_id: str = Field(alias="schema", description="the document's schema name and version")


class SourceJson(BaseModel):
    """Where a value comes from: the sheet, the term's dotted path and line, with the quote it
    cites or the reason it is assumed."""

    model_config = ConfigDict(extra="allow")

    sheet: str
    path: str
    line: int | None
    quote: str | None = None
    assumed: str | None = None
    instrument: str | None = None


class TraceJson(BaseModel):
    formula: str
    inputs: dict[str, Any]
    sources: list[SourceJson]


class ClauseRefJson(BaseModel):
    id: str
    type: str
    values: list[str] = Field(description="the keys (in `values`) of the values this clause found")


class ObligationJson(BaseModel):
    due: str
    what: str
    amount: str | None = Field(description="money, two decimals; null when none")
    sources: list[SourceJson]
    note: str
    category: str
    id: str
    clause: str


class AlertJson(BaseModel):
    severity: str
    message: str
    source: SourceJson | None
    clause: str


class AgreementFindingsJson(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    borrower: str | None = Field(None, description="in a book of borrowers only")
    title: str
    clauses: list[ClauseRefJson]
    status: str = Field(description="ok, watch or breach")
    values: dict[str, str | None] = Field(
        description="each value by id, as written; by <clause id>.<id> where more than one "
        "clause gives a value of that id"
    )
    traces: dict[str, TraceJson]
    tests: list[dict[str, Any]] = Field(
        description="each test: id, clause, label, test_date, basis, comparator, unit, "
        "required, actual, passed, headroom, driver_headroom, note, trace"
    )
    obligations: list[ObligationJson]
    alerts: list[AlertJson]
    notices: list[dict[str, Any]]


class FindingsJson(_Document):
    """`pactum check --json`: pactum.findings/2."""

    as_of: str
    company: str
    agreements: list[AgreementFindingsJson]


class CalendarEventJson(BaseModel):
    model_config = ConfigDict(extra="allow")

    uid: str
    date: str
    agreement: str
    agreement_title: str
    title: str
    category: str
    id: str
    what: str
    amount: str | None
    source: str | None
    note: str


class CalendarJson(_Document):
    """`pactum calendar --json`: pactum.calendar/1."""

    company: str
    as_of: str
    from_: str = Field(alias="from")
    to: str
    events: list[CalendarEventJson]


class InstrumentJson(BaseModel):
    id: str
    title: str
    kind: str
    dated: str
    effective: str
    document: str | None = Field(description="its text in the portfolio; null: not in hand")


class TermChangeJson(BaseModel):
    effective: str
    instrument: str | None
    value: Any = Field(
        description="as the sheet writes it; a decimal as a string; null: no longer given"
    )
    source: SourceJson | None


class TermJson(BaseModel):
    name: str = Field(description="the clause id and the term's path, dotted")
    changes: list[TermChangeJson]


class HistoryJson(_Document):
    """`pactum history --json` (pactum.history/1); with `as_of`, the terms in force on that
    date, each with its one change (`pactum history --as-of DATE --json`)."""

    agreement: str
    title: str
    as_of: str | None
    instruments: list[InstrumentJson]
    terms: list[TermJson]


class CertificateRunJson(_Document):
    """`pactum collateral --json`: pactum.collateral/1, a certificate per borrower."""

    as_of: str
    engine: str
    agreement: str
    warnings: list[str]
    borrowers: list[dict[str, Any]] = Field(
        description="each borrower's certificate: borrower_id, receivables, inventory, "
        "borrowing_base, line_cap, availability, traces, debtors, warnings"
    )


class ErrorJson(BaseModel):
    """Bad input: one line per problem, as the command line prints it."""

    errors: list[str]


class DeskColumnJson(BaseModel):
    key: str
    header: str
    kind: str = Field(description="text, money, percent, number or date")


class DeskCovenantJson(BaseModel):
    id: str
    label: str
    test_date: str
    unit: str
    required: str | None
    actual: str | None
    headroom: str | None
    passed: bool | None


class FacilityJson(BaseModel):
    """A facility's row: money to the cent and percentages of 100 as strings, as the
    findings' JSON writes them."""

    model_config = ConfigDict(extra="allow")

    borrower: str
    borrower_name: str
    agreement: str
    title: str
    availability: str | None
    line_cap: str | None
    availability_pct: str | None
    reporting: str | None
    covenants: list[DeskCovenantJson]
    least_headroom_pct: str | None
    breaches: int
    projected: int
    next_deadline: str | None
    deadline: str
    status: str


class DeskJson(_Document):
    """`pactum desk --json`: every facility of the book in one table."""

    as_of: str
    book: str
    columns: list[DeskColumnJson]
    facilities: list[FacilityJson]
