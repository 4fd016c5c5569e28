"""Quotes matched across the artefacts of filed texts: page numbers on lines of their own,
words broken at line ends with a hyphen, `l` scanned for `1`. A quote is tried as it is first;
`verify` notes the tolerance a match needed, and the dashboard's span is still the original
text's."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactum.portfolio import load_portfolio
from pactum.verify import SearchableText, Tolerance, quote_span, verify_portfolio

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "innotrac"

# The Windham amendment as filed: section 3 runs across the page break "-2-".
WINDHAM = (EXAMPLE / "documents" / "windham-first-amendment-2003-04-04.txt").read_text("utf-8")

# Excerpts of corpus texts as filed (shared/corpus): a LexPredict lease with "PAGE 1" inside a
# sentence, a CUAD agreement with a bare page number inside one, and an OCR'd lease.
NOVAVAX = "TENANT shall pay within thirty\nPAGE 1\n(30)\xa0days after submission of the bill"
ELF = 'or other form of compensation. The terms\n\n2\n\n"beneficially owns" and'
SCANNED = "256 Meeting Street PO Box 538 Charleston, SC 2940I\nrent of $l,000,000 a year"


def matched(text: str, quote: str) -> tuple[tuple[Tolerance, ...], str]:
    """The tolerances the match needed and the original text it spans."""
    found = SearchableText.of(text).match(quote)
    assert found is not None, quote
    start, end = found.span()
    return found.tolerances, text[start:end]


def test_found_as_it_is_needs_no_tolerance() -> None:
    assert matched(NOVAVAX, "TENANT shall pay within thirty") == (
        (),
        "TENANT shall pay within thirty",
    )


@pytest.mark.parametrize(
    ("text", "quote", "span"),
    [
        (
            WINDHAM,
            "and (b) in an amount equal to $8,092.91 otherwise payable",
            "and (b) in an\n\n                                      -2-\n\n"
            "amount equal to $8,092.91 otherwise payable",
        ),
        (
            NOVAVAX,
            "shall pay within thirty (30) days after submission",
            "shall pay within thirty\nPAGE 1\n(30)\xa0days after submission",
        ),
        (ELF, 'The terms "beneficially owns"', 'The terms\n\n2\n\n"beneficially owns"'),
        ("the Borrower\n   23\nshall deliver", "the Borrower shall", "the Borrower\n   23\nshall"),
        ("notice\n<PAGE>   16\ngiven", "notice given", "notice\n<PAGE>   16\ngiven"),
        ("notice\n- 12 -\ngiven", "notice given", "notice\n- 12 -\ngiven"),
        ("notice\nPage 3 of 20\ngiven", "notice given", "notice\nPage 3 of 20\ngiven"),
    ],
)
def test_page_numbers_on_their_own_lines(text: str, quote: str, span: str) -> None:
    assert matched(text, quote) == ((Tolerance.page_numbers,), span)


def test_a_number_within_a_line_is_not_a_page_number() -> None:
    # "within 30 days": dropping the 30 would change what the quote says
    assert SearchableText.of("shall pay within 30\ndays of the bill").match("within days") is None
    assert SearchableText.of("shall pay within\n30 days").match("within days") is None


def test_word_broken_at_a_line_end() -> None:
    text = "the Borrower's excess avail-\n   ability under the line"
    assert matched(text, "excess availability under") == (
        (Tolerance.line_end_hyphens,),
        "excess avail-\n   ability under",
    )


def test_a_hyphen_within_a_line_stays() -> None:
    # "first-class" is one word written with a hyphen: it is not a broken word
    assert SearchableText.of("by registered first-class mail").match("firstclass mail") is None


@pytest.mark.parametrize(
    ("quote", "span"),
    [
        ("Charleston, SC 29401", "Charleston, SC 2940I"),
        ("rent of $1,000,000", "rent of $l,000,000"),
    ],
)
def test_l_for_1_in_figures(quote: str, span: str) -> None:
    assert matched(SCANNED, quote) == ((Tolerance.l_for_1,), span)


def test_l_in_words_is_not_1() -> None:
    assert SearchableText.of("the Illinois building").match("the 1llinois building") is None


def test_two_tolerances_together() -> None:
    text = "an amount of $l,000,000 of avail-\n\n-3-\n\nability"
    assert matched(text, "$1,000,000 of availability") == (
        (Tolerance.page_numbers, Tolerance.line_end_hyphens, Tolerance.l_for_1),
        "$l,000,000 of avail-\n\n-3-\n\nability",
    )
    # only what was needed is named
    assert matched(text, "$1,000,000 of avail-") == ((Tolerance.l_for_1,), "$l,000,000 of avail-")


def test_not_there_even_with_tolerances() -> None:
    assert SearchableText.of(WINDHAM).match("in an amount equal to $8,092.92") is None
    assert quote_span(WINDHAM, "in an amount equal to $8,092.92") is None


def test_quote_span_uses_the_tolerances() -> None:
    start, end = quote_span(NOVAVAX, "within thirty (30) days") or (0, 0)
    assert NOVAVAX[start:end] == "within thirty\nPAGE 1\n(30)\xa0days"


def test_verify_notes_the_tolerance(example: Path) -> None:
    sheet = example / "agreements" / "windham-lease.yaml"
    text = sheet.read_text(encoding="utf-8")
    old = 'cite: "amount equal to $8,092.91 otherwise payable for each of the months"'
    assert text.count(old) == 4
    # the first of the three May-July abatements cites its figure across the page break
    new = 'cite: "and (b) in an amount equal to $8,092.91 otherwise payable for each of the months"'
    sheet.write_text(text.replace(old, new, 1), encoding="utf-8")
    report = verify_portfolio(load_portfolio(example))
    assert report.citation_failures == []
    [note] = [f for f in report.findings if f.check == "citation"]
    assert note.status == "note"
    assert note.field == "lease.abatements.1.amount"
    assert note.found.endswith(
        "found in windham-first-amendment-2003-04-04.txt only allowing for page numbers"
    )
    assert (
        note.expected == "the text as filed (a page number on a line of its own within the quote)"
    )
    assert report.by_agreement["windham-lease"].cited == 45
