"""Confidentiality: who may receive what, audience views, agreements, destruction."""

from __future__ import annotations

import datetime as dt
import itertools
import string
from collections.abc import Iterator
from typing import Any

import attrs
import orjson
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bilan_core as bc
from bilan_core import references as ref
from bilan_core.confidentiality import (
    Audience,
    Decision,
    can_disclose,
    destroy_documents,
    destruction_date,
    disclose,
    give_agreement,
    revoke_agreement,
    view,
)
from bilan_core.transitions import advance

AT = pendulum.datetime(2026, 5, 25, 10, tz="Europe/Paris")
CPF = bc.example_bilan("cpf")
TERRITORIAL = bc.example_bilan("public_leave")
STATE = attrs.evolve(
    TERRITORIAL,
    beneficiary=attrs.evolve(TERRITORIAL.beneficiary, public_service=bc.PublicService.STATE),
)
CONSENT = "BC-DISCLOSURE-CONSENT"
RESULTS = "BC-RESULTS-TO-BENEFICIARY"
RETENTION = "BC-DOCUMENT-RETENTION"

# -- the decision: recipient x agreement state x document ----------------------------------

# An agreement: (kind, recipient, documents, given days from AT, revoked days from AT or None)
Spec = tuple[str, str, tuple[str, ...], int, int | None]


def _with(bilan: bc.Bilan, *specs: Spec) -> bc.Bilan:
    for number, (kind, recipient, ids, given_days, revoked) in enumerate(specs):
        bilan = give_agreement(
            bilan,
            id=f"a{number}",
            kind=kind,
            recipient=recipient,
            document_ids=ids,
            at=AT.add(days=given_days),
        )
        if revoked is not None:
            bilan = revoke_agreement(bilan, f"a{number}", AT.add(days=revoked))
    return bilan


SYN = ("d-synthesis",)
RES = ("d-results",)
BOTH = ("d-synthesis", "d-results")

