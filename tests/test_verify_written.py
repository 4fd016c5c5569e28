"""`verify` reads citations the way contracts are written: ordinal days, counts in the unit the
sheet's key declares, keywords in the words their clause type declares, booleans named by
their quote, and the numbers written inside formulas."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from bad_input_support import one_error, parsed, run
from pactum.portfolio import load_portfolio
from pactum.terms.formulas import Formula
from pactum.verify import Finding, Report, verify_portfolio

LETTER = """\
Dear Borrower:

We would provide a $60,000,000 credit facility. The monitoring fee of $1,555 is
payable on the first day of each calendar month. Receivables from foreign debtors
are ineligible, as are disputed or consignment accounts and invoices more than
sixty (60) days past due or ninety (90) business days from invoice. Tangible net
worth is equity less 50% of goodwill, and the fixed charge cash flow is EBITDA
less 75% of capex.

Notices shall be deemed given at the time of delivery, if personally delivered;
seven (7) days after having been deposited in the mail, if mailed; five (5)
business days after sending, if by courier; and when receipt is acknowledged,
if by facsimile.
"""

# Every term a revolver needs: the commitment cited, the 11 others assumed; each test adds the
# terms it is about.
SHEET = """\
id: small
title: A small revolver
document: letter.txt
clauses:
  - id: facility
    type: revolver
    commitment: {{value: 60000000, cite: "a $60,000,000 credit facility"}}
    borrowing_base:
      receivables_rate: {{value: 0.85, assumed: for the test}}
      inventory_rate: {{value: 0.50, assumed: for the test}}
      inventory_cap: {{value: 20000000, assumed: for the test}}
    reporting:
      excess_availability_threshold: {{value: 0.15, assumed: for the test}}
      measured_against: {{value: line_cap, assumed: for the test}}
      at_threshold: {{value: weekly, assumed: for the test}}
      monthly_due_days_after_month_end: {{value: 15, assumed: for the test}}
      weekly_due_weekday: {{value: wednesday, assumed: for the test}}
    financial_items:
      balance: [total_equity, goodwill]
      flow: [ebitda, capex]
    covenant_tests: {{value: fiscal_quarter_end, assumed: for the test}}
    financial_statements_due_days: {{value: 30, assumed: for the test}}
    maturity: {{value: 2005-06-30, assumed: for the test}}
{revolver}
{notices}
"""

NOTICES = """\
  - id: notices
    type: notices
    methods:
{methods}
"""


def write(root: Path, revolver: str = "", methods: str = "", extra: str = "") -> Path:
    notices = NOTICES.format(methods=methods) if methods else ""
    sheet = SHEET.format(revolver=revolver, notices=notices) + extra
    (root / "agreements").mkdir(parents=True)
    (root / "portfolio.yaml").write_text(
        "company: Small Co\nagreements: [agreements/small.yaml]\n", encoding="utf-8"
    )
    (root / "agreements" / "small.yaml").write_text(sheet, encoding="utf-8")
    (root / "letter.txt").write_text(LETTER, encoding="utf-8")
    return root


def verify(root: Path) -> Report:
    return verify_portfolio(load_portfolio(root))


def failures(report: Report) -> list[Finding]:
    return report.citation_failures


MONITORING_FEE = """\
  - id: fees
    type: fees
    fees:
      - id: monitoring
        title: Monthly monitoring fee
        amount: {{value: 1555, cite: "The monitoring fee of $1,555"}}
        every: month
        day_of_month: {{value: {day}, cite: "{quote}"}}
"""


# ---- the day of a month, in words ----


def test_first_day_of_each_calendar_month_cites_a_due_day_of_1(tmp_path: Path) -> None:
    fee = MONITORING_FEE.format(day=1, quote="on the first day of each calendar month")
    root = write(tmp_path, fee)
    result = run("verify", str(root))
    assert result.exit_code == 0, result.output
    assert "small: 3 cited" in result.stdout  # commitment, fee amount, due day


def test_first_day_does_not_cite_a_due_day_of_2(tmp_path: Path) -> None:
    fee = MONITORING_FEE.format(day=2, quote="on the first day of each calendar month")
    [failure] = failures(verify(write(tmp_path, fee)))
    assert failure.field == "fees.fees.0.day_of_month"
    assert failure.found == "value 2 not written in its quote"


# ---- counts in the unit the key declares ----


def test_seven_days_does_not_cite_seven_business_days(tmp_path: Path) -> None:
    methods = """\
      mail:
        title: registered mail
        deemed_given: {value: business_days, assumed: for the test}
        business_days: {value: 7, cite: "seven (7) days after having been deposited in the mail"}
