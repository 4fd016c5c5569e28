"""A term value and its source: cited (a quote from the document), assumed (with the reason), or
plain (unsourced; `pactum verify` counts these).

In YAML a term is written plain (`0.85`) or as a mapping:

    receivables: {value: 0.85, cite: "limited to 85% of eligible accounts receivable"}
    basis: {value: line_cap, assumed: "The letter does not say what the 15% is measured against."}
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Generic, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from pactum.dates import DATE_RANGE_EXPECTED, within_range
from pactum.findings import SourceRef
from pactum.money import MAGNITUDE_EXPECTED, within_magnitude

T = TypeVar("T")

# a count of days a term may hold: never negative, and at most a century (a larger count is a
# typo, and would run dates past the calendar's end)
MAX_DAYS = 36_600
Days = Annotated[int, Field(ge=0, le=MAX_DAYS)]

# an amount of money a contract commits, caps, charges, limits or allows: never negative (a
# negative commitment or fee is a sign typo no contract means)
Money = Annotated[Decimal, Field(ge=0, description="an amount of money, 0 or more")]


@dataclass(frozen=True)
class UpTo100Percent:
    """A rate's upper bound: 1 (100%) unless the term itself says `above_100_percent: true`
    (with its cite or assumed reason). Checked by `Term`, which alone sees the allowance."""


UP_TO_100_PERCENT = UpTo100Percent()
RATE_ABOVE_100_EXPECTED = (
    "a rate from 0 to 1 (1 is 100%), or above_100_percent: true in the term with the cite "
    "that says so"
)

# a rate applied to an amount (an advance rate, a lender's share, a fraction of a month's
# rent): 0 to 1; 1.5 is a percent written as a fraction twice (150%), or a typo, unless the
# agreement does mean more (a default margin, a penalty rate) and the term says so
Rate = Annotated[
    Decimal,
    Field(ge=0, description="a rate: 0 to 1 (1 is 100%; more with above_100_percent: true)"),
    UP_TO_100_PERCENT,
]

# a figure that is not money but cannot be negative: a rent per square foot, an area, a
# covenant's ratio level
NonNegative = Annotated[Decimal, Field(ge=0, description="0 or more")]

# how many periods a figure is summed over: at least one, at most a century of quarters
Periods = Annotated[int, Field(ge=1, le=400)]

# each domain by its name, which the JSON Schema gives its terms (`Term_Money_`)
DOMAINS: tuple[tuple[object, str], ...] = (
    (Days, "Days"),
    (Money, "Money"),
    (Rate, "Rate"),
    (NonNegative, "NonNegative"),
    (Periods, "Periods"),
)


class Source(StrEnum):
    cited = "cited"
    assumed = "assumed"
    plain = "plain"


def _section_text(value: Any) -> Any:
    # `section: 29` or `section: 7.2` reads as a number: a section's name is its text
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return str(value)
    return value


# the section of an instrument a clause or quote is in, as the instrument numbers it ("7.2.4")
SectionName = Annotated[str, BeforeValidator(_section_text), StringConstraints(pattern=r"\S")]


def is_term_mapping(node: Any) -> bool:
    """A YAML mapping that is a sourced term rather than a structure of its own."""
    return isinstance(node, dict) and "value" in node and set(node) <= TERM_KEYS


# a term's keys: its value, and its quote or the reason it is assumed; `instrument` names the
# instrument the quote is from when it is not the clause's (an amendment's clause citing the
# original), `section` the section of it the quote is in when not the clause's;
# `above_100_percent` lets a rate exceed 1
TERM_KEYS = frozenset({"value", "cite", "assumed", "instrument", "section", "above_100_percent"})


@dataclass(frozen=True)
class Origin:
    """Where a term is written: its sheet (relative to the portfolio folder), its path in the
    sheet and its YAML line. Recorded when the sheet is loaded (`pactum.terms.origins`)."""

    sheet: str
    path: tuple[str | int, ...]
    line: int | None
    instrument: str | None = None  # the instrument its clause belongs to, in a sheet of several
    section: str | None = None  # the section of that instrument the clause is, when written
    # the sheet's instruments' titles by id, so that a source names the instrument as people do
    titles: tuple[tuple[str, str], ...] = ()


class Located(BaseModel):
    """A part of a term sheet that knows where it is written, once the sheet is loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    _origin: Origin | None = PrivateAttr(default=None)

    @property
    def origin(self) -> Origin | None:
        # read from the model's store of private attributes: `self._origin` would go through
        # BaseModel.__getattr__ each time, and every figure's trace reads its terms' origins
        found: Origin | None = self.__pydantic_private__["_origin"]  # type: ignore[index]
        return found

    def record_origin(self, origin: Origin) -> None:
        """Set where this is written; the first recording stands (a model may share a part)."""
        if self._origin is None:
            self._origin = origin

    def _ref(
        self,
        quote: str | None,
        assumed: str | None,
        instrument: str | None = None,
        section: str | None = None,
    ) -> SourceRef | None:
        if quote is None and assumed is None:
            return None
        return origin_ref(self.origin, quote, assumed, instrument, section)


