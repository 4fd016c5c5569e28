"""A large book's borrowers, run in worker processes.

`pactum check` and `pactum calendar` over a lender's book spend nearly all their time on each
borrower alone: reading its term sheets and facts, computing its agreements, rendering its
tables. Each worker process (forked, so nothing is imported again) takes a run of the book's
borrowers in order (`load_book(root, part)`), checks their citations, computes and renders
them, and gives back what it made (text, or JSON data); the parent prints the shares in the
book's order. What is printed is what one process prints: no borrower's part depends on
another's, and where one process would stop on bad input the parent stops on the same
problem, the first the one-process run meets (it loads every borrower, then checks each
borrower's citations, then computes each).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import Any

from rich.console import Console

from pactum.errors import InputError, Problem, option_problem
from pactum.evaluate import check_book
from pactum.findings_json import serialise
from pactum.obligations_calendar import book_calendar, book_order
from pactum.portfolio import Book, load_book
from pactum.terminal import calendar_tables, print_agreements, print_calendar_table
from pactum.verify import verify_portfolio

# a worker's share of fewer borrowers than this costs more to start and gather than it saves
BORROWERS_PER_WORKER = 25
# the number of worker processes, instead of one per core (1: none, all in this process)
WORKERS_VARIABLE = "PACTUM_WORKERS"
MAX_WORKERS = 256


class Stage(IntEnum):
    """How far a share got: where it stopped on bad input, or done."""

    load = 0
    citations = 1
    compute = 2
    done = 3


@dataclass(frozen=True)
class Share:
    """What one worker gives back."""

    stage: Stage
    problems: tuple[Problem, ...] = ()  # load, compute: the bad input's problems
    citations: tuple[str, ...] = ()  # citations: the first borrower's failing citations
    result: Any = None  # done: what the job made


class Stopped(Exception):
    """A share stopped on bad input: the lines to print (each `error: ...`), exit status 2."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = list(lines)
        super().__init__("\n".join(self.lines))


def workers_for(borrowers: int) -> int:
    """How many worker processes for a book of `borrowers`: one per core this process may use,
    each with BORROWERS_PER_WORKER borrowers or more (PACTUM_WORKERS sets the number instead);
    1, no workers, where forking is not safe: outside Linux, and once this process has opened
    its DuckDB database."""
    wanted = os.environ.get(WORKERS_VARIABLE)
    text = (wanted or "").strip()
    if wanted is not None and not (
        text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_WORKERS
    ):
        raise option_problem(
            WORKERS_VARIABLE,
            repr(wanted),
            f"a whole number of worker processes from 1 to {MAX_WORKERS}",
        )
    if sys.platform != "linux" or _database_opened():
        return 1
    if wanted is not None:
        return max(1, min(int(text), borrowers))
    cores = len(os.sched_getaffinity(0))
    return max(1, min(cores, borrowers // BORROWERS_PER_WORKER))


def _database_opened() -> bool:
    """Whether this process has opened its DuckDB database. Asked of the engines' module only
    once something has imported it: a process that never has opened none, and importing it
    here (DuckDB and Ibis, most of a second) would make every command start slower."""
    engines = sys.modules.get("pactum.collateral.engines")
    return engines is not None and bool(engines.database_opened())


def run_shares(
    root: Path, borrowers: Sequence[str], job: Callable[[Book], Any], workers: int
) -> list[Any]:
    """`job` over the book at `root`, its borrowers split into `workers` runs in order, each
    in its own process; what each run's job made, in the book's order. Bad input anywhere
    raises `Stopped` with what the run in one process would have printed."""
    global _RUN
    shares = _split(borrowers, workers)
    # the workers are forked with the run in hand: the job (which may hold the console it
    # prints as) is not sent to them, only each share's number
    _RUN = (root, shares, job)
    # what the parent holds is left out of the workers' garbage collection, which would
    # otherwise write to every page of it and so copy it into each worker
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(len(shares)) as pool:
            done = pool.map(_run_share, range(len(shares)), chunksize=1)
    finally:
        _RUN = None
        gc.unfreeze()
    for stage in (Stage.load, Stage.citations, Stage.compute):
        stopped = next((s for s in done if s.stage is stage), None)
        if stopped is not None and stage is Stage.citations:
            raise Stopped([f"error: {line}" for line in stopped.citations])
        if stopped is not None:
            raise Stopped([f"error: {problem}" for problem in stopped.problems])
    return [s.result for s in done]


def _split(borrowers: Sequence[str], workers: int) -> list[frozenset[str]]:
    """The borrowers in `workers` runs in the book's order, as even in length as can be."""
    count = min(workers, len(borrowers))
    size, extra = divmod(len(borrowers), count)
    shares, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        shares.append(frozenset(borrowers[start:end]))
        start = end
    return shares


# the run the workers are forked for: the book, its shares and the job
_RUN: tuple[Path, list[frozenset[str]], Callable[[Book], Any]] | None = None


def _run_share(index: int) -> Share:
    """In a worker: load the share's borrowers, check their citations, run the job."""
    assert _RUN is not None  # set before the workers are forked
    root, shares, job = _RUN
    share = shares[index]
    try:
        book = load_book(root, share)
    except InputError as exc:
        return Share(Stage.load, tuple(exc.problems))
    for borrower in book.borrowers:
        failures = verify_portfolio(borrower.portfolio).citation_failures
        if failures:
            return Share(Stage.citations, citations=tuple(str(f) for f in failures))
    try:
        return Share(Stage.done, result=job(book))
    except InputError as exc:
        return Share(Stage.compute, tuple(exc.problems))


# The commands' jobs, one share of the book each (module functions, so that a worker finds them)


def findings_text(console: Console, as_of: date, book: Book) -> str:
    """`pactum check`'s text for the share's borrowers, as `console` prints it."""
    findings = check_book(book, as_of)
    with console.capture() as captured:
        print_agreements(findings, console)
    return captured.get()


def findings_json(as_of: date, book: Book) -> dict[str, Any]:
    """`pactum check --json`'s document for the share's borrowers."""
    document: dict[str, Any] = serialise(check_book(book, as_of))
    return document


def joined_json(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The shares' documents as the book's one: its borrowers and agreements in order."""
    joined = dict(documents[0])
    joined["borrowers"] = [b for d in documents for b in d["borrowers"]]
    joined["agreements"] = [a for d in documents for a in d["agreements"]]
    return joined


# (its first entry's place in the book's calendar, `book_order`; its text)
CalendarTable = tuple[tuple[date, str, str, str], str]


def calendar_text(
    console: Console, as_of: date, start: date, end: date, book: Book
) -> tuple[int, list[CalendarTable]]:
    """`pactum calendar`'s tables for the share's borrowers, each with where it goes among
    the book's (by its first entry, in the book's calendar order), and how many obligations
    they list."""
    listing = book_calendar(book, as_of, start, end)
    tables = []
    for (borrower, agreement), entries in calendar_tables(listing).items():
        with console.capture() as captured:
            print_calendar_table(borrower, agreement, entries, console)
        tables.append((book_order(entries[0]), captured.get()))
    return len(listing.entries), tables


def joined_calendar(shares: Sequence[tuple[int, list[CalendarTable]]]) -> tuple[int, list[str]]:
    """The shares' tables in the book's calendar order, and the obligations they list."""
    tables = sorted((t for _, found in shares for t in found), key=lambda t: t[0])
    return sum(count for count, _ in shares), [text for _, text in tables]
