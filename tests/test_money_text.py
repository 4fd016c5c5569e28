"""Text with amounts of money in it: figures in a trace, dollars for people."""

from __future__ import annotations

from decimal import Decimal

from pactum.money import NO_MONEY_TEXT, MoneyText


def test_a_trace_reads_figures_and_people_read_dollars() -> None:
    text = MoneyText(("reinstated ", Decimal("53403.325"), " suspended by the default"))
    # half-up to the cent either way
    assert str(text) == "reinstated 53403.33 suspended by the default"
    assert text.shown() == "reinstated $53,403.33 suspended by the default"


def test_joined_leaves_out_what_says_nothing() -> None:
    first = MoneyText(("section_2c ", Decimal("39358.75")))
    credit = MoneyText(("credit ", Decimal("-1200"), " at the end of the term"))
    joined = MoneyText.joined([NO_MONEY_TEXT, first, NO_MONEY_TEXT, credit])
    assert joined.shown() == "section_2c $39,358.75; credit -$1,200.00 at the end of the term"
    assert str(joined) == "section_2c 39358.75; credit -1200.00 at the end of the term"
    assert not MoneyText.joined([NO_MONEY_TEXT, NO_MONEY_TEXT])
    assert MoneyText.joined([]).shown() == ""
