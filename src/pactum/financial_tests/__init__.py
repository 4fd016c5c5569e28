"""Financial tests (covenants) as a clause type any agreement may have, and the engine the
revolver family's own `covenants:` run on: levels on dated schedules, test dates, measuring
periods (trailing, fiscal year to date, period to date, or a table of them), inclusive or
strict bounds, and what a zero or negative denominator means."""
