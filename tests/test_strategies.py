"""The Hypothesis strategies: valid bilans at their date, argument checks, from_type."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import ClassVar

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import bilan_core as bc
from bilan_core.policies import STAFF
from bilan_core.strategies import (
    BILAN_PHASES,
    FUNDING_TAGS,
    BilanStateMachine,
    bilans,
    fundings,
    sessions,
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bilans())
def test_generated_bilans_are_valid_at_their_date(bilan: bc.Bilan) -> None:
    """Every generated bilan is valid under the law at the default `on` date."""
    report = bc.validate(bilan, on=bc.EXAMPLE_ON)
    assert report.ok, [(v.rule_id, v.path) for v in report.violations]


@pytest.mark.parametrize(
    "on", [pendulum.date(2021, 11, 2), pendulum.date(2024, 4, 1), pendulum.date(2027, 1, 4)]
)
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_bilans_valid_at_other_dates(on: pendulum.Date, data: st.DataObject) -> None:
    """Bilans built for another evaluation date are valid at that date (other law versions)."""
    bilan = data.draw(bilans(on=on))
    report = bc.validate(bilan, on=on)
    assert report.ok, [(v.rule_id, v.path) for v in report.violations]


@pytest.mark.parametrize("tag", FUNDING_TAGS)
@settings(deadline=None)
@given(data=st.data())
def test_funding_option(tag: str, data: st.DataObject) -> None:
    """`funding=` fixes the route of the bilan."""
    bilan = data.draw(bilans(funding=tag))
    assert tag == type(bilan.funding).TAG


_STOPPED = {bc.Phase.ABANDONED, bc.Phase.CANCELLED}


@pytest.mark.parametrize("phase", BILAN_PHASES, ids=lambda p: p.value)
@settings(deadline=None)
@given(data=st.data())
def test_phase_option(phase: bc.Phase, data: st.DataObject) -> None:
    """`phase=` fixes the phase reached at `on`; held sessions are before `on`, planned after
    (a bilan stopped early has its later sessions cancelled); the history replays to it."""
    bilan = data.draw(bilans(phase=phase))
    assert bilan.phase is phase
    assert bc.replay(bilan.history) is phase
    assert len(bilan.sessions) <= 13
    on = pendulum.datetime(2026, 6, 1, tz="Europe/Paris")
    for session in bilan.sessions:
        if session.status is bc.SessionStatus.CANCELLED:
            assert phase in _STOPPED
            continue
        assert (session.status is bc.SessionStatus.HELD) == (session.start < on)


@settings(deadline=None)
@given(bilans(funding=st.sampled_from(["cpf", "public_leave"]), phase=st.just(bc.Phase.COMPLETED)))
def test_options_accept_strategies(bilan: bc.Bilan) -> None:
    """Options accept strategies of values."""
    assert type(bilan.funding).TAG in {"cpf", "public_leave"}
    assert bilan.phase is bc.Phase.COMPLETED


@pytest.mark.parametrize(
    "kwargs",
    [
        {"funding": "lottery"},
        {"funding": "CPF"},
        {"phase": "completed"},
        {"on": "2026-06-01"},
        {"on": pendulum.now()},
        {"on": pendulum.date(2019, 1, 1)},
        {"on": pendulum.date(2999, 1, 1)},
    ],
    ids=[
        "unknown-funding",
        "funding-case",
        "phase-as-str",
        "on-as-str",
        "on-as-datetime",
        "on-too-early",
        "on-too-late",
    ],
)
def test_invalid_arguments_fail_at_once(kwargs: dict[str, object]) -> None:
    """Invalid arguments raise InvalidArgument when the strategy is built, not when drawing."""
    with pytest.raises(InvalidArgument):
        bilans(**kwargs)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        bilans("cpf")  # type: ignore[misc]


def test_fundings_unknown_type() -> None:
    """fundings(type=...) checks its tag at once."""
    with pytest.raises(InvalidArgument):
        fundings(type="lottery")


@settings(deadline=None)
@given(sessions())
def test_sessions_round_trip_through_a_bilan(session: bc.Session) -> None:
    """Any generated session survives the wire format."""
    import attrs

    bilan = attrs.evolve(bc.example_bilan(), sessions=(session,))
    assert bc.load(bc.dumps(bilan)) == bilan


@settings(deadline=None)
@given(fundings())
def test_fundings_round_trip(funding: bc.Funding) -> None:
    """Any generated funding survives the wire format."""
    import attrs

    bilan = attrs.evolve(bc.example_bilan(), funding=funding)
    assert bc.load(bc.dumps(bilan)) == bilan


@pytest.mark.parametrize(
    "cls",
    [
        bc.Bilan,
        bc.Session,
        bc.Provider,
        bc.Beneficiary,
        bc.CpfFunding,
        bc.PublicLeaveFunding,
        bc.Qualiopi,
        bc.Site,
    ],
)
def test_from_type_is_registered(cls: type) -> None:
    """The entry point registered a strategy: st.from_type works for the public classes."""

    @settings(max_examples=5, deadline=None)
    @given(st.from_type(cls))
    def check(value: object) -> None:
        assert isinstance(value, cls)

    check()


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bilans(policy=STAFF))
def test_bilans_under_staff_raise_no_warning(bilan: bc.Bilan) -> None:
    """Under the STAFF charter, bilans break no rule: no POL- warning, no law violation."""
    report = bc.validate(bilan, on=bc.EXAMPLE_ON, policy=STAFF)
    shown = [(v.rule_id, v.path) for v in report.violations if v.severity is not bc.Severity.INFO]
    assert not shown


_CHARTER_FIELDS = sorted(
    f.name for f in attrs.fields(bc.Policy) if f.name not in {"name", "severities", "disabled"}
)


@st.composite
def _part_of_staff(draw: st.DrawFn) -> bc.Policy:
    """A charter stating some of STAFF's values (maybe none), nothing else."""
    fields = draw(st.sets(st.sampled_from(_CHARTER_FIELDS)))
    return bc.Policy(name="Partial", **{f: getattr(STAFF, f) for f in fields})


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_part_of_staff(), st.data())
def test_bilans_under_a_partial_charter_raise_no_warning(
    charter: bc.Policy, data: st.DataObject
) -> None:
    """A charter stating part of STAFF (a name alone, opening hours alone...) gives bilans
    that break nothing it states, and where it states nothing the law's room is used."""
    bilan = data.draw(bilans(policy=charter))
    report = bc.validate(bilan, on=bc.EXAMPLE_ON, policy=charter)
    shown = [(v.rule_id, v.path) for v in report.violations if v.severity is not bc.Severity.INFO]
    assert not shown


