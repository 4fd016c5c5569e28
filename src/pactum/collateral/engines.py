"""The two engines the rules run on: DuckDB in-process, and Apache Spark (local mode here, a
cluster at a lender). Detail files are read and checked by DuckDB first (inputs.py); Spark then
reads the checked, typed rows from a Parquet copy."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any, Literal

import duckdb
import ibis
import ibis.expr.types as ir

from pactum.errors import fail

Engine = Literal["duckdb", "spark"]
ENGINES: tuple[Engine, ...] = ("duckdb", "spark")


@cache
def spark_session() -> Any:
    """One local Spark session per process: starting one takes seconds."""
    if shutil.which("java") is None:
        raise fail(
            "--engine",
            None,
            "engine",
            "spark without a Java runtime",
            "java on the PATH (make setup installs one)",
        )
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[*]")
        .appName("pactum")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


class Tables:
    """The checked detail tables as Ibis tables on the chosen engine."""

    def __init__(self, con: duckdb.DuckDBPyConnection, engine: Engine, scratch: Path) -> None:
        self.con = con
        self.engine = engine
        self.scratch = scratch
        self.backend: Any = (
            ibis.duckdb.from_connection(con)
            if engine == "duckdb"
            else ibis.pyspark.connect(spark_session())
        )

    def table(self, view: str) -> ir.Table:
        if self.engine == "duckdb":
            return self.backend.sql(f"SELECT * FROM {view}")
        # Spark reads what DuckDB checked: the typed rows, written once as Parquet
        path = self.scratch / f"{view}.parquet"
        self.con.execute(f"COPY (SELECT * FROM {view}) TO '{path}' (FORMAT parquet)")
        return self.backend.read_parquet(str(path))

    def keep(self, expr: ir.Table, name: str) -> ir.Table:
        """Compute `expr` once and keep it, for the queries that read it again."""
        if self.engine == "duckdb":
            sql = ibis.to_sql(expr, dialect="duckdb")
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")
            return self.backend.sql(f"SELECT * FROM {name}")
        return expr.cache()  # a cached Spark DataFrame, freed with the session

    def execute(self, expr: ir.Table) -> Any:
        return self.backend.execute(expr)


@contextmanager
def open_tables(engine: Engine) -> Iterator[Tables]:
    with TemporaryDirectory(prefix="pactum-collateral-") as scratch:
        # a memory limit makes DuckDB spill its hash tables to disk instead of growing past it
        con = duckdb.connect(config={"memory_limit": "640MB"})
        try:
            yield Tables(con, engine, Path(scratch))
        finally:
            con.close()
