"""timeline(): exact due dates (weekends, holidays, DST, month ends), statuses, and the
charter's calendar rules POL-CALLBACK and POL-OPENING-HOURS."""

from __future__ import annotations

import datetime as dt

import attrs
import orjson
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bilan_core as bc
from _builders import at, example_bilan, with_beneficiary, with_funding, with_provider, with_session
from bilan_core import references as ref
from bilan_core.beneficiary import PublicService
from bilan_core.cli import main
from bilan_core.deadlines import Deadline, DeadlineStatus, Timeline, timeline
from bilan_core.follow_up import FollowUp
from bilan_core.funding import (
    Convention,
    EmployerRequest,
    PublicLeaveFunding,
)
from bilan_core.inquiry import Inquiry
from bilan_core.policies import STAFF
from bilan_core.provider import Site
from bilan_core.report import Severity
from bilan_core.sessions import SessionStatus

D = pendulum.date
ON = D(2026, 6, 1)
METZ = Site(
    id="carquefou-petites-industries", street="1 rue Serpenoise", postcode="57000", city="Metz"
)


def only(tl: Timeline, what: str) -> Deadline:
    found = tl.of(what)
    assert len(found) == 1, found
    return found[0]


def convention_sent(day: pendulum.Date, signed: pendulum.Date | None = None):
    bilan = example_bilan("employer_plan")
    conv = Convention(sent_on=day, signed_on=signed, items=bilan.funding.convention.items)
    return with_funding(bilan, convention=conv)


def in_metz(bilan):
    return with_provider(bilan, sites=(METZ,))


# -- exact dates: weekends and holidays are not extended -----------------------------------


@pytest.mark.parametrize(
    ("bilan", "what", "due", "weekday", "holiday"),
    [
        pytest.param(
            convention_sent(D(2026, 7, 1)),
            "convention_signature",
            D(2026, 7, 11),
            "samedi",
            None,
            id="saturday",
        ),
        pytest.param(
            with_funding(
                example_bilan("cpf_working_time"),
                employer_request=EmployerRequest(
                    sent_on=D(2026, 6, 12), received_on=D(2026, 6, 14)
                ),
            ),
            "cpf_employer_answer",
            D(2026, 7, 14),
            "mardi",
            "Fête nationale",
            id="14-july",
        ),
        pytest.param(
            convention_sent(D(2026, 5, 4)),
            "convention_signature",
            D(2026, 5, 14),
            "jeudi",
            "Ascension",
            id="ascension-thursday",
        ),
        pytest.param(
            with_funding(
                example_bilan("public_leave"),
                request_received_on=D(2026, 3, 7),
                answer=None,
                answered_on=None,
            ),
            "public_leave_answer",
            D(2026, 4, 6),
            "lundi",
            "Lundi de Pâques",
            id="easter-monday",
        ),
        pytest.param(
            in_metz(convention_sent(D(2026, 12, 16))),
            "convention_signature",
            D(2026, 12, 26),
            "samedi",
            "Saint-Étienne",
            id="26-december-moselle",
        ),
        pytest.param(
            convention_sent(D(2026, 12, 16)),
            "convention_signature",
            D(2026, 12, 26),
            "samedi",
            None,
            id="26-december-carquefou",
        ),
        pytest.param(
            convention_sent(D(2028, 2, 19)),
            "convention_signature",
            D(2028, 2, 29),
            "mardi",
            None,
            id="29-february-2028",
        ),
    ],
)
def test_deadline_is_not_extended_and_shows_its_weekday(bilan, what, due, weekday, holiday):
    deadline = only(timeline(bilan, on=D(2026, 1, 1)), what)
    assert deadline.due == due
    assert deadline.weekday.fr == weekday
    assert (deadline.holiday.fr if deadline.holiday else None) == holiday
    assert deadline.is_working_day is (weekday not in {"samedi", "dimanche"} and holiday is None)


