"""A portfolio folder: portfolio.yaml, the source documents, the term sheets and the facts."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Collection, Hashable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import cached_property, partial
from pathlib import Path
from typing import Annotated, Any, Protocol, cast

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
)

from pactum.business_days import BusinessCalendar, CalendarSpec
from pactum.dates import DATE_RANGE_EXPECTED, within_range
from pactum.errors import Gathered, InputError, Problem, fail, shown, validation_problems
from pactum.facts.dated_snapshots import DatedFacts, load_collateral, load_loans
from pactum.facts.events import Event, Events, load_events
from pactum.facts.financials import Financials, load_financials
from pactum.facts.recorded import (
    DATABASE_EXPECTED,
    Recorded,
    database_path,
    database_problem,
)
from pactum.facts.table import BorrowerScope, borrower_scope
from pactum.reminders import ReminderBlock, Reminders
from pactum.terms.named_dates import DateResolver
from pactum.terms.registry import clause_types
from pactum.terms.sheet import (
    Clause,
    LoadedSheet,
    TermSheet,
    clauses_in_force,
    date_events,
    field_name,
    load_term_sheet,
    of_type,
)
from pactum.terms.yaml_source import YamlDocument, load_yaml

CONFIG_EXPECTED = "a mapping of company, agreements and the portfolio's other settings"


def _not_a_boolean(value: object) -> object:
    # YAML reads `yes` and `true` as booleans, which an int would take for 1 (January)
    if isinstance(value, bool):
        raise ValueError("a month number, 1 to 12")
    return value


Month = Annotated[int, BeforeValidator(_not_a_boolean), Field(ge=1, le=12)]


class PortfolioConfig(BaseModel):
    """portfolio.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    company: str
    fiscal_year_end_month: Month = 12
    calendar: CalendarSpec = CalendarSpec()
    as_of: date | None = Field(None, description="the as-of date when none is given")
    agreements: list[str] = Field(description="term sheet files, relative to this folder")
    facts: str = "facts"
    database: str | None = Field(
        None,
        description="where `pactum record` keeps the book's runs: a DuckDB file relative to "
        "this folder, or duckdb://PATH; default pactum.duckdb",
    )
    reminders: ReminderBlock = Field(
        default_factory=dict,
        description="calendar reminders: per obligation category, the days before each event "
        "(pactum.reminders; categories not given keep their defaults)",
    )

    @property
    def calendar_reminders(self) -> Reminders:
        return Reminders(self.reminders)

    @field_validator("as_of")
    @classmethod
    def _as_of_within_range(cls, value: date | None) -> date | None:
        return _as_of_in_range(value)

    @field_validator("database")
    @classmethod
    def _database_supported(cls, value: str | None) -> str | None:
        return _supported_database(value)


def _supported_database(value: str | None) -> str | None:
    problem = database_problem(value) if value is not None else None
    if problem is not None:
        raise ValueError(f"{problem}; expected {DATABASE_EXPECTED}")
    return value


def _as_of_in_range(value: date | None) -> date | None:
    # evaluation looks years either side of the as-of date: near year 1 or 9999 it
    # overflows, as `--as-of` would (pactum.dates)
    if value is not None and not within_range(value):
        raise ValueError(DATE_RANGE_EXPECTED)
    return value


class ClauseFactsSpec(Protocol):
    """What loading a portfolio needs of a clause type (see `pactum.clauses.api.ClauseType`)."""

    name: str

    def event_models(self, terms: Any) -> Mapping[str, type[BaseModel]]: ...

    def load_facts(self, folder: Path) -> Any: ...

    def events_used(self, terms: Any) -> Sequence[tuple[tuple[str | int, ...], str]]: ...

    def event_fields_used(
        self, terms: Any
    ) -> Sequence[tuple[tuple[str | int, ...], str, str, object]]: ...

    def check_event(self, terms: Any, event: Event, data: BaseModel) -> Problem | None: ...

    def figures(self, terms: Any) -> Sequence[str]: ...

    def triggers(self, terms: Any) -> Sequence[str]: ...

    def figures_used(self, terms: Any) -> Sequence[tuple[tuple[str | int, ...], str]]: ...

    def test_ids(self, terms: Any) -> Sequence[str]: ...

    def validate_events(
        self, terms: Any, events: list[Event]
    ) -> Sequence[tuple[Event, str, str, str]]: ...


def _spec(clause: Clause) -> ClauseFactsSpec:
    return cast(ClauseFactsSpec, clause_types()[clause.type])


