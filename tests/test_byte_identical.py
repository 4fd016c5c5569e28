"""Issue 18, byte-identical runs: the same inputs give the same bytes for every output, whatever
the process's hash seed, time zone, locale and working directory.

Each environment is one subprocess that runs every command in turn through the CLI (typer's
runner, in that process) and keeps each command's stdout and the files it writes; the two
folders are then compared byte for byte. The example's default as-of date is 2003-12-31
(portfolio.yaml), so the one timestamp a document may carry is midnight UTC of that day.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "innotrac"
SHEET = EXAMPLE / "agreements" / "southtrust-abl.yaml"
FACTS = EXAMPLE / "facts"

# (file the stdout is kept in, the command's arguments); paths written are relative to the
# working directory, which differs between the runs
COMMANDS: list[tuple[str, list[str]]] = [
    ("check.json", ["check", str(EXAMPLE), "--json"]),
    ("check.txt", ["check", str(EXAMPLE)]),
    ("check-2003-02-28.txt", ["check", str(EXAMPLE), "--as-of", "2003-02-28"]),
    ("calendar.txt", ["calendar", str(EXAMPLE), "--ics", "calendar.ics"]),
    ("rent-csv.txt", ["rent", str(EXAMPLE), "windham-lease", "--csv", "rent.csv"]),
    ("rent-xlsx.txt", ["rent", str(EXAMPLE), "windham-lease", "--xlsx", "rent.xlsx"]),
    (
        "collateral.txt",
        [
            "collateral",
            "--agreement",
            str(SHEET),
            "--as-of",
            "2003-11-30",
            "--receivables",
            str(FACTS / "receivables" / "2003-11-30.csv"),
            "--payables",
            str(FACTS / "payables" / "2003-11-30.csv"),
            "--inventory",
            str(FACTS / "inventory" / "2003-11-30.csv"),
            "--loans",
            str(FACTS / "loans.csv"),
            "--out",
            "collateral",
        ],
    ),
    ("report.txt", ["report", str(EXAMPLE), "--out", "report"]),
]

DRIVER = """
import json, sys
from pathlib import Path
from typer.testing import CliRunner
from pactum.cli import app

for kept, args in json.loads(sys.argv[1]):
    result = CliRunner().invoke(app, args)
    if result.exit_code != 0:
        sys.exit(f"pactum {' '.join(args)}: exit {result.exit_code}\\n{result.stderr}")
    Path(kept).write_bytes(result.stdout_bytes)
"""

ENVIRONMENTS = [
    {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C", "LANG": "C"},
    {
        "PYTHONHASHSEED": "4242",
        "TZ": "Pacific/Kiritimati",  # UTC+14: another calendar day than UTC for 14 hours
        "LC_ALL": "C.UTF-8",
        "LANG": "de_DE.UTF-8",
    },
]


def _run(folder: Path, variables: dict[str, str]) -> Path:
    folder.mkdir()
    environment = {**os.environ, **variables}
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    completed = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(COMMANDS)],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    base = tmp_path_factory.mktemp("byte-identical")
    # the two runs side by side: one per core
    with ThreadPoolExecutor(max_workers=2) as pool:
        first, second = pool.map(
            lambda pair: _run(base / pair[0], pair[1]),
            [("a", ENVIRONMENTS[0]), ("b", ENVIRONMENTS[1])],
        )
    return _files(first), _files(second)


def test_every_output_is_the_same_bytes(
    two_runs: tuple[dict[str, bytes], dict[str, bytes]],
) -> None:
    first, second = two_runs
    expected = {
        *(kept for kept, _ in COMMANDS),
        "calendar.ics",
        "rent.csv",
        "rent.xlsx",
        "collateral/certificates.json",
        "collateral/debtors.csv",
    }
    assert expected <= set(first)
    # the four documents of the example, each in three formats
    assert sum(1 for name in first if name.startswith("report/")) == 12
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def test_the_calendar_is_stamped_with_the_as_of_date_not_the_clock(
    two_runs: tuple[dict[str, bytes], dict[str, bytes]],
) -> None:
    text = two_runs[0]["calendar.ics"].decode("utf-8")
    stamps = {line for line in text.splitlines() if line.startswith("DTSTAMP")}
    assert stamps == {"DTSTAMP:20031231T000000Z"}


def test_workbooks_carry_the_as_of_date_only(
    two_runs: tuple[dict[str, bytes], dict[str, bytes]],
) -> None:
    files = two_runs[0]
    workbooks = [name for name in files if name.endswith(".xlsx")]
    assert len(workbooks) == 5  # the rent roll and the four documents
    for name in workbooks:
        with zipfile.ZipFile(io.BytesIO(files[name])) as book:
            core = book.read("docProps/core.xml").decode("utf-8")
            assert {entry.date_time for entry in book.infolist()} == {(2003, 12, 31, 0, 0, 0)}
        assert '<dcterms:created xsi:type="dcterms:W3CDTF">2003-12-31T00:00:00Z<' in core
        assert '<dcterms:modified xsi:type="dcterms:W3CDTF">2003-12-31T00:00:00Z<' in core


def test_pdfs_carry_no_creation_date(two_runs: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    pdfs = [data for name, data in two_runs[0].items() if name.endswith(".pdf")]
    assert len(pdfs) == 4
    for data in pdfs:
        assert b"/CreationDate" not in data and b"/ModDate" not in data
