"""The findings as the `pactum.findings/2` JSON document, one function per record type.

As Fava's `serialisation.py`: `serialise` dispatches on the record's type, so the records stay
plain data. Money is a string with two decimals, a ratio a decimal string with four, a
percentage of 100 one with two, a date an ISO string; a value that is not determined is null.
A source is an object naming the sheet, the term's dotted path and its line, with the quote it
cites or the reason it is assumed.
"""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from pactum.findings import (
    AgreementFindings,
    Alert,
    Findings,
    NoticeFinding,
    NoticeRecipient,
    Obligation,
    SourceRef,
    TestResult,
    Trace,
    Value,
)
from pactum.format import moment_str, render
from pactum.money import money_str

SCHEMA_ID = "pactum.findings/2"


@singledispatch
def serialise(obj: object) -> Any:
    """The JSON form of a findings record."""
    raise TypeError(f"no JSON form for {type(obj).__name__}")


@serialise.register
def _findings(findings: Findings) -> dict[str, Any]:
    document: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "as_of": findings.as_of.isoformat(),
        "company": findings.company,
    }
    if findings.borrowers:  # a book: its borrowers, and each agreement names its own
        document["borrowers"] = [{"id": i, "name": name} for i, name in findings.borrowers]
    document["agreements"] = [serialise(a) for a in findings.agreements]
    return document


@serialise.register
def _agreement(found: AgreementFindings) -> dict[str, Any]:
    # one company's findings keep their shape; in a book each agreement names its borrower
    borrower = {"borrower": found.borrower} if found.borrower is not None else {}
    listed = found.listed_values()
    return {
        "id": found.id,
        **borrower,
        "title": found.title,
        # each clause with the keys (in "values") of the values it found
        "clauses": [
            {
                "id": c.id,
                "type": c.type,
                "values": [v.key for v in listed if v.value.clause == c.id],
            }
            for c in found.clauses
        ],
        "status": found.status.value,
        "values": {v.key: serialise(v.value) for v in listed},
        "traces": {v.key: serialise(v.value.trace) for v in listed if v.value.trace},
        "tests": [serialise(t) for t in found.tests],
        "obligations": [serialise(o) for o in found.obligations],
        "alerts": [serialise(a) for a in found.alerts],
        "notices": [serialise(n) for n in found.notices],
    }


@serialise.register
def _value(value: Value) -> str | None:
    """The value alone (its trace is listed apart); null when it is not determined (e.g. an
    open option)."""
    return None if value.value is None else render(value.value, value.unit)


@serialise.register
def _trace(trace: Trace) -> dict[str, Any]:
    return {
        "formula": trace.formula,
        "inputs": dict(trace.inputs),
        "sources": [serialise(s) for s in trace.sources],
    }


@serialise.register
def _test(test: TestResult) -> dict[str, Any]:
    def figure(amount: object) -> str | None:
        return None if amount is None else render(amount, test.unit)

    driver = test.driver_headroom
    return {
        "id": test.id,
        "clause": test.clause,
        "label": test.label,
        "test_date": test.test_date.isoformat(),
        "basis": test.basis.value,
        "comparator": test.comparator.value,
        "unit": test.unit.value,
        "required": figure(test.required),
        "actual": figure(test.actual),
        "passed": test.passed,
        "headroom": figure(test.headroom),
        "driver_headroom": (
            {
                "item": driver.item,
                "amount": money_str(driver.amount),
                **({"trace": serialise(driver.trace)} if driver.trace else {}),
            }
            if driver
            else None
        ),
        "note": test.note,
        "trace": serialise(test.trace) if test.trace else None,
        # only a waived result says so (a result without a waiver keeps its old form)
        **({"waived_by": test.waived_by} if test.waived_by is not None else {}),
        # in a sheet of several instruments, the term that set the level on the test date
        **(
            {"level_source": serialise(test.level_source)}
            if test.level_source is not None and test.level_source.instrument is not None
            else {}
        ),
    }


@serialise.register
def _obligation(obligation: Obligation) -> dict[str, Any]:
    return {
        "due": obligation.due.isoformat(),
        "what": obligation.what,
        "amount": money_str(obligation.amount) if obligation.amount is not None else None,
        "sources": [serialise(s) for s in obligation.sources],
        "note": obligation.note,
        "category": obligation.category.value,
        "id": obligation.id,
        "clause": obligation.clause,
    }


@serialise.register
def _alert(alert: Alert) -> dict[str, Any]:
    return {
        "severity": alert.severity.value,
        "message": alert.message,
        "source": serialise(alert.source) if alert.source is not None else None,
        "clause": alert.clause,
    }


@serialise.register
def _recipient(recipient: NoticeRecipient) -> dict[str, Any]:
    return {
        "party": recipient.party,
        "address": recipient.address,
        "copies": list(recipient.copies),
    }


@serialise.register
def _notice(notice: NoticeFinding) -> dict[str, Any]:
    # "received" only when the notice records one: the notices before receipt rules read the same
    received = {"received": moment_str(notice.received)} if notice.received else {}
    return {
        "clause": notice.clause,
        "method": notice.method,
        "sent": moment_str(notice.sent),
        **received,
        "acknowledged": moment_str(notice.acknowledged) if notice.acknowledged else None,
        "deemed_given": notice.deemed_given.isoformat() if notice.deemed_given else None,
        "deemed_given_at": (moment_str(notice.deemed_given_at) if notice.deemed_given_at else None),
        "status": notice.status.value if notice.status is not None else "",
        "reasoning": list(notice.reasoning),
        "recipients": [serialise(r) for r in notice.recipients],
        "sources": [serialise(s) for s in notice.sources],
        "note": notice.note,
        # what the notice is of, when its event says (deadlines run from such notices)
        **({"about": notice.about} if notice.about else {}),
    }


@serialise.register
def _source(source: SourceRef) -> dict[str, Any]:
    """{"sheet", "path", "line"} and "quote" (as the sheet writes it) or "assumed"; and
    "instrument" (its id) with "instrument_title" in a sheet of several instruments, and
    "section" where the sheet says which section of it the term is in."""
    found: dict[str, Any] = {
        "sheet": source.sheet,
        "path": ".".join(str(step) for step in source.path),
        "line": source.line,
    }
    if source.quote is not None:
        found["quote"] = source.quote
    if source.assumed is not None:
        found["assumed"] = source.assumed
    if source.instrument is not None:
        found["instrument"] = source.instrument
    if source.instrument_title is not None:
        found["instrument_title"] = source.instrument_title
    if source.section is not None:
        found["section"] = source.section
    return found
