"""The desk's view of a book: every facility in one row, from the findings alone.

A facility is an agreement whose findings give an `availability` (a revolving line: its
borrowing base less loans, letters of credit and reserves, capped by the line). Its row holds:

- `availability`, `line_cap`, and `availability_pct`: availability as a share of the line cap
  (exact; shown to 0.01%);
- `reporting`: the reporting cadence the agreement sets on the date (`reporting_frequency`);
- `covenants`: each covenant test's headroom at its latest actual test date on or before the
  as-of date (the tests measured on actual figures, not a draw request), and
  `least_headroom_pct`: the smallest headroom as a share of its required level, the covenant
  nearest to failing whatever its unit;
- `breaches`: the covenants whose latest actual test failed (a waived one is not a breach);
  `projected`: the covenants with a failed test on forecast figures;
- `next_deadline`, `deadline`: the first obligation due on or after the as-of date, and what.

Sorting (`--sort COLUMN`, `--descending`) puts rows without the figure last either way;
filters (`--filter 'COLUMN OP VALUE'`, OP one of = != < <= > >=, all must hold) compare money
and counts as numbers, percentages in points as shown (`availability_pct<10`), dates as
YYYY-MM-DD, and words by = and != without regard to case.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any

from pactum.charts import Axis, Chart, Mark, Role, Series, level
from pactum.errors import option_problem
from pactum.facts.recorded import recorded_findings
from pactum.findings import AgreementFindings, Basis, Findings, Status, TestResult, Unit
from pactum.format import display, render

SCHEMA_ID = "pactum.desk/1"


class Kind(StrEnum):
    text = "text"
    money = "money"
    percent = "percent"
    number = "number"  # a count
    date = "date"


@dataclass(frozen=True)
class DeskColumn:
    key: str
    header: str
    kind: Kind


COLUMNS = (
    DeskColumn("borrower", "Borrower", Kind.text),
    DeskColumn("agreement", "Agreement", Kind.text),
    DeskColumn("availability", "Availability", Kind.money),
    DeskColumn("line_cap", "Line cap", Kind.money),
    DeskColumn("availability_pct", "% of cap", Kind.percent),
    DeskColumn("reporting", "Reporting", Kind.text),
    DeskColumn("covenants", "Covenant headroom", Kind.text),
    DeskColumn("least_headroom_pct", "Least headroom", Kind.percent),
    DeskColumn("breaches", "Breaches", Kind.number),
    DeskColumn("projected", "Projected", Kind.number),
    DeskColumn("next_deadline", "Next deadline", Kind.date),
    DeskColumn("deadline", "Due then", Kind.text),
    DeskColumn("status", "Status", Kind.text),
)
BY_KEY = {c.key: c for c in COLUMNS}
COLUMN_NAMES = ", ".join(BY_KEY)

Cell = Decimal | date | str | int | None


@dataclass(frozen=True)
class Covenant:
    """A covenant's latest actual test on or before the as-of date."""

    result: TestResult

    @property
    def headroom_share(self) -> Decimal | None:
        """Headroom as a share of the required level (None when either is unknown or 0)."""
        test = self.result
        if test.headroom is None or not test.required:
            return None
        return test.headroom / abs(test.required)

    @property
    def shown(self) -> str:
        test = self.result
        headroom = display(test.headroom, test.unit) if test.headroom is not None else "—"
        return f"{test.label} {headroom}"  # words: the id is the sheet's


@dataclass(frozen=True)
class Facility:
    borrower: str  # the borrower's id ('' for one company's portfolio)
    borrower_name: str
    agreement: str
    title: str
    availability: Decimal | None
    line_cap: Decimal | None
    reporting: str | None
    covenants: tuple[Covenant, ...]
    breaches: int
    projected: int
    next_deadline: date | None
    deadline: str
    status: Status

    @property
    def availability_pct(self) -> Decimal | None:
        """Availability as a fraction of the line cap, exact."""
        if self.availability is None or not self.line_cap:
            return None
        return self.availability / self.line_cap

    @property
    def least_headroom_pct(self) -> Decimal | None:
        shares = [c.headroom_share for c in self.covenants if c.headroom_share is not None]
        return min(shares) if shares else None

    def cell(self, key: str) -> Cell:
        if key == "borrower":
            return self.borrower or self.borrower_name
        if key == "covenants":
            return "; ".join(c.shown for c in self.covenants)
        if key == "status":
            return self.status.value
        value: Cell = getattr(self, key)
        return value


def _money(findings: AgreementFindings, value_id: str) -> Decimal | None:
    found = next((v for v in findings.values if v.id == value_id), None)
    return found.value if found is not None and isinstance(found.value, Decimal) else None


def _latest_actual(tests: Sequence[TestResult], as_of: date) -> tuple[Covenant, ...]:
    latest: dict[str, TestResult] = {}
    for test in tests:
        if test.basis is not Basis.actual or test.test_date > as_of:
            continue
        if test.id not in latest or test.test_date > latest[test.id].test_date:
            latest[test.id] = test
    return tuple(Covenant(t) for t in latest.values())


