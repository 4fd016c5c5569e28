"""The revolver's tables for a recorded run (`pactum record`): on a date its borrowing base
takes its receivables from invoice detail, the per-invoice ledger of that detail (the same
file `pactum collateral --ledger` writes), so the book's database keeps which reason took each
dollar of each invoice beside the certificate it adds up to."""

from __future__ import annotations

from pathlib import Path

from pactum.clauses.api import ClauseContext
from pactum.collateral.detail_facts import CollateralWithDetail
from pactum.kinds.revolver.borrowing_base import engine_terms
from pactum.kinds.revolver.borrowing_base_certificate import RECEIVABLES
from pactum.kinds.revolver.calendar_obligations import collateral_in_force
from pactum.kinds.revolver.schema import RevolverTerms

LEDGER_TABLE = "ledger"


def recorded_ledger(ctx: ClauseContext[RevolverTerms], folder: Path) -> dict[str, Path]:
    """{"ledger": the Parquet file written into `folder`} when the borrowing base has invoice
    detail on `ctx.as_of`; {} otherwise (no borrowing base, no aging yet, or collateral.csv's
    row is later than the latest aging and gives the figure instead)."""
    sheet = ctx.terms
    if sheet.borrowing_base is None:
        return {}
    collateral = collateral_in_force(ctx.agreement, sheet, ctx.portfolio)
    if not isinstance(collateral, CollateralWithDetail):
        return {}
    when = collateral.detail_date(RECEIVABLES, ctx.as_of)
    if when is None:
        return {}
    # imported here: the engine (Ibis, DuckDB) only for a run that has detail
    from pactum.collateral.eligible import eligible_detail
    from pactum.collateral.engines import open_tables

    files = collateral.detail
    # the engine over the files of the detail's date, as the certificate's figures are
    # (detail_facts._engine_run): the ledger's sums are the certificate's lines
    path = folder / f"{ctx.agreement.id}-{ctx.clause.id}-{LEDGER_TABLE}.parquet"
    inputs = (files.receivables[when], files.payables.get(when), files.inventory.get(when))
    with open_tables("duckdb", inputs) as tables:
        detail = eligible_detail(
            tables,
            engine_terms(sheet),
            when,
            *inputs,
            for_ledger=True,
        )
        if detail.write_ledger is None:
            return {}
        detail.write_ledger(path)
    return {LEDGER_TABLE: path}
