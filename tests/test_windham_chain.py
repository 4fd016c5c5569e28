"""The Windham lease as its instruments: the original lease of September 17, 2002 (not in
hand) and the First Amendment of April 4, 2003, effective April 1, 2003 (its Section 1: "As of
April 1, 2003 (the "Effective Date")"). Section 2(b): the share "shall be 45.30% (rather than
33.31%)" from the Effective Date; Section 2(a): Exhibit B's schedule supersedes Section 1.09
"for all periods from and after the Effective Date".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bad_input_support import run as run_cli
from conftest import EXAMPLE
from pactum.evaluate import check
from pactum.portfolio import load_portfolio
from pactum.term_history import term_histories


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
