"""Borrowing bases as real credit agreements write them (issue 13), worked by hand.

Quest Solution (Wells Fargo, December 31, 2014), accounts only: Advances may not exceed the
lesser of (a) $8,000,000 minus Letter of Credit Usage and (b) the Borrowing Base, 85% of
Eligible Accounts less Letter of Credit Usage, less all Reserves, less other Obligations.
Illustrative facts: eligible accounts 12,000,000 -> 10,200,000.00; less LC 300,000, reserves
200,000, other obligations 50,000: base 9,650,000.00; the cap side 8,000,000 - 300,000 =
7,700,000.00 binds; availability 7,700,000 - 5,000,000 outstanding = 2,700,000.00 (LC and
reserves are already deducted and are not deducted again).

Matlack (First Union, August 19, 1998), three classes: 90% of the net book value of Eligible
Revenue Equipment + 85% of Eligible Accounts Receivable + 90% of the depreciated book value of
Eligible Equipment Subject to Lease - unsecured borrowed money. Illustrative: 20,000,000.05 x
0.90 = 18,000,000.045 -> 18,000,000.05 (half-up); 10,000,000.05 x 0.85 = 8,500,000.0425 ->
8,500,000.04; 5,000,000 x 0.90 = 4,500,000.00; less 1,000,000: 30,000,000.09. Commitment
40,000,000 (illustrative): availability 30,000,000.09 - 22,000,000 - 1,000,000 LC =
7,000,000.09. With a 3,000,000 sublimit on the leased equipment: 28,500,000.09.

Reserve-based (illustrative text): initial base 50,000,000; redetermined to 40,000,000 on
Thursday 2015-04-02 while 45,000,000 loans and 2,000,000 letters of credit are out: a
deficiency of 7,000,000, repaid in six equal monthly instalments, the first thirty days after:
7,000,000 / 6 = 1,166,666.666... -> 1,166,666.67 five times and 1,166,666.65 last, due
2015-05-02 (a Saturday, not rolled), 06-02, 07-02, 08-02 (a Sunday), 09-02, 10-02.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from conftest import values_of
from pactum.document import Lines
from pactum.evaluate import check
from pactum.findings import AgreementFindings
from pactum.kinds.revolver.borrowing_base_certificate import from_portfolio
from pactum.portfolio import load_portfolio
from portfolio_support import assert_sheet_error, write_portfolio

QUEST_TEXT = """\
in a total amount at any time outstanding not to exceed the lesser of (a) $8,000,000 (the
"Maximum Revolver Amount") minus Letter of Credit Usage, and (b) the sum of the following
(the "Borrowing Base"): (A) Eighty-five percent (85%) of Eligible Accounts of Borrowers, less
(B) Letter of Credit Usage, less (C) all Reserves, less (D) any other Obligations (other than
amounts under the Line of Credit and Letter of Credit Usage). Maturity December 31, 2017.
"""

QUEST = """\
clauses:
  - id: facility
    type: revolver
    commitment: {value: 8000000, cite: "$8,000,000 (the \\"Maximum Revolver Amount\\")"}
    maturity: {value: 2017-12-31, cite: "December 31, 2017"}
    borrowing_base:
      classes:
        - id: accounts
          title: Eligible Accounts
          item: receivables_eligible
          rate: {value: 0.85, cite: "Eighty-five percent (85%) of Eligible Accounts"}
      collateral_items: [other_obligations]
      deductions:
        - id: letter_of_credit_usage
          item: letters_of_credit
          cite: "less (B) Letter of Credit Usage"
          from_commitment_too: {value: true, cite: "minus Letter of Credit Usage"}
        - id: reserves
          item: reserves
          cite: "less (C) all Reserves"
        - id: other_obligations
          item: other_obligations
          cite: "less (D) any other Obligations"
