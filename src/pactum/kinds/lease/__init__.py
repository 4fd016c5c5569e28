"""The `lease` kind: a lease or lease amendment, computed for any month of its term.

The rent schedule (spaces, lease years, the due day) is every lease's; abatements and the
proportionate share (and with it operating expenses) add their findings only when the sheet
has them. An option on a space is an `options` clause of the sheet, reading the lease's space
events.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from pactum.clauses.api import (
    Agreement,
    AgreementFindings,
    ClauseContext,
    ClauseFindings,
    ClauseType,
    EventProblem,
    Portfolio,
    Reconciliation,
    TermProblem,
    TermSheet,
)
from pactum.facts.events import Event
from pactum.facts.opex import Opex
from pactum.findings import (
    Alert,
    Obligation,
    Severity,
    Trace,
    Unit,
    Value,
    by_severity,
)
from pactum.kinds.lease.accounting import at_commencement, straight_line
from pactum.kinds.lease.allowances import allowance_state, draws_of, monthly_repayment, repaid_in
from pactum.kinds.lease.expenses import last_closed, month_share, pool_estimate
from pactum.kinds.lease.first_refusal import refusals, release_text
from pactum.kinds.lease.lease_facts import LeaseFacts, lease_facts, load_lease_facts
from pactum.kinds.lease.lease_years import LeaseYears
from pactum.kinds.lease.obligations import obligations
from pactum.kinds.lease.opex import monthly_estimate, reconcile_year
from pactum.kinds.lease.premises import remeasured_in_force, remeasurement_terms
from pactum.kinds.lease.purchase import purchase_price
from pactum.kinds.lease.reconcile import reconcile
from pactum.kinds.lease.renewals import lease_on
from pactum.kinds.lease.rent_roll import (
    RentMonth,
    RollFacts,
    abatement_terms,
    covered,
    oversized_abatements,
    rent_basis,
    rent_roll,
)
from pactum.kinds.lease.schema import EVENTS, LeaseTerms
from pactum.kinds.lease.share import share_step_at
from pactum.kinds.lease.space_rent import space_roll
from pactum.kinds.lease.tenant_default import DefaultPeriod, default_periods, in_default_on
from pactum.kinds.lease.validation import validate, validate_events
from pactum.money import ZERO, money_display, money_str
from pactum.terms.values import sources

if TYPE_CHECKING:
    from pactum.charts import Chart
    from pactum.document import Document

OBLIGATION_HORIZON = timedelta(days=365)


def evaluate(ctx: ClauseContext[LeaseTerms]) -> ClauseFindings:
    agreement, as_of = ctx.agreement, ctx.as_of
    calendar = agreement.calendar()
    events = ctx.events()
    # with the renewals exercised and the market rents determined by the as-of date
    sheet = lease_on(ctx.terms, agreement, ctx.dates, events)
    defaults = default_periods(events, as_of)
    month = as_of.replace(day=1)
    facts = lease_facts(ctx.facts())
    roll_facts = RollFacts(facts.opex, agreement.id, draws_of(events, as_of))
    roll = rent_roll(sheet, defaults, as_of=as_of, indexes=facts.indexes, expenses=roll_facts)
    # the as-of month's line of the roll; none outside the term
    line = next((m for m in roll if m.month == month), None)
    values = _tenant_values(sheet)
    values += _rent_values(sheet, line, month)
    values += _space_rent_values(sheet, month)
    values += _expense_abatement_values(sheet, line, month)
    allowance_values, allowance_alerts = _allowance_values(sheet, line, events, as_of)
    values += allowance_values
    values += _purchase_values(sheet, events, as_of)
    values += _share_values(sheet, agreement.id, facts.opex, as_of)
    values += _expense_values(sheet, agreement.id, facts.opex, as_of)
    values += _accounting_values(sheet, month, defaults, as_of, facts, roll_facts, roll)

    alerts: list[Alert] = list(allowance_alerts)
    for refusal in refusals(ctx.terms, agreement, ctx.dates, events):
        released = release_text(refusal, as_of)
        if released is not None:
            days = refusal.right.released_days
            alerts.append(Alert(Severity.info, released, days.source_ref() if days else None))
    default = in_default_on(defaults, as_of)
    if default is not None:
        alerts.append(Alert(Severity.critical, f"The {default.describe()}."))
    if line is not None and line.abatement_lost:
        alerts.append(
            Alert(
                Severity.warning,
                f"{money_display(line.scheduled_abatement)} abatement for {month:%B %Y} "
                f"{_what_befell(line.abatement_lost)}.",
                (sheet.abatement_on_default or sheet.abatement_condition).source_ref(),
            )
        )
    if line is not None and line.unknown:
        alerts.append(
            Alert(
                Severity.warning,
                f"{line.unknown}; the base rent for {month:%B %Y} is not known.",
            )
        )
    if line is not None and line.escalation is not None and line.escalation.missing:
        alerts.append(
            Alert(
                Severity.warning,
                f"The index escalation of lease year {line.lease_year_number} cannot be computed: "
                f"{line.escalation.missing}; the base rent for {month:%B %Y} is not known.",
                sheet.index_escalation.series.source_ref() if sheet.index_escalation else None,
            )
        )
    clawback = next((m.clawback for m in roll if m.clawback and m.month <= month), None)
    if clawback is not None:
        alerts.append(
            Alert(
                Severity.critical,
                f"Abatement clawed back on the default of {clawback.default.start.isoformat()}: "
                f"{money_display(clawback.amount)} due at once, with "
                f"{money_display(clawback.interest)} interest to {as_of.isoformat()}.",
                sheet.clawback_interest_rate.source_ref() if sheet.clawback_interest_rate else None,
            )
        )
    for abatement, abated_month, stated, installment in oversized_abatements(sheet, facts.indexes):
        alerts.append(
            Alert(
                Severity.warning,
                f"The abatement for {abated_month:%B %Y}, "
                f"{money_display(stated)}, is more than the month's base rent of "
                f"{money_display(installment)}: only the rent abates, and the amount is doubtful.",
                abatement.amount.source_ref()
                if abatement.amount
                else (abatement.period_term() or abatement.rate or sheet.rent_due_day).source_ref(),
            )
        )
    found = obligations(sheet, calendar, roll, as_of, as_of + OBLIGATION_HORIZON)
    return ClauseFindings(
        values=tuple(values),
        obligations=tuple(found),
        alerts=by_severity(alerts),
    )


def obligations_between(ctx: ClauseContext[LeaseTerms], start: date, end: date) -> list[Obligation]:
    """Every obligation due from `start` to `end`: defaults known at `as_of` apply."""
    as_of, events = ctx.as_of, ctx.events()
    sheet = lease_on(ctx.terms, ctx.agreement, ctx.dates, events)
    facts = lease_facts(ctx.facts())
    expenses = RollFacts(facts.opex, ctx.agreement.id, draws_of(events, as_of))
    roll = rent_roll(
        sheet, default_periods(events, as_of), start, end, as_of, facts.indexes, expenses
    )
    return obligations(sheet, ctx.calendar, roll, start, end)


def _tenant_values(sheet: LeaseTerms) -> list[Value]:
    """The tenant in force (the clause's version on the as-of date: an assignment's consent
    names the assignee from its effective date); nothing when the sheet does not name one."""
    if sheet.tenant is None:
        return []
    return [
        Value(
            "tenant",
            sheet.tenant.value,
            Unit.text,
            "Tenant",
            Trace(
                "the tenant the lease names, as its instruments stand", {}, sources(sheet.tenant)
            ),
        )
    ]


def _what_befell(why: str) -> str:
    """'abatement lost: tenant in default ...' -> 'lost: tenant in default ...'."""
    return why.removeprefix("abatement ")


def _rent_values(sheet: LeaseTerms, line: RentMonth | None, month: date) -> list[Value]:
    abates = bool(sheet.abatements)  # no abatement figure for a lease without abatements
    if line is None:
        note = f"{month:%Y-%m} is outside the rent schedule's term"
        return [
            Value(name, None, Unit.money, label, Trace(note))
            for name, label in (
                ("base_rent", "Base rent installment"),
                ("abatement", "Abatement"),
                ("base_rent_due", "Base rent due"),
            )
            if abates or name != "abatement"
        ]
    year = next(y for y in sheet.lease_years if y.id == line.lease_year)
    rent_terms = sources(year.rent_term(), *rent_basis(sheet, year))
    unknown = line.unknown or (
        f"lease year {line.lease_year_number}: {line.escalation.describe()}"
        if line.escalation is not None and line.escalation.missing
        else ""
    )
    if unknown:
        # not a silent zero, nor the old rent passed off as the new one
        note = unknown
        return [
            Value(name, None, Unit.money, label, Trace(note, {}, rent_terms))
            for name, label in (
                ("base_rent", f"Base rent installment for {month:%B %Y}"),
                ("abatement", "Abatement"),
                ("base_rent_due", "Base rent due"),
            )
            if abates or name != "abatement"
        ]
    inputs = {
        "lease_year": f"lease year {line.lease_year_number}",  # words: the id is for machines
        **({"rate": f"{line.rate} per sf"} if line.rate is not None else {}),
        "area": f"{line.area:,} sf",
        "annual": money_str(line.annual_rent),
    }
    remeasured = line.remeasured or remeasured_in_force(sheet, line.month)
    if remeasured:
        inputs["remeasured"] = remeasured
        rent_terms = (*rent_terms, *sources(*remeasurement_terms(sheet, line.month)))
    paid = "in arrears" if sheet.rent_paid.value == "in_arrears" else "in advance"
    formula = f"{line.formula}, due {paid} on {line.due.isoformat()}"
    if line.escalation is not None:
        found = line.escalation
        assert found.current is not None and found.beginning is not None
        inputs["current_index"] = (
            f"{found.current.value} ({found.current_month:%Y-%m}, {found.current.where})"
        )
        inputs["beginning_index"] = (
            f"{found.beginning.value} ({found.beginning_month:%Y-%m}, {found.beginning.where})"
        )
        inputs["escalation"] = str(found.applied)
    if line.prorated:
        inputs["days"] = f"{line.days} of {line.month_days} days in the term"
        inputs["proration"] = line.proration
        formula = f"{formula}; a partial month, prorated"
    abated = sources(*abatement_terms(sheet, line))
    base_rent = Value(
        "base_rent",
        line.base_rent,
        Unit.money,
        f"Base rent installment for {month:%B %Y}",
        Trace(
            formula,
            inputs,
            (
                *rent_terms,
                *sources(
                    sheet.rent_due_day,
                    *([sheet.rent_paid] if sheet.rent_paid.value == "in_arrears" else []),
                    *([sheet.proration] if line.prorated else []),
                ),
            ),
        ),
    )
    if not abates:
        return [
            base_rent,
            Value(
                "base_rent_due",
                line.base_rent_due,
                Unit.money,
                "Base rent due",
                Trace(
                    "base_rent (the lease has no abatement)",
                    {"base_rent": money_str(line.base_rent)},
                ),
            ),
        ]
    return [
        base_rent,
        Value(
            "abatement",
            line.abatement,
            Unit.money,
            "Abatement",
            Trace(
                line.abatement_lost
                or "the month's scheduled abatement, if the tenant is not in default",
                {
                    "scheduled": money_str(line.scheduled_abatement),
                    **({"abatements": str(line.abated_by)} if _named(sheet) else {}),
                    **({"reinstated": money_str(line.reinstated)} if line.reinstated else {}),
                    **({"end_credit": money_str(line.end_credit)} if line.end_credit else {}),
                },
                (*abated, *sources(sheet.abatement_condition, sheet.abatement_on_default)),
            ),
        ),
        Value(
            "base_rent_due",
            line.base_rent_due,
            Unit.money,
            "Base rent due",
            Trace(
                "base_rent - abatement",
                {"base_rent": money_str(line.base_rent), "abatement": money_str(line.abatement)},
            ),
        ),
    ]


def _space_rent_values(sheet: LeaseTerms, month: date) -> list[Value]:
    """The month's rent of each space leased with its own rent, beside the base rent."""
    if not any(s.own_rent is not None for s in sheet.spaces):
        return []
    years = LeaseYears.of(sheet)
    found = []
    for line in space_roll(sheet, years.end if years.periods else None):
        if line.month != month:
            continue
        paid = "in arrears" if sheet.rent_paid.value == "in_arrears" else "in advance"
        formula = f"{line.formula}, due {paid} on {line.due.isoformat()}"
        if line.prorated:
            formula = f"{formula}; a partial month, prorated"
        found.append(
            Value(
                f"space_rent_{line.space.id}",
                line.amount,
                Unit.money,
                f"Rent of {line.space.title or line.space.id} for {month:%B %Y}",
                Trace(formula, line.inputs(), sources(*line.terms(sheet))),
            )
        )
    return found


