"""The borrowing base, line cap and availability as of a date.

The borrowing base is written in one of three shapes:
- the ABL letter's shorthand: receivables advance = eligible receivables x rate; inventory
  advance = min(cap, general x rate + each class x its rate) (only with an inventory rate);
- asset classes, each eligible value (a fact item) x its rate, rounded half-up to the cent,
  at most its sublimit (`cap`);
- an amount set by redetermination events (reserve-based lending): the latest one's.
The first two add up their advances and subtract the `deductions` (loans.csv columns or
collateral.csv items), at most the borrowing base's `cap`.

line cap     = min(commitment - deductions also from the commitment, borrowing base)
availability = line cap - revolver outstanding - letters of credit - reserves, each loans
               column once: one the borrowing base deducted is not deducted again

Without a borrowing base the line is the commitment: no advances and no availability figure
(what is drawn is still deducted when a draw request is checked). Without a reporting clause
there is no excess availability to read and no reporting frequency.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from pactum.collateral.rules import BorrowingBaseTerms, Eligibility
from pactum.facts.dated_snapshots import LOAN_COLUMNS, Dated, InForce
from pactum.facts.events import AgreementEvents
from pactum.findings import Trace, Unit, Value
from pactum.kinds.revolver.redetermination import base_in_force
from pactum.kinds.revolver.schema import (
    AvailabilityBasis,
    BorrowingBase,
    CapScope,
    InventoryClass,
    LineCapRule,
    RevolverTerms,
)
from pactum.money import ZERO, cents, money_str
from pactum.terms.values import Term, sources


@dataclass(frozen=True)
class Availability:
    """The figures of one borrowing-base computation, each with its trace."""

    values: tuple[Value, ...]
    line_cap: Decimal
    availability: Decimal
    excess_fraction: Decimal | None  # of the measurement basis; None when zero or no reporting
    reporting_frequency: str | None  # None when the sheet has no reporting clause
    # what the figures were computed from, for a certificate's lines: the collateral amounts
    # read (by fact name), each inventory class's rate and why, and the loans deducted
    collateral: dict[str, Dated | None] = field(default_factory=dict)
    class_rates: dict[str, tuple[Decimal, str]] = field(default_factory=dict)
    loans: dict[str, Dated | None] = field(default_factory=dict)
    # each deduction's amount by its id (read from collateral.csv or loans.csv); the loans
    # columns the borrowing base deducted (availability does not deduct them again)
    deducted: dict[str, Dated | None] = field(default_factory=dict)
    deducted_loans: frozenset[str] = frozenset()

    def get(self, value_id: str) -> Value:
        return next(v for v in self.values if v.id == value_id)


def engine_terms(sheet: RevolverTerms) -> BorrowingBaseTerms:
    """What the collateral engine reads of the sheet: its eligibility rules (the defaults when
    it has no `eligibility:` section) and its inventory classes."""
    classes = sheet.borrowing_base.inventory_classes if sheet.borrowing_base else []
    return BorrowingBaseTerms(sheet.eligibility or Eligibility(), tuple(c.id for c in classes))


def _fact(
    facts: InForce, name: str, on: date, inputs: dict[str, str], read: dict[str, Dated | None]
) -> Decimal:
    dated = facts.in_force(name, on)
    read[name] = dated
    if dated is None:
        inputs[name] = "0.00 (no fact on or before this date)"
        return ZERO
    source = f", {dated.source}" if dated.source else ""
    inputs[name] = f"{money_str(dated.amount)} (as of {dated.as_of.isoformat()}{source})"
    return dated.amount


def class_rate(
    sheet: RevolverTerms, cls: InventoryClass, events: AgreementEvents, on: date
) -> tuple[Decimal, str]:
    """The class's advance rate on a date, and why."""
    if cls.condition is None:
        return cls.rate.value, "no condition"
    met = [
        e
        for e in events.named("consent")
        if e.date <= on and e.data is not None and e.data.condition == cls.condition.value
    ]
    if met:
        return cls.rate.value, f"{cls.condition.value} recorded {met[0].date.isoformat()}"
    assert sheet.borrowing_base is not None  # a class is part of it
    before = cls.rate_before_condition or sheet.borrowing_base.inventory_rate
    assert before is not None  # validation: inventory classes need the general rate
    return before.value, f"{cls.condition.value} not recorded on or before {on.isoformat()}"


