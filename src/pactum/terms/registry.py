"""The registry of agreement kinds: each kind brings its schema, its events and its evaluation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from pactum.facts.events import Event
    from pactum.findings import AgreementFindings, Obligation
    from pactum.portfolio import Agreement, Portfolio
    from pactum.terms.sheet import TermSheet


@dataclass(frozen=True)
class Kind:
    name: str
    description: str
    schema: type[TermSheet]
    evaluate: Callable[[Agreement, Portfolio, date], AgreementFindings]
    events: dict[str, type[BaseModel]] = field(default_factory=dict)
    # extra checks of a loaded sheet (e.g. definitions use only declared items): returns
    # (path within the sheet, found, expected) for each problem
    validate: Callable[[Any], list[tuple[tuple[str | int, ...], str, str]]] | None = None
    # the company data only this kind reads (e.g. a lease's opex.csv), loaded once per
    # portfolio from its facts folder; evaluation finds it in `portfolio.facts.of_kind(name)`
    load_facts: Callable[[Path], Any] | None = None
    # checks of the agreement's events against its sheet and one another (e.g. a space the
    # lease has, a cure after a default): returns (event, field, found, expected) per problem
    validate_events: Callable[[Any, list[Event]], list[tuple[Event, str, str, str]]] | None = None
    # the kind's own reconciliation of figures the document states (verify runs it): returns
    # (path within the sheet, status ok|note|fail, found, expected)
    reconcile: Callable[[Any], list[tuple[tuple[str | int, ...], str, str, str]]] | None = None
    # every obligation due from a start to an end date (both included), as known at an as-of
    # date: (agreement, portfolio, as_of, start, end), for `pactum calendar`. A kind without
    # it is asked for the obligations its evaluation at the as-of date lists.
    obligations_between: (
        Callable[[Agreement, Portfolio, date, date, date], list[Obligation]] | None
    ) = None


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    _KINDS[kind.name] = kind
    return kind


def kinds() -> dict[str, Kind]:
    import pactum.kinds  # noqa: F401  (importing the package registers every kind)

    return dict(_KINDS)


def get_kind(name: str) -> Kind | None:
    return kinds().get(name)
