"""The charter an offer promises: :meth:`Policy.from_offer <bilan_core.Policy.from_offer>`.

A provider describes itself once, in its public offer; the ``POL-`` rules judge its bilans by
what that offer promises. This module reads the offer's words as a charter's numbers, with
stated readings (the same ones the STAFF charter's comments give, so that the STAFF offer
yields :data:`bilan_core.policies.STAFF`):

- a month counts 30.5 days, rounded up (two months: 61 days, three: 92, six: 183); a week 7
  days; "about" (:attr:`Delay.approximate <bilan_core.offer.Delay.approximate>`) widens a
  length in days, weeks or months by :data:`ABOUT_DAYS` either way;
- a call-back delay in hours is counted in working hours (the charter's reading of "rappel
  sous 24 à 48 h"), a day (calendar or working) as the 24 working hours of a working day;
- the start delay of a route is the route's own (:attr:`AccessRoute.start
  <bilan_core.offer.AccessRoute.start>`) when the offer gives one, else the offer's: its
  maximum, or, when the offer says the start depends on the funding without saying how
  (:attr:`AccessDelays.start_depends_on_funding
  <bilan_core.offer.AccessDelays.start_depends_on_funding>`), its minimum for the routes no
  third party takes part in (a CPF bilan outside working time, a self-funded one) and its
  maximum for the funded routes. The offer's delay holds for every route, listed in the
  offer or not;
- the working days are those of the opening hours; opening hours stated as days of the week
  mean closed on French public holidays unless the offer says otherwise (the catalogue's
  reading of the STAFF brochure for ``POL-OPENING-HOURS``); the amplitude spans the first to
  the last of its ranges;
- the synthesis's four sections are required when the offer's outline names all four parts;
  the follow-up interview comes after the offer's number of months, give or take a month
  (:data:`FOLLOW_UP_TOLERANCE_DAYS`, the STAFF charter's reading).

What the offer does not say, the charter does not state.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Final

from bilan_core.errors import InvalidPolicy
from bilan_core.offer import Delay, FundingRoute, Length, Offer, SynthesisPart, TimeUnit
from bilan_core.policy._parts import ROUTES, TimeRange
from bilan_core.text import Text

if TYPE_CHECKING:
    from bilan_core.offer import ClockRange, Schedule

__all__ = ["ABOUT_DAYS", "DAYS_PER_MONTH", "FOLLOW_UP_TOLERANCE_DAYS", "charter_values"]

DAYS_PER_MONTH: Final = 30.5
"""How many days a month of an offer counts (rounded up once multiplied)."""

ABOUT_DAYS: Final = 15
"""How many days "about" adds either way to a length in days, weeks or months."""

FOLLOW_UP_TOLERANCE_DAYS: Final = 31
"""How many days before or after the promised month the follow-up interview may fall."""

_WORKING_HOURS_PER_DAY: Final = 24
_NO_THIRD_PARTY: Final = frozenset({"cpf", "self_funded"})
_FOUR_SECTIONS: Final = frozenset(SynthesisPart) - {SynthesisPart.OTHER}
"""The four sections ``POL-SYNTHESIS-SECTIONS`` requires."""
"""The charter's routes no third party takes part in (the CPF outside working time)."""


def _refused(path: str, unit: TimeUnit, what: Text) -> InvalidPolicy:
    return InvalidPolicy(
        [
            (
                path,
                Text(
                    fr=f"{what.fr} ne se lit pas en {unit.value} dans une charte",
                    en=f"{what.en} cannot be read in {unit.value} by a charter",
                ),
            )
        ]
    )


def _days(length: Length, path: str, what: Text) -> int:
    """A length of calendar time in days (a month: 30.5 days, rounded up)."""
    if length.unit is TimeUnit.DAYS:
        return length.value
    if length.unit is TimeUnit.WEEKS:
        return 7 * length.value
    if length.unit is TimeUnit.MONTHS:
        return math.ceil(DAYS_PER_MONTH * length.value)
    raise _refused(path, length.unit, what)


def _day_range(delay: Delay, path: str, what: Text) -> tuple[int | None, int | None]:
    """A delay's minimum and maximum in days, widened by "about"."""
    margin = ABOUT_DAYS if delay.approximate else 0
    low = None if delay.minimum is None else _days(delay.minimum, f"{path}.minimum", what)
    high = None if delay.maximum is None else _days(delay.maximum, f"{path}.maximum", what)
    return (
        None if low is None else max(0, low - margin),
        None if high is None else high + margin,
    )


def _working_hours(length: Length, path: str) -> int:
    """A call-back length in working hours (a day: the 24 hours of a working day)."""
    if length.unit in (TimeUnit.HOURS, TimeUnit.WORKING_HOURS):
        return length.value
    if length.unit in (TimeUnit.DAYS, TimeUnit.WORKING_DAYS):
        return _WORKING_HOURS_PER_DAY * length.value
    raise _refused(path, length.unit, Text(fr="le délai de rappel", en="the call-back delay"))


def _clock(value: str) -> dt.time:
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


def _range(hours: ClockRange) -> TimeRange:
    return TimeRange(_clock(hours.start), _clock(hours.end))


