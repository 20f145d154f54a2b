"""The charter's calendar rules: the call back and the opening hours.

- ``POL-CALLBACK``: a consultant calls back within the charter's working hours of the first
  contact (STAFF: "rappel sous 24 à 48h", at most 48 working hours).
- ``POL-OPENING-HOURS``: sessions with the consultant take place within opening hours, on a
  working day, never on a French public holiday.

Both read the :class:`~bilan_core.Policy`, applying only what it states, and count time with
:mod:`bilan_core.calendar`
(Europe/Paris wall clock; Alsace-Moselle's Good Friday and 26 December where the bilan takes
place there).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, TypeAlias

import pendulum

from bilan_core import calendar
from bilan_core import references as ref
from bilan_core._format import date_en, date_fr, hours, hours_en
from bilan_core._paris import paris_ordinal, paris_wall
from bilan_core.checks._catalogue import register
from bilan_core.checks._model import Finding
from bilan_core.facts import in_alsace_moselle
from bilan_core.references import Confidence
from bilan_core.report import Severity
from bilan_core.text import Text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bilan_core.bilan import Bilan
    from bilan_core.checks._context import Context
    from bilan_core.policy import Policy
    from bilan_core.sessions import Session

__all__: list[str] = []

_2019 = pendulum.date(2019, 1, 1)
_SECTION = "policy"
_WEEKDAYS_FR = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_Pairs: TypeAlias = tuple[tuple[dt.time, dt.time], ...]


def _policy(ctx: Context) -> Policy:
    if ctx.policy is None:  # pragma: no cover - validate() runs POL- rules with a policy only
        raise RuntimeError("a POL- rule ran without a policy")
    return ctx.policy


@register(
    "POL-CALLBACK",
    severity=Severity.WARNING,
    title=Text(
        fr="Rappel par un consultant dans le délai de la charte",
        en="Call back by a consultant within the charter's delay",
    ),
    references=(ref.STAFF_CHARTER,),
    in_force_from=_2019,
    confidence=Confidence.PRACTICE,
    section=_SECTION,
    notes=Text(
        fr=(
            "STAFF : « rappel sous 24 à 48h par le consultant ». Lu comme "
            "Policy.callback_max_working_hours (48) heures ouvrées au plus entre le premier "
            "contact (inquiry.received_at) et le rappel (inquiry.called_back_at). Les heures "
            "ouvrées s'entendent de toutes les heures des jours ouvrés : le décompte court les "
            "jours ouvrés de la charte (lun.-ven.) et s'arrête les week-ends et les jours fériés "
            "français (interprétation : « sous 48h » promet environ deux jours ouvrés ; ne compter "
            "que les heures d'ouverture porterait le délai à une semaine). Sans rappel, "
            "avertissement dès que la date d'évaluation dépasse le jour où le délai expire. Ne "
            "s'applique que si la charte fixe Policy.callback_max_working_hours "
            "(Policy.callback_target_working_hours n'est qu'une donnée) ; sans "
            "Policy.working_weekdays, les jours ouvrés sont du lundi au vendredi."
        ),
        en=(
            "STAFF: 'rappel sous 24 à 48h par le consultant'. Read as at most "
            "Policy.callback_max_working_hours (48) working hours from the first contact "
            "(inquiry.received_at) to the call back (inquiry.called_back_at). Working hours are "
            "counted as whole hours of working days: the clock runs on the policy's working "
            "weekdays (Mon-Fri) and stops on weekends and French public holidays (interpretation: "
            "'sous 48h' promises about two working days; counting only opening hours would stretch "
            "it to a week). Without a call back, a warning once the evaluation date is past the "
            "day the limit ends. Applies only when the charter states "
            "Policy.callback_max_working_hours (Policy.callback_target_working_hours is kept as "
            "data); without Policy.working_weekdays, the working days are Monday to Friday."
        ),
    ),
)
def _callback(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    inquiry = bilan.inquiry
    if inquiry is None:
        return
    policy = _policy(ctx)
    if policy.callback_max_working_hours is None:
        return
    limit = policy.callback_max_working_hours * 60
    weekdays = policy.working_weekdays or calendar.WEEKDAYS
    received, called_back = inquiry.received_at, inquiry.called_back_at
    if called_back is not None:
        if _elapsed(received, called_back) <= limit:
            return  # working time never exceeds the time elapsed
        took = calendar.working_minutes_between(
            received,
            called_back,
            alsace_moselle=in_alsace_moselle(bilan),
            weekdays=weekdays,
        )
        if took > limit:
            yield Finding(
                path="$.inquiry.called_back_at",
                message=(
                    Text(
                        fr=f"rappel {hours(took)} ouvrées après le premier contact ; "
                        f"la charte annonce au plus {hours(limit)}",
                        en=f"called back {hours_en(took)} of working time after the first contact; "
                        f"the charter announces at most {hours_en(limit)}",
                    )
                ),
            )
        return
    if ctx.on.toordinal() <= paris_ordinal(dt.datetime.__add__(received, _minutes(limit))):
        return  # the limit cannot end before that day: working time runs at most real time
    due = calendar.add_working_minutes(
        received,
        limit,
        alsace_moselle=in_alsace_moselle(bilan),
        weekdays=weekdays,
    )
    due_day = calendar.local_date(due)
    if ctx.on > due_day:
        yield Finding(
            path="$.inquiry.called_back_at",
            message=(
                Text(
                    fr=f"aucun rappel enregistré ; le délai de {hours(limit)} ouvrées a pris fin "
                    f"le {date_fr(due_day)} à {calendar.local(due):%H:%M}",
                    en=f"no call back recorded; the {hours_en(limit)} of working time ended on "
                    f"{date_en(due_day)} at {calendar.local(due):%H:%M} (Paris time)",
                )
            ),
        )


@register(
    "POL-OPENING-HOURS",
    severity=Severity.WARNING,
    title=Text(
        fr="Séances pendant les heures d'ouverture, jamais un jour férié",
        en="Sessions within opening hours, never on a public holiday",
    ),
    references=(ref.STAFF_CHARTER,),
    in_force_from=_2019,
    confidence=Confidence.PRACTICE,
    section=_SECTION,
    notes=Text(
        fr=(
            "STAFF : ouvert du lundi au vendredi de 09:00 à 12:30 et de 14:00 à 17:30, avec une "
            "« amplitude » de 09:00 à 17:00. Les deux sont conservées comme données ; une séance "
            "avec le consultant (prévue ou tenue, entretien de suivi compris ; le travail "
            "personnel et les tests passés seul en sont exclus) s'inscrit dans une plage des "
            "heures d'ouverture ∩ amplitude (09:00-12:30, 14:00-17:00 pour STAFF), à l'heure de "
            "Paris (Europe/Paris), l'un des jours ouvrés de la charte et, lorsque "
            "Policy.closed_on_public_holidays, jamais un jour férié français. Le Vendredi saint et "
            "le 26 décembre comptent comme fériés lorsque le site de la séance est en "
            "Alsace-Moselle (pour une séance à distance : lorsque tous les sites du prestataire "
            "s'y trouvent). Chaque exigence ne s'applique que si la charte la fixe : les heures "
            "si elle fixe Policy.opening_hours ou Policy.amplitude (l'une seule suffit alors), "
            "les jours si elle fixe Policy.working_weekdays, les jours fériés si "
            "Policy.closed_on_public_holidays est vrai."
        ),
        en=(
            "STAFF: open Monday to Friday 09:00-12:30 and 14:00-17:30, with an 'amplitude' of "
            "09:00-17:00. Both are kept as data; a session with the consultant (planned or held, "
            "the follow-up interview included; personal work and tests taken alone are not) lies "
            "within one range of opening hours ∩ amplitude (09:00-12:30, 14:00-17:00 for STAFF), "
            "Europe/Paris wall clock, on one of the policy's working weekdays and, when "
            "Policy.closed_on_public_holidays, never on a French public holiday. Good Friday and "
            "26 December count where the session's site is in Alsace-Moselle (a remote session: "
            "where every site of the provider is). Each requirement applies only when the charter "
            "states it: the hours when it states Policy.opening_hours or Policy.amplitude (then "
            "whichever is stated), the days when it states Policy.working_weekdays, public "
            "holidays when Policy.closed_on_public_holidays is true."
        ),
    ),
)
def _opening_hours(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    policy = _policy(ctx)
    allowed, shown = _allowed_ranges(policy.opening_hours, policy.amplitude)
    weekdays = policy.working_weekdays
    closed = policy.closed_on_public_holidays is True
    if allowed is None and weekdays is None and not closed:
        return
    regions: dict[str | None, bool] = {}  # in Alsace-Moselle, by site id
    for index, session in enumerate(bilan.sessions):
        if not session.is_meeting:
            continue
        # Europe/Paris wall clock, stdlib values (pendulum's in_timezone costs ~10x more).
        begin = paris_wall(session.start)
        finish = paris_wall(dt.datetime.__add__(session.start, _minutes(session.minutes)))
        day = begin.date()
        holiday = None
        if closed:
            region = regions.get(session.site_id)
            if region is None:
                region = regions[session.site_id] = _session_in_alsace_moselle(bilan, session)
            holiday = calendar.holiday_name(day, alsace_moselle=region)
        if holiday is not None:
            why = f"jour férié ({holiday})", f"a public holiday ({holiday})"
        elif weekdays is not None and day.weekday() not in weekdays:
            why = "jour de fermeture", "a closing day"
        elif allowed is not None and not calendar.wall_within(begin, finish, allowed):
            why = (
                f"hors des heures d'ouverture ({shown}, heure de Paris)",
                f"outside opening hours ({shown}, Paris time)",
            )
        else:
            continue
        when, when_en = _when(begin, finish)
        yield Finding(
            path=f"$.sessions[{index}].start",
            message=Text(
                fr=f"séance {session.id} le {when}, {why[0]}",
                en=f"session {session.id} on {when_en}, {why[1]}",
            ),
        )


def _minutes(count: int) -> dt.timedelta:
    return dt.timedelta(minutes=count)


def _elapsed(start: dt.datetime, end: dt.datetime) -> float:
    """Minutes from ``start`` to ``end`` (stdlib subtraction: pendulum's builds an Interval)."""
    return dt.datetime.__sub__(end, start) / _ONE_MINUTE


_ONE_MINUTE = dt.timedelta(minutes=1)


@functools.lru_cache(maxsize=64)
def _allowed_ranges(
    opening_hours: tuple[calendar.TimeRangeLike, ...] | None,
    amplitude: calendar.TimeRangeLike | None,
) -> tuple[_Pairs | None, str]:
    """Opening hours ∩ amplitude, sorted, and as messages show them (cached per charter).

    Only one of the two stated: that one. Neither: ``None`` (any time of day).
    """
    if opening_hours is None:
        if amplitude is None:
            return None, ""
        allowed = calendar.ranges((amplitude,))
    elif amplitude is None:
        allowed = calendar.ranges(opening_hours)
    else:
        allowed = calendar.intersect_ranges(opening_hours, (amplitude,))
    return allowed, ", ".join(f"{_hm(a)}–{_hm(b)}" for a, b in allowed)


def _hm(value: dt.time | dt.datetime) -> str:
    """``HH:MM``, as ``f"{value:%H:%M}"`` writes it (without strftime's cost)."""
    return f"{value.hour:02d}:{value.minute:02d}"


def _when(begin: dt.datetime, finish: dt.datetime) -> tuple[str, str]:
    """The session's day and Paris times, in French and English."""
    day = begin.weekday()
    times = f"{_hm(begin)}–{_hm(finish)}"
    return (
        f"{_WEEKDAYS_FR[day]} {date_fr(begin.date())} {times}",
        f"{_WEEKDAYS_EN[day]} {date_en(begin.date())} {times}",
    )


def _session_in_alsace_moselle(bilan: Bilan, session: Session) -> bool:
    site = bilan.provider.site(session.site_id) if session.site_id else None
    if site is not None:
        return site.alsace_moselle
    sites = bilan.provider.sites
    return bool(sites) and all(s.alsace_moselle for s in sites)
