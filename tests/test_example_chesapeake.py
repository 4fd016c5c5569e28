"""The Chesapeake example, `examples/chesapeake/`: the 2004 credit agreement (not in hand) with
Amendments No. 5 and No. 6, every figure worked out by hand from the texts and the
illustrative facts.

From the amendments (the corpus README's checks): No. 5 (dated January 18, 2008, effective
December 28, 2007) sets the Leverage Ratio ceiling at 5.00 (Q3 2007), 5.30 (Q4 2007), 4.25
(Q1 2008), "4:00:1" (Q2 2008 on) and the Interest Coverage floor at 2.25 / 2.15 / 2.50 (Q1 2008
on). No. 6 (March 5, 2008) restates them from Q4 2007: 5.30, 6.25 (Q1 to Q2 2008), 6.25 (Q3
2008), "5:50:1" (Q4 2008 on); 2.15, 1.65 (Q1 to Q2 2008), 1.75 (Q3 2008 on). For Q1 2008 the
ceiling is 4.25 under No. 5 and 6.25 under No. 6; for Q4 2007 both say 5.30.

The illustrative facts (millions): quarterly EBITDA 25 (Q4 2006 to Q3 2007), 21, 19, 20, 18,
13 (Q4 2007 to Q4 2008); interest expense 10 every quarter; total debt 480, 504, 495, 510, 507,
315 at the quarter ends Q3 2007 to Q4 2008. Over the trailing four quarters:

| quarter | EBITDA | interest | leverage | coverage |
|---|---|---|---|---|
| Q3 2007 | 25+25+25+25 = 100 | 40 | 480/100 = 4.80 | 100/40 = 2.50 |
| Q4 2007 | 25+25+25+21 = 96 | 40 | 504/96 = 5.25 | 96/40 = 2.40 |
| Q1 2008 | 25+25+21+19 = 90 | 40 | 495/90 = 5.50 | 90/40 = 2.25 |
| Q2 2008 | 25+21+19+20 = 85 | 40 | 510/85 = 6.00 | 85/40 = 2.125 |
| Q3 2008 | 21+19+20+18 = 78 | 40 | 507/78 = 6.50 | 78/40 = 1.95 |
| Q4 2008 | 19+20+18+13 = 70 | 40 | 315/70 = 4.50 | 70/40 = 1.75 |
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from bad_input_support import run
from pactum.obligations_calendar import obligation_calendar
from pactum.portfolio import load_portfolio

CHESAPEAKE = Path(__file__).resolve().parents[1] / "examples" / "chesapeake"
AGREEMENT = "chesapeake-credit"


@cache
def found(as_of: str) -> dict[str, Any]:
    """The agreement's findings in JSON on a date."""
    result = run("check", str(CHESAPEAKE), "--as-of", as_of, "--json")
    assert result.exit_code == 0, result.output
    agreements = json.loads(result.stdout)["agreements"]
    [agreement] = [a for a in agreements if a["id"] == AGREEMENT]
    return dict(agreement)


def test_the_documents_are_the_corpus_texts_unchanged() -> None:
    for name, blob in (
        ("chesapeake-amendment-no5-2008.txt", "639efca1ac5550cfbab2e8dbaa129d3835416dff"),
        ("chesapeake-amendment-no6-2008.txt", "ad89cac748ade1280191ac94adfb7ff016c66413"),
    ):
        data = (CHESAPEAKE / "documents" / name).read_bytes()
        assert hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest() == blob


def test_verify_counts_and_the_two_ratios_typed_with_a_colon() -> None:
    result = run("verify", str(CHESAPEAKE))
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "chesapeake-credit: 48 cited, 33 assumed, 0 unsourced" in output
    assert "0 failures" in output
    # the corpus's inconsistency: "4:00:1" (No. 5) and "5:50:1" (No. 6) read as 4.00 and 5.50,
    # each with a note, never silently
    for value, typed in (("4.00", "4:00:1"), ("5.50", "5:50:1")):
        assert (
            f"found value {value} found in quote" in output
            and "only allowing for a colon for a decimal point" in output
            and f"('{typed}' read as {value}:1: a colon typed for the decimal point" in output
        )


