"""Checks of a standstill sheet beyond its schema: a signing date, levels that are shares, and
a standstill that ends with the Term only in a sheet that has one."""

from __future__ import annotations

from decimal import Decimal

from pactum.kinds.standstill.schema import StandstillEnd, StandstillTerms
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
    levels: list[tuple[tuple[str | int, ...], Term[Decimal]]] = []
    if sheet.term is not None:
        levels.append((("term", "ends_below"), sheet.term.ends_below))
    if sheet.voting is not None:
        levels.append((("voting", "free_up_to"), sheet.voting.free_up_to))
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
