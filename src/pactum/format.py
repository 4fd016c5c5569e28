"""How findings read: a value's JSON text and its human text, a moment, and a source as the
terminal, the documents and the pages show it.

The records in `pactum.findings` carry no presentation; `pactum.findings_json` writes them as
JSON with `render`, and people see them through `display` and `source_text`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from pactum.findings import SourceRef, Unit, Value
from pactum.money import money_display, money_str, percent_str, points_str, ratio_str


def render(value: object, unit: Unit) -> str:
    """The JSON form of a value: money with two decimals, a percentage of 100 with two, a ratio
    with four, a date in ISO form."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        if unit is Unit.money:
            return money_str(value)
        if unit is Unit.percent or unit is Unit.points:
            return ratio_str(value * 100, 2)
        if unit is Unit.ratio:
            return ratio_str(value, 4)
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def display(value: object, unit: Unit) -> str:
    """The human form of a value: a yes-or-no in words (the JSON keeps "true"/"false" for
    machines; a person reads "yes")."""
    if isinstance(value, bool) or (unit is Unit.text and value in ("true", "false")):
        return "yes" if value in (True, "true") else "no"
    if isinstance(value, Decimal):
        if unit is Unit.money:
            return money_display(value)
        if unit is Unit.percent:
            return percent_str(value)
        if unit is Unit.points:
            return points_str(value)
        if unit is Unit.shares:
            return f"{value:,}"
    return render(value, unit)


def shown(value: Value) -> str:
    """A finding's value as people see it."""
    return display(value.value, value.unit)


def moment_str(moment: date) -> str:
    """A date, or a date and time to the minute when the time is known."""
    if isinstance(moment, datetime):
        return moment.isoformat(sep=" ", timespec="minutes")
    return moment.isoformat()


def wall_clock_str(moment: date) -> str:
    """As people read a time: `2004-01-20 09:00 EST` when it has a time zone (JSON keeps the
    offset, `moment_str`); a naive time or a date as `moment_str` shows it."""
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        return f"{moment:%Y-%m-%d %H:%M} {moment.tzname()}"
    return moment_str(moment)


def source_text(source: SourceRef) -> str:
    """A source as people see it: the quote in double quotes, its whitespace collapsed, or
    "assumed: " and the reason; then the instrument and section that set it, when known
    ("(Amendment No. 6, Section 7.2.4)")."""
    of = f" ({source.where})" if source.where else ""
    if source.quote is not None:
        return f'"{" ".join(source.quote.split())}"{of}'
    if source.assumed is not None:
        return f"assumed{of}: {source.assumed}"
    return ""


def sources_text(sources: Iterable[SourceRef]) -> str:
    """Several sources on one line, as an obligation shows the clauses behind it."""
    return "; ".join(source_text(s) for s in sources)


def optional_source_text(source: SourceRef | None) -> str:
    """`source_text`, or nothing for a finding without a source."""
    return "" if source is None else source_text(source)


# an item's id in words: the findings name items by the sheet's ids; people read words
ACRONYMS = {"ebitda", "ebit", "ebitdar", "ltm", "ttm", "npv", "lc"}
SPELLED_OUT = {"capex": "capital expenditures"}


def item_words(name: str) -> str:
    """An item's name as people write it: `fixed_charge_cash_flow` -> "Fixed charge cash
    flow", `ebitda` -> "EBITDA" (names are ids; a certificate prints words)."""
    words = [w.upper() if w in ACRONYMS else SPELLED_OUT.get(w, w) for w in name.split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def item_words_within(name: str) -> str:
    """An item's name in words inside a sentence: lower case but for an acronym at its start
    ("fixed charges", "EBITDA")."""
    words = item_words(name)
    return words if name.split("_")[0] in ACRONYMS else words[:1].lower() + words[1:]
