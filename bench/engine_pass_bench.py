"""The collateral engine over a book's borrowers with detail on one date: one pass for all of
them against one run per borrower, in one process, with identical results required.

Run from the repository root (the book is bench/book_bench.py's, generated if missing):

    PYTHONPATH=src .venv/bin/python bench/engine_pass_bench.py [--borrowers 1000] [--repeat 3]

Both ways are warmed first (their plans compiled once, as in a long-lived process), then timed
alternately; the medians are printed with their ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.book_bench import book  # noqa: E402

from pactum.collateral import detail_facts  # noqa: E402
from pactum.collateral.detail_facts import DetailFiles, DetailRun  # noqa: E402
from pactum.collateral.rules import BorrowingBaseTerms  # noqa: E402
from pactum.kinds.revolver.borrowing_base import engine_terms  # noqa: E402
from pactum.kinds.revolver.schema import RevolverTerms  # noqa: E402
from pactum.portfolio import load_book  # noqa: E402

WHEN = date(2003, 11, 30)


def members(count: int) -> list[tuple[DetailFiles, BorrowingBaseTerms]]:
    found = []
    for borrower in load_book(book(count)).borrowers:
        detail = borrower.portfolio.facts.of_type("revolver")
        if not isinstance(detail, DetailFiles) or WHEN not in detail.receivables:
            continue
        for agreement in borrower.portfolio.agreements.values():
            for clause in agreement.at(WHEN).clauses_of("revolver"):
                sheet = clause.terms_as(RevolverTerms)
                if sheet.borrowing_base:
                    found.append((detail, engine_terms(sheet)))
    return found


def one_pass(group: list[tuple[DetailFiles, BorrowingBaseTerms]]) -> list[DetailRun]:
    for detail, _ in group:
        detail.runs.clear()
    detail_facts.run_together(group, WHEN)
    return [detail.runs[(terms.key(), WHEN)] for detail, terms in group]


def each_alone(group: list[tuple[DetailFiles, BorrowingBaseTerms]]) -> list[DetailRun]:
    return [detail_facts._engine_run(terms, detail, WHEN) for detail, terms in group]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--borrowers", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    group = members(arguments.borrowers)
    assert one_pass(group) == each_alone(group), "the pass differs from the runs alone"
    times: dict[str, list[float]] = {"one pass": [], "one run per borrower": []}
    for _ in range(arguments.repeat):
        for name, way in (("one pass", one_pass), ("one run per borrower", each_alone)):
            start = time.perf_counter()
            way(group)
            times[name].append(time.perf_counter() - start)
    print(f"{len(group)} borrowers with detail on {WHEN}, medians of {arguments.repeat}")
    alone = statistics.median(times["one run per borrower"])
    for name, seconds in times.items():
        median = statistics.median(seconds)
        print(f"  {name:<22}{median:8.2f} s{alone / median:8.1f}x faster than alone")


if __name__ == "__main__":
    main()
