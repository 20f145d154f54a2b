"""References between the objects of a plan: an id that names nothing is refused (issue 13.6).

On 0.1.0 a session whose ``site_id`` or ``consultant_id`` named no site or consultant of the
plan loaded, and the law-only report said ``ok``. Dangling references are refused like
duplicate ids: ``SerializationError`` at the reference's path on load, ``InvalidValue``
naming the field when the bilan is built.
"""

from __future__ import annotations

from typing import Any

import attrs
import orjson
import pytest

import bilan_core as bc

AT = "2026-06-02T09:00:00+00:00"


def _document() -> dict[str, Any]:
    document: dict[str, Any] = orjson.loads(bc.dumps(bc.example_bilan("cpf")))
    return document


def _agreement(document_ids: list[str]) -> dict[str, Any]:
    return {
        "id": "a1",
        "kind": "agreement",
        "recipient": "employer",
        "document_ids": document_ids,
        "given_at": AT,
        "revoked_at": None,
    }


def _with(**changes: Any) -> dict[str, Any]:
    document = _document()
    for key, value in changes.items():
        if key == "session0":
            document["sessions"][0].update(value)
        else:
            document[key] = value
    return document


CASES = [
    pytest.param(
        _with(session0={"site_id": "nowhere"}),
        "$.sessions[0].site_id",
        "names no site of the provider",
        id="site",
    ),
    pytest.param(
        _with(session0={"consultant_id": "c-nobody"}),
        "$.sessions[0].consultant_id",
        "names no consultant of the bilan",
        id="consultant",
    ),
    pytest.param(
        _with(agreements=[_agreement(["d-synthesis", "d-lost"])]),
        "$.agreements[0].document_ids[1]",
        "names no document of the bilan",
        id="agreement-document",
    ),
    pytest.param(
        _with(
            agreements=[_agreement(["d-synthesis"])],
            disclosures=[
                {
                    "recipient": "employer",
                    "document_ids": ["d-synthesis"],
                    "at": AT,
                    "agreement_id": "a-missing",
                }
            ],
        ),
        "$.disclosures[0].agreement_id",
        "names no agreement of the bilan",
        id="disclosure-agreement",
    ),
]


@pytest.mark.parametrize(("document", "path", "message"), CASES)
def test_load_refuses_a_reference_to_nothing(
    document: dict[str, Any], path: str, message: str
) -> None:
    with pytest.raises(bc.SerializationError) as caught:
        bc.load(document)
    assert [(p, text.en) for p, text in caught.value.errors] == [(path, message)]
    assert caught.value.errors[0][1].fr.startswith("ne désigne aucun")


def test_the_constructor_refuses_it_naming_the_field() -> None:
    bilan = bc.example_bilan("cpf")
    moved = attrs.evolve(bilan.sessions[0], site_id="nowhere")
    with pytest.raises(bc.InvalidValue) as caught:
        attrs.evolve(bilan, sessions=(moved, *bilan.sessions[1:]))
    assert caught.value.field == "sessions[0].site_id"


def test_references_to_existing_items_load() -> None:
    """The same documents with references that name something load and round-trip."""
    document = _with(
        session0={"site_id": "carquefou-metallurgie"},
        agreements=[_agreement(["d-synthesis"])],
    )
    bilan = bc.load(document)
    assert bilan.sessions[0].site_id == "carquefou-metallurgie"
    assert bc.load(bc.dumps(bilan)) == bilan
