"""The Borrowing Base Certificate in the standard line-by-line form.

Receivables: gross, each ineligible line in waterfall order, eligible, advance rate, advance.
Inventory the same way, by class, with the cap. Then borrowing base, line cap, loans, letters of
credit, reserves, availability, and, when the sheet has a reporting clause, excess
availability (amount and percent), the reporting frequency and the next report due.

Every amount after the eligible lines is the revolver's own arithmetic
(`kinds.revolver.borrowing_base.compute`), so the certificate cannot disagree with `pactum
check`. Gross and the ineligible lines exist only where the collateral engine ran over invoice-
and SKU-level detail; from `collateral.csv` only eligible is known, and the certificate says so
rather than inventing lines.

Two ways in:
- `from_portfolio(portfolio, agreement_id, as_of)`: a portfolio's revolver on a date;
- `from_collateral_run(run, sheet, ...)`: one borrower of
  `kinds.revolver.certificate.run_certificates` (an uploaded aging, with optional inventory,
  payables and loans).
Either gives a `BorrowingBaseCertificate`; its `document()` is what the renderers print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from pactum.collateral.detail_facts import CollateralWithDetail
from pactum.collateral.results import Bucket, InventoryResult, ReceivablesResult
from pactum.collateral.rules import FLAGS, Eligibility, ReceivableRules
from pactum.document import Document, Figure, Grid, Lines, Role, Section, Signature, from_value
from pactum.findings import SourceRef, TestResult, Trace, Unit, Value
from pactum.format import display
from pactum.kinds.revolver import borrowing_base, next_report_value
from pactum.kinds.revolver.borrowing_base import Availability
from pactum.kinds.revolver.calendar_obligations import collateral_in_force
from pactum.kinds.revolver.certificate_sections import (
    aging_grid,
    debtors_grid,
    lender_of,
    loans_rollforward,
    long_date,
    previous_grid,
    receivables_rollforward,
)
from pactum.kinds.revolver.rollforward import RevolverFacts, RollforwardRow
from pactum.kinds.revolver.schema import CapScope, RevolverTerms
from pactum.money import ZERO, cents, money_display, money_str, percent_str
from pactum.portfolio import Agreement, Portfolio
from pactum.terms.values import sources

if TYPE_CHECKING:
    from pactum.kinds.revolver.certificate import CertificateRun

KIND = "borrowing-base-certificate"
RECEIVABLES = "receivables_eligible"
GENERAL = "inventory_eligible"
LOAN_NAMES = ("revolver_outstanding", "letters_of_credit", "reserves")
LOANS = (
    ("revolver_outstanding", "Less: loans (revolver outstanding)"),
    ("letters_of_credit", "Less: letters of credit"),
    ("reserves", "Less: reserves"),
)


@dataclass(frozen=True)
class CollateralLines:
    """Gross, ineligible and eligible lines of one kind of collateral, and its advance."""

    gross: Figure | None  # None when only eligible is known (collateral.csv)
    ineligible: tuple[Figure, ...]
    eligible: tuple[Figure, ...]  # inventory: one per class
    pricing: tuple[Figure, ...]  # the advance rates; inventory: each class's advance, the cap
    advance: Figure
    notes: tuple[str, ...] = ()

    def figures(self) -> tuple[Figure, ...]:
        gross = (self.gross,) if self.gross else ()
        return (*gross, *self.ineligible, *self.eligible, *self.pricing, self.advance)


@dataclass(frozen=True)
class BorrowingBaseCertificate:
    company: str
    agreement_id: str
    agreement_title: str
    as_of: date
    receivables: CollateralLines | None  # the shorthand's sections (None: not in the sheet)
    inventory: CollateralLines | None
    availability: tuple[Figure, ...]  # borrowing base through the next report due
    notes: tuple[str, ...] = ()
    # a borrowing base of asset classes: each class's lines, each deduction, the cap
    classes: tuple[Figure, ...] = ()
    classes_notes: tuple[str, ...] = ()
    number: str = ""  # the certificate's number (default: its as-of date)
    dated: date | None = None  # the certificate's date (default: its as-of date)
    lender: str = ""  # to whom it is addressed ("" when the sheet's parties are not known)
    rollforward: Lines | None = None  # the receivables roll-forward
    aging: Grid | None = None
    debtors: Grid | None = None
    loans_rollforward: Lines | None = None
    # the previous certificate, beside it: as recorded in the book's database, or recomputed
    previous: Document | None = None
    previous_recorded: bool = False
    # the agreement's covenant tests failed on their actuals by the as-of date (a Default the
    # officer could not certify away), each as the certificate names it
    failed_tests: tuple[str, ...] = ()

    def figure(self, key: str) -> Figure:
        return self.document().figure(key)

    def _sections(self) -> tuple[Section, ...]:
        """In the order of the desk's form: receivables (roll-forward, aging, waterfall),
        inventory, loans, availability, the largest debtors, the previous certificate."""
        receivables: list[Section] = [s for s in (self.rollforward, self.aging) if s is not None]
        if self.receivables is not None:
            receivables.append(
                Lines("Accounts receivable", self.receivables.figures(), self.receivables.notes)
            )
        if self.inventory is not None:
            receivables.append(Lines("Inventory", self.inventory.figures(), self.inventory.notes))
        if self.classes:
            receivables.append(Lines("Collateral", self.classes, self.classes_notes))
        if self.loans_rollforward is not None:
            receivables.append(self.loans_rollforward)
        receivables.append(Lines("Availability", self.availability))
        if self.debtors is not None:
            receivables.append(self.debtors)
        return tuple(receivables)

    def _no_default(self) -> str:
        """The no-Default certification. The officer could not sign it plainly beside an
        overadvance shown on the same page, or with a covenant test failed on its actuals:
        it names each as an exception."""
        certified = (
            "no Default or Event of Default has occurred and is continuing, and the collateral "
            "reported as eligible above meets the eligibility criteria of the "
            f"{self.agreement_title}."
        )
        exceptions = []
        if self.failed_tests:
            exceptions.append(
                "the failed covenant test"
                + ("s " if len(self.failed_tests) > 1 else " ")
                + "; ".join(self.failed_tests)
            )
        available = next((f.value for f in self.availability if f.key == "availability"), None)
        if isinstance(available, Decimal) and available < 0:
            exceptions.append(
                "the overadvance shown above (the loans, letters of credit and reserves exceed "
                f"the line cap by {money_display(-available)})"
            )
        if exceptions:
            return f"Except for {' and '.join(exceptions)}, {certified}"
        return certified[0].upper() + certified[1:]

    def with_failed_tests(self, tests: Sequence[TestResult]) -> BorrowingBaseCertificate:
        """The certificate naming `tests`, the agreement's failed actual tests, as exceptions
        to its no-Default certification: "Minimum fixed charge coverage ratio at 1999-03-31
        (required >= 1.1500, actual 1.1200)"."""
        named = tuple(
            f"{t.label} at {t.test_date.isoformat()} (required {t.comparator} "
            f"{display(t.required, t.unit)}, actual {display(t.actual, t.unit)})"
            for t in tests
            if t.required is not None and t.actual is not None
        )
        return replace(self, failed_tests=named)

    def document(self) -> Document:
        sections = self._sections()
        if self.previous is not None:
            current = Document(
                KIND, "", "", "", "", self.as_of, sections
            )  # only its figures are read
            beside = previous_grid(current, self.previous, recorded=self.previous_recorded)
            sections = (*sections, *((beside,) if beside is not None else ()))
        lender = f" to {self.lender}" if self.lender else ""
        particulars = [
            ("Certificate No.", self.number or self.as_of.isoformat()),
            ("Certificate date", long_date(self.dated or self.as_of)),
            ("Borrower", self.company),
        ]
        if self.lender:
            particulars.append(("Lender", self.lender))
        return Document(
            kind=KIND,
            title="Borrowing Base Certificate",
            company=self.company,
            agreement_id=self.agreement_id,
            agreement_title=self.agreement_title,
            as_of=self.as_of,
            sections=sections,
            notes=self.notes,
            signature=Signature(
                f"The undersigned, an authorized officer of {self.company}, certifies{lender} "
                f"that the information above is true, correct and complete as of "
                f"{long_date(self.as_of)}, and was computed under the {self.agreement_title}.",
                "Authorized officer",
                self.company,
                (self._no_default(),),
            ),
            particulars=tuple(particulars),
        )


