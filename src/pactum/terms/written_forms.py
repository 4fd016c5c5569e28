"""The ways a value can be written in a contract, for checking that a quote contains it.

85% <-> 0.85; $40,000,000 / 40 million <-> 40000000; 1.50:1 <-> 1.5; five (5) <-> 5;
1st, fifteenth (15th), the first day <-> 1, 15, 1; June 30, 2005 / 6/30/05 / 30th day of June,
2005 <-> 2005-06-30; April 2003 <-> 2003-04; a 360-day year <-> actual/360, 30-day months <->
30/360. Matching ignores whitespace and case, and a figure must not be part of a longer number
("5" is not found in "$1,555").

Ordinals. One in figures ("1st", "15th") is found as its figure, anywhere, and so is one
written with its figure beside it ("fifteenth (15th)"), as "five (5)" is. An ordinal *word*
counts as its number only where it names a day: followed by "day" ("business day", "calendar
day") or by "of each month" and the like ("the first day of each calendar month", "the fifth
business day", "the fifteenth of every month"). "First" alone is everywhere in contracts ("First
Amendment", "first-class mail", "the first Lease Year"): accepting it for every 1 would let a
wrong quote pass.

A ratio typed with a colon for its decimal point, "4:00:1" for 4.00:1 (N:NN:1), is not a form:
no figure inside it counts as written (the "4" of "4:00:1" is not 4), and `colon_typed_ratio`
reads it as N.NN only for `verify` to report as a tolerance, never silently.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

_ONES = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ((10**9, "billion"), (10**6, "million"), (1000, "thousand"), (100, "hundred"))


def number_in_words(n: int) -> str:
    """0 <= n < 10**12 in English words: 25 -> 'twenty-five'."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    for size, name in _SCALES:
        if n >= size:
            high, rest = divmod(n, size)
            words = f"{number_in_words(high)} {name}"
            return words + (f" {number_in_words(rest)}" if rest else "")
    raise AssertionError(n)  # pragma: no cover


def _figures(value: Decimal) -> set[str]:
    """A number written in figures: with and without grouping, and with trailing zeros up to
    two decimals or one more than it has (a grid's `1.750%`, `0.250%`)."""
    normal = value.normalize()
    forms: set[str] = set()
    exponent = normal.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    for extra in range(places, max(places + 1, 2) + 1):
        text = f"{normal:.{extra}f}"
        forms.add(text)
        forms.add(f"{normal:,.{extra}f}")
        if text.startswith("0."):
            forms.add(text[1:])  # .85
    return forms


def _numeric_forms(value: Decimal) -> set[str]:
    forms = _figures(value)
    forms |= {f + "%" for f in _figures(value * 100)}
    forms |= {f + " percent" for f in _figures(value * 100)}
    if value == value.to_integral_value() and 0 <= value < 10**12:
        forms.add(number_in_words(int(value)))
        if value >= 1:
            forms.add(f"{ordinal_in_words(int(value))} ({_ordinal(int(value))})")
    percent = value * 100
    if percent == percent.to_integral_value() and 0 <= percent < 10**12:
        forms.add(number_in_words(int(percent)) + " percent")
    # a fraction of one percent as US credit agreements write it: "1/2 of 1%", "1/8%"
    for parts in (2, 4, 8, 16):
        share = percent * parts
        if 0 < percent < 1 and share == share.to_integral_value():
            forms |= {f"{int(share)}/{parts} of 1%", f"{int(share)}/{parts} of one percent"}
            forms.add(f"{int(share)}/{parts}%")
            break
    if value >= 10**6 and (value / 10**6) == (value / 10**6).to_integral_value():
        forms.add(f"{int(value / 10**6)} million")
    return forms


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_IRREGULAR_ORDINALS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
    "nine": "ninth", "twelve": "twelfth",
}  # fmt: skip


