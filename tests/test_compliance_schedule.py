"""The Compliance Certificate's calculation schedule: each covenant built from the statements on
the certificate itself, worked out by hand from examples/innotrac/facts/financials.csv."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from pactum.document import Document, Grid, Lines, Role
from pactum.evaluate import check
from pactum.financial_tests.calculation_schedule import calculation_schedule, formula_words
from pactum.financial_tests.compliance_certificate import compliance_certificate
from pactum.findings import Basis, Comparator, TestResult, Trace, Unit
from pactum.kinds.revolver.schema import RevolverTerms
from pactum.portfolio import load_portfolio
from pactum.reports.html import render_html
from report_support import EXAMPLE

YEAR_END = date(2003, 12, 31)


def year_end_certificate() -> Document:
    portfolio = load_portfolio(EXAMPLE)
    agreement = portfolio.agreements["southtrust-abl"]
    sheet = agreement.clauses_of("revolver")[0].terms_as(RevolverTerms)
    findings = check(portfolio, YEAR_END).agreement("southtrust-abl")
    order = [c.id for c in sheet.covenants]
    company = portfolio.config.company
    return compliance_certificate(company, order, sheet.definitions, findings, YEAR_END).document()


def schedule(document: Document, covenant: str) -> list[tuple[str, Role, object]]:
    section = next(
        s for s in document.sections if isinstance(s, Lines) and s.title.startswith(covenant)
    )
    return [(f.label, f.role, f.amount) for f in section.figures]


def test_fixed_charge_coverage_is_built_from_the_four_quarters() -> None:
    # financials.csv, the four quarters of 2003: EBITDA 1,900,000 + 2,100,000 + 2,700,000 +
    # 3,000,000 = 9,700,000; unfinanced capex 300,000 + 350,000 + 400,000 + 450,000 =
    # 1,500,000; cash taxes 40,000 + 50,000 + 60,000 + 70,000 = 220,000; distributions 0:
    # 7,980,000. Interest 130,000 + 130,000 + 135,000 + 140,000 = 535,000; principal 4 x
    # 1,000,000: fixed charges 4,535,000. 7,980,000 / 4,535,000 = 1.75964... against 1.75.
    lines = schedule(
        year_end_certificate(), "Calculation: Minimum fixed charge coverage, 4 quarters to 2003"
    )
    assert lines == [
        ("EBITDA", Role.line, Decimal("9700000.00")),
        ("Unfinanced capital expenditures", Role.less, Decimal("1500000.00")),
        ("Cash taxes", Role.less, Decimal("220000.00")),
        ("Distributions", Role.less, Decimal("0.00")),
        ("Fixed charge cash flow", Role.subtotal, Decimal("7980000.00")),
        ("Interest expense", Role.line, Decimal("535000.00")),
        ("Scheduled principal", Role.line, Decimal("4000000.00")),
        ("Fixed charges", Role.subtotal, Decimal("4535000.00")),
        (
            "Fixed charge cash flow / fixed charges",
            Role.total,
            Decimal(7980000) / Decimal(4535000),
        ),
        ("Required: at least", Role.line, Decimal("1.75")),
        ("Headroom", Role.line, Decimal(7980000) / Decimal(4535000) - Decimal("1.75")),
    ]


def test_net_worth_and_leverage_are_built_from_the_balance_sheet() -> None:
    # 12/31/03: equity 60,100,000 less goodwill 25,200,000 and other intangibles 340,000 =
    # 34,560,000 against 34,000,000 (headroom 560,000); debt = total liabilities 38,000,000;
    # 38,000,000 / 34,560,000 = 1.0995... against at most 1.50
    document = year_end_certificate()
    tnw = schedule(document, "Calculation: Minimum tangible net worth, at 2003-12-31")
    assert tnw == [
        ("Total equity", Role.line, Decimal("60100000.00")),
        ("Goodwill", Role.less, Decimal("25200000.00")),
        ("Other intangibles", Role.less, Decimal("340000.00")),
        ("Tangible net worth", Role.subtotal, Decimal("34560000.00")),
        ("Required: at least", Role.line, Decimal("34000000.00")),
        ("Headroom", Role.line, Decimal("560000.00")),
    ]
    leverage = schedule(document, "Calculation: Maximum debt to tangible net worth")
    assert leverage[:2] == [
        ("Total liabilities", Role.line, Decimal("38000000.00")),
        ("Debt", Role.subtotal, Decimal("38000000.00")),
    ]
    assert leverage[-3:] == [
        ("Debt / tangible net worth", Role.total, Decimal(38000000) / Decimal(34560000)),
        ("Required: at most", Role.line, Decimal("1.5")),
        ("Headroom", Role.line, Decimal("1.5") - Decimal(38000000) / Decimal(34560000)),
    ]


def test_capex_and_the_printed_certificate() -> None:
    # 2003: capex 3,400,000 of which 1,250,000 new business, 250,000 beyond the 1,000,000
    # basket: 2,150,000 + 250,000 = 2,400,000 against 3,000,000
    document = year_end_certificate()
    capex = schedule(document, "Calculation: Maximum capital expenditures")
    assert ("Maximum capital expenditures: tested", Role.line, Decimal("2400000.00")) in capex
    html = render_html(document)
    # on the certificate's own pages, in words, not item ids
    for printed in ("Fixed charge cash flow", "$7,980,000.00", "$4,535,000.00", "1.7596"):
        assert printed in html
    assert "Driving item" in html and ">EBITDA<" in html
    assert "fixed_charge_cash_flow</td>" not in html


def _definitions(document: Document) -> dict[str, tuple[str, str]]:
    grid = next(s for s in document.sections if s.title == "Definitions and citations")
    assert isinstance(grid, Grid)
    return {str(row[0].value): (str(row[1].value), str(row[2].value)) for row in grid.rows}


def test_definitions_are_printed_in_words_not_ids() -> None:
    """The sheet defines tangible_net_worth = total_equity - goodwill - other_intangibles,
    debt = total_liabilities, fixed_charge_cash_flow = ebitda - unfinanced_capex - cash_taxes
    - distributions and fixed_charges = interest_expense + scheduled_principal: the signed
    certificate prints them as a lender writes them."""
    found = _definitions(year_end_certificate())
    definition, cited = found["Minimum tangible net worth"]
    assert definition == (
        "Tangible net worth; tangible net worth = total equity - goodwill - other intangibles"
    )
    assert "Tangible net worth: assumed: Tangible net worth is equity less intangibles" in cited
    definition, cited = found["Minimum fixed charge coverage"]
    # one row a covenant: the latest test's formula, here the 2004-03-31 forecast's
    assert definition == (
        "Fixed charge cash flow / fixed charges over 4 quarters to 2004-03-31; fixed charge "
        "cash flow = EBITDA - unfinanced capital expenditures - cash taxes - distributions; "
        "fixed charges = "
        "interest expense + scheduled principal"
    )
    assert "Fixed charges: assumed:" in cited
    definition, _ = found["Maximum debt to tangible net worth"]
    assert definition == (
        "Debt / tangible net worth; debt = total liabilities; tangible net worth = total "
        "equity - goodwill - other intangibles"
    )
    page = render_html(year_end_certificate()).split("How each figure was obtained")[0]
    words = re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", "", page, flags=re.S))
    assert not re.findall(r"\b[a-z]+_[a-z0-9_]+\b", words)


@pytest.mark.parametrize(
    ("formula", "words"),
    [
        (
            "senior_funded_debt / ebitda over 4 quarters to 2012-12-31",
            "Senior funded debt / EBITDA over 4 quarters to 2012-12-31",
        ),
        (
            "leverage_debt = indebtedness + future_lease_obligations_npv + lc_obligations",
            "Leverage debt = indebtedness + future lease obligations NPV + LC obligations",
        ),
        ("ebitda - capex", "EBITDA - capital expenditures"),
        ("", ""),
    ],
)
def test_formula_words(formula: str, words: str) -> None:
    assert formula_words(formula) == words


def _schedule_of(
    formula: str, inputs: dict[str, str], actual: str
) -> list[tuple[str, Role, object, str]]:
    test = TestResult(
        id="coverage",
        label="Minimum coverage",
        test_date=date(2015, 3, 31),
        basis=Basis.actual,
        comparator=Comparator.at_least,
        unit=Unit.ratio,
        required=Decimal("1.05"),
        actual=Decimal(actual),
        passed=True,
        headroom=Decimal(actual) - Decimal("1.05"),
        trace=Trace(formula, inputs),
    )
    lines = calculation_schedule(test)
    assert lines is not None
    return [(f.label, f.role, f.amount, f.note) for f in lines.figures]


def test_a_term_counted_only_above_zero_and_a_definition_that_is_not_a_sum() -> None:
    # cash flow = EBITDA 385,000 - max(0, cash taxes): a refund of 5,000 counts as nothing,
    # so 385,000; charges = interest 100,000 x 2 = 200,000; 385,000 / 200,000 = 1.925
    formula = (
        "cash_flow / charges over the quarter to 2015-03-31; "
        "cash_flow = ebitda - max(0, cash_taxes); charges = interest * 2"
    )
    inputs = {
        "cash_flow": "385000.00",
        "ebitda": "385000.00",
        "cash_taxes": "-5000.00",
        "charges": "200000.00",
        "interest": "100000.00",
        "required": "1.05",
    }
    assert _schedule_of(formula, inputs, "1.925")[:6] == [
        ("EBITDA", Role.line, Decimal("385000.00"), ""),
        ("Cash taxes, if more than zero", Role.less, Decimal("0"), ""),
        ("Cash flow", Role.subtotal, Decimal("385000.00"), ""),
        ("Interest", Role.line, Decimal("100000.00"), ""),
        ("Charges", Role.subtotal, Decimal("200000.00"), "= Interest * 2"),
        ("Cash flow / charges", Role.total, Decimal("1.925"), ""),
    ]
    # taxes paid count in full: 385,000 - 15,000 = 370,000
    paid = {**inputs, "cash_taxes": "15000.00", "cash_flow": "370000.00"}
    lines = _schedule_of(formula, paid, "1.85")
    assert lines[1] == ("Cash taxes, if more than zero", Role.less, Decimal("15000.00"), "")