def from_portfolio(
    portfolio: Portfolio, agreement_id: str, as_of: date
) -> BorrowingBaseCertificate:
    """The certificate of the agreement's (first) revolver clause with a borrowing base on
    `as_of`."""
    agreement = portfolio.agreements[agreement_id]
    sheets = [c.terms_as(RevolverTerms) for c in agreement.clauses_of("revolver")]
    with_base = [s for s in sheets if s.borrowing_base is not None]
    if not with_base:
        raise KeyError(f"{agreement_id}: no revolver clause with a borrowing base")
    return from_clause(agreement, with_base[0], portfolio, as_of)


def from_clause(
    agreement: Agreement,
    sheet: RevolverTerms,
    portfolio: Portfolio,
    as_of: date,
    with_previous: bool = True,
) -> BorrowingBaseCertificate:
    """The certificate of a revolver clause with a borrowing base on `as_of`, from the facts
    `pactum check` uses: the engine's detail where it is in force, otherwise collateral.csv;
    with the roll-forwards of `rollforward.csv` and, when it has a row dated before, the
    previous certificate (computed from the same facts) beside it."""
    facts = portfolio.facts
    collateral = collateral_in_force(agreement, sheet, portfolio)
    events = facts.events.for_agreement(agreement.id)
    found = borrowing_base.compute(sheet, collateral, facts.loans, events, as_of)
    receivables: tuple[ReceivablesResult | None, str] = (None, "")
    inventory: tuple[InventoryResult | None, str] = (None, "")
    if isinstance(collateral, CollateralWithDetail):
        when = collateral.detail_date(RECEIVABLES, as_of)
        if when is not None:
            path = collateral.detail.receivables[when]
            receivables = (collateral.run(when).receivables, f"receivables/{path.name}")
        when = collateral.detail_date(GENERAL, as_of)
        if when is not None:
            path = collateral.detail.inventory[when]
            inventory = (collateral.run(when).inventory, f"inventory/{path.name}")
    certificate = _certificate(
        sheet,
        (agreement.id, agreement.sheet.title),
        as_of,
        portfolio.config.company,
        found,
        receivables,
        inventory,
        loans_known=True,
        parties=tuple(agreement.sheet.parties),
    )
    own = facts.of_type("revolver")
    if not isinstance(own, RevolverFacts):
        return certificate
    row, previous_row = own.rollforward.on(as_of), own.rollforward.before(as_of)
    previous, recorded = _previous(agreement, sheet, portfolio, as_of, previous_row, with_previous)
    if recorded:
        assert previous is not None
        previous_row = own.rollforward.on(previous.as_of)
    # the previous certificate's date (a row's, when the previous one is not wanted)
    previous_date = previous.as_of if previous is not None else None
    if previous_date is None and previous_row is not None:
        previous_date = previous_row.as_of
    rollforward = loans = None
    if row is not None:
        aging_total = (
            (receivables[0].aging_total, receivables[1]) if receivables[0] is not None else None
        )
        if aging_total is None and row.amount("receivables_balance") is not None:
            aging_total = (row.amounts["receivables_balance"], row.source)
        rollforward = receivables_rollforward(
            row,
            previous_date,
            _receivables_balance(previous, previous_row),
            aging_total,
        )
        loans = loans_rollforward(
            row,
            previous_date,
            facts.loans.in_force("revolver_outstanding", previous_date)
            if previous_date is not None
            else None,
            facts.loans.in_force("revolver_outstanding", as_of),
        )
    return replace(
        certificate,
        number=row.number if row is not None else "",
        dated=row.dated if row is not None else None,
        rollforward=rollforward,
        loans_rollforward=loans,
        previous=previous,
        previous_recorded=recorded,
    )


