"""Checks of a standstill sheet beyond its schema: a signing date, levels that are shares, and
a standstill that ends with the Term only in a sheet that has one."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from pactum.kinds.standstill.schema import (
    EVENTS,
    Denominator,
    RightsCounted,
    StandstillEnd,
    StandstillTerms,
    TransferRoute,
    VoteRule,
)
from pactum.money import percent_str
from pactum.terms.sheet import TermSheet
from pactum.terms.values import Term

Found = tuple[tuple[str | int, ...], str, str]


def validate(sheet: StandstillTerms, header: TermSheet) -> list[Found]:
    problems: list[Found] = []
    if header.dated is None:
        problems.append(
            (
                (),
                "a sheet with no date",
                "the signing date in the sheet's `dated`: the Term starts on it",
            )
        )
    declared: set[str] = set()
    for index, covenant in enumerate(sheet.standstill.conduct):
        if covenant.id in declared:
            problems.append(
                (
                    ("standstill", "conduct", index, "id"),
                    f"a second conduct covenant with id {covenant.id!r}",
                    "one id per covenant: `action` events name it",
                )
            )
        declared.add(covenant.id)
    ends = sheet.standstill.ends
    if ends is not None and ends.value is StandstillEnd.earlier_of_term_and_date and not sheet.term:
        problems.append(
            (
                ("standstill", "ends"),
                f"{ends.value.value} in a sheet with no term clause",
                "a term clause (the Term whose end may end the standstill), or ends: date",
            )
        )
    starts, through = sheet.standstill.starts, sheet.standstill.through
    # on the sheet's fixed dates and estimates: a period that ends before it starts is a slip
    if starts is not None and starts.value > through.value:
        problems.append(
            (
                ("standstill", "starts"),
                f"a standstill that starts {starts.value.isoformat()}, after its last day "
                f"{through.value.isoformat()}",
                "a start on or before the standstill's `through` date",
            )
        )
    levels: list[tuple[tuple[str | int, ...], Term[Decimal]]] = []
    if sheet.term is not None:
        levels.append((("term", "ends_below"), sheet.term.ends_below))
    if sheet.voting is not None and sheet.voting.free_up_to is not None:
        levels.append((("voting", "free_up_to"), sheet.voting.free_up_to))
    cap = sheet.standstill.acquisition_cap
    if cap is not None and cap.level is not None:
        levels.append((("standstill", "acquisition_cap", "level"), cap.level))
    if cap is not None and (cap.level is None) == (cap.level_held_on is None):
        problems.append(
            (
                ("standstill", "acquisition_cap", "level"),
                "both level and level_held_on" if cap.level else "no level",
                "one of level (a fraction) and level_held_on (the day the group's own "
                "ownership is the level)",
            )
        )
    if sheet.rights_plan is not None:
        levels.append((("rights_plan", "threshold"), sheet.rights_plan.threshold))
        levels.append((("rights_plan", "group_threshold"), sheet.rights_plan.group_threshold))
    if sheet.sell_down is not None:
        levels.append((("sell_down", "below"), sheet.sell_down.below))
    if sheet.transfers is not None and sheet.transfers.rule_144 is not None:
        levels.append(
            (
                ("transfers", "rule_144", "outstanding_fraction"),
                sheet.transfers.rule_144.outstanding_fraction,
            )
        )
    if sheet.transfers is not None and sheet.transfers.buyer_limit is not None:
        levels.append((("transfers", "buyer_limit", "level"), sheet.transfers.buyer_limit.level))
    for index, floor in enumerate(sheet.floors):
        levels.append((("floors", index, "level"), floor.level))
    for index, reporting in enumerate(sheet.reporting_thresholds):
        levels.append((("reporting_thresholds", index, "level"), reporting.level))
    for at, term in levels:
        if not 0 < term.value < 1:
            problems.append((at, str(term.value), "a fraction of the shares, above 0 and below 1"))
    counts: list[tuple[tuple[str | int, ...], Term[int] | None]] = [
        (("sell_down", "within_years"), sheet.sell_down.within_years if sheet.sell_down else None),
    ]
    if sheet.transfers is not None:
        rule = sheet.transfers.rule_144
        if rule is not None:
            counts += [
                (("transfers", "rule_144", "volume_weeks"), rule.volume_weeks),
                (("transfers", "rule_144", "period_months"), rule.period_months),
            ]
        counts += [
            (
                ("transfers", "distribution_aggregation_years"),
                sheet.transfers.distribution_aggregation_years,
            ),
        ]
    for at, count in counts:
        if count is not None and count.value < 1:
            problems.append((at, str(count.value), "a whole number, 1 or more"))
    problems += _measure_problems(sheet)
    problems += _voting_problems(sheet)
    problems += _transfer_problems(sheet)
    problems += _floor_problems(sheet)
    problems += _commitment_problems(sheet)
    return problems


def _voting_problems(sheet: StandstillTerms) -> list[Found]:
    """A voting level is a figure or the group's own before an event, never both or neither."""
    voting = sheet.voting
    if voting is None:
        return []
    both = voting.free_up_to is not None and voting.free_up_to_held_before is not None
    neither = voting.free_up_to is None and voting.free_up_to_held_before is None
    if not (both or neither):
        return []
    return [
        (
            ("voting", "free_up_to"),
            "both free_up_to and free_up_to_held_before" if both else "no level",
            "one of free_up_to (a fraction) and free_up_to_held_before (an event name)",
        )
    ]


