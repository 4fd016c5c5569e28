"""What a Parquet file's own statistics prove about its columns, so that a check they settle
need not read ten million values.

Every row group of a Parquet file records, per column, its count of nulls and its least value.
When every row group says no nulls, no cell is null; when every least value of a text column
is non-empty, no cell is empty (a writer may shorten a least value, never lengthen it, so a
shortened one that is non-empty still is). A file without these statistics proves nothing
and its cells are read as before.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import duckdb


class Proof(Enum):
    """What a check needs the statistics to show."""

    no_nulls = "no_nulls"
    no_nulls_or_empty = "no_nulls_or_empty"


def proven_columns(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, set[Proof]]:
    """Each top-level column and what its statistics prove, from the file's footer alone."""
    quoted = str(path).replace("'", "''")
    rows = con.execute(
        "SELECT path_in_schema, "
        "count(*) = count(stats_null_count) AND bool_and(coalesce(stats_null_count, 1) = 0), "
        "bool_and(coalesce(stats_min_value, '') <> '') "
        f"FROM parquet_metadata('{quoted}') GROUP BY path_in_schema"
    ).fetchall()
    proven: dict[str, set[Proof]] = {}
    for column, no_nulls, non_empty in rows:
        found = proven.setdefault(str(column), set())
        if no_nulls:
            found.add(Proof.no_nulls)
            if non_empty:
                found.add(Proof.no_nulls_or_empty)
    return proven