@pytest.mark.parametrize(
    ("last_session_day", "due"),
    [
        pytest.param((2026, 8, 31), D(2027, 2, 28), id="31-august-plus-6-months"),
        pytest.param((2027, 8, 31), D(2028, 2, 29), id="31-august-2027-to-29-february-2028"),
    ],
)
def test_follow_up_is_six_months_after_the_end_clamped_to_month_end(last_session_day, due):
    bilan = with_session(example_bilan("self_funded"), "s09", start=at(*last_session_day))
    follow_up = only(timeline(bilan, on=ON, policy=STAFF), "follow_up")
    assert follow_up.due == due
    assert follow_up.rule_id == "POL-FOLLOW-UP-6M"


@pytest.mark.parametrize(
    ("received", "due_utc"),
    [
        pytest.param(
            (2026, 3, 27, 10), (2026, 3, 31, 8), id="spring-forward: 10:00 CET -> 10:00 CEST"
        ),
        pytest.param(
            (2026, 10, 23, 10), (2026, 10, 27, 9), id="fall-back: 10:00 CEST -> 10:00 CET"
        ),
    ],
)
def test_callback_deadline_across_dst_keeps_the_paris_wall_clock(received, due_utc):
    """48 working hours from Friday 10:00 end on Tuesday at 10:00 Paris time."""
    bilan = attrs.evolve(example_bilan("cpf"), inquiry=Inquiry(received_at=at(*received, 0)))
    callback = only(timeline(bilan, on=D(2026, 1, 1), policy=STAFF), "callback")
    assert callback.due == pendulum.datetime(*due_utc, tz="UTC")
    assert callback.due_day.weekday() == 1


def test_cpf_notice_is_120_days_for_an_action_of_six_months():
    """First session 2026-03-16, last moved to 2026-09-16 (6 months): notice 120 days."""
    bilan = with_session(example_bilan("cpf_working_time"), "s09", start=at(2026, 9, 16))
    request = only(timeline(bilan, on=ON), "cpf_employer_request")
    assert request.due == D(2026, 3, 16).subtract(days=120)
    assert "120" in request.label.fr


def test_cpf_notice_follows_the_paris_day_of_a_session_on_the_fall_back_night():
    """A first session at 00:30 Paris time on 2026-10-25 (22:30 UTC the day before) starts on
    the 25th: the 60-day notice ends on 2026-08-26."""
    bilan = example_bilan("cpf_working_time")
    start = pendulum.datetime(2026, 10, 25, 0, 30, tz="Europe/Paris")
    sessions = tuple(
        attrs.evolve(s, start=start.add(days=7 * i)) for i, s in enumerate(bilan.sessions)
    )
    bilan = attrs.evolve(bilan, sessions=sessions)
    assert only(timeline(bilan, on=ON), "cpf_employer_request").due == D(2026, 8, 26)


# -- statuses ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "signed", "status", "outcome"),
    [
        pytest.param(D(2026, 7, 10), None, DeadlineStatus.PENDING, None, id="pending"),
        pytest.param(D(2026, 7, 11), None, DeadlineStatus.DUE_TODAY, None, id="due-today"),
        pytest.param(
            D(2026, 7, 12), None, DeadlineStatus.LATE, "refused_by_silence", id="late-silence"
        ),
        pytest.param(D(2026, 7, 12), D(2026, 7, 11), DeadlineStatus.DONE, None, id="done"),
        pytest.param(
            D(2026, 7, 10), D(2026, 7, 11), DeadlineStatus.PENDING, None, id="signed-after-on"
        ),
    ],
)
def test_convention_status_on_the_evaluation_date(on, signed, status, outcome):
    deadline = only(timeline(convention_sent(D(2026, 7, 1), signed), on=on), "convention_signature")
    assert (deadline.status, deadline.outcome) == (status, outcome)
    assert deadline.rule_id == "BC-CONVENTION-ACCEPTANCE"
    assert deadline.references == (ref.R6313_8,)
    assert deadline.path == "$.funding.convention.signed_on"


