"""A charter states only what its author wrote: STAFF is one preset among others.

Every charter parameter defaults to "not stated"; a ``POL-`` rule applies only what its
charter states; building on a preset (``base=``, ``extends``) is explicit. The case tables
below compare a charter stating one parameter with STAFF, on plans that break that parameter.
"""

from __future__ import annotations

import json
import pickle
import sys

import attrs
import pendulum
import pytest

import bilan_core as bc
from _builders import EXAMPLE_ON, at, consent_on, example_bilan, with_session
from bilan_core.cli._options import policy_from
from bilan_core.documents import DocumentKind
from bilan_core.errors import InvalidPolicy
from bilan_core.inquiry import Inquiry
from bilan_core.policies import PRESETS, STAFF
from bilan_core.policy import CHARTER_PARAMETERS, CHARTER_RULES, Policy, TimeRange, load_policy
from bilan_core.sessions import Modality, SessionKind, SessionStatus

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

NAME_ONLY = Policy.from_dict({"name": "Cabinet X"})


def pol(bilan, policy, rule_id=None, on=EXAMPLE_ON):
    """(rule id, path, severity) of the POL findings (of ``rule_id`` alone when given)."""
    report = bc.validate(bilan, on=on, policy=policy)
    return sorted(
        (v.rule_id, v.path, v.severity.value)
        for v in report.violations
        if v.rule_id.startswith("POL-") and rule_id in (None, v.rule_id)
    )


def messages(bilan, policy, rule_id):
    report = bc.validate(bilan, on=EXAMPLE_ON, policy=policy)
    return sorted((v.message.fr, v.message.en) for v in report.violations if v.rule_id == rule_id)


# -- the integrator's finding ---------------------------------------------------------------


def test_regression_a_name_only_charter_does_not_inherit_staff_opening_hours():
    """Regression: ``Policy.from_dict({"name": "Cabinet X"})`` was STAFF renamed, so a
    session at 18:00 was flagged against STAFF's opening hours (POL-OPENING-HOURS) under a
    charter that states no hours at all."""
    evening = with_session(example_bilan("cpf"), "s01", start=at(2026, 3, 16, 18, 0))
    assert pol(evening, STAFF) == [("POL-OPENING-HOURS", "$.sessions[0].start", "warning")]
    assert pol(evening, NAME_ONLY) == []
    assert NAME_ONLY.opening_hours is None
    assert attrs.evolve(STAFF, name="Cabinet X") != NAME_ONLY


def test_a_name_only_charter_is_not_staff_renamed():
    """The class defaults state nothing: equal, hashed and pickled as such."""
    assert Policy.from_dict({"name": "X"}) != attrs.evolve(STAFF, name="X")
    assert Policy.from_dict({"name": "X"}) == Policy(name="X")
    assert hash(Policy(name="X")) == hash(Policy.from_dict({"name": "X"}))
    assert pickle.loads(pickle.dumps(NAME_ONLY)) == NAME_ONLY  # noqa: S301 - our own bytes
    assert not any(NAME_ONLY.states(rule_id) for rule_id in CHARTER_RULES)
    assert all(STAFF.states(rule_id) for rule_id in CHARTER_RULES)


def test_every_charter_parameter_belongs_to_a_rule():
    """CHARTER_PARAMETERS names every charter attribute and every POL rule."""
    named = {name for names in CHARTER_PARAMETERS.values() for name in names}
    fields = {f.name for f in attrs.fields(Policy)} - {"name", "severities", "disabled"}
    assert named == fields
    assert set(CHARTER_PARAMETERS) == CHARTER_RULES


# -- plans that break one parameter of STAFF -------------------------------------------------


def _document(bilan, kind, **changes):
    documents = tuple(attrs.evolve(d, **changes) if d.kind is kind else d for d in bilan.documents)
    return attrs.evolve(bilan, documents=documents)


def _without(bilan, kind):
    return attrs.evolve(bilan, documents=tuple(d for d in bilan.documents if d.kind is not kind))


def _alone(*ids):
    bilan = example_bilan("cpf")
    for sid in ids:
        bilan = with_session(bilan, sid, kind=SessionKind.PERSONAL_WORK)
    return bilan


def _short_span():
    """The CPF example ending on 29 April (44 days after 16 March): s09 cancelled."""
    bilan = with_session(example_bilan("cpf"), "s09", status=SessionStatus.CANCELLED)
    return with_session(bilan, "s08", start=at(2026, 4, 29))


