"""Reporting thresholds: a level whose crossing the group reports (a Schedule 13D at 5% or
more, Rule 13d-1, which the agreement does not restate: assumed). Being over it is a state,
not a breach; crossing it upward is a warning, and the alert says what moved.

e.l.f. / Marathon's sheet with illustrative ownership of 50,000,000 shares outstanding:
2,400,000 on 7/1/20 is 4.80%; 2,500,000 on 8/31/20 is exactly 5.00% ("or more": over);
51,000,000 outstanding on 9/30/20 makes the same 2,500,000 4.90%, below again by an
issuance, not a trade."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pactum.findings import Severity
from portfolio_support import assert_sheet_error
from standstill_support import ELF, elf, findings

REPORTING = """\
    reporting_thresholds:
      - id: schedule_13d
        title: Schedule 13D
        level:
          value: {level}
          assumed: Rule 13d-1 (more than five percent, read as 5% or more); not in the agreement.
"""
OWNERSHIP = (
    "as_of,holder,shares,shares_outstanding\n"
    "2020-07-01,Marathon Partners,2400000,50000000\n"
    "2020-08-31,Marathon Partners,2500000,50000000\n"
    "2020-09-30,Marathon Partners,2500000,51000000\n"
)


def sheet(level: str = "0.05") -> str:
    return ELF.replace("    floors:\n", REPORTING.format(level=level) + "    floors:\n", 1)


def side(folder: Path, as_of: date) -> str:
    found = findings(folder, as_of, ownership=OWNERSHIP)
    return str(found.value("threshold_reporting_schedule_13d").value)


def test_exactly_five_percent_is_over_and_the_crossing_is_a_warning(tmp_path: Path) -> None:
    folder = elf(tmp_path, sheet())
    assert side(folder, date(2020, 7, 31)) == "below"
    assert side(folder, date(2020, 8, 31)) == "at"
    found = findings(folder, date(2020, 8, 31), ownership=OWNERSHIP)
    [crossed] = [a for a in found.alerts if "Schedule 13D" in a.message]
    assert crossed.severity is Severity.warning
    assert crossed.message.startswith(
        "On 2020-08-31 ownership rose over the Schedule 13D threshold (5.00% or more): "
        "4.80% on 2020-07-01 to 5.00%; the group's shares changed from 2,400,000 to 2,500,000"
    )
    # a reporting level is no breach: no critical alert, no failed test
    assert not [a for a in found.alerts if a.severity is Severity.critical]


def test_an_issuance_takes_the_group_back_below_and_says_so(tmp_path: Path) -> None:
    folder = elf(tmp_path, sheet())
    assert side(folder, date(2020, 9, 30)) == "below"
    found = findings(folder, date(2020, 9, 30), ownership=OWNERSHIP)
    fell = [a for a in found.alerts if "fell back from the Schedule 13D" in a.message]
    [alert] = fell
    assert alert.severity is Severity.info
    # 2,500,000 / 51,000,000 = 4.9019...%: shown 4.90%
    assert "5.00% on 2020-08-31 to 4.90%" in alert.message
    assert "only shares outstanding changed from 50,000,000 to 51,000,000" in alert.message
    assert "(an issuance, not a trade by the group)" in alert.message


def test_a_reporting_level_that_is_not_a_fraction_is_refused(tmp_path: Path) -> None:
    folder = elf(tmp_path, sheet("5"))
    assert_sheet_error(
        folder,
        "value: 5",
        "cooperation.reporting_thresholds.0.level",
        ("5",),
        ("a fraction of the shares, above 0 and below 1",),
    )
