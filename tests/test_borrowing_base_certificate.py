"""The Borrowing Base Certificate, its lines worked out by hand or from the example's files.

2003-11-30 (invoice- and SKU-level detail in facts/receivables|payables|inventory/):
computed below from the CSV files with the rules the sheet assumes, debtor by debtor, without
the engine. In the example:

    gross receivables (debit balances)                     37,364,542.59
    credit balances: every debtor's credits are below its clean balance
        61,905.33 + 46,542.29 + 20,357.58 + 11,771.28 + 13,431.19 + 3,377.96 + 2,210.70
                                                              159,596.33
    aged (> 90 days from invoice or > 60 past due)          2,946,178.55
    cross-aged: slowco, 254,842.97 aged of 420,716.90 (60.6% > 50%): the rest 165,873.93
    foreign: nortel (CA) 802,208.42 less its aged 83,183.32    719,025.10
    affiliate: innotrac_ltd                                    252,870.64
    government: gsa                                            422,010.27
    disputed: bellsouth 153,955.74 + retail_14 34,072.15      188,027.89
    bill and hold: bellsouth 446,279.68 + dell 111,469.95     557,749.63
    contra: payables to dell 42,000.00 and target 250,000.00  292,000.00
    eligible before concentration: 37,364,542.59 - 5,703,332.34 = 31,661,210.25;
    25% of it, rounded down: 7,915,302.56; bellsouth's remaining
        19,163,644.26 - 61,905.33 - 1,579,269.62 - 153,955.74 - 446,279.68 = 16,922,233.89
    concentration 16,922,233.89 - 7,915,302.56 =            9,006,931.33
    eligible 31,661,210.25 - 9,006,931.33 =                22,654,278.92
    advance x 85% = 19,256,137.082 ->                      19,256,137.08
    inventory (sums of cost by status and class): gross 32,410,755.78; work in process
    1,606,330.87, consigned 1,269,980.62, in transit 1,808,374.00, slow moving 2,343,745.93;
    eligible general 17,101,184.41 x 50% = 8,550,592.205, BellSouth 8,281,139.95 x 65% (consent
    recorded 5/15/03) = 5,382,740.9675; 13,933,333.1725 < 20,000,000 cap -> 13,933,333.17
    borrowing base 33,189,470.25 (< 40,000,000: line cap); loans of 9/30/03: 29,500,000 +
    500,000 + 250,000; availability 2,939,470.25 = 8.8566% -> 8.86%: weekly; 11/30/03 is a
    Sunday: next report Wednesday 2003-12-03.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import pytest
from rich.console import Console

from pactum.collateral.rules import RECEIVABLE_REASONS
from pactum.document import Lines, Role
from pactum.facts.dated_snapshots import DatedFacts, load_loans_by_borrower
from pactum.facts.events import AgreementEvents
from pactum.kinds.revolver.borrowing_base_certificate import (
    BorrowingBaseCertificate,
    from_collateral_run,
    from_portfolio,
)
from pactum.kinds.revolver.certificate import CertificateRun, run_certificates
from pactum.kinds.revolver.commands import print_certificates
from pactum.kinds.revolver.schema import RevolverTerms
from pactum.portfolio import load_portfolio
from pactum.reports.html import render_html
from report_support import EXAMPLE

FACTS = EXAMPLE / "facts"
DETAIL = date(2003, 11, 30)


def amounts(certificate: BorrowingBaseCertificate) -> dict[str, Decimal]:
    return {
        f.key: f.value for _, f in certificate.document().figures() if isinstance(f.value, Decimal)
    }


def independent_receivables() -> dict[str, Decimal]:
    """The waterfall of the example's aging at 2003-11-30, written for its debtors: each has
    more clean dollars than credits, and only slowco crosses the cross-age line."""
    debtors: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    flagged: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    with (FACTS / "receivables" / "2003-11-30.csv").open() as stream:
        for row in csv.DictReader(stream):
            d, balance = debtors[row["debtor_id"]], Decimal(row["open_balance"])
            if balance < 0:
                d["credits"] -= balance
                continue
            d["gross"] += balance
            invoiced = date.fromisoformat(row["invoice_date"])
            due = date.fromisoformat(row["due_date"])
            if (DETAIL - invoiced).days > 90 or (DETAIL - due).days > 60:
                d["aged"] += balance
            else:
                for flag in ("disputed", "bill_and_hold"):
                    if row[flag] == "true":
                        flagged[row["debtor_id"]][flag] += balance
            for kind in ("affiliate", "government"):
                d[kind] = d[kind] or Decimal(row[kind] == "true")
            d["foreign"] = d["foreign"] or Decimal(row["country"] not in ("", "US"))
    with (FACTS / "payables" / "2003-11-30.csv").open() as stream:
        owed = {r["debtor_id"]: Decimal(r["payable_balance"]) for r in csv.DictReader(stream)}
    lines: dict[str, Decimal] = defaultdict(Decimal)
    remaining: dict[str, Decimal] = {}
    for debtor, d in debtors.items():
        assert d["credits"] < d["gross"] - d["aged"]  # credits come off clean dollars
        lines["gross"] += d["gross"]
        lines["credit_balances"] += d["credits"]
        lines["aged"] += d["aged"]
        rest = d["gross"] - d["credits"] - d["aged"]
        whole = next((k for k in ("foreign", "affiliate", "government") if d[k]), None)
        if d["aged"] * 2 > d["gross"]:
            whole = "cross_aged"
        if whole is not None:
            lines[whole] += rest
            continue
        for flag, amount in flagged[debtor].items():
            lines[flag] += amount
            rest -= amount
        contra = min(owed.get(debtor, Decimal(0)), rest)
        lines["contra"] += contra
        remaining[debtor] = rest - contra
    limit = (sum(remaining.values()) * Decimal("0.25")).quantize(Decimal("0.01"), ROUND_DOWN)
    lines["concentration"] = sum(
        (max(r - limit, Decimal(0)) for r in remaining.values()), Decimal(0)
    )
    lines["eligible"] = sum((min(r, limit) for r in remaining.values()), Decimal(0))
    return dict(lines)


def test_independent_calculation_gives_the_hand_figures() -> None:
    worked = independent_receivables()
    assert worked == {
        "gross": Decimal("37364542.59"),
        "credit_balances": Decimal("159596.33"),
        "aged": Decimal("2946178.55"),
        "cross_aged": Decimal("165873.93"),
        "foreign": Decimal("719025.10"),
        "affiliate": Decimal("252870.64"),
        "government": Decimal("422010.27"),
        "disputed": Decimal("188027.89"),
        "bill_and_hold": Decimal("557749.63"),
        "contra": Decimal("292000.00"),
        "concentration": Decimal("9006931.33"),
        "eligible": Decimal("22654278.92"),
    }


def test_detail_certificate_lines() -> None:
    certificate = from_portfolio(load_portfolio(EXAMPLE), "southtrust-abl", DETAIL)
    got = amounts(certificate)
    worked = independent_receivables()
    assert got["receivables_gross"] == worked["gross"]
    for reason in RECEIVABLE_REASONS:  # consignment and progress billing: none in the file
        # a deduction is the positive amount taken off, printed under "Less:"
        assert got[f"receivables_less_{reason}"] == worked.get(reason, Decimal(0)), reason
    assert got["receivables_eligible"] == worked["eligible"] == Decimal("22654278.92")
    assert got["receivables_rate"] == Decimal("0.85")
    assert got["receivables_advance"] == Decimal("19256137.08")
    # the receivables lines add up: gross less every line is eligible
    assert certificate.receivables is not None
    lines = [f for f in certificate.receivables.ineligible]
    assert (
        worked["gross"] - sum(f.value for f in lines if isinstance(f.value, Decimal))
        == (worked["eligible"])
    )

    assert got["inventory_gross"] == Decimal("32410755.78")
    assert got["inventory_less_work_in_process"] == Decimal("1606330.87")
    assert got["inventory_less_consigned"] == Decimal("1269980.62")
    assert got["inventory_less_in_transit"] == Decimal("1808374.00")
    assert got["inventory_less_slow_moving"] == Decimal("2343745.93")
    assert got["inventory_eligible"] == Decimal("17101184.41")
    assert got["inventory_eligible:bellsouth"] == Decimal("8281139.95")
    assert got["inventory_rate:bellsouth"] == Decimal("0.65")
    assert got["inventory_advance:general"] == Decimal("8550592.205")
    assert got["inventory_advance:bellsouth"] == Decimal("5382740.9675")
    assert got["inventory_advance_before_cap"] == Decimal("13933333.1725")
    assert got["inventory_cap"] == Decimal("20000000")
    assert got["inventory_advance"] == Decimal("13933333.17")

    assert got["borrowing_base"] == got["line_cap"] == Decimal("33189470.25")
    assert got["revolver_outstanding"] == Decimal("29500000.00")
    assert got["letters_of_credit"] == Decimal("500000.00")
    assert got["reserves"] == Decimal("250000.00")
    assert got["availability"] == got["excess_availability"] == Decimal("2939470.25")
    document = certificate.document()
    assert document.figure("excess_availability_pct").shown == "8.86%"
    assert document.figure("reporting_frequency").value == "weekly"
    assert document.figure("next_borrowing_base_report_due").value == date(2003, 12, 3)
    assert document.figure("inventory_rate:bellsouth").note == "Condition recorded 2003-05-15"


def test_summary_certificate_shows_only_eligible_and_says_so() -> None:
    # README tour, 2003-02-28: receivables 20,000,000 x 85% = 17,000,000; inventory 18,000,000
    # x 50% + BellSouth 12,000,000 at 50% (no consent yet) = 15,000,000; base 32,000,000;
    # 32,000,000 - 27,000,000 - 500,000 = 4,500,000 = 14.0625% -> 14.06%, weekly; 2/28/03 is
    # a Friday: next report Wednesday 2003-03-05
    certificate = from_portfolio(load_portfolio(EXAMPLE), "southtrust-abl", date(2003, 2, 28))
    got = amounts(certificate)
    assert certificate.receivables is not None and certificate.inventory is not None
    assert certificate.receivables.gross is None and certificate.receivables.ineligible == ()
    assert certificate.inventory.gross is None and certificate.inventory.ineligible == ()
    assert got["receivables_eligible"] == Decimal("20000000.00")
    assert got["receivables_advance"] == Decimal("17000000.00")
    assert got["inventory_rate:bellsouth"] == Decimal("0.50")
    assert got["inventory_advance"] == Decimal("15000000.00")
    assert got["borrowing_base"] == Decimal("32000000.00")
    assert got["availability"] == Decimal("4500000.00")
    document = certificate.document()
    assert document.figure("excess_availability_pct").shown == "14.06%"
    assert document.figure("reporting_frequency").value == "weekly"
    assert document.figure("next_borrowing_base_report_due").value == date(2003, 3, 5)
    notes = " ".join(certificate.receivables.notes + certificate.inventory.notes)
    assert "collateral.csv on 2003-02-28" in notes
    assert "gross receivables and the ineligible lines behind it are not known" in notes
    assert not any(k.startswith(("receivables_gross", "receivables_less")) for k in got)


def test_exactly_at_the_threshold_reports_weekly(example: Path) -> None:
    # receivables 20,000,000 x 85% = 17,000,000 + inventory 6,000,000 x 50% = 3,000,000:
    # base 20,000,000; loans 17,000,000 leave 3,000,000 = exactly 15%: "greater than 15%"
    # is not met, so weekly
    facts = example / "facts"
    (facts / "collateral.csv").write_text(
        "as_of,item,amount\n"
        "2003-02-28,receivables_eligible,20000000\n"
        "2003-02-28,inventory_eligible,6000000\n"
    )
    (facts / "loans.csv").write_text(
        "as_of,revolver_outstanding,letters_of_credit,reserves\n2003-02-28,17000000,0,0\n"
    )
    certificate = from_portfolio(load_portfolio(example), "southtrust-abl", date(2003, 2, 28))
    document = certificate.document()
    assert document.figure("excess_availability_pct").value == Decimal("0.15")
    assert document.figure("reporting_frequency").value == "weekly"
    # no BellSouth fact: its line is zero, and the note says none was reported
    assert document.figure("inventory_eligible:bellsouth").value == 0


def test_overadvance_is_noted(example: Path) -> None:
    facts = example / "facts"
    (facts / "loans.csv").write_text(
        "as_of,revolver_outstanding,letters_of_credit,reserves\n2003-02-28,33000000,0,0\n"
    )
    certificate = from_portfolio(load_portfolio(example), "southtrust-abl", date(2003, 2, 28))
    # 32,000,000 - 33,000,000
    assert certificate.document().figure("availability").value == Decimal("-1000000.00")
    assert any(n.startswith("Overadvance") for n in certificate.notes)
    # the officer cannot certify that no Default exists beside an overadvance on the same page:
    # the certification names it (32,000,000 line cap, 33,000,000 loans: 1,000,000 over)
    signature = certificate.document().signature
    assert signature is not None
    (statement,) = signature.certifications
    assert statement.startswith(
        "Except for the overadvance shown above (the loans, letters of credit and reserves "
        "exceed the line cap by $1,000,000.00), no Default or Event of Default has occurred"
    )


def test_without_an_overadvance_no_default_is_certified_plainly() -> None:
    certificate = from_portfolio(load_portfolio(EXAMPLE), "southtrust-abl", date(2003, 12, 31))
    # 34,875,000 line cap - 28,500,000 - 500,000 - 250,000 = 5,625,000 available
    assert certificate.document().figure("availability").value == Decimal("5625000.00")
    signature = certificate.document().signature
    assert signature is not None
    (statement,) = signature.certifications
    assert statement.startswith("No Default or Event of Default has occurred and is continuing")


def _sheet() -> RevolverTerms:
    sheet = (
        load_portfolio(EXAMPLE)
        .agreements["southtrust-abl"]
        .clauses_of("revolver")[0]
        .terms_as(RevolverTerms)
    )
    return sheet


def _example_run(
    loans: dict[str, DatedFacts] | None = None, events: AgreementEvents | None = None
) -> CertificateRun:
    """The example's detail files of 2003-11-30 as an upload would give them."""
    aging, payables, inventory = (
        FACTS / side / "2003-11-30.csv" for side in ("receivables", "payables", "inventory")
    )
    return run_certificates(
        _sheet(), DETAIL, aging, payables, inventory, loans=loans, events=events
    )


