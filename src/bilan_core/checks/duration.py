"""Section 3 of the catalogue: the duration of the bilan.

- ``BC-DURATION-MAX``: at most 24 hours in all (C. trav. L6313-4, last paragraph).
- ``BC-DURATION-MIN``: at least 13 hours of effective accompaniment since 2026-02-26
  (R6313-4 as amended; unverified: a warning until the published text is read).

What counts: every session of the three phases that is planned or held (cancelled ones do not
count); the follow-up interview comes after the bilan and is not counted. Counting personal
work in the 24 hours is an **interpretation** (common practice; the text says only "la durée
du bilan").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pendulum

from bilan_core import facts
from bilan_core import references as ref
from bilan_core._format import hours, hours_en
from bilan_core.checks._catalogue import register
from bilan_core.checks._model import Finding, Reading
from bilan_core.references import Confidence
from bilan_core.report import Severity
from bilan_core.text import Text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bilan_core.bilan import Bilan
    from bilan_core.checks._context import Context

__all__: list[str] = []


@register(
    "BC-DURATION-MAX",
    severity=Severity.ERROR,
    title=Text(
        fr="Durée totale du bilan : le plafond légal",
        en="Total duration of the bilan: the legal cap",
    ),
    references=(ref.L6313_4,),
    in_force_from=pendulum.date(2019, 1, 1),
    confidence=Confidence.OFFICIAL,
    section="duration",
    blocks=("deliver_synthesis",),
    notes=Text(
        fr=(
            "24 heures au plus. Compte toutes les séances prévues ou tenues des trois phases, "
            "accompagnement comme travail personnel, quel que soit le financement et que le bilan "
            "se déroule ou non sur le temps de travail. Compter le travail personnel relève de "
            "l'interprétation (le texte ne vise que « la durée du bilan »). L'entretien de suivi "
            "n'est pas compté."
        ),
        en=(
            "At most 24 hours. Counts every planned or held session of the three phases, "
            "accompaniment and personal work alike, whatever the funding and whether or not on "
            "working time. Counting personal work is an interpretation (the text says only 'la "
            "durée du bilan'). The follow-up interview is not counted."
        ),
    ),
)
def _duration_max(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    limit = ctx.values.duration.max_minutes
    if limit is None:
        return
    total = bilan.total_minutes
    if total > limit:
        yield Finding(
            path="$.sessions",
            message=Text(
                fr=f"{hours(total)} prévues ; au plus {hours(limit)}",
                en=f"{hours_en(total)} planned; at most {hours_en(limit)}",
            ),
        )


@register(
    "BC-DURATION-MIN",
    severity=Severity.WARNING,
    title=Text(
        fr="Accompagnement effectif : le minimum légal",
        en="Effective accompaniment: the legal minimum",
    ),
    references=(ref.DECRET_NOR_TRSD2602696D, ref.R6313_4),
    in_force_from=pendulum.date(2026, 2, 26),
    confidence=Confidence.UNVERIFIED,
    confidence_note=Text(
        fr=(
            "Projet de décret en Conseil d'État (NOR TRSD2602696D) cité par le site d'un "
            "prestataire ; des cabinets d'avocats écrivent qu'une durée minimale « serait "
            "imposée ». Dans l'export LEGI du Code du travail daté du 27 mars 2026, R6313-4 n'a "
            "qu'une version (LEGIARTI000038014107, en vigueur depuis le 2019-01-01), sans durée "
            "minimale : la date du 2026-02-26 est celle, provisoire, du catalogue, non celle d'un "
            "texte publié. Simple avertissement tant que le décret publié (numéro, date, entrée "
            "en vigueur, dispositions transitoires) n'a pas été lu."
        ),
        en=(
            "Draft décret en Conseil d'État (NOR TRSD2602696D) quoted by a provider site; law "
            "firms say a minimum 'serait imposée'. In the LEGI export of the Code du travail "
            "dated 27 March 2026, R6313-4 has a single version (LEGIARTI000038014107, in force "
            "since 2019-01-01) with no minimum: 2026-02-26 is the catalogue's provisional date, "
            "not that of a published text. A warning until the published decree (number, date, "
            "entry into force, transition) is read."
        ),
    ),
    section="duration",
    blocks=("deliver_synthesis",),
    readings=(
        Reading(
            "all",
            Text(
                fr="tout bilan, quel que soit son financement (le projet de texte cité)",
                en="every bilan, whatever its funding (the draft text quoted)",
            ),
        ),
        Reading(
            "funded",
            Text(
                fr="les seuls bilans financés sur fonds publics ou mutualisés (L6316-1), selon "
                "une note d'un cabinet d'avocats de février 2026",
                en="only bilans paid with public or mutualised funds (L6316-1), as a law "
                "firm's note of February 2026 reads it",
            ),
        ),
    ),
    notes=Text(
        fr=(
            "13 heures au moins. L'accompagnement s'entend du temps passé en synchrone avec le "
            "prestataire, en présentiel ou à distance (entretiens, ateliers, tests passés avec le "
            "consultant). Le travail personnel et les tests passés seul ne sont pas comptés. "
            "Portée incertaine : le projet modifie R6313-4, qui vise tout bilan, et sa fiche de "
            "présentation dit « qu'ils soient ou non financés par des fonds publics » ; une note "
            "d'un cabinet d'avocats de février 2026 la limite aux bilans financés par des fonds "
            "publics. La règle s'applique à tout bilan par défaut ; la lecture « funded » la "
            "limite aux bilans financés sur fonds publics ou mutualisés (validate(readings=…), "
            "--reading). Ne s'applique pas à un bilan arrêté avant son terme (retrait du "
            "consentement, abandon : L6313-4 al. 2)."
        ),
        en=(
            "At least 13 hours. Accompaniment is synchronous time with the provider, in person or "
            "remote (interviews, workshops, tests taken with the consultant). Personal work and "
            "tests taken alone do not count. Scope uncertain: the draft amends R6313-4, which "
            "covers every bilan, and its presentation note says 'qu'ils soient ou non financés "
            "par des fonds publics'; a law firm's note of February 2026 limits it to publicly "
            "funded bilans. The rule applies to every bilan by default; the reading 'funded' "
            "limits it to bilans paid with public or mutualised funds (validate(readings=…), "
            "--reading). Does not apply to a bilan stopped before its end (consent withdrawn, "
            "abandoned: L6313-4 al. 2)."
        ),
    ),
)
def _duration_min(bilan: Bilan, ctx: Context) -> Iterator[Finding]:
    # It guards deliver_synthesis too: a warning while its source is unverified, it blocks
    # once the catalogue makes it an error.
    limit = ctx.values.duration.min_accompaniment_minutes
    if limit is None or facts.stopped_early(bilan):
        return
    if ctx.reading("BC-DURATION-MIN", "all") == "funded" and not facts.public_or_mutualised(
        bilan.funding
    ):
        return
    done = bilan.accompaniment_minutes
    if done < limit:
        yield Finding(
            path="$.sessions",
            message=Text(
                fr=f"{hours(done)} d'accompagnement effectif ; au moins {hours(limit)} selon le "
                "projet de texte, pour tout bilan ou pour les seuls bilans financés sur fonds "
                "publics (portée incertaine)",
                en=f"{hours_en(done)} of effective accompaniment; at least {hours_en(limit)} by "
                "the draft text, for every bilan or only publicly funded ones (scope uncertain)",
            ),
        )