def _previous(
    agreement: Agreement,
    sheet: RevolverTerms,
    portfolio: Portfolio,
    as_of: date,
    row: RollforwardRow | None,
    wanted: bool,
) -> tuple[Document | None, bool]:
    """The previous certificate and whether it is the one recorded: the latest before `as_of`
    of those `pactum record` kept in the book's database and the rows of rollforward.csv; a
    recorded one is read as it was recorded, a row's is recomputed from today's facts."""
    if not wanted:
        return None, False
    kept = (
        portfolio.recorded.document_before(agreement.id, KIND, as_of)
        if portfolio.recorded is not None
        else None
    )
    if kept is not None and (row is None or kept.as_of >= row.as_of):
        return kept, True
    if row is None:
        return None, False
    again = from_clause(agreement, sheet, portfolio, row.as_of, with_previous=False)
    return again.document(), False


def _receivables_balance(
    previous: Document | None, row: RollforwardRow | None
) -> tuple[Decimal, str] | None:
    """The previous certificate's receivables balance: its aging's total where it had one,
    otherwise what its row of rollforward.csv reports."""
    figures = previous.figures() if previous is not None else iter(())
    total = next((f.value for _, f in figures if f.key == "aging:total"), None)
    if previous is not None and isinstance(total, Decimal) and total:
        return total, f"the aging of {previous.as_of.isoformat()}"
    if row is not None and row.amount("receivables_balance") is not None:
        return row.amounts["receivables_balance"], row.source
    return None