"""

MATLACK_TEXT = """\
"Borrowing Base" shall mean, as of any date of determination thereof, an
amount equal to the sum of (v) 90% of the Net Book Value of Eligible
Revenue Equipment plus (x) 85% of Eligible Accounts Receivable plus (y) 90%
of the depreciated book value of Eligible Equipment Subject to Lease minus
(z) all unsecured indebtedness for monies borrowed other than monies
borrowed pursuant to this Agreement.
"""

MATLACK = """\
clauses:
  - id: facility
    type: revolver
    commitment: {value: 40000000, assumed: illustrative}
    maturity: {value: 2000-08-31, assumed: "the Revolver Termination Date is blank"}
    borrowing_base:
      classes:
        - id: revenue_equipment
          title: Eligible Revenue Equipment
          item: revenue_equipment_net_book_value
          rate: {value: 0.90, cite: "90% of the Net Book Value of Eligible Revenue Equipment"}
        - id: receivables
          title: Eligible Accounts Receivable
          item: receivables_eligible
          rate: {value: 0.85, cite: "85% of Eligible Accounts Receivable"}
        - id: leased_equipment
          title: Eligible Equipment Subject to Lease
          item: leased_equipment_book_value
          rate: {value: 0.90, cite: "90% of the depreciated book value of Eligible Equipment"}
      collateral_items: [revenue_equipment_net_book_value, leased_equipment_book_value, unsecured_debt]
      deductions:
        - id: unsecured_debt
          title: unsecured borrowed money
          item: unsecured_debt
          cite: "minus (z) all unsecured indebtedness for monies borrowed"
"""

MATLACK_COLLATERAL = """\
as_of,item,amount
1998-09-30,revenue_equipment_net_book_value,20000000.05
1998-09-30,receivables_eligible,10000000.05
1998-09-30,leased_equipment_book_value,5000000.00
1998-09-30,unsecured_debt,1000000.00
"""

RBL_TEXT = """\
The Borrowing Base shall initially be $50,000,000 until redetermined. If a Borrowing Base
Deficiency exists after a redetermination, the Borrower shall prepay the deficiency in six (6)
equal monthly installments, the first of which is due thirty (30) days after the new Borrowing
Base is determined. Maturity Date: June 30, 2019. Aggregate commitments $60,000,000.
"""

RBL = """\
clauses:
  - id: facility
    type: revolver
    commitment: {value: 60000000, cite: "Aggregate commitments $60,000,000"}
    maturity: {value: 2019-06-30, cite: "Maturity Date: June 30, 2019"}
    borrowing_base:
      amount_by_redetermination:
        initial: {value: 50000000, cite: "shall initially be $50,000,000"}
        deficiency_cure:
          installments: {value: 6, cite: "in six (6) equal monthly installments"}
          first_due_days: {value: 30, cite: "due thirty (30) days after"}
