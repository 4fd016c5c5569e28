"""Reporting deadlines and maturity, from the letter's figures (its fees: test_fees.py)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from conftest import Evaluate
from pactum.cli import app


def test_statements_due_30_days_after_quarter_end(revolver: Evaluate) -> None:
    result = revolver(date(2003, 12, 31))
    due = {o.due for o in result.obligations if o.what.startswith("Quarterly financial")}
    # 12/31/03 + 30 days = 1/30/04; 3/31/04 + 30 = 4/30/04; 6/30/04 + 30 = 7/30/04
    assert {date(2004, 1, 30), date(2004, 4, 30), date(2004, 7, 30)} <= due


def test_maturity_warning_exactly_ninety_days_ahead(revolver: Evaluate) -> None:
    # June 30, 2005 - 90 days = April 1, 2005 (April 30 + May 31 + June 30 - 1 ... = 90 days)
    assert (date(2005, 6, 30) - date(2005, 4, 1)).days == 90
    before = revolver(date(2005, 3, 31))
    on_the_day = revolver(date(2005, 4, 1))
    after = revolver(date(2005, 7, 1))
    assert not any("Maturity" in a.message for a in before.alerts)
    assert any("Maturity on 2005-06-30 is 90 days away" in a.message for a in on_the_day.alerts)
    # the day after maturity the facility has ended: one line, and nothing tested or due
    assert after.status == "ended" and after.ended_on == date(2005, 6, 30)
    assert [a.message for a in after.alerts] == [
        "Ended: the agreement's term ended on 2005-06-30 (maturity); nothing of it is tested "
        "or due after then."
    ]
    assert (after.tests, after.obligations) == ((), ())


def test_nothing_falls_due_after_maturity(revolver: Evaluate) -> None:
    # as of 6/1/05 the year ahead runs to 6/1/06, but the facility matures on 6/30/05: the
    # June fee, the 6/30 test date and maturity itself are the last obligations
    result = revolver(date(2005, 6, 1))
    assert max(o.due for o in result.obligations) == date(2005, 6, 30)
    fees = [o.due for o in result.obligations if o.what == "Monthly ABL monitoring fee"]
    assert fees == [date(2005, 6, 1)]
    assert not revolver(date(2005, 7, 1)).obligations  # matured: nothing more is due


def test_check_json_document(example: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["check", str(example), "--as-of", "2003-12-31", "--json"])
    second = runner.invoke(app, ["check", str(example), "--as-of", "2003-12-31", "--json"])
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout  # same inputs, byte-identical findings
    document = json.loads(first.stdout)
    assert document["schema"] == "pactum.findings/2"
    assert document["as_of"] == "2003-12-31"
    agreement = document["agreements"][0]
    assert agreement["id"] == "southtrust-abl"
    assert "kind" not in agreement
    facility, fees = agreement["clauses"]
    assert (facility["id"], facility["type"]) == ("facility", "revolver")
    assert {"borrowing_base", "availability"} <= set(facility["values"])
    assert (fees["id"], fees["type"]) == ("fees", "fees")
    assert fees["values"] == ["annual_fee_cost", "one_time_fees", "first_year_fee_cost"]
    # 20,500,000 x 85% = 17,425,000; 18,000,000 x 50% + 13,000,000 x 65% = 17,450,000
    # base 34,875,000; availability 34,875,000 - 28,500,000 - 500,000 - 250,000 = 5,625,000
    # 5,625,000 / 34,875,000 = 16.129...% -> 16.13, monthly; next report 2004-01-15
    assert agreement["values"]["borrowing_base"] == "34875000.00"
    assert agreement["values"]["availability"] == "5625000.00"
    assert agreement["values"]["excess_availability_pct"] == "16.13"
    assert agreement["values"]["next_borrowing_base_report_due"] == "2004-01-15"
    ids = {t["id"] for t in agreement["tests"]}
    assert {
        "min_tangible_net_worth",
        "min_fixed_charge_coverage",
        "max_debt_to_tangible_net_worth",
        "max_capex",
    } <= ids
    assert {t["clause"] for t in agreement["tests"]} == {"facility"}
    assert {o["clause"] for o in agreement["obligations"] if o["category"] != "fee"} == {"facility"}
    assert {o["clause"] for o in agreement["obligations"] if o["category"] == "fee"} == {"fees"}
    dues = [o["due"] for o in agreement["obligations"]]
    assert dues == sorted(dues)  # the two clauses' obligations by date
    assert (
        agreement["traces"]["borrowing_base"]["formula"]
        == "receivables_advance + inventory_advance"
    )


def test_demo_writes_the_findings_file(tmp_path: Path) -> None:
    target = tmp_path / "findings.json"
    result = CliRunner().invoke(app, ["demo", "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text())["schema"] == "pactum.findings/2"
    assert str(target) in result.stdout


def test_example_quarter_with_weekly_reporting(example: Path) -> None:
    # 2003-03-31: 21,000,000 x 85% = 17,850,000; 17,000,000 x 50% = 8,500,000; BellSouth
    # 10,000,000 x 50% (consent only on 2003-05-15) = 5,000,000 -> base 31,350,000
    # availability 31,350,000 - 26,000,000 - 500,000 - 250,000 = 4,600,000 = 14.67% -> weekly
    result = CliRunner().invoke(app, ["check", str(example), "--as-of", "2003-03-31", "--json"])
    values = json.loads(result.stdout)["agreements"][0]["values"]
    assert values["availability"] == "4600000.00"
    assert values["excess_availability_pct"] == "14.67"
    assert values["reporting_frequency"] == "weekly"
