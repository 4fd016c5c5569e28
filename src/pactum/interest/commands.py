"""`pactum interest`: an agreement's interest over a window of days, with its trace, and on
request day by day (balance, index rate, margin, rate, accrual)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

import typer

from pactum.clauses.api import ClauseContext, clause_contexts
from pactum.clauses.commands import (
    JsonFlag,
    PortfolioArg,
    agreement_with,
    bad_option,
    date_option,
    guarded,
    load_checked,
    out,
    print_json,
)
from pactum.interest.accrual import Accrual, Interest
from pactum.interest.schema import InterestTerms
from pactum.money import money_str, percent_str, ratio_str

commands = typer.Typer()

# an agreement of this command's own kind as the example (not another family's)
AgreementArg = Annotated[
    str | None,
    typer.Argument(
        help="an agreement id with an interest clause, e.g. vertex-bofa-credit (default: the "
        "portfolio's one such agreement)"
    ),
]


@commands.command()
def interest(
    portfolio: PortfolioArg,
    start: Annotated[str, typer.Option("--from", help="the first day, YYYY-MM-DD")],
    end: Annotated[str, typer.Option("--to", help="the last day, YYYY-MM-DD (included)")],
    agreement: AgreementArg = None,
    clause_id: Annotated[
        str | None,
        typer.Option(
            "--clause",
            help="the id of one interest clause (e.g. term_loan_interest); default: every one",
        ),
    ] = None,
    daily: Annotated[bool, typer.Option("--daily", help="each day's figures")] = False,
    as_json: JsonFlag = False,
) -> None:
    """The interest of an agreement's interest clauses (or the one --clause names) from --from
    to --to (both included), each rounded half-up to the cent at the end; the grid reads what
    is known at --to."""
    loaded = load_checked(portfolio)
    first, last = date_option("--from", start), date_option("--to", end)
    if last < first:
        raise bad_option(
            "--to", last.isoformat(), f"a day on or after --from ({first.isoformat()})"
        )
    found = guarded(lambda: agreement_with(loaded, agreement, "interest", last))
    clauses = list(found.clauses_of("interest"))
    if clause_id is not None:
        chosen = [c for c in clauses if c.id == clause_id]
        if not chosen:
            ids = ", ".join(c.id for c in clauses)
            raise bad_option("--clause", clause_id, f"an interest clause of {agreement}: {ids}")
        clauses = chosen
    # one pass over the sheet up to the last clause asked for: each sees the earlier ones
    contexts = guarded(lambda: clause_contexts(found, loaded, last, through=clauses[-1].id))
    wanted = {c.id for c in clauses}
    accruals: list[tuple[str, Accrual]] = []
    for ctx, _ in contexts:
        if ctx.clause.id in wanted:
            accruals += _accrued(ctx, first, last)
    if as_json:
        documents = [_document(found.id, c, a, daily) for c, a in accruals]
        total = _total(accruals)
        if len(documents) == 1:
            print_json(documents[0])
        else:
            print_json(
                {
                    "agreement": agreement,
                    "from": first.isoformat(),
                    "to": last.isoformat(),
                    "interest": money_str(total) if total is not None else None,
                    "clauses": documents,
                }
            )
        return
    several = len(accruals) > 1
    for number, (clause, accrual) in enumerate(accruals):
        if several:
            what = "rate basis" if "/" in clause else "interest clause"
            out.print(("\n" if number else "") + f"[bold]{clause}[/] ({what})")
        _print(accrual, daily)
    total = _total(accruals)
    if several and total is not None:
        noun = "figures" if any("/" in c for c, _ in accruals) else "clauses"
        out.print(f"\n[bold]In all ({len(accruals)} {noun}):[/] {money_str(total)}")


def _total(accruals: list[tuple[str, Accrual]]) -> Decimal | None:
    """The clauses' interest added up, each rounded to the cent on its own first (what the
    borrower pays); None when one is not computed."""
    amounts = [a.amount for _, a in accruals]
    if any(amount is None for amount in amounts):
        return None
    return sum((amount for amount in amounts if amount is not None), Decimal(0))


def _accrued(
    ctx: ClauseContext[InterestTerms], first: date, last: date
) -> list[tuple[str, Accrual]]:
    """The clause's interest, or with rate bases each basis's (`interest/libor`)."""
    run = Interest.of(ctx)
    if not ctx.terms.bases:
        return [(ctx.clause.id, _accrue(run, first, last))]
    return [
        (f"{ctx.clause.id}/{basis.id}", _accrue(own, first, last))
        for basis, own in guarded(run.by_basis)
    ]


def _accrue(run: Interest, first: date, last: date) -> Accrual:
    return guarded(lambda: run.accrue(first, last))


def _print(accrual: Accrual, daily: bool) -> None:
    span = f"{accrual.first.isoformat()} to {accrual.last.isoformat()}"
    if accrual.amount is None:
        out.print(f"Interest {span}: not computed: {accrual.missing}", markup=False)
    else:
        out.print(f"[bold]Interest {span}:[/] {money_str(accrual.amount)}")
    for name, value in accrual.trace.inputs:
        out.print(f"  {name}: {value}", markup=False)
    if daily:
        for line in _day_lines(accrual):
            out.print(line, markup=False)


def _day_lines(accrual: Accrual) -> list[str]:
    lines = [f"{'date':<10} {'balance':>16} {'index':>9} {'margin':>9} {'rate':>9} {'accrual':>14}"]
    for day in accrual.days:
        index = percent_str(day.used_index, 4) + ("*" if day.floored else "") if day.index else "-"
        rate = percent_str(day.rate, 4) if day.rate is not None else "-"
        lines.append(
            f"{day.day.isoformat():<10} {money_str(day.balance.outstanding):>16} {index:>9} "
            f"{percent_str(day.margin, 4):>9} {rate:>9} {_exact(accrual.day_accrual(day)):>14}"
        )
    if any(d.floored for d in accrual.days):
        lines.append("* the floor, above the index that day")
    return lines


def _exact(amount: Any) -> str:
    return ratio_str(amount, 6)


def _document(agreement: str, clause: str, accrual: Accrual, daily: bool) -> dict[str, Any]:
    document: dict[str, Any] = {
        "agreement": agreement,
        "clause": clause,
        "from": accrual.first.isoformat(),
        "to": accrual.last.isoformat(),
        "interest": money_str(accrual.amount) if accrual.amount is not None else None,
        "missing": accrual.missing or None,
        "trace": {"formula": accrual.trace.formula, "inputs": dict(accrual.trace.inputs)},
    }
    if daily:
        document["days"] = [
            {
                "date": d.day.isoformat(),
                "balance": money_str(d.balance.outstanding),
                "index": str(d.used_index) if d.index else None,
                "floored": d.floored,
                "margin": str(d.margin),
                "rate": str(d.rate) if d.rate is not None else None,
                "accrual": _exact(accrual.day_accrual(d)),
            }
            for d in accrual.days
        ]
    return document