def ordinal_in_words(n: int) -> str:
    """1 <= n < 10**12 as an ordinal in words: 1 -> 'first', 21 -> 'twenty-first',
    30 -> 'thirtieth', 100 -> 'one hundredth'."""
    if n < 1:
        raise ValueError(f"no ordinal for {n}")
    words = number_in_words(n)
    cut = max(words.rfind(" "), words.rfind("-")) + 1  # the last word takes the ordinal
    head, last = words[:cut], words[cut:]
    if last in _IRREGULAR_ORDINALS:
        return head + _IRREGULAR_ORDINALS[last]
    if last.endswith("y"):
        return head + last[:-1] + "ieth"
    return head + last + "th"


def _ordinal_day_pattern(n: int) -> re.Pattern[str]:
    """Day `n` named by an ordinal word in folded text: 'first day', 'fifth (5th) business
    day', 'fifteenth of each month'. Group 1 is the ordinal with any figure beside it, so that
    what follows it (a unit) can be read from its end."""
    word, figure = re.escape(ordinal_in_words(n)), re.escape(_ordinal(n))
    return re.compile(
        rf"(?<![a-z-])({word}(?: ?\( ?{figure} ?\))?) (?="
        r"(?:(?:business|calendar|banking|working) )?days?(?![a-z])"
        r"|of (?:each|every|the|such|any) (?:calendar )?month(?![a-z]))"
    )


def _date_forms(d: date) -> set[str]:
    month = calendar.month_name[d.month]
    forms = set()
    for m in (str(d.month), f"{d.month:02d}"):
        for day in (str(d.day), f"{d.day:02d}"):
            for year in (f"{d.year % 100:02d}", str(d.year)):
                forms.add(f"{m}/{day}/{year}")
    forms |= {
        f"{month} {d.day}, {d.year}",
        f"{month} {d.day} {d.year}",
        f"{month} {_ordinal(d.day)}, {d.year}",
        f"{_ordinal(d.day)} day of {month}, {d.year}",
        f"{_ordinal(d.day)} day of {month} {d.year}",
        f"{d.day} {month} {d.year}",
        d.isoformat(),
    }
    return forms


def written_forms(value: object) -> set[str]:
    """All the forms of `value` to look for (before whitespace is removed); an integer's
    ordinal words, which count only where they name a day, are looked for apart
    (`occurrences`)."""
    if isinstance(value, bool):
        return set()
    if isinstance(value, date):
        return _date_forms(value)
    if isinstance(value, Decimal | int):
        return _numeric_forms(Decimal(value))
    if isinstance(value, str):
        month = re.fullmatch(r"(\d{4})-(\d{2})", value)
        if month and 1 <= int(month[2]) <= 12:
            return _month_forms(int(month[1]), int(month[2]))
        if value in _DAY_COUNTS:
            return {value, *_DAY_COUNTS[value]}
        return {value, value.replace("_", " ")}
    return set()


def _year_of(days: int) -> tuple[str, ...]:
    return (
        f"{days}-day year",
        f"{days} day year",
        f"({days})-day year",
        f"({days}) day year",
        f"year of {days} days",
        f"consisted of {days} days",
    )


# a day count (pactum.day_count) as agreements write it out: "on the basis of a three hundred
# sixty (360)-day year for the actual number of days elapsed", "a 360-day year of twelve 30-day
# months"
_DAY_COUNTS: dict[str, tuple[str, ...]] = {
    "actual/360": _year_of(360),
    "actual/365": _year_of(365),
    # "365 or 366 days, as applicable": each day over its own year's days
    "actual/actual": ("365 or 366 days", "366 or 365 days", "actual/actual"),
    "30/360": (
        "30-day month",
        "30 day month",
        "thirty-day month",
        "(30)-day month",
        "months of 30 days",
    ),
}


def _month_forms(year: int, month: int) -> set[str]:
    """A month written as YYYY-MM: April 2003, April, 2003, 4/03, 04/2003."""
    name = calendar.month_name[month]
    forms = {f"{name} {year}", f"{name}, {year}", f"{year}-{month:02d}"}
    for m in (str(month), f"{month:02d}"):
        forms |= {f"{m}/{year % 100:02d}", f"{m}/{year}"}
    return forms


