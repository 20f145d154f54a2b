"""Every dated legal number the rules use, with its source, and their values on a day.

To encode a change in the law, add a :class:`DatedValue` at the end of a parameter's
``values``; never edit a past value. A value of ``None`` means "no such amount from that day".

The values are read by name once bound to a day, the OpenFisca way: :func:`on` gives every
parameter's value on a day, grouped as the names say (``cpf.employer_answer_days``). A
parameter has no value before its first dated value: it reads as ``None`` there (what
depends on it is not applicable yet), never as an error.

>>> values = on(pendulum.date(2026, 3, 2))
>>> values.cpf.employer_answer_days, values.duration.max_minutes
(30, 1440)
>>> on(pendulum.date(2018, 12, 31)).cpf.employer_notice_days is None
True
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

import pendulum

from bilan_core import references as ref
from bilan_core.facts._dated import DatedValue, Parameter
from bilan_core.references import Confidence

__all__ = [
    "ALL_PARAMETERS",
    "CONVENTION_ACCEPTANCE_DAYS",
    "CPF_CAP",
    "CPF_EMPLOYER_ANSWER_DAYS",
    "CPF_MINIMUM_CO_FUNDING",
    "CPF_NOTICE_DAYS",
    "CPF_NOTICE_LONG_ACTION_DAYS",
    "CPF_PARTICIPATION",
    "CPF_WAITING_YEARS",
    "DURATION_MAX_MINUTES",
    "DURATION_MIN_ACCOMPANIMENT_MINUTES",
    "FPH_INTERVAL_YEARS",
    "FPH_PRIORITY_INTERVAL_YEARS",
    "FPH_SERVICE_YEARS",
    "LONG_ACTION_MONTHS",
    "PUBLIC_LEAVE_ANSWER_DAYS",
    "PUBLIC_LEAVE_HOURS",
    "PUBLIC_LEAVE_NOTICE_DAYS",
    "PUBLIC_LEAVE_PRIORITY_HOURS",
    "PUBLIC_LEAVE_STATE_ANSWER_MONTHS",
    "RETENTION_YEARS",
    "DatedValue",
    "Parameter",
    "Values",
    "on",
]

_2019 = pendulum.date(2019, 1, 1)

DURATION_MAX_MINUTES: Final = Parameter(
    name="duration.max_minutes",
    description="Longest total duration of a bilan (all sessions of the three phases).",
    unit="minutes",
    values=(DatedValue(since=_2019, value=24 * 60, reference=ref.L6313_4),),
)

DURATION_MIN_ACCOMPANIMENT_MINUTES: Final[Parameter[int | None]] = Parameter(
    name="duration.min_accompaniment_minutes",
    description="Least effective accompaniment by the provider over the three phases.",
    unit="minutes",
    values=(
        DatedValue(since=_2019, value=None, reference=ref.R6313_4),
        DatedValue(
            since=pendulum.date(2026, 2, 26),
            value=13 * 60,
            reference=ref.DECRET_NOR_TRSD2602696D,
            confidence=Confidence.UNVERIFIED,
        ),
    ),
)

CPF_NOTICE_DAYS: Final = Parameter(
    name="cpf.employer_notice_days",
    description="Days of notice to the employer for a CPF bilan on working time.",
    unit="days",
    values=(DatedValue(since=_2019, value=60, reference=ref.D6323_4),),
)

CPF_NOTICE_LONG_ACTION_DAYS: Final = Parameter(
    name="cpf.employer_notice_days_long_action",
    description="Days of notice when the action lasts 6 months or more.",
    unit="days",
    values=(DatedValue(since=_2019, value=120, reference=ref.D6323_4),),
)

LONG_ACTION_MONTHS: Final = Parameter(
    name="cpf.long_action_months",
    description="From this span (first to last session) an action is 'long' (120 days notice).",
    unit="months",
    values=(DatedValue(since=_2019, value=6, reference=ref.D6323_4),),
)

CPF_EMPLOYER_ANSWER_DAYS: Final = Parameter(
    name="cpf.employer_answer_days",
    description="Days the employer has to answer from receipt; silence counts as acceptance.",
    unit="days",
    values=(DatedValue(since=_2019, value=30, reference=ref.D6323_4),),
)

CPF_PARTICIPATION: Final[Parameter[Decimal | None]] = Parameter(
    name="cpf.participation",
    description="Flat participation owed by the CPF holder, fixed at the purchase date.",
    unit="EUR",
    values=(
        DatedValue(since=_2019, value=None, reference=ref.L6323_4),
        DatedValue(
            since=pendulum.date(2024, 5, 2), value=Decimal("100.00"), reference=ref.DECRET_2024_394
        ),
        DatedValue(
            since=pendulum.date(2025, 1, 1),
            value=Decimal("102.23"),
            reference=ref.ARRETES_CPF_PARTICIPATION,
            confidence=Confidence.SECONDARY,
        ),
        DatedValue(
            since=pendulum.date(2026, 1, 1),
            value=Decimal("103.20"),
            reference=ref.ARRETES_CPF_PARTICIPATION,
            confidence=Confidence.SECONDARY,
        ),
        # A 150 € participation was announced in Feb 2026; no published text was found.
        # When it is published, add: DatedValue(since=<date>, value=Decimal("150.00"), ...).
    ),
)

CPF_MINIMUM_CO_FUNDING: Final[Parameter[Decimal | None]] = Parameter(
    name="cpf.minimum_third_party_co_funding",
    description=(
        "A minimum third-party co-funding announced in Feb 2026 drafts, not found published: "
        "no value in force (a slot for the day it is)."
    ),
    unit="EUR",
    values=(DatedValue(since=_2019, value=None, reference=ref.L6323_7),),
)

CPF_CAP: Final[Parameter[Decimal | None]] = Parameter(
    name="cpf.cap",
    description="Most CPF rights mobilised for one bilan.",
    unit="EUR",
    values=(
        DatedValue(since=_2019, value=None, reference=ref.L6323_6),
        DatedValue(
            since=pendulum.date(2026, 2, 26), value=Decimal("1600.00"), reference=ref.D6323_1_A
        ),
    ),
)

CPF_WAITING_YEARS: Final[Parameter[int | None]] = Parameter(
    name="cpf.waiting_years",
    description="Years since an earlier funded bilan before a CPF bilan can be bought.",
    unit="years",
    values=(
        DatedValue(since=_2019, value=None, reference=ref.L6323_6),
        DatedValue(since=pendulum.date(2026, 2, 26), value=5, reference=ref.D6323_6_AL4),
    ),
)

CONVENTION_ACCEPTANCE_DAYS: Final = Parameter(
    name="convention.acceptance_days",
    description="Days the employee has to sign the convention; silence counts as refusal.",
    unit="days",
    values=(DatedValue(since=_2019, value=10, reference=ref.R6313_8),),
)

PUBLIC_LEAVE_NOTICE_DAYS: Final = Parameter(
    name="public.leave_notice_days",
    description="Days before the start the FPT/FPH leave request reaches the administration.",
    unit="days",
    values=(
        DatedValue(
            since=pendulum.date(2007, 12, 30),
            value=60,
            reference=ref.DECRET_2007_1845,
            confidence=Confidence.SECONDARY,
        ),
    ),
)

PUBLIC_LEAVE_ANSWER_DAYS: Final = Parameter(
    name="public.leave_answer_days",
    description="Days the FPT/FPH administration has to answer the leave request.",
    unit="days",
    values=(
        DatedValue(
            since=pendulum.date(2007, 12, 30),
            value=30,
            reference=ref.DECRET_2007_1845,
            confidence=Confidence.SECONDARY,
        ),
    ),
)

PUBLIC_LEAVE_STATE_ANSWER_MONTHS: Final = Parameter(
    name="public.leave_answer_months",
    description=(
        "Months of silence after which any administration's silence is an implicit refusal "
        "(and the State's answer period)."
    ),
    unit="months",
    values=(
        DatedValue(
            since=pendulum.date(2007, 12, 30),
            value=2,
            reference=ref.CRPA_L231_4,
            confidence=Confidence.SECONDARY,
        ),
    ),
)

PUBLIC_LEAVE_HOURS: Final = Parameter(
    name="public.leave_hours",
    description="Service hours a public agent's bilan leave covers at most.",
    unit="hours",
    values=(
        DatedValue(
            since=pendulum.date(2007, 12, 30),
            value=24,
            reference=ref.DECRET_2007_1845,
            confidence=Confidence.SECONDARY,
        ),
    ),
)

PUBLIC_LEAVE_PRIORITY_HOURS: Final[Parameter[int | None]] = Parameter(
    name="public.leave_hours_priority",
    description="Service hours of leave for the priority agents of CGFP L422-3.",
    unit="hours",
    values=(
        DatedValue(since=pendulum.date(2007, 12, 30), value=None, reference=ref.DECRET_2007_1845),
        DatedValue(
            since=pendulum.date(2022, 7, 25),
            value=72,
            reference=ref.DECRET_2022_1043,
            confidence=Confidence.SECONDARY,
        ),
    ),
)

_FPH = pendulum.date(2008, 8, 24)
"""Décret n° 2008-824 (FPH) in force."""

FPH_SERVICE_YEARS: Final = Parameter(
    name="public.fph_service_years",
    description="Years of effective service an FPH agent needs before a bilan leave.",
    unit="years",
    values=(
        DatedValue(
            since=_FPH,
            value=2,
            reference=ref.DECRET_2008_824,
            confidence=Confidence.SECONDARY,
        ),
    ),
)
"""2 years of effective service (FPH)."""

FPH_INTERVAL_YEARS: Final = Parameter(
    name="public.fph_interval_years",
    description="Years between two bilan leaves of an FPH agent.",
    unit="years",
    values=(
        DatedValue(
            since=_FPH,
            value=5,
            reference=ref.DECRET_2008_824,
            confidence=Confidence.SECONDARY,
        ),
    ),
)
"""5 years between two bilans (FPH)."""

FPH_PRIORITY_INTERVAL_YEARS: Final[Parameter[int | None]] = Parameter(
    name="public.fph_priority_interval_years",
    description="Years between two bilan leaves of an FPH priority agent (CGFP L422-3).",
    unit="years",
    values=(
        DatedValue(since=_FPH, value=None, reference=ref.DECRET_2008_824),
        DatedValue(
            since=pendulum.date(2022, 7, 25),
            value=3,
            reference=ref.DECRET_2022_1043,
            confidence=Confidence.SECONDARY,
        ),
    ),
)
"""3 years between two bilans for priority agents since 2022-07-25 (FPH)."""

RETENTION_YEARS: Final = Parameter(
    name="documents.retention_years",
    description=(
        "Longest retention, from the end of the action, of the synthesis and of documents kept "
        "with the beneficiary's written consent (judged at the evaluation date)."
    ),
    unit="years",
    values=(
        DatedValue(since=_2019, value=1, reference=ref.R6313_7),
        DatedValue(since=pendulum.date(2023, 12, 31), value=3, reference=ref.DECRET_2023_1350),
    ),
)

ALL_PARAMETERS: Final[tuple[Parameter[Any], ...]] = (
    DURATION_MAX_MINUTES,
    DURATION_MIN_ACCOMPANIMENT_MINUTES,
    CPF_NOTICE_DAYS,
    CPF_NOTICE_LONG_ACTION_DAYS,
    LONG_ACTION_MONTHS,
    CPF_EMPLOYER_ANSWER_DAYS,
    CPF_PARTICIPATION,
    CPF_MINIMUM_CO_FUNDING,
    CPF_CAP,
    CPF_WAITING_YEARS,
    CONVENTION_ACCEPTANCE_DAYS,
    PUBLIC_LEAVE_NOTICE_DAYS,
    PUBLIC_LEAVE_ANSWER_DAYS,
    PUBLIC_LEAVE_STATE_ANSWER_MONTHS,
    PUBLIC_LEAVE_HOURS,
    PUBLIC_LEAVE_PRIORITY_HOURS,
    FPH_SERVICE_YEARS,
    FPH_INTERVAL_YEARS,
    FPH_PRIORITY_INTERVAL_YEARS,
    RETENTION_YEARS,
)
"""Every parameter, for the docs' parameter table."""


