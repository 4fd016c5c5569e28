"""The `standstill` term sheet: a shareholder standstill, voting and cooperation agreement.

What an agreement of this shape fixes: the holder group and its standstill period (every such
agreement has both); and, where it has them, its ownership thresholds, the Term (while the
group owns at least a percentage), proportional voting of the shares above a level, conduct
covenants, a forced sell-down, and resale limits.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from pactum.business_days import Roll
from pactum.findings import SourceRef
from pactum.terms.named_dates import DateTerm
from pactum.terms.values import Days, Located, Reference, Term

_STRICT = ConfigDict(extra="forbid", frozen=True)


# a conduct covenant's id, which `action` events name (`type: proxy_solicitation`)
COVENANT_ID = r"^[a-z][a-z0-9_]*$"


class Holder(BaseModel):
    """The holder group, and the `holder` names its members have in ownership.csv."""

    model_config = _STRICT
    name: str
    holders: list[str] = Field(min_length=1, description="holder names in ownership.csv")


class Signing(BaseModel):
    """The group's ownership as the agreement states it when signed."""

    model_config = _STRICT
    group_shares: Term[int]
    shares_outstanding: Term[int]


class TermClause(BaseModel):
    """The Term lasts until the group owns less than `ends_below` of the voting securities."""

    model_config = _STRICT
    ends_below: Term[Decimal]
    rights_within_days: Term[Days] = Field(
        description="rights to acquire within this many days count as owned (ownership.csv "
        "rights_60d)"
    )


class Rounding(StrEnum):
    down = "down"
    half_up = "half_up"


class VotesCast(StrEnum):
    for_against = "for_against"  # abstentions and broker non-votes are not votes cast
    for_against_abstain = "for_against_abstain"  # abstentions are votes cast


class Apportionment(StrEnum):
    largest_remainder = "largest_remainder"  # whole shares that add up to the excess exactly
    round_down = "round_down"  # each share of the excess rounded down; the rest is not voted


class VoteBase(StrEnum):
    shares_outstanding = "shares_outstanding"  # the issuer's shares outstanding
    with_rights = "with_rights"  # plus the group's rights to acquire (as beneficial ownership)


class NamedEvent(Located):
    """An event of events.yaml a term runs from, with the words that make it matter."""

    model_config = _STRICT
    event: str = Field(pattern=COVENANT_ID, description="the event's name in events.yaml")
    cite: str = Field(description="the words that make the event matter, quoted")

    def source_ref(self) -> SourceRef:
        ref = self._ref(self.cite, None)
        assert ref is not None  # it has a citation
        return ref


class Voting(BaseModel):
    """Shares above `free_up_to` of outstanding are voted in proportion to the others' votes;
    or above the group's own percentage just before an event (`free_up_to_held_before`, e.g.
    a tender offer's commencement); with `from_event`, only once that event is recorded."""

    model_config = _STRICT
    free_up_to: Term[Decimal] | None = Field(
        None, description="the level, a fraction of the base; or free_up_to_held_before"
    )
    free_up_to_held_before: NamedEvent | None = Field(
        None,
        description="the level is the group's voting shares as a fraction of the base in the "
        "last report before the first such event",
    )
    from_event: NamedEvent | None = Field(
        None,
        description="the excess is voted in proportion only from the first such event (e.g. "
        "the group's election to vote rather than divest)",
    )
    free_shares_rounding: Term[Rounding]
    measured_against: Term[VoteBase]
    votes_cast: Term[VotesCast]
    apportionment: Term[Apportionment]


class StandstillEnd(StrEnum):
    earlier_of_term_and_date = "earlier_of_term_and_date"
    date = "date"


class ConductCovenant(Located):
    """One covenant of the standstill (e.g. 3.02(b)) as the sheet declares it: its id, which an
    `action` event names to say the group did what the covenant forbids, its title and quote."""

    model_config = _STRICT
    id: str = Field(
        pattern=COVENANT_ID,
        description="unique in the clause; an `action` event's `type` names it, e.g. "
        "proxy_solicitation, short_sales, non_disparagement",
    )
    clause: str = Field(description="where the agreement has it, e.g. 3.02(b)")
    title: str = Field(description="what it forbids, in a few words")
    cite: str = Field(description="the covenant's words, quoted from the document")

    def source_ref(self) -> SourceRef:
        """Where the covenant is written, with its citation."""
        ref = self._ref(self.cite, None)
        assert ref is not None  # it has a citation
        return ref


