"""`pactum collateral` on bad detail files: exit 2 and exactly one line on stderr,

    error: FILE:row N: FIELD: found X; expected Y      (CSV: the header is row 1;
                                                        Parquet: the first record is row 1)

with no traceback, nothing on stdout and no output files, although `--out` is given. Each case
starts from a good aging (rows 2 and 3 below) and breaks one thing; the row is counted here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest
from typer.testing import CliRunner, Result

from bad_input_support import parsed
from collateral_support import (
    AGING_COLUMNS,
    AS_OF,
    INVENTORY_COLUMNS,
    PAYABLE_COLUMNS,
    SHEET,
    rules,
    write_csv,
)
from pactum.cli import app
from pactum.collateral import inputs
from pactum.collateral.receivables import receivables_results

GOOD: list[tuple[str, ...]] = [
    ("I1", "D1", "2024-06-01", "2024-07-01", "100.00"),  # row 2
    ("I2", "D2", "2024-05-01", "2024-05-31", "50.00"),  # row 3
]


@dataclass(frozen=True)
class Case:
    """One broken file: `write(folder)` writes the files and returns the options; the error
    names `file` (a file name), `row`, `field`, contains `found` and every word of `expected`."""

    write: Callable[[Path], list[str]]
    file: str
    row: int
    field: str
    found: str
    expected: tuple[str, ...]


def aging(
    rows: list[tuple[str, ...]], header: tuple[str, ...] = AGING_COLUMNS
) -> Callable[[Path], list[str]]:
    def write(folder: Path) -> list[str]:
        return ["--receivables", str(write_csv(folder / "aging.csv", header, rows))]

    return write


def with_row(row: tuple[str, ...]) -> Callable[[Path], list[str]]:
    """The good aging and `row` as row 4."""
    return aging([*GOOD, row])


def payables(rows: list[tuple[str, ...]]) -> Callable[[Path], list[str]]:
    def write(folder: Path) -> list[str]:
        path = write_csv(folder / "payables.csv", PAYABLE_COLUMNS, rows)
        return [*aging(GOOD)(folder), "--payables", str(path)]

    return write


def inventory(rows: list[tuple[str, ...]]) -> Callable[[Path], list[str]]:
    def write(folder: Path) -> list[str]:
        path = write_csv(folder / "inventory.csv", INVENTORY_COLUMNS, rows)
        return [*aging(GOOD)(folder), "--inventory", str(path)]

    return write


def parquet_duplicate(folder: Path) -> list[str]:
    """Records 1 to 3, the third repeating the first's invoice id."""
    path = folder / "aging.parquet"
    columns = {
        "invoice_id": ["I1", "I2", "I1"],
        "debtor_id": ["D1", "D2", "D3"],
        "invoice_date": ["2024-06-01"] * 3,
        "due_date": ["2024-07-01"] * 3,
        "open_balance": ["1.00", "2.00", "3.00"],
    }
    pq.write_table(pa.table({k: pa.array(v) for k, v in columns.items()}), path)
    return ["--receivables", str(path)]


def parquet_typed(balance: pa.Array, due: pa.Array) -> Callable[[Path], list[str]]:
    """Two records with a typed balance and due date."""

    def write(folder: Path) -> list[str]:
        path = folder / "aging.parquet"
        table = pa.table(
            {
                "invoice_id": pa.array(["I1", "I2"]),
                "debtor_id": pa.array(["D1", "D2"]),
                "invoice_date": pa.array([date(2024, 6, 1)] * 2, pa.date32()),
                "due_date": due,
                "open_balance": balance,
            }
        )
        pq.write_table(table, path)
        return ["--receivables", str(path)]

    return write


DUE = pa.array([date(2024, 7, 1)] * 2, pa.date32())


def parquet_far_invoice(folder: Path) -> list[str]:
    """Record 2 dated in year 49968 (Parquet's dates reach far past Python's year 9999)."""
    path = folder / "aging.parquet"
    days = pa.array([12300, 17530950], pa.int32())  # from 1970-01-01: 2003-09-04, 49968-02-11
    table = pa.table(
        {
            "invoice_id": pa.array(["I1", "I2"]),
            "debtor_id": pa.array(["D1", "D2"]),
            "invoice_date": days.cast(pa.date32()),
            "due_date": pa.array([12400, 17530960], pa.int32()).cast(pa.date32()),
            "open_balance": pa.array([Decimal("1.00"), Decimal("2.00")], pa.decimal128(18, 2)),
        }
    )
    pq.write_table(table, path)
    return ["--receivables", str(path)]


