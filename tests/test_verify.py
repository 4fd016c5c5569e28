"""`verify`: citations in their documents, sourcing counts, and stated figures recomputed."""

from __future__ import annotations

import shutil
from pathlib import Path

from pactum.portfolio import load_portfolio
from pactum.verify import Finding, Report, verify_portfolio

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "innotrac"

DOCUMENT = """\
Dear Borrower:

We would provide a $60,000,000 credit facility. Advance rates would be limited
to 85% of eligible accounts receivable and 50% of eligible inventory. There would
be a maximum advance of $20,000,000 against inventory (33.3% of the commitment).
Advances against receivables would be limited to $51,000,000. The monthly
monitoring fee of $1,555 comes to $18,660 a year.

Borrowing base reports are due monthly while excess availability is greater
than 15%. Financial statements are due within 30 days. The facility matures
on June 30, 2005.
"""

# Every number cited except `financial_statements_due_days` (plain) and the `stated` block,
# which the tests append.
SHEET = """\
id: small
title: A small revolver
document: letter.txt
clauses:
  - id: fees
    type: fees
    fees:
      - id: monitoring
        title: Monthly monitoring fee
        amount: {value: 1555, cite: "monitoring fee of $1,555"}
        every: month
        day_of_month: {value: 1, assumed: the letter sets no day}
  - id: facility
    type: revolver
    commitment: {value: 60000000, cite: "a $60,000,000 credit facility"}
    borrowing_base:
      receivables_rate: {value: 0.85, cite: "limited to 85% of eligible accounts receivable"}
      inventory_rate: {value: 0.50, cite: "50% of eligible inventory"}
      inventory_cap: {value: 20000000, cite: "a maximum advance of $20,000,000 against inventory"}
    reporting:
      excess_availability_threshold:
        value: 0.15
        cite: "excess availability is greater than 15%"
      measured_against: {value: line_cap, assumed: the letter does not say}
      at_threshold: {value: weekly, assumed: exactly 15% is not greater than 15%}
      monthly_due_days_after_month_end: {value: 15, assumed: the letter sets no day}
      weekly_due_weekday: {value: wednesday, assumed: the letter sets no day}
    financial_items:
      balance: [total_equity]
      flow: [ebitda]
    covenant_tests: fiscal_quarter_end
    financial_statements_due_days: 30
    maturity: {value: 2005-06-30, cite: "matures on June 30, 2005"}
"""


def write_portfolio(root: Path, sheet: str = SHEET, document: str = DOCUMENT) -> Path:
    (root / "agreements").mkdir(parents=True)
    (root / "portfolio.yaml").write_text(
        "company: Small Co\nagreements: [agreements/small.yaml]\n", encoding="utf-8"
    )
    (root / "agreements" / "small.yaml").write_text(sheet, encoding="utf-8")
    (root / "letter.txt").write_text(document, encoding="utf-8")
    return root


def verify(root: Path) -> Report:
    return verify_portfolio(load_portfolio(root))


def stated_findings(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.check == "stated"]


# ---- the Innotrac example ----


def test_example_counts() -> None:
    # Counted by hand in agreements/southtrust-abl.yaml.
    # cited (29): dated, commitment, receivables_rate, inventory_rate, bellsouth rate,
    #   bellsouth condition, inventory_cap, excess_availability_threshold (8);
    #   TNW schedule x4, then.add, then.every (6 -> 14); FCC schedule x4 (18);
    #   debt/TNW level (19); capex general_limit 2003, new_business_basket,
    #   approval_needed_beyond (reference) (22); the fees clause: fee amounts x3, audit
    #   max_per_year (26);
    #   financial_statements_due_days, maturity (28); pricing_grid (reference) (29).
    # assumed (29): rate_before_condition, inventory_cap_scope, line_cap (3); reporting
    #   measured_against, at_threshold, monthly_due_days, weekly_due_weekday (7);
    #   four definitions (11); covenant_tests, trailing_quarters (13); carry_forward,
    #   basket_excess_counts_against_general (15); the fees clause: day_of_month, due (17);
    #   maturity_warning_days (18); eligibility: max_days_from_invoice, max_days_past_due,
    #   cross_age_percent, foreign, home_countries, affiliate, government, flags, contra,
    #   concentration_percent, inventory ineligible_statuses (29).
    # Counted by hand in agreements/ipof-standstill.yaml.
    # cited (32): dated, signing.group_shares, term.ends_below, voting.free_up_to,
    #   standstill.through, acquisition_cap.level (6); conduct 3.02(b)-(h) x7 (13);
    #   rights_plan threshold, group_threshold (15); sell_down trigger, below, within_years
    #   (18); rule_144.applies (reference), distribution_aggregation_years (20); notices
    #   clause (reference), hand, mail rule, mail days, telex, fax, courier (27); four
    #   address blocks (31); the stated 20.57% (32).
    # assumed (13): signing.shares_outstanding, rights_within_days (2); voting rounding,
    #   measured_against, votes_cast, apportionment (6); standstill ends, roll (8);
    #   acquisition_cap.excused (9); rule_144 outstanding_fraction, volume_weeks,
    #   period_months (12); the stated figure's formula, which writes `* 100` (13).
    # unsourced: none -- every number and date is a cited or assumed term, and so is every
    #   formula that writes a number.
    report = verify_portfolio(load_portfolio(EXAMPLE))
    tally = report.by_agreement["southtrust-abl"]
    assert (tally.cited, tally.assumed, tally.unsourced) == (29, 30, 0)
    assert tally.stated_checked == 0
    assert [f for f in report.findings if f.agreement == "southtrust-abl"] == []
    tally = report.by_agreement["ipof-standstill"]
    assert (tally.cited, tally.assumed, tally.unsourced) == (32, 13, 0)
    # 2,362,788 / 11,486,573 = 20.5699994...%: the document's 20.57% to two places
    assert tally.stated_checked == 1
    [note] = [f for f in report.findings if f.agreement == "ipof-standstill"]
    assert (note.status, note.check) == ("note", "stated")
    assert "20.5699994" in note.expected


