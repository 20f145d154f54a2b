"""Section 8 of the catalogue: a provider's charter (the STAFF charter is the seed's).

These ``POL-`` rules are not law. They run only when :func:`~bilan_core.validate` is given a
:class:`~bilan_core.Policy`, whose fields hold their numbers; they default to warnings and a
policy can override their severity or turn them off. Each applies only what the charter
states: a rule none of whose parameters is stated reports nothing, and a rule with several
checks the stated ones. ``POL-CALLBACK`` and ``POL-OPENING-HOURS`` live in
:mod:`~bilan_core.checks.charter_calendar`.

What the rules count (the same conventions as the law rules):

- *Sessions*: the sessions of the three legal phases that are planned or held (cancelled ones
  count for nothing); the follow-up interview comes after the bilan and is apart.
- *Meetings* (*rencontres*): sessions of accompaniment with the consultant (interviews,
  workshops, tests taken with the consultant), not personal work or tests taken alone.
- *Days*: Europe/Paris calendar days; a span or delay of N days from D ends on D + N.
- A plan without sessions is not judged on duration, meetings, span or start delay; a bilan
  abandoned or cancelled is not held to the charter's minimums.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pendulum

from bilan_core import facts
from bilan_core import references as ref
from bilan_core._format import date_en, date_fr, hours, hours_en
from bilan_core._paris import add_months, paris_day
from bilan_core.checks._catalogue import guard, register
from bilan_core.checks._model import Finding
from bilan_core.documents import DocumentKind
from bilan_core.phases import Phase
from bilan_core.references import Confidence
from bilan_core.report import Severity
from bilan_core.sessions import Modality, Session
from bilan_core.text import Text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from bilan_core.bilan import Bilan
    from bilan_core.checks._context import Context
    from bilan_core.policy import Policy

__all__: list[str] = []

_2019 = pendulum.date(2019, 1, 1)
# Tuples: membership by identity, without hashing the enum member (Python-level).
_DONE = (Phase.COMPLETED, Phase.FOLLOWED_UP)  # CLOSED: follow-up declined
_SECTION = "policy"

_SECTION_FR = {
    "circumstances": "circonstances",
    "conduct": "déroulement",
    "prospects": "perspectives envisagées",
    "action_plan": "plan d'action",
}


def _policy(ctx: Context) -> Policy:
    policy = ctx.policy
    if policy is None:  # pragma: no cover - validate() runs POL rules only with a policy
        raise RuntimeError("a POL rule ran without a policy")
    return policy


def _index(bilan: Bilan, session: Session) -> int:
    for i, candidate in enumerate(bilan.sessions):
        if candidate is session:
            return i
    return bilan.sessions.index(session)  # pragma: no cover - same object in practice


def _end_day(session: Session) -> dt.date:
    return dt.date.fromordinal(facts.end_ordinal(session))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _bounds(
    low: int | None, high: int | None, fr: Callable[[int], str], en: Callable[[int], str]
) -> Text:
    """What the bounds a charter states provide: ``18 h à 24 h``, ``au moins 18 h``..."""
    if low is not None:
        if high is None:
            return Text(fr=f"au moins {fr(low)}", en=f"at least {en(low)}")
        return Text(fr=f"{fr(low)} à {fr(high)}", en=f"{en(low)} to {en(high)}")
    if high is not None:
        return Text(fr=f"au plus {fr(high)}", en=f"at most {en(high)}")
    raise ValueError("no bound stated")  # pragma: no cover - the rules return before


@register(
    "POL-DURATION-RANGE",
    severity=Severity.WARNING,
    title=Text(
        fr="Durée totale dans la fourchette de la charte",
        en="Total duration within the charter's range",
    ),
    references=(ref.STAFF_CHARTER, ref.L6313_4),
    in_force_from=_2019,
    confidence=Confidence.PRACTICE,
    section=_SECTION,
    notes=Text(
        fr=(
            "STAFF : 18 h à 24 h au total. Compte les mêmes minutes que BC-DURATION-MAX (toutes "
            "les séances prévues ou tenues des trois phases, travail personnel compris). Le "
            "plafond légal de 24 h reste du ressort de BC-DURATION-MAX : cette règle ne signale "
            "que la fourchette de la charte. Ne s'applique que si la charte fixe "
            "Policy.duration_min_minutes ou Policy.duration_max_minutes ; une borne seule est "
            "seule vérifiée."
        ),
        en=(
            "STAFF: 18 h to 24 h in all. Counts the same minutes as BC-DURATION-MAX (every planned "
            "or held session of the three phases, personal work included). The law's 24 h ceiling "
            "stays BC-DURATION-MAX's: this rule reports only the charter's range. Applies only "
            "when the charter states Policy.duration_min_minutes or Policy.duration_max_minutes; "
            "a bound stated alone is the only one checked."
        ),
    ),
)
def _duration_range(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    policy = _policy(ctx)
    low, high = policy.duration_min_minutes, policy.duration_max_minutes
    if (low is None and high is None) or not bilan.bilan_sessions:
        return
    total = bilan.total_minutes
    too_short = low is not None and total < low and not facts.stopped_early(bilan)
    if too_short or (high is not None and total > high):
        provided = _bounds(low, high, hours, hours_en)
        yield Finding(
            path="$.sessions",
            message=provided.map(
                f"{hours(total)} prévues ; la charte prévoit {{}}",
                f"{hours_en(total)} planned; the charter provides {{}}",
            ),
        )


@register(
    "POL-MEETINGS-MIN",
    severity=Severity.WARNING,
    title=Text(
        fr="Nombre minimal de rencontres avec le consultant",
        en="Least number of meetings with the consultant",
    ),
    references=(ref.STAFF_CHARTER,),
    in_force_from=_2019,
    confidence=Confidence.PRACTICE,
    section=_SECTION,
    notes=Text(
        fr=(
            "STAFF : « 5 à 6 rencontres à minima », lu comme 5 au moins. Une rencontre est une "
            "séance d'accompagnement prévue ou tenue avec le consultant (le travail personnel et "
            "les tests passés seul ne sont pas des rencontres) ; l'entretien de suivi n'est pas "
            "compté. Ne s'applique que si la charte fixe Policy.meetings_min."
        ),
        en=(
            "STAFF: '5 à 6 rencontres à minima', read as at least 5. A meeting is a planned or "
            "held session of accompaniment with the consultant (personal work and tests taken "
            "alone are not meetings); the follow-up interview is not counted. Applies only when "
            "the charter states Policy.meetings_min."
        ),
    ),
)
def _meetings_min(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    least = _policy(ctx).meetings_min
    if least is None or not bilan.bilan_sessions or facts.stopped_early(bilan):
        return
    count = len([s for s in bilan.bilan_sessions if s.is_meeting])
    if count < least:
        yield Finding(
            path="$.sessions",
            message=(
                Text(
                    fr=f"{_plural(count, 'rencontre')} avec le consultant ; "
                    f"la charte en prévoit au moins {least}",
                    en=f"{_plural(count, 'meeting')} with the consultant; "
                    f"the charter provides at least {least}",
                )
            ),
        )


@register(
    "POL-SPAN",
    severity=Severity.WARNING,
    title=Text(
        fr="Durée calendaire du bilan (environ 2 à 3 mois)",
        en="Calendar span of the bilan (about 2 to 3 months)",
    ),
    references=(ref.STAFF_CHARTER,),
    in_force_from=_2019,
    confidence=Confidence.PRACTICE,
    section=_SECTION,
    notes=Text(
        fr=(
            "STAFF : « environ 2 à 3 mois » de la première à la dernière séance. Deux mois sont "
            "lus comme 61 jours et trois comme 92 ; « environ » comme 15 jours de part et d'autre "
            ": 46 à 107 jours pour STAFF (Policy.span_min_days, Policy.span_max_days). La durée "
            "est mesurée du jour, heure de Paris, de la première séance au jour, heure de Paris, "
            "où s'achève la dernière. Ne s'applique que si la charte fixe l'une des deux bornes ; "
            "une borne seule est seule vérifiée."
        ),
        en=(
            "STAFF: 'environ 2 à 3 mois' from the first to the last session. Two months are read "
            "as 61 days and three as 92; 'about' as 15 days either way: 46 to 107 days for STAFF "
            "(Policy.span_min_days, Policy.span_max_days). Measured from the Paris day of the "
            "first session to the Paris day the last one ends. Applies only when the charter "
            "states one of the two bounds; a bound stated alone is the only one checked."
        ),
    ),
)
def _span(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    policy = _policy(ctx)
    low, high = policy.span_min_days, policy.span_max_days
    first, last = bilan.first_session, bilan.last_session
    if (low is None and high is None) or first is None or last is None:
        return
    start, end = paris_day(first.start), _end_day(last)
    days = end.toordinal() - start.toordinal()
    too_short = low is not None and days < low and not facts.stopped_early(bilan)
    if too_short or (high is not None and days > high):
        provided = _bounds(low, high, str, str).map("{} jours", "{} days")
        yield Finding(
            path="$.sessions",
            message=provided.map(
                f"{_plural(days, 'jour')} du {date_fr(start)} au {date_fr(end)} ; "
                "la charte prévoit {}",
                f"{_plural(days, 'day')} from {date_en(start)} to {date_en(end)}; "
                "the charter provides {}",
            ),
        )


@register(
    "POL-START-DELAY",
    severity=Severity.WARNING,
    title=Text(
        fr="Démarrage dans le délai annoncé selon le financement",
        en="Start within the announced delay for the funding route",
    ),
    references=(ref.STAFF_CHARTER, ref.D6323_4, ref.DECRET_2007_1845),
    in_force_from=_2019,
    confidence=Confidence.PRACTICE,
    section=_SECTION,
    notes=Text(
        fr=(
            "STAFF : « démarrage possible sous 15 j à 2 mois selon le mode de financement ». Lu "
            "comme un maximum par mode de financement, de l'accord (date d'achat CPF, à défaut "
            "jour du consentement) à la première séance : 15 jours en autofinancement ou pour un "
            "CPF entièrement hors temps de travail, 61 jours (deux mois comptés comme pour la "
            "durée calendaire) pour les autres modes (financés). Les "
            "délais de prévenance légaux s'y ajoutent (interprétation : le prestataire ne peut "
            "commencer avant leur expiration) : la demande CPF à l'employeur sur le temps de "
            "travail (60 jours, 120 pour une action de 6 mois ou plus, D6323-4) et la demande de "
            "congé des agents publics (60 jours). Un plan sans jour d'accord n'est pas apprécié. "
            "Ne s'applique qu'aux modes de financement dont la charte fixe le délai "
            "(Policy.start_delay_max_days) : un mode qu'elle ne cite pas n'est pas apprécié."
        ),
        en=(
            "STAFF: 'démarrage possible sous 15 j à 2 mois selon le mode de financement'. Read as "
            "a maximum per route, from the agreement (CPF purchase date, otherwise the day of "
            "consent) to the first session: 15 days self-funded or CPF entirely outside working "
            "time, 61 days (two months, counted as for the span) for the other (funded) routes. "
            "Legal notices come on top "
            "(interpretation: the provider cannot start before them): the CPF employer notice on "
            "working time (60 days, 120 for an action of 6 months or more, D6323-4) and the public "
            "agents' leave notice (60 days). A plan with no agreement day is not judged. Applies "
            "only to the routes whose delay the charter states (Policy.start_delay_max_days): a "
            "route it does not name is not judged."
        ),
    ),
)
def _start_delay(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    policy = _policy(ctx)
    first, last = bilan.first_session, bilan.last_session
    agreed = facts.agreement_day(bilan)
    if first is None or last is None or agreed is None:
        return
    route = facts.route(bilan)
    allowed = policy.start_delay_max(route)
    if allowed is None:
        return
    notice = facts.legal_notice_days(bilan, ctx.values)
    start = paris_day(first.start)
    delay = start.toordinal() - agreed.toordinal()
    if delay > allowed + notice:
        extra_fr = f" + {notice} jours de préavis légal" if notice else ""
        extra_en = f" + {notice} days of legal notice" if notice else ""
        yield Finding(
            path=f"$.sessions[{_index(bilan, first)}].start",
            message=(
                Text(
                    fr=f"première séance {delay} jours après l'accord ({route}) ; la charte "
                    "annonce "
                    f"au plus {allowed} jours{extra_fr}",
                    en=f"first session {delay} days after the agreement ({route}); the charter "
                    f"announces at most {allowed} days{extra_en}",
                )
            ),
        )


@register(
    "POL-INDIVIDUAL",
    severity=Severity.WARNING,
    title=Text(fr="Démarche personnalisée, en individuel", en="Personalised approach, one to one"),
    references=(ref.STAFF_CHARTER, ref.R6313_4),
    in_force_from=_2019,
    confidence=Confidence.PRACTICE,
    section=_SECTION,
    notes=Text(
        fr=(
            "STAFF : « démarche personnalisée, en individuel » : toute séance prévue ou tenue, "
            "entretien de suivi compris, est individuelle. La loi elle-même n'exige des entretiens "
            "personnalisés que pour les conclusions (BC-CONCLUSION-PERSONAL). Ne s'applique que "
            "si la charte fixe Policy.individual_only à vrai."
        ),
        en=(
            "STAFF: 'démarche personnalisée, en individuel': every planned or held session, the "
            "follow-up interview included, is individual. The law itself only requires "
            "personalised interviews in the conclusions (BC-CONCLUSION-PERSONAL). Applies only "
            "when the charter states Policy.individual_only as true."
        ),
    ),
)
def _individual(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    if _policy(ctx).individual_only is not True:
        return
    for i, session in enumerate(bilan.sessions):
        if session.counts and not session.individual:
            yield Finding(
                path=f"$.sessions[{i}].individual",
                message=Text(
                    fr=f"séance collective ({session.phase.label.fr}) ; la charte prévoit "
                    "des séances individuelles",
                    en=f"collective session ({session.phase.label.en}); the charter "
                    "provides one-to-one sessions",
                ),
            )


_MODALITY_FR = {Modality.IN_PERSON: "présentiel", Modality.REMOTE: "distanciel"}


@register(
    "POL-MODALITIES",
    severity=Severity.WARNING,
    title=Text(
        fr="Modalités proposées ; présentiel sur un site du prestataire",
        en="Modalities offered; in-person sessions at one of the provider's sites",
    ),
    references=(ref.STAFF_CHARTER,),
    in_force_from=_2019,
    confidence=Confidence.PRACTICE,
    section=_SECTION,
    notes=Text(
        fr=(
            "STAFF propose des bilans en présentiel, en distanciel et mixtes : la modalité d'une "
            "séance est l'une de celles que propose la charte ; les combiner suppose l'option "
            "« blended » (mixte) ; une séance en présentiel désigne un site (le modèle refuse un "
            "site qui n'est pas l'un de ceux du prestataire, de sorte qu'il suffit d'en désigner "
            "un). Chacune de ces trois exigences ne s'applique que si la charte la fixe "
            "(Policy.modalities ; Policy.blended à faux ; Policy.in_person_at_provider_site à "
            "vrai)."
        ),
        en=(
            "STAFF offers in-person, remote and blended bilans (présentiel, distanciel, mixte): a "
            "session's modality is one the charter offers; mixing them needs 'blended'; an "
            "in-person session names a site (the model refuses a site that is not one of the "
            "provider's, so naming one is enough). Each of the three applies only when the charter "
            "states it (Policy.modalities; Policy.blended as false; "
            "Policy.in_person_at_provider_site as true)."
        ),
    ),
)
def _modalities(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    policy = _policy(ctx)
    at_site = policy.in_person_at_provider_site is True
    unmixed = policy.blended is False
    if policy.modalities is None and not at_site and not unmixed:
        return
    # Identity tests: enum hashing is slow in loops. Not stated: every modality is offered.
    offered = tuple(Modality if policy.modalities is None else policy.modalities)
    first_used: Modality | None = None
    mixed = False
    for i, session in enumerate(bilan.sessions):
        if not session.counts:
            continue
        modality = session.modality
        if first_used is None:
            first_used = modality
        elif modality is not first_used:
            mixed = True
        if modality not in offered:
            yield Finding(
                path=f"$.sessions[{i}].modality",
                message=Text(
                    fr=f"séance en {_MODALITY_FR[modality]} ; modalité non proposée",
                    en=f"{modality.value} session; modality not offered",
                ),
            )
        elif modality is Modality.IN_PERSON and at_site and session.site_id is None:
            yield Finding(
                path=f"$.sessions[{i}].site_id",
                message=Text(
                    fr="séance en présentiel sans site ; elle a lieu sur un site du prestataire",
                    en="in-person session names no site; it takes place at a provider's site",
                ),
            )
    if unmixed and mixed:
        yield Finding(
            path="$.sessions",
            message=Text(
                fr="présentiel et distanciel mêlés ; la charte ne propose pas de bilan mixte",
                en="in-person and remote sessions mixed; the charter offers no blended bilan",
            ),
        )


@register(
    "POL-ENGAGEMENT-DOCUMENT",
    severity=Severity.WARNING,
    title=Text(
        fr="Document « engagement dans la démarche » signé avant l'investigation",
        en="'Engagement' document signed before the investigation starts",
    ),
    references=(ref.STAFF_CHARTER, ref.R6313_4),
    in_force_from=_2019,
    confidence=Confidence.PRACTICE,
    section=_SECTION,
    notes=Text(
        fr=(
            "STAFF clôt la phase préliminaire par un document « engagement dans la démarche » que "
            "signe le bénéficiaire. Appréciée dès que la première séance d'investigation a "
            "commencé (auparavant, un document non signé est en attente). En présence d'une "
            "charte, la règle conditionne le passage à l'investigation : le document signé à ce "
            "moment. Ne s'applique que si la charte fixe Policy.engagement_document_required "
            "à vrai."
        ),
        en=(
            "STAFF closes the preliminary phase with a document 'engagement dans la démarche' the "
            "beneficiary signs. Judged once the first investigation session has started (before "
            "that, an unsigned document is pending). With a charter it guards the move to the "
            "investigation: the document signed by then. Applies only when the charter states "
            "Policy.engagement_document_required as true."
        ),
    ),
    blocks=("confirm_engagement",),
)
def _engagement(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    if _policy(ctx).engagement_document_required is not True:
        return
    investigation = [s for s in bilan.bilan_sessions if s.phase is Phase.INVESTIGATION]
    if not investigation:
        return
    begins = investigation[0].start
    documents = [(i, d) for i, d in enumerate(bilan.documents) if d.kind is DocumentKind.ENGAGEMENT]
    signed = [(i, d) for i, d in documents if d.signed_at is not None]
    if any(d.signed_at <= begins for _, d in signed if d.signed_at is not None):
        return
    if paris_day(begins) > ctx.on and not signed:
        return
    day = paris_day(begins)
    if signed:
        i = signed[0][0]
        yield Finding(
            path=f"$.documents[{i}].signed_at",
            message=Text(
                fr=f"document d'engagement signé après le début de l'investigation "
                f"({date_fr(day)})",
                en=f"engagement document signed after the investigation began ({date_en(day)})",
            ),
        )
        return
    path = f"$.documents[{documents[0][0]}].signed_at" if documents else "$.documents"
    yield Finding(
        path=path,
        message=Text(
            fr=f"aucun document d'engagement signé avant l'investigation ({date_fr(day)})",
            en=f"no engagement document signed before the investigation ({date_en(day)})",
        ),
    )


@guard("POL-ENGAGEMENT-DOCUMENT", "confirm_engagement")
def _engagement_signed(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    if _policy(ctx).engagement_document_required is not True:
        return
    at = ctx.at
    if not any(
        d.kind is DocumentKind.ENGAGEMENT
        and d.signed_at is not None
        and (at is None or d.signed_at <= at)
        for d in bilan.documents
    ):
        yield Finding(
            path="$.documents",
            message=Text(
                fr="le document d'engagement n'est pas signé",
                en="the engagement document is not signed",
            ),
            severity=Severity.ERROR,
        )


@register(
    "POL-SYNTHESIS-SECTIONS",
    severity=Severity.WARNING,
    title=Text(
        fr="Document de synthèse en quatre parties", en="Synthesis document in four sections"
    ),
    references=(ref.STAFF_CHARTER, ref.L6313_4),
    in_force_from=_2019,
    confidence=Confidence.PRACTICE,
    section=_SECTION,
    notes=Text(
        fr=(
            "STAFF : circonstances ; déroulement du bilan (compétences et aptitudes au regard des "
            "perspectives) ; perspectives envisagées (éléments du projet, principales étapes) ; "
            "plan d'action. Une synthèse enregistrée en texte brut est signalée comme non "
            "structurée ; une synthèse sans contenu dans le plan (ou détruite) ne peut être "
            "appréciée. Seuls les noms des parties sont affichés, jamais leur contenu. Ne "
            "s'applique que si la charte fixe Policy.synthesis_sections_required à vrai."
        ),
        en=(
            "STAFF: circumstances; conduct of the bilan (skills and aptitudes in view of the "
            "prospects); envisaged prospects (project elements, main steps); action plan. A "
            "synthesis stored as plain text is reported as not structured; a synthesis with no "
            "content in the plan (or destroyed) cannot be judged. Only section names are shown, "
            "never their content. Applies only when the charter states "
            "Policy.synthesis_sections_required as true."
        ),
    ),
)
def _synthesis_sections(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    if _policy(ctx).synthesis_sections_required is not True:
        return
    for i, document in enumerate(bilan.documents):
        if document.kind is not DocumentKind.SYNTHESIS or document.is_destroyed:
            continue
        if document.synthesis is None:
            if document.text is not None:
                yield Finding(
                    path=f"$.documents[{i}].synthesis",
                    message=Text(
                        fr="synthèse non structurée ; la charte prévoit quatre parties",
                        en="unstructured synthesis; the charter provides four sections",
                    ),
                )
            continue
        missing = document.synthesis.missing
        if missing:
            yield Finding(
                path=f"$.documents[{i}].synthesis",
                message=Text(
                    fr="parties manquantes : " + ", ".join(_SECTION_FR[m] for m in missing),
                    en="missing sections: " + ", ".join(missing),
                ),
            )


@register(
    "POL-SYNTHESIS-LAST-MEETING",
    severity=Severity.WARNING,
    title=Text(
        fr="Synthèse présentée et remise à la dernière rencontre",
        en="Synthesis presented and handed over at the last meeting",
    ),
    references=(ref.STAFF_CHARTER, ref.L6313_4),
    in_force_from=_2019,
    confidence=Confidence.PRACTICE,
    section=_SECTION,
    notes=Text(
        fr=(
            "STAFF : la synthèse est présentée au bénéficiaire pour observations et lui est remise "
            "lors de la dernière rencontre. Appréciée sur les dates indiquées dans le plan : "
            "chacune doit tomber le jour, heure de Paris, de la dernière rencontre. Une synthèse "
            "non encore remise relève de BC-RESULTS-TO-BENEFICIARY, non de cette règle. Ne "
            "s'applique que si la charte fixe Policy.synthesis_at_last_meeting à vrai."
        ),
        en=(
            "STAFF: the synthesis is presented for the beneficiary's observations and handed over "
            "at the last meeting. Judged on the dates the plan states: each must fall on the Paris "
            "day of the last meeting. A synthesis not yet handed over is "
            "BC-RESULTS-TO-BENEFICIARY's matter, not this rule's. Applies only when the charter "
            "states Policy.synthesis_at_last_meeting as true."
        ),
    ),
)
def _synthesis_last_meeting(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    if _policy(ctx).synthesis_at_last_meeting is not True:
        return
    last_meeting = next((s for s in reversed(bilan.bilan_sessions) if s.is_meeting), None)
    if last_meeting is None:
        return
    last_day = paris_day(last_meeting.start)
    for i, document in enumerate(bilan.documents):
        if document.kind is not DocumentKind.SYNTHESIS or document.delivered_at is None:
            continue
        if document.presented_at is None:
            yield Finding(
                path=f"$.documents[{i}].presented_at",
                message=Text(
                    fr="synthèse remise sans avoir été présentée pour observations",
                    en="synthesis handed over without being presented for observations",
                ),
            )
        for field, when in (
            ("presented_at", document.presented_at),
            ("delivered_at", document.delivered_at),
        ):
            if when is None or paris_day(when) == last_day:
                continue
            verb, verb_en = (
                ("présentée", "presented") if field == "presented_at" else ("remise", "handed over")
            )
            yield Finding(
                path=f"$.documents[{i}].{field}",
                message=Text(
                    fr=f"synthèse {verb} le {date_fr(paris_day(when))} ; dernière rencontre "
                    f"le {date_fr(last_day)}",
                    en=f"synthesis {verb_en} on {date_en(paris_day(when))}; last meeting "
                    f"on {date_en(last_day)}",
                ),
            )


def _follow_up_day(bilan: Bilan) -> tuple[str, dt.date] | None:
    follow_up = bilan.follow_up
    if follow_up.held_on is not None:
        return "$.follow_up.held_on", follow_up.held_on
    if follow_up.planned_on is not None:
        return "$.follow_up.planned_on", follow_up.planned_on
    for i, session in enumerate(bilan.sessions):
        if session.phase is Phase.FOLLOWED_UP and session.counts:
            return f"$.sessions[{i}].start", paris_day(session.start)
    return None


@register(
    "POL-FOLLOW-UP-6M",
    severity=Severity.WARNING,
    title=Text(
        fr="Entretien de suivi environ 6 mois après la fin",
        en="Follow-up interview about 6 months after the end",
    ),
    references=(ref.STAFF_CHARTER, ref.R6313_4),
    in_force_from=_2019,
    confidence=Confidence.PRACTICE,
    section=_SECTION,
    notes=Text(
        fr=(
            "La loi n'exige que la possibilité d'un suivi (BC-FOLLOW-UP-OFFERED) ; STAFF le "
            "programme environ 6 mois après la fin. Appréciée une fois le bilan terminé, sauf si "
            "le bénéficiaire a décliné le suivi : le jour où il est tenu ou prévu (ou la séance de "
            "suivi) se situe à 31 jours au plus de la fin + 6 mois "
            "(Policy.follow_up_months, Policy.follow_up_tolerance_days). Ne s'applique que si la "
            "charte fixe Policy.follow_up_months : un suivi doit alors être prévu ; sa date n'est "
            "appréciée que si la charte fixe aussi Policy.follow_up_tolerance_days."
        ),
        en=(
            "The law requires only the possibility of a follow-up (BC-FOLLOW-UP-OFFERED); STAFF "
            "schedules it about 6 months after the end. Judged once the bilan is completed, unless "
            "the beneficiary declined it: the held or planned day (or the follow-up session) falls "
            "within 31 days of end + 6 months (Policy.follow_up_months, "
            "Policy.follow_up_tolerance_days). Applies only when the charter states "
            "Policy.follow_up_months: a follow-up must then be planned; its date is judged only "
            "when the charter also states Policy.follow_up_tolerance_days."
        ),
    ),
)
def _follow_up(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    policy = _policy(ctx)
    months = policy.follow_up_months
    last = bilan.last_session
    end = _end_day(last) if last is not None else None
    if months is None or bilan.phase not in _DONE or end is None:
        return
    if bilan.follow_up.declined_on is not None:
        return
    target = add_months(end, months)
    found = _follow_up_day(bilan)
    if found is None:
        yield Finding(
            path="$.follow_up.planned_on",
            message=Text(
                fr=f"aucun entretien de suivi prévu ; la charte le prévoit vers le "
                f"{date_fr(target)} ({months} mois après la fin)",
                en=f"no follow-up interview planned; the charter plans it around "
                f"{date_en(target)} ({months} months after the end)",
            ),
        )
        return
    path, day = found
    gap = day.toordinal() - target.toordinal()
    tolerance = policy.follow_up_tolerance_days
    if tolerance is not None and abs(gap) > tolerance:
        yield Finding(
            path=path,
            message=Text(
                fr=f"entretien de suivi le {date_fr(day)} ; la charte le prévoit vers le "
                f"{date_fr(target)} ({months} mois après la fin, à {tolerance} jours près)",
                en=f"follow-up interview on {date_en(day)}; the charter plans it around "
                f"{date_en(target)} ({months} months after the end, within {tolerance} days)",
            ),
        )
