"""The Windham lease as its instruments: the original lease of September 17, 2002 (not in
hand) and the First Amendment of April 4, 2003, effective April 1, 2003 (its Section 1: "As of
April 1, 2003 (the "Effective Date")"). Section 2(b): the share "shall be 45.30% (rather than
33.31%)" from the Effective Date; Section 2(a): Exhibit B's schedule supersedes Section 1.09
"for all periods from and after the Effective Date".
"""

from __future__ import annotations

import html
import re
from datetime import date
from decimal import Decimal

from fastapi.testclient import TestClient

from bad_input_support import run as run_cli
from conftest import EXAMPLE
from pactum.evaluate import check
from pactum.portfolio import load_portfolio
from pactum.term_history import term_histories
from pactum.web.app import create_app
from web_support import LOOPBACK_URL


def test_the_share_is_the_originals_then_the_amendments() -> None:
    lease = load_portfolio(EXAMPLE).agreements["windham-lease"]
    histories = {h.name: h for h in term_histories(lease, "lease.proportionate_share")}
    [before] = histories["lease.proportionate_share.0.share"].changes
    [after] = histories["lease.proportionate_share.1.share"].changes
    assert (before.effective, before.instrument, before.value) == (
        date(2002, 9, 17),
        "lease",
        Decimal("0.3331"),
    )
    assert (after.effective, after.instrument, after.value) == (
        date(2003, 4, 1),
        "first_amendment",
        Decimal("0.4530"),
    )
    assert after.source is not None and after.source.quote is not None
    assert "shall be 45.30%" in after.source.quote


def test_exhibit_bs_rent_schedule_from_april_1_2003() -> None:
    lease = load_portfolio(EXAMPLE).agreements["windham-lease"]
    rates = {
        h.name: h.changes
        for h in term_histories(lease, "lease.lease_years")
        if h.name.endswith(".rate")
    }
    # Exhibit B: $3.59, 3.70, 3.81, 3.92, 4.04 and 4.16 per square foot, lease years 1 to 6
    expected = ["3.59", "3.70", "3.81", "3.92", "4.04", "4.16"]
    assert [str(c[0].value) for c in rates.values()] == expected
    assert {(c[0].effective, c[0].instrument) for c in rates.values()} == {
        (date(2003, 4, 1), "first_amendment")
    }


def test_the_share_in_force_names_its_instrument() -> None:
    portfolio = load_portfolio(EXAMPLE)
    for as_of, share, instrument in (
        (date(2003, 3, 31), Decimal("0.3331"), "lease"),
        (date(2003, 4, 1), Decimal("0.4530"), "first_amendment"),
    ):
        found = check(portfolio, as_of).agreement("windham-lease")
        value = next(v for v in found.values if v.id == "proportionate_share")
        assert value.value == share
        assert value.trace is not None
        assert value.trace.sources[0].instrument == instrument


def test_history_on_the_command_line() -> None:
    result = run_cli(
        "history", str(EXAMPLE), "windham-lease", "--term", "lease.proportionate_share"
    )
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    at = lines.index("lease.proportionate_share.0.share")
    assert lines[at + 1].startswith(
        "from 2002-09-17 lease: 0.3331 assumed (Lease of September 17, 2002)"
    )
    at = lines.index("lease.proportionate_share.1.share")
    assert lines[at + 1].startswith('from 2003-04-01 first_amendment: 0.4530 "As of the Effective')
    # the original is listed first, not in hand
    assert any(line.startswith("lease Lease of September 17, 2002") for line in lines)
    assert any("not in hand" in line for line in lines if line.startswith("lease "))


def test_the_share_over_time_is_one_term() -> None:
    # the share's steps read as one term: 33.31% from the lease's date, 45.30% from the
    # amendment's Effective Date, each by the instrument its value comes from
    lease = load_portfolio(EXAMPLE).agreements["windham-lease"]
    histories = {h.name: h for h in term_histories(lease, "lease.proportionate_share")}
    share = histories["lease.proportionate_share.share"]
    assert [(c.effective, c.instrument, c.value) for c in share.changes] == [
        (date(2002, 9, 17), "lease", Decimal("0.3331")),
        (date(2003, 4, 1), "first_amendment", Decimal("0.4530")),
    ]
    assert share.steps == (
        "lease.proportionate_share.0.share",
        "lease.proportionate_share.1.share",
    )
    # a list with an `end` (the lease years) is a table, not a schedule of steps
    assert not [h for h in term_histories(lease, "lease.lease_years") if h.steps]


def test_the_amended_share_is_marked_on_the_agreement_page() -> None:
    client = TestClient(create_app(load_portfolio(EXAMPLE)), base_url=LOOPBACK_URL)
    text = client.get("/agreements/windham-lease", params={"as_of": "2003-12-31"}).text
    rows = {
        m.group(1): m.group(0)
        for m in re.finditer(
            r'<tr id="term-lease-proportionate-share-([^"]+)"[^>]*>.*?</tr>', text, re.S
        )
    }
    assert "amended" not in rows["0-share"].split(">")[0]  # the original's step
    amended = rows["1-share"]
    assert "amended" in amended.split(">")[0]
    changes = [html.unescape(c).split(' "')[0] for c in re.findall(r"<li>(.*?)</li>", amended)]
    assert [c.split(" assumed")[0] for c in changes] == [
        "from 2002-09-17 Lease of September 17, 2002: 0.3331",
        "from 2003-04-01 First Amendment to Lease of April 4, 2003: 0.4530",
    ]


def test_each_figure_names_the_amendments_section() -> None:
    # Section 2(b) sets the 45.30% share; Exhibit B the rent; Section 3 the abatement
    found = check(load_portfolio(EXAMPLE), date(2003, 4, 30)).agreement("windham-lease")
    share = next(v for v in found.values if v.id == "proportionate_share")
    assert share.trace is not None
    assert {s.where for s in share.trace.sources} == {
        "First Amendment to Lease of April 4, 2003, Section 1",  # its start, the Effective Date
        "First Amendment to Lease of April 4, 2003, Section 2(b)",  # the 45.30%
    }
    wheres = {s.where for v in found.values if v.trace for s in v.trace.sources}
    assert "First Amendment to Lease of April 4, 2003, Exhibit B" in wheres
    assert "First Amendment to Lease of April 4, 2003, Section 3" in wheres
