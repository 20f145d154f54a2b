"""The read engine under hostile input, and the schema never more lenient than ``load``.

- A refused document gives at most ``SerializationError.LIMIT`` problems, all counted, however
  large it is (counts are asserted, never times).
- A key the format does not know is shown escaped and cut: it cannot forge a line of the
  message, drive a terminal, or make the message as large as itself.
- Every single-field mutation of every shipped example that the JSON Schema accepts, ``load``
  accepts too.
- ``import bilan_core`` and a first ``load`` import neither python-statemachine, nor cattrs,
  nor dateutil's parser.
"""

from __future__ import annotations

import copy
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import jsonschema
import orjson
import pytest

import bilan_core as bc
from bilan_core.samples import EXAMPLE_FUNDINGS
from bilan_core.schema import json_schema


def _refused(data: Any) -> bc.SerializationError:
    with pytest.raises(bc.SerializationError) as info:
        bc.load(data)
    return info.value


# -- bounded error lists ------------------------------------------------------------------


def test_a_million_integers_for_sessions_give_a_capped_list() -> None:
    """A 3 MB document whose sessions are 10**6 integers: 100 problems kept, 10**6 counted."""
    document = bc.dump(bc.example_bilan())
    document["sessions"] = list(range(1_000_000))
    data = orjson.dumps(document)
    assert len(data) > 3_000_000
    error = _refused(data)
    assert len(error.errors) == bc.SerializationError.LIMIT == 100
    assert error.total == 1_000_000
    assert error.errors[0] == ("$.sessions[0]", error.errors[0][1])
    assert error.errors[0][1].en == "expected an object"
    assert "... and 999990 more" in str(error)


def test_scalars_in_agreements_give_a_capped_list() -> None:
    """10**5 scalars where agreements are expected: capped, counted."""
    document = bc.dump(bc.example_bilan())
    document["agreements"] = ["x"] * 100_000
    error = _refused(document)
    assert (len(error.errors), error.total) == (100, 100_000)


def test_a_few_problems_are_all_kept() -> None:
    """Under the cap, every problem is kept and the total equals their number."""
    document = bc.dump(bc.example_bilan())
    for session in document["sessions"][:3]:
        session["minutes"] = "120"
    error = _refused(document)
    assert error.total == len(error.errors) == 3


# -- keys are never echoed raw ------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        pytest.param("notes", "$.provider.notes", id="plain-name"),
        pytest.param(
            "x\n$.provider.siret: SIRET check key is wrong",
            '$.provider["x\\n$.provider.siret: SIRET check …"]',
            id="forged-line",
        ),
        pytest.param("\x1b[31mred", '$.provider["\\u001b[31mred"]', id="ansi-escape"),
        pytest.param("é" * 40, '$.provider["' + "\\u00e9" * 32 + '…"]', id="accents-cut"),
    ],
)
def test_an_unknown_key_is_shown_escaped_and_cut(key: str, shown: str) -> None:
    """The path of an unknown key escapes control characters and quotes and cuts long keys."""
    document = bc.dump(bc.example_bilan())
    document["provider"][key] = 1
    error = _refused(document)
    assert [path for path, _ in error.errors] == [shown]
    assert "\x1b" not in str(error)
    assert str(error).count("\n") == 1


def test_a_huge_key_makes_a_short_message() -> None:
    """A 5 MB key is reported in a few dozen characters."""
    document = bc.dump(bc.example_bilan())
    document["x" * 5_000_000] = 1
    error = _refused(orjson.dumps(document))
    assert len(str(error)) < 200


# -- nesting deeper than the decoders go ------------------------------------------------------


@pytest.mark.parametrize("where", ["unknown-key", "facts", "sessions"])
def test_json_nested_too_deeply_is_refused(where: str) -> None:
    """10**5 nested arrays: a SerializationError saying so, not the decoder's RecursionError."""
    deep = "[" * 100_000 + "]" * 100_000
    text = orjson.dumps(bc.dump(bc.example_bilan())).decode()
    if where == "unknown-key":
        text = text[:-1] + f',"notes":{deep}}}'
    elif where == "facts":
        text = text.replace('"facts":{', f'"facts":{{"deep":{deep},', 1)
    else:
        text = text.replace('"sessions":[', f'"sessions":[{deep},', 1)
    for data in (text, text.encode()):
        error = _refused(data)
        assert error.errors[0][0] == "$"
        assert error.errors[0][1].en.startswith("JSON nested too deeply (line 1, column ")


