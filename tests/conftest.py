"""Shared helpers: a copy of the Innotrac example with facts replaced, per test."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from pactum.evaluate import check
from pactum.findings import AgreementFindings
from pactum.portfolio import load_portfolio

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "innotrac"

Evaluate = Callable[..., AgreementFindings]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A private copy of the example portfolio."""
    folder = tmp_path / "innotrac"
    shutil.copytree(EXAMPLE, folder)
    return folder


@pytest.fixture
def revolver(example: Path) -> Evaluate:
    """Evaluate the SouthTrust facility on facts written for the test.

    Each keyword replaces one facts file (`collateral`, `loans`, `financials`, `events`) with
    the given text; files not given keep the example's.
    """

    def run(as_of: date, **files: str) -> AgreementFindings:
        names = {
            "collateral": "collateral.csv",
            "loans": "loans.csv",
            "financials": "financials.csv",
            "events": "events.yaml",
        }
        for key, text in files.items():
            (example / "facts" / names[key]).write_text(text)
        findings = check(load_portfolio(example), as_of)
        return findings.agreements[0]

    return run


@pytest.fixture
def lease(example: Path) -> Evaluate:
    """Evaluate the Windham lease on facts written for the test.

    Keywords `events` (events.yaml) and `opex` (opex.csv) replace those files; `sheet` is a
    function that edits the term sheet's text.
    """

    def run(
        as_of: date, sheet: Callable[[str], str] | None = None, **files: str
    ) -> AgreementFindings:
        names = {"events": "events.yaml", "opex": "opex.csv"}
        for key, text in files.items():
            (example / "facts" / names[key]).write_text(text)
        if sheet is not None:
            path = example / "agreements" / "windham-lease.yaml"
            path.write_text(sheet(path.read_text()))
        findings = check(load_portfolio(example), as_of)
        return next(a for a in findings.agreements if a.id == "windham-lease")

    return run


def lease_events(*lines: str) -> str:
    """events.yaml text of lease events, each given as `date event [key: value ...]`."""
    out = []
    for line in lines:
        when, event, *rest = line.split(" ", 2)
        out.append(f"- date: {when}\n  agreement: windham-lease\n  event: {event}\n")
        if rest:
            for pair in rest[0].split(", "):
                out.append(f"  {pair}\n")
    return "".join(out)
