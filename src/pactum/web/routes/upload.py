"""Upload a receivables aging (and optionally inventory and payables) for a revolver and a
date: the borrowing base certificate on the page, with its downloads.

The request body is read within the dashboard's upload limit (FastAPI's `max_body_size`: more
is 413), Starlette spooling each file to disk past 1 MB; the files are saved to a temporary
folder for the collateral engine (DuckDB) and removed when the certificate is made. The
downloads are written to the dashboard's results folder (`pactum.web.results`). A malformed
file is bad input: one line per problem on the page (HTTP 400), naming the uploaded file as the
user knows it.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse

from pactum.clauses.api import AgingCertificate, AgingFiles, aging_clause, certificate_from_aging
from pactum.collateral.aging_date import aging_date
from pactum.collateral.detail_facts import find_detail, in_force
from pactum.errors import InputError, Problem
from pactum.evaluate import evaluate_agreement
from pactum.web.dashboard import Dashboard
from pactum.web.downloads import certificate_downloads
from pactum.web.render import AsOf, Board, PageError, When, page, parse_as_of

router = APIRouter()
SUFFIXES = (".csv", ".parquet")


def revolvers(board: Dashboard) -> list[tuple[str, str]]:
    """The agreements with a clause that makes a certificate from an aging (a revolver with a
    borrowing base), by id and title."""
    return [
        (a.id, a.sheet.title)
        for a in board.portfolio.agreements.values()
        if aging_clause(a) is not None
    ]


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request, board: Board, when: When) -> HTMLResponse:
    # the as-of field starts empty: the certificate is as of the aging's own date unless one
    # is given (a portfolio's as-of date would age another date's invoices)
    return page(
        request, "upload.html", when, revolvers=revolvers(board), chosen=None, form_as_of=""
    )


def _save(upload: UploadFile | None, folder: Path, role: str) -> tuple[Path, str] | None:
    """The uploaded file saved under `folder` (None when no file was chosen), and its name as
    uploaded."""
    if upload is None or not upload.filename:
        return None
    name = Path(upload.filename).name
    if Path(name).suffix.lower() not in SUFFIXES:
        raise PageError(
            [f"{role}: found {name!r}; expected a CSV (.csv) or Parquet (.parquet) file"]
        )
    # a plain name: the engine puts the path in its SQL, and the user's name is in messages
    target = folder / role / re.sub(r"[^A-Za-z0-9._-]", "_", name)
    target.parent.mkdir()
    with target.open("wb") as saved:
        shutil.copyfileobj(upload.file, saved)
    return target, name


def _as_uploaded(text: str, names: dict[Path, str]) -> str:
    """A message naming each uploaded file as the user knows it, not by its temporary copy."""
    for path, name in names.items():
        text = text.replace(str(path), name)
    return text


@router.post("/upload", response_class=HTMLResponse)
def upload(
    request: Request,
    board: Board,
    agreement: Annotated[str, Form()],
    as_of: Annotated[str, Form()] = "",
    receivables: Annotated[UploadFile | None, File()] = None,
    inventory: Annotated[UploadFile | None, File()] = None,
    payables: Annotated[UploadFile | None, File()] = None,
) -> HTMLResponse:
    given = parse_as_of(as_of, board.default_as_of)
    known = dict(revolvers(board))
    if agreement not in known:
        raise PageError(
            [f"agreement: found {agreement!r}; expected a revolver: {', '.join(known) or 'none'}"]
        )
    chosen = board.agreement(agreement)
    with TemporaryDirectory(prefix="pactum-upload-") as temporary:
        folder = Path(temporary)
        saved = {
            role: _save(upload, folder, role)
            for role, upload in (
                ("receivables", receivables),
                ("inventory", inventory),
                ("payables", payables),
            )
        }
        aging = saved["receivables"]
        if aging is None:
            raise PageError(["receivables: found no file; expected a receivables aging"])
        when, warnings, notes = _as_of(given, aging)
        stock, stock_name, stock_note = _inventory(board, saved["inventory"], when)
        (notes if stock is not None else warnings).append(stock_note)
        names = {path: name for path, name in filter(None, saved.values())}
        files = AgingFiles(aging[0], stock, _path(saved["payables"]), aging[1], stock_name)
        try:
            # the agreement's failed covenant tests, which the printed certificates name
            failed = evaluate_agreement(chosen, board.portfolio, when).failed_tests
            run = certificate_from_aging(chosen, board.portfolio, when, files, failed)
        except InputError as error:
            raise PageError([_as_uploaded(str(p), names) for p in error.problems]) from None
    alerts = _overadvances(run)
    # what the page warns of is printed on the certificate too, before its certification
    printed = (*(f"Warning: {line}" for line in (*alerts, *warnings)), *filter(None, notes))
    run_id = board.results.store(lambda folder: certificate_downloads(run, folder, printed))
    return page(
        request,
        "upload.html",
        AsOf(when, True),
        revolvers=revolvers(board),
        chosen=agreement,
        form_as_of=as_of.strip(),
        run=_run_view(run, names),
        alerts=alerts,
        warnings=warnings,
        notes=[n for n in notes if n],
        run_id=run_id,
        downloads=sorted(board.results.files(run_id) or {}),
    )


def _as_of(given: AsOf, aging: tuple[Path, str]) -> tuple[date, list[str], list[str]]:
    """The certificate's date: the one given, else the aging's own (its file name's, else
    its latest invoice date); with warnings where the two disagree, and a note saying where
    the date came from."""
    path, name = aging
    found = aging_date(path, name)
    warnings: list[str] = []
    notes: list[str] = []
    if given.chosen:
        when = given.date
        if found is not None and found.day != when:
            warnings.append(
                f"as of {when.isoformat()}, but {name} is as of {found.day.isoformat()} "
                f"(from {found.how}): invoices are aged and loans taken as of "
                f"{when.isoformat()}"
            )
    elif found is not None:
        when = found.day
        notes.append(f"as of {when.isoformat()}: the date of {name}, from {found.how}")
    else:
        raise PageError(
            [
                str(
                    Problem(
                        "",
                        None,
                        "as_of",
                        f"no date given, none in {name!r} and no invoice dates in it",
                        "a date as YYYY-MM-DD",
                    )
                )
            ]
        )
    # (an invoice dated after the date is the engine's to refuse, naming its row)
    return when, warnings, notes


def _inventory(
    board: Dashboard, uploaded: tuple[Path, str] | None, when: date
) -> tuple[Path | None, str, str]:
    """The inventory listing to use, its name for the certificate, and a note when it is not
    an uploaded one: the portfolio's latest listing on or before the date, else none."""
    if uploaded is not None:
        return uploaded[0], uploaded[1], ""
    portfolio = board.portfolio
    listings = find_detail(portfolio.root / portfolio.config.facts).inventory
    path = in_force(listings, when)
    if path is None:
        return (
            None,
            "no inventory listing",
            f"no inventory uploaded and none in the portfolio on or before {when.isoformat()}: "
            "no inventory advance",
        )
    shown = path.relative_to(portfolio.root).as_posix()
    return path, shown, f"no inventory uploaded: the portfolio's {shown} is used"


