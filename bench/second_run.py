"""The collateral engine run again in one process (DESIGN §10: a plan compiled once per rule
shape and reused): the example's 2003-11-30 detail (257 invoices, payables, inventory) through
the engine as `pactum check` and the certificates run it, N times, each run's time printed,
with where a run's time goes (cProfile of the last run with --profile).

    PYTHONPATH=src .venv/bin/python bench/second_run.py [--runs 5] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "innotrac"
SHEET = EXAMPLE / "agreements" / "southtrust-abl.yaml"
AS_OF = date(2003, 11, 30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    from pactum.collateral.eligible import eligible_detail
    from pactum.collateral.engines import open_tables
    from pactum.kinds.revolver.borrowing_base import engine_terms
    from pactum.kinds.revolver.commands import revolver_sheet

    terms = engine_terms(revolver_sheet(SHEET)[1])
    facts = EXAMPLE / "facts"
    stamp = f"{AS_OF.isoformat()}.csv"

    # the run's files, given to open_tables as `pactum check` gives them (detail_facts)
    files = (facts / "receivables" / stamp, facts / "payables" / stamp, facts / "inventory" / stamp)

    def once() -> str:
        with open_tables("duckdb", files) as tables:
            found = eligible_detail(tables, terms, AS_OF, *files, with_debtors=True)
        return str(next(iter(found.receivables.values())).eligible)

    times, cpu = [], []
    for index in range(args.runs):
        profile = cProfile.Profile() if args.profile and index == args.runs - 1 else None
        start, start_cpu = time.perf_counter(), time.process_time()
        if profile is not None:
            profile.enable()
        eligible = once()
        if profile is not None:
            profile.disable()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        print(
            f"run {index + 1}: {times[-1] * 1000:7.1f} ms ({cpu[-1] * 1000:.1f} ms of CPU)  "
            f"eligible receivables {eligible}"
        )
    if len(times) > 1:
        # the CPU time too: on a shared machine the wall clock is mostly other people's work
        print(
            f"first run {times[0] * 1000:.1f} ms ({cpu[0] * 1000:.1f} ms CPU); later runs' "
            f"median {statistics.median(times[1:]) * 1000:.1f} ms "
            f"({statistics.median(cpu[1:]) * 1000:.1f} ms CPU)"
        )
    if args.profile and profile is not None:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
