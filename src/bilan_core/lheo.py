"""The offer in LHÉO 2.3, the XML the regional catalogues of training offers exchange.

:func:`to_lheo` writes one ``formation`` (with one ``action`` and one ``session``) in the
namespace ``http://lheo.gouv.fr/2.3``: every element of the first circle (*premier cercle*, the
mandatory information) in the order of the schema's ``xs:sequence``, and the optional ones the
offer can fill (places, access for people with disabilities, price, duration, CPF code).

What a bilan always is, the export writes itself: not certifying (``certifiante`` 0), an
individualised path (``parcours-de-formation`` 2), no entry level (``code-niveau-entree`` 1,
``niveau-entree-obligatoire`` 0), permanent entries (``modalites-entrees-sorties`` 1),
``conditions-specifiques`` "aucune" when the offer states no prerequisite, at most the legal
24 hours. Dates are ``AAAAMMJJ`` (an unknown start ``00000000``, an unknown end
``99999999``).

What LHÉO needs and the offer cannot know, the caller supplies, and nothing is guessed: the
Formacode codes of the domain and their version (the current Formacode code of a bilan was
not verified), the Formacode codes of the public, the CPF code (``CPF`` and digits; the
bilan's code is not confirmed by an official source), the NSF codes.

Texts are written as the offer states them, trimmed, never cut (a carriage return becomes a
line feed, as an XML parser would read it): a mandatory text that is empty, longer than LHÉO
allows or holding a character XML 1.0 cannot hold is an error (every one at once, in a
:class:`~bilan_core.SerializationError` with the offer's JSON paths); an optional one is left
out. Every ``coordonnees`` has a means of contact (an address, a phone, an e-mail address or a
web page): a contact whose only means LHÉO cannot carry is an error at that means' path. The
XML is built with the standard library (:mod:`xml.etree.ElementTree`).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from bilan_core._arguments import as_day
from bilan_core.errors import InvalidValue, SerializationError
from bilan_core.facts import parameters
from bilan_core.offer import ContactRole, Delay, FundingRoute, Offer, TimeUnit
from bilan_core.offer._parts import said
from bilan_core.phases import Phase
from bilan_core.sessions import Modality
from bilan_core.text import Text

if TYPE_CHECKING:
    from bilan_core.offer import Contact
    from bilan_core.provider import Site

__all__ = ["LHEO_NAMESPACE", "to_lheo"]

LHEO_NAMESPACE: Final = "http://lheo.gouv.fr/2.3"
"""The namespace of LHÉO 2.3."""

_WHAT: Final = "LHÉO export"
# Characters XML 1.0 cannot hold (ElementTree would write them as they are).
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_FIVE_DIGITS: Final = re.compile(r"[0-9]{5}", re.ASCII)
_NSF: Final = re.compile(r"[0-9]{3}", re.ASCII)
_VERSION: Final = re.compile(r"V[0-9]{1,3}", re.ASCII)
_CPF: Final = re.compile(r"CPF[0-9]{1,7}", re.ASCII)
# An XML parser reads a carriage return (alone or before a line feed) as a line feed: the text
# is written with line feeds only, so that what is read back is what was written.
_NEWLINE: Final = re.compile("\r\n?")
_UNKNOWN_START: Final = "00000000"
_UNKNOWN_END: Final = "99999999"

_CONTACT_TYPES: Final = {
    ContactRole.GENERAL: "4",  # Accueil
    ContactRole.DISABILITY: "1",  # Référent handicap
    ContactRole.PEDAGOGICAL: "3",  # Référent pédagogique
    ContactRole.QUALITY: "6",  # Référent qualité
    ContactRole.OTHER: "0",  # Autre
}
_STEPS: Final = {
    Phase.INQUIRY: "Informations préalables",
    Phase.PRELIMINARY: "Phase préliminaire",
    Phase.INVESTIGATION: "Phase d'investigation",
    Phase.CONCLUSION: "Phase de conclusion",
    Phase.FOLLOWED_UP: "Suivi",
}
_UNITS: Final = {
    TimeUnit.HOURS: ("heure", "heures"),
    TimeUnit.WORKING_HOURS: ("heure ouvrée", "heures ouvrées"),
    TimeUnit.DAYS: ("jour", "jours"),
    TimeUnit.WORKING_DAYS: ("jour ouvré", "jours ouvrés"),
    TimeUnit.WEEKS: ("semaine", "semaines"),
    TimeUnit.MONTHS: ("mois", "mois"),
}


def _day(value: dt.date | None, unknown: str) -> str:
    """A date as LHÉO writes it, ``AAAAMMJJ``."""
    return unknown if value is None else f"{value.year:04d}{value.month:02d}{value.day:02d}"


def _codes(
    values: object, name: str, pattern: re.Pattern[str], most: int, *, least: int
) -> list[str]:
    """Caller-supplied codes, checked: a sequence of strings of ``pattern``, ``least``-``most``."""
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise TypeError(f"{name} must be a sequence of strings, not {type(values).__name__}")
    codes = list(values)
    if not all(isinstance(code, str) for code in codes):
        raise TypeError(f"{name} must be a sequence of strings")
    if not least <= len(codes) <= most or not all(pattern.fullmatch(code) for code in codes):
        raise InvalidValue(
            Text(
                fr=f"{name} : de {least} à {most} codes de la forme {pattern.pattern} sont "
                "attendus",
                en=f"{name}: expected {least} to {most} codes of the form {pattern.pattern}",
            ),
            field=name,
        )
    return codes


def _code(value: object, name: str, pattern: re.Pattern[str]) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, not {type(value).__name__}")
    if not pattern.fullmatch(value):
        raise InvalidValue(
            Text(
                fr=f"{name} : un code de la forme {pattern.pattern} est attendu",
                en=f"{name}: expected a code of the form {pattern.pattern}",
            ),
            field=name,
        )
    return value


class _Writer:
    """Builds the elements, collecting every problem of the offer (its JSON path first)."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, Text]] = []

    def problem(self, path: str, fr: str, en: str) -> None:
        self.problems.append((path, Text(fr=fr, en=en)))

    def text(self, value: str, path: str, element: str, most: int, *, least: int = 1) -> str | None:
        """A mandatory text: trimmed, XML-safe, of LHÉO's length; ``None`` (a problem) if not."""
        found = self.optional(value, most, least=least)
        if found is None:
            self.problem(
                path,
                f"{element} (LHÉO) : un texte de {least} à {most} caractères, sans caractère de "
                "contrôle, est attendu",
                f"{element} (LHÉO): expected a text of {least} to {most} characters, without "
                "control characters",
            )
        return found

    @staticmethod
    def optional(value: str | None, most: int, *, least: int = 1) -> str | None:
        """An optional text: trimmed and kept when XML-safe and of LHÉO's length."""
        if value is None:
            return None
        trimmed = _NEWLINE.sub("\n", value).strip()
        if not least <= len(trimmed) <= most or _NOT_XML.search(trimmed):
            return None
        return trimmed


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _lines(texts: Sequence[str]) -> str:
    return "\n".join(text.strip() for text in texts if text.strip())


