"""Findings and verify reports for people, with Rich: failures and alerts first, then key
values, then the next deadlines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pactum.files.table_files import Cell, Format
from pactum.files.table_files import Table as DataTable
from pactum.findings import (
    Basis,
    Findings,
    NoticeFinding,
    Severity,
    Status,
    TestResult,
    Unit,
)
from pactum.format import display, moment_str, shown, sources_text
from pactum.kinds.standstill.meeting import Meeting
from pactum.obligations_calendar import ObligationCalendar
from pactum.terms.registry import ClauseSpec
from pactum.verify import Report

if TYPE_CHECKING:  # the engine (Ibis, DuckDB) is imported only when certificates are made
    from pactum.collateral.results import Bucket
    from pactum.kinds.revolver.certificate import Certificate, CertificateRun

_STYLE = {Severity.critical: "bold red", Severity.warning: "yellow", Severity.info: "cyan"}
NEXT_DEADLINES = 8


def _test_cells(test: TestResult) -> list[str]:
    passed = {True: "[green]pass[/]", False: "[red]FAIL[/]", None: "[dim]n/a[/]"}[test.passed]
    headroom = display(test.headroom, test.unit) if test.headroom is not None else ""
    driver = test.driver_headroom
    in_driver = ""
    if driver is not None:
        in_driver = f"{driver.item} {display(driver.amount, Unit.money)}"
    return [
        test.test_date.isoformat(),
        test.label + (" [dim](forecast)[/]" if test.basis is Basis.forecast else ""),
        f"{test.comparator} {display(test.required, test.unit)}"
        if test.required is not None
        else "",
        display(test.actual, test.unit) if test.actual is not None else test.note,
        passed,
        headroom,
        in_driver,
    ]


def _tests_to_show(tests: tuple[TestResult, ...]) -> list[TestResult]:
    """Failures first, then each test's latest actual result, its forecasts and the draw
    requests; older passes are summarised (the JSON has them all)."""
    failing = [t for t in tests if t.passed is False]
    latest: dict[str, TestResult] = {}
    for test in sorted(tests, key=lambda t: t.test_date):
        if test.basis is Basis.actual and test.passed is not False:
            latest[test.id] = test  # later dates overwrite earlier ones
    # forecasts and draw requests are each about their own date: all are shown
    ahead = [t for t in tests if t.basis is not Basis.actual and t.passed is not False]
    rest = sorted([*ahead, *latest.values()], key=lambda t: t.test_date, reverse=True)
    return failing + [t for t in rest if t not in failing]


def print_findings(findings: Findings, console: Console) -> None:
    console.print(f"[bold]{findings.company}[/] as of {findings.as_of.isoformat()}")
    for agreement in findings.agreements:
        colour = {Status.ok: "green", Status.watch: "yellow", Status.breach: "red"}[
            agreement.status
        ]
        types = ", ".join(c.type for c in agreement.clauses)
        console.print(
            f"\n[bold]{agreement.title}[/] ({agreement.id}: {types}) "
            f"[{colour}]{agreement.status}[/]"
        )
        for alert in agreement.alerts:
            console.print(f"  [{_STYLE[alert.severity]}]{alert.severity.value}[/] {alert.message}")
        shown_tests = _tests_to_show(agreement.tests)
        if shown_tests:
            tests = Table(box=None, padding=(0, 1))
            for header in ("date", "test", "required", "actual", "result", "headroom"):
                tests.add_column(header, no_wrap=header != "test")
            # how far the driving item may fall before the test fails (negative: must rise)
            tests.add_column("driver may fall by", no_wrap=True)
            for test in shown_tests:
                tests.add_row(*_test_cells(test))
            console.print(tests)
            earlier = len(agreement.tests) - len(shown_tests)
            if earlier:
                console.print(
                    f"  [dim]{earlier} earlier tests passed or were not due (--json lists all)[/]"
                )
        values = Table("value", "", box=None, padding=(0, 1))
        for value in agreement.values:
            values.add_row(value.label, shown(value))
        console.print(values)
        upcoming = agreement.obligations[:NEXT_DEADLINES]
        if upcoming:
            deadlines = Table("due", "obligation", "amount", "", box=None, padding=(0, 1))
            for o in upcoming:
                deadlines.add_row(
                    o.due.isoformat(),
                    o.what,
                    display(o.amount, Unit.money) if o.amount is not None else "",
                    f"[dim]{o.note}[/]",
                )
            console.print(deadlines)
        if agreement.notices:
            notices = Table(
                "sent", "method", "deemed given", "status", "to", box=None, padding=(0, 1)
            )
            for n in agreement.notices:
                notices.add_row(
                    moment_str(n.sent),
                    n.method,
                    n.deemed_given.isoformat() if n.deemed_given else "",
                    n.status,
                    "; ".join(r.party for r in n.recipients),
                )
            console.print(notices)


def print_calendar(calendar: ObligationCalendar, console: Console) -> None:
    """`pactum calendar`: one row per obligation, the note under what is due."""
    console.print(
        f"[bold]{calendar.company}[/]: obligations from {calendar.start.isoformat()} to "
        f"{calendar.end.isoformat()}, as known at {calendar.as_of.isoformat()}"
    )
    table = Table(box=None, padding=(0, 1))
    table.add_column("date", no_wrap=True)
    table.add_column("agreement", no_wrap=True)
    table.add_column("what", ratio=3)
    table.add_column("amount", justify="right", no_wrap=True)
    table.add_column("source", ratio=2)
    for entry in calendar.entries:
        o = entry.obligation
        table.add_row(
            o.due.isoformat(),
            entry.agreement_id,
            escape(o.what) + (f"\n[dim]{escape(o.note)}[/]" if o.note else ""),
            display(o.amount, Unit.money) if o.amount is not None else "",
            escape(sources_text(o.sources)),
        )
    console.print(table)
    console.print(f"{len(calendar.entries)} obligations")


def print_notice(notice: NoticeFinding, console: Console) -> None:
    """`pactum notice`: the deemed-given date, the reasoning, and where the notice goes."""
    given = notice.deemed_given_at or notice.deemed_given
    console.print(f"[bold]Deemed given:[/] {moment_str(given) if given else 'not yet (see below)'}")
    for line in notice.reasoning:
        console.print(f"  {line}", markup=False)
    for recipient in notice.recipients:
        console.print(f"[bold]To {recipient.party}:[/] {recipient.address}", highlight=False)
        for copy in recipient.copies:
            console.print(f"  with a copy to {copy}", markup=False)


def print_meeting(meeting: Meeting, console: Console) -> None:
    """`pactum vote`: free and excess shares, and how the excess is voted per proposal."""
    p, shares = meeting.position, meeting.shares
    voting = meeting.sheet.voting
    console.print(
        f"[bold]{meeting.holder}[/] as of {meeting.as_of.isoformat()} (ownership reported "
        f"{p.as_of.isoformat()}): {p.shares:,} shares of {p.outstanding:,} outstanding "
        f"({display(p.fraction, Unit.percent)})"
    )
    if shares.restricted:
        console.print(
            f"free: {shares.free:,} (up to {display(voting.free_up_to.value, Unit.percent)} of "
            f"{shares.base:,}, rounded {voting.free_shares_rounding.value.value.replace('_', ' ')}); "
            f"excess: {shares.excess:,}, voted in proportion to the other holders' votes cast "
            f"({voting.votes_cast.value.value.replace('_', ', ')}; "
            f"{voting.apportionment.value.value.replace('_', ' ')})"
        )
    else:
        console.print("the Term has ended: every share is voted freely")
    choices = list(meeting.results[0].votes_cast) if meeting.results else []
    table = Table(box=None, padding=(0, 1))
    for header in ("proposal", *(f"others {c}" for c in choices), "group", "free"):
        table.add_column(header)
    for header in (*(f"excess {c}" for c in choices), "not voted", "total for", "total against"):
        table.add_column(header, justify="right")
    for r in meeting.results:
        table.add_row(
            r.proposal,
            *(f"{r.votes_cast[c]:,}" for c in choices),
            r.group_vote,
            f"{r.free:,}",
            *(f"{r.excess[c]:,}" for c in choices),
            f"{r.not_voted:,}",
            f"{r.group_total('for'):,}",
            f"{r.group_total('against'):,}",
        )
    console.print(table)
    for r in meeting.results:
        if r.note:
            console.print(f"  {r.proposal}: {r.note}", markup=False)


def print_clause_types(types: Mapping[str, ClauseSpec], console: Console) -> None:
    """The registered clause types, a line each."""
    table = Table(show_header=True, header_style="bold", box=None)
    table.add_column("type")
    table.add_column("what it holds")
    for name, spec in sorted(types.items()):
        table.add_row(name, spec.description)
    console.print(table)


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


def _cell(value: Cell, fmt: Format) -> str:
    if value is None:
        return ""
    if fmt is Format.money and isinstance(value, Decimal):
        return display(value, Unit.money)
    if fmt is Format.percent and isinstance(value, Decimal):
        return display(value, Unit.percent)
    if fmt is Format.number and isinstance(value, Decimal):
        return f"{value:,}"
    return str(value) if not isinstance(value, date) else value.isoformat()


def print_table(table: DataTable, console: Console, hide: frozenset[str] = frozenset()) -> None:
    """A data table (e.g. a rent roll) for the terminal, less the `hide` columns (the files
    have them all); numbers right-aligned and never wrapped."""
    keep = [i for i, c in enumerate(table.columns) if c.name not in hide]
    shown = Table(title=table.title, box=None, padding=(0, 1))
    for i in keep:
        column = table.columns[i]
        numeric = column.format in (Format.money, Format.percent, Format.number, Format.date)
        shown.add_column(
            column.name.replace("_", "\n"),  # one word a line keeps the columns narrow
            justify="right" if numeric else "left",
            no_wrap=column.format is not Format.text,
            min_width=7,
        )
    for row in [*table.rows, *([table.total] if table.total else [])]:
        shown.add_row(*(_cell(row[i], table.columns[i].format) for i in keep))
    console.print(shown)


def _less(buckets: Sequence[Bucket]) -> list[tuple[str, Decimal, bool]]:
    """The ineligible lines of a section, as deductions; empty buckets are left out."""
    return [(f"  less {b.reason.replace('_', ' ')}", -b.amount, False) for b in buckets if b.amount]


def certificate_lines(c: Certificate) -> list[tuple[str, Decimal, bool]]:
    """(label, amount, bold) for each line of the certificate, top to bottom."""
    lines: list[tuple[str, Decimal, bool]] = []
    if c.receivables is not None:
        r = c.receivables
        lines.append((f"Gross receivables ({r.rows} invoices)", r.gross, True))
        lines += _less(r.buckets)
        lines.append(("Eligible receivables", r.eligible, True))
        lines.append(("Receivables advance", c.figure("receivables_advance"), False))
    if c.inventory is not None:
        i = c.inventory
        lines.append((f"Gross inventory ({i.rows} rows)", i.gross, True))
        lines += _less(i.buckets)
        lines += [(f"Eligible inventory, {b.reason}", b.amount, False) for b in i.eligible_by_class]
        lines.append(("Inventory advance", c.figure("inventory_advance"), False))
    lines.append(("Borrowing base", c.figure("borrowing_base"), True))
    lines.append(("Line cap", c.figure("line_cap"), False))
    if c.loans_known:
        lines.append(("Availability", c.figure("availability"), True))
    return lines


def print_certificates(run: CertificateRun, console: Console) -> None:
    """Each borrower's certificate in the standard line-by-line form."""
    for c in run.certificates:
        who = f"borrower {c.borrower_id}" if c.borrower_id else run.agreement
        table = Table(title=f"Borrowing base certificate, {who}, as of {run.as_of}", box=None)
        table.add_column("line")
        table.add_column("amount", justify="right")
        for label, amount, bold in certificate_lines(c):
            table.add_row(f"[bold]{label}[/]" if bold else label, display(amount, Unit.money))
        console.print(table)
        for warning in c.warnings:
            console.print(f"  [yellow]warning[/] {warning}")
