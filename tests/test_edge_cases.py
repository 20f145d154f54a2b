"""Edge cases of the wire format and the event model found in review.

Each test states one behaviour a reviewer found missing: fact names that cannot carry personal
data, a UTF-8 byte order mark, date-times at the edge of the calendar, ``at`` without an
audience, and integers too large for the JSON parser.
"""

from __future__ import annotations

from typing import Any

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bilan_core as bc
from bilan_core.history import Event, fact_name_ok

pytestmark = pytest.mark.filterwarnings("error")

MARKER = "ZQXMARKER"


def _valid() -> dict[str, Any]:
    return bc.dump(bc.example_bilan("cpf"))


def _load_errors(data: Any) -> tuple[tuple[str, str], ...]:
    """The problems of a refused document, messages in English."""
    with pytest.raises(bc.SerializationError) as info:
        bc.load(data)
    return tuple((path, message.en) for path, message in info.value.errors)


# -- 1. fact names are opaque ids -------------------------------------------------------------

BAD_FACT_NAMES = [
    pytest.param(f"Jeanne {MARKER}", id="space"),
    pytest.param(f"{MARKER}é", id="accent"),
    pytest.param(MARKER + "x" * 64, id="too-long"),
    pytest.param(f"-{MARKER}", id="leading-dash"),
    pytest.param(f"{MARKER}\n", id="newline"),
    pytest.param(f"{MARKER}@mail.fr", id="email"),
]


@pytest.mark.parametrize("name", BAD_FACT_NAMES)
def test_bad_fact_name_is_refused_without_echo_on_construction(name: str) -> None:
    """Event(facts=...) refuses a name that is not an opaque id and never repeats it."""
    with pytest.raises(bc.InvalidValue) as info:
        Event(name="cancel", at=pendulum.datetime(2026, 1, 5, tz="UTC"), facts={name: 1})
    assert MARKER not in str(info.value)
    assert MARKER not in repr(info.value)
    assert info.value.field == "facts"


def test_empty_fact_name_is_refused() -> None:
    """An empty fact name is not an opaque id either."""
    with pytest.raises(bc.InvalidValue, match="fact names are 1-64 characters"):
        Event(name="cancel", at=pendulum.datetime(2026, 1, 5, tz="UTC"), facts={"": 1})


@pytest.mark.parametrize("name", BAD_FACT_NAMES)
def test_bad_fact_name_is_refused_by_advance(name: str) -> None:
    """advance(facts=...) goes through the same check: the name never shows in the error."""
    bilan = bc.example_bilan("cpf")
    with pytest.raises(bc.InvalidValue, match="fact names are 1-64") as info:
        bc.advance(bilan, "cancel", at=pendulum.datetime(2027, 1, 5, tz="UTC"), facts={name: 1})
    assert MARKER not in str(info.value)


@pytest.mark.parametrize("name", BAD_FACT_NAMES)
def test_bad_fact_name_is_refused_on_load_without_echo(name: str) -> None:
    """load() reports a bad fact name at $.history[i].facts and never repeats it."""
    data = _valid()
    data["history"][1]["facts"] = {"reason": "x", name: "value"}
    errors = _load_errors(data)
    assert errors == (
        (
            "$.history[1].facts",
            "fact names are 1-64 characters of letters, digits, '.', '_', ':' or '-'",
        ),
    )
    assert MARKER not in str(errors)


def test_valid_fact_name_is_named_when_its_value_is_wrong() -> None:
    """Once a name is a valid opaque id, the message may name it (but not its value)."""
    data = _valid()
    data["history"][1]["facts"] = {"reason": [MARKER]}
    errors = _load_errors(data)
    assert errors == (
        ("$.history[1].facts.reason", "a fact's value is a string, an integer, a boolean or null"),
    )


@given(prefix=st.text(max_size=8), suffix=st.text(max_size=8), value=st.none() | st.integers())
def test_no_message_repeats_an_invalid_fact_name(prefix: str, suffix: str, value: Any) -> None:
    """Whatever the name, load() either accepts it (an opaque id) or never repeats it."""
    name = prefix + MARKER + suffix
    data = _valid()
    data["history"][1]["facts"] = {name: value}
    if fact_name_ok(name):
        assert bc.load(data).history[1].fact(name) == value
        return
    with pytest.raises(bc.SerializationError) as info:
        bc.load(data)
    assert MARKER not in str(info.value)
    assert MARKER not in repr(info.value.errors)


@pytest.mark.parametrize("name", ["reason", "a", "x" * 64, "funding.refused:2026-01_A"])
def test_valid_fact_names_round_trip(name: str) -> None:
    """Names of 1-64 letters, digits, '.', '_', ':' or '-' load and dump unchanged."""
    data = _valid()
    data["history"][1]["facts"] = {name: "value"}
    bilan = bc.load(data)
    assert bc.dump(bilan)["history"][1]["facts"] == {name: "value"}


# -- 2. a UTF-8 byte order mark ---------------------------------------------------------------

BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize(
    "wrap",
    [
        pytest.param(lambda data: BOM + data, id="bytes"),
        pytest.param(lambda data: bytearray(BOM + data), id="bytearray"),
        pytest.param(lambda data: memoryview(BOM + data), id="memoryview"),
        pytest.param(lambda data: (BOM + data).decode("utf-8"), id="str"),
    ],
)
def test_leading_bom_is_ignored(wrap: Any) -> None:
    """A leading UTF-8 byte order mark is skipped (RFC 8259 lets a parser ignore it)."""
    bilan = bc.example_bilan("cpf")
    assert bc.load(wrap(bc.dumps(bilan))) == bilan


