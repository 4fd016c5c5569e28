"""`examples/gold-resource/`: the Gold Resource / Hochschild Strategic Alliance Agreement dated
for reference December 5, 2008 (EDGAR Exhibit 10.1, from CUAD), every figure worked out by
hand. The Closing Date is assumed (2008-12-10); ownership and events are illustrative
(facts/README.md).

- The Option (2.1): 4,330,000 shares x US$3.00 = US$12,990,000, the stated total. It runs
  "until 5:00 pm Denver time on the date which is eighty (80) days from the Closing Date":
  2008-12-10 + 80 days = 2008-12-31 (21) + 31 (2009-01-31) + 28 = 2009-02-28, a Saturday.
- Exercised Friday 2009-02-20: the closing "within ten (10) business days": Feb 23-27 and
  Mar 2-6 (no Colorado holiday; Presidents' Day was 2009-02-16): 2009-03-06.
- Article 7 applies only once HOC acquires the Additional Shares (recorded 2009-03-05) and for
  two years after: through 2011-03-05, a Saturday, not rolled.
- Pro Rata Interest = HOC's shares (and its convertibles, none) / (shares outstanding + the
  5,000,000 issuable on all outstanding Convertible Securities):
  - 2008-12-10: 7,000,000 / 45,000,000 = 15.555...% -> 15.56%;
  - 2009-03-05: 11,330,000 / 49,330,000 = 22.9677...% -> 22.97%;
  - 40% of 49,330,000 = 19,732,000 (2011-01-31, exactly: appoints, not over the cap);
    19,732,001 (2011-02-15) is over by a purchase during the standstill: a breach;
  - 35% of 49,330,000 = 17,265,500 (2012-06-29, exactly: kept); 17,265,499 (2012-09-28) below;
  - 2013-06-28: 17,265,499 / 119,330,000 = 14.4687...% < 14.5% (14.5% x 119,330,000 =
    17,302,850), by an issuance alone.
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest

from bad_input_support import run
from conftest import values_of
from pactum.evaluate import check as evaluate
from pactum.findings import AgreementFindings, Severity
from pactum.portfolio import load_portfolio

GOLD_RESOURCE = Path(__file__).resolve().parents[1] / "examples" / "gold-resource"
AGREEMENT = "gold-resource-hochschild-alliance"
OPTION = "option-additional_shares"


@pytest.fixture
def unexercised(tmp_path: Path) -> Path:
    """The example with no event recorded: the Option is never exercised."""
    folder = tmp_path / "gold-resource"
    shutil.copytree(GOLD_RESOURCE, folder)
    (folder / "facts" / "events.yaml").write_text("[]\n", encoding="utf-8")
    return folder


def findings(as_of: date, folder: Path = GOLD_RESOURCE) -> AgreementFindings:
    return evaluate(load_portfolio(folder), as_of).agreement(AGREEMENT)


def cap_passed(found: AgreementFindings) -> bool | None:
    return next(t for t in found.tests if t.id == "acquisition_cap").passed


def test_the_document_is_the_corpus_text_unchanged() -> None:
    data = (GOLD_RESOURCE / "documents" / "gold-resource-hochschild-alliance-2008.txt").read_bytes()
    blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # git's blob id
    assert blob == "175b05262aaa30f123d0b8dad0c7897f7e876cc9"


def test_verify_is_clean() -> None:
    result = run("verify", str(GOLD_RESOURCE))
    assert result.exit_code == 0, result.output
    assert "0 unsourced" in result.output and "0 failures" in result.output


def test_the_option_runs_eighty_days_to_a_saturday_and_costs_the_stated_total() -> None:
    assert date(2009, 2, 28).weekday() == 5
    before = findings(date(2009, 1, 30))
    values = values_of(before)
    assert values[OPTION] == "open"
    # 29 days before the window closes: the 30-day alert, on the unrolled Saturday
    [alert] = [a for a in before.alerts if "the window closes 2009-02-28" in a.message]
    assert "29 days away" in alert.message
    exercised = values_of(findings(date(2009, 2, 20)))
    assert exercised[OPTION] == "exercised"
    assert 4_330_000 * 3 == 12_990_000  # "US$3.00 per share, or a total of US$12,990,000"
    assert exercised[f"{OPTION}-subscription_price"] == "12990000.00"


def test_the_subsequent_closing_is_due_ten_business_days_after_the_notice() -> None:
    found = findings(date(2009, 2, 25))
    [due] = [o for o in found.obligations if o.what.startswith("Closing of the Additional")]
    assert due.due == date(2009, 3, 6)


def test_the_standstill_applies_only_from_the_subsequent_closing() -> None:
    before = values_of(findings(date(2009, 3, 4)))
    assert before["standstill_start"] is None and before["standstill_active"] == "false"
    after = findings(date(2009, 3, 31))
    values = values_of(after)
    assert values["standstill_start"] == "2009-03-05"
    assert values["standstill_end"] == "2011-03-05"
    assert values["ownership_pct"] == "22.97"
    assert cap_passed(after) is True
    assert values_of(findings(date(2011, 3, 5)))["standstill_active"] == "true"
    assert values_of(findings(date(2011, 3, 6)))["standstill_active"] == "false"


def test_an_option_never_exercised_never_starts_the_standstill(unexercised: Path) -> None:
    found = findings(date(2009, 3, 31), unexercised)
    values = values_of(found)
    assert values[OPTION] == "lapsed"
    # past the estimate (2009-03-13) all the same: nothing was recorded
    assert values["standstill_start"] is None and values["standstill_active"] == "false"
    assert not [t for t in found.tests if t.id == "acquisition_cap"]


def test_forty_percent_exactly_appoints_and_one_share_more_breaches_the_cap() -> None:
    at = findings(date(2011, 1, 31))
    values = values_of(at)
    assert values["ownership_pct"] == "40.00"
    assert values["right_second_director_appointment"] == "in force"
    assert cap_passed(at) is True
    over = findings(date(2011, 2, 15))
    assert cap_passed(over) is False
    [alert] = [a for a in over.alerts if "rose over the 7.1(a)(i)" in a.message]
    assert alert.severity is Severity.critical
    assert "from 19,732,000 to 19,732,001" in alert.message


def test_thirty_five_percent_exactly_keeps_the_second_director() -> None:
    kept = values_of(findings(date(2012, 6, 29)))
    assert kept["right_second_director_nomination"] == "in force"
    assert kept["right_second_director_appointment"] == "suspended"
    below = values_of(findings(date(2012, 9, 28)))
    assert below["right_second_director_nomination"] == "suspended"
    assert below["right_hoc_director"] == "in force"


def test_an_issuance_alone_takes_hoc_below_fourteen_and_a_half_percent() -> None:
    found = findings(date(2013, 6, 28))
    values = values_of(found)
    assert values["ownership_pct"] == "14.47"
    assert values["right_hoc_director"] == "ended"
    assert values["right_pre_emptive_right"] == "ended"
    [fell] = [a for a in found.alerts if "fell below the 5.4, 8.2 floor" in a.message]
    assert "only shares outstanding changed from 44,330,000 to 114,330,000" in fell.message


HOC_RIGHTS = (
    "right_hoc_director",
    "right_pre_emptive_right",
    "right_first_offer",
    "right_second_director_appointment",
    "right_second_director_nomination",
)


def test_hoc_rights_do_not_arise_before_the_subsequent_closing() -> None:
    # 5.1 "If, but only if HOC exercises the Option and completes the acquisition": on
    # 2009-03-04 HOC holds 7,000,000 / 45,000,000 = 15.56%, over 14.5%, yet has no right
    before = values_of(findings(date(2009, 3, 4)))
    assert {before[r] for r in HOC_RIGHTS} == {"does not arise yet"}
    # from the closing of 2009-03-05: 11,330,000 / 49,330,000 = 22.97% >= 14.5%; below 35%
    after = values_of(findings(date(2009, 3, 5)))
    assert after["right_hoc_director"] == "in force"
    assert after["right_second_director_nomination"] == "suspended"


def test_rights_never_arise_when_the_option_is_not_exercised(unexercised: Path) -> None:
    found = findings(date(2010, 6, 30), unexercised)
    values = values_of(found)
    assert {values[r] for r in HOC_RIGHTS} == {"does not arise yet"}
    trace = found.value("right_hoc_director").trace
    assert trace is not None and "event not recorded" in trace.formula


def test_a_crossing_of_the_cap_after_the_standstill_is_no_breach(tmp_path: Path) -> None:
    # the standstill ends 2011-03-05; 2012-12-31: 19,732,001 / (44,330,000 + 5,000,000
    # convertibles) = 40.000002% > 40%, bought from 17,265,499
    folder = tmp_path / "gold-resource"
    shutil.copytree(GOLD_RESOURCE, folder)
    with (folder / "facts" / "ownership.csv").open("a") as rows:
        rows.write("2012-12-31,Hochschild Mining Holdings Limited,19732001,44330000\n")
    found = findings(date(2012, 12, 31), folder)
    [crossed] = [
        a for a in found.alerts if "2012-12-31 ownership rose over the 7.1(a)(i)" in a.message
    ]
    assert crossed.severity is Severity.info
    assert "the standstill not in force that day" in crossed.message
    assert not [t for t in found.tests if t.id == "acquisition_cap"]
