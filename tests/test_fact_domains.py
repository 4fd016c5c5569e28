"""Facts and the files they come from: impossible ones refused (exit 2, one line naming the
file, the row or line, the field, what was found and what was expected), doubtful ones warned
in the findings.

Impossible: a negative loan balance, a column named twice, an ISO week date, a facts folder
or a document that is not where the portfolio says (a document outside the portfolio unless
the sheet marks it `document_outside: true`). Doubtful: an item of financials.csv or
collateral.csv that no agreement reads (a warning with "did you mean" when it resembles an
item read, else an info), a holder the sheet lists without rows, a row of a holder the sheet
does not list that resembles one it does.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from bad_input_support import (
    assert_error,
    check,
    copy_example,
    line_number,
    one_error,
    replace_once,
    run,
)

LOANS = "facts/loans.csv"
SHEET = "agreements/southtrust-abl.yaml"


def alerts(folder: Path, as_of: str, agreement: str) -> list[dict[str, Any]]:
    result = run("check", str(folder), "--as-of", as_of, "--json")
    assert result.exit_code == 0, result.output
    [found] = [a for a in json.loads(result.stdout)["agreements"] if a["id"] == agreement]
    return list(found["alerts"])


def messages(folder: Path, as_of: str, agreement: str, severity: str) -> list[str]:
    return [a["message"] for a in alerts(folder, as_of, agreement) if a["severity"] == severity]


# --- impossible -----------------------------------------------------------------------------


def test_a_negative_loan_balance_is_refused(tmp_path: Path) -> None:
    # the old code took -27,000,000 of loans as money lent to the borrower: availability above
    # the line cap (185.94%)
    folder = copy_example(tmp_path)
    text = replace_once(
        folder / LOANS, "2003-02-28,27000000.00,500000.00", "2003-02-28,-27000000.00,500000.00"
    )
    assert_error(
        check(folder),
        folder,
        LOANS,
        unit="row",
        number=line_number(text, "-27000000.00"),
        field="revolver_outstanding",
        found="-27000000.00",
        expected=("0 or more",),
    )


def test_a_column_named_twice_is_refused(tmp_path: Path) -> None:
    # the second `reserves` column's cells silently replaced the first's
    folder = copy_example(tmp_path)
    path = folder / LOANS
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",reserves"] + [line + ",0.00" for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_error(
        check(folder),
        folder,
        LOANS,
        unit="row",
        number=1,
        field="reserves",
        found="a column named twice",
        expected=("each column once",),
    )


def test_an_iso_week_date_is_not_a_date(tmp_path: Path) -> None:
    # 2003-W09-5 is Friday 2003-02-28 to Python's fromisoformat; a fact file means YYYY-MM-DD
    folder = copy_example(tmp_path)
    text = replace_once(folder / LOANS, "2003-02-28,27000000.00", "2003-W09-5,27000000.00")
    assert_error(
        check(folder),
        folder,
        LOANS,
        unit="row",
        number=line_number(text, "2003-W09-5"),
        field="as_of",
        found="2003-W09-5",
        expected=("YYYY-MM-DD",),
    )


def test_a_facts_folder_that_is_not_there_is_refused(tmp_path: Path) -> None:
    # the old code read no facts at all, and computed from nothing
    folder = copy_example(tmp_path)
    # (not /nonexistent itself: on the development machine that is an empty folder)
    text = replace_once(folder / "portfolio.yaml", "facts: facts", "facts: ../no-such-facts")
    assert_error(
        check(folder),
        folder,
        "portfolio.yaml",
        unit="line",
        number=line_number(text, "facts: ../no-such-facts"),
        field="facts",
        found="../no-such-facts",
        expected=("a folder of facts",),
    )


DOCUMENT = "document: documents/southtrust-letter-2003-02-18.txt"


def _document_outside(tmp_path: Path) -> tuple[Path, str]:
    folder = copy_example(tmp_path)
    shutil.copy(folder / "documents/southtrust-letter-2003-02-18.txt", tmp_path / "letter.txt")
    text = replace_once(folder / SHEET, DOCUMENT, "document: ../letter.txt")
    return folder, text


def test_a_document_outside_the_portfolio_is_not_read(tmp_path: Path) -> None:
    # the old code read any path, /etc/hostname included, and showed it on the dashboard
    folder, text = _document_outside(tmp_path)
    assert_error(
        check(folder),
        folder,
        SHEET,
        unit="line",
        number=line_number(text, "document: ../letter.txt"),
        field="document",
        found="../letter.txt",
        expected=("inside the portfolio folder", "document_outside: true"),
    )


def test_a_document_outside_the_portfolio_is_read_when_the_sheet_marks_it(
    tmp_path: Path,
) -> None:
    folder, _ = _document_outside(tmp_path)
    replace_once(
        folder / SHEET, "document: ../letter.txt", "document: ../letter.txt\ndocument_outside: true"
    )
    result = check(folder)
    assert result.exit_code == 0, result.output


# --- doubtful: warnings in the findings ------------------------------------------------------


def test_misspelt_fact_items_are_warned_with_the_item_meant(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    financials = folder / "facts/financials.csv"
    financials.write_text(
        financials.read_text(encoding="utf-8").replace(",total_equity,", ",total_equty,"),
        encoding="utf-8",
    )
    replace_once(
        folder / "facts/collateral.csv",
        "2003-02-28,receivables_eligible,",
        "2003-02-28,receivables_eligble,",
    )
    replace_once(
        folder / "facts/collateral.csv",
        "2003-02-28,inventory_eligible:bellsouth,",
        "2003-02-28,inventory_eligible:belsouth,",
    )
    replace_once(folder / "facts/financials.csv", "2002-06-30,ebitda,", "2002-06-30,bonus_pool,")
    warned = messages(folder, "2003-03-31", "southtrust-abl", "warning")
    assert (
        "financials.csv: item `total_equty` is read by no agreement and is ignored; "
        "did you mean `total_equity`?"
    ) in warned
    assert (
        "collateral.csv: item `receivables_eligble` is read by no agreement and is ignored; "
        "did you mean `receivables_eligible`?"
    ) in warned
    assert (
        "collateral.csv: item `inventory_eligible:belsouth` is read by no agreement and is "
        "ignored; did you mean `inventory_eligible:bellsouth`?"
    ) in warned
    # an item like none read is kept for another use, perhaps: said, not warned
    noted = messages(folder, "2003-03-31", "southtrust-abl", "info")
    assert "financials.csv: item `bonus_pool` is read by no agreement." in noted


def test_the_example_reads_every_fact_item(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    said = [a["message"] for a in alerts(folder, "2003-03-31", "southtrust-abl")]
    assert not [m for m in said if "is read by no agreement" in m]


def test_a_misspelt_holder_and_a_listed_holder_without_rows_are_warned(tmp_path: Path) -> None:
    # the 2004-12-31 row misspelt: the group's figures fell back to 2004-09-30 without a word
    folder = copy_example(tmp_path)
    replace_once(folder / "facts/ownership.csv", "2004-12-31,IPOF Group,", "2004-12-31,IPOF Gruop,")
    replace_once(
        folder / "agreements/ipof-standstill.yaml",
        "holders: [IPOF Group]",
        "holders: [IPOF Group, IPOF Partners]",
    )
    warned = messages(folder, "2005-01-31", "ipof-standstill", "warning")
    assert (
        "ownership.csv: holder 'IPOF Gruop' (1 row(s), the latest 2004-12-31) is not one the "
        "sheet lists, and is not counted; did you mean 'IPOF Group'?"
    ) in warned
    assert (
        "ownership.csv has no rows for the listed holder 'IPOF Partners' on or before 2005-01-31."
    ) in warned


# --- collateral detail ----------------------------------------------------------------------

INVENTORY = "facts/inventory/2003-11-30.csv"


def test_an_inventory_row_repeated_is_refused(tmp_path: Path) -> None:
    # the old code counted the SKU's cost twice
    folder = copy_example(tmp_path)
    path = folder / INVENTORY
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sku, location = lines[1].split(",")[:2]
    assert_error(
        run("check", str(folder), "--as-of", "2003-11-30"),
        folder,
        INVENTORY,
        unit="row",
        number=len(lines),
        field="sku",
        found=(repr(sku), repr(location), "a duplicate of row 2"),
        expected=("one row per SKU and location",),
    )


def test_an_inventory_status_the_sheet_does_not_name_is_refused(tmp_path: Path) -> None:
    # the old code counted `availble` stock as eligible: the sheet names its eligible statuses
    folder = copy_example(tmp_path)
    path = folder / INVENTORY
    lines = path.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if ",available," in line)
    lines[row] = lines[row].replace(",available,", ",availble,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_error(
        run("check", str(folder), "--as-of", "2003-11-30"),
        folder,
        INVENTORY,
        unit="row",
        number=row + 1,
        field="status",
        found="'availble'",
        expected=("eligible available", "ineligible work_in_process"),
    )


def test_an_input_file_is_a_path_never_a_pattern(tmp_path: Path) -> None:
    # `aging*.csv` named a file and DuckDB read it as a pattern: that file and aging-2.csv,
    # every invoice twice
    folder = copy_example(tmp_path)
    aging = folder / "facts/receivables/2003-11-30.csv"
    shutil.copy(aging, tmp_path / "aging*.csv")
    shutil.copy(aging, tmp_path / "aging-2.csv")
    result = run(
        "collateral",
        "--agreement",
        str(folder / SHEET),
        "--as-of",
        "2003-11-30",
        "--receivables",
        str(tmp_path / "aging*.csv"),
    )
    line = one_error(result)
    assert line == (
        f"error: {tmp_path / 'aging*.csv'}: file: found a path with a pattern character "
        "(* ? [ ] { }); expected the path of one file: input files are paths, never patterns "
        "(rename the file)"
    )


def test_a_consent_to_a_condition_the_sheet_does_not_name_is_refused(tmp_path: Path) -> None:
    # the old code recorded it and changed nothing: BellSouth stayed at 50%
    folder = copy_example(tmp_path)
    text = replace_once(
        folder / "facts/events.yaml",
        "condition: bellsouth_consent",
        "condition: belsouth_consent",
    )
    assert_error(
        check(folder),
        folder,
        "facts/events.yaml",
        unit="line",
        number=line_number(text, "condition: belsouth_consent"),
        field="condition",
        found=("'belsouth_consent'", "did you mean 'bellsouth_consent'?"),
        expected=("a condition the sheet names: bellsouth_consent",),
    )


def test_a_fact_dated_after_the_maturity_is_warned(tmp_path: Path) -> None:
    # 9999-12-31 for 2003-12-31: a loans row no date before 9999 reads
    folder = copy_example(tmp_path)
    with (folder / LOANS).open("a", encoding="utf-8") as loans:
        loans.write("9999-12-31,1000000.00,0.00,0.00\n")
    warned = messages(folder, "2003-12-31", "southtrust-abl", "warning")
    assert (
        "loans.csv: 1 date(s) after the facility's maturity (2005-06-30), the latest "
        "9999-12-31: a mistyped year? Nothing is lent or tested after maturity."
    ) in warned
    # the example's own facts end before the maturity: no such warning
    assert not [
        m
        for m in messages(
            copy_example(tmp_path / "plain"), "2003-12-31", "southtrust-abl", "warning"
        )
        if "after the facility's maturity" in m
    ]
