"""Who received what, and the beneficiary's agreements (C. trav. L6313-4 al. 3 and 4).

The beneficiary is the sole recipient of the detailed results and the synthesis. Anyone else
receives them only with the beneficiary's agreement, recorded before the disclosure; the CEP
operator receives the synthesis at the beneficiary's request. State agents are the exception:
unless they object, the synthesis may go to their administration's HR service (arrêté du
31 juillet 2009).
"""

from __future__ import annotations

import enum

import attrs
import pendulum

from bilan_core._identifiers import check_opaque_id
from bilan_core._values import instant, optional_instant
from bilan_core.errors import InvalidValue

__all__ = ["Agreement", "AgreementKind", "Disclosure", "RecipientKind"]


class RecipientKind(enum.Enum):
    """Who receives documents of the bilan."""

    BENEFICIARY = "beneficiary"
    """The beneficiary: the sole recipient by right."""
    CEP_OPERATOR = "cep_operator"
    """The *conseil en évolution professionnelle* operator (L6111-6), on request."""
    EMPLOYER = "employer"
    FUNDER = "funder"
    ADMINISTRATION = "administration"
    """The HR service of a public agent's administration."""
    OTHER = "other"


class AgreementKind(enum.Enum):
    """What the beneficiary said about a transmission."""

    AGREEMENT = "agreement"
    """Agrees that these documents go to this recipient."""
    REQUEST = "request"
    """Asks that these documents go to this recipient (the CEP operator)."""
    OBJECTION = "objection"
    """A State agent objects to the transmission to their administration."""


def _ids(value: object) -> tuple[str, ...]:
    if not isinstance(value, (tuple, list)):
        raise InvalidValue("document_ids must be a sequence of ids")
    return tuple(value)


def _check_ids(_instance: object, _attribute: object, value: tuple[str, ...]) -> None:
    for item in value:
        check_opaque_id(None, None, item)


@attrs.frozen(kw_only=True)
class Agreement:
    """A dated statement of the beneficiary about a transmission, revocable.

    Attributes:
        id: a reference for the agreement.
        kind: agreement, request or objection.
        recipient: who it is about.
        document_ids: the documents it covers.
        given_at: when the beneficiary gave it.
        revoked_at: when they revoked it, if they did.
    """

    id: str = attrs.field(validator=check_opaque_id)
    kind: AgreementKind
    recipient: RecipientKind
    document_ids: tuple[str, ...] = attrs.field(converter=_ids, validator=_check_ids)
    given_at: pendulum.DateTime = attrs.field(converter=instant)
    revoked_at: pendulum.DateTime | None = attrs.field(default=None, converter=optional_instant)

    @revoked_at.validator
    def _check_order(self, _attribute: object, value: pendulum.DateTime | None) -> None:
        if value is not None and value < self.given_at:
            raise InvalidValue("revoked_at is before given_at", field="revoked_at")

    def active_at(self, at: pendulum.DateTime) -> bool:
        """Given at or before ``at`` and not revoked by then."""
        return self.given_at <= at and (self.revoked_at is None or at < self.revoked_at)


@attrs.frozen(kw_only=True)
class Disclosure:
    """A transmission of documents to a recipient.

    Attributes:
        recipient: who received them.
        document_ids: which documents.
        at: when.
        agreement_id: the agreement or request it relies on, if any.
    """

    recipient: RecipientKind
    document_ids: tuple[str, ...] = attrs.field(converter=_ids, validator=_check_ids)
    at: pendulum.DateTime = attrs.field(converter=instant)
    agreement_id: str | None = None
