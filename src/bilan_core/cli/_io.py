"""Reading plans from files, standard input and JSON Lines, as a stream; writing output.

A JSON Lines file is read line by line (and, with worker processes, cut into byte ranges each
worker reads itself), so memory does not grow with the input.
"""

from __future__ import annotations

import contextlib
import itertools
import signal
import sys
import threading
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from typing_extensions import Self

__all__ = [
    "CannotWrite",
    "Slice",
    "Source",
    "WholeEntries",
    "count_lines",
    "is_json_lines",
    "json_lines",
    "label_of",
    "plans",
    "read_bytes",
    "slices",
    "write_output",
]

_BOM: Final = b"\xef\xbb\xbf"
"""A UTF-8 byte order mark, which some editors write at the start of a file."""
_HEAD: Final = 1 << 16
_CHUNK: Final = 1 << 20


class WholeEntries:
    """Ctrl-C waits for the entry being written, so the output holds whole entries.

    Used as a context manager around a command's output loop: while :meth:`writing` is open,
    an interrupt is held back and raised (as :class:`KeyboardInterrupt`) when the entry is
    written; otherwise it is raised at once, as usual. Outside the main thread (where signal
    handlers cannot be set) it does nothing.
    """

    def __init__(self) -> None:
        self._writing = False
        self._pending = False
        self._previous: Any = None
        self._active = False

    def _handler(self, _signum: int, _frame: object) -> None:
        if self._writing:
            self._pending = True
        else:
            raise KeyboardInterrupt

    def __enter__(self) -> Self:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handler)
            self._active = True
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._active:
            signal.signal(signal.SIGINT, self._previous)
            self._active = False

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """One entry is being written: an interrupt waits for its end."""
        self._writing = True
        try:
            yield
        finally:
            self._writing = False
        if self._pending:
            self._pending = False
            raise KeyboardInterrupt


@attrs.frozen
class Source:
    """Where a plan came from: a file name and, for JSON Lines, the line number."""

    name: str
    line: int | None = None

    def __str__(self) -> str:
        return self.name if self.line is None else f"{self.name}:{self.line}"


def label_of(name: str) -> str:
    """How a file is named in messages (``<stdin>`` for ``-``)."""
    return "<stdin>" if name == "-" else name


def _open(name: str) -> IO[bytes]:
    if name == "-":
        return sys.stdin.buffer
    return Path(name).open("rb")


def read_bytes(name: str) -> bytes:
    """The content of a file, or of standard input for ``-``."""
    if name == "-":
        return sys.stdin.buffer.read()
    return Path(name).read_bytes()


class CannotWrite(OSError):
    """An output file could not be written (the command line words it as such)."""


def write_output(name: str, data: bytes) -> None:
    """Write output to a file, or to standard output for ``-``.

    Raises:
        CannotWrite: the file cannot be written (``filename`` and ``strerror`` are kept).
    """
    if name == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        Path(name).write_bytes(data)
    except OSError as exc:
        raise CannotWrite(exc.errno, exc.strerror, exc.filename) from None


def is_json_lines(name: str, head: bytes) -> bool:
    """Whether a file holds JSON Lines: by its extension, or by how it starts."""
    if name.endswith((".jsonl", ".ndjson")):
        return True
    stripped = head.removeprefix(_BOM).strip()
    return (
        b"\n" in stripped
        and stripped.startswith(b"{")
        and b"}\n{" in stripped.replace(b"\r\n", b"\n")
    )


def json_lines(chunks: Iterable[bytes], first: int = 1) -> Iterator[tuple[int, bytes]]:
    r"""The numbered, non-blank lines of JSON Lines data given in chunks.

    Lines end with ``\n`` (a ``\r`` before it is dropped); numbering starts at ``first``.
    A UTF-8 byte order mark at the start of the data (``first == 1``) is skipped.

    >>> list(json_lines([b'{"a": 1}\r', b'\n\n{"b": 2}\n']))
    [(1, b'{"a": 1}'), (3, b'{"b": 2}')]
    """
    number = first
    carry = b""
    start = first == 1
    for chunk in chunks:
        if start:
            chunk = chunk.removeprefix(_BOM)  # noqa: PLW2901 - the first chunk only
            start = False
        lines = (carry + chunk).split(b"\n")
        carry = lines.pop()
        for line in lines:
            text = line[:-1] if line.endswith(b"\r") else line
            if text.strip():
                yield number, text
            number += 1
    text = carry[:-1] if carry.endswith(b"\r") else carry
    if text.strip():
        yield number, text


def plans(name: str) -> Iterator[tuple[Source, bytes]]:
    """Every plan of a file, as a stream: one JSON document, or one per JSON Lines line."""
    label = label_of(name)
    file = _open(name)
    try:
        head = file.read(_HEAD)
        rest = iter(lambda: file.read(_CHUNK), b"")
        if is_json_lines(name, head):
            for number, line in json_lines(itertools.chain([head], rest)):
                yield Source(label, number), line
        else:
            yield Source(label), head + b"".join(rest)
    finally:
        if file is not sys.stdin.buffer:
            file.close()


def count_lines(path: str) -> int:
    """How many lines a file has (for a progress count), read in chunks."""
    with Path(path).open("rb") as file:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: file.read(_CHUNK), b""))


@attrs.frozen
class Slice:
    """A byte range of a JSON Lines file, whole lines only, read by a worker process.

    Attributes:
        path: the file.
        start: the first byte.
        end: the byte after the last.
        first_line: the number of the range's first line in the file.
    """

    path: str
    start: int
    end: int
    first_line: int

    def plans(self) -> Iterator[tuple[Source, bytes]]:
        """The plans of the range, numbered as in the whole file."""
        with Path(self.path).open("rb") as file:
            file.seek(self.start)
            data = file.read(self.end - self.start)
        for number, line in json_lines([data], self.first_line):
            yield Source(self.path, number), line


def slices(path: str, size: int) -> Iterator[Slice]:
    """Cut a JSON Lines file into ranges of about ``size`` bytes, on line ends.

    The file is read once, in order; nothing but the current range is held.
    """
    with Path(path).open("rb") as file:
        start, line = 0, 1
        while True:
            data = file.read(size)
            if not data:
                return
            data += file.readline()
            yield Slice(path=path, start=start, end=start + len(data), first_line=line)
            line += data.count(b"\n")
            start += len(data)
