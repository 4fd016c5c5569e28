"""The two engines the rules run on: DuckDB in-process, and Apache Spark (local mode here, a
cluster at a lender). Detail files are read and checked by DuckDB first (inputs.py); Spark then
reads the checked, typed rows from a Parquet copy."""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from functools import cache
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any, Literal, TypeVar

import duckdb
import ibis
import ibis.expr.types as ir

from pactum.collateral.inputs import SMALL_FILE_BYTES
from pactum.collateral.plan_store import store_sql, stored_sql
from pactum.errors import fail

Engine = Literal["duckdb", "spark"]
ENGINES: tuple[Engine, ...] = ("duckdb", "spark")
T = TypeVar("T")

# What the DuckDB plans compile to, for the life of the process, by the plan's key (the rules
# as JSON, the date, the input views' schemas and the step): building the Ibis expressions and
# compiling them to SQL is most of a small aging's run, and a book runs the same rules for many
# borrowers on one date. A few kilobytes of SQL per rule set, date and step.
_PLANNED: dict[Hashable, Any] = {}
# the columns of the views the checked files make, by the statement that made each (`schemas`)
_DESCRIBED: dict[str, tuple[tuple[str, str], ...]] = {}


SPARK_MASTER = "PACTUM_SPARK_MASTER"


def spark_master() -> str:
    """Spark's `spark.master`: the environment's PACTUM_SPARK_MASTER (a cluster's URL, such as
    spark://host:7077, yarn or k8s://...), else local mode on every core of this machine."""
    return os.environ.get(SPARK_MASTER, "").strip() or "local[*]"


def runs_locally() -> bool:
    return spark_master().startswith("local")


@cache
def spark_session() -> Any:
    """One local Spark session per process: starting one takes seconds. Spark is optional:
    without PySpark or a Java runtime the command stops with one line saying what to install."""
    if importlib.util.find_spec("pyspark") is None:
        raise fail(
            "--engine",
            None,
            "engine",
            "spark, but PySpark is not installed",
            "PySpark: pip install 'pactum[spark]' (or make setup), or --engine duckdb",
        )
    if shutil.which("java") is None:
        raise fail(
            "--engine",
            None,
            "engine",
            "spark without a Java runtime",
            "java 17+ on the PATH: apt-get install default-jre-headless (make setup installs "
            "it), or --engine duckdb",
        )
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master(spark_master())
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
    """The checked detail tables as Ibis tables on the chosen engine.

    On DuckDB the tables are unbound Ibis tables named after DuckDB's own views: each plan is
    compiled to SQL and run on the connection. Ibis's DuckDB backend is not needed for that,
    and leaving it out saves loading pyarrow and pandas, which it uses to move results.
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        engine: Engine,
        scratch: Path | None = None,
        threaded: bool = True,
    ) -> None:
        self.con = con
        self.engine = engine
        self.scratch = scratch
        # whether DuckDB may run a query on several threads (False: the database of one
        # thread, `_database`)
        self.threaded = threaded
        self.backend: Any = None
        if engine == "spark":
            session = spark_session()  # first: it says what is missing before Ibis would fail
            self.backend = ibis.pyspark.connect(session)

    def table(self, view: str) -> ir.Table:
        if self.engine == "duckdb":
            return self._duckdb_table(view)
        if not runs_locally():
            # a cluster's executors cannot read this machine's scratch folder: the checked
            # rows go to Spark from the driver, as Arrow
            rows = self.con.execute(f"SELECT * FROM {view}").fetch_arrow_table()
            spark_session().createDataFrame(rows).createOrReplaceTempView(f"pactum_{view}")
            return self.backend.table(f"pactum_{view}")
        # Spark reads what DuckDB checked: the typed rows, written once as Parquet
        assert self.scratch is not None  # open_tables gives a Spark run its scratch folder
        path = self.scratch / f"{view}.parquet"
        self.con.execute(f"COPY (SELECT * FROM {view}) TO '{path}' (FORMAT parquet)")
        return self.backend.read_parquet(str(path))

    def _duckdb_table(self, name: str) -> ir.Table:
        from ibis.backends.sql.datatypes import DuckDBType

        described = self.con.execute(f"DESCRIBE {name}").fetchall()
        schema = {str(row[0]): DuckDBType.from_string(str(row[1])) for row in described}
        return ibis.table(schema, name=name)

    def schemas(
        self, *views: str, made_by: Sequence[str] = ()
    ) -> tuple[tuple[tuple[str, str], ...], ...]:
        """The views' columns and types, for a plan's key (DuckDB; Spark plans are not kept).
        `made_by`: the statements that made the views, where known (`inputs.Loaded`): a view's
        columns follow from its statement alone, so each statement's view is described once
        per process, not again by every run."""
        if self.engine != "duckdb":
            return ()
        known = dict(zip(views, made_by, strict=False))
        return tuple(self._described(view, known.get(view)) for view in views)

    def _described(self, view: str, made_by: str | None) -> tuple[tuple[str, str], ...]:
        if made_by is not None and made_by in _DESCRIBED:
            return _DESCRIBED[made_by]
        described = self.con.execute(f"DESCRIBE {view}").fetchall()
        columns = tuple((str(row[0]), str(row[1])) for row in described)
        if made_by is not None:
            _DESCRIBED[made_by] = columns
        return columns

    def planned(self, key: Hashable, build: Callable[[], T]) -> T:
        """`build()` once per process and plan key on DuckDB; on Spark every time."""
        if self.engine != "duckdb":
            return build()
        if key not in _PLANNED:
            _PLANNED[key] = build()
        found: T = _PLANNED[key]
        return found

    def _sql(self, key: Hashable, build: Callable[[], ir.Table]) -> str:
        return self.planned(("sql", key), lambda: _compiled(key, build))

    def keep_planned(self, key: Hashable, build: Callable[[], ir.Table], name: str) -> ir.Table:
        """`keep(build(), name)`, the SQL compiled once per plan key."""
        if self.engine != "duckdb":
            return self.keep(build(), name)
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {self._sql(key, build)}")
        # its Ibis table too: the plan fixes its columns (describing it costs a query and a
        # parse of each type, every run)
        return self.planned(("table", key, name), lambda: self._duckdb_table(name))

    def records_planned(self, key: Hashable, build: Callable[[], ir.Table]) -> list[dict[str, Any]]:
        """`records(build())`, the SQL compiled once per plan key."""
        if self.engine != "duckdb":
            return self.records(build())
        return self._fetch(self._sql(key, build))

    def _fetch(self, sql: str) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql)
        names = [column[0] for column in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def keep(self, expr: ir.Table, name: str) -> ir.Table:
        """Compute `expr` once and keep it, for the queries that read it again."""
        if self.engine == "duckdb":
            sql = ibis.to_sql(expr, dialect="duckdb")
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")
            return self._duckdb_table(name)
        return expr.cache()  # a cached Spark DataFrame, freed with the session

    def records(self, expr: ir.Table) -> list[dict[str, Any]]:
        """A (small) result's rows, as Python values (integers for cents)."""
        if self.engine == "duckdb":
            return self._fetch(ibis.to_sql(expr, dialect="duckdb"))
        rows: list[dict[str, Any]] = self.backend.to_pyarrow(expr).to_pylist()
        return rows

    def keyed_integers(self, name: str, key: str, value: str, rows: dict[str, int]) -> ir.Table:
        """A small table of (text key, integer) made in Python, on the engine."""
        return self.keyed_columns(name, key, (value,), {k: (v,) for k, v in rows.items()})

    def keyed_columns(
        self, name: str, key: str, columns: tuple[str, ...], rows: dict[str, tuple[int, ...]]
    ) -> ir.Table:
        """A small table of (text key, integers...) made in Python, on the engine."""
        if self.engine == "duckdb":
            # literal values: a bound parameter makes DuckDB import its Python converters
            values = ", ".join(
                "('{}', {})".format(k.replace("'", "''"), ", ".join(str(int(v)) for v in vs))
                for k, vs in rows.items()
            )
            casts = ", ".join(f"CAST({c} AS BIGINT) AS {c}" for c in columns)
            body = (
                f"SELECT {key}, {casts} FROM (VALUES {values}) AS t({key}, {', '.join(columns)})"
                if rows
                else f"SELECT '' AS {key}, "
                + ", ".join(f"CAST(0 AS BIGINT) AS {c}" for c in columns)
                + " WHERE false"
            )
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {body}")
            return ibis.table({key: "string", **dict.fromkeys(columns, "int64")}, name=name)
        return ibis.memtable(
            {
                key: list(rows),
                **{c: [vs[i] for vs in rows.values()] for i, c in enumerate(columns)},
            },
            schema={key: "string", **dict.fromkeys(columns, "int64")},
        )