def _route_keys(offer_route: FundingRoute, *, on_working_time: bool | None) -> tuple[str, ...]:
    """The charter's route keys an access route of the offer stands for."""
    if offer_route is not FundingRoute.CPF:
        return (offer_route.value,)
    if on_working_time is None:
        return ("cpf", "cpf_working_time")
    return ("cpf_working_time",) if on_working_time else ("cpf",)


_START = Text(fr="le délai de démarrage", en="the start delay")
_SPAN = Text(fr="la durée calendaire", en="the calendar span")
_FOLLOW_UP = Text(fr="le délai du suivi", en="the follow-up's delay")


def _start_delays(offer: Offer) -> dict[str, int]:
    """The most days from agreement to first session, per charter route."""
    delays: dict[str, int] = {}
    terms = offer.access_delays
    if terms is not None and terms.start is not None:
        low, high = _day_range(terms.start, "$.access_delays.start", _START)
        for key in ROUTES:
            no_third_party = terms.start_depends_on_funding and key in _NO_THIRD_PARTY
            chosen = low if no_third_party and low is not None else high
            if chosen is not None:
                delays[key] = chosen
    for index, access in enumerate(offer.access_routes):
        if access.start is None:
            continue
        _, high = _day_range(access.start, f"$.access_routes[{index}].start", _START)
        if high is not None:
            for key in _route_keys(access.route, on_working_time=access.on_working_time):
                delays[key] = high
    return {key: delays[key] for key in ROUTES if key in delays}


def _schedule_values(offer: Offer) -> dict[str, object]:
    values: dict[str, object] = {}
    opening: Schedule | None = offer.opening_hours
    if opening is not None:
        values["working_weekdays"] = opening.weekday_numbers
        values["opening_hours"] = tuple(map(_range, opening.hours))
    if offer.amplitude is not None:
        first, last = offer.amplitude.hours[0], offer.amplitude.hours[-1]
        values["amplitude"] = TimeRange(_clock(first.start), _clock(last.end))
    closed = offer.closed_on_public_holidays
    if closed is None and opening is not None:
        closed = True  # "du lundi au vendredi": the catalogue's reading (POL-OPENING-HOURS)
    if closed is not None:
        values["closed_on_public_holidays"] = closed
    return values


def _duration_values(offer: Offer) -> dict[str, object]:
    duration = offer.duration
    if duration is None:
        return {}
    values: dict[str, object] = {
        "duration_min_minutes": duration.min_minutes,
        "duration_max_minutes": duration.max_minutes,
        "meetings_min": duration.meetings_min,
    }
    if duration.span is not None:
        low, high = _day_range(duration.span, "$.duration.span", _SPAN)
        values["span_min_days"], values["span_max_days"] = low, high
    return values


def _callback_values(offer: Offer) -> dict[str, object]:
    callback = offer.access_delays.callback if offer.access_delays is not None else None
    if callback is None:
        return {}
    path = "$.access_delays.callback"
    return {
        "callback_target_working_hours": (
            None
            if callback.minimum is None
            else _working_hours(callback.minimum, f"{path}.minimum")
        ),
        "callback_max_working_hours": (
            None
            if callback.maximum is None
            else _working_hours(callback.maximum, f"{path}.maximum")
        ),
    }


def _method_values(offer: Offer) -> dict[str, object]:
    methods = offer.methods
    if methods is None:
        return {}
    return {
        "individual_only": methods.individual,
        "modalities": methods.modalities or None,
        "blended": methods.blended,
        "in_person_at_provider_site": methods.in_person_at_provider_sites,
        "engagement_document_required": methods.engagement_document,
    }


def _synthesis_values(offer: Offer) -> dict[str, object]:
    values: dict[str, object] = {}
    synthesis = offer.synthesis
    if synthesis is not None:
        if {item.part for item in synthesis.outline} >= _FOUR_SECTIONS:
            values["synthesis_sections_required"] = True
        values["synthesis_at_last_meeting"] = synthesis.at_last_meeting
    follow_up = offer.follow_up
    if follow_up is not None:
        if follow_up.after.unit is not TimeUnit.MONTHS:
            raise _refused("$.follow_up.after", follow_up.after.unit, _FOLLOW_UP)
        values["follow_up_months"] = follow_up.after.value
        values["follow_up_tolerance_days"] = FOLLOW_UP_TOLERANCE_DAYS
    return values


def charter_values(offer: Offer) -> dict[str, object]:
    """The keyword arguments of the charter ``offer`` promises (what it states only).

    Raises:
        InvalidPolicy: a length of time the charter cannot read in its unit (a start delay
            in working days, a follow-up in weeks...), at the offer's JSON path.
        TypeError: ``offer`` is not an :class:`~bilan_core.Offer`.
    """
    if not isinstance(offer, Offer):
        raise TypeError(f"offer must be a bilan_core.Offer, not {type(offer).__name__}")
    values: dict[str, object] = {"name": offer.provider.name}
    for part in (
        _duration_values(offer),
        _callback_values(offer),
        _schedule_values(offer),
        {"start_delay_max_days": _start_delays(offer) or None},
        _method_values(offer),
        _synthesis_values(offer),
    ):
        values.update((key, value) for key, value in part.items() if value is not None)
    return values
