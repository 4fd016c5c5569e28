"""The `deadlines` clause type: things due a number of calendar or business days after a
trigger (each period end, a date, each recorded event, each notice of a subject once given),
while a condition holds, rolled or not as the sheet says. Any agreement may have one."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from pactum.clauses.api import (
    ClauseContext,
    ClauseFindings,
    ClauseType,
    TermProblem,
    TermSheet,
    registered,
)
from pactum.dates import RECURRENCE_WORDS
from pactum.deadlines.occurrences import Occurrence, due_after, occurrences
from pactum.deadlines.schema import Deadline, DeadlinesTerms
from pactum.fees.named import named_term, written_value
from pactum.findings import Alert, NoticeFinding, Obligation, Severity, Unit, Value
from pactum.money import money_display, percent_str
from pactum.portfolio import Agreement, Portfolio
from pactum.terms.values import source_ref

HORIZON = timedelta(days=365)  # what `check` lists ahead of its as-of date
# how long a required deadline missed (no `met_by` event by its due day) stays an alert
MISSED_LOOK_BACK = timedelta(days=365)


class StateEvent(BaseModel):
    """An event that starts or ends the state a deadline waits on: its date is all."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    note: str = ""


class Deadlines(ClauseType[DeadlinesTerms]):
    name = "deadlines"
    description = (
        "Things due N calendar or business days after a trigger (period ends, a date, "
        "events, notices given), while a condition holds, rolled or not."
    )
    schema = DeadlinesTerms
    # period ends and weeks as agreements write them ("monthly in arrears"; a week starts on
    # a Monday: its first business day is the Monday, rolled following)
    written_as: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "monday": ("first business day of each week", "first day of each week"),
        **RECURRENCE_WORDS,
        "month_end": (*RECURRENCE_WORDS["month_end"], "calendar month"),
        "except_fiscal_year_end": ("first three fiscal quarters", "first three quarters"),
    }

    def event_models(self, terms: DeadlinesTerms) -> Mapping[str, type[BaseModel]]:
        """The events whose state a deadline waits on (`while_event`) and those that meet a
        deadline (`met_by`): this clause reads them."""
        return {
            **{
                name: StateEvent
                for d in terms.deadlines
                if d.while_event is not None
                for name in (d.while_event.after, d.while_event.until)
                if name is not None
            },
            **{d.met_by: StateEvent for d in terms.deadlines if d.met_by is not None},
        }

    def triggers(self, terms: DeadlinesTerms) -> Sequence[str]:
        """Each deadline's `if_missed` event: the day after its due day, when not met."""
        return [d.if_missed for d in terms.deadlines if d.if_missed is not None]

    def triggered(
        self, terms: DeadlinesTerms, agreement: Agreement, portfolio: Portfolio, as_of: date
    ) -> Mapping[str, Sequence[date]]:
        """The days after the due days passed by `as_of` with no `met_by` event from the
        trigger to the due day. Worked out without the sheet's dates (which wait on these):
        from the notices the earlier clauses find and the events recorded in events.yaml."""
        found: dict[str, list[date]] = {}
        calendar = agreement.calendar()
        for deadline in terms.deadlines:
            if deadline.if_missed is None or deadline.met_by is None:
                continue
            met = [e.date for e in portfolio.facts.events.of(agreement.id, deadline.met_by)]
            days = found.setdefault(deadline.if_missed, [])
            for trigger in _trigger_days(deadline, agreement, portfolio, as_of):
                due = calendar.roll(due_after(trigger, deadline, calendar), deadline.roll.value)
                if due < as_of and not any(trigger <= d <= due for d in met):
                    days.append(due + timedelta(days=1))
        return {name: sorted(days) for name, days in found.items()}

    def events_used(self, terms: DeadlinesTerms) -> Sequence[tuple[tuple[str | int, ...], str]]:
        used: list[tuple[tuple[str | int, ...], str]] = []
        for i, deadline in enumerate(terms.deadlines):
            if deadline.after.event is not None:
                used.append((("deadlines", i, "after", "event"), deadline.after.event))
            if deadline.after.notice is not None:
                used.append((("deadlines", i, "after", "notice"), "notice"))

        return used

    def figures_used(self, terms: DeadlinesTerms) -> Sequence[tuple[tuple[str | int, ...], str]]:
        """The computed figures deadlines wait on (`while_figure`)."""
        return [
            (("deadlines", i, "while_figure", "figure"), d.while_figure.figure)
            for i, d in enumerate(terms.deadlines)
            if d.while_figure is not None
        ]

    def validate(self, terms: DeadlinesTerms, header: TermSheet) -> Sequence[TermProblem]:
        problems: list[TermProblem] = []
        for i, deadline in enumerate(terms.deadlines):
            state = deadline.while_figure
            if state is None or state.of is None:
                continue
            written = written_value(header, state.of)
            if not isinstance(written, int | float | Decimal) or isinstance(written, bool):
                problems.append(
                    (
                        ("deadlines", i, "while_figure", "of"),
                        repr(state.of),
                        "an amount of the sheet's terms the level is a share of "
                        "(e.g. facility.commitment)",
                    )
                )
        return problems

    def evaluate(self, ctx: ClauseContext[DeadlinesTerms]) -> ClauseFindings:
        found = _occurrences(ctx, ctx.as_of, ctx.as_of + HORIZON)
        alerts = [
            Alert(
                Severity.warning,
                f"{o.deadline.title}: due {o.due.isoformat()} ({o.trigger.label}), "
                f"{(o.due - ctx.as_of).days} days away.",
                source_ref(o.deadline.within.count) if o.deadline.within else None,
            )
            for o in found
            if o.required and o.due - ctx.as_of <= timedelta(days=7) and _met(ctx, o) is None
        ]
        missed = [
            _missed_alert(o)
            for o in _occurrences(ctx, ctx.as_of - MISSED_LOOK_BACK, ctx.as_of - timedelta(days=1))
            if o.required and o.deadline.met_by is not None and _met(ctx, o) is None
        ]
        # critical first (a missed deadline that ends something), then by due day
        missed.sort(key=lambda a: a.severity is not Severity.critical)
        return ClauseFindings(
            obligations=tuple(_obligation(ctx, o) for o in found if o.required),
            alerts=tuple(missed) + tuple(alerts) + _order_alerts(ctx),
        )

    def obligations_between(
        self, ctx: ClauseContext[DeadlinesTerms], start: date, end: date
    ) -> Sequence[Obligation]:
        return [_obligation(ctx, o) for o in _occurrences(ctx, start, end) if o.required]


