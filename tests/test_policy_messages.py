"""The messages of a charter that cannot be loaded: every one in French and English, at its
path; and the same data giving the same charter (or the same problems) whether it comes as a
mapping (Policy.from_dict), a TOML file or a JSON file."""

from __future__ import annotations

import datetime as dt
import json
import sys

import pytest

from bilan_core.errors import InvalidPolicy
from bilan_core.policies import STAFF
from bilan_core.policy import Policy, load_policy
from bilan_core.report import Severity
from bilan_core.sessions import Modality

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROUTES = (
    "cpf, cpf_working_time, employer_plan, reclassification_leave, job_seeker, public_leave, "
    "self_funded"
)
LAW_FR = "seules les règles POL- relèvent d'une charte (les règles de la loi s'appliquent toujours)"
LAW_EN = "only POL- rules belong to a charter (law rules always run)"
WEEKDAY = (
    "un numéro de jour de la semaine est attendu, de 0 (lundi) à 6",
    "expected a weekday number, 0 (Monday) to 6",
)
UNKNOWN_RULE = ("identifiant de règle inconnu", "unknown rule id")
UNKNOWN_MODALITY = (
    "modalité inconnue ; valeurs possibles : in_person, remote",
    "unknown modality; one of in_person, remote",
)
UNKNOWN_SEVERITY = (
    "gravité inconnue ; valeurs possibles : error, warning, info",
    "unknown severity; one of error, warning, info",
)


