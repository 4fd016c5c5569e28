"""Checks of a lease sheet beyond its schema, and of the events that name its spaces."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pactum.facts.events import Event
from pactum.kinds.lease.accounting import discounted
from pactum.kinds.lease.allowances import allowance_amount
from pactum.kinds.lease.lease_years import LeaseYears, sequence_problems
from pactum.kinds.lease.rent_roll import rent_roll
from pactum.kinds.lease.schema import RENT_FORMS, Abatement, LeaseAccounting, LeaseTerms, Space
from pactum.money import ZERO, money_display
from pactum.terms.sheet import TermSheet

Found = tuple[tuple[str | int, ...], str, str]


def validate(sheet: Any, header: TermSheet | None = None) -> list[Found]:
    assert isinstance(sheet, LeaseTerms)
    problems: list[Found] = []
    ids = [s.id for s in sheet.spaces]
    for i, space in enumerate(sheet.spaces):
        if space.area.value <= 0:
            problems.append(
                (("spaces", i, "area"), f"{space.area.value} sf", "a rentable area greater than 0")
            )
        for j, remeasured in enumerate(space.remeasured):
            if remeasured.area.value <= 0:
                problems.append(
                    (
                        ("spaces", i, "remeasured", j, "area"),
                        f"{remeasured.area.value} sf",
                        "a remeasured rentable area greater than 0",
                    )
                )
        if ids.index(space.id) != i:
            problems.append((("spaces", i, "id"), f"a second space {space.id!r}", "unique ids"))
        problems += _space_problems_at_load(space, i)
    if sheet.spaces and all(s.in_premises_from is None for s in sheet.spaces):
        # rent is rate x the premises' area: with no space leased there is nothing to rent
        problems.append(
            (
                ("spaces",),
                "no space in the premises (none has in_premises_from)",
                "at least one space with in_premises_from, the date it is leased from",
            )
        )
    if not sheet.lease_years:
        return [*problems, (("lease_years",), "no lease years", "at least one lease year")]
    for i in range(len(sheet.lease_years)):
        problems += _period_problems(sheet, i)
    problems += _escalation_problems(sheet)
    problems += _allowance_problems(sheet)
    if problems:
        return problems  # the periods are not known, so neither is their sequence
    years = LeaseYears.of(sheet)
    for i, field, found, expected in sequence_problems(years.periods):
        problems.append((("lease_years", i, field), found, expected))
    if problems:
        return problems  # the term is not known, so neither is what falls within it
    if sheet.proration is None:
        # a month the term covers in part has no rent until the sheet says how to prorate it
        for end, partial_day in years.partial_ends():
            at = 0 if end == "start" else len(sheet.lease_years) - 1
            banded = sheet.lease_years[at].months is not None
            where: tuple[str | int, ...] = ("lease_years", at, end)
            if banded:
                where = ("rent_commencement",) if end == "start" else ("lease_years", at, "months")
            problems.append(
                (
                    where,
                    f"the term {end}s on {partial_day.isoformat()}, part of a month, and no proration",
                    "proration: days_in_month (the installment x days / days in the month) or "
                    "annual_365 (the annual rent x days / 365)",
                )
            )
    for i in range(len(sheet.abatements)):
        problems += _abatement_problems(sheet, i, years)
    for i in range(len(sheet.expenses)):
        problems += _expense_problems(sheet, i, years)
    problems += _default_problems(sheet)
    for i, step in enumerate(sheet.proportionate_share):
        if not 0 < step.share.value <= 1:
            problems.append(
                (
                    ("proportionate_share", i, "share"),
                    str(step.share.value),
                    "a fraction above 0 and at most 1 (45.30% is 0.4530)",
                )
            )
    day = sheet.rent_due_day.value
    if not 1 <= day <= 31:
        problems.append((("rent_due_day",), str(day), "a day of the month, 1 to 31"))
    if sheet.renewals and not problems:
        problems += _renewal_problems(sheet, header)
    options = _option_ids(header) if header is not None else None
    problems += _first_refusal_problems(sheet, options)
    for i, rule in enumerate(sheet.purchase_prices):
        if options is not None and rule.option not in options:
            problems.append(_unknown_option(("purchase_prices", i, "option"), rule.option, options))
    if sheet.accounting is not None and not problems:
        problems += _accounting_problems(sheet, sheet.accounting, header)
    return problems


def _space_problems_at_load(space: Space, i: int) -> list[Found]:
    """A space's own rent in one form, from a start, and an end not before its start."""
    problems: list[Found] = []
    if space.rate is not None and space.monthly is not None:
        problems.append(
            (
                ("spaces", i, "monthly"),
                "both rate and monthly",
                "the space's own rent in one form: rate (a year per sf) or monthly",
            )
        )
    if space.own_rent is not None and space.in_premises_from is None:
        problems.append(
            (
                ("spaces", i, "in_premises_from"),
                "a space with its own rent and no in_premises_from",
                "the date the space is leased from",
            )
        )
    start, until = space.in_premises_from, space.until
    if start is not None and until is not None and until.value < start.value:
        problems.append(
            (
                ("spaces", i, "until"),
                f"{space.id} leased until {until.value.isoformat()}, before it is leased from "
                f"{start.value.isoformat()}",
                "an until on or after in_premises_from",
            )
        )
    return problems


