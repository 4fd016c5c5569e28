"""Write the Innotrac example's illustrative detail for November 30, 2003 (seeded, so the files
are the same on every run):

    facts/receivables/2003-11-30.csv   one row per open invoice
    facts/payables/2003-11-30.csv      what Innotrac owes some of its debtors
    facts/inventory/2003-11-30.csv     one row per SKU and location

Run from the repository root: `.venv/bin/python scripts/generate_innotrac_detail.py`.
The figures are made up to be plausible, as all the example's facts are: BellSouth is the
large customer whose balance the 25% concentration limit cuts.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

AS_OF = date(2003, 11, 30)
FACTS = Path(__file__).resolve().parents[1] / "examples" / "innotrac" / "facts"

# debtor id, name, share of invoices, typical invoice, attributes
DEBTORS = [
    ("bellsouth", "BellSouth Telecommunications", 60, 110_000, {}),
    ("sbc", "SBC Communications", 30, 70_000, {}),
    ("qwest", "Qwest", 18, 60_000, {}),
    ("target", "Target Stores", 25, 45_000, {}),
    ("dell", "Dell Computer", 14, 30_000, {}),
    ("nortel", "Nortel Networks (Canada)", 8, 40_000, {"country": "CA"}),
    ("innotrac_ltd", "Innotrac affiliate", 3, 20_000, {"affiliate": "true"}),
    ("gsa", "General Services Administration", 5, 25_000, {"government": "true"}),
    ("slowco", "Slow-paying retailer", 10, 15_000, {"slow": True}),
]
for n in range(1, 22):
    DEBTORS.append((f"retail_{n:02d}", f"Retail customer {n}", 4, 8_000, {}))


def receivables(rng: random.Random) -> list[list[str]]:
    rows = []
    number = 70_000
    for debtor, name, count, size, attrs in DEBTORS:
        for _ in range(count):
            number += 1
            age = (
                rng.randint(95, 150)
                if attrs.get("slow") and rng.random() < 0.7
                else rng.randint(1, 75)
            )
            if rng.random() < 0.03:
                age = rng.randint(91, 130)  # the odd old invoice of a good customer
            invoiced = AS_OF - timedelta(days=age)
            due = invoiced + timedelta(days=rng.choice((30, 45)))
            amount = round(3 * size * rng.uniform(0.4, 1.6), 2)
            if rng.random() < 0.04:
                amount = -round(amount * 0.1, 2)  # a credit memo
            flag = rng.random()
            rows.append(
                [
                    str(number),
                    debtor,
                    name,
                    invoiced.isoformat(),
                    due.isoformat(),
                    f"{amount:.2f}",
                    str(attrs.get("country", "US")),
                    str(attrs.get("affiliate", "")),
                    str(attrs.get("government", "")),
                    "true" if flag < 0.02 else "",
                    "true" if 0.02 <= flag < 0.03 else "",
                ]
            )
    return rows


def inventory(rng: random.Random) -> list[list[str]]:
    statuses = ["available"] * 14 + ["work_in_process", "in_transit", "slow_moving", "consigned"]
    rows = []
    for n in range(1, 161):
        cls = "bellsouth" if n % 3 == 0 else "general"
        status = rng.choice(statuses)
        cost = round(rng.uniform(40_000, 360_000), 2)
        location = rng.choice(("Duluth GA", "Pottsville PA", "Romeoville IL"))
        rows.append([f"SKU-{n:04d}", location, cls, status, f"{cost:.2f}"])
    return rows


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    rng = random.Random(20031130)
    stem = AS_OF.isoformat()
    write(
        FACTS / "receivables" / f"{stem}.csv",
        [
            "invoice_id", "debtor_id", "debtor_name", "invoice_date", "due_date", "open_balance",
            "country", "affiliate", "government", "disputed", "bill_and_hold",
        ],
        receivables(rng),
    )  # fmt: skip
    write(
        FACTS / "payables" / f"{stem}.csv",
        ["debtor_id", "payable_balance"],
        [["dell", "42000.00"], ["target", "250000.00"]],
    )
    write(
        FACTS / "inventory" / f"{stem}.csv",
        ["sku", "location", "class", "status", "cost"],
        inventory(rng),
    )


if __name__ == "__main__":
    main()