def test_example_copy_with_a_misquoted_value(tmp_path: Path) -> None:
    # the copy says 80% where the letter says 85%: the quote is found, its value is not in it
    root = tmp_path / "innotrac"
    shutil.copytree(EXAMPLE, root)
    sheet = root / "agreements" / "southtrust-abl.yaml"
    text = sheet.read_text(encoding="utf-8")
    sheet.write_text(text.replace("value: 0.85", "value: 0.80"), encoding="utf-8")
    report = verify(root)
    [failure] = report.citation_failures
    assert failure.check == "citation"
    assert failure.field == "facility.borrowing_base.receivables_rate"
    # a term's line is where its mapping begins: `value: 0.85` on line 20, under the key
    assert failure.line == 20
    assert "0.80" in failure.found
    assert report.citation_failures == [failure]
    tally = report.by_agreement["southtrust-abl"]
    assert (tally.cited, tally.assumed, tally.unsourced) == (29, 30, 0)


def test_example_copy_with_a_quote_not_in_the_document(tmp_path: Path) -> None:
    root = tmp_path / "innotrac"
    shutil.copytree(EXAMPLE, root)
    letter = root / "documents" / "southtrust-letter-2003-02-18.txt"
    text = letter.read_text(encoding="utf-8")
    letter.write_text(text.replace("Monthly monitoring fee", "Monthly review fee"), "utf-8")
    [failure] = verify(root).citation_failures
    assert failure.check == "citation"
    assert failure.field == "fees.fees.0.amount"
    assert "Monthly monitoring fee of $1,555." in failure.found


# ---- a small portfolio ----


def test_small_portfolio_counts_and_unsourced_number(tmp_path: Path) -> None:
    report = verify(write_portfolio(tmp_path))
    # cited: commitment, receivables_rate, inventory_rate, inventory_cap, threshold,
    #   fee amount, maturity = 7; assumed: the four reporting terms, the fee's day = 5;
    # unsourced: financial_statements_due_days: 30 = 1
    assert (report.cited, report.assumed, report.unsourced) == (7, 5, 1)
    assert report.failures == []
    [finding] = report.findings
    assert finding.status == "note"
    assert finding.check == "sourcing"
    assert finding.field == "facility.financial_statements_due_days"
    assert finding.line == 32
    assert finding.found == "unsourced value 30"


def test_unsourced_date_listed(tmp_path: Path) -> None:
    sheet = SHEET.replace(
        'maturity: {value: 2005-06-30, cite: "matures on June 30, 2005"}', "maturity: 2005-06-30"
    )
    report = verify(write_portfolio(tmp_path, sheet))
    # 7 - 1 cited; unsourced: 30 and 2005-06-30
    assert (report.cited, report.unsourced) == (6, 2)
    assert sorted(f.found for f in report.findings) == [
        "unsourced value 2005-06-30",
        "unsourced value 30",
    ]


def test_misdated_schedule_entry(tmp_path: Path) -> None:
    # a schedule entry's date is cited with its value: 2003-06-30 is not in "at 3/31/03"
    sheet = SHEET + (
        "    covenants:\n"
        "      - id: min_equity\n"
        "        title: Minimum equity\n"
        "        bound: minimum\n"
        "        metric: total_equity\n"
        "        schedule:\n"
        '          2003-06-30: {value: 60000000, cite: "a $60,000,000 credit facility"}\n'
    )
    report = verify(write_portfolio(tmp_path, sheet))
    [failure] = report.failures
    assert failure.field == "facility.covenants.0.schedule.2003-06-30"
    assert failure.found == "value 2003-06-30 not written in its quote"


STATED_AGREES = """\
stated:
  - id: receivables_limit
    value: {value: 51000000, cite: "limited to $51,000,000"}
    formula: facility.commitment * facility.borrowing_base.receivables_rate
"""