def from_collateral_run(
    run: CertificateRun,
    sheet: RevolverTerms,
    title: str = "",
    borrower_id: str | None = None,
    company: str = "",
    aging_name: str = "the aging",
    inventory_name: str = "the inventory listing",
) -> BorrowingBaseCertificate:
    """The certificate of one borrower of a collateral run (the only one when `borrower_id` is
    not given); `company` names the borrower on the certificate (default: its borrower id, or
    the agreement's)."""
    candidates = {c.borrower_id: c for c in run.certificates}
    if borrower_id is None and len(candidates) == 1:
        borrower_id = next(iter(candidates))
    if borrower_id not in candidates:
        raise KeyError(f"borrower {borrower_id!r}: the run has {', '.join(sorted(candidates))}")
    certificate = candidates[borrower_id]
    return _certificate(
        sheet,
        (run.agreement, title),
        run.as_of,
        company or borrower_id or title,
        certificate.availability,
        (certificate.receivables, aging_name),
        (certificate.inventory, inventory_name),
        loans_known=certificate.loans_known,
        warnings=(*run.warnings, *certificate.warnings),
    )


def _certificate(
    sheet: RevolverTerms,
    agreement: tuple[str, str],  # its id and title
    as_of: date,
    company: str,
    found: Availability,
    receivables: tuple[ReceivablesResult | None, str],
    inventory: tuple[InventoryResult | None, str],
    loans_known: bool,
    warnings: tuple[str, ...] = (),
    parties: tuple[str, ...] = (),
) -> BorrowingBaseCertificate:
    bb = sheet.borrowing_base
    assert bb is not None  # a certificate is of a borrowing base
    conditions = [c.condition.value for c in bb.inventory_classes if c.condition is not None]
    values = {v.id: _without_condition_ids(v, conditions) for v in found.values}
    notes = list(warnings)
    if found.availability < 0:
        notes.append(
            "Overadvance: the loans, letters of credit and reserves exceed the line cap; "
            "availability is negative."
        )
    bb = sheet.borrowing_base
    assert bb is not None  # a certificate is of a borrowing base
    shorthand = bb.receivables_rate is not None
    classes, classes_notes = _class_lines_generic(sheet, found, values)
    if bb.amount_by_redetermination is not None:
        trace = values["borrowing_base"].trace
        redetermined = ", ".join(f"{k} {v}" for k, v in trace.inputs) if trace else ""
        notes.append(f"Borrowing base set by redetermination: {redetermined}.")
    return BorrowingBaseCertificate(
        company=company,
        agreement_id=agreement[0],
        agreement_title=agreement[1],
        as_of=as_of,
        receivables=_receivables_lines(sheet, found, values, *receivables) if shorthand else None,
        inventory=(
            _inventory_lines(sheet, found, values, *inventory)
            if bb.inventory_rate is not None
            else None
        ),
        availability=_availability_lines(sheet, found, values, as_of, loans_known),
        notes=tuple(notes),
        classes=classes,
        classes_notes=classes_notes,
        lender=lender_of(parties, company) if parties else "",
        aging=aging_grid(receivables[0], receivables[1])
        if receivables[0] is not None and receivables[0].ages
        else None,
        debtors=debtors_grid(receivables[0]) if receivables[0] is not None else None,
    )


