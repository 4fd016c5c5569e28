"""The Compliance Certificate: each financial covenant's latest test on or before the as-of date
(required level, actual, pass or fail, headroom in the test's unit and in its driving item),
the calculation schedule that builds each figure from the statements, its definition and
citations, the forecasts marked as projections, and the CFO's signature.

The figures are the clause's findings (`pactum check`), not computed again here: a revolver's
covenants and capex, or a `financial_tests` clause's tests.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from pactum.document import Document, Figure, Grid, Lines, Signature, text
from pactum.financial_tests.calculation_schedule import calculation_schedule, formula_words
from pactum.findings import (
    AgreementFindings,
    Basis,
    Comparator,
    Headroom,
    SourceRef,
    TestResult,
    Trace,
    Unit,
)
from pactum.format import item_words, item_words_within, source_text
from pactum.terms.formulas import Formula
from pactum.terms.values import Term

KIND = "compliance-certificate"
COLUMNS = (
    "Covenant",
    "Test date",
    "Basis",
    "Test",
    "Required",
    "Actual",
    "Result",
    "Headroom",
    "Driving item",
    "Driver may fall by",
)


@dataclass(frozen=True)
class CovenantResult:
    test: TestResult
    definition: str  # the formula, with the definitions it uses, in words
    citations: tuple[str, ...]  # the level's and the definitions' quotes or assumptions
    sources: tuple[SourceRef, ...]  # the same, as the required figure's trace keeps them

    @property
    def level_set_by(self) -> str:
        """The instrument and section whose term set the level on the test date ("Amendment
        No. 6, Section 7.2.4"); "" in a sheet of one document."""
        source = self.test.level_source
        return source.where if source is not None and source.instrument else ""

    @property
    def result(self) -> str:
        if self.test.passed is None:
            return "not evaluated"
        if self.test.basis is Basis.forecast:
            return "projected pass" if self.test.passed else "projected FAIL"
        return "pass" if self.test.passed else "FAIL"


@dataclass(frozen=True)
class ComplianceCertificate:
    company: str
    agreement_id: str
    agreement_title: str
    as_of: date
    certified: tuple[CovenantResult, ...]  # each covenant's latest actual test to the as-of date
    forecasts: tuple[CovenantResult, ...]  # projections after it: shown, not certified

    @property
    def period_end(self) -> date | None:
        return max((c.test.test_date for c in self.certified), default=None)

    @property
    def failures(self) -> tuple[CovenantResult, ...]:
        return tuple(c for c in self.certified if c.test.passed is False)

    def statement(self) -> str:
        if self.period_end is None:
            return (
                f"The undersigned, the Chief Financial Officer of {self.company}, certifies "
                f"that no financial covenant test date of the {self.agreement_title} has "
                f"passed on or before {self.as_of.isoformat()}; the forecasts above are "
                "projections, shown for information, and are not certified."
            )
        open_tests = [c.test.label for c in self.certified if c.test.passed is None]
        compliance = "was in compliance with each financial covenant listed"
        if self.failures:
            compliance += ", except: " + "; ".join(c.test.label for c in self.failures)
        if open_tests:
            compliance += "; not evaluated for want of data: " + "; ".join(open_tests)
        return (
            f"The undersigned, the Chief Financial Officer of {self.company}, certifies on "
            f"behalf of {self.company} that (1) the figures above were computed from its "
            f"financial statements for the period ended {self.period_end.isoformat()} under "
            f"the definitions set out in this certificate and the {self.agreement_title}; "
            f"(2) at each test date shown {self.company} {compliance}; and (3) the forecasts "
            "are projections, shown for information, and are not certified."
        )

    @property
    def names_instruments(self) -> bool:
        """Whether a level was set by a named instrument (a sheet of several): then each row
        says which instrument and section set its level."""
        return any(c.level_set_by for c in (*self.certified, *self.forecasts))

    def document(self) -> Document:
        columns = _columns(self.names_instruments)
        by = self.names_instruments
        sections: list[Grid | Lines] = [
            Grid(
                "Covenant tests"
                + (
                    f" for the period ended {self.period_end.isoformat()}"
                    if self.period_end
                    else ""
                ),
                columns,
                tuple(_row(c, by) for c in self.certified),
                () if self.certified else ("No covenant test date on or before the as-of date.",),
            )
        ]
        if self.forecasts:
            sections.append(
                Grid(
                    "Forecasts (projections, not certified)",
                    columns,
                    tuple(_row(c, by) for c in self.forecasts),
                )
            )
        # how each certified figure was built from the statements, on the certificate itself
        sections += [s for c in self.certified if (s := calculation_schedule(c.test))]
        every = {c.test.id: c for c in (*self.certified, *self.forecasts)}
        sections.append(
            Grid(
                "Definitions and citations",
                ("Covenant", "Definition", "Level and definitions cited"),
                tuple(
                    (
                        text(f"{key}.covenant", "Covenant", c.test.label),
                        text(f"{key}.definition", "Definition", c.definition),
                        text(f"{key}.citations", "Citations", "\n".join(c.citations)),
                    )
                    for key, c in every.items()
                ),
            )
        )
        return Document(
            kind=KIND,
            title="Compliance Certificate",
            company=self.company,
            agreement_id=self.agreement_id,
            agreement_title=self.agreement_title,
            as_of=self.as_of,
            sections=tuple(sections),
            signature=Signature(self.statement(), "Chief Financial Officer", self.company),
            landscape=True,
        )


def compliance_certificate(
    company: str,
    order_of_tests: Sequence[str],
    definitions: Mapping[str, Term[Formula]],
    findings: AgreementFindings,
    as_of: date,
) -> ComplianceCertificate:
    """From a clause's findings on `as_of`: the latest actual test of each covenant on or
    before it, and every forecast test (draw requests are not covenants), in the sheet's
    order of its tests (then any other, e.g. capital expenditure)."""
    covenants = [t for t in findings.tests if t.basis in (Basis.actual, Basis.forecast)]
    latest: dict[str, TestResult] = {}
    for test in covenants:
        if test.basis == "actual" and test.test_date <= as_of:
            known = latest.get(test.id)
            if known is None or test.test_date > known.test_date:
                latest[test.id] = test
    order = list(dict.fromkeys([*order_of_tests, *(t.id for t in covenants)]))
    forecasts = sorted(
        (t for t in covenants if t.basis == "forecast"),
        key=lambda t: (t.test_date, order.index(t.id)),
    )
    return ComplianceCertificate(
        company=company,
        agreement_id=findings.id,
        agreement_title=findings.title,
        as_of=as_of,
        certified=tuple(_result(definitions, latest[i]) for i in order if i in latest),
        forecasts=tuple(_result(definitions, t) for t in forecasts),
    )


def _result(definitions: Mapping[str, Term[Formula]], test: TestResult) -> CovenantResult:
    formula = test.trace.formula if test.trace else f"not evaluated: {test.note}"
    # a test not evaluated has no trace: its level's source still says where the level is
    refs = list(test.trace.sources if test.trace else ())
    if not refs and test.level_source is not None:
        refs.append(test.level_source)
    citations = [source_text(ref) for ref in refs]
    for name, term in definitions.items():
        ref = term.source_ref()
        if ref and re.search(rf"\b{re.escape(name)}\b", formula):
            refs.append(ref)
            citations.append(f"{item_words(name)}: {source_text(ref)}")
    return CovenantResult(
        test, formula_words(formula), tuple(dict.fromkeys(citations)), tuple(dict.fromkeys(refs))
    )


def _columns(names_instruments: bool) -> tuple[str, ...]:
    if not names_instruments:
        return COLUMNS
    at = COLUMNS.index("Required") + 1
    return (*COLUMNS[:at], "Level set by", *COLUMNS[at:])


def _row(c: CovenantResult, names_instruments: bool = False) -> tuple[Figure, ...]:
    t = c.test
    key = f"{t.id}@{t.test_date.isoformat()}"
    # the level as the test's trace gives it, with where it came from; a test not evaluated
    # (no financials for the date) has no trace, but its level is known all the same
    level = dict(t.trace.inputs).get("required", "") if t.trace else ""
    if not level and t.required is not None:
        level = str(t.required)
    driver = t.driver_headroom
    return (
        text(f"{key}.covenant", "Covenant", t.label),
        Figure(f"{key}.test_date", "Test date", t.test_date, Unit.date),
        text(f"{key}.basis", "Basis", t.basis),
        text(f"{key}.comparator", "Test", t.comparator),
        Figure(
            f"{key}.required",
            "Required",
            t.required,
            t.unit,
            trace=Trace("the level in force on the test date", {"level": level}, c.sources),
        ),
        *(
            (text(f"{key}.level_set_by", "Level set by", c.level_set_by),)
            if names_instruments
            else ()
        ),
        Figure(f"{key}.actual", "Actual", t.actual, t.unit, trace=t.trace, note=t.note),
        text(f"{key}.result", "Result", c.result),
        Figure(
            f"{key}.headroom",
            "Headroom",
            t.headroom,
            t.unit,
            trace=Trace(
                (
                    "actual - required"
                    if t.comparator in (Comparator.at_least, Comparator.more_than)
                    else "required - actual"
                ),
                {"required": str(t.required), "actual": str(t.actual)},
            )
            if t.headroom is not None
            else None,
        ),
        text(f"{key}.driver", "Driving item", item_words(driver.item) if driver else ""),
        Figure(
            f"{key}.driver_headroom",
            "Driver may fall by",
            driver.amount if driver else None,
            Unit.money,
            trace=_driver_trace(driver) if driver else None,
        ),
    )


def _driver_trace(driver: Headroom) -> Trace:
    """How far the driving item may fall, and how that follows from the measure's figures
    (`Headroom.trace`)."""
    why = (
        f"how far {item_words_within(driver.item)} may fall before the test fails (negative: "
        "how much it must rise)"
    )
    if driver.trace is None:
        return Trace(why)
    return Trace(f"{why}: {driver.trace.formula}", driver.trace.inputs, driver.trace.sources)