def test_employer_silence_is_acceptance_once_the_30_days_have_passed():
    bilan = with_funding(
        example_bilan("cpf_working_time"),
        employer_request=EmployerRequest(sent_on=D(2026, 1, 5), received_on=D(2026, 1, 6)),
    )
    answer = only(timeline(bilan, on=D(2026, 2, 6)), "cpf_employer_answer")
    assert answer.due == D(2026, 2, 5)
    assert (answer.status, answer.outcome) == (DeadlineStatus.LATE, "accepted_by_silence")
    assert answer.references == (ref.L6323_17, ref.D6323_4)


@pytest.mark.parametrize(
    ("service", "due", "refs"),
    [
        pytest.param(
            PublicService.TERRITORIAL,
            D(2026, 2, 4),
            (ref.DECRET_2007_1845, ref.CRPA_L231_4),
            id="fpt-30-days",
        ),
        pytest.param(
            PublicService.HOSPITAL,
            D(2026, 2, 4),
            (ref.DECRET_2008_824, ref.CRPA_L231_4),
            id="fph-30-days",
        ),
        pytest.param(
            PublicService.STATE,
            D(2026, 3, 5),
            (ref.ARRETE_2009_07_31, ref.CRPA_L231_4),
            id="state-2-months",
        ),
    ],
)
def test_public_leave_answer_by_branch(service, due, refs):
    bilan = with_beneficiary(example_bilan("public_leave"), public_service=service)
    answer = only(timeline(bilan, on=ON), "public_leave_answer")
    assert (answer.due, answer.references, answer.status) == (due, refs, DeadlineStatus.DONE)
    assert bool(timeline(bilan, on=ON).of("public_leave_request")) is (
        service is not PublicService.STATE
    )


def test_public_leave_silence_of_two_months_is_refusal():
    bilan = with_funding(example_bilan("public_leave"), answer=None, answered_on=None)
    assert isinstance(bilan.funding, PublicLeaveFunding)
    overdue = only(timeline(bilan, on=D(2026, 2, 10)), "public_leave_answer")
    refused = only(timeline(bilan, on=D(2026, 3, 6)), "public_leave_answer")
    assert (overdue.status, overdue.outcome) == (DeadlineStatus.LATE, None)
    assert (refused.status, refused.outcome) == (DeadlineStatus.LATE, "refused_by_silence")


def test_declined_follow_up_is_not_applicable():
    bilan = attrs.evolve(
        example_bilan("cpf"), follow_up=FollowUp(offered=True, declined_on=D(2026, 5, 19))
    )
    assert only(timeline(bilan, on=ON, policy=STAFF), "follow_up").status is (
        DeadlineStatus.NOT_APPLICABLE
    )


@pytest.mark.parametrize(
    ("on", "years"),
    [pytest.param(D(2023, 12, 30), 1, id="before-2023-12-31"), pytest.param(ON, 3, id="now")],
)
def test_kept_documents_are_destroyed_after_the_retention_in_force_on_the_evaluation_date(
    on, years
):
    """The synthesis is kept end + 1 year before 2023-12-31 and end + 3 years since."""
    tl = timeline(example_bilan("cpf"), on=on)
    dues = {d.path: d.due for d in tl.of("document_destruction")}
    assert dues == {
        "$.documents[0].destroyed_on": D(2026, 5, 19),
        "$.documents[1].destroyed_on": D(2026, 5, 19),
        "$.documents[2].destroyed_on": D(2026 + years, 5, 19),
        "$.documents[3].destroyed_on": D(2026 + years, 5, 19),
    }