"""
    root = write(tmp_path, methods=methods)
    result = run("verify", str(root))
    error = parsed(one_error(result))
    assert error.file.endswith("agreements/small.yaml")
    text = (root / "agreements" / "small.yaml").read_text(encoding="utf-8")
    assert (
        error.number
        == text.splitlines().index(
            "        business_days: {value: 7, cite:"
            ' "seven (7) days after having been deposited in the mail"}'
        )
        + 1
    )
    assert error.field == "notices.methods.mail.business_days"
    assert error.found == (
        "value 7 counted in days in its quote 'seven (7) days after having been deposited in the "
        "mail'"
    )
    assert error.expected == "a count of business days, as the key 'business_days' says"


def test_business_days_cite_business_days(tmp_path: Path) -> None:
    methods = """\
      courier:
        title: courier
        deemed_given: {value: business_days, cite: "five (5) business days after sending"}
        business_days: {value: 5, cite: "five (5) business days after sending"}
"""
    report = verify(write(tmp_path, methods=methods))
    assert failures(report) == []
    assert report.cited == 3


def test_business_days_do_not_cite_calendar_days(tmp_path: Path) -> None:
    # max_days_past_due counts calendar days: "ninety (90) business days" is another count
    rules = """\
    eligibility:
      receivables:
        max_days_past_due: {value: 90, cite: "ninety (90) business days from invoice"}
"""
    [failure] = failures(verify(write(tmp_path, rules)))
    assert failure.field == "facility.eligibility.receivables.max_days_past_due"
    assert failure.found.startswith("value 90 counted in business days in its quote")
    assert failure.expected == "a count of days, as the key 'max_days_past_due' says"


def test_calendar_days_cite_calendar_days(tmp_path: Path) -> None:
    rules = """\
    eligibility:
      receivables:
        max_days_past_due: {value: 60, cite: "sixty (60) days past due"}
"""
    assert failures(verify(write(tmp_path, rules))) == []


def test_a_count_with_no_unit_key_is_not_checked_for_one(tmp_path: Path) -> None:
    # max_per_year names no count: "seven (7) days" carries its 7 all the same
    fee = """\
  - id: fees
    type: fees
    fees:
      - id: audit
        title: Audit fee
        amount: {value: 1555, cite: "The monitoring fee of $1,555"}
        every: event
        event: audit
        max_per_year: {value: 7, cite: "seven (7) days after"}
"""
    assert failures(verify(write(tmp_path, fee))) == []


# ---- keywords in the words their clause type declares ----


def test_delivered_cites_the_delivery_rule(tmp_path: Path) -> None:
    # the notices clause type declares "delivered" (and "by hand", ...) for `delivery`
    methods = """\
      hand:
        title: hand delivery
        deemed_given: {value: delivery, cite: "if personally delivered"}
"""
    assert failures(verify(write(tmp_path, methods=methods))) == []


def test_declared_words_belong_to_their_keyword(tmp_path: Path) -> None:
    # "delivered" is a word for `delivery`, not for `acknowledged`
    methods = """\
      hand:
        title: hand delivery
        deemed_given: {value: acknowledged, cite: "if personally delivered"}
"""
    [failure] = failures(verify(write(tmp_path, methods=methods)))
    assert failure.field == "notices.methods.hand.deemed_given"
    assert failure.found == "value acknowledged not written in its quote"
    assert "'acknowledgment'" in failure.expected  # the words that would have done


def test_declared_phrase_for_the_acknowledged_rule(tmp_path: Path) -> None:
    methods = """\
      fax:
        title: facsimile
        deemed_given: {value: acknowledged, cite: "when receipt is acknowledged"}
"""
    assert failures(verify(write(tmp_path, methods=methods))) == []


# ---- booleans and lists ----


def test_a_boolean_cited_by_a_quote_naming_its_term(tmp_path: Path) -> None:
    rules = """\
    eligibility:
      receivables:
        foreign: {value: true, cite: "Receivables from foreign debtors are ineligible"}
"""
    report = verify(write(tmp_path, rules))
    assert failures(report) == []
    assert report.cited == 2


def test_a_boolean_whose_quote_names_another_term(tmp_path: Path) -> None:
    rules = """\
    eligibility:
      receivables:
        affiliate: {value: true, cite: "Receivables from foreign debtors are ineligible"}
"""
    [failure] = failures(verify(write(tmp_path, rules)))
    assert failure.field == "facility.eligibility.receivables.affiliate"
    assert failure.found == "value true: its quote does not name the term"
    assert failure.expected.endswith("to name it: 'affiliate'")


def test_a_list_cited_item_by_item(tmp_path: Path) -> None:
    rules = """\
    eligibility:
      receivables:
        flags: {{value: [{flags}], cite: "disputed or consignment accounts"}}
