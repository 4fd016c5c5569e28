"""`/calendar.ics`: the obligations calendar as a subscription feed (text/calendar), with the
command line's filters as query parameters, behind the dashboard's token off loopback.

Counts by hand (README, "The obligations calendar"): 2003 has 53 obligations, 44 of the
SouthTrust facility (13 fees, 27 reports, 4 test dates) and the Windham lease's 9 rents.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Any

import icalendar
import pytest
from fastapi.testclient import TestClient

from bad_input_support import run
from conftest import EXAMPLE
from pactum.portfolio import load_portfolio
from pactum.web.app import create_app
from pactum.web.auth import feed_key
from web_support import LOOPBACK_URL, error_lines

TOKEN = "s3cret-Token_1"


@cache
def _apps() -> tuple[Any, Any]:
    portfolio = load_portfolio(EXAMPLE)
    return create_app(portfolio), create_app(portfolio, token=TOKEN)


def client(gated: bool = False) -> TestClient:
    return TestClient(_apps()[gated], base_url=LOOPBACK_URL, follow_redirects=False)


def events(response: Any) -> list[Any]:
    assert response.status_code == 200, response.text
    return list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


def test_the_feed_is_text_calendar_for_the_as_of_year_and_the_next() -> None:
    response = client().get("/calendar.ics")
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.headers["cache-control"] == "no-store"
    found = events(response)
    starts = [e.decoded("DTSTART") for e in found]
    # the default as-of date 2003-12-31: 2003 and 2004
    assert min(starts) >= date(2003, 1, 1)
    assert max(starts) <= date(2004, 12, 31)
    assert sum(s.year == 2003 for s in starts) == 53
    by_uid = {str(e["UID"]): e for e in found}
    critical = by_uid["option-expansion-closes.windham-lease@pactum"]
    assert str(critical["SUMMARY"]) == "Expansion Space option: last day to exercise \u00b7 Windham"
    assert [a.decoded("TRIGGER") for a in critical.walk("VALARM")] == [
        timedelta(days=-30),
        timedelta(days=-7),
    ]


def test_the_feed_is_the_same_bytes_as_the_command_lines_file(tmp_path: Any) -> None:
    target = tmp_path / "cli.ics"
    run("calendar", str(EXAMPLE), "--ics", str(target), "--category", "rent")
    response = client().get("/calendar.ics?from=2003-01-01&to=2003-12-31&category=rent")
    assert response.content == target.read_bytes()
    assert len(events(response)) == 9


def test_the_filters_as_query_parameters() -> None:
    window = "from=2003-01-01&to=2003-12-31"
    assert len(events(client().get(f"/calendar.ics?{window}&agreement=windham-lease"))) == 9
    both = f"/calendar.ics?{window}&category=fee&category=covenant_test"
    assert len(events(client().get(both))) == 13 + 4
    rents = f"/calendar.ics?{window}&agreement=southtrust-abl&category=rent"
    assert events(client().get(rents)) == []


@pytest.mark.parametrize(
    ("query", "line"),
    [
        (
            "agreement=windham",
            "error: agreement: found 'windham'; expected one of southtrust-abl, windham-lease, "
            "ipof-standstill",
        ),
        (
            "category=rents",
            "error: category: found 'rents'; expected one of report, fee, rent, payment, "
            "covenant_test, option_deadline, deadline, end, other",
        ),
        ("from=2003-13-01", "error: from: found '2003-13-01'; expected a date as YYYY-MM-DD"),
        (
            "from=2004-01-01&to=2003-12-31",
            "error: from: found 2004-01-01 after to 2003-12-31; expected a first day on or "
            "before the last",
        ),
    ],
)
def test_bad_query_values_are_one_line_and_400(query: str, line: str) -> None:
    response = client().get(f"/calendar.ics?{query}")
    assert response.status_code == 400
    assert error_lines(response.text) == [line]


def test_off_loopback_the_feed_asks_for_the_token() -> None:
    refused = client(gated=True).get("/calendar.ics")
    assert refused.status_code == 401
    assert "BEGIN:VCALENDAR" not in refused.text
    wrong = client(gated=True).get("/calendar.ics", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    allowed = client(gated=True).get("/calendar.ics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert allowed.headers["content-type"] == "text/calendar; charset=utf-8"
    assert allowed.content.startswith(b"BEGIN:VCALENDAR\r\n")


def test_a_calendar_application_subscribes_with_the_feed_key_in_the_url() -> None:
    """A calendar application cannot send a header: `/calendar.ics?key=` with the feed's key
    (an HMAC of the token, not the token) is the feed, with the query's filters applied."""
    key = feed_key(TOKEN)
    assert TOKEN not in key
    gated = client(gated=True)
    keyed = gated.get(f"/calendar.ics?key={key}&from=2003-01-01&to=2003-12-31&category=rent")
    assert keyed.headers["content-type"] == "text/calendar; charset=utf-8"
    assert len(events(keyed)) == 9  # the Windham lease's 9 rents of 2003 (README)
    assert "set-cookie" not in keyed.headers or "pactum_token" not in keyed.headers["set-cookie"]


@pytest.mark.parametrize("query", ["key=x", "key=", "KEY_TRUNCATED", "KEY_TWICE"])
def test_a_wrong_key_in_the_feed_url_is_401_with_its_line(query: str) -> None:
    key = feed_key(TOKEN)
    query = query.replace("KEY_TRUNCATED", f"key={key[:-1]}").replace(
        "KEY_TWICE", f"key={key}&key={key}"
    )
    refused = client(gated=True).get(f"/calendar.ics?{query}")
    assert refused.status_code == 401
    assert "BEGIN:VCALENDAR" not in refused.text
    assert error_lines(refused.text) == [
        "error: key: found a key that does not match; expected the feed's key, as `pactum serve` "
        "prints it in the feed's URL"
    ]


@pytest.mark.parametrize(
    "path", ["/calendar.ics", "/", "/charts", "/api/findings", "/agreements/windham-lease"]
)
def test_the_token_itself_is_never_taken_in_a_url(path: str) -> None:
    """Every path refuses the token in its URL, the feed too, the right token too (400)."""
    assert client(gated=True).get(f"{path}?token={TOKEN}").status_code == 400


@pytest.mark.parametrize("path", ["/", "/charts", "/api/findings", "/agreements/windham-lease"])
def test_the_feed_key_opens_the_feed_only(path: str) -> None:
    response = client(gated=True).get(f"{path}?key={feed_key(TOKEN)}")
    assert response.status_code == 401  # the login form (or the API's 401): a key is no token


def test_on_loopback_a_token_in_the_feed_url_is_still_refused() -> None:
    # no token is configured: there is none to match, and a URL should not carry one
    assert client().get(f"/calendar.ics?token={TOKEN}").status_code == 400


def test_the_feed_key_beside_a_token_in_the_url_is_refused_for_the_token() -> None:
    key = feed_key(TOKEN)
    assert client(gated=True).get(f"/calendar.ics?key={key}&token={TOKEN}").status_code == 400
