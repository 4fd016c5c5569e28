"""A portfolio of one agreement written for a test: its sheet, its document and its events."""

from __future__ import annotations

import textwrap
from pathlib import Path

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