"""
    assert failures(verify(write(tmp_path, rules.format(flags="disputed, consignment")))) == []
    wrong = rules.format(flags="disputed, progress_billing")
    [failure] = failures(verify(write(tmp_path / "b", wrong)))
    assert failure.field == "facility.eligibility.receivables.flags"
    assert failure.found == "value progress_billing not written in its quote"


# ---- numbers written in formulas ----


def definition(term: str) -> str:
    return f"    definitions:\n      tangible_net_worth: {term}\n"


def test_formula_numbers_cited(tmp_path: Path) -> None:
    # 0.5 is written "50%" in the quote
    term = '{value: total_equity - goodwill * 0.5, cite: "equity less 50% of goodwill"}'
    report = verify(write(tmp_path, definition(term)))
    assert failures(report) == []
    assert (report.cited, report.unsourced) == (2, 0)


def test_formula_number_not_in_its_quote(tmp_path: Path) -> None:
    term = '{value: total_equity - goodwill * 0.6, cite: "equity less 50% of goodwill"}'
    [failure] = failures(verify(write(tmp_path, definition(term))))
    assert failure.field == "facility.definitions.tangible_net_worth"
    assert failure.found == "number 0.6 of the formula not written in its quote"


def test_formula_numbers_assumed(tmp_path: Path) -> None:
    term = "{value: total_equity - goodwill * 0.6, assumed: the bank's usual haircut}"
    report = verify(write(tmp_path, definition(term)))
    assert failures(report) == []
    assert (report.cited, report.assumed, report.unsourced) == (1, 12, 0)


def test_formula_numbers_plain_are_unsourced(tmp_path: Path) -> None:
    # 0.5 and 2 are terms; 0 and 1 are the arithmetic's own; the second 0.5 is the same term
    term = "max(0, total_equity - goodwill * 0.5 * 1) + goodwill * 0.5 * 2"
    report = verify(write(tmp_path, definition(term)))
    assert report.unsourced == 2
    notes = [f for f in report.findings if f.check == "sourcing"]
    assert [f.found for f in notes] == [
        "unsourced number 0.5 in the formula",
        "unsourced number 2 in the formula",
    ]
    assert {f.field for f in notes} == {"facility.definitions.tangible_net_worth"}


def test_formula_without_numbers_needs_no_source(tmp_path: Path) -> None:
    report = verify(write(tmp_path, definition("total_equity - goodwill")))
    assert (report.cited, report.assumed, report.unsourced) == (1, 11, 0)


def test_stated_formula_numbers(tmp_path: Path) -> None:
    # 60,000,000 x 0.75 / 0.75 = 60,000,000: the formula's 0.75 is cited by "75% of capex"
    stated = """\
stated:
  - id: commitment_again
    value: {{value: 60000000, cite: "a $60,000,000 credit facility"}}
    formula: {formula}
    places: 0
"""
    cited = '{value: facility.commitment * 0.75 / 0.75, cite: "less 75% of capex"}'
    report = verify(write(tmp_path, extra=stated.format(formula=cited)))
    assert report.failures == []
    assert (report.cited, report.unsourced) == (3, 0)
    plain = "facility.commitment * 0.75 / 0.75"
    report = verify(write(tmp_path / "b", extra=stated.format(formula=plain)))
    assert report.unsourced == 1
    wrong = '{value: facility.commitment * 0.7 / 0.7, cite: "less 75% of capex"}'
    [failure] = verify(write(tmp_path / "c", extra=stated.format(formula=wrong))).failures
    assert failure.field == "stated.0.formula"
    assert failure.found == "number 0.7 of the formula not written in its quote"


def test_formula_type_gives_its_numbers() -> None:
    # 12 and 12.0 are one number; 0 and 1 are left out; not a formula: no numbers
    assert Formula("a / 12 + b / 12.0 - max(0, c) * 1 + d * 2").numbers() == (
        Decimal(12),
        Decimal(2),
    )
    assert Formula("3.02(a)").numbers() == ()


NAMED_DATE = """\
dates:
  signing: {{value: 2003-02-18, assumed: for the test}}
  mail_given: {{after: signing, {unit}: {{value: 7, cite: "seven (7) days after having been"}}}}
"""


def test_a_named_date_offset_is_read_in_its_key_unit(tmp_path: Path) -> None:
    # an offset's key is its unit (pactum.terms.named_dates): 7 calendar days is cited by
    # "seven (7) days", 7 business days is not
    def sheet(unit: str) -> str:
        return SHEET.format(revolver="", notices="").replace(
            "clauses:\n", NAMED_DATE.format(unit=unit) + "clauses:\n"
        )

    root = tmp_path / "days"
    write(root)
    (root / "agreements" / "small.yaml").write_text(sheet("days"), encoding="utf-8")
    assert failures(verify(root)) == []
    root = tmp_path / "business_days"
    write(root)
    (root / "agreements" / "small.yaml").write_text(sheet("business_days"), encoding="utf-8")
    [failure] = failures(verify(root))
    assert failure.field == "dates.mail_given.business_days"
    assert failure.expected == "a count of business days, as the key 'business_days' says"