def _follow_up(**changes):
    bilan = example_bilan("cpf")
    bilan = attrs.evolve(bilan, follow_up=attrs.evolve(bilan.follow_up, **changes))
    return attrs.evolve(bilan, sessions=tuple(s for s in bilan.sessions if s.id != "s10"))


def _called(received, called_back):
    inquiry = Inquiry(received_at=at(*received), called_back_at=at(*called_back))
    return attrs.evolve(example_bilan("cpf"), inquiry=inquiry)


def _synthesis_without_action_plan():
    bilan = example_bilan("cpf")
    synthesis = bilan.document("d-synthesis")
    assert synthesis is not None
    assert synthesis.synthesis is not None
    return _document(
        bilan,
        DocumentKind.SYNTHESIS,
        synthesis=attrs.evolve(synthesis.synthesis, action_plan=None),
    )


# Each row: the rule, the one parameter a charter states (STAFF's value), a plan breaking it.
ONE_PARAMETER = [
    pytest.param(
        "POL-DURATION-RANGE",
        "duration_min_minutes",
        with_session(example_bilan("cpf"), "s07", minutes=59),
        id="duration-min",
    ),
    pytest.param(
        "POL-DURATION-RANGE",
        "duration_max_minutes",
        with_session(example_bilan("cpf"), "s07", minutes=421),
        id="duration-max",
    ),
    pytest.param("POL-MEETINGS-MIN", "meetings_min", _alone("s05", "s07", "s03"), id="meetings"),
    pytest.param("POL-SPAN", "span_min_days", _short_span(), id="span-min"),
    pytest.param(
        "POL-SPAN",
        "span_max_days",
        with_session(example_bilan("cpf"), "s09", start=at(2026, 7, 2)),
        id="span-max",
    ),
    pytest.param(
        "POL-START-DELAY",
        "start_delay_max_days",
        consent_on(example_bilan("self_funded"), at(2026, 2, 28, 10, 0)),
        id="start-delay",
    ),
    pytest.param(
        "POL-INDIVIDUAL",
        "individual_only",
        with_session(example_bilan("cpf"), "s05", individual=False),
        id="individual",
    ),
    pytest.param(
        "POL-MODALITIES",
        "in_person_at_provider_site",
        with_session(example_bilan("cpf"), "s01", site_id=None),
        id="modalities-site",
    ),
    pytest.param(
        "POL-ENGAGEMENT-DOCUMENT",
        "engagement_document_required",
        _without(example_bilan("cpf"), DocumentKind.ENGAGEMENT),
        id="engagement",
    ),
    pytest.param(
        "POL-SYNTHESIS-SECTIONS",
        "synthesis_sections_required",
        _synthesis_without_action_plan(),
        id="synthesis-sections",
    ),
    pytest.param(
        "POL-SYNTHESIS-LAST-MEETING",
        "synthesis_at_last_meeting",
        _document(example_bilan("cpf"), DocumentKind.SYNTHESIS, delivered_at=at(2026, 5, 20, 9)),
        id="synthesis-last-meeting",
    ),
    pytest.param(
        "POL-FOLLOW-UP-6M", "follow_up_months", _follow_up(planned_on=None), id="follow-up"
    ),
    pytest.param(
        "POL-CALLBACK",
        "callback_max_working_hours",
        _called((2026, 7, 10, 16, 0), (2026, 7, 15, 16, 1)),
        id="callback",
    ),
    pytest.param(
        "POL-OPENING-HOURS",
        "opening_hours",
        with_session(example_bilan("cpf"), "s01", start=at(2026, 3, 16, 18, 0)),
        id="opening-hours",
    ),
    pytest.param(
        "POL-OPENING-HOURS",
        "amplitude",
        with_session(example_bilan("cpf"), "s03", start=at(2026, 3, 31, 14, 30)),
        id="amplitude",
    ),
    pytest.param(
        "POL-OPENING-HOURS",
        "working_weekdays",
        with_session(example_bilan("cpf"), "s01", start=at(2026, 3, 21)),
        id="weekdays",
    ),
    pytest.param(
        "POL-OPENING-HOURS",
        "closed_on_public_holidays",
        with_session(example_bilan("cpf"), "s01", start=at(2026, 7, 14)),
        id="public-holiday",
    ),
]


@pytest.mark.parametrize(("rule_id", "field", "bilan"), ONE_PARAMETER)
def test_a_name_only_charter_reports_nothing_where_staff_does(rule_id, field, bilan):
    """STAFF flags each plan; a charter that states only a name flags no POL rule at all."""
    assert pol(bilan, STAFF, rule_id)
    assert pol(bilan, NAME_ONLY) == []


