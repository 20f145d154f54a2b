"""``bilan-core validate``: check plans against the law (and a provider charter).

Text output: one block per plan, its violations grouped by the stage of the bilan they concern
(before the bilan, each phase, the whole bilan, after it) and by severity, each with its rule
id, message citing the law, and JSON path; then a count line. JSON output: one document
``{"format": "bilan-core-report/1", ...}`` holding every report (for JSON Lines input too).
Only rule ids, paths, numbers and dates are printed: never free text of the plan.

Exit codes: 0 no error-severity violation, 1 at least one error, 2 an input is unusable
(it is reported with its source and line, and the other plans are still checked).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from typing import TYPE_CHECKING, Any

import orjson
import pendulum

from bilan_core.cli._io import load_one, read_plans
from bilan_core.documents import DocumentKind
from bilan_core.errors import SerializationError
from bilan_core.phases import Phase
from bilan_core.rules._model import Severity
from bilan_core.validation import today, validate

if TYPE_CHECKING:
    from bilan_core.bilan import Bilan
    from bilan_core.policy import Policy
    from bilan_core.rules._model import Report, Violation

__all__ = ["REPORT_FORMAT", "add_parser", "parse_day", "stage_of"]

REPORT_FORMAT = "bilan-core-report/1"
"""The ``format`` of the JSON output."""


def parse_day(text: str) -> pendulum.Date:
    """An ISO date (``2026-06-01``) from the command line.

    Raises:
        argparse.ArgumentTypeError: not a date.
    """
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None
    return pendulum.Date(day.year, day.month, day.day)


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``validate`` sub-command."""
    parser = subparsers.add_parser(
        "validate",
        help="check plans against French law and, optionally, a provider charter",
        description=(
            "Check bilan-core/1 plans against the rules of French law in force at each plan's "
            "reference date. Exit 0: no error; 1: errors; 2: an input is unusable."
        ),
    )
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a JSON plan, a JSON Lines file (one plan per line), or - for standard input",
    )
    parser.add_argument(
        "--on",
        type=parse_day,
        default=None,
        metavar="DATE",
        help="the evaluation date, YYYY-MM-DD (default: today in Europe/Paris)",
    )
    parser.add_argument(
        "--policy",
        default=None,
        metavar="staff|PATH",
        help="also run a provider charter: 'staff' or a TOML/JSON charter file",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr", help="message language")
    parser.add_argument(
        "--no-secondary",
        action="store_true",
        help="leave out the rules whose source is secondary",
    )
    parser.set_defaults(func=run)


def _load_policy(spec: str | None) -> Policy | None:
    if spec is None:
        return None
    if spec.lower() == "staff":
        from bilan_core.policies import STAFF

        return STAFF
    from bilan_core.policy import load_policy

    return load_policy(spec)


# -- grouping by stage ---------------------------------------------------------------------

_BEFORE, _WHOLE, _AFTER = "before", "whole", "after"
_STAGE_ORDER = (_BEFORE, "preliminary", "investigation", "conclusion", _WHOLE, _AFTER)
_STAGE_LABELS = {
    _BEFORE: ("Avant le bilan : accord et financement", "Before the bilan: agreement and funding"),
    "preliminary": (Phase.PRELIMINARY.label_fr, Phase.PRELIMINARY.label_en),
    "investigation": (Phase.INVESTIGATION.label_fr, Phase.INVESTIGATION.label_en),
    "conclusion": (Phase.CONCLUSION.label_fr, Phase.CONCLUSION.label_en),
    _WHOLE: ("Ensemble du bilan", "The whole bilan"),
    _AFTER: (
        "Après le bilan : résultats, suivi, conservation",
        "After the bilan: results, follow-up, retention",
    ),
}
_AFTER_RULES = frozenset(
    {
        "BC-RESULTS-TO-BENEFICIARY",
        "BC-DISCLOSURE-CONSENT",
        "BC-DOCUMENT-RETENTION",
        "BC-FOLLOW-UP-OFFERED",
        "POL-FOLLOW-UP-6M",
    }
)
_BEFORE_KEYS = ("$.inquiry", "$.consent", "$.funding", "$.provider", "$.beneficiary")
_AFTER_KEYS = ("$.disclosures", "$.agreements", "$.follow_up")
_ITEM = re.compile(r"\$\.(sessions|documents)\[(\d+)\]")
_DOCUMENT_STAGE = {
    DocumentKind.ENGAGEMENT: "preliminary",
    DocumentKind.SYNTHESIS: "conclusion",
    DocumentKind.DETAILED_RESULTS: "conclusion",
    DocumentKind.WORKING: _AFTER,
}


def stage_of(violation: Violation, bilan: Bilan) -> str:
    """The stage of the bilan a violation concerns, from its rule and its JSON path.

    One of ``before``, ``preliminary``, ``investigation``, ``conclusion``, ``whole``,
    ``after``: a session's or a document's own phase when the path points at one.
    """
    path = violation.path
    if violation.rule_id in _AFTER_RULES or path.startswith(_AFTER_KEYS):
        return _AFTER
    if path.startswith(_BEFORE_KEYS):
        return _BEFORE
    match = _ITEM.match(path)
    if match is None:
        return _WHOLE
    index = int(match.group(2))
    if match.group(1) == "sessions" and index < len(bilan.sessions):
        phase = bilan.sessions[index].phase
        return phase.value if phase.is_legal_phase else _AFTER
    if match.group(1) == "documents" and index < len(bilan.documents):
        return _DOCUMENT_STAGE.get(bilan.documents[index].kind, _WHOLE)
    return _WHOLE


# -- text ----------------------------------------------------------------------------------

_SEVERITY_LABELS = {
    Severity.ERROR: ("erreur", "error"),
    Severity.WARNING: ("avertissement", "warning"),
    Severity.INFO: ("information", "info"),
}


def _count(number: int, severity: Severity, lang: str) -> str:
    word = _SEVERITY_LABELS[severity][0 if lang == "fr" else 1]
    plural = number > 1 if lang == "fr" else number != 1
    return f"{number} {word}{'s' if plural else ''}"


def _counts(violations: tuple[Violation, ...] | list[Violation], lang: str) -> str:
    return ", ".join(
        _count(sum(1 for v in violations if v.severity is s), s, lang) for s in Severity
    )


def report_text(report: Report, bilan: Bilan, source: str, *, lang: str, policy: str | None) -> str:
    """The readable report of one plan."""
    fr = lang == "fr"
    reference = report.reference_date.isoformat() if report.reference_date else "—"
    if fr:
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
    lines = [head, f"  {_counts(report.violations, lang)}"]
    by_stage: dict[str, list[Violation]] = {}
    for violation in report.violations:
        by_stage.setdefault(stage_of(violation, bilan), []).append(violation)
    for stage in _STAGE_ORDER:
        found = sorted(by_stage.get(stage, ()), key=lambda v: v.severity.rank)
        if not found:
            continue
        lines.append("")
        lines.append(f"  {_STAGE_LABELS[stage][0 if fr else 1]}")
        for v in found:
            label = _SEVERITY_LABELS[v.severity][0 if fr else 1]
            lines.append(f"    {label.upper():<13} {v.rule_id}  {v.path}")
            lines.append(f"    {'':<13} {v.message if fr else v.message_en}")
    return "\n".join(lines)


# -- running -------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    """Validate every plan of every file; print the reports; return the exit code."""
    policy = _load_policy(args.policy)
    on = args.on if args.on is not None else today()
    results: list[tuple[str, Bilan, Report]] = []
    unusable: list[tuple[str, tuple[tuple[str, str], ...]]] = []
    for name in args.files:
        try:
            plans = list(read_plans(name))
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            unusable.append((name, (("$", f"cannot read the file ({reason})"),)))
            continue
        for source, data in plans:
            try:
                bilan = load_one(source, data)
            except SerializationError as exc:
                prefix = f"{source}: "
                errors = tuple((path.removeprefix(prefix), msg) for path, msg in exc.errors)
                unusable.append((str(source), errors))
                continue
            report = validate(bilan, on=on, policy=policy, include_secondary=not args.no_secondary)
            results.append((str(source), bilan, report))
    policy_name = policy.name if policy is not None else None
    if args.format == "json":
        sys.stdout.write(_json(results, unusable, on, policy_name) + "\n")
    else:
        sys.stdout.write(_text(results, unusable, args.lang, policy_name) + "\n")
    for where, errors in unusable:
        for path, message in errors:
            print(f"bilan-core: {where}: {path}: {message}", file=sys.stderr)
    if unusable:
        return 2
    return 0 if all(report.ok for _, _, report in results) else 1


def _json(
    results: list[tuple[str, Bilan, Report]],
    unusable: list[tuple[str, tuple[tuple[str, str], ...]]],
    on: pendulum.Date,
    policy: str | None,
) -> str:
    document: dict[str, Any] = {
        "format": REPORT_FORMAT,
        "on": on.isoformat(),
        "policy": policy,
        "reports": [{"source": source, **report.to_dict()} for source, _, report in results],
        "unusable": [
            {"source": source, "errors": [{"path": p, "message": m} for p, m in errors]}
            for source, errors in unusable
        ],
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode()


def _text(
    results: list[tuple[str, Bilan, Report]],
    unusable: list[tuple[str, tuple[tuple[str, str], ...]]],
    lang: str,
    policy: str | None,
) -> str:
    fr = lang == "fr"
    blocks = [
        report_text(report, bilan, source, lang=lang, policy=policy)
        for source, bilan, report in results
    ]
    for source, errors in unusable:
        head = f"{source} — {'plan inutilisable' if fr else 'unusable plan'}"
        blocks.append("\n".join([head, *(f"    {path}: {message}" for path, message in errors)]))
    violations = [v for _, _, report in results for v in report.violations]
    failed = sum(1 for _, _, report in results if not report.ok)
    plans = len(results)
    if fr:
        total = (
            f"{plans} plan{'s' if plans > 1 else ''} vérifié{'s' if plans > 1 else ''} "
            f"({failed} non conforme{'s' if failed > 1 else ''}) : {_counts(violations, lang)}"
        )
        if unusable:
            total += f" ; {len(unusable)} inutilisable{'s' if len(unusable) > 1 else ''}"
    else:
        total = (
            f"{plans} plan{'s' if plans != 1 else ''} checked ({failed} not ok): "
            f"{_counts(violations, lang)}"
        )
        if unusable:
            total += f"; {len(unusable)} unusable"
    return "\n\n".join([*blocks, total])
