"""A background worker: phase events from a queue, applied in order, never half-applied.

An app records what happens (the beneficiary agreed, the synthesis was delivered…) as events
on a queue; a worker thread applies each with ``advance`` to the stored snapshot. A refused
event leaves the stored bilan as it was and is reported with the rules that block it, in the
beneficiary's language. Snapshots are immutable, so readers never see a half-applied event.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass

import attrs
import pendulum

import bilan_core as bc
from bilan_core.phases import EventName


@dataclass(frozen=True)
class Job:
    bilan_id: str
    event: EventName
    at: pendulum.DateTime


class Store:
    """The app's storage: the latest snapshot of each bilan (a dict guarded by a lock)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._bilans: dict[str, bc.Bilan] = {}

    def get(self, bilan_id: str) -> bc.Bilan:
        with self._lock:
            return self._bilans[bilan_id]

    def put(self, bilan: bc.Bilan) -> None:
        with self._lock:
            self._bilans[bilan.id] = bilan


def work(jobs: queue.Queue[Job | None], store: Store, log: list[str]) -> None:
    while (job := jobs.get()) is not None:
        before = store.get(job.bilan_id)
        try:
            store.put(bc.advance(before, job.event, at=job.at))
            log.append(f"{job.event:<18} -> {store.get(job.bilan_id).phase.value}")
        except bc.PhaseTransitionError as refused:
            assert store.get(job.bilan_id) is before  # nothing was applied
            log.append(f"{job.event:<18} refused: {', '.join(refused.rule_ids) or 'not available'}")


def paris(month: int, day: int, hour: int) -> pendulum.DateTime:
    return pendulum.datetime(2026, month, day, hour, tz="Europe/Paris")


if __name__ == "__main__":
    done = bc.example_bilan("cpf")
    start = attrs.evolve(done, phase=bc.Phase.INQUIRY, history=())
    store = Store()
    store.put(start)
    jobs: queue.Queue[Job | None] = queue.Queue()
    log: list[str] = []
    worker = threading.Thread(target=work, args=(jobs, store, log))
    worker.start()
    for event, at in [
        ("agree", paris(3, 2, 10)),
        ("begin_conclusion", paris(3, 3, 10)),  # the investigation has not even started
        ("confirm_engagement", paris(3, 23, 12)),
        ("cancel", paris(3, 24, 9)),  # not available once engaged
        ("begin_conclusion", paris(5, 12, 9)),
    ]:
        jobs.put(Job(start.id, event, at))  # type: ignore[arg-type]
    jobs.put(None)
    worker.join()
    print("\n".join(log))
    print("final phase:", store.get(start.id).phase.value)
