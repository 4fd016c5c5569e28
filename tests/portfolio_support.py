"""A portfolio of one agreement written for a test: its sheet, its document and its events."""

from __future__ import annotations

import textwrap
from pathlib import Path

from bad_input_support import assert_error, check, line_number

SHEET_HEADER = """\
id: deal
title: A test agreement
document: documents/deal.txt
"""


def write_portfolio(
    folder: Path, sheet: str, document: str = "", events: str = "", calendar: str = ""
) -> Path:
    """`folder` holding portfolio.yaml, agreements/deal.yaml (SHEET_HEADER + `sheet`),
    documents/deal.txt and facts/events.yaml; returns the sheet's path."""
    (folder / "agreements").mkdir(parents=True, exist_ok=True)
    (folder / "documents").mkdir(exist_ok=True)
    (folder / "facts").mkdir(exist_ok=True)
    (folder / "portfolio.yaml").write_text(
        "company: Test Co\nagreements: [agreements/deal.yaml]\n" + calendar, encoding="utf-8"
    )
    (folder / "documents" / "deal.txt").write_text(document or "The agreement.", "utf-8")
    (folder / "facts" / "events.yaml").write_text(textwrap.dedent(events), encoding="utf-8")
    path = folder / "agreements" / "deal.yaml"
    path.write_text(SHEET_HEADER + textwrap.dedent(sheet), encoding="utf-8")
    return path


def assert_sheet_error(
    folder: Path,
    on_line_with: str,
    field: str,
    found: str | tuple[str, ...],
    expected: tuple[str, ...],
) -> None:
    """`pactum check` refuses the portfolio's sheet (agreements/deal.yaml) with one line on
    the line holding `on_line_with`, naming `field` and containing what was found and
    expected."""
    sheet = folder / "agreements" / "deal.yaml"
    assert_error(
        check(folder),
        folder,
        "agreements/deal.yaml",
        unit="line",
        number=line_number(sheet.read_text(encoding="utf-8"), on_line_with),
        field=field,
        found=found,
        expected=expected,
    )
