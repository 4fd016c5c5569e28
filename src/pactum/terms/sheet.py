"""Loading a term sheet: YAML with lines -> the header -> each clause in its type's schema ->
the type's own checks.

Loader, then schema, then validation, as in Beancount; every problem names the file and line.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from pactum.business_days import BusinessCalendar, CalendarSpec
from pactum.errors import InputError, Problem, fail, shown, validation_problems
from pactum.findings import SourceRef
from pactum.terms.formulas import Formula
from pactum.terms.instruments import Change, Instrument, change_problems, order_problems
from pactum.terms.named_dates import (
    DATE_NAME,
    DateError,
    DateName,
    DateResolver,
    DateRule,
    UnresolvedDate,
    definition_cycle,
    events_read,
    has_rule_terms,
    rules_in,
    with_dates_on,
)
from pactum.terms.origins import record_origins, sheet_name
from pactum.terms.party_names import split_names
from pactum.terms.registry import clause_type, clause_types
from pactum.terms.values import Located, Reference, SectionName, Term, is_term_mapping
from pactum.terms.walk import parts
from pactum.terms.yaml_source import YamlDocument, load_yaml

AGREEMENT_ID = r"^[a-z0-9][a-z0-9_-]*$"
M = TypeVar("M", bound=BaseModel)


class Rounds(StrEnum):
    contract = "contract"  # the contract rounds the figure: it must equal the rounded result
    display = "display"  # the document shows a rounded figure: a rounding-only gap is noted


class StatedFigure(BaseModel):
    """A figure the document states that follows from other terms; verify recomputes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    value: Term[Decimal]
    formula: Term[Formula] = Field(
        description="arithmetic over the sheet's named values, e.g. a.b * c; cited or assumed "
        "when it writes a number (`/ 12`)"
    )
    places: int = Field(2, ge=0, le=10)
    rounds: Rounds = Rounds.contract


# the header's keys: a clause cannot take one of them as its id
HEADER_KEYS = frozenset(
    {
        "id",
        "title",
        "short_name",
        "document",
        "document_outside",
        "instruments",
        "dated",
        "parties",
        "calendar",
        "dates",
        "stated",
        "clauses",
    }
)
CLAUSE_ID = r"^[a-z][a-z0-9_]*$"
# a calendar title is what, the amount and this: longer would push the rest out of a month view
SHORT_NAME_LIMIT = 24


class ClauseEntry(BaseModel):
    """A clause as the sheet writes it: its id, its type, and the type's terms beside them."""

    model_config = ConfigDict(extra="allow", frozen=True)

    id: str = Field(pattern=CLAUSE_ID, description="unique within an instrument, e.g. facility")
    type: str | None = Field(
        None, description="a registered clause type (`pactum clauses` lists them)"
    )
    instrument: str | None = Field(
        None, description="the instrument the clause is in (the sheet's first if unset)"
    )
    section: SectionName | None = Field(
        None,
        description="the section of its instrument the clause is (e.g. 7.2.4): a finding's "
        "sources name it beside the instrument",
    )
    change: Change | None = Field(
        None,
        description="what a later instrument does to the clause of this id: replace it whole "
        "(the default when an earlier instrument has it), add it, or delete it",
    )

    @model_validator(mode="after")
    def _type_unless_deleted(self) -> ClauseEntry:
        if self.change is Change.delete and self.type is not None:
            raise ValueError("a deleted clause with no `type` and no terms")
        if self.change is not Change.delete and self.type is None:
            raise ValueError("a `type` (a registered clause type)")
        return self


# the keys of a clause entry that are not its terms
ENTRY_KEYS = frozenset({"id", "type", "instrument", "section", "change"})


class SurvivingSections(Located):
    """Sections of the agreement that survive its term ("this Section 8 shall survive any
    such termination"): without a limit, or for a number of years after the term ends ("shall
    survive ... for a period of ten (10) years"). Listed once the agreement has ended."""

    sections: str = Field(min_length=1, description="as the agreement names them: 'Section 8'")
    title: str = Field("", description="what they are, in a few words")
    cite: str = Field(description="the survival clause's words, quoted")
    for_years: Term[int] | None = Field(
        None, description="years after the term's end; unset: without a limit"
    )

    @field_validator("for_years")
    @classmethod
    def _at_least_one(cls, term: Term[int] | None) -> Term[int] | None:
        if term is not None and term.value < 1:
            raise ValueError("a number of years, 1 or more (leave it out: without a limit)")
        return term

    def source_ref(self) -> SourceRef:
        """Where the survival clause is written, with its citation."""
        ref = self._ref(self.cite, None)
        assert ref is not None  # it has a citation
        return ref