class CapExcuse(StrEnum):
    """Which moves of the shares outstanding alone excuse being over a cap."""

    buybacks = "buybacks"  # fewer shares outstanding (a buyback) lifts the group over
    issuances = "issuances"  # more shares outstanding (an issuance)
    both = "both"
    none = "none"  # over the cap is a breach however the group got there

    def covers(self, outstanding_fell: bool) -> bool:
        if self is CapExcuse.both:
            return True
        return self is (CapExcuse.buybacks if outstanding_fell else CapExcuse.issuances)


class HeldOn(Located):
    """A level that is the group's own ownership on a day ("no greater percent ... than GSK
    ... owned immediately after purchase of the Series E Preferred Stock"): the report in
    force that day, measured as the sheet measures ownership."""

    model_config = _STRICT
    date: DateTerm = Field(description="the day: a date, a named date or a rule (an event)")
    cite: str = Field(description="the words that set the level, quoted")

    def source_ref(self) -> SourceRef:
        ref = self._ref(self.cite, None)
        assert ref is not None  # it has a citation
        return ref


class CapLift(BaseModel):
    """Events between which the cap does not bind ("without any limitation following
    initiation by a third party of an unsolicited tender offer"): each `from` event lifts it,
    the first `until` event on or after it ends the lift (acquisitions before that day are
    not breaches)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    lifted_from: NamedEvent = Field(alias="from")
    until: list[NamedEvent] = Field(min_length=1)


class AcquisitionCap(BaseModel):
    """Acquiring beneficial ownership of more than `level` is prohibited (e.g. 3.02(a)): an
    acquisition that leaves the group over the level breaches it, whether it crossed the level
    or was made while over; being over only because the shares outstanding moved is excused
    as `excused` says. The level is a figure, or the group's own on a day (`level_held_on`);
    the cap binds only while the standstill is in force and not `lifted`."""

    model_config = _STRICT
    clause: str
    level: Term[Decimal] | None = Field(None, description="a fraction; or level_held_on")
    level_held_on: HeldOn | None = Field(
        None, description="the level is the group's ownership in the report in force that day"
    )
    lifted: CapLift | None = Field(
        None, description="events between which acquisitions are not limited by the cap"
    )
    excused: Term[CapExcuse] | None = Field(
        None,
        description="over the cap only because shares outstanding moved: excused for "
        "buybacks, issuances, both or none; unset: not judged (the test's result is null)",
    )


class Standstill(BaseModel):
    """The standstill covenants: in force from `starts` (signing, if unset) through `through`
    or, with `ends: earlier_of_term_and_date`, until the end of the Term if earlier."""

    model_config = _STRICT
    starts: DateTerm | None = Field(
        None,
        description="the first day the covenants apply; unset: signing. A date that rests on "
        "an event not yet recorded (its estimate) has not come: the covenants apply only once "
        'the event is recorded ("shall apply if HOC acquires the Additional Shares")',
    )
    through: DateTerm
    ends: Term[StandstillEnd] | None = Field(
        None, description="unset: through its date; earlier_of_term_and_date needs a `term`"
    )
    roll: Term[Roll] = Term[Roll](value=Roll.none)
    acquisition_cap: AcquisitionCap | None = None
    conduct: list[ConductCovenant] = Field(default_factory=list)


class RightsPlan(BaseModel):
    """The issuer's rights plan: its threshold, and the higher one it allows this group."""

    model_config = _STRICT
    threshold: Term[Decimal] = Field(description="an Acquiring Person at this or more")
    group_threshold: Term[Decimal] = Field(description="the group only at more than this")


