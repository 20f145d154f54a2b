"""The domain model: public names, frozen classes, hidden free text, derived values, invariants."""

from __future__ import annotations

import enum
import inspect
from decimal import Decimal

import attrs
import pendulum
import pytest
from hypothesis import given, settings

import bilan_core as bc
from bilan_core.strategies import bilans

EXPORTED = [
    "EXAMPLE_ON",
    "FORMAT",
    "LHEO_NAMESPACE",
    "OFFER_FORMAT",
    "SECTIONS",
    "Agreement",
    "AgreementKind",
    "Audience",
    "Beneficiary",
    "BeneficiaryStatus",
    "Bilan",
    "BilanError",
    "Confidence",
    "Consent",
    "ConsentError",
    "Consultant",
    "ConsultantRole",
    "Convention",
    "ConventionItem",
    "CpfFunding",
    "Deadline",
    "DeadlineStatus",
    "Decision",
    "Disclosure",
    "DisclosureNotAuthorised",
    "Document",
    "DocumentKind",
    "EmployerAnswer",
    "EmployerPlanFunding",
    "EmployerRequest",
    "Event",
    "EventOption",
    "FollowUp",
    "Funding",
    "Inquiry",
    "InvalidPolicy",
    "InvalidValue",
    "JobSeekerFunding",
    "JobSeekerNetwork",
    "LeaveAnswer",
    "LegalReference",
    "Modality",
    "Offer",
    "ParticipationExemption",
    "Payer",
    "Phase",
    "PhaseTransitionError",
    "Policy",
    "Provider",
    "PublicFunder",
    "PublicLeaveFunding",
    "PublicService",
    "Qualiopi",
    "QualiopiCategory",
    "RecipientKind",
    "ReclassificationLeaveFunding",
    "Report",
    "Rule",
    "RuleViolationError",
    "SelfFunding",
    "SerializationError",
    "Session",
    "SessionKind",
    "SessionStatus",
    "Severity",
    "Site",
    "SynthesisSections",
    "Text",
    "TimeRange",
    "Timeline",
    "UnknownRule",
    "Violation",
    "__version__",
    "advance",
    "calendar",
    "can_disclose",
    "catalogue",
    "check_offer",
    "destroy_documents",
    "destruction_date",
    "disclose",
    "dump",
    "dump_offer",
    "dumps",
    "dumps_offer",
    "example_bilan",
    "example_offer",
    "give_agreement",
    "json_schema",
    "load",
    "load_offer",
    "load_policy",
    "make_converter",
    "next_events",
    "offer_json_schema",
    "policies",
    "replay",
    "revoke_agreement",
    "rule",
    "rules",
    "timeline",
    "to_lheo",
    "validate",
    "view",
]


def test_public_names_are_pinned() -> None:
    """bilan_core.__all__ is exactly the documented public API (update on purpose only)."""
    assert bc.__all__ == EXPORTED
    assert all(hasattr(bc, name) for name in bc.__all__)


def _exported_classes() -> list[type]:
    return [
        obj
        for name in bc.__all__
        if inspect.isclass(obj := getattr(bc, name))
        and not issubclass(obj, (enum.Enum, BaseException))
    ]


@pytest.mark.parametrize("cls", _exported_classes(), ids=lambda c: c.__name__)
def test_exported_classes_are_frozen_attrs(cls: type) -> None:
    """Every exported class (not an enum nor an exception) is a frozen attrs class."""
    assert attrs.has(cls)
    # attrs installs this setattr on frozen classes (and on nothing else).
    assert cls.__setattr__.__name__ == "_frozen_setattrs"


def test_bilan_setattr_raises() -> None:
    """Assigning to a field of a bilan or of its parts raises FrozenInstanceError."""
    bilan = bc.example_bilan()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        bilan.phase = bc.Phase.CLOSED  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        bilan.sessions[0].minutes = 1  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        bilan.provider.name = "X"  # type: ignore[misc]


def test_bilans_are_hashable() -> None:
    """Equal bilans hash equal (they can be set members and dict keys)."""
    assert len({bc.example_bilan("cpf"), bc.example_bilan("cpf")}) == 1


# -- confidentiality ---------------------------------------------------------------------------

MARKER = "SECRET-MARKER-burnout-Dupont"


def _with_marker(bilan: bc.Bilan) -> bc.Bilan:
    documents = tuple(
        attrs.evolve(
            d,
            text=MARKER if d.kind is not bc.DocumentKind.SYNTHESIS else None,
            synthesis=bc.SynthesisSections(
                circumstances=MARKER, conduct=MARKER, prospects=MARKER, action_plan=MARKER
            )
            if d.kind is bc.DocumentKind.SYNTHESIS
            else None,
        )
        for d in bilan.documents
        if not d.is_destroyed
    )
    history = (
        *bilan.history,
        bc.Event(name="agree", at=pendulum.now("UTC"), facts={"remark": MARKER}),
    )
    return attrs.evolve(bilan, documents=documents, history=history)


