"""The LHÉO 2.3 export (``bilan_core.to_lheo``): parsed back, checked against the premier cercle's
structure (tests/lheo_spec.py), and the values it carries compared with the offer's."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bilan_core as bc
from bilan_core import lheo
from bilan_core.offer import (
    Accessibility,
    AccessRoute,
    Contact,
    ContactRole,
    Delay,
    Duration,
    FundingRoute,
    Length,
    Offer,
    OutlineItem,
    PhaseOutline,
    Price,
    Synthesis,
    SynthesisPart,
    TimeUnit,
)
from bilan_core.phases import Phase
from bilan_core.provider import Site
from bilan_core.sessions import Modality
from lheo_spec import NOT_XML_CHAR, NS, SEQUENCES, local, problems

EXAMPLES = sorted((Path(__file__).parent.parent / "examples" / "offers").glob("*.json"))
CODES: dict[str, Any] = {
    "formacodes": ["15081"],
    "formacode_version": "V14",
    "public_codes": ["80056"],
}
ALL_CODES: dict[str, Any] = {
    **CODES,
    "formacodes": ["15081", "15080"],
    "public_codes": ["80056", "80058"],
    "cpf_code": "CPF202",
    "nsf_codes": ["415", "410"],
}
CEILING_MINUTES = 24 * 60
# The LHÉO dictionary (dict-type-contact) key of each role, read from the spec, not the code.
TYPE_CONTACT = {
    ContactRole.GENERAL: "4",
    ContactRole.DISABILITY: "1",
    ContactRole.PEDAGOGICAL: "3",
    ContactRole.QUALITY: "6",
    ContactRole.OTHER: "0",
}
OFFER = bc.example_offer()


# -- helpers ------------------------------------------------------------------------------------


def q(path: str) -> str:
    """An ElementTree path in LHÉO's namespace: ``"action/session"``."""
    return "/".join(part if part in {".", ".."} else f"{{{NS}}}{part}" for part in path.split("/"))


def parse(raw: bytes) -> ET.Element:
    """Our own export, parsed back (not untrusted data)."""
    return ET.fromstring(raw)  # noqa: S314


def export(offer: Offer = OFFER, **arguments: Any) -> ET.Element:
    """The offer exported and parsed back."""
    return parse(bc.to_lheo(offer, **{**CODES, **arguments}))


def formation_of(root: ET.Element) -> ET.Element:
    found = root.find(q("offres/formation"))
    assert found is not None
    return found


def text(parent: ET.Element, path: str) -> str | None:
    found = parent.find(q(path))
    return None if found is None else found.text


def texts(parent: ET.Element, path: str) -> list[str | None]:
    return [element.text for element in parent.findall(q(path))]


def norm(value: str) -> str:
    """A text as XML carries it: line feeds only, trimmed."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def lines(values: tuple[str, ...]) -> str:
    return "\n".join(norm(value) for value in values if value.strip())


def fits(value: str | None, most: int, least: int = 1) -> bool:
    """Whether an optional text is carried: trimmed, of LHÉO's length, XML-safe."""
    if value is None:
        return False
    kept = norm(value)
    return least <= len(kept) <= most and not NOT_XML_CHAR.search(kept)


def paths_of(error: bc.SerializationError) -> set[str]:
    return {path for path, _ in error.errors}


def serialization_paths(offer: Offer, **arguments: Any) -> set[str]:
    with pytest.raises(bc.SerializationError) as caught:
        bc.to_lheo(offer, **{**CODES, **arguments})
    assert caught.value.what == "LHÉO export"
    return paths_of(caught.value)


def with_provider(offer: Offer = OFFER, **changes: Any) -> Offer:
    return attrs.evolve(offer, provider=attrs.evolve(offer.provider, **changes))


def with_site(index: int, offer: Offer = OFFER, **changes: Any) -> Offer:
    sites = list(offer.provider.sites)
    sites[index] = attrs.evolve(sites[index], **changes)
    return with_provider(offer, sites=tuple(sites))


def with_duration(offer: Offer = OFFER, **changes: Any) -> Offer:
    assert offer.duration is not None
    return attrs.evolve(offer, duration=attrs.evolve(offer.duration, **changes))


def with_methods(offer: Offer = OFFER, **changes: Any) -> Offer:
    assert offer.methods is not None
    return attrs.evolve(offer, methods=attrs.evolve(offer.methods, **changes))


def routes(*values: FundingRoute) -> tuple[AccessRoute, ...]:
    return tuple(AccessRoute(route=value) for value in values)


def example_offers() -> Iterator[Any]:
    yield pytest.param(bc.example_offer(), id="example_offer()")
    for path in EXAMPLES:
        yield pytest.param(bc.load_offer(path.read_bytes()), id=f"examples/offers/{path.name}")


# -- what the export carries, compared with the offer ----------------------------------------


def carried_contacts(offer: Offer) -> list[Contact]:
    return [contact for contact in offer.contacts if contact.reachable]


def assert_coordinates(coordinates: ET.Element | None, contact: Contact | None, site: Any) -> None:
    assert coordinates is not None
    assert local(coordinates) == "coordonnees"
    if contact is not None:
        for tag, value in (("nom", contact.last_name), ("prenom", contact.first_name)):
            assert text(coordinates, tag) == (norm(value) if fits(value, 50) else None)
        expected_lines = [norm(contact.label)] if fits(contact.label, 50) else []
        assert [line.text for line in coordinates.findall(q("ligne"))] == expected_lines
        assert texts(coordinates, "telfixe/numtel") == (
            [] if contact.phone is None else [contact.phone]
        )
        email = contact.email if fits(contact.email, 160, 3) else None
        assert text(coordinates, "courriel") == email
        url = contact.url if fits(contact.url, 400, 3) else None
        assert texts(coordinates, "web/urlweb") == ([] if url is None else [url])
    else:
        assert coordinates.find(q("telfixe")) is None
        assert coordinates.find(q("courriel")) is None
    if site is None:
        assert coordinates.find(q("adresse")) is None
    else:
        assert_address(coordinates.find(q("adresse")), site)