def _unknown_option(at: tuple[str | int, ...], found: str, options: list[str]) -> Found:
    """A lease term naming an option the sheet's options clause does not have."""
    expected = ", ".join(options) or "the sheet has none"
    return (at, repr(found), f"the id of an option of the sheet's options clause: {expected}")


def _first_refusal_problems(sheet: LeaseTerms, options: list[str] | None) -> list[Found]:
    """Each first refusal names an option of the sheet and a space the tenant does not lease
    and that has no rent of its own (the offer gives it)."""
    problems: list[Found] = []
    outside = [s.id for s in sheet.spaces if s.in_premises_from is None and s.own_rent is None]
    for r, right in enumerate(sheet.first_refusals):
        if options is not None and right.option not in options:
            problems.append(_unknown_option(("first_refusals", r, "option"), right.option, options))
        if right.space not in outside:
            problems.append(
                (
                    ("first_refusals", r, "space"),
                    repr(right.space),
                    "a space not in the premises and with no rent of its own: "
                    + (", ".join(outside) or "the sheet has none"),
                )
            )
        if right.released_days is not None and right.released_days.value < 0:
            problems.append(
                (
                    ("first_refusals", r, "released_days"),
                    str(right.released_days.value),
                    "0 or more days",
                )
            )
    return problems


def _renewal_problems(sheet: LeaseTerms, header: TermSheet | None) -> list[Found]:
    """Each renewal names an option of the sheet; their periods, in the order listed, follow
    the lease's without gap or overlap (as if all were exercised)."""
    problems: list[Found] = []
    options = _option_ids(header) if header is not None else None
    for r, renewal in enumerate(sheet.renewals):
        if options is not None and renewal.option not in options:
            problems.append(_unknown_option(("renewals", r, "option"), renewal.option, options))
    own = len(sheet.lease_years)
    places = [
        (r, j) for r, renewal in enumerate(sheet.renewals) for j in range(len(renewal.lease_years))
    ]
    years = [y for renewal in sheet.renewals for y in renewal.lease_years]
    extended = sheet.model_copy(update={"lease_years": [*sheet.lease_years, *years]})
    for k, (r, j) in enumerate(places):
        for where, found, expected in _period_problems(extended, own + k):
            problems.append((("renewals", r, "lease_years", j, *where[2:]), found, expected))
    if problems:
        return problems
    for index, field, found, expected in sequence_problems(LeaseYears.of(extended).periods):
        if index >= own:
            r, j = places[index - own]
            problems.append((("renewals", r, "lease_years", j, field), found, expected))
    return problems


