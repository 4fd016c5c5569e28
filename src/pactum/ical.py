"""Obligations -> iCalendar (RFC 5545), with the `icalendar` library (imported when used).

One all-day VEVENT per obligation: its UID is stable across exports (the agreement and the
obligation's id), so importing a later export updates events instead of duplicating them.
SUMMARY names the agreement, what is due and the amount; DESCRIPTION adds the note (e.g. a
weekend deadline that is not rolled) and the clause the obligation comes from; a DISPLAY
VALARM reminds the given number of days ahead.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from pactum.files.atomic import write_atomically
from pactum.files.stamps import document_stamp
from pactum.format import sources_text
from pactum.money import money_display
from pactum.obligations_calendar import CalendarEntry, ObligationCalendar

PRODID = "-//Pactum//pactum calendar//EN"
DEFAULT_REMINDER_DAYS = 7


def summary(entry: CalendarEntry) -> str:
    """'Windham ... lease: Base rent for April 2003 (...), $44,936.03 due'."""
    o = entry.obligation
    due = f", {money_display(o.amount)} due" if o.amount is not None else ""
    return f"{entry.agreement_title}: {o.what}{due}"


def description(entry: CalendarEntry, calendar: ObligationCalendar) -> str:
    o = entry.obligation
    lines = [o.what]
    if o.amount is not None:
        lines.append(f"Amount: {money_display(o.amount)}")
    if o.note:
        lines.append(f"Note: {o.note}")
    if o.sources:
        cited = o.sources[0].quote is not None  # a quote from the document, else an assumption
        lines.append(f"{'Clause' if cited else 'Source'}: {sources_text(o.sources)}")
    lines.append(f"Agreement: {entry.agreement_title} ({entry.agreement_id})")
    lines.append(f"As known at {calendar.as_of.isoformat()} (Pactum)")
    return "\n".join(lines)


def to_ics(
    calendar: ObligationCalendar,
    reminder_days: int = DEFAULT_REMINDER_DAYS,
    stamp: datetime | None = None,
) -> bytes:
    """The calendar as an iCalendar file. `stamp` (DTSTAMP, UTC) defaults to midnight UTC of
    the as-of date, not the clock: the same obligations give the same bytes on any day."""
    import icalendar

    created = (stamp or document_stamp(calendar.as_of)).replace(microsecond=0)
    document = icalendar.Calendar()
    document.add("prodid", PRODID)
    document.add("version", "2.0")
    document.add("calscale", "GREGORIAN")
    document.add("method", "PUBLISH")
    document.add("x-wr-calname", f"{calendar.company}: obligations")
    for entry in calendar.entries:
        o = entry.obligation
        event = icalendar.Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", created)
        event.add("dtstart", o.due)  # a date: VALUE=DATE, an all-day event
        event.add("dtend", o.due + timedelta(days=1))
        event.add("summary", summary(entry))
        event.add("description", description(entry, calendar))
        event.add("categories", [o.category.value])
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"In {reminder_days} days: {summary(entry)}")
        alarm.add("trigger", timedelta(days=-reminder_days))
        event.add_component(alarm)
        document.add_component(event)
    return bytes(document.to_ical())


def write_ics(
    path: Path, calendar: ObligationCalendar, reminder_days: int = DEFAULT_REMINDER_DAYS
) -> None:
    """Write the file whole or not at all (OSError when the path cannot be written)."""
    content = to_ics(calendar, reminder_days)

    def write(temporary: Path) -> None:
        temporary.write_bytes(content)

    write_atomically(path, write)
