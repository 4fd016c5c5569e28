"""The ways a value can be written in a contract, and finding them in a quote."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from pactum.terms.written_forms import (
    appears_in,
    collapse,
    colon_typed_ratio,
    names_in,
    number_in_words,
    occurrences,
    ordinal_in_words,
    phrase_in,
    squash,
    written_forms,
)


@pytest.mark.parametrize(
    ("value", "quote"),
    [
        (Decimal("0.85"), "limited to 85% of\neligible accounts receivable"),
        (Decimal("0.85"), "an advance rate of .85"),
        (Decimal("0.85"), "an advance rate of 0.85"),
        (Decimal("0.50"), "and 50% of eligible inventory"),  # as YAML loads 0.50
        (Decimal("40000000"), "we would continue to provide a $40,000,000 credit facility"),
        (Decimal("40000000"), "a $40 million credit facility"),
        (Decimal("40000000"), "a $40000000.00 credit facility"),
        (date(2005, 6, 30), "The maturity date of June 30, 2005, currently in place"),
        (date(2005, 6, 30), "matures 6/30/05"),
        (date(2005, 6, 30), "matures 06/30/2005"),
        (date(2005, 6, 30), "on the 30th day of June, 2005"),
        (date(2005, 6, 30), "on 30 June 2005"),
        (date(2005, 6, 30), "on 2005-06-30."),
        # the letter's typesetting splits the date: whitespace is ignored
        (date(2003, 3, 31), "Fixed Charge Coverage:         1.25 at 3/3 1/03"),
        (Decimal("1.25"), "Fixed Charge Coverage:         1.25 at 3/3 1/03"),
        (Decimal("1.5"), "Debt to Tangible Net Worth     1.50:1 (current covenant)"),
        (Decimal("5"), "within five (5) business days"),
        (Decimal("5"), "within FIVE business days"),  # case is folded
        (Decimal("0.15"), "fifteen percent (15%)"),
        (Decimal("0.15"), "fifteen percent"),
        (Decimal("0.15"), "greater than 15 percent"),
        (Decimal("3"), "could be conducted three times per year"),
        (Decimal("1555"), "Monthly monitoring fee of $1,555."),
        (Decimal("25"), "twenty-five days"),
        (2700, "Typically this runs\n   $2,700, and"),  # an int is a number too
        ("quarter", "$250,000 per quarter"),
        ("bellsouth_consent", "provided BellSouth consents"),  # _ read as a space
        # a day of the month, in words or figures
        (Decimal("1"), "due and payable in arrears on the first day of each month"),
        (Decimal("15"), "on the 15th day of each month"),
        (Decimal("21"), "on the twenty-first day"),
        # day counts as credit agreements write them (corpus: Quest Solution, Vertex Energy)
        (
            "actual/360",
            "a three hundred sixty (360)-day year for the actual number of days elapsed",
        ),
        (
            "actual/360",
            "actual number of days elapsed ... as if each calendar year consisted of 360 days",
        ),
        ("actual/365", "on the basis of a 365-day year and actual days elapsed"),
        ("30/360", "a 360-day year of twelve 30-day months"),
        ("less_than", "is less than 50%"),
    ],
)
def test_appears_in(value: object, quote: str) -> None:
    assert appears_in(value, quote)


@pytest.mark.parametrize(
    ("value", "quote"),
    [
        (Decimal("5"), "Monthly monitoring fee of $1,555."),  # part of a longer number
        (Decimal("5"), "15 days"),
        (Decimal("5"), "5.5 days"),  # the integer part of a decimal
        (Decimal("0.85"), "an advance rate of 0.855"),
        (Decimal("0.85"), "85.5% of eligible accounts"),
        (Decimal("40000000"), "a $140,000,000 credit facility"),
        (Decimal("40000000"), "a $40,000,000.50 credit facility"),
        (date(2005, 6, 30), "June 3, 2005"),
        (date(2005, 6, 3), "June 30, 2005"),
        (date(2005, 6, 30), "6/30/04"),
        (date(2005, 6, 30), "16/30/05"),
        (Decimal("0.15"), "greater than 115%"),
        (Decimal("1.5"), "1.55:1"),
        (Decimal("3"), "four times per year"),
        (Decimal("1"), "the twenty-first day"),  # part of a longer ordinal
        (Decimal("2"), "the twenty-second day"),  # part of a longer ordinal
        # a 360-day year of 30-day months is not an actual count
        ("actual/360", "a 360-day year of twelve 30-day months"),
        ("actual/365", "a three hundred sixty (360)-day year for the actual days elapsed"),
        (True, "true"),  # booleans have no written form
        (None, "None"),
    ],
)
def test_not_in(value: object, quote: str) -> None:
    assert not appears_in(value, quote)


@pytest.mark.parametrize(
    ("value", "quote"),
    [(Decimal("0.85"), "an advance rate of 1.85"), (Decimal("0.15"), "a fee of $2.15")],
)
def test_leading_point_form_not_inside_a_longer_number(value: Decimal, quote: str) -> None:
    assert not appears_in(value, quote)


@pytest.mark.parametrize(
    ("value", "quote"),
    [
        (Decimal("4"), "within fourteen days"),
        (Decimal("9"), "ninety (90) days"),
        (Decimal("10"), "Tentatively limited to $3,000,000"),
        (Decimal("1"), "request the money"),
        (Decimal("0.05"), "twenty-five percent"),
    ],
)
def test_number_word_not_inside_a_longer_word(value: Decimal, quote: str) -> None:
    assert not appears_in(value, quote)


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "zero"),
        (5, "five"),
        (15, "fifteen"),
        (19, "nineteen"),
        (20, "twenty"),
        (25, "twenty-five"),
        (40, "forty"),
        (99, "ninety-nine"),
        (100, "one hundred"),
        (101, "one hundred one"),
        (1000, "one thousand"),
        # 1,125 = 1 thousand + 1 hundred + 25
        (1125, "one thousand one hundred twenty-five"),
        # 2,362,788 = 2 million + 362 thousand + 788
        (2362788, "two million three hundred sixty-two thousand seven hundred eighty-eight"),
        (40000000, "forty million"),
        (3000000000, "three billion"),
    ],
)
def test_number_in_words(n: int, words: str) -> None:
    assert number_in_words(n) == words


def test_written_forms_of_a_rate() -> None:
    forms = written_forms(Decimal("0.85"))
    # figures at 2 places, the leading-point form, percent in figures and in words
    assert {"0.85", ".85", "85%", "85.0%", "85.00%", "85 percent", "eighty-five percent"} <= forms


def test_written_forms_of_a_date() -> None:
    forms = written_forms(date(2003, 3, 1))
    assert {
        "3/1/03",
        "03/01/2003",
        "March 1, 2003",
        "March 1st, 2003",
        "1st day of March, 2003",
    } <= (forms)


def test_written_forms_of_other_values() -> None:
    assert written_forms(True) == set()
    assert written_forms(1.5) == set()  # floats are never term values
    assert written_forms("line_cap") == {"line_cap", "line cap"}


def test_squash() -> None:
    assert squash("  Limited to 85%\n of\teligible ") == "limitedto85%ofeligible"


# ---- ordinals ----


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (1, "first"),
        (2, "second"),
        (3, "third"),
        (5, "fifth"),
        (8, "eighth"),
        (9, "ninth"),
        (12, "twelfth"),
        (15, "fifteenth"),
        (20, "twentieth"),
        (21, "twenty-first"),
        (30, "thirtieth"),
        (31, "thirty-first"),
        (90, "ninetieth"),
        (100, "one hundredth"),
    ],
)
def test_ordinal_in_words(n: int, words: str) -> None:
    assert ordinal_in_words(n) == words


@pytest.mark.parametrize(
    ("value", "quote"),
    [
        # an ordinal word where it names a day
        (1, "payable on the first day of each calendar month"),
        (1, "on the First Day of each month"),
        (15, "on or before the fifteenth (15th) day of each month"),
        (15, "on the fifteenth of every month"),
        (31, "on the thirty-first day of December"),
        (5, "on the fifth business day after mailing"),
        (5, "the fifth (5th) Business Day"),
        (10, "not later than the tenth calendar day"),
        (2, "on the second day after delivery"),
        (20, "the twentieth of the month"),
        # an ordinal with its figure beside it, anywhere
        (15, "the fifteenth (15th) anniversary"),
        # an ordinal in figures is its figure
        (1, "due on the 1st of each month"),
        (15, "due on the 15th"),
        (22, "the 22nd day"),
    ],
)
def test_ordinal_forms(value: int, quote: str) -> None:
    assert appears_in(Decimal(value), quote)


@pytest.mark.parametrize(
    ("value", "quote"),
    [
        # "first" that does not name a day is not 1
        (1, "this First Amendment to Lease"),
        (1, "by registered first-class mail"),
        (1, "during the first Lease Year"),
        (1, "the first anniversary"),
        # the ordinal of another number, or inside a longer ordinal
        (2, "on the first day of each calendar month"),
        (1, "on the twenty-first day of December"),
        (1, "on the thirty-first day"),
        (15, "the fifth day"),
        (5, "the fifteenth day"),
        (4, "the fourteenth day"),
        # a day word must follow as a word
        (1, "the first daylight hours"),
    ],
)
def test_ordinal_forms_not_in(value: int, quote: str) -> None:
    assert not appears_in(Decimal(value), quote)


def test_occurrences_end_where_the_value_ends() -> None:
    # "seven (7) days": the word ends at 5, the figure at 8; what follows is read from there
    quote = "Seven (7) Days after"
    assert sorted(o.end for o in occurrences(Decimal(7), quote)) == [5, 8]
    assert collapse(quote)[8:] == ") days after"
    # a figure split by a scan ("3/3 1/03") ends where its last character is
    [found] = occurrences(date(2003, 3, 31), "1.25 at 3/3 1/03 and")
    assert found.end == len("1.25 at 3/3 1/03")


# ---- naming a term ----


@pytest.mark.parametrize(
    ("key", "quote", "named"),
    [
        ("foreign", "Receivables from Foreign debtors are ineligible", True),
        ("affiliate", "accounts owed by Affiliates", True),  # a word's start
        ("excess_availability", "availability in excess of $1,000,000", True),  # any order
        ("carry_forward", "unused amounts may be carried forward", False),  # not a stem
        ("contra", "amounts owed to a debtor", False),
        ("government", "non-government accounts", True),
        ("affiliate", "disaffiliated debtors", False),  # inside a word
        ("", "anything", False),
    ],
)
def test_names_in(key: str, quote: str, named: bool) -> None:
    assert names_in(key, quote) is named


@pytest.mark.parametrize(
    ("phrase", "quote", "found"),
    [
        ("delivered", "if personally delivered", True),
        ("by hand", "at the time of delivery By\nHand", True),
        ("delivered", "undelivered mail", False),
        ("in person", "in personam", False),
        ("", "anything", False),
    ],
)
def test_phrase_in(phrase: str, quote: str, found: bool) -> None:
    assert phrase_in(phrase, quote) is found


# ---- a ratio typed with a colon for its decimal point ("4:00:1", Chesapeake's No. 5) ------


@pytest.mark.parametrize(
    ("value", "quote", "typed"),
    [
        (
            Decimal("4.00"),
            "Beginning of the second Fiscal Quarter of 2008 and thereafter 4:00:1",
            "4:00:1",
        ),
        (
            Decimal("5.5"),
            "Beginning of the fourth Fiscal Quarter of 2008 and thereafter 5:50:1",
            "5:50:1",
        ),
        (Decimal("4.25"), "a ratio of 4 : 25 : 1.00", "4 : 25 : 1.00"),
        (Decimal("12.5"), "not more than 12:50:1", "12:50:1"),
    ],
)
def test_a_colon_typed_ratio_is_read_only_as_a_tolerance(
    value: Decimal, quote: str, typed: str
) -> None:
    # read as N.NN for verify to note, and never as a plain form of the value
    assert colon_typed_ratio(value, quote) == typed
    assert not appears_in(value, quote)


@pytest.mark.parametrize(
    ("value", "quote"),
    [
        (Decimal("4"), "thereafter 4:00:1"),  # the figure before the colon is not written
        (Decimal("1"), "thereafter 4:00:1"),  # nor the ratio's 1
        (Decimal("0"), "thereafter 4:00:1"),
    ],
)
def test_no_figure_of_a_colon_typed_ratio_counts_as_written(value: Decimal, quote: str) -> None:
    # 4 is read from "4:00:1" only as the tolerance (4.00), never as a plain form
    assert not appears_in(value, quote)
    assert colon_typed_ratio(value, quote) == ("4:00:1" if value == 4 else None)


@pytest.mark.parametrize(
    ("value", "quote"),
    [
        (Decimal("4.50"), "thereafter 4:00:1"),  # another figure
        (Decimal("5.00"), "by 5:00 p.m. Eastern time"),  # a time, not a ratio
        (Decimal("4.00"), "4.00:1"),  # written properly: a plain form, no tolerance
        (Decimal("0.50"), "at 10:50:15 on the day"),  # a time with seconds
    ],
)
def test_not_a_colon_typed_ratio(value: Decimal, quote: str) -> None:
    assert colon_typed_ratio(value, quote) is None


def test_a_time_still_writes_its_hour() -> None:
    assert appears_in(Decimal("5"), "by 5:00 p.m. Eastern time")
    assert appears_in(Decimal("4.00"), "4.00:1")


def test_squash_removes_exactly_the_whitespace_of_regular_expressions() -> None:
    # squash splits on str.isspace's characters; quotes and documents were compared with
    # every `\s` of a regular expression removed, and must still be
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert squash(every) == re.sub(r"\s+", "", every).casefold()
    assert squash("Fifteen\u00a0Percent\u2003(15%)\n") == "fifteenpercent(15%)"
