"""Baseline app: a bare FastAPI endpoint answering the public search from the engine alone.

Run in its own process: `python -m bench.baselines.search_app --uri URI --database DB --port N`.
It builds the same tantivy index as the registry (services/registry/adapters/search) from
the store at start, then answers GET /public/organizations from it: no validation models,
middleware, logging, metrics or projector. The benchmark checks that both endpoints return the
same ids before it measures, so the ratio is what the registry's app adds to the engine.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import pydantic_core
import uvicorn
from fastapi import FastAPI, Response
from pymongo import AsyncMongoClient

from services.registry.adapters.search.index import OFFSET_MARK, SearchIndex
from services.registry.adapters.search.projector import rebuild
from services.registry.repository.public import PublicDirectory

__all__ = ["create_app"]

Document = dict[str, Any]


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    key = base64.urlsafe_b64decode(cursor.encode()).decode()
    return int(key[len(OFFSET_MARK) :].split("\x00", 1)[0])


def create_app(uri: str, database: str) -> FastAPI:
    """Return the app with one route, GET /public/organizations, on `database`'s register."""
    client: AsyncMongoClient[Document] = AsyncMongoClient(uri, tz_aware=True)
    index = SearchIndex()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await rebuild(index, PublicDirectory(client[database]))
        yield
        await client.close()

    app = FastAPI(lifespan=lifespan, openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/healthz")
    async def healthz() -> Response:
        await client.admin.command("ping")
        return Response(b'{"status":"ok"}', media_type="application/json")

    @app.get("/public/organizations")
    async def search(
        q: str | None = None,
        municipality: str | None = None,
        area: str | None = None,
        legal_form: str | None = None,
        scope: str | None = None,
        status: str | None = None,
        opp: bool | None = None,
        sort: str | None = None,
        cursor: str | None = None,
        limit: int = 50,
    ) -> Response:
        filters = {
            "municipality": municipality,
            "area": area,
            "legal_form": legal_form,
            "scope": scope,
            "status": status,
            "opp": None if opp is None else str(opp).lower(),
        }
        page = index.search(q, filters, sort, _offset(cursor), limit)
        next_cursor = None
        if page.next_after:
            next_cursor = base64.urlsafe_b64encode(page.next_after.encode()).decode()
        body = pydantic_core.to_json(
            {"items": page.items, "next_cursor": next_cursor, "facets": page.facets}
        )
        return Response(body, media_type="application/json")

    return app


def main() -> None:
    """Serve the app as the services are served (uvicorn, no access log)."""
    parser = argparse.ArgumentParser(prog="python -m bench.baselines.search_app")
    parser.add_argument("--uri", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--port", type=int, required=True)
    arguments = parser.parse_args()
    uvicorn.run(
        create_app(arguments.uri, arguments.database),
        host="127.0.0.1",
        port=arguments.port,
        log_level="warning",
        access_log=False,
    )


if __name__ == "__main__":
    main()