def test_a_mapping_nested_too_deeply_is_refused() -> None:
    nested: list[Any] = []
    for _ in range(100_000):
        nested = [nested]
    document = bc.dump(bc.example_bilan())
    document["notes"] = nested
    error = _refused(document)
    assert [(path, message.en) for path, message in error.errors] == [
        ("$", "the mapping is nested too deeply")
    ]


# -- the schema is never more lenient than load ---------------------------------------------

_SCHEMA = jsonschema.Draft202012Validator(json_schema())

_REPLACEMENTS: tuple[Any, ...] = (
    None,
    True,
    0,
    -1,
    120.0,
    721,
    "",
    "x",
    "a b",
    "2026-02-30",
    "2026-03-29T02:30:00+01:00",
    "2026-01-01T10:00:00",
    "2026-01-01T10:00:00+25:00",
    "2026-01-01T10:00:00+01:60",
    "1899-12-31T23:00:00Z",
    "3000-01-01",
    "12.5",
    "12.555",
    "١٥٩٠.٠٠",
    [],
    {},
    ["x"],
    "interview",
    "follow_up",
    "followed_up",
    "inquiry",
    "note",
    "73282932000075",
    "12345678901",
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key and item of a document (the first two items of each array)."""
    if path:
        yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:2]):
            yield from _paths(item, (*path, index))


def _mutations() -> Iterator[tuple[dict[str, Any], Any]]:
    for funding in EXAMPLE_FUNDINGS:
        original = bc.dump(bc.example_bilan(funding))
        for path in _paths(original):
            for value in _REPLACEMENTS:
                document = copy.deepcopy(original)
                parent: Any = document
                for key in path[:-1]:
                    parent = parent[key]
                parent[path[-1]] = value
                yield document, value


# What load refuses for a reason only code can see (schema.code_only_checks lists them).
_CODE_ONLY = (
    "check key is wrong",
    "not a calendar date",
    "does not exist in Europe/Paris",
    "out of range",
    " is before ",
    " go together",
    "names no ",
    "already another item's",
    "follow_up kind",
    "personal work",
    "public_service",
    "only a synthesis",
    "destroyed document",
    "cannot follow phase",
    "replays to",
    "earlier than the event",
)


def _refusal(document: dict[str, Any]) -> tuple[tuple[str, str], ...] | None:
    try:
        bc.load(document)
    except bc.SerializationError as exc:
        return tuple((path, message.en) for path, message in exc.errors)
    return None


@pytest.mark.slow
def test_what_the_schema_accepts_load_accepts() -> None:
    """Single-field mutations of every shipped example: when the JSON Schema accepts one,
    load accepts it too, unless load refuses it for a check only code can make."""
    tried = refused = 0
    lenient: list[tuple[tuple[str, str], ...]] = []
    for document, value in _mutations():
        tried += 1
        problems = _refusal(document)
        if problems is None:
            continue
        refused += 1
        code_only = all(
            any(reason in message for reason in _CODE_ONLY)
            or (message == "expected an integer" and isinstance(value, float))
            for _, message in problems
        )
        if not code_only and _SCHEMA.is_valid(document):
            lenient.append(problems)
    assert tried > 5_000
    assert refused > tried // 2
    assert lenient == []


# -- what importing and loading pull in ------------------------------------------------------


def test_import_and_load_pull_in_no_engine_no_cattrs_no_dateutil_parser() -> None:
    """Start-up and a first load import only what they use (checked in a fresh process)."""
    code = (
        "import sys, bilan_core as bc; "
        "bc.load(bc.dumps(bc.example_bilan())); "
        "parser = sys.modules.get('dateutil.parser'); "
        "print('statemachine' in sys.modules, 'cattrs' in sys.modules, "
        "parser is not None and type(parser).__name__ != '_LazyModule')"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and a fixed program
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "False", "False"]