def assert_address(address: ET.Element | None, site: Site) -> None:
    assert address is not None
    assert texts(address, "ligne") == [norm(site.street)]
    assert text(address, "codepostal") == site.postcode
    assert text(address, "ville") == norm(site.city)


def expected_hours(offer: Offer) -> str | None:
    duration = offer.duration
    if duration is None:
        return None
    minutes = duration.max_minutes if duration.max_minutes is not None else duration.min_minutes
    if minutes is None or minutes % 60:
        return None
    return str(minutes // 60)


def expected_price(offer: Offer) -> Decimal | None:
    """One amount for every route of the offer (the general price, or each route's)."""
    prices = [offer.price_of(route) for route in offer.routes]
    if not offer.routes:
        prices = [price for price in offer.prices if not price.routes]
    amounts = {None if price is None else price.amount for price in prices}
    if len(amounts) != 1 or None in amounts:
        return None
    (amount,) = amounts
    assert amount is not None
    return amount if len(f"{amount:.2f}") <= 10 else None


def expected_teaching(offer: Offer) -> str:
    modalities = offer.methods.modalities if offer.methods is not None else frozenset()
    if modalities == {Modality.IN_PERSON}:
        return "0"
    if modalities == {Modality.REMOTE}:
        return "2"
    return "1"


def assert_round_trip(root: ET.Element, offer: Offer, **arguments: Any) -> None:
    """Every value the document carries is the offer's (or the caller's)."""
    arguments = {**CODES, **arguments}
    version = arguments["formacode_version"]
    assert local(root) == "lheo"
    assert len(root.findall(q("offres/formation"))) == 1
    formation = formation_of(root)
    assert formation.get("numero") == offer.id
    date = offer.information_date
    assert formation.get("datemaj") == (None if date is None else date.format("YYYYMMDD"))
    # domain: the caller's codes, the Formacode version as ref on every Formacode code
    domain = formation.find(q("domaine-formation"))
    assert domain is not None
    assert texts(domain, "code-FORMACODE") == list(arguments["formacodes"])
    assert {e.get("ref") for e in domain.findall(q("code-FORMACODE"))} == {version}
    assert texts(domain, "code-NSF") == list(arguments.get("nsf_codes", ()))
    assert text(formation, "intitule-formation") == norm(offer.title)
    assert text(formation, "objectif-formation") == lines(offer.objectives)
    results = text(formation, "resultats-attendus")
    assert results is not None
    assert "Aucune certification" in results
    if offer.synthesis is not None:
        for item in offer.synthesis.outline:
            assert norm(item.title) in results
    content = text(formation, "contenu-formation")
    assert content is not None
    assert offer.methods is not None
    said_items = [norm(i) for step in offer.methods.phases for i in step.items if i.strip()]
    for item in said_items or [norm(a) for a in offer.methods.approach if a.strip()]:
        assert item in content
    # fixed: not certifying, individualised, no entry level
    assert text(formation, "certifiante") == "0"
    assert text(formation, "parcours-de-formation") == "2"
    assert text(formation, "code-niveau-entree") == "1"
    # the contacts that can be reached, in order, each with its type
    contacts = carried_contacts(offer)
    elements = formation.findall(q("contact-formation"))
    assert len(elements) == len(contacts)
    for element, contact in zip(elements, contacts, strict=True):
        assert text(element, "type-contact") == TYPE_CONTACT[contact.role]
        assert_coordinates(element.find(q("coordonnees")), contact, None)
    cpf = arguments.get("cpf_code")
    assert texts(formation, "code-type-formation/code-CPF") == ([] if cpf is None else [cpf])

    actions = formation.findall(q("action"))
    assert len(actions) == 1
    (action,) = actions
    rhythm = text(action, "rythme-formation")
    assert rhythm
    assert offer.duration is not None
    if any(line.strip() for line in offer.duration.details):
        assert rhythm == lines(offer.duration.details)
    assert texts(action, "code-public-vise") == list(arguments["public_codes"])
    assert {e.get("ref") for e in action.findall(q("code-public-vise"))} == {version}
    audience = lines(offer.audience)
    assert text(action, "info-public-vise") == (audience if fits(audience, 250) else None)
    assert text(action, "niveau-entree-obligatoire") == "0"
    assert text(action, "modalites-alternance")
    assert text(action, "modalites-enseignement") == expected_teaching(offer)
    assert text(action, "conditions-specifiques") == (lines(offer.prerequisites) or "aucune")
    funded = any(route is not FundingRoute.SELF_FUNDED for route in offer.routes)
    assert text(action, "prise-en-charge-frais-possible") == ("1" if funded else "0")
    places = action.findall(q("lieu-de-formation"))
    if Modality.IN_PERSON in offer.methods.modalities:
        assert len(places) == len(offer.provider.sites)
        for place, site in zip(places, offer.provider.sites, strict=True):
            assert_coordinates(place.find(q("coordonnees")), None, site)
    else:
        assert places == []
    assert text(action, "modalites-entrees-sorties") == "1"
    sessions = action.findall(q("session"))
    assert len(sessions) == 1
    (session,) = sessions
    start, end = arguments.get("start"), arguments.get("end")
    assert text(session, "periode/debut") == (
        "00000000" if start is None else start.strftime("%Y%m%d")
    )
    assert text(session, "periode/fin") == ("99999999" if end is None else end.strftime("%Y%m%d"))
    site_id = arguments.get("site_id")
    site = offer.provider.sites[0] if site_id is None else offer.provider.site(site_id)
    assert site is not None
    assert_address(session.find(q("adresse-inscription/adresse")), site)
    assert_coordinates(session.find(q("contact-session/coordonnees")), contacts[0], None)
    access = offer.accessibility
    access_text = "" if access is None else lines((*access.premises, *access.adaptations))
    assert text(action, "acces-handicapes") == (access_text if fits(access_text, 250) else None)
    price = text(action, "prix-total-TTC")
    assert (None if price is None else Decimal(price)) == expected_price(offer)
    assert (action.find(q("duree-indicative")) is not None) == (offer.duration.span is not None)
    hours = text(action, "nombre-heures-total")
    assert hours == expected_hours(offer)
    assert hours is None or int(hours) <= 24

    responsible = formation.find(q("organisme-formation-responsable"))
    assert responsible is not None
    provider = offer.provider
    assert text(responsible, "numero-activite") == provider.nda
    assert texts(responsible, "SIRET-organisme-formation/SIRET") == [provider.siret]
    assert text(responsible, "nom-organisme") == norm(provider.name)
    legal_name = arguments.get("legal_name")
    assert text(responsible, "raison-sociale") == norm(legal_name or provider.name)
    assert_coordinates(responsible.find(q("coordonnees-organisme/coordonnees")), contacts[0], site)
    organisation_contacts = responsible.findall(q("contact-organisme/coordonnees"))
    assert len(organisation_contacts) == 1
    assert_coordinates(organisation_contacts[0], contacts[0], None)


def assert_valid(offer: Offer, **arguments: Any) -> ET.Element:
    raw = bc.to_lheo(offer, **{**CODES, **arguments})
    assert raw.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n")
    root = parse(raw)
    assert problems(root) == []
    assert_round_trip(root, offer, **arguments)
    return root


# -- the examples -----------------------------------------------------------------------------


def test_the_examples_are_there() -> None:
    assert [path.name for path in EXAMPLES] == ["staff.json"]


@pytest.mark.parametrize("offer", list(example_offers()))
@pytest.mark.parametrize("arguments", [{}, ALL_CODES], ids=["least codes", "every code"])
def test_every_example_exports_whole_and_round_trips(
    offer: Offer, arguments: dict[str, Any]
) -> None:
    assert_valid(offer, **arguments)


@pytest.mark.parametrize("offer", list(example_offers()))
def test_every_example_with_a_session_site_and_legal_name(offer: Offer) -> None:
    site = offer.provider.sites[-1]
    assert_valid(
        offer,
        start=dt.date(2027, 1, 4),
        end=dt.date(2027, 3, 31),
        site_id=site.id,
        legal_name="STAFF ASSOCIATION",
    )


def test_the_staff_offer_in_figures() -> None:
    """Known values of the seed's offer, written out (not derived from the offer)."""
    formation = formation_of(export(**ALL_CODES))
    assert text(formation, "intitule-formation") == "Bilan de compétences"
    assert texts(formation, "contact-formation/coordonnees/telfixe/numtel") == ["02 40 25 28 36"]
    assert texts(formation, "contact-formation/coordonnees/courriel") == [
        "bilan.compétences@staff.asso.fr"
    ]
    assert texts(formation, "contact-formation/type-contact") == ["4"]
    assert text(formation, "code-type-formation/code-CPF") == "CPF202"
    responsible = "organisme-formation-responsable/"
    assert text(formation, responsible + "numero-activite") == "52440000044"
    assert text(formation, responsible + "SIRET-organisme-formation/SIRET") == "78288205400011"
    assert text(formation, responsible + "nom-organisme") == "STAFF"
    assert text(formation, "action/nombre-heures-total") == "24"
    assert text(formation, "action/duree-indicative") == "2 à 3 mois environ"
    assert text(formation, "action/modalites-enseignement") == "1"
    assert texts(formation, "action/lieu-de-formation/coordonnees/adresse/ligne") == [
        "7 rue des Petites Industries",
        "4 rue de la métallurgie",
    ]
    assert text(formation, "action/session/adresse-inscription/adresse/codepostal") == "44470"
    assert text(formation, "action/session/adresse-inscription/adresse/ville") == "Carquefou"


# -- the document itself ----------------------------------------------------------------------


def test_every_element_is_in_the_lheo_23_namespace() -> None:
    raw = bc.to_lheo(OFFER, **CODES)
    assert b'<lheo xmlns="http://lheo.gouv.fr/2.3">' in raw
    root = parse(raw)
    assert {element.tag.partition("}")[0] for element in root.iter()} == {"{" + NS}
    assert all(not name.startswith("{") for e in root.iter() for name in e.attrib)


def test_the_document_is_utf8_with_its_declaration() -> None:
    raw = bc.to_lheo(OFFER, **CODES)
    assert raw.splitlines()[0] == b"<?xml version='1.0' encoding='utf-8'?>"
    assert "Carquefou" in raw.decode("utf-8")


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        pytest.param(
            lambda f: f.insert(0, f[5]),  # certifiante first (moved, not copied)
            "out of order",
            id="order",
        ),
        pytest.param(
            lambda f: f.remove(f.find(q("contact-formation"))),
            "0 contact-formation",
            id="mandatory missing",
        ),
        pytest.param(
            lambda f: setattr(f.find(q("intitule-formation")), "text", "x" * 256),
            "256 characters",
            id="too long",
        ),
        pytest.param(
            lambda f: setattr(f.find(q("certifiante")), "text", "false"),
            "dictionary",
            id="enumeration",
        ),
        pytest.param(
            lambda f: setattr(f.find(q("action/session/periode/fin")), "text", "2027-03-31"),
            "AAAAMMJJ",
            id="date",
        ),
        pytest.param(
            lambda f: f.find(q("domaine-formation/code-FORMACODE")).attrib.clear(),
            "no ref",
            id="ref",
        ),
        pytest.param(
            lambda f: (
                [
                    c.remove(c.find(q("courriel")))
                    for c in f.findall(q("contact-formation/coordonnees"))
                ]
                + [
                    c.remove(c.find(q("telfixe")))
                    for c in f.findall(q("contact-formation/coordonnees"))
                ]
            ),
            "without a means of contact",
            id="no means",
        ),
        pytest.param(
            lambda f: setattr(f.find(q("action/nombre-heures-total")), "text", "24h"),
            "not an integer",
            id="integer",
        ),
    ],
)
def test_the_spec_checker_catches_a_broken_document(
    mutate: Callable[[ET.Element], object], expected: str
) -> None:
    """The checker the other tests rely on is not vacuous."""
    root = export()
    assert problems(root) == []
    mutate(formation_of(root))
    assert any(expected in problem for problem in problems(root)), problems(root)


