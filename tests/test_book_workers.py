"""A book run in worker processes prints what the run in one process prints, byte for byte,
and stops on the same bad input.

Each run is its own `python -m pactum` process (a worker is forked from it), once with
PACTUM_WORKERS=1 (all in one process) and once with 2 (the two borrowers of the test book in
two workers, one each), and the two are compared whole: stdout, stderr and exit status.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from test_book import facts_book, folder_book

BUILDERS = pytest.mark.parametrize("build", [folder_book, facts_book], ids=["folders", "facts"])


def misquote(sheet: Path) -> None:
    """The sheet says 80% where the letter says 85%: a citation that fails."""
    text = sheet.read_text(encoding="utf-8")
    sheet.write_text(text.replace("value: 0.85", "value: 0.80", 1), encoding="utf-8")


def pactum(workers: str, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PACTUM_WORKERS": workers, "PYTHONHASHSEED": "0"}
    return subprocess.run(
        [sys.executable, "-m", "pactum", *args],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=600,
    )


def same_in_workers(*args: str) -> subprocess.CompletedProcess[str]:
    """The command run in one process and in two workers: the same output and status."""
    alone, shared = pactum("1", *args), pactum("2", *args)
    assert "Traceback" not in alone.stderr + shared.stderr
    assert (shared.returncode, shared.stdout, shared.stderr) == (
        alone.returncode,
        alone.stdout,
        alone.stderr,
    )
    return shared


@BUILDERS
def test_check_in_workers_prints_what_one_process_prints(tmp_path: Path, build: object) -> None:
    book = build(tmp_path)  # type: ignore[operator]
    result = same_in_workers("check", str(book))
    assert result.returncode == 0
    # both borrowers, in the book's order, under one heading
    assert result.stdout.count("Example lending desk as of 2003-12-31") == 1
    assert result.stdout.index("Borrower acme") < result.stdout.index("Borrower beta")


def test_check_json_in_workers_is_the_books_one_document(tmp_path: Path) -> None:
    result = same_in_workers("check", str(folder_book(tmp_path)), "--json", "--as-of", "2003-11-30")
    document = json.loads(result.stdout)
    assert [b["id"] for b in document["borrowers"]] == ["acme", "beta"]
    assert [(a["borrower"], a["id"]) for a in document["agreements"]] == [
        ("acme", "ipof-standstill"),
        ("acme", "southtrust-abl"),
        ("acme", "windham-lease"),
        ("beta", "southtrust-abl"),
    ]


def test_the_calendar_in_workers_interleaves_the_borrowers_tables(tmp_path: Path) -> None:
    book = folder_book(tmp_path)
    result = same_in_workers("calendar", str(book), "--from", "2003-01-01", "--to", "2003-12-31")
    # the tables come in the order of their first obligations across both borrowers: beta's
    # revolver (its first fee on 2003-03-01, as acme's) sits between acme's revolver and
    # acme's lease (its first rent later), not after all of acme's
    titles = [line for line in result.stdout.splitlines() if "obligations" in line]
    assert titles[0].startswith("Example lending desk: obligations from 2003-01-01")
    assert [t.split(" (")[1].split(")")[0] for t in titles[1:-1]] == [
        "southtrust-abl",
        "southtrust-abl",
        "windham-lease",
    ]
    assert [t.split(":")[0] for t in titles[1:-1]] == ["acme", "beta", "acme"]
    # the total is the tables' own counts added up
    counts = [int(t.rsplit(": ", 1)[1].split()[0]) for t in titles[1:-1]]
    assert titles[-1] == f"{sum(counts)} obligations"


def test_a_load_problem_in_a_later_share_comes_before_a_citation_in_an_earlier(
    tmp_path: Path,
) -> None:
    """One process loads every borrower before it checks any citation: beta's broken sheet
    (the second worker's) is what both runs report, not acme's misquoted term."""
    book = folder_book(tmp_path)
    misquote(book / "borrowers" / "acme" / "agreements" / "southtrust-abl.yaml")
    beta = book / "borrowers" / "beta" / "agreements" / "southtrust-abl.yaml"
    beta.write_text(beta.read_text(encoding="utf-8") + "clauses: [\n", encoding="utf-8")
    result = same_in_workers("check", str(book))
    assert result.returncode == 2
    [line] = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert "borrowers/beta/agreements/southtrust-abl.yaml" in line


def test_a_citation_failure_stops_both_runs_alike(tmp_path: Path) -> None:
    book = folder_book(tmp_path)
    misquote(book / "borrowers" / "beta" / "agreements" / "southtrust-abl.yaml")
    result = same_in_workers("calendar", str(book))
    assert result.returncode == 2
    assert "beta/agreements/southtrust-abl.yaml" in result.stderr
    assert "receivables_rate" in result.stderr


@pytest.mark.parametrize("workers", ["two", "0", "\u00b2", "257"])
def test_a_bad_number_of_workers(tmp_path: Path, workers: str) -> None:
    result = pactum(workers, "check", str(folder_book(tmp_path)))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    [line] = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert f"PACTUM_WORKERS: found {workers!r}" in line
    assert "expected a whole number of worker processes from 1 to 256" in line


def test_a_bad_window_and_a_broken_sheet_report_the_sheet_as_one_process_does(
    tmp_path: Path,
) -> None:
    """One process loads the book before it reads --from and --to: the sheet is reported."""
    book = folder_book(tmp_path)
    beta = book / "borrowers" / "beta" / "agreements" / "southtrust-abl.yaml"
    beta.write_text(beta.read_text(encoding="utf-8") + "clauses: [\n", encoding="utf-8")
    result = same_in_workers("calendar", str(book), "--from", "2003-13-01")
    assert result.returncode == 2
    [line] = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert "borrowers/beta/agreements/southtrust-abl.yaml" in line
    # the window alone is reported when the book is sound, in workers as in one process
    beta.write_text(beta.read_text(encoding="utf-8").removesuffix("clauses: [\n"))
    result = same_in_workers("calendar", str(book), "--from", "2003-13-01")
    assert result.returncode == 2
    assert "--from: found '2003-13-01'" in result.stderr
