"""The revolver's obligations over any window, for `pactum calendar`: the fees, statements,
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
from pactum.kinds.revolver.schema import RevolverSheet
from pactum.portfolio import Agreement, Portfolio


def collateral_in_force(sheet: RevolverSheet, portfolio: Portfolio) -> InForce:
    """collateral.csv, or, where the portfolio has invoice- and SKU-level detail, the
    collateral engine's results for the dates it covers."""
    detail = portfolio.facts.of_kind("revolver")
    summary = portfolio.facts.collateral
    return CollateralWithDetail(summary, detail, engine_terms(sheet)) if detail else summary


def obligations_between(
    agreement: Agreement, portfolio: Portfolio, as_of: date, start: date, end: date
) -> list[Obligation]:
    """Every obligation due from `start` to `end`, as known at `as_of`."""
    sheet = agreement.sheet
    assert isinstance(sheet, RevolverSheet)
    if sheet.dated is not None:
        start = max(start, sheet.dated.value)
    end = min(end, sheet.maturity.value)  # nothing falls due under the facility after it
    facts = portfolio.facts
    calendar = agreement.calendar()
    found, _ = obligations(
        sheet, calendar, facts.events, start, end, portfolio.fiscal_year_end_month
    )
    periods = report_periods(
        sheet, collateral_in_force(sheet, portfolio), facts.loans, facts.events, as_of, start, end
    )
    found += report_obligations(sheet, calendar, periods, start, end)
    return sorted(found, key=lambda o: (o.due, o.what))
