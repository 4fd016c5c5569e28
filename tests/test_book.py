"""A book: two borrowers in one portfolio, each with its own agreements and facts.

The book is built here from copies of the Innotrac example. Borrower `acme` is the example
as it is; borrower `beta` holds a copy of the SouthTrust revolver with facts of its own: the
example's, except

- total equity at 12/31/03 of $59,000,000 (the example's: $60,100,000), so its tangible net
  worth is 59,000,000 - 25,200,000 goodwill - 340,000 other intangibles = $33,460,000, short of
  the $34,000,000 minimum by $540,000 (the example's $34,560,000 passes);
- a revolver balance at 12/31/03 of $30,000,000 (the example's: $28,500,000);
- its events: one draw request of $5,000,000 on 1/10/04, and not the example's. So BellSouth's
  consent (acme's event of 5/15/03) does not reach it: its $13,000,000 of BellSouth inventory
  is advanced at 50%, not 65%. Borrowing base: 85% x 20,500,000 receivables = 17,425,000, plus
  50% x 18,000,000 inventory = 9,000,000, plus 50% x 13,000,000 = 6,500,000: $32,925,000
  (acme: 65% x 13,000,000 = 8,450,000, so $34,875,000). Availability: 32,925,000 less
  30,000,000 outstanding, $500,000 of letters of credit and $250,000 of reserves = $2,175,000
  (acme: 34,875,000 - 29,250,000 = $5,625,000); excess availability 2,175,000 / 32,925,000 =
  6.61%, not above 15%: weekly reports (acme: 16.13%, monthly). Its draw leaves
  2,175,000 - 5,000,000 = -$2,825,000; acme's own draw request (1/5/04, $2,000,000) leaves
  5,625,000 - 2,000,000 = $3,625,000 and is acme's alone.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from bad_input_support import EXAMPLE, assert_error, line_number, one_error, run

SHEET = "agreements/southtrust-abl.yaml"
ACME = "Acme Corporation (the Innotrac example)"
BETA = "Beta Logistics"

BETA_EVENTS = """\
- date: 2004-01-10
  agreement: southtrust-abl
  event: draw_request
  amount: 5000000
"""


def _beta_facts(folder: Path) -> None:
    """The example's facts, less its events, with beta's equity, loans and draw."""
    financials = folder / "financials.csv"
    old = "2003-12-31,total_equity,60100000.00,actual"
    text = financials.read_text(encoding="utf-8")
    assert text.count(old) == 1
    financials.write_text(text.replace(old, "2003-12-31,total_equity,59000000.00,actual"))
    loans = folder / "loans.csv"
    old = "2003-12-31,28500000.00,500000.00,250000.00"
    text = loans.read_text(encoding="utf-8")
    assert text.count(old) == 1
    loans.write_text(text.replace(old, "2003-12-31,30000000.00,500000.00,250000.00"))
    (folder / "events.yaml").write_text(BETA_EVENTS, encoding="utf-8")


def folder_book(tmp_path: Path) -> Path:
    """A book with a folder per borrower: borrowers/<id>/agreements, documents, facts."""
    book = tmp_path / "book"
    acme = book / "borrowers" / "acme"
    for name in ("agreements", "documents", "facts"):
        shutil.copytree(EXAMPLE / name, acme / name)
    beta = book / "borrowers" / "beta"
    (beta / "agreements").mkdir(parents=True)
    shutil.copy(EXAMPLE / SHEET, beta / SHEET)
    shutil.copytree(EXAMPLE / "documents", beta / "documents")
    shutil.copytree(EXAMPLE / "facts", beta / "facts")
    _beta_facts(beta / "facts")
    (book / "portfolio.yaml").write_text(
        "book: Example lending desk\n"
        "calendar: {country: US, subdiv: GA}\n"
        "as_of: 2003-12-31\n"
        "borrowers:\n"
        f"  - {{id: acme, name: {ACME}}}\n"
        f"  - {{id: beta, name: {BETA}}}\n",
        encoding="utf-8",
    )
    return book


def _with_borrower(text: str, borrower: str) -> list[str]:
    """A CSV's lines with a borrower_id column."""
    header, *rows = [line for line in text.splitlines() if line.strip()]
    return [f"{header},borrower_id"] if borrower == "" else [f"{row},{borrower}" for row in rows]


