"""`pactum verify`: every quote is in its document, every cited value is in its quote, and
every stated figure agrees with the terms it follows from."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cached_property
from itertools import combinations
from typing import Any

from pactum.errors import Problem, shown
from pactum.expressions import Expression, ExpressionError
from pactum.portfolio import Agreement, Portfolio
from pactum.terms.formulas import Formula, formula_paths
from pactum.terms.registry import Reconciliation, clause_types
from pactum.terms.sheet import Clause, Rounds, field_name, named_values
from pactum.terms.units import unit_of_key, units_written
from pactum.terms.values import is_term_mapping
from pactum.terms.written_forms import (
    appears_in,
    colon_typed_ratio,
    names_in,
    phrase_in,
    squash,
)


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


class Tolerance(StrEnum):
    """An artefact of a filed text that a quote may be matched across, when it is not found
    as it is. Each is a change of the document's characters that keeps their positions (a
    character dropped becomes a space), so a span found with it is a span of the original."""

    page_numbers = "page numbers"
    line_end_hyphens = "line-end hyphens"
    l_for_1 = "l for 1"

    @property
    def means(self) -> str:
        return {
            Tolerance.page_numbers: "a page number on a line of its own within the quote",
            Tolerance.line_end_hyphens: "a word broken at a line end with a hyphen",
            Tolerance.l_for_1: "'l' or 'I' scanned for '1' in a figure",
        }[self]


# a value's tolerance, as the quote tolerances are named: a ratio typed "4:00:1" for 4.00:1
COLON_FOR_DECIMAL_POINT = "a colon for a decimal point"

# a line that holds only a page marker: "2", "-2-", "- 12 -", "Page 3", "PAGE 1", "<PAGE> 16",
# "Page 3 of 20"
_PAGE_LINE = re.compile(
    r"^[ \t]*(?:<page>[ \t]*)?(?:page[ \t]+)?[-\u2013\u2014]?[ \t]*\d{1,4}"
    r"(?:[ \t]+of[ \t]+\d{1,4})?[ \t]*[-\u2013\u2014]?[ \t]*$|^[ \t]*<page>[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# a hyphen at a line end between letters: "avail-\nability"
_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[ \t]*\r?\n\s*[^\W\d_])")
# l or I touching a figure: "$l,000,000", "2940I", "l5"
_L_FOR_1 = re.compile(
    r"(?:(?<=[0-9$])|(?<=[0-9][,.]))[lI]+(?![^\W\d_])|(?<![^\W\d_])[lI]+(?=[,.]?[0-9])"
)


def _tolerated(text: str, tolerance: Tolerance) -> tuple[str, int]:
    """`text` with one artefact undone, of the same length; and how many places changed."""
    if tolerance is Tolerance.page_numbers:
        return _PAGE_LINE.subn(lambda m: " " * len(m.group()), text)
    if tolerance is Tolerance.line_end_hyphens:
        return _LINE_END_HYPHEN.subn(" ", text)
    return _L_FOR_1.subn(lambda m: "1" * len(m.group()), text)


# the tolerances a quote is tried with when it is not found as it is: each alone, then in
# twos, then all, so that the note names only what was needed
_TOLERANCE_SETS: tuple[tuple[Tolerance, ...], ...] = tuple(
    combo for size in range(1, len(Tolerance) + 1) for combo in combinations(Tolerance, size)
)


@dataclass(frozen=True)
class QuoteMatch:
    """Where a quote was found: in which form of the document, at which place of its folded
    text, and the tolerances that form allows (none: found as it is)."""

    view: SearchableText
    at: int
    length: int
    tolerances: tuple[Tolerance, ...]

    def span(self) -> tuple[int, int]:
        """(start, end) in the original text, end exclusive."""
        positions = self.view.positions
        return positions[self.at], positions[self.at + self.length - 1] + 1


@dataclass(frozen=True)
class SearchableText:
    """A document in the form quotes are matched in (whitespace removed, case folded: see
    `squash`); the position in the original text of each character of that form is worked out
    only when a match is to be given back as a span of the original (the dashboard), not for
    `verify`, which only asks whether a quote is there.

    A quote not found as it is is tried again on the document with the artefacts of filed
    texts undone (`Tolerance`); the match says which were needed."""

    text: str
    folded: str
    _views: dict[tuple[Tolerance, ...], SearchableText | None] = field(
        default_factory=dict, compare=False, repr=False
    )

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

    def match(self, quote: str) -> QuoteMatch | None:
        """Where `quote` is, as it is or else with the fewest tolerances; None when it is not
        there (or is empty)."""
        needle = squash(quote)
        if not needle:
            return None
        at = self.folded.find(needle)
        if at >= 0:
            return QuoteMatch(self, at, len(needle), ())
        for tolerances in _TOLERANCE_SETS:
            view = self._view(tolerances)
            at = view.folded.find(needle) if view is not None else -1
            if view is not None and at >= 0:
                return QuoteMatch(view, at, len(needle), tolerances)
        return None

    def _view(self, tolerances: tuple[Tolerance, ...]) -> SearchableText | None:
        """The document with these artefacts undone, in order; None when one of them is not
        in it (a smaller set then gives the same text)."""
        if tolerances not in self._views:
            text, view = self.text, None
            for tolerance in tolerances:
                text, changed = _tolerated(text, tolerance)
                if not changed:
                    break
            else:
                view = SearchableText.of(text)
            self._views[tolerances] = view
        return self._views[tolerances]

    def span(self, quote: str) -> tuple[int, int] | None:
        """Where `quote` first occurs in the original text, ignoring whitespace and case (and,
        failing that, the artefacts of `Tolerance`): (start, end) with end exclusive; None when
        it does not occur."""
        found = self.match(quote)
        return found.span() if found is not None else None


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
# keys whose values are not terms of the agreement: a stated figure's decimal places, and the
# fields an event must have to count (`where: {all_of_space: true}`), which describe facts
# an instrument's `in_hand` says whether its text is here, not what it says: not a term
_NOT_TERMS = {"places", "where", "in_hand"}


def verify_portfolio(portfolio: Portfolio) -> Report:
    report = Report()
    for agreement in portfolio.agreements.values():
        _verify_agreement(agreement, report)
    return report


def _verify_agreement(agreement: Agreement, report: Report) -> None:
    doc = agreement.source
    texts = _searchable_texts(agreement)
    tally = report.tally(agreement.id)
    formulas = formula_paths(agreement.sheet)
    for clause in agreement.versions:
        formulas |= formula_paths(clause.terms, clause.path)

    def note(
        path: tuple[Any, ...],
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

    def quote_found(path: tuple[Any, ...], quote: str) -> bool:
        """Whether the quote is in its instrument's document; a failure, or a note naming the
        tolerances its match needed (or that the instrument is not in hand)."""
        instrument = instrument_at(doc.data, path)
        name, document = texts.get(instrument, texts[None])
        if document is None:
            note(
                path,
                "note",
                "citation",
                f"quote {shown(quote)} from {instrument!r}, which is not in hand",
                "its text in hand to check the quote against",
                key="cite",
            )
            return True
        found = document.match(quote)
        if found is None:
            note(
                path,
                "fail",
                "citation",
                f"quote {shown(quote)}",
                f"text found in {name} (ignoring spaces and line breaks)",
                key="cite",
            )
            return False
        if found.tolerances:
            allowing = "; ".join(t.means for t in found.tolerances)
            note(
                path,
                "note",
                "citation",
                f"quote {shown(quote)} found in {name} only allowing for "
                + ", ".join(t.value for t in found.tolerances),
                f"the text as filed ({allowing})",
                key="cite",
            )
        return True

    def check_value(path: tuple[Any, ...], value: object, quote: str) -> None:
        problem = _value_problem(path, value, quote, formulas, _words_of(doc.data, path))
        typed = colon_typed_ratio(value, quote) if problem is not None else None
        if typed is not None:
            # "4:00:1" read as 4.00:1: accepted, and said, like the quote tolerances
            note(
                path,
                "note",
                "citation",
                f"value {_written(value)} found in quote {shown(quote)} only allowing for "
                f"{COLON_FOR_DECIMAL_POINT}",
                f"the text as filed ({typed!r} read as {_written(value)}:1: a colon typed for "
                "the decimal point of a ratio)",
                key="value",
            )
        elif problem is not None:
            note(path, "fail", "citation", *problem, key="value")

    def walk(node: Any, path: tuple[Any, ...]) -> None:
        if is_term_mapping(node):
            if "cite" in node:
                tally.cited += 1
                quote = str(node["cite"])
                if not quote_found(path, quote):
                    return
                if node["value"] is not None:
                    check_value(path, node["value"], quote)
                if path and isinstance(path[-1], date):
                    # a schedule entry's date is cited with its value
                    check_value(path, path[-1], quote)
            elif "assumed" in node:
                tally.assumed += 1
            else:
                count_plain(node["value"], path)
            return
        if isinstance(node, dict):
            if "cite" in node and isinstance(node["cite"], str) and "value" not in node:
                tally.cited += 1  # a reference: the clause, no value
                quote_found(path, node["cite"])
            for key, child in node.items():
                if key not in ("cite", "assumed", "note") and key not in _NOT_TERMS:
                    walk(child, (*path, key))
        elif isinstance(node, list):
            for i, child in enumerate(node):
                walk(child, (*path, i))
        else:
            count_plain(node, path)

    def count_plain(value: Any, path: tuple[Any, ...]) -> None:
        if path and path[-1] in _NOT_TERMS:
            return
        if path in formulas:
            for number in formulas[path].numbers():
                tally.unsourced += 1
                note(
                    path,
                    "note",
                    "sourcing",
                    f"unsourced number {number} in the formula",
                    "the formula cited (its quote writing the number) or assumed with a reason",
                )
        elif isinstance(value, Decimal | date | bool):
            tally.unsourced += 1
            note(
                path,
                "note",
                "sourcing",
                f"unsourced value {_written(value)}",
                "a cite or an assumed reason",
            )

    walk(doc.data, ())
    _verify_retroactive(agreement, note)
    _verify_stated(agreement, report, note)
    reconciled: set[tuple[int | None, str, str, str]] = set()
    for clause in agreement.versions:
        results = reconciliations(clause)
        # a later version that repeats the terms (a consent restating the lease, its terms
        # aliased) reconciles the same figures on the same lines: counted and said once
        fresh = []
        for path, status, found, expected in results:
            seen = (doc.line_of((*clause.path, *path)), status, found, expected)
            if seen not in reconciled:
                reconciled.add(seen)
                fresh.append((path, status, found, expected))
        # a figure may get several findings (each share, then the shares together)
        report.tally(agreement.id).stated_checked += len({path for path, *_ in fresh})
        for path, status, found, expected in fresh:
            note((*clause.path, *path), status, "stated", found, expected)


def _verify_retroactive(agreement: Agreement, note: Any) -> None:
    """A note for each instrument effective before the date it bears (a consent "effective
    August 10, 1999" dated September 1, 1999): not an error, but the document says two dates
    and the earlier governs."""
    for i, instrument in enumerate(agreement.sheet.instruments):
        if instrument.effective is not None and instrument.effective.value < instrument.dated.value:
            days = (instrument.dated.value - instrument.effective.value).days
            note(
                ("instruments", i, "effective"),
                "note",
                "stated",
                f"{instrument.id!r} dated {instrument.dated.value.isoformat()} is effective "
                f"{instrument.effective.value.isoformat()}, {days} days before its date",
                "an instrument effective on or after its date (retroactive: its terms apply "
                "from the effective date)",
            )


def _searchable_texts(
    agreement: Agreement,
) -> dict[str | None, tuple[str, SearchableText | None]]:
    """Each instrument's document by its id (None: the sheet's one document, or its first
    instrument's), as (its file name, its searchable text or None when not in hand)."""
    if not agreement.instrument_texts:
        one = (agreement.document_path.name, SearchableText.of(agreement.document_text))
        return {None: one}
    found: dict[str | None, tuple[str, SearchableText | None]] = {}
    for instrument, text in agreement.instrument_texts.items():
        name = text.path.name if text.path is not None else instrument
        found[instrument] = (name, SearchableText.of(text.text) if text.text is not None else None)
    found[None] = found[agreement.sheet.instruments[0].id]
    return found


def instrument_at(data: Any, path: tuple[Any, ...]) -> str | None:
    """The instrument a term at `path` quotes: its own `instrument:`, else its clause's (or
    the instrument it belongs to, for an instrument's own date); None: the first."""
    node = data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
            break
    if isinstance(node, dict) and node.get("instrument") is not None:
        return str(node["instrument"])
    if len(path) >= 2 and path[0] in ("clauses", "instruments") and isinstance(path[1], int):
        entry = data[path[0]][path[1]]
        if path[0] == "instruments":
            return str(entry.get("id"))
        if isinstance(entry, dict) and entry.get("instrument") is not None:
            return str(entry["instrument"])
    return None


def _words_of(data: Any, path: tuple[Any, ...]) -> Mapping[str, tuple[str, ...]]:
    """The words the clause type of the clause at `path` declares for its keywords (none for
    the header)."""
    if len(path) >= 2 and path[0] == "clauses" and isinstance(path[1], int):
        entry = data["clauses"][path[1]]
        spec = clause_types().get(str(entry.get("type")))
        if spec is not None:
            return spec.written_as
    return {}


def _key_of(path: tuple[Any, ...]) -> str:
    """The sheet key a term is written under: the last name in its path (a schedule's date
    and a list's index are not names)."""
    return next((part for part in reversed(path) if isinstance(part, str)), "")


def _value_problem(
    path: tuple[Any, ...],
    value: object,
    quote: str,
    formulas: Mapping[tuple[Any, ...], Formula],
    words: Mapping[str, tuple[str, ...]],
) -> tuple[str, str] | None:
    """(found, expected) when the quote does not write `value` as the term at `path` needs."""
    key = _key_of(path)
    if path in formulas:
        for number in formulas[path].numbers():
            if not appears_in(number, quote):
                return (
                    f"number {number} of the formula not written in its quote",
                    f"the quote {shown(quote)} to write each number of the formula (0 and 1 aside)",
                )
        return None
    if isinstance(value, bool):
        declared = words.get(key, ())
        if names_in(key, quote) or any(phrase_in(w, quote) for w in declared):
            return None
        naming = " or ".join(repr(w) for w in (key.replace("_", " "), *declared))
        return (
            f"value {_written(value)}: its quote does not name the term",
            f"the quote {shown(quote)} to name it: {naming}",
        )
    for item in value if isinstance(value, list) else [value]:
        declared = words.get(item, ()) if isinstance(item, str) else ()
        if not appears_in(item, quote) and not any(phrase_in(w, quote) for w in declared):
            also = "".join(f", {w!r}" for w in declared)
            return (
                f"value {_written(item)} not written in its quote",
                f"the quote {shown(quote)} to contain the value in some written form{also}",
            )
    unit = unit_of_key(key)
    if unit is not None and isinstance(value, Decimal | int) and not isinstance(value, bool):
        given = units_written(value, quote)
        if given and unit not in given:
            return (
                f"value {_written(value)} counted in {' and '.join(sorted(given))} in its quote "
                f"{shown(quote)}",
                f"a count of {unit}, as the key {key!r} says",
            )
    return None


def _verify_stated(agreement: Agreement, report: Report, note: Any) -> None:
    names = named_values(agreement.source.data)
    for i, figure in enumerate(agreement.sheet.stated):
        path = ("stated", i)
        report.tally(agreement.id).stated_checked += 1
        try:
            raw = Expression.parse(figure.formula.value).evaluate(names).value
        except ExpressionError as exc:
            note(
                path,
                "fail",
                "citation",
                f"formula {figure.formula.value!r} ({exc})",
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
                f"{computed} from the terms ({figure.formula.value} = {exact:f}); difference "
                f"{stated - computed}",
            )
        elif raw != stated and figure.rounds is Rounds.display:
            note(
                path,
                "note",
                "stated",
                f"{figure.id}: the document states {stated}",
                f"{exact:f} from the terms: the same shown to {figure.places} places "
                "(display rounding only, not an error)",
            )
        else:
            note(
                path,
                "ok",
                "stated",
                f"{figure.id}: the document states {stated}",
                f"{computed} from the terms ({figure.formula.value}): agrees",
            )


def _written(value: object) -> str:
    """A value as the sheet writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if isinstance(value, date) else str(value)


def reconciliations(clause: Clause) -> Sequence[Reconciliation]:
    """The clause type's own recomputation of figures the document states: (path within the
    clause, ok|note|fail, found, expected) each."""
    return clause_types()[clause.type].reconcile(clause.terms)
