"""Interest day by day: each day's balance, index rate, margin and accrual, and a period's sum.

A day accrues `balance x rate` over the year: rate = max(index, floor) + margin (+ the default
margin while a default is in force). The period's interest is the sum of its days' products x
the day count's days / (the period's actual days x the year's days): for the actual/360 and
actual/365 counts that is the sum over the year, and 30/360 spreads its days over the actual
ones, as the fees clause does. Exact until the end of the period, then rounded half-up to the
cent; the trace says where. A day with a balance of zero needs no rate. A day with a balance
and no index rate on or before it is bad input (rates are never read as zero); a day without a
balance row leaves the period not computed (a warning), as for fees.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from pactum.clauses.api import ClauseContext
from pactum.day_count import year_fraction
from pactum.errors import fail
from pactum.facts.balances import AgreementBalances, Balance, Balances
from pactum.facts.rates import IndexRate, Rates
from pactum.fees.periods import period_containing
from pactum.fees.schema import Every
from pactum.findings import Trace
from pactum.interest.choice import Won, check_indexes, choice_on
from pactum.interest.schema import Basis, Grid, InterestTerms, RateChoice, Starts, Tier
from pactum.money import cents, money_str, percent_str, ratio_str
from pactum.term_loans.balances import scheduled_balances
from pactum.term_loans.schema import TermLoanTerms
from pactum.terms.values import Term, sources
from pactum.terms.yaml_source import Path_

ROUNDING = "half-up to the cent at the end of the period"


@dataclass(frozen=True)
class InterestFacts:
    balances: Balances
    rates: Rates


@dataclass(frozen=True)
class Reading:
    """A figure the grid is keyed on and the day it takes effect."""

    dated: date
    figure: Decimal | None  # None: the grid's initial tier, before any figure
    what: str  # where it comes from, for the trace
    effective: date


# the reading of every day in default whose margin the Default Rate's tier sets (one object,
# so that the trace shows one run of such days)
IN_DEFAULT = Reading(date.min, None, "in default: the Default Rate's tier", date.min)


@dataclass(frozen=True)
class Day:
    day: date
    balance: Balance
    index: IndexRate | None  # None: a zero balance, which needs no rate
    floored: bool
    margin: Decimal
    tier: Tier | None
    reading: Reading | None
    default_add: Decimal
    product: Decimal  # balance x rate
    won: Won | None = None  # with a choice of rates: the part that set the day's index

    @property
    def rate(self) -> Decimal | None:
        if self.index is None:
            return None
        return self.used_index + self.margin + self.default_add

    @property
    def used_index(self) -> Decimal:
        assert self.index is not None
        return self.index.rate if not self.floored else self.floor_value

    floor_value: Decimal = Decimal(0)


@dataclass(frozen=True)
class Accrual:
    first: date
    last: date
    days: tuple[Day, ...]
    exact: Decimal | None
    trace: Trace
    missing: str = ""  # why it is not computed
    counted_days: int = 0  # the day count's days and year
    year_days: int = 360

    @property
    def amount(self) -> Decimal | None:
        return cents(self.exact) if self.exact is not None else None

    def day_accrual(self, day: Day) -> Decimal:
        """The day's share of the period's exact interest (the shares add up to it)."""
        return day.product * self.counted_days / (len(self.days) * _year_days(day, self.year_days))


@dataclass(frozen=True)
class Interest:
    """An interest clause with what it is worked out from, as known at `as_of`."""

    ctx: ClauseContext[InterestTerms]
    balances: AgreementBalances
    balances_file: str
    rates: Rates
    basis: str = ""  # the rate basis of the loans accrued on (a clause with `bases`)
    # what a grid keyed on the average balance reads: the facility's, whatever the basis
    facility_balances: AgreementBalances | None = None
    index_path: Path_ = ("index",)  # where the index is written under the clause, for errors

    @classmethod
    def of(cls, ctx: ClauseContext[InterestTerms]) -> Interest:
        facts: Any = ctx.facts()
        assert isinstance(facts, InterestFacts)
        loan = ctx.terms.balance_from
        if loan is not None:
            return cls(ctx, _loan_balances(ctx, loan), f"the {loan} clause's schedule", facts.rates)
        balances = facts.balances.of(ctx.agreement.id, ctx.terms.facility)
        return cls(ctx, balances, facts.balances.file, facts.rates)

    @property
    def terms(self) -> InterestTerms:
        return self.ctx.terms

    @property
    def index(self) -> Term[str] | RateChoice:
        """The index accrued at (a clause with `bases` accrues per basis: `by_basis`)."""
        assert self.terms.index is not None
        return self.terms.index

    @property
    def index_name(self) -> str:
        index = self.index
        return index.value if isinstance(index, Term) else index.described()

    def by_basis(self) -> list[tuple[Basis, Interest]]:
        """Each rate basis of the clause with its own interest: the clause's terms with the
        basis's index, floor and margin, on the balances of the loans balances.csv puts at that
        basis. A row naming a basis the clause does not have is bad input."""
        terms = self.terms
        facts: Any = self.ctx.facts()
        assert isinstance(facts, InterestFacts)
        ids = [b.id for b in terms.bases]
        for named in facts.balances.bases_named(self.ctx.agreement.id, terms.facility):
            if named.basis not in ids:
                raise fail(
                    Path(facts.balances.path),
                    named.row,
                    "basis",
                    repr(named.basis),
                    f"a rate basis of the {self.ctx.clause.id} clause: {', '.join(ids)}",
                    "row",
                )
        runs = []
        for number, basis in enumerate(terms.bases):
            own = terms.model_copy(
                update={
                    "bases": [],
                    "index": basis.index,
                    "floor": basis.floor,
                    "margin": basis.margin,
                    "grid_column": basis.grid_column,
                }
            )
            balances = facts.balances.of_basis(self.ctx.agreement.id, terms.facility, basis.id)
            runs.append(
                (
                    basis,
                    replace(
                        self,
                        ctx=replace(self.ctx, terms=own),
                        balances=balances,
                        basis=basis.id,
                        facility_balances=self.balances,
                        index_path=("bases", number, "index"),
                    ),
                )
            )
        return runs

    # -- the grid -------------------------------------------------------------------------

    def readings(self, first: date, last: date) -> list[Reading]:
        """The grid's figures that may be in force from `first` to `last`, by effective date."""
        grid = self.terms.grid
        assert grid is not None
        keyed = grid.keyed_on
        found: list[Reading] = []
        if keyed.test is not None:
            clause, _, test_id = keyed.test.partition(".")
            earlier = self.ctx.earlier.get(clause)
            for test in earlier.tests if earlier else ():
                if test.id == test_id and test.basis.value == "actual" and test.actual is not None:
                    what = f"{keyed.test} actual at {test.test_date.isoformat()}"
                    found.append(
                        Reading(test.test_date, test.actual, what, _effective(grid, test.test_date))
                    )
        elif keyed.value is not None:
            clause, _, value_id = keyed.value.partition(".")
            earlier = self.ctx.earlier.get(clause)
            for value in earlier.values if earlier else ():
                if value.id == value_id and isinstance(value.value, Decimal):
                    # known only on the as-of date: it sets the tier for every day worked out
                    what = f"{keyed.value} on {self.ctx.as_of.isoformat()}"
                    found.append(Reading(self.ctx.as_of, value.value, what, date.min))
        else:
            assert keyed.average_outstanding is not None
            every = Every(keyed.average_outstanding.value)
            start, _ = period_containing(first - timedelta(days=400), every)
            while start <= last:
                _, end = period_containing(start, every)
                facility = self.facility_balances or self.balances
                daily = facility.daily_sum(start, end) if end < last else None
                if daily is not None:
                    what = (
                        f"average daily balance {start.isoformat()} to {end.isoformat()}: "
                        f"{money_str(daily.average)} (shown to the cent)"
                    )
                    found.append(Reading(end, daily.average, what, _effective(grid, end)))
                start = end + timedelta(days=1)
        return sorted(found, key=lambda r: (r.effective, r.dated))

    def tier_on(self, day: date, readings: list[Reading]) -> tuple[Tier, Reading] | str:
        """The tier in force on `day`, or why there is none."""
        grid = self.terms.grid
        assert grid is not None
        in_force = [r for r in readings if r.effective <= day]
        if not in_force and grid.initial is not None:
            # "until the first certificate": the tier the sheet names, no figure behind it
            initial = next(t for t in grid.tiers if t.id == grid.initial.value)
            later = [r for r in readings if r.effective > day]
            until = f" (until {later[0].effective.isoformat()})" if later else ""
            what = f"the grid's initial tier, before any {grid.keyed_on.described()}{until}"
            return initial, Reading(date.min, None, what, date.min)
        if not in_force:
            later = [r for r in readings if r.effective > day]
            return f"no {grid.keyed_on.described()} in force on {day.isoformat()}" + (
                f" (the first takes effect on {later[0].effective.isoformat()})" if later else ""
            )
        reading = in_force[-1]
        assert reading.figure is not None  # only the initial tier's reading has none
        tier = next(t for t in grid.tiers if t.holds(reading.figure))
        return tier, reading

    # -- days -----------------------------------------------------------------------------

    def accrue(self, first: date, last: date) -> Accrual:
        """The interest from `first` to `last`, both included."""
        terms = self.terms
        readings = self.readings(first, last) if terms.grid is not None else []
        choice = self.index if isinstance(self.index, RateChoice) else None
        if choice is not None:
            sheet = self.ctx.agreement.source
            check_indexes(choice, self.rates, sheet, (*self.ctx.clause.path, *self.index_path))
        index_rates = self.rates.of(self.index_name)
        days: list[Day] = []
        day = first
        while day <= last:
            balance = self.balances.in_force(day)
            if balance is None:
                missing = (
                    f"{self.balances_file} has no balance for {self.ctx.agreement.id} on or "
                    f"before {day.isoformat()}"
                )
                return Accrual(first, last, (), None, self._trace(first, last, []), missing)
            margin, tier, reading = Decimal(0), None, None
            if terms.margin is not None:
                margin = terms.margin.value
            else:
                found = self.tier_on(day, readings)
                if isinstance(found, str):
                    return Accrual(first, last, (), None, self._trace(first, last, []), found)
                tier, reading = found
                assert terms.grid_column is not None
                margin = tier.rates[terms.grid_column].value
            add = self._default_add(day)
            rule = terms.default_rate
            if add and rule is not None and rule.tier is not None and terms.grid is not None:
                # in default the sheet's tier sets the margin, whatever tier is in force
                tier = next(t for t in terms.grid.tiers if t.id == rule.tier.value)
                assert terms.grid_column is not None
                margin = tier.rates[terms.grid_column].value
                reading = IN_DEFAULT
            if balance.outstanding == 0:
                days.append(Day(day, balance, None, False, margin, tier, reading, add, Decimal(0)))
            else:
                won = None
                if choice is not None:
                    found_rate = choice_on(choice, self.rates, day)
                    if not isinstance(found_rate, Won):
                        assert found_rate.index is not None
                        raise self._no_rate(day, first, last, found_rate.index.value)
                    won = found_rate
                    # the winning part's rate, read as an index row of the day
                    index: IndexRate | None = IndexRate(day, won.rate, 0)
                else:
                    index = index_rates.in_force(day)
                if index is None:
                    raise self._no_rate(day, first, last)
                floor = terms.floor.value if terms.floor is not None else None
                floored = floor is not None and index.rate < floor
                used = floor if floored and floor is not None else index.rate
                product = balance.outstanding * (used + margin + add)
                days.append(
                    Day(
                        day,
                        balance,
                        index,
                        floored,
                        margin,
                        tier,
                        reading,
                        add,
                        product,
                        floor_value=floor if floor is not None else Decimal(0),
                        won=won,
                    )
                )
            day += timedelta(days=1)
        fraction = year_fraction(terms.day_count.value, first, last + timedelta(days=1))
        if any(d.won is not None and d.won.year_days is not None for d in days):
            # a part with its own year: each day over the year of the part that set its rate
            exact = sum(
                (
                    d.product * fraction.days / (len(days) * _year_days(d, fraction.year_days))
                    for d in days
                ),
                Decimal(0),
            )
        else:
            total = sum((d.product for d in days), Decimal(0))
            exact = total * fraction.days / (len(days) * fraction.year_days)
        accrual = Accrual(
            first,
            last,
            tuple(days),
            exact,
            self._trace(first, last, days, exact, str(fraction)),
            counted_days=fraction.days,
            year_days=fraction.year_days,
        )
        return accrual

    def _default_add(self, day: date) -> Decimal:
        rule = self.terms.default_rate
        if rule is None:
            return Decimal(0)
        toggles = [
            e
            for e in self.ctx.events()
            if e.date <= day and e.event in (rule.from_event, rule.until_event)
        ]
        in_default = bool(toggles) and toggles[-1].event == rule.from_event
        return rule.add.value if in_default else Decimal(0)

    def _no_rate(self, day: date, first: date, last: date, index: str = "") -> Exception:
        index = index or self.index_name
        rows = self.rates.of(index).rows
        file = Path(self.rates.file)
        expected = (
            f"a {index} rate on or before each day of the interest period {first.isoformat()} "
            f"to {last.isoformat()} with a balance"
        )
        if not rows:
            return fail(
                file, None, "index", f"no row for {index!r} (needed on {day.isoformat()})", expected
            )
        return fail(
            file,
            rows[0].row,
            "date",
            f"{rows[0].since.isoformat()}, the first {index} rate, after {day.isoformat()}",
            expected,
            "row",
        )

    # -- the trace ------------------------------------------------------------------------

    def _trace(
        self,
        first: date,
        last: date,
        days: list[Day],
        exact: Decimal | None = None,
        fraction: str = "",
    ) -> Trace:
        terms = self.terms
        formula = (
            "sum over the days of balance x (max(index, floor) + margin"
            + (" + default margin while in default" if terms.default_rate else "")
            + ") x days / (actual days x year), rounded "
            + ROUNDING
        )
        inputs: dict[str, str] = {"period": f"{first.isoformat()} to {last.isoformat()}"}
        if self.basis:
            inputs["basis"] = f"{self.basis}: the loans balances.csv puts at it"
        choice = self.index if isinstance(self.index, RateChoice) else None
        used: list[Term[Any] | None] = [terms.floor, terms.margin, terms.day_count]
        if choice is None:
            assert isinstance(self.index, Term)
            used.insert(0, self.index)
        else:
            used[:0] = [t for p in choice.parts for t in (p.index, p.plus, p.rate, p.day_count)]
        if days:
            inputs["days"] = str(len(days))
            inputs["day count"] = fraction
            balance_rows = sorted({d.balance for d in days}, key=lambda b: b.since)
            if self.terms.balance_from is not None:
                inputs["daily balances"] = f"{self.balances_file}: " + "; ".join(
                    b.what for b in balance_rows
                )
            else:
                # a basis's zero before its first row, and a facility's sum of its bases, say
                # what they are in place of a row
                inputs["daily balances"] = f"{self.balances_file} rows " + "; ".join(
                    b.what or f"{b.row}: {money_str(b.outstanding)} from {b.since.isoformat()}"
                    for b in balance_rows
                )
            if choice is None:
                index_rows = sorted({d.index for d in days if d.index}, key=lambda r: r.since)
                inputs[f"{self.index_name} rates"] = f"{Path(self.rates.file).name} rows " + (
                    "; ".join(
                        f"{r.row}: {percent_str(r.rate, 4)} from {r.since.isoformat()}"
                        for r in index_rows
                    )
                    or "none read (no balance)"
                )
            else:
                read = sorted({r for d in days if d.won for r in d.won.read}, key=lambda r: r.row)
                inputs["index"] = choice.described()
                inputs["index rates"] = f"{Path(self.rates.file).name} rows " + (
                    "; ".join(
                        f"{r.row}: {percent_str(r.rate, 4)} from {r.since.isoformat()}"
                        for r in read
                    )
                    or "none read (no balance)"
                )
                inputs["index set by"] = "; ".join(_winners(days)) or "no day with a balance"
            floored = [d for d in days if d.floored]
            if terms.floor is not None:
                inputs["floor"] = (
                    f"{percent_str(terms.floor.value, 4)}: binding on {len(floored)} of {len(days)} days"
                )
            if terms.grid is not None:
                spans = _spans(days)
                inputs["margin"] = "; ".join(spans)
                default_tier = terms.default_rate.tier if terms.default_rate else None
                if any(
                    d.reading is not None
                    and d.reading.figure is None
                    and not (d.default_add and default_tier is not None)
                    for d in days
                ):
                    used.append(terms.grid.initial)
                for d in days:
                    if d.tier is not None:
                        used += [
                            d.tier.rates.get(terms.grid_column or ""),
                            *(b for _, b in filter(None, (d.tier.lower, d.tier.upper))),
                        ]
            else:
                assert terms.margin is not None
                inputs["margin"] = percent_str(terms.margin.value, 4)
            in_default = [d for d in days if d.default_add]
            if terms.default_rate is not None:
                used += [terms.default_rate.add, terms.default_rate.tier if in_default else None]
                inputs["default margin"] = (
                    f"{percent_str(terms.default_rate.add.value, 4)} on {len(in_default)} days"
                )
        if exact is not None:
            inputs["exact"] = ratio_str(exact, 8).rstrip("0").rstrip(".")
            inputs["rounded"] = ROUNDING
        # each source once, in order
        return Trace(formula, inputs, tuple(dict.fromkeys(sources(*used))))


