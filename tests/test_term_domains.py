"""Impossible terms are refused: each term's domain is in its schema (`pactum.terms.values`:
Money, Rate, NonNegative, Periods; a month number in portfolio.yaml), so a value outside it
exits 2 with one line naming the sheet, the value's line, the term, the value and the domain.

Each case writes the value as an assumed term, so that only the domain can refuse it (a cited
value that is not in its quote would be refused by the citation check instead).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bad_input_support import (
    assert_error,
    check,
    copy_example,
    line_number,
    one_error,
    parsed,
    replace_once,
    run,
)

REVOLVER = "agreements/southtrust-abl.yaml"
LEASE = "agreements/windham-lease.yaml"
ASSUMED = 'assumed: "a typo under test"'

# (sheet, the text written, its replacement, the field refused, what the domain expects)
IMPOSSIBLE = {
    "advance rate of 150%": (
        REVOLVER,
        '        value: 0.85\n        cite: "limited to 85% of eligible accounts receivable"',
        f"        value: 1.50\n        {ASSUMED}",
        "facility.borrowing_base.receivables_rate.value",
        "a rate from 0 to 1 (1 is 100%), or above_100_percent: true",
    ),
    "advance rate of -85%": (
        REVOLVER,
        '        value: 0.85\n        cite: "limited to 85% of eligible accounts receivable"',
        f"        value: -0.85\n        {ASSUMED}",
        "facility.borrowing_base.receivables_rate.value",
        "greater than or equal to 0",
    ),
    "class rate of 165%": (
        REVOLVER,
        "            value: 0.65\n            cite: "
        '"advances against eligible BellSouth inventory would be 65%"',
        f"            value: 1.65\n            {ASSUMED}",
        "facility.borrowing_base.inventory_classes.0.rate.value",
        "a rate from 0 to 1 (1 is 100%), or above_100_percent: true",
    ),
    "negative commitment": (
        REVOLVER,
        "      value: 40000000\n      cite: "
        '"we would continue to provide a $40,000,000 credit facility to Innotrac"',
        f"      value: -40000000\n      {ASSUMED}",
        "facility.commitment.value",
        "greater than or equal to 0",
    ),
    "negative inventory cap": (
        REVOLVER,
        '        value: 20000000\n        cite: "There would be a maximum advance of '
        '$20,000,000 against inventory."',
        f"        value: -20000000\n        {ASSUMED}",
        "facility.borrowing_base.inventory_cap.value",
        "greater than or equal to 0",
    ),
    "negative fee": (
        REVOLVER,
        'amount: {value: 1555, cite: "Monthly monitoring fee of $1,555."}',
        f"amount: {{value: -1555, {ASSUMED}}}",
        "fees.fees.0.amount.value",
        "greater than or equal to 0",
    ),
    "negative covenant level": (
        REVOLVER,
        '          value: 1.50\n          cite: "Debt to Tangible Net Worth 1.50:1 (current covenant)"',
        f"          value: -1.50\n          {ASSUMED}",
        "facility.covenants.2.level.value",
        "greater than or equal to 0",
    ),
    "negative capex limit": (
        REVOLVER,
        '2003: {value: 3000000, cite: "Maximum CAPEX Tentatively limited to $3,000,000 for 2003."}',
        f"2003: {{value: -3000000, {ASSUMED}}}",
        "facility.capex.general_limit.2003.value",
        "greater than or equal to 0",
    ),
    "trailing quarters of 0": (
        REVOLVER,
        "            value: 4\n            assumed: The letter gives quarterly levels",
        "            value: 0\n            assumed: The letter gives quarterly levels",
        "facility.covenants.1.measured.trailing_quarters.value",
        "greater than or equal to 1",
    ),
    "negative rent rate": (
        LEASE,
        'rate: {value: 3.59, cite: "1st Lease Year $3.59 per square foot", '
        "instrument: first_amendment, section: Exhibit B}",
        f"rate: {{value: -3.59, {ASSUMED}}}",
        "lease.lease_years.0.rate.value",
        "greater than or equal to 0",
    ),
    "negative abatement": (
        LEASE,
        'amount: {value: 16185.81, cite: "in an amount equal to $16,185.81 otherwise payable '
        'for April 2003", instrument: first_amendment, section: "3"}',
        f"amount: {{value: -16185.81, {ASSUMED}}}",
        "lease.abatements.0.amount.value",
        "greater than or equal to 0",
    ),
    "negative allowance": (
        LEASE,
        "                value: 90000\n                cite: "
        '"Landlord shall make the $90,000 TI Allowance available to Tenant"',
        f"                value: -90000\n                {ASSUMED}",
        "options.options.0.outcomes.0.if_exercised.amount.value",
        "greater than or equal to 0",
    ),
}


@pytest.mark.parametrize("case", sorted(IMPOSSIBLE))
def test_an_impossible_term_is_refused(tmp_path: Path, case: str) -> None:
    sheet, old, new, field, expected = IMPOSSIBLE[case]
    folder = copy_example(tmp_path)
    text = replace_once(folder / sheet, old, new)
    value = new.split("value: ")[1].split(",")[0].split("\n")[0].rstrip("}")
    # the line of the value written: where the replacement starts, plus its lines before it
    written = text.index(new) + new.index(f"value: {value}")
    assert_error(
        check(folder),
        folder,
        sheet,
        unit="line",
        number=text.count("\n", 0, written) + 1,
        field=field,
        found=value.lstrip("-").rstrip("0").rstrip("."),
        expected=(expected,),
    )


def test_fiscal_year_end_month_yes_is_not_january(tmp_path: Path) -> None:
    # YAML reads `yes` as true, which an int took for 1: a January year end
    folder = copy_example(tmp_path)
    text = replace_once(
        folder / "portfolio.yaml", "fiscal_year_end_month: 12", "fiscal_year_end_month: yes"
    )
    assert_error(
        check(folder),
        folder,
        "portfolio.yaml",
        unit="line",
        number=line_number(text, "fiscal_year_end_month"),
        field="fiscal_year_end_month",
        found="True",
        expected=("month number, 1 to 12",),
    )


def test_a_rate_of_exactly_1_and_an_amount_of_0_are_in_their_domains(tmp_path: Path) -> None:
    # the edges are allowed: a 100% advance rate, a $0 allowance (the sheet's own lapse outcome)
    folder = copy_example(tmp_path)
    replace_once(
        folder / REVOLVER,
        '        value: 0.85\n        cite: "limited to 85% of eligible accounts receivable"',
        f"        value: 1\n        {ASSUMED}",
    )
    result = check(folder)
    assert result.exit_code == 0, result.output


RECEIVABLES_RATE = (
    '        value: 0.85\n        cite: "limited to 85% of eligible accounts receivable"'
)


def test_a_rate_above_100_percent_is_taken_when_the_term_says_so(tmp_path: Path) -> None:
    """2003-02-28: receivables_eligible 20,000,000.00 (collateral.csv) x 150% = 30,000,000.00."""
    folder = copy_example(tmp_path)
    replace_once(
        folder / REVOLVER,
        RECEIVABLES_RATE,
        f"        value: 1.50\n        above_100_percent: true\n        {ASSUMED}",
    )
    result = run("check", str(folder), "--as-of", "2003-02-28", "--json")
    assert result.exit_code == 0, result.output
    [revolver] = [a for a in json.loads(result.stdout)["agreements"] if a["id"] == "southtrust-abl"]
    # at 85% it is 17,000,000.00 (the golden findings)
    assert revolver["values"]["receivables_advance"] == "30000000.00"


@pytest.mark.parametrize(
    ("written", "field", "expected"),
    [
        (  # the allowance alone is no source: the sheet must say where the rate comes from
            "        value: 1.55\n        above_100_percent: true",
            "facility.borrowing_base.receivables_rate",
            "above_100_percent with the cite (or assumed reason) that says so",
        ),
        (  # false is the default: still refused
            f"        value: 1.55\n        above_100_percent: false\n        {ASSUMED}",
            "facility.borrowing_base.receivables_rate.value",
            "a rate from 0 to 1 (1 is 100%), or above_100_percent: true",
        ),
    ],
    ids=["without a source", "false"],
)
def test_a_rate_above_100_percent_needs_the_sourced_allowance(
    tmp_path: Path, written: str, field: str, expected: str
) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(folder / REVOLVER, RECEIVABLES_RATE, written)
    error = parsed(one_error(check(folder)))
    assert (error.field, error.number) == (field, line_number(text, "value: 1.55"))
    assert expected in error.expected


def test_the_allowance_is_refused_on_a_term_that_is_no_rate(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    old = (
        "      value: 40000000\n      cite: "
        '"we would continue to provide a $40,000,000 credit facility to Innotrac"'
    )
    text = replace_once(
        folder / REVOLVER,
        old,
        f"      value: 40000000\n      above_100_percent: true\n      {ASSUMED}",
    )
    error = parsed(one_error(check(folder)))
    assert error.field == "facility.commitment"
    assert error.number == line_number(text, "value: 40000000")
    assert "above_100_percent only in a rate's term" in error.expected


MATLACK = Path(__file__).parent.parent / "examples" / "matlack"
DEFAULT_MARGIN = (
    'add: {value: 0.02, cite: "two percent (2.0%) per annum above the rate then applicable '
    'to each Loan"}'
)


@pytest.mark.parametrize(
    ("allowance", "refused"), [("", True), (", above_100_percent: true", False)]
)
def test_a_default_margin_above_100_percent(tmp_path: Path, allowance: str, refused: bool) -> None:
    """Outside borrowing bases too: a default margin of 150% a year (a typo for 1.5%) is refused
    unless the term says the agreement means it."""
    folder = tmp_path / "matlack"
    shutil.copytree(MATLACK, folder)
    sheet = "agreements/matlack-credit.yaml"
    text = replace_once(
        folder / sheet, DEFAULT_MARGIN, f"add: {{value: 1.5, {ASSUMED}{allowance}}}"
    )
    result = check(folder)
    if not refused:
        assert result.exit_code == 0, result.output
        return
    assert_error(
        result,
        folder,
        sheet,
        unit="line",
        number=line_number(text, "add: {value: 1.5"),
        field="interest.default_rate.add.value",
        found="1.5",
        expected=("a rate from 0 to 1 (1 is 100%), or above_100_percent: true",),
    )


MATURITY = (
    "    maturity:\n      value: 2005-06-30\n      cite: "
    '"The maturity date of June 30, 2005, currently in place, would stay the same."'
)


@pytest.mark.parametrize("maturity", ["2003-02-18", "2002-12-31", "2103-02-19"])
def test_a_maturity_outside_the_agreements_life_is_refused(tmp_path: Path, maturity: str) -> None:
    # the letter is dated 2003-02-18: a maturity on or before it, or past 2103-02-18 (a
    # century later), cannot be meant
    folder = copy_example(tmp_path)
    text = replace_once(
        folder / REVOLVER, MATURITY, f"    maturity:\n      value: {maturity}\n      {ASSUMED}"
    )
    assert_error(
        check(folder),
        folder,
        REVOLVER,
        unit="line",
        number=line_number(text, "    maturity:") + 1,
        field="facility.maturity",
        found=maturity,
        expected=("after the agreement's date (2003-02-18)", "2103-02-18"),
    )


def test_a_maturity_a_century_after_the_agreement_is_accepted(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    replace_once(
        folder / REVOLVER, MATURITY, f"    maturity:\n      value: 2103-02-18\n      {ASSUMED}"
    )
    result = check(folder)
    assert result.exit_code == 0, result.output


def test_a_definition_that_always_divides_by_zero_is_refused(tmp_path: Path) -> None:
    # the old code warned at every quarter end that the covenant was not evaluated
    folder = copy_example(tmp_path)
    text = replace_once(
        folder / REVOLVER,
        "        value: total_liabilities\n",
        "        value: total_liabilities / 0\n",
    )
    assert_error(
        check(folder),
        folder,
        REVOLVER,
        unit="line",
        number=line_number(text, "value: total_liabilities / 0"),
        field="facility.definitions.debt",
        found="division by zero",
        expected=("arithmetic",),
    )


# --- doubtful terms: a warning in the findings -----------------------------------------------

APRIL_ABATEMENT = (
    'amount: {value: 16185.81, cite: "in an amount equal to $16,185.81 otherwise payable '
    'for April 2003", instrument: first_amendment, section: "3"}'
)


def lease_alerts(folder: Path, as_of: str) -> list[dict[str, object]]:
    result = run("check", str(folder), "--as-of", as_of, "--json")
    assert result.exit_code == 0, result.output
    [lease] = [a for a in json.loads(result.stdout)["agreements"] if a["id"] == "windham-lease"]
    return list(lease["alerts"])


def test_an_abatement_larger_than_the_rent_is_warned(tmp_path: Path) -> None:
    # April 2003's installment: $3.59 x 204,307 sf = $733,462.13 a year, / 12 = $61,121.84;
    # $1,000,000 cannot all abate (the old code took $61,121.84 without a word)
    folder = copy_example(tmp_path)
    text = replace_once(folder / LEASE, APRIL_ABATEMENT, f"amount: {{value: 1000000, {ASSUMED}}}")
    alerts = lease_alerts(folder, "2003-04-15")
    [warned] = [a for a in alerts if "abatement for April 2003" in str(a["message"])]
    assert warned["severity"] == "warning"
    assert warned["message"] == (
        "The abatement for April 2003, $1,000,000.00, is more than the month's base rent of "
        "$61,121.84: only the rent abates, and the amount is doubtful."
    )
    source = warned["source"]
    assert isinstance(source, dict)
    assert source["line"] == line_number(text, "value: 1000000")
    # the warning is the sheet's, whatever the as-of month
    assert any(
        "abatement for April 2003" in str(a["message"]) for a in lease_alerts(folder, "2003-12-31")
    )


def test_an_abatement_of_exactly_the_rent_is_not_warned(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    replace_once(folder / LEASE, APRIL_ABATEMENT, f"amount: {{value: 61121.84, {ASSUMED}}}")
    assert not [a for a in lease_alerts(folder, "2003-04-15") if "doubtful" in str(a["message"])]


# ---- dates no agreement in force can mean, found by the fuzz suite ----------------------------


@pytest.mark.parametrize(
    ("sheet", "written", "instead"),
    [
        (
            LEASE,
            "value: 2002-09-17\n          assumed: >-\n            The Existing Premises",
            "value: 0001-01-01\n          assumed: >-\n            The Existing Premises",
        ),
        (
            REVOLVER,
            "value: 2005-06-30\n",
            "value: 9999-12-31\n",
        ),
    ],
    ids=["a space in the premises from year 1", "a maturity in 9999"],
)
def test_a_date_far_outside_any_agreement_is_refused(
    tmp_path: Path, sheet: str, written: str, instead: str
) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(folder / sheet, written, instead)
    result = check(folder)
    error = parsed(one_error(result))
    assert error.number == text.count("\n", 0, text.index(instead)) + 1
    assert error.expected.startswith("a date from 1900-01-01 to 2199-12-31")


def test_an_event_time_in_9999_is_refused(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    events = folder / "facts" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    text += "- {date: 2003-12-24, agreement: ipof-standstill, event: notice, method: mail,\n"
    text += "   about: default, acknowledged: 9999-12-31 10:00:00}\n"
    events.write_text(text, encoding="utf-8")
    error = parsed(one_error(check(folder)))
    assert (Path(error.file).name, error.field) == ("events.yaml", "acknowledged")
    assert "9999-12-31" in error.found and "2199-12-31" in error.expected
