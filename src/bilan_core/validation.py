"""``validate()``: run the catalogue on a bilan and report what it breaks, citing the law."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Mapping
from typing import TYPE_CHECKING

from bilan_core import facts
from bilan_core._arguments import as_day, check_bilan, check_policy, rule_id_set, today
from bilan_core._format import date_en, date_fr
from bilan_core.checks._catalogue import catalogue
from bilan_core.checks._context import Context
from bilan_core.checks._model import Finding, Rule, for_charter
from bilan_core.errors import InvalidValue
from bilan_core.report import Report, Severity, Violation
from bilan_core.text import Text

if TYPE_CHECKING:
    from collections.abc import Collection

    from bilan_core.bilan import Bilan
    from bilan_core.policy import Policy
    from bilan_core.references import LegalReference

__all__ = ["checked_readings", "notices", "today", "validate", "violation_of"]


def validate(
    bilan: Bilan,
    *,
    on: dt.date | None = None,
    policy: Policy | None = None,
    include_secondary: bool = True,
    include_unverified: bool = True,
    only: Collection[str] | None = None,
    readings: Mapping[str, str] | None = None,
) -> Report:
    """Check a bilan against every rule in force at its reference date.

    The bilan's reference date (the day it was agreed; see
    :attr:`Bilan.reference_date <bilan_core.Bilan.reference_date>`) picks which rules and
    which dated values apply; ``on`` decides what is pending, due or late. A problem of the
    bilan is reported, never raised: call :meth:`Report.raise_for_violations` to raise.

    Args:
        bilan: the bilan to check.
        on: the evaluation date (default: today in Europe/Paris).
        policy: a provider charter; its ``POL-`` rules run only when one is given.
        include_secondary: run the rules whose source is ``secondary``.
        include_unverified: run the rules whose source is ``unverified``.
        only: run only the rules with these ids (among those the other options select).
        readings: for a rule whose text is uncertain, the reading to apply instead of its
            default, by rule id (``{"BC-DURATION-MIN": "funded"}``); each rule lists its
            readings (:attr:`Rule.readings <bilan_core.Rule.readings>`).

    Raises:
        UnknownRule: ``only`` or ``readings`` names a rule the catalogue does not have.
        InvalidValue: ``readings`` names a reading the rule does not have.
        TypeError: an argument of the wrong type (a dict for ``bilan``, a string for ``on``,
            ``policy`` or ``only``).

    >>> from bilan_core.samples import example_bilan, EXAMPLE_ON
    >>> validate(example_bilan("cpf"), on=EXAMPLE_ON).ok
    True
    >>> validate(example_bilan("cpf"), on=EXAMPLE_ON, only={"BC-DURATION-MAX"}).checked
    ('BC-DURATION-MAX',)
    """
    check_bilan(bilan)
    policy = check_policy(policy)
    day = as_day(on)
    reference = bilan.reference_date or day
    ctx = Context(
        on=day, reference_date=reference, policy=policy, readings=checked_readings(readings)
    )
    selected = catalogue.selection(
        reference,
        with_policy=policy is not None,
        include_secondary=include_secondary,
        include_unverified=include_unverified,
        only=rule_id_set(only),
        disabled=policy.disabled if policy is not None else _NONE,
    )
    overrides = policy.severities if policy is not None else _NO_OVERRIDES
    charter = policy.reference if policy is not None else None
    violations = [
        violation_of(rule, finding, overrides, charter)
        for rule in selected
        for finding in rule.check(bilan, ctx)
    ]
    if len(violations) > 1:
        violations.sort(key=_order)
    return Report(
        bilan_id=bilan.id,
        on=day,
        reference_date=bilan.reference_date,
        violations=tuple(violations),
        checked=tuple(map(_RULE_ID, selected)),
        notices=notices(bilan, day, reference),
    )


def notices(bilan: Bilan, on: dt.date, reference: dt.date) -> tuple[Text, ...]:
    """What the verdict depends on beyond the rules, said in the report.

    - The evaluation date precedes facts the plan records (sessions held, events, documents
      delivered…): what is late or pending is judged as of that earlier day.
    - The reference date precedes 2019-01-01: bilan-core encodes the bilan as the loi
      n° 2018-771 reformed it (in force on that day); the earlier law is not applied.
    """
    found: list[Text] = []
    latest = facts.latest_recorded_day(bilan)
    if latest is not None and on < latest:
        found.append(
            Text(
                fr=f"la date d'évaluation ({date_fr(on)}) précède des faits enregistrés dans le "
                f"plan (le dernier le {date_fr(latest)}) : ce qui est en retard ou en attente "
                f"est jugé au {date_fr(on)}",
                en=f"the evaluation date ({date_en(on)}) precedes facts recorded in the plan "
                f"(the latest on {date_en(latest)}): what is late or pending is judged as of "
                f"{date_en(on)}",
            )
        )
    first = _REFORM
    if reference < first:
        found.append(
            Text(
                fr=f"la date de référence ({date_fr(reference)}) précède le {date_fr(first)} : "
                "bilan-core encode le bilan tel que la loi n° 2018-771 l'a réformé ; le droit "
                "antérieur n'est pas appliqué, seules les règles déjà en vigueur le sont",
                en=f"the reference date ({date_en(reference)}) precedes {date_en(first)}: "
                "bilan-core encodes the bilan as the loi n° 2018-771 reformed it; the earlier "
                "law is not applied, only the rules already in force are",
            )
        )
    return tuple(found)


_REFORM = dt.date(2019, 1, 1)
"""The day the bilan's law as bilan-core encodes it begins (loi n° 2018-771, décret 2018-1330)."""