def _length(delay: Delay) -> str:
    """A delay in French words: ``2 à 3 mois environ``, ``48 heures au plus``."""

    def words(value: int, unit: TimeUnit) -> str:
        one, many = _UNITS[unit]
        return f"{value} {one if value <= 1 else many}"

    low, high = delay.minimum, delay.maximum
    if low is not None and high is not None:
        text = (
            f"{low.value} à {words(high.value, high.unit)}"
            if low.unit is high.unit
            else f"{words(low.value, low.unit)} à {words(high.value, high.unit)}"
        )
    elif high is not None:
        text = f"{words(high.value, high.unit)} au plus"
    else:
        assert low is not None  # noqa: S101 - a Delay has a bound
        text = f"{words(low.value, low.unit)} au moins"
    return f"{text} environ" if delay.approximate else text


def _coordinates(  # noqa: C901 - one branch per optional LHÉO element
    parent: ET.Element,
    contact: tuple[int, Contact] | None,
    site: tuple[int, Site] | None,
    writer: _Writer,
) -> None:
    """A ``coordonnees`` element, its children in the schema's order, with a means of contact.

    ``contact`` and ``site`` come with their index in the offer, for the paths of problems.
    """
    coordinates = _sub(parent, "coordonnees")
    means = 0  # an address, a phone, an e-mail address, a web page
    dropped: list[str] = []  # the contact's means LHÉO cannot carry (length, characters)
    path = "$.contacts" if contact is None else f"$.contacts[{contact[0]}]"
    if contact is not None:
        _, contact_ = contact
        for tag, value in (("nom", contact_.last_name), ("prenom", contact_.first_name)):
            kept = writer.optional(value, 50)
            if kept is not None:
                _sub(coordinates, tag, kept)
        label = writer.optional(contact_.label, 50)
        if label is not None:
            _sub(coordinates, "ligne", label)
    if site is not None:
        _address(coordinates, site[1], writer, f"$.provider.sites[{site[0]}]")
        means += 1
    if contact is not None:
        if contact_.phone is not None:
            _sub(_sub(coordinates, "telfixe"), "numtel", contact_.phone)
            means += 1
        email = writer.optional(contact_.email, 160, least=3)
        if email is not None:
            _sub(coordinates, "courriel", email)
            means += 1
        elif contact_.email is not None:
            dropped.append(f"{path}.email")
        url = writer.optional(contact_.url, 400, least=3)
        if url is not None:
            _sub(_sub(coordinates, "web"), "urlweb", url)
            means += 1
        elif contact_.url is not None:
            dropped.append(f"{path}.url")
    if not means:
        writer.problem(
            dropped[0] if dropped else path,
            "coordonnees (LHÉO) : un moyen de contact est attendu (un téléphone, une adresse "
            "électronique de 3 à 160 caractères ou une page web de 400 caractères au plus, sans "
            "caractère de contrôle)",
            "coordonnees (LHÉO): a means of contact is expected (a phone, an e-mail address of 3 "
            "to 160 characters or a web page of at most 400 characters, without control "
            "characters)",
        )


