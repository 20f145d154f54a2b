"""The :func:`bilans_violating` strategy: bilans that break one rule and no other error rule.

Each rule has a :class:`~bilan_core.strategies._mutations.Break`: the routes and phases of the
valid bilans it starts from and a mutation. The strategy builds a valid bilan (as
:func:`~bilan_core.strategies.bilans` does), mutates it, and checks the verdict with
:func:`~bilan_core.validate`: the rule is reported (an error, or a warning for a rule whose
finding is a warning there) and no other rule is reported as an error. A draw whose mutation
broke more is retried with another seed (a few at most; Hypothesis then rejects the draw).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final, TypeVar

from hypothesis import strategies as st

from bilan_core.funding import CpfFunding
from bilan_core.phases import Phase
from bilan_core.report import Severity
from bilan_core.samples import EXAMPLE_ON
from bilan_core.sessions import Modality
from bilan_core.strategies import _policy_mutations as pol
from bilan_core.strategies._bilans import (
    FUNDING_ROUTES,
    LAW_FROM,
    as_date,
    check_on,
    check_phases,
    check_routes,
    check_shape,
)
from bilan_core.strategies._build import build_bilan
from bilan_core.strategies._mutations import (
    _ALL_PHASES,
    _DONE,
    _EMPLOYER_ROUTES,
    _IN_PROGRESS,
    _STARTED,
    Break,
    _conclusion_personal,
    _consent_required,
    _consent_withdrawn,
    _convention_acceptance,
    _convention_content,
    _convention_required,
    _cpf_accompaniment,
    _cpf_answer,
    _cpf_cap,
    _cpf_notice,
    _cpf_participation,
    _cpf_waiting,
    _declared,
    _disclosure,
    _duration_max,
    _duration_min,
    _follow_up_offered,
    _not_employer,
    _phases_complete,
    _phases_order,
    _public_answer,
    _public_convention,
    _public_frequency,
    _public_hours,
    _public_notice,
    _qualiopi,
    _results,
    _retention,
)
from bilan_core.strategies._parts import FUNDING_TAGS
from bilan_core.strategies._source import SEEDS_MAX, Source

if TYPE_CHECKING:
    from collections.abc import Callable

    import pendulum
    from hypothesis.strategies import SearchStrategy

    from bilan_core.bilan import Bilan
    from bilan_core.checks._model import Rule
    from bilan_core.policy import Policy
    from bilan_core.strategies._schedule import Shape

__all__ = ["BREAKABLE_RULES", "UNBREAKABLE_RULES", "bilans_violating", "breaks_only"]

_CPF = ("cpf",)
_START_ROUTES = ("cpf", "self_funded")
_PUBLIC = ("public_leave",)
_RECENT = (Phase.PRELIMINARY,)  # rules in force since 2026-02-26: a recent agreement

_BREAKS: Final[dict[str, Break]] = {
    "BC-CPF-EMPLOYER-NOTICE": Break(_CPF, _ALL_PHASES, _cpf_notice),
    "BC-CPF-EMPLOYER-ANSWER": Break(_CPF, _ALL_PHASES, _cpf_answer),
    "BC-CPF-PARTICIPATION": Break(_CPF, _ALL_PHASES, _cpf_participation),
    "BC-CPF-CAP": Break(_CPF, _RECENT, _cpf_cap),
    "BC-CPF-WAITING-PERIOD": Break(_CPF, _RECENT, _cpf_waiting),
    "BC-CPF-ACCOMPANIMENT-ONLY": Break(_CPF, _RECENT, _cpf_accompaniment),
    "BC-CONSENT-REQUIRED": Break(None, _ALL_PHASES, _consent_required),
    "BC-CONSENT-WITHDRAWN": Break(None, _ALL_PHASES, _consent_withdrawn),
    "BC-PROVIDER-NOT-EMPLOYER": Break(_EMPLOYER_ROUTES, _ALL_PHASES, _not_employer),
    "BC-PROVIDER-QUALIOPI": Break(("cpf", "job_seeker"), _ALL_PHASES, _qualiopi),
    "BC-PROVIDER-DECLARED": Break(None, _ALL_PHASES, _declared),
    "BC-PHASES-COMPLETE": Break(None, _STARTED, _phases_complete),
    "BC-PHASES-ORDER": Break(None, _ALL_PHASES, _phases_order),
    "BC-CONCLUSION-PERSONAL": Break(None, _ALL_PHASES, _conclusion_personal),
    "BC-FOLLOW-UP-OFFERED": Break(None, _DONE, _follow_up_offered),
    "BC-DURATION-MAX": Break(None, _ALL_PHASES, _duration_max),
    "BC-DURATION-MIN": Break(None, _RECENT, _duration_min),
    "BC-CONVENTION-REQUIRED": Break(_EMPLOYER_ROUTES, _ALL_PHASES, _convention_required),
    "BC-CONVENTION-CONTENT": Break(_EMPLOYER_ROUTES, _ALL_PHASES, _convention_content),
    "BC-CONVENTION-ACCEPTANCE": Break(_EMPLOYER_ROUTES, _ALL_PHASES, _convention_acceptance),
    "BC-PUBLIC-LEAVE-NOTICE": Break(_PUBLIC, _ALL_PHASES, _public_notice),
    "BC-PUBLIC-LEAVE-ANSWER": Break(_PUBLIC, _ALL_PHASES, _public_answer),
    "BC-PUBLIC-CONVENTION": Break(_PUBLIC, _ALL_PHASES, _public_convention),
    "BC-PUBLIC-LEAVE-HOURS": Break(_PUBLIC, _ALL_PHASES, _public_hours),
    "BC-PUBLIC-FREQUENCY": Break(_PUBLIC, _ALL_PHASES, _public_frequency),
    "BC-RESULTS-TO-BENEFICIARY": Break(None, _DONE, _results),
    "BC-DISCLOSURE-CONSENT": Break(None, _DONE, _disclosure),
    "BC-DOCUMENT-RETENTION": Break(None, _DONE, _retention),
    "POL-DURATION-RANGE": Break(None, _ALL_PHASES, pol.duration_range),
    "POL-MEETINGS-MIN": Break(None, _ALL_PHASES, pol.meetings_min),
    "POL-SPAN": Break(None, _IN_PROGRESS, pol.span),
    "POL-START-DELAY": Break(_START_ROUTES, _ALL_PHASES, pol.start_delay),
    "POL-INDIVIDUAL": Break(None, _ALL_PHASES, pol.individual),
    "POL-MODALITIES": Break(None, _ALL_PHASES, pol.modalities),
    "POL-ENGAGEMENT-DOCUMENT": Break(None, _STARTED, pol.engagement),
    "POL-SYNTHESIS-SECTIONS": Break(None, _DONE, pol.synthesis_sections),
    "POL-SYNTHESIS-LAST-MEETING": Break(None, _DONE, pol.synthesis_last_meeting),
    "POL-FOLLOW-UP-6M": Break(None, _DONE, pol.follow_up),
    "POL-CALLBACK": Break(None, _ALL_PHASES, pol.callback),
    "POL-OPENING-HOURS": Break(None, _ALL_PHASES, pol.opening_hours),
}


def _start_routes(policy: Policy) -> tuple[str, ...]:
    """The routes POL-START-DELAY is broken on whose delay the charter states."""
    return tuple(r for r in _START_ROUTES if policy.start_delay_max(r) is not None)


def _site_or_offer(policy: Policy) -> bool:
    offered = policy.modalities
    return policy.in_person_at_provider_site is True or (
        offered is not None and Modality.IN_PERSON not in offered
    )


_STATED: Final[dict[str, tuple[Callable[[Policy], bool], str]]] = {
    "POL-DURATION-RANGE": (
        lambda p: p.duration_min_minutes is not None,
        "duration_min_minutes (the bilans fall short of it)",
    ),
    "POL-MEETINGS-MIN": (lambda p: p.meetings_min is not None, "meetings_min"),
    "POL-SPAN": (
        lambda p: p.span_max_days is not None,
        "span_max_days (the bilans run beyond it)",
    ),
    "POL-START-DELAY": (
        lambda p: bool(_start_routes(p)),
        "start_delay_max_days for cpf or self_funded",
    ),
    "POL-INDIVIDUAL": (lambda p: p.individual_only is True, "individual_only = true"),
    "POL-MODALITIES": (
        _site_or_offer,
        (
            "in_person_at_provider_site = true, or modalities without in_person (the bilans "
            "hold an in-person session at no site)"
        ),
    ),
    "POL-ENGAGEMENT-DOCUMENT": (
        lambda p: p.engagement_document_required is True,
        "engagement_document_required = true",
    ),
    "POL-SYNTHESIS-SECTIONS": (
        lambda p: p.synthesis_sections_required is True,
        "synthesis_sections_required = true",
    ),
    "POL-SYNTHESIS-LAST-MEETING": (
        lambda p: p.synthesis_at_last_meeting is True,
        "synthesis_at_last_meeting = true",
    ),
    "POL-FOLLOW-UP-6M": (lambda p: p.follow_up_months is not None, "follow_up_months"),
    "POL-CALLBACK": (
        lambda p: p.callback_max_working_hours is not None,
        "callback_max_working_hours",
    ),
    "POL-OPENING-HOURS": (
        lambda p: p.opening_hours is not None or p.amplitude is not None,
        "opening_hours or amplitude (the bilans hold a meeting at 07:00, 18:00 or 19:00)",
    ),
}
"""What a charter must state for :func:`bilans_violating` to break each ``POL-`` rule."""


def _charter_problem(rule_id: str, policy: Policy) -> str | None:
    """Why ``policy`` gives no bilan breaking ``rule_id`` (``None``: it does)."""
    stated, needs = _STATED[rule_id]
    if not stated(policy):
        return f"the charter {policy.name!r} does not state it: it needs {needs}"
    if rule_id in policy.disabled:
        return f"the charter {policy.name!r} disables it"
    if policy.severities.get(rule_id) is Severity.INFO:
        return f"the charter {policy.name!r} lowers it to info (only errors and warnings count)"
    return None


UNBREAKABLE_RULES: Final[dict[str, str]] = {
    "BC-DATA-MINIMISATION": (
        "the rule is structural: the model holds only the data the rules need (an opaque "
        "beneficiary id, a status, an employer SIRET, dates), so no bilan can carry "
        "unrelated personal data and the check never reports anything"
    ),
}
"""Rules no bilan can break, and why (:func:`bilans_violating` refuses them with this text)."""

BREAKABLE_RULES: Final[tuple[str, ...]] = tuple(_BREAKS)
"""The rule ids :func:`bilans_violating` accepts (``POL-`` ones need a policy).

