"""Checks of financial tests beyond their schema: each test's shape, the names it reads, its
schedule's named dates, and its measuring table (rows in order, none overlapping)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from pactum.definitions import DefinitionSet
from pactum.expressions import ExpressionError
from pactum.financial_tests.evaluation import row_first, row_last
from pactum.financial_tests.schema import FinancialItems, FinancialTest
from pactum.terms.formulas import Formula
from pactum.terms.values import Term

# (path within the clause, found, expected)
Found = tuple[tuple[str | int, ...], str, str]


def definition_set(
    items: FinancialItems | None, definitions: Mapping[str, Term[Formula]]
) -> DefinitionSet:
    """The definitions over the declared items; raises ExpressionError naming a definition."""
    known = frozenset(items.balance) | frozenset(items.flow) if items else frozenset()
    return DefinitionSet.parse({k: v.value for k, v in definitions.items()}, known)


def definition_problems(
    items: FinancialItems | None, definitions: Mapping[str, Term[Formula]]
) -> tuple[DefinitionSet | None, list[Found]]:
    try:
        parsed = definition_set(items, definitions)
    except ExpressionError as exc:
        name = str(exc).split(":", 1)[0]
        return None, [
            (("definitions", name), str(exc).split(": ", 1)[-1], "arithmetic over named items")
        ]
    return parsed, [(("definitions", n), f, e) for n, f, e in parsed.problems()]


def test_problems(
    tests: Sequence[FinancialTest],
    definitions: DefinitionSet,
    date_names: set[str],
    at: tuple[str | int, ...],
) -> list[Found]:
    """Problems of each test, its path under `at` (e.g. `("tests",)`)."""
    problems: list[Found] = []
    known = definitions.items | set(definitions.expressions)
    for i, test in enumerate(tests):
        here = (*at, i)
        problems += _shape_problems(test, here)
        for field in ("metric", "numerator", "denominator", "driver"):
            name = getattr(test, field)
            if name is not None and name not in known:
                problems.append(
                    (
                        (*here, field),
                        f"unknown financial item {name!r}",
                        "a declared financial item or definition",
                    )
                )
        for key in test.schedule or {}:
            if isinstance(key, str) and key not in date_names:
                problems.append(
                    (
                        (*here, "schedule", key),
                        f"unknown date {key!r}",
                        "a date, or a name under the sheet's `dates:`",
                    )
                )
        problems += _table_problems(test, here)
    return problems


def _shape_problems(test: FinancialTest, here: tuple[str | int, ...]) -> list[Found]:
    is_ratio = test.numerator is not None or test.denominator is not None
    if is_ratio == (test.metric is not None):
        return [
            (
                here,
                "both or neither of metric and numerator/denominator",
                "either metric, or numerator and denominator",
            )
        ]
    if is_ratio and (test.numerator is None or test.denominator is None):
        return [(here, "half a ratio", "both numerator and denominator")]
    if (test.level is None) == (test.schedule is None):
        return [(here, "both or neither of level and schedule", "either level or schedule")]
    if test.then is not None and test.schedule is None:
        return [((*here, "then"), "a step after no schedule", "then only with a schedule")]
    if test.schedule is not None and not test.schedule:
        return [((*here, "schedule"), "an empty schedule", "at least one date and level")]
    problems: list[Found] = []
    if is_ratio:  # a ratio's level cannot be negative; an amount's may (a minimum loss)
        levels: dict[tuple[str, ...], Term[Decimal]] = {}
        if test.level is not None:
            levels[("level",)] = test.level
        for key, term in (test.schedule or {}).items():
            written = key.isoformat() if isinstance(key, date) else key
            levels[("schedule", written)] = term
        for path, term in levels.items():
            if term is not None and term.value < 0:
                problems.append(
                    (
                        (*here, *path, "value"),
                        f"{term.value}",
                        "greater than or equal to 0 (a ratio's level)",
                    )
                )
    return problems


def _table_problems(test: FinancialTest, here: tuple[str | int, ...]) -> list[Found]:
    """A measuring table's rows must follow one another without overlapping, and a period
    to date must start on a month's first day."""
    rows = test.measures
    problems: list[Found] = []
    for i, row in enumerate(rows):
        path = (*here, "measured", i) if isinstance(test.measured, list) else (*here, "measured")
        if row.since is not None and row.since.value.day != 1:
            problems.append(
                (
                    (*path, "since"),
                    f"a period starting on {row.since.value.isoformat()}",
                    "a month's first day (periods are whole months of financials)",
                )
            )
        if i == 0:
            continue
        if row.tests_from is None and rows[i - 1].tests_through is None:
            problems.append(
                (
                    path,
                    "a row with no tests_from after a row with no tests_through",
                    "tests_from: the first test date this row measures",
                )
            )
            continue
        first, previous_last = row_first(rows, i), row_last(rows, i - 1)
        previous_first = row_first(rows, i - 1)
        if first is None or previous_last is None:
            continue
        if first <= previous_last or (previous_first is not None and first <= previous_first):
            problems.append(
                (
                    (*path, "tests_from"),
                    f"test dates from {first.isoformat()}, which the row before covers "
                    f"(to {previous_last.isoformat()})",
                    "rows in order of their test dates, none overlapping",
                )
            )
    return problems
