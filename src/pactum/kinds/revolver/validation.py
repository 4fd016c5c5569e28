"""Checks of a revolver sheet beyond its schema: the parts it has hold together (none reads a
part the sheet does not have), and so do its definitions and covenants."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from pactum.collateral.rules import STANDARD_ORDER
from pactum.definitions import DefinitionSet
from pactum.expressions import ExpressionError
from pactum.kinds.revolver.schema import RevolverTerms
from pactum.terms.named_dates import RuleTerm
from pactum.terms.sheet import TermSheet

Found = tuple[tuple[str | int, ...], str, str]

CENTURY = 100  # years: no facility runs longer, and a later maturity is a typo


def definition_set(sheet: RevolverTerms) -> DefinitionSet:
    declared = sheet.financial_items
    items = frozenset(declared.balance) | frozenset(declared.flow) if declared else frozenset()
    return DefinitionSet.parse({k: v.value for k, v in sheet.definitions.items()}, items)


def missing_parts(sheet: RevolverTerms) -> list[Found]:
    """A part the sheet has that reads a part it does not have."""
    problems: list[Found] = []
    if sheet.borrowing_base is None:
        for name, reads in (
            ("reporting", "its trigger reads excess availability"),
            ("eligibility", "its rules make the borrowing base's eligible collateral"),
        ):
            if getattr(sheet, name) is not None:
                problems.append(
                    ((name,), f"{name} without a borrowing_base", f"a borrowing_base: {reads}")
                )
    if sheet.financial_items is None:
        for name, present in (
            ("definitions", bool(sheet.definitions)),
            ("covenants", bool(sheet.covenants)),
            ("capex", sheet.capex is not None),
        ):
            if present:
                problems.append(
                    (
                        (name,),
                        f"{name} without financial_items",
                        f"financial_items: the balance and flow items the {name} read",
                    )
                )
    if sheet.covenants and sheet.covenant_tests is None:
        problems.append(
            (
                ("covenants",),
                "covenants without covenant_tests",
                "covenant_tests: when the covenants are tested (fiscal_quarter_end)",
            )
        )
    return problems


def maturity_problems(sheet: RevolverTerms, header: TermSheet) -> list[Found]:
    """A maturity within the agreement's life: after the date it is signed, and within a
    century of it (9999-12-31 is a placeholder or a typo, and runs the calendar out)."""
    maturity = sheet.maturity
    if isinstance(maturity, RuleTerm) or header.dated is None:
        return []  # a rule is worked out from the sheet's dates, which are checked there
    signed = header.dated.value
    # a century to the day (a 29 February signing: 1 March, when that year has no 29th)
    latest = date(min(signed.year + CENTURY, date.max.year), signed.month, 28) + timedelta(
        days=signed.day - 28
    )
    if signed < maturity.value <= latest:
        return []
    return [
        (
            ("maturity",),
            maturity.value.isoformat(),
            f"a date after the agreement's date ({signed.isoformat()}) and within a century "
            f"of it (by {latest.isoformat()})",
        )
    ]


def validate(sheet: Any, header: TermSheet) -> list[Found]:
    assert isinstance(sheet, RevolverTerms)
    problems = missing_parts(sheet)
    if problems:
        return problems  # what the parts read is not there to check them against
    problems = maturity_problems(sheet, header)
    try:
        definitions = definition_set(sheet)
    except ExpressionError as exc:
        name = str(exc).split(":", 1)[0]
        return [(("definitions", name), str(exc).split(": ", 1)[-1], "arithmetic over named items")]
    for name, found, expected in definitions.problems():
        problems.append((("definitions", name), found, expected))
    known = definitions.items | set(definitions.expressions)
    for i, covenant in enumerate(sheet.covenants):
        at = ("covenants", i)
        is_ratio = covenant.numerator is not None or covenant.denominator is not None
        if is_ratio == (covenant.metric is not None):
            problems.append(
                (
                    at,
                    "both or neither of metric and numerator/denominator",
                    "either metric, or numerator and denominator",
                )
            )
        if is_ratio and (covenant.numerator is None or covenant.denominator is None):
            problems.append((at, "half a ratio", "both numerator and denominator"))
        if (covenant.level is None) == (covenant.schedule is None):
            problems.append(
                (at, "both or neither of level and schedule", "either level or schedule")
            )
        for field in ("metric", "numerator", "denominator", "driver"):
            name = getattr(covenant, field)
            if name is not None and name not in known:
                problems.append(
                    (
                        (*at, field),
                        f"unknown financial item {name!r}",
                        "a declared financial item or definition",
                    )
                )
    grid = sheet.pricing_grid
    if grid is not None and grid.status == "provided":
        covenant_ids = [c.id for c in sheet.covenants]
        if not grid.tiers:
            problems.append((("pricing_grid", "tiers"), "no tiers", "the grid's tiers"))
        if grid.tested_by not in covenant_ids:
            problems.append(
                (
                    ("pricing_grid", "tested_by"),
                    repr(grid.tested_by),
                    "one of the covenant ids: " + ", ".join(covenant_ids),
                )
            )
    if sheet.capex is not None:
        for field in ("spend_item", "new_business_item"):
            name = getattr(sheet.capex, field)
            if name not in definitions.items:
                problems.append(
                    (("capex", field), f"unknown financial item {name!r}", "a declared flow item")
                )
    return problems + _eligibility_problems(sheet)


def _eligibility_problems(sheet: RevolverTerms) -> list[Found]:
    """Fractions the engines can compare exactly (basis points), days that are not negative."""
    if sheet.eligibility is None:
        return []
    rules = sheet.eligibility.receivables
    at = ("eligibility", "receivables")
    problems: list[Found] = []
    for name in ("cross_age_percent", "concentration_percent"):
        term = getattr(rules, name)
        if term is not None and not (0 < term.value <= 1 and (term.value * 10000) % 1 == 0):
            problems.append(
                ((*at, name), str(term.value), "a fraction above 0 and at most 1, to 4 decimals")
            )
    for index, limit in enumerate(rules.debtor_limits):
        for name in ("concentration_percent", "borrowing_base_percent"):
            term = getattr(limit, name)
            if term is not None and not (0 < term.value < 1 and (term.value * 10000) % 1 == 0):
                problems.append(
                    (
                        (*at, "debtor_limits", index, name),
                        str(term.value),
                        "a fraction above 0 and below 1, to 4 decimals",
                    )
                )
    with_base_cap = [i for i, x in enumerate(rules.debtor_limits) if x.borrowing_base_percent]
    if len(with_base_cap) > 1:
        problems.append(
            (
                (*at, "debtor_limits", with_base_cap[1], "borrowing_base_percent"),
                f"a second borrowing_base_percent (debtor_limits {with_base_cap[0]} has one)",
                "one debtor capped relative to the borrowing base",
            )
        )
    order = rules.order.value
    if sorted(order) != sorted(STANDARD_ORDER):
        problems.append(
            (
                (*at, "order"),
                ", ".join(order),
                "each of " + ", ".join(STANDARD_ORDER) + " once (concentration is always last)",
            )
        )
    for name in ("max_days_from_invoice", "max_days_past_due"):
        term = getattr(rules, name)
        if term is not None and term.value < 0:
            problems.append(((*at, name), str(term.value), "a number of days, 0 or more"))
    return problems
