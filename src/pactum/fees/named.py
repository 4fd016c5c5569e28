"""Terms named across a sheet: `facility.commitment` is the `commitment` term of the clause
whose id is `facility`; a list item is named by its id (`facility.covenants.min_tnw.level`);
a name without a dot is a term of the sheet's header (`dated`).

At load the name is looked up in the sheet as written (the clause's own checks see only the
header and the raw clauses); at evaluation the same name gives the typed term with its source.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from pactum.clauses.api import Agreement, TermSheet
from pactum.terms.values import Term, is_term_mapping


def _step(node: Any, part: str) -> Any:
    """One step down a name: a mapping's key, or a list's item by its id (or position)."""
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list):
        for index, item in enumerate(node):
            item_id = item.get("id") if isinstance(item, dict) else getattr(item, "id", None)
            if item_id == part or (item_id is None and part == str(index)):
                return item
    if isinstance(node, BaseModel) and part in type(node).model_fields:
        return getattr(node, part)
    return None


def written_value(header: TermSheet, name: str) -> Any:
    """The value `name` stands for in the sheet as written, or None."""
    first, *rest = name.split(".")
    if not rest:
        term = getattr(header, first, None) if first in ("dated",) else None
        return term.value if isinstance(term, Term) else None
    entry = next((c for c in header.clauses if c.id == first), None)
    node: Any = entry.model_extra if entry is not None else None
    for part in rest:
        if node is None or is_term_mapping(node):
            return None
        node = _step(node, part)
    return node["value"] if is_term_mapping(node) else node


def named_term(agreement: Agreement, name: str) -> Term[Any]:
    """The typed term `name` stands for (the clause's checks made sure there is one)."""
    first, *rest = name.split(".")
    node: Any
    if not rest:
        node = getattr(agreement.sheet, first)
    else:
        node = next(c for c in agreement.clauses if c.id == first).terms
        for part in rest:
            node = _step(node, part)
    if not isinstance(node, Term):
        raise LookupError(f"{name!r} names no term of {agreement.id}")
    return node


def clause_ids(header: TermSheet) -> str:
    return ", ".join(c.id for c in header.clauses)
