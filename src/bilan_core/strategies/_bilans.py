"""The :func:`bilans` strategy: whole bilans, valid under the law (and a charter) at a date.

Hypothesis draws four things: the funding route, the phase reached, the number of sessions
and a seed; :func:`~bilan_core.strategies._build.build_bilan` (and, for the phases around the
three legal ones, :func:`~bilan_core.strategies._lifecycle.build_in_phase`) makes every other
choice in plain Python from the seed (about 40 times fewer draws than one draw per choice).
Shrinking stays meaningful: the route shrinks towards CPF, the phase towards completed, the
sessions towards the fewest, and the seed towards 0, whose bilan makes the simplest choice
everywhere (shortest span and delays, smallest amounts, first options).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pendulum
from hypothesis import strategies as st

from bilan_core._values import LAST_YEAR
from bilan_core.facts.parameters import ALL_PARAMETERS
from bilan_core.phases import Phase
from bilan_core.samples import EXAMPLE_FUNDINGS, EXAMPLE_ON
from bilan_core.strategies._lifecycle import (
    FOLLOW_UP_SHIFT_MAX,
    build_in_phase,
    needs_conclusion_room,
)
from bilan_core.strategies._schedule import (
    AFTER,
    QUALIOPI_AFTER,
    Shape,
    next_working_day,
    shape_of,
)
from bilan_core.strategies._source import SEEDS_MAX, Source

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hypothesis.strategies import SearchStrategy

    from bilan_core.bilan import Bilan
    from bilan_core.policy import Policy

__all__ = [
    "BILAN_PHASES",
    "FUNDING_ROUTES",
    "LAW_FROM",
    "as_date",
    "bilans",
    "check_on",
    "check_phases",
    "check_routes",
    "check_shape",
    "first_on",
    "last_on",
]

BILAN_PHASES: tuple[Phase, ...] = (
    Phase.COMPLETED,
    Phase.PRELIMINARY,
    Phase.INVESTIGATION,
    Phase.CONCLUSION,
    Phase.FOLLOWED_UP,
    Phase.CLOSED,
    Phase.ABANDONED,
    Phase.INQUIRY,
    Phase.CANCELLED,
)
"""The phases :func:`bilans` can reach: every :class:`~bilan_core.Phase`.

The first is the default's shrink target. By default the three legal phases and completed
bilans are drawn twice as often as each of the others (inquiries and cancelled bilans are
about one draw in seven)."""

_DEFAULT_PHASES = BILAN_PHASES[:4] * 2 + BILAN_PHASES[4:]

FUNDING_ROUTES: tuple[str, ...] = EXAMPLE_FUNDINGS
"""The funding routes :func:`bilans` accepts, as :func:`bilan_core.example_bilan` names them:
the funding tags, and ``"cpf_working_time"`` for a CPF bilan on working time (``"cpf"``: on
working time or not)."""

LAW_FROM: pendulum.Date = max(parameter.values[0].since for parameter in ALL_PARAMETERS)
"""The first day bilan-core's law applies to (2019-01-01: its dated parameters start then).

Generated bilans are agreed on or after it, so :func:`bilans` serves the evaluation dates
``on`` that leave room for a bilan after it (:func:`first_on`)."""

_MAX_SESSIONS = 12
_SEEDS = st.integers(0, SEEDS_MAX)
_ROOM_AFTER = 4 * 366  # days after the bilan's latest date, for deadlines and mutations
_LAST_DAY = pendulum.date(LAST_YEAR, 12, 31)


def first_on(
    phases: Iterable[Phase], shape: Shape, floor: pendulum.Date = LAW_FROM
) -> pendulum.Date:
    """The first evaluation date at which bilans of ``phases`` can all be agreed after ``floor``.

    An inquiry or a cancelled bilan needs a day before ``on``; a preliminary bilan three
    working days, for its sessions held; the others twelve (and the charter's shortest
    span); a followed-up bilan also the follow-up months, its interview held before ``on``.
    """
    day = floor.add(days=1)
    for phase in phases:
        if phase in {Phase.INQUIRY, Phase.CANCELLED}:
            continue
        # The first working day after `floor`, the shortest span, then the sessions held.
        held = next_working_day(shape, floor.add(days=1))
        held = next_working_day(shape, held.add(days=shape.span_min))
        for _ in range(2 if phase is Phase.PRELIMINARY else _MAX_SESSIONS - 1):
            held = next_working_day(shape, held.add(days=1))
        earliest = held.add(days=1)
        if phase is Phase.FOLLOWED_UP:
            earliest = earliest.add(days=31 * shape.follow_up_months + FOLLOW_UP_SHIFT_MAX)
        day = max(day, earliest)
    return day


def last_on(shape: Shape) -> pendulum.Date:
    """The last evaluation date whose bilans keep every date within the model's years."""
    ahead = max(AFTER + QUALIOPI_AFTER, 31 * shape.follow_up_months + 31) + _ROOM_AFTER
    return _LAST_DAY.subtract(days=ahead)


