"""What an agreement said over time: its instruments, and each term's value from each
instrument's effective date, with the quote or assumption behind it ("what did the agreement
say on March 31, 2008, and where does it say it?").

A term is named by its clause id and its path in the clause, list items by their `id` where
they have one (`covenants.tests.leverage.schedule.2008-03-31`). A term's history lists a
change each time an instrument's version of its clause gives it a different value, drops it,
or deletes the clause.

A step schedule (a list whose items each hold a `start` date and no `end`, each in force until
the next starts: a proportionate share of 33.31% from the lease's date and 45.30% from the
amendment's) is one term over time as well: `lease.proportionate_share.share`, a change at
each step's start by the instrument its value cites, beside the steps' own rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from pactum.findings import SourceRef
from pactum.portfolio import Agreement
from pactum.terms.instruments import Instrument
from pactum.terms.sheet import Clause
from pactum.terms.values import Term


@dataclass(frozen=True)
class TermChange:
    """A term's value from a date on, as one instrument gives it (None: no longer given)."""

    effective: date
    instrument: str | None
    value: object | None
    source: SourceRef | None


@dataclass(frozen=True)
class TermHistory:
    name: str  # clause id and path, dotted
    changes: tuple[TermChange, ...]
    # a step schedule's: the name of each step's term, change by change
    steps: tuple[str, ...] = ()


def instruments_of(agreement: Agreement) -> tuple[Instrument, ...]:
    return tuple(agreement.sheet.instruments)


def term_histories(agreement: Agreement, prefix: str = "") -> list[TermHistory]:
    """Each term of the agreement whose name starts with `prefix`, with its changes in the
    order the instruments take effect."""
    sheet = agreement.sheet
    order = {i.id: n for n, i in enumerate(sheet.instruments)}
    effective = {i.id: i.effective_on for i in sheet.instruments}
    first_day = sheet.dated.value if sheet.dated is not None else date.min
    versions = sorted(
        [*agreement.versions, *agreement.deletions],
        key=lambda c: (order.get(c.instrument or "", 0), c.index),
    )
    timelines: dict[str, list[TermChange]] = {}
    names: list[str] = []
    for clause in versions:
        on = effective.get(clause.instrument or "", first_day)
        given = {} if clause.deleted else dict(_terms(clause))
        # a term this version no longer gives ends here
        for name, changes in timelines.items():
            if (
                name.split(".", 1)[0] == clause.id
                and name not in given
                and changes[-1].value is not None
            ):
                changes.append(TermChange(on, clause.instrument, None, None))
        for name, term in given.items():
            changes = timelines.setdefault(name, [])
            if not changes:
                names.append(name)
            if not changes or changes[-1].value != term.value:
                # a term quoting a later instrument than its clause's is that instrument's,
                # from its effective date (a lease clause of the original holding the
                # amendment's rent schedule); one quoting an earlier instrument (a letter's
                # version in the original's words) is its version's
                by = clause.instrument
                if order.get(term.instrument or "", -1) > order.get(by or "", 0):
                    by = term.instrument
                since = effective.get(by or "", on)
                changes.append(TermChange(since, by, term.value, term.source_ref()))
    latest = {c.id: c for c in versions}  # each clause as every instrument leaves it
    histories = [TermHistory(name, tuple(timelines[name])) for name in names]
    histories += [
        schedule
        for clause in latest.values()
        if not clause.deleted
        for schedule in _step_schedules(clause.terms, clause.id, clause.instrument)
    ]
    return [
        h
        for h in histories
        if h.name == prefix or h.name.startswith(prefix.rstrip(".") + ".") or not prefix
    ]


