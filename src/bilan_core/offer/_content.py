"""What the bilan of the offer consists of, and what the offer promises about it.

The methods (the phases and what each covers), the resources, the accessibility, the outline
of the synthesis, the follow-up, the result indicators, the confidentiality promise and the
Qualiopi mention.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Annotated, Final

import attrs
import pendulum

from bilan_core._fields import OneOf, Pattern, Range, check_fields, check_order, check_together
from bilan_core._values import optional_day
from bilan_core.disclosures import RecipientKind
from bilan_core.errors import InvalidValue
from bilan_core.offer._parts import Contact, Length, as_frozenset, as_tuple, said
from bilan_core.phases import Phase
from bilan_core.sessions import Modality
from bilan_core.text import Text

__all__ = [
    "FIGURE",
    "Accessibility",
    "Confidentiality",
    "FollowUpTerms",
    "Methods",
    "OutlineItem",
    "OutlinePhase",
    "PhaseOutline",
    "QualiopiMention",
    "ResourceGroup",
    "ResultIndicator",
    "ResultKind",
    "ResultUnit",
    "Synthesis",
    "SynthesisPart",
]

OutlinePhase = Annotated[
    Phase,
    OneOf(
        Phase.INQUIRY, Phase.PRELIMINARY, Phase.INVESTIGATION, Phase.CONCLUSION, Phase.FOLLOWED_UP
    ),
]
"""A step of the bilan an offer describes: the prior information (``inquiry``), one of the
three legal phases, or the follow-up (``followed_up``)."""


@attrs.frozen(kw_only=True)
class PhaseOutline:
    """A step of the bilan and what it covers, as the offer describes it.

    Attributes:
        phase: the step.
        items: what it covers, one line each.
    """

    phase: OutlinePhase
    items: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)

    __attrs_post_init__ = check_fields


@attrs.frozen(kw_only=True)
class Methods:
    """The methods (*méthodes mobilisées*): the steps, and how the bilan is carried out.

    Attributes:
        phases: the steps the offer describes, in order.
        individual: the bilan is individual (*en individuel*).
        modalities: the modalities offered: in person, remote.
        blended: a bilan may mix them (*mixte*).
        in_person_at_provider_sites: in-person meetings take place at the provider's sites.
        engagement_document: the beneficiary signs a document of engagement at the end of the
            preliminary phase.
        approach: the other promises of the approach, one line each (a referent, specialists,
            a neutral approach…).
    """

    phases: tuple[PhaseOutline, ...] = attrs.field(default=(), converter=as_tuple)
    individual: bool | None = None
    modalities: frozenset[Modality] = attrs.field(default=frozenset(), converter=as_frozenset)
    blended: bool | None = None
    in_person_at_provider_sites: bool | None = None
    engagement_document: bool | None = None
    approach: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)

    __attrs_post_init__ = check_fields

    def _invariants(self) -> None:
        if self.blended and len(self.modalities) < 2:  # noqa: PLR2004 - in person and remote
            raise InvalidValue(
                Text(
                    fr="un bilan mixte suppose les deux modalités",
                    en="a blended bilan needs both modalities",
                ),
                field="blended",
            )

    @property
    def described(self) -> bool:
        """Whether it says something of how the bilan is carried out."""
        return any(said(step.items) for step in self.phases) or said(self.approach)

    def outline_of(self, phase: Phase) -> PhaseOutline | None:
        """The description of one step, if the offer gives one."""
        for step in self.phases:
            if step.phase is phase:
                return step
        return None


@attrs.frozen(kw_only=True)
class ResourceGroup:
    """A group of resources and tools (*ressources et outils*) the offer lists.

    Attributes:
        title: the group's heading, as printed.
        items: its items, one line each.
    """

    title: str
    items: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)

    __attrs_post_init__ = check_fields


@attrs.frozen(kw_only=True)
class Accessibility:
    """Accessibility to people with disabilities (*accessibilité aux personnes handicapées*).

    Attributes:
        premises: what the offer says of access to the premises, one line each.
        reduced_mobility_access: the premises are accessible to people with reduced mobility.
        adaptations: the adaptations offered for a disability, one line each.
        disability_contact: the disability referent (*référent handicap*), when the offer
            names one.
    """

    premises: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    reduced_mobility_access: bool | None = None
    adaptations: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    disability_contact: Contact | None = None

    __attrs_post_init__ = check_fields

    @property
    def stated(self) -> bool:
        """Whether it says anything at all."""
        return (
            said(self.premises)
            or said(self.adaptations)
            or self.reduced_mobility_access is not None
            or self.disability_contact is not None
        )


class SynthesisPart(enum.Enum):
    """Which part of a synthesis an item of the outline is (the four of a STAFF synthesis)."""

    CIRCUMSTANCES = "circumstances"
    CONDUCT = "conduct"
    PROSPECTS = "prospects"
    ACTION_PLAN = "action_plan"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class OutlineItem:
    """One heading of the synthesis's outline.

    Attributes:
        part: which part of a synthesis it is.
        title: the heading, as printed.
        details: what it holds, one line each.
    """

    part: SynthesisPart
    title: str
    details: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)

    __attrs_post_init__ = check_fields


@attrs.frozen(kw_only=True)
class Synthesis:
    """The synthesis document (*document de synthèse*) the offer announces.

    Attributes:
        outline: its headings, in order.
        at_last_meeting: it is presented for observations and handed over at the last
            meeting.
    """

    outline: tuple[OutlineItem, ...] = attrs.field(default=(), converter=as_tuple)
    at_last_meeting: bool | None = None

    __attrs_post_init__ = check_fields

    @property
    def parts(self) -> frozenset[SynthesisPart]:
        """The parts its outline covers."""
        return frozenset(item.part for item in self.outline)


@attrs.frozen(kw_only=True)
class FollowUpTerms:
    """The follow-up interview the offer announces (*entretien de suivi*).

    Attributes:
        after: how long after the end of the bilan it takes place.
        items: what it covers, one line each.
    """

    after: Length
    items: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)

    __attrs_post_init__ = check_fields


class ResultKind(enum.Enum):
    """What a result indicator measures (Qualiopi indicator 2)."""

    SATISFACTION = "satisfaction"
    """The beneficiaries' satisfaction (*taux de satisfaction*)."""
    COMPLETION = "completion"
    """Bilans carried to their end (*taux de réalisation*)."""
    ABANDONMENT = "abandonment"
    """Bilans abandoned (*taux d'abandon*)."""
    BENEFICIARIES = "beneficiaries"
    """How many beneficiaries (*nombre de bénéficiaires*)."""
    OTHER = "other"


