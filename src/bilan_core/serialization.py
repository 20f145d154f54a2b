"""The wire format: a bilan as JSON, ``{"format": "bilan-core/1", ...}``.

:func:`load` reads bytes, text or an already-parsed mapping; :func:`dump` gives a dict of JSON
types and :func:`dumps` compact, deterministic JSON bytes. Valid documents go through a
reader and a writer generated once per class (:mod:`bilan_core._structure`); a bad document is
explained by the strict cattrs converter of :func:`make_converter` (never cattrs' global one).

The reader is strict: no coercion (``"12"`` is not a number, ``1`` is not ``true``), unknown
keys are errors, instants must carry an offset, money is a decimal string with at most two
places, enum values are the documented snake_case words. Every problem is reported at once in
:attr:`SerializationError.errors <bilan_core.SerializationError.errors>` as ``(json_path,
message)`` pairs in the wire's own key names.

Messages never echo the offending value (it could be personal free text): they say what was
expected.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import orjson
import pendulum

from bilan_core._scalars import (
    FUNDING_TAGS,
    parse_date,
    parse_datetime,
    parse_money,
    write_instant,
    write_money,
)
from bilan_core._structure import make_reader, make_writer
from bilan_core._values import (
    day,
    instant,
    money,
    optional_day,
    optional_instant,
    optional_money,
)
from bilan_core.bilan import Bilan
from bilan_core.errors import InvalidValue, SerializationError
from bilan_core.funding import Funding
from bilan_core.history import Event
from bilan_core.sessions import Session, session_valid
from bilan_core.transitions import replay_errors

if TYPE_CHECKING:
    import cattrs

    from bilan_core.confidentiality import Audience

__all__ = ["FORMAT", "dump", "dumps", "load", "make_converter"]

FORMAT: Final = "bilan-core/1"
"""The format marker of the current wire format, in every document's ``"format"`` key."""

# -- the fast reader --------------------------------------------------------------------------

# Parsed scalars are immutable: equal wire strings share one object (less memory, no re-parse).
_read_date = functools.lru_cache(maxsize=4096)(lambda value: parse_date(value, str))
_read_datetime = functools.lru_cache(maxsize=4096)(lambda value: parse_datetime(value, str))
_read_money = functools.lru_cache(maxsize=1024)(lambda value: parse_money(value, str))


def _funding_reader(builder: Any) -> Any:
    readers = {
        cls.TAG: builder.ns[builder.class_reader(cls, tag="type")] for cls in FUNDING_TAGS.values()
    }

    def read(value: Any) -> Funding:
        return readers[value["type"]](value)  # type: ignore[no-any-return]

    return read


def _read_facts(value: Any) -> dict[str, Any]:
    """An object, passed on: ``Event``'s own converter checks the names and values."""
    if type(value) is not dict:
        raise InvalidValue("expected an object")
    return value


_read_bilan = make_reader(
    Bilan,
    scalars={pendulum.Date: _read_date, pendulum.DateTime: _read_datetime, Decimal: _read_money},
    overrides={(Event, "facts"): _read_facts},
    unions={Funding: _funding_reader},
    identity_converters=(day, optional_day, instant, optional_instant, money, optional_money),
    checks={Session: session_valid},
)

_write_bilan = make_writer(
    Bilan,
    scalars={
        pendulum.Date: dt.date.isoformat,
        pendulum.DateTime: write_instant,
        Decimal: write_money,
    },
    overrides={(Event, "facts"): dict},
    unions={Funding: {cls: tag for tag, cls in FUNDING_TAGS.items()}},
)


# -- public functions -------------------------------------------------------------------------


@functools.cache
def _detailed() -> cattrs.Converter:
    """The converter that explains a bad document, built (and cattrs imported) on the first."""
    from bilan_core._converter import make_converter

    return make_converter(detailed_validation=True)


def make_converter(*, detailed_validation: bool = True) -> cattrs.Converter:
    """Build the cattrs converter of the ``bilan-core/1`` wire format.

    See :func:`bilan_core._converter.make_converter`; cattrs is imported on this first call.

    >>> from bilan_core.phases import Phase
    >>> make_converter().unstructure(Phase.CONCLUSION)
    'conclusion'
    """
    from bilan_core._converter import make_converter as build

    return build(detailed_validation=detailed_validation)


_BOM: Final = b"\xef\xbb\xbf"
_TOO_LARGE: Final = "number is infinity"
"""How orjson's error message starts for a number beyond a 64-bit float (``1e400``)."""


