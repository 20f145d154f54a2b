"""A bilan's sessions and deadlines as an iCalendar file (RFC 5545), for any calendar app.

Sessions are timed events in UTC; deadlines are all-day events on their Europe/Paris day
(a deadline due at an instant says the time in its description). UIDs are stable (derived
from the bilan id and the session id, or the deadline's key and path), and ``DTSTAMP`` is
deterministic, so a file regenerated from the same bilan is byte-identical and calendar apps
update events instead of duplicating them. No free text of the bilan goes into the calendar:
only ids, phases, kinds, statuses, dates and the deadlines' labels.

>>> from bilan_core.timeline import timeline
>>> bilan = bc.example_bilan("cpf")
>>> data = to_ics(bilan, timeline(bilan, on=pendulum.date(2026, 6, 1)))
>>> data.startswith(b"BEGIN:VCALENDAR")
True
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from bilan_core._values import PARIS
from bilan_core.timeline import Deadline, DeadlineStatus

if TYPE_CHECKING:
    from collections.abc import Iterable

    import icalendar

    from bilan_core.bilan import Bilan
    from bilan_core.sessions import Session
    from bilan_core.timeline import Timeline

__all__ = ["PRODID", "to_ics"]

PRODID = "-//bilan-core//bilan-core//FR"
"""The ``PRODID`` of the calendars written."""

_NAMESPACE = uuid.UUID("5b0e7a5e-2f43-5c1b-9a0e-6c1f1f3e8d21")
_SESSION_STATUS = {"planned": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED"}
_KIND_FR = {
    "interview": "entretien",
    "test": "test",
    "workshop": "atelier",
    "personal_work": "travail personnel",
    "follow_up": "entretien de suivi",
}


def _uid(*parts: str) -> str:
    return f"{uuid.uuid5(_NAMESPACE, '|'.join(parts))}@bilan-core"


def _utc(value: dt.datetime) -> dt.datetime:
    utc = value.astimezone(dt.timezone.utc)
    return dt.datetime(
        utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second, tzinfo=dt.timezone.utc
    )


def _plain(day: dt.date) -> dt.date:
    return dt.date(day.year, day.month, day.day)


def to_ics(
    bilan: Bilan,
    timeline: Timeline,
    *,
    stamp: dt.datetime | None = None,
) -> bytes:
    """The sessions of ``bilan`` and the deadlines of ``timeline`` as an iCalendar file.

    Args:
        bilan: the bilan (its sessions become timed events).
        timeline: its deadlines (they become all-day events).
        stamp: the ``DTSTAMP`` of every event (an aware datetime); default: midnight UTC of
            the timeline's evaluation date, so the output depends only on the inputs.
    """
    return calendar_of([(bilan, timeline)], stamp=stamp)


def calendar_of(
    items: Iterable[tuple[Bilan, Timeline]], *, stamp: dt.datetime | None = None
) -> bytes:
    """One iCalendar file holding the sessions and deadlines of several bilans.

    ``stamp`` defaults to midnight UTC of the first timeline's evaluation date.
    """
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-timezone", "Europe/Paris")
    for bilan, timeline in items:
        when = stamp or dt.datetime.combine(timeline.on, dt.time(0), tzinfo=dt.timezone.utc)
        for session in sorted(bilan.sessions, key=lambda s: (s.start, s.id)):
            cal.add_component(_session_event(bilan, session, _utc(when)))
        for deadline in timeline:
            cal.add_component(_deadline_event(bilan, deadline, _utc(when)))
    data: bytes = cal.to_ical()
    return data


def _session_event(bilan: Bilan, session: Session, stamp: dt.datetime) -> icalendar.Event:
    import icalendar

    event = icalendar.Event()
    kind = _KIND_FR[session.kind.value]
    event.add("uid", _uid(bilan.id, "session", session.id))
    event.add("dtstamp", stamp)
    event.add("dtstart", _utc(session.start))
    event.add("dtend", _utc(session.end))
    event.add("summary", f"Bilan {bilan.id} · {session.phase.label_fr} · {kind}")
    event.add(
        "description",
        f"Séance {session.id} ({session.phase.value}, {session.kind.value}, "
        f"{session.modality.value}, {session.status.value})",
    )
    event.add("status", _SESSION_STATUS[session.status.value])
    event.add("categories", ["bilan-core", "session", session.phase.value])
    if session.site_id:
        site = bilan.provider.site(session.site_id)
        if site is not None:
            event.add("location", f"{site.street}, {site.postcode} {site.city}")
    return event


def _deadline_event(bilan: Bilan, deadline: Deadline, stamp: dt.datetime) -> icalendar.Event:
    import icalendar

    event = icalendar.Event()
    day = _plain(deadline.due_day)
    event.add("uid", _uid(bilan.id, "deadline", deadline.what, deadline.path))
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("summary", f"Échéance · {deadline.label} · bilan {bilan.id}")
    lines = [
        f"{deadline.rule_id} · {deadline.status.value}",
        deadline.label_en,
        "; ".join(r.citation for r in deadline.references),
    ]
    if isinstance(deadline.due, dt.datetime):
        lines.append(f"Échéance à {deadline.due.astimezone(PARIS):%H:%M} (heure de Paris)")
    if deadline.holiday:
        lines.append(f"Jour férié : {deadline.holiday} (délai non prorogé)")
    event.add("description", "\n".join(lines))
    event.add("categories", ["bilan-core", "deadline", deadline.what])
    if deadline.status is DeadlineStatus.NOT_APPLICABLE:
        event.add("status", "CANCELLED")
    return event
