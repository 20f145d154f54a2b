"""The law, second reading: withdrawn bilans, the CEP operator, the 2026 texts, Qualiopi.

One case table per point of the review, at its limits, asserting the rule ids, severities and
references of what ``validate`` reports.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pendulum
import pytest

import bilan_core as bc
from bilan_core import references as ref
from bilan_core.confidentiality import can_disclose, destroy_documents, destruction_date
from bilan_core.disclosures import Agreement, AgreementKind, Disclosure, RecipientKind
from bilan_core.history import Event
from bilan_core.policies import STAFF
from bilan_core.provider import Qualiopi, QualiopiCategory
from bilan_core.sessions import SessionStatus

ON = pendulum.date(2026, 9, 1)
ERROR, WARNING, INFO = bc.Severity.ERROR, bc.Severity.WARNING, bc.Severity.INFO


def _paris(month: int, day: int, hour: int, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(2026, month, day, hour, minute, tz="Europe/Paris")


def _found(report: bc.Report) -> list[tuple[str, str, tuple[bc.LegalReference, ...]]]:
    return sorted((v.rule_id, v.severity.value, v.references) for v in report.violations)


# -- 1. a withdrawn bilan ---------------------------------------------------------------------

# The CPF example: its last held session before 24 April is s06, on 21 April 14:00-16:00 Paris.
LAST_HELD_END = _paris(4, 21, 16)


def withdrawn(
    at: pendulum.DateTime,
    *,
    route: str = "cpf",
    destroy_on: pendulum.Date | None = None,
    held_after: bool = False,
) -> bc.Bilan:
    """The example bilan stopped at ``at``: consent withdrawn, the sessions after it
    cancelled (or, with ``held_after``, one of them held anyway), the phase ``abandoned``, the
    documents made so far destroyed on ``destroy_on`` (the withdrawal day by default)."""
    bilan = bc.example_bilan(route)
    sessions = []
    for session in bilan.sessions:
        late = session.start >= at
        if late and not (held_after and session.id == "s06"):
            session = attrs.evolve(session, status=SessionStatus.CANCELLED)  # noqa: PLW2901
        sessions.append(session)
    documents = tuple(_as_it_stood(d, at) for d in bilan.documents if d.created_on < at.date())
    stopped = attrs.evolve(
        bilan,
        sessions=tuple(sessions),
        history=(*(e for e in bilan.history if e.at < at), Event(name="abandon", at=at)),
        phase=bc.Phase.ABANDONED,
        documents=documents,
        consent=attrs.evolve(bilan.consent, withdrawn_at=at),
        follow_up=bc.FollowUp(),
    )
    day = destroy_on if destroy_on is not None else bc.calendar.local_date(at)
    return destroy_documents(stopped, day)


def _as_it_stood(document: bc.Document, at: pendulum.DateTime) -> bc.Document:
    """The document before ``at``: not destroyed, not yet signed, presented or delivered."""
    changes: dict[str, Any] = {"destroyed_on": None}
    for name in ("signed_at", "presented_at", "delivered_at"):
        when = getattr(document, name)
        if when is not None and when >= at:
            changes[name] = None
    return attrs.evolve(document, **changes)


WITHDRAWAL_CASES = [
    pytest.param(
        withdrawn(_paris(4, 20, 18), held_after=True),
        [("BC-CONSENT-WITHDRAWN", "error", (ref.L6313_4,))],
        id="before-the-last-held-session",
    ),
    pytest.param(withdrawn(_paris(4, 21, 18)), [], id="on-the-day-of-the-last-held-session"),
    pytest.param(withdrawn(_paris(4, 24, 10)), [], id="three-days-after-the-last-held-session"),
    pytest.param(withdrawn(_paris(4, 24, 10), route="self_funded"), [], id="self-funded-after"),
    pytest.param(
        withdrawn(_paris(4, 24, 10), destroy_on=pendulum.date(2026, 4, 27)),
        [
            ("BC-DOCUMENT-RETENTION", "warning", (ref.R6313_7, ref.DECRET_2023_1350)),
            ("BC-DOCUMENT-RETENTION", "warning", (ref.R6313_7, ref.DECRET_2023_1350)),
        ],
        id="documents-destroyed-three-days-after-the-withdrawal",
    ),
]


@pytest.mark.parametrize(("bilan", "expected"), WITHDRAWAL_CASES)
@pytest.mark.parametrize("policy", [None, STAFF], ids=["law", "staff"])
def test_a_withdrawal_is_never_a_fault(
    bilan: bc.Bilan, expected: list[Any], policy: bc.Policy | None
) -> None:
    """Withdrawing ends the action: nothing about a bilan carried to its end applies, and
    documents are due for destruction from the withdrawal day (L6313-4 al. 2, R6313-7)."""
    assert _found(bc.validate(bilan, on=ON, policy=policy)) == sorted(expected)


def test_the_action_ends_on_the_withdrawal() -> None:
    """Retention counts from the withdrawal, not from the last held session."""
    bilan = withdrawn(_paris(4, 24, 10), destroy_on=pendulum.date(2026, 4, 27))
    assert bc.facts.end_of_action(bilan) == pendulum.date(2026, 4, 24)
    assert LAST_HELD_END.date() == pendulum.date(2026, 4, 21)
    engagement = bilan.document("d-engagement")
    assert engagement is not None
    assert destruction_date(bilan, engagement, ON) == pendulum.date(2026, 4, 24)


def test_a_completed_bilan_keeps_its_end_when_consent_is_withdrawn_later() -> None:
    """A withdrawal after the synthesis was delivered stops only the follow-up: the action
    ended at the last session, and the rules of a completed bilan still apply."""
    bilan = bc.example_bilan("cpf")
    later = attrs.evolve(bilan, consent=attrs.evolve(bilan.consent, withdrawn_at=_paris(6, 1, 9)))
    assert bc.facts.end_of_action(later) == bc.facts.end_of_action(bilan)
    assert not bc.facts.stopped_early(later)


def test_a_withdrawn_bilan_breaks_no_rule_in_any_phase() -> None:
    """Stopped in each phase, on every route, law and charter: no violation at all."""
    stops = [_paris(3, 20, 10), _paris(4, 24, 10), _paris(5, 14, 12)]
    for route in bc.samples.EXAMPLE_FUNDINGS:
        for at in stops:
            bilan = withdrawn(at, route=route)
            for policy in (None, STAFF):
                report = bc.validate(bilan, on=ON, policy=policy)
                assert [v.rule_id for v in report.violations] == [], (route, at)


# -- 2. the CEP operator ---------------------------------------------------------------------

CPF = bc.example_bilan("cpf")
SENT = _paris(6, 2, 10)


def _cep(kind: str | None) -> bc.Bilan:
    """The synthesis sent to the CEP operator, on the beneficiary's ``kind`` or nothing."""
    agreements = ()
    if kind is not None:
        agreements = (
            Agreement(
                id="a-cep",
                kind=AgreementKind(kind),
                recipient=RecipientKind.CEP_OPERATOR,
                document_ids=("d-synthesis",),
                given_at=SENT.subtract(days=1),
            ),
        )
    disclosure = Disclosure(
        recipient=RecipientKind.CEP_OPERATOR,
        document_ids=("d-synthesis",),
        at=SENT,
        agreement_id="a-cep" if kind is not None else None,
    )
    return attrs.evolve(CPF, agreements=agreements, disclosures=(disclosure,))