def _expense_abatement_values(
    sheet: LeaseTerms, line: RentMonth | None, month: date
) -> list[Value]:
    """The month's abatement of the expense pools' estimates, for a lease with one."""
    if not any(covered(sheet, a)[1] for a in sheet.abatements):
        return []
    if line is None or not line.expenses:
        why = (
            f"{month:%Y-%m} is outside the rent schedule's term"
            if line is None
            else "no estimate of the pools for the month in opex.csv"
        )
        return [Value("expense_abatement", None, Unit.money, "Expense abatement", Trace(why))]
    covering = [a for a in sheet.abatements if covered(sheet, a)[1]]
    excepted = [
        item for a in covering if a.except_items is not None for item in a.except_items.value
    ]
    return [
        Value(
            "expense_abatement",
            line.expense_abatement,
            Unit.money,
            f"Expense abatement for {month:%B %Y}",
            Trace(
                line.abatement_lost
                or "each covered pool's monthly estimate x the abatement's part of the premises, "
                "half-up to the cent, if the tenant is not in default",
                {
                    "estimates": "; ".join(f"{p} {money_str(a)}" for p, a in line.expenses),
                    "scheduled": money_str(line.scheduled_expense_abatement),
                    **(
                        {"abatements": str(line.expense_abated_by)}
                        if line.expense_abated_by
                        else {}
                    ),
                    **({"not abated": ", ".join(excepted)} if excepted else {}),
                    "expenses_due": money_str(line.expenses_due),
                },
                sources(
                    *(a.covers for a in covering),
                    *(a.except_items for a in covering),
                    *(a.area for a in covering),
                    sheet.abatement_condition,
                    sheet.abatement_on_default,
                ),
            ),
        )
    ]


