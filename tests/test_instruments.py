"""An agreement as its instruments: the original and its amendments, each clause's version in
force on a date, each quote checked against its own instrument's text.

The chain is the corpus's Chesapeake credit agreement (credit/chesapeake-amendment-no5-2008.txt
and -no6-2008.txt): the 2004 agreement is not in hand; Amendment No. 5, dated January 18, 2008
and effective December 28, 2007, sets the leverage ceiling at 5.30 (Q4 2007), 4.25 (Q1 2008)
and 4.00 (Q2 2008 on); Amendment No. 6, dated and effective March 5, 2008, replaces the table:
5.30 (Q4 2007), 6.25 (Q1 to Q3 2008), 5.50 (Q4 2008 on). The documents below are short
excerpts in the amendments' words; the financials are illustrative.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bad_input_support import run as run_cli
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings, TestResult
from pactum.portfolio import load_portfolio
from pactum.verify import verify_portfolio
from portfolio_support import assert_sheet_error

NO5 = """AMENDMENT NO. 5 dated as of January 18, 2008, effective as of December 28, 2007.
Maximum Leverage Ratio: December 31, 2007 5.30:1.00; March 31, 2008 4.25:1.00;
June 30, 2008 and thereafter 4:00:1.
"""
NO6 = """AMENDMENT NO. 6 dated as of March 5, 2008.
Maximum Leverage Ratio: December 31, 2007 5.30:1.00; March 31, 2008 6.25:1.00;
June 30, 2008 6.25:1.00; September 30, 2008 6.25:1.00; December 31, 2008 and thereafter 5:50:1.
"""

SHEET = """\
id: chesapeake
title: Chesapeake credit agreement
instruments:
  - id: credit_agreement
    title: Second Amended and Restated Credit Agreement of February 23, 2004
    kind: original
    in_hand: false
    dated: {value: 2004-02-23, assumed: the agreement the amendments amend; not in hand}
  - id: amendment_5
    title: Amendment No. 5
    document: documents/no5.txt
    dated: {value: 2008-01-18, cite: "dated as of January 18, 2008"}
    effective: {value: 2007-12-28, cite: "effective as of December 28, 2007"}
  - id: amendment_6
    title: Amendment No. 6
    document: documents/no6.txt
    dated: {value: 2008-03-05, cite: "dated as of March 5, 2008"}
clauses:
  - id: covenants
    type: financial_tests
    instrument: amendment_5
    financial_items: {balance: [debt], flow: [ebitda]}
    tests:
      - id: leverage
        title: Maximum leverage ratio
        bound: maximum
        numerator: debt
        denominator: ebitda
        tested: {every: quarter_end}
        schedule:
          2007-12-31: {value: 5.30, cite: "December 31, 2007 5.30:1.00"}
          2008-03-31: {value: 4.25, cite: "March 31, 2008 4.25:1.00"}
          2008-06-30: {value: 4.00, assumed: "written 4:00:1, read as 4.00"}
  - id: covenants
    type: financial_tests
    instrument: amendment_6
    financial_items: {balance: [debt], flow: [ebitda]}
    tests:
      - id: leverage
        title: Maximum leverage ratio
        bound: maximum
        numerator: debt
        denominator: ebitda
        tested: {every: quarter_end}
        schedule:
          2007-12-31: {value: 5.30, cite: "December 31, 2007 5.30:1.00"}
          2008-03-31: {value: 6.25, cite: "March 31, 2008 6.25:1.00"}
          2008-12-31: {value: 5.50, assumed: "written 5:50:1, read as 5.50"}
