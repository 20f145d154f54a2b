"""The iCalendar export: it parses back with icalendar and holds every session and deadline,
with stable UIDs, a deterministic DTSTAMP, and no free text of the bilan."""

from __future__ import annotations

import datetime as dt

import attrs
import icalendar
import pendulum
import pytest

import bilan_core as bc
from bilan_core.deadlines import timeline
from bilan_core.deadlines.ics import calendar_of, to_ics
from bilan_core.policies import STAFF

ON = pendulum.date(2026, 6, 1)
UTC = dt.timezone.utc


def events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


@pytest.mark.parametrize("funding", bc.samples.EXAMPLE_FUNDINGS)
def test_ics_holds_every_session_and_deadline(funding):
    bilan = bc.example_bilan(funding)
    tl = timeline(bilan, on=ON, policy=STAFF)
    found = events(to_ics(bilan, tl))
    timed = [e for e in found if isinstance(e.decoded("dtstart"), dt.datetime)]
    all_day = [e for e in found if not isinstance(e.decoded("dtstart"), dt.datetime)]
    assert sorted(e.decoded("dtstart") for e in timed) == sorted(
        dt.datetime.fromtimestamp(s.start.timestamp(), UTC) for s in bilan.sessions
    )
    assert sorted(e.decoded("dtstart") for e in all_day) == sorted(
        dt.date(d.due_day.year, d.due_day.month, d.due_day.day) for d in tl
    )
    assert len({str(e["uid"]) for e in found}) == len(bilan.sessions) + len(tl)


def test_sessions_across_dst_nights_are_exact_utc_instants():
    """Sessions starting on the spring-forward and fall-back nights keep their instants."""
    bilan = bc.example_bilan("cpf")
    spring = pendulum.datetime(2026, 3, 29, 1, 30, tz="Europe/Paris")
    autumn = pendulum.datetime(2026, 10, 25, 1, 30, tz="Europe/Paris")  # first 01:30 (CEST)
    sessions = (
        attrs.evolve(bilan.sessions[0], start=spring),
        attrs.evolve(bilan.sessions[1], start=autumn),
        *bilan.sessions[2:],
    )
    bilan = attrs.evolve(bilan, sessions=sessions)
    by_uid_start = {
        e.decoded("dtstart"): e.decoded("dtend")
        for e in events(to_ics(bilan, timeline(bilan, on=ON)))
        if isinstance(e.decoded("dtstart"), dt.datetime)
    }
    assert by_uid_start[dt.datetime(2026, 3, 29, 0, 30, tzinfo=UTC)] == dt.datetime(
        2026, 3, 29, 2, 30, tzinfo=UTC
    )
    assert by_uid_start[dt.datetime(2026, 10, 24, 23, 30, tzinfo=UTC)] == dt.datetime(
        2026, 10, 25, 1, 30, tzinfo=UTC
    )


def test_deadlines_are_all_day_events_with_rule_and_status():
    bilan = bc.example_bilan("cpf_working_time")
    found = events(to_ics(bilan, timeline(bilan, on=ON)))
    request = next(e for e in found if "BC-CPF-EMPLOYER-NOTICE" in str(e["description"]))
    assert request.decoded("dtstart") == dt.date(2026, 1, 15)
    assert request.decoded("dtend") == dt.date(2026, 1, 16)
    assert "done" in str(request["description"])
    assert "C. trav., art. L6323-17" in str(request["description"])


def test_output_is_deterministic_and_uids_are_stable_across_evaluation_dates():
    bilan = bc.example_bilan("cpf")
    first = to_ics(bilan, timeline(bilan, on=ON))
    assert first == to_ics(bilan, timeline(bilan, on=ON))
    later = to_ics(bilan, timeline(bilan, on=ON.add(days=30)))
    assert {str(e["uid"]) for e in events(first)} == {str(e["uid"]) for e in events(later)}
    stamps = {e.decoded("dtstamp") for e in events(first)}
    assert stamps == {dt.datetime(2026, 6, 1, tzinfo=UTC)}


def test_stamp_can_be_given():
    bilan = bc.example_bilan("cpf")
    stamp = dt.datetime(2026, 6, 2, 8, 15, tzinfo=UTC)
    found = events(to_ics(bilan, timeline(bilan, on=ON), stamp=stamp))
    assert {e.decoded("dtstamp") for e in found} == {stamp}


def test_no_free_text_of_the_bilan_in_the_calendar():
    bilan = bc.example_bilan("cpf")
    data = to_ics(bilan, timeline(bilan, on=ON, policy=STAFF)).decode()
    unfolded = data.replace("\r\n ", "")
    synthesis = bilan.document("d-synthesis").synthesis
    results = bilan.document("d-results").text
    for text in (synthesis.circumstances, synthesis.prospects, synthesis.action_plan, results):
        assert text[:20] not in unfolded


def test_several_bilans_in_one_calendar():
    pairs = [
        (b, timeline(b, on=ON)) for b in (bc.example_bilan("cpf"), bc.example_bilan("job_seeker"))
    ]
    found = events(calendar_of(pairs))
    assert len(found) == sum(len(b.sessions) + len(tl) for b, tl in pairs)
    assert len({str(e["uid"]) for e in found}) == len(found)
