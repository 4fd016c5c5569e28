"""The eligibility rules as credit agreements write them, on DuckDB and on Spark: cross-aging
"more than" or "at least" X%, concentration on total or on eligible accounts, named debtors'
own limits, exemptions for a class of accounts, and a debtor capped relative to the borrowing
base (solved exactly). Every figure is worked out by hand in the comments.

As of 2024-06-30 (SouthTrust terms unless changed): an invoice dated 2024-01-02 (due
2024-02-01) is aged (more than 90 days from its date); one dated 2024-06-01 is fresh.
"""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from collateral_support import (
    AGING_COLUMNS,
    AS_OF,
    SHEET,
    as_dict,
    assert_adds_up,
    assert_debtor,
    buckets,
    rules,
    southtrust,
    write_csv,
)
from collateral_support import engine_fixture as engine_fixture
from pactum.cli import app
from pactum.collateral.engines import Engine
from pactum.collateral.receivables import receivables_results
from pactum.collateral.rules import Eligibility
from pactum.facts.dated_snapshots import Dated, DatedFacts
from pactum.facts.events import AgreementEvents
from pactum.kinds.revolver import borrowing_base

FRESH, DUE = "2024-06-01", "2024-07-01"
OLD, OLD_DUE = "2024-01-02", "2024-02-01"


def run(path: Path, engine: Engine, **changes: Any) -> Any:
    return receivables_results(path, None, rules(**changes), AS_OF, engine, with_debtors=True)[""]


def test_cross_aging_exactly_at_the_threshold(tmp_path: Path, engine: Engine) -> None:
    # A: aged 50.00 of 100.00 = exactly 50%. "More than 50%": not cross-aged, eligible 50.00;
    # "50% or more" (at least): cross-aged, the fresh 50.00 goes too, eligible 0.00.
    aging = write_csv(
        tmp_path / "aging.csv",
        AGING_COLUMNS,
        [("a1", "A", OLD, OLD_DUE, "50.00"), ("a2", "A", FRESH, DUE, "50.00")],
    )
    more_than = run(aging, engine, concentration_percent=None)
    assert as_dict(more_than.buckets) == buckets(aged="50.00")
    assert more_than.eligible == Decimal("50.00")
    at_least = run(aging, engine, concentration_percent=None, cross_age_comparison="at_least")
    assert as_dict(at_least.buckets) == buckets(aged="50.00", cross_aged="50.00")
    assert at_least.eligible == Decimal("0.00")
    assert_adds_up(at_least)


CONCENTRATED = [
    ("d1", "D1", FRESH, DUE, "400.00", "Big Co"),
    ("d2", "D2", FRESH, DUE, "100.00", "Small Co"),
    ("d3", "D3", OLD, OLD_DUE, "500.00", "Late Co"),
]


def test_concentration_on_total_or_on_eligible_accounts(tmp_path: Path, engine: Engine) -> None:
    aging = write_csv(tmp_path / "aging.csv", (*AGING_COLUMNS, "debtor_name"), CONCENTRATED)
    # eligible accounts: 400 + 100 remain after D3's 500 aged; 25% of 500 = 125.00:
    # D1 concentration 275.00, eligible 125 + 100 = 225.00
    on_eligible = run(aging, engine)
    assert as_dict(on_eligible.buckets) == buckets(aged="500.00", concentration="275.00")
    assert on_eligible.eligible == Decimal("225.00")
    # total accounts: gross 1000.00, 25% = 250.00: D1 concentration 150.00, eligible 350.00
    on_total = run(aging, engine, concentration_base="total_accounts")
    assert as_dict(on_total.buckets) == buckets(aged="500.00", concentration="150.00")
    assert on_total.eligible == Decimal("350.00")
    assert_debtor(
        on_total, "D1", invoices=1, gross="400.00", eligible="250.00", concentration="150.00"
    )
    for result in (on_eligible, on_total):
        assert_adds_up(result)