def _accounting_problems(
    sheet: LeaseTerms, accounting: LeaseAccounting, header: TermSheet | None
) -> list[Found]:
    """Each renewal names an option of the sheet and adds periods that follow the lease's
    without gap or overlap; the incentives leave the right-of-use asset 0 or more."""
    at: tuple[str | int, ...] = ("accounting", "renewals")
    problems: list[Found] = []
    options = _option_ids(header) if header is not None else None
    for r, renewal in enumerate(accounting.renewals):
        if options is not None and renewal.option not in options:
            problems.append(_unknown_option((*at, r, "option"), renewal.option, options))
    # the renewals' periods, in the order listed, after the lease's own
    own = len(sheet.lease_years)
    places = [
        (r, j)
        for r, renewal in enumerate(accounting.renewals)
        for j in range(len(renewal.lease_years))
    ]
    years = [y for renewal in accounting.renewals for y in renewal.lease_years]
    extended = sheet.model_copy(update={"lease_years": [*sheet.lease_years, *years]})
    for k, (r, j) in enumerate(places):
        for where, found, expected in _period_problems(extended, own + k):
            problems.append(((*at, r, "lease_years", j, *where[2:]), found, expected))
    if problems:
        return problems
    for index, field, found, expected in sequence_problems(LeaseYears.of(extended).periods):
        if index >= own:
            r, j = places[index - own]
            problems.append(((*at, r, "lease_years", j, field), found, expected))
    if problems or accounting.incentives is None:
        return problems
    # the asset at commencement is the liability + initial direct costs + prepaid rent -
    # incentives (ASC 842-20-30-5); an asset is never negative, so incentives beyond the rest
    # would mean the landlord pays the tenant to lease: a typo, or not a lease
    included = [
        y
        for renewal in accounting.renewals
        if renewal.reasonably_certain.value
        for y in renewal.lease_years
    ]
    term = sheet.model_copy(update={"lease_years": [*sheet.lease_years, *included]})
    liability = discounted([m.payment for m in rent_roll(term, [])], accounting.discount_rate.value)
    others = ZERO
    for part in (accounting.initial_direct_costs, accounting.prepaid_rent):
        others += part.value if part is not None else ZERO
    if accounting.incentives.value > liability + others:
        problems.append(
            (
                ("accounting", "incentives"),
                f"{money_display(accounting.incentives.value)}, more than the liability at "
                f"commencement ({money_display(liability)}) + initial direct costs and prepaid "
                f"rent ({money_display(others)})",
                "incentives that leave the right-of-use asset 0 or more, at most "
                + money_display(liability + others),
            )
        )
    return problems


def _option_ids(header: TermSheet) -> list[str]:
    """The ids of the options of the sheet's `options` clauses, as written."""
    found: list[str] = []
    for entry in header.clauses:
        if entry.type != "options":
            continue
        for option in (entry.model_extra or {}).get("options") or []:
            if isinstance(option, dict) and isinstance(option.get("id"), str):
                found.append(option["id"])
    return found