def as_date(on: object) -> pendulum.Date:
    """``on`` as a :class:`pendulum.Date`, or :class:`~hypothesis.errors.InvalidArgument`."""
    from hypothesis.errors import InvalidArgument

    if isinstance(on, dt.datetime) or not isinstance(on, dt.date):
        raise InvalidArgument(f"on must be a date, got {type(on).__name__}")
    return pendulum.Date(on.year, on.month, on.day)


def check_on(
    on: object,
    *,
    phases: Iterable[Phase] = BILAN_PHASES,
    shape: Shape | None = None,
    floor: pendulum.Date = LAW_FROM,
    name: str = "bilans",
) -> pendulum.Date:
    """``on`` as a :class:`pendulum.Date`, or :class:`~hypothesis.errors.InvalidArgument`.

    ``on`` must be a date (not a datetime) that leaves room, between :data:`LAW_FROM` (or
    ``floor``) and the model's last year, for bilans of ``phases`` under ``shape``.
    """
    from hypothesis.errors import InvalidArgument

    day = as_date(on)
    shape = shape or Shape(policy=None)
    wanted = tuple(phases)
    first, last = first_on(wanted, shape, floor), last_on(shape)
    if day < first:
        which = ", ".join(p.value for p in wanted) if len(wanted) < len(BILAN_PHASES) else "any"
        raise InvalidArgument(
            f"{name}(on={day}): the first date served is {first} for phase {which}: the bilans "
            f"are agreed on or after {floor} (bilan-core's law and its dated parameters start "
            f"on {LAW_FROM}; a rule, on the day it comes into force), up to "
            f"{first.toordinal() - floor.toordinal()} days before on"
        )
    if day > last:
        raise InvalidArgument(
            f"{name}(on={day}): the last date served is {last}; the model's dates end with "
            f"{LAST_YEAR} and the bilans' dates (planned sessions, certificates, the follow-up, "
            "retention) reach years after on"
        )
    return day


def check_phases(phase: object) -> SearchStrategy[Phase]:
    """The strategy of phases for a ``phase=`` option, checked at once."""
    from hypothesis.errors import InvalidArgument

    if phase is None:
        return st.sampled_from(_DEFAULT_PHASES)
    if isinstance(phase, st.SearchStrategy):
        return phase
    if not isinstance(phase, Phase):
        names = ", ".join(p.value for p in BILAN_PHASES)
        raise InvalidArgument(f"phase must be a bilan_core.Phase ({names}), got {phase!r}")
    return st.just(phase)


def check_routes(funding: object) -> SearchStrategy[str]:
    """The strategy of route names for a ``funding=`` option, checked at once."""
    from hypothesis.errors import InvalidArgument

    from bilan_core.strategies._parts import FUNDING_TAGS

    if funding is None:
        return st.sampled_from(FUNDING_TAGS)
    if isinstance(funding, st.SearchStrategy):
        return funding
    if funding not in FUNDING_ROUTES:
        raise InvalidArgument(f"funding must be one of {FUNDING_ROUTES}, got {funding!r}")
    return st.just(funding)


def phases_of(phase: object) -> tuple[Phase, ...]:
    """The phases a ``phase=`` option may give (every phase for a strategy)."""
    return (phase,) if isinstance(phase, Phase) else BILAN_PHASES


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


