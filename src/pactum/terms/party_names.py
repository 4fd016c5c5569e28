"""Names of parties and holders as sheets list them: YAML's flow style (`[A, B]`) splits an
unquoted name at its comma, so `[IPOF Fund, LP, ...]` lists "IPOF Fund" and "LP". An entry
that is only a company form ("LP", "Inc. (Tenant)", "National Association") is the end of the
name before it."""

from __future__ import annotations

import re

# the company forms a name split at its comma leaves as an entry of its own (compared without
# dots or case: "L.P." is "lp")
COMPANY_FORMS = frozenset(
    {
        "lp", "llp", "lllp", "llc", "pllc", "ltd", "limited", "inc", "incorporated", "corp",
        "corporation", "co", "company", "na", "plc", "gmbh", "ag", "sa", "nv", "bv", "pc", "lc",
        "national association",
    }
)  # fmt: skip

_ROLE = re.compile(r"\s*\([^)]*\)\s*$")  # "Inc. (Tenant)": the party's role after its name


def is_company_form(entry: str) -> bool:
    """Whether a list entry is only a company form, its role in parentheses aside."""
    name = _ROLE.sub("", entry)
    return name.replace(".", "").strip().lower() in COMPANY_FORMS


def split_names(names: list[str]) -> list[tuple[int, str, str]]:
    """(index, the entry, the entry before it) for each entry after the first that is only a
    company form."""
    return [(i, n, names[i - 1]) for i, n in enumerate(names) if i > 0 and is_company_form(n)]