def _period_problems(sheet: LeaseTerms, i: int) -> list[Found]:
    """A period has dates or a band of months (never both), one form of rent, and an
    increase only over a period before it."""
    year = sheet.lease_years[i]
    at = ("lease_years", i)
    problems: list[Found] = []
    dated = year.start is not None or year.end is not None
    if year.months is not None and dated:
        problems.append((at, "both dates and months", "start and end, or months, not both"))
    elif year.months is None and (year.start is None or year.end is None):
        problems.append((at, "no start and end, and no months", "start and end, or months"))
    elif year.months is not None and sheet.rent_commencement is None:
        problems.append(
            (
                (*at, "months"),
                f"lease months {year.months.value[0]}-{year.months.value[1]} "
                "and no rent_commencement",
                "rent_commencement: the date lease months are counted from",
            )
        )
    elif year.months is not None and i == 0 and year.months.value[0] != 1:
        problems.append(
            (
                (*at, "months"),
                f"a first band from month {year.months.value[0]}",
                "the first band starting at month 1",
            )
        )
    forms = [form for form in RENT_FORMS if getattr(year, form) is not None]
    if len(forms) != 1:
        problems.append(
            (
                at,
                f"{' and '.join(forms)} for its rent" if forms else "no rent",
                "one of rate (per sf a year), monthly_rate (per sf a month), annual, monthly "
                "(dollars), increase (over the period before), indexed or fair_market",
            )
        )
    elif year.at_least_prior is not None and year.fair_market is None:
        problems.append(
            ((*at, "at_least_prior"), "at_least_prior without fair_market", "fair_market: true")
        )
    elif forms == ["fair_market"] and year.fair_market is not None and not year.fair_market.value:
        problems.append(((*at, "fair_market"), "false", "true, or another form of rent"))
    elif forms == ["increase"] and i == 0:
        problems.append(
            ((*at, "increase"), "an increase on the first period", "a rent for the first period")
        )
    elif forms == ["indexed"] and i == 0:
        problems.append(
            (
                (*at, "indexed"),
                "an index escalation on the first period",
                "a rent for the first period",
            )
        )
    elif forms == ["indexed"] and year.indexed is not None and not year.indexed.value:
        problems.append(((*at, "indexed"), "false", "true, or another form of rent"))
    elif (
        forms == ["indexed"]
        and sheet.index_escalation is None
        # one line for the sheet: the first indexed period names what is missing
        and not any(y.indexed is not None for y in sheet.lease_years[:i])
    ):
        problems.append(
            (
                (*at, "indexed"),
                "an indexed rent and no index_escalation",
                "index_escalation: the series, lag_months, base_period and any cap or floor",
            )
        )
    return problems


def _escalation_problems(sheet: LeaseTerms) -> list[Found]:
    """An index escalation names the period it compares with, and bounds that make sense."""
    terms = sheet.index_escalation
    if terms is None:
        return []
    at = ("index_escalation",)
    problems: list[Found] = []
    if terms.base_period is None:
        problems.append(
            (
                at,
                "no base_period",
                "base_period: prior_period (the index as far before the period before), "
                "year_before (twelve months before the current index) or a month YYYY-MM",
            )
        )
    if not 0 <= terms.lag_months.value <= 24:
        problems.append(
            ((*at, "lag_months"), str(terms.lag_months.value), "a number of months from 0 to 24")
        )
    if terms.cap is not None and not 0 <= terms.cap.value <= 1:
        problems.append(
            ((*at, "cap"), str(terms.cap.value), "a fraction from 0 to 1 (0.03 for 3%)")
        )
    if terms.floor is not None and not -1 < terms.floor.value <= 1:
        problems.append(
            (
                (*at, "floor"),
                str(terms.floor.value),
                "a fraction above -1 (0 when rent never falls)",
            )
        )
    elif (
        terms.cap is not None
        and terms.floor is not None
        and 0 <= terms.cap.value < terms.floor.value
    ):
        problems.append(
            (
                (*at, "floor"),
                f"{terms.floor.value}, above the cap {terms.cap.value}",
                "a floor at or below the cap",
            )
        )
    return problems


def _covers_problems(
    sheet: LeaseTerms, abatement: Abatement, at: tuple[str | int, ...]
) -> list[Found]:
    """What an abatement covers: pools the sheet has; `except` only after all_rent; a stated
    amount abates base rent only."""
    problems: list[Found] = []
    pools = [pool.pool for pool in sheet.expenses]
    items = abatement.covers.value if abatement.covers is not None else []
    for item in items:
        if item in ("operating", "taxes") and item not in pools:
            problems.append(
                (
                    (*at, "covers"),
                    f"{item}, a pool the sheet's expenses do not have",
                    "a pool of expenses: " + (", ".join(pools) or "none written"),
                )
            )
    if abatement.except_items is not None and "all_rent" not in items:
        problems.append(
            (
                (*at, "except"),
                f"except {', '.join(abatement.except_items.value)} without covers: all_rent",
                "covers: [all_rent] with the items excepted",
            )
        )
    if abatement.amount is not None and any(i != "base_rent" for i in items):
        problems.append(
            (
                (*at, "covers"),
                f"a stated amount covering {', '.join(items)}",
                "a stated amount abates base rent only; a space or an area for the pools",
            )
        )
    return problems