def _loan_balances(ctx: ClauseContext[InterestTerms], loan: str) -> AgreementBalances:
    """The term loan's balances from its schedule as known on the as-of date (its prepayments
    recorded by then); loading has checked that `loan` is a term_loan clause of the sheet."""
    clause = next((c for c in ctx.agreement.clauses if c.id == loan), None)
    if clause is None:
        return AgreementBalances()  # deleted by an instrument in force on the as-of date
    terms: Any = clause.terms
    loan_ctx: ClauseContext[TermLoanTerms] = ClauseContext(
        ctx.agreement, clause, terms, ctx.portfolio, ctx.as_of
    )
    return scheduled_balances(loan_ctx)


def _year_days(day: Day, otherwise: int) -> int:
    """The year a day accrues over: its winning part's own, or the clause's day count's."""
    if day.won is not None and day.won.year_days is not None:
        return day.won.year_days
    return otherwise


def _winners(days: list[Day]) -> list[str]:
    """The runs of days each part of a choice of rates set the index on, with its rate."""
    runs: list[str] = []
    rated = [d for d in days if d.won is not None]
    for start_at, day in enumerate(rated):
        previous = rated[start_at - 1] if start_at else None
        assert day.won is not None
        same = (
            previous is not None
            and previous.won is not None
            and previous.won.part is day.won.part
            and previous.won.rate == day.won.rate
            and previous.day + timedelta(days=1) == day.day
        )
        year = f", {day.won.year_days}-day year" if day.won.year_days else ""
        text = f"{day.won.part.described()} at {percent_str(day.won.rate, 4)}{year}"
        if same:
            runs[-1] = runs[-1].rsplit(" to ", 1)[0] + f" to {day.day.isoformat()}"
        else:
            runs.append(f"{text} {day.day.isoformat()} to {day.day.isoformat()}")
    return runs


def _spans(days: list[Day]) -> list[str]:
    """The margin's runs of days: its tier and the figure that set it."""
    runs: list[str] = []
    start = days[0]
    for previous, current in zip(days, [*days[1:], None], strict=True):
        if (
            current is None
            or current.tier is not previous.tier
            or current.reading is not previous.reading
        ):
            tier = start.tier.described() if start.tier else ""
            reading = start.reading.what if start.reading else ""
            runs.append(
                f"{percent_str(start.margin, 4)} {start.day.isoformat()} to "
                f"{previous.day.isoformat()} ({tier}; {reading})"
            )
            if current is not None:
                start = current
    return runs


def _effective(grid: Grid, dated: date) -> date:
    delivered = dated + timedelta(days=grid.effective.delivered_days_after.value)
    if grid.effective.starts.value is Starts.first_of_next_month:
        return (delivered.replace(day=1) + timedelta(days=32)).replace(day=1)
    return delivered + timedelta(days=1)
