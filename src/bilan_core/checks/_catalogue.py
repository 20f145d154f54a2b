"""The catalogue: every rule, registered once by its family module.

It is the one object that answers "which rules, in force when, in which section, guarding
which event".
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import pendulum

from bilan_core.checks._model import Check, Reading, Rule, Subject
from bilan_core.errors import UnknownRule
from bilan_core.references import Confidence
from bilan_core.text import Text

if TYPE_CHECKING:
    from bilan_core.phases import EventName
    from bilan_core.references import LegalReference
    from bilan_core.report import Severity

__all__ = ["SECTIONS", "Catalogue", "catalogue"]

_FIRST_DAY: Final = pendulum.Date(1, 1, 1)

SECTIONS: Final[Mapping[str, Text]] = MappingProxyType(
    {
        "scope": Text(fr="Consentement et prestataire", en="Consent and provider"),
        "phases": Text(fr="Phases et structure", en="Phases and structure"),
        "duration": Text(fr="Durée", en="Duration"),
        "cpf": Text(fr="CPF (compte personnel de formation)", en="CPF (personal training account)"),
        "convention": Text(
            fr="Plan de développement et congé de reclassement : la convention",
            en="Employer plan and reclassification leave: the convention",
        ),
        "public_sector": Text(fr="Agents publics", en="Public agents"),
        "confidentiality": Text(
            fr="Confidentialité et conservation", en="Confidentiality and retention"
        ),
        "policy": Text(fr="Charte du prestataire (POL)", en="Provider's charter (POL)"),
        "qualiopi": Text(
            fr="Offre publique : référentiel Qualiopi (indicateurs 1 et 2)",
            en="Public offer: the Qualiopi framework (indicators 1 and 2)",
        ),
        "offer_law": Text(
            fr="Offre publique : ce que la loi interdit de promettre",
            en="Public offer: what the law forbids promising",
        ),
    }
)
"""The sections of the catalogue, in order, with their titles (a rule's ``section``)."""

# The family modules and the subject their rules judge, imported on first use so that
# `import bilan_core` stays light (and checking a bilan does not import the offer's model).
_FAMILIES: Final[tuple[tuple[str, Subject], ...]] = (
    ("bilan_core.checks.scope", "bilan"),
    ("bilan_core.checks.phases", "bilan"),
    ("bilan_core.checks.duration", "bilan"),
    ("bilan_core.checks.cpf", "bilan"),
    ("bilan_core.checks.convention", "bilan"),
    ("bilan_core.checks.public_sector", "bilan"),
    ("bilan_core.checks.confidentiality", "bilan"),
    ("bilan_core.checks.charter", "bilan"),
    ("bilan_core.checks.charter_calendar", "bilan"),
    ("bilan_core.checks.qualiopi", "offer"),
    ("bilan_core.checks.offer_law", "offer"),
)
_SUBJECTS: Final[tuple[Subject, ...]] = ("bilan", "offer")


class Catalogue:
    """Every rule of the law (``BC-``) and of provider charters (``POL-``), in catalogue order.

    The family modules register their rules when the catalogue is first read. Iterating
    gives every rule; :meth:`rules` selects by date and section; :meth:`rule` finds one by id;
    :meth:`guards` gives the rules that guard a phase event.

    >>> from bilan_core import catalogue
    >>> catalogue.rule("BC-DURATION-MAX").section
    'duration'
    >>> [rule.id for rule in catalogue.rules(section="duration")]
    ['BC-DURATION-MAX', 'BC-DURATION-MIN']
    >>> [rule.id for rule in catalogue.guards("deliver_synthesis")][:2]
    ['BC-CONCLUSION-PERSONAL', 'BC-DURATION-MAX']
    """

    def __init__(self, families: Iterable[tuple[str, Subject]]) -> None:
        self._families = tuple(families)
        self._rules: dict[str, Rule] = {}
        self._guards: dict[tuple[str, str], Check] = {}
        self._loaded: set[Subject] = set()
        self._ordered: tuple[Rule, ...] | None = None

    # -- registration (by the family modules) ----------------------------------------------

    def register(
        self,
        rule_id: str,
        *,
        severity: Severity,
        title: Text,
        references: Iterable[LegalReference],
        in_force_from: pendulum.Date,
        confidence: Confidence,
        section: str,
        in_force_until: pendulum.Date | None = None,
        confidence_note: Text | None = None,
        notes: Text | None = None,
        blocks: Iterable[EventName] = (),
        readings: Iterable[Reading] = (),
        subject: Subject = "bilan",
    ) -> Callable[[Check], Check]:
        """Register the decorated check function as a rule.

        Raises:
            ValueError: the id is already registered, the rule cites nothing, or its section
                is not one of :data:`SECTIONS`.
        """

        def decorate(check: Check) -> Check:
            if rule_id in self._rules:
                raise ValueError(f"rule {rule_id} registered twice")
            refs = tuple(references)
            if not refs:
                raise ValueError(f"rule {rule_id} cites no reference")
            if section not in SECTIONS:
                raise ValueError(f"rule {rule_id}: unknown section {section!r}")
            _clear_caches()  # a new rule: new in-force dates, new selections
            self._ordered = None
            self._rules[rule_id] = Rule(
                id=rule_id,
                severity=severity,
                title=title,
                references=refs,
                in_force_from=in_force_from,
                in_force_until=in_force_until,
                confidence=confidence,
                confidence_note=confidence_note,
                section=section,
                notes=notes,
                blocks=tuple(blocks),
                readings=tuple(readings),
                subject=subject,
                check=check,
            )
            return check

        return decorate

    def guard(self, rule_id: str, *events: EventName) -> Callable[[Check], Check]:
        """Register the decorated function as the rule's guard of ``events``.

        A guard replaces the rule's check before those events: what must hold, beyond "not
        illegal", before the event (funding secured, a session held…). Its error findings
        block the event.

        Raises:
            ValueError: the rule is not registered yet or does not list the event in
                ``blocks``.
        """

        def decorate(check: Check) -> Check:
            rule = self._rules.get(rule_id)
            for event in events:
                if rule is None or event not in rule.blocks:
                    raise ValueError(f"{rule_id} does not block {event!r}")
                self._guards[(rule_id, event)] = check
            return check

        return decorate

    # -- reading --------------------------------------------------------------------------

    def _load(self, subject: Subject | None) -> None:
        """Import the families of ``subject`` (of every subject: ``None``), once."""
        for wanted in _SUBJECTS if subject is None else (subject,):
            if wanted not in self._loaded:
                for module, judged in self._families:
                    if judged == wanted:
                        importlib.import_module(module)
                self._loaded.add(wanted)

    def _all(self, subject: Subject | None = None) -> tuple[Rule, ...]:
        """The rules of ``subject`` (every rule: ``None``), in catalogue order.

        The order is by family, then as the family registers them, whichever family module
        was imported first. Only the families of ``subject`` are imported.
        """
        self._load(subject)
        if self._ordered is None:
            rank = {module: index for index, (module, _) in enumerate(self._families)}
            order = list(self._rules.values())
            order.sort(key=lambda rule: rank.get(rule.check.__module__, len(rank)))
            self._ordered = tuple(order)
        if subject is None:
            return self._ordered
        return tuple(rule for rule in self._ordered if rule.subject == subject)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __contains__(self, rule_id: object) -> bool:
        self._all()
        return rule_id in self._rules

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id.

        Raises:
            UnknownRule: no such rule (a ``KeyError``).
        """
        found = self._rules.get(rule_id)
        if found is None:
            self._all()  # every family, then look again
            found = self._rules.get(rule_id)
            if found is None:
                raise UnknownRule(rule_id)
        return found

    def rules(
        self,
        on: pendulum.Date | None = None,
        *,
        include_policy: bool = True,
        section: str | None = None,
        subject: Subject | None = None,
    ) -> tuple[Rule, ...]:
        """The rules in force for a bilan whose reference date is ``on``.

        Every rule when ``on`` is ``None``; with or without the charter rules; of one section
        or all; judging one subject (bilans, offers) or both.
        """
        self._load(subject)  # before the interval: its days are those of the rules loaded
        interval = None if on is None else self._interval(on)
        return self._in_force(interval, include_policy, section, subject)

    @functools.lru_cache(maxsize=1)  # noqa: B019 - one catalogue for the process
    def _changes(self) -> tuple[pendulum.Date, ...]:
        """The days on which the set of rules in force changes, sorted (built once).

        A rule comes into force on its ``in_force_from`` and leaves it the day after its
        ``in_force_until``: between two of these days, the same rules are in force.
        """
        days: set[pendulum.Date] = set()
        for rule in self._rules.values():  # the families loaded (a load clears this cache)
            days.add(rule.in_force_from)
            if rule.in_force_until is not None:
                days.add(pendulum.Date.fromordinal(rule.in_force_until.toordinal() + 1))
        return tuple(sorted(days, key=dt.date.toordinal))

    def _interval(self, day: dt.date) -> int:
        """The interval of :meth:`_changes` holding ``day``: the number of changes by then.

        Two reference dates of the same interval select the same rules, so the selections
        are cached per interval (a few keys for the whole catalogue), not per day.
        """
        return bisect.bisect_right(self._changes(), day)

    def _first_day(self, interval: int) -> pendulum.Date:
        """A day of ``interval`` (its first; before every change, the first day of all)."""
        return self._changes()[interval - 1] if interval else _FIRST_DAY

    @functools.lru_cache(maxsize=64)  # noqa: B019 - one catalogue for the process
    def _in_force(
        self,
        interval: int | None,
        include_policy: bool,  # noqa: FBT001 - positional: a fast cache key
        section: str | None,
        subject: Subject | None,
        /,
    ) -> tuple[Rule, ...]:
        day = None if interval is None else self._first_day(interval)
        return tuple(
            rule
            for rule in self._all(subject)
            if (day is None or rule.in_force(day))
            and (include_policy or not rule.is_policy)
            and (section is None or rule.section == section)
        )

    @property
    def sections(self) -> Mapping[str, Text]:
        """The sections, in order, with their titles."""
        return SECTIONS

    @functools.lru_cache(maxsize=16)  # noqa: B019 - one catalogue for the process
    def guards(self, event: str) -> tuple[Rule, ...]:
        """The rules that guard ``event``, in catalogue order (rules judging bilans)."""
        return tuple(rule for rule in self._all("bilan") if event in rule.blocks)

    def guard_of(self, rule: Rule, event: str) -> Check:
        """The function guarding ``event`` for ``rule``: its own guard, or its check."""
        return self._guards.get((rule.id, event), rule.check)

    def selection(
        self,
        reference: pendulum.Date,
        *,
        with_policy: bool,
        include_secondary: bool,
        include_unverified: bool,
        only: frozenset[str] | None,
        disabled: frozenset[str],
        subject: Subject = "bilan",
    ) -> tuple[Rule, ...]:
        """The rules :func:`~bilan_core.validate` runs for a reference date and its options.

        ``subject``: the rules judging bilans (for ``validate``) or offers.

        Raises:
            UnknownRule: ``only`` names a rule the catalogue does not have.
        """
        self._load(subject)  # before the interval: its days are those of the rules loaded
        return self._selected(
            self._interval(reference),
            with_policy,
            include_secondary,
            include_unverified,
            only,
            disabled,
            subject,
        )

    @functools.lru_cache(maxsize=256)  # noqa: B019 - one catalogue for the process
    def _selected(  # noqa: PLR0917 - the options of selection, positional for a fast key
        self,
        interval: int,
        with_policy: bool,  # noqa: FBT001
        include_secondary: bool,  # noqa: FBT001
        include_unverified: bool,  # noqa: FBT001
        only: frozenset[str] | None,
        disabled: frozenset[str],
        subject: Subject,
        /,
    ) -> tuple[Rule, ...]:
        for rule_id in only or ():
            self.rule(rule_id)  # a typo raises, rather than silently checking nothing
        return tuple(
            rule
            for rule in self._in_force(interval, with_policy, None, subject)
            if (include_secondary or rule.confidence is not Confidence.SECONDARY)
            and (include_unverified or rule.confidence is not Confidence.UNVERIFIED)
            and (only is None or rule.id in only)
            and rule.id not in disabled
        )


def _clear_caches() -> None:
    """Forget the in-force days and the selections (a rule was registered or replaced)."""
    Catalogue._changes.cache_clear()  # noqa: SLF001 - the class's own caches
    Catalogue._in_force.cache_clear()  # noqa: SLF001
    Catalogue._selected.cache_clear()  # noqa: SLF001


# ``Catalogue.rules.cache_clear()`` and ``Catalogue.selection.cache_clear()``: what a test
# that replaces a rule calls (both read the same per-interval caches).
Catalogue.rules.cache_clear = _clear_caches  # type: ignore[attr-defined]
Catalogue.selection.cache_clear = _clear_caches  # type: ignore[attr-defined]


catalogue: Final = Catalogue(_FAMILIES)
"""The catalogue of bilan-core: every rule of the law and of provider charters."""

register = catalogue.register
guard = catalogue.guard
