"""The typed dicts of the wire format are generated from the field table and stay so."""

from __future__ import annotations

import types
import typing
from pathlib import Path

import pytest

import bilan_core as bc
from bilan_core import wire_types
from bilan_core.samples import EXAMPLE_FUNDINGS
from bilan_core.schema import typed_dicts

GENERATED = Path(wire_types.__file__)


def test_the_file_is_up_to_date() -> None:
    """Regenerate with: python -c "from bilan_core.schema import typed_dicts; print(typed_dicts(), end='')" > src/bilan_core/wire_types.py"""
    assert GENERATED.read_text(encoding="utf-8") == typed_dicts()


def _check(value: object, hint: object, path: str) -> None:
    """``value`` has exactly the keys and the kinds the typed dict says."""
    origin = typing.get_origin(hint)
    if typing.is_typeddict(hint):
        assert isinstance(value, dict), path
        hints = typing.get_type_hints(hint)
        assert set(value) == set(hints), path
        for key, item in value.items():
            _check(item, hints[key], f"{path}.{key}")
    elif origin is list:
        assert isinstance(value, list), path
        (item_hint,) = typing.get_args(hint)
        for index, item in enumerate(value):
            _check(item, item_hint, f"{path}[{index}]")
    elif origin in (typing.Union, types.UnionType):
        assert any(_fits(value, option, path) for option in typing.get_args(hint)), path
    elif origin is typing.Literal:
        assert value in typing.get_args(hint), path
    elif hint is type(None):
        assert value is None, path
    elif origin is dict:
        assert isinstance(value, dict), path
    else:
        assert isinstance(value, hint), path  # type: ignore[arg-type]
        assert hint is bool or not isinstance(value, bool), path


def _fits(value: object, hint: object, path: str) -> bool:
    try:
        _check(value, hint, path)
    except AssertionError:
        return False
    return True


@pytest.mark.parametrize("funding", EXAMPLE_FUNDINGS)
def test_dump_matches_its_typed_dict(funding: str) -> None:
    _check(bc.dump(bc.example_bilan(funding)), wire_types.BilanDocument, "$")
