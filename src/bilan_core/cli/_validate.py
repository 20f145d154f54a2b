"""``bilan-core validate``: check plans against the law (and a provider charter).

Plans are read as a stream (one JSON document per file, or one per line of a JSON Lines file)
and their reports written as they are checked, in input order, so memory stays flat however
large the input; ``--jobs N`` checks them in N worker processes, same output.

- ``--format text``: one block per plan, its violations grouped by the stage of the bilan
  they concern (before the bilan, each phase, the whole bilan, after it), each with its rule
  id, message citing the law, and JSON path; then a count line.
- ``--format json``: one document ``{"format": "bilan-core-report/2", "on", "policy",
  "reports": [...], "summary": {...}}``, written incrementally.
- ``--format jsonl``: JSON Lines, one entry per plan.

An entry is a report (``Report.to_dict()`` with its ``source``) or, for a plan that cannot be
read, ``{"source", "unusable": true, "errors": [...], "total_errors"}``. Messages carry both
languages (``{"fr": …, "en": …}``); the schema is ``bilan-core schema --report``. Only rule
ids, paths, numbers and dates are printed: never free text of the plan.

Exit codes: 0 no error-severity violation, 1 at least one error, 2 an input is unusable
(reported with its source and line; the other plans are still checked).
"""

from __future__ import annotations

import argparse
import collections
import os
import signal
import sys
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import attrs
import orjson
import pendulum

from bilan_core.cli._io import (
    Slice,
    Source,
    WholeEntries,
    count_lines,
    is_json_lines,
    label_of,
    plans,
    slices,
)
from bilan_core.cli._options import (
    format_option,
    lang_option,
    on_option,
    policy_from,
    policy_option,
)
from bilan_core.cli._render import count_line, report_text
from bilan_core.errors import SerializationError
from bilan_core.report import Severity
from bilan_core.serialization import load
from bilan_core.text import Lang, Text
from bilan_core.validation import checked_readings, today, validate

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from bilan_core.policy import Policy

__all__ = ["REPORT_FORMAT", "add_parser", "run"]

REPORT_FORMAT: Final = "bilan-core-report/2"
"""The ``format`` of the JSON and JSON Lines output."""

_CHUNK_PLANS: Final = 256
_CHUNK_BYTES: Final = 1 << 20


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
        parents=[
            on_option("the evaluation date"),
            policy_option("also run a provider charter: 'staff' or a TOML/JSON charter file"),
            format_option("text", "json", "jsonl"),
            lang_option(),
        ],
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
        "--no-secondary",
        action="store_true",
        help="leave out the rules whose source is secondary",
    )
    parser.add_argument(
        "--reading",
        type=_reading,
        action="append",
        default=[],
        metavar="RULE=NAME",
        help=(
            "read an uncertain text another way, e.g. BC-DURATION-MIN=funded (the rules page "
            "lists each rule's readings); may be repeated"
        ),
    )
    parser.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="worker processes for large batches (0: one per CPU; default 1); same output",
    )
    parser.set_defaults(func=run)


def _reading(text: str) -> tuple[str, str]:
    """``RULE=NAME`` as a pair (checked against the catalogue when the command runs)."""
    rule_id, sep, name = text.partition("=")
    if not sep or not rule_id or not name:
        raise argparse.ArgumentTypeError(f"expected RULE=NAME, not {text!r}")
    return rule_id.strip(), name.strip()


@attrs.frozen
class _Options:
    on: pendulum.Date
    policy: Policy | None
    include_secondary: bool
    output: str
    lang: Lang
    readings: tuple[tuple[str, str], ...] = ()


class _Outcome(NamedTuple):
    """One plan, checked and rendered (a text block, or a JSON entry as bytes).

    A named tuple: worker processes send thousands back, and a tuple pickles fastest.
    """

    rendered: str | bytes
    counts: tuple[int, int, int] = (0, 0, 0)
    ok: bool = True
    unusable: bool = False
    problems: tuple[str, ...] = ()