class TermSheet(BaseModel):
    """A term sheet: a header naming the agreement and its document, then its clauses."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=AGREEMENT_ID)
    title: str
    short_name: str | None = Field(
        None,
        min_length=1,
        max_length=SHORT_NAME_LIMIT,
        pattern=r"\S",
        description="a few words for calendar titles ('Windham'); default: the title's first "
        "capitalised words (pactum.obligations_calendar)",
    )
    document: str | None = Field(
        None,
        description="the source text, relative to the portfolio folder (with `instruments:`, "
        "each instrument's instead)",
    )
    document_outside: bool = Field(
        False, description="the document may be outside the portfolio folder (read only if true)"
    )
    dated: Term[date] | None = None
    parties: list[str] = Field(default_factory=list)
    calendar: CalendarSpec | None = Field(
        None, description="business days for this agreement; the portfolio's calendar if unset"
    )
    dates: dict[Annotated[str, StringConstraints(pattern=DATE_NAME)], DateRule] = Field(
        default_factory=dict,
        description="the agreement's named dates, each fixed, from an event or worked out "
        "from other dates (see pactum.terms.named_dates); any clause may use them by name",
    )
    instruments: list[Instrument] = Field(
        default_factory=list,
        description="the original and each amendment, consent or letter, in the order they "
        "take effect (see pactum.terms.instruments)",
    )
    stated: list[StatedFigure] = Field(default_factory=list)
    survives: list[SurvivingSections] = Field(
        default_factory=list,
        description="the sections that survive the agreement's term, listed once it has ended",
    )
    clauses: list[ClauseEntry] = Field(
        default_factory=list, description="the agreement's clauses, each of a registered type"
    )

    @field_validator("parties")
    @classmethod
    def _names_whole(cls, parties: list[str]) -> list[str]:
        for _, entry, before in split_names(parties):
            raise ValueError(
                f"{entry!r} after {before!r}: a name split at its comma (quote names with "
                f'commas: ["{before}, {entry}"])'
            )
        return parties

    @model_validator(mode="after")
    def _one_way_to_give_documents(self) -> TermSheet:
        if self.instruments and self.document is not None:
            raise ValueError("`document` or `instruments` (each with its document), not both")
        if not self.instruments and self.document is None:
            raise ValueError("a `document` (or `instruments`, each with its document)")
        return self

    @property
    def instrument_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.instruments)


class NoTerms(BaseModel):
    """The terms of a deleted clause: none."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class Clause:
    """One clause of a sheet: its id, its type's name, and its terms in the type's schema."""

    id: str
    type: str
    terms: BaseModel
    index: int  # its place in the sheet's `clauses` list
    # some of its dates are rules over the sheet's dates, worked out on each as-of date
    # (`pactum.terms.named_dates.with_dates_on`); its terms hold them worked out from estimates
    has_date_rules: bool = False
    instrument: str | None = None  # in a sheet of several instruments, the clause's
    deleted: bool = False  # an instrument deletes the clause of this id from its effective date

    @property
    def path(self) -> tuple[str | int, ...]:
        """Where the clause sits in the sheet."""
        return ("clauses", self.index)

    def terms_as(self, model: builtins.type[M]) -> M:
        """The terms as the model its type validated them with."""
        terms = self.terms
        if not isinstance(terms, model):
            raise TypeError(f"clause {self.id!r} holds {terms.__class__.__name__}, not {model}")
        return terms


@dataclass(frozen=True)
class LoadedSheet:
    sheet: TermSheet
    clauses: tuple[Clause, ...]  # every clause as written, each instrument's version of it
    source: YamlDocument
    deletions: tuple[Clause, ...] = ()  # an instrument deleting a clause from its date

    def clauses_of(self, type_name: str) -> tuple[Clause, ...]:
        return of_type(self.clauses, type_name)

    @property
    def date_events(self) -> frozenset[str]:
        """The events whose recorded dates the sheet's dates read (`{event: delivery}`)."""
        return date_events(self.sheet, self.clauses)


