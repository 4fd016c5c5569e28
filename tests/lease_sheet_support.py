"""The small lease the clause tests build on: 10,000 sf from 2024-01-01 at $120,000.00 a year,
due on the first of each month, to the end date a test needs; each test appends its own part of
the sheet and of the document (the quotes of both must be in the document)."""

from __future__ import annotations

# the document's first sentence: what the lease below cites
BASE_RENT = "Base Rent of $120,000.00 per year, payable monthly on the first day of each month."


def lease_sheet(end: str) -> str:
    """The `clauses:` list opened with the lease, through its rent due day; the test's own terms
    of the lease (indented four spaces) or further clauses follow."""
    return f"""\
clauses:
  - id: lease
    type: lease
    spaces:
      - id: premises
        area: {{value: 10000, assumed: illustrative}}
        in_premises_from: {{value: 2024-01-01, assumed: illustrative}}
    lease_years:
      - id: year_1
        start: {{value: 2024-01-01, assumed: illustrative}}
        end: {{value: {end}, assumed: illustrative}}
        annual: {{value: 120000, cite: "Base Rent of $120,000.00 per year"}}
    rent_due_day: {{value: 1, cite: "payable monthly on the first day of each month"}}
"""