def _missed_alert(o: Occurrence) -> Alert:
    """A required deadline passed with no `met_by` event from its trigger to its due day:
    critical when missing it emits an event (`if_missed`: it ends or starts something), a
    warning otherwise (the obligation is past, unmet, and no longer listed ahead)."""
    due, after = o.due.isoformat(), (o.due + timedelta(days=1)).isoformat()
    said = f"{o.deadline.title}: due {due} ({o.trigger.label}); no {o.deadline.met_by} recorded"
    said += " by then"
    # the count's quote, or the trigger's (a date written in the agreement) when none
    ref = source_ref(o.deadline.within.count) if o.deadline.within else None
    ref = ref or next(iter(o.trigger.sources), None)
    if o.deadline.if_missed is not None:
        return Alert(Severity.critical, f"{said}: {o.deadline.if_missed} from {after}.", ref)
    return Alert(Severity.warning, f"{said}: missed.", ref)


def _notices(ctx: ClauseContext[DeadlinesTerms]) -> list[NoticeFinding]:
    return [n for found in ctx.earlier.values() for n in found.notices]


def _met(ctx: ClauseContext[DeadlinesTerms], o: Occurrence) -> date | None:
    """The day a `met_by` event met the occurrence (from its trigger to its due day), as
    recorded by the as-of date; None when none did (or the deadline has no `met_by`)."""
    if o.deadline.met_by is None:
        return None
    days = [
        e.date
        for e in ctx.events(o.deadline.met_by)
        if o.trigger.day <= e.date <= o.due and e.date <= ctx.as_of
    ]
    return min(days, default=None)


def _trigger_days(
    deadline: Deadline, agreement: Agreement, portfolio: Portfolio, as_of: date
) -> list[date]:
    """The days a deadline `after: {notice}` or `after: {event}` ran from by `as_of`: the
    notices given (as the sheet's clauses that read notice events find them) or the events
    recorded in events.yaml."""
    after = deadline.after
    if after.event is not None:
        return [e.date for e in portfolio.facts.events.of(agreement.id, after.event)]
    days: list[date] = []
    for clause in agreement.at(as_of).clauses:
        kind = registered(clause.type)
        if clause.type == Deadlines.name or "notice" not in kind.event_models(clause.terms):
            continue
        ctx: ClauseContext[Any] = ClauseContext(agreement, clause, clause.terms, portfolio, as_of)
        for notice in kind.evaluate(ctx).notices:
            given = notice.deemed_given
            if notice.about == after.notice and given is not None and given <= as_of:
                days.append(given)
    return days


