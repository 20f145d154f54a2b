"""The beneficiary (*bénéficiaire*): the worker who takes the bilan.

The model keeps only what the rules need (C. trav. L6313-4 al. 3, BC-DATA-MINIMISATION): an
opaque id pointing into the caller's own records, the status, the employer's SIRET and dates.
Names, contact details and free text stay outside the library.
"""

from __future__ import annotations

import enum
from typing import Annotated

import attrs
import pendulum

from bilan_core._fields import SORTED, OpaqueId, check_fields
from bilan_core._identifiers import Siret
from bilan_core._values import day, optional_day
from bilan_core.errors import InvalidValue
from bilan_core.text import Text

__all__ = ["Beneficiary", "BeneficiaryStatus", "PublicService"]


class BeneficiaryStatus(enum.Enum):
    """The beneficiary's situation, which decides the funding routes and rules that apply."""

    PRIVATE_EMPLOYEE = "private_employee"
    """Salarié de droit privé."""
    JOB_SEEKER = "job_seeker"
    """Demandeur d'emploi (France Travail, APEC, Cap emploi)."""
    PUBLIC_AGENT = "public_agent"
    """Agent public: fonctionnaire or contractuel; see :class:`PublicService`."""
    SELF_EMPLOYED = "self_employed"
    """Travailleur indépendant."""
    OTHER = "other"
    """Any other active person."""


class PublicService(enum.Enum):
    """The branch of the civil service (*fonction publique*) of a public agent."""

    STATE = "state"
    """Fonction publique de l'État (FPE)."""
    TERRITORIAL = "territorial"
    """Fonction publique territoriale (FPT)."""
    HOSPITAL = "hospital"
    """Fonction publique hospitalière (FPH)."""


def _earlier(value: object) -> tuple[pendulum.Date, ...]:
    if not isinstance(value, (tuple, list)):
        raise InvalidValue(
            Text(
                fr="earlier_funded_bilans est une suite de dates",
                en="earlier_funded_bilans must be a sequence of dates",
            ),
            field="earlier_funded_bilans",
        )
    return tuple(sorted(day(v) for v in value))


@attrs.frozen(kw_only=True)
class Beneficiary:
    """The worker taking the bilan.

    Attributes:
        id: an opaque reference into the caller's records (no name, no e-mail).
        status: private employee, job seeker, public agent, self-employed or other.
        employer_siret: the employing establishment's SIRET, for employees.
        public_service: for a public agent, the branch (State, territorial, hospital).
        priority_agent: a priority public agent of CGFP art. L422-3 (72 h of leave).
        in_service_since: for a public agent, the start of effective service.
        earlier_funded_bilans: purchase or agreement dates of earlier bilans paid with public
            or mutualised funds (for the 5-year waiting periods), sorted.
    """

    id: OpaqueId
    status: BeneficiaryStatus
    employer_siret: Siret | None = None
    public_service: PublicService | None = None
    priority_agent: bool = False
    in_service_since: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    earlier_funded_bilans: Annotated[tuple[pendulum.Date, ...], SORTED] = attrs.field(
        default=(), converter=_earlier
    )

    __attrs_post_init__ = check_fields

    def _invariants(self) -> None:
        if (self.public_service is not None) != (self.status is BeneficiaryStatus.PUBLIC_AGENT):
            raise InvalidValue(_PUBLIC_SERVICE_RULE, field="public_service")


_PUBLIC_SERVICE_RULE = Text(
    fr="public_service est donné pour les agents publics, et pour eux seuls",
    en="public_service is given for public agents, and only for them",
)
