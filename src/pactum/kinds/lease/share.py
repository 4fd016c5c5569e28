"""The tenant's proportionate share of building expenses, on its dated schedule, or as the
premises' rentable area over the building's (`share_of_areas`), following a remeasurement."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from pactum.kinds.lease.premises import area_at
from pactum.kinds.lease.schema import LeaseTerms, ShareStep

# a share of areas is kept to six decimal places (a ten-thousandth of a percent), half-up
SHARE_PLACES = Decimal("0.000001")


def share_step_at(sheet: LeaseTerms, d: date) -> ShareStep | None:
    """The share step in force on `d` (the last starting on or before it)."""
    in_force = [s for s in sheet.proportionate_share if s.start.value <= d]
    return max(in_force, key=lambda s: s.start.value) if in_force else None


def share_at(sheet: LeaseTerms, d: date) -> Decimal | None:
    step = share_step_at(sheet, d)
    if step is not None:
        return step.share.value
    return area_share_at(sheet, d)


def area_share_at(sheet: LeaseTerms, d: date) -> Decimal | None:
    """The premises' area on `d` / the building's, when the sheet defines the share so."""
    if sheet.share_of_areas is None or not sheet.share_of_areas.value:
        return None
    if sheet.proportionate_share or sheet.building_area is None or not sheet.building_area.value:
        return None
    share = area_at(sheet, d) / sheet.building_area.value
    return share.quantize(SHARE_PLACES, rounding=ROUND_HALF_UP)