def _transfer_problems(sheet: StandstillTerms) -> list[Found]:
    """Exception ids are unique, and a Rule 144 route needs Rule 144's figures."""
    limit = sheet.transfers.buyer_limit if sheet.transfers is not None else None
    if limit is None:
        return []
    problems: list[Found] = []
    seen: set[str] = set()
    for index, exception in enumerate(limit.exceptions):
        at = ("transfers", "buyer_limit", "exceptions", index)
        if exception.id in seen:
            problems.append(
                (
                    (*at, "id"),
                    f"a second exception with id {exception.id!r}",
                    "one id per exception: `transfer` events name it in `under`",
                )
            )
        seen.add(exception.id)
        no_rule = sheet.transfers is not None and sheet.transfers.rule_144 is None
        if exception.route is TransferRoute.rule_144 and no_rule:
            problems.append(
                (
                    (*at, "route"),
                    "rule_144 in a sheet with no transfers.rule_144",
                    "transfers.rule_144 (the volume limit the route is held to)",
                )
            )
    return problems


def _measure_problems(sheet: StandstillTerms) -> list[Found]:
    measure = sheet.ownership
    if measure is None:
        return []
    problems: list[Found] = []
    within = measure.rights.value is RightsCounted.within_days
    if within and measure.rights_within_days is None:
        problems.append(
            (
                ("ownership", "rights"),
                "rights within_days without rights_within_days",
                "rights_within_days: the days within which a right must be exercisable",
            )
        )
    diluted = measure.denominator.value is Denominator.fully_diluted
    if measure.company_convertibles is not None and not diluted:
        problems.append(
            (
                ("ownership", "company_convertibles"),
                f"company_convertibles with denominator {measure.denominator.value.value}",
                "denominator: fully_diluted (the only one that counts the company's "
                "convertibles), or no company_convertibles",
            )
        )
    return problems


