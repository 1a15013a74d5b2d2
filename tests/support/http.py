"""Assertions about HTTP answers."""

from __future__ import annotations

from typing import Any

import httpx

__all__ = ["PROBLEM_JSON", "error_fields", "ok", "problem"]

PROBLEM_JSON = "application/problem+json"


def ok(answer: httpx.Response, status: int = 200) -> Any:
    """Assert the status and return the JSON body."""
    assert answer.status_code == status, answer.text
    return answer.json()


def problem(answer: httpx.Response, status: int) -> dict[str, Any]:
    """Assert the answer is an RFC 9457 problem with `status`; return its body."""
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == PROBLEM_JSON
    body: dict[str, Any] = answer.json()
    assert body["status"] == status
    assert body["type"].startswith("urn:ngo-platform:problem:")
    assert body["title"] and body["detail"]
    return body


def error_fields(body: dict[str, Any]) -> list[str]:
    """Return the last segment of each field a problem names (`body.nip` -> `nip`)."""
    return [error["field"].rsplit(".", 1)[-1] for error in body.get("errors", [])]
