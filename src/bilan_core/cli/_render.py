"""How the command line writes a report as text, in French or English."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from bilan_core.documents import DocumentKind
from bilan_core.phases import Phase
from bilan_core.report import Severity
from bilan_core.text import Text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from bilan_core.bilan import Bilan
    from bilan_core.report import Report, Violation
    from bilan_core.text import Lang

__all__ = ["count_line", "counts", "report_text", "stage_of"]

_BEFORE, _WHOLE, _AFTER = "before", "whole", "after"
_STAGES: Final = {
    _BEFORE: Text(
        fr="Avant le bilan : accord et financement", en="Before the bilan: agreement and funding"
    ),
    "preliminary": Phase.PRELIMINARY.label,
    "investigation": Phase.INVESTIGATION.label,
    "conclusion": Phase.CONCLUSION.label,
    _WHOLE: Text(fr="Ensemble du bilan", en="The whole bilan"),
    _AFTER: Text(
        fr="Après le bilan : résultats, suivi, conservation",
        en="After the bilan: results, follow-up, retention",
    ),
}
_BEFORE_KEYS: Final = ("$.inquiry", "$.consent", "$.funding", "$.provider", "$.beneficiary")
_AFTER_KEYS: Final = ("$.disclosures", "$.agreements", "$.follow_up")
_ITEM: Final = re.compile(r"\$\.(sessions|documents)\[(\d+)\]")
_DOCUMENT_STAGE: Final = {
    DocumentKind.ENGAGEMENT: "preliminary",
    DocumentKind.SYNTHESIS: "conclusion",
    DocumentKind.DETAILED_RESULTS: "conclusion",
    DocumentKind.WORKING: _AFTER,
}
_SEVERITIES: Final = {
    Severity.ERROR: Text(fr="erreur", en="error"),
    Severity.WARNING: Text(fr="avertissement", en="warning"),
    Severity.INFO: Text(fr="information", en="info"),
}


def stage_of(violation: Violation, bilan: Bilan) -> str:
    """The stage of the bilan a violation concerns, from its JSON path and its section.

    One of ``before``, ``preliminary``, ``investigation``, ``conclusion``, ``whole``,
    ``after``: a session's or a document's own phase when the path points at one; what comes
    after the bilan for the confidentiality section.
    """
    path = violation.path
    if path.startswith(_AFTER_KEYS):
        return _AFTER
    if path.startswith(_BEFORE_KEYS):
        return _BEFORE
    match = _ITEM.match(path)
    if match is not None:
        index = int(match.group(2))
        if match.group(1) == "sessions" and index < len(bilan.sessions):
            phase = bilan.sessions[index].phase
            return phase.value if phase.is_legal_phase else _AFTER
        if match.group(1) == "documents" and index < len(bilan.documents):
            if violation.section == "confidentiality":
                return _AFTER
            return _DOCUMENT_STAGE.get(bilan.documents[index].kind, _WHOLE)
    return _AFTER if violation.section == "confidentiality" else _WHOLE


def _count(number: int, severity: Severity, lang: Lang) -> str:
    word = _SEVERITIES[severity].get(lang)
    plural = number > 1 if lang == "fr" else number != 1
    return f"{number} {word}{'s' if plural else ''}"


def counts(totals: Sequence[int], lang: Lang) -> str:
    """``2 erreurs, 0 avertissement, 1 information`` for counts in :class:`Severity` order."""
    return ", ".join(_count(n, s, lang) for n, s in zip(totals, Severity, strict=True))


_NOTICE = Text(fr="NB :", en="Note:")


def report_text(
    report: Report, bilan: Bilan, source: str, *, lang: Lang, policy: str | None
) -> str:
    """The readable report of one plan."""
    reference = report.reference_date.isoformat() if report.reference_date else "—"
    if lang == "fr":
        rules = f"charte {policy}" if policy else "loi seule"
        verdict = "conforme" if report.ok else "NON CONFORME"
        head = (
            f"{source} — bilan {report.bilan_id} : {verdict}\n"
            f"  évalué le {report.on.isoformat()} · date de référence {reference} · {rules}"
        )
    else:
        rules = f"charter {policy}" if policy else "law only"
        verdict = "ok" if report.ok else "NOT OK"
        head = (
            f"{source} — bilan {report.bilan_id}: {verdict}\n"
            f"  evaluated on {report.on.isoformat()} · reference date {reference} · {rules}"
        )
    totals = [len(report.by_severity(s)) for s in Severity]
    lines = [head, f"  {counts(totals, lang)}"]
    lines.extend(f"  {_NOTICE.get(lang)} {notice.get(lang)}" for notice in report.notices)
    by_stage: dict[str, list[Violation]] = {}
    for violation in report.violations:
        by_stage.setdefault(stage_of(violation, bilan), []).append(violation)
    for stage, title in _STAGES.items():
        found = sorted(by_stage.get(stage, ()), key=lambda v: v.severity.rank)
        if not found:
            continue
        lines.extend(("", f"  {title.get(lang)}"))
        for v in found:
            label = _SEVERITIES[v.severity].get(lang)
            lines.append(f"    {label.upper():<13} {v.rule_id}  {v.path}")
            lines.append(f"    {'':<13} {v.message.get(lang)}")
    return "\n".join(lines)


def count_line(plans: int, failed: int, unusable: int, totals: Sequence[int], lang: Lang) -> str:
    """The last line of ``validate``'s text output."""
    found = counts(totals, lang)
    if lang == "fr":
        line = (
            f"{plans} plan{'s' if plans > 1 else ''} vérifié{'s' if plans > 1 else ''} "
            f"({failed} non conforme{'s' if failed > 1 else ''}) : {found}"
        )
        if unusable:
            line += f" ; {unusable} inutilisable{'s' if unusable > 1 else ''}"
        return line
    line = f"{plans} plan{'s' if plans != 1 else ''} checked ({failed} not ok): {found}"
    if unusable:
        line += f"; {unusable} unusable"
    return line
