"""``bilan-core timeline``: every deadline of a plan, and its calendar as an ``.ics`` file.

Text output: one line per deadline (due day and weekday, status, rule id, label), in due
order; a deadline on a weekend or public holiday is flagged, as it is not extended. JSON
output: ``{"format": "bilan-core-timeline/2", "timelines": [...]}``; JSON Lines: one timeline
per line. Labels, weekdays and holidays carry both languages (``{"fr": …, "en": …}``); the
schema is ``bilan-core schema --timeline``. ``--ics PATH`` also writes the sessions and
deadlines as an iCalendar file (RFC 5545), ``--ics -`` to standard output. Only ids, dates,
rule ids and labels are printed: never free text of the plan.

Exit codes: 0 the timelines were printed, 2 an input is unusable.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import sys
from typing import TYPE_CHECKING, Final

import orjson

from bilan_core.calendar import local
from bilan_core.cli._io import Source, plans, write_output
from bilan_core.cli._options import (
    format_option,
    lang_option,
    on_option,
    policy_from,
    policy_option,
)
from bilan_core.deadlines import DeadlineStatus, timeline
from bilan_core.errors import SerializationError
from bilan_core.serialization import load
from bilan_core.text import Text

if TYPE_CHECKING:
    from bilan_core.bilan import Bilan
    from bilan_core.deadlines import Timeline
    from bilan_core.text import Lang

__all__ = ["TIMELINE_FORMAT", "add_parser", "render"]

TIMELINE_FORMAT: Final = "bilan-core-timeline/2"
"""The ``format`` of the JSON and JSON Lines output."""

_STATUSES: Final = {
    DeadlineStatus.DONE: Text(fr="fait", en="done"),
    DeadlineStatus.PENDING: Text(fr="à venir", en="pending"),
    DeadlineStatus.DUE_TODAY: Text(fr="aujourd'hui", en="due today"),
    DeadlineStatus.LATE: Text(fr="dépassé", en="late"),
    DeadlineStatus.NOT_APPLICABLE: Text(fr="sans objet", en="not applicable"),
}


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``timeline`` sub-command."""
    parser = subparsers.add_parser(
        "timeline",
        parents=[
            on_option("the evaluation date"),
            policy_option(
                "also show a provider charter's deadlines: 'staff' or a TOML/JSON charter file"
            ),
            format_option("text", "json", "jsonl"),
            lang_option(),
        ],
        help="list every deadline of a plan; optionally write an iCalendar file",
        description=(
            "List the legal deadlines of bilan-core/1 plans (and the charter's, with --policy) "
            "in due order, with their status on the evaluation date. Deadlines falling on a "
            "weekend or public holiday are not extended."
        ),
    )
    parser.add_argument(
        "file", help="a JSON plan, a JSON Lines file (one plan per line), or - for standard input"
    )
    parser.add_argument(
        "--ics",
        default=None,
        metavar="PATH",
        help="also write the sessions and deadlines as an iCalendar (.ics) file; - for stdout",
    )
    parser.set_defaults(func=run)


def render(tl: Timeline, lang: Lang = "fr") -> str:
    """The text form of one timeline.

    >>> from bilan_core.samples import example_bilan
    >>> tl = timeline(example_bilan("employer_plan"), on=pendulum.date(2026, 2, 27))
    >>> print(render(tl))  # doctest: +ELLIPSIS
    Bilan 2026-employer-plan — échéances au 2026-02-27
      2026-03-02       lundi     fait         BC-CONVENTION-ACCEPTANCE  Signature de la ...
      2026-05-19       mardi     à venir      BC-DOCUMENT-RETENTION     Destruction du ...
    ...
    >>> print(render(tl, "en").splitlines()[1])  # doctest: +ELLIPSIS
      2026-03-02       Monday    done         BC-CONVENTION-ACCEPTANCE  Employee signs ...
    """
    fr = lang == "fr"
    head = "échéances au" if fr else "deadlines on"
    lines = [f"Bilan {tl.bilan_id} — {head} {tl.on.isoformat()}"]
    if not tl:
        lines.append("  (aucune échéance connue)" if fr else "  (no deadline known)")
    for deadline in tl:
        when = deadline.due_day.isoformat()
        if isinstance(deadline.due, dt.datetime):
            when += f" {local(deadline.due):%H:%M}"
        flag = ""
        if not deadline.is_working_day:
            day = deadline.holiday.get(lang) if deadline.holiday else "week-end"
            flag = f"  [{day} : délai non prorogé]" if fr else f"  [{day}: not extended]"
        lines.append(
            f"  {when:<16} {deadline.weekday.get(lang):<9} "
            f"{_STATUSES[deadline.status].get(lang):<12} "
            f"{deadline.rule_id:<25} {deadline.label.get(lang)}{flag}"
        )
    return "\n".join(lines)


def _load(source: Source, data: bytes) -> Bilan:
    try:
        return load(data)
    except SerializationError as exc:
        raise SerializationError(
            ((f"{source}: {path}", message) for path, message in exc.errors), total=exc.total
        ) from None


_NO_ICALENDAR = Text(
    fr="--ics a besoin du paquet icalendar : pip install 'bilan-core[ics]'",
    en="--ics needs the icalendar package: pip install 'bilan-core[ics]'",
)


def _can_write_calendars(args: argparse.Namespace) -> bool:
    """No ``--ics``, or the extra that writes calendars is installed (else say so)."""
    if args.ics is None or importlib.util.find_spec("icalendar") is not None:
        return True
    print(f"bilan-core: {_NO_ICALENDAR.get(args.lang)}", file=sys.stderr)
    return False


def _entry(tl: Timeline, args: argparse.Namespace, *, first: bool) -> str:
    """One timeline in the output format, with what separates it from the one before."""
    if args.format == "json":
        body = orjson.dumps(tl.to_dict(), option=orjson.OPT_INDENT_2).decode()
        return ("\n    " if first else ",\n    ") + body.replace("\n", "\n    ")
    if args.format == "jsonl":
        return orjson.dumps({"format": TIMELINE_FORMAT, **tl.to_dict()}).decode() + "\n"
    return ("" if first else "\n\n") + render(tl, args.lang)


def run(args: argparse.Namespace) -> int:
    """Print the timeline of every plan in the file; write the calendar if asked.

    With ``--ics -`` the calendar is the only output.
    """
    if not _can_write_calendars(args):
        return 2  # nothing written: the whole command needs what is missing
    policy = policy_from(args.policy)
    pairs: list[tuple[Bilan, Timeline]] = []
    out = sys.stdout
    show = args.ics != "-"
    count = 0
    if show and args.format == "json":
        out.write(f'{{\n  "format": "{TIMELINE_FORMAT}",\n  "timelines": [')
    for source, data in plans(args.file):
        bilan = _load(source, data)
        tl = timeline(bilan, on=args.on, policy=policy)
        if args.ics is not None:
            pairs.append((bilan, tl))
        if show:
            out.write(_entry(tl, args, first=count == 0))
        count += 1
    if show and args.format == "json":
        out.write(("\n  ]" if count else "]") + "\n}\n")
    elif show and args.format == "text":
        out.write("\n")
    if args.ics is not None:
        from bilan_core.deadlines.ics import calendar_of

        write_output(args.ics, calendar_of(pairs, lang=args.lang))
    return 0
