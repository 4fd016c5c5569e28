"""A clause's date term written as a rule (`maturity: {after: closing, years: 3}`): worked out
from the estimates when the sheet is loaded, and afresh on each as-of date the clause is
evaluated on."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, Discriminator, Tag, model_validator

from pactum.findings import SourceRef
from pactum.terms.date_resolver import DateResolver, Unresolved
from pactum.terms.date_rules import DateRule, models_in, rule_kind
from pactum.terms.values import Term, origin_ref


class RuleTerm(Term[date]):
    """A date term of a clause written as a rule (`maturity: {after: closing, years: 3}`):
    its value is the rule worked out, on loading from the estimates alone, and afresh on each
    as-of date a clause is evaluated on (see `with_dates_on`), so that clause code reads
    `term.value` as for any date."""

    worked_out_later: ClassVar[bool] = True

    rule: DateRule
    projected: bool = False
    worked_out: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _wrap_plain(cls, data: Any) -> Any:
        # the rule as written; the value is set once the sheet's dates are known
        return (
            data if isinstance(data, dict) and "rule" in data else {"rule": data, "value": date.min}
        )

    def source_ref(self) -> SourceRef | None:
        how = "; ".join(self.worked_out) or "a rule over the sheet's dates"
        state = "projected, " if self.projected else ""
        return origin_ref(self.origin, None, f"{state}worked out: {how}")


def _date_term_tag(data: Any) -> str:
    kind = rule_kind(data)
    return "rule" if kind is not None and kind != "fixed" else "term"


# a clause's date: a date as written (`{value, cite}`) or a rule over the sheet's dates
DateTerm = Annotated[
    Annotated[Term[date], Tag("term")] | Annotated[RuleTerm, Tag("rule")],
    Discriminator(_date_term_tag),
]


def has_rule_terms(node: Any) -> bool:
    return any(isinstance(part, RuleTerm) for part in models_in(node))


def with_dates_on(node: Any, dates: DateResolver) -> Any:
    """`node` (a clause's terms) with each date written as a rule worked out by `dates`; the
    same object when it has none. Raises `DateError` for a date out of range and
    `UnresolvedDate` for one that waits on an event with no estimate."""
    if isinstance(node, RuleTerm):
        found = dates.resolve(node.rule)
        if isinstance(found, Unresolved):
            raise UnresolvedDate(found.reason)
        return node.model_copy(
            update={"value": found.day, "projected": found.projected, "worked_out": found.steps}
        )
    if isinstance(node, BaseModel):
        changed = {}
        for name in type(node).model_fields:
            child = getattr(node, name)
            new = with_dates_on(child, dates)
            if new is not child:
                changed[name] = new
        return node.model_copy(update=changed) if changed else node
    if isinstance(node, dict):
        items = {key: with_dates_on(child, dates) for key, child in node.items()}
        same = all(items[key] is child for key, child in node.items())
        return node if same else items
    if isinstance(node, list | tuple):
        children = [with_dates_on(child, dates) for child in node]
        if all(new is old for new, old in zip(children, node, strict=True)):
            return node
        return children if isinstance(node, list) else tuple(children)
    return node


class UnresolvedDate(ValueError):
    """A clause's date that waits on an event not recorded, with no estimate."""
