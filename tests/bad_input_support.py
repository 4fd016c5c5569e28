"""What every bad-input test checks: the CLI exits 2 and prints one line per problem,

    error: FILE:line N: FIELD: found X; expected Y      (CSV files say `row N`, header = row 1)

with no traceback. The helpers run a command, find that line and take it apart.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner, Result

from pactum.cli import app

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "innotrac"

ERROR_LINE = re.compile(
    r"^error: (?P<file>.+?):(?P<unit>line|row) (?P<number>\d+): (?P<field>.+?): "
    r"found (?P<found>.*?); expected (?P<expected>.*)$"
)


@dataclass(frozen=True)
class Error:
    file: str
    unit: str
    number: int
    field: str
    found: str
    expected: str


def copy_example(tmp_path: Path) -> Path:
    folder = tmp_path / "innotrac"
    shutil.copytree(EXAMPLE, folder)
    return folder


def replace_once(path: Path, old: str, new: str) -> str:
    """Replace the one occurrence of `old` in `path`; return the new text."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {path.name} exactly once"
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


def line_number(text: str, needle: str) -> int:
    """The 1-based line (or CSV row) of the one line of `text` containing `needle`."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(hits) == 1, f"{needle!r} is on lines {hits}, expected exactly one"
    return hits[0]


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def one_error(result: Result) -> str:
    """The run failed as bad input: exit 2, no traceback, and exactly one error line."""
    assert "Traceback" not in result.output
    assert "Traceback" not in result.stderr
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2, result.output
    lines = error_lines(result)
    assert len(lines) == 1, result.stderr
    return lines[0]


def parsed(line: str) -> Error:
    match = ERROR_LINE.match(line)
    assert match is not None, f"not of the form FILE:line N: FIELD: found X; expected Y: {line}"
    return Error(
        match["file"],
        match["unit"],
        int(match["number"]),
        match["field"],
        match["found"],
        match["expected"],
    )


def assert_error(
    result: Result,
    folder: Path,
    relative: str,
    *,
    unit: str,
    number: int,
    field: str,
    found: str | tuple[str, ...],
    expected: tuple[str, ...],
) -> Error:
    """The one error line names this file, line/row, field, and contains the found word(s)
    and every expected word."""
    error = parsed(one_error(result))
    assert Path(error.file).name == Path(relative).name
    assert Path(error.file) == folder / relative
    assert (error.unit, error.number) == (unit, number)
    assert error.field == field
    for word in (found,) if isinstance(found, str) else found:
        assert word in error.found, f"{word!r} not in found: {error.found!r}"
    for word in expected:
        assert word in error.expected, f"{word!r} not in expected: {error.expected!r}"
    return error


def check(folder: Path) -> Result:
    """`pactum check`: on bad input nothing at all is printed on stdout."""
    result = run("check", str(folder))
    if result.exit_code == 2:
        assert result.stdout == ""
    return result
