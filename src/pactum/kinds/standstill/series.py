"""The standstill's chart: the holder group's beneficial ownership at each ownership.csv date
up to the as-of date, against the Term's level and the acquisition cap (those the sheet has)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.charts import Axis, Chart, Mark, Role, Series, level
from pactum.clauses.api import ClauseContext
from pactum.findings import Unit
from pactum.kinds.standstill.facts import standstill_facts
from pactum.kinds.standstill.schema import StandstillTerms
from pactum.kinds.standstill.thresholds import thresholds
from pactum.money import percent_str


@dataclass(frozen=True)
class OwnershipPoint:
    on: date
    beneficial: int  # shares held plus rights to acquire within 60 days
    base: int  # shares outstanding plus those rights
    fraction: Decimal


@dataclass(frozen=True)
class OwnershipSeries:
    agreement: str
    holder: str
    levels: tuple[tuple[str, Decimal], ...]  # (what the level is, fraction), e.g. the Term's 15%
    points: tuple[OwnershipPoint, ...]


def ownership_series(ctx: ClauseContext[StandstillTerms]) -> OwnershipSeries:
    sheet = ctx.terms
    history, _ = standstill_facts(ctx.portfolio).positions(sheet, ctx.as_of)
    levels = [("Term lasts at or above", sheet.term.ends_below.value)] if sheet.term else []
    cap = next((t for t in thresholds(sheet, history) if t.id == "acquisition_cap"), None)
    if cap is not None and sheet.standstill.acquisition_cap is not None:
        levels.append((f"{sheet.standstill.acquisition_cap.clause} acquisition cap", cap.level))
    points = tuple(OwnershipPoint(p.as_of, p.beneficial, p.base, p.fraction) for p in history)
    return OwnershipSeries(ctx.agreement.id, sheet.holder.name, tuple(levels), points)


def ownership_chart(series: OwnershipSeries) -> Chart:
    x = tuple(p.on.isoformat() for p in series.points)
    return Chart(
        f"chart-ownership-{series.agreement}",
        f"{series.holder} beneficial ownership ({series.agreement})",
        (
            Series(
                "Ownership (%)",
                Mark.line_and_markers,
                Role.amount,
                x,
                tuple(p.fraction for p in series.points),
                hover=tuple(f"{p.beneficial:,} of {p.base:,} shares" for p in series.points),
                steps=True,
            ),
            *(level(f"{percent_str(value)} ({what})", x, value) for what, value in series.levels),
        ),
        left=Axis(Unit.percent, from_zero=True),
    )