# (bilan, agreements, recipient, documents, allowed, rule id)
DECISIONS: dict[str, tuple[bc.Bilan, tuple[Spec, ...], str, tuple[str, ...], bool, str]] = {
    "beneficiary-always": (CPF, (), "beneficiary", BOTH, True, RESULTS),
    "beneficiary-despite-objection": (
        STATE,
        (("objection", "administration", SYN, -1, None),),
        "beneficiary",
        SYN,
        True,
        RESULTS,
    ),
    "employer-no-agreement": (CPF, (), "employer", SYN, False, CONSENT),
    "employer-agreement-before": (
        CPF,
        (("agreement", "employer", SYN, -1, None),),
        "employer",
        SYN,
        True,
        CONSENT,
    ),
    "employer-agreement-same-instant": (
        CPF,
        (("agreement", "employer", SYN, 0, None),),
        "employer",
        SYN,
        True,
        CONSENT,
    ),
    "employer-agreement-after-disclosure": (
        CPF,
        (("agreement", "employer", SYN, 1, None),),
        "employer",
        SYN,
        False,
        CONSENT,
    ),
    "employer-agreement-revoked": (
        CPF,
        (("agreement", "employer", SYN, -2, -1),),
        "employer",
        SYN,
        False,
        CONSENT,
    ),
    "employer-agreement-revoked-later": (
        CPF,
        (("agreement", "employer", SYN, -2, 1),),
        "employer",
        SYN,
        True,
        CONSENT,
    ),
    "employer-agreement-other-document": (
        CPF,
        (("agreement", "employer", SYN, -1, None),),
        "employer",
        RES,
        False,
        CONSENT,
    ),
    "employer-agreement-one-of-two-documents": (
        CPF,
        (("agreement", "employer", SYN, -1, None),),
        "employer",
        BOTH,
        False,
        CONSENT,
    ),
    "employer-two-agreements-cover-both": (
        CPF,
        (("agreement", "employer", SYN, -1, None), ("agreement", "employer", RES, -1, None)),
        "employer",
        BOTH,
        True,
        CONSENT,
    ),
    "funder-agreement-for-employer": (
        CPF,
        (("agreement", "employer", SYN, -1, None),),
        "funder",
        SYN,
        False,
        CONSENT,
    ),
    "funder-agreement": (
        CPF,
        (("agreement", "funder", RES, -1, None),),
        "funder",
        RES,
        True,
        CONSENT,
    ),
    "other-request": (CPF, (("request", "other", SYN, -1, None),), "other", SYN, True, CONSENT),
    "cep-without-request": (CPF, (), "cep_operator", SYN, False, CONSENT),
    "cep-agreement": (  # the general route holds for the CEP operator too (L6313-4 al. 3)
        CPF,
        (("agreement", "cep_operator", SYN, -1, None),),
        "cep_operator",
        SYN,
        True,
        CONSENT,
    ),
    "cep-agreement-revoked": (
        CPF,
        (("agreement", "cep_operator", SYN, -3, -1),),
        "cep_operator",
        SYN,
        False,
        CONSENT,
    ),
    "cep-request": (
        CPF,
        (("request", "cep_operator", SYN, -1, None),),
        "cep_operator",
        SYN,
        True,
        CONSENT,
    ),
    "cep-request-revoked": (
        CPF,
        (("request", "cep_operator", SYN, -3, -1),),
        "cep_operator",
        SYN,
        False,
        CONSENT,
    ),
    "state-administration-synthesis": (STATE, (), "administration", SYN, True, CONSENT),
    "state-administration-objection": (
        STATE,
        (("objection", "administration", SYN, -1, None),),
        "administration",
        SYN,
        False,
        CONSENT,
    ),
    "state-administration-objection-revoked": (
        STATE,
        (("objection", "administration", SYN, -2, -1),),
        "administration",
        SYN,
        True,
        CONSENT,
    ),
    "state-administration-objection-after": (
        STATE,
        (("objection", "administration", SYN, 1, None),),
        "administration",
        SYN,
        True,
        CONSENT,
    ),
    "state-administration-results-need-agreement": (
        STATE,
        (),
        "administration",
        RES,
        False,
        CONSENT,
    ),
    "state-administration-results-with-agreement": (
        STATE,
        (("agreement", "administration", RES, -1, None),),
        "administration",
        BOTH,
        True,
        CONSENT,
    ),
    "state-employer-is-not-the-administration": (STATE, (), "employer", SYN, False, CONSENT),
    "territorial-administration-no-exception": (
        TERRITORIAL,
        (),
        "administration",
        SYN,
        False,
        CONSENT,
    ),
    "private-administration-no-exception": (CPF, (), "administration", SYN, False, CONSENT),
    "destroyed-document": (
        CPF,
        (("agreement", "employer", ("d-tests",), -1, None),),
        "employer",
        ("d-tests",),
        False,
        RETENTION,
    ),
    "destroyed-document-to-beneficiary": (CPF, (), "beneficiary", ("d-tests",), False, RETENTION),
    "unknown-document": (CPF, (), "employer", ("d-nope",), False, CONSENT),
}


@pytest.mark.parametrize("case", DECISIONS.values(), ids=DECISIONS.keys())
def test_can_disclose(
    case: tuple[bc.Bilan, tuple[Spec, ...], str, tuple[str, ...], bool, str],
) -> None:
    """The decision and its rule id, per recipient, agreement state and document."""
    bilan, specs, recipient, documents, allowed, rule_id = case
    decision = can_disclose(_with(bilan, *specs), documents, recipient, AT)
    assert (decision.allowed, decision.rule_id) == (allowed, rule_id)
    assert decision.references
    assert decision.reason.en
    assert decision.reason.fr


def test_refusals_say_why() -> None:
    """A refusal names the agreement that was revoked or came too late."""
    revoked = _with(CPF, ("agreement", "employer", SYN, -2, -1))
    assert "'a0' was revoked at" in can_disclose(revoked, SYN, "employer", AT).reason.en
    late = _with(CPF, ("agreement", "employer", SYN, 1, None))
    decision = can_disclose(late, SYN, "employer", AT)
    assert "after the disclosure" in decision.reason.en
    assert "après la transmission" in decision.reason.fr


def test_state_exception_cites_the_arrete() -> None:
    """The State agent's exception cites the arrêté of 31 July 2009."""
    decision = can_disclose(STATE, SYN, bc.RecipientKind.ADMINISTRATION, AT)
    assert decision.references[0] == ref.ARRETE_2009_07_31


