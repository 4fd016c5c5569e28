"""The lease's own reconciliation: each proportionate share against the building area.

A share is the premises' area over the building's. When the sheet gives the building area,
each share is recomputed from it. When it does not (Innotrac), each share implies a building
area, and because a share is written rounded (45.30%) it implies a range of areas; the shares
agree when their ranges overlap, and the overlap is the building area they imply together.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pactum.kinds.lease.premises import ImpliedArea, area_at
from pactum.kinds.lease.schema import LeaseTerms
from pactum.money import percent_str

Reconciled = tuple[tuple[str | int, ...], str, str, str]


def _sf(area: Decimal) -> str:
    return f"{area:,.1f} sf"


def reconcile(sheet: Any) -> list[Reconciled]:
    assert isinstance(sheet, LeaseTerms)
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