class Values:
    """The value of every parameter on one day, read by name: ``values.cpf.cap``.

    A group (``cpf``, ``duration``…) is itself a :class:`Values`; a parameter that has no
    value yet on that day reads as ``None``.
    """

    # The values are the instance's ``__dict__``, so reading one is a plain attribute
    # lookup. A group's dict is shared by every day of an interval where no parameter
    # changes (see ``on``): a Values is read-only.
    __slots__ = ("__dict__", "day")

    def __init__(self, day: pendulum.Date, items: Mapping[str, Any]) -> None:
        _bind(self, day, dict(items))

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(f"no parameter {name!r}")

    def __setattr__(self, name: str, value: Any) -> None:
        if name != "day":
            raise AttributeError(f"'Values' object has no attribute {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        if name != "day":
            raise AttributeError(f"'Values' object has no attribute {name!r}")
        object.__delattr__(self, name)

    def __dir__(self) -> list[str]:
        return sorted(self.__dict__)

    def __repr__(self) -> str:
        return f"Values({self.day.isoformat()}, {sorted(self.__dict__)})"


_FIRST_DAY: Final = pendulum.Date(1, 1, 1)
_new_values = object.__new__
_set_day = Values.__dict__["day"].__set__
_set_dict = Values.__dict__["__dict__"].__set__


def _bind(values: Values, day: pendulum.Date, items: dict[str, Any]) -> Values:
    _set_day(values, day)
    _set_dict(values, items)
    return values


def _value(parameter: Parameter[Any], day: pendulum.Date) -> Any:
    try:
        return parameter.at(day)
    except LookupError:
        return None


@functools.cache
def _changes() -> tuple[pendulum.Date, ...]:
    """Every day on which a parameter takes a new value, sorted (built once per process)."""
    days = {entry.since for parameter in ALL_PARAMETERS for entry in parameter.values}
    return tuple(sorted(days, key=dt.date.toordinal))


@functools.lru_cache(maxsize=64)
def _groups(interval: int) -> tuple[tuple[str, dict[str, Any]], ...]:
    """Every parameter's value between two days of :func:`_changes`, grouped by name.

    ``interval`` counts the changes made by then: within it, no parameter changes.
    """
    day = _changes()[interval - 1] if interval else _FIRST_DAY
    groups: dict[str, dict[str, Any]] = {}
    for parameter in ALL_PARAMETERS:
        group, _, name = parameter.name.partition(".")
        groups.setdefault(group, {})[name] = _value(parameter, day)
    return tuple(groups.items())


def on(day: pendulum.Date) -> Values:
    """Every parameter's value on ``day``, grouped by the first part of its name."""
    top: dict[str, Values] = {}
    for group, items in _groups(bisect.bisect_right(_changes(), day)):
        values = _new_values(Values)
        _set_day(values, day)
        _set_dict(values, items)
        top[group] = values
    return _bind(_new_values(Values), day, top)


def _cache_clear() -> None:
    """Forget the days of change and the values (a test changed a parameter's values)."""
    _changes.cache_clear()
    _groups.cache_clear()


on.cache_clear = _cache_clear  # type: ignore[attr-defined]