def test_named_debtors_own_limits(tmp_path: Path, engine: Engine) -> None:
    aging = write_csv(tmp_path / "aging.csv", (*AGING_COLUMNS, "debtor_name"), CONCENTRATED)
    # D1 at its own 45% of total accounts (1000.00): cap 450.00, above its 400.00: eligible
    # 400 + 100 = 500.00. A debtor limit for a debtor not in the file changes nothing.
    own = run(
        aging,
        engine,
        concentration_base="total_accounts",
        debtor_limits=[
            {"debtor": "NOBODY", "concentration_percent": "0.10"},
            {"debtor": "D1", "concentration_percent": "0.45"},
        ],
    )
    assert as_dict(own.buckets) == buckets(aged="500.00")
    assert own.eligible == Decimal("500.00")
    assert own.limited_eligible == (Decimal("0.00"), Decimal("400.00"))
    # named by debtor_name, 45% and at most 300.00: the lesser, 300.00: concentration 100.00;
    # D2 keeps the general 25% cap (250.00), above its 100.00
    both = run(
        aging,
        engine,
        concentration_base="total_accounts",
        debtor_limits=[
            {
                "debtor": "Big Co",
                "column": "debtor_name",
                "concentration_percent": "0.45",
                "concentration_amount": "300.00",
            }
        ],
    )
    assert as_dict(both.buckets) == buckets(aged="500.00", concentration="100.00")
    assert both.eligible == Decimal("400.00")
    assert_debtor(both, "D1", invoices=1, gross="400.00", eligible="300.00", concentration="100.00")
    # no general percentage: only the named debtor is capped (10% of eligible 500 = 50.00)
    alone = run(
        aging,
        engine,
        concentration_percent=None,
        debtor_limits=[{"debtor": "D2", "concentration_percent": "0.10"}],
    )
    assert as_dict(alone.buckets) == buckets(aged="500.00", concentration="50.00")
    assert alone.eligible == Decimal("450.00")
    for result in (own, both, alone):
        assert_adds_up(result)


def test_an_exclusion_that_spares_a_class(tmp_path: Path, engine: Engine) -> None:
    # E1 (insured) and E2 are both aged; the aged rule spares insured accounts: aged 100.00
    # (E2), E1's 200.00 eligible; E3 is disputed and insured, but only aging spares insured
    # accounts: disputed 30.00. Gross 330.00, eligible 200.00.
    aging = write_csv(
        tmp_path / "aging.csv",
        (*AGING_COLUMNS, "account_class", "disputed"),
        [
            ("e1", "E1", OLD, OLD_DUE, "200.00", "insured", ""),
            ("e2", "E2", OLD, OLD_DUE, "100.00", "", ""),
            ("e3", "E3", FRESH, DUE, "30.00", "insured", "true"),
        ],
    )
    found = run(
        aging,
        engine,
        concentration_percent=None,
        exemptions=[{"rule": "aged", "account_classes": ["insured"]}],
    )
    assert as_dict(found.buckets) == buckets(aged="100.00", disputed="30.00")
    assert found.eligible == Decimal("200.00")
    assert_debtor(found, "E1", invoices=1, gross="200.00", eligible="200.00")
    assert_adds_up(found)
    # without the exemption E1 is aged too
    plain = run(aging, engine, concentration_percent=None)
    assert as_dict(plain.buckets) == buckets(aged="300.00", disputed="30.00")


def base_cap_sheet() -> Any:
    sheet = southtrust()
    assert sheet.eligibility is not None
    receivables = sheet.eligibility.receivables.model_copy(
        update={
            "debtor_limits": rules(
                debtor_limits=[{"debtor": "BIG", "borrowing_base_percent": "0.30"}]
            ).debtor_limits
        }
    )
    eligibility = Eligibility(receivables=receivables, inventory=sheet.eligibility.inventory)
    return sheet.model_copy(update={"eligibility": eligibility})


def facts(eligible: str, big: str) -> DatedFacts:
    on = date(2024, 6, 30)
    return DatedFacts(
        {
            "receivables_eligible": [Dated(on, Decimal(eligible))],
            "receivables_eligible:limit:0": [Dated(on, Decimal(big))],
            "inventory_eligible": [Dated(on, Decimal("200.00"))],
        }
    )


def test_a_debtor_capped_relative_to_the_borrowing_base() -> None:
    """BIG's eligible accounts at most 30% of the borrowing base; r = 85%, inventory advance
    I = 200.00 x 50% = 100.00.

    BIG 600.00 of 1000.00: uncapped base 850 + 100 = 950.00, 30% = 285.00 < 600: capped.
    Others E = 400.00; x = 0.30 (0.85 x 400 + 100) / (1 - 0.30 x 0.85) = 132 / 0.745
    = 177.1812... -> 177.18. Check: base = round(0.85 x 577.18 = 490.603) + 100 = 590.60,
    30% = 177.18 >= 177.18; 177.19 would give round(490.6115) + 100 = 590.61, 30% = 177.183
    < 177.19. Cap 600 - 177.18 = 422.82; receivables advance 490.60; base 590.60."""
    found = borrowing_base.compute(
        base_cap_sheet(), facts("1000.00", "600.00"), DatedFacts(), AgreementEvents(""), AS_OF
    )
    assert found.get("borrowing_base_cap").value == Decimal("422.82")
    assert found.get("receivables_advance").value == Decimal("490.60")
    assert found.get("borrowing_base").value == Decimal("590.60")
    trace = found.get("borrowing_base_cap").trace
    assert trace is not None and dict(trace.inputs)["x (allowed)"] == "177.18"
    # BIG 200.00: 200 <= 30% of 950.00 = 285.00: nothing capped, base 950.00
    under = borrowing_base.compute(
        base_cap_sheet(), facts("1000.00", "200.00"), DatedFacts(), AgreementEvents(""), AS_OF
    )
    assert under.get("borrowing_base_cap").value == Decimal("0.00")
    assert under.get("borrowing_base").value == Decimal("950.00")