def test_allowed_decision_names_the_agreements() -> None:
    """An allowed decision lists the agreements it relies on."""
    bilan = _with(
        CPF, ("agreement", "employer", SYN, -1, None), ("agreement", "employer", RES, -1, None)
    )
    assert can_disclose(bilan, BOTH, "employer", AT).agreement_ids == ("a0", "a1")
    assert can_disclose(bilan, BOTH, "employer", AT, agreement_id="a0").allowed is False


def test_documents_may_be_objects() -> None:
    """A Document object stands for its id."""
    synthesis = CPF.document("d-synthesis")
    assert synthesis is not None
    assert can_disclose(CPF, synthesis, "beneficiary", AT) == can_disclose(
        CPF, "d-synthesis", "beneficiary", AT
    )


@pytest.mark.parametrize(
    ("documents", "recipient", "at"),
    [
        ((), "employer", AT),
        (SYN, "neighbour", AT),
        (SYN, "employer", dt.datetime(2026, 5, 25, 10)),
    ],
    ids=["no-document", "unknown-recipient", "naive-instant"],
)
def test_can_disclose_rejects_bad_arguments(documents: Any, recipient: str, at: Any) -> None:
    """No document, an unknown recipient or a naive instant is an InvalidValue."""
    with pytest.raises(bc.InvalidValue):
        can_disclose(CPF, documents, recipient, at)


# -- disclose, give_agreement, revoke_agreement --------------------------------------------


def test_disclose_records_the_disclosure_and_the_agreement() -> None:
    """An allowed disclosure is appended, with the agreement it relies on."""
    bilan = _with(CPF, ("agreement", "funder", BOTH, -1, None))
    after = disclose(bilan, BOTH, "funder", AT)
    assert after.disclosures == (
        bc.Disclosure(
            recipient=bc.RecipientKind.FUNDER, document_ids=BOTH, at=AT, agreement_id="a0"
        ),
    )
    assert bilan.disclosures == ()
    assert bc.validate(after, on=bc.EXAMPLE_ON).ok


def test_disclose_refused_records_nothing() -> None:
    """A refused disclosure raises DisclosureNotAuthorised with the rule id."""
    with pytest.raises(bc.DisclosureNotAuthorised) as caught:
        disclose(CPF, SYN, "employer", AT)
    assert caught.value.rule_ids == (CONSENT,)
    assert isinstance(caught.value, bc.ConsentError)


def test_disclose_with_a_named_agreement_uses_only_it() -> None:
    """With agreement_id, only that agreement may cover the documents."""
    bilan = _with(
        CPF, ("agreement", "employer", SYN, -1, None), ("agreement", "funder", SYN, -1, None)
    )
    assert disclose(bilan, SYN, "employer", AT, agreement_id="a0").disclosures[0].agreement_id == (
        "a0"
    )
    with pytest.raises(bc.DisclosureNotAuthorised):
        disclose(bilan, SYN, "employer", AT, agreement_id="a1")


def test_state_disclosure_records_no_agreement() -> None:
    """The State agent's synthesis goes to the administration without an agreement."""
    after = disclose(STATE, SYN, "administration", AT)
    assert after.disclosures[0].agreement_id is None


def test_revoke_records_the_instant() -> None:
    """Revoking keeps the agreement, dated; earlier disclosures stay covered."""
    bilan = _with(CPF, ("agreement", "employer", SYN, -1, None))
    after = revoke_agreement(bilan, "a0", AT)
    assert after.agreements[0].revoked_at == AT
    assert can_disclose(after, SYN, "employer", AT.subtract(minutes=1)).allowed
    assert not can_disclose(after, SYN, "employer", AT).allowed


@pytest.mark.parametrize(
    "change",
    [
        lambda b: give_agreement(
            b, id="a0", kind="agreement", recipient="employer", document_ids=SYN, at=AT
        ),
        lambda b: give_agreement(
            b, id="a9", kind="agreement", recipient="employer", document_ids=["d-x"], at=AT
        ),
        lambda b: give_agreement(
            b, id="a9", kind="objection", recipient="employer", document_ids=SYN, at=AT
        ),
        lambda b: give_agreement(
            b, id="a9", kind="consent", recipient="employer", document_ids=SYN, at=AT
        ),
        lambda b: revoke_agreement(b, "a9", AT),
        lambda b: revoke_agreement(revoke_agreement(b, "a0", AT), "a0", AT),
        lambda b: revoke_agreement(b, "a0", AT.subtract(days=2)),
    ],
    ids=[
        "duplicate-id",
        "unknown-document",
        "objection-to-employer",
        "unknown-kind",
        "revoke-unknown",
        "revoke-twice",
        "revoke-before-given",
    ],
)
def test_agreement_changes_rejected(change: Any) -> None:
    """Bad agreement facts are refused with InvalidValue."""
    bilan = _with(CPF, ("agreement", "employer", SYN, -1, None))
    with pytest.raises(bc.InvalidValue):
        change(bilan)


