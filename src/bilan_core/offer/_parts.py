"""The small pieces of an offer: lengths of time, delays, weekly hours, contacts.

An offer states what its brochure says, in the brochure's own units: "rappel sous 24 à 48 h",
"démarrage sous 15 j à 2 mois", "sur deux à trois mois environ". A :class:`Delay` keeps those
words as data (a minimum and a maximum :class:`Length`, each with its unit, and whether the
offer says "about"), so that a charter can be derived from them by a stated reading rather
than by the offer's author doing arithmetic.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Annotated, Any, Final

import attrs

from bilan_core._fields import Pattern, Range, check_fields
from bilan_core.errors import InvalidValue
from bilan_core.text import Text

__all__ = [
    "CLOCK",
    "EMAIL",
    "PHONE",
    "URL",
    "ClockRange",
    "Contact",
    "ContactRole",
    "Delay",
    "Length",
    "Schedule",
    "TimeUnit",
    "Weekday",
    "as_frozenset",
    "as_tuple",
    "blank",
    "said",
]


# -- converters shared by the offer's classes -------------------------------------------------


def as_tuple(value: object) -> tuple[Any, ...]:
    """A list or tuple as a tuple (a string is not a sequence of lines here).

    Raises:
        InvalidValue: not a list or a tuple.
    """
    if type(value) is tuple:
        return value
    if not isinstance(value, (tuple, list)):
        raise InvalidValue(Text(fr="une suite est attendue", en="expected a sequence"))
    return tuple(value)


def as_frozenset(value: object) -> frozenset[Any]:
    """A collection as a frozenset (a string is not a collection of words here).

    Raises:
        InvalidValue: not a set, a frozenset, a list or a tuple.
    """
    if type(value) is frozenset:
        return value
    if not isinstance(value, (frozenset, set, tuple, list)):
        raise InvalidValue(Text(fr="une collection est attendue", en="expected a collection"))
    try:
        return frozenset(value)
    except TypeError:  # an unhashable item
        raise InvalidValue(
            Text(fr="une collection de valeurs est attendue", en="expected a collection of values")
        ) from None


def blank(text: str | None) -> bool:
    """Whether a free text says nothing (``None``, empty or only spaces)."""
    return text is None or not text.strip()


def said(texts: Iterable[str]) -> bool:
    """Whether at least one of the texts says something."""
    return any(not blank(text) for text in texts)


# -- time -----------------------------------------------------------------------------------


class Weekday(enum.Enum):
    """A day of the week, Monday first (:attr:`number` 0 to 6, as :meth:`datetime.date.weekday`)."""

    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @property
    def number(self) -> int:
        """0 for Monday to 6 for Sunday.

        >>> Weekday.FRIDAY.number
        4
        """
        return _WEEKDAY_NUMBERS[self]


_WEEKDAY_NUMBERS: Final = {day: number for number, day in enumerate(Weekday)}

CLOCK: Final = Pattern(
    regex=r"(?:[01][0-9]|2[0-3]):[0-5][0-9]",
    rule=Text(
        fr="une heure HH:MM est attendue, de 00:00 à 23:59",
        en="expected a time of day as HH:MM, 00:00 to 23:59",
    ),
    name="time of day",
)
"""A local (Europe/Paris) wall-clock time of day: ``"09:00"``, ``"17:30"``."""

Clock = Annotated[str, CLOCK]
"""A time of day, ``HH:MM`` (see :data:`CLOCK`)."""


@attrs.frozen(kw_only=True)
class ClockRange:
    """A range of times of a day, local Europe/Paris wall-clock times.

    Attributes:
        start: when it begins, ``HH:MM``.
        end: when it ends, ``HH:MM``, after ``start``.
    """

    start: Clock
    end: Clock

    __attrs_post_init__ = check_fields

    def _invariants(self) -> None:
        if self.end <= self.start:  # HH:MM strings sort as the times they are
            raise InvalidValue(
                Text(fr="end n'est pas après start", en="end is not after start"), field="end"
            )

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"


@attrs.frozen(kw_only=True)
class Schedule:
    """Weekly hours: the days of the week and the ranges of each of them.

    Attributes:
        days: the days of the week it covers.
        hours: the ranges of those days, in order, not overlapping.
    """

    days: frozenset[Weekday] = attrs.field(converter=as_frozenset)
    hours: tuple[ClockRange, ...] = attrs.field(converter=as_tuple)

    __attrs_post_init__ = check_fields

    def _invariants(self) -> None:
        if not self.days:
            raise InvalidValue(Text(fr="au moins un jour", en="at least one day"), field="days")
        if not self.hours:
            raise InvalidValue(
                Text(fr="au moins une plage", en="at least one range"), field="hours"
            )
        for index in range(1, len(self.hours)):
            if self.hours[index].start < self.hours[index - 1].end:
                raise InvalidValue(
                    Text(
                        fr="les plages se chevauchent ou ne sont pas dans l'ordre",
                        en="the ranges overlap or are out of order",
                    ),
                    field=f"hours[{index}]",
                )

    @property
    def weekday_numbers(self) -> frozenset[int]:
        """:attr:`days` as numbers, Monday = 0 (how a :class:`~bilan_core.Policy` says them)."""
        return frozenset(day.number for day in self.days)


class TimeUnit(enum.Enum):
    """The unit an offer states a length of time in."""

    HOURS = "hours"
    WORKING_HOURS = "working_hours"
    """Hours of the provider's working days (*heures ouvrées*)."""
    DAYS = "days"
    """Calendar days."""
    WORKING_DAYS = "working_days"
    """The provider's working days (*jours ouvrés*)."""
    WEEKS = "weeks"
    MONTHS = "months"


