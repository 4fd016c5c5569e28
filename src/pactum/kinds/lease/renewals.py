"""The lease as it stands on a date: the periods of each renewal option exercised by then
appended after its own (the options clause decides the exercise: window, `option_exercised`
events, `exercised_by`), and each fair market rent determined by then (`market_rent_set`)
written in as the period's rent, at least the rent before when the lease says so.

An exercise by an instrument (an amendment or a letter giving the lease clause again with the
extended term) needs nothing here: the clause's version in force already has the periods.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.facts.events import Event
from pactum.kinds.lease.first_refusal import refusals, with_exercised_spaces
from pactum.kinds.lease.lease_years import LeaseYears
from pactum.kinds.lease.premises import area_at
from pactum.kinds.lease.recorded_events import recorded
from pactum.kinds.lease.rent_roll import period_rent
from pactum.kinds.lease.schema import LeaseRenewal, LeaseTerms, LeaseYear, MarketRentEvent
from pactum.money import money_str
from pactum.options.status import OptionStatus, options_by_id, standing
from pactum.portfolio import Agreement
from pactum.terms.named_dates import DateResolver
from pactum.terms.values import Term


@dataclass(frozen=True)
class MarketRent:
    lease_year: str
    day: date
    form: str  # rate, annual or monthly
    amount: Decimal
    where: str


def market_rents(events: Sequence[Event], as_of: date) -> dict[str, MarketRent]:
    """The latest determination of each period's market rent recorded by `as_of`."""
    found: dict[str, MarketRent] = {}
    for event, data in recorded(events, "market_rent_set", MarketRentEvent, as_of):
        for form in ("rate", "annual", "monthly"):
            amount = getattr(data, form)
            if amount is not None:
                found[data.lease_year] = MarketRent(
                    data.lease_year, event.date, form, amount, event.where()
                )
    return found


def exercised_renewals(
    sheet: LeaseTerms,
    agreement: Agreement,
    dates: DateResolver,
    events: Sequence[Event],
) -> list[LeaseRenewal]:
    """The sheet's renewals whose option stands exercised on the resolver's as-of date."""
    if not sheet.renewals:
        return []
    options = options_by_id(agreement)
    found = []
    for renewal in sheet.renewals:
        option = options.get(renewal.option)
        if option is None:  # refused at load
            continue
        if standing(option, dates, agreement.calendar(), events).status is OptionStatus.exercised:
            found.append(renewal)
    return found


def with_years(sheet: LeaseTerms, renewals: Sequence[LeaseRenewal]) -> LeaseTerms:
    if not renewals:
        return sheet
    years = [*sheet.lease_years, *(y for r in renewals for y in r.lease_years)]
    return sheet.model_copy(update={"lease_years": years})


def with_market_rents(sheet: LeaseTerms, rents: dict[str, MarketRent]) -> LeaseTerms:
    """Each fair_market period with a determined rent written in as that rent; with
    at_least_prior, the rent before when the market's is lower (compared as annual rents)."""
    if not any(y.fair_market is not None and y.id in rents for y in sheet.lease_years):
        return sheet
    years = list(sheet.lease_years)
    for i, year in enumerate(years):
        found = rents.get(year.id)
        if year.fair_market is None or found is None:
            continue
        note = (
            f"the fair market rent {money_str(found.amount)} ({found.form}) recorded by "
            f"market_rent_set on {found.day.isoformat()} ({found.where})"
        )
        update: dict[str, object] = {
            "fair_market": None,
            found.form: Term[Decimal](value=found.amount, assumed=note),
        }
        if year.at_least_prior is not None and i > 0:
            trial = sheet.model_copy(
                update={"lease_years": [*years[:i], year.model_copy(update=update)]}
            )
            periods = LeaseYears.of(trial)
            if len(periods.periods) == i + 1:
                this, before = periods.periods[i], periods.periods[i - 1]
                area = area_at(trial, this.start)
                market = period_rent(trial, periods, this, area)
                prior = period_rent(trial, periods, before, area)
                if market.annual < prior.annual:
                    update = {
                        "fair_market": None,
                        "at_least_prior": None,
                        "annual": Term[Decimal](
                            value=prior.annual,
                            assumed=f"{note}, below the rent before: the rent before, "
                            f"{money_str(prior.annual)} a year, as the lease's floor",
                        ),
                    }
        if "at_least_prior" not in update:
            update["at_least_prior"] = None
        years[i] = year.model_copy(update=update)
    return sheet.model_copy(update={"lease_years": years})


def lease_on(
    sheet: LeaseTerms,
    agreement: Agreement,
    dates: DateResolver,
    events: Sequence[Event],
) -> LeaseTerms:
    """The lease as it stands on the resolver's as-of date."""
    extended = with_years(sheet, exercised_renewals(sheet, agreement, dates, events))
    extended = with_exercised_spaces(extended, refusals(sheet, agreement, dates, events))
    return with_market_rents(extended, market_rents(events, dates.as_of))


def renewal_years(sheet: LeaseTerms) -> list[LeaseYear]:
    return [y for r in sheet.renewals for y in r.lease_years]
