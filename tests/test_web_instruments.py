"""The agreement page of an agreement of several instruments: each instrument a tab beside the
term sheet (its text with the quotes taken from it highlighted, or "not in hand"), each term
naming the instrument it is from, and the amended terms marked with their earlier values.

Worked from the sheets: Chesapeake lists the 2004 Credit Agreement (not in hand), Amendment
No. 5 and Amendment No. 6; the tab shown first is No. 6, the latest in hand. No. 6 replaces
No. 5's leverage table, so the Q1 2008 ceiling is amended: 4.25 from No. 5's effective date
(December 28, 2007), 6.25 from No. 6's (March 5, 2008). Novavax's tenant is amended by the
consent: DynCorp from March 30, 1995, Novavax from August 10, 1999.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from fastapi.testclient import TestClient

from pactum.portfolio import load_portfolio
from pactum.web.app import create_app
from web_support import LOOPBACK_URL

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def page(example: str, agreement: str, as_of: str) -> str:
    client = TestClient(create_app(load_portfolio(EXAMPLES / example)), base_url=LOOPBACK_URL)
    response = client.get(f"/agreements/{agreement}", params={"as_of": as_of})
    assert response.status_code == 200, response.text
    return response.text


def row(text: str, anchor: str) -> str:
    """The term sheet's row of that anchor."""
    found = re.search(rf'<tr id="{re.escape(anchor)}"[^>]*>.*?</tr>', text, re.S)
    assert found is not None, anchor
    return found.group(0)


def test_each_instrument_is_a_tab_the_latest_in_hand_shown_first() -> None:
    text = page("chesapeake", "chesapeake-credit", "2009-03-31")
    tabs = re.findall(r'<input type="radio" name="instrument-tab" id="tab-(\w+)"[^>]*>', text)
    assert tabs == ["credit_agreement", "amendment_5", "amendment_6"]
    checked = re.findall(r'id="tab-(\w+)" class="tab-switch" checked', text)
    assert checked == ["amendment_6"]
    original = text.split('id="panel-credit_agreement"')[1].split("</div>")[0]
    assert "Not in hand" in original and "<pre" not in original
    # each amendment's own text, with its own quotes highlighted in it
    no5 = text.split('id="panel-amendment_5"')[1].split('id="panel-amendment_6"')[0]
    assert "effective 2007-12-28" in no5 and "chesapeake-amendment-no5-2008.txt" in no5
    assert re.search(r'<mark class="quote" id="q-amendment_5-\d+"', no5)
    no6 = text.split('id="panel-amendment_6"')[1]
    assert re.search(r'<mark class="quote" id="q-amendment_6-\d+"', no6)


def test_a_term_links_to_its_quote_in_its_own_instrument() -> None:
    text = page("chesapeake", "chesapeake-credit", "2009-03-31")
    # No. 5's Q1 2008 row (the first covenants clause) links into No. 5's tab
    no5_row = row(text, "term-covenants-tests-leverage-schedule-q1-2008-end")
    assert re.search(r'href="#q-amendment_5-\d+"', no5_row)
    assert "Amendment No. 5" in no5_row  # the instrument it is from


def test_an_amended_term_shows_its_earlier_values() -> None:
    text = page("chesapeake", "chesapeake-credit", "2009-03-31")
    amended = row(text, "term-covenants-tests-leverage-schedule-q1-2008-end")
    assert 'class="term cited amended"' in amended
    changes = re.findall(r"<li>(.*?)</li>", amended.split('<ol class="changes">')[1])
    assert [html.unescape(c).split(' "')[0] for c in changes] == [
        "from 2007-12-28 Amendment No. 5: 4.25",
        "from 2008-03-05 Amendment No. 6: 6.25",
    ]
    # a term no instrument changed is not marked (Q4 2008 is No. 6's alone)
    only_no6 = [
        m.group(0)
        for m in re.finditer(
            r'<tr id="term-covenants-tests-leverage-schedule-q4-2008-end[^"]*"[^>]*>', text
        )
    ]
    assert only_no6 and all("amended" not in r for r in only_no6)


def test_the_tenant_amended_by_the_consent() -> None:
    text = page("novavax", "one-taft-court-lease", "2000-06-30")
    tenant = row(text, "term-lease-tenant")
    changes = [html.unescape(c).split(' "')[0] for c in re.findall(r"<li>(.*?)</li>", tenant)]
    assert changes == [
        "from 1995-03-30 Lease Agreement of March 30, 1995: DynCorp Advanced Technology "
        "Services, Inc.",
        "from 1999-08-10 Landlord's consent to the assignment to Novavax, Inc.: Novavax, Inc.",
    ]


def test_a_sheet_of_one_document_keeps_its_single_pane() -> None:
    from conftest import EXAMPLE

    client = TestClient(create_app(load_portfolio(EXAMPLE)), base_url=LOOPBACK_URL)
    text = client.get("/agreements/southtrust-abl").text
    assert "instrument-tab" not in text and "badge amended" not in text
    assert re.search(r'<mark class="quote" id="q-\d+"', text)