@dataclass(frozen=True)
class InstrumentText:
    """An instrument's document and its text; both None for one not in hand."""

    path: Path | None
    text: str | None


@dataclass(frozen=True)
class Agreement:
    sheet: TermSheet
    clauses: tuple[Clause, ...]
    source: YamlDocument
    document_path: Path
    document_text: str
    default_calendar: CalendarSpec  # the portfolio's, for a sheet that names none
    # each instrument's text by its id, in a sheet of several (the first shown: the latest
    # in hand, as `document_path` and `document_text`)
    instrument_texts: Mapping[str, InstrumentText] = dataclasses.field(default_factory=dict)
    # every clause as written: in a sheet of several instruments, each one's version (the
    # clauses above are those in force once all have taken effect; `at` gives another day's)
    versions: tuple[Clause, ...] = ()
    deletions: tuple[Clause, ...] = ()

    def at(self, day: date) -> Agreement:
        """The agreement as its instruments stand on `day`: each clause's version in force."""
        if not self.sheet.instruments:
            return self
        in_force = clauses_in_force(self.versions, self.deletions, self.sheet, day)
        return dataclasses.replace(self, clauses=in_force)

    @property
    def id(self) -> str:
        return self.sheet.id

    def clause(self, clause_id: str) -> Clause:
        return next(c for c in self.clauses if c.id == clause_id)

    def clauses_of(self, type_name: str) -> tuple[Clause, ...]:
        """The agreement's clauses of one type, in sheet order."""
        return of_type(self.clauses, type_name)

    def calendar(self) -> BusinessCalendar:
        return BusinessCalendar(self.sheet.calendar or self.default_calendar)

    @cached_property
    def date_events(self) -> frozenset[str]:
        """The events that fix the sheet's dates (`{event: delivery}`): a walk of every
        clause's terms, done once (loading asks for each event that no clause reads)."""
        return date_events(self.sheet, self.versions)

    def dates(
        self,
        events: Events,
        as_of: date,
        triggered: Mapping[str, Sequence[date]] | None = None,
    ) -> DateResolver:
        """The agreement's dates as known on `as_of`: its named dates, worked out from the
        events recorded by then and those its clauses emitted (`triggered`: a fall below an
        ownership floor), as one list of dates per event name."""
        emitted = triggered or {}
        return DateResolver(
            self.sheet.dates,
            lambda name: sorted(
                [e.date for e in events.of(self.id, name)] + list(emitted.get(name, ()))
            ),
            self.calendar(),
            as_of,
        )