# One row per message of the charter reader: the data, then the path and the message of the
# one problem it has.
BAD_CHARTERS = [
    pytest.param(
        {"meetings_min": 5},
        "$.name",
        "manquant : le nom de la charte",
        "missing: the charter's name",
        id="missing-name",
    ),
    pytest.param(
        {"name": "X", "meetings": 5}, "$.meetings", "clé inconnue", "unknown key", id="unknown-key"
    ),
    pytest.param(
        {"name": " "},
        "$.name",
        "une chaîne de caractères non vide est attendue",
        "expected a non-empty string",
        id="blank-name",
    ),
    pytest.param(
        {"name": "X", "format": "v2"},
        "$.format",
        '"bilan-core-policy/1" est attendu',
        'expected "bilan-core-policy/1"',
        id="wrong-format",
    ),
    pytest.param(
        {"name": "X", "meetings_min": "5"},
        "$.meetings_min",
        "un nombre entier positif ou nul est attendu",
        "expected a whole number, 0 or more",
        id="str-int",
    ),
    pytest.param(
        {"name": "X", "span_max_days": -1},
        "$.span_max_days",
        "un nombre entier positif ou nul est attendu",
        "expected a whole number, 0 or more",
        id="negative",
    ),
    pytest.param(
        {"name": "X", "blended": 1},
        "$.blended",
        "true ou false est attendu",
        "expected true or false",
        id="int-bool",
    ),
    pytest.param(
        {"name": "X", "working_weekdays": []},
        "$.working_weekdays",
        "une liste non vide de numéros de jours de la semaine est attendue (lundi = 0)",
        "expected a non-empty list of weekday numbers (Monday = 0)",
        id="no-weekdays",
    ),
    pytest.param(
        {"name": "X", "working_weekdays": [1, 9]},
        "$.working_weekdays[1]",
        *WEEKDAY,
        id="bad-weekday",
    ),
    pytest.param(
        {"name": "X", "working_weekdays": [[1]]},
        "$.working_weekdays[0]",
        *WEEKDAY,
        id="list-weekday",
    ),
    pytest.param(
        {"name": "X", "opening_hours": "09:00-12:00"},
        "$.opening_hours",
        "une liste non vide de plages horaires est attendue",
        "expected a non-empty list of time ranges",
        id="hours-not-a-list",
    ),
    pytest.param(
        {"name": "X", "opening_hours": ["09:00"]},
        "$.opening_hours[0]",
        '"HH:MM-HH:MM" est attendu',
        'expected "HH:MM-HH:MM"',
        id="one-time",
    ),
    pytest.param(
        {"name": "X", "opening_hours": ["09:00-25:00"]},
        "$.opening_hours[0]",
        "une heure \"HH:MM\" est attendue, pas '25:00'",
        "expected a time \"HH:MM\", got '25:00'",
        id="bad-time",
    ),
    pytest.param(
        {"name": "X", "opening_hours": ["12:00-09:00"]},
        "$.opening_hours[0]",
        "une plage horaire doit finir après son début",
        "a time range ends after it starts",
        id="reversed-string-range",
    ),
    pytest.param(
        {"name": "X", "opening_hours": ["09:00+01:00-12:00"]},
        "$.opening_hours[0]",
        "une heure locale n'a pas de décalage horaire",
        "a local time has no offset",
        id="offset",
    ),
    pytest.param(
        {"name": "X", "opening_hours": [9]},
        "$.opening_hours[0]",
        '"HH:MM-HH:MM" ou une table avec start et end est attendu',
        'expected "HH:MM-HH:MM" or a table with start and end',
        id="range-a-number",
    ),
    pytest.param(
        {"name": "X", "amplitude": {"start": "09:00", "end": "17:00", "lunch": "12:00"}},
        "$.amplitude.lunch",
        "clé inconnue (start et end sont attendues)",
        "unknown key (expected start and end)",
        id="range-unknown-key",
    ),
    pytest.param(
        {"name": "X", "amplitude": {"start": 9, "end": "17:00"}},
        "$.amplitude.start",
        'une heure "HH:MM" est attendue',
        'expected a time "HH:MM"',
        id="time-a-number",
    ),
    pytest.param(
        {"name": "X", "amplitude": {"start": "17:00", "end": "09:00"}},
        "$.amplitude.end",
        "la plage doit finir après son début",
        "the range ends after it starts",
        id="reversed-table-range",
    ),
    pytest.param(
        {"name": "X", "start_delay_max_days": [30]},
        "$.start_delay_max_days",
        "une table des voies de financement et de leur nombre de jours est attendue",
        "expected a table of funding routes to days",
        id="delays-not-a-table",
    ),
    pytest.param(
        {"name": "X", "start_delay_max_days": {"bank": 3}},
        "$.start_delay_max_days.bank",
        f"voie de financement inconnue ; valeurs possibles : {ROUTES}",
        f"unknown funding route; one of {ROUTES}",
        id="unknown-route",
    ),
    pytest.param(
        {"name": "X", "start_delay_max_days": {"cpf": -1}},
        "$.start_delay_max_days.cpf",
        "un nombre entier de jours positif ou nul est attendu",
        "expected a whole number of days, 0 or more",
        id="negative-delay",
    ),
    pytest.param(
        {"name": "X", "modalities": []},
        "$.modalities",
        "une liste non vide de valeurs parmi in_person, remote est attendue",
        "expected a non-empty list of in_person, remote",
        id="no-modality",
    ),
    pytest.param(
        {"name": "X", "modalities": ["hybrid"]},
        "$.modalities[0]",
        *UNKNOWN_MODALITY,
        id="unknown-modality",
    ),
    pytest.param(
        {"name": "X", "modalities": [["remote"]]},
        "$.modalities[0]",
        *UNKNOWN_MODALITY,
        id="list-modality",
    ),
    pytest.param(
        {"name": "X", "severities": ["POL-SPAN"]},
        "$.severities",
        "une table des identifiants de règle et de leur gravité est attendue",
        "expected a table of rule ids to severities",
        id="severities-not-a-table",
    ),
    pytest.param(
        {"name": "X", "severities": {"POL-NOPE": "info"}},
        "$.severities.POL-NOPE",
        *UNKNOWN_RULE,
        id="unknown-rule",
    ),
    pytest.param(
        {"name": "X", "severities": {"BC-DURATION-MAX": "info"}},
        "$.severities.BC-DURATION-MAX",
        LAW_FR,
        LAW_EN,
        id="law-rule-override",
    ),
    pytest.param(
        {"name": "X", "severities": {"POL-SPAN": "fatal"}},
        "$.severities.POL-SPAN",
        *UNKNOWN_SEVERITY,
        id="unknown-severity",
    ),
    pytest.param(
        {"name": "X", "severities": {"POL-SPAN": ["info"]}},
        "$.severities.POL-SPAN",
        *UNKNOWN_SEVERITY,
        id="list-severity",
    ),
    pytest.param(
        {"name": "X", "disabled": "POL-SPAN"},
        "$.disabled",
        "une liste d'identifiants de règle est attendue",
        "expected a list of rule ids",
        id="disabled-a-string",
    ),
    pytest.param(
        {"name": "X", "disabled": ["BC-DURATION-MAX"]},
        "$.disabled[0]",
        LAW_FR,
        LAW_EN,
        id="law-rule-disabled",
    ),
    pytest.param(
        {"name": "X", "disabled": [["POL-SPAN"]]}, "$.disabled[0]", *UNKNOWN_RULE, id="list-rule-id"
    ),
    pytest.param(
        {"name": "X", "extends": "STAFF"},
        "$.extends",
        "charte prédéfinie inconnue ; valeurs possibles : staff",
        "unknown preset charter; one of staff",
        id="unknown-preset",
    ),
    pytest.param(
        {"name": "X", "extends": ["staff"]},
        "$.extends",
        "charte prédéfinie inconnue ; valeurs possibles : staff",
        "unknown preset charter; one of staff",
        id="preset-not-a-string",
    ),
    pytest.param(
        {"name": "X", "span_min_days": 200, "span_max_days": 100},
        "$",
        "span_min_days est supérieur à span_max_days",
        "span_min_days is above span_max_days",
        id="min-above-max",
    ),
]


