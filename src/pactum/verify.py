"""`pactum verify`: every quote is in its document, every cited value is in its quote, and
every stated figure agrees with the terms it follows from."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import Any

from pactum.errors import Problem, shown
from pactum.expressions import Expression, ExpressionError
from pactum.portfolio import Agreement, Portfolio
from pactum.terms.registry import Reconciliation, clause_types
from pactum.terms.sheet import Clause, Rounds, field_name, named_values
from pactum.terms.values import is_term_mapping
from pactum.terms.written_forms import appears_in, squash


@dataclass(frozen=True)
class Finding:
    """One result of verify. `citation` failures are bad input (a quote or value that is not
    in the document); `stated` failures are the document disagreeing with its own terms."""

    agreement: str
    file: str
    line: int | None
    field: str
    status: str  # ok | fail | note
    check: str  # citation | stated | sourcing
    found: str
    expected: str

    def __str__(self) -> str:
        return str(Problem(self.file, self.line, self.field, self.found, self.expected))


@dataclass(frozen=True)
class SearchableText:
    """A document in the form quotes are matched in (whitespace removed, case folded: see
    `squash`); the position in the original text of each character of that form is worked out
    only when a match is to be given back as a span of the original (the dashboard), not for
    `verify`, which only asks whether a quote is there."""

    text: str
    folded: str

    @classmethod
    def of(cls, text: str) -> SearchableText:
        return cls(text, squash(text))

    @cached_property
    def positions(self) -> tuple[int, ...]:
        positions: list[int] = []
        for match in re.finditer(r"\S", self.text):
            # case folding may turn one character into several (ß -> ss): each maps back to it
            positions.extend([match.start()] * len(match.group().casefold()))
        return tuple(positions)

    def find(self, quote: str) -> int:
        """Where `quote` starts in the folded form; -1 when it does not occur."""
        needle = squash(quote)
        return self.folded.find(needle) if needle else -1

    def span(self, quote: str) -> tuple[int, int] | None:
        """Where `quote` first occurs in the original text, ignoring whitespace and case:
        (start, end) with end exclusive; None when it does not occur."""
        at = self.find(quote)
        if at < 0:
            return None
        return self.positions[at], self.positions[at + len(squash(quote)) - 1] + 1


def quote_span(document: str, quote: str) -> tuple[int, int] | None:
    """The span of `document` that `quote` matches, as `pactum verify` matches quotes."""
    return SearchableText.of(document).span(quote)


@dataclass
class Tally:
    """How one agreement's terms are sourced, and how many stated figures were recomputed."""

    cited: int = 0
    assumed: int = 0
    unsourced: int = 0
    stated_checked: int = 0

    def to_json(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class Report:
    by_agreement: dict[str, Tally] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def tally(self, agreement: str) -> Tally:
        return self.by_agreement.setdefault(agreement, Tally())

    @property
    def cited(self) -> int:
        return sum(t.cited for t in self.by_agreement.values())

    @property
    def assumed(self) -> int:
        return sum(t.assumed for t in self.by_agreement.values())

    @property
    def unsourced(self) -> int:
        return sum(t.unsourced for t in self.by_agreement.values())

    @property
    def stated_checked(self) -> int:
        return sum(t.stated_checked for t in self.by_agreement.values())

    @property
    def failures(self) -> list[Finding]:
        return [f for f in self.findings if f.status == "fail"]

    @property
    def citation_failures(self) -> list[Finding]:
        return [f for f in self.failures if f.check == "citation"]

    def to_json(self) -> dict[str, Any]:
        return {
            "cited": self.cited,
            "assumed": self.assumed,
            "unsourced": self.unsourced,
            "stated_checked": self.stated_checked,
            "agreements": {name: t.to_json() for name, t in self.by_agreement.items()},
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
    document = SearchableText.of(agreement.document_text)
    tally = report.tally(agreement.id)

    def note(
        path: tuple[str | int, ...],
        status: str,
        check: str,
        found: str,
        expected: str,
        key: str | None = None,
    ) -> None:
        """Record a finding about the term at `path`, on the line of its `key` if given."""
        field = field_name(path, doc.data)
        report.findings.append(
            Finding(
                agreement.id,
                str(doc.path),
                doc.line_of((*path, key) if key else path),
                field,
                status,
                check,
                found,
                expected,
            )
        )

    def check_quote(path: tuple[str | int, ...], quote: str, values: list[object]) -> None:
        tally.cited += 1
        if document.find(quote) < 0:
            note(
                path,
                "fail",
                "citation",
                f"quote {shown(quote)}",
                f"text found in {agreement.document_path.name} (ignoring spaces and line breaks)",
                key="cite",
            )
            return
        for value in values:
            if not appears_in(value, quote):
                note(
                    path,
                    "fail",
                    "citation",
                    f"value {_written(value)} not written in its quote",
                    f"the quote {shown(quote)} to contain the value in some written form",
                    key="value",
                )

    def walk(node: Any, path: tuple[str | int, ...]) -> None:
        if is_term_mapping(node):
            values: list[object] = [node["value"]]
            if path and isinstance(path[-1], date):
                values.append(path[-1])  # a schedule entry's date is cited with its value
            if "cite" in node:
                check_quote(path, str(node["cite"]), [v for v in values if v is not None])
            elif "assumed" in node:
                tally.assumed += 1
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
        if isinstance(value, Decimal | date | bool):
            tally.unsourced += 1
            note(
                path,
                "note",
                "sourcing",
                f"unsourced value {_written(value)}",
                "a cite or an assumed reason",
            )

    walk(doc.data, ())
    _verify_stated(agreement, report, note)
    for clause in agreement.clauses:
        results = reconciliations(clause)
        # a figure may get several findings (each share, then the shares together)
        report.tally(agreement.id).stated_checked += len({path for path, *_ in results})
        for path, status, found, expected in results:
            note((*clause.path, *path), status, "stated", found, expected)


def _verify_stated(agreement: Agreement, report: Report, note: Any) -> None:
    names = named_values(agreement.source.data)
    for i, figure in enumerate(agreement.sheet.stated):
        path = ("stated", i)
        report.tally(agreement.id).stated_checked += 1
        try:
            raw = Expression.parse(figure.formula).evaluate(names).value
        except ExpressionError as exc:
            note(
                path,
                "fail",
                "citation",
                f"formula {figure.formula!r} ({exc})",
                "arithmetic over the sheet's named values",
            )
            continue
        quantum = Decimal(1).scaleb(-figure.places)
        computed = raw.quantize(quantum, rounding=ROUND_HALF_UP)
        # the exact result, to six more places than the document shows: enough to see why
        exact = raw.quantize(quantum.scaleb(-6), rounding=ROUND_HALF_UP).normalize()
        stated = figure.value.value
        if computed != stated:
            note(
                path,
                "fail",
                "stated",
                f"{figure.id}: the document states {stated}",
                f"{computed} from the terms ({figure.formula} = {exact}); difference "
                f"{stated - computed}",
            )
        elif raw != stated and figure.rounds is Rounds.display:
            note(
                path,
                "note",
                "stated",
                f"{figure.id}: the document states {stated}",
                f"{exact} from the terms: the same shown to {figure.places} places "
                "(display rounding only, not an error)",
            )
        else:
            note(
                path,
                "ok",
                "stated",
                f"{figure.id}: the document states {stated}",
                f"{computed} from the terms ({figure.formula}): agrees",
            )


def _written(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def reconciliations(clause: Clause) -> Sequence[Reconciliation]:
    """The clause type's own recomputation of figures the document states: (path within the
    clause, ok|note|fail, found, expected) each."""
    return clause_types()[clause.type].reconcile(clause.terms)
