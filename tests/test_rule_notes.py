"""A rule's notes and confidence note exist in French and English, like its title: the model
accepts only a Text (or None) and the ``rules`` command writes them as ``{"fr", "en"}``."""

from __future__ import annotations

import json

import attrs
import pytest

from bilan_core.checks import Rule, catalogue
from bilan_core.cli import main
from bilan_core.text import Text

RULES = catalogue.rules()


def _bilingual(value: object) -> bool:
    """``None``, or a Text whose two languages are written and differ."""
    if value is None:
        return True
    return (
        isinstance(value, Text)
        and bool(value.fr.strip())
        and bool(value.en.strip())
        and value.fr != value.en
    )


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_notes_are_bilingual(rule):
    """The notes are None or a Text whose French and English are non-empty and different."""
    assert _bilingual(rule.notes), rule.notes


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_confidence_note_is_bilingual(rule):
    """The confidence note is None or a Text whose French and English are non-empty and
    different."""
    assert _bilingual(rule.confidence_note), rule.confidence_note


def test_the_catalogue_has_notes_and_confidence_notes():
    """The checks above are not vacuous: the catalogue has both kinds of note."""
    assert any(rule.notes is not None for rule in RULES)
    assert any(rule.confidence_note is not None for rule in RULES)


def test_rules_json_writes_notes_in_both_languages(capsys):
    """``rules --format json`` writes notes and confidence_note as {"fr", "en"} or null."""
    assert main(["rules", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["format"] == "bilan-core-rules/2"
    entries = {entry["id"]: entry for entry in document["rules"]}
    assert set(entries) == {rule.id for rule in RULES}
    for rule in RULES:
        entry = entries[rule.id]
        for key in ("notes", "confidence_note"):
            value = getattr(rule, key)
            if value is None:
                assert entry[key] is None, (rule.id, key)
            else:
                assert entry[key] == {"fr": value.fr, "en": value.en}, (rule.id, key)
    with_note = next(rule for rule in RULES if rule.confidence_note is not None)
    assert set(entries[with_note.id]["confidence_note"]) == {"fr", "en"}


@pytest.mark.parametrize("field", ["notes", "confidence_note"])
def test_a_plain_string_is_refused(field):
    """A note given as a plain str (one language only) raises TypeError, with a clear message."""
    rule = catalogue.rule("BC-DURATION-MAX")
    with pytest.raises(TypeError, match=f"{field} is a Text .* not str"):
        attrs.evolve(rule, **{field: "English only"})
    with pytest.raises(TypeError, match=field):
        Rule(
            id="BC-TEST",
            severity=rule.severity,
            title=rule.title,
            references=rule.references,
            in_force_from=rule.in_force_from,
            confidence=rule.confidence,
            section=rule.section,
            check=rule.check,
            **{field: "English only"},
        )


@pytest.mark.parametrize("field", ["notes", "confidence_note"])
def test_a_text_or_none_is_accepted(field):
    """A Text or None builds the rule."""
    rule = catalogue.rule("BC-DURATION-MAX")
    note = Text(fr="une note", en="a note")
    assert getattr(attrs.evolve(rule, **{field: note}), field) == note
    assert getattr(attrs.evolve(rule, **{field: None}), field) is None