class ResultUnit(enum.Enum):
    """The unit of a result figure."""

    PERCENT = "percent"
    COUNT = "count"
    SCORE = "score"
    """A mark out of :attr:`ResultIndicator.scale` (``4.6`` out of ``5``)."""


FIGURE: Final = Pattern(
    regex=r"[0-9]{1,9}(?:\.[0-9]{1,2})?",
    rule=Text(
        fr='un nombre décimal en chiffres, comme "96" ou "4.6", est attendu',
        en='expected a decimal number in digits, such as "96" or "4.6"',
    ),
    name="figure",
)
"""A published figure: digits, and up to two decimals after a point."""

Figure = Annotated[str, FIGURE]


@attrs.frozen(kw_only=True)
class ResultIndicator:
    """A result indicator the offer publishes (Qualiopi indicator 2).

    Attributes:
        kind: what it measures.
        label: how the offer names it, as printed.
        value: the figure, as printed (``"96"``, ``"4.6"``).
        unit: percent, a count or a score.
        scale: for a score: what it is out of.
        period_start: the first day of the period measured.
        period_end: the last day of the period measured.
        sample_size: how many beneficiaries (or answers) the figure is computed from.
    """

    kind: ResultKind
    label: str
    value: Figure
    unit: ResultUnit
    scale: Annotated[int, Range(1, 1000)] | None = None
    period_start: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    period_end: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    sample_size: Annotated[int, Range(1, 10_000_000)] | None = None

    __attrs_post_init__ = check_fields

    def _invariants(self) -> None:
        check_together(self, "period_start", "period_end")
        check_order(self, "period_start", "period_end")
        if (self.unit is ResultUnit.SCORE) != (self.scale is not None):
            raise InvalidValue(
                Text(
                    fr="scale est donné pour une note, et pour elle seule",
                    en="scale is given for a score, and only for it",
                ),
                field="scale",
            )
        figure = self.figure
        if self.unit is ResultUnit.PERCENT and figure > _HUNDRED:
            raise InvalidValue(
                Text(fr="un pourcentage de 0 à 100", en="a percentage from 0 to 100"),
                field="value",
            )
        if self.scale is not None and figure > self.scale:
            raise InvalidValue(
                Text(fr="la note dépasse son barème", en="the score exceeds its scale"),
                field="value",
            )

    @property
    def figure(self) -> Decimal:
        """:attr:`value` as a number."""
        return Decimal(self.value)

    @property
    def has_period(self) -> bool:
        """Whether the period measured is given."""
        return self.period_start is not None and self.period_end is not None


_HUNDRED: Final = Decimal(100)


@attrs.frozen(kw_only=True)
class Confidentiality:
    """What the offer promises about the results of the bilan.

    Attributes:
        recipients: who the offer says receives the detailed results and the synthesis
            (the law: the beneficiary alone, C. trav. L6313-4).
        third_parties_with_agreement: the offer says the results go to a third party only
            with the beneficiary's agreement.
        statement: the promise as the offer words it, one line each.
    """

    recipients: frozenset[RecipientKind] = attrs.field(
        default=frozenset({RecipientKind.BENEFICIARY}), converter=as_frozenset
    )
    third_parties_with_agreement: bool = False
    statement: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)

    __attrs_post_init__ = check_fields


@attrs.frozen(kw_only=True)
class QualiopiMention:
    """What the offer shows of the provider's Qualiopi certification.

    Attributes:
        certificate_displayed: the certificate (or a link to it) is shown with the offer.
        logo: the Qualiopi logo is used.
        category_mentioned: the offer names the certified category ("La certification
            qualité a été délivrée au titre de la catégorie d'action suivante : bilans de
            compétences").
    """

    certificate_displayed: bool = False
    logo: bool = False
    category_mentioned: bool = False

    __attrs_post_init__ = check_fields
