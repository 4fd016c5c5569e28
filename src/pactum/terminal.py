"""Findings and verify reports for people, with Rich: failures and alerts first, then key
values, then the next deadlines."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from pactum.desk import COLUMNS as DESK_COLUMNS
from pactum.desk import DeskColumn, Facility, Kind, shown_cell
from pactum.facts.recorded import RecordedRun
from pactum.findings import (
    Basis,
    Findings,
    Severity,
    Status,
    TestResult,
    Unit,
)
from pactum.format import display, item_words, shown, sources_text, wall_clock_str
from pactum.obligations_calendar import CalendarEntry, ObligationCalendar
from pactum.screen_table import Column, print_table
from pactum.term_history import TermHistory
from pactum.terms.instruments import Instrument
from pactum.terms.registry import ClauseSpec
from pactum.verify import Report

if TYPE_CHECKING:  # the engine (Ibis, DuckDB) is imported only when certificates are made
    pass

_STYLE = {Severity.critical: "bold red", Severity.warning: "yellow", Severity.info: "cyan"}
NEXT_DEADLINES = 8


TEST_COLUMNS = (
    Column("date"),
    Column("test", whole=False),
    Column("required"),
    Column("actual", whole=False),  # a figure, or the note saying why there is none
    Column("result"),
    Column("headroom", justify="right", optional=True),
    # how far the driving item may fall before the test fails (negative: must rise)
    Column("driver may fall by", whole=False, optional=True),
)
# in a sheet of several instruments the required level names the instrument that set it,
# which may wrap
NAMED_LEVEL_COLUMNS = tuple(
    Column("required", whole=False) if c.header == "required" else c for c in TEST_COLUMNS
)
DEADLINE_COLUMNS = (
    Column("due"),
    Column("obligation", whole=False),
    Column("amount", justify="right"),
    Column("", whole=False),
)
CALENDAR_COLUMNS = (
    Column("date"),
    Column("what", whole=False),
    Column("amount", justify="right"),
    Column("source"),  # a reference to the clause listed under the table: [1]
)
INSTRUMENT_COLUMNS = (
    Column("instrument"),
    Column("title", whole=False),
    Column("kind"),
    Column("dated"),
    Column("effective"),
    Column("document", whole=False),
)
NOTICE_COLUMNS = (
    Column("sent"),
    Column("method"),
    Column("deemed given"),
    Column("status"),
    Column("to", whole=False),
)


def _test_cells(test: TestResult) -> list[str]:
    passed = {True: "[green]pass[/]", False: "[red]FAIL[/]", None: "[dim]n/a[/]"}[test.passed]
    if test.waived_by is not None:
        passed = "[yellow]waived[/]"
    headroom = display(test.headroom, test.unit) if test.headroom is not None else ""
    driver = test.driver_headroom
    in_driver = ""
    if driver is not None:
        # the item in words, as the compliance certificate's "Driving item" prints it
        in_driver = f"{escape(item_words(driver.item))} {display(driver.amount, Unit.money)}"
    label = escape(test.label) + (" [dim](forecast)[/]" if test.basis is Basis.forecast else "")
    if test.passed and test.headroom is not None and test.headroom < 0 and test.note:
        # a pass beyond its level (a cap that did not bind): the note says why
        label += f"\n[dim]{escape(test.note)}[/]"
    return [
        test.test_date.isoformat(),
        label,
        f"{test.comparator} {display(test.required, test.unit)}{_level_set_by(test)}"
        if test.required is not None
        else "",
        display(test.actual, test.unit) if test.actual is not None else escape(test.note),
        passed,
        headroom,
        in_driver,
    ]


def _level_set_by(test: TestResult) -> str:
    """In a sheet of several instruments, the instrument and section that set the level on
    the test date: " (Amendment No. 6, Section 7.2.4)"."""
    source = test.level_source
    if source is None or source.instrument is None:
        return ""
    return f" [dim]({escape(source.where)})[/]"


def _tests_to_show(tests: tuple[TestResult, ...]) -> list[TestResult]:
    """Failures first (actual, then projected, each earliest first), then each test's latest
    actual result, its forecasts and the draw requests; older passes are summarised (the
    JSON has them all)."""
    # actual failures, then projected ones (forecasts, draws), each earliest first
    failing = sorted(
        (t for t in tests if t.passed is False or t.waived_by is not None),
        key=lambda t: (t.basis is not Basis.actual, t.test_date),
    )
    latest: dict[str, TestResult] = {}
    for test in sorted(tests, key=lambda t: t.test_date):
        if test.basis is Basis.actual and test.passed is not False:
            latest[test.id] = test  # later dates overwrite earlier ones
    # forecasts and draw requests are each about their own date: all are shown
    ahead = [t for t in tests if t.basis is not Basis.actual and t.passed is not False]
    rest = sorted([*ahead, *latest.values()], key=lambda t: t.test_date, reverse=True)
    return failing + [t for t in rest if t not in failing]


_STATUS_COLOUR = {
    Status.ok: "green",
    Status.watch: "yellow",
    Status.breach: "red",
    Status.not_yet_in_force: "dim",
    Status.ended: "dim",
}


def print_findings(findings: Findings, console: Console) -> None:
    print_findings_heading(findings.company, findings.as_of, console)
    print_agreements(findings, console)


def print_findings_heading(company: str, as_of: date, console: Console) -> None:
    console.print(f"[bold]{company}[/] as of {as_of.isoformat()}")


def print_agreements(findings: Findings, console: Console) -> None:
    """Each agreement's findings (under its borrower's name in a book), without the heading:
    a share of a book's borrowers prints as its part of the whole."""
    names = dict(findings.borrowers)
    borrower: str | None = None
    for agreement in findings.agreements:
        if agreement.borrower is not None and agreement.borrower != borrower:
            borrower = agreement.borrower  # a book: each borrower's agreements under its name
            console.print(f"\n[bold]Borrower {borrower}[/]: {escape(names.get(borrower, ''))}")
        colour = _STATUS_COLOUR[agreement.status]
        # each type once, with how many clauses it has: "interest, 3 fees, deadlines"
        counted = Counter(c.type for c in agreement.clauses)
        types = ", ".join(f"{n} {t}" if n > 1 else t for t, n in counted.items())
        # the counts the status rests on: a failed actual test is a breach, a projected
        # failure (a forecast, a draw that would not fit) a watch
        counts = [
            f"{label} {n}"
            for label, n in (
                ("failed tests", len(agreement.failed_tests)),
                ("projected failures", len(agreement.projected_failures)),
            )
            if n
        ]
        console.print(
            f"\n[bold]{agreement.title}[/] ({agreement.id}: {types}) "
            f"[{colour}]{agreement.status}[/]" + (f" ({', '.join(counts)})" if counts else "")
        )
        for alert in agreement.alerts:
            console.print(f"  [{_STYLE[alert.severity]}]{alert.severity.value}[/] {alert.message}")
        shown_tests = _tests_to_show(agreement.tests)
        if shown_tests:
            named = any(_level_set_by(test) for test in shown_tests)
            columns = NAMED_LEVEL_COLUMNS if named else TEST_COLUMNS
            print_table(console, columns, [_test_cells(test) for test in shown_tests])
            earlier = len(agreement.tests) - len(shown_tests)
            if earlier:
                console.print(
                    f"  [dim]{earlier} earlier tests passed or were not due (--json lists all)[/]"
                )
        if agreement.values:  # none before the agreement is in force or after it ended
            print_table(
                console,
                (Column("value", whole=False), Column("", whole=False)),
                [[escape(v.label), shown(v.value)] for v in agreement.listed_values()],
            )
        upcoming = agreement.obligations[:NEXT_DEADLINES]
        if upcoming:
            print_table(
                console,
                DEADLINE_COLUMNS,
                [
                    [
                        o.due.isoformat(),
                        escape(o.what),
                        display(o.amount, Unit.money) if o.amount is not None else "",
                        f"[dim]{escape(o.note)}[/]" if o.note else "",
                    ]
                    for o in upcoming
                ],
            )
        if agreement.notices:
            rows: list[list[str]] = []
            for n in agreement.notices:
                given = n.deemed_given_at or n.deemed_given
                rows.append(
                    [
                        wall_clock_str(n.sent),
                        n.method,
                        wall_clock_str(given) if given else "",
                        str(n.status or ""),
                        escape("; ".join(r.party for r in n.recipients)),
                    ]
                )
            print_table(console, NOTICE_COLUMNS, rows)


