"""Issue 18, tracebacks: input that once ended in a Python traceback now gives one line,

    error: FILE:line N: FIELD: found X; expected Y      (CSV: `row N`, the header is row 1)

and exit status 2, with nothing on stdout for `check`. Each test breaks one file of the
example the way the issue's systematic run did; the line or row is counted here by hand.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bad_input_support import check, copy_example, one_error, parsed, replace_once

LOANS = "facts/loans.csv"
LEASE = "agreements/windham-lease.yaml"
ABL = "agreements/southtrust-abl.yaml"
EVENTS = "facts/events.yaml"


def error_of(folder: Path) -> tuple[str, int, str, str, str]:
    """`check` on `folder`: the one error line's (file name, number, field, found, expected)."""
    error = parsed(one_error(check(folder)))
    return Path(error.file).name, error.number, error.field, error.found, error.expected


# 1. files that are not UTF-8 -------------------------------------------------------------


def test_latin1_byte_in_a_term_sheet_names_its_line(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    path = folder / LEASE
    lines = path.read_bytes().split(b"\n")
    lines[2] = b"# Caf\xe9"  # line 3: an e-acute in latin-1
    path.write_bytes(b"\n".join(lines))
    name, line, field, found, expected = error_of(folder)
    assert (name, line, field) == ("windham-lease.yaml", 3, "encoding")
    assert "0xe9" in found
    assert "UTF-8" in expected


def test_utf16_term_sheet_is_named_as_utf16(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    path = folder / LEASE
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    name, line, field, found, expected = error_of(folder)
    assert (name, line, field) == ("windham-lease.yaml", 1, "encoding")
    assert "UTF-16" in found
    assert "UTF-8" in expected


def test_binary_events_file(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    (folder / EVENTS).write_bytes(bytes(range(256)) * 4)
    name, line, field, _, expected = error_of(folder)
    # byte 0x80 is the first that is not UTF-8; before it only byte 0x0a ends a line: line 2
    assert (name, line, field) == ("events.yaml", 2, "encoding")
    assert "UTF-8" in expected


def test_latin1_byte_in_a_csv_names_its_row(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    path = folder / LOANS
    rows = path.read_bytes().split(b"\n")
    rows[2] = rows[2] + b",\xe9"  # row 3
    path.write_bytes(b"\n".join(rows))
    name, row, field, found, expected = error_of(folder)
    assert (name, row, field) == ("loans.csv", 3, "encoding")
    assert "0xe9" in found
    assert "UTF-8" in expected


def test_utf16_csv(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    path = folder / LOANS
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    name, row, field, found, _ = error_of(folder)
    assert (name, row, field) == ("loans.csv", 1, "encoding")
    assert "UTF-16" in found


# 2. YAML dates that do not exist ---------------------------------------------------------


@pytest.mark.parametrize("written", ["2003-02-30", "2003-13-01"])
def test_yaml_date_that_does_not_exist(tmp_path: Path, written: str) -> None:
    folder = copy_example(tmp_path)
    text = replace_once(folder / ABL, "dated: {value: 2003-02-18,", f"dated: {{value: {written},")
    line = text.splitlines().index(f'dated: {{value: {written}, cite: "February 18, 2003"}}') + 1
    name, number, field, found, expected = error_of(folder)
    assert (name, number, field) == ("southtrust-abl.yaml", line, "dated.value")
    assert written in found
    assert "a date that exists" in expected


# 5. a CSV cell over Python's field limit -------------------------------------------------


def test_csv_cell_over_the_field_limit(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    path = folder / LOANS
    rows = path.read_text(encoding="utf-8").splitlines()
    rows[1] = rows[1] + ',"' + "x" * 131_073 + '"'  # row 2, one character over 131,072
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    name, row, field, found, expected = error_of(folder)
    assert (name, row, field) == ("loans.csv", 2, "row")
    assert "131,072" in found
    assert "131,072" in expected


# messages: an unterminated quote is reported where it opens ------------------------------


def test_unterminated_quote_is_reported_at_its_row(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    path = folder / LOANS
    rows = path.read_text(encoding="utf-8").splitlines()
    assert len(rows) > 4  # the quote on row 2 runs on to the last row
    rows[1] = '"' + rows[1]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    name, row, field, found, _ = error_of(folder)
    assert (name, row, field) == ("loans.csv", 2, "row")
    assert "quote on row 2" in found


def test_nul_byte_in_yaml_is_one_line(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    path = folder / LEASE
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[4] = lines[4] + "\x00"  # line 5
    path.write_text("\n".join(lines), encoding="utf-8")
    name, line, field, found, _ = error_of(folder)
    assert (name, line, field, found) == ("windham-lease.yaml", 5, "YAML", "a NUL byte")


# 4. YAML aliases: no recursion, a bounded expansion --------------------------------------


def test_recursive_alias(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    (folder / EVENTS).write_text("# line 1\na: &a [*a]\n", encoding="utf-8")
    name, line, field, found, expected = error_of(folder)
    assert (name, line, field) == ("events.yaml", 2, "a.0")
    assert "alias" in found
    assert expected == "no recursion"


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    # the billion-laughs shape: each level lists the one above nine times, 9^9 values in all
    levels = ['a0: &a0 ["lol"]']
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    (folder / EVENTS).write_text("\n".join(levels) + "\n", encoding="utf-8")
    started = time.perf_counter()
    name, _, _, found, _ = error_of(folder)
    assert time.perf_counter() - started < 0.5
    assert name == "events.yaml"
    assert "more than 10,000 values" in found


def test_aliases_of_the_example_still_load(tmp_path: Path) -> None:
    # the lease's `&twelve` sentence is used by alias in several formulas
    assert "*twelve" in (copy_example(tmp_path) / LEASE).read_text(encoding="utf-8")
    assert check(copy_example(tmp_path / "again")).exit_code == 0