def _step_schedules(node: object, name: str, instrument: str | None) -> Iterator[TermHistory]:
    """Each step schedule under `node`: a list of two or more items that each have a `start`
    date and no `end`, as one history per other term of its items."""
    if isinstance(node, BaseModel):
        for field in type(node).model_fields:
            yield from _step_schedules(getattr(node, field), f"{name}.{field}", instrument)
    elif isinstance(node, list | tuple):
        starts = [_start_of(item) for item in node]
        if len(node) < 2 or any(s is None for s in starts):
            for i, item in enumerate(node):
                label = getattr(item, "id", None)
                yield from _step_schedules(
                    item, f"{name}.{label if isinstance(label, str) else i}", instrument
                )
            return
        fields = [f for f in type(node[0]).model_fields if f != "start"]
        for field in fields:
            changes: list[TermChange] = []
            steps: list[str] = []
            for i, (item, start) in enumerate(zip(node, starts, strict=True)):
                term = getattr(item, field)
                if not isinstance(term, Term) or term.origin is None or start is None:
                    continue
                label = getattr(item, "id", None)
                changes.append(
                    TermChange(start, term.instrument or instrument, term.value, term.source_ref())
                )
                steps.append(f"{name}.{label if isinstance(label, str) else i}.{field}")
            if len(changes) > 1:
                yield TermHistory(f"{name}.{field}", tuple(changes), tuple(steps))


def _start_of(item: object) -> date | None:
    """A step's start date, when the item is a step (a `start` date written, no `end`)."""
    if not isinstance(item, BaseModel) or "end" in type(item).model_fields:
        return None
    start = getattr(item, "start", None)
    if isinstance(start, Term) and isinstance(start.value, date):
        return start.value
    return None


def _terms(clause: Clause) -> Iterator[tuple[str, Term[Any]]]:
    yield from _walk(clause.terms, clause.id)


def _walk(node: object, name: str) -> Iterator[tuple[str, Term[Any]]]:
    if isinstance(node, Term):
        if node.origin is not None:  # written in the sheet, not a default
            yield name, node
    elif isinstance(node, BaseModel):
        for field in type(node).model_fields:
            yield from _walk(getattr(node, field), f"{name}.{field}")
    elif isinstance(node, list | tuple):
        for i, item in enumerate(node):
            label = getattr(item, "id", None)
            yield from _walk(item, f"{name}.{label if isinstance(label, str) else i}")
    elif isinstance(node, dict):
        for key, item in node.items():
            written = key.isoformat() if isinstance(key, date) else str(key)
            yield from _walk(item, f"{name}.{written}")


HISTORY_SCHEMA_ID = "pactum.history/1"


def in_force(histories: list[TermHistory], on: date) -> list[TermHistory]:
    """Each term as the agreement gives it on `on`: its one change in force (the latest
    effective on or before the date), leaving out the terms not yet or no longer given."""
    found: list[TermHistory] = []
    for history in histories:
        began = [c for c in history.changes if c.effective <= on]
        if began and began[-1].value is not None:
            found.append(TermHistory(history.name, (began[-1],)))
    return found


def instruments_on(instruments: tuple[Instrument, ...], on: date) -> tuple[Instrument, ...]:
    """The instruments in effect on `on` (a later amendment has not yet said anything)."""
    return tuple(i for i in instruments if i.effective_on <= on)


def history_json(
    agreement: Agreement,
    instruments: tuple[Instrument, ...],
    histories: list[TermHistory],
    as_of: date | None = None,
) -> dict[str, Any]:
    """`pactum history --json` (and the dashboard's API): the instruments, then each term's
    changes with the instrument and the source behind each; with `as_of`, the terms in force
    on that date, each with its one change. A value is written as the sheet writes it: a
    decimal as a string (no float rounding), a date in ISO form, a choice by its name."""
    from pactum.findings_json import serialise  # the one serialiser of a source

    return {
        "schema": HISTORY_SCHEMA_ID,
        "agreement": agreement.id,
        "title": agreement.sheet.title,
        "as_of": as_of.isoformat() if as_of is not None else None,
        "instruments": [
            {
                "id": i.id,
                "title": i.title,
                "kind": i.kind.value,
                "dated": i.dated.value.isoformat(),
                "effective": i.effective_on.isoformat(),
                "document": i.document,
            }
            for i in instruments
        ],
        "terms": [
            {
                "name": h.name,
                "changes": [
                    {
                        "effective": c.effective.isoformat(),
                        "instrument": c.instrument,
                        "value": _json_value(c.value),
                        "source": serialise(c.source) if c.source is not None else None,
                    }
                    for c in h.changes
                ],
            }
            for h in histories
        ],
    }


def _json_value(value: object) -> object:
    """A term's value in JSON, as the sheet writes it (None: no longer given)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return str(value)  # a Decimal, a choice (its name), a formula (its text)
