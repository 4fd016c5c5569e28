"""Issue 18, all or nothing: a multi-file output is written to a temporary folder beside its
target and moved into place in one rename; until then the target is as it was. A run killed at
the worst moment, just before that rename, leaves the old folder whole, and the next run
removes the temporary folder it left.

`report` prints its PDFs with WeasyPrint (seconds a document); these tests replace the
printer with a stand-in, the files' bytes are not what they are about.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bad_input_support import EXAMPLE, one_error, run
from pactum.files import atomic
from pactum.files.atomic import remove_stale_temporaries, write_atomically, write_files_atomically

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = (  # the example's four documents on its default date, each in three formats
    "borrowing-base-certificate-southtrust-abl-2003-12-31",
    "compliance-certificate-southtrust-abl-2003-12-31",
    "ownership-and-voting-ipof-standstill-2003-12-31",
    "rent-roll-windham-lease-2003-12-31",
)
LAST_MONTH = "rent-roll-windham-lease-2003-11-30.pdf"  # another date's file: kept beside
NEW_FILES = sorted(f"{stem}.{suffix}" for stem in DOCUMENTS for suffix in ("html", "pdf", "xlsx"))


def _contents(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _temporaries(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".pactum-" in p.name)


def _dead_pid() -> int:
    """The id of a process that has ended (reused only after the system wraps around)."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(child.stdout)


@pytest.fixture
def old_report(tmp_path: Path) -> Path:
    """A report folder: two of the files `report` writes, from an earlier run for the same date,
    last month's rent roll, and a file of the user's."""
    folder = tmp_path / "report"
    folder.mkdir()
    (folder / "rent-roll-windham-lease-2003-12-31.html").write_text("an earlier rent roll")
    (folder / "rent-roll-windham-lease-2003-12-31.pdf").write_bytes(b"%PDF- an earlier run")
    (folder / LAST_MONTH).write_bytes(b"%PDF- last month's")
    (folder / "notes.txt").write_text("kept by the user")
    return folder


@pytest.fixture
def quick_pdfs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pactum.reports.report_set.render_pdf", lambda html: b"%PDF-stand-in")


@pytest.mark.usefixtures("quick_pdfs")
def test_a_fault_before_the_rename_leaves_the_old_folder(
    old_report: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _contents(old_report)

    def disk_full(staging: Path, place: Path) -> Path | None:
        # every new file is written by now, in the temporary folder beside the target
        assert sorted(p.name for p in staging.iterdir()) == sorted(
            [*NEW_FILES, LAST_MONTH, "notes.txt"]
        )
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_move_into_place", disk_full)
    result = run("report", str(EXAMPLE), "--out", str(old_report))
    # an option's error names the option, not a file and line
    assert one_error(result) == (
        f"error: --out: found {str(old_report)!r} (No space left on device); "
        "expected a folder that can be created and written to"
    )
    assert _contents(old_report) == before
    assert _temporaries(old_report.parent) == []


@pytest.mark.usefixtures("quick_pdfs")
def test_a_run_killed_before_the_rename_leaves_the_old_folder_and_the_next_run_cleans_up(
    old_report: Path,
) -> None:
    before = _contents(old_report)
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_RUN, str(EXAMPLE), str(old_report)],
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                [str(ROOT / "src"), str(ROOT / "tests"), os.environ.get("PYTHONPATH", "")]
            ),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert _contents(old_report) == before
    [left] = _temporaries(old_report.parent)  # the killed run's complete new folder
    assert left.startswith(".report.pactum-")

    result = run("report", str(EXAMPLE), "--out", str(old_report))
    assert result.exit_code == 0, result.stderr
    assert _temporaries(old_report.parent) == []
    after = _contents(old_report)
    assert sorted(after) == sorted([*NEW_FILES, LAST_MONTH, "notes.txt"])
    assert after["notes.txt"] == b"kept by the user"
    assert after[LAST_MONTH] == b"%PDF- last month's"
    assert after["rent-roll-windham-lease-2003-12-31.pdf"] == b"%PDF-stand-in"


# the killed run: `report` whose last step, the rename, is replaced by SIGKILL to itself
KILLED_RUN = """
import os, signal, sys
from typer.testing import CliRunner
from pactum.cli import app
import pactum.files.atomic as atomic
import pactum.reports.report_set as report_set

report_set.render_pdf = lambda html: b"%PDF-stand-in"
atomic._move_into_place = lambda staging, place: os.kill(os.getpid(), signal.SIGKILL)
CliRunner().invoke(app, ["report", sys.argv[1], "--out", sys.argv[2]])
"""


def test_a_new_folder_is_made_in_one_rename(tmp_path: Path) -> None:
    folder = tmp_path / "deep" / "out"
    written = write_files_atomically(folder, {"a.html": b"a", "b.pdf": b"b"})
    assert written == [folder / "a.html", folder / "b.pdf"]
    assert _contents(folder) == {"a.html": b"a", "b.pdf": b"b"}
    assert _temporaries(folder.parent) == []
    assert oct(folder.stat().st_mode & 0o777) != oct(0o700)  # not mkdtemp's private mode


def test_an_existing_folder_is_swapped_whole_keeping_what_is_not_rewritten(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "kept.txt").write_bytes(b"sub")
    (folder / "a.html").write_bytes(b"old a")
    (folder / "mine.txt").write_bytes(b"mine")
    (folder / ".a.html.tmp123").write_bytes(b"an older writer's leftover")
    write_files_atomically(folder, {"a.html": b"new a"})
    # the older writer's temporary file beside a.html is not carried into the new folder
    assert _contents(folder) == {"a.html": b"new a", "mine.txt": b"mine", "sub/kept.txt": b"sub"}
    assert _temporaries(tmp_path) == []


def test_without_an_atomic_swap_the_old_folder_is_moved_aside_then_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "_exchange", lambda first, second: False)
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "a.html").write_bytes(b"old")
    write_files_atomically(folder, {"a.html": b"new"})
    assert _contents(folder) == {"a.html": b"new"}
    assert _temporaries(tmp_path) == []


def test_a_symlinked_folder_keeps_its_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.html").write_bytes(b"old")
    link = tmp_path / "link"
    link.symlink_to(real)
    write_files_atomically(link, {"a.html": b"new"})
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert (real / "a.html").read_bytes() == b"new"


def test_stale_temporaries_of_ended_runs_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    target = tmp_path / "rent.csv"
    dead = tmp_path / f".rent.csv.pactum-{_dead_pid()}-abc"
    dead.write_text("half a roll")
    dead_folder = tmp_path / f".rent.csv.pactum-{_dead_pid()}-def"
    (dead_folder / "inner").mkdir(parents=True)
    live = tmp_path / f".rent.csv.pactum-{os.getppid()}-ghi"  # the process that started pytest
    live.write_text("being written")
    other = tmp_path / ".other.csv.pactum-1-x"  # another target's: not this write's business
    other.write_text("x")

    def write(temporary: Path) -> None:
        temporary.write_text("month,rent\n")

    write_atomically(target, write)
    assert target.read_text() == "month,rent\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [target.name, live.name, other.name]
    )
    assert remove_stale_temporaries(target) == []  # nothing left to remove


def test_the_working_folder_is_written_file_by_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `--out .`: swapping the folder a shell is in would leave that shell in a removed folder
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.txt").write_bytes(b"mine")
    written = write_files_atomically(Path("."), {"a.html": b"a"})
    assert written == [Path("a.html")]
    assert _contents(tmp_path) == {"a.html": b"a", "mine.txt": b"mine"}
    assert Path.cwd() == tmp_path and _temporaries(tmp_path) == []
