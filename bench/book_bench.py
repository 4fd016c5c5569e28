"""The book benchmark (DESIGN.md §10): `check`, `calendar` for a year and `report` over a
generated lender's book of N borrowers, each against the same command over a book of one.

Run from the repository root:

    .venv/bin/python bench/book_bench.py [--sizes 1,100,1000] [--repeat 3] [--report-up-to 100]
        [--workers N]

The books are generated once per size (bench/book/generate.py) and cached in out/bench/. Every
measured run is the command line a user types, in its own process (interpreter start and
imports included), its output discarded; its time is the median over --repeat runs, taken in
interleaved rounds so that a busy spell on a shared machine falls on every size alike. The
ratio is to the book of one borrower (the first generated: all three agreements and
invoice-level detail). `report` writes every agreement's PDFs, most of a second each, so it
runs only up to --report-up-to borrowers. `check` and `calendar` over a book of 50 borrowers or
more run in one worker process per core (pactum.book_workers); --workers 1 measures them all in
one process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.book.generate import agreements_of, generate, has_detail  # noqa: E402
from bench.check_speed import cached_bytecode  # noqa: E402

AS_OF = "2003-11-30"  # the detail files' date: the engine runs for every borrower with detail
YEAR = ("--from", "2003-01-01", "--to", "2003-12-31")


def book(count: int) -> Path:
    folder = ROOT / "out" / "bench" / f"book-{count}"
    done = folder / ".generated"
    if not done.exists():
        generate(count, folder)
        done.write_text("")
    return folder


def commands(folder: Path, scratch: Path) -> dict[str, list[str]]:
    pactum = [sys.executable, "-m", "pactum"]
    return {
        "check": [*pactum, "check", str(folder), "--as-of", AS_OF],
        "calendar": [*pactum, "calendar", str(folder), *YEAR, "--as-of", AS_OF],
        "report": [*pactum, "report", str(folder), "--as-of", AS_OF, "--out", str(scratch)],
    }


def timed(command: list[str], workers: str | None, env: dict[str, str]) -> float:
    environment = dict(env)
    if workers is not None:
        environment["PACTUM_WORKERS"] = workers
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=environment)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1,100,1000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--report-up-to", type=int, default=100)
    parser.add_argument(
        "--workers",
        help="PACTUM_WORKERS for the runs (1: every borrower in one process); default: one "
        "worker process per core for a book of 50 borrowers or more",
    )
    arguments = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    print(f"workers: {arguments.workers or f'one per core ({cores} cores)'}")
    sizes = sorted({1, *(int(s) for s in arguments.sizes.split(","))})
    folders = {n: book(n) for n in sizes}
    for n in sizes:
        agreements = sum(len(agreements_of(i)) for i in range(n))
        detail = sum(has_detail(i) for i in range(n))
        print(f"book of {n}: {agreements} agreements, {detail} borrowers with detail")
    times: dict[tuple[str, int], list[float]] = {}
    with (
        tempfile.TemporaryDirectory(prefix="pactum-book-bench-") as scratch,
        tempfile.TemporaryDirectory(prefix="pactum-book-bench-pycache-") as prefix,
    ):
        # read from cached bytecode, as an installed command is (check_speed.py says why)
        one = commands(folders[1], Path(scratch) / "warm")
        env = cached_bytecode(sys.executable, Path(prefix), [one["check"], one["calendar"]])
        for _ in range(arguments.repeat):
            for n in sizes:
                for name, command in commands(folders[n], Path(scratch) / str(n)).items():
                    if name == "report" and n > arguments.report_up_to:
                        continue
                    times.setdefault((name, n), []).append(timed(command, arguments.workers, env))
    print(f"\nmedians of {arguments.repeat} runs, each command in its own process")
    print(f"{'command':<10}{'borrowers':>10}{'seconds':>10}{'ratio to 1':>12}")
    for name in ("check", "calendar", "report"):
        if (name, 1) not in times:
            continue  # report with --report-up-to 0
        one = statistics.median(times[(name, 1)])
        for n in sizes:
            if (name, n) in times:
                seconds = statistics.median(times[(name, n)])
                print(f"{name:<10}{n:>10}{seconds:>10.2f}{seconds / one:>11.1f}x")


if __name__ == "__main__":
    main()
