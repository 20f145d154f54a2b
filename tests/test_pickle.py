"""Objects that cross process boundaries pickle and unpickle equal.

Apps hand bilans, reports, timelines and decisions to process pools and distributed engines;
each must come back equal (and, where it is hashable, with the same hash).
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pendulum
import pytest

import bilan_core as bc
from bilan_core.samples import EXAMPLE_FUNDINGS, EXAMPLE_ON

AT = pendulum.datetime(2026, 6, 1, 12, tz="Europe/Paris")
PLANS = Path(__file__).resolve().parents[1] / "examples" / "plans"


def _objects() -> list[Any]:
    found: list[Any] = [bc.policies.STAFF, bc.rule("BC-DURATION-MAX").title]
    for route in EXAMPLE_FUNDINGS:
        bilan = bc.example_bilan(route)
        found += [
            bilan,
            bc.validate(bilan, on=EXAMPLE_ON, policy=bc.policies.STAFF),
            bc.timeline(bilan, on=EXAMPLE_ON, policy=bc.policies.STAFF),
            bc.can_disclose(bilan, "d-synthesis", "employer", AT),
            bc.next_events(bilan, on=EXAMPLE_ON),
        ]
    return found


@pytest.mark.parametrize("value", _objects(), ids=lambda v: type(v).__name__)
@pytest.mark.parametrize("protocol", [2, pickle.HIGHEST_PROTOCOL])
def test_round_trip(value: Any, protocol: int) -> None:
    back = pickle.loads(pickle.dumps(value, protocol=protocol))  # noqa: S301 - our own bytes
    assert back == value
    assert type(back) is type(value)
    try:
        expected = hash(value)
    except TypeError:
        return
    assert hash(back) == expected


def _errors() -> list[bc.BilanError]:
    with pytest.raises(bc.SerializationError) as refused:
        bc.load(b'{"format": "bilan-core/1", "id": 7}')
    with pytest.raises(bc.PhaseTransitionError) as blocked:
        bc.advance(bc.example_bilan("cpf"), "hold_follow_up", at=AT)
    report = bc.validate(bc.load((PLANS / "cpf-violations.json").read_bytes()), on=EXAMPLE_ON)
    return [
        refused.value,
        blocked.value,
        bc.UnknownRule("BC-NOPE"),
        bc.InvalidValue(bc.Text(fr="mauvais", en="wrong"), field="x"),
        bc.InvalidPolicy([("$.x", bc.Text(fr="clé inconnue", en="unknown key"))]),
        bc.DisclosureNotAuthorised(bc.Text(fr="non", en="no"), ["BC-DISCLOSURE-CONSENT"]),
        bc.RuleViolationError(report),
    ]


@pytest.mark.parametrize("error", _errors(), ids=lambda e: type(e).__name__)
def test_errors_pickle_whole(error: bc.BilanError) -> None:
    """An error raised in a worker process reaches the parent whole: its type, its message in
    both languages, and its details (0.1.0's SerializationError could not be unpickled)."""
    back = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert type(back) is type(error)
    assert back.text == error.text
    assert str(back) == str(error)
    assert vars(back) == vars(error)
