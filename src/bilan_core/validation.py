"""``validate()``: run the catalogue on a bilan and report what it breaks, citing the law."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pendulum

from bilan_core._values import PARIS
from bilan_core.rules._context import Context
from bilan_core.rules._model import Confidence, Report, Violation
from bilan_core.rules._registry import rules_in_force

if TYPE_CHECKING:
    from bilan_core.bilan import Bilan
    from bilan_core.policy import Policy

__all__ = ["today", "validate"]


def today() -> pendulum.Date:
    """Today in Europe/Paris: the default evaluation date."""
    now = dt.datetime.now(PARIS)
    return pendulum.Date(now.year, now.month, now.day)


def _as_day(on: dt.date | None) -> pendulum.Date:
    if on is None:
        return today()
    if isinstance(on, dt.datetime):
        local = on.astimezone(PARIS) if on.tzinfo is not None else on
        return pendulum.Date(local.year, local.month, local.day)
    return on if type(on) is pendulum.Date else pendulum.Date(on.year, on.month, on.day)


def validate(
    bilan: Bilan,
    *,
    on: dt.date | None = None,
    policy: Policy | None = None,
    include_secondary: bool = True,
    include_unverified: bool = True,
) -> Report:
    """Check a bilan against every rule in force at its reference date.

    The bilan's reference date (the day it was agreed; see
    :attr:`Bilan.reference_date <bilan_core.Bilan.reference_date>`) picks which rules and
    which dated values apply; ``on`` decides what is pending, due or late. A problem of the
    bilan is reported, never raised: call :meth:`Report.raise_for_violations` to raise.

    Args:
        bilan: the bilan to check.
        on: the evaluation date (default: today in Europe/Paris).
        policy: a provider charter; its ``POL-`` rules run only when one is given.
        include_secondary: run the rules whose source is ``secondary``.
        include_unverified: run the rules whose source is ``unverified``.

    >>> from bilan_core.samples import example_bilan, EXAMPLE_ON
    >>> validate(example_bilan("cpf"), on=EXAMPLE_ON).ok
    True
    """
    day = _as_day(on)
    reference = bilan.reference_date or day
    ctx = Context(on=day, reference_date=reference, policy=policy)
    overrides = policy.severities if policy is not None else {}
    disabled = policy.disabled if policy is not None else frozenset()
    violations: list[Violation] = []
    checked: list[str] = []
    for rule in rules_in_force(reference):
        if rule.is_policy and policy is None:
            continue
        if rule.id in disabled:
            continue
        if not include_secondary and rule.confidence is Confidence.SECONDARY:
            continue
        if not include_unverified and rule.confidence is Confidence.UNVERIFIED:
            continue
        checked.append(rule.id)
        default = overrides.get(rule.id, rule.severity)
        citation = rule.citation
        violations.extend(
            Violation(
                rule_id=rule.id,
                severity=finding.severity or default,
                message=f"{finding.message} ({citation})",
                message_en=f"{finding.message_en} ({citation})",
                path=finding.path,
                references=rule.references,
            )
            for finding in rule.check(bilan, ctx)
        )
    violations.sort(key=lambda v: (v.severity.rank, v.path, v.rule_id))
    return Report(
        bilan_id=bilan.id,
        on=day,
        reference_date=bilan.reference_date,
        violations=tuple(violations),
        checked=tuple(checked),
    )
