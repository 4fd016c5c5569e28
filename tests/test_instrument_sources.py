"""Every finding of an agreement of several instruments names the instrument (by its title)
and, where the sheet says it, the section that set each term it used: on screen, in the JSON,
in the documents and in the calendar.

Hand-worked from the Chesapeake chain (corpus README, Amendments No. 5 and No. 6): the
covenant tables are Section 7.2.4 of the Credit Agreement as each amendment restates it
(7.2.4(a) leverage, 7.2.4(c) interest coverage); No. 6 restates both from Q4 2007, so as of
March 31, 2009 every quarter end from Q4 2007 to Q4 2008 takes its level from "Amendment No.
6, Section 7.2.4" and Q3 2007, which No. 6 does not restate, from "Amendment No. 5, Section
7.2.4". The baskets' levels are 7.2.2(j) and 7.2.3(k), and a level that No. 6's clause quotes
from No. 5 names No. 5 and its own section, not the clause's.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bad_input_support import run
from pactum.contributions import documents
from pactum.document import Grid
from pactum.evaluate import check
from pactum.obligations_calendar import obligation_calendar
from pactum.portfolio import load_portfolio
from pactum.reports.html import render_html
from pactum.terms.sheet import load_term_sheet

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CHESAPEAKE = EXAMPLES / "chesapeake"
SHEET = CHESAPEAKE / "agreements" / "chesapeake-credit.yaml"


def sources_in(node: Any) -> list[dict[str, Any]]:
    """Every source object of a findings document (a sheet, a path and a quote or reason)."""
    if isinstance(node, dict):
        own = (
            [node] if {"sheet", "path"} <= set(node) and ({"quote", "assumed"} & set(node)) else []
        )
        return own + [s for v in node.values() for s in sources_in(v)]
    if isinstance(node, list):
        return [s for v in node for s in sources_in(v)]
    return []


@pytest.mark.parametrize(
    ("example", "agreement", "as_of", "titles"),
    [
        (
            "chesapeake",
            "chesapeake-credit",
            "2009-03-31",
            {
                "credit_agreement": "Second Amended and Restated Credit Agreement of February "
                "23, 2004 (as amended by Nos. 1 to 4)",
                "amendment_5": "Amendment No. 5",
                "amendment_6": "Amendment No. 6",
            },
        ),
        (
            "innotrac",
            "windham-lease",
            "2003-12-31",
            {
                "lease": "Lease of September 17, 2002",
                "first_amendment": "First Amendment to Lease of April 4, 2003",
            },
        ),
        (
            "novavax",
            "one-taft-court-lease",
            "2000-06-30",
            {
                "lease": "Lease Agreement of March 30, 1995",
                "consent": "Landlord's consent to the assignment to Novavax, Inc.",
                "extension_exercise": "Novavax's letter exercising the option to extend the term",
            },
        ),
    ],
)
def test_every_source_of_a_chain_names_its_instrument_and_title(
    example: str, agreement: str, as_of: str, titles: dict[str, str]
) -> None:
    result = run("check", str(EXAMPLES / example), "--as-of", as_of, "--json")
    assert result.exit_code == 0, result.output
    [found] = [a for a in json.loads(result.stdout)["agreements"] if a["id"] == agreement]
    refs = sources_in(found)
    assert refs  # the check would prove nothing on an agreement without sources
    for ref in refs:
        # including the terms whose instrument is their clause's default (the first)
        assert ref["instrument_title"] == titles[ref["instrument"]], ref


def test_a_sheet_of_one_document_names_no_instrument() -> None:
    result = run("check", str(EXAMPLES / "innotrac"), "--as-of", "2003-12-31", "--json")
    [found] = [a for a in json.loads(result.stdout)["agreements"] if a["id"] == "southtrust-abl"]
    assert all("instrument" not in ref for ref in sources_in(found))
    assert all("level_source" not in t for t in found["tests"])


def test_a_term_quoting_another_instrument_keeps_its_own_section() -> None:
    loaded = load_term_sheet(SHEET)
    # No. 6's baskets clause quotes No. 5's $30,000,000 (Section 7.2.2(j)) and its own $5,000,000
    [baskets] = [c for c in loaded.clauses if c.id == "baskets" and c.instrument == "amendment_6"]
    levels = {t.id: t.level for t in baskets.terms.tests}  # type: ignore[attr-defined]
    debt = levels["debt_basket"].source_ref()
    since = levels["debt_basket_since_no6"].source_ref()
    assert (debt.instrument, debt.instrument_title, debt.section) == (
        "amendment_5",
        "Amendment No. 5",
        "7.2.2(j)",
    )
    assert since.where == "Amendment No. 6, Section 7.2.2(j)"
    # the covenants clause's section is its terms' unless they say otherwise
    [covenants] = [
        c for c in loaded.clauses if c.id == "covenants" and c.instrument == "amendment_6"
    ]
    leverage = covenants.terms.tests[0]  # type: ignore[attr-defined]
    assert leverage.schedule["q1_2008_end"].source_ref().where == "Amendment No. 6, Section 7.2.4"


def test_the_terminal_names_the_instrument_of_each_level() -> None:
    # March 4, 2008, the day before No. 6: the 2008 forecasts fail No. 5's 4.25 ceiling
    result = run("check", str(CHESAPEAKE), "--as-of", "2008-03-04")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    # the cell may wrap on a narrow screen: its parts, in order, on the first failing row
    row = text.split("2008-03-31 Maximum Leverage Ratio", 1)[1].split("2008-06-30")[0]
    assert "<= 4.2500 (Amendment No. 5," in row and "Section 7.2.4)" in row
    assert "Amendment No. 6" not in text


def test_the_compliance_certificate_says_which_amendment_set_each_level() -> None:
    portfolio = load_portfolio(CHESAPEAKE)
    found = check(portfolio, date(2009, 3, 31))
    [certificate] = [
        d
        for d in documents(portfolio, found)
        if d.kind == "compliance-certificate"
        and "Covenant tests" in d.sections[0].title
        and any("Leverage" in str(r[0].value) for r in d.sections[0].rows)  # type: ignore[union-attr]
    ]
    grid = certificate.sections[0]
    assert isinstance(grid, Grid)
    at = grid.columns.index("Level set by")
    assert grid.columns[at - 1] == "Required"
    by_covenant = {str(row[0].value): (row[1].value, row[at].value) for row in grid.rows}
    # the latest test on or before 3/31/09 is Q1 2009's: No. 6's 5.50 "Beginning of the
    # fourth Fiscal Quarter of 2008 and thereafter" and its 1.75 "Beginning of the third"
    assert by_covenant["Maximum Leverage Ratio (7.2.4(a))"] == (
        date(2009, 3, 31),
        "Amendment No. 6, Section 7.2.4",
    )
    assert by_covenant["Minimum Interest Coverage Ratio (7.2.4(c))"][1] == (
        "Amendment No. 6, Section 7.2.4"
    )
    html = render_html(certificate)
    assert "Level set by" in html and "Amendment No. 6, Section 7.2.4" in html


def test_the_calendar_sources_name_the_instrument() -> None:
    entries = obligation_calendar(
        load_portfolio(CHESAPEAKE), date(2008, 12, 31), date(2008, 3, 1), date(2008, 12, 31)
    ).entries
    [proceeds] = [e for e in entries if e.obligation.id == "disposition_proceeds-2008-07-02"]
    assert all(s.instrument_title == "Amendment No. 6" for s in proceeds.obligation.sources)
    listed = json.loads(
        run(
            "calendar", str(CHESAPEAKE), "--from", "2008-07-01", "--to", "2008-07-31", "--json"
        ).stdout
    )
    text = json.dumps(listed)
    assert "(Amendment No. 6)" in text


def test_a_section_may_be_written_as_a_number(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(
        SHEET.read_text().replace("section: 7.2.4 ", "section: 29 ", 1), encoding="utf-8"
    )
    loaded = load_term_sheet(sheet)
    [covenants] = [
        c for c in loaded.clauses if c.id == "covenants" and c.instrument == "amendment_5"
    ]
    level = covenants.terms.tests[0].schedule["q3_2007_end"]  # type: ignore[attr-defined]
    assert level.source_ref().section == "29"