# -- views ---------------------------------------------------------------------------------


def test_full_audiences_see_the_wire_form() -> None:
    """The beneficiary and the provider get the full dump, loadable."""
    for audience in (Audience.BENEFICIARY, Audience.PROVIDER):
        assert view(CPF, audience) == bc.dump(CPF)
        assert view(CPF, audience.value) == bc.dump(CPF)
    assert bc.load(orjson.dumps(view(CPF, "beneficiary"))) == CPF


def test_employer_view_holds_administrative_facts_only() -> None:
    """No document content, no synthesis, no event facts, no agreements for the employer."""
    bilan = attrs.evolve(
        CPF, history=tuple(attrs.evolve(e, facts={"note": "x"}) for e in CPF.history)
    )
    seen = view(bilan, "employer", at=AT)
    assert sorted(seen) == [
        "at",
        "audience",
        "beneficiary",
        "consent",
        "documents",
        "follow_up",
        "funding",
        "history",
        "id",
        "minutes",
        "phase",
        "provider",
        "sessions",
    ]
    assert seen["audience"] == "employer"
    assert seen["minutes"] == {"total": 20 * 60, "accompaniment": 16 * 60}
    assert all(set(event) == {"name", "at"} for event in seen["history"])
    assert all("text" not in d and "synthesis" not in d for d in seen["documents"])
    assert seen["beneficiary"] == {
        "id": "b-81f3",
        "status": "private_employee",
        "public_service": None,
    }


def test_cep_view_is_smaller() -> None:
    """The CEP operator sees ids, phase, provider and documents: no funding or sessions."""
    seen = view(_with(CPF, ("request", "cep_operator", SYN, -1, None)), "cep_operator", at=AT)
    assert sorted(seen) == ["at", "audience", "beneficiary", "documents", "id", "phase", "provider"]
    synthesis = next(d for d in seen["documents"] if d["id"] == "d-synthesis")
    assert set(synthesis["synthesis"]) == {"circumstances", "conduct", "prospects", "action_plan"}


def test_a_view_cannot_be_loaded() -> None:
    """A view has no format marker: load refuses it."""
    with pytest.raises(bc.SerializationError) as caught:
        bc.load(orjson.dumps(view(CPF, "funder", at=AT)))
    assert caught.value.errors[0][0] == "$.format"


def test_restricted_views_need_an_instant() -> None:
    """Without at, a restricted view is refused; so is an unknown audience."""
    with pytest.raises(bc.InvalidValue):
        view(CPF, "employer")
    with pytest.raises(bc.InvalidValue):
        view(CPF, "neighbour", at=AT)


# -- generated bilans for the property tests ------------------------------------------------

ROUTES = {name: bc.example_bilan(name) for name in bc.samples.EXAMPLE_FUNDINGS}
ROUTES["state_agent"] = STATE
T0 = pendulum.datetime(2026, 5, 19, 12, tz="Europe/Paris")
MARK_ALPHABET = st.characters(blacklist_characters="<>", blacklist_categories=("Cs",))


def _offset(hours: int) -> pendulum.DateTime:
    return T0.add(hours=hours)


