"""The revolver's obligations over any window, for `pactum calendar`: the statements,
covenant test dates and maturity of `obligations`, and the borrowing-base reports of each
period (`report_periods`). They run from the letter's date to maturity."""

from __future__ import annotations

from datetime import date

from pactum.collateral.detail_facts import CollateralWithDetail
from pactum.facts.dated_snapshots import InForce
from pactum.findings import Obligation
from pactum.kinds.revolver.borrowing_base import engine_terms
from pactum.kinds.revolver.obligations import obligations
from pactum.kinds.revolver.report_periods import report_obligations, report_periods
from pactum.kinds.revolver.schema import RevolverTerms
from pactum.portfolio import Agreement, Portfolio


def collateral_in_force(
    agreement: Agreement, sheet: RevolverTerms, portfolio: Portfolio
) -> InForce:
    """collateral.csv, or, where the portfolio has invoice- and SKU-level detail, the
    collateral engine's results for the dates it covers."""
    detail = portfolio.facts.of_type("revolver")
    summary = portfolio.facts.collateral
    return CollateralWithDetail(summary, detail, engine_terms(sheet)) if detail else summary


def signed(agreement: Agreement) -> date | None:
    """The agreement's date, when its sheet gives one."""
    return agreement.sheet.dated.value if agreement.sheet.dated is not None else None


def obligations_between(
    agreement: Agreement,
    sheet: RevolverTerms,
    portfolio: Portfolio,
    as_of: date,
    start: date,
    end: date,
) -> list[Obligation]:
    """Every obligation due from `start` to `end`, as known at `as_of`."""
    dated = signed(agreement)
    if dated is not None:
        start = max(start, dated)
    end = min(end, sheet.maturity.value)  # nothing falls due under the facility after it
    facts = portfolio.facts
    events = facts.events.for_agreement(agreement.id)
    calendar = agreement.calendar()
    found = obligations(sheet, calendar, start, end, portfolio.fiscal_year_end_month)
    if sheet.reporting is not None:  # borrowing-base reports only where the sheet asks for them
        collateral = collateral_in_force(agreement, sheet, portfolio)
        periods = report_periods(sheet, dated, collateral, facts.loans, events, as_of, start, end)
        found += report_obligations(sheet, calendar, periods, start, end)
    return sorted(found, key=lambda o: (o.due, o.what))
