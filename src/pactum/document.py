"""The layout every printed document shares: titled sections of figures, each figure with the
trace of how it was obtained. A certificate's own model (borrowing base, compliance, ...) builds
one; the HTML, XLSX and PDF renderers read only this.

Two kinds of section: `Lines` (a label and one figure per line, the standard certificate form)
and `Grid` (rows of figures under column headings: covenant tests, the rent roll, votes).
Every figure has a key unique in its document, so that a reader (or a test) can find it in any
format: the HTML gives it as the line's id, the XLSX names its cell on the Trace sheet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from pactum.findings import Trace, Unit, Value
from pactum.format import display
from pactum.money import cents

FigureValue = Decimal | date | str | None


class Role(StrEnum):
    line = "line"
    # a deduction, its value the positive amount taken off, printed under a "Less:" label
    less = "less"
    subtotal = "subtotal"
    total = "total"


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: FigureValue
    unit: Unit = Unit.money
    role: Role = Role.line
    trace: Trace | None = None
    note: str = ""
    # money shown to the cent unless exact: a part of a total the contract rounds only once
    # (a class's advance before the inventory cap) keeps its fractions of a cent
    exact: bool = False
    # in a document across agreements (a rent roll of every lease): the agreement the figure
    # is of, which the dashboard links to that agreement's page
    agreement: str = ""

    @property
    def amount(self) -> FigureValue:
        """The value as written: money rounded half-up to the cent unless exact."""
        if self.unit is Unit.money and isinstance(self.value, Decimal) and not self.exact:
            return cents(self.value)
        return self.value

    @property
    def shown(self) -> str:
        """The figure for people."""
        if self.value is None:
            return "—"
        if self.exact and isinstance(self.value, Decimal) and self.value != cents(self.value):
            sign = "-" if self.value < 0 else ""
            return f"{sign}${abs(self.value).normalize():,f}"
        if self.unit is Unit.number and isinstance(self.value, Decimal):
            return f"{self.value.normalize():,f}"
        return display(self.value, self.unit)


def from_value(value: Value, role: Role = Role.line) -> Figure:
    """A finding's value as a document line: the same id, figure and trace; a yes-or-no
    value in words ("yes", not "true": a person reads and signs the document)."""
    # a flag is a bool, or the text "true"/"false" the findings' JSON keeps for it
    flag = value.value if isinstance(value.value, bool) else None
    if value.unit is Unit.text and value.value in ("true", "false"):
        flag = value.value == "true"
    if flag is not None:
        words = "yes" if flag else "no"
        return Figure(value.id, value.label, words, Unit.text, role, value.trace)
    return Figure(value.id, value.label, value.value, value.unit, role, value.trace)


def text(key: str, label: str, value: str, trace: Trace | None = None) -> Figure:
    return Figure(key, label, value, Unit.text, trace=trace)


@dataclass(frozen=True)
class Lines:
    """A section in the line-by-line form: label, figure."""

    title: str
    figures: tuple[Figure, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Grid:
    """A section of rows under column headings; every row has one figure per column."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Figure, ...], ...]
    notes: tuple[str, ...] = ()
    total: tuple[Figure, ...] | None = None


Section = Lines | Grid


@dataclass(frozen=True)
class Signature:
    """Who signs, and what the signature certifies: the statement and each further
    certification (no Default, ...) print with the signature lines, never apart from them."""

    statement: str
    signer_title: str
    company: str
    certifications: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    kind: str  # the file name's stem before the agreement id, e.g. borrowing-base-certificate
    title: str
    company: str
    agreement_id: str
    agreement_title: str
    as_of: date
    sections: tuple[Section, ...]
    notes: tuple[str, ...] = ()
    sources: tuple[tuple[str, str], ...] = ()  # (term, citation or reason) behind the grids
    signature: Signature | None = None
    landscape: bool = False  # wide grids print across the page
    # the heading's particulars, label and text: certificate number and date, borrower, lender
    particulars: tuple[tuple[str, str], ...] = ()
    # the clause it is of, where an earlier clause of the agreement gives a document of the
    # same kind (two financial_tests clauses, each with its compliance certificate): its file
    # name says which (`contributions.documents`)
    part: str = ""

    @property
    def stem(self) -> str:
        """The file name without its suffix: the kind, the agreement (and the clause, where
        `part` names it) and the as-of date, so that the documents of two dates written to
        one folder stand side by side."""
        part = f"-{self.part}" if self.part else ""
        return f"{self.kind}-{self.agreement_id}{part}-{self.as_of.isoformat()}"

    def figures(self) -> Iterator[tuple[Section, Figure]]:
        """Every figure, with its section, in reading order (the totals row last)."""
        for section in self.sections:
            if isinstance(section, Lines):
                for figure in section.figures:
                    yield section, figure
            else:
                for row in (*section.rows, *([section.total] if section.total else [])):
                    for figure in row:
                        yield section, figure

    def figure(self, key: str) -> Figure:
        return next(f for _, f in self.figures() if f.key == key)
