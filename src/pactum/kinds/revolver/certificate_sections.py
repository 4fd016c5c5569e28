"""The parts of a Borrowing Base Certificate beyond the borrowing base's own lines, in the form
ABL desks use: the receivables and loan roll-forwards, the aging by days past due, the largest
debtors with their concentration, and the previous certificate beside this one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from pactum.collateral.results import AGE_BUCKETS, ReceivablesResult
from pactum.document import Document, Figure, Grid, Lines, Role, text
from pactum.facts.dated_snapshots import Dated
from pactum.findings import Trace, Unit
from pactum.kinds.revolver.rollforward import RollforwardRow
from pactum.money import ZERO, money_display, money_str

TOP_DEBTORS = 10
# the figures of the previous certificate shown beside this one, in order, when both have them;
# the availability lines in full (letters of credit and reserves too), so that each column
# adds up on the page: line cap less the three is availability
COMPARED = (
    "receivables_gross",
    "receivables_eligible",
    "receivables_advance",
    "inventory_gross",
    "inventory_eligible_total",
    "inventory_advance",
    "borrowing_base",
    "line_cap",
    "revolver_outstanding",
    "letters_of_credit",
    "reserves",
    "availability",
    "excess_availability_pct",
)


def long_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _share(part: Decimal, whole: Decimal) -> Decimal | None:
    """A fraction for a percent figure, to four places (0.01%); None of a zero whole."""
    return (part / whole).quantize(Decimal("0.0001")) if whole else None


def receivables_rollforward(
    row: RollforwardRow,
    previous: date | None,  # the previous certificate's date
    previous_balance: tuple[Decimal, str] | None,
    aging_total: tuple[Decimal, str] | None,
) -> Lines | None:
    """Previous balance + sales - collections - credits +/- adjustments, reconciled to the
    aging's total; None when the row reports none of the movements."""
    movements = ("sales", "collections", "credits", "adjustments")
    if not any(row.amount(m) is not None for m in movements):
        return None
    figures: list[Figure] = []
    notes: list[str] = []
    if previous_balance is None:
        when = f" of {long_date(previous)}" if previous is not None else ""
        notes.append(
            f"The previous certificate's{when} receivables balance is not in the facts: the "
            "roll-forward starts from zero and its difference from the aging is not a "
            "reconciliation."
        )
    opening, opening_from = previous_balance or (ZERO, "not reported: 0.00")
    figures.append(
        Figure(
            "rollforward_previous_balance",
            "Balance per previous certificate"
            + (f" ({long_date(previous)})" if previous is not None else ""),
            opening,
            trace=Trace("the previous certificate's receivables balance", {"from": opening_from}),
        )
    )
    signs = {"sales": 1, "collections": -1, "credits": -1, "adjustments": 1}
    labels = {
        "sales": "Add: sales (invoices issued)",
        "collections": "Less: collections",
        "credits": "Less: credit memos",
        "adjustments": "Add (less): adjustments",
    }
    ending = opening
    for name in movements:
        amount = row.amount(name) or ZERO
        ending += signs[name] * amount
        figures.append(
            Figure(
                f"rollforward_{name}",
                labels[name],
                amount,
                role=Role.less if signs[name] < 0 else Role.line,
                trace=Trace(f"rollforward.csv, {name}", {"from": row.source}),
            )
        )
    figures.append(
        Figure(
            "rollforward_ending_balance",
            "Ending balance, rolled forward",
            ending,
            role=Role.subtotal,
            trace=Trace(
                "previous balance + sales - collections - credits + adjustments",
                {"previous balance": money_str(opening)},
            ),
        )
    )
    if aging_total is not None:
        total, total_from = aging_total
        difference = total - ending
        figures += [
            Figure(
                "rollforward_aging_total",
                "Balance per aging",
                total,
                trace=Trace("the aging's open balances, debits and credits", {"from": total_from}),
            ),
            Figure(
                "rollforward_difference",
                "Difference (aging less roll-forward)",
                difference,
                role=Role.total,
                trace=Trace("balance per aging - ending balance, rolled forward", {}),
            ),
        ]
        if difference:
            notes.append(
                f"The aging's total differs from the roll-forward by {money_display(difference)}: "
                "unreconciled."
            )
    return Lines("Receivables roll-forward", tuple(figures), tuple(notes))


