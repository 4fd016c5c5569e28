"""The clause-type hook behind the dashboard's upload page and `POST /api/certificates`: a
certificate from a posted aging, made by the agreement's clause that declares it can, found
without naming the clause type (`aging_clause`, `certificate_from_aging`)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from pydantic import BaseModel

from conftest import EXAMPLE
from pactum.clauses.api import (
    STRICT,
    AgingFiles,
    ClauseContext,
    ClauseFindings,
    ClauseType,
    Portfolio,
    aging_clause,
    certificate_from_aging,
)
from pactum.portfolio import load_portfolio
from web_support import AGING_CSV

DECEMBER = date(2003, 12, 31)


@cache
def example() -> Portfolio:
    return load_portfolio(EXAMPLE)


def test_only_a_revolver_with_a_borrowing_base_certifies_an_aging() -> None:
    agreements = example().agreements
    found = aging_clause(agreements["southtrust-abl"])
    assert found is not None and found.id == "facility"
    assert aging_clause(agreements["windham-lease"]) is None
    assert aging_clause(agreements["ipof-standstill"]) is None


class _Plain(BaseModel):
    model_config = STRICT


class _PlainType(ClauseType[_Plain]):
    name = "plain"
    description = "A clause type that overrides nothing but evaluate."
    schema = _Plain

    def evaluate(self, ctx: ClauseContext[_Plain]) -> ClauseFindings:
        return ClauseFindings()


def test_a_clause_type_certifies_no_aging_unless_it_says_so() -> None:
    kind = _PlainType()
    assert kind.certifies_aging(_Plain()) is False
    with pytest.raises(NotImplementedError, match="plain clause makes no certificate"):
        kind.certificate_from_aging(None, AgingFiles(Path("aging.csv")))  # type: ignore[arg-type]


def test_the_hook_s_certificate_by_hand(tmp_path: Path) -> None:
    """web_support's aging at 2003-12-31 with the portfolio's 2003-11-30 inventory (see
    tests/test_web_api.py): receivables advance 25,542,500.00 + inventory advance
    13,933,333.17 = borrowing base 39,475,833.17 (under the 40,000,000 commitment, so the
    line cap too); loans 28,500,000 + letters of credit 500,000 + reserves 250,000 =
    29,250,000: availability 39,475,833.17 - 29,250,000 = 10,225,833.17."""
    aging = tmp_path / "aging.csv"
    aging.write_text(AGING_CSV)
    inventory = EXAMPLE / "facts" / "inventory" / "2003-11-30.csv"
    agreement = example().agreements["southtrust-abl"]
    files = AgingFiles(aging, inventory, None, "december aging.csv", "the November listing")
    made = certificate_from_aging(agreement, example(), DECEMBER, files)

    assert (made.agreement, made.as_of) == ("southtrust-abl", DECEMBER)
    [borrower] = made.borrowers
    assert borrower.availability == Decimal("10225833.17")
    lines = {label: (amount, total) for label, amount, total in borrower.lines}
    assert lines["Receivables advance"] == (Decimal("25542500.00"), False)
    assert lines["Inventory advance"] == (Decimal("13933333.17"), False)
    assert lines["Borrowing base"] == (Decimal("39475833.17"), True)
    assert lines["Availability"] == (Decimal("10225833.17"), True)
    assert all(f.trace is not None for f in borrower.figures)
    assert {f.id for f in borrower.figures} >= {"borrowing_base", "availability"}

    # the JSON is the command line's, and its file is the same JSON
    assert made.as_json()["borrowers"][0]["availability"] == "10225833.17"
    files_out = made.files()
    assert sorted(files_out) == ["certificates.json", "debtors.csv"]
    assert json.loads(files_out["certificates.json"]) == made.as_json()
    # the printed certificate names the files as the user knows them
    [document] = made.documents()
    assert document.kind == "borrowing-base-certificate"
    printed = repr(document)
    assert "december aging.csv" in printed and "the November listing" in printed
