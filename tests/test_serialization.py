"""The wire format: round trips, determinism, and strict rejection of malformed documents."""

from __future__ import annotations

import copy
import json
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bilan_core as bc
from bilan_core.strategies import bilans

pytestmark = pytest.mark.filterwarnings("error")


def _valid() -> dict[str, Any]:
    return bc.dump(bc.example_bilan("cpf_working_time"))


# -- round trips ------------------------------------------------------------------------------


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bilans())
def test_generated_bilans_round_trip(bilan: bc.Bilan) -> None:
    """load(dump(b)) == b and load(dumps(b)) == b; dumps is deterministic and JSON-stable."""
    data = bc.dumps(bilan)
    assert bc.load(bc.dump(bilan)) == bilan
    assert bc.load(data) == bilan
    assert bc.dumps(bc.load(data)) == data
    assert bc.dumps(bilan) == data
    assert hash(bc.load(data)) == hash(bilan)


@pytest.mark.parametrize("funding", ["cpf", "cpf_working_time", "public_leave", "self_funded"])
def test_round_trip_examples(funding: str) -> None:
    """Every shipped example reads back equal from bytes, text and a parsed mapping."""
    bilan = bc.example_bilan(funding)
    data = bc.dumps(bilan)
    assert bc.load(data) == bilan
    assert bc.load(data.decode()) == bilan
    assert bc.load(orjson.loads(data)) == bilan


def test_dump_starts_with_format_marker() -> None:
    """The format marker is the first key of the dumped dict."""
    assert next(iter(bc.dump(bc.example_bilan()))) == "format"


def test_instants_in_any_offset_load_as_utc() -> None:
    """An instant in Paris time loads as the same instant in UTC; equal bilans follow."""
    data = _valid()
    data["consent"]["given_at"] = "2026-03-02T10:00:00+01:00"
    assert bc.load(data).consent == bc.example_bilan("cpf_working_time").consent


def test_autumn_fold_both_offsets_accepted() -> None:
    """02:30 on the autumn fall-back night exists twice in Paris: both offsets are fine."""
    data = _valid()
    data["consent"]["given_at"] = "2026-10-25T02:30:00+02:00"
    first = bc.load(data).consent
    data["consent"]["given_at"] = "2026-10-25T02:30:00+01:00"
    second = bc.load(data).consent
    assert first is not None
    assert second is not None
    assert (second.given_at - first.given_at).total_seconds() == 3600


# -- malformed documents -----------------------------------------------------------------------


