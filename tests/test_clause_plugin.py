"""A clause type defined outside `src/pactum` (tests/plugins/pactum_guarantee) and registered by
an entry point, as a separate package would be, appears in `check`, its JSON and the terminal,
the calendar, a document and the web pages, with no change to any of them.

The entry point is real: the fixture writes the package's `.dist-info` (METADATA and
entry_points.txt) into a folder on `sys.path`, where `importlib.metadata` finds it as it finds
an installed distribution.

The portfolio: one agreement combining two families, the `guarantee` clause and a `notices`
clause. Worked by hand: cap 1,000,000; calls of 100,000 (2024-02-01) and 150,000 (2024-05-15)
make 250,000 called by 2024-06-30, so 750,000 remains and the test passes with 750,000 of
headroom; the guarantee expires 2024-12-31.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bad_input_support import one_error, run
from pactum.portfolio import load_portfolio
from pactum.terms.registry import clause_types
from pactum.web.app import create_app
from web_support import LOOPBACK_URL

PLUGIN = Path(__file__).resolve().parent / "plugins" / "pactum_guarantee"
AS_OF = "2024-06-30"

DOCUMENT = """\
GUARANTY

Parent Holdings, Inc. guarantees the obligations of Subsidiary LLC up to a maximum
aggregate amount of One Million Dollars ($1,000,000). This Guaranty expires on
December 31, 2024. Notices shall be given in writing by hand delivery.
"""

SHEET = """\
id: parent-guaranty
title: Parent guaranty of Subsidiary LLC
document: guaranty.txt
dated: {value: 2024-01-15, assumed: the test's own agreement}
clauses:
  - id: parent_guarantee
    type: guarantee
    guarantor: Parent Holdings, Inc.
    cap: {value: 1000000, cite: "up to a maximum aggregate amount of One Million Dollars ($1,000,000)"}
    expires: {value: 2024-12-31, cite: "This Guaranty expires on December 31, 2024"}
  - id: notices
    type: notices
    methods:
      hand:
        title: hand delivery
        deemed_given: {value: delivery, cite: "in writing by hand delivery"}
"""

EVENTS = """\
- {date: 2024-02-01, agreement: parent-guaranty, event: guarantee_call, amount: 100000}
- {date: 2024-05-15, agreement: parent-guaranty, event: guarantee_call, amount: 150000}
- {date: 2024-09-01, agreement: parent-guaranty, event: guarantee_call, amount: 50000}
"""


@pytest.fixture
def registered(tmp_path: Path) -> Iterator[None]:
    """The plugin installed as a distribution with its entry point, for this test only."""
    site = tmp_path / "site"
    shutil.copytree(PLUGIN, site / "pactum_guarantee")
    info = site / "pactum_guarantee-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: pactum-guarantee\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[pactum.clauses]\nguarantee = pactum_guarantee:CLAUSE\n"
    )
    sys.path.insert(0, str(site))
    clause_types.cache_clear()
    try:
        yield
    finally:
        sys.path.remove(str(site))
        sys.modules.pop("pactum_guarantee", None)
        clause_types.cache_clear()


@pytest.fixture
def portfolio(tmp_path: Path, registered: None) -> Path:
    root = tmp_path / "guaranty"
    (root / "agreements").mkdir(parents=True)
    (root / "facts").mkdir()
    (root / "portfolio.yaml").write_text(
        f"company: Subsidiary LLC\nas_of: {AS_OF}\nagreements: [agreements/guaranty.yaml]\n"
    )
    (root / "guaranty.txt").write_text(DOCUMENT)
    (root / "agreements" / "guaranty.yaml").write_text(SHEET)
    (root / "facts" / "events.yaml").write_text(EVENTS)
    return root


def test_the_type_is_listed_and_in_the_schema(registered: None) -> None:
    listed = run("clauses")
    assert listed.exit_code == 0
    assert "guarantee" in listed.stdout and "capped at an amount" in listed.stdout
    schema = json.loads(run("schema").stdout)
    types = [
        c["properties"]["type"]["const"]
        for c in schema["properties"]["clauses"]["items"]["oneOf"]
        if "type" in c["properties"]  # not the deleted clause's
    ]
    assert "guarantee" in types and {"lease", "revolver"} <= set(types)
    assert types == sorted(types)


def test_check_json_has_its_values_test_and_obligation(portfolio: Path) -> None:
    result = run("check", str(portfolio), "--json")
    assert result.exit_code == 0, result.stderr
    [found] = json.loads(result.stdout)["agreements"]
    assert found["clauses"] == [
        {
            "id": "parent_guarantee",
            "type": "guarantee",
            "values": ["guarantee_cap", "guarantee_called", "guarantee_remaining"],
        },
        {"id": "notices", "type": "notices", "values": []},
    ]
    assert found["values"] == {
        "guarantee_cap": "1000000.00",
        "guarantee_called": "250000.00",  # the September call is after the as-of date
        "guarantee_remaining": "750000.00",
    }
    [test] = found["tests"]
    assert (test["id"], test["passed"], test["headroom"], test["clause"]) == (
        "guarantee_within_cap",
        True,
        "750000.00",
        "parent_guarantee",
    )
    [expiry] = found["obligations"]
    assert (expiry["due"], expiry["clause"]) == ("2024-12-31", "parent_guarantee")
    # the cap's source names the sheet, the term's place and its line
    [source] = found["traces"]["guarantee_cap"]["sources"]
    assert (source["sheet"], source["path"], source["line"]) == (
        "agreements/guaranty.yaml",
        "clauses.0.cap",
        9,
    )
    assert found["status"] == "ok"


def test_a_call_beyond_the_cap_is_a_breach(portfolio: Path) -> None:
    # 100,000 + 150,000 + 50,000 + 800,000 = 1,100,000 > 1,000,000 by 100,000
    with (portfolio / "facts" / "events.yaml").open("a") as events:
        events.write(
            "- {date: 2024-10-01, agreement: parent-guaranty, event: guarantee_call, amount: 800000}\n"
        )
    result = run("check", str(portfolio), "--as-of", "2024-10-31", "--json")
    [found] = json.loads(result.stdout)["agreements"]
    assert found["status"] == "breach"
    assert found["tests"][0]["headroom"] == "-100000.00"
    assert found["alerts"][0]["clause"] == "parent_guarantee"


def test_terminal_shows_it(portfolio: Path) -> None:
    result = run("check", str(portfolio))
    assert result.exit_code == 0, result.stderr
    assert "(parent-guaranty: guarantee, notices)" in result.stdout
    assert "Remaining under the cap" in result.stdout and "$750,000.00" in result.stdout


def test_calendar_lists_its_obligation(portfolio: Path) -> None:
    result = run("calendar", str(portfolio), "--json")
    assert result.exit_code == 0, result.stderr
    [event] = json.loads(result.stdout)["events"]
    assert (event["date"], event["what"]) == (
        "2024-12-31",
        "Parent Holdings, Inc. guarantee expires",
    )


def test_report_writes_its_document(portfolio: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("report", str(portfolio), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "guarantee-statement-parent-guaranty-2024-06-30.html",
        "guarantee-statement-parent-guaranty-2024-06-30.pdf",
        "guarantee-statement-parent-guaranty-2024-06-30.xlsx",
    ]
    page = (out / "guarantee-statement-parent-guaranty-2024-06-30.html").read_text()
    assert "Guarantee Statement" in page and "$750,000.00" in page


def test_web_pages_show_it(portfolio: Path) -> None:
    client = TestClient(create_app(load_portfolio(portfolio)), base_url=LOOPBACK_URL)
    agreement = client.get("/agreements/parent-guaranty")
    assert agreement.status_code == 200
    assert "Remaining under the cap" in agreement.text
    assert 'id="term-parent-guarantee-cap"' in agreement.text
    charts = client.get("/charts")
    assert 'id="chart-guarantee-parent-guaranty-parent_guarantee"' in charts.text


def test_its_events_are_checked(portfolio: Path) -> None:
    events = portfolio / "facts" / "events.yaml"
    events.write_text(EVENTS.replace("amount: 150000", "amount: -5"))
    line = one_error(run("check", str(portfolio)))
    assert "events.yaml:line 2: amount: found -5" in line
    assert "greater than 0" in line


def test_its_terms_are_checked(portfolio: Path) -> None:
    sheet = portfolio / "agreements" / "guaranty.yaml"
    sheet.write_text(SHEET.replace("cap: {value: 1000000,", "cap: {value: 0,"))
    line = one_error(run("check", str(portfolio)))
    assert "guaranty.yaml:line 9: parent_guarantee.cap: found 0; expected a cap above zero" in line
