"""``bilan-core timeline``: every deadline of a plan, and its calendar as an ``.ics`` file.

Text output: one line per deadline (due day and weekday, status, rule id, label), in due
order; a deadline on a weekend or public holiday is flagged, as it is not extended. JSON
output: ``{"format": "bilan-core-timeline/1", "timelines": [...]}``. ``--ics PATH`` also
writes the sessions and deadlines as an iCalendar file (RFC 5545). Only ids, dates, rule ids
and labels are printed: never free text of the plan.

Exit codes: 0 the timelines were printed, 2 an input is unusable.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING

import orjson

from bilan_core.calendar import local
from bilan_core.cli._io import load_one, parse_day, policy_option, read_plans, write_file
from bilan_core.timeline import DeadlineStatus, timeline

if TYPE_CHECKING:
    from bilan_core.bilan import Bilan
    from bilan_core.timeline import Timeline

__all__ = ["TIMELINE_FORMAT", "add_parser", "render"]

TIMELINE_FORMAT = "bilan-core-timeline/1"
"""The ``format`` of the JSON output."""

_STATUS_FR = {
    DeadlineStatus.DONE: "fait",
    DeadlineStatus.PENDING: "à venir",
    DeadlineStatus.DUE_TODAY: "aujourd'hui",
    DeadlineStatus.LATE: "dépassé",
    DeadlineStatus.NOT_APPLICABLE: "sans objet",
}


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``timeline`` sub-command."""
    parser = subparsers.add_parser(
        "timeline",
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
        help="also show a provider charter's deadlines: 'staff' or a TOML/JSON charter file",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--ics",
        default=None,
        metavar="PATH",
        help="write the sessions and deadlines as an iCalendar (.ics) file",
    )
    parser.set_defaults(func=run)


def render(tl: Timeline) -> str:
    """The text form of one timeline.

    >>> from bilan_core.samples import example_bilan
    >>> tl = timeline(example_bilan("employer_plan"), on=pendulum.date(2026, 2, 27))
    >>> print(render(tl))  # doctest: +ELLIPSIS
    Bilan 2026-employer-plan — échéances au 2026-02-27
      2026-03-02       lundi     fait         BC-CONVENTION-ACCEPTANCE  Signature de la ...
      2026-05-19       mardi     à venir      BC-DOCUMENT-RETENTION     Destruction du ...
    ...
    """
    lines = [f"Bilan {tl.bilan_id} — échéances au {tl.on.isoformat()}"]
    if not tl:
        lines.append("  (aucune échéance connue)")
    for deadline in tl:
        when = deadline.due_day.isoformat()
        if isinstance(deadline.due, dt.datetime):
            when += f" {local(deadline.due):%H:%M}"
        flag = ""
        if not deadline.is_working_day:
            flag = f"  [{deadline.holiday or 'week-end'} : délai non prorogé]"
        lines.append(
            f"  {when:<16} {deadline.weekday:<9} {_STATUS_FR[deadline.status]:<12} "
            f"{deadline.rule_id:<25} {deadline.label}{flag}"
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the timeline of every plan in the file; write the calendar if asked."""
    policy = policy_option(args.policy)
    pairs: list[tuple[Bilan, Timeline]] = []
    for source, data in read_plans(args.file):
        bilan = load_one(source, data)
        pairs.append((bilan, timeline(bilan, on=args.on, policy=policy)))
    if args.format == "json":
        document = {"format": TIMELINE_FORMAT, "timelines": [tl.to_dict() for _, tl in pairs]}
        sys.stdout.write(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        sys.stdout.write("\n\n".join(render(tl) for _, tl in pairs) + "\n")
    if args.ics is not None:
        from bilan_core.timeline_ics import calendar_of

        write_file(args.ics, calendar_of(pairs))
    return 0
