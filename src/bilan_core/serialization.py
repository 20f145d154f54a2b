"""The wire format: a bilan as JSON, ``{"format": "bilan-core/1", ...}``.

:func:`load` reads bytes, text or an already-parsed mapping; :func:`dump` gives a dict of JSON
types and :func:`dumps` compact, deterministic JSON bytes. Reading and writing are made from
the model's field table (:mod:`bilan_core._fields`) by the wire engine
(:mod:`bilan_core._wire`): msgspec decodes the bytes in C into strict mirror types, a builder
generated per class makes the frozen objects; a refused document is explained from the same
table.

The reader is strict: no coercion (``"12"`` is not a number, ``1`` is not ``true``), unknown
keys are errors, instants must carry an offset, money is a decimal string with at most two
places, enum values are the documented snake_case words, every reference (a session's site or
consultant, a disclosure's documents and agreement) names an item of the plan. The problems
are reported at once in :attr:`SerializationError.errors <bilan_core.SerializationError.errors>`
as ``(json_path, message)`` pairs in the wire's own key names, at most
:attr:`~bilan_core.SerializationError.LIMIT` of them (:attr:`~bilan_core.SerializationError.total`
counts them all).

Messages never echo the offending value (it could be personal free text): they say what was
expected; an unknown key is shown escaped and shortened.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final, cast

import msgspec
import orjson

from bilan_core._wire.explain import explain
from bilan_core._wire.reader import Reader
from bilan_core._wire.writer import make_writer
from bilan_core.bilan import Bilan
from bilan_core.errors import SerializationError
from bilan_core.history import history_errors
from bilan_core.text import Text
from bilan_core.wire_types import BilanDocument

if TYPE_CHECKING:
    import cattrs


__all__ = ["FORMAT", "dump", "dumps", "load", "make_converter"]

FORMAT: Final = "bilan-core/1"
"""The format marker of the current wire format, in every document's ``"format"`` key."""

_MARKER: Final = ("format", FORMAT)


@functools.cache
def _reader() -> Reader:
    """The reader of ``bilan-core/1`` (made on the first :func:`load`)."""
    return Reader(Bilan, marker=_MARKER)


@functools.cache
def _writer() -> Any:
    """The writer of :func:`dump` (made on the first call)."""
    return make_writer(Bilan)


@functools.cache
def _bytes_writer() -> Any:
    """The writer of :func:`dumps`: the format marker and every key in sorted order."""
    return make_writer(Bilan, sort_keys=True, constants=dict((_MARKER,)))


def make_converter(*, detailed_validation: bool = True) -> cattrs.Converter:
    """Build the cattrs converter of the ``bilan-core/1`` wire format.

    For apps that embed bilan-core's classes in their own cattrs models; :func:`load` does
    not use it. See :func:`bilan_core._converter.make_converter`; cattrs is imported on this
    first call.

    >>> from bilan_core.phases import Phase
    >>> make_converter().unstructure(Phase.CONCLUSION)
    'conclusion'
    """
    from bilan_core._converter import make_converter as build

    return build(detailed_validation=detailed_validation)


_BOM: Final = b"\xef\xbb\xbf"
_EMPTY: Final = Text(
    fr="entrée vide : un objet JSON est attendu", en="empty input: expected a JSON object"
)
_TOO_DEEP_MAPPING: Final = Text(
    fr="le dictionnaire est trop profondément imbriqué",
    en="the mapping is nested too deeply",
)
_NOT_JSON_TYPES: Final = Text(
    fr="le dictionnaire contient des valeurs qui ne sont pas des types JSON",
    en="the mapping holds values that are not JSON types",
)


