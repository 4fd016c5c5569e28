"""Nothing requires a clause that the agreement does not have (issue 11).

Each built-in family requires only what every agreement of its kind has: a credit facility its
commitment and maturity, a lease its rent schedule (spaces, lease years, the due day), a
standstill its holder group and standstill period. Sheets of real agreements of the corpus
(`tests/corpus_excerpts/`: the passages their quotes cite) that have nothing more run through
`check` (and `--json`), `calendar`, `verify`, documents and `report` with no placeholder
finding, and give the figures worked out by hand below. Parts of the example removed one at a
time take their findings with them and leave the rest as it was; a part that reads one the
sheet does not have is refused in one line.

Vertex Energy's term loan (credit agreement of August 31, 2012): $8,500,000, maturing August
31, 2015; fixed charge coverage (EBITDA - cash taxes - distributions - unfinanced capex) /
(interest + current maturities), four quarters, "may not at any time be less than 1.25 to
1.00". Illustrative facts, each quarter from 2011-12-31: EBITDA 1,000,000, cash taxes 100,000,
unfinanced capex 150,000, interest 100,000, no distributions; current maturities 2,000,000.
At 2012-09-30: (4,000,000 - 400,000 - 600,000) / (400,000 + 2,000,000) = 3,000,000 /
2,400,000 = 1.25, exactly the minimum: passed, headroom 0. In the quarter to 2012-12-31 EBITDA
is 700,000: (3,700,000 - 1,000,000) / 2,400,000 = 1.125, short by 0.125; EBITDA must rise by
1.25 x 2,400,000 - 2,700,000 = 300,000.

Exicure's lease (February 28, 2020), Exhibit E only: 30,085 RSF at $37.00 in months 1-12 up to
$48.29 in months 109-120, due on the first of each month; the Commencement Date is an event,
taken as September 1, 2020. Month 1: 37.00 x 30,085 = 1,113,145.00 a year, / 12 =
92,762.0833 -> $92,762.08 (Exhibit E says the same); months 13-24: 38.11 x 30,085 =
1,146,539.35, / 12 -> $95,544.95. The ten monthly figures of Exhibit E add up to
1,063,454.60; x 12 = 12,761,455.20 over the term (ten cents less than the annual column's
12,761,455.30: each month is rounded), / 120 = $106,345.46 straight-line a month exactly.
After November 2020 (month 3): 3 x (106,345.46 - 92,762.08) = $40,750.14 deferred rent.

e.l.f. Beauty's cooperation agreement with the Marathon Parties (July 1, 2020): no Term, no
proportional voting (its voting covenant is with the Board), an acquisition cap at "up to
12.5%" and four conduct covenants. Illustrative ownership of 50,000,000 shares outstanding:
2,585,000 at signing (5.17%), 6,250,000 at 2020-12-31 (exactly 12.5%: at the cap, not over
it), 6,250,001 at 2021-03-31 (over: a breach). The Support Period's end, 30 days before a
Bylaws deadline the agreement does not date, is taken as May 1, 2021, a Saturday.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bad_input_support import one_error, parsed, run
from pactum.contributions import charts, documents
from pactum.document import Grid, Lines
from pactum.evaluate import check
from pactum.portfolio import load_portfolio
from web_support import LOOPBACK_URL

EXCERPTS = Path(__file__).resolve().parent / "corpus_excerpts"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "innotrac"

# what a part the sheet lacks would have found: none of it may appear
BORROWING_BASE_VALUES = {"receivables_advance", "inventory_advance", "borrowing_base"}
AVAILABILITY_VALUES = {"availability", "excess_availability"}
REPORTING_VALUES = {
    "excess_availability_pct",
    "reporting_frequency",
    "next_borrowing_base_report_due",
}
FEE_VALUES = {"annual_fee_cost", "one_time_fees", "first_year_fee_cost"}

TERM_LOAN = """\
id: vertex-term-loan
title: Vertex Energy term loan from Bank of America
document: documents/vertex-credit-agreement-2012.txt
dated: {value: 2012-08-31, cite: "THIS CREDIT AGREEMENT is entered into as of August 31, 2012"}
parties: ["Vertex Energy, Inc.", "Bank of America, N.A."]
calendar: {country: US}
clauses:
  - id: term_loan
    type: revolver
    commitment: {value: 8500000, cite: "Term Loan Committed Amount means $8,500,000."}
    maturity:
      value: 2015-08-31
      cite: "Term Loan Maturity Date means the earlier of (a) August 31, 2015"
    financial_items:
      balance: [current_maturities]
      flow: [ebitda, cash_taxes, distributions, unfinanced_capex, interest_expense]
    definitions:
      fixed_charge_cash_flow:
        value: ebitda - cash_taxes - distributions - unfinanced_capex
        assumed: >-
          The ratio's numerator as the agreement defines it, "EBITDA minus cash Taxes, minus
          distributions, minus unfinanced Capital Expenditures", over four fiscal quarters.
      fixed_charges:
        value: interest_expense + current_maturities
        assumed: >-
          The ratio's denominator: interest expense over four fiscal quarters plus current
          maturities of long-term Debt as of the last day of the period.
    covenant_tests:
      value: fiscal_quarter_end
      assumed: >-
        Section 10.1: "tested quarterly for the four fiscal-quarter period ending as of the last
        day of each fiscal quarter".
    covenants:
      - id: min_fixed_charge_coverage
        title: Minimum fixed charge coverage ratio
        bound: minimum
        numerator: fixed_charge_cash_flow
        denominator: fixed_charges
        level: {value: 1.25, cite: "may not at any time be less than 1.25 to 1.00"}
        measured:
          trailing_quarters: {value: 4, cite: "tested quarterly for the four fiscal-quarter period"}
        driver: ebitda