def test_the_spec_tables_cover_what_the_export_writes() -> None:
    written = {local(element) for element in export(**ALL_CODES).iter()}
    containers = written & set(SEQUENCES)
    assert {"formation", "action", "session", "coordonnees", "adresse"} <= containers


# -- what a bilan always is -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("certifiante", "0"),
        ("parcours-de-formation", "2"),
        ("code-niveau-entree", "1"),
        ("action/niveau-entree-obligatoire", "0"),
        ("action/modalites-entrees-sorties", "1"),
        ("action/modalites-alternance", "Sans objet"),
    ],
)
def test_what_a_bilan_always_is(path: str, value: str) -> None:
    assert texts(formation_of(export()), path) == [value]


@pytest.mark.parametrize(
    ("prerequisites", "expected"),
    [
        ((), "aucune"),
        (("  ", ""), "aucune"),
        (("Avoir un projet",), "Avoir un projet"),
        ((" Avoir un projet ", "", "Être disponible"), "Avoir un projet\nÊtre disponible"),
    ],
)
def test_conditions_specifiques(prerequisites: tuple[str, ...], expected: str) -> None:
    offer = attrs.evolve(OFFER, prerequisites=prerequisites)
    assert text(formation_of(export(offer)), "action/conditions-specifiques") == expected