class DateEventFields(BaseModel):
    """An event that fixes a date of the sheet (delivery, commencement): its date is all."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    note: str = ""


@dataclass(frozen=True)
class Facts:
    financials: Financials
    collateral: DatedFacts
    loans: DatedFacts
    events: Events
    # each clause type's own data, by the type's name (see ClauseType.load_facts)
    by_type: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def of_type(self, name: str) -> Any:
        return self.by_type.get(name)


@dataclass(frozen=True)
class Portfolio:
    root: Path
    config: PortfolioConfig
    agreements: dict[str, Agreement]
    facts: Facts
    # the runs `pactum record` kept for this company or borrower (the previous certificate)
    recorded: Recorded | None = None

    @property
    def fiscal_year_end_month(self) -> int:
        return self.config.fiscal_year_end_month


def _read_config(root: Path) -> tuple[Path, YamlDocument]:
    """portfolio.yaml, read; a mapping, or the one line saying what it is instead."""
    config_path = root / "portfolio.yaml"
    if not root.is_dir():
        raise fail(root, None, "portfolio", "no such folder", "a folder with portfolio.yaml")
    if not config_path.is_file():
        raise fail(config_path, None, "file", "no such file", "portfolio.yaml in the folder")
    config_doc = load_yaml(config_path)
    if not isinstance(config_doc.data, dict):
        found = "an empty file" if config_doc.data is None else type(config_doc.data).__name__
        raise fail(config_path, config_doc.line_of(()) or 1, "portfolio", found, CONFIG_EXPECTED)
    return config_path, config_doc


def load_portfolio(root: Path) -> Portfolio:
    """A portfolio of one company; a book of one borrower is that borrower's (a book of
    several is refused: see `load_book`)."""
    config_path, config_doc = _read_config(root)
    if "borrowers" in config_doc.data:
        book = load_book(root)
        if len(book.borrowers) == 1:
            return book.borrowers[0].portfolio
        raise fail(
            config_path,
            config_doc.line_of(("borrowers",)),
            "borrowers",
            f"a book of {len(book.borrowers)} borrowers",
            "a portfolio of one company (this command reads one; check, calendar, report, desk, "
            "record, serve and collateral read a book, or one of its borrowers with --borrower)",
        )
    try:
        config = PortfolioConfig.model_validate(config_doc.data)
    except ValidationError as exc:
        raise validation_problems(config_path, exc, config_doc.line_of) from exc
    sheets = [
        SheetEntry(root / relative, root, config_doc.line_of(("agreements", i)), f"agreements.{i}")
        for i, relative in enumerate(config.agreements)
    ]
    # each sheet and each facts file is read even when another is bad: one run lists them all
    gathered = Gathered()
    agreements = _load_agreements(sheets, config_path, root, config.calendar, gathered)
    facts_dir = root / config.facts
    if "facts" in (config_doc.data or {}) and not facts_dir.is_dir():
        # a folder named and not there would give a portfolio without facts, silently
        gathered.problems.append(
            Problem(
                config_path,
                config_doc.line_of(("facts",)),
                "facts",
                shown(config.facts),
                "a folder of facts (relative to the portfolio folder)",
            )
        )
        gathered.raise_any()
    facts = _load_facts(facts_dir, agreements, gathered)
    recorded = Recorded(database_path(root, config.database), None)
    return Portfolio(root, config, agreements, facts, recorded)


@dataclass(frozen=True)
class SheetEntry:
    """A term sheet a portfolio lists: its file, the folder its document paths are relative
    to, and where portfolio.yaml lists it."""

    path: Path
    documents_from: Path
    line: int | None
    field: str  # the entry's own (agreements.2), for a file that is not there
    listing: str = "agreements"  # the list's, for a second agreement with an id


def _load_agreements(
    sheets: Sequence[SheetEntry],
    config_path: Path,
    within: Path,
    calendar: CalendarSpec,
    gathered: Gathered,
) -> dict[str, Agreement]:
    """Each sheet loaded and checked, with its documents (inside `within`), by id; a bad
    sheet's problems are gathered and the next sheet read."""
    agreements: dict[str, Agreement] = {}

    def load(entry: SheetEntry) -> Agreement:
        _require_sheet_file(entry.path, config_path, entry.line, entry.field)
        loaded = load_term_sheet(entry.path)
        if loaded.sheet.id in agreements:
            raise fail(
                config_path,
                entry.line,
                entry.listing,
                f"a second agreement with id {loaded.sheet.id!r}",
                "unique agreement ids",
            )
        _check_events_used(loaded)
        _check_event_fields_used(loaded)
        _check_figures_used(loaded)
        _check_waived_tests(loaded)
        return _with_document(entry.documents_from, loaded, calendar, within)

    for entry in sheets:
        agreement = gathered.attempt(partial(load, entry))
        if agreement is not None:
            agreements[agreement.id] = agreement
    return agreements


def _load_facts(facts_dir: Path, agreements: dict[str, Agreement], gathered: Gathered) -> Facts:
    """Each facts file read even when another is bad (or a sheet was); every problem gathered
    is raised here. Events are checked against the sheets only when every sheet loaded: a bad
    sheet's clauses would make its events look wrong too."""
    sheets_whole = not gathered.problems
    financials = gathered.attempt(partial(load_financials, facts_dir / "financials.csv"))
    collateral = gathered.attempt(partial(load_collateral, facts_dir / "collateral.csv"))
    loans = gathered.attempt(partial(load_loans, facts_dir / "loans.csv"))
    events = gathered.attempt(partial(load_events, facts_dir / "events.yaml"))
    if events is not None and sheets_whole:
        events = gathered.attempt(partial(_checked_events, events, agreements))
    by_type: dict[str, Any] = {}
    for agreement in agreements.values():
        for clause in agreement.clauses:
            loaded = gathered.attempt(partial(_spec(clause).load_facts, facts_dir))
            # a clause type without facts of its own loads None: kept, as before
            by_type[clause.type] = loaded
    gathered.raise_any()
    assert financials is not None and collateral is not None and loans is not None
    assert events is not None  # with no problems gathered, every step gave its value
    return Facts(
        financials=financials, collateral=collateral, loans=loans, events=events, by_type=by_type
    )


