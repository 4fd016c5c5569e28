"""One measured run, in its own process, so that its time and peak memory are its own.

    python -m bench.collateral.measure {engine,engine_stored,spark,floor,floor2,pandas,polars} DIR --result FILE

`engine` and `engine_stored` are the same run: the runner gives the first no store of compiled
plans (PACTUM_PLAN_CACHE=off, so it compiles them) and the second a store an earlier run
filled (so it reads them).

Times only the work (imports and interpreter start excluded), prints {"seconds": ...,
"phases": {...}} as JSON
and writes the per-borrower figures, in cents, to FILE for the runner to compare.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

AS_OF = date(2024, 6, 30)
PRELOAD = {
    "engine": "pactum.collateral.receivables",
    "engine_stored": "pactum.collateral.receivables",
    "spark": "pactum.collateral.receivables",
    "floor": "pactum.collateral.inputs",
    "floor2": "pactum.collateral.inputs",
    "pandas": "bench.collateral.pandas_reference",
    "polars": "bench.collateral.polars_reference",
}
PHASES: dict[str, float] = {}  # the engine's phases, in seconds
Figures = dict[str, dict[str, Any]]  # borrower -> gross, buckets {reason: cents}, eligible, ...


def cents(amount: Decimal) -> int:
    scaled = amount.scaleb(2)
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{amount} is not a whole number of cents")
    return int(scaled)


def run_engine(data: Path, engine: Literal["duckdb", "spark"]) -> Figures:
    """The engine as `pactum collateral` runs it, timing its two phases: reading and checking
    the files, then the rules (waterfall, concentration, invariants)."""
    from pactum.collateral.engines import open_tables
    from pactum.collateral.receivables import check_inputs, waterfall_on
    from pactum.collateral.rules import ReceivableRules

    rules = ReceivableRules.model_validate(
        {
            "max_days_from_invoice": 90,
            "max_days_past_due": 60,
            "cross_age_percent": Decimal("0.50"),
            "concentration_percent": Decimal("0.25"),
        }
    )
    aging, payables = data / "aging.parquet", data / "payables.parquet"
    with open_tables(engine, (aging, payables)) as tables:
        start = time.perf_counter()
        checked = check_inputs(tables, aging, payables, AS_OF)
        PHASES["checks"] = time.perf_counter() - start
        start = time.perf_counter()
        results = waterfall_on(tables, checked, rules, AS_OF).results
        PHASES["rules"] = time.perf_counter() - start
    return {
        borrower: {
            "gross": cents(r.gross),
            "buckets": {b.reason: cents(b.amount) for b in r.buckets},
            "eligible": cents(r.eligible),
            "unapplied_credits": cents(r.unapplied_credits),
        }
        for borrower, r in results.items()
    }


def run_floor(data: Path, every_column: bool = True) -> Figures:
    """The least any engine must do (DESIGN §10): read the columns the waterfall reads, once,
    and sum the balances by borrower. `every_column=False` reads only borrower and balance."""
    import duckdb

    from pactum.collateral.inputs import AGING

    # a literal path: a bound parameter makes DuckDB import its Python converters on first use
    path = str(data / "aging.parquet").replace("'", "''")
    con = duckdb.connect()
    present = {
        str(row[0]) for row in con.execute(f"DESCRIBE FROM read_parquet('{path}')").fetchall()
    }
    read = [c for c in AGING.required + AGING.optional if c in present and c != "borrower_id"]
    # count(column) makes the scan read each column (the optimiser keeps them in its projection)
    counts = "".join(f", count({c})" for c in read if c != "open_balance") if every_column else ""
    rows = con.execute(
        f"SELECT borrower_id, sum(open_balance){counts} FROM read_parquet('{path}') GROUP BY 1"
    )
    return {str(row[0]): {"aging_total": cents(row[1])} for row in rows.fetchall()}


def run_reference(data: Path, library: Literal["pandas", "polars"]) -> Figures:
    from bench.collateral.pandas_reference import Parameters

    reference = importlib.import_module(f"bench.collateral.{library}_reference")
    figures = reference.borrower_figures(
        data / "aging.parquet", data / "payables.parquet", Parameters(as_of=AS_OF)
    )
    return {
        borrower: {
            "gross": f.gross,
            "buckets": f.buckets,
            "eligible": f.eligible,
            "unapplied_credits": f.unapplied_credits,
        }
        for borrower, f in figures.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=[*PRELOAD])
    parser.add_argument("data", type=Path)
    parser.add_argument("--result", type=Path, required=True)
    args = parser.parse_args()
    # imported before the clock starts: loading a library is not the waterfall's time (nor is
    # loading Ibis's SQL compilers, which a run that compiles a plan imports)
    importlib.import_module(PRELOAD[args.what])
    if args.what.startswith("engine"):
        importlib.import_module("ibis.backends.sql.compilers")
    start = time.perf_counter()
    if args.what in ("floor", "floor2"):
        figures = run_floor(args.data, every_column=args.what == "floor")
    elif args.what in ("pandas", "polars"):
        figures = run_reference(args.data, args.what)
    else:
        figures = run_engine(args.data, "spark" if args.what == "spark" else "duckdb")
    seconds = time.perf_counter() - start
    args.result.write_text(json.dumps(figures))
    json.dump({"seconds": seconds, "phases": PHASES}, sys.stdout)


if __name__ == "__main__":
    main()
