"""Checks of a revolver sheet beyond its schema: the parts it has hold together (none reads a
part the sheet does not have), and so do its definitions and covenants."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from pactum.collateral.rules import STANDARD_ORDER
from pactum.definitions import DefinitionSet
from pactum.expressions import ExpressionError
from pactum.facts.dated_snapshots import LOAN_COLUMNS
from pactum.financial_tests.validation import definition_set as financial_definitions
from pactum.financial_tests.validation import test_problems
from pactum.kinds.revolver.schema import RevolverTerms
from pactum.terms.named_dates import RuleTerm
from pactum.terms.sheet import TermSheet

Found = tuple[tuple[str | int, ...], str, str]

CENTURY = 100  # years: no facility runs longer, and a later maturity is a typo


def definition_set(sheet: RevolverTerms) -> DefinitionSet:
    return financial_definitions(sheet.financial_items, sheet.definitions)


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
    problems += test_problems(sheet.covenants, definitions, set(header.dates), ("covenants",))
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
    return problems + _eligibility_problems(sheet) + borrowing_base_problems(sheet)


ENGINE_ITEMS = ("receivables_eligible", "inventory_eligible")
DEDUCTIBLE_LOANS = tuple(c for c in LOAN_COLUMNS if c != "revolver_outstanding")


def borrowing_base_problems(sheet: RevolverTerms) -> list[Found]:
    """One shape of borrowing base; class rates up to 100% unless the sheet allows more; the
    items classes and deductions read are known (the engine's, loans.csv's deductible
    columns, or declared in `collateral_items`), so a misspelt one is refused, not read as 0."""
    bb = sheet.borrowing_base
    if bb is None:
        return []
    at = ("borrowing_base",)
    shorthand = bb.receivables_rate is not None or bb.inventory_rate is not None
    shapes = [
        name
        for name, present in (
            ("receivables_rate", shorthand),
            ("classes", bool(bb.classes)),
            ("amount_by_redetermination", bb.amount_by_redetermination is not None),
        )
        if present
    ]
    if len(shapes) != 1:
        return [
            (
                at,
                " and ".join(shapes) if shapes else "no advance rates or amount",
                "one of receivables_rate (with inventory_rate), classes, amount_by_redetermination",
            )
        ]
    problems: list[Found] = []
    inventory_parts = bool(bb.inventory_classes) or bb.inventory_cap is not None
    if shorthand and bb.receivables_rate is None:
        problems.append(((*at, "receivables_rate"), "missing", "the receivables advance rate"))
    if inventory_parts and bb.inventory_rate is None:
        problems.append(
            (
                (*at, "inventory_rate"),
                "inventory classes or an inventory cap without it",
                "the general inventory rate",
            )
        )
    if bb.amount_by_redetermination is not None:
        for name in ("deductions", "cap", "collateral_items"):
            if getattr(bb, name):
                problems.append(
                    ((*at, name), f"{name} with amount_by_redetermination", "the amount alone")
                )
    declared = set(bb.collateral_items)
    engine = set(ENGINE_ITEMS) | {f"inventory_eligible:{c.id}" for c in bb.inventory_classes}
    problems += _unique(bb.classes, (*at, "classes")) + _unique(bb.deductions, (*at, "deductions"))
    for i, cls in enumerate(bb.classes):
        where = (*at, "classes", i)
        allowed = cls.allow_rate_above_100_percent
        if cls.rate.value > 1 and not (allowed is not None and allowed.value):
            problems.append(
                (
                    (*where, "rate"),
                    f"{cls.rate.value} (above 100%)",
                    "a rate from 0 to 1 (1 is 100%), or allow_rate_above_100_percent: true "
                    "cited from the agreement",
                )
            )
        if cls.item not in engine | declared:
            problems.append(
                (
                    (*where, "item"),
                    f"unknown fact item {cls.item!r}",
                    "receivables_eligible, inventory_eligible or an item listed in "
                    "borrowing_base.collateral_items",
                )
            )
    for i, deduction in enumerate(bb.deductions):
        if deduction.item not in engine | declared | set(DEDUCTIBLE_LOANS):
            problems.append(
                (
                    (*at, "deductions", i, "item"),
                    f"unknown fact item {deduction.item!r}",
                    "a loans.csv column (" + ", ".join(DEDUCTIBLE_LOANS) + ") or an item "
                    "listed in borrowing_base.collateral_items",
                )
            )
    return problems


def _unique(parts: Any, at: tuple[str | int, ...]) -> list[Found]:
    seen: set[str] = set()
    problems: list[Found] = []
    for i, part in enumerate(parts):
        if part.id in seen:
            problems.append(((*at, i, "id"), f"{part.id!r} again", "ids unique in the list"))
        seen.add(part.id)
    return problems


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
