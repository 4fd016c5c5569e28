"""Input errors that name where the problem is.

Every problem with a user's files becomes one `InputError`: the file, the line or row, the
field, what was found and what was expected. The CLI prints each on one line and exits 2;
nothing else in Pactum prints tracebacks for bad input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in one file."""

    file: Path | str
    line: int | None  # line number (YAML) or row number (CSV, header = row 1)
    field: str
    found: str
    expected: str
    unit: str = "line"  # "line" or "row"

    def __str__(self) -> str:
        what = f"{self.field}: found {self.found}; expected {self.expected}"
        where = str(self.file)
        if not where:
            return what  # a command-line option: the field is the option
        if self.line is not None:
            where += f":{self.unit} {self.line}"
        return f"{where}: {what}"


class InputError(Exception):
    """Bad input: one or more problems, each reported on its own line."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


T = TypeVar("T")


def in_stable_order(problems: Iterable[Problem]) -> list[Problem]:
    """Each file's problems together, files in the order they were read, each file's by line
    (a problem without a line first); a problem found twice is listed once. The same input
    lists the same lines in the same order, whatever order the checks ran in."""
    files: dict[str, int] = {}
    for problem in problems:
        files.setdefault(str(problem.file), len(files))
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (files[str(p.file)], p.line is not None, p.line or 0))


@dataclass
class Gathered:
    """The problems of independent parts of the input (each term sheet, each facts file, each
    detail file), so that one run lists them all rather than the first part's alone."""

    problems: list[Problem] = field(default_factory=list)

    def attempt(self, step: Callable[[], T]) -> T | None:
        """`step()`, or None with its problems kept when it is bad input."""
        try:
            return step()
        except InputError as error:
            self.problems.extend(error.problems)
            return None

    def raise_any(self) -> None:
        """Raise every problem gathered, each on its own line, in a stable order."""
        if self.problems:
            raise InputError(in_stable_order(self.problems))


def fail(
    file: Path | str,
    line: int | None,
    field: str,
    found: str,
    expected: str,
    unit: str = "line",
) -> InputError:
    """Build a one-problem InputError (callers `raise fail(...)`)."""
    return InputError([Problem(file, line, field, found, expected, unit)])


def option_problem(option: str, found: str, expected: str) -> InputError:
    """A bad command-line option value: `--sent: found ...; expected ...`."""
    return InputError([Problem("", None, option, found, expected)])


def shown(value: object) -> str:
    """How a found value is quoted in a message."""
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


# Pydantic names a mapping's key that is not text by its repr: a date or a number as YAML wrote it
_KEY_REPRS = (
    (re.compile(r"datetime\.date\((\d+), (\d+), (\d+)\)"), "{0:0>4}-{1:0>2}-{2:0>2}"),
    (re.compile(r"Decimal\('([^']*)'\)"), "{0}"),
)


def _as_written(part: str | int) -> str:
    """A place in a file as the file writes it (`2003-03-31`, not `datetime.date(2003, 3, 31)`)."""
    text = str(part)
    for pattern, form in _KEY_REPRS:
        if match := pattern.fullmatch(text):
            return form.format(*match.groups())
    return text


def validation_problems(
    file: Path | str,
    exc: ValidationError,
    line_of: Callable[[tuple[str | int, ...]], int | None],
    prefix: str = "",
) -> InputError:
    """One Problem per Pydantic error, placed by `line_of(loc)`; `prefix` names the part of
    the file the model was read from (a clause's id)."""
    problems = []
    for error in exc.errors():
        # Pydantic adds union branch names and tags to loc (e.g. 'Term[Decimal]',
        # 'rule[offset]'); they are not fields
        loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p))
        if error["type"] == "missing":
            found, expected = "nothing", "a value (this term is required)"
        elif error["type"] == "extra_forbidden":
            found, expected = "an unknown term", "only the terms of the schema"
        else:
            given = error.get("input")
            # a term written {value, cite|assumed}: its value is what was found
            if isinstance(given, dict) and "value" in given:
                given = given["value"]
            found = shown(given)
            expected = error["msg"].removeprefix("Value error, ")
        field = ".".join(_as_written(p) for p in (prefix, *loc) if p != "") or "(top)"
        problems.append(Problem(file, line_of(loc), field, found, expected))
    return InputError(problems)