def _allowance_values(
    sheet: LeaseTerms, line: RentMonth | None, events: list[Event], as_of: date
) -> tuple[list[Value], list[Alert]]:
    """Each allowance: its amount, drawn, remaining, unused once expired, and the month's
    repayment when amortised; a draw after the expiry is a warning and does not count."""
    values: list[Value] = []
    alerts: list[Alert] = []
    draws = draws_of(events, as_of)
    for allowance in sheet.allowances:
        state = allowance_state(sheet, allowance, draws, as_of)
        name = f"allowance-{allowance.id}"
        title = allowance.title or allowance.id
        terms = sources(allowance.amount, allowance.per_sf, allowance.area)
        expiry = sources(allowance.expires, allowance.unused)
        values += [
            Value(name, state.amount, Unit.money, title, Trace(state.formula, {}, terms)),
            Value(
                f"{name}-drawn",
                state.drawn,
                Unit.money,
                f"{title}: drawn",
                Trace(
                    "the allowance_drawn events by the as-of date"
                    + (
                        f", on or before {allowance.expires.value.isoformat()}"
                        if allowance.expires
                        else ""
                    ),
                    {
                        d.where: f"{d.day.isoformat()} {money_str(d.amount)}"
                        for d in draws
                        if d.allowance == allowance.id
                    },
                ),
            ),
            Value(
                f"{name}-remaining",
                state.remaining,
                Unit.money,
                f"{title}: may still be drawn",
                Trace(
                    "nothing: expired" if state.expired else "amount - drawn",
                    {"amount": money_str(state.amount), "drawn": money_str(state.drawn)},
                    expiry,
                ),
            ),
        ]
        if state.expired:
            fate = (
                "credited against the base rent due after the expiry"
                if allowance.unused.value == "rent_credit"
                else "forfeited"
            )
            values.append(
                Value(
                    f"{name}-unused",
                    state.unused,
                    Unit.money,
                    f"{title}: not drawn by the expiry, {fate}",
                    Trace("amount - drawn", {"amount": money_str(state.amount)}, expiry),
                )
            )
        for draw in state.late:
            alerts.append(
                Alert(
                    Severity.warning,
                    f"{title}: {money_display(draw.amount)} drawn on {draw.day.isoformat()}, "
                    f"after the allowance expired ({draw.where}); not counted.",
                    allowance.expires.source_ref() if allowance.expires else None,
                )
            )
        if allowance.amortised is not None:
            amortised = allowance.amortised
            payment = monthly_repayment(state.amount, amortised.rate.value, amortised.months.value)
            repaid = line is not None and repaid_in(sheet, allowance, line.month)
            values.append(
                Value(
                    f"{name}-repayment",
                    payment if repaid else ZERO,
                    Unit.money,
                    f"{title}: repaid as additional rent this month",
                    Trace(
                        "round(amount x i / (1 - (1 + i)^-months)), i = rate / 12, half-up to "
                        "the cent" + ("" if repaid else "; not a month of the repayment"),
                        {
                            "amount": money_str(state.amount),
                            "rate": str(amortised.rate.value),
                            "months": str(amortised.months.value),
                            "monthly": money_str(payment),
                        },
                        sources(amortised.rate, amortised.months, amortised.start),
                    ),
                )
            )
    return values, alerts