# -- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "debut", "fin"),
    [
        (None, None, "00000000", "99999999"),
        (dt.date(2027, 1, 4), None, "20270104", "99999999"),
        (None, dt.date(2027, 3, 31), "00000000", "20270331"),
        (dt.date(2027, 1, 4), dt.date(2027, 1, 4), "20270104", "20270104"),
        (pendulum.date(2026, 12, 31), pendulum.date(2027, 2, 1), "20261231", "20270201"),
        (dt.datetime(2027, 1, 4, 23, 30), None, "20270104", "99999999"),  # naive: Paris day
        (
            dt.datetime(2027, 1, 4, 23, 30, tzinfo=dt.timezone.utc),  # Paris: 5 January
            None,
            "20270105",
            "99999999",
        ),
        (dt.date(999, 1, 2), dt.date(9999, 12, 31), "09990102", "99991231"),
    ],
)
def test_session_dates_are_aaaammjj(start: Any, end: Any, debut: str, fin: str) -> None:
    formation = formation_of(export(start=start, end=end))
    assert text(formation, "action/session/periode/debut") == debut
    assert text(formation, "action/session/periode/fin") == fin


@pytest.mark.parametrize(
    ("information_date", "datemaj"),
    [(None, None), (pendulum.date(2026, 9, 1), "20260901")],
)
def test_the_information_date_is_datemaj(information_date: Any, datemaj: str | None) -> None:
    offer = attrs.evolve(OFFER, information_date=information_date)
    assert formation_of(export(offer)).get("datemaj") == datemaj


def test_an_end_before_the_start_is_refused() -> None:
    with pytest.raises(bc.InvalidValue) as caught:
        bc.to_lheo(OFFER, **CODES, start=dt.date(2027, 2, 1), end=dt.date(2027, 1, 31))
    assert caught.value.field == "end"


# -- hours ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minimum", "maximum", "hours"),
    [
        (18 * 60, 24 * 60, "24"),
        (None, 24 * 60, "24"),
        (18 * 60, None, "18"),
        (60, 60, "1"),
        (18 * 60, 22 * 60 + 30, None),  # not whole: left out
        (None, None, None),
    ],
)
def test_nombre_heures_total(minimum: int | None, maximum: int | None, hours: str | None) -> None:
    offer = with_duration(min_minutes=minimum, max_minutes=maximum)
    root = export(offer)
    assert text(formation_of(root), "action/nombre-heures-total") == hours
    assert problems(root) == []


@pytest.mark.parametrize(
    ("minimum", "maximum", "path"),
    [
        (18 * 60, 24 * 60 + 1, "$.duration.max_minutes"),
        (None, 25 * 60, "$.duration.max_minutes"),
        (25 * 60, None, "$.duration.min_minutes"),
        (25 * 60, 30 * 60, "$.duration.max_minutes"),
    ],
)
def test_more_than_24_hours_is_refused(minimum: int | None, maximum: int | None, path: str) -> None:
    offer = with_duration(min_minutes=minimum, max_minutes=maximum)
    assert serialization_paths(offer) == {path}


def test_a_duration_with_no_hours_writes_none() -> None:
    offer = attrs.evolve(OFFER, duration=Duration(details=("Cinq rencontres",)))
    action = formation_of(export(offer)).find(q("action"))
    assert action is not None
    assert action.find(q("nombre-heures-total")) is None
    assert action.find(q("duree-indicative")) is None
    assert text(action, "rythme-formation") == "Cinq rencontres"


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        (Delay(maximum=Length(value=3, unit=TimeUnit.MONTHS)), "3 mois au plus"),
        (Delay(minimum=Length(value=1, unit=TimeUnit.WEEKS)), "1 semaine au moins"),
        (
            Delay(
                minimum=Length(value=6, unit=TimeUnit.WEEKS),
                maximum=Length(value=3, unit=TimeUnit.MONTHS),
                approximate=True,
            ),
            "6 semaines à 3 mois environ",
        ),
    ],
)
def test_duree_indicative(span: Delay, expected: str) -> None:
    root = export(with_duration(span=span))
    assert text(formation_of(root), "action/duree-indicative") == expected