def _overadvances(run: AgingCertificate) -> list[str]:
    """An alert for each borrower whose availability is below zero (loans, letters of credit
    and reserves above the line cap)."""
    from pactum.findings import Unit
    from pactum.format import display

    return [
        f"overadvance{f' of borrower {c.borrower}' if c.borrower else ''}: availability "
        f"is {display(c.availability, Unit.money)}: loans, letters of credit and "
        f"reserves exceed the line cap by {display(-c.availability, Unit.money)}"
        for c in run.borrowers
        if c.availability is not None and c.availability < 0
    ]


def _path(saved: tuple[Path, str] | None) -> Path | None:
    return saved[0] if saved else None


def _run_view(run: AgingCertificate, names: dict[Path, str]) -> dict[str, Any]:
    from pactum.findings import Unit
    from pactum.format import display

    return {
        "agreement": run.agreement,
        "as_of": run.as_of.isoformat(),
        "warnings": [_as_uploaded(w, names) for w in run.warnings],
        "certificates": [
            {
                "borrower": c.borrower,
                "lines": [
                    (label, display(amount, Unit.money), bold) for label, amount, bold in c.lines
                ],
                "figures": list(c.figures),
                "warnings": [_as_uploaded(w, names) for w in c.warnings],
            }
            for c in run.borrowers
        ],
    }


@router.get("/upload/{run_id}/{name}")
def download(board: Board, run_id: str, name: str) -> FileResponse:
    files = board.results.files(run_id) or {}
    found = files.get(name)
    # a run dropped for a newer one between the lookup and here has no file left
    if found is None or not found.path.is_file():
        raise PageError(
            [f"download: found {name!r} of run {run_id!r}; expected a recent run's file"], 404
        )
    return FileResponse(
        found.path,
        media_type=found.media_type,
        filename=found.name,
        content_disposition_type="attachment",
    )
