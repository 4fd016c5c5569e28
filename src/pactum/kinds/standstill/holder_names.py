"""Holder names of ownership.csv against the sheet's `holder.holders`.

The group's ownership is the sum of the rows of its listed holders, and the rows in force
are the latest on or before the as-of date: a listed name with no rows adds nothing, and a row
whose holder is misspelled (`IPOF Gruop`) leaves the group's figures at an older date. Neither
is impossible (a member may hold nothing yet; the file may list other holders), so each is a
warning, with the name most like it ("did you mean ...?").

A name with a comma in a YAML flow list, `[Example Partners Master Fund, Ltd., ...]`, is two
entries, the second only the company form (`Ltd.`): YAML ends an unquoted flow item at a
comma. Which entries belong together is a guess, so it is not made; each such entry is a
warning naming the entry before it and how to write the name.
"""

from __future__ import annotations

from datetime import date
from difflib import get_close_matches

from pactum.facts.ownership import Ownership
from pactum.findings import Alert, Severity
from pactum.terms.party_names import is_company_form

# how alike two names must be to be taken for one misspelt (difflib's ratio)
SIMILARITY = 0.8


def holder_name_alerts(
    ownership: Ownership, holders: list[str], as_of: date, *, listed: bool = True
) -> list[Alert]:
    """Warnings for the names of the rows known at `as_of`; `listed`: also for each listed
    holder without rows (when none has any, the clause says so on its own)."""
    known = [h for h in ownership.holdings if h.as_of <= as_of]
    written = sorted({h.holder for h in known})
    alerts: list[Alert] = []
    for holder in holders:
        if listed and holder not in written:
            alerts.append(Alert(Severity.warning, _listed_without_rows(holder, written, as_of)))
    for name in sorted(set(written) - set(holders)):
        meant = get_close_matches(name, holders, n=1, cutoff=SIMILARITY)
        if meant:
            dates = sorted({h.as_of for h in known if h.holder == name})
            alerts.append(
                Alert(
                    Severity.warning,
                    f"ownership.csv: holder {name!r} ({len(dates)} row(s), the latest "
                    f"{dates[-1].isoformat()}) is not one the sheet lists, and is not counted; "
                    f"did you mean {meant[0]!r}?",
                )
            )
    return alerts


def _listed_without_rows(holder: str, written: list[str], as_of: date) -> str:
    message = (
        f"ownership.csv has no rows for the listed holder {holder!r} on or before "
        f"{as_of.isoformat()}"
    )
    meant = get_close_matches(holder, written, n=1, cutoff=SIMILARITY)
    return message + (f"; did you mean {meant[0]!r}?" if meant else ".")


def split_name_alerts(holders: list[str]) -> list[Alert]:
    """A listed holder that is only a company form (`Ltd.`, `LP`): the tail of a name that a
    YAML flow list split at its comma."""
    alerts = []
    for index, name in enumerate(holders):
        if index > 0 and is_company_form(name):
            before = holders[index - 1]
            alerts.append(
                Alert(
                    Severity.warning,
                    f"holder.holders lists {name!r} after {before!r}: a name split at its "
                    "comma? In a YAML flow list ([...]) a comma ends an unquoted name; write "
                    f'it quoted ("{before}, {name}") or one name a line.',
                )
            )
    return alerts
