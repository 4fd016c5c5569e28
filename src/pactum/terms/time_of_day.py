"""A time of day as contracts write it ("17:00", "5:00 p.m.", "5 pm"), for terms such as
business hours and a deadline's hour; kept as written so that a cited time is found in its
quote."""

from __future__ import annotations

import re
from datetime import time
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

_CLOCK = re.compile(
    r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?:(?P<half>[ap])\.?\s*m\.?)?", re.IGNORECASE
)
CLOCK_EXPECTED = "a time of day as the contract writes it: 17:00, 5:00 p.m., 5 pm"


def parse_clock(written: Any) -> Any:
    """A time of day written as contracts write it: `17:00`, `9:00 a.m.`, `5 p.m.` (so that a
    cited time is found in its quote as written). Anything else goes to Pydantic as it is."""
    if not isinstance(written, str):
        return written
    match = _CLOCK.fullmatch(written.strip())
    if match is None or (match["minute"] is None and match["half"] is None):
        raise ValueError(CLOCK_EXPECTED)
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["half"] is not None:
        if not 1 <= hour <= 12:
            raise ValueError(CLOCK_EXPECTED)
        # 12 a.m. is midnight, 12 p.m. noon
        hour = hour % 12 + (12 if match["half"].lower() == "p" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(CLOCK_EXPECTED)
    return time(hour, minute)


# a time of day; the schema says it is written as text, in the contract's form
TimeOfDay = Annotated[
    time,
    BeforeValidator(parse_clock),
    WithJsonSchema({"type": "string", "description": CLOCK_EXPECTED}),
]