def test_from_an_uploaded_aging_equals_the_portfolio_certificate() -> None:
    portfolio = load_portfolio(EXAMPLE)
    events = portfolio.facts.events.for_agreement("southtrust-abl")
    run = _example_run(load_loans_by_borrower(FACTS / "loans.csv"), events)
    uploaded = from_collateral_run(run, _sheet(), company="Innotrac Corporation")
    # the portfolio's certificate adds the roll-forwards and the previous certificate
    # (rollforward.csv); every figure the upload gives is the same
    portfolio_amounts = amounts(from_portfolio(portfolio, "southtrust-abl", DETAIL))
    assert {k: portfolio_amounts[k] for k in amounts(uploaded)} == amounts(uploaded)
    html = render_html(uploaded.document())
    assert "Gross receivables (257 invoices)" in html and "$22,654,278.92" in html


def test_from_an_uploaded_aging_without_events_or_loans() -> None:
    # without the events BellSouth's consent is not known: 50%, so 17,101,184.41 x 50% +
    # 8,281,139.95 x 50% = 12,691,162.18; base 19,256,137.08 + 12,691,162.18 = 31,947,299.26
    run = _example_run()
    uploaded = from_collateral_run(run, _sheet(), aging_name="aging.csv")
    got = amounts(uploaded)
    assert got["inventory_advance"] == Decimal("12691162.18")
    assert got["borrowing_base"] == got["line_cap"] == Decimal("31947299.26")
    # no loans: no availability, nor a reporting frequency that would depend on it
    assert [f.key for f in uploaded.availability] == ["borrowing_base", "commitment", "line_cap"]
    assert any(
        n.startswith("Eligible BellSouth inventory: whether its condition is met")
        for n in uploaded.notes
    )
    trace = uploaded.document().figure("receivables_gross").trace
    assert trace is not None and trace.input("file") == "aging.csv"


