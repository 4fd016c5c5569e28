"""What the lease requires on dates: each month's rent, lease-year changes and the end of the
term. Deadlines are never rolled unless the sheet says so."""

from __future__ import annotations

from datetime import date

from pactum.business_days import BusinessCalendar
from pactum.findings import Obligation
from pactum.findings import ObligationCategory as Category
from pactum.kinds.lease.lease_years import LeaseYears
from pactum.kinds.lease.rent_roll import RentMonth
from pactum.kinds.lease.schema import LeaseTerms, month_of
from pactum.money import money_display
from pactum.terms.values import sources


def obligations(
    sheet: LeaseTerms,
    calendar: BusinessCalendar,
    roll: list[RentMonth],
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
                a.amount or a.rate for a in sheet.abatements if month_of(a.month) == line.month
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
    return sorted(found, key=lambda o: (o.due, o.what))
