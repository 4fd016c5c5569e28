"""Inventory from SKU-level listings, and the certificate's arithmetic, on DuckDB and Spark.

SouthTrust: ineligible statuses work_in_process, consigned, in_transit, slow_moving; eligible
inventory by class `general` (50%) and `bellsouth` (65% once a `bellsouth_consent` event is
recorded, 50% before); inventory advance capped at $20,000,000; receivables at 85%; line cap
the lesser of the $40,000,000 commitment and the borrowing base. Figures worked out by hand.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from collateral_support import (
    AGING_COLUMNS,
    AS_OF,
    INVENTORY_COLUMNS,
    southtrust,
    write_csv,
)
from collateral_support import engine_fixture as engine_fixture
from pactum.collateral.eligible import eligible_facts
from pactum.collateral.engines import Engine, open_tables
from pactum.collateral.inventory import inventory_on
from pactum.collateral.results import InventoryResult
from pactum.collateral.rules import InventoryRules
from pactum.errors import InputError
from pactum.facts.dated_snapshots import load_loans_by_borrower
from pactum.facts.events import Event, Events
from pactum.kinds.revolver import borrowing_base
from pactum.kinds.revolver.certificate import run_certificates, to_json
from pactum.kinds.revolver.schema import ConsentEvent

STATUSES = ["work_in_process", "consigned", "in_transit", "slow_moving"]


def amounts(result: InventoryResult) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """The ineligible buckets and the eligible classes, in order."""
    return (
        {b.reason: b.amount for b in result.buckets},
        {b.reason: b.amount for b in result.eligible_by_class},
    )


def test_statuses_and_classes(tmp_path: Path, engine: Engine) -> None:
    listing = write_csv(
        tmp_path / "inventory.csv",
        ("borrower_id", *INVENTORY_COLUMNS),
        [
            ("north", "S1", "ATL", "general", "available", "1000.00"),
            ("north", "S2", "ATL", "general", "work_in_process", "200.00"),
            ("north", "S3", "ATL", "bellsouth", "consigned", "300.00"),
            ("north", "S4", "DAL", "general", "in_transit", "400.00"),
            ("north", "S5", "DAL", "bellsouth", "slow_moving", "500.00"),
            ("north", "S6", "ATL", "bellsouth", "available", "2000.50"),
            ("north", "S7", "ATL", "general", "available", "0.00"),
            ("north", "S8", "DAL", "general", "slow_moving", "0.01"),
            ("south", "S1", "ATL", "general", "available", "10.00"),
            ("south", "S2", "ATL", "bellsouth", "in_transit", "5.00"),
        ],
    )
    sheet = southtrust()
    assert sheet.eligibility is not None
    sheet_rules = sheet.eligibility.inventory
    assert sheet_rules.ineligible_statuses.value == STATUSES
    narrow = InventoryRules.model_validate({"ineligible_statuses": ["damaged", "in_transit"]})
    with open_tables(engine) as tables:
        found = inventory_on(tables, listing, sheet_rules, ["bellsouth"])
        other = inventory_on(tables, listing, narrow, ["bellsouth"])
    assert list(found) == ["north", "south"]
    north, south = found["north"], found["south"]
    # north: gross 1000 + 200 + 300 + 400 + 500 + 2000.50 + 0 + 0.01 = 4400.51
    # eligible general 1000.00 + 0.00, bellsouth 2000.50; 4400.51 - 3000.50 = 1400.01
    # = 200 + 300 + 400 + 500.01
    assert (north.rows, north.gross, north.eligible) == (8, Decimal("4400.51"), Decimal("3000.50"))
    assert amounts(north) == (
        {
            "work_in_process": Decimal("200.00"),
            "consigned": Decimal("300.00"),
            "in_transit": Decimal("400.00"),
            "slow_moving": Decimal("500.01"),
        },
        {"general": Decimal("1000.00"), "bellsouth": Decimal("2000.50")},
    )
    # south: the same SKUs, another borrower: in transit 5.00, general 10.00
    assert (south.rows, south.gross, south.eligible) == (2, Decimal("15.00"), Decimal("10.00"))
    assert amounts(south) == (
        {
            "work_in_process": Decimal("0.00"),
            "consigned": Decimal("0.00"),
            "in_transit": Decimal("5.00"),
            "slow_moving": Decimal("0.00"),
        },
        {"general": Decimal("10.00"), "bellsouth": Decimal("0.00")},
    )
    # other statuses: only damaged and in_transit are ineligible. north: in transit 400;
    # general 1000 + 200 + 0 + 0.01 = 1200.01, bellsouth 300 + 500 + 2000.50 = 2800.50
    assert amounts(other["north"]) == (
        {"damaged": Decimal("0.00"), "in_transit": Decimal("400.00")},
        {"general": Decimal("1200.01"), "bellsouth": Decimal("2800.50")},
    )
    assert other["north"].gross == Decimal("4400.51")


def test_unknown_class_is_bad_input(tmp_path: Path, engine: Engine) -> None:
    listing = write_csv(
        tmp_path / "inventory.csv",
        INVENTORY_COLUMNS,
        [
            ("S1", "ATL", "general", "available", "1.00"),
            ("S2", "ATL", "bellsouth", "available", "1.00"),
            ("S3", "ATL", "electronics", "available", "1.00"),  # row 4
        ],
    )
    sheet = southtrust()
    assert sheet.eligibility is not None
    with open_tables(engine) as tables, pytest.raises(InputError) as caught:
        inventory_on(tables, listing, sheet.eligibility.inventory, ["bellsouth"])
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.unit, problem.field) == (listing, 4, "row", "class")
    assert "electronics" in problem.found
    assert "general" in problem.expected
    assert "bellsouth" in problem.expected


def test_certificates(tmp_path: Path, engine: Engine) -> None:
    fresh, due = "2024-06-01", "2024-07-01"
    aging = write_csv(
        tmp_path / "aging.csv",
        ("borrower_id", *AGING_COLUMNS),
        # a: five debtors of 200.02: eligible 1000.10 (cap 25% of 1000.10 = 250.025 -> 250.02,
        # none above it). b: five of 10,000,000.00: eligible 50,000,000.00 (cap 12,500,000).
        [("a", f"a{i}", f"A{i}", fresh, due, "200.02") for i in range(1, 6)]
        + [("b", f"b{i}", f"B{i}", fresh, due, "10000000.00") for i in range(1, 6)],
    )
    listing = write_csv(
        tmp_path / "inventory.csv",
        ("borrower_id", *INVENTORY_COLUMNS),
        [
            ("a", "g1", "ATL", "general", "available", "1000.01"),
            ("a", "g2", "ATL", "general", "consigned", "999.99"),
            ("a", "b1", "ATL", "bellsouth", "available", "2000.00"),
            ("b", "g1", "ATL", "general", "available", "30000000.00"),
            ("b", "b1", "ATL", "bellsouth", "available", "12000000.02"),
        ],
    )
    loans_file = write_csv(
        tmp_path / "loans.csv",
        ("borrower_id", "as_of", "revolver_outstanding", "letters_of_credit", "reserves"),
        [
            (who, *row)
            for who in ("a", "b")
            for row in (
                ("2024-06-01", "1000.00", "100.00", "50.00"),
                ("2024-07-01", "9999.00", "0.00", "0.00"),
            )
        ],
    )
    sheet = southtrust()
    loans = load_loans_by_borrower(loans_file)
    run = run_certificates(sheet, AS_OF, aging, None, listing, engine, loans)
    assert run.warnings == ()
    assert [c.borrower_id for c in run.certificates] == ["a", "b"]
    a, b = run.certificates
    # a: receivables 1000.10 x 85% = 850.085 -> 850.09 (half up);
    # inventory 1000.01 x 50% + 2000.00 x 50% (no consent event: the rate before it)
    # = 500.005 + 1000.00 = 1500.005 -> 1500.01, under the cap;
    # borrowing base 850.09 + 1500.01 = 2350.10 = line cap (below the commitment);
    # availability 2350.10 - 1000.00 - 100.00 - 50.00 = 1200.10 (loans of 2024-06-01)
    assert a.receivables is not None and a.inventory is not None
    assert a.receivables.eligible == Decimal("1000.10")
    assert a.inventory.eligible == Decimal("3000.01")
    assert a.figure("receivables_advance") == Decimal("850.09")
    assert a.figure("inventory_advance") == Decimal("1500.01")
    assert a.figure("borrowing_base") == Decimal("2350.10")
    assert a.figure("line_cap") == Decimal("2350.10")
    assert a.figure("availability") == Decimal("1200.10")
    assert a.loans_known
    # the class by its title, not the condition's id (no internal names on a certificate)
    assert any(
        w.startswith("Eligible BellSouth inventory: whether its condition") for w in a.warnings
    )
    # b: receivables 42,500,000.00; inventory 15,000,000 + 6,000,000.01 = 21,000,000.01,
    # capped at 20,000,000.00; borrowing base 62,500,000.00; line cap the commitment
    # 40,000,000.00; availability 40,000,000 - 1,150 = 39,998,850.00
    assert b.figure("receivables_advance") == Decimal("42500000.00")
    assert b.figure("inventory_advance") == Decimal("20000000.00")
    assert b.figure("borrowing_base") == Decimal("62500000.00")
    assert b.figure("line_cap") == Decimal("40000000.00")
    assert b.figure("availability") == Decimal("39998850.00")

    document = to_json(run)
    assert document["schema"] == "pactum.collateral/1"
    assert document["engine"] == engine
    first = document["borrowers"][0]
    assert first["availability"] == "1200.10"
    assert first["inventory"]["eligible_by_class"] == [
        {"reason": "general", "amount": "1000.01"},
        {"reason": "bellsouth", "amount": "2000.00"},
    ]
    assert first["inventory"]["ineligible"][1] == {"reason": "consigned", "amount": "999.99"}

    # with BellSouth's consent recorded on or before the as-of date, bellsouth is at 65%:
    # 500.005 + 2000.00 x 65% = 500.005 + 1300.00 = 1800.005 -> 1800.01
    consent = Event(
        AS_OF,
        "southtrust-abl",
        "consent",
        {"condition": "bellsouth_consent"},
        tmp_path / "events.yaml",
        1,
        data=ConsentEvent(condition="bellsouth_consent"),
    )
    facts = eligible_facts(AS_OF, a.receivables, a.inventory)
    consented = borrowing_base.compute(
        sheet, facts, loans["a"], Events([consent]).for_agreement("southtrust-abl"), AS_OF
    )
    assert consented.get("inventory_advance").value == Decimal("1800.01")
    assert consented.get("borrowing_base").value == Decimal("2650.10")


def test_certificate_without_loans_has_no_availability(tmp_path: Path, engine: Engine) -> None:
    """No loans: the certificate gives the borrowing base and line cap, no availability."""
    aging = write_csv(
        tmp_path / "aging.csv",
        AGING_COLUMNS,
        [(str(i), f"D{i}", "2024-06-01", "2024-07-01", "100.00") for i in range(1, 5)],
    )
    listing = write_csv(
        tmp_path / "inventory.csv",
        INVENTORY_COLUMNS,
        [("g1", "ATL", "general", "available", "0.03")],
    )
    run = run_certificates(southtrust(), AS_OF, aging, None, listing, engine)
    [only] = run.certificates
    # four debtors of 100.00: total 400, cap 100.00, none above: eligible 400.00 -> 340.00;
    # inventory 0.03 x 50% = 0.015 -> 0.02; borrowing base 340.02
    assert only.figure("receivables_advance") == Decimal("340.00")
    assert only.figure("inventory_advance") == Decimal("0.02")
    assert only.figure("borrowing_base") == Decimal("340.02")
    assert only.figure("line_cap") == Decimal("340.02")
    assert not only.loans_known
    entry = to_json(run)["borrowers"][0]
    assert "availability" not in entry
    assert (entry["borrowing_base"], entry["line_cap"]) == ("340.02", "340.02")
