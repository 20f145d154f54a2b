"""The bilan: one beneficiary's skills assessment, as an immutable snapshot.

A :class:`Bilan` is a frozen attrs class: change it with :func:`attrs.evolve` or with the
library's functions (:func:`bilan_core.advance`, :func:`bilan_core.disclose`...), which return
a new bilan. Derived values (hours per phase, first and last session, the reference date) are
computed from the fields and cached on the instance.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Mapping
from types import MappingProxyType

import attrs
import pendulum

from bilan_core._fields import OpaqueId, check_fields, check_unique_ids
from bilan_core._paris import paris_date, paris_end_date
from bilan_core.beneficiary import Beneficiary
from bilan_core.consent import Consent
from bilan_core.consultants import Consultant
from bilan_core.disclosures import Agreement, Disclosure
from bilan_core.documents import Document, DocumentKind
from bilan_core.errors import InvalidValue
from bilan_core.follow_up import FollowUp
from bilan_core.funding import CpfFunding, Funding
from bilan_core.history import Event
from bilan_core.inquiry import Inquiry
from bilan_core.phases import LEGAL_PHASES, Phase
from bilan_core.provider import Provider
from bilan_core.sessions import Session
from bilan_core.text import Text

__all__ = ["Bilan"]

# A tuple: membership by identity, without hashing an enum member in Python.
_LEGAL_PHASES = tuple(LEGAL_PHASES)
# The legal phases in the order of minutes_by_phase.
_PHASES = (Phase.PRELIMINARY, Phase.INVESTIGATION, Phase.CONCLUSION)
# Stores a derived value in its cached slot (a frozen class: as functools.cached_property does).
_set = object.__setattr__
# The sort keys of the sessions: by start, then id (C-level keys, no Python call per item).
_START = operator.attrgetter("start")
_START_AND_ID = operator.attrgetter("start", "id")


def _tuple(value: object) -> tuple[object, ...]:
    if type(value) is tuple:
        return value
    if not isinstance(value, (tuple, list)):
        raise InvalidValue(Text(fr="une suite est attendue", en="expected a sequence"))
    return tuple(value)


def _dangling(what: str) -> Text:
    names = {
        "site": ("aucun site du prestataire", "no site of the provider"),
        "consultant": ("aucun consultant du bilan", "no consultant of the bilan"),
        "document": ("aucun document du bilan", "no document of the bilan"),
        "agreement": ("aucun accord du bilan", "no agreement of the bilan"),
    }
    fr, en = names[what]
    return Text(fr=f"ne désigne {fr}", en=f"names {en}")


def _check_session_references(bilan: Bilan) -> None:
    sites = {site.id for site in bilan.provider.sites}
    consultants = {consultant.id for consultant in bilan.consultants}
    for index, session in enumerate(bilan.sessions):
        if session.site_id is not None and session.site_id not in sites:
            raise InvalidValue(_dangling("site"), field=f"sessions[{index}].site_id")
        if session.consultant_id is not None and session.consultant_id not in consultants:
            raise InvalidValue(_dangling("consultant"), field=f"sessions[{index}].consultant_id")


def _check_document_references(bilan: Bilan) -> None:
    documents = {document.id for document in bilan.documents}
    referring = (
        ("agreements", [agreement.document_ids for agreement in bilan.agreements]),
        ("disclosures", [disclosure.document_ids for disclosure in bilan.disclosures]),
    )
    for field, id_lists in referring:
        for index, ids in enumerate(id_lists):
            for position, document_id in enumerate(ids):
                if document_id not in documents:
                    raise InvalidValue(
                        _dangling("document"), field=f"{field}[{index}].document_ids[{position}]"
                    )
    agreements = {agreement.id for agreement in bilan.agreements}
    for index, disclosure in enumerate(bilan.disclosures):
        if disclosure.agreement_id is not None and disclosure.agreement_id not in agreements:
            raise InvalidValue(_dangling("agreement"), field=f"disclosures[{index}].agreement_id")


@attrs.frozen(kw_only=True)
class Bilan:
    """A bilan de compétences: who, by whom, how it is paid, its sessions and documents.

    Attributes:
        id: the provider's reference for the bilan.
        beneficiary: the worker taking it.
        provider: the organisation carrying it out.
        funding: how it is paid for.
        phase: where it stands (see :class:`~bilan_core.Phase`).
        consultants: the consultants involved.
        inquiry: the first contact, if recorded.
        consent: the beneficiary's consent, once given.
        sessions: every session, in any order (sorted views are derived).
        documents: the documents, including destroyed ones (tombstones).
        agreements: the beneficiary's agreements, requests and objections about transmissions.
        disclosures: the transmissions of documents that took place.
        follow_up: what became of the follow-up interview.
        history: every phase event, oldest first.
    """

    id: OpaqueId
    beneficiary: Beneficiary
    provider: Provider
    funding: Funding
    phase: Phase = Phase.INQUIRY
    consultants: tuple[Consultant, ...] = attrs.field(default=(), converter=_tuple)
    inquiry: Inquiry | None = None
    consent: Consent | None = None
    sessions: tuple[Session, ...] = attrs.field(default=(), converter=_tuple)
    documents: tuple[Document, ...] = attrs.field(default=(), converter=_tuple)
    agreements: tuple[Agreement, ...] = attrs.field(default=(), converter=_tuple)
    disclosures: tuple[Disclosure, ...] = attrs.field(default=(), converter=_tuple)
    follow_up: FollowUp = attrs.field(factory=FollowUp)
    history: tuple[Event, ...] = attrs.field(default=(), converter=_tuple)

    __attrs_post_init__ = check_fields

    def _invariants(self) -> None:
        """Ids unique in each array; every reference names an item of the bilan."""
        for name, items in (
            ("consultants", self.consultants),
            ("sessions", self.sessions),
            ("documents", self.documents),
            ("agreements", self.agreements),
        ):
            if len(items) > 1:  # one item or none: nothing can repeat
                check_unique_ids(items, name)
        _check_session_references(self)
        if self.agreements or self.disclosures:  # nothing else refers to a document
            _check_document_references(self)

    # -- derived values -------------------------------------------------------------------

    def _derive(self) -> tuple[tuple[Session, ...], int, int]:
        """The sessions that count, by start, and their totals, in one pass.

        :attr:`bilan_sessions`, :attr:`total_minutes` and :attr:`accompaniment_minutes` are
        computed here the first time any of them is read, and each is stored in its own
        cached slot (as ``functools.cached_property`` stores it).
        """
        kept = [s for s in self.sessions if s.counts and s.phase in _LEGAL_PHASES]
        kept.sort(key=_START)
        starts = [s.start for s in kept]
        if any(map(operator.eq, starts, starts[1:])):  # two sessions start together: by id then
            kept.sort(key=_START_AND_ID)
        sessions = tuple(kept)
        total = accompaniment = 0
        for session in sessions:
            minutes = session.minutes
            total += minutes
            if session.is_accompaniment:
                accompaniment += minutes
        _set(self, "bilan_sessions", sessions)
        _set(self, "total_minutes", total)
        _set(self, "accompaniment_minutes", accompaniment)
        return sessions, total, accompaniment

    @functools.cached_property
    def bilan_sessions(self) -> tuple[Session, ...]:
        """The sessions of the three legal phases that count (not cancelled), by start."""
        return self._derive()[0]

    @functools.cached_property
    def total_minutes(self) -> int:
        """Minutes of the three phases, accompaniment and personal work (planned or held).

        The follow-up interview comes after the bilan and is not counted.
        """
        return self._derive()[1]

    @functools.cached_property
    def accompaniment_minutes(self) -> int:
        """Minutes of effective accompaniment by the provider in the three phases."""
        return self._derive()[2]

    @property
    def personal_work_minutes(self) -> int:
        """Minutes of the three phases that are not accompaniment."""
        return self.total_minutes - self.accompaniment_minutes

    @functools.cached_property
    def minutes_by_phase(self) -> Mapping[Phase, int]:
        """Minutes per legal phase (every legal phase present, zero when empty); read-only."""
        totals = dict.fromkeys(_PHASES, 0)
        for session in self.bilan_sessions:
            totals[session.phase] += session.minutes
        return MappingProxyType(totals)

    @property
    def total_hours(self) -> float:
        """:attr:`total_minutes` in hours, for display."""
        return self.total_minutes / 60

    @property
    def accompaniment_hours(self) -> float:
        """:attr:`accompaniment_minutes` in hours, for display."""
        return self.accompaniment_minutes / 60

    @property
    def first_session(self) -> Session | None:
        """The earliest session of the three phases that counts, if any."""
        return self.bilan_sessions[0] if self.bilan_sessions else None

    @property
    def last_session(self) -> Session | None:
        """The latest session of the three phases that counts, if any."""
        return self.bilan_sessions[-1] if self.bilan_sessions else None

    @functools.cached_property
    def reference_date(self) -> pendulum.Date | None:
        """The day the bilan was agreed: it picks the version of each rule that applies.

        For a CPF bilan, the purchase date; otherwise the Europe/Paris day of the consent;
        failing both, the day of the first session; ``None`` when nothing is dated yet.
        """
        if isinstance(self.funding, CpfFunding):
            return self.funding.purchase_date
        if self.consent is not None:
            return paris_date(self.consent.given_at)
        first = self.first_session
        return paris_date(first.start) if first is not None else None

    @property
    def end_date(self) -> pendulum.Date | None:
        """The end of the action: the Europe/Paris day the last session of the phases ends."""
        last = self.last_session
        return paris_end_date(last.start, last.minutes) if last is not None else None

    def documents_of(self, kind: DocumentKind) -> tuple[Document, ...]:
        """The documents of one kind."""
        return tuple(d for d in self.documents if d.kind is kind)

    def document(self, document_id: str) -> Document | None:
        """The document with this id, or ``None``."""
        for candidate in self.documents:
            if candidate.id == document_id:
                return candidate
        return None