@cache
def _database(parallel: bool = True) -> duckdb.DuckDBPyConnection:
    """One in-process DuckDB database for the life of the process: opening one costs more than
    a small aging's whole run. Each run has its own connection to it (`cursor()`), whose
    temporary tables and views are its own and go with it.

    Runs over small files only have a database of one thread (`parallel=False`): each of their
    queries is a handful of DuckDB tasks over a few thousand rows, which one thread does in
    less time than it takes to hand them to a second and wait for it (most of a small run's
    query time on a busy machine); large files need every core."""
    # a memory limit makes DuckDB spill its hash tables to disk instead of growing past it
    return duckdb.connect(config={"memory_limit": "640MB", **({} if parallel else {"threads": 1})})


def _small(path: Path) -> bool:
    """A file read into memory once (`SMALL_FILE_BYTES`); a missing one is left to the checks."""
    try:
        return path.stat().st_size <= SMALL_FILE_BYTES
    except OSError:
        return False


def _compiled(key: Hashable, build: Callable[[], ir.Table]) -> str:
    """A plan's SQL: as an earlier run compiled it (`plan_store`), else compiled now (and
    stored). Ibis's SQL compilers, a library that `ibis.to_sql` imports on its first call
    (every dialect's, a quarter of a second), are loaded only by a run that compiles."""
    found = stored_sql(key)
    if found is not None:
        return found
    sql = str(ibis.to_sql(build(), dialect="duckdb"))
    store_sql(key, sql)
    return sql


@contextmanager
def open_tables(engine: Engine, inputs: Sequence[Path | None] = ()) -> Iterator[Tables]:
    """The tables of one run. `inputs`: the run's detail files, when known: a run whose files
    are all small runs on the database of one thread (`_database`)."""
    given = [path for path in inputs if path is not None]
    parallel = not given or not all(_small(path) for path in given)
    with ExitStack() as stack:
        # a scratch folder only for Spark, which reads the checked rows from Parquet files in it
        # (making and removing a folder is a measurable part of a small run on DuckDB)
        scratch = (
            Path(stack.enter_context(TemporaryDirectory(prefix="pactum-collateral-")))
            if engine == "spark"
            else None
        )
        con = _database(parallel).cursor()  # its own temporary tables and views, dropped on close
        try:
            yield Tables(con, engine, scratch, threaded=parallel)
        finally:
            con.close()


def database_opened() -> bool:
    """Whether this process has opened a DuckDB database (`_database`, either one): a process
    that has must not be forked to run borrowers in parallel (the copy would hold DuckDB's state without its
    threads)."""
    return _database.cache_info().currsize > 0
