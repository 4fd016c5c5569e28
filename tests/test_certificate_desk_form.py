"""The Borrowing Base Certificate in the form ABL desks use (issue 17), read back from the HTML,
the XLSX and the PDF's layout. Figures worked by hand from the example's 2003-11-30 files and
facts/rollforward.csv:

    aging by days past due (as-of 11/30/03 less each due date), every open balance, debits and
    credits, summed from receivables/2003-11-30.csv below: they add to the aging's total,
    gross 37,364,542.59 less credits 159,596.33 = 37,204,946.26
    receivables roll-forward: 35,812,400.18 (the 10/31/03 certificate's reported balance)
    + 14,630,512.77 sales - 12,946,318.40 collections - 221,648.29 credits - 70,000.00
    adjustments = 37,204,946.26: the aging's total, difference 0.00
    loans: 29,500,000.00 on 10/31/03 (loans.csv row of 9/30/03) + 13,100,000.00 advances
    - 13,245,716.94 repayments + 145,716.94 interest and fees = 29,500,000.00 = loans.csv on
    11/30/03 (still the 9/30/03 row): difference 0.00
    inventory: gross 32,410,755.78 - 1,606,330.87 - 1,269,980.62 - 1,808,374.00
    - 2,343,745.93 = 25,382,324.36 = 17,101,184.41 general + 8,281,139.95 BellSouth
    class advances shown to the cent: 8,550,592.205 -> 8,550,592.21, 5,382,740.9675 ->
    5,382,740.97, which add to 13,933,333.18; the letter rounds the total once,
    13,933,333.1725 -> 13,933,333.17: a rounding line of -0.01
    BellSouth: 19,163,644.26 gross of 37,364,542.59 = 51.29%; eligible 7,915,302.56 (25% of
    31,661,210.25 rounded down) = 34.94% of 22,654,278.92; over the limit 9,006,931.33
    previous certificate (10/31/03, collateral.csv of 9/30/03): receivables 23,500,000 x 85%
    = 19,975,000; inventory 17,500,000 x 50% + 12,000,000 x 65% = 16,550,000; base
    36,525,000; availability 36,525,000 - 30,250,000 = 6,275,000
"""

from __future__ import annotations

import csv
import re
import shutil
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pactum.cli import app
from pactum.document import Document, Grid, Lines
from pactum.findings import Unit
from pactum.kinds.revolver.borrowing_base_certificate import from_portfolio
from pactum.kinds.revolver.certificate_sections import lender_of
from pactum.portfolio import load_portfolio
from pactum.reports.html import render_html
from pactum.reports.workbook import workbook_bytes
from report_support import EXAMPLE, xlsx_cells, xlsx_number

DETAIL = date(2003, 11, 30)
FACTS = EXAMPLE / "facts"


def _document(portfolio: Path = EXAMPLE, as_of: date = DETAIL) -> Document:
    return from_portfolio(load_portfolio(portfolio), "southtrust-abl", as_of).document()


def _aging_by_hand() -> dict[str, Decimal]:
    buckets: dict[str, Decimal] = defaultdict(Decimal)
    with (FACTS / "receivables" / "2003-11-30.csv").open() as stream:
        for row in csv.DictReader(stream):
            late = (DETAIL - date.fromisoformat(row["due_date"])).days
            key = (
                "current"
                if late <= 0
                else "past_due_1_30"
                if late <= 30
                else "past_due_31_60"
                if late <= 60
                else "past_due_61_90"
                if late <= 90
                else "past_due_over_90"
            )
            buckets[key] += Decimal(row["open_balance"])
    return dict(buckets)


def test_heading_names_number_date_borrower_and_lender() -> None:
    document = _document()
    assert dict(document.particulars) == {
        "Certificate No.": "10",
        "Certificate date": "December 3, 2003",
        "Borrower": "Innotrac Corporation",
        "Lender": "SouthTrust Bank, N.A.",
    }
    html = render_html(document)
    assert "<th>Lender</th><td>SouthTrust Bank, N.A.</td>" in html


