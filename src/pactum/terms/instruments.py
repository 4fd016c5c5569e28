"""An agreement's instruments: the original and each amendment, restatement, consent, waiver
or option-exercise letter, in order, each with its document (or the fact that it is not in
hand), its date and its effective date, which may come before its date (an amendment
"effective as of December 28, 2007" dated January 18, 2008).

    instruments:
      - id: lease
        title: Lease of September 17, 2002
        kind: original
        in_hand: false
        dated: {value: 2002-09-17, cite: "the Lease dated September 17, 2002"}
      - id: first_amendment
        title: First Amendment to Lease
        kind: amendment
        document: documents/windham-first-amendment-2003-04-04.txt
        dated: {value: 2003-04-04, cite: "made as of the 4th day of April 2003"}
        effective: {value: 2003-04-01, cite: "effective April 1, 2003"}

A clause belongs to one instrument (`instrument:` beside its `type`, the first instrument if
unset), and its quotes are checked against that instrument's text; a term quoting another
instrument names it (`{value, cite, instrument}`). A sheet without `instruments:` is one
instrument: its header's `document` and `dated`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pactum.findings import Alert, Severity, TestResult, Trace
from pactum.terms.date_rules import DATE_NAME
from pactum.terms.values import Reference, Term


class Change(StrEnum):
    """What a later instrument does to a clause of an earlier one."""

    # "Section 1.09 ... shall be superseded by Exhibit B" (`replace` would hide str.replace)
    replace_whole = "replace"
    add = "add"
    delete = "delete"  # "Section 29 ... deleted in their entirety"


class InstrumentKind(StrEnum):
    original = "original"
    amendment = "amendment"
    restatement = "restatement"
    consent = "consent"
    waiver = "waiver"
    option_exercise = "option_exercise"
    letter = "letter"


class Waiver(BaseModel):
    """A test an instrument of kind `waiver` waives: on the dates `start` to `end` (both
    included), or on the named `test_dates`. The test is still measured; its result is
    "waived", not a failure."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    test: str = Field(description="a test id of a financial_tests clause or revolver covenant")
    start: Term[date] | None = None
    end: Term[date] | None = None
    test_dates: list[Term[date]] = Field(default_factory=list)
    provision: Reference = Field(description="the waiver's words: `{cite: ...}`")

    @model_validator(mode="after")
    def _a_period_or_dates(self) -> Waiver:
        period = self.start is not None or self.end is not None
        if period == bool(self.test_dates):
            raise ValueError("a period (`start` and `end`) or `test_dates`, one of them")
        if period and (self.start is None or self.end is None):
            raise ValueError("both `start` and `end` of the waived period")
        if self.start is not None and self.end is not None and self.end.value < self.start.value:
            raise ValueError(
                f"a period ending on or after its start (found end {self.end.value.isoformat()} "
                f"before start {self.start.value.isoformat()})"
            )
        return self

    def covers(self, day: date) -> bool:
        if self.start is not None and self.end is not None:
            return self.start.value <= day <= self.end.value
        return any(d.value == day for d in self.test_dates)


