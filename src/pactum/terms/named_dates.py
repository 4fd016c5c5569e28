"""Dates as contracts define them: fixed, from an event, or worked out from other dates.

A sheet names its dates in its header and any clause may use a name or write a rule in place:

    dates:
      closing: {value: 2008-01-18, cite: "dated as of January 18, 2008"}
      delivery: {event: delivery, estimate: {value: 2004-01-15, assumed: "the landlord's plan"}}
      commencement:
        earliest:
          - {event: opening}
          - {after: delivery, days: {value: 120, cite: "120 days after the Delivery Date"}}
      maturity: {after: closing, years: {value: 3, cite: "the third (3rd) anniversary"}}
      lease_year_1_end: {full_months: 12, from: commencement}

The rules: a date (`2003-04-01`, or `{value, cite|assumed}`); a name; `{event, estimate}`
(the first recorded event of that name, the estimate until then, which makes every figure
that depends on it projected); `{after|before: X, days|business_days|weeks|months|years: N}`;
`{start_of_month: X}`, `{end_of_month: X}`, `{start_of_next_month: X}`, `{day_before: X}`;
`{full_months: N, from: X}` (the last day of the N-th full calendar month from X);
`{earliest: [...]}`, `{latest: [...]}`; `{date: X, at: "17:00", time_zone: America/New_York}`.
Each number is a term, cited or assumed like any other; its key is its unit.

This module gathers them: the rules (`pactum.terms.date_rules`), how a date is worked out on
an as-of date (`pactum.terms.date_resolver`), and a clause's date terms written as rules
(`pactum.terms.date_terms`).
"""

from pactum.terms.date_resolver import (
    DateError,
    DateResolver,
    ResolvedDate,
    ResolvedPeriod,
    Unresolved,
)
from pactum.terms.date_rules import (
    DATE_NAME,
    MAX_OFFSET,
    Clock,
    DateName,
    DatePeriod,
    DateRule,
    EventDate,
    Extension,
    ExtensionCondition,
    Extreme,
    FullMonths,
    MonthEdge,
    Offset,
    OffsetUnit,
    Requirement,
    definition_cycle,
    events_read,
    is_date_rule,
    models_in,
    names_used,
    rules_in,
)
from pactum.terms.date_terms import (
    DateTerm,
    RuleTerm,
    UnresolvedDate,
    has_rule_terms,
    with_dates_on,
)

__all__ = [
    "DATE_NAME",
    "MAX_OFFSET",
    "Clock",
    "DateError",
    "DateName",
    "DatePeriod",
    "DateResolver",
    "DateRule",
    "DateTerm",
    "EventDate",
    "Extension",
    "ExtensionCondition",
    "Extreme",
    "FullMonths",
    "MonthEdge",
    "Offset",
    "OffsetUnit",
    "Requirement",
    "ResolvedDate",
    "ResolvedPeriod",
    "RuleTerm",
    "Unresolved",
    "UnresolvedDate",
    "definition_cycle",
    "events_read",
    "has_rule_terms",
    "is_date_rule",
    "models_in",
    "names_used",
    "rules_in",
    "with_dates_on",
]
