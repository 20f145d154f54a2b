"""The offer's wire format: an offer as JSON, ``{"format": "bilan-core-offer/1", ...}``.

The same engine as the bilan's (:mod:`bilan_core._wire`), from the same kind of field table:
:func:`load_offer` reads bytes, text or a parsed mapping, strictly (no coercion, unknown keys
refused, every problem reported with its JSON path in a
:class:`~bilan_core.SerializationError`); :func:`dump_offer` gives a dict of JSON types and
:func:`dumps_offer` compact, deterministic bytes; :func:`offer_json_schema` is the JSON Schema
generated from the classes. The format is versioned like the bilan's: within
``bilan-core-offer/1``, a document that loads keeps loading.

>>> from bilan_core.offer import example_offer
>>> load_offer(dumps_offer(example_offer())) == example_offer()
True
>>> load_offer(b'{"format": "bilan-core-offer/1", "id": "o 1", "title": "Bilan"}')
Traceback (most recent call last):
...
bilan_core.errors.SerializationError: 2 problems in the offer data:
$.id: 1-64 characters of letters, digits, '.', '_', ':' or '-'
$.provider: required key missing
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, Final

import orjson

from bilan_core._wire.reader import Reader
from bilan_core._wire.writer import make_writer
from bilan_core.offer import Offer
from bilan_core.schema import document_schema
from bilan_core.serialization import document_bytes, refuse

__all__ = [
    "OFFER_FORMAT",
    "OFFER_SCHEMA_ID",
    "dump_offer",
    "dumps_offer",
    "load_offer",
    "offer_json_schema",
    "offer_schema_json",
]

OFFER_FORMAT: Final = "bilan-core-offer/1"
"""The format marker of an offer document, in its ``"format"`` key."""

OFFER_SCHEMA_ID: Final = "urn:bilan-core:schema:bilan-core-offer-1"
"""The ``$id`` of the offer's JSON Schema."""

_MARKER: Final = ("format", OFFER_FORMAT)
_WHAT: Final = "offer"


@functools.cache
def _reader() -> Reader:
    """The reader of ``bilan-core-offer/1`` (made on the first :func:`load_offer`)."""
    return Reader(Offer, marker=_MARKER)


@functools.cache
def _writer() -> Any:
    return make_writer(Offer)


@functools.cache
def _bytes_writer() -> Any:
    return make_writer(Offer, sort_keys=True, constants=dict((_MARKER,)))


def load_offer(data: bytes | bytearray | memoryview | str | Mapping[str, Any]) -> Offer:
    """Read an offer from its wire form.

    Args:
        data: JSON bytes or text, or a mapping already parsed from JSON.

    Raises:
        SerializationError: the data is not a valid ``bilan-core-offer/1`` document;
            ``.errors`` lists every problem with its JSON path (``.what`` is ``"offer"``).
    """
    text = document_bytes(data, _WHAT)
    reader = _reader()
    try:
        offer: Offer = reader.read(text)
    except Exception:  # noqa: BLE001 - any refusal is explained from the field table
        raise refuse(reader, text, _WHAT) from None
    return offer


def dump_offer(offer: Offer) -> dict[str, Any]:
    """The wire form of an offer, as a dict of JSON types (``"format"`` first, every key).

    >>> from bilan_core.offer import example_offer
    >>> list(dump_offer(example_offer()))[:4]
    ['format', 'id', 'title', 'provider']
    """
    if not isinstance(offer, Offer):
        raise TypeError(f"offer must be a bilan_core.Offer, not {type(offer).__name__}")
    return {"format": OFFER_FORMAT, **_writer()(offer)}


def dumps_offer(offer: Offer) -> bytes:
    """The wire form of an offer as compact JSON bytes, keys sorted (equal offers, equal bytes)."""
    if not isinstance(offer, Offer):
        raise TypeError(f"offer must be a bilan_core.Offer, not {type(offer).__name__}")
    return orjson.dumps(_bytes_writer()(offer))


def offer_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a ``bilan-core-offer/1`` document, freshly generated.

    Generated from the field table the reader is made from: a document :func:`load_offer`
    accepts always passes it. Each call builds a new dict.

    >>> offer_json_schema()["properties"]["format"]
    {'const': 'bilan-core-offer/1'}
    """
    return document_schema(
        Offer,
        marker=_MARKER,
        schema_id=OFFER_SCHEMA_ID,
        title=f"{OFFER_FORMAT} public offer of bilans de compétences",
    )


def offer_schema_json() -> bytes:
    """:func:`offer_json_schema` as indented JSON bytes ending with a newline."""
    return orjson.dumps(offer_json_schema(), option=orjson.OPT_INDENT_2) + b"\n"