class Instrument(BaseModel):
    """One instrument of an agreement."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=DATE_NAME)
    title: str
    kind: InstrumentKind = InstrumentKind.amendment
    document: str | None = Field(
        None, description="its text, relative to the portfolio folder (none when not in hand)"
    )
    in_hand: bool = Field(True, description="false: the instrument's text is not in hand")
    dated: Term[date]
    effective: Term[date] | None = Field(None, description="when it takes effect; `dated` if unset")
    waives: list[Waiver] = Field(
        default_factory=list, description="in a waiver: the tests it waives, and when"
    )

    @model_validator(mode="after")
    def _waives_only_in_a_waiver(self) -> Instrument:
        if self.waives and self.kind is not InstrumentKind.waiver:
            raise ValueError("`waives` only in an instrument of `kind: waiver`")
        if self.kind is InstrumentKind.waiver and not self.waives:
            raise ValueError("a waiver's `waives`: the tests it waives")
        return self

    @model_validator(mode="after")
    def _document_or_not_in_hand(self) -> Instrument:
        if self.in_hand and self.document is None:
            raise ValueError("a `document`, or `in_hand: false` for an instrument not in hand")
        if not self.in_hand and self.document is not None:
            raise ValueError("no `document` for an instrument marked `in_hand: false`")
        return self

    @property
    def effective_on(self) -> date:
        return (self.effective or self.dated).value


def order_problems(instruments: Sequence[Instrument]) -> list[tuple[int, str, str, str]]:
    """(index, field, found, expected) for instruments out of order: a second with one id,
    one effective before the original (the first), or listed before one effective earlier."""
    problems: list[tuple[int, str, str, str]] = []
    seen: set[str] = set()
    for i, instrument in enumerate(instruments):
        if instrument.id in seen:
            problems.append((i, "id", f"a second instrument {instrument.id!r}", "unique ids"))
        seen.add(instrument.id)
        if i == 0:
            continue
        original, before = instruments[0], instruments[i - 1]
        if instrument.effective_on < original.effective_on:
            problems.append(
                (
                    i,
                    "effective",
                    f"{instrument.effective_on.isoformat()}, before the original "
                    f"{original.id!r} ({original.effective_on.isoformat()})",
                    "an instrument effective on or after the original",
                )
            )
        elif instrument.effective_on < before.effective_on:
            problems.append(
                (
                    i,
                    "effective",
                    f"{instrument.effective_on.isoformat()}, before {before.id!r} listed above "
                    f"it ({before.effective_on.isoformat()})",
                    "the instruments in the order they take effect",
                )
            )
    return problems


class Placed(Protocol):
    """A clause entry as the loader places it (its id and the change it says it makes)."""

    @property
    def id(self) -> str: ...
    @property
    def change(self) -> Change | None: ...


def change_problems(
    sheet: Sheet,
    placed: Sequence[tuple[int, Placed, str | None]],
    instruments_of: Mapping[str, Sequence[str | None]],
) -> list[tuple[int, str, str, str, str]]:
    """(entry index, clause id, key, found, expected) for each clause entry whose change does
    not fit the instruments: a replacement or deletion of a clause no earlier instrument has,
    an addition of one an earlier instrument has, a change in a sheet of one instrument or in
    its original, two instruments effective on one date giving the same clause."""
    problems: list[tuple[int, str, str, str, str]] = []
    listed = list(sheet.instruments)
    order = {i.id: n for n, i in enumerate(listed)}
    effective = {i.id: i.effective_on for i in listed}
    for index, entry, instrument in placed:
        if instrument is None or order.get(instrument, 0) == 0:
            if entry.change is not None:
                where = "a sheet of one instrument" if instrument is None else "the original"
                problems.append(
                    (index, entry.id, "change", f"a change in {where}", "a later instrument's")
                )
            continue
        others = [i for i in instruments_of.get(entry.id, ()) if i is not None and i != instrument]
        earlier = [i for i in others if order[i] < order[instrument]]
        change = entry.change or (Change.replace_whole if earlier else Change.add)
        if change is not Change.add and not earlier:
            problems.append(
                (
                    index,
                    entry.id,
                    "change" if entry.change else "id",
                    f"a {change.value} of clause {entry.id!r}, which no earlier instrument has",
                    "the id of an earlier instrument's clause (or `change: add`)",
                )
            )
        elif change is Change.add and earlier and not _same_day(earlier, instrument, effective):
            problems.append(
                (
                    index,
                    entry.id,
                    "change",
                    f"an addition of clause {entry.id!r}, which {earlier[-1]!r} already has",
                    "`change: replace` (or another id)",
                )
            )
        # (the later of the two is named: one line for the pair)
        same_day = [i for i in earlier if effective[i] == effective[instrument]]
        if same_day:
            problems.append(
                (
                    index,
                    entry.id,
                    "instrument",
                    f"clause {entry.id!r} given by {same_day[0]!r} and {instrument!r}, both "
                    f"effective {effective[instrument].isoformat()}",
                    "one instrument giving a clause on any date",
                )
            )
    return problems


def _same_day(earlier: list[str], instrument: str, effective: Mapping[str, date]) -> bool:
    return any(effective[i] == effective[instrument] for i in earlier)


class Sheet(Protocol):
    @property
    def instruments(self) -> Sequence[Instrument]: ...


def with_waivers(
    tests: Sequence[TestResult], instruments: Sequence[Instrument], as_of: date
) -> list[TestResult]:
    """Each test result a waiver in force on `as_of` covers marked waived: its figures kept,
    `passed` None (neither a pass nor a failure), the waiver and its words in the trace."""
    found = []
    for test in tests:
        waiver = next(
            (
                (instrument, w)
                for instrument in instruments
                if instrument.effective_on <= as_of
                for w in instrument.waives
                if w.test == test.id and w.covers(test.test_date)
            ),
            None,
        )
        if waiver is None:
            found.append(test)
            continue
        instrument, w = waiver
        quote = w.provision.cite or ""
        trace = test.trace or Trace("", ())
        by = w.provision.source_ref()
        if by is not None and by.instrument is None:  # the waiver's own words
            by = dataclasses.replace(by, instrument=instrument.id)
        found.append(
            dataclasses.replace(
                test,
                passed=None,
                waived_by=instrument.id,
                note=f"waived by {instrument.id}: {quote!r}",
                trace=Trace(trace.formula, trace.inputs, (*trace.sources, *([by] if by else []))),
            )
        )
    return found


def waiver_alert(test: TestResult) -> Alert:
    """The one line a waived test gives: information, never a breach."""
    return Alert(
        Severity.info,
        f"{test.label} at {test.test_date.isoformat()} waived by {test.waived_by}.",
    )