# -- the caller's codes -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"formacodes": []}, "formacodes"),
        ({"formacodes": ["1508"]}, "formacodes"),
        ({"formacodes": ["150810"]}, "formacodes"),
        ({"formacodes": ["1508a"]}, "formacodes"),
        ({"formacodes": [" 15081"]}, "formacodes"),
        ({"formacodes": ["１５０８１"]}, "formacodes"),  # fullwidth digits
        ({"formacodes": ["15081"] * 6}, "formacodes"),
        ({"formacode_version": "14"}, "formacode_version"),
        ({"formacode_version": "v14"}, "formacode_version"),
        ({"formacode_version": "V"}, "formacode_version"),
        ({"formacode_version": "V1234"}, "formacode_version"),
        ({"formacode_version": ""}, "formacode_version"),
        ({"public_codes": []}, "public_codes"),
        ({"public_codes": ["8005"]}, "public_codes"),
        ({"public_codes": ["80056"] * 11}, "public_codes"),
        ({"cpf_code": "202"}, "cpf_code"),
        ({"cpf_code": "CPF"}, "cpf_code"),
        ({"cpf_code": "cpf202"}, "cpf_code"),
        ({"cpf_code": "CPF12345678"}, "cpf_code"),  # 11 characters
        ({"cpf_code": "CPF 202"}, "cpf_code"),
        ({"nsf_codes": ["41"]}, "nsf_codes"),
        ({"nsf_codes": ["415t"]}, "nsf_codes"),
        ({"nsf_codes": ["415", "410", "411", "412"]}, "nsf_codes"),
        ({"site_id": "nowhere"}, "site_id"),
        ({"legal_name": ""}, "legal_name"),
        ({"legal_name": "   "}, "legal_name"),
        ({"legal_name": "x" * 251}, "legal_name"),
        ({"legal_name": "STA\x0bFF"}, "legal_name"),
    ],
)
def test_bad_arguments_are_invalid_values_naming_them(
    arguments: dict[str, Any], field: str
) -> None:
    with pytest.raises(bc.InvalidValue) as caught:
        bc.to_lheo(OFFER, **{**CODES, **arguments})
    assert caught.value.field == field


@pytest.mark.parametrize(
    "arguments",
    [
        {"formacodes": "15081"},
        {"formacodes": [15081]},
        {"formacodes": b"15081"},
        {"formacodes": iter(["15081"])},
        {"formacode_version": 14},
        {"public_codes": "80056"},
        {"public_codes": None},
        {"nsf_codes": "415"},
        {"cpf_code": 202},
        {"legal_name": b"STAFF"},
        {"start": "2027-01-04"},
        {"end": 20270331},
    ],
)
def test_arguments_of_the_wrong_type_are_type_errors(arguments: dict[str, Any]) -> None:
    with pytest.raises(TypeError):
        bc.to_lheo(OFFER, **{**CODES, **arguments})


def test_an_offer_that_is_not_one_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="offer"):
        bc.to_lheo({"title": "Bilan"}, **CODES)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "arguments",
    [
        {"formacodes": ("15081", "15080", "15082", "15083", "15084"), "nsf_codes": ("415",) * 3},
        {"public_codes": tuple(f"800{n:02d}" for n in range(10)), "formacode_version": "V9"},
        {"cpf_code": "CPF1", "formacode_version": "V123"},
        {"cpf_code": "CPF1234567"},
    ],
)
def test_the_caller_codes_at_their_limits_are_written(arguments: dict[str, Any]) -> None:
    assert_valid(OFFER, **arguments)


# -- texts: empty, too long, characters XML cannot hold ----------------------------------------


@pytest.mark.parametrize(
    ("offer", "path"),
    [
        (attrs.evolve(OFFER, title=""), "$.title"),
        (attrs.evolve(OFFER, title=" \n\t "), "$.title"),
        (attrs.evolve(OFFER, title="x" * 256), "$.title"),
        (attrs.evolve(OFFER, title="Bilan\x00"), "$.title"),
        (attrs.evolve(OFFER, title="Bilan \ufffe"), "$.title"),
        (attrs.evolve(OFFER, title="Bilan \ud800"), "$.title"),
        (attrs.evolve(OFFER, objectives=()), "$.objectives"),
        (attrs.evolve(OFFER, objectives=(" ", "")), "$.objectives"),
        (attrs.evolve(OFFER, objectives=("x" * 1500, "y" * 1500)), "$.objectives"),  # 3001
        (attrs.evolve(OFFER, objectives=("Se\x1bdécouvrir",)), "$.objectives"),
        (attrs.evolve(OFFER, prerequisites=("x" * 3001,)), "$.prerequisites"),
        (with_methods(phases=(), approach=()), "$.methods"),
        (
            with_methods(phases=(PhaseOutline(phase=Phase.PRELIMINARY, items=("x" * 3000,)),)),
            "$.methods",
        ),
        (attrs.evolve(OFFER, duration=None), "$.duration"),
        (attrs.evolve(OFFER, duration=Duration(min_minutes=60)), "$.duration"),
        (with_provider(name=""), "$.provider.name"),
        (with_provider(name="x" * 251), "$.provider.name"),
        (with_site(0, street=""), "$.provider.sites[0].street"),
        (with_site(0, street="x" * 51), "$.provider.sites[0].street"),
        (with_site(1, street="x" * 51), "$.provider.sites[1].street"),
        (with_site(1, city="x" * 51), "$.provider.sites[1].city"),
        (with_site(1, city="Nantes\x07"), "$.provider.sites[1].city"),
        (
            attrs.evolve(
                OFFER,
                synthesis=Synthesis(
                    outline=(OutlineItem(part=SynthesisPart.OTHER, title="x" * 3000),)
                ),
            ),
            "$.synthesis",
        ),
    ],
)
def test_a_mandatory_text_that_does_not_fit_names_its_path(offer: Offer, path: str) -> None:
    assert serialization_paths(offer) == {path}


