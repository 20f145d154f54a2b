"""Legal references, in one place.

How a source is cited, how sure the catalogue is of it, and every text bilan-core cites.

:class:`LegalReference` is a citation (text, article, stable link, version read);
:class:`Confidence` how sure the catalogue is of a source. Each constant below is a
:class:`LegalReference`. Links use Légifrance's stable
article form ``https://www.legifrance.gouv.fr/codes/article_lc/<LEGIARTI id>`` where the id
was checked; otherwise the article number and the text are given without a link.
Pre-2019 numbering (L6313-10, L6322-42 to -44, R6322-32 to -60) is not in force and is never
cited.
"""

from __future__ import annotations

import enum
from typing import Final, TypedDict

import attrs
import pendulum

__all__ = [
    "ARRETES_CPF_PARTICIPATION",
    "ARRETE_2009_07_31",
    "ARRETE_2023_05_31",
    "CGFP_L422_3",
    "CPEN_226_13",
    "CRPA_L231_4",
    "D6323_1_A",
    "D6323_4",
    "D6323_6",
    "D6323_6_2019",
    "D6323_6_AL3",
    "D6323_6_AL4",
    "DECRET_2007_1845",
    "DECRET_2008_824",
    "DECRET_2019_564",
    "DECRET_2019_565",
    "DECRET_2019_565_IND1",
    "DECRET_2019_565_IND2",
    "DECRET_2022_1043",
    "DECRET_2023_1350",
    "DECRET_2024_394",
    "DECRET_2026_126",
    "DECRET_2026_127",
    "DECRET_NOR_TRSD2602696D",
    "GUIDE_LECTURE_RNQ",
    "L1233_71",
    "L6111_6",
    "L6312_1",
    "L6313_4",
    "L6316_1",
    "L6323_2",
    "L6323_4",
    "L6323_6",
    "L6323_7",
    "L6323_17",
    "L6351_1",
    "LFI_2026_ART_203",
    "QUALIOPI_MARK_CHARTER",
    "R6313_4",
    "R6313_5",
    "R6313_7",
    "R6313_8",
    "R6316_1",
    "R6351_1",
    "STAFF_CHARTER",
    "Confidence",
    "LegalReference",
    "ReferenceDict",
]


class Confidence(enum.Enum):
    """How sure the catalogue is of a rule's legal source (see the rule catalogue)."""

    OFFICIAL = "official"
    """The article text was read (Légifrance or a faithful reproduction)."""
    SECONDARY = "secondary"
    """Consistent reports by reputable secondary sources; the text itself was not read."""
    UNVERIFIED = "unverified"
    """Only drafts or a single weak source; such a rule defaults to a warning."""
    PRACTICE = "practice"
    """Not law: common practice or a provider's charter."""


class ReferenceDict(TypedDict):
    """:meth:`LegalReference.to_dict`: a reference in every JSON output."""

    text: str
    article: str | None
    citation: str
    link: str | None
    version_date: str | None


@attrs.frozen(kw_only=True)
class LegalReference:
    """A citation: the text, the article, a stable link and the version read.

    Attributes:
        text: the legal text (``"Code du travail"``, ``"Décret n° 2023-1350"``...).
        article: the article (``"L6313-4"``), or ``None`` for a whole text.
        link: a stable Légifrance URL, when known.
        version_date: the date of the version that was read, when known.
        short: the abbreviation used in messages (``"C. trav."``); defaults to ``text``.
    """

    text: str
    article: str | None = None
    link: str | None = None
    version_date: pendulum.Date | None = None
    short: str | None = None

    @property
    def citation(self) -> str:
        """How messages cite it: ``"C. trav., art. L6313-4"``.

        >>> LegalReference(text="Code du travail", article="L6313-4", short="C. trav.").citation
        'C. trav., art. L6313-4'
        """
        name = self.short or self.text
        return f"{name}, art. {self.article}" if self.article else name

    def to_dict(self) -> ReferenceDict:
        """A JSON-ready dict: how every JSON output writes a reference."""
        return {
            "text": self.text,
            "article": self.article,
            "citation": self.citation,
            "link": self.link,
            "version_date": self.version_date.isoformat() if self.version_date else None,
        }


_CT = "Code du travail"
_CT_SHORT = "C. trav."


_ARTICLE = "https://www.legifrance.gouv.fr/codes/article_lc/"
_TEXT = "https://www.legifrance.gouv.fr/jorf/id/"


def _ct(article: str, legiarti: str, version: str) -> LegalReference:
    """An article of the Code du travail, linked to the version read.

    ``version`` is the day that version came into force; ids were checked against a
    Légifrance export of the code dated 27 March 2026.
    """
    return LegalReference(
        text=_CT,
        article=article,
        short=_CT_SHORT,
        link=_ARTICLE + legiarti,
        version_date=pendulum.date(*map(int, version.split("-"))),
    )


