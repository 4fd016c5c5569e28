"""No internal id, raw boolean or stray reference reaches people: `check`, `calendar` and the
documents' HTML of the Innotrac example at 2003-12-31 print words (the JSON keeps its ids)."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from typer.testing import CliRunner

from pactum.cli import app
from pactum.contributions import documents
from pactum.evaluate import check
from pactum.portfolio import load_portfolio
from pactum.reports.html import render_html
from report_support import EXAMPLE

FORBIDDEN = ("year_1", "bellsouth_consent", "DESIGN")
# a raw boolean printed as a value ("Term in force true"); the certification's own words
# ("true, correct and complete") are language, not a value
RAW_BOOLEAN = re.compile(r"\b(true|false)\b(?!,)")
YEAR_END = "2003-12-31"


def assert_clean(text: str, where: str) -> None:
    for word in FORBIDDEN:
        assert word not in text, f"{word!r} in {where}"
    found = RAW_BOOLEAN.search(text)
    assert found is None, (
        f"{found.group(0)!r} in {where}: {text[found.start() - 60 : found.end()]!r}"
    )


def test_check_and_calendar_print_words() -> None:
    runner = CliRunner()
    for command in ("check", "calendar"):
        result = runner.invoke(app, [command, str(EXAMPLE), "--as-of", YEAR_END])
        assert result.exit_code == 0, result.output
        assert_clean(result.stdout, command)
    shown = runner.invoke(app, ["check", str(EXAMPLE), "--as-of", YEAR_END]).stdout
    # the rent of lease year 1 ($3.59 x 204,307 sf / 12 = $61,121.84), the Term in words
    assert "Base rent for January 2004 (lease year 1)" in shown
    assert any(line.startswith("Term in force") and "yes" in line for line in shown.splitlines())


def test_the_json_keeps_its_ids() -> None:
    result = CliRunner().invoke(app, ["check", str(EXAMPLE), "--as-of", YEAR_END, "--json"])
    findings = json.loads(result.stdout)
    standstill = next(a for a in findings["agreements"] if a["id"] == "ipof-standstill")
    assert standstill["values"]["term_active"] == "true"
    windham = next(a for a in findings["agreements"] if a["id"] == "windham-lease")
    assert "rent-2004-01" in {o["id"] for o in windham["obligations"]}


SNAKE_CASE_ID = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


@pytest.mark.parametrize("as_of", [date(2003, 6, 30), date(2003, 11, 30), date(2003, 12, 31)])
def test_the_documents_print_words(as_of: date) -> None:
    portfolio = load_portfolio(EXAMPLE)
    for document in documents(portfolio, check(portfolio, as_of)):
        html = render_html(document)
        assert_clean(html, document.kind)
        # what the signer reads, above the traces (which show the sheet's names on purpose):
        # no id such as tangible_net_worth or bellsouth_consent
        page = html.split("How each figure was obtained")[0]
        page = re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script).*?</\1>", "", page, flags=re.S))
        assert SNAKE_CASE_ID.findall(page) == [], (document.kind, as_of)


@pytest.mark.parametrize("as_of", ["2003-02-28", "2003-12-31", "2005-03-31"])
def test_check_prints_no_sheet_id(as_of: str) -> None:
    """No id of the sheet or the facts on screen: the driving item is "Tangible net worth"
    (not tangible_net_worth), the 2005-03-10 letter to the Board a breach of 3.02(g) by "an
    action" (not control_influence)."""
    result = CliRunner().invoke(app, ["check", str(EXAMPLE), "--as-of", as_of])
    assert result.exit_code in (0, 1), result.output
    assert SNAKE_CASE_ID.findall(result.stdout) == []