def test_policy_deadlines_only_with_a_policy():
    bilan = example_bilan("cpf")
    without = {d.what for d in timeline(bilan, on=ON)}
    with_policy = {d.what for d in timeline(bilan, on=ON, policy=STAFF)}
    assert with_policy - without == {"callback", "start_delay", "follow_up"}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({}, set(), id="name-only"),
        pytest.param({"callback_max_working_hours": 48}, {"callback"}, id="callback"),
        pytest.param({"start_delay_max_days": {"cpf": 15}}, {"start_delay"}, id="start-delay"),
        pytest.param({"start_delay_max_days": {"job_seeker": 60}}, set(), id="another-route-only"),
        pytest.param({"follow_up_months": 6}, {"follow_up"}, id="follow-up"),
        pytest.param(
            {
                "follow_up_tolerance_days": 31,
                "callback_target_working_hours": 24,
                "working_weekdays": {0, 1, 2, 3, 4},
            },
            set(),
            id="no-deadline-stated",
        ),
    ],
)
def test_charter_deadlines_appear_only_when_stated(changes, expected):
    """Each charter deadline comes from what the charter states, the same as STAFF's."""
    bilan = example_bilan("cpf")
    without = {d.what for d in timeline(bilan, on=ON)}
    charter = bc.Policy(name="P", **changes)
    found = [d for d in timeline(bilan, on=ON, policy=charter) if d.what not in without]
    assert {d.what for d in found} == expected
    staff = {d.what: d for d in timeline(bilan, on=ON, policy=STAFF)}
    for deadline in found:
        assert deadline.references == (charter.reference,)  # each charter cites itself
        assert (
            attrs.evolve(deadline, references=staff[deadline.what].references)
            == (staff[deadline.what])
        )


def test_timeline_is_in_due_order_and_a_read_only_sequence():
    tl = timeline(example_bilan("cpf_working_time"), on=ON, policy=STAFF)
    keys = [d.sort_key for d in tl]
    assert keys == sorted(keys)
    assert tl[0] is tl.deadlines[0]
    assert len(tl[1:3]) == 2
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        tl.deadlines = ()  # type: ignore[misc]
    assert tl.to_dict()["deadlines"][0]["what"] == "cpf_employer_request"


def test_default_on_is_today_in_paris():
    from bilan_core.validation import today

    assert timeline(example_bilan("cpf")).on == today()


# -- POL-CALLBACK and POL-OPENING-HOURS: case tables -------------------------------------

FAMILY = ("POL-CALLBACK", "POL-OPENING-HOURS")
WARNING = Severity.WARNING


def policy_findings(bilan, on=ON, policy=STAFF):
    report = bc.validate(bilan, on=on, policy=policy)
    return [v for v in report.violations if v.rule_id in FAMILY]


def called(received, called_back=None):
    inquiry = Inquiry(
        received_at=at(*received), called_back_at=at(*called_back) if called_back else None
    )
    return attrs.evolve(example_bilan("cpf"), inquiry=inquiry)


CALLBACK_CASES = [
    pytest.param(example_bilan("cpf"), ON, [], id="example-24h-passes"),
    pytest.param(
        called((2026, 7, 10, 16, 0), (2026, 7, 15, 16, 0)), ON, [], id="48h-over-14-july-passes"
    ),
    pytest.param(
        called((2026, 7, 10, 16, 0), (2026, 7, 15, 16, 1)),
        ON,
        [("POL-CALLBACK", "$.inquiry.called_back_at")],
        id="48h01-warns",
    ),
    pytest.param(
        called((2026, 4, 2, 10, 0), (2026, 4, 8, 10, 0)),
        ON,
        [("POL-CALLBACK", "$.inquiry.called_back_at")],
        id="good-friday-counts-in-carquefou",
    ),
    pytest.param(
        in_metz(called((2026, 4, 2, 10, 0), (2026, 4, 8, 10, 0))),
        ON,
        [],
        id="good-friday-off-in-metz",
    ),
    pytest.param(called((2026, 7, 10, 16, 0)), D(2026, 7, 15), [], id="no-callback-due-today"),
    pytest.param(
        called((2026, 7, 10, 16, 0)),
        D(2026, 7, 16),
        [("POL-CALLBACK", "$.inquiry.called_back_at")],
        id="no-callback-after-the-limit",
    ),
]


