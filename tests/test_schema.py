"""The generated JSON Schema accepts every dump and rejects what the reader rejects."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

import bilan_core as bc
from bilan_core.schema import json_schema, schema_json
from bilan_core.strategies import bilans

_SCHEMA = json_schema()
_VALIDATOR = jsonschema.Draft202012Validator(
    _SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
_SHIPPED = Path(__file__).parent.parent / "docs" / "_static" / "bilan-core-1.schema.json"


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    """The schema itself passes the 2020-12 meta-schema."""
    jsonschema.Draft202012Validator.check_schema(_SCHEMA)
    assert _SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_shipped_schema_file_is_up_to_date() -> None:
    """docs/_static/bilan-core-1.schema.json equals the generated schema (regenerate with
    ``bilan-core schema -o docs/_static/bilan-core-1.schema.json``)."""
    assert _SHIPPED.read_bytes() == schema_json()


def test_schema_is_generated_fresh() -> None:
    """Each call gives an equal, independent dict."""
    first = json_schema()
    first["$defs"].clear()
    assert json_schema() == _SCHEMA


def test_schema_has_a_def_per_model_class() -> None:
    """Every attrs class and enum reachable from Bilan has its $defs entry and a description."""
    expected = {"Session", "CpfFunding", "Provider", "Qualiopi", "Event", "Phase", "Funding"}
    assert expected <= set(_SCHEMA["$defs"])
    assert all(d.get("description") for d in _SCHEMA["$defs"].values())


def test_funding_is_discriminated_by_its_type() -> None:
    """The funding union is one if/then per route, keyed by a `type` const, so an error points
    at the faulty field of the route named (not at the whole funding)."""
    funding = _SCHEMA["$defs"]["Funding"]
    branches = funding["allOf"]
    tags = [branch["if"]["properties"]["type"]["const"] for branch in branches]
    for branch, tag in zip(branches, tags, strict=True):
        target = _SCHEMA["$defs"][branch["then"]["$ref"].split("/")[-1]]
        assert target["properties"]["type"] == {"const": tag}
    assert funding["properties"]["type"] == {"enum": tags}
    data = bc.dump(bc.example_bilan("cpf"))
    data["funding"]["price"] = 12.5
    assert [list(e.absolute_path) for e in _VALIDATOR.iter_errors(data)] == [["funding", "price"]]
    assert tags == [
        "cpf",
        "employer_plan",
        "reclassification_leave",
        "job_seeker",
        "public_leave",
        "self_funded",
    ]


@pytest.mark.parametrize(
    "funding",
    [
        "cpf",
        "cpf_working_time",
        "employer_plan",
        "reclassification_leave",
        "job_seeker",
        "public_leave",
        "self_funded",
    ],
)
def test_schema_accepts_examples(funding: str) -> None:
    """Every shipped example's dump is valid under the schema."""
    _VALIDATOR.validate(bc.dump(bc.example_bilan(funding)))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bilans())
def test_schema_accepts_every_generated_dump(bilan: bc.Bilan) -> None:
    """The dump of any generated bilan is valid under the schema."""
    errors = [e.message for e in _VALIDATOR.iter_errors(bc.dump(bilan))]
    assert errors == []


def _mutate(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(bc.dump(bc.example_bilan("cpf_working_time")))
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


MUTATIONS = [
    ("unknown-top-key", ("notes",), "x"),
    ("unknown-nested-key", ("sessions", 0, "room"), "B12"),
    ("unknown-funding-key", ("funding", "discount"), "10.00"),
    ("wrong-enum", ("phase",), "finished"),
    ("wrong-nested-enum", ("sessions", 1, "kind"), "lecture"),
    ("naive-datetime", ("consent", "given_at"), "2026-03-02T10:00:00"),
    ("float-money", ("funding", "price"), 1590.0),
    ("three-decimals", ("funding", "price"), "1590.001"),
    ("wrong-format", ("format",), "bilan-core/2"),
    ("bool-for-int", ("sessions", 0, "minutes"), True),
    ("string-for-int", ("sessions", 0, "minutes"), "120"),
    ("int-for-bool", ("funding", "on_working_time"), 1),
    ("unknown-funding-type", ("funding", "type"), "lottery"),
    ("date-with-time", ("funding", "purchase_date"), "2026-03-02T00:00:00Z"),
    ("bad-siret-shape", ("provider", "siret"), "7828820540001"),
    ("repeated-category", ("provider", "qualiopi", "categories"), ["vae", "vae"]),
    ("fact-float", ("history", 0, "facts"), {"amount": 1.5}),
]


@pytest.mark.parametrize(
    ("path", "value"), [(p, v) for _, p, v in MUTATIONS], ids=[i for i, _, _ in MUTATIONS]
)
def test_schema_rejects_mutations(path: tuple[Any, ...], value: Any) -> None:
    """The schema rejects each mutation, and so does the reader."""
    data = _mutate(path, value)
    assert not _VALIDATOR.is_valid(data)
    with pytest.raises(bc.SerializationError):
        bc.load(data)


def test_missing_required_key_rejected() -> None:
    """Required keys (no default in the model) are required by the schema."""
    data = bc.dump(bc.example_bilan())
    del data["funding"]["purchase_date"]
    assert not _VALIDATOR.is_valid(data)
    assert "purchase_date" in _SCHEMA["$defs"]["CpfFunding"]["required"]
    assert "participation" not in _SCHEMA["$defs"]["CpfFunding"]["required"]


def test_optional_fields_allow_null() -> None:
    """Fields typed `X | None` accept null."""
    prop = _SCHEMA["$defs"]["Consent"]["properties"]["withdrawn_at"]
    assert {"type": "null"} in prop["anyOf"]