def print_calendar(calendar: ObligationCalendar, console: Console) -> None:
    """`pactum calendar`: a table per agreement, one row per obligation with the note under
    what is due; each clause behind them is listed once under the table and referred to by
    its number ([1]), since the same clause is behind every month's rent or report."""
    print_calendar_heading(calendar, console)
    for (borrower, agreement_id), entries in calendar_tables(calendar).items():
        print_calendar_table(borrower, agreement_id, entries, console)
    print_calendar_total(len(calendar.entries), console)


def print_calendar_heading(calendar: ObligationCalendar, console: Console) -> None:
    console.print(
        f"[bold]{calendar.company}[/]: obligations from {calendar.start.isoformat()} to "
        f"{calendar.end.isoformat()}, as known at {calendar.as_of.isoformat()}"
    )


def calendar_tables(calendar: ObligationCalendar) -> dict[tuple[str, str], list[CalendarEntry]]:
    """The calendar's entries by (borrower, agreement), one table each, in the order their
    first entries come in the calendar."""
    by_agreement: dict[tuple[str, str], list[CalendarEntry]] = {}
    for entry in calendar.entries:
        by_agreement.setdefault((entry.borrower or "", entry.agreement_id), []).append(entry)
    return by_agreement


def print_calendar_total(count: int, console: Console) -> None:
    console.print(f"\n{count} obligations")