def _without_bom(data: bytes | bytearray | memoryview | str) -> bytes | str:
    """The data without a leading UTF-8 byte order mark (RFC 8259 lets parsers ignore it)."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    data = bytes(data)
    return data[3:] if data[:3] == _BOM else data


def document_bytes(
    data: bytes | bytearray | memoryview | str | Mapping[str, Any], what: str = "bilan"
) -> bytes | str:
    """The JSON text to read: bytes or text as given (without a BOM), a mapping encoded.

    A mapping is read as the JSON it stands for: dates, aware datetimes, enum members and
    tuples become their JSON form first.

    Raises:
        SerializationError: empty input, a mapping with values that are not JSON types, or
            another type of ``data``.
    """
    if isinstance(data, Mapping):
        try:
            return msgspec.json.encode(data)
        except (TypeError, ValueError, OverflowError):
            raise SerializationError([("$", _NOT_JSON_TYPES)], what=what) from None
        except RecursionError:
            raise SerializationError([("$", _TOO_DEEP_MAPPING)], what=what) from None
    if not isinstance(data, (bytes, bytearray, memoryview, str)):
        raise SerializationError(
            [
                (
                    "$",
                    Text(
                        fr=f"bytes, str ou un dictionnaire attendu, pas {type(data).__name__}",
                        en=f"expected bytes, str or a mapping, got {type(data).__name__}",
                    ),
                )
            ],
            what=what,
        )
    text = _without_bom(data)
    if not text:
        raise SerializationError([("$", _EMPTY)], what=what)
    return text


def parse_json(text: bytes | str, what: str = "bilan") -> Any:
    """The JSON value of a text, or :class:`SerializationError` saying where it is broken."""
    try:
        return msgspec.json.decode(text)
    except msgspec.ValidationError:  # a number beyond a 64-bit float
        fr, en = "nombre trop grand", "number too large"
    except msgspec.DecodeError:
        fr, en = "JSON invalide", "not valid JSON"
    except RecursionError:  # arrays or objects nested deeper than the decoder goes
        fr, en = "JSON trop profondément imbriqué", "JSON nested too deeply"
    try:  # orjson says where (line and column)
        orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        fr += f" (ligne {exc.lineno}, colonne {exc.colno})"
        en += f" (line {exc.lineno}, column {exc.colno})"
    raise SerializationError([("$", Text(fr=fr, en=en))], what=what) from None


def refuse(reader: Reader, text: bytes | str, what: str) -> SerializationError:
    """The error explaining why ``reader`` refused ``text``: every problem, at most 100."""
    problems = explain(parse_json(text, what), reader, marker=reader.marker)
    if not problems.total:  # pragma: no cover - the reader and the explainer disagree
        problems.add("$", Text(fr="document invalide", en="invalid document"))
    return SerializationError(problems.items, total=problems.total, what=what)


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
    text = document_bytes(data)
    reader = _reader()
    try:
        bilan: Bilan = reader.read(text)
    except Exception:  # noqa: BLE001 - any refusal is explained from the field table
        raise refuse(reader, text, "bilan") from None
    problems = history_errors(bilan.history, bilan.phase)
    if problems:
        raise SerializationError(problems)
    return bilan


def dump(bilan: Bilan) -> BilanDocument:
    """The wire form of a bilan, as a dict of JSON types (``"format"`` first).

    Typed as :class:`~bilan_core.wire_types.BilanDocument`, a ``TypedDict`` per model class
    generated from the field table, so a misspelt key is a type error.

    This is the full form, for the beneficiary and the provider. What any other audience may
    see is :func:`bilan_core.confidentiality.view` (redacted, marked ``"audience"`` and
    without ``"format"``, so :func:`load` refuses it).

    >>> from bilan_core.samples import example_bilan
    >>> dump(example_bilan())["format"]
    'bilan-core/1'
    """
    return cast("BilanDocument", {"format": FORMAT, **_writer()(bilan)})


def dumps(bilan: Bilan) -> bytes:
    """The wire form of a bilan as compact JSON bytes.

    Keys are sorted, so equal bilans give equal bytes: the bytes of
    ``orjson.dumps(dump(bilan), option=orjson.OPT_SORT_KEYS)``, from a writer that makes every
    object with its keys in order.
    """
    return orjson.dumps(_bytes_writer()(bilan))
