"""A deterministic corpus of realistic plans in the ``bilan-core/1`` wire format.

Every plan starts from one of the library's example bilans (one per funding route), then a
seeded :class:`random.Random` varies it: ids, a shift of the whole plan by whole weeks across
2024-2026 (with the CPF participation of the purchase date), session durations and count,
prices, synthesis text. About 15 % of the plans get one deliberate break of a rule (24 h 30
in all, a late CPF notice, a wrong participation, an unsigned convention...); the intended
rule id is kept with the plan.

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
from bilan_core.facts.parameters import CPF_CAP, CPF_PARTICIPATION
from bilan_core.samples import EXAMPLE_FUNDINGS, EXAMPLE_ON

_ON = dt.date(EXAMPLE_ON.year, EXAMPLE_ON.month, EXAMPLE_ON.day)

SEED = 20260601
BREAK_RATE = 0.15
CACHE = Path(__file__).parent / "_corpus"
_VERSION = 3  # bump when the generator changes

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T.+")
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Plan:
    """One plan of the corpus: its route, wire bytes, evaluation date and intended break."""

    route: str
    data: bytes
    on: dt.date
    broken: str | None  # the rule id the generator meant to break, if any


# -- text ---------------------------------------------------------------------------------

_CIRCUMSTANCES = (
    "Demande d'évolution après {n} ans en {field}.",
    "Souhait de reconversion exprimé à la suite d'une réorganisation du service {field}.",
    "Besoin de faire le point sur ses compétences après {n} ans d'expérience en {field}.",
    "Retour à l'emploi envisagé après une période de {n} mois consacrée à un projet familial.",
)
_CONDUCT = (
    "Compétences d'organisation et de coordination confirmées par les entretiens.",
    "Aptitudes relationnelles marquées ; goût pour la transmission et le travail en équipe.",
    "Capacités d'analyse et de synthèse ; aisance avec les outils numériques de {field}.",
    "Intérêts professionnels orientés vers le conseil, l'accompagnement et la gestion de projet.",
    "Valeurs de travail : autonomie, utilité sociale, équilibre vie professionnelle et privée.",
)
_PROSPECTS = (
    "Projet principal : coordination de projets en {field} ; alternative : formation.",
    "Projet principal : création d'une activité de conseil ; alternative : poste salarié.",
    "Projet principal : mobilité interne vers un poste d'encadrement intermédiaire.",
    "Piste validée par trois enquêtes métiers auprès de professionnels du secteur {field}.",
)
_ACTIONS = (
    "Enquêtes métiers, puis formation certifiante à la rentrée.",
    "Rencontre avec le conseiller en évolution professionnelle dans le mois.",
    "Mise à jour du CV et du profil professionnel ; candidature à deux offres ciblées.",
    "Inscription à une préparation VAE ; point d'étape lors de l'entretien de suivi.",
    "Recherche de financement de la formation par le CPF et un abondement de l'employeur.",
)
_FIELDS = ("logistique", "comptabilité", "santé", "industrie", "commerce", "informatique")


def _sentences(rng: random.Random, pool: tuple[str, ...], count: int) -> str:
    picked = [pool[rng.randrange(len(pool))] for _ in range(count)]
    return " ".join(
        s.format(n=rng.randint(2, 25), field=_FIELDS[rng.randrange(len(_FIELDS))]) for s in picked
    )


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


def _vary_sessions(rng: random.Random, plan: dict[str, Any]) -> None:
    """Vary durations (s01, s03-s07), add personal work, cancel one: 13 h to 24 h stay true."""
    original = {s["id"]: s["minutes"] for s in plan["sessions"]}
    for _ in range(20):
        for sid in ("s01", "s03", "s04", "s05", "s06", "s07"):
            _session(plan, sid)["minutes"] = rng.choice((90, 120, 150, 180))
        total, accompaniment = _totals(plan)
        if total <= 22 * 60 and accompaniment >= 14 * 60:
            break
    else:  # pragma: no cover - 20 draws always find one
        for s in plan["sessions"]:
            s["minutes"] = original[s["id"]]
    # Extra personal work on the Thursday of investigation weeks, within the 24 hours.
    s03 = _instant(_session(plan, "s03")["start"])
    for extra in range(rng.choice((0, 0, 1, 2))):
        total, _ = _totals(plan)
        minutes = rng.choice((60, 90))
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


def _vary(rng: random.Random, plan: dict[str, Any], route: str, index: int) -> None:
    year = plan["sessions"][0]["start"][:4]
    plan["id"] = f"{year}-{route.replace('_', '-')}-{index:05d}"
    plan["beneficiary"]["id"] = f"b-{rng.getrandbits(32):08x}"
    _vary_sessions(rng, plan)
    price = Decimal(rng.randrange(1200, 2400, 10))
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
    _document(plan, "d-results")["text"] = _sentences(rng, _CONDUCT, rng.randint(1, 2))


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
    ("BC-CPF-PARTICIPATION", _CPF, _break_cpf_participation, None),
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


# -- the corpus -------------------------------------------------------------------------------


def _bases() -> dict[str, dict[str, Any]]:
    return {route: orjson.loads(bc.dumps(bc.example_bilan(route))) for route in EXAMPLE_FUNDINGS}


def generate(n: int, *, seed: int = SEED) -> list[Plan]:
    """``n`` plans, the same for the same ``n`` and ``seed``."""
    rng = random.Random(seed)
    bases = _bases()
    plans: list[Plan] = []
    for index in range(n):
        route = EXAMPLE_FUNDINGS[index % len(EXAMPLE_FUNDINGS)]
        weeks = rng.randint(-100, 26)
        delta = dt.timedelta(weeks=weeks)
        plan = _shift(bases[route], delta)
        plan["format"] = bc.FORMAT
        _vary(rng, plan, route, index)
        broken = None
        if rng.random() < BREAK_RATE:
            reference = _reference(plan)
            choices = [
                (rule_id, apply)
                for rule_id, routes, apply, since in BREAKS
                if (routes is None or route in routes) and (since is None or reference >= since)
            ]
            broken, apply = choices[rng.randrange(len(choices))]
            apply(rng, plan)
        data = bc.dumps(bc.load(plan))
        plans.append(Plan(route=route, data=data, on=_ON + delta, broken=broken))
    return plans


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
