"""The collateral engine compiles each step of its plan to SQL once per plan (the rules, the
date, the input's schema) and reuses it: a second run over an aging compiles nothing, and a
run on another date or under other rules compiles its own and gets its own figures.

The aging: invoice i1 of debtor d1, dated 2024-03-01, due 2024-04-01, $100.00; invoice i2 of
debtor d2, dated 2024-05-01, due 2024-05-31, $300.00. The SouthTrust rules without the
concentration limit: more than 90 days from the invoice date or 60 past due is aged.

- at 2024-06-30: i1 is dated before 2024-06-30 - 90 days = 2024-04-01, aged; i2 (due after
  2024-06-30 - 60 = 2024-05-01) is not: eligible $300.00, aged $100.00;
- at 2024-05-15: the cut-offs are 2024-02-15 (invoice date) and 2024-03-16 (due date), both
  invoices are within them: eligible $400.00;
- at 2024-06-30 with 150 days from the invoice (cut-off 2024-02-01) and no past-due rule:
  eligible $400.00.
"""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import ibis
import pytest

from collateral_support import AGING_COLUMNS, PAYABLE_COLUMNS, as_dict, rules, write_csv
from pactum.collateral import engines, plan_store
from pactum.collateral.plan_store import PLAN_CACHE, store_folder
from pactum.collateral.receivables import receivables_results

LATER, EARLIER = date(2024, 6, 30), date(2024, 5, 15)


def test_a_plan_is_compiled_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    aging = write_csv(
        tmp_path / "aging.csv",
        AGING_COLUMNS,
        [
            ("i1", "d1", "2024-03-01", "2024-04-01", "100.00"),
            ("i2", "d2", "2024-05-01", "2024-05-31", "300.00"),
        ],
    )
    compiled: list[object] = []
    to_sql = ibis.to_sql

    def counted(expr: Any, **options: Any) -> Any:
        compiled.append(expr)
        return to_sql(expr, **options)

    monkeypatch.setattr(ibis, "to_sql", counted)
    monkeypatch.setenv(PLAN_CACHE, "off")  # what one process compiles, whatever earlier ones did
    unlimited = rules(concentration_percent=None)

    def eligible(on: date, rules_used: Any = unlimited) -> tuple[Decimal, Decimal]:
        (result,) = receivables_results(aging, None, rules_used, on, with_debtors=True).values()
        return result.eligible, as_dict(result.buckets)["aged"]

    assert eligible(LATER) == (Decimal("300.00"), Decimal("100.00"))
    first = len(compiled)
    assert eligible(LATER) == (Decimal("300.00"), Decimal("100.00"))
    assert len(compiled) == first  # the same plan again: nothing compiled
    assert eligible(EARLIER) == (Decimal("400.00"), Decimal("0.00"))
    assert len(compiled) > first  # another date: its own plan
    again = len(compiled)
    looser = rules(concentration_percent=None, max_days_from_invoice=150, max_days_past_due=None)
    assert eligible(LATER, looser) == (Decimal("400.00"), Decimal("0.00"))
    assert len(compiled) > again  # other rules: their own plan


def test_runs_on_the_one_database_see_only_their_own_files(tmp_path: Path) -> None:
    """The process keeps one DuckDB database; each run has its own connection, so a run
    without payables never reads the previous run's. Debtor d1 owes $100.00 (invoice dated
    2024-06-01, not aged at 2024-06-30); the borrower owes d1 $40.00: with the payables,
    contra $40.00 and eligible $60.00; the same aging alone again, eligible $100.00."""
    aging = write_csv(
        tmp_path / "aging.csv", AGING_COLUMNS, [("i1", "d1", "2024-06-01", "2024-07-01", "100.00")]
    )
    payables = write_csv(tmp_path / "payables.csv", PAYABLE_COLUMNS, [("d1", "40.00")])
    unlimited = rules(concentration_percent=None)
    (with_payables,) = receivables_results(aging, payables, unlimited, LATER).values()
    assert with_payables.eligible == Decimal("60.00")
    assert as_dict(with_payables.buckets)["contra"] == Decimal("40.00")
    (alone,) = receivables_results(aging, None, unlimited, LATER).values()
    assert alone.eligible == Decimal("100.00")
    assert as_dict(alone.buckets)["contra"] == Decimal("0.00")


def _two_invoices(folder: Path) -> Path:
    return write_csv(
        folder / "aging.csv",
        AGING_COLUMNS,
        [
            ("i1", "d1", "2024-03-01", "2024-04-01", "100.00"),
            ("i2", "d2", "2024-05-01", "2024-05-31", "300.00"),
        ],
    )