def covenant_tests(as_of: str) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (t["id"], t["test_date"]): t
        for t in found(as_of)["tests"]
        if t["id"] in ("leverage", "interest_coverage")
    }


def level_instrument(test: dict[str, Any]) -> str:
    """The instrument whose term set the level on the test date, as the result names it
    (`level_source`: the schedule's entry in force on that date), checked against the entry
    the test date falls under."""
    source = test["level_source"]
    titles = {"amendment_5": "Amendment No. 5", "amendment_6": "Amendment No. 6"}
    assert source["instrument_title"] == titles[source["instrument"]]
    assert source["section"] == "7.2.4"  # of the Credit Agreement, as each amendment restates it
    quarter_ends = {
        "q3_2007_end": "2007-09-30",
        "q4_2007_end": "2007-12-31",
        "q1_2008_end": "2008-03-31",
        "q2_2008_end": "2008-06-30",
        "q3_2008_end": "2008-09-30",
        "q4_2008_end": "2008-12-31",
    }
    # the entry is the latest of its table on or before the test date
    assert quarter_ends[source["path"].rsplit(".", 1)[1]] <= test["test_date"]
    return str(source["instrument"])


# the chain as filed, as of March 31, 2009: No. 6's tables govern every test date, and the Q3
# 2007 row, which No. 6 does not restate, is No. 5's
CHAIN_AS_FILED = [
    # (test, quarter end, level, actual, passed, instrument)
    ("leverage", "2007-09-30", "5.0000", "4.8000", True, "amendment_5"),
    ("leverage", "2007-12-31", "5.3000", "5.2500", True, "amendment_6"),
    ("leverage", "2008-03-31", "6.2500", "5.5000", True, "amendment_6"),  # No. 5: 4.25
    ("leverage", "2008-06-30", "6.2500", "6.0000", True, "amendment_6"),  # Q1's row runs on
    ("leverage", "2008-09-30", "6.2500", "6.5000", False, "amendment_6"),
    ("leverage", "2008-12-31", "5.5000", "4.5000", True, "amendment_6"),  # "5:50:1"
    ("interest_coverage", "2007-09-30", "2.2500", "2.5000", True, "amendment_5"),
    ("interest_coverage", "2007-12-31", "2.1500", "2.4000", True, "amendment_6"),
    ("interest_coverage", "2008-03-31", "1.6500", "2.2500", True, "amendment_6"),
    ("interest_coverage", "2008-06-30", "1.6500", "2.1250", True, "amendment_6"),
    ("interest_coverage", "2008-09-30", "1.7500", "1.9500", True, "amendment_6"),
    ("interest_coverage", "2008-12-31", "1.7500", "1.7500", True, "amendment_6"),  # at the floor
]


@pytest.mark.parametrize(("test_id", "quarter", "level", "actual", "passed", "by"), CHAIN_AS_FILED)
def test_each_quarter_end_under_the_chain_as_filed(
    test_id: str, quarter: str, level: str, actual: str, passed: bool, by: str
) -> None:
    test = covenant_tests("2009-03-31")[(test_id, quarter)]
    assert (test["required"], test["actual"], test["passed"]) == (level, actual, passed)
    assert test["basis"] == "actual"
    assert level_instrument(test) == by


