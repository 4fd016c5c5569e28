"""The terms of a `board_composition` clause: caps on the size of a board during periods, and
directors to be appointed by a date. Any agreement that governs a board may have one: a
cooperation agreement's settlement, an investor's rights agreement, a merger's interim board.

    - id: board
      type: board_composition
      size_caps:
        - id: until_2020_meeting
          at_most: {value: 10, cite: "will not increase the size of the Board above ten (10) directors"}
          during: {start: signed, end: annual_meeting_2020}
          unless_unanimous: {value: true, cite: "without the unanimous approval of the Board"}
      sizes_by:
        - id: enlarged_to_nine
          title: Increase the Board to nine directors
          size: {value: 9, cite: "increase the size of the Board from eight to nine directors"}
          by: {after: signed, business_days: 2}
      appointments:
        - id: mg_designees
          title: Appoint the MG Capital Designees
          by: signed
          directors:
            - name: {value: Michael Gorzynski, cite: "Kenneth S. Courtis and Michael Gorzynski"}
              also_written: [{value: Gorznyski, cite: "Messrs. Courtis or Gorznyski"}]

The board's size comes from `board_size_changed` events (`size`, and `unanimous: true` when
the board approved the change unanimously), appointments from `director_appointed` events
(`director`: the name).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, model_validator

from pactum.clauses.api import STRICT, require_unique_ids
from pactum.terms.named_dates import DATE_NAME, DatePeriod, DateRule
from pactum.terms.values import Located, Term

Seats = Annotated[int, Field(ge=1, le=1000, description="a number of directors, 1 or more")]


class Director(Located):
    """A director named in the agreement, and any other spelling the document gives the name
    (so that an event written either way is matched, and `verify` reports the difference)."""

    model_config = STRICT
    name: Term[str]
    also_written: list[Term[str]] = Field(default_factory=list)


class SizeCap(Located):
    """The board has at most `at_most` directors during a period."""

    model_config = STRICT
    id: str = Field(pattern=DATE_NAME)
    at_most: Term[Seats]
    during: DatePeriod
    unless_unanimous: Term[bool] | None = Field(
        None, description="a larger board the directors approve unanimously is allowed"
    )


class SizeBy(Located):
    """The board brought to at least `size` directors by a date ("increase the size of the
    Board from eight to nine directors" within two business days); a board larger than
    agreed is a size cap's matter."""

    model_config = STRICT
    id: str = Field(pattern=DATE_NAME)
    title: str
    size: Term[Seats]
    by: DateRule


class Appointment(Located):
    """Directors to be appointed to the board by a date."""

    model_config = STRICT
    id: str = Field(pattern=DATE_NAME)
    title: str
    by: DateRule
    directors: list[Director] = Field(min_length=1)


class BoardCompositionTerms(Located):
    """The terms of a `board_composition` clause."""

    model_config = STRICT
    title: str = "Board"
    size_caps: list[SizeCap] = Field(default_factory=list)
    appointments: list[Appointment] = Field(default_factory=list)
    sizes_by: list[SizeBy] = Field(
        default_factory=list, description="sizes the board must reach by a date"
    )

    @model_validator(mode="after")
    def _something(self) -> BoardCompositionTerms:
        if not self.size_caps and not self.appointments and not self.sizes_by:
            raise ValueError("`size_caps`, `appointments`, `sizes_by` or several")
        require_unique_ids(
            [*self.size_caps, *self.appointments, *self.sizes_by],
            "size cap, appointment or size by a date",
        )
        return self


# ---- events this clause type reads (events.yaml) ----


class BoardSizeChangedEvent(BaseModel):
    """The number of directors the board has from the event's date."""

    model_config = STRICT
    size: Seats
    unanimous: bool = Field(False, description="approved unanimously by the board")
    note: str = ""


class DirectorAppointedEvent(BaseModel):
    """A director appointed (or elected) to the board."""

    model_config = STRICT
    director: str = Field(min_length=1)
    note: str = ""


EVENTS: dict[str, type[BaseModel]] = {
    "board_size_changed": BoardSizeChangedEvent,
    "director_appointed": DirectorAppointedEvent,
}
