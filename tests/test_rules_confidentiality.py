"""Section 7 of the catalogue: confidentiality and retention rules, with their exact limits."""

from __future__ import annotations

import datetime as dt

import attrs
import pendulum
import pytest

import bilan_core as bc
from bilan_core import references as ref
from bilan_core.samples import STAFF_PROVIDER

ON = bc.EXAMPLE_ON
RETENTION = "BC-DOCUMENT-RETENTION"
RESULTS = "BC-RESULTS-TO-BENEFICIARY"
CONSENT = "BC-DISCLOSURE-CONSENT"
MINIMISATION = "BC-DATA-MINIMISATION"


def _found(bilan: bc.Bilan, rule_id: str, on: dt.date = ON) -> list[bc.Violation]:
    return [v for v in bc.validate(bilan, on=on).violations if v.rule_id == rule_id]


def _bilan_ending(end: dt.date, *documents: bc.Document) -> bc.Bilan:
    """A self-funded bilan whose only session (conclusion) ends on ``end`` (Paris)."""
    start = pendulum.datetime(end.year, end.month, end.day, 9, 30, tz="Europe/Paris")
    return bc.Bilan(
        id="retention-case",
        beneficiary=bc.Beneficiary(id="b-1", status=bc.BeneficiaryStatus.SELF_EMPLOYED),
        provider=STAFF_PROVIDER,
        funding=bc.SelfFunding(),
        phase=bc.Phase.COMPLETED,
        consent=bc.Consent(given_at=start.subtract(days=30)),
        sessions=(
            bc.Session(
                id="s1",
                start=start,
                minutes=120,
                phase=bc.Phase.CONCLUSION,
                status=bc.SessionStatus.HELD,
            ),
        ),
        documents=documents,
    )


def _doc(
    kind: str,
    *,
    destroyed_on: dt.date | None = None,
    kept: bool = False,
) -> bc.Document:
    content = {}
    if destroyed_on is None:
        if kind == "synthesis":
            content["synthesis"] = bc.SynthesisSections(circumstances="x")
        else:
            content["text"] = "x"
    return bc.Document(
        id="d-1",
        kind=bc.DocumentKind(kind),
        created_on=pendulum.date(2019, 1, 1),
        kept_with_consent_on=pendulum.date(2019, 1, 2) if kept else None,
        destroyed_on=destroyed_on,
        **content,
    )


D = pendulum.date

