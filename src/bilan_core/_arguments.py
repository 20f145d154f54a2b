"""One normaliser per kind of argument of the public functions.

Each says, when it refuses a value, what to pass.

- A **day** (``on=`` of :func:`~bilan_core.validate`, :func:`~bilan_core.timeline`,
  :func:`~bilan_core.rules`, :func:`~bilan_core.destruction_date`…, ``at=`` of
  :func:`~bilan_core.destroy_documents`): a :class:`datetime.date`, or a
  :class:`datetime.datetime` (an aware one stands for its Europe/Paris day, a naive one for
  its own date); ``None`` where it may be left out means today in Europe/Paris.
- An **instant** (``at=`` of :func:`~bilan_core.advance`, :func:`~bilan_core.can_disclose`,
  :func:`~bilan_core.view`…): an aware :class:`datetime.datetime`.
- A **moment** (``on=`` of :func:`~bilan_core.next_events`): an instant, or a day judged at
  its end (Europe/Paris).
- A **charter**: a :class:`~bilan_core.Policy` or ``None``.

A wrong argument type raises :class:`TypeError` naming the parameter and what it takes (never
an ``AttributeError`` from deep inside; a date as text, ``"2026-06-01"``, is a wrong type); a
value of the right type that cannot be used (a naive datetime as an instant) raises
:class:`~bilan_core.InvalidValue`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

import pendulum

from bilan_core._paris import PARIS, paris_date
from bilan_core._values import instant

if TYPE_CHECKING:
    from bilan_core.bilan import Bilan
    from bilan_core.policy import Policy

__all__ = [
    "as_day",
    "as_instant",
    "as_moment",
    "check_bilan",
    "check_policy",
    "rule_id_set",
    "today",
]


def today() -> pendulum.Date:
    """Today in Europe/Paris: the default evaluation date."""
    return paris_date(dt.datetime.now(dt.timezone.utc))


def as_day(on: Any, name: str = "on") -> pendulum.Date:
    """An evaluation day from a date or a datetime (its Europe/Paris day when aware).

    ``None`` means today in Europe/Paris.

    >>> as_day(pendulum.datetime(2026, 5, 31, 23, 30, tz="UTC"))
    Date(2026, 6, 1)
    >>> as_day("2026-06-01")
    Traceback (most recent call last):
    ...
    TypeError: on must be a date or a datetime (or None for today), not str
    """
    if on is None:
        return today()
    if isinstance(on, dt.datetime):
        if on.tzinfo is None:  # a naive datetime is read as a local Paris wall time
            return pendulum.Date(on.year, on.month, on.day)
        return paris_date(on)
    if isinstance(on, dt.date):
        return on if type(on) is pendulum.Date else pendulum.Date(on.year, on.month, on.day)
    raise TypeError(
        f"{name} must be a date or a datetime (or None for today), not {type(on).__name__}"
    )


def as_instant(at: Any, name: str = "at") -> pendulum.DateTime:
    """An instant, in UTC, from an aware datetime.

    Raises:
        TypeError: not a datetime (a date is a day, not an instant).
        InvalidValue: a naive datetime.

    >>> as_instant(pendulum.datetime(2026, 6, 1, 10, tz="Europe/Paris"))
    DateTime(2026, 6, 1, 8, 0, 0, tzinfo=Timezone('UTC'))
    """
    if not isinstance(at, dt.datetime):
        hint = " (a date is a day: give a time and an offset)" if isinstance(at, dt.date) else ""
        raise TypeError(f"{name} must be an aware datetime, not {type(at).__name__}{hint}")
    return instant(at)


def as_moment(on: Any, name: str = "on") -> pendulum.DateTime:
    """An instant from an aware datetime, or the end of a day (Europe/Paris); ``None`` is now.

    Raises:
        TypeError: neither a date, a datetime nor ``None``.
        InvalidValue: a naive datetime.
    """
    if on is None:
        return pendulum.now(pendulum.UTC)
    if isinstance(on, dt.datetime):
        return as_instant(on, name)
    day = as_day(on, name)
    return instant(dt.datetime(day.year, day.month, day.day, 23, 59, 59, 999999, tzinfo=PARIS))


def check_bilan(bilan: Any) -> Bilan:
    """``bilan`` itself, when it is a :class:`~bilan_core.Bilan`.

    Raises:
        TypeError: anything else (a dict: read it with ``bilan_core.load`` first).
    """
    from bilan_core.bilan import Bilan

    if not isinstance(bilan, Bilan):
        hint = " (read wire data with bilan_core.load first)" if isinstance(bilan, dict) else ""
        raise TypeError(f"expected a bilan_core.Bilan, not {type(bilan).__name__}{hint}")
    return bilan


def check_policy(policy: Any) -> Policy | None:
    """``policy`` itself, when it is ``None`` or a :class:`~bilan_core.Policy`.

    Raises:
        TypeError: anything else; for the seed's charter pass ``bilan_core.policies.STAFF``.
    """
    if policy is None:
        return None
    from bilan_core.policy import Policy

    if not isinstance(policy, Policy):
        raise TypeError(
            f"policy must be a bilan_core.Policy or None, not {type(policy).__name__} "
            "(the seed's charter is bilan_core.policies.STAFF; load a file with "
            "bilan_core.load_policy)"
        )
    return policy


def rule_id_set(only: Any) -> frozenset[str] | None:
    """A set of rule ids from a collection of strings (not a single string).

    Raises:
        TypeError: a string, or not a collection of strings.
    """
    if only is None:
        return None
    if isinstance(only, str) or not isinstance(only, Collection):
        raise TypeError('only must be a collection of rule ids, such as {"BC-DURATION-MAX"}')
    ids = frozenset(only)
    if not all(isinstance(rule_id, str) for rule_id in ids):
        raise TypeError("only must hold rule ids (strings)")
    return ids