def checked_draw(tag: object, phase: object) -> None:
    """Check the values a ``funding=`` or ``phase=`` strategy gave (when drawing)."""
    from hypothesis.errors import InvalidArgument

    if tag not in FUNDING_ROUTES:
        raise InvalidArgument(f"funding strategy gave {tag!r}, not one of FUNDING_ROUTES")
    if not isinstance(phase, Phase):
        raise InvalidArgument(f"phase strategy gave {phase!r}, not a bilan_core.Phase")


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
    checked_draw(tag, phase)
    low = shape.sessions_min(in_conclusion=needs_conclusion_room(phase))
    count = draw(st.integers(low, max(low, _MAX_SESSIONS)))
    seed = draw(_SEEDS)
    return build_in_phase(
        Source(seed), shape=shape, tag=tag, phase=phase, count=count, on=on, floor=LAW_FROM
    )


def bilans(
    *,
    funding: str | SearchStrategy[str] | None = None,
    phase: Phase | SearchStrategy[Phase] | None = None,
    on: dt.date = EXAMPLE_ON,
    policy: Policy | None = None,
) -> SearchStrategy[Bilan]:
    """Realistic bilans, valid under the law (and ``policy``) when validated at ``on``.

    Every bilan has 3 to 12 sessions of the three phases in order (plus, once completed, a
    follow-up interview), at office hours on weekdays (Paris time, so the UTC instants cross
    the DST changes), at most 24 h in all with at least 13 h of accompaniment, a funding
    whose delays and amounts fit the timeline, consent before the first session and a
    certified, declared provider. Sessions held are before ``on``, sessions planned after.
    Its history replays to its phase, and it is in any phase a real bilan can be in:

    - ``preliminary``, ``investigation``, ``conclusion``: some sessions held, the others
      planned; ``completed``: every session held, the follow-up interview planned;
    - ``followed_up``: the follow-up interview held; ``closed``: it was declined;
    - ``inquiry``: not agreed yet: maybe consent (then maybe the sessions planned), no
      session held, no document; ``cancelled``: an inquiry cancelled, its sessions too;
    - ``abandoned``: stopped during the three phases (the ``abandon`` event, maybe after
      consent was withdrawn): the sessions after it cancelled, the documents destroyed on
      the withdrawal day, when the law ends the action.

    With a charter (:data:`bilan_core.policies.STAFF` or any :class:`~bilan_core.Policy`),
    the bilans also raise no ``POL-`` warning: the charter's duration range and meetings,
    its calendar span and start delays, sessions within its opening hours on its working
    days and never on a public holiday (Alsace-Moselle's included), one-to-one sessions
    in the modalities it offers, the call back and the follow-up month.

    Args:
        funding: a funding route as :func:`bilan_core.example_bilan` names it (``"cpf"``,
            ``"cpf_working_time"``, ``"employer_plan"``, ``"reclassification_leave"``,
            ``"job_seeker"``, ``"public_leave"``, ``"self_funded"``: :data:`FUNDING_ROUTES`)
            or a strategy of them (default: every route; ``"cpf"`` is a CPF bilan on
            working time or not, ``"cpf_working_time"`` one on working time).
        phase: the phase reached at ``on``: any :class:`~bilan_core.Phase` (see
            :data:`BILAN_PHASES`) or a strategy of phases (default: any, the legal phases
            and completed twice as often as the others).
        on: the evaluation date the bilan is valid at (default:
            :data:`bilan_core.EXAMPLE_ON`). Bilans are agreed on or after :data:`LAW_FROM`
            (2019-01-01), so ``on`` must leave room for them: from 2019-01-18 for most
            phases (earlier for an inquiry, a cancelled or a preliminary bilan), 2019-08-22
            for a followed-up one and so for any phase (later under a charter with a
            shortest span or a longer follow-up; :func:`first_on`); and up to 2992-07-26
            (:func:`last_on`), every date of the bilan within the model's years.
        policy: a provider charter the bilans also satisfy (default: the law only).

    Shrinks towards a completed CPF bilan outside working time with the fewest sessions
    (three; six under STAFF), the shortest span and delays and the smallest amounts.

    Raises:
        hypothesis.errors.InvalidArgument: an unknown funding route, a phase that is not a
            :class:`~bilan_core.Phase`, ``on`` not a date or outside the dates served
            (the message says the first or last one), or a policy that leaves no room for a
            bilan (raised at once, not when drawing).
    """
    routes = check_routes(funding)
    phases = check_phases(phase)
    shape = check_shape(policy)
    day = check_on(on, phases=phases_of(phase), shape=shape)
    return _bilans(routes, phases, day, shape)