class SellDown(BaseModel):
    """On a court ruling and the issuer's request, sell to below `below` within the period."""

    model_config = _STRICT
    trigger: Term[str]
    below: Term[Decimal]
    within_years: Term[int]


class Rule144(BaseModel):
    """Rule 144's volume limit: in any `period_months`, the greater of `outstanding_fraction`
    of the shares outstanding and the average weekly volume over `volume_weeks` weeks."""

    model_config = _STRICT
    applies: Reference
    outstanding_fraction: Term[Decimal]
    volume_weeks: Term[int]
    period_months: Term[int]


class TransferRoute(StrEnum):
    """How a sale may be made though the buyer would reach the level, as agreements write it."""

    registered_offering = "registered_offering"  # broadly distributed; the seller picks no buyer
    rule_144 = "rule_144"  # within Rule 144's volume limit (transfers.rule_144)
    open_market = "open_market"  # through a broker, the buyer not known to the seller


class TransferException(Located):
    """A route by which the group may sell whoever buys: a `transfer` event names it in
    `under`, and then needs no buyer's holding."""

    model_config = _STRICT
    id: str = Field(pattern=COVENANT_ID, description="a `transfer` event's `under` names it")
    route: TransferRoute
    clause: str
    cite: str = Field(description="the exception's words, quoted from the document")

    def source_ref(self) -> SourceRef:
        ref = self._ref(self.cite, None)
        assert ref is not None  # it has a citation
        return ref


class BuyerLimit(BaseModel):
    """No sale to a buyer who would then own `level` or more (more than `level` with
    `met_at_level: false`), while the standstill is in force, unless under an exception."""

    model_config = _STRICT
    clause: str
    level: Term[Decimal]
    met_at_level: bool = Field(
        True, description='true: a buyer left at exactly the level is barred ("5% or more")'
    )
    exceptions: list[TransferException] = Field(default_factory=list)


class Transfers(BaseModel):
    model_config = _STRICT
    rule_144: Rule144 | None = None
    distribution_aggregation_years: Term[int] | None = Field(
        None, description="distributed shares' resales count against the group's limit"
    )
    buyer_limit: BuyerLimit | None = Field(
        None, description="no sale to a buyer who would then own the level or more"
    )


class RightsCounted(StrEnum):
    """Which of the group's rights to acquire (options, warrants, convertibles) count as owned."""

    within_days = "within_days"  # exercisable within `rights_within_days` (Rule 13d-3(d)(1))
    regardless_of_exercise = "regardless_of_exercise"  # whenever they may be exercised
    none = "none"  # only shares held


class Denominator(StrEnum):
    """What the group's holding is a share of."""

    # the shares outstanding plus the group's own counted rights (Rule 13d-3(d)(1)(i))
    outstanding_with_own_rights = "outstanding_with_own_rights"
    outstanding = "outstanding"  # the shares outstanding at such time, nothing added
    # the shares outstanding plus every outstanding convertible security of the company (the
    # group's own among them): a fully diluted "Pro Rata Interest"
    fully_diluted = "fully_diluted"


class OwnershipMeasure(BaseModel):
    """How the agreement measures the group's ownership. Without it: shares plus ownership.csv's
    rights_60d, against the shares outstanding plus those rights."""

    model_config = _STRICT
    rights: Term[RightsCounted]
    rights_within_days: Term[Days] | None = Field(
        None, description="with rights: within_days, the days (rights.csv exercisable_from)"
    )
    derivatives: Term[bool] | None = Field(
        None, description="true: derivative exposure (facts/derivatives.csv) counts as owned"
    )
    denominator: Term[Denominator]
    company_convertibles: Term[int] | None = Field(
        None,
        description="fully_diluted: the shares issuable on all the company's outstanding "
        "convertible securities, where facts/convertibles.csv has no row for a date",
    )


class FloorTest(StrEnum):
    continuously = "continuously"  # the latest report decides
    maintained_since_signing = "maintained_since_signing"  # never below since signing


class FloorEffect(StrEnum):
    ends = "ends"  # the right ends for good once the group is below
    suspended = "suspended"  # the right is suspended while below, back once at or above


