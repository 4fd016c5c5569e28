"""The fees falling due over a window of dates, each with its amount, and the alerts they raise.

A fee's date is rolled only when its `roll` says so, on the agreement's business days; the
obligation then says where it was rolled from, and a date left on a weekend or holiday says
that it is not rolled. A fee worked out from a period's balances has its amount once the
period has ended; before, it is listed without one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.business_days import BusinessCalendar
from pactum.clauses.api import Agreement, ClauseContext
from pactum.dates import fiscal_year_of
from pactum.facts.balances import AgreementBalances, Balances
from pactum.facts.events import Event
from pactum.fees.charges import Charge, flat_charge, period_charge
from pactum.fees.named import named_term
from pactum.fees.periods import FeePeriod, periods_due
from pactum.fees.schema import Every, Fee, FeesTerms
from pactum.findings import Alert, Obligation, ObligationCategory, Severity, SourceRef, Value
from pactum.terms.named_dates import DateResolver, ResolvedDate, RuleTerm
from pactum.terms.values import source_ref


@dataclass(frozen=True)
class FeeRun:
    """A fees clause with what its fees are worked out from, as known at `as_of`."""

    agreement: Agreement
    terms: FeesTerms
    calendar: BusinessCalendar
    events: Callable[[str], list[Event]]  # the agreement's events of a name, by date
    balances: AgreementBalances
    balances_file: str
    as_of: date
    fiscal_year_end_month: int
    dates: DateResolver  # the sheet's dates on `as_of`
    figure: Callable[[str, date], Value | None]  # an earlier clause's figure on a day

    @classmethod
    def of(cls, ctx: ClauseContext[FeesTerms]) -> FeeRun:
        facts = ctx.facts()
        balances = facts.of(ctx.agreement.id) if isinstance(facts, Balances) else None
        return cls(
            ctx.agreement,
            ctx.terms,
            ctx.calendar,
            ctx.events,
            balances or AgreementBalances(),
            facts.file if isinstance(facts, Balances) else "balances.csv",
            ctx.as_of,
            ctx.portfolio.fiscal_year_end_month,
            ctx.dates,
            ctx.figure,
        )

    def _date(self, name: str | None) -> date | None:
        """A named date of the sheet, or a date term of a clause (`facility.maturity`), as
        worked out on the as-of date when it is a rule."""
        if name is None:
            return None
        if name in self.agreement.sheet.dates:
            found = self.dates.named_date(name)
        else:
            term = named_term(self.agreement, name)
            if not isinstance(term, RuleTerm):
                assert isinstance(term.value, date)  # the clause's checks found a date
                return term.value
            found = self.dates.resolve(term.rule)
        # a date waiting on an event with no estimate: fees run without that bound until then
        return found.day if isinstance(found, ResolvedDate) else None

    @property
    def starts(self) -> date | None:
        """The day fees run from: the named date, or the agreement's date."""
        if self.terms.starts is not None:
            return self._date(self.terms.starts)
        dated = self.agreement.sheet.dated
        return dated.value if dated is not None else None

    @property
    def ends(self) -> date | None:
        return self._date(self.terms.ends)

    def charge(self, fee: Fee, period: FeePeriod) -> Charge:
        return period_charge(
            fee,
            self.agreement,
            period,
            self.balances,
            self.balances_file,
            self.as_of,
            self.figure,
        )


def fee_obligations(run: FeeRun, start: date, end: date) -> tuple[list[Obligation], list[Alert]]:
    """Every fee due from `start` to `end` (both included), within the days fees run."""
    starts, ends = run.starts, run.ends
    if starts is not None:
        start = max(start, starts)
    if ends is not None:
        end = min(end, ends)
    found: list[Obligation] = []
    alerts: list[Alert] = []
    for fee in run.terms.fees:
        if fee.every is Every.once:
            found += _once(run, fee, start, end)
        elif fee.every is Every.event:
            listed, capped = _on_events(run, fee, start, end)
            found += listed
            alerts += capped
        else:
            listed, missing = _periodic(run, fee, start, end)
            found += listed
            alerts += missing
    return sorted(found, key=lambda o: (o.due, o.what)), alerts


def _obligation(
    run: FeeRun,
    fee: Fee,
    set_for: date,
    due: date,
    amount: Decimal | None,
    key: str,
    refs: Sequence[SourceRef],
    what: str = "",
    notes: Sequence[str] = (),
) -> Obligation:
    note = "; ".join(n for n in (roll_note(run.calendar, set_for, due), *notes) if n)
    return Obligation(
        due, what or fee.title, amount, tuple(refs), note, ObligationCategory.fee, key
    )


