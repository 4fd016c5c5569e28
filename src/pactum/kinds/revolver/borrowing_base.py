"""The borrowing base, line cap and availability as of a date.

receivables advance = eligible receivables x rate
inventory advance   = min(cap, general x rate + each class x its rate)
borrowing base      = receivables advance + inventory advance
line cap            = min(commitment, borrowing base)
availability        = line cap - revolver outstanding - letters of credit - reserves

Without a borrowing base the line is the commitment: no advances and no availability figure
(what is drawn is still deducted when a draw request is checked). Without a reporting clause
there is no excess availability to read and no reporting frequency.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from pactum.collateral.rules import BorrowingBaseTerms, Eligibility
from pactum.facts.dated_snapshots import Dated, InForce
from pactum.facts.events import AgreementEvents
from pactum.findings import Trace, Unit, Value
from pactum.kinds.revolver.schema import (
    AvailabilityBasis,
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
    return before.value, f"{cls.condition.value} not recorded on or before {on.isoformat()}"


def _loans(
    loans: InForce, on: date, inputs: dict[str, str], read: dict[str, Dated | None]
) -> Decimal:
    """What is drawn on the line: loans, letters of credit and reserves in force."""
    outstanding = _fact(loans, "revolver_outstanding", on, inputs, read)
    letters = _fact(loans, "letters_of_credit", on, inputs, read)
    reserves = _fact(loans, "reserves", on, inputs, read)
    return outstanding + letters + reserves


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
    p, r = limit.borrowing_base_percent.value, sheet.borrowing_base.receivables_rate.value
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
            sources(
                limit.debtor, limit.borrowing_base_percent, sheet.borrowing_base.receivables_rate
            ),
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
    inventory_value = Value(
        "inventory_advance",
        inventory_advance,
        Unit.money,
        "Inventory advance",
        Trace(text, inputs, sources(*terms)),
    )

    inputs = {}
    receivables = _fact(collateral, "receivables_eligible", on, inputs, read)
    capped = base_cap(sheet, collateral, on, receivables, inventory_advance, read)
    if capped is not None:
        values.append(capped)
        assert isinstance(capped.value, Decimal)
        receivables -= capped.value
        inputs["borrowing_base_cap"] = money_str(capped.value)
    receivables_advance = cents(receivables * bb.receivables_rate.value)
    inputs["rate"] = str(bb.receivables_rate.value)
    receivables_formula = "receivables_eligible x rate"
    if capped is not None:
        receivables_formula = "(receivables_eligible - borrowing_base_cap) x rate"
    values.append(
        Value(
            "receivables_advance",
            receivables_advance,
            Unit.money,
            "Receivables advance",
            Trace(receivables_formula, inputs, sources(bb.receivables_rate)),
        )
    )
    values.append(inventory_value)

    borrowing_base = receivables_advance + inventory_advance
    values.append(
        Value(
            "borrowing_base",
            borrowing_base,
            Unit.money,
            "Borrowing base",
            Trace(
                "receivables_advance + inventory_advance",
                {
                    "receivables_advance": money_str(receivables_advance),
                    "inventory_advance": money_str(inventory_advance),
                },
            ),
        )
    )

    commitment = sheet.commitment.value
    if bb.line_cap.value is LineCapRule.commitment:
        line_cap = commitment
    else:
        line_cap = min(commitment, borrowing_base)
    values.append(
        Value(
            "line_cap",
            line_cap,
            Unit.money,
            "Line cap",
            Trace(
                bb.line_cap.value.value.replace("_", " "),
                {"commitment": money_str(commitment), "borrowing_base": money_str(borrowing_base)},
                sources(sheet.commitment, bb.line_cap),
            ),
        )
    )

    inputs = {"line_cap": money_str(line_cap)}
    availability = line_cap - _loans(loans, on, inputs, loans_read)
    values.append(
        Value(
            "availability",
            availability,
            Unit.money,
            "Availability",
            Trace("line_cap - revolver_outstanding - letters_of_credit - reserves", inputs),
        )
    )
    rep = sheet.reporting
    if rep is None:  # no trigger to read availability against
        return Availability(
            tuple(values), line_cap, availability, None, None, read, rates, loans_read
        )
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
    return Availability(
        tuple(values), line_cap, availability, excess, frequency, read, rates, loans_read
    )
