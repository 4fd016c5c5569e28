"""`pactum rent`: a lease's rent roll on screen, as CSV or as XLSX, with the lease liability."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from pactum.clauses.commands import (
    AgreementArg,
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
from pactum.money import parse_decimal

commands = typer.Typer()


@commands.command()
def rent(
    portfolio: PortfolioArg,
    agreement: AgreementArg,
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
    as_of: AsOf = None,
) -> None:
    """Write a lease's rent roll: base rent, abatements, rent due, opex and straight-line rent.

    Defaults and cures recorded in events.yaml up to the as-of date apply; later months are
    as scheduled.
    """
    # imported here: mounting the command on `pactum` must not cost `check` anything
    from pactum.files.table_files import write_csv, write_xlsx
    from pactum.kinds.lease.rent_roll_table import lease_rent_roll

    if csv_file is not None and xlsx_file is not None:
        raise bad_option("--csv and --xlsx", "both", "one output file")
    loaded = load_checked(portfolio)
    lease = guarded(lambda: agreement_with(loaded, agreement, "lease"))
    when = as_of_date(as_of, loaded)
    rate = _discount_rate(discount_rate)
    first = date_option("--from", start, months=True) if start is not None else None
    last = date_option("--to", end, months=True) if end is not None else None
    if first is not None and last is not None and first > last:
        raise bad_option(
            "--from", f"{start} after --to {end}", "a first month on or before the last"
        )
    table, liability = guarded(lambda: lease_rent_roll(loaded, lease, when, first, last, rate))
    if csv_file is not None:
        written("--csv", csv_file, lambda: write_csv(csv_file, table))
        out.print(f"Rent roll written to {csv_file} ({len(table.rows)} months)")
    elif xlsx_file is not None:
        written("--xlsx", xlsx_file, lambda: write_xlsx(xlsx_file, table, when))
        out.print(f"Rent roll written to {xlsx_file} ({len(table.rows)} months)")
    else:
        # the terminal has no room for the inputs of each line: the files carry them
        print_table(
            table, out, hide=frozenset({"due", "rate_per_sf", "area_sf", "annual_base_rent"})
        )
    if liability is not None:
        out.print(liability)


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
