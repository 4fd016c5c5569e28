"""What an option's outcomes come to on a date.

Exercised: the amount exercising brings. Lapsed or waived: the amount the first recorded event
of `after_lapse` gives (any event up to the as-of date, in date order: the landlord may have
leased the space before the option ran out); undetermined until one is recorded, and with
nothing listed to decide it, none. Pending (or its window unknown): not yet decided, and the
figure says what each outcome would give.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pactum.facts.events import Event
from pactum.findings import SourceRef
from pactum.money import money_display
from pactum.options.schema import AfterLapse, OptionTerms, Outcome, each_condition
from pactum.options.status import OptionStatus, Standing
from pactum.terms.values import sources

ENDED = (OptionStatus.lapsed, OptionStatus.waived)


@dataclass(frozen=True)
class OutcomeFound:
    outcome: Outcome
    amount: Decimal | None  # None: not decided yet, or nothing to decide it
    status: str  # the option's status while pending, `exercised`, a decision's id, `undecided`
    formula: str
    sources: tuple[SourceRef, ...]

    @property
    def label(self) -> str:
        title = self.outcome.title
        if self.status == "undecided":
            return f"{title} (undetermined: waits on an event that decides it)"
        if self.amount is None:
            return f"{title} ({self.status}: see the option's last day)"
        return title


def outcome_text(outcome: Outcome) -> str:
    """What each way the option ends gives: 'TI allowance: $90,000.00 if exercised; if not
    exercised, $0.00 once the landlord leases any of it to the tenant'."""
    text = f"{outcome.title}: {money_display(outcome.if_exercised.amount.value)} if exercised"
    if outcome.after_lapse:
        text += "; if not exercised, " + " or ".join(
            f"{money_display(outcome.amount_after(d).value)} once {d.described}"
            for d in outcome.after_lapse
        )
    return text


def outcomes_text(option: OptionTerms) -> str:
    return "; ".join(outcome_text(o) for o in option.outcomes)


def _decides(decided: AfterLapse, event: Event) -> bool:
    return any(c.matches(event.event, event.data) for _, c in each_condition(decided.by))


def outcome_on(
    found: Standing, outcome: Outcome, events: Sequence[Event], as_of: date
) -> OutcomeFound:
    """The outcome on `as_of`, from the option's standing and the agreement's events."""
    status, why = found.status, found.why
    if status is OptionStatus.exercised:
        exercised = outcome.if_exercised
        amount = exercised.amount.value
        return OutcomeFound(
            outcome,
            amount,
            "exercised",
            f"{why}: {outcome.title} {money_display(amount)}",
            sources(exercised.amount, exercised.provision),
        )
    if status not in ENDED:
        window = found.window
        return OutcomeFound(
            outcome,
            None,
            status.value,
            f"{status.value} ({why}): {outcome_text(outcome)}",
            window.closes.sources if window else (),
        )
    known = sorted((e for e in events if e.date <= as_of), key=lambda e: e.date)
    for event in known:
        for decided in outcome.after_lapse:
            if _decides(decided, event):
                term = outcome.amount_after(decided)
                return OutcomeFound(
                    outcome,
                    term.value,
                    decided.id,
                    f"{status.value} ({why}); {event.event} on {event.date.isoformat()} "
                    f"({event.where()}): {decided.described}: {outcome.title} "
                    f"{money_display(term.value)}",
                    sources(term, decided.provision),
                )
    if not outcome.after_lapse:
        return OutcomeFound(
            outcome, None, status.value, f"{status.value} ({why}): no {outcome.title}", ()
        )
    waits = " or ".join(
        f"{d.described} ({money_display(outcome.amount_after(d).value)})"
        for d in outcome.after_lapse
    )
    return OutcomeFound(
        outcome,
        None,
        "undecided",
        f"{status.value} ({why}); {outcome.title} undetermined until {waits}",
        tuple(ref for d in outcome.after_lapse for ref in sources(d.amount, d.provision)),
    )