CEP_REFERENCES = (ref.L6313_4, ref.CPEN_226_13, ref.L6111_6, ref.ARRETE_2009_07_31)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        pytest.param("agreement", [], id="by-agreement"),
        pytest.param("request", [], id="by-request"),
        pytest.param(None, [("BC-DISCLOSURE-CONSENT", "error", CEP_REFERENCES)], id="by-neither"),
    ],
)
def test_the_cep_operator_by_agreement_or_request(kind: str | None, expected: list[Any]) -> None:
    """L6313-4 al. 3: anyone with the beneficiary's agreement; the CEP operator also at their
    request (a route added to the general one)."""
    report = bc.validate(_cep(kind), on=ON, only={"BC-DISCLOSURE-CONSENT"})
    assert _found(report) == expected


@pytest.mark.parametrize("kind", ["agreement", "request"])
def test_the_decision_cites_the_cep_article(kind: str) -> None:
    decision = can_disclose(_cep(kind), "d-synthesis", "cep_operator", SENT)
    assert decision.allowed
    assert decision.rule_id == "BC-DISCLOSURE-CONSENT"
    assert decision.references == (ref.L6313_4, ref.L6111_6)
    assert decision.agreement_ids == ("a-cep",)


def test_the_cep_refusal_names_both_routes() -> None:
    decision = can_disclose(_cep(None), "d-synthesis", "cep_operator", SENT)
    assert not decision.allowed
    assert "request or with their agreement" in decision.reason.en
    assert "à la demande ou avec l'accord" in decision.reason.fr


