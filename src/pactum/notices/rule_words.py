"""The words each deemed-given rule is written with, for checking a cited rule against its
quote: a quote citing a rule should contain at least one of its words (compared with
whitespace folded and case ignored). They are the notices clause type's `written_as`, which
`pactum verify` accepts in a cited rule's quote. `earliest_of` is the composed form
`deemed_given: {earliest_of: [...]}`, whose own `cite` quotes the whole phrase.

The words come from the clauses of the Innotrac and development-corpus agreements (e.g. HC2's
"when actually received during normal business hours", Quest Solution's "upon the earlier of
the date of receipt or three (3) days after deposit" and "upon sender's receipt of an
acknowledgment").
"""

from __future__ import annotations

from pactum.notices.clause import DeemedRule

EARLIEST_OF = "earliest_of"

RULE_WORDS: dict[str, tuple[str, ...]] = {
    DeemedRule.delivery: ("delivery", "delivered", "by hand"),
    DeemedRule.business_days: ("business days", "business day"),
    DeemedRule.answered_back: ("answered back", "answerback"),
    DeemedRule.acknowledged: ("acknowledged", "acknowledgment", "acknowledgement"),
    DeemedRule.next_business_day: (
        "next business day",
        "following business day",
        "one (1) business day",
        "overnight",
    ),
    DeemedRule.receipt: ("actual receipt", "actually received", "received", "receipt"),
    DeemedRule.receipt_in_business_hours: (
        "business hours",
        "normal business hours",
        "after 5:00 p.m.",
        "not a business day",
    ),
    DeemedRule.email_acknowledged: (
        "acknowledged",
        "acknowledgment",
        "acknowledgement",
        "return receipt",
    ),
    EARLIEST_OF: ("earlier of", "earliest of", "whichever is earlier", "whichever occurs first"),
}
