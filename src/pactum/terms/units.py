"""The unit of a count in a term sheet, read from its key, and the unit a quote gives a number.

`pactum verify` walks the raw YAML of a sheet, so the sheet's key declares the unit: the words
of the key (split at `_`) name it with their first plural unit word, `days`, `weeks`, `months`,
`quarters` or `years`; `business days` (`business_days`, `notice_business_days`) is a count of
business days, any other `days` (`days`, `cure_days`, `max_days_past_due`) of calendar days.
A singular word names no count (`rent_due_day` is a day of the month, `max_per_year` a rate).

In a quote, the unit of a number is the unit word right after it, past a figure beside it
("seven (7) days"), an ordinal ending ("15th day"), a hyphen ("30-day") and the words
"consecutive", "full", "successive", "calendar" or "business", "banking", "working" (the last
three make days business days).
"""

from __future__ import annotations

import re
from enum import StrEnum

from pactum.terms.written_forms import collapse, occurrences


class Unit(StrEnum):
    days = "days"
    business_days = "business days"
    weeks = "weeks"
    months = "months"
    quarters = "quarters"
    years = "years"


_UNIT_WORDS = {
    "days": Unit.days,
    "weeks": Unit.weeks,
    "months": Unit.months,
    "quarters": Unit.quarters,
    "years": Unit.years,
}
_BUSINESS = ("business", "banking", "working")


def unit_of_key(key: str) -> Unit | None:
    """The unit a sheet key declares for its count, or None when it declares none."""
    words = key.casefold().split("_")
    for i, word in enumerate(words):
        unit = _UNIT_WORDS.get(word)
        if unit is Unit.days and i > 0 and words[i - 1] in _BUSINESS:
            return Unit.business_days
        if unit is not None:
            return unit
    return None


# what may stand between a number and its unit word; `qualifiers` holds the words before it
_UNIT_AFTER = re.compile(
    r"(?:st|nd|rd|th)?\)? ?(?:\([^()]{0,24}\) ?)?(?:- ?)?"
    r"(?P<qualifiers>(?:(?:consecutive|full|successive|calendar|business|banking|working)[ -])*)"
    r"(?P<unit>day|week|month|quarter|year)s?(?![a-z])"
)


def unit_after(collapsed: str, at: int) -> Unit | None:
    """The unit word right after position `at` of a quote folded by `collapse`, if any."""
    match = _UNIT_AFTER.match(collapsed, at)
    if match is None:
        return None
    unit = _UNIT_WORDS[match["unit"] + "s"]
    if unit is Unit.days and any(word in match["qualifiers"] for word in _BUSINESS):
        return Unit.business_days
    return unit


def units_written(value: object, quote: str) -> set[Unit]:
    """The units the quote gives `value` wherever it is written (empty when it names none)."""
    collapsed = collapse(quote)
    found = {unit_after(collapsed, o.end) for o in occurrences(value, quote)}
    return {unit for unit in found if unit is not None}