def _abatement_problems(sheet: LeaseTerms, i: int, years: LeaseYears) -> list[Found]:
    abatement = sheet.abatements[i]
    at = ("abatements", i)
    problems: list[Found] = []
    forms = [
        form
        for form, written in (
            ("month", abatement.month is not None),
            ("full_months", abatement.full_months is not None or abatement.start_from is not None),
            ("start", abatement.start is not None or abatement.end is not None),
        )
        if written
    ]
    days = abatement.days()
    if len(forms) != 1 or days is None:
        problems.append(
            (
                at,
                f"a period written as {' and '.join(forms)}" if forms else "no period",
                "one of month; full_months with from; start and end",
            )
        )
    elif abatement.full_months is not None and abatement.full_months.value < 1:
        problems.append(
            ((*at, "full_months"), str(abatement.full_months.value), "1 or more full months")
        )
    elif abatement.month is not None:
        month = days[0]
        if not years.contains_month(month):
            problems.append(
                (
                    (*at, "month"),
                    f"{month:%Y-%m}, outside the term",
                    f"a month from {years.start:%Y-%m} to {years.end:%Y-%m}",
                )
            )
    elif days[1] < days[0]:
        problems.append(
            ((*at, "end"), f"{days[1]}, before the start {days[0]}", "an end on or after the start")
        )
    elif days[0] < years.start or days[1] > years.end:
        field = (
            forms[0] if forms[0] == "full_months" else ("end" if days[1] > years.end else "start")
        )
        problems.append(
            (
                (*at, field),
                f"an abatement from {days[0]} to {days[1]}, beyond the term",
                f"an abatement within the term, {years.start} to {years.end}",
            )
        )
    problems += _covers_problems(sheet, abatement, at)
    formula = (abatement.space, abatement.area, abatement.rate, abatement.fraction)
    whole_premises = abatement.covers is not None  # covers without a space or area: all of it
    if (
        abatement.amount is None
        and abatement.space is None
        and abatement.area is None
        and not whole_premises
    ):
        problems.append(
            (
                at,
                "an incomplete abatement",
                "an amount, or a space or an area (with rate, fraction)",
            )
        )
    elif abatement.amount is not None and any(part is not None for part in formula):
        problems.append(
            (at, "both an amount and a formula", "an amount, or a space or area, rate and fraction")
        )
    elif abatement.space is not None and abatement.area is not None:
        problems.append((at, "both a space and an area", "the space or the area that abates"))
    ids = [s.id for s in sheet.spaces]
    if abatement.space is not None and abatement.space not in ids:
        problems.append(
            ((*at, "space"), repr(abatement.space), "one of the spaces: " + ", ".join(ids))
        )
    return problems


def _default_problems(sheet: LeaseTerms) -> list[Found]:
    """What a default does to an abatement needs a conditional one; a clawback, its rate."""
    problems: list[Found] = []
    effect = sheet.abatement_on_default.value if sheet.abatement_on_default else None
    if effect is not None and sheet.abatement_condition.value == "unconditional":
        problems.append(
            (
                ("abatement_on_default",),
                f"{effect} with an unconditional abatement",
                "abatement_condition: not_then_in_default or not_in_default_on_due_date",
            )
        )
    rate = sheet.clawback_interest_rate
    if effect == "clawed_back" and rate is None:
        problems.append(
            (
                ("abatement_on_default",),
                "clawed_back without a clawback_interest_rate",
                "clawback_interest_rate: the rate a year the clawed-back abatement bears "
                "interest at from the default (0.10 for 10%)",
            )
        )
    if rate is not None and effect != "clawed_back":
        problems.append(
            (
                ("clawback_interest_rate",),
                f"a clawback interest rate with abatement_on_default {effect or 'unset'}",
                "abatement_on_default: clawed_back",
            )
        )
    return problems


