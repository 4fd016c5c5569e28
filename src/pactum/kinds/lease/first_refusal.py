"""A right of first refusal or first offer, with its lease meaning.

The options clause decides the exercise (its window opens on the landlord's `space_offered`
event and closes N days or business days after it). Exercised: the offered space joins the
premises from the offer's start at the offer's rent, a space with a rent of its own in the
roll (its first partial month prorated like any such space's). Lapsed or waived: the landlord
may lease the space to others, for the lease's `released_days` after the window's end or the
waiver, after which the right revives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from pactum.facts.events import Event
from pactum.kinds.lease.recorded_events import recorded
from pactum.kinds.lease.schema import FirstRefusal, LeaseTerms, Space, SpaceOfferedEvent
from pactum.money import money_str
from pactum.options.schema import OptionTerms
from pactum.options.status import OptionStatus, Standing, options_by_id, standing
from pactum.portfolio import Agreement
from pactum.terms.named_dates import DateResolver
from pactum.terms.values import Term


@dataclass(frozen=True)
class Offer:
    day: date
    data: SpaceOfferedEvent
    where: str


@dataclass(frozen=True)
class Refusal:
    """Where a first refusal stands: the option's standing and the offer it answers."""

    right: FirstRefusal
    option: OptionTerms
    found: Standing
    offer: Offer | None

    @property
    def released_until(self) -> date | None:
        """The last day the landlord may lease the space to others (None: no limit said)."""
        if self.found.decided_on is None or self.right.released_days is None:
            return None
        return self.found.decided_on + timedelta(days=self.right.released_days.value)


def offer_before(events: Sequence[Event], space: str, by: date) -> Offer | None:
    """The latest `space_offered` of the space recorded on or before `by`."""
    found = None
    for event, data in recorded(events, "space_offered", SpaceOfferedEvent, by):
        if data.space == space:
            found = Offer(event.date, data, event.where())
    return found


def refusals(
    sheet: LeaseTerms, agreement: Agreement, dates: DateResolver, events: Sequence[Event]
) -> list[Refusal]:
    """Each first refusal of the sheet with its option's standing on the as-of date."""
    if not sheet.first_refusals:
        return []
    options = options_by_id(agreement)
    found = []
    for right in sheet.first_refusals:
        option = options.get(right.option)
        if option is None:  # refused at load
            continue
        stands = standing(option, dates, agreement.calendar(), events)
        by = stands.decided_on or dates.as_of
        found.append(Refusal(right, option, stands, offer_before(events, right.space, by)))
    return found


def with_exercised_spaces(sheet: LeaseTerms, found: Sequence[Refusal]) -> LeaseTerms:
    """The sheet with each space whose first refusal stands exercised in the premises from
    the offer's start, at the offer's rent (and area, when the offer gives one)."""
    exercised = {
        r.right.space: r
        for r in found
        if r.found.status is OptionStatus.exercised and r.offer is not None
    }
    if not exercised:
        return sheet
    spaces: list[Space] = []
    for space in sheet.spaces:
        refusal = exercised.get(space.id)
        if refusal is None or refusal.offer is None:
            spaces.append(space)
            continue
        offer = refusal.offer
        why = (
            f"the offer recorded by space_offered on {offer.day.isoformat()} ({offer.where}), "
            f"{refusal.option.title} {refusal.found.why}"
        )
        update: dict[str, object] = {
            "in_premises_from": Term[date](value=offer.data.start, assumed=why),
            "rate": None,
            "monthly": None,
        }
        if offer.data.rate is not None:
            update["rate"] = Term[Decimal](value=offer.data.rate, assumed=why)
        else:
            assert offer.data.monthly is not None  # one rent, checked when read
            update["monthly"] = Term[Decimal](value=offer.data.monthly, assumed=why)
        if offer.data.area is not None:
            update["area"] = Term[Decimal](value=offer.data.area, assumed=why)
        spaces.append(space.model_copy(update=update))
    return sheet.model_copy(update={"spaces": spaces})


def release_text(refusal: Refusal, as_of: date) -> str | None:
    """What a lapsed or waived first refusal leaves the landlord free to do (None: pending or
    exercised)."""
    found = refusal.found
    if found.status not in (OptionStatus.lapsed, OptionStatus.waived):
        return None
    space = refusal.right.space
    offered = (
        f" (offered from {refusal.offer.data.start.isoformat()} at "
        + (
            f"{refusal.offer.data.rate} per sf a year"
            if refusal.offer.data.rate is not None
            else f"{money_str(refusal.offer.data.monthly or Decimal(0))} a month"
        )
        + ")"
        if refusal.offer is not None
        else ""
    )
    head = f"{refusal.option.title}: {found.status.value} ({found.why}); the landlord may lease "
    until = refusal.released_until
    if until is None:
        return f"{head}{space}{offered} to others."
    if as_of <= until:
        return (
            f"{head}{space}{offered} to others on terms not materially better for them "
            f"through {until.isoformat()}; after that the right revives."
        )
    return (
        f"{refusal.option.title}: the landlord's release of {space} ended "
        f"{until.isoformat()}; the right revived on {(until + timedelta(days=1)).isoformat()}."
    )