def print_calendar_table(
    borrower: str, agreement_id: str, entries: list[CalendarEntry], console: Console
) -> None:
    """One agreement's obligations: a row each, with each clause behind them listed once
    under the table."""
    sources: dict[str, int] = {}  # each source text by its number, in first-use order
    rows = []
    for entry in entries:
        o = entry.obligation
        text = sources_text(o.sources)
        reference = f"[{sources.setdefault(text, len(sources) + 1)}]" if text else ""
        rows.append(
            [
                o.due.isoformat(),
                escape(o.what) + (f"\n[dim]{escape(o.note)}[/]" if o.note else ""),
                display(o.amount, Unit.money) if o.amount is not None else "",
                escape(reference),
            ]
        )
    console.print()
    print_table(
        console,
        CALENDAR_COLUMNS,
        rows,
        title=(f"{borrower}: " if borrower else "")
        + f"{entries[0].agreement_title} ({agreement_id}): {len(entries)} obligations",
    )
    for text, number in sources.items():
        console.print(f"  [{number}] {text}", markup=False, highlight=False)


def print_history(
    title: str, instruments: tuple[Instrument, ...], histories: list[TermHistory], console: Console
) -> None:
    """`pactum history`: the instruments, then each term's value from each effective date,
    with the instrument and the quote or assumption behind it."""
    console.print(f"[bold]{escape(title)}[/]")
    if instruments:
        print_table(
            console,
            INSTRUMENT_COLUMNS,
            [
                [
                    i.id,
                    escape(i.title),
                    i.kind.value,
                    i.dated.value.isoformat(),
                    i.effective_on.isoformat(),
                    escape(i.document) if i.document else "[dim]not in hand[/]",
                ]
                for i in instruments
            ],
        )
    for history in histories:
        console.print(f"[bold]{escape(history.name)}[/]")
        for change in history.changes:
            value = "(no longer given)" if change.value is None else _written(change.value)
            source = "" if change.source is None else sources_text([change.source])
            within = f" {change.instrument}" if change.instrument else ""
            console.print(
                f"  from {change.effective.isoformat()}{within}: {value}  [dim]{escape(source)}[/]"
            )
    console.print(f"{len(histories)} terms")