def _purchase_values(sheet: LeaseTerms, events: list[Event], as_of: date) -> list[Value]:
    """Each purchase option's price under its rule, None until its figures are recorded."""
    values = []
    for rule in sheet.purchase_prices:
        price = purchase_price(rule, events, as_of)
        values.append(
            Value(
                f"purchase-price-{rule.option}",
                price.amount,
                Unit.money,
                f"Purchase price under option {rule.option}",
                Trace(
                    price.formula,
                    price.inputs,
                    sources(*(t.times for t in rule.greater_of), rule.less),
                ),
            )
        )
    return values


def _named(sheet: LeaseTerms) -> bool:
    """Whether the month's abatements are worth naming: any beyond single stated months."""
    return any(a.month is None or a.id for a in sheet.abatements) or bool(
        sheet.abatement_on_default
    )


def _share_values(
    sheet: LeaseTerms, agreement_id: str, opex: Opex | None, as_of: date
) -> list[Value]:
    if not sheet.proportionate_share:  # no share: neither share nor operating expenses
        return []
    step = share_step_at(sheet, as_of)
    values = [
        Value(
            "proportionate_share",
            step.share.value if step else None,
            Unit.percent,
            "Proportionate share of building expenses",
            Trace(
                f"in force from {step.start.value.isoformat()}" if step else "no share in force",
                {},
                sources(step.share, step.start) if step else (),
            ),
        )
    ]
    if sheet.expenses:  # the pools' own figures replace the single pass-through
        return values
    year = opex.year(agreement_id, as_of.year) if opex else None
    if year is not None:
        estimate = monthly_estimate(sheet, year, as_of.replace(day=1))
        values.append(
            Value(
                "opex_estimate",
                estimate,
                Unit.money,
                f"Operating-expense estimate for {as_of:%B %Y}",
                Trace(
                    "round(estimated building expenses / 12 x share)",
                    {"estimated": money_str(year.estimated), "source": year.where},
                ),
            )
        )
    closed = [y for y in opex.closed_years(agreement_id) if y.year < as_of.year] if opex else []
    if closed:
        result = reconcile_year(sheet, closed[-1])
        assert result.balance is not None and result.actual_share is not None
        values.append(
            Value(
                "opex_reconciliation",
                result.balance,
                Unit.money,
                f"Operating-expense reconciliation for {result.year} (+ owed by tenant)",
                Trace(
                    "round(actual x average monthly share) - estimates billed",
                    {
                        "actual": money_str(closed[-1].actual or ZERO),
                        "average_share": str(result.average_share),
                        "actual_share": money_str(result.actual_share),
                        "estimates_billed": money_str(result.estimates_billed),
                        "source": closed[-1].where,
                    },
                ),
            )
        )
    return values


