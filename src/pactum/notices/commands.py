"""`pactum notice`: when a notice is deemed given under an agreement's notices clause."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from pactum.clauses.commands import (
    JsonFlag,
    PortfolioArg,
    agreement_with,
    guarded,
    load_checked,
    out,
    print_json,
)
from pactum.findings import NoticeFinding
from pactum.findings_json import serialise
from pactum.format import wall_clock_str
from pactum.notices.request import notice_request, sent_day

commands = typer.Typer()

# an agreement of this command's own kind as the example (not another family's)
AgreementArg = Annotated[
    str | None,
    typer.Argument(
        help="an agreement id with a notices clause, e.g. ipof-standstill (default: the "
        "portfolio's one agreement)"
    ),
]


@commands.command()
def notice(
    portfolio: PortfolioArg,
    method: Annotated[
        str, typer.Option("--method", help="a method of the notice clause, e.g. mail")
    ],
    sent: Annotated[
        str,
        typer.Option(
            "--sent",
            help="when sent or deposited: YYYY-MM-DD or YYYY-MM-DDTHH:MM (the clause's time "
            "zone, or with an offset)",
        ),
    ],
    agreement: AgreementArg = None,
    received: Annotated[
        str | None,
        typer.Option("--received", help="when actually received (the receipt rules)"),
    ] = None,
    acknowledged: Annotated[
        str | None,
        typer.Option(
            "--acknowledged", help="when answered back or acknowledged (telex, fax, e-mail)"
        ),
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="a recipient id of the clause; default: all")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """When a notice is deemed given under an agreement's notice clause, and to whom it goes."""
    loaded = load_checked(portfolio)
    # the notice clause in force on the day the notice is sent
    on = guarded(lambda: sent_day(sent))
    result = guarded(
        lambda: notice_request(
            # none named: the portfolio's one agreement with a notices clause; one named
            # without such a clause is refused with its sheet's line (notice_request)
            agreement_with(loaded, agreement, None if agreement else "notices", on),
            method,
            sent,
            acknowledged,
            to,
            received,
        )
    )
    if as_json:
        print_json({"agreement": agreement, **serialise(result)})
    else:
        print_notice(result, out)


def print_notice(notice: NoticeFinding, console: Console) -> None:
    """The deemed-given date, the reasoning, and where the notice goes."""
    given = notice.deemed_given_at or notice.deemed_given
    console.print(
        f"[bold]Deemed given:[/] {wall_clock_str(given) if given else 'not yet (see below)'}"
    )
    for line in notice.reasoning:
        console.print(f"  {line}", markup=False)
    for recipient in notice.recipients:
        console.print(f"[bold]To {recipient.party}:[/] {recipient.address}", highlight=False)
        for copy in recipient.copies:
            console.print(f"  with a copy to {copy}", markup=False)