# The shortest and longest calendar time of one unit, in hours (None: working time, which
# depends on the calendar; compared only with the same unit).
_HOURS_OF: Final[dict[TimeUnit, tuple[int, int] | None]] = {
    TimeUnit.HOURS: (1, 1),
    TimeUnit.DAYS: (24, 24),
    TimeUnit.WEEKS: (168, 168),
    TimeUnit.MONTHS: (28 * 24, 31 * 24),
    TimeUnit.WORKING_HOURS: None,
    TimeUnit.WORKING_DAYS: None,
}


@attrs.frozen(kw_only=True)
class Length:
    """A length of time as an offer states it: a number and its unit (``15 days``, ``2 months``).

    Attributes:
        value: how many (0 to 1000).
        unit: of what.
    """

    value: Annotated[int, Range(0, 1000)]
    unit: TimeUnit

    __attrs_post_init__ = check_fields

    def hours_bounds(self) -> tuple[int, int] | None:
        """The shortest and longest calendar time it can mean, in hours (``None``: working time).

        >>> Length(value=2, unit=TimeUnit.MONTHS).hours_bounds()
        (1344, 1488)
        """
        per = _HOURS_OF[self.unit]
        return None if per is None else (self.value * per[0], self.value * per[1])


@attrs.frozen(kw_only=True)
class Delay:
    """A span of time from a minimum to a maximum, as an offer states it.

    "24 à 48 h" is a minimum of 24 hours and a maximum of 48; "sous 15 jours" a maximum
    only; "deux à trois mois environ" a minimum and a maximum, ``approximate``.

    Attributes:
        minimum: the least, when the offer states one.
        maximum: the most, when the offer states one.
        approximate: the offer says "about" (*environ*).
    """

    minimum: Length | None = None
    maximum: Length | None = None
    approximate: bool = False

    __attrs_post_init__ = check_fields

    def _invariants(self) -> None:
        if self.minimum is None and self.maximum is None:
            raise InvalidValue(
                Text(fr="un minimum, un maximum ou les deux", en="a minimum, a maximum or both"),
                field="maximum",
            )
        if self.minimum is None or self.maximum is None:
            return
        low, high = self.minimum, self.maximum
        if low.unit is high.unit:
            above = low.value > high.value
        else:
            low_hours, high_hours = low.hours_bounds(), high.hours_bounds()
            above = (
                low_hours is not None and high_hours is not None and low_hours[0] > high_hours[1]
            )
        if above:
            raise InvalidValue(
                Text(fr="le minimum dépasse le maximum", en="the minimum exceeds the maximum"),
                field="minimum",
            )


# -- contacts ---------------------------------------------------------------------------------

# No \s: JSON Schema's \s (ECMAScript) is wider than Python's ASCII one; the schema must accept
# exactly what the reader accepts.
_NOT_SPACE_OR_AT: Final = r"[^@ \t\n\r\f\v]"
EMAIL: Final = Pattern(
    regex=rf"{_NOT_SPACE_OR_AT}+@{_NOT_SPACE_OR_AT}+\.{_NOT_SPACE_OR_AT}+",
    rule=Text(
        fr="une adresse électronique sans espace, nom@domaine.tld, est attendue",
        en="expected an e-mail address without spaces, name@domain.tld",
    ),
    name="e-mail address",
)
"""An e-mail address, as printed (an accent in it is kept: the offer is transcribed as is)."""

PHONE: Final = Pattern(
    regex=r"\+?[0-9(][0-9() ]{4,23}",
    rule=Text(
        fr="un numéro de téléphone de chiffres, espaces, parenthèses et un « + » initial, "
        "25 caractères au plus, est attendu",
        en="expected a phone number of digits, spaces, parentheses and a leading '+', at most "
        "25 characters",
    ),
    name="phone number",
)
"""A phone number as LHÉO writes one: digits, spaces, parentheses, a leading ``+``."""

URL: Final = Pattern(
    regex=r"https?://[^ \t\n\r\f\v]{1,390}",
    rule=Text(
        fr="une adresse web http:// ou https:// sans espace est attendue",
        en="expected an http:// or https:// web address without spaces",
    ),
    name="web address",
)
"""A web address (``http://`` or ``https://``), at most 400 characters."""


class ContactRole(enum.Enum):
    """What a contact of the offer is for (LHÉO's ``type-contact``)."""

    GENERAL = "general"
    """Information and enrolment (*contact et renseignements*)."""
    DISABILITY = "disability"
    """The disability referent (*référent handicap*)."""
    PEDAGOGICAL = "pedagogical"
    """The pedagogical referent."""
    QUALITY = "quality"
    """The quality referent."""
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Contact:
    """A contact the offer publishes: a service or a person, and how to reach them.

    Attributes:
        role: what the contact is for.
        label: a service or heading, as printed (``"Bilan de compétences"``).
        first_name: a person's first name, when the offer gives one.
        last_name: a person's last name, when the offer gives one.
        email: an e-mail address.
        phone: a phone number.
        url: a web page.
    """

    role: ContactRole = ContactRole.GENERAL
    label: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    email: Annotated[str, EMAIL] | None = None
    phone: Annotated[str, PHONE] | None = None
    url: Annotated[str, URL] | None = None

    __attrs_post_init__ = check_fields

    @property
    def reachable(self) -> bool:
        """Whether it gives a way to reach it: an e-mail address, a phone number or a web page."""
        return self.email is not None or self.phone is not None or self.url is not None