def parquet_ids(
    invoices: list[str | None], debtors: list[str | None]
) -> Callable[[Path], list[str]]:
    """Three typed records with these ids, written in row groups of one record each: the
    statistics of the row group holding a bad id say so, the others do not."""

    def write(folder: Path) -> list[str]:
        path = folder / "aging.parquet"
        table = pa.table(
            {
                "invoice_id": pa.array(invoices, pa.string()),
                "debtor_id": pa.array(debtors, pa.string()),
                "invoice_date": pa.array([date(2024, 6, 1)] * 3, pa.date32()),
                "due_date": pa.array([date(2024, 7, 1)] * 3, pa.date32()),
                "open_balance": pa.array([Decimal("1.00")] * 3, pa.decimal128(18, 2)),
            }
        )
        pq.write_table(table, path, row_group_size=1)
        return ["--receivables", str(path)]

    return write


CASES = {
    "missing column": Case(
        aging([row[:3] + row[4:] for row in GOOD], header=AGING_COLUMNS[:3] + AGING_COLUMNS[4:]),
        "aging.csv",
        1,
        "due_date",
        "no such column",
        ("due_date",),
    ),
    "unknown column": Case(
        aging([(*row, "x") for row in GOOD], header=(*AGING_COLUMNS, "notes")),
        "aging.csv",
        1,
        "notes",
        "unknown column",
        ("invoice_id", "borrower_id"),
    ),
    "impossible date": Case(
        with_row(("I3", "D3", "2024-02-30", "2024-03-30", "1.00")),
        "aging.csv",
        4,
        "invoice_date",
        "'2024-02-30'",
        ("YYYY-MM-DD",),
    ),
    "US date": Case(
        with_row(("I3", "D3", "2024-06-01", "06/30/2024", "1.00")),
        "aging.csv",
        4,
        "due_date",
        "'06/30/2024'",
        ("YYYY-MM-DD",),
    ),
    "decimal comma": Case(
        with_row(("I3", "D3", "2024-06-01", "2024-06-30", "12,50")),
        "aging.csv",
        4,
        "open_balance",
        "'12,50'",
        ("two decimals",),
    ),
    "not a number": Case(
        aging([GOOD[0], ("I2", "D2", "2024-05-01", "2024-05-31", "abc"), GOOD[1]]),
        "aging.csv",
        3,
        "open_balance",
        "'abc'",
        ("two decimals",),
    ),
    "three decimals": Case(
        with_row(("I3", "D3", "2024-06-01", "2024-06-30", "12.345")),
        "aging.csv",
        4,
        "open_balance",
        "'12.345'",
        ("two decimals",),
    ),
    "amount too large for the engines": Case(
        with_row(("I3", "D3", "2024-06-01", "2024-06-30", "12345678901234567.00")),
        "aging.csv",
        4,
        "open_balance",
        "'12345678901234567.00'",
        ("two decimals", "16 digits"),
    ),
    "duplicate invoice": Case(
        aging([*GOOD, ("I3", "D3", "2024-06-01", "2024-06-30", "1.00"), GOOD[0]]),
        "aging.csv",
        5,
        "invoice_id",
        "a duplicate of row 2",
        ("one row per invoice",),
    ),
    "after the as-of date": Case(
        with_row(("I3", "D3", "2024-07-01", "2024-07-31", "1.00")),
        "aging.csv",
        4,
        "invoice_date",
        "2024-07-01",
        ("2024-06-30",),
    ),
    "due before invoiced": Case(
        aging([("I1", "D1", "2024-06-01", "2024-05-31", "100.00"), GOOD[1]]),
        "aging.csv",
        2,
        "due_date",
        "2024-05-31",
        ("on or after the invoice date",),
    ),
    "bad boolean": Case(
        aging(
            [
                (*GOOD[0], "true"),
                (*GOOD[1], ""),
                ("I3", "D3", "2024-06-01", "2024-06-30", "1", "maybe"),
            ],
            header=(*AGING_COLUMNS, "disputed"),
        ),
        "aging.csv",
        4,
        "disputed",
        "'maybe'",
        ("true", "false"),
    ),
    "empty invoice id": Case(
        with_row(("", "D3", "2024-06-01", "2024-06-30", "1.00")),
        "aging.csv",
        4,
        "invoice_id",
        "",
        ("a value",),
    ),
    "negative payable": Case(
        payables([("D1", "10.00"), ("D2", "-5.00")]),
        "payables.csv",
        3,
        "payable_balance",
        "-5.00",
        ("zero or more",),
    ),
    "unknown inventory class": Case(
        inventory(
            [
                ("S1", "ATL", "general", "available", "1.00"),
                ("S2", "ATL", "toys", "available", "1.00"),
            ]
        ),
        "inventory.csv",
        3,
        "class",
        "toys",
        ("general", "bellsouth"),
    ),
    "inventory row with no location": Case(
        # was accepted in silence (found by the fuzz suite): a row of stock nowhere
        inventory(
            [
                ("S1", "ATL", "general", "available", "1.00"),
                ("S2", "", "general", "available", "1.00"),
            ]
        ),
        "inventory.csv",
        3,
        "location",
        "",
        ("a value",),
    ),
    "negative inventory cost": Case(
        inventory([("S1", "ATL", "general", "available", "-1.00")]),
        "inventory.csv",
        2,
        "cost",
        "-1.00",
        ("zero or more",),
    ),
    "parquet duplicate": Case(
        parquet_duplicate,
        "aging.parquet",
        3,
        "invoice_id",
        "a duplicate of row 1",
        ("one row per invoice",),
    ),
    "parquet three decimals": Case(
        parquet_typed(pa.array([Decimal("1.000"), Decimal("12.345")], pa.decimal128(18, 3)), DUE),
        "aging.parquet",
        2,
        "open_balance",
        "12.345",
        ("two decimals",),
    ),
    "parquet amount too large for the engines": Case(
        parquet_typed(
            pa.array([Decimal("1.00"), Decimal("10000000000000000.00")], pa.decimal128(38, 2)), DUE
        ),
        "aging.parquet",
        2,
        "open_balance",
        "10000000000000000.00",
        ("16 digits",),
    ),
    # issue 18: a finer DECIMAL was checked for its decimals only, and 10^20 dollars failed
    # later in the engine's cast to cents (a DuckDB ConversionException, a traceback)
    "parquet DECIMAL(38,4) of 10^20": Case(
        parquet_typed(pa.array([Decimal("1.0000"), Decimal(10) ** 20], pa.decimal128(38, 4)), DUE),
        "aging.parquet",
        2,
        "open_balance",
        "100000000000000000000",
        ("16 digits",),
    ),
    # issue 18: DuckDB gives a date past year 9999 as text, and naming it was an AttributeError
    "parquet invoice dated in year 49968": Case(
        parquet_far_invoice,
        "aging.parquet",
        2,
        "invoice_date",
        "49968-02-11, after the as-of date",
        ("an invoice dated on or before",),
    ),
    "parquet empty invoice id": Case(
        parquet_ids(["I1", "I2", ""], ["D1", "D2", "D3"]),
        "aging.parquet",
        3,
        "invoice_id",
        "nothing",
        ("a value",),
    ),
    "parquet missing debtor id": Case(
        parquet_ids(["I1", "I2", "I3"], ["D1", None, "D3"]),
        "aging.parquet",
        2,
        "debtor_id",
        "nothing",
        ("a value",),
    ),
    "parquet missing date": Case(
        parquet_typed(
            pa.array([1.5, 2.25], pa.float64()), pa.array([date(2024, 7, 1), None], pa.date32())
        ),
        "aging.parquet",
        2,
        "due_date",
        "nothing",
        ("a date",),
    ),
}


