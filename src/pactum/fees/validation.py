"""The fees clause's checks beyond its schema: each fee is whole for its kind, and every name
it reads (a base's amount, the dates fees run between) is a term of the sheet."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from pactum.clauses.api import TermProblem, TermSheet
from pactum.fees.named import clause_ids, written_value
from pactum.fees.schema import Every, Fee, FeesTerms, Timing
from pactum.terms.named_dates import is_date_rule


def validate(terms: FeesTerms, header: TermSheet) -> list[TermProblem]:
    problems: list[TermProblem] = []
    for key in ("starts", "ends"):
        name = getattr(terms, key)
        if name is not None and not _names_a_date(header, name):
            problems.append(
                (
                    (key,),
                    repr(name),
                    "a named date of the sheet or a date in its terms, as <clause id>.<term> "
                    f"(e.g. facility.maturity; clauses: {clause_ids(header)}) or dated",
                )
            )
    seen: set[str] = set()
    for index, fee in enumerate(terms.fees):
        if fee.id in seen:
            problems.append((("fees", index, "id"), repr(fee.id), "a unique id for each fee"))
        seen.add(fee.id)
        problems += [
            (("fees", index, *path), found, expected) for path, found, expected in _fee(fee, header)
        ]
    return problems


def _names_a_date(header: TermSheet, name: str) -> bool:
    """A named date of the header, or a term written as a date or as a rule over dates."""
    written = written_value(header, name)
    return name in header.dates or isinstance(written, date) or is_date_rule(written)


def _fee(fee: Fee, header: TermSheet) -> Iterator[TermProblem]:
    periodic = fee.every.months > 0
    if fee.rate is not None and fee.rate_from is not None:
        yield ("rate_from",), "both rate and rate_from", "a rate or the figure it is read from"
    if (fee.amount is None) == (not fee.has_rate):
        yield (), "both amount and rate" if fee.amount else "neither", "an amount or a rate"
    if fee.rate_from is not None and not (periodic and fee.timing.value is Timing.arrears):
        yield (
            ("rate_from",),
            f"{fee.rate_from} on a fee {fee.every.value} in {fee.timing.value.value}",
            "a rate read day by day on a periodic fee in arrears (known at the period's end)",
        )
    if fee.has_rate and fee.amount is None and fee.base is None:
        yield (
            ("base",),
            "nothing",
            "a base for the rate: amount, average_unused or average_outstanding",
        )
    if fee.base is not None and not fee.has_rate:
        yield ("rate",), "nothing", "a rate for the base (a fixed fee has an amount and no base)"
    for key, value in (("amount", fee.amount), ("rate", fee.rate)):
        if value is not None and value.value < 0:
            yield (key,), str(value.value), "zero or more"
    yield from _base(fee, header)
    if fee.every is Every.once and fee.due is None:
        yield ("due",), "nothing", "the date a one-time fee is due"
    if fee.every is Every.event and not fee.event:
        yield ("event",), "nothing", "the name of the events (in events.yaml) the fee is charged on"
    if fee.max_per_year is not None and fee.every is not Every.event:
        yield ("max_per_year",), str(fee.max_per_year.value), "only for a fee on events"
    if fee.max_per_year is not None and fee.max_per_year.value < 1:
        yield ("max_per_year",), str(fee.max_per_year.value), "1 or more events a year"
    if fee.has_rate and periodic and fee.day_count is None:
        yield ("day_count",), "nothing", "a day count for a rate per annum: actual/360, ..."
    if fee.day_count is not None and not (fee.has_rate and periodic):
        yield ("day_count",), fee.day_count.value.value, "only for a periodic rate (per annum)"
    yield from _due(fee, periodic)
    yield from _condition(fee, header, periodic)
    reads_balances = (fee.base is not None and fee.base.averages) or fee.condition is not None
    if periodic and reads_balances and fee.timing.value is not Timing.arrears:
        yield (
            ("timing",),
            fee.timing.value.value,
            "arrears: a fee on a period's balances is known at the period's end",
        )


def _base(fee: Fee, header: TermSheet) -> Iterator[TermProblem]:
    base = fee.base
    if base is None:
        return
    named = base.named()
    given = [k for k in ("amount", "average_unused", "average_outstanding") if getattr(base, k)]
    if named is None or len(given) > 1:
        yield (
            ("base",),
            ", ".join(given) or "nothing",
            "one of amount, average_unused or average_outstanding",
        )
        return
    kind, name = named
    if not isinstance(written_value(header, name), Decimal):
        yield ("base", kind), repr(name), _amount_expected(header)
    if base.averages and fee.every.months == 0:
        yield ("base", kind), kind, "an average over a period: a fee every month, quarter or year"
    if base.share is not None and not 0 < base.share.value <= 1:
        yield ("base", "share"), str(base.share.value), "a share above 0 and at most 1 (100%)"


def _due(fee: Fee, periodic: bool) -> Iterator[TermProblem]:
    day, after = fee.day_of_month, fee.days_after_period_end
    if periodic and (day is None) == (after is None):
        found = "both" if day else "neither"
        yield (), f"{found} of day_of_month and days_after_period_end", "one of the two"
    if not periodic:
        for key, term in (("day_of_month", day), ("days_after_period_end", after)):
            if term is not None:
                yield (key,), str(term.value), "only for a fee every month, quarter or year"
    if day is not None and not 1 <= day.value <= 31:
        yield ("day_of_month",), str(day.value), "a day of the month from 1 to 31"
    if after is not None:
        if fee.timing.value is not Timing.arrears:
            yield ("days_after_period_end",), str(after.value), "timing arrears (after the period)"
        if after.value < 0:
            yield ("days_after_period_end",), str(after.value), "0 or more days"


def _condition(fee: Fee, header: TermSheet, periodic: bool) -> Iterator[TermProblem]:
    condition = fee.condition
    if condition is None:
        return
    if not periodic:
        yield (
            ("condition",),
            fee.every.value,
            "a condition only on a fee every month, quarter or year",
        )
    named = fee.base.named() if fee.base is not None else None
    name = condition.amount or (named[1] if named else None)
    if name is None:
        yield ("condition", "amount"), "nothing", "the named amount usage is measured against"
    elif condition.amount is not None and not isinstance(written_value(header, name), Decimal):
        yield ("condition", "amount"), repr(name), _amount_expected(header)


def _amount_expected(header: TermSheet) -> str:
    return (
        "the name of an amount in the sheet's terms, as <clause id>.<term> "
        f"(e.g. facility.commitment; clauses: {clause_ids(header)})"
    )