def _require_sheet_file(path: Path, config_path: Path, line: int | None, field: str) -> None:
    """An agreement listed in portfolio.yaml that is not a file is a problem at its line in
    portfolio.yaml (the listing is what is wrong), not one about a file without a line."""
    if path.is_file():
        return
    if path.is_dir():
        reason = "a folder"
    elif path.is_symlink():
        reason = "a symbolic link to nothing"
    else:
        reason = "no such file"
    raise fail(
        config_path,
        line,
        field,
        f"{str(path)!r} ({reason})",
        "a term sheet file (YAML)",
    )


def accepted_events(clauses: Sequence[Clause], dates: frozenset[str]) -> list[str]:
    """The events an agreement's clauses read, and those that fix its dates."""
    return sorted({name for c in clauses for name in _reads(c)} | dates)


def _check_events_used(loaded: LoadedSheet) -> None:
    """Each event a clause runs from is read by a clause of the agreement or fixes a date."""
    # and the events a clause emits from its facts (a fall below an ownership floor)
    emitted = {name for c in loaded.clauses for name in _spec(c).triggers(c.terms)}
    accepted = sorted({*accepted_events(loaded.clauses, loaded.date_events), *emitted})
    for clause in loaded.clauses:
        for where, name in _spec(clause).events_used(clause.terms):
            if name not in accepted:
                at = (*clause.path, *where)
                raise fail(
                    loaded.source.path,
                    loaded.source.line_of(at),
                    field_name(at, loaded.source.data),
                    f"event {name!r}, which no clause reads",
                    "an event one of the agreement's clauses reads: "
                    + (", ".join(accepted) or "(its clauses read none)"),
                )


def _check_figures_used(loaded: LoadedSheet) -> None:
    """Each figure a clause reads (`<clause id>.<figure>`) is one an earlier clause of the
    sheet declares: figures are worked out in sheet order, and a name nothing computes would
    otherwise read as never known."""
    for position, clause in enumerate(loaded.clauses):
        earlier = loaded.clauses[:position]
        for where, ref in _spec(clause).figures_used(clause.terms):
            clause_id, _, name = ref.partition(".")
            source = next((c for c in earlier if c.id == clause_id), None)
            declared = list(_spec(source).figures(source.terms)) if source else []
            if name in declared:
                continue
            at = (*clause.path, *where)
            offered = [f"{c.id}.{f}" for c in earlier for f in _spec(c).figures(c.terms)]
            raise fail(
                loaded.source.path,
                loaded.source.line_of(at),
                field_name(at, loaded.source.data),
                f"figure {ref!r}, which no earlier clause computes",
                "<clause id>.<figure> of a clause earlier in the sheet: "
                + (", ".join(offered) or "(the earlier clauses compute none)"),
            )


def _check_waived_tests(loaded: LoadedSheet) -> None:
    """Each test a waiver waives is one a clause of the agreement gives (in any instrument's
    version): a waiver of a test the agreement does not have waives nothing."""
    given = sorted({t for c in loaded.clauses for t in _spec(c).test_ids(c.terms)})
    for i, instrument in enumerate(loaded.sheet.instruments):
        for j, waiver in enumerate(instrument.waives):
            if waiver.test in given:
                continue
            at = ("instruments", i, "waives", j, "test")
            raise fail(
                loaded.source.path,
                loaded.source.line_of(at),
                f"instruments.{i}.waives.{j}.test",
                f"test {waiver.test!r}, which no clause of the agreement gives",
                "a test id of the agreement's financial tests or covenants: "
                + (", ".join(given) or "(it has none)"),
            )


def _check_event_fields_used(loaded: LoadedSheet) -> None:
    """Each condition a clause puts on an event's field names a field the event's reader
    gives it, with a value that reader would hold there (`true` for a flag, not `yes`)."""
    for clause in loaded.clauses:
        for where, name, field, value in _spec(clause).event_fields_used(clause.terms):
            model = _event_model(loaded, name)
            if model is None:
                continue  # an event nothing reads: refused by _check_events_used
            at = (*clause.path, *where)
            problem = _field_problem(model, name, field, value)
            if problem is not None:
                found, expected = problem
                raise fail(
                    loaded.source.path,
                    loaded.source.line_of(at),
                    field_name(at, loaded.source.data),
                    found,
                    expected,
                )


def _event_model(loaded: LoadedSheet, name: str) -> type[BaseModel] | None:
    """The model an event's fields are read with: that of its first reader in sheet order
    (as `_checked_events` reads it), or a date's event's."""
    for clause in loaded.clauses:
        models = _reads(clause)
        if name in models:
            return models[name]
    return DateEventFields if name in loaded.date_events else None


