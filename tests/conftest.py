"""Shared helpers: a copy of the Innotrac example with facts replaced, per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from pactum.collateral.plan_store import PLAN_CACHE
from pactum.evaluate import check
from pactum.findings import AgreementFindings
from pactum.findings_json import serialise
from pactum.portfolio import load_portfolio

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "innotrac"

Evaluate = Callable[..., AgreementFindings]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A private copy of the example portfolio."""
    folder = tmp_path / "innotrac"
    shutil.copytree(EXAMPLE, folder)
    return folder


def evaluator(folder: Path, agreement_id: str, files: dict[str, str]) -> Evaluate:
    """Evaluate one agreement of `folder` on facts written for the test: each keyword of the
    returned function replaces the facts file `files` names for it with the given text."""

    def run(as_of: date, **texts: str) -> AgreementFindings:
        for key, text in texts.items():
            (folder / "facts" / files[key]).write_text(text)
        findings = check(load_portfolio(folder), as_of)
        return findings.agreement(agreement_id)

    return run


@pytest.fixture
def revolver(example: Path) -> Evaluate:
    """The SouthTrust facility; keywords `collateral`, `loans`, `financials`, `events`."""
    return evaluator(
        example,
        "southtrust-abl",
        {
            "collateral": "collateral.csv",
            "loans": "loans.csv",
            "financials": "financials.csv",
            "events": "events.yaml",
        },
    )


@pytest.fixture
def lease(example: Path) -> Evaluate:
    """The Windham lease; keywords `events`, `opex`, and `sheet`, a function that edits the
    term sheet's text."""
    run = evaluator(example, "windham-lease", {"events": "events.yaml", "opex": "opex.csv"})

    def with_sheet(
        as_of: date, sheet: Callable[[str], str] | None = None, **texts: str
    ) -> AgreementFindings:
        if sheet is not None:
            path = example / "agreements" / "windham-lease.yaml"
            path.write_text(sheet(path.read_text()))
        return run(as_of, **texts)

    return with_sheet


def lease_events(*lines: str) -> str:
    """events.yaml text of lease events, each given as `date event [key: value ...]`."""
    out = []
    for line in lines:
        when, event, *rest = line.split(" ", 2)
        out.append(f"- date: {when}\n  agreement: windham-lease\n  event: {event}\n")
        if rest:
            for pair in rest[0].split(", "):
                out.append(f"  {pair}\n")
    return "".join(out)


@pytest.fixture
def standstill(example: Path) -> Evaluate:
    """The IPOF standstill; keywords `ownership`, `volume` (trading_volume.csv), `events`."""
    return evaluator(
        example,
        "ipof-standstill",
        {"ownership": "ownership.csv", "volume": "trading_volume.csv", "events": "events.yaml"},
    )


def values_of(findings: AgreementFindings) -> dict[str, str | None]:
    """The findings' values as the JSON gives them."""
    return {v.id: serialise(v) for v in findings.values}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="write the golden files in tests/golden anew from the code (review the diff)",
    )


@pytest.fixture(autouse=True, scope="session")
def _plan_store_of_the_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The collateral engine's compiled plans kept in a store of this session's own, not in
    the user's cache folder: the commands the tests run, in this process or another, share
    it, and no run of the suite reads what an earlier one stored."""
    store = str(tmp_path_factory.mktemp("plans"))
    earlier = os.environ.get(PLAN_CACHE)
    os.environ[PLAN_CACHE] = store
    yield
    if earlier is None:
        del os.environ[PLAN_CACHE]
    else:
        os.environ[PLAN_CACHE] = earlier
