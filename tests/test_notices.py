"""A report says what its verdict depends on beyond the rules.

0.1.0 judged a plan whose sessions were held and synthesis delivered in 2026 "compliant
--on 2025-06-01" without a word, and a plan agreed in 2018 "compliant" although none of the
law it encodes applied: both now come with a notice, in French and English.
"""

from __future__ import annotations

import json
from pathlib import Path

import pendulum
import pytest

import bilan_core as bc
from bilan_core.cli import main


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        pytest.param(pendulum.date(2025, 6, 1), 1, id="a-year-before"),
        pytest.param(pendulum.date(2026, 5, 18), 1, id="the-day-before-the-last-fact"),
        pytest.param(pendulum.date(2026, 5, 19), 0, id="the-day-of-the-last-fact"),
        pytest.param(pendulum.date(2026, 6, 1), 0, id="after"),
    ],
)
def test_an_evaluation_date_before_recorded_facts(on: pendulum.Date, expected: int) -> None:
    """The CPF example's last recorded fact is the synthesis delivered on 2026-05-19."""
    report = bc.validate(bc.example_bilan("cpf"), on=on)
    assert len(report.notices) == expected
    for notice in report.notices:
        assert "2026-05-19" in notice.en
        assert "19/05/2026" in notice.fr


def test_a_reference_date_before_the_2018_reform() -> None:
    document = bc.dump(bc.example_bilan("employer_plan"))
    document["consent"]["given_at"] = "2018-03-02T09:00:00+00:00"
    report = bc.validate(bc.load(document), on=pendulum.date(2026, 6, 1))
    (notice,) = report.notices
    assert "2018-03-02" in notice.en
    assert "loi n° 2018-771" in notice.fr


def test_the_planned_sessions_are_not_facts() -> None:
    """Sessions planned after the evaluation date are the plan, not facts recorded."""
    assert bc.facts.latest_recorded_day(bc.example_bilan("cpf")) == pendulum.date(2026, 5, 19)


def test_the_command_line_shows_the_notice(capsys: pytest.CaptureFixture[str]) -> None:
    plan = str(Path(__file__).parents[1] / "examples" / "plans" / "cpf-outside-working-time.json")
    main(["validate", plan, "--on", "2025-06-01", "--lang", "en"])
    assert "Note: the evaluation date (2025-06-01) precedes facts" in capsys.readouterr().out
    main(["validate", plan, "--on", "2025-06-01", "--format", "json"])
    (entry,) = json.loads(capsys.readouterr().out)["reports"]
    assert entry["notices"][0]["fr"].startswith("la date d'évaluation")