def _field_problem(
    model: type[BaseModel], name: str, field: str, value: object
) -> tuple[str, str] | None:
    """(found, expected) when `value` is not what `model` holds in `field`."""
    fields = model.model_fields
    if field not in fields:
        if model.model_config.get("extra") == "allow":
            return None  # any other field is kept as written
        return (
            f"field {field!r}, which {name} events do not have",
            f"a field of {name}: " + (", ".join(fields) or "(it has none)"),
        )
    annotation = fields[field].annotation
    if annotation is None:
        return None  # a field of any value
    try:
        held = TypeAdapter(annotation).validate_python(value)
    except ValidationError as exc:
        return shown(value), f"{name}.{field} as events.yaml gives it: {exc.errors()[0]['msg']}"
    if held != value or isinstance(held, bool) != isinstance(value, bool):
        return shown(value), f"{name}.{field} as its events hold it: {shown(held)}"
    return None


def _with_document(
    root: Path, loaded: LoadedSheet, calendar: CalendarSpec, within: Path
) -> Agreement:
    """The agreement with its documents, relative to `root` and inside `within` (the
    portfolio's folder, or the book's for a borrower's sheet)."""
    sheet = loaded.sheet
    if not sheet.instruments:
        assert sheet.document is not None  # the header gives the one document
        path, text = _read_document(root, loaded, sheet.document, ("document",), within)
        clauses = loaded.clauses
        return Agreement(sheet, clauses, loaded.source, path, text, calendar, {}, clauses)
    texts: dict[str, InstrumentText] = {}
    for i, instrument in enumerate(sheet.instruments):
        if instrument.document is None:
            texts[instrument.id] = InstrumentText(None, None)
        else:
            at = ("instruments", i, "document")
            texts[instrument.id] = InstrumentText(
                *_read_document(root, loaded, instrument.document, at, within)
            )
    # the text a reader sees first: the latest instrument in hand
    shown_first = next((t for t in reversed(texts.values()) if t.path is not None), None)
    path = shown_first.path if shown_first and shown_first.path else loaded.source.path
    text = shown_first.text if shown_first and shown_first.text is not None else ""
    latest = clauses_in_force(loaded.clauses, loaded.deletions, sheet, None)
    return Agreement(
        sheet,
        latest,
        loaded.source,
        path,
        text,
        calendar,
        texts,
        loaded.clauses,
        loaded.deletions,
    )


def _read_document(
    root: Path, loaded: LoadedSheet, document: str, at: tuple[str | int, ...], within: Path
) -> tuple[Path, str]:
    sheet = loaded.sheet
    path = root / document

    def refused(expected: str) -> InputError:
        field = ".".join(str(p) for p in at)
        return fail(loaded.source.path, loaded.source.line_of(at), field, shown(document), expected)

    if not sheet.document_outside and not path.resolve().is_relative_to(within.resolve()):
        # a sheet from elsewhere must not make Pactum read (and show) any file on the machine
        raise refused(
            "a file inside the portfolio folder (or `document_outside: true` in the sheet)"
        )
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise refused("a readable text file under the portfolio folder") from None
    return path, text


def _reads(clause: Clause) -> Mapping[str, type[BaseModel]]:
    """The events a clause reads, by name, with their models."""
    return _spec(clause).event_models(clause.terms)


def _event_line(event: Event, loc: tuple[str | int, ...]) -> int | None:
    """The line of the event field a problem is about (the event's line if it has none)."""
    return event.line_of(str(loc[0])) if loc else event.line


