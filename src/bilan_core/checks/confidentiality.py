"""Section 7 of the catalogue: confidentiality and retention.

- ``BC-RESULTS-TO-BENEFICIARY``: once completed, the beneficiary has received the detailed
  results and the synthesis (C. trav. L6313-4 al. 3).
- ``BC-DISCLOSURE-CONSENT``: every recorded disclosure to someone other than the beneficiary
  was allowed when it happened (L6313-4 al. 3 and 4; C. pén. 226-13), by the same decision
  as :func:`bilan_core.confidentiality.can_disclose`.
- ``BC-DOCUMENT-RETENTION``: documents are destroyed on time (R6313-7 as amended by décret
  n° 2023-1350), judged at the evaluation date.
- ``BC-DATA-MINIMISATION``: only information with a direct and necessary link with the bilan
  (L6313-4 al. 3); guaranteed by the model's structure, nothing left to check in the data.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pendulum

from bilan_core import references as ref
from bilan_core._format import date_en, date_fr
from bilan_core._paris import add_months
from bilan_core.checks._catalogue import guard, register
from bilan_core.checks._model import Finding
from bilan_core.confidentiality._decision import can_disclose
from bilan_core.disclosures import RecipientKind
from bilan_core.documents import DocumentKind
from bilan_core.facts import end_of_action, is_retention_exception
from bilan_core.facts.parameters import RETENTION_YEARS
from bilan_core.phases import Phase
from bilan_core.references import Confidence
from bilan_core.report import Severity
from bilan_core.text import Text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bilan_core.bilan import Bilan
    from bilan_core.checks._context import Context
    from bilan_core.documents import Document

__all__: list[str] = []

_2019 = pendulum.date(2019, 1, 1)
_COMPLETED = (Phase.COMPLETED, Phase.FOLLOWED_UP, Phase.CLOSED)  # a tuple: identity tests

_SCOPE_UNVERIFIED_FROM = RETENTION_YEARS.values[1].since
"""Décret n° 2023-1350 (in force 2023-12-31) extended retention to 3 years; whether that
covers every document, not only the exceptions, is unverified. From that day an ordinary
document kept after the end of the action (within the period) is a warning, not an error."""


@register(
    "BC-RESULTS-TO-BENEFICIARY",
    severity=Severity.ERROR,
    title=Text(
        fr="Résultats détaillés et synthèse remis au bénéficiaire",
        en="Detailed results and synthesis delivered to the beneficiary",
    ),
    references=(ref.L6313_4,),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    section="confidentiality",
    notes=Text(
        fr=(
            "Vérifiée une fois le bilan terminé (completed, followed_up ou closed) : un document "
            "de synthèse et un document de résultats détaillés portent chacun une date "
            "delivered_at. Le prestataire qui remet les résultats au sein de la synthèse les "
            "enregistre comme un document detailed_results remis au même moment. Un bilan "
            "abandonné n'est pas vérifié. La règle conditionne la remise de la synthèse : la phase "
            "prend fin lorsque la synthèse est remise."
        ),
        en=(
            "Checked once the bilan is completed (completed, followed_up or closed): a synthesis "
            "document and a detailed-results document each carry delivered_at. A provider that "
            "hands the results inside the synthesis records them as a detailed_results document "
            "delivered at the same time. An abandoned bilan is not checked. It guards the "
            "synthesis's delivery: the phase ends when the synthesis is handed over."
        ),
    ),
    blocks=("deliver_synthesis",),
)
def _results_to_beneficiary(bilan: Bilan, _ctx: Context) -> Iterator[Finding]:
    if bilan.phase not in _COMPLETED:
        return
    delivered = [d.kind for d in bilan.documents if d.delivered_at is not None]
    for kind, name_fr, name_en in _RESULTS:
        if kind not in delivered:
            yield Finding(
                path="$.documents",
                message=Text(
                    fr=f"bilan terminé ({bilan.phase.value}) sans {name_fr} remis au bénéficiaire",
                    en=f"bilan completed ({bilan.phase.value}) with no {name_en} "
                    "delivered to the beneficiary",
                ),
            )


_RESULTS = (
    (DocumentKind.SYNTHESIS, "document de synthèse", "synthesis document"),
    (DocumentKind.DETAILED_RESULTS, "résultats détaillés", "detailed results"),
)


@guard("BC-RESULTS-TO-BENEFICIARY", "deliver_synthesis")
def _synthesis_delivered(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    at = ctx.at
    if not any(
        d.kind is DocumentKind.SYNTHESIS
        and d.delivered_at is not None
        and (at is None or d.delivered_at <= at)
        for d in bilan.documents
    ):
        yield Finding(
            path="$.documents",
            message=Text(
                fr="la synthèse n'est pas remise au bénéficiaire",
                en="the synthesis is not delivered to the beneficiary",
            ),
        )


@register(
    "BC-DISCLOSURE-CONSENT",
    severity=Severity.ERROR,
    title=Text(
        fr="Transmission à un tiers : accord préalable du bénéficiaire",
        en="Disclosure to anyone else: the beneficiary's prior agreement",
    ),
    references=(ref.L6313_4, ref.CPEN_226_13, ref.L6111_6, ref.ARRETE_2009_07_31),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    section="confidentiality",
    notes=Text(
        fr=(
            "Chaque transmission enregistrée est appréciée à son propre instant selon la décision "
            "de can_disclose : le bénéficiaire, toujours ; l'opérateur du CEP, à la demande du "
            "bénéficiaire ou avec son accord (la voie propre au CEP s'ajoute à la voie générale, "
            "elle ne la remplace pas), en cours de validité ; l'administration d'un agent de "
            "l'État (FPE), pour la synthèse, sauf opposition de l'agent (arrêté du 31 juillet "
            "2009 : la règle par défaut inverse de celle du secteur privé) ; tout autre "
            "destinataire, avec un accord "
            "(ou une demande) donné au plus tard au moment de la transmission, désignant ce "
            "destinataire et chaque document transmis, et non révoqué à ce moment. La transmission "
            "d'un document détruit à cette date, ou d'un document inconnu, est également signalée. "
            "Les personnes qui détiennent des données du bilan sont tenues au secret professionnel "
            "(C. pén. 226-13 : 1 an et 15 000 €) ; la bibliothèque ne peut voir les fuites dont "
            "elle n'est pas informée."
        ),
        en=(
            "Each recorded disclosure is judged at its own instant by the decision of "
            "can_disclose: the beneficiary always; the CEP operator at the beneficiary's request "
            "or with their agreement (the CEP's own route adds to the general one, it does not "
            "replace it), in force; the administration of a State agent (FPE) for the synthesis "
            "unless the agent objected (arrêté du 31 juillet 2009: the opposite default of the "
            "private sector); anyone else with an agreement (or request) given at or before the "
            "disclosure, naming that recipient and every document disclosed, not revoked by then. "
            "A disclosure of a document destroyed by that day, or of an unknown document, is "
            "reported too. Staff who hold bilan data are bound by professional secrecy (C. pén. "
            "226-13: 1 year and 15 000 €); the library cannot see leaks it is not told."
        ),
    ),
)
def _disclosure_consent(bilan: Bilan, _ctx: Context) -> Iterator[Finding]:
    for index, disclosure in enumerate(bilan.disclosures):
        if disclosure.recipient is RecipientKind.BENEFICIARY:
            continue
        decision = can_disclose(bilan, disclosure.document_ids, disclosure.recipient, disclosure.at)
        if not decision.allowed:
            yield Finding(
                path=f"$.disclosures[{index}]",
                message=decision.reason.map(
                    "transmission non autorisée : {}", "disclosure not allowed: {}"
                ),
            )


@register(
    "BC-DOCUMENT-RETENTION",
    severity=Severity.ERROR,
    title=Text(
        fr="Destruction des documents au terme de l'action",
        en="Documents destroyed at the end of the action",
    ),
    references=(ref.R6313_7, ref.DECRET_2023_1350),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    confidence_note=Text(
        fr="Source officielle pour l'allongement à 3 ans ; sa portée exacte n'est pas vérifiée.",
        en="Official for the extension to 3 years; its exact scope is unverified.",
    ),
    section="confidentiality",
    notes=Text(
        fr=(
            "La durée de conservation est décomptée à partir du terme de l'action (le jour, heure "
            "de Paris, où s'achève la dernière séance des trois phases) et appréciée à la date "
            "d'évaluation, période par période du paramètre de conservation (1 an à compter de "
            "2019, 3 ans à compter du 2023-12-31). Un document est conservé à un jour donné s'il "
            "n'est pas détruit à ce jour (destroyed_on vide ou postérieur). Exceptions : la "
            "synthèse et les documents portant kept_with_consent_on. Tout document conservé plus "
            "de 3 ans est une erreur ; avant le 2023-12-31, une exception conservée au-delà de "
            "1 an, ou un autre document conservé au-delà du terme, est une erreur ; depuis le "
            "2023-12-31, un autre document conservé après le terme (dans les 3 ans) est un "
            "avertissement, faute d'avoir vérifié si le décret 2023-1350 a allongé la conservation "
            "de tous les documents. Un seul constat par document, le plus grave."
        ),
        en=(
            "Counted from the end of the action (the Paris day the last session of the three "
            "phases ends) and judged at the evaluation date, period by period of the retention "
            "parameter (1 year from 2019, 3 years from 2023-12-31). A document is held on a day "
            "when it is not destroyed by that day (destroyed_on empty or later). Exceptions: the "
            "synthesis and documents with kept_with_consent_on. Any document held more than "
            "3 years is an error; before 2023-12-31 an exception held past 1 year, or another "
            "document held past the end, is an error; since 2023-12-31 another document held after "
            "the end (within 3 years) is a warning, because whether décret 2023-1350 extended "
            "every document's retention is unverified. One finding per document, the most serious."
        ),
    ),
)
def _document_retention(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    end_day = end_of_action(bilan)
    if end_day is None or not bilan.documents:
        return
    end = end_day.toordinal()
    periods = _periods(end, ctx.on.toordinal())
    for index, document in enumerate(bilan.documents):
        finding = _retention_finding(document, index, end, periods)
        if finding is not None:
            yield finding


_Period = tuple[int, int, int, int, bool]
"""One period of the retention parameter up to the evaluation date, in day ordinals: its
first and last day, its years, the last day an exception may be held (end + years), and
whether the scope of the extension is unverified (from 2023-12-31)."""


def _periods(end: int, on: int) -> list[_Period]:
    """The periods of RETENTION_YEARS that start on or before the evaluation date."""
    end_day = dt.date.fromordinal(end)
    return [
        (first, min(last, on), years, add_months(end_day, 12 * years).toordinal(), unverified)
        for first, last, years, unverified in _RETENTION_PERIODS
        if first <= min(last, on)
    ]


def _retention_periods() -> tuple[tuple[int, int, int, bool], ...]:
    """Each value of RETENTION_YEARS: first and last day (ordinals), years, scope unverified."""
    values = RETENTION_YEARS.values
    bounds = [entry.since.toordinal() for entry in values] + [_NEVER + 1]
    return tuple(
        (bounds[i], bounds[i + 1] - 1, entry.value, entry.since >= _SCOPE_UNVERIFIED_FROM)
        for i, entry in enumerate(values)
    )


_NEVER = dt.date.max.toordinal()
_RETENTION_PERIODS = _retention_periods()


def _retention_finding(
    document: Document, index: int, end: int, periods: list[_Period]
) -> Finding | None:
    """The most serious finding on one document, if any.

    Held past its limit is an error; since the extension to 3 years, an ordinary document
    held after the end (within the limit) is a warning.
    """
    exception = is_retention_exception(document)
    destroyed = document.destroyed_on
    held_until = destroyed.toordinal() - 1 if destroyed is not None else _NEVER
    if held_until <= end:
        return None  # destroyed by the day after the end: never held after it
    warning: Finding | None = None
    for first, last_day, years, limit, scope_unverified in periods:
        strict = not exception and not scope_unverified
        last = min(last_day, held_until)
        held = max(first, (end if strict else limit) + 1)
        if held <= last:
            return _held_too_long(document, index, held, end, years, strict=strict)
        if exception or strict or warning is not None:
            continue
        kept = max(first, end + 1)
        if kept <= last:
            warning = _kept_after_end(document, index, kept, end, years)
    return warning


def _held_too_long(
    document: Document, index: int, held: int, end: int, years: int, *, strict: bool
) -> Finding:
    allowed_fr, allowed_en = (
        ("au terme de l'action", "at the end of the action")
        if strict
        else (
            f"{years} an{'s' if years > 1 else ''} après la fin de l'action",
            f"{years} year{'s' if years > 1 else ''} after the end",
        )
    )
    held_day, end_day = dt.date.fromordinal(held), dt.date.fromordinal(end)
    return Finding(
        path=f"$.documents[{index}].destroyed_on",
        message=Text(
            fr=f"document {document.id!r} ({document.kind.value}) encore conservé le "
            f"{date_fr(held_day)} ; l'action a pris fin le {date_fr(end_day)}, destruction due "
            f"{allowed_fr}",
            en=f"document {document.id!r} ({document.kind.value}) still held on "
            f"{date_en(held_day)}; the action ended on {date_en(end_day)}, destruction due "
            f"{allowed_en}",
        ),
    )


def _kept_after_end(document: Document, index: int, kept: int, end: int, years: int) -> Finding:
    kept_day, end_day = dt.date.fromordinal(kept), dt.date.fromordinal(end)
    return Finding(
        path=f"$.documents[{index}].destroyed_on",
        message=Text(
            fr=f"document {document.id!r} ({document.kind.value}) conservé le "
            f"{date_fr(kept_day)} après la fin de l'action ({date_fr(end_day)}) sans accord écrit "
            "du bénéficiaire : à détruire au terme de l'action (portée de l'extension à "
            f"{years} ans non vérifiée)",
            en=f"document {document.id!r} ({document.kind.value}) held on "
            f"{date_en(kept_day)} after the end of the action ({date_en(end_day)}) without the "
            "beneficiary's written consent: destroy it at the end of the action (whether "
            f"the {years}-year extension covers it is unverified)",
        ),
        severity=Severity.WARNING,
    )


@register(
    "BC-DATA-MINIMISATION",
    severity=Severity.ERROR,
    title=Text(
        fr="Informations en lien direct et nécessaire avec le bilan",
        en="Only information with a direct and necessary link with the bilan",
    ),
    references=(ref.L6313_4,),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    confidence_note=Text(
        fr=(
            "Le principe repose sur une source officielle ; la bibliothèque l'applique par sa "
            "structure."
        ),
        en="The principle is official; how the library applies it is structural.",
    ),
    section="confidentiality",
    notes=Text(
        fr=(
            "Garantie par la structure du modèle, non vérifiée dans les données : la fiche du "
            "bénéficiaire ne comporte aucun champ pour un nom, une adresse, une adresse "
            "électronique, un numéro de téléphone ou une date de naissance (seulement un "
            "identifiant opaque, le statut, le SIRET de l'employeur, la fonction publique "
            "d'appartenance et des dates) ; les identifiants refusent les espaces, « @ » et les "
            "accents ; le texte libre (texte des documents, parties de la synthèse, faits des "
            "événements) est masqué dans repr et n'est jamais recopié dans les messages, les "
            "exceptions ou les rapports. Les données ne permettent pas de dire si le texte libre "
            "rédigé par le prestataire, ou un identifiant opaque, contient des informations sans "
            "lien direct et nécessaire avec le bilan : deviner (des noms dans les identifiants, "
            "des mots dans la synthèse) serait factice, aussi ce contrôle ne signale-t-il rien. La "
            "garantie structurelle est verrouillée par des tests."
        ),
        en=(
            "Guaranteed by the model's structure, not checked in the data: the beneficiary record "
            "has no field for a name, an address, an e-mail, a phone number or a birth date (only "
            "an opaque id, the status, the employer's SIRET, the public service and dates); ids "
            "refuse spaces, '@' and accents; free text (document text, synthesis sections, event "
            "facts) is hidden from repr and never copied into messages, exceptions or reports. "
            "Whether the free text the provider writes, or an opaque id, carries information "
            "without a direct and necessary link with the bilan cannot be decided from the data: "
            "guessing (names in ids, words in the synthesis) would be fake, so this check reports "
            "nothing. The structural guarantee is pinned by tests."
        ),
    ),
)
def _data_minimisation(_bilan: Bilan, _ctx: Context) -> Iterator[Finding]:
    yield from ()