def test_the_capped_debtors_eligible_from_the_engine(tmp_path: Path, engine: Engine) -> None:
    # BIG 600.00 and OTHER 400.00, no concentration: the engine gives BIG's eligible 600.00
    aging = write_csv(
        tmp_path / "aging.csv",
        AGING_COLUMNS,
        [("b1", "BIG", FRESH, DUE, "600.00"), ("o1", "OTHER", FRESH, DUE, "400.00")],
    )
    found = run(
        aging,
        engine,
        concentration_percent=None,
        debtor_limits=[{"debtor": "BIG", "borrowing_base_percent": "0.30"}],
    )
    assert found.eligible == Decimal("1000.00")
    assert found.limited_eligible == (Decimal("600.00"),)


LIMIT = """        debtor_limits:
          - debtor: {value: bellsouth, assumed: a test}
            column: {value: COLUMN, assumed: a test}
            concentration_percent: {value: 0.40, assumed: a test}
      inventory:
        ineligible_statuses:"""


def sheet_with_limit(folder: Path, column: str) -> Path:
    shutil.copytree(SHEET.parents[1], folder / "innotrac")
    path = folder / "innotrac" / "agreements" / SHEET.name
    text = path.read_text(encoding="utf-8")
    anchor = "      inventory:\n        ineligible_statuses:"
    assert text.count(anchor) == 1
    path.write_text(text.replace(anchor, LIMIT.replace("COLUMN", column)), encoding="utf-8")
    return path


def collateral(sheet: Path, aging: Path) -> Any:
    return CliRunner().invoke(
        app,
        [
            "collateral",
            "--agreement",
            str(sheet),
            "--as-of",
            "2024-06-30",
            "--receivables",
            str(aging),
        ],
    )


def test_a_limit_naming_an_unknown_debtor_column(tmp_path: Path) -> None:
    aging = write_csv(tmp_path / "aging.csv", AGING_COLUMNS, [("i1", "D1", FRESH, DUE, "1.00")])
    result = collateral(sheet_with_limit(tmp_path, "customer"), aging)
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "Traceback" not in result.output, result.stderr
    assert "southtrust-abl.yaml" in errors[0] and "debtor_limits" in errors[0], errors[0]
    assert "column" in errors[0] and "'customer'" in errors[0], errors[0]
    # at the line the column is written on
    sheet = (tmp_path / "innotrac" / "agreements" / SHEET.name).read_text(encoding="utf-8")
    [line] = [
        n for n, text in enumerate(sheet.splitlines(), 1) if "column: {value: customer" in text
    ]
    assert f".yaml:line {line}: " in errors[0], errors[0]


def test_a_limit_by_debtor_name_needs_the_column(tmp_path: Path) -> None:
    aging = write_csv(tmp_path / "aging.csv", AGING_COLUMNS, [("i1", "D1", FRESH, DUE, "1.00")])
    result = collateral(sheet_with_limit(tmp_path, "debtor_name"), aging)
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors == [
        f"error: {aging}:row 1: debtor_name: found no such column; expected a debtor_name "
        "column: the sheet's debtor_limits[0] names its debtor by it"
    ], result.stderr


def test_aging_from_the_due_date_alone(tmp_path: Path, engine: Engine) -> None:
    # As of 2024-06-30, "more than 60 days past due" and no limit from the invoice date:
    # a1 (invoiced 2024-01-02, due 2024-05-01) is exactly 60 days past due: eligible although
    # 180 days from its invoice; a2 (invoiced 2024-03-01, due 2024-04-30) is 61 days past due:
    # aged. 50.00 of 150.00 is not more than 50%: no cross-aging. Eligible 100.00.
    aging = write_csv(
        tmp_path / "aging.csv",
        AGING_COLUMNS,
        [
            ("a1", "A", "2024-01-02", "2024-05-01", "100.00"),
            ("a2", "A", "2024-03-01", "2024-04-30", "50.00"),
        ],
    )
    due_only = run(aging, engine, concentration_percent=None, max_days_from_invoice=None)
    assert as_dict(due_only.buckets) == buckets(aged="50.00")
    assert due_only.eligible == Decimal("100.00")
    # both rules (SouthTrust's 90 days from the invoice too): a1 (180 days) and a2 (121 days)
    # are aged: eligible 0.00
    both = run(aging, engine, concentration_percent=None)
    assert as_dict(both.buckets) == buckets(aged="150.00")
    assert both.eligible == Decimal("0.00")
    assert_adds_up(due_only)