@st.composite
def confidential_bilans(draw: st.DrawFn) -> tuple[bc.Bilan, pendulum.DateTime]:
    """An example bilan with random content, destructions, agreements, and an instant.

    Each content string is a unique marker ``MARK<n><...>``, so it can be searched for.
    """
    bilan = ROUTES[draw(st.sampled_from(sorted(ROUTES)))]
    counter = itertools.count()

    def marker() -> str | None:
        if not draw(st.booleans()):
            return None
        return f"MARK{next(counter)}<{draw(st.text(MARK_ALPHABET, max_size=6))}>"

    documents = []
    for document in bilan.documents:
        if draw(st.integers(0, 4)) == 0:
            day = draw(st.dates(dt.date(2026, 4, 1), dt.date(2026, 7, 1)))
            documents.append(attrs.evolve(document, text=None, synthesis=None, destroyed_on=day))
        elif document.kind is bc.DocumentKind.SYNTHESIS:
            sections = bc.SynthesisSections(
                circumstances=marker(), conduct=marker(), prospects=marker(), action_plan=marker()
            )
            documents.append(attrs.evolve(document, destroyed_on=None, synthesis=sections))
        else:
            documents.append(attrs.evolve(document, destroyed_on=None, text=marker()))
    bilan = attrs.evolve(bilan, documents=tuple(documents))
    ids = [d.id for d in bilan.documents]
    hours = st.integers(-30 * 24, 30 * 24)
    at = draw(hours)
    kinds = [bc.AgreementKind.REQUEST, bc.AgreementKind.AGREEMENT, bc.AgreementKind.OBJECTION]
    for number in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(kinds))
        recipient = (
            bc.RecipientKind.ADMINISTRATION
            if kind is bc.AgreementKind.OBJECTION
            else draw(st.sampled_from(bc.RecipientKind))
        )
        given = at - draw(st.integers(-5 * 24, 20 * 24))
        bilan = give_agreement(
            bilan,
            id=f"a{number}",
            kind=kind,
            recipient=recipient,
            document_ids=draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True)),
            at=_offset(given),
        )
        if draw(st.booleans()):
            revoked = given + draw(st.integers(0, 20 * 24))
            bilan = revoke_agreement(bilan, f"a{number}", _offset(revoked))
    return bilan, _offset(at)


def _contents(document: bc.Document) -> Iterator[str]:
    if document.text is not None:
        yield document.text
    if document.synthesis is not None:
        for name in ("circumstances", "conduct", "prospects", "action_plan"):
            section = getattr(document.synthesis, name)
            if section is not None:
                yield section


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@given(confidential_bilans())
def test_views_show_content_exactly_where_allowed(case: tuple[bc.Bilan, pendulum.DateTime]) -> None:
    """For every audience, a document's content appears in the view iff the decision allows
    it (the beneficiary and the provider see everything)."""
    bilan, at = case
    for audience in Audience:
        seen = view(bilan, audience, at=at)
        strings = list(_strings(seen))
        for document in bilan.documents:
            if audience.is_full:
                allowed = True
            else:
                assert audience.recipient is not None
                allowed = can_disclose(bilan, document, audience.recipient, at).allowed
            for content in _contents(document):
                assert any(content in s for s in strings) is allowed, (audience, document.id)


# -- nothing leaks: repr, exceptions, reports ----------------------------------------------

SECRET_TEXT = st.text(string.ascii_letters + "éèàç '", min_size=3, max_size=12)


def _secret_bilan(secret: str) -> bc.Bilan:
    documents = []
    for document in CPF.documents:
        if document.kind is bc.DocumentKind.SYNTHESIS:
            sections = bc.SynthesisSections(
                circumstances=secret, conduct=secret, prospects=secret, action_plan=secret
            )
            documents.append(attrs.evolve(document, synthesis=sections))
        else:
            documents.append(attrs.evolve(document, destroyed_on=None, text=secret))
    history = tuple(attrs.evolve(e, facts={"note": secret}) for e in CPF.history)
    return attrs.evolve(CPF, documents=tuple(documents), history=history)


def _messages(exc: BaseException) -> list[str]:
    found = [str(exc), repr(exc), *map(str, exc.args)]
    found.extend(str(getattr(exc, name, "")) for name in ("errors", "messages", "reason"))
    return found


