"""Conformance testing of other validators against bilan-core's rules.

:func:`check_validator` runs a validator of your own (a function from a dumped plan, the
``bc.dump(bilan)`` dictionary, to a set of rule ids or to a verdict) on generated valid bilans
and on bilans that break one rule each, and reports the first disagreements, shrunk to the
simplest bilan Hypothesis finds. Needs the optional dependency Hypothesis
(``pip install 'bilan-core[hypothesis]'``); importing this module does not import it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from bilan_core.samples import EXAMPLE_ON

if TYPE_CHECKING:
    from bilan_core.bilan import Bilan
    from bilan_core.policy import Policy

__all__ = ["VALID", "ConformanceReport", "Disagreement", "check_validator"]

VALID = "valid"
"""The name of the case of valid bilans in a :class:`ConformanceReport`."""

Verdict = Collection[str] | bool
Validator = Callable[[dict[str, Any]], Verdict]


def _require_hypothesis() -> None:
    try:
        import hypothesis  # noqa: F401
    except ImportError as error:  # pragma: no cover - hypothesis is a test dependency here
        raise ImportError(
            "bilan_core.testing needs Hypothesis: pip install 'bilan-core[hypothesis]'"
        ) from error


@attrs.frozen(kw_only=True)
class Disagreement:
    """A bilan on which the validator and bilan-core disagree.

    Attributes:
        case: :data:`VALID` for a valid bilan, else the rule id the bilan breaks.
        expected: what bilan-core says, in words.
        got: what the validator returned (or the exception it raised), in words.
        bilan_id: the bilan's id.
        plan: the bilan as a dumped plan (``bc.dump``), the validator's input; hidden from
            ``repr`` (it holds free text).
    """

    case: str
    expected: str
    got: str
    bilan_id: str
    plan: dict[str, Any] = attrs.field(repr=False, eq=False)

    def __str__(self) -> str:
        what = "a valid bilan" if self.case == VALID else f"a bilan breaking {self.case}"
        return f"{what} ({self.bilan_id}): expected {self.expected}, got {self.got}"


@attrs.frozen(kw_only=True)
class ConformanceReport:
    """The outcome of :func:`check_validator`.

    Attributes:
        cases: the cases run: :data:`VALID`, then each rule id.
        examples: the most examples tried per case.
        disagreements: the first disagreement of each case that has one, shrunk.
        skipped: rule ids not run, with the reason.
    """

    cases: tuple[str, ...]
    examples: int
    disagreements: tuple[Disagreement, ...]
    skipped: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def ok(self) -> bool:
        """No disagreement found."""
        return not self.disagreements

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """The cases with a disagreement (:data:`VALID` or rule ids)."""
        return tuple(d.case for d in self.disagreements)

    def __str__(self) -> str:
        head = (
            f"{len(self.cases)} cases, up to {self.examples} examples each: "
            f"{len(self.disagreements)} disagreement(s)"
        )
        return "\n".join([head, *(f"- {d}" for d in self.disagreements)])


def _describe(result: object) -> str:
    if isinstance(result, bool):
        return "accepted" if result else "rejected"
    if isinstance(result, Iterable) and not isinstance(result, (str, bytes)):
        ids = sorted(str(r) for r in result)
        return "{" + ", ".join(ids) + "}" if ids else "no rule"
    return repr(result)


def _disagrees(
    func: Validator, bilan: Bilan, on: dt.date, policy: Policy | None, rules: frozenset[str]
) -> tuple[str, str] | None:
    """``(expected, got)`` when ``func`` disagrees with bilan-core on ``bilan``, else None."""
    from bilan_core.report import Severity
    from bilan_core.serialization import dump
    from bilan_core.validation import validate

    try:
        result = func(dict(dump(bilan)))
    except Exception as error:  # noqa: BLE001 - a raising validator is a disagreement
        return "a verdict", f"{type(error).__name__} raised"
    report = validate(bilan, on=on, policy=policy)
    if isinstance(result, bool):
        if result is report.ok:
            return None
        return ("accepted" if report.ok else "rejected"), _describe(result)
    errors = {v.rule_id for v in report.violations if v.severity is Severity.ERROR} & rules
    shown = {v.rule_id for v in report.violations if v.severity is not Severity.INFO} & rules
    found = frozenset(str(r) for r in result) & rules
    if not errors - found and not found - shown:
        return None
    expected = _describe(errors)
    if shown - errors:
        expected += f" (and maybe the warnings {_describe(shown - errors)})"
    return expected, _describe(found)


def _breaking(rule_id: str, on: dt.date, policy: Policy | None, *, asked: bool) -> Any:
    """The strategy breaking ``rule_id``, or ``None``.

    ``None`` for a charter rule the charter does not state, unless it was asked for by name
    (then the refusal says why).
    """
    from hypothesis.errors import InvalidArgument

    from bilan_core.strategies import bilans_violating

    try:
        return bilans_violating(rule_id, on=on, policy=policy)
    except InvalidArgument:
        if asked:
            raise
        return None


def check_validator(
    func: Validator,
    *,
    rules: Iterable[str] | None = None,
    examples: int = 200,
    on: dt.date = EXAMPLE_ON,
    policy: Policy | None = None,
) -> ConformanceReport:
    """Run a validator of your own against bilan-core on generated bilans.

    ``func`` takes a dumped plan (``bc.dump(bilan)``) and returns either the ids of the
    rules it finds broken (a set, list...) or a verdict (``True``: accepted). The cases
    are valid bilans (:func:`~bilan_core.strategies.bilans`) and, for each rule,
    :func:`~bilan_core.strategies.bilans_violating`. On each bilan, bilan-core's
    :func:`~bilan_core.validate` is the oracle:

    - a verdict must equal ``report.ok`` (a rule broken only at warning severity, such as
      ``BC-DURATION-MIN``, leaves the bilan acceptable);
    - a set of ids must contain every rule of ``rules`` reported as an error, and nothing
      of ``rules`` that is not reported at all (reporting a warning's rule is allowed).

    Ids outside ``rules`` are ignored, so a validator of a few rules is checked on those.
    An exception raised by ``func`` counts as a disagreement.

    Each case stops at its first disagreement, which Hypothesis shrinks to the simplest
    bilan it can; runs are derandomized (the same report each time).

    Args:
        func: the validator under test.
        rules: the rule ids to check (default: every rule :func:`bilans_violating` can
            break, in force at ``on``; the ``POL-`` ones only with ``policy``, and only those
            it states).
        examples: the most bilans tried per case.
        on: the evaluation date.
        policy: a charter: valid bilans then satisfy it too and its ``POL-`` rules count.

    Raises:
        ImportError: Hypothesis is not installed.
        hypothesis.errors.InvalidArgument: a rule id no bilan can break, or unknown.
    """
    _require_hypothesis()
    from hypothesis import HealthCheck, find, settings
    from hypothesis.errors import NoSuchExample, Unsatisfiable

    from bilan_core.checks._catalogue import catalogue
    from bilan_core.strategies import BREAKABLE_RULES, bilans

    day = on
    if rules is None:
        chosen = tuple(
            r
            for r in BREAKABLE_RULES
            if catalogue.rule(r).in_force_from <= day
            and (policy is not None or not r.startswith("POL-"))
        )
    else:
        chosen = tuple(dict.fromkeys(rules))
    strategies = {VALID: bilans(on=on, policy=policy)}
    for rule_id in chosen:
        strategy = _breaking(rule_id, on, policy, asked=rules is not None)
        if strategy is not None:
            strategies[rule_id] = strategy
    run = settings(
        max_examples=examples,
        database=None,
        derandomize=True,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    scope = frozenset(chosen)
    found: list[Disagreement] = []
    for case, strategy in strategies.items():

        def condition(bilan: Bilan) -> bool:
            return _disagrees(func, bilan, on, policy, scope) is not None

        try:
            bilan = find(strategy, condition, settings=run)
        except (NoSuchExample, Unsatisfiable):
            continue
        expected, got = _disagrees(func, bilan, on, policy, scope) or ("?", "?")
        from bilan_core.serialization import dump

        found.append(
            Disagreement(
                case=case, expected=expected, got=got, bilan_id=bilan.id, plan=dict(dump(bilan))
            )
        )
    return ConformanceReport(cases=tuple(strategies), examples=examples, disagreements=tuple(found))
