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
import os
import re
import sys
from typing import TYPE_CHECKING, Any

import attrs
import orjson
import pendulum

from bilan_core.cli._io import (
    Slice,
    Source,
    is_json_lines,
    json_lines,
    label_of,
    parse_day,
    plans_in,
    policy_option,
    read_bytes,
    slices,
)
from bilan_core.documents import DocumentKind
from bilan_core.errors import SerializationError
from bilan_core.phases import Phase
from bilan_core.rules._model import Severity
from bilan_core.serialization import load
from bilan_core.text import Lang, Text
from bilan_core.validation import today, validate

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bilan_core.bilan import Bilan
    from bilan_core.policy import Policy
    from bilan_core.rules._model import Report, Violation

__all__ = ["REPORT_FORMAT", "add_parser", "stage_of"]

REPORT_FORMAT = "bilan-core-report/1"
"""The ``format`` of the JSON output."""


def _jobs(text: str) -> int:
    """The ``--jobs`` value: a whole number, 0 or more (0: one per CPU).

    Raises:
        argparse.ArgumentTypeError: not a whole number, or negative.
    """
    try:
        jobs = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (one per CPU) or more, got {jobs}")
    return jobs


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
    parser.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="worker processes for large batches (0: one per CPU; default 1); same output",
    )
    parser.set_defaults(func=run)


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


@attrs.frozen
class _Options:
    """What every worker needs to check plans the same way (picklable)."""

    on: pendulum.Date
    policy: Policy | None
    include_secondary: bool
    output: str
    lang: Lang


@attrs.frozen
class _Outcome:
    """One plan, checked and rendered; or unusable, with its errors."""

    source: str
    rendered: str | dict[str, Any] | None
    counts: tuple[int, int, int] = (0, 0, 0)
    ok: bool = True
    errors: tuple[tuple[str, Text], ...] = ()


def _check(source: Source, data: bytes, options: _Options) -> _Outcome:
    try:
        bilan = load(data)
    except SerializationError as exc:
        return _Outcome(source=str(source), rendered=None, ok=False, errors=exc.errors)
    report = validate(
        bilan,
        on=options.on,
        policy=options.policy,
        include_secondary=options.include_secondary,
    )
    policy_name = options.policy.name if options.policy is not None else None
    rendered: str | dict[str, Any] = (
        {"source": str(source), **report.to_dict()}
        if options.output == "json"
        else report_text(report, bilan, str(source), lang=options.lang, policy=policy_name)
    )
    counts = tuple(len(report.by_severity(s)) for s in Severity)
    return _Outcome(
        source=str(source),
        rendered=rendered,
        counts=(counts[0], counts[1], counts[2]),
        ok=report.ok,
    )


_Unit = Slice | list[tuple[Source, bytes]]
"""Work for one worker call: a range of a JSON Lines file (the worker reads it), or plans
already in memory (standard input, single documents)."""

_CHUNK_PLANS = 256
_CHUNK_BYTES = 1 << 20


def _check_unit(unit: _Unit, options: _Options) -> list[_Outcome]:
    plans = unit.plans() if isinstance(unit, Slice) else unit
    return [_check(source, data, options) for source, data in plans]


def _units(name: str, data: bytes, *, parallel: bool) -> tuple[list[_Unit], int]:
    """A file's work, and about how many plans it holds (for the progress count).

    With worker processes, a JSON Lines file is cut into byte ranges that the workers read
    themselves, so plans are not copied between processes.
    """
    if parallel and name != "-" and is_json_lines(name, data):
        ranges: list[_Unit] = list(slices(name, data, _CHUNK_BYTES))
        return ranges, data.count(b"\n") + (not data.endswith(b"\n"))
    plans = list(plans_in(name, data))
    chunks: list[_Unit] = [
        plans[start : start + _CHUNK_PLANS] for start in range(0, len(plans), _CHUNK_PLANS)
    ]
    return chunks, len(plans)


def _outcomes(units: list[_Unit], options: _Options, jobs: int) -> Iterator[_Outcome]:
    """Check every plan, in input order, with ``jobs`` worker processes when more than one."""
    if jobs <= 1 or len(units) <= 1:
        for unit in units:
            yield from _check_unit(unit, options)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for outcomes in pool.map(_check_unit, units, [options] * len(units)):
            yield from outcomes


