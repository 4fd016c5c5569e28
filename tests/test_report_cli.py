"""`pactum report`: every document in every format, its numbers equal to `pactum check --json`
to the cent, a Trace sheet citing the sources, printable self-contained HTML and valid PDFs."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner, Result

from pactum.cli import app
from report_support import (
    EXAMPLE,
    agreement_json,
    check_json,
    pdf_pages,
    to_cents,
    xlsx_cells,
    xlsx_number,
)

AS_OF = "2003-11-30"
STEMS = (  # each file's name ends in the as-of date
    f"borrowing-base-certificate-southtrust-abl-{AS_OF}",
    f"compliance-certificate-southtrust-abl-{AS_OF}",
    f"rent-roll-windham-lease-{AS_OF}",
    f"ownership-and-voting-ipof-standstill-{AS_OF}",
)
DEMO_AS_OF = "2003-12-31"  # the example's default date (portfolio.yaml)


def report(*args: str) -> Result:
    return CliRunner().invoke(app, ["report", str(EXAMPLE), *args])


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    folder = tmp_path_factory.mktemp("report") / "out"
    return folder, report("--as-of", AS_OF, "--out", str(folder))


@pytest.fixture(scope="module")
def findings() -> dict[str, Any]:
    return check_json(AS_OF)


def test_writes_every_document_in_every_format(written: tuple[Path, Result]) -> None:
    folder, result = written
    assert result.exit_code == 0, result.output
    names = {f"{stem}.{ext}" for stem in STEMS for ext in ("html", "xlsx", "pdf")}
    assert {p.name for p in folder.iterdir()} == names  # and no temporary file left
    assert f"12 files written to {folder}" in result.stdout
    for name in names:
        assert name in result.stdout


def test_certificate_numbers_equal_check_json(
    written: tuple[Path, Result], findings: dict[str, Any]
) -> None:
    folder, _ = written
    cells = xlsx_cells(folder / f"{STEMS[0]}.xlsx")
    values = agreement_json(findings, "southtrust-abl")["values"]
    for key in (
        "receivables_advance",
        "inventory_advance",
        "borrowing_base",
        "line_cap",
        "availability",
        "excess_availability",
    ):
        assert to_cents(xlsx_number(cells[key])) == values[key], key
        assert cells[key].number_format == "#,##0.00"
    percent = xlsx_number(cells["excess_availability_pct"]) * 100
    assert (
        str(percent.quantize(Decimal("0.01"), ROUND_HALF_UP)) == values["excess_availability_pct"]
    )
    assert cells["excess_availability_pct"].number_format == "0.00%"
    assert cells["reporting_frequency"].value == values["reporting_frequency"] == "weekly"


def _shown(number: Decimal, unit: str) -> str:
    places = {"money": "0.01", "ratio": "0.0001"}[unit]
    return str(number.quantize(Decimal(places), ROUND_HALF_UP))


def test_compliance_numbers_equal_check_json(
    written: tuple[Path, Result], findings: dict[str, Any]
) -> None:
    folder, _ = written
    cells = xlsx_cells(folder / f"{STEMS[1]}.xlsx")
    tests = [
        t
        for t in agreement_json(findings, "southtrust-abl")["tests"]
        if t["basis"] in ("actual", "forecast") and t["passed"] is not None
    ]
    compared = 0
    for test in tests:
        key = f"{test['id']}@{test['test_date']}"
        if f"{key}.actual" not in cells:
            continue  # an earlier quarter: the certificate gives each covenant's latest
        for field in ("required", "actual", "headroom"):
            number = xlsx_number(cells[f"{key}.{field}"])
            assert _shown(number, test["unit"]) == test[field], (key, field)
        if test["driver_headroom"]:
            number = xlsx_number(cells[f"{key}.driver_headroom"])
            assert to_cents(number) == test["driver_headroom"]["amount"]
        compared += 1
    # at 2003-11-30: the four covenants at 9/30/03, and three forecasts for 3/31/04
    assert compared == 7


def test_rent_roll_and_ownership_numbers_equal_check_json(
    written: tuple[Path, Result], findings: dict[str, Any]
) -> None:
    folder, _ = written
    lease = agreement_json(findings, "windham-lease")["values"]
    cells = xlsx_cells(folder / f"{STEMS[2]}.xlsx")
    for key in ("base_rent", "abatement", "base_rent_due", "opex_estimate", "straight_line_rent"):
        assert to_cents(xlsx_number(cells[key])) == lease[key], key
    standstill = agreement_json(findings, "ipof-standstill")["values"]
    cells = xlsx_cells(folder / f"{STEMS[3]}.xlsx")
    for key in ("group_shares", "shares_outstanding", "free_vote_shares", "excess_shares"):
        assert str(xlsx_number(cells[key])) == standstill[key], key
    percent = xlsx_number(cells["ownership_pct"]) * 100
    assert str(percent.quantize(Decimal("0.01"), ROUND_HALF_UP)) == standstill["ownership_pct"]


def test_trace_sheet_gives_formula_inputs_and_citations(written: tuple[Path, Result]) -> None:
    folder, _ = written
    book = load_workbook(folder / f"{STEMS[0]}.xlsx")
    assert book.sheetnames == ["Borrowing Base Certificate", "Trace"]
    rows = {
        str(r[0]): tuple(str(v) for v in r)
        for r in book["Trace"].iter_rows(min_row=2, values_only=True)
    }
    _, label, _, _, value, formula, inputs, sources = rows["receivables_advance"]
    assert label == "Receivables advance"
    assert value == "19256137.08"
    assert formula == "receivables_eligible x rate"
    assert "22654278.92" in inputs and "receivables/2003-11-30.csv" in inputs
    assert '"limited to 85% of eligible accounts receivable"' in sources
    # an ineligible line cites the eligibility term it applies
    assert "above 25% of the total remaining" in rows["receivables_less_concentration"][5]
    assert "25% of total eligible receivables" in rows["receivables_less_concentration"][7]
    # the rent roll's terms go to a Sources sheet
    assert "Sources" in load_workbook(folder / f"{STEMS[2]}.xlsx").sheetnames


def test_html_is_self_contained_and_printable(written: tuple[Path, Result]) -> None:
    folder, _ = written
    for stem in STEMS:
        html = (folder / f"{stem}.html").read_text(encoding="utf-8")
        assert "@page" in html and "@media print" in html
        # no external asset: no link, script, image or URL to fetch
        assert not re.search(r"<link|<script|<img|src=|url\(|https?://", html), stem
        assert "How each figure was obtained" in html


def test_pdfs_are_valid(written: tuple[Path, Result]) -> None:
    folder, _ = written
    for stem in STEMS:
        content = (folder / f"{stem}.pdf").read_bytes()
        assert content.startswith(b"%PDF-")
        assert content.rstrip().endswith(b"%%EOF")
        assert pdf_pages(content) > 0


def test_bad_as_of_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    result = report("--as-of", "2003-02-30", "--out", str(folder))
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error: --as-of: found '2003-02-30'; expected a date as YYYY-MM-DD"
    ]
    assert not folder.exists()


@pytest.mark.parametrize("below", [False, True])
def test_unwritable_out_exits_2_and_writes_nothing(tmp_path: Path, below: bool) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    folder = blocker / "out" if below else blocker
    result = report("--as-of", AS_OF, "--out", str(folder))
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0] == (
        f"error: --out: found '{folder}' ({blocker} is a file); expected a folder that can be "
        "created and written to"
    )
    assert blocker.read_text() == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_demo_writes_the_documents_next_to_the_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the PDFs are checked above; here a stand-in keeps the demo test quick
    monkeypatch.setattr("pactum.reports.report_set.render_pdf", lambda html: b"%PDF-stand-in")
    findings = tmp_path / "out" / "innotrac-findings.json"
    result = CliRunner().invoke(app, ["demo", "--out", str(findings)])
    assert result.exit_code == 0, result.output
    assert findings.is_file()
    for stem in STEMS:
        for ext in ("html", "xlsx", "pdf"):
            assert (findings.parent / f"{stem.replace(AS_OF, DEMO_AS_OF)}.{ext}").is_file()
    assert "12 files written to" in result.stdout
