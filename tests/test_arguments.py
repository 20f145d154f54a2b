"""Wrong arguments to the public functions raise errors that say what to pass.

Never an AttributeError or a comparison TypeError from deep inside the library.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pendulum
import pytest

import bilan_core as bc

BILAN = bc.example_bilan("cpf")
AT = pendulum.datetime(2026, 6, 2, 10, tz="Europe/Paris")


def _calls() -> list[Any]:
    return [
        pytest.param(
            lambda: bc.validate(BILAN, on="2026-06-01"), "on must be a date", id="validate-on-str"
        ),
        pytest.param(lambda: bc.validate(BILAN, on=5), "on must be a date", id="validate-on-int"),
        pytest.param(
            lambda: bc.validate(bc.dump(BILAN)),
            "read wire data with bilan_core.load",
            id="validate-dict",
        ),
        pytest.param(lambda: bc.validate(None), "expected a bilan_core.Bilan", id="validate-none"),
        pytest.param(
            lambda: bc.validate(BILAN, policy="staff"),
            "bilan_core.policies.STAFF",
            id="validate-policy-str",
        ),
        pytest.param(
            lambda: bc.validate(BILAN, only="BC-DURATION-MAX"),
            "collection of rule ids",
            id="validate-only-str",
        ),
        pytest.param(
            lambda: bc.validate(BILAN, only=[1]), "rule ids (strings)", id="validate-only-ints"
        ),
        pytest.param(lambda: bc.timeline(BILAN, on="x"), "on must be a date", id="timeline-on-str"),
        pytest.param(
            lambda: bc.timeline(BILAN, policy="staff"),
            "bilan_core.policies.STAFF",
            id="timeline-policy-str",
        ),
        pytest.param(lambda: bc.timeline({}), "expected a bilan_core.Bilan", id="timeline-dict"),
        pytest.param(
            lambda: bc.next_events(BILAN, on="x"), "on must be a date", id="next-events-on-str"
        ),
        pytest.param(
            lambda: bc.next_events(BILAN, policy=123), "policy must be", id="next-events-policy-int"
        ),
        pytest.param(
            lambda: bc.advance(BILAN, "abandon", at=AT, policy="staff"),
            "policy must be",
            id="advance-policy-str",
        ),
        pytest.param(
            lambda: bc.advance({}, "abandon", at=AT),
            "expected a bilan_core.Bilan",
            id="advance-dict",
        ),
        pytest.param(lambda: bc.rules(on="2026-01-01"), "on must be a date", id="rules-on-str"),
        pytest.param(
            lambda: bc.rules(include_policy=bc.policies.STAFF),
            "True or False",
            id="rules-include-policy",
        ),
    ]


@pytest.mark.parametrize(("call", "says"), _calls())
def test_wrong_argument_types_raise_a_clear_type_error(call: Any, says: str) -> None:
    """A TypeError whose message names what to pass."""
    with pytest.raises(TypeError, match=re.escape(says)):
        call()


def test_a_datetime_is_read_as_its_paris_day_everywhere() -> None:
    """validate and rules take a datetime as its Europe/Paris day, as the docs say."""
    late = dt.datetime(2026, 2, 25, 23, 30, tzinfo=dt.timezone.utc)  # 26 Feb in Paris
    assert bc.validate(BILAN, on=late).on == pendulum.date(2026, 2, 26)
    assert bc.rules(late) == bc.rules(pendulum.date(2026, 2, 26))
