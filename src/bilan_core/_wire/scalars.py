"""The wire's scalars: the exact text of dates, instants and amounts, read and written.

One pattern per kind, used by the reader (checking every value of a document in one call),
the explainer and the JSON Schema, so the three agree:

- a date is ``YYYY-MM-DD`` of the years 1900 to 2999;
- an instant is ``YYYY-MM-DDTHH:MM[:SS[.ffffff]]`` then ``Z`` or ``±HH:MM`` (the offset is
  required); the day must exist, the wall time must exist in Europe/Paris when the offset is
  +01:00 or +02:00 (not in the spring-forward gap), and the instant in UTC falls in the years
  1900 to 2999;
- an amount is a decimal string of ASCII digits with at most two places (``"103.2"`` reads as
  103.20 €), at most 999 999 999.99.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection
from decimal import Decimal
from typing import Any, Final

import pendulum

from bilan_core._fields import Pattern
from bilan_core._paris import paris_offset
from bilan_core._values import FIRST_YEAR, LAST_YEAR, NAIVE, UTC, out_of_range
from bilan_core.errors import InvalidValue
from bilan_core.text import Text

__all__ = [
    "DATE_REGEX",
    "INSTANT_PATTERN",
    "INSTANT_REGEX",
    "MONEY_PATTERN",
    "MONEY_REGEX",
    "date_problem",
    "instant_problem",
    "money_problem",
    "read_day",
    "read_day_in",
    "read_instant",
    "read_instant_in",
    "read_money",
    "write_instant",
    "write_money",
    "written_form",
]

_YEAR = r"(?:19[0-9]{2}|2[0-9]{3})"
_DAY = rf"{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
_TIME = r"(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,6})?)?"
_OFFSET = r"(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"

DATE_REGEX: Final = _DAY
"""A calendar day on the wire (the day must also exist: no 30 February)."""
INSTANT_REGEX: Final = rf"{_DAY}T{_TIME}{_OFFSET}"
"""An instant on the wire: a date, ``T``, a time, an offset."""
MONEY_REGEX: Final = r"[0-9]{1,9}(?:\.[0-9]{1,2})?"
"""An amount on the wire."""

_INSTANT: Final = re.compile(INSTANT_REGEX, re.ASCII)
INSTANT_PATTERN: Final = Pattern(
    INSTANT_REGEX,
    rule=Text(
        fr="une date-heure ISO 8601 avec son décalage horaire est attendue",
        en="expected an ISO 8601 date-time with an offset",
    ),
    name="instant",
)
"""The instants' pattern, as the reader checks it."""
MONEY_PATTERN: Final = Pattern(
    MONEY_REGEX,
    rule=Text(
        fr='un montant est une chaîne décimale à deux décimales au plus, comme "103.20"',
        en='money is a decimal string with at most two places, such as "103.20"',
    ),
    name="money",
)
"""The amounts' pattern, as the reader checks it."""
_NAIVE_INSTANT: Final = re.compile(rf"{_DAY}T{_TIME}", re.ASCII)
_ANY_YEAR: Final = re.compile(
    r"[0-9]{4}(-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]))"
    rf"(?:(T{_TIME}{_OFFSET})|)",
    re.ASCII,
)
_DATE: Final = re.compile(DATE_REGEX, re.ASCII)
_MONEY: Final = re.compile(MONEY_REGEX, re.ASCII)
_CENT: Final = Decimal("0.01")
_PARIS_OFFSETS: Final = (dt.timedelta(hours=1), dt.timedelta(hours=2))
_UTC: Final = dt.timezone.utc

_fromisoformat = dt.datetime.fromisoformat
_PDateTime = pendulum.DateTime
# The pickled state of a date or a datetime rebuilds one in a single C call: the fast way to
# make a pendulum object of a stdlib one (typed Any: the stubs do not list that form).
_DATETIME_FROM_STATE: Any = pendulum.DateTime
_DATE_FROM_STATE: Any = pendulum.Date

EXPECTED_INSTANT: Final = INSTANT_PATTERN.rule
EXPECTED_DATE: Final = Text(
    fr="une date AAAA-MM-JJ est attendue", en="expected a date as YYYY-MM-DD"
)
NO_SUCH_DAY: Final = Text(fr="ce jour n'existe pas", en="not a calendar date")
MONEY_TEXT: Final = MONEY_PATTERN.rule
MONEY_NUMBER: Final = Text(
    fr='un montant est une chaîne décimale comme "103.20", pas un nombre',
    en='money is a decimal string such as "103.20", not a number',
)