# (end of the action, document, evaluation date, expected severity or None)
RETENTION_CASES = [
    # The synthesis, under the 2019 text: at most 1 year.
    (D(2022, 3, 1), _doc("synthesis"), D(2023, 3, 1), None),
    (D(2022, 3, 1), _doc("synthesis"), D(2023, 3, 2), "error"),
    (D(2022, 3, 1), _doc("synthesis", destroyed_on=D(2023, 3, 2)), D(2026, 1, 1), None),
    (D(2022, 3, 1), _doc("synthesis", destroyed_on=D(2023, 3, 3)), D(2026, 1, 1), "error"),
    (D(2022, 3, 1), _doc("working", kept=True), D(2023, 3, 2), "error"),
    (D(2022, 3, 1), _doc("working", kept=True), D(2023, 3, 1), None),
    # Both sides of 2023-12-31: the first day past 1 year falls on 2023-12-30 or 2023-12-31.
    (D(2022, 12, 29), _doc("synthesis"), D(2024, 1, 1), "error"),
    (D(2022, 12, 30), _doc("synthesis"), D(2024, 1, 1), None),
    # Held past 1 year before 2023-12-31 stays an error when judged later.
    (D(2022, 6, 1), _doc("synthesis"), D(2024, 1, 15), "error"),
    # Since 2023-12-31: at most 3 years.
    (D(2023, 6, 1), _doc("synthesis"), D(2024, 6, 2), None),
    (D(2023, 6, 1), _doc("synthesis"), D(2026, 6, 1), None),
    (D(2023, 6, 1), _doc("synthesis"), D(2026, 6, 2), "error"),
    (D(2024, 3, 1), _doc("detailed_results", kept=True), D(2027, 3, 1), None),
    (D(2024, 3, 1), _doc("detailed_results", kept=True), D(2027, 3, 2), "error"),
    # Ordinary documents before 2023-12-31: destroyed at the end of the action.
    (D(2023, 6, 1), _doc("working", destroyed_on=D(2023, 6, 2)), D(2024, 6, 1), None),
    (D(2023, 6, 1), _doc("working", destroyed_on=D(2023, 6, 3)), D(2024, 6, 1), "error"),
    (D(2023, 12, 29), _doc("working", destroyed_on=D(2023, 12, 31)), D(2024, 6, 1), "error"),
    # ... since 2023-12-31: a warning within 3 years, an error beyond.
    (D(2023, 12, 30), _doc("working", destroyed_on=D(2024, 1, 1)), D(2024, 6, 1), "warning"),
    (D(2024, 3, 1), _doc("working", destroyed_on=D(2024, 3, 2)), D(2024, 6, 1), None),
    (D(2024, 3, 1), _doc("working", destroyed_on=D(2024, 3, 3)), D(2024, 6, 1), "warning"),
    (D(2024, 3, 1), _doc("engagement"), D(2027, 3, 1), "warning"),
    (D(2024, 3, 1), _doc("engagement"), D(2027, 3, 2), "error"),
    (D(2024, 3, 1), _doc("detailed_results"), D(2024, 6, 1), "warning"),
    # Not yet due: judged on the last day of the action.
    (D(2026, 5, 19), _doc("working"), D(2026, 5, 19), None),
]
RETENTION_IDS = [
    "synthesis-1y-exactly",
    "synthesis-1y-plus-1-day",
    "synthesis-destroyed-day-after-1y",
    "synthesis-destroyed-2-days-after-1y",
    "kept-with-consent-1y-plus-1",
    "kept-with-consent-1y-exactly",
    "first-day-past-1y-on-2023-12-30",
    "first-day-past-1y-on-2023-12-31",
    "past-1y-in-2023-judged-in-2024",
    "synthesis-3y-text-past-1y",
    "synthesis-3y-exactly",
    "synthesis-3y-plus-1-day",
    "results-kept-3y-exactly",
    "results-kept-3y-plus-1-day",
    "working-destroyed-day-after-end-2023",
    "working-held-day-after-end-2023",
    "working-held-on-2023-12-30",
    "working-held-on-2023-12-31",
    "working-destroyed-day-after-end-2024",
    "working-held-day-after-end-2024",
    "engagement-3y-exactly",
    "engagement-3y-plus-1-day",
    "results-without-consent-held",
    "not-yet-due",
]


@pytest.mark.parametrize(("end", "document", "on", "expected"), RETENTION_CASES, ids=RETENTION_IDS)
def test_document_retention(
    end: dt.date, document: bc.Document, on: dt.date, expected: str | None
) -> None:
    """Each document is judged period by period of the retention parameter, at ``on``."""
    found = _found(_bilan_ending(end, document), RETENTION, on)
    assert [v.severity.value for v in found] == ([expected] if expected else [])
    for violation in found:
        assert violation.path == "$.documents[0].destroyed_on"
        assert violation.references == (ref.R6313_7, ref.DECRET_2023_1350)
        assert violation.message.fr.endswith("(C. trav., art. R6313-7)")
        assert "'d-1'" in violation.message.en


def test_retention_message_names_the_first_day_held_and_the_end() -> None:
    """The message gives the actual dates: first day held too long, end of the action."""
    bilan = _bilan_ending(D(2022, 3, 1), _doc("synthesis"))
    (violation,) = _found(bilan, RETENTION, D(2025, 1, 1))
    assert "02/03/2023" in violation.message.fr
    assert "01/03/2022" in violation.message.fr
    assert "2023-03-02" in violation.message.en


def test_retention_needs_an_end() -> None:
    """A bilan without sessions has no end of action: nothing is due."""
    bilan = attrs.evolve(_bilan_ending(D(2022, 3, 1), _doc("working")), sessions=())
    assert _found(bilan, RETENTION, D(2030, 1, 1)) == []


def test_examples_keep_their_documents_lawfully() -> None:
    """The examples destroy working documents at the end and keep the rest within 3 years."""
    for funding in bc.samples.EXAMPLE_FUNDINGS:
        assert _found(bc.example_bilan(funding), RETENTION) == []
        assert _found(bc.example_bilan(funding), RETENTION, D(2029, 5, 19)) == []
        late = _found(bc.example_bilan(funding), RETENTION, D(2029, 5, 20))
        assert [v.path for v in late] == [
            "$.documents[2].destroyed_on",
            "$.documents[3].destroyed_on",
        ]


# -- BC-RESULTS-TO-BENEFICIARY -------------------------------------------------------------


