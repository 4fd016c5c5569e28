"""A waiver: an instrument of kind `waiver` that waives a named test for a period or for named
test dates. The chain is test_instruments' Chesapeake excerpt with Amendment No. 5 alone (its
leverage ceilings 5.30 at Q4 2007, 4.25 at Q1 2008, 4.00 from Q2 2008) and leverage 5.00 at
each quarter end (debt 500 / EBITDA 100): Q1 2008 (5.00 > 4.25) and Q2 2008 (5.00 > 4.00)
fail, Q4 2007 (5.00 <= 5.30) passes. A waiver dated April 20, 2008 waives the quarters
ending March 31 and June 30, 2008; Q3 2008 (5.00 > 4.00) is not waived.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings, Severity, Status
from pactum.findings_json import serialise
from pactum.portfolio import load_portfolio
from pactum.verify import verify_portfolio
from portfolio_support import assert_sheet_error
from test_instruments import SHEET, chain, leverage

WAIVER_TEXT = """LIMITED WAIVER dated as of April 20, 2008. The Lenders hereby waive compliance
with the Maximum Leverage Ratio for the fiscal quarters ending March 31, 2008 and June 30,
2008.
"""
NO5_ONLY = (
    SHEET[: SHEET.index("  - id: amendment_6\n")]
    + SHEET[
        SHEET.index("clauses:\n") : SHEET.index(
            "  - id: covenants\n    type: financial_tests\n    instrument: amendment_6"
        )
    ]
)
WAIVER = """\
  - id: waiver
    title: Limited Waiver
    kind: waiver
    document: documents/waiver.txt
    dated: {value: 2008-04-20, cite: "dated as of April 20, 2008"}
    waives:
      - test: leverage
        start: {value: 2008-03-31, cite: "quarters ending March 31, 2008"}
        end: {value: 2008-06-30, cite: "June 30,\\n2008"}
        provision: {cite: "hereby waive compliance with the Maximum Leverage Ratio"}
"""
WAIVED = NO5_ONLY.replace("clauses:\n", WAIVER + "clauses:\n")


def waived_chain(folder: Path, sheet: str = WAIVED) -> Path:
    chain(folder, sheet)
    (folder / "documents" / "waiver.txt").write_text(WAIVER_TEXT)
    return folder


def run(folder: Path, as_of: date) -> AgreementFindings:
    return evaluate(load_portfolio(folder), as_of).agreement("chesapeake")


def test_a_waived_date_is_waived_not_failed(tmp_path: Path) -> None:
    found = run(waived_chain(tmp_path), date(2008, 7, 15))
    results = leverage(found)
    q4, q1, q2 = (
        results[date(2007, 12, 31)],
        results[date(2008, 3, 31)],
        results[date(2008, 6, 30)],
    )
    assert (q4.passed, q4.waived_by) == (True, None)
    for waived, ceiling in ((q1, Decimal("4.25")), (q2, Decimal("4.00"))):
        # the figures are still shown: 5.00 against the ceiling, neither pass nor failure
        assert (waived.required, waived.actual) == (ceiling, Decimal(5))
        assert (waived.passed, waived.waived_by) == (None, "waiver")
        assert waived.trace is not None
        [by] = [s for s in waived.trace.sources if s.instrument == "waiver"]
        assert by.quote == "hereby waive compliance with the Maximum Leverage Ratio"
        assert serialise(waived)["waived_by"] == "waiver"
    # no breach: two information lines, no warning or critical alert
    assert found.status is Status.ok
    assert [a.severity for a in found.alerts] == [Severity.info, Severity.info]
    assert found.alerts[0].message == ("Maximum leverage ratio at 2008-03-31 waived by waiver.")


def test_before_the_waiver_takes_effect_the_failure_stands(tmp_path: Path) -> None:
    found = run(waived_chain(tmp_path), date(2008, 4, 15))
    q1 = leverage(found)[date(2008, 3, 31)]
    assert (q1.passed, q1.waived_by) == (False, None)
    assert found.status is Status.breach


def test_a_date_outside_the_period_is_not_waived(tmp_path: Path) -> None:
    found = run(waived_chain(tmp_path), date(2008, 10, 15))
    q3 = leverage(found)[date(2008, 9, 30)]
    assert (q3.required, q3.passed, q3.waived_by) == (Decimal("4.00"), False, None)
    assert found.status is Status.breach


def test_a_waiver_of_named_test_dates(tmp_path: Path) -> None:
    # only June 30, 2008 named: Q1 2008 still fails
    sheet = WAIVED.replace(
        '        start: {value: 2008-03-31, cite: "quarters ending March 31, 2008"}\n'
        '        end: {value: 2008-06-30, cite: "June 30,\\n2008"}\n',
        '        test_dates: [{value: 2008-06-30, cite: "June 30,\\n2008"}]\n',
    )
    results = leverage(run(waived_chain(tmp_path, sheet), date(2008, 7, 15)))
    assert results[date(2008, 3, 31)].passed is False
    assert results[date(2008, 6, 30)].waived_by == "waiver"


def test_the_waivers_quotes_are_verified(tmp_path: Path) -> None:
    report = verify_portfolio(load_portfolio(waived_chain(tmp_path)))
    assert [f for f in report.findings if f.status == "fail"] == []
    wrong = WAIVED.replace("hereby waive compliance", "hereby waive all compliance")
    report = verify_portfolio(load_portfolio(waived_chain(tmp_path, wrong)))
    [failure] = [f for f in report.findings if f.status == "fail"]
    assert "waiver.txt" in failure.expected


def test_a_waiver_of_a_test_the_agreement_does_not_have(tmp_path: Path) -> None:
    waived_chain(tmp_path, WAIVED.replace("      - test: leverage", "      - test: coverage"))
    assert_sheet_error(
        tmp_path,
        "- test: coverage",
        "instruments.2.waives.0.test",
        "test 'coverage', which no clause of the agreement gives",
        ("leverage",),
    )


def test_a_waiver_period_ending_before_it_starts(tmp_path: Path) -> None:
    sheet = WAIVED.replace(
        'end: {value: 2008-06-30, cite: "June 30,\\n2008"}',
        'end: {value: 2008-02-29, assumed: "a test"}',
    )
    waived_chain(tmp_path, sheet)
    assert_sheet_error(
        tmp_path,
        "- test: leverage",
        "instruments.2.waives.0",
        "",
        ("a period ending on or after its start (found end 2008-02-29 before start 2008-03-31)",),
    )
