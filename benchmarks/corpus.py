"""A deterministic corpus of realistic plans in the ``bilan-core/1`` wire format.

Every plan starts from one of the library's example bilans (one per funding route), then a
seeded :class:`random.Random` draws what a real plan has of its own, fresh for every plan:

- **dates**: the whole plan shifted by whole weeks across 2024-2026 and by 0 or 1 day more
  (sessions stay on weekdays; the CPF participation follows the purchase date);
- **instants**: every instant of a day (session starts, the consent, history events, document
  signatures and deliveries, agreements, disclosures) moved by a random number of minutes,
  one offset per day so that what happens on one day keeps its order and gaps, within opening
  hours (07:00 to 16:30 UTC, session ends included); **no two plans share a session start**
  (a start an earlier plan already used is drawn again);
- **ids**: the bilan, the beneficiary, consultants, sites, sessions, documents and agreements
  get fresh random ids (the references follow);
- **identifiers**: the employer's and the provider's SIRET (valid Luhn keys, made with
  :func:`bilan_core._identifiers.luhn_digit`), the provider's NDA, name and sites;
- **amounts**: a price to the cent between 1 200 and 2 400 € (the CPF amounts follow);
- **sessions**: durations by quarter hours, an extra session of personal work or two, a
  cancelled workshop; 14 h to 22 h in all, at least 14 h of accompaniment;
- **texts**: the synthesis and the detailed results composed from pools of phrases whose
  blanks (numbers, fields, skills, roles, places, days) are drawn, so texts differ per plan;
- **agreements**: about a quarter of the plans record the beneficiary's request (CEP
  operator) or agreement (employer) to send the synthesis, and most of the valid ones the
  disclosure itself.

About 15 % of the plans get one deliberate break of a rule (24 h 30 in all, a late CPF
notice, a wrong participation, an unsigned convention...); the intended rule id is kept with
the plan.

Each plan is produced by ``bilan_core.dumps(bilan_core.load(...))``: the bytes are exactly what
the library writes. ``corpus(n)`` is cached in ``benchmarks/_corpus/`` (git-ignored).
"""

from __future__ import annotations

import datetime as dt
import pickle
import random
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import pendulum

import bilan_core as bc
from bilan_core._identifiers import luhn_digit
from bilan_core.facts.parameters import CPF_CAP, CPF_PARTICIPATION
from bilan_core.samples import EXAMPLE_FUNDINGS, EXAMPLE_ON

_ON = dt.date(EXAMPLE_ON.year, EXAMPLE_ON.month, EXAMPLE_ON.day)

SEED = 20260601
BREAK_RATE = 0.15
AGREEMENT_RATE = 0.25
CACHE = Path(__file__).parent / "_corpus"
_VERSION = 4  # bump when the generator changes

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T.+")
# The opening hours of a day's instants, in minutes after midnight UTC (08:00 or 09:00 to
# 17:30 or 18:30 in Paris): a day's instants and session ends are moved within them.
_OPEN = 7 * 60
_CLOSE = 16 * 60 + 30
_LA_POSTE = "356000000"  # its establishments use another check key


@dataclass(frozen=True)
class Plan:
    """One plan of the corpus: its route, wire bytes, evaluation date and intended break."""

    route: str
    data: bytes
    on: dt.date
    broken: str | None  # the rule id the generator meant to break, if any


# -- text ---------------------------------------------------------------------------------