# -- 4. the 2026 texts ------------------------------------------------------------------------


def _bought(day: pendulum.Date, **changes: Any) -> bc.Bilan:
    funding = CPF.funding
    assert isinstance(funding, bc.CpfFunding)
    participation = Decimal("103.20") if day >= pendulum.date(2026, 1, 1) else Decimal("102.23")
    cpf = changes.pop("cpf_amount", funding.cpf_amount)
    return attrs.evolve(
        CPF,
        funding=attrs.evolve(
            funding,
            purchase_date=day,
            participation=participation,
            cpf_amount=cpf,
            price=cpf + participation,
            **changes,
        ),
    )


BEFORE, FROM = pendulum.date(2026, 2, 25), pendulum.date(2026, 2, 26)
CAP = (ref.D6323_1_A, ref.L6323_6, ref.LFI_2026_ART_203, ref.DECRET_2026_127)
HOURS = (ref.D6323_6_AL3, ref.DECRET_2026_126)
WAIT = (ref.D6323_6_AL4, ref.DECRET_2026_126)

TEXT_CASES = [
    pytest.param(_bought(BEFORE, cpf_amount=Decimal("1600.01")), [], id="cap-the-day-before"),
    pytest.param(_bought(FROM, cpf_amount=Decimal("1600.00")), [], id="cap-1600-00"),
    pytest.param(
        _bought(FROM, cpf_amount=Decimal("1600.01")),
        [("BC-CPF-CAP", "error", CAP)],
        id="cap-1600-01-from-the-day",
    ),
    pytest.param(_bought(BEFORE, funded_minutes=961), [], id="hours-the-day-before"),
    pytest.param(_bought(FROM, funded_minutes=960), [], id="hours-all-accompaniment"),
    pytest.param(
        _bought(FROM, funded_minutes=961),
        [("BC-CPF-ACCOMPANIMENT-ONLY", "error", HOURS)],
        id="hours-one-minute-of-personal-work-paid",
    ),
    pytest.param(
        attrs.evolve(
            _bought(FROM),
            beneficiary=attrs.evolve(
                CPF.beneficiary, earlier_funded_bilans=(pendulum.date(2021, 2, 26),)
            ),
        ),
        [("BC-CPF-WAITING-PERIOD", "error", WAIT)],
        id="wait-five-years-to-the-day",
    ),
    pytest.param(
        attrs.evolve(
            _bought(FROM),
            beneficiary=attrs.evolve(
                CPF.beneficiary, earlier_funded_bilans=(pendulum.date(2021, 2, 25),)
            ),
        ),
        [],
        id="wait-five-years-and-a-day",
    ),
]


@pytest.mark.parametrize(("bilan", "expected"), TEXT_CASES)
def test_the_2026_cpf_texts(bilan: bc.Bilan, expected: list[Any]) -> None:
    """D6323-1 A 2° (cap) and D6323-6 al. 3 and 4 (hours, waiting period), read in force from
    2026-02-26 by purchase date; the accompaniment-only rule is an error since it was read."""
    family = {"BC-CPF-CAP", "BC-CPF-ACCOMPANIMENT-ONLY", "BC-CPF-WAITING-PERIOD"}
    assert _found(bc.validate(bilan, on=ON, only=family)) == expected


@pytest.mark.parametrize(
    ("rule_id", "article", "legiarti"),
    [
        ("BC-CPF-CAP", "D6323-1 A", "LEGIARTI000053569786"),
        ("BC-CPF-ACCOMPANIMENT-ONLY", "D6323-6 al. 3", "LEGIARTI000053572443"),
        ("BC-CPF-WAITING-PERIOD", "D6323-6 al. 4", "LEGIARTI000053572443"),
    ],
)
def test_the_read_texts_are_official_and_linked(rule_id: str, article: str, legiarti: str) -> None:
    rule = bc.rule(rule_id)
    assert rule.confidence is bc.Confidence.OFFICIAL
    assert rule.severity is ERROR
    assert rule.in_force_from == FROM
    assert rule.references[0].article == article
    assert rule.references[0].link is not None
    assert rule.references[0].link.endswith(legiarti)


def test_the_minimum_duration_stays_an_unverified_warning() -> None:
    """R6313-4 has one version in the export read (no 13 h): the rule stays a warning, and its
    notes and message say the scope is uncertain."""
    rule = bc.rule("BC-DURATION-MIN")
    assert (rule.severity, rule.confidence) == (WARNING, bc.Confidence.UNVERIFIED)
    assert rule.confidence_note is not None
    assert "LEGIARTI000038014107" in rule.confidence_note.en
    assert rule.notes is not None
    assert "Scope uncertain" in rule.notes.en


