"""Drive a bilan through its phases with the phase machine, and show a refused step.

Run: uv run python examples/walk_phases.py
"""

from __future__ import annotations

import attrs
import pendulum

import bilan_core as bc
from bilan_core.policies import STAFF


def paris(month: int, day: int, hour: int, minute: int = 0) -> pendulum.DateTime:
    """An instant of 2026, Paris time."""
    return pendulum.datetime(2026, month, day, hour, minute, tz="Europe/Paris")


def main() -> None:
    """From inquiry to completion, with the STAFF charter's engagement document."""
    # The example's sessions and documents, but not yet agreed: back to the inquiry.
    bilan = attrs.evolve(bc.example_bilan("cpf"), phase=bc.Phase.INQUIRY, history=())
    steps = [
        ("agree", paris(3, 2, 10)),
        ("begin_conclusion", paris(3, 3, 9)),  # refused: the phases come in order
        ("confirm_engagement", paris(3, 23, 11, 30)),
        ("begin_conclusion", paris(5, 12, 9, 30)),
        ("deliver_synthesis", paris(5, 12, 12)),  # refused: the law's reasons, by rule id
        ("deliver_synthesis", paris(5, 19, 11, 30)),
    ]
    for event, at in steps:
        try:
            bilan = bc.advance(bilan, event, at=at, policy=STAFF)
        except bc.PhaseTransitionError as refused:
            reasons = ", ".join(refused.rule_ids) or "not available in this phase"
            print(f"{event:<20} refused in {refused.phase}: {reasons}")
            continue
        print(f"{event:<20} -> {bilan.phase.value}")
    allowed = [
        option.name for option in bc.next_events(bilan, on=paris(6, 1, 12)) if option.allowed
    ]
    print("now allowed:", ", ".join(allowed))
    assert bc.replay(bilan.history) is bilan.phase


if __name__ == "__main__":
    main()