def moved(session_id, start, minutes=None, bilan=None, **changes):
    bilan = bilan or example_bilan("cpf")
    if minutes is not None:
        changes["minutes"] = minutes
    return with_session(bilan, session_id, start=start, **changes)


OPENING_CASES = [
    pytest.param(example_bilan("cpf"), ON, [], id="example-passes"),
    pytest.param(moved("s01", at(2026, 3, 16, 14, 0)), ON, [], id="afternoon-passes"),
    pytest.param(
        moved("s01", at(2026, 3, 16, 12, 0)),
        ON,
        [("POL-OPENING-HOURS", "$.sessions[0].start")],
        id="over-lunch-warns",
    ),
    pytest.param(
        moved("s03", at(2026, 3, 31, 14, 30)),
        ON,
        [("POL-OPENING-HOURS", "$.sessions[2].start")],
        id="till-17h30-outside-amplitude-warns",
    ),
    pytest.param(
        moved("s01", at(2026, 7, 14)),
        ON,
        [("POL-OPENING-HOURS", "$.sessions[0].start")],
        id="14-july-warns",
    ),
    pytest.param(
        moved("s01", at(2026, 5, 14)),
        ON,
        [("POL-OPENING-HOURS", "$.sessions[0].start")],
        id="ascension-warns",
    ),
    pytest.param(moved("s01", at(2026, 4, 3)), ON, [], id="good-friday-carquefou-passes"),
    pytest.param(
        in_metz(moved("s01", at(2026, 4, 3))),
        ON,
        [("POL-OPENING-HOURS", "$.sessions[0].start")],
        id="good-friday-metz-warns",
    ),
    pytest.param(
        moved("s01", at(2026, 3, 21)),
        ON,
        [("POL-OPENING-HOURS", "$.sessions[0].start")],
        id="saturday-warns",
    ),
    pytest.param(
        moved("s01", pendulum.datetime(2026, 3, 29, 1, 30, tz="Europe/Paris")),
        ON,
        [("POL-OPENING-HOURS", "$.sessions[0].start")],
        id="spring-forward-night-warns",
    ),
    pytest.param(
        moved("s01", at(2026, 7, 14), status=SessionStatus.CANCELLED),
        ON,
        [],
        id="cancelled-on-a-holiday-passes",
    ),
    pytest.param(
        moved("s04", at(2026, 4, 7, 19, 0)), ON, [], id="personal-work-in-the-evening-passes"
    ),
]


@pytest.mark.parametrize(("bilan", "on", "expected"), CALLBACK_CASES + OPENING_CASES)
def test_calendar_policy_rules(bilan, on, expected):
    found = policy_findings(bilan, on=on)
    assert sorted((v.rule_id, v.path) for v in found) == sorted(expected)
    for violation in found:
        assert violation.severity is WARNING
        assert violation.references == (ref.STAFF_CHARTER,)
        assert violation.message.fr.endswith("(Charte STAFF)")
        assert violation.message.en.endswith("(Charte STAFF)")


def test_opening_hours_message_names_the_holiday_and_the_paris_times():
    (violation,) = policy_findings(moved("s01", at(2026, 7, 14)))
    assert "mar. 14/07/2026 09:30–11:30" in violation.message.fr
    assert "Fête nationale" in violation.message.fr


def test_a_provider_open_on_public_holidays_may_hold_sessions_then():
    open_policy = attrs.evolve(STAFF, closed_on_public_holidays=False)
    assert policy_findings(moved("s01", at(2026, 7, 14)), policy=open_policy) == []


