"""The `pactum` command line."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from pactum.errors import InputError, fail, shown
from pactum.evaluate import check as evaluate_check
from pactum.kinds.standstill.meeting import meeting
from pactum.notices import notice_request
from pactum.portfolio import Agreement, Portfolio, load_portfolio
from pactum.terminal import print_findings, print_meeting, print_notice, print_verify
from pactum.terms.registry import kinds
from pactum.terms.verify import Report, verify_portfolio

app = typer.Typer(
    help="Pactum: corporate agreements as source-cited, executable term sheets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Tables need room: when output is not a terminal (a pipe, a CI log) use 140 columns.
out = Console(highlight=False, width=None if sys.stdout.isatty() else 140)
err = Console(stderr=True, highlight=False, soft_wrap=True)
T = TypeVar("T")

PortfolioArg = Annotated[Path, typer.Argument(help="the portfolio folder (with portfolio.yaml)")]
AsOf = Annotated[
    str | None, typer.Option("--as-of", help="YYYY-MM-DD; default: the portfolio's as_of, or today")
]
JsonFlag = Annotated[bool, typer.Option("--json", help="print JSON instead of tables")]
AgreementArg = Annotated[str, typer.Argument(help="an agreement id, e.g. ipof-standstill")]
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "innotrac"


def guarded(action: Callable[[], T]) -> T:
    """Run `action`; bad input prints one line per problem and exits 2, with no traceback."""
    try:
        return action()
    except InputError as exc:
        for problem in exc.problems:
            err.print(f"error: {problem}", markup=False)
        raise typer.Exit(2) from None


def _as_of(text: str | None, portfolio: Portfolio) -> date:
    if text is None:
        return portfolio.config.as_of or date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        err.print(f"error: --as-of: found {text!r}; expected a date as YYYY-MM-DD", markup=False)
        raise typer.Exit(2) from None


def _print_json(document: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(document, indent=2) + "\n")


def write_atomically(path: Path, text: str) -> None:
    """Write the whole file or nothing: a temporary file renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes it private; give it a normal file's mode
    os.replace(temporary, path)


def _exit_on_citation_failures(report: Report) -> None:
    """A quote or value not in its document is bad input: one line each, exit 2."""
    for finding in report.citation_failures:
        err.print(f"error: {finding}", markup=False)
    if report.citation_failures:
        raise typer.Exit(2)


def load_checked(path: Path) -> Portfolio:
    """Load a portfolio and refuse it if any citation fails (its terms cannot be trusted)."""
    loaded = guarded(lambda: load_portfolio(path))
    _exit_on_citation_failures(verify_portfolio(loaded))
    return loaded


@app.command()
def check(portfolio: PortfolioArg, as_of: AsOf = None, as_json: JsonFlag = False) -> None:
    """Compute every agreement's values, tests, obligations and alerts as of a date."""
    loaded = load_checked(portfolio)
    findings = evaluate_check(loaded, _as_of(as_of, loaded))
    if as_json:
        _print_json(findings.to_json())
    else:
        print_findings(findings, out)


@app.command()
def verify(portfolio: PortfolioArg, as_json: JsonFlag = False) -> None:
    """Check every citation against its document and recompute every stated figure."""
    loaded = guarded(lambda: load_portfolio(portfolio))
    report = verify_portfolio(loaded)
    if as_json:
        _print_json(report.to_json())
    else:
        print_verify(report, out)
    _exit_on_citation_failures(report)
    if report.failures:
        raise typer.Exit(1)  # the documents' own figures disagree with their terms


@app.command()
def schema(kind: Annotated[str, typer.Argument(help="an agreement kind, e.g. revolver")]) -> None:
    """Print the JSON Schema of a kind's term sheet, for editors to validate against."""
    known = kinds()
    if kind not in known:
        err.print(
            f"error: kind: found {kind!r}; expected one of {', '.join(sorted(known))}", markup=False
        )
        raise typer.Exit(2)
    _print_json(known[kind].schema.model_json_schema())


def _agreement(portfolio: Portfolio, agreement_id: str, kind: str | None = None) -> Agreement:
    """The agreement named on the command line (of `kind`, when only one kind will do)."""
    candidates = {
        a.id: a for a in portfolio.agreements.values() if kind is None or a.kind.name == kind
    }
    found = candidates.get(agreement_id)
    if found is None:
        raise fail(
            portfolio.root / "portfolio.yaml",
            None,
            "agreement",
            shown(agreement_id),
            f"one of the portfolio's {kind + ' ' if kind else ''}agreements: "
            + (", ".join(sorted(candidates)) or "none"),
        )
    return found


@app.command()
def vote(
    portfolio: PortfolioArg,
    agreement: AgreementArg,
    votes: Annotated[
        Path,
        typer.Option(
            "--votes",
            help="CSV: proposal,for,against,abstain,broker_non_votes,group_vote (other holders' votes)",
        ),
    ],
    as_of: AsOf = None,
    as_json: JsonFlag = False,
) -> None:
    """How a standstill holder must vote its shares: free shares, excess, and the excess's split."""
    loaded = load_checked(portfolio)
    on = _as_of(as_of, loaded)
    result = guarded(
        lambda: meeting(_agreement(loaded, agreement, "standstill"), loaded, votes, on)
    )
    if as_json:
        _print_json(result.to_json())
    else:
        print_meeting(result, out)


@app.command()
def notice(
    portfolio: PortfolioArg,
    agreement: AgreementArg,
    method: Annotated[
        str, typer.Option("--method", help="a method of the notice clause, e.g. mail")
    ],
    sent: Annotated[
        str, typer.Option("--sent", help="when sent or deposited: YYYY-MM-DD or YYYY-MM-DDTHH:MM")
    ],
    acknowledged: Annotated[
        str | None,
        typer.Option("--acknowledged", help="when answered back or acknowledged (telex, fax)"),
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="a recipient id of the clause; default: all")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """When a notice is deemed given under an agreement's notice clause, and to whom it goes."""
    loaded = load_checked(portfolio)
    result = guarded(
        lambda: notice_request(_agreement(loaded, agreement), method, sent, acknowledged, to)
    )
    if as_json:
        _print_json({"agreement": agreement, **result.to_json()})
    else:
        print_notice(result, out)


@app.command()
def demo(
    portfolio: Annotated[Path, typer.Option(help="the example portfolio")] = EXAMPLE,
    output: Annotated[Path, typer.Option("--out", help="where to write the JSON findings")] = Path(
        "out/innotrac-findings.json"
    ),
) -> None:
    """Run `check` on the bundled Innotrac example and write its JSON findings to a file."""
    loaded = guarded(lambda: load_portfolio(portfolio))
    report = verify_portfolio(loaded)
    print_verify(report, out)
    _exit_on_citation_failures(report)
    findings = evaluate_check(loaded, _as_of(None, loaded))
    print_findings(findings, out)
    write_atomically(output, json.dumps(findings.to_json(), indent=2) + "\n")
    out.print(f"\nJSON findings written to {output}")


def main() -> None:  # pragma: no cover
    app()