L6111_6: Final = _ct("L6111-6", "LEGIARTI000048600517", "2024-01-01")
"""Conseil en évolution professionnelle (CEP)."""
L6312_1: Final = _ct("L6312-1", "LEGIARTI000037385757", "2019-01-01")
"""Plan de développement des compétences."""
L6313_4: Final = _ct("L6313-4", "LEGIARTI000037385673", "2019-01-01")
"""Bilan de compétences: object, consent, sole recipient, 24 hours."""
R6313_4: Final = _ct("R6313-4", "LEGIARTI000038014107", "2019-01-01")
"""The three phases."""
R6313_5: Final = _ct("R6313-5", "LEGIARTI000038014109", "2019-01-01")
"""The provider is not the employer."""
R6313_7: Final = _ct("R6313-7", "LEGIARTI000048831046", "2023-12-31")
"""Destruction and retention of documents."""
R6313_8: Final = _ct("R6313-8", "LEGIARTI000038014115", "2019-01-01")
"""Tripartite convention."""
L6316_1: Final = _ct("L6316-1", "LEGIARTI000048600506", "2024-01-01")
"""Qualiopi certification for public or mutualised funds."""
R6316_1: Final = _ct("R6316-1", "LEGIARTI000038624068", "2021-01-01")
"""The national quality framework."""
L6351_1: Final = _ct("L6351-1", "LEGIARTI000037386232", "2019-01-01")
"""Déclaration d'activité."""
R6351_1: Final = _ct("R6351-1", "LEGIARTI000043766587", "2021-07-08")
"""Déclaration d'activité: within 3 months of the first contract."""
L6323_2: Final = _ct("L6323-2", "LEGIARTI000037385087", "2019-01-01")
"""The CPF is mobilised by its holder only, with their agreement."""
L6323_4: Final = _ct("L6323-4", "LEGIARTI000049423585", "2024-04-17")
"""CPF: the holder's participation."""
L6323_6: Final = _ct("L6323-6", "LEGIARTI000053549516", "2026-02-21")
"""CPF-eligible actions, including the bilan (II 2°)."""
L6323_7: Final = _ct("L6323-7", "LEGIARTI000046873599", "2023-01-01")
"""CPF: co-funding and the flat participation."""
L6323_17: Final = _ct("L6323-17", "LEGIARTI000049049390", "2024-01-28")
"""CPF on working time: the employer's prior authorisation."""
D6323_4: Final = _ct("D6323-4", "LEGIARTI000038021770", "2019-01-01")
"""CPF on working time: 60/120 days of notice, 30 days to answer, silence is acceptance."""
D6323_6: Final = _ct("D6323-6", "LEGIARTI000053572443", "2026-02-26")
"""CPF: what the account pays for a bilan, as amended by décret n° 2026-126 (from 2026-02-26)."""
D6323_6_AL3: Final = _ct("D6323-6 al. 3", "LEGIARTI000053572443", "2026-02-26")
"""CPF: only hours of accompaniment by a declared provider are paid (décret n° 2026-126)."""
D6323_6_AL4: Final = _ct("D6323-6 al. 4", "LEGIARTI000053572443", "2026-02-26")
"""CPF: no bilan when another was funded by an L6316-1 funder or a FAF within 5 years."""
D6323_6_2019: Final = _ct("D6323-6", "LEGIARTI000038034714", "2019-01-01")
"""CPF bilans follow R6313-4 to R6313-7 (the version in force from 2019-01-01 to 2026-02-25)."""
D6323_1_A: Final = _ct("D6323-1 A", "LEGIARTI000053569786", "2026-02-26")
"""Caps on CPF rights: 2° 1 600 € for a bilan (décret n° 2026-127, from 2026-02-26)."""
L1233_71: Final = _ct("L1233-71", "LEGIARTI000042683537", "2020-12-16")
"""Congé de reclassement."""

CPEN_226_13: Final = LegalReference(
    text="Code pénal", article="226-13", short="C. pén.", link=_ARTICLE + "LEGIARTI000006417944"
)
"""Professional secrecy: 1 year and 15 000 €."""
CRPA_L231_4: Final = LegalReference(
    text="Code des relations entre le public et l'administration",
    article="L231-4",
    short="CRPA",
    link=_ARTICLE + "LEGIARTI000031367619",
    version_date=pendulum.date(2016, 1, 1),
)
"""Silence of the administration towards its agents is a rejection (5°)."""
CGFP_L422_3: Final = LegalReference(
    text="Code général de la fonction publique", article="L422-3", short="CGFP"
)
"""Priority public agents."""

