"""Builders shared by the rule case tables: variations of the shipped example bilans.

Every builder starts from :func:`bilan_core.samples.example_bilan`, valid on
:data:`~bilan_core.samples.EXAMPLE_ON`, and changes one thing with :func:`attrs.evolve`.
Other test modules may import these helpers (read-only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
import pendulum

import bilan_core as bc
from bilan_core.consent import Consent
from bilan_core.phases import Phase
from bilan_core.samples import EXAMPLE_ON, example_bilan
from bilan_core.sessions import Modality, Session, SessionKind, SessionStatus

if TYPE_CHECKING:
    from collections.abc import Iterable

    from bilan_core.bilan import Bilan
    from bilan_core.references import LegalReference
    from bilan_core.report import Severity, Violation

__all__ = [
    "EXAMPLE_ON",
    "add_session",
    "assert_case",
    "at",
    "consent_on",
    "example_bilan",
    "family_violations",
    "with_beneficiary",
    "with_funding",
    "with_provider",
    "with_session",
]


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 30) -> pendulum.DateTime:
    """A Europe/Paris instant."""
    return pendulum.datetime(year, month, day, hour, minute, tz="Europe/Paris")


def with_funding(bilan: Bilan, **changes: Any) -> Bilan:
    """The bilan with fields of its funding changed."""
    return attrs.evolve(bilan, funding=attrs.evolve(bilan.funding, **changes))  # type: ignore[misc]


def with_beneficiary(bilan: Bilan, **changes: Any) -> Bilan:
    """The bilan with fields of its beneficiary changed."""
    return attrs.evolve(bilan, beneficiary=attrs.evolve(bilan.beneficiary, **changes))


def with_provider(bilan: Bilan, **changes: Any) -> Bilan:
    """The bilan with fields of its provider changed."""
    return attrs.evolve(bilan, provider=attrs.evolve(bilan.provider, **changes))


def with_session(bilan: Bilan, session_id: str, **changes: Any) -> Bilan:
    """The bilan with fields of one session changed."""
    sessions = tuple(
        attrs.evolve(s, **changes) if s.id == session_id else s for s in bilan.sessions
    )
    return attrs.evolve(bilan, sessions=sessions)


def add_session(
    bilan: Bilan,
    start: pendulum.DateTime,
    minutes: int = 120,
    phase: Phase = Phase.INVESTIGATION,
    kind: SessionKind = SessionKind.INTERVIEW,
    **changes: Any,
) -> Bilan:
    """The bilan with one more held remote session."""
    options: dict[str, Any] = {"modality": Modality.REMOTE, "status": SessionStatus.HELD}
    options.update(changes)
    session = Session(
        id=f"extra{len(bilan.sessions)}",
        start=start,
        minutes=minutes,
        phase=phase,
        kind=kind,
        **options,
    )
    return attrs.evolve(bilan, sessions=(*bilan.sessions, session))


def consent_on(bilan: Bilan, when: pendulum.DateTime) -> Bilan:
    """The bilan with its consent given at ``when`` (it moves the reference date of non-CPF
    bilans)."""
    return attrs.evolve(bilan, consent=Consent(given_at=when))


def family_violations(
    bilan: Bilan, family: Iterable[str], on: pendulum.Date = EXAMPLE_ON
) -> list[Violation]:
    """The violations of ``validate(bilan, on=on)`` whose rule id is in ``family``."""
    ids = frozenset(family)
    return [v for v in bc.validate(bilan, on=on).violations if v.rule_id in ids]


def assert_case(
    found: list[Violation],
    expected: Iterable[tuple[str, Severity]],
    references: dict[str, tuple[LegalReference, ...]],
) -> None:
    """The family reported exactly ``expected`` (rule id, severity), each citing the law a
    jurist expects: the rule's references, and one of them at the end of both messages (the
    main one, or the text of the case's own branch for public agents)."""
    assert sorted((v.rule_id, v.severity.value) for v in found) == sorted(
        (rule_id, severity.value) for rule_id, severity in expected
    )
    for violation in found:
        assert violation.references == references[violation.rule_id]
        cited = [ref.citation for ref in violation.references]
        assert any(violation.message.fr.endswith(f"({citation})") for citation in cited)
        assert any(violation.message.en.endswith(f"({citation})") for citation in cited)
        assert violation.path.startswith("$.")
