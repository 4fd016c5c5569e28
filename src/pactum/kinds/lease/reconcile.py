"""The lease's own reconciliation: each proportionate share against the building area.

A share is the premises' area over the building's. When the sheet gives the building area,
each share is recomputed from it. When it does not (Innotrac), each share implies a building
area, and because a share is written rounded (45.30%) it implies a range of areas; the shares
agree when their ranges overlap, and the overlap is the building area they imply together.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pactum.kinds.lease.allowances import allowance_amount, monthly_repayment
from pactum.kinds.lease.lease_years import LeaseYears
from pactum.kinds.lease.premises import ImpliedArea, area_at
from pactum.kinds.lease.schema import LeaseTerms
from pactum.money import money_str, percent_str

Reconciled = tuple[tuple[str | int, ...], str, str, str]


def _sf(area: Decimal) -> str:
    return f"{area:,.1f} sf"


def reconcile(sheet: Any) -> list[Reconciled]:
    assert isinstance(sheet, LeaseTerms)
    return _shares(sheet) + _allowance_repayments(sheet)


def _allowance_repayments(sheet: LeaseTerms) -> list[Reconciled]:
    """An amortised allowance's stated annual repayment per sf against the annuity: monthly
    payment x 12 / the area, shown to the stated places (Cedar: $37,169,000.00 at 6.7% over
    240 months is $281,515.87 a month, $14.0875 per sf a year, which the lease writes $14.09)."""
    results: list[Reconciled] = []
    for i, allowance in enumerate(sheet.allowances):
        terms = allowance.amortised
        if terms is None or terms.stated_per_sf is None:
            continue
        amount, _ = allowance_amount(sheet, allowance)
        years = LeaseYears.of(sheet)
        area = (
            allowance.area.value
            if allowance.area is not None
            else area_at(sheet, years.start)
            if years.periods
            else Decimal(0)
        )
        if not area:
            continue
        monthly = monthly_repayment(amount, terms.rate.value, terms.months.value)
        computed = monthly * 12 / area
        stated = terms.stated_per_sf.value
        exponent = stated.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        shown = computed.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        at = ("allowances", i, "amortised", "stated_per_sf")
        found = f"{allowance.id} repaid at {stated} per sf a year, as stated"
        formula = (
            f"{money_str(monthly)} a month (the annuity of {money_str(amount)} at "
            f"{terms.rate.value} / 12 over {terms.months.value} months) x 12 / {area:,} sf = "
            f"{computed:.4f}"
        )
        if shown != stated:
            yearly = (stated * area).quantize(Decimal("0.01"))
            results.append(
                (
                    at,
                    "fail",
                    found,
                    f"{shown}: {formula}; difference {stated - shown} per sf, "
                    f"{money_str(yearly - monthly * 12)} a year",
                )
            )
        elif (stated * area).quantize(Decimal("0.01")) != monthly * 12:
            # the rate agrees as written, but a year billed at it is not twelve annuity payments
            yearly = (stated * area).quantize(Decimal("0.01"))
            results.append(
                (
                    at,
                    "note",
                    found,
                    f"{formula}: the same to {places} places; but {stated} x {area:,} sf = "
                    f"{money_str(yearly)} a year, 12 payments {money_str(monthly * 12)}: "
                    f"difference {money_str(yearly - monthly * 12)}",
                )
            )
        else:
            results.append((at, "ok", found, f"{formula}: agrees"))
    return results


def _shares(sheet: LeaseTerms) -> list[Reconciled]:
    if not sheet.proportionate_share:
        return []
    if sheet.building_area is not None:
        return _against_building(sheet, sheet.building_area.value)
    results: list[Reconciled] = []
    implied: list[ImpliedArea] = []
    for i, step in enumerate(sheet.proportionate_share):
        area = area_at(sheet, step.start.value)
        this = ImpliedArea.of(area, step.share.value)
        implied.append(this)
        results.append(
            (
                ("proportionate_share", i, "share"),
                "note",
                f"share {percent_str(step.share.value)} from {step.start.value.isoformat()} of "
                f"{area:,} sf premises",
                f"a building of {_sf(this.implied)} (any area above {_sf(this.low)} up to "
                f"{_sf(this.high)} rounds to the same share); the sheet gives no building area",
            )
        )
    low = max(a.low for a in implied)
    high = min(a.high for a in implied)
    if len(implied) > 1:
        shares = " and ".join(percent_str(a.share) for a in implied)
        spread = " vs ".join(_sf(a.implied) for a in implied)
        gap = _sf(max(a.implied for a in implied) - min(a.implied for a in implied))
        found = f"shares {shares} imply buildings of {spread} (difference {gap})"
        if low < high:
            expected = (
                "one building area: the difference is display rounding only, not an error; "
                f"every share rounds from a building above {_sf(low)} up to {_sf(high)}"
            )
        # the finding goes with the last share, the one that makes the set disagree or not
        at = ("proportionate_share", len(implied) - 1, "share")
        if low < high:
            results.append((at, "note", found, expected))
        else:
            expected = "one building area that every share rounds from (no area fits them all)"
            results.append((at, "fail", found, expected))
    return results


def _against_building(sheet: LeaseTerms, building: Decimal) -> list[Reconciled]:
    results: list[Reconciled] = []
    for i, step in enumerate(sheet.proportionate_share):
        stated = step.share.value
        area = area_at(sheet, step.start.value)
        computed = area / building
        exponent = stated.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        quantum = Decimal(1).scaleb(-places)
        shown = computed.quantize(quantum, rounding=ROUND_HALF_UP)
        at = ("proportionate_share", i, "share")
        found = f"share {percent_str(stated)} from {step.start.value.isoformat()}"
        formula = f"{area:,} sf / {building:,} sf = {computed:.6f}"
        if shown != stated:
            results.append(
                (
                    at,
                    "fail",
                    found,
                    f"{shown} from the premises and building ({formula}); "
                    f"difference {stated - shown}",
                )
            )
        elif computed != stated:
            results.append(
                (
                    at,
                    "note",
                    found,
                    f"{formula}: the same shown to {places} "
                    "places (display rounding only, not an error)",
                )
            )
        else:
            results.append((at, "ok", found, f"{formula}: agrees"))
    return results