With :data:`UNBREAKABLE_RULES`, every rule of the catalogue that judges a bilan (the rules
judging a provider's offer are refused: no bilan breaks them)."""

_ATTEMPTS = 8
_OFF_WORKING_TIME = frozenset({"POL-START-DELAY"})  # its mutation needs a CPF off work
_START_DELAY_MORE = 21  # days: POL-START-DELAY moves the agreement this much beyond the delay
_T = TypeVar("_T")
_SEEDS = st.integers(0, SEEDS_MAX)
_MAX_SESSIONS = 12


def breaks_only(report_violations: tuple[object, ...], rule_id: str) -> bool:
    """Whether a report's violations show ``rule_id`` (error or warning) and no other error."""
    found = False
    for violation in report_violations:
        rule = getattr(violation, "rule_id", None)
        severity = getattr(violation, "severity", None)
        if rule == rule_id and severity in {Severity.ERROR, Severity.WARNING}:
            found = True
        elif severity is Severity.ERROR:
            return False
    return found


@st.composite  # noqa: RET503 - reject() raises
def _violating(
    draw: st.DrawFn,
    rule_id: str,
    *,
    tags: SearchStrategy[str],
    phases: SearchStrategy[Phase],
    on: pendulum.Date,
    shape: Shape,
    floor: pendulum.Date,
) -> Bilan:
    from hypothesis import reject

    from bilan_core.validation import validate

    brk = _BREAKS[rule_id]
    tag = draw(tags)
    phase = draw(phases)
    low = shape.sessions_min(in_conclusion=phase is Phase.CONCLUSION)
    count = draw(st.integers(low, max(low, _MAX_SESSIONS)))
    for _ in range(_ATTEMPTS):
        src = Source(draw(_SEEDS))
        base = build_bilan(src, shape=shape, tag=tag, phase=phase, count=count, on=on, floor=floor)
        bilan = brk.mutate(src, base, shape, on)
        if bilan is None or not _on_route(bilan, tag):
            continue
        report = validate(bilan, on=on, policy=shape.policy)
        if breaks_only(report.violations, rule_id):
            return bilan
    reject()  # pragma: no cover - every mutation succeeds within a few seeds (tested)


def _on_route(bilan: Bilan, tag: str) -> bool:
    """Whether ``bilan`` is still on route ``tag`` (a mutation may move a CPF bilan off work)."""
    funding = bilan.funding
    return tag != "cpf_working_time" or (
        isinstance(funding, CpfFunding) and funding.on_working_time
    )


def _routes(rule_id: str, tags: tuple[str, ...]) -> tuple[str, ...]:
    """The route names a rule accepts: its tags, and the CPF on working time with the CPF."""
    if "cpf" not in tags or rule_id in _OFF_WORKING_TIME:
        return tags
    return tuple(r for r in FUNDING_ROUTES if r in tags or r == "cpf_working_time")


def _narrow(
    name: str,
    value: object,
    allowed: tuple[_T, ...],
    strategy: SearchStrategy[_T],
    *,
    default: tuple[_T, ...] | None = None,
) -> SearchStrategy[_T]:
    """``strategy`` within ``allowed`` (``default``, or ``allowed``, when ``value`` is None)."""
    from hypothesis.errors import InvalidArgument

    if isinstance(value, st.SearchStrategy):
        return strategy.filter(lambda v: v in allowed)
    if value is not None and value not in allowed:
        raise InvalidArgument(f"{name}={value!r}: the rule can only be broken with {allowed}")
    return strategy if value is not None else st.sampled_from(default or allowed)


def _breakable_rule(rule_id: object, day: pendulum.Date, policy: Policy | None) -> Rule:
    """The rule ``rule_id`` names, if a bilan can break it at ``day`` (else InvalidArgument)."""
    from hypothesis.errors import InvalidArgument

    from bilan_core.checks._catalogue import catalogue
    from bilan_core.errors import UnknownRule

    if not isinstance(rule_id, str):
        raise InvalidArgument(f"rule_id must be a rule id string, got {type(rule_id).__name__}")
    if rule_id in UNBREAKABLE_RULES:
        raise InvalidArgument(f"{rule_id} cannot be broken: {UNBREAKABLE_RULES[rule_id]}")
    try:
        rule = catalogue.rule(rule_id)
    except UnknownRule:
        raise InvalidArgument(f"unknown rule id {rule_id!r}") from None
    if rule.subject != "bilan":
        raise InvalidArgument(f"{rule_id} judges a provider's {rule.subject}, not a bilan")
    if rule_id not in _BREAKS:  # pragma: no cover - a rule added without a mutation
        raise InvalidArgument(f"no mutation breaks {rule_id} yet")
    if rule.in_force_from > day:
        raise InvalidArgument(f"{rule_id} is not in force on {day} (from {rule.in_force_from})")
    if rule_id.startswith("POL-") and policy is None:
        raise InvalidArgument(f"{rule_id} is a charter's rule: give policy= (e.g. STAFF)")
    return rule


def bilans_violating(
    rule_id: str,
    *,
    on: dt.date = EXAMPLE_ON,
    funding: str | SearchStrategy[str] | None = None,
    phase: Phase | SearchStrategy[Phase] | None = None,
    policy: Policy | None = None,
) -> SearchStrategy[Bilan]:
    """Bilans that break ``rule_id`` and no other error-severity rule, validated at ``on``.

    Each bilan is a valid bilan of :func:`~bilan_core.strategies.bilans` changed in one
    place (a notice cut short, a convention left unsigned, 24 h 01 of sessions, a meeting
    at 19:00...). ``validate(bilan, on=on, policy=policy)`` reports ``rule_id``, as an error
    or, for a rule that reports a warning in that case, as a warning; it reports no other
    error (warnings and notes of other rules may come along: cutting the accompaniment
    below 13 h, say, also leaves the CPF paying for more hours than were held).

    Args:
        rule_id: a rule of the catalogue (see :data:`BREAKABLE_RULES`).
        on: the evaluation date (default: :data:`bilan_core.EXAMPLE_ON`). The bilans are
            agreed on or after the day the rule came into force (and 2019-01-01), so ``on``
            must leave room for that (as :func:`~bilan_core.strategies.bilans`'s).
        funding: a funding route (see :data:`~bilan_core.strategies.FUNDING_ROUTES`) or a
            strategy of them; each rule allows the routes it applies to (the CPF rules:
            ``"cpf"``, or ``"cpf_working_time"`` for a CPF bilan on working time).
        phase: the phase reached, or a strategy of phases, among those the rule applies to.
        policy: the charter to validate with; required for a ``POL-`` rule
            (e.g. :data:`bilan_core.policies.STAFF`), which the charter must state (a
            charter that states only a name breaks no ``POL-`` rule). Under a policy the
            bilans satisfy its other ``POL-`` rules except where the mutation itself touches
            them.

    Shrinks towards the simplest valid bilan of the rule's first route and phase, changed
    the least (for ``BC-DURATION-MAX``: 24 h 01 in all).

    Raises:
        hypothesis.errors.InvalidArgument: at once, for an unknown rule id, a rule no bilan
            can break (:data:`UNBREAKABLE_RULES`, with the reason), a rule not in force at
            ``on`` (or not long enough for its bilans: the message says the first date
            served), a ``POL-`` rule without a policy or that the policy does not state
            (disables, or lowers to info), or options the rule excludes.
    """
    from hypothesis.errors import InvalidArgument

    day = as_date(on)
    rule = _breakable_rule(rule_id, day, policy)
    shape = check_shape(policy)
    brk = _BREAKS[rule_id]
    allowed_tags = brk.tags or FUNDING_TAGS
    more = 0
    if rule_id.startswith("POL-") and shape.policy is not None:
        problem = _charter_problem(rule_id, shape.policy)
        if problem is not None:
            raise InvalidArgument(f"{rule_id} cannot be broken: {problem}")
        if rule_id == "POL-START-DELAY":
            allowed_tags = _start_routes(shape.policy)
            stated = (shape.policy.start_delay_max(r) for r in allowed_tags)
            more = max(d for d in stated if d is not None) + _START_DELAY_MORE
    tags = _narrow(
        "funding",
        funding,
        _routes(rule_id, allowed_tags),
        check_routes(funding),
        default=allowed_tags,
    )
    phases = _narrow("phase", phase, brk.phases, check_phases(phase))
    drawn = (phase,) if isinstance(phase, Phase) else brk.phases
    # Agreed since the rule is in force, also once the mutation moved the agreement.
    floor = max(LAW_FROM, rule.in_force_from).add(days=more)
    day = check_on(
        day, phases=drawn, shape=shape, floor=floor, name=f"bilans_violating({rule_id!r})"
    )
    return _violating(rule_id, tags=tags, phases=phases, on=day, shape=shape, floor=floor)