def origin_ref(
    origin: Origin | None,
    quote: str | None,
    assumed: str | None,
    instrument: str | None = None,
    section: str | None = None,
) -> SourceRef:
    """The source of a term written at `origin`: its instrument the one it names, else its
    clause's; its section the one it names, else its clause's when it is that clause's
    instrument (a quote from another instrument is not in the clause's section)."""
    at = origin or Origin("", (), None)
    of = instrument or at.instrument
    if section is None and of == at.instrument:
        section = at.section
    title = dict(at.titles).get(of) if of is not None else None
    return SourceRef(at.sheet, at.path, at.line, quote, assumed, of, title, section)


class Term(Located, Generic[T]):
    """A value with where it comes from."""

    # a rule's term holds a placeholder until its date is worked out (see RuleTerm)
    worked_out_later: ClassVar[bool] = False

    # before `value`, so that the value's check sees it (fields are validated in order)
    above_100_percent: bool | None = Field(
        None, description="a rate term only: the agreement's rate is more than 100%"
    )
    value: T
    cite: str | None = None
    assumed: str | None = None
    instrument: str | None = Field(
        None, description="the instrument the quote is from, when not the clause's"
    )
    section: SectionName | None = Field(
        None, description="the section of that instrument the quote is in, e.g. 7.2.4"
    )

    @model_validator(mode="before")
    @classmethod
    def _wrap_plain(cls, data: Any) -> Any:
        return data if is_term_mapping(data) else {"value": data}

    @classmethod
    def is_rate(cls) -> bool:
        """Whether the value is a rate bounded at 100% (`Rate`, or a signed one)."""
        return UP_TO_100_PERCENT in cls.model_fields["value"].metadata

    @field_validator("value")
    @classmethod
    def _bounded(cls, value: T, info: ValidationInfo) -> T:
        # a number written as text (`1e400`) reaches here as a Decimal past YAML's own check
        if isinstance(value, Decimal) and not within_magnitude(value):
            raise ValueError(MAGNITUDE_EXPECTED)
        allowed = info.data.get("above_100_percent")
        if isinstance(value, Decimal) and value > 1 and cls.is_rate() and not allowed:
            raise ValueError(RATE_ABOVE_100_EXPECTED)
        if isinstance(value, date) and not within_range(value) and not cls.worked_out_later:
            # a date no agreement in force can mean (9999-12-31, 0001-01-01)
            raise ValueError(DATE_RANGE_EXPECTED)
        return value

    @model_validator(mode="after")
    def _one_source(self) -> Term[T]:
        if self.cite is not None and self.assumed is not None:
            raise ValueError("a term is either cited or assumed, not both")
        if self.above_100_percent is not None:
            if not self.is_rate():
                raise ValueError("above_100_percent only in a rate's term (an advance or margin)")
            if self.above_100_percent and self.source is Source.plain:
                raise ValueError("above_100_percent with the cite (or assumed reason) that says so")
        return self

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """A term may be written plain or as {value, cite|assumed}: the schema says both."""
        mapping = handler(core_schema)
        properties = handler.resolve_ref_schema(mapping)["properties"]
        if not cls.is_rate():
            properties.pop("above_100_percent", None)  # a rate's allowance only
        return {"anyOf": [properties["value"], mapping]}

    @property
    def source(self) -> Source:
        if self.cite is not None:
            return Source.cited
        if self.assumed is not None:
            return Source.assumed
        return Source.plain

    def source_ref(self) -> SourceRef | None:
        """Where the term is written and its citation or assumption; None for a plain term."""
        return self._ref(self.cite, self.assumed, self.instrument, self.section)


class Reference(Located):
    """A clause cited without a value of its own, e.g. a pricing grid the letter keeps but
    does not state."""

    status: str = "cited"
    cite: str | None = None
    note: str | None = None
    instrument: str | None = Field(
        None, description="the instrument the quote is from, when not the clause's"
    )
    section: SectionName | None = Field(
        None, description="the section of that instrument the quote is in, e.g. 7.2.4"
    )

    def source_ref(self) -> SourceRef | None:
        """Where the clause is written and its citation; None when it cites nothing."""
        return self._ref(self.cite, None, self.instrument, self.section)


def source_ref(term: Term[Any] | Reference | None) -> SourceRef | None:
    """`term.source_ref()`, or None for an absent term."""
    return term.source_ref() if term is not None else None


def sources(*terms: Term[Any] | Reference | None) -> tuple[SourceRef, ...]:
    """The sources of the given terms and clauses, for a trace, skipping plain and absent
    ones."""
    return tuple(ref for term in terms if (ref := source_ref(term)) is not None)
