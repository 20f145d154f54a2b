"""Section 2 of the catalogue: the three phases and their order (C. trav. R6313-4).

- ``BC-PHASES-COMPLETE``: the bilan has the three phases (préliminaire, investigation,
  conclusions).
- ``BC-PHASES-ORDER``: no phase starts before the previous one has started (error); a session
  of an earlier phase after a later one started is "going back" (warning, interpretation).
- ``BC-CONCLUSION-PERSONAL``: the conclusions are held through personalised interviews: at
  least one individual interview (error); a collective session there is a warning.
- ``BC-FOLLOW-UP-OFFERED``: once completed, the possibility of a follow-up interview was
  offered.

What is decidable depends on where the bilan stands: a completed bilan is judged on its held
sessions; a bilan still in progress only on the phases it has already left, the later phases
being reported as not yet planned (info), since a plan may be filled in as it goes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pendulum

from bilan_core import facts
from bilan_core import references as ref
from bilan_core.checks._catalogue import guard, register
from bilan_core.checks._model import Finding
from bilan_core.documents import DocumentKind
from bilan_core.phases import Phase
from bilan_core.references import Confidence
from bilan_core.report import Severity
from bilan_core.sessions import SessionKind, SessionStatus
from bilan_core.text import Text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bilan_core.bilan import Bilan
    from bilan_core.checks._context import Context
    from bilan_core.sessions import Session

__all__: list[str] = []

_2019 = pendulum.date(2019, 1, 1)
_SECTION = "phases"
_ORDERED = (Phase.PRELIMINARY, Phase.INVESTIGATION, Phase.CONCLUSION)
_DONE = (Phase.COMPLETED, Phase.FOLLOWED_UP, Phase.CLOSED)  # tuples: identity tests
_FR = {
    Phase.PRELIMINARY: "la phase préliminaire",
    Phase.INVESTIGATION: "la phase d'investigation",
    Phase.CONCLUSION: "la phase de conclusions",
}
_EN = {
    Phase.PRELIMINARY: "the preliminary phase",
    Phase.INVESTIGATION: "the investigation phase",
    Phase.CONCLUSION: "the conclusions phase",
}


_PRELIMINARY, _INVESTIGATION, _CONCLUSION = _ORDERED
_HELD = SessionStatus.HELD
_INTERVIEW = SessionKind.INTERVIEW


def _path(bilan: Bilan, session: Session, field: str) -> str:
    return f"$.sessions[{bilan.sessions.index(session)}].{field}"


def _rank(phase: Phase) -> int:
    """0, 1 or 2 for the legal phases (identity tests: enum hashing is slow in hot loops)."""
    if phase is _PRELIMINARY:
        return 0
    return 1 if phase is _INVESTIGATION else 2


@register(
    "BC-PHASES-COMPLETE",
    severity=Severity.ERROR,
    title=Text(fr="Les trois phases du bilan", en="The three phases of the bilan"),
    references=(ref.R6313_4,),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    section=_SECTION,
    notes=Text(
        fr=(
            "La règle s'apprécie selon le stade où en est le bilan. Bilan terminé, entretien de "
            "suivi réalisé ou bilan clos : chacune des trois phases compte au moins une séance "
            "tenue (erreur). Pendant une phase légale : chaque phase déjà quittée compte une "
            "séance tenue (erreur) ; la phase en cours et les suivantes sans aucune séance prévue "
            "sont signalées pour information, le plan pouvant être complété au fil du bilan (pas "
            "encore décidable). Les bilans au stade de l'information préalable, annulés ou "
            "abandonnés ne sont pas examinés. Que les séances aient réellement servi l'objet de "
            "chaque phase (analyser le besoin, construire un projet, s'approprier les résultats) "
            "ne ressort pas des données du plan. La règle conditionne le passage d'une phase à "
            "l'autre : l'investigation suppose une séance préliminaire tenue, les conclusions une "
            "séance d'investigation tenue."
        ),
        en=(
            "Judged by where the bilan stands. Completed, followed up or closed: each of the three "
            "phases has at least one held session (error). In a legal phase: each phase already "
            "left has a held session (error); the current and later phases without any planned "
            "session are reported as info, since a plan may be completed as it goes (not decidable "
            "yet). Inquiry, cancelled and abandoned bilans are not judged. Whether the sessions "
            "really served the phase's objects (analyse the need, build a project, take ownership "
            "of the results) is not plan data. It guards the moves between phases: the "
            "investigation needs a held preliminary session, the conclusions a held investigation "
            "session."
        ),
    ),
    blocks=("confirm_engagement", "begin_conclusion"),
)
def _phases_complete(bilan: Bilan, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    stage = bilan.phase
    if facts.stopped_early(bilan):
        return
    if stage in _DONE:
        must_be_held: tuple[Phase, ...] = _ORDERED
        to_plan: tuple[Phase, ...] = ()
    elif stage is _PRELIMINARY or stage is _INVESTIGATION or stage is _CONCLUSION:
        rank = _rank(stage)
        must_be_held = _ORDERED[:rank]
        to_plan = _ORDERED[rank:]
    else:
        return
    held = [s.phase for s in bilan.bilan_sessions if s.status is _HELD]
    for phase in must_be_held:
        if phase not in held:
            yield Finding(
                path="$.sessions",
                message=Text(
                    fr=f"aucune séance tenue pour {_FR[phase]}",
                    en=f"no session held for {_EN[phase]}",
                ),
            )
    if to_plan:
        planned = [s.phase for s in bilan.bilan_sessions]
        for phase in to_plan:
            if phase not in planned:
                yield Finding(
                    path="$.sessions",
                    message=Text(
                        fr=f"aucune séance encore prévue pour {_FR[phase]}",
                        en=f"no session planned yet for {_EN[phase]}",
                    ),
                    severity=Severity.INFO,
                )


@register(
    "BC-PHASES-ORDER",
    severity=Severity.ERROR,
    title=Text(
        fr="Ordre des phases : préliminaire, investigation, conclusions",
        en="Order of the phases: preliminary, investigation, conclusions",
    ),
    references=(ref.R6313_4,),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    confidence_note=Text(
        fr=(
            "Source officielle pour l'ordre des phases ; le retour en arrière relève de "
            "l'interprétation."
        ),
        en="Official for the order; going back is an interpretation.",
    ),
    section=_SECTION,
    notes=Text(
        fr=(
            "Séances prévues et tenues des trois phases, par heure de début. Erreur : la première "
            "séance d'une phase commence avant la première séance de la phase antérieure la plus "
            "proche qui en comporte (une phase manquante relève de BC-PHASES-COMPLETE). "
            "Avertissement, pour chaque séance d'une phase antérieure qui commence après le début "
            "d'une phase ultérieure (« retour en arrière ») : le texte énumère les phases mais ne "
            "dit rien d'un retour en arrière (interprétation). Le retour en arrière n'est pas "
            "signalé lorsque l'ordre lui-même n'est pas respecté (une seule erreur le dit). La "
            "règle conditionne le passage d'une phase à l'autre, comme BC-PHASES-COMPLETE."
        ),
        en=(
            "Planned and held sessions of the three phases, by start. Error: a phase's first "
            "session starts before the first session of the nearest earlier phase that has "
            "sessions (a missing phase is BC-PHASES-COMPLETE's business). Warning, for each "
            "session of an earlier phase that starts after a later phase has started ('going "
            "back'): the text lists the phases but says nothing on going back (interpretation). "
            "Going back is not reported when the order itself is broken (one error says it). It "
            "guards the moves between phases, as BC-PHASES-COMPLETE does."
        ),
    ),
    blocks=("confirm_engagement", "begin_conclusion"),
)
def _phases_order(bilan: Bilan, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    first: list[Session | None] = [None, None, None]
    back: list[tuple[Session, int]] = []
    reached = -1
    for session in bilan.bilan_sessions:
        rank = _rank(session.phase)
        if first[rank] is None:
            first[rank] = session
        if rank > reached:
            reached = rank
        elif rank < reached:
            back.append((session, reached))
    broken = False
    previous: Session | None = None
    for current in first:
        if current is None:
            continue
        if previous is not None and current.start < previous.start:
            broken = True
            yield Finding(
                path=_path(bilan, current, "start"),
                message=Text(
                    fr=f"{_FR[current.phase]} commence avant {_FR[previous.phase]}",
                    en=f"{_EN[current.phase]} starts before {_EN[previous.phase]}",
                ),
            )
        previous = current
    if broken:
        return
    for session, rank in back:
        later = _ORDERED[rank]
        yield Finding(
            path=_path(bilan, session, "phase"),
            message=Text(
                fr=f"retour à {_FR[session.phase]} après le début de {_FR[later]}",
                en=f"back to {_EN[session.phase]} after {_EN[later]} started",
            ),
            severity=Severity.WARNING,
        )


def _is_personal_interview(session: Session) -> bool:
    return session.kind is _INTERVIEW and session.individual and session.is_accompaniment


@register(
    "BC-CONCLUSION-PERSONAL",
    severity=Severity.ERROR,
    title=Text(
        fr="Conclusions en entretiens personnalisés",
        en="Conclusions held through personalised interviews",
    ),
    references=(ref.R6313_4,),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    confidence_note=Text(
        fr=(
            "Source officielle ; l'avertissement sur les séances collectives relève de "
            "l'interprétation."
        ),
        en="Official; the warning on collective sessions is an interpretation.",
    ),
    section=_SECTION,
    notes=Text(
        fr=(
            "Lorsque le plan comporte des séances en phase de conclusions (prévues ou tenues), "
            "l'une au moins est un entretien individuel avec le prestataire (erreur). Chaque "
            "séance collective de cette phase donne lieu à un avertissement : le texte en vigueur "
            "ne mentionne pas expressément le caractère « individuel » de l'entretien (l'ancien "
            "R6322-36, antérieur à 2019, le faisait). Un bilan sans aucune séance de conclusions "
            "n'est signalé que par BC-PHASES-COMPLETE. La règle conditionne la remise de la "
            "synthèse : un entretien individuel de conclusions est tenu, au plus tard lors de la "
            "remise."
        ),
        en=(
            "When the plan has sessions in the conclusions phase (planned or held), at least one "
            "is an individual interview with the provider (error). Each collective session of that "
            "phase is a warning: the current text has no explicit 'individual' clause (the "
            "pre-2019 R6322-36 had one). A bilan with no conclusions session at all is reported by "
            "BC-PHASES-COMPLETE only. It guards the synthesis's delivery: an individual conclusion "
            "interview is held, no later than the delivery."
        ),
    ),
    blocks=("deliver_synthesis",),
)
def _conclusion_personal(bilan: Bilan, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    conclusions = [s for s in bilan.bilan_sessions if s.phase is _CONCLUSION]
    if not conclusions:
        return
    if not facts.stopped_early(bilan) and not any(_is_personal_interview(s) for s in conclusions):
        yield Finding(
            path=_path(bilan, conclusions[0], "kind"),
            message=Text(
                fr="aucun entretien individuel avec le prestataire en phase de conclusions",
                en="no individual interview with the provider in the conclusions phase",
            ),
        )
    for session in conclusions:
        if not session.individual:
            yield Finding(
                path=_path(bilan, session, "individual"),
                message=Text(
                    fr="séance collective en phase de conclusions",
                    en="collective session in the conclusions phase",
                ),
                severity=Severity.WARNING,
            )


@register(
    "BC-FOLLOW-UP-OFFERED",
    severity=Severity.ERROR,
    title=Text(
        fr="Possibilité d'un entretien de suivi proposée",
        en="The possibility of a follow-up interview offered",
    ),
    references=(ref.R6313_4,),
    in_force_from=_2019,
    confidence=Confidence.OFFICIAL,
    section=_SECTION,
    notes=Text(
        fr=(
            "Dès que le bilan est terminé (ou l'entretien de suivi réalisé, ou le bilan clos), "
            "follow_up.offered vaut true. La loi ne fixe aucune date pour l'entretien (le délai de "
            "six mois relève de l'usage : POL-FOLLOW-UP-6M) et le bénéficiaire peut le refuser : "
            "ce refus n'est pas une violation. La règle conditionne la fin du suivi : tenir "
            "l'entretien ou y renoncer suppose qu'il ait été proposé (et, pour le tenir, qu'il ait "
            "eu lieu)."
        ),
        en=(
            "Once the bilan is completed (or followed up, or closed), follow_up.offered is true. "
            "The law sets no date for the interview (six months is practice: POL-FOLLOW-UP-6M) and "
            "the beneficiary may decline it: declining is not a violation. It guards the end of "
            "the follow-up: holding it or declining it needs it offered (and holding it, held)."
        ),
    ),
    blocks=("hold_follow_up", "decline_follow_up"),
)
def _follow_up_offered(bilan: Bilan, ctx: Context) -> Iterator[Finding]:  # noqa: ARG001
    if not bilan.follow_up.offered and bilan.phase in _DONE:
        yield Finding(
            path="$.follow_up.offered",
            message=Text(
                fr="la possibilité d'un entretien de suivi n'a pas été proposée",
                en="the possibility of a follow-up interview was not offered",
            ),
        )


# -- guards of the phase events -------------------------------------------------------------


def _held(bilan: Bilan, phase: Phase, at: dt.datetime | None) -> bool:
    return any(
        s.phase is phase and s.status is _HELD and (at is None or s.start <= at)
        for s in bilan.sessions
    )


def _not_held(phase: Phase) -> Finding:
    return Finding(
        path="$.sessions",
        message=Text(
            fr=f"aucune séance de {_FR[phase]} n'est encore tenue",
            en=f"no session of {_EN[phase]} held yet",
        ),
    )


def _before(later: Phase, earlier: Phase) -> Finding:
    return Finding(
        path="$.sessions",
        message=Text(
            fr=f"{_FR[later]} ne peut pas commencer avant {_FR[earlier]}",
            en=f"{_EN[later]} cannot start before {_EN[earlier]}",
        ),
    )


@guard("BC-PHASES-COMPLETE", "confirm_engagement", "begin_conclusion")
def _phase_left_held(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    phase = bilan.phase  # the phase the event leaves: preliminary or investigation
    if phase in _ORDERED[:2] and not _held(bilan, phase, ctx.at):
        yield _not_held(phase)


@guard("BC-PHASES-ORDER", "confirm_engagement", "begin_conclusion")
def _next_phase_after_it(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    phase = bilan.phase
    if phase in _ORDERED[:2] and not _held(bilan, phase, ctx.at):
        yield _before(_ORDERED[_rank(phase) + 1], phase)


@guard("BC-CONCLUSION-PERSONAL", "deliver_synthesis")
def _conclusion_interview_held(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    at = ctx.at
    interviews = [
        s.start
        for s in bilan.sessions
        if s.phase is _CONCLUSION
        and s.status is _HELD
        and s.individual
        and s.kind is _INTERVIEW
        and (at is None or s.start <= at)
    ]
    delivered = [
        d.delivered_at
        for d in bilan.documents
        if d.kind is DocumentKind.SYNTHESIS
        and d.delivered_at is not None
        and (at is None or d.delivered_at <= at)
    ]
    if not interviews:
        yield Finding(
            path="$.sessions",
            message=Text(
                fr="aucun entretien individuel de conclusions n'est tenu",
                en="no individual conclusion interview held",
            ),
        )
    elif delivered and not any(start <= when for start in interviews for when in delivered):
        yield Finding(
            path="$.documents",
            message=Text(
                fr="la synthèse a été remise avant tout entretien individuel de conclusions",
                en="the synthesis was delivered before any individual conclusion interview",
            ),
        )


@guard("BC-FOLLOW-UP-OFFERED", "hold_follow_up", "decline_follow_up")
def _follow_up_offered_and_held(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    follow_up = bilan.follow_up
    if not follow_up.offered:
        yield Finding(
            path="$.follow_up.offered",
            message=Text(
                fr="aucun entretien de suivi n'a été proposé",
                en="no follow-up interview was offered",
            ),
        )
    if bilan.phase is not Phase.COMPLETED or ctx.event != "hold_follow_up":
        return
    held_on = follow_up.held_on
    if not ((held_on is not None and held_on <= ctx.on) or _held(bilan, Phase.FOLLOWED_UP, ctx.at)):
        yield Finding(
            path="$.follow_up.held_on",
            message=Text(
                fr="l'entretien de suivi n'est pas encore tenu",
                en="the follow-up interview is not held yet",
            ),
        )