def _loans(
    loans: InForce,
    on: date,
    inputs: dict[str, str],
    read: dict[str, Dated | None],
    deducted: frozenset[str] = frozenset(),
) -> Decimal:
    """What is drawn on the line: loans, letters of credit and reserves in force, less the
    columns the borrowing base has already deducted."""
    return sum(
        (_fact(loans, name, on, inputs, read) for name in LOAN_COLUMNS if name not in deducted),
        ZERO,
    )


def commitment_line(sheet: RevolverTerms, loans: InForce, on: date) -> Availability:
    """A facility without a borrowing base: the line is the commitment. What is drawn is
    deducted for a draw request's check and an overadvance, but no availability figure is
    reported: the agreement has no borrowing base to make one."""
    commitment = sheet.commitment.value
    read: dict[str, Dated | None] = {}
    drawn = _loans(loans, on, {}, read)
    line_cap = Value(
        "line_cap",
        commitment,
        Unit.money,
        "Line cap",
        Trace(
            "the commitment (the facility has no borrowing base)",
            {"commitment": money_str(commitment)},
            sources(sheet.commitment),
        ),
    )
    return Availability((line_cap,), commitment, commitment - drawn, None, None, loans=read)


def base_cap(
    sheet: RevolverTerms,
    collateral: InForce,
    on: date,
    eligible: Decimal,
    inventory_advance: Decimal,
    read: dict[str, Dated | None],
) -> Value | None:
    """The eligible accounts of the debtor the sheet caps at p of the borrowing base, beyond
    that cap: None when the sheet caps none.

    The cap is circular (the borrowing base counts the debtor's accounts), so it is solved:
    with r the receivables rate, E the other debtors' eligible accounts and I the inventory
    advance, the debtor's largest allowed amount x satisfies x = p (r (E + x) + I), so
    x = p (r E + I) / (1 - p r), taken down to the cent; then moved a cent at a time until it
    is the largest whole cent with x <= p x (the borrowing base it gives, the receivables
    advance rounded half-up as the sheet rounds it). Each cent more raises the base by r < 1
    cent at most, so one boundary exists and a step or two finds it."""
    limits = sheet.eligibility.receivables.debtor_limits if sheet.eligibility else []
    found = [(k, x) for k, x in enumerate(limits) if x.borrowing_base_percent is not None]
    if not found or sheet.borrowing_base is None:
        return None
    k, limit = found[0]
    assert limit.borrowing_base_percent is not None
    rate = sheet.borrowing_base.receivables_rate
    assert rate is not None  # the shorthand's receivables advance
    p, r = limit.borrowing_base_percent.value, rate.value
    name = f"receivables_eligible:limit:{k}"
    dated = collateral.in_force(name, on)
    read[name] = dated
    debtor = dated.amount if dated is not None else ZERO
    others = eligible - debtor
    cent = Decimal("0.01")

    def base(x: Decimal) -> Decimal:
        return cents(r * (others + x)) + inventory_advance

    if debtor <= p * base(debtor):
        allowed = debtor
    else:
        allowed = (p * (r * others + inventory_advance) / (1 - p * r)).quantize(
            cent, rounding=ROUND_FLOOR
        )
        while allowed > 0 and allowed > p * base(allowed):
            allowed -= cent
        while allowed + cent <= debtor and allowed + cent <= p * base(allowed + cent):
            allowed += cent
    excess = debtor - allowed
    return Value(
        "borrowing_base_cap",
        excess,
        Unit.money,
        f"Receivables of {limit.debtor.value} above {p * 100:f}% of the borrowing base",
        Trace(
            "debtor_eligible - x; x = min(debtor_eligible, p (r E + I) / (1 - p r)) to the "
            "cent below, the largest x with x <= p (round(r (E + x)) + I)",
            {
                "debtor_eligible": money_str(debtor),
                "E (other eligible)": money_str(others),
                "r": str(r),
                "I (inventory advance)": money_str(inventory_advance),
                "p": str(p),
                "x (allowed)": money_str(allowed),
                "borrowing_base": money_str(base(allowed)),
            },
            sources(limit.debtor, limit.borrowing_base_percent, rate),
        ),
    )


