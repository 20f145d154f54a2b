"""A fuzz suite: mutated plans through ``load``, then every public function on what loads.

The shipped examples (one per funding route) are mutated the way a hostile or careless
client would: values of the wrong type, keys removed and added, huge and deeply nested
values, odd unicode, dates at the Paris DST changes and out of range. Each mutated document
must either load or be refused with a :class:`~bilan_core.SerializationError`; every plan
that loads then goes through every public function over evaluation dates from 1900 to 2999,
which must answer or raise one of the library's documented errors — never a bare
``KeyError``, ``TypeError``, ``LookupError``...

The quick run (a few hundred documents, seeded) is in the default suite; the long run (tens
of thousands) is behind the ``slow`` marker, which CI runs. A document that ever made the
suite fail is kept in ``tests/fuzz_cases/`` and replayed on every run.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pendulum
import pytest

import bilan_core as bc
from bilan_core.confidentiality import Audience
from bilan_core.deadlines.ics import to_ics
from bilan_core.samples import EXAMPLE_FUNDINGS

CASES = Path(__file__).parent / "fuzz_cases"
SEED = 20261204

# -- mutations ---------------------------------------------------------------------------------

ODD_STRINGS = (
    "",
    " ",
    "\u202e\u0645\u0631\u062d\u0628\u0627",  # right-to-left override and Arabic
    "e\u0301",  # a combining accent
    "\x00",
    "\U0001f600" * 50,
    "１２３",  # full-width digits
    "٣٤٥",  # Arabic-Indic digits
    "x" * 100_000,
    "2026-03-29T02:30:00",  # the spring-forward gap, no offset
    "2026-03-29T02:30:00+01:00",  # the gap with a winter offset
    "2026-10-25T02:30:00+02:00",  # the autumn fold, first pass
    "2026-10-25T02:30:00+01:00",  # the autumn fold, second pass
    "1899-12-31",
    "3000-01-01",
    "2025-02-29",
    "2024-02-29",
    "2026-08-31",
    "2026-13-01",
    "0000-00-00",
    "2026-06-01T25:00:00+00:00",
    "1e400",
    "NaN",
    "-0",
    "103.2000",
    "١٠٣.٢٠",
)
ODD_VALUES: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    2**63,
    10**40,
    -(10**40),
    1.5,
    1e308,
    [],
    {},
    [None],
    {"": None},
    *ODD_STRINGS,
)


def _deep(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if len(path) > 12:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    target = document
    for step in path[:-1]:
        target = target[step]
    return target


def mutate(document: dict[str, Any], rng: random.Random) -> Any:
    """One to three random mutations of a copy of ``document``."""
    copy = json.loads(json.dumps(document))
    for _ in range(rng.randint(1, 3)):
        paths = [p for p in _paths(copy) if p]
        if not paths:
            return copy
        path = rng.choice(paths)
        parent = _parent(copy, path)
        key = path[-1]
        action = rng.randrange(6)
        if action == 0:  # a value of another type, or an odd one
            parent[key] = rng.choice(ODD_VALUES)
        elif action == 1:  # remove it
            del parent[key]
        elif action == 2 and isinstance(parent, dict):  # an unknown key beside it
            parent[rng.choice(["extra", "x\n\u202e", "", "format", "__proto__"])] = rng.choice(
                ODD_VALUES
            )
        elif action == 3:  # deeply nested, the last mutation (copies would recurse as deep)
            parent[key] = _deep(rng.choice([10, 200, 5_000]))
            return copy
        elif action == 4 and isinstance(parent, list):  # a huge array
            parent.extend([parent[key]] * rng.choice([2, 1_000]))
        else:  # a copy of another part of the plan
            parent[key] = json.loads(json.dumps(_parent(copy, rng.choice(paths))))
    return copy


# -- the public functions ------------------------------------------------------------------

DOCUMENTED = (bc.BilanError,)
"""What a public function may raise on a plan that loaded (its own errors, documented)."""


def _days(rng: random.Random) -> list[pendulum.Date]:
    fixed = [pendulum.date(1900, 1, 1), pendulum.date(2018, 12, 31), pendulum.date(2999, 12, 31)]
    return [*fixed, pendulum.date(rng.randint(1900, 2999), rng.randint(1, 12), rng.randint(1, 28))]


def _calls(bilan: bc.Bilan, day: pendulum.Date) -> Iterator[tuple[str, Callable[[], object]]]:
    at = pendulum.datetime(day.year, day.month, day.day, 12, tz="Europe/Paris")
    yield "validate", lambda: bc.validate(bilan, on=day).to_dict()
    yield "validate staff", lambda: bc.validate(bilan, on=day, policy=bc.policies.STAFF)
    yield "timeline", lambda: bc.timeline(bilan, on=day).to_dict()
    yield "timeline staff", lambda: bc.timeline(bilan, on=day, policy=bc.policies.STAFF)
    yield "next_events", lambda: bc.next_events(bilan, on=day)
    for audience in Audience:
        yield f"view {audience.value}", lambda a=audience: bc.view(bilan, a, at=at)
    for document in bilan.documents:
        yield "destruction_date", lambda d=document: bc.destruction_date(bilan, d, day)
        for recipient in ("employer", "cep_operator", "beneficiary"):
            yield "can_disclose", lambda d=document, r=recipient: bc.can_disclose(bilan, d, r, at)
    yield "destroy_documents", lambda: bc.destroy_documents(bilan, day)
    yield "round trip", lambda: _round_trip(bilan)
    yield "ics", lambda: to_ics(bilan, bc.timeline(bilan, on=day))
    for option in _options(bilan, day):
        yield f"advance {option}", lambda o=option: bc.advance(bilan, o, at=at)


def _options(bilan: bc.Bilan, day: pendulum.Date) -> list[str]:
    try:
        return [o.name for o in bc.next_events(bilan, on=day) if o.allowed]
    except DOCUMENTED:
        return []


def _round_trip(bilan: bc.Bilan) -> None:
    data = bc.dumps(bilan)
    assert bc.load(data) == bilan
    assert bc.dumps(bc.load(data)) == data


def _expect_documented(name: str, day: pendulum.Date, call: Callable[[], object]) -> None:
    try:
        call()
    except DOCUMENTED:
        pass
    except Exception as exc:  # the point is to catch anything else
        raise AssertionError(f"{name} on {day} raised {type(exc).__name__}: {exc}") from exc


def exercise(document: Any, rng: random.Random) -> str:
    """Load ``document``, then call every public function on it; what happened, in a word.

    Raises:
        AssertionError: anything but the documented outcome (with the step that failed).
    """
    try:
        bilan = bc.load(document)
    except bc.SerializationError as refused:
        problems = refused.errors
        bilan = None
    except Exception as exc:  # the point is to catch anything else
        raise AssertionError(f"load raised {type(exc).__name__}: {exc}") from exc
    if bilan is None:
        assert problems, "a refusal names at least one problem"
        assert all(path.startswith("$") for path, _ in problems)
        return "refused"
    for day in _days(rng):
        for name, call in _calls(bilan, day):
            _expect_documented(name, day, call)
    return "loaded"


def _examples() -> list[dict[str, Any]]:
    return [bc.dump(bc.example_bilan(route)) for route in EXAMPLE_FUNDINGS]


def _run(count: int, seed: int, tmp_path: Path) -> dict[str, int]:
    rng = random.Random(seed)
    examples = _examples()
    seen = {"refused": 0, "loaded": 0}
    for index in range(count):
        document = mutate(rng.choice(examples), rng)
        try:
            seen[exercise(document, rng)] += 1
        except AssertionError:
            kept = tmp_path / f"fuzz-{seed}-{index}.json"
            kept.write_text(json.dumps(document), encoding="utf-8")
            raise AssertionError(
                f"document {index} of seed {seed} failed; keep it as a regression case: "
                f"cp {kept} {CASES}/"
            ) from None
    return seen


def test_the_examples_themselves_go_through_everything() -> None:
    rng = random.Random(SEED)
    for document in _examples():
        assert exercise(document, rng) == "loaded"


def test_quick_fuzz(tmp_path: Path) -> None:
    """A few hundred mutated plans: both outcomes happen, and nothing else."""
    seen = _run(300, SEED, tmp_path)
    assert seen["refused"] > 50
    assert seen["loaded"] > 10


@pytest.mark.slow
def test_long_fuzz(tmp_path: Path) -> None:
    """Ten thousand mutated plans, another seed."""
    _run(10_000, SEED + 1, tmp_path)


@pytest.mark.parametrize("container", [list, dict], ids=["arrays", "objects"])
def test_a_deeply_nested_mapping_is_refused_not_a_recursion_error(container: type) -> None:
    """Found by this suite: ``load`` of a mapping nesting 5 000 levels deep raised
    ``RecursionError`` while encoding it; it is a ``SerializationError`` at ``$``."""
    value: Any = 1
    for _ in range(5_000):
        value = [value] if container is list else {"x": value}
    document = {**bc.dump(bc.example_bilan("cpf")), "sessions": value}
    with pytest.raises(bc.SerializationError) as refused:
        bc.load(document)
    assert refused.value.errors


@pytest.mark.parametrize("case", sorted(CASES.glob("*.json")), ids=lambda path: path.stem)
def test_kept_cases(case: Path) -> None:
    """Every document that ever made the suite fail, replayed."""
    exercise(json.loads(case.read_text(encoding="utf-8")), random.Random(SEED))