def _eligible_and_aged(aging: Path) -> tuple[Decimal, Decimal]:
    (result,) = receivables_results(aging, None, rules(concentration_percent=None), LATER).values()
    return result.eligible, as_dict(result.buckets)["aged"]


def test_a_plan_compiled_by_one_run_is_read_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    aging, store = _two_invoices(tmp_path), tmp_path / "plans"
    monkeypatch.setenv(PLAN_CACHE, str(store))
    monkeypatch.setattr(engines, "_PLANNED", {})  # a new process: nothing compiled yet
    assert _eligible_and_aged(aging) == (Decimal("300.00"), Decimal("100.00"))
    assert sorted(p.suffix for p in store.iterdir()) == [".sql"] * len(list(store.iterdir()))
    assert list(store.iterdir())  # every step's SQL, and no temporary file left

    # the next process reads them: compiling anything would fail
    def refused(expr: Any, **options: Any) -> Any:
        raise AssertionError("compiled a stored plan again")

    monkeypatch.setattr(engines, "_PLANNED", {})
    monkeypatch.setattr(ibis, "to_sql", refused)
    assert _eligible_and_aged(aging) == (Decimal("300.00"), Decimal("100.00"))

    # other code (a changed collateral package, another Ibis): the stored plans are not read
    monkeypatch.setattr(engines, "_PLANNED", {})
    monkeypatch.setattr(plan_store, "_code", lambda: "other code")
    with pytest.raises(AssertionError, match="compiled a stored plan again"):
        _eligible_and_aged(aging)


def test_a_store_that_cannot_be_written_or_is_off_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    aging = _two_invoices(tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    monkeypatch.setenv(PLAN_CACHE, str(blocker / "plans"))  # no folder can be made there
    monkeypatch.setattr(engines, "_PLANNED", {})
    assert _eligible_and_aged(aging) == (Decimal("300.00"), Decimal("100.00"))
    assert blocker.read_text() == "not a folder\n"
    for off in ("off", "", " "):
        monkeypatch.setenv(PLAN_CACHE, off)
        assert store_folder() is None
    monkeypatch.delenv(PLAN_CACHE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert store_folder() == tmp_path / "cache" / "pactum" / "plans"
    # no home folder known at all: no store, and the run goes on
    monkeypatch.delenv("XDG_CACHE_HOME")

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", no_home)
    assert store_folder() is None
    monkeypatch.setattr(engines, "_PLANNED", {})
    assert _eligible_and_aged(aging) == (Decimal("300.00"), Decimal("100.00"))
    # a library whose version cannot be read: nothing is stored or read
    monkeypatch.setenv(PLAN_CACHE, str(tmp_path / "plans"))
    monkeypatch.setattr(plan_store, "_code", lambda: None)
    monkeypatch.setattr(engines, "_PLANNED", {})
    assert _eligible_and_aged(aging) == (Decimal("300.00"), Decimal("100.00"))
    assert not (tmp_path / "plans").exists()


def test_only_a_key_of_plain_values_is_stored() -> None:
    # the key is written as text that is the same in every process: an object's default
    # text names its address, which is not
    assert plan_store._written(("receivables", LATER, (("a", "VARCHAR"),), True, 3)) == (
        "('receivables',datetime.date(2024, 6, 30),(('a','VARCHAR')),True,3)"
    )
    assert plan_store._written(("receivables", object())) is None


def test_the_store_keeps_the_plans_used_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # at most four plans: storing a fifth prunes to three, the least recently used going
    # first; reading a plan counts as using it
    monkeypatch.setenv(PLAN_CACHE, str(tmp_path))
    monkeypatch.setattr(plan_store, "KEPT_PLANS", 4)
    for number in range(4):
        plan_store.store_sql(("plan", number), f"SELECT {number}")
        stored = tmp_path / next(
            p.name for p in tmp_path.glob("*.sql") if p.read_text() == f"SELECT {number}"
        )
        os.utime(stored, ns=(number * 10**9, number * 10**9))  # stored in this order
    assert plan_store.stored_sql(("plan", 0)) == "SELECT 0"  # used now: the newest
    plan_store.store_sql(("plan", 4), "SELECT 4")
    kept = {p.read_text() for p in tmp_path.glob("*.sql")}
    assert kept == {"SELECT 0", "SELECT 3", "SELECT 4"}
    assert plan_store.stored_sql(("plan", 1)) is None