def _without_condition_ids(value: Value, conditions: list[str]) -> Value:
    """The value with its trace's inputs naming a condition as "condition", not by the id
    the sheet gives it (`bellsouth_consent`): a signed page shows no internal names."""
    trace = value.trace
    if trace is None or not conditions:
        return value

    def readable(text: str) -> str:
        for condition in conditions:
            text = text.replace(condition, "condition")
        return text

    inputs = tuple((name, readable(shown)) for name, shown in trace.inputs)
    return replace(value, trace=replace(trace, inputs=inputs))


def _class_lines_generic(
    sheet: RevolverTerms, found: Availability, values: dict[str, Value]
) -> tuple[tuple[Figure, ...], tuple[str, ...]]:
    """A borrowing base of asset classes: for each class its eligible value, rate, sublimit
    and advance; then each deduction and the advances less the deductions. The borrowing base
    itself opens the availability lines (after the cap, when the sheet has one)."""
    bb = sheet.borrowing_base
    assert bb is not None
    if not bb.classes:
        return (), ()
    figures: list[Figure] = []
    advances = ZERO
    for cls in bb.classes:
        title = cls.title or cls.id.replace("_", " ").capitalize()
        figures.append(
            _eligible_figure(found, cls.item, f"{cls.id}_eligible", f"{title}: eligible")
        )
        figures.append(
            Figure(
                f"{cls.id}_rate",
                f"{title}: advance rate",
                cls.rate.value,
                Unit.percent,
                trace=Trace("stated", {}, sources(cls.rate, cls.allow_rate_above_100_percent)),
            )
        )
        if cls.cap is not None:
            figures.append(
                Figure(
                    f"{cls.id}_cap",
                    f"{title}: sublimit",
                    cls.cap.value,
                    trace=Trace("stated", {}, sources(cls.cap)),
                )
            )
        advance = values[f"{cls.id}_advance"]
        figures.append(from_value(advance, Role.subtotal))
        advances += advance.value if isinstance(advance.value, Decimal) else ZERO
    for deduction in bb.deductions:
        dated = found.deducted.get(deduction.id)
        amount = dated.amount if dated is not None else ZERO
        origin = "loans.csv" if deduction.item in LOAN_NAMES else "collateral.csv"
        ref = deduction.source_ref()
        figures.append(
            Figure(
                f"deduction:{deduction.id}",
                f"Less: {deduction.title or deduction.id.replace('_', ' ')}",
                amount,
                role=Role.less,
                trace=Trace(
                    f"{origin}, {deduction.item}",
                    {
                        "as_of": dated.as_of.isoformat()
                        if dated
                        else "no fact on or before the date: 0.00"
                    },
                    (ref,) if ref is not None else (),
                ),
            )
        )
    net = advances - sum(
        ((d.amount if d else ZERO) for d in (found.deducted.get(x.id) for x in bb.deductions)),
        ZERO,
    )
    if bb.cap is not None:
        figures.append(
            Figure(
                "borrowing_base_before_cap",
                "Advances less deductions",
                net,
                role=Role.subtotal,
                trace=Trace("the advances less the deductions", {}),
            )
        )
        figures.append(
            Figure(
                "borrowing_base_cap",
                "Borrowing base cap",
                bb.cap.value,
                trace=Trace("stated", {}, sources(bb.cap)),
            )
        )
    notes = ("Each class's advance is rounded half-up to the cent, then held to its sublimit.",)
    return tuple(figures), notes


def _eligible_figure(found: Availability, name: str, key: str, label: str) -> Figure:
    dated = found.collateral.get(name)
    if dated is None:
        return Figure(
            key, label, ZERO, role=Role.subtotal, trace=Trace("no fact on or before the date")
        )
    origin = dated.source or f"collateral.csv as of {dated.as_of.isoformat()}"
    return Figure(
        key,
        label,
        dated.amount,
        role=Role.subtotal,
        trace=Trace(
            "gross less the ineligible lines" if dated.source else "as reported",
            {name: money_str(dated.amount), "from": origin},
        ),
    )


def _summary_note(found: Availability, names: list[str], what: str) -> str:
    dated = [d for name in names if (d := found.collateral.get(name)) is not None]
    if not dated:
        return f"No {what} reported on or before the date: eligible {what} is taken as zero."
    when = max(d.as_of for d in dated).isoformat()
    return (
        f"Eligible {what} as reported in collateral.csv on {when}. Only the eligible amount is "
        f"reported there: gross {what} and the ineligible lines behind it are not known, so "
        "none is shown."
    )


