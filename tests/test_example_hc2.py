"""`examples/hc2/`: HC2 Holdings' Cooperation Agreement of May 13, 2020 with the MG Capital
Parties (EDGAR Exhibit 10.1, from CUAD), every figure worked out by hand from the text.

Calendar: US federal holidays. May 13, 2020 is a Wednesday.

- Standstill: no ownership cap (3(a)(i) asks only that purchases comply with the law); it ends
  30 days before the assumed nomination deadline of 2021-04-09: April 9 less 9 days is
  March 31, less 21 more is March 10: 2021-03-10.
- Ownership: 2,703,537 / 46,700,000 (assumed) = 0.057891...: 5.79%, "approximately 5.8%".
- Expenses: the Initial Reimbursement $352,290.25 against the $650,000 Cap leaves
  650,000.00 - 352,290.25 = $297,709.75. Due five business days after 5/13: 5/14, 5/15, 5/18,
  5/19, 5/20 (Wednesday). The request of 6/15 (Monday): 6/16, 6/17, 6/18, 6/19, 6/22. The
  request of 7/1 ($200,000.00): 352,290.25 + 120,000.00 = 472,290.25 requested before it, so
  650,000.00 - 472,290.25 = $177,709.75 of it is owed and $22,290.25 is not; five business
  days are 7/2, 7/6, 7/7, 7/8, 7/9 (Friday 7/3 is Independence Day observed), but everything
  is due by the 2020 Annual Meeting, 7/8.
- Board: at most ten directors from signing through the meeting (7/8), at most seven from the
  next day (7/9) through the Standstill Period; the four New Directors appointed at signing.
- Cure: a notice of material breach by email, acknowledged 2020-10-01 11:30: given that day;
  ten calendar days later is Sunday 2020-10-11 (not rolled; Monday is Columbus Day).
- Indemnification agreements within three business days of 5/13: 5/14, 5/15, 5/18 (Monday).
- Votes (2(c)), `facts/votes/2020-annual-meeting.csv` on 7/8/20: the three holders' 1,903,537
  + 500,000 + 300,000 = 2,703,537 shares all with the Board on directors and other proposals
  (against the stockholder proposal the Board opposes, though ISS is for it); on say-on-pay
  all for with the Board, but ISS and Glass Lewis both against: they may vote against instead.
  With only one of them against, the Board's vote holds. After the Standstill Period
  (2021-03-10) every share is free.
- Termination (13): "uncured after ten (10) calendar days of notice": the cure period runs
  10/2 to 10/11; with no cure recorded by 10/11, the deadlines clause emits `uncured_breach`
  on 10/12 and the agreement's last day is 10/11 (the earlier of it and 2021-03-10). The
  illustrative cure of 10/8 keeps it in force through 2021-03-10.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bad_input_support import one_error, replace_once, run
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings, Severity
from pactum.obligations_calendar import obligation_calendar
from pactum.portfolio import load_portfolio

HC2 = Path(__file__).resolve().parents[1] / "examples" / "hc2"
AGREEMENT = "hc2-mg-cooperation"
SHEET = "agreements/hc2-mg-cooperation.yaml"
EVENTS = "facts/events.yaml"


@pytest.fixture
def hc2(tmp_path: Path) -> Path:
    folder = tmp_path / "hc2"
    shutil.copytree(HC2, folder)
    return folder


def findings(as_of: date, folder: Path = HC2) -> AgreementFindings:
    return evaluate(load_portfolio(folder), as_of).agreement(AGREEMENT)


def money(found: AgreementFindings, value_id: str) -> Decimal:
    value = found.value(value_id).value
    assert isinstance(value, Decimal)
    return value


def test_the_document_is_the_corpus_text_unchanged() -> None:
    data = (HC2 / "documents" / "hc2-mg-capital-cooperation-2020.txt").read_bytes()
    blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # git's blob id
    assert blob == "5864ccdd0d7c85d6814329e2a3b222db7c7ef165"


def test_verify_is_clean_but_for_the_misspelt_director() -> None:
    result = run("verify", str(HC2))
    assert result.exit_code == 1, result.output
    output = " ".join(result.output.split())
    assert "0 unsourced" in output
    assert "1 failures" in output
    assert "the document also writes 'Michael Gorzynski' as 'Gorznyski'" in output


def test_the_standstill_has_no_cap_and_ends_thirty_days_before_the_nomination_deadline() -> None:
    found = findings(date(2020, 5, 31))
    ids = {v.id for v in found.values}
    assert "threshold_acquisition_cap" not in ids
    assert "term_active" not in ids
    assert not [t for t in found.tests if t.id == "acquisition_cap"]
    # exact: 2,703,537 / 46,700,000, shown 5.79 (5.8% to one place, as the recital)
    assert found.value("ownership_pct").value == Decimal(2703537) / Decimal(46700000)
    assert found.value("signing_difference").value == Decimal(0)
    assert found.value("standstill_active").value == "true"
    assert found.value("standstill_end").value == date(2021, 3, 10)
    # the day after, the agreement has ended with its standstill: nothing of it is tested but
    # the reimbursement, which survives its term (Section 10): $650,000.00 paid in all
    later = findings(date(2021, 3, 11))
    assert later.ended_on == date(2021, 3, 10)
    assert {v.clause for v in later.values if v.id != "survives_1"} == {"expenses"}
    assert {t.clause for t in later.tests} <= {"expenses"}
    assert money(later, "expenses_paid") == Decimal("650000.00")


def test_once_ended_sections_9_through_19_survive_without_a_limit_cited() -> None:
    # Section 13: "Sections 9 through Section 19 hereof shall survive termination"
    assert "survives_1" not in {v.id for v in findings(date(2021, 3, 10)).values}
    later = findings(date(2021, 3, 11))
    survives = later.value("survives_1")
    assert survives.value == "indefinitely"
    assert survives.label.startswith("Sections 9 through 19 survive the term")
    assert survives.trace is not None
    [source] = survives.trace.sources
    assert source.quote == (
        "Sections 9 through Section 19 hereof shall survive termination of this Agreement"
    )
    assert "but what survives its term" in later.alerts[0].message


def test_sections_surviving_for_ten_years_run_to_the_anniversary_of_the_end(
    hc2: Path,
) -> None:
    # illustrative: the same sections for ten years after the term's last day, 2021-03-10:
    # to 2031-03-10
    replace_once(
        hc2 / SHEET,
        '    cite: "Sections 9 through Section 19 hereof shall survive termination of this '
        'Agreement"\n',
        '    cite: "Sections 9 through Section 19 hereof shall survive termination of this '
        'Agreement"\n    for_years: {value: 10, assumed: "illustrative"}\n',
    )
    survives = findings(date(2021, 3, 11), hc2).value("survives_1")
    assert survives.value == date(2031, 3, 10)


def test_sections_surviving_for_zero_years_are_bad_input(hc2: Path) -> None:
    replace_once(
        hc2 / SHEET,
        '    cite: "Sections 9 through Section 19 hereof shall survive termination of this '
        'Agreement"\n',
        '    cite: "Sections 9 through Section 19 hereof shall survive termination of this '
        'Agreement"\n    for_years: {value: 0, assumed: "illustrative"}\n',
    )
    line = one_error(run("check", str(hc2)))
    assert "hc2-mg-cooperation.yaml" in line and "survives" in line
    assert "a number of years, 1 or more" in line


def test_the_initial_reimbursement_leaves_297_709_75_under_the_650_000_cap() -> None:
    found = findings(date(2020, 5, 31))
    assert money(found, "expenses_requested") == Decimal("352290.25")
    assert money(found, "expenses_paid") == Decimal("352290.25")
    assert money(found, "expense_limit_remaining") == Decimal("297709.75")
    test = next(t for t in found.tests if t.id == "expenses_paid_within_limit")
    assert test.passed is True
    assert test.headroom == Decimal("297709.75")
    trace = found.value("expense_limit_remaining").trace
    assert trace is not None
    assert trace.input("limit") == "650000.00"
    assert any(s.quote and "$650,000" in s.quote for s in trace.sources)


def test_the_initial_reimbursement_falls_due_on_the_fifth_business_day() -> None:
    found = findings(date(2020, 5, 14))
    due = next(o for o in found.obligations if o.id == "expenses-initial")
    assert due.due == date(2020, 5, 20)
    assert due.amount == Decimal("352290.25")


def test_requests_past_the_cap_are_owed_only_to_the_cap_and_due_by_the_meeting() -> None:
    found = findings(date(2020, 7, 2))
    assert money(found, "expenses_requested") == Decimal("672290.25")
    assert money(found, "expense_limit_remaining") == Decimal(0)
    assert money(found, "expenses_unpaid") == Decimal("177709.75")
    due = next(o for o in found.obligations if o.id == "expenses-request-2020-07-01")
    assert due.due == date(2020, 7, 8)  # five business days give 7/9; the meeting is first
    assert due.amount == Decimal("177709.75")
    assert "$22,290.25 of it beyond the limit, not owed" in due.note
    over = [a for a in found.alerts if "exceed the limit" in a.message]
    assert over and "by $22,290.25" in over[0].message
    assert over[0].severity is Severity.warning


def test_after_the_meeting_everything_within_the_cap_is_paid() -> None:
    found = findings(date(2020, 7, 15))
    assert money(found, "expenses_paid") == Decimal("650000.00")
    assert money(found, "expenses_unpaid") == Decimal(0)
    test = next(t for t in found.tests if t.id == "expenses_paid_within_limit")
    assert (test.passed, test.headroom) == (True, Decimal(0))
    assert not [a for a in found.alerts if a.severity is Severity.critical]


def test_an_unpaid_request_past_its_day_is_critical(hc2: Path) -> None:
    replace_once(
        hc2 / EVENTS,
        "- date: 2020-06-22\n  agreement: hc2-mg-cooperation\n  event: expenses_paid\n"
        "  amount: 120000.00\n",
        "",
    )
    found = findings(date(2020, 6, 23), hc2)
    overdue = [a for a in found.alerts if a.severity is Severity.critical]
    assert [a.message for a in overdue] == [
        "Reimbursement of the MG Capital Parties' Expenses: $120,000.00 of the request of "
        "2020-06-15 was due 2020-06-22 and is unpaid."
    ]


def test_board_size_caps_ten_through_the_meeting_then_seven() -> None:
    found = findings(date(2020, 7, 15))
    tests = {t.id: t for t in found.tests}
    ten, seven = (
        tests["board_size_cap-until_2020_meeting"],
        tests["board_size_cap-standstill_period"],
    )
    assert (ten.test_date, ten.required, ten.actual, ten.passed) == (
        date(2020, 7, 8),
        Decimal(10),
        Decimal(10),
        True,
    )
    assert (seven.required, seven.actual, seven.passed) == (Decimal(7), Decimal(7), True)
    assert found.value("board_size").value == Decimal(7)
    before = findings(date(2020, 5, 31))
    starts = next(o for o in before.obligations if o.id == "board-standstill_period")
    assert starts.due == date(2020, 7, 9)


def test_a_board_of_eight_after_the_meeting_breaches_the_seven_cap(hc2: Path) -> None:
    replace_once(hc2 / EVENTS, "  size: 7\n", "  size: 8\n")
    found = findings(date(2020, 7, 15), hc2)
    seven = next(t for t in found.tests if t.id == "board_size_cap-standstill_period")
    # 8 from the meeting's day, in force when the seven-director cap starts the next day
    assert (seven.actual, seven.passed, seven.headroom) == (Decimal(8), False, Decimal(-1))
    assert any(
        a.severity is Severity.critical and "8 directors from 2020-07-08" in a.message
        for a in found.alerts
    )


def test_a_board_enlarged_with_unanimous_approval_is_allowed(hc2: Path) -> None:
    replace_once(hc2 / EVENTS, "  size: 7\n", "  size: 8\n  unanimous: true\n")
    seven = next(
        t
        for t in findings(date(2020, 7, 15), hc2).tests
        if t.id == "board_size_cap-standstill_period"
    )
    assert seven.passed is True
    assert "8 from 2020-07-08 approved unanimously, allowed" in seven.note


def test_the_new_directors_appointed_at_signing() -> None:
    found = findings(date(2020, 5, 31))
    test = next(t for t in found.tests if t.id == "appointment-new_directors")
    assert (test.test_date, test.required, test.actual, test.passed) == (
        date(2020, 5, 13),
        Decimal(4),
        Decimal(4),
        True,
    )


def test_a_misspelt_appointment_is_not_counted_and_is_named(hc2: Path) -> None:
    replace_once(hc2 / EVENTS, "  director: Michael Gorzynski\n", "  director: Michael Gorzinski\n")
    found = findings(date(2020, 5, 31), hc2)
    test = next(t for t in found.tests if t.id == "appointment-new_directors")
    assert (test.actual, test.passed) == (Decimal(3), False)
    assert any(
        "'Michael Gorzinski'" in a.message and "'Michael Gorzynski'" in a.message
        for a in found.alerts
    )
    # the document's own other spelling counts as the same director
    replace_once(hc2 / EVENTS, "  director: Michael Gorzinski\n", "  director: Gorznyski\n")
    again = next(
        t for t in findings(date(2020, 5, 31), hc2).tests if t.id == "appointment-new_directors"
    )
    assert again.passed is True


def test_the_cure_period_is_ten_calendar_days_from_the_acknowledged_email() -> None:
    found = findings(date(2020, 10, 2))
    cure = next(o for o in found.obligations if o.id.startswith("breach_cure"))
    assert cure.due == date(2020, 10, 11)
    assert "falls on a Sunday; not rolled" in cure.note
    assert [n.deemed_given for n in found.notices] == [date(2020, 10, 1)]


def test_indemnification_agreements_within_three_business_days() -> None:
    found = obligation_calendar(
        load_portfolio(HC2), date(2020, 5, 13), date(2020, 5, 13), date(2020, 7, 31)
    ).entries
    due = {e.obligation.id: e.obligation.due for e in found}
    assert due["indemnification_agreements-2020-05-13"] == date(2020, 5, 18)
    assert due["expenses-initial"] == date(2020, 5, 20)
    assert due["board-new_directors"] == date(2020, 5, 13)


def test_an_initial_reimbursement_above_the_cap_is_bad_input(hc2: Path) -> None:
    replace_once(hc2 / SHEET, "{value: 352290.25,", "{value: 652290.25,")
    line = one_error(run("check", str(hc2)))
    assert "hc2-mg-cooperation.yaml" in line
    assert "expenses.initial.amount" in line
    assert "$652,290.25" in line and "at most the limit, $650,000.00" in line


def test_a_request_without_an_amount_is_bad_input(hc2: Path) -> None:
    replace_once(hc2 / EVENTS, "  amount: 120000.00\n  note: vendors' invoices for May\n", "")
    line = one_error(run("check", str(hc2)))
    assert "events.yaml" in line and "amount" in line


CURE = (
    "- date: 2020-10-08\n  agreement: hc2-mg-cooperation\n  event: breach_cured\n"
    "  note: illustrative\n"
)


def test_a_cure_recorded_in_time_keeps_the_agreement_in_force() -> None:
    during = findings(date(2020, 10, 9))
    cure = next(o for o in during.obligations if o.id.startswith("breach_cure"))
    assert cure.due == date(2020, 10, 11)
    assert "met: breach_cured recorded 2020-10-08" in cure.note
    after = findings(date(2020, 10, 12))
    assert after.value("standstill_active").value == "true"
    assert after.value("standstill_end").value == date(2021, 3, 10)
    assert not [a for a in after.alerts if a.severity is Severity.critical]
    seven = next(t for t in after.tests if t.id == "board_size_cap-standstill_period")
    assert seven.test_date == date(2020, 10, 12)  # the cap still runs


def test_no_cure_ends_the_standstill_and_the_board_caps_the_day_after_the_cure_period(
    hc2: Path,
) -> None:
    replace_once(hc2 / EVENTS, CURE, "")
    # the cure period's last day (a Sunday): still in force, the breach critical
    last = findings(date(2020, 10, 11), hc2)
    assert last.value("standstill_active").value == "true"
    # the day after: the earlier of 2021-03-10 and the day before the uncured breach's 10/12
    ended = findings(date(2020, 10, 12), hc2)
    assert ended.ended_on == date(2020, 10, 11)
    assert "standstill_active" not in {v.id for v in ended.values}
    # Section 10 survives termination: the reimbursement is still worked out
    assert money(ended, "expenses_paid") == Decimal("650000.00")


def test_a_cure_on_the_last_day_counts_one_the_day_after_does_not(hc2: Path) -> None:
    replace_once(hc2 / EVENTS, "- date: 2020-10-08\n", "- date: 2020-10-11\n")
    assert findings(date(2020, 10, 12), hc2).value("standstill_active").value == "true"
    replace_once(hc2 / EVENTS, "- date: 2020-10-11\n", "- date: 2020-10-12\n")
    late = findings(date(2020, 10, 13), hc2)
    assert late.ended_on == date(2020, 10, 11)


def test_if_missed_without_a_way_to_meet_the_deadline_is_bad_input(hc2: Path) -> None:
    replace_once(hc2 / SHEET, "        met_by: breach_cured\n", "")
    line = one_error(run("check", str(hc2)))
    assert "hc2-mg-cooperation.yaml" in line and "deadlines" in line
    assert "`if_missed` with `met_by`" in line


VOTES = "facts/votes/2020-annual-meeting.csv"


def votes(folder: Path, as_of: str) -> dict[str, dict[str, Any]]:
    result = run(
        "vote", str(folder), AGREEMENT, "--votes", str(folder / VOTES), "--as-of", as_of, "--json"
    )
    assert result.exit_code == 0, result.output
    return {c["proposal"]: c for c in json.loads(result.stdout)["commitments"]}


def required(found: dict[str, Any]) -> dict[str, tuple[dict[str, int], int, str]]:
    return {h["holder"]: (h["required"], h["free"], h["may_instead"]) for h in found["holders"]}


def test_the_votes_with_the_board_and_the_advisors_exception_on_say_on_pay() -> None:
    found = votes(HC2, "2020-07-08")
    assert required(found["Election of directors"]) == {
        "MG Capital Management Ltd.": ({"for": 1903537}, 0, ""),
        "Percy Rockdale LLC": ({"for": 500000}, 0, ""),
        "Rio Royal LLC": ({"for": 300000}, 0, ""),
    }
    # the Board against a stockholder proposal ISS supports: every share against
    against = required(found["Stockholder proposal on the Board's declassification"])
    assert against["Rio Royal LLC"] == ({"against": 300000}, 0, "")
    # say-on-pay: both advisors against the Board's for
    pay = found["Say-on-pay"]
    assert required(pay)["MG Capital Management Ltd."] == ({"for": 1903537}, 0, "against")
    assert sum(h["shares"] for h in pay["holders"]) == 2703537
    assert pay["note"] == (
        "ISS and Glass Lewis both recommend against, the Board for: the holders may vote "
        "against instead"
    )


def test_one_advisor_against_the_board_does_not_free_the_say_on_pay_vote(hc2: Path) -> None:
    replace_once(hc2 / VOTES, "say_on_pay,for,against,against", "say_on_pay,for,against,for")
    pay = votes(hc2, "2020-07-08")["Say-on-pay"]
    assert {h["may_instead"] for h in pay["holders"]} == {""}


def test_after_the_standstill_period_every_share_is_free() -> None:
    found = votes(HC2, "2021-03-11")
    assert required(found["Say-on-pay"])["Percy Rockdale LLC"] == ({}, 500000, "")


def test_the_meeting_held_on_july_8_meets_its_deadline() -> None:
    before = findings(date(2020, 7, 6))
    assert any(
        a.message.startswith("Hold the 2020 Annual Meeting: due 2020-07-08")
        and "2 days away" in a.message
        for a in before.alerts
    )
    held = findings(date(2020, 7, 8))
    meeting = next(o for o in held.obligations if o.id.startswith("annual_meeting"))
    assert meeting.note.endswith("met: annual_meeting recorded 2020-07-08")
    assert not [a for a in held.alerts if "Hold the 2020 Annual Meeting" in a.message]


# 1(f)(i): the Company nominates the 2020 Director Slate at signing (Wednesday 2020-05-13, 0
# days after it), met by the `slate_nominated` event recorded that day (illustrative).
SLATE = (
    "- date: 2020-05-13\n  agreement: hc2-mg-cooperation\n  event: slate_nominated\n"
    "  note: 1(f)(i), the 2020 Director Slate nominated at signing (illustrative)\n"
)


def test_the_slate_nominated_at_signing_meets_its_deadline() -> None:
    found = findings(date(2020, 5, 13))
    [slate] = [o for o in found.obligations if o.id.startswith("slate_nominated")]
    assert slate.due == date(2020, 5, 13)
    assert slate.note.endswith("met: slate_nominated recorded 2020-05-13")


def test_a_slate_not_recorded_leaves_the_deadline_unmet_on_its_day(hc2: Path) -> None:
    replace_once(hc2 / EVENTS, SLATE, "")
    found = findings(date(2020, 5, 13), hc2)
    [slate] = [o for o in found.obligations if o.id.startswith("slate_nominated")]
    assert slate.due == date(2020, 5, 13)
    assert "met:" not in slate.note


MEETING = (
    "- date: 2020-07-08\n  agreement: hc2-mg-cooperation\n  event: annual_meeting\n"
    "  note: the 2020 Annual Meeting\n"
)


def test_a_meeting_not_held_by_july_8_is_a_missed_deadline_the_next_day(hc2: Path) -> None:
    # 1(e): "no later than July 8, 2020"; met_by without if_missed: a warning, not critical
    replace_once(hc2 / EVENTS, MEETING, "")
    assert not [a for a in findings(date(2020, 7, 8), hc2).alerts if "missed" in a.message]
    found = findings(date(2020, 7, 9), hc2)
    [missed] = [a for a in found.alerts if a.message.startswith("Hold the 2020 Annual Meeting")]
    assert missed.severity is Severity.warning
    assert missed.message == (
        "Hold the 2020 Annual Meeting: due 2020-07-08 (2020-07-08); "
        "no annual_meeting recorded by then: missed."
    )
    assert missed.source is not None and "July 8, 2020" in (missed.source.quote or "")
