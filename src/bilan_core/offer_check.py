"""``check_offer()``: run the offer rules of the catalogue on a provider's public offer.

The rules judging offers (``QUALIOPI-`` and ``OFFER-``, :attr:`Rule.subject
<bilan_core.Rule.subject>` ``"offer"``) live in the same catalogue as the bilan's, and the
verdict is the same :class:`~bilan_core.Report` as :func:`~bilan_core.validate`'s: errors
first, each finding citing its text, a warning where the source is secondary.

>>> from bilan_core.offer import example_offer
>>> report = check_offer(example_offer(), on=pendulum.date(2026, 6, 1))
>>> report.ok
False
>>> sorted(report.rule_ids)  # doctest: +NORMALIZE_WHITESPACE
['QUALIOPI-CERTIFICATE-DISPLAY', 'QUALIOPI-IND1-DATED', 'QUALIOPI-IND1-DISABILITY-CONTACT',
 'QUALIOPI-IND1-EVALUATION', 'QUALIOPI-IND1-PRICES', 'QUALIOPI-IND2-RESULTS']
"""

from __future__ import annotations

import datetime as dt
import operator
from typing import TYPE_CHECKING, Any

from bilan_core._arguments import as_day, rule_id_set
from bilan_core.checks._catalogue import catalogue
from bilan_core.checks._context import Context
from bilan_core.offer import Offer
from bilan_core.report import Report, Violation
from bilan_core.validation import violation_of

if TYPE_CHECKING:
    from collections.abc import Collection

__all__ = ["check_offer"]

_NONE: frozenset[str] = frozenset()


def _offer(offer: Any) -> Offer:
    if not isinstance(offer, Offer):
        raise TypeError(
            f"offer must be a bilan_core.Offer (load_offer reads one), not {type(offer).__name__}"
        )
    return offer


def check_offer(
    offer: Offer,
    *,
    on: dt.date | None = None,
    include_secondary: bool = True,
    include_unverified: bool = True,
    only: Collection[str] | None = None,
) -> Report:
    """Check a provider's public offer: what Qualiopi asks of it, what the law forbids it.

    The rules are those judging offers in force at ``on`` (the day the offer is read: it
    picks the rules, the dated parameters, and judges how recent the information is). A
    problem of the offer is reported, never raised.

    Args:
        offer: the offer to check.
        on: the evaluation date (default: today in Europe/Paris).
        include_secondary: run the rules whose source is ``secondary``.
        include_unverified: run the rules whose source is ``unverified``.
        only: run only the rules with these ids (among those the other options select).

    Returns:
        A :class:`~bilan_core.Report` whose ``bilan_id`` is the offer's id and whose
        ``reference_date`` is ``None`` (``on`` picked the rules).

    Raises:
        UnknownRule: ``only`` names a rule the catalogue does not have.
        TypeError: an argument of the wrong type.
    """
    offer = _offer(offer)
    day = as_day(on)
    ctx = Context(on=day, reference_date=day)
    selected = catalogue.selection(
        day,
        with_policy=False,
        include_secondary=include_secondary,
        include_unverified=include_unverified,
        only=rule_id_set(only),
        disabled=_NONE,
        subject="offer",
    )
    violations = [
        violation_of(rule, finding) for rule in selected for finding in rule.check(offer, ctx)
    ]
    violations.sort(key=_order)
    return Report(
        bilan_id=offer.id,
        on=day,
        reference_date=None,
        violations=tuple(violations),
        checked=tuple(map(_RULE_ID, selected)),
    )


_RULE_ID = operator.attrgetter("id")


def _order(violation: Violation) -> tuple[int, str, str]:
    return (violation.severity.rank, violation.path, violation.rule_id)