def _parse(text: str) -> dt.datetime:
    """``datetime.fromisoformat`` for the wire's instants, on every Python version."""
    if text[-1] == "Z":
        text = text[:-1] + "+00:00"
    try:
        return _fromisoformat(text)
    except ValueError:
        # Python 3.10 reads 3 or 6 digits of a second's fraction only.
        head, dot, rest = text.partition(".")
        if not dot:
            raise
        digits = rest[:-6]
        return _fromisoformat(f"{head}.{digits.ljust(6, '0')}{rest[-6:]}")


def _gap(wall: dt.datetime) -> Text:
    return Text(
        fr=f"{wall:%H:%M} n'existe pas à Paris le {wall:%d/%m/%Y} : les horloges avancent "
        "d'une heure cette nuit-là",
        en=f"{wall:%H:%M} does not exist in Europe/Paris on {wall:%Y-%m-%d}: the clocks jump "
        "forward that night",
    )


def _exists_in_paris(wall: dt.datetime) -> bool:
    """Whether a wall-clock time is shown by clocks in Paris (not in a spring-forward gap)."""
    for offset in _PARIS_OFFSETS:
        utc = (wall - offset).replace(tzinfo=_UTC)
        if paris_offset(utc) == offset:
            return True
    return False


def read_instant(text: str) -> pendulum.DateTime:
    """A wire instant (its shape already checked, or checked later) as a UTC instant.

    Raises:
        InvalidValue: no offset, no such day, a wall time in the Paris spring-forward gap, or
            outside the years 1900 to 2999 (as written, and in UTC).
        ValueError: text ``datetime.fromisoformat`` cannot read.
    """
    if text[-6:] == "+00:00":  # what the writer writes: UTC, the wall time is the instant
        try:
            parsed = _fromisoformat(text)
        except ValueError:
            pass  # Python 3.10 and a fraction of 1, 2, 4 or 5 digits: the general path
        else:
            if FIRST_YEAR <= parsed.year <= LAST_YEAR:
                return _DATETIME_FROM_STATE(parsed.__reduce__()[1][0], UTC)  # type: ignore[no-any-return]
    return _read_any_offset(text)


def _read_any_offset(text: str) -> pendulum.DateTime:
    parsed = _parse(text)
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise InvalidValue(out_of_range("date-time"))
    offset = parsed.utcoffset()
    if offset is None:
        raise InvalidValue(NAIVE)
    if offset:
        wall = parsed.replace(tzinfo=None)
        if offset in _PARIS_OFFSETS and not _exists_in_paris(wall):
            raise InvalidValue(_gap(wall))
        try:
            parsed = wall - offset
        except OverflowError:
            raise InvalidValue(out_of_range("date-time")) from None
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise InvalidValue(out_of_range("date-time"))
    return _DATETIME_FROM_STATE(parsed.__reduce__()[1][0], UTC)  # type: ignore[no-any-return]


def read_instant_in(text: str, instants: dict[str, pendulum.DateTime]) -> pendulum.DateTime:
    """:func:`read_instant` within one document: equal instants are one object.

    ``instants`` holds the document's instants read so far, by their text; the reader then
    checks its texts against :data:`INSTANT_PATTERN` (:func:`written_form` first).

    Raises:
        InvalidValue: as :func:`read_instant`.
        ValueError: as :func:`read_instant`.
    """
    found: pendulum.DateTime | None = instants.get(text)
    if found is not None:
        return found
    if text[-6:] == "+00:00":  # read_instant's first path, inlined (the writer's instants)
        try:
            parsed = _fromisoformat(text)
        except ValueError:
            pass  # Python 3.10 and a fraction of 1, 2, 4 or 5 digits: the general path
        else:
            if FIRST_YEAR <= parsed.year <= LAST_YEAR:
                found = instants[text] = _DATETIME_FROM_STATE(parsed.__reduce__()[1][0], UTC)
                return found
    found = instants[text] = _read_any_offset(text)
    return found


_WRITTEN_LINE: Final = b"0000-00-00T00:00:00+00:00\n"
_HOUR_TENS: Final = slice(11, None, len(_WRITTEN_LINE))
_DIGITS_TO_ZERO: Final = bytes.maketrans(b"123456789", b"000000000")


