"""Every message a user can see exists in French and English, the same way everywhere.

The walk has two halves:

- statically, over the source: every bilan-core exception is raised with a ``Text`` (never a
  bare string), no ``Text`` has the same words in both languages, and ``Text.same`` (a text
  that reads the same in both, for ids and numbers) is never given words;
- dynamically: the messages of every rule (one bilan breaking it), every refused phase
  event, every deadline of every example, load errors of many malformed documents, and the
  command line in both languages.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import Phase as Stage
from hypothesis import strategies as st

import bilan_core as bc
from bilan_core import errors
from bilan_core.checks import SECTIONS, catalogue
from bilan_core.cli import main
from bilan_core.phases import EVENT_NAMES, Phase
from bilan_core.samples import EXAMPLE_FUNDINGS, EXAMPLE_ON
from bilan_core.strategies import BREAKABLE_RULES, bilans_violating
from bilan_core.text import Text
from bilan_core.transitions import advance

SOURCE = Path(bc.__file__).parent
ERROR_NAMES = {
    name
    for name in errors.__all__
    if isinstance(getattr(errors, name), type) and issubclass(getattr(errors, name), Exception)
}


def _python_files() -> list[Path]:
    return sorted(path for path in SOURCE.rglob("*.py") if "strategies" not in path.parts)


def _is_words(node: ast.AST) -> bool:
    """A string literal or f-string with at least two words of letters in it."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(
            part.value
            for part in node.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
    else:
        return False
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    return len(words) >= 2


def _called_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _problems(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(SOURCE.parent)
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            name = _called_name(node.exc)
            args = node.exc.args
            if name in ERROR_NAMES and args and _is_words(args[0]):
                yield f"{where}:{node.lineno}: {name} raised with a bare string"
        if isinstance(node, ast.Call) and _called_name(node) == "Text":
            given = {k.arg: k.value for k in node.keywords}
            fr, en = given.get("fr"), given.get("en")
            if (
                isinstance(fr, ast.Constant)
                and isinstance(en, ast.Constant)
                and fr.value == en.value
                and _is_words(fr)  # one word may be the same ("test", "Bilan")
            ):
                yield f"{where}:{node.lineno}: Text with the same words in both languages"
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "same"
            and node.args
            and _is_words(node.args[0])
        ):
            yield f"{where}:{node.lineno}: Text.same given words (write both languages)"


def test_the_source_raises_and_writes_bilingual_texts() -> None:
    """No exception of bilan-core is raised with a bare string; no Text is one language."""
    found = [problem for path in _python_files() for problem in _problems(path)]
    assert found == []