"""


def _quarter(end: str, ebitda: int) -> str:
    flows = {
        "ebitda": ebitda,
        "cash_taxes": 100000,
        "distributions": 0,
        "unfinanced_capex": 150000,
        "interest_expense": 100000,
        "current_maturities": 2000000,
    }
    return "".join(f"{end},{item},{amount},actual\n" for item, amount in flows.items())


FINANCIALS = "period_end,item,amount,basis\n" + "".join(
    _quarter(end, 700000 if end == "2012-12-31" else 1000000)
    for end in ("2011-12-31", "2012-03-31", "2012-06-30", "2012-09-30", "2012-12-31")
)

# Exhibit E: the rate of each twelve lease months, from the Commencement Date
RATES = ("37.00", "38.11", "39.25", "40.43", "41.64", "42.89", "44.18", "45.51", "46.88", "48.29")
MONTHLY = (
    "92762.08",
    "95544.95",
    "98403.02",
    "101361.38",
    "104394.95",
    "107528.80",
    "110762.94",
    "114097.36",
    "117532.07",
    "121067.05",
)


def _lease_years() -> str:
    years = []
    for n, rate in enumerate(RATES):
        first, last = 12 * n + 1, 12 * n + 12
        band = f"{first}-{last}" + ("*" if n == 0 else "")
        years.append(
            f"      - id: months_{first}_{last}\n"
            f"        start: {{value: {2020 + n}-09-01, assumed: 'Lease Month {first}, from the "
            "Commencement Date, taken as September 1, 2020.'}\n"
            f"        end: {{value: {2021 + n}-08-31, assumed: 'Lease Month {last} ends then.'}}\n"
            f'        rate: {{value: {rate}, cite: "{band} ${rate}"}}\n'
        )
    return "".join(years)


LEASE = (
    """\
id: exicure-lease
title: Exicure lease of the 4th floor of 2430 North Halsted Street
document: documents/exicure-lease-2020.txt
dated: {value: 2020-02-28, cite: "THIS LEASE made as of the 28th day of February, 2020"}
parties: ["2430 N. Halsted, LLC (Landlord)", "Exicure, Inc. (Tenant)"]
calendar: {country: US, subdiv: IL}
stated:
  - id: first_monthly_installment
    value: {value: 92762.08, cite: "$1,113,145.00 $92,762.08"}
    formula:
      value: lease.spaces.premises.area * lease.lease_years.months_1_12.rate / 12
      assumed: The schedule's monthly installment is the annual rent (area x rate) / 12.
    places: 2
    rounds: contract
  - id: last_monthly_installment
    value: {value: 121067.05, cite: "$1,452,804.65 $121,067.05"}
    formula:
      value: lease.spaces.premises.area * lease.lease_years.months_109_120.rate / 12
      assumed: The schedule's monthly installment is the annual rent (area x rate) / 12.
    places: 2
    rounds: contract
