"""Capital expenditure per fiscal year: the general limit and the new-business basket.

General spending (capex less its new-business part) counts against the general limit; new-
business spending against its basket, and any excess over the basket against the general
limit too. Spending beyond both needs the bank's approval (`capex_approval` events).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from pactum.dates import fiscal_year_of, fiscal_year_start, quarter_ends_between
from pactum.facts.events import AgreementEvents
from pactum.facts.financials import Financials
from pactum.findings import Alert, Basis, Comparator, Severity, TestResult, Trace, Unit
from pactum.kinds.revolver.schema import CapexLimit, RevolverTerms
from pactum.money import ZERO, money_display, money_str
from pactum.terms.values import source_ref, sources


def limit_for(capex: CapexLimit, fiscal_year: int) -> Decimal | None:
    years = sorted(capex.general_limit)
    if fiscal_year in capex.general_limit:
        return capex.general_limit[fiscal_year].value
    earlier = [y for y in years if y < fiscal_year]
    if earlier and capex.carry_forward.value:
        return capex.general_limit[earlier[-1]].value
    return None


def evaluate_capex(
    sheet: RevolverTerms,
    capex: CapexLimit,
    financials: Financials,
    events: AgreementEvents,
    on: date,
    as_of: date,
    fy_end: int,
) -> tuple[TestResult, list[Alert]] | None:
    fiscal_year = fiscal_year_of(on, fy_end)
    general_limit = limit_for(capex, fiscal_year)
    if general_limit is None:
        return None
    quarters = quarter_ends_between(fiscal_year_start(fiscal_year, fy_end), on, fy_end)
    missing = [q for q in quarters if capex.spend_item not in financials.items_at(q)]
    bases = {financials.basis_of(q) for q in quarters}
    basis = Basis.forecast if "forecast" in bases else Basis.actual
    pending = TestResult(
        id=capex.id,
        label=capex.title,
        test_date=on,
        basis=basis,
        comparator=Comparator.at_most,
        unit=Unit.money,
        required=general_limit,
        actual=None,
        passed=None,
    )
    if missing:
        return replace(
            pending, note="no capex for " + ", ".join(q.isoformat() for q in missing)
        ), []
    spend = sum((financials.items_at(q)[capex.spend_item] for q in quarters), ZERO)
    new_business = sum(
        (financials.items_at(q).get(capex.new_business_item, ZERO) for q in quarters), ZERO
    )
    basket = capex.new_business_basket.value if capex.new_business_basket else ZERO
    basket_excess = max(ZERO, new_business - basket)
    general = spend - new_business
    used = general + (basket_excess if capex.basket_excess_counts_against_general.value else ZERO)
    approvals = [
        e
        for e in events.named("capex_approval")
        if e.date <= as_of and e.data is not None and e.data.fiscal_year == fiscal_year
    ]
    approved = sum((e.data.amount for e in approvals), ZERO)
    limit = general_limit + approved
    beyond_both = max(ZERO, used - general_limit)
    passed = used <= limit
    used_terms = sources(
        capex.general_limit.get(fiscal_year),
        capex.carry_forward,
        capex.new_business_basket,
        capex.basket_excess_counts_against_general,
    )
    trace = Trace(
        f"fiscal {fiscal_year} to date: (capex - new business) + max(0, new business - basket) "
        "<= general limit + approvals",
        {
            "capex": money_str(spend),
            "new_business": money_str(new_business),
            "basket": money_str(basket),
            "general_limit": money_str(general_limit),
            "approved": money_str(approved),
            "quarters": ", ".join(q.isoformat() for q in quarters),
        },
        used_terms,
    )
    alerts: list[Alert] = []
    source = source_ref(capex.approval_needed_beyond)
    if beyond_both > 0:
        when = "projected " if basis is Basis.forecast else ""
        if approved >= beyond_both:
            alerts.append(
                Alert(
                    Severity.info,
                    (
                        f"Capex {when}beyond the limits in fiscal {fiscal_year} by "
                        f"{money_display(beyond_both)} is covered by the bank's approval of "
                        f"{money_display(approved)} ({', '.join(e.date.isoformat() for e in approvals)})."
                    ),
                    source,
                )
            )
        else:
            alerts.append(
                Alert(
                    Severity.critical if basis is Basis.actual else Severity.warning,
                    (
                        f"Capex {when}beyond the general limit and the new-business basket in fiscal "
                        f"{fiscal_year} by {money_display(beyond_both)} as of {on.isoformat()}: request "
                        f"the bank's approval (approved so far {money_display(approved)}; shortfall "
                        f"{money_display(used - limit)})."
                    ),
                    source,
                )
            )
    note = "projected from forecast" if basis is Basis.forecast else ""
    return replace(
        pending,
        required=limit,
        actual=used,
        passed=passed,
        headroom=limit - used,
        note=note,
        trace=trace,
    ), alerts