# March 4, 2008, the day before No. 6 was signed: No. 5's tables (in force since December 28,
# 2007) govern; the 2008 quarters are projected from the forecast rows (the same figures)
BEFORE_NO6 = [
    ("leverage", "2007-09-30", "5.0000", "4.8000", True, "actual"),
    ("leverage", "2007-12-31", "5.3000", "5.2500", True, "actual"),
    ("leverage", "2008-03-31", "4.2500", "5.5000", False, "forecast"),
    ("leverage", "2008-06-30", "4.0000", "6.0000", False, "forecast"),  # "4:00:1"
    ("leverage", "2008-09-30", "4.0000", "6.5000", False, "forecast"),
    ("leverage", "2008-12-31", "4.0000", "4.5000", False, "forecast"),
    ("interest_coverage", "2007-09-30", "2.2500", "2.5000", True, "actual"),
    ("interest_coverage", "2007-12-31", "2.1500", "2.4000", True, "actual"),
    ("interest_coverage", "2008-03-31", "2.5000", "2.2500", False, "forecast"),
    ("interest_coverage", "2008-06-30", "2.5000", "2.1250", False, "forecast"),
    ("interest_coverage", "2008-09-30", "2.5000", "1.9500", False, "forecast"),
    ("interest_coverage", "2008-12-31", "2.5000", "1.7500", False, "forecast"),
]


@pytest.mark.parametrize(("test_id", "quarter", "level", "actual", "passed", "basis"), BEFORE_NO6)
def test_each_quarter_end_before_amendment_6_was_signed(
    test_id: str, quarter: str, level: str, actual: str, passed: bool, basis: str
) -> None:
    test = covenant_tests("2008-03-04")[(test_id, quarter)]
    assert (test["required"], test["actual"], test["passed"]) == (level, actual, passed)
    assert test["basis"] == basis
    assert level_instrument(test) == "amendment_5"


def test_before_amendment_5_took_effect_no_table_is_in_hand() -> None:
    # December 27, 2007: only the 2004 agreement, whose tables are not in hand
    assert covenant_tests("2007-12-27") == {}


def test_history_of_the_leverage_table() -> None:
    result = run("history", str(CHESAPEAKE), AGREEMENT, "--term", "covenants.tests.leverage")
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    at = lines.index("covenants.tests.leverage.schedule.q1_2008_end")
    assert lines[at + 1].startswith(
        'from 2007-12-28 amendment_5: 4.25 "The first Fiscal Quarter of 2008 4.25:1"'
    )
    assert lines[at + 2].startswith("from 2008-03-05 amendment_6: 6.25 ")
    june = lines.index("covenants.tests.leverage.schedule.q2_2008_end")
    assert lines[june + 1].startswith("from 2007-12-28 amendment_5: 4.00 ")
    assert lines[june + 2] == "from 2008-03-05 amendment_6: (no longer given)"
    december = lines.index("covenants.tests.leverage.schedule.q4_2008_end")
    assert lines[december + 1].startswith("from 2008-03-05 amendment_6: 5.50 ")
    # the portfolio has one agreement: naming it is optional
    unnamed = run("history", str(CHESAPEAKE), "--term", "covenants.tests.leverage")
    assert unnamed.exit_code == 0 and unnamed.stdout == result.stdout
    assert any(line.startswith("credit_agreement") and "not in hand" in line for line in lines)


def test_the_grid_at_a_leverage_of_exactly_4_50() -> None:
    # Q4 2008's 4.50 is "Greater than or equal to 4.50:1": LIBO + 4.50%, Base + 3.50%; the
    # certificate assumed 45 days after 12/31/08 (2/14/09), in force from 2/15/09
    values = found("2009-03-31")["values"]
    assert (values["grid_libo"], values["grid_base"]) == ("4.50", "3.50")
    # March 2009: $200,000,000 x (0.50% + 4.50%) x 31 / 360 = 10,000,000 x 31 / 360
    # = 861,111.111...
    assert values["interest"] == "861111.11"


def test_base_rate_loans_beside_libo_rate_loans() -> None:
    # From April 1, 2009 $50,000,000 of the $200,000,000 are Base Rate Loans (balances.csv
    # `basis: base`), each basis at its own column of the grid (tier high, Q4 2008's 4.50).
    # April 2009, 30 days, actual/360:
    #   LIBO 150,000,000 x (0.50% + 4.50%) x 30 / 360 = 625,000.00
    #   Base 50,000,000 x (3.25% + 3.50%) x 30 / 360 = 281,250.00
    #   in all 906,250.00 (all at LIBO: 200,000,000 x 5.00% x 30 / 360 = 833,333.33)
    values = found("2009-04-30")["values"]
    assert (values["interest_libo"], values["interest_base"]) == ("625000.00", "281250.00")
    assert values["interest"] == "906250.00"