def test_a_site_only_in_lieu_de_formation_is_checked_too() -> None:
    """A remote-only offer writes no lieu-de-formation: the second site is not exported."""
    offer = with_methods(with_site(1, street="x" * 51), modalities={Modality.REMOTE}, blended=False)
    root = assert_valid(offer)
    assert formation_of(root).find(q("action/lieu-de-formation")) is None


@pytest.mark.parametrize(
    ("field", "most"),
    [("title", 255), ("objectives", 3000), ("prerequisites", 3000)],
)
def test_a_text_at_its_limit_is_written_whole(field: str, most: int) -> None:
    value = "é" * (most - 2)
    padded = f" {value}xy\n"  # trimmed to `most` characters
    offer = attrs.evolve(OFFER, **{field: padded if field == "title" else (padded,)})
    assert_valid(offer)


@pytest.mark.parametrize(
    ("changes", "path", "value"),
    [
        ({"street": "x" * 50}, "ligne", "x" * 50),
        ({"city": "y" * 50}, "ville", "y" * 50),
        ({"city": " Nantes "}, "ville", "Nantes"),
    ],
)
def test_an_address_at_its_limit_is_written_whole(
    changes: dict[str, str], path: str, value: str
) -> None:
    root = assert_valid(with_site(0, **changes))
    assert text(formation_of(root), f"action/session/adresse-inscription/adresse/{path}") == value


def test_the_provider_name_at_250_characters_is_written() -> None:
    assert_valid(with_provider(name="n" * 250))


def test_every_problem_is_reported_at_once() -> None:
    broken = with_provider(with_site(0, street="", city="c" * 51), name="", nda=None)
    offer = attrs.evolve(
        broken,
        title="",
        objectives=(),
        methods=None,
        duration=None,
        contacts=(),
        access_routes=(),
    )
    assert serialization_paths(offer) == {
        "$.title",
        "$.objectives",
        "$.methods",
        "$.methods.modalities",
        "$.duration",
        "$.contacts",
        "$.access_routes",
        "$.provider.name",
        "$.provider.nda",
        "$.provider.sites[0].street",
        "$.provider.sites[0].city",
    }


def test_the_error_messages_are_bilingual_and_do_not_repeat_values() -> None:
    with pytest.raises(bc.SerializationError) as caught:
        bc.to_lheo(attrs.evolve(OFFER, title="SECRET" * 50), **CODES)
    ((path, message),) = caught.value.errors
    assert path == "$.title"
    assert "intitule-formation" in message.fr
    assert "255" in message.en
    assert "SECRET" not in str(caught.value)


@pytest.mark.parametrize(
    ("title", "carried"),
    [
        ("Bilan\r\nde compétences", "Bilan\nde compétences"),
        ("Bilan\rde compétences", "Bilan\nde compétences"),
        ("  Bilan\tde <compétences> & « plus »  ", "Bilan\tde <compétences> & « plus »"),
        ("Bilan ]]> 𝔅 \u2028", "Bilan ]]> 𝔅"),
        ("\x1fBilan", "Bilan"),  # str.strip() takes the unit separator away
    ],
)
def test_texts_are_carried_as_an_xml_parser_reads_them(title: str, carried: str) -> None:
    root = assert_valid(attrs.evolve(OFFER, title=title))
    assert text(formation_of(root), "intitule-formation") == carried


def test_a_carriage_return_is_counted_as_the_line_feed_xml_carries() -> None:
    """256 characters in Python, 255 once CR LF is read as LF: within intitule-formation's 255."""
    title = "x" * 127 + "\r\n" + "y" * 127
    root = assert_valid(attrs.evolve(OFFER, title=title))
    assert text(formation_of(root), "intitule-formation") == "x" * 127 + "\n" + "y" * 127


# -- contacts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", list(ContactRole))
def test_the_type_of_contact(role: ContactRole) -> None:
    offer = attrs.evolve(OFFER, contacts=(Contact(role=role, phone="01 23 45 67 89"),))
    root = assert_valid(offer)
    assert texts(formation_of(root), "contact-formation/type-contact") == [TYPE_CONTACT[role]]


def test_a_contact_without_a_means_of_contact_is_not_exported() -> None:
    offer = attrs.evolve(
        OFFER,
        contacts=(
            Contact(label="Sans moyen"),
            Contact(label="Accueil", first_name="Claire", last_name="Martin", email="a@b.fr"),
            Contact(role=ContactRole.DISABILITY, url="https://exemple.fr/handicap"),
        ),
    )
    root = assert_valid(offer)
    formation = formation_of(root)
    assert texts(formation, "contact-formation/type-contact") == ["4", "1"]
    assert texts(formation, "contact-formation/coordonnees/nom") == ["Martin"]
    assert texts(formation, "contact-formation/coordonnees/prenom") == ["Claire"]


@pytest.mark.parametrize(
    ("contact", "kept"),
    [
        (Contact(phone="0123456789", last_name="x" * 51), {"nom": None}),
        (Contact(phone="0123456789", first_name="Jean\x01"), {"prenom": None}),
        (Contact(phone="0123456789", label="l" * 51), {"ligne": None}),
        (Contact(phone="0123456789", email="a" * 160 + "@b.fr"), {"courriel": None}),
        (Contact(phone="0123456789", url="https://a.fr/\x01"), {"web/urlweb": None}),
        (Contact(phone="0123456789", label="l" * 50), {"ligne": "l" * 50}),
        (Contact(email="a" * 149 + "@exemple.fr"), {"courriel": "a" * 149 + "@exemple.fr"}),
        (Contact(url="https://a.fr/" + "p" * 385), {"web/urlweb": "https://a.fr/" + "p" * 385}),
    ],
)
def test_an_optional_contact_text_that_does_not_fit_is_left_out(
    contact: Contact, kept: dict[str, str | None]
) -> None:
    root = assert_valid(attrs.evolve(OFFER, contacts=(contact,)))
    coordinates = formation_of(root).find(q("contact-formation/coordonnees"))
    assert coordinates is not None
    for path, value in kept.items():
        assert text(coordinates, path) == value


