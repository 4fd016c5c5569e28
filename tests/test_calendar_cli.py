"""`pactum calendar` on the command line: the window, the table, the JSON, and bad input
(one line, exit 2, no file written)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bad_input_support import one_error, run
from conftest import EXAMPLE


def calendar(*options: str) -> tuple[int, str, str]:
    result = run("calendar", str(EXAMPLE), *options)
    return result.exit_code, result.stdout, result.stderr


def test_the_default_window_is_the_as_of_year() -> None:
    code, stdout, _ = calendar("--json")
    assert code == 0
    document = json.loads(stdout)
    assert (document["from"], document["to"], document["as_of"]) == (
        "2003-01-01",
        "2003-12-31",
        "2003-12-31",
    )
    assert document["schema"] == "pactum.calendar/1"
    assert len(document["events"]) == 53
    code, stdout, _ = calendar("--json", "--as-of", "2004-06-30")
    assert (json.loads(stdout)["from"], json.loads(stdout)["to"]) == ("2004-01-01", "2004-12-31")


def test_one_bound_takes_the_other_from_its_year() -> None:
    _, stdout, _ = calendar("--json", "--from", "2004-03-01")
    assert (json.loads(stdout)["from"], json.loads(stdout)["to"]) == ("2004-03-01", "2004-12-31")
    _, stdout, _ = calendar("--json", "--to", "2003-04-01")
    assert (json.loads(stdout)["from"], json.loads(stdout)["to"]) == ("2003-01-01", "2003-04-01")


def test_the_json_event_fields() -> None:
    _, stdout, _ = calendar("--json", "--from", "2003-04-01", "--to", "2003-04-01")
    events = json.loads(stdout)["events"]
    # 4/1/03: the monitoring fee and the first rent of Lease Year 1
    assert [(e["agreement"], e["amount"]) for e in events] == [
        ("southtrust-abl", "1555.00"),
        ("windham-lease", "44936.03"),
    ]
    rent = events[1]
    assert set(rent) == {
        "uid",
        "date",
        "agreement",
        "agreement_title",
        "title",
        "category",
        "id",
        "what",
        "amount",
        "source",
        "note",
    }
    assert rent["uid"] == "rent-2003-04.windham-lease@pactum"
    assert rent["category"] == "rent"
    assert rent["date"] == "2003-04-01"
    # Lease Year 1's $61,121.84 less April's $16,185.81 abatement
    assert rent["title"] == "Rent $44,936.03 \u00b7 Windham"


def test_the_table_is_one_per_agreement_with_each_source_once() -> None:
    code, stdout, _ = calendar("--from", "2003-06-01", "--to", "2003-06-01")
    assert code == 0
    for word in ("date", "what", "amount", "source", "$53,028.93", "$1,555.00"):
        assert word in stdout
    assert "falls on a Sunday; not rolled" in stdout
    assert "SouthTrust asset-based revolving credit facility (southtrust-abl): 1 obligations" in (
        stdout
    )
    assert "2 obligations" in stdout
    # 2003: the monitoring fee's clause behind 10 fees (March to December) is printed once
    _, stdout, _ = calendar()
    assert stdout.count('"Monthly monitoring fee of $1,555."') == 1
    assert stdout.count("Monthly ABL monitoring fee") == 10
    # the weekly reports' clause, behind 18 rows, once too
    assert stdout.count("The letter sets no day for weekly reports") == 1
    assert stdout.splitlines()[-1] == "53 obligations"


@pytest.mark.parametrize(
    ("options", "starts"),
    [
        (("--from", "2003-13-01"), "error: --from: found '2003-13-01'; expected a date"),
        (("--to", "31/12/2003"), "error: --to: found '31/12/2003'; expected a date"),
        (
            ("--from", "2003-07-01", "--to", "2003-06-30"),
            "error: --from: found 2003-07-01 after --to 2003-06-30; expected",
        ),
        (("--remind-days", "-1"), "error: --remind-days: found '-1'; expected a whole number"),
        (("--remind-days", "a week"), "error: --remind-days: found 'a week'; expected"),
        (
            ("--agreement", "windham"),
            "error: --agreement: found 'windham'; expected one of southtrust-abl, "
            "windham-lease, ipof-standstill",
        ),
        (
            ("--agreement", "windham-lease", "--category", "rents"),
            "error: --category: found 'rents'; expected one of report, fee, rent, payment, "
            "covenant_test, option_deadline, deadline, end, other",
        ),
    ],
)
def test_bad_options(options: tuple[str, ...], starts: str, tmp_path: Path) -> None:
    target = tmp_path / "out.ics"
    result = run("calendar", str(EXAMPLE), "--ics", str(target), *options)
    assert one_error(result).startswith(starts)
    assert result.stdout == ""
    assert not target.exists()


def test_an_ics_path_under_a_file_is_refused_whole(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file")
    target = blocker / "out.ics"
    line = one_error(run("calendar", str(EXAMPLE), "--ics", str(target)))
    assert line.startswith(f"error: --ics: found '{target}' (")
    assert line.endswith("expected a file path in a folder that can be written")
    assert blocker.read_text() == "a file"


def test_an_ics_path_that_is_a_folder_is_refused_and_left_clean(tmp_path: Path) -> None:
    folder = tmp_path / "calendar.ics"
    folder.mkdir()
    line = one_error(run("calendar", str(EXAMPLE), "--ics", str(folder)))
    assert line.startswith(f"error: --ics: found '{folder}' (")
    assert list(folder.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir()] == ["calendar.ics"]  # no temporary file left
