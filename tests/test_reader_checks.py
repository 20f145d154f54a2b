"""The fast reader's one-call checks accept exactly what the field validators accept."""

from __future__ import annotations

import attrs
import pendulum
from hypothesis import given
from hypothesis import strategies as st

from bilan_core.errors import InvalidValue
from bilan_core.phases import Phase
from bilan_core.sessions import Session, SessionKind, session_valid

_IDS = st.one_of(
    st.sampled_from(["s-1", "a", "x" * 64, "x" * 65, "", "-s", "s 1", "é", "s:1.2_3"]),
    st.text(max_size=70),
)
_START = pendulum.datetime(2026, 3, 2, 9, tz="UTC")


@given(
    session_id=_IDS,
    minutes=st.integers(min_value=-2, max_value=730),
    phase=st.sampled_from(Phase),
    kind=st.sampled_from(SessionKind),
    with_consultant=st.sampled_from([None, True, False]),
)
def test_session_valid_agrees_with_the_validators(
    session_id: str,
    minutes: int,
    phase: Phase,
    kind: SessionKind,
    with_consultant: bool | None,
) -> None:
    """``session_valid`` is true exactly when constructing the session raises nothing."""
    fields = {
        "id": session_id,
        "start": _START,
        "minutes": minutes,
        "phase": phase,
        "kind": kind,
        "with_consultant": with_consultant,
    }
    try:
        Session(**fields)  # type: ignore[arg-type]
    except InvalidValue:
        accepted = False
    else:
        accepted = True
    with attrs.validators.disabled():
        unchecked = Session(**fields)  # type: ignore[arg-type]
    assert session_valid(unchecked) is accepted
