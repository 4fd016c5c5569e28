"""Term sheets of the corpus's standstills written for tests: e.l.f. Beauty / Marathon (2020)
and Gold Resource / Hochschild (2008), each with its agreement as the document, so that every
cited quote is the agreement's own words. Shares outstanding and holdings are illustrative."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pactum.evaluate import check
from pactum.findings import AgreementFindings
from pactum.portfolio import load_portfolio
from portfolio_support import write_portfolio

EXCERPTS = Path(__file__).resolve().parent / "corpus_excerpts"

ELF = """\
dated: {value: 2020-07-01, cite: "entered into as of July 1, 2020"}
clauses:
  - id: cooperation
    type: standstill
    holder:
      name: Marathon Parties
      holders: [Marathon Partners]
    standstill:
      through:
        value: 2021-02-26
        assumed: >-
          Illustrative: the 2021 Annual Meeting Nomination Window Date (thirty days before the
          advance notice period ends under the Bylaws, which the agreement does not reproduce).
      acquisition_cap:
        clause: "3(a)(v)"
        level:
          value: 0.125
          cite: "may acquire beneficial ownership of up to 12.5% of the Company's outstanding shares of Common Stock"
        excused:
          value: both
          assumed: The parties may "acquire" up to 12.5%; a move of the shares outstanding is no acquisition.
    floors:
      - id: replacement
        clause: "1(c)"
        level:
          value: 0.02
          cite: "the \\"Minimum Ownership Threshold\\" shall mean beneficial ownership equal to or greater than 2.0%"
        tested:
          value: maintained_since_signing
          cite: "as of such time, the Marathon Parties have maintained since the date of this Agreement the Minimum Ownership Threshold"
        at_event: vacancy
        rights:
          - {id: replacement_director, title: a mutually agreed replacement director}
      - id: calls
        clause: "1(d)"
        level:
          value: 0.02
          cite: "the \\"Minimum Ownership Threshold\\" shall mean beneficial ownership equal to or greater than 2.0%"
        tested:
          value: maintained_since_signing
          cite: "so long as the Marathon Parties have maintained since the date of this Agreement the Minimum Ownership Threshold"
        rights:
          - {id: investor_calls, title: Quarterly Investor Conference Calls}
"""

GOLD = """\
dated: {value: 2008-12-05, cite: "dated for reference the 5th day of December 2008"}
clauses:
  - id: alliance
    type: standstill
    holder:
      name: HOC
      holders: [Hochschild Mining Holdings]
    ownership:
      rights:
        value: regardless_of_exercise
        cite: "including all shares of Common Stock issuable upon the conversion, exercise or exchange of all Convertible Securities beneficially owned by the HOC Entities"
      denominator:
        value: fully_diluted
        cite: "plus the number of shares of Common Stock issuable upon the conversion, exercise or exchange of all outstanding Convertible Securities"
    standstill:
      through:
        value: 2011-03-10
        assumed: Illustrative, two years after an assumed Subsequent Closing Date of 2009-03-10.
      acquisition_cap:
        clause: "7.1(i)"
        level:
          value: 0.40
          cite: "that would result in a Pro Rata Interest greater than 40%"
        excused:
          value: both
          assumed: The covenant forbids acquisitions; the company's issuances or buybacks are none.
    floors:
      - id: first_director
        clause: "5.4, 8.2"
        level:
          value: 0.145
          cite: "the Pro Rata Interest of HOC falls below 14.5%"
        tested:
          value: continuously
          cite: "the Pro Rata Interest of HOC falls below 14.5%"
        rights:
          - {id: hoc_director, title: the HOC Director}
      - id: second_director_appointment
        clause: "5.2"
        level:
          value: 0.40
          cite: "holds a Pro Rata Interest of 40% or more"
        tested:
          value: continuously
          assumed: The right to appoint is the Company's agreement while HOC holds 40% or more.
        effect:
          value: suspended
          assumed: The right to appoint arises while HOC holds 40% or more and not below it.
        rights:
          - {id: second_director_appointment, title: appointing a second director}
      - id: second_director
        clause: "5.2"
        level:
          value: 0.35
          cite: "so long as HOC maintains a Pro Rata Interest of at least 35%"
        tested:
          value: continuously
          cite: "so long as HOC maintains a Pro Rata Interest of at least 35%"
        rights:
          - {id: second_director_nomination, title: the second director on the slate}
"""


def corpus_text(name: str) -> str:
    return (EXCERPTS / name).read_text(encoding="utf-8")


def elf(folder: Path, sheet: str = ELF, events: str = "") -> Path:
    write_portfolio(folder, sheet, corpus_text("elf-marathon-standstill-2020.txt"), events)
    return folder


def gold(folder: Path, sheet: str = GOLD, events: str = "") -> Path:
    write_portfolio(folder, sheet, corpus_text("gold-resource-hochschild-2008.txt"), events)
    return folder


def findings(folder: Path, as_of: date, **facts: str) -> AgreementFindings:
    """The agreement's findings on `as_of`, with each keyword a facts file (name.csv)."""
    for name, text in facts.items():
        (folder / "facts" / f"{name}.csv").write_text(text, encoding="utf-8")
    return check(load_portfolio(folder), as_of).agreement("deal")
