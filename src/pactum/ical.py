"""Obligations -> iCalendar (RFC 5545), with the `icalendar` library (imported when used).

One all-day VEVENT per obligation: its UID is stable across exports (the agreement and the
obligation's id), so importing a later export updates events instead of duplicating them.
SUMMARY is short, what and the amount first and the agreement's short name last ('Rent
$61,121.84 · Windham'), so that a month view tells the cells apart; DESCRIPTION gives what is
due in full, the amount, the note (e.g. a weekend deadline that is not rolled), the clause it
comes from and the agreement's full name, which is also the LOCATION; a DISPLAY VALARM goes
off each of the days before that the portfolio's reminders give its category and amount.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from pactum.files.atomic import write_atomically
from pactum.files.stamps import document_stamp
from pactum.format import sources_text
from pactum.money import money_display
from pactum.obligations_calendar import CalendarEntry, ObligationCalendar
from pactum.reminders import Reminders

PRODID = "-//Pactum//pactum calendar//EN"


def _ahead(days: int) -> str:
    if days == 0:
        return "Today"
    return "Tomorrow" if days == 1 else f"In {days} days"


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
    reminders: Reminders | None = None,
    stamp: datetime | None = None,
) -> bytes:
    """The calendar as an iCalendar file. `stamp` (DTSTAMP, UTC) defaults to midnight UTC of
    the as-of date, not the clock: the same obligations give the same bytes on any day."""
    import icalendar

    reminders = reminders or Reminders()
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
        event.add("summary", entry.title)
        event.add("location", entry.agreement_title)
        event.add("description", description(entry, calendar))
        event.add("categories", [o.category.value])
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        for days in reminders.days_for(o.category, o.amount):
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{_ahead(days)}: {entry.title}")
            alarm.add("trigger", timedelta(days=-days))
            event.add_component(alarm)
        document.add_component(event)
    return bytes(document.to_ical())


def write_ics(path: Path, calendar: ObligationCalendar, reminders: Reminders | None = None) -> None:
    """Write the file whole or not at all (OSError when the path cannot be written)."""
    content = to_ics(calendar, reminders)

    def write(temporary: Path) -> None:
        temporary.write_bytes(content)

    write_atomically(path, write)