@pytest.mark.parametrize(
    ("parties", "company", "lender"),
    [
        # marked: the lender alone, whatever else the parties are
        (
            [
                "Quest Solution, Inc. (Parent)",
                "Quest Marketing, Inc. (Borrower)",
                "Wells Fargo Bank, National Association (Lender)",
            ],
            "Quest Solution, Inc.",
            "Wells Fargo Bank, National Association (Lender)",
        ),
        # unmarked lenders: every party but the company and those marked on its side (a
        # co-borrower, a parent, a guarantor), who are not the lender
        (
            [
                "Quest Solution, Inc. (Parent)",
                "Bar Code Specialties, Inc. (Borrowers)",
                "Acme Holdings (Guarantor)",
                "Chesapeake Corporation (U.S. Borrower)",
                "Wells Fargo Bank, National Association",
            ],
            "Quest Solution, Inc.",
            "Wells Fargo Bank, National Association",
        ),
        (
            ["SouthTrust Bank, N.A.", "Innotrac Corporation"],
            "Innotrac Corporation",
            "SouthTrust Bank, N.A.",
        ),
    ],
)
def test_the_lender_is_not_a_co_borrower(parties: list[str], company: str, lender: str) -> None:
    assert lender_of(parties, company) == lender


def test_aging_buckets_add_to_the_aging_total() -> None:
    document = _document()
    by_hand = _aging_by_hand()
    assert sum(by_hand.values()) == Decimal("37204946.26")
    for key, amount in by_hand.items():
        assert document.figure(f"aging:{key}").value == amount, key
    assert document.figure("aging:total").value == Decimal("37204946.26")


def test_receivables_rollforward_reconciles_to_the_aging() -> None:
    document = _document()
    assert document.figure("rollforward_previous_balance").value == Decimal("35812400.18")
    assert document.figure("rollforward_collections").value == Decimal("12946318.40")
    assert document.figure("rollforward_ending_balance").value == Decimal("37204946.26")
    assert document.figure("rollforward_aging_total").value == Decimal("37204946.26")
    assert document.figure("rollforward_difference").value == 0


def test_a_difference_from_the_aging_is_reported(tmp_path: Path) -> None:
    portfolio = tmp_path / "innotrac"
    shutil.copytree(EXAMPLE, portfolio)
    rows = (portfolio / "facts" / "rollforward.csv").read_text()
    # collections 1,000.00 higher: the roll-forward ends 1,000.00 below the aging
    (portfolio / "facts" / "rollforward.csv").write_text(rows.replace("12946318.40", "12947318.40"))
    document = _document(portfolio)
    assert document.figure("rollforward_ending_balance").value == Decimal("37203946.26")
    assert document.figure("rollforward_difference").value == Decimal("1000.00")
    notes = [n for s in document.sections for n in s.notes]
    # printed on the signed page as money, the way every figure there is
    assert "The aging's total differs from the roll-forward by $1,000.00: unreconciled." in notes


def test_a_loan_difference_is_printed_as_money(tmp_path: Path) -> None:
    portfolio = tmp_path / "innotrac"
    shutil.copytree(EXAMPLE, portfolio)
    rows = (portfolio / "facts" / "rollforward.csv").read_text()
    # advances 1,000.00 higher: 29,500,000 + 13,101,000 - 13,245,716.94 + 145,716.94
    # = 29,501,000.00 rolled forward against 29,500,000.00 in loans.csv: -1,000.00
    (portfolio / "facts" / "rollforward.csv").write_text(rows.replace("13100000.00", "13101000.00"))
    document = _document(portfolio)
    assert document.figure("loans_ending_balance").value == Decimal("29501000.00")
    assert document.figure("loans_difference").value == Decimal("-1000.00")
    notes = [n for s in document.sections for n in s.notes]
    assert "The loan balance differs from the roll-forward by -$1,000.00: unreconciled." in notes


def test_loan_rollforward_reconciles_to_loans_csv() -> None:
    document = _document()
    assert document.figure("loans_previous_balance").value == Decimal("29500000.00")
    assert document.figure("loans_repayments").value == Decimal("13245716.94")
    assert document.figure("loans_ending_balance").value == Decimal("29500000.00")
    assert document.figure("loans_difference").value == 0


def test_inventory_shows_its_eligible_total_and_adds_up() -> None:
    document = _document()
    lines = next(s for s in document.sections if s.title == "Inventory")
    assert isinstance(lines, Lines)
    keys = [f.key for f in lines.figures]
    # gross, the four deductions, then the eligible total right below them
    assert keys[:6] == [
        "inventory_gross",
        "inventory_less_work_in_process",
        "inventory_less_consigned",
        "inventory_less_in_transit",
        "inventory_less_slow_moving",
        "inventory_eligible_total",
    ]
    assert document.figure("inventory_eligible_total").value == Decimal("25382324.36")
    assert document.figure("inventory_advance:general").shown == "$8,550,592.21"
    assert document.figure("inventory_advance:bellsouth").shown == "$5,382,740.97"
    assert document.figure("inventory_advance_rounding").value == Decimal("-0.01")
    assert document.figure("inventory_advance_before_cap").shown == "$13,933,333.17"
    trace = document.figure("inventory_advance:general").trace
    assert trace is not None and trace.input("exact") == "8550592.205"