def aging_grid(result: ReceivablesResult, origin: str) -> Grid:
    """The aging's balances by days past due, each with its share of the aging's total."""
    labels = {key: label for key, label, _ in AGE_BUCKETS}
    rows = []
    for bucket in result.ages:
        rows.append(
            (
                text(f"aging_label:{bucket.reason}", "Days past due", labels[bucket.reason]),
                Figure(
                    f"aging:{bucket.reason}",
                    labels[bucket.reason],
                    bucket.amount,
                    trace=Trace(
                        "open balances (debits and credits) by days past the due date",
                        {"file": origin},
                    ),
                ),
                Figure(
                    f"aging_pct:{bucket.reason}",
                    f"{labels[bucket.reason]}, % of total",
                    _share(bucket.amount, result.aging_total),
                    Unit.percent,
                ),
            )
        )
    total = (
        text("aging_label:total", "Days past due", "Total per aging"),
        Figure("aging:total", "Total per aging", result.aging_total),
        Figure("aging_pct:total", "Total, % of total", Decimal(1), Unit.percent),
    )
    return Grid(
        "Aging of receivables",
        ("Days past due", "Balance", "% of total"),
        tuple(rows),
        ("Days past due on the as-of date, from each invoice's due date.",),
        total,
    )


def debtors_grid(result: ReceivablesResult, limit: int = TOP_DEBTORS) -> Grid | None:
    """The largest debtors by gross balance, with their names, share of gross receivables,
    ineligible, concentration excess and eligible amounts."""
    if not result.debtors:
        return None
    largest = sorted(result.debtors, key=lambda d: (-d.gross, d.debtor_id))[:limit]
    rows = []
    for debtor in largest:
        concentration = next(
            (b.amount for b in debtor.buckets if b.reason == "concentration"), ZERO
        )
        ineligible = debtor.gross - debtor.eligible
        key = debtor.debtor_id
        rows.append(
            (
                text(f"debtor:{key}", "Debtor", debtor.name),
                Figure(f"debtor_gross:{key}", f"{debtor.name}: gross", debtor.gross),
                Figure(
                    f"debtor_share:{key}",
                    f"{debtor.name}: % of gross receivables",
                    _share(debtor.gross, result.gross),
                    Unit.percent,
                ),
                Figure(
                    f"debtor_ineligible:{key}",
                    f"{debtor.name}: ineligible other than concentration",
                    ineligible - concentration,
                ),
                Figure(
                    f"debtor_concentration:{key}",
                    f"{debtor.name}: over the concentration limit",
                    concentration,
                ),
                Figure(f"debtor_eligible:{key}", f"{debtor.name}: eligible", debtor.eligible),
                Figure(
                    f"debtor_eligible_share:{key}",
                    f"{debtor.name}: % of eligible receivables",
                    _share(debtor.eligible, result.eligible),
                    Unit.percent,
                ),
            )
        )
    shown = len(largest)
    return Grid(
        f"Largest debtors ({shown} of {len(result.debtors)})",
        (
            "Debtor",
            "Gross",
            "% of gross",
            "Ineligible (other)",
            "Over concentration limit",
            "Eligible",
            "% of eligible",
        ),
        tuple(rows),
        ("Gross is the debtor's open debit balances; its credits are in the ineligible column.",),
    )


