"""Definitions: named expressions over financial items and over each other.

`tangible_net_worth: total_equity - goodwill - other_intangibles`. A definition is evaluated
against the items of one period; every item used is recorded for the trace.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from pactum.expressions import Expression, ExpressionError


class MissingItem(LookupError):
    """A financial item a definition needs has no fact for the period."""

    def __init__(self, item: str) -> None:
        super().__init__(item)
        self.item = item


@dataclass(frozen=True)
class Resolution:
    value: Decimal
    items: dict[str, Decimal] = field(default_factory=dict)  # the facts used
    steps: tuple[str, ...] = ()  # "name = formula" for each definition used, outermost first
    # each definition's value, by its name (a subtotal of a calculation schedule)
    subtotals: dict[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class DefinitionSet:
    expressions: Mapping[str, Expression]
    items: frozenset[str]

    @classmethod
    def parse(cls, texts: Mapping[str, str], items: frozenset[str]) -> DefinitionSet:
        """Parse each definition; raises ExpressionError naming the definition."""
        parsed = {}
        for name, text in texts.items():
            try:
                parsed[name] = Expression.parse(text)
            except ExpressionError as exc:
                raise ExpressionError(f"{name}: {exc}") from exc
        return cls(parsed, items)

    def problems(self) -> list[tuple[str, str, str]]:
        """(definition, found, expected) for unknown names and circular definitions."""
        found = []
        known = self.items | set(self.expressions)
        for name, expression in self.expressions.items():
            for used in sorted(set(expression.names) - known):
                found.append(
                    (
                        name,
                        f"unknown financial item {used!r}",
                        "a declared financial item or definition",
                    )
                )
        for name in self.expressions:
            if self._cycles(name, ()):
                found.append(
                    (name, "a definition that refers back to itself", "no circular definitions")
                )
        return found

    def _cycles(self, name: str, stack: tuple[str, ...]) -> bool:
        if name in stack:
            return True
        expression = self.expressions.get(name)
        if expression is None:
            return False
        return any(self._cycles(used, (*stack, name)) for used in expression.names)

    def resolve(
        self,
        name: str,
        facts: Mapping[str, Decimal],
        override: Mapping[str, Decimal] | None = None,
    ) -> Resolution:
        """The value of an item or definition; `override` replaces named values (what-if)."""
        items: dict[str, Decimal] = {}
        steps: list[str] = []
        subtotals: dict[str, Decimal] = {}
        value = self._value(name, facts, override or {}, items, steps, subtotals)
        return Resolution(value, items, tuple(steps), subtotals)

    def _value(
        self,
        name: str,
        facts: Mapping[str, Decimal],
        override: Mapping[str, Decimal],
        items: dict[str, Decimal],
        steps: list[str],
        subtotals: dict[str, Decimal],
    ) -> Decimal:
        if name in override:
            return override[name]
        expression = self.expressions.get(name)
        if expression is None:
            if name not in facts:
                raise MissingItem(name)
            items[name] = facts[name]
            return facts[name]
        step = f"{name} = {expression.text}"
        if step not in steps:
            steps.append(step)
        env = {
            used: self._value(used, facts, override, items, steps, subtotals)
            for used in expression.names
        }
        value = expression.evaluate(env).value
        subtotals[name] = value
        return value