class FloorRight(BaseModel):
    """A right of the group that needs the floor: a designee, a replacement director, calls."""

    model_config = _STRICT
    id: str = Field(pattern=COVENANT_ID)
    title: str


class Floor(BaseModel):
    """An ownership level below which named rights end or are suspended, tested continuously,
    as maintained since signing, and (with `at_event`) only at the moment of such an event."""

    model_config = _STRICT
    id: str = Field(pattern=COVENANT_ID)
    clause: str
    level: Term[Decimal]
    met_at_level: bool = Field(
        True, description='true: exactly the level meets it ("equal to or greater than")'
    )
    tested: Term[FloorTest]
    effect: Term[FloorEffect] = Term[FloorEffect](value=FloorEffect.ends)
    at_event: str | None = Field(
        None,
        description="the right arises only at such an event (e.g. `vacancy`), judged on "
        'the ownership in force then ("as of such time")',
    )
    starts: DateTerm | None = Field(
        None,
        description="the first day the rights exist; unset: signing. Before it, or while it "
        'rests on an event not recorded, they do not arise yet ("If, but only if HOC '
        'exercises the Option")',
    )
    rights: list[FloorRight] = Field(min_length=1)


class ReportingThreshold(BaseModel):
    """A level the group reports on crossing (a Schedule 13D at 5% or more): being over it
    is a state, not a breach; a crossing upward is a warning, as a filing follows."""

    model_config = _STRICT
    id: str = Field(pattern=COVENANT_ID)
    title: str = Field(description="what the crossing calls for, e.g. Schedule 13D")
    level: Term[Decimal]
    met_at_level: bool = Field(
        True, description='true: exactly the level is over it ("5% or more")'
    )


class VoteRule(StrEnum):
    with_board = "with_board"  # every share as the Board recommends
    in_proportion = (
        "in_proportion"  # the `voting` clause: free up to its level, the rest in proportion
    )
    free = "free"  # in the holder's discretion
    free_up_to = "free_up_to"  # free up to `free_up_to` of outstanding, the rest with the Board


class Advisor(StrEnum):
    """A proxy advisor whose recommendation a commitment may let the holder follow."""

    iss = "iss"  # Institutional Shareholder Services
    glass_lewis = "glass_lewis"


