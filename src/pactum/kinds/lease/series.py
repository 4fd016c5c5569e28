"""The lease's chart: the rent roll over the whole term, with the defaults known at the as-of
date: base rent due and what abated, stacked by month (no abatement series for a lease
without abatements)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.charts import Axis, Chart, Mark, Role, Series
from pactum.clauses.api import ClauseContext
from pactum.findings import Unit
from pactum.kinds.lease.allowances import draws_of
from pactum.kinds.lease.lease_facts import lease_facts
from pactum.kinds.lease.renewals import lease_on
from pactum.kinds.lease.rent_roll import RollFacts, rent_roll
from pactum.kinds.lease.schema import LeaseTerms
from pactum.kinds.lease.tenant_default import default_periods


@dataclass(frozen=True)
class RentPoint:
    month: date  # the month's first day
    base_rent: Decimal
    abatement: Decimal  # what actually abates
    base_rent_due: Decimal
    abatement_lost: str  # why a scheduled abatement did not apply


@dataclass(frozen=True)
class RentSeries:
    agreement: str
    points: tuple[RentPoint, ...]
    abates: bool = True  # whether the lease has abatements at all


def rent_series(ctx: ClauseContext[LeaseTerms]) -> RentSeries:
    defaults = default_periods(ctx.events(), ctx.as_of)
    facts = lease_facts(ctx.facts())
    return RentSeries(
        ctx.agreement.id,
        tuple(
            RentPoint(m.month, m.base_rent, m.abatement, m.base_rent_due, m.abatement_lost)
            for m in rent_roll(
                lease_on(ctx.terms, ctx.agreement, ctx.dates, ctx.events()),
                defaults,
                as_of=ctx.as_of,
                indexes=facts.indexes,
                # the same roll as `pactum rent`: expense abatements, allowance credits
                expenses=RollFacts(facts.opex, ctx.agreement.id, draws_of(ctx.events(), ctx.as_of)),
            )
        ),
        bool(ctx.terms.abatements),
    )


def rent_chart(series: RentSeries) -> Chart:
    x = tuple(f"{p.month:%Y-%m}" for p in series.points)
    due = Series(
        "Base rent due",
        Mark.bars,
        Role.amount,
        x,
        tuple(p.base_rent_due for p in series.points),
    )
    if not series.abates:
        return Chart(
            f"chart-rent-{series.agreement}",
            f"Base rent by month ({series.agreement})",
            (due,),
            left=Axis(Unit.money),
        )
    return Chart(
        f"chart-rent-{series.agreement}",
        f"Base rent by month, with abatements ({series.agreement})",
        (
            due,
            Series(
                "Abatement",
                Mark.bars,
                Role.addition,
                x,
                tuple(p.abatement for p in series.points),
                hover=tuple(p.abatement_lost or "" for p in series.points),
            ),
        ),
        left=Axis(Unit.money),
        stacked=True,
    )
