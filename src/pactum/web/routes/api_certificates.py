"""`POST /api/certificates`: a borrowing base certificate for an aging posted as the request
body, the same JSON as `pactum collateral PORTFOLIO --receivables FILE --as-of DATE --json`.

The body is the aging itself, `text/csv` or Parquet (`application/octet-stream` or
`application/vnd.apache.parquet`), read within the dashboard's upload limit (413 past it) into
a temporary file for the collateral engine, removed when the certificate is made. As the
command line does with a portfolio, the revolver's terms and its inventory listing, payables,
loans and events are the portfolio's in force on the as-of date. The route names no clause
type: the agreement's clause that makes a certificate from an aging makes it
(`ClauseType.certificate_from_aging`). A form-encoded or multipart
post is refused by the CSRF check (only the types above are exempt: see
`pactum.web.security.API_BODY_TYPES`).
"""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from pactum.clauses.api import AgingFiles, aging_clause, certificate_from_aging
from pactum.collateral.detail_facts import find_detail, in_force
from pactum.errors import InputError, Problem
from pactum.web.api_models import CertificateRunJson, ErrorJson
from pactum.web.render import Board, PageError, When
from pactum.web.security import media_type

router = APIRouter(prefix="/api", tags=["api"])

# the aging's file suffix by the body's media type (the engine reads a file by its suffix)
SUFFIX_OF = {
    "text/csv": ".csv",
    "application/octet-stream": ".parquet",
    "application/vnd.apache.parquet": ".parquet",
}
# how the posted aging is named in messages (the command line names the file given)
BODY_NAME = "request body"


@router.post(
    "/certificates",
    response_model=CertificateRunJson,
    responses={
        400: {"model": ErrorJson, "description": "bad input, one line per problem"},
        413: {"model": ErrorJson, "description": "a body over the upload limit"},
        415: {"model": ErrorJson, "description": "a body neither CSV nor Parquet"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "the receivables aging, one row per invoice",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
                "application/vnd.apache.parquet": {
                    "schema": {"type": "string", "format": "binary"}
                },
            },
        }
    },
)
async def certificates(
    request: Request,
    board: Board,
    when: When,
    agreement: Annotated[
        str | None,
        Query(description="a revolver's id (default: the portfolio's one with a borrowing base)"),
    ] = None,
) -> JSONResponse:
    """The borrowing base certificate of the posted aging as of a date (default: the
    portfolio's as_of): `pactum collateral PORTFOLIO --receivables FILE --json`."""
    found_type = media_type(request.headers.get("content-type", ""))
    suffix = SUFFIX_OF.get(found_type)
    if suffix is None:
        expected = "text/csv, application/octet-stream or application/vnd.apache.parquet"
        problem = Problem("", None, "Content-Type", repr(found_type or "none"), expected)
        raise PageError([str(problem)], 415)
    portfolio = board.portfolio
    in_force_then = (a.at(when.date) for a in portfolio.agreements.values())
    revolvers = [a for a in in_force_then if aging_clause(a) is not None]
    chosen = [a for a in revolvers if agreement is None or a.id == agreement]
    if len(chosen) != 1:
        expected = "the id of one of the portfolio's revolvers with a borrowing base: " + (
            ", ".join(a.id for a in revolvers) or "none"
        )
        found = repr(agreement) if agreement is not None else "nothing"
        raise PageError([str(Problem("", None, "agreement", found, expected))])
    revolver = chosen[0]
    detail = find_detail(portfolio.root / portfolio.config.facts)
    with TemporaryDirectory(prefix="pactum-api-") as folder:
        aging = Path(folder) / f"aging{suffix}"
        with aging.open("wb") as saved:
            async for chunk in request.stream():  # within the app's body limit
                saved.write(chunk)
        files = AgingFiles(
            aging, in_force(detail.inventory, when.date), in_force(detail.payables, when.date)
        )
        try:
            # the engine's work off the event loop, as FastAPI runs a plain function
            run = await run_in_threadpool(
                lambda: certificate_from_aging(revolver, portfolio, when.date, files)
            )
        except InputError as error:
            raise PageError(
                [str(p).replace(str(aging), BODY_NAME) for p in error.problems]
            ) from None
    return JSONResponse(run.as_json())
