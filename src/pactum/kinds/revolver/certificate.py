"""The borrowing-base certificate of each borrower: the collateral engine's receivables
waterfall and inventory, then the revolver's own arithmetic (advance rates, inventory cap, line
cap, availability).

The advance arithmetic is the revolver kind's (`borrowing_base.compute`), fed with the eligible
amounts the engine found, so a certificate and `pactum check` can never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from pactum.collateral.eligible import (
    EligibleDetail,
    OwnDetail,
    eligible_detail,
    eligible_facts,
    eligible_together,
)
from pactum.collateral.engines import Engine, open_tables
from pactum.collateral.results import Bucket, InventoryResult, ReceivablesResult
from pactum.collateral.rules import RECEIVABLE_REASONS, rule_shape
from pactum.errors import InputError, fail
from pactum.facts.dated_snapshots import DatedFacts
from pactum.facts.events import AgreementEvents
from pactum.findings_json import serialise
from pactum.format import source_text
from pactum.kinds.revolver import borrowing_base
from pactum.kinds.revolver.schema import RevolverTerms
from pactum.money import money_str

SCHEMA_ID = "pactum.collateral/1"


@dataclass(frozen=True)
class Certificate:
    borrower_id: str
    receivables: ReceivablesResult | None
    inventory: InventoryResult | None
    availability: borrowing_base.Availability
    loans_known: bool
    warnings: tuple[str, ...] = ()
    # each inventory class's title on the sheet, by class id (an id is not printed)
    class_titles: tuple[tuple[str, str], ...] = ()

    def class_title(self, class_id: str) -> str:
        """The line of a class's eligible inventory: the sheet's title, else its id in words."""
        titled = dict(self.class_titles).get(class_id)
        return titled or f"Eligible {class_id.replace('_', ' ')} inventory"

    def figure(self, value_id: str) -> Decimal:
        value = self.availability.get(value_id).value
        assert isinstance(value, Decimal)
        return value

    def advance(self, value_id: str) -> Decimal | None:
        """The shorthand's receivables or inventory advance; None for a borrowing base of
        classes or without inventory (its advances are by class: see the certificate)."""
        if not any(v.id == value_id for v in self.availability.values):
            return None
        return self.figure(value_id)

    def optional(self, value_id: str) -> Decimal | None:
        """A figure the sheet may not have (a borrowing-base cap)."""
        found = [v.value for v in self.availability.values if v.id == value_id]
        return found[0] if found and isinstance(found[0], Decimal) else None


@dataclass(frozen=True)
class CertificateRun:
    as_of: date
    engine: Engine
    agreement: str
    certificates: tuple[Certificate, ...]
    warnings: tuple[str, ...] = field(default=())


def run_certificates(
    sheet: RevolverTerms,
    as_of: date,
    receivables: Path,
    payables: Path | None = None,
    inventory: Path | None = None,
    engine: Engine = "duckdb",
    loans: dict[str, DatedFacts] | None = None,
    events: AgreementEvents | None = None,
    with_debtors: bool = True,
    agreement_id: str = "",
    ledger: Path | None = None,
    detail: EligibleDetail | None = None,
) -> CertificateRun:
    """The certificates; with `ledger`, the per-invoice ledger written there (Parquet); with
    `detail`, from the engine's results already had (a book's one pass, `details_together`)."""
    if detail is not None and ledger is None:
        return _certificates(sheet, as_of, receivables, detail, engine, loans, events, agreement_id)
    terms = borrowing_base.engine_terms(sheet)
    with open_tables(engine, (receivables, payables, inventory)) as tables:
        detail = eligible_detail(
            tables, terms, as_of, receivables, payables, inventory, with_debtors, ledger is not None
        )
        run = _certificates(sheet, as_of, receivables, detail, engine, loans, events, agreement_id)
        # last: a run refused above (bad inventory, loans for the wrong borrowers) writes nothing
        if ledger is not None and detail.write_ledger is not None:
            detail.write_ledger(ledger)
    return run


@dataclass(frozen=True)
class BookMember:
    """One borrower's revolver and detail files, for a book's certificates on one date."""

    sheet: RevolverTerms
    receivables: Path
    payables: Path | None
    inventory: Path | None


def details_together(members: Sequence[BookMember], as_of: date) -> dict[int, EligibleDetail]:
    """The engine's results for a book's borrowers (by position), on DuckDB, in one pass for
    each group of two or more whose receivables rules have one shape (`rule_shape`). A borrower
    alone in its shape, or in a group whose pass met a problem, is not in the result: its own
    run reports its own problems."""
    terms = [borrowing_base.engine_terms(m.sheet) for m in members]
    groups: dict[str, list[int]] = {}
    for i, t in enumerate(terms):
        groups.setdefault(rule_shape(t.eligibility.receivables), []).append(i)
    found: dict[int, EligibleDetail] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        own = [
            OwnDetail(terms[i], members[i].receivables, members[i].payables, members[i].inventory)
            for i in group
        ]
        try:
            files = [f for m in own for f in (m.receivables, m.payables, m.inventory)]
            with open_tables("duckdb", files) as tables:
                details = eligible_together(tables, own, as_of, with_debtors=True)
        except InputError:
            continue
        found.update(zip(group, details, strict=True))
    return found


def _certificates(
    sheet: RevolverTerms,
    as_of: date,
    receivables: Path,
    detail: EligibleDetail,
    engine: Engine,
    loans: dict[str, DatedFacts] | None,
    events: AgreementEvents | None,
    agreement_id: str,
) -> CertificateRun:
    by_receivables, by_inventory = detail.receivables, detail.inventory
    warnings: list[str] = []
    if not by_receivables:
        warnings.append(f"{receivables}: no invoices: a certificate of zeros")
        by_receivables = {"": _no_receivables()}
    if loans is not None and len(by_receivables) > 1 and set(loans) == {""}:
        raise fail(
            "--loans",
            None,
            "borrower_id",
            f"one borrower's loans for {len(by_receivables)} borrowers",
            "a borrower_id column in the loans file when the aging has several borrowers",
        )
    if sheet.eligibility is None:
        warnings.append(
            f"{agreement_id or 'the term sheet'}: no eligibility section: the default rules were used"
        )
    certificates = []
    for borrower in sorted(set(by_receivables) | set(by_inventory)) or [""]:
        r, i = by_receivables.get(borrower), by_inventory.get(borrower)
        own = (
            None
            if loans is None
            else loans.get(borrower, loans.get("") if len(loans) == 1 else None)
        )
        notes = _class_warnings(sheet, events)
        if loans is not None and own is None:
            notes += (f"no loans for borrower {borrower!r} in the loans file: no availability",)
        found = borrowing_base.compute(
            sheet,
            eligible_facts(as_of, r, i),
            own or DatedFacts(),
            events or AgreementEvents(agreement_id),
            as_of,
        )
        titles = (
            tuple((c.id, c.title) for c in sheet.borrowing_base.inventory_classes if c.title)
            if sheet.borrowing_base is not None
            else ()
        )
        certificates.append(Certificate(borrower, r, i, found, own is not None, notes, titles))
    return CertificateRun(as_of, engine, agreement_id, tuple(certificates), tuple(warnings))


def _no_receivables() -> ReceivablesResult:
    zero = Decimal("0.00")
    buckets = tuple(Bucket(reason, zero) for reason in RECEIVABLE_REASONS)
    return ReceivablesResult("", 0, zero, buckets, zero, zero, zero)


def _class_warnings(sheet: RevolverTerms, events: AgreementEvents | None) -> tuple[str, ...]:
    if events is not None or sheet.borrowing_base is None:
        return ()
    return tuple(
        f"{c.title or c.id}: whether its condition is met cannot be known without the "
        "portfolio's events: the rate before it is used"
        for c in sheet.borrowing_base.inventory_classes
        if c.condition is not None
    )


def to_json(run: CertificateRun) -> dict[str, Any]:
    return {
        "schema": SCHEMA_ID,
        "as_of": run.as_of.isoformat(),
        "engine": run.engine,
        "agreement": run.agreement,
        "warnings": list(run.warnings),
        "borrowers": [_certificate_json(c) for c in run.certificates],
    }


def _money_or_none(amount: Decimal | None) -> str | None:
    return money_str(amount) if amount is not None else None


def _buckets_json(buckets: Any) -> list[dict[str, str]]:
    return [{"reason": b.reason, "amount": money_str(b.amount)} for b in buckets]


def _certificate_json(c: Certificate) -> dict[str, Any]:
    receivables = None
    if c.receivables is not None:
        r = c.receivables
        receivables = {
            "rows": r.rows,
            "aging_total": money_str(r.aging_total),
            "gross": money_str(r.gross),
            "ineligible": _buckets_json(r.buckets),
            "eligible": money_str(r.eligible),
            "advance": _money_or_none(c.advance("receivables_advance")),
            "unapplied_credits": money_str(r.unapplied_credits),
        }
        capped = c.optional("borrowing_base_cap")
        if capped is not None:
            receivables["borrowing_base_cap"] = money_str(capped)
    inventory = None
    if c.inventory is not None:
        i = c.inventory
        inventory = {
            "rows": i.rows,
            "gross": money_str(i.gross),
            "ineligible": _buckets_json(i.buckets),
            "eligible_by_class": _buckets_json(i.eligible_by_class),
            "eligible": money_str(i.eligible),
            "advance": _money_or_none(c.advance("inventory_advance")),
        }
    figures = ["borrowing_base", "line_cap"]
    if c.loans_known:
        figures += ["availability"]
    return {
        "borrower_id": c.borrower_id,
        "receivables": receivables,
        "inventory": inventory,
        **{name: money_str(c.figure(name)) for name in figures},
        "traces": {
            # pactum.collateral/1 keeps its sources as text, as they read
            v.id: {**serialise(v.trace), "sources": [source_text(s) for s in v.trace.sources]}
            for v in c.availability.values
            if v.trace
            and v.id in ("receivables_advance", "inventory_advance", "borrowing_base", "line_cap")
        },
        "debtors": [
            {
                "debtor_id": d.debtor_id,
                "debtor_name": d.debtor_name,
                "invoices": d.invoices,
                "gross": money_str(d.gross),
                **{b.reason: money_str(b.amount) for b in d.buckets},
                "eligible": money_str(d.eligible),
            }
            for d in (c.receivables.debtors if c.receivables else ())
        ],
        "warnings": list(c.warnings),
    }
