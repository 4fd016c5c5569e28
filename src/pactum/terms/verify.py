"""`pactum verify`: every quote is in its document, every cited value is in its quote, and
every stated figure agrees with the terms it follows from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pactum.expressions import Expression, ExpressionError
from pactum.portfolio import Agreement, Portfolio
from pactum.terms.sheet import Rounds, named_values
from pactum.terms.values import is_term_mapping
from pactum.terms.written_forms import appears_in, squash


@dataclass(frozen=True)
class Finding:
    agreement: str
    file: str
    line: int | None
    field: str
    status: str  # ok | fail | note
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:line {self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}"


@dataclass
class Report:
    cited: int = 0
    assumed: int = 0
    unsourced: int = 0
    stated_checked: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def failures(self) -> list[Finding]:
        return [f for f in self.findings if f.status == "fail"]

    def to_json(self) -> dict[str, Any]:
        return {
            "cited": self.cited,
            "assumed": self.assumed,
            "unsourced": self.unsourced,
            "stated_checked": self.stated_checked,
            "failures": len(self.failures),
            "findings": [f.__dict__ for f in self.findings],
        }


# Structural numbers that are not contract terms (a stated figure's rounding places)
_NOT_TERMS = {"places"}


def verify_portfolio(portfolio: Portfolio) -> Report:
    report = Report()
    for agreement in portfolio.agreements.values():
        _verify_agreement(agreement, report)
    return report


def _verify_agreement(agreement: Agreement, report: Report) -> None:
    doc = agreement.source
    document = squash(agreement.document_text)

    def note(path: tuple[str | int, ...], status: str, message: str) -> None:
        report.findings.append(
            Finding(
                agreement.id,
                str(doc.path),
                doc.line_of(path),
                ".".join(str(p) for p in path),
                status,
                message,
            )
        )

    def check_quote(path: tuple[str | int, ...], quote: str, values: list[object]) -> None:
        report.cited += 1
        if squash(quote) not in document:
            note(path, "fail", f"quote not found in {agreement.document_path.name}: {quote!r}")
            return
        for value in values:
            if not appears_in(value, quote):
                note(path, "fail", f"value {_written(value)} not found in its quote {quote!r}")

    def walk(node: Any, path: tuple[str | int, ...]) -> None:
        if is_term_mapping(node):
            values: list[object] = [node["value"]]
            if path and isinstance(path[-1], date):
                values.append(path[-1])  # a schedule entry's date is cited with its value
            if "cite" in node:
                check_quote(path, str(node["cite"]), [v for v in values if v is not None])
            elif "assumed" in node:
                report.assumed += 1
            else:
                _count_plain(node["value"], path)
            return
        if isinstance(node, dict):
            if "cite" in node and isinstance(node["cite"], str) and "value" not in node:
                check_quote(path, node["cite"], [])  # a reference: the clause, no value
            for key, child in node.items():
                if key not in ("cite", "assumed", "note"):
                    walk(child, (*path, key))
        elif isinstance(node, list):
            for i, child in enumerate(node):
                walk(child, (*path, i))
        else:
            _count_plain(node, path)

    def _count_plain(value: Any, path: tuple[str | int, ...]) -> None:
        if path and path[-1] in _NOT_TERMS:
            return
        if isinstance(value, Decimal | date) and not isinstance(value, bool):
            report.unsourced += 1
            note(path, "note", f"unsourced value {_written(value)} (neither cited nor assumed)")

    walk(doc.data, ())
    _verify_stated(agreement, report, note)


def _verify_stated(agreement: Agreement, report: Report, note: Any) -> None:
    names = named_values(agreement.source.data)
    for i, figure in enumerate(agreement.sheet.stated):
        path = ("stated", i)
        report.stated_checked += 1
        try:
            raw = Expression.parse(figure.formula).evaluate(names).value
        except ExpressionError as exc:
            note(path, "fail", f"stated figure {figure.id}: formula {figure.formula!r}: {exc}")
            continue
        quantum = Decimal(1).scaleb(-figure.places)
        computed = raw.quantize(quantum, rounding=ROUND_HALF_UP)
        stated = figure.value.value
        if computed != stated:
            note(
                path,
                "fail",
                (
                    f"stated figure {figure.id}: the document states {stated}, the terms give "
                    f"{computed} ({figure.formula} = {raw}); difference {stated - computed}"
                ),
            )
        elif raw != stated and figure.rounds is Rounds.display:
            note(
                path,
                "note",
                (
                    f"stated figure {figure.id}: {stated} is {raw} shown to {figure.places} places "
                    "(display rounding only)"
                ),
            )
        else:
            note(path, "ok", f"stated figure {figure.id}: {stated} agrees ({figure.formula})")


def _written(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)
