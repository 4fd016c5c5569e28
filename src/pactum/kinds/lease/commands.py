"""`pactum rent`: a lease's rent roll on screen, as CSV or as XLSX, with the lease liability."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from pactum.clauses.commands import (
    AsOf,
    PortfolioArg,
    agreement_with,
    as_of_date,
    bad_option,
    date_option,
    guarded,
    load_checked,
    out,
    print_table,
    written,
)
from pactum.errors import fail
from pactum.files.table_files import Table
from pactum.money import parse_decimal
from pactum.portfolio import Agreement, Portfolio

commands = typer.Typer()


@commands.command()
def rent(
    portfolio: PortfolioArg,
    agreement: Annotated[
        str | None,
        typer.Argument(
            help="a lease's agreement id (default: the portfolio's one lease; --all for every "
            "lease of the portfolio)"
        ),
    ] = None,
    start: Annotated[str | None, typer.Option("--from", help="first month, YYYY-MM[-DD]")] = None,
    end: Annotated[str | None, typer.Option("--to", help="last month, YYYY-MM[-DD]")] = None,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="write the roll as CSV")] = None,
    xlsx_file: Annotated[Path | None, typer.Option("--xlsx", help="write the roll as XLSX")] = None,
    discount_rate: Annotated[
        str | None,
        typer.Option(
            "--discount-rate", help="annual rate, e.g. 0.06: adds the lease liability (ASC 842)"
        ),
    ] = None,
    accounting: Annotated[
        bool,
        typer.Option(
            "--accounting",
            help="the ASC 842 schedule instead of the roll: lease cost, accretion, liability, "
            "right-of-use asset (the sheet's accounting part, or --discount-rate)",
        ),
    ] = False,
    every_lease: Annotated[
        bool,
        typer.Option(
            "--all",
            help="every lease of the portfolio: a column each of base rent due, and the total",
        ),
    ] = False,
    as_of: AsOf = None,
) -> None:
    """Write a lease's rent roll: base rent, abatements, rent due, opex and straight-line rent.

    Defaults and cures recorded in events.yaml up to the as-of date apply; later months are
    as scheduled. With --all, every lease of the portfolio side by side.
    """
    # imported here: mounting the command on `pactum` must not cost `check` anything
    from pactum.files.table_files import write_csv, write_xlsx

    if csv_file is not None and xlsx_file is not None:
        raise bad_option("--csv and --xlsx", "both", "one output file")
    if every_lease:
        _refuse_beside_all(agreement, accounting, discount_rate)
    loaded = load_checked(portfolio)
    when = as_of_date(as_of, loaded)
    leases = [a.id for a in loaded.agreements.values() if a.at(when).clauses_of("lease")]
    if not every_lease and agreement is None and len(leases) != 1:
        # none named: the portfolio's one lease, if it has one only
        named = f" ({', '.join(leases)})" if leases else ""
        raise bad_option("AGREEMENT", "nothing", f"a lease's agreement id{named}, or --all")
    rate = _discount_rate(discount_rate)
    first = date_option("--from", start, months=True) if start is not None else None
    last = date_option("--to", end, months=True) if end is not None else None
    if first is not None and last is not None and first > last:
        raise bad_option(
            "--from", f"{start} after --to {end}", "a first month on or before the last"
        )
    liability: str | None = None
    if every_lease:
        table = _every_lease(loaded, when, first, last)
        hidden: frozenset[str] = frozenset()
    else:
        lease = guarded(lambda: agreement_with(loaded, agreement, "lease", when))
        table, liability = _one_lease(
            loaded, lease, when, first, last, rate, accounting, discount_rate
        )
        # the terminal has no room for the inputs of each line: the files carry them
        hidden = frozenset({"due", "rate_per_sf", "area_sf", "annual_base_rent"})
        if csv_file is None and xlsx_file is None:
            # a person reads "Lease year 1"; the files keep the sheet's id (year_1)
            table = _lease_years_in_words(table, lease.at(when))
    if csv_file is not None:
        written("--csv", csv_file, lambda: write_csv(csv_file, table))
        out.print(f"{table.title} written to {csv_file} ({len(table.rows)} months)")
    elif xlsx_file is not None:
        written("--xlsx", xlsx_file, lambda: write_xlsx(xlsx_file, table, when))
        out.print(f"{table.title} written to {xlsx_file} ({len(table.rows)} months)")
    else:
        print_table(table, out, hide=hidden)
    if liability is not None:
        out.print(liability)


def _lease_years_in_words(table: Table, lease: Agreement) -> Table:
    from pactum.kinds.lease.rent_roll_document import period_labels, with_period_labels
    from pactum.kinds.lease.schema import LeaseTerms

    sheet = lease.clauses_of("lease")[0].terms_as(LeaseTerms)
    return with_period_labels(table, period_labels(sheet))


def _refuse_beside_all(agreement: str | None, accounting: bool, rate: str | None) -> None:
    """--all sums base rent across leases: one lease's options make no sense beside it."""
    if agreement is not None:
        raise bad_option("--all", f"beside the agreement {agreement}", "--all or an agreement")
    if accounting:
        raise bad_option("--all", "beside --accounting", "--accounting with one agreement")
    if rate is not None:
        raise bad_option("--all", "beside --discount-rate", "--discount-rate with one agreement")


