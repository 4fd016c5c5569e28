"""The Compliance Certificate, the rent roll and the ownership and voting report, worked out by
hand from the example's facts and documents; and the all-or-nothing writing of the files."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from pactum.document import Document, Grid
from pactum.evaluate import check
from pactum.files.atomic import write_files_atomically
from pactum.financial_tests.compliance_certificate import (
    ComplianceCertificate,
    compliance_certificate,
)
from pactum.findings import Findings
from pactum.kinds.lease.rent_roll_document import rent_roll_report
from pactum.kinds.revolver.schema import RevolverTerms
from pactum.kinds.standstill.ownership_report import OwnershipReport, ownership_report
from pactum.portfolio import Portfolio, load_portfolio
from pactum.reports.html import render_html
from pactum.reports.report_set import write_reports
from report_support import EXAMPLE


def compliance(portfolio: Portfolio, on: date) -> ComplianceCertificate:
    sheet = portfolio.agreements["southtrust-abl"].clauses_of("revolver")[0].terms_as(RevolverTerms)
    findings = check(portfolio, on).agreement("southtrust-abl")
    order = [c.id for c in sheet.covenants]
    company = portfolio.config.company
    return compliance_certificate(company, order, sheet.definitions, findings, on)


def test_compliance_at_year_end() -> None:
    # financials.csv at 12/31/03: TNW = 60,100,000 - 25,200,000 - 340,000 = 34,560,000 against
    # 34,000,000: headroom 560,000. FCC over 2003: (9,700,000 - 1,500,000 - 220,000 - 0) /
    # (535,000 + 4,000,000) = 7,980,000 / 4,535,000 = 1.7596 against 1.75; EBITDA may fall by
    # 7,980,000 - 1.75 x 4,535,000 = 43,750. Debt/TNW 38,000,000 / 34,560,000 = 1.0995 <= 1.50;
    # TNW may fall to 38,000,000 / 1.5 = 25,333,333.33, by 9,226,666.67. Capex 2003: 3,400,000
    # less 1,250,000 new business + its 250,000 beyond the 1,000,000 basket = 2,400,000 <=
    # 3,000,000.
    certificate = compliance(load_portfolio(EXAMPLE), date(2003, 12, 31))
    assert certificate.period_end == date(2003, 12, 31)
    rows = {c.test.id: c for c in certificate.certified}
    assert list(rows) == [
        "min_tangible_net_worth",
        "min_fixed_charge_coverage",
        "max_debt_to_tangible_net_worth",
        "max_capex",
    ]
    tnw = rows["min_tangible_net_worth"].test
    assert tnw.required == 34000000 and tnw.actual == 34560000 and tnw.headroom == 560000
    fcc = rows["min_fixed_charge_coverage"].test
    assert fcc.actual == Decimal(7980000) / Decimal(4535000)
    assert fcc.driver_headroom is not None and fcc.driver_headroom.amount == 43750
    debt = rows["max_debt_to_tangible_net_worth"].test
    assert debt.actual == Decimal(38000000) / Decimal(34560000)
    assert debt.driver_headroom is not None
    assert round(debt.driver_headroom.amount, 2) == Decimal("9226666.67")
    assert rows["max_capex"].test.actual == 2400000
    assert all(c.result == "pass" for c in certificate.certified)
    # the definition is the trace's formula, with the definition's own citation
    assert rows["min_tangible_net_worth"].definition.endswith(
        "tangible net worth = total equity - goodwill - other intangibles"
    )
    citations = "\n".join(rows["min_tangible_net_worth"].citations)
    assert '"$34,000,000 at 12/31/03, then"' in citations
    assert "Tangible net worth: assumed: Tangible net worth is equity less intangibles" in citations
    # the 2004 forecast: 34,180,000 projected against 34,250,000 (34,000,000 + one 250,000 step)
    forecast = next(c for c in certificate.forecasts if c.test.id == "min_tangible_net_worth")
    assert forecast.test.actual == 34180000 and forecast.test.required == 34250000
    assert forecast.result == "projected FAIL"
    statement = certificate.statement()
    assert "Chief Financial Officer of Innotrac Corporation, certifies" in statement
    assert "period ended 2003-12-31" in statement
    assert "in compliance with each financial covenant listed;" in statement
    assert "forecasts are projections" in statement


def test_compliance_before_any_test_date_shows_the_forecast_shortfall() -> None:
    # README tour, 2003-02-28: TNW forecast for 3/31/03 32,280,000 against 32,500,000
    certificate = compliance(load_portfolio(EXAMPLE), date(2003, 2, 28))
    assert certificate.certified == ()
    assert "no financial covenant test date" in certificate.statement()
    tnw = next(c for c in certificate.forecasts if c.test.id == "min_tangible_net_worth")
    assert tnw.test.headroom == -220000
    assert tnw.result == "projected FAIL"
    document = certificate.document()
    assert document.sections[1].title == "Forecasts (projections, not certified)"
    html = render_html(document)
    assert "projected FAIL" in html and "-$220,000.00" in html
    assert "Title: Chief Financial Officer" in html


def test_compliance_names_a_breach_in_the_statement(example: Path) -> None:
    financials = example / "facts" / "financials.csv"
    text = financials.read_text()
    # equity 59,000,000 at 12/31/03: TNW 33,460,000, short of 34,000,000 by 540,000
    financials.write_text(
        text.replace(
            "2003-12-31,total_equity,60100000.00,actual",
            "2003-12-31,total_equity,59000000.00,actual",
        )
    )
    certificate = compliance(load_portfolio(example), date(2003, 12, 31))
    tnw = certificate.certified[0]
    assert tnw.result == "FAIL" and tnw.test.headroom == -540000
    assert "except: Minimum tangible net worth" in certificate.statement()


def test_rent_roll_document() -> None:
    # README tour, 2003-06-30: $61,121.84 less the $8,092.91 abatement: $53,028.93 due
    portfolio = load_portfolio(EXAMPLE)
    on = date(2003, 6, 30)
    findings = check(portfolio, on).agreement("windham-lease")
    report = rent_roll_report(portfolio, portfolio.agreements["windham-lease"], findings, on)
    document = report.document()
    assert document.figure("base_rent").value == Decimal("61121.84")
    assert document.figure("abatement").value == Decimal("8092.91")
    assert document.figure("base_rent_due").value == Decimal("53028.93")
    roll = document.sections[1]
    assert isinstance(roll, Grid)
    # April 2003: the $16,185.81 abatement of the amendment
    assert document.figure("2003-04.abatement").value == Decimal("16185.81")
    assert document.figure("2003-04.base_rent_due").value == Decimal("44936.03")
    assert roll.total is not None and roll.total[0].value == "total"
    assert document.sources and document.landscape


def ownership_report_on(portfolio: Portfolio, on: date) -> OwnershipReport:
    findings = check(portfolio, on).agreement("ipof-standstill")
    return ownership_report(portfolio, portfolio.agreements["ipof-standstill"], findings, on)


def ownership_document(portfolio: Portfolio, on: date) -> Document:
    return ownership_report_on(portfolio, on).document()


def test_ownership_report() -> None:
    # README tour: 2,362,788 of 11,486,573 = 20.57%; free 15% x 11,486,573 = 1,722,985.95,
    # rounded down: 1,722,985; excess 639,803. 25% of 11,486,573 = 2,871,643.25: the group is
    # 508,855.25 shares below the cap: whole shares, "more than 25%" is 2,871,644 or more,
    # 508,856 more than the group's. The 2004 meeting: election 5,000,000 for, 1,250,000
    # against: 639,803 x 4/5 = 511,842.4 and x 1/5 = 127,960.6 -> 511,842 and 127,961 (largest
    # remainder); auditors 6,100,000 / 120,000 of 6,220,000: 627,459.6 and 12,343.4 ->
    # 627,460 and 12,343.
    document = ownership_document(load_portfolio(EXAMPLE), date(2003, 12, 31))
    assert document.figure("ownership_pct").shown == "20.57%"
    assert document.figure("free_vote_shares").value == 1722985
    assert document.figure("excess_shares").value == 639803
    assert document.figure("threshold_acquisition_cap.shares_at_level").value == Decimal("2871644")
    assert document.figure("threshold_acquisition_cap.margin").value == Decimal("-508856")
    assert document.figure("threshold_acquisition_cap").value == "below"
    assert document.figure("threshold_term").value == "above"
    meeting = "2004-annual-meeting"
    assert document.figure(f"{meeting}.election_of_directors.excess_for").value == 511842
    assert document.figure(f"{meeting}.election_of_directors.excess_against").value == 127961
    assert document.figure(f"{meeting}.ratification_of_auditors.excess_for").value == 627460
    assert document.figure(f"{meeting}.ratification_of_auditors.excess_against").value == 12343
    assert document.figure(f"{meeting}.election_of_directors.others_abstain").value is None


def test_ownership_report_without_ownership_or_votes(example: Path) -> None:
    for votes in (example / "facts" / "votes").iterdir():
        votes.unlink()
    # no ownership row at all (before the agreement's date it is not in force: no figures)
    ownership = example / "facts" / "ownership.csv"
    ownership.write_text(ownership.read_text().splitlines()[0] + "\n")
    report = ownership_report_on(load_portfolio(example), date(2003, 12, 31))
    document = report.document()
    assert report.meetings == ()
    assert document.notes == ("No ownership reported on or before the as-of date.",)
    assert document.figure("ownership_pct").shown == "—"
    assert "No ownership reported" in render_html(document)


def test_files_are_written_all_or_none(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "out"
    with pytest.raises(OSError):
        # the second name cannot be made: the first must not be left behind
        write_files_atomically(folder, {"a.html": b"<p>a</p>", "no/such/dir.pdf": b"%PDF-"})
    assert list(tmp_path.iterdir()) == []  # nor the folders it created
    written = write_files_atomically(folder, {"a.html": b"new"})
    assert [p.name for p in written] == ["a.html"] and (folder / "a.html").read_bytes() == b"new"


def test_a_failure_while_rendering_leaves_the_old_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "rent-roll-windham-lease-2003-12-31.html").write_text("last month's")
    calls = []

    def failing(html: str) -> bytes:
        calls.append(html)
        if len(calls) == 3:
            raise RuntimeError("the printer jammed")
        return b"%PDF-stand-in"

    monkeypatch.setattr("pactum.reports.report_set.render_pdf", failing)
    portfolio = load_portfolio(EXAMPLE)
    findings: Findings = check(portfolio, date(2003, 12, 31))
    with pytest.raises(RuntimeError):
        write_reports(folder, portfolio, findings)
    assert [p.name for p in folder.iterdir()] == ["rent-roll-windham-lease-2003-12-31.html"]
    assert (folder / "rent-roll-windham-lease-2003-12-31.html").read_text() == "last month's"


def test_ownership_report_lists_the_standstill_covenants() -> None:
    # README tour, 2005-03-31: an action of 3/10/05 seeking to influence management breaches
    # 3.02(g); the other conduct covenants and the 25% cap hold
    document = ownership_document(load_portfolio(EXAMPLE), date(2005, 3, 31))
    assert document.figure("conduct_control_influence.result").value == "FAIL"
    assert document.figure("conduct_proxy_solicitation.result").value == "pass"
    assert document.figure("acquisition_cap.result").value == "pass"
