"""The second example, `examples/roadhouse/`: Roadhouse Grill's restaurant ground lease of
September 15, 1998 with CNL APF Partners (EDGAR Exhibit 10.55), every figure worked out by
hand from the text.

The Effective Date is "the first date set forth at the beginning of this Lease": September 15,
1998 (a Tuesday). Calendar: Florida's public holidays (`{country: US, subdiv: FL}`); the
lease counts calendar days and rolls nothing.

- Term: "thirteen (13) years thereafter": expires Thursday 2011-09-15.
- First renewal: notice "not less than six (6) months prior to the expiration": last day
  Tuesday 2011-03-15; from 2010-12-31 that is 31 (January) + 28 + 15 = 74 days away, inside
  the 90-day alert.
- Second renewal: the first renewal term runs ten years to 2021-09-15; last day Monday
  2021-03-15; it opens when the first renewal term begins, 2011-09-15.
- Purchase option "at any time after the seventh (7th) Lease Year": from the seventh
  anniversary, 2005-09-15, to the expiry 2011-09-15.
- Building permit "within one hundred eighty (180) days of the Effective Date": 15 days left
  in September, 31 + 30 + 31 + 31 + 28 = 166 by February 28, + 14: Sunday 1999-03-14.
- Construction Addendum 7, "within two hundred seventy (180) days": the words, 270 days:
  197 by March 31, + 30 + 31 = 258 by May 31, + 12: Saturday 1999-06-12. The figures say
  180; `verify` reports the difference, -90.
- Completion within 180 days of the (illustrative) start on 1998-10-05: 26 days left in
  October, + 30 + 31 + 31 + 28 + 31 = 177 by March 31, + 3: Saturday 1999-04-03.
- Construction Period: the earliest of 1999-03-14 and the (illustrative) certificate of
  occupancy of 1999-02-26 and opening of 1999-03-01: 1999-02-26 once recorded.
- Draw requests by the 25th of each month of the period; the last month end 25 days or more
  before 1999-02-26 (1999-02-01) is 1999-01-31: requests 9/25, 10/25 (Sunday), 11/25,
  12/25 (Christmas Day) of 1998 and 1/25, 2/25 of 1999; payments by the 10th of the month
  after each request's month: 10/10/98 (Saturday), 11/10, 12/10, 1/10/99 (Sunday), 2/10,
  3/10.
- A mechanic's lien notice served 1998-11-17 (illustrative): discharge within ten days,
  1998-11-27, the Friday after Thanksgiving, a Florida holiday but a federal business day.
- Landlord's notice of unpaid rent deposited in the mail 2003-06-24 (illustrative) is given
  on deposit; ten days to cure: 2003-07-04, Independence Day.
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest

from bad_input_support import replace_once, run
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings, Obligation, Severity
from pactum.obligations_calendar import obligation_calendar
from pactum.portfolio import load_portfolio
from pactum.terms.named_dates import ResolvedDate

ROADHOUSE = Path(__file__).resolve().parents[1] / "examples" / "roadhouse"
AGREEMENT = "roadhouse-lease"
SHEET = "agreements/roadhouse-lease.yaml"
EVENTS = "facts/events.yaml"
RENEWAL_EXERCISE = """\
- date: 2011-01-14
  agreement: roadhouse-lease
  event: option_exercised
  option: first_renewal
  note: notice by overnight courier
"""


@pytest.fixture
def roadhouse(tmp_path: Path) -> Path:
    """A private copy of the example, for tests that change its facts or sheet."""
    folder = tmp_path / "roadhouse"
    shutil.copytree(ROADHOUSE, folder)
    return folder


def findings(as_of: date, folder: Path = ROADHOUSE) -> AgreementFindings:
    return evaluate(load_portfolio(folder), as_of).agreement(AGREEMENT)


def status(found: AgreementFindings, option: str) -> str:
    return str(found.value(f"option-{option}").value)


def due_dates(
    prefix: str, start: date, end: date, as_of: date, folder: Path = ROADHOUSE
) -> dict[date, Obligation]:
    """The calendar's obligations whose id starts with `prefix`, by due date."""
    entries = obligation_calendar(load_portfolio(folder), as_of, start, end).entries
    return {e.obligation.due: e.obligation for e in entries if e.obligation.id.startswith(prefix)}


def test_the_document_is_the_corpus_text_unchanged() -> None:
    # the blob id the corpus README gives for the file (git hash-object)
    data = (
        ROADHOUSE / "documents" / "roadhouse-grill-cnl-jacksonville-lease-1998.txt"
    ).read_bytes()
    blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # git's blob id
    assert blob == "89e2240b71b79ae38700660f0d2e20bf993c10cf"


