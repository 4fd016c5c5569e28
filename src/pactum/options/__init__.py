"""The `options` clause type: renewal, extension, termination, expansion, purchase, first
offer and first refusal rights, each with a notice window worked out from the sheet's dates,
a status from the events (not yet open, open, exercised, waived, lapsed), its conditions,
what exercising brings and what follows a lapse (amounts decided by events), and
critical-date alerts at the lead times the sheet sets."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from pydantic import BaseModel

from pactum.business_days import BusinessCalendar, CalendarSpec
from pactum.clauses.api import (
    ClauseContext,
    ClauseFindings,
    ClauseType,
    TermProblem,
    TermSheet,
)
from pactum.errors import Problem, shown
from pactum.facts.events import Event
from pactum.findings import Alert, Obligation, ObligationCategory, Severity, Trace, Unit, Value
from pactum.options.outcomes import outcome_on, outcomes_text
from pactum.options.schema import EVENTS, OptionEvent, OptionsTerms, OptionTerms, each_condition
from pactum.options.status import OptionStatus, Standing, WindowDates, standing, window_dates
from pactum.terms.named_dates import DateResolver
from pactum.terms.values import source_ref, sources

PENDING = (OptionStatus.not_yet_open, OptionStatus.open)


class Options(ClauseType[OptionsTerms]):
    name = "options"
    description = (
        "Rights exercisable within a notice window (renewal, extension, termination, "
        "expansion, purchase, first offer or refusal): status, conditions, critical dates."
    )
    schema = OptionsTerms
    events = EVENTS

    def events_used(self, terms: OptionsTerms) -> Sequence[tuple[tuple[str | int, ...], str]]:
        """The events that exercise an option or decide an outcome, other than the clause's
        own: another clause of the agreement must read them (a lease its space events)."""
        return [
            (("options", i, *at, "event"), condition.event)
            for i, option in enumerate(terms.options)
            for at, condition in option.events_read()
            if condition.event not in EVENTS
        ]

    def event_fields_used(
        self, terms: OptionsTerms
    ) -> Sequence[tuple[tuple[str | int, ...], str, str, object]]:
        return [
            (("options", i, *at, "where", field), condition.event, field, value)
            for i, option in enumerate(terms.options)
            for at, condition in option.events_read()
            for field, value in condition.where.items()
        ]

    def validate(self, terms: OptionsTerms, header: TermSheet) -> Sequence[TermProblem]:
        """A window that closes before it opens, on the sheet's fixed dates and estimates."""
        dates = DateResolver(
            header.dates,
            lambda _: [],
            BusinessCalendar(header.calendar or CalendarSpec()),
            date.max,
        )
        problems: list[TermProblem] = []
        for i, option in enumerate(terms.options):
            window = window_dates(option, dates, dates.calendar)
            if isinstance(window, WindowDates) and _closes_before_opens(window):
                assert window.opens is not None
                problems.append(
                    (
                        ("options", i, "window"),
                        f"a window that closes {window.closes.day.isoformat()}, before it "
                        f"opens {window.opens.day.isoformat()}",
                        "a window that opens on or before the day it closes",
                    )
                )
        return problems

    def check_event(self, terms: OptionsTerms, event: Event, data: BaseModel) -> Problem | None:
        if isinstance(data, OptionEvent) and data.option not in {o.id for o in terms.options}:
            return Problem(
                event.file,
                event.line_of("option"),
                "option",
                shown(data.option),
                "one of the clause's options: " + ", ".join(o.id for o in terms.options),
            )
        return None

    def evaluate(self, ctx: ClauseContext[OptionsTerms]) -> ClauseFindings:
        values: list[Value] = []
        obligations: list[Obligation] = []
        alerts: list[Alert] = []
        for option in ctx.terms.options:
            found = _standing(ctx, option)
            values.append(_status_value(found))
            values += _outcome_values(ctx, found)
            alerts += _alerts(found, ctx.as_of)
            obligations += _obligations(found, ctx.as_of, date.max)
        return ClauseFindings(
            values=tuple(values), obligations=tuple(obligations), alerts=tuple(alerts)
        )

    def obligations_between(
        self, ctx: ClauseContext[OptionsTerms], start: date, end: date
    ) -> Sequence[Obligation]:
        return [
            o
            for option in ctx.terms.options
            for o in _obligations(_standing(ctx, option), start, end)
        ]


def _closes_before_opens(window: WindowDates) -> bool:
    return window.opens is not None and window.closes_unrolled < window.opens.day


def _standing(ctx: ClauseContext[OptionsTerms], option: OptionTerms) -> Standing:
    return standing(option, ctx.dates, ctx.calendar, ctx.events())


