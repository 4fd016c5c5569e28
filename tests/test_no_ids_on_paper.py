"""No internal id, raw boolean or stray reference reaches people: `check`, `calendar` and the
documents' HTML of the Innotrac example at 2003-12-31 print words (the JSON keeps its ids)."""

from __future__ import annotations

import json
import re
from datetime import date

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


def test_the_documents_print_words() -> None:
    portfolio = load_portfolio(EXAMPLE)
    for document in documents(portfolio, check(portfolio, date(2003, 12, 31))):
        assert_clean(render_html(document), document.kind)