def test_verify_counts_and_reports_the_construction_deadline_written_two_ways() -> None:
    # 43 cited: the lease's date, the Effective Date and 5 offsets of the header's dates (7);
    # the figures' quote (1); the notices clause, its two addresses and the copy (4); 2
    # windows, 6 conditions and 3 "brings" of the options (11); the counts of 12 + 8
    # deadlines (20). 3 assumed: the two methods' rule (on deposit) and the last draw month
    result = run("verify", str(ROADHOUSE))
    assert result.exit_code == 1, result.output
    output = " ".join(result.output.split())
    assert (
        "roadhouse-lease: 43 cited, 3 assumed, 0 unsourced; 1 stated figures recomputed" in output
    )
    assert (
        "construction_default_days_in_figures: the document states 180; expected 270 from the "
        "terms (construction.deadlines.continuous_prosecution.within.days = 270); difference -90"
    ) in output


def test_check_runs_at_the_default_date_without_a_problem() -> None:
    result = run("check", str(ROADHOUSE))
    assert result.exit_code == 0, result.output
    assert "Roadhouse Grill, Inc. as of 1998-12-31" in result.output


@pytest.mark.parametrize(
    ("as_of", "first", "second", "purchase"),
    [
        (date(1998, 12, 31), "open", "not yet open", "not yet open"),
        (date(2005, 9, 14), "open", "not yet open", "not yet open"),
        (date(2005, 9, 15), "open", "not yet open", "open"),  # the seventh anniversary
        (date(2011, 3, 16), "exercised", "not yet open", "open"),  # exercised 2011-01-14
        (date(2011, 9, 14), "exercised", "not yet open", "open"),
        (date(2011, 9, 15), "exercised", "open", "open"),  # the first renewal term begins
        # the purchase window is read as closing with the original term (see GAPS.md)
        (date(2011, 9, 16), "exercised", "open", "lapsed"),
        (date(2021, 3, 15), "exercised", "open", "lapsed"),  # the second's last day
        (date(2021, 3, 16), "exercised", "lapsed", "lapsed"),
    ],
)
def test_option_status(as_of: date, first: str, second: str, purchase: str) -> None:
    found = findings(as_of)
    assert (
        status(found, "first_renewal"),
        status(found, "second_renewal"),
        status(found, "purchase"),
    ) == (first, second, purchase)


def test_option_windows_and_the_expiry_in_the_calendar() -> None:
    entries = obligation_calendar(
        load_portfolio(ROADHOUSE), date(1998, 12, 31), date(1998, 9, 15), date(2031, 12, 31)
    ).entries
    # several fall on 2011-09-15: read them by id
    by_id = {e.obligation.id: e.obligation.due for e in entries}
    assert by_id["option-first_renewal-closes"] == date(2011, 3, 15)
    assert by_id["option-purchase-opens"] == date(2005, 9, 15)
    assert by_id["option-purchase-closes"] == date(2011, 9, 15)
    assert by_id["option-second_renewal-opens"] == date(2011, 9, 15)
    assert by_id["option-second_renewal-closes"] == date(2021, 3, 15)
    assert by_id["term_expires-2011-09-15"] == date(2011, 9, 15)
    assert "option-first_renewal-opens" not in by_id  # exercisable any time before it closes


def test_the_renewal_alert_74_days_before_the_window_closes() -> None:
    found = findings(date(2010, 12, 31))
    renewal = [a for a in found.alerts if a.message.startswith("First renewal option")]
    assert len(renewal) == 1
    assert renewal[0].severity is Severity.warning
    assert "closes 2011-03-15, 74 days away (the 90-day alert)" in renewal[0].message


def test_the_last_day_to_renew_and_the_day_after(roadhouse: Path) -> None:
    # without the illustrative exercise: open on its last day (a critical alert), lapsed after
    replace_once(roadhouse / EVENTS, RENEWAL_EXERCISE, "")
    last_day = findings(date(2011, 3, 15), roadhouse)
    assert status(last_day, "first_renewal") == "open"
    alert = next(a for a in last_day.alerts if a.message.startswith("First renewal option"))
    assert alert.severity is Severity.critical
    assert "0 days away (the 30-day alert)" in alert.message
    assert status(findings(date(2011, 3, 16), roadhouse), "first_renewal") == "lapsed"


@pytest.mark.parametrize(
    ("deadline", "due", "note"),
    [
        ("building_permit", date(1999, 3, 14), "falls on a Sunday; not rolled"),
        ("completion", date(1999, 4, 3), "falls on a Saturday; not rolled"),
        ("continuous_prosecution", date(1999, 6, 12), "falls on a Saturday; not rolled"),
    ],
)
def test_construction_deadlines(deadline: str, due: date, note: str) -> None:
    found = due_dates(deadline, date(1998, 9, 15), date(1999, 12, 31), date(1998, 12, 31))
    assert list(found) == [due]
    assert note in found[due].note


def test_the_construction_period_ends_at_the_certificate_of_occupancy() -> None:
    portfolio = load_portfolio(ROADHOUSE)
    agreement = portfolio.agreements[AGREEMENT]
    before = agreement.dates(portfolio.facts.events, date(1998, 12, 31))
    projected = before.named_date("construction_period_end")
    assert isinstance(projected, ResolvedDate)
    assert (projected.day, projected.projected) == (date(1999, 3, 14), True)
    after = agreement.dates(portfolio.facts.events, date(1999, 3, 1))
    recorded = after.named_date("construction_period_end")
    assert isinstance(recorded, ResolvedDate)
    assert (recorded.day, recorded.projected) == (date(1999, 2, 26), False)


