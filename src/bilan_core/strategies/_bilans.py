"""The :func:`bilans` strategy: whole bilans, valid under the law (and a charter) at a date.

Hypothesis draws four things: the funding route, the phase reached, the number of sessions
and a seed; :func:`~bilan_core.strategies._build.build_bilan` makes every other choice in
plain Python from the seed (about 40 times fewer draws than one draw per choice). Shrinking
stays meaningful: the route shrinks towards CPF, the phase towards completed, the sessions
towards the fewest, and the seed towards 0, whose bilan makes the simplest choice everywhere
(shortest span and delays, smallest amounts, first options).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pendulum
from hypothesis import strategies as st

from bilan_core.phases import Phase
from bilan_core.samples import EXAMPLE_ON
from bilan_core.strategies._build import build_bilan
from bilan_core.strategies._parts import _tags
from bilan_core.strategies._schedule import Shape, shape_of
from bilan_core.strategies._source import SEEDS_MAX, Source

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from bilan_core.bilan import Bilan
    from bilan_core.policy import Policy

__all__ = ["BILAN_PHASES", "bilans", "check_on", "check_phases", "check_shape"]

BILAN_PHASES: tuple[Phase, ...] = (
    Phase.COMPLETED,
    Phase.PRELIMINARY,
    Phase.INVESTIGATION,
    Phase.CONCLUSION,
)
"""The phases :func:`bilans` can reach; the first is the default and the shrink target."""

_MAX_SESSIONS = 12
_SEEDS = st.integers(0, SEEDS_MAX)


def check_on(on: object) -> pendulum.Date:
    """``on`` as a :class:`pendulum.Date`, or :class:`~hypothesis.errors.InvalidArgument`."""
    from hypothesis.errors import InvalidArgument

    if isinstance(on, dt.datetime) or not isinstance(on, dt.date):
        raise InvalidArgument(f"on must be a date, got {type(on).__name__}")
    return pendulum.Date(on.year, on.month, on.day)


def check_phases(phase: object) -> SearchStrategy[Phase]:
    """The strategy of phases for a ``phase=`` option, checked at once."""
    from hypothesis.errors import InvalidArgument

    if phase is None:
        return st.sampled_from(BILAN_PHASES)
    if isinstance(phase, st.SearchStrategy):
        return phase
    if phase not in BILAN_PHASES:
        names = ", ".join(p.value for p in BILAN_PHASES)
        raise InvalidArgument(f"phase must be one of {names}, got {phase!r}")
    return st.just(phase)


def check_shape(policy: object) -> Shape:
    """The shape of valid bilans under ``policy``, checked at once."""
    from hypothesis.errors import InvalidArgument

    from bilan_core.policy import Policy

    if policy is not None and not isinstance(policy, Policy):
        raise InvalidArgument(f"policy must be a bilan_core.Policy, got {type(policy).__name__}")
    try:
        return shape_of(policy)
    except ValueError as error:
        raise InvalidArgument(f"policy {policy.name!r}: {error}") from None  # type: ignore[union-attr]


@st.composite
def _bilans(
    draw: st.DrawFn,
    tags: SearchStrategy[str],
    phases: SearchStrategy[Phase],
    on: pendulum.Date,
    shape: Shape,
) -> Bilan:
    tag = draw(tags)
    phase = draw(phases)
    if phase not in BILAN_PHASES:
        from hypothesis.errors import InvalidArgument

        raise InvalidArgument(f"phase strategy gave {phase!r}, not one of BILAN_PHASES")
    low = shape.sessions_min(in_conclusion=phase is Phase.CONCLUSION)
    count = draw(st.integers(low, max(low, _MAX_SESSIONS)))
    seed = draw(_SEEDS)
    return build_bilan(Source(seed), shape=shape, tag=tag, phase=phase, count=count, on=on)


def bilans(
    *,
    funding: str | SearchStrategy[str] | None = None,
    phase: Phase | SearchStrategy[Phase] | None = None,
    on: dt.date = EXAMPLE_ON,
    policy: Policy | None = None,
) -> SearchStrategy[Bilan]:
    """Realistic bilans, valid under the law (and ``policy``) when validated at ``on``.

    Every bilan has 3 to 12 sessions of the three phases in order (plus, once completed, a
    planned follow-up interview), at office hours on weekdays (Paris time, so the UTC
    instants cross the DST changes), at most 24 h in all with at least 13 h of accompaniment,
    a funding whose delays and amounts fit the timeline, consent before the first session and
    a certified, declared provider. Sessions held are before ``on``, sessions planned after.

    With a charter (:data:`bilan_core.policies.STAFF` or any :class:`~bilan_core.Policy`),
    the bilans also raise no ``POL-`` warning: the charter's duration range and meetings,
    its calendar span and start delays, sessions within its opening hours on its working
    days and never on a public holiday (Alsace-Moselle's included), one-to-one sessions
    in the modalities it offers, the call back and the follow-up month.

    Args:
        funding: a funding tag (``"cpf"``, ``"employer_plan"``, ``"reclassification_leave"``,
            ``"job_seeker"``, ``"public_leave"``, ``"self_funded"``) or a strategy of tags
            (default: every route).
        phase: the phase reached at ``on``: one of :data:`BILAN_PHASES` or a strategy of them
            (default: any of them).
        on: the evaluation date the bilan is valid at (default:
            :data:`bilan_core.EXAMPLE_ON`).
        policy: a provider charter the bilans also satisfy (default: the law only).

    Shrinks towards a completed CPF bilan outside working time with the fewest sessions
    (three; six under STAFF), the shortest span and delays and the smallest amounts.

    Raises:
        hypothesis.errors.InvalidArgument: an unknown funding tag or phase, ``on`` not a
            date, or a policy that leaves no room for a bilan (raised at once, not when
            drawing).
    """
    tags = _tags(funding)
    phases = check_phases(phase)
    return _bilans(tags, phases, check_on(on), check_shape(policy))
