"""events.yaml: a list of `{date, agreement, event, ...fields}`.

Each event is checked against the agreement it names and the events its clauses read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pactum.dates import DATE_RANGE_EXPECTED, within_range
from pactum.errors import Problem, fail, shown
from pactum.facts.table import BORROWER_COLUMN, current_scope
from pactum.terms.yaml_source import load_yaml


@dataclass(frozen=True)
class Event:
    date: date
    agreement: str
    event: str
    fields: dict[str, Any]
    file: Path
    line: int | None
    # the fields checked against the model of the clause type that reads the event (set by the
    # portfolio)
    data: Any = None
    # the line of each key of the event, so that a problem names the line of its field
    field_lines: dict[str, int] = field(default_factory=dict, compare=False)

    def where(self) -> str:
        return f"{self.file.name}:{self.line}"

    def line_of(self, key: str) -> int | None:
        """The line of `key` in this event, or the event's own line when it has none."""
        return self.field_lines.get(key, self.line)


@dataclass(frozen=True)
class Events:
    items: list[Event] = field(default_factory=list)

    def of(self, agreement: str, event: str | None = None) -> list[Event]:
        return sorted(
            (
                e
                for e in self.items
                if e.agreement == agreement and (event is None or e.event == event)
            ),
            key=lambda e: e.date,
        )

    def for_agreement(self, agreement: str) -> AgreementEvents:
        return AgreementEvents(agreement, tuple(self.of(agreement)))


@dataclass(frozen=True)
class AgreementEvents:
    """One agreement's events, in date order."""

    agreement: str
    items: tuple[Event, ...] = ()

    def named(self, event: str) -> list[Event]:
        return [e for e in self.items if e.event == event]


def load_events(path: Path) -> Events:
    if not path.exists():
        return Events()
    scope = current_scope()
    # a book's events.yaml is parsed once for all its borrowers
    doc = load_yaml(path) if scope is None else scope.once(("yaml", path), lambda: load_yaml(path))
    if doc.data is None:
        return Events()
    if not isinstance(doc.data, list):
        raise fail(path, 1, "events", shown(type(doc.data).__name__), "a list of events")
    items = []
    for i in _indices(doc.data, path):
        entry = doc.data[i]
        line = doc.line_of((i,))
        if not isinstance(entry, dict):
            raise fail(
                path, line, f"event {i + 1}", shown(entry), "a mapping with date, agreement, event"
            )
        for key in ("date", "agreement", "event"):
            if key not in entry:
                raise fail(path, line, key, "nothing", f"a {key} for every event")
        when = entry["date"]
        if isinstance(when, datetime):  # YAML reads `2003-02-18 10:00:00` as a timestamp
            found = f"a date with a time ({when.isoformat(sep=' ')})"
            raise fail(path, doc.line_of((i, "date")), "date", found, "a date as YYYY-MM-DD")
        if not isinstance(when, date):
            raise fail(path, doc.line_of((i, "date")), "date", shown(when), "a date as YYYY-MM-DD")
        if not _borrowers(entry, path, doc.line_of((i, BORROWER_COLUMN)) or line):
            continue
        # in a book's events.yaml the borrower is the book's key, not the event's field
        fixed = ("date", "agreement", "event", *((BORROWER_COLUMN,) if current_scope() else ()))
        rest = {k: v for k, v in entry.items() if k not in fixed}
        for key, value in (("date", when), *rest.items()):
            # a date or time no agreement in force can mean (9999-12-31, 0001-01-01)
            if isinstance(value, date) and not within_range(value):
                raise fail(path, doc.line_of((i, key)), str(key), shown(value), DATE_RANGE_EXPECTED)
        lines = {str(k): n for k in entry if (n := doc.lines.get((i, k))) is not None}
        items.append(
            Event(
                when,
                str(entry["agreement"]),
                str(entry["event"]),
                rest,
                path,
                line,
                field_lines=lines,
            )
        )
    return Events(items)


def _indices(entries: list[Any], path: Path) -> list[int]:
    """The entries to read: all of them, or in a book's events.yaml the borrower's own and
    those that name no borrower of the book (which are refused), in file order; the book's
    entries are grouped by borrower once, not read whole again for each borrower."""
    scope = current_scope()
    if scope is None:
        return list(range(len(entries)))

    def grouped() -> dict[str | None, list[int]]:
        by_borrower: dict[str | None, list[int]] = {}
        for i, entry in enumerate(entries):
            named = isinstance(entry, dict) and BORROWER_COLUMN in entry
            by_borrower.setdefault(str(entry[BORROWER_COLUMN]) if named else None, []).append(i)
        return by_borrower

    by_borrower = scope.once(("events", path), grouped)
    unknown = scope.once(("unknown events", path), lambda: scope.strangers(by_borrower))
    return sorted(i for group in (by_borrower.get(scope.borrower, []), *unknown) for i in group)


def _borrowers(entry: dict[Any, Any], path: Path, line: int | None) -> bool:
    """Whether the event is the borrower's, when a book's events.yaml is read for one
    borrower (each event names its `borrower_id`); outside a book, every event is."""
    scope = current_scope()
    if scope is None:
        return True
    if BORROWER_COLUMN not in entry:
        if len(scope.readers) == 1 and not scope.own_folders:
            return True
        raise fail(
            path,
            line,
            BORROWER_COLUMN,
            "nothing",
            "the event's borrower_id (the book's events.yaml holds several borrowers' events)",
        )

    def problem(found: str, expected: str) -> Problem:
        return Problem(path, line, BORROWER_COLUMN, found, expected)

    return scope.keeps(str(entry[BORROWER_COLUMN]), problem)
