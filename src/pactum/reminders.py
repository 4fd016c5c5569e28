"""When a calendar event reminds: days before its date, by obligation category and amount.

`portfolio.yaml` may set them in a `reminders:` block, per category a list of days before
(`rent: [3]`) or a mapping that adds reminders to an obligation whose amount is above a
threshold (`fee: {days: [3], above: {amount: 10000, days: [14]}}`). A category not named
keeps its default: 30 and 7 days before a critical date (an option's last day, a deadline,
a maturity or the end of a term), 3 days before a payment (rent, a fee, a loan payment), and
7 days before anything else (a report, a covenant test date), as every event had before.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from pactum.findings import ObligationCategory

# a reminder further ahead than a year is not a reminder of this date
MAX_REMINDER_DAYS = 366

CRITICAL = frozenset(
    {ObligationCategory.option_deadline, ObligationCategory.deadline, ObligationCategory.end}
)
PAYMENTS = frozenset({ObligationCategory.rent, ObligationCategory.fee, ObligationCategory.payment})
CRITICAL_DAYS = (30, 7)
PAYMENT_DAYS = (3,)
OTHER_DAYS = (7,)


def _whole_days(value: object) -> object:
    # YAML reads `yes` as a boolean, which an int would take for 1 day
    if isinstance(value, bool):
        raise ValueError(f"a whole number of days from 0 to {MAX_REMINDER_DAYS}")
    return value


ReminderDay = Annotated[int, BeforeValidator(_whole_days), Field(ge=0, le=MAX_REMINDER_DAYS)]
DayList = Annotated[list[ReminderDay], Field(min_length=1)]


class AboveAmount(BaseModel):
    """More reminders for an obligation whose amount is above `amount` (strictly)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    amount: Decimal = Field(ge=0, description="the threshold; an amount equal to it is not above")
    days: DayList = Field(description="days before, added to the category's")


def _days_alone(value: object) -> object:
    # `rent: [3]` is short for `rent: {days: [3]}`
    return {"days": value} if isinstance(value, list) else value


class CategoryReminders(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    days: DayList = Field(description="days before the date, each a reminder")
    above: AboveAmount | None = None

    def days_for(self, amount: Decimal | None) -> tuple[int, ...]:
        """Latest first (30 before 7); the threshold's days too when the amount is above it."""
        chosen = set(self.days)
        if self.above is not None and amount is not None and amount > self.above.amount:
            chosen |= set(self.above.days)
        return tuple(sorted(chosen, reverse=True))


def _default(category: ObligationCategory) -> CategoryReminders:
    if category in CRITICAL:
        return CategoryReminders(days=list(CRITICAL_DAYS))
    if category in PAYMENTS:
        return CategoryReminders(days=list(PAYMENT_DAYS))
    return CategoryReminders(days=list(OTHER_DAYS))


CategoryRule = Annotated[CategoryReminders, BeforeValidator(_days_alone)]
# portfolio.yaml's `reminders:` block, categories directly under it
ReminderBlock = dict[ObligationCategory, CategoryRule]


@dataclass(frozen=True)
class Reminders:
    """Per category, the days before each event; categories not given keep their default."""

    by_category: Mapping[ObligationCategory, CategoryReminders] = field(default_factory=dict)

    @classmethod
    def every(cls, days: int) -> Reminders:
        """One reminder `days` before every event, whatever its category (--remind-days)."""
        return cls({c: CategoryReminders(days=[days]) for c in ObligationCategory})

    def days_for(self, category: ObligationCategory, amount: Decimal | None) -> tuple[int, ...]:
        rule = self.by_category.get(category) or _default(category)
        return rule.days_for(amount)
