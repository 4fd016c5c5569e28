"""The dashboard's pages through FastAPI's TestClient: status codes, what each page shows for
the example (figures worked out by hand from its facts or stated in its documents), the as-of
date carried across pages, and bad input as a one-line error with HTTP 400."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from web_support import error_lines, example_client, text_of

AGREEMENTS = ("southtrust-abl", "windham-lease", "ipof-standstill")


@pytest.mark.parametrize(
    "path",
    ["/", "/charts", "/upload", *(f"/agreements/{a}" for a in AGREEMENTS)],
)
def test_each_page_loads(path: str) -> None:
    response = example_client().get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert error_lines(response.text) == []
    # nothing is loaded from another host: scripts and styles are all served locally
    assert not re.search(r'(src|href)="(https?:)?//', response.text)


def _status_of(page: str, agreement: str) -> str:
    row = re.search(rf'<tr id="agreement-{agreement}">(.*?)</tr>', page, re.S)
    assert row is not None
    found = re.search(r'<span class="status (\w+)">', row.group(1))
    assert found is not None
    return found.group(1)


def test_overview_statuses_on_the_default_date() -> None:
    # 2003-12-31: the revolver's 2004 forecast misses the stepped-up tangible net worth
    # ($34,180,000 against $34,250,000: a projected failure), the lease's expansion deadline
    # of 1/31/04 is 31 days away (a warning); the IPOF group's 20.57% raises nothing above info
    page = example_client().get("/").text
    assert [_status_of(page, a) for a in AGREEMENTS] == ["watch", "watch", "ok"]
    assert "shortfall $70,000.00" in page
    assert "as of 2003-12-31" in page


def test_overview_on_a_chosen_date_and_the_date_carried_in_links() -> None:
    # an action of 3/10/05 seeking to influence management breaches 3.02(g): critical
    page = example_client().get("/?as_of=2005-03-31").text
    assert _status_of(page, "ipof-standstill") == "breach"
    assert 'value="2005-03-31"' in page  # the date picker shows the chosen date
    for path in ("/charts", "/upload", *(f"/agreements/{a}" for a in AGREEMENTS)):
        assert f'href="{path}?as_of=2005-03-31"' in page


def test_overview_deadlines_are_in_date_order() -> None:
    page = example_client().get("/").text
    table = page[page.index('<table class="deadlines">') :]
    dates = re.findall(r'<td class="date">(\d{4}-\d\d-\d\d)</td>', table)
    assert dates[:3] == ["2003-12-31", "2004-01-01", "2004-01-01"]
    assert dates == sorted(dates)
    assert len(dates) == 12


@pytest.mark.parametrize(
    ("query", "found"),
    [("2003-13-01", "'2003-13-01'"), ("2003-02-30", "'2003-02-30'"), ("20031231", "'20031231'")],
)
@pytest.mark.parametrize("path", ["/", "/charts", "/agreements/southtrust-abl", "/upload"])
def test_a_bad_date_is_one_line_and_400(path: str, query: str, found: str) -> None:
    client = example_client()
    response = client.get(path, params={"as_of": query})
    assert response.status_code == 400
    assert error_lines(response.text) == [
        f"error: as_of: found {found}; expected a date as YYYY-MM-DD"
    ]
    assert client.get(path).status_code == 200  # and the server keeps serving


def test_an_empty_date_is_the_default() -> None:
    assert "as of 2003-12-31" in example_client().get("/?as_of=").text


def test_unknown_agreement_is_404_with_its_line() -> None:
    response = example_client().get("/agreements/nope")
    assert response.status_code == 404
    assert error_lines(response.text) == [
        "error: agreement: found 'nope'; expected one of southtrust-abl, windham-lease, "
        "ipof-standstill"
    ]


def _figure(page: str, value_id: str) -> str:
    found = re.search(rf'<details class="figure" id="value-{value_id}">(.*?)</details>', page, re.S)
    assert found is not None, value_id
    return text_of(found.group(1))


def test_agreement_figures_open_their_traces() -> None:
    page = example_client().get("/agreements/southtrust-abl").text
    # collateral.csv at 2003-12-31: 20,500,000 x 85% = 17,425,000; inventory 18,000,000 x 50% +
    # BellSouth 13,000,000 x 65% = 17,450,000; line cap = base 34,875,000 (< 40,000,000);
    # loans.csv: 34,875,000 - 28,500,000 - 500,000 - 250,000 = 5,625,000
    availability = _figure(page, "availability")
    assert availability.startswith("Availability $5,625,000.00 formula")
    assert "line_cap - revolver_outstanding - letters_of_credit - reserves" in availability
    assert "revolver_outstanding 28500000.00 (as of 2003-12-31)" in availability
    receivables = _figure(page, "receivables_advance")
    assert receivables.startswith("Receivables advance $17,425,000.00")
    assert '"limited to 85% of eligible accounts receivable"' in receivables  # its citation


def test_agreement_page_names_its_clause_types() -> None:
    page = example_client().get("/agreements/southtrust-abl").text
    (meta,) = re.findall(r'<p class="meta">([^<]*)</p>', page)[:1]
    assert text_of(meta).startswith("southtrust-abl · revolver, fees · as of 2003-12-31 · ")


def test_agreement_tests_open_their_traces_and_forecasts_are_marked() -> None:
    page = example_client().get("/agreements/southtrust-abl").text
    forecast = re.search(
        r'<details class="test forecast fail" id="test-min_tangible_net_worth-2004-03-31">'
        r"(.*?)</details>",
        page,
        re.S,
    )
    assert forecast is not None
    shown = text_of(forecast.group(1))
    assert "forecast" in shown
    assert ">= $34,250,000.00 $34,180,000.00 fail -$70,000.00" in shown
    assert "formula" in shown


def test_agreement_page_highlights_every_cited_quote_and_links_it() -> None:
    page = example_client().get("/agreements/southtrust-abl").text
    # the commitment's quote runs over a line break in the letter
    link = re.search(
        r'<tr id="term-facility-commitment" class="term cited".*?href="#(q-\d+)"', page, re.S
    )
    assert link is not None
    quote_id = link.group(1)
    mark = re.search(rf'<mark class="quote" id="{quote_id}"[^>]*>(.*?)</mark>', page, re.S)
    assert mark is not None
    assert "\n" in mark.group(1)
    assert text_of(mark.group(1)) == (
        "we would continue to provide a $40,000,000 credit facility to Innotrac"
    )
    # every cited term links to a quote that is on the page
    targets = set(re.findall(r'class="cite-link" href="#(q-\d+)"', page))
    anchors = set(re.findall(r'<mark class="quote" id="(q-\d+)"', page))
    anchors |= set(re.findall(r'<span class="anchor" id="(q-\d+)"', page))
    assert targets == anchors
    assert "quote not found" not in page


def test_trace_sources_link_to_their_quote_or_their_term_row() -> None:
    """A figure's sources name the term's path, so each links to the same quote as the term's
    own row (a citation) or to the term's row (an assumption)."""
    page = example_client().get("/agreements/southtrust-abl").text
    row = re.search(
        r'<tr id="term-facility-borrowing-base-receivables-rate" class="term cited".*?href="#(q-\d+)"',
        page,
        re.S,
    )
    assert row is not None
    figure = re.search(
        r'<details class="figure" id="value-receivables_advance">(.*?)</details>', page, re.S
    )
    assert figure is not None
    assert (
        f'<a class="cite-link" href="#{row.group(1)}" data-quote="{row.group(1)}">'
        "&#34;limited to 85% of eligible accounts receivable&#34;</a>"
    ) in figure.group(1)
    excess = re.search(
        r'<details class="figure" id="value-excess_availability_pct">(.*?)</details>', page, re.S
    )
    assert excess is not None
    assert (
        '<a class="cite-link" href="#term-facility-reporting-measured-against">assumed: '
        in excess.group(1)
    )