def _expense_values(sheet: LeaseTerms, agreement_id: str, opex: Opex, as_of: date) -> list[Value]:
    """Each pool's share, the month's estimate and the last closed year's charge and balance."""
    values: list[Value] = []
    month = as_of.replace(day=1)
    for pool in sheet.expenses:
        name = f"expenses_{pool.pool}"
        terms = sources(pool.share, pool.base_year, pool.base_amount, pool.stop_per_sf)
        share = month_share(sheet, pool, month)
        values.append(
            Value(
                f"{name}_share",
                share,
                Unit.percent,
                f"Share of {pool.pool} expenses for {month:%B %Y}",
                Trace(
                    "the pool's share" if pool.share else "the proportionate share in force",
                    {},
                    sources(pool.share, pool.payments_start),
                ),
            )
        )
        estimate = pool_estimate(opex, agreement_id, sheet, pool, month)
        if estimate is not None:
            values.append(
                Value(
                    f"{name}_estimate",
                    estimate,
                    Unit.money,
                    f"Estimated {pool.pool} expenses for {month:%B %Y}",
                    Trace(
                        "round(max(0, estimated - base) / 12 x share), half-up to the cent",
                        {"share": str(share)},
                        terms,
                    ),
                )
            )
        closed = last_closed(opex, agreement_id, sheet, pool, as_of.year)
        if closed is None:
            continue
        counted = closed.counted
        inputs = {
            "counted": money_str(counted.total),
            "base": f"{money_str(closed.base)} ({closed.base_text})",
            "excess": money_str(closed.excess),
            "average_share": str(closed.average_share),
            "source": ", ".join(counted.sources),
        }
        if counted.limit is not None and counted.controllable is not None:
            inputs["controllable"] = money_str(counted.controllable)
            inputs["controllable_limit"] = money_str(counted.limit)
        cap = pool.controllable_cap
        cap_terms = sources(cap.rate, cap.cumulative, cap.compounding) if cap else ()
        values.append(
            Value(
                f"{name}_charge",
                closed.charge,
                Unit.money,
                f"The tenant's {pool.pool} expenses for {closed.year}",
                Trace(
                    "round(max(0, counted - base) x average monthly share), half-up to the cent"
                    + ("; controllable expenses counted up to the cap's limit" if cap else ""),
                    inputs,
                    (*terms, *cap_terms),
                ),
            )
        )
        values.append(
            Value(
                f"{name}_reconciliation",
                closed.balance,
                Unit.money,
                f"{pool.pool.capitalize()} expense reconciliation for {closed.year} "
                "(+ owed by tenant)",
                Trace(
                    "charge - estimates billed",
                    {
                        "charge": money_str(closed.charge),
                        "estimates_billed": money_str(closed.estimates_billed),
                    },
                ),
            )
        )
    return values