clauses:
  - id: lease
    type: lease
    spaces:
      - id: premises
        title: Fourth floor
        area: {value: 30085, cite: "containing approximately 30,085 square feet of Rentable Area"}
        in_premises_from:
          value: 2020-09-01
          assumed: >-
            The Term commences on the Delivery Date, an event the lease does not date; taken as
            September 1, 2020, after the six months to the Initial Delivery Deadline.
    lease_years:
"""
    + _lease_years()
    + """\
    rent_due_day:
      value: 1
      assumed: >-
        Section 2.A: each installment is "payable in advance on the first day of each and every
        calendar month".
"""
)

COOPERATION = """\
id: elf-marathon
title: e.l.f. Beauty cooperation agreement with the Marathon Parties
document: documents/elf-marathon-cooperation-2020.txt
dated: {value: 2020-07-01, cite: "is entered into as of July 1, 2020"}
parties: ["e.l.f. Beauty, Inc.", Marathon Parties]
calendar: {country: US, subdiv: NY}
clauses:
  - id: cooperation
    type: standstill
    holder:
      name: Marathon Parties
      holders: [Marathon Parties]
    standstill:
      through:
        value: 2021-05-01
        assumed: >-
          The Support Period ends 30 days before the advance notice period for 2021 nominations
          expires, which the Bylaws set and the agreement does not date; taken as May 1, 2021.
      acquisition_cap:
        clause: 5(a)(v)
        level:
          value: 0.125
          cite: "may acquire beneficial ownership of up to 12.5% of the Company's outstanding shares"
      conduct:
        - id: proxy_solicitation
          clause: 5(a)(i)
          title: no solicitation of proxies
          cite: 'make, engage, solicit, or in any way participate in any "solicitation" of proxies'
        - id: shareholder_proposal
          clause: 5(a)(ii)
          title: no stockholder proposals
          cite: "solicit stockholders of the Company for the approval of one or more stockholder proposals"
        - id: voting_trust
          clause: 5(a)(iii)
          title: no voting trusts
          cite: "deposit any Securities of the Company in a voting trust or similar arrangement"
        - id: group_formation
          clause: 5(a)(iv)
          title: no groups
          cite: "take any action to form, join, encourage, influence or in any way participate in any partnership"
"""

OWNERSHIP = """\
as_of,holder,shares,shares_outstanding
2020-07-01,Marathon Parties,2585000,50000000
2020-12-31,Marathon Parties,6250000,50000000
2021-03-31,Marathon Parties,6250001,50000000
"""


def make_portfolio(
    root: Path, company: str, as_of: str, excerpt: str, sheet: str, facts: dict[str, str]
) -> Path:
    """A portfolio of one agreement: its document (a corpus excerpt), its sheet, its facts."""
    (root / "documents").mkdir(parents=True)
    shutil.copy(EXCERPTS / excerpt, root / "documents" / excerpt)
    (root / "agreements").mkdir()
    (root / "agreements" / "sheet.yaml").write_text(sheet, encoding="utf-8")
    (root / "facts").mkdir()
    for name, text in facts.items():
        (root / "facts" / name).write_text(text, encoding="utf-8")
    (root / "portfolio.yaml").write_text(
        f"company: {company}\nfiscal_year_end_month: 12\ncalendar: {{country: US}}\n"
        f"as_of: {as_of}\nagreements: [agreements/sheet.yaml]\n"
    )
    return root


@pytest.fixture(scope="module")
def term_loan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("minimal") / "vertex"
    return make_portfolio(
        root,
        "Vertex Energy, Inc.",
        "2013-02-15",
        "vertex-credit-agreement-2012.txt",
        TERM_LOAN,
        {"financials.csv": FINANCIALS},
    )


@pytest.fixture(scope="module")
def lease(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("minimal") / "exicure"
    return make_portfolio(root, "Exicure, Inc.", "2020-11-15", "exicure-lease-2020.txt", LEASE, {})


@pytest.fixture(scope="module")
def cooperation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("minimal") / "elf"
    return make_portfolio(
        root,
        "e.l.f. Beauty, Inc.",
        "2020-12-31",
        "elf-marathon-cooperation-2020.txt",
        COOPERATION,
        {"ownership.csv": OWNERSHIP},
    )


def check_json(folder: Path, *args: str) -> dict[str, Any]:
    """The one agreement of `pactum check --json`, which must run clean."""
    result = run("check", str(folder), "--json", *args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    [agreement] = json.loads(result.stdout)["agreements"]
    return dict(agreement)


def calendar_json(folder: Path, *args: str) -> list[dict[str, Any]]:
    result = run("calendar", str(folder), "--json", *args)
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout)["events"])


def verified(folder: Path) -> str:
    """`pactum verify`'s text, which must pass."""
    result = run("verify", str(folder))
    assert result.exit_code == 0, result.output
    return result.stdout