def _receivables_lines(
    sheet: RevolverTerms,
    found: Availability,
    values: dict[str, Value],
    result: ReceivablesResult | None,
    origin: str,
) -> CollateralLines:
    assert sheet.borrowing_base is not None  # a certificate is of a borrowing base
    rate = sheet.borrowing_base.receivables_rate
    assert rate is not None  # only the shorthand has these lines
    eligible = _eligible_figure(found, RECEIVABLES, RECEIVABLES, "Eligible receivables")
    rate_figure = Figure(
        "receivables_rate",
        "Advance rate",
        rate.value,
        Unit.percent,
        trace=Trace("stated", {}, sources(rate)),
    )
    advance = from_value(values["receivables_advance"], Role.total)
    if result is None:
        note = _summary_note(found, [RECEIVABLES], "receivables")
        return CollateralLines(None, (), (eligible,), (rate_figure,), advance, (note,))
    rules = (sheet.eligibility or Eligibility()).receivables
    gross = _gross(
        "receivables_gross",
        f"Gross receivables ({result.rows:,} invoices)",
        result.gross,
        "the open debit balances of the aging (credits are a line below)",
        {
            "file": origin,
            "invoices": str(result.rows),
            "aging total, debits and credits": money_str(result.aging_total),
        },
    )
    less = tuple(
        _less(f"receivables_less_{b.reason}", *_receivable_rule(rules, b.reason), b, origin)
        for b in result.buckets
    )
    notes: tuple[str, ...] = ()
    if result.unapplied_credits:
        notes = (
            f"Credits of {money_display(result.unapplied_credits)} exceed their debtors' balances; "
            "they are reported, not applied to other debtors.",
        )
    return CollateralLines(gross, less, (eligible,), (rate_figure,), advance, notes)


def _gross(key: str, label: str, amount: Decimal, formula: str, inputs: dict[str, str]) -> Figure:
    return Figure(key, label, amount, role=Role.subtotal, trace=Trace(formula, inputs))


def _less(
    key: str, label: str, rule: str, refs: tuple[SourceRef, ...], b: Bucket, origin: str
) -> Figure:
    return Figure(
        key,
        f"Less: {label}",
        b.amount,  # a deduction, printed as the positive amount taken off
        role=Role.less,
        trace=Trace(rule, {"file": origin, "amount": money_str(b.amount)}, refs),
    )


def _percent(fraction: Decimal | None) -> str:
    return percent_str(fraction).replace(".00%", "%") if fraction is not None else "n/a"


def _receivable_rule(rules: ReceivableRules, reason: str) -> tuple[str, str, tuple[SourceRef, ...]]:
    """The line's label, the rule it applies, and the terms behind the rule."""
    if reason == "credit_balances":
        return (
            "credit balances",
            "each debtor's credits (negative balances), up to its gross balance",
            (),
        )
    if reason == "aged":
        days = rules.max_days_from_invoice.value if rules.max_days_from_invoice else None
        due = rules.max_days_past_due.value if rules.max_days_past_due else None
        parts = [f"more than {days} days from invoice date"] if days is not None else []
        parts += [f"more than {due} days past due"] if due is not None else []
        return (
            "aged",
            "invoices " + (" or ".join(parts) or "(no ageing rule)") + " at the as-of date",
            sources(rules.max_days_from_invoice, rules.max_days_past_due),
        )
    if reason == "cross_aged":
        level = rules.cross_age_percent.value if rules.cross_age_percent else None
        return (
            "cross-aged debtors",
            f"the rest of a debtor's balance when more than {_percent(level)} of it is aged",
            sources(rules.cross_age_percent),
        )
    if reason == "foreign":
        home = ", ".join(rules.home_countries.value)
        return (
            "foreign debtors",
            f"the rest of the balance of a debtor marked foreign or outside {home}",
            sources(rules.foreign, rules.home_countries),
        )
    if reason in ("affiliate", "government"):
        term = rules.affiliate if reason == "affiliate" else rules.government
        return (
            f"{reason} debtors",
            f"the rest of the balance of a debtor marked {reason}",
            sources(term),
        )
    if reason in FLAGS:
        return (
            reason.replace("_", "-") if reason == "bill_and_hold" else reason.replace("_", " "),
            f"the rest of each invoice marked {reason}",
            sources(rules.flags),
        )
    if reason == "contra":
        return (
            "contra",
            "the lesser of a debtor's remaining balance and what the borrower owes it (payables)",
            sources(rules.contra),
        )
    level = rules.concentration_percent.value if rules.concentration_percent else None
    return (
        "concentration",
        f"a debtor's remaining balance above {_percent(level)} of the total remaining, "
        "the limit rounded down to the cent",
        sources(rules.concentration_percent),
    )