def _written(value: object) -> str:
    """A term's value as a sheet writes it."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def print_clause_types(types: Mapping[str, ClauseSpec], console: Console) -> None:
    """The registered clause types, a line each."""
    print_table(
        console,
        (Column("type"), Column("what it holds", whole=False)),
        [[name, escape(spec.description)] for name, spec in sorted(types.items())],
    )


def print_verify(report: Report, console: Console) -> None:
    for finding in report.findings:
        if finding.status == "note":
            console.print(f"note: {finding}", markup=False, style="dim")
        elif finding.status == "fail" and finding.check == "stated":
            console.print(f"differs: {finding}", markup=False, style="red")
    for name, tally in report.by_agreement.items():
        console.print(
            f"{name}: {tally.cited} cited, {tally.assumed} assumed, {tally.unsourced} unsourced; "
            f"{tally.stated_checked} stated figures recomputed"
        )
    console.print(
        f"in all: {report.cited} cited, {report.assumed} assumed, {report.unsourced} unsourced; "
        f"{report.stated_checked} stated figures recomputed; {len(report.failures)} failures"
    )


def print_desk(rows: list[Facility], findings: Findings, console: Console) -> None:
    """The desk's table: one facility a row, numbers never cut (screen_table)."""
    console.print(f"[bold]{escape(findings.company)}[/]: facilities as of {findings.as_of}")
    if not rows:
        console.print("No facility (an agreement with availability) matches.")
        return
    columns = [
        Column(
            c.header,
            whole=c.kind is not Kind.text or c.key in ("borrower", "agreement", "status"),
            justify="left" if c.kind in (Kind.text, Kind.date) else "right",
            optional=c.key in ("deadline", "line_cap", "least_headroom_pct"),
        )
        for c in DESK_COLUMNS
    ]
    cells = [[escape(_desk_cell(c, row)) for c in DESK_COLUMNS] for row in rows]
    print_table(console, columns, cells)


def _desk_cell(column: DeskColumn, row: Facility) -> str:
    """A desk cell; the covenants a line each, so that a wrapped line never runs one
    covenant's headroom into the next covenant's name."""
    if column.key == "covenants" and row.covenants:
        return "\n".join(c.shown for c in row.covenants)
    return shown_cell(column, row.cell(column.key))


def print_recorded(runs: list[RecordedRun], database: object, console: Console) -> None:
    """What `pactum record` kept, a run a line."""
    if not runs:
        console.print(f"Nothing recorded in {escape(str(database))}")
        return
    console.print(f"Recorded in {escape(str(database))}:")
    columns = [
        Column("Borrower", whole=False),
        Column("As of"),
        Column("Agreements", justify="right"),
        Column("Documents", justify="right"),
        Column("Figures", justify="right"),
    ]
    # a column per table the clauses recorded (a revolver's ledger): its rows in each run
    tables = sorted({t for r in runs for t in r.table_rows})
    columns += [
        Column(f"{escape(t.replace('_', ' ').capitalize())} rows", justify="right") for t in tables
    ]
    rows = [
        [
            escape(f"{r.borrower_id} ({r.borrower_name})" if r.borrower_id else r.borrower_name),
            r.as_of.isoformat(),
            str(r.agreements),
            str(r.documents),
            str(r.figures),
            *(str(r.table_rows.get(t, 0)) for t in tables),
        ]
        for r in runs
    ]
    print_table(console, columns, rows)