def loans_rollforward(
    row: RollforwardRow,
    previous: date | None,  # the previous certificate's date
    previous_loans: Dated | None,
    loans: Dated | None,
) -> Lines | None:
    """Previous loan balance + advances - repayments + interest and fees charged, reconciled
    to loans.csv on the date; None when the row reports none of the movements."""
    movements = ("advances", "repayments", "interest_and_fees")
    if not any(row.amount(m) is not None for m in movements):
        return None
    opening = previous_loans.amount if previous_loans is not None else ZERO
    when = f" ({long_date(previous)})" if previous is not None else ""
    figures = [
        Figure(
            "loans_previous_balance",
            f"Loan balance per previous certificate{when}",
            opening,
            trace=Trace(
                "loans.csv, revolver_outstanding in force on the previous certificate's date",
                {"as_of": previous_loans.as_of.isoformat() if previous_loans else "no row: 0.00"},
            ),
        )
    ]
    labels = {
        "advances": ("Add: advances", 1),
        "repayments": ("Less: repayments (collections applied)", -1),
        "interest_and_fees": ("Add: interest and fees charged", 1),
    }
    ending = opening
    for name in movements:
        label, sign = labels[name]
        amount = row.amount(name) or ZERO
        ending += sign * amount
        figures.append(
            Figure(
                f"loans_{name}",
                label,
                amount,
                role=Role.less if sign < 0 else Role.line,
                trace=Trace(f"rollforward.csv, {name}", {"from": row.source}),
            )
        )
    figures.append(
        Figure(
            "loans_ending_balance",
            "Loan balance, rolled forward",
            ending,
            role=Role.subtotal,
            trace=Trace("previous balance + advances - repayments + interest and fees", {}),
        )
    )
    notes: list[str] = []
    if loans is not None:
        difference = loans.amount - ending
        figures += [
            Figure(
                "loans_balance_reported",
                "Loan balance per loans.csv",
                loans.amount,
                trace=Trace("loans.csv, revolver_outstanding", {"as_of": loans.as_of.isoformat()}),
            ),
            Figure(
                "loans_difference",
                "Difference (reported less roll-forward)",
                difference,
                role=Role.total,
                trace=Trace("loan balance per loans.csv - loan balance, rolled forward", {}),
            ),
        ]
        if difference:
            notes.append(
                f"The loan balance differs from the roll-forward by {money_display(difference)}: "
                "unreconciled."
            )
    return Lines("Loan roll-forward", tuple(figures), tuple(notes))


def previous_grid(current: Document, previous: Document, recorded: bool = False) -> Grid | None:
    """The previous certificate's main figures beside this one's, with the change; the
    previous one as `pactum record` kept it, or (`recorded` False) recomputed."""
    have = {f.key: f for _, f in previous.figures()}
    rows = []
    for key in COMPARED:
        now = next((f for _, f in current.figures() if f.key == key), None)
        then = have.get(key)
        if now is None or then is None:
            continue
        change: Decimal | None = None
        if isinstance(now.amount, Decimal) and isinstance(then.amount, Decimal):
            change = now.amount - then.amount  # money to the cent as shown, percents exact
        rows.append(
            (
                text(f"compare_label:{key}", "Line", now.label),
                Figure(f"previous:{key}", f"{now.label}, previous", then.value, then.unit),
                Figure(f"current:{key}", now.label, now.value, now.unit),
                Figure(f"change:{key}", f"{now.label}, change", change, _change_unit(now.unit)),
            )
        )
    if not rows:
        return None
    return Grid(
        "Previous certificate",
        ("Line", long_date(previous.as_of), long_date(current.as_of), "Change"),
        tuple(rows),
        (
            f"The certificate of {long_date(previous.as_of)} as recorded in the book's database."
            if recorded
            else f"The certificate of {long_date(previous.as_of)} computed from the same facts "
            "as this one.",
        ),
    )


def lender_of(parties: Sequence[str], borrower: str) -> str:
    """The lender: the parties the sheet marks (Lender), (Lenders), (Agent) or
    (Administrative Agent), else every party that is neither the borrower nor marked as on
    its side: a co-borrower, a parent or a guarantor ("Quest Marketing, Inc. (Borrower)")."""
    marked = [p for p in parties if p.rstrip().endswith(("(Lender)", "(Lenders)", "Agent)"))]
    if marked:
        return "; ".join(marked)
    base = borrower.casefold()
    return "; ".join(
        p for p in parties if not p.casefold().startswith(base) and not _borrower_side(p)
    )


def _borrower_side(party: str) -> bool:
    """Whether the party's role, in its closing parentheses, is on the borrower's side:
    "(Borrower)", "(U.S. Borrower)", "(Parent)", "(Guarantors)"."""
    text = party.rstrip()
    if not text.endswith(")") or "(" not in text:
        return False
    role = text[text.rfind("(") + 1 : -1].casefold().replace(".", " ")
    return any(word.startswith(("borrower", "parent", "guarantor")) for word in role.split())


def _change_unit(unit: Unit) -> Unit:
    """A change in a percentage is in percentage points: 17.18% to 8.86% is -8.32 points, not
    a fall of 8.32% (which would read as 8.32% of 17.18%)."""
    return Unit.points if unit is Unit.percent else unit
