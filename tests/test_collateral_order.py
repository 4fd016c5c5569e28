"""A term sheet that reorders the waterfall: each dollar then goes to the first reason in the
sheet's order. Worked by hand on one debtor that is foreign and has an aged invoice."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from collateral_support import AGING_COLUMNS, AS_OF, SHEET, assert_adds_up, rules, write_csv
from collateral_support import engine_fixture as engine_fixture
from pactum.cli import app
from pactum.collateral.engines import Engine
from pactum.collateral.receivables import receivables_results
from pactum.collateral.rules import STANDARD_ORDER


def aging(tmp_path: Path) -> Path:
    # debtor CA1 (Canada): 500.00 invoiced 2024-02-01 (aged: more than 90 days before
    # 2024-06-30) and 700.00 invoiced 2024-06-01 (current); debtor US1: 1,000.00 current
    return write_csv(
        tmp_path / "aging.csv",
        (*AGING_COLUMNS, "country"),
        [
            ("1", "CA1", "2024-02-01", "2024-03-01", "500.00", "CA"),
            ("2", "CA1", "2024-06-01", "2024-07-01", "700.00", "CA"),
            ("3", "US1", "2024-06-01", "2024-07-01", "1000.00", "US"),
        ],
    )


def test_foreign_before_aged(tmp_path: Path, engine: Engine) -> None:
    path = aging(tmp_path)
    standard = receivables_results(path, None, rules(concentration_percent=None), AS_OF, engine)
    # the standard order: aged 500.00, then foreign takes the rest of CA1, 700.00
    assert (standard[""].bucket("aged"), standard[""].bucket("foreign")) == (
        Decimal("500.00"),
        Decimal("700.00"),
    )
    order = ["credit_balances", "foreign", *[s for s in STANDARD_ORDER[1:] if s != "foreign"]]
    reordered = receivables_results(
        path, None, rules(concentration_percent=None, order=order), AS_OF, engine
    )[""]
    # foreign first: all of CA1's 1,200.00 is foreign; nothing is left to count as aged
    assert (reordered.bucket("aged"), reordered.bucket("foreign")) == (
        Decimal("0.00"),
        Decimal("1200.00"),
    )
    assert reordered.eligible == Decimal("1000.00")  # US1
    assert_adds_up(reordered)


def test_an_order_that_leaves_out_a_step(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.yaml"
    text = SHEET.read_text(encoding="utf-8")
    anchor = "\n      inventory:\n        ineligible_statuses:"
    assert text.count(anchor) == 1
    sheet.write_text(
        text.replace(anchor, "\n        order: [credit_balances, aged]" + anchor),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app,
        [
            "collateral",
            "--agreement",
            str(sheet),
            "--as-of",
            "2024-06-30",
            "--receivables",
            str(aging(tmp_path)),
        ],
    )
    assert result.exit_code == 2
    [line] = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert (
        "facility.eligibility.receivables.order: found credit_balances, aged; expected each of"
        in line
    )
