"""What the lease requires on dates: each month's rent, lease-year changes, the expansion
deadline and the end of the term. Deadlines are never rolled unless the sheet says so."""

from __future__ import annotations

from datetime import date

from pactum.business_days import BusinessCalendar
from pactum.findings import Obligation
from pactum.findings import ObligationCategory as Category
from pactum.kinds.lease.expansion import (
    ExpansionOutcome,
    deadline_note,
    effective_deadline,
    outcomes_text,
)
from pactum.kinds.lease.lease_years import LeaseYears
from pactum.kinds.lease.rent_roll import RentMonth
from pactum.kinds.lease.schema import LeaseTerms
from pactum.money import money_display
from pactum.terms.values import sources


def obligations(
    sheet: LeaseTerms,
    calendar: BusinessCalendar,
    roll: list[RentMonth],
    outcome: ExpansionOutcome | None,
    start: date,
    end: date,
) -> list[Obligation]:
    """Every dated obligation with start <= due <= end."""
    found: list[Obligation] = []
    rates = {year.id: year.rate for year in sheet.lease_years}
    for line in roll:
        if start <= line.due <= end:
            # the clauses behind the amount: the year's rate, any abatement, the due day
            abatements = [
                a.amount or a.rate for a in sheet.abatements if a.month.value == line.month
            ]
            rent_sources = sources(
                rates[line.lease_year],
                *(abatements if line.abatement else []),
                sheet.rent_due_day,
            )
            abated = f", after {money_display(line.abatement)} abated" if line.abatement else ""
            note = calendar.not_rolled_note(line.due)
            if line.abatement_lost:
                note = "; ".join(filter(None, [line.abatement_lost, note]))
            found.append(
                Obligation(
                    line.due,
                    f"Base rent for {line.month:%B %Y} ({line.lease_year}{abated})",
                    line.base_rent_due,
                    rent_sources,
                    note,
                    Category.rent,
                    f"rent-{line.month:%Y-%m}",
                )
            )
    years = LeaseYears.of(sheet.lease_years)
    for year in years.years[1:]:
        if start <= year.start.value <= end:
            found.append(
                Obligation(
                    year.start.value,
                    f"Lease year {years.number_of(year)} begins: base rent "
                    f"{money_display(year.rate.value)} per square foot",
                    sources=sources(year.rate),
                    category=Category.rent,
                    id=f"lease-year-{years.number_of(year)}",
                )
            )
    if start <= years.end <= end:
        found.append(
            Obligation(
                years.end,
                "End of the rent schedule's term",
                sources=sources(years.years[-1].end),
                category=Category.end,
                id="rent-schedule-end",
            )
        )
    option = sheet.expansion
    if option is not None and outcome is not None and outcome.status == "open":
        deadline = effective_deadline(option, calendar)
        if start <= deadline <= end:
            found.append(
                Obligation(
                    deadline,
                    f"Critical date for the expansion space: {outcomes_text(option)}",
                    sources=sources(option.deadline),
                    note=deadline_note(option, calendar),
                    category=Category.option_deadline,
                    id=f"expansion-critical-date-{option.space}",
                )
            )
    return sorted(found, key=lambda o: (o.due, o.what))