@given(st.builds(lambda s: f"SECRET{s}END", SECRET_TEXT))
def test_free_text_never_leaks(secret: str) -> None:
    """A marker placed in every free-text field never appears in repr, str, an exception
    message or a report message."""
    bilan = _secret_bilan(secret)
    shown = [repr(bilan), str(bilan), *map(repr, bilan.documents), *map(repr, bilan.history)]
    messages: list[str] = []

    broken = bc.dump(bilan)
    broken["sessions"][0]["minutes"] = secret
    broken["documents"][0]["kind"] = secret
    broken["documents"][1]["text"] = 7
    broken["history"][0]["at"] = secret
    broken["consent"]["given_at"] = secret
    with pytest.raises(bc.SerializationError) as serialization:
        bc.load(broken)
    messages += _messages(serialization.value)

    with pytest.raises(bc.PhaseTransitionError) as transition:
        advance(bilan, "agree", at=AT, facts={"note": secret})
    messages += _messages(transition.value)

    with pytest.raises(bc.DisclosureNotAuthorised) as refused:
        disclose(bilan, ["d-synthesis", "d-results"], "employer", AT)
    messages += _messages(refused.value)

    with pytest.raises(bc.InvalidValue) as invalid:
        attrs.evolve(bilan.documents[2], destroyed_on=pendulum.date(2026, 6, 1))
    messages += _messages(invalid.value)

    leaky = attrs.evolve(
        bilan,
        disclosures=(bc.Disclosure(recipient=bc.RecipientKind.EMPLOYER, document_ids=SYN, at=AT),),
    )
    for on in (bc.EXAMPLE_ON, pendulum.date(2030, 1, 1)):
        report = bc.validate(leaky, on=on)
        assert report.violations
        messages += [f"{v.message.fr} {v.message.en} {v.path}" for v in report.violations]
        messages.append(orjson.dumps(report.to_dict()).decode())

    for text in shown + messages:
        assert secret not in text


# -- destruction ---------------------------------------------------------------------------


def test_destroy_leaves_a_tombstone() -> None:
    """A destroyed document keeps its id, kind and dates, loses its content."""
    later = destroy_documents(CPF, pendulum.date(2029, 5, 20))
    before, after = CPF.document("d-synthesis"), later.document("d-synthesis")
    assert before is not None
    assert after == attrs.evolve(
        before, synthesis=None, text=None, destroyed_on=pendulum.date(2029, 5, 20)
    )
    assert bc.validate(later, on=pendulum.date(2029, 5, 20)).rule_ids.isdisjoint({RETENTION})


def test_destroy_only_what_is_due() -> None:
    """The day before the due date nothing changes; the bilan is returned as is."""
    assert destroy_documents(CPF, pendulum.date(2029, 5, 18)) is CPF
    assert destruction_date(CPF, "d-synthesis", on=pendulum.date(2029, 5, 18)) == pendulum.date(
        2029, 5, 19
    )


def test_destruction_date_under_each_text() -> None:
    """1 year under the 2019 text, 3 years from 2023-12-31; the end for other documents."""
    bilan = attrs.evolve(
        CPF,
        documents=(
            *CPF.documents[:2],
            attrs.evolve(CPF.documents[2], kept_with_consent_on=None),
            CPF.documents[3],
        ),
    )
    assert destruction_date(bilan, "d-synthesis", on=pendulum.date(2023, 12, 30)) == pendulum.date(
        2027, 5, 19
    )
    assert destruction_date(bilan, "d-synthesis", on=pendulum.date(2023, 12, 31)) == pendulum.date(
        2029, 5, 19
    )
    assert destruction_date(bilan, "d-results", on=bc.EXAMPLE_ON) == pendulum.date(2026, 5, 19)
    assert destruction_date(attrs.evolve(bilan, sessions=()), "d-results", on=bc.EXAMPLE_ON) is None
    with pytest.raises(bc.InvalidValue):
        destruction_date(bilan, "d-nope", on=bc.EXAMPLE_ON)


@given(confidential_bilans(), st.dates(dt.date(2026, 5, 1), dt.date(2031, 1, 1)))
def test_destroyed_content_does_not_survive(
    case: tuple[bc.Bilan, pendulum.DateTime], day: dt.date
) -> None:
    """After destroy_documents, no destroyed content appears in the dump or any view."""
    bilan, at = case
    later = destroy_documents(bilan, day)
    gone = [
        content
        for before, after in zip(bilan.documents, later.documents, strict=True)
        if after.is_destroyed
        for content in _contents(before)
    ]
    for document in later.documents:
        if document.is_destroyed:
            assert not document.has_content
        else:
            due = destruction_date(later, document, day)
            assert due is None or due > day
    wire = [bc.dumps(later).decode()] + [
        orjson.dumps(view(later, a, at=at)).decode() for a in Audience
    ]
    for content in gone:
        for text in wire:
            assert content not in text


def test_decision_is_frozen() -> None:
    """A Decision is an immutable value."""
    decision = can_disclose(CPF, SYN, "beneficiary", AT)
    assert isinstance(decision, Decision)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        decision.allowed = False  # type: ignore[misc]