def facility(findings: AgreementFindings, as_of: date, borrower_name: str) -> Facility | None:
    """The desk's row of an agreement, or None for one that is not a facility."""
    availability = _money(findings, "availability")
    if availability is None and not any(v.id == "availability" for v in findings.values):
        return None
    reporting = next((v for v in findings.values if v.id == "reporting_frequency"), None)
    covenants = _latest_actual(findings.tests, as_of)
    upcoming = [o for o in findings.obligations if o.due >= as_of]
    first = min(upcoming, key=lambda o: o.due) if upcoming else None
    return Facility(
        borrower=findings.borrower or "",
        borrower_name=borrower_name,
        agreement=findings.id,
        title=findings.title,
        availability=availability,
        line_cap=_money(findings, "line_cap"),
        reporting=str(reporting.value) if reporting is not None and reporting.value else None,
        covenants=covenants,
        breaches=sum(
            1 for c in covenants if c.result.passed is False and c.result.waived_by is None
        ),
        projected=len(
            {t.id for t in findings.tests if t.basis is Basis.forecast and t.passed is False}
        ),
        next_deadline=first.due if first is not None else None,
        deadline=first.what if first is not None else "",
        status=findings.status,
    )


def facilities(findings: Findings) -> list[Facility]:
    """Every facility of the findings, in the book's order."""
    names = dict(findings.borrowers)
    rows = []
    for agreement in findings.agreements:
        name = names.get(agreement.borrower or "", findings.company)
        row = facility(agreement, findings.as_of, name)
        if row is not None:
            rows.append(row)
    return rows


def column(key: str, option: str = "--sort") -> DeskColumn:
    """The column named on the command line; bad input (one line) otherwise."""
    found = BY_KEY.get(key.strip())
    if found is None:
        raise option_problem(option, repr(key), f"a column of the desk: {COLUMN_NAMES}")
    return found


def _sort_key(value: Cell) -> Any:
    return value.casefold() if isinstance(value, str) else value


def sorted_by(rows: Sequence[Facility], key: str, descending: bool = False) -> list[Facility]:
    """The rows by a column; rows without a figure in it last, whichever the direction."""
    chosen = column(key)
    known = [r for r in rows if r.cell(chosen.key) not in (None, "")]
    unknown = [r for r in rows if r.cell(chosen.key) in (None, "")]
    ordered = sorted(known, key=lambda r: _sort_key(r.cell(chosen.key)), reverse=descending)
    return ordered + unknown


_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "!=": operator.ne,
    "=": operator.eq,
    "<": operator.lt,
    ">": operator.gt,
}
_FILTER = re.compile(r"^\s*([a-z_]+)\s*(<=|>=|!=|=|<|>)\s*(.*?)\s*$")
FILTER_EXPECTED = "COLUMN OP VALUE, OP one of = != < <= > >=, e.g. 'availability_pct<10'"


@dataclass(frozen=True)
class Filter:
    column: DeskColumn
    op: str
    value: Decimal | date | str

    def holds(self, row: Facility) -> bool:
        cell = row.cell(self.column.key)
        if cell is None or (cell == "" and self.column.kind is not Kind.text):
            return False
        compare = _OPERATORS[self.op]
        if self.column.kind is Kind.text:
            return bool(compare(str(cell).casefold(), str(self.value).casefold()))
        if self.column.kind is Kind.percent and isinstance(cell, Decimal):
            cell = cell * 100  # written in points, as shown
        return bool(compare(cell, self.value))


def parse_filter(text: str) -> Filter:
    """`COLUMN OP VALUE` (see the module's docstring); bad input (one line) otherwise."""
    match = _FILTER.match(text)
    if match is None:
        raise option_problem("--filter", repr(text), FILTER_EXPECTED)
    name, op, written = match.groups()
    chosen = column(name, "--filter")
    if chosen.kind is Kind.text:
        if op not in ("=", "!="):
            raise option_problem("--filter", repr(text), f"= or != for the words of {name}")
        return Filter(chosen, op, written)
    if chosen.kind is Kind.date:
        try:
            return Filter(chosen, op, date.fromisoformat(written))
        except ValueError:
            raise option_problem(
                "--filter", repr(text), f"{name} {op} a date as YYYY-MM-DD"
            ) from None
    try:
        number = Decimal(written.rstrip("%").replace(",", "").replace("$", ""))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise option_problem("--filter", repr(text), f"{name} {op} a number")
    return Filter(chosen, op, number)


def _json_cell(column_: DeskColumn, value: Cell) -> Any:
    if value is None:
        return None
    if column_.kind is Kind.money and isinstance(value, Decimal):
        return render(value, Unit.money)
    if column_.kind is Kind.percent and isinstance(value, Decimal):
        return render(value, Unit.percent)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _rendered(value: Decimal | None, unit: Unit) -> str | None:
    return None if value is None else render(value, unit)


