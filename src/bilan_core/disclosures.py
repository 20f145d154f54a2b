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

from bilan_core._fields import OpaqueId, check_fields, check_order
from bilan_core._values import instant, optional_instant
from bilan_core.errors import InvalidValue
from bilan_core.text import Text

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
        raise InvalidValue(
            Text(
                fr="document_ids est une suite d'ids", en="document_ids must be a sequence of ids"
            ),
            field="document_ids",
        )
    return tuple(value)


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

    id: OpaqueId
    kind: AgreementKind
    recipient: RecipientKind
    document_ids: tuple[OpaqueId, ...] = attrs.field(converter=_ids)
    given_at: pendulum.DateTime = attrs.field(converter=instant)
    revoked_at: pendulum.DateTime | None = attrs.field(default=None, converter=optional_instant)

    __attrs_post_init__ = check_fields

    def _invariants(self) -> None:
        check_order(self, "given_at", "revoked_at")

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
    document_ids: tuple[OpaqueId, ...] = attrs.field(converter=_ids)
    at: pendulum.DateTime = attrs.field(converter=instant)
    agreement_id: OpaqueId | None = None

    __attrs_post_init__ = check_fields