DECRET_2007_1845: Final = LegalReference(
    text="Décret n° 2007-1845 du 26 décembre 2007 (FPT), art. 18 à 22",
    short="Décret n° 2007-1845",
    link=_TEXT + "JORFTEXT000017761652",
)
DECRET_2008_824: Final = LegalReference(
    text="Décret n° 2008-824 du 21 août 2008 (FPH)",
    short="Décret n° 2008-824",
    link=_TEXT + "JORFTEXT000019354799",
)
DECRET_2022_1043: Final = LegalReference(
    text="Décret n° 2022-1043 du 22 juillet 2022",
    short="Décret n° 2022-1043",
    version_date=pendulum.date(2022, 7, 24),
)
ARRETE_2009_07_31: Final = LegalReference(
    text="Arrêté du 31 juillet 2009 relatif au bilan de compétences des agents de l'État",
    short="Arrêté du 31 juillet 2009",
    link=_TEXT + "JORFTEXT000020972243",
)
DECRET_2023_1350: Final = LegalReference(
    text="Décret n° 2023-1350 du 28 décembre 2023",
    short="Décret n° 2023-1350",
    link=_TEXT + "JORFTEXT000048729031",
)
DECRET_2024_394: Final = LegalReference(
    text="Décret n° 2024-394 du 29 avril 2024",
    short="Décret n° 2024-394",
    link=_TEXT + "JORFTEXT000049486478",
)
ARRETES_CPF_PARTICIPATION: Final = LegalReference(
    text="Arrêtés des 26 décembre 2024 et 30 décembre 2025 (revalorisation de la participation)",
    short="Arrêtés des 26/12/2024 et 30/12/2025",
)
LFI_2026_ART_203: Final = LegalReference(
    text="Loi n° 2026-103 du 19 février 2026 de finances pour 2026",
    article="203",
    short="Loi n° 2026-103",
    link=_TEXT + "JORFTEXT000053508155",
    version_date=pendulum.date(2026, 2, 21),
)
"""Amends L6323-6 (II b): a decree caps the CPF rights a bilan may use (from 2026-02-21)."""
DECRET_2026_127: Final = LegalReference(
    text="Décret n° 2026-127 du 24 février 2026",
    short="Décret n° 2026-127",
    link=_TEXT + "JORFTEXT000053568407",
    version_date=pendulum.date(2026, 2, 26),
)
"""Creates D6323-1 A (the caps on CPF rights); published 2026-02-25, in force 2026-02-26."""
DECRET_2026_126: Final = LegalReference(
    text="Décret n° 2026-126 du 24 février 2026",
    short="Décret n° 2026-126",
    link=_TEXT + "JORFTEXT000053568399",
    version_date=pendulum.date(2026, 2, 26),
)
"""Amends D6323-6 (accompaniment hours only, 5-year wait); in force 2026-02-26."""
DECRET_NOR_TRSD2602696D: Final = LegalReference(
    text="Décret en Conseil d'État NOR TRSD2602696D modifiant R6313-4 (projet cité)",
    short="Décret NOR TRSD2602696D (projet)",
)
STAFF_CHARTER: Final = LegalReference(
    text="Charte du prestataire (brochure STAFF, Carquefou)", short="Charte STAFF"
)
"""The seed provider's charter: not law."""


# -- Qualiopi: the national quality framework and a provider's public offer ------------------

DECRET_2019_564: Final = LegalReference(
    text="Décret n° 2019-564 du 6 juin 2019 relatif à la qualité des actions de la formation "
    "professionnelle",
    short="Décret n° 2019-564",
    link=_TEXT + "JORFTEXT000038565246",
)
"""The seven quality criteria (C. trav. R6316-1); criterion 1 is the information of the public."""
DECRET_2019_565: Final = LegalReference(
    text="Décret n° 2019-565 du 6 juin 2019 relatif au référentiel national sur la qualité des "
    "actions concourant au développement des compétences",
    short="Décret n° 2019-565",
    link=_TEXT + "JORFTEXT000038565259",
)
"""The national quality framework (RNQ): the 32 indicators of its annex."""
DECRET_2019_565_IND1: Final = LegalReference(
    text="Décret n° 2019-565 du 6 juin 2019, annexe (référentiel national qualité), indicateur 1",
    short="Décret n° 2019-565, annexe, indicateur 1",
    link=_TEXT + "JORFTEXT000038565259",
)
"""Indicator 1: public, detailed and verifiable information on the services offered."""
DECRET_2019_565_IND2: Final = LegalReference(
    text="Décret n° 2019-565 du 6 juin 2019, annexe (référentiel national qualité), indicateur 2",
    short="Décret n° 2019-565, annexe, indicateur 2",
    link=_TEXT + "JORFTEXT000038565259",
)
"""Indicator 2: result indicators suited to the services and the public."""
GUIDE_LECTURE_RNQ: Final = LegalReference(
    text="Guide de lecture du référentiel national qualité (ministère chargé de la formation "
    "professionnelle ; non normatif ; V8 du 23 novembre 2023, V9), lu par des sources secondaires",
    short="Guide de lecture RNQ",
)
"""The ministry's reading guide of the indicators, read through certifiers' copies: secondary."""
ARRETE_2023_05_31: Final = LegalReference(
    text="Arrêté du 31 mai 2023 (modalités d'audit de la certification qualité : affichage du "
    "certificat), lu par des sources secondaires",
    short="Arrêté du 31 mai 2023",
)
"""A certified provider displays its certificate in its premises and on its website (from
2023-09-01); the text was read only as quoted by certifiers."""
QUALIOPI_MARK_CHARTER: Final = LegalReference(
    text="Charte d'usage de la marque de certification Qualiopi (8 janvier 2020)",
    short="Charte d'usage Qualiopi",
)
"""The logo names the certified category of actions; read through secondary sources."""
