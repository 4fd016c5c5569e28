"""Findings and verify reports for people, with Rich: failures and alerts first, then key
values, then the next deadlines."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from pactum.findings import Findings, Severity, TestResult, Unit, display
from pactum.terms.verify import Report

_STYLE = {Severity.critical: "bold red", Severity.warning: "yellow", Severity.info: "cyan"}
NEXT_DEADLINES = 8


def _test_cells(test: TestResult) -> list[str]:
    passed = {True: "[green]pass[/]", False: "[red]FAIL[/]", None: "[dim]n/a[/]"}[test.passed]
    headroom = display(test.headroom, test.unit) if test.headroom is not None else ""
    if test.driver_headroom is not None:
        headroom += (
            f" ({test.driver_headroom.item} may fall "
            f"{display(test.driver_headroom.amount, Unit.money)})"
        )
    return [
        test.test_date.isoformat(),
        test.label + (" [dim](forecast)[/]" if test.basis == "forecast" else ""),
        f"{test.comparator} {display(test.required, test.unit)}"
        if test.required is not None
        else "",
        display(test.actual, test.unit) if test.actual is not None else test.note,
        passed,
        headroom,
    ]


def print_findings(findings: Findings, console: Console) -> None:
    console.print(f"[bold]{findings.company}[/] as of {findings.as_of.isoformat()}")
    for agreement in findings.agreements:
        colour = {"ok": "green", "watch": "yellow", "breach": "red"}[agreement.status]
        console.print(
            f"\n[bold]{agreement.title}[/] ({agreement.id}, {agreement.kind}) "
            f"[{colour}]{agreement.status}[/]"
        )
        failing = [t for t in agreement.tests if t.passed is False]
        for alert in agreement.alerts:
            console.print(f"  [{_STYLE[alert.severity]}]{alert.severity.value}[/] {alert.message}")
        tests = Table(
            "date", "test", "required", "actual", "result", "headroom", box=None, padding=(0, 1)
        )
        ordered = failing + [t for t in agreement.tests if t.passed is not False]
        for test in ordered:
            tests.add_row(*_test_cells(test))
        if agreement.tests:
            console.print(tests)
        values = Table("value", "", box=None, padding=(0, 1))
        for value in agreement.values:
            values.add_row(value.label, value.shown)
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


def print_verify(report: Report, console: Console) -> None:
    for finding in report.findings:
        if finding.status == "fail":
            console.print(f"[red]FAIL[/] {finding}")
        elif finding.status == "note":
            console.print(f"[dim]note[/] {finding}")
    console.print(
        f"{report.cited} cited, {report.assumed} assumed, {report.unsourced} unsourced; "
        f"{report.stated_checked} stated figures recomputed; {len(report.failures)} failures"
    )
