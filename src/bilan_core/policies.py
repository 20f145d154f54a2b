"""Ready-made provider charters: :data:`STAFF`, the seed provider's.

A :class:`~bilan_core.Policy` is not law: its ``POL-`` rules run only when one is given to
:func:`~bilan_core.validate`, and default to warnings.

>>> from bilan_core.policies import STAFF
>>> STAFF.name, STAFF.duration_min_minutes // 60, STAFF.duration_max_minutes // 60
('STAFF', 18, 24)
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from bilan_core.policy import Policy, TimeRange
from bilan_core.sessions import Modality

__all__ = ["STAFF"]

STAFF: Final = Policy(
    name="STAFF",
    # "Durée : 18 h à 24 h" (brochure); the law's ceiling is 24 h (C. trav. L6313-4).
    duration_min_minutes=18 * 60,
    duration_max_minutes=24 * 60,
    # "5 à 6 rencontres à minima": at least 5 meetings with the consultant.
    meetings_min=5,
    # "environ 2 à 3 mois": 2 months = 61 days, 3 months = 92 days, "about" = 15 days either
    # way (the library's reading; the brochure gives no figure).
    span_min_days=61 - 15,
    span_max_days=92 + 15,
    # "rappel sous 24 à 48 h": the aim is 24 working hours, the limit 48 (Mon-Fri).
    callback_target_working_hours=24,
    callback_max_working_hours=48,
    working_weekdays=frozenset({0, 1, 2, 3, 4}),
    # "du lundi au vendredi, de 9 h à 12 h 30 et de 14 h à 17 h 30": the hours sessions use.
    opening_hours=(
        TimeRange(dt.time(9, 0), dt.time(12, 30)),
        TimeRange(dt.time(14, 0), dt.time(17, 30)),
    ),
    # "amplitude 9 h - 17 h" (also the resource room's free access hours): kept as data.
    amplitude=TimeRange(dt.time(9, 0), dt.time(17, 0)),
    closed_on_public_holidays=True,
    # "démarrage possible sous 15 j à 2 mois selon le mode de financement": 15 days when no
    # third party is involved (self-funded, CPF outside working time), 2 months (60 days)
    # for funded routes; legal notices (CPF on working time, public leave) come on top.
    start_delay_max_days={
        "cpf": 15,
        "self_funded": 15,
        "cpf_working_time": 60,
        "employer_plan": 60,
        "reclassification_leave": 60,
        "job_seeker": 60,
        "public_leave": 60,
    },
    # "démarche personnalisée, en individuel".
    individual_only=True,
    # "présentiel, distanciel ou mixte", in person at the two Carquefou (44470) sites.
    modalities=frozenset({Modality.IN_PERSON, Modality.REMOTE}),
    blended=True,
    in_person_at_provider_site=True,
    # End of phase 1: "document d'engagement dans la démarche" signed.
    engagement_document_required=True,
    # Synthesis: circumstances, conduct, envisaged prospects, action plan.
    synthesis_sections_required=True,
    # "présentée pour observations et remise lors du dernier entretien".
    synthesis_at_last_meeting=True,
    # "entretien de suivi à 6 mois"; tolerance: a month either way (library's reading).
    follow_up_months=6,
    follow_up_tolerance_days=31,
)
"""The STAFF charter (seed ``000_e33774a3f644494d.txt``: the brochure of STAFF, Carquefou).

Each value's source is the comment beside it; the readings of "about" (span, follow-up) and
of "15 days to 2 months depending on the funding" are the library's, documented in the
``POL-`` rules' notes. Equal to ``Policy(name="STAFF")``: the class defaults are this
charter's values.
"""