def test_calendar_rules_are_registered_with_the_charter_as_source():
    for rule_id in FAMILY:
        rule = bc.rule(rule_id)
        assert rule.severity is WARNING
        assert rule.confidence is bc.Confidence.PRACTICE
        assert rule.references == (ref.STAFF_CHARTER,)
        assert rule.in_force_from == D(2019, 1, 1)
        assert rule.is_policy


def test_calendar_rules_do_not_run_without_a_policy():
    report = bc.validate(moved("s01", at(2026, 7, 14)), on=ON)
    assert not set(FAMILY) & set(report.checked)


@pytest.mark.parametrize("funding", bc.samples.EXAMPLE_FUNDINGS)
def test_every_example_keeps_opening_hours_and_callback_under_staff(funding):
    assert policy_findings(example_bilan(funding)) == []


# -- command line ------------------------------------------------------------------------


def test_cli_timeline_text_json_and_ics(tmp_path, capsys):
    plan = tmp_path / "plan.json"
    plan.write_bytes(bc.dumps(example_bilan("cpf_working_time")))
    ics = tmp_path / "plan.ics"
    assert main(["timeline", str(plan), "--on", "2026-06-01", "--policy", "staff"]) == 0
    text = capsys.readouterr().out
    assert "2026-01-15       jeudi     fait         BC-CPF-EMPLOYER-NOTICE" in text
    assert "samedi" in text
    assert "délai non prorogé" in text
    code = main(
        ["timeline", str(plan), "--on", "2026-06-01", "--format", "json", "--ics", str(ics)]
    )
    assert code == 0
    document = orjson.loads(capsys.readouterr().out)
    assert document["format"] == "bilan-core-timeline/2"
    deadlines = document["timelines"][0]["deadlines"]
    assert [d["what"] for d in deadlines][:2] == ["cpf_employer_request", "cpf_employer_answer"]
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_cli_timeline_rejects_a_bad_date(tmp_path, capsys):
    plan = tmp_path / "plan.json"
    plan.write_bytes(bc.dumps(example_bilan("cpf")))
    assert main(["timeline", str(plan), "--on", "2026-13-01"]) == 2
    assert "not a date" in capsys.readouterr().err


def test_deadline_dict_has_the_due_day_of_an_instant():
    callback = only(timeline(example_bilan("cpf"), on=ON, policy=STAFF), "callback")
    data = callback.to_dict()
    assert data["due"] == "2026-02-18T09:00:00+00:00"
    assert data["due_day"] == "2026-02-18"
    assert isinstance(callback.due, dt.datetime)


def _synthesis_kept_after(end: dt.date) -> bc.Bilan:
    """The CPF example moved so that its action ends on ``end``, keeping only its synthesis."""
    bilan = bc.example_bilan("cpf")
    assert bilan.end_date is not None
    shift = dt.timedelta(days=(end - bilan.end_date).days)
    sessions = tuple(attrs.evolve(s, start=s.start + shift) for s in bilan.sessions)
    synthesis = bilan.documents_of(bc.DocumentKind.SYNTHESIS)
    return attrs.evolve(bilan, sessions=sessions, documents=synthesis)


@given(
    st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2027, 12, 31)),
    st.integers(min_value=0, max_value=5 * 366),
)
def test_timeline_and_validate_agree_on_retention(end: dt.date, days_after: int) -> None:
    """The synthesis's destruction deadline is late exactly when validate reports it held too
    long, on both sides of 2023-12-31 (1 year, then 3 years); destruction_date agrees."""
    bilan = _synthesis_kept_after(end)
    on = pendulum.Date.fromordinal(end.toordinal() + days_after)
    report = bc.validate(bilan, on=on, only={"BC-DOCUMENT-RETENTION"})
    (deadline,) = bc.timeline(bilan, on=on).of("document_destruction")
    held_too_long = any(v.severity is bc.Severity.ERROR for v in report.violations)
    assert held_too_long == (deadline.status is DeadlineStatus.LATE)
    assert bc.destruction_date(bilan, "d-synthesis", on) == deadline.due