def test_the_static_walk_finds_a_bare_string(tmp_path: Path) -> None:
    """The walk above is not vacuous: it flags what it looks for."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def f():\n"
        "    raise InvalidValue('a message in English')\n"
        "T = Text(fr='même chose', en='même chose')\n"
        "U = Text.same('two words')\n",
        encoding="utf-8",
    )
    global SOURCE  # noqa: PLW0603 - the walk names files relative to SOURCE
    saved, SOURCE = SOURCE, tmp_path
    try:
        assert len(list(_problems(bad))) == 3
    finally:
        SOURCE = saved


def _bilingual(text: Text, what: str) -> None:
    assert isinstance(text, Text), what
    assert text.fr.strip(), what
    assert text.en.strip(), what
    assert text.fr != text.en, f"{what}: {text.en!r} is not translated"


# -- the catalogue ----------------------------------------------------------------------------


@pytest.mark.parametrize("rule", catalogue.rules(), ids=lambda r: r.id)
def test_every_rule_title_is_bilingual(rule: bc.Rule) -> None:
    _bilingual(rule.title, rule.id)


def test_every_section_title_is_bilingual() -> None:
    for name, title in SECTIONS.items():
        _bilingual(title, name)


# One bilan per rule is a sample of its messages, not a property: no shrinking, no database.
_ONE = settings(
    max_examples=1, phases=[Stage.generate], database=None, suppress_health_check=list(HealthCheck)
)


@pytest.mark.parametrize("rule_id", sorted(BREAKABLE_RULES))
@_ONE
@given(data=st.data())
def test_the_messages_of_every_rule_are_bilingual(rule_id: str, data: st.DataObject) -> None:
    """One bilan breaking the rule: each of its violations speaks both languages."""
    policy = bc.policies.STAFF if rule_id.startswith("POL-") else None
    bilan = data.draw(bilans_violating(rule_id, policy=policy))
    report = bc.validate(bilan, on=EXAMPLE_ON, policy=policy)
    mine = [v for v in report.violations if v.rule_id == rule_id]
    assert mine
    for violation in report.violations:
        _bilingual(violation.message, violation.rule_id)


# -- refused phase events ---------------------------------------------------------------------


def _events_in_every_phase() -> Iterator[tuple[bc.Bilan, str]]:
    bilan = bc.example_bilan("cpf")
    stages = [attrs.evolve(bilan, phase=Phase.INQUIRY, history=())]
    stages.extend(
        attrs.evolve(bilan, phase=_phase_after(bilan, index), history=bilan.history[:index])
        for index in range(1, len(bilan.history) + 1)
    )
    for stage in stages:
        for event in EVENT_NAMES:
            yield stage, event


def _phase_after(bilan: bc.Bilan, count: int) -> Phase:
    return bc.replay(bilan.history[:count])


def test_every_refused_event_is_bilingual() -> None:
    """Every event tried in every phase of a bilan: each refusal speaks both languages."""
    refusals = 0
    for bilan, event in _events_in_every_phase():
        at = bilan.history[-1].at.add(days=1) if bilan.history else bilan.sessions[0].start
        try:
            advance(bilan, event, at=at)
        except bc.PhaseTransitionError as refused:
            refusals += 1
            _bilingual(refused.text, f"{bilan.phase.value}/{event}")
            for message in refused.messages:
                _bilingual(message, f"{bilan.phase.value}/{event}")
        except bc.BilanError as other:
            _bilingual(other.text, f"{bilan.phase.value}/{event}")
    assert refusals > 20


# -- deadlines --------------------------------------------------------------------------------


@pytest.mark.parametrize("funding", EXAMPLE_FUNDINGS)
def test_every_deadline_is_bilingual(funding: str) -> None:
    timeline = bc.timeline(bc.example_bilan(funding), on=EXAMPLE_ON)
    assert timeline.deadlines
    for deadline in timeline:
        _bilingual(deadline.label, deadline.what)
        _bilingual(deadline.weekday, deadline.what)
        if deadline.holiday is not None:
            _bilingual(deadline.holiday, deadline.what)


# -- load errors ------------------------------------------------------------------------------


def _leaves(value: object, path: tuple[object, ...] = ()) -> Iterator[tuple[object, ...]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    else:
        yield path


def _replaced(document: object, path: tuple[object, ...], value: object) -> object:
    copy = json.loads(json.dumps(document))
    target = copy
    for step in path[:-1]:
        target = target[step]  # type: ignore[index]
    target[path[-1]] = value  # type: ignore[index]
    return copy


def _refusal(document: object) -> bc.SerializationError | None:
    try:
        bc.load(document)  # type: ignore[arg-type]
    except bc.SerializationError as refused:
        return refused
    return None


@pytest.mark.parametrize("funding", EXAMPLE_FUNDINGS)
def test_every_load_error_is_bilingual(funding: str) -> None:
    """Every leaf of every example replaced by wrong values: every problem in both languages."""
    document = bc.dump(bc.example_bilan(funding))
    seen = set()
    for path in _leaves(document):
        for wrong in ([], -1, "x" * 3, None, 10**30):
            refused = _refusal(_replaced(document, path, wrong))
            if refused is None:
                continue
            _bilingual(refused.text, str(path))
            for where, message in refused.errors:
                _bilingual(message, where)
                seen.add(message.en)
    assert len(seen) > 20


# -- the command line -------------------------------------------------------------------------

PLAN = str(Path(__file__).resolve().parents[1] / "examples" / "plans" / "cpf-violations.json")
ON = ["--on", "2026-06-01"]


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", PLAN, *ON],
        ["timeline", PLAN, *ON],
        ["show", PLAN],
        ["rules", *ON],
        ["show", "/nonexistent/plan.json"],
    ],
    ids=["validate", "timeline", "show", "rules", "missing-file"],
)
def test_every_command_speaks_both_languages(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """The same command in French and in English: the words differ, the ids and numbers do
    not."""
    outputs = {}
    for lang in ("fr", "en"):
        main([*argv, "--lang", lang])
        out, err = capsys.readouterr()
        outputs[lang] = out + err
    assert outputs["fr"] != outputs["en"]
    assert outputs["fr"].strip()
    assert outputs["en"].strip()
