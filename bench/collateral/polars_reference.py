"""The receivables waterfall as a finance user's own Polars script would compute it (lazy API).

The same rules as `pandas_reference.py` (its docstring), written independently of the engine,
so that the benchmark cross-checks the engine against a second script as well as timing it.
Integer cents throughout. Polars is a bench extra, not a dependency of Pactum:

    pip install 'pactum[bench]'    (or: pip install 'polars>=1.20,<2')
    .venv/bin/python -m bench.collateral.polars_reference DIR [--as-of 2024-06-30]
"""

from __future__ import annotations

import argparse
import time
from datetime import date, timedelta
from pathlib import Path

try:
    import polars as pl
except ModuleNotFoundError:  # said in one line by the bench, which runs without it
    raise SystemExit(
        "the Polars reference needs polars: pip install 'pactum[bench]' "
        "(or pip install 'polars>=1.20,<2')"
    ) from None

from bench.collateral.pandas_reference import (
    DEBTOR_KINDS,
    FLAGS,
    KEY,
    REASONS,
    BorrowerFigures,
    Parameters,
)


def cents(column: str) -> pl.Expr:
    """A decimal amount (two places) as int64 cents, exactly."""
    return (pl.col(column) * 100).cast(pl.Int64)


def debtor_classes(aging: pl.LazyFrame, p: Parameters) -> pl.LazyFrame:
    """Per (borrower, debtor): gross, credits, aged gross, the dollars of each class (0 clean,
    1.. the first flag carried, the last aged) and the debtor attributes."""
    # more than N days past a date: the date is before as_of - N
    aged = (pl.col("invoice_date") < p.as_of - timedelta(days=p.max_days_from_invoice)) | (
        pl.col("due_date") < p.as_of - timedelta(days=p.max_days_past_due)
    )
    klass = pl.when(aged).then(len(p.flags) + 1)
    for i, flag in enumerate(p.flags, start=1):
        klass = klass.when(pl.col(flag)).then(i)
    balance = pl.col("balance")
    debit = pl.when(balance > 0).then(balance).otherwise(0)
    classed = aging.with_columns(balance=cents("open_balance")).with_columns(
        klass=klass.otherwise(0), debit=debit, aged=aged
    )
    return classed.group_by(KEY).agg(
        gross=pl.col("debit").sum(),
        credits=pl.when(balance < 0).then(-balance).otherwise(0).sum(),
        aged_gross=pl.when(pl.col("aged")).then(pl.col("debit")).otherwise(0).sum(),
        is_foreign=(~pl.col("country").is_in(list(p.home_countries))).any(),
        is_affiliate=pl.col("affiliate").any(),
        is_government=pl.col("government").any(),
        **{
            f"class{c}": pl.when(pl.col("klass") == c).then(pl.col("debit")).otherwise(0).sum()
            for c in range(len(p.flags) + 2)
        },
    )


def take_in_order(d: pl.LazyFrame, classes: list[str], amount: str, bucket: str) -> pl.LazyFrame:
    """`amount` (at most what remains) into `bucket`, taken from the classes in order."""
    before = pl.lit(0, dtype=pl.Int64)
    taken = {}
    for col in classes:
        taken[col] = pl.min_horizontal(pl.max_horizontal(pl.col(amount) - before, 0), pl.col(col))
        before = before + pl.col(col)
    return d.with_columns(
        pl.min_horizontal(pl.col(amount), before).alias(bucket),
        *(pl.col(col) - take for col, take in taken.items()),
    )


def take_all(d: pl.LazyFrame, mask: pl.Expr, classes: list[str], bucket: str) -> pl.LazyFrame:
    """The debtor's whole remaining balance into `bucket` where `mask` holds."""
    return d.with_columns(
        pl.when(mask).then(pl.sum_horizontal(classes)).otherwise(0).alias(bucket),
        *(pl.when(mask).then(0).otherwise(pl.col(c)).alias(c) for c in classes),
    )


