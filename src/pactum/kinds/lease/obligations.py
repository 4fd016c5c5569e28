"""What the lease requires on dates: each month's rent, lease-year changes and the end of the
term. Deadlines are never rolled unless the sheet says so."""

from __future__ import annotations

from datetime import date

from pactum.business_days import BusinessCalendar
from pactum.findings import Obligation
from pactum.findings import ObligationCategory as Category
from pactum.kinds.lease.lease_years import LeaseYears
from pactum.kinds.lease.rent_roll import RentMonth, abatement_terms
from pactum.kinds.lease.schema import LeaseTerms, LeaseYear
from pactum.kinds.lease.space_rent import space_roll, until_words
from pactum.money import money_display, percent_str
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
    rents = {year.id: year.rent_term() for year in sheet.lease_years}
    for line in roll:
        if start <= line.due <= end:
            # the clauses behind the amount: the year's rate, any abatement, the due day
            abatements = abatement_terms(sheet, line)
            rent_sources = sources(
                rents[line.lease_year],
                *(abatements if line.abatement else []),
                sheet.rent_due_day,
                *([sheet.rent_paid] if sheet.rent_paid.value == "in_arrears" else []),
            )
            abated = f", after {money_display(line.abatement)} abated" if line.abatement else ""
            note = calendar.not_rolled_note(line.due)
            if line.abatement_lost:
                note = "; ".join(filter(None, [line.abatement_lost, note]))
            if line.unknown:
                note = "; ".join(filter(None, [f"amount not known: {line.unknown}", note]))
            if line.escalation is not None and line.escalation.missing:
                unknown = (
                    f"amount uncertain: {line.escalation.describe()}, the rent then being paid"
                )
                note = "; ".join(filter(None, [unknown, note]))
            found.append(
                Obligation(
                    line.due,
                    f"Base rent for {line.month:%B %Y} (lease year {line.lease_year_number}{abated})",
                    None if line.unknown else line.base_rent_due,
                    rent_sources,
                    note,
                    Category.rent,
                    f"rent-{line.month:%Y-%m}",
                )
            )
        if line.allowance_repayment and start <= line.due <= end:
            found.append(
                Obligation(
                    line.due,
                    f"Allowance repaid as additional rent for {line.month:%B %Y}",
                    line.allowance_repayment,
                    sources(
                        *(a.amortised.rate for a in sheet.allowances if a.amortised is not None),
                        sheet.rent_due_day,
                    ),
                    line.allowance_note.shown(),
                    Category.rent,
                    f"allowance-repayment-{line.month:%Y-%m}",
                )
            )
        clawback = line.clawback
        if clawback is not None and start <= clawback.default.start <= end:
            found.append(
                Obligation(
                    clawback.default.start,
                    "Abatement clawed back on the tenant's default (unamortised part)",
                    clawback.amount,
                    sources(sheet.abatement_on_default, sheet.clawback_interest_rate),
                    f"{clawback.formula}; interest at {clawback.rate} a year from that date",
                    Category.rent,
                    f"abatement-clawback-{clawback.default.start.isoformat()}",
                )
            )
    years = LeaseYears.of(sheet)
    found += _space_obligations(sheet, calendar, years, start, end)
    for period in years.periods[1:]:
        if start <= period.start <= end:
            number = years.number_of(period)
            found.append(
                Obligation(
                    period.start,
                    f"Lease year {number} begins: base rent {rent_words(period.year)}",
                    sources=sources(period.year.rent_term()),
                    category=Category.rent,
                    id=f"lease-year-{number}",
                )
            )
    if start <= years.end <= end:
        found.append(
            Obligation(
                years.end,
                "End of the rent schedule's term",
                sources=sources(years.periods[-1].end_term),
                category=Category.end,
                id="rent-schedule-end",
            )
        )
    return sorted(found, key=lambda o: (o.due, o.what))


def _space_obligations(
    sheet: LeaseTerms, calendar: BusinessCalendar, years: LeaseYears, start: date, end: date
) -> list[Obligation]:
    """Each month's rent of a space leased with its own rent, and the day it leaves."""
    found: list[Obligation] = []
    for line in space_roll(sheet, years.end if years.periods else None):
        if not start <= line.due <= end:
            continue
        name = line.space.title or line.space.id
        how = f"{line.formula}, until {until_words(line.space)}"
        if line.prorated:
            how = f"{how}; {line.days} of {line.month_days} days, {line.proration}"
        found.append(
            Obligation(
                line.due,
                f"Rent of {name} for {line.month:%B %Y}",
                line.amount,
                sources(*line.terms(sheet)),
                "; ".join(filter(None, [how, calendar.not_rolled_note(line.due)])),
                Category.rent,
                f"space-rent-{line.space.id}-{line.month:%Y-%m}",
            )
        )
    for space in sheet.spaces:
        if space.until is not None and start <= space.until.value <= end:
            found.append(
                Obligation(
                    space.until.value,
                    f"Last day leased: {space.title or space.id}",
                    sources=sources(space.until),
                    category=Category.end,
                    id=f"space-end-{space.id}",
                )
            )
    return found


def rent_words(year: LeaseYear) -> str:
    """A period's rent as the sheet states it."""
    if year.rate is not None:
        return f"{money_display(year.rate.value)} per square foot"
    if year.monthly_rate is not None:
        return f"{money_display(year.monthly_rate.value)} per square foot a month"
    if year.annual is not None:
        return f"{money_display(year.annual.value)} a year"
    if year.monthly is not None:
        return f"{money_display(year.monthly.value)} a month"
    if year.fair_market is not None:
        return "at the fair market rent" + (
            ", at least the rent before" if year.at_least_prior is not None else ""
        )
    if year.indexed is not None:
        return "the rent then being paid adjusted by the index escalation"
    assert year.increase is not None
    return f"{percent_str(year.increase.value)} over the rent then being paid"