def _undelivered(bilan: bc.Bilan, kind: bc.DocumentKind) -> bc.Bilan:
    documents = tuple(
        attrs.evolve(d, delivered_at=None) if d.kind is kind else d for d in bilan.documents
    )
    return attrs.evolve(bilan, documents=documents)


EXAMPLE = bc.example_bilan("cpf")

RESULTS_CASES = [
    (EXAMPLE, 0),
    (_undelivered(EXAMPLE, bc.DocumentKind.SYNTHESIS), 1),
    (_undelivered(EXAMPLE, bc.DocumentKind.DETAILED_RESULTS), 1),
    (attrs.evolve(EXAMPLE, documents=()), 2),
    (attrs.evolve(EXAMPLE, documents=(), phase=bc.Phase.CLOSED), 2),
    (attrs.evolve(EXAMPLE, documents=(), phase=bc.Phase.FOLLOWED_UP), 2),
    (attrs.evolve(EXAMPLE, documents=(), phase=bc.Phase.CONCLUSION), 0),
    (attrs.evolve(EXAMPLE, documents=(), phase=bc.Phase.ABANDONED), 0),
]


@pytest.mark.parametrize(
    ("bilan", "count"),
    RESULTS_CASES,
    ids=[
        "delivered",
        "synthesis-not-delivered",
        "results-not-delivered",
        "no-documents",
        "closed-no-documents",
        "followed-up-no-documents",
        "in-conclusion-phase",
        "abandoned",
    ],
)
def test_results_to_beneficiary(bilan: bc.Bilan, count: int) -> None:
    """Once completed, a synthesis and the detailed results were delivered (L6313-4 al. 3)."""
    found = _found(bilan, RESULTS)
    assert len(found) == count
    for violation in found:
        assert violation.severity is bc.Severity.ERROR
        assert violation.path == "$.documents"
        assert violation.references == (ref.L6313_4,)
        assert violation.message.fr.endswith("(C. trav., art. L6313-4)")


# -- BC-DISCLOSURE-CONSENT -----------------------------------------------------------------

AT = pendulum.datetime(2026, 5, 25, 10, tz="Europe/Paris")


def _disclosed(bilan: bc.Bilan, recipient: str, *ids: str) -> bc.Bilan:
    record = bc.Disclosure(recipient=bc.RecipientKind(recipient), document_ids=ids, at=AT)
    return attrs.evolve(bilan, disclosures=(*bilan.disclosures, record))


def _agreed(bilan: bc.Bilan, kind: str, recipient: str, *ids: str, days: int = -1) -> bc.Bilan:
    agreement = bc.Agreement(
        id=f"a{len(bilan.agreements)}",
        kind=bc.AgreementKind(kind),
        recipient=bc.RecipientKind(recipient),
        document_ids=ids,
        given_at=AT.add(days=days),
    )
    return attrs.evolve(bilan, agreements=(*bilan.agreements, agreement))


STATE = attrs.evolve(
    bc.example_bilan("public_leave"),
    beneficiary=attrs.evolve(
        bc.example_bilan("public_leave").beneficiary, public_service=bc.PublicService.STATE
    ),
)

CONSENT_CASES = {
    "to-beneficiary": (_disclosed(EXAMPLE, "beneficiary", "d-synthesis"), 0),
    "employer-without-agreement": (_disclosed(EXAMPLE, "employer", "d-synthesis"), 1),
    "employer-with-agreement": (
        _disclosed(
            _agreed(EXAMPLE, "agreement", "employer", "d-synthesis"), "employer", "d-synthesis"
        ),
        0,
    ),
    "agreement-after-disclosure": (
        _disclosed(
            _agreed(EXAMPLE, "agreement", "employer", "d-synthesis", days=1),
            "employer",
            "d-synthesis",
        ),
        1,
    ),
    "cep-with-agreement": (
        _disclosed(
            _agreed(EXAMPLE, "agreement", "cep_operator", "d-synthesis"),
            "cep_operator",
            "d-synthesis",
        ),
        0,
    ),
    "cep-with-request": (
        _disclosed(
            _agreed(EXAMPLE, "request", "cep_operator", "d-synthesis"),
            "cep_operator",
            "d-synthesis",
        ),
        0,
    ),
    "state-agent-synthesis": (_disclosed(STATE, "administration", "d-synthesis"), 0),
    "territorial-agent-synthesis": (
        _disclosed(bc.example_bilan("public_leave"), "administration", "d-synthesis"),
        1,
    ),
    "destroyed-document": (_disclosed(EXAMPLE, "funder", "d-tests"), 1),
    "two-disclosures-one-bad": (
        _disclosed(_disclosed(EXAMPLE, "beneficiary", "d-results"), "other", "d-results"),
        1,
    ),
}


