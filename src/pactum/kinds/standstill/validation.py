"""Checks of a standstill sheet beyond its schema: a signing date, and levels that are shares."""

from __future__ import annotations

from decimal import Decimal

from pactum.kinds.standstill.schema import StandstillTerms
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
    levels: list[tuple[tuple[str | int, ...], Term[Decimal]]] = [
        (("term", "ends_below"), sheet.term.ends_below),
        (("voting", "free_up_to"), sheet.voting.free_up_to),
    ]
    if sheet.standstill.acquisition_cap is not None:
        levels.append(
            (("standstill", "acquisition_cap", "level"), sheet.standstill.acquisition_cap.level)
        )
    if sheet.rights_plan is not None:
        levels.append((("rights_plan", "threshold"), sheet.rights_plan.threshold))
        levels.append((("rights_plan", "group_threshold"), sheet.rights_plan.group_threshold))
    if sheet.sell_down is not None:
        levels.append((("sell_down", "below"), sheet.sell_down.below))
    if sheet.transfers is not None:
        levels.append(
            (
                ("transfers", "rule_144", "outstanding_fraction"),
                sheet.transfers.rule_144.outstanding_fraction,
            )
        )
    for at, term in levels:
        if not 0 < term.value < 1:
            problems.append((at, str(term.value), "a fraction of the shares, above 0 and below 1"))
    counts: list[tuple[tuple[str | int, ...], Term[int] | None]] = [
        (("sell_down", "within_years"), sheet.sell_down.within_years if sheet.sell_down else None),
    ]
    if sheet.transfers is not None:
        rule = sheet.transfers.rule_144
        counts += [
            (("transfers", "rule_144", "volume_weeks"), rule.volume_weeks),
            (("transfers", "rule_144", "period_months"), rule.period_months),
            (
                ("transfers", "distribution_aggregation_years"),
                sheet.transfers.distribution_aggregation_years,
            ),
        ]
    for at, count in counts:
        if count is not None and count.value < 1:
            problems.append((at, str(count.value), "a whole number, 1 or more"))
    return problems