def run_collateral(*options: str) -> Result:
    """`pactum collateral` on the SouthTrust sheet as of 2024-06-30 with these options."""
    return CliRunner().invoke(
        app, ["collateral", "--agreement", str(SHEET), "--as-of", "2024-06-30", *options]
    )


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_bad_detail_file(tmp_path: Path, case: Case) -> None:
    options = case.write(tmp_path)
    out = tmp_path / "out"
    result = run_collateral(*options, "--out", str(out), "--json")
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert not out.exists() or not any(out.iterdir())
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    error = parsed(lines[0])
    assert Path(error.file) == tmp_path / case.file
    assert (error.unit, error.number, error.field) == ("row", case.row, case.field)
    assert case.found in error.found
    for word in case.expected:
        assert word in error.expected, (word, error.expected)


def ragged_near(folder: Path) -> list[str]:
    """Row 3 has one field too many: a balance written 12,50 without quotes."""
    path = folder / "aging.csv"
    path.write_text(
        ",".join(AGING_COLUMNS)
        + "\nI1,D1,2024-06-01,2024-07-01,100.00\nI2,D2,2024-06-01,2024-07-01,12,50\n"
        + "I3,D3,2024-06-01,2024-07-01,1.00\n",
        encoding="utf-8",
    )
    return ["--receivables", str(path)]


def ragged_far(folder: Path) -> list[str]:
    """30,000 good rows, then row 30002 with a field missing: beyond the rows DuckDB samples
    to detect the file's shape."""
    lines = [",".join(AGING_COLUMNS)]
    lines += [f"I{i},D{i % 7},2024-06-01,2024-07-01,1.00" for i in range(30000)]
    lines.append("X1,D1,2024-06-01,2024-07-01")
    path = folder / "aging.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["--receivables", str(path)]


