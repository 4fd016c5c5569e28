"""What a Parquet file's statistics prove: no nulls, no empty texts, per column, over every
row group; a file written without statistics proves nothing."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from pactum.collateral.parquet_statistics import Proof, proven_columns


def _write(path: Path, statistics: bool = True) -> Path:
    table = pa.table(
        {
            "clean": pa.array(["a", "b", "c", "d"]),
            "empty": pa.array(["a", "b", "", "d"]),  # '' only in the second row group
            "null": pa.array(["a", "b", "c", None]),
            "number": pa.array([1, 2, 3, 4], pa.int64()),
        }
    )
    pq.write_table(table, path, row_group_size=2, write_statistics=statistics)
    return path


def test_statistics_prove_what_every_row_group_shows(tmp_path: Path) -> None:
    proven = proven_columns(duckdb.connect(), _write(tmp_path / "a.parquet"))
    assert proven["clean"] == {Proof.no_nulls, Proof.no_nulls_or_empty}
    assert proven["empty"] == {Proof.no_nulls}
    assert proven["null"] == set()
    assert proven["number"] == {Proof.no_nulls, Proof.no_nulls_or_empty}


def test_a_file_without_statistics_proves_nothing(tmp_path: Path) -> None:
    proven = proven_columns(duckdb.connect(), _write(tmp_path / "a.parquet", statistics=False))
    assert all(found == set() for found in proven.values())
