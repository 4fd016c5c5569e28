"""Helpers for the collateral tests: the engine fixture, the SouthTrust eligibility terms,
small CSV writers and the checks every waterfall result must pass.

Import the fixture into a test module with `from collateral_support import engine_fixture as
engine_fixture`; tests then ask for `engine`. It is session-scoped and parametrized over both
engines, so pytest groups the tests by engine and the one Spark session of the process
(`pactum.collateral.engines.spark_session`, cached) is started once and shared by all of them.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from pactum.collateral.engines import ENGINES, Engine, spark_session
from pactum.collateral.results import Bucket, DebtorLine, ReceivablesResult
from pactum.collateral.rules import RECEIVABLE_REASONS, ReceivableRules
from pactum.kinds.revolver.schema import RevolverTerms
from pactum.terms.sheet import load_term_sheet

ROOT = Path(__file__).resolve().parents[1]
SHEET = ROOT / "examples" / "innotrac" / "agreements" / "southtrust-abl.yaml"
AS_OF = date(2024, 6, 30)

AGING_COLUMNS = ("invoice_id", "debtor_id", "invoice_date", "due_date", "open_balance")
PAYABLE_COLUMNS = ("debtor_id", "payable_balance")
INVENTORY_COLUMNS = ("sku", "location", "class", "status", "cost")

# the `eligibility: receivables:` terms of southtrust-abl.yaml, as plain values
SOUTHTRUST_RECEIVABLES: dict[str, Any] = {
    "max_days_from_invoice": 90,
    "max_days_past_due": 60,
    "cross_age_percent": "0.50",
    "foreign": True,
    "home_countries": ["US"],
    "affiliate": True,
    "government": True,
    "flags": ["disputed", "bill_and_hold", "consignment", "progress_billing"],
    "contra": True,
    "concentration_percent": "0.25",
}


@pytest.fixture(scope="session", params=ENGINES, name="engine")
def engine_fixture(request: pytest.FixtureRequest) -> Engine:
    """Each engine in turn; the Spark session is started once for the whole run."""
    engine: Engine = request.param
    if engine == "spark":
        spark_session()
    return engine


def rules(**changes: Any) -> ReceivableRules:
    """The SouthTrust receivable rules, with `changes` (None switches a rule off)."""
    return ReceivableRules.model_validate({**SOUTHTRUST_RECEIVABLES, **changes})


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    """A CSV with `header` on row 1 and `rows` from row 2 (quoted only where needed)."""
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def buckets(**nonzero: str) -> dict[str, Decimal]:
    """Every reason of the waterfall, in order: zero unless given."""
    for reason in nonzero:
        assert reason in RECEIVABLE_REASONS, reason
    return {reason: Decimal(nonzero.get(reason, "0.00")) for reason in RECEIVABLE_REASONS}


def as_dict(found: Sequence[Bucket]) -> dict[str, Decimal]:
    assert [b.reason for b in found] == list(RECEIVABLE_REASONS)
    return {b.reason: b.amount for b in found}


def assert_adds_up(result: ReceivablesResult) -> None:
    """Σ buckets = gross - eligible, for the borrower and for each of its debtors."""
    assert sum(result.bucket(r) for r in RECEIVABLE_REASONS) == result.gross - result.eligible
    for line in result.debtors:
        total = sum((b.amount for b in line.buckets), Decimal(0))
        assert total == line.gross - line.eligible, line.debtor_id
    if result.debtors:
        assert sum(line.gross for line in result.debtors) == result.gross
        assert sum(line.eligible for line in result.debtors) == result.eligible
        assert sum(line.invoices for line in result.debtors) == result.rows


def debtor(result: ReceivablesResult, debtor_id: str) -> DebtorLine:
    found = [line for line in result.debtors if line.debtor_id == debtor_id]
    assert len(found) == 1, f"{debtor_id}: {[line.debtor_id for line in result.debtors]}"
    return found[0]


def assert_debtor(
    result: ReceivablesResult,
    debtor_id: str,
    *,
    invoices: int,
    gross: str,
    eligible: str,
    unapplied: str = "0.00",
    **nonzero: str,
) -> None:
    """One debtor line: its invoice count, gross, every bucket, eligible, unapplied credits."""
    line = debtor(result, debtor_id)
    assert line.invoices == invoices, debtor_id
    assert line.gross == Decimal(gross), debtor_id
    assert as_dict(line.buckets) == buckets(**nonzero), debtor_id
    assert line.eligible == Decimal(eligible), debtor_id
    assert line.unapplied_credits == Decimal(unapplied), debtor_id


@cache
def southtrust() -> RevolverTerms:
    """The SouthTrust term sheet, loaded once."""
    [facility] = load_term_sheet(SHEET).clauses_of("revolver")
    return facility.terms_as(RevolverTerms)
