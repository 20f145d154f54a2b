"""The command line never prints a traceback: internal errors, odd terminals, Ctrl-C.

- an unexpected exception ends with one line naming its type and asking for a report, exit 3;
- a standard output that cannot encode the text (``PYTHONIOENCODING=ascii``) gets escapes;
- Ctrl-C exits 130 promptly, the worker processes stopped, what was written so far intact.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import bilan_core as bc
from bilan_core.cli import EXIT_INTERNAL, EXIT_INTERRUPTED, main
from bilan_core.samples import EXAMPLE_FUNDINGS

PLAN = Path(__file__).resolve().parents[1] / "examples" / "plans" / "cpf-violations.json"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_internal_error_is_one_line_and_exit_3(
    lang: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug of bilan-core (here a planted one) gives one line, never a traceback."""
    import bilan_core.cli._show as show

    def broken(_args: object) -> int:
        raise RuntimeError("planted")

    monkeypatch.setattr(show, "run", broken)
    assert main(["show", str(PLAN), "--lang", lang]) == EXIT_INTERNAL
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert "RuntimeError" in err
    assert "Traceback" not in err
    assert ("signaler" if lang == "fr" else "report") in err


def _run(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "bilan_core", *argv],
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.parametrize("command", ["validate", "timeline", "show", "rules"])
def test_an_ascii_terminal_gets_escapes_not_a_crash(command: str) -> None:
    """French accents and typographic spaces on a terminal that cannot show them."""
    argv = [command] if command == "rules" else [command, str(PLAN)]
    done = _run(*argv, "--on", "2026-06-01", env={"PYTHONIOENCODING": "ascii"})
    if command == "show":
        done = _run(command, str(PLAN), env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode in (0, 1), done.stderr
    assert b"Traceback" not in done.stderr
    assert b"\\u" in done.stdout or b"\\x" in done.stdout  # the accents, escaped
    done.stdout.decode("ascii")  # nothing else than ASCII was written


def _batch(path: Path, count: int) -> Path:
    lines = [bc.dumps(bc.example_bilan(EXAMPLE_FUNDINGS[i % 7])) for i in range(count)]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def _running_in_group(group: int) -> list[int]:
    """The processes of a process group still running (zombies are stopped: not counted)."""
    running = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        state, pgid = fields[0], int(fields[2])
        if pgid == group and state != "Z":
            running.append(int(entry.name))
    return running


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table in /proc")
@pytest.mark.parametrize("jobs", ["1", "2", "0"])
def test_ctrl_c_exits_130_promptly_and_stops_the_workers(tmp_path: Path, jobs: str) -> None:
    """Interrupted while checking a large batch: exit 130, one line, no worker left behind,
    and what was written so far is whole JSON Lines."""
    batch = _batch(tmp_path / "batch.jsonl", 20_000)
    with subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "bilan_core",
            "validate",
            str(batch),
            "--on",
            "2026-06-01",
            "--format",
            "jsonl",
            "--jobs",
            jobs,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        first = process.stdout.readline()  # it has started writing reports
        assert first.startswith(b"{")
        os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole group
        started = time.monotonic()
        rest = process.stdout.read()  # the same buffered reader (communicate skips its buffer)
        process.wait(timeout=30)
        elapsed = time.monotonic() - started
        err = process.stderr.read()
    assert process.returncode == EXIT_INTERRUPTED, err
    assert elapsed < 10  # the batch would take far longer
    assert b"Traceback" not in err
    assert err.strip().endswith(b"interrompu")
    lines = (first + rest).splitlines()
    assert lines
    for line in lines[:-1]:
        assert line.startswith(b"{")
        assert line.endswith(b"}")
    deadline = time.monotonic() + 5
    while _running_in_group(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _running_in_group(process.pid) == []  # the workers are stopped (dead or reaped)


def test_an_interrupt_waits_for_the_entry_being_written() -> None:
    """Ctrl-C during a write is held until the entry is whole, then raised; the handler is
    restored after."""
    from bilan_core.cli._io import WholeEntries

    before = signal.getsignal(signal.SIGINT)
    written: list[str] = []

    def write_one_entry() -> None:
        with WholeEntries() as whole:
            with whole.writing():
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(0.01)  # the handler runs here, the write goes on
                written.append("the rest of the entry")
            written.append("never: the interrupt is raised at the end of the entry")

    with pytest.raises(KeyboardInterrupt):
        write_one_entry()
    assert written == ["the rest of the entry"]
    assert signal.getsignal(signal.SIGINT) is before