def compute(
    sheet: RevolverTerms, collateral: InForce, loans: InForce, events: AgreementEvents, on: date
) -> Availability:
    bb = sheet.borrowing_base
    if bb is None:
        return commitment_line(sheet, loans, on)
    values: list[Value] = []
    read: dict[str, Dated | None] = {}
    rates: dict[str, tuple[Decimal, str]] = {}
    loans_read: dict[str, Dated | None] = {}
    deducted: dict[str, Dated | None] = {}

    if bb.amount_by_redetermination is not None:
        borrowing_base, trace = base_in_force(bb.amount_by_redetermination, events, on)
        values.append(Value("borrowing_base", borrowing_base, Unit.money, "Borrowing base", trace))
    elif bb.classes:
        parts = _class_advances(bb, collateral, on, values, read)
        borrowing_base = _net_base(bb, parts, collateral, loans, on, values, deducted)
    else:
        parts = _shorthand_advances(sheet, bb, collateral, events, on, values, read, rates)
        borrowing_base = _net_base(bb, parts, collateral, loans, on, values, deducted)

    commitment = sheet.commitment.value
    less_commitment = [d for d in bb.deductions if d.from_commitment_too.value]
    commitment_side = commitment - sum((_amount(deducted[d.id]) for d in less_commitment), ZERO)
    side_text = " - ".join(["commitment", *(d.id for d in less_commitment)])
    inputs = {"commitment": money_str(commitment), "borrowing_base": money_str(borrowing_base)}
    inputs |= {d.id: money_str(_amount(deducted[d.id])) for d in less_commitment}
    if bb.line_cap.value is LineCapRule.commitment:
        line_cap = commitment_side
        text = side_text if less_commitment else "commitment"
    else:
        line_cap = min(commitment_side, borrowing_base)
        text = (
            f"lesser of {side_text} and borrowing base"
            if less_commitment
            else bb.line_cap.value.value.replace("_", " ")
        )
    values.append(
        Value(
            "line_cap",
            line_cap,
            Unit.money,
            "Line cap",
            Trace(
                text,
                inputs,
                sources(
                    sheet.commitment, bb.line_cap, *(d.from_commitment_too for d in less_commitment)
                ),
            ),
        )
    )

    deducted_loans = frozenset(d.item for d in bb.deductions if d.item in LOAN_COLUMNS)
    inputs = {"line_cap": money_str(line_cap)}
    availability = line_cap - _loans(loans, on, inputs, loans_read, deducted_loans)
    drawn = [name for name in LOAN_COLUMNS if name not in deducted_loans]
    values.append(
        Value(
            "availability",
            availability,
            Unit.money,
            "Availability",
            Trace(" - ".join(["line_cap", *drawn]), inputs),
        )
    )
    found = Availability(
        (),
        line_cap,
        availability,
        None,
        None,
        read,
        rates,
        loans_read,
        deducted,
        deducted_loans,
    )
    rep = sheet.reporting
    if rep is None:  # no trigger to read availability against
        return replace(found, values=tuple(values))
    values.append(
        Value(
            "excess_availability",
            availability,
            Unit.money,
            "Excess availability",
            Trace("availability", {"availability": money_str(availability)}),
        )
    )

    basis = {
        AvailabilityBasis.line_cap: line_cap,
        AvailabilityBasis.commitment: commitment,
        AvailabilityBasis.borrowing_base: borrowing_base,
    }[rep.measured_against.value]
    excess = availability / basis if basis > 0 else None
    values.append(
        Value(
            "excess_availability_pct",
            excess,
            Unit.percent,
            "Excess availability, % of " + rep.measured_against.value.value.replace("_", " "),
            Trace(
                f"excess_availability / {rep.measured_against.value.value}",
                {
                    "excess_availability": money_str(availability),
                    rep.measured_against.value.value: money_str(basis),
                },
                sources(rep.measured_against),
            ),
        )
    )
    threshold = rep.excess_availability_threshold.value
    if excess is None or excess < threshold:
        frequency = "weekly"
    elif excess > threshold:
        frequency = "monthly"
    else:
        frequency = rep.at_threshold.value
    values.append(
        Value(
            "reporting_frequency",
            frequency,
            Unit.text,
            "Borrowing-base reporting",
            Trace(
                f"monthly above {threshold * 100}% excess availability, weekly below; "
                f"{rep.at_threshold.value} exactly at it",
                {"excess_availability_pct": "n/a" if excess is None else str(excess)},
                sources(rep.excess_availability_threshold, rep.at_threshold),
            ),
        )
    )
    return replace(
        found, values=tuple(values), excess_fraction=excess, reporting_frequency=frequency
    )


