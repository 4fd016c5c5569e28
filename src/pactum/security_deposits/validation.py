"""The deposit's checks beyond its schema: each reduction names one date and one amount, none
raises what is held, and none falls before the deposit is given."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from pactum.clauses.api import TermProblem, TermSheet
from pactum.money import money_display
from pactum.security_deposits.schema import Reduction, SecurityDepositTerms
from pactum.terms.named_dates import RuleTerm
from pactum.terms.values import MAX_DAYS, Term


def validate(terms: SecurityDepositTerms, header: TermSheet) -> list[TermProblem]:
    problems: list[TermProblem] = []
    words = terms.form.value.words
    held = terms.amount.value
    given = _fixed(terms.given)
    last_anniversary = 0
    last_date: date | None = None
    for index, reduction in enumerate(terms.reductions):
        at: tuple[str | int, ...] = ("reductions", index)
        for path, found, expected in _one_date_one_amount(reduction, terms):
            problems.append(((*at, *path), found, expected))
        if reduction.to is not None and reduction.to.value > held:
            problems.append(
                (
                    (*at, "to"),
                    f"{money_display(reduction.to.value)}, which raises the {words} "
                    f"from {money_display(held)}",
                    f"a reduction to an amount at most {money_display(held)}",
                )
            )
        elif reduction.by is not None and reduction.by.value > held:
            problems.append(
                (
                    (*at, "by"),
                    money_display(reduction.by.value),
                    f"at most the {money_display(held)} held before it",
                )
            )
        else:
            held = _after(reduction, held)
        if reduction.anniversary is not None:
            number = reduction.anniversary.value
            if number < 1:
                problems.append(((*at, "anniversary"), str(number), "the 1st anniversary or later"))
            elif number <= last_anniversary:
                problems.append(
                    (
                        (*at, "anniversary"),
                        str(number),
                        f"an anniversary after the one before it ({last_anniversary})",
                    )
                )
            last_anniversary = max(last_anniversary, number)
        on = _fixed(reduction.date)
        if on is not None:
            if given is not None and on < given:
                problems.append(
                    (
                        (*at, "date"),
                        on.isoformat(),
                        f"a date on or after the deposit's date, {given.isoformat()}",
                    )
                )
            elif last_date is not None and on < last_date:
                problems.append(
                    (
                        (*at, "date"),
                        on.isoformat(),
                        f"a date on or after the reduction before it, {last_date.isoformat()}",
                    )
                )
            last_date = on
    if terms.reduced_by is not None:
        problems += _days(("reduced_by", "within"), terms.reduced_by.within)
    if terms.returned is not None:
        problems += _days(("returned", "days"), terms.returned.days)
    return problems


def _one_date_one_amount(
    reduction: Reduction, terms: SecurityDepositTerms
) -> Iterator[tuple[tuple[str, ...], str, str]]:
    if (reduction.anniversary is None) == (reduction.date is None):
        found = "both anniversary and date" if reduction.date else "neither anniversary nor date"
        yield (), found, "an anniversary or a date (date), one of the two"
    if reduction.anniversary is not None and terms.anniversaries is None:
        yield (
            ("anniversary",),
            str(reduction.anniversary.value),
            "the date it is an anniversary of: anniversaries: {of: <named date>} in the clause",
        )
    if (reduction.to is None) == (reduction.by is None):
        found = "both to and by" if reduction.to else "neither to nor by"
        yield (), found, "an amount held from then on (to) or taken off (by), one of the two"


def _after(reduction: Reduction, held: Decimal) -> Decimal:
    if reduction.to is not None:
        return reduction.to.value
    return held - (reduction.by.value if reduction.by is not None else Decimal(0))


def _fixed(term: Term[date] | None) -> date | None:
    """A date written as a date; a rule's is known only on an as-of date."""
    return None if term is None or isinstance(term, RuleTerm) else term.value


def _days(path: tuple[str, ...], term: Term[int]) -> list[TermProblem]:
    if 0 <= term.value <= MAX_DAYS:
        return []
    return [(path, str(term.value), f"0 or more days (at most {MAX_DAYS})")]
