"""Times of day in a notice clause's time zone, and receipt counted in business hours.

A notice clause with `business_hours` has a time zone: a naive time on an event or the command
line is read as local time there, and a time with an offset is converted to it. Without one,
times stay naive (as the agreement states no zone) and a time with an offset is refused.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pactum.business_days import BusinessCalendar
from pactum.dates import weekday_name
from pactum.notices.clause import BeforeOpening, BusinessHours, NoticeClause


def zone_named(name: str) -> ZoneInfo | None:
    """The IANA time zone of that name, or None when there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):  # ValueError: not a name at all ("../x")
        return None


def clause_zone(clause: NoticeClause) -> ZoneInfo | None:
    """The clause's time zone: that of its business hours (checked when the sheet loads)."""
    if clause.business_hours is None:
        return None
    return zone_named(clause.business_hours.time_zone.value)


def has_offset(moment: date) -> bool:
    return isinstance(moment, datetime) and moment.tzinfo is not None


def local(moment: date, zone: ZoneInfo | None) -> date:
    """`moment` in the clause's zone: a naive time is read there, one with an offset converted
    to it; a date, or any time when the clause has no zone, is left as it is."""
    if zone is None or not isinstance(moment, datetime):
        return moment
    return moment.astimezone(zone) if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def day_of(moment: date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def clock_str(moment: datetime) -> str:
    """`18:30`, and the zone's abbreviation when the time has one (`18:30 EST`)."""
    return f"{moment:%H:%M}" + (f" {moment.tzname()}" if moment.tzinfo is not None else "")


def named(moment: date) -> str:
    """`Friday 2004-01-16`, with `at 18:30 EST` when the time is known."""
    d = day_of(moment)
    text = f"{weekday_name(d)} {d.isoformat()}"
    return text + (f" at {clock_str(moment)}" if isinstance(moment, datetime) else "")


def not_business_days(calendar: BusinessCalendar, after: date, until: date) -> list[str]:
    """The days after `after` and before `until` that are not business days, with why."""
    found = []
    d = after + timedelta(days=1)
    while d < until:
        why = calendar.why_not_business_day(d)
        if why is not None:
            found.append(f"{d.isoformat()} ({why})")
        d += timedelta(days=1)
    return found


def counted_in_business_hours(
    received: datetime, hours: BusinessHours, calendar: BusinessCalendar
) -> tuple[datetime, list[str]]:
    """When a receipt counts under business hours, and why: as received within the hours of a
    business day; at or after closing, or on a day that is not a business day, at the opening
    of the next business day; before opening on a business day, at the opening (or as
    received, as `before_opening` says)."""
    zone = zone_named(hours.time_zone.value)
    assert zone is not None  # the clause type refuses an unknown zone when the sheet loads
    moment = local(received, zone)
    assert isinstance(moment, datetime)
    opens, closes = hours.opens.value, hours.closes.value
    window = f"business hours {opens:%H:%M} to {closes:%H:%M} {zone.key}"
    day, clock = moment.date(), moment.time()
    why_not = calendar.why_not_business_day(day)

    def opening(d: date) -> datetime:
        return datetime.combine(d, opens, tzinfo=zone)

    if why_not is None and opens <= clock < closes:
        return moment, [f"received within {window}"]
    if why_not is None and clock < opens:
        if hours.before_opening.value is BeforeOpening.when_received:
            return moment, [f"received before opening ({window}): counts as received"]
        return opening(day), [f"received before opening ({window}): counts from the opening"]
    if why_not is None:
        lines = [f"received at or after closing ({window}): counts from the next opening"]
    else:
        lines = [
            f"{day.isoformat()} is not a business day ({why_not}): counts from the next "
            f"opening ({window})"
        ]
    following = calendar.next_business_day(day)
    skipped = not_business_days(calendar, day, following)
    if skipped:
        lines.append("not business days: " + ", ".join(skipped))
    return opening(following), lines
