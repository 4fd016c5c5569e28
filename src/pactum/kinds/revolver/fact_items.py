"""Items of financials.csv and collateral.csv that no revolver of the portfolio reads.

The files are the portfolio's, not one agreement's, so an item may be kept for another use;
but one that resembles an item a revolver reads is most likely that item misspelled
(`total_equty`), and the covenant it feeds then runs without it. Each unread item is an alert
of the revolver whose item it resembles, "did you mean `total_equity`?" (a warning); one that
resembles none is an info alert of each revolver, so that nothing in the files is passed over
without a word.
"""

from __future__ import annotations

from datetime import date
from difflib import get_close_matches

from pactum.clauses.api import Portfolio
from pactum.financial_tests.schema import FinancialTestsTerms
from pactum.findings import Alert, Severity
from pactum.kinds.revolver.schema import RevolverTerms

# how alike a name must be to be taken for a misspelling (difflib's ratio): `total_equty` and
# `total_equity` are 0.96, `receivables_eligble` 0.97; `capex` and `cash_taxes` only 0.40
SIMILARITY = 0.8


def financial_items(sheet: RevolverTerms) -> set[str]:
    items = sheet.financial_items
    return set(items.balance) | set(items.flow) if items is not None else set()


def collateral_items(sheet: RevolverTerms) -> set[str]:
    base = sheet.borrowing_base
    if base is None:
        return set()
    classes = {f"inventory_eligible:{c.id}" for c in base.inventory_classes}
    declared = {c.item for c in base.classes} | set(base.collateral_items)
    return {"receivables_eligible", "inventory_eligible"} | classes | declared


def _revolvers(portfolio: Portfolio) -> list[RevolverTerms]:
    return [
        clause.terms
        for agreement in portfolio.agreements.values()
        for clause in agreement.clauses_of("revolver")
        if isinstance(clause.terms, RevolverTerms)
    ]


def _tested_items(portfolio: Portfolio) -> set[str]:
    """The financials.csv items the portfolio's `financial_tests` clauses read: an item a
    covenant of such a clause reads is read, whichever revolver sits beside it."""
    read: set[str] = set()
    for agreement in portfolio.agreements.values():
        for clause in agreement.clauses_of("financial_tests"):
            if isinstance(clause.terms, FinancialTestsTerms):
                items = clause.terms.financial_items
                read |= set(items.balance) | set(items.flow)
    return read


def unread_item_alerts(sheet: RevolverTerms, portfolio: Portfolio) -> list[Alert]:
    """The alerts for items of the two files that no revolver (nor, for financials.csv, any
    `financial_tests` clause) reads, for this revolver."""
    facts = portfolio.facts
    revolvers = _revolvers(portfolio)
    alerts: list[Alert] = []
    for file, written, items_of, also_read in (
        (
            "financials.csv",
            {item for _, item, _ in facts.financials.amounts},
            financial_items,
            _tested_items(portfolio),
        ),
        ("collateral.csv", set(facts.collateral.names()), collateral_items, set[str]()),
    ):
        read = set().union(*(items_of(r) for r in revolvers)) if revolvers else set()
        read |= also_read
        own = sorted(items_of(sheet))
        for item in sorted(written - read):
            meant = get_close_matches(item, own, n=1, cutoff=SIMILARITY)
            if meant:
                alerts.append(
                    Alert(
                        Severity.warning,
                        f"{file}: item `{item}` is read by no agreement and is ignored; "
                        f"did you mean `{meant[0]}`?",
                    )
                )
            elif not get_close_matches(item, sorted(read), n=1, cutoff=SIMILARITY):
                alerts.append(
                    Alert(Severity.info, f"{file}: item `{item}` is read by no agreement.")
                )
    return alerts


def late_fact_alerts(sheet: RevolverTerms, portfolio: Portfolio) -> list[Alert]:
    """A warning for each of the facility's fact files with rows dated after its maturity:
    nothing is lent or tested then, so such a row is most likely a mistyped year (9999, 2030
    for 2003), and it would otherwise stay silently unread."""
    maturity = sheet.maturity.value
    facts = portfolio.facts
    dated: list[tuple[str, set[date]]] = [
        ("financials.csv", {period for period, _, _ in facts.financials.amounts}),
        ("collateral.csv", {d.as_of for s in facts.collateral.series.values() for d in s}),
        ("loans.csv", {d.as_of for s in facts.loans.series.values() for d in s}),
    ]
    alerts: list[Alert] = []
    for file, dates in dated:
        late = sorted(d for d in dates if d > maturity)
        if late:
            alerts.append(
                Alert(
                    Severity.warning,
                    f"{file}: {len(late)} date(s) after the facility's maturity "
                    f"({maturity.isoformat()}), the latest {late[-1].isoformat()}: "
                    "a mistyped year? Nothing is lent or tested after maturity.",
                    sheet.maturity.source_ref(),
                )
            )
    return alerts
