"""A revolver's certificate from a posted aging (`ClauseType.certificate_from_aging`): the
collateral engine's run over the files given, with the portfolio's loans and the agreement's
events, as the dashboard's upload page and `POST /api/certificates` hand it over."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pactum.clauses.api import AgingBorrower, AgingCertificate, AgingFiles, ClauseContext
from pactum.findings import TestResult
from pactum.kinds.revolver.certificate import CertificateRun, run_certificates, to_json
from pactum.kinds.revolver.certificate_files import output_files
from pactum.kinds.revolver.commands import certificate_lines
from pactum.kinds.revolver.schema import RevolverTerms

if TYPE_CHECKING:
    from pactum.document import Document


@dataclass(frozen=True)
class RevolverAgingCertificate(AgingCertificate):
    """The run, and what its printed certificates name: the agreement's title, the company,
    the files as the user knows them."""

    run: CertificateRun
    sheet: RevolverTerms
    title: str
    company: str
    aging_name: str
    inventory_name: str
    # the agreement's failed actual tests, named by the printed certificates' certification
    failed_tests: tuple[TestResult, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return to_json(self.run)

    def files(self) -> Mapping[str, bytes]:
        return output_files(self.run)

    def documents(self) -> Sequence[Document]:
        from pactum.kinds.revolver.borrowing_base_certificate import from_collateral_run

        return [
            from_collateral_run(
                self.run,
                self.sheet,
                self.title,
                c.borrower_id or None,
                self.company,
                self.aging_name,
                self.inventory_name,
            )
            .with_failed_tests(self.failed_tests)
            .document()
            for c in self.run.certificates
        ]


def certificate_from_aging(
    ctx: ClauseContext[RevolverTerms], files: AgingFiles, failed_tests: Sequence[TestResult] = ()
) -> RevolverAgingCertificate:
    """The certificate of the aging as of `ctx.as_of` (DuckDB), with the portfolio's loans and
    the agreement's events, as `pactum collateral PORTFOLIO --receivables FILE` makes it."""
    facts = ctx.portfolio.facts
    run = run_certificates(
        ctx.terms,
        ctx.as_of,
        files.receivables,
        files.payables,
        files.inventory,
        "duckdb",
        {"": facts.loans},
        facts.events.for_agreement(ctx.agreement.id),
        agreement_id=ctx.agreement.id,
    )
    borrowers = tuple(
        AgingBorrower(
            c.borrower_id,
            tuple(certificate_lines(c)),
            tuple(v for v in c.availability.values if v.trace is not None),
            c.figure("availability") if c.loans_known else None,
            c.warnings,
        )
        for c in run.certificates
    )
    return RevolverAgingCertificate(
        run.agreement,
        run.as_of,
        borrowers,
        run.warnings,
        run,
        ctx.terms,
        ctx.agreement.sheet.title,
        ctx.portfolio.config.company,
        files.receivables_name or files.receivables.name,
        files.inventory_name or (files.inventory.name if files.inventory else ""),
        tuple(failed_tests),
    )
