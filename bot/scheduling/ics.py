"""The `.ics` attached to each meeting announcement (RFC 5545, with its time zone)."""

from __future__ import annotations

import datetime as dt

from bot.scheduling.meetings import LABELS, MeetingFields

PRODID = "-//Promeneurs du Net//pdn-bot//FR"


def meeting_ics(
    uid: str, fields: MeetingFields, sequence: int, stamp: dt.datetime, cancelled: bool = False
) -> bytes:
    import icalendar  # here: only announcements need it (memory of the running bot)

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("summary", fields.title)
    event.add("categories", [LABELS[fields.kind]])
    event.add("dtstart", fields.starts_at)
    event.add("dtend", fields.starts_at + dt.timedelta(minutes=fields.duration_minutes))
    if fields.rule:
        event.add("rrule", icalendar.vRecur.from_ical(fields.rule))
    if fields.place:
        event.add("location", fields.place)
    if fields.agenda:
        event.add("description", f"Ordre du jour : {fields.agenda}")
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