def test_repr_and_str_hide_free_text() -> None:
    """repr() and str() of a bilan never show synthesis sections, document text or facts."""
    bilan = _with_marker(bc.example_bilan("cpf"))
    assert MARKER in bc.dumps(bilan).decode()  # the text is there...
    for shown in (repr(bilan), str(bilan), repr(bilan.documents), repr(bilan.history)):
        assert MARKER not in shown  # ...but never displayed


@settings(deadline=None)
@given(bilans())
def test_repr_hides_free_text_of_generated_bilans(bilan: bc.Bilan) -> None:
    """Generated bilans carry synthesis text once completed; repr never shows it."""
    marked = _with_marker(bilan)
    assert MARKER not in repr(marked)
    assert MARKER not in str(marked)


def test_synthesis_sections_repr_counts_only() -> None:
    """SynthesisSections' repr says how many sections are filled, nothing more."""
    sections = bc.SynthesisSections(circumstances=MARKER, conduct="x")
    assert repr(sections) == "SynthesisSections(<2 of 4 sections filled, content hidden>)"


# -- derived values ------------------------------------------------------------------------------


def test_derived_minutes_of_the_example() -> None:
    """The CPF example: 20 h in all, 16 h of accompaniment, 4 h of personal work."""
    bilan = bc.example_bilan("cpf")
    assert bilan.total_minutes == 20 * 60
    assert bilan.accompaniment_minutes == 16 * 60
    assert bilan.personal_work_minutes == 4 * 60
    assert bilan.minutes_by_phase == {
        bc.Phase.PRELIMINARY: 240,
        bc.Phase.INVESTIGATION: 720,
        bc.Phase.CONCLUSION: 240,
    }
    assert bilan.total_hours == 20.0


def test_first_and_last_session_ignore_follow_up_and_cancelled() -> None:
    """First/last session are of the three phases; the follow-up and cancelled ones don't count."""
    bilan = bc.example_bilan("cpf")
    assert bilan.first_session is not None
    assert bilan.last_session is not None
    assert (bilan.first_session.id, bilan.last_session.id) == ("s01", "s09")
    cancelled = attrs.evolve(bilan.sessions[0], status=bc.SessionStatus.CANCELLED)
    changed = attrs.evolve(bilan, sessions=(cancelled, *bilan.sessions[1:]))
    assert changed.first_session is not None
    assert changed.first_session.id == "s02"
    assert changed.total_minutes == bilan.total_minutes - 120
    assert changed.end_date == pendulum.date(2026, 5, 19)


def test_no_sessions_no_first_session() -> None:
    """A bilan without sessions has no first or last session and zero minutes."""
    bilan = attrs.evolve(bc.example_bilan("job_seeker"), sessions=(), consent=None)
    assert bilan.first_session is None
    assert bilan.last_session is None
    assert bilan.total_minutes == 0
    assert bilan.reference_date is None
    assert bilan.end_date is None


@pytest.mark.parametrize(
    ("funding", "change", "expected"),
    [
        ("cpf", {}, pendulum.date(2026, 3, 2)),
        ("employer_plan", {}, pendulum.date(2026, 2, 25)),
        (
            "job_seeker",
            {"consent": bc.Consent(given_at=pendulum.datetime(2026, 1, 5, 23, 30, tz="UTC"))},
            pendulum.date(2026, 1, 6),
        ),
        ("job_seeker", {"consent": None}, pendulum.date(2026, 3, 16)),
    ],
    ids=["cpf-purchase-date", "consent-day", "consent-paris-day", "first-session-day"],
)
def test_reference_date(funding: str, change: dict[str, object], expected: pendulum.Date) -> None:
    """The reference date: CPF purchase date, else the Paris day of consent, else the first session."""
    bilan = attrs.evolve(bc.example_bilan(funding), **change)
    assert bilan.reference_date == expected


def test_cpf_reference_date_is_purchase_even_with_consent() -> None:
    """For CPF the purchase date wins over the consent day."""
    bilan = bc.example_bilan("cpf")
    funding = attrs.evolve(bilan.funding, purchase_date=pendulum.date(2026, 2, 1))
    assert attrs.evolve(bilan, funding=funding).reference_date == pendulum.date(2026, 2, 1)


def test_session_accompaniment() -> None:
    """Personal work and tests taken alone are not accompaniment; a test with the consultant is."""
    sessions = {s.id: s for s in bc.example_bilan().sessions}
    assert sessions["s03"].is_accompaniment
    assert not sessions["s04"].is_accompaniment
    assert not sessions["s06"].is_accompaniment
    assert sessions["s01"].end - sessions["s01"].start == pendulum.duration(minutes=120)


# -- invariants ----------------------------------------------------------------------------------