@pytest.mark.parametrize(("data", "path", "fr", "en"), BAD_CHARTERS)
def test_bad_charter_values(data, path, fr, en):
    """Each bad value is one problem: its path, its message in French and in English."""
    with pytest.raises(InvalidPolicy) as info:
        Policy.from_dict(data)
    assert [(p, m.fr, m.en) for p, m in info.value.errors] == [(path, fr, en)]
    assert info.value.render("fr") == f"charte invalide :\n{path}: {fr}"
    assert str(info.value) == f"invalid policy:\n{path}: {en}"


def test_not_a_mapping():
    """Data that is not a table is one problem at ``$``, from a mapping or from a file."""
    with pytest.raises(InvalidPolicy) as info:
        Policy.from_dict([1, 2], source="x")  # type: ignore[arg-type]
    ((path, message),) = info.value.errors
    assert (path, message.fr, message.en) == (
        "x: $",
        "une table TOML ou un objet JSON est attendu",
        "expected a table / JSON object",
    )


@pytest.mark.parametrize(
    ("suffix", "content", "fr", "en"),
    [
        pytest.param(".toml", b"name = \n", "TOML invalide ({})", "not valid TOML ({})", id="toml"),
        pytest.param(".json", b'{"name": ', "JSON invalide ({})", "not valid JSON ({})", id="json"),
        pytest.param(
            ".toml", b'name = "\xe9"\n', "le texte n'est pas en UTF-8", "not UTF-8 text", id="utf8"
        ),
        pytest.param(
            ".json",
            b"[1, 2]",
            "une table TOML ou un objet JSON est attendu",
            "expected a table / JSON object",
            id="not-an-object",
        ),
    ],
)
def test_file_problems(tmp_path, suffix, content, fr, en):
    """A file that is not a charter document: the parser's own words (English, whatever the
    language) are a detail inside both messages."""
    file = tmp_path / f"charter{suffix}"
    file.write_bytes(content)
    with pytest.raises(InvalidPolicy) as info:
        load_policy(file)
    ((path, message),) = info.value.errors
    assert path in (str(file), f"{file}: $")
    if "{}" in en:
        detail = message.en.removeprefix(en.split("{}")[0]).removesuffix(")")
        assert detail
        assert (message.fr, message.en) == (fr.format(detail), en.format(detail))
    else:
        assert (message.fr, message.en) == (fr, en)


def test_every_charter_message_has_two_languages(tmp_path):
    """Walking the case table: every message of an InvalidPolicy, and the InvalidPolicy's
    own, has a French that is not its English."""
    documents = [p.values[0] for p in BAD_CHARTERS]
    documents.append({"name": 1, "meetings_min": -2, "colour": "red", "disabled": "x"})
    for data in documents:
        with pytest.raises(InvalidPolicy) as info:
            Policy.from_dict(data)
        assert info.value.text.fr != info.value.text.en
        for _, message in info.value.errors:
            assert message.fr.strip()
            assert message.fr != message.en
    for name, content in (("a.toml", b"name = \n"), ("b.json", b"{"), ("c.toml", b"\xff")):
        file = tmp_path / name
        file.write_bytes(content)
        with pytest.raises(InvalidPolicy) as info:
            load_policy(file)
        ((_, message),) = info.value.errors
        assert message.fr != message.en


# -- the same data as a mapping, a TOML file and a JSON file -------------------------------------

