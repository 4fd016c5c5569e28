"""A generated lender's book of N borrowers, built from the Innotrac example (bench only).

Every borrower has a copy of the example's SouthTrust revolver with varied terms (its
commitment and receivables advance rate, assumed rather than cited, since the letter states
the example's); every third also the Windham lease, every fourth also the IPOF standstill.
Every tenth borrower has its own facts folder with invoice-, SKU- and payable-level detail
(the example's files with balances scaled per borrower); the others read the book's fact files
(summary collateral, financials, loans, every other table and the events, each row with
`borrower_id`), their loans scaled per borrower.

    python -m bench.book.generate --borrowers 100 --out out/bench/book-100
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "innotrac"
REVOLVER = "southtrust-abl.yaml"
LEASE = "windham-lease.yaml"
STANDSTILL = "ipof-standstill.yaml"
DETAIL_EVERY = 10  # one borrower in ten reports invoice-level detail
# the book's fact files (each row with borrower_id); detail stays in a borrower's own folder
BOOK_TABLES = (
    "collateral.csv",
    "financials.csv",
    "loans.csv",
    "opex.csv",
    "ownership.csv",
    "rollforward.csv",
    "trading_volume.csv",
)
COMMITMENT = """\
      value: 40000000
      cite: "we would continue to provide a $40,000,000 credit facility to Innotrac"
"""
RECEIVABLES_RATE = """\
        value: 0.85
        cite: "limited to 85% of eligible accounts receivable"
"""


def borrower_id(index: int) -> str:
    return f"b{index:04d}"


def agreements_of(index: int) -> tuple[str, ...]:
    """The sheets borrower `index` holds: the revolver always, a lease, a standstill."""
    return (
        REVOLVER,
        *((LEASE,) if index % 3 == 0 else ()),
        *((STANDSTILL,) if index % 4 == 0 else ()),
    )


def has_detail(index: int) -> bool:
    return index % DETAIL_EVERY == 0


def scale(index: int) -> Decimal:
    """A borrower's size against the example's: 0.90 to 1.09."""
    return Decimal(90 + index % 20) / 100


def varied_revolver(index: int) -> str:
    text = (EXAMPLE / "agreements" / REVOLVER).read_text(encoding="utf-8")
    assert text.count(COMMITMENT) == 1 and text.count(RECEIVABLES_RATE) == 1
    commitment = 40_000_000 + 1_000_000 * (index % 5)
    rate = ("0.85", "0.80", "0.75")[index % 3]
    text = text.replace(
        COMMITMENT,
        f"      value: {commitment}\n      assumed: a generated borrower's commitment (bench)\n",
    )
    return text.replace(
        RECEIVABLES_RATE,
        f"        value: {rate}\n        assumed: a generated borrower's advance rate (bench)\n",
    )


def scaled_csv(text: str, columns: tuple[str, ...], factor: Decimal) -> str:
    """The CSV with the money in `columns` multiplied by `factor`, to the cent."""
    rows = list(csv.DictReader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        for column in columns:
            if row[column].strip():
                row[column] = str((Decimal(row[column]) * factor).quantize(Decimal("0.01")))
        writer.writerow(row)
    return out.getvalue()


def link_tree(source: Path, target: Path) -> None:
    """Hard links of the files (documents never change): a thousand copies cost nothing."""
    target.mkdir(parents=True, exist_ok=True)
    for path in source.iterdir():
        if path.is_file():
            os.link(path, target / path.name)


def write_borrower(book: Path, index: int) -> None:
    folder = book / "borrowers" / borrower_id(index)
    (folder / "agreements").mkdir(parents=True)
    link_tree(EXAMPLE / "documents", folder / "documents")
    for name in agreements_of(index):
        target = folder / "agreements" / name
        if name == REVOLVER:
            target.write_text(varied_revolver(index), encoding="utf-8")
        else:
            os.link(EXAMPLE / "agreements" / name, target)
    if not has_detail(index):
        return
    facts = folder / "facts"
    shutil.copytree(EXAMPLE / "facts", facts, ignore=shutil.ignore_patterns("votes"))
    held = {Path(name).stem for name in agreements_of(index)}
    (facts / "events.yaml").write_text(yaml.safe_dump(own_events(held), sort_keys=False))
    factor = scale(index)
    for relative, columns in (
        ("receivables/2003-11-30.csv", ("open_balance",)),
        ("inventory/2003-11-30.csv", ("cost",)),
        ("loans.csv", ("revolver_outstanding",)),
    ):
        path = facts / relative
        path.write_text(scaled_csv(path.read_text(encoding="utf-8"), columns, factor))


def own_events(held: set[str]) -> list[dict[str, object]]:
    """The example's events of the agreements a borrower holds."""
    events = yaml.safe_load((EXAMPLE / "facts" / "events.yaml").read_text(encoding="utf-8"))
    return [event for event in events if event["agreement"] in held]


def book_tables(book: Path, count: int) -> None:
    """The book's fact files: each example table once per borrower without its own folder."""
    facts = book / "facts"
    facts.mkdir()
    readers = [i for i in range(count) if not has_detail(i)]
    for name in BOOK_TABLES:
        text = (EXAMPLE / "facts" / name).read_text(encoding="utf-8")
        header = text.splitlines()[0]
        lines = [f"{header},borrower_id"]
        for index in readers:
            body = text
            if name == "loans.csv":
                body = scaled_csv(text, ("revolver_outstanding",), scale(index))
            lines += [f"{row},{borrower_id(index)}" for row in body.splitlines()[1:] if row]
        (facts / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    book_events = []
    for index in readers:
        held = {Path(name).stem for name in agreements_of(index)}
        book_events += [{**e, "borrower_id": borrower_id(index)} for e in own_events(held)]
    (facts / "events.yaml").write_text(yaml.safe_dump(book_events, sort_keys=False))


def generate(count: int, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for index in range(count):
        write_borrower(out, index)
    book_tables(out, count)
    borrowers = "".join(f"  - {{id: {borrower_id(i)}, name: Borrower {i}}}\n" for i in range(count))
    (out / "portfolio.yaml").write_text(
        f"book: Generated book of {count}\n"
        "calendar: {country: US, subdiv: GA}\n"
        "as_of: 2003-11-30\n"
        f"borrowers:\n{borrowers}",
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--borrowers", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    arguments = parser.parse_args()
    generate(arguments.borrowers, arguments.out)


if __name__ == "__main__":
    main()
