"""`pactum interest`: an agreement's interest over a window of days, with its trace, and on
request day by day (balance, index rate, margin, rate, accrual)."""

from __future__ import annotations

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
    str, typer.Argument(help="an agreement id with an interest clause, e.g. vertex-bofa-credit")
]


@commands.command()
def interest(
    portfolio: PortfolioArg,
    agreement: AgreementArg,
    start: Annotated[str, typer.Option("--from", help="the first day, YYYY-MM-DD")],
    end: Annotated[str, typer.Option("--to", help="the last day, YYYY-MM-DD (included)")],
    daily: Annotated[bool, typer.Option("--daily", help="each day's figures")] = False,
    as_json: JsonFlag = False,
) -> None:
    """The interest of an agreement's interest clause from --from to --to (both included),
    rounded half-up to the cent at the end; the grid reads what is known at --to."""
    loaded = load_checked(portfolio)
    first, last = date_option("--from", start), date_option("--to", end)
    if last < first:
        raise bad_option(
            "--to", last.isoformat(), f"a day on or after --from ({first.isoformat()})"
        )
    found = agreement_with(loaded, agreement, "interest", last)
    clause = found.clauses_of("interest")[0]
    contexts = guarded(lambda: clause_contexts(found, loaded, last, through=clause.id))
    ctx: ClauseContext[InterestTerms] = contexts[-1][0]
    accrual = guarded(lambda: Interest.of(ctx).accrue(first, last))
    if as_json:
        print_json(_document(agreement, accrual, daily))
        return
    if accrual.amount is None:
        out.print(
            f"Interest {first.isoformat()} to {last.isoformat()}: not computed: {accrual.missing}"
        )
    else:
        out.print(
            f"[bold]Interest {first.isoformat()} to {last.isoformat()}:[/] {money_str(accrual.amount)}"
        )
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


def _document(agreement: str, accrual: Accrual, daily: bool) -> dict[str, Any]:
    document: dict[str, Any] = {
        "agreement": agreement,
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