@pytest.mark.parametrize(("rule_id", "field", "bilan"), ONE_PARAMETER)
def test_one_parameter_stated_reports_as_staff_on_it(rule_id, field, bilan):
    """A charter stating only this parameter (STAFF's value) reports the rule where STAFF
    does, at the same paths, and no other POL rule."""
    alone = Policy(name="One", **{field: getattr(STAFF, field)})
    assert alone.states(rule_id)
    assert pol(bilan, alone) == pol(bilan, STAFF, rule_id)
    if CHARTER_PARAMETERS[rule_id] == (field,):  # the whole rule stated: the same messages
        staff = [
            (
                fr.replace("(Charte STAFF)", "(Charte One)"),
                en.replace("(Charte STAFF)", "(Charte One)"),
            )
            for fr, en in messages(bilan, STAFF, rule_id)
        ]
        assert messages(bilan, alone, rule_id) == staff  # each charter cites itself


@pytest.mark.parametrize(
    ("changes", "rule_id", "bilan"),
    [
        pytest.param(
            {"modalities": {Modality.IN_PERSON}},
            "POL-MODALITIES",
            example_bilan("cpf"),
            id="modalities-without-remote",
        ),
        pytest.param({"blended": False}, "POL-MODALITIES", example_bilan("cpf"), id="not-blended"),
        pytest.param(
            {"follow_up_months": 6, "follow_up_tolerance_days": 31},
            "POL-FOLLOW-UP-6M",
            _follow_up(planned_on=pendulum.date(2026, 12, 21)),
            id="follow-up-day-32",
        ),
        pytest.param(
            {"start_delay_max_days": {"self_funded": 10}},
            "POL-START-DELAY",
            consent_on(example_bilan("self_funded"), at(2026, 3, 3, 10, 0)),
            id="start-delay-other-value",
        ),
    ],
)
def test_other_values_report_as_staff_changed_the_same_way(changes, rule_id, bilan):
    """A charter stating a value STAFF does not have reports that rule as STAFF with that
    value would, and nothing else."""
    alone = Policy(name="One", **changes)
    over_staff = attrs.evolve(STAFF, **changes)
    assert pol(bilan, over_staff, rule_id)
    assert pol(bilan, alone) == pol(bilan, over_staff, rule_id)


@pytest.mark.parametrize(
    ("changes", "bilan", "expected"),
    [
        pytest.param(
            {"duration_max_minutes": 24 * 60},
            with_session(example_bilan("cpf"), "s07", minutes=59),
            [],
            id="max-only-ignores-a-short-bilan",
        ),
        pytest.param(
            {"duration_min_minutes": 18 * 60},
            with_session(example_bilan("cpf"), "s07", minutes=421),
            [],
            id="min-only-ignores-a-long-bilan",
        ),
        pytest.param(
            {"span_max_days": 107}, _short_span(), [], id="span-max-only-ignores-a-short-span"
        ),
        pytest.param(
            {"follow_up_tolerance_days": 31},
            _follow_up(planned_on=None),
            [],
            id="tolerance-alone-has-no-target",
        ),
        pytest.param(
            {"follow_up_months": 6},
            _follow_up(planned_on=pendulum.date(2027, 3, 1)),
            [],
            id="months-without-tolerance-judges-no-date",
        ),
        pytest.param(
            {"follow_up_months": 6, "follow_up_tolerance_days": 0},
            _follow_up(planned_on=pendulum.date(2026, 11, 20)),
            [("POL-FOLLOW-UP-6M", "$.follow_up.planned_on", "warning")],
            id="tolerance-0-is-the-day-itself",
        ),
        pytest.param(
            {"working_weekdays": {0, 1, 2, 3, 4}},
            with_session(example_bilan("cpf"), "s01", start=at(2026, 3, 16, 18, 0)),
            [],
            id="weekdays-alone-checks-no-hours",
        ),
        pytest.param(
            {"start_delay_max_days": {"cpf": 15}},
            consent_on(example_bilan("self_funded"), at(2026, 2, 28, 10, 0)),
            [],
            id="a-route-not-stated-is-not-judged",
        ),
        pytest.param(
            {"callback_target_working_hours": 24},
            _called((2026, 7, 10, 16, 0), (2026, 7, 20, 16, 0)),
            [],
            id="callback-target-is-data-only",
        ),
        pytest.param(
            {"individual_only": False},
            with_session(example_bilan("cpf"), "s05", individual=False),
            [],
            id="individual-stated-false",
        ),
    ],
)
def test_a_rule_checks_only_the_parameters_stated(changes, bilan, expected):
    """A range with one bound checks that bound; a parameter that states no requirement
    reports nothing."""
    assert pol(bilan, Policy(name="Partial", **changes)) == expected


