"""Formulas in term sheets, and the numbers written in them.

A formula (a revolver's `definitions`, a stated figure's `formula`) is arithmetic over named
values (`pactum.expressions`). A number written in one is a term like any other (DESIGN §2.3):
`annual_rent / 12` rests on twelve monthly installments, `cash_flow * 0.5` on a contract's
50%. So a formula is a term: cited, its quote must write each of its numbers; assumed, the
reason covers them; plain, each number counts as unsourced. 0 and 1 are left out: they are the
arithmetic's own (`max(0, x)`, `1 + rate`), not figures a contract states.

Clause types mark a formula by its type: `Term[Formula]` (or `Formula`) in their schema.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

from pactum.expressions import Expression, ExpressionError
from pactum.terms.values import Term
from pactum.terms.walk import parts

# numbers of a formula that need no source: the arithmetic's own
ARITHMETIC_NUMBERS = frozenset({Decimal(0), Decimal(1)})


class Formula(str):
    """A formula as a sheet writes it: text, checked where it is used (a clause type's
    validation, `pactum verify` for a stated figure)."""

    __slots__ = ()

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(cls, core_schema.str_schema())

    def numbers(self) -> tuple[Decimal, ...]:
        """The numbers written in the formula that are terms: each once, in order of first
        appearance, 0 and 1 left out; none when the text is not a formula (its own check
        reports that)."""
        try:
            written = Expression.parse(self).numbers()
        except ExpressionError:
            return ()
        found: dict[Decimal, None] = {}  # 12 and 12.0 are one number, shown as first written
        for number in written:
            if number not in ARITHMETIC_NUMBERS:
                found.setdefault(number, None)
        return tuple(found)


def formula_paths(model: BaseModel, at: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], Formula]:
    """Every formula of a loaded model (read from YAML at `at`) by its YAML path: a
    `Term[Formula]` at the term's path, a bare `Formula` at its own."""
    found: dict[tuple[Any, ...], Formula] = {}
    for path, node in parts(model, at, leaves=Formula):
        if isinstance(node, Term) and isinstance(node.value, Formula):
            found[path] = node.value
        elif isinstance(node, Formula) and not (path and path[-1] == "value"):
            found[path] = node  # a bare formula (one inside a term is found at the term)
    return found
