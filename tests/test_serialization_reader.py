"""The read engine of ``load`` agrees with the public cattrs converter on every document.

``load`` reads with the wire engine (msgspec mirrors and generated builders, made from the
field table); ``make_converter()`` is the cattrs integration point for apps that embed the
classes in their own models. Both must accept the same documents and build equal bilans, and
write the same JSON; these tests compare them on drawn bilans and on mutated documents.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import attrs
import orjson
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bilan_core as bc
from bilan_core import serialization
from bilan_core.strategies import bilans

_REFERENCE = bc.make_converter(detailed_validation=False)
"""The cattrs converter the generated reader and writer must agree with."""

pytestmark = pytest.mark.filterwarnings("error")

_REPLACEMENTS = (
    None,
    True,
    False,
    0,
    1,
    -1,
    61,
    721,
    100_001,
    "",
    "x",
    "s 1",
    "é",
    "2026-01-01",
    "2026-02-30",
    "2026-03-29T02:30:00+01:00",
    "2026-01-01T10:00:00",
    "2026-01-01T10:00:00Z",
    "12.5",
    "12.555",
    12.5,
    [],
    {},
    ["x"],
    [None],
    {"a": 1},
    {"": 1},
    "interview",
    "personal_work",
    "follow_up",
    "followed_up",
    "preliminary",
    "synthesis",
    "cpf",
    "73282932000074",
    "73282932000075",
    "12345678901",
)


def _outcome(read: Any, document: dict[str, Any]) -> tuple[bool, Any]:
    try:
        return True, read(copy.deepcopy(document))
    except Exception:  # noqa: BLE001 - any failure is a rejection
        return False, None


def _fast(document: dict[str, Any]) -> bc.Bilan:
    """The read engine alone (``load`` also replays the history, which cattrs does not)."""
    data = orjson.dumps({"format": bc.FORMAT, **document})
    return serialization._reader().read(data)  # type: ignore[no-any-return]


def _converter(document: dict[str, Any]) -> bc.Bilan:
    return _REFERENCE.structure(document, bc.Bilan)  # type: ignore[no-any-return]


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if path:
        yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _wire(bilan: bc.Bilan) -> dict[str, Any]:
    document = bc.dump(bilan)
    del document["format"]
    return document


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bilans())
def test_engine_builds_what_the_converter_builds(bilan: bc.Bilan) -> None:
    """On valid documents both readers give the bilan that was dumped."""
    document = _wire(bilan)
    assert _fast(copy.deepcopy(document)) == bilan
    assert _converter(document) == bilan


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bilans(), st.data())
def test_engine_rejects_what_the_converter_rejects(bilan: bc.Bilan, data: Any) -> None:
    """A value replaced, a key removed or an unknown key added: both readers agree."""
    document = _wire(bilan)
    path = data.draw(st.sampled_from(list(_paths(document))))
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    key = path[-1]
    how = data.draw(st.sampled_from(["replace", "remove", "add", "swap"]))
    if how == "replace" or isinstance(parent, list):
        parent[key] = data.draw(st.sampled_from(_REPLACEMENTS))
    if how in ("remove", "swap") and isinstance(parent, dict):
        del parent[key]
    if how in ("add", "swap") and isinstance(parent, dict):
        parent["unknown"] = data.draw(st.sampled_from(_REPLACEMENTS))
    assert _outcome(_fast, document) == _outcome(_converter, document)


@pytest.mark.parametrize(
    ("where", "value"),
    [
        pytest.param(("sessions", 0, "phase"), "followed_up", id="session-phase-kind"),
        pytest.param(("provider", "siret"), "73282932000075", id="siret-key"),
        pytest.param(("consent", "withdrawn_at"), "2000-01-01T00:00:00Z", id="consent-order"),
        pytest.param(("id",), "a b", id="opaque-id"),
    ],
)
def test_invariants_hold_on_load(where: tuple[Any, ...], value: Any) -> None:
    """The classes' own checks run on load: a broken invariant is an error."""
    document = bc.dump(bc.example_bilan("cpf"))
    parent = document
    for key in where[:-1]:
        parent = parent[key]
    parent[where[-1]] = value
    with pytest.raises(bc.SerializationError):
        bc.load(document)


def _converter_dump(bilan: bc.Bilan) -> dict[str, Any]:
    return {"format": bc.FORMAT, **_REFERENCE.unstructure(bilan, bc.Bilan)}


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bilans())
def test_writer_writes_what_the_converter_writes(bilan: bc.Bilan) -> None:
    """dump gives the converter's dict, keys in the same order, so dumps gives equal bytes."""
    expected = _converter_dump(bilan)
    assert list(bc.dump(bilan).items()) == list(expected.items())


@pytest.mark.parametrize(
    "given_at",
    [
        pytest.param(pendulum.datetime(2026, 1, 5, 9, 30, 15, 120, tz="UTC"), id="microseconds"),
        pytest.param(pendulum.datetime(2026, 7, 5, 9, tz="Europe/Paris"), id="summer-paris"),
        pytest.param(pendulum.datetime(1900, 1, 1, tz="UTC"), id="first-year"),
        pytest.param(pendulum.datetime(2999, 12, 31, 23, 59, 59, tz="UTC"), id="last-year"),
    ],
)
def test_writer_instants(given_at: pendulum.DateTime) -> None:
    """Instants are written in UTC as isoformat writes them, microseconds included."""
    bilan = attrs.evolve(bc.example_bilan("cpf"), consent=bc.Consent(given_at=given_at))
    written = bc.dump(bilan)["consent"]["given_at"]
    assert written == _converter_dump(bilan)["consent"]["given_at"]
    assert bc.load(bc.dumps(bilan)).consent == bilan.consent
