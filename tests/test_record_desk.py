"""A book's runs recorded in DuckDB (`pactum record`, `pactum recorded`), the previous
certificate read from them, and the desk's table (`pactum desk`).

The book is test_book's: acme (the Innotrac example) and beta (its SouthTrust revolver with
equity of $59,000,000 and a revolver balance of $30,000,000 at 12/31/03). By hand, at
2003-12-31:

    acme: borrowing base 34,875,000 = line cap (the base is under the $35,000,000 line);
          availability 34,875,000 - 28,500,000 - 500,000 - 250,000 = 5,625,000;
          5,625,000 / 34,875,000 = 16.129% -> 16.13%; reporting monthly (above 15%);
          tangible net worth 60,100,000 - 25,200,000 - 340,000 = 34,560,000 against the
          $34,000,000 minimum: headroom 560,000; fixed charge coverage 1.7596 against 1.75:
          0.0096, the least headroom as a share of its level, 0.0096 / 1.75 = 0.549% -> 0.55%;
          no breach; projected: tangible net worth at 3/31/04 on the forecast rows,
          59,700,000 - 25,200,000 - 320,000 = 34,180,000, short of 34,250,000 by 70,000: 1
    beta: borrowing base 32,925,000; availability 32,925,000 - 30,750,000 = 2,175,000;
          2,175,000 / 32,925,000 = 6.606% -> 6.61%; weekly (not above 15%); tangible net worth
          59,000,000 - 25,200,000 - 340,000 = 33,460,000: headroom -540,000, a breach; the same
          forecast, so 1 projected

The previous certificate: the example's certificate of 2003-11-30 has the 2003-10-31 row of
rollforward.csv before it, whose collateral is collateral.csv of 2003-09-30: receivables
23,500,000 x 85% = 19,975,000 advanced. Recorded on 2003-10-31 and then the facts changed to
20,000,000 receivables, the recorded certificate still shows 19,975,000; recomputed (no
database) it shows 20,000,000 x 85% = 17,000,000.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

import pactum.facts.recorded as recorded_module
from bad_input_support import EXAMPLE, line_number, one_error, run
from pactum.facts.recorded import DocumentRun, record_runs
from pactum.kinds.revolver.borrowing_base_certificate import from_portfolio
from pactum.portfolio import load_portfolio
from test_book import folder_book

YEAR_END = "2003-12-31"


def _rows(database: Path, sql: str) -> list[tuple[Any, ...]]:
    connection = duckdb.connect(str(database), read_only=True)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def _everything(database: Path) -> dict[str, list[tuple[Any, ...]]]:
    return {
        table: sorted(_rows(database, f"SELECT * FROM {table}"), key=repr)
        for table in ("runs", "documents", "figures")
    }


@pytest.fixture(scope="module")
def recorded_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book = folder_book(tmp_path_factory.mktemp("record"))
    result = run("record", str(book), "--as-of", YEAR_END)
    assert result.exit_code == 0, result.output
    return book


def test_recording_a_date_twice_keeps_one_record(recorded_book: Path) -> None:
    database = recorded_book / "pactum.duckdb"
    before = _everything(database)
    result = run("record", str(recorded_book), "--as-of", YEAR_END)
    assert result.exit_code == 0, result.output
    assert _everything(database) == before
    runs = _rows(database, "SELECT borrower_id, as_of FROM runs ORDER BY borrower_id")
    assert runs == [("acme", date(2003, 12, 31)), ("beta", date(2003, 12, 31))]
    bases = _rows(
        database,
        "SELECT borrower_id, value FROM figures WHERE kind = 'borrowing-base-certificate' "
        "AND key IN ('borrowing_base', 'availability') ORDER BY borrower_id, key",
    )
    assert bases == [
        ("acme", "5625000.00"),
        ("acme", "34875000.00"),
        ("beta", "2175000.00"),
        ("beta", "32925000.00"),
    ]
    [[findings]] = _rows(database, "SELECT findings FROM runs WHERE borrower_id = 'beta'")
    assert [a["id"] for a in json.loads(findings)["agreements"]] == ["southtrust-abl"]


def test_recorded_lists_the_runs(recorded_book: Path) -> None:
    result = run("recorded", str(recorded_book), "--json")
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)["runs"]
    assert [(r["borrower"], r["as_of"], r["agreements"]) for r in listed] == [
        ("acme", YEAR_END, 3),
        ("beta", YEAR_END, 1),
    ]
    one = json.loads(run("recorded", str(recorded_book), "--borrower", "beta", "--json").stdout)
    assert [r["borrower"] for r in one["runs"]] == ["beta"]


def test_a_bad_fact_file_records_nothing(tmp_path: Path) -> None:
    book = folder_book(tmp_path)
    assert run("record", str(book), "--as-of", YEAR_END).exit_code == 0
    database = book / "pactum.duckdb"
    before = _everything(database)
    loans = book / "borrowers" / "beta" / "facts" / "loans.csv"
    loans.write_text(loans.read_text().replace("2003-12-31,", "2003-13-31,"), encoding="utf-8")
    line = one_error(run("record", str(book), "--as-of", YEAR_END))
    assert "loans.csv" in line and "2003-13-31" in line
    assert _everything(database) == before


def test_an_exception_mid_write_leaves_the_database_as_it_was(
    recorded_book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = recorded_book / "pactum.duckdb"
    before = _everything(database)
    written: list[str] = []
    real = recorded_module._write_run

    def second_fails(connection: Any, as_of: date, one: DocumentRun) -> None:
        if written:
            raise RuntimeError("injected after the first borrower's rows")
        real(connection, as_of, one)
        written.append(one.borrower_id or "")

    monkeypatch.setattr(recorded_module, "_write_run", second_fails)
    runs = [
        DocumentRun("acme", "Acme", {"agreements": []}, ()),
        DocumentRun("beta", "Beta", {"agreements": []}, ()),
    ]
    with pytest.raises(RuntimeError):
        record_runs(database, date(2003, 12, 31), runs)
    assert written == ["acme"]  # acme's rows were deleted and written, then rolled back
    assert _everything(database) == before


def _previous_advance(portfolio: Path) -> tuple[Decimal, str]:
    found = from_portfolio(load_portfolio(portfolio), "southtrust-abl", date(2003, 11, 30))
    document = found.document()
    advance = document.figure("previous:receivables_advance").value
    assert isinstance(advance, Decimal)
    grid = next(s for s in document.sections if s.title == "Previous certificate")
    return advance, grid.notes[0]


def test_the_previous_certificate_is_read_from_the_database(tmp_path: Path) -> None:
    portfolio = tmp_path / "innotrac"
    shutil.copytree(EXAMPLE, portfolio)
    assert run("record", str(portfolio), "--as-of", "2003-10-31").exit_code == 0
    collateral = portfolio / "facts" / "collateral.csv"
    old = "2003-09-30,receivables_eligible,23500000.00"
    text = collateral.read_text(encoding="utf-8")
    assert text.count(old) == 1
    collateral.write_text(text.replace(old, "2003-09-30,receivables_eligible,20000000.00"))
    advance, note = _previous_advance(portfolio)
    assert advance == Decimal("19975000.00")
    assert "as recorded" in note
    (portfolio / "pactum.duckdb").unlink()
    advance, note = _previous_advance(portfolio)
    assert advance == Decimal("17000000.00")
    assert "computed from the same facts" in note


def _desk(book: Path, *options: str) -> list[dict[str, Any]]:
    result = run("desk", str(book), "--as-of", YEAR_END, "--json", *options)
    assert result.exit_code == 0, result.output
    facilities: list[dict[str, Any]] = json.loads(result.stdout)["facilities"]
    return facilities


def test_the_desk_shows_every_facility_of_the_book(recorded_book: Path) -> None:
    acme, beta = _desk(recorded_book)
    assert (acme["borrower"], acme["agreement"]) == ("acme", "southtrust-abl")
    assert acme["availability"] == "5625000.00" and acme["line_cap"] == "34875000.00"
    assert acme["availability_pct"] == "16.13" and acme["reporting"] == "monthly"
    assert acme["least_headroom_pct"] == "0.55"
    assert (acme["breaches"], acme["projected"]) == (0, 1)
    tnw = {c["id"]: c for c in acme["covenants"]}["min_tangible_net_worth"]
    assert (tnw["test_date"], tnw["headroom"], tnw["passed"]) == (YEAR_END, "560000.00", True)
    assert beta["availability"] == "2175000.00" and beta["availability_pct"] == "6.61"
    assert beta["reporting"] == "weekly"
    assert (beta["breaches"], beta["projected"]) == (1, 1)
    tnw = {c["id"]: c for c in beta["covenants"]}["min_tangible_net_worth"]
    assert (tnw["headroom"], tnw["passed"]) == ("-540000.00", False)
    # the first obligation on or after the date: the quarter-end covenant test that day
    assert acme["next_deadline"] == YEAR_END


def test_the_desk_sorts_and_filters(recorded_book: Path) -> None:
    ordered = _desk(recorded_book, "--sort", "availability_pct")
    assert [r["borrower"] for r in ordered] == ["beta", "acme"]
    ordered = _desk(recorded_book, "--sort", "availability_pct", "--descending")
    assert [r["borrower"] for r in ordered] == ["acme", "beta"]
    assert [r["borrower"] for r in _desk(recorded_book, "--filter", "breaches>0")] == ["beta"]
    assert [r["borrower"] for r in _desk(recorded_book, "--filter", "availability_pct<10")] == [
        "beta"
    ]
    # exactly met: 16.13% shown is 16.129...%, below 16.13 and above 16.12
    assert _desk(recorded_book, "--filter", "availability_pct>=16.13") == []
    assert [r["borrower"] for r in _desk(recorded_book, "--filter", "reporting=Monthly")] == [
        "acme"
    ]
    assert [r["borrower"] for r in _desk(recorded_book, "--borrower", "acme")] == ["acme"]


def test_the_desk_in_the_terminal_cuts_no_figure(recorded_book: Path) -> None:
    result = run("desk", str(recorded_book), "--as-of", YEAR_END)
    assert result.exit_code == 0, result.output
    for figure in ("$5,625,000.00", "16.13%", "$2,175,000.00", "6.61%", "weekly", "breach"):
        assert figure in result.stdout
    # each covenant by its title: 34,560,000 tangible net worth against the 34,000,000 minimum
    # of 12/31/03 leaves 560,000 (the example's acme); no sheet id such as min_tangible_net_worth
    # (the cell wraps in its column, so its words are checked, not the line)
    assert "$560,000.00" in result.stdout and "Minimum" in result.stdout
    assert "min_tangible_net_worth" not in result.stdout
    # a covenant a line: its headroom is never followed by the next covenant's name
    assert "$560,000.00;" not in result.stdout


def test_an_unknown_sort_column_is_one_line(recorded_book: Path) -> None:
    line = one_error(run("desk", str(recorded_book), "--sort", "headroom"))
    assert line.startswith("error: --sort: found 'headroom'; expected a column of the desk:")
    assert "availability_pct" in line


def test_a_bad_filter_is_one_line(recorded_book: Path) -> None:
    line = one_error(run("desk", str(recorded_book), "--filter", "breaches>some"))
    assert line.startswith("error: --filter: found 'breaches>some'")
    line = one_error(run("desk", str(recorded_book), "--filter", "reporting<weekly"))
    assert "= or !=" in line


def test_a_database_that_is_not_duckdb_is_one_line(tmp_path: Path) -> None:
    book = folder_book(tmp_path)
    config = book / "portfolio.yaml"
    text = config.read_text(encoding="utf-8") + "database: postgresql://desk/book\n"
    config.write_text(text, encoding="utf-8")
    line = one_error(run("record", str(book), "--as-of", YEAR_END))
    assert f"portfolio.yaml:line {line_number(text, 'database:')}: database: found" in line
    assert "database" in line and "only DuckDB" in line
    assert not (book / "pactum.duckdb").exists()


def test_a_database_named_in_portfolio_yaml(tmp_path: Path) -> None:
    book = folder_book(tmp_path)
    config = book / "portfolio.yaml"
    config.write_text(config.read_text() + "database: duckdb://history/desk.duckdb\n")
    (book / "history").mkdir()
    assert run("record", str(book), "--as-of", YEAR_END, "--borrower", "beta").exit_code == 0
    assert _rows(book / "history" / "desk.duckdb", "SELECT borrower_id FROM runs") == [("beta",)]
    assert not (book / "pactum.duckdb").exists()