# Each row is a TOML document; its parsed form is what from_dict and the JSON file are given.
SAME_DATA = [
    pytest.param('name = "X"\n', id="name-only"),
    pytest.param('name = "X"\nstart_delay_max_days = { self_funded = 30 }\n', id="partial-delays"),
    pytest.param(
        'name = "X"\nstart_delay_max_days = { cpf = 0, public_leave = 90 }\n', id="two-delays"
    ),
    pytest.param(
        'format = "bilan-core-policy/1"\nname = "Cabinet"\nmeetings_min = 4\n'
        'opening_hours = ["08:30-12:00", { start = "13:30", end = "18:00" }]\n'
        'modalities = ["remote"]\ndisabled = ["POL-FOLLOW-UP-6M"]\n'
        '[severities]\nPOL-SPAN = "info"\n',
        id="full",
    ),
    pytest.param(
        'name = "X"\nopening_hours = [{ start = 08:30:00, end = 12:00:00 }]\n', id="times"
    ),
    pytest.param('name = "X"\nmeetings = 4\n', id="unknown-key"),
    pytest.param('name = "X"\nspan_min_days = 200\nspan_max_days = 100\n', id="min-above-max"),
    pytest.param('name = "X"\nextends = "staff"\nmeetings_min = 4\n', id="extends"),
    pytest.param('name = "X"\nextends = "STAFF"\n', id="unknown-preset"),
    pytest.param(
        'name = 1\nmeetings_min = -2\nstart_delay_max_days = { bank = 3, cpf = "15" }\n'
        'disabled = ["BC-DURATION-MAX", "POL-NOPE"]\n',
        id="many-problems",
    ),
    pytest.param('name = "X"\nworking_weekdays = [[1], 7]\n', id="weekday-lists"),
]


def _outcome(load, file=None):
    """The policy ``load`` gives, or its problems (paths without the file's name)."""
    prefix = f"{file}: " if file else ""
    try:
        return load()
    except InvalidPolicy as exc:
        errors = exc.errors
    assert all(path.startswith(prefix) for path, _ in errors)
    return [(path.removeprefix(prefix), message) for path, message in errors]


@pytest.mark.parametrize("toml", SAME_DATA)
def test_mapping_and_files_agree(tmp_path, toml):
    """The same data through Policy.from_dict, a TOML file and (when JSON can say it) a JSON
    file gives equal charters, or the same (path, message) problems."""
    data = tomllib.loads(toml)
    toml_file = tmp_path / "charter.toml"
    toml_file.write_text(toml, encoding="utf-8")
    from_mapping = _outcome(lambda: Policy.from_dict(data))
    assert _outcome(lambda: load_policy(toml_file), toml_file) == from_mapping
    try:
        as_json = json.dumps(data)
    except TypeError:  # TOML local times: JSON has no such values
        assert any(isinstance(v, dt.time) for r in data["opening_hours"] for v in r.values())
    else:
        json_file = tmp_path / "charter.json"
        json_file.write_text(as_json, encoding="utf-8")
        assert _outcome(lambda: load_policy(json_file), json_file) == from_mapping


def test_a_name_alone_states_nothing(tmp_path):
    """A charter with only a name is that name and nothing else: not STAFF renamed."""
    file = tmp_path / "charter.toml"
    file.write_text('name = "STAFF"\n', encoding="utf-8")
    assert load_policy(file) == Policy.from_dict({"name": "STAFF"}) == Policy(name="STAFF")
    assert load_policy(file) != STAFF
    assert load_policy(file).opening_hours is None


def test_partial_delays_state_those_routes_only(tmp_path):
    """start_delay_max_days as given is the charter's whole table, from a file, a mapping or
    the constructor alike; over a base, the routes given replace the base's one by one."""
    file = tmp_path / "charter.toml"
    file.write_text('name = "X"\nstart_delay_max_days = { cpf = 0, job_seeker = 90 }\n')
    from_file = load_policy(file)
    assert from_file == Policy.from_dict(
        {"name": "X", "start_delay_max_days": {"cpf": 0, "job_seeker": 90}}
    )
    assert from_file == Policy(name="X", start_delay_max_days={"job_seeker": 90, "cpf": 0})
    assert dict(from_file.start_delay_max_days) == {"cpf": 0, "job_seeker": 90}
    assert list(from_file.start_delay_max_days) == ["cpf", "job_seeker"]
    over_staff = load_policy(file, base=STAFF)
    assert dict(over_staff.start_delay_max_days) == {
        **STAFF.start_delay_max_days,
        "cpf": 0,
        "job_seeker": 90,
    }
    assert list(over_staff.start_delay_max_days) == sorted(STAFF.start_delay_max_days)


def test_the_full_charter_reads_as_written(tmp_path):
    """The 'full' row of the table, read field by field."""
    (full,) = (p.values[0] for p in SAME_DATA if p.id == "full")
    policy = Policy.from_dict(tomllib.loads(full))
    assert (policy.name, policy.meetings_min) == ("Cabinet", 4)
    assert [str(r) for r in policy.opening_hours] == ["08:30-12:00", "13:30-18:00"]
    assert policy.modalities == frozenset({Modality.REMOTE})
    assert policy.severities == {"POL-SPAN": Severity.INFO}
    assert policy.disabled == frozenset({"POL-FOLLOW-UP-6M"})
