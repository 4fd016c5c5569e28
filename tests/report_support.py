"""Helpers for the report tests: read an XLSX document back through its Trace sheet, count a
PDF's pages, run `pactum check --json`."""

from __future__ import annotations

import json
import re
import zlib
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from typer.testing import CliRunner

from pactum.cli import app
from workbook_formula_support import cell_value

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "innotrac"


def check_json(as_of: str, portfolio: Path = EXAMPLE) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["check", str(portfolio), "--as-of", as_of, "--json"])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def agreement_json(findings: dict[str, Any], agreement_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(a for a in findings["agreements"] if a["id"] == agreement_id)
    return found


def xlsx_cells(path: Path) -> dict[str, Any]:
    """Each figure's cell on the document's sheet, by figure key, found through the Trace
    sheet's `cell` column (e.g. 'Borrowing Base Certificate'!B8)."""
    book = load_workbook(path)
    trace = book["Trace"]
    header = [c.value for c in trace[1]]
    key_at, cell_at = header.index("figure"), header.index("cell")
    found = {}
    for row in trace.iter_rows(min_row=2, values_only=True):
        sheet, coordinate = str(row[cell_at]).rsplit("!", 1)
        found[str(row[key_at])] = book[sheet.strip("'")][coordinate]
    return found


def xlsx_number(cell: Any) -> Decimal:
    """A numeric cell's value, exactly as written (openpyxl reads numbers back as floats), or
    what its formula gives, recomputed over the cells it reads (a total's)."""
    return cell_value(cell.parent, cell.coordinate)


def to_cents(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def pdf_pages(content: bytes) -> int:
    """The page objects in a PDF, looking inside its compressed object streams too."""
    pattern = re.compile(rb"/Type\s*/Page\b(?!s)")
    pages = len(pattern.findall(content))
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            pages += len(pattern.findall(zlib.decompress(stream.group(1))))
        except zlib.error:
            continue  # an image or font, not objects
    return pages