def _floor_problems(sheet: StandstillTerms) -> list[Found]:
    """A floor is an ownership level the group keeps to hold its rights: above the cap it
    serves, the group could keep them only by breaching the cap."""
    problems: list[Found] = []
    cap = sheet.standstill.acquisition_cap
    ids: set[str] = set()
    for index, floor in enumerate(sheet.floors):
        if floor.id in ids:
            problems.append(
                (
                    ("floors", index, "id"),
                    f"a second floor with id {floor.id!r}",
                    "one id per floor",
                )
            )
        ids.add(floor.id)
        if cap is not None and cap.level is not None and floor.level.value > cap.level.value:
            problems.append(
                (
                    ("floors", index, "level"),
                    f"a floor of {percent_str(floor.level.value)} above the "
                    f"{percent_str(cap.level.value)} acquisition cap it serves "
                    f"({cap.clause})",
                    f"a floor at or below the acquisition cap ({percent_str(cap.level.value)})",
                )
            )
        if floor.at_event is not None and floor.at_event not in EVENTS:
            problems.append(
                (
                    ("floors", index, "at_event"),
                    repr(floor.at_event),
                    "a standstill event: " + ", ".join(EVENTS),
                )
            )
    return problems


def _commitment_problems(sheet: StandstillTerms) -> list[Found]:
    declared = sheet.proposal_types
    problems: list[Found] = []
    if len(set(declared)) != len(declared):
        problems.append((("proposal_types",), ", ".join(declared), "each proposal type once"))
    governed: dict[str, list[tuple[date, date]]] = {}
    # a meeting's commitment stands in for the type's other one on its day: two for one
    # meeting day would still clash
    meetings: dict[str, list[tuple[date, date]]] = {}
    for index, commitment in enumerate(sheet.vote_commitments):
        # on the sheet's fixed dates and estimates: the days it is in force, end excluded
        start = commitment.in_force_from.value if commitment.in_force_from else date.min
        end = commitment.until.value if commitment.until else date.max
        if start >= end:
            problems.append(
                (
                    ("vote_commitments", index, "until"),
                    f"a commitment from {start.isoformat()} until {end.isoformat()}",
                    "an `until` after its `from`",
                )
            )
        if commitment.at_meeting is not None:
            day = commitment.at_meeting.value
            if not start <= day < end:
                problems.append(
                    (
                        ("vote_commitments", index, "at_meeting"),
                        f"a meeting on {day.isoformat()}, outside the commitment's `from` "
                        "and `until`",
                        "a meeting day from its `from` and before its `until`",
                    )
                )
            start, end = day, day + timedelta(days=1)
        for at, kind in enumerate(commitment.proposal_types):
            where: tuple[str | int, ...] = ("vote_commitments", index, "proposal_types", at)
            if kind not in declared:
                problems.append(
                    (
                        where,
                        f"a voting commitment for proposal type {kind!r}, which the sheet "
                        "does not declare",
                        "a type listed in proposal_types: " + (", ".join(declared) or "(none)"),
                    )
                )
            elif any(
                start < other_end and other_start < end
                for other_start, other_end in (
                    meetings if commitment.at_meeting is not None else governed
                ).get(kind, [])
            ):
                problems.append(
                    (
                        where,
                        f"a second commitment for {kind!r} in force at the same time",
                        "one commitment per type at a time (commitments in turn: `from` one "
                        "at or after the other's `until`)",
                    )
                )
            (meetings if commitment.at_meeting is not None else governed).setdefault(
                kind, []
            ).append((start, end))
        rule = commitment.rule.value
        if (rule is VoteRule.free_up_to) != (commitment.free_up_to is not None):
            problems.append(
                (
                    ("vote_commitments", index, "free_up_to"),
                    f"rule {rule.value} "
                    + ("without" if commitment.free_up_to is None else "with")
                    + " free_up_to",
                    "free_up_to (the level voted freely) with rule free_up_to, and only then",
                )
            )
        elif commitment.free_up_to is not None and not 0 < commitment.free_up_to.value < 1:
            problems.append(
                (
                    ("vote_commitments", index, "free_up_to"),
                    str(commitment.free_up_to.value),
                    "a fraction of the shares, above 0 and below 1",
                )
            )
        if rule is VoteRule.in_proportion and sheet.voting is None:
            problems.append(
                (
                    ("vote_commitments", index, "rule"),
                    "in_proportion in a sheet with no voting clause",
                    "a voting clause (the level and how the excess is split), or another rule",
                )
            )
    return problems