def date_events(sheet: TermSheet, clauses: tuple[Clause, ...]) -> frozenset[str]:
    """The events the header's dates and the clauses' date rules read."""
    return frozenset(events_read(sheet.dates) | events_read([c.terms for c in clauses]))


def clauses_in_force(
    clauses: Sequence[Clause],
    deletions: Sequence[Clause],
    sheet: TermSheet,
    day: date | None,
) -> tuple[Clause, ...]:
    """The clause of each id in force on `day` (None: once every instrument has taken
    effect): the latest instrument's version effective by then, none once deleted; the
    original's clauses also before it takes effect. In the order each id first appears."""
    if not sheet.instruments:
        return tuple(clauses)
    order = {i.id: n for n, i in enumerate(sheet.instruments)}
    effective = {i.id: i.effective_on for i in sheet.instruments}
    by_id: dict[str, Clause | None] = {}
    first_index: dict[str, int] = {}
    for clause in sorted([*clauses, *deletions], key=lambda c: order[c.instrument or ""]):
        first_index[clause.id] = min(first_index.get(clause.id, clause.index), clause.index)
        original = order[clause.instrument or ""] == 0
        if original or day is None or effective[clause.instrument or ""] <= day:
            by_id[clause.id] = None if clause.deleted else clause
    found = [c for c in by_id.values() if c is not None]
    return tuple(sorted(found, key=lambda c: first_index[c.id]))


def of_type(clauses: tuple[Clause, ...], type_name: str) -> tuple[Clause, ...]:
    """The clauses of one type, in sheet order."""
    return tuple(c for c in clauses if c.type == type_name)


def load_term_sheet(path: Path) -> LoadedSheet:
    """The sheet's header, then each clause against its type's schema and checks; every
    problem found is reported, each with its line."""
    doc = load_yaml(path)
    data = doc.data
    if not isinstance(data, dict):
        raise fail(path, 1, "term sheet", shown(type(data).__name__), "a mapping of terms")
    try:
        sheet = TermSheet.model_validate(data)
    except ValidationError as exc:
        raise validation_problems(path, exc, doc.line_of) from exc
    clauses: list[Clause] = []
    problems: list[Problem] = [
        Problem(path, doc.line_of(("instruments", i, field)), f"instruments.{i}.{field}", f, e)
        for i, field, f, e in order_problems(sheet.instruments)
    ]
    titles = tuple((i.id, i.title) for i in sheet.instruments)
    name = sheet_name(path)  # the sheet as its terms' origins name it
    seen: dict[str, list[str | None]] = {}  # each clause id's instruments
    placed: list[tuple[int, ClauseEntry, str | None]] = []
    deletions: list[Clause] = []
    for index, entry in enumerate(sheet.clauses):
        at: tuple[str | int, ...] = ("clauses", index)
        instrument = _instrument_of(entry, sheet)
        if isinstance(instrument, tuple):
            found, expected = instrument
            problems.append(
                Problem(
                    path,
                    doc.line_of((*at, "instrument")),
                    f"{entry.id}.instrument",
                    found,
                    expected,
                )
            )
            continue

        wrong_id = _id_problem(entry.id, instrument, seen.setdefault(entry.id, []))
        if wrong_id is not None:
            found, expected = wrong_id
            problems.append(
                Problem(path, doc.line_of((*at, "id")), f"clauses.{entry.id}.id", found, expected)
            )
            continue
        seen[entry.id].append(instrument)
        placed.append((index, entry, instrument))
        if entry.change is Change.delete:
            extra = sorted(str(k) for k in data["clauses"][index] if k not in ENTRY_KEYS)
            if extra:
                problems.append(
                    Problem(
                        path,
                        doc.line_of((*at, extra[0])),
                        f"{entry.id}.{extra[0]}",
                        "a term of a deleted clause",
                        "only id, instrument, section and `change: delete`",
                    )
                )
                continue
            deletions.append(
                Clause(entry.id, "", NoTerms(), index, instrument=instrument, deleted=True)
            )
            continue
        assert entry.type is not None  # only a deletion has none
        spec = clause_type(entry.type)
        if spec is None:
            problems.append(
                Problem(
                    path,
                    doc.line_of((*at, "type")),
                    f"{entry.id}.type",
                    shown(entry.type),
                    "a registered clause type: " + ", ".join(sorted(clause_types())),
                )
            )
            continue
        terms = {k: v for k, v in data["clauses"][index].items() if k not in ENTRY_KEYS}
        try:
            model = spec.schema.model_validate(terms)
        except ValidationError as exc:
            problems += validation_problems(
                path, exc, partial(_line_within, doc, at), prefix=entry.id
            ).problems
            continue
        record_origins(model, doc, name, at, instrument, entry.section, titles)
        problems += _quoted_instrument_problems(path, doc, sheet, model, at, entry.id)
        clauses.append(Clause(entry.id, entry.type, model, index, instrument=instrument))
    # each term's sheet, path and line, for the findings' sources; an instrument's own terms
    # (its dates, a waiver's words) are that instrument's, the header's the first's
    for i, listed in enumerate(sheet.instruments):
        record_origins(listed, doc, name, ("instruments", i), listed.id, None, titles)
    first = sheet.instrument_ids[0] if titles else None
    record_origins(sheet, doc, name, (), first, None, titles)
    problems += [
        Problem(path, doc.line_of(("clauses", i, key)), f"{clause_id}.{key}", f, e)
        for i, clause_id, key, f, e in change_problems(sheet, placed, seen)
    ]
    problems += _date_problems(path, doc, sheet, clauses)
    if problems:
        # the other clauses' own checks still speak (a fee running to a maturity the
        # facility no longer has); those with dates that are rules wait for them
        ready = [c for c in clauses if not has_rule_terms(c.terms)]
        raise InputError(problems + _clause_problems(path, doc, sheet, ready))
    # each clause's own checks see its dates worked out (an abatement's month given by a
    # named date is checked against the term as the estimates put it)
    resolved = _with_estimated_dates(path, doc, sheet, clauses)
    problems = _clause_problems(path, doc, sheet, resolved)
    if problems:
        raise InputError(problems)
    return LoadedSheet(sheet, resolved, doc, tuple(deletions))


