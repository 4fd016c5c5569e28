"""Each term of a loaded sheet knows where it is written, and its sources say so."""

from __future__ import annotations

from conftest import EXAMPLE
from pactum.fees.schema import FeesTerms
from pactum.findings import SourceRef
from pactum.findings_json import serialise
from pactum.format import source_text
from pactum.kinds.revolver.schema import RevolverTerms
from pactum.terms.sheet import load_term_sheet
from pactum.terms.values import Origin, Term, sources

SHEET = "agreements/southtrust-abl.yaml"


def _sheet() -> RevolverTerms:
    [facility] = load_term_sheet(EXAMPLE / SHEET).clauses_of("revolver")
    return facility.terms_as(RevolverTerms)


def test_a_cited_term_knows_its_sheet_path_and_line() -> None:
    base = _sheet().borrowing_base
    assert base is not None
    rate = base.receivables_rate
    assert rate is not None
    assert rate.origin == Origin(SHEET, ("clauses", 0, "borrowing_base", "receivables_rate"), 20)
    [ref] = sources(rate)
    assert ref == SourceRef(
        SHEET,
        ("clauses", 0, "borrowing_base", "receivables_rate"),
        20,
        quote="limited to 85% of eligible accounts receivable",
    )
    assert serialise(ref) == {
        "sheet": SHEET,
        "path": "clauses.0.borrowing_base.receivables_rate",
        "line": 20,
        "quote": "limited to 85% of eligible accounts receivable",
    }
    assert source_text(ref) == '"limited to 85% of eligible accounts receivable"'


def test_an_assumed_term_shows_its_reason() -> None:
    reporting = _sheet().reporting
    assert reporting is not None
    [ref] = sources(reporting.measured_against)
    assert ref.path == ("clauses", 0, "reporting", "measured_against") and ref.line == 59
    assert ref.quote is None and ref.assumed is not None
    assert source_text(ref).startswith("assumed: The letter does not say what the 15%")


def test_list_items_and_dated_keys_are_in_the_path() -> None:
    sheet = _sheet()
    [fees] = load_term_sheet(EXAMPLE / SHEET).clauses_of("fees")
    amount = fees.terms_as(FeesTerms).fees[0].amount
    assert amount is not None and amount.origin is not None
    assert amount.origin.path == ("clauses", 1, "fees", 0, "amount")
    schedule = sheet.covenants[0].schedule
    assert schedule is not None
    first_level = next(iter(schedule.values()))
    assert first_level.origin is not None
    assert first_level.origin.path == ("clauses", 0, "covenants", 0, "schedule", "2003-03-31")


def test_a_term_built_outside_a_sheet_has_no_origin_and_a_plain_term_no_source() -> None:
    assert Term[int](value=3).origin is None
    assert sources(Term[int](value=3)) == ()