@pytest.mark.parametrize(
    ("contacts", "paths"),
    [
        ((), {"$.contacts"}),
        ((Contact(label="Sans moyen"),), {"$.contacts"}),
        ((Contact(label="Accueil", email="a" * 160 + "@b.fr"),), {"$.contacts[0].email"}),
        ((Contact(email="a\x01@b.fr"),), {"$.contacts[0].email"}),
        ((Contact(url="https://a.fr/\x01"),), {"$.contacts[0].url"}),
        (
            (Contact(label="Sans moyen"), Contact(phone="0123456789"), Contact(url="https://\x02")),
            {"$.contacts[2].url"},
        ),
        (
            (Contact(email="x\x03@b.fr", url="https://\x02"),),
            {"$.contacts[0].email"},
        ),
    ],
)
def test_a_contact_lheo_cannot_carry_names_its_path(
    contacts: tuple[Contact, ...], paths: set[str]
) -> None:
    assert serialization_paths(attrs.evolve(OFFER, contacts=contacts)) == paths


def test_the_first_contact_is_the_session_and_organisation_contact() -> None:
    first = Contact(label="Premier", phone="01 00 00 00 01")
    second = Contact(label="Second", email="second@exemple.fr")
    root = assert_valid(attrs.evolve(OFFER, contacts=(Contact(label="x"), first, second)))
    formation = formation_of(root)
    for path in (
        "action/session/contact-session/coordonnees/ligne",
        "organisme-formation-responsable/contact-organisme/coordonnees/ligne",
        "organisme-formation-responsable/coordonnees-organisme/coordonnees/ligne",
    ):
        assert texts(formation, path) == ["Premier"]


# -- the action -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("modalities", "blended", "teaching", "places"),
    [
        ({Modality.IN_PERSON}, None, "0", 2),
        ({Modality.REMOTE}, None, "2", 0),
        ({Modality.IN_PERSON, Modality.REMOTE}, True, "1", 2),
        ({Modality.IN_PERSON, Modality.REMOTE}, False, "1", 2),
    ],
)
def test_modalites_enseignement_and_places(
    modalities: set[Modality], blended: bool | None, teaching: str, places: int
) -> None:
    root = assert_valid(with_methods(modalities=modalities, blended=blended))
    action = formation_of(root).find(q("action"))
    assert action is not None
    assert text(action, "modalites-enseignement") == teaching
    assert len(action.findall(q("lieu-de-formation"))) == places


def test_no_modality_is_a_problem() -> None:
    assert serialization_paths(with_methods(modalities=set(), blended=None)) == {
        "$.methods.modalities"
    }


@pytest.mark.parametrize(
    ("access_routes", "expected"),
    [
        (routes(FundingRoute.CPF), "1"),
        (routes(FundingRoute.SELF_FUNDED), "0"),
        (routes(FundingRoute.SELF_FUNDED, FundingRoute.EMPLOYER_PLAN), "1"),
    ],
)
def test_prise_en_charge_frais_possible(
    access_routes: tuple[AccessRoute, ...], expected: str
) -> None:
    root = assert_valid(attrs.evolve(OFFER, access_routes=access_routes))
    assert text(formation_of(root), "action/prise-en-charge-frais-possible") == expected


@pytest.mark.parametrize(
    ("prices", "access_routes", "expected"),
    [
        ((), routes(FundingRoute.CPF), None),
        ((Price(amount=Decimal(1800)),), routes(FundingRoute.CPF), "1800.00"),
        ((Price(amount=Decimal("1750.5")),), (), "1750.50"),
        (
            (
                Price(amount=Decimal(1800), routes={FundingRoute.CPF}),
                Price(amount=Decimal(1800), routes={FundingRoute.EMPLOYER_PLAN}),
            ),
            routes(FundingRoute.CPF, FundingRoute.EMPLOYER_PLAN),
            "1800.00",
        ),
        (
            (
                Price(amount=Decimal(1800), routes={FundingRoute.CPF}),
                Price(amount=Decimal(2000)),
            ),
            routes(FundingRoute.CPF, FundingRoute.EMPLOYER_PLAN),
            None,
        ),
        (
            (Price(amount=Decimal(1800), routes={FundingRoute.CPF}),),
            routes(FundingRoute.CPF, FundingRoute.EMPLOYER_PLAN),
            None,  # no price for the plan
        ),
    ],
)
def test_prix_total_ttc_when_one_amount_applies(
    prices: tuple[Price, ...], access_routes: tuple[AccessRoute, ...], expected: str | None
) -> None:
    offer = attrs.evolve(OFFER, prices=prices, access_routes=access_routes)
    if not access_routes:
        assert serialization_paths(offer) == {"$.access_routes"}
        return
    root = assert_valid(offer)
    assert text(formation_of(root), "action/prix-total-TTC") == expected


@pytest.mark.parametrize(
    ("accessibility", "expected"),
    [
        (None, None),
        (Accessibility(premises=("Locaux accessibles",)), "Locaux accessibles"),
        (Accessibility(premises=("a",), adaptations=("b",)), "a\nb"),
        (Accessibility(premises=("x" * 251,)), None),
        (Accessibility(adaptations=("Rampe\x08",)), None),
    ],
)
def test_acces_handicapes(accessibility: Accessibility | None, expected: str | None) -> None:
    root = assert_valid(attrs.evolve(OFFER, accessibility=accessibility))
    assert text(formation_of(root), "action/acces-handicapes") == expected


