"""The collateral engine runs over a portfolio's detail files once per date and term sheet,
however many parts of Pactum ask (check, the certificate, the calendar, the charts); a sheet
with other eligibility rules gets its own run."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import pactum.collateral.detail_facts as detail_facts
from pactum.collateral.rules import BorrowingBaseTerms
from pactum.evaluate import check
from pactum.kinds.revolver.borrowing_base_certificate import from_portfolio
from pactum.kinds.revolver.calendar_obligations import collateral_in_force
from pactum.kinds.revolver.schema import RevolverTerms
from pactum.portfolio import load_portfolio

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "innotrac"
DETAIL_DATE = date(2003, 11, 30)  # the example's detail files


def test_one_run_per_date_and_sheet(monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[date] = []
    engine_run = detail_facts._engine_run

    def counted(
        terms: BorrowingBaseTerms, detail: detail_facts.DetailFiles, when: date
    ) -> detail_facts.DetailRun:
        runs.append(when)
        return engine_run(terms, detail, when)

    monkeypatch.setattr(detail_facts, "_engine_run", counted)
    portfolio = load_portfolio(EXAMPLE)
    check(portfolio, DETAIL_DATE)
    from_portfolio(portfolio, "southtrust-abl", DETAIL_DATE)
    check(portfolio, date(2003, 12, 31))  # the same detail is still in force
    assert runs == [DETAIL_DATE]

    agreement = portfolio.agreements["southtrust-abl"]
    sheet = agreement.clauses_of("revolver")[0].terms_as(RevolverTerms)
    assert sheet.eligibility is not None
    rules = sheet.eligibility.receivables
    assert rules.concentration_percent is not None
    stricter = sheet.model_copy(
        update={
            "eligibility": sheet.eligibility.model_copy(
                update={
                    "receivables": rules.model_copy(
                        update={
                            "concentration_percent": rules.concentration_percent.model_copy(
                                update={"value": Decimal("0.10")}
                            )
                        }
                    )
                }
            )
        }
    )
    collateral_in_force(agreement, stricter, portfolio).in_force(
        "receivables_eligible", DETAIL_DATE
    )
    assert runs == [DETAIL_DATE, DETAIL_DATE]  # other rules, another run