def test_the_consent_fees() -> None:
    # No. 5: 0.15% x $250,000,000 (assumed) = $375,000.00 by January 18, 2008
    before = {o["id"]: o for o in found("2008-01-01")["obligations"]}
    fee5 = before["fee-amendment_5_consent"]
    assert (fee5["due"], fee5["amount"]) == ("2008-01-18", "375000.00")
    assert found("2008-01-01")["values"]["one_time_fees"] == "375000.00"
    # No. 6: 0.25% x $250,000,000 = $625,000.00 by March 5, 2008; both: $1,000,000.00
    on = {o["id"]: o for o in found("2008-03-05")["obligations"]}
    fee6 = on["fee-amendment_6_consent"]
    assert (fee6["due"], fee6["amount"]) == ("2008-03-05", "625000.00")
    assert found("2008-03-05")["values"]["one_time_fees"] == "1000000.00"


def test_business_day_and_conditional_deadlines() -> None:
    entries = obligation_calendar(
        load_portfolio(CHESAPEAKE), date(2008, 12, 31), date(2008, 3, 1), date(2008, 12, 31)
    ).entries
    due = {e.obligation.id: e.obligation.due for e in entries}
    # proceeds received Wednesday 7/2/08: one Business Day, Thursday 7/3; three: 7/3, (7/4
    # Independence Day), Monday 7/7, Tuesday 7/8; 180 days: 29 + 31 + 30 + 31 + 30 + 29 (Dec)
    assert due["reinvestment_notice-2008-07-02"] == date(2008, 7, 3)
    assert due["disposition_proceeds-2008-07-02"] == date(2008, 7, 8)
    assert due["reinvestment-2008-07-02"] == date(2008, 12, 29)
    # no Refinancing by March 31, 2008: monthly statements from April, 20 days after each
    # month end (April's by 5/20/08); the Security Period ends 45 days after 3/31: 5/15/08
    monthly = sorted(d for i, d in due.items() if i.startswith("monthly_statements"))
    assert monthly[0] == date(2008, 5, 20)
    assert "monthly_statements-2008-03-31" not in due
    assert due["additional_collateral-2008-03-31"] == date(2008, 5, 15)


def test_each_financial_tests_clause_has_its_own_compliance_certificate(tmp_path: Path) -> None:
    # the covenants and the baskets are two financial_tests clauses: two certificates, the
    # second named after its clause (one file name had the baskets' take the covenants' place)
    result = run("report", str(CHESAPEAKE), "--out", str(tmp_path), "--as-of", "2009-03-31")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.html")) == [
        "compliance-certificate-chesapeake-credit-2009-03-31.html",
        "compliance-certificate-chesapeake-credit-baskets-2009-03-31.html",
    ]
    covenants = (tmp_path / "compliance-certificate-chesapeake-credit-2009-03-31.html").read_text()
    assert "Maximum Leverage Ratio" in covenants and "Other Indebtedness" not in covenants


def test_a_covenant_not_evaluated_still_gives_its_level_and_where_it_is_set() -> None:
    # no financials for 2009-03-31: the leverage test is not evaluated, but its level, 5.50
    # from Amendment No. 6's table, is known and cited; it has no headroom, and no trace of one
    from pactum.contributions import documents
    from pactum.evaluate import check

    portfolio = load_portfolio(CHESAPEAKE)
    found = documents(portfolio, check(portfolio, date(2009, 3, 31)))
    (certificate,) = [d for d in found if d.stem.endswith("credit-2009-03-31")]
    required = certificate.figure("leverage@2009-03-31.required")
    assert required.trace is not None
    assert dict(required.trace.inputs) == {"level": "5.50"}
    (source,) = required.trace.sources
    assert source.quote is not None and "5:50:1" in source.quote
    headroom = certificate.figure("leverage@2009-03-31.headroom")
    assert (headroom.value, headroom.trace) == (None, None)