class VoteCommitment(BaseModel):
    """How the group must vote on proposals of the named types, from `from` (unset: while
    the standstill is) until the day before `until`; a date resting on an event not recorded
    has not come (a commitment "until the date of an initial public offering" lasts). With
    `at_meeting`, only on that meeting's day (its estimate until it is recorded)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    proposal_types: list[str] = Field(min_length=1)
    rule: Term[VoteRule]
    free_up_to: Term[Decimal] | None = Field(None, description="with rule free_up_to")
    follow_advisors: Term[bool] | None = Field(
        None,
        description="true: when the `advisors` all recommend otherwise than the Board "
        "(and alike), the holder may vote as they recommend",
    )
    advisors: list[Advisor] = Field(
        default_factory=lambda: [Advisor.iss, Advisor.glass_lewis],
        min_length=1,
        description="whose recommendation follow_advisors reads; unset: ISS and Glass Lewis",
    )
    in_force_from: DateTerm | None = Field(
        None, alias="from", description="the first day; unset: the standstill's"
    )
    until: DateTerm | None = Field(None, description="the day it ends (not in force that day)")
    at_meeting: DateTerm | None = Field(
        None,
        description="a meeting's day (usually an event's, estimated until recorded): the "
        "commitment governs the votes of that day only, in place of the type's other "
        'commitment ("submitted for shareholder approval at the 2021 Annual Meeting")',
    )


class IssuanceLimit(BaseModel):
    """A limit on the company's issuances, each measured against the shares outstanding
    immediately before it ("more than 20% of the issued and outstanding shares ...
    immediately prior to such issuance"). Each `shares_issued` event over it emits
    `issued_over_<id>`, which a date's extension (`no_event:`) reads."""

    model_config = _STRICT
    id: str = Field(pattern=COVENANT_ID)
    clause: str
    more_than: Term[Decimal] = Field(
        description="a fraction; an issuance of exactly it is not over"
    )


class StandstillTerms(BaseModel):
    """The terms of a `standstill` clause: the holder group and the standstill period are
    required, every other part is the agreement's only when it has it."""

    model_config = _STRICT
    holder: Holder
    signing: Signing | None = None
    term: TermClause | None = Field(
        None, description="a Term that lasts while the group owns at least a level"
    )
    voting: Voting | None = Field(
        None,
        description="proportional voting of the shares above a level (while the Term "
        "lasts, or without a Term, while the standstill is in force)",
    )
    standstill: Standstill
    rights_plan: RightsPlan | None = None
    sell_down: SellDown | None = None
    transfers: Transfers | None = None
    ownership: OwnershipMeasure | None = Field(
        None, description="how ownership is measured; unset: shares plus rights_60d (13d-3)"
    )
    floors: list[Floor] = Field(default_factory=list)
    reporting_thresholds: list[ReportingThreshold] = Field(
        default_factory=list, description="levels whose crossing is reported (a 13D at 5%)"
    )
    proposal_types: list[str] = Field(
        default_factory=list, description="the proposal types the vote commitments name"
    )
    vote_commitments: list[VoteCommitment] = Field(default_factory=list)
    issuance_limits: list[IssuanceLimit] = Field(
        default_factory=list, description="limits on the company's issuances (shares_issued)"
    )


# ---- events this clause type reads (events.yaml) ----


class ActionEvent(BaseModel):
    """Something the group did that a conduct covenant forbids: `type` is the covenant's id."""

    model_config = _STRICT
    type: str = Field(description="the id of a conduct covenant the sheet declares")
    note: str = ""


class CourtRulingEvent(BaseModel):
    """A court held the rights-plan amendment unenforceable (the sell-down trigger)."""

    model_config = _STRICT
    court: str = ""
    note: str = ""


class SellDownRequestEvent(BaseModel):
    """The issuer's request that the group sell down (dated the day it is made)."""

    model_config = _STRICT
    note: str = ""


class DistributionEvent(BaseModel):
    """Shares distributed by the group to its members or partners."""

    model_config = _STRICT
    shares: int = Field(gt=0)
    to: str = ""
    note: str = ""


class VacancyEvent(BaseModel):
    """A moment a floor may be tested at ("as of such time"): e.g. a designee unable to serve."""

    model_config = _STRICT
    note: str = ""


class NamedFactEvent(BaseModel):
    """An event a clause part names (a cap's lift and its end, a level's day)."""

    model_config = _STRICT
    note: str = ""


class VotingEvent(BaseModel):
    """An event a `voting` clause names: the one before which the group's own percentage is
    its level (a tender offer's commencement), or the one from which it applies."""

    model_config = _STRICT
    note: str = ""


class TransferEvent(BaseModel):
    """The group sold shares: to `buyer`, who then owns `buyer_shares_after` voting shares;
    or under a declared exception (`under`), where the buyer may not be known."""

    model_config = _STRICT
    shares: int = Field(gt=0)
    buyer: str = ""
    buyer_shares_after: int | None = Field(
        None, ge=0, description="the buyer's voting shares after the sale (with the group's)"
    )
    under: str | None = Field(None, description="the id of a transfers.buyer_limit exception")
    note: str = ""


class SharesIssuedEvent(BaseModel):
    """The company issued shares (or securities convertible into or exercisable for them) in
    one transaction: `shares` of them, against `outstanding_before` issued and outstanding
    immediately before (with the convertibles, where the limit counts them)."""

    model_config = _STRICT
    shares: int = Field(gt=0)
    outstanding_before: int = Field(gt=0)
    note: str = ""


EVENTS: dict[str, type[BaseModel]] = {
    "transfer": TransferEvent,
    "vacancy": VacancyEvent,
    "action": ActionEvent,
    "court_ruling": CourtRulingEvent,
    "sell_down_request": SellDownRequestEvent,
    "distribution": DistributionEvent,
    "shares_issued": SharesIssuedEvent,
}