def _inventory_lines(
    sheet: RevolverTerms,
    found: Availability,
    values: dict[str, Value],
    result: InventoryResult | None,
    origin: str,
) -> CollateralLines:
    bb = sheet.borrowing_base
    assert bb is not None  # a certificate is of a borrowing base
    assert bb.inventory_rate is not None  # only a sheet with an inventory rate has them
    classes = [
        _class_lines(
            found,
            GENERAL,
            "general",
            "Eligible general inventory",
            (bb.inventory_rate.value, ""),
            sources(bb.inventory_rate),
        )
    ]
    for cls in bb.inventory_classes:
        rate = found.class_rates.get(cls.id, (cls.rate.value, ""))
        title = cls.title or f"Eligible {cls.id} inventory"
        refs = sources(cls.rate, cls.condition, cls.rate_before_condition)
        condition = cls.condition.value if cls.condition is not None else None
        classes.append(
            _class_lines(found, f"{GENERAL}:{cls.id}", cls.id, title, rate, refs, condition)
        )
    eligible_classes = tuple(c[0] for c in classes)
    exact = [c[2].value for c in classes if isinstance(c[2].value, Decimal)]
    before_cap = sum(exact, ZERO)
    pricing = [f for c in classes for f in c[1:]]
    # each class's advance is shown to the cent; the letter rounds only the capped total, so
    # the cents shown may differ from the total's by a rounding line
    rounding = cents(before_cap) - sum((cents(a) for a in exact), ZERO)
    if rounding:
        pricing.append(
            Figure(
                "inventory_advance_rounding",
                "Rounding (the total advance is rounded once)",
                rounding,
                trace=Trace(
                    "total rounded half-up to the cent - sum of the class advances as shown",
                    {"total before rounding": str(before_cap)},
                ),
            )
        )
    pricing.append(
        Figure(
            "inventory_advance_before_cap",
            "Inventory advance before the cap",
            before_cap,
            role=Role.subtotal,
            trace=Trace(
                " + ".join(f"{c[0].key} x rate" for c in classes) + ", rounded half-up to the cent",
                {
                    **{c[2].key: str(c[2].value) for c in classes},
                    "before rounding": str(before_cap),
                    "rounded at": "the cent, half-up, after the cap",
                },
            ),
        )
    )
    if bb.inventory_cap is not None:
        scope = bb.inventory_cap_scope.value
        pricing.append(
            Figure(
                "inventory_cap",
                "Inventory cap"
                + (" (general inventory only)" if scope is CapScope.general_only else ""),
                bb.inventory_cap.value,
                trace=Trace("stated", {}, sources(bb.inventory_cap, bb.inventory_cap_scope)),
            )
        )
    advance = from_value(values["inventory_advance"], Role.total)
    notes = [
        "Each class's advance is shown rounded half-up to the cent (the exact amount is in its "
        "trace); the inventory advance is rounded once, after the cap."
    ]
    eligible = _eligible_total(eligible_classes)
    if result is None:
        notes.insert(0, _summary_note(found, [f.key for f in eligible_classes], "inventory"))
        return CollateralLines(None, (), eligible, tuple(pricing), advance, tuple(notes))
    rules = (sheet.eligibility or Eligibility()).inventory
    gross = _gross(
        "inventory_gross",
        f"Gross inventory ({result.rows:,} rows)",
        result.gross,
        "the cost of every row",
        {"file": origin, "rows": str(result.rows)},
    )
    less = tuple(
        _less(
            f"inventory_less_{b.reason}",
            b.reason.replace("_", " "),
            f"the cost of the rows with status {b.reason}",
            sources(rules.ineligible_statuses),
            b,
            origin,
        )
        for b in result.buckets
    )
    return CollateralLines(gross, less, eligible, tuple(pricing), advance, tuple(notes))