def _unusable(
    source: str, errors: Iterable[tuple[str, Text]], total: int, options: _Options
) -> _Outcome:
    errors = tuple(errors)
    lang = options.lang
    problems = tuple(
        f"bilan-core: {source}: {path}: {message.get(lang)}" for path, message in errors
    )
    if options.output == "text":
        head = f"{source} — {'plan inutilisable' if lang == 'fr' else 'unusable plan'}"
        lines = [f"    {path}: {message.get(lang)}" for path, message in errors[:10]]
        if total > len(lines):
            more = total - len(lines)
            lines.append(f"    … et {more} de plus" if lang == "fr" else f"    ... and {more} more")
        rendered: str | bytes = "\n".join([head, *lines])
    else:
        entry = {
            "source": source,
            "unusable": True,
            "errors": [{"path": path, "message": message.to_dict()} for path, message in errors],
            "total_errors": total,
        }
        rendered = _entry_bytes(entry, options)
    return _Outcome(rendered=rendered, ok=False, unusable=True, problems=problems)


def _entry_bytes(entry: dict[str, Any], options: _Options) -> bytes:
    if options.output == "jsonl":
        return orjson.dumps({"format": REPORT_FORMAT, **entry})
    return orjson.dumps(entry, option=orjson.OPT_INDENT_2)


def _check(source: Source, data: bytes, options: _Options) -> _Outcome:
    try:
        bilan = load(data)
    except SerializationError as exc:
        return _unusable(str(source), exc.errors, exc.total, options)
    report = validate(
        bilan,
        on=options.on,
        policy=options.policy,
        include_secondary=options.include_secondary,
        readings=dict(options.readings),
    )
    policy_name = options.policy.name if options.policy is not None else None
    rendered: str | bytes
    if options.output == "text":
        rendered = report_text(report, bilan, str(source), lang=options.lang, policy=policy_name)
    else:
        rendered = _entry_bytes({"source": str(source), **report.to_dict()}, options)
    counts = tuple(len(report.by_severity(s)) for s in Severity)
    return _Outcome(rendered=rendered, counts=(counts[0], counts[1], counts[2]), ok=report.ok)


_Unit = Slice | list[tuple[Source, bytes]]
"""Work for one worker call: a range of a JSON Lines file (the worker reads it), or plans
already read (standard input, single documents)."""


def _check_unit(unit: _Unit, options: _Options) -> list[_Outcome]:
    found = unit.plans() if isinstance(unit, Slice) else unit
    return [_check(source, data, options) for source, data in found]


def _read_units(name: str, *, parallel: bool) -> Iterator[_Unit]:
    """A file's work, cut for the workers.

    Byte ranges the workers read themselves (a JSON Lines file with worker processes), or
    chunks of plans read here.
    """
    if parallel and name != "-":
        with open(name, "rb") as file:  # noqa: PTH123 - a peek at the head
            head = file.read(1 << 16)
        if is_json_lines(name, head):
            yield from slices(name, _CHUNK_BYTES)
            return
    chunk: list[tuple[Source, bytes]] = []
    for plan in plans(name):
        chunk.append(plan)
        if len(chunk) >= _CHUNK_PLANS:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _ignore_interrupts() -> None:  # pragma: no cover - runs in the worker processes
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _outcomes(units: Iterator[_Unit], options: _Options, jobs: int) -> Iterator[_Outcome]:
    """Check every plan, in input order, with ``jobs`` worker processes when more than one.

    At most ``2 × jobs`` units are in flight, so memory stays flat; on Ctrl-C (or any error)
    the workers are stopped at once.
    """
    if jobs <= 1:
        for unit in units:
            yield from _check_unit(unit, options)
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    pool = context.Pool(jobs, initializer=_ignore_interrupts)
    try:
        pending: collections.deque[Any] = collections.deque()
        for unit in units:
            pending.append(pool.apply_async(_check_unit, (unit, options)))
            if len(pending) >= 2 * jobs:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()


class _Progress:
    """A one-line progress count on standard error, only when it is a terminal."""

    def __init__(self, names: list[str]) -> None:
        self.enabled = sys.stderr.isatty()
        self.total = 0
        self.done = 0
        if self.enabled:
            self.total = sum(count_lines(n) for n in names if n != "-" and os.path.isfile(n))  # noqa: PTH113

    def step(self) -> None:
        self.done += 1
        if self.enabled and self.done % 100 == 0:
            total = f"/{self.total}" if self.total >= self.done else ""
            sys.stderr.write(f"\rbilan-core: {self.done}{total} plans checked")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and self.done >= 100:  # noqa: PLR2004 - shown from the 100th plan
            sys.stderr.write("\n")