def desk_json(rows: Sequence[Facility], findings: Findings) -> dict[str, Any]:
    """The desk as JSON: money as strings to the cent, percentages of 100 to two places (as
    the findings' JSON), each covenant with its test."""
    return {
        "schema": SCHEMA_ID,
        "as_of": findings.as_of.isoformat(),
        "book": findings.company,
        "columns": [{"key": c.key, "header": c.header, "kind": c.kind.value} for c in COLUMNS],
        "facilities": [
            {
                **{c.key: _json_cell(c, row.cell(c.key)) for c in COLUMNS if c.key != "covenants"},
                "borrower_name": row.borrower_name,
                "title": row.title,
                "covenants": [
                    {
                        "id": cov.result.id,
                        "label": cov.result.label,
                        "test_date": cov.result.test_date.isoformat(),
                        "unit": cov.result.unit.value,
                        "required": _rendered(cov.result.required, cov.result.unit),
                        "actual": _rendered(cov.result.actual, cov.result.unit),
                        "headroom": _rendered(cov.result.headroom, cov.result.unit),
                        "passed": cov.result.passed,
                    }
                    for cov in row.covenants
                ],
            }
            for row in rows
        ],
    }


def shown_cell(column_: DeskColumn, value: Cell) -> str:
    """A cell for people: money and percentages as the findings show them."""
    if value is None:
        return "—"
    if column_.kind is Kind.money and isinstance(value, Decimal):
        return display(value, Unit.money)
    if column_.kind is Kind.percent and isinstance(value, Decimal):
        return display(value, Unit.percent)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------------------------------------
# Trends: the desk's figures over the dates a borrower's runs were recorded (`pactum record`).


def _recorded_figure(text: str | None, unit: Unit) -> Decimal | None:
    """A figure as the findings' JSON writes it, in its unit as `pactum.charts` takes it (a
    percentage of 100 back to a fraction)."""
    if text is None or text == "":
        return None
    try:
        figure = Decimal(text)
    except InvalidOperation:
        return None
    return figure / 100 if unit is Unit.percent else figure


def _recorded_covenants(agreement: dict[str, Any], as_of: date) -> dict[str, dict[str, Any]]:
    """Each test's latest actual result on or before the run's date, as the desk takes it."""
    latest: dict[str, dict[str, Any]] = {}
    for test in agreement.get("tests", []):
        day = date.fromisoformat(test["test_date"])
        if test["basis"] != Basis.actual.value or day > as_of:
            continue
        if test["id"] not in latest or day > date.fromisoformat(latest[test["id"]]["test_date"]):
            latest[test["id"]] = test
    return latest


def trend_charts(database: Path, borrower_id: str | None) -> list[Chart]:
    """A borrower's trends from its recorded runs: for each facility, its availability on each
    recorded date, and each covenant's headroom (the latest actual test on or before the
    date) against zero, the level where it fails; [] when nothing is recorded."""
    runs = recorded_findings(database, borrower_id)
    availability: dict[str, dict[str, Decimal | None]] = {}
    headroom: dict[tuple[str, str], dict[str, Decimal | None]] = {}
    titles: dict[str, str] = {}
    labels: dict[tuple[str, str], tuple[str, Unit]] = {}
    for as_of, found in runs:
        day = as_of.isoformat()
        for agreement in found.get("agreements", []):
            values = agreement.get("values", {})
            if "availability" not in values:
                continue  # not a facility
            agreement_id = agreement["id"]
            titles[agreement_id] = agreement["title"]
            availability.setdefault(agreement_id, {})[day] = _recorded_figure(
                values["availability"], Unit.money
            )
            for test_id, test in _recorded_covenants(agreement, as_of).items():
                unit = Unit(test["unit"])
                labels[(agreement_id, test_id)] = (test["label"], unit)
                headroom.setdefault((agreement_id, test_id), {})[day] = _recorded_figure(
                    test["headroom"], unit
                )
    charts = []
    for agreement_id, points in availability.items():
        x = tuple(points)
        charts.append(
            Chart(
                f"trend-availability-{agreement_id}",
                f"Availability over the recorded dates: {titles[agreement_id]}",
                (
                    Series(
                        "availability",
                        Mark.line_and_markers,
                        Role.amount,
                        x,
                        tuple(points.values()),
                    ),
                ),
                Axis(Unit.money, "availability", from_zero=True),
                dates=True,
            )
        )
        for (owner, test_id), by_day in headroom.items():
            if owner != agreement_id:
                continue
            label, unit = labels[(owner, test_id)]
            x = tuple(by_day)
            charts.append(
                Chart(
                    f"trend-headroom-{agreement_id}-{test_id}",
                    f"Headroom over the recorded dates: {label} ({titles[agreement_id]})",
                    (
                        Series(
                            "headroom",
                            Mark.line_and_markers,
                            Role.actual,
                            x,
                            tuple(by_day.values()),
                        ),
                        level("fails below", x, Decimal(0)),
                    ),
                    Axis(unit, "headroom"),
                    dates=True,
                )
            )
    return charts
