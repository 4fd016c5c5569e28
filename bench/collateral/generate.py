"""A seeded, realistic receivables portfolio for the collateral benchmark.

Writes DIR/aging.parquet (one row per open invoice, many borrowers) and DIR/payables.parquet
(what each borrower owes its debtors), then DIR/manifest.json last, so a half-written directory
is never mistaken for a finished one.

    .venv/bin/python bench/collateral/generate.py --invoices 1000000 --seed 1 --out DIR

Shape, chosen so that every step of the waterfall binds somewhere: ~1 borrower per 10,000
invoices (sizes log-normal), 20 to 3,000 debtors per borrower with Zipf-skewed invoice counts
(so the top debtor of a small book often exceeds the concentration limit), a few percent of
credits, foreign, affiliate and government debtors (attributes constant per debtor), slow payers
whose invoices age, a few flagged invoices, and payables overlapping some debtors (sometimes
exceeding what the debtor owes). Each borrower draws from its own stream (seed, borrower), so the
data does not depend on the chunking. Memory stays at one chunk of rows (~100 MB) at any size.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

AS_OF = date(2024, 6, 30)
INVOICES_PER_BORROWER = 10_000
CHUNK_ROWS = 500_000
# Several row groups even at 1M rows, so that DuckDB can scan in parallel.
ROW_GROUP_ROWS = 131_072
FLAG_RATES = {
    "disputed": 0.010,
    "bill_and_hold": 0.003,
    "consignment": 0.003,
    "progress_billing": 0.005,
}
FOREIGN_COUNTRIES = ("CA", "MX", "GB", "DE", "JP", "BR")
MONEY = pa.decimal128(18, 2)

AGING_SCHEMA = pa.schema(
    [
        ("borrower_id", pa.string()),
        ("invoice_id", pa.string()),
        ("debtor_id", pa.string()),
        ("invoice_date", pa.date32()),
        ("due_date", pa.date32()),
        ("open_balance", MONEY),
        ("country", pa.string()),
        ("affiliate", pa.bool_()),
        ("government", pa.bool_()),
        *[(flag, pa.bool_()) for flag in FLAG_RATES],
    ]
)
PAYABLES_SCHEMA = pa.schema(
    [("borrower_id", pa.string()), ("debtor_id", pa.string()), ("payable_balance", MONEY)]
)


def money(cents: np.ndarray) -> pa.Array:
    """int64 cents as decimal128(18,2), exactly: the 128-bit value is the cents, sign-extended
    (casting an integer to decimal would scale it by 100 instead)."""
    cents = np.ascontiguousarray(cents, dtype=np.int64)
    words = np.column_stack([cents, cents >> 63]).ravel()
    return pa.Array.from_buffers(MONEY, len(cents), [None, pa.py_buffer(words)])


def ids(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    """ "D00042"-style identifiers built in Arrow (no Python string per row)."""
    digits = pc.utf8_lpad(pc.cast(pa.array(numbers), pa.string()), width, "0")
    return pc.binary_join_element_wise(prefix, digits, "")


def borrower_sizes(invoices: int, seed: int) -> np.ndarray:
    """Invoices per borrower: log-normal around 10,000, at least one each, summing exactly."""
    rng = np.random.default_rng([seed, 0])
    borrowers = max(1, round(invoices / INVOICES_PER_BORROWER))
    weights = rng.lognormal(0.0, 0.8, borrowers)
    shares = np.floor(weights / weights.sum() * (invoices - borrowers))
    sizes: np.ndarray = 1 + shares.astype(np.int64)
    sizes[: invoices - int(sizes.sum())] += 1
    return sizes


def borrower(seed: int, number: int, invoices: int) -> tuple[pa.Table, pa.Table]:
    """One borrower's aging and payables."""
    rng = np.random.default_rng([seed, number])
    borrower_id = f"B{number:05d}"

    # Debtors: log-uniform count, Zipf-skewed invoice counts with a per-borrower exponent.
    debtors = int(np.exp(rng.uniform(np.log(20), np.log(3000))))
    debtors = max(1, min(debtors, invoices // 3))
    weights = 1.0 / np.arange(1, debtors + 1) ** rng.uniform(0.8, 1.3)
    debtor = rng.choice(debtors, size=invoices, p=weights / weights.sum())
    # Debtor numbers drawn from a shared space: big customers recur across borrowers.
    debtor_number = rng.choice(100_000, size=debtors, replace=False)
    kind = rng.random((3, debtors))
    foreign, affiliate, government = kind[0] < 0.04, kind[1] < 0.02, kind[2] < 0.03
    country = np.where(foreign, rng.choice(FOREIGN_COUNTRIES, debtors), "US")
    terms = rng.choice(np.array([30, 45, 60]), debtors, p=[0.5, 0.3, 0.2])
    slow = rng.random(debtors) < 0.08
    age_scale = np.where(slow, rng.uniform(80, 200, debtors), rng.uniform(20, 45, debtors))
    size_scale = rng.lognormal(0.0, 0.5, debtors)

    # Invoices: age in days before the as-of date (at least one), amounts in cents.
    age = 1 + np.minimum(np.floor(rng.exponential(age_scale[debtor])), 729).astype(np.int64)
    invoice_day = (AS_OF - date(1970, 1, 1)).days - age
    cents = np.rint(rng.lognormal(np.log(150_000), 1.1, invoices) * size_scale[debtor])
    cents = np.clip(cents, 100, 5_000_000_000).astype(np.int64)
    credit = rng.random(invoices) < 0.03
    cents[credit] = -np.maximum(1, np.rint(cents[credit] * rng.uniform(0.05, 1.0, credit.sum())))
    invoice_number = rng.permutation(invoices) + 1

    aging = pa.table(
        {
            "borrower_id": pa.array([borrower_id]).take(np.zeros(invoices, dtype=np.int32)),
            "invoice_id": ids("INV", invoice_number, 7),
            "debtor_id": ids("D", debtor_number, 5).take(debtor),
            "invoice_date": pa.array(invoice_day.astype(np.int32), pa.date32()),
            "due_date": pa.array((invoice_day + terms[debtor]).astype(np.int32), pa.date32()),
            "open_balance": money(cents),
            "country": pa.array(country).take(debtor),
            "affiliate": affiliate[debtor],
            "government": government[debtor],
            **{flag: rng.random(invoices) < rate for flag, rate in FLAG_RATES.items()},
        },
        schema=AGING_SCHEMA,
    )

    # Payables: ~6% of debtors are also vendors (a tenth with two open bills), plus a few
    # vendors who buy nothing (numbers outside the debtors' space, so they never match).
    vendors = rng.choice(debtors, size=max(1, debtors * 6 // 100), replace=False)
    vendors = np.concatenate([vendors, vendors[: max(1, len(vendors) // 10)]])
    numbers = np.concatenate(
        [debtor_number[vendors], rng.integers(100_000, 1_000_000, max(1, len(vendors) // 5))]
    )
    owed = np.rint(rng.lognormal(np.log(400_000), 1.5, len(numbers))).astype(np.int64)
    payables = pa.table(
        {
            "borrower_id": pa.array([borrower_id] * len(numbers)),
            "debtor_id": ids("D", numbers, 5),
            "payable_balance": money(owed),
        },
        schema=PAYABLES_SCHEMA,
    )
    return aging, payables


def generate(invoices: int, seed: int, out: Path) -> dict[str, object]:
    out.mkdir(parents=True, exist_ok=True)
    (out / "manifest.json").unlink(missing_ok=True)
    sizes = borrower_sizes(invoices, seed)
    pending: list[pa.Table] = []
    with (
        pq.ParquetWriter(out / "aging.parquet", AGING_SCHEMA) as aging_out,
        pq.ParquetWriter(out / "payables.parquet", PAYABLES_SCHEMA) as payables_out,
    ):
        for number, size in enumerate(sizes, start=1):
            aging, payables = borrower(seed, number, int(size))
            pending.append(aging)
            payables_out.write_table(payables)
            if sum(t.num_rows for t in pending) >= CHUNK_ROWS or number == len(sizes):
                aging_out.write_table(pa.concat_tables(pending), row_group_size=ROW_GROUP_ROWS)
                pending = []
    manifest: dict[str, object] = {
        "invoices": invoices,
        "borrowers": len(sizes),
        "seed": seed,
        "as_of": AS_OF.isoformat(),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    start = time.perf_counter()
    manifest = generate(args.invoices, args.seed, args.out)
    print(
        f"wrote {manifest['invoices']:,} invoices, {manifest['borrowers']:,} borrowers "
        f"to {args.out} in {time.perf_counter() - start:.1f} s"
    )


if __name__ == "__main__":
    main()