def test_from_a_run_of_several_borrowers(tmp_path: Path) -> None:
    aging = tmp_path / "aging.csv"
    aging.write_text(
        "borrower_id,invoice_id,debtor_id,invoice_date,due_date,open_balance\n"
        "b1,1,d1,2003-11-01,2003-12-01,100.00\n"
        "b2,2,d2,2003-11-01,2003-12-01,200.00\n"
        "b2,3,d3,2003-11-01,2003-12-01,200.00\n"
    )
    run = run_certificates(_sheet(), DETAIL, aging, with_debtors=False)
    # b2: 400.00, each debtor 200.00 above 25% of 400 (100.00): concentration 200.00
    second = from_collateral_run(run, _sheet(), borrower_id="b2")
    assert amounts(second)["receivables_less_concentration"] == Decimal("200.00")
    assert amounts(second)["receivables_eligible"] == Decimal("200.00")
    assert second.company == "b2"
    with pytest.raises(KeyError, match="b1, b2"):
        from_collateral_run(run, _sheet())


def test_an_empty_aging_gives_a_certificate_of_zeros(tmp_path: Path) -> None:
    aging = tmp_path / "aging.csv"
    aging.write_text("invoice_id,debtor_id,invoice_date,due_date,open_balance\n")
    uploaded = from_collateral_run(run_certificates(_sheet(), DETAIL, aging), _sheet())
    got = amounts(uploaded)
    assert got["receivables_gross"] == got["receivables_eligible"] == 0
    assert got["borrowing_base"] == 0
    assert any("no invoices" in n for n in uploaded.notes)


def test_html_has_every_line_in_order() -> None:
    certificate = from_portfolio(load_portfolio(EXAMPLE), "southtrust-abl", DETAIL)
    document = certificate.document()
    html = render_html(document)
    position = 0
    for section in document.sections:
        if not isinstance(section, Lines):
            continue
        for figure in section.figures:
            # each line, with its figure as printed, after the one before it
            found = html.find(f'id="fig-{figure.key}"', position)
            assert found > position, figure.key
            row = html[found : html.find("</tr>", found)]
            assert figure.label in row and figure.shown in row
            position = found
    assert document.figure("receivables_less_aged").role is Role.less
    assert "$2,946,178.55" in html and "-$2,946,178.55" not in html
    assert "certifies to SouthTrust Bank, N.A. that the information above is true" in html


def test_the_terminal_certificate_cuts_no_amount_on_a_narrow_screen() -> None:
    # at 30 columns no line and amount fit side by side: the rows are stacked, every amount
    # whole (Rich's own table cut them with an ellipsis)
    screen = io.StringIO()
    print_certificates(_example_run(), Console(file=screen, width=30, color_system=None))
    printed = screen.getvalue()
    assert "\u2026" not in printed
    assert "$37,364,542.59" in printed and "$22,654,278.92" in printed