def _checked_events(events: Events, agreements: dict[str, Agreement]) -> Events:
    checked: list[Event] = []
    for event in events.items:
        agreement = agreements.get(event.agreement)
        if agreement is None:
            raise fail(
                event.file,
                event.line_of("agreement"),
                "agreement",
                shown(event.agreement),
                "one of " + ", ".join(sorted(agreements)),
            )
        # the events the agreement's clauses read; the first clause (in sheet order) whose
        # type reads an event checks it against its terms
        readers = [c for c in agreement.versions if event.event in _reads(c)]
        if not readers and event.event in agreement.date_events:
            try:
                data: BaseModel = DateEventFields.model_validate(event.fields)
            except ValidationError as exc:
                raise validation_problems(event.file, exc, partial(_event_line, event)) from exc
            checked.append(dataclasses.replace(event, data=data))
            continue
        if not readers:
            accepted = accepted_events(agreement.versions, agreement.date_events)
            raise fail(
                event.file,
                event.line_of("event"),
                "event",
                shown(event.event),
                "an event one of the agreement's clauses reads: "
                + (", ".join(accepted) or "(its clauses read none)"),
            )
        reader = readers[0]
        spec = _spec(reader)
        try:
            data = _reads(reader)[event.event].model_validate(event.fields)
        except ValidationError as exc:
            raise validation_problems(event.file, exc, partial(_event_line, event)) from exc
        problem = spec.check_event(reader.terms, event, data)
        if problem is not None:
            raise InputError([problem])
        checked.append(dataclasses.replace(event, data=data))
    result = Events(checked)
    for agreement in agreements.values():
        for clause in agreement.clauses:
            problems = _spec(clause).validate_events(clause.terms, result.of(agreement.id))
            if problems:
                raise InputError(
                    Problem(event.file, event.line_of(field), field, found, expected)
                    for event, field, found, expected in problems
                )
    return result


# ---------------------------------------------------------------------------------------------
# A book: many borrowers in one portfolio folder, each with its own agreements and facts.

BORROWER_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


class BorrowerConfig(BaseModel):
    """A borrower of a book: by default its folder is `borrowers/<id>`, with its sheets in
    `agreements/` and its facts in `facts/`; without a facts folder of its own its facts are
    the rows of the book's fact files that name it in `borrower_id`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=BORROWER_ID, max_length=100)
    name: str
    folder: str | None = Field(None, description="default borrowers/<id>")
    agreements: list[str] | None = Field(
        None, description="term sheet files relative to its folder; default agreements/*.yaml"
    )
    facts: str | None = Field(None, description="its facts folder; default facts, if there")
    fiscal_year_end_month: Month | None = None
    calendar: CalendarSpec | None = None


class BookSheet(BaseModel):
    """A term sheet listed at the book's level, with the borrower it is of."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sheet: str
    borrower: str


class BookConfig(BaseModel):
    """portfolio.yaml of a book (it has `borrowers:`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    book: str = Field(description="the book's name, e.g. the lending desk's")
    fiscal_year_end_month: Month = 12
    calendar: CalendarSpec = CalendarSpec()
    as_of: date | None = Field(None, description="the as-of date when none is given")
    borrowers: list[BorrowerConfig] = Field(min_length=1)
    agreements: list[str | BookSheet] = Field(
        default_factory=list, description="term sheets at the book's level, each with its borrower"
    )
    facts: str = Field("facts", description="the book's fact files, each row with borrower_id")
    database: str | None = Field(
        None,
        description="where `pactum record` keeps the book's runs: a DuckDB file relative to "
        "this folder, or duckdb://PATH; default pactum.duckdb",
    )
    reminders: ReminderBlock = Field(
        default_factory=dict,
        description="calendar reminders for the whole book, as a portfolio's `reminders:`",
    )

    @field_validator("as_of")
    @classmethod
    def _as_of_within_range(cls, value: date | None) -> date | None:
        return _as_of_in_range(value)

    @field_validator("database")
    @classmethod
    def _database_supported(cls, value: str | None) -> str | None:
        return _supported_database(value)


@dataclass(frozen=True)
class Borrower:
    """One borrower's agreements and facts, as a portfolio of its own: its agreements see
    its facts and events and no one else's. `id` None: a portfolio of one company."""

    id: str | None
    portfolio: Portfolio

    @property
    def name(self) -> str:
        return self.portfolio.config.company


@dataclass(frozen=True)
class Book:
    """A portfolio folder as borrowers: a book's, or a one-company portfolio as one
    borrower without an id (whose findings keep the one-company shape)."""

    root: Path
    name: str
    as_of: date | None
    borrowers: tuple[Borrower, ...]
    reminders: Reminders  # the calendar's, from portfolio.yaml
    database: Path | None = None  # where `pactum record` keeps its runs (facts.recorded)

    @property
    def is_book(self) -> bool:
        return any(b.id is not None for b in self.borrowers)

    def borrower(self, borrower_id: str) -> Borrower | None:
        return next((b for b in self.borrowers if b.id == borrower_id), None)

    def only(self, borrower_id: str) -> Book:
        """The book with one of its borrowers (the id is one of them)."""
        chosen = self.borrower(borrower_id)
        assert chosen is not None
        return dataclasses.replace(self, borrowers=(chosen,))