def test_a_stated_bound_alone_says_so_in_its_message():
    """The message states what the charter states: "at least", "at most", not a range."""
    short = with_session(example_bilan("cpf"), "s07", minutes=59)
    ((fr, en),) = messages(
        short, Policy(name="Min", duration_min_minutes=18 * 60), "POL-DURATION-RANGE"
    )
    assert fr == "17 h 59 prévues ; la charte prévoit au moins 18 h (Charte Min)"
    assert en.startswith("17 h 59 min planned; the charter provides at least 18 h")
    late = with_session(example_bilan("cpf"), "s09", start=at(2026, 7, 2))
    ((fr, en),) = messages(late, Policy(name="Max", span_max_days=107), "POL-SPAN")
    assert "la charte prévoit au plus 107 jours" in fr
    assert "the charter provides at most 107 days" in en
    ((fr, _),) = messages(late, STAFF, "POL-SPAN")
    assert "la charte prévoit 46 à 107 jours" in fr


def test_opening_hours_or_amplitude_alone_is_the_range():
    """Only one of opening hours and amplitude stated: sessions lie within that one."""
    afternoon = with_session(example_bilan("cpf"), "s03", start=at(2026, 3, 31, 14, 30))
    hours_only = Policy(name="H", opening_hours=(TimeRange.parse("14:00-17:30"),))
    assert [p for _, p, _ in pol(afternoon, hours_only)] == [
        f"$.sessions[{i}].start" for i in (0, 1, 4, 6, 7, 8, 9)
    ]
    amplitude_only = Policy(name="A", amplitude=TimeRange.parse("09:00-18:00"))
    assert pol(afternoon, amplitude_only) == []


# -- building on a preset -------------------------------------------------------------------

STAFF_FILE = """
format = "bilan-core-policy/1"
name = "STAFF"
duration_min_minutes = 1080
duration_max_minutes = 1440
meetings_min = 5
span_min_days = 46
span_max_days = 107
callback_target_working_hours = 24
callback_max_working_hours = 48
working_weekdays = [0, 1, 2, 3, 4]
opening_hours = ["09:00-12:30", "14:00-17:30"]
amplitude = "09:00-17:00"
closed_on_public_holidays = true
individual_only = true
modalities = ["in_person", "remote"]
blended = true
in_person_at_provider_site = true
engagement_document_required = true
synthesis_sections_required = true
synthesis_at_last_meeting = true
follow_up_months = 6
follow_up_tolerance_days = 31

[start_delay_max_days]
cpf = 15
self_funded = 15
cpf_working_time = 61
employer_plan = 61
reclassification_leave = 61
job_seeker = 61
public_leave = 61
"""


def test_the_staff_preset_is_the_file_stating_every_value(tmp_path):
    """STAFF equals the charter file that states every value, and that file states every
    charter parameter (nothing comes from a default)."""
    file = tmp_path / "staff.toml"
    file.write_text(STAFF_FILE, encoding="utf-8")
    assert load_policy(file) == STAFF
    stated = set(tomllib.loads(STAFF_FILE)) - {"format"}
    assert stated == {f.name for f in attrs.fields(Policy)} - {"severities", "disabled"}
    assert PRESETS == {"staff": STAFF}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param({"name": "STAFF"}, STAFF, id="name-only-over-staff-is-staff"),
        pytest.param(
            {"name": "X", "meetings_min": 8},
            attrs.evolve(STAFF, name="X", meetings_min=8),
            id="one-override",
        ),
        pytest.param(
            {"name": "X", "start_delay_max_days": {"cpf": 30}},
            attrs.evolve(
                STAFF, name="X", start_delay_max_days={**STAFF.start_delay_max_days, "cpf": 30}
            ),
            id="delays-per-route",
        ),
        pytest.param(
            {"name": "X", "opening_hours": ["08:00-18:00"], "severities": {"POL-SPAN": "info"}},
            attrs.evolve(
                STAFF,
                name="X",
                opening_hours=(TimeRange.parse("08:00-18:00"),),
                severities={"POL-SPAN": "info"},
            ),
            id="hours-and-severities",
        ),
    ],
)
def test_building_on_staff_is_explicit(tmp_path, data, expected):
    """base=STAFF, load_policy(base=STAFF) and extends = "staff" give STAFF's values with the
    data's over them; the same data without a base states only itself."""
    assert Policy.from_dict(data, base=STAFF) == expected
    assert Policy.from_dict({**data, "extends": "staff"}) == expected
    assert Policy.from_dict({**data, "extends": "staff"}, base=STAFF) == expected
    file = tmp_path / "charter.json"
    file.write_bytes(_json(data))
    assert load_policy(file, base=STAFF) == expected
    assert Policy.from_file(file, base=STAFF) == expected
    extended = tmp_path / "extended.json"
    extended.write_bytes(_json({**data, "extends": "staff"}))
    assert load_policy(extended) == expected
    assert policy_from(str(extended)) == expected
    assert Policy.from_dict(data) != expected


