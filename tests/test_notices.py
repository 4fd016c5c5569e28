"""Notices, for every kind: when a notice is deemed given, and to whom it goes."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

from typer.testing import CliRunner, Result

from pactum.business_days import BusinessCalendar, CalendarSpec
from pactum.cli import app
from pactum.evaluate import check
from pactum.findings import NoticeStatus
from pactum.findings_json import serialise
from pactum.notices.clause import NoticeClause
from pactum.notices.deemed_given import give_notice
from pactum.portfolio import load_portfolio
from pactum.terms.sheet import load_term_sheet

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "innotrac"
US = BusinessCalendar(CalendarSpec(country="US"))
GA = BusinessCalendar(CalendarSpec(country="US", subdiv="GA"))


def clause() -> NoticeClause:
    loaded = load_term_sheet(EXAMPLE / "agreements" / "ipof-standstill.yaml")
    [notices] = loaded.clauses_of("notices")
    return notices.terms_as(NoticeClause)


def notice(*options: str) -> Result:
    return CliRunner().invoke(app, ["notice", str(EXAMPLE), "ipof-standstill", *options])


def test_mail_over_christmas_and_new_year() -> None:
    # deposited Wednesday 12/24/03; Thu 12/25 Christmas; business days Fri 12/26 (1),
    # Mon 12/29 (2), Tue 12/30 (3), Wed 12/31 (4); Thu 1/1 New Year's Day; Fri 1/2/04 (5)
    given = give_notice(clause(), "mail", date(2003, 12, 24), US)
    assert given.deemed_given == date(2004, 1, 2)
    assert any("Christmas Day" in line and "New Year's Day" in line for line in given.reasoning)


def test_the_portfolios_one_agreement_with_notices_when_none_is_named() -> None:
    # the example has three agreements, the standstill alone with a notices clause
    unnamed = CliRunner().invoke(
        app, ["notice", str(EXAMPLE), "--method", "mail", "--sent", "2003-12-24"]
    )
    assert unnamed.exit_code == 0, unnamed.output
    assert unnamed.output == notice("--method", "mail", "--sent", "2003-12-24").output
    assert unnamed.output.startswith("Deemed given: 2004-01-02")


def test_the_calendar_decides_georgia_keeps_december_26_2003() -> None:
    # Georgia observed Washington's Birthday on Friday 12/26/03: under a US-GA calendar the
    # five business days are 12/29, 12/30, 12/31, 1/2 and Monday 1/5/04
    given = give_notice(clause(), "mail", date(2003, 12, 24), GA)
    assert given.deemed_given == date(2004, 1, 5)


def test_mail_deposited_on_a_friday_before_a_federal_holiday() -> None:
    # Friday 1/16/04; Monday 1/19/04 is Martin Luther King Jr. Day (third Monday: 5, 12, 19);
    # Tue 1/20 (1), Wed 1/21 (2), Thu 1/22 (3), Fri 1/23 (4), Mon 1/26 (5)
    given = give_notice(clause(), "mail", date(2004, 1, 16), US)
    assert given.deemed_given == date(2004, 1, 26)


def test_overnight_courier_is_given_the_next_business_day() -> None:
    # the same Friday: Saturday, Sunday and the Monday holiday are not business days
    given = give_notice(clause(), "courier", date(2004, 1, 16), US)
    assert given.deemed_given == date(2004, 1, 20)


def test_hand_delivery_on_a_saturday_is_given_then() -> None:
    sent = datetime(2004, 1, 17, 11, 30)  # a Saturday
    given = give_notice(clause(), "hand", sent, US)
    assert given.deemed_given == date(2004, 1, 17)
    assert given.deemed_given_at == sent
    assert any("does not wait" in line for line in given.reasoning)


def test_fax_and_telex_wait_for_the_acknowledgement() -> None:
    sent, acknowledged = datetime(2004, 10, 1, 10, 15), datetime(2004, 10, 4, 9, 0)
    fax = give_notice(clause(), "fax", sent, US, acknowledged)
    assert (fax.deemed_given, fax.deemed_given_at) == (date(2004, 10, 4), acknowledged)
    telex = give_notice(clause(), "telex", sent, US)
    assert telex.deemed_given is None
    assert any("no acknowledgement" in line for line in telex.reasoning)


def test_notice_command_says_to_whom_with_copies() -> None:
    result = notice("--method", "mail", "--sent", "2003-12-24", "--to", "company", "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["deemed_given"] == "2004-01-02"
    [to] = answer["recipients"]
    assert to["party"] == "the Company"
    assert to["address"].startswith("Innotrac Corporation, 6655 Sugarloaf Parkway")
    assert "Attention: Mr. David L. Gamsey" in to["address"]
    assert [c.split(",")[0] for c in to["copies"]] == ["David A. Stockton"]


def test_notice_command_without_to_lists_every_recipient() -> None:
    result = notice("--method", "courier", "--sent", "2004-01-16T16:00")
    assert result.exit_code == 0, result.output
    assert "Deemed given: 2004-01-20" in result.stdout
    assert "To the Company:" in result.stdout and "To the IPOF Group:" in result.stdout
    assert "with a copy to Steven L. Wasserman, Esquire" in result.stdout


def test_a_fax_without_acknowledgement_is_refused_on_the_command_line() -> None:
    result = notice("--method", "fax", "--sent", "2004-10-01T10:15")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("error: --acknowledged: found nothing; expected the time")
    assert "when receipt is acknowledged" in line


def test_notice_events_in_the_findings() -> None:
    # the example mails the IPOF Group on 12/24/03: deemed given 1/2/04
    portfolio = load_portfolio(EXAMPLE)
    before = check(portfolio, date(2003, 12, 31)).agreement("ipof-standstill")
    [mailed] = before.notices
    assert (mailed.deemed_given, mailed.status) == (date(2004, 1, 2), NoticeStatus.not_yet_given)
    assert [r.party for r in mailed.recipients] == ["the IPOF Group"]
    after = check(portfolio, date(2004, 1, 2)).agreement("ipof-standstill")
    assert after.notices[0].status is NoticeStatus.given
    assert serialise(after)["notices"][0]["deemed_given"] == "2004-01-02"


def test_a_notice_clause_works_for_any_kind(tmp_path: Path) -> None:
    # the SouthTrust letter has no notice clause; give its sheet one (assumed) and a notice
    folder = tmp_path / "innotrac"
    shutil.copytree(EXAMPLE, folder)
    sheet = folder / "agreements" / "southtrust-abl.yaml"
    sheet.write_text(
        sheet.read_text(encoding="utf-8")
        + "  - id: notices\n    type: notices\n"
        + "    methods:\n      mail:\n        title: mail\n"
        + "        deemed_given: {value: business_days, assumed: for the test}\n"
        + "        business_days: {value: 3, assumed: for the test}\n",
        encoding="utf-8",
    )
    (folder / "facts" / "events.yaml").write_text(
        "- {date: 2003-11-26, agreement: southtrust-abl, event: notice, method: mail}\n"
    )
    revolver = check(load_portfolio(folder), date(2003, 12, 31)).agreement("southtrust-abl")
    assert [(c.id, c.type) for c in revolver.clauses] == [
        ("facility", "revolver"),
        ("fees", "fees"),
        ("notices", "notices"),
    ]
    [mailed] = revolver.notices
    # the letter's sheet uses US-GA: Thu 11/27/03 Thanksgiving, Fri 11/28 Georgia's Robert E.
    # Lee's Birthday, then Mon 12/1 (1), Tue 12/2 (2), Wed 12/3 (3)
    assert mailed.deemed_given == date(2003, 12, 3)