class _Writer:
    """Writes the outcomes as they come: the text blocks, the JSON document, JSON Lines."""

    def __init__(self, options: _Options, whole: WholeEntries) -> None:
        self.options = options
        self.whole = whole
        self.out = sys.stdout
        self.plans = self.failed = self.unusable = 0
        self.totals = [0, 0, 0]
        self.first = True

    def start(self) -> None:
        if self.options.output == "json":
            head = {
                "format": REPORT_FORMAT,
                "on": self.options.on.isoformat(),
                "policy": self.options.policy.name if self.options.policy else None,
            }
            text = orjson.dumps(head, option=orjson.OPT_INDENT_2).decode()
            self.out.write(text[:-2] + ',\n  "reports": [')

    def add(self, outcome: _Outcome) -> None:
        for problem in outcome.problems:
            print(problem, file=sys.stderr)
        if outcome.unusable:
            self.unusable += 1
        else:
            self.plans += 1
            self.failed += not outcome.ok
            for i, count in enumerate(outcome.counts):
                self.totals[i] += count
        rendered = outcome.rendered
        if self.options.output == "text":
            text = ("" if self.first else "\n\n") + str(rendered)
        elif self.options.output == "jsonl":
            text = bytes(rendered).decode() + "\n"  # type: ignore[arg-type]
        else:
            indented = bytes(rendered).decode().replace("\n", "\n    ")  # type: ignore[arg-type]
            text = ("\n    " if self.first else ",\n    ") + indented
        with self.whole.writing():
            self.out.write(text)  # a flush it starts is whole entries too
            self.first = False

    def finish(self) -> None:
        lang = self.options.lang
        if self.options.output == "text":
            line = count_line(self.plans, self.failed, self.unusable, self.totals, lang)
            self.out.write(("" if self.first else "\n\n") + line + "\n")
        elif self.options.output == "json":
            summary = {
                "plans": self.plans,
                "failed": self.failed,
                "unusable": self.unusable,
                "counts": dict(zip((s.value for s in Severity), self.totals, strict=True)),
            }
            body = orjson.dumps(summary, option=orjson.OPT_INDENT_2).decode()
            self.out.write(("\n  ]" if not self.first else "]") + ',\n  "summary": ')
            self.out.write(body.replace("\n", "\n  ") + "\n}\n")
        self.out.flush()

    @property
    def code(self) -> int:
        if self.unusable:
            return 2
        return 1 if self.failed else 0


def _unreadable(name: str, exc: OSError, options: _Options) -> _Outcome:
    reason = exc.strerror or type(exc).__name__
    message = Text(fr=f"fichier illisible ({reason})", en=f"cannot read the file ({reason})")
    return _unusable(label_of(name), [("$", message)], 1, options)


_EMPTY: Final = Text(fr="aucun plan dans le fichier", en="no plan in the file")


def _file_outcomes(name: str, options: _Options, jobs: int) -> Iterator[_Outcome]:
    """The outcomes of one file's plans; an unreadable or empty file is one unusable entry."""
    try:
        if name != "-":
            with open(name, "rb"):  # noqa: PTH123 - fail early on an unreadable file
                pass
        found = False
        for outcome in _outcomes(_read_units(name, parallel=jobs > 1), options, jobs):
            found = True
            yield outcome
        if not found:
            yield _unusable(label_of(name), [("$", _EMPTY)], 1, options)
    except OSError as exc:
        yield _unreadable(name, exc, options)


def run(args: argparse.Namespace) -> int:
    """Validate every plan of every file, writing each report as it comes; the exit code."""
    options = _Options(
        on=args.on if args.on is not None else today(),
        policy=policy_from(args.policy),
        include_secondary=not args.no_secondary,
        output=args.format,
        lang=args.lang,
        readings=tuple(checked_readings(dict(args.reading)).items()),
    )
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    progress = _Progress(list(args.files))
    with WholeEntries() as whole:
        writer = _Writer(options, whole)
        writer.start()
        try:
            for name in args.files:
                for outcome in _file_outcomes(name, options, jobs):
                    writer.add(outcome)
                    progress.step()
        finally:
            progress.close()
        writer.finish()
    return writer.code
