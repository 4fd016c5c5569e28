"""The lease's accounting view on a date: which renewal options the lease term includes, from
the sheet's assessment at commencement and the options' standing (exercised, waived, lapsed)
on that date, and the operating-lease schedule under each assessment in turn.

The term at commencement includes the renewals the sheet marks `reasonably_certain`. A renewal
left out and then exercised, or included and then waived or lapsed, is a remeasurement from
the first month that begins after the day it was decided, at the renewal's
`remeasurement_rate` (ASC 842-20-35-5: the rate is updated at the remeasurement date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.dates import add_months
from pactum.facts.index_series import IndexSeries
from pactum.kinds.lease.accounting import (
    AccountingSchedule,
    Assessment,
    at_commencement,
    operating_lease,
    variable_cost,
)
from pactum.kinds.lease.rent_roll import NO_INDEXES, in_arrears, rent_roll
from pactum.kinds.lease.schema import LeaseAccounting, LeaseTerms, Renewal
from pactum.money import ZERO
from pactum.options.status import OptionStatus, options_by_id, standing
from pactum.portfolio import Agreement, Portfolio
from pactum.terms.values import Term


def with_renewals(sheet: LeaseTerms, renewals: list[Renewal]) -> LeaseTerms:
    """The lease with the renewals' periods after its own, in the order the sheet lists them."""
    if not renewals:
        return sheet
    years = [*sheet.lease_years, *(y for r in renewals for y in r.lease_years)]
    return sheet.model_copy(update={"lease_years": years})


def initial_renewals(accounting: LeaseAccounting) -> list[Renewal]:
    return [r for r in accounting.renewals if r.reasonably_certain.value]


@dataclass(frozen=True)
class Decision:
    """A renewal's assessment changed: exercised though left out, or not exercised though
    included; the remeasurement takes effect from `effective`."""

    renewal: Renewal
    on: date
    effective: date
    included: bool  # whether the term includes it from then
    why: str


def decisions(agreement: Agreement, portfolio: Portfolio, as_of: date) -> list[Decision]:
    """The renewals whose standing on `as_of` differs from the assessment at commencement,
    in the order they were decided."""
    sheet = agreement.clauses_of("lease")[0].terms_as(LeaseTerms)
    accounting = sheet.accounting
    if accounting is None or not accounting.renewals:
        return []
    options = options_by_id(agreement)
    events = portfolio.facts.events.of(agreement.id)
    dates = agreement.dates(portfolio.facts.events, as_of)
    found: list[Decision] = []
    for renewal in accounting.renewals:
        option = options.get(renewal.option)
        if option is None:  # refused at load: every renewal names an option of the sheet
            continue
        status = standing(option, dates, agreement.calendar(), events)
        if status.decided_on is None:
            continue
        exercised = status.status is OptionStatus.exercised
        if exercised == renewal.reasonably_certain.value:
            continue  # as assessed at commencement: no remeasurement
        found.append(
            Decision(
                renewal,
                status.decided_on,
                add_months(status.decided_on.replace(day=1), 1),
                exercised,
                f"option {renewal.option} {status.status.value} ({status.why})",
            )
        )
    return sorted(found, key=lambda d: d.on)


def _assessed(
    sheet: LeaseTerms, indexes: IndexSeries, effective: date, rate: Decimal, why: str
) -> Assessment:
    """The term `sheet` measured with the index at commencement (ASC 842-10-30-5(b)), the
    rent beyond it by the published index its variable cost."""
    measured = rent_roll(sheet, [], indexes=at_commencement(sheet, indexes))
    actual = rent_roll(sheet, [], indexes=indexes)
    arrears = in_arrears(sheet)
    return Assessment(effective, measured, rate, why, arrears, variable_cost(actual, measured))


def accounting_schedule(
    sheet: LeaseTerms,
    accounting: LeaseAccounting,
    changes: list[Decision],
    indexes: IndexSeries = NO_INDEXES,
) -> AccountingSchedule:
    """The schedule under the assessment at commencement and each change in turn; `indexes`
    the published series an indexed rent reads (its later changes: variable lease cost)."""
    included = initial_renewals(accounting)
    assessments = [
        _assessed(
            with_renewals(sheet, included),
            indexes,
            date.min,
            accounting.discount_rate.value,
            "the term at commencement",
        )
    ]
    for change in changes:
        if change.included:
            included = [
                r
                for r in accounting.renewals
                if r is change.renewal or any(r is i for i in included)
            ]
        else:
            included = [r for r in included if r is not change.renewal]
        # a remeasurement keeps the index at commencement: ASC 842-10-35-5 would update it,
        # a refinement left for when a lease both indexes its rent and is remeasured
        assessments.append(
            _assessed(
                with_renewals(sheet, included),
                indexes,
                change.effective,
                change.renewal.remeasurement_rate.value,
                change.why,
            )
        )
    return operating_lease(
        assessments,
        _amount(accounting.initial_direct_costs),
        _amount(accounting.prepaid_rent),
        _amount(accounting.incentives),
    )


def _amount(term: Term[Decimal] | None) -> Decimal:
    return term.value if term is not None else ZERO