def test_the_enrolment_site_is_the_one_named() -> None:
    site = OFFER.provider.sites[1]
    root = assert_valid(OFFER, site_id=site.id)
    formation = formation_of(root)
    assert texts(formation, "action/session/adresse-inscription/adresse/ligne") == [site.street]


def test_no_site_is_a_problem() -> None:
    offer = with_methods(with_provider(sites=()), modalities={Modality.REMOTE}, blended=False)
    assert serialization_paths(offer) == {"$.provider.sites"}


def test_the_nda_is_numero_activite() -> None:
    root = assert_valid(with_provider(nda="11755555575"))
    assert text(formation_of(root), "organisme-formation-responsable/numero-activite") == (
        "11755555575"
    )


def test_no_nda_is_a_problem() -> None:
    assert serialization_paths(with_provider(nda=None)) == {"$.provider.nda"}


def test_raison_sociale_defaults_to_the_name() -> None:
    root = assert_valid(OFFER)
    assert text(formation_of(root), "organisme-formation-responsable/raison-sociale") == "STAFF"
    root = assert_valid(OFFER, legal_name="  ASSOCIATION STAFF ")
    assert text(formation_of(root), "organisme-formation-responsable/raison-sociale") == (
        "ASSOCIATION STAFF"
    )


# -- generated offers -------------------------------------------------------------------------


def _offers() -> st.SearchStrategy[Offer]:
    """``bilan_core.strategies.offers()``, imported when first drawn."""
    from bilan_core.strategies import offers

    return offers()


def _bad(value: str, most: int) -> bool:
    return not fits(value, most)


def expected_problems(offer: Offer) -> set[str]:
    """The paths the export must report for an offer, from the rules of the premier cercle.

    The derived texts (results, content, rhythm) are the export's own wording: their rules
    (length, characters, not empty) are checked on them here.
    """
    found = set()
    checks = [
        (offer.title, 255, "$.title"),
        (lines(offer.objectives), 3000, "$.objectives"),
        (lheo._expected_results(offer), 3000, "$.synthesis"),
        (lheo._content(offer), 3000, "$.methods"),
        (lheo._rhythm(offer), 3000, "$.duration"),
        (lines(offer.prerequisites) or "aucune", 3000, "$.prerequisites"),
        (offer.provider.name, 250, "$.provider.name"),
    ]
    found |= {path for value, most, path in checks if _bad(value, most)}
    contacts = [(i, c) for i, c in enumerate(offer.contacts) if c.reachable]
    if not contacts:
        found.add("$.contacts")
    for index, contact in contacts:
        email, url = fits(contact.email, 160, 3), fits(contact.url, 400, 3)
        if contact.phone is None and not email and not url:
            found.add(f"$.contacts[{index}].{'email' if contact.email is not None else 'url'}")
    if not offer.access_routes:
        found.add("$.access_routes")
    if offer.methods is None or not offer.methods.modalities:
        found.add("$.methods.modalities")
    sites = list(enumerate(offer.provider.sites))
    if not sites:
        found.add("$.provider.sites")
    in_person = offer.methods is not None and Modality.IN_PERSON in offer.methods.modalities
    for index, site in sites if in_person else sites[:1]:
        for key in ("street", "city"):
            if _bad(getattr(site, key), 50):
                found.add(f"$.provider.sites[{index}].{key}")
    if offer.provider.nda is None:
        found.add("$.provider.nda")
    duration = offer.duration
    if duration is not None:
        for key in ("max_minutes", "min_minutes"):
            minutes = getattr(duration, key)
            if minutes is not None:
                if minutes > CEILING_MINUTES:
                    found.add(f"$.duration.{key}")
                break
    return found


def assert_exported_or_refused(offer: Offer, arguments: dict[str, Any]) -> None:
    """Valid XML carrying the offer's values, or a SerializationError naming exactly what is
    missing or does not fit."""
    expected = expected_problems(offer)
    if expected:
        assert serialization_paths(offer, **arguments) == expected
        return
    raw = bc.to_lheo(offer, **arguments)
    root = parse(raw)
    assert problems(root) == []
    assert_round_trip(root, offer, **arguments)


def _codes(digits: int) -> st.SearchStrategy[str]:
    return st.from_regex(rf"[0-9]{{{digits}}}", fullmatch=True)


@st.composite
def arguments_of_to_lheo(draw: st.DrawFn) -> dict[str, Any]:
    """Valid arguments: the caller's codes, and sometimes a session's dates."""
    arguments: dict[str, Any] = {
        "formacodes": draw(st.lists(_codes(5), min_size=1, max_size=5)),
        "formacode_version": draw(st.from_regex(r"V[0-9]{1,3}", fullmatch=True)),
        "public_codes": draw(st.lists(_codes(5), min_size=1, max_size=10)),
        "nsf_codes": draw(st.lists(_codes(3), max_size=3)),
        "cpf_code": draw(st.none() | st.from_regex(r"CPF[0-9]{1,7}", fullmatch=True)),
    }
    dates = st.none() | st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
    start, end = draw(dates), draw(dates)
    if start is not None and end is not None and end < start:
        start, end = end, start
    return {**arguments, "start": start, "end": end}


ARGUMENTS = arguments_of_to_lheo()


@given(offer=st.deferred(_offers), arguments=ARGUMENTS)
def test_generated_offers_export_or_name_what_they_lack(
    offer: Offer, arguments: dict[str, Any]
) -> None:
    assert_exported_or_refused(offer, arguments)


@pytest.mark.slow
@settings(max_examples=500)
@given(offer=st.deferred(_offers), arguments=ARGUMENTS)
def test_500_generated_offers_export_or_name_what_they_lack(
    offer: Offer, arguments: dict[str, Any]
) -> None:
    assert_exported_or_refused(offer, arguments)