def _json(data):
    return json.dumps(data).encode()


def test_extends_in_a_toml_file_behaves_as_staff_with_its_overrides(tmp_path):
    """A TOML charter extending STAFF flags what STAFF flags, with its own numbers."""
    file = tmp_path / "charter.toml"
    file.write_text('name = "Cabinet X"\nextends = "staff"\nmeetings_min = 8\n', encoding="utf-8")
    charter = load_policy(file)
    evening = with_session(example_bilan("cpf"), "s01", start=at(2026, 3, 16, 18, 0))
    assert pol(evening, charter) == sorted(
        [*pol(evening, STAFF), ("POL-MEETINGS-MIN", "$.sessions", "warning")]
    )
    base_severities = attrs.evolve(STAFF, severities={"POL-SPAN": "info"})
    over = Policy.from_dict(
        {"name": "Y", "severities": {"POL-CALLBACK": "error"}}, base=base_severities
    )
    assert dict(over.severities) == {
        "POL-SPAN": bc.Severity.INFO,
        "POL-CALLBACK": bc.Severity.ERROR,
    }


def test_extends_and_base_must_agree():
    """A document extending STAFF given another base is refused at $.extends, in both
    languages; a base that is not a Policy is a TypeError."""
    other = attrs.evolve(STAFF, meetings_min=3)
    with pytest.raises(InvalidPolicy) as info:
        Policy.from_dict({"name": "X", "extends": "staff"}, base=other, source="c.toml")
    ((path, message),) = info.value.errors
    assert path == "c.toml: $.extends"
    assert message.fr == "la charte étend « staff » mais base= donne une autre charte"
    assert message.en == "the charter extends 'staff' but base= gives another charter"
    with pytest.raises(TypeError, match=r"base must be a bilan_core\.Policy"):
        Policy.from_dict({"name": "X"}, base="staff")  # type: ignore[arg-type]


def test_a_charter_over_a_base_is_checked_as_a_whole():
    """Over a base, the min/max checks see the merged values: a minimum above the base's
    maximum is refused at $; without a base, a minimum alone is fine."""
    with pytest.raises(InvalidPolicy) as info:
        Policy.from_dict({"name": "X", "span_min_days": 200}, base=STAFF)
    ((path, message),) = info.value.errors
    assert (path, message.en) == ("$", "span_min_days is above span_max_days")
    assert Policy.from_dict({"name": "X", "span_min_days": 200}).span_min_days == 200


def test_the_command_line_names_presets_and_files(tmp_path):
    """--policy staff (any case) is the preset; a path is a file, read as it states."""
    assert policy_from("staff") is STAFF
    assert policy_from("STAFF") is STAFF
    assert policy_from(None) is None
    file = tmp_path / "x.toml"
    file.write_text('name = "X"\n', encoding="utf-8")
    assert policy_from(str(file)) == Policy(name="X")


def test_a_charter_cites_itself_not_the_staff_brochure():
    """Found in review: every POL finding and charter deadline cited "Charte STAFF", whatever
    the charter; each now cites the charter in use (STAFF still cites its brochure)."""
    short = with_session(example_bilan("cpf"), "s07", minutes=59)
    cabinet = attrs.evolve(STAFF, name="Cabinet X")
    (violation,) = [
        v
        for v in bc.validate(short, on=EXAMPLE_ON, policy=cabinet).violations
        if v.rule_id == "POL-DURATION-RANGE"
    ]
    assert violation.message.en.endswith("(Charte Cabinet X)")
    assert violation.references[0] == cabinet.reference
    assert STAFF.reference == bc.LegalReference(
        text="Charte du prestataire (brochure STAFF, Carquefou)", short="Charte STAFF"
    )
    deadlines = bc.timeline(example_bilan("cpf"), on=EXAMPLE_ON, policy=cabinet)
    assert {d.references for d in deadlines if d.rule_id.startswith("POL-")} == {
        (cabinet.reference,)
    }
