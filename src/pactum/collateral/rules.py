"""The `eligibility:` section of a revolver term sheet: the parameters of the waterfall.

Each parameter is a term (cited or assumed). Percentages are fractions with at most four
decimals (basis points), so that the engines compare them in exact integer arithmetic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pactum.terms.values import Days, Money, Term

_STRICT = ConfigDict(extra="forbid", frozen=True)

FLAGS = ("disputed", "bill_and_hold", "consignment", "progress_billing")
Flag = Literal["disputed", "bill_and_hold", "consignment", "progress_billing"]
DEBTOR_KINDS = ("foreign", "affiliate", "government")
RECEIVABLE_REASONS = (
    "credit_balances",
    "aged",
    "cross_aged",
    "foreign",
    "affiliate",
    "government",
    *FLAGS,
    "contra",
    "concentration",
)


# the steps of the waterfall before concentration, which is always last; `flags` stands for the
# per-invoice flags, each its own bucket in the `flags` term's order
Step = Literal[
    "credit_balances", "aged", "cross_aged", "foreign", "affiliate", "government", "flags", "contra"
]
STANDARD_ORDER: list[Step] = [
    "credit_balances", "aged", "cross_aged", "foreign", "affiliate", "government", "flags", "contra"
]  # fmt: skip


# how a cross-aging threshold is compared: "more than 50%" or "50% or more"
CrossAgeComparison = Literal["more_than", "at_least"]
# what a concentration percentage is of: the borrower's gross accounts before any exclusion
# ("25% of all Accounts"), or what remains of them after the earlier steps ("15% of total
# Eligible Accounts")
ConcentrationBase = Literal["eligible_accounts", "total_accounts"]
# the aging's columns that name a debtor
DebtorColumn = Literal["debtor_id", "debtor_name"]
# the per-invoice exclusions an account class can be exempt from
ExemptRule = Literal["aged", "disputed", "bill_and_hold", "consignment", "progress_billing"]
NO_CAP = 2**62  # cents: a debtor under no concentration cap (beyond any balance a BIGINT sums)


class DebtorLimit(BaseModel):
    """A named debtor's own limits: its own concentration percentage and/or a fixed amount
    (the lesser when both), and a cap on its eligible accounts relative to the borrowing base."""

    model_config = _STRICT
    debtor: Term[str] = Field(description="the debtor, as the `column` of the aging writes it")
    column: Term[DebtorColumn] = Field(
        Term[DebtorColumn](value="debtor_id"), description="the aging column that names it"
    )
    concentration_percent: Term[Decimal] | None = Field(
        None, description="its balance above this fraction of the concentration base"
    )
    concentration_amount: Term[Money] | None = Field(
        None, description="its balance above this amount"
    )
    borrowing_base_percent: Term[Decimal] | None = Field(
        None, description="its eligible accounts at most this fraction of the borrowing base"
    )


class Exemption(BaseModel):
    """A per-invoice exclusion that does not apply to accounts of the named classes (the
    aging's `account_class` column)."""

    model_config = _STRICT
    rule: Term[ExemptRule]
    account_classes: Term[list[str]]


class ReceivableRules(BaseModel):
    model_config = _STRICT
    max_days_from_invoice: Term[Days] | None = Field(
        None, description="aged when more than this many days past the invoice date"
    )
    max_days_past_due: Term[Days] | None = Field(
        None, description="aged when more than this many days past the due date"
    )
    cross_age_percent: Term[Decimal] | None = Field(
        None, description="the debtor is cross-aged when more than this fraction is aged"
    )
    cross_age_comparison: Term[CrossAgeComparison] = Field(
        Term[CrossAgeComparison](value="more_than"),
        description="more_than: exactly the percentage is not cross-aged; at_least: it is",
    )
    foreign: Term[bool] = Term[bool](value=True)
    home_countries: Term[list[str]] = Term[list[str]](value=["US"])
    affiliate: Term[bool] = Term[bool](value=True)
    government: Term[bool] = Term[bool](value=True)
    flags: Term[list[Flag]] = Term[list[Flag]](value=list(FLAGS))
    contra: Term[bool] = Term[bool](value=True)
    concentration_percent: Term[Decimal] | None = Field(
        None, description="a debtor's remaining balance above this fraction of the total"
    )
    concentration_base: Term[ConcentrationBase] = Field(
        Term[ConcentrationBase](value="eligible_accounts"),
        description="eligible_accounts: what remains after the earlier steps; total_accounts: "
        "the gross debit balances before any exclusion",
    )
    debtor_limits: list[DebtorLimit] = Field(
        default_factory=list, description="named debtors' own limits, first match wins"
    )
    exemptions: list[Exemption] = Field(
        default_factory=list, description="account classes a per-invoice exclusion skips"
    )
    order: Term[list[Step]] = Field(
        Term[list[Step]](value=list(STANDARD_ORDER)),
        description="the waterfall's steps before concentration, each once",
    )


class InventoryRules(BaseModel):
    model_config = _STRICT
    ineligible_statuses: Term[list[str]] = Term[list[str]](
        value=["work_in_process", "consigned", "in_transit", "slow_moving"]
    )
    eligible_statuses: Term[list[str]] | None = Field(
        None,
        description="the statuses of eligible stock; when given, a status in neither list is "
        "bad input (else any other status is eligible)",
    )


class Eligibility(BaseModel):
    model_config = _STRICT
    receivables: ReceivableRules = ReceivableRules()
    inventory: InventoryRules = InventoryRules()


@dataclass(frozen=True)
class BorrowingBaseTerms:
    """What the engine reads of an agreement's terms: the eligibility rules, and the ids of the
    inventory classes that have their own advance rate. The revolver makes it from its sheet
    (`kinds.revolver.borrowing_base.engine_terms`); the engine never sees the sheet."""

    eligibility: Eligibility
    inventory_classes: tuple[str, ...]

    def key(self) -> str:
        """The terms as JSON: the engine's runs over a portfolio's detail are kept by it."""
        classes = ",".join(self.inventory_classes)
        return f"{self.eligibility.model_dump_json()}|{classes}"


def exempt_classes(rules: ReceivableRules, rule: str) -> list[str]:
    """The account classes the sheet exempts from one per-invoice exclusion."""
    return sorted(
        {c for e in rules.exemptions if e.rule.value == rule for c in e.account_classes.value}
    )


def basis_points(fraction: Decimal) -> int:
    """0.25 -> 2500; the sheet's validation refuses finer fractions."""
    return int(fraction * 10000)


# the figures of the receivables rules that a plan for several borrowers reads from each
# borrower's parameters (columns, or the caps computed per borrower) rather than as literals
PER_BORROWER_RULES = (
    "max_days_from_invoice",
    "max_days_past_due",
    "cross_age_percent",
    "concentration_percent",
)
PER_BORROWER_LIMITS = ("concentration_percent", "concentration_amount", "borrowing_base_percent")


def rule_shape(rules: ReceivableRules) -> str:
    """The rules with each borrower's own figures (days, percentages, amounts) and every
    citation left out: borrowers whose rules have one shape run in one plan. Which rules there
    are, their order, flags, countries and named debtors are the shape: a plan differs by them."""
    plain: dict[str, Any] = _plain(rules)
    for name in PER_BORROWER_RULES:
        if plain[name] is not None:
            plain[name] = "per borrower"
    for limit in plain["debtor_limits"]:
        for name in PER_BORROWER_LIMITS:
            if limit[name] is not None:
                limit[name] = "per borrower"
    return json.dumps(plain, sort_keys=True, default=str)


def _plain(found: Any) -> Any:
    """A model's values without their citations: a term is its value."""
    if isinstance(found, Term):
        return _plain(found.value)
    if isinstance(found, BaseModel):
        return {name: _plain(getattr(found, name)) for name in type(found).model_fields}
    if isinstance(found, list | tuple):
        return [_plain(item) for item in found]
    return found
