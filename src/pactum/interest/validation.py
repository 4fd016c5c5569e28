"""The interest clause's checks beyond its schema: one margin, a grid that names what it is
keyed on, and tiers that cover every figure exactly once."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise

from pactum.clauses.api import TermProblem, TermSheet
from pactum.interest.schema import Grid, InterestTerms, RateChoice, Tier

_COVER = (
    "tiers that cover every figure once: the lowest without a lower bound, the highest without "
    "an upper one, and each tier's lower bound the upper bound of the one below, inclusive on "
    "exactly one side (below X, at_least X; or at_most X, above X)"
)


def validate(terms: InterestTerms, header: TermSheet) -> list[TermProblem]:
    problems: list[TermProblem] = []
    if terms.bases:
        problems += _bases(terms)
    elif terms.index is None:
        problems.append(((), "neither index nor bases", "an index, or rate bases (bases)"))
    else:
        problems += _margin((), terms.margin, terms.grid_column, terms.grid)
    problems += _balance_from(terms, header)
    indexes = [(("index",), terms.index)] + [
        (("bases", n, "index"), b.index) for n, b in enumerate(terms.bases)
    ]
    for path, index in indexes:
        if isinstance(index, RateChoice):
            problems += _choice(path, index)
    if terms.due is not None:
        given = [
            k
            for k in ("day_of_month", "days_after_period_end")
            if getattr(terms.due, k) is not None
        ]
        if len(given) != 1:
            problems.append(
                (
                    ("due",),
                    ", ".join(given) or "neither",
                    "one of day_of_month, days_after_period_end",
                )
            )
    if terms.minimum is not None and terms.minimum.years_from not in header.dates:
        problems.append(
            (
                ("minimum", "years_from"),
                repr(terms.minimum.years_from),
                "a date named in the sheet's dates: " + (", ".join(header.dates) or "(none)"),
            )
        )
    columns = [terms.grid_column] if terms.grid_column else []
    columns += [b.grid_column for b in terms.bases if b.grid_column]
    default_tier = terms.default_rate.tier if terms.default_rate else None
    if default_tier is not None:
        ids = [t.id for t in terms.grid.tiers if t.id] if terms.grid else []
        if not columns or default_tier.value not in ids:
            problems.append(
                (
                    ("default_rate", "tier"),
                    repr(default_tier.value),
                    "the id of one of the tiers of the grid that gives the margin: "
                    + (", ".join(ids) or "(no grid, or no tier has an id)"),
                )
            )
    if terms.grid is not None:
        problems += [
            (("grid", *path), found, expected)
            for path, found, expected in _grid(terms.grid, header)
        ]
        ids = [t.id for t in terms.grid.tiers if t.id]
        if terms.grid.initial is not None and terms.grid.initial.value not in ids:
            problems.append(
                (
                    ("grid", "initial"),
                    repr(terms.grid.initial.value),
                    "the id of one of the grid's tiers: " + (", ".join(ids) or "(no tier has one)"),
                )
            )
    return problems


def _margin(
    path: tuple[str | int, ...], margin: object, column: str | None, grid: Grid | None
) -> list[TermProblem]:
    """One margin: fixed, or a column every tier of the clause's grid gives."""
    if (margin is None) == (column is None):
        found = "margin and grid_column" if margin is not None else "neither"
        return [(path, found, "one of margin, grid_column")]
    if column is None:
        return []
    if grid is None:
        return [((*path, "grid_column"), repr(column), "a grid with that column")]
    return [
        (
            ("grid", "tiers", index, "rates"),
            ", ".join(tier.rates) or "no rates",
            f"a rate for the column grid_column names ({column!r})",
        )
        for index, tier in enumerate(grid.tiers)
        if column not in tier.rates
    ]


def _bases(terms: InterestTerms) -> list[TermProblem]:
    """Rate bases in place of the clause's index and margin, each with its own margin, on
    balances.csv rows (a term loan's schedule names no basis)."""
    problems: list[TermProblem] = []
    given = [k for k in ("index", "floor", "margin", "grid_column") if getattr(terms, k)]
    if given:
        problems.append(
            ((), f"bases and {', '.join(given)}", "bases, each with its index and margin")
        )
    if terms.balance_from is not None:
        problems.append(((), "bases and balance_from", "bases on balances.csv rows"))
    seen: set[str] = set()
    for number, basis in enumerate(terms.bases):
        if basis.id in seen:
            problems.append((("bases", number, "id"), repr(basis.id), "a basis id used once"))
        seen.add(basis.id)
        problems += _margin(("bases", number), basis.margin, basis.grid_column, terms.grid)
    return problems