def _without_bom(
    data: bytes | bytearray | memoryview | str,
) -> bytes | bytearray | memoryview | str:
    """The data without a leading UTF-8 byte order mark (RFC 8259 lets parsers ignore it)."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    return data[3:] if bytes(data[:3]) == _BOM else data


def _error_paths(exc: BaseException) -> list[tuple[str, str]]:
    from bilan_core._converter import error_paths

    return error_paths(exc, Bilan)


def _parse(data: bytes | bytearray | memoryview | str | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(data, Mapping):
        document = dict(data)
    elif isinstance(data, (bytes, bytearray, memoryview, str)):
        data = _without_bom(data)
        if not data:
            raise SerializationError([("$", "empty input: expected a JSON object")])
        try:
            document = orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            where = f"line {exc.lineno}, column {exc.colno}"
            if exc.msg.startswith(_TOO_LARGE):
                # Valid JSON, but beyond a 64-bit float: orjson cannot represent it.
                raise SerializationError([("$", f"number too large ({where})")]) from None
            raise SerializationError([("$", f"not valid JSON ({where})")]) from None
    else:
        raise SerializationError(
            [("$", f"expected bytes, str or a mapping, got {type(data).__name__}")]
        )
    if type(document) is not dict:
        raise SerializationError([("$", "expected a JSON object")])
    marker = document.pop("format", None)
    if marker != FORMAT:
        why = "missing format marker" if marker is None else "unsupported format marker"
        raise SerializationError([("$.format", f'{why}: expected "{FORMAT}"')])
    return document


def load(data: bytes | bytearray | memoryview | str | Mapping[str, Any]) -> Bilan:
    """Read a bilan from its wire form.

    Args:
        data: JSON bytes or text, or a mapping already parsed from JSON.

    Raises:
        SerializationError: the data is not a valid ``bilan-core/1`` document; ``.errors``
            lists every problem with its JSON path.

    >>> from bilan_core.samples import example_bilan
    >>> bilan = load(dumps(example_bilan("cpf")))
    >>> bilan.phase
    <Phase.COMPLETED: 'completed'>
    >>> load(b'{"format": "bilan-core/1", "id": 7}')
    Traceback (most recent call last):
    ...
    bilan_core.errors.SerializationError: 4 problems in the bilan data:
    $.id: expected a string
    $.beneficiary: required key missing
    $.provider: required key missing
    $.funding: required key missing
    """
    document = _parse(data)
    try:
        bilan: Bilan = _read_bilan(document)
    except Exception:  # noqa: BLE001 - re-read with details to report every error
        try:
            _detailed().structure(document, Bilan)
        except Exception as exc:  # noqa: BLE001 - every error becomes a SerializationError
            raise SerializationError(_error_paths(exc)) from None
        raise SerializationError([("$", "invalid document")]) from None  # pragma: no cover
    history_errors = replay_errors(bilan)
    if history_errors:
        raise SerializationError(history_errors)
    return bilan


def dump(
    bilan: Bilan,
    *,
    audience: Audience | str | None = None,
    at: dt.datetime | None = None,
) -> dict[str, Any]:
    """The wire form of a bilan, as a dict of JSON types (``"format"`` first).

    Args:
        bilan: the bilan.
        audience: who the data is for. ``None`` (the default), ``"beneficiary"`` or
            ``"provider"``: the full wire form. Any other :class:`~bilan_core.Audience` gets
            the redacted view of :func:`bilan_core.confidentiality.view`, marked
            ``"audience"`` and without ``"format"``, so :func:`load` refuses it.
        at: the instant a redacted view is given (an aware datetime); it decides which of
            the beneficiary's agreements hold. Required for redacted views, refused without
            an audience.

    Raises:
        InvalidValue: ``at`` is given without ``audience``.

    >>> from bilan_core.samples import example_bilan
    >>> dump(example_bilan())["format"]
    'bilan-core/1'
    >>> at = pendulum.datetime(2026, 6, 1, tz="Europe/Paris")
    >>> dump(example_bilan(), audience="funder", at=at)["audience"]
    'funder'
    """
    if audience is None and at is not None:
        raise InvalidValue("at goes with audience=...: the full wire form does not depend on it")
    if audience is not None:
        from bilan_core.confidentiality import view

        return view(bilan, audience, at=at)
    return {"format": FORMAT, **_write_bilan(bilan)}


def dumps(
    bilan: Bilan,
    *,
    audience: Audience | str | None = None,
    at: dt.datetime | None = None,
) -> bytes:
    """The wire form of a bilan as compact JSON bytes.

    Keys are sorted, so equal bilans give equal bytes. ``audience`` and ``at`` are those of
    :func:`dump` (``at`` without ``audience`` raises :class:`~bilan_core.InvalidValue`).
    """
    return orjson.dumps(dump(bilan, audience=audience, at=at), option=orjson.OPT_SORT_KEYS)
