"""The Term and the standstill period.

The Term starts when the agreement is signed and lasts until the first reported date on which
the group owns less than the Term's percentage; it does not start again if the group later
buys back above it. The standstill covenants are in force through their own end date, which
is not moved off a weekend unless the sheet rolls it, or until the Term ends if earlier and the
sheet says so. They start on signing, or on the sheet's `starts` date: one that rests on an
event not yet recorded (only its estimate) has not come, so an agreement whose standstill
"shall apply if" an option is exercised has none in force until the closing is recorded. A sheet without a term clause has no Term: its voting restriction, if any,
lasts as long as the standstill.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pactum.business_days import BusinessCalendar
from pactum.kinds.standstill.ownership import Position
from pactum.kinds.standstill.schema import StandstillEnd, StandstillTerms
from pactum.portfolio import Agreement
from pactum.terms.values import Term


@dataclass(frozen=True)
class Period:
    signed: date
    term_end: date | None  # the first date the group owned less (None: the Term lasts)
    standstill_through: date  # the last day the standstill covenants are in force
    through_note: str  # e.g. "falls on a Sunday; not rolled"
    has_term: bool = True  # whether the agreement has a Term at all
    # the first day the covenants apply; None: it waits on an event not recorded yet
    standstill_from: date | None = None
    start_note: str = ""  # how the start was worked out, or what it waits on

    def term_active(self, on: date) -> bool:
        return self.signed <= on and (self.term_end is None or on < self.term_end)

    def standstill_active(self, on: date) -> bool:
        start = self.standstill_from
        return start is not None and start <= on <= self.standstill_through

    def voting_restricted(self, on: date) -> bool:
        """Whether the excess shares are voted in proportion: during the Term, or, in an
        agreement without one, while the standstill is in force."""
        return self.term_active(on) if self.has_term else self.standstill_active(on)


def period(
    sheet: StandstillTerms,
    signed: date,
    series: list[Position],
    as_of: date,
    calendar: BusinessCalendar,
) -> Period:
    """The Term and standstill as known at `as_of` from the positions reported until then;
    both start on the date the agreement was signed."""
    # the position in force at signing, then every later report up to the as-of date
    at_signing = [p for p in series if p.as_of <= signed][-1:]
    relevant = at_signing + [p for p in series if signed < p.as_of <= as_of]
    term_end = None
    if sheet.term is not None:
        level = sheet.term.ends_below.value
        term_end = next((max(p.as_of, signed) for p in relevant if p.compare(level) < 0), None)
    rule = sheet.standstill
    through = calendar.roll(rule.through.value, rule.roll.value)
    note = calendar.not_rolled_note(through)
    with_term = rule.ends is not None and rule.ends.value is StandstillEnd.earlier_of_term_and_date
    if with_term and term_end is not None:
        last_day_of_term = term_end - timedelta(days=1)
        if last_day_of_term < through:
            through, note = last_day_of_term, "the last day of the Term"
    start, start_note = _start(rule.starts, signed)
    return Period(signed, term_end, through, note, sheet.term is not None, start, start_note)


def _start(starts: Term[date] | None, signed: date) -> tuple[date | None, str]:
    """The covenants' first day: signing, unless the sheet says when; None while that day rests
    on the estimate of an event not yet recorded (a standstill that "shall apply if" a closing
    happens has not started because the closing was expected)."""
    if starts is None:
        return signed, "signing"
    worked_out = "; ".join(getattr(starts, "worked_out", ()))
    if getattr(starts, "projected", False):
        return None, f"not started: it waits on an event not recorded ({worked_out})"
    return starts.value, worked_out or starts.value.isoformat()


def signing_date(agreement: Agreement) -> date:
    """The agreement's date, which the standstill's checks require of its sheet."""
    dated = agreement.sheet.dated
    if dated is None:
        raise TypeError(f"{agreement.id}: a standstill clause in a sheet with no date")
    return dated.value
