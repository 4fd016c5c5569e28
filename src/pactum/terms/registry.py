"""The registry of clause types, discovered through Python entry points.

A clause type is registered under the entry-point group `pactum.clauses`: the entry point's
name is the type's name as term sheets write it (`type: fee`), and it loads an object that
brings the type's schema and behaviour (see `pactum.clauses.api.ClauseType`). Pactum's own
clause types are registered the same way, in its `pyproject.toml`, so a separate package adds
one with a line of its own and no change here (Beancount's plugins, OpenFisca's extensions).

This layer only needs what a term sheet needs: the schema and the checks of the terms. The
layers above read the rest of the same object through their own protocols.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from pydantic import BaseModel

if TYPE_CHECKING:
    from pactum.terms.sheet import TermSheet

ENTRY_POINT_GROUP = "pactum.clauses"

# a problem with a clause's terms: (path within the clause, what was found, what was expected)
TermProblem = tuple[tuple[str | int, ...], str, str]
# a figure the document states, recomputed from the terms: (path within the clause,
# ok|note|fail, found, expected)
Reconciliation = tuple[tuple[str | int, ...], str, str, str]


@runtime_checkable
class ClauseSpec(Protocol):
    """What the term-sheet loader and `pactum verify` need of a clause type."""

    name: str
    description: str
    schema: type[BaseModel]

    @property
    def written_as(self) -> Mapping[str, tuple[str, ...]]:
        """Words the documents use for this type's keywords and boolean terms, beyond the
        keyword itself, for `pactum verify` to accept in a quote: a keyword value
        (`delivery`: "delivered", "by hand") or a boolean term's key (`carry_forward`:
        "carried forward"). Empty for most types."""
        ...

    def validate(self, terms: BaseModel, header: TermSheet) -> Sequence[TermProblem]:
        """Checks of the loaded terms beyond the schema (e.g. formulas use declared items),
        with the sheet's header (e.g. its date) at hand."""
        ...

    def reconcile(self, terms: BaseModel) -> Sequence[Reconciliation]:
        """Figures the document states, recomputed from the terms (`pactum verify`)."""
        ...


class RegistryError(Exception):
    """A clause type that cannot be registered: a programming error in a clause package."""


@cache
def clause_types() -> Mapping[str, ClauseSpec]:
    """Every registered clause type by name, loaded once per process."""
    found: dict[str, ClauseSpec] = {}
    for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        clause_type = entry.load()
        if not isinstance(clause_type, ClauseSpec):
            raise RegistryError(f"entry point {entry.value!r} is not a clause type")
        if clause_type.name != entry.name:
            raise RegistryError(
                f"entry point {entry.name!r} loads the clause type {clause_type.name!r}"
            )
        if entry.name in found and found[entry.name] is not clause_type:
            raise RegistryError(f"two clause types named {entry.name!r}")
        found[entry.name] = clause_type
    return found


def clause_type(name: str) -> ClauseSpec | None:
    return clause_types().get(name)