def _accounting_values(
    sheet: LeaseTerms,
    month: date,
    defaults: list[DefaultPeriod],
    as_of: date,
    facts: LeaseFacts,
    roll_facts: RollFacts,
    roll: list[RentMonth],
) -> list[Value]:
    """The month's straight-line rent (the term as signed) and the deferred-rent balance after
    it (against the rent due with the defaults known), an indexed rent measured with the index
    at commencement (ASC 842-10-30-5(b)); `roll`: the term's roll as the facts have it."""
    measured = at_commencement(sheet, facts.indexes)
    scheduled = rent_roll(sheet, [], indexes=measured)
    # without an index escalation the rent measured at commencement is the roll's own
    paid = (
        roll
        if measured is facts.indexes
        else rent_roll(sheet, defaults, as_of=as_of, indexes=measured, expenses=roll_facts)
    )
    for entry in straight_line(scheduled, paid):
        if entry.month == month:
            return [
                Value(
                    "straight_line_rent",
                    entry.straight_line,
                    Unit.money,
                    "Straight-line rent for the month",
                    Trace(
                        "scheduled payments over the term / months (last month takes the remainder)",
                        {"months": str(len(scheduled))},
                    ),
                ),
                Value(
                    "deferred_rent_balance",
                    entry.deferred_rent,
                    Unit.money,
                    "Deferred-rent balance after the month",
                    Trace(
                        "straight-line expense to date - payments to date (a lost abatement "
                        "is paid)",
                        {"payment": money_str(entry.payment)},
                    ),
                ),
            ]
    return []