_AWARE = pendulum.datetime(2026, 3, 2, 10, tz="Europe/Paris")


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: bc.Provider(name="X", siret="78288205400012"), "siret"),
        (lambda: bc.Provider(name="X", siret="7828820540001"), "siret"),
        (lambda: bc.Provider(name="X", siret="78288205400011", nda="123"), "nda"),
        (
            lambda: bc.Beneficiary(
                id="b1",
                status=bc.BeneficiaryStatus.PRIVATE_EMPLOYEE,
                employer_siret="12345678901234",
            ),
            "employer_siret",
        ),
        (lambda: bc.Beneficiary(id="Jean Dupont", status=bc.BeneficiaryStatus.OTHER), "id"),
        (
            lambda: bc.Beneficiary(
                id="b1", status=bc.BeneficiaryStatus.OTHER, public_service=bc.PublicService.STATE
            ),
            "public_service",
        ),
        (lambda: bc.Consent(given_at=pendulum.naive(2026, 3, 2, 10)), None),
        (lambda: bc.Consent(given_at=_AWARE, withdrawn_at=_AWARE.subtract(days=1)), "withdrawn_at"),
        (
            lambda: bc.CpfFunding(
                on_working_time=False,
                purchase_date=pendulum.date(2026, 3, 2),
                price=1590.0,
                cpf_amount=Decimal("1486.80"),
            ),
            None,
        ),
        (
            lambda: bc.CpfFunding(
                on_working_time=False,
                purchase_date=pendulum.date(2026, 3, 2),
                price=Decimal("1.001"),
                cpf_amount=Decimal(0),
            ),
            None,
        ),
        (
            lambda: bc.CpfFunding(
                on_working_time=False,
                purchase_date=pendulum.date(2026, 3, 2),
                price=Decimal(-1),
                cpf_amount=Decimal(0),
            ),
            None,
        ),
        (
            lambda: bc.CpfFunding(
                on_working_time=False, purchase_date=_AWARE, price=Decimal(1), cpf_amount=Decimal(0)
            ),
            None,
        ),
        (
            lambda: bc.Session(
                id="s1",
                start=pendulum.naive(2026, 3, 2, 10),
                minutes=60,
                phase=bc.Phase.PRELIMINARY,
            ),
            None,
        ),
        (
            lambda: bc.Session(id="s1", start=_AWARE, minutes=0, phase=bc.Phase.PRELIMINARY),
            "minutes",
        ),
        (
            lambda: bc.Session(id="s1", start=_AWARE, minutes=721, phase=bc.Phase.PRELIMINARY),
            "minutes",
        ),
        (lambda: bc.Session(id="s1", start=_AWARE, minutes=60, phase=bc.Phase.INQUIRY), "phase"),
        (
            lambda: bc.Session(
                id="s1",
                start=_AWARE,
                minutes=60,
                phase=bc.Phase.PRELIMINARY,
                kind=bc.SessionKind.PERSONAL_WORK,
                with_consultant=True,
            ),
            "with_consultant",
        ),
        (
            lambda: bc.Qualiopi(
                categories=[],
                valid_from=pendulum.date(2026, 1, 1),
                valid_until=pendulum.date(2025, 1, 1),
            ),
            "valid_until",
        ),
        (
            lambda: bc.Document(
                id="d1",
                kind=bc.DocumentKind.WORKING,
                created_on=pendulum.date(2026, 1, 1),
                synthesis=bc.SynthesisSections(),
            ),
            "synthesis",
        ),
        (lambda: bc.Event(name="agree", at=_AWARE, facts={"amount": 1.5}), None),
    ],
    ids=[
        "siret-key",
        "siret-length",
        "nda-digits",
        "employer-siret-key",
        "id-with-space",
        "public-service-non-agent",
        "naive-consent",
        "withdrawn-before-given",
        "float-money",
        "three-places",
        "negative-money",
        "datetime-for-date",
        "naive-session-start",
        "zero-minutes",
        "too-long-session",
        "inquiry-session",
        "personal-work-with-consultant",
        "qualiopi-interval",
        "synthesis-on-working-doc",
        "float-fact",
    ],
)
def test_invariants_raise_invalid_value(build: object, field: str | None) -> None:
    """An object breaking its own invariants raises InvalidValue (a ValueError) naming the field."""
    with pytest.raises(bc.InvalidValue) as info:
        build()  # type: ignore[operator]
    assert isinstance(info.value, ValueError)
    if field is not None:
        assert info.value.field == field


def test_instants_stored_in_utc() -> None:
    """An aware instant in any offset is stored as the same instant in UTC."""
    consent = bc.Consent(given_at=_AWARE)
    assert consent.given_at.utcoffset() == pendulum.duration(0)
    assert consent.given_at == _AWARE


def test_duplicate_session_ids_rejected() -> None:
    """Session ids are unique within a bilan."""
    bilan = bc.example_bilan()
    with pytest.raises(bc.InvalidValue):
        attrs.evolve(bilan, sessions=(bilan.sessions[0], bilan.sessions[0]))
