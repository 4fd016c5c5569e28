"""The `security_deposit` clause: a letter of credit stepping down on anniversaries of the
commencement date, suspended during a default and taken on its cure (or lost), a cash deposit
returned after the term, and the bad input the clause refuses.

The letter of credit is Exicure's (../shared/corpus, lease/exicure-2430-n-halsted-chicago-2020.txt,
Article 26): $1,200,000 to the fourth anniversary of the Commencement Date, then $960,000,
$720,000, $480,000 and $240,000 "from the day after" the 4th to 7th anniversaries, "Unless an
Event of Default has occurred and is then continuing"; the landlord accepts the amended letter
"within ten (10) business days after the applicable date". The commencement date here is
illustrative (2021-03-01), so each reduction holds from March 2 of 2025, 2026, 2027, 2028.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bad_input_support import run
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings, Obligation, Severity
from pactum.obligations_calendar import obligation_calendar
from pactum.portfolio import Portfolio, load_portfolio
from portfolio_support import assert_sheet_error, write_portfolio

DOCUMENT = """\
Unless an Event of Default has occurred and is then continuing, the Security Deposit shall be
decreased to the lower Security Deposit Amounts on the dates described below.
1. The term "Security Deposit Amount" as used herein shall mean (i) One Million Two Hundred
Thousand and No/100 Dollars ($1,200,000) from the date of execution of this Lease until the
fourth (4th) anniversary of the Commencement Date, (ii) Nine Hundred Sixty Thousand and No/100
Dollars ($960,000) from the day after the fourth (4th) anniversary of the Commencement Date
until the fifth (5th) anniversary of the Commencement Date, (iii) Seven Hundred Twenty Thousand
and No/100 Dollars ($720,000) from the day after the fifth (5th) anniversary of the
Commencement Date until the sixth (6th) anniversary of the Commencement Date, (iv) Four Hundred
Eighty Thousand and No/100 Dollars ($480,000) from the day after the sixth (6th) anniversary
of the Commencement Date until the seventh (7th) anniversary of the Commencement Date; and (v)
Two Hundred Forty Thousand and No/100 Dollars ($240,000) from the day after the seventh (7th)
anniversary of the Commencement Date through the remaining Term of this Lease.
5. The Security Deposit shall be in the form of a Letter of Credit. With respect to any
scheduled decreases in the Security Deposit Amount, Landlord shall accept an amendment to or
replacement of the Letter of Credit reflecting such decrease within ten (10) business days
after the applicable date.
The Security Deposit shall be returned to Tenant within thirty (30) days after the expiration
of the Term.
"""

SHEET = """\
dates:
  commencement: {value: 2021-03-01, assumed: "illustrative"}
  expiration: {value: 2031-02-28, assumed: "illustrative: ten years"}
clauses:
  - id: security
    type: security_deposit
    form: {value: letter_of_credit, cite: "in the form of a Letter of Credit"}
    amount: {value: 1200000, cite: "($1,200,000) from the date of execution of this Lease"}
    given: {value: 2020-12-01, assumed: "illustrative execution date"}
    anniversaries:
      of: commencement
      from_day_after: {value: true, cite: "from the day after the fourth (4th) anniversary"}
    reductions:
      - anniversary: {value: 4, cite: "from the day after the fourth (4th) anniversary"}
        to: {value: 960000, cite: "($960,000) from the day after the fourth (4th) anniversary"}
      - anniversary: {value: 5, cite: "from the day after the fifth (5th) anniversary"}
        to: {value: 720000, cite: "($720,000) from the day after the fifth (5th) anniversary"}
      - anniversary: {value: 6, cite: "from the day after the sixth (6th) anniversary"}
        to: {value: 480000, cite: "($480,000) from the day after the sixth (6th) anniversary"}
      - anniversary: {value: 7, cite: "from the day after the seventh (7th) anniversary"}
        to: {value: 240000, cite: "($240,000) from the day after the seventh (7th) anniversary"}
    reduced_by:
      party: {value: landlord, cite: "Landlord shall accept an amendment to or replacement of the Letter of Credit"}
      act: accept an amendment to or replacement of the letter of credit
      within: {value: 10, cite: "within ten (10) business days after the applicable date"}
      business_days: {value: true, cite: "within ten (10) business days"}
    condition:
      cite: "Unless an Event of Default has occurred and is then continuing"
      while_default: {value: WHILE, assumed: "the decrease is taken once the default is cured"}
    returned:
      after: expiration
      days: {value: 30, cite: "within thirty (30) days after the expiration of the Term"}