def _allowance_problems(sheet: LeaseTerms) -> list[Found]:
    """An allowance states an amount or a rate per sf (an area only with the rate); a rent
    credit of the unused part needs an expiry; a repayment needs one month or more."""
    problems: list[Found] = []
    ids = [a.id for a in sheet.allowances]
    for i, allowance in enumerate(sheet.allowances):
        at = ("allowances", i)
        if ids.index(allowance.id) != i:
            problems.append(((*at, "id"), f"a second allowance {allowance.id!r}", "unique ids"))
        if (allowance.amount is None) == (allowance.per_sf is None):
            problems.append(
                (
                    at,
                    "both an amount and per_sf"
                    if allowance.amount
                    else "neither amount nor per_sf",
                    "an amount, or per_sf (dollars per rentable sf)",
                )
            )
        if allowance.area is not None and allowance.per_sf is None:
            problems.append(((*at, "area"), "an area without per_sf", "per_sf with the area"))
        if allowance.unused.value == "rent_credit" and allowance.expires is None:
            problems.append(
                (
                    (*at, "unused"),
                    "rent_credit with no expiry",
                    "expires: the date after which the unused part is credited",
                )
            )
        if allowance.amortised is not None and allowance.amortised.months.value < 1:
            problems.append(
                (
                    (*at, "amortised", "months"),
                    str(allowance.amortised.months.value),
                    "1 or more monthly repayments",
                )
            )
    return problems


def _draw_problems(sheet: LeaseTerms, events: list[Event]) -> list[tuple[Event, str, str, str]]:
    """A draw of an allowance the sheet does not have, or past the allowance's amount."""
    problems: list[tuple[Event, str, str, str]] = []
    drawn: dict[str, Decimal] = {}
    over: set[str] = set()
    by_id = {a.id: a for a in sheet.allowances}
    for event in events:
        if event.event != "allowance_drawn":
            continue
        name = getattr(event.data, "allowance", None)
        amount = getattr(event.data, "amount", None)
        if not isinstance(name, str) or not isinstance(amount, Decimal):
            continue
        if name not in by_id:
            problems.append(
                (
                    event,
                    "allowance",
                    repr(name),
                    "an allowance of the lease: " + (", ".join(by_id) or "none written"),
                )
            )
            continue
        total, _ = allowance_amount(sheet, by_id[name])
        if name in over:
            continue  # one line for an allowance overdrawn: the first draw past it
        drawn[name] = drawn.get(name, ZERO) + amount
        if drawn[name] > total:
            over.add(name)
            problems.append(
                (
                    event,
                    "amount",
                    f"draws of {money_display(drawn[name])} by {event.date.isoformat()}",
                    f"no more than the allowance, {money_display(total)}",
                )
            )
    return problems


def _market_rent_problems(
    sheet: LeaseTerms, events: list[Event]
) -> list[tuple[Event, str, str, str]]:
    """A market rent for a period that is not a fair_market one, or given in no form or two."""
    periods = [*sheet.lease_years, *(y for r in sheet.renewals for y in r.lease_years)]
    market = [y.id for y in periods if y.fair_market is not None]
    problems: list[tuple[Event, str, str, str]] = []
    for event in events:
        if event.event != "market_rent_set":
            continue
        name = getattr(event.data, "lease_year", None)
        forms = [
            f for f in ("rate", "annual", "monthly") if getattr(event.data, f, None) is not None
        ]
        if name not in market:
            problems.append(
                (
                    event,
                    "lease_year",
                    repr(name),
                    "a fair_market period of the lease: " + (", ".join(market) or "none written"),
                )
            )
        elif len(forms) != 1:
            problems.append(
                (
                    event,
                    "event",
                    " and ".join(forms) if forms else "no rent",
                    "one of rate (per sf a year), annual or monthly",
                )
            )
    return problems


