"""What the bad-input suite (tests/test_fuzz_inputs.py) found, each fixed and kept here as a
plain test; each failed on the code before the fix. Lines and rows are counted by hand in the
example's files."""

from __future__ import annotations

from pathlib import Path

import pytest

from bad_input_support import check, copy_example, one_error, parsed, replace_once, run

RECEIVABLES = "facts/receivables/2003-11-30.csv"


def test_a_portfolio_as_of_out_of_range_is_one_line(tmp_path: Path) -> None:
    # was an OverflowError traceback (exit 1): `--as-of 0001-01-01` was refused, the same date
    # in portfolio.yaml was not
    folder = copy_example(tmp_path)
    replace_once(folder / "portfolio.yaml", "as_of: 2003-12-31", "as_of: 0001-01-01")
    error = parsed(one_error(check(folder)))
    # line 6: comment, company, fiscal_year_end_month, calendar, comment, as_of
    assert (Path(error.file).name, error.number, error.field) == ("portfolio.yaml", 6, "as_of")
    assert error.found == "0001-01-01"
    assert error.expected == "a date from 1900-01-01 to 2199-12-31"


@pytest.mark.parametrize(("content", "found"), [("", "an empty file"), ("- a\n", "list")])
def test_a_portfolio_file_that_is_not_a_mapping_names_line_1(
    tmp_path: Path, content: str, found: str
) -> None:
    # an empty portfolio.yaml was "portfolio.yaml: (top): found None; expected Input should be
    # a valid dictionary ...", with no line
    folder = copy_example(tmp_path)
    (folder / "portfolio.yaml").write_text(content, encoding="utf-8")
    error = parsed(one_error(check(folder)))
    assert (Path(error.file).name, error.number, error.field) == ("portfolio.yaml", 1, "portfolio")
    assert error.found == found
    assert "company, agreements" in error.expected


def test_a_utf16_detail_file_names_row_1(tmp_path: Path) -> None:
    # was "2003-11-30.csv: file: found a byte that is not UTF-8 text (0xff)", with no row
    folder = copy_example(tmp_path)
    path = folder / RECEIVABLES
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    result = run("check", str(folder), "--as-of", "2003-11-30")  # the detail's date
    error = parsed(one_error(result))
    assert (Path(error.file).name, error.unit, error.number) == ("2003-11-30.csv", "row", 1)
    assert (error.field, error.found, error.expected) == ("encoding", "UTF-16 text", "UTF-8 text")


def test_a_latin1_byte_in_a_detail_file_names_its_row(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    path = folder / RECEIVABLES
    rows = path.read_bytes().split(b"\n")
    rows[1] = rows[1].replace(b"BellSouth", b"BellSouth Caf\xe9")  # row 2, the first invoice
    path.write_bytes(b"\n".join(rows))
    result = run(
        "collateral",
        "--agreement",
        str(folder / "agreements" / "southtrust-abl.yaml"),
        "--as-of",
        "2003-11-30",
        "--receivables",
        str(path),
    )
    error = parsed(one_error(result))
    assert (Path(error.file).name, error.unit, error.number) == ("2003-11-30.csv", "row", 2)
    assert (error.field, error.found) == ("encoding", "byte 0xe9, which is not UTF-8")


@pytest.mark.parametrize(
    ("listed", "reason"), [("/", "a folder"), ("no-such.yaml", "no such file")]
)
def test_an_agreement_listed_that_is_not_a_file_names_its_line_in_the_portfolio(
    tmp_path: Path, listed: str, reason: str
) -> None:
    # was "error: /nonexistent: file: found a folder; expected a readable YAML file": the file
    # listed, with no line, rather than the listing in portfolio.yaml
    folder = copy_example(tmp_path)
    replace_once(folder / "portfolio.yaml", "  - agreements/windham-lease.yaml", f"  - {listed}")
    error = parsed(one_error(check(folder)))
    # line 9: the second item under agreements (line 7)
    assert (Path(error.file).name, error.number, error.field) == (
        "portfolio.yaml",
        9,
        "agreements.1",
    )
    assert error.found == f"{str(folder / listed)!r} ({reason})"
    assert error.expected == "a term sheet file (YAML)"


@pytest.mark.parametrize("written", ["2003-02-30", "2003-13-01"])
def test_a_schedule_key_that_is_no_date_is_one_line(tmp_path: Path, written: str) -> None:
    # was a ValueError traceback (exit 1): part A refused such a date as a value, not as a key
    folder = copy_example(tmp_path)
    replace_once(
        folder / "agreements" / "southtrust-abl.yaml",
        '2003-03-31: {value: 32500000, cite: "Minimum Tangible Net Worth',
        f'{written}: {{value: 32500000, cite: "Minimum Tangible Net Worth',
    )
    error = parsed(one_error(check(folder)))
    # line 121: the first row of the tangible net worth covenant's schedule
    assert (Path(error.file).name, error.number) == ("southtrust-abl.yaml", 121)
    assert error.field == f"clauses.0.covenants.0.schedule.{written}"
    assert (error.found, error.expected) == (repr(written), "a date that exists")
