"""The services' OpenAPI documents, built from their apps without starting them.

`docs/openapi/<service>.json` is the public HTTP API as committed: a change to a route, a
parameter or a schema shows in review as a change of that file (`make schemas` rewrites them),
and `tests/contract/test_openapi_documents.py` fails while they differ.
"""

from __future__ import annotations

import importlib
import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

from tests.support.services import SERVICES

__all__ = ["DOCUMENTS", "committed", "openapi", "rendered"]

DOCUMENTS = Path(__file__).resolve().parents[2] / "docs" / "openapi"


@cache
def openapi(service: str) -> dict[str, Any]:
    """Return a service's OpenAPI document as its app serves it."""
    settings_module = importlib.import_module(f"services.{service}.settings")
    settings = getattr(settings_module, f"{service.capitalize()}Settings")(
        auth_jwks_url="file:///nonexistent/jwks.json",
        auth_issuer="urn:test",
        deployment="development",
        metrics_port=0,
    )
    app = importlib.import_module(f"services.{service}.app").create_app(settings)
    document: dict[str, Any] = app.openapi()
    return document


def rendered(service: str) -> str:
    """Return the document as committed: sorted keys, two-space indent, final newline."""
    return json.dumps(openapi(service), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def committed(service: str) -> str | None:
    """Return the committed document of a service, or None if there is none."""
    path = DOCUMENTS / f"{service}.json"
    return path.read_text(encoding="utf-8") if path.exists() else None


def main() -> int:
    """Write every service's document under docs/openapi/."""
    DOCUMENTS.mkdir(parents=True, exist_ok=True)
    for service in SERVICES:
        (DOCUMENTS / f"{service}.json").write_text(rendered(service), encoding="utf-8")
        print(f"wrote docs/openapi/{service}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