def _choice(path: tuple[str | int, ...], choice: RateChoice) -> list[TermProblem]:
    """A choice of rates: greatest_of or least_of, of two rates or more, each an index (with
    an optional spread) or a fixed rate."""
    given = [k for k in ("greatest_of", "least_of") if getattr(choice, k) is not None]
    if len(given) != 1:
        return [(path, " and ".join(given) or "neither", "one of greatest_of, least_of")]
    if len(choice.parts) < 2:
        return [
            (
                (*path, choice.key),
                f"{len(choice.parts)} rate(s)",
                "two rates or more to compare",
            )
        ]
    problems: list[TermProblem] = []
    for number, part in enumerate(choice.parts):
        where = (*path, choice.key, number)
        if (part.index is None) == (part.rate is None):
            found = "index and rate" if part.index is not None else "neither"
            problems.append((where, found, "one of index (with an optional plus), rate"))
        elif part.rate is not None and part.plus is not None:
            problems.append(((*where, "plus"), "plus on a fixed rate", "plus on an index"))
    return problems


def _balance_from(terms: InterestTerms, header: TermSheet) -> list[TermProblem]:
    """`balance_from` names a term_loan clause of the sheet that says when the loan is made."""
    name = terms.balance_from
    if name is None:
        return []
    if terms.facility:
        return [((), "facility and balance_from", "one of facility, balance_from")]
    loans = [c for c in header.clauses if c.type == "term_loan"]
    entry = next((c for c in loans if c.id == name), None)
    if entry is None:
        ids = ", ".join(c.id for c in loans) or "none"
        return [
            (
                ("balance_from",),
                repr(name),
                f"the id of a term_loan clause of the sheet (term_loan clauses: {ids})",
            )
        ]
    if (entry.model_extra or {}).get("advanced") is None:
        return [
            (
                ("balance_from",),
                f"{name!r}, a term loan without `advanced`",
                "a term_loan clause with `advanced`, the day the loan is made (its balance "
                "before then is zero)",
            )
        ]
    return []


def _grid(grid: Grid, header: TermSheet) -> Iterator[TermProblem]:
    keyed = grid.keyed_on
    given = [k for k in ("test", "value", "average_outstanding") if getattr(keyed, k) is not None]
    if len(given) != 1:
        yield (
            ("keyed_on",),
            ", ".join(given) or "nothing",
            "one of test, value, average_outstanding",
        )
    for key in ("test", "value"):
        name = getattr(keyed, key)
        if name is None:
            continue
        clause, _, item = name.partition(".")
        ids = [c.id for c in header.clauses]
        if not item or clause not in ids:
            yield (
                ("keyed_on", key),
                repr(name),
                f"<clause id>.<{key} id> of an earlier clause of the sheet (clauses: {', '.join(ids)})",
            )
    if not grid.tiers:
        yield (("tiers",), "no tiers", "at least one tier")
        return
    columns = set(grid.tiers[0].rates)
    for index, tier in enumerate(grid.tiers):
        yield from ((("tiers", index, *p), f, e) for p, f, e in _bounds(tier))
        if set(tier.rates) != columns:
            yield (
                ("tiers", index, "rates"),
                ", ".join(tier.rates) or "no rates",
                f"the same columns as the first tier ({', '.join(sorted(columns))})",
            )
    yield from _cover(grid.tiers)


def _bounds(tier: Tier) -> Iterator[TermProblem]:
    if tier.at_least is not None and tier.above is not None:
        yield ((), "at_least and above", "one lower bound")
    if tier.below is not None and tier.at_most is not None:
        yield ((), "below and at_most", "one upper bound")
    lower, upper = tier.lower, tier.upper
    if lower is not None and upper is not None and lower[1].value >= upper[1].value:
        yield ((), tier.described(), "a lower bound under the upper bound")


def _cover(tiers: list[Tier]) -> Iterator[TermProblem]:
    """Tiers in order of their lower bounds (a contract may list them either way), each
    meeting the next with no gap and no overlap."""
    order = sorted(
        range(len(tiers)),
        key=lambda i: (tiers[i].lower is not None, _value(tiers[i].lower)),
    )
    first, last = tiers[order[0]], tiers[order[-1]]
    if first.lower is not None:
        yield (("tiers", order[0]), f"{first.described()}: a figure under it in no tier", _COVER)
    if last.upper is not None:
        yield (("tiers", order[-1]), f"{last.described()}: a figure over it in no tier", _COVER)
    for below_index, above_index in pairwise(order):
        low, high = tiers[below_index], tiers[above_index]
        upper, lower = low.upper, high.lower
        if upper is None or lower is None:
            continue  # two open ends: an overlap, found below as a lower bound compared
        meets = upper[1].value == lower[1].value
        complementary = (upper[0], lower[0]) in (("below", "at_least"), ("at_most", "above"))
        if meets and complementary:
            continue
        gap = upper[1].value < lower[1].value or (meets and upper[0] == "below")
        what = "a gap" if gap else "an overlap"
        yield (
            ("tiers", above_index),
            f"{what} between {low.described()} and {high.described()}",
            _COVER,
        )
    open_low = [i for i in order if tiers[i].lower is None]
    if len(open_low) > 1:
        yield (("tiers", open_low[1]), "a second tier without a lower bound (an overlap)", _COVER)


def _value(bound: tuple[str, object] | None) -> Decimal:
    if bound is None:
        return Decimal(0)
    term = bound[1]
    value = getattr(term, "value", Decimal(0))
    assert isinstance(value, Decimal)
    return value
