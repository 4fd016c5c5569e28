"""Golden findings: `pactum check --json` of the example at every date the README's tour shows.

The files in tests/golden/findings/ were written by the command and reviewed: they pin every
figure, test, obligation and alert of the tour, so a change of structure that moves any of them
fails here. Each run uses another hash seed, time zone and working directory, because the same
inputs must give the same bytes. `pytest --update-golden` writes the files anew (review the diff).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE

GOLDEN = Path(__file__).resolve().parent / "golden" / "findings"
TOUR_DATES = [
    "2003-02-28",
    "2003-03-31",
    "2003-04-15",
    "2003-06-30",
    "2003-08-31",
    "2003-11-30",
    "2003-12-31",
    "2004-04-01",
    "2004-10-01",
    "2005-03-31",
    "2005-04-01",
]


@pytest.mark.parametrize(
    ("as_of", "seed", "zone"),
    [
        (d, str(i + 1), ["UTC", "Pacific/Auckland", "America/New_York"][i % 3])
        for i, d in enumerate(TOUR_DATES)
    ],
)
def test_findings_equal_the_golden_file(
    as_of: str, seed: str, zone: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": zone}
    run = subprocess.run(
        [sys.executable, "-m", "pactum", "check", str(EXAMPLE), "--as-of", as_of, "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    golden = GOLDEN / f"innotrac-{as_of}.json"
    if request.config.getoption("--update-golden"):
        golden.write_text(run.stdout)
    assert run.stdout == golden.read_text(), f"findings at {as_of} differ from {golden.name}"