def _clause_problems(
    path: Path, doc: YamlDocument, sheet: TermSheet, clauses: Sequence[Clause]
) -> list[Problem]:
    """Each clause type's own checks of its clauses."""
    return [
        # the line of the term's `value:` when written as a mapping, else of the term
        Problem(path, doc.line_of((*c.path, *where, "value")), _dotted((c.id, *where)), f, e)
        for c in clauses
        for where, f, e in clause_types()[c.type].validate(c.terms, sheet)
    ]


def _instrument_of(entry: ClauseEntry, sheet: TermSheet) -> str | tuple[str, str] | None:
    """The clause's instrument (None in a sheet of one), or (found, expected) when the
    entry names one the sheet does not list."""
    ids = sheet.instrument_ids
    if entry.instrument is None:
        return ids[0] if ids else None
    if entry.instrument not in ids:
        listed = ", ".join(ids) if ids else "none: the sheet has no `instruments:`"
        return shown(entry.instrument), f"one of the sheet's instruments ({listed})"
    return entry.instrument


def _quoted_instrument_problems(
    path: Path,
    doc: YamlDocument,
    sheet: TermSheet,
    model: BaseModel,
    at: tuple[str | int, ...],
    clause_id: str,
) -> list[Problem]:
    """A term quoting an instrument the sheet does not list."""
    ids = sheet.instrument_ids
    found = []
    for where, node in parts(model, at, leaves=()):
        named = getattr(node, "instrument", None) if isinstance(node, Term | Reference) else None
        if named is not None and named not in ids:
            listed = ", ".join(ids) if ids else "none: the sheet has no `instruments:`"
            found.append(
                Problem(
                    path,
                    doc.line_of((*where, "instrument")),
                    _dotted((clause_id, *where[len(at) :], "instrument")),
                    shown(named),
                    f"one of the sheet's instruments ({listed})",
                )
            )
    return found


