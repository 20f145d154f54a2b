"""A bilan's sessions and deadlines as an iCalendar file (RFC 5545), for any calendar app.

Needs the ``[ics]`` extra (the ``icalendar`` package). Sessions are timed events in UTC;
deadlines are all-day events on their Europe/Paris day (a deadline due at an instant says the
time in its description). UIDs are stable (derived from the bilan id and the session id, or
the deadline's key and path), and ``DTSTAMP`` is
deterministic, so a file regenerated from the same bilan is byte-identical and calendar apps
update events instead of duplicating them. No free text of the bilan goes into the calendar:
only ids, phases, kinds, statuses, dates and the deadlines' labels.

>>> from bilan_core.deadlines import timeline
>>> bilan = bc.example_bilan("cpf")
>>> data = to_ics(bilan, timeline(bilan, on=pendulum.date(2026, 6, 1)))
>>> data.startswith(b"BEGIN:VCALENDAR")
True
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from bilan_core._paris import PARIS
from bilan_core.deadlines import Deadline, DeadlineStatus
from bilan_core.text import Text

if TYPE_CHECKING:
    from collections.abc import Iterable

    import icalendar

    from bilan_core.bilan import Bilan
    from bilan_core.deadlines import Timeline
    from bilan_core.sessions import Session
    from bilan_core.text import Lang

__all__ = ["PRODID", "calendar_of", "to_ics"]

PRODID = "-//bilan-core//bilan-core//FR"
"""The ``PRODID`` of the calendars written."""

_NAMESPACE = uuid.UUID("5b0e7a5e-2f43-5c1b-9a0e-6c1f1f3e8d21")
_SESSION_STATUS = {"planned": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED"}
_KINDS = {
    "interview": Text(fr="entretien", en="interview"),
    "test": Text(fr="test", en="test"),
    "workshop": Text(fr="atelier", en="workshop"),
    "personal_work": Text(fr="travail personnel", en="personal work"),
    "follow_up": Text(fr="entretien de suivi", en="follow-up interview"),
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
    lang: Lang = "fr",
) -> bytes:
    """The sessions of ``bilan`` and the deadlines of ``timeline`` as an iCalendar file.

    Args:
        bilan: the bilan (its sessions become timed events).
        timeline: its deadlines (they become all-day events).
        stamp: the ``DTSTAMP`` of every event (an aware datetime); default: midnight UTC of
            the timeline's evaluation date, so the output depends only on the inputs.
        lang: the language of the events' titles and descriptions.
    """
    return calendar_of([(bilan, timeline)], stamp=stamp, lang=lang)


def calendar_of(
    items: Iterable[tuple[Bilan, Timeline]],
    *,
    stamp: dt.datetime | None = None,
    lang: Lang = "fr",
) -> bytes:
    """One iCalendar file holding the sessions and deadlines of several bilans.

    ``stamp`` defaults to midnight UTC of the first timeline's evaluation date; ``lang`` is
    the language of the events' titles and descriptions.

    Raises:
        ModuleNotFoundError: the ``icalendar`` package is not installed (the ``[ics]`` extra:
            ``pip install 'bilan-core[ics]'``).
    """
    icalendar = _icalendar()

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-timezone", "Europe/Paris")
    for bilan, timeline in items:
        when = stamp or dt.datetime.combine(timeline.on, dt.time(0), tzinfo=dt.timezone.utc)
        for session in sorted(bilan.sessions, key=lambda s: (s.start, s.id)):
            cal.add_component(_session_event(bilan, session, _utc(when), lang))
        for deadline in timeline:
            cal.add_component(_deadline_event(bilan, deadline, _utc(when), lang))
    data: bytes = cal.to_ical()
    return data


_NO_ICALENDAR = "writing calendar files needs the icalendar package: pip install 'bilan-core[ics]'"


def _icalendar() -> Any:
    """The ``icalendar`` module, or a clear error naming the extra."""
    try:
        import icalendar
    except ModuleNotFoundError as missing:
        if missing.name != "icalendar":
            raise
        raise ModuleNotFoundError(_NO_ICALENDAR, name="icalendar") from None
    return icalendar


def _session_event(
    bilan: Bilan, session: Session, stamp: dt.datetime, lang: Lang
) -> icalendar.Event:
    event: icalendar.Event = _icalendar().Event()
    kind = _KINDS[session.kind.value].get(lang)
    phase = session.phase.label.get(lang)
    event.add("uid", _uid(bilan.id, "session", session.id))
    event.add("dtstamp", stamp)
    event.add("dtstart", _utc(session.start))
    event.add("dtend", _utc(session.end))
    event.add("summary", f"Bilan {bilan.id} · {phase} · {kind}")
    event.add(
        "description",
        f"{'Séance' if lang == 'fr' else 'Session'} {session.id} ({session.phase.value}, "
        f"{session.kind.value}, {session.modality.value}, {session.status.value})",
    )
    event.add("status", _SESSION_STATUS[session.status.value])
    event.add("categories", ["bilan-core", "session", session.phase.value])
    if session.site_id:
        site = bilan.provider.site(session.site_id)
        if site is not None:
            event.add("location", f"{site.street}, {site.postcode} {site.city}")
    return event


def _deadline_event(
    bilan: Bilan, deadline: Deadline, stamp: dt.datetime, lang: Lang
) -> icalendar.Event:
    event: icalendar.Event = _icalendar().Event()
    day = _plain(deadline.due_day)
    event.add("uid", _uid(bilan.id, "deadline", deadline.what, deadline.path))
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    word = "Échéance" if lang == "fr" else "Deadline"
    event.add("summary", f"{word} · {deadline.label.get(lang)} · bilan {bilan.id}")
    lines = [
        f"{deadline.rule_id} · {deadline.status.value}",
        deadline.label.get(lang),
        "; ".join(r.citation for r in deadline.references),
    ]
    if isinstance(deadline.due, dt.datetime):
        time = f"{deadline.due.astimezone(PARIS):%H:%M}"
        lines.append(
            f"Échéance à {time} (heure de Paris)" if lang == "fr" else f"Due at {time} (Paris)"
        )
    if deadline.holiday:
        holiday = deadline.holiday.get(lang)
        lines.append(
            f"Jour férié : {holiday} (délai non prorogé)"
            if lang == "fr"
            else f"Public holiday: {holiday} (not extended)"
        )
    event.add("description", "\n".join(lines))
    event.add("categories", ["bilan-core", "deadline", deadline.what])
    if deadline.status is DeadlineStatus.NOT_APPLICABLE:
        event.add("status", "CANCELLED")
    return event
