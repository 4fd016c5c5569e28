"""A standstill's end ends its agreement ("ended"), and an agreement not yet in force gives no
document: worked out from the IPOF agreement's dates and illustrative ownership."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pactum.contributions import documents
from pactum.evaluate import check
from pactum.portfolio import load_portfolio
from report_support import EXAMPLE

HC2 = EXAMPLE.parent / "hc2"


def test_the_agreement_ends_on_its_date_once_the_term_has_ended(example: Path) -> None:
    # 1,600,000 / 11,400,000 = 14.04% < 15% reported on 6/30/05: the Term's last day is
    # 6/29/05; the agreement still runs to the standstill's own date, August 6, 2006 (a
    # Sunday, not rolled), the later of the two, and has ended from 8/7/06
    ownership = example / "facts" / "ownership.csv"
    ownership.write_text(ownership.read_text() + "2005-06-30,IPOF Group,1600000,11400000\n")
    portfolio = load_portfolio(example)
    assert check(portfolio, date(2005, 7, 1)).agreement("ipof-standstill").ended_on is None
    assert check(portfolio, date(2006, 8, 6)).agreement("ipof-standstill").ended_on is None
    after = check(portfolio, date(2006, 8, 7)).agreement("ipof-standstill")
    assert after.ended_on == date(2006, 8, 6)
    assert after.tests == () and after.obligations == ()
    assert "the standstill's last day" in after.alerts[0].message


def test_a_term_still_running_keeps_the_agreement_after_the_covenants_end() -> None:
    # ownership.csv's last row, 12/31/04: 2,048,788 / 11,400,000 = 17.97% >= 15%: the Term
    # lasts past 8/6/06, and with it the voting restriction
    findings = check(load_portfolio(EXAMPLE), date(2007, 1, 1)).agreement("ipof-standstill")
    assert findings.ended_on is None


def test_a_standstill_without_a_term_ends_with_its_covenants() -> None:
    # HC2: the covenants run until 30 days before the 2021 nomination deadline of 4/9/21:
    # 3/10/21 is the last day
    portfolio = load_portfolio(HC2)
    assert check(portfolio, date(2021, 3, 10)).agreements[0].ended_on is None
    assert check(portfolio, date(2021, 3, 11)).agreements[0].ended_on == date(2021, 3, 10)


def test_no_document_for_an_agreement_not_yet_in_force() -> None:
    # 2/28/03: the IPOF agreement is dated 8/14/03; SouthTrust's certificates and the rent
    # roll of the lease (its original of 2002 in force) are written,
    # no ownership report
    portfolio = load_portfolio(EXAMPLE)
    on = date(2003, 2, 28)
    written = {d.agreement_id for d in documents(portfolio, check(portfolio, on))}
    assert written == {"southtrust-abl", "windham-lease"}
    on = date(2003, 8, 14)  # the day it is signed, it binds: its report is written
    written = {d.agreement_id for d in documents(portfolio, check(portfolio, on))}
    assert "ipof-standstill" in written