def terminal(folder: Path, *args: str) -> str:
    result = run("check", str(folder), *args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.stdout


def contributions(folder: Path, as_of: date) -> tuple[list[str], list[str]]:
    """The titles of the portfolio's documents and the ids of its charts on `as_of`."""
    portfolio = load_portfolio(folder)
    findings = check(portfolio, as_of)
    found = documents(portfolio, findings)
    return [d.title for d in found], [c.id for c in charts(portfolio, findings)]


# ---- which parts each family requires ----


def test_each_family_requires_only_what_every_such_agreement_has() -> None:
    schema = json.loads(run("schema").stdout)
    clauses = {
        c["properties"]["type"]["const"]: set(c["required"]) - {"id", "type"}
        for c in schema["properties"]["clauses"]["items"]["oneOf"]
        if "type" in c["properties"]  # not the deleted clause's
    }
    assert clauses["revolver"] == {"commitment", "maturity"}
    assert clauses["lease"] == {"spaces", "lease_years", "rent_due_day"}
    assert clauses["standstill"] == {"holder", "standstill"}
    # of the standstill period, only its end: how it ends with a Term is optional
    assert schema["$defs"]["Standstill"]["required"] == ["through"]


# ---- a term loan: a commitment, a maturity and one covenant ----


def test_term_loan_finds_the_line_the_maturity_and_the_covenant(term_loan: Path) -> None:
    found = check_json(term_loan)
    # no borrowing base: the line is the commitment; no availability, reports or fees
    assert found["values"] == {"line_cap": "8500000.00", "maturity": "2015-08-31"}
    latest, first = found["tests"]
    assert (first["test_date"], first["required"], first["actual"]) == (
        "2012-09-30",
        "1.2500",
        "1.2500",
    )
    assert (first["passed"], first["headroom"], first["driver_headroom"]["amount"]) == (
        True,
        "0.0000",
        "0.00",
    )
    assert (latest["test_date"], latest["actual"], latest["passed"], latest["headroom"]) == (
        "2012-12-31",
        "1.1250",
        False,
        "-0.1250",
    )
    # EBITDA must rise by 1.25 x 2,400,000 - 2,700,000 = 300,000
    assert latest["driver_headroom"] == {
        "item": "ebitda",
        "amount": "-300000.00",
        "trace": {
            "formula": "fixed_charge_cash_flow - required x fixed_charges",
            "inputs": {
                "fixed_charge_cash_flow": "2700000.00",
                "required": "1.25",
                "fixed_charges": "2400000.00",
            },
            "sources": [],
        },
    }
    assert found["status"] == "breach"
    [alert] = found["alerts"]
    assert alert["severity"] == "critical" and "shortfall 0.1250" in alert["message"]


def test_term_loan_obligations_are_its_test_dates_only(term_loan: Path) -> None:
    found = check_json(term_loan)
    # the year after 2013-02-15: four quarter ends, two of them Sundays (not rolled)
    assert [(o["due"], o["category"], o["note"]) for o in found["obligations"]] == [
        ("2013-03-31", "covenant_test", "falls on a Sunday; not rolled"),
        ("2013-06-30", "covenant_test", "falls on a Sunday; not rolled"),
        ("2013-09-30", "covenant_test", ""),
        ("2013-12-31", "covenant_test", ""),
    ]
    # the calendar of 2012 runs from the agreement's date: its first two quarter ends
    events = calendar_json(term_loan, "--from", "2012-01-01", "--to", "2012-12-31")
    assert [(e["date"], e["id"]) for e in events] == [
        ("2012-09-30", "covenant-test-2012-09-30"),
        ("2012-12-31", "covenant-test-2012-12-31"),
    ]
    assert [e["date"] for e in calendar_json(term_loan, "--from", "2015-08-01")] == [
        "2015-08-31"  # maturity, and nothing after it
    ]


def test_term_loan_verifies_and_prints(term_loan: Path) -> None:
    # cited: dated, commitment, maturity, the level, the four quarters; assumed: the two
    # definitions and when covenants are tested
    assert "vertex-term-loan: 5 cited, 3 assumed, 0 unsourced" in verified(term_loan)
    shown = terminal(term_loan)
    assert "$8,500,000.00" in shown and "2015-08-31" in shown
    for absent in ("vailability", "orrowing", "eporting", "fee"):
        assert absent not in shown


def test_term_loan_documents_and_charts(term_loan: Path) -> None:
    titles, chart_ids = contributions(term_loan, date(2013, 2, 15))
    assert titles == ["Compliance Certificate"]  # no borrowing base: no certificate of one
    assert chart_ids == ["chart-covenant-vertex-term-loan-min_fixed_charge_coverage"]


def test_collateral_refuses_a_sheet_without_a_borrowing_base(term_loan: Path) -> None:
    aging = term_loan / "aging.csv"
    aging.write_text("invoice_id,debtor_id,invoice_date,due_date,open_balance\n")
    error = parsed(
        one_error(
            run(
                "collateral",
                "--agreement",
                str(term_loan / "agreements" / "sheet.yaml"),
                "--as-of",
                "2013-02-15",
                "--receivables",
                str(aging),
            )
        )
    )
    assert (error.field, error.found) == (
        "term_loan.borrowing_base",
        "a revolver clause without a borrowing base",
    )
    assert "has a borrowing base" in error.expected


# ---- a lease: only its rent schedule ----


def test_lease_finds_the_rent_and_nothing_it_does_not_have(lease: Path) -> None:
    found = check_json(lease)
    assert found["values"] == {
        "base_rent": "92762.08",
        "base_rent_due": "92762.08",  # no abatement figure: the sheet has none
        "straight_line_rent": "106345.46",
        "deferred_rent_balance": "40750.14",
    }
    assert found["status"] == "ok" and found["alerts"] == []
    # the year after 2020-11-15: December to August at the first rate, September to
    # November at the second, and the second lease year's start
    rents = [(o["due"], o["amount"]) for o in found["obligations"] if o["id"].startswith("rent-")]
    assert rents == [
        *(
            (f"{month}-01", MONTHLY[0])
            for month in ("2020-12", *(f"2021-0{m}" for m in range(1, 9)))
        ),
        ("2021-09-01", MONTHLY[1]),
        ("2021-10-01", MONTHLY[1]),
        ("2021-11-01", MONTHLY[1]),
    ]
    others = [(o["due"], o["id"]) for o in found["obligations"] if not o["id"].startswith("rent-")]
    assert others == [("2021-09-01", "lease-year-2")]
    second = check_json(lease, "--as-of", "2021-09-01")["values"]
    assert second["base_rent"] == "95544.95"


def test_lease_calendar_verify_and_terminal(lease: Path) -> None:
    events = calendar_json(lease)  # 2020, the as-of year: from September, the first month
    assert [(e["date"], e["amount"], e["note"]) for e in events] == [
        ("2020-09-01", "92762.08", ""),
        ("2020-10-01", "92762.08", ""),
        ("2020-11-01", "92762.08", "falls on a Sunday; not rolled"),
        ("2020-12-01", "92762.08", ""),
    ]
    # cited: dated, the area, ten rates and the two monthly figures of Exhibit E, which are
    # recomputed from the rate and the area (rate x 30,085 / 12); assumed: the day the space is
    # leased from, twenty lease-year starts and ends, the due day
    assert (
        "exicure-lease: 14 cited, 24 assumed, 0 unsourced; 2 stated figures recomputed\n"
        "in all: 14 cited, 24 assumed, 0 unsourced; 2 stated figures recomputed; 0 failures"
    ) in verified(lease)
    shown = terminal(lease)
    assert "$92,762.08" in shown
    for absent in ("batement", "share", "TI allowance"):
        assert absent not in shown


def test_rent_roll_has_no_column_for_a_part_the_lease_lacks(lease: Path) -> None:
    target = lease / "roll.csv"
    result = run("rent", str(lease), "exicure-lease", "--csv", str(target))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert list(rows[0]) == [
        "month",
        "due",
        "lease_year",
        "rate_per_sf",
        "area_sf",
        "annual_base_rent",
        "base_rent",
        "base_rent_due",
        "straight_line_rent",
        "deferred_rent_balance",
    ]
    *months, total = rows
    assert len(months) == 120
    assert [months[12 * n]["base_rent"] for n in range(10)] == list(MONTHLY)
    # 12 x the ten monthly figures: 12 x 1,063,454.60
    assert sum(Decimal(m) for m in MONTHLY) * 12 == Decimal("12761455.20")
    assert total["base_rent"] == total["straight_line_rent"] == "12761455.20"


def test_lease_documents_and_charts(lease: Path) -> None:
    portfolio = load_portfolio(lease)
    findings = check(portfolio, date(2020, 11, 15))
    [roll] = documents(portfolio, findings)
    headings = [
        h for section in roll.sections if isinstance(section, Grid) for h in section.columns
    ]
    assert "abatement" not in headings and "proportionate share" not in headings
    assert "base rent due" in headings
    [chart] = charts(portfolio, findings)
    assert [s.name for s in chart.series] == ["Base rent due"]  # no abatement stacked on it


# ---- a cooperation agreement: an ownership cap, conduct covenants, no Term, no voting ----


def test_cooperation_finds_the_cap_and_no_term_or_votes(cooperation: Path) -> None:
    found = check_json(cooperation)
    assert found["values"] == {
        "ownership_as_of": "2020-12-31",
        "group_shares": "6250000",
        "rights_60d": "0",
        "shares_outstanding": "50000000",
        "ownership_pct": "12.50",
        "threshold_acquisition_cap": "at",  # exactly 12.5%: "up to 12.5%" allows it
        "standstill_active": "true",
        "standstill_end": "2021-05-01",
    }
    tests = {t["id"]: t["passed"] for t in found["tests"]}
    assert tests == {
        "acquisition_cap": True,
        "conduct_proxy_solicitation": True,
        "conduct_shareholder_proposal": True,
        "conduct_voting_trust": True,
        "conduct_group_formation": True,
    }
    [end] = found["obligations"]
    assert (end["due"], end["note"]) == ("2021-05-01", "falls on a Saturday; not rolled")
    assert found["status"] == "ok" and found["alerts"] == []


def test_cooperation_one_share_over_the_cap_is_a_breach(cooperation: Path) -> None:
    found = check_json(cooperation, "--as-of", "2021-03-31")
    cap = next(t for t in found["tests"] if t["id"] == "acquisition_cap")
    assert cap["passed"] is False
    [alert] = found["alerts"]
    assert alert["severity"] == "critical"
    assert "from 6,250,000 to 6,250,001" in alert["message"]


def test_cooperation_calendar_verify_and_terminal(cooperation: Path) -> None:
    events = calendar_json(cooperation, "--from", "2021-01-01", "--to", "2021-12-31")
    assert [(e["date"], e["id"]) for e in events] == [("2021-05-01", "standstill-end")]
    # cited: dated, the cap and the four conduct covenants; assumed: the Support Period's end
    assert "elf-marathon: 6 cited, 1 assumed, 0 unsourced" in verified(cooperation)
    shown = terminal(cooperation)
    assert "12.50%" in shown
    for absent in ("Term", "voted"):
        assert absent not in shown


def test_vote_says_there_is_no_voting_clause(cooperation: Path) -> None:
    votes = cooperation / "votes.csv"
    votes.write_text(
        "proposal,for,against,abstain,broker_non_votes,group_vote\ndirectors,100,50,0,0,for\n"
    )
    error = parsed(one_error(run("vote", str(cooperation), "elf-marathon", "--votes", str(votes))))
    assert (error.field, error.found) == (
        "cooperation.voting",
        "a standstill clause without a voting clause",
    )
    assert Path(error.file).name == "sheet.yaml"


def test_cooperation_report(cooperation: Path, tmp_path: Path) -> None:
    titles, chart_ids = contributions(cooperation, date(2020, 12, 31))
    assert titles == ["Ownership and Voting Report"]
    assert chart_ids == ["chart-ownership-elf-marathon"]
    out = tmp_path / "out"
    result = run("report", str(cooperation), "--out", str(out))
    assert result.exit_code == 0, result.output
    # named with the as-of date (the portfolio's, 2020-12-31)
    assert sorted(p.name for p in out.iterdir()) == [
        f"ownership-and-voting-elf-marathon-2020-12-31.{ext}" for ext in ("html", "pdf", "xlsx")
    ]
    page = (out / "ownership-and-voting-elf-marathon-2020-12-31.html").read_text()
    assert "acquisition cap" in page
    for absent in ("Term in force", "Shares voted freely", "How the shares must be voted"):
        assert absent not in page


# ---- the dashboard ----


@pytest.mark.parametrize(
    ("portfolio", "agreement", "figure"),
    [
        ("term_loan", "vertex-term-loan", "$8,500,000.00"),
        ("lease", "exicure-lease", "$92,762.08"),
        ("cooperation", "elf-marathon", "12.50%"),
    ],
)
def test_the_dashboard_shows_each_minimal_agreement(
    portfolio: str, agreement: str, figure: str, request: pytest.FixtureRequest
) -> None:
    from fastapi.testclient import TestClient  # imported here: only these tests serve pages

    from pactum.web.app import create_app

    client = TestClient(
        create_app(load_portfolio(request.getfixturevalue(portfolio))), base_url=LOOPBACK_URL
    )
    for path in ("/", "/charts", "/upload", f"/agreements/{agreement}"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "error:" not in response.text and "Traceback" not in response.text
    page = client.get(f"/agreements/{agreement}").text
    assert figure in page
    # no revolver with a borrowing base: nothing to upload an aging for
    assert f'value="{agreement}"' not in client.get("/upload").text


# ---- parts of the example taken away one at a time ----


def without(text: str, *keys: str) -> str:
    """A sheet's text without the blocks of `keys`, each written as in the sheet with its
    indentation (`"    reporting:"`): the key's line and every deeper line after it."""
    lines = text.splitlines(keepends=True)
    for key in keys:
        start = next(i for i, line in enumerate(lines) if line.rstrip() == key)
        depth = len(key) - len(key.lstrip())
        end = start + 1
        while end < len(lines) and (
            not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > depth
        ):
            end += 1
        del lines[start:end]
    return "".join(lines)


def edited_example(tmp_path: Path, sheet: str, edit: Callable[[str], str]) -> Path:
    folder = tmp_path / "innotrac"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "agreements" / sheet
    path.write_text(edit(path.read_text()))
    return folder


def test_a_revolver_without_borrowing_base_checks_draws_against_the_commitment(
    tmp_path: Path,
) -> None:
    folder = edited_example(
        tmp_path,
        "southtrust-abl.yaml",
        lambda text: without(text, "    borrowing_base:", "    reporting:", "    eligibility:"),
    )
    # BellSouth's consent is to a condition of the borrowing base: without it, the event
    # names a condition the sheet does not have (bad input), so it goes too
    events = folder / "facts" / "events.yaml"
    consent = (
        "- date: 2003-05-15\n  agreement: southtrust-abl\n  event: consent\n"
        "  condition: bellsouth_consent\n"
        "  note: BellSouth consents to the assignment of its contract with Innotrac to SouthTrust\n"
    )
    assert consent in events.read_text(encoding="utf-8")
    events.write_text(events.read_text(encoding="utf-8").replace(consent, ""), encoding="utf-8")
    found = check_json_of(folder, "southtrust-abl")
    ids = set(found["values"])
    assert not ids & (BORROWING_BASE_VALUES | AVAILABILITY_VALUES | REPORTING_VALUES)
    assert found["values"]["line_cap"] == "40000000.00"
    # the draw of 2004-01-05 against 40,000,000 less loans 28,500,000, letters of credit
    # 500,000 and reserves 250,000 of 2003-12-31: 10,750,000; 8,750,000 left after it
    [draw] = [t for t in found["tests"] if t["id"] == "draw_request"]
    assert (draw["required"], draw["headroom"], draw["passed"]) == (
        "10750000.00",
        "8750000.00",
        True,
    )
    # 2003 without its 24 borrowing-base reports: 13 fees, 3 statements, 4 test dates and
    # the lease's 9 rents
    entries = calendar_json(folder)
    assert len(entries) == 29
    assert not [e for e in entries if e["id"].startswith("borrowing-base-report")]
    titles, chart_ids = contributions(folder, date(2003, 12, 31))
    assert "Borrowing Base Certificate" not in titles and "Compliance Certificate" in titles
    assert "chart-availability-southtrust-abl" not in chart_ids


def test_a_revolver_without_reporting_keeps_its_availability(tmp_path: Path) -> None:
    before = check_json_of(EXAMPLE, "southtrust-abl")
    folder = edited_example(
        tmp_path, "southtrust-abl.yaml", lambda text: without(text, "    reporting:")
    )
    after = check_json_of(folder, "southtrust-abl")
    assert set(before["values"]) - set(after["values"]) == {
        "excess_availability",
        *REPORTING_VALUES,
    }
    assert after["values"]["availability"] == before["values"]["availability"]
    assert not [a for a in after["alerts"] if "weekly" in a["message"]]
    portfolio = load_portfolio(folder)
    findings = check(portfolio, date(2003, 12, 31))
    certificate = next(
        d for d in documents(portfolio, findings) if d.title == "Borrowing Base Certificate"
    )
    # the section that ends in availability (the previous certificate's grid may follow it)
    lines = next(s for s in certificate.sections if s.title == "Availability")
    assert isinstance(lines, Lines)
    # its last line is availability: no excess availability, threshold or next report
    assert lines.figures[-1].key == "availability"


def check_json_of(folder: Path, agreement: str) -> dict[str, Any]:
    result = run("check", str(folder), "--json")
    assert result.exit_code == 0, result.output
    return next(a for a in json.loads(result.stdout)["agreements"] if a["id"] == agreement)


def test_a_standstill_without_a_term_votes_in_proportion_while_in_force(tmp_path: Path) -> None:
    folder = edited_example(
        tmp_path, "ipof-standstill.yaml", lambda text: without(text, "    term:", "      ends:")
    )
    found = check_json_of(folder, "ipof-standstill")
    assert not {"term_active", "term_end", "threshold_term"} & set(found["values"])
    # 15% of 11,486,573 = 1,722,985.95, rounded down; 2,362,788 - 1,722,985 = 639,803
    assert (found["values"]["free_vote_shares"], found["values"]["excess_shares"]) == (
        "1722985",
        "639803",
    )


@pytest.mark.parametrize(
    ("sheet", "removed", "field", "found_text", "expected_word"),
    [
        (
            "southtrust-abl.yaml",
            ("    borrowing_base:", "    eligibility:"),
            "facility.reporting",
            "reporting without a borrowing_base",
            "excess availability",
        ),
        (
            "southtrust-abl.yaml",
            ("    financial_items:", "    definitions:", "    capex:"),
            "facility.covenants",
            "covenants without financial_items",
            "financial_items",
        ),
        (
            "southtrust-abl.yaml",
            ("    covenant_tests:",),
            "facility.covenants",
            "covenants without covenant_tests",
            "fiscal_quarter_end",
        ),
        (
            "ipof-standstill.yaml",
            ("    term:",),
            "standstill.standstill.ends",
            "earlier_of_term_and_date in a sheet with no term clause",
            "term clause",
        ),
    ],
)
def test_a_part_that_reads_an_absent_one_is_refused_in_one_line(
    tmp_path: Path,
    sheet: str,
    removed: tuple[str, ...],
    field: str,
    found_text: str,
    expected_word: str,
) -> None:
    folder = edited_example(tmp_path, sheet, lambda text: without(text, *removed))
    error = parsed(one_error(run("check", str(folder))))
    assert Path(error.file) == folder / "agreements" / sheet
    assert (error.field, error.found) == (field, found_text)
    assert expected_word in error.expected
