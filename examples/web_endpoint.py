"""A web endpoint that checks a plan: JSON in, a machine-readable verdict out.

A plain WSGI application (the standard library's ``wsgiref`` serves it; any WSGI server or a
framework's route does the same in a few lines): ``POST /validate?on=YYYY-MM-DD`` with a
``bilan-core/1`` document as the body answers ``200`` with the report (``Report.to_dict()``,
messages in French and English), ``422`` with every problem and its JSON path when the plan
cannot be read, ``400`` for a bad date. Garbage never gives a ``500``.

Run it as a script: it calls the application itself with a good plan, a failing one, and
garbage, and prints the status of each.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pendulum

import bilan_core as bc

StartResponse = Callable[[str, list[tuple[str, str]]], Any]
LIMIT = 1 << 20  # the largest body read: a plan is a few kilobytes


def _answer(start: StartResponse, status: str, body: object) -> Iterable[bytes]:
    data = json.dumps(body, ensure_ascii=False).encode()
    start(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return [data]


def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    """The WSGI application."""
    if environ.get("REQUEST_METHOD") != "POST" or environ.get("PATH_INFO") != "/validate":
        return _answer(start_response, "404 Not Found", {"error": "POST /validate"})
    query = parse_qs(environ.get("QUERY_STRING", ""))
    try:
        on = pendulum.Date.fromisoformat(query["on"][0]) if "on" in query else None
    except ValueError:
        return _answer(start_response, "400 Bad Request", {"error": "on is YYYY-MM-DD"})
    length = min(int(environ.get("CONTENT_LENGTH") or 0), LIMIT)
    body = environ["wsgi.input"].read(length)
    try:
        bilan = bc.load(body)
    except bc.SerializationError as refused:
        problems = [{"path": path, "message": text.to_dict()} for path, text in refused.errors]
        return _answer(
            start_response,
            "422 Unprocessable Content",
            {"errors": problems, "total_errors": refused.total},
        )
    report = bc.validate(bilan, on=on)
    return _answer(start_response, "200 OK", report.to_dict())


def call(body: bytes, query: str = "on=2026-06-01") -> tuple[str, dict[str, Any]]:
    """Call the application as a server would; its status and JSON answer."""
    seen: dict[str, str] = {}

    def start_response(status: str, _headers: list[tuple[str, str]]) -> None:
        seen["status"] = status

    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/validate",
        "QUERY_STRING": query,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
    }
    answer = b"".join(app(environ, start_response))
    return seen["status"], json.loads(answer)


if __name__ == "__main__":
    failing = Path("examples/plans/cpf-violations.json").read_bytes()
    for name, body in [
        ("good", bc.dumps(bc.example_bilan("cpf"))),
        ("failing", failing),
        ("garbage", b'{"format": "bilan-core/1", "sessions": [1, 2, 3]}'),
        ("not json", b"\xff\xfe"),
    ]:
        status, answer = call(body)
        detail = answer.get("ok", answer.get("total_errors"))
        print(f"{name:<10} {status:<28} {detail}")
    print(call(b"{}", "on=01/06/2026")[0])