@pytest.mark.parametrize(
    ("write", "row"), [(ragged_near, 3), (ragged_far, 30002)], ids=["near", "far"]
)
def test_ragged_row_is_reported_at_its_row(
    tmp_path: Path, write: Callable[[Path], list[str]], row: int
) -> None:
    result = run_collateral(*write(tmp_path))
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {tmp_path / 'aging.csv'}:row {row}: "), lines[0]


def test_parquet_double_amounts_of_any_size_are_read(tmp_path: Path) -> None:
    # the doubles nearest 341,532,196.85 and 0.30 (written 0.1 + 0.2): gross 341,532,197.15
    options = parquet_typed(pa.array([341532196.85, 0.1 + 0.2], pa.float64()), DUE)(tmp_path)
    result = CliRunner().invoke(
        app,
        ["collateral", "--agreement", str(SHEET), "--as-of", "2024-06-30", *options, "--json"],
    )
    assert result.exit_code == 0, result.output
    receivables = json.loads(result.stdout)["borrowers"][0]["receivables"]
    assert (receivables["gross"], receivables["rows"]) == ("341532197.15", 2)


def error_of(tmp_path: Path, aging: str, option: str, name: str, text: str) -> tuple[Path, str]:
    """Run `pactum collateral` on an aging and one more file; its one error line."""
    (tmp_path / "aging.csv").write_text(aging)
    other = tmp_path / name
    other.write_text(text)
    args = ["--agreement", str(SHEET), "--as-of", "2024-06-30"]
    args += ["--receivables", str(tmp_path / "aging.csv"), option, str(other)]
    result = CliRunner().invoke(app, ["collateral", *args])
    assert result.exit_code == 2
    [line] = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    return other, line


BORROWERS_AGING = (
    "borrower_id,invoice_id,debtor_id,invoice_date,due_date,open_balance\n"
    "a,1,A,2024-06-01,2024-07-01,100.00\n"
    "b,2,B,2024-06-01,2024-07-01,100.00\n"
)


def test_one_borrowers_loans_for_many_borrowers(tmp_path: Path) -> None:
    # two borrowers' aging and a loans file naming none: whose loans would they be?
    loans = "as_of,revolver_outstanding,letters_of_credit,reserves\n2024-06-30,500.00,0.00,0.00\n"
    _, line = error_of(tmp_path, BORROWERS_AGING, "--loans", "loans.csv", loans)
    assert "borrower_id" in line and "2 borrowers" in line


def test_payables_without_the_agings_borrowers(tmp_path: Path) -> None:
    # contra would silently be 0: the payables' rows would match no borrower
    payables = "debtor_id,payable_balance\nA,50.00\n"
    path, line = error_of(tmp_path, BORROWERS_AGING, "--payables", "payables.csv", payables)
    assert line.startswith(f"error: {path}:row 1: borrower_id: found no such column")


def test_aging_that_is_not_utf8_text(tmp_path: Path) -> None:
    """A file in another encoding (here a Latin-1 debtor name) is bad input, not a traceback."""
    path = tmp_path / "aging.csv"
    path.write_bytes(
        (",".join(AGING_COLUMNS) + "\nI1,D1,2024-06-01,2024-07-01,100.00\n").encode()
        + "I2,Caf\xe9,2024-06-01,2024-07-01,5.00\n".encode("latin-1")
    )
    result = run_collateral("--receivables", str(path))
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    # row 3, as for any CSV (the bad-input suite found this one without its row)
    assert result.stderr.strip() == (
        f"error: {path}:row 3: encoding: found byte 0xe9, which is not UTF-8; expected UTF-8 text"
    )


@pytest.mark.parametrize("name", ["duplicate invoice", "parquet duplicate"])
def test_duplicate_invoice_in_a_large_file(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file too large to read into memory looks for an invoice twice apart from the pass
    (its hashes sorted and compared): the same one line as a small file's."""
    monkeypatch.setattr(inputs, "SMALL_FILE_BYTES", 0)
    test_bad_detail_file(tmp_path, CASES[name])


def test_large_file_without_duplicates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read as a large file, one invoice id under two borrowers is no duplicate (an invoice is
    a borrower's), and the run gives what it gives read small: gross 100.00 + 50.00 of B1,
    10.00 of B2."""
    path = write_csv(
        tmp_path / "aging.csv",
        ("borrower_id", *AGING_COLUMNS),
        [
            ("B1", *GOOD[0]),
            ("B1", *GOOD[1]),
            ("B2", "I1", "D1", "2024-06-01", "2024-07-01", "10.00"),
        ],
    )
    small = receivables_results(path, None, rules(), AS_OF)
    monkeypatch.setattr(inputs, "SMALL_FILE_BYTES", 0)
    large = receivables_results(path, None, rules(), AS_OF)
    assert large == small
    assert {b: r.gross for b, r in large.items()} == {
        "B1": Decimal("150.00"),
        "B2": Decimal("10.00"),
    }