"""

# leverage 5.00 at each quarter end: debt 500, EBITDA 100 (a single quarter's, for brevity)
FINANCIALS = "period_end,item,amount\n" + "".join(
    f"{d},debt,500\n{d},ebitda,100\n"
    for d in ("2007-12-31", "2008-03-31", "2008-06-30", "2008-09-30", "2008-12-31")
)


def chain(folder: Path, sheet: str = SHEET) -> Path:
    for sub in ("agreements", "documents", "facts"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "portfolio.yaml").write_text(
        "company: Chesapeake Corporation\nagreements: [agreements/deal.yaml]\n"
    )
    (folder / "documents" / "no5.txt").write_text(NO5)
    (folder / "documents" / "no6.txt").write_text(NO6)
    (folder / "agreements" / "deal.yaml").write_text(sheet)
    (folder / "facts" / "financials.csv").write_text(FINANCIALS)
    return folder


def run(folder: Path, as_of: date) -> AgreementFindings:
    return evaluate(load_portfolio(folder), as_of).agreement("chesapeake")


def leverage(found: AgreementFindings) -> dict[date, TestResult]:
    return {t.test_date: t for t in found.tests if t.id == "leverage"}


def test_before_amendment_6_the_levels_are_amendment_5s(tmp_path: Path) -> None:
    # on March 1, 2008 No. 6 is not yet signed: Q4 2007 under No. 5, 5.00 <= 5.30
    results = leverage(run(chain(tmp_path), date(2008, 3, 1)))
    q4 = results[date(2007, 12, 31)]
    assert (q4.required, q4.actual, q4.passed) == (Decimal("5.30"), Decimal("5"), True)
    assert {s.instrument for s in q4.trace.sources} == {"amendment_5"} if q4.trace else False


def test_after_amendment_6_its_table_governs_every_test_date(tmp_path: Path) -> None:
    # on June 30, 2008: Q1 2008's ceiling is No. 6's 6.25 (No. 5 said 4.25, which 5.00 would
    # breach); Q2 2008 continues 6.25
    results = leverage(run(chain(tmp_path), date(2008, 6, 30)))
    q1, q2 = results[date(2008, 3, 31)], results[date(2008, 6, 30)]
    assert (q1.required, q1.passed) == (Decimal("6.25"), True)
    assert (q2.required, q2.passed) == (Decimal("6.25"), True)
    assert q1.trace is not None and q1.trace.sources[0].instrument == "amendment_6"
    # Q4 2008: 5.50 from No. 6's last row; 5.00 passes
    late = leverage(run(chain(tmp_path), date(2009, 1, 15)))[date(2008, 12, 31)]
    assert (late.required, late.passed) == (Decimal("5.50"), True)


def test_under_amendment_5_alone_q1_2008_fails(tmp_path: Path) -> None:
    # the chain as it stood before No. 6: the same Q1 2008 figure against 4.25 fails
    only_no5 = SHEET[
        : SHEET.index("  - id: covenants\n    type: financial_tests\n    instrument: amendment_6")
    ]
    results = leverage(run(chain(tmp_path, only_no5), date(2008, 6, 30)))
    q1 = results[date(2008, 3, 31)]
    assert (q1.required, q1.passed) == (Decimal("4.25"), False)


def test_each_quote_is_checked_against_its_own_instrument(tmp_path: Path) -> None:
    report = verify_portfolio(load_portfolio(chain(tmp_path)))
    assert [f for f in report.findings if f.status == "fail"] == []
    # No. 6's quote for Q1 2008 is not in No. 5's text: cited to No. 5, it fails
    moved = SHEET.replace(
        '2008-03-31: {value: 6.25, cite: "March 31, 2008 6.25:1.00"}',
        '2008-03-31: {value: 6.25, cite: "March 31, 2008 6.25:1.00", instrument: amendment_5}',
    )
    report = verify_portfolio(load_portfolio(chain(tmp_path, moved)))
    failures = [f for f in report.findings if f.status == "fail"]
    assert len(failures) == 1 and "no5.txt" in failures[0].expected


def test_a_quote_from_an_instrument_not_in_hand_is_noted(tmp_path: Path) -> None:
    sheet = SHEET.replace(
        '2007-12-31: {value: 5.30, cite: "December 31, 2007 5.30:1.00"}\n'
        "          2008-03-31: {value: 4.25",
        '2007-12-31: {value: 5.30, cite: "5.30 to 1.00", instrument: credit_agreement}\n'
        "          2008-03-31: {value: 4.25",
    )
    report = verify_portfolio(load_portfolio(chain(tmp_path, sheet)))
    notes = [f.found for f in report.findings if "not in hand" in f.found]
    assert notes == ["quote '5.30 to 1.00' from 'credit_agreement', which is not in hand"]


def test_a_ratio_typed_with_a_colon_is_read_with_a_note(tmp_path: Path) -> None:
    # No. 5 types "4:00:1" and No. 6 "5:50:1": cited as filed, each is read as 4.00 and 5.50
    # with a note that a colon stands for the decimal point; 4.50 is not read from "4:00:1"
    sheet = SHEET.replace(
        '{value: 4.00, assumed: "written 4:00:1, read as 4.00"}',
        '{value: 4.00, cite: "June 30, 2008 and thereafter 4:00:1"}',
    ).replace(
        '{value: 5.50, assumed: "written 5:50:1, read as 5.50"}',
        '{value: 5.50, cite: "December 31, 2008 and thereafter 5:50:1"}',
    )
    report = verify_portfolio(load_portfolio(chain(tmp_path, sheet)))
    assert [f for f in report.findings if f.status == "fail"] == []
    notes = [f for f in report.findings if "colon" in f.found]
    assert [(f.field, f.found) for f in notes] == [
        (
            "covenants.tests.0.schedule.2008-06-30",
            "value 4.00 found in quote 'June 30, 2008 and thereafter 4:00:1' only allowing for "
            "a colon for a decimal point",
        ),
        (
            "covenants.tests.0.schedule.2008-12-31",
            "value 5.50 found in quote 'December 31, 2008 and thereafter 5:50:1' only allowing "
            "for a colon for a decimal point",
        ),
    ]
    assert notes[0].status == "note" and "'4:00:1' read as 4.00:1" in notes[0].expected
    wrong = sheet.replace("{value: 4.00, cite:", "{value: 4.50, cite:")
    report = verify_portfolio(load_portfolio(chain(tmp_path, wrong)))
    [failure] = [f for f in report.findings if f.status == "fail"]
    assert failure.found == "value 4.50 not written in its quote"


# ---- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "instead", "on_line_with", "field", "found", "expected"),
    [
        (
            'effective: {value: 2007-12-28, cite: "effective as of December 28, 2007"}',
            'effective: {value: 2003-12-28, cite: "effective as of December 28, 2007"}',
            "effective: {value: 2003-12-28",
            "instruments.1.effective",
            "before the original",
            ("on or after the original",),
        ),
        (
            "    instrument: amendment_6\n",
            "    instrument: amendment_7\n",
            "instrument: amendment_7",
            "covenants.instrument",
            "'amendment_7'",
            ("amendment_5, amendment_6",),
        ),
        (
            "    instrument: amendment_6\n",
            "    instrument: amendment_6\n    change: add\n",
            "change: add",
            "covenants.change",
            "which 'amendment_5' already has",
            ("change: replace",),
        ),
        (
            '{value: 6.25, cite: "March 31, 2008 6.25:1.00"}',
            '{value: 6.25, cite: "March 31, 2008 6.25:1.00", instrument: amendment_9}',
            "instrument: amendment_9",
            "covenants.tests.0.schedule.2008-03-31.instrument",
            "'amendment_9'",
            ("one of the sheet's instruments",),
        ),
    ],
    ids=[
        "an amendment effective before the original",
        "a clause in an instrument not listed",
        "an addition of a clause an earlier instrument has",
        "a citation naming an instrument not listed",
    ],
)
def test_bad_instruments(
    tmp_path: Path,
    written: str,
    instead: str,
    on_line_with: str,
    field: str,
    found: str,
    expected: tuple[str, ...],
) -> None:
    assert SHEET.count(written) == 1
    chain(tmp_path, SHEET.replace(written, instead))
    assert_sheet_error(tmp_path, on_line_with, field, found, expected)


def test_a_replacement_of_a_clause_no_earlier_instrument_has(tmp_path: Path) -> None:
    sheet = SHEET.replace(
        "    instrument: amendment_6\n", "    instrument: amendment_6\n    change: replace\n"
    ).replace(
        "  - id: covenants\n    type: financial_tests\n    instrument: amendment_6",
        "  - id: tests\n    type: financial_tests\n    instrument: amendment_6",
    )
    chain(tmp_path, sheet)
    assert_sheet_error(
        tmp_path,
        "change: replace",
        "tests.change",
        "which no earlier instrument has",
        ("change: add",),
    )


def test_two_instruments_effective_on_one_date_giving_one_clause(tmp_path: Path) -> None:
    sheet = SHEET.replace(
        '    dated: {value: 2008-03-05, cite: "dated as of March 5, 2008"}\n',
        '    dated: {value: 2008-03-05, cite: "dated as of March 5, 2008"}\n'
        '    effective: {value: 2007-12-28, assumed: "a test"}\n',
    )
    chain(tmp_path, sheet)
    assert_sheet_error(
        tmp_path,
        "    instrument: amendment_6",
        "covenants.instrument",
        "both effective 2007-12-28",
        ("one instrument giving a clause on any date",),
    )


# ---- pactum history ---------------------------------------------------------------------------


def test_history_lists_each_change_with_its_instrument_and_quote(tmp_path: Path) -> None:
    folder = chain(tmp_path)
    result = run_cli("history", str(folder), "chesapeake", "--term", "covenants.tests.leverage")
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    at = lines.index("covenants.tests.leverage.schedule.2008-03-31")
    assert lines[at + 1].startswith('from 2007-12-28 amendment_5: 4.25 "March 31, 2008 4.25:1.00"')
    assert lines[at + 2].startswith('from 2008-03-05 amendment_6: 6.25 "March 31, 2008 6.25:1.00"')
    # No. 6's table has no row for June 30, 2008: its 6.25 from March 31 runs on
    june = lines.index("covenants.tests.leverage.schedule.2008-06-30")
    assert lines[june + 2] == "from 2008-03-05 amendment_6: (no longer given)"
    # the instruments first, the original marked not in hand
    assert any(line.startswith("credit_agreement") and "not in hand" in line for line in lines)


def test_history_of_an_unknown_agreement_or_term_is_one_line(tmp_path: Path) -> None:
    folder = chain(tmp_path)
    for args, expected in (
        (("chesapeak",), "expected one of chesapeake"),
        (("chesapeake", "--term", "covenant"), "a term of the agreement, e.g. under covenants"),
    ):
        result = run_cli("history", str(folder), *args)
        assert result.exit_code == 2
        [line] = result.stderr.splitlines()
        assert expected in line


def test_a_test_date_before_the_later_table_keeps_the_earlier_level(tmp_path: Path) -> None:
    # No. 5 also sets Q3 2007 at 5.00; No. 6's table starts at Q4 2007. On 6/30/08, with No. 6
    # in force, Q3 2007 is still tested against No. 5's 5.00 (4.80 passes), Q1 2008 against
    # No. 6's 6.25
    sheet = SHEET.replace(
        '          2007-12-31: {value: 5.30, cite: "December 31, 2007 5.30:1.00"}\n'
        "          2008-03-31: {value: 4.25",
        '          2007-09-30: {value: 5.00, assumed: "a test of the governing rule"}\n'
        '          2007-12-31: {value: 5.30, cite: "December 31, 2007 5.30:1.00"}\n'
        "          2008-03-31: {value: 4.25",
    )
    folder = chain(tmp_path, sheet)
    (folder / "facts" / "financials.csv").write_text(
        FINANCIALS + "2007-09-30,debt,480\n2007-09-30,ebitda,100\n"
    )
    results = leverage(run(folder, date(2008, 6, 30)))
    q3, q1 = results[date(2007, 9, 30)], results[date(2008, 3, 31)]
    assert (q3.required, q3.actual, q3.passed) == (Decimal("5.00"), Decimal("4.8"), True)
    assert q3.trace is not None and {s.instrument for s in q3.trace.sources} == {"amendment_5"}
    assert q1.required == Decimal("6.25")


def test_a_deleted_clause_is_gone_from_its_instruments_date(tmp_path: Path) -> None:
    # No. 6 deletes the covenants No. 5 set: on 3/1/08 they are tested, from 3/5/08 not at all
    start = SHEET.index("  - id: covenants\n    type: financial_tests\n    instrument: amendment_6")
    sheet = SHEET[:start] + "  - {id: covenants, instrument: amendment_6, change: delete}\n"
    folder = chain(tmp_path, sheet)
    assert leverage(run(folder, date(2008, 3, 1)))
    assert leverage(run(folder, date(2008, 6, 30))) == {}
    # a deletion carrying terms is refused
    with_terms = sheet.replace("change: delete}", "change: delete, level: 5}")
    chain(tmp_path, with_terms)
    assert_sheet_error(
        tmp_path,
        "change: delete, level: 5",
        "covenants.level",
        "a term of a deleted clause",
        ("only id, instrument",),
    )