@pytest.mark.parametrize(("bilan", "count"), CONSENT_CASES.values(), ids=CONSENT_CASES.keys())
def test_disclosure_consent(bilan: bc.Bilan, count: int) -> None:
    """Every recorded disclosure was allowed at its own instant."""
    found = _found(bilan, CONSENT)
    assert len(found) == count
    for violation in found:
        assert violation.severity is bc.Severity.ERROR
        assert violation.path == f"$.disclosures[{len(bilan.disclosures) - 1}]"
        assert violation.references[:2] == (ref.L6313_4, ref.CPEN_226_13)
        assert violation.message.fr.startswith("transmission non autorisée")


# -- BC-DATA-MINIMISATION ------------------------------------------------------------------


def test_data_minimisation_reports_nothing_and_says_why() -> None:
    """The data cannot tell a necessary fact from an unnecessary one: the rule yields nothing,
    and its notes say the guarantee is structural."""
    rule = bc.rule(MINIMISATION)
    assert rule.severity is bc.Severity.ERROR
    assert rule.references == (ref.L6313_4,)
    assert rule.notes is not None
    assert "reports nothing" in rule.notes.en
    for funding in bc.samples.EXAMPLE_FUNDINGS:
        assert _found(bc.example_bilan(funding), MINIMISATION) == []


def test_beneficiary_holds_only_what_the_rules_need() -> None:
    """The beneficiary record has no field for a name, contact details or a birth date."""
    assert [f.name for f in attrs.fields(bc.Beneficiary)] == [
        "id",
        "status",
        "employer_siret",
        "public_service",
        "priority_agent",
        "in_service_since",
        "earlier_funded_bilans",
    ]


PERSONAL_WORDS = frozenset(
    {"name", "surname", "email", "mail", "phone", "address", "birth", "birthdate", "nir", "contact"}
)


def test_no_model_class_has_a_personal_data_field() -> None:
    """No class of the model (beneficiary, consultant, bilan...) has a name or contact field;
    the provider's own name and sites are public business data."""
    classes = [
        bc.Beneficiary,
        bc.Bilan,
        bc.Consent,
        bc.Consultant,
        bc.Session,
        bc.Document,
        bc.Agreement,
        bc.Disclosure,
        bc.Event,
        bc.Inquiry,
        bc.FollowUp,
    ]
    for cls in classes:
        for field in attrs.fields(cls):
            if (cls, field.name) == (bc.Event, "name"):
                continue  # the event's name ("agree"), not a person's
            assert not PERSONAL_WORDS & set(field.name.split("_")), (cls, field.name)


@pytest.mark.parametrize("value", ["Jean Dupont", "jean@example.fr", "Hélène", "", "x" * 65])
def test_ids_refuse_names_and_addresses(value: str) -> None:
    """Opaque ids refuse spaces, '@' and accents, so an e-mail or a full name cannot be one."""
    with pytest.raises(bc.InvalidValue):
        bc.Beneficiary(id=value, status=bc.BeneficiaryStatus.OTHER)


# -- the catalogue entries -----------------------------------------------------------------

CATALOGUE = [
    (RESULTS, (ref.L6313_4,), bc.Confidence.OFFICIAL),
    (
        CONSENT,
        (ref.L6313_4, ref.CPEN_226_13, ref.L6111_6, ref.ARRETE_2009_07_31),
        bc.Confidence.OFFICIAL,
    ),
    (RETENTION, (ref.R6313_7, ref.DECRET_2023_1350), bc.Confidence.OFFICIAL),
    (MINIMISATION, (ref.L6313_4,), bc.Confidence.OFFICIAL),
]


@pytest.mark.parametrize(
    ("rule_id", "references", "confidence"), CATALOGUE, ids=[c[0] for c in CATALOGUE]
)
def test_catalogue_entries(
    rule_id: str, references: tuple[bc.LegalReference, ...], confidence: bc.Confidence
) -> None:
    """Each section-7 rule is an error from 2019-01-01, cites the catalogue's texts."""
    rule = bc.rule(rule_id)
    assert rule.severity is bc.Severity.ERROR
    assert rule.references == references
    assert rule.confidence is confidence
    assert rule.in_force_from == D(2019, 1, 1)
    assert rule.section == "confidentiality"
    assert rule.notes