@pytest.mark.parametrize(
    ("changes", "hours", "weekdays"),
    [
        pytest.param({}, ((540, 1140),), frozenset(range(5)), id="name-only-neutral-defaults"),
        pytest.param(
            {"opening_hours": [bc.TimeRange.parse("08:00-20:00")]},
            ((480, 1200),),
            frozenset(range(5)),
            id="opening-hours-alone",
        ),
        pytest.param(
            {"amplitude": bc.TimeRange.parse("10:00-16:00")},
            ((600, 960),),
            frozenset(range(5)),
            id="amplitude-alone",
        ),
        pytest.param(
            {"working_weekdays": {5}}, ((540, 1140),), frozenset({5}), id="saturdays-only"
        ),
    ],
)
def test_the_shape_of_a_partial_charter(changes, hours, weekdays) -> None:
    """What the charter does not state, the shape leaves to neutral defaults (no rule);
    STAFF's shape is what it was when STAFF was the class defaults."""
    from bilan_core.strategies._schedule import shape_of

    shape = shape_of(bc.Policy(name="P", **changes))
    assert (shape.hours, shape.weekdays) == (hours, weekdays)
    assert (shape.total_min, shape.total_max, shape.meetings_min) == (0, 24 * 60, 0)
    assert (shape.avoid_holidays, shape.blended, shape.collective) == (False, True, True)
    staff = shape_of(STAFF)
    assert staff.hours == ((540, 750), (840, 1020))
    assert (staff.total_min, staff.meetings_min, staff.span_min, staff.span_max) == (
        1080,
        5,
        51,
        107,
    )
    assert (staff.avoid_holidays, staff.collective, staff.callback_hours) == (True, False, 48)


