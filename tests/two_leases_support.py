"""The two leases of `tests/test_rent_all.py` (see its figures worked by hand), written as a
portfolio; `with_expenses` gives `north` a 10% share of the building's operating expenses,
estimated at $120,000.00 for 2024 (ILLUSTRATIVE): 120,000.00 / 12 x 10% = 1,000.00 a month."""

from __future__ import annotations

from pathlib import Path

DOCUMENT = """\
NORTH LEASE. The Tenant leases 1,000 rentable square feet. The Term commences on January 15,
2024. Base Rent is $24.00 per rentable square foot per year, payable monthly in advance on the
first day of each month. A partial month is prorated on the basis of the number of days.
SOUTH LEASE. Base Rent is One Thousand Five Hundred Dollars ($1,500.00) per month from
March 1, 2024, for twelve months, due on the first day of each month; the Base Rent for the
first month of the Term is abated.
"""


def _lease(agreement: str, space: str, start: str, rent: str, extra: str = "") -> str:
    return f"""\
id: {agreement}
title: {agreement.title()} lease
document: documents/leases.txt
dated: {{value: 2023-12-01, assumed: an illustrative lease}}
parties: [Landlord, Tenant]
clauses:
  - id: lease
    type: lease
    spaces:
      - id: premises
        area: {space}
        in_premises_from: {start}
    rent_commencement: {start}
    lease_years:
      - id: year_1
        months: {{value: "1-12", assumed: twelve months}}
        {rent}
    rent_due_day: {{value: 1, cite: "first day of each month"}}
{extra}"""


NORTH = _lease(
    "north",
    '{value: 1000, cite: "1,000 rentable square feet"}',
    '{value: 2024-01-15, cite: "commences on January 15,\\n2024"}',
    'rate: {value: 24.00, cite: "$24.00 per rentable square foot per year"}',
    '    proration: {value: days_in_month, cite: "on the basis of the number of days"}\n',
)
NORTH_SHARE = (
    "    proportionate_share:\n"
    '      - start: {value: 2024-01-15, cite: "commences on January 15,\\n2024"}\n'
    '        share: {value: 0.10, cite: "Proportionate Share is 10%"}\n'
)
SOUTH = _lease(
    "south",
    "{value: 1000, assumed: the area does not set the rent}",
    '{value: 2024-03-01, cite: "March 1, 2024"}',
    'monthly: {value: 1500.00, cite: "($1,500.00) per month"}',
    "    abatements:\n"
    '      - {month: {value: 2024-03, assumed: "the first month of the Term is abated"}, '
    'amount: {value: 1500.00, cite: "($1,500.00)"}}\n',
)


def write_two_leases(root: Path, with_expenses: bool = False) -> Path:
    """The portfolio in `root` (a fresh folder), as of June 30, 2024."""
    (root / "documents").mkdir()
    document = DOCUMENT + ("Tenant's Proportionate Share is 10%.\n" if with_expenses else "")
    (root / "documents" / "leases.txt").write_text(document, encoding="utf-8")
    (root / "agreements").mkdir()
    north = NORTH + (NORTH_SHARE if with_expenses else "")
    (root / "agreements" / "north.yaml").write_text(north, encoding="utf-8")
    (root / "agreements" / "south.yaml").write_text(SOUTH, encoding="utf-8")
    (root / "portfolio.yaml").write_text(
        "company: Tenant\ncalendar: {country: US}\nas_of: 2024-06-30\n"
        "agreements: [agreements/north.yaml, agreements/south.yaml]\n"
        + ("facts: facts\n" if with_expenses else ""),
        encoding="utf-8",
    )
    if with_expenses:
        (root / "facts").mkdir()
        (root / "facts" / "opex.csv").write_text(
            "agreement,year,estimated,actual\nnorth,2024,120000.00,\n", encoding="utf-8"
        )
    return root