_CIRCUMSTANCES = (
    "Demande d'évolution après {n} ans en {field} chez un employeur de {size} salariés.",
    "Souhait de reconversion après la réorganisation du service {field} en {year}.",
    "Besoin de faire le point après {n} ans en {field}, dont {m} comme {role}.",
    "Retour à l'emploi envisagé après {m} mois consacrés à un projet familial.",
    "Mobilité prévue vers {city} ; interrogation sur les débouchés en {field}.",
    "Fin de contrat de {role} en {field} après {n} ans ; envie d'un métier plus {quality}.",
)
_CONDUCT = (
    "Compétences de {skill} et de {skill2} confirmées par {m} entretiens.",
    "Aptitudes relationnelles marquées ; goût pour la {skill} et le travail en équipe.",
    "Capacités de {skill} et de {skill2} ; aisance avec les outils numériques de {field}.",
    "Intérêts orientés vers la {skill}, l'accompagnement et la gestion de projet.",
    "Valeurs de travail : autonomie, utilité sociale ; un métier plus {quality} est souhaité.",
    "Inventaire d'intérêts passé le {day} : profil {letters}, score de {score} sur 100.",
)
_PROSPECTS = (
    "Projet principal : {role} en {field} ; alternative : formation de {m} mois.",
    "Projet principal : création d'une activité de {skill} à {city} ; alternative : salariat.",
    "Projet principal : mobilité interne vers un poste de {role} d'ici {year}.",
    "Piste validée par {m} enquêtes métiers auprès de professionnels du secteur {field}.",
    "Piste secondaire : {role} dans une structure de {size} salariés autour de {city}.",
)
_ACTIONS = (
    "Enquêtes métiers ({m} rencontres), puis formation certifiante en {field} en {year}.",
    "Rencontre avec le conseiller en évolution professionnelle avant le {day}.",
    "Mise à jour du CV ; candidature à {m} offres de {role}.",
    "Préparation VAE en {field} ; point d'étape lors de l'entretien de suivi.",
    "Financement de la formation : {price} € par le CPF et un abondement de l'employeur.",
    "Immersion professionnelle de {m} jours chez un {role} à {city}.",
)
_RESULTS = (
    "Résultats détaillés des {m} inventaires et des tests de {skill} ({score}/100).",
    "Restitution des tests de {skill} et de {skill2} : points forts et axes de progrès.",
    "Synthèse des entretiens du {day} ; questionnaire de motivation ({score} points).",
)
_FIELDS = (
    "logistique",
    "comptabilité",
    "santé",
    "industrie",
    "commerce",
    "informatique",
    "bâtiment",
    "hôtellerie",
    "enseignement",
    "transport",
    "agriculture",
    "banque",
    "assurance",
    "communication",
    "ressources humaines",
    "aide à domicile",
)
_SKILLS = (
    "organisation",
    "coordination",
    "analyse",
    "synthèse",
    "négociation",
    "transmission",
    "rédaction",
    "gestion budgétaire",
    "animation",
    "écoute",
    "planification",
    "relation client",
    "médiation",
)
_ROLES = (
    "coordinateur",
    "formatrice",
    "chef de projet",
    "conseillère",
    "technicien",
    "assistante",
    "responsable d'équipe",
    "gestionnaire",
    "chargé de mission",
    "infirmière",
    "comptable",
)
_QUALITIES = ("concret", "autonome", "utile", "créatif", "relationnel", "stable", "varié")
_CITIES = (
    "Nantes",
    "Rennes",
    "Angers",
    "Carquefou",
    "Saint-Herblain",
    "Lyon",
    "Lille",
    "Tours",
    "Bordeaux",
    "Toulouse",
    "Le Mans",
    "Brest",
    "Vannes",
    "Laval",
    "La Roche-sur-Yon",
)
_STREETS = (
    "rue des Petites Industries",
    "rue de la Métallurgie",
    "avenue de la Gare",
    "boulevard Victor Hugo",
    "rue du Commerce",
    "place de la République",
    "rue Jean Jaurès",
    "allée des Tilleuls",
    "rue de la Forge",
    "quai de la Fosse",
)
_PROVIDERS = (
    "STAFF",
    "Cap Compétences",
    "Atelier Parcours",
    "Bilans et Projets",
    "Horizon Métiers",
    "Trajectoires",
    "Cabinet Boussole",
    "Ressources Conseil",
)


