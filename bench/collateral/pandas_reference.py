"""The receivables waterfall as a finance user's own pandas script would compute it.

Written from the rules in `pactum.collateral` (its docstring), independently of the engine, so
that the benchmark cross-checks the engine as well as timing it. Integer cents throughout.

    .venv/bin/python bench/collateral/pandas_reference.py DIR [--as-of 2024-06-30]

Dollar classes: each debit invoice is `aged`, else the first flag it carries (in the sheet's
flag order), else `clean`. Credits are applied per debtor, clean first, then flagged, then aged;
the later steps each take what is left of the classes they concern.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

FLAGS = ("disputed", "bill_and_hold", "consignment", "progress_billing")
DEBTOR_KINDS = ("foreign", "affiliate", "government")
# The order of `RECEIVABLE_REASONS` in pactum.collateral.rules, restated here on purpose.
REASONS = (
    "credit_balances",
    "aged",
    "cross_aged",
    *DEBTOR_KINDS,
    *FLAGS,
    "contra",
    "concentration",
)
KEY = ["borrower_id", "debtor_id"]


@dataclass(frozen=True)
class Parameters:
    as_of: date
    max_days_from_invoice: int = 90
    max_days_past_due: int = 60
    cross_age_bp: int = 5000
    home_countries: tuple[str, ...] = ("US",)
    flags: tuple[str, ...] = FLAGS
    concentration_bp: int = 2500


@dataclass(frozen=True)
class BorrowerFigures:
    gross: int
    buckets: dict[str, int]  # every reason, in waterfall order
    eligible: int
    unapplied_credits: int


def read_cents(path: Path, columns: list[str], money: str) -> pd.DataFrame:
    """Parquet to pandas with the decimal column as int64 cents (exact, in Arrow): pandas
    would otherwise hold one Python Decimal per row."""
    table = pq.read_table(path, columns=columns)
    hundred = pa.scalar(100, pa.decimal128(3, 0))
    cents = pc.cast(pc.multiply(table[money], hundred), pa.int64())
    table = table.set_column(table.schema.get_field_index(money), money, cents)
    return table.to_pandas(date_as_object=False)


def debtor_classes(aging: pd.DataFrame, p: Parameters) -> pd.DataFrame:
    """Per (borrower, debtor): gross, credits, aged gross, the dollars of each class, and the
    debtor attributes."""
    as_of = pd.Timestamp(p.as_of)
    days_from_invoice = (as_of - pd.to_datetime(aging["invoice_date"])).dt.days
    days_past_due = (as_of - pd.to_datetime(aging["due_date"])).dt.days
    aged = (days_from_invoice > p.max_days_from_invoice) | (days_past_due > p.max_days_past_due)

    # class 0 clean, 1..len(flags) the first flag carried, len(flags)+1 aged
    klass = np.zeros(len(aging), dtype=np.int8)
    for i, flag in reversed(list(enumerate(p.flags, start=1))):
        klass = np.where(aging[flag].to_numpy(), i, klass)
    klass = np.where(aged.to_numpy(), len(p.flags) + 1, klass)

    balance = aging["open_balance"].to_numpy()
    debit = np.where(balance > 0, balance, 0)
    frame = pd.DataFrame(
        {
            "borrower_id": aging["borrower_id"],
            "debtor_id": aging["debtor_id"],
            "gross": debit,
            "credits": np.where(balance < 0, -balance, 0),
            "aged_gross": np.where(aged, debit, 0),
            "is_foreign": ~aging["country"].isin(p.home_countries),
            "is_affiliate": aging["affiliate"],
            "is_government": aging["government"],
        }
    )
    for c in range(len(p.flags) + 2):
        frame[f"class{c}"] = np.where(klass == c, debit, 0)
    sums = {col: "sum" for col in frame.columns if col not in KEY}
    sums.update({f"is_{kind}": "any" for kind in DEBTOR_KINDS})
    return frame.groupby(KEY, sort=False).agg(sums).reset_index()


def take_in_order(debtors: pd.DataFrame, classes: list[str], amount: np.ndarray) -> None:
    """Remove `amount` from the classes, in the given order."""
    left = amount.copy()
    for col in classes:
        taken = np.minimum(left, debtors[col].to_numpy())
        debtors[col] -= taken
        left -= taken


def waterfall(aging: pd.DataFrame, payables: pd.DataFrame | None, p: Parameters) -> pd.DataFrame:
    """One row per (borrower, debtor): gross, unapplied credits, each bucket, eligible."""
    d = debtor_classes(aging, p)
    flagged = [f"class{i}" for i in range(1, len(p.flags) + 1)]
    aged_class = f"class{len(p.flags) + 1}"
    priority = ["class0", *flagged, aged_class]  # credits and contra take clean dollars first

    def remaining() -> np.ndarray:
        return np.asarray(d[priority].sum(axis=1).to_numpy())

    def take_all(mask: np.ndarray) -> np.ndarray:
        taken = np.where(mask, remaining(), 0)
        for col in priority:
            d[col] = np.where(mask, 0, d[col])
        return taken

    applied = np.minimum(d["credits"].to_numpy(), d["gross"].to_numpy())
    d["unapplied_credits"] = d["credits"] - applied
    d["credit_balances"] = applied
    take_in_order(d, priority, applied)

    d["aged"] = d[aged_class]
    d[aged_class] = 0

    # Compared on the gross before credits, in integers: exactly X% is not cross-aged.
    cross = d["aged_gross"].to_numpy() * 10000 > p.cross_age_bp * d["gross"].to_numpy()
    d["cross_aged"] = take_all(cross)
    for kind in DEBTOR_KINDS:
        d[kind] = take_all(d[f"is_{kind}"].to_numpy())
    for flag, col in zip(p.flags, flagged, strict=True):
        d[flag] = d[col]
        d[col] = 0
    for flag in FLAGS:  # a flag the sheet does not use still gets its (zero) bucket
        if flag not in p.flags:
            d[flag] = 0

    if payables is None:
        d["contra"] = 0
    else:
        owed = payables.groupby(KEY, sort=False)["payable_balance"].sum().rename("owed")
        d = d.merge(owed.reset_index(), on=KEY, how="left")
        d["owed"] = d["owed"].fillna(0).astype(np.int64)
        d["contra"] = np.minimum(remaining(), d["owed"].to_numpy())
        take_in_order(d, priority, d["contra"].to_numpy())

    d["remaining"] = remaining()
    total = d.groupby("borrower_id", sort=False)["remaining"].transform("sum")
    cap = total * p.concentration_bp // 10000  # rounded down to the cent
    d["concentration"] = np.maximum(0, d["remaining"] - cap)
    d["eligible"] = d["remaining"] - d["concentration"]
    return d


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
    aging = read_cents(aging_path, columns, "open_balance")
    payables = None
    if payables_path is not None:
        payables = read_cents(payables_path, [*KEY, "payable_balance"], "payable_balance")
    d = waterfall(aging, payables, p)
    per_borrower = d.groupby("borrower_id", sort=True)[
        ["gross", *REASONS, "eligible", "unapplied_credits"]
    ].sum()

    # The invariant the engine checks too: the buckets add up to gross minus eligible.
    buckets = per_borrower[list(REASONS)]
    assert (buckets.sum(axis=1) == per_borrower["gross"] - per_borrower["eligible"]).all()
    assert (buckets >= 0).all().all() and (per_borrower["eligible"] >= 0).all()

    return {
        str(borrower): BorrowerFigures(
            gross=int(row["gross"]),
            buckets={reason: int(row[reason]) for reason in REASONS},
            eligible=int(row["eligible"]),
            unapplied_credits=int(row["unapplied_credits"]),
        )
        for borrower, row in per_borrower.iterrows()
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
    totals = {reason: sum(f.buckets[reason] for f in figures.values()) for reason in REASONS}
    gross = sum(f.gross for f in figures.values())
    print(f"{len(figures):,} borrowers in {seconds:.2f} s; gross {gross / 100:,.2f}")
    for reason, cents in totals.items():
        print(f"  {reason:18} {cents / 100:>20,.2f}  {cents / gross:6.2%}")
    eligible = sum(f.eligible for f in figures.values())
    unapplied = sum(f.unapplied_credits for f in figures.values())
    print(f"  {'eligible':18} {eligible / 100:>20,.2f}  {eligible / gross:6.2%}")
    print(f"  {'unapplied credits':18} {unapplied / 100:>20,.2f}")


if __name__ == "__main__":
    main()
