"""Where a quote is in its document (the span verify's matching finds), the document cut into
highlighted pieces, and a term sheet as rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pactum.verify import SearchableText, quote_span
from pactum.web.document import document_view
from pactum.web.term_sheet import TermRow, term_rows

LETTER = "Advance rates would be limited to 85% of\n                  eligible accounts receivable."


def test_a_quote_across_a_line_break_and_case() -> None:
    span = quote_span(LETTER, "LIMITED to 85% of eligible   accounts receivable")
    assert span == (23, 87)
    assert LETTER[23:87] == "limited to 85% of\n                  eligible accounts receivable"


def test_a_quote_at_the_very_start_and_end() -> None:
    assert quote_span("abc", "abc") == (0, 3)
    assert quote_span(" a b c ", "abc") == (1, 6)


def test_no_span_for_a_missing_or_empty_quote() -> None:
    assert quote_span(LETTER, "limited to 80%") is None
    assert quote_span(LETTER, "") is None
    assert quote_span(LETTER, " \n ") is None


def test_case_folding_that_changes_length_maps_back_to_the_original() -> None:
    # "ß" folds to "ss": the span still ends after the original character
    text = "die Straße ist lang"
    assert quote_span(text, "STRASSE") == (4, 10)
    assert SearchableText.of(text).span("strasse ist") == (4, 14)


def _cited(path: str, quote: str) -> TermRow:
    return TermRow(0, path, path, f"term-{path}", "cited", "1", quote)


def test_overlapping_quotes_are_cut_into_pieces() -> None:
    text = "one two three four five"
    rows = [
        _cited("a", "two three"),
        _cited("b", "three four"),
        _cited("c", "TWO three"),  # the same span as a: the same quote
        _cited("d", "not there"),
    ]
    view = document_view(text, rows)
    assert view.quote_of_row == {"term-a": "q-1", "term-b": "q-2", "term-c": "q-1"}
    assert view.unmatched == ("d",)
    assert [(p.text, p.quotes, p.anchors) for p in view.pieces] == [
        ("one ", (), ()),
        ("two ", ("q-1",), ("q-1",)),
        ("three", ("q-1", "q-2"), ("q-2",)),
        (" four", ("q-2",), ()),
        (" five", (), ()),
    ]
    assert view.pieces[2].terms == ("a", "c", "b")
    assert "".join(p.text for p in view.pieces) == text


def test_term_rows_of_a_sheet() -> None:
    data = {
        "id": "x",
        "commitment": {"value": Decimal("40000000"), "cite": "a $40,000,000\n credit facility"},
        "reporting": {
            "threshold": {"value": Decimal("0.15"), "cite": "greater than 15%"},
            "basis": {"value": "line_cap", "assumed": "The letter\n is silent."},
        },
        "covenants": [
            {"id": "tnw", "schedule": {date(2003, 3, 31): {"value": 1, "cite": "at 3/31/03"}}}
        ],
        "parties": ["A", "B"],
    }
    rows = [(r.depth, r.path, r.source, r.value, r.quote, r.reason) for r in term_rows(data)]
    assert rows == [
        (0, "id", "plain", "x", "", ""),
        (0, "commitment", "cited", "40000000", "a $40,000,000 credit facility", ""),
        (0, "reporting", "heading", "", "", ""),
        (1, "reporting.threshold", "cited", "0.15", "greater than 15%", ""),
        (1, "reporting.basis", "assumed", "line_cap", "", "The letter is silent."),
        (0, "covenants", "heading", "", "", ""),
        (1, "covenants.tnw", "heading", "", "", ""),
        (2, "covenants.tnw.id", "plain", "tnw", "", ""),
        (2, "covenants.tnw.schedule", "heading", "", "", ""),
        (3, "covenants.tnw.schedule.2003-03-31", "cited", "1", "at 3/31/03", ""),
        (0, "parties", "plain", "A, B", "", ""),
    ]
    anchors = [r.anchor for r in term_rows(data)]
    assert len(set(anchors)) == len(anchors)
    assert anchors[9] == "term-covenants-tnw-schedule-2003-03-31"