"""

# a default before the 5th anniversary's reduction (2026-03-02), cured on Friday 2026-04-10
DEFAULT_AND_CURE = """\
- {date: 2026-02-15, agreement: deal, event: default}
- {date: 2026-04-10, agreement: deal, event: cure}
"""


def _deal(
    folder: Path, as_of: date, events: str = "", while_default: str = "suspended"
) -> AgreementFindings:
    write_portfolio(folder, SHEET.replace("WHILE", while_default), DOCUMENT, events)
    return evaluate(load_portfolio(folder), as_of).agreement("deal")


def calendar_between(portfolio: Portfolio, as_of: date, start: date, end: date) -> list[Obligation]:
    entries = obligation_calendar(portfolio, as_of, start, end).entries
    return [e.obligation for e in entries]


def _balance(found: AgreementFindings) -> Decimal | None:
    value = found.value("security-balance").value
    assert value is None or isinstance(value, Decimal)
    return value


def test_steps_down_on_the_day_after_each_anniversary(tmp_path: Path) -> None:
    # the 4th anniversary is 2025-03-01: $1,200,000 through it, $960,000 from 2025-03-02
    assert _balance(_deal(tmp_path, date(2025, 3, 1))) == Decimal(1200000)
    assert _balance(_deal(tmp_path, date(2025, 3, 2))) == Decimal(960000)
    # after the 7th (2028-03-02) and for the rest of the term: $240,000
    assert _balance(_deal(tmp_path, date(2029, 1, 1))) == Decimal(240000)
    # before it is given nothing is held
    assert _balance(_deal(tmp_path, date(2020, 11, 30))) == Decimal(0)


def test_each_reduction_is_the_landlords_act_ten_business_days_later(tmp_path: Path) -> None:
    _deal(tmp_path, date(2024, 6, 30))
    portfolio = load_portfolio(tmp_path)
    listed = calendar_between(portfolio, date(2024, 6, 30), date(2025, 1, 1), date(2025, 12, 31))
    reductions = [o for o in listed if o.id == "security-reduction-1"]
    # 2025-03-02 is a Sunday: the 10th business day after it is Friday 2025-03-14
    assert [(o.due, o.amount) for o in reductions] == [(date(2025, 3, 14), Decimal(960000))]
    assert "landlord: accept an amendment" in reductions[0].what


def test_a_reduction_during_a_default_is_suspended_then_taken_on_the_cure(tmp_path: Path) -> None:
    # 2026-03-31: the 5th anniversary's reduction (2026-03-02) fell during the open default
    during = _deal(tmp_path, date(2026, 3, 31), DEFAULT_AND_CURE.splitlines()[0] + "\n")
    assert _balance(during) == Decimal(960000)
    [alert] = [a for a in during.alerts if a.clause == "security"]
    assert alert.severity is Severity.warning
    assert "suspended" in alert.message and "2026-03-02" in alert.message
    assert alert.source is not None and alert.source.quote is not None
    # the day before the cure is recorded, it is still suspended
    assert _balance(_deal(tmp_path, date(2026, 4, 9), DEFAULT_AND_CURE)) == Decimal(960000)
    # cured 2026-04-10: $720,000 from the cure, no alert left
    cured = _deal(tmp_path, date(2026, 4, 10), DEFAULT_AND_CURE)
    assert _balance(cured) == Decimal(720000)
    assert not [a for a in cured.alerts if a.clause == "security"]
    trace = cured.value("security-balance").trace
    assert trace is not None
    assert "taken on the cure, in effect from 2026-04-10" in trace.input(
        "reduction 2, the 5th anniversary (2026-03-02)"
    )
    # the landlord's act runs from the cure: 10 business days after Friday 2026-04-10
    listed = calendar_between(
        load_portfolio(tmp_path), date(2026, 4, 10), date(2026, 4, 1), date(2026, 4, 30)
    )
    [step] = [o for o in listed if o.id == "security-reduction-2"]
    assert step.due == date(2026, 4, 24)
    # the 6th anniversary's reduction is not touched by the cured default
    assert _balance(_deal(tmp_path, date(2027, 3, 2), DEFAULT_AND_CURE)) == Decimal(480000)


def test_a_reduction_lost_during_a_default_is_never_taken(tmp_path: Path) -> None:
    found = _deal(tmp_path, date(2026, 12, 31), DEFAULT_AND_CURE, while_default="lost")
    assert _balance(found) == Decimal(960000)
    [alert] = [a for a in found.alerts if a.clause == "security"]
    assert "lost" in alert.message
    # the next reduction is to an amount: $480,000 from 2027-03-02
    later = _deal(tmp_path, date(2027, 3, 2), DEFAULT_AND_CURE, while_default="lost")
    assert _balance(later) == Decimal(480000)


def test_returned_thirty_days_after_the_term(tmp_path: Path) -> None:
    found = _deal(tmp_path, date(2031, 1, 15))
    # the term ends 2031-02-28; 30 days later is 2031-03-30, a Sunday, not rolled
    assert found.value("security-return-due").value == date(2031, 3, 30)
    [returned] = [o for o in found.obligations if o.id == "security-return"]
    assert returned.due == date(2031, 3, 30)
    assert returned.amount == Decimal(240000)
    assert "falls on a Sunday; not rolled" in returned.note


def test_a_cash_deposit_by_amounts_off_on_dates(tmp_path: Path) -> None:
    sheet = """\
