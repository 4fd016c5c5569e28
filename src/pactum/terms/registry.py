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

from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from importlib.metadata import EntryPoint, entry_points
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


class ClauseTypes(Mapping[str, ClauseSpec]):
    """The registered clause types by name. The names come from the entry points alone; a
    type's package is imported the first time the type is asked for, so a command loads only
    the types its portfolio names (each type's schemas cost import time, and a third party's
    types cost nothing to a portfolio that does not use them). Iterating over the items loads
    every type (`pactum clauses`, the editor schema)."""

    def __init__(self, entries: Mapping[str, EntryPoint]) -> None:
        self._entries = entries
        self._loaded: dict[str, ClauseSpec] = {}

    def __getitem__(self, name: str) -> ClauseSpec:
        if name not in self._loaded:
            entry = self._entries[name]  # KeyError for an unregistered name, as a dict does
            clause_type = entry.load()
            if not isinstance(clause_type, ClauseSpec):
                raise RegistryError(f"entry point {entry.value!r} is not a clause type")
            if clause_type.name != name:
                raise RegistryError(
                    f"entry point {name!r} loads the clause type {clause_type.name!r}"
                )
            self._loaded[name] = clause_type
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries


@cache
def clause_types() -> Mapping[str, ClauseSpec]:
    """Every registered clause type by name (loaded when first asked for), found once per
    process."""
    entries: dict[str, EntryPoint] = {}
    for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        if entry.name in entries and entries[entry.name].value != entry.value:
            raise RegistryError(f"two clause types named {entry.name!r}")
        entries[entry.name] = entry
    return ClauseTypes(entries)


def clause_type(name: str) -> ClauseSpec | None:
    return clause_types().get(name)
