"""Who may receive which documents, and when (C. trav. L6313-4 al. 3 and 4).

:func:`can_disclose` answers with a :class:`Decision`; :func:`disclose` records a disclosure
the decision allows and refuses the others; :func:`give_agreement` and
:func:`revoke_agreement` record the beneficiary's statements as dated facts.

The decision, per document:

- the **beneficiary** is the recipient by right (BC-RESULTS-TO-BENEFICIARY);
- a destroyed document cannot be disclosed: nothing is left (BC-DOCUMENT-RETENTION);
- the **CEP operator** receives documents at the beneficiary's *request*: a request in force
  at the instant of the disclosure, naming the operator and the document;
- the **administration of a State agent** receives the synthesis unless the agent objected
  (arrêté du 31 juillet 2009); any other document, or any other agent, is a third party;
- **anyone else** (employer, funder, another administration, any person) only with the
  beneficiary's agreement (or request) given at or before the disclosure, naming that
  recipient and that document, and not revoked by then (BC-DISCLOSURE-CONSENT).

Reasons name ids, kinds and dates only: never the content of a document.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from bilan_core import references as ref
from bilan_core._arguments import as_instant
from bilan_core._format import date_fr
from bilan_core._paris import paris_date
from bilan_core.beneficiary import BeneficiaryStatus, PublicService
from bilan_core.disclosures import Agreement, AgreementKind, Disclosure, RecipientKind
from bilan_core.documents import Document, DocumentKind
from bilan_core.errors import DisclosureNotAuthorised, InvalidValue
from bilan_core.text import Text

if TYPE_CHECKING:
    import datetime as dt

    import pendulum

    from bilan_core.bilan import Bilan
    from bilan_core.references import LegalReference

__all__ = ["Decision", "can_disclose", "disclose", "give_agreement", "revoke_agreement"]

RESULTS_RULE = "BC-RESULTS-TO-BENEFICIARY"
CONSENT_RULE = "BC-DISCLOSURE-CONSENT"
RETENTION_RULE = "BC-DOCUMENT-RETENTION"

_CONSENT_KINDS = frozenset({AgreementKind.AGREEMENT, AgreementKind.REQUEST})
"""What lets a document go to anyone but the beneficiary: their agreement, or their request
(the CEP operator's own route, L6313-4 al. 3, which adds to the general one)."""

_RECIPIENT_EN = {
    RecipientKind.BENEFICIARY: "the beneficiary",
    RecipientKind.CEP_OPERATOR: "the CEP operator",
    RecipientKind.EMPLOYER: "the employer",
    RecipientKind.FUNDER: "the funder",
    RecipientKind.ADMINISTRATION: "the administration",
    RecipientKind.OTHER: "a third party",
}
_RECIPIENT_FR = {
    RecipientKind.BENEFICIARY: "le bénéficiaire",
    RecipientKind.CEP_OPERATOR: "l'opérateur du CEP",
    RecipientKind.EMPLOYER: "l'employeur",
    RecipientKind.FUNDER: "le financeur",
    RecipientKind.ADMINISTRATION: "l'administration",
    RecipientKind.OTHER: "un tiers",
}


@attrs.frozen(kw_only=True)
class Decision:
    """Whether documents may go to a recipient at an instant, and why.

    Attributes:
        allowed: the disclosure is allowed.
        reason: why, in French and English (ids, kinds and dates only; never content).
        rule_id: the rule that decides (``BC-DISCLOSURE-CONSENT``...).
        references: the legal references behind the decision.
        agreement_ids: the beneficiary's agreements or requests the disclosure relies on.
    """

    allowed: bool
    reason: Text
    rule_id: str
    references: tuple[LegalReference, ...]
    agreement_ids: tuple[str, ...] = ()


def _document_ids(documents: str | Document | Iterable[str | Document]) -> tuple[str, ...]:
    items: Iterable[str | Document]
    items = (documents,) if isinstance(documents, (str, Document)) else documents
    ids = tuple(item.id if isinstance(item, Document) else item for item in items)
    if not ids:
        raise InvalidValue(Text(fr="donnez au moins un document", en="give at least one document"))
    if not all(isinstance(i, str) for i in ids):
        raise InvalidValue(
            Text(
                fr="les documents sont des identifiants ou des objets Document",
                en="documents are ids or Document objects",
            )
        )
    return tuple(dict.fromkeys(ids))


def _is_state_agent(bilan: Bilan) -> bool:
    beneficiary = bilan.beneficiary
    return (
        beneficiary.status is BeneficiaryStatus.PUBLIC_AGENT
        and beneficiary.public_service is PublicService.STATE
    )


def _at_text(at: pendulum.DateTime) -> tuple[str, str]:
    return at.isoformat(), date_fr(paris_date(at))


def _decide_one(
    bilan: Bilan,
    document_id: str,
    recipient: RecipientKind,
    at: pendulum.DateTime,
    only: str | None,
) -> Decision:
    document = bilan.document(document_id)
    if document is None:
        return Decision(
            allowed=False,
            reason=Text(
                fr=f"aucun document {document_id!r} dans le bilan {bilan.id!r}",
                en=f"no document {document_id!r} in bilan {bilan.id!r}",
            ),
            rule_id=CONSENT_RULE,
            references=(ref.L6313_4,),
        )
    if document.destroyed_on is not None and document.destroyed_on <= paris_date(at):
        day = document.destroyed_on
        return Decision(
            allowed=False,
            reason=Text(
                fr=f"le document {document_id!r} a été détruit le {date_fr(day)} : il ne "
                "reste rien à transmettre",
                en=f"document {document_id!r} was destroyed on {day.isoformat()}: nothing "
                "is left to disclose",
            ),
            rule_id=RETENTION_RULE,
            references=(ref.R6313_7,),
        )
    if recipient is RecipientKind.BENEFICIARY:
        return Decision(
            allowed=True,
            reason=Text(
                fr="le bénéficiaire est le destinataire des résultats détaillés et du "
                "document de synthèse",
                en="the beneficiary is the recipient of the detailed results and the synthesis",
            ),
            rule_id=RESULTS_RULE,
            references=(ref.L6313_4,),
        )
    if (
        recipient is RecipientKind.ADMINISTRATION
        and document.kind is DocumentKind.SYNTHESIS
        and _is_state_agent(bilan)
    ):
        return _state_exception(bilan, document_id, at)
    return _by_agreement(bilan, document_id, recipient=recipient, at=at, only=only)


def _state_exception(bilan: Bilan, document_id: str, at: pendulum.DateTime) -> Decision:
    references = (ref.ARRETE_2009_07_31, ref.L6313_4)
    for agreement in bilan.agreements:
        if (
            agreement.kind is AgreementKind.OBJECTION
            and agreement.recipient is RecipientKind.ADMINISTRATION
            and document_id in agreement.document_ids
            and agreement.active_at(at)
        ):
            when_en, when_fr = (
                agreement.given_at.isoformat(),
                date_fr(paris_date(agreement.given_at)),
            )
            return Decision(
                allowed=False,
                reason=Text(
                    fr=f"l'agent de l'État s'est opposé à la transmission de "
                    f"{document_id!r} à son administration (opposition {agreement.id!r} du "
                    f"{when_fr})",
                    en=f"the State agent objected to the transmission of {document_id!r} to "
                    f"their administration (objection {agreement.id!r} of {when_en})",
                ),
                rule_id=CONSENT_RULE,
                references=references,
            )
    return Decision(
        allowed=True,
        reason=Text(
            fr=f"agent de l'État : la synthèse {document_id!r} peut être transmise au "
            "service des ressources humaines de l'administration, sauf opposition de l'agent",
            en=f"State agent: the synthesis {document_id!r} may go to the administration's "
            "HR service unless the agent objects",
        ),
        rule_id=CONSENT_RULE,
        references=references,
    )


def _by_agreement(
    bilan: Bilan,
    document_id: str,
    *,
    recipient: RecipientKind,
    at: pendulum.DateTime,
    only: str | None,
) -> Decision:
    cep = recipient is RecipientKind.CEP_OPERATOR
    references = (ref.L6313_4, ref.L6111_6) if cep else (ref.L6313_4, ref.CPEN_226_13)
    candidates = [
        a
        for a in bilan.agreements
        if a.kind in _CONSENT_KINDS
        and a.recipient is recipient
        and document_id in a.document_ids
        and (only is None or a.id == only)
    ]
    for agreement in candidates:
        if agreement.active_at(at):
            request = agreement.kind is AgreementKind.REQUEST
            word_en = "request" if request else "agreement"
            word_fr = "la demande" if request else "l'accord"
            return Decision(
                allowed=True,
                reason=Text(
                    fr=f"couvert par {word_fr} du bénéficiaire {agreement.id!r} du "
                    f"{date_fr(paris_date(agreement.given_at))}",
                    en=f"covered by the beneficiary's {word_en} {agreement.id!r} given at "
                    f"{agreement.given_at.isoformat()}",
                ),
                rule_id=CONSENT_RULE,
                references=references,
                agreement_ids=(agreement.id,),
            )
    who_en, who_fr = _RECIPIENT_EN[recipient], _RECIPIENT_FR[recipient]
    when_en, when_fr = _at_text(at)
    if cep:
        head_en = f"{who_en} receives documents only at the beneficiary's request or with their "
        head_en += "agreement"
        head_fr = f"{who_fr} ne reçoit de documents qu'à la demande ou avec l'accord du "
        head_fr += "bénéficiaire"
    else:
        head_en = f"{who_en} receives documents only with the beneficiary's agreement"
        head_fr = f"{who_fr} ne reçoit de documents qu'avec l'accord du bénéficiaire"
    detail_en, detail_fr = _why_not(candidates, at)
    if detail_en is None or detail_fr is None:
        what_en = "request or agreement" if cep else "agreement"
        what_fr = "aucune demande ni aucun accord" if cep else "aucun accord"
        detail_en = f"no {what_en} in force at {when_en} covers {document_id!r}"
        detail_fr = f"{what_fr} en vigueur le {when_fr} ne couvre {document_id!r}"
    return Decision(
        allowed=False,
        reason=Text(fr=f"{head_fr} : {detail_fr}", en=f"{head_en}: {detail_en}"),
        rule_id=CONSENT_RULE,
        references=references,
    )


def _why_not(candidates: list[Agreement], at: pendulum.DateTime) -> tuple[str | None, str | None]:
    """Why the agreements that name this recipient and document do not hold at ``at``."""
    for agreement in candidates:
        if agreement.revoked_at is not None and agreement.revoked_at <= at:
            return (
                f"{agreement.id!r} was revoked at {agreement.revoked_at.isoformat()}",
                f"{agreement.id!r} a été révoqué le {date_fr(paris_date(agreement.revoked_at))}",
            )
    for agreement in candidates:
        if agreement.given_at > at:
            given_en = agreement.given_at.isoformat()
            given_fr = date_fr(paris_date(agreement.given_at))
            return (
                f"{agreement.id!r} was given at {given_en}, after the disclosure",
                f"{agreement.id!r} a été donné le {given_fr}, après la transmission",
            )
    return None, None


def _recipient(recipient: RecipientKind | str) -> RecipientKind:
    try:
        return RecipientKind(recipient)
    except ValueError:
        allowed = ", ".join(repr(r.value) for r in RecipientKind)
        raise InvalidValue(
            Text(
                fr=f"recipient est une de ces valeurs : {allowed}",
                en=f"recipient must be one of {allowed}",
            )
        ) from None


def _combine(decisions: list[Decision]) -> Decision:
    if len(decisions) == 1:
        return decisions[0]
    refused = [d for d in decisions if not d.allowed]
    chosen = refused or decisions
    rule_id = chosen[0].rule_id
    if not refused and any(d.rule_id != chosen[0].rule_id for d in decisions):
        rule_id = CONSENT_RULE
    references: dict[LegalReference, None] = {}
    agreements: dict[str, None] = {}
    for d in chosen:
        references.update(dict.fromkeys(d.references))
        agreements.update(dict.fromkeys(d.agreement_ids))
    return Decision(
        allowed=not refused,
        reason=Text(
            fr=" ; ".join(dict.fromkeys(d.reason.fr for d in chosen)),
            en="; ".join(dict.fromkeys(d.reason.en for d in chosen)),
        ),
        rule_id=rule_id,
        references=tuple(references),
        agreement_ids=() if refused else tuple(agreements),
    )


def can_disclose(
    bilan: Bilan,
    documents: str | Document | Iterable[str | Document],
    recipient: RecipientKind | str,
    at: dt.datetime,
    *,
    agreement_id: str | None = None,
) -> Decision:
    """Whether ``documents`` may go to ``recipient`` at instant ``at``.

    Every document must be allowed for the disclosure to be allowed; the decision then names
    the agreements it relies on. A refusal explains the first documents refused.

    Args:
        bilan: the bilan.
        documents: a document id, a :class:`~bilan_core.Document`, or several.
        recipient: a :class:`~bilan_core.RecipientKind` or its wire value (``"employer"``).
        at: the instant of the disclosure (an aware datetime).
        agreement_id: consider only this agreement (or request) of the beneficiary.

    Raises:
        InvalidValue: no document given, an unknown recipient, or a naive ``at``.

    >>> from bilan_core.confidentiality import can_disclose, disclose, give_agreement
    >>> bilan = bc.example_bilan("cpf")
    >>> at = pendulum.datetime(2026, 5, 20, 10, tz="Europe/Paris")
    >>> decision = can_disclose(bilan, "d-synthesis", "employer", at)
    >>> decision.allowed, decision.rule_id
    (False, 'BC-DISCLOSURE-CONSENT')
    >>> can_disclose(bilan, "d-synthesis", "beneficiary", at).allowed
    True
    """
    who = _recipient(recipient)
    when = as_instant(at)
    ids = _document_ids(documents)
    return _combine([_decide_one(bilan, i, who, when, agreement_id) for i in ids])


def disclose(
    bilan: Bilan,
    documents: str | Document | Iterable[str | Document],
    recipient: RecipientKind | str,
    at: dt.datetime,
    *,
    agreement_id: str | None = None,
) -> Bilan:
    """Record that ``documents`` went to ``recipient`` at ``at``, if the law allows it.

    Args:
        bilan: the bilan (not modified).
        documents: a document id, a :class:`~bilan_core.Document`, or several.
        recipient: a :class:`~bilan_core.RecipientKind` or its wire value.
        at: the instant of the disclosure (an aware datetime).
        agreement_id: the agreement (or request) it relies on; default: the one found.

    Returns:
        A new bilan with the :class:`~bilan_core.Disclosure` appended.

    Raises:
        DisclosureNotAuthorised: the decision refuses it; nothing is recorded.
        InvalidValue: as for :func:`can_disclose`.

    >>> from bilan_core.confidentiality import can_disclose, disclose, give_agreement
    >>> bilan = bc.example_bilan("cpf")
    >>> at = pendulum.datetime(2026, 5, 20, 10, tz="Europe/Paris")
    >>> disclose(bilan, ["d-synthesis"], "funder", at)
    Traceback (most recent call last):
    ...
    bilan_core.errors.DisclosureNotAuthorised: the funder receives documents only with ...
    """
    ids = _document_ids(documents)
    decision = can_disclose(bilan, ids, recipient, at, agreement_id=agreement_id)
    if not decision.allowed:
        raise DisclosureNotAuthorised(decision.reason, rule_ids=(decision.rule_id,))
    relied_on = agreement_id
    if relied_on is None and len(decision.agreement_ids) == 1:
        relied_on = decision.agreement_ids[0]
    record = Disclosure(
        recipient=_recipient(recipient), document_ids=ids, at=at, agreement_id=relied_on
    )
    return attrs.evolve(bilan, disclosures=(*bilan.disclosures, record))


def give_agreement(
    bilan: Bilan,
    *,
    id: str,  # noqa: A002 - the wire name of the field
    kind: AgreementKind | str,
    recipient: RecipientKind | str,
    document_ids: Iterable[str],
    at: dt.datetime,
) -> Bilan:
    """Record the beneficiary's agreement, request or objection about a transmission.

    An objection is the State agent's refusal that the synthesis go to their administration:
    it names the administration only.

    Returns:
        A new bilan with the :class:`~bilan_core.Agreement` appended.

    Raises:
        InvalidValue: a duplicate id, an unknown document, an objection to anyone but the
            administration, or a naive ``at``.

    >>> from bilan_core.confidentiality import can_disclose, disclose, give_agreement
    >>> bilan = bc.example_bilan("cpf")
    >>> at = pendulum.datetime(2026, 5, 20, 10, tz="Europe/Paris")
    >>> bilan = give_agreement(
    ...     bilan,
    ...     id="a-1",
    ...     kind="agreement",
    ...     recipient="employer",
    ...     document_ids=["d-synthesis"],
    ...     at=at,
    ... )
    >>> can_disclose(bilan, "d-synthesis", "employer", at.add(days=1)).allowed
    True
    """
    try:
        what = AgreementKind(kind)
    except ValueError:
        allowed = ", ".join(repr(k.value) for k in AgreementKind)
        raise InvalidValue(
            Text(
                fr=f"kind est une de ces valeurs : {allowed}",
                en=f"kind must be one of {allowed}",
            ),
            field="kind",
        ) from None
    who = _recipient(recipient)
    if what is AgreementKind.OBJECTION and who is not RecipientKind.ADMINISTRATION:
        raise InvalidValue(
            Text(
                fr="une opposition ne vise que l'administration",
                en="an objection names the administration only",
            ),
            field="recipient",
        )
    ids = tuple(document_ids)
    for document_id in ids:
        if bilan.document(document_id) is None:
            raise InvalidValue(
                Text(
                    fr=f"aucun document {document_id!r} dans ce bilan",
                    en=f"no document {document_id!r} in this bilan",
                ),
                field="document_ids",
            )
    agreement = Agreement(id=id, kind=what, recipient=who, document_ids=ids, given_at=at)
    return attrs.evolve(bilan, agreements=(*bilan.agreements, agreement))


def revoke_agreement(bilan: Bilan, agreement_id: str, at: dt.datetime) -> Bilan:
    """Record that the beneficiary revoked an agreement, request or objection at ``at``.

    Disclosures made before ``at`` stay covered; none after.

    Raises:
        InvalidValue: no such agreement, already revoked, or ``at`` before it was given.
    """
    for index, agreement in enumerate(bilan.agreements):
        if agreement.id == agreement_id:
            if agreement.revoked_at is not None:
                raise InvalidValue(
                    Text(
                        fr=f"l'accord {agreement_id!r} est déjà révoqué",
                        en=f"agreement {agreement_id!r} is already revoked",
                    ),
                    field="revoked_at",
                )
            revoked = attrs.evolve(agreement, revoked_at=at)
            agreements = (*bilan.agreements[:index], revoked, *bilan.agreements[index + 1 :])
            return attrs.evolve(bilan, agreements=agreements)
    raise InvalidValue(
        Text(
            fr=f"aucun accord {agreement_id!r} dans ce bilan",
            en=f"no agreement {agreement_id!r} in this bilan",
        ),
        field="agreements",
    )