def test_largest_debtors_have_names_and_concentration() -> None:
    document = _document()
    assert document.figure("debtor:bellsouth").value == "BellSouth Telecommunications"
    assert document.figure("debtor_gross:bellsouth").value == Decimal("19163644.26")
    assert document.figure("debtor_share:bellsouth").shown == "51.29%"
    assert document.figure("debtor_concentration:bellsouth").value == Decimal("9006931.33")
    assert document.figure("debtor_eligible:bellsouth").value == Decimal("7915302.56")
    assert document.figure("debtor_eligible_share:bellsouth").shown == "34.94%"


def test_previous_certificate_beside_it() -> None:
    document = _document()
    assert document.figure("previous:receivables_advance").value == Decimal("19975000.00")
    assert document.figure("previous:inventory_advance").value == Decimal("16550000.00")
    assert document.figure("previous:borrowing_base").value == Decimal("36525000.00")
    assert document.figure("current:borrowing_base").value == Decimal("33189470.25")
    assert document.figure("change:availability").value == Decimal("-3335529.75")
    # excess availability over the line cap: 6,275,000 / 36,525,000 = 17.18% at 10/31/03 and
    # 2,939,470.25 / 33,189,470.25 = 8.86% at 11/30/03; the change is 8.32 percentage points
    # (0.0885663... - 0.1718001... = -0.0832337...), not a fall of 8.32%
    change = document.figure("change:excess_availability_pct")
    assert (change.unit, change.shown) == (Unit.points, "-8.32 pts")
    assert document.figure("current:excess_availability_pct").shown == "8.86%"


def test_no_previous_certificate_without_an_earlier_row(tmp_path: Path) -> None:
    portfolio = tmp_path / "innotrac"
    shutil.copytree(EXAMPLE, portfolio)
    (portfolio / "facts" / "rollforward.csv").unlink()
    document = _document(portfolio)
    assert not any(s.title == "Previous certificate" for s in document.sections)
    assert dict(document.particulars)["Certificate No."] == "2003-11-30"


def test_signed_pages_print_no_fraction_of_a_cent_no_negative_deduction_no_internal_name() -> None:
    for as_of in (DETAIL, date(2003, 6, 30)):
        html = render_html(_document(as_of=as_of))
        page = html.split("How each figure was obtained")[0]
        assert not re.search(r"\$[\d,]+\.\d{3}", page), as_of
        for row in re.findall(r'<tr id="fig-[^"]+" class="less">.*?</tr>', page, re.S):
            assert "-$" not in row, row
        assert "bellsouth_consent" not in html and "year_1" not in html
        assert "DESIGN" not in html
    assert "$8,550,592.205" not in render_html(_document())


def test_compliance_certificate_cites_no_design_section() -> None:
    from pactum.contributions import documents
    from pactum.evaluate import check

    portfolio = load_portfolio(EXAMPLE)
    found = check(portfolio, date(2003, 12, 31))
    for document in documents(portfolio, found):
        if document.signature is not None:
            assert "DESIGN" not in render_html(document), document.kind


def test_certification_and_signature_are_kept_together() -> None:
    html = render_html(_document())
    section = html[html.index('<section class="signature">') :]
    section = section[: section.index("</section>")]
    assert "No Default or Event of Default has occurred and is continuing" in section
    assert '<div class="line">Signature</div>' in section
    assert "page-break-inside: avoid" in html
    # printed: the page that has the no-Default certification has the signature line too
    from weasyprint import HTML

    pages = HTML(string=html).render().pages

    def texts(box: object) -> list[str]:
        found = [getattr(box, "text", "")]
        for child in getattr(box, "children", []) or []:
            found += texts(child)
        return found

    page_of: dict[str, int] = {}
    signed = ""
    for number, page in enumerate(pages):
        words = " ".join(" ".join(texts(page._page_box)).split())
        for marker in ("No Default or Event of Default", "Title: Authorized officer"):
            if marker in words:
                page_of.setdefault(marker, number)
                signed = words
    assert len(set(page_of.values())) == 1 and len(page_of) == 2, page_of
    # and not on a page of its own: some of what it certifies is printed above it
    assert signed.index("Certification The undersigned") > 0, signed[:80]