def _amount(dated: Dated | None) -> Decimal:
    return dated.amount if dated is not None else ZERO


def _shorthand_advances(
    sheet: RevolverTerms,
    bb: BorrowingBase,
    collateral: InForce,
    events: AgreementEvents,
    on: date,
    values: list[Value],
    read: dict[str, Dated | None],
    rates: dict[str, tuple[Decimal, str]],
) -> list[Value]:
    """The ABL letter's shorthand: a receivables advance and, with an inventory rate, an
    inventory advance over the general inventory and its classes, under the inventory cap."""
    assert bb.receivables_rate is not None  # validation: the shorthand has it
    inventory = _inventory_advance(sheet, bb, collateral, events, on, read, rates)
    inventory_advance = inventory.value if inventory is not None else ZERO
    assert isinstance(inventory_advance, Decimal)
    inputs: dict[str, str] = {}
    receivables = _fact(collateral, "receivables_eligible", on, inputs, read)
    capped = base_cap(sheet, collateral, on, receivables, inventory_advance, read)
    formula = "receivables_eligible x rate"
    if capped is not None:
        values.append(capped)
        assert isinstance(capped.value, Decimal)
        receivables -= capped.value
        inputs["borrowing_base_cap"] = money_str(capped.value)
        formula = "(receivables_eligible - borrowing_base_cap) x rate"
    receivables_advance = cents(receivables * bb.receivables_rate.value)
    inputs["rate"] = str(bb.receivables_rate.value)
    values.append(
        Value(
            "receivables_advance",
            receivables_advance,
            Unit.money,
            "Receivables advance",
            Trace(formula, inputs, sources(bb.receivables_rate)),
        )
    )
    if inventory is None:  # accounts only
        return [values[-1]]
    values.append(inventory)
    return values[-2:]


