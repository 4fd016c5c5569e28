"""The calculation schedule of a compliance certificate: how each covenant's figure was built
from the financial statements, in the form a lender reads on the certificate itself.

For each tested covenant, one section of lines: each definition the test reads (innermost
first), its items with their amounts (an item subtracted printed under "Less:"), its subtotal;
then the ratio as numerator / denominator (or the amount tested), the level required and the
headroom. Everything comes from the test's trace in the findings (its formula and inputs), so
the schedule shows the figures `pactum check` computed and computes none of its own.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from pactum.document import Figure, Lines, Role
from pactum.expressions import FUNCTION_NAMES
from pactum.findings import Comparator, TestResult, Unit
from pactum.format import ACRONYMS, SPELLED_OUT, item_words, item_words_within

# a test's formula head: "numerator / denominator over 4 quarters to 2003-12-31", or "metric"
_HEAD = re.compile(r"^(?P<numerator>\w+)(?: / (?P<denominator>\w+))?(?P<period>.*)$")
_COMPARATOR_WORDS = {
    Comparator.at_least: "at least",
    Comparator.more_than: "more than",
    Comparator.at_most: "at most",
    Comparator.less_than: "less than",
}


_NAME = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)*\b")


def formula_words(formula: str) -> str:
    """A formula as a lender reads it on a certificate: every name in words
    (`fixed_charge_cash_flow = ebitda - cash_taxes` -> "Fixed charge cash flow = EBITDA - cash
    taxes"); plain words, numbers, dates and operators are kept as written."""

    def spoken(match: re.Match[str]) -> str:
        name = match.group(0)
        pieces = name.split("_")
        if len(pieces) == 1 and name not in ACRONYMS and name not in SPELLED_OUT:
            return name  # a word already ("goodwill", "over", "max")
        return item_words_within(name)

    text = _NAME.sub(spoken, formula)
    return text[:1].upper() + text[1:]


def calculation_schedule(test: TestResult) -> Lines | None:
    """The section of lines that builds `test`'s figure; None when it was not measured."""
    if test.trace is None or test.actual is None:
        return None
    head, *steps = [part.strip() for part in test.trace.formula.split(";")]
    inputs = dict(test.trace.inputs)
    key = f"{test.id}@{test.test_date.isoformat()}.schedule"
    match = _HEAD.match(head)
    definitions = dict(_definition(step) for step in steps if "=" in step)
    figures: list[Figure] = []
    notes: list[str] = []
    if match is None or match["numerator"] not in inputs:
        # a test of its own form (capital expenditure): its inputs and its formula as a note
        figures += [
            Figure(f"{key}.{name}", item_words(name), amount, Unit.money)
            for name, amount in _amounts(inputs).items()
            if name != "required"
        ]
        # a plain line: its form is the note's, not one a workbook formula could restate
        figures.append(Figure(f"{key}.actual", f"{test.label}: tested", test.actual, test.unit))
        notes.append(f"Computed as {head}.")
        title = f"Calculation: {test.label}, at {test.test_date.isoformat()}"
    else:
        numerator, denominator = match["numerator"], match["denominator"]
        built: set[str] = set()
        for name in (numerator, denominator):
            if name is not None:
                figures += _build(name, definitions, inputs, key, built)
        if denominator is not None:
            figures.append(
                Figure(
                    f"{key}.ratio",
                    f"{item_words(numerator)} / {item_words_within(denominator)}",
                    test.actual,
                    test.unit,
                    Role.total,
                )
            )
        period = match["period"].strip()
        when = period.removeprefix("over ") if period else f"at {test.test_date.isoformat()}"
        title = f"Calculation: {test.label}, {when}"
    figures += _level_and_headroom(test, key)
    return Lines(title, tuple(figures), tuple(notes))


def _level_and_headroom(test: TestResult, key: str) -> list[Figure]:
    words = _COMPARATOR_WORDS.get(test.comparator, str(test.comparator))
    return [
        Figure(f"{key}.required", f"Required: {words}", test.required, test.unit),
        Figure(f"{key}.headroom", "Headroom", test.headroom, test.unit),
    ]


@dataclass(frozen=True)
class _Term:
    """A term of a definition that is a sum or difference: its sign and name, and whether it
    counts only above zero (`max(0, cash_taxes)`: "cash taxes paid ..., to the extent greater
    than zero")."""

    sign: int
    name: str
    floored: bool = False


@dataclass(frozen=True)
class _Definition:
    """A trace step "name = formula": its formula, and its terms when it is a sum or
    difference of names (None otherwise: its lines are the names it reads, and its formula
    is printed beside its subtotal)."""

    formula: str
    terms: list[_Term] | None
    reads: list[str]


def _build(
    name: str,
    definitions: dict[str, _Definition],
    inputs: dict[str, str],
    key: str,
    built: set[str],
) -> list[Figure]:
    """The lines that build `name`: each definition it reads first, then its own terms and
    its subtotal; an item of the statements is one line."""
    amount = _amount(inputs.get(name))
    if name in built:
        return []
    built.add(name)
    if name not in definitions:
        return [Figure(f"{key}.{name}", item_words(name), amount)]
    definition = definitions[name]
    figures: list[Figure] = []
    for used in definition.reads:
        if used in definitions:
            figures += _build(used, definitions, inputs, key, built)
    if definition.terms is None:
        # not a sum or difference: the amounts it reads (a definition's subtotal is just
        # above), then its subtotal with its formula
        figures += [
            Figure(f"{key}.{name}.{used}", item_words(used), _amount(inputs.get(used)))
            for used in definition.reads
            if used not in definitions
        ]
        subtotal = Figure(
            f"{key}.{name}",
            item_words(name),
            amount,
            role=Role.subtotal,
            note=f"= {formula_words(definition.formula)}",
        )
        return [*figures, subtotal]
    for term in definition.terms:
        part = f"{key}.{name}.{term.name}"
        label = item_words(term.name)
        value = _amount(inputs.get(term.name))
        if term.floored and value is not None:
            label, value = f"{label}, if more than zero", max(value, Decimal(0))
        if term.sign < 0:  # a deduction prints as the positive amount taken off, under "Less:"
            figures.append(Figure(part, label, value, role=Role.less))
        else:
            figures.append(Figure(part, label, value))
    figures.append(Figure(f"{key}.{name}", item_words(name), amount, role=Role.subtotal))
    return figures


def _definition(step: str) -> tuple[str, _Definition]:
    """A trace step "name = a - b + c" as its name and its definition."""
    name, _, right = step.partition("=")
    formula = right.strip()
    try:
        tree = ast.parse(formula, mode="eval").body
    except SyntaxError:
        return name.strip(), _Definition(formula, None, [])
    names = sorted(
        (
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Name) and node.id not in FUNCTION_NAMES
        ),
        key=lambda node: node.col_offset,
    )
    reads = list(dict.fromkeys(node.id for node in names))
    return name.strip(), _Definition(formula, _signed_names(tree, 1), reads)


def _signed_names(node: ast.expr, sign: int) -> list[_Term] | None:
    if isinstance(node, ast.Name):
        return [_Term(sign, node.id)]
    if (floored := _floored_name(node)) is not None:
        return [_Term(sign, floored, floored=True)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub):
        left = _signed_names(node.left, sign)
        right = _signed_names(node.right, sign if isinstance(node.op, ast.Add) else -sign)
        return None if left is None or right is None else left + right
    return None


def _floored_name(node: ast.expr) -> str | None:
    """The name in `max(0, name)` or `max(name, 0)`."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        return None
    if node.func.id != "max" or len(node.args) != 2 or node.keywords:
        return None
    first, second = node.args
    for zero, named in ((first, second), (second, first)):
        if isinstance(zero, ast.Constant) and zero.value == 0 and isinstance(named, ast.Name):
            return named.id
    return None


def _amount(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _amounts(inputs: dict[str, str]) -> dict[str, Decimal]:
    found = {name: _amount(text) for name, text in inputs.items()}
    return {name: amount for name, amount in found.items() if amount is not None}
