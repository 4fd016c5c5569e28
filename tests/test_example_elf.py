"""`examples/elf/`: e.l.f. Beauty's Cooperation Agreement of July 1, 2020 with the Marathon
Parties (EDGAR Exhibit 10.1, from CUAD), every figure worked out by hand from the text.

Calendar: US federal holidays. July 1, 2020 is a Wednesday. Shares outstanding are assumed at
49,000,000 (illustrative): the 2.0% Minimum Ownership Threshold is 0.02 x 49,000,000 = 980,000
shares, the 12.5% cap 0.125 x 49,000,000 = 6,125,000.

- The Support Period ends at 11:59 pm New York time thirty days before the advance notice
  period expires (assumed May 29, 2021): May 29 less 29 days is April 30, less one more is
  April 29, 2021 (the "2021 Annual Meeting Nomination Window Date"). 4(b)(i): if at any time
  from signing to that date the group does not meet the threshold, it is extended to thirty
  days before the 2022 expiry (May 29, 2022): April 29, 2022.
- The illustrative facts: 980,000 shares on 10/30/20 (exactly 2.0%: "equal to or greater
  than" is met), 979,999 on Wednesday 11/25/20 (below). Notice within two business days:
  11/26 is Thanksgiving, so Friday 11/27 (1) and Monday 11/30 (2).
- Board actions within two business days of 7/1/20: 7/2 (1); 7/3 is Independence Day observed
  (July 4 is a Saturday); Monday 7/6 (2).
- Evidence of the vote ten business days before the 2020 Annual Meeting (8/27/20, a
  Thursday): 8/26, 8/25, 8/24, 8/21, 8/20, 8/19, 8/18, 8/17, 8/14, 8/13: Thursday 8/13/20.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from bad_input_support import one_error, replace_once, run
from pactum.business_days import BusinessCalendar, CalendarSpec
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings
from pactum.portfolio import load_portfolio
from pactum.terms.named_dates import DateResolver, DateRule, ResolvedDate

ELF = Path(__file__).resolve().parents[1] / "examples" / "elf"
AGREEMENT = "elf-marathon-cooperation"
SHEET = "agreements/elf-marathon-cooperation.yaml"
EVENTS = "facts/events.yaml"
OWNERSHIP = "facts/ownership.csv"


@pytest.fixture
def elf(tmp_path: Path) -> Path:
    folder = tmp_path / "elf"
    shutil.copytree(ELF, folder)
    return folder


def findings(as_of: date, folder: Path = ELF) -> AgreementFindings:
    return evaluate(load_portfolio(folder), as_of).agreement(AGREEMENT)


def end_of_support(found: AgreementFindings) -> tuple[object, object]:
    return found.value("standstill_end").value, found.value("standstill_active").value


def without_the_fall(folder: Path) -> None:
    """The ownership rows of 11/25/20 removed: the group stays at exactly 2.0%."""
    path = folder / OWNERSHIP
    rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(r for r in rows if not r.startswith("2020-11-25")), encoding="utf-8")


def test_the_document_is_the_corpus_text_unchanged() -> None:
    data = (ELF / "documents" / "elf-beauty-marathon-cooperation-2020.txt").read_bytes()
    blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # git's blob id
    assert blob == "484815ea30fc6a061cfb1b921d32dec764105709"


def test_verify_is_clean() -> None:
    result = run("verify", str(ELF))
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "0 unsourced" in output and "0 failures" in output


def test_before_the_fall_the_support_period_ends_at_the_2021_window_date_projected() -> None:
    found = findings(date(2020, 11, 24))
    assert end_of_support(found) == (date(2021, 4, 29), "true")
    assert found.value("right_investor_calls").value == "in force"
    trace = found.value("standstill_end").trace
    assert trace is not None
    [source] = trace.sources
    assert source.assumed is not None
    assert source.assumed.startswith("projected")
    assert (
        "fell_below_minimum_ownership not recorded; all of (new_director_on_nominating_committee "
        "not recorded, no amin_voting_agreement, no issued_over_twenty_percent, "
        "proxy_statement_language_confirmed not recorded, say_on_pay_frequency_vote_confirmed "
        "not recorded) not met, as of 2020-11-24: not extended unless that changes on or "
        "before 2021-04-29"
    ) in source.assumed


def test_exactly_two_percent_meets_the_threshold() -> None:
    found = findings(date(2020, 11, 1))
    # 980,000 / 49,000,000 = 0.02 exactly
    assert found.value("ownership_pct").value == Decimal("0.02")
    assert found.value("right_investor_calls").value == "in force"
    assert found.value("standstill_end").value == date(2021, 4, 29)


def test_falling_below_the_floor_extends_the_support_period_to_2022() -> None:
    found = findings(date(2020, 12, 31))
    # 979,999 / 49,000,000 = 0.01999998: below 2.0%, though shown as 2.00%
    assert found.value("ownership_pct").value == Decimal(979999) / Decimal(49000000)
    assert end_of_support(found) == (date(2022, 4, 29), "true")
    assert found.value("right_investor_calls").value == "ended"
    trace = found.value("standstill_end").trace
    assert trace is not None and trace.sources[0].assumed is not None
    assert (
        "fell_below_minimum_ownership recorded 2020-11-25, on or before 2021-04-29: extended"
        in (trace.sources[0].assumed)
    )
    # still in force after the 2021 window date; over after the 2022 one
    assert end_of_support(findings(date(2021, 4, 30)))[1] == "true"
    assert end_of_support(findings(date(2022, 4, 30))) == (date(2022, 4, 29), "false")


def test_the_notice_of_the_fall_is_due_in_two_business_days_past_thanksgiving() -> None:
    found = findings(date(2020, 11, 26))
    [notice] = [o for o in found.obligations if o.id.startswith("floor_notice")]
    assert (notice.id, notice.due) == ("floor_notice-2020-11-25", date(2020, 11, 30))
    assert notice.note == "2 business days after fell_below_minimum_ownership recorded 2020-11-25"
    # before the fall there is nothing to notify
    assert not [o for o in findings(date(2020, 11, 24)).obligations if "floor_notice" in o.id]


def test_without_a_fall_the_support_period_ends_on_the_2021_window_date(elf: Path) -> None:
    without_the_fall(elf)
    assert end_of_support(findings(date(2021, 4, 29), elf)) == (date(2021, 4, 29), "true")
    assert end_of_support(findings(date(2021, 4, 30), elf)) == (date(2021, 4, 29), "false")


# 4(b)(ii): conditions a. to e. as of the 2021 window date (2021-04-29). a., d. and e. are
# the Company's acts (events); b. holds unless Mr. Amin's voting agreement is recorded; c. is
# computed from each `shares_issued` event against the shares outstanding immediately before.
EVENT = "- date: {day}\n  agreement: elf-marathon-cooperation\n  event: {name}\n"
COMPANY_ACTS = (
    "new_director_on_nominating_committee",
    "proxy_statement_language_confirmed",
    "say_on_pay_frequency_vote_confirmed",
)


def record(folder: Path, *lines: str) -> None:
    events = folder / EVENTS
    events.write_text(events.read_text(encoding="utf-8") + "".join(lines), encoding="utf-8")


def company_acts(day: str, *names: str) -> list[str]:
    return [EVENT.format(day=day, name=name) for name in names or COMPANY_ACTS]


def issuance(day: str, shares: int, outstanding_before: int) -> str:
    return (
        EVENT.format(day=day, name="shares_issued")
        + f"  shares: {shares}\n  outstanding_before: {outstanding_before}\n"
    )


def support_trace(found: AgreementFindings) -> str:
    trace = found.value("standstill_end").trace
    assert trace is not None and trace.sources[0].assumed is not None
    return trace.sources[0].assumed


def test_the_conditions_met_on_the_window_date_extend_it(elf: Path) -> None:
    without_the_fall(elf)
    record(elf, *company_acts("2021-04-29"))
    found = findings(date(2021, 4, 30), elf)
    assert end_of_support(found) == (date(2022, 4, 29), "true")
    assert (
        "all of (new_director_on_nominating_committee recorded 2021-04-29, "
        "no amin_voting_agreement, no issued_over_twenty_percent, "
        "proxy_statement_language_confirmed recorded 2021-04-29, "
        "say_on_pay_frequency_vote_confirmed recorded 2021-04-29) met, "
        "on or before 2021-04-29: extended"
    ) in support_trace(found)


def test_a_condition_recorded_after_the_window_date_is_too_late(elf: Path) -> None:
    without_the_fall(elf)
    record(elf, *company_acts("2021-04-29", *COMPANY_ACTS[:2]))
    record(elf, *company_acts("2021-04-30", COMPANY_ACTS[2]))
    assert end_of_support(findings(date(2021, 5, 3), elf)) == (date(2021, 4, 29), "false")


def test_before_the_window_date_the_conditions_so_far_project_the_extension(elf: Path) -> None:
    without_the_fall(elf)
    record(elf, *company_acts("2021-03-01"))
    found = findings(date(2021, 3, 31), elf)
    # all hold on 2021-03-31, but an issuance or an Amin agreement by 2021-04-29 would undo
    # (ii): projected
    assert found.value("standstill_end").value == date(2022, 4, 29)
    assert "extended unless that changes on or before 2021-04-29" in support_trace(found)
    assert support_trace(found).startswith("projected")


def test_an_amin_voting_agreement_defeats_the_conditions(elf: Path) -> None:
    without_the_fall(elf)
    record(
        elf,
        *company_acts("2021-03-01"),
        EVENT.format(day="2021-04-01", name="amin_voting_agreement"),
    )
    found = findings(date(2021, 4, 2), elf)
    # (ii) fails for good (a recorded agreement stays recorded), but a fall below the floor
    # by 2021-04-29 would still extend it under (i): projected
    assert end_of_support(found) == (date(2021, 4, 29), "true")
    assert "amin_voting_agreement recorded 2021-04-01, " in support_trace(found)
    assert "2021-03-01) not met" in support_trace(found)
    assert support_trace(found).startswith("projected")
    settled = findings(date(2021, 4, 30), elf)
    assert end_of_support(settled) == (date(2021, 4, 29), "false")
    assert not support_trace(settled).startswith("projected")


def test_an_issuance_of_exactly_20_percent_keeps_condition_c(elf: Path) -> None:
    # 9,800,000 / 49,000,000 = 0.20 exactly: not "more than 20%"
    without_the_fall(elf)
    record(elf, *company_acts("2021-03-01"), issuance("2021-02-01", 9_800_000, 49_000_000))
    found = findings(date(2021, 4, 30), elf)
    assert end_of_support(found) == (date(2022, 4, 29), "true")
    [issued] = [v for v in found.values if v.id == "issuance_1"]
    assert issued.value == Decimal("0.2")
    assert "not more than 20.00% (4(b)(ii)c.)" in issued.label


def test_an_issuance_one_share_over_20_percent_defeats_condition_c(elf: Path) -> None:
    # 9,800,001 / 49,000,000 = 0.2000000204...: more than 20%; the emitted
    # issued_over_twenty_percent on 2021-02-01 is before the window date
    without_the_fall(elf)
    record(elf, *company_acts("2021-03-01"), issuance("2021-02-01", 9_800_001, 49_000_000))
    found = findings(date(2021, 4, 30), elf)
    assert end_of_support(found) == (date(2021, 4, 29), "false")
    assert "issued_over_twenty_percent recorded 2021-02-01" in support_trace(found)


def test_an_issuance_before_signing_does_not_count(elf: Path) -> None:
    # "between the date of this Agreement and the ... Window Date": 2020-06-30 is before it
    without_the_fall(elf)
    record(elf, *company_acts("2021-03-01"), issuance("2020-06-30", 20_000_000, 49_000_000))
    assert end_of_support(findings(date(2021, 4, 30), elf)) == (date(2022, 4, 29), "true")


def test_an_all_of_with_since_outside_its_conditions_is_bad_input(elf: Path) -> None:
    replace_once(
        elf / SHEET,
        "      - all_of:\n",
        "      - since: signed\n        all_of:\n",
    )
    line = one_error(run("check", str(elf)))
    assert "`since` goes with `event`" in line


def test_a_purchase_over_the_12_5_percent_cap_fails(elf: Path) -> None:
    rows = "".join(
        f"2020-12-15,{holder},{shares},49000000\n"
        for holder, shares in [
            ('"Marathon Partners Equity Management, LLC"', 85000),
            ("Marathon Partners L.P.", 5640001),
            ("Marathon Focus Fund L.P.", 200000),
            ('"Marathon Partners LUX Fund, L.P."', 100000),
            ('"Cibelli Research & Management, LLC"', 50000),
            ("Mario Cibelli", 50000),
        ]
    )
    # 85,000 + 5,640,001 + 200,000 + 100,000 + 50,000 + 50,000 = 6,125,001 > 6,125,000
    with (elf / OWNERSHIP).open("a", encoding="utf-8") as out:
        out.write(rows)
    found = findings(date(2020, 12, 31), elf)
    assert found.value("group_shares").value == Decimal(6125001)
    cap = next(t for t in found.tests if t.id == "acquisition_cap")
    assert cap.passed is False


def test_the_companys_deadlines() -> None:
    found = findings(date(2020, 7, 1))
    due = {o.id: o.due for o in found.obligations}
    assert due["board-enlarged_to_nine"] == date(2020, 7, 6)
    assert due["board-new_director"] == date(2020, 7, 6)
    assert due["vote_evidence-2020-08-13"] == date(2020, 8, 13)


def test_the_board_of_nine_and_the_new_director_by_the_second_business_day() -> None:
    found = findings(date(2020, 7, 7))
    tests = {t.id: t for t in found.tests}
    nine = tests["board_size_by-enlarged_to_nine"]
    assert (nine.test_date, nine.required, nine.actual, nine.passed) == (
        date(2020, 7, 6),
        Decimal(9),
        Decimal(9),
        True,
    )
    assert nine.note == "9 from 2020-07-02"
    keith = tests["appointment-new_director"]
    assert (keith.required, keith.actual, keith.passed) == (Decimal(1), Decimal(1), True)
    assert found.value("board_size").value == Decimal(9)


def test_a_board_still_of_eight_after_the_second_business_day_fails(elf: Path) -> None:
    replace_once(elf / EVENTS, "  size: 9\n", "  size: 8\n")
    # on the last day, Monday 7/6, not yet late: the test is shown, failing
    found = findings(date(2020, 7, 7), elf)
    nine = next(t for t in found.tests if t.id == "board_size_by-enlarged_to_nine")
    assert (nine.actual, nine.passed, nine.headroom) == (Decimal(8), False, Decimal(-1))
    assert any(
        a.message
        == "e.l.f. Board: Increase the Board from eight to nine directors: 8 directors on "
        "2020-07-06, not the 9 due by 2020-07-06."
        for a in found.alerts
    )
    # before the day, still to come: an obligation, no test
    early = findings(date(2020, 7, 3), elf)
    assert not [t for t in early.tests if t.id == "board_size_by-enlarged_to_nine"]
    assert any(o.id == "board-enlarged_to_nine" for o in early.obligations)


def test_the_vote_with_the_board_on_say_on_pay_even_against_iss_and_glass_lewis() -> None:
    votes = ELF / "facts" / "votes" / "2020-annual-meeting.csv"
    result = run(
        "vote", str(ELF), AGREEMENT, "--votes", str(votes), "--as-of", "2020-08-27", "--json"
    )
    assert result.exit_code == 0, result.output
    found = {c["proposal"]: c for c in json.loads(result.stdout)["commitments"]}
    fund = next(
        h for h in found["Say-on-pay"]["holders"] if h["holder"] == "Marathon Partners L.P."
    )
    # all of its 1,500,000 shares with the Board's "for", no exception for the advisors
    assert (fund["required"], fund["free"]) == ({"for": 1500000}, 0)


def test_an_extension_with_both_if_any_and_unless_any_is_bad_input(elf: Path) -> None:
    replace_once(
        elf / SHEET,
        "          - event: say_on_pay_frequency_vote_confirmed\n",
        "          - event: say_on_pay_frequency_vote_confirmed\n"
        "    unless_any:\n      - {event: company_notice}\n",
    )
    line = one_error(run("check", str(elf)))
    assert "elf-marathon-cooperation.yaml" in line and "dates.support_period_end" in line
    assert "either `if_any" in line


def test_a_notice_after_an_event_no_clause_emits_is_bad_input(elf: Path) -> None:
    replace_once(
        elf / SHEET,
        "after: {event: fell_below_minimum_ownership}",
        "after: {event: fell_below_minimum}",
    )
    line = one_error(run("check", str(elf)))
    assert "deadlines.deadlines.1.after.event" in line
    assert "'fell_below_minimum', which no clause reads" in line
    assert "fell_below_minimum_ownership" in line


RULE: TypeAdapter[object] = TypeAdapter(DateRule)


def resolved(rule: dict[str, object], recorded: dict[str, list[date]], as_of: date) -> ResolvedDate:
    found = DateResolver(
        {},
        lambda name: recorded.get(name, []),
        BusinessCalendar(CalendarSpec()),
        as_of,
    ).resolve(RULE.validate_python(rule))
    assert isinstance(found, ResolvedDate)
    return found


def test_a_renewal_unless_notice_runs_on_without_one() -> None:
    # "renews for a year unless either party gives notice by December 31, 2021"
    rule: dict[str, object] = {
        "ends": date(2021, 12, 31),
        "extended_to": {"after": date(2021, 12, 31), "years": 1},
        "unless_any": [{"event": "non_renewal_notice"}],
    }
    before = resolved(rule, {}, date(2021, 6, 30))
    assert (before.day, before.projected) == (date(2022, 12, 31), True)
    after = resolved(rule, {}, date(2022, 1, 1))
    assert (after.day, after.projected) == (date(2022, 12, 31), False)
    noticed = resolved(rule, {"non_renewal_notice": [date(2021, 12, 31)]}, date(2022, 1, 1))
    assert (noticed.day, noticed.projected) == (date(2021, 12, 31), False)
    late = resolved(rule, {"non_renewal_notice": [date(2022, 1, 3)]}, date(2022, 1, 3))
    assert late.day == date(2022, 12, 31)


# 4(b)(y): at the 2021 Annual Meeting only (estimated 2021-08-27, the 2020 meeting's
# anniversary; held after the 2021 window date of 2021-04-29, in the Support Period extended
# by the fall of 2020-11-25), ISS alone recommending otherwise than the Board on say-on-pay
# lets the Marathon Parties follow ISS; at any other meeting the Board's vote holds.
# Marathon Partners L.P. holds 500,000 shares from 2020-11-25.
SAY_ON_PAY = (
    "proposal,for,against,abstain,broker_non_votes,group_vote,type,board,iss,glass_lewis\n"
    "Say-on-pay,30000000,12000000,500000,0,against,say_on_pay,for,{iss},for\n"
)


def say_on_pay(folder: Path, iss: str, as_of: str) -> dict[str, object]:
    votes = folder / "facts" / "votes" / "2021-meeting.csv"
    votes.write_text(SAY_ON_PAY.format(iss=iss), encoding="utf-8")
    result = run("vote", str(folder), AGREEMENT, "--votes", str(votes), "--as-of", as_of, "--json")
    assert result.exit_code == 0, result.output
    [found] = json.loads(result.stdout)["commitments"]
    assert isinstance(found, dict)
    return found


def fund_of(found: dict[str, object]) -> dict[str, object]:
    holders = found["holders"]
    assert isinstance(holders, list)
    fund = next(h for h in holders if h["holder"] == "Marathon Partners L.P.")
    assert isinstance(fund, dict)
    return fund


def test_at_other_meetings_iss_alone_does_not_free_the_say_on_pay_vote(elf: Path) -> None:
    # before the window date, on it (a special meeting) and a year after the 2021 meeting
    for as_of in ("2021-04-28", "2021-04-29", "2021-08-26", "2022-03-01"):
        fund = fund_of(say_on_pay(elf, "against", as_of))
        assert (fund["required"], fund["may_instead"]) == ({"for": 500000}, ""), as_of


def test_at_the_2021_annual_meeting_iss_alone_against_the_board_may_be_followed(
    elf: Path,
) -> None:
    found = say_on_pay(elf, "against", "2021-08-27")
    fund = fund_of(found)
    assert (fund["required"], fund["may_instead"]) == ({"for": 500000}, "against")
    assert found["note"] == (
        "ISS recommends against, the Board for: the holders may vote against instead"
    )
    # ISS with the Board (Glass Lewis is not read at that meeting): the Board's vote holds
    assert fund_of(say_on_pay(elf, "for", "2021-08-27"))["may_instead"] == ""


def test_the_2021_meeting_recorded_on_another_day_moves_the_exception(elf: Path) -> None:
    with (elf / EVENTS).open("a", encoding="utf-8") as events:
        events.write(
            "- date: 2021-06-15\n  agreement: elf-marathon-cooperation\n"
            "  event: annual_meeting_2021\n"
        )
    assert fund_of(say_on_pay(elf, "against", "2021-06-15"))["may_instead"] == "against"
    assert fund_of(say_on_pay(elf, "against", "2021-08-27"))["may_instead"] == ""


def test_a_2021_meeting_before_the_window_date_is_bad_input(elf: Path) -> None:
    replace_once(elf / SHEET, "      value: 2021-08-27\n", "      value: 2021-04-01\n")
    line = one_error(run("check", str(elf)))
    assert "standstill.vote_commitments.3.at_meeting" in line
    assert "a meeting on 2021-04-01, outside the commitment's `from` and `until`" in line


def test_two_say_on_pay_commitments_in_force_at_once_are_bad_input(elf: Path) -> None:
    replace_once(elf / SHEET, "        at_meeting: annual_meeting_2021\n", "")
    line = one_error(run("check", str(elf)))
    assert "vote_commitments" in line
    assert "a second commitment for 'say_on_pay' in force at the same time" in line


def test_an_appointment_with_the_id_of_a_size_by_a_date_is_bad_input(elf: Path) -> None:
    replace_once(elf / SHEET, "      - id: new_director\n", "      - id: enlarged_to_nine\n")
    line = one_error(run("check", str(elf)))
    assert "elf-marathon-cooperation.yaml" in line and "board" in line
    assert "a second size cap, appointment or size by a date with id 'enlarged_to_nine'" in line