def _inventory_advance(
    sheet: RevolverTerms,
    bb: BorrowingBase,
    collateral: InForce,
    events: AgreementEvents,
    on: date,
    read: dict[str, Dated | None],
    rates: dict[str, tuple[Decimal, str]],
) -> Value | None:
    """The inventory advance over the general inventory and its classes, under the inventory
    cap; None without an inventory rate (accounts only)."""
    if bb.inventory_rate is None:
        return None
    inputs: dict[str, str] = {}
    general = _fact(collateral, "inventory_eligible", on, inputs, read)
    inputs["inventory_rate"] = str(bb.inventory_rate.value)
    parts = [general * bb.inventory_rate.value]
    formula = ["inventory_eligible x inventory_rate"]
    terms: list[Term[Any] | None] = [bb.inventory_rate]
    for cls in bb.inventory_classes:
        amount = _fact(collateral, f"inventory_eligible:{cls.id}", on, inputs, read)
        rate, why = rates[cls.id] = class_rate(sheet, cls, events, on)
        inputs[f"{cls.id}_rate"] = f"{rate} ({why})"
        parts.append(amount * rate)
        formula.append(f"inventory_eligible:{cls.id} x {cls.id}_rate")
        terms += [cls.rate, cls.condition, cls.rate_before_condition]
    uncapped = sum(parts, ZERO)
    if bb.inventory_cap is not None and bb.inventory_cap_scope.value is CapScope.general_only:
        # only the general part is capped; class advances are added on top
        inventory_advance = min(parts[0], bb.inventory_cap.value) + sum(parts[1:], ZERO)
    elif bb.inventory_cap is not None:
        inventory_advance = min(uncapped, bb.inventory_cap.value)
    else:
        inventory_advance = uncapped
    inventory_advance = cents(inventory_advance)
    text = " + ".join(formula)
    if bb.inventory_cap is not None:
        inputs["inventory_cap"] = money_str(bb.inventory_cap.value)
        text = f"min(inventory_cap, {text})"
        terms += [bb.inventory_cap, bb.inventory_cap_scope]
    return Value(
        "inventory_advance",
        inventory_advance,
        Unit.money,
        "Inventory advance",
        Trace(text, inputs, sources(*terms)),
    )


def _class_advances(
    bb: BorrowingBase,
    collateral: InForce,
    on: date,
    values: list[Value],
    read: dict[str, Dated | None],
) -> list[Value]:
    """Each asset class: its eligible value x its rate, rounded half-up to the cent (the
    rounding point: each class's advance), at most its sublimit. Value `<id>_advance`."""
    found = []
    for cls in bb.classes:
        inputs: dict[str, str] = {}
        eligible = _fact(collateral, cls.item, on, inputs, read)
        inputs["rate"] = str(cls.rate.value)
        uncapped = cents(eligible * cls.rate.value)
        text = f"{cls.item} x rate, rounded half-up to the cent"
        advance = uncapped
        if cls.cap is not None:
            inputs["cap"] = money_str(cls.cap.value)
            advance = min(uncapped, cls.cap.value)
            text = f"min(cap, {text})"
        value = Value(
            f"{cls.id}_advance",
            advance,
            Unit.money,
            f"{cls.title or cls.id.replace('_', ' ').capitalize()} advance",
            Trace(text, inputs, sources(cls.rate, cls.allow_rate_above_100_percent, cls.cap)),
        )
        values.append(value)
        found.append(value)
    return found


def _net_base(
    bb: BorrowingBase,
    parts: list[Value],
    collateral: InForce,
    loans: InForce,
    on: date,
    values: list[Value],
    deducted: dict[str, Dated | None],
) -> Decimal:
    """The advances added up, less the deductions, at most the cap; the `borrowing_base`
    value. It may be negative (deductions above the advances): an overadvance."""
    inputs = {p.id: money_str(p.value) for p in parts if isinstance(p.value, Decimal)}
    total = sum((p.value for p in parts if isinstance(p.value, Decimal)), ZERO)
    for d in bb.deductions:
        read: dict[str, Dated | None] = {}
        source = loans if d.item in LOAN_COLUMNS else collateral
        amount = _fact(source, d.item, on, inputs, read)
        if d.id != d.item:
            inputs[d.id] = inputs.pop(d.item)
        deducted[d.id] = read[d.item]
        total -= amount
    text = " + ".join(p.id for p in parts)
    if bb.deductions:
        text = " - ".join([text, *(d.id for d in bb.deductions)])
    if bb.cap is not None:
        inputs["cap"] = money_str(bb.cap.value)
        total = min(total, bb.cap.value)
        text = f"min(cap, {text})"
    values.append(
        Value(
            "borrowing_base",
            total,
            Unit.money,
            "Borrowing base",
            Trace(
                text,
                inputs,
                (
                    *(r for d in bb.deductions if (r := d.source_ref()) is not None),
                    *sources(bb.cap),
                ),
            ),
        )
    )
    return total