def test_stated_figure_that_agrees(tmp_path: Path) -> None:
    # 60,000,000 x 0.85 = 51,000,000, as the letter states
    report = verify(write_portfolio(tmp_path, SHEET + STATED_AGREES))
    assert report.stated_checked == 1
    # the stated figure's own citation counts: 7 + 1 = 8
    assert report.cited == 8
    assert report.failures == []
    [finding] = stated_findings(report)
    assert finding.status == "ok"
    assert finding.field == "stated.0"
    assert "51000000" in finding.found
    assert "agrees" in finding.expected


def test_stated_figure_that_differs(tmp_path: Path) -> None:
    # the sheet's rate is 0.80 (assumed, not from this letter): 60,000,000 x 0.80 = 48,000,000;
    # the letter states 51,000,000, so the difference is 51,000,000 - 48,000,000 = 3,000,000
    sheet = SHEET.replace(
        'receivables_rate: {value: 0.85, cite: "limited to 85% of eligible accounts receivable"}',
        "receivables_rate: {value: 0.80, assumed: a later amendment}",
    )
    report = verify(write_portfolio(tmp_path, sheet + STATED_AGREES))
    [failure] = report.failures
    assert failure.check == "stated"
    assert failure.field == "stated.0"
    assert failure.line == 35  # the `- id: receivables_limit` line
    assert "51000000" in failure.found  # the document's number
    assert "48000000.00" in failure.expected  # the terms' number, at 2 places
    assert "difference 3000000.00" in failure.expected
    assert report.citation_failures == []


def test_stated_sum_that_differs(tmp_path: Path) -> None:
    # $1,555 a month x 12 = $18,660 a year; a document that says $18,600 is off by -60
    document = DOCUMENT.replace("$18,660", "$18,600")
    sheet = SHEET + (
        "stated:\n"
        "  - id: yearly_monitoring\n"
        '    value: {value: 18600, cite: "comes to $18,600 a year"}\n'
        "    formula: fees.fees.monitoring.amount * 12\n"
        "    places: 0\n"
    )
    report = verify(write_portfolio(tmp_path, sheet, document))
    [failure] = report.failures
    assert "18600" in failure.found
    assert "18660 from the terms" in failure.expected
    assert "difference -60" in failure.expected
    # `places: 0` is structure, not an unsourced term; the 12 written in the plain formula is
    # one: the plain 30 and the formula's 12
    assert report.unsourced == 2


STATED_SHARE = """\
stated:
  - id: inventory_share
    value: {{value: 33.3, cite: "(33.3% of the commitment)"}}
    formula: facility.borrowing_base.inventory_cap / facility.commitment * 100
    places: 1
    rounds: {rounds}
"""


def test_stated_figure_rounded_for_display_is_a_note(tmp_path: Path) -> None:
    # 20,000,000 / 60,000,000 x 100 = 33.333...; shown to 1 place that is 33.3: the gap of
    # 0.0333... is display rounding only
    report = verify(write_portfolio(tmp_path, SHEET + STATED_SHARE.format(rounds="display")))
    assert report.failures == []
    [finding] = stated_findings(report)
    assert finding.status == "note"
    assert "33.3" in finding.found
    assert "33.333" in finding.expected
    assert "display rounding" in finding.expected


def test_stated_figure_rounded_by_contract_is_ok(tmp_path: Path) -> None:
    # the contract rounds to 1 place: round(33.333..., 1) = 33.3 is the figure itself
    report = verify(write_portfolio(tmp_path, SHEET + STATED_SHARE.format(rounds="contract")))
    assert report.failures == []
    [finding] = stated_findings(report)
    assert finding.status == "ok"


def test_stated_display_rounding_beyond_its_places_fails(tmp_path: Path) -> None:
    # shown as 33 with places: 1 -- 33.3 from the terms; off by 33 - 33.3 = -0.3
    document = DOCUMENT.replace("(33.3% of", "(33% of")
    sheet = SHEET + STATED_SHARE.format(rounds="display").replace("33.3", "33")
    report = verify(write_portfolio(tmp_path, sheet, document))
    [failure] = report.failures
    assert failure.check == "stated"
    assert "difference -0.3" in failure.expected


def test_stated_formula_with_unknown_name(tmp_path: Path) -> None:
    sheet = SHEET + STATED_AGREES.replace("borrowing_base.receivables_rate", "receivables_rate")
    report = verify(write_portfolio(tmp_path, sheet))
    [failure] = report.failures
    assert failure.field == "stated.0"
    assert "receivables_rate" in failure.found


def test_stated_formula_dividing_by_zero_is_a_failure(tmp_path: Path) -> None:
    # inventory_rate - 0.50 = 0.50 - 0.50 = 0
    sheet = SHEET + (
        "stated:\n"
        "  - id: zero_division\n"
        '    value: {value: 51000000, cite: "limited to $51,000,000"}\n'
        "    formula: facility.commitment / (facility.borrowing_base.inventory_rate - 0.50)\n"
    )
    report = verify(write_portfolio(tmp_path, sheet))
    assert [f.field for f in report.failures] == ["stated.0"]