DRAW_REQUESTS = [
    date(1998, 9, 25),
    date(1998, 10, 25),
    date(1998, 11, 25),
    date(1998, 12, 25),
    date(1999, 1, 25),
    date(1999, 2, 25),
]
DRAW_PAYMENTS = [
    date(1998, 10, 10),
    date(1998, 11, 10),
    date(1998, 12, 10),
    date(1999, 1, 10),
    date(1999, 2, 10),
    date(1999, 3, 10),
]


@pytest.mark.parametrize("as_of", [date(1998, 9, 15), date(1999, 12, 31)])
def test_draw_requests_and_payments(as_of: date) -> None:
    # projected from the 180 days at first (3/14/99 - 25 days = 2/17: the last month end is
    # 1/31 too), then from the certificate of occupancy of 2/26/99 (2/1: 1/31)
    start, end = date(1998, 9, 1), date(1999, 12, 31)
    requests = due_dates("draw_request", start, end, as_of)
    payments = due_dates("draw_payment", start, end, as_of)
    assert list(requests) == DRAW_REQUESTS
    assert list(payments) == DRAW_PAYMENTS
    assert "falls on a Sunday; not rolled" in requests[date(1998, 10, 25)].note
    assert "falls on Christmas Day; not rolled" in requests[date(1998, 12, 25)].note
    assert "falls on a Saturday; not rolled" in payments[date(1998, 10, 10)].note
    assert "falls on a Sunday; not rolled" in payments[date(1999, 1, 10)].note


def test_an_earlier_certificate_of_occupancy_ends_the_draws_sooner(roadhouse: Path) -> None:
    # a certificate on 1/20/99 ends the period then: 1/20 - 25 days = 12/26/98, whose month
    # end on or before it is 11/30: the last request 12/25/98, paid by 1/10/99
    replace_once(roadhouse / EVENTS, "date: 1999-02-26", "date: 1999-01-20")
    start, end, as_of = date(1998, 9, 1), date(1999, 12, 31), date(1999, 12, 31)
    assert list(due_dates("draw_request", start, end, as_of, roadhouse)) == DRAW_REQUESTS[:4]
    assert list(due_dates("draw_payment", start, end, as_of, roadhouse)) == DRAW_PAYMENTS[:4]


def test_the_lien_discharge_falls_on_a_florida_holiday(roadhouse: Path) -> None:
    window = (date(1998, 11, 1), date(1998, 11, 30), date(1998, 11, 30))
    found = due_dates("lien_discharge", *window)
    assert list(found) == [date(1998, 11, 27)]
    assert "falls on Friday After Thanksgiving; not rolled" in found[date(1998, 11, 27)].note
    # on the federal calendar the Friday after Thanksgiving is a business day
    replace_once(
        roadhouse / SHEET, "calendar: {country: US, subdiv: FL}", "calendar: {country: US}"
    )
    federal = due_dates("lien_discharge", *window, folder=roadhouse)
    assert (
        federal[date(1998, 11, 27)].note == "10 days after lien_notice_served recorded 1998-11-17"
    )


@pytest.mark.parametrize(
    ("as_of", "warned"), [(date(1998, 11, 19), False), (date(1998, 11, 20), True)]
)
def test_the_lien_warning_seven_days_ahead(as_of: date, warned: bool) -> None:
    # 11/27 is 8 days after 11/19 and exactly 7 after 11/20
    alerts = [a for a in findings(as_of).alerts if a.message.startswith("Discharge a mechanic")]
    assert [a.severity for a in alerts] == ([Severity.warning] if warned else [])


def test_rent_default_cure_runs_from_the_deposit_of_the_notice() -> None:
    found = findings(date(2003, 6, 30))
    (notice,) = found.notices
    assert (notice.method, notice.deemed_given) == ("mail", date(2003, 6, 24))
    (cure,) = [o for o in found.obligations if o.id.startswith("rent_default_cure")]
    assert cure.due == date(2003, 7, 4)
    assert "falls on Independence Day; not rolled" in cure.note
    warning = next(a for a in found.alerts if a.message.startswith("Cure a failure to pay"))
    assert warning.severity is Severity.warning
    assert "due 2003-07-04" in warning.message and "4 days away" in warning.message


def test_the_notice_goes_to_the_tenant_alone() -> None:
    (notice,) = findings(date(2003, 6, 30)).notices
    assert [r.party for r in notice.recipients] == ["Tenant"]


def test_report_says_no_clause_gives_a_document(tmp_path: Path) -> None:
    # the sheet's clauses (notices, options, deadlines) give no certificate or schedule
    out = tmp_path / "out"
    result = run("report", str(ROADHOUSE), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"No files written to {out}: no clause of the portfolio gives a document" in (
        " ".join(result.output.split())
    )
