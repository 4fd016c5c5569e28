"""A whitelisting evaluator for definitions written as arithmetic over named items.

`tangible_net_worth: total_equity - goodwill - other_intangibles` is parsed with Python's `ast`
and only numbers, names (dotted paths allowed), + - * /, unary minus, parentheses and
min()/max() are accepted; nothing is ever passed to `eval`. Evaluation is in Decimal and records every operand for the trace.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from pactum.errors import shown
from pactum.money import within_magnitude

_BINARY: dict[type[ast.operator], Callable[[Decimal, Decimal], Decimal]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}
_FUNCTIONS: dict[str, Callable[..., Decimal]] = {"min": min, "max": max}
FUNCTION_NAMES = frozenset(_FUNCTIONS)  # the names an expression calls, which are not items
# The longest definition or formula in the example and the corpus is under 100 characters.
# Parsing, checking and evaluating recurse once per operator, so a sum of 20,000 terms would
# exhaust Python's stack (RecursionError); 500 characters hold at most 250 operators.
MAX_EXPRESSION_CHARS = 500


class ExpressionError(ValueError):
    """The text is not an allowed expression; the message says what was found."""


class UnknownName(ExpressionError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class DivisionByZero(ExpressionError):
    """A divisor evaluated to zero."""


@dataclass(frozen=True)
class Expression:
    """A parsed, checked expression."""

    text: str
    tree: ast.expr = field(repr=False)
    # the names the expression reads, in order of first appearance (a set would order them by
    # the hash seed, and traces list their inputs in this order)
    names: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Expression:
        if len(text.strip()) > MAX_EXPRESSION_CHARS:
            raise ExpressionError(
                f"an expression of {len(text.strip()):,} characters, longer than"
                f" {MAX_EXPRESSION_CHARS}: {shown(text.strip())}"
            )
        try:
            module = ast.parse(text.strip(), mode="eval")
        except SyntaxError as exc:
            raise ExpressionError(f"not an arithmetic expression: {shown(text)}") from exc
        names: dict[str, None] = {}
        _check(module.body, names, text.strip())
        return cls(text=text.strip(), tree=module.body, names=tuple(names))

    def numbers(self) -> tuple[Decimal, ...]:
        """The numbers written in the expression, in order, as written (`-5` gives 5)."""
        found: list[tuple[int, Decimal]] = []
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Constant):
                value: object = node.value  # a Decimal once `_check` has made it exact
                if isinstance(value, Decimal):
                    found.append((node.col_offset, value))
        return tuple(value for _, value in sorted(found, key=lambda at: at[0]))

    def evaluate(self, env: Mapping[str, Decimal]) -> Evaluation:
        operands: dict[str, Decimal] = {}
        try:
            value = _evaluate(self.tree, env, operands)
        except DivisionByZero:
            raise DivisionByZero(f"division by zero in {shown(self.text)}") from None
        return Evaluation(self.text, value, operands)


@dataclass(frozen=True)
class Evaluation:
    """A value with the operands that produced it."""

    formula: str
    value: Decimal
    operands: dict[str, Decimal]


def _dotted_name(node: ast.AST) -> str | None:
    """`a` or `a.b.c` (a term's path in a sheet); None for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        parent = _dotted_name(node.value)
        return f"{parent}.{node.attr}" if parent is not None else None
    return None


def _check(node: ast.AST, names: dict[str, None], source: str) -> None:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        if isinstance(node.value, bool):
            raise ExpressionError(f"not a number: {node.value!r}")
        # keep the literal exactly as written: Python has already read it as a float
        written = ast.get_source_segment(source, node) or repr(node.value)
        try:
            value = Decimal(written.replace("_", ""))
        except InvalidOperation:  # 0x10, 0o7, 1j: Python reads them, a contract does not
            raise ExpressionError(f"not a plain decimal number: {shown(written)}") from None
        if not within_magnitude(value):
            raise ExpressionError(f"the number {shown(written)}, not less than 10^15 in size")
        node.value = value  # type: ignore[assignment]
        return
    name = _dotted_name(node)
    if name is not None:
        names[name] = None
        return
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        _check(node.left, names, source)
        divisor: dict[str, None] = {}
        _check(node.right, divisor, source)
        names.update(divisor)
        # a divisor of numbers alone that is zero divides by zero on every date: impossible
        if isinstance(node.op, ast.Div) and not divisor and _evaluate(node.right, {}, {}) == 0:
            raise ExpressionError(
                f"division by zero: {shown(ast.get_source_segment(source, node.right) or '')}"
                " is always 0"
            )
        return
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        _check(node.operand, names, source)
        return
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _FUNCTIONS
        and node.args
        and not node.keywords
    ):
        for arg in node.args:
            _check(arg, names, source)
        return
    raise ExpressionError(f"not allowed in a definition: {shown(ast.unparse(node))}")


def _evaluate(node: ast.expr, env: Mapping[str, Decimal], operands: dict[str, Decimal]) -> Decimal:
    if isinstance(node, ast.Constant):
        assert isinstance(node.value, Decimal)  # made exact by _check
        return node.value
    name = _dotted_name(node)
    if name is not None:
        if name not in env:
            raise UnknownName(name)
        operands[name] = env[name]
        return env[name]
    if isinstance(node, ast.BinOp):
        left = _evaluate(node.left, env, operands)
        right = _evaluate(node.right, env, operands)
        if isinstance(node.op, ast.Div) and right == 0:
            raise DivisionByZero()
        return _BINARY[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp):
        value = _evaluate(node.operand, env, operands)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        args = [_evaluate(arg, env, operands) for arg in node.args]
        return _FUNCTIONS[node.func.id](*args)
    raise ExpressionError(f"not allowed: {ast.unparse(node)!r}")  # unreachable after _check
