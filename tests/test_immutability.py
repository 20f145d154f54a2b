"""No hidden mutable state: every value reachable from a public object is immutable.

A probe walks the public attributes of the library's objects (a bilan of every route with its
derived values, a report, a timeline, a decision, the catalogue's rules, the STAFF charter,
the parameters bound to a day) and tries to change each: setting or deleting an attribute
must raise, and no list, dict or set may be reachable (tuples, frozensets and read-only
mappings only). A rejected change leaves the object equal to what it was.
"""

from __future__ import annotations

import enum
import inspect
import types
from collections.abc import Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs
import pendulum
import pytest

import bilan_core as bc
from bilan_core.facts.parameters import on as parameters_on
from bilan_core.samples import EXAMPLE_FUNDINGS, EXAMPLE_ON

AT = pendulum.datetime(2026, 6, 1, 12, tz="Europe/Paris")
SCALARS = (str, int, float, bool, bytes, Decimal, type(None), enum.Enum, pendulum.Date)
MUTABLE = (list, dict, set, bytearray)


def _public_attributes(value: Any) -> Iterator[tuple[str, Any]]:
    if attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            if not field.name.startswith("_"):
                yield field.name, getattr(value, field.name)
    for name in dir(type(value)):
        if name.startswith("_"):
            continue
        member = inspect.getattr_static(type(value), name, None)
        descriptor = isinstance(member, (property, types.MemberDescriptorType)) or hasattr(
            member, "__set_name__"
        )
        if descriptor and not inspect.isroutine(member):
            try:
                yield name, getattr(value, name)
            except Exception:  # noqa: BLE001, S112 - a property that needs context
                continue


def _walk(value: Any, path: str, seen: set[int]) -> Iterator[tuple[str, Any]]:
    if (
        id(value) in seen
        or isinstance(value, SCALARS)
        or (callable(value) and not attrs.has(type(value)))
    ):
        return
    seen.add(id(value))
    yield path, value
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _walk(item, f"{path}[{key!r}]", seen)
    elif isinstance(value, (tuple, frozenset)):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]", seen)
    else:
        for name, item in _public_attributes(value):
            yield from _walk(item, f"{path}.{name}", seen)


def _objects() -> Iterator[tuple[str, Any]]:
    for route in EXAMPLE_FUNDINGS:
        bilan = bc.example_bilan(route)
        yield f"bilan[{route}]", bilan
        yield f"report[{route}]", bc.validate(bilan, on=EXAMPLE_ON, policy=bc.policies.STAFF)
        yield f"timeline[{route}]", bc.timeline(bilan, on=EXAMPLE_ON, policy=bc.policies.STAFF)
        yield f"decision[{route}]", bc.can_disclose(bilan, "d-synthesis", "employer", AT)
        yield f"next_events[{route}]", bc.next_events(bilan, on=EXAMPLE_ON)
    yield "STAFF", bc.policies.STAFF
    yield "rules", bc.rules()
    yield "parameters", parameters_on(EXAMPLE_ON)


def _reachable() -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for name, root in _objects():
        found.extend(_walk(root, name, set()))
    return found


REACHABLE = _reachable()


def test_the_probe_reaches_far() -> None:
    """The walk is not vacuous: it reaches sessions, documents, mappings of derived values."""
    paths = [path for path, _ in REACHABLE]
    assert len(paths) > 800
    assert any(p.endswith(".minutes_by_phase") for p in paths)
    assert any(".sessions[" in p for p in paths)
    assert any(p.startswith("STAFF.start_delay_max_days") for p in paths)


def test_no_mutable_container_is_reachable() -> None:
    mutable = [(path, type(v).__name__) for path, v in REACHABLE if isinstance(v, MUTABLE)]
    assert mutable == []


def test_every_mapping_is_read_only() -> None:
    for path, value in REACHABLE:
        if isinstance(value, Mapping):
            with pytest.raises(TypeError):
                value["x"] = 1  # type: ignore[index]
            assert isinstance(value, (MappingProxyType, bc.policy.FrozenMap)) or not hasattr(
                value, "__setitem__"
            ), path


@pytest.mark.parametrize("name", ["bilan[cpf]", "report[cpf]", "timeline[cpf]", "STAFF"])
def test_attributes_cannot_be_set_or_deleted(name: str) -> None:
    """Every attrs object reachable from the root refuses a change, and stays equal."""
    for path, value in REACHABLE:
        if not path.startswith(name) or not attrs.has(type(value)):
            continue
        before = value
        for field in attrs.fields(type(value)):
            with pytest.raises((attrs.exceptions.FrozenInstanceError, AttributeError)):
                setattr(value, field.name, None)
            with pytest.raises((attrs.exceptions.FrozenInstanceError, AttributeError)):
                delattr(value, field.name)
        assert value == before, path


def test_derived_values_cannot_be_changed_through_a_cached_result() -> None:
    """0.1.0 returned a cached dict for minutes_by_phase: a caller could change it."""
    bilan = bc.example_bilan("cpf")
    minutes = bilan.minutes_by_phase
    with pytest.raises(TypeError):
        minutes[bc.Phase.PRELIMINARY] = 10**9  # type: ignore[index]
    assert bilan.minutes_by_phase[bc.Phase.PRELIMINARY] == 240
