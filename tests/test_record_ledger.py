"""`pactum record` keeps the revolver's per-invoice ledger (ClauseType.recorded_tables) in the
book's database, table `ledger`, beside the certificate its rows add up to.

The example's revolver has invoice detail dated 2003-11-30 (facts/receivables/2003-11-30.csv,
257 invoices). Its certificate's receivables lines, worked out by hand from the CSV files in
tests/test_borrowing_base_certificate.py's docstring:

    gross (debit balances) 37,364,542.59; credit balances 159,596.33; aged 2,946,178.55;
    cross-aged 165,873.93; foreign 719,025.10; affiliate 252,870.64; government 422,010.27;
    disputed 188,027.89; bill and hold 557,749.63; contra 292,000.00;
    concentration 9,006,931.33; eligible 22,654,278.92

so the ledger's rows by reason sum to these; its credit rows to -159,596.33 (the credits
themselves, the aging total 37,364,542.59 - 159,596.33 = 37,204,946.26 over every row).
2003-10-31 comes before the first aging, and on 2003-12-31 collateral.csv's row (dated after
the aging) gives the borrowing base: neither date has detail, so neither records a ledger row.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from bad_input_support import EXAMPLE, one_error, run
from pactum.errors import InputError
from pactum.facts.recorded import DocumentRun, record_runs

DETAIL = "2003-11-30"
HAND_WORKED = {
    "credit_balances": Decimal("159596.33"),
    "aged": Decimal("2946178.55"),
    "cross_aged": Decimal("165873.93"),
    "foreign": Decimal("719025.10"),
    "affiliate": Decimal("252870.64"),
    "government": Decimal("422010.27"),
    "disputed": Decimal("188027.89"),
    "bill_and_hold": Decimal("557749.63"),
    "contra": Decimal("292000.00"),
    "concentration": Decimal("9006931.33"),
    "eligible": Decimal("22654278.92"),
    "credit": Decimal("-159596.33"),
}


def _rows(database: Path, sql: str) -> list[tuple[Any, ...]]:
    connection = duckdb.connect(str(database), read_only=True)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def _everything(database: Path) -> dict[str, list[tuple[Any, ...]]]:
    return {
        table: sorted(_rows(database, f"SELECT * FROM {table}"), key=repr)
        for table in ("runs", "documents", "figures", "ledger")
    }


@pytest.fixture
def example(tmp_path: Path) -> Path:
    folder = tmp_path / "innotrac"
    shutil.copytree(EXAMPLE, folder)
    return folder


def _record(folder: Path, as_of: str) -> None:
    result = run("record", str(folder), "--as-of", as_of)
    assert result.exit_code == 0, result.output


def test_the_ledger_sums_by_reason_to_the_certificate(example: Path) -> None:
    _record(example, DETAIL)
    database = example / "pactum.duckdb"
    sums = _rows(database, "SELECT reason, sum(amount) FROM ledger GROUP BY reason")
    assert dict(sums) == HAND_WORKED
    # every reason the certificate deducts, as the recorded certificate shows it
    lines = dict(
        _rows(
            database,
            "SELECT key, CAST(value AS DECIMAL(18, 2)) FROM figures "
            "WHERE kind = 'borrowing-base-certificate' AND key LIKE 'receivables_less_%'",
        )
    )
    for reason, amount in HAND_WORKED.items():
        if reason not in ("credit", "eligible"):
            assert lines[f"receivables_less_{reason}"] == amount
    [(gross, total, invoices)] = _rows(
        database,
        "SELECT sum(amount) FILTER (WHERE reason <> 'credit'), sum(amount), "
        "count(DISTINCT invoice_id) FROM ledger",
    )
    assert (gross, total, invoices) == (Decimal("37364542.59"), Decimal("37204946.26"), 257)
    # each invoice's rows add up to its balance; the run's columns come first
    assert _rows(
        database,
        "SELECT count(*) FROM (SELECT invoice_id, any_value(balance) AS balance, "
        "sum(amount) AS taken FROM ledger GROUP BY invoice_id) WHERE balance <> taken",
    ) == [(0,)]
    columns = [name for name, *_ in _rows(database, "DESCRIBE ledger")]
    assert columns[:4] == ["borrower_id", "as_of", "agreement_id", "invoice_id"]
    assert _rows(database, "SELECT DISTINCT borrower_id, as_of, agreement_id FROM ledger") == [
        ("", date(2003, 11, 30), "southtrust-abl")
    ]
    listed = run("recorded", str(example), "--json")
    [one] = json.loads(listed.stdout)["runs"]
    assert one["table_rows"] == {"ledger": _rows(database, "SELECT count(*) FROM ledger")[0][0]}


def test_recording_the_date_twice_keeps_one_set_of_rows(example: Path) -> None:
    _record(example, DETAIL)
    database = example / "pactum.duckdb"
    before = _everything(database)
    _record(example, DETAIL)
    assert _everything(database) == before


@pytest.mark.parametrize("as_of", ["2003-10-31", "2003-12-31"])
def test_a_date_without_detail_records_no_ledger_rows(example: Path, as_of: str) -> None:
    _record(example, DETAIL)
    _record(example, as_of)
    database = example / "pactum.duckdb"
    assert _rows(database, "SELECT DISTINCT as_of FROM ledger") == [(date(2003, 11, 30),)]
    assert _rows(database, f"SELECT count(*) FROM runs WHERE as_of = '{as_of}'") == [(1,)]


def test_a_bad_inventory_file_leaves_the_database_as_it_was(example: Path) -> None:
    _record(example, DETAIL)
    database = example / "pactum.duckdb"
    before = _everything(database)
    inventory = example / "facts" / "inventory" / f"{DETAIL}.csv"
    text = inventory.read_text(encoding="utf-8")
    inventory.write_text(text.replace(",134577.73", ",lots"), encoding="utf-8")
    line = one_error(run("record", str(example), "--as-of", DETAIL))
    assert "2003-11-30.csv" in line and "lots" in line
    assert _everything(database) == before


def test_a_table_that_cannot_be_read_rolls_back_the_whole_run(example: Path) -> None:
    _record(example, DETAIL)
    database = example / "pactum.duckdb"
    before = _everything(database)
    missing = example / "no-such-ledger.parquet"
    runs = [DocumentRun(None, "Innotrac", {"agreements": []}, (), (("ledger", "x", missing),))]
    with pytest.raises(InputError):
        record_runs(database, date(2003, 11, 30), runs)
    assert _everything(database) == before
