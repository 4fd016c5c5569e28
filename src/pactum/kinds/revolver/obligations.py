"""What the facility requires on dates: reports, statements, test dates and maturity; each
only when the sheet has the part that requires it (maturity always)."""

from __future__ import annotations

from datetime import date, timedelta

from pactum.business_days import BusinessCalendar
from pactum.dates import add_months, month_end, quarter_ends_between
from pactum.findings import Alert, Obligation, Severity, SourceRef
from pactum.findings import ObligationCategory as Category
from pactum.kinds.revolver.schema import Reporting, RevolverTerms
from pactum.terms.values import source_ref


def monthly_report_due(reporting: Reporting, month: date) -> date:
    """The monthly borrowing-base report for the month ending `month`: N days after it."""
    return month + timedelta(days=reporting.monthly_due_days_after_month_end.value)


def next_weekly_report_due(reporting: Reporting, on: date) -> date:
    """The first of the weekly reports' weekdays on or after `on`."""
    ahead = (reporting.weekly_due_weekday.value.number - on.weekday()) % 7
    return on + timedelta(days=ahead)


def next_report_due(reporting: Reporting, frequency: str, as_of: date) -> date:
    """The next borrowing-base report due on or after `as_of`.

    Monthly: N days after each month end. Weekly: each named weekday.
    """
    if frequency == "weekly":
        return next_weekly_report_due(reporting, as_of)
    month = month_end(add_months(as_of.replace(day=1), -1))
    while monthly_report_due(reporting, month) < as_of:
        month = month_end(add_months(month, 1))
    return monthly_report_due(reporting, month)


def obligations(
    sheet: RevolverTerms,
    calendar: BusinessCalendar,
    start: date,
    end: date,
    fy_end: int,
) -> list[Obligation]:
    """Every dated obligation with start <= due <= end."""
    found: list[Obligation] = []

    def add(
        due: date,
        what: str,
        category: Category,
        key: str,
        source: SourceRef | None = None,
    ) -> None:
        if start <= due <= end:
            note = calendar.not_rolled_note(due)
            refs = (source,) if source is not None else ()
            found.append(Obligation(due, what, None, refs, note, category, key))

    statements = sheet.financial_statements_due_days
    if statements is not None:
        days = statements.value
        for quarter in quarter_ends_between(start - timedelta(days=days), end, fy_end):
            add(
                quarter + timedelta(days=days),
                f"Quarterly financial statements for the quarter ended {quarter.isoformat()}",
                Category.report,
                f"financial-statements-{quarter.isoformat()}",
                source=source_ref(statements),
            )
    if sheet.covenants and sheet.covenant_tests is not None:
        for quarter in quarter_ends_between(start, end, fy_end):
            add(
                quarter,
                "Covenant test date (fiscal quarter end)",
                Category.covenant_test,
                f"covenant-test-{quarter.isoformat()}",
                source=source_ref(sheet.covenant_tests),
            )
    add(
        sheet.maturity.value,
        "Maturity: the revolver is repaid",
        Category.end,
        "maturity",
        source=source_ref(sheet.maturity),
    )
    return sorted(found, key=lambda o: (o.due, o.what))


def maturity_alerts(sheet: RevolverTerms, as_of: date) -> list[Alert]:
    maturity = sheet.maturity.value
    lead = sheet.maturity_warning_days.value
    source = source_ref(sheet.maturity)
    if as_of > maturity:
        return [
            Alert(Severity.critical, f"The facility matured on {maturity.isoformat()}.", source)
        ]
    if as_of >= maturity - timedelta(days=lead):
        left = (maturity - as_of).days
        return [
            Alert(
                Severity.warning,
                f"Maturity on {maturity.isoformat()} is {left} days away: arrange renewal "
                "or repayment.",
                source,
            )
        ]
    return []