@pytest.mark.parametrize(
    ("agreement", "cited", "assumed"),
    [("southtrust-abl", 29, 30), ("windham-lease", 45, 25), ("ipof-standstill", 32, 13)],
)
def test_every_citation_is_linked_and_every_assumption_marked(
    agreement: str, cited: int, assumed: int
) -> None:
    """As many links to quotes and assumption rows as `pactum verify` counts (README)."""
    page = example_client().get(f"/agreements/{agreement}").text
    sheet = page[page.index('<table class="term-sheet">') : page.index('<pre class="contract">')]
    assert len(re.findall(r'class="cite-link"', sheet)) == cited
    assert len(re.findall(r'<tr id="term-[^"]*" class="term assumed"', sheet)) == assumed
    assert sheet.count('<span class="badge assumed">assumption</span>') == assumed


def test_assumed_terms_are_marked_with_their_reason() -> None:
    page = example_client().get("/agreements/southtrust-abl").text
    row = re.search(
        r'<tr id="term-facility-reporting-measured-against" class="term assumed"[^>]*>(.*?)</tr>',
        page,
        re.S,
    )
    assert row is not None
    shown = text_of(row.group(1))
    assert shown.startswith("measured_against line_cap assumption")
    assert "The letter does not say what the 15% is measured against" in shown


def test_charts_page_embeds_the_figures_as_json_numbers() -> None:
    page = example_client().get("/charts").text
    assert '<script src="/static/plotly.min.js"></script>' in page
    data = re.search(r'<script type="application/json" id="charts-data">(.*?)</script>', page, re.S)
    assert data is not None
    figures = {f["id"]: f for f in json.loads(data.group(1))}
    assert set(figures) == {
        "chart-availability-southtrust-abl",
        "chart-covenant-southtrust-abl-min_tangible_net_worth",
        "chart-covenant-southtrust-abl-min_fixed_charge_coverage",
        "chart-covenant-southtrust-abl-max_debt_to_tangible_net_worth",
        "chart-covenant-southtrust-abl-max_capex",
        "chart-rent-windham-lease",
        "chart-ownership-ipof-standstill",
    }
    for figure_id in figures:
        assert f'<div class="plot" id="{figure_id}"' in page
    bars, excess, threshold = figures["chart-availability-southtrust-abl"]["data"]
    assert bars["x"][-1] == "2003-12-31" and bars["y"][-1] == 5625000.0
    assert excess["y"][0] == 14.0625  # 4,500,000 / 32,000,000 at 2003-02-28
    assert threshold["y"] == [15.0, 15.0]
    ownership = figures["chart-ownership-ipof-standstill"]["data"]
    assert [level["y"][0] for level in ownership[1:]] == [15.0, 25.0]


def test_plotly_is_served_from_the_installed_package() -> None:
    response = example_client().get("/static/plotly.min.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.text.lstrip().startswith("/**\n* plotly.js v")


def test_check_does_not_import_the_web_stack() -> None:
    """`pactum check` stays fast: FastAPI, uvicorn, Jinja2 and plotly load only for serve."""
    probe = (
        "import sys, pactum.cli; "
        "print(sorted(m for m in ('fastapi', 'starlette', 'uvicorn', 'jinja2', 'plotly', "
        "'pactum.web') if m in sys.modules))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert shown.strip() == "[]"
