"""`pactum vote`: how a standstill holder must vote its shares at a meeting."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from pactum.clauses.commands import (
    AsOf,
    JsonFlag,
    PortfolioArg,
    agreement_with,
    as_of_date,
    guarded,
    load_checked,
    out,
    print_json,
)
from pactum.findings import Unit
from pactum.format import display
from pactum.kinds.standstill.meeting import Meeting, meeting, sheet_on
from pactum.screen_table import Column, print_table

commands = typer.Typer()

# an agreement of this command's own kind as the example (not another family's)
AgreementArg = Annotated[
    str | None,
    typer.Argument(
        help="an agreement id with a standstill, e.g. ipof-standstill (default: the "
        "portfolio's one such agreement)"
    ),
]


@commands.command()
def vote(
    portfolio: PortfolioArg,
    votes: Annotated[
        Path,
        typer.Option(
            "--votes",
            help="CSV: proposal,for,against,abstain,broker_non_votes,group_vote (other holders' votes)",
        ),
    ],
    agreement: AgreementArg = None,
    as_of: AsOf = None,
    as_json: JsonFlag = False,
) -> None:
    """How a standstill holder must vote its shares: free shares, excess, and the excess's split."""
    loaded = load_checked(portfolio)
    on = as_of_date(as_of, loaded)

    def run() -> Meeting:
        chosen = agreement_with(loaded, agreement, "standstill", on)
        return meeting(chosen, sheet_on(chosen, loaded, on), loaded, votes, on)

    result = guarded(run)
    if as_json:
        print_json(result.to_json())
    else:
        print_meeting(result, out)


def print_meeting(meeting: Meeting, console: Console) -> None:
    """Free and excess shares, and how the excess is voted per proposal; then, where the sheet
    commits the group by proposal type, each holder's required vote."""
    p = meeting.position
    console.print(
        f"[bold]{meeting.holder}[/] as of {meeting.as_of.isoformat()} (ownership reported "
        f"{p.as_of.isoformat()}): {p.shares:,} shares of {p.outstanding:,} outstanding "
        f"({display(p.fraction, Unit.percent)})"
    )
    if meeting.shares is not None:
        _print_proportional(meeting, console)
    if meeting.commitments:
        _print_commitments(meeting, console)


def _print_proportional(meeting: Meeting, console: Console) -> None:
    shares = meeting.shares
    voting = meeting.sheet.voting
    assert voting is not None and shares is not None  # a sheet with a voting clause
    if shares.restricted:
        level = (
            display(voting.free_up_to.value, Unit.percent)
            if voting.free_up_to is not None
            else f"the group's own fraction: {shares.level_note}; that fraction"
        )
        console.print(
            f"free: {shares.free:,} (up to {level} of "
            f"{shares.base:,}, rounded {voting.free_shares_rounding.value.value.replace('_', ' ')}); "
            f"excess: {shares.excess:,}, voted in proportion to the other holders' votes cast "
            f"({voting.votes_cast.value.value.replace('_', ', ')}; "
            f"{voting.apportionment.value.value.replace('_', ' ')})"
        )
    elif shares.not_yet:
        console.print(f"no proportional voting yet ({shares.not_yet}): every share is voted freely")
    else:
        ended = "Term" if meeting.sheet.term else "standstill"
        console.print(f"the {ended} has ended: every share is voted freely")
    choices = list(meeting.results[0].votes_cast) if meeting.results else []
    columns = [
        Column("proposal", whole=False),
        *(Column(f"others\n{c}", justify="right") for c in choices),
        Column("group"),
        Column("free", justify="right"),
        *(Column(f"excess\n{c}", justify="right") for c in choices),
        Column("not\nvoted", justify="right"),
        Column("total\nfor", justify="right"),
        Column("total\nagainst", justify="right"),
    ]
    rows = [
        [
            escape(r.proposal),
            *(f"{r.votes_cast[c]:,}" for c in choices),
            r.group_vote,
            f"{r.free:,}",
            *(f"{r.excess[c]:,}" for c in choices),
            f"{r.not_voted:,}",
            f"{r.group_total('for'):,}",
            f"{r.group_total('against'):,}",
        ]
        for r in meeting.results
    ]
    print_table(console, columns, rows)
    for r in meeting.results:
        if r.note:
            console.print(f"  {r.proposal}: {r.note}", markup=False)


def _print_commitments(meeting: Meeting, console: Console) -> None:
    columns = [
        Column("proposal", whole=False),
        Column("type"),
        Column("rule"),
        Column("holder", whole=False),
        *(Column(h, justify="right") for h in ("shares", "for", "against", "abstain", "free")),
        Column("may instead", whole=False),
    ]
    rows: list[list[str]] = []
    for c in meeting.commitments:
        if not c.holders:  # in proportion: the group's split above
            rows.append([escape(c.proposal), c.type, c.rule, "(the group: see above)", *[""] * 6])
        for h in c.holders:
            rows.append(
                [
                    escape(c.proposal),
                    c.type,
                    c.rule,
                    escape(h.holder),
                    f"{h.shares:,}",
                    *(f"{h.required.get(choice, 0):,}" for choice in ("for", "against", "abstain")),
                    f"{h.free:,}",
                    escape(h.may_instead),
                ]
            )
    print_table(console, columns, rows, title="Required votes by proposal type")
    for c in meeting.commitments:
        if c.note:
            console.print(f"  {c.proposal}: {c.note}", markup=False)
