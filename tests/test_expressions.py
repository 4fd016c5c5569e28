"""The whitelisting expression evaluator: exact Decimal arithmetic and refused input."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pactum.expressions import DivisionByZero, Expression, ExpressionError, UnknownName


def value_of(text: str, **env: str) -> Decimal:
    return Expression.parse(text).evaluate({k: Decimal(v) for k, v in env.items()}).value


def test_subtraction_is_exact_and_left_associative() -> None:
    # 58,400,000 - 25,200,000 = 33,200,000; 33,200,000 - 400,000 = 32,800,000
    # (right-associative would give 58,400,000 - 24,800,000 = 33,600,000)
    result = value_of("a - b - c", a="58400000", b="25200000", c="400000")
    assert result == Decimal("32800000")


def test_decimal_literals_are_not_binary_floats() -> None:
    # in float 0.1 + 0.2 = 0.30000000000000004; in Decimal it is exactly 0.3
    result = value_of("0.1 + 0.2")
    assert result == Decimal("0.3")
    assert isinstance(result, Decimal)


def test_multiplication_and_division() -> None:
    # 40,000,000 * 0.85 = 34,000,000; 10 / 4 = 2.5
    assert value_of("commitment * rate", commitment="40000000", rate="0.85") == Decimal("34000000")
    assert value_of("10 / 4") == Decimal("2.5")


def test_precedence_and_parentheses() -> None:
    # 2 + 3 * 4 = 2 + 12 = 14; (2 + 3) * 4 = 5 * 4 = 20
    assert value_of("2 + 3 * 4") == Decimal("14")
    assert value_of("(2 + 3) * 4") == Decimal("20")


def test_unary_minus_and_plus() -> None:
    # -a + 5 with a = 2: -2 + 5 = 3; +a = 2
    assert value_of("-a + 5", a="2") == Decimal("3")
    assert value_of("+a", a="2") == Decimal("2")


def test_operands_are_recorded_but_constants_are_not() -> None:
    env = {"a": Decimal("58400000"), "b": Decimal("25200000"), "c": Decimal("400000")}
    evaluation = Expression.parse("  a - b - c * 1 ").evaluate(env)
    assert evaluation.operands == env
    assert evaluation.formula == "a - b - c * 1"  # stripped


def test_names_are_collected_at_parse_in_order_of_appearance() -> None:
    # in the order written, each once, whatever the hash seed (traces list inputs in this order)
    expression = Expression.parse("total_equity - goodwill - other_intangibles + goodwill")
    assert expression.names == ("total_equity", "goodwill", "other_intangibles")


def test_dotted_names() -> None:
    expression = Expression.parse("spaces.additional.area * 2")
    assert expression.names == ("spaces.additional.area",)
    evaluation = expression.evaluate({"spaces.additional.area": Decimal("1250")})
    # 1,250 * 2 = 2,500
    assert evaluation.value == Decimal("2500")
    assert evaluation.operands == {"spaces.additional.area": Decimal("1250")}


def test_min_and_max() -> None:
    # min(40,000,000, 36,500,000) = 36,500,000; max(30 - 45, 0) = max(-15, 0) = 0
    assert value_of("min(a, b)", a="40000000", b="36500000") == Decimal("36500000")
    assert value_of("max(a - b, 0)", a="30", b="45") == Decimal("0")
    # three arguments: min(3, 1, 2) = 1
    assert value_of("min(3, 1, 2)") == Decimal("1")


def test_operands_recorded_inside_function_calls() -> None:
    evaluation = Expression.parse("min(a, b)").evaluate({"a": Decimal("1"), "b": Decimal("2")})
    assert evaluation.operands == {"a": Decimal("1"), "b": Decimal("2")}


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os')",
        "__import__('os').system('true')",
        "a.b()",
        "a.__class__()",
        "open('x')",
        "a ** 2",
        "a // 2",
        "a % 2",
        "a > b",
        "a == b",
        "a < b < c",
        "lambda: 1",
        "'text'",
        "a + 'text'",
        "True",
        "False + 1",
        "a[0]",
        "a['b']",
        "not a",
        "~a",
        "a and b",
        "a if b else c",
        "[a, b]",
        "1j",
        "None",
        "min()",
        "min(a, key=b)",
        "min(a, b).real",
        "",
        "a; b",
        "a = 1",
    ],
)
def test_refused_input(text: str) -> None:
    with pytest.raises(ExpressionError):
        Expression.parse(text)


def test_refusal_message_names_what_was_found() -> None:
    with pytest.raises(ExpressionError, match=r"a \*\* 2"):
        Expression.parse("a ** 2")


def test_unknown_name() -> None:
    expression = Expression.parse("a + zz")
    with pytest.raises(UnknownName) as caught:
        expression.evaluate({"a": Decimal("1")})
    assert caught.value.name == "zz"
    assert isinstance(caught.value, ExpressionError)


def test_unknown_dotted_name_is_named_whole() -> None:
    with pytest.raises(UnknownName) as caught:
        Expression.parse("spaces.additional.area * 2").evaluate({"spaces.additional": Decimal(1)})
    assert caught.value.name == "spaces.additional.area"


def test_long_decimal_literal_is_kept_as_written() -> None:
    # the literal as written, 20 decimal places, is well within Decimal's 28 digits
    assert value_of("0.12345678901234567890") == Decimal("0.12345678901234567890")


def test_numbers_in_the_order_written_and_as_written() -> None:
    expression = Expression.parse("max(0, a - b * 0.50) / 12 + -2 * (c + 1)")
    # -2 is unary minus on 2; 0.50 keeps its written places
    assert [str(n) for n in expression.numbers()] == ["0", "0.50", "12", "2", "1"]
    assert Expression.parse("a - b").numbers() == ()


@pytest.mark.parametrize("text", ["a / 0", "a / (1 - 1.0)", "a / (2 * 0) + b", "min(a / 0.00, b)"])
def test_a_divisor_of_numbers_alone_that_is_zero_is_refused(text: str) -> None:
    # it divides by zero on every date: no contract means it
    with pytest.raises(ExpressionError, match=r"division by zero: .* is always 0"):
        Expression.parse(text)


def test_a_divisor_that_is_zero_only_on_some_dates_is_evaluated_then() -> None:
    expression = Expression.parse("a / (b - 1)")  # zero only when b is 1
    assert expression.evaluate({"a": Decimal(6), "b": Decimal(4)}).value == Decimal(2)
    with pytest.raises(DivisionByZero):
        expression.evaluate({"a": Decimal(6), "b": Decimal(1)})