def _with_estimated_dates(
    path: Path, doc: YamlDocument, sheet: TermSheet, clauses: list[Clause]
) -> tuple[Clause, ...]:
    """Each clause with its dates written as rules worked out from the sheet's fixed dates
    and estimates (no event is known yet): a rule that waits on an event needs an estimate."""
    dates = DateResolver(
        sheet.dates, lambda _: [], BusinessCalendar(sheet.calendar or CalendarSpec()), date.max
    )
    done: list[Clause] = []
    problems: list[Problem] = []
    for clause in clauses:
        if not has_rule_terms(clause.terms):
            done.append(clause)
            continue
        try:
            terms = with_dates_on(clause.terms, dates)
        except (UnresolvedDate, DateError) as exc:
            problems.append(
                Problem(
                    path,
                    doc.line_of(clause.path),
                    clause.id,
                    str(exc),
                    "each date the clause uses worked out: give an event date an estimate "
                    "until it is recorded",
                )
            )
            continue
        done.append(replace(clause, terms=terms, has_date_rules=True))
    if problems:
        raise InputError(problems)
    return tuple(done)


def _date_problems(
    path: Path, doc: YamlDocument, sheet: TermSheet, clauses: list[Clause]
) -> list[Problem]:
    """A date used by a name the header does not define, and a named date defined through
    itself."""
    problems: list[Problem] = []
    known = ", ".join(sorted(sheet.dates)) or "(the sheet names none)"
    for where, node in [(("dates",), sheet.dates), *((c.path, c.terms) for c in clauses)]:
        for part in rules_in(node):
            if isinstance(part, DateName) and part.name not in sheet.dates:
                at = part.origin
                line = at.line if at else doc.line_of(where)
                field = field_name(at.path if at else where, doc.data)
                problems.append(
                    Problem(path, line, field, f"unknown date {part.name!r}", f"one of {known}")
                )
    cycle = definition_cycle(sheet.dates)
    if cycle:
        problems.append(
            Problem(
                path,
                doc.line_of(("dates", cycle[0])),
                f"dates.{cycle[0]}",
                "a date defined through itself: " + " -> ".join(cycle),
                "each named date worked out from other dates, events or fixed dates",
            )
        )
    return problems


def _id_problem(
    clause_id: str, instrument: str | None, instruments: list[str | None]
) -> tuple[str, str] | None:
    """(found, expected) for a clause id the sheet cannot take: a second use in one
    instrument, or a header key."""
    if instrument in instruments:
        within = f" in instrument {instrument!r}" if instrument else ""
        return (
            f"a second clause with id {clause_id!r}{within}",
            "a unique id for each clause of the sheet"
            + (" within an instrument (a later one replaces it)" if instrument else ""),
        )
    if clause_id in HEADER_KEYS:
        keys = ", ".join(sorted(HEADER_KEYS))
        return shown(clause_id), f"an id that is not a header key ({keys})"
    return None


def _line_within(
    doc: YamlDocument, at: tuple[str | int, ...], loc: tuple[str | int, ...]
) -> int | None:
    return doc.line_of((*at, *loc))


def field_name(path: tuple[str | int, ...], data: Any) -> str:
    """How a problem names a place in a raw sheet: dotted, a clause by its id
    (`facility.borrowing_base.receivables_rate` for `clauses[0].borrowing_base...`)."""
    if len(path) >= 2 and path[0] == "clauses" and isinstance(path[1], int):
        entry = data.get("clauses", [])[path[1]] if isinstance(data, dict) else None
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            return _dotted((entry["id"], *path[2:]))
    return _dotted(path)


def _dotted(loc: tuple[str | int, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(top)"


def named_values(data: Any) -> dict[str, Decimal]:
    """Every number in a raw sheet by its dotted path, for stated-figure formulas.

    List items that have an `id` are named by it, and a clause by its id alone:
    `lease.spaces.additional.area` for the `additional` space of the clause `lease`.
    """
    names: dict[str, Decimal] = {}

    def walk(node: Any, prefix: str) -> None:
        if is_term_mapping(node):
            node = node["value"]
        if isinstance(node, Decimal) and prefix:
            names[prefix] = node
        elif isinstance(node, dict):
            for key, child in node.items():
                if prefix == "" and key == "stated":
                    continue
                if prefix == "" and key == "clauses" and isinstance(child, list):
                    walk(child, "")
                    continue
                walk(child, f"{prefix}.{key}" if prefix else str(key))
        elif isinstance(node, list):
            for i, child in enumerate(node):
                label = child.get("id") if isinstance(child, dict) else None
                name = str(label if label is not None else i)
                walk(child, f"{prefix}.{name}" if prefix else name)

    walk(data, "")
    return {k: v for k, v in names.items() if re.fullmatch(r"[A-Za-z_][\w.]*", k)}
