"""The charter itself: :class:`Policy`, its checks, loading one, and the shipped presets.

The presets (:data:`STAFF`, :data:`PRESETS`) live here rather than in
:mod:`bilan_core.policies` (which shows them): a charter file may name one in ``extends``, and
the model layer cannot import the layer above it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from bilan_core import references as ref
from bilan_core.errors import InvalidPolicy, InvalidValue
from bilan_core.policy._file import read_charter, read_charter_file
from bilan_core.policy._parts import (
    CHARTER_PARAMETERS,
    LAW_RULE,
    MODALITY_WORD,
    ROUTES,
    SEVERITY_WORD,
    FrozenMap,
    TimeRange,
    unknown_choice,
)
from bilan_core.references import LegalReference
from bilan_core.report import Severity
from bilan_core.sessions import Modality
from bilan_core.text import Text

if TYPE_CHECKING:
    from bilan_core.offer import Offer

__all__ = ["PRESETS", "STAFF", "Policy", "load_policy"]


# -- converters and validators ------------------------------------------------------------


def _string(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        name = attribute.name
        raise InvalidValue(
            Text(fr=f"{name} doit être une chaîne de caractères", en=f"{name} must be a string"),
            field=name,
        )


def _time_range(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, TimeRange):
        name = attribute.name
        raise InvalidValue(
            Text(fr=f"{name} doit être un TimeRange", en=f"{name} must be a TimeRange"), field=name
        )


def _severity_map(value: object) -> FrozenMap[str, Severity]:
    if not isinstance(value, Mapping):
        raise InvalidValue(
            Text(
                fr="severities doit associer des identifiants de règle à des gravités",
                en="severities must be a mapping of rule ids to severities",
            ),
            field="severities",
        )
    levels = {s.value: s for s in Severity}
    converted: dict[str, Severity] = {}
    for key, level in value.items():
        if isinstance(level, Severity):
            converted[str(key)] = level
        elif isinstance(level, str) and level in levels:
            converted[str(key)] = levels[level]
        else:
            raise InvalidValue(unknown_choice(SEVERITY_WORD, levels), field=f"severities.{key}")
    return FrozenMap(converted)


def _delay_map(value: object) -> FrozenMap[str, int]:
    if value is None:  # not stated: no route
        return FrozenMap()
    if not isinstance(value, Mapping):
        raise InvalidValue(
            Text(
                fr="start_delay_max_days doit associer des voies de financement à des nombres "
                "de jours",
                en="start_delay_max_days must be a mapping of routes to days",
            ),
            field="start_delay_max_days",
        )
    for route in value:
        if route not in ROUTES:
            routes = ", ".join(ROUTES)
            raise InvalidValue(
                Text(
                    fr=f"voie de financement {route!r} inconnue ; valeurs possibles : {routes}",
                    en=f"unknown funding route {route!r}; one of {routes}",
                ),
                field=f"start_delay_max_days.{route}",
            )
    return FrozenMap(value)  # only the routes stated: the others have no delay


def _check_delays(_instance: object, _attribute: object, value: Mapping[str, int]) -> None:
    for route, days in value.items():
        if type(days) is not int or days < 0:
            raise InvalidValue(
                Text(
                    fr="les valeurs de start_delay_max_days doivent être des nombres entiers "
                    "positifs ou nuls",
                    en="start_delay_max_days values must be whole numbers, 0 or more",
                ),
                field=f"start_delay_max_days.{route}",
            )


_RULE_IDS: Final = Text(
    fr="disabled doit être une collection d'identifiants de règle",
    en="disabled must be a collection of rule ids",
)


def _rule_ids(value: object) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, (frozenset, set, tuple, list)):
        raise InvalidValue(_RULE_IDS, field="disabled")
    try:
        return frozenset(value)
    except TypeError:  # an unhashable item: not a rule id
        raise InvalidValue(_RULE_IDS, field="disabled") from None


def _check_policy_ids(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    for rule_id in value:  # type: ignore[attr-defined]
        if not isinstance(rule_id, str) or not rule_id.startswith("POL-"):
            name = attribute.name
            raise InvalidValue(LAW_RULE.map(f"{name} : {{}}", f"{name}: {{}}"), field=name)


def _count(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or value < 0:
        name = attribute.name
        raise InvalidValue(
            Text(
                fr=f"{name} doit être un nombre entier positif ou nul",
                en=f"{name} must be a whole number, 0 or more",
            ),
            field=name,
        )


def _flag(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not bool:
        name = attribute.name
        raise InvalidValue(
            Text(fr=f"{name} doit valoir true ou false", en=f"{name} must be true or false"),
            field=name,
        )


def _ranges(value: object) -> tuple[TimeRange, ...]:
    if isinstance(value, TimeRange) or not isinstance(value, (tuple, list)):
        raise InvalidValue(
            Text(
                fr="opening_hours doit être une suite de TimeRange",
                en="opening_hours must be a sequence of TimeRange",
            ),
            field="opening_hours",
        )
    return tuple(value)


def _check_ranges(_instance: object, _attribute: object, value: tuple[TimeRange, ...]) -> None:
    if not value or not all(isinstance(r, TimeRange) for r in value):
        raise InvalidValue(
            Text(
                fr="opening_hours doit contenir au moins un TimeRange",
                en="opening_hours must hold at least one TimeRange",
            ),
            field="opening_hours",
        )
    ordered = sorted(value, key=lambda r: r.start)
    if any(a.end > b.start for a, b in itertools.pairwise(ordered)):
        raise InvalidValue(
            Text(fr="opening_hours : des plages se chevauchent", en="opening_hours ranges overlap"),
            field="opening_hours",
        )


_WEEKDAYS: Final = Text(
    fr="les jours de working_weekdays sont numérotés de 0 (lundi) à 6 (dimanche)",
    en="working_weekdays are numbers from 0 (Monday) to 6 (Sunday)",
)


def _weekdays(value: object) -> frozenset[int]:
    if not isinstance(value, (frozenset, set, tuple, list)):
        raise InvalidValue(
            Text(
                fr="working_weekdays doit être une collection de numéros de jours de la semaine",
                en="working_weekdays must be a collection of weekday numbers",
            ),
            field="working_weekdays",
        )
    try:
        return frozenset(value)
    except TypeError:  # an unhashable item: not a weekday number
        raise InvalidValue(_WEEKDAYS, field="working_weekdays") from None


def _check_weekdays(_instance: object, _attribute: object, value: frozenset[int]) -> None:
    if not value or any(type(d) is not int or not 0 <= d <= 6 for d in value):  # noqa: PLR2004
        raise InvalidValue(_WEEKDAYS, field="working_weekdays")


def _modalities(value: object) -> frozenset[Modality]:
    if not isinstance(value, (frozenset, set, tuple, list)):
        raise InvalidValue(
            Text(
                fr="modalities doit être une collection de Modality",
                en="modalities must be a collection of Modality",
            ),
            field="modalities",
        )
    wire = {m.value: m for m in Modality}
    converted: set[Modality] = set()
    for item in value:
        if isinstance(item, Modality):
            converted.add(item)
        elif isinstance(item, str) and item in wire:
            converted.add(wire[item])
        else:
            raise InvalidValue(unknown_choice(MODALITY_WORD, wire), field="modalities")
    return frozenset(converted)


def _check_modalities(_instance: object, _attribute: object, value: frozenset[Modality]) -> None:
    if not value:
        raise InvalidValue(
            Text(fr="modalities : au moins une modalité", en="modalities: at least one modality"),
            field="modalities",
        )


_OPTIONAL_COUNT: Final = attrs.validators.optional(_count)
_OPTIONAL_FLAG: Final = attrs.validators.optional(_flag)


@attrs.frozen(kw_only=True)
class Policy:
    """A provider charter: the parameters of the ``POL-`` rules, as its author stated them.

    Every parameter defaults to *not stated* (``None``; for ``start_delay_max_days``, no
    route), and a rule applies only what the charter states: a rule none of whose parameters
    is stated reports nothing, and a rule with several checks the stated ones (a span with
    only a maximum checks the maximum). A charter inherits nothing: to build on a preset
    such as :data:`bilan_core.policies.STAFF`, say so (``from_dict(data, base=STAFF)``,
    ``extends = "staff"`` in a file, or ``attrs.evolve(STAFF, ...)``).

    Durations are integer minutes, delays calendar days unless the name says working hours;
    times of day are local Europe/Paris wall-clock times.

    Attributes:
        name: the charter's name, shown in reports (the only required value).
        duration_min_minutes: least total duration of the bilan (POL-DURATION-RANGE).
        duration_max_minutes: most total duration of the bilan (POL-DURATION-RANGE).
        meetings_min: least number of meetings with the consultant (POL-MEETINGS-MIN).
        span_min_days: least number of days from the first to the last session (POL-SPAN).
        span_max_days: most number of days from the first to the last session (POL-SPAN).
        callback_target_working_hours: the call-back time the provider aims at, kept as data
            (POL-CALLBACK checks the maximum).
        callback_max_working_hours: the most working hours from first contact to call back
            (POL-CALLBACK).
        working_weekdays: the provider's working days, Monday = 0 (POL-OPENING-HOURS; the
            days POL-CALLBACK counts, Monday to Friday when not stated).
        opening_hours: the ranges sessions are held in (POL-OPENING-HOURS).
        amplitude: the provider's daily amplitude; sessions lie within opening hours ∩
            amplitude, or within whichever of the two is stated (POL-OPENING-HOURS).
        closed_on_public_holidays: ``True``: no session on a French public holiday
            (POL-OPENING-HOURS).
        start_delay_max_days: most calendar days from the agreement to the first session, per
            funding route (a key of :data:`ROUTES`); a route not given has no delay; legal
            notices come on top (POL-START-DELAY).
        individual_only: ``True``: every session is individual (POL-INDIVIDUAL).
        modalities: the session modalities offered (POL-MODALITIES).
        blended: whether a bilan may mix modalities (*mixte*); ``False`` is checked
            (POL-MODALITIES).
        in_person_at_provider_site: ``True``: an in-person session takes place at one of the
            provider's sites (POL-MODALITIES).
        engagement_document_required: ``True``: the engagement document is signed before the
            investigation starts (POL-ENGAGEMENT-DOCUMENT).
        synthesis_sections_required: ``True``: the synthesis has its four sections
            (POL-SYNTHESIS-SECTIONS).
        synthesis_at_last_meeting: ``True``: the synthesis is presented and handed over at the
            last meeting (POL-SYNTHESIS-LAST-MEETING).
        follow_up_months: the follow-up interview comes this many months after the end; when
            stated, one must be planned (POL-FOLLOW-UP-6M).
        follow_up_tolerance_days: how many days before or after that date still count; the
            follow-up's date is judged only when it is stated (POL-FOLLOW-UP-6M).
        severities: per-rule severity overrides (``{"POL-SPAN": Severity.INFO}``), ``POL-``
            rules only; read-only and hashable.
        disabled: ids of the ``POL-`` rules this provider does not run.

    >>> policy = Policy(name="Cabinet Exemple", meetings_min=4)
    >>> policy.meetings_min, policy.duration_max_minutes
    (4, None)

    Raises:
        InvalidValue: a value of the wrong type or out of range, or a minimum above its
            stated maximum, naming the attribute in :attr:`~bilan_core.InvalidValue.field`
            (``"meetings_min"``, or a key below it: ``"start_delay_max_days.bank"``), with
            its message in French and English. A :class:`ValueError`, as before; a value of
            the wrong type is no ``TypeError``.
    """

    name: str = attrs.field(validator=_string)
    duration_min_minutes: int | None = attrs.field(default=None, validator=_OPTIONAL_COUNT)
    duration_max_minutes: int | None = attrs.field(default=None, validator=_OPTIONAL_COUNT)
    meetings_min: int | None = attrs.field(default=None, validator=_OPTIONAL_COUNT)
    span_min_days: int | None = attrs.field(default=None, validator=_OPTIONAL_COUNT)
    span_max_days: int | None = attrs.field(default=None, validator=_OPTIONAL_COUNT)
    callback_target_working_hours: int | None = attrs.field(default=None, validator=_OPTIONAL_COUNT)
    callback_max_working_hours: int | None = attrs.field(default=None, validator=_OPTIONAL_COUNT)
    working_weekdays: frozenset[int] | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(_weekdays),
        validator=attrs.validators.optional(_check_weekdays),
    )
    opening_hours: tuple[TimeRange, ...] | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(_ranges),
        validator=attrs.validators.optional(_check_ranges),
    )
    amplitude: TimeRange | None = attrs.field(
        default=None, validator=attrs.validators.optional(_time_range)
    )
    closed_on_public_holidays: bool | None = attrs.field(default=None, validator=_OPTIONAL_FLAG)
    start_delay_max_days: Mapping[str, int] = attrs.field(
        factory=FrozenMap, converter=_delay_map, validator=_check_delays
    )
    individual_only: bool | None = attrs.field(default=None, validator=_OPTIONAL_FLAG)
    modalities: frozenset[Modality] | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(_modalities),
        validator=attrs.validators.optional(_check_modalities),
    )
    blended: bool | None = attrs.field(default=None, validator=_OPTIONAL_FLAG)
    in_person_at_provider_site: bool | None = attrs.field(default=None, validator=_OPTIONAL_FLAG)
    engagement_document_required: bool | None = attrs.field(default=None, validator=_OPTIONAL_FLAG)
    synthesis_sections_required: bool | None = attrs.field(default=None, validator=_OPTIONAL_FLAG)
    synthesis_at_last_meeting: bool | None = attrs.field(default=None, validator=_OPTIONAL_FLAG)
    follow_up_months: int | None = attrs.field(default=None, validator=_OPTIONAL_COUNT)
    follow_up_tolerance_days: int | None = attrs.field(default=None, validator=_OPTIONAL_COUNT)
    severities: Mapping[str, Severity] = attrs.field(
        factory=FrozenMap, converter=_severity_map, validator=_check_policy_ids
    )
    disabled: frozenset[str] = attrs.field(
        default=frozenset(), converter=_rule_ids, validator=_check_policy_ids
    )

    @property
    def reference(self) -> LegalReference:
        """How the findings of this charter's rules cite it: ``"Charte Cabinet X"``.

        A preset cites its source document (STAFF: the provider's brochure).

        >>> Policy(name="Cabinet X").reference.citation
        'Charte Cabinet X'
        """
        found = _SOURCES.get(self.name)
        if found is not None:
            return found
        return LegalReference(
            text=f"Charte du prestataire {self.name}", short=f"Charte {self.name}"
        )

    def __attrs_post_init__(self) -> None:
        pairs = (
            ("duration_min_minutes", "duration_max_minutes"),
            ("span_min_days", "span_max_days"),
            ("callback_target_working_hours", "callback_max_working_hours"),
        )
        for low, high in pairs:
            low_value, high_value = getattr(self, low), getattr(self, high)
            if low_value is not None and high_value is not None and low_value > high_value:
                raise InvalidValue(
                    Text(fr=f"{low} est supérieur à {high}", en=f"{low} is above {high}"), field=low
                )

    def start_delay_max(self, route: str) -> int | None:
        """The most days from agreement to first session for a route (``None``: not stated)."""
        return self.start_delay_max_days.get(route)

    def states(self, rule_id: str) -> bool:
        """Whether the charter states a parameter of the ``POL-`` rule ``rule_id``.

        >>> Policy(name="X", span_max_days=90).states("POL-SPAN")
        True
        >>> Policy(name="X").states("POL-OPENING-HOURS")
        False

        Raises:
            KeyError: ``rule_id`` is not a charter's rule (:data:`CHARTER_RULES`).
        """
        for name in CHARTER_PARAMETERS[rule_id]:
            value = getattr(self, name)
            if value is not None and not (isinstance(value, Mapping) and not value):
                return True  # stated (a route map: at least one route)
        return False

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], *, source: str | None = None, base: Policy | None = None
    ) -> Policy:
        """Build a charter from parsed TOML or JSON data, checked strictly.

        The charter states what ``data`` states, nothing more. With a ``base`` (or a preset
        named by the ``extends`` key of ``data``, such as ``"staff"``) it starts from the
        base's values instead, and ``data`` overrides them; the routes of
        ``start_delay_max_days`` and the rules of ``severities`` are overridden one by one.

        >>> from bilan_core.policies import STAFF
        >>> Policy.from_dict({"name": "X", "meetings_min": 4}).span_max_days is None
        True
        >>> Policy.from_dict({"name": "X", "meetings_min": 4}, base=STAFF).span_max_days
        107

        Args:
            data: the document (keys: the attribute names; ``format`` and ``extends``
                optionally).
            source: where it came from, prefixed to the error paths.
            base: the charter to start from (default: none, nothing is inherited).

        Raises:
            InvalidPolicy: unknown keys, wrong types, unknown rule ids or presets, bad times
                or ranges, an ``extends`` that contradicts ``base``; every problem as a
                ``(path, message)`` pair.
            TypeError: ``base`` is not a :class:`Policy`.
        """
        return _built(cls, read_charter(data, source, PRESETS), source, base)

    @classmethod
    def from_offer(cls, offer: Offer) -> Policy:
        """The charter a provider's public offer promises, so that it describes itself once.

        Each ``POL-`` parameter comes from the offer's promise (hours and meetings, calendar
        span, call back, start delay per route, opening hours and amplitude, individual
        sessions, modalities, engagement document, synthesis, follow-up), by the readings
        the docs list under "Publishing your offer" (a month counts 30.5 days rounded up,
        "about" is 15 days either way...). What the offer does not say, the charter does not
        state. The STAFF offer gives the STAFF charter:

        >>> from bilan_core.offer import example_offer
        >>> from bilan_core.policies import STAFF
        >>> Policy.from_offer(example_offer()) == STAFF
        True

        Raises:
            InvalidPolicy: a length of time the charter cannot read in its unit (a start delay
                in working days, a follow-up in weeks), at the offer's JSON path.
            TypeError: ``offer`` is not an :class:`~bilan_core.Offer`.
        """
        from bilan_core.policy._offer import charter_values  # the offer model, when used

        return cls(**charter_values(offer))  # type: ignore[arg-type]

    @classmethod
    def from_file(cls, path: str | Path, *, base: Policy | None = None) -> Policy:
        """Load a charter from a ``.toml`` or ``.json`` file (see :func:`load_policy`)."""
        return load_policy(path, base=base)


def load_policy(path: str | Path, *, base: Policy | None = None) -> Policy:
    """Load a provider charter from a TOML or JSON file.

    The format follows the extension (``.toml``, ``.json``); otherwise a file whose first
    character is ``{`` is read as JSON, anything else as TOML. The charter states what the
    file states; with a ``base``, or a file saying ``extends = "staff"``, the file overrides
    the base's values (see :meth:`Policy.from_dict`).

    Raises:
        InvalidPolicy: the file is not valid TOML/JSON or not a valid charter.
        OSError: the file cannot be read.
        TypeError: ``base`` is not a :class:`Policy`.
    """
    return _built(Policy, read_charter_file(Path(path), PRESETS), str(path), base)


_PER_KEY: Final = ("start_delay_max_days", "severities")
"""The mappings a charter overrides key by key over its base."""


def _over(base: Policy, values: dict[str, object]) -> dict[str, object]:
    """The keyword arguments of ``base`` with ``values`` over them."""
    merged: dict[str, object] = {a.name: getattr(base, a.name) for a in attrs.fields(Policy)}
    for key in _PER_KEY:
        given = values.get(key)
        if isinstance(given, Mapping):
            values = {**values, key: {**getattr(base, key), **given}}
    merged.update(values)
    return merged


def _built(
    cls: type[Policy], values: dict[str, object], source: str | None, base: Policy | None
) -> Policy:
    """The charter of checked values, over ``base`` or the preset ``values`` extends.

    What only the whole charter shows (a minimum above a maximum) is an
    :class:`~bilan_core.InvalidPolicy` at ``$``.
    """
    if base is not None and not isinstance(base, Policy):
        raise TypeError(f"base must be a bilan_core.Policy or None, not {type(base).__name__}")
    prefix = f"{source}: " if source else ""
    extends = values.pop("extends", None)
    if isinstance(extends, str):
        preset = PRESETS[extends]
        if base is not None and base != preset:
            raise InvalidPolicy(
                [
                    (
                        f"{prefix}$.extends",
                        Text(
                            fr=f"la charte étend « {extends} » mais base= donne une autre charte",
                            en=f"the charter extends {extends!r} but base= gives another charter",
                        ),
                    )
                ]
            )
        base = preset
    if base is not None:
        values = _over(base, values)
    try:
        return cls(**values)  # type: ignore[arg-type]
    except InvalidValue as exc:
        raise InvalidPolicy([(f"{prefix}$", exc.text)]) from None


# -- the presets ------------------------------------------------------------------------------

_SOURCES: Final[Mapping[str, LegalReference]] = {"STAFF": ref.STAFF_CHARTER}
"""The documents the presets come from, by charter name."""

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
    # "amplitude de fonctionnement : du lundi au vendredi de 9 h à 17 h" (also the resource
    # room's free access hours): sessions lie within opening hours ∩ amplitude.
    amplitude=TimeRange(dt.time(9, 0), dt.time(17, 0)),
    closed_on_public_holidays=True,
    # "démarrage possible sous 15 j à 2 mois selon le mode de financement": 15 days when no
    # third party is involved (self-funded, CPF outside working time), 2 months (61 days, as
    # for the span) for funded routes; legal notices (CPF on working time, public leave)
    # come on top.
    start_delay_max_days={
        "cpf": 15,
        "self_funded": 15,
        "cpf_working_time": 61,
        "employer_plan": 61,
        "reclassification_leave": 61,
        "job_seeker": 61,
        "public_leave": 61,
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

Every value is stated (a charter inherits nothing); each value's source is the comment beside
it. The readings of "about" (span, follow-up) and of "15 days to 2 months depending on the
funding" are the library's, documented in the ``POL-`` rules' notes.
"""

PRESETS: Final[Mapping[str, Policy]] = FrozenMap({"staff": STAFF})
"""The shipped charters by the name a charter file's ``extends`` and the command line's
``--policy`` give them."""