"""

RBL_EVENTS = """\
- {date: 2015-04-02, agreement: deal, event: redetermination, amount: 40000000}
"""


def portfolio(
    folder: Path, sheet: str, text: str, collateral: str, loans: str, events: str = ""
) -> Path:
    write_portfolio(folder, sheet, text, events)
    (folder / "facts" / "collateral.csv").write_text(collateral)
    (folder / "facts" / "loans.csv").write_text(
        "as_of,revolver_outstanding,letters_of_credit,reserves\n" + loans
    )
    return folder


def evaluate(folder: Path, on: date) -> AgreementFindings:
    return check(load_portfolio(folder), on).agreement("deal")


def quest(folder: Path, accounts: str = "12000000") -> Path:
    collateral = (
        f"as_of,item,amount\n2015-03-31,receivables_eligible,{accounts}\n"
        "2015-03-31,other_obligations,50000\n"
    )
    return portfolio(folder, QUEST, QUEST_TEXT, collateral, "2015-03-31,5000000,300000,200000\n")


def test_quest_accounts_only_with_deductions_and_the_cap_binding(tmp_path: Path) -> None:
    v = values_of(evaluate(quest(tmp_path), date(2015, 3, 31)))
    assert v["accounts_advance"] == "10200000.00"
    assert "inventory_advance" not in v and "receivables_advance" not in v
    assert v["borrowing_base"] == "9650000.00"
    assert v["line_cap"] == "7700000.00"  # 8,000,000 - 300,000 LC binds
    assert v["availability"] == "2700000.00"


def test_quest_borrowing_base_binding_below_the_cap(tmp_path: Path) -> None:
    # 8,000,000 x 85% = 6,800,000 - 550,000 = 6,250,000 < 7,700,000: the base binds
    v = values_of(evaluate(quest(tmp_path, "8000000"), date(2015, 3, 31)))
    assert v["borrowing_base"] == v["line_cap"] == "6250000.00"
    assert v["availability"] == "1250000.00"


def test_quest_certificate_adds_up_to_the_cent(tmp_path: Path) -> None:
    certificate = from_portfolio(load_portfolio(quest(tmp_path)), "deal", date(2015, 3, 31))
    document = certificate.document()
    assert [s.title for s in document.sections if isinstance(s, Lines)] == [
        "Collateral",
        "Availability",
    ]
    shown = {f.key: f.value for s in document.sections if isinstance(s, Lines) for f in s.figures}
    assert shown["accounts_advance"] == Decimal("10200000.00")
    assert shown["deduction:letter_of_credit_usage"] == Decimal("300000.00")  # taken off
    assert shown["deduction:reserves"] == Decimal("200000.00")
    assert shown["deduction:other_obligations"] == Decimal("50000.00")
    assert shown["borrowing_base"] == Decimal("9650000.00")
    assert shown["line_cap"] == Decimal("7700000.00")
    # letters of credit and reserves are in the base: not listed again under availability
    assert "letters_of_credit" not in shown and "reserves" not in shown
    assert shown["revolver_outstanding"] == Decimal("5000000.00")
    assert shown["availability"] == Decimal("2700000.00")


def test_shorthand_accounts_only_needs_no_inventory_rate(tmp_path: Path) -> None:
    sheet = QUEST.replace(
        """      classes:
        - id: accounts
          title: Eligible Accounts
          item: receivables_eligible
          rate:""",
        "      receivables_rate:",
    )
    v = _run(tmp_path, sheet)
    assert v["receivables_advance"] == "10200000.00"
    assert "inventory_advance" not in v
    assert v["borrowing_base"] == "9650000.00"
    assert v["availability"] == "2700000.00"


def _run(folder: Path, sheet: str) -> dict[str, str | None]:
    quest(folder)
    (folder / "agreements" / "deal.yaml").write_text(
        (folder / "agreements" / "deal.yaml").read_text().replace(QUEST, sheet)
    )
    return values_of(evaluate(folder, date(2015, 3, 31)))


def matlack(folder: Path, sheet: str = MATLACK) -> Path:
    return portfolio(
        folder, sheet, MATLACK_TEXT, MATLACK_COLLATERAL, "1998-09-30,22000000,1000000,0\n"
    )


def test_matlack_three_classes_at_their_own_rates_less_unsecured_debt(tmp_path: Path) -> None:
    v = values_of(evaluate(matlack(tmp_path), date(1998, 9, 30)))
    assert v["revenue_equipment_advance"] == "18000000.05"
    assert v["receivables_advance"] == "8500000.04"
    assert v["leased_equipment_advance"] == "4500000.00"
    assert v["borrowing_base"] == v["line_cap"] == "30000000.09"
    assert v["availability"] == "7000000.09"


def test_matlack_certificate_lines_add_up(tmp_path: Path) -> None:
    certificate = from_portfolio(load_portfolio(matlack(tmp_path)), "deal", date(1998, 9, 30))
    lines = next(s for s in certificate.document().sections if s.title == "Collateral")
    assert isinstance(lines, Lines)
    shown = {f.key: f.value for f in lines.figures}
    assert shown["revenue_equipment_eligible"] == Decimal("20000000.05")
    assert shown["revenue_equipment_rate"] == Decimal("0.90")
    advances = [
        shown[f"{c}_advance"] for c in ("revenue_equipment", "receivables", "leased_equipment")
    ]
    assert isinstance(shown["deduction:unsecured_debt"], Decimal)
    # a deduction is shown as the positive amount taken off
    total = sum(a for a in advances if isinstance(a, Decimal)) - shown["deduction:unsecured_debt"]
    assert total == certificate.figure("borrowing_base").value == Decimal("30000000.09")


def test_a_class_sublimit_binds(tmp_path: Path) -> None:
    sheet = MATLACK.replace(
        'rate: {value: 0.90, cite: "90% of the depreciated book value of Eligible Equipment"}',
        'rate: {value: 0.90, cite: "90% of the depreciated book value of Eligible Equipment"}\n'
        "          cap: {value: 3000000, assumed: a sublimit for the test}",
    )
    v = values_of(evaluate(matlack(tmp_path, sheet), date(1998, 9, 30)))
    assert v["leased_equipment_advance"] == "3000000.00"
    assert v["borrowing_base"] == "28500000.09"


def test_a_sublimit_exactly_met_is_the_advance(tmp_path: Path) -> None:
    sheet = MATLACK.replace(
        'rate: {value: 0.90, cite: "90% of the depreciated book value of Eligible Equipment"}',
        'rate: {value: 0.90, cite: "90% of the depreciated book value of Eligible Equipment"}\n'
        "          cap: {value: 4500000, assumed: a sublimit for the test}",
    )
    v = values_of(evaluate(matlack(tmp_path, sheet), date(1998, 9, 30)))
    assert v["leased_equipment_advance"] == "4500000.00"
    assert v["borrowing_base"] == "30000000.09"


def rbl(folder: Path, loans: str) -> Path:
    return portfolio(folder, RBL, RBL_TEXT, "as_of,item,amount\n", loans, RBL_EVENTS)


RBL_LOANS = "2015-01-01,45000000,2000000,0\n2015-05-01,43833333.33,2000000,0\n"


def test_before_any_redetermination_the_initial_base(tmp_path: Path) -> None:
    v = values_of(evaluate(rbl(tmp_path, RBL_LOANS), date(2015, 4, 1)))
    assert v["borrowing_base"] == v["line_cap"] == "50000000.00"
    assert v["availability"] == "3000000.00"  # 50,000,000 - 45,000,000 - 2,000,000
    assert "borrowing_base_deficiency" not in v


def test_redetermination_below_outstanding_gives_a_deficiency_and_its_cure(
    tmp_path: Path,
) -> None:
    found = evaluate(rbl(tmp_path, RBL_LOANS), date(2015, 6, 15))
    v = values_of(found)
    assert v["borrowing_base"] == v["line_cap"] == "40000000.00"
    assert v["borrowing_base_deficiency"] == "7000000.00"
    # 40,000,000 - 43,833,333.33 - 2,000,000
    assert v["availability"] == "-5833333.33"
    cure = sorted((t for t in found.tests if t.id == "deficiency_cure"), key=lambda t: t.test_date)
    # 2015-05-02: 45,833,333.33 out, allowed 40,000,000 + 5,833,333.33 still to repay: exactly met
    assert cure[0].test_date == date(2015, 5, 2)
    assert (cure[0].required, cure[0].actual) == (Decimal("45833333.33"), Decimal("45833333.33"))
    assert cure[0].passed is True and cure[0].headroom == 0
    # 2015-06-02: allowed 40,000,000 + 4,666,666.66; nothing repaid since: short 1,166,666.67
    assert cure[1].test_date == date(2015, 6, 2)
    assert cure[1].required == Decimal("44666666.66")
    assert cure[1].passed is False and cure[1].headroom == Decimal("-1166666.67")
    due = [(o.due, o.amount) for o in found.obligations if o.id.startswith("deficiency-")]
    assert due == [
        (date(2015, 7, 2), Decimal("1166666.67")),
        (date(2015, 8, 2), Decimal("1166666.67")),  # a Sunday, not rolled
        (date(2015, 9, 2), Decimal("1166666.67")),
        (date(2015, 10, 2), Decimal("1166666.65")),  # the remainder: six add up to 7,000,000
    ]
    assert any("deficiency of $7,000,000.00" in a.message for a in found.alerts)


def test_redetermination_at_or_above_outstanding_gives_no_deficiency(tmp_path: Path) -> None:
    # 45,000,000 + 2,000,000 = 47,000,000 out; a base of exactly 47,000,000 leaves none
    folder = rbl(tmp_path, RBL_LOANS)
    (folder / "facts" / "events.yaml").write_text(RBL_EVENTS.replace("40000000", "47000000"))
    v = values_of(evaluate(folder, date(2015, 4, 30)))
    assert v["borrowing_base"] == "47000000.00"
    assert "borrowing_base_deficiency" not in v


def test_class_rate_above_100_percent_without_allowance(tmp_path: Path) -> None:
    matlack(tmp_path, MATLACK.replace("value: 0.85,", "value: 1.05,"))
    assert_sheet_error(
        tmp_path,
        "value: 1.05",
        "facility.borrowing_base.classes.1.rate",
        "1.05",
        ("allow_rate_above_100_percent",),
    )


def test_deduction_naming_an_unknown_fact_item(tmp_path: Path) -> None:
    quest(tmp_path)
    sheet = tmp_path / "agreements" / "deal.yaml"
    sheet.write_text(sheet.read_text().replace("item: letters_of_credit", "item: letter_of_credit"))
    assert_sheet_error(
        tmp_path,
        "item: letter_of_credit",
        "facility.borrowing_base.deductions.0.item",
        "letter_of_credit",
        ("letters_of_credit", "collateral_items"),
    )