def _address(parent: ET.Element, site: Site, writer: _Writer, path: str) -> None:
    address = _sub(parent, "adresse")
    street = writer.text(site.street, f"{path}.street", "ligne", 50)
    city = writer.text(site.city, f"{path}.city", "ville", 50)
    _sub(address, "ligne", street or "")
    _sub(address, "codepostal", site.postcode)
    _sub(address, "ville", city or "")


def to_lheo(  # noqa: C901, PLR0912, PLR0915 - one element per line of the LHÉO sequence
    offer: Offer,
    *,
    formacodes: Sequence[str],
    formacode_version: str,
    public_codes: Sequence[str],
    cpf_code: str | None = None,
    nsf_codes: Sequence[str] = (),
    legal_name: str | None = None,
    site_id: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> bytes:
    """The offer as an LHÉO 2.3 document (UTF-8 XML bytes with its declaration).

    Args:
        offer: the offer.
        formacodes: the Formacode codes of the domain (1 to 5, five digits, the first the
            main one), from the caller's Formacode: the current code of a bilan was not
            verified (``15081`` "bilan professionnel" in an older version).
        formacode_version: the Formacode version of those codes and of ``public_codes``
            (``"V14"``): the ``ref`` LHÉO requires.
        public_codes: the Formacode codes of the public (``code-public-vise``, 1 to 10, five
            digits; ``80056`` "tout public" in an older version).
        cpf_code: the CPF code (``CPF`` and digits), written in ``code-type-formation``; none
            is written when not given.
        nsf_codes: the NSF codes of the domain (0 to 3, three digits).
        legal_name: the provider's SIRENE name (``raison-sociale``); default: its name.
        site_id: the site where one enrols (``adresse-inscription``); default: the first.
        start: the first day of the session (``debut``); default unknown.
        end: the last day of the session (``fin``); default unknown.

    Raises:
        SerializationError: the offer lacks what LHÉO requires, or a text does not fit;
            ``.errors`` has every problem with the offer's JSON path.
        InvalidValue: a code of the wrong form, a ``legal_name`` that is blank, longer than 250
            characters or not XML-safe, an unknown ``site_id``, an ``end`` before ``start``
            (``field`` names the argument).
        TypeError: an argument of the wrong type.

    >>> from bilan_core.offer import example_offer
    >>> xml = to_lheo(
    ...     example_offer(), formacodes=["15081"], formacode_version="V14", public_codes=["80056"]
    ... )
    >>> xml.splitlines()[:2]
    [b"<?xml version='1.0' encoding='utf-8'?>", b'<lheo xmlns="http://lheo.gouv.fr/2.3">']
    """
    if not isinstance(offer, Offer):
        raise TypeError(f"offer must be a bilan_core.Offer, not {type(offer).__name__}")
    domain = _codes(formacodes, "formacodes", _FIVE_DIGITS, 5, least=1)
    version = _code(formacode_version, "formacode_version", _VERSION)
    public = _codes(public_codes, "public_codes", _FIVE_DIGITS, 10, least=1)
    nsf = _codes(nsf_codes, "nsf_codes", _NSF, 3, least=0)
    cpf = None if cpf_code is None else _code(cpf_code, "cpf_code", _CPF)
    first, last = (
        None if d is None else as_day(d, name) for d, name in ((start, "start"), (end, "end"))
    )
    if first is not None and last is not None and last < first:
        raise InvalidValue(
            Text(fr="end est antérieur à start", en="end is before start"), field="end"
        )
    if legal_name is not None:
        legal_name = _legal_name(legal_name)
    writer = _Writer()
    provider = offer.provider
    sites = list(enumerate(provider.sites))
    site = sites[0] if sites else None
    if site_id is not None:
        site = next(((i, s) for i, s in sites if s.id == site_id), None)
        if site is None:
            raise InvalidValue(
                Text(
                    fr="site_id ne désigne aucun site du prestataire",
                    en="site_id names no site of the provider",
                ),
                field="site_id",
            )
    # The contacts with a means of contact, with their index in the offer (for the paths).
    contacts = [(i, contact) for i, contact in enumerate(offer.contacts) if contact.reachable]

    # Names without a namespace, the namespace declared as the default one on the root: every
    # element is in it once written (ElementTree's ``default_namespace`` refuses attributes
    # without one, and ``register_namespace`` would change a table of the whole process).
    root = ET.Element("lheo", xmlns=LHEO_NAMESPACE)
    formation = _sub(_sub(root, "offres"), "formation", numero=offer.id)
    if offer.information_date is not None:
        formation.set("datemaj", _day(offer.information_date, _UNKNOWN_START))
    domain_element = _sub(formation, "domaine-formation")
    for code in domain:
        _sub(domain_element, "code-FORMACODE", code, ref=version)
    for code in nsf:
        _sub(domain_element, "code-NSF", code)
    _sub(
        formation,
        "intitule-formation",
        writer.text(offer.title, "$.title", "intitule-formation", 255),
    )
    _sub(
        formation,
        "objectif-formation",
        writer.text(_lines(offer.objectives), "$.objectives", "objectif-formation", 3000),
    )
    _sub(
        formation,
        "resultats-attendus",
        writer.text(_expected_results(offer), "$.synthesis", "resultats-attendus", 3000),
    )
    _sub(
        formation,
        "contenu-formation",
        writer.text(_content(offer), "$.methods", "contenu-formation", 3000),
    )
    _sub(formation, "certifiante", "0")
    if not contacts:
        writer.problem(
            "$.contacts",
            "contact-formation (LHÉO) : au moins un contact joignable est attendu",
            "contact-formation (LHÉO): at least one contact that can be reached is expected",
        )
    for contact in contacts:
        element = _sub(formation, "contact-formation")
        _sub(element, "type-contact", _CONTACT_TYPES[contact[1].role])
        _coordinates(element, contact, None, writer)
    _sub(formation, "parcours-de-formation", "2")
    _sub(formation, "code-niveau-entree", "1")
    if cpf is not None:
        _sub(_sub(formation, "code-type-formation"), "code-CPF", cpf)

    action = _sub(formation, "action")
    _sub(
        action,
        "rythme-formation",
        writer.text(_rhythm(offer), "$.duration", "rythme-formation", 3000),
    )
    for code in public:
        _sub(action, "code-public-vise", code, ref=version)
    audience = writer.optional(_lines(offer.audience), 250)
    if audience is not None:
        _sub(action, "info-public-vise", audience)
    _sub(action, "niveau-entree-obligatoire", "0")
    _sub(action, "modalites-alternance", "Sans objet")
    _sub(action, "modalites-enseignement", _teaching(offer, writer))
    prerequisites = _lines(offer.prerequisites) or "aucune"
    _sub(
        action,
        "conditions-specifiques",
        writer.text(prerequisites, "$.prerequisites", "conditions-specifiques", 3000),
    )
    if not offer.access_routes:
        writer.problem(
            "$.access_routes",
            "prise-en-charge-frais-possible (LHÉO) : les voies d'accès de l'offre sont attendues",
            "prise-en-charge-frais-possible (LHÉO): the offer's access routes are expected",
        )
    funded = any(route is not FundingRoute.SELF_FUNDED for route in offer.routes)
    _sub(action, "prise-en-charge-frais-possible", "1" if funded else "0")
    methods = offer.methods
    if methods is not None and Modality.IN_PERSON in methods.modalities:
        for place in sites:
            _coordinates(_sub(action, "lieu-de-formation"), None, place, writer)
    _sub(action, "modalites-entrees-sorties", "1")
    session = _sub(action, "session")
    period = _sub(session, "periode")
    _sub(period, "debut", _day(first, _UNKNOWN_START))
    _sub(period, "fin", _day(last, _UNKNOWN_END))
    enrolment = _sub(session, "adresse-inscription")
    if site is None:
        writer.problem(
            "$.provider.sites",
            "adresse-inscription (LHÉO) : un site du prestataire est attendu",
            "adresse-inscription (LHÉO): a site of the provider is expected",
        )
    else:
        _address(enrolment, site[1], writer, f"$.provider.sites[{site[0]}]")
    if contacts:
        _coordinates(_sub(session, "contact-session"), contacts[0], None, writer)
    access = _accessibility(offer, writer)
    if access is not None:
        _sub(action, "acces-handicapes", access)
    price = _single_price(offer)
    if price is not None:
        _sub(action, "prix-total-TTC", price)
    duration = offer.duration
    if duration is not None and duration.span is not None:
        span = writer.optional(_length(duration.span), 150, least=0)
        if span is not None:
            _sub(action, "duree-indicative", span)
    hours = _hours(offer, writer)
    if hours is not None:
        _sub(action, "nombre-heures-total", hours)

    responsible = _sub(formation, "organisme-formation-responsable")
    if provider.nda is None:
        writer.problem(
            "$.provider.nda",
            "numero-activite (LHÉO) : le numéro de déclaration d'activité est attendu",
            "numero-activite (LHÉO): the activity declaration number is expected",
        )
    _sub(responsible, "numero-activite", provider.nda or "")
    _sub(_sub(responsible, "SIRET-organisme-formation"), "SIRET", provider.siret)
    _sub(
        responsible,
        "nom-organisme",
        writer.text(provider.name, "$.provider.name", "nom-organisme", 250),
    )
    name = (
        writer.text(provider.name, "$.provider.name", "raison-sociale", 250)
        if legal_name is None
        else legal_name
    )
    _sub(responsible, "raison-sociale", name)
    first_contact = contacts[0] if contacts else None
    _coordinates(_sub(responsible, "coordonnees-organisme"), first_contact, site, writer)
    _coordinates(_sub(responsible, "contact-organisme"), first_contact, None, writer)
    if writer.problems:
        problems = list(dict.fromkeys(writer.problems))
        raise SerializationError(problems, what=_WHAT)
    ET.indent(root)
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml


def _legal_name(value: object) -> str:
    """The caller's ``raison-sociale``: a text of 1 to 250 characters XML can hold, trimmed."""
    if not isinstance(value, str):
        raise TypeError(f"legal_name must be a string, not {type(value).__name__}")
    kept = _Writer.optional(value, 250)
    if kept is None:
        raise InvalidValue(
            Text(
                fr="legal_name : un texte de 1 à 250 caractères, sans caractère de contrôle, est "
                "attendu",
                en="legal_name: expected a text of 1 to 250 characters, without control characters",
            ),
            field="legal_name",
        )
    return kept


def _expected_results(offer: Offer) -> str:
    """What a bilan yields: the synthesis document (R6313-4), with the offer's outline."""
    lines = ["Un document de synthèse, remis au bénéficiaire, seul destinataire des résultats."]
    synthesis = offer.synthesis
    if synthesis is not None and synthesis.outline:
        titles = " ; ".join(item.title.strip() for item in synthesis.outline)
        lines.append(f"Il comporte : {titles}.")
    lines.append("Aucune certification n'est délivrée.")
    return "\n".join(lines)


def _content(offer: Offer) -> str:
    methods = offer.methods
    if methods is None:
        return ""
    steps = [
        f"{_STEPS[step.phase]} : {' ; '.join(item.strip() for item in step.items if item.strip())}"
        for step in methods.phases
        if said(step.items)
    ]
    return "\n".join(steps) if steps else _lines(methods.approach)


def _rhythm(offer: Offer) -> str:
    duration = offer.duration
    if duration is None:
        return ""
    if said(duration.details):
        return _lines(duration.details)
    parts = []
    low, high = duration.meetings_min, duration.meetings_max
    if low is not None and high is not None:
        parts.append(f"{low} à {high} rencontres")
    elif low is not None:
        parts.append(f"{low} rencontres au moins")
    elif high is not None:
        parts.append(f"{high} rencontres au plus")
    if duration.span is not None:
        parts.append(f"sur {_length(duration.span)}")
    return " ".join(parts)


def _teaching(offer: Offer, writer: _Writer) -> str:
    """``modalites-enseignement``: 0 in person, 1 blended, 2 remote."""
    modalities = offer.methods.modalities if offer.methods is not None else frozenset()
    if not modalities:
        writer.problem(
            "$.methods.modalities",
            "modalites-enseignement (LHÉO) : les modalités de l'offre sont attendues",
            "modalites-enseignement (LHÉO): the offer's modalities are expected",
        )
        return "0"
    if len(modalities) > 1:
        return "1"
    return "0" if Modality.IN_PERSON in modalities else "2"


def _accessibility(offer: Offer, writer: _Writer) -> str | None:
    found = offer.accessibility
    if found is None:
        return None
    return writer.optional(_lines((*found.premises, *found.adaptations)), 250)


def _single_price(offer: Offer) -> str | None:
    """``prix-total-TTC``: the price, when one amount applies to every route of the offer."""
    amounts = {price.amount for price in offer.prices if not price.routes}
    amounts |= {p.amount for r in offer.routes if (p := offer.price_of(r)) is not None}
    if len(amounts) != 1 or any(offer.price_of(r) is None for r in offer.routes):
        return None
    (amount,) = amounts
    text = f"{amount:.2f}"
    return text if len(text) <= 10 else None  # noqa: PLR2004 - LHÉO's length


def _hours(offer: Offer, writer: _Writer) -> str | None:
    """``nombre-heures-total``: the most hours announced, whole, within the legal ceiling."""
    duration = offer.duration
    if duration is None:
        return None
    key, minutes = (
        ("max_minutes", duration.max_minutes)
        if duration.max_minutes is not None
        else ("min_minutes", duration.min_minutes)
    )
    if minutes is None:
        return None
    ceiling = parameters.on(as_day(None)).duration.max_minutes
    if ceiling is not None and minutes > ceiling:
        writer.problem(
            f"$.duration.{key}",
            f"nombre-heures-total (LHÉO) : un bilan dure au plus {ceiling // 60} heures",
            f"nombre-heures-total (LHÉO): a bilan lasts at most {ceiling // 60} hours",
        )
        return None
    whole, rest = divmod(minutes, 60)
    return None if rest else str(whole)