def _status_value(found: Standing) -> Value:
    option, window = found.option, found.window
    inputs = {"status": found.why}
    if option.exercised_by is not None:
        conditions = [c.described() for _, c in each_condition(option.exercised_by)]
        inputs["exercised by"] = " or ".join(["option_exercised", *conditions])
    if window is not None:
        inputs["window"] = window.described() + (" (projected)" if window.projected else "")
        inputs.update({f"step {i + 1}": step for i, step in enumerate(window.steps)})
    for i, text in enumerate(found.not_exercises):
        inputs[f"not an exercise {i + 1}"] = text
    refs = (*(window.sources if window else ()), *sources(*option.conditions, option.brings))
    return Value(
        f"option-{option.id}",
        found.status.value,
        Unit.text,
        option.title,
        Trace(f"{option.kind.value} option: status from its window and events", inputs, refs),
    )


def _outcome_values(ctx: ClauseContext[OptionsTerms], found: Standing) -> list[Value]:
    """Each outcome's amount (`option-<id>-<outcome>`) and what decided it (`...-status`)."""
    values: list[Value] = []
    for outcome in found.option.outcomes:
        decided = outcome_on(found, outcome, ctx.events(), ctx.as_of)
        key = f"option-{found.option.id}-{outcome.id}"
        values += [
            Value(
                key,
                decided.amount,
                Unit.money,
                decided.label,
                Trace(decided.formula, {"status": decided.status}, decided.sources),
            ),
            Value(f"{key}-status", decided.status, Unit.text, f"{outcome.title}: status"),
        ]
    return values


def _alerts(found: Standing, as_of: date) -> list[Alert]:
    option, window = found.option, found.window
    where = source_ref(option.alert_days)
    alerts = [Alert(Severity.critical, f"{option.title}: {text}.", where) for text in found.invalid]
    if found.status is OptionStatus.unknown:
        alerts.append(Alert(Severity.warning, f"{option.title}: window unknown ({found.why})."))
    if found.status is OptionStatus.not_triggered:
        # nothing is due until the event opens the window: a note, not a warning
        alerts.append(Alert(Severity.info, f"{option.title}: not triggered ({found.why})."))
    if window is None or found.status not in PENDING:
        return alerts
    left = (window.closes.day - as_of).days
    crossed = [lead for lead in option.alert_days.value if left <= lead]
    if crossed:
        lead = min(crossed)
        severity = (
            Severity.critical if lead <= 30 else Severity.warning if lead <= 90 else Severity.info
        )
        conditions = "; ".join(c.cite or c.note or "" for c in option.conditions)
        day = window.closes_note
        alerts.append(
            Alert(
                severity,
                f"{option.title}: the window closes {window.closes.day.isoformat()}"
                + (f" ({day})" if day else "")
                + f", {left} days away (the {lead}-day alert); {found.status.value}"
                + (" (projected)" if window.projected else "")
                + (f". Conditions: {conditions}" if conditions else "")
                + (f". {outcomes_text(option)}" if option.outcomes else "")
                + ".",
                window.closes.sources[0] if window.closes.sources else where,
            )
        )
    return alerts


def _obligations(found: Standing, start: date, end: date) -> list[Obligation]:
    """The window's opening and closing and the alert dates before it closes, while the
    option is pending."""
    option, window = found.option, found.window
    if window is None or found.status not in PENDING:
        return []
    note = "projected: rests on an estimated date" if window.projected else ""
    refs = window.closes.sources
    listed = []
    if window.opens is not None:
        listed.append(
            Obligation(
                window.opens.day,
                f"{option.title}: the window opens",
                None,
                window.opens.sources,
                note,
                ObligationCategory.other,
                f"option-{option.id}-opens",
            )
        )
    listed.append(
        Obligation(
            window.closes.day,
            f"{option.title}: last day to exercise"
            + (f"; {outcomes_text(option)}" if option.outcomes else ""),
            None,
            refs,
            "; ".join(s for s in (note, *window.closes.steps[-1:], window.closes_note) if s),
            ObligationCategory.option_deadline,
            f"option-{option.id}-closes",
        )
    )
    # the alert dates as entries of their own, unless the sheet keeps them to `check`
    leads = option.alert_days.value if option.lead_dates_in_calendar.value else []
    for lead in sorted(set(leads), reverse=True):
        day = window.closes.day - timedelta(days=lead)
        if lead:
            listed.append(
                Obligation(
                    day,
                    f"{option.title}: {lead} days before the window closes",
                    None,
                    tuple(r for r in (source_ref(option.alert_days),) if r),
                    note,
                    ObligationCategory.other,
                    f"option-{option.id}-alert-{lead}",
                )
            )
    return [o for o in listed if start <= o.due <= end]


CLAUSE = Options()