def roll_note(calendar: BusinessCalendar, set_for: date, due: date) -> str:
    """'rolled from 2003-06-01 (a Sunday)' for a rolled date; a date left on a weekend or
    holiday says it is not rolled."""
    if due == set_for:
        return calendar.not_rolled_note(due)
    why = calendar.why_not_business_day(set_for) or "not a business day"
    shown = f"a {why}" if why in ("Saturday", "Sunday") else why
    return f"rolled from {set_for.isoformat()} ({shown})"


def _amount_refs(fee: Fee, run: FeeRun) -> tuple[Decimal, tuple[SourceRef, ...]]:
    """A fee whose amount the terms fix, and the terms behind the amount."""
    amount, trace = flat_charge(fee, run.agreement)
    refs = (ref,) if fee.amount is not None and (ref := source_ref(fee.amount)) else ()
    return amount, refs or trace.sources


def _once(run: FeeRun, fee: Fee, start: date, end: date) -> list[Obligation]:
    assert fee.due is not None  # the clause's checks require it
    due = run.calendar.roll(fee.due.value, fee.roll.value)
    if not start <= due <= end:
        return []
    amount, refs = _amount_refs(fee, run)
    return [_obligation(run, fee, fee.due.value, due, amount, f"fee-{fee.id}", refs)]


def _on_events(
    run: FeeRun, fee: Fee, start: date, end: date
) -> tuple[list[Obligation], list[Alert]]:
    """A fee on each event of its name, at most `max_per_year` a fiscal year: the events
    beyond are not charged, and each is a warning."""
    assert fee.event is not None
    amount, refs = _amount_refs(fee, run)
    cap = fee.max_per_year.value if fee.max_per_year is not None else None
    starts, ends = run.starts, run.ends
    per_year: dict[int, int] = {}
    found: list[Obligation] = []
    alerts: list[Alert] = []
    for event in run.events(fee.event):
        if (starts is not None and event.date < starts) or (ends is not None and event.date > ends):
            continue  # fees run between the clause's dates
        year = fiscal_year_of(event.date, run.fiscal_year_end_month)
        per_year[year] = per_year.get(year, 0) + 1
        if cap is not None and per_year[year] > cap:
            if event.date <= end:
                alerts.append(
                    Alert(
                        Severity.warning,
                        f"{fee.title}: {per_year[year]} in fiscal {year} ({event.where()}), "
                        f"more than the {cap} a year the agreement provides for: not charged.",
                        source_ref(fee.max_per_year),
                    )
                )
            continue
        due = run.calendar.roll(event.date, fee.roll.value)
        if start <= due <= end:
            key = f"fee-{fee.id}-{event.date.isoformat()}"
            found.append(_obligation(run, fee, event.date, due, amount, key, refs))
    return found, alerts


def _periodic(
    run: FeeRun, fee: Fee, start: date, end: date
) -> tuple[list[Obligation], list[Alert]]:
    found: list[Obligation] = []
    alerts: list[Alert] = []
    for period, due in periods_due(fee, run.starts, run.ends, start, end, run.calendar):
        key = f"fee-{fee.id}-{period.key}"
        at_end = [f"due at the end, {period.due.isoformat()}"] if period.due_at_end else []
        if not fee.computed:
            amount, refs = _amount_refs(fee, run)
            found.append(_obligation(run, fee, period.due, due, amount, key, refs, notes=at_end))
            continue
        charge = run.charge(fee, period)
        if not charge.due:
            continue  # the condition did not hold: nothing is due for the period
        notes = [*at_end, charge.missing]
        found.append(
            _obligation(
                run,
                fee,
                period.due,
                due,
                charge.amount,
                key,
                charge.trace.sources,
                what=f"{fee.title} for {period.span}",
                notes=notes,
            )
        )
        if charge.amount is None and period.last <= run.as_of:
            alerts.append(missing_alert(fee, period, charge))
    return found, alerts


def missing_alert(fee: Fee, period: FeePeriod, charge: Charge) -> Alert:
    return Alert(
        Severity.warning,
        f"{fee.title} for {period.span} not computed: {charge.missing}.",
        source_ref(fee.rate) or source_ref(fee.amount),
    )
