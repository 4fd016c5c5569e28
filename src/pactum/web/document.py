"""An agreement's document with every cited quote highlighted, for the agreement page.

Quotes are found as `pactum verify` finds them (`pactum.verify.SearchableText`: whitespace and
case ignored), so a quote that verify accepts is always highlighted. Quotes may overlap, so the
text is cut at every quote's start and end: each piece knows which quotes cover it, and the
piece where a quote starts carries that quote's anchor.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from pactum.verify import SearchableText
from pactum.web.term_sheet import TermRow


@dataclass(frozen=True)
class Piece:
    text: str
    quotes: tuple[str, ...] = ()  # ids of the quotes covering this piece
    anchors: tuple[str, ...] = ()  # ids of the quotes starting here
    terms: tuple[str, ...] = ()  # the term paths citing those quotes


@dataclass(frozen=True)
class DocumentView:
    pieces: tuple[Piece, ...]
    quote_of_row: dict[str, str]  # a term row's anchor -> its quote's id
    unmatched: tuple[str, ...]  # paths whose quote is not in the document


def document_view(text: str, rows: list[TermRow], prefix: str = "q-") -> DocumentView:
    searchable = SearchableText.of(text)
    spans: dict[tuple[int, int], str] = {}  # one id per distinct span
    citing: dict[str, list[str]] = {}
    quote_of_row: dict[str, str] = {}
    unmatched: list[str] = []
    for row in rows:
        if not row.quote:
            continue
        span = searchable.span(row.quote)
        if span is None:
            unmatched.append(row.path)
            continue
        quote_id = spans.setdefault(span, f"{prefix}{len(spans) + 1}")
        quote_of_row[row.anchor] = quote_id
        citing.setdefault(quote_id, []).append(row.path)
    cuts = sorted({0, len(text), *(at for span in spans for at in span)})
    pieces = []
    for start, end in pairwise(cuts):
        covering = tuple(q for (s, e), q in spans.items() if s <= start and end <= e)
        starting = tuple(q for (s, _), q in spans.items() if s == start)
        pieces.append(
            Piece(
                text[start:end],
                covering,
                starting,
                tuple(path for q in covering for path in citing[q]),
            )
        )
    return DocumentView(tuple(pieces), quote_of_row, tuple(unmatched))