def _eligible_total(classes: tuple[Figure, ...]) -> tuple[Figure, ...]:
    """The eligible inventory, then its classes: the total is what gross less the ineligible
    lines gives, the classes what it is made of."""
    if len(classes) == 1:
        return classes
    total = sum((f.value for f in classes if isinstance(f.value, Decimal)), ZERO)
    eligible = Figure(
        "inventory_eligible_total",
        "Eligible inventory",
        total,
        role=Role.subtotal,
        trace=Trace(
            " + ".join(f.key for f in classes),
            {f.key: money_str(f.value) for f in classes if isinstance(f.value, Decimal)},
        ),
    )
    return (eligible, *(replace(f, role=Role.line) for f in classes))


def _readable_condition(why: str, condition: str | None) -> str:
    """The rate's reason without the condition's id: the id names it in the sheet, not on a
    signed page."""
    if not condition:
        return "" if why in ("", "no condition") else why
    return why.replace(condition, "condition").capitalize()


def _class_lines(
    found: Availability,
    name: str,
    class_id: str,
    title: str,
    rate_and_why: tuple[Decimal, str],
    refs: tuple[SourceRef, ...],
    condition: str | None = None,
) -> tuple[Figure, Figure, Figure]:
    """A class's eligible inventory, its rate, and its advance (exact: the contract rounds
    only the capped total)."""
    rate, why = rate_and_why
    why = _readable_condition(why, condition)
    eligible = _eligible_figure(found, name, name, title)
    amount = eligible.value if isinstance(eligible.value, Decimal) else ZERO
    rate_figure = Figure(
        f"inventory_rate:{class_id}",
        f"Advance rate, {title[0].lower()}{title[1:]}",
        rate,
        Unit.percent,
        trace=Trace(
            "the class's rate on the date", {"rate": str(rate), "why": why or "stated"}, refs
        ),
        note=why,
    )
    exact = amount * rate
    advance = Figure(
        f"inventory_advance:{class_id}",
        f"Advance, {title[0].lower()}{title[1:]}",
        exact,
        trace=Trace(
            f"{name} x rate, shown rounded half-up to the cent",
            {
                name: money_str(amount),
                "rate": str(rate),
                "exact": f"{exact.normalize():f}",
                "rounded at": "the cent, half-up, for display only",
            },
        ),
    )
    return eligible, rate_figure, advance


def _availability_lines(
    sheet: RevolverTerms,
    found: Availability,
    values: dict[str, Value],
    as_of: date,
    loans_known: bool,
) -> tuple[Figure, ...]:
    def line(key: str, role: Role = Role.line) -> Figure:
        return from_value(values[key], role)

    lines = [
        line("borrowing_base", Role.total),
        Figure(
            "commitment",
            "Commitment",
            sheet.commitment.value,
            trace=Trace("stated", {}, sources(sheet.commitment)),
        ),
        line("line_cap", Role.subtotal),
    ]
    if not loans_known:
        return tuple(lines)
    for name, label in LOANS:
        if name in found.deducted_loans:
            continue  # deducted in the borrowing base, not again
        dated = found.loans.get(name)
        lines.append(
            Figure(
                name,
                label,
                dated.amount if dated else ZERO,
                role=Role.less,
                trace=Trace(
                    f"loans.csv, {name}",
                    {
                        "as_of": dated.as_of.isoformat()
                        if dated
                        else "no row on or before the date: 0.00"
                    },
                ),
            )
        )
    lines.append(line("availability", Role.total))
    if sheet.reporting is None or found.reporting_frequency is None:
        return tuple(lines)  # no trigger: no excess availability, no reports
    threshold = sheet.reporting.excess_availability_threshold
    due = next_report_value(sheet, found.reporting_frequency, as_of)
    lines += [
        line("excess_availability"),
        line("excess_availability_pct"),
        Figure(
            "excess_availability_threshold",
            "Reporting threshold (monthly above it)",
            threshold.value,
            Unit.percent,
            trace=Trace("stated", {}, sources(threshold)),
        ),
        line("reporting_frequency"),
        from_value(due),
    ]
    return tuple(lines)