@dataclass(frozen=True)
class BookPeers:
    """A book's borrowers' portfolios, for a clause type's facts that work over all of them at
    once (the collateral engine's one pass per date for every borrower with detail), and the
    keys of the passes already made (each made once)."""

    portfolios: list[Portfolio] = dataclasses.field(default_factory=list)
    passed: set[Hashable] = dataclasses.field(default_factory=set)


# set while a book loads its borrowers: a clause type's `load_facts` keeps it to reach the
# book's other borrowers later (their portfolios are added as each is loaded)
_LOADING_BOOK: ContextVar[BookPeers | None] = ContextVar("loading_book", default=None)


def loading_book() -> BookPeers | None:
    """The book whose borrowers are being loaded, if any."""
    return _LOADING_BOOK.get()


@contextmanager
def _loading(peers: BookPeers) -> Iterator[None]:
    token = _LOADING_BOOK.set(peers)
    try:
        yield
    finally:
        _LOADING_BOOK.reset(token)


@dataclass(frozen=True)
class BookOutline:
    """A book's name, as-of date and borrower ids, from its portfolio.yaml alone."""

    name: str
    as_of: date | None
    borrowers: tuple[str, ...]


def book_outline(root: Path) -> BookOutline | None:
    """The outline of the book at `root`; None for a one-company portfolio, and for a
    portfolio.yaml that loading the book would refuse (which `load_book` then reports)."""
    try:
        _, config_doc = _read_config(root)
        if "borrowers" not in config_doc.data:
            return None
        config = BookConfig.model_validate(config_doc.data)
    except (InputError, ValidationError):
        return None
    return BookOutline(config.book, config.as_of, tuple(b.id for b in config.borrowers))


def load_book(root: Path, part: Collection[str] | None = None) -> Book:
    """A book (portfolio.yaml with `borrowers:`), or a one-company portfolio as a book of
    one borrower without an id. With `part` (some of a book's borrower ids), only those
    borrowers are loaded, in the book's order: the book itself is checked whole, and each of
    them is loaded as in the whole book (a worker's share of a book run in parallel)."""
    config_path, config_doc = _read_config(root)
    if "borrowers" not in config_doc.data:
        portfolio = load_portfolio(root)
        one = Borrower(None, portfolio)
        return Book(
            root,
            portfolio.config.company,
            portfolio.config.as_of,
            (one,),
            portfolio.config.calendar_reminders,
            database_path(root, portfolio.config.database),
        )
    try:
        config = BookConfig.model_validate(config_doc.data)
    except ValidationError as exc:
        raise validation_problems(config_path, exc, config_doc.line_of) from exc
    line_of = config_doc.line_of
    seen: set[str] = set()
    for i, entry in enumerate(config.borrowers):
        if entry.id in seen:
            raise fail(
                config_path,
                line_of(("borrowers", i, "id")),
                f"borrowers.{i}.id",
                f"a second borrower with id {entry.id!r}",
                "unique borrower ids",
            )
        seen.add(entry.id)
    ids = [b.id for b in config.borrowers]
    book_sheets: dict[str, list[SheetEntry]] = {i: [] for i in ids}
    for i, listed in enumerate(config.agreements):
        at = ("agreements", i)
        if isinstance(listed, str):
            if len(ids) > 1:
                raise fail(
                    config_path,
                    line_of(at),
                    f"agreements.{i}",
                    f"{listed!r}, which names no borrower",
                    "{sheet: <file>, borrower: <id>} with one of the book's borrowers: "
                    + ", ".join(ids),
                )
            listed = BookSheet(sheet=listed, borrower=ids[0])
        elif listed.borrower not in ids:
            raise fail(
                config_path,
                line_of((*at, "borrower")),
                f"agreements.{i}.borrower",
                shown(listed.borrower),
                "one of the book's borrowers: " + ", ".join(ids),
            )
        sheet = SheetEntry(root / listed.sheet, root, line_of(at), f"agreements.{i}")
        book_sheets[listed.borrower].append(sheet)
    folders = [
        _borrower_folder(root, config_path, line_of, i, b) for i, b in enumerate(config.borrowers)
    ]
    own_facts = [
        _own_facts(config_path, line_of, i, b, folder)
        for i, (b, folder) in enumerate(zip(config.borrowers, folders, strict=True))
    ]
    readers = tuple(b.id for b, own in zip(config.borrowers, own_facts, strict=True) if own is None)
    owners = tuple(b.id for b, own in zip(config.borrowers, own_facts, strict=True) if own)
    book_facts = root / config.facts
    if "facts" in config_doc.data and not book_facts.is_dir():
        raise fail(
            config_path,
            line_of(("facts",)),
            "facts",
            shown(config.facts),
            "a folder of the book's facts (relative to the book's folder)",
        )
    database = database_path(root, config.database)
    borrowers: list[Borrower] = []
    book_files: dict[Hashable, Any] = {}  # the book's fact files, read once for every borrower
    # each borrower's clause facts may keep the book's other borrowers (see BookPeers)
    peers = BookPeers()
    with _loading(peers):
        for i, entry in enumerate(config.borrowers):
            if part is not None and entry.id not in part:
                continue
            folder, own = folders[i], own_facts[i]
            sheets = _folder_sheets(config_path, line_of, i, entry, folder) + book_sheets[entry.id]
            calendar = entry.calendar or config.calendar
            gathered = Gathered()
            agreements = _load_agreements(sheets, config_path, root, calendar, gathered)
            facts_dir = own if own is not None else book_facts
            if own is not None:
                facts = _load_facts(own, agreements, gathered)
            else:
                with borrower_scope(BorrowerScope(entry.id, readers, owners, book_files)):
                    facts = _load_facts(book_facts, agreements, gathered)
            home = folder if folder is not None else root
            portfolio_config = PortfolioConfig(
                company=entry.name,
                fiscal_year_end_month=entry.fiscal_year_end_month or config.fiscal_year_end_month,
                calendar=calendar,
                as_of=config.as_of,
                agreements=[os.path.relpath(s.path, home) for s in sheets],
                facts=os.path.relpath(facts_dir, home),
            )
            recorded = Recorded(database, entry.id)
            portfolio = Portfolio(home, portfolio_config, agreements, facts, recorded)
            borrowers.append(Borrower(entry.id, portfolio))
            peers.portfolios.append(portfolio)
        return Book(
            root, config.book, config.as_of, tuple(borrowers), Reminders(config.reminders), database
        )