class _Progress:
    """A one-line progress count on standard error, only when it is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.enabled = total > 1 and sys.stderr.isatty()

    def step(self) -> None:
        self.done += 1
        if self.enabled and (self.done % 100 == 0 or self.done == self.total):
            sys.stderr.write(f"\rbilan-core: {self.done}/{self.total} plans checked")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def run(args: argparse.Namespace) -> int:
    """Validate every plan of every file; print the reports; return the exit code."""
    policy = policy_option(args.policy)
    options = _Options(
        on=args.on if args.on is not None else today(),
        policy=policy,
        include_secondary=not args.no_secondary,
        output=args.format,
        lang=args.lang,
    )
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    units: list[_Unit] = []
    expected = 0
    unreadable: list[_Outcome] = []
    for name in args.files:
        try:
            data = read_bytes(name)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            errors = (
                (
                    "$",
                    Text(fr=f"fichier illisible ({reason})", en=f"cannot read the file ({reason})"),
                ),
            )
            unreadable.append(_Outcome(source=name, rendered=None, ok=False, errors=errors))
            continue
        if is_json_lines(name, data) and next(json_lines(data), None) is None:
            errors = (("$", Text(fr="aucun plan dans le fichier", en="no plan in the file")),)
            unreadable.append(
                _Outcome(source=label_of(name), rendered=None, ok=False, errors=errors)
            )
            continue
        work, count = _units(name, data, parallel=jobs > 1)
        units.extend(work)
        expected += count
    progress = _Progress(expected)
    outcomes: list[_Outcome] = []
    for outcome in _outcomes(units, options, jobs):
        outcomes.append(outcome)
        progress.step()
    progress.close()
    results = [o for o in outcomes if o.rendered is not None]
    unusable = [o for o in [*unreadable, *outcomes] if o.rendered is None]
    policy_name = policy.name if policy is not None else None
    if args.format == "json":
        sys.stdout.write(_json(results, unusable, options.on, policy_name) + "\n")
    else:
        sys.stdout.write(_text(results, unusable, args.lang) + "\n")
    for outcome in unusable:
        for path, message in outcome.errors:
            print(
                f"bilan-core: {outcome.source}: {path}: {message.get(options.lang)}",
                file=sys.stderr,
            )
    if unusable:
        return 2
    return 0 if all(outcome.ok for outcome in results) else 1


def _json(
    results: list[_Outcome],
    unusable: list[_Outcome],
    on: pendulum.Date,
    policy: str | None,
) -> str:
    document: dict[str, Any] = {
        "format": REPORT_FORMAT,
        "on": on.isoformat(),
        "policy": policy,
        "reports": [outcome.rendered for outcome in results],
        "unusable": [
            {
                "source": o.source,
                "errors": [{"path": p, "message": m.to_dict()} for p, m in o.errors],
            }
            for o in unusable
        ],
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode()


def _text(results: list[_Outcome], unusable: list[_Outcome], lang: Lang) -> str:
    fr = lang == "fr"
    blocks = [str(outcome.rendered) for outcome in results]
    for outcome in unusable:
        head = f"{outcome.source} — {'plan inutilisable' if fr else 'unusable plan'}"
        lines = (f"    {path}: {message.get(lang)}" for path, message in outcome.errors)
        blocks.append("\n".join([head, *lines]))
    totals = [sum(o.counts[i] for o in results) for i in range(len(Severity))]
    counts = ", ".join(_count(n, s, lang) for n, s in zip(totals, Severity, strict=True))
    failed = sum(1 for o in results if not o.ok)
    plans = len(results)
    if fr:
        total = (
            f"{plans} plan{'s' if plans > 1 else ''} vérifié{'s' if plans > 1 else ''} "
            f"({failed} non conforme{'s' if failed > 1 else ''}) : {counts}"
        )
        if unusable:
            total += f" ; {len(unusable)} inutilisable{'s' if len(unusable) > 1 else ''}"
    else:
        total = f"{plans} plan{'s' if plans != 1 else ''} checked ({failed} not ok): {counts}"
        if unusable:
            total += f"; {len(unusable)} unusable"
    return "\n\n".join([*blocks, total])