def waterfall(aging: pl.LazyFrame, payables: pl.LazyFrame | None, p: Parameters) -> pl.LazyFrame:
    """One row per (borrower, debtor): gross, unapplied credits, each bucket, eligible."""
    flagged = [f"class{i}" for i in range(1, len(p.flags) + 1)]
    aged_class = f"class{len(p.flags) + 1}"
    priority = ["class0", *flagged, aged_class]  # credits and contra take clean dollars first

    d = debtor_classes(aging, p).with_columns(
        applied=pl.min_horizontal("credits", "gross"),
    )
    d = d.with_columns(unapplied_credits=pl.col("credits") - pl.col("applied"))
    d = take_in_order(d, priority, "applied", "credit_balances")
    d = d.with_columns(aged=pl.col(aged_class), **{aged_class: pl.lit(0, dtype=pl.Int64)})
    # compared on the gross before credits, in integers: exactly X% is not cross-aged
    cross = pl.col("aged_gross") * 10000 > p.cross_age_bp * pl.col("gross")
    d = take_all(d, cross, priority, "cross_aged")
    for kind in DEBTOR_KINDS:
        d = take_all(d, pl.col(f"is_{kind}"), priority, kind)
    d = d.with_columns(
        **{flag: pl.col(col) for flag, col in zip(p.flags, flagged, strict=True)},
        **{col: pl.lit(0, dtype=pl.Int64) for col in flagged},
        **{flag: pl.lit(0, dtype=pl.Int64) for flag in FLAGS if flag not in p.flags},
    )
    if payables is None:
        d = d.with_columns(contra=pl.lit(0, dtype=pl.Int64))
    else:
        owed = payables.group_by(KEY).agg(owed=cents("payable_balance").sum())
        d = d.join(owed, on=KEY, how="left").with_columns(pl.col("owed").fill_null(0))
        d = take_in_order(d, priority, "owed", "contra")
    d = d.with_columns(remaining=pl.sum_horizontal(priority))
    cap = pl.col("remaining").sum().over("borrower_id") * p.concentration_bp // 10000
    d = d.with_columns(concentration=pl.max_horizontal(pl.col("remaining") - cap, 0))
    return d.with_columns(eligible=pl.col("remaining") - pl.col("concentration"))


def borrower_figures(
    aging_path: Path, payables_path: Path | None, p: Parameters
) -> dict[str, BorrowerFigures]:
    columns = [
        "borrower_id",
        "debtor_id",
        "invoice_date",
        "due_date",
        "open_balance",
        "country",
        "affiliate",
        "government",
        *FLAGS,
    ]
    aging = pl.scan_parquet(aging_path).select(columns)
    payables = None
    if payables_path is not None:
        payables = pl.scan_parquet(payables_path).select([*KEY, "payable_balance"])
    figures = ["gross", *REASONS, "eligible", "unapplied_credits"]
    per_borrower = (
        waterfall(aging, payables, p)
        .group_by("borrower_id")
        .agg(pl.col(figures).sum())
        .sort("borrower_id")
        .collect()
    )
    # the invariant the engine checks too: the buckets add up to gross minus eligible
    added = per_borrower.select(pl.sum_horizontal(REASONS)).to_series()
    assert (added == per_borrower["gross"] - per_borrower["eligible"]).all()
    return {
        str(row["borrower_id"]): BorrowerFigures(
            gross=int(row["gross"]),
            buckets={reason: int(row[reason]) for reason in REASONS},
            eligible=int(row["eligible"]),
            unapplied_credits=int(row["unapplied_credits"]),
        )
        for row in per_borrower.iter_rows(named=True)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="a directory with aging.parquet, payables.parquet")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2024, 6, 30))
    args = parser.parse_args()
    payables = args.data / "payables.parquet"
    start = time.perf_counter()
    figures = borrower_figures(
        args.data / "aging.parquet", payables if payables.exists() else None, Parameters(args.as_of)
    )
    seconds = time.perf_counter() - start
    eligible = sum(f.eligible for f in figures.values())
    print(f"{len(figures):,} borrowers in {seconds:.2f} s; eligible {eligible / 100:,.2f}")


if __name__ == "__main__":
    main()