def _every_lease(loaded: Portfolio, when: date, first: date | None, last: date | None) -> Table:
    from pactum.kinds.lease.portfolio_roll import portfolio_rent_roll

    def roll() -> Table:
        in_force = [a.at(when) for a in loaded.agreements.values()]  # as `check` reads them
        leases = [a for a in in_force if a.clauses_of("lease")]
        if not leases:
            raise fail(
                loaded.root / "portfolio.yaml",
                None,
                "agreements",
                "no agreement with a lease clause",
                "at least one lease for rent --all",
            )
        return portfolio_rent_roll(loaded, leases, when, first, last)

    return guarded(roll)


def _one_lease(
    loaded: Portfolio,
    lease: Agreement,
    when: date,
    first: date | None,
    last: date | None,
    rate: Decimal | None,
    accounting: bool,
    rate_text: str | None,
) -> tuple[Table, str | None]:
    from pactum.kinds.lease.rent_roll_table import lease_rent_roll

    if accounting:
        found: tuple[Table, str | None] = _accounting(
            loaded, lease, when, first, last, rate, rate_text
        )
        return found
    return guarded(lambda: lease_rent_roll(loaded, lease, when, first, last, rate))


def _accounting(
    loaded: Portfolio,
    lease: Agreement,
    when: date,
    first: date | None,
    last: date | None,
    rate: Decimal | None,
    rate_text: str | None,
) -> tuple[Table, str]:
    """The accounting schedule: the sheet's accounting part, or for a lease without one the
    rate of --discount-rate alone (no costs, incentives or renewals)."""
    from pactum.kinds.lease.accounting_table import lease_accounting
    from pactum.kinds.lease.schema import LeaseAccounting, LeaseTerms
    from pactum.terms.values import Term

    sheet = lease.clauses_of("lease")[0].terms_as(LeaseTerms)
    given: LeaseAccounting | None = None
    if sheet.accounting is not None and rate is not None:
        raise bad_option(
            "--discount-rate",
            f"{rate_text} beside the sheet's accounting.discount_rate "
            f"({sheet.accounting.discount_rate.value})",
            "--accounting alone: the sheet's accounting part gives the rate",
        )
    if sheet.accounting is None:
        if rate is None:
            raise bad_option(
                "--accounting",
                f"{lease.id}, a lease with no accounting part",
                "an accounting part in the lease clause (see README, Lease accounting) or "
                "--discount-rate R",
            )
        given = LeaseAccounting(discount_rate=Term[Decimal](value=rate))
    found = guarded(lambda: lease_accounting(loaded, lease, when, first, last, given))
    assert found is not None  # an accounting part, the sheet's or the one given
    return found


def _discount_rate(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        rate = parse_decimal(text)
    except ValueError:
        rate = Decimal(-1)
    if not 0 <= rate < 1:
        raise bad_option(
            "--discount-rate", repr(text), "an annual rate as a fraction from 0 to 1, e.g. 0.06"
        )
    return rate
