"""A small evaluator of the formulas Pactum writes into its workbooks (SUM over ranges and
lists, +, -, *, MIN, ROUND), over openpyxl's cells and in exact decimals, so that the tests
recompute a live workbook without a spreadsheet engine."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from openpyxl.utils import range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

_TOKEN = re.compile(
    r"\s*(?:(?P<range>[A-Z]+\d+:[A-Z]+\d+)|(?P<cell>[A-Z]+\d+)|"
    r"(?P<name>[A-Z]+)\(|(?P<number>\d+(?:\.\d+)?)|(?P<op>[-+*,()]))"
)


class Formula:
    """A recursive-descent reader of the formulas Pactum writes, evaluated in decimals."""

    def __init__(self, sheet: Worksheet, text: str) -> None:
        self.sheet = sheet
        matches = list(_TOKEN.finditer(text))
        # every character read: a form the evaluator does not know fails here
        assert "".join(m.group(0).strip() for m in matches) == text.replace(" ", ""), text
        self.tokens = [(m.lastgroup, m.group(m.lastgroup or 0)) for m in matches]
        self.at = 0

    def value(self) -> Decimal:
        found = self._sum()
        assert self.at == len(self.tokens)
        return found

    def _next(self) -> tuple[str | None, str]:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def _peek(self) -> str:
        return self.tokens[self.at][1] if self.at < len(self.tokens) else ""

    def _sum(self) -> Decimal:
        total = self._product()
        while self._peek() in ("+", "-"):
            sign = self._next()[1]
            total = total + self._product() if sign == "+" else total - self._product()
        return total

    def _product(self) -> Decimal:
        total = self._atom()
        while self._peek() == "*":
            self._next()
            total *= self._atom()
        return total

    def _atom(self) -> Decimal:
        kind, text = self._next()
        if kind == "number":
            return Decimal(text)
        if kind == "cell":
            return cell_value(self.sheet, text)
        assert kind == "name", text
        arguments: list[Decimal] = []
        while True:
            if self.tokens[self.at][0] == "range":
                arguments += range_values(self.sheet, self._next()[1])
            else:
                arguments.append(self._sum())
            if self._next()[1] == ")":
                break
        if text == "SUM":
            return sum(arguments, Decimal(0))
        if text == "MIN":
            return min(arguments)
        assert text == "ROUND" and len(arguments) == 2
        return arguments[0].quantize(Decimal(1).scaleb(-int(arguments[1])), ROUND_HALF_UP)


def cell_value(sheet: Worksheet, coordinate: str) -> Decimal:
    value = sheet[coordinate].value
    if value is None:
        return Decimal(0)  # a blank counts as zero, as in a spreadsheet
    if isinstance(value, str):
        assert value.startswith("="), (coordinate, value)
        return Formula(sheet, value[1:]).value()
    assert isinstance(value, int | float) and not isinstance(value, bool), (coordinate, value)
    return Decimal(repr(value))


def range_values(sheet: Worksheet, span: str) -> list[Decimal]:
    low_column, low_row, high_column, high_row = range_boundaries(span)
    assert low_column and low_row and high_column and high_row, span  # a range of cells
    return [
        cell_value(sheet, sheet.cell(row, column).coordinate)
        for row in range(low_row, high_row + 1)
        for column in range(low_column, high_column + 1)
    ]
