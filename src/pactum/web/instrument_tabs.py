"""The agreement page's instruments: in a sheet of several, each instrument as a tab beside
the term sheet (its document with the quotes taken from it highlighted, or "not in hand"),
and each amended term (one whose value an instrument changed) with its earlier values and the
instruments that gave them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pactum.findings import SourceRef
from pactum.format import source_text
from pactum.portfolio import Agreement
from pactum.term_history import term_histories
from pactum.verify import instrument_at
from pactum.web.document import DocumentView, document_view
from pactum.web.term_sheet import TermRow


@dataclass(frozen=True)
class InstrumentTab:
    id: str
    title: str
    kind: str
    dated: str
    effective: str  # "" when it takes effect on its date
    document_name: str  # "" when not in hand
    view: DocumentView | None  # None: its text is not in hand
    selected: bool  # the tab shown first: the latest instrument in hand


@dataclass(frozen=True)
class InstrumentsView:
    tabs: tuple[InstrumentTab, ...]
    quote_of_row: dict[str, str]  # a term row's anchor -> its quote's id, in its instrument
    # a term row's path -> each value it had, oldest first ("from 2008-03-05 Amendment No. 6:
    # 6.25 ..."), for terms an instrument changed
    amended: dict[str, tuple[str, ...]]
    # a term row's anchor -> the title of the instrument its quote or assumption is from
    instrument_of_row: dict[str, str]


def instruments_view(agreement: Agreement, rows: list[TermRow]) -> InstrumentsView | None:
    """The tabs and amended terms of an agreement of several instruments (None for one of a
    single document, which the page shows as before)."""
    sheet = agreement.sheet
    if not sheet.instruments:
        return None
    data = agreement.source.data
    first = sheet.instruments[0].id
    # each cited row's quote belongs to one instrument: its own, its clause's, else the first
    titles = {i.id: i.title for i in sheet.instruments}
    by_instrument: dict[str, list[TermRow]] = {}
    instrument_of_row: dict[str, str] = {}
    for row in rows:
        if row.quote or row.source == "assumed":
            named = instrument_at(data, row.at) or first
            instrument_of_row[row.anchor] = titles.get(named, named)
        if row.quote:
            by_instrument.setdefault(named, []).append(row)
    in_hand = [i.id for i in sheet.instruments if agreement.instrument_texts[i.id].text is not None]
    shown_first = in_hand[-1] if in_hand else first
    tabs: list[InstrumentTab] = []
    quote_of_row: dict[str, str] = {}
    for instrument in sheet.instruments:
        text = agreement.instrument_texts[instrument.id]
        view = None
        if text.text is not None:
            view = document_view(
                text.text, by_instrument.get(instrument.id, []), f"q-{instrument.id}-"
            )
            quote_of_row |= view.quote_of_row
        tabs.append(
            InstrumentTab(
                instrument.id,
                instrument.title,
                instrument.kind.value,
                instrument.dated.value.isoformat(),
                instrument.effective.value.isoformat() if instrument.effective else "",
                text.path.name if text.path is not None else "",
                view,
                instrument.id == shown_first,
            )
        )
    return InstrumentsView(tuple(tabs), quote_of_row, _amended(agreement), instrument_of_row)


def _amended(agreement: Agreement) -> dict[str, tuple[str, ...]]:
    """Each term an instrument changed (a history of more than one value), by its path as the
    term sheet's rows name it, with every value it had and the instrument that gave it; of a
    step schedule written by several instruments, each step after the first."""
    titles = {i.id: i.title for i in agreement.sheet.instruments}
    found: dict[str, tuple[str, ...]] = {}
    for history in term_histories(agreement):
        if len(history.changes) < 2:
            continue
        if history.steps and len({c.instrument for c in history.changes}) < 2:
            continue  # a step schedule one instrument wrote: its steps, not an amendment
        lines = []
        for change in history.changes:
            by = titles.get(change.instrument or "", change.instrument or "")
            value = "(no longer given)" if change.value is None else str(change.value)
            source = "" if change.source is None else f" {_quote_only(change.source)}"
            lines.append(f"from {change.effective.isoformat()} {by}: {value}{source}")
        # a step schedule's rows are its steps: each later step is where an instrument changed it
        for name in history.steps[1:] or (history.name,):
            found[name] = tuple(lines)
    return found


def _quote_only(source: SourceRef) -> str:
    # the instrument is named before the value: the source's quote or reason alone
    return source_text(replace(source, instrument=None, instrument_title=None, section=None))
