"""Bad input: the CLI exits 2 and prints one line per problem on stderr,

    error: FILE:line N: FIELD: found X; expected Y      (CSV files say `row N`, header = row 1)

with no traceback. Each test copies the Innotrac example, breaks one thing and checks that the
one error line names the file, the line or row (worked out here from the text written), the
field, the wrong value and what was expected.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from bad_input_support import (
    assert_error,
    check,
    copy_example,
    error_lines,
    line_number,
    one_error,
    parsed,
    replace_once,
    run,
)

SHEET = "agreements/southtrust-abl.yaml"
FINANCIALS = "facts/financials.csv"
COLLATERAL = "facts/collateral.csv"
LOANS = "facts/loans.csv"
EVENTS = "facts/events.yaml"


def run_command(command: str, folder: Path) -> Result:
    return check(folder) if command == "check" else run(command, str(folder))


# --- the example itself is good ------------------------------------------------------------


def test_example_is_good(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    result = run("check", str(folder))
    assert result.exit_code == 0, result.output
    assert error_lines(result) == []
    # verify exits 1, not 2: the lease's Exhibit B misstates one figure (test_lease_verify)
    result = run("verify", str(folder))
    assert result.exit_code == 1, result.output
    assert error_lines(result) == []


# --- term sheet ----------------------------------------------------------------------------


def test_unknown_clause_type(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(folder / SHEET, "    type: revolver\n", "    type: revolverx\n")
    assert_error(
        check(folder),
        folder,
        SHEET,
        unit="line",
        number=line_number(text, "type: revolverx"),
        field="facility.type",
        found="'revolverx'",
        expected=("registered clause type", "fees", "lease", "notices", "revolver", "standstill"),
    )


def test_missing_required_term(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    path = folder / SHEET
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line == "    maturity:\n")
    block = lines[start : start + 3]
    assert block[1].strip().startswith("value:") and block[2].strip().startswith("cite:")
    del lines[start : start + 3]
    text = "".join(lines)
    path.write_text(text, encoding="utf-8")
    assert "    maturity:" not in text
    # a missing term has no line of its own: the error names the line where the mapping that
    # lacks it (here the facility clause, `- id: facility`) begins
    result = check(folder)
    assert result.exit_code == 2 and "Traceback" not in result.output
    first, second = (parsed(line) for line in error_lines(result))
    assert Path(first.file) == folder / SHEET
    assert (first.unit, first.number) == ("line", line_number(text, "- id: facility"))
    assert (first.field, first.found) == ("facility.maturity", "nothing")
    assert "required" in first.expected
    # and the fees clause, which runs to the maturity, names a date no longer there
    assert (second.number, second.field) == (line_number(text, "ends: facility"), "fees.ends")
    assert second.found == "'facility.maturity'" and "a date in its terms" in second.expected


def test_two_clauses_with_one_id(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    path = folder / SHEET
    original = path.read_text(encoding="utf-8")
    # the facility clause again, whole, as a second item of `clauses:`
    lines = original.splitlines(keepends=True)
    start = line_number(original, "  - id: facility") - 1
    end = next(
        (
            i
            for i in range(start + 1, len(lines))
            if lines[i].startswith("  - id:") or (not lines[i].startswith(" ") and lines[i].strip())
        ),
        len(lines),
    )
    clause = lines[start:end]
    while clause and (not clause[-1].strip() or clause[-1].lstrip().startswith("#")):
        clause.pop()
    text = "".join(lines[:end]).rstrip("\n") + "\n" + "".join(clause) + "\n" + "".join(lines[end:])
    path.write_text(text, encoding="utf-8")
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if line == "  - id: facility"]
    assert len(hits) == 2
    assert_error(
        check(folder),
        folder,
        SHEET,
        unit="line",
        number=hits[1],
        field="clauses.facility.id",
        found="a second clause with id 'facility'",
        expected=("unique id",),
    )


@pytest.mark.parametrize("command", ["check", "verify"])
def test_quote_not_in_document(tmp_path: Path, command: str) -> None:
    folder = copy_example(tmp_path)
    quote = "limited to 85% of all eligible accounts receivable"
    text = replace_once(
        folder / SHEET,
        'cite: "limited to 85% of eligible accounts receivable"',
        f'cite: "{quote}"',
    )
    assert quote not in (folder / "documents/southtrust-letter-2003-02-18.txt").read_text()
    assert_error(
        run_command(command, folder),
        folder,
        SHEET,
        unit="line",
        number=line_number(text, quote),
        field="facility.borrowing_base.receivables_rate",
        found=quote,
        expected=("southtrust-letter-2003-02-18.txt",),
    )


@pytest.mark.parametrize("command", ["check", "verify"])
def test_value_not_in_its_quote(tmp_path: Path, command: str) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(folder / SHEET, "value: 0.85\n", "value: 0.80\n")
    assert_error(
        run_command(command, folder),
        folder,
        SHEET,
        unit="line",
        number=line_number(text, "value: 0.80"),
        field="facility.borrowing_base.receivables_rate",
        found="0.80",
        expected=("quote", "limited to 85% of eligible accounts receivable", "contain"),
    )


def test_unknown_financial_item_in_definition(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(
        folder / SHEET, "value: total_equity - goodwill -", "value: total_equity - goodwil -"
    )
    assert_error(
        check(folder),
        folder,
        SHEET,
        unit="line",
        number=line_number(text, "total_equity - goodwil -"),
        field="facility.definitions.tangible_net_worth",
        found="'goodwil'",
        expected=("declared financial item",),
    )


# --- financials.csv ------------------------------------------------------------------------


def test_malformed_date_in_financials(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(
        folder / FINANCIALS,
        "2002-09-30,ebitda,2300000.00,actual",
        "2003-13-31,ebitda,2300000.00,actual",
    )
    assert_error(
        check(folder),
        folder,
        FINANCIALS,
        unit="row",
        number=line_number(text, "2003-13-31"),
        field="period_end",
        found="2003-13-31",
        expected=("date", "YYYY-MM-DD"),
    )


@pytest.mark.parametrize(("written", "found"), [("abc", "abc"), ('"1,000.00"', "1,000.00")])
def test_malformed_amount_in_financials(tmp_path: Path, written: str, found: str) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(
        folder / FINANCIALS,
        "2002-09-30,ebitda,2300000.00,actual",
        f"2002-09-30,ebitda,{written},actual",
    )
    assert_error(
        check(folder),
        folder,
        FINANCIALS,
        unit="row",
        number=line_number(text, written),
        field="amount",
        found=found,
        expected=("decimal amount",),
    )


def test_unquoted_thousands_separator_is_a_row_of_too_many_cells(tmp_path: Path) -> None:
    # unquoted, 1,000.00 is two cells: the row (not one column) is what is wrong
    folder = copy_example(tmp_path)
    text = replace_once(
        folder / FINANCIALS,
        "2002-09-30,ebitda,2300000.00,actual",
        "2002-09-30,ebitda,1,000.00,actual",
    )
    assert_error(
        check(folder),
        folder,
        FINANCIALS,
        unit="row",
        number=line_number(text, "1,000.00"),
        field="row",
        found="5 cells",
        expected=("4 cells", "period_end,item,amount,basis"),
    )


# --- collateral.csv and loans.csv ----------------------------------------------------------


@pytest.mark.parametrize(
    ("relative", "row", "field", "key"),
    [
        (
            COLLATERAL,
            "2003-06-30,inventory_eligible,16000000.00",
            "as_of,item",
            "2003-06-30,inventory_eligible",
        ),
        (LOANS, "2003-06-30,27000000.00,500000.00,250000.00", "as_of", "2003-06-30"),
    ],
)
def test_duplicate_fact_row(tmp_path: Path, relative: str, row: str, field: str, key: str) -> None:
    folder = copy_example(tmp_path)
    path = folder / relative
    original = path.read_text(encoding="utf-8")
    earlier = line_number(original, row)
    assert original.endswith("\n")
    text = original + row + "\n"  # the same row again, at the end
    path.write_text(text, encoding="utf-8")
    later = len(text.splitlines())
    assert later > earlier + 1
    error = assert_error(
        check(folder),
        folder,
        relative,
        unit="row",
        number=later,
        field=field,
        found=f"row {earlier}",
        expected=("one row per",),
    )
    assert key in error.found


def test_missing_column_in_loans(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    path = folder / LOANS
    # drop the letters_of_credit column (header and cells) so that only the column is missing
    rows = [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()]
    assert rows[0][2] == "letters_of_credit"
    text = "".join(",".join(cells[:2] + cells[3:]) + "\n" for cells in rows)
    path.write_text(text, encoding="utf-8")
    assert "letters_of_credit" not in text
    assert_error(
        check(folder),
        folder,
        LOANS,
        unit="row",
        number=1,
        field="letters_of_credit",
        found="no such column",
        expected=("as_of,revolver_outstanding,letters_of_credit,reserves",),
    )


def test_empty_collateral_file_is_an_error(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    (folder / COLLATERAL).write_bytes(b"")
    assert_error(
        check(folder),
        folder,
        COLLATERAL,
        unit="row",
        number=1,
        field="header",
        found="empty file",
        expected=("header", "as_of,item,amount"),
    )


def test_header_only_collateral_file_is_no_facts(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    (folder / COLLATERAL).write_text("as_of,item,amount\n", encoding="utf-8")
    result = check(folder)
    assert "Traceback" not in result.output
    assert result.exit_code == 0, result.output
    assert error_lines(result) == []


# --- events.yaml ---------------------------------------------------------------------------


def test_event_for_unknown_agreement(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(
        folder / EVENTS,
        "  agreement: southtrust-abl\n  event: consent\n",
        "  agreement: nosuch-facility\n  event: consent\n",
    )
    assert_error(
        check(folder),
        folder,
        EVENTS,
        unit="line",
        number=line_number(text, "agreement: nosuch-facility"),
        field="agreement",
        found="nosuch-facility",
        expected=("one of", "southtrust-abl"),
    )


def test_event_of_unknown_type(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(folder / EVENTS, "  event: consent\n", "  event: overdraft\n")
    assert_error(
        check(folder),
        folder,
        EVENTS,
        unit="line",
        number=line_number(text, "event: overdraft"),
        field="event",
        found="overdraft",
        expected=("an event one of the agreement's clauses reads", "consent", "draw_request"),
    )


# --- schema --------------------------------------------------------------------------------


CLAUSE_TYPES = (
    "board_composition",
    "deadlines",
    "expense_reimbursement",
    "fees",
    "financial_tests",
    "interest",
    "late_charges",
    "lease",
    "notices",
    "options",
    "revolver",
    "security_deposit",
    "standstill",
    "term_loan",
)


def clause_schemas() -> dict[str, dict[str, Any]]:
    """`pactum schema`: the term sheet's JSON Schema; each clause type's, by its `type` const."""
    result = run("schema")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert "clauses" in schema["properties"]
    items = schema["properties"]["clauses"]["items"]["oneOf"]
    # every clause type's, and the deleted clause's (no type)
    return {
        item["properties"]["type"]["const"]: item for item in items if "type" in item["properties"]
    }


def test_schema_of_revolver_is_json_schema() -> None:
    assert "commitment" in clause_schemas()["revolver"]["properties"]


def test_schema_lists_every_registered_clause_type() -> None:
    assert sorted(clause_schemas()) == list(CLAUSE_TYPES)
    result = run("clauses")
    assert result.exit_code == 0, result.output
    listed = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    for kind in CLAUSE_TYPES:
        assert kind in listed, result.stdout


# --- the standstill: ownership.csv, votes, notices -----------------------------------------

OWNERSHIP = "facts/ownership.csv"
IPOF_SHEET = "agreements/ipof-standstill.yaml"
SIGNING_ROW = "2003-08-14,IPOF Group,2362788,11486573"


def test_shares_greater_than_shares_outstanding(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(folder / OWNERSHIP, SIGNING_ROW, "2003-08-14,IPOF Group,12000000,11486573")
    assert_error(
        check(folder),
        folder,
        OWNERSHIP,
        unit="row",
        number=line_number(text, "12000000"),
        field="shares",
        found="12000000",
        expected=("at most", "11486573"),
    )


def test_negative_shares(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(folder / OWNERSHIP, SIGNING_ROW, "2003-08-14,IPOF Group,-5,11486573")
    assert_error(
        check(folder),
        folder,
        OWNERSHIP,
        unit="row",
        number=line_number(text, ",-5,"),
        field="shares",
        found="-5",
        expected=("whole number", "0 or more"),
    )


def test_rows_of_one_date_disagree_on_shares_outstanding(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    path = folder / OWNERSHIP
    text = path.read_text(encoding="utf-8") + "2003-08-14,Someone Else,100,11000000\n"
    path.write_text(text, encoding="utf-8")
    assert_error(
        check(folder),
        folder,
        OWNERSHIP,
        unit="row",
        number=len(text.splitlines()),
        field="shares_outstanding",
        found="11000000",
        expected=("11486573", f"row {line_number(text, SIGNING_ROW)}"),
    )


def vote(folder: Path, votes: Path) -> Result:
    result = run("vote", str(folder), "ipof-standstill", "--votes", str(votes))
    if result.exit_code == 2:
        assert result.stdout == ""
    return result


def test_votes_file_with_a_missing_column(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    votes = folder / "votes.csv"
    votes.write_text("proposal,for,against,abstain,group_vote\ndirectors,5,1,0,for\n")
    error = assert_error(
        vote(folder, votes),
        folder,
        "votes.csv",
        unit="row",
        number=1,
        field="broker_non_votes",
        found="no such column",
        expected=("proposal,for,against,abstain,broker_non_votes,group_vote",),
    )
    assert error.file.endswith("votes.csv")


def test_votes_file_with_a_negative_count(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    votes = folder / "votes.csv"
    votes.write_text(
        "proposal,for,against,abstain,broker_non_votes,group_vote\n"
        "directors,5000000,1250000,0,0,for\n"
        "auditors,6000000,-10,0,0,for\n"
    )
    assert_error(
        vote(folder, votes),
        folder,
        "votes.csv",
        unit="row",
        number=3,
        field="against",
        found="-10",
        expected=("whole number",),
    )


def test_votes_file_with_an_unknown_group_vote(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    votes = folder / "votes.csv"
    votes.write_text(
        "proposal,for,against,abstain,broker_non_votes,group_vote\ndirectors,5,1,0,0,maybe\n"
    )
    assert_error(
        vote(folder, votes),
        folder,
        "votes.csv",
        unit="row",
        number=2,
        field="group_vote",
        found="maybe",
        expected=("for", "against", "abstain"),
    )


def test_unknown_notice_method_on_the_command_line(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    text = (folder / IPOF_SHEET).read_text(encoding="utf-8")
    result = run(
        "notice", str(folder), "ipof-standstill", "--method", "pigeon", "--sent", "2003-12-24"
    )
    assert result.stdout == ""
    # the methods are a mapping: its line is that of its first method, under `methods:`
    assert_error(
        result,
        folder,
        IPOF_SHEET,
        unit="line",
        number=line_number(text, "  methods:") + 1,
        field="notices.methods",
        found="pigeon",
        expected=("hand", "mail", "telex", "fax", "courier"),
    )


def test_unknown_notice_method_in_events(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(folder / EVENTS, "  method: mail\n", "  method: pigeon\n")
    assert_error(
        check(folder),
        folder,
        EVENTS,
        unit="line",
        number=line_number(text, "method: pigeon"),
        field="method",
        found="pigeon",
        expected=("hand", "mail", "telex", "fax", "courier"),
    )


def test_acknowledgement_before_sending_on_the_command_line(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    result = run(
        "notice",
        str(folder),
        "ipof-standstill",
        "--method",
        "fax",
        "--sent",
        "2004-10-01T10:15",
        "--acknowledged",
        "2004-10-01T09:00",
    )
    assert result.stdout == ""
    # an option, not a file: `error: --acknowledged: found ...; expected ...`
    assert one_error(result) == (
        "error: --acknowledged: found 2004-10-01 09:00; "
        "expected a time at or after --sent (2004-10-01 10:15)"
    )


def test_acknowledgement_before_sending_in_events(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(
        folder / EVENTS,
        "  acknowledged: 2004-10-01 14:02:00\n",
        "  acknowledged: 2004-10-01 09:00:00\n",
    )
    assert_error(
        check(folder),
        folder,
        EVENTS,
        unit="line",
        number=line_number(text, "acknowledged: 2004-10-01 09:00:00"),
        field="acknowledged",
        found="2004-10-01 09:00",
        expected=("at or after", "2004-10-01 10:15"),
    )


def test_malformed_sending_time(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    result = run(
        "notice", str(folder), "ipof-standstill", "--method", "mail", "--sent", "24/12/2003"
    )
    line = one_error(result)
    assert line.startswith("error: --sent: found '24/12/2003'; expected a date as YYYY-MM-DD")


def test_notice_event_for_an_agreement_without_a_notice_clause(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(
        folder / EVENTS,
        "  agreement: ipof-standstill\n  event: notice\n  method: mail\n",
        "  agreement: southtrust-abl\n  event: notice\n  method: mail\n",
    )
    assert_error(
        check(folder),
        folder,
        EVENTS,
        unit="line",
        number=line_number(text, "method: mail") - 1,  # the `event: notice` line above it
        field="event",
        found="notice",
        expected=("an event one of the agreement's clauses reads", "consent", "draw_request"),
    )


def test_distribution_of_no_shares(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(folder / EVENTS, "  shares: 200000\n", "  shares: 0\n")
    assert_error(
        check(folder),
        folder,
        EVENTS,
        unit="line",
        number=line_number(text, "shares: 0"),
        field="shares",
        found="0",
        expected=("greater than 0",),
    )


def test_a_count_of_days_past_a_century(tmp_path: Path) -> None:
    # ten million days would run the maturity warning past the calendar's end
    folder = copy_example(tmp_path)
    text = replace_once(
        folder / SHEET,
        "maturity_warning_days:\n      value: 90",
        "maturity_warning_days:\n      value: 10000000",
    )
    assert_error(
        check(folder),
        folder,
        SHEET,
        unit="line",
        number=line_number(text, "value: 10000000"),
        field="facility.maturity_warning_days.value",
        found="10000000",
        expected=("less than or equal to 36600",),
    )


def test_a_party_name_split_at_its_comma(tmp_path: Path) -> None:
    # YAML's flow list splits "SouthTrust Bank, N.A." into two parties: refused, not guessed
    folder = copy_example(tmp_path)
    text = replace_once(
        folder / SHEET,
        'parties: ["SouthTrust Bank, N.A.", Innotrac Corporation]',
        "parties: [SouthTrust Bank, N.A., Innotrac Corporation]",
    )
    error = parsed(one_error(check(folder)))
    assert (error.number, error.field) == (line_number(text, "parties:"), "parties")
    assert "'N.A.' after 'SouthTrust Bank'" in error.found + error.expected


# --- several problems: each on its own line, in a stable order -----------------------------

LEASE = "agreements/windham-lease.yaml"
RECEIVABLES = "facts/receivables/2003-11-30.csv"
INVENTORY = "facts/inventory/2003-11-30.csv"


def _three_bad_files(folder: Path) -> list[tuple[str, int, str]]:
    """A negative commitment (revolver), a negative rent rate (lease), a fifth cell in a
    financials row: (file, line or row, field) of each, in the order the files are read."""
    revolver = replace_once(folder / SHEET, "      value: 40000000\n", "      value: -40000000\n")
    lease = replace_once(folder / LEASE, "value: 3.59", "value: -3.59")
    rows = (folder / FINANCIALS).read_text().split("\n")
    rows[2] += ",99"
    (folder / FINANCIALS).write_text("\n".join(rows))
    return [
        (SHEET, line_number(revolver, "value: -40000000"), "facility.commitment.value"),
        (LEASE, line_number(lease, "value: -3.59"), "lease.lease_years.0.rate.value"),
        (FINANCIALS, 3, "row"),
    ]


@pytest.mark.parametrize("command", ["check", "verify", "calendar"])
def test_problems_in_several_files_are_each_one_line(tmp_path: Path, command: str) -> None:
    """The first bad sheet no longer hides the next sheet's or a facts file's problem."""
    folder = copy_example(tmp_path)
    expected = _three_bad_files(folder)
    result = run_command(command, folder)
    assert result.exit_code == 2 and "Traceback" not in result.stderr, result.stderr
    found = [parsed(line) for line in error_lines(result)]
    assert [(Path(e.file), e.number, e.field) for e in found] == [
        (folder / file, number, field) for file, number, field in expected
    ]
    # the same input, the same lines in the same order
    assert error_lines(run_command(command, folder)) == error_lines(result)


def test_several_problems_in_one_sheet_are_listed_by_line(tmp_path: Path) -> None:
    """A sheet's problems in the order of its lines, whatever order the schema checks them."""
    folder = copy_example(tmp_path)
    text = replace_once(folder / SHEET, "      value: 40000000\n", "      value: -40000000\n")
    text = replace_once(
        folder / SHEET,
        '        value: 0.85\n        cite: "limited to 85% of eligible accounts receivable"',
        '        value: 1.85\n        assumed: "a typo under test"',
    )
    numbers = [parsed(line).number for line in error_lines(check(folder))]
    assert numbers == [line_number(text, "value: -40000000"), line_number(text, "value: 1.85")]
    assert numbers == sorted(numbers)


def test_a_bad_aging_and_a_bad_inventory_are_both_listed(tmp_path: Path) -> None:
    """The detail files of one date: a month 13 in the aging's row 3, a sixth field in the
    inventory's row 2. Both lines, the aging's first (it is read first)."""
    folder = copy_example(tmp_path)
    aging = (folder / RECEIVABLES).read_text().split("\n")
    aging[2] = aging[2].replace("2003-11-05", "2003-13-05", 1)
    (folder / RECEIVABLES).write_text("\n".join(aging))
    stock = (folder / INVENTORY).read_text().split("\n")
    stock[1] += ",extra"
    (folder / INVENTORY).write_text("\n".join(stock))
    result = run("check", str(folder), "--as-of", "2003-11-30")
    assert result.exit_code == 2, result.stderr
    found = [parsed(line) for line in error_lines(result)]
    assert [(Path(e.file), e.number, e.field) for e in found] == [
        (folder / RECEIVABLES, 3, "invoice_date"),
        (folder / INVENTORY, 2, "row"),
    ]