def squash(text: str) -> str:
    """Remove all whitespace and fold case: the form in which quotes and documents compare.
    (`str.split` splits on exactly the characters regular expressions call `\\s`, in a
    quarter of the time, over a whole document.)"""
    return "".join(text.split()).casefold()


def collapse(text: str) -> str:
    """Fold case and runs of whitespace into one space."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Occurrence:
    """Where a value is written in a quote: the form found, and where it ends in the quote
    folded by `collapse`, so that what follows it (a unit: "days", "business days") can be
    read."""

    form: str
    end: int


@dataclass(frozen=True)
class FoldedQuote:
    """A quote in both folded forms, and where each character of the squashed form sits in
    the collapsed one (they differ only by the single spaces)."""

    collapsed: str
    squashed: str
    in_collapsed: tuple[int, ...]

    @classmethod
    def of(cls, quote: str) -> FoldedQuote:
        collapsed = collapse(quote)
        at = tuple(i for i, c in enumerate(collapsed) if c != " ")
        return cls(collapsed, collapsed.replace(" ", ""), at)


# "4:00:1", "5 : 50 : 1", "4:00:1.00": two figures after a colon where a ratio's decimal point
# belongs, then the ratio's ": 1"; not a time ("5:00 p.m.") nor a longer figure around it
_COLON_TYPED_RATIO = re.compile(
    r"(?<![0-9.,:])(\d{1,3}) ?: ?(\d{2}) ?: ?1(?:\.0{1,2})?(?![0-9]|[.,:] ?[0-9])"
)


def colon_typed_ratio(value: object, quote: str) -> str | None:
    """The ratio in `quote` typed with a colon for its decimal point ("4:00:1") that reads as
    `value` (4.00), or None. A tolerance of filed texts, for `verify` to note."""
    if not isinstance(value, Decimal | int) or isinstance(value, bool):
        return None
    for match in _COLON_TYPED_RATIO.finditer(collapse(quote)):
        if Decimal(f"{match[1]}.{match[2]}") == Decimal(value):
            return match.group()
    return None


def _inside_colon_typed_ratio(folded: FoldedQuote, found: Occurrence) -> bool:
    return any(
        m.start() < found.end <= m.end() for m in _COLON_TYPED_RATIO.finditer(folded.collapsed)
    )


def occurrences(value: object, quote: str) -> list[Occurrence]:
    """Every place `value` is written in `quote`, in any of its forms.

    Forms made of figures and signs are looked for with all whitespace removed (a scan may
    split "3/31/03" as "3/3 1/03"); forms with words are looked for with whitespace folded,
    as whole words ("four" is not in "fourteen", "ten" not in "tentatively").
    """
    folded = FoldedQuote.of(quote)
    if isinstance(value, str):
        # a term's keyword (bellsouth_consent, quarter) names the clause loosely: "BellSouth
        # consents" carries it, so it is found as a plain substring
        # "a 360-day year" is 30/360's year too: an actual count says "actual" as well
        actual_missing = value not in folded.collapsed and "actual" not in folded.collapsed
        # (a year of "365 or 366 days" is actual/actual's own: only actual days make it vary)
        fixed_year = value.startswith("actual/") and value != "actual/actual"
        if fixed_year and value in _DAY_COUNTS and actual_missing:
            return []
        return [
            Occurrence(form, m.end())
            for form in written_forms(value)
            for m in re.finditer(re.escape(collapse(form)), folded.collapsed)
        ]
    found = [o for form in written_forms(value) for o in _form_occurrences(form, folded)]
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        number = Decimal(value)
        if number == number.to_integral_value() and 1 <= number < 10**12:
            pattern = _ordinal_day_pattern(int(number))
            found += [Occurrence(m.group(1), m.end(1)) for m in pattern.finditer(folded.collapsed)]
    # a figure of a ratio typed "4:00:1" is not the value written (see colon_typed_ratio)
    return [o for o in found if not _inside_colon_typed_ratio(folded, o)]


def _form_occurrences(form: str, folded: FoldedQuote) -> Iterable[Occurrence]:
    has_words = any(c.isalpha() for c in form)
    needle = collapse(form) if has_words else squash(form)
    haystack = folded.collapsed if has_words else folded.squashed
    if not needle or needle not in haystack:
        return  # the cheap test first: most forms are not there at all
    if not has_words:
        for match in re.finditer(re.escape(needle), haystack):
            if _figure_bounded(folded, needle, match.start(), match.end()):
                yield Occurrence(form, folded.in_collapsed[match.end() - 1] + 1)
        return
    pattern = re.escape(needle)
    if needle[0].isdigit() or needle[0] == ".":
        pattern = r"(?<![0-9])(?<![0-9][.,])" + pattern
    elif needle[0].isalpha():
        pattern = r"(?<![a-z-])" + pattern
    if needle[-1].isdigit():
        pattern += r"(?![0-9]|[.,][0-9])"
    elif needle[-1].isalpha():
        pattern += r"(?![a-z-])"
    for match in re.finditer(pattern, haystack):
        yield Occurrence(form, match.end())


def _figure_bounded(folded: FoldedQuote, needle: str, start: int, end: int) -> bool:
    """Whether a figure found in the squashed quote is a whole number there: not part of a
    longer one ("5" in "15", "1.0" in "1.05"). A space in the quote bounds a figure although
    squashing joins it to the next ("2015 1.05" squashes to "20151.05")."""
    text, at = folded.squashed, folded.in_collapsed
    if needle[0].isdigit() or needle[0] == ".":
        spaced = start > 0 and at[start] - at[start - 1] > 1
        joined = start > 0 and (
            text[start - 1].isdigit()
            or (start > 1 and text[start - 1] in ".," and text[start - 2].isdigit())
        )
        if joined and not spaced:
            return False
    if needle[-1].isdigit():
        spaced = end < len(text) and at[end] - at[end - 1] > 1
        joined = end < len(text) and (
            text[end].isdigit()
            or (end + 1 < len(text) and text[end] in ".," and text[end + 1].isdigit())
        )
        if joined and not spaced:
            return False
    return True


def appears_in(value: object, quote: str) -> bool:
    """Whether `value` is written in `quote` in one of its forms (see `occurrences`)."""
    if isinstance(value, str | int | Decimal | date):
        # a book's sheets cite the same sentences for the same values, borrower after
        # borrower: each pair is looked for once. The key keeps the type and the text as
        # written, since 0.85 and 0.850 (equal Decimals) or 1 and True have different forms.
        return _appears_in_once(type(value).__name__, str(value), quote, value)
    return bool(occurrences(value, quote))


@lru_cache(maxsize=4096)
def _appears_in_once(kind: str, written: str, quote: str, value: object) -> bool:
    return bool(occurrences(value, quote))


def names_in(words: str, quote: str) -> bool:
    """Whether each word of `words` (a sheet key, underscores read as spaces) begins a word of
    `quote`, in any order: `foreign` is named by "foreign debtors", `affiliate` by
    "Affiliates", `excess_availability` by "availability in excess"."""
    collapsed = collapse(quote)
    parts = collapse(words.replace("_", " ")).split()
    return bool(parts) and all(
        re.search(rf"(?<![a-z0-9]){re.escape(part)}", collapsed) for part in parts
    )


def phrase_in(phrase: str, quote: str) -> bool:
    """Whether `phrase` is in `quote` as whole words, whitespace and case folded."""
    needle = collapse(phrase)
    if not needle:
        return False
    return re.search(rf"(?<![a-z0-9]){re.escape(needle)}(?![a-z0-9])", collapse(quote)) is not None