# -- 6. a Qualiopi certificate that lapses before the first session ---------------------------


def _certified(until: pendulum.Date) -> bc.Bilan:
    certificate = Qualiopi(
        categories={QualiopiCategory.BILAN_DE_COMPETENCES},
        valid_from=pendulum.date(2023, 1, 1),
        valid_until=until,
    )
    return attrs.evolve(CPF, provider=attrs.evolve(CPF.provider, qualiopi=certificate))


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        pytest.param(pendulum.date(2026, 3, 1), [("BC-PROVIDER-QUALIOPI", "error")], id="lapsed"),
        pytest.param(pendulum.date(2026, 3, 2), [("BC-PROVIDER-QUALIOPI", "warning")], id="day"),
        pytest.param(pendulum.date(2026, 3, 15), [("BC-PROVIDER-QUALIOPI", "warning")], id="eve"),
        pytest.param(pendulum.date(2026, 3, 16), [], id="first-session-day"),
    ],
)
def test_qualiopi_judged_at_the_purchase_and_the_first_session(
    until: pendulum.Date, expected: list[Any]
) -> None:
    """Valid on the purchase day (2026-03-02) but lapsed by the first session (2026-03-16): a
    warning, since the text does not say on which day certification is judged."""
    report = bc.validate(_certified(until), on=ON, only={"BC-PROVIDER-QUALIOPI"})
    assert [(v.rule_id, v.severity.value) for v in report.violations] == expected
    for violation in report.violations:
        assert violation.references[0] == ref.L6316_1


# -- 3. the 13 h minimum's scope, as a reading ------------------------------------------------


def _short(route: str) -> bc.Bilan:
    """The example of ``route`` cut to its first three sessions: under 13 h of accompaniment."""
    bilan = bc.example_bilan(route)
    return attrs.evolve(bilan, sessions=bilan.sessions[:3])


MINIMUM = (ref.DECRET_NOR_TRSD2602696D, ref.R6313_4)


@pytest.mark.parametrize(
    ("route", "reading", "expected"),
    [
        pytest.param("self_funded", None, [("BC-DURATION-MIN", "warning", MINIMUM)], id="self-all"),
        pytest.param(
            "self_funded", "all", [("BC-DURATION-MIN", "warning", MINIMUM)], id="self-all-named"
        ),
        pytest.param("self_funded", "funded", [], id="self-funded-reading"),
        pytest.param(
            "cpf", "funded", [("BC-DURATION-MIN", "warning", MINIMUM)], id="cpf-funded-reading"
        ),
        pytest.param("employer_plan", "funded", [], id="employer-own-funds-funded-reading"),
    ],
)
def test_the_minimum_duration_reading(route: str, reading: str | None, expected: list[Any]) -> None:
    """By default every bilan; with the reading "funded", only public or mutualised funds."""
    readings = {"BC-DURATION-MIN": reading} if reading is not None else None
    report = bc.validate(_short(route), on=ON, only={"BC-DURATION-MIN"}, readings=readings)
    assert _found(report) == expected
    for violation in report.violations:
        assert "scope uncertain" in violation.message.en
        assert "portée incertaine" in violation.message.fr


@pytest.mark.parametrize(
    ("readings", "error"),
    [
        ({"BC-DURATION-MIN": "public"}, bc.InvalidValue),
        ({"BC-DURATION-MAX": "all"}, bc.InvalidValue),
        ({"BC-NOPE": "all"}, bc.UnknownRule),
        ("BC-DURATION-MIN=funded", TypeError),
    ],
)
def test_a_reading_must_exist(readings: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        bc.validate(CPF, on=ON, readings=readings)


def test_the_command_line_takes_a_reading(
    capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    from bilan_core.cli import main

    plan = tmp_path / "plan.json"
    plan.write_bytes(bc.dumps(_short("self_funded")))
    argv = ["validate", str(plan), "--on", "2026-09-01", "--format", "json"]
    main(argv)
    found = capsys.readouterr().out
    main([*argv, "--reading", "BC-DURATION-MIN=funded"])
    assert "BC-DURATION-MIN" in found
    assert "BC-DURATION-MIN" not in capsys.readouterr().out
    assert main([*argv, "--reading", "BC-DURATION-MIN=public"]) == 2