def test_workbook_carries_the_new_lines(tmp_path: Path) -> None:
    path = tmp_path / "bbc.xlsx"
    path.write_bytes(workbook_bytes(_document()))
    cells = xlsx_cells(path)
    assert xlsx_number(cells["inventory_eligible_total"]) == Decimal("25382324.36")
    assert xlsx_number(cells["receivables_less_concentration"]) == Decimal("9006931.33")
    assert xlsx_number(cells["aging:past_due_over_90"]) == _aging_by_hand()["past_due_over_90"]
    assert xlsx_number(cells["rollforward_difference"]) == 0
    # a change in a percentage (the previous certificate's excess availability, % of the line
    # cap): the one cell in percentage points, holding them, and saying so
    sheet = cells["borrowing_base"].parent
    (points,) = [c for row in sheet.iter_rows() for c in row if c.number_format == '0.00" pts"']
    assert round(Decimal(str(points.value)), 4) == Decimal("-8.3234")
    sheet = cells["borrowing_base"].parent
    values = [c.value for row in sheet.iter_rows(max_row=12, max_col=2) for c in row]
    assert "Lender" in values and "SouthTrust Bank, N.A." in values
    names = [c.value for row in sheet.iter_rows(max_col=1) for c in row]
    assert "BellSouth Telecommunications" in names


def test_debtors_csv_keeps_the_names(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["collateral", str(EXAMPLE), "--as-of", "2003-11-30", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    with (out / "debtors.csv").open(newline="") as stream:
        rows = {r["debtor_id"]: r for r in csv.DictReader(stream)}
    assert rows["bellsouth"]["debtor_name"] == "BellSouth Telecommunications"


@pytest.mark.parametrize(
    ("row", "field", "found"),
    [
        ("2003-11-30,10,,,-5,,,,,,", "sales", "'-5'"),
        ("2003-11-31,10,,,,,,,,,", "as_of", "'2003-11-31'"),
    ],
)
def test_bad_rollforward_row_exits_2_with_one_line(
    tmp_path: Path, row: str, field: str, found: str
) -> None:
    portfolio = tmp_path / "innotrac"
    shutil.copytree(EXAMPLE, portfolio)
    path = portfolio / "facts" / "rollforward.csv"
    header = path.read_text().splitlines()[0]
    path.write_text(f"{header}\n{row}\n")
    result = CliRunner().invoke(app, ["check", str(portfolio), "--as-of", "2003-11-30"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "rollforward.csv" in lines[0] and "row 2" in lines[0]
    assert f"{field}: found {found}" in lines[0], lines[0]
    assert "Traceback" not in result.output


def test_previous_certificate_columns_add_up_to_availability() -> None:
    """Each column of the comparison adds up on the page: line cap less loans, letters of
    credit and reserves is availability. loans.csv's 9/30/03 row is in force on both dates:
    29,500,000 loans, 500,000 letters of credit, 250,000 reserves.
    10/31/03: 36,525,000.00 - 29,500,000 - 500,000 - 250,000 = 6,275,000.00
    11/30/03: 33,189,470.25 - 29,500,000 - 500,000 - 250,000 = 2,939,470.25"""
    document = _document()
    for column, line_cap, availability in (
        ("previous", "36525000.00", "6275000.00"),
        ("current", "33189470.25", "2939470.25"),
    ):
        figures = {
            key: document.figure(f"{column}:{key}").value
            for key in ("line_cap", "revolver_outstanding", "letters_of_credit", "reserves")
        }
        assert figures == {
            "line_cap": Decimal(line_cap),
            "revolver_outstanding": Decimal("29500000.00"),
            "letters_of_credit": Decimal("500000.00"),
            "reserves": Decimal("250000.00"),
        }
        assert document.figure(f"{column}:availability").value == Decimal(availability)
    assert document.figure("change:letters_of_credit").value == Decimal("0.00")
    # the rows in the order of the availability section: line cap, the three less, availability
    grid = next(s for s in document.sections if s.title == "Previous certificate")
    assert isinstance(grid, Grid)
    labels = [row[0].value for row in grid.rows]
    start = labels.index("Line cap")
    assert labels[start : start + 5] == [
        "Line cap",
        "Less: loans (revolver outstanding)",
        "Less: letters of credit",
        "Less: reserves",
        "Availability",
    ]