def _sentences(rng: random.Random, pool: tuple[str, ...], count: int) -> str:
    """``count`` phrases of ``pool`` with their blanks drawn: texts differ between plans."""
    out = []
    for _ in range(count):
        template = pool[rng.randrange(len(pool))]
        skill, skill2 = rng.sample(_SKILLS, 2)
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(900))
        out.append(
            template.format(
                n=rng.randint(2, 25),
                m=rng.randint(2, 18),
                field=rng.choice(_FIELDS),
                skill=skill,
                skill2=skill2,
                role=rng.choice(_ROLES),
                quality=rng.choice(_QUALITIES),
                city=rng.choice(_CITIES),
                size=rng.randint(5, 1500),
                year=rng.randint(2024, 2028),
                day=f"{day:%d/%m/%Y}",
                letters="".join(rng.sample("RIASEC", 3)),
                score=rng.randint(35, 98),
                price=rng.randrange(800, 3000, 10),
            )
        )
    return " ".join(out)


# -- identifiers ------------------------------------------------------------------------------


def siret(rng: random.Random) -> str:
    """A fresh SIRET: a SIREN with its Luhn key, an establishment number, the SIRET's key."""
    while True:
        head = f"{rng.randrange(1, 10)}{rng.randrange(10**7):07d}"
        siren = head + luhn_digit(head)
        if siren != _LA_POSTE:
            break
    body = siren + f"{rng.randrange(1, 10**4):04d}"
    return body + luhn_digit(body)


def _nda(rng: random.Random) -> str:
    region = rng.choice(("11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93"))
    return region + f"{rng.randrange(10**9):09d}"


def _hex(rng: random.Random, digits: int = 8) -> str:
    return f"{rng.getrandbits(4 * digits):0{digits}x}"


# -- wire helpers ---------------------------------------------------------------------------


def _shift(value: Any, delta: dt.timedelta) -> Any:
    """Shift every date and date-time of a wire document by ``delta``."""
    if isinstance(value, dict):
        return {key: _shift(item, delta) for key, item in value.items()}
    if isinstance(value, list):
        return [_shift(item, delta) for item in value]
    if isinstance(value, str):
        if _DATE.fullmatch(value):
            return (dt.date.fromisoformat(value) + delta).isoformat()
        if _DATETIME.fullmatch(value):
            return (dt.datetime.fromisoformat(value) + delta).isoformat()
    return value


