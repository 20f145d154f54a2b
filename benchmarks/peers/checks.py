"""The rules, ported for the peer baselines: plain functions on pydantic or msgspec objects.

Both peer models expose the wire names as attributes (with stdlib ``date``, aware
``datetime``, ``Decimal`` and plain strings for enums), so one set of functions serves both.
Each check mirrors the logic of the bilan-core rule of the same id (see
``docs/performance.md`` for the list) and yields ``(rule_id, json_path, message)`` with a
French message carrying the numbers, as bilan-core's findings do. ``tests/test_benchmarks.py``
checks that the verdicts equal bilan-core's on the corpus.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
LEGAL = frozenset({"preliminary", "investigation", "conclusion"})
_ORDER = ("preliminary", "investigation", "conclusion")
_ALL_ITEMS = (
    "title",
    "objective",
    "content",
    "means",
    "duration",
    "period",
    "conduct_and_follow_up",
    "results_handover",
    "price",
    "payment_terms",
)
_AFTER_BILAN = frozenset({"completed", "followed_up", "closed"})
_2026_02_26 = dt.date(2026, 2, 26)
_PARTICIPATION = (
    (dt.date(2024, 5, 2), Decimal("100.00")),
    (dt.date(2025, 1, 1), Decimal("102.23")),
    (dt.date(2026, 1, 1), Decimal("103.20")),
)

Finding = tuple[str, str, str]
Check = Callable[[Any, "Facts"], Iterator[Finding]]


def paris_date(instant: dt.datetime) -> dt.date:
    return instant.astimezone(PARIS).date()


def hours(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d}" if m else f"{h} h"


def accompaniment(session: Any) -> bool:
    if session.with_consultant is not None:
        return bool(session.with_consultant)
    return bool(session.kind != "personal_work")


class Facts:
    """What several checks derive from a plan, computed once (as bilan-core caches it)."""

    __slots__ = ("first", "on", "reference", "sessions", "total", "with_provider")

    def __init__(self, plan: Any, on: dt.date) -> None:
        self.on = on
        self.sessions = sorted(
            (s for s in plan.sessions if s.status != "cancelled" and s.phase in LEGAL),
            key=lambda s: (s.start, s.id),
        )
        self.total = sum(s.minutes for s in self.sessions)
        self.with_provider = sum(s.minutes for s in self.sessions if accompaniment(s))
        self.first = self.sessions[0] if self.sessions else None
        funding = plan.funding
        if funding.KIND == "cpf":
            self.reference = funding.purchase_date
        elif plan.consent is not None:
            self.reference = paris_date(plan.consent.given_at)
        elif self.first is not None:
            self.reference = paris_date(self.first.start)
        else:
            self.reference = on


# -- 1. consent and scope ---------------------------------------------------------------------


def consent_required(plan: Any, f: Facts) -> Iterator[Finding]:
    if plan.consent is None:
        if f.first is not None:
            yield ("BC-CONSENT-REQUIRED", "$.consent", "aucun consentement enregistré")
        return
    if f.first is not None and plan.consent.given_at > f.first.start:
        given, first = paris_date(plan.consent.given_at), paris_date(f.first.start)
        message = f"consentement du {given} après la première séance du {first}"
        yield ("BC-CONSENT-REQUIRED", "$.consent.given_at", message)


def consent_withdrawn(plan: Any, _f: Facts) -> Iterator[Finding]:
    consent = plan.consent
    if consent is None or consent.withdrawn_at is None:
        return
    for index, s in enumerate(plan.sessions):
        if s.status != "cancelled" and s.start >= consent.withdrawn_at:
            yield ("BC-CONSENT-WITHDRAWN", f"$.sessions[{index}]", "séance après le retrait")


def provider_not_employer(plan: Any, _f: Facts) -> Iterator[Finding]:
    b = plan.beneficiary
    siret = b.employer_siret
    if (
        b.status == "private_employee"
        and siret is not None
        and siret[:9] == plan.provider.siret[:9]
    ):
        message = f"le prestataire (SIREN {siret[:9]}) est l'employeur"
        yield ("BC-PROVIDER-NOT-EMPLOYER", "$.provider.siret", message)


def _public_funds(funding: Any) -> bool:
    kind = funding.KIND
    if kind in {"cpf", "job_seeker"}:
        return True
    if kind in {"employer_plan", "reclassification_leave"}:
        return bool(funding.payer == "opco")
    if kind == "public_leave":
        return bool(funding.funder != "agent")
    return False


def _covers(qualiopi: Any, day: dt.date) -> bool:
    return (
        qualiopi is not None
        and "bilan_de_competences" in qualiopi.categories
        and qualiopi.valid_from <= day <= qualiopi.valid_until
    )


def provider_qualiopi(plan: Any, f: Facts) -> Iterator[Finding]:
    if not _public_funds(plan.funding):
        return
    qualiopi = plan.provider.qualiopi
    if not _covers(qualiopi, f.reference):
        yield ("BC-PROVIDER-QUALIOPI", "$.provider.qualiopi", f"non certifié le {f.reference}")
    elif f.first is not None and not _covers(qualiopi, paris_date(f.first.start)):
        yield (
            "BC-PROVIDER-QUALIOPI",
            "$.provider.qualiopi.valid_until",
            f"certification expirée le {qualiopi.valid_until}",
        )


def provider_declared(plan: Any, _f: Facts) -> Iterator[Finding]:
    if plan.provider.nda is None:
        yield ("BC-PROVIDER-DECLARED", "$.provider.nda", "aucun numéro de déclaration d'activité")


# -- 2. phases --------------------------------------------------------------------------------


def phases_complete(plan: Any, f: Facts) -> Iterator[Finding]:
    if plan.phase not in _AFTER_BILAN:
        return
    present = {s.phase for s in f.sessions}
    for phase in _ORDER:
        if phase not in present:
            yield ("BC-PHASES-COMPLETE", "$.sessions", f"aucune séance de la phase {phase}")


def phases_order(_plan: Any, f: Facts) -> Iterator[Finding]:
    starts: dict[str, dt.datetime] = {}
    for s in f.sessions:
        starts.setdefault(s.phase, s.start)
    previous = None
    for phase in _ORDER:
        if phase not in starts:
            continue
        if previous is not None and starts[phase] < starts[previous]:
            yield ("BC-PHASES-ORDER", "$.sessions", f"la phase {phase} commence avant {previous}")
        previous = phase
    latest = -1
    for s in f.sessions:
        rank = _ORDER.index(s.phase)
        if rank < latest:
            yield ("BC-PHASES-ORDER", "$.sessions", f"retour à la phase {s.phase}")
            break
        latest = max(latest, rank)


def conclusion_personal(_plan: Any, f: Facts) -> Iterator[Finding]:
    conclusion = [s for s in f.sessions if s.phase == "conclusion"]
    if not conclusion:
        return
    if not any(s.individual and accompaniment(s) and s.kind == "interview" for s in conclusion):
        yield ("BC-CONCLUSION-PERSONAL", "$.sessions", "aucun entretien individuel de conclusion")
    if any(not s.individual for s in conclusion):
        yield ("BC-CONCLUSION-PERSONAL", "$.sessions", "séance collective en conclusion")


def follow_up_offered(plan: Any, _f: Facts) -> Iterator[Finding]:
    if plan.phase in _AFTER_BILAN and not plan.follow_up.offered:
        yield ("BC-FOLLOW-UP-OFFERED", "$.follow_up.offered", "suivi non proposé")


# -- 3. duration ------------------------------------------------------------------------------


def duration_max(_plan: Any, f: Facts) -> Iterator[Finding]:
    if f.total > 24 * 60:
        yield ("BC-DURATION-MAX", "$.sessions", f"{hours(f.total)} prévues ; au plus 24 h")


def duration_min(_plan: Any, f: Facts) -> Iterator[Finding]:
    if f.reference >= _2026_02_26 and f.with_provider < 13 * 60:
        yield (
            "BC-DURATION-MIN",
            "$.sessions",
            f"{hours(f.with_provider)} d'accompagnement effectif ; au moins 13 h",
        )


# -- 4. CPF -----------------------------------------------------------------------------------


def _months_later(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def cpf_notice(plan: Any, f: Facts) -> Iterator[Finding]:
    funding = plan.funding
    if funding.KIND != "cpf" or not funding.on_working_time or f.first is None:
        return
    start = paris_date(f.first.start)
    request = funding.employer_request
    if request is None:
        yield ("BC-CPF-EMPLOYER-NOTICE", "$.funding.employer_request", "aucune demande")
        return
    end = paris_date(f.sessions[-1].start)
    days = 120 if end >= _months_later(start, 6) else 60
    notice = (start - request.sent_on).days
    if notice < days:
        yield (
            "BC-CPF-EMPLOYER-NOTICE",
            "$.funding.employer_request.sent_on",
            f"demande {notice} jours avant le début ; au moins {days}",
        )


def cpf_answer(plan: Any, f: Facts) -> Iterator[Finding]:
    funding = plan.funding
    if funding.KIND != "cpf" or not funding.on_working_time:
        return
    request = funding.employer_request
    if request is None:
        return
    if request.answer == "refused":
        yield ("BC-CPF-EMPLOYER-ANSWER", "$.funding.employer_request.answer", "refus")
        return
    if request.answer is None and f.first is not None:
        receipt = request.received_on or request.sent_on
        deadline = receipt + dt.timedelta(days=30)
        if paris_date(f.first.start) <= deadline:
            yield (
                "BC-CPF-EMPLOYER-ANSWER",
                "$.funding.employer_request",
                f"début avant la fin du délai de réponse ({deadline})",
            )


def cpf_participation(plan: Any, _f: Facts) -> Iterator[Finding]:
    funding = plan.funding
    if funding.KIND != "cpf" or funding.purchase_date < _PARTICIPATION[0][0]:
        return
    due = Decimal("0.00")
    for since, amount in _PARTICIPATION:
        if since <= funding.purchase_date:
            due = amount
    if funding.exemption is None and funding.participation != due:
        yield (
            "BC-CPF-PARTICIPATION",
            "$.funding.participation",
            f"participation {funding.participation} € ; {due} € dus",
        )
    total = funding.cpf_amount + funding.participation + funding.co_funding
    if total != funding.price:
        yield ("BC-CPF-PARTICIPATION", "$.funding.price", f"{total} € ≠ prix {funding.price} €")


def cpf_cap(plan: Any, _f: Facts) -> Iterator[Finding]:
    funding = plan.funding
    if (
        funding.KIND == "cpf"
        and funding.purchase_date >= _2026_02_26
        and funding.cpf_amount > Decimal("1600.00")
    ):
        yield ("BC-CPF-CAP", "$.funding.cpf_amount", f"{funding.cpf_amount} € ; au plus 1600 €")


def cpf_waiting(plan: Any, _f: Facts) -> Iterator[Finding]:
    funding = plan.funding
    if funding.KIND != "cpf" or funding.purchase_date < _2026_02_26:
        return
    purchase = funding.purchase_date
    five_years = purchase.replace(year=purchase.year - 5)
    for earlier in plan.beneficiary.earlier_funded_bilans:
        if five_years < earlier <= purchase:
            yield ("BC-CPF-WAITING-PERIOD", "$.beneficiary", f"bilan financé le {earlier}")


def cpf_accompaniment_only(plan: Any, f: Facts) -> Iterator[Finding]:
    funding = plan.funding
    if funding.KIND != "cpf" or funding.funded_minutes is None:
        return
    if funding.funded_minutes > f.with_provider:
        yield (
            "BC-CPF-ACCOMPANIMENT-ONLY",
            "$.funding.funded_minutes",
            f"{hours(funding.funded_minutes)} financées ; {hours(f.with_provider)} prévues",
        )


# -- 5. convention ----------------------------------------------------------------------------


def _convention_route(funding: Any) -> bool:
    return bool(funding.KIND in {"employer_plan", "reclassification_leave"})


def convention_required(plan: Any, _f: Facts) -> Iterator[Finding]:
    if _convention_route(plan.funding) and plan.funding.convention is None:
        yield ("BC-CONVENTION-REQUIRED", "$.funding.convention", "aucune convention")


def convention_content(plan: Any, _f: Facts) -> Iterator[Finding]:
    if not _convention_route(plan.funding) or plan.funding.convention is None:
        return
    items = plan.funding.convention.items
    for item in _ALL_ITEMS:
        if item not in items:
            yield ("BC-CONVENTION-CONTENT", "$.funding.convention.items", f"mention {item} absente")


def convention_acceptance(plan: Any, f: Facts) -> Iterator[Finding]:
    if not _convention_route(plan.funding) or plan.funding.convention is None:
        return
    convention = plan.funding.convention
    if convention.signed_on is None:
        if f.first is not None or (
            convention.sent_on is not None and (f.on - convention.sent_on).days > 10
        ):
            yield ("BC-CONVENTION-ACCEPTANCE", "$.funding.convention.signed_on", "non signée")
        return
    if convention.sent_on is not None and (convention.signed_on - convention.sent_on).days > 10:
        yield ("BC-CONVENTION-ACCEPTANCE", "$.funding.convention.signed_on", "signée hors délai")
    if f.first is not None and paris_date(f.first.start) < convention.signed_on:
        yield (
            "BC-CONVENTION-ACCEPTANCE",
            "$.funding.convention.signed_on",
            "signée après le début",
        )


# -- 6. public sector -------------------------------------------------------------------------


_BRANCH_SINCE = {
    "territorial": dt.date(2007, 12, 30),
    "hospital": dt.date(2008, 8, 24),
    "state": dt.date(2009, 8, 14),
}


def _leave(plan: Any, f: Facts) -> str | None:
    branch = plan.beneficiary.public_service
    if plan.funding.KIND != "public_leave" or branch is None:
        return None
    return str(branch) if f.reference >= _BRANCH_SINCE[branch] else None


def public_leave_notice(plan: Any, f: Facts) -> Iterator[Finding]:
    branch = _leave(plan, f)
    if branch not in {"territorial", "hospital"} or f.first is None:
        return
    received = plan.funding.request_received_on
    if received is None:
        yield ("BC-PUBLIC-LEAVE-NOTICE", "$.funding.request_received_on", "date non renseignée")
        return
    notice = (paris_date(f.first.start) - received).days
    if notice < 60:
        yield (
            "BC-PUBLIC-LEAVE-NOTICE",
            "$.funding.request_received_on",
            f"demande reçue {notice} jours avant le début ; au moins 60 jours",
        )


def public_convention(plan: Any, f: Facts) -> Iterator[Finding]:
    branch = _leave(plan, f)
    funding = plan.funding
    if branch is None or funding.convention is not None:
        return
    if branch == "territorial":
        required = funding.funder == "administration"
    elif branch == "hospital":
        required = funding.funder == "anfh"
    else:
        required = True
    if required and not (plan.phase in {"inquiry", "cancelled"} and not f.sessions):
        yield ("BC-PUBLIC-CONVENTION", "$.funding.convention", "aucune convention tripartite")


def public_leave_hours(plan: Any, f: Facts) -> Iterator[Finding]:
    funding = plan.funding
    if _leave(plan, f) is None or funding.leave_minutes is None:
        return
    priority = plan.beneficiary.priority_agent and f.reference >= dt.date(2022, 7, 25)
    limit = 72 * 60 if priority else 24 * 60
    if funding.leave_minutes > limit:
        yield (
            "BC-PUBLIC-LEAVE-HOURS",
            "$.funding.leave_minutes",
            f"{hours(funding.leave_minutes)} de congé ; au plus {hours(limit)}",
        )


# -- 7. confidentiality and retention ---------------------------------------------------------


def results_to_beneficiary(plan: Any, _f: Facts) -> Iterator[Finding]:
    if plan.phase not in _AFTER_BILAN:
        return
    for kind in ("detailed_results", "synthesis"):
        if not any(d.kind == kind and d.delivered_at is not None for d in plan.documents):
            yield ("BC-RESULTS-TO-BENEFICIARY", "$.documents", f"{kind} non remis")


def document_retention(plan: Any, f: Facts) -> Iterator[Finding]:
    if plan.phase not in _AFTER_BILAN or not f.sessions:
        return
    end = paris_date(f.sessions[-1].start + dt.timedelta(minutes=f.sessions[-1].minutes))
    three_years = (
        end.replace(year=end.year + 3)
        if not (end.month == 2 and end.day == 29)
        else (dt.date(end.year + 3, 3, 1))
    )
    for index, d in enumerate(plan.documents):
        if d.destroyed_on is not None:
            continue
        exception = d.kind == "synthesis" or d.kept_with_consent_on is not None
        if f.on > three_years:
            yield ("BC-DOCUMENT-RETENTION", f"$.documents[{index}]", "conservé plus de 3 ans")
        elif not exception and f.on > end:
            yield ("BC-DOCUMENT-RETENTION", f"$.documents[{index}]", "non détruit à la fin")


CHECKS: dict[str, Check] = {
    "BC-CONSENT-REQUIRED": consent_required,
    "BC-CONSENT-WITHDRAWN": consent_withdrawn,
    "BC-PROVIDER-NOT-EMPLOYER": provider_not_employer,
    "BC-PROVIDER-QUALIOPI": provider_qualiopi,
    "BC-PROVIDER-DECLARED": provider_declared,
    "BC-PHASES-COMPLETE": phases_complete,
    "BC-PHASES-ORDER": phases_order,
    "BC-CONCLUSION-PERSONAL": conclusion_personal,
    "BC-FOLLOW-UP-OFFERED": follow_up_offered,
    "BC-DURATION-MAX": duration_max,
    "BC-DURATION-MIN": duration_min,
    "BC-CPF-EMPLOYER-NOTICE": cpf_notice,
    "BC-CPF-EMPLOYER-ANSWER": cpf_answer,
    "BC-CPF-PARTICIPATION": cpf_participation,
    "BC-CPF-CAP": cpf_cap,
    "BC-CPF-WAITING-PERIOD": cpf_waiting,
    "BC-CPF-ACCOMPANIMENT-ONLY": cpf_accompaniment_only,
    "BC-CONVENTION-REQUIRED": convention_required,
    "BC-CONVENTION-CONTENT": convention_content,
    "BC-CONVENTION-ACCEPTANCE": convention_acceptance,
    "BC-PUBLIC-LEAVE-NOTICE": public_leave_notice,
    "BC-PUBLIC-CONVENTION": public_convention,
    "BC-PUBLIC-LEAVE-HOURS": public_leave_hours,
    "BC-RESULTS-TO-BENEFICIARY": results_to_beneficiary,
    "BC-DOCUMENT-RETENTION": document_retention,
}
"""The ported rules, by bilan-core rule id."""

PORTED = frozenset(CHECKS)


def validate(plan: Any, on: dt.date, rules: frozenset[str] = PORTED) -> list[Finding]:
    """Run the ported checks (or the ``rules`` subset) on a peer plan object."""
    facts = Facts(plan, on)
    found: list[Finding] = []
    for rule_id, check in CHECKS.items():
        if rule_id in rules:
            found.extend(check(plan, facts))
    found.sort(key=lambda item: (item[1], item[0]))
    return found
