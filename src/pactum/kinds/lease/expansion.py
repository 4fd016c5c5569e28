"""The expansion option and the TI allowance it decides (Innotrac: First Amendment section 5).

- An `expansion_amendment` for all of the space signed on or before the deadline makes the TI
  allowance available.
- Otherwise, once the deadline has passed, the first of these decides:
  - `expansion_leased_to_other` for all of the space: the landlord builds the demising wall and
    pays up to the allowance, reimbursing only the office build-out;
  - `expansion_leased_to_tenant` (or an amendment too late or for part of the space): the
    allowance becomes the sheet's `if_leased_to_tenant` amount ($0 for Innotrac).
- Until one of them happens the allowance is undetermined: while the deadline is open the
  findings show it as a critical date with what each outcome triggers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.business_days import BusinessCalendar
from pactum.facts.events import Event
from pactum.findings import SourceRef
from pactum.kinds.lease.schema import ExpansionOption
from pactum.money import money_display
from pactum.terms.values import sources


@dataclass(frozen=True)
class ExpansionOutcome:
    status: str  # open | amended | leased_to_other | leased_to_tenant | undecided
    ti_allowance: Decimal | None  # the most the landlord owes; None while undetermined
    summary: str
    sources: tuple[SourceRef, ...]
    demising_wall: bool = False


def effective_deadline(option: ExpansionOption, calendar: BusinessCalendar) -> date:
    return calendar.roll(option.deadline.value, option.roll.value)


def deadline_note(option: ExpansionOption, calendar: BusinessCalendar) -> str:
    """'a Saturday; not rolled (the term sheet names no roll)' and the like; '' on a business
    day."""
    written = option.deadline.value
    why = calendar.why_not_business_day(written)
    if why is None:
        return ""
    day = f"a {why}" if why in ("Saturday", "Sunday") else why
    rolled = effective_deadline(option, calendar)
    if rolled == written:
        return f"{day}; not rolled (the term sheet names no roll)"
    return f"{day}; rolled ({option.roll.value.value}) to {rolled.isoformat()}"


def outcomes_text(option: ExpansionOption) -> str:
    allowance = money_display(option.ti_allowance.value)
    return (
        f"amendment for all of the space by the deadline: {allowance} TI allowance available; "
        f"otherwise, if the landlord leases all of it to another tenant: demising wall at the "
        f"landlord's cost and up to {allowance} reimbursing only the office build-out; if the "
        f"landlord leases any of it to the tenant on other terms: TI allowance "
        f"{money_display(option.if_leased_to_tenant.value)}"
    )


def expansion_outcome(
    option: ExpansionOption, calendar: BusinessCalendar, events: list[Event], as_of: date
) -> ExpansionOutcome:
    deadline = effective_deadline(option, calendar)
    known = sorted(
        (e for e in events if e.date <= as_of and e.data.space == option.space),
        key=lambda e: e.date,
    )
    allowance = option.ti_allowance
    for event in known:
        if (
            event.event == "expansion_amendment"
            and event.date <= deadline
            and event.data.all_of_space
        ):
            return ExpansionOutcome(
                "amended",
                allowance.value,
                f"expansion amendment signed {event.date.isoformat()} ({event.where()}), on or "
                f"before {deadline.isoformat()}: the {money_display(allowance.value)} TI "
                "allowance is available",
                sources(allowance, option.if_amended),
            )
    if as_of <= deadline:
        so_far = "; ".join(f"{e.event} on {e.date.isoformat()} ({e.where()})" for e in known)
        return ExpansionOutcome(
            "open",
            None,
            f"open until {deadline.isoformat()}: {outcomes_text(option)}"
            + (f". So far: {so_far}" if so_far else ""),
            sources(option.deadline),
        )
    for event in known:
        if event.event == "expansion_leased_to_other" and event.data.all_of_space:
            return ExpansionOutcome(
                "leased_to_other",
                allowance.value,
                f"the landlord leased all of the expansion space to another tenant on "
                f"{event.date.isoformat()} ({event.where()}): demising wall at the landlord's "
                f"cost, and up to {money_display(allowance.value)} reimbursing only the office "
                "build-out",
                sources(allowance, option.if_leased_to_other),
                demising_wall=True,
            )
        if event.event in ("expansion_leased_to_tenant", "expansion_amendment"):
            zero = option.if_leased_to_tenant
            return ExpansionOutcome(
                "leased_to_tenant",
                zero.value,
                f"the landlord leased expansion space to the tenant other than by an amendment "
                f"for all of it by {deadline.isoformat()} ({event.event} on "
                f"{event.date.isoformat()}, {event.where()}): TI allowance "
                f"{money_display(zero.value)}",
                sources(zero),
            )
    return ExpansionOutcome(
        "undecided",
        None,
        f"no amendment by {deadline.isoformat()}; the allowance waits on the landlord leasing "
        "the expansion space: all of it to another tenant gives the demising wall and up to "
        f"{money_display(allowance.value)} for the office build-out; any of it to the tenant "
        f"gives {money_display(option.if_leased_to_tenant.value)}",
        sources(option.if_leased_to_other, option.if_leased_to_tenant),
    )