def validate_events(sheet: LeaseTerms, events: list[Event]) -> list[tuple[Event, str, str, str]]:
    """Events about a space the sheet does not have or about one the tenant already leases,
    cures with no default open before them, and draws no allowance allows."""
    problems = [(event, *p) for event in events for p in _space_problems(sheet, event)]
    problems += _draw_problems(sheet, events)
    problems += _market_rent_problems(sheet, events)
    figures = sorted({t.figure for rule in sheet.purchase_prices for t in rule.greater_of})
    for event in events:
        figure = getattr(event.data, "figure", None)
        if event.event == "purchase_figure" and figure not in figures:
            problems.append(
                (
                    event,
                    "figure",
                    repr(figure),
                    "a figure a purchase price reads: " + (", ".join(figures) or "none written"),
                )
            )
    open_default = False
    for event in events:  # in date order
        if event.event == "default":
            open_default = True
        elif event.event == "cure":
            if not open_default:
                problems.append(
                    (
                        event,
                        "event",
                        f"a cure on {event.date.isoformat()} with no default open before it",
                        "a default event dated on or before each cure",
                    )
                )
            open_default = False
    return problems


def _space_problems(sheet: LeaseTerms, event: Event) -> list[tuple[str, str, str]]:
    space = getattr(event.data, "space", None)
    if space is None:
        return []
    ids = [s.id for s in sheet.spaces]
    if space not in ids:
        return [("space", repr(space), f"a space of {event.agreement}: " + ", ".join(ids))]
    outside = [s.id for s in sheet.spaces if s.in_premises_from is None]
    if space not in outside:
        # an amendment or a lease to another tenant is about a space the tenant does not lease
        return [
            (
                "space",
                repr(space),
                "a space not in the premises (no in_premises_from): "
                + (", ".join(outside) or f"{event.agreement} has none"),
            )
        ]
    return []


def _expense_problems(sheet: LeaseTerms, i: int, years: LeaseYears) -> list[Found]:
    """One base at most, a base year within the term, a share to apply, a cap that makes sense."""
    pool = sheet.expenses[i]
    at = ("expenses", i)
    problems: list[Found] = []
    if [p.pool for p in sheet.expenses].index(pool.pool) != i:
        problems.append(((*at, "pool"), f"a second {pool.pool} pool", "one entry per pool"))
    bases = [b for b in ("base_year", "base_amount", "stop_per_sf") if getattr(pool, b) is not None]
    if len(bases) > 1:
        problems.append(
            (at, " and ".join(bases), "at most one of base_year, base_amount, stop_per_sf")
        )
    if (
        pool.base_year is not None
        and not years.start.year <= pool.base_year.value <= years.end.year
    ):
        problems.append(
            (
                (*at, "base_year"),
                f"{pool.base_year.value}, outside the term",
                f"a year from {years.start.year} to {years.end.year}",
            )
        )
    if pool.stop_per_sf is not None and sheet.building_area is None:
        problems.append(
            (
                (*at, "stop_per_sf"),
                "a stop per square foot and no building_area",
                "building_area: the building's rentable area the stop is over",
            )
        )
    if pool.share is not None and not 0 < pool.share.value <= 1:
        problems.append(((*at, "share"), str(pool.share.value), "a fraction above 0 and at most 1"))
    if pool.share is None and not sheet.proportionate_share:
        problems.append(
            ((*at, "pool"), f"a {pool.pool} pool with no share", "share, or a proportionate_share")
        )
    cap = pool.controllable_cap
    if cap is not None and pool.pool != "operating":
        problems.append(
            ((*at, "controllable_cap"), f"a cap on {pool.pool}", "a cap on the operating pool only")
        )
    if cap is not None and not 0 <= cap.rate.value <= 1:
        problems.append(
            (
                (*at, "controllable_cap", "rate"),
                str(cap.rate.value),
                "a fraction a year from 0 to 1 (0.05 for 5%)",
            )
        )
    return problems