def facts_book(tmp_path: Path) -> Path:
    """The same two borrowers at the book's level: one sheet listed for each, and the book's
    fact files with a borrower_id column (events with a borrower_id key)."""
    book = tmp_path / "book"
    beta = tmp_path / "beta-facts"
    shutil.copytree(EXAMPLE / "facts", beta)
    _beta_facts(beta)
    (book / "agreements").mkdir(parents=True)
    shutil.copy(EXAMPLE / SHEET, book / SHEET)
    shutil.copytree(EXAMPLE / "documents", book / "documents")
    (book / "facts").mkdir()
    for name in ("financials.csv", "collateral.csv", "loans.csv"):
        acme_text = (EXAMPLE / "facts" / name).read_text(encoding="utf-8")
        beta_text = (beta / name).read_text(encoding="utf-8")
        lines = (
            _with_borrower(acme_text, "")
            + _with_borrower(acme_text, "acme")
            + _with_borrower(beta_text, "beta")
        )
        (book / "facts" / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (book / "facts" / "events.yaml").write_text(
        _southtrust_events("acme") + BETA_EVENTS.replace("event:", "borrower_id: beta\n  event:"),
        encoding="utf-8",
    )
    (book / "portfolio.yaml").write_text(
        "book: Example lending desk\n"
        "calendar: {country: US, subdiv: GA}\n"
        "as_of: 2003-12-31\n"
        "borrowers:\n"
        f"  - {{id: acme, name: {ACME}}}\n"
        f"  - {{id: beta, name: {BETA}}}\n"
        "agreements:\n"
        f"  - {{sheet: {SHEET}, borrower: acme}}\n"
        f"  - {{sheet: {SHEET}, borrower: beta}}\n",
        encoding="utf-8",
    )
    return book


def _southtrust_events(borrower: str) -> str:
    """The example's SouthTrust events (as its events.yaml lists them), for `borrower`."""
    return f"""\
- date: 2003-03-20
  agreement: southtrust-abl
  borrower_id: {borrower}
  event: draw_request
  amount: 5000000
- date: 2003-05-15
  agreement: southtrust-abl
  borrower_id: {borrower}
  event: consent
  condition: bellsouth_consent
- date: 2003-05-20
  agreement: southtrust-abl
  borrower_id: {borrower}
  event: audit
- date: 2003-09-15
  agreement: southtrust-abl
  borrower_id: {borrower}
  event: audit
- date: 2004-01-05
  agreement: southtrust-abl
  borrower_id: {borrower}
  event: draw_request
  amount: 2000000
"""


def check_json(book: Path, *options: str) -> dict[str, Any]:
    result = run("check", str(book), "--json", *options)
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def revolver_of(document: dict[str, Any], borrower: str) -> dict[str, Any]:
    agreements: list[dict[str, Any]] = document["agreements"]
    [found] = [a for a in agreements if a["borrower"] == borrower and a["id"] == "southtrust-abl"]
    return found


def named_tests(found: dict[str, Any], test_id: str) -> list[dict[str, Any]]:
    return [t for t in found["tests"] if t["id"] == test_id]


YEAR_END = "2003-12-31"


BUILDERS = pytest.mark.parametrize("build", [folder_book, facts_book], ids=["folders", "facts"])


@BUILDERS
def test_borrowers_do_not_see_each_others_facts_or_events(tmp_path: Path, build: Any) -> None:
    document = check_json(build(tmp_path))
    assert document["company"] == "Example lending desk"
    assert document["borrowers"] == [{"id": "acme", "name": ACME}, {"id": "beta", "name": BETA}]
    acme, beta = revolver_of(document, "acme"), revolver_of(document, "beta")
    # each on its own collateral, loans and events (BellSouth's consent is acme's)
    assert acme["values"]["borrowing_base"] == "34875000.00"
    assert beta["values"]["borrowing_base"] == "32925000.00"
    assert acme["values"]["availability"] == "5625000.00"
    assert beta["values"]["availability"] == "2175000.00"
    assert acme["values"]["excess_availability_pct"] == "16.13"
    assert beta["values"]["excess_availability_pct"] == "6.61"
    # tangible net worth at 12/31/03 against $34,000,000: each on its own financials
    [acme_tnw] = [
        t for t in named_tests(acme, "min_tangible_net_worth") if t["test_date"] == YEAR_END
    ]
    [beta_tnw] = [
        t for t in named_tests(beta, "min_tangible_net_worth") if t["test_date"] == YEAR_END
    ]
    assert (acme_tnw["actual"], acme_tnw["passed"]) == ("34560000.00", True)
    assert (beta_tnw["actual"], beta_tnw["passed"], beta_tnw["headroom"]) == (
        "33460000.00",
        False,
        "-540000.00",
    )
    # each borrower's draw requests and no other's
    acme_draws = [(t["test_date"], t["passed"]) for t in named_tests(acme, "draw_request")]
    beta_draws = [(t["test_date"], t["passed"]) for t in named_tests(beta, "draw_request")]
    assert acme_draws == [("2004-01-05", True)]
    assert beta_draws == [("2004-01-10", False)]
    assert "3,625,000.00" in named_tests(acme, "draw_request")[0]["note"]
    assert "-$2,825,000.00" in named_tests(beta, "draw_request")[0]["note"]
    assert (acme["status"], beta["status"]) == ("watch", "breach")


def test_the_folder_book_holds_each_borrowers_agreements(tmp_path: Path) -> None:
    document = check_json(folder_book(tmp_path))
    listed = [(a["borrower"], a["id"]) for a in document["agreements"]]
    # a borrower's folder: its agreements/*.yaml in name order
    assert listed == [
        ("acme", "ipof-standstill"),
        ("acme", "southtrust-abl"),
        ("acme", "windham-lease"),
        ("beta", "southtrust-abl"),
    ]


@BUILDERS
def test_one_borrower(tmp_path: Path, build: Any) -> None:
    book = build(tmp_path)
    document = check_json(book, "--borrower", "beta")
    assert document["borrowers"] == [{"id": "beta", "name": BETA}]
    assert [(a["borrower"], a["id"]) for a in document["agreements"]] == [
        ("beta", "southtrust-abl")
    ]
    result = run("check", str(book), "--borrower", "beta")
    assert result.exit_code == 0, result.output
    assert "Borrower beta" in result.stdout and "Borrower acme" not in result.stdout


def test_one_borrower_is_read_alone(tmp_path: Path) -> None:
    # acme's term sheet is broken: the whole book stops on it, beta alone does not read it
    book = folder_book(tmp_path)
    sheet = book / "borrowers" / "acme" / SHEET
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\n  - [unclosed\n", encoding="utf-8")
    whole = run("check", str(book))
    assert whole.exit_code == 2
    assert str(Path("borrowers") / "acme" / SHEET) in one_error(whole)
    alone = run("check", str(book), "--borrower", "beta")
    assert alone.exit_code == 0, alone.output
    assert "Borrower beta" in alone.stdout
    # the book itself is still checked whole: a borrower's id twice stops either run
    config = book / "portfolio.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + f"  - {{id: acme, name: {ACME}}}\n", encoding="utf-8")
    twice = run("check", str(book), "--borrower", "beta")
    assert "a second borrower with id 'acme'" in one_error(twice)


def test_the_calendar_of_the_book_and_of_one_borrower(tmp_path: Path) -> None:
    book = folder_book(tmp_path)
    result = run("calendar", str(book), "--json", "--from", "2004-01-01", "--to", "2004-01-31")
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)["events"]
    assert {e["borrower"] for e in events} == {"acme", "beta"}
    # the two copies of one revolver, told apart by their uids
    assert len({e["uid"] for e in events}) == len(events)
    reports = sorted(
        (e["borrower"], e["date"]) for e in events if "borrowing-base report" in e["what"]
    )
    # acme's monthly report for December by 1/15; beta's weekly, on Wednesdays
    assert reports == [
        ("acme", "2004-01-15"),
        ("beta", "2004-01-07"),
        ("beta", "2004-01-14"),
        ("beta", "2004-01-21"),
        ("beta", "2004-01-28"),
    ]
    result = run("calendar", str(book), "--json", "--borrower", "beta", "--from", "2004-01-01")
    assert result.exit_code == 0, result.output
    only = json.loads(result.stdout)
    assert {e["borrower"] for e in only["events"]} == {"beta"}
    assert {e["agreement"] for e in only["events"]} == {"southtrust-abl"}


def test_a_one_company_portfolio_keeps_its_shape(tmp_path: Path) -> None:
    document = check_json(EXAMPLE)
    assert "borrowers" not in document
    assert all("borrower" not in a for a in document["agreements"])


def test_collateral_over_the_book(tmp_path: Path) -> None:
    """Each borrower's certificate from its own aging: beta's has no aging, so only acme's
    (the example's 2003-11-30 detail) is made, and --borrower beta says there is none."""
    book = folder_book(tmp_path)
    shutil.rmtree(book / "borrowers" / "beta" / "facts" / "receivables")
    result = run("collateral", str(book), "--as-of", "2003-11-30", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [c["borrower"] for c in document["certificates"]] == ["acme"]
    assert "borrower beta: no aging dated on or before 2003-11-30" in result.stderr
    # acme's certificate is the example's own
    example = run("collateral", str(EXAMPLE), "--as-of", "2003-11-30", "--json")
    assert example.exit_code == 0, example.output
    expected = json.loads(example.stdout)
    got = document["certificates"][0]
    assert got["borrowers"] == expected["borrowers"]
    result = run("collateral", str(book), "--as-of", "2003-11-30", "--borrower", "beta")
    assert result.exit_code == 2
    assert "--receivables" in one_error(result)


# --- bad input -------------------------------------------------------------------------------


def test_a_fact_row_for_a_borrower_the_book_does_not_have(tmp_path: Path) -> None:
    book = facts_book(tmp_path)
    loans = book / "facts" / "loans.csv"
    text = loans.read_text(encoding="utf-8").replace(
        "2003-12-31,30000000.00,500000.00,250000.00,beta",
        "2003-12-31,30000000.00,500000.00,250000.00,gamma",
    )
    loans.write_text(text, encoding="utf-8")
    assert_error(
        run("check", str(book)),
        book,
        "facts/loans.csv",
        unit="row",
        number=line_number(text, "gamma"),
        field="borrower_id",
        found="'gamma'",
        expected=("one of the book's borrowers", "acme", "beta"),
    )


def test_an_event_for_a_borrower_the_book_does_not_have(tmp_path: Path) -> None:
    book = facts_book(tmp_path)
    events = book / "facts" / "events.yaml"
    text = events.read_text(encoding="utf-8").replace("borrower_id: beta", "borrower_id: gamma")
    events.write_text(text, encoding="utf-8")
    assert_error(
        run("check", str(book)),
        book,
        "facts/events.yaml",
        unit="line",
        number=line_number(text, "gamma"),
        field="borrower_id",
        found="'gamma'",
        expected=("one of the book's borrowers", "acme", "beta"),
    )


def test_a_book_fact_file_without_borrower_id(tmp_path: Path) -> None:
    book = facts_book(tmp_path)
    shutil.copy(EXAMPLE / "facts" / "loans.csv", book / "facts" / "loans.csv")
    assert_error(
        run("check", str(book)),
        book,
        "facts/loans.csv",
        unit="row",
        number=1,
        field="borrower_id",
        found="no such column",
        expected=("borrower_id column",),
    )


def test_two_borrowers_with_the_same_id(tmp_path: Path) -> None:
    book = folder_book(tmp_path)
    config = book / "portfolio.yaml"
    text = config.read_text(encoding="utf-8").replace("{id: beta,", "{id: acme,")
    config.write_text(text, encoding="utf-8")
    assert_error(
        run("check", str(book)),
        book,
        "portfolio.yaml",
        unit="line",
        number=line_number(text, BETA),
        field="borrowers.1.id",
        found="a second borrower with id 'acme'",
        expected=("unique borrower ids",),
    )


def test_an_agreement_that_names_no_borrower(tmp_path: Path) -> None:
    book = facts_book(tmp_path)
    config = book / "portfolio.yaml"
    text = config.read_text(encoding="utf-8").replace(
        f"  - {{sheet: {SHEET}, borrower: beta}}\n", f"  - {SHEET}\n"
    )
    config.write_text(text, encoding="utf-8")
    assert_error(
        run("check", str(book)),
        book,
        "portfolio.yaml",
        unit="line",
        number=line_number(text, f"  - {SHEET}"),
        field="agreements.1",
        found="names no borrower",
        expected=("borrower: <id>", "acme", "beta"),
    )


def test_an_agreement_of_a_borrower_the_book_does_not_have(tmp_path: Path) -> None:
    book = facts_book(tmp_path)
    config = book / "portfolio.yaml"
    text = config.read_text(encoding="utf-8").replace("borrower: beta}", "borrower: gamma}")
    config.write_text(text, encoding="utf-8")
    assert_error(
        run("check", str(book)),
        book,
        "portfolio.yaml",
        unit="line",
        number=line_number(text, "gamma"),
        field="agreements.1.borrower",
        found="'gamma'",
        expected=("acme", "beta"),
    )


def test_an_event_of_another_borrowers_agreement(tmp_path: Path) -> None:
    """beta's events.yaml cannot reach acme's standstill: beta has no such agreement."""
    book = folder_book(tmp_path)
    events = book / "borrowers" / "beta" / "facts" / "events.yaml"
    text = BETA_EVENTS + "- date: 2003-12-24\n  agreement: ipof-standstill\n  event: notice\n"
    events.write_text(text, encoding="utf-8")
    assert_error(
        run("check", str(book)),
        book,
        "borrowers/beta/facts/events.yaml",
        unit="line",
        number=line_number(text, "ipof-standstill"),
        field="agreement",
        found="'ipof-standstill'",
        expected=("southtrust-abl",),
    )


@pytest.mark.parametrize("command", ["check", "calendar", "report", "collateral"])
def test_an_unknown_borrower(tmp_path: Path, command: str) -> None:
    book = folder_book(tmp_path)
    extra = ["--out", str(tmp_path / "out")] if command == "report" else []
    result = run(command, str(book), "--borrower", "gamma", *extra)
    assert one_error(result) == (
        "error: --borrower: found 'gamma'; expected one of the book's borrowers: acme, beta"
    )
    assert not (tmp_path / "out").exists()


def test_a_borrower_in_a_one_company_portfolio(tmp_path: Path) -> None:
    result = run("check", str(EXAMPLE), "--borrower", "acme")
    assert "--borrower: found 'acme'; expected no borrower" in one_error(result)


def test_a_command_that_reads_one_company_refuses_a_book_of_several(tmp_path: Path) -> None:
    book = folder_book(tmp_path)
    text = (book / "portfolio.yaml").read_text(encoding="utf-8")
    assert_error(
        run("verify", str(book)),
        book,
        "portfolio.yaml",
        unit="line",
        number=line_number(text, "{id: acme"),
        field="borrowers",
        found="a book of 2 borrowers",
        expected=("a portfolio of one company", "--borrower"),
    )


def test_the_report_of_one_borrower(tmp_path: Path) -> None:
    """beta's certificates, named after it, on its own figures (its $540,000 shortfall)."""
    book = folder_book(tmp_path)
    result = run("report", str(book), "--out", str(tmp_path / "out"), "--borrower", "beta")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names and all(name.startswith("beta-") for name in names)
    # named with the as-of date too (the book's, 2003-12-31), as every document is
    html = (
        tmp_path / "out" / "beta-compliance-certificate-southtrust-abl-2003-12-31.html"
    ).read_text()
    assert BETA in html and "33,460,000.00" in html and ACME not in html
