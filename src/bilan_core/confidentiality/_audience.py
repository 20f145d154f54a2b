"""What each audience may see of a bilan: redacted views (C. trav. L6313-4 al. 3).

The full wire form (:func:`bilan_core.dump`) belongs to the beneficiary and to the provider
who holds the file under professional secrecy. Everyone else gets a *view*:

- **employer**, **funder**, **administration**: the administrative facts (the bilan's id and
  phase, the beneficiary's opaque id and status, the provider, the funding, the consent
  dates, the sessions with their dates, durations and attendance, the hours, the follow-up,
  the phase events without their facts) and each document's id, kind and dates;
- **CEP operator**: the bilan's id and phase, the beneficiary's id and status, the provider
  and each document's id, kind and dates;
- and for every audience, the *content* of a document (its text, its synthesis sections)
  only where :func:`~bilan_core.can_disclose` allows it for that recipient at ``at``.

Agreements, disclosures, the inquiry and the consultants never appear in a view.

A view is marked ``"audience": "<name>"`` and carries **no** ``"format"`` key, so
:func:`bilan_core.load` refuses it (``$.format: missing format marker``): a redacted view can
never be read back as a full plan by mistake. Views are built from the full wire form by
*allow-lists* of keys: a field added to the model later stays out of every view until it is
listed here.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from bilan_core._arguments import as_instant
from bilan_core.confidentiality._decision import can_disclose
from bilan_core.disclosures import RecipientKind
from bilan_core.errors import InvalidValue
from bilan_core.text import Text

if TYPE_CHECKING:
    import datetime as dt

    from bilan_core.bilan import Bilan

__all__ = ["Audience", "view"]


class Audience(enum.Enum):
    """Who a view of the bilan is for."""

    BENEFICIARY = "beneficiary"
    """The beneficiary: the full bilan."""
    PROVIDER = "provider"
    """The provider, bound by professional secrecy: the full bilan."""
    EMPLOYER = "employer"
    """The employer: administrative facts; content only with the beneficiary's agreement."""
    FUNDER = "funder"
    """A funder (OPCO, France Travail...): administrative facts; content only with agreement."""
    CEP_OPERATOR = "cep_operator"
    """The *conseil en évolution professionnelle* operator: content at the beneficiary's
    request."""
    ADMINISTRATION = "administration"
    """A public agent's administration: administrative facts; the synthesis of a State agent
    unless they objected."""

    @property
    def is_full(self) -> bool:
        """Sees the whole bilan (the beneficiary and the provider)."""
        return self in {Audience.BENEFICIARY, Audience.PROVIDER}

    @property
    def recipient(self) -> RecipientKind | None:
        """The recipient kind whose disclosure rules apply (``None`` for the provider)."""
        return None if self is Audience.PROVIDER else RecipientKind(self.value)


_ADMINISTRATIVE = ("id", "phase", "provider", "funding", "consent", "follow_up")
_CEP = ("id", "phase", "provider")
_BENEFICIARY_KEYS = ("id", "status", "public_service")
_SESSION_KEYS = (
    "id",
    "start",
    "minutes",
    "phase",
    "kind",
    "modality",
    "individual",
    "with_consultant",
    "site_id",
    "consultant_id",
    "status",
)
_EVENT_KEYS = ("name", "at")
_DOCUMENT_KEYS = ("id", "kind", "created_on", "presented_at", "delivered_at", "signed_at")
_CONTENT_KEYS = ("text", "synthesis")


def _pick(source: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: source[key] for key in keys if key in source}


def _audience(audience: Audience | str) -> Audience:
    try:
        return Audience(audience)
    except ValueError:
        allowed = ", ".join(repr(a.value) for a in Audience)
        raise InvalidValue(
            Text(
                fr=f"audience est une de ces valeurs : {allowed}",
                en=f"audience must be one of {allowed}",
            )
        ) from None


def view(
    bilan: Bilan, audience: Audience | str, *, at: dt.datetime | None = None
) -> dict[str, Any]:
    """What ``audience`` may see of ``bilan`` at instant ``at``, as a dict of JSON types.

    For the beneficiary and the provider, the full wire form (same as
    :func:`bilan_core.dump`). For any other audience, a redacted view marked
    ``"audience"`` and without ``"format"`` (see the module docs).

    Args:
        bilan: the bilan.
        audience: an :class:`Audience` or its value (``"employer"``).
        at: the instant the view is given (an aware datetime); it decides which agreements
            hold. Required for every audience but the beneficiary and the provider.

    Raises:
        InvalidValue: an unknown audience, or ``at`` missing or naive.

    >>> from bilan_core.confidentiality import view
    >>> bilan = bc.example_bilan("employer_plan")
    >>> at = pendulum.datetime(2026, 5, 20, 10, tz="Europe/Paris")
    >>> seen = view(bilan, "employer", at=at)
    >>> seen["audience"], "format" in seen
    ('employer', False)
    >>> sorted(seen["documents"][3])
    ['created_on', 'delivered_at', 'id', 'kind', 'presented_at']
    """
    from bilan_core.serialization import dump

    who = _audience(audience)
    full: dict[str, Any] = dict(dump(bilan))
    if who.is_full:
        return full
    if at is None:
        raise InvalidValue(
            Text(
                fr=f"donnez l'instant 'at' de la vue {who.value!r}",
                en=f"give the instant 'at' of the {who.value} view",
            ),
            field="at",
        )
    when = as_instant(at)
    recipient = who.recipient
    assert recipient is not None  # noqa: S101 - only the provider has none, and it is full
    cep = who is Audience.CEP_OPERATOR
    seen: dict[str, Any] = {"audience": who.value, "at": when.isoformat()}
    seen.update(_pick(full, _CEP if cep else _ADMINISTRATIVE))
    seen["beneficiary"] = _pick(full["beneficiary"], _BENEFICIARY_KEYS)
    if not cep:
        seen["sessions"] = [_pick(s, _SESSION_KEYS) for s in full["sessions"]]
        seen["minutes"] = {
            "total": bilan.total_minutes,
            "accompaniment": bilan.accompaniment_minutes,
        }
        seen["history"] = [_pick(e, _EVENT_KEYS) for e in full["history"]]
    documents = []
    for document, wire in zip(bilan.documents, full["documents"], strict=True):
        shown = _pick(wire, _DOCUMENT_KEYS)
        if document.destroyed_on is not None:
            shown["destroyed_on"] = wire["destroyed_on"]
        elif document.has_content and can_disclose(bilan, document, recipient, when).allowed:
            shown.update(_pick(wire, _CONTENT_KEYS))
        documents.append({k: v for k, v in shown.items() if v is not None})
    seen["documents"] = documents
    return seen