def _instant(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def _session(plan: dict[str, Any], sid: str) -> dict[str, Any]:
    return next(s for s in plan["sessions"] if s["id"] == sid)


def _document(plan: dict[str, Any], did: str) -> dict[str, Any]:
    return next(d for d in plan["documents"] if d["id"] == did)


def participation_at(purchase: dt.date) -> Decimal:
    """The CPF flat participation at a purchase date, from the library's dated parameter."""
    return CPF_PARTICIPATION.at(pendulum.Date(purchase.year, purchase.month, purchase.day)) or (
        Decimal("0.00")
    )


def _cap_at(purchase: dt.date) -> Decimal | None:
    return CPF_CAP.at(pendulum.Date(purchase.year, purchase.month, purchase.day))


def _set_cpf_amounts(funding: dict[str, Any], price: Decimal) -> None:
    purchase = dt.date.fromisoformat(funding["purchase_date"])
    participation = participation_at(purchase)
    cpf = price - participation
    cap = _cap_at(purchase)
    if cap is not None and cpf > cap:
        cpf = cap
    funding["price"] = f"{price:.2f}"
    funding["participation"] = f"{participation:.2f}"
    funding["cpf_amount"] = f"{cpf:.2f}"
    funding["co_funding"] = f"{price - participation - cpf:.2f}"


def _accompaniment(session: dict[str, Any]) -> bool:
    if session["with_consultant"] is not None:
        return bool(session["with_consultant"])
    return bool(session["kind"] != "personal_work")


def _counted(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        s
        for s in plan["sessions"]
        if s["status"] != "cancelled"
        and s["phase"] in {"preliminary", "investigation", "conclusion"}
    ]


def _totals(plan: dict[str, Any]) -> tuple[int, int]:
    counted = _counted(plan)
    return sum(s["minutes"] for s in counted), sum(
        s["minutes"] for s in counted if _accompaniment(s)
    )


# -- variation --------------------------------------------------------------------------------

_DURATIONS = tuple(range(60, 211, 15))


def _vary_sessions(rng: random.Random, plan: dict[str, Any]) -> None:
    """Vary durations (s01, s03-s07), add personal work, cancel one: 14 h to 22 h stay true."""
    original = {s["id"]: s["minutes"] for s in plan["sessions"]}
    for _ in range(50):
        for sid in ("s01", "s03", "s04", "s05", "s06", "s07"):
            _session(plan, sid)["minutes"] = rng.choice(_DURATIONS)
        total, accompaniment = _totals(plan)
        if total <= 22 * 60 and accompaniment >= 14 * 60:
            break
    else:  # pragma: no cover - 50 draws always find one
        for s in plan["sessions"]:
            s["minutes"] = original[s["id"]]
    # Extra personal work on the Thursday of investigation weeks, within the 24 hours.
    s03 = _instant(_session(plan, "s03")["start"])
    for extra in range(rng.choice((0, 0, 1, 2))):
        total, _ = _totals(plan)
        minutes = rng.choice((45, 60, 75, 90, 105, 120))
        if total + minutes > 24 * 60:
            break
        plan["sessions"].append(
            {
                "consultant_id": "c-referent-01",
                "id": f"s{11 + extra}",
                "individual": True,
                "kind": "personal_work",
                "minutes": minutes,
                "modality": "remote",
                "phase": "investigation",
                "site_id": None,
                "start": (s03 + dt.timedelta(days=2 + 7 * extra)).isoformat(),
                "status": "held",
                "with_consultant": None,
            }
        )
    if rng.random() < 0.2:  # a cancelled workshop, replaced by nothing
        s07 = _session(plan, "s07")
        s07["status"] = "cancelled"
        if _totals(plan)[1] < 14 * 60:
            s07["status"] = "held"


def _vary_parties(rng: random.Random, plan: dict[str, Any]) -> None:
    """Fresh identifiers of the beneficiary's employer and of the provider; its sites."""
    beneficiary = plan["beneficiary"]
    provider = plan["provider"]
    provider["siret"] = siret(rng)
    if beneficiary["employer_siret"] is not None:
        employer = siret(rng)
        while employer[:9] == provider["siret"][:9]:  # pragma: no cover - 1 in 10^8
            employer = siret(rng)
        beneficiary["employer_siret"] = employer
    provider["nda"] = _nda(rng)
    city = rng.choice(_CITIES)
    provider["name"] = f"{rng.choice(_PROVIDERS)} {city}"
    postcode = f"{rng.randrange(1, 96):02d}{rng.randrange(1000):03d}"
    for site in provider["sites"]:
        site["street"] = f"{rng.randint(1, 180)} {rng.choice(_STREETS)}"
        site["postcode"] = postcode
        site["city"] = city
        site["reduced_mobility_access"] = rng.random() < 0.8


def _vary(rng: random.Random, plan: dict[str, Any], route: str, index: int) -> None:
    year = plan["sessions"][0]["start"][:4]
    plan["id"] = f"{year}-{route.replace('_', '-')}-{index:05d}-{_hex(rng, 4)}"
    plan["beneficiary"]["id"] = f"b-{_hex(rng)}"
    _vary_parties(rng, plan)
    _vary_sessions(rng, plan)
    price = Decimal(rng.randrange(120_000, 240_001)) / 100
    funding = plan["funding"]
    if funding["type"] == "cpf":
        _set_cpf_amounts(funding, price)
    elif "price" in funding:
        funding["price"] = f"{price:.2f}"
    synthesis = _document(plan, "d-synthesis")["synthesis"]
    synthesis["circumstances"] = _sentences(rng, _CIRCUMSTANCES, rng.randint(1, 2))
    synthesis["conduct"] = _sentences(rng, _CONDUCT, rng.randint(1, 3))
    synthesis["prospects"] = _sentences(rng, _PROSPECTS, rng.randint(1, 2))
    synthesis["action_plan"] = _sentences(rng, _ACTIONS, rng.randint(1, 3))
    _document(plan, "d-results")["text"] = _sentences(rng, _RESULTS, rng.randint(1, 2))


def _agreement(rng: random.Random, plan: dict[str, Any], *, disclose: bool) -> None:
    """The beneficiary's request that the synthesis go to the CEP operator, or agreement that
    it go to the employer; in a valid plan, often the disclosure a few days later."""
    delivered = _document(plan, "d-synthesis")["delivered_at"]
    if delivered is None:
        return
    if plan["beneficiary"]["status"] == "private_employee" and rng.random() < 0.5:
        kind, recipient = "agreement", "employer"
    else:
        kind, recipient = "request", "cep_operator"
    given = _instant(delivered) + dt.timedelta(days=rng.choice((0, 1, 2)), minutes=30)
    plan["agreements"].append(
        {
            "document_ids": ["d-synthesis"],
            "given_at": given.isoformat(),
            "id": "a-1",
            "kind": kind,
            "recipient": recipient,
            "revoked_at": None,
        }
    )
    if disclose and rng.random() < 0.6:
        at = given + dt.timedelta(days=rng.randint(1, 8))
        plan["disclosures"].append(
            {
                "agreement_id": "a-1",
                "at": at.isoformat(),
                "document_ids": ["d-synthesis"],
                "recipient": recipient,
            }
        )


# -- breaks -----------------------------------------------------------------------------------


def _first_start(plan: dict[str, Any]) -> dt.datetime:
    return min(_instant(s["start"]) for s in _counted(plan))


def _break_duration_max(_rng: random.Random, plan: dict[str, Any]) -> None:
    total, _ = _totals(plan)
    s05 = _instant(_session(plan, "s05")["start"])
    plan["sessions"].append(
        {
            "consultant_id": "c-referent-01",
            "id": "s20",
            "individual": True,
            "kind": "personal_work",
            "minutes": 24 * 60 + 30 - total,
            "modality": "remote",
            "phase": "investigation",
            "site_id": None,
            "start": (s05 + dt.timedelta(days=1)).isoformat(),
            "status": "held",
            "with_consultant": None,
        }
    )


def _break_cpf_notice(rng: random.Random, plan: dict[str, Any]) -> None:
    start = _first_start(plan).date()
    sent = start - dt.timedelta(days=rng.randint(35, 55))
    plan["funding"]["employer_request"] = {
        "answer": None,
        "answered_on": None,
        "received_on": (sent + dt.timedelta(days=1)).isoformat(),
        "sent_on": sent.isoformat(),
    }


def _break_cpf_participation(rng: random.Random, plan: dict[str, Any]) -> None:
    funding = plan["funding"]
    wrong = rng.choice((Decimal("90.00"), Decimal("110.00"), Decimal("0.00")))
    price = Decimal(funding["price"])
    cpf = Decimal(funding["cpf_amount"])
    funding["participation"] = f"{wrong:.2f}"
    funding["co_funding"] = f"{price - cpf - wrong:.2f}"
    if price - cpf - wrong < 0:
        funding["cpf_amount"] = f"{price - wrong:.2f}"
        funding["co_funding"] = "0.00"


def _break_cpf_cap(_rng: random.Random, plan: dict[str, Any]) -> None:
    funding = plan["funding"]
    price = Decimal("2000.00")
    participation = Decimal(funding["participation"])
    funding["price"] = f"{price:.2f}"
    funding["cpf_amount"] = f"{price - participation:.2f}"
    funding["co_funding"] = "0.00"


def _break_convention_unsigned(_rng: random.Random, plan: dict[str, Any]) -> None:
    plan["funding"]["convention"]["signed_on"] = None


def _break_convention_content(rng: random.Random, plan: dict[str, Any]) -> None:
    items = plan["funding"]["convention"]["items"]
    for _ in range(rng.randint(1, 3)):
        items.remove(items[rng.randrange(len(items))])


def _break_not_employer(_rng: random.Random, plan: dict[str, Any]) -> None:
    plan["beneficiary"]["employer_siret"] = plan["provider"]["siret"]


def _break_qualiopi(_rng: random.Random, plan: dict[str, Any]) -> None:
    qualiopi = plan["provider"]["qualiopi"]
    consent = _instant(plan["consent"]["given_at"]).date()
    qualiopi["valid_until"] = (consent - dt.timedelta(days=200)).isoformat()
    qualiopi["valid_from"] = (consent - dt.timedelta(days=3 * 365)).isoformat()


def _break_nda(_rng: random.Random, plan: dict[str, Any]) -> None:
    plan["provider"]["nda"] = None


def _break_conclusion_personal(_rng: random.Random, plan: dict[str, Any]) -> None:
    for s in plan["sessions"]:
        if s["phase"] == "conclusion":
            s["individual"] = False


def _break_follow_up(_rng: random.Random, plan: dict[str, Any]) -> None:
    plan["follow_up"] = {
        "declined_on": None,
        "held_on": None,
        "offered": False,
        "offered_on": None,
        "planned_on": None,
    }
    plan["sessions"] = [s for s in plan["sessions"] if s["phase"] != "followed_up"]


def _break_results(_rng: random.Random, plan: dict[str, Any]) -> None:
    _document(plan, "d-synthesis")["delivered_at"] = None


def _break_retention(_rng: random.Random, plan: dict[str, Any]) -> None:
    _document(plan, "d-tests")["destroyed_on"] = None


def _break_duration_min(_rng: random.Random, plan: dict[str, Any]) -> None:
    for sid in ("s03", "s05", "s07"):
        s = _session(plan, sid)
        s["kind"] = "personal_work"
        s["modality"] = "remote"
        s["site_id"] = None


def _break_public_hours(_rng: random.Random, plan: dict[str, Any]) -> None:
    plan["funding"]["leave_minutes"] = 30 * 60


_CPF = ("cpf", "cpf_working_time")
_EMPLOYEES = ("cpf", "cpf_working_time", "employer_plan", "reclassification_leave")
_CONVENTIONS = ("employer_plan", "reclassification_leave")
_FUNDED = ("cpf", "cpf_working_time", "employer_plan", "reclassification_leave", "job_seeker")

# (rule id, routes it applies to (None: all), the break, earliest reference date)
BREAKS: tuple[tuple[str, tuple[str, ...] | None, Any, dt.date | None], ...] = (
    ("BC-DURATION-MAX", None, _break_duration_max, None),
    ("BC-DURATION-MIN", None, _break_duration_min, dt.date(2026, 2, 26)),
    ("BC-CPF-EMPLOYER-NOTICE", ("cpf_working_time",), _break_cpf_notice, None),
    ("BC-CPF-PARTICIPATION", _CPF, _break_cpf_participation, dt.date(2024, 5, 2)),
    ("BC-CPF-CAP", _CPF, _break_cpf_cap, dt.date(2026, 2, 26)),
    ("BC-CONVENTION-ACCEPTANCE", _CONVENTIONS, _break_convention_unsigned, None),
    ("BC-CONVENTION-CONTENT", _CONVENTIONS, _break_convention_content, None),
    ("BC-PROVIDER-NOT-EMPLOYER", _EMPLOYEES, _break_not_employer, None),
    ("BC-PROVIDER-QUALIOPI", _FUNDED, _break_qualiopi, None),
    ("BC-PROVIDER-DECLARED", None, _break_nda, None),
    ("BC-CONCLUSION-PERSONAL", None, _break_conclusion_personal, None),
    ("BC-FOLLOW-UP-OFFERED", None, _break_follow_up, None),
    ("BC-RESULTS-TO-BENEFICIARY", None, _break_results, None),
    ("BC-DOCUMENT-RETENTION", None, _break_retention, None),
    ("BC-PUBLIC-LEAVE-HOURS", ("public_leave",), _break_public_hours, None),
)


def _reference(plan: dict[str, Any]) -> dt.date:
    funding = plan["funding"]
    if funding["type"] == "cpf":
        return dt.date.fromisoformat(funding["purchase_date"])
    return _instant(plan["consent"]["given_at"]).date()


# -- fresh instants and ids, last -------------------------------------------------------------


def _instants(value: Any, found: set[str]) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _instants(item, found)
    elif isinstance(value, list):
        for item in value:
            _instants(item, found)
    elif isinstance(value, str) and _DATETIME.fullmatch(value):
        found.add(value)


def _replace(value: Any, mapping: dict[str, str]) -> Any:
    if isinstance(value, dict):
        return {key: _replace(item, mapping) for key, item in value.items()}
    if isinstance(value, list):
        return [_replace(item, mapping) for item in value]
    if isinstance(value, str):
        return mapping.get(value, value)
    return value


def _minutes(moment: dt.datetime) -> int:
    return moment.hour * 60 + moment.minute


def _move_instants(rng: random.Random, plan: dict[str, Any], used: set[str]) -> dict[str, Any]:
    """Every instant moved by minutes, one offset per UTC day (a day's order and gaps kept),
    within opening hours; no session start that an earlier plan used (``used`` grows)."""
    found: set[str] = set()
    _instants(plan, found)
    days: dict[dt.date, list[dt.datetime]] = {}
    for text in found:
        moment = _instant(text)
        days.setdefault(moment.date(), []).append(moment)
    ends: dict[dt.date, int] = {}
    starts: dict[dt.date, list[dt.datetime]] = {}
    for session in plan["sessions"]:
        start = _instant(session["start"])
        end = _minutes(start) + session["minutes"]
        ends[start.date()] = max(ends.get(start.date(), 0), end)
        starts.setdefault(start.date(), []).append(start)
    mapping: dict[str, str] = {}
    for day in sorted(days):
        moments = days[day]
        earliest = min(_minutes(m) for m in moments)
        latest = max([_minutes(m) for m in moments] + [ends.get(day, 0)])
        low, high = _OPEN - earliest, _CLOSE - latest
        if high < low:  # more than the opening hours (a 24 h 30 break): start at the opening
            high = low + 60
        for _ in range(1000):
            offset = dt.timedelta(minutes=rng.randint(low, high))
            moved = [(start + offset).isoformat() for start in starts.get(day, ())]
            if not used.intersection(moved):
                break
        else:  # pragma: no cover - ~700 days of opening hours hold 300 000 starts
            raise RuntimeError(f"no free session start left on {day}")
        used.update(moved)
        for moment in moments:
            mapping[moment.isoformat()] = (moment + offset).isoformat()
    moved_plan: dict[str, Any] = _replace(plan, mapping)
    return moved_plan


def _fresh_ids(rng: random.Random, plan: dict[str, Any]) -> None:
    """Fresh ids of consultants, sites, sessions, documents and agreements, and references."""
    consultants = {c["id"]: f"c-{_hex(rng, 6)}" for c in plan["consultants"]}
    sites = {s["id"]: f"site-{_hex(rng, 6)}" for s in plan["provider"]["sites"]}
    prefix = _hex(rng)
    sessions = {s["id"]: f"s{prefix}-{n:02d}" for n, s in enumerate(plan["sessions"], 1)}
    documents = {d["id"]: f"d-{_hex(rng)}" for d in plan["documents"]}
    agreements = {a["id"]: f"a-{_hex(rng)}" for a in plan["agreements"]}
    for consultant in plan["consultants"]:
        consultant["id"] = consultants[consultant["id"]]
    for site in plan["provider"]["sites"]:
        site["id"] = sites[site["id"]]
    for session in plan["sessions"]:
        session["id"] = sessions[session["id"]]
        if session["site_id"] is not None:
            session["site_id"] = sites[session["site_id"]]
        if session["consultant_id"] is not None:
            session["consultant_id"] = consultants[session["consultant_id"]]
    for document in plan["documents"]:
        document["id"] = documents[document["id"]]
    for agreement in plan["agreements"]:
        agreement["id"] = agreements[agreement["id"]]
        agreement["document_ids"] = [documents[d] for d in agreement["document_ids"]]
    for disclosure in plan["disclosures"]:
        disclosure["document_ids"] = [documents[d] for d in disclosure["document_ids"]]
        if disclosure["agreement_id"] is not None:
            disclosure["agreement_id"] = agreements[disclosure["agreement_id"]]


# -- the corpus -------------------------------------------------------------------------------


def _bases() -> dict[str, dict[str, Any]]:
    return {route: orjson.loads(bc.dumps(bc.example_bilan(route))) for route in EXAMPLE_FUNDINGS}


def generate(n: int, *, seed: int = SEED) -> list[Plan]:
    """``n`` plans, the same for the same ``n`` and ``seed``; the first ``k`` of them are
    ``generate(k)``."""
    rng = random.Random(seed)
    bases = _bases()
    used: set[str] = set()
    plans: list[Plan] = []
    for index in range(n):
        route = EXAMPLE_FUNDINGS[index % len(EXAMPLE_FUNDINGS)]
        delta = dt.timedelta(weeks=rng.randint(-100, 26), days=rng.randint(0, 1))
        plan = _shift(bases[route], delta)
        plan["format"] = bc.FORMAT
        _vary(rng, plan, route, index)
        broken, apply = None, None
        if rng.random() < BREAK_RATE:
            reference = _reference(plan)
            choices = [
                (rule_id, fn)
                for rule_id, routes, fn, since in BREAKS
                if (routes is None or route in routes) and (since is None or reference >= since)
            ]
            broken, apply = choices[rng.randrange(len(choices))]
        if rng.random() < AGREEMENT_RATE:
            _agreement(rng, plan, disclose=broken is None)
        if apply is not None:
            apply(rng, plan)
        plan = _move_instants(rng, plan, used)
        _fresh_ids(rng, plan)
        data = bc.dumps(bc.load(plan))
        plans.append(Plan(route=route, data=data, on=_ON + delta, broken=broken))
    return plans


_MONEY_KEYS = frozenset({"price", "participation", "cpf_amount", "co_funding"})
_TEXT_KEYS = frozenset({"text", "circumstances", "conduct", "prospects", "action_plan"})


def _values(value: Any, key: str, into: dict[str, list[str]]) -> None:
    if isinstance(value, dict):
        for name, item in value.items():
            _values(item, name, into)
    elif isinstance(value, list):
        for item in value:
            _values(item, key, into)
    elif isinstance(value, str):
        if key == "id":
            into["ids"].append(value)
        elif key.endswith("siret"):
            into["SIRETs"].append(value)
        elif key in _MONEY_KEYS:
            into["amounts"].append(value)
        elif key in _TEXT_KEYS:
            into["texts"].append(value)
        elif _DATETIME.fullmatch(value):
            into["instants"].append(value)
        elif _DATE.fullmatch(value):
            into["dates"].append(value)


def freshness(plans: list[Plan]) -> dict[str, Any]:
    """How fresh the values of the corpus are: per kind, how many and how many distinct;
    and how many session starts two plans share (none)."""
    kinds: dict[str, list[str]] = {
        k: [] for k in ("instants", "dates", "amounts", "SIRETs", "ids", "texts")
    }
    owners: dict[str, int] = {}
    shared = 0
    for index, plan in enumerate(plans):
        document = orjson.loads(plan.data)
        _values(document, "", kinds)
        for start in {session["start"] for session in document["sessions"]}:
            if owners.setdefault(start, index) != index:
                shared += 1
    result: dict[str, Any] = {
        kind: {"values": len(values), "distinct": len(set(values))}
        for kind, values in kinds.items()
    }
    result["session starts"] = {"distinct": len(owners), "shared by two plans": shared}
    return result


def corpus(n: int, *, seed: int = SEED, cache: bool = True) -> list[Plan]:
    """:func:`generate`, cached as a pickle in ``benchmarks/_corpus/``."""
    path = CACHE / f"corpus-v{_VERSION}-{seed}-{n}.pickle"
    if cache and path.exists():
        plans: list[Plan] = pickle.loads(path.read_bytes())  # noqa: S301 - our own cache
        return plans
    plans = generate(n, seed=seed)
    if cache:
        CACHE.mkdir(exist_ok=True)
        path.write_bytes(pickle.dumps(plans))
    return plans