class Lease(ClauseType[LeaseTerms]):
    name = "lease"
    description = (
        "An office or industrial lease or amendment: spaces, lease years, rent roll, "
        "abatements, operating-expense share, straight-line rent."
    )
    schema = LeaseTerms
    events = EVENTS
    # how leases write an indexed rent and the period its index is compared with, and what a
    # default does to an abatement
    written_as: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "indexed": ("increase annually", "adjusted annually", "index", "CPI"),
        "prior_period": ("prior Lease Year", "preceding Lease Year", "prior year"),
        "year_before": ("a year earlier", "preceding year", "prior year"),
        "not_in_default_on_due_date": ("does not exist on the due date", "on the due date"),
        "suspended": ("reinstated",),
        # proration as leases write it: "a fraction, the numerator of which is the number of
        # days"; "1/365th of the annual Base Rent for each day"
        "days_in_month": ("number of days", "days in such month", "days in the month"),
        "annual_365": ("1/365", "365"),
        "clawed_back": ("unamortized", "unamortised", "immediately due", "repay"),
        "credit_at_end": ("credit", "credited"),
        "in_arrears": ("in arrears",),
        "in_advance": ("in advance",),
        # what an abatement covers, as leases name the items of rent
        "base_rent": ("Base Rent", "Basic Rent", "Monthly Base Rent", "Net Rental", "rent"),
        "operating": ("Operating Expenses", "Operating Costs", "operating expenses", "CAM"),
        "taxes": ("Taxes", "Real Estate Taxes", "taxes"),
        "all_rent": ("all Rent", "all rent", "Base Rent and Additional Rent", "Rent"),
    }

    def validate(self, terms: LeaseTerms, header: TermSheet) -> Sequence[TermProblem]:
        return validate(terms, header)

    def load_facts(self, folder: Path) -> LeaseFacts:
        return load_lease_facts(folder)

    def validate_events(self, terms: LeaseTerms, events: list[Event]) -> Sequence[EventProblem]:
        return validate_events(terms, events)

    def reconcile(self, terms: LeaseTerms) -> Sequence[Reconciliation]:
        return reconcile(terms)

    def evaluate(self, ctx: ClauseContext[LeaseTerms]) -> ClauseFindings:
        return evaluate(ctx)

    def term_end(self, ctx: ClauseContext[LeaseTerms]) -> tuple[date, str] | None:
        """The last lease year's last day (an exercised extension's, once its instrument is in
        force); None while the commencement waits on an event."""
        # a renewal exercised under the sheet's `renewals` extends it too
        sheet = lease_on(ctx.terms, ctx.agreement, ctx.dates, ctx.events())
        years = LeaseYears.of(sheet)
        return (years.end, "the end of the lease term") if years.periods else None

    def obligations_between(
        self, ctx: ClauseContext[LeaseTerms], start: date, end: date
    ) -> Sequence[Obligation]:
        return obligations_between(ctx, start, end)

    def charts(
        self, ctx: ClauseContext[LeaseTerms], findings: AgreementFindings
    ) -> Sequence[Chart]:
        from pactum.kinds.lease.series import rent_chart, rent_series

        return [rent_chart(rent_series(ctx))]

    def documents(
        self, ctx: ClauseContext[LeaseTerms], findings: AgreementFindings
    ) -> Sequence[Document]:
        # imported here: `check` never pays for the rent roll's layout
        from pactum.kinds.lease.rent_roll_document import rent_roll_report

        own = ctx.own(findings)
        return [rent_roll_report(ctx.portfolio, ctx.agreement, own, ctx.as_of).document()]

    def portfolio_documents(
        self,
        portfolio: Portfolio,
        agreements: Sequence[Agreement],
        as_of: date,
        start: date | None,
        end: date | None,
    ) -> Sequence[Document]:
        from pactum.kinds.lease.portfolio_roll import portfolio_rent_roll_document

        return [portfolio_rent_roll_document(portfolio, list(agreements), as_of, start, end)]


CLAUSE = Lease()