LineOf = Callable[[tuple[str | int, ...]], int | None]  # YamlDocument.line_of


def _borrower_folder(
    root: Path, config_path: Path, line_of: LineOf, index: int, entry: BorrowerConfig
) -> Path | None:
    """The borrower's folder: the one named (which must be there), or borrowers/<id> if
    there; None for a borrower whose sheets and facts are all the book's."""
    if entry.folder is None:
        default = root / "borrowers" / entry.id
        return default if default.is_dir() else None
    folder = root / entry.folder
    if not folder.is_dir() or not folder.resolve().is_relative_to(root.resolve()):
        raise fail(
            config_path,
            line_of(("borrowers", index, "folder")),
            f"borrowers.{index}.folder",
            shown(entry.folder),
            "a folder inside the book's folder",
        )
    return folder


def _own_facts(
    config_path: Path, line_of: LineOf, index: int, entry: BorrowerConfig, folder: Path | None
) -> Path | None:
    """The borrower's own facts folder; None when its facts are the book's fact files."""
    if entry.facts is None:
        default = folder / "facts" if folder is not None else None
        return default if default is not None and default.is_dir() else None
    own = (folder if folder is not None else config_path.parent) / entry.facts
    if not own.is_dir():
        raise fail(
            config_path,
            line_of(("borrowers", index, "facts")),
            f"borrowers.{index}.facts",
            shown(entry.facts),
            "a folder of the borrower's facts (relative to its folder)",
        )
    return own


def _folder_sheets(
    config_path: Path, line_of: LineOf, index: int, entry: BorrowerConfig, folder: Path | None
) -> list[SheetEntry]:
    """The sheets in the borrower's folder: those it lists, or its agreements/*.yaml."""
    listing = f"borrowers.{index}.agreements"
    if entry.agreements is not None:
        base = folder if folder is not None else config_path.parent
        return [
            SheetEntry(
                base / relative,
                base,
                line_of(("borrowers", index, "agreements", j)),
                f"{listing}.{j}",
                listing,
            )
            for j, relative in enumerate(entry.agreements)
        ]
    if folder is None or not (folder / "agreements").is_dir():
        return []
    found = sorted(
        p
        for p in (folder / "agreements").iterdir()
        if p.suffix in (".yaml", ".yml") and p.is_file()
    )
    line = line_of(("borrowers", index))
    return [SheetEntry(p, folder, line, listing, listing) for p in found]
