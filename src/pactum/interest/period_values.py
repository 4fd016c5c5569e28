"""An interest period's values: its interest, or with rate bases each basis's and their sum,
and the warning when it is not computed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pactum.findings import Alert, Severity, Trace, Unit, Value
from pactum.interest.accrual import Interest
from pactum.interest.schema import RateChoice
from pactum.money import money_str
from pactum.terms.values import Term, sources


def period_interest(run: Interest, first: date, last: date) -> tuple[list[Value], Alert | None]:
    """The interest from `first` to `last`: one value, or with rate bases one per basis and
    their sum (each basis rounded to the cent first, as each loan's interest is billed); and
    the warning when it is not computed."""
    terms = run.terms
    span = f"{first.isoformat()} to {last.isoformat()}"
    # one id per facility: an agreement's revolver and term loan each have a clause
    facility = terms.facility or terms.balance_from or ""
    value_id = f"interest_{facility}" if facility else "interest"
    label = f"Interest ({facility.replace('_', ' ')})" if facility else "Interest"
    if not terms.bases:
        accrual = run.accrue(first, last)
        value = Value(value_id, accrual.amount, Unit.money, f"{label}, {span}", accrual.trace)
        return [value], _not_computed(run, span, accrual.missing)
    values: list[Value] = []
    missing: list[str] = []
    for basis, own in run.by_basis():
        accrual = own.accrue(first, last)
        values.append(
            Value(
                f"{value_id}_{basis.id}",
                accrual.amount,
                Unit.money,
                f"{label} at {basis.id.replace('_', ' ')}, {span}",
                accrual.trace,
            )
        )
        if accrual.missing:
            missing.append(f"{basis.id}: {accrual.missing}")
    amounts = [v.value for v in values]
    total = sum((a for a in amounts if isinstance(a, Decimal)), Decimal(0)) if not missing else None
    trace = Trace(
        "the sum of each rate basis's interest, each rounded half-up to the cent",
        {
            v.id.removeprefix(f"{value_id}_"): money_str(v.value)
            if isinstance(v.value, Decimal)
            else "not computed"
            for v in values
        },
        sources(*(t for b in terms.bases for t in (*index_terms(b.index), b.margin))),
    )
    total_value = Value(value_id, total, Unit.money, f"{label}, {span}", trace)
    return [total_value, *values], _not_computed(run, span, "; ".join(missing))


def _not_computed(run: Interest, span: str, missing: str) -> Alert | None:
    if not missing:
        return None
    terms = run.terms
    index = terms.index if terms.index is not None else terms.bases[0].index
    cited = index_terms(index)[0]
    assert cited is not None
    return Alert(
        Severity.warning, f"Interest for {span} is not computed: {missing}", cited.source_ref()
    )


def index_terms(index: Term[str] | RateChoice) -> list[Term[Any] | None]:
    """The terms an index is written with: its name, or each part of a choice of rates."""
    if isinstance(index, Term):
        return [index]
    return [t for p in index.parts for t in (p.index or p.rate, p.plus, p.day_count)]