def _figure_reader(
    ctx: ClauseContext[DeadlinesTerms],
) -> Callable[[Deadline, date], tuple[bool, str]]:
    """Whether a deadline's `while_figure` holds on a day, and what it read: the figure as its
    clause finds it that day (read once per figure and day)."""
    read: dict[tuple[str, date], Value | None] = {}

    def holds(deadline: Deadline, on: date) -> tuple[bool, str]:
        state = deadline.while_figure
        assert state is not None
        key = (state.figure, on)
        if key not in read:
            read[key] = ctx.figure(state.figure, on)
        value = read[key]
        if value is None or not isinstance(value.value, Decimal):
            # unknown: listed as required, and the note says why (as for advances outstanding)
            return True, f"{state.figure} not known on {on.isoformat()}"
        level, shown_level = state.level.value, _shown(state.level.value, value.unit)
        if state.of is not None:
            amount = named_term(ctx.agreement, state.of).value
            assert isinstance(amount, Decimal)  # validate found an amount under the name
            level = level * amount
            shown_level = (
                f"{percent_str(state.level.value)} of {state.of} {money_display(amount)} = "
                f"{_shown(level, value.unit)}"
            )
        comparator = state.comparator.value
        holds = comparator.holds(value.value, level)
        said = (
            f"{state.figure} {_shown(value.value, value.unit)} on {on.isoformat()} "
            f"{comparator.sign} {shown_level}: {'holds' if holds else 'does not hold'}"
        )
        return holds, said

    return holds


def _shown(amount: Decimal, unit: Unit) -> str:
    if unit is Unit.money:
        return money_display(amount)
    if unit is Unit.percent:
        return percent_str(amount)
    return str(amount)


def _occurrences(ctx: ClauseContext[DeadlinesTerms], start: date, end: date) -> list[Occurrence]:
    found: list[Occurrence] = []
    figure_holds = _figure_reader(ctx)
    for deadline in ctx.terms.deadlines:
        event = deadline.after.event
        # recorded in events.yaml or emitted by a clause of the sheet (a fall below a floor)
        event_dates = [d for d in ctx.dates.recorded(event) if d <= ctx.as_of] if event else []
        found += occurrences(
            deadline,
            ctx.dates,
            ctx.calendar,
            ctx.portfolio.facts.loans,
            event_dates,
            _notices(ctx),
            start,
            end,
            ctx.portfolio.fiscal_year_end_month,
            _state_events(ctx, deadline),
            figure_holds,
        )
    return sorted(found, key=lambda o: (o.due, o.deadline.id))


def _state_events(ctx: ClauseContext[DeadlinesTerms], deadline: Deadline) -> dict[str, list[date]]:
    """The dates of the events a deadline's `while_event` reads, recorded by the as-of date."""
    state = deadline.while_event
    names = [] if state is None else [n for n in (state.after, state.until) if n]
    return {n: [d for d in ctx.dates.recorded(n) if d <= ctx.as_of] for n in names}


def _obligation(ctx: ClauseContext[DeadlinesTerms], o: Occurrence) -> Obligation:
    deadline, calendar = o.deadline, ctx.calendar
    within = deadline.within
    if within is None or within.count.value == 0:
        # due on the trigger's own day: "the week of 2015-04-06", not "0 days after" it
        notes = [o.trigger.label]
    else:
        unit = "business days" if within.business_days is not None else "days"
        notes = [f"{within.count.value} {unit} after {o.trigger.label}"]
    if (rolled := calendar.roll_note(o.unrolled, o.due, deadline.roll.value)) != "":
        notes.append(rolled)
    if o.why_not:
        notes.append(o.why_not)
    if o.trigger.projected:
        notes.append("projected: rests on an estimated date")
    if (met := _met(ctx, o)) is not None:
        notes.append(f"met: {deadline.met_by} recorded {met.isoformat()}")
    elif deadline.if_missed is not None and o.due < ctx.as_of:
        after = (o.due + timedelta(days=1)).isoformat()
        notes.append(f"not met: {deadline.if_missed} from {after}")
    refs = tuple(
        ref
        for ref in (
            source_ref(within.count) if within else None,
            source_ref(deadline.only_while),
            source_ref(deadline.while_figure.comparator) if deadline.while_figure else None,
            source_ref(deadline.while_figure.level) if deadline.while_figure else None,
            source_ref(deadline.roll),
        )
        if ref is not None
    )
    return Obligation(
        o.due,
        deadline.title,
        None,
        (*o.trigger.sources, *refs),
        "; ".join(notes),
        deadline.category,
        f"{deadline.id}-{o.trigger.key}",
    )


def _order_alerts(ctx: ClauseContext[DeadlinesTerms]) -> tuple[Alert, ...]:
    """A deadline that runs from notices needs the clause that finds them earlier in the
    sheet: say so rather than list nothing."""
    if not any(d.after.notice for d in ctx.terms.deadlines):
        return ()
    before = ctx.agreement.clauses[: ctx.agreement.clauses.index(ctx.clause)]
    if any("notice" in registered(c.type).event_models(c.terms) for c in before):
        return ()
    return (
        Alert(
            Severity.warning,
            f"Clause {ctx.clause.id!r} runs deadlines from notices, but no clause before it "
            "in the sheet reads notice events: put the notices clause first.",
        ),
    )


CLAUSE = Deadlines()