def test_policy_that_leaves_no_room_fails_at_once() -> None:
    """A charter whose hours cannot hold a session is refused when the strategy is built."""
    tight = attrs.evolve(STAFF, opening_hours=(bc.TimeRange.parse("09:00-09:30"),))
    with pytest.raises(InvalidArgument, match="no room"):
        bilans(policy=tight)
    with pytest.raises(InvalidArgument, match="Policy"):
        bilans(policy="STAFF")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument, match="span range"):
        bilans(policy=bc.Policy(name="Long", span_min_days=200))


@settings(max_examples=1, deadline=None, database=None)
@given(bilans())
def test_shrink_target_is_the_simplest_bilan(bilan: bc.Bilan) -> None:
    """The first example Hypothesis tries is the shrink target: a completed CPF bilan outside
    working time with three sessions (the simplest choices everywhere)."""
    assert bilan.phase is bc.Phase.COMPLETED
    assert isinstance(bilan.funding, bc.CpfFunding)
    assert not bilan.funding.on_working_time
    assert len(bilan.bilan_sessions) == 3


class _CountingMachine(BilanStateMachine):
    """A user's subclass: hooks see every transition and refusal."""

    seen: ClassVar[list[str]] = []

    def on_transition(self, before: bc.Bilan, event: str, after: bc.Bilan) -> None:
        assert bc.next_events  # the library stays importable from hooks
        assert after.history[-1].name == event
        assert before.phase is not after.phase
        self.seen.append(event)


def test_state_machine_walks_the_real_phase_machine() -> None:
    """The stateful base runs: invariants hold and the hooks see the events fired."""
    _CountingMachine.seen.clear()
    run = settings(stateful_step_count=40, deadline=None, database=None)
    _CountingMachine.TestCase.settings = run
    _CountingMachine.TestCase().runTest()
    assert "agree" in _CountingMachine.seen


@pytest.mark.slow
def test_from_type_in_a_fresh_venv(tmp_path: Path) -> None:
    """In a new virtual environment with only bilan-core[hypothesis] installed,
    st.from_type(Bilan) works through the entry point (no import of bilan_core.strategies)."""
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not on PATH: cannot create a fresh environment")
    venv = tmp_path / "venv"
    repo = Path(__file__).resolve().parents[1]
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env["VIRTUAL_ENV"] = str(venv)
    subprocess.run([uv, "venv", "-q", str(venv)], check=True, env=env, timeout=120)  # noqa: S603
    install = [uv, "pip", "install", "-q", f"{repo}[hypothesis]"]
    done = subprocess.run(  # noqa: S603 - uv with our own arguments
        [*install, "--offline"], check=False, env=env, capture_output=True, timeout=300
    )
    if done.returncode:
        done = subprocess.run(install, check=False, env=env, capture_output=True, timeout=300)  # noqa: S603
    if done.returncode:
        pytest.skip(f"bilan-core[hypothesis] could not be installed: {done.stderr[-300:]!r}")
    script = textwrap.dedent(
        """
        from hypothesis import given, settings, strategies as st
        import bilan_core

        @settings(max_examples=20, deadline=None, database=None)
        @given(st.from_type(bilan_core.Bilan))
        def check(bilan):
            assert bilan_core.validate(bilan, on=bilan_core.EXAMPLE_ON).ok

        check()
        print("ok")
        """
    )
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    out = subprocess.run(  # noqa: S603 - our own script in our own venv
        [str(python), "-c", script],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok"


@pytest.mark.slow
def test_from_type_in_a_fresh_interpreter() -> None:
    """In a fresh process that never imports bilan_core.strategies itself, st.from_type(Bilan)
    works: the hypothesis entry point registered it."""
    code = textwrap.dedent(
        """
        import warnings
        warnings.simplefilter("ignore")
        from hypothesis import strategies as st
        import bilan_core
        print(type(st.from_type(bilan_core.Bilan).example()).__name__)
        """
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "Bilan"


def test_import_bilan_core_does_not_import_hypothesis() -> None:
    """Hypothesis stays optional: `import bilan_core` does not import it."""
    code = "import sys, bilan_core; print('hypothesis' in sys.modules)"
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "False"
