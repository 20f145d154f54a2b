"""The guards of the phase events: a guard is a rule that blocks an event.

A rule lists the events it guards (``blocks``); when one of them is sent, the rule's guard for
it (the family's own guard function, or else the rule's check) runs on the snapshot, in a
:class:`~bilan_core.checks.Context` whose ``on`` is the event's Europe/Paris day and ``at``
its instant; each error it finds blocks the event. The same guards back the machine's
validators (:class:`bilan_core.machine.PhaseMachine`) and :func:`bilan_core.next_events`,
which never builds a machine. A charter's rules (``POL-``) guard only when a charter is given
and does not disable them.

This module does not import ``statemachine``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from bilan_core.checks._catalogue import catalogue
from bilan_core.checks._model import for_charter
from bilan_core.report import Severity
from bilan_core.text import Text

if TYPE_CHECKING:
    from bilan_core.bilan import Bilan
    from bilan_core.checks._context import Context
    from bilan_core.checks._model import Finding, Rule

__all__ = ["Blocker", "blocking"]


@attrs.frozen
class Blocker:
    """One reason an event is refused.

    Attributes:
        rule_id: the rule that blocks it.
        message: why, in French and English, naming the rule and citing the law.
    """

    rule_id: str
    message: Text


def _blocker(rule: Rule, finding: Finding, ctx: Context) -> Blocker:
    cited = rule.references[0] if finding.reference is None else finding.reference
    if rule.is_policy and ctx.policy is not None:
        (cited,) = for_charter((cited,), ctx.policy.reference)
    cite = cited.citation
    return Blocker(
        rule.id, finding.message.map(f"{rule.id} : {{}} ({cite})", f"{rule.id}: {{}} ({cite})")
    )


def blocking(event: str, bilan: Bilan, ctx: Context) -> tuple[Blocker, ...]:
    """What blocks ``event`` for ``bilan`` (empty: nothing), in catalogue order.

    Args:
        event: the event's name.
        bilan: the snapshot, still in the event's source phase.
        ctx: the context of the event: its day (``on``), instant (``at``), the reference date
            and the charter, if any.
    """
    policy = ctx.policy
    found: list[Blocker] = []
    for rule in catalogue.guards(event):
        if not rule.in_force(ctx.reference_date):
            continue
        if rule.is_policy and (policy is None or rule.id in policy.disabled):
            continue
        found.extend(
            _blocker(rule, finding, ctx)
            for finding in catalogue.guard_of(rule, event)(bilan, ctx)
            if (finding.severity or rule.severity) is Severity.ERROR
        )
    return tuple(found)
