"""The part of LHÉO 2.3 that bilan-core writes, as data, and a checker of a document against it.

Encoded by hand from the project's research note (/work/notes/lheo-spec.md, itself read from
``definition/lheo-gml.xml`` of lheo/lheo-schema at bdb4cc8); no schema file is copied here.
Each content model is an ``xs:sequence``: the children of an element must come in the order
listed, each between its minimum and maximum (``None``: unbounded). ``extras`` and the optional
children the export never writes are listed too, so that an element written out of place is
caught. On top of the schema, the business rules of the premier cercle the XSD does not
enforce (a Formacode in ``domaine-formation``, a ``ref`` on Formacode codes, a means of contact
in each ``coordonnees``, one ``contact-session`` per session, no blank text).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Final

NS: Final = "http://lheo.gouv.fr/2.3"
N: Final = None  # unbounded

# parent -> its xs:sequence: (child, min, max)
SEQUENCES: Final[dict[str, tuple[tuple[str, int, int | None], ...]]] = {
    "lheo": (("offres", 1, 1), ("extras", 0, N)),
    "offres": (("formation", 1, N), ("extras", 0, N)),
    "formation": (
        ("domaine-formation", 1, 1),
        ("intitule-formation", 1, 1),
        ("objectif-formation", 1, 1),
        ("resultats-attendus", 1, 1),
        ("contenu-formation", 1, 1),
        ("certifiante", 1, 1),
        ("contact-formation", 1, N),
        ("parcours-de-formation", 1, 1),
        ("code-niveau-entree", 1, 1),
        ("objectif-general-formation", 0, 1),
        ("certification", 0, 5),
        ("code-type-formation", 0, 5),
        ("code-niveau-sortie", 0, 1),
        ("url-formation", 0, 1),
        ("action", 1, N),
        ("organisme-formation-responsable", 1, 1),
        ("identifiant-module", 0, 1),
        ("positionnement", 0, 1),
        ("sous-modules", 0, 1),
        ("modules-prerequis", 0, 1),
        ("extras", 0, N),
    ),
    "action": (
        ("rythme-formation", 1, 1),
        ("code-public-vise", 1, 10),
        ("info-public-vise", 0, 1),
        ("niveau-entree-obligatoire", 1, 1),
        ("modalites-alternance", 1, 1),
        ("modalites-enseignement", 1, 1),
        ("conditions-specifiques", 1, 1),
        ("prise-en-charge-frais-possible", 1, 1),
        ("lieu-de-formation", 0, N),
        ("modalites-entrees-sorties", 1, 1),
        ("url-action", 0, 1),
        ("duree-cycle", 0, 1),
        ("session", 1, N),
        ("adresse-information", 0, 1),
        ("date-information", 0, 3),
        ("restauration", 0, 1),
        ("hebergement", 0, 1),
        ("transport", 0, 1),
        ("acces-handicapes", 0, 1),
        ("langue-formation", 0, 5),
        ("modalites-recrutement", 0, 1),
        ("modalites-pedagogiques", 0, 1),
        ("code-modalite-pedagogique", 0, 5),
        ("equipement", 0, N),
        ("frais-restants", 0, 1),
        ("code-perimetre-recrutement", 0, 1),
        ("infos-perimetre-recrutement", 0, 1),
        ("prix-horaire-TTC", 0, 1),
        ("prix-total-TTC", 0, 1),
        ("duree-indicative", 0, 1),
        ("nombre-heures-centre", 0, 1),
        ("nombre-heures-entreprise", 0, 1),
        ("nombre-heures-total", 0, 1),
        ("detail-conditions-prise-en-charge", 0, 1),
        ("conventionnement", 0, 1),
        ("duree-conventionnee", 0, 1),
        ("organisme-formateur", 0, N),
        ("organisme-financeur", 0, 8),
        ("enseignement", 0, N),
        ("extras", 0, N),
    ),
    "session": (
        ("periode", 1, 1),
        ("adresse-inscription", 1, 1),
        ("modalites-inscription", 0, 1),
        ("periode-inscription", 0, 1),
        ("etat-recrutement", 0, 1),
        ("recrutement", 0, N),
        ("url-session", 0, 1),
        # [0,N] in the schema, premier cercle by the list: the export writes one (below).
        ("contact-session", 0, N),
        ("reference-certification", 0, 5),
        ("blocs-competences", 0, N),
        ("cycle", 0, N),
        ("extras", 0, N),
    ),
    "periode": (("debut", 1, 1), ("fin", 1, 1), ("extras", 0, N)),
    "adresse-inscription": (("adresse", 1, 1), ("extras", 0, N)),
    "organisme-formation-responsable": (
        ("numero-activite", 1, 1),
        ("SIRET-organisme-formation", 1, 1),
        ("nom-organisme", 1, 1),
        ("raison-sociale", 1, 1),
        ("coordonnees-organisme", 1, 1),
        ("contact-organisme", 1, N),
        ("renseignements-specifiques", 0, 1),
        ("potentiel", 0, 1),
        ("code-UAI-organisme-formation", 0, 1),
        ("extras", 0, N),
    ),
    "SIRET-organisme-formation": (("SIRET", 1, 1), ("extras", 0, N)),
    "coordonnees-organisme": (("coordonnees", 1, 1), ("extras", 0, N)),
    "contact-organisme": (("type-contact", 0, 1), ("coordonnees", 1, 1), ("extras", 0, N)),
    "contact-formation": (("type-contact", 0, 1), ("coordonnees", 1, 1), ("extras", 0, N)),
    "contact-session": (("type-contact", 0, 1), ("coordonnees", 1, 1), ("extras", 0, N)),
    "domaine-formation": (
        ("code-FORMACODE", 0, 5),
        ("code-NSF", 0, 3),
        ("code-ROME", 0, 5),
        ("extras", 0, N),
    ),
    "lieu-de-formation": (
        ("SIRET-lieu-formation", 0, 1),
        ("code-UAI-lieu-formation", 0, 1),
        ("coordonnees", 1, 1),
        ("extras", 0, N),
    ),
    "code-type-formation": (("code-CPF", 0, 1), ("code-ELU", 0, 1), ("extras", 0, N)),
    "coordonnees": (
        ("civilite", 0, 1),
        ("nom", 0, 1),
        ("prenom", 0, 1),
        ("ligne", 0, 3),
        ("adresse", 0, 1),
        ("telfixe", 0, 1),
        ("portable", 0, 1),
        ("fax", 0, 1),
        ("courriel", 0, 1),
        ("web", 0, 1),
        ("extras", 0, N),
    ),
    "adresse": (
        ("denomination", 0, 1),
        ("ligne", 1, 4),
        ("codepostal", 1, 1),
        ("ville", 1, 1),
        ("departement", 0, 1),
        ("code-INSEE-commune", 0, 1),
        ("code-INSEE-canton", 0, 1),
        ("region", 0, 1),
        ("pays", 0, 1),
        ("geolocalisation", 0, 1),
        ("extras", 0, N),
    ),
    "telfixe": (("numtel", 1, 3), ("extras", 0, N)),
    "web": (("urlweb", 1, 3), ("extras", 0, N)),
}

# leaf -> (min, max) length in characters of its text (basic_text).
LENGTHS: Final[dict[str, tuple[int, int]]] = {
    "intitule-formation": (1, 255),
    "objectif-formation": (1, 3000),
    "resultats-attendus": (1, 3000),
    "contenu-formation": (1, 3000),
    "rythme-formation": (1, 3000),
    "code-public-vise": (5, 5),
    "modalites-alternance": (1, 3000),
    "conditions-specifiques": (1, 3000),
    "numero-activite": (11, 11),
    "SIRET": (14, 14),
    "nom-organisme": (1, 250),
    "raison-sociale": (1, 250),
    "acces-handicapes": (1, 250),
    "prix-total-TTC": (1, 10),
    "prix-horaire-TTC": (1, 6),
    "duree-indicative": (0, 150),
    "info-public-vise": (1, 250),
    "code-FORMACODE": (5, 5),
    "code-NSF": (3, 3),
    "code-ROME": (5, 5),
    "code-CPF": (4, 10),
    "code-ELU": (4, 10),
    "civilite": (1, 50),
    "nom": (1, 50),
    "prenom": (1, 50),
    "ligne": (1, 50),
    "denomination": (1, 255),
    "codepostal": (5, 5),
    "ville": (1, 50),
    "departement": (2, 3),
    "code-INSEE-commune": (5, 5),
    "region": (2, 2),
    "pays": (2, 2),
    "courriel": (3, 160),
    "numtel": (1, 25),
    "urlweb": (3, 400),
}

# leaf -> its dictionary's keys (basic_key).
ENUMERATIONS: Final[dict[str, frozenset[str]]] = {
    "certifiante": frozenset({"0", "1"}),
    "parcours-de-formation": frozenset({"1", "2", "3", "4"}),
    "code-niveau-entree": frozenset({str(n) for n in range(9)} | {str(n) for n in range(11, 19)}),
    "niveau-entree-obligatoire": frozenset({"0", "1"}),
    "modalites-enseignement": frozenset({"0", "1", "2"}),
    "prise-en-charge-frais-possible": frozenset({"0", "1"}),
    "modalites-entrees-sorties": frozenset({"0", "1"}),
    "etat-recrutement": frozenset({"1", "2", "3"}),
    "type-contact": frozenset({str(n) for n in range(15)}),
}

# AAAAMMJJ: AAAAMM00 a month, AAAA0000 a year; 00000000 / 99999999 unknown.
DATES: Final = frozenset({"debut", "fin"})
DATE: Final = re.compile(r"[0-9]{4}[019][0-9][01239][0-9]")

# basic_int (xs:long; the GML says 0 to 99999).
INTEGERS: Final[dict[str, tuple[int, int]]] = {
    "nombre-heures-total": (0, 99999),
    "nombre-heures-centre": (0, 99999),
    "nombre-heures-entreprise": (0, 99999),
}

# Attributes the GML marks required (the generated XSD does not enforce them).
REQUIRED_ATTRIBUTES: Final[dict[str, tuple[str, ...]]] = {
    "code-FORMACODE": ("ref",),
    "code-public-vise": ("ref",),
}

# XML 1.0's Char production, negated.
NOT_XML_CHAR: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

MEANS_OF_CONTACT: Final = frozenset({"adresse", "telfixe", "portable", "fax", "courriel", "web"})


def local(element: ET.Element) -> str:
    """The element's name without its namespace (``AssertionError`` if not in LHÉO's)."""
    namespace, _, name = element.tag[1:].partition("}")
    assert element.tag.startswith("{"), f"{element.tag} is in no namespace"
    assert namespace == NS, f"{element.tag} is not in {NS}"
    return name


def _sequence_problems(element: ET.Element, where: str) -> list[str]:
    model = SEQUENCES[local(element)]
    names = [local(child) for child in element]
    problems = []
    position = 0
    for child, least, most in model:
        count = 0
        while position < len(names) and names[position] == child:
            count += 1
            position += 1
        if count < least or (most is not None and count > most):
            problems.append(f"{where}: {count} {child}, expected [{least}, {most or 'N'}]")
    if position < len(names):
        problems.append(f"{where}: {names[position]} out of order or unknown, in {names}")
    return problems


def _leaf_problems(name: str, element: ET.Element, where: str) -> list[str]:
    text = element.text or ""
    problems = []
    if len(element):
        problems.append(f"{where}: a leaf with children")
    if name in LENGTHS:
        least, most = LENGTHS[name]
        if not least <= len(text) <= most:
            problems.append(f"{where}: {len(text)} characters, expected {least}..{most}")
        if least and not text.strip():
            problems.append(f"{where}: blank")
        if text != text.strip():
            problems.append(f"{where}: not trimmed")
    elif name in ENUMERATIONS:
        if text not in ENUMERATIONS[name]:
            problems.append(f"{where}: {text!r} not in its dictionary")
    elif name in DATES:
        if not DATE.fullmatch(text):
            problems.append(f"{where}: {text!r} is not AAAAMMJJ")
    elif name in INTEGERS:
        least, most = INTEGERS[name]
        if not re.fullmatch(r"[0-9]+", text) or not least <= int(text) <= most:
            problems.append(f"{where}: {text!r} is not an integer of {least}..{most}")
    else:
        problems.append(f"{where}: a leaf this table does not know")
    if NOT_XML_CHAR.search(text):
        problems.append(f"{where}: a character XML 1.0 cannot hold")
    problems.extend(
        f"{where}: no {attribute}"
        for attribute in REQUIRED_ATTRIBUTES.get(name, ())
        if not element.get(attribute)
    )
    return problems


def problems(root: ET.Element) -> list[str]:
    """What breaks the tables above (or the premier cercle's rules) in a parsed document."""
    found = [] if local(root) == "lheo" else [f"root {local(root)}, expected lheo"]

    def walk(element: ET.Element, where: str) -> None:
        name = local(element)
        if name in SEQUENCES:
            found.extend(_sequence_problems(element, where))
            if element.text and element.text.strip():
                found.append(f"{where}: text in a container")
            for index, child in enumerate(element):
                walk(child, f"{where}/{local(child)}[{index}]")
        else:
            found.extend(_leaf_problems(name, element, where))

    walk(root, "/lheo")
    # The premier cercle's rules the schema does not enforce.
    found.extend(
        "domaine-formation without code-FORMACODE"
        for domain in root.iter(f"{{{NS}}}domaine-formation")
        if domain.find(f"{{{NS}}}code-FORMACODE") is None
    )
    found.extend(
        "session without contact-session"
        for session in root.iter(f"{{{NS}}}session")
        if session.find(f"{{{NS}}}contact-session") is None
    )
    found.extend(
        "coordonnees without a means of contact"
        for coordinates in root.iter(f"{{{NS}}}coordonnees")
        if not {local(child) for child in coordinates} & MEANS_OF_CONTACT
    )
    return found
