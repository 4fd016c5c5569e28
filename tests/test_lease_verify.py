"""`verify` on the Windham lease: every Exhibit B figure recomputed by hand, and the shares
reconciled with the building area they imply.

Area 150,204 + 54,103 = 204,307 sf. Exhibit B states the annual rent of the 4th lease year as
$800,833.44, but 3.92 x 204,307 = 800,883.44: the document is $50.00 short, a misprint (its
monthly installment, 800,883.44 / 12 = 66,740.287 -> 66,740.29, is right).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from pactum.cli import app
from pactum.portfolio import load_portfolio
from pactum.verify import Finding, Report, verify_portfolio

SHEET = "agreements/windham-lease.yaml"


def verify(folder: Path) -> Report:
    return verify_portfolio(load_portfolio(folder))


def lease_findings(report: Report, check: str) -> list[Finding]:
    return [f for f in report.findings if f.agreement == "windham-lease" and f.check == check]


def edit_sheet(folder: Path, edit: Callable[[str], str]) -> str:
    path = folder / SHEET
    text = edit(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    return text


def with_building_area(area: int) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert text.count("\n    lease_years:\n") == 1
        return text.replace(
            "\n    lease_years:\n",
            f"\n    building_area: {{value: {area}, assumed: a building area for the test}}\n"
            "\n    lease_years:\n",
        )

    return edit


def line_of(text: str, needle: str) -> int:
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(hits) == 1, hits
    return hits[0]


# ---- Exhibit B -----------------------------------------------------------------------------


def test_year_4_annual_rent_is_the_only_failure(example: Path) -> None:
    report = verify(example)
    assert len(report.failures) == 1
    failure = report.failures[0]
    text = (example / SHEET).read_text(encoding="utf-8")
    assert failure.agreement == "windham-lease"
    assert failure.check == "stated"
    assert failure.field == "stated.9"  # the tenth stated figure
    assert failure.line == line_of(text, "id: year_4_annual_base_rent")
    assert "800833.44" in failure.found
    # 3.92 x 204,307 = 800,883.44; 800,833.44 - 800,883.44 = -50.00
    assert "800883.44" in failure.expected
    assert "difference -50.00" in failure.expected


def test_every_other_stated_figure_agrees(example: Path) -> None:
    stated = [f for f in lease_findings(verify(example), "stated") if f.field.startswith("stated")]
    # 15 stated figures: the total area, two abatements, 6 annual and 6 monthly amounts
    assert len(stated) == 15
    by_id = {f.found.split(":")[0]: f.status for f in stated}
    assert by_id.pop("year_4_annual_base_rent") == "fail"
    assert set(by_id.values()) == {"ok"}
    # 204,307 sf; 54,103 x 3.59 / 12 = 16,185.814 -> 16,185.81; / 2 = 8,092.907 -> 8,092.91
    assert {
        "total_premises_area",
        "abatement_april_2003",
        "abatement_may_to_july_2003",
        "year_4_monthly_installment",
    } <= set(by_id)


def test_sourcing_tally(example: Path) -> None:
    report = verify(example)
    text = (example / SHEET).read_text(encoding="utf-8")
    tally = report.by_agreement["windham-lease"]
    # every `cite:` is a quote checked against the document; every `assumed:` a stated reason
    assert tally.cited == text.count("cite:")
    assert tally.assumed == text.count("assumed:")
    assert tally.unsourced == 0
    # 15 stated figures + the 2 shares reconciled with the building area
    assert tally.stated_checked == 15 + 2
    assert lease_findings(report, "citation") == []


# ---- the proportionate shares and the building area -----------------------------------------


def test_shares_imply_one_building_within_display_rounding(example: Path) -> None:
    shares = [f for f in lease_findings(verify(example), "stated") if "share" in f.field]
    assert {f.status for f in shares} == {"note"}
    first, second, together = shares
    assert first.field == "lease.proportionate_share.0.share"
    # 150,204 / 0.3331 = 450,927.6; 0.33305 .. 0.33315 -> 450,860.0 < B <= 450,995.3
    assert "450,927.6" in first.expected
    assert "450,860.0" in first.expected and "450,995.3" in first.expected
    assert second.field == "lease.proportionate_share.1.share"
    # 204,307 / 0.4530 = 451,008.8; 0.45295 .. 0.45305 -> 450,959.1 < B <= 451,058.6
    assert "451,008.8" in second.expected
    assert "450,959.1" in second.expected and "451,058.6" in second.expected
    # together: 450,959.1 < B <= 450,995.3, display rounding only
    assert together.field == "lease.proportionate_share.1.share"
    assert "33.31%" in together.found and "45.30%" in together.found
    assert "450,959.1" in together.expected and "450,995.3" in together.expected
    assert "rounding" in together.expected


def test_building_area_within_the_range_agrees(example: Path) -> None:
    edit_sheet(example, with_building_area(450980))
    report = verify(example)
    shares = [f for f in lease_findings(report, "stated") if "share" in f.field]
    # 150,204 / 450,980 = 0.333061 -> 0.3331; 204,307 / 450,980 = 0.453029 -> 0.4530
    assert [(f.field, f.status) for f in shares] == [
        ("lease.proportionate_share.0.share", "note"),
        ("lease.proportionate_share.1.share", "note"),
    ]
    assert len(report.failures) == 1  # still only the year 4 misprint


def test_building_area_outside_the_range_fails_both_shares(example: Path) -> None:
    edit_sheet(example, with_building_area(440000))
    report = verify(example)
    shares = [f for f in lease_findings(report, "stated") if "share" in f.field]
    assert [(f.field, f.status) for f in shares] == [
        ("lease.proportionate_share.0.share", "fail"),
        ("lease.proportionate_share.1.share", "fail"),
    ]
    # 150,204 / 440,000 = 0.341373 -> 0.3414 (stated 0.3331: difference -0.0083)
    assert "0.3414" in shares[0].expected and "-0.0083" in shares[0].expected
    # 204,307 / 440,000 = 0.464334 -> 0.4643 (stated 0.4530: difference -0.0113)
    assert "0.4643" in shares[1].expected and "-0.0113" in shares[1].expected
    assert len(report.failures) == 3


def test_shares_that_imply_no_common_building_fail(example: Path) -> None:
    def edit(text: str) -> str:
        old = "share:\n          value: 0.3331\n"
        assert text.count(old) == 1
        return text.replace(old, "share:\n          value: 0.3400\n")

    edit_sheet(example, edit)
    shares = [f for f in lease_findings(verify(example), "stated") if "share" in f.field]
    # 150,204 / 0.34005 = 441,711.5 < B <= 150,204 / 0.33995 = 441,841.4, far below
    # 450,959.1 < B <= 451,058.6 for 45.30%: no building rounds to both
    assert shares[-1].status == "fail"
    assert shares[-1].field == "lease.proportionate_share.1.share"
    assert "34.00%" in shares[-1].found and "45.30%" in shares[-1].found


# ---- the command ---------------------------------------------------------------------------


def test_verify_command_exits_1_on_the_misprint(example: Path) -> None:
    result = CliRunner().invoke(app, ["verify", str(example)])
    assert result.exit_code == 1, result.output  # the document disagrees with itself: not 2
    assert "Traceback" not in result.output
    assert not [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert "800833.44" in result.stdout and "800883.44" in result.stdout


def test_verify_json_counts_one_failure(example: Path) -> None:
    result = CliRunner().invoke(app, ["verify", str(example), "--json"])
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    assert document["failures"] == 1
    failing = [f for f in document["findings"] if f["status"] == "fail"]
    assert [f["field"] for f in failing] == ["stated.9"]


def test_verify_command_with_a_wrong_building_area(example: Path) -> None:
    edit_sheet(example, with_building_area(440000))
    result = CliRunner().invoke(app, ["verify", str(example), "--json"])
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["failures"] == 3  # year 4 and both shares