def test_bom_alone_is_empty_input() -> None:
    """A byte order mark and nothing else is an empty input."""
    assert _load_errors(BOM) == (("$", "empty input: expected a JSON object"),)


def test_bom_inside_the_data_is_still_invalid_json() -> None:
    """Only a leading mark is skipped: one after a space is not JSON."""
    assert _load_errors(b" " + BOM + bc.dumps(bc.example_bilan()))[0][1].startswith(
        "not valid JSON"
    )


# -- 3. date-times at the edge of the calendar ------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("9999-12-31T23:59:59-05:00", id="after-9999"),
        pytest.param("9999-12-31T23:30:00-00:31", id="after-9999-odd-offset"),
        pytest.param("0001-01-01T00:00:00+01:00", id="before-year-1-paris-winter"),
        pytest.param("0001-01-01T00:30:00+05:00", id="before-year-1"),
    ],
)
def test_datetime_beyond_the_calendar_in_utc_is_out_of_range(value: str) -> None:
    """An instant whose UTC time falls outside years 1-9999 is reported at its path."""
    data = _valid()
    data["consent"]["given_at"] = value
    assert _load_errors(data) == (("$.consent.given_at", OUT_OF_RANGE),)


@pytest.mark.parametrize(
    "value", ["9999-12-31T23:59:59Z", "3000-01-01T00:00:00Z", "1899-12-31T23:00:00Z"]
)
def test_datetime_outside_the_model_years_is_out_of_range(value: str) -> None:
    """The model takes years 1900 to 2999 (UTC): deadlines years ahead stay computable."""
    data = _valid()
    data["consent"]["given_at"] = value
    assert _load_errors(data) == (("$.consent.given_at", OUT_OF_RANGE),)


@pytest.mark.parametrize(
    ("given_at", "purchase_date"),
    [("2999-12-31T23:59:59Z", "2999-12-31"), ("1900-01-01T00:00:00Z", "1900-01-01")],
)
def test_the_first_and_last_years_load_and_give_a_report(given_at: str, purchase_date: str) -> None:
    """At the edges of the model's years a bilan loads, round-trips, and validate, timeline
    and next_events answer without raising."""
    data = _valid()
    data["consent"]["given_at"] = given_at
    data["funding"]["purchase_date"] = purchase_date
    bilan = bc.load(data)
    assert bc.load(bc.dumps(bilan)) == bilan
    bc.validate(bilan, on=bc.EXAMPLE_ON, policy=bc.policies.STAFF)
    bc.timeline(bilan, on=bc.EXAMPLE_ON, policy=bc.policies.STAFF)
    bc.next_events(bilan, on=bc.EXAMPLE_ON)


OUT_OF_RANGE = "date-time out of range: years 1900 to 2999"


# -- 4. views are confidentiality's, not the wire's ------------------------------------------


@pytest.mark.parametrize("function", [bc.dump, bc.dumps], ids=["dump", "dumps"])
def test_dump_has_no_audience(function: Any) -> None:
    """dump/dumps give the full wire form only: an audience view is ``view(...)`` (0.2.0)."""
    at = pendulum.datetime(2026, 6, 1, tz="Europe/Paris")
    with pytest.raises(TypeError, match="audience"):
        function(bc.example_bilan(), audience="funder", at=at)
    assert bc.view(bc.example_bilan(), "funder", at=at)["audience"] == "funder"


# -- 9. numbers beyond the parser -------------------------------------------------------------


def _with_minutes(literal: bytes) -> bytes:
    text = bc.dumps(bc.example_bilan("cpf"))
    start = text.index(b'"minutes":') + len(b'"minutes":')
    end = start
    while text[end : end + 1].isdigit():
        end += 1
    return text[:start] + literal + text[end:]


def test_the_test_helper_rewrites_a_number() -> None:
    """The helper gives valid JSON: an ordinary number loads."""
    assert bc.load(_with_minutes(b"60")) is not None


def test_orjson_names_a_too_large_number() -> None:
    """orjson's message for a number beyond a 64-bit float is the one the reader matches."""
    import orjson

    with pytest.raises(orjson.JSONDecodeError) as info:
        orjson.loads(b"[" + b"9" * 400 + b"]")
    assert info.value.msg.startswith("number is infinity")


def test_number_too_large_is_not_called_invalid_json() -> None:
    """Valid JSON with a number beyond a 64-bit float says so at $, with where it is."""
    ((path, message),) = _load_errors(_with_minutes(b"1e400"))
    assert path == "$"
    assert message.startswith("number too large (line 1, column ")


@pytest.mark.parametrize(
    "literal",
    [pytest.param(b"9" * 400, id="400-digits"), pytest.param(b"-" + b"9" * 400, id="negative")],
)
def test_a_huge_integer_is_out_of_its_field_range(literal: bytes) -> None:
    """An integer of any size is read exactly, then judged by its field: out of range."""
    ((path, message),) = _load_errors(_with_minutes(literal))
    assert (path, message) == ("$.sessions[0].minutes", "expected a whole number from 1 to 720")


def test_invalid_json_is_still_invalid_json() -> None:
    """A syntax error keeps its own message."""
    ((path, message),) = _load_errors(_with_minutes(b"9x"))
    assert (path, message.split(" (")[0]) == ("$", "not valid JSON")