def written_form(texts: Collection[str]) -> bool:
    """Whether every text, read by :func:`read_instant`, is an instant as the writer writes it.

    ``YYYY-MM-DDTHH:MM:SS+00:00`` in ASCII digits: checked for all the texts at once, with one
    translation of their bytes. Such a text that :func:`read_instant` read (a day and a time
    that exist, of the model's years, the hour not 24) matches :data:`INSTANT_REGEX`, so the
    reader need not run the expression on it. ``False`` says only that the expression must
    decide.
    """
    joined = "\n".join(texts)
    if not joined.isascii():
        return False
    encoded = joined.encode()
    if encoded.translate(_DIGITS_TO_ZERO) != (_WRITTEN_LINE * len(texts))[:-1]:
        return False
    # datetime.fromisoformat reads T24:00 as the next midnight on recent Pythons: not ours.
    return b"2" not in encoded[_HOUR_TENS] or b"T24" not in encoded


def read_day_in(value: dt.date, days: dict[dt.date, pendulum.Date]) -> pendulum.Date:
    """:func:`read_day` within one document: equal days are one object (``days``, by day).

    Raises:
        InvalidValue: as :func:`read_day`.
    """
    found = days.get(value)
    if found is None:
        found = days[value] = read_day(value)
    return found


def read_day(value: dt.date) -> pendulum.Date:
    """A day msgspec read (``YYYY-MM-DD``), as a :class:`pendulum.Date` of the model's years.

    Raises:
        InvalidValue: outside the years 1900 to 2999.
    """
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InvalidValue(out_of_range("date"))
    return _DATE_FROM_STATE(value.__reduce__()[1][0])  # type: ignore[no-any-return]


def read_money(text: str) -> Decimal:
    """A wire amount (its shape checked) as a two-place :class:`~decimal.Decimal`."""
    return Decimal(text).quantize(_CENT)


def instant_problem(value: Any) -> Text | None:  # noqa: PLR0911 - one message per problem
    """What is wrong with a wire instant, or ``None`` (the explainer's check)."""
    if type(value) is not str:
        return EXPECTED_INSTANT
    if not _INSTANT.fullmatch(value):
        if _NAIVE_INSTANT.fullmatch(value):
            return NAIVE
        other_year = _ANY_YEAR.fullmatch(value)
        if other_year is not None and other_year.group(2):
            return out_of_range("date-time")
        return EXPECTED_INSTANT
    try:
        read_instant(value)
    except InvalidValue as exc:
        return exc.text
    except ValueError:
        return NO_SUCH_DAY
    return None


def date_problem(value: Any) -> Text | None:
    """What is wrong with a wire date, or ``None`` (the explainer's check)."""
    if type(value) is not str:
        return EXPECTED_DATE
    if not _DATE.fullmatch(value):
        other_year = _ANY_YEAR.fullmatch(value)
        if other_year is not None and not other_year.group(2):
            return out_of_range("date")
        return EXPECTED_DATE
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return NO_SUCH_DAY
    return None


def money_problem(value: Any) -> Text | None:
    """What is wrong with a wire amount, or ``None`` (the explainer's check)."""
    if type(value) in (int, float):
        return MONEY_NUMBER
    if type(value) is not str or not _MONEY.fullmatch(value):
        return MONEY_TEXT
    return None


def instant_writer() -> Callable[[dt.datetime], str]:
    """:func:`write_instant`, faster: what a writer calls (made once per writer).

    A UTC instant without a fraction of a second is written from a table of the day's
    minutes, its day by ``date.isoformat``; any other goes through :func:`write_instant`.
    """
    minutes = tuple(f"T{hour:02d}:{minute:02d}" for hour in range(24) for minute in range(60))
    seconds = tuple(f":{second:02d}+00:00" for second in range(60))
    day = dt.date.isoformat
    utc = UTC

    def write(value: dt.datetime) -> str:
        if value.tzinfo is utc and not value.microsecond:
            return f"{day(value)}{minutes[value.hour * 60 + value.minute]}{seconds[value.second]}"
        return write_instant(value)

    return write


_ISO_UTC: Final = "%04d-%02d-%02dT%02d:%02d:%02d+00:00"
_ISO_UTC_MICRO: Final = "%04d-%02d-%02dT%02d:%02d:%02d.%06d+00:00"


def write_instant(value: dt.datetime) -> str:
    """An instant as the wire writes it: UTC, ``+00:00``, microseconds only when not zero."""
    if value.tzinfo is not UTC:
        value = dt.datetime.astimezone(value, _UTC)
    if value.microsecond:
        return _ISO_UTC_MICRO % (
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
        )
    return _ISO_UTC % (value.year, value.month, value.day, value.hour, value.minute, value.second)


def write_money(value: Decimal) -> str:
    """An amount with two places: ``"103.20"``."""
    text = str(value)  # the model's amounts have two places: str writes them so, fast
    return text if text[-3:-2] == "." else f"{value:.2f}"
