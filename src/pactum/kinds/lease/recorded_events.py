"""The lease's own events as recorded by a date: a market rent set, a purchase figure, an
allowance drawn, a space offered, each with its fields as the lease's model reads them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TypeVar

from pydantic import BaseModel

from pactum.facts.events import Event

M = TypeVar("M", bound=BaseModel)


def recorded(events: Iterable[Event], name: str, model: type[M], by: date) -> list[tuple[Event, M]]:
    """The events called `name` recorded on or before `by`, in date order (those of one day
    in the order written), each with its fields as `model`: checked when the portfolio loaded
    them, read again for an event a caller built itself."""
    found: list[tuple[Event, M]] = []
    for event in sorted(events, key=lambda e: e.date):
        if event.event != name or event.date > by:
            continue
        data = event.data
        found.append(
            (event, data if isinstance(data, model) else model.model_validate(event.fields))
        )
    return found