def _set(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = _valid()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def _drop(path: tuple[Any, ...]) -> dict[str, Any]:
    data = _valid()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return data


def _bytes(data: Any) -> bytes:
    """JSON bytes through the stdlib encoder (orjson refuses integers beyond 64 bits)."""
    return json.dumps(data).encode()


_HUGE = 10**30

MALFORMED: list[tuple[str, Any, str]] = [
    ("empty-bytes", b"", "$"),
    ("empty-text", "", "$"),
    ("not-json", b"{not json", "$"),
    ("binary-garbage", b"\xff\xfe\x00\x01", "$"),
    ("json-array", b"[]", "$"),
    ("json-number", b"42", "$"),
    (
        "huge-number-text",
        b'{"format": "bilan-core/1", "id": 123456789012345678901234567890}',
        "$.id",
    ),
    ("not-bytes-or-mapping", 42, "$"),
    ("missing-format", _drop(("format",)), "$.format"),
    ("wrong-format", _set(("format",), "bilan-core/2"), "$.format"),
    ("missing-id", _drop(("id",)), "$.id"),
    ("missing-nested-key", _drop(("funding", "purchase_date")), "$.funding.purchase_date"),
    ("unknown-top-key", _set(("notes",), "free text"), "$.notes"),
    ("unknown-nested-key", _set(("provider", "email"), "x@example.org"), "$.provider.email"),
    ("id-wrong-type", _set(("id",), 42), "$.id"),
    ("naive-datetime", _set(("consent", "given_at"), "2026-03-02T10:00:00"), "$.consent.given_at"),
    ("date-for-datetime", _set(("consent", "given_at"), "2026-03-02"), "$.consent.given_at"),
    (
        "date-with-time",
        _set(("funding", "purchase_date"), "2026-03-02T00:00:00+01:00"),
        "$.funding.purchase_date",
    ),
    (
        "impossible-date",
        _set(("funding", "purchase_date"), "2026-02-30"),
        "$.funding.purchase_date",
    ),
    ("float-money", _set(("funding", "price"), 1590.0), "$.funding.price"),
    ("int-money", _set(("funding", "price"), 1590), "$.funding.price"),
    ("three-decimals-money", _set(("funding", "price"), "1590.001"), "$.funding.price"),
    ("negative-money", _set(("funding", "price"), "-1.00"), "$.funding.price"),
    ("huge-money", _set(("funding", "price"), "12345678901.00"), "$.funding.price"),
    ("bad-siret-key", _set(("provider", "siret"), "78288205400012"), "$.provider.siret"),
    ("short-siret", _set(("provider", "siret"), "7828820540001"), "$.provider.siret"),
    ("bad-enum", _set(("phase",), "finished"), "$.phase"),
    (
        "enum-wrong-case",
        _set(("beneficiary", "status"), "PRIVATE_EMPLOYEE"),
        "$.beneficiary.status",
    ),
    (
        "spring-forward-gap-plus1",
        _set(("sessions", 0, "start"), "2026-03-29T02:30:00+01:00"),
        "$.sessions[0].start",
    ),
    (
        "spring-forward-gap-plus2",
        _set(("sessions", 0, "start"), "2026-03-29T02:30:00+02:00"),
        "$.sessions[0].start",
    ),
    ("str-for-list", _set(("sessions",), "s01"), "$.sessions"),
    ("object-for-list", _set(("documents",), {}), "$.documents"),
    ("bool-for-int", _set(("sessions", 1, "minutes"), True), "$.sessions[1].minutes"),
    ("str-for-int", _set(("sessions", 2, "minutes"), "12"), "$.sessions[2].minutes"),
    ("float-for-int", _set(("sessions", 2, "minutes"), 120.0), "$.sessions[2].minutes"),
    ("huge-int", _set(("sessions", 3, "minutes"), _HUGE), "$.sessions[3].minutes"),
    ("zero-minutes", _set(("sessions", 3, "minutes"), 0), "$.sessions[3].minutes"),
    ("int-for-bool", _set(("funding", "on_working_time"), 1), "$.funding.on_working_time"),
    ("str-for-bool", _set(("sessions", 0, "individual"), "true"), "$.sessions[0].individual"),
    ("null-for-required", _set(("beneficiary",), None), "$.beneficiary"),
    ("list-for-object", _set(("provider",), []), "$.provider"),
    ("duplicate-session-ids", _set(("sessions", 1, "id"), "s01"), "$.sessions[1].id"),
    ("funding-unknown-type", _set(("funding", "type"), "lottery"), "$.funding.type"),
    ("funding-missing-type", _drop(("funding", "type")), "$.funding.type"),
    ("funding-not-object", _set(("funding",), "cpf"), "$.funding"),
    (
        "deep-nested-date",
        _set(("funding", "employer_request", "sent_on"), "05/01/2026"),
        "$.funding.employer_request.sent_on",
    ),
    (
        "deep-nested-enum",
        _set(("funding", "employer_request", "answer"), "yes"),
        "$.funding.employer_request.answer",
    ),
    (
        "nested-list-item",
        _set(("provider", "sites", 1, "postcode"), "4447"),
        "$.provider.sites[1].postcode",
    ),
    (
        "frozenset-repeats",
        _set(("provider", "qualiopi", "categories"), ["vae", "vae"]),
        "$.provider.qualiopi.categories",
    ),
    (
        "frozenset-bad-item",
        _set(("provider", "qualiopi", "categories"), ["vae", "cooking"]),
        "$.provider.qualiopi.categories[1]",
    ),
    (
        "event-fact-float",
        _set(("history", 0, "facts"), {"amount": 1.5}),
        "$.history[0].facts.amount",
    ),
    ("event-facts-list", _set(("history", 0, "facts"), [["a", 1]]), "$.history[0].facts"),
    ("opaque-id-with-space", _set(("beneficiary", "id"), "Jean Dupont"), "$.beneficiary.id"),
    (
        "order-invariant",
        _set(("consent", "withdrawn_at"), "2026-01-01T00:00:00+00:00"),
        "$.consent.withdrawn_at",
    ),
    ("followed-up-kind-mismatch", _set(("sessions", 0, "kind"), "follow_up"), "$.sessions[0].kind"),
]


@pytest.mark.parametrize(
    ("document", "path"), [(d, p) for _, d, p in MALFORMED], ids=[i for i, _, _ in MALFORMED]
)
def test_malformed_documents_raise_serialization_error(document: Any, path: str) -> None:
    """Each malformed document raises SerializationError naming the faulty JSON path."""
    with pytest.raises(bc.SerializationError) as info:
        bc.load(document)
    assert path in [p for p, _ in info.value.errors], info.value.errors


@pytest.mark.parametrize(
    ("document", "path"),
    [(d, p) for _, d, p in MALFORMED if isinstance(d, dict)],
    ids=[i for i, d, _ in MALFORMED if isinstance(d, dict)],
)
def test_malformed_documents_as_bytes(document: dict[str, Any], path: str) -> None:
    """The same errors come out of JSON bytes as out of a parsed mapping."""
    with pytest.raises(bc.SerializationError) as info:
        bc.load(_bytes(document))
    assert path in [p for p, _ in info.value.errors]


def test_every_problem_reported_at_once() -> None:
    """Several faults give one error each, all in one SerializationError."""
    data = _valid()
    data["id"] = 7
    data["phase"] = "finished"
    data["sessions"][2]["minutes"] = "12"
    data["funding"]["price"] = 1.5
    with pytest.raises(bc.SerializationError) as info:
        bc.load(data)
    paths = {p for p, _ in info.value.errors}
    assert {"$.id", "$.phase", "$.sessions[2].minutes", "$.funding.price"} <= paths


def test_messages_never_echo_free_text() -> None:
    """An unknown key's value (possibly personal text) never appears in the error."""
    private_text = "Monsieur Dupont est en burn-out"
    data = _set(("notes",), private_text)
    data["sessions"][0]["start"] = private_text
    with pytest.raises(bc.SerializationError) as info:
        bc.load(data)
    assert private_text not in str(info.value)
    assert private_text not in repr(info.value.errors)


def test_serialization_error_is_a_value_error() -> None:
    """Callers catching ValueError keep working."""
    with pytest.raises(ValueError, match="format"):
        bc.load(b'{"format": "other"}')


# -- fuzzing ---------------------------------------------------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(deadline=None)
@given(_json)
def test_random_json_only_raises_serialization_error(value: Any) -> None:
    """Any JSON value is either a bilan or a SerializationError, nothing else."""
    with pytest.raises(bc.SerializationError):
        bc.load(_bytes(value))


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


_VALID = _valid()
_ALL_PATHS = _paths(_VALID)


@settings(deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_ALL_PATHS), _json), min_size=1, max_size=3))
def test_mutated_dumps_only_raise_serialization_error(
    mutations: list[tuple[tuple[Any, ...], Any]],
) -> None:
    """Replacing any parts of a valid dump by random JSON gives a bilan or SerializationError."""
    data = copy.deepcopy(_VALID)
    for path, value in mutations:
        target: Any = data
        try:
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    try:
        bilan = bc.load(_bytes(data))
    except bc.SerializationError as exc:
        errors = exc.errors
    else:
        assert bc.load(bc.dumps(bilan)) == bilan
        return
    assert errors
    assert all(p.startswith("$") for p, _ in errors)