clauses:
  - id: deposit
    type: security_deposit
    form: cash
    amount: 30000
    given: 2024-01-02
    reductions:
      - {date: 2025-01-02, by: 10000}
      - {date: 2026-01-02, by: 10000}
"""
    write_portfolio(tmp_path, sheet)
    found = evaluate(load_portfolio(tmp_path), date(2025, 6, 30)).agreement("deal")
    assert found.value("deposit-balance").value == Decimal(20000)
    # no condition: no default events read, no alert
    assert not found.alerts


@pytest.mark.parametrize(
    ("old", "new", "line_with", "field", "found", "expected"),
    [
        (
            "to: {value: 720000,",
            "to: {value: 1000000,",
            "to: {value: 1000000,",
            "security.reductions.1.to",
            ("$1,000,000.00", "raises the letter of credit from $960,000.00"),
            ("at most $960,000.00",),
        ),
    ],
)
def test_a_reduction_that_raises_the_letter_of_credit_is_refused(
    tmp_path: Path,
    old: str,
    new: str,
    line_with: str,
    field: str,
    found: tuple[str, ...],
    expected: tuple[str, ...],
) -> None:
    write_portfolio(tmp_path, SHEET.replace("WHILE", "suspended").replace(old, new), DOCUMENT)
    assert_sheet_error(tmp_path, line_with, field, found, expected)


def test_a_reduction_before_the_deposit_is_given_is_refused(tmp_path: Path) -> None:
    sheet = """\
clauses:
  - id: deposit
    type: security_deposit
    form: cash
    amount: 30000
    given: 2024-01-02
    reductions:
      - {date: 2023-12-31, by: 10000}
"""
    write_portfolio(tmp_path, sheet)
    assert_sheet_error(
        tmp_path,
        "date: 2023-12-31",
        "deposit.reductions.0.date",
        "2023-12-31",
        ("a date on or after the deposit's date, 2024-01-02",),
    )


def test_every_quote_and_value_is_found_in_the_document(tmp_path: Path) -> None:
    write_portfolio(tmp_path, SHEET.replace("WHILE", "suspended"), DOCUMENT)
    result = run("verify", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "16 cited, 4 assumed, 0 unsourced" in result.output