def checked_readings(readings: Mapping[str, str] | None) -> Mapping[str, str]:
    """``readings`` checked against the catalogue: each rule exists and has that reading.

    Raises:
        TypeError: not a mapping of rule ids to reading names.
        UnknownRule: a rule the catalogue does not have.
        InvalidValue: a reading the rule does not have.

    >>> checked_readings({"BC-DURATION-MIN": "funded"})
    {'BC-DURATION-MIN': 'funded'}
    """
    if readings is None:
        return _NO_READINGS
    if not isinstance(readings, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in readings.items()
    ):
        raise TypeError(
            'readings must map rule ids to reading names: {"BC-DURATION-MIN": "funded"}'
        )
    for rule_id, name in readings.items():
        known = [reading.name for reading in catalogue.rule(rule_id).readings]
        if name not in known:
            choices = ", ".join(known) if known else "—"
            raise InvalidValue(
                Text(
                    fr=f"{rule_id} n'a pas de lecture {name!r} (lectures : {choices})",
                    en=f"{rule_id} has no reading {name!r} (readings: {choices})",
                ),
                field="readings",
            )
    return dict(readings)


_RULE_ID = operator.attrgetter("id")
_NO_READINGS: Mapping[str, str] = {}
_NO_OVERRIDES: Mapping[str, Severity] = {}
_NONE: frozenset[str] = frozenset()


def violation_of(
    rule: Rule,
    finding: Finding,
    overrides: Mapping[str, Severity] = _NO_OVERRIDES,
    charter: LegalReference | None = None,
) -> Violation:
    """The violation a finding of ``rule`` makes: its severity, its message citing the law.

    ``charter``: how the charter in use is cited (its findings cite it, not the example).
    """
    references = for_charter(rule.references, charter) if rule.is_policy else rule.references
    cited = finding.reference if finding.reference is not None else references[0]
    if rule.is_policy:
        (cited,) = for_charter((cited,), charter)
    cite = cited.citation
    return Violation(
        rule_id=rule.id,
        severity=finding.severity or overrides.get(rule.id, rule.severity),
        message=Text(fr=f"{finding.message.fr} ({cite})", en=f"{finding.message.en} ({cite})"),
        path=finding.path,
        references=references,
        section=rule.section,
    )


def _order(violation: Violation) -> tuple[int, str, str]:
    return (violation.severity.rank, violation.path, violation.rule_id)
